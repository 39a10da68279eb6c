// Package testenv says what a test does when the machine lacks a tool it
// needs, or when the run is short:
//
//   - Missing: outside CI a test whose tool (Chromium, Java, opencc, node
//     packages) is missing is skipped, saying what to install; where CI is
//     set (CI=true, as .ci/run runs), it fails, so that a green CI means the
//     gates ran.
//   - Slow: `go test -short` skips the slow tests (browser gates, searches
//     in a browser, whole builds of synthetic corpora), saying which; the
//     full `go test ./...` runs them. A package with slow tests runs them
//     through Main, which prints one line naming what was skipped.
package testenv

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
)

// InCI reports whether the tests run in CI (CI=true).
func InCI() bool { return os.Getenv("CI") == "true" }

// Missing reports that the tool described by msg is missing: the test fails
// in CI and is skipped elsewhere.
func Missing(t testing.TB, msg string) {
	t.Helper()
	if InCI() {
		t.Fatalf("%s (CI=true: a missing tool fails the run)", msg)
		return
	}
	t.Skip(msg)
}

// skipped is what Slow skipped in this test binary, in order, once each.
var skipped struct {
	sync.Mutex
	whats []string
}

// Slow skips the test in -short mode, naming what is skipped; Main names
// it again, with the others, once the tests have run.
func Slow(t testing.TB, what string) {
	t.Helper()
	if testing.Short() {
		skipped.Lock()
		if !slices.Contains(skipped.whats, what) {
			skipped.whats = append(skipped.whats, what)
		}
		skipped.Unlock()
		t.Skipf("-short: skipping %s (go test ./... runs it)", what)
	}
}

// Skipped is the line Main prints: what Slow skipped so far, each once,
// or "" when it skipped nothing.
func Skipped() string {
	skipped.Lock()
	defer skipped.Unlock()
	if len(skipped.whats) == 0 {
		return ""
	}
	return "skipped under -short: " + strings.Join(skipped.whats, "; ") + " (go test ./... runs them)"
}

// Main runs the package's tests and returns their exit status; under
// -short it then prints one line naming what they skipped, instead of a
// skip per test scattered through the output. Call it from TestMain:
//
//	func TestMain(m *testing.M) { os.Exit(testenv.Main(m)) }
//
// (go test shows a passing package's output only with -v: `go test -short
// ./...` prints its "ok" lines, `go test -short -v ./...` this line too.)
func Main(m *testing.M) int {
	code := m.Run()
	if line := Skipped(); line != "" {
		fmt.Println(line)
	}
	return code
}
