package sitetest

// The comparison of the fixture, whatever its instruments: a column per
// instrument, a verdict per comparison a theme judges, pair pages only
// between compared instruments, a theme of one instrument alone; and, with
// a fourth instrument added, a table that still fits a phone.

import (
	"fmt"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/chromedp/chromedp"

	"github.com/annotated-data-initiatives/site/tools/internal/browser"
	"github.com/annotated-data-initiatives/site/tools/internal/testenv"
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
	for _, lang := range langs {
		page := "/" + lang.dir + "/compare/"
		doc := HTML(t, public, page)
		if n := doc.Find("main table.cmp thead th").Length(); n != 2+len(ids) {
			t.Errorf("%s: %d column headers, want theme, verdict and one per instrument (%d)", page, n, len(ids))
		}
		rows := doc.Find("main table.cmp tbody tr")
		if rows.Length() != len(r.Themes.Themes) {
			t.Fatalf("%s: %d rows, want %d", page, rows.Length(), len(r.Themes.Themes))
		}
		rows.Each(func(i int, row *goquery.Selection) {
			th := r.Themes.Themes[i]
			if n := row.Find("td").Length(); n != 1+len(ids) {
				t.Errorf("%s#%s: %d cells, want the verdicts and one per instrument", page, th.ID, n)
			}
			if n := row.Find("td .cmp-col").Length(); n != 1+len(ids) {
				t.Errorf("%s#%s: %d cells labelled for the narrow layout, want all %d", page, th.ID, n, 1+len(ids))
			}
			// A verdict per comparison the theme judges, each naming its
			// comparison when there are several.
			verdicts := row.Find(".cmp-verdict .verdict")
			if verdicts.Length() != len(th.Verdicts) {
				t.Errorf("%s#%s: %d verdicts, want %d", page, th.ID, verdicts.Length(), len(th.Verdicts))
			}
			if multi := len(r.Themes.Comparisons) > 1; multi && row.Find(".cmp-verdict .verdict-of").Length() != len(th.Verdicts) {
				t.Errorf("%s#%s: verdicts do not say which comparison they are on", page, th.ID)
			}
			row.Find(".cmp-pairs a").Each(func(_ int, a *goquery.Selection) {
				slug := strings.TrimSuffix(strings.TrimPrefix(a.AttrOr("href", ""), "/"+lang.dir+"/compare/"), "/")
				x, y, _ := strings.Cut(slug, "--")
				if !compared[[2]string{instrumentOfSlug(x), instrumentOfSlug(y)}] {
					t.Errorf("%s#%s: pair %s joins instruments that are not compared", page, th.ID, slug)
				}
			})
		})
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
