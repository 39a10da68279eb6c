package main

import (
	"bytes"
	"os/exec"
	"regexp"
	"strings"
	"testing"
)

// TestBench runs the bench command at a tiny size (2 instruments of 10
// and of 20 parts), building with the site's layouts and with minimal ones,
// and checks its report ends with the ratio line.
func TestBench(t *testing.T) {
	if testing.Short() {
		t.Skip("builds with Hugo; skipped with -short")
	}
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command to locate Hugo:", err)
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"bench", "-parts", "20,40", "-instruments", "2"}, &stdout, &stderr); code != 0 {
		t.Fatalf("bench exited %d: %s", code, stderr.String())
	}
	out := strings.TrimRight(stdout.String(), "\n")
	lines := strings.Split(out, "\n")
	if last := lines[len(lines)-1]; !regexp.MustCompile(`^ratio \d+\.\d\d$`).MatchString(last) {
		t.Errorf("last line = %q, want ratio R.RR\n%s", last, out)
	}
	for _, want := range []string{
		"corpus 40: 2 instruments × 20 parts",
		"ours 40: ", "bare 40: ", "ms per page, peak RSS ",
		"scaling ours: time(40)/time(20) = ", "per 10× the pages (target ≤ 11)", "scaling bare: ",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
}
