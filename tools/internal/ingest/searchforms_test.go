package ingest

import (
	"strings"
	"testing"
)

// TestChangedPhrases: only the phrases a conversion changes are kept, once
// each; text it leaves alone adds nothing.
func TestChangedPhrases(t *testing.T) {
	upper := strings.ToUpper
	for _, tt := range []struct{ text, want string }{
		{"", ""},
		{"ABC, DEF.", ""},
		{"abc, DEF; abc (ghi)", "ABC GHI"},
		{"MIXED: abc, ABC.", ""}, // "ABC" is in the text already
	} {
		if got := changedPhrases(tt.text, upper); got != tt.want {
			t.Errorf("changedPhrases(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}
