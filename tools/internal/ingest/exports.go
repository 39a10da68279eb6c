package ingest

import (
	"bytes"
	"encoding/json"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"

	"github.com/annotated-data-initiatives/site/tools/internal/manifest"
	"github.com/annotated-data-initiatives/site/tools/internal/notes"
	"github.com/annotated-data-initiatives/site/tools/internal/themes"
)

// The JSON exports, written by Go from the model into generated/static/data/
// and published at /data/ (config.toml mounts generated/static as static
// files):
//
//	/data/index.json          the instruments, and the comparison's addresses
//	/data/<instrument>.json   an instrument: its sources and its parts, each
//	                          with its text, address and hash in every language
//	                          and the editors' notes on it
//	/data/themes.json         the comparison by theme (when there are themes)
//
// Language-keyed objects use the languages' locales ("en", "zh-Hans") as
// keys. The fields of each type are in alphabetical order, as before the
// exports moved out of the templates (Hugo's jsonify sorts keys).

// ExportDir is where the exports are written, relative to the root.
const ExportDir = Dir + "/static/data"

// LangText maps a locale to a text.
type LangText map[string]string

type exportIndex struct {
	Comparison  LangText           `json:"comparison,omitempty"`
	Instruments []exportInstrument `json:"instruments"`
}

type exportInstrument struct {
	Date  string   `json:"date"`
	ID    string   `json:"id"`
	JSON  string   `json:"json"`
	Title LangText `json:"title"`
	URL   LangText `json:"url"`
}

type exportText struct {
	Date    string         `json:"date"`
	ID      string         `json:"id"`
	Issuer  LangText       `json:"issuer"`
	Parts   []exportPart   `json:"parts"`
	Sources []sourceRecord `json:"sources"`
	Title   LangText       `json:"title"`
}

type exportPart struct {
	Hash   LangText     `json:"hash"`
	ID     string       `json:"id"`
	Key    string       `json:"key"`
	Notes  []exportNote `json:"notes"`
	Number string       `json:"number"`
	Role   string       `json:"role"`
	Text   LangText     `json:"text"`
	URL    LangText     `json:"url"`
}

type exportNote struct {
	ID        string   `json:"id"`
	Languages []string `json:"languages"`
	Type      string   `json:"type"`
	URL       LangText `json:"url"`
}

type exportThemes struct {
	Comparison LangText `json:"comparison"`
	// Comparisons: which instrument is compared with which; a theme's
	// verdicts are keyed by the first.
	Comparisons []exportComparison  `json:"comparisons"`
	Pairs       []exportPair        `json:"pairs"`
	Parts       map[string][]string `json:"parts"`
	Themes      []exportTheme       `json:"themes"`
	Verdicts    []string            `json:"verdicts"`
}

type exportTheme struct {
	Description LangText `json:"description"`
	Explanation LangText `json:"explanation"`
	ID          string   `json:"id"`
	Name        LangText `json:"name"`
	Parts       []string `json:"parts"`
	URL         LangText `json:"url"`
	// Verdicts: instrument → the verdict on how it relates to the one it
	// is compared with.
	Verdicts map[string]string `json:"verdicts"`
}

type exportComparison struct {
	Compared   string `json:"compared"`
	Instrument string `json:"instrument"`
}

type exportPair struct {
	A      string   `json:"a"`
	B      string   `json:"b"`
	Themes []string `json:"themes"`
	URL    LangText `json:"url"`
}

// renderExports adds the exports to files.
func renderExports(r *Result, files map[string][]byte) error {
	put := func(name string, v any) error {
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(v); err != nil {
			return err
		}
		files[path.Join(ExportDir, name)] = bytes.TrimSuffix(b.Bytes(), []byte("\n"))
		return nil
	}
	comparison := r.comparisonURLs(files)
	index := exportIndex{Comparison: comparison, Instruments: []exportInstrument{}}
	notesByPart := r.exportNotes()
	for _, ip := range r.Instruments {
		in := ip.Instrument
		date := manifest.DateString(in.Date)
		title, issuer, url := LangText{}, LangText{}, LangText{}
		for _, l := range r.Site.Languages {
			if !in.Has(l.Locale) {
				// The exports carry the languages that exist.
				continue
			}
			title[l.Locale], issuer[l.Locale] = in.Title[l.Locale], in.Issuer[l.Locale]
			url[l.Locale] = r.Site.Permalink(l, in.ID)
		}
		name := in.ID + ".json"
		index.Instruments = append(index.Instruments, exportInstrument{
			Date: date, ID: in.ID, JSON: r.Site.Absolute("/data/" + name), Title: title, URL: url,
		})
		text := exportText{Date: date, ID: in.ID, Issuer: issuer, Title: title, Parts: []exportPart{}, Sources: []sourceRecord{}}
		for _, x := range r.Sources {
			if x.Source.Instrument == in.ID {
				text.Sources = append(text.Sources, r.sourceRecord(x))
			}
		}
		for _, p := range ip.Parts {
			ep := exportPart{ID: p.ID, Key: p.Key, Number: p.Number, Role: p.Role,
				Hash: LangText{}, Text: LangText{}, URL: LangText{}, Notes: notesByPart[p.Key]}
			if ep.Notes == nil {
				ep.Notes = []exportNote{}
			}
			for _, l := range r.Site.Languages {
				if !in.Has(l.Locale) {
					continue
				}
				ep.Hash[l.Locale], ep.Text[l.Locale] = p.Hash[l.Locale], p.Text[l.Locale]
				ep.URL[l.Locale] = r.Site.Permalink(l, path.Join(in.ID, p.ID))
			}
			text.Parts = append(text.Parts, ep)
		}
		if err := put(name, text); err != nil {
			return err
		}
	}
	if err := put("index.json", index); err != nil {
		return err
	}
	if r.Themes == nil || len(r.Themes.Themes) == 0 {
		return nil
	}
	return put("themes.json", r.exportThemes(comparison))
}

// exportNotes lists, per part key, the notes on it: one entry per note
// however many languages it exists in (its versions share a translation
// key), made from the version in the first of the site's languages, with
// the parts all its versions name. Within a part, notes are ordered by id.
func (r *Result) exportNotes() map[string][]exportNote {
	type group struct {
		first *notes.Note
		langs []string
		url   LangText
		parts []string
	}
	groups := map[string]*group{}
	var order []string
	for _, l := range r.Site.Languages {
		for _, n := range r.Notes {
			if n.Broken || n.Dir != l.Key {
				continue
			}
			key := n.Key
			if key == "" {
				key = "note/" + n.Slug
			}
			g := groups[key]
			if g == nil {
				g = &group{first: n, url: LangText{}}
				groups[key] = g
				order = append(order, key)
			}
			g.langs = append(g.langs, l.Locale)
			g.url[l.Locale] = r.Site.Permalink(l, path.Join("notes", n.Slug))
			for _, p := range n.Parts {
				if !slices.Contains(g.parts, p) {
					g.parts = append(g.parts, p)
				}
			}
		}
	}
	out := map[string][]exportNote{}
	for _, key := range order {
		g := groups[key]
		e := exportNote{ID: g.first.Slug, Languages: g.langs, Type: g.first.Type, URL: g.url}
		for _, p := range g.parts {
			out[p] = append(out[p], e)
		}
	}
	for _, list := range out {
		sort.SliceStable(list, func(i, j int) bool { return list[i].ID < list[j].ID })
	}
	return out
}

// comparisonURLs are the addresses of the comparison page, /<lang>/compare/,
// in the languages where it exists: where an editor wrote its page or ingest
// writes pairs into it.
func (r *Result) comparisonURLs(files map[string][]byte) LangText {
	urls := LangText{}
	for _, l := range r.Site.Languages {
		_, err := os.Stat(filepath.Join(r.root, "content", l.Key, "compare", "_index.md"))
		pairs := false
		for name := range files {
			if path.Dir(name) == path.Join(contentDir(l.Key), "compare") {
				pairs = true
				break
			}
		}
		if err == nil || pairs {
			urls[l.Locale] = r.Site.Permalink(l, "compare")
		}
	}
	if len(urls) == 0 {
		return nil
	}
	return urls
}

func (r *Result) exportThemes(comparison LangText) exportThemes {
	out := exportThemes{Comparison: comparison, Verdicts: themes.Verdicts, Parts: map[string][]string{}, Pairs: []exportPair{}, Comparisons: []exportComparison{}}
	for _, c := range r.Themes.Comparisons {
		out.Comparisons = append(out.Comparisons, exportComparison{Compared: c.Compared, Instrument: c.Instrument})
	}
	if out.Comparison == nil {
		out.Comparison = LangText{}
	}
	for _, th := range r.Themes.Themes {
		et := exportTheme{ID: th.ID, Verdicts: th.Verdicts, Parts: th.Parts,
			Name: LangText{}, Description: LangText{}, Explanation: LangText{}, URL: LangText{}}
		for _, l := range r.Site.Languages {
			et.Name[l.Locale], et.Description[l.Locale] = th.Name[l.Locale], th.Description[l.Locale]
			et.Explanation[l.Locale] = th.Explanation[l.Locale]
			et.URL[l.Locale] = r.Site.Permalink(l, path.Join("themes", th.ID))
		}
		if et.Verdicts == nil {
			et.Verdicts = map[string]string{}
		}
		out.Themes = append(out.Themes, et)
		for _, p := range th.Parts {
			out.Parts[p] = append(out.Parts[p], th.ID)
		}
	}
	for _, pair := range r.pairs {
		ep := exportPair{A: pair.a, B: pair.b, Themes: pair.themes, URL: LangText{}}
		for _, l := range r.Site.Languages {
			if pair.has(l.Locale) {
				ep.URL[l.Locale] = r.Site.Permalink(l, path.Join("compare", PairSlug(pair.a, pair.b)))
			}
		}
		out.Pairs = append(out.Pairs, ep)
	}
	return out
}
