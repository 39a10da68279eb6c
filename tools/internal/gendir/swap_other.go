//go:build !linux

package gendir

import (
	"errors"
	"os"
)

// swapDir puts the folder next in place of dir; the old folder is left at
// next. Without an atomic exchange this takes two renames (swapByRenames).
func swapDir(next, dir string) error {
	if _, err := os.Lstat(dir); errors.Is(err, os.ErrNotExist) {
		return os.Rename(next, dir)
	}
	return swapByRenames(next, dir)
}
