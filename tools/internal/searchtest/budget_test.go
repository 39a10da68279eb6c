package searchtest

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode"

	"github.com/annotated-data-initiatives/site/tools/internal/browser"
	"github.com/annotated-data-initiatives/site/tools/internal/corpus"
	"github.com/annotated-data-initiatives/site/tools/internal/project"
	"github.com/annotated-data-initiatives/site/tools/internal/search"
	"github.com/annotated-data-initiatives/site/tools/internal/sitetest"
	"github.com/annotated-data-initiatives/site/tools/internal/testenv"
)

// fixtureIndex is the one Pagefind run over the fixture's build.
var fixtureIndex struct {
	once   sync.Once
	public string
	err    error
}

// fixtureSite builds the fixture project through ingest and Hugo, as the
// site tests do, and indexes it once for all tests.
func fixtureSite(t *testing.T) string {
	t.Helper()
	if browser.Path() == "" {
		testenv.Missing(t, "chromium not installed (Debian: apt-get install chromium fonts-noto-cjk); skipping search tests")
	}
	root, err := project.WorkingRoot()
	if err != nil {
		t.Fatal(err)
	}
	public := sitetest.BuildProject(t, "fixture", filepath.Join(root, sitetest.FixtureDir), nil)
	fixtureIndex.once.Do(func() {
		fixtureIndex.err = search.Index(root, public, "", io.Discard, io.Discard)
	})
	if fixtureIndex.err != nil {
		t.Fatal(fixtureIndex.err)
	}
	return public
}

// units splits a text into what a query is made of: its words (lower
// case) in a language written with spaces, its Han characters one by one
// in a Han-written one (han), where the other characters break runs.
func units(text string, han bool) [][]string {
	var runs [][]string
	var cur []string
	flush := func() {
		if len(cur) > 0 {
			runs = append(runs, cur)
			cur = nil
		}
	}
	if !han {
		for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) && r != '-' }) {
			cur = append(cur, w)
		}
		flush()
		return runs
	}
	for _, r := range text {
		if unicode.Is(unicode.Han, r) {
			cur = append(cur, string(r))
		} else {
			flush()
		}
	}
	flush()
	return runs
}

func joinUnits(u []string, han bool) string {
	if han {
		return strings.Join(u, "")
	}
	return strings.Join(u, " ")
}

// multiWordQueries are two queries of several words in a language, from
// the build's texts whatever they are: the longest run (at least min
// units: Han characters, or words) that most parts share, a broad query;
// and a run of long units from the middle of the longest text.
func multiWordQueries(all []builtPart, locale string, han bool, min, long int) []string {
	count := map[string]int{}
	longest := ""
	for _, p := range all {
		seen := map[string]bool{}
		for _, run := range units(p.Text[locale], han) {
			for i := range run {
				for j := i + min; j <= len(run) && j-i <= 12; j++ {
					seen[joinUnits(run[i:j], han)] = true
				}
			}
		}
		for q := range seen {
			count[q]++
		}
		if len([]rune(p.Text[locale])) > len([]rune(longest)) {
			longest = p.Text[locale]
		}
	}
	shared := ""
	size := func(q string) int { return len(units(q, han)[0]) }
	for q, n := range count {
		if n < 3 {
			continue
		}
		if shared == "" || size(q) > size(shared) || (size(q) == size(shared) && (n > count[shared] || (n == count[shared] && q < shared))) {
			shared = q
		}
	}
	var out []string
	if shared != "" {
		out = append(out, shared)
	}
	runs := units(longest, han)
	slices.SortStableFunc(runs, func(a, b []string) int { return len(b) - len(a) })
	if len(runs) > 0 && len(runs[0]) >= long {
		r := runs[0]
		mid := (len(r) - long) / 2
		out = append(out, joinUnits(r[mid:mid+long], han))
	}
	return out
}

// indexChunks counts the index chunks asked for since the last reset, and
// the chunks of their language's index in the build.
func (s *served) indexChunks(t *testing.T) (fetched, chunks int) {
	t.Helper()
	s.mu.Lock()
	paths := slices.Clone(s.paths)
	s.mu.Unlock()
	lang := ""
	for _, p := range paths {
		if dir, file := path.Split(p); strings.HasSuffix(dir, "/pagefind/index/") {
			fetched++
			lang, _, _ = strings.Cut(file, "_")
		}
	}
	if lang == "" {
		return 0, 0
	}
	files, err := filepath.Glob(filepath.Join(s.public, "pagefind", "index", lang+"_*"))
	if err != nil {
		t.Fatal(err)
	}
	return fetched, len(files)
}

// testFirstSearchBudget: on a build, queries of several words in each
// language (from its texts) fetch at most 150 KB (gzip) for the first
// search: Pagefind's script, wasm and metadata, the index chunks of the
// words, the fragments of the results shown and the search page's script
// and data.
func testFirstSearchBudget(t *testing.T, public string) {
	srv := serve(t, public)
	all := allParts(t, public)
	parent := browser.Start(t, 1200, 900)
	searched := 0
	for _, prefix := range []string{"en", "zh"} {
		l, lang := localeOf(t, all[0], prefix)
		han := corpus.IsHan(l)
		qs := multiWordQueries(all, l, han, map[bool]int{true: 4, false: 2}[han], map[bool]int{true: 8, false: 5}[han])
		if len(qs) == 0 {
			t.Errorf("%s: no query of several words in the build's texts", lang)
		}
		for _, q := range qs {
			searched++
			t.Run(lang+" "+q, func(t *testing.T) {
				got, bytes := query(t, parent, srv, lang, q)
				_, fragments := srv.searchBytes(t)
				fetched, chunks := srv.indexChunks(t)
				t.Logf("%d clauses, %d of %d index chunks, %d fragments, %.1f KB gzip", len(got), fetched, chunks, fragments, bytes/1024)
				if bytes > 150*1024 {
					t.Errorf("the first search fetched %.1f KB gzip, over 150 KB", bytes/1024)
				}
			})
		}
	}
	if searched == 0 {
		t.Fatal("nothing searched")
	}
}

// TestFirstSearchBudget: queries of several words, in each language, on
// the real site.
func TestFirstSearchBudget(t *testing.T) {
	testenv.Slow(t, "searches in Chromium")
	testFirstSearchBudget(t, site(t))
}

// TestFirstSearchBudgetFixture: the same on the fixture, built through
// the real path.
func TestFirstSearchBudgetFixture(t *testing.T) {
	testenv.Slow(t, "searches in Chromium")
	testFirstSearchBudget(t, fixtureSite(t))
}

// testIndexHoldsShownText: the search index of a build holds the text its
// pages show: no Traditional character that the search page converts
// (its data-hans map) is in a page's indexed content unless the page
// shows it. A query in Traditional characters is converted, not matched
// against a hidden copy of the text.
func testIndexHoldsShownText(t *testing.T, public string) {
	var hans map[string]string
	for _, lang := range []string{"en", "zh"} {
		src, ok := sitetest.HTML(t, public, lang+"/search/index.html").Find("#search-form").Attr("data-hans")
		if !ok {
			continue
		}
		b, err := os.ReadFile(filepath.Join(public, filepath.FromSlash(strings.TrimPrefix(src, "/"))))
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b, &hans); err != nil {
			t.Fatal(err)
		}
	}
	if len(hans) == 0 {
		t.Fatal("no search page has a map of Traditional characters (data-hans)")
	}
	files, err := filepath.Glob(filepath.Join(public, "pagefind", "fragment", "*.pf_fragment"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no fragment in the index: %v", err)
	}
	checked := 0
	for _, f := range files {
		var frag struct {
			URL     string `json:"url"`
			Content string `json:"content"`
		}
		readFragment(t, f, &frag)
		doc := sitetest.HTML(t, public, strings.TrimPrefix(frag.URL, "/")+"index.html")
		doc.Find("[hidden]").Remove()
		shown := doc.Find("main").Text()
		for _, r := range frag.Content {
			if _, ok := hans[string(r)]; ok && !strings.ContainsRune(shown, r) {
				t.Errorf("%s: the index holds %q, which the page does not show", frag.URL, r)
				break
			}
		}
		checked++
	}
	t.Logf("%d pages checked", checked)
}

// readFragment decodes a Pagefind fragment: gzip, a signature, JSON.
func readFragment(t *testing.T, file string, v any) {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	b, err := io.ReadAll(z)
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	if i := bytes.IndexByte(b, '{'); i >= 0 {
		b = b[i:]
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
}

// TestIndexHoldsShownText: on the real site.
func TestIndexHoldsShownText(t *testing.T) {
	testenv.Slow(t, "indexes the site with Pagefind")
	testIndexHoldsShownText(t, site(t))
}

// TestIndexHoldsShownTextFixture: on the fixture.
func TestIndexHoldsShownTextFixture(t *testing.T) {
	testenv.Slow(t, "indexes the fixture with Pagefind")
	testIndexHoldsShownText(t, fixtureSite(t))
}
