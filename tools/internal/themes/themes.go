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

	"github.com/BurntSushi/toml"
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
}

var idRe = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

// Error is a problem in the themes file, with its line.
type Error struct {
	Line int
	Msg  string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", Path, e.Line, e.Msg)
	}
	return Path + ": " + e.Msg
}

// Part is what validation needs of a part.
type Part struct {
	Key        string
	Instrument string
	Role       string // preamble | clause | closing
}

// Load reads and validates root/data/themes.toml against the parts, listed
// in document order with their instruments in order. A missing file is not
// an error: it yields no themes.
func Load(root string, parts []Part) (*File, error) {
	data, err := os.ReadFile(filepath.Join(root, Path))
	if errors.Is(err, os.ErrNotExist) {
		return &File{}, nil
	}
	if err != nil {
		return nil, err
	}
	return Parse(data, parts)
}

// Parse validates the text of a themes file.
func Parse(data []byte, parts []Part) (*File, error) {
	var f File
	md, err := toml.Decode(string(data), &f)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, &Error{Line: pe.Position.Line, Msg: pe.Message}
		}
		return nil, &Error{Msg: err.Error()}
	}
	lines := bytes.Split(data, []byte("\n"))
	if und := md.Undecoded(); len(und) > 0 {
		return nil, &Error{Line: keyLine(lines, und[0][len(und[0])-1]), Msg: fmt.Sprintf("unknown key %q", und[0].String())}
	}
	// Themes start at their [[theme]] headers, in order.
	t := 0
	for n, l := range lines {
		if strings.TrimSpace(string(l)) == "[[theme]]" && t < len(f.Themes) {
			f.Themes[t].Line = n + 1
			t++
		}
	}
	byKey := map[string]Part{}
	var instruments []string
	for _, p := range parts {
		byKey[p.Key] = p
		if len(instruments) == 0 || instruments[len(instruments)-1] != p.Instrument {
			instruments = append(instruments, p.Instrument)
		}
	}
	if len(f.Instruments) > 0 {
		for i, id := range f.Instruments {
			if !slices.Contains(instruments, id) {
				return nil, &Error{Line: keyLine(lines, "instruments"), Msg: fmt.Sprintf("instruments: unknown instrument %q", id)}
			}
			if slices.Contains(f.Instruments[:i], id) {
				return nil, &Error{Line: keyLine(lines, "instruments"), Msg: fmt.Sprintf("instruments: %q is listed twice", id)}
			}
		}
		instruments = f.Instruments
	}
	seen := map[string]bool{}
	covered := map[string]bool{}
	for _, th := range f.Themes {
		at := func(key string) int {
			if l := keyLineFrom(lines, key, th.Line); l > 0 {
				return l
			}
			return th.Line
		}
		if !idRe.MatchString(th.ID) {
			return nil, &Error{Line: at("id"), Msg: fmt.Sprintf("theme id %q: use lower-case letters, digits and hyphens", th.ID)}
		}
		if seen[th.ID] {
			return nil, &Error{Line: at("id"), Msg: fmt.Sprintf("duplicate theme id %q", th.ID)}
		}
		seen[th.ID] = true
		if !slices.Contains(Verdicts, th.Verdict) {
			return nil, &Error{Line: at("verdict"), Msg: fmt.Sprintf("theme %s: verdict %q is not one of %s", th.ID, th.Verdict, strings.Join(Verdicts, ", "))}
		}
		if len(th.Parts) == 0 {
			return nil, &Error{Line: th.Line, Msg: fmt.Sprintf("theme %s names no parts", th.ID)}
		}
		in := map[string]bool{}
		for _, k := range th.Parts {
			p, ok := byKey[k]
			if !ok {
				return nil, &Error{Line: partLine(lines, k, th.Line), Msg: fmt.Sprintf("theme %s: unknown part %q", th.ID, k)}
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
					return nil, &Error{Line: th.Line, Msg: fmt.Sprintf("theme %s: %s.%s is missing", th.ID, field.name, lang)}
				}
			}
		}
		if len(instruments) >= 2 {
			first, last := instruments[0], instruments[len(instruments)-1]
			switch th.Verdict {
			case "new-in-2024":
				if in[first] || !in[last] {
					return nil, &Error{Line: at("verdict"), Msg: fmt.Sprintf("theme %s: new-in-2024 names parts of %s only", th.ID, last)}
				}
			case "not-carried-forward":
				if !in[first] || in[last] {
					return nil, &Error{Line: at("verdict"), Msg: fmt.Sprintf("theme %s: not-carried-forward names parts of %s only", th.ID, first)}
				}
			default:
				if !in[first] || !in[last] {
					return nil, &Error{Line: at("verdict"), Msg: fmt.Sprintf("theme %s: %s compares both instruments, so it names parts of each", th.ID, th.Verdict)}
				}
			}
		}
	}
	if len(f.Themes) > 0 {
		for _, p := range parts {
			if p.Role == "clause" && !covered[p.Key] {
				return nil, &Error{Msg: fmt.Sprintf("%s appears under no theme: add it to a theme, or to a theme with verdict new-in-2024 or not-carried-forward that says why it has no counterpart", p.Key)}
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

// ThemesOf lists the ids of the themes that name a part.
func (f *File) ThemesOf(key string) []string {
	var ids []string
	for _, th := range f.Themes {
		if slices.Contains(th.Parts, key) {
			ids = append(ids, th.ID)
		}
	}
	return ids
}

func keyLine(lines [][]byte, key string) int { return keyLineFrom(lines, key, 0) }

func keyLineFrom(lines [][]byte, key string, from int) int {
	re := regexp.MustCompile(`^\s*"?` + regexp.QuoteMeta(key) + `"?\s*=`)
	for n := max(from-1, 0); n < len(lines); n++ {
		if re.Match(lines[n]) {
			return n + 1
		}
	}
	return 0
}

func partLine(lines [][]byte, key string, from int) int {
	needle := []byte(`"` + key + `"`)
	for n := max(from-1, 0); n < len(lines); n++ {
		if bytes.Contains(lines[n], needle) {
			return n + 1
		}
	}
	return from
}
