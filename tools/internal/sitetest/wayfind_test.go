package sitetest

// Tests of wayfinding and of what every page says about itself: the
// header's routes (each instrument, the comparison, search), the language
// switch that keeps the reader's place, the 404 pages, print styles,
// titles and headings, modification dates and structured data.

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

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
