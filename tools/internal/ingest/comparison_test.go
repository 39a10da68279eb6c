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

// TestThreeInstruments: with three instruments, each is compared with the
// one before it by date, and the comparison page has a table per
// comparison, its columns the two instruments compared (in the manifest's
// order) and its rows the themes judged on it, each with that verdict and
// the id of its first row; a theme carries a verdict per comparison with
// labels naming the instruments by their years, the counts are per
// comparison, pair pages join only parts of compared instruments, and a
// theme of the newest instrument alone is published with the one column
// it has parts in.
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
	var cd compareData
	if _, err := toml.Decode(string(r.Files["generated/data/compare.toml"]), &cd); err != nil {
		t.Fatal(err)
	}
	type table struct {
		columns, rows, verdicts, anchors string
		caption, name                    string
	}
	var got []table
	for _, tb := range cd.Lang["en"].Tables {
		var cols, rows, verdicts, anchors []string
		for _, c := range tb.Columns {
			cols = append(cols, c.Instrument)
		}
		for _, row := range tb.Rows {
			rows = append(rows, row.ID)
			anchors = append(anchors, row.Anchor)
			for _, v := range row.Verdicts {
				verdicts = append(verdicts, v.ID)
			}
			if len(row.Cells) != 2 || row.Cells[0].Instrument != cols[0] || row.Cells[1].Instrument != cols[1] {
				t.Errorf("%s: row %s has cells %+v, want one per column", tb.Instrument, row.ID, row.Cells)
			}
		}
		got = append(got, table{strings.Join(cols, " "), strings.Join(rows, " "), strings.Join(verdicts, " "), strings.Join(anchors, " "), tb.Caption, tb.Name})
	}
	want := []table{
		{"demo-a demo-b", "shared dropped", "continued new", "shared dropped",
			"The two initiatives compared on 2 themes: for each theme, the editors' verdict on how the 2021 text relates to the 2019 text, and the parts of each text on the theme.", "2021 compared with 2019"},
		{"demo-c demo-b", "shared dropped newest", "extended not-carried-forward new", "  newest",
			"The two initiatives compared on 3 themes: for each theme, the editors' verdict on how the 2023 text relates to the 2021 text, and the parts of each text on the theme.", "2023 compared with 2021"},
	}
	if !slices.Equal(got, want) {
		t.Errorf("comparison tables:\n%+v\nwant\n%+v", got, want)
	}
	if n := len(cd.Lang["en"].Other); n != 0 {
		t.Errorf("%d themes in no table, want none", n)
	}
	type count struct {
		id    string
		n     int
		label string
	}
	wantCounts := map[string][]count{
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
		if !slices.Equal(got, wantCounts[c.Instrument]) {
			t.Errorf("%s: verdicts %v, want %v", c.Instrument, got, wantCounts[c.Instrument])
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
	// The columns of the instruments the theme has parts in only.
	if c := newest.Params.Columns; len(c) != 1 || c[0].Instrument != "demo-c" || len(c[0].Parts) != 1 || len(newest.Params.Pairs) != 0 {
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
	// The comparison page: one table, unnamed, of ca; middle, judged on
	// no comparison and of no instrument compared, listed after it.
	var cd compareData
	if _, err := toml.Decode(string(r.Files["generated/data/compare.toml"]), &cd); err != nil {
		t.Fatal(err)
	}
	pg := cd.Lang["en"]
	if len(pg.Tables) != 1 || pg.Tables[0].Name != "" || len(pg.Tables[0].Rows) != 1 || pg.Tables[0].Rows[0].ID != "ca" {
		t.Errorf("tables %+v, want one of ca", pg.Tables)
	}
	if len(pg.Other) != 1 || pg.Other[0].ID != "middle" || pg.Other[0].URL != "/en/themes/middle/" {
		t.Errorf("other themes %+v, want middle", pg.Other)
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
