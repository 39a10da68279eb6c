package ingest

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/annotated-data-initiatives/site/tools/internal/fileerr"
)

// editorForbiddenKeys are front-matter keys no editor's page may set: each would
// let it change where or how other pages are published (cascade reaches
// every page below it) or take another page's address.
var editorForbiddenKeys = []string{"url", "aliases", "cascade"}

// CheckEditorContent checks the editors' content folders (content/<lang>/)
// against what ingest publishes, so that nothing but ingest can publish a
// part, an instrument, a pair or a theme:
//   - no editor's file may have the path of a generated page, or lie in a
//     folder where ingest writes pages (an instrument, the pairs, the themes),
//     other than a section page (_index.md) that ingest does not write;
//   - no editor's file may lie in a folder named after a generated page type
//     (Hugo would give it that type), or set such a type or layout;
//   - no editor's page may set url, aliases or cascade, nor take a generated
//     page's translationKey (it would become its translation).
//
// Problems are sorted by file and line.
func CheckEditorContent(root string, r *Result) ([]*fileerr.Error, error) {
	var problems []*fileerr.Error
	keys := r.pageKeys
	for _, l := range r.Site.Languages {
		siteLang := l.Key
		gen := contentDir(siteLang)
		// The folders (first path segment) where ingest writes pages.
		owned := map[string]bool{}
		for p := range r.Files {
			if rel, ok := strings.CutPrefix(p, gen+"/"); ok {
				if dir, _, found := strings.Cut(rel, "/"); found {
					owned[dir] = true
				}
			}
		}
		base := filepath.Join(root, "content", siteLang)
		err := filepath.WalkDir(base, func(full string, d fs.DirEntry, err error) error {
			if err != nil {
				if errors.Is(err, fs.ErrNotExist) && full == base {
					return fs.SkipDir
				}
				return err
			}
			if d.IsDir() {
				return nil
			}
			rel, _ := filepath.Rel(base, full)
			rel = filepath.ToSlash(rel)
			file := path.Join("content", siteLang, rel)
			dir, _, inFolder := strings.Cut(rel, "/")
			switch {
			case r.Files[path.Join(gen, rel)] != nil:
				problems = append(problems, &fileerr.Error{File: file, Msg: fmt.Sprintf("ingest publishes this page (%s/%s); an editor's file cannot replace it", gen, rel)})
				return nil
			case inFolder && owned[dir] && path.Base(rel) != "_index.md":
				problems = append(problems, &fileerr.Error{File: file, Msg: fmt.Sprintf("only ingest publishes pages in %s/ (from %s); move this file elsewhere", dir, "sources/sources.toml")})
				return nil
			case inFolder && slices.Contains(GeneratedTypes, dir):
				problems = append(problems, &fileerr.Error{File: file, Msg: fmt.Sprintf("a folder named %q gives its pages the type of ingest's %s pages; rename it", dir, dir)})
				return nil
			}
			if !d.Type().IsRegular() {
				problems = append(problems, &fileerr.Error{File: file, Msg: "not a regular file"})
				return nil
			}
			if !strings.HasSuffix(rel, ".md") {
				return nil
			}
			data, err := os.ReadFile(full)
			if err != nil {
				return err
			}
			problems = append(problems, checkEditorFrontMatter(file, data, keys)...)
			return nil
		})
		if err != nil {
			return nil, fileerr.Rel(root, err)
		}
	}
	sort.SliceStable(problems, func(i, j int) bool {
		if problems[i].File != problems[j].File {
			return problems[i].File < problems[j].File
		}
		return problems[i].Line < problems[j].Line
	})
	return problems, nil
}

// checkEditorFrontMatter checks the TOML front matter (between +++ lines)
// of an editor's page. Malformed front matter is left to the notes checker
// and to Hugo, which report it.
func checkEditorFrontMatter(file string, data []byte, generatedKeys map[string]bool) []*fileerr.Error {
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	if !bytes.HasPrefix(data, []byte("+++\n")) && !bytes.HasPrefix(data, []byte("+++\r\n")) {
		return nil
	}
	var lines []string
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Scan()
	for sc.Scan() {
		if strings.TrimSpace(sc.Text()) == "+++" {
			break
		}
		lines = append(lines, sc.Text())
	}
	var fm map[string]any
	if _, err := toml.Decode(strings.Join(lines, "\n"), &fm); err != nil {
		return nil
	}
	idx := fileerr.IndexTOML([]byte(strings.Join(lines, "\n")))
	// The +++ line is line 1.
	lineOf := func(key string) int {
		if l := idx.Line(key); l > 0 {
			return l + 1
		}
		return 0
	}
	var out []*fileerr.Error
	for _, k := range editorForbiddenKeys {
		if _, ok := fm[k]; ok {
			out = append(out, &fileerr.Error{File: file, Line: lineOf(k), Msg: fmt.Sprintf("an editor's page cannot set %s (it could take the address of, or change, pages ingest publishes)", k)})
		}
	}
	for _, k := range []string{"type", "layout"} {
		if v, ok := fm[k].(string); ok && slices.Contains(GeneratedTypes, v) {
			out = append(out, &fileerr.Error{File: file, Line: lineOf(k), Msg: fmt.Sprintf("%s %q is ingest's alone: only ingest publishes %s pages", k, v, v)})
		}
	}
	if v, ok := fm["translationKey"].(string); ok && generatedKeys[v] {
		out = append(out, &fileerr.Error{File: file, Line: lineOf("translationKey"), Msg: fmt.Sprintf("translationKey %q is a page ingest publishes; an editor's page cannot be its translation", v)})
	}
	return out
}
