//go:build !unix

package gendir

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/annotated-data-initiatives/site/tools/internal/fileerr"
)

const lockName = "lock"

// Lock takes ingest's lock (.ingest/lock) for the project at root: here a
// file created exclusively and removed on release. A run killed while
// holding it leaves it behind; the message says to remove it.
func Lock(root string) (unlock func(), err error) {
	dir := filepath.Join(root, workDir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fileerr.Rel(root, err)
	}
	name := filepath.Join(dir, lockName)
	f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return nil, fmt.Errorf("%s/%s: another ingest is running in this project (or one was killed: then remove this file)", workDir, lockName)
	}
	if err != nil {
		return nil, fileerr.Rel(root, err)
	}
	f.Close()
	return func() { os.Remove(name) }, nil
}
