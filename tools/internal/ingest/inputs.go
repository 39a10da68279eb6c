package ingest

import (
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"
)

// inputs are the files and folders ingest reads, relative to the root:
// the manifest and captures, the editors' data files and notes, and the
// site's configuration and strings.
var inputs = []string{"sources", "data", "content", "config.toml", "i18n"}

// InputsStamp summarises the names, sizes and modification times of every
// file ingest reads, so that a watcher can tell when to run it again.
func InputsStamp(root string) string {
	var b strings.Builder
	for _, in := range inputs {
		filepath.WalkDir(filepath.Join(root, in), func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			if info, err := d.Info(); err == nil {
				fmt.Fprintf(&b, "%s %d %d\n", p, info.Size(), info.ModTime().UnixNano())
			}
			return nil
		})
	}
	return b.String()
}
