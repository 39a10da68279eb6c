package ingest

import (
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// TestContentModelDocumented: docs/content-model.md names every field the
// Go types write and every parameter a layout reads, so that the format has
// one description and templates read nothing it does not document.
func TestContentModelDocumented(t *testing.T) {
	doc, err := os.ReadFile("../../../docs/content-model.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(doc)
	for _, v := range []any{InstrumentPage{}, PartPage{}, PairPage{}, ThemePage{}} {
		for _, f := range tomlFields(reflect.TypeOf(v), "") {
			// Top-level and params fields by their whole name; the fields
			// of tables inside params (reported, diff, columns) by name.
			want := "`" + f + "`"
			if strings.Count(f, ".") > 1 {
				want = "`" + f[strings.LastIndex(f, ".")+1:] + "`"
			}
			if !strings.Contains(text, want) && !strings.Contains(text, strings.TrimSuffix(want, "`")+"`,") {
				t.Errorf("%T: field %s is not documented (want %s in docs/content-model.md)", v, f, want)
			}
		}
	}
	params := regexp.MustCompile(`\.Params\.([A-Za-z_]+)`)
	err = filepath.WalkDir("../../../layouts", func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, m := range params.FindAllStringSubmatch(string(b), -1) {
			if !strings.Contains(text, "params."+m[1]+"`") {
				t.Errorf("%s reads .Params.%s, which docs/content-model.md does not document", filepath.Base(p), m[1])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// tomlFields lists the TOML paths of a struct's fields, dotted ("title",
// "params.text", "params.reported.source").
func tomlFields(t reflect.Type, prefix string) []string {
	var out []string
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("toml"), ",")
		if name == "" || name == "-" {
			continue
		}
		if name == "params" {
			out = append(out, tomlFields(f.Type, "params.")...)
			continue
		}
		out = append(out, prefix+name)
		ft := f.Type
		for ft.Kind() == reflect.Slice || ft.Kind() == reflect.Map {
			ft = ft.Elem()
		}
		if ft.Kind() == reflect.Struct {
			out = append(out, tomlFields(ft, prefix+name+".")...)
		}
	}
	return out
}
