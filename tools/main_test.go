package main

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/annotated-data-initiatives/site/tools/internal/corpus"
	"github.com/annotated-data-initiatives/site/tools/internal/gendir"
	"github.com/annotated-data-initiatives/site/tools/internal/ingest"
	"github.com/annotated-data-initiatives/site/tools/internal/manifest"
	"github.com/annotated-data-initiatives/site/tools/internal/project"
)

// newProject copies the real sources into a temporary project folder and
// runs ingest there once, so that each test starts from a generated tree.
// siteConfig are the site's files a scratch project needs for ingest:
// its languages and strings, and what its link-preview cards are drawn
// with (config.toml [params.card]).
var siteConfig = []string{"config.toml", "i18n/en.toml", "i18n/zh.toml", "assets/images/card.png", "assets/fonts/NotoSansCJKsc-Bold-GB2312.otf"}

func newProject(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	if err := os.WriteFile(filepath.Join(root, "go.mod"), []byte("module scratch\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob("../sources/*")
	if len(files) == 0 {
		t.Fatal("no sources")
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		write(t, root, "sources/"+filepath.Base(f), data)
	}
	// Two instruments need their comparison by theme; the content is
	// written for the site's languages and strings.
	for _, f := range append([]string{"data/themes.toml"}, siteConfig...) {
		data, err := os.ReadFile("../" + f)
		if err != nil {
			t.Fatal(err)
		}
		write(t, root, f, data)
	}
	// An editor's page: ingest must never touch it.
	write(t, root, editorPage, []byte("+++\ntitle = \"An editor's page\"\n+++\n"))
	if code, _, stderr := runTools(t, "ingest", "-q", "-root", root); code != 0 {
		t.Fatalf("first ingest: %d %s", code, stderr)
	}
	return root
}

func write(t *testing.T, root, rel string, data []byte) {
	t.Helper()
	p := filepath.Join(root, rel)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func read(t *testing.T, root, rel string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(root, rel))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func runTools(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(args, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

// snapshot records every file of the tree with its bytes and modification
// time, so that "nothing changed on disk" can be asserted.
func snapshot(t *testing.T, root string) map[string]string {
	t.Helper()
	snap := map[string]string{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		snap[p] = info.ModTime().String() + "\x00" + string(data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return snap
}

func sameSnapshot(t *testing.T, before, after map[string]string) {
	t.Helper()
	for p, v := range before {
		if w, ok := after[p]; !ok {
			t.Errorf("removed: %s", p)
		} else if w != v {
			t.Errorf("changed: %s", p)
		}
	}
	for p := range after {
		if _, ok := before[p]; !ok {
			t.Errorf("created: %s", p)
		}
	}
}

func TestIngestTwiceChangesNothing(t *testing.T) {
	root := newProject(t)
	before := snapshot(t, root)
	code, stdout, stderr := runTools(t, "ingest", "-root", root)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, ", 0 changed") {
		t.Errorf("second run reports changes:\n%s", stdout)
	}
	sameSnapshot(t, before, snapshot(t, root))
	if code, _, stderr := runTools(t, "ingest", "-check", "-root", root); code != 0 {
		t.Errorf("-check after ingest: exit %d: %s", code, stderr)
	}
}

// editorPage is an editor's file of newProject.
const editorPage = "content/en/about.md"

// firstPart is the path, under a site language's generated content, of
// the first part of the project's first instrument.
func firstPart(t *testing.T, root string) (instrument, part string) {
	t.Helper()
	r, err := ingest.Run(root, ManifestPath)
	if err != nil {
		t.Fatal(err)
	}
	ip := r.Instruments[0]
	return ip.Instrument.ID, ip.Parts[0].ID
}

// loadCorpus is what ingest makes of the project at root.
func loadCorpus(t *testing.T, root string) *ingest.Result {
	t.Helper()
	r, err := ingest.Run(root, ManifestPath)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// sourceBy is the first source of the corpus of the kind and, unless
// layout is "", the layout, taken in one file.
func sourceBy(t *testing.T, r *ingest.Result, kind, layout string) *ingest.Extracted {
	t.Helper()
	for _, x := range r.Sources {
		if x.Source.Kind == kind && (layout == "" || x.Source.Layout == layout) && !x.Paged() {
			return x
		}
	}
	t.Fatalf("the corpus has no %s source with layout %q", kind, layout)
	return nil
}

// instrumentOf is the instrument whose text in lang source id supplies.
func instrumentOf(t *testing.T, r *ingest.Result, id, lang string) ingest.InstrumentParts {
	t.Helper()
	for _, ip := range r.Instruments {
		if len(ip.Parts) > 0 && ip.Parts[0].Source[lang] == id {
			return ip
		}
	}
	t.Fatalf("source %s supplies no instrument's text in %s", id, lang)
	return ingest.InstrumentParts{}
}

// firstPoint is the first point (clause) of an instrument.
func firstPoint(t *testing.T, ip ingest.InstrumentParts) ingest.Part {
	t.Helper()
	for _, p := range ip.Parts {
		if p.Role == corpus.RoleClause {
			return p
		}
	}
	t.Fatalf("%s has no point", ip.Instrument.ID)
	return ingest.Part{}
}

// opening is the start of a part's text, to quote: its first four words,
// or its first six characters when it is not written with spaces.
func opening(text string) string {
	if w := strings.Fields(text); len(w) > 1 {
		return strings.Join(w[:min(4, len(w))], " ")
	}
	r := []rune(text)
	return string(r[:min(6, len(r))])
}

func TestIngestOwnsItsFolder(t *testing.T) {
	root := newProject(t)
	owned, err := gendir.Owned(root)
	if err != nil {
		t.Fatal(err)
	}
	if len(owned) == 0 {
		t.Fatal("ingest wrote nothing")
	}
	for _, rel := range owned {
		if !strings.HasPrefix(rel, ingest.Dir+"/") {
			t.Errorf("%s is outside %s/", rel, ingest.Dir)
		}
		if strings.HasSuffix(rel, ".json") || strings.HasSuffix(rel, ".png") {
			continue // JSON has no comments, and the cards are images
		}
		head := strings.Join(strings.SplitN(read(t, root, rel), "\n", 4)[:3], "\n")
		if !strings.Contains(head, "Generated by `go run ./tools ingest`") {
			t.Errorf("%s does not say it is generated in its first lines:\n%s", rel, head)
		}
	}
	if got := read(t, root, editorPage); !strings.Contains(got, "An editor's page") {
		t.Error("the editor's file was changed")
	}
	// Nothing is left of the run but the lock file.
	if left, err := gendir.Leftovers(root); err != nil || len(left) > 0 {
		t.Errorf("leftovers %v %v", left, err)
	}
}

func TestCheckNamesStaleFiles(t *testing.T) {
	root := newProject(t)
	inst, part := firstPart(t, root)
	point := ingest.Dir + "/content/zh/" + inst + "/" + part + ".md"
	official := read(t, root, point)
	write(t, root, point, []byte(strings.Replace(official, `text = "`, `text = "X`, 1)))
	// A file in the generated folder that ingest does not write, whoever
	// put it there, is refused, and removed by the next ingest.
	stray := ingest.Dir + "/content/en/" + inst + "/" + part + "_stray.md"
	write(t, root, stray, []byte(strings.ReplaceAll(read(t, root, ingest.Dir+"/content/en/"+inst+"/"+part+".md"), part, part+"_stray")))
	before := snapshot(t, root)

	code, _, stderr := runTools(t, "ingest", "-check", "-root", root)
	if code != 1 {
		t.Fatalf("-check on a stale tree: exit %d", code)
	}
	for _, want := range []string{"stale: " + point + " (ingest would update it)", stray + ": not written by ingest"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if strings.Contains(stderr, editorPage) {
		t.Error("-check lists the editor's file")
	}
	sameSnapshot(t, before, snapshot(t, root))

	if code, _, stderr := runTools(t, "ingest", "-root", root); code != 0 {
		t.Fatal(stderr)
	}
	if read(t, root, point) != official {
		t.Error("ingest did not restore the generated file")
	}
	if _, err := os.Stat(filepath.Join(root, stray)); !os.IsNotExist(err) {
		t.Error("ingest did not remove the stray file")
	}
	if _, err := os.Stat(filepath.Join(root, editorPage)); err != nil {
		t.Error("ingest removed the editor's file")
	}
}

// TestOnlyIngestPublishesParts: an editor's page cannot publish or replace
// a part, by its place, its type, its address or its translation key.
func TestOnlyIngestPublishesParts(t *testing.T) {
	root := newProject(t)
	inst, part := firstPart(t, root)
	page := func(front string) []byte { return []byte("+++\ntitle = \"Point 99\"\n" + front + "+++\nText.\n") }
	tests := []struct {
		name, file string
		data       []byte
		want       string
	}{
		{"in an instrument's folder", "content/en/" + inst + "/" + part + "_stray.md", page(""),
			"content/en/" + inst + "/" + part + "_stray.md: error: only ingest publishes pages in " + inst + "/"},
		{"at a generated page's path", "content/zh/" + inst + "/" + part + ".md", page(""),
			"content/zh/" + inst + "/" + part + ".md: error: ingest publishes this page"},
		{"with a generated type", "content/en/extra.md", page("type = \"part\"\n"),
			`content/en/extra.md:3: error: type "part" is ingest's alone`},
		{"in a folder named after a type", "content/en/part/x.md", page(""),
			`content/en/part/x.md: error: a folder named "part"`},
		{"at a part's address", "content/en/extra.md", page("url = \"/en/" + inst + "/" + part + "/\"\n"),
			"content/en/extra.md:3: error: an editor's page cannot set url"},
		{"as a part's translation", "content/en/extra.md", page("translationKey = \"" + inst + "/" + part + "\"\n"),
			`content/en/extra.md:3: error: translationKey "` + inst + "/" + part + `" is a page ingest publishes`},
		{"by cascade", "content/en/_index.md", page("[cascade]\ntype = \"part\"\n"),
			"content/en/_index.md:3: error: an editor's page cannot set cascade"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			write(t, root, tt.file, tt.data)
			defer os.Remove(filepath.Join(root, tt.file))
			before := snapshot(t, root)
			for _, cmd := range []string{"check", "build"} {
				code, _, stderr := runTools(t, cmd, "-root", root)
				if code != 1 || !strings.Contains(stderr, tt.want) {
					t.Errorf("%s: exit %d, stderr:\n%s\nwant %q", cmd, code, stderr, tt.want)
				}
			}
			sameSnapshot(t, before, snapshot(t, root))
		})
	}
}

// TestFailedIngestChangesNothing: a run that cannot finish writing leaves
// the generated folder as it was and nothing of its own, and names paths
// relative to the project.
func TestFailedIngestChangesNothing(t *testing.T) {
	root := newProject(t)
	inst, part := firstPart(t, root)
	point := ingest.Dir + "/content/en/" + inst + "/" + part + ".md"
	write(t, root, point, []byte("stale"))
	// Where the next folder is written is taken by a file: the run fails
	// before anything is swapped in.
	if err := os.RemoveAll(filepath.Join(root, ".ingest")); err != nil {
		t.Fatal(err)
	}
	write(t, root, ".ingest", []byte("in the way"))
	before := snapshot(t, root)
	code, _, stderr := runTools(t, "ingest", "-root", root)
	if code == 0 {
		t.Fatal("ingest succeeded with .ingest blocked")
	}
	if strings.Contains(stderr, root) || !strings.Contains(stderr, ".ingest") {
		t.Errorf("the error should name .ingest relative to the project:\n%s", stderr)
	}
	sameSnapshot(t, before, snapshot(t, root))
}

// TestInterruptedIngest: what a killed run leaves (a half-written next
// folder) is reported by -check and removed by the next run.
func TestInterruptedIngest(t *testing.T) {
	root := newProject(t)
	write(t, root, ".ingest/next-123/content/en/x.md", []byte("half"))
	before := snapshot(t, root)
	code, _, stderr := runTools(t, "ingest", "-check", "-root", root)
	if code != 1 || !strings.Contains(stderr, ".ingest/next-123: left by an interrupted ingest") {
		t.Errorf("-check: exit %d\n%s", code, stderr)
	}
	sameSnapshot(t, before, snapshot(t, root))
	code, stdout, stderr := runTools(t, "ingest", "-root", root)
	if code != 0 || !strings.Contains(stdout, "removed .ingest/next-123, left by an interrupted ingest") {
		t.Errorf("ingest: exit %d\n%s%s", code, stdout, stderr)
	}
	if _, err := os.Stat(filepath.Join(root, ".ingest/next-123")); !os.IsNotExist(err) {
		t.Error("the leftover is still there")
	}
}

// TestConcurrentIngestRefused: while one run holds the lock, another is
// refused with a message, and changes nothing.
func TestConcurrentIngestRefused(t *testing.T) {
	root := newProject(t)
	inst, part := firstPart(t, root)
	write(t, root, ingest.Dir+"/content/en/"+inst+"/"+part+".md", []byte("stale"))
	unlock, err := gendir.Lock(root)
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	before := snapshot(t, root)
	code, _, stderr := runTools(t, "ingest", "-root", root)
	if code != 1 || !strings.Contains(stderr, "tools: .ingest/lock: another ingest is running in this project") {
		t.Errorf("exit %d\n%s", code, stderr)
	}
	sameSnapshot(t, before, snapshot(t, root))
}

// TestBadInput: each defect gives one line naming the file (and line), a
// non-zero exit, and leaves every file as it was. The file broken is
// chosen by its role in the corpus, and the expected message is computed
// from what ingest made of it.
func TestBadInput(t *testing.T) {
	root0 := newProject(t)
	r := loadCorpus(t, root0)
	manifestFile := ManifestPath
	// A news report: its bytes can be broken without touching an
	// instrument's text.
	report := sourceBy(t, r, manifest.KindNewsReport, "")
	reportFile := report.Path
	// The first line of the report long enough to take bad bytes inside.
	badLine := -1
	for i, l := range strings.Split(read(t, root0, reportFile), "\n") {
		if len(l) > 7 {
			badLine = i
			break
		}
	}
	if badLine < 0 {
		t.Fatalf("no line of %s is long enough", reportFile)
	}
	// The interleaved official text: a line of one language alone cannot
	// be split.
	inter := sourceBy(t, r, manifest.KindOfficialText, manifest.LayoutInterleaved)
	interIP := instrumentOf(t, r, inter.Source.ID, testEN)
	interPoint := firstPoint(t, interIP)
	// The sequential official text: a paragraph dropped in one language
	// leaves the other's unpaired.
	seq := sourceBy(t, r, manifest.KindOfficialText, manifest.LayoutSequential)
	seqIP := instrumentOf(t, r, seq.Source.ID, testEN)
	seqPoint := firstPoint(t, seqIP)
	seqLine := `\d+`
	if seqPoint.File[testZH] == seqPoint.File[testEN] && seqPoint.Line[testZH] < seqPoint.Line[testEN] {
		seqLine = strconv.Itoa(seqPoint.Line[testZH])
	}
	n := len(seqIP.Parts)
	// Two instruments for the duplicate id.
	if len(r.Instruments) < 2 {
		t.Fatal("the corpus has fewer than two instruments")
	}
	inst0, inst1 := r.Instruments[0].Instrument.ID, r.Instruments[1].Instrument.ID
	// A block of points of the interleaved text's instrument, split so
	// that its first number comes twice.
	var pointBlock manifest.Block
	for _, b := range interIP.Instrument.Structure {
		if b.Kind == manifest.BlockPoint {
			pointBlock = b
			break
		}
	}
	if pointBlock.Count < 2 || pointBlock.First != 0 {
		t.Fatalf("the first block of points of %s is not two points or more numbered on", interIP.Instrument.ID)
	}
	blockText := fmt.Sprintf(`{ kind = "point", count = %d },`, pointBlock.Count)
	splitText := fmt.Sprintf(`{ kind = "point", count = 1 }, { kind = "point", count = %d, first = %d },`, pointBlock.Count-1, interPoint.Ordinal)
	dupID := interPoint.ID // the block's first point, numbered twice
	// An English erratum of the interleaved text.
	var erratum *manifest.Erratum
	for i := range inter.Source.Errata {
		if inter.Source.Errata[i].Lang == testEN {
			erratum = &inter.Source.Errata[i]
			break
		}
	}
	if erratum == nil {
		t.Fatalf("source %s has no English erratum", inter.Source.ID)
	}
	missingWrong := erratum.Wrong + " not here"
	missing := r.Sources[0]
	missingName := missing.Source.ID + "_missing.txt"
	missingPath := filepath.ToSlash(filepath.Join(filepath.Dir(missing.Path), missingName))
	q := regexp.QuoteMeta

	tests := []struct {
		name   string
		break_ func(t *testing.T, root string)
		want   string // regular expression the error line must match
	}{
		{"empty source", func(t *testing.T, root string) {
			write(t, root, reportFile, nil)
		}, `^tools: ` + q(reportFile) + `: source is empty$`},
		{"binary file", func(t *testing.T, root string) {
			write(t, root, reportFile, []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"))
		}, `^tools: ` + q(reportFile) + `:3: binary file`},
		{"bytes that do not decode as utf-8", func(t *testing.T, root string) {
			lines := strings.Split(read(t, root, reportFile), "\n")
			lines[badLine] = lines[badLine][:7] + "\xff\xfe" + lines[badLine][7:]
			write(t, root, reportFile, []byte(strings.Join(lines, "\n")))
		}, `^tools: ` + q(reportFile) + `:` + strconv.Itoa(badLine+1) + `: bytes that are not valid utf-8`},
		{"bytes that do not decode as the declared gb18030", func(t *testing.T, root string) {
			entry := "file = \"" + report.Source.File + "\"\nformat = \"" + report.Source.Format + "\"\nencoding = \"" + report.Source.Encoding + "\""
			m := read(t, root, manifestFile)
			if !strings.Contains(m, entry) {
				t.Fatalf("the manifest lacks %q", entry)
			}
			m = strings.Replace(m, entry, strings.TrimSuffix(entry, "\""+report.Source.Encoding+"\"")+"\"gb18030\"", 1)
			write(t, root, manifestFile, []byte(m))
			gb, err := simplifiedchinese.GB18030.NewEncoder().String("第一行\n第二行")
			if err != nil {
				t.Fatal(err)
			}
			write(t, root, reportFile, []byte(gb+"\x81\x20\n"))
		}, `^tools: ` + q(reportFile) + `:2: bytes that do not decode as gb18030`},
		{"Chinese and English counts disagree", func(t *testing.T, root string) {
			file := seqPoint.File[testEN]
			lines := strings.Split(read(t, root, file), "\n")
			// Drop the English of the first point.
			i := seqPoint.Line[testEN] - 1
			lines = append(lines[:i], lines[i+1:]...)
			write(t, root, file, []byte(strings.Join(lines, "\n")))
		}, `^tools: ` + q(seqPoint.File[testZH]) + `:` + seqLine + `: source ` + q(seqPoint.Source[testZH]) +
			`: ` + strconv.Itoa(n-1) + ` English and ` + strconv.Itoa(n) + ` Chinese paragraphs for ` + q(seqIP.Instrument.ID) +
			`; Chinese paragraph ` + strconv.Itoa(seqPoint.Weight) + ` cannot be paired: "` + q(opening(seqPoint.Text[testZH]))},
		{"manifest names a missing file", func(t *testing.T, root string) {
			write(t, root, manifestFile, []byte(strings.Replace(read(t, root, manifestFile), `file = "`+missing.Source.File+`"`, `file = "`+missingName+`"`, 1)))
		}, `^tools: ` + q(manifestFile) + `:\d+: source ` + q(missing.Source.ID) + `: file ` + q(missingPath) + `: no such file or directory$`},
		{"two instruments with the same ID", func(t *testing.T, root string) {
			write(t, root, manifestFile, []byte(strings.Replace(read(t, root, manifestFile), `id = "`+inst1+`"`, `id = "`+inst0+`"`, 1)))
		}, `^tools: ` + q(manifestFile) + `:\d+: duplicate instrument id "` + q(inst0) + `"$`},
		{"two parts with the same ID", func(t *testing.T, root string) {
			m := read(t, root, manifestFile)
			if !strings.Contains(m, blockText) {
				t.Fatalf("the manifest lacks %q", blockText)
			}
			write(t, root, manifestFile, []byte(strings.Replace(m, blockText, splitText, 1)))
		}, `^tools: ` + q(interPoint.File[testEN]) + `:\d+: source ` + q(interPoint.Source[testEN]) +
			`: two parts of ` + q(interIP.Instrument.ID) + ` have the ID ` + q(dupID)},
		{"unknown manifest key", func(t *testing.T, root string) {
			layout := `layout = "` + inter.Source.Layout + `"`
			write(t, root, manifestFile, []byte(strings.Replace(read(t, root, manifestFile), layout, layout+"\nlayuot = \"single\"", 1)))
		}, `^tools: ` + q(manifestFile) + `:\d+: unknown key "source\.layuot"$`},
		{"erratum whose wrong text is not found", func(t *testing.T, root string) {
			write(t, root, manifestFile, []byte(strings.Replace(read(t, root, manifestFile), `wrong = "`+erratum.Wrong+`"`, `wrong = "`+missingWrong+`"`, 1)))
		}, `^tools: ` + q(manifestFile) + `:\d+: erratum of source ` + q(inter.Source.ID) + `: wrong text ` + q(strconv.Quote(missingWrong)) +
			` not found in the English text of ` + q(interIP.Instrument.ID+"/"+erratum.Part) + `$`},
		{"interleaved line without its Chinese", func(t *testing.T, root string) {
			file := interPoint.File[testEN]
			lines := strings.Split(read(t, root, file), "\n")
			lines[interPoint.Line[testEN]-1] = interPoint.Text[testEN]
			write(t, root, file, []byte(strings.Join(lines, "\n")))
		}, `^tools: ` + q(interPoint.File[testEN]) + `:` + strconv.Itoa(interPoint.Line[testEN]) +
			`: source ` + q(inter.Source.ID) + `: cannot split this line`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := newProject(t)
			tt.break_(t, root)
			before := snapshot(t, root)
			code, stdout, stderr := runTools(t, "ingest", "-root", root)
			if code == 0 {
				t.Fatalf("exit 0; stdout:\n%s", stdout)
			}
			if n := strings.Count(stderr, "\n"); n != 1 {
				t.Errorf("want one line of error, got %d:\n%s", n, stderr)
			}
			if !regexp.MustCompile(tt.want).MatchString(strings.TrimSpace(stderr)) {
				t.Errorf("error line\n  %s\ndoes not match\n  %s", strings.TrimSpace(stderr), tt.want)
			}
			sameSnapshot(t, before, snapshot(t, root))
		})
	}
}

func TestUsage(t *testing.T) {
	if code, _, stderr := runTools(t); code != 2 || !strings.Contains(stderr, "usage: go run ./tools <command>") {
		t.Errorf("no command: exit %d\n%s", code, stderr)
	}
	if code, _, stderr := runTools(t, "ingest", "-h"); code != 0 || !strings.Contains(stderr, "-check") {
		t.Errorf("ingest -h: exit %d\n%s", code, stderr)
	}
	if code, _, stderr := runTools(t, "frobnicate"); code != 2 || !strings.HasPrefix(stderr, "tools: unknown command") {
		t.Errorf("unknown command: exit %d\n%s", code, stderr)
	}
}

func TestCheckNotes(t *testing.T) {
	root := newProject(t)
	hash := func(lang, rel string) string {
		for _, l := range strings.Split(read(t, root, rel), "\n") {
			if strings.HasPrefix(l, "hash = ") {
				return strings.Trim(strings.TrimPrefix(l, "hash = "), `"`)
			}
		}
		t.Fatalf("no hash in %s", rel)
		return ""
	}
	note := func(part, quote, h string) []byte {
		return []byte("+++\ntitle = \"T\"\ndate = 2026-11-23\ntranslationKey = \"note/n\"\n[params]\ntype = \"analysis\"\nparts = [\"" + part +
			"\"]\nauthor = \"Editors\"\nquote = \"" + quote + "\"\n[params.hashes]\n\"" + part + "\" = \"" + h + "\"\n+++\nBody.\n")
	}
	ip := loadCorpus(t, root).Instruments[0]
	p := firstPoint(t, ip)
	en := hash("en", ingest.Dir+"/content/en/"+ip.Instrument.ID+"/"+p.ID+".md")
	zh := hash("zh", ingest.Dir+"/content/zh/"+ip.Instrument.ID+"/"+p.ID+".md")
	enQuote, zhQuote := opening(p.Text[testEN]), opening(p.Text[testZH])
	write(t, root, "content/en/notes/n.md", note(p.Key, enQuote, en))
	write(t, root, "content/zh/notes/n.md", note(p.Key, zhQuote, zh))
	// Valid notes: no error, and no warning about a note (the manifest may
	// have its own, such as a source without an address).
	if code, stdout, stderr := runTools(t, "check", "-root", root); code != 0 || strings.Contains(stderr, "notes/") || !strings.Contains(stdout, "check: 2 notes; 0 errors") {
		t.Fatalf("valid notes: exit %d\n%s%s", code, stdout, stderr)
	}

	// A changed text is a warning: exit 0.
	write(t, root, "content/zh/notes/n.md", note(p.Key, zhQuote, "0000"))
	if code, _, stderr := runTools(t, "check", "-root", root); code != 0 || !strings.Contains(stderr, "content/zh/notes/n.md:11: warning: the text of "+p.Key+" has changed") {
		t.Errorf("changed hash: exit %d\n%s", code, stderr)
	}
	// An unknown part and a quote not in the text are errors: exit 1, and build refuses.
	unknown := ip.Instrument.ID + "/no_such_part"
	write(t, root, "content/en/notes/n.md", note(unknown, "", en))
	if code, _, stderr := runTools(t, "check", "-root", root); code != 1 || !strings.Contains(stderr, `content/en/notes/n.md:7: error: unknown part "`+unknown+`"`) {
		t.Errorf("unknown part: exit %d\n%s", code, stderr)
	}
	badQuote := enQuote + " and no such words"
	if strings.Contains(p.Text[testEN], badQuote) {
		t.Fatalf("%q is in the text", badQuote)
	}
	write(t, root, "content/en/notes/n.md", note(p.Key, badQuote, en))
	if code, _, stderr := runTools(t, "check", "-root", root); code != 1 || !strings.Contains(stderr, `content/en/notes/n.md:9: error: quote "`+badQuote+`" is not found`) {
		t.Errorf("quote: exit %d\n%s", code, stderr)
	}
	if code, _, stderr := runTools(t, "build", "-root", root); code != 1 || !strings.Contains(stderr, "tools: check: 1 error in the editors' files") {
		t.Errorf("build with a bad note: exit %d\n%s", code, stderr)
	}
}

func TestNewNote(t *testing.T) {
	root := newProject(t)
	// Hugo builds the site to resolve the archetype: give it the site files.
	for _, dir := range []string{"../config.toml", "../archetypes/notes.md"} {
		data, err := os.ReadFile(dir)
		if err != nil {
			t.Fatal(err)
		}
		write(t, root, strings.TrimPrefix(dir, "../"), data)
	}
	ip := loadCorpus(t, root).Instruments[0]
	p := firstPoint(t, ip)
	slug := defaultSlug(p.Key, "translation")
	code, stdout, stderr := runTools(t, "new", "note", "-root", root, p.Key, "--type", "translation")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "created content/en/notes/"+slug+".md") {
		t.Errorf("stdout: %s", stdout)
	}
	zh := read(t, root, "content/zh/notes/"+slug+".md")
	for _, want := range []string{`type = "translation"`, `parts = ["` + p.Key + `"]`, "#   " + opening(p.Text[testZH]), `"` + p.Key + `" = "`} {
		if !strings.Contains(zh, want) {
			t.Errorf("scaffold lacks %q:\n%s", want, zh)
		}
	}
	// The scaffold records the hash of the Chinese text, so check reports
	// no changed text once title and author are filled in.
	for _, lang := range []string{"en", "zh"} {
		p := "content/" + lang + "/notes/" + slug + ".md"
		write(t, root, p, []byte(strings.Replace(strings.Replace(read(t, root, p), `title = ""`, `title = "T"`, 1), `author = ""`, `author = "A"`, 1)))
	}
	if code, stdout, stderr := runTools(t, "check", "-root", root); code != 0 || strings.Contains(stderr, "notes/") || !strings.Contains(stdout, "0 errors") {
		t.Errorf("check after new note: exit %d\n%s%s", code, stdout, stderr)
	}
	unknown := ip.Instrument.ID + "/no_such_part"
	if code, _, stderr := runTools(t, "new", "note", "-root", root, unknown); code != 1 || !strings.Contains(stderr, `unknown part "`+unknown+`"`) {
		t.Errorf("unknown part: exit %d: %s", code, stderr)
	}

	// The part has a translation note now: a second run names it (at its
	// parts line) and writes nothing, no "-2" copy.
	refused := func(what, wantFile string, args ...string) {
		t.Helper()
		before := snapshot(t, root)
		code, _, stderr := runTools(t, append([]string{"new", "note", "-root", root}, args...)...)
		want := regexp.MustCompile(`^tools: ` + regexp.QuoteMeta(wantFile) + `:[1-9][0-9]*: a translation note on ` + regexp.QuoteMeta(p.Key) + ` exists; edit it, or write another with -slug <name> or -force\n$`)
		if code != 1 || !want.MatchString(stderr) {
			t.Errorf("%s: exit %d: %q, want %s", what, code, stderr, want)
		}
		sameSnapshot(t, before, snapshot(t, root))
	}
	refused("second note", "content/en/notes/"+slug+".md", p.Key, "-type", "translation")
	// -force still writes no copy over the note of the same name.
	before := snapshot(t, root)
	if code, _, stderr := runTools(t, "new", "note", "-root", root, "-force", "-type", "translation", p.Key); code != 1 || stderr != "tools: content/en/notes/"+slug+".md: a note "+slug+" exists; choose another name with -slug\n" {
		t.Errorf("-force on an existing name: exit %d: %q", code, stderr)
	}
	sameSnapshot(t, before, snapshot(t, root))
	// A slug of its own is asking for a second note: written.
	if code, stdout, stderr := runTools(t, "new", "note", "-root", root, "-slug", "second-translation", "-type", "translation", p.Key); code != 0 || !strings.Contains(stdout, "created content/zh/notes/second-translation.md") {
		t.Errorf("-slug: exit %d: %s%s", code, stdout, stderr)
	}
	// The note is found by its part and type, whatever its name.
	for _, lang := range []string{"en", "zh"} {
		if err := os.Remove(filepath.Join(root, "content", lang, "notes", slug+".md")); err != nil {
			t.Fatal(err)
		}
	}
	refused("note under another name", "content/en/notes/second-translation.md", "-type", "translation", p.Key)
	// Another type is another note; -force writes one of the same type.
	if code, _, stderr := runTools(t, "new", "note", "-root", root, "-type", "context", p.Key); code != 0 {
		t.Errorf("another type: exit %d: %s", code, stderr)
	}
	if code, _, stderr := runTools(t, "new", "note", "-root", root, "-force", "-type", "translation", p.Key); code != 0 {
		t.Errorf("-force: exit %d: %s", code, stderr)
	}
}

// TestDefaultSlug: the default name of a note is one -slug accepts, whatever
// the part's id.
func TestDefaultSlug(t *testing.T) {
	for key, want := range map[string]string{
		"demo-2020/point_3":       "demo-2020-point-3-analysis",
		"demo-2020/preamble__p_3": "demo-2020-preamble-p-3-analysis",
		"Demo/_x_":                "demo-x-analysis",
	} {
		got := defaultSlug(key, "analysis")
		if got != want || !slugPattern.MatchString(got) {
			t.Errorf("defaultSlug(%q) = %q, want %q", key, got, want)
		}
	}
}

// TestNewNoteSlug: a slug is one file name in the notes folder; anything
// else is refused before a file is written.
func TestNewNoteSlug(t *testing.T) {
	root := newProject(t)
	key := firstPoint(t, loadCorpus(t, root).Instruments[0]).Key
	before := snapshot(t, root)
	for _, slug := range []string{"../x", "../../evil", "a/b", "/tmp/x", "X", "a.b", "-a", "a--b", ".."} {
		code, _, stderr := runTools(t, "new", "note", "-root", root, "-slug", slug, key)
		want := "tools: slug \"" + slug + "\": use lower-case letters, digits and hyphens"
		if code != 1 || !strings.HasPrefix(stderr, want) {
			t.Errorf("-slug %s: exit %d: %s", slug, code, stderr)
		}
	}
	sameSnapshot(t, before, snapshot(t, root))
}

func TestBuildFailsOnBadThemes(t *testing.T) {
	root := newProject(t)
	write(t, root, "data/themes.toml", []byte("[[theme]]\nid = \"x\"\nparts = []\ncolour = \"red\"\n"))
	code, _, stderr := runTools(t, "build", "-root", root)
	if code != 1 || strings.TrimSpace(stderr) != `tools: data/themes.toml:4: unknown key "theme.colour"` {
		t.Errorf("exit %d: %q", code, stderr)
	}
}

// TestCheckReportsCoverage: a point under no theme is a warning (the
// comparison's coverage), not an error: check and build go on.
func TestCheckReportsCoverage(t *testing.T) {
	root := newProject(t)
	r, err := ingest.Run(root, ManifestPath)
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	var left string
	for i, ip := range r.Instruments {
		for _, p := range ip.Parts {
			if p.Role != "clause" {
				continue
			}
			if i == 0 && left == "" {
				left = p.Key // the first point of the first instrument
				continue
			}
			keys = append(keys, strconv.Quote(p.Key))
		}
	}
	themesFile := "[[theme]]\nid = \"all\"\nparts = [" + strings.Join(keys, ", ") + "]\n" +
		"name = { en = \"All\", zh-Hans = \"全部\" }\ndescription = { en = \"All.\", zh-Hans = \"全部。\" }\nexplanation = { en = \"All.\", zh-Hans = \"全部。\" }\n"
	write(t, root, "data/themes.toml", []byte(themesFile))
	if code, _, stderr := runTools(t, "ingest", "-q", "-root", root); code != 0 {
		t.Fatalf("ingest: %d %s", code, stderr)
	}
	code, stdout, stderr := runTools(t, "check", "-root", root)
	want := "data/themes.toml: warning: coverage: " + left + " is under no theme"
	if code != 0 || !strings.Contains(stderr, want) || !strings.Contains(stdout, "0 errors") {
		t.Errorf("check: exit %d, want 0 and %q\n%s%s", code, want, stdout, stderr)
	}
}

// TestCheckAsksForAddresses: an official text's source without an address
// is a warning at its entry in the manifest; with one, none.
func TestCheckAsksForAddresses(t *testing.T) {
	root := newProject(t)
	// Whatever the corpus records, take the addresses away first.
	write(t, root, ManifestPath, []byte(regexp.MustCompile(`(?m)^address = .*\n`).ReplaceAllString(read(t, root, ManifestPath), "")))
	if code, _, stderr := runTools(t, "ingest", "-q", "-root", root); code != 0 {
		t.Fatal(stderr)
	}
	r, err := ingest.Run(root, ManifestPath)
	if err != nil {
		t.Fatal(err)
	}
	var official *manifest.Source
	for _, x := range r.Sources {
		if x.Source.Kind == manifest.KindOfficialText {
			official = x.Source
			break
		}
	}
	if official == nil {
		t.Fatal("no official text")
	}
	_, _, stderr := runTools(t, "check", "-root", root)
	want := fmt.Sprintf("sources/sources.toml:%d: warning: source %s, an official text, records no address", official.Line, official.ID)
	if !strings.Contains(stderr, want) {
		t.Errorf("check does not ask for the address of %s:\n%s", official.ID, stderr)
	}
	// Give every official source an address: no such warning is left.
	m := read(t, root, ManifestPath)
	m = strings.ReplaceAll(m, "kind = \"official-text\"\n", "kind = \"official-text\"\naddress = \"https://publisher.example/text\"\n")
	write(t, root, ManifestPath, []byte(m))
	if code, _, stderr := runTools(t, "ingest", "-q", "-root", root); code != 0 {
		t.Fatal(stderr)
	}
	if _, _, stderr := runTools(t, "check", "-root", root); strings.Contains(stderr, "records no address") {
		t.Errorf("addresses given, still asked for:\n%s", stderr)
	}
}

// TestHugoRefusesEmbedShortcodes: whatever reaches Hugo, its embedded
// shortcodes that would show or fetch another host's content fail the build
// at the call (layouts/_shortcodes replaces them).
func TestHugoRefusesEmbedShortcodes(t *testing.T) {
	root := newProject(t)
	overrides, err := filepath.Glob("../layouts/_shortcodes/*.html")
	if err != nil {
		t.Fatal(err)
	}
	var body strings.Builder
	for _, f := range overrides {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		write(t, root, "layouts/_shortcodes/"+filepath.Base(f), data)
	}
	names := []string{"figure", "gist", "instagram", "tweet", "twitter", "vimeo", "x", "youtube"}
	for _, n := range names {
		fmt.Fprintf(&body, "{{< %s src=\"https://other.example/a.png\" id=\"1\" user=\"u\" >}}\n\n", n)
	}
	write(t, root, "layouts/page.html", []byte("{{ .Content }}"))
	write(t, root, "content/en/notes/embeds.md", []byte("+++\ntitle = \"Embeds\"\n+++\n"+body.String()))
	out, err := project.Hugo(root, "--destination", t.TempDir())
	if err == nil {
		t.Fatalf("Hugo built a page with embedded shortcodes:\n%s", out)
	}
	for i, n := range names {
		want := regexp.MustCompile(`notes/embeds\.md:` + strconv.Itoa(4+2*i) + `:\d+"?: shortcode "` + n + `" is disabled on this site`)
		if !want.MatchString(out) {
			t.Errorf("no error for %s (want %s):\n%s", n, want, out)
		}
	}
}

// TestServeChecksOnChange: when an input changes, serve's watcher runs
// check too, and prints a note's problem at its file:line; the preview
// goes on (no exit).
func TestServeChecksOnChange(t *testing.T) {
	root := newProject(t)
	var stdout, stderr bytes.Buffer
	last := watchOnce(root, "", &stdout, &stderr)
	stderr.Reset()
	if again := watchOnce(root, last, &stdout, &stderr); again != last || stderr.Len() > 0 {
		t.Fatalf("nothing changed, yet: %s", stderr.String())
	}
	write(t, root, "content/en/notes/n.md", []byte("+++\ntitle = \"\"\ndate = 2026-11-23\ntranslationKey = \"note/n\"\n[params]\ntype = \"analysis\"\nparts = [\"no/such_part\"]\nauthor = \"Editors\"\n+++\nBody.\n"))
	watchOnce(root, last, &stdout, &stderr)
	for _, want := range []string{
		"content/en/notes/n.md:2: error: title is missing",
		`content/en/notes/n.md:7: error: unknown part "no/such_part"`,
		"tools: check: 2 errors in the editors' files (the preview shows the pages as they are; build refuses them)",
	} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("the watcher did not print %q:\n%s", want, stderr.String())
		}
	}
}

// The locales of the project's languages (config.toml).
const testEN, testZH = "en", "zh-Hans"
