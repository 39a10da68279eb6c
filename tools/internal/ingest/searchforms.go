package ingest

import (
	"strings"
	"unicode"
)

// noteSearch is generated/data/search.toml: for each note (by its
// language's key and slug, "zh/<slug>"), the Traditional forms of the
// phrases of its title and text that have them, for the search index only
// (never shown), so that a query in Traditional characters finds the note
// as it finds a part (params.textHant). Notes without such a phrase are
// left out.
type noteSearch struct {
	Note map[string]noteSearchForms `toml:"note"`
}

type noteSearchForms struct {
	Hant string `toml:"hant"`
}

func (r *Result) noteSearch() noteSearch {
	out := noteSearch{Note: map[string]noteSearchForms{}}
	for _, n := range r.Notes {
		if n.Broken {
			continue
		}
		if hant := changedPhrases(n.Title+"\n"+n.Body, r.opts.ToTraditional); hant != "" {
			out.Note[n.Dir+"/"+n.Slug] = noteSearchForms{Hant: hant}
		}
	}
	return out
}

// changedPhrases converts text and keeps only the phrases (runs between
// spaces and punctuation) that the conversion changed, once each, in order:
// an English note quoting a few Chinese words adds those words, not a copy
// of itself.
func changedPhrases(text string, convert func(string) string) string {
	split := func(r rune) bool { return unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r) }
	seen := map[string]bool{}
	var keep []string
	for _, phrase := range strings.FieldsFunc(convert(text), split) {
		if seen[phrase] || strings.Contains(text, phrase) {
			continue
		}
		seen[phrase] = true
		keep = append(keep, phrase)
	}
	return strings.Join(keep, " ")
}
