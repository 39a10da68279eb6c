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

// EnsureInstalled installs the npm packages of package-lock.json when
// Pagefind is missing, saying so, so that a fresh clone needs no extra step.
// It runs `npm install`, which keeps to the lock file: `npm ci` refuses it,
// because the registry this project uses lacks Pagefind's packages for
// other platforms, which the lock file therefore cannot list.
func EnsureInstalled(root string, stdout, stderr io.Writer) error {
	if _, err := os.Stat(filepath.Join(root, Binary)); err == nil {
		return nil
	}
	if _, err := exec.LookPath("npm"); err != nil {
		return fmt.Errorf("%s is missing and npm is not installed: install Node.js 20 and npm, then run 'npm install'", Binary)
	}
	fmt.Fprintln(stdout, "search: Pagefind is not installed; running 'npm install' (once)")
	cmd := exec.Command("npm", "install", "--no-audit", "--no-fund")
	cmd.Dir = root
	cmd.Stdout, cmd.Stderr = stdout, stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("npm install failed: %v", err)
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
