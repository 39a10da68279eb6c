// Package themes reads data/themes.toml, the editors' comparison of the
// instruments by theme, and validates it against the parts: every key must
// exist, every verdict must fit the instruments it names, and every point of
// every instrument must appear under some theme.
package themes

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/annotated-data-initiatives/site/tools/internal/corpus"
	"github.com/annotated-data-initiatives/site/tools/internal/fileerr"
)

// Path is where the themes live, relative to the project root.
const Path = "data/themes.toml"

// Verdicts on how the later instrument relates to the earlier one.
var Verdicts = []string{"continued", "extended", "narrowed", "new-in-2024", "not-carried-forward"}

// Theme is one row of the comparison.
type Theme struct {
	ID          string            `toml:"id"`
	Verdict     string            `toml:"verdict"`
	Parts       []string          `toml:"parts"`
	Name        map[string]string `toml:"name"`
	Description map[string]string `toml:"description"`
	Explanation map[string]string `toml:"explanation"`
	// Keywords are, by language, optional words readers may search for
	// that the texts word differently ("data localisation"): indexed with
	// the theme's parts, never shown.
	Keywords map[string][]string `toml:"keywords"`

	Line int `toml:"-"`
}

// File is the parsed themes file.
type File struct {
	// Instruments are the instruments the comparison table sets side by
	// side, in column order; the first is the earlier text and the last
	// the later one that the verdicts speak of. Empty means all, in the
	// manifest's order. With many instruments a table of all of them would
	// grow with themes × instruments, hence the choice.
	Instruments []string `toml:"instruments"`
	Themes      []Theme  `toml:"theme"`
	// Uncovered are the points under no theme, in document order: the
	// comparison's coverage, which check reports; not an error, so that a
	// new instrument can be published before it is compared.
	Uncovered []string `toml:"-"`

	byPart map[string][]string // see ThemesOf
}

var idRe = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

// Load reads and validates root/data/themes.toml against the parts, listed
// in document order with their instruments in order. A corpus of one
// instrument has nothing to compare, so its themes file may be missing or
// empty; with more, a missing or empty file would publish a comparison with
// nothing in it, and is an error.
func Load(root string, parts []corpus.Part) (*File, error) {
	data, err := os.ReadFile(filepath.Join(root, Path))
	if errors.Is(err, os.ErrNotExist) {
		if n := len(instrumentsOf(parts)); n > 1 {
			return nil, &fileerr.Error{File: Path, Msg: fmt.Sprintf("missing: the %d instruments need themes comparing them (see docs/editors-guide.md)", n)}
		}
		return &File{}, nil
	}
	if err != nil {
		return nil, fileerr.Rel(root, err)
	}
	return Parse(data, parts)
}

// instrumentsOf lists the instruments of parts in the order they come.
func instrumentsOf(parts []corpus.Part) []string {
	var ids []string
	for _, p := range parts {
		if !slices.Contains(ids, p.Instrument) {
			ids = append(ids, p.Instrument)
		}
	}
	return ids
}

// Parse validates the text of a themes file.
func Parse(data []byte, parts []corpus.Part) (*File, error) {
	var f File
	doc, err := fileerr.DecodeTOML(Path, data, &f)
	if err != nil {
		return nil, err
	}
	if err := doc.Unknown(nil); err != nil {
		return nil, err
	}
	if n := len(instrumentsOf(parts)); n > 1 && len(f.Themes) == 0 {
		return nil, &fileerr.Error{File: Path, Line: 1, Msg: fmt.Sprintf("no [[theme]]: the %d instruments need themes comparing them (see docs/editors-guide.md)", n)}
	}
	for i := range f.Themes {
		f.Themes[i].Line = doc.Line(fmt.Sprintf("theme[%d]", i))
	}
	byKey := map[string]corpus.Part{}
	for _, p := range parts {
		byKey[p.Key] = p
	}
	instruments := instrumentsOf(parts)
	if len(f.Instruments) > 0 {
		for i, id := range f.Instruments {
			if !slices.Contains(instruments, id) {
				return nil, &fileerr.Error{File: Path, Line: doc.First("instruments"), Msg: fmt.Sprintf("instruments: unknown instrument %q", id)}
			}
			if slices.Contains(f.Instruments[:i], id) {
				return nil, &fileerr.Error{File: Path, Line: doc.First("instruments"), Msg: fmt.Sprintf("instruments: %q is listed twice", id)}
			}
		}
		instruments = f.Instruments
	}
	seen := map[string]bool{}
	covered := map[string]bool{}
	for i, th := range f.Themes {
		at := func(key string) int { return doc.Within(fmt.Sprintf("theme[%d]", i), key) }
		if !idRe.MatchString(th.ID) {
			return nil, &fileerr.Error{File: Path, Line: at("id"), Msg: fmt.Sprintf("theme id %q: use lower-case letters, digits and hyphens", th.ID)}
		}
		if seen[th.ID] {
			return nil, &fileerr.Error{File: Path, Line: at("id"), Msg: fmt.Sprintf("duplicate theme id %q", th.ID)}
		}
		seen[th.ID] = true
		if !slices.Contains(Verdicts, th.Verdict) {
			return nil, &fileerr.Error{File: Path, Line: at("verdict"), Msg: fmt.Sprintf("theme %s: verdict %q is not one of %s", th.ID, th.Verdict, strings.Join(Verdicts, ", "))}
		}
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
			for _, lang := range []string{"en", "zh-Hans"} {
				if strings.TrimSpace(field.m[lang]) == "" {
					return nil, &fileerr.Error{File: Path, Line: th.Line, Msg: fmt.Sprintf("theme %s: %s.%s is missing", th.ID, field.name, lang)}
				}
			}
		}
		if len(instruments) >= 2 {
			first, last := instruments[0], instruments[len(instruments)-1]
			switch th.Verdict {
			case "new-in-2024":
				if in[first] || !in[last] {
					return nil, &fileerr.Error{File: Path, Line: at("verdict"), Msg: fmt.Sprintf("theme %s: new-in-2024 names parts of %s only", th.ID, last)}
				}
			case "not-carried-forward":
				if !in[first] || in[last] {
					return nil, &fileerr.Error{File: Path, Line: at("verdict"), Msg: fmt.Sprintf("theme %s: not-carried-forward names parts of %s only", th.ID, first)}
				}
			default:
				if !in[first] || !in[last] {
					return nil, &fileerr.Error{File: Path, Line: at("verdict"), Msg: fmt.Sprintf("theme %s: %s compares both instruments, so it names parts of each", th.ID, th.Verdict)}
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

// Pairs lists the related pairs of parts: for each theme, each part of one
// instrument with each part of another, the earlier instrument (by position
// in the manifest, given by rank) first. Each pair is listed once, in the
// order the themes name them.
func (f *File) Pairs(rank func(key string) int) [][2]string {
	var out [][2]string
	seen := map[[2]string]bool{}
	for _, th := range f.Themes {
		for i, a := range th.Parts {
			for _, b := range th.Parts[i+1:] {
				ra, rb := rank(a), rank(b)
				if ra == rb {
					continue
				}
				p := [2]string{a, b}
				if ra > rb {
					p = [2]string{b, a}
				}
				if !seen[p] {
					seen[p] = true
					out = append(out, p)
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
