package compare

import (
	"html"
	"math"
	"strings"
	"testing"
	"unicode"
)

func TestDiffWordsMarksWholeWords(t *testing.T) {
	a := "ICT products and services providers should not install backdoors in their products and services to illegally obtain users' data."
	b := "Governments should prohibit illicit acquisition of data through methods such as setting up backdoors in digital products and services."
	ops := DiffWords(a, b)
	if Apply(ops, "-") != a || Apply(ops, "+") != b {
		t.Fatalf("diff does not rebuild its texts: %+v", ops)
	}
	var same, gone []string
	for _, o := range ops {
		switch o.Kind {
		case "=":
			same = append(same, strings.TrimSpace(o.Text))
		case "-":
			gone = append(gone, o.Text)
		}
	}
	joined := strings.Join(same, "|")
	for _, w := range []string{"backdoors in", "products and services"} {
		if !strings.Contains(joined, w) {
			t.Errorf("%q not kept as common text: %q", w, joined)
		}
	}
	if !strings.Contains(strings.Join(gone, "|"), "illegally obtain") {
		t.Errorf("\"illegally obtain\" not marked as removed: %q", gone)
	}
	// No word is split between two operations: on each side, no boundary
	// between the operations that rebuild it falls inside a word.
	for _, side := range []string{"-", "+"} {
		prev := ""
		for _, o := range ops {
			if o.Kind != "=" && o.Kind != side {
				continue
			}
			if prev != "" && isWordRune(lastRune(prev)) && isWordRune([]rune(o.Text)[0]) {
				t.Errorf("side %s: a word is split between %q and %q", side, prev, o.Text)
			}
			prev = o.Text
		}
	}
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func lastRune(s string) rune { r := []rune(s); return r[len(r)-1] }

func TestDiffCharsMarksTheChangedCharacters(t *testing.T) {
	a := "信息技术产品和服务供应企业不得在产品和服务中设置后门"
	b := "禁止通过在数字产品和服务中设置后门"
	ops := DiffChars(a, b)
	if Apply(ops, "-") != a || Apply(ops, "+") != b {
		t.Fatalf("diff does not rebuild its texts: %+v", ops)
	}
	var same string
	for _, o := range ops {
		if o.Kind == "=" {
			same += o.Text
		}
	}
	if !strings.Contains(same, "产品和服务中设置后门") {
		t.Errorf("common phrase not kept: %+v", ops)
	}
}

func TestAlignRanksTheParaphrasedPart(t *testing.T) {
	parts := []Doc{
		{Key: "p1", Text: map[string]string{"en": "States should not install backdoors in products.", "zh-Hans": "不得设置后门。"}},
		{Key: "p2", Text: map[string]string{"en": "States should protect personal information.", "zh-Hans": "保护个人信息。"}},
	}
	para := Doc{Key: "s#1", Text: map[string]string{"en": "He said providers should not install backdoors."}}
	e := NewEngine(append(parts, para))
	m := e.Align(para, "en", parts, 0.1, 3)
	if len(m) == 0 || m[0].B != "p1" {
		t.Fatalf("%+v", m)
	}
	if !strings.Contains(strings.Join(m[0].Shared, " "), "backdoor") {
		t.Errorf("shared terms %v", m[0].Shared)
	}
}

func TestPrecisionRecall(t *testing.T) {
	auto := map[[2]string]bool{{"a", "b"}: true, {"a", "c"}: true}
	ed := map[[2]string]bool{{"a", "b"}: true, {"d", "e"}: true, {"f", "g"}: true, {"h", "i"}: true}
	p, r, tp := PrecisionRecall(auto, ed)
	if p != 0.5 || r != 0.25 || tp != 1 {
		t.Errorf("p %v r %v tp %d", p, r, tp)
	}
}

func TestHTMLEscapesAndMarksEachSide(t *testing.T) {
	a := `Users' data <b>& "rights"</b> stay.`
	b := `Users' data <i>& rights</i> stay.`
	ops := DiffWords(a, b)
	for _, tt := range []struct{ side, text, tag, other string }{{"-", a, "del", "ins"}, {"+", b, "ins", "del"}} {
		h := HTML(ops, tt.side)
		if strings.Contains(h, "<b>") || strings.Contains(h, "<i>") || strings.Contains(h, "<"+tt.other+">") {
			t.Errorf("side %s: %s", tt.side, h)
		}
		if !strings.Contains(h, "<"+tt.tag+">") {
			t.Errorf("side %s marks nothing: %s", tt.side, h)
		}
		// The text content is the side's text, character for character.
		plain := strings.NewReplacer("<"+tt.tag+">", "", "</"+tt.tag+">", "").Replace(h)
		if got := html.UnescapeString(plain); got != tt.text {
			t.Errorf("side %s: text %q, want %q", tt.side, got, tt.text)
		}
	}
}

func TestHanTokens(t *testing.T) {
	got := HanTokens("加入CPTPP协定，2024年 Wall Street 日报。")
	want := []string{"加", "入", "CPTPP", "协", "定", "2024", "年", "Wall", "Street", "日", "报"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("HanTokens = %q, want %q", got, want)
	}
	if j := JoinHanTokens(got); j != "加入CPTPP协定2024年Wall Street日报" {
		t.Errorf("JoinHanTokens = %q", j)
	}
	if !IsHan("数据安全 data") || IsHan("data security 数据") {
		t.Error("IsHan does not go by the script of most letters")
	}
}

func TestCommon(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want float64
	}{
		{"States share data.", "States share data.", 1},
		{"States share data.", "Firms keep secrets.", 0},
		// Two of three words on each side: 4 of 6.
		{"States share data.", "States share secrets.", 4.0 / 6},
		// By character in Chinese: 数据 on both sides, 4 of 8.
		{"各国数据", "企业数据", 4.0 / 8},
		{"", "", 0},
	} {
		diff := DiffWords
		if IsHan(c.a + c.b) {
			diff = DiffChars
		}
		if got := Common(diff(c.a, c.b)); math.Abs(got-c.want) > 1e-9 {
			t.Errorf("Common(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}
