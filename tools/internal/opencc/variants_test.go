package opencc

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/annotated-data-initiatives/site/tools/internal/testenv"
)

func TestTaiwanVariants(t *testing.T) {
	if got := TaiwanVariants(S2T("行为改变着")); got != "行為改變著" {
		t.Errorf("got %q", got)
	}
}

// TestTaiwanVariantsMatchesCLI compares S2T+TaiwanVariants with `opencc -c
// s2tw` on the project's Chinese texts.
func TestTaiwanVariantsMatchesCLI(t *testing.T) {
	if _, err := exec.LookPath("opencc"); err != nil {
		testenv.Missing(t, "opencc command not found (Debian: apt-get install opencc); skipping differential test against opencc -c s2tw")
	}
	var lines []string
	for _, l := range readTestdata(t) {
		lines = append(lines, TW2S(l))
	}
	cmd := exec.Command("opencc", "-c", "s2tw")
	cmd.Stdin = strings.NewReader(strings.Join(lines, "\n") + "\n")
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	if len(want) != len(lines) {
		t.Fatalf("opencc printed %d lines for %d input lines", len(want), len(lines))
	}
	for i, l := range lines {
		if got := TaiwanVariants(S2T(l)); got != want[i] {
			t.Errorf("line %d:\n got  %s\n want %s", i+1, got, want[i])
		}
	}
}
