package ingest

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// threeInstruments is a project of three small instruments, listed in the
// manifest out of date order (the newest first), so that the columns (the
// manifest's order) and the comparisons (date order) differ. Each has a
// preamble paragraph and two points, from one capture per language.
func threeInstruments(t *testing.T, themesFile string) string {
	t.Helper()
	files := map[string][]byte{"data/themes.toml": []byte(themesFile)}
	var m strings.Builder
	for _, in := range []struct{ id, date string }{{"demo-c", "2023-05-01"}, {"demo-a", "2019-05-01"}, {"demo-b", "2021-05-01"}} {
		fmt.Fprintf(&m, `
[[instrument]]
id = %[1]q
date = %[2]s
structure = [{ kind = "preamble", count = 1 }, { kind = "point", count = 2 }]
title = { en = "Initiative %[1]s", zh-Hans = "倡议%[1]s" }
issuer = { en = "Somebody", zh-Hans = "某机构" }
authority = { en = "%[1]s-en", zh-Hans = "%[1]s-zh" }

[[source]]
id = "%[1]s-en"
file = "%[1]s-en.txt"
format = "text"
kind = "official-text"
instrument = %[1]q
languages = ["en"]
layout = "single"

[[source]]
id = "%[1]s-zh"
file = "%[1]s-zh.txt"
format = "text"
kind = "official-text"
instrument = %[1]q
languages = ["zh-Hans"]
layout = "single"
`, in.id, in.date)
		files["sources/"+in.id+"-en.txt"] = []byte("We agree on " + in.id + ".\nStates share data.\nStates protect data.\n")
		files["sources/"+in.id+"-zh.txt"] = []byte("我们同意。\n各国共享数据。\n各国保护数据。\n")
	}
	files["sources/sources.toml"] = []byte(m.String())
	return project(t, files)
}

// themeTOML is a [[theme]] with the texts every theme needs.
func themeTOML(id, parts, verdicts string) string {
	s := fmt.Sprintf("\n[[theme]]\nid = %q\nparts = [%s]\n", id, parts)
	if verdicts != "" {
		s += "verdicts = { " + verdicts + " }\n"
	}
	return s + `name = { en = "Theme", zh-Hans = "主题" }
description = { en = "What it covers.", zh-Hans = "涵盖的内容。" }
explanation = { en = "Why.", zh-Hans = "原因。" }
`
}

const threeThemes = `# Three instruments, each compared with the one before it by date.
` + `
[[theme]]
id = "shared"
parts = ["demo-a/point_1", "demo-b/point_1", "demo-c/point_1"]
verdicts = { demo-b = "continued", demo-c = "extended" }
name = { en = "Shared", zh-Hans = "共有" }
description = { en = "In all three.", zh-Hans = "三者皆有。" }
explanation = { en = "Why.", zh-Hans = "原因。" }
`

// frontMatter decodes the TOML front matter of a generated page.
func frontMatter(t *testing.T, r *Result, name string, v any) {
	t.Helper()
	b, ok := r.Files[name]
	if !ok {
		t.Fatalf("no %s", name)
	}
	parts := strings.SplitN(string(b), "+++\n", 3)
	if len(parts) != 3 {
		t.Fatalf("%s: no front matter", name)
	}
	if _, err := toml.Decode(parts[1], v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}

// TestThreeInstruments: with three instruments, the table has a column for
// each, each instrument is compared with the one before it by date, a
// theme carries a verdict per comparison with labels naming the
// instruments by their years, the counts are per comparison, pair pages
// join only parts of compared instruments, and a theme of the newest
// instrument alone is published.
func TestThreeInstruments(t *testing.T) {
	file := threeThemes +
		themeTOML("dropped", `"demo-b/point_2"`, `demo-b = "new", demo-c = "not-carried-forward"`) +
		themeTOML("newest", `"demo-c/point_2"`, `demo-c = "new"`)
	r, err := runProject(threeInstruments(t, file))
	if err != nil {
		t.Fatal(err)
	}

	var vd verdictsData
	if _, err := toml.Decode(string(r.Files["generated/data/verdicts.toml"]), &vd); err != nil {
		t.Fatal(err)
	}
	if want := []string{"demo-c", "demo-a", "demo-b"}; !slices.Equal(vd.Columns, want) {
		t.Errorf("columns %v, want %v (the manifest's order)", vd.Columns, want)
	}
	if !strings.Contains(vd.Caption["en"], "3 initiatives") {
		t.Errorf("caption %q", vd.Caption["en"])
	}
	type count struct {
		id    string
		n     int
		label string
	}
	want := map[string][]count{
		"demo-b": {{"continued", 1, "Continued"}, {"new", 1, "New in 2021"}},
		"demo-c": {{"extended", 1, "Extended"}, {"new", 1, "New in 2023"}, {"not-carried-forward", 1, "Not carried forward"}},
	}
	if len(vd.Comparison) != 2 || vd.Comparison[0].Instrument != "demo-b" || vd.Comparison[0].Compared != "demo-a" ||
		vd.Comparison[1].Instrument != "demo-c" || vd.Comparison[1].Compared != "demo-b" {
		t.Fatalf("comparisons %+v, want demo-b with demo-a, demo-c with demo-b", vd.Comparison)
	}
	for _, c := range vd.Comparison {
		var got []count
		for _, v := range c.Verdict {
			got = append(got, count{v.ID, v.Count, v.Label["en"]})
			if v.Help["en"] == "" || v.Help["zh"] == "" || v.Label["zh"] == "" {
				t.Errorf("%s: %s lacks a label or help", c.Instrument, v.ID)
			}
		}
		if !slices.Equal(got, want[c.Instrument]) {
			t.Errorf("%s: verdicts %v, want %v", c.Instrument, got, want[c.Instrument])
		}
		if c.Name["en"] == "" {
			t.Errorf("%s: no name, though there are two comparisons", c.Instrument)
		}
	}
	if got := vd.Comparison[1].Name["en"]; got != "2023 compared with 2021" {
		t.Errorf("name %q", got)
	}

	var shared, newest ThemePage
	frontMatter(t, r, "generated/content/en/themes/shared.md", &shared)
	frontMatter(t, r, "generated/content/en/themes/newest.md", &newest)
	if v := shared.Params.Verdicts; len(v) != 2 || v[0].ID != "continued" || v[0].Instrument != "demo-b" || v[1].ID != "extended" ||
		v[1].Compared != "demo-b" || v[1].Comparison != "2023 compared with 2021" {
		t.Errorf("shared: verdicts %+v", v)
	}
	if len(shared.Params.Columns) != 3 || shared.Params.Columns[0].Instrument != "demo-c" {
		t.Errorf("shared: columns %+v, want the three instruments in the manifest's order", shared.Params.Columns)
	}
	if v := newest.Params.Verdicts; len(v) != 1 || v[0].Label != "New in 2023" || newest.Params.Why != "Why “New in 2023”" {
		t.Errorf("newest: verdicts %+v, why %q", v, newest.Params.Why)
	}
	// Every column, with parts only where the theme has some.
	if c := newest.Params.Columns; len(c) != 3 || c[0].Instrument != "demo-c" || len(c[0].Parts) != 1 || len(c[1].Parts)+len(c[2].Parts) != 0 || len(newest.Params.Pairs) != 0 {
		t.Errorf("newest: columns %+v, pairs %+v", c, newest.Params.Pairs)
	}

	// Pairs: a–b and b–c, not a–c, which are not compared.
	var pairs []string
	for name := range r.Files {
		if strings.HasPrefix(name, "generated/content/en/compare/") {
			pairs = append(pairs, strings.TrimPrefix(name, "generated/content/en/compare/"))
		}
	}
	slices.Sort(pairs)
	if want := []string{"demo-a-point_1--demo-b-point_1.md", "demo-b-point_1--demo-c-point_1.md"}; !slices.Equal(pairs, want) {
		t.Errorf("pair pages %v, want %v", pairs, want)
	}

	var js exportThemes
	if err := json.Unmarshal(r.Files["generated/static/data/themes.json"], &js); err != nil {
		t.Fatal(err)
	}
	if len(js.Comparisons) != 2 || js.Comparisons[1] != (exportComparison{Compared: "demo-b", Instrument: "demo-c"}) ||
		js.Themes[2].Verdicts["demo-c"] != "new" {
		t.Errorf("themes.json: comparisons %+v, themes %+v", js.Comparisons, js.Themes)
	}
}

// TestExplicitComparison: [compare] pairs the newest instrument with the
// oldest and leaves the middle one compared with none; a theme of the
// middle one alone needs no verdict, and its parts are paired with none.
func TestExplicitComparison(t *testing.T) {
	file := "[compare]\ndemo-c = \"demo-a\"\ndemo-b = \"\"\n" +
		themeTOML("ca", `"demo-a/point_1", "demo-b/point_1", "demo-c/point_1"`, `demo-c = "continued"`) +
		themeTOML("middle", `"demo-b/point_2"`, "")
	r, err := runProject(threeInstruments(t, file))
	if err != nil {
		t.Fatal(err)
	}
	var pairs []string
	for name := range r.Files {
		if strings.HasPrefix(name, "generated/content/en/compare/") {
			pairs = append(pairs, name)
		}
	}
	if want := []string{"generated/content/en/compare/demo-a-point_1--demo-c-point_1.md"}; !slices.Equal(pairs, want) {
		t.Errorf("pair pages %v, want %v", pairs, want)
	}
	var middle ThemePage
	frontMatter(t, r, "generated/content/en/themes/middle.md", &middle)
	if len(middle.Params.Verdicts) != 0 || middle.Params.Why != "The editors' explanation" {
		t.Errorf("middle: verdicts %+v, why %q", middle.Params.Verdicts, middle.Params.Why)
	}
	var vd verdictsData
	if _, err := toml.Decode(string(r.Files["generated/data/verdicts.toml"]), &vd); err != nil {
		t.Fatal(err)
	}
	if len(vd.Comparison) != 1 || vd.Comparison[0].Compared != "demo-a" || len(vd.Comparison[0].Name) != 0 {
		t.Errorf("comparisons %+v: one, unnamed", vd.Comparison)
	}
}

// TestVerdictThatDoesNotFitIsRefused: ingest stops at the themes file's
// line, naming the comparison.
func TestVerdictThatDoesNotFitIsRefused(t *testing.T) {
	file := threeThemes + themeTOML("bad", `"demo-a/point_2", "demo-c/point_2"`, `demo-c = "narrowed"`)
	_, err := runProject(threeInstruments(t, file))
	line := strings.Count(threeThemes, "\n") + 5
	want := fmt.Sprintf(`data/themes.toml:%d: theme bad: narrowed for demo-c compares it with demo-b, so it names parts of each (demo-c is compared with demo-b, the instrument before it by date; to compare it with another, add [compare] demo-c = "<instrument>")`, line)
	if err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
}
