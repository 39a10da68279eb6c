package ingest

import (
	"unicode"
	"unicode/utf8"

	"github.com/annotated-data-initiatives/site/tools/internal/manifest"
	"github.com/annotated-data-initiatives/site/tools/internal/site"
)

// Names are what a part is called in one language, rendered once from the
// site's interface strings (i18n/<lang>.toml) so that no label is written
// in Go and no template assembles one.
type Names struct {
	// Label: "Point 3", "第3点" (partLabel_<block kind>).
	Label string
	// Title of the part's page: the instrument and the part (partTitle).
	Title string
	// Name with the instrument and its year: "Global Initiative on Data
	// Security (2020), point 3" (comparePartOf).
	Name string
	// ShortName with the year only: "Point 3 (2020)" (comparePartYear).
	ShortName string
	// Lang is the locale the names are in when the instrument is not
	// published in the language they are for: then they are its names in
	// its first language ("" otherwise).
	Lang string
	// ShortTitle names the instrument in its short form: "Point 3 of the
	// 2020 initiative" (partTitleShort); the part page's heading, and its
	// title where the full one is too long.
	ShortTitle string
	// Description is the part page's meta description (partDescription).
	Description string
	// HeadTitle is the part page's <title> (headTitle).
	HeadTitle string
}

// instrumentNames are an instrument's names in one language.
type instrumentNames struct {
	// WithYear: "Global Initiative on Data Security (2020)"
	// (compareInstrumentYear).
	WithYear string
	// Lang: see Names.Lang.
	Lang string
}

// names renders the names of every part and instrument for every language
// of the site. Where an instrument is not published in a language, its
// pages there are its pages in its first language, so it and its parts are
// named as there, and the names say which language they are in.
func (r *Result) names() error {
	r.partNames = map[string]map[string]Names{}
	r.instNames = map[string]map[string]instrumentNames{}
	for _, ip := range r.Instruments {
		in := ip.Instrument
		year := in.Date.Year()
		r.instNames[in.ID] = map[string]instrumentNames{}
		for _, l := range r.Site.Languages {
			nl, foreign := r.nameLanguage(in, l)
			title := in.Title[nl.Locale]
			withYear, err := nl.T("compareInstrumentYear", map[string]any{"Title": title, "Year": year})
			if err != nil {
				return err
			}
			r.instNames[in.ID][l.Locale] = instrumentNames{WithYear: withYear, Lang: foreign}
		}
		for _, p := range ip.Parts {
			r.partNames[p.Key] = map[string]Names{}
			for _, l := range r.Site.Languages {
				nl, foreign := r.nameLanguage(in, l)
				n, err := partNames(nl, p, in.Title[nl.Locale], year)
				if err != nil {
					return err
				}
				n.Lang = foreign
				short, err := r.instrumentShort(in, nl)
				if err != nil {
					return err
				}
				if n.ShortTitle, err = nl.T("partTitleShort", map[string]any{"Instrument": short, "Part": lowerFirst(n.Label), "Label": n.Label}); err != nil {
					return err
				}
				if n.Description, err = partDescription(nl, n.Title, p.Text[nl.Locale]); err != nil {
					return err
				}
				if n.HeadTitle, err = headTitle(nl, n.Title, n.ShortTitle); err != nil {
					return err
				}
				r.partNames[p.Key][l.Locale] = n
			}
		}
	}
	return nil
}

// nameLanguage is the language an instrument's pages have for readers of
// l: l itself when the instrument is published in it, else the
// instrument's first language, whose locale is then foreign.
func (r *Result) nameLanguage(in *manifest.Instrument, l *site.Language) (nl *site.Language, foreign string) {
	if in.Has(l.Locale) {
		return l, ""
	}
	first := r.Site.Language(r.Manifest.Languages(in)[0])
	return first, first.Locale
}

// pageLanguage is the site language of the page of instrument in (or one
// of its parts) that a reader of l is sent to: l when the instrument is
// published in it, else its first language.
func (r *Result) pageLanguage(in *manifest.Instrument, l *site.Language) *site.Language {
	nl, _ := r.nameLanguage(in, l)
	return nl
}

func partNames(l *site.Language, p Part, instrument string, year int) (Names, error) {
	var n Names
	var err error
	if n.Label, err = l.T("partLabel_"+p.Kind, map[string]any{"N": p.Ordinal}); err != nil {
		return n, err
	}
	// Inside a sentence the label starts lower-case ("…, point 3"); a
	// script without case is unchanged.
	inText := lowerFirst(n.Label)
	if n.Title, err = l.T("partTitle", map[string]any{"Instrument": instrument, "Part": inText}); err != nil {
		return n, err
	}
	if n.Name, err = l.T("comparePartOf", map[string]any{"Title": instrument, "Year": year, "Part": inText}); err != nil {
		return n, err
	}
	n.ShortName, err = l.T("comparePartYear", map[string]any{"Label": n.Label, "Year": year})
	return n, err
}

func lowerFirst(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToLower(r)) + s[size:]
}

// Label names a part in a language (a locale): "Point 3", "第3点".
func (r *Result) Label(key, locale string) string { return r.partNames[key][locale].Label }
