// Package ingest turns the captures described by sources/sources.toml into
// the site's generated files: Hugo content for each instrument and part in
// each language it is published in, and data files with the provenance of every source,
// the news coverage and the cross-check of summaries against full texts.
//
// Everything is computed in memory first; only when every source has been
// read, cleaned, paired and corrected without error are files written, each
// atomically and only when its bytes change. A second run changes nothing.
package ingest

import (
	"strings"

	"github.com/annotated-data-initiatives/site/tools/internal/compare"
	"github.com/annotated-data-initiatives/site/tools/internal/corpus"
	"github.com/annotated-data-initiatives/site/tools/internal/manifest"
	"github.com/annotated-data-initiatives/site/tools/internal/notes"
	"github.com/annotated-data-initiatives/site/tools/internal/opencc"
	"github.com/annotated-data-initiatives/site/tools/internal/site"
	"github.com/annotated-data-initiatives/site/tools/internal/themes"
)

// Result is everything one ingest run produces.
type Result struct {
	// Site is the Hugo site's configuration: its languages and strings.
	Site        *site.Site
	Manifest    *manifest.Manifest
	Sources     []*Extracted
	Instruments []InstrumentParts
	CrossChecks []CrossCheck
	// Variants are the accepted differences of the captures that
	// corroborate an instrument's published text (see corroborate).
	Variants []Variant
	// Errata lists, per source id, the corrections applied.
	Errata map[string][]string
	// Themes is the editors' comparison (data/themes.toml), validated.
	Themes *themes.File
	// Alignments are the coverage paragraphs matched to parts.
	Alignments []Alignment
	// Decisions are the editors' verdicts on alignments (data/alignments.toml).
	Decisions []Decision
	// Notes are the editors' notes (content/<lang>/notes), those that parse.
	Notes []*notes.Note
	// Files maps paths relative to the project root to their contents.
	Files map[string][]byte

	engine      *compare.Engine // see Engine
	pageKeys    map[string]bool // the translation keys of the generated pages
	opts        Options
	root        string
	cards       cards                                 // the cards the pages name, drawn after them
	pairs       []pairInfo                            // in document order, as the pair pages are weighted
	pairsOf     map[string][]pairInfo                 // part key → its pairs, in that order
	partIndex   map[string]*Part                      // see Part
	rank        map[string]int                        // see Rank
	partNames   map[string]map[string]Names           // key → locale → names
	instNames   map[string]map[string]instrumentNames // id → locale → names
	sourceIndex map[string]*Extracted                 // id → source, in Sources
	// themeRefCache holds themeRefs, by locale.
	themeRefCache map[string]map[string]ThemeRef
}

// InstrumentParts is an instrument with its parts in document order.
type InstrumentParts struct {
	Instrument *manifest.Instrument
	Parts      []Part
}

// Options choose ingest's converters. The zero value is OpenCC's, as the
// site publishes: tests pass others only to show what a converter does.
type Options struct {
	// ToSimplified converts Traditional Chinese to Simplified, for sources
	// whose manifest entry asks for it (convert = "tw2s").
	ToSimplified func(string) string
	// ToTraditional gives the Traditional forms readers type of a
	// Simplified text, for the search page's map of Traditional characters
	// to Simplified ones (generated/data/search.toml).
	ToTraditional func(string) []string
	// Site is the configuration the content is written for; nil reads the
	// project's own config.toml and i18n/.
	Site *site.Site
}

func (o Options) withDefaults() Options {
	if o.ToSimplified == nil {
		o.ToSimplified = opencc.TW2S
	}
	if o.ToTraditional == nil {
		o.ToTraditional = func(s string) []string {
			t := opencc.S2T(s)
			return []string{t, opencc.TaiwanVariants(t)}
		}
	}
	return o
}

// Run reads the manifest at root/manifestPath and everything it names, and
// returns the files to write, with OpenCC's converters. It writes nothing.
func Run(root, manifestPath string) (*Result, error) {
	return RunWith(root, manifestPath, Options{})
}

// RunWith is Run with the converters of opts.
func RunWith(root, manifestPath string, opts Options) (*Result, error) {
	opts = opts.withDefaults()
	if opts.Site == nil {
		s, err := site.Load(root)
		if err != nil {
			return nil, err
		}
		opts.Site = s
	}
	m, err := manifest.Load(root, manifestPath, opts.Site.Langs())
	if err != nil {
		return nil, err
	}
	r := &Result{Site: opts.Site, Manifest: m, Errata: map[string][]string{}, opts: opts, sourceIndex: map[string]*Extracted{}}
	for i := range m.Sources {
		x, err := extract(m, root, &m.Sources[i], opts)
		if err != nil {
			return nil, err
		}
		r.Sources = append(r.Sources, x)
		r.sourceIndex[x.Source.ID] = x
	}
	for i := range m.Instruments {
		in := &m.Instruments[i]
		parts, err := segment(m, in, r.sourceIndex)
		if err != nil {
			return nil, err
		}
		for _, x := range r.Sources {
			if x.Source.Instrument != in.ID || len(x.Source.Errata) == 0 {
				continue
			}
			applied, err := applyErrata(m, in, parts, x)
			if err != nil {
				return nil, err
			}
			r.Errata[x.Source.ID] = append(r.Errata[x.Source.ID], applied...)
		}
		for k := range parts {
			for lang, t := range parts[k].Text {
				parts[k].Hash[lang] = hashText(t)
			}
		}
		ip := InstrumentParts{Instrument: in, Parts: parts}
		if err := checkPartDamage(r, ip); err != nil {
			return nil, err
		}
		variants, applied, err := corroborate(m, ip, r.Sources, opts)
		if err != nil {
			return nil, err
		}
		r.Variants = append(r.Variants, variants...)
		for id, a := range applied {
			r.Errata[id] = append(r.Errata[id], a...)
		}
		r.Instruments = append(r.Instruments, ip)
	}
	if err := checkDamage(r); err != nil {
		return nil, err
	}
	if err := checkTitles(m, r); err != nil {
		return nil, err
	}
	for _, x := range r.Sources {
		if x.Source.CrossCheck == "" {
			continue
		}
		for _, ip := range r.Instruments {
			if ip.Instrument.ID == x.Source.CrossCheck {
				r.CrossChecks = append(r.CrossChecks, crossCheck(x, ip))
			}
		}
	}
	if r.Themes, err = themes.Load(root, r.Site.Locales(), r.instrumentsByDate(), r.allParts()); err != nil {
		return nil, err
	}
	r.Alignments = r.Align(r.Engine())
	if r.Decisions, err = loadReview(root, r); err != nil {
		return nil, err
	}
	// The notes as far as they can be read (check reports the rest): the
	// exports list them, and their quotes are marked in the texts.
	if r.Notes, _, err = notes.Load(root, r.NoteLangs()); err != nil {
		return nil, err
	}
	r.root = root
	files, err := render(r)
	if err != nil {
		return nil, err
	}
	r.Files = files
	return r, nil
}

// PartsSupplied lists the keys of the parts whose text comes from a source.
func (r *Result) PartsSupplied(sourceID string) []string {
	var keys []string
	for _, ip := range r.Instruments {
		for _, p := range ip.Parts {
			for _, lang := range r.Site.Locales() {
				// A part is visited once; only its languages repeat it.
				if p.Source[lang] == sourceID && (len(keys) == 0 || keys[len(keys)-1] != p.Key) {
					keys = append(keys, p.Key)
				}
			}
		}
	}
	return keys
}

// LanguageNames names the languages an instrument is published in, in
// English, for messages: "English and Chinese".
func (r *Result) LanguageNames(in *manifest.Instrument) string {
	var names []string
	for _, l := range r.Manifest.Languages(in) {
		names = append(names, langName(l))
	}
	if len(names) > 1 {
		return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
	}
	return strings.Join(names, "")
}

// NoteLangs are the site's languages, for the notes.
func (r *Result) NoteLangs() []corpus.Lang { return r.Site.Langs() }

// NoteParts gives every part by key, for the notes checker.
func (r *Result) NoteParts() map[string]corpus.Part {
	parts := map[string]corpus.Part{}
	for _, p := range r.allParts() {
		parts[p.Key] = p
	}
	return parts
}
