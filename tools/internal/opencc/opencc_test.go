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

// TestGroupFirstDictionaryWins checks OpenCC's DictGroup rule, which the
// tw2s data cannot show (its phrase dictionaries have no one-rune keys).
func TestGroupFirstDictionaryWins(t *testing.T) {
	var data [nDicts]string
	data[twVariantsRevPhrases] = "甲\tA\n"
	data[twVariantsRev] = "甲乙\tB\n"
	tb := build(data)
	if n, v := tb.match(chain[0], "甲乙"); n != len("甲") || v != "A" {
		t.Errorf("match = %d, %q; want the first dictionary's match", n, v)
	}
	if got := tb.convert("甲乙丙"); got != "A乙丙" {
		t.Errorf("convert = %q, want A乙丙", got)
	}
}

func TestConcurrent(t *testing.T) {
	in := readTestdata(t)
	want := make([]string, len(in))
	for i, l := range in {
		want[i] = TW2S(l)
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for i, l := range in {
				if got := TW2S(l); got != want[i] {
					t.Errorf("line %d differs under concurrency", i+1)
				}
			}
		})
	}
	wg.Wait()
}

// TestAgainstCLI compares TW2S with `opencc -c tw2s` on the testdata and on
// lines built from every dictionary entry.
func TestAgainstCLI(t *testing.T) {
	bin, err := exec.LookPath("opencc")
	if err != nil {
		t.Skip("opencc command not found (Debian: apt-get install opencc); skipping differential test")
	}
	checkInstalledData(t)

	lines := readTestdata(t)
	nTestdata := len(lines)
	lines = append(lines, dictLines()...)
	input := strings.Join(lines, "\n") + "\n"

	cmd := exec.Command(bin, "-c", "tw2s")
	cmd.Stdin = strings.NewReader(input)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s -c tw2s: %v\n%s", bin, err, stderr.Bytes())
	}
	got := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	if len(got) != len(lines) {
		t.Fatalf("opencc printed %d lines for %d input lines", len(got), len(lines))
	}
	diffs := 0
	for i, l := range lines {
		if mine := TW2S(l); mine != got[i] {
			if diffs == 0 {
				t.Errorf("first difference, line %d:\n input: %q\n opencc: %q\n TW2S:   %q", i+1, l, got[i], mine)
			}
			diffs++
		}
	}
	if diffs > 0 {
		t.Errorf("%d of %d lines differ", diffs, len(lines))
	}
	if whole := TW2S(input); whole != string(out) {
		t.Errorf("TW2S of the whole input differs from opencc")
	}
	t.Logf("compared %d lines (%d testdata, %d from dictionaries), %d bytes, with %s", len(lines), nTestdata, len(lines)-nTestdata, len(input), bin)
}

// checkInstalledData skips the differential test when the installed OpenCC
// dictionaries are not the embedded ones (another OpenCC version).
func checkInstalledData(t *testing.T) {
	t.Helper()
	od, err := exec.LookPath("opencc_dict")
	if err != nil {
		t.Log("opencc_dict not found; cannot check that installed OpenCC data matches the embedded dictionaries")
		return
	}
	dir := t.TempDir()
	for name, embedded := range embeddedDicts() {
		out := filepath.Join(dir, name+".txt")
		in := filepath.Join("/usr/share/opencc", name+".ocd2")
		if msg, err := exec.Command(od, "-i", in, "-o", out, "-f", "ocd2", "-t", "text").CombinedOutput(); err != nil {
			t.Skipf("cannot export installed %s: %v %s; skipping differential test", in, err, msg)
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		if string(b) != embedded {
			t.Skipf("installed %s differs from embedded dict/%s.txt (different OpenCC data version); skipping differential test", in, name)
		}
	}
}

func embeddedDicts() map[string]string {
	return map[string]string{
		"TWVariantsRevPhrases": twVariantsRevPhrasesTxt,
		"TWVariantsRev":        twVariantsRevTxt,
		"TSPhrases":            tsPhrasesTxt,
		"TSCharacters":         tsCharactersTxt,
	}
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

// dictLines builds differential-test lines from the dictionaries: every
// key and every value alone, runs of keys and of values concatenated,
// TSPhrases keys overlapping TWVariantsRevPhrases keys (where segmentation
// matters), and pseudo-random mixtures with ASCII, punctuation and pinyin.
func dictLines() []string {
	var lines, pool []string
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
	chunk := func(items []string, n int) {
		for i := 0; i < len(items); i += n {
			lines = append(lines, strings.Join(items[i:min(i+n, len(items))], ""))
		}
	}
	for _, name := range []string{"TWVariantsRevPhrases", "TWVariantsRev", "TSPhrases", "TSCharacters"} {
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
	pool = append(pool, " ", "a", "ICT", "2024", ",", "。", "、", "「", "」", "dòng", "(CPTPP)", "——")
	r := rand.New(rand.NewPCG(2024, 11))
	for range 5000 {
		var sb strings.Builder
		for range 1 + r.IntN(12) {
			sb.WriteString(pool[r.IntN(len(pool))])
		}
		lines = append(lines, sb.String())
	}
	return lines
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
	tb := load()
	if tb.asciiKeys {
		t.Error("a dictionary key starts with ASCII; the ASCII fast path is never taken")
	}
	if n, got := tb.match([]int{tsCharacters}, "阪"); n == 0 || got != "阪" {
		t.Errorf("TSCharacters 阪 default = %q, want first value 阪", got)
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

func BenchmarkTW2S(b *testing.B) {
	text := strings.Join(readTestdata(b), "\n")
	getTables()
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		TW2S(text)
	}
}

func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		load()
	}
}
