package ingest

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"

	"github.com/annotated-data-initiatives/site/tools/internal/manifest"
	"github.com/annotated-data-initiatives/site/tools/internal/site"
)

// project writes a small project (manifest and captures) into a temp dir.
func project(t testing.TB, files map[string][]byte) string {
	t.Helper()
	root := t.TempDir()
	for name, data := range files {
		p := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

const demoManifest = `
[[instrument]]
id = "demo-2021"
date = 2021-01-02
structure = [{ kind = "preamble", count = 1 }, { kind = "point", count = 2 }, { kind = "closing", count = 1 }]
title = { en = "Demo Initiative", zh-Hans = "示范倡议" }
issuer = { en = "Somebody", zh-Hans = "某机构" }
authority = { en = "web", zh-Hans = "big5" }

[[source]]
id = "web"
file = "web.html"
format = "html"
selector = "article .body"
kind = "official-text"
instrument = "demo-2021"
languages = ["en", "zh-Hans"]
layout = "interleaved"
[source.clean]
convert = "tw2s"
restore_punctuation = true

[[source]]
id = "big5"
file = "big5.txt"
format = "text"
encoding = "big5"
kind = "official-text"
instrument = "demo-2021"
languages = ["zh-Hans"]
layout = "single"
[[source.section]]
start = "^我們"
[source.clean]
convert = "tw2s"
restore_punctuation = true
list_marker = "——"

[[source]]
id = "gb"
file = "gb.txt"
format = "text"
kind = "news-report"
instrument = "demo-2021"
languages = ["zh-Hans"]
layout = "single"
[source.clean]
restore_punctuation = true
`

func TestHTMLAndChineseEncodingsFeedTheSameCleaner(t *testing.T) {
	html := `<html><body><header>Portal menu 菜單</header><article><div class="body">
<p>We agree. 我們同意。</p>
<p>States should share data. 各國應共享數據,促進發展。</p>
<p>States should not install backdoors. 各國不得設置後門。</p>
<p>We call on all. 我們呼籲各方。</p>
</div></article><footer>Credits</footer></body></html>`
	big5, err := traditionalchinese.Big5.NewEncoder().String("頁首\n我們同意。\n——各國應共享數據,促進發展。\n——各國不得設置後門。\n我們呼籲各方。\n")
	if err != nil {
		t.Fatal(err)
	}
	gb, err := simplifiedchinese.GB18030.NewEncoder().String("报道:各国发起倡议(示范)。\n")
	if err != nil {
		t.Fatal(err)
	}
	root := project(t, map[string][]byte{
		"sources/sources.toml": []byte(demoManifest),
		"sources/web.html":     []byte(html),
		"sources/big5.txt":     []byte(big5),
		"sources/gb.txt":       []byte(gb),
	})
	r, err := runProject(root)
	if err != nil {
		t.Fatal(err)
	}
	parts := r.Instruments[0].Parts
	want := []struct{ id, en, zh string }{
		{"preamble__p_1", "We agree.", "我们同意。"},
		{"point_1", "States should share data.", "各国应共享数据，促进发展。"},
		{"point_2", "States should not install backdoors.", "各国不得设置后门。"},
		{"conclusions__p_1", "We call on all.", "我们呼吁各方。"},
	}
	if len(parts) != len(want) {
		t.Fatalf("%d parts", len(parts))
	}
	for i, w := range want {
		p := parts[i]
		if p.ID != w.id || p.Text["en"] != w.en || p.Text["zh-Hans"] != w.zh {
			t.Errorf("part %d = %s %q %q; want %s %q %q", i+1, p.ID, p.Text["en"], p.Text["zh-Hans"], w.id, w.en, w.zh)
		}
		if p.Source["en"] != "web" || p.Source["zh-Hans"] != "big5" {
			t.Errorf("%s sources %v", p.ID, p.Source)
		}
	}
	for _, x := range r.Sources {
		if x.Source.ID == "gb" {
			if x.Encoding != "gb18030" || x.Paras["zh-Hans"][0].Text != "报道：各国发起倡议（示范）。" {
				t.Errorf("gb: %s %q", x.Encoding, x.Paras["zh-Hans"][0].Text)
			}
			if !strings.Contains(strings.Join(x.Steps, "\n"), "detected the encoding as gb18030") {
				t.Errorf("steps do not say the encoding was detected: %q", x.Steps)
			}
		}
	}
	if got := string(r.Files["generated/content/zh/demo-2021/point_2.md"]); !strings.Contains(got, `text = "各国不得设置后门。"`) {
		t.Errorf("content file:\n%s", got)
	}
}

// FuzzExtract feeds arbitrary captures through decoding, section cutting,
// language splitting and every cleaning rule: it must return an error that
// names the file, or paragraphs that are paired and not empty.
func FuzzExtract(f *testing.F) {
	files, _ := filepath.Glob("../../../sources/*.txt")
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		// Seed with runs of a few lines: the fuzzer slows to a crawl on
		// whole captures of several kilobytes.
		lines := bytes.SplitAfter(data, []byte("\n"))
		for i := 0; i < len(lines); i += 3 {
			f.Add(bytes.Join(lines[i:min(i+3, len(lines))], nil))
		}
	}
	src := &manifest.Source{
		ID: "x", File: "x.txt", Format: "text", Kind: manifest.KindOfficialText,
		Languages: []string{testEN, testZH}, Layout: manifest.LayoutInterleaved,
		Clean: manifest.Clean{Convert: "tw2s", RestorePunctuation: true, StripPinyin: true, ListMarker: "——"},
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		x, err := extractData("sources/x.txt", data, src, Options{}.withDefaults())
		if err != nil {
			if !strings.HasPrefix(err.Error(), "sources/x.txt") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		en, zh := x.Paras[testEN], x.Paras[testZH]
		if len(en) != len(zh) {
			t.Fatalf("%d English and %d Chinese paragraphs from one interleaved capture", len(en), len(zh))
		}
		for i := range en {
			if en[i].Text == "" || zh[i].Text == "" || en[i].Line != zh[i].Line {
				t.Fatalf("paragraph %d: %+v %+v", i+1, en[i], zh[i])
			}
		}
	})
}

// repoSite is the project's own site configuration (config.toml, i18n/),
// which test projects made of captures alone are rendered for.
var repoSite = sync.OnceValues(func() (*site.Site, error) { return site.Load("../../..") })

// runProject runs ingest on a test project with the repository's site
// configuration.
func runProject(dir string) (*Result, error) {
	s, err := repoSite()
	if err != nil {
		return nil, err
	}
	return RunWith(dir, "sources/sources.toml", Options{Site: s})
}

// demoTwoCaptures is a small instrument whose English and Chinese texts come
// from two single-language captures, en.txt and zh.txt (a preamble
// paragraph and two points each); tests append sources and rules to it.
const demoTwoCaptures = `
[[instrument]]
id = "demo-2021"
date = 2021-01-02
structure = [{ kind = "preamble", count = 1 }, { kind = "point", count = 2 }]
title = { en = "Demo Initiative", zh-Hans = "示范倡议" }
issuer = { en = "Somebody", zh-Hans = "某机构" }
authority = { en = "en", zh-Hans = "zh" }

[[source]]
id = "en"
file = "en.txt"
format = "text"
kind = "official-text"
instrument = "demo-2021"
languages = ["en"]
layout = "single"

[[source]]
id = "zh"
file = "zh.txt"
format = "text"
kind = "official-text"
instrument = "demo-2021"
languages = ["zh-Hans"]
layout = "single"
`
