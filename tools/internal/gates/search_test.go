package gates

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/annotated-data-initiatives/site/tools/internal/corpus"
	"github.com/annotated-data-initiatives/site/tools/internal/sitetest"
)

// searchPaths are the search page of each language of the build with a
// query that finds something: words of the first part the language has a
// page for (the first four Han characters of a text written in them, else
// its longest word), whatever the corpus.
func searchPaths(t testing.TB, public string) []string {
	t.Helper()
	queries := map[string]string{} // site language → query
	var langs []string
	for _, in := range sitetest.ExportedCorpus(t, public) {
		for _, p := range in.Parts {
			locales := make([]string, 0, len(p.Text))
			for l := range p.Text {
				locales = append(locales, l)
			}
			slices.Sort(locales)
			for _, l := range locales {
				lang, _, _ := strings.Cut(strings.TrimPrefix(urlPath(t, p.URL[l]), "/"), "/")
				if lang == "" || queries[lang] != "" {
					continue
				}
				if q := queryOf(p.Text[l], corpus.IsHan(l)); q != "" {
					queries[lang] = q
					langs = append(langs, lang)
				}
			}
		}
	}
	if len(langs) == 0 {
		t.Fatal("no part of the build has a text to search for")
	}
	slices.Sort(langs)
	var out []string
	for _, lang := range langs {
		if _, err := os.Stat(filepath.Join(public, lang, "search", "index.html")); err != nil {
			t.Errorf("%s has parts but no search page: %v", lang, err)
			continue
		}
		out = append(out, "/"+lang+"/search/?q="+url.QueryEscape(queries[lang]))
	}
	return out
}

// queryOf is what a reader might search a text for: its first four Han
// characters in a row (han), else its longest word.
func queryOf(text string, han bool) string {
	if han {
		var run []rune
		for _, r := range text {
			if !unicode.Is(unicode.Han, r) {
				run = run[:0]
				continue
			}
			if run = append(run, r); len(run) == 4 {
				return string(run)
			}
		}
		return ""
	}
	best := ""
	for _, w := range strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if len([]rune(w)) > len([]rune(best)) {
			best = w
		}
	}
	return best
}

// testPhoneSearch loads each language's search page with a query at a
// phone's width (390 × 844 CSS pixels, a touch screen), waits for the
// results, and checks what the other gates check, on the page as the
// reader sees it: no failed or foreign request, no CSP violation, no axe
// violation, no sideways scrolling, and the results' markup (the DOM that
// the search script built, serialised) valid to the Nu checker.
func testPhoneSearch(t *testing.T, root, base string, paths []string) {
	axeSrc, err := os.ReadFile(filepath.Join(root, "node_modules", "axe-core", "axe.min.js"))
	if err != nil {
		t.Fatalf("axe-core missing (run npm install): %v", err)
	}
	tab, cancel := chromedp.NewContext(newBrowser(t))
	defer cancel()
	rec := &recorder{}
	rec.reset()
	chromedp.ListenTarget(tab, rec.handle)
	if err := chromedp.Run(tab, network.Enable(), log.Enable(),
		chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(3), chromedp.EmulateMobile, chromedp.EmulateTouch),
		chromedp.ActionFunc(func(ctx context.Context) error {
			_, err := page.AddScriptToEvaluateOnNewDocument(cspListener).Do(ctx)
			return err
		})); err != nil {
		t.Fatalf("opening a tab: %v", err)
	}
	dir := t.TempDir()
	files := map[string]string{} // serialised DOM → page
	for _, p := range paths {
		res := checkPage(tab, rec, base, p, string(axeSrc))
		for _, problem := range res.problems {
			t.Errorf("%s at 390 px: %s", p, problem)
		}
		for _, v := range res.violations {
			if accepted(knownViolations, map[int]bool{}, res.path, v.ID) {
				continue
			}
			for _, n := range v.Nodes {
				t.Errorf("%s at 390 px: axe %s (%s) at %s: %s", p, v.ID, v.Help, n.Target, strings.ReplaceAll(n.Message, "\n", " "))
			}
		}
		var shown struct {
			Results, Width, Viewport int
			HTML                     string
		}
		ctx, cancel := context.WithTimeout(tab, 30*time.Second)
		err := chromedp.Run(ctx, chromedp.Evaluate(`({
			results: document.querySelectorAll(".search-result").length,
			width: document.documentElement.scrollWidth,
			viewport: window.innerWidth,
			html: "<!DOCTYPE html>\n" + document.documentElement.outerHTML})`, &shown))
		cancel()
		if err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		if shown.Results == 0 {
			t.Errorf("%s at 390 px: no result shown", p)
		}
		if shown.Viewport != 390 || shown.Width > shown.Viewport {
			t.Errorf("%s: the page is %d px wide in a viewport of %d px, want 390", p, shown.Width, shown.Viewport)
		}
		file := filepath.Join(dir, fmt.Sprintf("%d.html", len(files)))
		if err := os.WriteFile(file, []byte(shown.HTML), 0o644); err != nil {
			t.Fatal(err)
		}
		files[file] = res.path + "index.html"
		t.Logf("%s at 390 px: %d results, %d axe violations", p, shown.Results, len(res.violations))
	}
	if len(files) == 0 {
		return
	}
	var list []string
	for f := range files {
		list = append(list, f)
	}
	slices.Sort(list)
	nuCheck(t, root, list, func(file string) string { return files[file] + " (with results, as shown)" })
}

// TestQueryOf: a query is four Han characters in a row, or the longest word.
func TestQueryOf(t *testing.T) {
	for _, tt := range []struct {
		text string
		han  bool
		want string
	}{
		{"各国（应）以事实为依据", true, "以事实为"},
		{"数据，安全", true, ""},
		{"States should handle data security", false, "security"},
		{"", false, ""},
	} {
		if got := queryOf(tt.text, tt.han); got != tt.want {
			t.Errorf("queryOf(%q, %v) = %q, want %q", tt.text, tt.han, got, tt.want)
		}
	}
}
