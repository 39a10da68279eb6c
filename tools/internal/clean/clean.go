// Package clean holds the generic cleaning rules that turn a paragraph of a
// capture into the official text: splitting interleaved languages, removing
// inserted pinyin and list markers, restoring the full-width punctuation that
// the captures folded to ASCII, and Unicode normalisation. Each rule is a
// pure function that reports how many changes it made, so that ingest can
// tell readers what was done to each source. No rule knows about any file.
package clean

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// IsCJK reports whether r belongs to Chinese text: Han ideographs and the
// CJK symbols and full-width forms that only occur in it.
func IsCJK(r rune) bool {
	return unicode.Is(unicode.Han, r) ||
		(r >= 0x3000 && r <= 0x303F) || // CJK symbols and punctuation: 。、《》「」
		(r >= 0xFF00 && r <= 0xFFEF) // full-width forms: ，（）：；
}

// SplitInterleaved splits a line that holds a Latin-script text followed by
// its Chinese version. The Chinese starts at the first CJK character, or at
// the start of the word it is attached to when that word has no Latin
// letters (a number such as "11月"). ok is false when either side is empty.
func SplitInterleaved(line string) (latin, chinese string, ok bool) {
	i := strings.IndexFunc(line, IsCJK)
	if i <= 0 {
		return "", "", false
	}
	if sp := strings.LastIndexByte(line[:i], ' '); sp >= 0 {
		word := line[sp+1 : i]
		if word != "" && !strings.ContainsFunc(word, unicode.IsLetter) {
			i = sp + 1
		}
	}
	latin, chinese = strings.TrimSpace(line[:i]), strings.TrimSpace(line[i:])
	return latin, chinese, latin != "" && chinese != ""
}

// toneMarked holds the vowels that carry pinyin tone marks.
const toneMarked = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"

// pinyinAfterHan matches one parenthesised pinyin syllable directly after a
// Han character: lower-case letters with at least one tone-marked vowel,
// between ASCII or full-width parentheses, with optional spaces (ASCII,
// no-break or ideographic) inside them, as in 記（jì ） or 發( fā)布.
// Upper-case or unmarked parentheticals such as (CPTPP), （CPTPP） or
// (2024) never match.
var pinyinAfterHan = regexp.MustCompile(`(\p{Han})[(（][ \x{A0}\x{3000}]*([a-zü` + toneMarked + `]*[` + toneMarked + `][a-zü` + toneMarked + `]*)[ \x{A0}\x{3000}]*[)）]`)

// StripPinyin removes pinyin annotations inserted after characters, as in
// 發(fā)布 → 發布 or 記（jì ） → 記, and returns how many it removed.
func StripPinyin(s string) (string, int) {
	n := 0
	out := pinyinAfterHan.ReplaceAllStringFunc(s, func(m string) string {
		n++
		_, size := utf8.DecodeRuneInString(m)
		return m[:size]
	})
	return out, n
}

// StripMarker removes a list marker (and the space after it) from the start
// of a paragraph.
func StripMarker(s, marker string) (string, bool) {
	if marker == "" || !strings.HasPrefix(s, marker) {
		return s, false
	}
	return strings.TrimLeft(s[len(marker):], " "), true
}

var fullWidth = map[rune]rune{
	',': '，', ':': '：', ';': '；', '?': '？', '!': '！', '(': '（', ')': '）',
}

// RestorePunctuation turns ASCII punctuation in Chinese text back into the
// full-width marks the official texts use (，：；？！（）) and returns how
// many it changed. A mark between two Latin letters or digits stays ASCII:
// digit groups (1,000), times (10:30) and Latin phrases keep their own
// punctuation. A closing parenthesis follows its opening one.
func RestorePunctuation(s string) (string, int) {
	rs := []rune(s)
	n := 0
	var open []int // indexes of '(' and whether they were converted
	converted := map[int]bool{}
	for i, r := range rs {
		fw, ok := fullWidth[r]
		if !ok {
			continue
		}
		latin := isLatin(prevNonSpace(rs, i)) && isLatin(nextNonSpace(rs, i))
		switch r {
		case '(':
			open = append(open, i)
			if latin {
				continue
			}
			converted[i] = true
		case ')':
			if len(open) > 0 {
				o := open[len(open)-1]
				open = open[:len(open)-1]
				if !converted[o] {
					continue
				}
			} else if latin {
				continue
			}
		default:
			if latin {
				continue
			}
		}
		rs[i] = fw
		n++
	}
	if n == 0 {
		return s, 0
	}
	return string(rs), n
}

func isLatin(r rune) bool {
	return r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

func prevNonSpace(rs []rune, i int) rune {
	for j := i - 1; j >= 0; j-- {
		if rs[j] != ' ' {
			return rs[j]
		}
	}
	return 0
}

func nextNonSpace(rs []rune, i int) rune {
	for j := i + 1; j < len(rs); j++ {
		if rs[j] != ' ' {
			return rs[j]
		}
	}
	return 0
}

// NFC normalises s to Unicode Normalization Form C and reports whether it
// changed. NFKC is never used: it folds full-width punctuation to ASCII,
// which is the very defect RestorePunctuation repairs.
func NFC(s string) (string, bool) {
	if norm.NFC.IsNormalString(s) {
		return s, false
	}
	return norm.NFC.String(s), true
}
