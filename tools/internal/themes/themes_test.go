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
parts = ["a-2020/point_1", "b-2024/point_1"]
verdicts = { b-2024 = "continued" }
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
parts = ["a-2020/point_2"]
verdicts = { b-2024 = "not-carried-forward" }
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
parts = ["b-2024/point_2", "b-2024/preamble__p_1"]
verdicts = { b-2024 = "new" }
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

// byDate lists the instruments of parts in date order.
var byDate = []string{"a-2020", "b-2024"}

func instrumentOf(key string) string { i, _, _ := strings.Cut(key, "/"); return i }

func TestValid(t *testing.T) {
	f, err := Parse([]byte(valid), testLocales, byDate, parts)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Themes) != 3 || f.Themes[1].Line != 15 {
		t.Errorf("%d themes; second on line %d", len(f.Themes), f.Themes[1].Line)
	}
	if want := []Comparison{{Instrument: "b-2024", Compared: "a-2020"}}; !slices.Equal(f.Comparisons, want) {
		t.Errorf("comparisons %v, want %v", f.Comparisons, want)
	}
	if v := f.Themes[2].Verdict(f.Comparisons[0]); v != "new" {
		t.Errorf("verdict %q", v)
	}
	if p := f.Pairs(instrumentOf); len(p) != 1 || p[0] != [2]string{"a-2020/point_1", "b-2024/point_1"} {
		t.Errorf("pairs %v", p)
	}
	if got := f.ThemesOf("b-2024/point_1"); len(got) != 1 || got[0] != "backdoors" {
		t.Errorf("ThemesOf %v", got)
	}
}

// three instruments: c-2030 comes first in the manifest but last in date
// order, so that date order, not the manifest's, pairs them.
var (
	three       = append([]corpus.Part{{Key: "c-2030/point_1", Instrument: "c-2030", Role: "clause"}, {Key: "c-2030/point_2", Instrument: "c-2030", Role: "clause"}}, parts...)
	threeByDate = []string{"a-2020", "b-2024", "c-2030"}
)

// theme is a theme of the given parts and verdicts (TOML inline table
// bodies), with the texts every theme needs.
func theme(id, parts, verdicts string) string {
	s := "\n[[theme]]\nid = \"" + id + "\"\nparts = [" + parts + "]\n"
	if verdicts != "" {
		s += "verdicts = { " + verdicts + " }\n"
	}
	return s + "[theme.name]\nen = \"N\"\nzh-Hans = \"N\"\n[theme.description]\nen = \"d\"\nzh-Hans = \"d\"\n[theme.explanation]\nen = \"e\"\nzh-Hans = \"e\"\n"
}

// TestComparisons: each instrument is compared with the one before it in
// date order unless [compare] says otherwise; a theme carries a verdict
// per comparison; parts are paired only across compared instruments; a
// theme of the newest instrument alone is valid.
func TestComparisons(t *testing.T) {
	file := valid +
		theme("across", `"a-2020/point_1", "b-2024/point_1", "c-2030/point_1"`, `b-2024 = "extended", c-2030 = "narrowed"`) +
		theme("newest", `"c-2030/point_2"`, `c-2030 = "new"`) +
		theme("unjudged", `"c-2030/point_2"`, "")
	f, err := Parse([]byte(file), testLocales, threeByDate, three)
	if err != nil {
		t.Fatal(err)
	}
	want := []Comparison{{"b-2024", "a-2020"}, {"c-2030", "b-2024"}}
	if !slices.Equal(f.Comparisons, want) {
		t.Errorf("comparisons %v, want %v", f.Comparisons, want)
	}
	across := f.Themes[3]
	if across.Verdict(want[0]) != "extended" || across.Verdict(want[1]) != "narrowed" {
		t.Errorf("verdicts %v", across.Verdicts)
	}
	// a–c are not compared: no pair of them.
	wantPairs := [][2]string{{"a-2020/point_1", "b-2024/point_1"}, {"b-2024/point_1", "c-2030/point_1"}}
	if p := f.Pairs(instrumentOf); !slices.Equal(p, wantPairs) {
		t.Errorf("pairs %v, want %v", p, wantPairs)
	}

	// [compare] pairs c with a, and leaves b compared with none.
	explicit := "[compare]\nc-2030 = \"a-2020\"\nb-2024 = \"\"\n" +
		theme("ca", `"a-2020/point_1", "c-2030/point_1"`, `c-2030 = "continued"`) +
		theme("b-only", `"b-2024/point_1"`, "")
	f, err = Parse([]byte(explicit), testLocales, threeByDate, three)
	if err != nil {
		t.Fatal(err)
	}
	if want := []Comparison{{"c-2030", "a-2020"}}; !slices.Equal(f.Comparisons, want) {
		t.Errorf("explicit comparisons %v, want %v", f.Comparisons, want)
	}
	if p := f.Pairs(instrumentOf); !slices.Equal(p, [][2]string{{"a-2020/point_1", "c-2030/point_1"}}) {
		t.Errorf("explicit pairs %v", p)
	}
}

// TestComparisonErrors: a verdict that does not fit its comparison, and a
// [compare] that does not make sense, are refused at their line.
func TestComparisonErrors(t *testing.T) {
	for _, tt := range []struct{ name, file, want string }{
		{"new with a part of the compared", theme("x", `"b-2024/point_1", "c-2030/point_1"`, `c-2030 = "new"`),
			"data/themes.toml:4: theme x: new for c-2030 names parts of c-2030 and none of b-2024, the instrument it is compared with"},
		{"new without a part of its own", theme("x", `"b-2024/point_1"`, `c-2030 = "new"`),
			"data/themes.toml:4: theme x: new for c-2030 names parts of c-2030 and none of b-2024"},
		{"not carried forward with a part of its own", theme("x", `"b-2024/point_1", "c-2030/point_1"`, `c-2030 = "not-carried-forward"`),
			"data/themes.toml:4: theme x: not-carried-forward for c-2030 names parts of b-2024, the instrument it is compared with, and none of c-2030"},
		{"both needed", theme("x", `"a-2020/point_1", "c-2030/point_1"`, `c-2030 = "extended"`),
			"data/themes.toml:4: theme x: extended for c-2030 compares it with b-2024, so it names parts of each"},
		{"both needed, with the way to compare with another", theme("x", `"a-2020/point_1", "c-2030/point_1"`, `c-2030 = "extended"`),
			"data/themes.toml:4: theme x: extended for c-2030 compares it with b-2024, so it names parts of each (c-2030 is compared with b-2024, the instrument before it by date; to compare it with another, add [compare] c-2030 = \"<instrument>\")"},
		{"no hint where [compare] chose", "[compare]\nc-2030 = \"b-2024\"\n" + theme("x", `"a-2020/point_1", "c-2030/point_1"`, `c-2030 = "extended"`),
			"data/themes.toml:7: theme x: extended for c-2030 compares it with b-2024, so it names parts of each\x00"},
		{"second verdict of two", theme("x", `"a-2020/point_1", "b-2024/point_1"`, `b-2024 = "continued", c-2030 = "continued"`),
			"data/themes.toml:4: theme x: continued for c-2030 compares it with b-2024"},
		{"verdict in a table", "[[theme]]\nid = \"x\"\nparts = [\"c-2030/point_1\"]\n[theme.verdicts]\nb-2024 = \"new\"\nc-2030 = \"continued\"\n[theme.name]\nen = \"N\"\nzh-Hans = \"N\"\n[theme.description]\nen = \"d\"\nzh-Hans = \"d\"\n[theme.explanation]\nen = \"e\"\nzh-Hans = \"e\"\n",
			"data/themes.toml:5: theme x: new for b-2024 names parts of b-2024 and none of a-2020"},
		{"earliest compared with none", theme("x", `"a-2020/point_1"`, `a-2020 = "new"`),
			"data/themes.toml:4: theme x: verdict for a-2020, which is compared with no instrument (see [compare])"},
		{"unknown instrument", theme("x", `"a-2020/point_1"`, `z-1999 = "new"`),
			`data/themes.toml:4: theme x: verdict for unknown instrument "z-1999"`},
		{"unknown verdict", theme("x", `"b-2024/point_1", "c-2030/point_1"`, `c-2030 = "same"`),
			`data/themes.toml:4: theme x: verdict "same" is not one of continued, extended, narrowed, new, not-carried-forward`},
		{"old single verdict", "[[theme]]\nid = \"x\"\nverdict = \"continued\"\n", `data/themes.toml:3: unknown key "theme.verdict"`},
		{"compare unknown", "[compare]\nz-1999 = \"a-2020\"\n" + theme("x", `"a-2020/point_1"`, ""), `data/themes.toml:2: compare: unknown instrument "z-1999"`},
		{"compare with unknown", "[compare]\nc-2030 = \"z-1999\"\n" + theme("x", `"a-2020/point_1"`, ""), `data/themes.toml:2: compare: c-2030 is compared with unknown instrument "z-1999"`},
		{"compare with itself", "[compare]\n\nc-2030 = \"c-2030\"\n" + theme("x", `"a-2020/point_1"`, ""), "data/themes.toml:3: compare: c-2030 is compared with itself"},
		{"each with the other", "[compare]\na-2020 = \"b-2024\"\n" + theme("x", `"a-2020/point_1"`, ""),
			`data/themes.toml:2: compare: a-2020 and b-2024 are compared each with the other; under [compare], set one of them to ""`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(strings.TrimPrefix(tt.file, "\n")), testLocales, threeByDate, three)
			// A want ending in NUL is the whole message.
			if whole, ok := strings.CutSuffix(tt.want, "\x00"); ok {
				if err == nil || err.Error() != whole {
					t.Errorf("got %v\nwant %q", err, whole)
				}
				return
			}
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("got %v\nwant prefix %q", err, tt.want)
			}
		})
	}
}

func TestInvalid(t *testing.T) {
	tests := []struct{ name, old, new, want string }{
		{"unknown key", `verdicts = { b-2024 = "continued" }`, "verdicts = { b-2024 = \"continued\" }\ncolour = \"red\"", `data/themes.toml:5: unknown key "theme.colour"`},
		{"unknown part", `parts = ["a-2020/point_1", "b-2024/point_1"]`, `parts = ["a-2020/point_1", "b-2024/point_9"]`, `data/themes.toml:3: theme backdoors: unknown part "b-2024/point_9"`},
		{"bad verdict", `b-2024 = "continued"`, `b-2024 = "same"`, `data/themes.toml:4: theme backdoors: verdict "same" is not one of`},
		{"verdict does not fit", `b-2024 = "not-carried-forward"`, `b-2024 = "continued"`, `data/themes.toml:18: theme old: continued for b-2024 compares it with a-2020, so it names parts of each`},
		{"new with an old part", `parts = ["b-2024/point_2", "b-2024/preamble__p_1"]`, `parts = ["b-2024/point_2", "a-2020/point_1"]`, `data/themes.toml:32: theme new: new for b-2024 names parts of b-2024 and none of a-2020`},
		{"duplicate id", `id = "old"`, `id = "backdoors"`, `data/themes.toml:16: duplicate theme id "backdoors"`},
		{"missing Chinese name", "zh-Hans = \"旧\"\n", "", `theme old: name.zh-Hans is missing`},
		{"syntax", `id = "new"`, `id = new`, `data/themes.toml:30:`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(valid, tt.old) {
				t.Fatalf("fixture lacks %q", tt.old)
			}
			_, err := Parse([]byte(strings.Replace(valid, tt.old, tt.new, 1)), testLocales, byDate, parts)
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
		{"type in the first theme", `verdicts = { b-2024 = "continued" }`, `verdicts = { b-2024 = 1 }`, "data/themes.toml:4: theme.verdicts"},
		{"type in the second theme's parts", `parts = ["a-2020/point_2"]`, `parts = "a-2020/point_2"`, "data/themes.toml:17: theme.parts: incompatible types"},
		{"type in the first theme's name", `en = "Backdoors"`, `en = 2`, "data/themes.toml:6: theme.name.en: incompatible types"},
		{"misspelt table in the first theme", "[theme.description]\nen = \"d\"", "[theme.descripton]\nen = \"d\"", `data/themes.toml:8: unknown key "theme.descripton"`},
		{"syntax", `id = "old"`, `id = "old" x`, "data/themes.toml:16:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(valid, tt.old) {
				t.Fatalf("fixture lacks %q", tt.old)
			}
			_, err := Parse([]byte(strings.Replace(valid, tt.old, tt.new, 1)), testLocales, byDate, parts)
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
	byDates := map[int][]string{1: {"a-2020"}, 2: byDate}
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
			_, err := Load(root, testLocales, byDates[len(instruments(tt.parts))], tt.parts)
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

// instruments lists the instruments of parts, once each.
func instruments(parts []corpus.Part) []string {
	var ids []string
	for _, p := range parts {
		if !slices.Contains(ids, p.Instrument) {
			ids = append(ids, p.Instrument)
		}
	}
	return ids
}

// TestCoverage: a point under no theme is reported as coverage, not refused.
func TestCoverage(t *testing.T) {
	f, err := Parse([]byte(strings.Replace(valid, `parts = ["a-2020/point_2"]`, `parts = ["a-2020/point_1"]`, 1)), testLocales, byDate, parts)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Uncovered) != 1 || f.Uncovered[0] != "a-2020/point_2" {
		t.Errorf("Uncovered = %q, want [a-2020/point_2]", f.Uncovered)
	}
	full, err := Parse([]byte(valid), testLocales, byDate, parts)
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

// testLocales are the languages of the site the test files are for.
var testLocales = []string{"en", "zh-Hans"}
