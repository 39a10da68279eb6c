// Package opencc converts Traditional Chinese (Taiwan standard) to
// Simplified Chinese exactly as OpenCC's "tw2s" configuration does
// (`opencc -c tw2s`), in pure Go and without cgo or external files.
//
// It exists so that the site tools can normalise Traditional Chinese
// captures to Simplified Chinese reproducibly, with the same result as the
// OpenCC command-line tool but without depending on it at run time.
//
// The dictionaries in dict/ are OpenCC's TWVariantsRevPhrases,
// TWVariantsRev, TSPhrases and TSCharacters, exported unmodified to text
// from the Debian package libopencc-data 1.1.6+ds1-1. OpenCC is
// Copyright BYVoid and contributors and licensed under the Apache License,
// Version 2.0; see dict/LICENSE and dict/NOTICE. The Go code re-implements
// OpenCC's algorithm (maximum-match segmentation with TSPhrases, then the
// conversion chain [TWVariantsRevPhrases, TWVariantsRev] →
// [TSPhrases, TSCharacters] on each segment) and contains no OpenCC code.
package opencc

import (
	_ "embed"
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"
)

//go:embed dict/TWVariantsRevPhrases.txt
var twVariantsRevPhrasesTxt string

//go:embed dict/TWVariantsRev.txt
var twVariantsRevTxt string

//go:embed dict/TSPhrases.txt
var tsPhrasesTxt string

//go:embed dict/TSCharacters.txt
var tsCharactersTxt string

// TW2S converts s from Traditional Chinese (Taiwan standard) to Simplified
// Chinese; the result is byte-for-byte what `opencc -c tw2s` (OpenCC 1.1.6
// data) prints for the same valid UTF-8 text. Characters that no dictionary
// knows (ASCII, punctuation, pinyin, Simplified characters) are copied
// unchanged, and so are invalid UTF-8 bytes and NUL bytes (where the OpenCC
// tool would fail or stop). The dictionaries are loaded on first use. TW2S
// is safe for concurrent use.
func TW2S(s string) string {
	if s == "" {
		return ""
	}
	return getTables().convert(s)
}

// The four dictionaries of the tw2s configuration, by index.
const (
	twVariantsRevPhrases = iota
	twVariantsRev
	tsPhrases
	tsCharacters
	nDicts
)

var dictNames = [nDicts]string{"TWVariantsRevPhrases", "TWVariantsRev", "TSPhrases", "TSCharacters"}

// maxKeyRunes bounds the key length accepted from the dictionaries (the
// longest key in the OpenCC 1.1.6 data has 14 runes).
const maxKeyRunes = 32

// runeInfo is what the dictionaries hold for keys starting with one rune,
// so that one lookup per position serves a whole group.
type runeInfo struct {
	longest [nDicts]uint8  // per dictionary: runes in its longest key starting with the rune; 0 if none
	single  [nDicts]string // per dictionary: default value of the one-rune key; "" if none
}

// tables holds the tw2s configuration. A dictionary is a map from key to
// default (first) value, split into the one-rune keys (in runeInfo.single)
// and the longer keys (in phrases).
//
// The runeInfo of a rune r is found without hashing through a two-level
// table: pages[r>>8] is 1 + the number of r's 256-rune page in slots (0: no
// key starts in that page), and the slot holds 1 + the index in infos (0:
// no key starts with r).
type tables struct {
	pages   [(utf8.MaxRune + 1) >> 8]uint16
	slots   []uint16
	infos   []runeInfo
	phrases [nDicts]map[string]string // keys of two or more runes
	// asciiKeys reports whether any key starts with an ASCII byte; when
	// none does, ASCII text never matches.
	asciiKeys bool
}

// The segmentation dictionary and the conversion chain of tw2s.json: each
// conversion is a DictGroup whose match is that of the first dictionary, in
// order, that has any prefix match (not the longest across them).
var (
	segmentation = []int{tsPhrases}
	chain        = [2][]int{{twVariantsRevPhrases, twVariantsRev}, {tsPhrases, tsCharacters}}
)

var getTables = sync.OnceValue(load)

// load parses the embedded dictionaries.
func load() *tables {
	return build([nDicts]string{twVariantsRevPhrasesTxt, twVariantsRevTxt, tsPhrasesTxt, tsCharactersTxt})
}

// build parses dictionaries in OpenCC's text format: "key<TAB>value[<SPACE>
// value...]" per line, the first value being the default. Keys and values
// are substrings of the data, so they are not copied. It panics on
// malformed data, which is embedded and checked by the tests.
func build(data [nDicts]string) *tables {
	// Size infos, slots and phrases from the number of lines, of pages
	// used and of keys longer than one rune.
	lines, pages := 0, 0
	var long [nDicts]int
	var seen [len(tables{}.pages)]bool
	for d, text := range data {
		for text != "" {
			r, size := utf8.DecodeRuneInString(text)
			if !seen[r>>8] {
				seen[r>>8] = true
				pages++
			}
			if size < len(text) && text[size] != '\t' {
				long[d]++
			}
			lines++
			i := strings.IndexByte(text, '\n')
			if i < 0 {
				break
			}
			text = text[i+1:]
		}
	}
	t := &tables{
		infos: make([]runeInfo, 0, lines),
		slots: make([]uint16, 0, pages<<8),
	}
	for d, text := range data {
		t.phrases[d] = make(map[string]string, long[d])
		for lineNo := 1; text != ""; lineNo++ {
			line := text
			if i := strings.IndexByte(text, '\n'); i >= 0 {
				line, text = text[:i], text[i+1:]
			} else {
				text = ""
			}
			key, values, ok := strings.Cut(line, "\t")
			value, _, _ := strings.Cut(values, " ")
			if !ok || key == "" || value == "" || !utf8.ValidString(line) {
				panic(fmt.Sprintf("opencc: dict %s line %d: malformed entry %q", dictNames[d], lineNo, line))
			}
			n := utf8.RuneCountInString(key)
			if n > maxKeyRunes {
				panic(fmt.Sprintf("opencc: dict %s line %d: key longer than %d runes", dictNames[d], lineNo, maxKeyRunes))
			}
			r, _ := utf8.DecodeRuneInString(key)
			if r < utf8.RuneSelf {
				t.asciiKeys = true
			}
			info := t.addRune(r)
			info.longest[d] = max(info.longest[d], uint8(n))
			dup := false
			if n == 1 {
				dup = info.single[d] != ""
				info.single[d] = value
			} else {
				_, dup = t.phrases[d][key]
				t.phrases[d][key] = value
			}
			if dup {
				panic(fmt.Sprintf("opencc: dict %s line %d: duplicate key %q", dictNames[d], lineNo, key))
			}
		}
	}
	return t
}

// addRune returns the runeInfo of r, creating it if needed.
func (t *tables) addRune(r rune) *runeInfo {
	p := t.pages[r>>8]
	if p == 0 {
		if len(t.slots)>>8 >= 0xFFFF {
			panic("opencc: too many index pages")
		}
		t.slots = append(t.slots, make([]uint16, 256)...)
		p = uint16(len(t.slots) >> 8)
		t.pages[r>>8] = p
	}
	slot := &t.slots[int(p-1)<<8|int(r&0xFF)]
	if *slot == 0 {
		if len(t.infos) >= 0xFFFF {
			panic("opencc: too many distinct first runes")
		}
		t.infos = append(t.infos, runeInfo{})
		*slot = uint16(len(t.infos))
	}
	return &t.infos[*slot-1]
}

// lookup returns the runeInfo of r, or nil if no key starts with r.
func (t *tables) lookup(r rune) *runeInfo {
	p := t.pages[r>>8]
	if p == 0 {
		return nil
	}
	i := t.slots[int(p-1)<<8|int(r&0xFF)]
	if i == 0 {
		return nil
	}
	return &t.infos[i-1]
}

// match returns the byte length and default value of the prefix match of
// s (non-empty) in the dictionary group g, or 0 if there is none. For each
// dictionary this is OpenCC's Dict::MatchPrefix, the longest key that is a
// prefix of s; the group takes the first dictionary with a match.
func (t *tables) match(g []int, s string) (int, string) {
	if s[0] < utf8.RuneSelf && !t.asciiKeys {
		return 0, ""
	}
	r, size := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError && size <= 1 {
		return 0, ""
	}
	info := t.lookup(r)
	if info == nil {
		return 0, ""
	}
	var ends [maxKeyRunes]int // ends[k]: byte length of the first k+1 runes
	have := 0                 // how many of ends are computed
	for _, d := range g {
		n := int(info.longest[d])
		if n == 0 {
			continue
		}
		if n > 1 {
			if have == 0 {
				ends[0] = size
				have = 1
			}
			for pos := ends[have-1]; have < n && pos < len(s); have++ {
				pos += runeLen(s[pos:])
				ends[have] = pos
			}
			for k := min(n, have) - 1; k >= 1; k-- {
				if v, ok := t.phrases[d][s[:ends[k]]]; ok {
					return ends[k], v
				}
			}
		}
		if v := info.single[d]; v != "" {
			return size, v
		}
	}
	return 0, ""
}

// convert runs OpenCC's MaxMatchSegmentation over s with the segmentation
// dictionary, then the conversion chain over each segment in turn.
func (t *tables) convert(s string) string {
	if !t.asciiKeys && isASCII(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	start := 0 // start of the pending segment of unmatched runes
	for i := 0; i < len(s); {
		n, _ := t.match(segmentation, s[i:])
		if n == 0 {
			i += runeLen(s[i:])
			continue
		}
		if start < i {
			t.convertSegment(&b, s[start:i])
		}
		t.convertSegment(&b, s[i:i+n])
		i += n
		start = i
	}
	if start < len(s) {
		t.convertSegment(&b, s[start:])
	}
	return b.String()
}

// convertSegment writes to b the segment after both conversions; the output
// of the first is the input of the second.
func (t *tables) convertSegment(b *strings.Builder, seg string) {
	seg = t.convertString(chain[0], seg)
	last := 0
	for i := 0; i < len(seg); {
		n, v := t.match(chain[1], seg[i:])
		if n == 0 {
			i += runeLen(seg[i:])
			continue
		}
		b.WriteString(seg[last:i])
		b.WriteString(v)
		i += n
		last = i
	}
	b.WriteString(seg[last:])
}

// convertString is OpenCC's Conversion::Convert with group g: at each
// position it replaces the group's prefix match by its default value, or
// keeps one rune. It returns s itself (no allocation) when nothing matches.
func (t *tables) convertString(g []int, s string) string {
	var buf []byte
	last := 0
	for i := 0; i < len(s); {
		n, v := t.match(g, s[i:])
		if n == 0 {
			i += runeLen(s[i:])
			continue
		}
		if buf == nil {
			buf = make([]byte, 0, len(s)+8)
		}
		buf = append(buf, s[last:i]...)
		buf = append(buf, v...)
		i += n
		last = i
	}
	if buf == nil {
		return s
	}
	return string(append(buf, s[last:]...))
}

// runeLen is the byte length of the first rune of non-empty s (1 for an
// invalid byte).
func runeLen(s string) int {
	if s[0] < utf8.RuneSelf {
		return 1
	}
	_, n := utf8.DecodeRuneInString(s)
	return n
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
