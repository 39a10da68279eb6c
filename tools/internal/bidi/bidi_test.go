package bidi

import (
	"strings"
	"testing"
)

func TestCheck(t *testing.T) {
	for _, r := range []rune{0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200E, 0x200F, 0x061C} {
		if msg := Check("title", "abc"+string(r)+"def"); !strings.HasPrefix(msg, "title contains U+") {
			t.Errorf("U+%04X: %q", r, msg)
		}
	}
	// Text in any script, with joiners and other invisible characters
	// that do not reorder, passes.
	for _, s := range []string{"", "Point 3: 各国承诺 in Chinese", "عربي", "a\u200db", "\u00a0"} {
		if msg := Check("title", s); msg != "" {
			t.Errorf("%q: %s", s, msg)
		}
	}
}
