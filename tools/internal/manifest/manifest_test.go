package manifest

import (
	"github.com/annotated-data-initiatives/site/tools/internal/corpus"
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
	return Parse("sources/sources.toml", dir, []byte(text), testLangs)
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

// TestOneLanguageInstrument: an instrument names an authority, title and
// issuer for each language it is published in, and only those.
func TestOneLanguageInstrument(t *testing.T) {
	text := strings.NewReplacer(
		`title = { en = "Demo", zh-Hans = "示范" }`, `title = { zh-Hans = "示范" }`,
		`issuer = { en = "Somebody", zh-Hans = "某机构" }`, `issuer = { zh-Hans = "某机构" }`,
		`authority = { en = "a", zh-Hans = "a" }`, `authority = { zh-Hans = "a" }`,
		`lang = "en"`, `lang = "zh-Hans"`,
	).Replace(valid)
	m, err := parse(t, text)
	if err != nil {
		t.Fatal(err)
	}
	in := &m.Instruments[0]
	if got := m.Languages(in); len(got) != 1 || got[0] != "zh-Hans" || in.Has("en") {
		t.Errorf("languages %v, has en %v; want [zh-Hans] only", got, in.Has("en"))
	}
	// The site's order, whatever the manifest's.
	m, err = parse(t, strings.Replace(valid, `authority = { en = "a", zh-Hans = "a" }`, `authority = { zh-Hans = "a", en = "a" }`, 1))
	if err != nil {
		t.Fatal(err)
	}
	if got := m.Languages(&m.Instruments[0]); len(got) != 2 || got[0] != "en" {
		t.Errorf("languages %v, want [en zh-Hans]", got)
	}
}

func TestInvalidManifests(t *testing.T) {
	tests := []struct{ name, old, new, want string }{
		{"unknown key", `layout = "interleaved"`, "layout = \"interleaved\"\ncolour = \"red\"", `sources/sources.toml:17: unknown key "source.colour"`},
		{"syntax error", `id = "a"`, `id = "a`, `sources/sources.toml:10:`},
		{"missing file", `file = "a.txt"`, `file = "b.txt"`, `sources/sources.toml:11: source a: file sources/b.txt: no such file or directory`},
		{"bad kind", `kind = "official-text"`, `kind = "blog"`, `sources/sources.toml:9: source a: kind "blog" is not`},
		{"bad layout", `layout = "interleaved"`, `layout = "zigzag"`, `source a: layout "zigzag"`},
		{"bad language", `languages = ["en", "zh-Hans"]`, `languages = ["en", "zh-TW"]`, `sources/sources.toml:15: source a: language "zh-TW" is not a language of the site (config.toml: en, zh-Hans)`},
		{"no authority", `authority = { en = "a", zh-Hans = "a" }`, ``, `instrument demo-2021: authority is missing`},
		{"authority in a language the site lacks", `authority = { en = "a", zh-Hans = "a" }`, `authority = { en = "a", fr = "a" }`, `sources/sources.toml:7: instrument demo-2021: authority.fr: "fr" is not a language of the site`},
		{"title in a language the instrument lacks", `authority = { en = "a", zh-Hans = "a" }`, `authority = { en = "a" }`, `sources/sources.toml:5: instrument demo-2021: title.zh-Hans, but the instrument has no authority.zh-Hans, so no zh-Hans text`},
		{"erratum in a language the source lacks", `lang = "en"`, `lang = "fr"`, `sources/sources.toml:17: source a: erratum lang "fr" is not a language of the source (en, zh-Hans)`},
		{"bad encoding", `format = "text"`, "format = \"text\"\nencoding = \"latin1\"", `encoding "latin1"`},
		{"unknown instrument", `instrument = "demo-2021"`, `instrument = "nope"`, `source a: unknown instrument "nope"`},
		{"authority names unknown source", `authority = { en = "a", zh-Hans = "a" }`, `authority = { en = "a", zh-Hans = "b" }`, `sources/sources.toml:7: instrument demo-2021: authority.zh-Hans names unknown source "b"`},
		{"missing title", `title = { en = "Demo", zh-Hans = "示范" }`, `title = { en = "Demo" }`, `instrument demo-2021: title.zh-Hans is missing`},
		{"bad structure kind", `{ kind = "point", count = 2 }`, `{ kind = "article", count = 2 }`, `structure kind "article"`},
		{"bad pattern", `layout = "interleaved"`, "layout = \"interleaved\"\n[[source.section]]\nstart = \"(\"", `pattern "("`},
		{"erratum without authority", `authority = "z"`, `authority = ""`, `sources/sources.toml:17: source a: an erratum needs`},
		{"errata without instrument", "instrument = \"demo-2021\"\nlanguages", "languages", `sources/sources.toml:16: source a has errata but carries no instrument`},
		{"file and files", `file = "a.txt"`, "file = \"a.txt\"\nfiles = [\"a.txt\"]", `sources/sources.toml:12: source a: give either file or files, not both`},
		{"empty files", `file = "a.txt"`, `files = []`, `sources/sources.toml:11: source a: files is empty`},
		{"neither file nor files", "file = \"a.txt\"\n", "", `sources/sources.toml:9: source a: file is missing`},
		{"files outside sources", `file = "a.txt"`, `files = ["a.txt", "../b.txt"]`, `sources/sources.toml:11: source a: file "../b.txt" leaves sources/`},
		{"files missing one", `file = "a.txt"`, "files = [\n  \"a.txt\",\n  \"b.txt\",\n]", `sources/sources.toml:11: source a: file sources/b.txt: no such file or directory`},
		{"files listed twice", `file = "a.txt"`, `files = ["a.txt", "a.txt"]`, `sources/sources.toml:11: source a: file a.txt is listed twice`},
		{"variant without reason", `authority = "z"`, "authority = \"z\"\n[[source.variants]]\npart = \"point_1\"\nlang = \"en\"", `sources/sources.toml:23: source a: a variant needs part, lang and reason`},
		{"variant in another language", `authority = "z"`, "authority = \"z\"\n[[source.variants]]\npart = \"point_1\"\nlang = \"fr\"\nreason = \"r\"", `sources/sources.toml:23: source a: variant lang "fr" is not a language of the source`},
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

// twoSources is valid with a second source, so that every source key is
// set twice and the decoder's own position (the last) would be wrong for
// a problem in the first.
const twoSources = valid + `
[[source]]
id = "b"
file = "b.txt"
format = "text"
kind = "news-report"
instrument = "demo-2021"
languages = ["en"]
layout = "single"
`

// TestErrorLines: each problem is reported at the line of the occurrence
// that has it, not at the key's last occurrence.
func TestErrorLines(t *testing.T) {
	tests := []struct{ name, old, new, want string }{
		{"syntax", `format = "text"`, `format = text`, "sources/sources.toml:12:10: "},
		{"type in the first source", `format = "text"`, `format = 1`, "sources/sources.toml:12: source.format: incompatible types"},
		{"type in the first erratum's field", `part = "point_1"`, `part = 1`, "sources/sources.toml:18: source.errata.part: incompatible types"},
		{"type in the first instrument's date", `date = 2021-01-02`, `date = "2021"`, "sources/sources.toml:3: instrument.date: "},
		{"type in a structure block", `{ kind = "point", count = 2 }`, `{ kind = "point", count = "2" }`, "sources/sources.toml:4: instrument.structure: "},
		{"unknown key in the first source", `format = "text"`, "format = \"text\"\nfromat = \"text\"", `sources/sources.toml:13: unknown key "source.fromat"`},
		{"misspelt array of tables", "[[source.errata]]", "[[source.erratum]]", `sources/sources.toml:17: unknown key "source.erratum"`},
		{"duplicate file", `file = "b.txt"`, `file = "a.txt"`, "sources/sources.toml:26: source b: file a.txt is already source a"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(twoSources, tt.old) {
				t.Fatalf("fixture lacks %q", tt.old)
			}
			dir := t.TempDir()
			for _, f := range []string{"a.txt", "b.txt"} {
				if err := os.WriteFile(filepath.Join(dir, f), []byte("A 甲\n"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			_, err := Parse("sources/sources.toml", dir, []byte(strings.Replace(twoSources, tt.old, tt.new, 1)), testLangs)
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("got %v\nwant prefix %q", err, tt.want)
			}
		})
	}
}

// TestSourcesStayInside: a capture is read only from inside sources/, never
// through a symbolic link.
func TestSourcesStayInside(t *testing.T) {
	tests := []struct {
		name, file string
		setup      func(t *testing.T, root string)
		want       string
	}{
		{"parent folder", "../secret.txt", nil, `sources/sources.toml:11: source a: file "../secret.txt" leaves sources/`},
		{"absolute path", "/etc/hostname", nil, `sources/sources.toml:11: source a: file "/etc/hostname" leaves sources/`},
		{"dot-dot inside", "sub/../a.txt", nil, `sources/sources.toml:11: source a: file "sub/../a.txt" leaves sources/`},
		{"the folder itself", ".", nil, `sources/sources.toml:11: source a: sources/. is not a regular file`},
		{"symlink to a file outside", "a.txt", func(t *testing.T, root string) {
			link(t, filepath.Join(root, "secret.txt"), filepath.Join(root, "sources", "a.txt"))
		}, "sources/sources.toml:11: source a: sources/a.txt is a symbolic link; copy the capture into sources/ instead"},
		{"symlink to a file inside", "a.txt", func(t *testing.T, root string) {
			writeFile(t, filepath.Join(root, "sources", "real.txt"))
			link(t, "real.txt", filepath.Join(root, "sources", "a.txt"))
		}, "sources/sources.toml:11: source a: sources/a.txt is a symbolic link"},
		{"through a symlinked folder", "sub/a.txt", func(t *testing.T, root string) {
			writeFile(t, filepath.Join(root, "outside", "a.txt"))
			link(t, filepath.Join(root, "outside"), filepath.Join(root, "sources", "sub"))
		}, "sources/sources.toml:11: source a: sources/sub is a symbolic link"},
		{"a folder", "sub", func(t *testing.T, root string) {
			writeFile(t, filepath.Join(root, "sources", "sub", "a.txt"))
		}, "sources/sources.toml:11: source a: sources/sub is not a regular file"},
		{"in a real subfolder", "sub/a.txt", func(t *testing.T, root string) {
			writeFile(t, filepath.Join(root, "sources", "sub", "a.txt"))
		}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			writeFile(t, filepath.Join(root, "secret.txt"))
			if err := os.MkdirAll(filepath.Join(root, "sources"), 0o755); err != nil {
				t.Fatal(err)
			}
			if tt.setup != nil {
				tt.setup(t, root)
			}
			text := strings.Replace(valid, `file = "a.txt"`, `file = "`+tt.file+`"`, 1)
			if err := os.WriteFile(filepath.Join(root, "sources", "sources.toml"), []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := Load(root, "sources/sources.toml", testLangs)
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("refused: %v", err)
			case tt.want != "" && (err == nil || !strings.HasPrefix(err.Error(), tt.want)):
				t.Errorf("got %v\nwant prefix %q", err, tt.want)
			}
		})
	}
}

func writeFile(t *testing.T, p string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte("A 甲\n"), 0o644); err != nil {
		t.Fatal(err)
	}
}

func link(t *testing.T, target, name string) {
	t.Helper()
	if err := os.Symlink(target, name); err != nil {
		t.Skip("no symbolic links here:", err)
	}
}

func TestFilesListsTheCaptureInOrder(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"a-p1.txt", "a-p2.txt"} {
		if err := os.WriteFile(filepath.Join(dir, f), []byte("A 甲\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	m, err := Parse("sources/sources.toml", dir, []byte(strings.Replace(valid, `file = "a.txt"`, `files = ["a-p2.txt", "a-p1.txt"]`, 1)), testLangs)
	if err != nil {
		t.Fatal(err)
	}
	if got := m.Sources[0].Captures(); strings.Join(got, " ") != "a-p2.txt a-p1.txt" {
		t.Errorf("captures %q", got)
	}
	if err := os.Symlink(filepath.Join(dir, "a-p1.txt"), filepath.Join(dir, "link.txt")); err != nil {
		t.Skip(err)
	}
	_, err = Parse("sources/sources.toml", dir, []byte(strings.Replace(valid, `file = "a.txt"`, `files = ["a-p1.txt", "link.txt"]`, 1)), testLangs)
	if err == nil || !strings.HasPrefix(err.Error(), "sources/sources.toml:11: source a: sources/link.txt is a symbolic link") {
		t.Errorf("symlink among files: %v", err)
	}
}

// testLangs are the languages of the site the test manifests are for.
var testLangs = []corpus.Lang{{Key: "en", Locale: "en", Script: "Latn"}, {Key: "zh", Locale: "zh-Hans", Script: "Hans"}}
