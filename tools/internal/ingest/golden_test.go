package ingest

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/annotated-data-initiatives/site/tools/internal/opencc"
)

func init() { ToSimplified, ToTraditional = opencc.TW2S, opencc.S2T }

// repoRoot is the project folder: the real sources are the test input.
func repoRoot(t testing.TB) string {
	t.Helper()
	root, err := filepath.Abs("../../..")
	if err != nil {
		t.Fatal(err)
	}
	return root
}

type goldenEntry struct{ id, lang, text string }

// readGolden reads testdata/golden/<case>/expected.txt: "== <id> <lang>"
// lines, each followed by one line of text. Lines starting with # are notes.
func readGolden(t *testing.T, name string) []goldenEntry {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "golden", name, "expected.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var out []goldenEntry
	lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if strings.HasPrefix(l, "#") {
			continue
		}
		f := strings.Fields(strings.TrimPrefix(l, "== "))
		if !strings.HasPrefix(l, "== ") || len(f) != 2 || i+1 >= len(lines) {
			t.Fatalf("%s/expected.txt:%d: want \"== <id> <lang>\" and a text line", name, i+1)
		}
		out = append(out, goldenEntry{f[0], f[1], lines[i+1]})
		i++
	}
	return out
}

// TestGolden checks every part of every instrument, and every paragraph of
// the coverage sources, against text prepared by hand from the captures.
func TestGolden(t *testing.T) {
	r, err := Run(repoRoot(t), "sources/sources.toml")
	if err != nil {
		t.Fatal(err)
	}
	for _, ip := range r.Instruments {
		t.Run(ip.Instrument.ID, func(t *testing.T) {
			want := readGolden(t, ip.Instrument.ID)
			var got []goldenEntry
			for _, p := range ip.Parts {
				got = append(got, goldenEntry{p.ID, "en", p.Text["en"]}, goldenEntry{p.ID, "zh-Hans", p.Text["zh-Hans"]})
			}
			compareGolden(t, got, want)
		})
	}
	for _, x := range r.Sources {
		if x.Source.Kind == "official-text" {
			continue
		}
		t.Run(x.Source.ID, func(t *testing.T) {
			want := readGolden(t, x.Source.ID)
			var got []goldenEntry
			for _, lang := range x.Source.Languages {
				for i, p := range x.Paras[lang] {
					got = append(got, goldenEntry{strconv.Itoa(i + 1), lang, p.Text})
				}
			}
			compareGolden(t, got, want)
		})
	}
}

func compareGolden(t *testing.T, got, want []goldenEntry) {
	t.Helper()
	for i := 0; i < max(len(got), len(want)); i++ {
		switch {
		case i >= len(got):
			t.Errorf("missing %s %s", want[i].id, want[i].lang)
		case i >= len(want):
			t.Errorf("unexpected %s %s: %q", got[i].id, got[i].lang, got[i].text)
		case got[i] != want[i]:
			t.Errorf("%s %s:\n got  %q\n want %q\n(want ID %s %s)", got[i].id, got[i].lang, got[i].text, want[i].text, want[i].id, want[i].lang)
		}
	}
}

func TestPartsHaveStableIDsAndHashes(t *testing.T) {
	r, err := Run(repoRoot(t), "sources/sources.toml")
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string][3]int{}
	for _, ip := range r.Instruments {
		var c [3]int
		for i, p := range ip.Parts {
			if p.Weight != i+1 {
				t.Errorf("%s: weight %d at position %d", p.Key, p.Weight, i+1)
			}
			if p.Key != ip.Instrument.ID+"/"+p.ID {
				t.Errorf("key %q", p.Key)
			}
			for _, lang := range []string{"en", "zh-Hans"} {
				if p.Hash[lang] != hashText(p.Text[lang]) || len(p.Hash[lang]) != 64 {
					t.Errorf("%s %s: hash %q", p.Key, lang, p.Hash[lang])
				}
			}
			switch p.Role {
			case RolePreamble:
				c[0]++
			case RoleClause:
				c[1]++
				if p.Number != strings.TrimPrefix(p.ID, "point_") {
					t.Errorf("%s: number %q", p.Key, p.Number)
				}
			case RoleClosing:
				c[2]++
			}
		}
		counts[ip.Instrument.ID] = c
	}
	// GIDS: 7 preamble paragraphs, 8 points, a closing call. CBDF: 3
	// preamble paragraphs and the lead-in, 11 points, a closing paragraph.
	if counts["gids-2020"] != [3]int{7, 8, 1} || counts["cbdf-2024"] != [3]int{4, 11, 1} {
		t.Errorf("preamble/clause/closing counts: %v", counts)
	}
}

func TestCrossCheckPairsEveryBullet(t *testing.T) {
	r, err := Run(repoRoot(t), "sources/sources.toml")
	if err != nil {
		t.Fatal(err)
	}
	if len(r.CrossChecks) != 1 {
		t.Fatalf("%d cross-checks", len(r.CrossChecks))
	}
	cc := r.CrossChecks[0]
	if cc.Items != 11 || cc.Points != 11 || len(cc.Pairs) != 11 {
		t.Fatalf("items %d, points %d, pairs %d", cc.Items, cc.Points, len(cc.Pairs))
	}
	for i, p := range cc.Pairs {
		if p.Part != "cbdf-2024/point_"+strconv.Itoa(i+1) {
			t.Errorf("pair %d is %s", i+1, p.Part)
		}
		// The release leaves out the repeated "Governments should" and
		// nothing else.
		if len(p.Omitted) != 1 || p.Omitted[0] != "Governments should" || len(p.Added) != 0 {
			t.Errorf("%s: %s", p.Part, p.Agreement)
		}
	}
}

func TestComparePairReportsDifferences(t *testing.T) {
	pc := comparePair("Governments should ban backdoors in products.", "Ban hidden backdoors in products.")
	if pc.Common != 4 || len(pc.Omitted) != 1 || pc.Omitted[0] != "Governments should" || len(pc.Added) != 1 || pc.Added[0] != "hidden" {
		t.Errorf("%+v", pc)
	}
	if pc := comparePair("Same text.", "Same text."); pc.Agreement != "identical" {
		t.Errorf("%+v", pc)
	}
}
