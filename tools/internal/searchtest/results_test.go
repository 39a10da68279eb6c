package searchtest

import (
	"bytes"
	"compress/gzip"
	"context"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"

	"github.com/BurntSushi/toml"
	"github.com/chromedp/chromedp"

	"github.com/annotated-data-initiatives/site/tools/internal/browser"
	"github.com/annotated-data-initiatives/site/tools/internal/corpus"
	"github.com/annotated-data-initiatives/site/tools/internal/notes"
	"github.com/annotated-data-initiatives/site/tools/internal/opencc"
	"github.com/annotated-data-initiatives/site/tools/internal/project"
	"github.com/annotated-data-initiatives/site/tools/internal/sitetest"
	"github.com/annotated-data-initiatives/site/tools/internal/testenv"
)

// page is what the search page shows for a query.
type page struct {
	Status    string   // the status line
	Clauses   []string // paths of the clause results, in order
	Notes     []string // paths of the note results, in order
	Excerpts  []string // the excerpts of the clause results
	Elsewhere []string // the links to the other editions, when shown
}

// searchPage opens the search page of a language with q in a browser context
// and reads what it shows once the search is done.
func searchPage(t *testing.T, ctx context.Context, base, lang, q string) page {
	t.Helper()
	var p page
	paths := `(sel) => [...document.querySelectorAll(sel)].map(a => new URL(a.href).pathname)`
	err := chromedp.Run(ctx,
		chromedp.Navigate(base+"/"+lang+"/search/?q="+url.QueryEscape(q)),
		chromedp.Poll(`document.getElementById("search-status").textContent.length > 0 &&
			!document.getElementById("search-status").textContent.endsWith("…")`, nil,
			chromedp.WithPollingTimeout(30*time.Second)),
		chromedp.Evaluate(`document.getElementById("search-status").textContent`, &p.Status),
		chromedp.Evaluate(`(`+paths+`)(".search-clauses .search-result h3 a")`, &p.Clauses),
		chromedp.Evaluate(`(`+paths+`)(".search-notes .search-result h3 a")`, &p.Notes),
		chromedp.Evaluate(`[...document.querySelectorAll(".search-clauses .search-excerpt")].map(e => e.textContent)`, &p.Excerpts),
		chromedp.Evaluate(`[...document.querySelectorAll("#search-elsewhere:not([hidden]) a")].map(a => a.getAttribute("href"))`, &p.Elsewhere),
	)
	if err != nil {
		t.Fatalf("%s %q: %v", lang, q, err)
	}
	return p
}

// served is the built site on 127.0.0.1, with the paths the browser (and
// Pagefind's web worker, whose requests the page's log does not see) asked
// for.
type served struct {
	Base   string
	public string
	mu     sync.Mutex
	paths  []string
}

func serve(t *testing.T, public string) *served {
	t.Helper()
	s := &served{public: public}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	files := http.FileServer(http.Dir(public))
	srv := &http.Server{ReadHeaderTimeout: 5 * time.Second, Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.paths = append(s.paths, r.URL.Path)
		s.mu.Unlock()
		files.ServeHTTP(w, r)
	})}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	s.Base = "http://" + ln.Addr().String()
	return s
}

// reset forgets the paths asked for so far.
func (s *served) reset() {
	s.mu.Lock()
	s.paths = nil
	s.mu.Unlock()
}

// searchBytes is what the files asked for since the last reset for the
// search (the search script and Pagefind's files) weigh as a host sends
// them: gzip compressed, Pagefind's own compressed files as they are; and
// how many of them are result fragments.
func (s *served) searchBytes(t *testing.T) (total int, fragments int) {
	t.Helper()
	s.mu.Lock()
	paths := slices.Clone(s.paths)
	s.mu.Unlock()
	for _, p := range paths {
		if !strings.Contains(p, "/pagefind/") && !strings.Contains(p, "/js/") {
			continue
		}
		if strings.Contains(p, "/fragment/") {
			fragments++
		}
		b, err := os.ReadFile(filepath.Join(s.public, filepath.FromSlash(p)))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(b, []byte{0x1f, 0x8b}) {
			var z bytes.Buffer
			w, _ := gzip.NewWriterLevel(&z, gzip.DefaultCompression)
			w.Write(b)
			w.Close()
			b = z.Bytes()
		}
		total += len(b)
	}
	return total, fragments
}

// allParts is every part of the build, in order.
func allParts(t *testing.T, public string) []builtPart {
	var all []builtPart
	for _, parts := range builtCorpus(t, public) {
		all = append(all, parts...)
	}
	return all
}

// TestSearchFitsAPhone: on a 390 px wide screen, the results page with
// its filters does not scroll sideways.
func TestSearchFitsAPhone(t *testing.T) {
	testenv.Slow(t, "searches in Chromium")
	public := site(t)
	base := browser.Serve(t, public)
	all := allParts(t, public)
	for _, prefix := range []string{"en", "zh"} {
		p := all[len(all)-1]
		l, lang := localeOf(t, p, prefix)
		q := uniqueWord(p, all, l)
		if corpus.IsHan(l) {
			q = uniqueHan(p, all, l)
		}
		// Headless Chromium keeps its window at least 500 px wide: the
		// phone's viewport is emulated.
		ctx, _ := browser.New(t, 390, 844)
		if err := chromedp.Run(ctx, chromedp.EmulateViewport(390, 844)); err != nil {
			t.Fatal(err)
		}
		got := searchPage(t, ctx, base, lang, q)
		if len(got.Clauses) == 0 {
			t.Fatalf("%s %q: no result", lang, q)
		}
		var filters int
		var scroll, width int
		if err := chromedp.Run(ctx,
			chromedp.Evaluate(`document.querySelectorAll("#search-filters select").length`, &filters),
			chromedp.Evaluate(`document.documentElement.scrollWidth`, &scroll),
			chromedp.Evaluate(`document.documentElement.clientWidth`, &width),
		); err != nil {
			t.Fatal(err)
		}
		if filters == 0 {
			t.Errorf("%s %q: no filter shown", lang, q)
		}
		if width != 390 {
			t.Fatalf("the viewport is %d px wide, not 390", width)
		}
		if scroll > width {
			t.Errorf("%s %q: the page is %d px wide in a %d px viewport", lang, q, scroll, width)
		}
	}
}

// TestSearchFindsThemes: a word of a theme's name that no part's text has
// finds the parts of the theme.
func TestSearchFindsThemes(t *testing.T) {
	testenv.Slow(t, "searches in Chromium")
	public := site(t)
	base := browser.Serve(t, public)
	all := allParts(t, public)
	var themes struct {
		Themes []struct {
			Name  map[string]string `json:"name"`
			Parts []string          `json:"parts"`
		} `json:"themes"`
	}
	sitetest.Export(t, public, "data/themes.json", &themes)
	ctx, _ := browser.New(t, 1200, 900)
	searched := 0
	for _, th := range themes.Themes {
		if searched == 3 {
			break
		}
		var parts []builtPart
		for _, p := range all {
			if slices.Contains(th.Parts, p.Key) {
				parts = append(parts, p)
			}
		}
		if len(parts) == 0 {
			continue
		}
		l, lang := localeOf(t, parts[0], "en")
		word := ""
		for _, w := range strings.FieldsFunc(th.Name[l], func(r rune) bool { return !unicode.IsLetter(r) }) {
			w = strings.ToLower(w)
			if len(w) >= 6 && !slices.ContainsFunc(all, func(p builtPart) bool { return strings.Contains(strings.ToLower(p.Text[l]), w) }) {
				word = w
				break
			}
		}
		if word == "" {
			continue
		}
		searched++
		want := map[string]bool{}
		for _, p := range parts {
			want[pagePath(t, p, l)] = true
		}
		got := searchPage(t, ctx, base, lang, word)
		if !slices.ContainsFunc(got.Clauses, func(u string) bool { return want[u] }) {
			t.Errorf("%s %q (theme %q): clauses %v, none of the theme's parts", lang, word, th.Name[l], got.Clauses)
		}
	}
	if searched == 0 {
		t.Fatal("no theme has a word in its name that no part's text has")
	}
	// The editors' keywords of a theme find one of its parts first.
	root, err := project.WorkingRoot()
	if err != nil {
		t.Fatal(err)
	}
	r := sitetest.IngestResult(t, root)
	keywords := 0
	for _, th := range r.Themes.Themes {
		for locale, words := range th.Keywords {
			l := r.Site.Language(locale)
			if l == nil || len(words) == 0 {
				continue
			}
			keywords++
			want := map[string]bool{}
			for _, key := range th.Parts {
				for _, p := range all {
					if p.Key == key {
						want[pagePath(t, p, locale)] = true
					}
				}
			}
			got := searchPage(t, ctx, base, l.Key, words[0])
			if len(got.Clauses) == 0 || !want[got.Clauses[0]] {
				t.Errorf("%s %q (a keyword of theme %s): clauses %v, want one of %v first", l.Key, words[0], th.ID, got.Clauses, th.Parts)
			}
		}
	}
	if keywords == 0 {
		t.Log("no theme has keywords")
	}
}

// TestSearchFindsNotesInTraditional: a run of Han characters of a Chinese
// note, typed in Traditional characters, finds the note.
func TestSearchFindsNotesInTraditional(t *testing.T) {
	testenv.Slow(t, "searches in Chromium")
	public := site(t)
	base := browser.Serve(t, public)
	root, err := project.WorkingRoot()
	if err != nil {
		t.Fatal(err)
	}
	r := sitetest.IngestResult(t, root)
	zh := r.Site.Languages[len(r.Site.Languages)-1]
	for _, l := range r.Site.Languages {
		if l.Lang().Han() {
			zh = l
		}
	}
	ctx, _ := browser.New(t, 1200, 900)
	searched := 0
	for _, n := range r.Notes {
		if n.Lang != zh.Locale || searched == 3 {
			continue
		}
		// A run of four Han characters that no other note of the language
		// has, whose first and last change in Traditional characters.
		var q string
		text := []rune(n.Body)
		for i := 0; i+4 <= len(text) && q == ""; i++ {
			run := text[i : i+4]
			if slices.ContainsFunc(run, func(r rune) bool { return !unicode.Is(unicode.Han, r) }) {
				continue
			}
			if slices.ContainsFunc(r.Notes, func(o *notes.Note) bool { return o != n && o.Lang == n.Lang && strings.Contains(o.Body, string(run)) }) {
				continue
			}
			tr := []rune(opencc.S2T(string(run)))
			if len(tr) == 4 && tr[0] != run[0] && tr[3] != run[3] {
				q = string(tr)
			}
		}
		if q == "" {
			continue
		}
		searched++
		want := "/" + n.Dir + "/notes/" + n.Slug + "/"
		got := searchPage(t, ctx, base, n.Dir, q)
		if !slices.Contains(got.Notes, want) {
			t.Errorf("%s %q: notes %v, not %s", n.Dir, q, got.Notes, want)
		}
	}
	if searched == 0 {
		t.Fatal("no Chinese note has a run of Han characters that Traditional characters write differently")
	}
}

// TestSearchPointsToOtherEditions: a query in another language's script
// that finds nothing on one edition offers the same query on the others.
func TestSearchPointsToOtherEditions(t *testing.T) {
	testenv.Slow(t, "searches in Chromium")
	public := site(t)
	base := browser.Serve(t, public)
	all := allParts(t, public)
	ctx, _ := browser.New(t, 1200, 900)
	tried := 0
	for i := len(all) - 1; i >= 0 && tried < 3; i-- {
		p := all[i]
		zh, zhLang := localeOf(t, p, "zh")
		_, enLang := localeOf(t, p, "en")
		// From the middle of the text: a run that begins no sentence.
		text := []rune(p.Text[zh])
		q := ""
		for j := len(text) / 2; j+4 <= len(text) && q == ""; j++ {
			run := text[j : j+4]
			if !slices.ContainsFunc(run, func(r rune) bool { return !unicode.Is(unicode.Han, r) }) && unicode.Is(unicode.Han, text[j-1]) {
				q = string(run)
			}
		}
		if q == "" {
			continue
		}
		got := searchPage(t, ctx, base, enLang, q)
		if len(got.Clauses)+len(got.Notes) > 0 {
			continue
		}
		tried++
		want := "/" + zhLang + "/search/?q=" + url.QueryEscape(q)
		if !slices.ContainsFunc(got.Elsewhere, func(h string) bool {
			u, err := url.Parse(h)
			return err == nil && u.Path == "/"+zhLang+"/search/" && u.Query().Get("q") == q
		}) {
			t.Errorf("%s %q: nothing found, and the page offers %v, not %s", enLang, q, got.Elsewhere, want)
		}
	}
	if tried == 0 {
		t.Fatal("every Chinese query found something on the English edition")
	}
	// And the other way: a part's own English word that no Chinese note
	// has, searched on the Chinese edition.
	root, err := project.WorkingRoot()
	if err != nil {
		t.Fatal(err)
	}
	r := sitetest.IngestResult(t, root)
	for i := len(all) - 1; i >= 0; i-- {
		p := all[i]
		en, enLang := localeOf(t, p, "en")
		zh, zhLang := localeOf(t, p, "zh")
		q := uniqueWord(p, all, en)
		if q == "" || slices.ContainsFunc(r.Notes, func(n *notes.Note) bool {
			return n.Lang == zh && strings.Contains(strings.ToLower(n.Title+" "+n.Body), q)
		}) {
			continue
		}
		got := searchPage(t, ctx, base, zhLang, q)
		if len(got.Clauses)+len(got.Notes) > 0 {
			continue // Pagefind matched it in a longer word
		}
		if !slices.ContainsFunc(got.Elsewhere, func(h string) bool {
			u, err := url.Parse(h)
			return err == nil && u.Path == "/"+enLang+"/search/" && u.Query().Get("q") == q
		}) {
			t.Errorf("%s %q: nothing found, and the page offers %v, not the %s edition", zhLang, q, got.Elsewhere, enLang)
		}
		return
	}
	t.Error("every part's own English word found something on the Chinese edition")
}

// TestSearchCountsInTheRightNumber: one result is counted with the
// language's singular.
func TestSearchCountsInTheRightNumber(t *testing.T) {
	testenv.Slow(t, "searches in Chromium")
	public := site(t)
	base := browser.Serve(t, public)
	root, err := project.WorkingRoot()
	if err != nil {
		t.Fatal(err)
	}
	all := allParts(t, public)
	ctx, _ := browser.New(t, 1200, 900)
	for _, p := range all {
		l, lang := localeOf(t, p, "en")
		q := uniqueWord(p, all, l)
		if q == "" {
			continue
		}
		got := searchPage(t, ctx, base, lang, q)
		if len(got.Clauses)+len(got.Notes) != 1 {
			continue
		}
		var msgs map[string]string
		if _, err := toml.DecodeFile(filepath.Join(root, "i18n", lang+".toml"), &msgs); err != nil {
			t.Fatal(err)
		}
		one, ok := msgs["searchResultsCountOne"]
		if !ok {
			t.Fatalf("i18n/%s.toml has no searchResultsCountOne; the status says %q", lang, got.Status)
		}
		if want := strings.ReplaceAll(one, "{n}", "1"); got.Status != want {
			t.Errorf("%s %q: status %q, want %q", lang, q, got.Status, want)
		}
		return
	}
	t.Fatal("no query of a part's own word finds exactly one result")
}

// TestBroadSearchFetchesAPage: a query that most parts match shows, and
// fetches, a page of results; "more results" fetches the next. The first
// search stays within 150 KB as a host sends it (gzip).
func TestBroadSearchFetchesAPage(t *testing.T) {
	testenv.Slow(t, "searches in Chromium")
	public := site(t)
	srv := serve(t, public)
	all := allParts(t, public)
	for _, prefix := range []string{"en", "zh"} {
		l, lang := localeOf(t, all[0], prefix)
		// The word (or, in Han text, the two characters) most parts have.
		count := map[string]int{}
		for _, p := range all {
			seen := map[string]bool{}
			text := []rune(strings.ToLower(p.Text[l]))
			if corpus.IsHan(l) {
				for i := 0; i+2 <= len(text); i++ {
					if unicode.Is(unicode.Han, text[i]) && unicode.Is(unicode.Han, text[i+1]) {
						seen[string(text[i:i+2])] = true
					}
				}
			} else {
				for _, w := range strings.FieldsFunc(string(text), func(r rune) bool { return !unicode.IsLetter(r) }) {
					if len(w) >= 4 {
						seen[w] = true
					}
				}
			}
			for w := range seen {
				count[w]++
			}
		}
		q := ""
		for w, n := range count {
			if n > count[q] || (n == count[q] && w < q) {
				q = w
			}
		}
		ctx, _ := browser.New(t, 1200, 900)
		srv.reset()
		got := searchPage(t, ctx, srv.Base, lang, q)
		total, fragments := srv.searchBytes(t)
		shown := len(got.Clauses) + len(got.Notes)
		t.Logf("%s %q: %d shown (%s), %d fragments, %.1f KB gzip", lang, q, shown, got.Status, fragments, float64(total)/1024)
		if count[q] <= 10 {
			t.Fatalf("%s %q: only %d parts have it", lang, q, count[q])
		}
		if len(got.Clauses) > 10 || len(got.Notes) > 10 {
			t.Errorf("%s %q: %d clauses and %d notes shown at once", lang, q, len(got.Clauses), len(got.Notes))
		}
		if fragments > shown {
			t.Errorf("%s %q: %d fragments fetched for %d results shown", lang, q, fragments, shown)
		}
		if total > 150*1024 {
			t.Errorf("%s %q: the first search fetched %.1f KB gzip, over 150 KB", lang, q, float64(total)/1024)
		}
		// The next page.
		before := len(got.Clauses)
		var after int
		if err := chromedp.Run(ctx,
			chromedp.Click(".search-clauses + .search-more", chromedp.ByQuery),
			chromedp.Poll(`document.querySelectorAll(".search-clauses .search-result").length > `+strconv.Itoa(before), nil, chromedp.WithPollingTimeout(30*time.Second)),
			chromedp.Evaluate(`document.querySelectorAll(".search-clauses .search-result").length`, &after),
		); err != nil {
			t.Fatalf("%s %q: more results: %v", lang, q, err)
		}
		if after <= before {
			t.Errorf("%s %q: more results showed %d, had %d", lang, q, after, before)
		}
	}
}

// TestPartTitleWeighsLessThanText: the part's heading (its label) is
// indexed at a weight below the text's, so that a broad query ranks the
// parts by their text, not by words every part's heading shares.
func TestPartTitleWeighsLessThanText(t *testing.T) {
	public := sitetest.BuildShared(t, "real", sitetest.RepoContent)
	p := builtCorpus(t, public)[0][0]
	for _, prefix := range []string{"en", "zh"} {
		l, _ := localeOf(t, p, prefix)
		doc := sitetest.HTML(t, public, strings.TrimPrefix(pagePath(t, p, l), "/")+"index.html")
		w, ok := doc.Find("article h1").Attr("data-pagefind-weight")
		if f, err := strconv.ParseFloat(w, 64); !ok || err != nil || f >= 1 {
			t.Errorf("%s: the h1 has data-pagefind-weight %q, want below 1", pagePath(t, p, l), w)
		}
	}
}
