package ingest

import (
	"bytes"

	"github.com/BurntSushi/toml"
)

// The content model: the front matter of every page ingest generates, as Go
// types. These types are the only writer of the format; docs/content-model.md
// documents each field, and the layouts read nothing else of a generated
// page. Each page kind has a Hugo type (front matter "type"), so that Hugo's
// layout lookup picks its template (layouts/<type>/…) and templates never
// switch on a parameter to tell kinds apart.

// Page types, one per generated page kind.
const (
	TypeInstrument = "instrument"
	TypePart       = "part"
	TypePair       = "pair"
	TypeTheme      = "theme"
)

// GeneratedTypes are the page types only ingest may give a page.
var GeneratedTypes = []string{TypeInstrument, TypePart, TypePair, TypeTheme}

// Date is a calendar date written as a TOML local date (2020-09-08), as Hugo
// reads it; an empty Date is not written.
type Date string

// MarshalTOML writes the date unquoted.
func (d Date) MarshalTOML() ([]byte, error) { return []byte(d), nil }

// ByLang maps a manifest language ("en", "zh-Hans") to a value.
type ByLang map[string]string

// InstrumentPage is an instrument's section page,
// content/<lang>/<instrument>/_index.md. Its Lastmod is when its text
// last changed (instrumentLastmod), not the build's date.
type InstrumentPage struct {
	Title          string           `toml:"title"`
	Date           Date             `toml:"date"`
	Weight         int              `toml:"weight"`
	TranslationKey string           `toml:"translationKey"`
	Type           string           `toml:"type"`
	Outputs        []string         `toml:"outputs"`
	Lastmod        Date             `toml:"lastmod,omitempty"`
	Params         InstrumentParams `toml:"params"`
}

// InstrumentParams are an instrument page's parameters.
type InstrumentParams struct {
	Instrument string `toml:"instrument"`
	// NameWithYear is the title with the year: "Global Initiative on Data
	// Security (2020)".
	NameWithYear string `toml:"nameWithYear"`
	// LanguageNames names the languages the instrument is published in,
	// in the page's language, its own first: "English and Chinese",
	// "中文和英文" (lang_<key>, listSeparator, listAnd).
	LanguageNames string   `toml:"languageNames"`
	Issuer        string   `toml:"issuer"`
	Sources       []string `toml:"sources"`
	Authority     ByLang   `toml:"authority"`
	// ShortTitle is the instrument's short form: "2020 initiative"
	// (instrumentShort), or the title where another instrument has the
	// same year; the parallel view's title says it where the full one is
	// too long.
	ShortTitle string `toml:"shortTitle"`
	// Card is the page's link-preview image, which shows the title over
	// the issuer; nil where the site draws none.
	Card *Card `toml:"card,omitempty"`
	// JSONLD is the page's structured data as JSON (instrumentJSONLD),
	// which the head prints as it is.
	JSONLD string `toml:"jsonLD"`
}

// PartPage is a part's page, content/<lang>/<instrument>/<id>.md. Its
// Lastmod is when its text last changed (partLastmod), not the build's
// date.
type PartPage struct {
	Title string `toml:"title"`
	// Description is the page's meta description, worked out by ingest
	// (partDescription) rather than on every build.
	Description    string     `toml:"description"`
	LinkTitle      string     `toml:"linkTitle"`
	Date           Date       `toml:"date"`
	Weight         int        `toml:"weight"`
	TranslationKey string     `toml:"translationKey"`
	Type           string     `toml:"type"`
	Lastmod        Date       `toml:"lastmod,omitempty"`
	Params         PartParams `toml:"params"`
}

// PartParams are a part page's parameters.
type PartParams struct {
	Instrument string `toml:"instrument"`
	ID         string `toml:"id"`
	Key        string `toml:"key"`
	Role       string `toml:"role"`
	Number     string `toml:"number"`
	Label      string `toml:"label"`
	// Name and ShortName name the part elsewhere than on its page: with
	// its instrument and year, and with the year only.
	Name      string `toml:"name"`
	ShortName string `toml:"shortName"`
	Text      string `toml:"text"`
	// Marked is, by locale, the text with the quotes of the notes this
	// page shows marked (<mark>), as HTML; only where a quote is found.
	Marked     map[string]string `toml:"marked,omitempty"`
	Hash       string            `toml:"hash"`
	Source     string            `toml:"source"`
	SourceLine int               `toml:"sourceLine"`
	// SourceFile names the file of the source that SourceLine is in, as
	// the manifest does, when the source was captured in several files.
	SourceFile string   `toml:"sourceFile,omitempty"`
	Themes     []string `toml:"themes"`
	// ThemeRefs are the themes of Themes, in that order, named for the
	// page (without their explanations).
	ThemeRefs []ThemeRef `toml:"themeRefs"`
	// SearchTerms are the names and the editors' keywords of the part's
	// themes in the page's language: indexed for search at a lower weight
	// than the text (never shown), so that a query naming the concept
	// finds the clause that words it differently.
	SearchTerms []string `toml:"searchTerms,omitempty"`
	// Counterparts are the parts of other instruments that share a theme
	// with this one, in the order of the pairs (document order), each with
	// the page comparing the two texts.
	Counterparts []Counterpart `toml:"counterparts,omitempty"`
	// Provenance says where the text comes from in each language the
	// part has, in the site's order, labelled for the page's language
	// (components/provenance-part.html prints it).
	Provenance []PartSource        `toml:"provenance"`
	Reported   []ReportedParagraph `toml:"reported,omitempty"`
	// ShortTitle names the part with its instrument's short form:
	// "Point 3 of the 2020 initiative"; the page's heading, and its title
	// where the full one is too long.
	ShortTitle string `toml:"shortTitle"`
	// Card is the page's link-preview image, which shows the short title
	// over the instrument's title; nil where the site draws none.
	Card *Card `toml:"card,omitempty"`
	// JSONLD is the page's structured data as JSON (partJSONLD), which
	// the head prints as it is.
	JSONLD string `toml:"jsonLD"`
	// HeadTitle is the page's <title>, worked out by ingest (headTitle).
	HeadTitle string `toml:"headTitle"`
}

// Counterpart is a related part of another instrument, named and addressed
// in the page's language.
type Counterpart struct {
	Key  string `toml:"key"`
	Name string `toml:"name"`
	// Lang is the locale of Name and of the page at URL when the
	// counterpart's instrument is not published in the page's language.
	Lang string `toml:"lang,omitempty"`
	URL  string `toml:"url"`
	// PairURL is the page comparing the two, where it exists in the
	// page's language (both instruments published in it).
	PairURL string `toml:"pairURL,omitempty"`
}

// ReportedParagraph is a paragraph of news coverage that the editors
// confirmed restates the part (data/alignments.toml).
type ReportedParagraph struct {
	Source    string `toml:"source"`
	Paragraph int    `toml:"paragraph"`
	Lang      string `toml:"lang"`
	Text      string `toml:"text"`
}

// PairPage is the comparison of two related parts of compared instruments,
// content/<lang>/compare/<a>--<b>.md, a of the instrument b's is compared
// with. Its weight orders the pairs in document order: by a's instrument
// (manifest order) and place, then b's place.
type PairPage struct {
	Title string `toml:"title"`
	// Description is the page's meta description (pairDescription).
	Description    string     `toml:"description"`
	Weight         int        `toml:"weight"`
	TranslationKey string     `toml:"translationKey"`
	Type           string     `toml:"type"`
	Params         PairParams `toml:"params"`
}

// PairParams are a pair page's parameters.
type PairParams struct {
	A string `toml:"a"`
	B string `toml:"b"`
	// Name is the pair's short name: "Point 7 (2020) and Point 11 (2024)
	// compared".
	Name   string   `toml:"name"`
	Themes []string `toml:"themes"`
	// ThemeRefs are the themes of Themes, in that order, named and
	// explained for the page.
	ThemeRefs  []ThemeRef `toml:"themeRefs"`
	Similarity float64    `toml:"similarity"`
	// Common is, per language, the percentage of the two texts that the
	// diff finds in both (compare.Common).
	Common map[string]int `toml:"common"`
	// Diffed is true when the differences are marked: Common reaches
	// DiffFrom (DiffThreshold as a percentage) in every language.
	Diffed   bool `toml:"diffed"`
	DiffFrom int  `toml:"diffFrom"`
	// Diff holds, per language, each side as HTML made by compare.HTML:
	// the escaped text, with <del> and <ins> when Diffed.
	Diff map[string]PairDiff `toml:"diff"`
	// HeadTitle is the page's <title>, worked out by ingest (headTitle).
	HeadTitle string `toml:"headTitle"`
	// JSONLD is the page's structured data as JSON (pairJSONLD), printed
	// by the head as it is.
	JSONLD string `toml:"jsonLD"`
}

// PairDiff is one language's diff of a pair, side by side.
type PairDiff struct {
	A string `toml:"a"`
	B string `toml:"b"`
}

// ThemePage is a theme of the comparison, content/<lang>/themes/<id>.md.
type ThemePage struct {
	Title string `toml:"title"`
	// Description is the page's meta description (themeDescription), as
	// every generated page's is.
	Description    string      `toml:"description"`
	Weight         int         `toml:"weight"`
	TranslationKey string      `toml:"translationKey"`
	Type           string      `toml:"type"`
	Params         ThemeParams `toml:"params"`
}

// ThemeParams are a theme page's parameters.
type ThemeParams struct {
	ID string `toml:"id"`
	// Lead is the editors' description of the theme, printed under its
	// name.
	Lead string `toml:"lead"`
	// Verdicts are the theme's verdicts, one per comparison it judges
	// (themes.File.Comparisons), in that order.
	Verdicts []ThemeVerdict `toml:"verdicts"`
	// Why is the heading of the explanation: "Why “Extended”".
	Why         string   `toml:"why"`
	Parts       []string `toml:"parts"`
	Explanation string   `toml:"explanation"`
	// Columns are the theme's parts by instrument: one per column of the
	// comparison table (every instrument, in the manifest's order), each
	// with the theme's parts of that instrument in document order (none
	// where the theme has none), named, addressed and quoted for the
	// page's language, so that neither the theme page nor the table looks
	// a page up.
	Columns []ThemeColumn `toml:"columns"`
	// Pairs are the pages comparing two parts of the theme, in document
	// order, named and addressed in the page's language.
	Pairs []PairLink `toml:"pairs"`
	// HeadTitle is the page's <title>, worked out by ingest (headTitle).
	HeadTitle string `toml:"headTitle"`
	// JSONLD is the page's structured data as JSON (themeJSONLD), printed
	// by the head as it is.
	JSONLD string `toml:"jsonLD"`
}

// ThemeVerdict is a theme's verdict on one comparison, labelled in the
// page's language.
type ThemeVerdict struct {
	Instrument string `toml:"instrument"`
	Compared   string `toml:"compared"`
	ID         string `toml:"id"`
	// Label: "Extended", "New in 2024" (i18n verdict_<id>).
	Label string `toml:"label"`
	// Comparison names the comparison ("2024 compared with 2020") when
	// the corpus has several; "" otherwise.
	Comparison string `toml:"comparison,omitempty"`
}

// ThemeRef is a theme as a part or pair page names it: its page, its
// verdicts, and (on pair pages) its explanation.
type ThemeRef struct {
	ID          string         `toml:"id"`
	Name        string         `toml:"name"`
	URL         string         `toml:"url"`
	Explanation string         `toml:"explanation,omitempty"`
	Verdicts    []ThemeVerdict `toml:"verdicts"`
}

// PairLink names and addresses a pair page.
type PairLink struct {
	Name string `toml:"name"`
	URL  string `toml:"url"`
}

// ThemeColumn is one instrument's parts in a theme.
type ThemeColumn struct {
	Instrument string `toml:"instrument"`
	// Name is the instrument's name with its year, URL its page, for the
	// page's language; where the instrument is not published in it, its
	// first language's, whose locale Lang then gives.
	Name  string      `toml:"name"`
	URL   string      `toml:"url"`
	Lang  string      `toml:"lang,omitempty"`
	Parts []ThemePart `toml:"parts"`
}

// ComparePage is the comparison page in a language: its tables, and the
// themes in none (judging no comparison, with parts in no instrument
// compared), listed after them by name.
type ComparePage struct {
	Tables []CompareTable `toml:"tables"`
	Other  []ThemeLink    `toml:"other"`
}

// ThemeLink is a theme as a link names it: its id (the anchor of its place
// on the comparison page), name and address.
type ThemeLink struct {
	ID   string `toml:"id"`
	Name string `toml:"name"`
	URL  string `toml:"url"`
}

// CompareTable is one table of the comparison page: a comparison (an
// instrument and the one it is compared with) on the themes it is judged
// on.
type CompareTable struct {
	Instrument string `toml:"instrument"`
	Compared   string `toml:"compared"`
	// Name names the comparison ("2024 compared with 2020") when the page
	// has several tables; "" otherwise.
	Name    string `toml:"name"`
	Caption string `toml:"caption"`
	// Columns are the comparison's two instruments, in the manifest's
	// order, as a theme's columns name them (without parts).
	Columns []ThemeColumn `toml:"columns"`
	Rows    []CompareRow  `toml:"rows"`
}

// CompareRow is a theme as a row of a comparison table.
type CompareRow struct {
	ID string `toml:"id"`
	// Anchor is the row's id on the page: the theme's id on its first row
	// (theme pages link to it), "" on the others.
	Anchor string `toml:"anchor"`
	Name   string `toml:"name"`
	URL    string `toml:"url"`
	// Pairs are the theme's pair pages between the table's instruments.
	Pairs []PairLink `toml:"pairs"`
	// Verdicts is the theme's verdict on the table's comparison (none
	// when it judges none), without the comparison's name.
	Verdicts []ThemeVerdict `toml:"verdicts"`
	// Cells are the theme's parts in each column's instrument.
	Cells []ThemeColumn `toml:"cells"`
}

// ThemePart is a part as a theme quotes it: its label, address and text in
// the page's language, or (Lang set) in its instrument's first language.
type ThemePart struct {
	Key   string `toml:"key"`
	Label string `toml:"label"`
	URL   string `toml:"url"`
	Text  string `toml:"text"`
	Lang  string `toml:"lang,omitempty"`
}

// generatedPage is what every page type has in common.
type generatedPage interface{ translationKey() string }

func (p InstrumentPage) translationKey() string { return p.TranslationKey }
func (p PartPage) translationKey() string       { return p.TranslationKey }
func (p PairPage) translationKey() string       { return p.TranslationKey }
func (p ThemePage) translationKey() string      { return p.TranslationKey }

// page writes front matter: TOML between +++ lines, with the generated
// file's header comment first.
func page(v generatedPage) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("+++\n" + header)
	if err := encodeTOML(&b, v); err != nil {
		return nil, err
	}
	b.WriteString("+++\n")
	return b.Bytes(), nil
}

func encodeTOML(b *bytes.Buffer, v any) error {
	enc := toml.NewEncoder(b)
	enc.Indent = ""
	return enc.Encode(v)
}

// PartSource is where a part's text in one language comes from, as its
// pages say it: the source, with its publisher, the file and line of the
// capture, the corrections made to this text, and the text's hash.
type PartSource struct {
	Lang string `toml:"lang"` // the text's locale
	// LangName names the language in the page's (i18n lang_<key>).
	LangName string `toml:"langName"`
	Source   string `toml:"source"` // the source's id
	// Label names the source ("Source 001", i18n sourceN).
	Label     string `toml:"label"`
	Publisher string `toml:"publisher,omitempty"`
	// File is the capture's file the text is in, for a source captured
	// in several.
	File string `toml:"file,omitempty"`
	// Line is where the text starts in the capture, said in the page's
	// language ("line 12 of the capture", i18n captureLine).
	Line   string        `toml:"line,omitempty"`
	Errata []PartErratum `toml:"errata,omitempty"`
	Hash   string        `toml:"hash"`
}

// PartErratum is a correction made to a part's text on an authority.
type PartErratum struct {
	Wrong     string `toml:"wrong"`
	Right     string `toml:"right"`
	Authority string `toml:"authority"`
}
