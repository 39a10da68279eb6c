package ingest

import (
	"strings"
	"unicode"

	"github.com/annotated-data-initiatives/site/tools/internal/site"
)

// Card is the text of a page's link-preview image (og:image), which the
// layouts draw with Hugo's images.Text on assets/images/card.png
// (utils/card.html). images.Text breaks lines only at spaces, so Title and
// Subtitle come with line breaks where a run of text without spaces (Han
// text) is longer than a line; Alt is the same text on one line, for
// og:image:alt.
type Card struct {
	Title    string `toml:"title"`
	Subtitle string `toml:"subtitle"`
	Alt      string `toml:"alt"`
}

// The card's lines, in ems of its font: the text is drawn 1,100 pixels
// wide (80 from the left edge, 20 from the right, as images.Text keeps
// them), the title at 64 pixels and the subtitle at 36
// (utils/card.html).
const (
	cardTitleEms    = 1100.0 / 64
	cardSubtitleEms = 1100.0 / 36
)

// newCard makes a page's card from its title and subtitle in language l
// (i18n cardAlt says how the alternative text joins them).
func newCard(l *site.Language, title, subtitle string) (Card, error) {
	alt, err := l.T("cardAlt", map[string]any{"Title": title, "Subtitle": subtitle})
	if err != nil {
		return Card{}, err
	}
	return Card{Title: wrapCard(title, cardTitleEms), Subtitle: wrapCard(subtitle, cardSubtitleEms), Alt: alt}, nil
}

// wrapCard breaks s into lines of at most ems, as the eye measures a
// bold sans: a Han character or full-width mark is one em, anything else
// about six tenths. Lines break at spaces, and between two Han characters
// where a run is too long, never before a closing mark or after an
// opening one; a word longer than a line stays whole. The lines are joined
// with "\n" (a space where a line broke at one is dropped).
func wrapCard(s string, ems float64) string {
	width := func(r rune) float64 {
		if wide(r) {
			return 1
		}
		return 0.6
	}
	var lines []string
	var line []rune
	used := 0.0
	// lastBreak is the index in line after which the line may break
	// (-1: nowhere yet), and skip whether the rune there is a space.
	lastBreak, skip := -1, false
	for _, r := range s {
		if len(line) > 0 && !unicode.IsSpace(r) && breakable(line[len(line)-1], r) {
			lastBreak, skip = len(line), false
		}
		if used+width(r) > ems && lastBreak > 0 && !unicode.IsSpace(r) {
			rest := line[lastBreak:]
			if skip {
				rest = rest[1:]
			}
			lines = append(lines, strings.TrimRightFunc(string(line[:lastBreak]), unicode.IsSpace))
			line = append([]rune(nil), rest...)
			used = 0
			for _, x := range line {
				used += width(x)
			}
			lastBreak, skip = -1, false
		}
		if unicode.IsSpace(r) {
			lastBreak, skip = len(line), true
		}
		line = append(line, r)
		used += width(r)
	}
	lines = append(lines, string(line))
	return strings.Join(lines, "\n")
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
