// Package search builds the site's static search index with Pagefind, the
// npm package the project pins in package.json (its Linux package carries
// the extended binary, which segments Chinese). There is no search server:
// the index is files next to the pages, one per language.
package search

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
)

// Binary is where npm installs Pagefind's launcher.
const Binary = "node_modules/.bin/pagefind"

// EnsureInstalled installs Pagefind when it is missing, saying so on
// stderr first (it takes a while), so that a fresh clone needs no extra
// step. It installs the dependencies of package.json, which are Pagefind
// alone, not the development dependencies (the test tools), with `npm ci`:
// exactly the versions of package-lock.json, which it never rewrites.
func EnsureInstalled(root string, stdout, stderr io.Writer) error {
	if _, err := os.Stat(filepath.Join(root, Binary)); err == nil {
		return nil
	}
	if _, err := exec.LookPath("npm"); err != nil {
		return fmt.Errorf("%s is missing and npm is not installed: install Node.js 20 and npm, then run 'npm ci'", Binary)
	}
	fmt.Fprintln(stderr, "installing Pagefind (npm, first run only)…")
	cmd := exec.Command("npm", "ci", "--omit=dev", "--no-audit", "--no-fund")
	cmd.Dir = root
	cmd.Stdout, cmd.Stderr = stdout, stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("npm ci --omit=dev failed: %v", err)
	}
	return nil
}

// IndexChunkUnits is the size of a chunk of Pagefind's word index, in
// Pagefind's units: one per word of a page, plus one per location of it
// and per change of weight. A search fetches the chunk that holds each of
// its words, so this bounds what each word of a query costs the reader.
//
// Pagefind's default, 20,000, makes chunks of about 31 KB gzip in Chinese,
// where a language segmented into short words has many units per byte,
// and of 25 KB in English: a query of five Chinese words fell in three
// chunks and fetched 93 KB of index, over the first search's budget on
// its own. At 6,000 a chunk is about 11 KB in Chinese and 8 KB in English,
// for 3% more index in all and about 100 bytes more of metadata.
//
// Pagefind 1.6 reads the size from PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE only;
// TestIndexChunkSize fails if the pinned version stops honouring it.
const IndexChunkUnits = 6000

// Index runs Pagefind over the built site in public and writes the index to
// output (default: public/pagefind).
func Index(root, public, output string, stdout, stderr io.Writer) error {
	if err := EnsureInstalled(root, stdout, stderr); err != nil {
		return err
	}
	args := []string{"--site", public}
	if output != "" {
		args = append(args, "--output-path", output)
	}
	cmd := exec.Command(filepath.Join(root, Binary), args...)
	cmd.Dir = root
	// Last, so that it wins over the same variable in the environment.
	cmd.Env = append(os.Environ(), fmt.Sprintf("PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE=%d", IndexChunkUnits))
	cmd.Stdout, cmd.Stderr = stdout, stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("pagefind failed: %v", err)
	}
	return nil
}
