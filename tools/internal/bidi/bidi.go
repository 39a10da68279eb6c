// Package bidi finds the invisible bidirectional control characters that
// can make text display in an order other than the one it is stored in
// (a title that reads one way and says another). Titles and names an
// editor writes may not contain them.
package bidi

import "fmt"

// names are the controls refused, by code point: the embeddings and
// overrides (U+202A–U+202E), the isolates (U+2066–U+2069) and the marks
// (U+200E, U+200F, U+061C).
var names = map[rune]string{
	0x202A: "LEFT-TO-RIGHT EMBEDDING",
	0x202B: "RIGHT-TO-LEFT EMBEDDING",
	0x202C: "POP DIRECTIONAL FORMATTING",
	0x202D: "LEFT-TO-RIGHT OVERRIDE",
	0x202E: "RIGHT-TO-LEFT OVERRIDE",
	0x2066: "LEFT-TO-RIGHT ISOLATE",
	0x2067: "RIGHT-TO-LEFT ISOLATE",
	0x2068: "FIRST STRONG ISOLATE",
	0x2069: "POP DIRECTIONAL ISOLATE",
	0x200E: "LEFT-TO-RIGHT MARK",
	0x200F: "RIGHT-TO-LEFT MARK",
	0x061C: "ARABIC LETTER MARK",
}

// Check returns "" when s has no bidirectional control, and otherwise a
// message naming the first one and field (what s is, e.g. "title").
func Check(field, s string) string {
	for _, r := range s {
		if name, ok := names[r]; ok {
			return fmt.Sprintf("%s contains U+%04X %s, an invisible character that changes the order in which text is shown; remove it", field, r, name)
		}
	}
	return ""
}
