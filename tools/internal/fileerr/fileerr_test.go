package fileerr

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestErrorFormat(t *testing.T) {
	for _, tt := range []struct {
		e    Error
		want string
	}{
		{Error{File: "a/b.toml", Line: 3, Col: 7, Msg: "m"}, "a/b.toml:3:7: m"},
		{Error{File: "a/b.toml", Line: 3, Msg: "m"}, "a/b.toml:3: m"},
		{Error{File: "a/b.toml", Msg: "m"}, "a/b.toml: m"},
	} {
		if got := tt.e.Error(); got != tt.want {
			t.Errorf("got %q, want %q", got, tt.want)
		}
	}
}

func TestRel(t *testing.T) {
	root := t.TempDir()
	_, err := os.ReadFile(filepath.Join(root, "data", "missing.toml"))
	got := Rel(root, err)
	if got.Error() != "open data/missing.toml: no such file or directory" || !errors.Is(got, fs.ErrNotExist) {
		t.Errorf("path error: %v", got)
	}
	err = os.Rename(filepath.Join(root, "a"), filepath.Join(root, "b"))
	if got := Rel(root, err).Error(); got != "rename a b: no such file or directory" {
		t.Errorf("link error: %v", got)
	}
	wrapped := Rel(root, errors.Join(errors.New("reading"), &fs.PathError{Op: "open", Path: filepath.Join(root, "x"), Err: fs.ErrPermission}))
	if strings.Contains(wrapped.Error(), root) || !errors.Is(wrapped, fs.ErrPermission) {
		t.Errorf("wrapped: %v", wrapped)
	}
}

const doc = `# comment
title = "x"
[[decision]]
source = "000"
paragraph = 4

[[decision]]
source = "001"
paragraph = 5
notes = """
[[decision]]
paragraph = "not a key"
"""

[[decision]]
source = "002"
paragraph = 6
[decision.extra]
"quoted.key" = 1
[[decision.sub]]
a = [
  1,
  2,
]
[[decision.sub]]
a = [3]
`

func TestIndex(t *testing.T) {
	x := IndexTOML([]byte(doc))
	for _, tt := range []struct {
		path string
		want int
	}{
		{"title", 2},
		{"decision[0]", 3},
		{"decision[1].paragraph", 9},
		{"decision[2]", 15},
		{"decision[2].paragraph", 17},
		{"decision[2].extra", 18},
		{`decision[2].extra."quoted.key"`, 19},
		{"decision[2].sub[1].a", 26},
		{"decision[3]", 0},
	} {
		if got := x.Line(tt.path); got != tt.want {
			t.Errorf("%s: line %d, want %d", tt.path, got, tt.want)
		}
	}
	if got := x.First("decision.sub.a"); got != 21 {
		t.Errorf("first decision.sub.a: %d", got)
	}
	if got := x.Within("decision[1]", "source"); got != 8 {
		t.Errorf("within: %d", got)
	}
}

type decision struct {
	Source    string    `toml:"source"`
	Paragraph int       `toml:"paragraph"`
	Date      time.Time `toml:"date"`
	Words     []string  `toml:"words"`
}

func TestDecodeTOMLPlaces(t *testing.T) {
	base := "[[decision]]\nsource = \"a\"\nparagraph = 1\n\n[[decision]]\nsource = \"b\"\nparagraph = 2\n\n[[decision]]\nsource = \"c\"\nparagraph = 3\n"
	for _, tt := range []struct{ name, old, new, want string }{
		{"syntax", `source = "b"`, `source = "b`, "f.toml:6:12: strings cannot contain newlines"},
		{"type in the first of three", "paragraph = 1", `paragraph = "one"`, `f.toml:3: decision.paragraph: incompatible types`},
		{"type in the middle of three", "paragraph = 2", `paragraph = "two"`, `f.toml:7: decision.paragraph: incompatible types`},
		{"date", "paragraph = 2", "paragraph = 2\ndate = 12", `f.toml:8: decision.date: `},
		{"array", "paragraph = 1", "paragraph = 1\nwords = [\n  1,\n]", `f.toml:4: decision.words: `},
		{"table for a string", `source = "a"`, "[decision.source]\nx = 1", `f.toml:2: decision.source: `},
		{"unknown table", "[[decision]]\nsource = \"c\"", "[[decisions]]\nsource = \"c\"", `f.toml:9: unknown key "decisions"`},
		{"unknown key", "paragraph = 2", "paragraph = 2\ncolour = 1", `f.toml:8: unknown key "decision.colour"`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(base, tt.old) {
				t.Fatalf("fixture lacks %q", tt.old)
			}
			var v struct {
				Decision []decision `toml:"decision"`
			}
			d, err := DecodeTOML("f.toml", []byte(strings.Replace(base, tt.old, tt.new, 1)), &v)
			if err == nil {
				err = d.Unknown(nil)
			}
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("got %v\nwant prefix %q", err, tt.want)
			}
		})
	}
}
