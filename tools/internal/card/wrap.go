package card

import (
	"strings"
	"unicode"

	"golang.org/x/image/font"
	"golang.org/x/image/math/fixed"
)

// Wrap breaks s into at most maxLines lines no wider than width pixels in
// face. Lines break at spaces (which are dropped) and between two Han
// characters, never before a closing mark or after an opening one; a word
// wider than a line is broken where it must. When s needs more lines, the
// last one ends in an ellipsis. Line breaks in s are kept.
func Wrap(face font.Face, s string, width, maxLines int) []string {
	limit := fixed.I(width)
	adv := func(r rune) fixed.Int26_6 {
		a, _ := face.GlyphAdvance(r)
		return a
	}
	measure := func(rs []rune) fixed.Int26_6 {
		var w fixed.Int26_6
		for _, r := range rs {
			w += adv(r)
		}
		return w
	}
	var lines [][]rune
	for _, para := range strings.Split(s, "\n") {
		var line []rune
		var used fixed.Int26_6
		// cut is the index in line where it may break (-1: nowhere
		// yet), and space whether a space to drop is there.
		cut, space := -1, false
		for _, r := range para {
			if len(line) > 0 && !unicode.IsSpace(r) && breakable(line[len(line)-1], r) {
				cut, space = len(line), false
			}
			if used+adv(r) > limit && !unicode.IsSpace(r) && len(line) > 0 {
				if cut <= 0 {
					cut, space = len(line), false // a word wider than the line
				}
				rest := line[cut:]
				if space {
					rest = rest[1:]
				}
				lines = append(lines, []rune(strings.TrimRightFunc(string(line[:cut]), unicode.IsSpace)))
				line = append([]rune(nil), rest...)
				used = measure(line)
				cut, space = -1, false
			}
			if unicode.IsSpace(r) {
				if len(line) == 0 {
					continue
				}
				cut, space = len(line), true
			}
			line = append(line, r)
			used += adv(r)
		}
		lines = append(lines, []rune(strings.TrimRightFunc(string(line), unicode.IsSpace)))
	}
	if len(lines) > maxLines {
		last := append(lines[maxLines-1], ' ')
		lines = lines[:maxLines]
		el := measure([]rune(ellipsis))
		for len(last) > 0 && (measure(last)+el > limit || unicode.IsSpace(last[len(last)-1]) || unicode.IsPunct(last[len(last)-1])) {
			last = last[:len(last)-1]
		}
		lines[maxLines-1] = append(last, []rune(ellipsis)...)
	}
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = string(l)
	}
	return out
}

// breakable reports whether a line may break between a and b: between two
// wide characters, unless b closes or a opens.
func breakable(a, b rune) bool {
	return wide(a) && wide(b) && !strings.ContainsRune("、。，．：；！？）》」』】〉", b) && !strings.ContainsRune("（《「『【〈", a)
}

// wide reports whether r takes a full em: Han, kana, hangul and the
// full-width forms and marks.
func wide(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) ||
		(r >= 0x3000 && r <= 0x303f) || (r >= 0xff00 && r <= 0xff60)
}
