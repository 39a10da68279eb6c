package ingest

import (
	"strings"
	"testing"

	"golang.org/x/text/encoding/traditionalchinese"
)

// pagedManifest is splitManifest with the English text captured in two
// files (pages), its document cut by a section running across them.
var pagedManifest = strings.Replace(strings.Replace(splitManifest, `file = "en.txt"`, `files = ["en-p1.txt", "en-p2.txt"]`, 1),
	"layout = \"single\"\n", `layout = "single"
[[source.section]]
start = "^We agree"
end = "States protect"
drop = ["^Page "]
[source.clean]
list_marker = "•"
`, 1)

func pagedProject(t *testing.T, p1, p2, zh string) string {
	return project(t, map[string][]byte{
		"sources/sources.toml": []byte(pagedManifest),
		"sources/en-p1.txt":    []byte(p1),
		"sources/en-p2.txt":    []byte(p2),
		"sources/zh.txt":       []byte(zh),
		"sources/news.txt":     []byte("Report.\n"),
	})
}

func TestTwoPageCaptureIsOneCaptureWithEachParagraphsFileAndLine(t *testing.T) {
	root := pagedProject(t, "Portal menu\nWe agree.\n• States share data.\n", "Page 2 of 2\n\n• States protect data.\nFooter\n", "我们同意。\n各国共享数据。\n各国保护数据。\n")
	r, err := runProject(root)
	if err != nil {
		t.Fatal(err)
	}
	x := r.source("en")
	type para struct {
		file string
		line int
		text string
	}
	want := []para{{"sources/en-p1.txt", 2, "We agree."}, {"sources/en-p1.txt", 3, "States share data."}, {"sources/en-p2.txt", 3, "States protect data."}}
	got := x.Paras["en"]
	if len(got) != len(want) {
		t.Fatalf("paragraphs %+v", got)
	}
	for i, w := range want {
		if g := (para{got[i].File, got[i].Line, got[i].Text}); g != w {
			t.Errorf("paragraph %d = %+v; want %+v", i+1, g, w)
		}
	}
	steps := strings.Join(x.Steps, "\n")
	for _, s := range []string{"read 2 files in order as one capture: en-p1.txt, en-p2.txt", "took the document from en-p1.txt line 2 to en-p2.txt line 3", "left out 3 lines"} {
		if !strings.Contains(steps, s) {
			t.Errorf("steps lack %q:\n%s", s, steps)
		}
	}
	page := string(r.Files["generated/content/en/demo-2021/point_2.md"])
	if !strings.Contains(page, `sourceLine = 3`) || !strings.Contains(page, `sourceFile = "en-p2.txt"`) {
		t.Errorf("point_2's page does not name en-p2.txt line 3:\n%s", page)
	}
	if page := string(r.Files["generated/content/zh/demo-2021/point_2.md"]); strings.Contains(page, "sourceFile") {
		t.Errorf("a source in one file names its file on the part page:\n%s", page)
	}
	sources := string(r.Files["generated/data/sources.toml"])
	rec := sourceRecordText(sources, "en")
	if !strings.Contains(rec, `file = "en-p1.txt"`) || !strings.Contains(rec, `file = "en-p2.txt"`) || strings.Count(rec, "sha256 = ") != 2 {
		t.Errorf("record of the paged source:\n%s", rec)
	}
	if strings.Index(rec, "en-p1.txt") > strings.Index(rec, "en-p2.txt") {
		t.Errorf("files not in reading order:\n%s", rec)
	}
	if zh := sourceRecordText(sources, "zh"); !strings.Contains(zh, `file = "zh.txt"`) || strings.Contains(zh, "files") {
		t.Errorf("record of a one-file source:\n%s", zh)
	}
}

func TestTwoPageCaptureErrorsNameTheSecondFile(t *testing.T) {
	const zh3 = "我们同意。\n各国共享数据。\n各国保护数据。\n"
	tests := []struct{ name, p2, zh, want string }{
		{"damage: empty after cleaning", "Page 2\n•\n• States protect data.\n", zh3, "sources/en-p2.txt:2: source en: the paragraph is empty after cleaning"},
		{"a paragraph beyond the structure", "Page 2\nStates are friends.\n• States protect data.\n", zh3 + "各国是朋友。\n", "sources/en-p2.txt:3: source en: 4 paragraphs but the structure of demo-2021 declares 3"},
		{"end pattern missing", "Page 2\n", zh3, "sources/en-p1.txt: the end pattern"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := runProject(pagedProject(t, "We agree.\n• States share data.\n", tt.p2, tt.zh))
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Fatalf("error = %v\nwant %s…", err, tt.want)
			}
		})
	}
}

// sourceRecordText is the text of [source.<id>] in generated/data/sources.toml,
// its sub-tables included.
func sourceRecordText(sources, id string) string {
	head := "[source." + id + "]"
	i := strings.Index(sources, head)
	if i < 0 {
		return ""
	}
	rest := sources[i+len(head):]
	for _, line := range strings.SplitAfter(rest, "\n") {
		if strings.HasPrefix(line, "[source.") && !strings.HasPrefix(line, "[source."+id+".") {
			return head + rest[:strings.Index(rest, line)]
		}
	}
	return head + rest
}

func TestCoverageInSeveralFilesNamesEachParagraphsFile(t *testing.T) {
	root := project(t, map[string][]byte{
		"sources/sources.toml": []byte(strings.Replace(splitManifest, `file = "news.txt"`, `files = ["news-p1.txt", "news-p2.txt"]`, 1)),
		"sources/en.txt":       []byte("We agree.\nStates share data.\nStates protect data.\n"),
		"sources/zh.txt":       []byte("我们同意。\n各国共享数据。\n各国保护数据。\n"),
		"sources/news-p1.txt":  []byte("Report.\n"),
		"sources/news-p2.txt":  []byte("\nThey agree: • States share data. • States protect data.\n"),
	})
	r, err := runProject(root)
	if err != nil {
		t.Fatal(err)
	}
	cov := string(r.Files["generated/data/coverage.toml"])
	for _, want := range []string{
		"file = \"news-p1.txt\"\nline = 1\nlisted = false\ntext = \"Report.\"",
		"file = \"news-p2.txt\"\nline = 2\nlisted = true\ntext = \"States protect data.\"",
	} {
		if !strings.Contains(cov, want) {
			t.Errorf("coverage lacks\n%s\nin\n%s", want, cov)
		}
	}
	al := string(r.Files["generated/data/alignment.toml"])
	if !strings.Contains(al, "file = \"news-p2.txt\"\nline = 2") {
		t.Errorf("alignment does not name news-p2.txt line 2:\n%s", al)
	}
}

func TestTwoPageCaptureInTwoEncodingsIsAnError(t *testing.T) {
	big5, err := traditionalchinese.Big5.NewEncoder().String("頁二\nStates protect data.\n")
	if err != nil {
		t.Fatal(err)
	}
	_, err = runProject(pagedProject(t, "We agree.\n• States share data.\n", big5, "我们同意。\n各国共享数据。\n各国保护数据。\n"))
	if err == nil || !strings.HasPrefix(err.Error(), "sources/en-p2.txt: source en: this file reads as big5 but sources/en-p1.txt as utf-8") {
		t.Fatalf("error = %v", err)
	}
}
