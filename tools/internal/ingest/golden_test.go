package ingest

// Golden tests. Each testdata/golden/<case>.txtar is a small, self-contained
// project: a manifest (sources/sources.toml), the captures it names (copied
// byte for byte from the project's sources/, their sha256 in the archive's
// comment) and the expected output, prepared by hand from the captures:
//
//   - expected.txt: "== <instrument>/<part> <lang>" for every part of every
//     instrument, then "== <source>/<paragraph> <lang>" for every paragraph
//     of every source that is not an official text, each followed by one
//     line of text; lines starting with # are notes;
//   - crosscheck.txt (when the manifest asks for a cross-check): for each
//     cross-check "== <source> <instrument>" and its counts, then for each
//     pair "== <part> item <n>" and the words the item leaves out and adds.
//
// TestGolden extracts each archive to a temporary folder, runs
// Run(dir, "sources/sources.toml") and compares. The other tests derive
// their expectations from the same archives, never from the real corpus;
// only TestRealProjectIngests reads the project's sources/.
//
// To rewrite the expected sections from the current output:
//
//	go test ./tools/internal/ingest -run TestGolden -update
//
// The notes (# lines) are kept, and so are the manifest and captures.
// tools/internal/sitetest reads an instrument's official text from the case
// named after it. The rewritten text is the program's, not a reference: read its diff against the official
// text before committing (see testdata/README.md).

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/annotated-data-initiatives/site/tools/internal/corpus"
)

var update = flag.Bool("update", false, "rewrite the expected sections of testdata/golden/*.txtar from the current output (read the diff before committing)")

// The expected sections of an archive; every other file is extracted.
const (
	expectedFile   = "expected.txt"
	crossCheckFile = "crosscheck.txt"
)

// repoRoot is the project folder, read only by TestRealProjectIngests and
// the benchmark.
func repoRoot(t testing.TB) string {
	t.Helper()
	root, err := filepath.Abs("../../..")
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// goldenCase is one archive, extracted and ingested.
type goldenCase struct {
	name    string // file name less .txtar
	path    string
	archive *txtar.Archive
	dir     string // the extracted project
	result  *Result
}

// file returns the data of an archive file, and whether it is there.
func (c *goldenCase) file(name string) ([]byte, bool) {
	for _, f := range c.archive.Files {
		if f.Name == name {
			return f.Data, true
		}
	}
	return nil, false
}

// setFile replaces (or adds) an archive file.
func (c *goldenCase) setFile(name string, data []byte) {
	for i, f := range c.archive.Files {
		if f.Name == name {
			c.archive.Files[i].Data = data
			return
		}
	}
	c.archive.Files = append(c.archive.Files, txtar.File{Name: name, Data: data})
}

// goldenCases reads, extracts and ingests every archive.
func goldenCases(t *testing.T) []*goldenCase {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("testdata", "golden", "*.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) == 0 {
		t.Fatal("no testdata/golden/*.txtar")
	}
	var cases []*goldenCase
	for _, p := range paths {
		a, err := txtar.ParseFile(p)
		if err != nil {
			t.Fatal(err)
		}
		c := &goldenCase{name: strings.TrimSuffix(filepath.Base(p), ".txtar"), path: p, archive: a}
		c.dir = extractCase(t, c)
		if c.result, err = runProject(c.dir); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		cases = append(cases, c)
	}
	return cases
}

// extractCase writes the archive's files, less the expected sections, to a
// temporary folder. Every capture (a file under sources/ other than the
// manifest) must match a "sha256 <hex>  <path>" line of the archive's
// comment. txtar ends every file with a newline; a capture whose recorded
// hash is that of its text without the final newline is written without it.
func extractCase(t *testing.T, c *goldenCase) string {
	t.Helper()
	sums := map[string]string{}
	for _, l := range strings.Split(string(c.archive.Comment), "\n") {
		if f := strings.Fields(l); len(f) == 3 && f[0] == "sha256" {
			sums[f[2]] = f[1]
		}
	}
	out := &txtar.Archive{}
	for _, f := range c.archive.Files {
		if f.Name == expectedFile || f.Name == crossCheckFile {
			continue
		}
		if !fs.ValidPath(f.Name) {
			t.Fatalf("%s: file name %q", c.path, f.Name)
		}
		data := f.Data
		if strings.HasPrefix(f.Name, "sources/") && f.Name != "sources/sources.toml" {
			want, ok := sums[f.Name]
			delete(sums, f.Name)
			switch {
			case !ok:
				t.Fatalf("%s: capture %s has no sha256 line in the comment", c.path, f.Name)
			case sha(data) == want:
			case bytes.HasSuffix(data, []byte("\n")) && sha(data[:len(data)-1]) == want:
				data = data[:len(data)-1]
			default:
				t.Fatalf("%s: %s is not the capture whose sha256 is %s (was it edited?)", c.path, f.Name, want)
			}
		}
		out.Files = append(out.Files, txtar.File{Name: f.Name, Data: data})
	}
	for name := range sums {
		t.Fatalf("%s: sha256 line for %s, which is not in the archive", c.path, name)
	}
	fsys, err := txtar.FS(out)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.CopyFS(dir, fsys); err != nil {
		t.Fatal(err)
	}
	return dir
}

func sha(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// expectation is one "== <head>" line and the line after it, with the notes
// (# lines) written above it. A last expectation with no head holds the
// notes after the last entry.
type expectation struct {
	notes      []string
	head, text string
}

// parseExpected reads the entries of an archive's file name.
func parseExpected(t *testing.T, c *goldenCase, name string) []expectation {
	t.Helper()
	data, ok := c.file(name)
	if !ok {
		if *update {
			return nil
		}
		t.Fatalf("%s: no %s", c.path, name)
	}
	return parseLines(t, c.path+": "+name, data)
}

func parseLines(t *testing.T, where string, data []byte) []expectation {
	t.Helper()
	var out []expectation
	var notes []string
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		switch {
		case strings.HasPrefix(l, "#"):
			notes = append(notes, l)
		case strings.HasPrefix(l, "== ") && i+1 < len(lines):
			out = append(out, expectation{notes, strings.TrimPrefix(l, "== "), lines[i+1]})
			notes = nil
			i++
		default:
			t.Fatalf("%s:%d: want a # note or \"== <id> <lang>\" and a line of text", where, i+1)
		}
	}
	if len(notes) > 0 {
		out = append(out, expectation{notes: notes})
	}
	return out
}

// formatExpected writes got, carrying over the notes of old: each above the
// entry of the same head; those whose entry is gone at the end.
func formatExpected(t *testing.T, got, old []expectation) []byte {
	t.Helper()
	notes := map[string][]string{}
	var orphans []string
	for _, e := range old {
		notes[e.head] = e.notes
	}
	written := map[string]bool{}
	var b strings.Builder
	for _, e := range got {
		if strings.Contains(e.text, "\n") {
			t.Fatalf("%s: text on more than one line: %q", e.head, e.text)
		}
		for _, n := range notes[e.head] {
			b.WriteString(n + "\n")
		}
		written[e.head] = true
		fmt.Fprintf(&b, "== %s\n%s\n", e.head, e.text)
	}
	for _, e := range old {
		if !written[e.head] {
			orphans = append(orphans, e.notes...)
		}
	}
	for _, n := range orphans {
		b.WriteString(n + "\n")
	}
	return []byte(b.String())
}

// checkExpected compares got with the entries of the archive's file name,
// or, with -update, puts got in their place.
func checkExpected(t *testing.T, c *goldenCase, name string, got []expectation) {
	t.Helper()
	old := parseExpected(t, c, name)
	if *update {
		c.setFile(name, formatExpected(t, got, old))
		return
	}
	compareExpected(t, name, got, old)
}

// compareExpected reports every difference between got and the entries of want.
func compareExpected(t *testing.T, name string, got, want []expectation) {
	t.Helper()
	want = slices.DeleteFunc(slices.Clone(want), func(e expectation) bool { return e.head == "" })
	for i := 0; i < max(len(got), len(want)); i++ {
		switch {
		case i >= len(got):
			t.Errorf("%s: missing %s", name, want[i].head)
		case i >= len(want):
			t.Errorf("%s: unexpected %s: %q", name, got[i].head, got[i].text)
		case got[i].head != want[i].head:
			t.Errorf("%s: got %s, want %s", name, got[i].head, want[i].head)
		case got[i].text != want[i].text:
			t.Errorf("%s: %s:\n got  %q\n want %q", name, got[i].head, got[i].text, want[i].text)
		}
	}
}

// partsAndParagraphs is the output expected.txt describes.
func partsAndParagraphs(r *Result) []expectation {
	var out []expectation
	for _, ip := range r.Instruments {
		for _, p := range ip.Parts {
			for _, lang := range []string{"en", "zh-Hans"} {
				out = append(out, expectation{head: p.Key + " " + lang, text: p.Text[lang]})
			}
		}
	}
	for _, x := range r.Sources {
		if x.Source.Kind == "official-text" {
			continue
		}
		for _, lang := range x.Source.Languages {
			for i, p := range x.Paras[lang] {
				out = append(out, expectation{head: x.Source.ID + "/" + strconv.Itoa(i+1) + " " + lang, text: p.Text})
			}
		}
	}
	return out
}

// crossChecks is the output crosscheck.txt describes.
func crossChecks(r *Result) []expectation {
	var out []expectation
	for _, cc := range r.CrossChecks {
		out = append(out, expectation{
			head: cc.Source + " " + cc.Instrument,
			text: fmt.Sprintf("items %d, points %d, pairs %d", cc.Items, cc.Points, len(cc.Pairs)),
		})
		for _, p := range cc.Pairs {
			out = append(out, expectation{
				head: fmt.Sprintf("%s item %d", p.Part, p.Item),
				text: fmt.Sprintf("omitted %q, added %q", p.Omitted, p.Added),
			})
		}
	}
	return out
}

// TestGolden checks every part of every instrument, every paragraph of the
// coverage sources and every cross-check of each archive against what was
// prepared by hand. With -update it rewrites them instead.
func TestGolden(t *testing.T) {
	for _, c := range goldenCases(t) {
		t.Run(c.name, func(t *testing.T) {
			checkExpected(t, c, expectedFile, partsAndParagraphs(c.result))
			if _, ok := c.file(crossCheckFile); ok || len(c.result.CrossChecks) > 0 {
				checkExpected(t, c, crossCheckFile, crossChecks(c.result))
			}
			if !*update {
				return
			}
			data := txtar.Format(c.archive)
			if old, err := os.ReadFile(c.path); err == nil && bytes.Equal(old, data) {
				return
			}
			if err := os.WriteFile(c.path, data, 0o666); err != nil {
				t.Fatal(err)
			}
			t.Logf("updated %s: read its diff against the official text before committing", c.path)
		})
	}
}

// expectedParts lists, per instrument, the part ids expected.txt gives, in
// order and once each.
func expectedParts(t *testing.T, c *goldenCase) map[string][]string {
	t.Helper()
	parts := map[string][]string{}
	for _, e := range parseExpected(t, c, expectedFile) {
		key, _, _ := strings.Cut(e.head, " ")
		inst, id, ok := strings.Cut(key, "/")
		if ids := parts[inst]; ok && (len(ids) == 0 || ids[len(ids)-1] != id) {
			parts[inst] = append(ids, id)
		}
	}
	return parts
}

// role is the role expected of a part, from its id.
func role(id string) string {
	switch {
	case strings.HasPrefix(id, "point_"):
		return corpus.RoleClause
	case strings.HasPrefix(id, "conclusions__"):
		return corpus.RoleClosing
	}
	return corpus.RolePreamble
}

// TestPartsHaveStableIDsAndHashes checks, in every archive, that parts are
// keyed, weighted, numbered and hashed consistently, that a second run
// gives the same ids and hashes, and that each instrument has as many
// preamble, clause and closing parts as its expected.txt.
func TestPartsHaveStableIDsAndHashes(t *testing.T) {
	for _, c := range goldenCases(t) {
		t.Run(c.name, func(t *testing.T) {
			again, err := runProject(c.dir)
			if err != nil {
				t.Fatal(err)
			}
			want := expectedParts(t, c)
			for k, ip := range c.result.Instruments {
				id := ip.Instrument.ID
				got, exp := map[string]int{}, map[string]int{}
				for _, pid := range want[id] {
					exp[role(pid)]++
				}
				seen := map[string]bool{}
				for i, p := range ip.Parts {
					got[p.Role]++
					if seen[p.ID] {
						t.Errorf("%s: id %s twice", id, p.ID)
					}
					seen[p.ID] = true
					if p.Weight != i+1 {
						t.Errorf("%s: weight %d at position %d", p.Key, p.Weight, i+1)
					}
					if p.Key != id+"/"+p.ID {
						t.Errorf("key %q", p.Key)
					}
					if p.Role == corpus.RoleClause && p.Number != strings.TrimPrefix(p.ID, "point_") {
						t.Errorf("%s: number %q", p.Key, p.Number)
					}
					for _, lang := range []string{"en", "zh-Hans"} {
						if p.Hash[lang] != hashText(p.Text[lang]) || len(p.Hash[lang]) != 64 {
							t.Errorf("%s %s: hash %q", p.Key, lang, p.Hash[lang])
						}
						if q := again.Instruments[k].Parts[i]; q.Key != p.Key || q.Hash[lang] != p.Hash[lang] {
							t.Errorf("%s %s: second run gives %s %s", p.Key, lang, q.Key, q.Hash[lang])
						}
					}
				}
				if fmt.Sprint(got) != fmt.Sprint(exp) {
					t.Errorf("%s: parts by role %v, expected.txt has %v", id, got, exp)
				}
			}
		})
	}
}

// TestCrossCheckPairsEveryBullet checks, in every archive, that each source
// that asks for a cross-check gets one, which pairs the items with the
// instrument's points in order (every item when the counts match), and
// whose omitted words are words of the point.
func TestCrossCheckPairsEveryBullet(t *testing.T) {
	checked := 0
	for _, c := range goldenCases(t) {
		t.Run(c.name, func(t *testing.T) {
			r := c.result
			asked := 0
			for _, x := range r.Sources {
				if x.Source.CrossCheck != "" {
					asked++
				}
			}
			if len(r.CrossChecks) != asked {
				t.Fatalf("%d cross-checks for %d sources that ask for one", len(r.CrossChecks), asked)
			}
			expected := expectedParts(t, c)
			for _, cc := range r.CrossChecks {
				checked++
				var points []Part
				for _, ip := range r.Instruments {
					if ip.Instrument.ID != cc.Instrument {
						continue
					}
					for _, p := range ip.Parts {
						if p.Role == corpus.RoleClause {
							points = append(points, p)
						}
					}
				}
				n := 0
				for _, id := range expected[cc.Instrument] {
					if role(id) == corpus.RoleClause {
						n++
					}
				}
				if cc.Points != len(points) || cc.Points != n {
					t.Errorf("%s: %d points; the instrument has %d, expected.txt %d", cc.Source, cc.Points, len(points), n)
				}
				if len(cc.Pairs) != min(cc.Items, cc.Points) {
					t.Errorf("%s: %d pairs of %d items and %d points", cc.Source, len(cc.Pairs), cc.Items, cc.Points)
				}
				for i, p := range cc.Pairs {
					if i >= len(points) || p.Part != points[i].Key || p.Item != i+1 {
						t.Errorf("%s: pair %d is item %d with %s", cc.Source, i+1, p.Item, p.Part)
						continue
					}
					text := strings.Join(strings.Fields(points[i].Text[cc.Lang]), " ")
					for _, o := range p.Omitted {
						if !strings.Contains(text, o) {
							t.Errorf("%s: omitted %q is not in the point", p.Part, o)
						}
					}
				}
			}
		})
	}
	if checked == 0 {
		t.Error("no golden case has a cross-check")
	}
}

// TestRealProjectIngests ingests the project's own sources/: it must read
// without error, and every instrument must have text in each language it
// is published in.
// What the text says is the golden cases' business.
func TestRealProjectIngests(t *testing.T) {
	r, err := Run(repoRoot(t), "sources/sources.toml")
	if err != nil {
		t.Fatal(err)
	}
	for _, ip := range r.Instruments {
		if len(ip.Parts) == 0 {
			t.Errorf("%s: no parts", ip.Instrument.ID)
		}
		for _, p := range ip.Parts {
			for _, lang := range r.Manifest.Languages(ip.Instrument) {
				if p.Text[lang] == "" {
					t.Errorf("%s %s: no text", p.Key, lang)
				}
			}
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
