// Package textin turns the bytes of a capture into numbered lines of text:
// it refuses empty and binary files, decodes UTF-8 (with or without BOM),
// GB18030/GBK and Big5, detects the encoding when the manifest does not
// declare one, normalises line ends, and reads HTML captures through a
// goquery selector. Errors name the file and, where it applies, the line.
package textin

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"

	"github.com/annotated-data-initiatives/site/tools/internal/fileerr"
)

// Line is one line of a capture, numbered from 1 as an editor shows it.
type Line struct {
	N    int
	Text string
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// Decode checks that data is text and decodes it. enc is "utf-8",
// "gb18030", "gbk", "big5" or "" to detect; the encoding used is returned.
// Line ends are normalised to "\n" and a BOM is dropped.
func Decode(file string, data []byte, enc string) (text, used string, err error) {
	if len(bytes.TrimSpace(bytes.TrimPrefix(data, utf8BOM))) == 0 {
		return "", "", &fileerr.Error{File: file, Msg: "source is empty"}
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return "", "", &fileerr.Error{File: file, Line: lineAt(data, i), Msg: "binary file: NUL byte; a capture must be text"}
	}
	if enc == "" {
		enc = Detect(data)
	}
	switch enc {
	case "utf-8":
		data = bytes.TrimPrefix(data, utf8BOM)
		if !utf8.Valid(data) {
			i := firstInvalidUTF8(data)
			return "", "", &fileerr.Error{File: file, Line: lineAt(data, i), Msg: fmt.Sprintf("bytes that are not valid utf-8 (0x%02x at byte %d)", data[i], i)}
		}
		text = string(data)
	case "gb18030", "gbk":
		text, err = decodeStrict(file, data, simplifiedchinese.GB18030, enc)
	case "big5":
		text, err = decodeStrict(file, data, traditionalchinese.Big5, enc)
	default:
		return "", "", &fileerr.Error{File: file, Msg: fmt.Sprintf("unknown encoding %q", enc)}
	}
	if err != nil {
		return "", "", err
	}
	if i := strings.IndexFunc(text, isControl); i >= 0 {
		return "", "", &fileerr.Error{File: file, Line: strings.Count(text[:i], "\n") + 1, Msg: fmt.Sprintf("binary file: control character U+%04X; a capture must be text", []rune(text[i:])[0])}
	}
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	return text, enc, nil
}

// isControl reports C0 controls other than tab and line ends: they do not
// occur in text captures, and several together mean a binary file.
func isControl(r rune) bool {
	return r < 0x20 && r != '\t' && r != '\n' && r != '\r' && r != '\f'
}

// decodeStrict decodes line by line so that the first undecodable line can
// be named: x/text replaces bad input with U+FFFD instead of failing.
func decodeStrict(file string, data []byte, e encoding.Encoding, name string) (string, error) {
	var b strings.Builder
	for n, raw := range bytes.SplitAfter(data, []byte("\n")) {
		out, err := e.NewDecoder().Bytes(raw)
		if err != nil {
			return "", &fileerr.Error{File: file, Line: n + 1, Msg: fmt.Sprintf("bytes that do not decode as %s: %v", name, err)}
		}
		if bytes.ContainsRune(out, utf8.RuneError) && !bytes.Contains(raw, replacementIn(e)) {
			return "", &fileerr.Error{File: file, Line: n + 1, Msg: "bytes that do not decode as " + name}
		}
		b.Write(out)
	}
	return b.String(), nil
}

// replacementIn is how U+FFFD itself is encoded, so that a capture that
// really contains it is not mistaken for a decoding failure.
func replacementIn(e encoding.Encoding) []byte {
	out, err := e.NewEncoder().Bytes([]byte("\uFFFD"))
	if err != nil || len(out) == 0 {
		return []byte{0xFF, 0xFF, 0xFF, 0xFF, 0xFF} // matches nothing real
	}
	return out
}

// Detect guesses the encoding of data: UTF-8 when it is valid UTF-8 (or has
// a BOM), otherwise whichever of GB18030 and Big5 decodes without errors into
// more of the commonest Chinese characters.
func Detect(data []byte) string {
	if bytes.HasPrefix(data, utf8BOM) || utf8.Valid(data) {
		return "utf-8"
	}
	best, bestScore := "gb18030", -1
	for _, c := range []struct {
		name string
		enc  encoding.Encoding
	}{{"gb18030", simplifiedchinese.GB18030}, {"big5", traditionalchinese.Big5}} {
		out, err := c.enc.NewDecoder().Bytes(data)
		if err != nil {
			continue
		}
		score := 0
		for _, r := range string(out) {
			switch {
			case r == utf8.RuneError:
				score -= 50
			case strings.ContainsRune(commonHan, r):
				score++
			}
		}
		if score > bestScore {
			best, bestScore = c.name, score
		}
	}
	return best
}

// commonHan holds the most frequent characters of Chinese prose in both
// scripts; a wrong decoding yields rare characters instead.
const commonHan = "的一是不了人我在有他这這为為之大来來以个個中上们們到说說国國和地也子时時道出而要于於就下得可你年生自会會那后後能对對着著事其里裡所去行过過家十用发發天如然作方成者多日都三小军軍二无無同么麼经經法当當起与與好看学學进進种種将將还還分此心前面又定见見只主没沒公从從数數据據安全信息技术術"

func firstInvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(b)
}

func lineAt(b []byte, i int) int {
	return bytes.Count(b[:i], []byte("\n")) + 1
}

// Lines splits decoded text into numbered lines, trimming surrounding white
// space (including the ideographic space and no-break spaces) and folding
// runs of white space inside a line into one space. Blank lines are kept
// (with empty text) so that numbering matches the file.
func Lines(text string) []Line {
	raw := strings.Split(text, "\n")
	lines := make([]Line, 0, len(raw))
	for n, l := range raw {
		lines = append(lines, Line{N: n + 1, Text: FoldSpace(l)})
	}
	return lines
}

// FoldSpace trims s and folds each run of white space into one ASCII space.
func FoldSpace(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if r == 0x200B || r == 0xFEFF { // invisible; never part of the text
			continue
		}
		if isSpace(r) {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '\f', '\v', 0x00A0, 0x3000, 0x2002, 0x2003, 0x2009:
		return true
	}
	return false
}
