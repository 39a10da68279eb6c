package similar

import (
	"math"
	"strings"
	"testing"
)

func TestTerms(t *testing.T) {
	got := strings.Join(Terms("Providers should not install backdoors; 不得设置后门。Countries' data"), " ")
	want := "provider install backdoor 不得 得设 设置 置后 后门 country data"
	if got != want {
		t.Errorf("Terms:\n got  %s\n want %s", got, want)
	}
	if got := Terms("后"); len(got) != 1 || got[0] != "后" {
		t.Errorf("a lone character: %v", got)
	}
}

func TestCosine(t *testing.T) {
	docs := [][]string{Terms("backdoors in products"), Terms("personal information"), Terms("backdoor in a product")}
	ix := NewIndex(docs)
	a, b, c := ix.Vector(docs[0]), ix.Vector(docs[1]), ix.Vector(docs[2])
	if s := Cosine(a, a); math.Abs(s-1) > 1e-9 {
		t.Errorf("self-similarity %v", s)
	}
	if Cosine(a, b) != 0 {
		t.Errorf("unrelated texts score %v", Cosine(a, b))
	}
	if Cosine(a, c) < 0.99 {
		t.Errorf("plural and singular score %v", Cosine(a, c))
	}
	if got := Shared(a, c, 1); len(got) != 1 {
		t.Errorf("Shared %v", got)
	}
}

func BenchmarkSimilarity(b *testing.B) {
	text := strings.Repeat("Governments should prohibit illicit acquisition of data through backdoors. 禁止通过在数字产品和服务中设置后门非法获取数据。", 5)
	docs := [][]string{Terms(text), Terms(text + " extra")}
	ix := NewIndex(docs)
	b.ReportAllocs()
	for b.Loop() {
		Cosine(ix.Vector(Terms(text)), ix.Vector(docs[1]))
	}
}
