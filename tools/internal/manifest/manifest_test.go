package manifest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const valid = `[[instrument]]
id = "demo-2021"
date = 2021-01-02
structure = [{ kind = "preamble", count = 1 }, { kind = "point", count = 2 }]
title = { en = "Demo", zh-Hans = "示范" }
issuer = { en = "Somebody", zh-Hans = "某机构" }
authority = { en = "a", zh-Hans = "a" }

[[source]]
id = "a"
file = "a.txt"
format = "text"
kind = "official-text"
instrument = "demo-2021"
languages = ["en", "zh-Hans"]
layout = "interleaved"
[[source.errata]]
part = "point_1"
lang = "en"
wrong = "x"
right = "y"
authority = "z"
`

func parse(t *testing.T, text string) (*Manifest, error) {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.txt"), []byte("A 甲\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return Parse("sources/sources.toml", dir, []byte(text))
}

func TestValidManifest(t *testing.T) {
	m, err := parse(t, valid)
	if err != nil {
		t.Fatal(err)
	}
	if m.Sources[0].Line != 9 || m.Sources[0].Errata[0].Line != 17 {
		t.Errorf("source on line %d, erratum on line %d", m.Sources[0].Line, m.Sources[0].Errata[0].Line)
	}
	if DateString(m.Instruments[0].Date) != "2021-01-02" {
		t.Errorf("date %v", m.Instruments[0].Date)
	}
}

func TestInvalidManifests(t *testing.T) {
	tests := []struct{ name, old, new, want string }{
		{"unknown key", `layout = "interleaved"`, "layout = \"interleaved\"\ncolour = \"red\"", `sources/sources.toml:17: unknown key "source.colour"`},
		{"syntax error", `id = "a"`, `id = "a`, `sources/sources.toml:10:`},
		{"missing file", `file = "a.txt"`, `file = "b.txt"`, `sources/sources.toml:9: source a: file sources/b.txt: no such file or directory`},
		{"bad kind", `kind = "official-text"`, `kind = "blog"`, `sources/sources.toml:9: source a: kind "blog" is not`},
		{"bad layout", `layout = "interleaved"`, `layout = "zigzag"`, `source a: layout "zigzag"`},
		{"bad language", `languages = ["en", "zh-Hans"]`, `languages = ["en", "zh-TW"]`, `source a: language "zh-TW"`},
		{"bad encoding", `format = "text"`, "format = \"text\"\nencoding = \"latin1\"", `encoding "latin1"`},
		{"unknown instrument", `instrument = "demo-2021"`, `instrument = "nope"`, `source a: unknown instrument "nope"`},
		{"authority names unknown source", `authority = { en = "a", zh-Hans = "a" }`, `authority = { en = "a", zh-Hans = "b" }`, `sources/sources.toml:2: instrument demo-2021: authority.zh-Hans names unknown source "b"`},
		{"missing title", `title = { en = "Demo", zh-Hans = "示范" }`, `title = { en = "Demo" }`, `instrument demo-2021: title.zh-Hans is missing`},
		{"bad structure kind", `{ kind = "point", count = 2 }`, `{ kind = "article", count = 2 }`, `structure kind "article"`},
		{"bad pattern", `layout = "interleaved"`, "layout = \"interleaved\"\n[[source.section]]\nstart = \"(\"", `pattern "("`},
		{"erratum without authority", `authority = "z"`, `authority = ""`, `sources/sources.toml:17: source a: an erratum needs`},
		{"errata without instrument", "instrument = \"demo-2021\"\nlanguages", "languages", `sources/sources.toml:16: source a has errata but carries no instrument`},
		{"bad instrument id", `id = "demo-2021"`, `id = "Demo 2021"`, `instrument id "Demo 2021"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(valid, tt.old) {
				t.Fatalf("fixture lacks %q", tt.old)
			}
			_, err := parse(t, strings.Replace(valid, tt.old, tt.new, 1))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v\nwant %q", err, tt.want)
			}
		})
	}
}
