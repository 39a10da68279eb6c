package ingest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
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

func TestReviewConfirmedMatchesReachThePart(t *testing.T) {
	root := realProject(t, map[string][]byte{ReviewPath: []byte("[[decision]]\nsource = \"000\"\nparagraph = 10\npart = \"gids-2020/point_8\"\nverdict = \"confirmed\"\n\n[[decision]]\nsource = \"000\"\nparagraph = 10\npart = \"gids-2020/point_7\"\nverdict = \"rejected\"\n")})
	r, err := runProject(root)
	if err != nil {
		t.Fatal(err)
	}
	p8 := string(r.Files["generated/content/en/gids-2020/point_8.md"])
	if !strings.Contains(p8, "[[params.reported]]\nsource = \"000\"\nparagraph = 10\nlang = \"en\"\ntext = \"He stressed that providers") {
		t.Errorf("point 8 lacks the confirmed report:\n%s", p8)
	}
	if strings.Contains(string(r.Files["generated/content/en/gids-2020/point_7.md"]), "params.reported") {
		t.Error("a rejected match is shown")
	}
	c, rj, p := r.ReviewCounts()
	if c != 1 || rj != 1 || p != len(r.Alignments)-2 {
		t.Errorf("counts %d %d %d of %d", c, rj, p, len(r.Alignments))
	}
}

func TestReviewErrors(t *testing.T) {
	dec := func(source, para, part, verdict string) string {
		return "# decisions\n\n[[decision]]\nsource = \"" + source + "\"\nparagraph = " + para + "\npart = \"" + part + "\"\nverdict = \"" + verdict + "\"\n"
	}
	tests := []struct{ name, file, want string }{
		{"official source", dec("001", "1", "gids-2020/point_1", "confirmed"), `data/alignments.toml:3: "001" is not a source of news coverage`},
		{"no such paragraph", dec("000", "99", "gids-2020/point_1", "confirmed"), `data/alignments.toml:3: source 000 has no paragraph 99`},
		{"unknown part", dec("000", "4", "gids-2020/point_9", "confirmed"), `data/alignments.toml:3: unknown part "gids-2020/point_9"`},
		{"bad verdict", dec("000", "4", "gids-2020/point_1", "maybe"), `data/alignments.toml:3: verdict "maybe" is not confirmed or rejected`},
		{"unknown key", strings.Replace(dec("000", "4", "gids-2020/point_1", "confirmed"), "verdict", "verdikt", 1), `data/alignments.toml:7: unknown key "decision.verdikt"`},
		{"type in the first of two", strings.Replace(dec("000", "4", "gids-2020/point_1", "confirmed"), "paragraph = 4", `paragraph = "4"`, 1) + strings.TrimPrefix(dec("000", "5", "gids-2020/point_2", "confirmed"), "# decisions\n"), `data/alignments.toml:5: decision.paragraph: incompatible types`},
		{"misspelt array of tables", strings.Replace(dec("000", "4", "gids-2020/point_1", "confirmed"), "[[decision]]", "[[decisions]]", 1), `data/alignments.toml:3: unknown key "decisions"`},
		{"twice", dec("000", "4", "gids-2020/point_1", "confirmed") + strings.TrimPrefix(dec("000", "4", "gids-2020/point_1", "rejected"), "# decisions\n"), `data/alignments.toml:9: the same match is decided on line 3`},
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
