package ingest

import (
	"strings"
	"testing"
)

func TestWrapCard(t *testing.T) {
	for _, c := range []struct {
		in   string
		ems  float64
		want string
	}{
		// Short enough: as is.
		{"《全球数据安全倡议》第3点", 17, "《全球数据安全倡议》第3点"},
		// Han text breaks between characters, never before a closing
		// mark.
		{"《全球数据安全倡议》", 8, "《全球数据安全倡\n议》"},
		{"《全球数据安全倡议》", 9, "《全球数据安全倡\n议》"},
		{"全球数据安全倡议", 4, "全球数据\n安全倡议"},
		// Other text breaks at spaces, which are dropped.
		{"Global Initiative on Data Security", 12, "Global Initiative on\nData Security"},
		{"Global Initiative on Data Security", 11, "Global Initiative\non Data Security"},
		// A word longer than a line stays whole on its own line.
		{"Internationalisation", 5, "Internationalisation"},
	} {
		if got := wrapCard(c.in, c.ems); got != c.want {
			t.Errorf("wrapCard(%q, %v) = %q, want %q", c.in, c.ems, got, c.want)
		}
		if strings.ReplaceAll(wrapCard(c.in, c.ems), "\n", "") != strings.ReplaceAll(c.in, " ", "") && !strings.Contains(c.in, " ") {
			t.Errorf("wrapCard(%q) changed the text", c.in)
		}
	}
}
