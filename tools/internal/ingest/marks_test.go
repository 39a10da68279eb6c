package ingest

import (
	"html"
	"strings"
	"testing"
)

func TestMarkQuotes(t *testing.T) {
	tests := []struct {
		text   string
		quotes []string
		want   string
		marked bool
	}{
		{"States should act.", []string{"should"}, "States <mark>should</mark> act.", true},
		// Each quote at its first occurrence, in the order given.
		{"a b a b", []string{"b", "a"}, "<mark>a</mark> <mark>b</mark> a b", true},
		// Repeated, empty and absent quotes mark nothing.
		{"a b", []string{"a", "a", "", "c"}, "<mark>a</mark> b", true},
		{"a b", []string{"c"}, "a b", false},
		// A quote inside one already marked is not marked again; found
		// later in the text, it is.
		{"abc abc", []string{"abc", "b"}, "<mark>abc</mark> a<mark>b</mark>c", true},
		// The text is escaped as the templates print it.
		{`R&D <x> "q" 'a'+b`, []string{"<x>"}, `R&amp;D <mark>&lt;x&gt;</mark> &#34;q&#34; &#39;a&#39;&#43;b`, true},
		{"各国承诺采取措施。", []string{"采取措施"}, "各国承诺<mark>采取措施</mark>。", true},
	}
	for _, tt := range tests {
		got, marked := markQuotes(tt.text, tt.quotes)
		if got != tt.want || marked != tt.marked {
			t.Errorf("markQuotes(%q, %q) = %q, %v; want %q, %v", tt.text, tt.quotes, got, marked, tt.want, tt.marked)
		}
	}
}

// FuzzMarkQuotes: whatever the quotes, the marked HTML is the text, character
// for character, once the marks are taken out and the escapes undone.
func FuzzMarkQuotes(f *testing.F) {
	f.Add("States should take actions & <act>.", "should", "actions")
	f.Add("各国承诺采取措施，反对滥用信息技术。", "采取措施", "信息")
	f.Fuzz(func(t *testing.T, text, q1, q2 string) {
		got, _ := markQuotes(text, []string{q1, q2})
		plain := strings.NewReplacer("<mark>", "", "</mark>", "").Replace(got)
		want := strings.ReplaceAll(text, "\x00", "\uFFFD")
		if html.UnescapeString(plain) != want {
			t.Fatalf("markQuotes(%q, %q, %q) = %q: not the text", text, q1, q2, got)
		}
	})
}
