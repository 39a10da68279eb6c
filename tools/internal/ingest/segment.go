package ingest

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/annotated-data-initiatives/site/tools/internal/corpus"
	"github.com/annotated-data-initiatives/site/tools/internal/manifest"
)

// Part is a part of an instrument (corpus.Part), as ingest makes it.
type Part = corpus.Part

// segment pairs the paragraphs of each language of an instrument's
// authoritative sources and cuts them into parts by the declared structure.
// The instrument's first language (in the site's order) is the reference:
// every other language must have as many paragraphs, one for one.
func segment(m *manifest.Manifest, in *manifest.Instrument, bySource map[string]*Extracted) ([]Part, error) {
	langs := m.Languages(in)
	authority := map[string]*Extracted{}
	for _, lang := range langs {
		authority[lang] = bySource[in.Authority[lang]]
	}
	want := 0
	for _, b := range in.Structure {
		want += b.Count
	}
	refLang := langs[0]
	refX := authority[refLang]
	ref := refX.Paras[refLang]
	for _, lang := range langs[1:] {
		if err := checkPaired(in, want, refLang, refX, lang, authority[lang]); err != nil {
			return nil, err
		}
	}
	if len(ref) != want {
		if len(ref) > want {
			return nil, fmt.Errorf("%s:%d: source %s: %d paragraphs but the structure of %s declares %d; the first one beyond it: %q",
				ref[want].File, ref[want].Line, refX.Source.ID, len(ref), in.ID, want, excerpt(ref[want].Text))
		}
		if len(ref) > 0 {
			last := ref[len(ref)-1]
			return nil, fmt.Errorf("%s:%d: source %s: the %s text ends after paragraph %d but the structure of %s declares %d; is the capture cut off?",
				last.File, last.Line, refX.Source.ID, langName(refLang), len(ref), in.ID, want)
		}
		return nil, fmt.Errorf("%s: source %s: %d paragraphs but the structure of %s declares %d",
			refX.Path, refX.Source.ID, len(ref), in.ID, want)
	}
	var parts []Part
	seen := map[string]int{}
	next := map[string]int{}
	i := 0
	for _, b := range in.Structure {
		if b.First > 0 {
			next[b.Kind] = b.First
		} else if next[b.Kind] == 0 {
			next[b.Kind] = 1
		}
		for k := 0; k < b.Count; k++ {
			n := next[b.Kind]
			next[b.Kind]++
			p := Part{
				Instrument: in.ID,
				Kind:       b.Kind,
				Ordinal:    n,
				Weight:     i + 1,
				Text:       map[string]string{},
				Hash:       map[string]string{},
				Source:     map[string]string{},
				File:       map[string]string{},
				Line:       map[string]int{},
			}
			switch b.Kind {
			case manifest.BlockPreamble:
				p.ID, p.Role = "preamble__p_"+strconv.Itoa(n), corpus.RolePreamble
			case manifest.BlockIntro:
				p.ID, p.Role = "intro", corpus.RolePreamble
			case manifest.BlockPoint:
				p.ID, p.Role, p.Number = "point_"+strconv.Itoa(n), corpus.RoleClause, strconv.Itoa(n)
			case manifest.BlockClosing:
				p.ID, p.Role = "conclusions__p_"+strconv.Itoa(n), corpus.RoleClosing
			}
			p.Key = corpus.Key(in.ID, p.ID)
			if prev, dup := seen[p.ID]; dup {
				return nil, fmt.Errorf("%s:%d: source %s: two parts of %s have the ID %s (paragraphs %d and %d); check the structure's first numbers",
					ref[i].File, ref[i].Line, refX.Source.ID, in.ID, p.ID, prev+1, i+1)
			}
			seen[p.ID] = i
			for lang, x := range authority {
				para := x.Paras[lang][i]
				p.Text[lang] = para.Text
				p.Source[lang] = x.Source.ID
				p.File[lang] = para.File
				p.Line[lang] = para.Line
			}
			parts = append(parts, p)
			i++
		}
	}
	return parts, nil
}

// checkPaired makes sure the text of an instrument in lang (from source x)
// has a paragraph for each paragraph of the reference language's text
// (from refX), and names the first paragraph that has none.
func checkPaired(in *manifest.Instrument, want int, refLang string, refX *Extracted, lang string, x *Extracted) error {
	ref, other := refX.Paras[refLang], x.Paras[lang]
	if len(ref) == len(other) {
		return nil
	}
	// Name the first paragraph that has no counterpart, found by aligning
	// the two lists on paragraph length.
	first, n := firstUnpaired(ref, other)
	long, longX, longLang := other, x, lang
	short, shortX, shortLang := ref, refX, refLang
	if first == 0 {
		long, longX, longLang = ref, refX, refLang
		short, shortX, shortLang = other, x, lang
	}
	if n == len(short) && len(short) > 0 {
		// Everything pairs up to where one language stops: that capture
		// looks cut off.
		last := short[len(short)-1]
		return fmt.Errorf("%s:%d: source %s: the %s text ends after paragraph %d of %d (the %s text of source %s has %d, the structure of %s declares %d); is the capture cut off?",
			last.File, last.Line, shortX.Source.ID, langName(shortLang), len(short), len(long), langName(longLang), longX.Source.ID, len(long), in.ID, want)
	}
	return fmt.Errorf("%s:%d: source %s: %d %s and %d %s paragraphs for %s; %s paragraph %d cannot be paired: %q",
		long[n].File, long[n].Line, longX.Source.ID, len(ref), langName(refLang), len(other), langName(lang), in.ID, langName(longLang), n+1, excerpt(long[n].Text))
}

// applyErrata corrects the parts with the errata of every source that
// supplies them. The wrong text must occur exactly once. The errata of a
// capture that corroborates the text in a language are applied to that
// capture when it is compared (corroborate).
func applyErrata(m *manifest.Manifest, in *manifest.Instrument, parts []Part, x *Extracted) ([]string, error) {
	var applied []string
	for _, e := range x.Source.Errata {
		if corroborates(in, x, e.Lang) {
			continue
		}
		var p *Part
		for i := range parts {
			if parts[i].ID == e.Part || parts[i].Key == e.Part {
				p = &parts[i]
			}
		}
		if p == nil {
			return nil, fmt.Errorf("%s:%d: erratum of source %s names unknown part %q", m.Path, e.Line, x.Source.ID, e.Part)
		}
		if p.Source[e.Lang] != x.Source.ID {
			return nil, fmt.Errorf("%s:%d: erratum of source %s: the %s text of %s does not come from this source", m.Path, e.Line, x.Source.ID, langName(e.Lang), p.Key)
		}
		switch c := strings.Count(p.Text[e.Lang], e.Wrong); c {
		case 0:
			return nil, fmt.Errorf("%s:%d: erratum of source %s: wrong text %q not found in the %s text of %s", m.Path, e.Line, x.Source.ID, e.Wrong, langName(e.Lang), p.Key)
		case 1:
		default:
			return nil, fmt.Errorf("%s:%d: erratum of source %s: wrong text %q occurs %d times in the %s text of %s; quote more of it", m.Path, e.Line, x.Source.ID, e.Wrong, c, langName(e.Lang), p.Key)
		}
		p.Text[e.Lang] = strings.Replace(p.Text[e.Lang], e.Wrong, e.Right, 1)
		applied = append(applied, fmt.Sprintf("corrected %s (%s): %q → %q, on the authority of %s", p.Key, langName(e.Lang), e.Wrong, e.Right, e.Authority))
	}
	return applied, nil
}

// hashText is the SHA-256 of s in hex: the content hash of a part's text in
// one language, and of a capture's bytes.
func hashText(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

func excerpt(s string) string {
	r := []rune(s)
	if len(r) > 60 {
		return string(r[:60]) + "…"
	}
	return s
}

// firstUnpaired aligns two paragraph lists of different lengths in the
// manner of Gale and Church: translations have proportional lengths, so the
// cheapest alignment of one-to-one pairs and unpaired paragraphs shows where
// a paragraph has no counterpart. List items only pair with list items. It
// returns which list (0 for the first, 1 for the second) and the index
// there of the first unpaired paragraph.
func firstUnpaired(en, zh []Para) (int, int) {
	total := func(ps []Para) float64 {
		n := 0
		for _, p := range ps {
			n += utf8.RuneCountInString(p.Text)
		}
		return float64(n) + 1
	}
	// The ratio of the languages' lengths, from the paragraphs both have:
	// a text cut off in one language would skew a ratio of the totals, and
	// the alignment would then give up at its start.
	k := min(len(en), len(zh))
	ratio := total(en[:k]) / total(zh[:k])
	const skip = 4.0 // cost of leaving a paragraph unpaired
	match := func(i, j int) float64 {
		if en[i].Listed != zh[j].Listed {
			return math.Inf(1)
		}
		d := math.Log((float64(utf8.RuneCountInString(en[i].Text)) + 1) / (ratio*float64(utf8.RuneCountInString(zh[j].Text)) + 1))
		return d * d
	}
	// cost[i][j]: best alignment of en[i:] with zh[j:].
	cost := make([][]float64, len(en)+1)
	for i := range cost {
		cost[i] = make([]float64, len(zh)+1)
	}
	for i := len(en); i >= 0; i-- {
		for j := len(zh); j >= 0; j-- {
			switch {
			case i == len(en) && j == len(zh):
				cost[i][j] = 0
			case i == len(en):
				cost[i][j] = skip + cost[i][j+1]
			case j == len(zh):
				cost[i][j] = skip + cost[i+1][j]
			default:
				cost[i][j] = min(match(i, j)+cost[i+1][j+1], skip+cost[i+1][j], skip+cost[i][j+1])
			}
		}
	}
	i, j := 0, 0
	for i < len(en) && j < len(zh) {
		switch c := cost[i][j]; {
		case c == match(i, j)+cost[i+1][j+1]:
			i, j = i+1, j+1
		case c == skip+cost[i+1][j]:
			return 0, i
		default:
			return 1, j
		}
	}
	if i < len(en) {
		return 0, i
	}
	return 1, j
}
