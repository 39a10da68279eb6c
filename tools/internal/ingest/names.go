package ingest

import (
	"unicode"
	"unicode/utf8"

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
	// ShortTitle names the instrument in its short form: "Point 3 of the
	// 2020 initiative" (partTitleShort); the part page's heading, and its
	// title where the full one is too long.
	ShortTitle string
}

// instrumentNames are an instrument's names in one language.
type instrumentNames struct {
	// WithYear: "Global Initiative on Data Security (2020)"
	// (compareInstrumentYear).
	WithYear string
}

// names renders the names of every part and instrument in every language
// of the site.
func (r *Result) names() error {
	r.partNames = map[string]map[string]Names{}
	r.instNames = map[string]map[string]instrumentNames{}
	for _, ip := range r.Instruments {
		in := ip.Instrument
		year := in.Date.Year()
		r.instNames[in.ID] = map[string]instrumentNames{}
		for _, l := range r.Site.Languages {
			title := in.Title[l.Locale]
			withYear, err := l.T("compareInstrumentYear", map[string]any{"Title": title, "Year": year})
			if err != nil {
				return err
			}
			r.instNames[in.ID][l.Locale] = instrumentNames{WithYear: withYear}
		}
		for _, p := range ip.Parts {
			r.partNames[p.Key] = map[string]Names{}
			for _, l := range r.Site.Languages {
				n, err := partNames(l, p, in.Title[l.Locale], year)
				if err != nil {
					return err
				}
				short, err := r.instrumentShort(in, l)
				if err != nil {
					return err
				}
				if n.ShortTitle, err = l.T("partTitleShort", map[string]any{"Instrument": short, "Part": lowerFirst(n.Label), "Label": n.Label}); err != nil {
					return err
				}
				r.partNames[p.Key][l.Locale] = n
			}
		}
	}
	return nil
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
