package clean

import (
	"strings"
	"testing"
	"unicode"
)

func TestSplitInterleaved(t *testing.T) {
	tests := []struct {
		line, latin, chinese string
		ok                   bool
	}{
		{"States should act. 各国应行动。", "States should act.", "各国应行动。", true},
		{"Global Initiative on Data Security 全球數據安全倡議", "Global Initiative on Data Security", "全球數據安全倡議", true},
		// A number attached to the Chinese belongs to it.
		{"It was released on 20 November. 11月20日发布。", "It was released on 20 November.", "11月20日发布。", true},
		// Chinese starting with a CJK bracket.
		{"The Compact. 《全球数字契约》", "The Compact.", "《全球数字契约》", true},
		// No space between the two languages.
		{"Security全球", "Security", "全球", true},
		{"only English", "", "", false},
		{"只有中文", "", "", false},
	}
	for _, tt := range tests {
		latin, chinese, ok := SplitInterleaved(tt.line)
		if latin != tt.latin || chinese != tt.chinese || ok != tt.ok {
			t.Errorf("SplitInterleaved(%q) = %q, %q, %v; want %q, %q, %v", tt.line, latin, chinese, ok, tt.latin, tt.chinese, tt.ok)
		}
	}
}

func TestStripPinyin(t *testing.T) {
	tests := []struct {
		in, want string
		n        int
	}{
		{"發(fā)布", "發布", 1},
		{"數(shù)據(jù)", "數據", 2},
		{"經(jīng)濟(jì)", "經濟", 2},
		{"綠(lǜ)色", "綠色", 1},
		// Spaces inside the parentheses, full-width parentheses.
		{"記（jì ）", "記", 1},
		{"發( fā)布", "發布", 1},
		{"發( fā )布", "發布", 1},
		{"發（fā）布", "發布", 1},
		{"數（ shù ）據(jù)", "數據", 2},
		{"數(\u00a0shù)據", "數據", 1},
		{"數（\u3000shù\u3000）據", "數據", 1},
		{"協定（CPTPP）", "協定（CPTPP）", 0},
		{"協定( CPTPP )", "協定( CPTPP )", 0},
		{"年(2024)", "年(2024)", 0},
		{"年（ 2024 ）", "年（ 2024 ）", 0},
		{"字（ zi ）", "字（ zi ）", 0},
		{"字（data）", "字（data）", 0},
		{"字（jì shù）", "字（jì shù）", 0}, // two words: not one inserted syllable
		{"字 (jì)", "字 (jì)", 0},       // not directly after the character
		// Real parentheticals stay: upper case, no tone marks, or not after a character.
		{"協定(CPTPP)、協定(DEPA)", "協定(CPTPP)、協定(DEPA)", 0},
		{"今(8日)在", "今(8日)在", 0},
		{"日报(The Wall Street Journal)", "日报(The Wall Street Journal)", 0},
		{"Q(mào)易", "Q(mào)易", 0},
		{"字(zi)", "字(zi)", 0}, // no tone mark: could be real text
		{"", "", 0},
	}
	for _, tt := range tests {
		got, n := StripPinyin(tt.in)
		if got != tt.want || n != tt.n {
			t.Errorf("StripPinyin(%q) = %q, %d; want %q, %d", tt.in, got, n, tt.want, tt.n)
		}
	}
}

func TestRestorePunctuation(t *testing.T) {
	tests := []struct {
		in, want string
		n        int
	}{
		{"我们重申,各国应致力于", "我们重申，各国应致力于", 1},
		{"为此,我们倡议:", "为此，我们倡议：", 2},
		{"稳定;反对", "稳定；反对", 1},
		{"是吗?是!", "是吗？是！", 2},
		{"《协定》(CPTPP)、", "《协定》（CPTPP）、", 2},
		{"日报(The Wall Street Journal)引述", "日报（The Wall Street Journal）引述", 2},
		// Digit groups, times and Latin phrases keep ASCII punctuation.
		{"超过1,000个", "超过1,000个", 0},
		{"上午10:30开会", "上午10:30开会", 0},
		{"(The Wall Street Journal, Inc.)", "（The Wall Street Journal, Inc.）", 2},
		{"函数f(x)", "函数f(x)", 0},
		// Already full-width: unchanged.
		{"各国，各地区：", "各国，各地区：", 0},
		// Marks that survived the capture are not touched.
		{"“清洁”、《倡议》。", "“清洁”、《倡议》。", 0},
	}
	for _, tt := range tests {
		got, n := RestorePunctuation(tt.in)
		if got != tt.want || n != tt.n {
			t.Errorf("RestorePunctuation(%q) = %q, %d; want %q, %d", tt.in, got, n, tt.want, tt.n)
		}
	}
}

func TestStripMarker(t *testing.T) {
	for _, tt := range []struct {
		in, marker, want string
		ok               bool
	}{
		{"——鼓励", "——", "鼓励", true},
		{"• Encourage", "•", "Encourage", true},
		{"No marker", "•", "No marker", false},
		{"——x", "", "——x", false},
	} {
		got, ok := StripMarker(tt.in, tt.marker)
		if got != tt.want || ok != tt.ok {
			t.Errorf("StripMarker(%q, %q) = %q, %v", tt.in, tt.marker, got, ok)
		}
	}
}

func TestNFCKeepsFullWidthPunctuation(t *testing.T) {
	// NFKC would turn these into ASCII; NFC must not.
	in := "各国，各地区：（一）；？！"
	if got, changed := NFC(in); got != in || changed {
		t.Errorf("NFC(%q) = %q, %v", in, got, changed)
	}
	// Decomposed e + combining acute becomes é.
	if got, changed := NFC("e\u0301"); got != "é" || !changed {
		t.Errorf("NFC did not compose: %q", got)
	}
}

// hanCount is what no cleaning rule may change.
func hanCount(s string) int {
	n := 0
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			n++
		}
	}
	return n
}

func FuzzRestorePunctuation(f *testing.F) {
	for _, s := range seedLines(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, n := RestorePunctuation(s)
		if len([]rune(got)) != len([]rune(s)) {
			t.Fatalf("length changed: %q → %q", s, got)
		}
		if n == 0 && got != s {
			t.Fatalf("reported no change but changed %q", s)
		}
		again, m := RestorePunctuation(got)
		if again != got || m != 0 {
			t.Fatalf("not idempotent: %q → %q → %q", s, got, again)
		}
		if hanCount(got) != hanCount(s) {
			t.Fatal("changed a character")
		}
	})
}

func FuzzStripPinyin(f *testing.F) {
	for _, s := range seedLines(f) {
		f.Add(s)
	}
	for _, s := range []string{"記（jì ）", "發( fā)布", "協定（CPTPP）", "年（ 2024 ）", "字（ zi ）"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, n := StripPinyin(s)
		if hanCount(got) != hanCount(s) {
			t.Fatalf("changed the characters of %q → %q", s, got)
		}
		if n == 0 && got != s {
			t.Fatal("reported no change")
		}
		if opens(got) != opens(s)-n || closes(got) != closes(s)-n {
			t.Fatalf("removed %d annotations but %d opening and %d closing parentheses", n, opens(s)-opens(got), closes(s)-closes(got))
		}
		// Only annotations go: what was removed are parentheses, spaces
		// and lower-case pinyin letters, at least one tone-marked per
		// annotation, and the rest of the text is kept in order.
		removed, ok := removedFrom(s, got)
		if !ok {
			t.Fatalf("%q is not %q with characters removed", got, s)
		}
		marked := 0
		for _, r := range removed {
			switch {
			case strings.ContainsRune("(（)） \u00a0\u3000", r):
			case strings.ContainsRune(toneMarked, r):
				marked++
			case r >= 'a' && r <= 'z' || r == 'ü':
			default:
				t.Fatalf("removed %q, not part of an annotation, from %q → %q", r, s, got)
			}
		}
		if marked < n {
			t.Fatalf("removed %d annotations with %d tone-marked vowels: %q → %q", n, marked, s, got)
		}
	})
}

func opens(s string) int  { return strings.Count(s, "(") + strings.Count(s, "（") }
func closes(s string) int { return strings.Count(s, ")") + strings.Count(s, "）") }

// removedFrom returns the characters of s that are not in got, when got is
// s with some characters removed (matched greedily, in order).
func removedFrom(s, got string) ([]rune, bool) {
	g := []rune(got)
	var removed []rune
	j := 0
	for _, r := range s {
		if j < len(g) && g[j] == r {
			j++
			continue
		}
		removed = append(removed, r)
	}
	return removed, j == len(g)
}

func FuzzSplitInterleaved(f *testing.F) {
	for _, s := range seedLines(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		latin, chinese, ok := SplitInterleaved(s)
		if !ok {
			return
		}
		if strings.ContainsFunc(latin, func(r rune) bool { return unicode.Is(unicode.Han, r) }) {
			t.Fatalf("Han character on the Latin side: %q", latin)
		}
		if hanCount(chinese) != hanCount(s) {
			t.Fatalf("lost characters: %q", s)
		}
		if !strings.Contains(s, latin) || !strings.Contains(s, chinese) {
			t.Fatalf("sides are not parts of the line: %q | %q", latin, chinese)
		}
	})
}
