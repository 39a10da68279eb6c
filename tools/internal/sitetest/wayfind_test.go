package sitetest

// Tests of wayfinding and of what every page says about itself: the
// header's routes (each instrument, the comparison, search), the language
// switch that keeps the reader's place, the 404 pages, print styles,
// titles and headings, modification dates and structured data.

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
)

// pageLang is the site language (index in langs) a page of the build is
// in, from its address; ok is false for pages outside the languages'
// folders (the root 404 page, redirects).
func pageLang(p builtPage) (l int, ok bool) {
	for i, lang := range langs {
		if strings.HasPrefix(p.path, "/"+lang.dir+"/") {
			return i, true
		}
	}
	return 0, false
}

// readerPages are the pages of a build a reader lands on: every HTML
// page but redirects.
func readerPages(t *testing.T, public string) []builtPage {
	var out []builtPage
	for _, p := range htmlPages(t, public) {
		if p.doc.Find(`meta[http-equiv="refresh"]`).Length() > 0 {
			continue
		}
		out = append(out, p)
	}
	return out
}

// TestHeaderRoutes: the header of every page, in both languages, links to
// each of the corpus's instruments, the comparison and the search page
// (a search form), so that no page is a dead end.
func TestHeaderRoutes(t *testing.T) {
	public := fixtureSite(t)
	ins := fixtureInstruments(t)
	for _, p := range readerPages(t, public) {
		l, ok := pageLang(p)
		if !ok {
			continue
		}
		dir := "/" + langs[l].dir + "/"
		header := p.doc.Find("header.site-header")
		if header.Length() != 1 {
			t.Errorf("%s: %d site headers, want 1", p.path, header.Length())
			continue
		}
		links := hrefs(header.Find("nav.site-nav a"))
		want := []string{dir + "compare/"}
		for _, in := range ins {
			// Published in this language, or else in its own.
			if in.has[l] {
				want = append(want, dir+in.id+"/")
			} else {
				want = append(want, "/"+langs[in.in()[0]].dir+"/"+in.id+"/")
			}
		}
		for _, w := range want {
			if !slices.Contains(links, w) {
				t.Errorf("%s: the header's navigation %v has no link to %s", p.path, links, w)
			}
		}
		if got := header.Find(`form[role="search"]`).AttrOr("action", ""); got != dir+"search/" {
			t.Errorf("%s: the header's search form goes to %q, want %s", p.path, got, dir+"search/")
		}
		// Every link is named, and the header stays light: it is on
		// every page, and on a phone above the text.
		header.Find("nav.site-nav a").Each(func(_ int, a *goquery.Selection) {
			if strings.TrimSpace(a.Text()) == "" {
				t.Errorf("%s: a header link to %s has no text", p.path, a.AttrOr("href", ""))
			}
		})
		if html, _ := goquery.OuterHtml(header); len(html) > headerBudget {
			t.Errorf("%s: the header is %d bytes of HTML, over %d", p.path, len(html), headerBudget)
		}
	}
}

// headerBudget is the most HTML the site header may take, uncompressed.
const headerBudget = 2048

// TestHeaderOfALargeCorpus: with more instruments than the header lists
// (params.navInstruments), the header of every page links to the list of
// texts on the home page instead of to each instrument, so that no page
// grows with the corpus; the home page lists them all.
func TestHeaderOfALargeCorpus(t *testing.T) {
	ins := fixtureInstruments(t)
	limit := len(ins) - 1
	public := BuildProject(t, "nav-limit", fixtureDir, func(t testing.TB) map[string]string {
		cfg, err := os.ReadFile(filepath.Join(repoRoot(t), "config.toml"))
		if err != nil {
			t.Fatal(err)
		}
		re := regexp.MustCompile(`(?m)^navInstruments = \d+$`)
		if !re.Match(cfg) {
			t.Fatal("config.toml sets no navInstruments")
		}
		return map[string]string{"config.toml": re.ReplaceAllString(string(cfg), fmt.Sprintf("navInstruments = %d", limit))}
	})
	for _, p := range readerPages(t, public) {
		l, ok := pageLang(p)
		if !ok {
			continue
		}
		dir := "/" + langs[l].dir + "/"
		links := hrefs(p.doc.Find("header.site-header nav.site-nav a"))
		if !slices.Contains(links, dir+"#texts") {
			t.Errorf("%s: the header's navigation %v has no link to the list of texts", p.path, links)
		}
		for _, in := range ins {
			for _, d := range langs {
				if slices.Contains(links, "/"+d.dir+"/"+in.id+"/") {
					t.Errorf("%s: the header links %s, one of %d instruments (limit %d)", p.path, in.id, len(ins), limit)
				}
			}
		}
	}
	for l, lang := range langs {
		home := HTML(t, public, "/"+lang.dir+"/")
		if home.Find("#texts").Length() != 1 {
			t.Fatalf("/%s/: no #texts", lang.dir)
		}
		list := hrefs(home.Find("main .instrument-card h3 a"))
		for _, in := range ins {
			want := dir(in, l) + in.id + "/"
			if !slices.Contains(list, want) {
				t.Errorf("/%s/: the list of texts %v has no %s", lang.dir, list, want)
			}
		}
	}
}

// dir is where instrument in's pages are for readers of language l: its
// own folder, or its first language's when it is not published in l.
func dir(in fixtureInstrument, l int) string {
	if in.has[l] {
		return "/" + langs[l].dir + "/"
	}
	return "/" + langs[in.in()[0]].dir + "/"
}

// TestNotFoundPages: every 404 page (the root one hosts serve for any
// missing address, and each language's) has the site header with its
// navigation, a search box and the Content-Security-Policy, and is not
// indexed.
func TestNotFoundPages(t *testing.T) {
	public := fixtureSite(t)
	pages := []string{"404.html"}
	for _, lang := range langs {
		pages = append(pages, lang.dir+"/404.html")
	}
	for _, rel := range pages {
		if !Exists(public, rel) {
			t.Errorf("%s does not exist", rel)
			continue
		}
		doc := HTML(t, public, rel)
		if doc.Find(`head meta[http-equiv="Content-Security-Policy"]`).Length() != 1 {
			t.Errorf("%s: no Content-Security-Policy meta", rel)
		}
		if doc.Find(`head meta[name="robots"][content*="noindex"]`).Length() != 1 {
			t.Errorf("%s: not marked noindex", rel)
		}
		header := doc.Find("header.site-header")
		if header.Find("nav.site-nav a").Length() < len(fixtureInstruments(t))+1 {
			t.Errorf("%s: the header's navigation has %d links, want the instruments and the comparison", rel, header.Find("nav.site-nav a").Length())
		}
		if doc.Find(`form[role="search"] input[name="q"]`).Length() == 0 {
			t.Errorf("%s: no search box", rel)
		}
		if doc.Find("main#site-main h1").Length() != 1 {
			t.Errorf("%s: no main heading", rel)
		}
	}
}

// cssRule is a rule of a stylesheet: its selectors and declarations.
type cssRule struct {
	selectors []string
	decls     string // as written, white space removed
}

// printRules returns the rules inside the stylesheet's @media print
// blocks (nested at-rules such as @page left out).
func printRules(css string) []cssRule {
	var rules []cssRule
	for rest := css; ; {
		i := strings.Index(rest, "@media print")
		if i < 0 {
			return rules
		}
		rest = rest[i:]
		open := strings.IndexByte(rest, '{')
		depth, end := 0, len(rest)
		for j := open; j < len(rest); j++ {
			if rest[j] == '{' {
				depth++
			} else if rest[j] == '}' {
				depth--
				if depth == 0 {
					end = j
					break
				}
			}
		}
		body := rest[open+1 : end]
		rest = rest[end:]
		for body != "" {
			o := strings.IndexByte(body, '{')
			c := strings.IndexByte(body, '}')
			if o < 0 || c < o {
				break
			}
			sel := strings.TrimSpace(body[:o])
			decls := strings.Join(strings.Fields(body[o+1:c]), "")
			body = body[c+1:]
			if strings.HasPrefix(sel, "@") {
				continue
			}
			var sels []string
			for _, s := range strings.Split(sel, ",") {
				sels = append(sels, strings.TrimSpace(s))
			}
			rules = append(rules, cssRule{sels, decls})
		}
	}
}

// printed removes from doc what the print rules hide (display:none), as
// a printer sees the page. Selectors goquery cannot read are skipped.
func printed(doc *goquery.Document, rules []cssRule) *goquery.Document {
	out := goquery.CloneDocument(doc)
	for _, r := range rules {
		if !strings.Contains(r.decls, "display:none") {
			continue
		}
		for _, sel := range r.selectors {
			func() {
				defer func() { recover() }() // a selector cascadia cannot parse
				out.Find(sel).Remove()
			}()
		}
	}
	return out
}

// siteCSS reads the site's stylesheet, as a page links it.
func siteCSS(t *testing.T, public string, doc *goquery.Document) string {
	t.Helper()
	href := doc.Find(`link[rel="stylesheet"]`).First().AttrOr("href", "")
	return string(readFile(t, filepath.Join(public, filepath.FromSlash(strings.TrimPrefix(href, "/")))))
}

// TestPrint: a part page prints its notes in full after the text and no
// separator left dangling by a hidden link; the comparison prints as a
// compact table, whose rows may run on to the next page (a row kept whole
// left most of a page blank).
func TestPrint(t *testing.T) {
	public := fixtureSite(t)
	var rules []cssRule
	withNotes, parts := 0, 0
	for _, p := range readerPages(t, public) {
		kind := p.bodyKind()
		if kind != "part" && kind != "compare" {
			continue
		}
		if rules == nil {
			rules = printRules(siteCSS(t, public, p.doc))
			if len(rules) == 0 {
				t.Fatal("the stylesheet has no print rules")
			}
		}
		doc := printed(p.doc, rules)
		doc.Find("main li, main p").Each(func(_ int, s *goquery.Selection) {
			text := strings.TrimSpace(s.Text())
			if strings.HasSuffix(text, "·") || strings.HasPrefix(text, "·") {
				t.Errorf("%s: prints a dangling separator: %q", p.path, text)
			}
		})
		if kind == "part" {
			parts++
			screen := p.doc.Find("#notes .note").Length()
			if screen == 0 {
				continue
			}
			withNotes++
			if got := doc.Find("#notes .note").Length(); got != screen {
				t.Errorf("%s: prints %d of its %d notes", p.path, got, screen)
			}
			// After the text: the notes follow the versions in the page.
			if doc.Find(".versions ~ #notes, .versions ~ * #notes").Length() == 0 {
				t.Errorf("%s: the notes do not follow the text", p.path)
			}
			continue
		}
		rows := p.doc.Find("table.cmp tbody tr")
		if rows.Length() == 0 {
			t.Errorf("%s: no comparison table", p.path)
		}
		for _, r := range rules {
			if !strings.Contains(r.decls, "break-inside:avoid") && !strings.Contains(r.decls, "page-break-inside:avoid") {
				continue
			}
			for _, sel := range r.selectors {
				func() {
					defer func() { recover() }()
					if n := p.doc.Find(sel).FilterSelection(rows).Length(); n > 0 {
						t.Errorf("%s: print keeps whole rows of the table together (%s), leaving pages blank", p.path, sel)
					}
				}()
			}
		}
		compact := false
		for _, r := range rules {
			if slices.Contains(r.selectors, ".cmp") && strings.Contains(r.decls, "font-size") {
				compact = true
			}
		}
		if !compact {
			t.Errorf("%s: no print size for the comparison table", p.path)
		}
	}
	if parts == 0 || withNotes == 0 {
		t.Errorf("%d part pages, %d with notes: the fixture should have both", parts, withNotes)
	}
}

// TestTitlesAndHeadings: on the fixture, the site-wide checks of titles,
// descriptions and headings (checkTitles), and a part page's <h1> names
// the part and, in a short form, its instrument: more than its label.
func TestTitlesAndHeadings(t *testing.T) {
	public := fixtureSite(t)
	pages := readerPages(t, public)
	checkTitles(t, pages)
	parts := 0
	for _, p := range pages {
		if p.bodyKind() != "part" {
			continue
		}
		parts++
		l, _ := pageLang(p)
		h1 := strings.Join(strings.Fields(p.doc.Find("h1").First().Text()), " ")
		key := p.doc.Find("main code.pid").First().Text()
		if label := fixturePartOf(t, key).label[l]; h1 == label || !strings.Contains(h1, label) {
			t.Errorf("%s: <h1> %q, want the label %q with the instrument", p.path, h1, label)
		}
	}
	if parts == 0 {
		t.Error("no part pages")
	}
}

// Search engines show about 60 characters of a title and 160 of a
// description.
const maxTitle, maxDescription = 60, 160

// checkTitles: every indexable page's title fits what search engines show,
// its description neither is cut by them nor is tiny, and no two pages
// share an <h1>.
func checkTitles(t *testing.T, pages []builtPage) {
	h1s := map[string]string{}
	for _, p := range pages {
		if !p.indexable() || p.doc.Find(`meta[http-equiv="refresh"]`).Length() > 0 {
			continue
		}
		title := strings.TrimSpace(p.doc.Find("head title").Text())
		if n := utf8.RuneCountInString(title); n > maxTitle {
			t.Errorf("%s: title of %d characters, over %d: %q", p.path, n, maxTitle, title)
		}
		desc := p.head(`meta[name="description"]`, "content")
		if n := utf8.RuneCountInString(desc); n > maxDescription {
			t.Errorf("%s: description of %d characters, over %d: %q", p.path, n, maxDescription, desc)
		}
		if n := utf8.RuneCountInString(desc); n < minDescription(p) {
			t.Errorf("%s: description of %d characters, under %d: %q", p.path, n, minDescription(p), desc)
		}
		h1 := strings.Join(strings.Fields(p.doc.Find("h1").First().Text()), " ")
		if other, dup := h1s[h1]; dup {
			t.Errorf("%s and %s have the same <h1> %q", other, p.path, h1)
		}
		h1s[h1] = p.path
	}
}

// minDescription is the shortest description worth showing: 50
// characters, or 20 in a language written without spaces, whose
// characters say more each.
func minDescription(p builtPage) int {
	if lang, _ := p.doc.Find("html").Attr("lang"); strings.HasPrefix(lang, "zh") {
		return 20
	}
	return 50
}

// TestLanguageSwitchKeepsPlace: the language switch keeps the reader at
// the same part. A part page links to the part's translation, with no
// script; an instrument's text and its parallel view mark their switch for
// keep-place.js, which they load (same site, with integrity), and every
// part the reader can be at has the same id on the other language's page.
// A page without a translation switches to the other language's home page,
// which is not its alternate.
func TestLanguageSwitchKeepsPlace(t *testing.T) {
	public := fixtureSite(t)
	byPath := map[string]builtPage{}
	pages := readerPages(t, public)
	for _, p := range pages {
		byPath[p.path] = p
	}
	checked := map[string]int{}
	for _, p := range pages {
		l, ok := pageLang(p)
		if !ok {
			continue
		}
		other := "/" + langs[1-l].dir + "/"
		sw := p.doc.Find("header .language-switch a[hreflang]")
		kind := p.bodyKind()
		scripts := p.doc.Find("head > " + keepPlaceScript).Length()
		translated := false
		for h := range p.alternates() {
			translated = translated || (h != langs[l].locale && h != "x-default")
		}
		if !translated {
			if !p.indexable() {
				continue // not indexed, so it names no alternates
			}
			// No translation: the other language's home page.
			if got := hrefs(sw); len(got) != 1 || got[0] != other || sw.Is(`[rel~="alternate"]`) {
				t.Errorf("%s (no translation): language switch %v, want the home page %s, not as an alternate", p.path, got, other)
			}
			continue
		}
		switch kind {
		case "part":
			checked[kind]++
			key := p.doc.Find("main code.pid").First().Text()
			in, id, _ := strings.Cut(key, "/")
			if got, want := hrefs(sw), []string{other + in + "/" + id + "/"}; !slices.Equal(got, want) {
				t.Errorf("%s: language switch %v, want the part's translation %v", p.path, got, want)
			}
			if scripts != 0 {
				t.Errorf("%s: a part page needs no script to keep the reader's place", p.path)
			}
		case "instrument", "parallel":
			checked[kind]++
			if scripts != 1 {
				t.Errorf("%s: %d keep-place scripts, want 1", p.path, scripts)
			}
			if sw.Length() == 0 || sw.Not("[data-keep-place]").Length() > 0 {
				t.Errorf("%s: the language switch's links are not all marked data-keep-place", p.path)
			}
			target, ok := byPath[sw.First().AttrOr("href", "")]
			if !ok {
				t.Errorf("%s: the language switch goes to %q, not a page of the site", p.path, sw.First().AttrOr("href", ""))
				continue
			}
			parts := p.doc.Find("main [data-role][id]")
			if parts.Length() == 0 {
				t.Errorf("%s: no parts with ids for the script to find", p.path)
			}
			parts.Each(func(_ int, s *goquery.Selection) {
				id := s.AttrOr("id", "")
				if target.doc.Find(`main [id="`+id+`"]`).Length() != 1 {
					t.Errorf("%s#%s: %s has no part %s to land on", p.path, id, target.path, id)
				}
			})
		default:
			if scripts != 0 {
				t.Errorf("%s (%s): loads the keep-place script", p.path, kind)
			}
		}
	}
	for _, k := range []string{"part", "instrument", "parallel"} {
		if checked[k] == 0 {
			t.Errorf("no %s pages checked", k)
		}
	}
	// The script reads the fragment and the part in view, and rewrites the
	// marked links: it is the one the pages load.
	js := ""
	for _, p := range pages {
		if src := p.doc.Find("head > "+keepPlaceScript).AttrOr("src", ""); src != "" {
			js = string(readFile(t, filepath.Join(public, filepath.FromSlash(strings.TrimPrefix(src, "/")))))
			break
		}
	}
	for _, want := range []string{"location.hash", "data-keep-place", "hashchange", "click"} {
		if !strings.Contains(js, want) {
			t.Errorf("keep-place script does not use %s:\n%s", want, js)
		}
	}
}

// sitemapDates reads the <lastmod> of every address the sitemaps list
// ("" where there is none).
func sitemapDates(t *testing.T, public string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, lang := range langs {
		var set struct {
			URLs []struct {
				Loc     string `xml:"loc"`
				Lastmod string `xml:"lastmod"`
			} `xml:"url"`
		}
		if err := xml.Unmarshal(readFile(t, filepath.Join(public, lang.dir, "sitemap.xml")), &set); err != nil {
			t.Fatal(err)
		}
		for _, u := range set.URLs {
			out[u.Loc] = u.Lastmod
		}
	}
	return out
}

// TestLastmod: the sitemaps give each text's page the date its text last
// changed, the date of the source it is taken from (or the instrument's,
// if the source is undated or older), as do the pages' dateModified; a
// note's page its own date, never the build's.
func TestLastmod(t *testing.T) {
	public := fixtureSite(t)
	base := baseURL(t)
	dates := sitemapDates(t, public)
	r := fixtureResult(t)
	sourceDate := map[string]time.Time{}
	for _, x := range r.Sources {
		sourceDate[x.Source.ID] = x.Source.Date
	}
	day := func(d time.Time) string { return d.Format("2006-01-02") }
	for _, in := range fixtureInstruments(t) {
		for l, lang := range langs {
			if !in.has[l] {
				continue
			}
			latest := in.date
			for _, p := range in.parts {
				want := in.date
				if d := sourceDate[p.source[l]]; !d.IsZero() && day(d) > in.date {
					want = day(d)
				}
				if want > latest {
					latest = want
				}
				page := lang.dir + "/" + in.id + "/" + p.id + "/"
				if got := dates[base+page]; got != want {
					t.Errorf("sitemap: /%s lastmod %q, want %q", page, got, want)
				}
				ld, _ := pageJSONLD(t, builtPage{path: "/" + page, doc: HTML(t, public, page)})
				if ld.DateModified != want {
					t.Errorf("/%s: dateModified %q, want %q", page, ld.DateModified, want)
				}
			}
			pages := []string{lang.dir + "/" + in.id + "/"}
			if in.bilingual() {
				pages = append(pages, lang.dir+"/"+in.id+"/parallel/")
			}
			for _, page := range pages {
				if got := dates[base+page]; got != latest {
					t.Errorf("sitemap: /%s lastmod %q, want %q (its latest part)", page, got, latest)
				}
			}
		}
	}
	for _, lang := range langs {
		rel := "content/" + lang.dir + "/notes/sample.md"
		var fm struct{ Date time.Time }
		decodeFrontMatter(t, rel, fixtureFile(t, rel), &fm)
		if got := dates[base+lang.dir+"/notes/sample/"]; got != day(fm.Date) || fm.Date.IsZero() {
			t.Errorf("sitemap: /%s/notes/sample/ lastmod %q, want the note's date %s", lang.dir, got, day(fm.Date))
		}
	}
}

// pageLDType is the schema.org type of the structured data a page that
// is not a text carries, or "" for none: the home page is the WebSite, a
// note an Article, the comparison, the themes index and a theme
// CollectionPages.
func pageLDType(p builtPage) string {
	switch kind := p.bodyKind(); {
	case kind == "home":
		return "WebSite"
	case kind == "compare" || kind == "themes" || kind == "theme":
		return "CollectionPage"
	case kind == "page" && strings.Contains(p.path, "/notes/"):
		return "Article"
	case kind == "pair":
		return "WebPage"
	}
	return ""
}

// checkPageJSONLD: the page's structured data is one node of type want,
// named after the page (@id and url its canonical address, its language);
// the WebSite's SearchAction fills the header's search form; an Article (a
// note) and a WebPage (a pair) are about the parts their page links to,
// each a Legislation node of the site (a pair's, its two);
// a CollectionPage is part of the WebSite, described as the page is.
func checkPageJSONLD(t *testing.T, base string, p builtPage, want string, byPath map[string]builtPage) {
	s := p.doc.Find(`script[type="application/ld+json"]`)
	if s.Length() != 1 {
		t.Errorf("%s: %d JSON-LD scripts, want one %s", p.path, s.Length(), want)
		return
	}
	var ld map[string]any
	if err := json.Unmarshal([]byte(s.Text()), &ld); err != nil {
		t.Errorf("%s: JSON-LD does not parse: %v", p.path, err)
		return
	}
	str := func(m any, keys ...string) string {
		for _, k := range keys {
			mm, _ := m.(map[string]any)
			m = mm[k]
		}
		v, _ := m.(string)
		return v
	}
	self := base + strings.TrimPrefix(p.path, "/")
	lang, _ := p.doc.Find("html").Attr("lang")
	if str(ld, "@context") != "https://schema.org" || str(ld, "@type") != want || str(ld, "@id") != self || str(ld, "url") != self || str(ld, "inLanguage") != lang {
		t.Errorf("%s: JSON-LD %s %s %s (%s), want %s %s (%s)", p.path, str(ld, "@type"), str(ld, "@id"), str(ld, "url"), str(ld, "inLanguage"), want, self, lang)
	}
	title := p.head(`meta[property="og:title"]`, "content")
	home := base + strings.SplitN(strings.TrimPrefix(p.path, "/"), "/", 2)[0] + "/"
	switch want {
	case "WebSite":
		form := p.doc.Find(`header form[role="search"]`)
		if form.Length() == 0 {
			break
		}
		action := base + strings.TrimPrefix(form.AttrOr("action", ""), "/")
		name := form.Find("input[type=search]").AttrOr("name", "")
		if str(ld, "potentialAction", "@type") != "SearchAction" ||
			str(ld, "potentialAction", "target", "urlTemplate") != action+"?"+name+"={search_term_string}" ||
			str(ld, "potentialAction", "query-input") != "required name=search_term_string" {
			t.Errorf("%s: SearchAction %v, want the search form %s?%s=", p.path, ld["potentialAction"], action, name)
		}
	case "Article", "WebPage":
		name := str(ld, "headline")
		if want == "WebPage" {
			name = str(ld, "name")
		}
		if name != title || str(ld, "isPartOf", "@id") != home {
			t.Errorf("%s: %s %q in %q, want %q in %s", p.path, want, name, str(ld, "isPartOf", "@id"), title, home)
		}
		about, _ := ld["about"].([]any)
		if len(about) == 0 || (want == "WebPage" && len(about) != 2) {
			t.Errorf("%s: the %s is about %d parts", p.path, want, len(about))
		}
		for _, a := range about {
			id := str(a, "@id")
			rel := "/" + strings.TrimPrefix(id, base)
			part, ok := byPath[rel]
			if str(a, "@type") != "Legislation" || !ok || part.bodyKind() != "part" {
				t.Errorf("%s: about %v: not a part page of the site", p.path, a)
				continue
			}
			if p.doc.Find(`main a[href="`+rel+`"]`).Length() == 0 {
				t.Errorf("%s: about %s, which the note's page does not link", p.path, rel)
			}
		}
	case "CollectionPage":
		if str(ld, "name") != title || str(ld, "isPartOf", "@type") != "WebSite" || str(ld, "isPartOf", "@id") != home {
			t.Errorf("%s: CollectionPage %q part of %v, want %q of the WebSite %s", p.path, str(ld, "name"), ld["isPartOf"], title, home)
		}
		if desc := p.head(`meta[name="description"]`, "content"); str(ld, "description") != desc {
			t.Errorf("%s: CollectionPage described as %q, the page as %q", p.path, str(ld, "description"), desc)
		}
	}
}

// TestStructuredData: the pages that are not texts carry structured data
// (checkPageJSONLD, run by checkSiteWide), at least one of each type; an
// instrument's texts name the official publication they are based on
// where the manifest records its address (the authority source's).
func TestStructuredData(t *testing.T) {
	public := fixtureSite(t)
	seen := map[string]int{}
	for _, p := range readerPages(t, public) {
		if want := pageLDType(p); want != "" && p.indexable() {
			if p.doc.Find(`script[type="application/ld+json"]`).Length() == 1 {
				seen[want]++
			}
		}
	}
	for _, want := range []string{"WebSite", "Article", "CollectionPage", "WebPage"} {
		if seen[want] == 0 {
			t.Errorf("no page carries a %s", want)
		}
	}
	r := fixtureResult(t)
	address := map[string]string{}
	for _, x := range r.Sources {
		address[x.Source.ID] = x.Source.Address
	}
	based := 0
	for _, ip := range r.Instruments {
		in := ip.Instrument
		for _, lang := range langs {
			if !in.Has(lang.locale) {
				continue
			}
			want := address[in.Authority[lang.locale]]
			pages := []string{lang.dir + "/" + in.ID + "/"}
			for _, p := range ip.Parts {
				pages = append(pages, lang.dir+"/"+in.ID+"/"+p.ID+"/")
			}
			for _, page := range pages {
				var ld struct {
					IsBasedOn *struct {
						Type string `json:"@type"`
						URL  string `json:"url"`
					} `json:"isBasedOn"`
				}
				s := HTML(t, public, page).Find(`script[type="application/ld+json"]`)
				if err := json.Unmarshal([]byte(s.Text()), &ld); err != nil {
					t.Fatalf("/%s: %v", page, err)
				}
				switch {
				case want == "" && ld.IsBasedOn != nil:
					t.Errorf("/%s: isBasedOn %+v, but the manifest records no address", page, *ld.IsBasedOn)
				case want != "" && (ld.IsBasedOn == nil || ld.IsBasedOn.URL != want || ld.IsBasedOn.Type == ""):
					t.Errorf("/%s: isBasedOn %+v, want %s", page, ld.IsBasedOn, want)
				case want != "":
					based++
				}
			}
		}
	}
	if based == 0 {
		t.Error("no page is based on a recorded address: the fixture should record one")
	}
}
