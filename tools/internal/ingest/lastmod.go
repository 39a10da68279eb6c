package ingest

import "github.com/annotated-data-initiatives/site/tools/internal/manifest"

// partLastmod is when a part's text in a language last changed: the date
// of the source the text is taken from, where the manifest records one,
// else the instrument's date. Never the build's date, so that a rebuild
// changes nothing a crawler sees (<lastmod>, dateModified).
func (r *Result) partLastmod(in *manifest.Instrument, p Part, lang string) Date {
	if x := r.source(p.Source[lang]); x != nil && !x.Source.Date.IsZero() && x.Source.Date.After(in.Date) {
		return Date(manifest.DateString(x.Source.Date))
	}
	return Date(manifest.DateString(in.Date))
}

// instrumentLastmod is the latest change to any of the instrument's parts
// in a language (partLastmod).
func (r *Result) instrumentLastmod(in *manifest.Instrument, lang string) Date {
	last := Date(manifest.DateString(in.Date))
	for _, ip := range r.Instruments {
		if ip.Instrument.ID != in.ID {
			continue
		}
		for _, p := range ip.Parts {
			// Dates as 2006-01-02 sort as strings.
			if d := r.partLastmod(in, p, lang); d > last {
				last = d
			}
		}
	}
	return last
}
