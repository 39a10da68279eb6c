//go:build unix

package gendir

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"

	"github.com/annotated-data-initiatives/site/tools/internal/fileerr"
)

const lockName = "lock"

// Lock takes ingest's lock (.ingest/lock) for the project at root and
// returns its release. The lock is an flock on the file, which the system
// drops when the process ends, however it ends: a killed run never leaves
// the project locked. A second run while one holds it is refused.
func Lock(root string) (unlock func(), err error) {
	dir := filepath.Join(root, workDir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fileerr.Rel(root, err)
	}
	f, err := os.OpenFile(filepath.Join(dir, lockName), os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fileerr.Rel(root, err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("%s/%s: another ingest is running in this project; wait for it to finish", workDir, lockName)
		}
		return nil, fmt.Errorf("%s/%s: %v", workDir, lockName, err)
	}
	return func() {
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}, nil
}
