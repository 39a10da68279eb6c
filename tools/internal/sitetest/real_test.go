package sitetest

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/tools/txtar"
)

// golden reads the hand-prepared official text of an instrument from the
// ingest package's golden case of that name (testdata/golden/<id>.txtar,
// its expected.txt): part id → language → text, ids in document order.
// An instrument without a golden case (one just added: a golden case is
// written once its text has been read against the official publication)
// is read from ingest's result on the repository instead, and the test
// says so.
func golden(t *testing.T, instrument string) (ids []string, text map[string]map[string]string) {
	t.Helper()
	ar, err := txtar.ParseFile(filepath.Join("..", "ingest", "testdata", "golden", instrument+".txtar"))
	if errors.Is(err, fs.ErrNotExist) {
		t.Logf("%s has no golden case (tools/internal/ingest/testdata/golden/%s.txtar): checked against ingest's text", instrument, instrument)
		return ingested(t, instrument)
	}
	if err != nil {
		t.Fatal(err)
	}
	var expected []byte
	for _, f := range ar.Files {
		if f.Name == "expected.txt" {
			expected = f.Data
		}
	}
	if expected == nil {
		t.Fatalf("golden case %s has no expected.txt", instrument)
	}
	text = map[string]map[string]string{}
	lines := strings.Split(strings.TrimRight(string(expected), "\n"), "\n")
	for i := 0; i < len(lines); i++ {
		if !strings.HasPrefix(lines[i], "== ") {
			continue
		}
		f := strings.Fields(lines[i][3:])
		inst, id, ok := strings.Cut(f[0], "/")
		if !ok || inst != instrument || len(f) != 2 || i+1 >= len(lines) {
			continue // another instrument's part, or a source's paragraph
		}
		if text[id] == nil {
			text[id] = map[string]string{}
			ids = append(ids, id)
		}
		text[id][f[1]] = lines[i+1]
		i++
	}
	if len(ids) == 0 {
		t.Fatalf("golden case %s lists no part of %s", instrument, instrument)
	}
	return ids, text
}

// ingested is golden's fallback: an instrument's parts as ingest makes them
// from the repository's sources.
func ingested(t *testing.T, instrument string) (ids []string, text map[string]map[string]string) {
	t.Helper()
	text = map[string]map[string]string{}
	for _, ip := range IngestResult(t, repoRoot(t)).Instruments {
		if ip.Instrument.ID != instrument {
			continue
		}
		for _, p := range ip.Parts {
			ids = append(ids, p.ID)
			text[p.ID] = p.Text
		}
	}
	if len(ids) == 0 {
		t.Fatalf("no instrument %s in the repository's manifest", instrument)
	}
	return ids, text
}

// TestRealSite builds the committed content and data, and checks that every
// part's page and export carry the official text, character for character.
func TestRealSite(t *testing.T) {
	public := BuildShared(t, "real", RepoContent)
	t.Run("SiteWide", func(t *testing.T) { checkSiteWide(t, public, false) })
	t.Run("Notes", func(t *testing.T) { checkRealNotes(t, public) })
	t.Run("RecentNotesAgree", func(t *testing.T) { checkRecentNotes(t, public) })
	t.Run("SearchNotIndexed", func(t *testing.T) { checkSearchNotIndexed(t, public) })
	t.Run("ExportLinked", func(t *testing.T) { checkExportLinked(t, public) })
	t.Run("PolicyOnEveryPage", func(t *testing.T) { checkPolicyOnEveryPage(t, public) })

	var index exportedIndex
	JSON(t, public, "data/index.json", &index)
	// The manifest's instruments, in its order, with their dates and
	// titles in the languages they are published in.
	m := IngestResult(t, repoRoot(t)).Manifest
	if len(index.Instruments) != len(m.Instruments) {
		t.Fatalf("index.json: %d instruments, the manifest %d", len(index.Instruments), len(m.Instruments))
	}
	for i, in := range m.Instruments {
		got := index.Instruments[i]
		if got.ID != in.ID || got.Date != in.Date.Format("2006-01-02") {
			t.Errorf("index.json instrument %d: %s %s, want %s %s", i, got.ID, got.Date, in.ID, in.Date.Format("2006-01-02"))
		}
		for _, l := range m.Languages(&in) {
			if got.Title[l] != in.Title[l] {
				t.Errorf("index.json %s: title[%s] %q, want %q", in.ID, l, got.Title[l], in.Title[l])
			}
		}
	}

	for _, inst := range index.Instruments {
		ids, want := golden(t, inst.ID)
		var export exportedInstrument
		JSON(t, public, "data/"+inst.ID+".json", &export)
		if len(export.Parts) != len(ids) {
			t.Fatalf("%s: %d parts exported, %d in the official text", inst.ID, len(export.Parts), len(ids))
		}
		// Each source records the hash of its capture: of its file, or
		// of each of its files.
		if len(export.Sources) == 0 {
			t.Errorf("%s: no sources", inst.ID)
		}
		for _, src := range export.Sources {
			sha, _ := src["sha256"].(string)
			files, _ := src["files"].([]any)
			if len(sha) != 64 && len(files) == 0 {
				t.Errorf("%s: source %v has no hash", inst.ID, src["id"])
			}
		}
		for i, p := range export.Parts {
			if p.ID != ids[i] || p.Key != inst.ID+"/"+ids[i] {
				t.Errorf("%s part %d: %s (%s), want %s", inst.ID, i+1, p.ID, p.Key, ids[i])
			}
			for _, l := range langs {
				lang, dir := l.locale, l.dir
				if _, ok := inst.Title[lang]; !ok {
					continue // not published in this language
				}
				if p.Text[lang] != want[ids[i]][lang] {
					t.Errorf("%s %s export:\n got  %q\n want %q", p.Key, lang, p.Text[lang], want[ids[i]][lang])
				}
				page := HTML(t, public, dir+"/"+inst.ID+"/"+p.ID+"/index.html")
				if got := page.Find("article .text").First().Text(); got != want[ids[i]][lang] {
					t.Errorf("%s %s page:\n got  %q\n want %q", p.Key, lang, got, want[ids[i]][lang])
				}
				// Previous and next follow the official text's order.
				var wantPrev, wantNext []string
				if i > 0 {
					wantPrev = []string{"/" + dir + "/" + inst.ID + "/" + ids[i-1] + "/"}
				}
				if i < len(ids)-1 {
					wantNext = []string{"/" + dir + "/" + inst.ID + "/" + ids[i+1] + "/"}
				}
				if got := hrefs(page.Find(`a[rel~="prev"]`)); !slices.Equal(got, wantPrev) {
					t.Errorf("%s %s: previous %v, want %v", p.Key, lang, got, wantPrev)
				}
				if got := hrefs(page.Find(`a[rel~="next"]`)); !slices.Equal(got, wantNext) {
					t.Errorf("%s %s: next %v, want %v", p.Key, lang, got, wantNext)
				}
				if !strings.HasSuffix(p.URL[lang], "/"+dir+"/"+inst.ID+"/"+p.ID+"/") {
					t.Errorf("%s %s url %q", p.Key, lang, p.URL[lang])
				}
			}
		}
		// The instrument page holds every part, in order, each anchored by its ID.
		for _, l := range langs {
			if _, ok := inst.Title[l.locale]; !ok {
				continue
			}
			dir := l.dir
			isPart := map[string]bool{}
			for _, id := range ids {
				isPart[id] = true
			}
			var order []string
			HTML(t, public, dir+"/"+inst.ID+"/index.html").Find("[id]").Each(func(_ int, s *goquery.Selection) {
				if id, _ := s.Attr("id"); isPart[id] {
					order = append(order, id)
				}
			})
			if strings.Join(order, " ") != strings.Join(ids, " ") {
				t.Errorf("%s/%s anchors in page order:\n %v\nwant\n %v", dir, inst.ID, order, ids)
			}
		}
	}
}

// checkRecentNotes: every language's home page lists its recent notes in
// one order, the same notes (by file name) wherever they exist in both,
// whatever dates they share.
func checkRecentNotes(t *testing.T, public string) {
	var lists [][]string
	for _, lang := range langs {
		var slugs []string
		HTML(t, public, "/"+lang.dir+"/").Find("#recent-notes ~ .note-list .note-title").Each(func(_ int, s *goquery.Selection) {
			href := strings.TrimSuffix(s.AttrOr("href", ""), "/")
			slugs = append(slugs, href[strings.LastIndex(href, "/")+1:])
		})
		if len(slugs) == 0 {
			t.Fatalf("/%s/: no recent notes", lang.dir)
		}
		lists = append(lists, slugs)
	}
	for _, l := range lists[1:] {
		if !slices.Equal(l, lists[0]) {
			t.Errorf("recent notes differ between languages: %v and %v", lists[0], l)
		}
	}
}

// checkSearchNotIndexed: the search pages are for readers, not for search
// engines: noindex, and not in the sitemaps.
func checkSearchNotIndexed(t *testing.T, public string) {
	for _, lang := range langs {
		page := "/" + lang.dir + "/search/"
		if HTML(t, public, page).Find(`head meta[name="robots"][content="noindex"]`).Length() != 1 {
			t.Errorf("%s: not marked noindex", page)
		}
		sitemap, err := os.ReadFile(filepath.Join(public, lang.dir, "sitemap.xml"))
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(sitemap), page+"</loc>") {
			t.Errorf("%s is in /%s/sitemap.xml", page, lang.dir)
		}
	}
}

// checkExportLinked: every instrument and part page links its instrument's
// JSON export as an alternate, and the export is there.
func checkExportLinked(t *testing.T, public string) {
	n := 0
	err := filepath.WalkDir(public, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Base(p) != "index.html" {
			return err
		}
		rel, _ := filepath.Rel(public, p)
		doc := HTML(t, public, filepath.ToSlash(rel))
		class := doc.Find("body").AttrOr("class", "")
		if class != "k-part" && class != "k-instrument" {
			return nil
		}
		n++
		href := doc.Find(`head link[rel="alternate"][type="application/json"]`).AttrOr("href", "")
		if href == "" || !Exists(public, href) {
			t.Errorf("%s: JSON export %q missing or not linked", rel, href)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Fatal("no instrument or part pages")
	}
}

// checkPolicyOnEveryPage: every HTML file, the root 404 page and the
// redirects included, carries the one Content-Security-Policy meta.
func checkPolicyOnEveryPage(t *testing.T, public string) {
	policy, n := "", 0
	err := filepath.WalkDir(public, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		rel, _ := filepath.Rel(public, p)
		metas := HTML(t, public, filepath.ToSlash(rel)).Find(`head meta[http-equiv="Content-Security-Policy"]`)
		if metas.Length() != 1 {
			t.Errorf("%s: %d Content-Security-Policy metas, want 1", rel, metas.Length())
			return nil
		}
		got := metas.AttrOr("content", "")
		if policy == "" {
			policy = got
		} else if got != policy {
			t.Errorf("%s: policy %q differs from %q", rel, got, policy)
		}
		n++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 2 {
		t.Fatalf("%d HTML files", n)
	}
}
