package ingest

import (
	"encoding/json"
	"path"

	"github.com/annotated-data-initiatives/site/tools/internal/site"

	"github.com/annotated-data-initiatives/site/tools/internal/manifest"
)

// partJSONLD is the structured data (schema.org JSON-LD) of part p's page
// in language lang, as JSON: a Legislation that is part of its instrument,
// named, dated and credited as layouts/_partials/components/jsonld.html
// describes, with the official publication it is based on and its
// translations. It is the same on every build, so ingest writes it once
// (params.jsonLD) and the head prints it. encoding/json escapes <, > and
// & (\u003c …), so no text can close the <script> element; its keys are
// sorted, as Hugo's jsonify sorts them.
func (r *Result) partJSONLD(in *manifest.Instrument, p Part, lang string, lastmod Date) (string, error) {
	l := r.Site.Language(lang)
	names := r.partNames[p.Key][lang]
	ld, err := r.legislationLD(in, l, path.Join(in.ID, p.ID), p.Key, lastmod,
		func(o *site.Language) string { return r.partNames[p.Key][o.Locale].Title })
	if err != nil {
		return "", err
	}
	ld["alternateName"] = names.Label
	ld["text"] = p.Text[lang]
	ld["isPartOf"] = legislationRef(r.Site.Permalink(l, in.ID), in.Title[lang], in.ID)
	b, err := json.Marshal(ld)
	return string(b), err
}

// instrumentJSONLD is the structured data of instrument in's page in
// language lang, as JSON: a Legislation, named, dated and credited as a
// part's, with its parts (hasPart, in document order), the official
// publication it is based on and its translations; written once by ingest
// (params.jsonLD) as a part's is.
func (r *Result) instrumentJSONLD(in *manifest.Instrument, parts []Part, lang string, lastmod Date) (string, error) {
	l := r.Site.Language(lang)
	ld, err := r.legislationLD(in, l, in.ID, in.ID, lastmod,
		func(o *site.Language) string { return in.Title[o.Locale] })
	if err != nil {
		return "", err
	}
	hasPart := []any{}
	for _, p := range parts {
		hasPart = append(hasPart, legislationRef(r.Site.Permalink(l, path.Join(in.ID, p.ID)), r.partNames[p.Key][lang].Title, p.Key))
	}
	ld["hasPart"] = hasPart
	b, err := json.Marshal(ld)
	return string(b), err
}

// legislationLD is what the JSON-LD of an instrument's or a part's page (at
// contentPath, with identifier id, named in each language by name) says
// alike: a Legislation of the instrument's issuer and date, when it last
// changed, the official publication it is based on where the manifest
// records its address, and its versions in the instrument's other
// languages (the original as translationOfWork, the translations of the
// original as workTranslation).
func (r *Result) legislationLD(in *manifest.Instrument, l *site.Language, contentPath, id string, lastmod Date, name func(*site.Language) string) (map[string]any, error) {
	legislationType, err := l.T("legislationType", nil)
	if err != nil {
		return nil, err
	}
	self := r.Site.Permalink(l, contentPath)
	date := manifest.DateString(in.Date)
	issuer := map[string]any{"@type": "GovernmentOrganization", "name": in.Issuer[l.Locale]}
	ld := map[string]any{
		"@context":              "https://schema.org",
		"@type":                 "Legislation",
		"@id":                   self,
		"url":                   self,
		"name":                  name(l),
		"identifier":            id,
		"legislationIdentifier": id,
		"legislationType":       legislationType,
		"inLanguage":            l.Locale,
		"datePublished":         date,
		"legislationDate":       date,
		"publisher":             issuer,
		"legislationPassedBy":   issuer,
		"isAccessibleForFree":   true,
	}
	if lastmod != "" {
		ld["dateModified"] = string(lastmod)
	}
	if x := r.source(in.Authority[l.Locale]); x != nil && x.Source.Address != "" {
		ld["isBasedOn"] = map[string]any{"@type": "CreativeWork", "@id": x.Source.Address, "url": x.Source.Address}
	}
	var translations []any
	for _, o := range r.Site.Languages {
		if o == l || !in.Has(o.Locale) {
			continue
		}
		ref := map[string]any{"@type": "Legislation", "@id": r.Site.Permalink(o, contentPath), "name": name(o), "inLanguage": o.Locale}
		if o.Key == r.Site.OriginalLanguage {
			ld["translationOfWork"] = ref
		} else if l.Key == r.Site.OriginalLanguage {
			translations = append(translations, ref)
		}
	}
	if translations != nil {
		ld["workTranslation"] = translations
	}
	return ld, nil
}

// legislationRef names another Legislation node: a part in its
// instrument's hasPart, an instrument in its part's isPartOf.
func legislationRef(url, name, id string) map[string]any {
	return map[string]any{"@type": "Legislation", "@id": url, "name": name, "legislationIdentifier": id}
}

// pairJSONLD is the structured data of the page comparing parts a and b in
// language l, as JSON: a WebPage of the site about the two parts (each a
// Legislation, as on its own page), written once by ingest
// (params.jsonLD) as a part's is.
func (r *Result) pairJSONLD(a, b *Part, l *site.Language, title string) (string, error) {
	var about []any
	for _, p := range []*Part{a, b} {
		about = append(about, legislationRef(r.Site.Permalink(l, path.Join(p.Instrument, p.ID)), r.partNames[p.Key][l.Locale].Title, p.Key))
	}
	ld := r.sitePageLD(l, "WebPage", path.Join("compare", PairSlug(a.Key, b.Key)), title)
	ld["about"] = about
	bs, err := json.Marshal(ld)
	return string(bs), err
}

// themeJSONLD is the structured data of a theme's page in language l: a
// CollectionPage of the site, named name, described by description (its
// meta description), as layouts/_partials/components/jsonld-page.html
// makes one for the comparison and the themes index.
func (r *Result) themeJSONLD(l *site.Language, id, name, description string) (string, error) {
	ld := r.sitePageLD(l, "CollectionPage", path.Join("themes", id), name)
	ld["description"] = description
	bs, err := json.Marshal(ld)
	return string(bs), err
}

// sitePageLD is the node of a page of the site in language l that is not
// a text: of schema.org type typ, at contentPath, named name, part of the
// site (a WebSite, as jsonld-page.html names it).
func (r *Result) sitePageLD(l *site.Language, typ, contentPath, name string) map[string]any {
	self := r.Site.Permalink(l, contentPath)
	home := r.Site.Permalink(l, "")
	return map[string]any{
		"@context":   "https://schema.org",
		"@type":      typ,
		"@id":        self,
		"url":        self,
		"name":       name,
		"inLanguage": l.Locale,
		"isPartOf":   map[string]any{"@type": "WebSite", "@id": home, "name": l.Title, "url": home},
	}
}
