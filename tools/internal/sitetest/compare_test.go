package sitetest

// Tests of the comparison on the committed content and data: the
// comparison table (/<lang>/compare/), the pages comparing two parts, the
// theme pages, the comparison and "as reported by" blocks of part pages,
// and /data/themes.json. The expectations come from the editors' files
// (data/themes.toml, data/alignments.toml, the notes) and the official
// texts (the ingest package's golden files), not from the generated pages.

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/PuerkitoBio/goquery"

	"github.com/annotated-data-initiatives/site/tools/internal/themes"
)

// cmpTheme is a theme of data/themes.toml.
type cmpTheme struct {
	ID       string
	Verdicts map[string]string
	Parts    []string
	Name     map[string]string
}

// verdictLabels are the verdicts as the reader sees them, per language;
// "new" names the instrument compared by its year (newLabel).
var verdictLabels = map[string][2]string{
	"continued":           {"Continued", "延续"},
	"extended":            {"Extended", "扩展"},
	"narrowed":            {"Narrowed", "收窄"},
	"new":                 {"New in %d", "%d年新增"},
	"not-carried-forward": {"Not carried forward", "未延续"},
}

// cmpCorpus is what the comparison tests take from the real corpus: its
// instruments in the order of their weights (the columns of the table),
// their years, and which instrument each is compared with, as ingest
// reads them from the manifest and data/themes.toml.
var cmpCorpus struct {
	once        sync.Once
	instruments []string
	year        map[string]int
	comparisons []themes.Comparison
}

// cmpInstruments are the real corpus's instruments in the manifest's
// order; loadCmpCorpus must have run.
var cmpInstruments []string

func loadCmpCorpus(t *testing.T) {
	t.Helper()
	cmpCorpus.once.Do(func() {
		r := IngestResult(t, repoRoot(t))
		cmpCorpus.year = map[string]int{}
		for _, ip := range r.Instruments {
			cmpCorpus.instruments = append(cmpCorpus.instruments, ip.Instrument.ID)
			cmpCorpus.year[ip.Instrument.ID] = ip.Instrument.Date.Year()
		}
		cmpCorpus.comparisons = r.Themes.Comparisons
	})
	cmpInstruments = cmpCorpus.instruments
	if len(cmpInstruments) < 2 || len(cmpCorpus.comparisons) == 0 {
		t.Skip("the corpus compares no instruments")
	}
}

// verdictTexts are the labels of a theme's verdicts, in the order of the
// comparisons, in language l (0 English, 1 Chinese).
func verdictTexts(th cmpTheme, l int) []string {
	var out []string
	for _, c := range cmpCorpus.comparisons {
		v, ok := th.Verdicts[c.Instrument]
		if !ok {
			continue
		}
		label := verdictLabels[v][l]
		if strings.Contains(label, "%d") {
			label = fmt.Sprintf(label, cmpCorpus.year[c.Instrument])
		}
		out = append(out, label)
	}
	return out
}

// comparedPairs lists, for a theme, its pairs of parts of compared
// instruments: the part of the instrument compared with first.
func comparedPairs(th cmpTheme) [][2]string {
	var out [][2]string
	for _, c := range cmpCorpus.comparisons {
		for _, a := range th.Parts {
			for _, b := range th.Parts {
				if instrumentOf(a) == c.Compared && instrumentOf(b) == c.Instrument {
					out = append(out, [2]string{a, b})
				}
			}
		}
	}
	return out
}

// compared says whether a pair of parts is of compared instruments, in
// that order.
func compared(a, b string) bool {
	return slices.Contains(cmpCorpus.comparisons, themes.Comparison{Instrument: instrumentOf(b), Compared: instrumentOf(a)})
}

// repoFile is the path of a repository file (slash-separated, relative to
// the root).
func repoFile(t *testing.T, rel string) string {
	t.Helper()
	return filepath.Join(repoRoot(t), filepath.FromSlash(rel))
}

func loadThemes(t *testing.T) []cmpTheme {
	t.Helper()
	var f struct {
		Theme []cmpTheme
	}
	if _, err := toml.DecodeFile(repoFile(t, "data/themes.toml"), &f); err != nil {
		t.Fatal(err)
	}
	if len(f.Theme) == 0 {
		t.Fatal("data/themes.toml has no themes")
	}
	return f.Theme
}

// frontMatter decodes the TOML front matter of a content file (relative
// to the repository root) into v.
func frontMatter(t *testing.T, rel string, v any) {
	t.Helper()
	decodeFrontMatter(t, rel, readFile(t, repoFile(t, rel)), v)
}

// decodeFrontMatter decodes the TOML front matter of a content file's
// bytes b into v; name names the file in messages.
func decodeFrontMatter(t testing.TB, name string, b []byte, v any) {
	t.Helper()
	parts := strings.SplitN(string(b), "+++\n", 3)
	if len(parts) != 3 {
		t.Fatalf("%s: no TOML front matter", name)
	}
	if _, err := toml.Decode(parts[1], v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}

func readFile(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func instrumentOf(key string) string { i, _, _ := strings.Cut(key, "/"); return i }

func rank(key string) int { return slices.Index(cmpInstruments, instrumentOf(key)) }

// pairSlug names the page comparing two parts, given in either order (the
// part of the instrument compared with first), as ingest does.
func pairSlug(a, b string) string {
	if compared(b, a) {
		a, b = b, a
	}
	return strings.ReplaceAll(a, "/", "-") + "--" + strings.ReplaceAll(b, "/", "-")
}

// textWithout is the text of s without the elements sel selects.
func textWithout(s *goquery.Selection, sel string) string {
	c := s.Clone()
	c.Find(sel).Remove()
	return c.Text()
}

func TestComparison(t *testing.T) {
	loadCmpCorpus(t)
	public := BuildShared(t, "real", RepoContent)
	themes := loadThemes(t)
	// The official texts: key → locale → text, and the parts in order.
	official := map[string]map[string]string{}
	order := map[string]int{}
	var points []string
	for _, inst := range cmpInstruments {
		ids, text := golden(t, inst)
		for i, id := range ids {
			key := inst + "/" + id
			official[key] = text[id]
			order[key] = i
			if strings.HasPrefix(id, "point_") {
				points = append(points, key)
			}
		}
	}
	// where is the language a reader of lang finds a part in: lang, or,
	// when its instrument is not published in lang, its first language.
	where := func(key string, lang struct{ dir, locale string }) (dir, locale string) {
		if _, ok := official[key][lang.locale]; ok {
			return lang.dir, lang.locale
		}
		for _, l := range langs {
			if _, ok := official[key][l.locale]; ok {
				return l.dir, l.locale
			}
		}
		return lang.dir, lang.locale
	}
	// Points under no theme are the coverage check's business, not the
	// table's.
	covered := map[string]bool{}
	for _, th := range themes {
		for _, k := range th.Parts {
			covered[k] = true
		}
	}
	points = slices.DeleteFunc(points, func(k string) bool { return !covered[k] })
	byDoc := func(keys []string) []string {
		out := slices.Clone(keys)
		sort.SliceStable(out, func(i, j int) bool {
			if rank(out[i]) != rank(out[j]) {
				return rank(out[i]) < rank(out[j])
			}
			return order[out[i]] < order[out[j]]
		})
		return out
	}
	// Related pairs: for each theme, each part with each part of the
	// instrument it is compared with.
	pairThemes := map[string][]string{} // slug → theme ids
	counterparts := map[string][]string{}
	for _, th := range themes {
		for _, pair := range comparedPairs(th) {
			a, b := pair[0], pair[1]
			slug := pairSlug(a, b)
			if !slices.Contains(pairThemes[slug], th.ID) {
				pairThemes[slug] = append(pairThemes[slug], th.ID)
			}
			if !slices.Contains(counterparts[a], b) {
				counterparts[a] = append(counterparts[a], b)
				counterparts[b] = append(counterparts[b], a)
			}
		}
	}
	// pairPages are the addresses, sorted, of the pages comparing two parts
	// under a theme.
	pairPages := func(dir, theme string) []string {
		var out []string
		for slug, ids := range pairThemes {
			if slices.Contains(ids, theme) {
				out = append(out, "/"+dir+"/compare/"+slug+"/")
			}
		}
		sort.Strings(out)
		return out
	}
	themesOf := func(key string) []string {
		var ids []string
		for _, th := range themes {
			if slices.Contains(th.Parts, key) {
				ids = append(ids, th.ID)
			}
		}
		return ids
	}

	t.Run("Table", func(t *testing.T) {
		for l, lang := range langs {
			page := "/" + lang.dir + "/compare/"
			doc := HTML(t, public, page)
			table := doc.Find("main table.cmp")
			if table.Length() != 1 {
				t.Fatalf("%s: %d comparison tables, want 1", page, table.Length())
			}
			if strings.TrimSpace(table.Find("caption").Text()) == "" {
				t.Errorf("%s: the table has no caption", page)
			}
			head := table.Find("thead tr").First().Find("th")
			if head.Length() != 2+len(cmpInstruments) {
				t.Fatalf("%s: %d column headers, want theme, verdict and one per instrument", page, head.Length())
			}
			var colNames []string
			head.Each(func(_ int, s *goquery.Selection) {
				if s.AttrOr("scope", "") != "col" {
					t.Errorf("%s: column header %q has scope %q", page, s.Text(), s.AttrOr("scope", ""))
				}
				colNames = append(colNames, strings.TrimSpace(s.Text()))
			})
			if table.Find("td[scope], thead td").Length() > 0 {
				t.Errorf("%s: data cells with scope, or in the header", page)
			}
			rows := table.Find("tbody tr")
			if rows.Length() != len(themes) {
				t.Fatalf("%s: %d rows, want one per theme (%d)", page, rows.Length(), len(themes))
			}
			seen := map[string]bool{}
			rows.Each(func(i int, row *goquery.Selection) {
				th := themes[i]
				if id := row.AttrOr("id", ""); id != th.ID {
					t.Errorf("%s row %d: id %q, want %q (the editors' order)", page, i, id, th.ID)
				}
				rh := row.Children().First()
				if goquery.NodeName(rh) != "th" || rh.AttrOr("scope", "") != "row" {
					t.Errorf("%s#%s: the row does not start with a row header", page, th.ID)
				}
				if got := rh.Find(`a[href="/` + lang.dir + `/themes/` + th.ID + `/"]`).Text(); got != th.Name[lang.locale] {
					t.Errorf("%s#%s: theme %q, want %q linked to its page", page, th.ID, got, th.Name[lang.locale])
				}
				cells := row.Find("td")
				if cells.Length() != 1+len(cmpInstruments) {
					t.Fatalf("%s#%s: %d cells", page, th.ID, cells.Length())
				}
				// Each cell repeats its column's header for the narrow
				// layout, hidden from assistive technology.
				cells.Each(func(c int, cell *goquery.Selection) {
					lab := cell.Find(".cmp-col")
					if lab.Length() != 1 || lab.AttrOr("aria-hidden", "") != "true" || strings.TrimSpace(lab.Text()) != colNames[c+1] {
						t.Errorf("%s#%s cell %d: label %q (aria-hidden %q), want %q", page, th.ID, c, lab.Text(), lab.AttrOr("aria-hidden", ""), colNames[c+1])
					}
				})
				if got, want := texts(cells.First().Find(".verdict")), verdictTexts(th, l); !slices.Equal(got, want) {
					t.Errorf("%s#%s: verdicts %q, want %q", page, th.ID, got, want)
				}
				for k, inst := range cmpInstruments {
					cell := cells.Eq(1 + k)
					var want []string
					for _, key := range byDoc(th.Parts) {
						if instrumentOf(key) == inst {
							dir, _ := where(key, lang)
							want = append(want, "/"+dir+"/"+key+"/")
						}
					}
					if got := hrefs(cell.Find(".cmp-ref a")); !slices.Equal(got, want) {
						t.Errorf("%s#%s %s: parts %v, want %v", page, th.ID, inst, got, want)
					}
					cell.Find(".cmp-part").Each(func(j int, part *goquery.Selection) {
						if j >= len(want) {
							return
						}
						key := strings.Join(strings.Split(strings.Trim(want[j], "/"), "/")[1:], "/")
						seen[key] = true
						_, loc := where(key, lang)
						if got := part.Find(".text").Text(); got != official[key][loc] {
							t.Errorf("%s#%s: %s quoted as\n %q\nwant\n %q", page, th.ID, key, got, official[key][loc])
						}
					})
					if len(want) == 0 && cell.Find(".cmp-none").Length() != 1 {
						t.Errorf("%s#%s %s: an empty cell does not say so", page, th.ID, inst)
					}
				}
				wantPairs := pairPages(lang.dir, th.ID)
				got := sorted(hrefs(rh.Find(".cmp-pairs a")))
				if !slices.Equal(got, wantPairs) {
					t.Errorf("%s#%s: pair links %v, want %v", page, th.ID, got, wantPairs)
				}
			})
			for _, key := range points {
				if !seen[key] {
					t.Errorf("%s: %s is in no row of the table", page, key)
				}
			}
		}
		for _, p := range []string{"en/compare/parallel/index.html", "zh/themes/parallel/index.html"} {
			if Exists(public, p) {
				t.Errorf("%s exists: only instruments have a parallel view", p)
			}
		}
	})

	t.Run("PairPages", func(t *testing.T) {
		if len(pairThemes) == 0 {
			t.Fatal("no related pairs in data/themes.toml")
		}
		// The notes on each part, per language, from the notes' files.
		notesOn := map[string]map[string][]string{}
		for _, lang := range langs {
			notesOn[lang.dir] = map[string][]string{}
			files, _ := filepath.Glob(repoFile(t, "content/"+lang.dir+"/notes/*.md"))
			for _, f := range files {
				if filepath.Base(f) == "_index.md" {
					continue
				}
				fm := map[string]any{}
				frontMatter(t, "content/"+lang.dir+"/notes/"+filepath.Base(f), &fm)
				if fm["draft"] == true {
					continue
				}
				params, _ := fm["params"].(map[string]any)
				parts, _ := params["parts"].([]any)
				for _, p := range parts {
					k := p.(string)
					notesOn[lang.dir][k] = append(notesOn[lang.dir][k], "/"+lang.dir+"/notes/"+strings.TrimSuffix(filepath.Base(f), ".md")+"/")
				}
			}
		}
		for slug, ids := range pairThemes {
			a, b, _ := strings.Cut(slug, "--")
			// The slug's halves are the keys with "/" replaced by "-"; find
			// the keys in the themes.
			var ka, kb string
			for key := range official {
				if strings.ReplaceAll(key, "/", "-") == a {
					ka = key
				}
				if strings.ReplaceAll(key, "/", "-") == b {
					kb = key
				}
			}
			// A pair has a page, and its texts, in each language both
			// its parts are published in.
			both := func(l struct{ dir, locale string }) bool {
				_, okA := official[ka][l.locale]
				_, okB := official[kb][l.locale]
				return okA && okB
			}
			for l, lang := range langs {
				if !both(lang) {
					continue
				}
				page := "/" + lang.dir + "/compare/" + slug + "/"
				doc := HTML(t, public, page)
				for _, dl := range langs {
					if !both(dl) {
						continue
					}
					sec := doc.Find("main section.diff#diff-" + dl.dir)
					if sec.Length() != 1 {
						t.Errorf("%s: no texts in %s", page, dl.locale)
						continue
					}
					left, right := sec.Find(".diff-a .text"), sec.Find(".diff-b .text")
					if nearestLang(left) != dl.locale || nearestLang(right) != dl.locale {
						t.Errorf("%s: the %s texts are marked lang=%q and %q", page, dl.locale, nearestLang(left), nearestLang(right))
					}
					// Each side is its official text exactly: with the
					// differences marked (the text common to both the same
					// on both sides) where the texts keep enough in common,
					// plain otherwise.
					checkPairSection(t, page, dl.locale, sec, official[ka][dl.locale], official[kb][dl.locale], pairDiffed(official[ka], official[kb]))
					if hrefs(sec.Find(".diff-a h3 a"))[0] != "/"+lang.dir+"/"+ka+"/" || hrefs(sec.Find(".diff-b h3 a"))[0] != "/"+lang.dir+"/"+kb+"/" {
						t.Errorf("%s: the sides do not link to their parts", page)
					}
				}
				// The page's language first.
				if id := doc.Find("main section.diff").First().AttrOr("id", ""); id != "diff-"+lang.dir {
					t.Errorf("%s: the first differences are %q, want the page's language", page, id)
				}
				var wantThemes []string
				for _, id := range ids {
					wantThemes = append(wantThemes, "/"+lang.dir+"/themes/"+id+"/")
				}
				if got := hrefs(doc.Find("main .pair-themes h3 a")); !slices.Equal(got, wantThemes) {
					t.Errorf("%s: themes %v, want %v", page, got, wantThemes)
				}
				for _, th := range themes {
					if !slices.Contains(ids, th.ID) {
						continue
					}
					for _, v := range verdictTexts(th, l) {
						if !strings.Contains(doc.Find("main .pair-themes").Text(), v) {
							t.Errorf("%s: no verdict %q for %s", page, v, th.ID)
						}
					}
				}
				// The notes on both parts, under a heading each.
				heads := doc.Find("main section#notes h3")
				if heads.Length() != 2 {
					t.Fatalf("%s: %d note headings, want one per part", page, heads.Length())
				}
				for i, key := range []string{ka, kb} {
					got := hrefs(heads.Eq(i).NextUntil("h3").Find("a.note-title"))
					want := notesOn[lang.dir][key]
					sort.Strings(got)
					sort.Strings(want)
					if !slices.Equal(got, want) {
						t.Errorf("%s: notes on %s\n %v\nwant\n %v", page, key, got, want)
					}
				}
			}
		}
	})

	t.Run("ThemePages", func(t *testing.T) {
		for l, lang := range langs {
			index := HTML(t, public, "/"+lang.dir+"/themes/")
			var wantIndex []string
			for _, th := range themes {
				wantIndex = append(wantIndex, "/"+lang.dir+"/themes/"+th.ID+"/")
			}
			if got := hrefs(index.Find("main .theme-index h2 a")); !slices.Equal(got, wantIndex) {
				t.Errorf("/%s/themes/: themes %v, want %v", lang.dir, got, wantIndex)
			}
			for _, th := range themes {
				page := "/" + lang.dir + "/themes/" + th.ID + "/"
				doc := HTML(t, public, page)
				if got := doc.Find("main h1").Text(); got != th.Name[lang.locale] {
					t.Errorf("%s: title %q, want %q", page, got, th.Name[lang.locale])
				}
				if got, want := texts(doc.Find("main .doc-head .verdict")), verdictTexts(th, l); !slices.Equal(got, want) {
					t.Errorf("%s: verdicts %q, want %q", page, got, want)
				}
				var want []string
				for _, key := range byDoc(th.Parts) {
					dir, _ := where(key, lang)
					want = append(want, "/"+dir+"/"+key+"/")
				}
				list := doc.Find("main .theme-parts .theme-part-list li")
				if got := hrefs(list.Find(".cmp-ref a")); !slices.Equal(got, want) {
					t.Errorf("%s: parts %v, want %v", page, got, want)
				}
				list.Each(func(i int, li *goquery.Selection) {
					if i < len(want) {
						key := byDoc(th.Parts)[i]
						_, loc := where(key, lang)
						if got := li.Find(".text").Text(); got != official[key][loc] {
							t.Errorf("%s: %s quoted as %q", page, key, got)
						}
					}
				})
				wantPairs := pairPages(lang.dir, th.ID)
				got := sorted(hrefs(doc.Find("main .theme-pairs a")))
				if !slices.Equal(got, wantPairs) {
					t.Errorf("%s: pair pages %v, want %v", page, got, wantPairs)
				}
				if strings.TrimSpace(doc.Find("main .theme-explanation").Text()) == "" {
					t.Errorf("%s: no explanation", page)
				}
			}
		}
	})

	t.Run("PartPages", func(t *testing.T) {
		for _, lang := range langs {
			for key := range official {
				if _, ok := official[key][lang.locale]; !ok {
					continue // not published in this language
				}
				page := "/" + lang.dir + "/" + key + "/"
				doc := HTML(t, public, page)
				sec := doc.Find("main section.part-comparison")
				ids := themesOf(key)
				if len(ids) == 0 {
					if sec.Length() != 0 {
						t.Errorf("%s: a comparison block for a part under no theme", page)
					}
					continue
				}
				if sec.Length() != 1 {
					t.Errorf("%s: no comparison block (layouts/_partials/components/part-article.html calls components/part-comparison.html)", page)
					continue
				}
				var wantThemes []string
				for _, id := range ids {
					wantThemes = append(wantThemes, "/"+lang.dir+"/themes/"+id+"/")
				}
				if got := hrefs(sec.Find(".theme-list a")); !slices.Equal(got, wantThemes) {
					t.Errorf("%s: themes %v, want %v", page, got, wantThemes)
				}
				nVerdicts := 0
				for _, th := range themes {
					if slices.Contains(ids, th.ID) {
						nVerdicts += len(verdictTexts(th, 0))
					}
				}
				if sec.Find(".theme-list .verdict").Length() != nVerdicts {
					t.Errorf("%s: the themes' verdicts are not all shown", page)
				}
				var wantParts, wantPairs []string
				for _, other := range byDoc(counterparts[key]) {
					wantParts = append(wantParts, "/"+lang.dir+"/"+other+"/")
					wantPairs = append(wantPairs, "/"+lang.dir+"/compare/"+pairSlug(key, other)+"/")
				}
				gotParts, gotPairs := hrefs(sec.Find(".counterparts a.counterpart")), hrefs(sec.Find(".counterparts a.pair-link"))
				sort.Strings(gotParts)
				sort.Strings(gotPairs)
				sort.Strings(wantParts)
				sort.Strings(wantPairs)
				if !slices.Equal(gotParts, wantParts) || !slices.Equal(gotPairs, wantPairs) {
					t.Errorf("%s: counterparts %v with pairs %v, want %v with %v", page, gotParts, gotPairs, wantParts, wantPairs)
				}
				if len(wantParts) == 0 && sec.Find(".counterparts").Length() == 0 && strings.TrimSpace(sec.Find(".missing").Text()) == "" {
					t.Errorf("%s: does not say it has no counterpart", page)
				}
			}
		}
	})

	t.Run("AsReportedBy", func(t *testing.T) {
		var decisions struct {
			Decision []struct {
				Source    string
				Paragraph int
				Part      string
				Verdict   string
			}
		}
		if _, err := toml.DecodeFile(repoFile(t, "data/alignments.toml"), &decisions); err != nil {
			t.Fatal(err)
		}
		confirmed := map[string]int{}
		for _, d := range decisions.Decision {
			if d.Verdict != "confirmed" {
				continue
			}
			confirmed[d.Part]++
			fm := map[string]any{}
			frontMatter(t, "generated/content/en/"+d.Part+".md", &fm)
			params := fm["params"].(map[string]any)
			var text, textLang string
			reported, _ := params["reported"].([]map[string]any)
			for _, r := range reported {
				if r["source"] == d.Source && r["paragraph"] == int64(d.Paragraph) {
					text, textLang = r["text"].(string), r["lang"].(string)
				}
			}
			if text == "" {
				t.Errorf("%s: the confirmed match with source %s paragraph %d is not in params.reported", d.Part, d.Source, d.Paragraph)
				continue
			}
			for _, lang := range langs {
				if _, ok := official[d.Part][lang.locale]; !ok {
					continue // not published in this language
				}
				page := "/" + lang.dir + "/" + d.Part + "/"
				doc := HTML(t, public, page)
				if lang.dir == "en" {
					if got := doc.Find("main section.reported h2").Text(); got != "As reported by" {
						t.Errorf("%s: heading %q", page, got)
					}
				}
				if HTML(t, public, "/"+lang.dir+"/sources/").Find("#source-"+d.Source).Length() != 1 {
					t.Errorf("/%s/sources/ has no #source-%s", lang.dir, d.Source)
				}
				var fig *goquery.Selection
				doc.Find("main section.reported figure.report").Each(func(_ int, f *goquery.Selection) {
					if f.Find(`figcaption a[href="/`+lang.dir+`/sources/#source-`+d.Source+`"]`).Length() == 1 &&
						strings.Contains(f.Find("figcaption").Text(), strconv.Itoa(d.Paragraph)) {
						fig = f
					}
				})
				if fig == nil {
					t.Errorf("%s: no report of source %s paragraph %d linked to the sources page", page, d.Source, d.Paragraph)
					continue
				}
				q := fig.Find("blockquote")
				if q.Text() != text || q.AttrOr("lang", "") != textLang {
					t.Errorf("%s: reported %q lang=%q, want %q lang=%q", page, q.Text(), q.AttrOr("lang", ""), text, textLang)
				}
			}
		}
		if len(confirmed) == 0 {
			t.Fatal("data/alignments.toml confirms no report, so nothing here is tested")
		}
		// Parts never confirmed show no reports.
		for key := range official {
			if _, ok := official[key]["en"]; !ok {
				continue
			}
			if confirmed[key] == 0 && HTML(t, public, "/en/"+key+"/").Find("main section.reported").Length() > 0 {
				t.Errorf("/en/%s/: reports, but none is confirmed", key)
			}
		}
	})

	// Integration with files of other layouts: the index of the exports
	// names the comparison (ingest writes it), and the home
	// page links to it (layouts/home.html, through compare-home.html).
	t.Run("IndexJSON", func(t *testing.T) {
		var index map[string]any
		JSON(t, public, "data/index.json", &index)
		got, ok := index["comparison"]
		if !ok {
			t.Fatal(`data/index.json has no "comparison": ingest should add the comparison's addresses`)
		}
		base := baseURL(t)
		want := map[string]any{"en": base + "en/compare/", "zh-Hans": base + "zh/compare/"}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("index.json comparison %v, want %v", got, want)
		}
	})
	t.Run("Home", func(t *testing.T) {
		for _, lang := range langs {
			page := "/" + lang.dir + "/"
			block := HTML(t, public, page).Find("main #comparison").Parent()
			if block.Find(".coming").Length() > 0 {
				t.Fatal(`the home page still says the comparison is coming: layouts/home.html should call partial "components/compare-home.html"`)
			}
			want := []string{"/" + lang.dir + "/compare/", "/" + lang.dir + "/themes/", "/data/themes.json"}
			if got := hrefs(block.Find("a")); !slices.Equal(got, want) {
				t.Errorf("%s: comparison links %v, want %v", page, got, want)
			}
		}
	})

	t.Run("ThemesJSON", func(t *testing.T) {
		base := baseURL(t)
		var data struct {
			Comparison  map[string]string `json:"comparison"`
			Comparisons []struct {
				Compared   string `json:"compared"`
				Instrument string `json:"instrument"`
			} `json:"comparisons"`
			Verdicts []string `json:"verdicts"`
			Themes   []struct {
				ID          string            `json:"id"`
				Verdicts    map[string]string `json:"verdicts"`
				Name        map[string]string `json:"name"`
				Description map[string]string `json:"description"`
				Explanation map[string]string `json:"explanation"`
				Parts       []string          `json:"parts"`
				URL         map[string]string `json:"url"`
			} `json:"themes"`
			Parts map[string][]string `json:"parts"`
			Pairs []struct {
				A      string            `json:"a"`
				B      string            `json:"b"`
				Themes []string          `json:"themes"`
				URL    map[string]string `json:"url"`
			} `json:"pairs"`
		}
		JSON(t, public, "data/themes.json", &data)
		wantCmp := map[string]string{"en": base + "en/compare/", "zh-Hans": base + "zh/compare/"}
		if len(data.Comparison) != 2 || data.Comparison["en"] != wantCmp["en"] || data.Comparison["zh-Hans"] != wantCmp["zh-Hans"] {
			t.Errorf("themes.json comparison %v, want %v", data.Comparison, wantCmp)
		}
		if len(data.Comparisons) != len(cmpCorpus.comparisons) {
			t.Errorf("themes.json comparisons %+v, want %+v", data.Comparisons, cmpCorpus.comparisons)
		}
		for i, c := range data.Comparisons {
			if i < len(cmpCorpus.comparisons) && (c.Instrument != cmpCorpus.comparisons[i].Instrument || c.Compared != cmpCorpus.comparisons[i].Compared) {
				t.Errorf("themes.json comparison %d: %+v, want %+v", i, c, cmpCorpus.comparisons[i])
			}
		}
		if len(data.Verdicts) != len(verdictLabels) {
			t.Errorf("themes.json verdicts %v", data.Verdicts)
		}
		if len(data.Themes) != len(themes) {
			t.Fatalf("themes.json: %d themes, want %d", len(data.Themes), len(themes))
		}
		for i, th := range themes {
			got := data.Themes[i]
			if got.ID != th.ID || !maps.Equal(got.Verdicts, th.Verdicts) || !slices.Equal(got.Parts, th.Parts) ||
				got.Name["en"] != th.Name["en"] || got.Name["zh-Hans"] != th.Name["zh-Hans"] {
				t.Errorf("themes.json theme %d: %+v, want %+v", i, got, th)
			}
			if got.Description["en"] == "" || got.Description["zh-Hans"] == "" || got.Explanation["en"] == "" || got.Explanation["zh-Hans"] == "" {
				t.Errorf("themes.json %s: description or explanation missing", th.ID)
			}
			if got.URL["en"] != base+"en/themes/"+th.ID+"/" || got.URL["zh-Hans"] != base+"zh/themes/"+th.ID+"/" {
				t.Errorf("themes.json %s: url %v", th.ID, got.URL)
			}
		}
		for key := range official {
			if got, want := data.Parts[key], themesOf(key); !slices.Equal(got, want) {
				t.Errorf("themes.json parts[%s] = %v, want %v", key, got, want)
			}
		}
		if len(data.Pairs) != len(pairThemes) {
			t.Errorf("themes.json: %d pairs, want %d", len(data.Pairs), len(pairThemes))
		}
		for _, p := range data.Pairs {
			slug := pairSlug(p.A, p.B)
			if !compared(p.A, p.B) || !slices.Equal(p.Themes, pairThemes[slug]) ||
				p.URL["en"] != base+"en/compare/"+slug+"/" || p.URL["zh-Hans"] != base+"zh/compare/"+slug+"/" {
				t.Errorf("themes.json pair %+v", p)
			}
		}
	})
}

// texts lists the trimmed texts of the elements of s.
func texts(s *goquery.Selection) []string {
	var out []string
	s.Each(func(_ int, e *goquery.Selection) { out = append(out, strings.TrimSpace(e.Text())) })
	return out
}
