package sitetest

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/PuerkitoBio/goquery"
)

func TestMain(m *testing.M) { os.Exit(RunShared(m)) }

func TestParseArchive(t *testing.T) {
	got := ParseArchive("comment\n-- a.md --\none\n\n-- dir/b.toml --\nx = 1\n-- c --\n")
	want := map[string]string{"a.md": "one\n", "dir/b.toml": "x = 1\n", "c": "\n"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ParseArchive = %q, want %q", got, want)
	}
}

// TestI18nKeys checks that every language has the same interface strings,
// sorted alphabetically.
func TestI18nKeys(t *testing.T) {
	root := repoRoot(t)
	var ref []string
	for _, lang := range langs {
		var m map[string]any
		file := filepath.Join(root, "i18n", lang.dir+".toml")
		md, err := toml.DecodeFile(file, &m)
		if err != nil {
			t.Fatal(err)
		}
		var keys []string
		for _, k := range md.Keys() {
			keys = append(keys, k.String())
		}
		if !sort.StringsAreSorted(keys) {
			t.Errorf("%s: keys are not sorted alphabetically: %v", file, keys)
		}
		sort.Strings(keys)
		if ref == nil {
			ref = keys
		} else if !slices.Equal(keys, ref) {
			t.Errorf("%s: keys %v, want the same as %s.toml: %v", file, keys, langs[0].dir, ref)
		}
	}
}

func TestSite(t *testing.T) {
	public := fixtureSite(t)
	base := baseURL(t)

	// partURL is the site-relative address of a part page.
	partURL := func(l int, instrument, id string) string {
		return "/" + langs[l].dir + "/" + instrument + "/" + id + "/"
	}

	t.Run("PartPagesInTheirLanguages", func(t *testing.T) {
		for _, in := range fixtureInstruments(t) {
			for _, p := range in.parts {
				for l, lang := range langs {
					if !in.has[l] {
						// Not published in this language: no page at all.
						if Exists(public, strings.TrimPrefix(partURL(l, in.id, p.id), "/")) {
							t.Errorf("%s exists, but %s is not published in %s", partURL(l, in.id, p.id), in.id, lang.locale)
						}
						continue
					}
					doc := HTML(t, public, partURL(l, in.id, p.id))
					if got, _ := doc.Find("html").Attr("lang"); got != lang.locale {
						t.Errorf("%s: <html lang=%q>, want %q", partURL(l, in.id, p.id), got, lang.locale)
					}
					if got := textElements(doc.Find("main"), p.text[l]); got.Length() == 0 {
						t.Errorf("%s: the text %q is not in <main>", partURL(l, in.id, p.id), p.text[l])
					} else if lang := nearestLang(got.First()); lang != langs[l].locale {
						t.Errorf("%s: the page's own text is marked lang=%q, want %q", partURL(l, in.id, p.id), lang, langs[l].locale)
					}
				}
			}
		}
	})

	t.Run("InstrumentPageHasEveryPartInOrder", func(t *testing.T) {
		for _, in := range fixtureInstruments(t) {
			want := make([]string, len(in.parts))
			isPart := map[string]bool{}
			for i, p := range in.parts {
				want[i] = p.id
				isPart[p.id] = true
			}
			for _, l := range in.in() {
				page := "/" + langs[l].dir + "/" + in.id + "/"
				doc := HTML(t, public, page)
				var got []string
				doc.Find("[id]").Each(func(_ int, s *goquery.Selection) {
					if id, _ := s.Attr("id"); isPart[id] {
						got = append(got, id)
					}
				})
				if !slices.Equal(got, want) {
					t.Errorf("%s: part anchors %v, want %v (weight order)", page, got, want)
				}
				for _, p := range in.parts {
					el := doc.Find("#" + p.id)
					if el.Length() != 1 {
						t.Errorf("%s: %d elements with id %q, want 1", page, el.Length(), p.id)
						continue
					}
					if !strings.Contains(el.Text(), p.label[l]) {
						t.Errorf("%s#%s: label %q missing", page, p.id, p.label[l])
					}
					if textElements(el, p.text[l]).Length() == 0 {
						t.Errorf("%s#%s: text %q missing", page, p.id, p.text[l])
					}
					if el.Find(`a[href="`+partURL(l, in.id, p.id)+`"]`).Length() == 0 {
						t.Errorf("%s#%s: no link to the part page %s", page, p.id, partURL(l, in.id, p.id))
					}
				}
			}
		}
	})

	t.Run("PartPageShowsOtherLanguage", func(t *testing.T) {
		for _, in := range fixtureInstruments(t) {
			if !in.bilingual() {
				continue
			}
			for _, p := range in.parts {
				for l := range langs {
					o := 1 - l
					page := partURL(l, in.id, p.id)
					doc := HTML(t, public, page)
					els := textElements(doc.Find("main"), p.text[o])
					if els.Length() == 0 {
						t.Errorf("%s: the %s text %q is missing", page, langs[o].locale, p.text[o])
						continue
					}
					if got := nearestLang(els.First()); got != langs[o].locale {
						t.Errorf("%s: the %s text is in an element with lang=%q, want %q", page, langs[o].locale, got, langs[o].locale)
					}
				}
			}
		}
	})

	t.Run("PrevNextFollowWeights", func(t *testing.T) {
		for _, in := range fixtureInstruments(t) {
			for i, p := range in.parts {
				for _, l := range in.in() {
					page := partURL(l, in.id, p.id)
					doc := HTML(t, public, page)
					var wantPrev, wantNext []string
					if i > 0 {
						wantPrev = []string{partURL(l, in.id, in.parts[i-1].id)}
					}
					if i < len(in.parts)-1 {
						wantNext = []string{partURL(l, in.id, in.parts[i+1].id)}
					}
					if got := hrefs(doc.Find(`a[rel~="prev"]`)); !slices.Equal(got, wantPrev) {
						t.Errorf("%s: previous %v, want %v", page, got, wantPrev)
					}
					if got := hrefs(doc.Find(`a[rel~="next"]`)); !slices.Equal(got, wantNext) {
						t.Errorf("%s: next %v, want %v", page, got, wantNext)
					}
				}
			}
		}
	})

	t.Run("TextIsLiteral", func(t *testing.T) {
		// The text must be an element's whole content, as text: no element
		// made from it (<script>, <em>, <ol>, <a> …), no entity decoded twice.
		for l := range langs {
			want := trickyText(t)[l]
			for _, page := range []string{partURL(l, "test-gids", "preamble__p_2"), "/" + langs[l].dir + "/test-gids/"} {
				doc := HTML(t, public, page)
				scope := doc.Find("main")
				if strings.HasSuffix(page, "/test-gids/") {
					scope = doc.Find("#preamble__p_2")
				}
				els := textElements(scope, want)
				if els.Length() == 0 {
					t.Errorf("%s: text %q not rendered literally; it reads %q", page, want, scope.Text())
				}
				els.Each(func(_ int, s *goquery.Selection) {
					if n := s.Children().Length(); n > 0 {
						t.Errorf("%s: the text became %d elements: %s", page, n, goquery.NodeName(s.Children()))
					}
				})
				if n := doc.Find(scriptsOtherThanJSONLD).Length(); n > 0 {
					t.Errorf("%s: %d <script> elements other than JSON-LD", page, n)
				}
			}
		}
	})

	t.Run("LanguageSwitch", func(t *testing.T) {
		for _, in := range fixtureInstruments(t) {
			if !in.bilingual() {
				continue // OneLanguageInstrument
			}
			pages := [][2]string{{"/en/" + in.id + "/", "/zh/" + in.id + "/"}}
			for _, p := range in.parts {
				pages = append(pages, [2]string{partURL(0, in.id, p.id), partURL(1, in.id, p.id)})
			}
			pages = append(pages, [2]string{"/en/", "/zh/"})
			for _, pair := range pages {
				for l := range langs {
					o := 1 - l
					doc := HTML(t, public, pair[l])
					sw := doc.Find("header nav.language-switch a[hreflang]")
					if got := hrefs(sw); !slices.Equal(got, []string{pair[o]}) {
						t.Errorf("%s: language switch %v, want [%s]", pair[l], got, pair[o])
					}
					if got, _ := sw.Attr("hreflang"); got != langs[o].locale {
						t.Errorf("%s: language switch hreflang=%q, want %q", pair[l], got, langs[o].locale)
					}
					alt := map[string]string{}
					doc.Find(`link[rel="alternate"][hreflang]`).Each(func(_ int, s *goquery.Selection) {
						h, _ := s.Attr("hreflang")
						alt[h], _ = s.Attr("href")
					})
					wantAlt := map[string]string{
						langs[0].locale: base + strings.TrimPrefix(pair[0], "/"),
						langs[1].locale: base + strings.TrimPrefix(pair[1], "/"),
						"x-default":     base + strings.TrimPrefix(pair[0], "/"), // the default language's
					}
					if !reflect.DeepEqual(alt, wantAlt) {
						t.Errorf("%s: alternate links %v, want %v", pair[l], alt, wantAlt)
					}
				}
			}
		}
	})

	t.Run("OneLanguageInstrument", func(t *testing.T) {
		// Published in its language only; listed in the other editions
		// with its title in its language, a label and a link.
		n := 0
		for _, in := range fixtureInstruments(t) {
			if in.bilingual() {
				continue
			}
			n++
			own := in.in()[0]
			url := "/" + langs[own].dir + "/" + in.id + "/"
			for l := range langs {
				if in.has[l] {
					continue
				}
				page := "/" + langs[l].dir + "/"
				lang := fixtureResult(t).Site.Language(langs[l].locale)
				var names []string
				for _, o := range in.in() {
					name, err := lang.T("lang_"+langs[o].dir, nil)
					if err != nil {
						t.Fatal(err)
					}
					names = append(names, name)
				}
				only, err := lang.T("instrumentOnlyIn", map[string]any{"Lang": strings.Join(names, "")})
				if err != nil {
					t.Fatal(err)
				}
				doc := HTML(t, public, page)
				a := doc.Find(`main a[href="` + url + `"]`)
				if a.Length() == 0 {
					t.Errorf("%s: no link to %s, published in %s only", page, url, langs[own].locale)
					continue
				}
				if got, _ := a.Attr("lang"); got != langs[own].locale || a.Text() != in.title[own] {
					t.Errorf("%s: link to %s reads %q lang=%q, want %q lang=%q", page, url, a.Text(), got, in.title[own], langs[own].locale)
				}
				if card := a.Closest("li"); !strings.Contains(card.Text(), only) {
					t.Errorf("%s: the entry of %s does not say %q: %q", page, in.id, only, card.Text())
				}
				if Exists(public, langs[l].dir+"/"+in.id+"/index.html") {
					t.Errorf("/%s/%s/ exists", langs[l].dir, in.id)
				}
			}
			// Its description names its language only.
			lang := fixtureResult(t).Site.Language(langs[own].locale)
			desc := HTML(t, public, url).Find(`meta[name="description"]`).AttrOr("content", "")
			for l := range langs {
				name, err := lang.T("lang_"+langs[l].dir, nil)
				if err != nil {
					t.Fatal(err)
				}
				if strings.Contains(desc, name) != in.has[l] {
					t.Errorf("%s: description %q, want it to name %s only", url, desc, langs[own].locale)
				}
			}
			if Exists(public, strings.TrimPrefix(url, "/")+"parallel/index.html") {
				t.Errorf("%sparallel/ exists: a text in one language has no parallel view", url)
			}
			// hreflang only where a translation exists: the page's own
			// language and the x-default (itself).
			pages := []string{url}
			for _, p := range in.parts {
				pages = append(pages, url+p.id+"/")
			}
			for _, page := range pages {
				doc := HTML(t, public, page)
				doc.Find(`link[rel="alternate"][hreflang]`).Each(func(_ int, s *goquery.Selection) {
					h, _ := s.Attr("hreflang")
					href, _ := s.Attr("href")
					if (h != langs[own].locale && h != "x-default") || href != base+strings.TrimPrefix(page, "/") {
						t.Errorf("%s: alternate link hreflang=%q href=%q: the page has no translation", page, h, href)
					}
				})
				doc.Find(`a[href]`).Each(func(_ int, s *goquery.Selection) {
					href, _ := s.Attr("href")
					if strings.HasPrefix(href, "/") && !strings.HasPrefix(href, "//") {
						target := strings.TrimPrefix(strings.SplitN(href, "#", 2)[0], "/")
						if strings.HasSuffix(target, "/") || target == "" {
							target += "index.html"
						}
						if !Exists(public, target) {
							t.Errorf("%s: link to %s, which does not exist", page, href)
						}
					}
				})
			}
		}
		if n == 0 {
			t.Fatal("the fixture has no instrument in one language only")
		}
	})

	t.Run("Home", func(t *testing.T) {
		for l := range langs {
			doc := HTML(t, public, "/"+langs[l].dir+"/")
			var got, want []string
			doc.Find("main .instrument-list:not(.elsewhere) h3 a").Each(func(_ int, s *goquery.Selection) {
				h, _ := s.Attr("href")
				got = append(got, h)
			})
			for _, in := range fixtureInstruments(t) {
				if !in.has[l] {
					continue // OneLanguageInstrument
				}
				want = append(want, "/"+langs[l].dir+"/"+in.id+"/")
				if !strings.Contains(doc.Find("main").Text(), in.title[l]) {
					t.Errorf("/%s/: title %q missing", langs[l].dir, in.title[l])
				}
				if doc.Find(`main time[datetime="`+in.date+`"]`).Length() == 0 {
					t.Errorf("/%s/: date %s missing", langs[l].dir, in.date)
				}
			}
			if !slices.Equal(got, want) {
				t.Errorf("/%s/: instrument links %v, want %v (weight order)", langs[l].dir, got, want)
			}
		}
		root, err := os.ReadFile(filepath.Join(public, "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(root, []byte(`http-equiv="refresh"`)) || !bytes.Contains(root, []byte(base+"en/")) {
			t.Errorf("/index.html does not redirect to /en/:\n%s", root)
		}
		for _, lang := range langs {
			doc := HTML(t, public, "/"+lang.dir+"/404.html")
			if got, _ := doc.Find("html").Attr("lang"); got != lang.locale {
				t.Errorf("/%s/404.html: lang=%q, want %q", lang.dir, got, lang.locale)
			}
		}
	})

	t.Run("EditorPages", func(t *testing.T) {
		// Pages that are neither instruments nor parts (the editors'
		// notes) render their title and Markdown, and switch language.
		for l := range langs {
			var note struct{ Title string }
			rel := "content/" + langs[l].dir + "/notes/sample.md"
			decodeFrontMatter(t, rel, fixtureFile(t, rel), &note)
			title := note.Title
			page := "/" + langs[l].dir + "/notes/sample/"
			doc := HTML(t, public, page)
			if title == "" {
				t.Fatalf("%s: no title", rel)
			}
			if got := doc.Find("main h1").Text(); got != title {
				t.Errorf("%s: <h1> %q, want %q", page, got, title)
			}
			if doc.Find("main em").Length() != 1 {
				t.Errorf("%s: the Markdown body is not rendered", page)
			}
			if got, want := hrefs(doc.Find("header nav.language-switch a[hreflang]")), []string{"/" + langs[1-l].dir + "/notes/sample/"}; !slices.Equal(got, want) {
				t.Errorf("%s: language switch %v, want %v", page, got, want)
			}
		}
	})

	t.Run("ExportIndex", func(t *testing.T) {
		for _, dir := range []string{"en/data", "zh/data"} {
			if Exists(public, dir) {
				t.Errorf("%s exists: the exports belong at /data/ only", dir)
			}
		}
		// The fixture has themes: the index names the comparison too.
		checkKeys(t, public, "data/index.json", map[string][]string{
			"":              {"comparison", "instruments"},
			"comparison":    {"en", "zh-Hans"},
			"instruments[]": {"date", "id", "json", "title", "url"},
		})
		var index exportedIndex
		JSON(t, public, "data/index.json", &index)
		if want := map[string]string{"en": base + "en/compare/", "zh-Hans": base + "zh/compare/"}; !reflect.DeepEqual(index.Comparison, want) {
			t.Errorf("index.json comparison %v, want %v", index.Comparison, want)
		}
		if len(index.Instruments) != len(fixtureInstruments(t)) {
			t.Fatalf("index.json: %d instruments, want %d", len(index.Instruments), len(fixtureInstruments(t)))
		}
		for i, in := range fixtureInstruments(t) {
			got := index.Instruments[i]
			if got.ID != in.id || got.Date != in.date {
				t.Errorf("index.json instrument %d: id %q date %q, want %q %q", i, got.ID, got.Date, in.id, in.date)
			}
			// Only the languages the instrument is published in.
			wantTitle, wantURL := map[string]string{}, map[string]string{}
			for _, l := range in.in() {
				wantTitle[langs[l].locale] = in.title[l]
				wantURL[langs[l].locale] = base + langs[l].dir + "/" + in.id + "/"
			}
			if !reflect.DeepEqual(got.Title, wantTitle) || !reflect.DeepEqual(got.URL, wantURL) {
				t.Errorf("index.json %s: title %v url %v, want %v %v", in.id, got.Title, got.URL, wantTitle, wantURL)
			}
			if want := base + "data/" + in.id + ".json"; got.JSON != want {
				t.Errorf("index.json %s: json %q, want %q", in.id, got.JSON, want)
			}
		}
	})

	t.Run("ExportInstruments", func(t *testing.T) {
		// The records ingest wrote for this build.
		var data struct{ Source map[string]map[string]any }
		if _, err := toml.Decode(string(ProjectFile(t, public, "generated/data/sources.toml")), &data); err != nil {
			t.Fatal(err)
		}
		for _, in := range fixtureInstruments(t) {
			rel := "data/" + in.id + ".json"
			// The exports carry the languages that exist.
			var locales []string
			for _, l := range in.in() {
				locales = append(locales, langs[l].locale)
			}
			checkKeys(t, public, rel, map[string][]string{
				"":             {"date", "id", "issuer", "parts", "sources", "title"},
				"title":        locales,
				"issuer":       locales,
				"parts[]":      {"hash", "id", "key", "notes", "number", "role", "text", "url"},
				"parts[].text": locales,
				"parts[].url":  locales,
				"parts[].hash": locales,
			})
			if in.id == "test-gids" {
				// The sample note, on test-gids/point_1 (notes_test.go tests the rest).
				checkKeys(t, public, rel, map[string][]string{
					"parts[].notes[]":     {"id", "languages", "type", "url"},
					"parts[].notes[].url": {"en", "zh-Hans"},
				})
			}
			var got exportedInstrument
			JSON(t, public, rel, &got)
			if got.ID != in.id || got.Date != in.date || got.Title["en"] != in.title[0] || got.Title["zh-Hans"] != in.title[1] {
				t.Errorf("%s: id %q date %q title %v", rel, got.ID, got.Date, got.Title)
			}
			if got.Issuer["en"] != in.issuer[0] || got.Issuer["zh-Hans"] != in.issuer[1] || (in.bilingual() && in.issuer[0] == in.issuer[1]) {
				t.Errorf("%s: issuer %v, want one per language %q", rel, got.Issuer, in.issuer)
			}
			// The sources: the records of generated/data/sources.toml, in
			// the order of the instrument page's params.sources, field for
			// field.
			var page struct{ Params struct{ Sources []string } }
			pageFile := "generated/content/" + langs[in.in()[0]].dir + "/" + in.id + "/_index.md"
			decodeFrontMatter(t, pageFile, ProjectFile(t, public, pageFile), &page)
			// params.sources are the instrument's sources, in the
			// manifest's order.
			var ofInstrument []string
			for _, x := range fixtureResult(t).Sources {
				if x.Source.Instrument == in.id {
					ofInstrument = append(ofInstrument, x.Source.ID)
				}
			}
			if len(ofInstrument) == 0 || !slices.Equal(page.Params.Sources, ofInstrument) {
				t.Fatalf("%s: params.sources %v, want the instrument's sources %v", pageFile, page.Params.Sources, ofInstrument)
			}
			var want []map[string]any
			for _, id := range page.Params.Sources {
				if s, ok := data.Source[id]; ok {
					want = append(want, s)
				}
			}
			if !reflect.DeepEqual(normalize(t, got.Sources), normalize(t, want)) {
				t.Errorf("%s: sources\n%s\nwant\n%s", rel, jsonText(got.Sources), jsonText(want))
			}
			var ids []string
			for _, p := range got.Parts {
				ids = append(ids, p.ID)
			}
			var wantIDs []string
			for _, p := range in.parts {
				wantIDs = append(wantIDs, p.id)
			}
			if !slices.Equal(ids, wantIDs) {
				t.Fatalf("%s: parts %v, want %v (weight order)", rel, ids, wantIDs)
			}
			for i, p := range in.parts {
				g := got.Parts[i]
				if g.Key != in.id+"/"+p.id || g.Role != p.role || g.Number != p.number {
					t.Errorf("%s %s: key %q role %q number %q", rel, p.id, g.Key, g.Role, g.Number)
				}
				for _, l := range in.in() {
					lang := langs[l]
					if g.Text[lang.locale] != p.text[l] {
						t.Errorf("%s %s: text[%s] = %q, want %q", rel, p.id, lang.locale, g.Text[lang.locale], p.text[l])
					}
					if g.Hash[lang.locale] != p.hash[l] {
						t.Errorf("%s %s: hash[%s] = %q, want %q", rel, p.id, lang.locale, g.Hash[lang.locale], p.hash[l])
					}
					if want := base + strings.TrimPrefix(partURL(l, in.id, p.id), "/"); g.URL[lang.locale] != want {
						t.Errorf("%s %s: url[%s] = %q, want %q", rel, p.id, lang.locale, g.URL[lang.locale], want)
					}
				}
			}
		}
	})

	// No scripts, styles or external requests, stylesheets that exist and
	// carry integrity: checkSiteWide, which TestReaderSite runs on this build.
}

// exportedIndex is data/index.json, field for field (JSON rejects unknown
// fields): the instruments, each with its title and address in the
// languages it is published in, and the comparison's addresses.
type exportedIndex struct {
	Instruments []struct {
		ID, Date, JSON string
		Title, URL     map[string]string
	}
	Comparison map[string]string
}

// exportedInstrument is data/<instrument>.json, field for field (JSON
// rejects unknown fields).
type exportedInstrument struct {
	ID, Date      string
	Title, Issuer map[string]string
	Sources       []map[string]any
	Parts         []struct {
		ID, Key, Role, Number string
		Text, URL, Hash       map[string]string
		Notes                 []exportNote
	}
}

// exportNote is a note in a part's list of data/<instrument>.json.
type exportNote struct {
	ID        string            `json:"id"`
	Type      string            `json:"type"`
	Languages []string          `json:"languages"`
	URL       map[string]string `json:"url"`
}

// textElements returns the elements of sel (or below it) whose text is
// exactly want, the innermost ones only.
func textElements(sel *goquery.Selection, want string) *goquery.Selection {
	return sel.Find("*").AddSelection(sel).FilterFunction(func(_ int, s *goquery.Selection) bool {
		if s.Text() != want {
			return false
		}
		inner := false
		s.Children().Each(func(_ int, c *goquery.Selection) { inner = inner || c.Text() == want })
		return !inner
	})
}

// nearestLang returns the lang attribute of s or its closest ancestor.
func nearestLang(s *goquery.Selection) string {
	lang, _ := s.Closest("[lang]").Attr("lang")
	return lang
}

func hrefs(s *goquery.Selection) []string {
	var out []string
	s.Each(func(_ int, a *goquery.Selection) {
		h, _ := a.Attr("href")
		out = append(out, h)
	})
	return out
}

// baseURL reads baseURL from the repository's config.toml.
func baseURL(t *testing.T) string {
	root := repoRoot(t)
	var cfg struct{ BaseURL string }
	if _, err := toml.DecodeFile(filepath.Join(root, "config.toml"), &cfg); err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(cfg.BaseURL, "/") {
		t.Fatalf("config.toml: baseURL %q must end with /", cfg.BaseURL)
	}
	return cfg.BaseURL
}

// checkKeys checks the exact set of field names of the JSON objects at the
// given places of a file: "" is the top level, "a" the object in field a,
// "a[]" each object of the array in field a.
func checkKeys(t *testing.T, public, rel string, want map[string][]string) {
	t.Helper()
	var v any
	JSON(t, public, rel, &v)
	for place, keys := range want {
		objs := []any{v}
		if place != "" {
			for _, step := range strings.Split(place, ".") {
				var next []any
				for _, o := range objs {
					m, _ := o.(map[string]any)
					f := m[strings.TrimSuffix(step, "[]")]
					if strings.HasSuffix(step, "[]") {
						arr, ok := f.([]any)
						if !ok {
							t.Errorf("%s: %s is not an array", rel, step)
						}
						next = append(next, arr...)
					} else {
						next = append(next, f)
					}
				}
				objs = next
			}
		}
		if len(objs) == 0 {
			t.Errorf("%s: nothing at %s", rel, place)
		}
		for _, o := range objs {
			m, ok := o.(map[string]any)
			if !ok {
				t.Errorf("%s: %s is not an object: %v", rel, place, o)
				continue
			}
			var got []string
			for k := range m {
				got = append(got, k)
			}
			sort.Strings(got)
			if !slices.Equal(got, keys) {
				t.Errorf("%s: fields of %q are %v, want %v", rel, place, got, keys)
			}
		}
	}
}

// normalize round-trips v through JSON, so that values decoded from TOML
// and from JSON compare equal.
func normalize(t *testing.T, v any) any {
	var out any
	if err := json.Unmarshal([]byte(jsonText(v)), &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func jsonText(v any) string {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err.Error()
	}
	return string(b)
}

// TestPartialsOrganised: the partials are split as hextra's are, helpers
// that return a value (_partials/utils/) apart from the page pieces they
// print (_partials/components/), and nothing else lies in _partials/.
func TestPartialsOrganised(t *testing.T) {
	root := filepath.Join(repoRoot(t), "layouts", "_partials")
	returns := regexp.MustCompile(`\{\{-?\s*return\b`)
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		switch dir := filepath.Dir(rel); {
		case dir == "utils" && !returns.Match(b):
			t.Errorf("_partials/%s returns nothing: a page piece belongs in components/", rel)
		case dir == "components" && returns.Match(b):
			t.Errorf("_partials/%s returns a value: a helper belongs in utils/", rel)
		case dir != "utils" && dir != "components":
			t.Errorf("_partials/%s: partials are in utils/ (helpers) or components/ (page pieces)", rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestComparisonAcrossLanguages: a part compared with a part of an
// instrument not published in the page's language is named and linked in
// that instrument's language (lang and hreflang set), and has no pair page
// in the page's language; the comparison table and theme pages quote it
// in its language.
func TestComparisonAcrossLanguages(t *testing.T) {
	public := fixtureSite(t)
	dirOf := map[string]int{}
	for l, lang := range langs {
		dirOf["/"+lang.dir+"/"] = l
	}
	// langOfURL is the index in langs of the edition an address is in.
	langOfURL := func(href string) int {
		for prefix, l := range dirOf {
			if strings.HasPrefix(href, prefix) {
				return l
			}
		}
		return -1
	}
	crossed := 0
	for _, in := range fixtureInstruments(t) {
		for _, l := range in.in() {
			for _, p := range in.parts {
				page := "/" + langs[l].dir + "/" + in.id + "/" + p.id + "/"
				HTML(t, public, page).Find("main ul.counterparts li").Each(func(_ int, li *goquery.Selection) {
					a := li.Find("a.counterpart")
					href := a.AttrOr("href", "")
					if !Exists(public, strings.TrimPrefix(href, "/")+"index.html") {
						t.Errorf("%s: counterpart %s does not exist", page, href)
					}
					other := langOfURL(href)
					pair := li.Find("a.pair-link")
					if other == l {
						if pair.Length() != 1 || !Exists(public, strings.TrimPrefix(pair.AttrOr("href", ""), "/")+"index.html") {
							t.Errorf("%s: counterpart %s has no pair page", page, href)
						}
						return
					}
					crossed++
					if a.AttrOr("lang", "") != langs[other].locale || a.AttrOr("hreflang", "") != langs[other].locale {
						t.Errorf("%s: counterpart %s in %s is marked lang=%q hreflang=%q", page, href, langs[other].locale, a.AttrOr("lang", ""), a.AttrOr("hreflang", ""))
					}
					if pair.Length() != 0 {
						t.Errorf("%s: a pair page with %s, which is not published in %s", page, href, langs[l].locale)
					}
				})
			}
		}
	}
	if crossed == 0 {
		t.Fatal("the fixture compares no part across languages")
	}
	for l, lang := range langs {
		for _, page := range []string{"/" + lang.dir + "/compare/", "/" + lang.dir + "/themes/personal-data/"} {
			quoted := 0
			HTML(t, public, page).Find("main .cmp-ref a").Each(func(_ int, a *goquery.Selection) {
				href := a.AttrOr("href", "")
				other := langOfURL(href)
				if other == l || other < 0 {
					return
				}
				quoted++
				if got := nearestLang(a.Closest(".cmp-part, .theme-column")); got != langs[other].locale {
					t.Errorf("%s: %s is quoted in an element with lang=%q, want %q", page, href, got, langs[other].locale)
				}
			})
			if quoted == 0 {
				t.Errorf("%s: quotes no part of an instrument not published in %s", page, lang.locale)
			}
		}
	}
}
