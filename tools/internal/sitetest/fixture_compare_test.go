package sitetest

// The comparison of the fixture, whatever its instruments: a table per
// comparison with a column per instrument compared, a row per theme judged
// on it with that verdict, pair pages only between compared instruments, a
// theme of one instrument alone; and, with a fourth instrument added,
// tables that still fit a phone.

import (
	"fmt"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/chromedp/chromedp"

	"github.com/annotated-data-initiatives/site/tools/internal/browser"
	"github.com/annotated-data-initiatives/site/tools/internal/testenv"
	"github.com/annotated-data-initiatives/site/tools/internal/themes"
)

func TestFixtureComparison(t *testing.T) {
	public := fixtureSite(t)
	r := fixtureResult(t)
	if r.Themes == nil || len(r.Themes.Comparisons) == 0 {
		t.Skip("the fixture compares no instruments")
	}
	var ids []string
	year := map[string]int{}
	for _, ip := range r.Instruments {
		ids = append(ids, ip.Instrument.ID)
		year[ip.Instrument.ID] = ip.Instrument.Date.Year()
	}
	compared := map[[2]string]bool{} // {compared with, compared}
	for _, c := range r.Themes.Comparisons {
		compared[[2]string{c.Compared, c.Instrument}] = true
	}
	// instrumentOfSlug finds the instrument a side of a pair's slug
	// ("<instrument>-<part id>") belongs to.
	instrumentOfSlug := func(side string) string {
		for _, id := range ids {
			if strings.HasPrefix(side, id+"-") {
				return id
			}
		}
		return ""
	}
	// instrumentNamed finds the instrument a column head names by its year.
	instrumentNamed := func(head string) string {
		for _, id := range ids {
			if strings.Contains(head, fmt.Sprint(year[id])) {
				return id
			}
		}
		return ""
	}
	for _, lang := range langs {
		page := "/" + lang.dir + "/compare/"
		doc := HTML(t, public, page)
		tables := doc.Find("main table.cmp")
		if tables.Length() == 0 || tables.Length() > len(r.Themes.Comparisons) {
			t.Fatalf("%s: %d tables, want one per comparison (%d)", page, tables.Length(), len(r.Themes.Comparisons))
		}
		// A table per comparison: named when there are several, its
		// columns the two instruments compared, its rows the themes
		// judged on it, each with that one verdict.
		rowsOf := map[string]int{} // theme id → rows
		byID := map[string]*themes.Theme{}
		for i := range r.Themes.Themes {
			byID[r.Themes.Themes[i].ID] = &r.Themes.Themes[i]
		}
		tables.Each(func(i int, table *goquery.Selection) {
			heads := table.Find("thead th")
			if heads.Length() != 4 {
				t.Errorf("%s: table %d has %d column headers, want theme, verdict and the two instruments compared", page, i, heads.Length())
				return
			}
			a, b := instrumentNamed(heads.Eq(2).Text()), instrumentNamed(heads.Eq(3).Text())
			if !compared[[2]string{a, b}] && !compared[[2]string{b, a}] {
				t.Errorf("%s: table %d compares %q and %q, which are not compared", page, i, heads.Eq(2).Text(), heads.Eq(3).Text())
			}
			if named := table.PrevFiltered("h2.cmp-title").Length() == 1; named != (tables.Length() > 1) {
				t.Errorf("%s: table %d is named %v, with %d tables", page, i, named, tables.Length())
			}
			table.Find("tbody tr").Each(func(_ int, row *goquery.Selection) {
				href := row.Find("th.cmp-theme > a").AttrOr("href", "")
				id := strings.TrimSuffix(strings.TrimPrefix(href, "/"+lang.dir+"/themes/"), "/")
				th := byID[id]
				if th == nil {
					t.Errorf("%s: a row links %q, not a theme", page, href)
					return
				}
				rowsOf[id]++
				if n := row.Find("td").Length(); n != 3 {
					t.Errorf("%s: %s: %d cells, want the verdict and one per instrument compared", page, id, n)
				}
				if n := row.Find("td .cmp-col").Length(); n != 3 {
					t.Errorf("%s: %s: %d cells labelled for the narrow layout, want all 3", page, id, n)
				}
				want := 0
				if len(th.Verdicts) > 0 {
					want = 1
				}
				if n := row.Find(".cmp-verdict .verdict").Length(); n != want || row.Find(".verdict-of").Length() != 0 {
					t.Errorf("%s: %s: %d verdicts (%d naming a comparison), want %d, the table's", page, id, n, row.Find(".verdict-of").Length(), want)
				}
				row.Find(".cmp-pairs a").Each(func(_ int, link *goquery.Selection) {
					slug := strings.TrimSuffix(strings.TrimPrefix(link.AttrOr("href", ""), "/"+lang.dir+"/compare/"), "/")
					x, y, _ := strings.Cut(slug, "--")
					if ix, iy := instrumentOfSlug(x), instrumentOfSlug(y); !(ix == a && iy == b) && !(ix == b && iy == a) {
						t.Errorf("%s: %s: pair %s is not between the table's instruments", page, id, slug)
					}
				})
			})
		})
		// Each theme is in a row of every comparison it judges, and its
		// first row carries its id, which its page links to.
		for _, th := range r.Themes.Themes {
			if len(th.Verdicts) > 0 && rowsOf[th.ID] != len(th.Verdicts) {
				t.Errorf("%s: theme %s is in %d rows, want one per comparison it judges (%d)", page, th.ID, rowsOf[th.ID], len(th.Verdicts))
			}
			if rowsOf[th.ID] > 0 && doc.Find("main table.cmp tr#"+th.ID).Length() != 1 {
				t.Errorf("%s: %d rows with id %s, want its first", page, doc.Find("main table.cmp tr#"+th.ID).Length(), th.ID)
			}
		}
	}
	// A theme of one instrument alone, new in it: its page has one
	// column, and its verdict names the instrument by its year.
	found := false
	for _, th := range r.Themes.Themes {
		insts := map[string]bool{}
		for _, k := range th.Parts {
			inst, _, _ := strings.Cut(k, "/")
			insts[inst] = true
		}
		if len(insts) != 1 || len(th.Verdicts) != 1 {
			continue
		}
		for inst := range insts {
			if th.Verdicts[inst] != "new" {
				continue
			}
			found = true
			doc := HTML(t, public, "/en/themes/"+th.ID+"/")
			if n := doc.Find("main .theme-column").Length(); n != 1 {
				t.Errorf("/en/themes/%s/: %d columns, want 1", th.ID, n)
			}
			if got := doc.Find("main .doc-head .verdict").Text(); !strings.Contains(got, fmt.Sprint(year[inst])) {
				t.Errorf("/en/themes/%s/: verdict %q does not name %s by its year", th.ID, got, inst)
			}
		}
	}
	if !found && len(ids) > 2 {
		t.Error("no theme of one instrument alone in a fixture of three or more")
	}
}

// fourthInstrument adds a fourth instrument to the fixture: a manifest
// entry and its capture, compared by default with the latest before it.
func fourthInstrument(t testing.TB) map[string]string {
	manifest := string(fixtureFile(t, "sources/sources.toml")) + `
[[instrument]]
id = "test-fourth"
date = 2099-01-01
note = "A fourth test instrument, added by the phone layout test."
structure = [{ kind = "preamble", count = 1 }, { kind = "point", count = 2 }]
title = { en = "Test Fourth Initiative", zh-Hans = "测试第四倡议" }
issuer = { en = "Ministry of Tests", zh-Hans = "测试部" }
authority = { en = "fourth", zh-Hans = "fourth" }

[[source]]
id = "fourth"
file = "fourth.txt"
format = "text"
encoding = "utf-8"
publisher = "Test Laws Portal"
address = "https://laws.example/fourth"
date = 2099-01-01
kind = "official-text"
instrument = "test-fourth"
languages = ["en", "zh-Hans"]
layout = "interleaved"
description = "Full text, English and Chinese on each line."
[[source.section]]
start = "^Everyone"
`
	return map[string]string{
		"sources/sources.toml": manifest,
		"sources/fourth.txt": "Test Fourth Initiative 测试第四倡议\nEveryone benefits from data. 人人受益于数据。\n" +
			"Keep data accurate. 保持数据准确。\nDelete data no longer needed. 删除不再需要的数据。\n",
	}
}

// TestComparisonFourColumns: with four instruments the table has a column
// for each, and on a phone (390 px wide) its rows become cards that fit
// the screen: no sideways scroll, every cell inside the viewport.
func TestComparisonFourColumns(t *testing.T) {
	public := BuildProject(t, "fixture-four", fixtureDir, fourthInstrument)
	doc := HTML(t, public, "/en/compare/")
	cols := doc.Find("main table.cmp thead th").Length() - 2
	if cols < 4 {
		t.Fatalf("/en/compare/: %d instrument columns, want at least 4", cols)
	}
	testenv.Slow(t, "the comparison table on a phone, in Chromium")
	base := browser.Serve(t, public)
	ctx, log := browser.New(t, 390, 844)
	var scroll, width, cells, outside int
	var display string
	err := chromedp.Run(ctx,
		chromedp.EmulateViewport(390, 844),
		chromedp.Navigate(base+"/en/compare/"),
		chromedp.WaitReady("table.cmp"),
		chromedp.Evaluate(`document.documentElement.scrollWidth`, &scroll),
		chromedp.Evaluate(`window.innerWidth`, &width),
		chromedp.Evaluate(`getComputedStyle(document.querySelector("table.cmp tbody tr")).display`, &display),
		chromedp.Evaluate(`document.querySelectorAll("table.cmp td").length`, &cells),
		chromedp.Evaluate(`[...document.querySelectorAll("table.cmp td, table.cmp tbody th")].filter(c => c.getBoundingClientRect().right > window.innerWidth + 0.5).length`, &outside),
	)
	if err != nil {
		t.Fatal(err)
	}
	if _, errs := log.Snapshot(); len(errs) > 0 {
		t.Errorf("console errors %q", errs)
	}
	if width != 390 || scroll > width {
		t.Errorf("viewport %d px, page %d px wide: it scrolls sideways", width, scroll)
	}
	if display != "block" {
		t.Errorf("rows display as %q, want cards (block)", display)
	}
	if cells == 0 || outside > 0 {
		t.Errorf("%d of %d cells reach past the screen's edge", outside, cells)
	}
}

// TestComparisonOtherThemes: a theme judged on no comparison, of an
// instrument compared with none, is in no table of the comparison page:
// it is listed after the tables, with the id its page links to.
func TestComparisonOtherThemes(t *testing.T) {
	theme := func(id, parts, verdicts string) string {
		s := "\n[[theme]]\nid = \"" + id + "\"\nparts = [" + parts + "]\n"
		if verdicts != "" {
			s += "verdicts = { " + verdicts + " }\n"
		}
		return s + `name = { en = "Theme ` + id + `", zh-Hans = "主题` + id + `" }
description = { en = "What it covers.", zh-Hans = "涵盖的内容。" }
explanation = { en = "Why.", zh-Hans = "原因。" }
`
	}
	public := BuildProject(t, "fixture-other-themes", fixtureDir, func(t testing.TB) map[string]string {
		return map[string]string{"data/themes.toml": "[compare]\ntest-gids = \"\"\ntest-cbdf = \"\"\ntest-third = \"\"\ntest-zh = \"\"\ntest-en = \"test-zh\"\n" +
			theme("compared", `"test-zh/point_3", "test-en/point_1"`, `test-en = "extended"`) +
			theme("lonely", `"test-gids/point_1"`, "")}
	})
	for _, lang := range langs {
		page := "/" + lang.dir + "/compare/"
		doc := HTML(t, public, page)
		if n := doc.Find("main table.cmp tbody tr").Length(); n != 1 || doc.Find("main table.cmp tr#compared").Length() != 1 {
			t.Errorf("%s: %d rows, want the one theme compared", page, n)
		}
		other := doc.Find("main table.cmp ~ h2.cmp-title + ul.cmp-other li#lonely a")
		if other.Length() != 1 || other.AttrOr("href", "") != "/"+lang.dir+"/themes/lonely/" {
			t.Errorf("%s: the theme on no comparison is not listed after the table", page)
		}
		link := HTML(t, public, "/"+lang.dir+"/themes/lonely/").Find(`main .cmp-links a[href$="#lonely"]`)
		if link.Length() != 1 {
			t.Errorf("/%s/themes/lonely/: no link to its place on the comparison page", lang.dir)
		}
	}
}
