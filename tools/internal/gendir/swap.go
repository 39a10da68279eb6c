package gendir

import (
	"os"
	"path/filepath"

	"github.com/annotated-data-initiatives/site/tools/internal/fileerr"
)

// oldSuffix marks the previous generated folder while swapByRenames moves
// it aside. If a run is killed between its two renames, dir is missing and
// restoreInterrupted puts the old folder back.
const oldSuffix = ".old"

// swapByRenames moves dir aside, next into its place, and the old folder to
// next. Between the first two renames dir does not exist for an instant.
func swapByRenames(next, dir string) error {
	old := next + oldSuffix
	if err := os.Rename(dir, old); err != nil {
		return err
	}
	if err := os.Rename(next, dir); err != nil {
		os.Rename(old, dir)
		return err
	}
	return os.Rename(old, next)
}

// restoreInterrupted puts back a generated folder that swapByRenames had
// moved aside when its run was killed, if the project has none.
func restoreInterrupted(root string) error {
	dir := filepath.Join(root, Dir)
	if _, err := os.Lstat(dir); err == nil {
		return nil
	}
	olds, _ := filepath.Glob(filepath.Join(root, workDir, "*"+oldSuffix))
	if len(olds) == 0 {
		return nil
	}
	return fileerr.Rel(root, os.Rename(olds[0], dir))
}
