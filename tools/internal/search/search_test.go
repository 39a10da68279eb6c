package search

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/annotated-data-initiatives/site/tools/internal/project"
	"github.com/annotated-data-initiatives/site/tools/internal/testenv"
)

// TestIndexChunkSize: Index cuts the word index into chunks of
// IndexChunkUnits, not Pagefind's default of 20,000, on a site whose
// units are counted here: each of its pages holds words that no other
// page has, each once, which is two units a word (the word on the page
// and its one location) and one more for the page's change of weight.
func TestIndexChunkSize(t *testing.T) {
	testenv.Slow(t, "indexes a site with Pagefind")
	root, err := project.WorkingRoot()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, Binary)); err != nil {
		testenv.Missing(t, Binary+" not installed (npm ci); skipping")
	}
	const pages, words = 40, 300
	site := t.TempDir()
	for p := range pages {
		var b strings.Builder
		for w := range words {
			fmt.Fprintf(&b, "w%dx%d ", p, w)
		}
		dir := filepath.Join(site, fmt.Sprintf("p%d", p))
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		html := `<!doctype html><html lang="en"><head><title>p</title></head><body><main data-pagefind-body><p>` + b.String() + `</p></main></body></html>`
		if err := os.WriteFile(filepath.Join(dir, "index.html"), []byte(html), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv("PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE", "20000") // Index's own wins
	out := filepath.Join(t.TempDir(), "pagefind")
	if err := Index(root, site, out, io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	chunks, err := filepath.Glob(filepath.Join(out, "index", "*.pf_index"))
	if err != nil {
		t.Fatal(err)
	}
	units := pages * words * 3
	// A chunk closes once it reaches the size, so each holds at least
	// IndexChunkUnits and the last one less.
	min, max := units/(IndexChunkUnits+3*2), units/IndexChunkUnits+1
	if len(chunks) < min || len(chunks) > max {
		t.Errorf("%d units in %d chunks, want %d to %d (chunks of %d units)", units, len(chunks), min, max, IndexChunkUnits)
	}
}
