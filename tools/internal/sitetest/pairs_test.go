package sitetest

// Pair pages mark the differences only where they help: when the two
// texts keep enough in common (ingest.DiffThreshold), and otherwise show
// them side by side, unmarked.

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/annotated-data-initiatives/site/tools/internal/compare"
	"github.com/annotated-data-initiatives/site/tools/internal/ingest"
)

// commonShare is the share of two texts in language locale that the pair
// pages' diff finds in both (Han text by character, other text by word).
func commonShare(a, b string) float64 {
	if compare.IsHan(a + b) {
		return compare.Common(compare.DiffChars(a, b))
	}
	return compare.Common(compare.DiffWords(a, b))
}

// pairDiffed reports whether a pair's page should mark its differences:
// every language both texts have keeps DiffThreshold in common.
func pairDiffed(a, b map[string]string) bool {
	n := 0
	for loc, ta := range a {
		tb, ok := b[loc]
		if !ok {
			continue
		}
		n++
		if commonShare(ta, tb) < ingest.DiffThreshold {
			return false
		}
	}
	return n > 0
}

// checkPairSection checks one language's section of a pair page: the two
// official texts, marked with <del> and <ins> when diffed, plain otherwise.
func checkPairSection(t *testing.T, page, locale string, sec *goquery.Selection, a, b string, diffed bool) {
	t.Helper()
	left, right := sec.Find(".diff-a .text"), sec.Find(".diff-b .text")
	if left.Length() != 1 || right.Length() != 1 {
		t.Errorf("%s %s: %d and %d texts, want one on each side", page, locale, left.Length(), right.Length())
		return
	}
	// Each side is its official text, character for character.
	if got := left.Text(); got != a {
		t.Errorf("%s %s: left side\n %q\nwant\n %q", page, locale, got, a)
	}
	if got := right.Text(); got != b {
		t.Errorf("%s %s: right side\n %q\nwant\n %q", page, locale, got, b)
	}
	marks := sec.Find("del, ins").Length()
	if !diffed {
		if marks > 0 || left.Children().Length() > 0 || right.Children().Length() > 0 {
			t.Errorf("%s %s: texts with too little in common are marked (%d marks); want them side by side, plain", page, locale, marks)
		}
		if !strings.Contains(sec.Find(".diff-legend").Text(), "%") {
			t.Errorf("%s %s: no line saying how much the texts share: %q", page, locale, sec.Find(".diff-legend").Text())
		}
		return
	}
	if left.Find("ins").Length() > 0 || right.Find("del").Length() > 0 || left.Find("*").Not("del").Length() > 0 || right.Find("*").Not("ins").Length() > 0 {
		t.Errorf("%s %s: only <del> on the left and <ins> on the right", page, locale)
	}
	if textWithout(left, "del") != textWithout(right, "ins") {
		t.Errorf("%s %s: the common text differs:\n %q\n %q", page, locale, textWithout(left, "del"), textWithout(right, "ins"))
	}
	if sec.Find(".diff-legend del").Length() != 1 || sec.Find(".diff-legend ins").Length() != 1 {
		t.Errorf("%s %s: a marked diff without its legend", page, locale)
	}
}

func TestFixturePairsDiffOnlyWhereItHelps(t *testing.T) {
	public := fixtureSite(t)
	kinds := map[bool]int{}
	for _, lang := range langs {
		dirs, err := os.ReadDir(filepath.Join(public, lang.dir, "compare"))
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range dirs {
			if !d.IsDir() {
				continue
			}
			page := "/" + lang.dir + "/compare/" + d.Name() + "/"
			doc := HTML(t, public, page)
			keyOf := func(side string) string {
				href := doc.Find("main section.diff#diff-"+lang.dir+" .diff-"+side+" h3 a").AttrOr("href", "")
				return strings.Trim(strings.TrimPrefix(href, "/"+lang.dir+"/"), "/")
			}
			pa, pb := fixturePartOf(t, keyOf("a")), fixturePartOf(t, keyOf("b"))
			text := func(p fixturePart) map[string]string {
				m := map[string]string{}
				for i, x := range langs {
					if p.text[i] != "" {
						m[x.locale] = p.text[i]
					}
				}
				return m
			}
			diffed := pairDiffed(text(pa), text(pb))
			kinds[diffed]++
			for i, x := range langs {
				if pa.text[i] == "" || pb.text[i] == "" {
					continue
				}
				sec := doc.Find("main section.diff#diff-" + x.dir)
				if sec.Length() != 1 {
					t.Errorf("%s: no texts in %s", page, x.locale)
					continue
				}
				checkPairSection(t, page, x.locale, sec, pa.text[i], pb.text[i], diffed)
			}
		}
	}
	// The fixture must hold both kinds, or the test proves nothing.
	if kinds[true] == 0 || kinds[false] == 0 {
		t.Errorf("fixture pair pages: %d diffed, %d side by side; want both", kinds[true], kinds[false])
	}
}
