package ingest

import (
	"strings"

	"github.com/annotated-data-initiatives/site/tools/internal/manifest"
	"github.com/annotated-data-initiatives/site/tools/internal/site"
)

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
