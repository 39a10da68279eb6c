package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/annotated-data-initiatives/site/tools/internal/sitetest"
)

// TestPreviewBanner: serve's check step (previewCheck, run at start and on
// every change) writes what it found for the preview's banner, each
// problem at its file:line, errors first; a development build (the
// environment hugo server renders in) shows the banner on the pages, and
// a production build of the same project, with the same .preview/ data,
// shows none.
func TestPreviewBanner(t *testing.T) {
	fixture := filepath.Join("internal", "sitetest", "testdata", "fixture")
	root := t.TempDir()
	if err := os.CopyFS(root, os.DirFS(fixture)); err != nil {
		t.Fatal(err)
	}
	write(t, root, "go.mod", []byte("module scratch\n"))
	for _, f := range siteConfig {
		b, err := os.ReadFile("../" + f)
		if err != nil {
			t.Fatal(err)
		}
		write(t, root, f, b)
	}
	// The fixture's note, quoting words its part does not have.
	const notePath = "content/en/notes/sample.md"
	note := read(t, root, notePath)
	const quote = "words no part of the fixture has"
	broken := strings.Replace(note, "parts = [", "quote = \""+quote+"\"\nparts = [", 1)
	line := strings.Index(broken, "quote = ")
	if broken == note || line < 0 {
		t.Fatalf("the fixture's note has no parts = [...]:\n%s", note)
	}
	line = strings.Count(broken[:line], "\n") + 1
	write(t, root, notePath, []byte(broken))

	var stdout, stderr bytes.Buffer
	previewCheck(root, &stdout, &stderr)
	data := read(t, root, previewDir+"/data/"+previewCheckFile)
	var rec previewRecord
	if err := json.Unmarshal([]byte(data), &rec); err != nil {
		t.Fatalf("%s: %v", previewCheckFile, err)
	}
	want := fmt.Sprintf("%s:%d", notePath, line)
	var found *previewProblem
	for i, p := range rec.Problems {
		if p.At == want && p.Level == "error" && strings.Contains(p.What, quote) {
			found = &rec.Problems[i]
		}
		if i < rec.Errors && p.Level != "error" || i >= rec.Errors && p.Level == "error" {
			t.Errorf("problem %d is a %s; the %d errors come first: %+v", i, p.Level, rec.Errors, rec.Problems)
		}
	}
	if found == nil || rec.Errors < 1 {
		t.Fatalf("the preview's record has no error at %s quoting %q:\n%s\nserve printed:\n%s", want, quote, data, stderr.String())
	}

	files := func(testing.TB) map[string]string {
		return map[string]string{notePath: broken, previewDir + "/data/" + previewCheckFile: data}
	}
	t.Setenv("HUGO_ENVIRONMENT", "development")
	dev := sitetest.BuildProject(t, "preview-development", fixture, files)
	for _, page := range []string{"/en/", "/zh/", "/en/notes/"} {
		banner := sitetest.HTML(t, dev, page).Find("aside.preview-problems")
		if banner.Length() != 1 {
			t.Errorf("development build, %s: %d banners, want 1", page, banner.Length())
			continue
		}
		if items := banner.Find("li").FilterFunction(func(_ int, li *goquery.Selection) bool {
			return li.Find("code").Text() == want && strings.Contains(li.Text(), found.What)
		}); items.Length() != 1 {
			t.Errorf("development build, %s: the banner does not name %s and %q once:\n%s", page, want, found.What, banner.Text())
		}
	}

	t.Setenv("HUGO_ENVIRONMENT", "production")
	prod := sitetest.BuildProject(t, "preview-production", fixture, files)
	pages := 0
	filepath.WalkDir(prod, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		pages++
		if b, err := os.ReadFile(p); err != nil || bytes.Contains(b, []byte("preview-problems")) {
			t.Errorf("production build: %s has the preview's banner (%v)", p, err)
		}
		return nil
	})
	if pages == 0 {
		t.Error("production build: no pages")
	}
}
