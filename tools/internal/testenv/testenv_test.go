package testenv

import (
	"flag"
	"testing"
)

// fakeT records what Missing and Slow do, without ending the test.
type fakeT struct {
	testing.TB
	failed, skipped bool
}

func (f *fakeT) Helper()               {}
func (f *fakeT) Fatalf(string, ...any) { f.failed = true }
func (f *fakeT) Skip(...any)           { f.skipped = true }
func (f *fakeT) Skipf(string, ...any)  { f.skipped = true }

func TestMissing(t *testing.T) {
	for _, ci := range []string{"true", ""} {
		t.Setenv("CI", ci)
		f := &fakeT{}
		Missing(f, "chromium not installed")
		if f.failed != (ci == "true") || f.skipped == (ci == "true") {
			t.Errorf("CI=%q: failed %v, skipped %v", ci, f.failed, f.skipped)
		}
	}
}

// TestSkippedOnce: under -short, Slow records what it skipped, and the line
// Main prints names each once, in order.
func TestSkippedOnce(t *testing.T) {
	short := flag.Lookup("test.short").Value.String()
	t.Cleanup(func() { flag.Set("test.short", short) })
	flag.Set("test.short", "true")
	for _, what := range []string{"the browser gates", "searches in Chromium", "the browser gates"} {
		f := &fakeT{}
		Slow(f, what)
		if !f.skipped {
			t.Errorf("Slow(%q) under -short did not skip", what)
		}
	}
	want := "skipped under -short: the browser gates; searches in Chromium (go test ./... runs them)"
	if got := Skipped(); got != want {
		t.Errorf("Skipped() = %q, want %q", got, want)
	}
}
