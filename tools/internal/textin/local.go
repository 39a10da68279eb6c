package textin

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// CheckLocal says why file, a capture's path from the manifest, may not be
// read from dir, or returns nil. The build reads only what is in the
// project: the path must be relative and stay inside dir (no "..", not
// absolute), and neither the file nor a folder on the way may be a
// symbolic link, which could point anywhere and change what is published
// without a change to the project. shown is dir as messages name it.
func CheckLocal(dir, shown, file string) error {
	if file == "" || strings.Contains(file, `\`) || !filepath.IsLocal(filepath.FromSlash(file)) || path.Clean(file) != file {
		return fmt.Errorf("file %q leaves %s/: name a file inside it, with / between folders", file, shown)
	}
	p := dir
	parts := strings.Split(file, "/")
	for i, part := range parts {
		p = filepath.Join(p, part)
		name := shown + "/" + strings.Join(parts[:i+1], "/")
		info, err := os.Lstat(p)
		if err != nil {
			var pe *fs.PathError
			if errors.As(err, &pe) {
				err = pe.Err
			}
			return fmt.Errorf("file %s: %v", name, err)
		}
		switch {
		case info.Mode()&fs.ModeSymlink != 0:
			return fmt.Errorf("%s is a symbolic link; copy the capture into %s/ instead", name, shown)
		case i < len(parts)-1 && !info.IsDir():
			return fmt.Errorf("file %s: not a folder", name)
		case i == len(parts)-1 && !info.Mode().IsRegular():
			return fmt.Errorf("%s is not a regular file", name)
		}
	}
	return nil
}

// ReadLocal reads a capture that CheckLocal accepts, through an os.Root so
// that nothing outside dir is read even if the folder changes meanwhile.
func ReadLocal(dir, shown, file string) ([]byte, error) {
	if err := CheckLocal(dir, shown, file); err != nil {
		return nil, err
	}
	r, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return r.ReadFile(filepath.FromSlash(file))
}
