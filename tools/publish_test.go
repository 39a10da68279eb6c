package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"github.com/annotated-data-initiatives/site/tools/internal/testenv"
)

// storage is what a file is stored with on a deployment target.
type storage struct {
	CacheControl, ContentType string
	Gzip                      bool
}

// fingerprinted are the names Hugo's fingerprint gives CSS, JS and the
// search page's JSON.
var fingerprinted = regexp.MustCompile(`\.[0-9a-f]{64}\.(css|js|json)$`)

// pagefindChunk are Pagefind's hashed, gzip-compressed chunks.
var pagefindChunk = regexp.MustCompile(`^pagefind/.+\.pf_(fragment|index|meta|filter)$`)

// card is a link-preview image ingest drew, named after a hash of all it
// draws (tools/internal/card); imageFile is any image.
var (
	card      = regexp.MustCompile(`^cards/[0-9a-f]+\.png$`)
	imageFile = regexp.MustCompile(`\.(png|jpg|jpeg|webp|ico)$`)
)

// checkStorage reports what is wrong with how the file at rel (relative to
// public/) is stored: long and immutable caching only for names that
// change with their content, short for the others; gzip, except for what
// Pagefind compressed itself; the content types of the JSON, Pagefind's
// files, WebAssembly and the pages.
func checkStorage(rel string, s storage) []string {
	var bad []string
	immutable := fingerprinted.MatchString(rel) || pagefindChunk.MatchString(rel) || card.MatchString(rel)
	age := -1
	if m := regexp.MustCompile(`max-age=(\d+)`).FindStringSubmatch(s.CacheControl); m != nil {
		age, _ = strconv.Atoi(m[1])
	}
	switch {
	case immutable && (age < 365*24*3600 || !strings.Contains(s.CacheControl, "immutable")):
		bad = append(bad, "Cache-Control "+strconv.Quote(s.CacheControl)+", want a year and immutable")
	case !immutable && (age < 0 || age > 3600 || strings.Contains(s.CacheControl, "immutable")):
		bad = append(bad, "Cache-Control "+strconv.Quote(s.CacheControl)+", want an hour at most, not immutable")
	}
	preCompressed := pagefindChunk.MatchString(rel) || strings.HasSuffix(rel, ".pagefind")
	// Images are compressed already: stored as they are, as their type.
	image := imageFile.MatchString(rel)
	if s.Gzip == (preCompressed || image) {
		bad = append(bad, "gzip "+strconv.FormatBool(s.Gzip))
	}
	want := ""
	switch {
	case preCompressed:
		want = "application/octet-stream"
	case strings.HasSuffix(rel, ".json"):
		want = "application/json; charset=utf-8"
	case strings.HasSuffix(rel, ".wasm"):
		want = "application/wasm"
	case strings.HasSuffix(rel, ".html"):
		want = "text/html; charset=utf-8"
	}
	if want != "" && s.ContentType != want {
		bad = append(bad, "Content-Type "+strconv.Quote(s.ContentType)+", want "+want)
	}
	return bad
}

// TestDeployMatchers: config.toml's [deployment] gives each kind of file
// the site publishes its storage, the first matching matcher applying as
// in hugo deploy; its first target, the default of a bare `hugo deploy`,
// is a folder on this machine.
func TestDeployMatchers(t *testing.T) {
	var cfg struct {
		Deployment struct {
			Targets  []deployTarget `toml:"targets"`
			Matchers []struct {
				Pattern, CacheControl, ContentType string
				Gzip                               bool
			} `toml:"matchers"`
		} `toml:"deployment"`
	}
	if _, err := toml.DecodeFile("../config.toml", &cfg); err != nil {
		t.Fatal(err)
	}
	if ts := cfg.Deployment.Targets; len(ts) == 0 || !strings.HasPrefix(ts[0].URL, "file://") {
		t.Errorf("the first deployment target (hugo deploy's default) is %+v, want a file:// folder", ts)
	}
	hash := strings.Repeat("0123456789abcdef", 4)
	for _, rel := range []string{
		"index.html", "en/index.html", "zh/an-instrument/point_1/index.html", "404.html",
		"css/main.min." + hash + ".css", "js/search." + hash + ".js",
		"data/index.json", "data/an-instrument.json",
		"pagefind/pagefind.js", "pagefind/pagefind-ui.css", "pagefind/pagefind-entry.json",
		"pagefind/wasm.en.pagefind", "pagefind/wasm.unknown.pagefind",
		"pagefind/pagefind.en_38355e55eb.pf_meta", "pagefind/fragment/en_17c34ba.pf_fragment",
		"pagefind/index/zh-hans_1a2b3c4.pf_index", "pagefind/filter/en_032637b.pf_filter",
		"x/module.wasm", "sitemap.xml", "robots.txt", "favicon.svg",
		"cards/0123456789abcdef0123.png", "images/logo.png", "js/hans." + hash + ".json",
	} {
		var s *storage
		for _, m := range cfg.Deployment.Matchers {
			if regexp.MustCompile(m.Pattern).MatchString(rel) {
				s = &storage{m.CacheControl, m.ContentType, m.Gzip}
				break
			}
		}
		if s == nil {
			t.Errorf("%s: no matcher", rel)
			continue
		}
		for _, b := range checkStorage(rel, *s) {
			t.Errorf("%s: %s", rel, b)
		}
	}
}

// TestPublishToLocalBucket publishes a fresh clone to the default target,
// the file:// folder tmp/bucket: hugo deploy (Go Cloud's fileblob) writes
// each file there with a .attrs file beside it that records what a bucket
// would serve it with, which is read back here for every file built. A
// second publish uploads nothing.
func TestPublishToLocalBucket(t *testing.T) {
	testenv.Slow(t, "publish to a local file:// bucket (a build, and Hugo built with the withdeploy tag)")
	dir := cloneHead(t)
	// Pagefind as the repository has it, if it does (else build installs it).
	if nm, err := filepath.Abs("../node_modules"); err == nil {
		if _, err := os.Stat(filepath.Join(nm, ".bin", "pagefind")); err == nil {
			if err := os.Symlink(nm, filepath.Join(dir, "node_modules")); err != nil {
				t.Fatal(err)
			}
		}
	}
	// The site has no WebAssembly of its own: a module, for its type.
	write(t, dir, "static/test/module.wasm", []byte("\x00asm\x01\x00\x00\x00"))
	if code, stdout, stderr := runTools(t, "publish", "-root", dir, "-target", "local"); code != 0 {
		t.Fatalf("publish: exit %d\n%s%s", code, stdout, stderr)
	}
	public, bucket := filepath.Join(dir, "public"), filepath.Join(dir, "tmp", "bucket")
	kinds := map[string]int{}
	err := filepath.WalkDir(public, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(public, p)
		rel = filepath.ToSlash(rel)
		stored := filepath.Join(bucket, filepath.FromSlash(rel))
		if rel == "_headers" {
			if _, err := os.Stat(stored); err == nil {
				t.Errorf("_headers was uploaded")
			}
			return nil
		}
		var attrs struct {
			CacheControl    string `json:"user.cache_control"`
			ContentEncoding string `json:"user.content_encoding"`
			ContentType     string `json:"user.content_type"`
		}
		b, err := os.ReadFile(stored + ".attrs")
		if err != nil {
			t.Errorf("%s: not uploaded with its attributes: %v", rel, err)
			return nil
		}
		if err := json.Unmarshal(b, &attrs); err != nil {
			t.Fatalf("%s.attrs: %v", rel, err)
		}
		s := storage{attrs.CacheControl, attrs.ContentType, attrs.ContentEncoding == "gzip"}
		for _, b := range checkStorage(rel, s) {
			t.Errorf("%s: %s", rel, b)
		}
		// What a reader's browser gets back is the file built.
		want, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(stored)
		if err != nil {
			t.Fatal(err)
		}
		if s.Gzip {
			zr, err := gzip.NewReader(bytes.NewReader(got))
			if err != nil {
				t.Fatalf("%s: stored as gzip, but: %v", rel, err)
			}
			if got, err = io.ReadAll(zr); err != nil {
				t.Fatalf("%s: %v", rel, err)
			}
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: the stored file is not the file built", rel)
		}
		switch {
		case fingerprinted.MatchString(rel):
			kinds["fingerprinted CSS or JS"]++
		case pagefindChunk.MatchString(rel):
			kinds["Pagefind chunk"]++
		case strings.HasSuffix(rel, ".pagefind"):
			kinds["Pagefind WebAssembly"]++
		case strings.HasPrefix(rel, "data/") && strings.HasSuffix(rel, ".json"):
			kinds["JSON export"]++
		case strings.HasSuffix(rel, ".wasm"):
			kinds["WebAssembly"]++
		case strings.HasSuffix(rel, ".html"):
			kinds["page"]++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"fingerprinted CSS or JS", "Pagefind chunk", "Pagefind WebAssembly", "JSON export", "WebAssembly", "page"} {
		if kinds[k] == 0 {
			t.Errorf("no %s published", k)
		}
	}
	if code, stdout, stderr := runTools(t, "publish", "-root", dir, "-target", "local"); code != 0 || !strings.Contains(stdout+stderr, "No changes required") {
		t.Errorf("a second publish: exit %d, want no changes\n%s%s", code, stdout, stderr)
	}
}
