// Package themes reads data/themes.toml, the editors' comparison of the
// instruments by theme, and validates it against the parts: every key must
// exist and every verdict must fit the instruments it compares; a point
// under no theme is coverage (File.Uncovered), not an error.
package themes

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/annotated-data-initiatives/site/tools/internal/bidi"
	"github.com/annotated-data-initiatives/site/tools/internal/corpus"
	"github.com/annotated-data-initiatives/site/tools/internal/fileerr"
)

// Path is where the themes live, relative to the project root.
const Path = "data/themes.toml"

// Verdicts on how an instrument relates, on a theme, to the instrument it
// is compared with: "new" names parts of the instrument and none of the
// other, "not-carried-forward" the reverse, the others parts of both.
var Verdicts = []string{"continued", "extended", "narrowed", VerdictNew, VerdictDropped}

// The verdicts with a rule of their own (see Verdicts).
const (
	VerdictNew     = "new"
	VerdictDropped = "not-carried-forward"
)

// Theme is one row of the comparison.
type Theme struct {
	ID    string   `toml:"id"`
	Parts []string `toml:"parts"`
	// Verdicts: instrument id → the verdict on how, on this theme, it
	// relates to the instrument it is compared with (File.Comparisons).
	// A comparison the theme has no verdict for is not judged on it.
	Verdicts    map[string]string `toml:"verdicts"`
	Name        map[string]string `toml:"name"`
	Description map[string]string `toml:"description"`
	Explanation map[string]string `toml:"explanation"`
	// Keywords are, by language, optional words readers may search for
	// that the texts word differently ("data localisation"): indexed with
	// the theme's parts, never shown.
	Keywords map[string][]string `toml:"keywords"`

	Line int `toml:"-"`
}

// Comparison says that an instrument is compared with another: the
// verdicts keyed by Instrument say how it relates to Compared.
type Comparison struct {
	Instrument, Compared string
}

// Joins reports whether instrument (an id) is one of the two c compares.
func (c Comparison) Joins(instrument string) bool {
	return instrument == c.Instrument || instrument == c.Compared
}

// File is the parsed themes file.
type File struct {
	// Compare maps an instrument to the one it is compared with, "" for
	// none. An instrument not listed is compared with the one before it
	// in date order (the manifest's dates); the earliest with none.
	Compare map[string]string `toml:"compare"`
	Themes  []Theme           `toml:"theme"`
	// Comparisons are the pairs of instruments compared, in the date
	// order of the instrument compared (Comparison.Instrument).
	Comparisons []Comparison `toml:"-"`
	// Uncovered are the points under no theme, in document order: the
	// comparison's coverage, which check reports; not an error, so that a
	// new instrument can be published before it is compared.
	Uncovered []string `toml:"-"`

	byPart map[string][]string // see ThemesOf
}

var idRe = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

// Load reads and validates root/data/themes.toml against the instruments,
// listed in date order (byDate), and their parts, in document order. A
// corpus of one instrument has nothing to compare, so its themes file may
// be missing or empty; with more, a missing or empty file would publish a
// comparison with nothing in it, and is an error.
//
// locales are the site's languages: a theme is named, described and
// explained in each.
func Load(root string, locales, byDate []string, parts []corpus.Part) (*File, error) {
	data, err := os.ReadFile(filepath.Join(root, Path))
	if errors.Is(err, os.ErrNotExist) {
		if n := len(byDate); n > 1 {
			return nil, &fileerr.Error{File: Path, Msg: fmt.Sprintf("missing: the %d instruments need themes comparing them (see docs/editors-guide.md)", n)}
		}
		return &File{}, nil
	}
	if err != nil {
		return nil, fileerr.Rel(root, err)
	}
	return Parse(data, locales, byDate, parts)
}

// Parse validates the text of a themes file for a site of the given
// languages (locales) against the instruments in date order (byDate) and
// their parts.
func Parse(data []byte, locales, byDate []string, parts []corpus.Part) (*File, error) {
	var f File
	doc, err := fileerr.DecodeTOML(Path, data, &f)
	if err != nil {
		return nil, err
	}
	if err := doc.Unknown(nil); err != nil {
		return nil, err
	}
	if n := len(byDate); n > 1 && len(f.Themes) == 0 {
		return nil, &fileerr.Error{File: Path, Line: 1, Msg: fmt.Sprintf("no [[theme]]: the %d instruments need themes comparing them (see docs/editors-guide.md)", n)}
	}
	if err := f.pairInstruments(doc, byDate); err != nil {
		return nil, err
	}
	compared := map[string]string{} // instrument → the one it is compared with
	for _, c := range f.Comparisons {
		compared[c.Instrument] = c.Compared
	}
	for i := range f.Themes {
		f.Themes[i].Line = doc.Line(fmt.Sprintf("theme[%d]", i))
	}
	byKey := map[string]corpus.Part{}
	for _, p := range parts {
		byKey[p.Key] = p
	}
	seen := map[string]bool{}
	covered := map[string]bool{}
	// hint says, where an instrument is compared with the one before it
	// by date (no [compare] entry), how to compare it with another: a new
	// instrument dated between two compared ones changes the default.
	hint := func(inst, other string) string {
		if _, set := f.Compare[inst]; set {
			return ""
		}
		return fmt.Sprintf(" (%s is compared with %s, the instrument before it by date; to compare it with another, add [compare] %s = \"<instrument>\")", inst, other, inst)
	}
	for i, th := range f.Themes {
		at := func(key string) int { return doc.Within(fmt.Sprintf("theme[%d]", i), key) }
		if !idRe.MatchString(th.ID) {
			return nil, &fileerr.Error{File: Path, Line: at("id"), Msg: fmt.Sprintf("theme id %q: use lower-case letters, digits and hyphens", th.ID)}
		}
		if seen[th.ID] {
			return nil, &fileerr.Error{File: Path, Line: at("id"), Msg: fmt.Sprintf("duplicate theme id %q", th.ID)}
		}
		seen[th.ID] = true
		if len(th.Parts) == 0 {
			return nil, &fileerr.Error{File: Path, Line: th.Line, Msg: fmt.Sprintf("theme %s names no parts", th.ID)}
		}
		in := map[string]bool{}
		for _, k := range th.Parts {
			p, ok := byKey[k]
			if !ok {
				return nil, &fileerr.Error{File: Path, Line: partLine(data, k, at("parts")), Msg: fmt.Sprintf("theme %s: unknown part %q", th.ID, k)}
			}
			in[p.Instrument] = true
			covered[k] = true
		}
		for _, field := range []struct {
			name string
			m    map[string]string
		}{{"name", th.Name}, {"description", th.Description}, {"explanation", th.Explanation}} {
			for _, lang := range locales {
				if strings.TrimSpace(field.m[lang]) == "" {
					return nil, &fileerr.Error{File: Path, Line: th.Line, Msg: fmt.Sprintf("theme %s: %s.%s is missing", th.ID, field.name, lang)}
				}
				if msg := bidi.Check(field.name+"."+lang, field.m[lang]); msg != "" {
					return nil, &fileerr.Error{File: Path, Line: max(doc.Line(fmt.Sprintf("theme[%d].%s.%s", i, field.name, lang)), at(field.name)), Msg: fmt.Sprintf("theme %s: %s", th.ID, msg)}
				}
			}
		}
		// In date order of their instruments: the first problem reported
		// does not depend on the order of a map.
		for _, inst := range sortedKeys(th.Verdicts, byDate) {
			v := th.Verdicts[inst]
			line := doc.Within(fmt.Sprintf("theme[%d].verdicts", i), inst)
			if line == 0 {
				line = at("verdicts")
			}
			other, ok := compared[inst]
			switch {
			case !slices.Contains(byDate, inst):
				return nil, &fileerr.Error{File: Path, Line: line, Msg: fmt.Sprintf("theme %s: verdict for unknown instrument %q", th.ID, inst)}
			case !ok:
				return nil, &fileerr.Error{File: Path, Line: line, Msg: fmt.Sprintf("theme %s: verdict for %s, which is compared with no instrument (see [compare])", th.ID, inst)}
			case !slices.Contains(Verdicts, v):
				return nil, &fileerr.Error{File: Path, Line: line, Msg: fmt.Sprintf("theme %s: verdict %q is not one of %s", th.ID, v, strings.Join(Verdicts, ", "))}
			}
			switch v {
			case VerdictNew:
				if in[other] || !in[inst] {
					return nil, &fileerr.Error{File: Path, Line: line, Msg: fmt.Sprintf("theme %s: %s for %s names parts of %s and none of %s, the instrument it is compared with", th.ID, v, inst, inst, other) + hint(inst, other)}
				}
			case VerdictDropped:
				if !in[other] || in[inst] {
					return nil, &fileerr.Error{File: Path, Line: line, Msg: fmt.Sprintf("theme %s: %s for %s names parts of %s, the instrument it is compared with, and none of %s", th.ID, v, inst, other, inst) + hint(inst, other)}
				}
			default:
				if !in[other] || !in[inst] {
					return nil, &fileerr.Error{File: Path, Line: line, Msg: fmt.Sprintf("theme %s: %s for %s compares it with %s, so it names parts of each", th.ID, v, inst, other) + hint(inst, other)}
				}
			}
		}
	}
	if len(f.Themes) > 0 {
		for _, p := range parts {
			if p.Role == corpus.RoleClause && !covered[p.Key] {
				f.Uncovered = append(f.Uncovered, p.Key)
			}
		}
	}
	return &f, nil
}

// pairInstruments checks [compare] and sets f.Comparisons: each instrument
// with the one [compare] names, else with the one before it in date order.
func (f *File) pairInstruments(doc *fileerr.Doc, byDate []string) error {
	for _, inst := range sortedKeys(f.Compare, byDate) {
		other := f.Compare[inst]
		line := doc.Within("compare", inst)
		switch {
		case !slices.Contains(byDate, inst):
			return &fileerr.Error{File: Path, Line: line, Msg: fmt.Sprintf("compare: unknown instrument %q", inst)}
		case other == "":
		case !slices.Contains(byDate, other):
			return &fileerr.Error{File: Path, Line: line, Msg: fmt.Sprintf("compare: %s is compared with unknown instrument %q", inst, other)}
		case other == inst:
			return &fileerr.Error{File: Path, Line: line, Msg: fmt.Sprintf("compare: %s is compared with itself", inst)}
		}
	}
	with := map[string]string{}
	for i, inst := range byDate {
		other, ok := f.Compare[inst]
		if !ok && i > 0 {
			other = byDate[i-1]
		}
		if other != "" {
			with[inst] = other
			f.Comparisons = append(f.Comparisons, Comparison{Instrument: inst, Compared: other})
		}
	}
	// Two instruments compared each with the other would carry two
	// verdicts on one relation: the editor says which way it goes.
	for _, c := range f.Comparisons {
		if with[c.Compared] != c.Instrument {
			continue
		}
		line := doc.Within("compare", c.Instrument)
		if _, ok := f.Compare[c.Instrument]; !ok {
			line = doc.Within("compare", c.Compared)
		}
		return &fileerr.Error{File: Path, Line: line, Msg: fmt.Sprintf("compare: %s and %s are compared each with the other; under [compare], set one of them to \"\"", c.Instrument, c.Compared)}
	}
	return nil
}

// sortedKeys lists the keys of m: those in order first, in that order,
// then the others sorted.
func sortedKeys(m map[string]string, order []string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	pos := func(k string) int {
		if i := slices.Index(order, k); i >= 0 {
			return i
		}
		return len(order)
	}
	slices.SortFunc(keys, func(a, b string) int {
		return cmp.Or(cmp.Compare(pos(a), pos(b)), strings.Compare(a, b))
	})
	return keys
}

// Verdict is the theme's verdict on a comparison, "" when it gives none.
func (th *Theme) Verdict(c Comparison) string { return th.Verdicts[c.Instrument] }

// Pairs lists the related pairs of parts: for each theme and each
// comparison, each part of the instrument compared with (first) with each
// part of the instrument compared (second). Parts of instruments that are
// not compared are not paired. Each pair is listed once, in the order the
// themes name them.
func (f *File) Pairs(instrumentOf func(key string) string) [][2]string {
	var out [][2]string
	seen := map[[2]string]bool{}
	for _, th := range f.Themes {
		for _, c := range f.Comparisons {
			for _, a := range th.Parts {
				if instrumentOf(a) != c.Compared {
					continue
				}
				for _, b := range th.Parts {
					if instrumentOf(b) != c.Instrument {
						continue
					}
					if p := [2]string{a, b}; !seen[p] {
						seen[p] = true
						out = append(out, p)
					}
				}
			}
		}
	}
	return out
}

// SearchTerms are, for a part, the names and keywords of the themes that
// list it in a language (a locale), in the themes file's order, once
// each: what the search index holds of the part besides its text.
func (f *File) SearchTerms(key, lang string) []string {
	var out []string
	for _, id := range f.ThemesOf(key) {
		for _, th := range f.Themes {
			if th.ID != id {
				continue
			}
			for _, term := range append([]string{th.Name[lang]}, th.Keywords[lang]...) {
				if term = strings.TrimSpace(term); term != "" && !slices.Contains(out, term) {
					out = append(out, term)
				}
			}
		}
	}
	return out
}

// ThemesOf lists the ids of the themes that name a part, in the file's
// order. The index is built on the first call: a lookup, not a scan of
// every theme per part.
func (f *File) ThemesOf(key string) []string {
	if f.byPart == nil {
		f.byPart = map[string][]string{}
		for _, th := range f.Themes {
			for _, p := range th.Parts {
				if ids := f.byPart[p]; len(ids) == 0 || ids[len(ids)-1] != th.ID {
					f.byPart[p] = append(ids, th.ID)
				}
			}
		}
	}
	return f.byPart[key]
}

// partLine is the line, from the theme's parts key on, that names key (a
// list of parts may span lines).
func partLine(data []byte, key string, from int) int {
	needle := []byte(`"` + key + `"`)
	lines := bytes.Split(data, []byte("\n"))
	for n := max(from-1, 0); n < len(lines); n++ {
		if bytes.Contains(lines[n], needle) {
			return n + 1
		}
	}
	return from
}
