// Package searchtest checks the site's search in a real browser: the real
// content is built with Hugo, indexed with Pagefind, served on 127.0.0.1 and
// queried through the search page in headless Chromium.
package searchtest

import (
	"io"
	"net/url"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/annotated-data-initiatives/site/tools/internal/browser"
	"github.com/annotated-data-initiatives/site/tools/internal/project"
	"github.com/annotated-data-initiatives/site/tools/internal/search"
	"github.com/annotated-data-initiatives/site/tools/internal/sitetest"
	"github.com/annotated-data-initiatives/site/tools/internal/testenv"
)

func TestMain(m *testing.M) { os.Exit(sitetest.RunShared(m)) }

// index is the one Pagefind run over the shared build.
var index struct {
	once sync.Once
	err  error
}

// site builds and indexes the real content once for all tests.
func site(t *testing.T) string {
	t.Helper()
	if browser.Path() == "" {
		testenv.Missing(t, "chromium not installed (Debian: apt-get install chromium fonts-noto-cjk); skipping search tests")
	}
	public := sitetest.BuildShared(t, "real", sitetest.RepoContent)
	index.once.Do(func() {
		root, err := project.WorkingRoot()
		if err == nil {
			err = search.Index(root, public, "", io.Discard, io.Discard)
		}
		index.err = err
	})
	if index.err != nil {
		t.Fatal(index.err)
	}
	return public
}

type result struct{ URL, Text string }

// query opens the search page of a language with q and returns the clause
// results in order, and the bytes the browser fetched for the query.
func query(t *testing.T, base, lang, q string) ([]result, float64) {
	t.Helper()
	ctx, log := browser.New(t, 1200, 900)
	var urls []string
	var texts []string
	err := chromedp.Run(ctx,
		chromedp.Navigate(base+"/"+lang+"/search/?q="+url.QueryEscape(q)),
		chromedp.Poll(`document.getElementById("search-status").textContent.length > 0 &&
			!document.getElementById("search-status").textContent.endsWith("…")`, nil,
			chromedp.WithPollingTimeout(30*time.Second)),
		chromedp.Evaluate(`[...document.querySelectorAll(".search-clauses .search-result h3 a")].map(a => a.getAttribute("href"))`, &urls),
		chromedp.Evaluate(`[...document.querySelectorAll(".search-clauses .search-result")].map(li => li.textContent)`, &texts),
	)
	if err != nil {
		t.Fatalf("%s %q: %v", lang, q, err)
	}
	reqs, errs := log.Snapshot()
	if len(errs) > 0 {
		t.Errorf("%s %q: console errors %q", lang, q, errs)
	}
	var bytes float64
	for _, r := range reqs {
		if r.Failed != "" {
			t.Errorf("%s %q: request %s failed: %s", lang, q, r.URL, r.Failed)
		}
		if strings.Contains(r.URL, "/pagefind/") || strings.Contains(r.URL, "/js/") {
			bytes += r.Bytes
		}
	}
	var out []result
	for i, u := range urls {
		if p, err := url.Parse(u); err == nil {
			u = p.Path
		}
		out = append(out, result{u, texts[i]})
	}
	return out, bytes
}

func TestSearchFindsClausesFirst(t *testing.T) {
	testenv.Slow(t, "searches in Chromium")
	public := site(t)
	base := browser.Serve(t, public)
	tests := []struct {
		lang, q string
		want    []string // acceptable first results
	}{
		{"zh", "后门", []string{"/zh/gids-2020/point_7/", "/zh/cbdf-2024/point_11/"}},
		{"en", "backdoors", []string{"/en/gids-2020/point_7/", "/en/cbdf-2024/point_11/"}},
		{"en", "negative list", []string{"/en/cbdf-2024/point_5/"}},
		{"en", "judicial assistance", []string{"/en/gids-2020/point_6/"}},
		// Traditional characters find the Simplified text.
		{"zh", "數據安全", nil},
		{"zh", "負面清單", []string{"/zh/cbdf-2024/point_5/"}},
	}
	for _, tt := range tests {
		t.Run(tt.lang+" "+tt.q, func(t *testing.T) {
			got, bytes := query(t, base, tt.lang, tt.q)
			if len(got) == 0 {
				t.Fatalf("no clause found")
			}
			t.Logf("first of %d: %s; %.1f KB fetched for the query", len(got), got[0].URL, bytes/1024)
			if tt.want != nil && !slices.Contains(tt.want, got[0].URL) {
				t.Errorf("first result %s, want one of %v", got[0].URL, tt.want)
			}
			if tt.want == nil {
				// The first result's official (Simplified) text holds the phrase.
				text := sitetest.HTML(t, public, strings.TrimPrefix(got[0].URL, "/")+"index.html").Find("article .text").First().Text()
				if !strings.Contains(text, "数据安全") {
					t.Errorf("first result %s does not contain 数据安全: %q", got[0].URL, text)
				}
			}
			if bytes > 150*1024 {
				t.Errorf("first query fetched %.1f KB, over the 150 KB budget", bytes/1024)
			}
		})
	}
}

// TestPagesLoadNoScript: an ordinary page, with its search box, fetches no
// script and nothing from Pagefind until a reader searches.
func TestPagesLoadNoScript(t *testing.T) {
	testenv.Slow(t, "a page load in Chromium")
	base := browser.Serve(t, site(t))
	ctx, log := browser.New(t, 1200, 900)
	if err := chromedp.Run(ctx, chromedp.Navigate(base+"/en/gids-2020/point_3/"), chromedp.WaitVisible("#site-search-q", chromedp.ByID)); err != nil {
		t.Fatal(err)
	}
	reqs, errs := log.Snapshot()
	for _, r := range reqs {
		if strings.HasSuffix(r.URL, ".js") || strings.Contains(r.URL, "/pagefind/") || strings.HasSuffix(r.URL, ".wasm") {
			t.Errorf("a part page fetched %s", r.URL)
		}
		if !strings.HasPrefix(r.URL, base) {
			t.Errorf("request to another host: %s", r.URL)
		}
	}
	if len(errs) > 0 {
		t.Errorf("console errors: %q", errs)
	}
}

// TestSearchWithoutJavaScript: every page has a labelled search box that is
// a plain form; the search page says, without scripts, that search needs them.
func TestSearchWithoutJavaScript(t *testing.T) {
	public := sitetest.BuildShared(t, "real", sitetest.RepoContent)
	for lang, word := range map[string]string{"en": "JavaScript", "zh": "JavaScript"} {
		doc := sitetest.HTML(t, public, lang+"/search/index.html")
		if msg := doc.Find("noscript").Text(); !strings.Contains(msg, word) {
			t.Errorf("%s search page: noscript says %q", lang, msg)
		}
		for _, page := range []string{lang + "/index.html", lang + "/gids-2020/point_1/index.html", lang + "/notes/index.html"} {
			d := sitetest.HTML(t, public, page)
			form := d.Find("header form[role=search]")
			action, _ := form.Attr("action")
			if form.Length() != 1 || action != "/"+lang+"/search/" {
				t.Errorf("%s: search form %d, action %q", page, form.Length(), action)
			}
			id, _ := form.Find("input[name=q]").Attr("id")
			if id == "" || form.Find("label[for="+id+"]").Length() != 1 {
				t.Errorf("%s: the search input has no label", page)
			}
		}
	}
}
