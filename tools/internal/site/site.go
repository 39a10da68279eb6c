// Package site reads what the Go tooling needs of the Hugo site's own
// configuration, so that languages, addresses and labels come from one
// place, config.toml and i18n/, and never from Go literals:
//
//   - the languages (Hugo key, locale, weight) and the base address, from
//     config.toml;
//   - the interface strings of each language, from i18n/<key>.toml, which
//     Go renders the way Hugo's i18n function does (Go templates over a
//     map of values) for the labels and names it writes into the content.
//
// A language's locale ("en", "zh-Hans") is also how the manifest names
// the language of a text.
package site

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"text/template"

	"github.com/BurntSushi/toml"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/annotated-data-initiatives/site/tools/internal/corpus"
	"github.com/annotated-data-initiatives/site/tools/internal/fileerr"
)

// ConfigPath is the Hugo configuration, relative to the project root.
const ConfigPath = "config.toml"

// Site is the configuration the tooling reads.
type Site struct {
	// BaseURL ends with a slash.
	BaseURL string
	// Languages are in Hugo's order: by weight, then key.
	Languages []*Language
	// DefaultLanguage is the key of the default content language.
	DefaultLanguage string
	// DefaultInSubdir puts the default language under /<key>/ too.
	DefaultInSubdir bool
	// OriginalLanguage is the key of the language the instruments were
	// issued in (params.originalLanguage): the others' texts are
	// translations of its (the structured data says so).
	OriginalLanguage string
	// CardBase and CardFont are the base image and the font of the
	// pages' link-preview cards (params.card.base and .font, relative to
	// the project in config.toml, absolute here); empty when the site
	// draws no cards.
	CardBase, CardFont string
}

// Language is one of the site's languages.
type Language struct {
	Key    string // Hugo's key, the folder of its content: "en", "zh"
	Locale string // "en", "zh-Hans": the language of texts in the manifest
	// Script is the ISO 15924 code of the language's writing ("Latn",
	// "Hans"), from the locale (CLDR's likely script when the locale does
	// not name one): it decides which cleaning and checks apply to a text.
	Script string
	// Name is the language's name in English ("Simplified Chinese"), for
	// the tooling's messages.
	Name   string
	Weight int
	// Title is the site's title in the language (languages.<key>.title,
	// else the site's title), as Hugo's site.Title.
	Title string

	strings map[string]*template.Template
}

type config struct {
	BaseURL                        string `toml:"baseURL"`
	DefaultContentLanguage         string `toml:"defaultContentLanguage"`
	DefaultContentLanguageInSubdir bool   `toml:"defaultContentLanguageInSubdir"`
	Title                          string `toml:"title"`
	Languages                      map[string]struct {
		Locale string `toml:"locale"`
		Weight int    `toml:"weight"`
		Title  string `toml:"title"`
	} `toml:"languages"`
	Params struct {
		OriginalLanguage string `toml:"originalLanguage"`
		Card             struct {
			Base string `toml:"base"`
			Font string `toml:"font"`
		} `toml:"card"`
	} `toml:"params"`
}

// Load reads config.toml and i18n/<key>.toml for every language under root.
func Load(root string) (*Site, error) {
	data, err := os.ReadFile(filepath.Join(root, ConfigPath))
	if err != nil {
		return nil, fileerr.Rel(root, err)
	}
	var c config
	if _, err := toml.Decode(string(data), &c); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, fileerr.At(ConfigPath, pe.Position.Line, "%s", pe.Message)
		}
		return nil, fileerr.At(ConfigPath, 0, "%v", err)
	}
	s := &Site{BaseURL: c.BaseURL, DefaultLanguage: c.DefaultContentLanguage, DefaultInSubdir: c.DefaultContentLanguageInSubdir,
		OriginalLanguage: c.Params.OriginalLanguage}
	if b, f := c.Params.Card.Base, c.Params.Card.Font; b != "" || f != "" {
		if b == "" || f == "" {
			return nil, fileerr.At(ConfigPath, 0, "params.card needs both base (an image) and font")
		}
		s.CardBase, s.CardFont = filepath.Join(root, filepath.FromSlash(b)), filepath.Join(root, filepath.FromSlash(f))
	}
	if !strings.HasSuffix(s.BaseURL, "/") {
		s.BaseURL += "/"
	}
	if len(c.Languages) == 0 {
		return nil, fileerr.At(ConfigPath, 0, "no [languages]: the tooling needs each language's key and locale")
	}
	for key, l := range c.Languages {
		if l.Locale == "" {
			return nil, fileerr.At(ConfigPath, 0, "languages.%s has no locale", key)
		}
		tag, err := language.Parse(l.Locale)
		if err != nil {
			return nil, fileerr.At(ConfigPath, 0, "languages.%s: locale %q is not a BCP 47 language tag", key, l.Locale)
		}
		lang := &Language{Key: key, Locale: l.Locale, Weight: l.Weight, Script: corpus.ScriptOf(l.Locale), Name: display.English.Tags().Name(tag), Title: cmp.Or(l.Title, c.Title)}
		if lang.strings, err = loadStrings(root, key); err != nil {
			return nil, err
		}
		s.Languages = append(s.Languages, lang)
	}
	sort.Slice(s.Languages, func(i, j int) bool {
		a, b := s.Languages[i], s.Languages[j]
		if a.Weight != b.Weight {
			return a.Weight < b.Weight
		}
		return a.Key < b.Key
	})
	if s.DefaultLanguage == "" {
		s.DefaultLanguage = s.Languages[0].Key
	}
	return s, nil
}

// loadStrings reads i18n/<key>.toml: a flat table of strings, each a Go
// template. A missing file leaves the language without strings.
func loadStrings(root, key string) (map[string]*template.Template, error) {
	rel := path.Join("i18n", key+".toml")
	data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(rel)))
	if errors.Is(err, fs.ErrNotExist) {
		return map[string]*template.Template{}, nil
	}
	if err != nil {
		return nil, fileerr.Rel(root, err)
	}
	var raw map[string]string
	if _, err := fileerr.DecodeTOML(rel, data, &raw); err != nil {
		return nil, err
	}
	out := map[string]*template.Template{}
	for id, text := range raw {
		t, err := template.New(id).Option("missingkey=error").Parse(text)
		if err != nil {
			return nil, fileerr.At(rel, 0, "%s: %v", id, err)
		}
		out[id] = t
	}
	return out, nil
}

// Language returns the language with a locale, or nil.
func (s *Site) Language(locale string) *Language {
	for _, l := range s.Languages {
		if l.Locale == locale {
			return l
		}
	}
	return nil
}

// Langs lists the languages in the site's order, as the other packages
// name them.
func (s *Site) Langs() []corpus.Lang {
	out := make([]corpus.Lang, len(s.Languages))
	for i, l := range s.Languages {
		out[i] = l.Lang()
	}
	return out
}

// Lang is the language as the other packages name it.
func (l *Language) Lang() corpus.Lang {
	return corpus.Lang{Key: l.Key, Locale: l.Locale, Script: l.Script, Name: l.Name}
}

// Locales lists the languages' locales in the site's order.
func (s *Site) Locales() []string {
	out := make([]string, len(s.Languages))
	for i, l := range s.Languages {
		out[i] = l.Locale
	}
	return out
}

// T renders the interface string id with data, as Hugo's i18n does. It is
// an error for the string to be missing: labels must exist in every
// language, and the i18n tests keep the files' keys the same.
func (l *Language) T(id string, data any) (string, error) {
	t, ok := l.strings[id]
	if !ok {
		return "", fmt.Errorf("i18n/%s.toml: no string %q", l.Key, id)
	}
	var b bytes.Buffer
	if err := t.Execute(&b, data); err != nil {
		return "", fmt.Errorf("i18n/%s.toml: %s: %v", l.Key, id, err)
	}
	return b.String(), nil
}

// RelURL is the address of a page under the language's root: "/en/x/y/"
// for the content path "x/y" ("" for the home page).
func (s *Site) RelURL(l *Language, contentPath string) string {
	p := "/"
	if l.Key != s.DefaultLanguage || s.DefaultInSubdir {
		p += l.Key + "/"
	}
	if contentPath != "" {
		p += strings.Trim(contentPath, "/") + "/"
	}
	return p
}

// Permalink is the absolute address of a page: the base address and
// RelURL.
func (s *Site) Permalink(l *Language, contentPath string) string {
	return s.Absolute(s.RelURL(l, contentPath))
}

// Absolute makes an address on the site (starting with /) absolute.
func (s *Site) Absolute(rel string) string {
	u, err := url.Parse(s.BaseURL)
	if err != nil {
		return strings.TrimSuffix(s.BaseURL, "/") + rel
	}
	return strings.TrimSuffix(u.String(), "/") + rel
}
