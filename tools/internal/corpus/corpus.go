// Package corpus is the vocabulary every stage of the tooling shares: the
// parts of an instrument, their keys, and the languages their texts are in.
// Ingest makes parts; the notes checker, the themes file and the
// comparison read them. It imports nothing of the project, so that every
// package can.
package corpus

import (
	"strings"

	"golang.org/x/text/language"
)

// Part is one identified unit of an instrument, in every language it has.
//
// IDs follow Akoma Ntoso's eId conventions and are derived from the part's
// position in the official text, never renumbered:
//
//	preamble__p_N    the Nth paragraph of the preamble
//	intro            the lead-in paragraph that introduces the points
//	point_N          the Nth point
//	conclusions__p_N the Nth closing paragraph
//
// The maps are keyed by the language of the text (a locale, "en",
// "zh-Hans").
type Part struct {
	Instrument string
	ID         string
	Key        string // Key(Instrument, ID)
	Role       string // RolePreamble, RoleClause or RoleClosing
	Kind       string // the structure block kind of the manifest
	Number     string // display number of points, "" otherwise
	Ordinal    int    // number within its kind
	Weight     int    // position in the document, from 1
	Text       map[string]string
	Hash       map[string]string // SHA-256 of Text, hex
	Source     map[string]string // id of the source of the text
	File       map[string]string // capture file of the text, from the project root
	Line       map[string]int    // line of that file where the text is
}

// Roles of parts.
const (
	RolePreamble = "preamble"
	RoleClause   = "clause"
	RoleClosing  = "closing"
)

// Key is a part's global key, "<instrument>/<id>": the same in every
// language, the path of its page and its anchor on the instrument's page.
func Key(instrument, id string) string { return instrument + "/" + id }

// SplitKey is the instrument and the id of a key.
func SplitKey(key string) (instrument, id string) {
	instrument, id, _ = strings.Cut(key, "/")
	return instrument, id
}

// Lang is a language of the site.
type Lang struct {
	Key    string // Hugo's key, the folder of its content: "en", "zh"
	Locale string // the language of its texts, as the manifest names it: "en", "zh-Hans"
	Script string // ISO 15924: "Latn", "Hans"
	Name   string // in English, for messages: "English", "Simplified Chinese"
}

// ScriptOf is the ISO 15924 script of a locale: the one it names
// ("zh-Hant"), else CLDR's likely script for its language ("zh" → "Hans",
// "en" → "Latn"); "" for a locale that is not a language tag.
func ScriptOf(locale string) string {
	tag, err := language.Parse(locale)
	if err != nil {
		return ""
	}
	s, _ := tag.Script()
	return s.String()
}

// IsHan reports whether a locale's language is written in Chinese
// characters (see Lang.Han).
func IsHan(locale string) bool { return Lang{Script: ScriptOf(locale)}.Han() }

// Han reports whether the language is written in Chinese characters
// (Simplified, Traditional or unspecified Han): such text is segmented by
// character, may carry pinyin, full-width punctuation and Traditional forms
// to convert, and is checked for mojibake.
func (l Lang) Han() bool {
	switch l.Script {
	case "Hans", "Hant", "Hani":
		return true
	}
	return false
}
