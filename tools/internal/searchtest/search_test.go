// Package searchtest checks the site's search in a real browser: the real
// content is built with Hugo, indexed with Pagefind, served on 127.0.0.1 and
// queried through the search page in headless Chromium.
package searchtest

import (
	"context"
	"io"
	"net/url"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"

	"github.com/chromedp/chromedp"

	"github.com/annotated-data-initiatives/site/tools/internal/browser"
	"github.com/annotated-data-initiatives/site/tools/internal/opencc"
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

// query opens the search page of a language with q, in a tab of browser
// (from browser.Start) whose cache is emptied first (browser.Fresh), and
// returns the clause results in order, and the bytes (gzip) fetched for
// the query: what a first search costs.
func query(t *testing.T, browserCtx context.Context, srv *served, lang, q string) ([]result, float64) {
	t.Helper()
	ctx, log := browser.Fresh(t, browserCtx)
	ctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	base := srv.Base
	srv.reset()
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
	for _, r := range reqs {
		if r.Failed != "" {
			t.Errorf("%s %q: request %s failed: %s", lang, q, r.URL, r.Failed)
		}
	}
	total, _ := srv.searchBytes(t)
	bytes := float64(total)
	var out []result
	for i, u := range urls {
		if p, err := url.Parse(u); err == nil {
			u = p.Path
		}
		out = append(out, result{u, texts[i]})
	}
	return out, bytes
}

// builtPart is a part as the build's exports give it.
type builtPart = sitetest.ExportedPart

// builtCorpus is the parts of the build's instruments, in order: the
// corpus the site was built from, whatever it is.
func builtCorpus(t *testing.T, public string) [][]builtPart {
	t.Helper()
	var out [][]builtPart
	for _, in := range sitetest.ExportedCorpus(t, public) {
		out = append(out, in.Parts)
	}
	return out
}

// localeOf finds the locale of a part's texts whose name starts with prefix
// ("en", "zh"), and the site language (first path segment) of its pages.
func localeOf(t *testing.T, p builtPart, prefix string) (locale, lang string) {
	t.Helper()
	for l := range p.Text {
		if strings.HasPrefix(l, prefix) {
			u, err := url.Parse(p.URL[l])
			if err != nil {
				t.Fatal(err)
			}
			first, _, _ := strings.Cut(strings.TrimPrefix(u.Path, "/"), "/")
			return l, first
		}
	}
	t.Fatalf("part %s has no %s text", p.Key, prefix)
	return "", ""
}

// pagePath is the path of a part's page in a locale.
func pagePath(t *testing.T, p builtPart, locale string) string {
	t.Helper()
	u, err := url.Parse(p.URL[locale])
	if err != nil {
		t.Fatal(err)
	}
	return u.Path
}

// uniqueWord is the longest word of at least six letters of a part's text
// that no other part's text (in any case) contains; "" when there is none.
func uniqueWord(p builtPart, all []builtPart, locale string) string {
	best := ""
	for _, w := range strings.FieldsFunc(p.Text[locale], func(r rune) bool { return !unicode.IsLetter(r) }) {
		w = strings.ToLower(w)
		if len([]rune(w)) < 6 || len(w) <= len(best) {
			continue
		}
		unique := true
		for _, o := range all {
			if o.Key != p.Key && strings.Contains(strings.ToLower(o.Text[locale]), w) {
				unique = false
				break
			}
		}
		if unique {
			best = w
		}
	}
	return best
}

// uniqueHan is the first run of Han characters (four, else three, else two)
// of a part's text that no other part's text contains, preferring one whose
// Traditional form differs; "" when there is none.
func uniqueHan(p builtPart, all []builtPart, locale string) string {
	text := []rune(p.Text[locale])
	fallback := ""
	for _, n := range []int{4, 3, 2} {
		for i := 0; i+n <= len(text); i++ {
			s := text[i : i+n]
			if slices.ContainsFunc(s, func(r rune) bool { return !unicode.Is(unicode.Han, r) }) {
				continue
			}
			q := string(s)
			unique := true
			for _, o := range all {
				if o.Key != p.Key && strings.Contains(o.Text[locale], q) {
					unique = false
					break
				}
			}
			if !unique {
				continue
			}
			if opencc.S2T(q) != q {
				return q
			}
			if fallback == "" {
				fallback = q
			}
		}
	}
	return fallback
}

// TestSearchFindsClausesFirst: for the last clause of each instrument of the
// build, a word that only its English text has, a run of Han characters
// that only its Chinese text has, and that run in Traditional characters
// find that clause first among the clauses; the Traditional query finds the
// Simplified text.
func TestSearchFindsClausesFirst(t *testing.T) {
	testenv.Slow(t, "searches in Chromium")
	public := site(t)
	srv := serve(t, public)
	instruments := builtCorpus(t, public)
	var all []builtPart
	for _, parts := range instruments {
		all = append(all, parts...)
	}
	type search struct {
		lang, q string
		want    string // the first clause result
		phrase  string // what the first result's text holds, when not q
	}
	var tests []search
	for _, parts := range instruments {
		var last *builtPart
		for j := len(parts) - 1; j >= 0; j-- {
			if parts[j].Role == "clause" {
				last = &parts[j]
				break
			}
		}
		if last == nil {
			continue
		}
		en, enLang := localeOf(t, *last, "en")
		zh, zhLang := localeOf(t, *last, "zh")
		if w := uniqueWord(*last, all, en); w != "" {
			tests = append(tests, search{enLang, w, pagePath(t, *last, en), ""})
		} else {
			t.Logf("%s: no word of its own in %s", last.Key, en)
		}
		if h := uniqueHan(*last, all, zh); h != "" {
			want := pagePath(t, *last, zh)
			tests = append(tests, search{zhLang, h, want, ""})
			if tr := opencc.S2T(h); tr != h {
				// Traditional characters find the Simplified text.
				tests = append(tests, search{zhLang, tr, want, h})
			}
		} else {
			t.Logf("%s: no run of Han characters of its own in %s", last.Key, zh)
		}
	}
	if len(tests) == 0 {
		t.Fatal("no part of the build has a word or a run of Han characters of its own to search for")
	}
	parent := browser.Start(t, 1200, 900)
	for _, tt := range tests {
		t.Run(tt.lang+" "+tt.q, func(t *testing.T) {
			got, bytes := query(t, parent, srv, tt.lang, tt.q)
			if len(got) == 0 {
				t.Fatalf("no clause found")
			}
			t.Logf("first of %d: %s; %.1f KB (gzip) fetched for the query", len(got), got[0].URL, bytes/1024)
			if got[0].URL != tt.want {
				t.Errorf("first result %s, want %s", got[0].URL, tt.want)
			}
			if tt.phrase != "" {
				// The excerpt shown is the official text, not the
				// Traditional form the query matched.
				if !strings.Contains(got[0].Text, tt.phrase) || strings.Contains(got[0].Text, tt.q) {
					t.Errorf("first result %s shows %q, not the official %s", got[0].URL, got[0].Text, tt.phrase)
				}
				// The first result's official (Simplified) text holds the phrase.
				text := sitetest.HTML(t, public, strings.TrimPrefix(got[0].URL, "/")+"index.html").Find("article .text").First().Text()
				if !strings.Contains(text, tt.phrase) {
					t.Errorf("first result %s does not contain %s: %q", got[0].URL, tt.phrase, text)
				}
			}
			if bytes > 150*1024 {
				t.Errorf("first query fetched %.1f KB gzip, over the 150 KB budget", bytes/1024)
			}
		})
	}
}

// firstPartPage is the path (no leading slash, ending in /) of the page of
// the first part of the build's first instrument in a language ("en").
func firstPartPage(t *testing.T, public, prefix string) string {
	t.Helper()
	p := builtCorpus(t, public)[0][0]
	l, _ := localeOf(t, p, prefix)
	return strings.TrimPrefix(pagePath(t, p, l), "/")
}

// TestPagesLoadNoScript: an ordinary page, with its search box, fetches no
// script and nothing from Pagefind until a reader searches.
func TestPagesLoadNoScript(t *testing.T) {
	testenv.Slow(t, "a page load in Chromium")
	public := site(t)
	base := browser.Serve(t, public)
	ctx, log := browser.New(t, 1200, 900)
	if err := chromedp.Run(ctx, chromedp.Navigate(base+"/"+firstPartPage(t, public, "en")), chromedp.WaitVisible("#site-search-q", chromedp.ByID)); err != nil {
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
	p := builtCorpus(t, public)[0][0]
	for lang, word := range map[string]string{"en": "JavaScript", "zh": "JavaScript"} {
		l, _ := localeOf(t, p, lang)
		partPage := strings.TrimPrefix(pagePath(t, p, l), "/") + "index.html"
		doc := sitetest.HTML(t, public, lang+"/search/index.html")
		if msg := doc.Find("noscript").Text(); !strings.Contains(msg, word) {
			t.Errorf("%s search page: noscript says %q", lang, msg)
		}
		for _, page := range []string{lang + "/index.html", partPage, lang + "/notes/index.html"} {
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
