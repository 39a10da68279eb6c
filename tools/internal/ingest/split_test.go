package ingest

import (
	"strings"
	"testing"
)

// splitManifest is a small project: one instrument whose English and
// Chinese texts come from two single-language captures, and a news release
// listing its points inline.
const splitManifest = demoTwoCaptures + `
[[source]]
id = "news"
file = "news.txt"
format = "text"
kind = "news-release"
instrument = "demo-2021"
languages = ["en"]
layout = "single"
[source.clean]
split_inline = "•"
list_marker = "•"
`

func TestSplitInlineMakesOneListedParagraphPerItem(t *testing.T) {
	root := project(t, map[string][]byte{
		"sources/sources.toml": []byte(splitManifest),
		"sources/en.txt":       []byte("We agree.\nStates share data.\nStates protect data.\n"),
		"sources/zh.txt":       []byte("我们同意。\n各国共享数据。\n各国保护数据。\n"),
		"sources/news.txt":     []byte("Headline\nThe points are: • States share data. •States protect data.  • Be good.\n• A single bullet • is not a list.\n• Alone\nWith a • inside.\n"),
	})
	r, err := runProject(root)
	if err != nil {
		t.Fatal(err)
	}
	type para struct {
		text   string
		line   int
		listed bool
	}
	want := []para{
		{"Headline", 1, false},
		{"The points are:", 2, false},
		{"States share data.", 2, true},
		{"States protect data.", 2, true},
		{"Be good.", 2, true},
		{"A single bullet", 3, true},
		{"is not a list.", 3, true},
		{"Alone", 4, true},
		{"With a • inside.", 5, false},
	}
	for _, x := range r.Sources {
		if x.Source.ID != "news" {
			continue
		}
		var got []para
		for _, p := range x.Paras["en"] {
			got = append(got, para{p.Text, p.Line, p.Listed})
		}
		if len(got) != len(want) {
			t.Fatalf("paragraphs:\n%v\nwant\n%v", got, want)
		}
		for i := range want {
			if got[i] != want[i] {
				t.Errorf("paragraph %d = %+v; want %+v", i+1, got[i], want[i])
			}
		}
		if steps := strings.Join(x.Steps, "\n"); !strings.Contains(steps, "split 2 paragraphs") {
			t.Errorf("steps do not say what was split:\n%s", steps)
		}
	}
}

func TestSplitInlineEmptyItemNamesTheLine(t *testing.T) {
	root := project(t, map[string][]byte{
		"sources/sources.toml": []byte(splitManifest),
		"sources/en.txt":       []byte("We agree.\nStates share data.\nStates protect data.\n"),
		"sources/zh.txt":       []byte("我们同意。\n各国共享数据。\n各国保护数据。\n"),
		"sources/news.txt":     []byte("Headline\n• a • • c\n"),
	})
	_, err := runProject(root)
	if err == nil || !strings.HasPrefix(err.Error(), "sources/news.txt:2: ") || !strings.Contains(err.Error(), "item 2") {
		t.Fatalf("error = %v; want sources/news.txt:2: … item 2 …", err)
	}
}
