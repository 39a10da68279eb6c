package clean

import (
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// Damage is the first sign that a Chinese text was damaged on its way to
// the capture: decoded with the wrong encoding, or left with annotations.
type Damage struct {
	// Col is the rune column of the damage in the text, from 1.
	Col int
	// Text is the damaged span as it reads in the text.
	Text string
	// What is "mojibake" or "pinyin"; Why says what shows it, for
	// messages ("GBK-decoded UTF-8", "kana").
	What, Why string
	// Mojibake is true when the text was decoded with the wrong encoding;
	// false for leftover annotations (pinyin).
	Mojibake bool
}

// FindDamage returns the first sign of damage in a Chinese text, if any.
// The signs, each of which real Chinese prose does not show:
//
//   - U+FFFD, the replacement character of a failed decoding;
//   - kana (Hiragana, Katakana, except the middle dot ・ U+30FB that
//     Chinese uses in foreign names), Hangul, private-use characters;
//   - GBK-decoded UTF-8: 锟斤 or 斤拷 (U+FFFD read as GBK); a character
//     UTF-8 Chinese turns into when read as GBK (see mojibakeLead)
//     followed by ? or ？, or followed by the characters the rest of the
//     UTF-8 bytes make (see gbkMid, gbkTail: 鏁版嵁 for 数据); ASCII ?
//     between two Han characters; ？ between two Han characters when
//     either of them is outside GB2312 or such a character (吗？我 is
//     real Chinese);
//   - Latin-1 (or Windows-1252) decoded UTF-8: â€, Â or Ã followed by a
//     character of U+0080–U+00BF (or its Windows-1252 stand-in), and
//     à…ï followed by two of them (ä¸­ for 中);
//   - pinyin left in: a tone-marked syllable in ASCII or full-width
//     parentheses right after a Han character, inner spaces allowed
//     (发（fā ）).
func FindDamage(s string) (Damage, bool) {
	rs := []rune(s)
	at := func(i int) rune {
		if i < 0 || i >= len(rs) {
			return 0
		}
		return rs[i]
	}
	for i, r := range rs {
		col := i + 1
		switch {
		case r == utf8.RuneError:
			return Damage{col, string(r), "mojibake", "U+FFFD, a failed decoding", true}, true
		case isKana(r):
			return Damage{col, string(r), "mojibake", "kana", true}, true
		case unicode.Is(unicode.Hangul, r):
			return Damage{col, string(r), "mojibake", "Hangul", true}, true
		case unicode.Is(unicode.Co, r):
			return Damage{col, string(r), "mojibake", "a private-use character", true}, true
		case (r == '锟' && at(i+1) == '斤') || (r == '斤' && at(i+1) == '拷'):
			return Damage{col, string(rs[i : i+2]), "mojibake", "GBK-decoded UTF-8", true}, true
		case mojibakeLead(r) && isQuestion(at(i+1)):
			return Damage{col, string(rs[i : i+2]), "mojibake", "GBK-decoded UTF-8", true}, true
		case mojibakeLead(r) && gbkMid(at(i+1)) && (i+2 == len(rs) || gbkTail(at(i+2)) || isQuestion(at(i+2)) || mojibakeLead(at(i+2))):
			return Damage{col, string(rs[i:min(i+3, len(rs))]), "mojibake", "GBK-decoded UTF-8", true}, true
		case r == '?' && isHan(at(i-1)) && isHan(at(i+1)):
			return Damage{col - 1, string(rs[i-1 : i+2]), "mojibake", "a question mark between Han characters", true}, true
		case r == '？' && isHan(at(i-1)) && isHan(at(i+1)) && (suspect(at(i-1)) || suspect(at(i+1))):
			return Damage{col - 1, string(rs[i-1 : i+2]), "mojibake", "GBK-decoded UTF-8", true}, true
		case r == 'â' && at(i+1) == '€':
			return Damage{col, string(rs[i : i+2]), "mojibake", "Latin-1-decoded UTF-8", true}, true
		case (r == 'Â' || r == 'Ã') && isLatin1Cont(at(i+1)):
			return Damage{col, string(rs[i : i+2]), "mojibake", "Latin-1-decoded UTF-8", true}, true
		case r >= 'à' && r <= 'ï' && isLatin1Cont(at(i+1)) && isLatin1Cont(at(i+2)):
			return Damage{col, string(rs[i : i+3]), "mojibake", "Latin-1-decoded UTF-8", true}, true
		case isHan(r) && (at(i+1) == '(' || at(i+1) == '（'):
			if m := leftPinyin.FindString(string(rs[i+1:])); m != "" {
				return Damage{col + 1, m, "pinyin", "left in parentheses after a character", false}, true
			}
		}
	}
	return Damage{}, false
}

// leftPinyin matches parenthesised tone-marked pinyin at the start of a
// string: syllables of lower-case letters separated by white space, at
// least one tone-marked vowel, white space allowed inside the parentheses.
// It is written apart from StripPinyin's pattern on purpose: it checks what
// the cleaning left.
var leftPinyin = regexp.MustCompile(`^[(（]\s*(?:[a-zü` + toneMarked + `]+\s+)*[a-zü` + toneMarked + `]*[` + toneMarked + `][a-zü` + toneMarked + `]*(?:\s+[a-zü` + toneMarked + `]+)*\s*[)）]`)

func isHan(r rune) bool      { return unicode.Is(unicode.Han, r) }
func isQuestion(r rune) bool { return r == '?' || r == '？' }

// isKana reports Hiragana and Katakana (full and half width), but not the
// middle dot ・, which Chinese texts use between the parts of foreign names.
func isKana(r rune) bool {
	if r == '・' || r == '･' {
		return false
	}
	return unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r)
}

// cp1252 holds the characters Windows-1252 puts at 0x80–0x9F, which
// Latin-1 mojibake shows in place of UTF-8 continuation bytes there.
const cp1252 = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"

// isLatin1Cont reports a character a UTF-8 continuation byte (0x80–0xBF)
// becomes when read as Latin-1 or Windows-1252.
func isLatin1Cont(r rune) bool {
	return (r >= 0x80 && r <= 0xBF) || (r != 0 && strings.ContainsRune(cp1252, r))
}

// gbkCodes maps each character of GBK to its two bytes.
var gbkCodes = sync.OnceValue(func() map[rune][2]byte {
	codes := make(map[rune][2]byte, 24000)
	dec := simplifiedchinese.GBK.NewDecoder()
	for lead := 0x81; lead <= 0xFE; lead++ {
		for trail := 0x40; trail <= 0xFE; trail++ {
			if trail == 0x7F {
				continue
			}
			out, err := dec.Bytes([]byte{byte(lead), byte(trail)})
			if err != nil {
				continue
			}
			r, size := utf8.DecodeRune(out)
			if size != len(out) || r == utf8.RuneError {
				continue
			}
			if _, dup := codes[r]; !dup {
				codes[r] = [2]byte{byte(lead), byte(trail)}
			}
		}
	}
	return codes
})

// mojibakeLead reports the characters the first two bytes of a UTF-8
// sequence for Chinese text or its punctuation (lead byte 0xE2–0xEF, then a
// continuation byte 0x80–0xBF) become when read as GBK: 涓 (中…), 鍏, 鏁,
// 銆 (、。《》), 锛 (，：；？), 鈥 (“”—…). They are rare characters in real text.
func mojibakeLead(r rune) bool {
	if !isHan(r) {
		return false
	}
	c, ok := gbkCodes()[r]
	return ok && c[0] >= 0xE2 && c[0] <= 0xEF && c[1] >= 0x80 && c[1] <= 0xBF
}

// suspect reports a Han character outside GB2312, or one mojibake makes:
// next to a question mark between Han characters, it marks the question
// mark as a byte GBK could not decode rather than the end of a question.
func suspect(r rune) bool {
	if mojibakeLead(r) {
		return true
	}
	c, ok := gbkCodes()[r]
	return !ok || c[0] < 0xB0 || c[0] > 0xF7 || c[1] < 0xA1
}

// gbkMid reports a character GBK makes of the last byte of one UTF-8
// sequence for Chinese (0x80–0xBF) and the first byte of the next
// (0xE2–0xEF): the second character of GBK-decoded UTF-8 (版 in 鏁版嵁).
func gbkMid(r rune) bool {
	c, ok := gbkCodes()[r]
	return ok && c[0] >= 0x81 && c[0] <= 0xBF && c[1] >= 0xE2 && c[1] <= 0xEF
}

// gbkTail reports a character GBK makes of two UTF-8 continuation bytes
// (0x80–0xBF both): the third character of GBK-decoded UTF-8 (嵁 in 鏁版嵁).
func gbkTail(r rune) bool {
	c, ok := gbkCodes()[r]
	return ok && c[0] >= 0x81 && c[0] <= 0xBF && c[1] >= 0x80 && c[1] <= 0xBF
}
