package ingest

import (
	"maps"
	"slices"
	"unicode"

	"github.com/annotated-data-initiatives/site/tools/internal/corpus"
)

// searchData is generated/data/search.toml: hans, the Simplified character
// of each Traditional character that the Traditional forms of the site's
// Chinese texts (parts, their search terms, notes) have, so that the search
// page converts a query typed in Traditional characters to the Simplified
// characters the texts are written in and indexed with (the index holds the
// official text only). The map is limited to the corpus's characters, to
// keep the search page's first search light.
type searchData struct {
	Hans map[string]string `toml:"hans"`
}

// searchData aligns each run of Han characters of the texts with its
// Traditional forms (Options.ToTraditional; OpenCC's conversion keeps the
// number of characters, and a form that does not is left out), character
// by character. A Traditional character met for several Simplified ones
// (OpenCC's phrases decide, e.g. 乾 for 干 and for 乾) maps to the one it
// stands for most often in the texts; one that stands most often for
// itself (the texts write it as it is) is left out, so that a query
// finds the texts that have it.
func (r *Result) searchData() searchData {
	var texts []string
	for _, ip := range r.Instruments {
		for _, p := range ip.Parts {
			for locale, text := range p.Text {
				if !corpus.IsHan(locale) {
					continue
				}
				texts = append(texts, text)
				if r.Themes != nil {
					texts = append(texts, r.Themes.SearchTerms(p.Key, locale)...)
				}
			}
		}
	}
	for _, n := range r.Notes {
		if !n.Broken {
			texts = append(texts, n.Title, n.Body)
		}
	}
	counts := map[rune]map[rune]int{}
	count := func(from, to rune) {
		if counts[from] == nil {
			counts[from] = map[rune]int{}
		}
		counts[from][to]++
	}
	for _, text := range texts {
		for _, run := range hanRuns(text) {
			for _, c := range run {
				count(c, c) // the texts write it as it is
			}
			for _, form := range r.opts.ToTraditional(string(run)) {
				tr := []rune(form)
				if len(tr) != len(run) {
					continue
				}
				for i, c := range tr {
					if c != run[i] {
						count(c, run[i])
					}
				}
			}
		}
	}
	out := searchData{Hans: map[string]string{}}
	for from, to := range counts {
		// Ties go to the character itself, else to the lowest.
		best, n := from, to[from]
		for _, c := range slices.Sorted(maps.Keys(to)) {
			if c != from && to[c] > n {
				best, n = c, to[c]
			}
		}
		if best != from {
			out.Hans[string(from)] = string(best)
		}
	}
	return out
}

// hanRuns are the runs of Han characters of a text, in order.
func hanRuns(text string) [][]rune {
	var runs [][]rune
	var cur []rune
	for _, r := range text {
		if unicode.Is(unicode.Han, r) {
			cur = append(cur, r)
			continue
		}
		if len(cur) > 0 {
			runs = append(runs, cur)
			cur = nil
		}
	}
	if len(cur) > 0 {
		runs = append(runs, cur)
	}
	return runs
}
