package opencc

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/annotated-data-initiatives/site/tools/internal/testenv"
)

func TestTW2S(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"改變著", "改变着"}, // Taiwan 著 → mainland 着
		{"著作", "著作"},
		{"著名", "著名"},
		{"顯著", "显著"},
		{"對于", "对于"},
		{"對於", "对于"},
		{"後門", "后门"},
		{"後门", "后门"},
		{"采取", "采取"},
		{"採取", "采取"},
		{"系統", "系统"},
		{"李澤鉅著", "李泽钜着"}, // segment 李澤鉅 | 著 hides the variant phrase 鉅著
		{"甚鉅著", "甚钜着"},
		{"乾燥", "干燥"},
		{"乾隆", "乾隆"},
		{"頭髮", "头发"},
		{"為此", "为此"},
		{"爲此", "为此"},
		{"裡面", "里面"},
		{"臺灣", "台湾"},
		{"数据安全", "数据安全"},
		{"Hello, world! 1+1=2\t~", "Hello, world! 1+1=2\t~"},
		{"，。、；：「」『』（）！？——…", "，。、；：「」『』（）！？——…"},
		{"dòng fā (CPTPP)", "dòng fā (CPTPP)"},
		{"各國應以事實為依據,\n全面客觀看待數據安全問題。", "各国应以事实为依据,\n全面客观看待数据安全问题。"},
		{"a\x00後\xff門", "a\x00后\xff门"}, // NUL and invalid bytes pass through
	}
	for _, tt := range tests {
		if got := TW2S(tt.in); got != tt.want {
			t.Errorf("TW2S(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestS2T(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"数据", "數據"},
		{"后门", "後門"},
		{"皇后", "皇后"},
		{"后来", "後來"},
		{"发展", "發展"},
		{"出发", "出發"},
		{"头发", "頭髮"}, // phrase: 发 → 髮, not the default 發
		{"理发", "理髮"},
		{"头发很长", "頭髮很長"},
		{"个人信息", "個人信息"}, // OpenCC standard keeps 信息
		{"干燥", "乾燥"},
		{"干部", "幹部"},
		{"乾隆", "乾隆"},
		{"于是", "於是"},
		{"里面", "裏面"},
		{"台湾", "臺灣"},
		{"联系", "聯繫"},
		{"关系", "關係"},
		{"系统", "系統"},
		{"范围", "範圍"},
		{"面条", "麪條"},
		{"一只", "一隻"},
		{"改变着", "改變着"},
		{"中华人民共和国", "中華人民共和國"},
		{"數據安全", "數據安全"}, // Traditional text is unchanged
		{"Hello, world! 1+1=2\t~", "Hello, world! 1+1=2\t~"},
		{"，。、；：“”‘’「」『』（）！？——…", "，。、；：“”‘’「」『』（）！？——…"},
		{"dòng fā (CPTPP)", "dòng fā (CPTPP)"},
		{"各国应以事实为依据,\n全面客观看待数据安全问题。", "各國應以事實爲依據,\n全面客觀看待數據安全問題。"},
		{"a\x00后\xff门", "a\x00後\xff門"}, // NUL and invalid bytes pass through
	}
	for _, tt := range tests {
		if got := S2T(tt.in); got != tt.want {
			t.Errorf("S2T(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestGroupFirstDictionaryWins checks OpenCC's DictGroup rule, which the
// tw2s data cannot show (its phrase dictionaries have no one-rune keys).
func TestGroupFirstDictionaryWins(t *testing.T) {
	tb := build(config{
		dicts:        []dict{{"A", "甲\tA\n"}, {"B", "甲乙\tB\n"}, {"C", ""}},
		segmentation: group{2},
		chain:        []group{{0, 1}},
	})
	if n, v := tb.match(group{0, 1}, "甲乙"); n != len("甲") || v != "A" {
		t.Errorf("match = %d, %q; want the first dictionary's match", n, v)
	}
	if got := tb.convert("甲乙丙"); got != "A乙丙" {
		t.Errorf("convert = %q, want A乙丙", got)
	}
}

// TestMatchLengths checks that match tries only the key lengths present,
// longest first, including past the end of the input.
func TestMatchLengths(t *testing.T) {
	tb := build(config{
		dicts:        []dict{{"P", "甲乙\tB\n甲乙丙丁\tD\n"}, {"C", "甲\tA\n"}},
		segmentation: group{0},
		chain:        []group{{0, 1}},
	})
	for _, tt := range []struct {
		in   string
		n    int
		want string
	}{
		{"甲乙丙丁戊", len("甲乙丙丁"), "D"},
		{"甲乙丙", len("甲乙"), "B"},
		{"甲乙", len("甲乙"), "B"},
		{"甲丙", len("甲"), "A"},
		{"甲", len("甲"), "A"},
		{"乙", 0, ""},
	} {
		if n, v := tb.match(group{0, 1}, tt.in); n != tt.n || v != tt.want {
			t.Errorf("match(%q) = %d, %q; want %d, %q", tt.in, n, v, tt.n, tt.want)
		}
	}
}

func TestConcurrent(t *testing.T) {
	in := readTestdata(t)
	want := make([]string, 2*len(in))
	for i, l := range in {
		want[2*i] = TW2S(l)
		want[2*i+1] = S2T(want[2*i])
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for i, l := range in {
				if got := TW2S(l); got != want[2*i] {
					t.Errorf("TW2S: line %d differs under concurrency", i+1)
				}
				if got := S2T(want[2*i]); got != want[2*i+1] {
					t.Errorf("S2T: line %d differs under concurrency", i+1)
				}
			}
		})
	}
	wg.Wait()
}

// TestAgainstCLI compares TW2S with `opencc -c tw2s` on the testdata and on
// lines built from every dictionary entry.
func TestAgainstCLI(t *testing.T) {
	lines := readTestdata(t)
	nTestdata := len(lines)
	lines = append(lines, tw2sDictLines()...)
	compareWithCLI(t, "tw2s", tw2sConfig(), TW2S, lines, nTestdata)
}

// TestS2TAgainstCLI compares S2T with `opencc -c s2t` on the testdata, on
// its Simplified forms and on lines built from every dictionary entry.
func TestS2TAgainstCLI(t *testing.T) {
	lines := readTestdata(t)
	for _, l := range lines { // the range reads the testdata lines only
		lines = append(lines, TW2S(l))
	}
	nTestdata := len(lines)
	lines = append(lines, s2tDictLines()...)
	compareWithCLI(t, "s2t", s2tConfig(), S2T, lines, nTestdata)
}

// compareWithCLI runs `opencc -c name` over lines, the first nTestdata of
// which come from the testdata, and asserts that convert gives the same
// bytes for each line and for the whole input.
func compareWithCLI(t *testing.T, name string, c config, convert func(string) string, lines []string, nTestdata int) {
	t.Helper()
	bin, err := exec.LookPath("opencc")
	if err != nil {
		testenv.Missing(t, fmt.Sprintf("opencc command not found (Debian: apt-get install opencc); skipping differential test against opencc -c %s", name))
	}
	checkInstalledData(t, c)

	input := strings.Join(lines, "\n") + "\n"
	cmd := exec.Command(bin, "-c", name)
	cmd.Stdin = strings.NewReader(input)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s -c %s: %v\n%s", bin, name, err, stderr.Bytes())
	}
	got := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	if len(got) != len(lines) {
		t.Fatalf("opencc printed %d lines for %d input lines", len(got), len(lines))
	}
	diffs := 0
	for i, l := range lines {
		if mine := convert(l); mine != got[i] {
			if diffs == 0 {
				t.Errorf("first difference, line %d:\n input:  %q\n opencc: %q\n Go:     %q", i+1, l, got[i], mine)
			}
			diffs++
		}
	}
	if diffs > 0 {
		t.Errorf("%d of %d lines differ", diffs, len(lines))
	}
	if whole := convert(input); whole != string(out) {
		t.Errorf("conversion of the whole input differs from opencc")
	}
	t.Logf("compared %d lines (%d testdata, %d from dictionaries), %d bytes, with %s -c %s", len(lines), nTestdata, len(lines)-nTestdata, len(input), bin, name)
}

// checkInstalledData skips the differential test when the installed OpenCC
// dictionaries of c are not the embedded ones (another OpenCC version).
func checkInstalledData(t *testing.T, c config) {
	t.Helper()
	od, err := exec.LookPath("opencc_dict")
	if err != nil {
		t.Log("opencc_dict not found; cannot check that installed OpenCC data matches the embedded dictionaries")
		return
	}
	dir := t.TempDir()
	for _, d := range c.dicts {
		out := filepath.Join(dir, d.name+".txt")
		in := filepath.Join("/usr/share/opencc", d.name+".ocd2")
		if msg, err := exec.Command(od, "-i", in, "-o", out, "-f", "ocd2", "-t", "text").CombinedOutput(); err != nil {
			t.Skipf("cannot export installed %s: %v %s; skipping differential test", in, err, msg)
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		if string(b) != d.text {
			t.Skipf("installed %s differs from embedded dict/%s.txt (different OpenCC data version); skipping differential test", in, d.name)
		}
	}
}

// embeddedDicts returns every embedded dictionary by name.
func embeddedDicts() map[string]string {
	m := make(map[string]string)
	for _, c := range []config{tw2sConfig(), s2tConfig()} {
		for _, d := range c.dicts {
			m[d.name] = d.text
		}
	}
	return m
}

// parseEntries returns the keys and all values of a dictionary text, in order.
func parseEntries(data string) (keys, values []string) {
	for line := range strings.Lines(data) {
		k, v, _ := strings.Cut(strings.TrimSuffix(line, "\n"), "\t")
		keys = append(keys, k)
		values = append(values, strings.Fields(v)...)
	}
	return keys, values
}

// entryLines returns lines built from the named dictionaries: every key and
// every value alone, runs of keys and of values concatenated, and
// pseudo-random mixtures of them with ASCII, punctuation and pinyin.
func entryLines(names []string, seed uint64) []string {
	var lines, pool []string
	chunk := func(items []string, n int) {
		for i := 0; i < len(items); i += n {
			lines = append(lines, strings.Join(items[i:min(i+n, len(items))], ""))
		}
	}
	for _, name := range names {
		keys, values := parseEntries(embeddedDicts()[name])
		lines = append(lines, keys...)
		lines = append(lines, values...)
		n := 40
		if strings.HasSuffix(name, "Phrases") {
			n = 6
		}
		chunk(keys, n)
		chunk(values, n)
		pool = append(pool, keys...)
		pool = append(pool, values...)
	}
	pool = append(pool, " ", "a", "ICT", "2024", ",", "。", "、", "「", "」", "“", "”", "dòng", "(CPTPP)", "——")
	r := rand.New(rand.NewPCG(seed, 11))
	for range 5000 {
		var sb strings.Builder
		for range 1 + r.IntN(12) {
			sb.WriteString(pool[r.IntN(len(pool))])
		}
		lines = append(lines, sb.String())
	}
	return lines
}

// tw2sDictLines builds the tw2s differential-test lines: TSPhrases keys
// overlapping TWVariantsRevPhrases keys (where segmentation matters), then
// entryLines of the four dictionaries.
func tw2sDictLines() []string {
	var lines []string
	phrases, _ := parseEntries(tsPhrasesTxt)
	variants, _ := parseEntries(twVariantsRevPhrasesTxt)
	for _, p := range phrases {
		for _, v := range variants {
			vr := []rune(v)
			for j := 1; j < len(vr); j++ {
				head, tail := string(vr[:j]), string(vr[j:])
				if strings.HasSuffix(p, head) {
					lines = append(lines, p+tail)
				}
				if strings.HasPrefix(p, tail) {
					lines = append(lines, head+p)
				}
			}
		}
	}
	return append(lines, entryLines([]string{"TWVariantsRevPhrases", "TWVariantsRev", "TSPhrases", "TSCharacters"}, 2024)...)
}

// s2tDictLines builds the s2t differential-test lines: overlapping pairs of
// STPhrases keys (p's last runes are q's first ones, where the maximum
// match decides the segmentation), one q for each p and overlap length,
// then entryLines of STPhrases and STCharacters and of the tw2s
// dictionaries (whose values are Simplified text).
func s2tDictLines() []string {
	keys, _ := parseEntries(stPhrasesTxt)
	byPrefix := make(map[string][]string)
	for _, q := range keys {
		for i := range q {
			if i > 0 {
				byPrefix[q[:i]] = append(byPrefix[q[:i]], q)
			}
		}
	}
	var lines []string
	for n, p := range keys {
		for i := range p {
			if qs := byPrefix[p[i:]]; i > 0 && len(qs) > 0 {
				q := qs[n%len(qs)]
				lines = append(lines, p[:i]+q)
			}
		}
	}
	return append(lines, entryLines([]string{"STPhrases", "STCharacters", "TSPhrases", "TSCharacters", "TWVariantsRevPhrases", "TWVariantsRev"}, 2025)...)
}

func TestDictFormat(t *testing.T) {
	for name, data := range embeddedDicts() {
		if !strings.HasSuffix(data, "\n") {
			t.Errorf("%s: no final newline", name)
		}
		for i, line := range strings.Split(strings.TrimSuffix(data, "\n"), "\n") {
			k, v, ok := strings.Cut(line, "\t")
			if !ok || k == "" || strings.ContainsAny(k, " \t") || v == "" ||
				strings.Contains(v, "\t") || strings.Join(strings.Fields(v), " ") != v {
				t.Errorf("%s line %d: not key<TAB>value[ value...]: %q", name, i+1, line)
			}
		}
	}
	tw, st := tw2sTables(), s2tTables()
	if tw.asciiKeys || st.asciiKeys {
		t.Error("a dictionary key starts with ASCII; the ASCII fast path is never taken")
	}
	if n, got := tw.match(group{3}, "阪"); n == 0 || got != "阪" {
		t.Errorf("TSCharacters 阪 default = %q, want first value 阪", got)
	}
	if n, got := st.match(group{1}, "鉴"); n == 0 || got != "鑑" {
		t.Errorf("STCharacters 鉴 default = %q, want first value 鑑", got)
	}
	if n := utf8.RuneCountInString("个人信息"); st.lookup('个') == nil || st.lookup('个').lengths[0]&(1<<(n-1)) == 0 {
		t.Error("STPhrases: no four-rune key starting with 个 recorded")
	}
}

func readTestdata(tb testing.TB) []string {
	tb.Helper()
	var lines []string
	for _, f := range []string{"gids2020_zh.txt", "cbdf2024_zh.txt"} {
		b, err := os.ReadFile(filepath.Join("testdata", f))
		if err != nil {
			tb.Fatal(err)
		}
		lines = append(lines, strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")...)
	}
	return lines
}

func ExampleTW2S() {
	fmt.Println(TW2S("各國應以事實為依據，全面客觀看待數據安全問題。"))
	fmt.Println(TW2S("改變著 (ICT)"))
	// Output:
	// 各国应以事实为依据，全面客观看待数据安全问题。
	// 改变着 (ICT)
}

func ExampleS2T() {
	fmt.Println(S2T("各国应以事实为依据，全面客观看待数据安全问题。"))
	fmt.Println(S2T("头发、发展 (ICT)"))
	// Output:
	// 各國應以事實爲依據，全面客觀看待數據安全問題。
	// 頭髮、發展 (ICT)
}

func BenchmarkTW2S(b *testing.B) {
	text := strings.Join(readTestdata(b), "\n")
	tw2sTables()
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		TW2S(text)
	}
}

// BenchmarkS2T converts the Simplified forms of the testdata.
func BenchmarkS2T(b *testing.B) {
	text := TW2S(strings.Join(readTestdata(b), "\n"))
	s2tTables()
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		S2T(text)
	}
}

func BenchmarkLoadTW2S(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		build(tw2sConfig())
	}
}

func BenchmarkLoadS2T(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		build(s2tConfig())
	}
}
