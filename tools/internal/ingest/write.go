package ingest

import (
	"bufio"
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Change is one file that ingest would write or remove.
type Change struct {
	Path   string // relative to the project root, with forward slashes
	Action string // "create", "update" or "remove"
}

// Plan compares the generated files with what is on disk under root:
// files that are missing or differ, and generated files (those carrying
// Marker) that ingest no longer produces. Editor files are never listed.
func Plan(r *Result, root string) ([]Change, error) {
	var changes []Change
	for p, want := range r.Files {
		have, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(p)))
		switch {
		case errors.Is(err, fs.ErrNotExist):
			changes = append(changes, Change{p, "create"})
		case err != nil:
			return nil, err
		case !bytes.Equal(have, want):
			changes = append(changes, Change{p, "update"})
		}
	}
	stale, err := stale(root, r.Files)
	if err != nil {
		return nil, err
	}
	for _, p := range stale {
		changes = append(changes, Change{p, "remove"})
	}
	sort.Slice(changes, func(i, j int) bool { return changes[i].Path < changes[j].Path })
	return changes, nil
}

// Owned lists the generated files under root's content and data folders.
func Owned(root string) ([]string, error) { return stale(root, nil) }

// stale lists the generated files under root's content and data folders
// that are not in files. Only those are opened to look for Marker: the
// others were just read whole by Plan.
func stale(root string, files map[string][]byte) ([]string, error) {
	var owned []string
	for _, dir := range []string{"content", DataDir} {
		base := filepath.Join(root, dir)
		err := filepath.WalkDir(base, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if errors.Is(err, fs.ErrNotExist) && p == base {
					return fs.SkipDir
				}
				return err
			}
			if d.IsDir() || !(strings.HasSuffix(p, ".md") || strings.HasSuffix(p, ".toml")) {
				return nil
			}
			rel, _ := filepath.Rel(root, p)
			rel = filepath.ToSlash(rel)
			if _, ok := files[rel]; ok {
				return nil
			}
			gen, err := generated(p)
			if err != nil {
				return err
			}
			if gen {
				owned = append(owned, rel)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return owned, nil
}

// generated reports whether one of the first three lines of a file is Marker.
func generated(path string) (bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return false, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for i := 0; i < 3 && sc.Scan(); i++ {
		if sc.Text() == Marker {
			return true, nil
		}
	}
	return false, nil
}

// Apply carries out a plan: each file is written to a temporary file in its
// folder and renamed over the old one, so that a reader (or hugo server)
// never sees half a file.
func Apply(r *Result, root string, changes []Change) error {
	for _, c := range changes {
		full := filepath.Join(root, filepath.FromSlash(c.Path))
		if c.Action == "remove" {
			if err := os.Remove(full); err != nil {
				return err
			}
			continue
		}
		if err := WriteFileAtomic(full, r.Files[c.Path]); err != nil {
			return err
		}
	}
	return nil
}

// WriteFileAtomic writes data to path through a temporary file and a rename.
func WriteFileAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return err
	}
	name := tmp.Name()
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		os.Remove(name)
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(name)
		return err
	}
	if err := os.Chmod(name, 0o644); err != nil {
		os.Remove(name)
		return err
	}
	if err := os.Rename(name, path); err != nil {
		os.Remove(name)
		return err
	}
	return nil
}
