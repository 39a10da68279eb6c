package ingest

import (
	"slices"
	"strings"

	"github.com/annotated-data-initiatives/site/tools/internal/fileerr"
	"github.com/annotated-data-initiatives/site/tools/internal/manifest"
)

// checkTitles holds an instrument's titles to the official spelling: where
// the authority capture of a language has the title in another case
// ("Cross-border" for "Cross-Border"), the manifest must spell it as the
// capture does. A capture without the title line says nothing either way.
func checkTitles(m *manifest.Manifest, r *Result) error {
	for i := range m.Instruments {
		in := &m.Instruments[i]
		langs := make([]string, 0, len(in.Title))
		for lang := range in.Title {
			langs = append(langs, lang)
		}
		slices.Sort(langs)
		for _, lang := range langs {
			title := in.Title[lang]
			x := r.source(in.Authority[lang])
			if x == nil || title == "" {
				continue
			}
			for _, f := range x.Files {
				text := f.Text
				if spelled, line, ok := otherCase(text, title); ok {
					return fileerr.At(m.Path, m.InstrumentKeyLine(i, "title."+lang),
						"instrument %s: title.%s %q is spelled %q in its authority capture (%s line %d); use the official spelling",
						in.ID, lang, title, spelled, f.Path, line)
				}
			}
		}
	}
	return nil
}

// otherCase finds title in text spelled with other letter cases, where text
// does not have it as given: the spelling and its line (from 1).
func otherCase(text, title string) (string, int, bool) {
	if strings.Contains(text, title) {
		return "", 0, false
	}
	lower := strings.ToLower(title)
	for n, line := range strings.Split(text, "\n") {
		l := strings.ToLower(line)
		if len(l) != len(line) {
			continue // a case change that alters byte lengths: not comparable
		}
		if i := strings.Index(l, lower); i >= 0 && len(lower) == len(title) {
			return line[i : i+len(title)], n + 1, true
		}
	}
	return "", 0, false
}
