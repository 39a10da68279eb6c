package ingest

import (
	"cmp"
	"fmt"
	"math"
	"path"
	"slices"
	"strings"

	"github.com/annotated-data-initiatives/site/tools/internal/compare"
	"github.com/annotated-data-initiatives/site/tools/internal/corpus"
	"github.com/annotated-data-initiatives/site/tools/internal/manifest"
	"github.com/annotated-data-initiatives/site/tools/internal/site"
	"github.com/annotated-data-initiatives/site/tools/internal/themes"
)

// AlignThreshold is the least similarity at which a paragraph of news
// coverage is suggested as paraphrasing a part, and AlignRelative the least
// share of the paragraph's best score that a second or third match needs.
// Measured on the real sources: the paragraphs that restate a point score
// 0.67–0.99 against it (the eleven release bullets 0.98–0.997), those that
// echo a preamble paragraph 0.22–0.34, and paragraphs about something else
// (quotations on politics, figures, background on the US programme) stay
// under 0.15. One true echo falls between and is missed: the report's third
// principle (003, paragraph 13, 以事实和法规为依据) scores 0.18 against
// point 1. Second-best scores of true paraphrases run up to 0.30 without
// being real matches, hence the relative floor; a paragraph that really
// covers two points (the backdoor and dependence sentence, 0.72 and 0.38)
// keeps both. Editors confirm or reject each suggestion.
const (
	AlignThreshold = 0.20
	AlignRelative  = 0.5
)

// DiffThreshold is the least share of common text (compare.Common: words
// in English, characters in Chinese, counted on both sides) at which a pair
// page marks the differences word by word; below it, in any of the pair's
// languages, the page shows the two texts side by side, unmarked. Measured
// on the real sources: the related parts of the two instruments keep 7–42%
// of their text (the closing paragraphs 34% in English and 42% in Chinese,
// the points 7–27%), so a diff marks most of both sides and reads as noise;
// from half the text in common, the marks pick out changes to one text.
const DiffThreshold = 0.5

// partDoc is a part as a comparison document.
func partDoc(p Part) compare.Doc { return compare.Doc{Key: p.Key, Text: p.Text} }

// coverageDoc is the nth paragraph (from 1) of a coverage source as a
// comparison document, keyed "<source>#<n>".
func coverageDoc(x *Extracted, n int, p Para) compare.Doc {
	return compare.Doc{Key: fmt.Sprintf("%s#%d", x.Source.ID, n), Text: map[string]string{p.Lang: p.Text}}
}

// Engine is the similarity engine over every part, in document order, and
// every paragraph of the sources that are not official texts. It is built
// once per Result: Run uses it, and so do the tools that read the result.
func (r *Result) Engine() *compare.Engine {
	if r.engine != nil {
		return r.engine
	}
	var docs []compare.Doc
	for _, ip := range r.Instruments {
		for _, p := range ip.Parts {
			docs = append(docs, partDoc(p))
		}
	}
	for _, x := range r.Sources {
		if x.Source.Kind == manifest.KindOfficialText {
			continue
		}
		for _, lang := range x.Source.Languages {
			for i, p := range x.Paras[lang] {
				docs = append(docs, coverageDoc(x, i+1, p))
			}
		}
	}
	r.engine = compare.NewEngine(docs)
	return r.engine
}

// Alignment is a suggested match between a coverage paragraph and a part.
type Alignment struct {
	Source    string
	Paragraph int
	// File is the file of the paragraph when its source has several, as
	// the manifest names it; "" otherwise.
	File   string
	Line   int
	Lang   string
	Part   string
	Score  float64
	Rank   int
	Shared []string
}

// Align matches each coverage paragraph with the parts of the instrument
// its source reports on, in the paragraph's language, at or above
// AlignThreshold (at most three per paragraph, best first).
func (r *Result) Align(e *compare.Engine) []Alignment {
	var out []Alignment
	for _, x := range r.Sources {
		if x.Source.Kind == manifest.KindOfficialText || x.Source.Instrument == "" {
			continue
		}
		var parts []compare.Doc
		for _, ip := range r.Instruments {
			if ip.Instrument.ID == x.Source.Instrument {
				for _, p := range ip.Parts {
					parts = append(parts, partDoc(p))
				}
			}
		}
		for _, lang := range x.Source.Languages {
			for i, p := range x.Paras[lang] {
				matches := e.Align(coverageDoc(x, i+1, p), lang, parts, AlignThreshold, 3)
				for rank, m := range matches {
					if m.Score < AlignRelative*matches[0].Score {
						break
					}
					out = append(out, Alignment{Source: x.Source.ID, Paragraph: i + 1, File: x.shownFile(p.File), Line: p.Line, Lang: lang,
						Part: m.B, Score: m.Score, Rank: rank + 1, Shared: m.Shared})
				}
			}
		}
	}
	return out
}

// allParts lists every part, instrument by instrument, in document order.
func (r *Result) allParts() []corpus.Part {
	var ps []corpus.Part
	for _, ip := range r.Instruments {
		ps = append(ps, ip.Parts...)
	}
	return ps
}

// Rank is the position of a part's instrument in the manifest.
func (r *Result) Rank(key string) int {
	inst, _ := corpus.SplitKey(key)
	if r.rank == nil {
		r.rank = map[string]int{}
		for i, ip := range r.Instruments {
			r.rank[ip.Instrument.ID] = i
		}
	}
	if i, ok := r.rank[inst]; ok {
		return i
	}
	return -1
}

// Part returns the part with a key, or nil. The index is built on the
// first call, once the instruments are read.
func (r *Result) Part(key string) *Part {
	if r.partIndex == nil {
		r.partIndex = map[string]*Part{}
		for i := range r.Instruments {
			for j := range r.Instruments[i].Parts {
				p := &r.Instruments[i].Parts[j]
				r.partIndex[p.Key] = p
			}
		}
	}
	return r.partIndex[key]
}

// PairSlug names the comparison page of two parts.
func PairSlug(a, b string) string {
	f := func(k string) string { return strings.ReplaceAll(k, "/", "-") }
	return f(a) + "--" + f(b)
}

// pairInfo is a pair of related parts, a in the instrument b's is compared
// with, and
// the themes that relate them.
type pairInfo struct {
	a, b   string
	themes []string
	// langs are the locales both parts are published in, in the site's
	// order: the pair has a page in each.
	langs []string
}

// has reports whether the pair has a page in the language of a locale.
func (p pairInfo) has(locale string) bool { return slices.Contains(p.langs, locale) }

// relatedPairs lists the pairs of related parts (parts of two compared
// instruments that a theme lists together) in document order: by the
// first part's instrument (manifest order) and place, then the second's
// place.
func (r *Result) relatedPairs() []pairInfo {
	if r.Themes == nil {
		return nil
	}
	pairs := r.Themes.Pairs(func(key string) string { inst, _ := corpus.SplitKey(key); return inst })
	slices.SortStableFunc(pairs, func(x, y [2]string) int {
		px, py := r.Part(x[0]), r.Part(y[0])
		return cmp.Or(cmp.Compare(r.Rank(x[0]), r.Rank(y[0])), cmp.Compare(px.Weight, py.Weight),
			cmp.Compare(r.Part(x[1]).Weight, r.Part(y[1]).Weight))
	})
	out := make([]pairInfo, len(pairs))
	for i, pair := range pairs {
		// The themes that name both, in the file's order.
		shared := []string{}
		of := r.Themes.ThemesOf(pair[1])
		for _, id := range r.Themes.ThemesOf(pair[0]) {
			if slices.Contains(of, id) {
				shared = append(shared, id)
			}
		}
		var langs []string
		ia, ib := r.Manifest.Instrument(r.Part(pair[0]).Instrument), r.Manifest.Instrument(r.Part(pair[1]).Instrument)
		for _, l := range r.Site.Languages {
			if ia.Has(l.Locale) && ib.Has(l.Locale) {
				langs = append(langs, l.Locale)
			}
		}
		out[i] = pairInfo{a: pair[0], b: pair[1], themes: shared, langs: langs}
	}
	return out
}

// renderComparison writes a page per pair of related parts (with the diffs
// of their texts) and a page per theme, in both languages, and returns the
// comparison page's tables (compareData).
func renderComparison(r *Result, add func(name string, v generatedPage) error) (compareData, error) {
	cd := compareData{Lang: map[string]ComparePage{}}
	if r.Themes == nil {
		return cd, nil
	}
	// pairsOf: theme id → locale → the links to its pairs, with the
	// instruments they join (the comparison tables keep those between
	// their two).
	pairsOf := map[string]map[string][]joinedPair{}
	for w, pair := range r.pairs {
		a, b := r.Part(pair.a), r.Part(pair.b)
		diffs := map[string][]compare.Op{}
		for _, l := range r.Site.Languages {
			if !pair.has(l.Locale) {
				continue
			}
			ta, tb := a.Text[l.Locale], b.Text[l.Locale]
			// Han text has no spaces between words: compared by character.
			if compare.IsHan(ta + tb) {
				diffs[l.Locale] = compare.DiffChars(ta, tb)
			} else {
				diffs[l.Locale] = compare.DiffWords(ta, tb)
			}
		}
		score := r.Engine().Score(partDoc(*a), partDoc(*b))
		// The pair is diffed only when every language it is compared in
		// keeps enough common text (DiffThreshold), so that its languages
		// read alike.
		common := map[string]int{}
		diffed := len(diffs) > 0
		for l, ops := range diffs {
			share := compare.Common(ops)
			common[l] = int(math.Round(share * 100))
			if share < DiffThreshold {
				diffed = false
			}
		}
		diff := map[string]PairDiff{}
		for l, ops := range diffs {
			// Each side as HTML (compare.HTML: escaped text, <del> and
			// <ins>), so that the page prints it rather than ranging over
			// the operations.
			d := PairDiff{A: compare.HTML(ops, "-"), B: compare.HTML(ops, "+")}
			if !diffed {
				// Each text whole and unmarked, escaped the same way.
				d = PairDiff{A: compare.HTML([]compare.Op{{Kind: "=", Text: a.Text[l]}}, "-"), B: compare.HTML([]compare.Op{{Kind: "=", Text: b.Text[l]}}, "+")}
			}
			diff[l] = d
		}
		for _, l := range r.Site.Languages {
			if !pair.has(l.Locale) {
				// No page: the two texts share no language to compare
				// them in here.
				continue
			}
			na, nb := r.partNames[a.Key][l.Locale], r.partNames[b.Key][l.Locale]
			title, err := l.T("pairTitle", map[string]any{"A": na.Title, "B": nb.Title})
			if err != nil {
				return cd, err
			}
			name, err := l.T("compareTexts", map[string]any{"A": na.ShortName, "B": nb.ShortName})
			if err != nil {
				return cd, err
			}
			head, err := headTitle(l, title, name)
			if err != nil {
				return cd, err
			}
			ld, err := r.pairJSONLD(a, b, l, title)
			if err != nil {
				return cd, err
			}
			desc, err := pairDescription(l, title)
			if err != nil {
				return cd, err
			}
			refs, err := r.themeRefsOf(pair.themes, l, true)
			if err != nil {
				return cd, err
			}
			pg := PairPage{
				Title: title, Description: desc, Weight: w + 1, TranslationKey: "compare/" + PairSlug(a.Key, b.Key), Type: TypePair,
				Params: PairParams{A: a.Key, B: b.Key, Name: name, Themes: pair.themes, ThemeRefs: refs, Similarity: math.Round(score*1000) / 1000, Common: common, Diffed: diffed, DiffFrom: int(DiffThreshold * 100), Diff: diff,
					HeadTitle: head, JSONLD: ld},
			}
			if err := add(path.Join(contentDir(l.Key), "compare", PairSlug(a.Key, b.Key)+".md"), pg); err != nil {
				return cd, err
			}
			link := PairLink{Name: name, URL: r.Site.RelURL(l, path.Join("compare", PairSlug(a.Key, b.Key)))}
			for _, th := range pair.themes {
				if pairsOf[th] == nil {
					pairsOf[th] = map[string][]joinedPair{}
				}
				pairsOf[th][l.Locale] = append(pairsOf[th][l.Locale], joinedPair{link, a.Instrument, b.Instrument})
			}
		}
	}
	// columnsOf: theme id → locale → its columns, for the comparison
	// tables' cells.
	columnsOf := map[string]map[string][]ThemeColumn{}
	for w, th := range r.Themes.Themes {
		columnsOf[th.ID] = map[string][]ThemeColumn{}
		for _, l := range r.Site.Languages {
			lang := l.Locale
			columns := r.themeColumns(th.Parts, l)
			columnsOf[th.ID][lang] = columns
			pairs := []PairLink{}
			for _, p := range pairsOf[th.ID][lang] {
				pairs = append(pairs, p.link)
			}
			refs, err := r.themeRefs(l)
			if err != nil {
				return cd, err
			}
			verdicts := refs[th.ID].Verdicts
			why, err := r.themeWhy(l, verdicts)
			if err != nil {
				return cd, err
			}
			head, err := headTitle(l, th.Name[lang], "")
			if err != nil {
				return cd, err
			}
			desc, err := themeDescription(l, th.Name[lang], th.Description[lang])
			if err != nil {
				return cd, err
			}
			ld, err := r.themeJSONLD(l, th.ID, th.Name[lang], desc)
			if err != nil {
				return cd, err
			}
			pg := ThemePage{
				Title: th.Name[lang], Description: desc, Weight: w + 1,
				TranslationKey: "theme/" + th.ID, Type: TypeTheme,
				Params: ThemeParams{ID: th.ID, Lead: th.Description[lang], Verdicts: verdicts, Why: why, Parts: th.Parts, Explanation: th.Explanation[lang], Columns: columns,
					Pairs: pairs, HeadTitle: head, JSONLD: ld},
			}
			if err := add(path.Join(contentDir(l.Key), "themes", th.ID+".md"), pg); err != nil {
				return cd, err
			}
		}
	}
	var err error
	cd.Lang, err = r.compareTables(pairsOf, columnsOf)
	return cd, err
}

// themeRefs are the themes by id as the pages of l name them: name,
// address, explanation and verdicts. Made once per language (themeRefs
// caches them), for the theme pages and for every part and pair.
func (r *Result) themeRefs(l *site.Language) (map[string]ThemeRef, error) {
	if refs, ok := r.themeRefCache[l.Locale]; ok {
		return refs, nil
	}
	if r.themeRefCache == nil {
		r.themeRefCache = map[string]map[string]ThemeRef{}
	}
	refs := map[string]ThemeRef{}
	single := len(r.Themes.Comparisons) == 1
	for _, th := range r.Themes.Themes {
		ref := ThemeRef{ID: th.ID, Name: th.Name[l.Locale], URL: r.Site.RelURL(l, path.Join("themes", th.ID)), Explanation: th.Explanation[l.Locale], Verdicts: []ThemeVerdict{}}
		for _, c := range r.Themes.Comparisons {
			v := th.Verdict(c)
			if v == "" {
				continue
			}
			tv := ThemeVerdict{Instrument: c.Instrument, Compared: c.Compared, ID: v}
			var err error
			if tv.Label, err = r.verdictText(l, "verdict_", v, c); err != nil {
				return nil, err
			}
			if !single {
				if tv.Comparison, err = r.verdictText(l, "comparisonName", "", c); err != nil {
					return nil, err
				}
			}
			ref.Verdicts = append(ref.Verdicts, tv)
		}
		refs[th.ID] = ref
	}
	r.themeRefCache[l.Locale] = refs
	return refs, nil
}

// themeColumns are a theme's parts by instrument for readers of l: one
// column per instrument that has parts in the theme, in the manifest's
// order. (A column for every instrument would make every theme page, and
// its front matter, grow with the corpus.)
//
// The theme's parts are looked up by key and put in document order, not
// found by scanning every part of every instrument: this runs for every
// theme in every language.
func (r *Result) themeColumns(keys []string, l *site.Language) []ThemeColumn {
	byInst := map[string][]*Part{}
	seen := map[string]bool{}
	for _, k := range keys {
		if p := r.Part(k); p != nil && !seen[k] {
			seen[k] = true
			byInst[p.Instrument] = append(byInst[p.Instrument], p)
		}
	}
	columns := []ThemeColumn{}
	for _, ip := range r.Instruments {
		in := ip.Instrument
		parts := byInst[in.ID]
		if len(parts) == 0 {
			continue
		}
		c := r.instrumentColumn(in, l)
		pl := r.pageLanguage(in, l)
		slices.SortFunc(parts, func(a, b *Part) int { return cmp.Compare(a.Weight, b.Weight) })
		for _, p := range parts {
			n := r.partNames[p.Key][l.Locale]
			c.Parts = append(c.Parts, ThemePart{Key: p.Key, Label: n.Label, URL: r.partURL(p, l), Text: p.Text[pl.Locale], Lang: n.Lang})
		}
		columns = append(columns, c)
	}
	return columns
}

// instrumentColumn is an instrument as a column of a theme or of the
// comparison table names it for readers of l, without parts.
func (r *Result) instrumentColumn(in *manifest.Instrument, l *site.Language) ThemeColumn {
	pl := r.pageLanguage(in, l)
	return ThemeColumn{Instrument: in.ID, Name: r.instNames[in.ID][l.Locale].WithYear, URL: r.Site.RelURL(pl, in.ID),
		Lang: r.instNames[in.ID][l.Locale].Lang, Parts: []ThemePart{}}
}

// joinedPair is a link to a pair page and the instruments of its parts.
type joinedPair struct {
	link PairLink
	a, b string
}

// compareData is generated/data/compare.toml: the comparison page, per
// site language (Hugo key).
type compareData struct {
	Lang map[string]ComparePage `toml:"lang"`
}

// compareTables is the comparison page for each language: a table per
// comparison (themes.File.Comparisons), whose two instruments are its
// columns and whose themes its rows, and the themes in no table. A theme
// is a row of the tables of the comparisons it judges; one that judges
// none, of those whose instruments it has parts in. So the page grows with
// the themes and the comparisons, not with themes × instruments, as one
// table with a column per instrument did (176 MB per language at 100
// instruments). pairsOf and columnsOf give each theme's pair pages (with
// the instruments they join) and its columns, as its page has them.
func (r *Result) compareTables(pairsOf map[string]map[string][]joinedPair, columnsOf map[string]map[string][]ThemeColumn) (map[string]ComparePage, error) {
	out := map[string]ComparePage{}
	cs := r.Themes.Comparisons
	for _, l := range r.Site.Languages {
		refs, err := r.themeRefs(l)
		if err != nil {
			return nil, err
		}
		tables := []CompareTable{}
		anchored := map[string]bool{}
		for _, c := range cs {
			t := CompareTable{Instrument: c.Instrument, Compared: c.Compared, Columns: []ThemeColumn{}, Rows: []CompareRow{}}
			var ins []*manifest.Instrument
			for _, ip := range r.Instruments {
				if c.Joins(ip.Instrument.ID) {
					ins = append(ins, ip.Instrument)
					t.Columns = append(t.Columns, r.instrumentColumn(ip.Instrument, l))
				}
			}
			for i := range r.Themes.Themes {
				th := &r.Themes.Themes[i]
				v := th.Verdict(c)
				if v == "" && (len(th.Verdicts) > 0 || !hasPartIn(th.Parts, c)) {
					continue
				}
				row := r.compareRow(refs[th.ID], c, ins, l, pairsOf[th.ID][l.Locale], columnsOf[th.ID][l.Locale])
				if !anchored[th.ID] {
					row.Anchor = th.ID
					anchored[th.ID] = true
				}
				t.Rows = append(t.Rows, row)
			}
			if len(t.Rows) == 0 {
				continue
			}
			if t.Caption, err = l.T("compareCaptionPair", map[string]any{"Count": len(t.Rows),
				"Year": r.instrument(c.Instrument).Date.Year(), "ComparedYear": r.instrument(c.Compared).Date.Year()}); err != nil {
				return nil, err
			}
			if len(cs) > 1 {
				if t.Name, err = r.verdictText(l, "comparisonName", "", c); err != nil {
					return nil, err
				}
			}
			tables = append(tables, t)
		}
		page := ComparePage{Tables: tables, Other: []ThemeLink{}}
		for _, th := range r.Themes.Themes {
			if !anchored[th.ID] {
				ref := refs[th.ID]
				page.Other = append(page.Other, ThemeLink{ID: ref.ID, Name: ref.Name, URL: ref.URL})
			}
		}
		out[l.Key] = page
	}
	return out, nil
}

// hasPartIn reports whether a theme's parts (keys) include one of either
// instrument of c.
func hasPartIn(keys []string, c themes.Comparison) bool {
	for _, k := range keys {
		inst, _ := corpus.SplitKey(k)
		if c.Joins(inst) {
			return true
		}
	}
	return false
}

// compareRow is a theme (ref, as themeRefs names it) as a row of the
// table of comparison c, whose columns are the instruments ins: its
// verdict on c (none when it judges none), its pair pages between those
// instruments, and its parts in each (of its columns).
func (r *Result) compareRow(ref ThemeRef, c themes.Comparison, ins []*manifest.Instrument, l *site.Language, pairs []joinedPair, columns []ThemeColumn) CompareRow {
	row := CompareRow{ID: ref.ID, Name: ref.Name, URL: ref.URL, Pairs: []PairLink{}, Verdicts: []ThemeVerdict{}, Cells: []ThemeColumn{}}
	for _, v := range ref.Verdicts {
		if v.Instrument == c.Instrument {
			// The table names its comparison: the verdict need not.
			v.Comparison = ""
			row.Verdicts = append(row.Verdicts, v)
		}
	}
	for _, p := range pairs {
		if c.Joins(p.a) && c.Joins(p.b) {
			row.Pairs = append(row.Pairs, p.link)
		}
	}
	for _, inst := range ins {
		i := slices.IndexFunc(columns, func(col ThemeColumn) bool { return col.Instrument == inst.ID })
		if i < 0 {
			row.Cells = append(row.Cells, r.instrumentColumn(inst, l))
		} else {
			row.Cells = append(row.Cells, columns[i])
		}
	}
	return row
}

// themeWhy is the heading of a theme's explanation: "Why “Extended”"
// for one verdict, a general heading for none or several.
func (r *Result) themeWhy(l *site.Language, verdicts []ThemeVerdict) (string, error) {
	if len(verdicts) == 1 {
		return l.T("verdictExplained", map[string]any{"Verdict": verdicts[0].Label})
	}
	return l.T("themeExplanation", nil)
}

// verdictText renders the i18n string key+id (a verdict's label or help,
// or with id "" the comparison's name) for a comparison: the strings name
// the two instruments by their years (.Year, .ComparedYear), from the
// manifest's dates, so that no year is written in them.
func (r *Result) verdictText(l *site.Language, key, id string, c themes.Comparison) (string, error) {
	return l.T(key+id, map[string]any{"Year": r.instrument(c.Instrument).Date.Year(), "ComparedYear": r.instrument(c.Compared).Date.Year()})
}

// instrument is the manifest entry of an instrument (one that themes.Load
// has checked exists).
func (r *Result) instrument(id string) *manifest.Instrument {
	for _, ip := range r.Instruments {
		if ip.Instrument.ID == id {
			return ip.Instrument
		}
	}
	return nil
}

// instrumentsByDate lists the instruments' ids in date order; the
// manifest's order among those of one date.
func (r *Result) instrumentsByDate() []string {
	ins := make([]*manifest.Instrument, len(r.Instruments))
	for i, ip := range r.Instruments {
		ins[i] = ip.Instrument
	}
	slices.SortStableFunc(ins, func(a, b *manifest.Instrument) int { return a.Date.Compare(b.Date) })
	ids := make([]string, len(ins))
	for i, in := range ins {
		ids[i] = in.ID
	}
	return ids
}

// verdictsData is generated/data/verdicts.toml: what the legends of
// verdicts print. Maps of texts are keyed by the site language's Hugo key
// ("en", "zh").
type verdictsData struct {
	// Comparison lists the comparisons (themes.File.Comparisons) that have
	// verdicts, in that order.
	Comparison []comparisonData `toml:"comparison"`
}

// comparisonData is a comparison and the verdicts its themes use.
type comparisonData struct {
	Instrument string `toml:"instrument"`
	Compared   string `toml:"compared"`
	// Name names the comparison ("2024 compared with 2020") when there
	// are several; empty otherwise.
	Name map[string]string `toml:"name"`
	// Verdict lists the verdicts the themes give on it, in the order of
	// themes.Verdicts, each with how many themes have it.
	Verdict []verdictCount `toml:"verdict"`
}

type verdictCount struct {
	ID    string            `toml:"id"`
	Count int               `toml:"count"`
	Label map[string]string `toml:"label"`
	Help  map[string]string `toml:"help"`
}

func (r *Result) verdictsData() (verdictsData, error) {
	d := verdictsData{Comparison: []comparisonData{}}
	if r.Themes == nil {
		return d, nil
	}
	cs := r.Themes.Comparisons
	for _, c := range cs {
		cd := comparisonData{Instrument: c.Instrument, Compared: c.Compared, Name: map[string]string{}, Verdict: []verdictCount{}}
		for _, v := range themes.Verdicts {
			n := 0
			for i := range r.Themes.Themes {
				if r.Themes.Themes[i].Verdict(c) == v {
					n++
				}
			}
			if n == 0 {
				continue
			}
			vc := verdictCount{ID: v, Count: n, Label: map[string]string{}, Help: map[string]string{}}
			for _, l := range r.Site.Languages {
				var err error
				if vc.Label[l.Key], err = r.verdictText(l, "verdict_", v, c); err != nil {
					return d, err
				}
				if vc.Help[l.Key], err = r.verdictText(l, "verdictHelp_", v, c); err != nil {
					return d, err
				}
			}
			cd.Verdict = append(cd.Verdict, vc)
		}
		if len(cd.Verdict) == 0 {
			continue
		}
		if len(cs) > 1 {
			for _, l := range r.Site.Languages {
				var err error
				if cd.Name[l.Key], err = r.verdictText(l, "comparisonName", "", c); err != nil {
					return d, err
				}
			}
		}
		d.Comparison = append(d.Comparison, cd)
	}
	return d, nil
}
