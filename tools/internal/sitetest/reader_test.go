package sitetest

// Tests of the reader's site: parallel view, part pages (breadcrumbs,
// citation, notes place, provenance), sources page, 404 pages, and the
// site-wide checks that also run on the real content (checkSiteWide): head
// (titles, descriptions, canonical, hreflang both ways and x-default, Open
// Graph), JSON-LD, sitemap, links and anchors, landmarks and headings.

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io/fs"
	"net/url"
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

	"github.com/annotated-data-initiatives/site/tools/internal/manifest"
)

// scriptsOtherThanJSONLD selects every script element except structured
// data, which is data and runs nothing, and the head's keep-place script
// (keepPlaceScript), which TestLanguageSwitchKeepsPlace checks.
const scriptsOtherThanJSONLD = `script:not([type="application/ld+json"]):not(head > ` + keepPlaceScript + `)`

// keepPlaceScript selects the script of an instrument's text and parallel
// view that carries the reader's part to the other language: a same-site
// module with integrity (assets/js/keep-place.js).
const keepPlaceScript = `script[type="module"][src^="/js/keep-place."][integrity]`

// builtPage is one HTML file of a build.
type builtPage struct {
	rel  string // file, relative to public/, slash-separated
	path string // site-relative address: /en/x/ for en/x/index.html
	doc  *goquery.Document
}

// indexable reports whether the page is meant for readers and search
// engines: not a redirect, not marked noindex.
func (p builtPage) indexable() bool {
	return p.doc.Find(`meta[http-equiv="refresh"]`).Length() == 0 &&
		p.doc.Find(`meta[name="robots"][content*="noindex"]`).Length() == 0
}

// bodyKind is the page's kind as the layouts name it (k-part → "part").
func (p builtPage) bodyKind() string {
	class, _ := p.doc.Find("body").Attr("class")
	for _, c := range strings.Fields(class) {
		if k, ok := strings.CutPrefix(c, "k-"); ok {
			return k
		}
	}
	return ""
}

func (p builtPage) head(sel, attr string) string {
	v, _ := p.doc.Find(sel).First().Attr(attr)
	return v
}

// alternates returns the page's <link rel="alternate" hreflang> map.
func (p builtPage) alternates() map[string]string {
	m := map[string]string{}
	p.doc.Find(`link[rel="alternate"][hreflang]`).Each(func(_ int, s *goquery.Selection) {
		h, _ := s.Attr("hreflang")
		m[h], _ = s.Attr("href")
	})
	return m
}

// htmlPages reads every HTML file of a build.
func htmlPages(t *testing.T, public string) []builtPage {
	t.Helper()
	var pages []builtPage
	err := filepath.WalkDir(public, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".html") {
			return err
		}
		rel, _ := filepath.Rel(public, path)
		rel = filepath.ToSlash(rel)
		p := "/" + strings.TrimSuffix(rel, "index.html")
		pages = append(pages, builtPage{rel: rel, path: p, doc: HTML(t, public, rel)})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return pages
}

// checkSiteWide runs the checks that hold for every build, fixture or real.
// strictHeadings also checks the heading outline of pages whose body the
// editors write (notes), which the real content cannot promise.
func checkSiteWide(t *testing.T, public string, strictHeadings bool) {
	base := baseURL(t)
	pages := htmlPages(t, public)
	byPath := map[string]builtPage{}
	for _, p := range pages {
		byPath[p.path] = p
	}
	t.Run("Head", func(t *testing.T) { checkHead(t, base, pages, byPath) })
	t.Run("TitlesAndDescriptionsFit", func(t *testing.T) { checkTitles(t, pages) })
	t.Run("StructuredData", func(t *testing.T) { checkJSONLD(t, base, pages, byPath) })
	t.Run("Sitemap", func(t *testing.T) { checkSitemap(t, public, base, pages) })
	t.Run("LinksAndAnchorsResolve", func(t *testing.T) { checkLinks(t, public, base, pages) })
	t.Run("Accessibility", func(t *testing.T) { checkAccessibility(t, pages, strictHeadings) })
	t.Run("NoExternalRequests", func(t *testing.T) { checkNoExternalRequests(t, public, base, pages) })
	t.Run("PartPageBudget", func(t *testing.T) { checkBudget(t, public, pages) })
}

// partPageBudget is the most a part page may weigh, HTML and CSS together,
// each gzip-compressed as a host sends it; it needs no JavaScript at all.
// The notes are never cut to fit: a page over budget is a design problem.
const partPageBudget = 30 * 1024

// checkBudget: every part page with its stylesheet fits the budget.
func checkBudget(t *testing.T, public string, pages []builtPage) {
	gz := map[string]int{}
	size := func(rel string) int {
		if n, ok := gz[rel]; ok {
			return n
		}
		b, err := os.ReadFile(filepath.Join(public, filepath.FromSlash(strings.TrimPrefix(rel, "/"))))
		if err != nil {
			t.Fatal(err)
		}
		gz[rel] = GzipSize(b)
		return gz[rel]
	}
	var largest builtPage
	most := 0
	for _, p := range pages {
		if p.bodyKind() != "part" {
			continue
		}
		n := size(p.rel)
		p.doc.Find(`link[rel="stylesheet"]`).Each(func(_ int, s *goquery.Selection) { n += size(s.AttrOr("href", "")) })
		if n > most {
			largest, most = p, n
		}
	}
	if most == 0 {
		t.Fatal("no part pages")
	}
	if most > partPageBudget {
		t.Errorf("%s: %d bytes of HTML and CSS, gzip-compressed, over the budget of %d", largest.path, most, partPageBudget)
	}
	t.Logf("largest part page: %s, %d bytes of HTML and CSS, gzip-compressed (budget %d)", largest.path, most, partPageBudget)
}

// doubleEscaped finds an HTML entity in text a browser has already
// unescaped once.
var doubleEscaped = regexp.MustCompile(`&#[0-9]+;|&#x[0-9a-fA-F]+;|&(amp|lt|gt|quot|apos);`)

// checkHead: unique titles and descriptions; canonical; hreflang
// alternates both ways with x-default; the language switch agrees with them;
// Open Graph.
func checkHead(t *testing.T, base string, pages []builtPage, byPath map[string]builtPage) {
	titles := map[string]string{}
	descriptions := map[string]string{}
	locales := map[string]string{"en": "en", "zh": "zh-Hans"}
	for _, p := range pages {
		if !p.indexable() {
			continue
		}
		title := strings.TrimSpace(p.doc.Find("head title").Text())
		desc := p.head(`meta[name="description"]`, "content")
		if title == "" || desc == "" {
			t.Errorf("%s: title %q, description %q: both are required", p.path, title, desc)
		}
		if other, dup := titles[title]; dup {
			t.Errorf("%s and %s have the same title %q", other, p.path, title)
		}
		titles[title] = p.path
		if other, dup := descriptions[desc]; dup {
			t.Errorf("%s and %s have the same description %q", other, p.path, desc)
		}
		descriptions[desc] = p.path
		// Read as a browser reads them, the descriptions are plain text:
		// an entity left over means the text was escaped twice, unless the
		// page's own text has it as written (a text about "&amp;").
		for _, d := range []string{desc, p.head(`meta[property="og:description"]`, "content")} {
			if m := doubleEscaped.FindString(d); m != "" && !strings.Contains(p.doc.Find("main").Text(), m) {
				t.Errorf("%s: description escaped twice (%q): %q", p.path, m, d)
			}
		}

		self := base + strings.TrimPrefix(p.path, "/")
		if got := p.head(`link[rel="canonical"]`, "href"); got != self {
			t.Errorf("%s: canonical %q, want %q", p.path, got, self)
		}
		if got := p.head(`meta[property="og:url"]`, "content"); got != self {
			t.Errorf("%s: og:url %q, want %q", p.path, got, self)
		}
		for _, prop := range []string{"og:title", "og:description", "og:type", "og:locale", "og:site_name"} {
			if p.head(`meta[property="`+prop+`"]`, "content") == "" {
				t.Errorf("%s: no %s", p.path, prop)
			}
		}
		lang, _ := p.doc.Find("html").Attr("lang")
		dir := strings.SplitN(strings.TrimPrefix(p.path, "/"), "/", 2)[0]
		if want, ok := locales[dir]; ok && lang != want {
			t.Errorf("%s: <html lang=%q>, want %q", p.path, lang, want)
		}

		alt := p.alternates()
		if len(alt) == 0 {
			continue
		}
		if alt[lang] != self {
			t.Errorf("%s: the alternate for its own language %q is %q, want itself", p.path, lang, alt[lang])
		}
		if len(alt) > 2 || alt["x-default"] != "" {
			if want := alt["en"]; alt["x-default"] != want || want == "" {
				t.Errorf("%s: x-default %q, want the English version %q", p.path, alt["x-default"], want)
			}
		}
		var switchWant []string
		for hreflang, href := range alt {
			if hreflang == "x-default" {
				continue
			}
			rel, ok := strings.CutPrefix(href, base)
			if !ok {
				t.Errorf("%s: alternate %s=%q is not on the site", p.path, hreflang, href)
				continue
			}
			other, ok := byPath["/"+rel]
			if !ok {
				t.Errorf("%s: alternate %s=%q does not exist", p.path, hreflang, href)
				continue
			}
			if got := other.alternates(); !reflect.DeepEqual(got, alt) {
				t.Errorf("%s: alternates %v, but its %s version %s has %v", p.path, alt, hreflang, other.path, got)
			}
			if hreflang != lang {
				switchWant = append(switchWant, "/"+rel)
			}
		}
		sort.Strings(switchWant)
		// The switch's links to versions of the page; on a page without
		// versions (a note not yet translated) it leads to the other
		// languages' home pages, which are not alternates.
		got := hrefs(p.doc.Find(`header nav.language-switch a[hreflang][rel~="alternate"]`))
		sort.Strings(got)
		if !slices.Equal(got, switchWant) {
			t.Errorf("%s: language switch %v, want the alternates %v", p.path, got, switchWant)
		}
	}
}

// jsonLD is the part of a Legislation node the tests read.
type jsonLD struct {
	Context                 string         `json:"@context"`
	Type                    string         `json:"@type"`
	ID                      string         `json:"@id"`
	URL                     string         `json:"url"`
	Name                    string         `json:"name"`
	Identifier              string         `json:"identifier"`
	LegislationIdentifier   string         `json:"legislationIdentifier"`
	InLanguage              string         `json:"inLanguage"`
	DatePublished           string         `json:"datePublished"`
	DateModified            string         `json:"dateModified"`
	Text                    string         `json:"text"`
	Publisher               map[string]any `json:"publisher"`
	LegislationPassedBy     map[string]any `json:"legislationPassedBy"`
	IsPartOf                *jsonLDRef     `json:"isPartOf"`
	HasPart                 []jsonLDRef    `json:"hasPart"`
	WorkTranslation         []jsonLDRef    `json:"workTranslation"`
	TranslationOfWork       *jsonLDRef     `json:"translationOfWork"`
	LegislationLegalForce   any            `json:"legislationLegalForce"`
	LegislationJurisdiction any            `json:"legislationJurisdiction"`
}

type jsonLDRef struct {
	Type                  string `json:"@type"`
	ID                    string `json:"@id"`
	Name                  string `json:"name"`
	InLanguage            string `json:"inLanguage"`
	LegislationIdentifier string `json:"legislationIdentifier"`
}

// pageJSONLD parses the page's structured data; ok is false when it has none.
func pageJSONLD(t *testing.T, p builtPage) (ld jsonLD, ok bool) {
	t.Helper()
	s := p.doc.Find(`script[type="application/ld+json"]`)
	if s.Length() == 0 {
		return ld, false
	}
	if s.Length() > 1 {
		t.Errorf("%s: %d JSON-LD scripts, want 1", p.path, s.Length())
	}
	if err := json.Unmarshal([]byte(s.First().Text()), &ld); err != nil {
		t.Errorf("%s: JSON-LD does not parse: %v\n%s", p.path, err, s.First().Text())
	}
	return ld, true
}

// checkJSONLD: instrument and part pages carry a Legislation node naming
// the page, its instrument or parts, and its versions in other languages;
// no claim of legal force. The home, note, comparison and theme pages
// carry theirs (checkPageJSONLD); other pages none.
func checkJSONLD(t *testing.T, base string, pages []builtPage, byPath map[string]builtPage) {
	for _, p := range pages {
		kind := p.bodyKind()
		ld, ok := pageJSONLD(t, p)
		if kind != "part" && kind != "instrument" {
			if want := pageLDType(p); want != "" && p.indexable() {
				checkPageJSONLD(t, base, p, want, byPath)
			} else if ok {
				t.Errorf("%s (%s): unexpected JSON-LD", p.path, kind)
			}
			continue
		}
		if !ok {
			t.Errorf("%s: no JSON-LD", p.path)
			continue
		}
		self := base + strings.TrimPrefix(p.path, "/")
		lang, _ := p.doc.Find("html").Attr("lang")
		segs := strings.Split(strings.Trim(p.path, "/"), "/") // lang, instrument[, id]
		wantID := strings.Join(segs[1:], "/")
		if ld.Context != "https://schema.org" || ld.Type != "Legislation" || ld.ID != self || ld.URL != self ||
			ld.LegislationIdentifier != wantID || ld.Identifier != wantID || ld.InLanguage != lang {
			t.Errorf("%s: JSON-LD names %+v, want Legislation %s (%s, %s)", p.path, ld, self, wantID, lang)
		}
		// The page's full title (its <title> may be a shorter form).
		if want := p.head(`meta[property="og:title"]`, "content"); want != ld.Name || ld.Name == "" {
			t.Errorf("%s: JSON-LD name %q is not the page's title %q", p.path, ld.Name, want)
		}
		if ld.DatePublished == "" || ld.Publisher["name"] == nil || ld.Publisher["name"] != ld.LegislationPassedBy["name"] {
			t.Errorf("%s: JSON-LD date %q publisher %v passedBy %v", p.path, ld.DatePublished, ld.Publisher, ld.LegislationPassedBy)
		}
		if ld.LegislationLegalForce != nil || ld.LegislationJurisdiction != nil {
			t.Errorf("%s: JSON-LD claims legal force or jurisdiction", p.path)
		}
		if kind == "part" {
			want := base + segs[0] + "/" + segs[1] + "/"
			if ld.IsPartOf == nil || ld.IsPartOf.ID != want || ld.IsPartOf.LegislationIdentifier != segs[1] {
				t.Errorf("%s: isPartOf %+v, want %s", p.path, ld.IsPartOf, want)
			}
			if got := p.doc.Find("main article .text").First().Text(); ld.Text != got {
				t.Errorf("%s: JSON-LD text %q, want the page's text %q", p.path, ld.Text, got)
			}
		} else {
			var got, want []string
			for _, r := range ld.HasPart {
				got = append(got, r.ID)
			}
			p.doc.Find("main .part").Each(func(_ int, s *goquery.Selection) {
				id, _ := s.Attr("id")
				want = append(want, self+id+"/")
			})
			if !slices.Equal(got, want) {
				t.Errorf("%s: hasPart %v, want the parts in order %v", p.path, got, want)
			}
		}
		// Translations: the Chinese text is the work, the English its translation.
		var versions []jsonLDRef
		versions = append(versions, ld.WorkTranslation...)
		if ld.TranslationOfWork != nil {
			versions = append(versions, *ld.TranslationOfWork)
		}
		alt := p.alternates()
		// A text in one language (no alternate in another) is neither
		// a translation nor has one.
		translated := false
		for h := range alt {
			if h != lang && h != "x-default" {
				translated = true
			}
		}
		switch {
		case !translated && len(versions) > 0:
			t.Errorf("%s: a page with no translation names translations: %+v %+v", p.path, ld.WorkTranslation, ld.TranslationOfWork)
		case !translated:
		case lang == "zh-Hans" && (ld.TranslationOfWork != nil || len(ld.WorkTranslation) != 1):
			t.Errorf("%s: the original should name its translation: %+v %+v", p.path, ld.WorkTranslation, ld.TranslationOfWork)
		case lang == "en" && (ld.TranslationOfWork == nil || len(ld.WorkTranslation) != 0):
			t.Errorf("%s: the translation should name its original: %+v %+v", p.path, ld.WorkTranslation, ld.TranslationOfWork)
		}
		for _, v := range versions {
			if alt[v.InLanguage] != v.ID || v.InLanguage == lang {
				t.Errorf("%s: translation %+v, want the %s alternate %q", p.path, v, v.InLanguage, alt[v.InLanguage])
			}
			other, ok := byPath["/"+strings.TrimPrefix(v.ID, base)]
			if !ok {
				continue
			}
			if ld2, _ := pageJSONLD(t, other); ld2.LegislationIdentifier != ld.LegislationIdentifier {
				t.Errorf("%s: translation %s names %q, want %q", p.path, v.ID, ld2.LegislationIdentifier, ld.LegislationIdentifier)
			}
		}
	}
}

// sitemapURL is a <url> of a sitemap with its xhtml:link alternates.
type sitemapURL struct {
	Loc   string `xml:"loc"`
	Links []struct {
		Rel      string `xml:"rel,attr"`
		Hreflang string `xml:"hreflang,attr"`
		Href     string `xml:"href,attr"`
	} `xml:"http://www.w3.org/1999/xhtml link"`
}

// checkSitemap: /sitemap.xml indexes one sitemap per language; together
// they list every indexable HTML page once, with the same alternates as the
// page's head; robots.txt names the sitemap.
func checkSitemap(t *testing.T, public, base string, pages []builtPage) {
	read := func(rel string) []byte {
		b, err := os.ReadFile(filepath.Join(public, filepath.FromSlash(rel)))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	robots := string(read("robots.txt"))
	if !strings.Contains(robots, "Sitemap: "+base+"sitemap.xml") || !strings.Contains(robots, "User-agent: *") {
		t.Errorf("robots.txt does not name the sitemap:\n%s", robots)
	}
	var index struct {
		Sitemaps []struct {
			Loc string `xml:"loc"`
		} `xml:"sitemap"`
	}
	if err := xml.Unmarshal(read("sitemap.xml"), &index); err != nil {
		t.Fatal(err)
	}
	if len(index.Sitemaps) != len(langs) {
		t.Errorf("sitemap.xml: %d sitemaps, want one per language", len(index.Sitemaps))
	}
	listed := map[string]sitemapURL{}
	for _, sm := range index.Sitemaps {
		rel, ok := strings.CutPrefix(sm.Loc, base)
		if !ok {
			t.Errorf("sitemap.xml: %q is not on the site", sm.Loc)
			continue
		}
		var set struct {
			URLs []sitemapURL `xml:"url"`
		}
		if err := xml.Unmarshal(read(rel), &set); err != nil {
			t.Fatal(err)
		}
		for _, u := range set.URLs {
			if _, dup := listed[u.Loc]; dup {
				t.Errorf("sitemap: %s listed twice", u.Loc)
			}
			listed[u.Loc] = u
		}
	}
	for _, p := range pages {
		if !p.indexable() {
			continue
		}
		loc := base + strings.TrimPrefix(p.path, "/")
		u, ok := listed[loc]
		if !ok {
			t.Errorf("sitemap: %s is not listed", loc)
			continue
		}
		delete(listed, loc)
		got := map[string]string{}
		for _, l := range u.Links {
			if l.Rel != "alternate" {
				t.Errorf("sitemap %s: link rel=%q", loc, l.Rel)
			}
			got[l.Hreflang] = l.Href
		}
		want := p.alternates()
		langsOf := 0
		for h := range want {
			if h != "x-default" {
				langsOf++
			}
		}
		if langsOf < 2 {
			want = map[string]string{} // a page in one language lists no alternates
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("sitemap %s: alternates %v, want the page's %v", loc, got, want)
		}
	}
	for loc := range listed {
		t.Errorf("sitemap lists %s, which is not an indexable page", loc)
	}
}

// checkLinks: every internal href and src (relative, site-relative or on
// the baseURL) names a file of the build, and every #fragment an element
// of its page.
func checkLinks(t *testing.T, public, base string, pages []builtPage) {
	docs := map[string]*goquery.Document{}
	for _, p := range pages {
		docs[p.path] = p.doc
	}
	baseURL, _ := url.Parse(base)
	for _, p := range pages {
		pageURL := baseURL.ResolveReference(&url.URL{Path: p.path})
		p.doc.Find("[href], [src]").Each(func(_ int, s *goquery.Selection) {
			for _, attr := range []string{"href", "src"} {
				raw, ok := s.Attr(attr)
				if !ok {
					continue
				}
				u, err := url.Parse(raw)
				if err != nil {
					t.Errorf("%s: %s=%q: %v", p.path, attr, raw, err)
					continue
				}
				abs := pageURL.ResolveReference(u)
				if abs.Scheme != baseURL.Scheme || abs.Host != baseURL.Host {
					continue // another site: not ours to check
				}
				target := abs.Path
				file := target
				if strings.HasSuffix(file, "/") {
					file += "index.html"
				}
				if !Exists(public, file) {
					t.Errorf("%s: %s=%q: %s does not exist", p.path, attr, raw, file)
					continue
				}
				if abs.Fragment == "" {
					continue
				}
				doc, ok := docs[target]
				if !ok {
					t.Errorf("%s: %s=%q: a fragment of a page that is not HTML", p.path, attr, raw)
					continue
				}
				if doc.Find(`[id="`+abs.Fragment+`"]`).Length() == 0 {
					t.Errorf("%s: %s=%q: %s has no element with id %q", p.path, attr, raw, target, abs.Fragment)
				}
			}
		})
	}
}

// checkAccessibility: landmarks, a skip link to <main>, one <h1>, headings
// that do not skip levels, ids that are unique, and lang on every element
// whose text is in another language than the page (the official texts).
func checkAccessibility(t *testing.T, pages []builtPage, strictHeadings bool) {
	own := map[string]bool{"home": true, "instrument": true, "part": true, "parallel": true, "sources": true, "404": true}
	for _, p := range pages {
		if !p.indexable() && p.bodyKind() != "404" {
			continue
		}
		if p.doc.Find("main#site-main").Length() != 1 {
			t.Errorf("%s: want one <main id=site-main>", p.path)
		}
		if p.path != "/404.html" {
			first := p.doc.Find("body a").First()
			if h, _ := first.Attr("href"); h != "#site-main" || !first.HasClass("skip-link") {
				t.Errorf("%s: the first link is %q, want the skip link to #site-main", p.path, h)
			}
			if p.doc.Find("body > header").Length() != 1 || p.doc.Find("body > footer").Length() != 1 {
				t.Errorf("%s: want one banner <header> and one <footer> at the top level", p.path)
			}
			p.doc.Find("nav").Each(func(_ int, s *goquery.Selection) {
				if _, ok := s.Attr("aria-label"); !ok {
					if _, ok := s.Attr("aria-labelledby"); !ok {
						t.Errorf("%s: a <nav> without a label", p.path)
					}
				}
			})
		}
		if n := p.doc.Find("h1").Length(); n != 1 {
			t.Errorf("%s: %d <h1>, want 1", p.path, n)
		}
		if strictHeadings || own[p.bodyKind()] {
			level := 0
			p.doc.Find("h1, h2, h3, h4, h5, h6").Each(func(_ int, s *goquery.Selection) {
				l := int(goquery.NodeName(s)[1] - '0')
				if l > level+1 {
					t.Errorf("%s: <%s> %q follows <h%d>", p.path, goquery.NodeName(s), strings.TrimSpace(s.Text()), level)
				}
				level = l
			})
		}
		ids := map[string]bool{}
		p.doc.Find("[id]").Each(func(_ int, s *goquery.Selection) {
			id, _ := s.Attr("id")
			if ids[id] {
				t.Errorf("%s: id %q is not unique", p.path, id)
			}
			ids[id] = true
		})
		// Text in Han characters on an English page, or in Latin words on
		// a Chinese page, must sit in an element marked with its language
		// (official texts, language names, source records).
		pageLang, _ := p.doc.Find("html").Attr("lang")
		p.doc.Find("main .text, main .citation, .language-switch a").Each(func(_ int, s *goquery.Selection) {
			text := s.Text()
			lang := nearestLang(s)
			if han.MatchString(text) && !strings.HasPrefix(lang, "zh") {
				t.Errorf("%s: Chinese text %.40q is marked lang=%q", p.path, text, lang)
			}
			if pageLang == "zh-Hans" && latinWords.MatchString(text) && !han.MatchString(text) && lang != "en" {
				t.Errorf("%s: English text %.40q is marked lang=%q", p.path, text, lang)
			}
		})
	}
}

var (
	han        = regexp.MustCompile(`\p{Han}`)
	latinWords = regexp.MustCompile(`[A-Za-z]{3,} [A-Za-z]{3,} [A-Za-z]{3,}`)
)

// checkNoExternalRequests: no scripts but JSON-LD (and, on the search page
// only, its one same-site module with an integrity hash), no inline styles,
// no resource from another site (HTML and CSS), and the stylesheet is one
// file, with integrity, with a print section. (checkLinks checks that it
// exists.)
func checkNoExternalRequests(t *testing.T, public, base string, pages []builtPage) {
	sheets := map[string]bool{}
	for _, p := range pages {
		scripts := p.doc.Find(scriptsOtherThanJSONLD)
		if p.doc.Find("body.k-search").Length() == 1 {
			search := scripts.Filter("script[type=module][src^='/'][integrity]")
			if search.Length() != 1 || scripts.Length() != 1 || strings.TrimSpace(search.Text()) != "" {
				t.Errorf("%s: the search page should load exactly one same-site module script with integrity", p.path)
			}
			scripts = scripts.Not("script[type=module][src^='/'][integrity]")
		}
		if n := scripts.Length() + p.doc.Find("style, [style], iframe, object, embed, img[src^='http'], [srcset]").Length(); n > 0 {
			t.Errorf("%s: %d scripts, style elements or attributes, embeds or remote images", p.path, n)
		}
		p.doc.Find("[src], link[href], meta[content^='http']").Each(func(_ int, s *goquery.Selection) {
			u, ok := s.Attr("src")
			if !ok {
				u, ok = s.Attr("href")
			}
			if !ok {
				u, _ = s.Attr("content")
			}
			if strings.Contains(u, "//") && !strings.HasPrefix(u, base) {
				t.Errorf("%s: external resource %q", p.path, u)
			}
		})
		p.doc.Find(`link[rel="stylesheet"]`).Each(func(i int, s *goquery.Selection) {
			h, _ := s.Attr("href")
			if _, ok := s.Attr("integrity"); !ok {
				t.Errorf("%s: stylesheet %s has no integrity", p.path, h)
			}
			// The search page adds its own sheet after the site's.
			if i == 1 && p.doc.Find("body.k-search").Length() == 1 && strings.Contains(h, "/css/search") {
				return
			}
			sheets[h] = true
		})
	}
	if len(sheets) != 1 {
		t.Errorf("stylesheets %v, want one for the whole site (and css/search on the search page)", sheets)
	}
	for h := range sheets {
		b, err := os.ReadFile(filepath.Join(public, filepath.FromSlash(h)))
		if err != nil {
			t.Fatal(err)
		}
		css := string(b)
		if m := regexp.MustCompile(`(?i)@import|url\(\s*['"]?(https?:)?//|@font-face`).FindString(css); m != "" {
			t.Errorf("%s: %q: the stylesheet loads something", h, m)
		}
		for _, want := range []string{"@media print", "@media (prefers-color-scheme:dark)", "lang|=zh", ":focus-visible"} {
			if !strings.Contains(strings.ReplaceAll(css, " ", ""), strings.ReplaceAll(want, " ", "")) {
				t.Errorf("%s: no %q", h, want)
			}
		}
		// Print hides the navigation and prints each part's address.
		print := css[strings.Index(css, "@media print"):]
		for _, want := range []string{".site-header", ".breadcrumbs", ".part-nav", "attr(data-url)"} {
			if !strings.Contains(print, want) {
				t.Errorf("%s: the print styles do not mention %s", h, want)
			}
		}
	}
}

func TestReaderSite(t *testing.T) {
	public := fixtureSite(t)
	base := baseURL(t)
	partURL := func(l int, instrument, id string) string {
		return "/" + langs[l].dir + "/" + instrument + "/" + id + "/"
	}
	parallelURL := func(l int, instrument string) string {
		return "/" + langs[l].dir + "/" + instrument + "/parallel/"
	}

	t.Run("SiteWide", func(t *testing.T) { checkSiteWide(t, public, true) })

	t.Run("ParallelView", func(t *testing.T) {
		for _, in := range fixtureInstruments(t) {
			if !in.bilingual() {
				continue // OneLanguageInstrument: none
			}
			for l, lang := range langs {
				o := 1 - l
				page := parallelURL(l, in.id)
				doc := HTML(t, public, page)
				if got := doc.Find(`link[rel="canonical"]`).AttrOr("href", ""); got != base+strings.TrimPrefix(page, "/") {
					t.Errorf("%s: canonical %q", page, got)
				}
				if got, want := hrefs(doc.Find("header nav.language-switch a[hreflang]")), []string{parallelURL(o, in.id)}; !slices.Equal(got, want) {
					t.Errorf("%s: language switch %v, want %v", page, got, want)
				}
				if got := doc.Find(`main .views a[aria-current="page"]`).AttrOr("href", ""); got != page {
					t.Errorf("%s: the current view is %q", page, got)
				}
				if doc.Find(`main .views a[href="/`+lang.dir+`/`+in.id+`/"]`).Length() != 1 {
					t.Errorf("%s: no link back to the single-language text", page)
				}
				rows := doc.Find("main .pair")
				if rows.Length() != len(in.parts) {
					t.Fatalf("%s: %d rows, want %d", page, rows.Length(), len(in.parts))
				}
				rows.Each(func(i int, row *goquery.Selection) {
					p := in.parts[i]
					if id, _ := row.Attr("id"); id != p.id {
						t.Errorf("%s row %d: id %q, want %q (document order)", page, i, id, p.id)
					}
					// Aligned: both texts in the same row, each in its own
					// language, the page's first.
					texts := row.Find(".text")
					if texts.Length() != 2 {
						t.Errorf("%s#%s: %d texts, want 2", page, p.id, texts.Length())
						return
					}
					for k, want := range []int{l, o} {
						s := texts.Eq(k)
						if s.Text() != p.text[want] || nearestLang(s) != langs[want].locale {
							t.Errorf("%s#%s column %d: %q lang=%q, want %q lang=%q", page, p.id, k, s.Text(), nearestLang(s), p.text[want], langs[want].locale)
						}
					}
					if row.Find(`a[href="`+partURL(l, in.id, p.id)+`"]`).Length() == 0 {
						t.Errorf("%s#%s: no link to the part page", page, p.id)
					}
				})
			}
		}
		for _, p := range []string{"en/notes/parallel/index.html", "en/parallel/index.html", "zh/notes/parallel/index.html"} {
			if Exists(public, p) {
				t.Errorf("%s exists: only instruments have a parallel view", p)
			}
		}
	})

	t.Run("InstrumentPage", func(t *testing.T) {
		for _, in := range fixtureInstruments(t) {
			for _, l := range in.in() {
				page := "/" + langs[l].dir + "/" + in.id + "/"
				doc := HTML(t, public, page)
				var toc []string
				doc.Find("main nav.toc a").Each(func(_ int, s *goquery.Selection) { toc = append(toc, s.AttrOr("href", "")) })
				var want []string
				for _, p := range in.parts {
					want = append(want, "#"+p.id)
					el := doc.Find("#" + p.id)
					// The ID is shown, as a link to the anchor, and the
					// permalink carries the absolute address for print.
					if got := strings.TrimSpace(el.Find(`a[href="#` + p.id + `"]`).Text()); got != p.id {
						t.Errorf("%s#%s: shows ID %q", page, p.id, got)
					}
					if got := el.Find("a.permalink").AttrOr("data-url", ""); got != base+strings.TrimPrefix(partURL(l, in.id, p.id), "/") {
						t.Errorf("%s#%s: permalink data-url %q", page, p.id, got)
					}
				}
				if !slices.Equal(toc, want) {
					t.Errorf("%s: contents %v, want %v", page, toc, want)
				}
				if n := doc.Find(`main a[href="` + parallelURL(l, in.id) + `"]`).Length(); in.bilingual() && n == 0 {
					t.Errorf("%s: no link to the parallel view", page)
				} else if !in.bilingual() && n > 0 {
					t.Errorf("%s: a link to a parallel view, but the text is in one language", page)
				}
			}
		}
	})

	t.Run("PartPage", func(t *testing.T) {
		in := fixtureInstruments(t)[0]
		point10 := fixturePartOf(t, in.id+"/point_10")
		// The citation: title (issuer, date), part. Site title, address.
		citations := [2]string{
			fmt.Sprintf("%s (%s, %s), %s. Annotated Data Initiatives, %sen/%s/point_10/.",
				in.title[0], in.issuer[0], dateText(t, in.date, 0), strings.ToLower(point10.label[0][:1])+point10.label[0][1:], base, in.id),
			fmt.Sprintf("《%s》（%s，%s）%s。数据倡议评注，%szh/%s/point_10/",
				in.title[1], in.issuer[1], dateText(t, in.date, 1), point10.label[1], base, in.id),
		}
		for l := range langs {
			page := partURL(l, in.id, "point_10")
			doc := HTML(t, public, page)
			crumbs := doc.Find("main nav.breadcrumbs li")
			if got := hrefs(crumbs.Find("a")); !slices.Equal(got, []string{"/" + langs[l].dir + "/", "/" + langs[l].dir + "/" + in.id + "/"}) {
				t.Errorf("%s: breadcrumbs %v", page, got)
			}
			if got := crumbs.Last().Find(`[aria-current="page"]`).Text(); got != point10.label[l] {
				t.Errorf("%s: current breadcrumb %q", page, got)
			}
			if got := doc.Find("main .cite .citation").Text(); got != citations[l] {
				t.Errorf("%s: citation\n got  %q\n want %q", page, got, citations[l])
			}
			if got := hrefs(doc.Find("main .cite a.url")); !slices.Equal(got, []string{base + strings.TrimPrefix(page, "/")}) {
				t.Errorf("%s: permalink %v", page, got)
			}
			if doc.Find(`main .pid`).First().Text() != point10.key {
				t.Errorf("%s: the part's key is not shown", page)
			}
			// The place for notes, and the sources page.
			if doc.Find("main section#notes").Length() != 1 {
				t.Errorf("%s: no section#notes", page)
			}
			if doc.Find(`main a[href="/`+langs[l].dir+`/sources/#source-`+point10.source[l]+`"]`).Length() == 0 {
				t.Errorf("%s: no link to its source on the sources page", page)
			}
		}
		// The sample note is on test-gids/point_1 and listed there only
		// (content/*/notes/sample.md).
		for l := range langs {
			for _, id := range []string{"point_1", "point_2"} {
				page := partURL(l, in.id, id)
				got := hrefs(HTML(t, public, page).Find("main section#notes a"))
				var want []string
				if id == "point_1" {
					want = []string{"/" + langs[l].dir + "/notes/sample/"}
				}
				if !slices.Equal(got, want) {
					t.Errorf("%s: notes %v, want %v", page, got, want)
				}
			}
		}
		// The erratum on point_1 (English) is shown on the page.
		var erratum *manifest.Erratum
		for _, src := range fixtureResult(t).Manifest.Sources {
			for i, e := range src.Errata {
				if e.Part == "point_1" || e.Part == in.id+"/point_1" {
					erratum = &src.Errata[i]
				}
			}
		}
		if erratum == nil || erratum.Lang != langs[0].locale {
			t.Fatalf("the fixture has no erratum on %s/point_1 in English: %+v", in.id, erratum)
		}
		doc := HTML(t, public, partURL(0, in.id, "point_1"))
		if doc.Find("main .erratum del").Text() != erratum.Wrong || doc.Find("main .erratum ins").Text() != erratum.Right {
			t.Errorf("%s: erratum %q → %q not shown: %q", partURL(0, in.id, "point_1"), erratum.Wrong, erratum.Right, doc.Find("main .erratum").Text())
		}
	})

	t.Run("SourcesPage", func(t *testing.T) {
		var data struct {
			Order  []string
			Source map[string]struct {
				ID, SHA256, Publisher, Address, Date, Kind, Instrument string
				Cleaning, Parts                                        []string
				Errata                                                 []struct{ Part, Lang, Wrong, Right, Authority string }
			}
		}
		if _, err := toml.Decode(string(ProjectFile(t, public, "generated/data/sources.toml")), &data); err != nil {
			t.Fatal(err)
		}
		if len(data.Source) == 0 || len(data.Order) != len(data.Source) {
			t.Fatalf("generated/data/sources.toml: %d sources, %d in order", len(data.Source), len(data.Order))
		}
		for l := range langs {
			page := "/" + langs[l].dir + "/sources/"
			doc := HTML(t, public, page)
			for _, src := range data.Source {
				el := doc.Find("#source-" + src.ID)
				if el.Length() != 1 {
					t.Errorf("%s: no #source-%s", page, src.ID)
					continue
				}
				if el.Closest("#"+src.Instrument).Length() != 1 {
					t.Errorf("%s: source %s is not under its instrument %s", page, src.ID, src.Instrument)
				}
				text := el.Text()
				for _, want := range append([]string{src.SHA256, src.Publisher, src.Address}, src.Cleaning...) {
					if !strings.Contains(text, want) {
						t.Errorf("%s#source-%s: %q missing", page, src.ID, want)
					}
				}
				if src.Date != "" && el.Find(`time[datetime="`+src.Date+`"]`).Length() != 1 {
					t.Errorf("%s#source-%s: date %s missing", page, src.ID, src.Date)
				}
				if src.Address != "" && el.Find(`a[href="`+src.Address+`"]`).Length() != 1 {
					t.Errorf("%s#source-%s: address not linked", page, src.ID)
				}
				// Each part in this language, or in its instrument's own
				// language where it is not published in this one.
				dir := langs[l].dir
				if in := fixtureInstrumentOf(t, src.Instrument); !in.has[l] {
					dir = langs[in.in()[0]].dir
				}
				var parts []string
				for _, key := range src.Parts {
					parts = append(parts, "/"+dir+"/"+key+"/")
				}
				if got := hrefs(el.Find(".inline-list a")); !slices.Equal(got, parts) {
					t.Errorf("%s#source-%s: parts %v, want %v", page, src.ID, got, parts)
				}
				rows := el.Find("table.errata tbody tr")
				if rows.Length() != len(src.Errata) {
					t.Errorf("%s#source-%s: %d errata, want %d", page, src.ID, rows.Length(), len(src.Errata))
				}
				for i, e := range src.Errata {
					row := rows.Eq(i)
					if row.Find("del").Text() != e.Wrong || row.Find("ins").Text() != e.Right || !strings.Contains(row.Text(), e.Authority) {
						t.Errorf("%s#source-%s erratum %d: %q", page, src.ID, i, row.Text())
					}
					if got := row.Find(`a`).AttrOr("href", ""); got != "/"+langs[l].dir+"/"+e.Part+"/" {
						t.Errorf("%s#source-%s erratum %d: part link %q", page, src.ID, i, got)
					}
				}
			}
		}
	})

	t.Run("Home", func(t *testing.T) {
		// The first instrument's card: its date, and the summary the
		// editors wrote on the home page (content/<lang>/_index.md).
		in := fixtureInstruments(t)[0]
		for l := range langs {
			var home struct {
				Params struct{ Summaries map[string]string }
			}
			rel := "content/" + langs[l].dir + "/_index.md"
			decodeFrontMatter(t, rel, fixtureFile(t, rel), &home)
			wantSummary := home.Params.Summaries[in.id]
			if wantSummary == "" {
				t.Fatalf("%s: no summary of %s", rel, in.id)
			}
			page := "/" + langs[l].dir + "/"
			doc := HTML(t, public, page)
			card := doc.Find("main .instrument-card").First()
			if got, want := card.Find("time").Text(), dateText(t, in.date, l); got != want {
				t.Errorf("%s: date %q, want %q", page, got, want)
			}
			if got := card.Find(".summary").Text(); got != wantSummary {
				t.Errorf("%s: summary %q, want %q", page, got, wantSummary)
			}
			if card.Find(`a[href="`+parallelURL(l, in.id)+`"]`).Length() != 1 {
				t.Errorf("%s: no link to the parallel view", page)
			}
			if got := hrefs(doc.Find("main #recent-notes ~ .note-list a.note-title")); !slices.Equal(got, []string{"/" + langs[l].dir + "/notes/sample/"}) {
				t.Errorf("%s: recent notes %v", page, got)
			}
			// The fixture has themes (data/themes.toml): the comparison
			// block links to the comparison, the themes and their data.
			block := doc.Find("main #comparison").Parent()
			if block.Find(".coming").Length() != 0 {
				t.Errorf("%s: the comparison is said to be coming, but the fixture has themes", page)
			}
			want := []string{"/" + langs[l].dir + "/compare/", "/" + langs[l].dir + "/themes/", "/data/themes.json"}
			if got := hrefs(block.Find("a")); !slices.Equal(got, want) {
				t.Errorf("%s: comparison links %v, want %v", page, got, want)
			}
		}
	})

	t.Run("NotFound", func(t *testing.T) {
		doc := HTML(t, public, "404.html")
		for l, title := range []string{"Page not found", "页面未找到"} {
			s := doc.Find("h1 span").Eq(l)
			if s.Text() != title || nearestLang(s) != langs[l].locale {
				t.Errorf("/404.html: title %d %q lang=%q", l, s.Text(), nearestLang(s))
			}
		}
		if got := hrefs(doc.Find("main a")); !slices.Equal(got, []string{"/en/", "/zh/"}) {
			t.Errorf("/404.html: links %v", got)
		}
	})
}

// TestNoThemes builds the fixture with an empty data/themes.toml: the
// home page and the comparison page say that the comparison is to come,
// and no theme or pair page is made.
func TestNoThemes(t *testing.T) {
	// A corpus of one instrument needs no themes (with two, an empty
	// themes file is an error): the fixture's first instrument alone.
	public := BuildProject(t, "fixture-no-themes", fixtureDir, func(t testing.TB) map[string]string {
		return map[string]string{
			"data/themes.toml":     "# No themes yet.\n",
			"sources/sources.toml": firstInstrumentOnly(t),
		}
	})
	for _, lang := range langs {
		page := "/" + lang.dir + "/"
		doc := HTML(t, public, page)
		if doc.Find("main #comparison ~ .coming").Length() != 1 {
			t.Errorf("%s: no line on the comparison to come", page)
		}
		if n := doc.Find(`main #comparison ~ * a[href="/` + lang.dir + `/compare/"]`).Length(); n != 0 {
			t.Errorf("%s: links to a comparison that has no themes", page)
		}
		if HTML(t, public, "/"+lang.dir+"/compare/").Find("main .coming").Length() != 1 {
			t.Errorf("/%s/compare/: no line on the comparison to come", lang.dir)
		}
		for _, dir := range []string{"themes", "compare"} {
			entries, err := os.ReadDir(filepath.Join(public, lang.dir, dir))
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range entries {
				if e.IsDir() {
					t.Errorf("/%s/%s/%s/ exists without themes", lang.dir, dir, e.Name())
				}
			}
		}
	}
}

// firstInstrumentOnly is the fixture's manifest without its other
// instruments and their sources.
func firstInstrumentOnly(t testing.TB) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(fixtureDir, ManifestPath))
	if err != nil {
		t.Fatal(err)
	}
	var blocks []string
	for _, line := range strings.SplitAfter(string(data), "\n") {
		if line == "[[instrument]]\n" || line == "[[source]]\n" || len(blocks) == 0 {
			blocks = append(blocks, "")
		}
		blocks[len(blocks)-1] += line
	}
	first := regexp.MustCompile(`(?m)^id = "([^"]+)"`).FindStringSubmatch(blocks[1])
	if !strings.HasPrefix(blocks[1], "[[instrument]]") || first == nil {
		t.Fatal("the fixture's manifest does not start with an instrument")
	}
	var out strings.Builder
	for _, b := range blocks {
		inst := regexp.MustCompile(`(?m)^(?:id|instrument) = "([^"]+)"`).FindAllStringSubmatch(b, -1)
		keep := true
		if strings.HasPrefix(b, "[[instrument]]") {
			keep = inst[0][1] == first[1]
		} else if strings.HasPrefix(b, "[[source]]") {
			keep = false
			for _, m := range inst[1:] {
				keep = keep || m[1] == first[1]
			}
		}
		if keep {
			out.WriteString(b)
		}
	}
	return out.String()
}

// TestI18nStrings checks that every interface string has a value in every
// language (Hugo falls back to English for an empty one), and that every
// key the layouts name exists.
func TestI18nStrings(t *testing.T) {
	root := repoRoot(t)
	strs := map[string]map[string]string{}
	for _, lang := range langs {
		m := map[string]string{}
		if _, err := toml.DecodeFile(filepath.Join(root, "i18n", lang.dir+".toml"), &m); err != nil {
			t.Fatal(err)
		}
		for k, v := range m {
			if strings.TrimSpace(v) == "" {
				t.Errorf("i18n/%s.toml: %s is empty", lang.dir, k)
			}
		}
		strs[lang.dir] = m
	}
	used := regexp.MustCompile(`i18n \(?"([A-Za-z_-]+)"`)
	err := filepath.WalkDir(filepath.Join(root, "layouts"), func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, m := range used.FindAllStringSubmatch(string(b), -1) {
			for _, lang := range langs {
				if _, ok := strs[lang.dir][m[1]]; !ok {
					t.Errorf("%s: i18n key %q is not in i18n/%s.toml", path, m[1], lang.dir)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestSourcesListVariants: a second official capture's accepted
// differences from the published text (generated/data/variants.toml) are
// listed under it on the sources page in every language, each linked to
// its part and with the editors' reason.
func TestSourcesListVariants(t *testing.T) {
	public := fixtureSite(t)
	var data struct {
		Variant []struct{ Source, Part, Lang, Kind, Summary, Reason string }
	}
	if _, err := toml.Decode(string(ProjectFile(t, public, "generated/data/variants.toml")), &data); err != nil {
		t.Fatal(err)
	}
	if len(data.Variant) == 0 {
		t.Fatal("the fixture has no accepted variant")
	}
	for l, lang := range langs {
		page := "/" + lang.dir + "/sources/"
		doc := HTML(t, public, page)
		for _, v := range data.Variant {
			items := doc.Find("#source-" + v.Source + " ul.variants li")
			if items.Length() == 0 {
				t.Errorf("%s#source-%s: no differences listed", page, v.Source)
				continue
			}
			in := fixtureInstrumentOf(t, strings.Split(v.Part, "/")[0])
			dir := langs[l].dir
			if !in.has[l] {
				dir = langs[in.in()[0]].dir
			}
			found := false
			items.Each(func(_ int, li *goquery.Selection) {
				if li.Find(`a[href="/`+dir+`/`+v.Part+`/"]`).Length() == 1 && strings.Contains(li.Text(), v.Reason) && strings.Contains(li.Text(), v.Summary) {
					found = true
				}
			})
			if !found {
				t.Errorf("%s#source-%s: no item linking %s with %q and the reason %q:\n%s", page, v.Source, v.Part, v.Summary, v.Reason, items.Text())
			}
		}
	}
}
