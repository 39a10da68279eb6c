// Package opencc converts between Traditional and Simplified Chinese exactly
// as two OpenCC configurations do, in pure Go and without cgo or external
// files:
//
//   - [TW2S], Traditional Chinese (Taiwan standard) to Simplified Chinese,
//     is `opencc -c tw2s`;
//   - [S2T], Simplified Chinese to Traditional Chinese (OpenCC standard), is
//     `opencc -c s2t`.
//
// It exists so that the site tools can normalise Traditional Chinese
// captures to Simplified Chinese, and map the Traditional forms of
// Simplified texts back for search, reproducibly, with the same result as
// the OpenCC command-line tool but without depending on it at run time.
//
// The dictionaries in dict/ are OpenCC's TWVariantsRevPhrases,
// TWVariantsRev, TSPhrases, TSCharacters, STPhrases and STCharacters,
// exported unmodified to text from the Debian package libopencc-data
// 1.1.6+ds1-1. OpenCC is Copyright BYVoid and contributors and licensed
// under the Apache License, Version 2.0; see dict/LICENSE and dict/NOTICE.
// The Go code re-implements OpenCC's algorithm (maximum-match segmentation
// with one dictionary, then a chain of conversions, each with a group of
// dictionaries, on each segment) and contains no OpenCC code.
package opencc

import (
	_ "embed"
	"fmt"
	"math/bits"
	"slices"
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

//go:embed dict/STPhrases.txt
var stPhrasesTxt string

//go:embed dict/STCharacters.txt
var stCharactersTxt string

// TW2S converts s from Traditional Chinese (Taiwan standard) to Simplified
// Chinese; the result is byte-for-byte what `opencc -c tw2s` (OpenCC 1.1.6
// data) prints for the same valid UTF-8 text. Characters that no dictionary
// knows (ASCII, punctuation, pinyin, Simplified characters) are copied
// unchanged, and so are invalid UTF-8 bytes and NUL bytes (where the OpenCC
// tool would fail or stop). The dictionaries are loaded on first use,
// independently of those of [S2T]. TW2S is safe for concurrent use.
func TW2S(s string) string {
	if s == "" {
		return ""
	}
	return tw2sTables().convert(s)
}

// S2T converts s from Simplified Chinese to Traditional Chinese (OpenCC
// standard, not a regional one); the result is byte-for-byte what
// `opencc -c s2t` (OpenCC 1.1.6 data) prints for the same valid UTF-8 text.
// Where a Simplified character stands for several Traditional ones (发: 發
// or 髮), the choice is OpenCC's: its phrase if one matches, else the
// character's default. Characters that no dictionary knows (ASCII,
// punctuation, Traditional characters) are copied unchanged, and so are
// invalid UTF-8 bytes and NUL bytes. The dictionaries are loaded on first
// use, independently of those of [TW2S]. S2T is safe for concurrent use.
func S2T(s string) string {
	if s == "" {
		return ""
	}
	return s2tTables().convert(s)
}

// A dict is one OpenCC dictionary in OpenCC's text format.
type dict struct {
	name string // OpenCC's name, for messages
	text string
}

// A group is an OpenCC DictGroup: indices of dictionaries in a config. Its
// match is that of the first dictionary, in order, that has any prefix match
// (not the longest across them).
type group []int

// A config is one OpenCC configuration (a /usr/share/opencc/*.json file):
// the segmentation dictionary (a group of one) and the conversion chain,
// each conversion being a group.
type config struct {
	dicts        []dict
	segmentation group
	chain        []group
}

// tw2sConfig is tw2s.json: mmseg segmentation with TSPhrases, then
// [TWVariantsRevPhrases, TWVariantsRev] → [TSPhrases, TSCharacters].
func tw2sConfig() config {
	return config{
		dicts: []dict{
			{"TWVariantsRevPhrases", twVariantsRevPhrasesTxt},
			{"TWVariantsRev", twVariantsRevTxt},
			{"TSPhrases", tsPhrasesTxt},
			{"TSCharacters", tsCharactersTxt},
		},
		segmentation: group{2},
		chain:        []group{{0, 1}, {2, 3}},
	}
}

// s2tConfig is s2t.json: mmseg segmentation with STPhrases, then
// [STPhrases, STCharacters].
func s2tConfig() config {
	return config{
		dicts: []dict{
			{"STPhrases", stPhrasesTxt},
			{"STCharacters", stCharactersTxt},
		},
		segmentation: group{0},
		chain:        []group{{0, 1}},
	}
}

// One set of tables per configuration, each built on first use.
var (
	tw2sTables = sync.OnceValue(func() *tables { return build(tw2sConfig()) })
	s2tTables  = sync.OnceValue(func() *tables { return build(s2tConfig()) })
)

// maxDicts bounds the dictionaries of a configuration.
const maxDicts = 4

// maxKeyRunes bounds the key length accepted from the dictionaries (the
// longest key in the OpenCC 1.1.6 data has 16 runes); key lengths are bits
// of a uint32.
const maxKeyRunes = 32

// runeInfo is what the dictionaries hold for keys starting with one rune,
// so that one lookup per position serves a whole group.
type runeInfo struct {
	lengths [maxDicts]uint32 // per dictionary: bit k-1 set if a key of k runes starts with the rune
	single  [maxDicts]string // per dictionary: default value of the one-rune key; "" if none
}

// tables holds one configuration. A dictionary is a map from key to default
// (first) value, split into the one-rune keys (in runeInfo.single) and the
// longer keys (in phrases).
//
// The runeInfo of a rune r is found without hashing through a two-level
// table: pages[r>>8] is 1 + the number of r's 256-rune page in slots (0: no
// key starts in that page), and the slot holds 1 + the index in infos (0:
// no key starts with r).
type tables struct {
	segmentation group
	chain        []group
	// unmatched is chain[0] without the segmentation dictionary, for the
	// segments of runes where segmentation found no key: no key of that
	// dictionary is a prefix at any of their positions (they were all
	// tried on the whole remaining text), so it cannot match there.
	unmatched group
	pages     [(utf8.MaxRune + 1) >> 8]uint16
	slots     []uint16
	infos     []runeInfo
	phrases   [maxDicts]map[string]string // keys of two or more runes
	// filter is a Bloom filter (one hash) of the keys of two or more
	// runes by dictionary, first two runes and length: most failed
	// phrase lookups end with one bit test instead of a map lookup.
	filter      []uint64
	filterShift uint8 // 64 - log2(bits in filter)
	// asciiKeys reports whether any key starts with an ASCII byte; when
	// none does, ASCII text never matches.
	asciiKeys bool
}

// build parses the dictionaries of c, in OpenCC's text format: "key<TAB>
// value[<SPACE>value...]" per line, the first value being the default. Keys
// and values are substrings of the data, so they are not copied. It panics
// on a malformed configuration or data, which is embedded and checked by
// the tests.
func build(c config) *tables {
	if len(c.dicts) > maxDicts {
		panic(fmt.Sprintf("opencc: %d dictionaries, at most %d supported", len(c.dicts), maxDicts))
	}
	if len(c.chain) == 0 {
		panic("opencc: empty conversion chain")
	}
	for _, g := range append([]group{c.segmentation}, c.chain...) {
		for _, d := range g {
			if d < 0 || d >= len(c.dicts) {
				panic(fmt.Sprintf("opencc: group refers to dictionary %d of %d", d, len(c.dicts)))
			}
		}
	}
	// Allocate slots, infos and phrases exactly: count the pages used,
	// the distinct first runes and the keys longer than one rune.
	pages, runes := 0, 0
	var long [maxDicts]int
	var seen [len(tables{}.pages)]bool
	first := make([]uint64, (utf8.MaxRune+1)/64) // bit r: a key starts with r
	for d, dc := range c.dicts {
		for text := dc.text; text != ""; {
			r, size := utf8.DecodeRuneInString(text)
			if !seen[r>>8] {
				seen[r>>8] = true
				pages++
			}
			if first[r/64]&(1<<(r%64)) == 0 {
				first[r/64] |= 1 << (r % 64)
				runes++
			}
			if size < len(text) && text[size] != '\t' {
				long[d]++
			}
			i := strings.IndexByte(text, '\n')
			if i < 0 {
				break
			}
			text = text[i+1:]
		}
	}
	t := &tables{
		segmentation: c.segmentation,
		chain:        c.chain,
		unmatched:    without(c.chain[0], c.segmentation),
		slots:        make([]uint16, 0, pages<<8),
		infos:        make([]runeInfo, 0, runes),
	}
	// 16 to 32 bits per phrase key: a false positive rate of 3 to 6%.
	logBits := max(6, bits.Len(uint(16*sum(long[:]))))
	t.filter = make([]uint64, 1<<(logBits-6))
	t.filterShift = uint8(64 - logBits)
	for d, dc := range c.dicts {
		t.phrases[d] = make(map[string]string, long[d])
		text := dc.text
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
				panic(fmt.Sprintf("opencc: dict %s line %d: malformed entry %q", dc.name, lineNo, line))
			}
			n := utf8.RuneCountInString(key)
			if n > maxKeyRunes {
				panic(fmt.Sprintf("opencc: dict %s line %d: key longer than %d runes", dc.name, lineNo, maxKeyRunes))
			}
			r, _ := utf8.DecodeRuneInString(key)
			if r < utf8.RuneSelf {
				t.asciiKeys = true
			}
			info := t.addRune(r)
			info.lengths[d] |= 1 << (n - 1)
			dup := false
			if n == 1 {
				dup = info.single[d] != ""
				info.single[d] = value
			} else {
				size := len(t.phrases[d])
				t.phrases[d][key] = value
				dup = len(t.phrases[d]) == size
				r2, _ := utf8.DecodeRuneInString(key[utf8.RuneLen(r):])
				h := t.filterBit(d, r, r2, n)
				t.filter[h/64] |= 1 << (h % 64)
			}
			if dup {
				panic(fmt.Sprintf("opencc: dict %s line %d: duplicate key %q", dc.name, lineNo, key))
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

// filterBit returns the bit of filter for the keys of dictionary d of n
// runes starting with r1 and r2.
func (t *tables) filterBit(d int, r1, r2 rune, n int) uint64 {
	h := (uint64(r1)<<21 | uint64(r2)) * 0x9E3779B97F4A7C15
	h = (h ^ uint64(d<<8|n)) * 0xBF58476D1CE4E5B9
	return h >> t.filterShift
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
func (t *tables) match(g group, s string) (int, string) {
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
	var r2 rune               // the second rune, once have > 1
	for _, d := range g {
		// Try the key lengths of the dictionary's keys starting with r,
		// longest first, down to two runes.
		for long := info.lengths[d] &^ 1; long != 0; {
			k := bits.Len32(long) - 1 // a key of k+1 runes
			long &^= 1 << k
			if have == 0 {
				if size == len(s) {
					break // s has one rune
				}
				var size2 int
				r2, size2 = utf8.DecodeRuneInString(s[size:])
				ends[0], ends[1] = size, size+size2
				have = 2
			}
			for pos := ends[have-1]; have <= k && pos < len(s); have++ {
				pos += runeLen(s[pos:])
				ends[have] = pos
			}
			if k >= have {
				continue // s is shorter than k+1 runes
			}
			if h := t.filterBit(d, r, r2, k+1); t.filter[h/64]&(1<<(h%64)) == 0 {
				continue
			}
			if v, ok := t.phrases[d][s[:ends[k]]]; ok {
				return ends[k], v
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
		n, _ := t.match(t.segmentation, s[i:])
		if n == 0 {
			i += runeLen(s[i:])
			continue
		}
		if start < i {
			t.convertSegment(&b, s[start:i], t.unmatched)
		}
		t.convertSegment(&b, s[i:i+n], t.chain[0])
		i += n
		start = i
	}
	if start < len(s) {
		t.convertSegment(&b, s[start:], t.unmatched)
	}
	return b.String()
}

// convertSegment writes to b the segment after every conversion of the
// chain, the first with group first (chain[0] or unmatched); the output of
// one is the input of the next.
func (t *tables) convertSegment(b *strings.Builder, seg string, first group) {
	g := first
	for _, next := range t.chain[1:] {
		seg = t.convertString(g, seg)
		g = next
	}
	done := 0
	for i := 0; i < len(seg); {
		n, v := t.match(g, seg[i:])
		if n == 0 {
			i += runeLen(seg[i:])
			continue
		}
		b.WriteString(seg[done:i])
		b.WriteString(v)
		i += n
		done = i
	}
	b.WriteString(seg[done:])
}

// convertString is OpenCC's Conversion::Convert with group g: at each
// position it replaces the group's prefix match by its default value, or
// keeps one rune. It returns s itself (no allocation) when nothing matches.
func (t *tables) convertString(g group, s string) string {
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

func sum(a []int) int {
	s := 0
	for _, x := range a {
		s += x
	}
	return s
}

// without returns the dictionaries of g that are not in h.
func without(g, h group) group {
	var out group
	for _, d := range g {
		if !slices.Contains(h, d) {
			out = append(out, d)
		}
	}
	return out
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

var twVariants = sync.OnceValue(func() map[rune]rune {
	m := map[rune]rune{}
	for _, line := range strings.Split(twVariantsRevTxt, "\n") {
		tw, std, ok := strings.Cut(line, "\t")
		if !ok {
			continue
		}
		a, b := []rune(tw), []rune(strings.Fields(std)[0])
		if len(a) == 1 && len(b) == 1 {
			m[b[0]] = a[0]
		}
	}
	return m
})

// TaiwanVariants replaces characters of OpenCC's standard Traditional by
// their Taiwan-standard variants (爲 → 為, 着 → 著), the character step of
// OpenCC's s2tw: TaiwanVariants(S2T(s)) is how a reader in Taiwan writes s.
// It inverts TWVariantsRev, character by character.
func TaiwanVariants(s string) string {
	m := twVariants()
	return strings.Map(func(r rune) rune {
		if v, ok := m[r]; ok {
			return v
		}
		return r
	}, s)
}
