// Package gendir keeps the folder that only ingest writes, generated/:
// it compares what ingest would write with what is there (Plan), and
// replaces the folder whole (Apply): the next folder is written aside in
// .ingest/ and swapped in with one atomic exchange, under a lock, so that
// a failed or killed run leaves the old folder as it was, and a second run
// at the same time is refused. What a killed run leaves in .ingest/ is
// found by Leftovers and removed by RemoveLeftovers.
package gendir

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/annotated-data-initiatives/site/tools/internal/fileerr"
)

// Change is one file that ingest would write or remove.
type Change struct {
	Path   string // relative to the project root, with forward slashes
	Action string // "create", "update" or "remove"
}

// Dir is the folder ingest owns, relative to the project root. It holds
// every generated file and nothing else.
const Dir = "generated"

// workDir holds ingest's lock and, while a run writes, the next generated
// folder; it is ignored by git and by Hugo.
const workDir = ".ingest"

// Plan compares files (paths relative to root, all under Dir) with the
// folder on disk: files that are missing or differ, and files there that
// are not in files, whoever put them there. Nothing outside Dir is looked
// at.
func Plan(root string, files map[string][]byte) ([]Change, error) {
	var changes []Change
	onDisk := map[string]bool{}
	err := walk(root, func(rel string, d fs.DirEntry) error {
		want, ok := files[rel]
		if !ok || !d.Type().IsRegular() {
			changes = append(changes, Change{rel, "remove"})
			return nil
		}
		onDisk[rel] = true
		have, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(rel)))
		if err != nil {
			return err
		}
		if !bytes.Equal(have, want) {
			changes = append(changes, Change{rel, "update"})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for p := range files {
		if !onDisk[p] {
			changes = append(changes, Change{p, "create"})
		}
	}
	sort.Slice(changes, func(i, j int) bool { return changes[i].Path < changes[j].Path })
	return changes, nil
}

// Owned lists the files in the folder ingest owns, relative to root.
func Owned(root string) ([]string, error) {
	var owned []string
	err := walk(root, func(rel string, _ fs.DirEntry) error {
		owned = append(owned, rel)
		return nil
	})
	return owned, err
}

// walk calls fn with every file of Dir (anything but a folder), by its
// slash-separated path relative to root; a missing Dir has none.
func walk(root string, fn func(rel string, d fs.DirEntry) error) error {
	base := filepath.Join(root, Dir)
	err := filepath.WalkDir(base, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == base {
				return fs.SkipDir
			}
			return err
		}
		if d.IsDir() {
			return nil
		}
		rel, _ := filepath.Rel(root, p)
		return fn(filepath.ToSlash(rel), d)
	})
	return fileerr.Rel(root, err)
}

// Apply replaces the folder with files, whole: the new folder
// is written aside (in .ingest/) and swapped in with one rename, so that a
// failed or killed run leaves the old folder as it was, and Hugo never sees
// half a tree. A run holds .ingest/lock throughout: a second ingest at the
// same time is refused. When there are no changes nothing is written.
func Apply(root string, files map[string][]byte, changes []Change) (err error) {
	if len(changes) == 0 {
		return nil
	}
	unlock, err := Lock(root)
	if err != nil {
		return err
	}
	defer unlock()
	stage, err := os.MkdirTemp(filepath.Join(root, workDir), "next-")
	if err != nil {
		return fileerr.Rel(root, err)
	}
	defer func() {
		if rmErr := os.RemoveAll(stage); rmErr != nil && err == nil {
			err = fileerr.Rel(root, rmErr)
		}
	}()
	names := make([]string, 0, len(files))
	for p := range files {
		names = append(names, p)
	}
	sort.Strings(names)
	for _, p := range names {
		rel, ok := strings.CutPrefix(p, Dir+"/")
		if !ok {
			return fmt.Errorf("%s is outside %s/", p, Dir)
		}
		full := filepath.Join(stage, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return fileerr.Rel(root, err)
		}
		if err := writeFileSync(full, files[p]); err != nil {
			return fileerr.Rel(root, err)
		}
	}
	if err := syncDir(stage); err != nil {
		return fileerr.Rel(root, err)
	}
	// After the swap the old folder is at stage, removed by the deferred
	// RemoveAll.
	return fileerr.Rel(root, swapDir(stage, filepath.Join(root, Dir)))
}

// writeFileSync writes a file and flushes it to disk before the swap makes
// it visible, so that a crash cannot publish an empty file.
func writeFileSync(name string, data []byte) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func syncDir(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}

// Leftovers lists what an interrupted run left in .ingest/ (a folder being
// written when the run was killed), relative to root.
func Leftovers(root string) ([]string, error) {
	entries, err := os.ReadDir(filepath.Join(root, workDir))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fileerr.Rel(root, err)
	}
	var out []string
	for _, e := range entries {
		if e.Name() != lockName {
			out = append(out, path.Join(workDir, e.Name()))
		}
	}
	return out, nil
}

// RemoveLeftovers removes what Leftovers lists, under the lock so that a
// running ingest's folder is never taken for a leftover.
func RemoveLeftovers(root string) ([]string, error) {
	unlock, err := Lock(root)
	if err != nil {
		return nil, err
	}
	defer unlock()
	if err := restoreInterrupted(root); err != nil {
		return nil, err
	}
	left, err := Leftovers(root)
	if err != nil {
		return nil, err
	}
	for _, l := range left {
		if err := os.RemoveAll(filepath.Join(root, filepath.FromSlash(l))); err != nil {
			return nil, fileerr.Rel(root, err)
		}
	}
	return left, nil
}
