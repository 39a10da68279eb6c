package clean

import (
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/simplifiedchinese"
)

func TestFindDamage(t *testing.T) {
	for _, c := range []struct {
		in   string
		col  int
		span string
	}{
		{"提升用户信心、？；な莅踩？、促进", 10, "な"},
		{"数据安全カ", 5, "カ"},
		{"数据안전", 3, "안"},
		{"数据\uFFFD安全", 3, "\uFFFD"},
		{"数据\uE5E5安全", 3, "\uE5E5"},
		{"锟斤拷锟斤拷", 1, "锟斤"},
		{"数据斤拷", 3, "斤拷"},
		{"鍏ㄧ悆鏁版嵁瀹夊叏鍊¤", 1, "鍏ㄧ悆"},
		{"全球鏁版嵁安全", 3, "鏁版嵁"},
		{"数据鍊¤", 3, "鍊¤"},
		{"发展锛?促进", 3, "锛?"},
		{"发展锛？促进", 3, "锛？"},
		{"涓?浗", 1, "涓?"},
		{"数据?安全", 2, "据?安"},
		{"安全鍊？全", 3, "鍊？"},
		{"数据垚？安全", 3, "垚？安"},
		{"数据Ã©安全", 3, "Ã©"},
		{"数据Â\u00a0安全", 3, "Â\u00a0"},
		{"数据â€œ安全", 3, "â€"},
		{"数据ä¸­安全", 3, "ä¸­"},
		{"发(fā)布", 2, "(fā)"},
		{"发（fā）布", 2, "（fā）"},
		{"记（jì ）录", 2, "（jì ）"},
		// A word's reading, which StripPinyin leaves (it strips one
		// syllable per character), is refused, not published.
		{"技术（jì shù）", 3, "（jì shù）"},
		{"记( jì )录", 2, "( jì )"},
	} {
		d, ok := FindDamage(c.in)
		if !ok {
			t.Errorf("FindDamage(%q): no damage found", c.in)
			continue
		}
		if d.Col != c.col || d.Text != c.span {
			t.Errorf("FindDamage(%q) = column %d %q; want column %d %q", c.in, d.Col, d.Text, c.col, c.span)
		}
	}
}

func TestFindDamageNone(t *testing.T) {
	for _, s := range []string{
		"各国应共享数据，促进发展。",
		"这是为什么？我们认为，数据安全关系各国。",
		"我们能否合作？答案是肯定的。",
		"你同意吗？",
		"发展?", // an unrestored question mark at the end is no mojibake
		"《全球数据安全倡议》（2020年9月8日）",
		"加入《全面与进步跨太平洋伙伴关系协定》（CPTPP）和DEPA。",
		"欢迎各方(包括CPTPP成员)参与。",
		"截至2024年11月20日，共有1,000家企业、10:30开会。",
		"唐纳德・特朗普", // the middle dot Chinese uses in foreign names
		"涓涓细流，汇成江海。",
		"沙家浜的故事。",
		"发布（第一版）",
		"São Paulo 与 Genève 之间",
		"“数据”——安全……",
		"",
	} {
		if d, ok := FindDamage(s); ok {
			t.Errorf("FindDamage(%q) = %+v; want no damage", s, d)
		}
	}
}

// TestFindDamageMojibake makes mojibake as it happens, UTF-8 Chinese read
// as GBK (undecodable bytes shown as ?) or as Windows-1252, and finds it.
func TestFindDamageMojibake(t *testing.T) {
	for _, s := range []string{
		"各国应共享数据，促进发展。",
		"提升用户信心、保障数据安全、促进数字经济发展",
		"我们呼吁各方。",
		"中国",
		"数据安全",
		"《倡议》",
	} {
		gbk, _ := simplifiedchinese.GBK.NewDecoder().String(s)
		gbk = strings.ReplaceAll(gbk, "\uFFFD", "?")
		if d, ok := FindDamage(gbk); !ok || !d.Mojibake {
			t.Errorf("GBK mojibake of %q, %q: found %+v, %v", s, gbk, d, ok)
		}
		latin, _ := charmap.Windows1252.NewDecoder().String(s)
		if d, ok := FindDamage(latin); !ok || !d.Mojibake {
			t.Errorf("Windows-1252 mojibake of %q, %q: found %+v, %v", s, latin, d, ok)
		}
	}
}

func FuzzFindDamage(f *testing.F) {
	for _, s := range []string{"发展锛?促进", "记（jì ）录", "数据ä¸­安全", "各国应共享数据，促进发展。", "a(", "锟"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, ok := FindDamage(s)
		if !ok {
			return
		}
		n := utf8.RuneCountInString(s)
		if d.Col < 1 || d.Col > n || d.Text == "" || d.What == "" || d.Why == "" {
			t.Fatalf("FindDamage(%q) = %+v; %d runes", s, d, n)
		}
		if !strings.Contains(s, d.Text) && utf8.ValidString(s) {
			t.Fatalf("FindDamage(%q): span %q not in the text", s, d.Text)
		}
	})
}
