// Package testenv says what a test does when the machine lacks a tool it
// needs, or when the run is short:
//
//   - Missing: outside CI a test whose tool (Chromium, Java, opencc, node
//     packages) is missing is skipped, saying what to install; where CI is
//     set (CI=true, as .ci/run runs), it fails, so that a green CI means the
//     gates ran.
//   - Slow: `go test -short` skips the slow tests (browser gates, searches
//     in a browser, whole builds of synthetic corpora), saying which; the
//     full `go test ./...` runs them.
package testenv

import (
	"os"
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

// Slow skips the test in -short mode, naming what is skipped.
func Slow(t testing.TB, what string) {
	t.Helper()
	if testing.Short() {
		t.Skipf("-short: skipping %s (go test ./... runs it)", what)
	}
}
