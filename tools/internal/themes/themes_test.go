package themes

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/annotated-data-initiatives/site/tools/internal/corpus"
)

var parts = []corpus.Part{
	{Key: "a-2020/point_1", Instrument: "a-2020", Role: "clause"},
	{Key: "a-2020/point_2", Instrument: "a-2020", Role: "clause"},
	{Key: "b-2024/preamble__p_1", Instrument: "b-2024", Role: "preamble"},
	{Key: "b-2024/point_1", Instrument: "b-2024", Role: "clause"},
	{Key: "b-2024/point_2", Instrument: "b-2024", Role: "clause"},
}

const valid = `[[theme]]
id = "backdoors"
verdict = "continued"
parts = ["a-2020/point_1", "b-2024/point_1"]
[theme.name]
en = "Backdoors"
zh-Hans = "后门"
[theme.description]
en = "d"
zh-Hans = "d"
[theme.explanation]
en = "e"
zh-Hans = "e"

[[theme]]
id = "old"
verdict = "not-carried-forward"
parts = ["a-2020/point_2"]
[theme.name]
en = "Old"
zh-Hans = "旧"
[theme.description]
en = "d"
zh-Hans = "d"
[theme.explanation]
en = "e"
zh-Hans = "e"

[[theme]]
id = "new"
verdict = "new-in-2024"
parts = ["b-2024/point_2", "b-2024/preamble__p_1"]
[theme.name]
en = "New"
zh-Hans = "新"
[theme.description]
en = "d"
zh-Hans = "d"
[theme.explanation]
en = "e"
zh-Hans = "e"
`

func TestValid(t *testing.T) {
	f, err := Parse([]byte(valid), parts)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Themes) != 3 || f.Themes[1].Line != 15 {
		t.Errorf("%d themes; second on line %d", len(f.Themes), f.Themes[1].Line)
	}
	rank := func(k string) int {
		if strings.HasPrefix(k, "a-") {
			return 0
		}
		return 1
	}
	if p := f.Pairs(rank); len(p) != 1 || p[0] != [2]string{"a-2020/point_1", "b-2024/point_1"} {
		t.Errorf("pairs %v", p)
	}
	if got := f.ThemesOf("b-2024/point_1"); len(got) != 1 || got[0] != "backdoors" {
		t.Errorf("ThemesOf %v", got)
	}
}

// TestInstruments: the instruments compared are those listed, and the
// verdicts speak of the first and the last of them.
func TestInstruments(t *testing.T) {
	three := append([]corpus.Part{{Key: "c-2030/point_1", Instrument: "c-2030", Role: "clause"}}, parts...)
	theme := "\n[[theme]]\nid = \"c\"\nverdict = \"not-carried-forward\"\nparts = [\"a-2020/point_2\", \"c-2030/point_1\"]\n" +
		"[theme.name]\nen = \"C\"\nzh-Hans = \"C\"\n[theme.description]\nen = \"d\"\nzh-Hans = \"d\"\n[theme.explanation]\nen = \"e\"\nzh-Hans = \"e\"\n"
	// c-2030 comes first in the manifest: with every instrument compared,
	// the verdicts of the a–b themes no longer fit.
	if _, err := Parse([]byte(valid+theme), three); err == nil {
		t.Error("all instruments compared: no error")
	}
	f, err := Parse([]byte("instruments = [\"a-2020\", \"b-2024\"]\n"+valid+theme), three)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Instruments) != 2 || f.Instruments[1] != "b-2024" {
		t.Errorf("instruments %v", f.Instruments)
	}
	for _, tt := range []struct{ list, want string }{
		{`["a-2020", "x-1999"]`, `data/themes.toml:1: instruments: unknown instrument "x-1999"`},
		{`["a-2020", "a-2020"]`, `data/themes.toml:1: instruments: "a-2020" is listed twice`},
	} {
		_, err := Parse([]byte("instruments = "+tt.list+"\n"+valid), parts)
		if err == nil || err.Error() != tt.want {
			t.Errorf("instruments = %s: got %v, want %q", tt.list, err, tt.want)
		}
	}
}

func TestInvalid(t *testing.T) {
	tests := []struct{ name, old, new, want string }{
		{"unknown key", `verdict = "continued"`, "verdict = \"continued\"\ncolour = \"red\"", `data/themes.toml:4: unknown key "theme.colour"`},
		{"unknown part", `parts = ["a-2020/point_1", "b-2024/point_1"]`, `parts = ["a-2020/point_1", "b-2024/point_9"]`, `data/themes.toml:4: theme backdoors: unknown part "b-2024/point_9"`},
		{"bad verdict", `verdict = "continued"`, `verdict = "same"`, `data/themes.toml:3: theme backdoors: verdict "same" is not one of`},
		{"verdict does not fit", `verdict = "not-carried-forward"`, `verdict = "continued"`, `data/themes.toml:17: theme old: continued compares both instruments`},
		{"new-in-2024 with an old part", `parts = ["b-2024/point_2", "b-2024/preamble__p_1"]`, `parts = ["b-2024/point_2", "a-2020/point_1"]`, `theme new: new-in-2024 names parts of b-2024 only`},
		{"duplicate id", `id = "old"`, `id = "backdoors"`, `data/themes.toml:16: duplicate theme id "backdoors"`},
		{"missing Chinese name", "zh-Hans = \"旧\"\n", "", `theme old: name.zh-Hans is missing`},
		{"syntax", `id = "new"`, `id = new`, `data/themes.toml:30:`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(valid, tt.old) {
				t.Fatalf("fixture lacks %q", tt.old)
			}
			_, err := Parse([]byte(strings.Replace(valid, tt.old, tt.new, 1)), parts)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v\nwant %q", err, tt.want)
			}
		})
	}
}

// TestErrorLines: a problem in one theme is reported at that theme's line,
// though every theme sets the same keys (the decoder names the last).
func TestErrorLines(t *testing.T) {
	tests := []struct{ name, old, new, want string }{
		{"type in the first theme", `verdict = "continued"`, `verdict = 1`, "data/themes.toml:3: theme.verdict: incompatible types"},
		{"type in the second theme's parts", `parts = ["a-2020/point_2"]`, `parts = "a-2020/point_2"`, "data/themes.toml:18: theme.parts: incompatible types"},
		{"type in the first theme's name", `en = "Backdoors"`, `en = 2`, "data/themes.toml:6: theme.name.en: incompatible types"},
		{"misspelt table in the first theme", "[theme.description]\nen = \"d\"", "[theme.descripton]\nen = \"d\"", `data/themes.toml:8: unknown key "theme.descripton"`},
		{"syntax", `id = "old"`, `id = "old" x`, "data/themes.toml:16:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(valid, tt.old) {
				t.Fatalf("fixture lacks %q", tt.old)
			}
			_, err := Parse([]byte(strings.Replace(valid, tt.old, tt.new, 1)), parts)
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("got %v\nwant prefix %q", err, tt.want)
			}
		})
	}
}

// TestMissingOrEmpty: with two instruments there is something to compare,
// so a missing or empty themes file is an error; with one it is not.
func TestMissingOrEmpty(t *testing.T) {
	one := []corpus.Part{{Key: "a-2020/point_1", Instrument: "a-2020", Role: "clause"}}
	for _, tt := range []struct {
		name  string
		file  *string
		parts []corpus.Part
		want  string
	}{
		{"missing, two instruments", nil, parts, "data/themes.toml: missing: the 2 instruments need themes comparing them"},
		{"empty, two instruments", ptr(""), parts, "data/themes.toml:1: no [[theme]]: the 2 instruments need themes comparing them"},
		{"only comments, two instruments", ptr("# to do\n"), parts, "data/themes.toml:1: no [[theme]]: the 2 instruments"},
		{"missing, one instrument", nil, one, ""},
		{"empty, one instrument", ptr(""), one, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			if tt.file != nil {
				if err := os.MkdirAll(filepath.Join(root, "data"), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(root, Path), []byte(*tt.file), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			_, err := Load(root, tt.parts)
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("refused: %v", err)
			case tt.want != "" && (err == nil || !strings.HasPrefix(err.Error(), tt.want)):
				t.Errorf("got %v\nwant prefix %q", err, tt.want)
			}
		})
	}
}

func ptr(s string) *string { return &s }

// TestCoverage: a point under no theme is reported as coverage, not refused.
func TestCoverage(t *testing.T) {
	f, err := Parse([]byte(strings.Replace(valid, `parts = ["a-2020/point_2"]`, `parts = ["a-2020/point_1"]`, 1)), parts)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Uncovered) != 1 || f.Uncovered[0] != "a-2020/point_2" {
		t.Errorf("Uncovered = %q, want [a-2020/point_2]", f.Uncovered)
	}
	full, err := Parse([]byte(valid), parts)
	if err != nil {
		t.Fatal(err)
	}
	if len(full.Uncovered) != 0 {
		t.Errorf("a full mapping leaves %q uncovered", full.Uncovered)
	}
}

// TestSearchTerms: a part's search terms are its themes' names and
// keywords in one language, in file order, once each.
func TestSearchTerms(t *testing.T) {
	f := &File{Themes: []Theme{
		{ID: "a", Parts: []string{"x/1", "x/2"}, Name: map[string]string{"en": "Alpha", "zh-Hans": "甲"}, Keywords: map[string][]string{"en": {"first", "Beta"}}},
		{ID: "b", Parts: []string{"x/1"}, Name: map[string]string{"en": "Beta", "zh-Hans": "乙"}},
	}}
	for _, tt := range []struct {
		key, lang string
		want      []string
	}{
		{"x/1", "en", []string{"Alpha", "first", "Beta"}},
		{"x/1", "zh-Hans", []string{"甲", "乙"}},
		{"x/2", "en", []string{"Alpha", "first", "Beta"}},
		{"x/3", "en", nil},
	} {
		if got := f.SearchTerms(tt.key, tt.lang); !slices.Equal(got, tt.want) {
			t.Errorf("SearchTerms(%s, %s) = %q, want %q", tt.key, tt.lang, got, tt.want)
		}
	}
}
