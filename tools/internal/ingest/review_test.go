package ingest

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/annotated-data-initiatives/site/tools/internal/corpus"
)

// realProject copies the real sources and themes (which a corpus of several
// instruments needs) into a temp project, with extra files.
func realProject(t *testing.T, extra map[string][]byte) string {
	t.Helper()
	files := map[string][]byte{}
	paths, _ := filepath.Glob("../../../sources/*")
	paths = append(paths, "../../../data/themes.toml")
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel("../../..", p)
		files[filepath.ToSlash(rel)] = data
	}
	for k, v := range extra {
		files[k] = v
	}
	return project(t, files)
}

// realAlignment runs ingest on the real corpus without decisions and
// returns it with two suggested matches of one coverage paragraph to
// different parts (the tests decide on them), and an official source.
func realAlignment(t *testing.T) (r *Result, a, b Alignment, official string) {
	t.Helper()
	r, err := runProject(realProject(t, map[string][]byte{ReviewPath: []byte("")}))
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for i, x := range r.Alignments {
		for _, y := range r.Alignments[i+1:] {
			if !found && x.Source == y.Source && x.Paragraph == y.Paragraph && x.Part != y.Part {
				a, b, found = x, y, true
			}
		}
	}
	if !found {
		t.Fatal("the corpus has no coverage paragraph matched to two parts")
	}
	for _, x := range r.Sources {
		if x.Source.Kind == "official-text" && official == "" {
			official = x.Source.ID
		}
	}
	return r, a, b, official
}

func decision(source string, para int, part, verdict string) string {
	return fmt.Sprintf("[[decision]]\nsource = %q\nparagraph = %d\npart = %q\nverdict = %q\n", source, para, part, verdict)
}

func TestReviewConfirmedMatchesReachThePart(t *testing.T) {
	_, a, b, _ := realAlignment(t)
	root := realProject(t, map[string][]byte{ReviewPath: []byte(decision(a.Source, a.Paragraph, a.Part, "confirmed") + "\n" + decision(b.Source, b.Paragraph, b.Part, "rejected"))})
	r, err := runProject(root)
	if err != nil {
		t.Fatal(err)
	}
	lang := r.Site.Language(a.Lang)
	page := func(key string) string {
		inst, id := corpus.SplitKey(key)
		return string(r.Files[path.Join("generated/content", lang.Key, inst, id+".md")])
	}
	var text string
	for _, x := range r.Sources {
		if x.Source.ID == a.Source {
			text = x.Paras[a.Lang][a.Paragraph-1].Text
		}
	}
	want := fmt.Sprintf("[[params.reported]]\nsource = %q\nparagraph = %d\nlang = %q\ntext = %q", a.Source, a.Paragraph, a.Lang, text)
	if got := page(a.Part); !strings.Contains(got, want) {
		t.Errorf("%s lacks the confirmed report %q:\n%s", a.Part, want, got)
	}
	if strings.Contains(page(b.Part), "params.reported") {
		t.Errorf("%s: the rejected match is shown", b.Part)
	}
	c, rj, p := r.ReviewCounts()
	if c != 1 || rj != 1 || p != len(r.Alignments)-2 {
		t.Errorf("counts %d %d %d of %d", c, rj, p, len(r.Alignments))
	}
}

func TestReviewErrors(t *testing.T) {
	r, a, b, official := realAlignment(t)
	inst, _ := corpus.SplitKey(a.Part)
	paras := len(r.source(a.Source).Paras[a.Lang])
	dec := func(source string, para int, part, verdict string) string {
		return "# decisions\n\n" + decision(source, para, part, verdict)
	}
	tests := []struct{ name, file, want string }{
		{"official source", dec(official, 1, a.Part, "confirmed"), fmt.Sprintf(`data/alignments.toml:3: %q is not a source of news coverage`, official)},
		{"no such paragraph", dec(a.Source, paras+1, a.Part, "confirmed"), fmt.Sprintf(`data/alignments.toml:3: source %s has no paragraph %d`, a.Source, paras+1)},
		{"unknown part", dec(a.Source, a.Paragraph, inst+"/point_999", "confirmed"), fmt.Sprintf(`data/alignments.toml:3: unknown part "%s/point_999"`, inst)},
		{"bad verdict", dec(a.Source, a.Paragraph, a.Part, "maybe"), `data/alignments.toml:3: verdict "maybe" is not confirmed or rejected`},
		{"unknown key", strings.Replace(dec(a.Source, a.Paragraph, a.Part, "confirmed"), "verdict", "verdikt", 1), `data/alignments.toml:7: unknown key "decision.verdikt"`},
		{"type in the first of two", strings.Replace(dec(a.Source, a.Paragraph, a.Part, "confirmed"), fmt.Sprintf("paragraph = %d", a.Paragraph), fmt.Sprintf(`paragraph = "%d"`, a.Paragraph), 1) + decision(b.Source, b.Paragraph, b.Part, "confirmed"), `data/alignments.toml:5: decision.paragraph: incompatible types`},
		{"misspelt array of tables", strings.Replace(dec(a.Source, a.Paragraph, a.Part, "confirmed"), "[[decision]]", "[[decisions]]", 1), `data/alignments.toml:3: unknown key "decisions"`},
		{"twice", dec(a.Source, a.Paragraph, a.Part, "confirmed") + decision(a.Source, a.Paragraph, a.Part, "rejected"), `data/alignments.toml:8: the same match is decided on line 3`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := realProject(t, map[string][]byte{ReviewPath: []byte(tt.file)})
			_, err := runProject(root)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v\nwant %q", err, tt.want)
			}
		})
	}
}
