package clean

import (
	"strings"
	"testing"
)

func BenchmarkRestorePunctuation(b *testing.B) {
	s := strings.Repeat("我们重申,各国应致力于维护开放、公正(非歧视性)的营商环境:超过1,000个;", 20)
	b.ReportAllocs()
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		RestorePunctuation(s)
	}
}

func BenchmarkStripPinyin(b *testing.B) {
	s := strings.Repeat("全球數(shù)據(jù)跨境流動(dòng)合作倡議(CPTPP)", 20)
	b.ReportAllocs()
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		StripPinyin(s)
	}
}
