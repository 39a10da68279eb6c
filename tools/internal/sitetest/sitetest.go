// Package sitetest builds the Hugo site in a temporary folder, in the style
// of Hugo's own integration tests, so that tests can assert on the generated
// public/ folder.
//
// A build combines the repository's site files (config.toml, layouts/, i18n/,
// assets/, static/, archetypes/: see SiteFiles) with the content and data
// files a test supplies, either as a map or as a txtar-like archive:
//
//	-- content/en/_index.md --
//	+++
//	title = "Home"
//	+++
//	-- data/themes.toml --
//	…
//
// Pages that ingest generates are never written by a test: a test that
// needs them builds a project folder (BuildProject), a manifest with its
// captures under sources/ and the editors' files (content/, data/), in the
// layout of the repository, and ingest makes the pages from it, exactly as
// `go run ./tools ingest` does.
//
// Hugo is the version pinned in go.mod, run as `go tool hugo` from the
// repository root with the production flags (BuildFlags).
package sitetest

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/annotated-data-initiatives/site/tools/internal/gendir"
	"github.com/annotated-data-initiatives/site/tools/internal/ingest"
	"github.com/annotated-data-initiatives/site/tools/internal/project"
	"github.com/annotated-data-initiatives/site/tools/internal/site"
	"github.com/annotated-data-initiatives/site/tools/internal/testenv"
)

// SiteFiles are the repository paths (files or folders) that make up the
// site's configuration and templates; BuildSite copies them into every
// build. Content and data come from the test.
var SiteFiles = []string{"config.toml", "layouts", "i18n", "assets", "static", "archetypes"}

// BuildFlags are the flags of the production build (go run ./tools build),
// besides --source and --destination.
var BuildFlags = []string{"--panicOnWarning", "--minify"}

// ParseArchive reads a txtar-like archive: each file starts with a line
// "-- path --" and runs to the next such line; text before the first
// marker is a comment and ignored. Each file's text ends with exactly one
// newline, as in txtar.
func ParseArchive(archive string) map[string]string {
	files := map[string]string{}
	var name string
	var body strings.Builder
	flush := func() {
		if name != "" {
			files[name] = strings.TrimRight(body.String(), "\n") + "\n"
		}
		body.Reset()
	}
	for _, line := range strings.SplitAfter(archive, "\n") {
		trimmed := strings.TrimRight(line, "\r\n")
		if strings.HasPrefix(trimmed, "-- ") && strings.HasSuffix(trimmed, " --") && len(trimmed) > 6 {
			flush()
			name = strings.TrimSpace(trimmed[3 : len(trimmed)-3])
			continue
		}
		body.WriteString(line)
	}
	flush()
	return files
}

// ReadRepoFiles reads the files under the given repository paths (files or
// folders, relative to the root, e.g. "content", "data") into a map keyed
// by slash-separated relative path, ready to pass to BuildSite.
func ReadRepoFiles(t testing.TB, paths ...string) map[string]string {
	t.Helper()
	root := repoRoot(t)
	files := map[string]string{}
	for _, p := range paths {
		err := filepath.WalkDir(filepath.Join(root, filepath.FromSlash(p)), func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			rel, err := filepath.Rel(root, path)
			if err != nil {
				return err
			}
			files[filepath.ToSlash(rel)] = string(b)
			return nil
		})
		if err != nil {
			t.Fatalf("sitetest: reading %s: %v", p, err)
		}
	}
	return files
}

// BuildSite writes files (relative slash-separated path → content) into a
// new temporary folder together with the repository's SiteFiles, builds the
// site with Hugo and BuildFlags, and returns the public folder. A failed
// build fails the test with Hugo's output. Files in the map override
// repository files of the same path.
func BuildSite(t testing.TB, files map[string]string) (publicDir string) {
	t.Helper()
	return buildIn(t, t.TempDir(), files)
}

// shared holds the builds of BuildShared, in a folder RunShared removes.
var shared struct {
	mu    sync.Mutex
	dir   string
	sites map[string]string // name → public folder; "" while building or after a failed build
}

// RunShared runs the package's tests (through testenv.Main) and then
// removes the builds BuildShared made. Call it from TestMain:
//
//	func TestMain(m *testing.M) { os.Exit(sitetest.RunShared(m)) }
func RunShared(m *testing.M) int {
	dir, err := os.MkdirTemp("", "sitetest-*")
	if err != nil {
		fmt.Fprintln(os.Stderr, "sitetest:", err)
		return 1
	}
	defer os.RemoveAll(dir)
	shared.dir, shared.sites = dir, map[string]string{}
	// testenv.Main: under -short, one line naming what was skipped.
	return testenv.Main(m)
}

// BuildShared is BuildSite for a build that several tests of a package read
// and none changes: the first call with a given name (a folder name) builds
// files(t), later calls return the same public folder. The package's
// TestMain must call RunShared.
func BuildShared(t testing.TB, name string, files func(testing.TB) map[string]string) (publicDir string) {
	t.Helper()
	return buildShared(t, name, func(dir string) string { return buildIn(t, dir, files(t)) })
}

// BuildProject builds a project folder once per test binary, as
// BuildShared does (the first call with a given name builds, later calls
// return the same public folder; TestMain must call RunShared).
//
// project is a folder in the repository's layout: sources/sources.toml
// with the captures it names, and the editors' files (content/<lang>/…,
// data/themes.toml, data/alignments.toml). It is copied into the build
// folder, files(t) (nil for none) are added to it, overriding files of the
// same path, and ingest runs there through the real path (Run, Plan, Apply),
// writing generated/. Then the repository's SiteFiles are copied in and the
// site is built with Hugo as BuildSite does; files(t) may override a site
// file too (config.toml). The project folder itself is never written.
//
// The ingest result is that of the build: ProjectFile reads its generated
// files beside the public folder.
func BuildProject(t testing.TB, name, project string, files func(testing.TB) map[string]string) (publicDir string) {
	t.Helper()
	return buildShared(t, name, func(dir string) string {
		var extra map[string]string
		if files != nil {
			extra = files(t)
		}
		if err := copyTree(project, dir); err != nil {
			t.Fatalf("sitetest: copying the project %s: %v", project, err)
		}
		// Ingest writes for the site's languages and strings.
		copySiteFiles(t, dir)
		writeFiles(t, dir, extra)
		Ingest(t, dir)
		return buildIn(t, dir, extra)
	})
}

// ProjectFile reads a file of the project that BuildProject built into
// publicDir (rel is slash-separated, relative to the project root, e.g.
// "generated/data/sources.toml").
func ProjectFile(t testing.TB, publicDir, rel string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(filepath.Dir(publicDir), filepath.FromSlash(rel)))
	if err != nil {
		t.Fatalf("sitetest: %v", err)
	}
	return b
}

// Ingest runs ingest on the project at root as `go run ./tools ingest`
// does: Run on sources/sources.toml, Plan, then Apply, which writes
// generated/. It returns the result; any error fails the test.
func Ingest(t testing.TB, root string) *ingest.Result {
	t.Helper()
	r := IngestResult(t, root)
	changes, err := gendir.Plan(root, r.Files)
	if err != nil {
		t.Fatalf("sitetest: ingest plan in %s: %v", root, err)
	}
	if err := gendir.Apply(root, r.Files, changes); err != nil {
		t.Fatalf("sitetest: ingest apply in %s: %v", root, err)
	}
	return r
}

// IngestResult runs ingest on the project at root without writing anything
// (ingest.Run): what Ingest would write, for tests that read the expected
// parts, titles and records of a project. A project without a config.toml
// of its own is read with the repository's site configuration.
func IngestResult(t testing.TB, root string) *ingest.Result {
	t.Helper()
	var opts ingest.Options
	if _, err := os.Stat(filepath.Join(root, site.ConfigPath)); err != nil {
		s, err := site.Load(repoRoot(t))
		if err != nil {
			t.Fatalf("sitetest: %v", err)
		}
		opts.Site = s
	}
	r, err := ingest.RunWith(root, ManifestPath, opts)
	if err != nil {
		t.Fatalf("sitetest: ingest in %s: %v", root, err)
	}
	return r
}

// FixtureDir is the site tests' fixture project, relative to the project
// root: a small corpus built through ingest (BuildProject), which the gates
// check as they check the real one.
const FixtureDir = "tools/internal/sitetest/testdata/fixture"

// ManifestPath is where a project's manifest lives, relative to its root.
const ManifestPath = "sources/sources.toml"

// buildShared runs build in a new folder of the shared builds the first
// time it is called with name, and returns its public folder then and
// after.
func buildShared(t testing.TB, name string, build func(dir string) (publicDir string)) (publicDir string) {
	t.Helper()
	shared.mu.Lock()
	defer shared.mu.Unlock()
	if shared.sites == nil {
		t.Fatal("sitetest: BuildShared and BuildProject need TestMain to call RunShared")
	}
	if public, ok := shared.sites[name]; ok {
		if public == "" {
			t.Fatalf("sitetest: the shared build %q failed in an earlier test", name)
		}
		return public
	}
	shared.sites[name] = ""
	dir := filepath.Join(shared.dir, name)
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	public := build(dir)
	shared.sites[name] = public
	return public
}

// RepoContent returns the repository's content, data and generated files (ReadRepoFiles),
// for BuildShared.
func RepoContent(t testing.TB) map[string]string {
	t.Helper()
	return ReadRepoFiles(t, "content", "data", "generated")
}

// buildIn builds the site in dir as BuildSite says: dir may already hold a
// project (BuildProject); the SiteFiles, then files, are written over it.
func buildIn(t testing.TB, dir string, files map[string]string) (publicDir string) {
	t.Helper()
	copySiteFiles(t, dir)
	writeFiles(t, dir, files)
	publicDir = filepath.Join(dir, "public")
	args := append([]string{"--destination", publicDir, "--cacheDir", filepath.Join(dir, ".hugo_cache")}, BuildFlags...)
	cmd := project.HugoCommand(dir, args...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("sitetest: hugo build failed: %v\n%s", err, out)
	}
	return publicDir
}

// writeFiles writes files (relative slash-separated path → content) into dir.
func writeFiles(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	for p, content := range files {
		if !filepath.IsLocal(filepath.FromSlash(p)) {
			t.Fatalf("sitetest: file path %q must be relative and inside the site", p)
		}
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// copySiteFiles copies the repository's SiteFiles into dir.
func copySiteFiles(t testing.TB, dir string) {
	t.Helper()
	root := repoRoot(t)
	for _, p := range SiteFiles {
		src := filepath.Join(root, p)
		if _, err := os.Stat(src); errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err := copyTree(src, filepath.Join(dir, p)); err != nil {
			t.Fatalf("sitetest: copying %s: %v", p, err)
		}
	}
}

// HTML parses the HTML file at rel (slash-separated, relative to the public
// folder; a path ending in "/" means its index.html).
func HTML(t testing.TB, publicDir, rel string) *goquery.Document {
	t.Helper()
	if rel == "" || strings.HasSuffix(rel, "/") {
		rel += "index.html"
	}
	f, err := os.Open(filepath.Join(publicDir, filepath.FromSlash(strings.TrimPrefix(rel, "/"))))
	if err != nil {
		t.Fatalf("sitetest: %v", err)
	}
	defer f.Close()
	doc, err := goquery.NewDocumentFromReader(f)
	if err != nil {
		t.Fatalf("sitetest: parsing %s: %v", rel, err)
	}
	return doc
}

// Export decodes the JSON file rel of a built site (e.g. "data/index.json")
// into v, reading only the fields v names: for tests that need a few
// fields of an export, where JSON checks every field.
func Export(t testing.TB, publicDir, rel string, v any) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(publicDir, filepath.FromSlash(strings.TrimPrefix(rel, "/"))))
	if err != nil {
		t.Fatalf("sitetest: %v", err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("sitetest: decoding %s: %v", rel, err)
	}
}

// ExportedInstrument is an instrument as a build's exports give it
// (/data/index.json, /data/<id>.json): whatever corpus the site was built
// from.
type ExportedInstrument struct {
	ID    string            `json:"id"`
	URL   map[string]string `json:"url"` // locale → address
	Parts []ExportedPart    `json:"-"`
}

// ExportedPart is a part as /data/<instrument>.json gives it.
type ExportedPart struct {
	Key  string            `json:"key"`
	Role string            `json:"role"`
	Text map[string]string `json:"text"` // locale → text
	URL  map[string]string `json:"url"`  // locale → address
}

// ExportedCorpus reads the instruments of a build, in order, with their
// parts, from its exports; it fails the test when there is none, or an
// instrument without parts.
func ExportedCorpus(t testing.TB, publicDir string) []ExportedInstrument {
	t.Helper()
	var index struct {
		Instruments []ExportedInstrument `json:"instruments"`
	}
	Export(t, publicDir, "data/index.json", &index)
	if len(index.Instruments) == 0 {
		t.Fatal("sitetest: the build exports no instrument")
	}
	for i := range index.Instruments {
		in := &index.Instruments[i]
		var text struct {
			Parts []ExportedPart `json:"parts"`
		}
		Export(t, publicDir, "data/"+in.ID+".json", &text)
		if len(text.Parts) == 0 {
			t.Fatalf("sitetest: instrument %s exports no part", in.ID)
		}
		in.Parts = text.Parts
	}
	return index.Instruments
}

// JSON decodes the JSON file at rel (relative to the public folder) into v;
// unknown fields are errors when v is a struct, as are trailing data.
func JSON(t testing.TB, publicDir, rel string, v any) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(publicDir, filepath.FromSlash(strings.TrimPrefix(rel, "/"))))
	if err != nil {
		t.Fatalf("sitetest: %v", err)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		t.Fatalf("sitetest: decoding %s: %v", rel, err)
	}
	if dec.More() {
		t.Fatalf("sitetest: %s: data after the JSON value", rel)
	}
}

// Exists reports whether rel (relative to the public folder) exists.
func Exists(publicDir, rel string) bool {
	_, err := os.Stat(filepath.Join(publicDir, filepath.FromSlash(strings.TrimPrefix(rel, "/"))))
	return err == nil
}

func repoRoot(t testing.TB) string {
	t.Helper()
	root, err := project.WorkingRoot()
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// copyTree copies a file or a folder recursively.
func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		if !d.Type().IsRegular() {
			return fmt.Errorf("%s: not a regular file", path)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
}

// GzipSize is the size of b compressed with gzip at the best compression,
// as a host would send it.
func GzipSize(b []byte) int {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	w.Write(b)
	w.Close()
	return buf.Len()
}
