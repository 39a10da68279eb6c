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
	cmd.Stdout, cmd.Stderr = stdout, stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("pagefind failed: %v", err)
	}
	return nil
}
