package ingest

import (
	"path"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
)

// twoInstruments is demoTwoCaptures with a second instrument, issued on
// date2, whose English source is dated dated2en.
func twoInstruments(date2, dated2en string) string {
	return demoTwoCaptures + `
[[instrument]]
id = "second-demo"
date = ` + date2 + `
structure = [{ kind = "preamble", count = 1 }, { kind = "point", count = 2 }]
title = { en = "Second Demo", zh-Hans = "第二示范" }
issuer = { en = "Somebody", zh-Hans = "某机构" }
authority = { en = "en2", zh-Hans = "zh2" }

[[source]]
id = "en2"
file = "en2.txt"
format = "text"
kind = "official-text"
instrument = "second-demo"
languages = ["en"]
layout = "single"
date = ` + dated2en + `

[[source]]
id = "zh2"
file = "zh2.txt"
format = "text"
kind = "official-text"
instrument = "second-demo"
languages = ["zh-Hans"]
layout = "single"
`
}

func runTwoInstruments(t *testing.T, date2, dated2en string) *Result {
	t.Helper()
	r, err := runProject(project(t, map[string][]byte{
		"sources/sources.toml": []byte(twoInstruments(date2, dated2en)),
		"sources/en.txt":       []byte("We agree.\nStates share data.\nStates protect data.\n"),
		"sources/zh.txt":       []byte("我们同意。\n各国共享数据。\n各国保护数据。\n"),
		"data/themes.toml": []byte(`[[theme]]
id = "all"
parts = ["demo-2021/point_1", "demo-2021/point_2", "second-demo/point_1", "second-demo/point_2"]
[theme.name]
en = "All"
zh-Hans = "全部"
[theme.description]
en = "Every point."
zh-Hans = "各点。"
[theme.explanation]
en = "The same points."
zh-Hans = "相同的各点。"
`),
		"sources/en2.txt": []byte("We agree again.\nStates share data.\nStates protect data.\n"),
		"sources/zh2.txt": []byte("我们再次同意。\n各国共享数据。\n各国保护数据。\n"),
	}))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestNavShortNames: the header's list (instruments.toml) names each instrument of
// a language in manifest order, by its year's short form when no other
// instrument has that year, else by its title.
func TestNavShortNames(t *testing.T) {
	for _, c := range []struct {
		date2    string
		sameYear bool
	}{{"2021-05-06", true}, {"2022-05-06", false}} {
		r := runTwoInstruments(t, c.date2, c.date2)
		var f instrumentsFile
		if err := toml.Unmarshal(r.Files[path.Join(DataDir, "instruments.toml")], &f); err != nil {
			t.Fatal(err)
		}
		nav := f.Lang
		for _, l := range r.Site.Languages {
			list := nav[l.Key]
			if len(list) != len(r.Instruments) {
				t.Fatalf("%s: %d instruments, want %d", l.Key, len(list), len(r.Instruments))
			}
			for i, ip := range r.Instruments {
				got, in := list[i], ip.Instrument
				if got.ID != in.ID || got.Title != in.Title[l.Locale] || got.URL != r.Site.RelURL(l, in.ID) {
					t.Errorf("%s #%d: %+v, want %s %q", l.Key, i, got, in.ID, in.Title[l.Locale])
				}
				if short := got.Short == got.Title; short != c.sameYear {
					t.Errorf("%s, second instrument on %s: %s is named %q (its title %q)", l.Key, c.date2, in.ID, got.Short, got.Title)
				}
				if !c.sameYear && !strings.Contains(got.Short, in.Date.Format("2006")) {
					t.Errorf("%s: short name %q does not name the year %d", l.Key, got.Short, in.Date.Year())
				}
			}
		}
	}
}

// TestLastmodFromSource: a part's lastmod is the date of its source when
// that is later than the instrument's, else the instrument's; the
// instrument's is the latest of its parts'.
func TestLastmodFromSource(t *testing.T) {
	r := runTwoInstruments(t, "2022-05-06", "2023-07-08")
	for _, l := range r.Site.Languages {
		want := map[string]string{"demo-2021": "2021-01-02", "second-demo": "2022-05-06"}
		if l.Locale == "en" {
			want["second-demo"] = "2023-07-08" // its English source is later
		}
		for _, ip := range r.Instruments {
			in := ip.Instrument
			for _, p := range ip.Parts {
				name := path.Join(contentDir(l.Key), in.ID, p.ID+".md")
				if got := pageLastmod(t, name, r.Files[name]); got != want[in.ID] {
					t.Errorf("%s: lastmod %q, want %q", name, got, want[in.ID])
				}
			}
			name := path.Join(contentDir(l.Key), in.ID, "_index.md")
			if got := pageLastmod(t, name, r.Files[name]); got != want[in.ID] {
				t.Errorf("%s: lastmod %q, want %q", name, got, want[in.ID])
			}
		}
	}
}

// pageLastmod reads a generated page's lastmod (2006-01-02), or "".
func pageLastmod(t *testing.T, name string, b []byte) string {
	t.Helper()
	fm, _, ok := strings.Cut(strings.TrimPrefix(string(b), "+++\n"), "\n+++")
	if !ok {
		t.Fatalf("%s: no front matter", name)
	}
	var page struct{ Lastmod time.Time }
	if _, err := toml.Decode(fm, &page); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if page.Lastmod.IsZero() {
		return ""
	}
	return page.Lastmod.Format("2006-01-02")
}
