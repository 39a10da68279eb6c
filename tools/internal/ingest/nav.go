package ingest

import (
	"strings"

	"github.com/annotated-data-initiatives/site/tools/internal/manifest"
	"github.com/annotated-data-initiatives/site/tools/internal/site"
)

// navInstrument is an instrument as the header of every page of a
// language names it (generated/data/nav.toml).
type navInstrument struct {
	ID string `toml:"id"`
	// Short is the name the header shows: the year's form
	// (instrumentShort, "2020 initiative"), or the title when another
	// instrument has the same year and the short form would not tell
	// them apart.
	Short string `toml:"short"`
	Title string `toml:"title"`
	URL   string `toml:"url"`
	// Lang is the locale of the page at URL (and of Title) when the
	// instrument is not published in the header's language: the link
	// goes to its page in its first language.
	Lang string `toml:"lang,omitempty"`
}

// navData lists, per site language (its key), every instrument in the
// manifest's order: the header of every page offers a route to each of
// them, in the language's edition or, for an instrument not published in
// it, in the instrument's first language.
func (r *Result) navData() (map[string][]navInstrument, error) {
	out := map[string][]navInstrument{}
	for _, l := range r.Site.Languages {
		list := []navInstrument{}
		for _, ip := range r.Instruments {
			in := ip.Instrument
			pl := r.pageLanguage(in, l)
			title := strings.TrimSpace(in.Title[pl.Locale])
			short, err := r.instrumentShort(in, l)
			if err != nil {
				return nil, err
			}
			e := navInstrument{ID: in.ID, Short: short, Title: title, URL: r.Site.RelURL(pl, in.ID)}
			if pl != l {
				e.Lang = pl.Locale
			}
			list = append(list, e)
		}
		out[l.Key] = list
	}
	return out, nil
}

// instrumentShort is the short form of an instrument's name in a
// language: its year's form (instrumentShort, "2020 initiative"), unless
// another instrument has the same year, when only the title tells them
// apart.
func (r *Result) instrumentShort(in *manifest.Instrument, l *site.Language) (string, error) {
	year := in.Date.Year()
	for _, ip := range r.Instruments {
		if o := ip.Instrument; o.ID != in.ID && o.Date.Year() == year {
			return strings.TrimSpace(in.Title[r.pageLanguage(in, l).Locale]), nil
		}
	}
	return l.T("instrumentShort", map[string]any{"Year": year})
}
