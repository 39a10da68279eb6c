package gendir

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// swapDir puts the folder next in place of dir in one step: Linux exchanges
// the two names atomically (renameat2 RENAME_EXCHANGE), so dir always names
// a whole folder, the old or the new. The old folder is left at next. When
// dir does not exist yet, next is renamed to it.
func swapDir(next, dir string) error {
	if _, err := os.Lstat(dir); errors.Is(err, os.ErrNotExist) {
		return os.Rename(next, dir)
	}
	err := unix.Renameat2(unix.AT_FDCWD, next, unix.AT_FDCWD, dir, unix.RENAME_EXCHANGE)
	if errors.Is(err, unix.ENOSYS) || errors.Is(err, unix.EINVAL) {
		// A file system without the exchange: two renames.
		return swapByRenames(next, dir)
	}
	if err != nil {
		return &os.LinkError{Op: "exchange", Old: next, New: dir, Err: err}
	}
	return nil
}
