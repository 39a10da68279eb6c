package sitetest

// Link previews: every indexable page names an image (og:image, absolute,
// with its size and alternative text) and a large Twitter card; each
// instrument and part has a card of its own, which ingest draws (package
// card), in a font that has every character its text needs.

import (
	"image"
	_ "image/jpeg"
	_ "image/png"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/annotated-data-initiatives/site/tools/internal/ingest"
	"github.com/annotated-data-initiatives/site/tools/internal/site"
)

// checkCards checks the link-preview meta of every indexable page of a
// build, and returns the image of each page (path → site-relative URL).
func checkCards(t *testing.T, public, base string, pages []builtPage) map[string]string {
	t.Helper()
	images := map[string]string{}
	for _, p := range pages {
		if !p.indexable() {
			continue
		}
		src := p.head(`meta[property="og:image"]`, "content")
		u, err := url.Parse(src)
		if src == "" || err != nil || !u.IsAbs() || !strings.HasPrefix(src, base) {
			t.Errorf("%s: og:image %q, want an absolute address on the site (%s)", p.path, src, base)
			continue
		}
		if got := p.head(`meta[name="twitter:card"]`, "content"); got != "summary_large_image" {
			t.Errorf("%s: twitter:card %q, want summary_large_image", p.path, got)
		}
		if p.head(`meta[property="og:image:alt"]`, "content") == "" {
			t.Errorf("%s: no og:image:alt", p.path)
		}
		// The image is published, and is as large as the page says.
		f, err := os.Open(filepath.Join(public, filepath.FromSlash(strings.TrimPrefix(u.Path, "/"))))
		if err != nil {
			t.Errorf("%s: og:image %s is not published: %v", p.path, src, err)
			continue
		}
		cfg, _, err := image.DecodeConfig(f)
		f.Close()
		if err != nil {
			t.Errorf("%s: og:image %s: %v", p.path, src, err)
			continue
		}
		w, _ := strconv.Atoi(p.head(`meta[property="og:image:width"]`, "content"))
		h, _ := strconv.Atoi(p.head(`meta[property="og:image:height"]`, "content"))
		if w != cfg.Width || h != cfg.Height {
			t.Errorf("%s: og:image:width and height %d × %d, the image is %d × %d", p.path, w, h, cfg.Width, cfg.Height)
		}
		// Large enough for summary_large_image, in its shape (1.91:1).
		if cfg.Width < 1200 || cfg.Width*100/cfg.Height != 190 {
			t.Errorf("%s: og:image is %d × %d, want at least 1200 wide at 1.91:1", p.path, cfg.Width, cfg.Height)
		}
		images[p.path] = u.Path
	}
	return images
}

func TestFixtureCards(t *testing.T) {
	public := fixtureSite(t)
	base := baseURL(t)
	pages := htmlPages(t, public)
	images := checkCards(t, public, base, pages)
	byPath := map[string]builtPage{}
	for _, p := range pages {
		byPath[p.path] = p
	}
	// Each instrument and each part has its own card, which names it.
	owner := map[string]string{}
	for _, in := range fixtureInstruments(t) {
		for l, lang := range langs {
			if !in.has[l] {
				continue
			}
			pagePaths := []string{"/" + lang.dir + "/" + in.id + "/"}
			for _, pt := range in.parts {
				pagePaths = append(pagePaths, "/"+lang.dir+"/"+pt.key+"/")
			}
			for i, path := range pagePaths {
				p, ok := byPath[path]
				if !ok {
					t.Errorf("%s: no page", path)
					continue
				}
				img := images[path]
				if img == "" {
					continue
				}
				if other, dup := owner[img]; dup {
					t.Errorf("%s has the card of %s (%s): want one per instrument and part", path, other, img)
				}
				owner[img] = path
				// The card names the page: the instrument's title, or
				// the part's heading.
				name := in.title[l]
				if i > 0 {
					name = strings.TrimSpace(p.doc.Find("main h1").First().Text())
				}
				if alt := p.head(`meta[property="og:image:alt"]`, "content"); !strings.Contains(alt, name) {
					t.Errorf("%s: og:image:alt %q does not name %q", path, alt, name)
				}
			}
		}
	}
	if len(owner) == 0 {
		t.Fatal("no instrument or part cards")
	}
}

// TestCardNeedsEveryGlyph: a card's text with a character its font lacks
// (which would be drawn as an empty box) stops ingest, which names the
// character, the font and the card.
func TestCardNeedsEveryGlyph(t *testing.T) {
	dir := t.TempDir()
	if err := copyTree(fixtureDir, dir); err != nil {
		t.Fatal(err)
	}
	s, err := site.Load(repoRoot(t))
	if err != nil {
		t.Fatal(err)
	}
	s.Languages[0].Title = "Data \U0001D538"
	_, err = ingest.RunWith(dir, ManifestPath, ingest.Options{Site: s})
	// The card, the font that lacks the glyph, and the glyph.
	if err == nil || !strings.Contains(err.Error(), "card") || !strings.Contains(err.Error(), filepath.Base(s.CardFont)) || !strings.Contains(err.Error(), "U+1D538") {
		t.Errorf("err = %v, want the card, the font and the missing glyph named", err)
	}
}

// TestRealCards: the real site's pages name their images as the fixture's
// do.
func TestRealCards(t *testing.T) {
	public := BuildShared(t, "real", RepoContent)
	checkCards(t, public, baseURL(t), htmlPages(t, public))
}
