// Package manifest reads sources/sources.toml, the one place where the
// differences between captures are described: which file carries which
// instrument, in which encoding and layout, where the document starts and
// ends inside the page chrome, which cleaning rules apply, and which known
// defects are corrected by errata. The ingest code is generic; everything
// source-specific lives here, so that a new source needs an entry, not code.
//
// Every field is documented in sources/README.md.
package manifest

import (
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/annotated-data-initiatives/site/tools/internal/corpus"
	"github.com/annotated-data-initiatives/site/tools/internal/fileerr"
	"github.com/annotated-data-initiatives/site/tools/internal/textin"
)

// Source kinds.
const (
	KindOfficialText = "official-text"
	KindNewsRelease  = "news-release"
	KindNewsReport   = "news-report"
)

// Layouts of the languages inside one capture.
const (
	LayoutSingle      = "single"
	LayoutInterleaved = "interleaved"
	LayoutSequential  = "sequential"
)

// Manifest is the parsed sources/sources.toml.
type Manifest struct {
	Instruments []Instrument `toml:"instrument"`
	Sources     []Source     `toml:"source"`

	// Path is the manifest file as given to Load; Dir is its folder, where
	// the captures are.
	Path string `toml:"-"`
	Dir  string `toml:"-"`
	// Langs are the site's languages, in its order: the manifest names a
	// language by its locale, and every locale it names is one of theirs.
	Langs []corpus.Lang `toml:"-"`
	index *fileerr.Index
}

// Lang is the site language of a locale; ok is false for a locale the
// site does not publish.
func (m *Manifest) Lang(locale string) (l corpus.Lang, ok bool) {
	for _, l := range m.Langs {
		if l.Locale == locale {
			return l, true
		}
	}
	return corpus.Lang{Locale: locale, Name: locale}, false
}

// Languages are the locales an instrument is published in (those it has
// an authority for), in the site's order.
func (m *Manifest) Languages(in *Instrument) []string {
	var out []string
	for _, l := range m.Langs {
		if in.Authority[l.Locale] != "" {
			out = append(out, l.Locale)
		}
	}
	return out
}

// Has reports whether the instrument is published in the language of a
// locale.
func (in *Instrument) Has(locale string) bool { return in.Authority[locale] != "" }

func (m *Manifest) locales() string {
	var out []string
	for _, l := range m.Langs {
		out = append(out, l.Locale)
	}
	return strings.Join(out, ", ")
}

// Instrument is one policy text published by the site.
type Instrument struct {
	ID        string            `toml:"id"`
	Title     map[string]string `toml:"title"`
	Date      time.Time         `toml:"date"`
	Issuer    map[string]string `toml:"issuer"`
	Authority map[string]string `toml:"authority"`
	Structure []Block           `toml:"structure"`
	// Note is free text shown with the instrument's provenance.
	Note string `toml:"note"`
}

// Block is a run of parts of one kind in document order: the structure of an
// instrument is its blocks in order, and each paragraph of the authoritative
// text falls into exactly one block.
type Block struct {
	Kind  string `toml:"kind"`
	Count int    `toml:"count"`
	// First is the number of the block's first part when the official text
	// does not continue the numbering of an earlier block of the same kind.
	First int `toml:"first"`
}

// Part kinds and the roles they carry.
const (
	BlockPreamble = "preamble"
	BlockIntro    = "intro"
	BlockPoint    = "point"
	BlockClosing  = "closing"
)

// Source is one raw capture.
type Source struct {
	ID   string `toml:"id"`
	File string `toml:"file"`
	// Files is the alternative to File for a capture taken in several
	// files (pages), read in order and joined as one capture.
	Files      []string  `toml:"files"`
	Format     string    `toml:"format"`
	Encoding   string    `toml:"encoding"`
	Publisher  string    `toml:"publisher"`
	Address    string    `toml:"address"`
	Date       time.Time `toml:"date"`
	Kind       string    `toml:"kind"`
	Instrument string    `toml:"instrument"`
	Languages  []string  `toml:"languages"`
	Layout     string    `toml:"layout"`
	// Selector names the content node of an HTML capture (goquery syntax).
	Selector string `toml:"selector"`
	// Description says what the capture is, for the sources page.
	Description string    `toml:"description"`
	Sections    []Section `toml:"section"`
	Clean       Clean     `toml:"clean"`
	// CrossCheck names an instrument whose points this source summarises,
	// one list item per point, so that ingest can report how they agree.
	CrossCheck string    `toml:"crosscheck"`
	Errata     []Erratum `toml:"errata"`
	// Variants accept differences between this capture of an official
	// text and the published text of an instrument it does not supply.
	Variants []Variant `toml:"variants"`

	// Line is where the entry starts in the manifest, for error messages.
	Line int `toml:"-"`
}

// Captures are the files of the source in reading order: Files, or File
// alone.
func (s *Source) Captures() []string {
	if len(s.Files) > 0 {
		return s.Files
	}
	return []string{s.File}
}

// Section is a stretch of lines of a capture holding the document (or, in a
// sequential layout, one language of it). Start and End are regular
// expressions matched against whitespace-trimmed lines; the lines matched are
// included. Lines matching a Drop pattern inside the stretch are left out.
type Section struct {
	Lang  string   `toml:"lang"`
	Start string   `toml:"start"`
	End   string   `toml:"end"`
	Drop  []string `toml:"drop"`
}

// Clean switches generic cleaning rules on for a source.
type Clean struct {
	// Convert names the Traditional→Simplified conversion for Chinese text:
	// "" (none) or "tw2s".
	Convert string `toml:"convert"`
	// RestorePunctuation turns ASCII punctuation folded by the capture back
	// into full-width punctuation in Chinese text.
	RestorePunctuation bool `toml:"restore_punctuation"`
	// StripPinyin removes tone-marked pinyin inserted in parentheses after
	// Chinese characters.
	StripPinyin bool `toml:"strip_pinyin"`
	// ListMarker is removed from the start of paragraphs (a bullet or dash
	// that marks list items, not text).
	ListMarker string `toml:"list_marker"`
	// SplitInline is a bullet written between the items of a list on one
	// line ("• a • b"): a paragraph holding it twice or more is split at
	// each occurrence into one paragraph per item, each marked as a list
	// item; the text before the first occurrence stays a paragraph.
	SplitInline string `toml:"split_inline"`
}

// Erratum corrects a known defect of a source in one part, in one language.
// Wrong must occur in the cleaned text of that part exactly once.
type Erratum struct {
	Part      string `toml:"part"`
	Lang      string `toml:"lang"`
	Wrong     string `toml:"wrong"`
	Right     string `toml:"right"`
	Authority string `toml:"authority"`

	Line int `toml:"-"`
}

// Key is the key of the part e corrects (<instrument>/<id>), where the
// manifest names it by its id (point_3) or by its key.
func (e Erratum) Key(instrument string) string {
	if strings.Contains(e.Part, "/") {
		return e.Part
	}
	return instrument + "/" + e.Part
}

// Variant accepts that an official-text capture which is not the authority
// for a language differs from the published text of one part (ingest
// compares the two and fails on a difference that is not explained).
type Variant struct {
	Part   string `toml:"part"`
	Lang   string `toml:"lang"`
	Reason string `toml:"reason"`

	Line int `toml:"-"`
}

// Load reads and validates the manifest at root/rel for a site of the given
// languages; messages name it by rel. Unknown keys are errors.
func Load(root, rel string, langs []corpus.Lang) (*Manifest, error) {
	data, err := os.ReadFile(filepath.Join(root, rel))
	if err != nil {
		return nil, &fileerr.Error{File: rel, Msg: "cannot read manifest: " + unwrapPath(err)}
	}
	return Parse(rel, filepath.Join(root, filepath.Dir(rel)), data, langs)
}

// Parse validates manifest text for a site of the given languages. path
// names it in messages; dir is the folder of the captures.
func Parse(path, dir string, data []byte, langs []corpus.Lang) (*Manifest, error) {
	m := &Manifest{Path: path, Dir: dir, Langs: langs}
	doc, err := fileerr.DecodeTOML(path, data, m)
	if err != nil {
		return nil, err
	}
	if err := doc.Unknown(nil); err != nil {
		return nil, err
	}
	m.index = doc.Index
	for i := range m.Sources {
		m.Sources[i].Line = m.index.Line(fmt.Sprintf("source[%d]", i))
		for j := range m.Sources[i].Errata {
			m.Sources[i].Errata[j].Line = m.index.Line(fmt.Sprintf("source[%d].errata[%d]", i, j))
		}
		for j := range m.Sources[i].Variants {
			m.Sources[i].Variants[j].Line = m.index.Line(fmt.Sprintf("source[%d].variants[%d]", i, j))
		}
	}
	if err := m.validate(); err != nil {
		return nil, err
	}
	return m, nil
}

func unwrapPath(err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// InstrumentKeyLine is where the i-th [[instrument]] sets key (a dotted
// path within it, "title.en"); in an inline table (title = { en = … }),
// where it sets the table; else where it sets its id.
func (m *Manifest) InstrumentKeyLine(i int, key string) int {
	for k := key; k != ""; {
		if l := m.index.Line(fmt.Sprintf("instrument[%d].%s", i, k)); l > 0 {
			return l
		}
		dot := strings.LastIndex(k, ".")
		if dot < 0 {
			break
		}
		k = k[:dot]
	}
	return m.instrumentLine(i)
}

// instrumentLine is where the i-th [[instrument]] sets its id (or starts).
func (m *Manifest) instrumentLine(i int) int {
	return m.index.Within(fmt.Sprintf("instrument[%d]", i), "id")
}

func (m *Manifest) errf(line int, format string, args ...any) error {
	return fileerr.At(m.Path, line, format, args...)
}

var idPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

func (m *Manifest) validate() error {
	if len(m.Instruments) == 0 {
		return m.errf(0, "no [[instrument]] entry")
	}
	inst := map[string]*Instrument{}
	for i := range m.Instruments {
		in := &m.Instruments[i]
		line := m.instrumentLine(i)
		if !idPattern.MatchString(in.ID) {
			return m.errf(line, "instrument id %q: use lower-case letters, digits and hyphens", in.ID)
		}
		if inst[in.ID] != nil {
			return m.errf(line, "duplicate instrument id %q", in.ID)
		}
		inst[in.ID] = in
		if len(in.Authority) == 0 {
			return m.errf(m.InstrumentKeyLine(i, "authority"), "instrument %s: authority is missing: name the source of its text in each language it is published in (%s)", in.ID, m.locales())
		}
		for _, lang := range slices.Sorted(maps.Keys(in.Authority)) {
			if _, ok := m.Lang(lang); !ok {
				return m.errf(m.InstrumentKeyLine(i, "authority."+lang), "instrument %s: authority.%s: %q is not a language of the site (config.toml: %s)", in.ID, lang, lang, m.locales())
			}
		}
		for _, lang := range m.Languages(in) {
			if in.Title[lang] == "" {
				return m.errf(line, "instrument %s: title.%s is missing", in.ID, lang)
			}
			if in.Issuer[lang] == "" {
				return m.errf(line, "instrument %s: issuer.%s is missing", in.ID, lang)
			}
		}
		for _, field := range []struct {
			name string
			m    map[string]string
		}{{"title", in.Title}, {"issuer", in.Issuer}} {
			for _, lang := range slices.Sorted(maps.Keys(field.m)) {
				if !in.Has(lang) {
					return m.errf(m.InstrumentKeyLine(i, field.name+"."+lang), "instrument %s: %s.%s, but the instrument has no authority.%s, so no %s text", in.ID, field.name, lang, lang, lang)
				}
			}
		}
		if in.Date.IsZero() {
			return m.errf(line, "instrument %s: date is missing", in.ID)
		}
		if len(in.Structure) == 0 {
			return m.errf(line, "instrument %s: structure is missing", in.ID)
		}
		intro := 0
		for _, b := range in.Structure {
			switch b.Kind {
			case BlockPreamble, BlockPoint, BlockClosing:
			case BlockIntro:
				intro++
				if b.Count != 1 || intro > 1 {
					return m.errf(line, "instrument %s: an intro block holds exactly one paragraph, once", in.ID)
				}
			default:
				return m.errf(line, "instrument %s: structure kind %q is not one of preamble, intro, point, closing", in.ID, b.Kind)
			}
			if b.First < 0 {
				return m.errf(line, "instrument %s: structure block %s has a negative first number", in.ID, b.Kind)
			}
			if b.Count < 1 {
				return m.errf(line, "instrument %s: structure block %s needs a count of at least 1", in.ID, b.Kind)
			}
		}
	}
	src := map[string]*Source{}
	files := map[string]string{}
	for i := range m.Sources {
		s := &m.Sources[i]
		if s.ID == "" {
			return m.errf(s.Line, "source without id")
		}
		if src[s.ID] != nil {
			return m.errf(s.Line, "duplicate source id %q", s.ID)
		}
		src[s.ID] = s
		fileLine := m.index.Within(fmt.Sprintf("source[%d]", i), "file")
		filesLine := m.index.Line(fmt.Sprintf("source[%d].files", i))
		switch {
		case filesLine > 0 && s.File != "":
			return m.errf(filesLine, "source %s: give either file or files, not both", s.ID)
		case filesLine > 0 && len(s.Files) == 0:
			return m.errf(filesLine, "source %s: files is empty; list the capture's files in order", s.ID)
		case filesLine > 0:
			fileLine = filesLine
		case s.File == "":
			return m.errf(s.Line, "source %s: file is missing", s.ID)
		}
		for _, f := range s.Captures() {
			if other, dup := files[f]; dup {
				if other == s.ID {
					return m.errf(fileLine, "source %s: file %s is listed twice", s.ID, f)
				}
				return m.errf(fileLine, "source %s: file %s is already source %s", s.ID, f, other)
			}
			files[f] = s.ID
			if err := textin.CheckLocal(m.Dir, filepath.ToSlash(filepath.Dir(m.Path)), f); err != nil {
				return m.errf(fileLine, "source %s: %v", s.ID, err)
			}
		}
		switch s.Format {
		case "text":
		case "html":
			if s.Selector == "" {
				return m.errf(s.Line, "source %s: an html source needs a selector for its content node", s.ID)
			}
		default:
			return m.errf(s.Line, "source %s: format %q is not text or html", s.ID, s.Format)
		}
		switch s.Encoding {
		case "", "utf-8", "gb18030", "gbk", "big5":
		default:
			return m.errf(s.Line, "source %s: encoding %q is not utf-8, gb18030, gbk or big5", s.ID, s.Encoding)
		}
		switch s.Kind {
		case KindOfficialText, KindNewsRelease, KindNewsReport:
		default:
			return m.errf(s.Line, "source %s: kind %q is not %s, %s or %s", s.ID, s.Kind, KindOfficialText, KindNewsRelease, KindNewsReport)
		}
		if s.Instrument != "" && inst[s.Instrument] == nil {
			return m.errf(s.Line, "source %s: unknown instrument %q", s.ID, s.Instrument)
		}
		if s.CrossCheck != "" && inst[s.CrossCheck] == nil {
			return m.errf(s.Line, "source %s: crosscheck names unknown instrument %q", s.ID, s.CrossCheck)
		}
		if len(s.Languages) == 0 {
			return m.errf(s.Line, "source %s: languages is missing", s.ID)
		}
		for _, l := range s.Languages {
			if _, ok := m.Lang(l); !ok {
				return m.errf(m.index.Within(fmt.Sprintf("source[%d]", i), "languages"), "source %s: language %q is not a language of the site (config.toml: %s)", s.ID, l, m.locales())
			}
		}
		switch s.Layout {
		case LayoutSingle:
			if len(s.Languages) != 1 {
				return m.errf(s.Line, "source %s: a single layout has exactly one language", s.ID)
			}
		case LayoutInterleaved:
			if len(s.Languages) != 2 {
				return m.errf(s.Line, "source %s: an interleaved layout has two languages, in the order they appear", s.ID)
			}
		case LayoutSequential:
			if len(s.Sections) != len(s.Languages) {
				return m.errf(s.Line, "source %s: a sequential layout needs one section per language", s.ID)
			}
			for j, sec := range s.Sections {
				if sec.Lang != s.Languages[j] {
					return m.errf(s.Line, "source %s: section %d has lang %q; sections follow languages in order", s.ID, j+1, sec.Lang)
				}
			}
		default:
			return m.errf(s.Line, "source %s: layout %q is not single, interleaved or sequential", s.ID, s.Layout)
		}
		if s.Layout != LayoutSequential && len(s.Sections) > 1 {
			return m.errf(s.Line, "source %s: only a sequential layout has more than one section", s.ID)
		}
		for _, sec := range s.Sections {
			for _, p := range append([]string{sec.Start, sec.End}, sec.Drop...) {
				if _, err := regexp.Compile(p); err != nil {
					return m.errf(s.Line, "source %s: pattern %q: %v", s.ID, p, err)
				}
			}
		}
		switch s.Clean.Convert {
		case "", "tw2s":
		default:
			return m.errf(s.Line, "source %s: clean.convert %q is not tw2s", s.ID, s.Clean.Convert)
		}
		if len(s.Errata) > 0 && s.Instrument == "" {
			return m.errf(s.Errata[0].Line, "source %s has errata but carries no instrument", s.ID)
		}
		for _, e := range s.Errata {
			if e.Part == "" || e.Wrong == "" || e.Authority == "" {
				return m.errf(e.Line, "source %s: an erratum needs part, wrong, right and authority", s.ID)
			}
			if !slices.Contains(s.Languages, e.Lang) {
				return m.errf(e.Line, "source %s: erratum lang %q is not a language of the source (%s)", s.ID, e.Lang, strings.Join(s.Languages, ", "))
			}
			if e.Wrong == e.Right {
				return m.errf(e.Line, "source %s: erratum changes nothing", s.ID)
			}
		}
		seenVariant := map[[2]string]bool{}
		for _, v := range s.Variants {
			if s.Kind != KindOfficialText || s.Instrument == "" {
				return m.errf(v.Line, "source %s: only an official text of an instrument has variants", s.ID)
			}
			if v.Part == "" || v.Reason == "" {
				return m.errf(v.Line, "source %s: a variant needs part, lang and reason", s.ID)
			}
			if !slices.Contains(s.Languages, v.Lang) {
				return m.errf(v.Line, "source %s: variant lang %q is not a language of the source", s.ID, v.Lang)
			}
			if k := [2]string{v.Part, v.Lang}; seenVariant[k] {
				return m.errf(v.Line, "source %s: a second variant of %s (%s)", s.ID, v.Part, v.Lang)
			} else {
				seenVariant[k] = true
			}
		}
	}
	for i, in := range m.Instruments {
		for _, lang := range slices.Sorted(maps.Keys(in.Authority)) {
			s := src[in.Authority[lang]]
			if s == nil {
				line := m.index.Line(fmt.Sprintf("instrument[%d].authority.%s", i, toml.Key{lang}))
				if line == 0 {
					line = m.index.Within(fmt.Sprintf("instrument[%d]", i), "authority")
				}
				return m.errf(line, "instrument %s: authority.%s names unknown source %q", in.ID, lang, in.Authority[lang])
			}
			if s.Instrument != in.ID {
				return m.errf(s.Line, "source %s is the authority for %s but carries instrument %q", s.ID, in.ID, s.Instrument)
			}
			if s.Kind != KindOfficialText {
				return m.errf(s.Line, "source %s is the authority for %s but is not an official text", s.ID, in.ID)
			}
			if !slices.Contains(s.Languages, lang) {
				return m.errf(s.Line, "source %s is the %s authority for %s but has no %s text", s.ID, lang, in.ID, lang)
			}
		}
	}
	return nil
}

// Instrument returns the instrument with the given id, or nil.
func (m *Manifest) Instrument(id string) *Instrument {
	for i := range m.Instruments {
		if m.Instruments[i].ID == id {
			return &m.Instruments[i]
		}
	}
	return nil
}

// DateString formats a manifest date as YYYY-MM-DD, or "" when unset.
func DateString(d time.Time) string {
	if d.IsZero() {
		return ""
	}
	return d.Format(time.DateOnly)
}
