package sitetest

// Tests of the editors' notes as readers see them: beside their parts on
// the part pages and the instrument pages of both languages, quotes
// marked in the official text (which stays the official text), notes
// without a translation shown in their language and labelled, notes on a
// changed text marked, the notes index and pages, the notes in the JSON
// exports, and notes that try to inject HTML or scripts. The fixture is
// the site fixture (testdata/fixture, with its own note "sample") plus the
// notes below; checkRealNotes runs on the real content (TestRealSite).

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/PuerkitoBio/goquery"

	"github.com/annotated-data-initiatives/site/tools/internal/ingest"
)

// noteTypes is the order of the types in a part's list of notes.
var noteTypes = []string{"analysis", "translation", "context", "cross-reference"}

// Interface strings the tests look for, per language (i18n/*.toml).
var (
	staleText  = [2]string{"The text has changed since this note was written", "此评注撰写后原文已有改动"}
	onlyInText = [2]string{"Only in Chinese", "仅有英文版"} // a note in the other language, on this language's pages
	ownOnlyIn  = [2]string{"Only in English", "仅有中文版"} // on the note's own page
)

type fixtureNote struct {
	slug   string
	in     [2]bool // exists in en, zh
	typ    string
	parts  []string
	title  [2]string
	quote  [2]string
	body   [2]string
	stale  [2]bool // records a hash that is not the part's in that language
	date   string
	author [2]string
}

// hostileTitle, hostileQuote: front matter that is HTML; the quote is an
// exact span of trickyText, the part's text (TestNotes checks that it is).
const (
	hostileTitle = `Raw <b>HTML</b> & "quotes" <script>alert(1)</script>`
	hostileQuote = `<script>alert("x")</script>`
)

// extraNotes are the notes TestNotes adds to the fixture.
var extraNotes = []fixtureNote{
	{
		slug: "quoted", in: [2]bool{true, true}, typ: "translation",
		parts: []string{"test-gids/point_10", "test-cbdf/point_1"},
		title: [2]string{"Personal information in both texts", "两种文本中的个人信息"},
		quote: [2]string{"personal information", "个人信息"},
		body:  [2]string{"A note on two parts; the quote is in the first.", "关于两个部分的评注；引文在第一部分。"},
		date:  "2026-01-10", author: [2]string{"Editors", "编辑部"},
	},
	{
		slug: "overlap", in: [2]bool{true, true}, typ: "context",
		parts: []string{"test-gids/point_10"},
		title: [2]string{"A quote that overlaps another", "与另一引文重叠的引文"},
		quote: [2]string{"Protect personal", "保护个人"},
		body:  [2]string{"Its quote overlaps the translation note's, which is marked first.", "其引文与翻译评注的引文重叠，后者先标出。"},
		date:  "2026-01-11", author: [2]string{"Editors", "编辑部"},
	},
	{
		slug: "stale", in: [2]bool{true, true}, typ: "analysis",
		parts: []string{"test-cbdf/point_1"},
		title: [2]string{"Written against an older text", "依据旧文本撰写"},
		body:  [2]string{"The English text has changed since.", "中文文本没有改动。"},
		stale: [2]bool{true, false},
		date:  "2026-01-12", author: [2]string{"Editors", "编辑部"},
	},
	{
		slug: "zh-only", in: [2]bool{false, true}, typ: "context",
		parts: []string{"test-gids/preamble__p_1"},
		title: [2]string{"", "只有中文版的评注"},
		quote: [2]string{"", "合作"},
		body:  [2]string{"", "这篇评注没有英文版。"},
		date:  "2026-01-13", author: [2]string{"", "编辑部"},
	},
	{
		slug: "en-only", in: [2]bool{true, false}, typ: "cross-reference",
		parts: []string{"test-cbdf/preamble__p_1"},
		title: [2]string{"A note in English only", ""},
		quote: [2]string{"flows", ""},
		body:  [2]string{"This note has no Chinese version.", ""},
		date:  "2026-01-14", author: [2]string{"Editors", ""},
	},
	{
		// On a part of an instrument published in Chinese only (and on
		// one in both languages): the English pages name and link it in
		// Chinese.
		slug: "en-on-zh", in: [2]bool{true, false}, typ: "context",
		parts: []string{"test-zh/point_1", "test-gids/point_2"},
		title: [2]string{"A note in English on a Chinese-only text", ""},
		body:  [2]string{"Its first part exists in Chinese only.", ""},
		date:  "2026-01-14", author: [2]string{"Editors", ""},
	},
	{
		slug: "hostile", in: [2]bool{true, true}, typ: "analysis",
		parts: []string{"test-gids/preamble__p_2"},
		title: [2]string{hostileTitle, "原始<b>HTML</b>评注"},
		quote: [2]string{hostileQuote, "<em>强调</em>"},
		body: [2]string{
			"<script>alert(1)</script>\n\nBefore <img src=x onerror=alert(1)> after.\n\n" +
				"<div onclick=\"alert(1)\">div</div>\n\n" +
				"[bad](javascript:alert(1)) [data](data:text/html,hi) [ext](https://example.org/page \"Ext\") " +
				"<https://example.net/auto> https://example.com/bare [site](/en/test-gids/)\n\n" +
				"![pic](https://example.org/x.png)\n\nPlain words after.\n",
			"<script>alert(1)</script>\n\n[坏链接](javascript:alert(1)) [外部](https://example.org/zh)\n\n普通文字。\n",
		},
		date: "2026-01-15", author: [2]string{"Editors <i>x</i>", "编辑部"},
	},
}

// fixtureNotes are the notes of the notes fixture: the site fixture's
// own note "sample", read from its files (title, type, parts), then
// extraNotes.
func fixtureNotes(t testing.TB) []fixtureNote {
	t.Helper()
	sample := fixtureNote{slug: "sample"}
	for l, lang := range langs {
		rel := "content/" + lang.dir + "/notes/sample.md"
		var fm struct {
			Title  string
			Params struct {
				Type   string
				Parts  []string
				Author string
			}
		}
		decodeFrontMatter(t, rel, fixtureFile(t, rel), &fm)
		sample.in[l] = true
		sample.title[l], sample.author[l] = fm.Title, fm.Params.Author
		sample.typ, sample.parts = fm.Params.Type, fm.Params.Parts
	}
	if sample.typ == "" || len(sample.parts) == 0 {
		t.Fatalf("%s: the sample note has no type or parts", fixtureDir)
	}
	return append([]fixtureNote{sample}, extraNotes...)
}

// noteNamed returns the note of fixtureNotes with the given slug.
func noteNamed(t testing.TB, slug string) fixtureNote {
	t.Helper()
	for _, n := range fixtureNotes(t) {
		if n.slug == slug {
			return n
		}
	}
	t.Fatalf("no fixture note %s", slug)
	return fixtureNote{}
}

// olderTextHash is the hash a stale note records: not the hash of any
// fixture part's text (it is the SHA-256 of "an older text").
const olderTextHash = "dc45fa57ae5c00dc13bf6781647e249e2f7e87072dd070759a0fd2a2e2bde83d"

// noteFront is a note's front matter (docs/editors-guide.md).
type noteFront struct {
	Title          string      `toml:"title"`
	Date           ingest.Date `toml:"date"`
	TranslationKey string      `toml:"translationKey"`
	Params         struct {
		Type   string            `toml:"type"`
		Parts  []string          `toml:"parts"`
		Author string            `toml:"author"`
		Quote  string            `toml:"quote"`
		Hashes map[string]string `toml:"hashes"`
	} `toml:"params"`
}

// noteFiles renders extraNotes as note files, recording the hashes of the
// fixture's parts as ingest computed them.
func noteFiles(t testing.TB) map[string]string {
	files := map[string]string{}
	for _, n := range extraNotes {
		for l, lang := range langs {
			if !n.in[l] {
				continue
			}
			fm := noteFront{Title: n.title[l], Date: ingest.Date(n.date), TranslationKey: "note/" + n.slug}
			fm.Params.Type, fm.Params.Parts, fm.Params.Author, fm.Params.Quote = n.typ, n.parts, n.author[l], n.quote[l]
			fm.Params.Hashes = map[string]string{}
			for _, p := range n.parts {
				h := fixturePartOf(t, p).hash[l]
				if n.stale[l] {
					h = olderTextHash
				}
				fm.Params.Hashes[p] = h
			}
			var b bytes.Buffer
			b.WriteString("+++\n")
			if err := toml.NewEncoder(&b).Encode(fm); err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(&b, "+++\n%s", n.body[l])
			files["content/"+lang.dir+"/notes/"+n.slug+".md"] = b.String()
		}
	}
	return files
}

// notesFixture is what TestNotes adds to the site fixture: the notes above.
//
// The hostile note holds raw HTML, which Goldmark drops (unsafe mode is
// off) with a warning, and the production build (--panicOnWarning) stops
// on warnings: unless config.toml already silences that one, the fixture
// does (ignoreLogs), so that the test can look at what a note with raw
// HTML renders as.
func notesFixture(t testing.TB) map[string]string {
	files := noteFiles(t)
	root := repoRoot(t)
	cfg, err := os.ReadFile(filepath.Join(root, "config.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(cfg), "warning-goldmark-raw-html") {
		// A top-level key: before the first table.
		files["config.toml"] = "ignoreLogs = ['warning-goldmark-raw-html']\n" + string(cfg)
	}
	return files
}

// shownOn returns the addresses of the notes a part's pages in language l
// show: the notes in l, and the notes that exist only in the other
// language.
func shownOn(t testing.TB, key string, l int) []string {
	var out []string
	for _, n := range fixtureNotes(t) {
		if !slices.Contains(n.parts, key) {
			continue
		}
		switch {
		case n.in[l]:
			out = append(out, "/"+langs[l].dir+"/notes/"+n.slug+"/")
		case n.in[1-l]:
			out = append(out, "/"+langs[1-l].dir+"/notes/"+n.slug+"/")
		}
	}
	sort.Strings(out)
	return out
}

func sorted(s []string) []string {
	s = slices.Clone(s)
	sort.Strings(s)
	return s
}

// typeOrder checks that the types of a list of notes (data-type) follow
// noteTypes.
func typeOrder(t *testing.T, where string, s *goquery.Selection) {
	t.Helper()
	last := -1
	s.Each(func(_ int, n *goquery.Selection) {
		i := slices.Index(noteTypes, n.AttrOr("data-type", ""))
		if i < 0 {
			t.Errorf("%s: a note with data-type %q, not one of %v", where, n.AttrOr("data-type", ""), noteTypes)
			return
		}
		if i < last {
			t.Errorf("%s: notes out of type order: %q after %q", where, noteTypes[i], noteTypes[last])
		}
		last = max(last, i)
	})
}

func TestNotes(t *testing.T) {
	public := BuildProject(t, "notes", fixtureDir, notesFixture)
	base := baseURL(t)

	t.Run("SiteWide", func(t *testing.T) { checkSiteWide(t, public, true) })

	t.Run("BesideTheirParts", func(t *testing.T) {
		for _, in := range fixtureInstruments(t) {
			for l, lang := range langs {
				if !in.has[l] {
					continue
				}
				instPage := "/" + lang.dir + "/" + in.id + "/"
				inst := HTML(t, public, instPage)
				for _, p := range in.parts {
					key := in.id + "/" + p.id
					want := shownOn(t, key, l)
					page := "/" + lang.dir + "/" + key + "/"
					doc := HTML(t, public, page)
					notes := doc.Find("main section#notes article.note")
					if got := sorted(hrefs(notes.Find("h3 a"))); !slices.Equal(got, want) {
						t.Errorf("%s: notes %v, want %v", page, got, want)
					}
					typeOrder(t, page, notes)
					if len(want) == 0 && doc.Find("main section#notes .coming").Length() != 1 {
						t.Errorf("%s: no line saying there are no notes", page)
					}
					// Beside the part on the instrument page, in its section.
					items := inst.Find("#" + p.id + " .part-notes li")
					if got := sorted(hrefs(items.Find("a.note-title"))); !slices.Equal(got, want) {
						t.Errorf("%s#%s: notes %v, want %v", instPage, p.id, got, want)
					}
					typeOrder(t, instPage+"#"+p.id, items)
					// Each note shows its type, date and author, and its
					// text whole, as on its own page, whatever parts it is on.
					notes.Each(func(_ int, s *goquery.Selection) {
						if s.Find(".meta .note-type").Text() == "" || s.Find(".meta time[datetime]").Length() != 1 {
							t.Errorf("%s: a note without its type or date: %q", page, s.Find(".meta").Text())
						}
						href := s.Find("h3 a").AttrOr("href", "")
						whole := strings.TrimSpace(HTML(t, public, href).Find("main .note-text .prose").Text())
						if got := strings.TrimSpace(s.Find(".note-body").Text()); whole == "" || got != whole {
							t.Errorf("%s: the note %s shows %q, want its whole text %q", page, href, got, whole)
						}
					})
				}
			}
		}
		// A note on one part and a note on two parts are both shown whole,
		// on each part's page.
		doc := HTML(t, public, "/en/test-cbdf/point_1/")
		if got := doc.Find(`main article.note:has(a[href="/en/notes/stale/"]) .note-body`).Text(); !strings.Contains(got, noteNamed(t, "stale").body[0]) {
			t.Errorf("/en/test-cbdf/point_1/: the note on this part alone is not shown whole: %q", got)
		}
		for l, lang := range langs {
			quoted := noteNamed(t, "quoted")
			for _, key := range quoted.parts {
				page := "/" + lang.dir + "/" + key + "/"
				sel := `main article.note:has(a[href="/` + lang.dir + `/notes/quoted/"]) .note-body`
				if got := HTML(t, public, page).Find(sel).Text(); !strings.Contains(got, quoted.body[l]) {
					t.Errorf("%s: the note on two parts shows %q, want its whole text %q", page, got, quoted.body[l])
				}
			}
		}
		if got := doc.Find(`main article.note:has(a[href="/en/notes/quoted/"]) .meta`).Text(); !strings.Contains(got, "Translation") || !strings.Contains(got, "Editors") || !strings.Contains(got, "10 January 2026") {
			t.Errorf("/en/test-cbdf/point_1/: the note on two parts shows %q, want its type, author and date", got)
		}
	})

	t.Run("QuotesMarked", func(t *testing.T) {
		type mark struct {
			page, sel, text string // sel: the text element; text: the official text
			marks           []string
		}
		point10 := fixturePartOf(t, "test-gids/point_10").text
		quoted, hostile := noteNamed(t, "quoted"), noteNamed(t, "hostile")
		var cases []mark
		for l, lang := range langs {
			// The translation note's quote is marked; the context note's
			// overlaps it and marks nothing.
			for _, page := range []string{"/" + lang.dir + "/test-gids/point_10/", "/" + lang.dir + "/test-gids/"} {
				sel := "main .version:not(.other) .text"
				if !strings.HasSuffix(page, "point_10/") {
					sel = "#point_10 .text"
				}
				cases = append(cases, mark{page, sel, point10[l], []string{quoted.quote[l]}})
			}
			// Hostile quotes are text like any other.
			tricky := trickyText(t)[l]
			if !strings.Contains(tricky, hostile.quote[l]) {
				t.Fatalf("the hostile note's quote %q is not in %s's text %q", hostile.quote[l], trickyPart, tricky)
			}
			cases = append(cases, mark{"/" + lang.dir + "/test-gids/preamble__p_2/", "main .version:not(.other) .text", tricky, []string{hostile.quote[l]}})
			cases = append(cases, mark{"/" + lang.dir + "/test-gids/", "#preamble__p_2 .text", tricky, []string{hostile.quote[l]}})
			// The quote of a note on a part that does not contain it marks nothing.
			cases = append(cases, mark{"/" + lang.dir + "/test-cbdf/point_1/", "main .version:not(.other) .text", fixturePartOf(t, "test-cbdf/point_1").text[l], nil})
		}
		// A note in the other language only: its quote is marked in that
		// language's text on the part page, not in the page's own.
		zhOnly, enOnly := fixturePartOf(t, "test-gids/preamble__p_1").text, fixturePartOf(t, "test-cbdf/preamble__p_1").text
		cases = append(cases,
			mark{"/en/test-gids/preamble__p_1/", "main .version.other .text", zhOnly[1], []string{noteNamed(t, "zh-only").quote[1]}},
			mark{"/en/test-gids/preamble__p_1/", "main .version:not(.other) .text", zhOnly[0], nil},
			mark{"/zh/test-cbdf/preamble__p_1/", "main .version.other .text", enOnly[0], []string{noteNamed(t, "en-only").quote[0]}},
			mark{"/zh/test-cbdf/preamble__p_1/", "main .version:not(.other) .text", enOnly[1], nil},
		)
		for _, c := range cases {
			s := HTML(t, public, c.page).Find(c.sel)
			if s.Length() != 1 {
				t.Errorf("%s: %d elements %s, want 1", c.page, s.Length(), c.sel)
				continue
			}
			// The official text, character for character.
			if got := s.Text(); got != c.text {
				t.Errorf("%s %s: text %q, want %q", c.page, c.sel, got, c.text)
			}
			var marks []string
			s.Children().Each(func(_ int, m *goquery.Selection) {
				if goquery.NodeName(m) != "mark" || m.Children().Length() > 0 {
					t.Errorf("%s %s: the text holds <%s>: only marks of plain text may be in it", c.page, c.sel, goquery.NodeName(m))
				}
				marks = append(marks, m.Text())
			})
			if !slices.Equal(marks, c.marks) {
				t.Errorf("%s %s: marked %q, want %q", c.page, c.sel, marks, c.marks)
			}
		}
	})

	t.Run("ChangedTextMarked", func(t *testing.T) {
		for l, lang := range langs {
			wantStale := l == 0 // the English hash is an older text's
			for _, page := range []string{"/" + lang.dir + "/test-cbdf/point_1/", "/" + lang.dir + "/test-cbdf/", "/" + lang.dir + "/notes/stale/"} {
				doc := HTML(t, public, page)
				scope := doc.Find(`main article.note:has(a[href="/` + lang.dir + `/notes/stale/"])`)
				switch {
				case strings.HasSuffix(page, "/test-cbdf/"):
					scope = doc.Find(`#point_1 .part-notes li:has(a[href="/` + lang.dir + `/notes/stale/"])`)
				case strings.HasSuffix(page, "/notes/stale/"):
					scope = doc.Find("main")
				}
				if scope.Length() != 1 {
					t.Errorf("%s: the note is not shown", page)
					continue
				}
				marks := scope.Find(".note-stale")
				if got := marks.Length() == 1 && strings.TrimSpace(marks.Text()) == staleText[l]; got != wantStale {
					t.Errorf("%s: stale mark %q (%d), want shown=%v", page, marks.Text(), marks.Length(), wantStale)
				}
			}
		}
		// Notes whose hashes match are not marked, nor notes without hashes.
		for _, page := range []string{"/en/test-gids/point_10/", "/zh/test-gids/point_10/", "/en/test-gids/point_1/", "/en/test-gids/", "/en/notes/"} {
			n := HTML(t, public, page).Find("main .note-stale").Length()
			if page == "/en/notes/" {
				// The index marks the stale note beside test-cbdf/point_1, and once by type.
				if n != 2 {
					t.Errorf("%s: %d stale marks, want 2", page, n)
				}
				continue
			}
			if n != 0 {
				t.Errorf("%s: %d stale marks, want none", page, n)
			}
		}
	})

	t.Run("MissingTranslation", func(t *testing.T) {
		cases := []struct {
			page, note, lang, label string
		}{
			{"/en/test-gids/preamble__p_1/", "/zh/notes/zh-only/", "zh-Hans", onlyInText[0]},
			{"/zh/test-cbdf/preamble__p_1/", "/en/notes/en-only/", "en", onlyInText[1]},
		}
		for _, c := range cases {
			doc := HTML(t, public, c.page)
			n := doc.Find(`main article.note:has(a[href="` + c.note + `"])`)
			if n.Length() != 1 {
				t.Errorf("%s: the note %s is not shown", c.page, c.note)
				continue
			}
			if got := strings.TrimSpace(n.Find(".note-lang").Text()); got != c.label {
				t.Errorf("%s: label %q, want %q", c.page, got, c.label)
			}
			for _, sel := range []string{"h3", ".note-body"} {
				if got := nearestLang(n.Find(sel)); got != c.lang {
					t.Errorf("%s: the note's %s is marked lang=%q, want %q", c.page, sel, got, c.lang)
				}
			}
			// The label is in the page's language.
			if got := nearestLang(n.Find(".note-lang")); got == c.lang {
				t.Errorf("%s: the label is marked lang=%q, the note's language", c.page, got)
			}
		}
		// The notes index lists it, labelled, in both arrangements.
		for l, c := range cases {
			page := "/" + langs[l].dir + "/notes/"
			items := HTML(t, public, page).Find(`main li:has(a[href="` + c.note + `"])`)
			if items.Length() != 2 {
				t.Errorf("%s: %s listed %d times, want twice (by text, by type)", page, c.note, items.Length())
			}
			items.Each(func(_ int, s *goquery.Selection) {
				if got := strings.TrimSpace(s.Find(".note-lang").Text()); got != c.label {
					t.Errorf("%s: %s labelled %q, want %q", page, c.note, got, c.label)
				}
			})
		}
		// Its own page says so; the language switch leads to the other
		// language's home page, which is not an alternate of the note.
		for l, page := range []string{"/en/notes/en-only/", "/zh/notes/zh-only/"} {
			doc := HTML(t, public, page)
			if got := strings.TrimSpace(doc.Find("main .note-lang").Text()); got != ownOnlyIn[l] {
				t.Errorf("%s: label %q, want %q", page, got, ownOnlyIn[l])
			}
			if got := hrefs(doc.Find("header .language-switch a")); !slices.Equal(got, []string{"/" + langs[1-l].dir + "/"}) {
				t.Errorf("%s: language switch %v", page, got)
			}
			if doc.Find(`header a[rel~="alternate"]`).Length() != 0 {
				t.Errorf("%s: the link to the other language's home page is marked alternate", page)
			}
			if Exists(public, "/"+langs[1-l].dir+"/notes/"+strings.Split(page, "/")[3]+"/index.html") {
				t.Errorf("%s exists in the other language", page)
			}
		}
	})

	t.Run("NoInjection", func(t *testing.T) {
		pages := []string{"/en/notes/hostile/", "/zh/notes/hostile/", "/en/test-gids/preamble__p_2/", "/zh/test-gids/preamble__p_2/", "/en/test-gids/", "/en/notes/", "/zh/notes/", "/en/"}
		for _, page := range pages {
			doc := HTML(t, public, page)
			if n := doc.Find(scriptsOtherThanJSONLD + ", main img, main b, main i, main div[onclick], [onerror], [onclick], iframe, object, embed, style, [style]").Length(); n > 0 {
				t.Errorf("%s: %d elements made from a note's HTML", page, n)
			}
			doc.Find("main a[href]").Each(func(_ int, a *goquery.Selection) {
				h := a.AttrOr("href", "")
				if strings.HasPrefix(strings.ToLower(h), "javascript:") || strings.HasPrefix(strings.ToLower(h), "data:") || strings.Contains(h, "ZgotmplZ") {
					t.Errorf("%s: unsafe link %q", page, h)
				}
				if strings.Contains(h, "//") && !strings.HasPrefix(h, base) {
					if rel := a.AttrOr("rel", ""); rel != "noopener noreferrer" {
						t.Errorf("%s: link to another site %q has rel=%q", page, h, rel)
					}
				}
			})
		}
		doc := HTML(t, public, "/en/notes/hostile/")
		if got := doc.Find("main h1").Text(); got != hostileTitle {
			t.Errorf("/en/notes/hostile/: <h1> %q, want the title as text %q", got, hostileTitle)
		}
		if got := doc.Find("head title").Text(); !strings.HasPrefix(got, hostileTitle) {
			t.Errorf("/en/notes/hostile/: <title> %q", got)
		}
		body := doc.Find("main .note-text .prose")
		for _, want := range []string{"Plain words after.", "bad", "data"} {
			if !strings.Contains(body.Text(), want) {
				t.Errorf("/en/notes/hostile/: %q is not in the note's text %q", want, body.Text())
			}
		}
		if strings.Contains(body.Text(), "alert") {
			t.Errorf("/en/notes/hostile/: raw HTML shown: %q", body.Text())
		}
		wantLinks := []string{"https://example.org/page", "https://example.net/auto", "https://example.com/bare", "/en/test-gids/", "https://example.org/x.png"}
		if got := hrefs(body.Find("a")); !slices.Equal(sorted(got), sorted(wantLinks)) {
			t.Errorf("/en/notes/hostile/: links %v, want %v", got, wantLinks)
		}
		if got := body.Find(`a[href="/en/test-gids/"]`).AttrOr("rel", "none"); got != "none" {
			t.Errorf("/en/notes/hostile/: a link within the site has rel=%q", got)
		}
		// The note is shown whole beside its part, as safely.
		part := HTML(t, public, "/en/test-gids/preamble__p_2/")
		if !strings.Contains(part.Find("main section#notes").Text(), "Plain words after.") {
			t.Errorf("/en/test-gids/preamble__p_2/: the note is not shown whole")
		}
		if got := part.Find(`main section#notes h3 a[href="/en/notes/hostile/"]`).Text(); got != hostileTitle {
			t.Errorf("/en/test-gids/preamble__p_2/: note title %q", got)
		}
	})

	t.Run("NotePage", func(t *testing.T) {
		for l, lang := range langs {
			page := "/" + lang.dir + "/notes/quoted/"
			doc := HTML(t, public, page)
			n := noteNamed(t, "quoted")
			var want []string
			for _, key := range n.parts {
				want = append(want, "/"+lang.dir+"/"+key+"/")
			}
			if got := hrefs(doc.Find("main .note-on-list li > p a")); !slices.Equal(got, want) {
				t.Errorf("%s: parts %v, want %v", page, got, want)
			}
			// The part that holds the quote is shown with it marked.
			ctx := doc.Find("main .note-context")
			if ctx.Length() != 1 || ctx.Find(".text").Text() != fixturePartOf(t, n.parts[0]).text[l] || ctx.Find("mark").Text() != n.quote[l] {
				t.Errorf("%s: quote in context %q, marked %q", page, ctx.Text(), ctx.Find("mark").Text())
			}
			if got := doc.Find("main .meta .note-type").Text(); got != map[int]string{0: "Translation", 1: "翻译"}[l] {
				t.Errorf("%s: type %q", page, got)
			}
			if got, want := hrefs(doc.Find("header nav.language-switch a[hreflang]")), []string{"/" + langs[1-l].dir + "/notes/quoted/"}; !slices.Equal(got, want) {
				t.Errorf("%s: language switch %v, want %v", page, got, want)
			}
			if doc.Find("main .note-lang").Length() != 0 {
				t.Errorf("%s: a translated note is labelled as in one language", page)
			}
		}
	})

	// A note on a part its language has no page for: the note's page and
	// the lists name and link that part in its own language, marked so.
	t.Run("PartsInAnotherLanguage", func(t *testing.T) {
		checked := 0
		for _, n := range fixtureNotes(t) {
			for l, lang := range langs {
				if !n.in[l] {
					continue
				}
				var want []string // the note's parts, where the reader finds them
				var foreign []string
				for _, key := range n.parts {
					in := fixtureInstrumentOf(t, strings.Split(key, "/")[0])
					if in.has[l] {
						want = append(want, "/"+lang.dir+"/"+key+"/")
					} else {
						want = append(want, "/"+langs[1-l].dir+"/"+key+"/")
						foreign = append(foreign, "/"+langs[1-l].dir+"/"+key+"/")
					}
				}
				if len(foreign) == 0 {
					continue
				}
				checked++
				page := "/" + lang.dir + "/notes/" + n.slug + "/"
				doc := HTML(t, public, page)
				links := doc.Find("main .note-on-list li > p a")
				if got := hrefs(links); !slices.Equal(got, want) {
					t.Errorf("%s: parts %v, want %v", page, got, want)
				}
				links.Each(func(_ int, a *goquery.Selection) {
					other := slices.Contains(foreign, a.AttrOr("href", ""))
					if got := a.AttrOr("lang", ""); other != (got == langs[1-l].locale) || other != (a.AttrOr("hreflang", "") == langs[1-l].locale) {
						t.Errorf("%s: part link %s has lang %q", page, a.AttrOr("href", ""), got)
					}
					if strings.TrimSpace(a.Text()) == "" {
						t.Errorf("%s: part link %s names nothing", page, a.AttrOr("href", ""))
					}
				})
				// The notes list says what it is on, that part included.
				index := "/" + lang.dir + "/notes/"
				item := HTML(t, public, index).Find(`main #by-type a.note-title[href="` + page + `"]`).Closest("li")
				on := hrefs(item.Find(".meta a[hreflang]"))
				for _, f := range foreign {
					if !slices.Contains(on, f) {
						t.Errorf("%s: the line of %s links %v, not %s", index, page, on, f)
					}
				}
			}
		}
		if checked == 0 {
			t.Fatal("no note of the fixture is on a part its language has no page for")
		}
	})

	t.Run("Index", func(t *testing.T) {
		for l, lang := range langs {
			page := "/" + lang.dir + "/notes/"
			doc := HTML(t, public, page)
			if got := hrefs(doc.Find("main nav.views a")); !slices.Equal(got, []string{"#by-text", "#by-type"}) {
				t.Errorf("%s: arrangements %v", page, got)
			}
			// By text: the instruments in order, then their annotated parts in
			// document order, each with its notes.
			var instWant, partWant []string
			for _, in := range fixtureInstruments(t) {
				if !in.has[l] {
					continue
				}
				instWant = append(instWant, "/"+lang.dir+"/"+in.id+"/")
				for _, p := range in.parts {
					key := in.id + "/" + p.id
					if len(shownOn(t, key, l)) > 0 {
						partWant = append(partWant, "/"+lang.dir+"/"+key+"/")
					}
				}
			}
			byText := doc.Find("main #by-text")
			if got := hrefs(byText.Find("h3 a")); !slices.Equal(got, instWant) {
				t.Errorf("%s: instruments %v, want %v", page, got, instWant)
			}
			if got := hrefs(byText.Find("dt a")); !slices.Equal(got, partWant) {
				t.Errorf("%s: parts %v, want %v", page, got, partWant)
			}
			byText.Find("dt").Each(func(_ int, dt *goquery.Selection) {
				key := strings.TrimPrefix(strings.Trim(dt.Find("a").AttrOr("href", ""), "/"), lang.dir+"/")
				if got := sorted(hrefs(dt.Next().Find("a.note-title"))); !slices.Equal(got, shownOn(t, key, l)) {
					t.Errorf("%s: notes on %s %v, want %v", page, key, got, shownOn(t, key, l))
				}
			})
			// The first instrument's count of annotated parts.
			first := fixtureInstruments(t)[0]
			annotated := 0
			for _, p := range first.parts {
				if len(shownOn(t, p.key, l)) > 0 {
					annotated++
				}
			}
			if annotated == 0 || annotated == len(first.parts) {
				t.Fatalf("%s: %d of %d parts have notes: the count cannot tell all from some", first.id, annotated, len(first.parts))
			}
			wantCount := [2]string{
				fmt.Sprintf("%d of %d parts have notes", annotated, len(first.parts)),
				fmt.Sprintf("共%d部分，其中%d部分有评注", len(first.parts), annotated),
			}
			if got := byText.Find(".meta").First().Text(); got != wantCount[l] {
				t.Errorf("%s: %q, want %q", page, got, wantCount[l])
			}
			// By type: every note shown on this language's pages, once, under
			// its type, the types in order.
			var typesWant []string
			var all []string
			for _, typ := range noteTypes {
				for _, n := range fixtureNotes(t) {
					if n.typ == typ && (n.in[0] || n.in[1]) {
						if !slices.Contains(typesWant, "type-"+typ) {
							typesWant = append(typesWant, "type-"+typ)
						}
					}
				}
			}
			for _, n := range fixtureNotes(t) {
				d := lang.dir
				if !n.in[l] {
					d = langs[1-l].dir
				}
				all = append(all, "/"+d+"/notes/"+n.slug+"/")
			}
			byType := doc.Find("main #by-type")
			var types []string
			byType.Find("h3").Each(func(_ int, h *goquery.Selection) { types = append(types, h.AttrOr("id", "")) })
			if !slices.Equal(types, typesWant) {
				t.Errorf("%s: types %v, want %v", page, types, typesWant)
			}
			if got := sorted(hrefs(byType.Find("a.note-title"))); !slices.Equal(got, sorted(all)) {
				t.Errorf("%s: notes by type %v, want %v", page, got, sorted(all))
			}
			byType.Find("li").Each(func(_ int, li *goquery.Selection) {
				typ := strings.TrimPrefix(li.Closest("ul").Prev().AttrOr("id", ""), "type-")
				if li.AttrOr("data-type", "") != typ {
					t.Errorf("%s: a %s note under %s", page, li.AttrOr("data-type", ""), typ)
				}
			})
		}
	})

	t.Run("Export", func(t *testing.T) {
		for _, in := range fixtureInstruments(t) {
			rel := "data/" + in.id + ".json"
			var got exportedInstrument
			JSON(t, public, rel, &got)
			for _, p := range got.Parts {
				var want []exportNote
				for _, n := range fixtureNotes(t) {
					if !slices.Contains(n.parts, p.Key) {
						continue
					}
					w := exportNote{ID: n.slug, Type: n.typ, URL: map[string]string{}}
					for l, lang := range langs {
						if n.in[l] {
							w.Languages = append(w.Languages, lang.locale)
							w.URL[lang.locale] = base + lang.dir + "/notes/" + n.slug + "/"
						}
					}
					want = append(want, w)
				}
				sort.Slice(want, func(i, j int) bool { return want[i].ID < want[j].ID })
				if want == nil {
					want = []exportNote{}
				}
				if p.Notes == nil {
					t.Errorf("%s %s: no notes array", rel, p.Key)
				}
				if fmt.Sprint(p.Notes) != fmt.Sprint(want) {
					t.Errorf("%s %s: notes\n got  %v\n want %v", rel, p.Key, p.Notes, want)
				}
			}
		}
	})
}

// checkRealNotes checks the notes of the real content (content/*/notes)
// on a build of it: each note beside each of its parts, on the part page
// and the instrument page, in its language (and, when it has no
// translation, in the other language's pages too, labelled); every point
// of every instrument with at least one analysis note in each language,
// shown on its part page (19 of 19); and the export listing each part's
// notes.
func checkRealNotes(t *testing.T, public string) {
	root := repoRoot(t)
	type realNote struct {
		slug, typ string
		parts     []string
	}
	notes := map[string][]realNote{} // by content folder
	exists := map[string]bool{}      // dir/slug
	for _, lang := range langs {
		files, err := filepath.Glob(filepath.Join(root, "content", lang.dir, "notes", "*.md"))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			if filepath.Base(f) == "_index.md" {
				continue
			}
			var v struct {
				Params struct {
					Type  string
					Parts []string
				}
			}
			frontMatter(t, "content/"+lang.dir+"/notes/"+filepath.Base(f), &v)
			slug := strings.TrimSuffix(filepath.Base(f), ".md")
			notes[lang.dir] = append(notes[lang.dir], realNote{slug, v.Params.Type, v.Params.Parts})
			exists[lang.dir+"/"+slug] = true
		}
	}
	if len(notes["en"]) == 0 || len(notes["zh"]) == 0 {
		t.Fatal("no notes in content/en/notes or content/zh/notes")
	}
	pages := map[string]*goquery.Document{}
	page := func(p string) *goquery.Document {
		if pages[p] == nil {
			pages[p] = HTML(t, public, p)
		}
		return pages[p]
	}
	for l, lang := range langs {
		type shownNote struct {
			dir string
			n   realNote
		}
		other := langs[1-l].dir
		var shown []shownNote
		for _, n := range notes[lang.dir] {
			shown = append(shown, shownNote{lang.dir, n})
		}
		for _, n := range notes[other] {
			if !exists[lang.dir+"/"+n.slug] {
				shown = append(shown, shownNote{other, n})
			}
		}
		for _, s := range shown {
			href := "/" + s.dir + "/notes/" + s.n.slug + "/"
			for _, key := range s.n.parts {
				inst, id, _ := strings.Cut(key, "/")
				partPage := "/" + lang.dir + "/" + key + "/"
				if page(partPage).Find(`main section#notes article.note h3 a[href="`+href+`"]`).Length() != 1 {
					t.Errorf("%s: note %s is not beside the part", partPage, href)
				}
				instPage := "/" + lang.dir + "/" + inst + "/"
				if page(instPage).Find(`#`+id+` .part-notes a[href="`+href+`"]`).Length() != 1 {
					t.Errorf("%s#%s: note %s is not beside the part", instPage, id, href)
				}
			}
		}
	}

	// The export lists the notes of both languages on each part.
	var exports []exportedInstrument
	var index exportedIndex
	JSON(t, public, "data/index.json", &index)
	for _, in := range index.Instruments {
		inst := in.ID
		var export exportedInstrument
		JSON(t, public, "data/"+inst+".json", &export)
		exports = append(exports, export)
		for _, p := range export.Parts {
			var want, got []string
			for _, l := range langs {
				for _, n := range notes[l.dir] {
					if slices.Contains(n.parts, p.Key) && !slices.Contains(want, n.slug) {
						want = append(want, n.slug)
					}
				}
			}
			for _, n := range p.Notes {
				got = append(got, n.ID)
			}
			if !slices.Equal(sorted(want), got) {
				t.Errorf("data/%s.json %s: notes %v, want %v (by id)", inst, p.Key, got, sorted(want))
			}
		}
	}

	// How many points have an analysis note in each language, shown on
	// their part page: the commentary's coverage, reported (check warns
	// on points under no theme; which points deserve a note is the
	// editors' call, and a new instrument starts with none).
	for _, lang := range langs {
		points, annotated := 0, 0
		for i, export := range exports {
			if _, ok := index.Instruments[i].URL[lang.locale]; !ok {
				continue // not published in this language
			}
			for _, p := range export.Parts {
				if p.Role != "clause" {
					continue
				}
				points++
				partPage := "/" + lang.dir + "/" + p.Key + "/"
				if page(partPage).Find(`main section#notes article.note[data-type="analysis"] h3 a[href^="/`+lang.dir+`/notes/"]`).Length() > 0 {
					annotated++
				}
			}
		}
		t.Logf("%s: %d of %d points have an analysis note", lang.locale, annotated, points)
		if annotated == 0 {
			t.Errorf("%s: no point shows an analysis note", lang.locale)
		}
	}
}
