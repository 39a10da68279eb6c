package ingest

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// A part page's structured data is written by ingest as JSON: the part at
// its canonical address with its text, in its instrument, and its version
// in the other language as translation or original as config.toml's
// originalLanguage says; & and < are escaped so that the text cannot close
// the <script> element the head prints it in.
func TestPartJSONLD(t *testing.T) {
	root := pagedProject(t, "Portal menu\nWe agree.\n• States share data & keep it.\n", "Page 2 of 2\n\n• States protect data.\nFooter\n", "我们同意。\n各国共享数据。\n各国保护数据。\n")
	r, err := runProject(root)
	if err != nil {
		t.Fatal(err)
	}
	amp := false
	for _, l := range r.Site.Languages {
		file := "generated/content/" + l.Key + "/demo-2021/point_1.md"
		var page struct {
			Title  string
			Params struct {
				Text   string
				JSONLD string `toml:"jsonLD"`
			}
		}
		body, ok := strings.CutPrefix(string(r.Files[file]), "+++\n")
		fm, _, ok2 := strings.Cut(body, "+++\n")
		if !ok || !ok2 {
			t.Fatalf("%s: no front matter:\n%s", file, r.Files[file])
		}
		if _, err := toml.Decode(fm, &page); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		if strings.ContainsAny(page.Params.JSONLD, "&<>") {
			t.Errorf("%s: jsonLD has &, < or > unescaped: %s", file, page.Params.JSONLD)
		}
		var ld struct {
			ID       string `json:"@id"`
			Name     string `json:"name"`
			Text     string `json:"text"`
			Lang     string `json:"inLanguage"`
			IsPartOf struct {
				ID string `json:"@id"`
			} `json:"isPartOf"`
			TranslationOf *struct {
				ID string `json:"@id"`
			} `json:"translationOfWork"`
			Translations []struct {
				ID string `json:"@id"`
			} `json:"workTranslation"`
		}
		if err := json.Unmarshal([]byte(page.Params.JSONLD), &ld); err != nil {
			t.Fatalf("%s: jsonLD: %v", file, err)
		}
		if ld.ID != r.Site.Permalink(l, "demo-2021/point_1") || ld.Name != page.Title || ld.Text != page.Params.Text || ld.Lang != l.Locale {
			t.Errorf("%s: jsonLD names %q %q %q (%s), not the page", file, ld.ID, ld.Name, ld.Text, ld.Lang)
		}
		amp = amp || strings.Contains(ld.Text, "&")
		if ld.IsPartOf.ID != r.Site.Permalink(l, "demo-2021") {
			t.Errorf("%s: jsonLD is part of %q", file, ld.IsPartOf.ID)
		}
		for _, o := range r.Site.Languages {
			if o == l {
				continue
			}
			other := r.Site.Permalink(o, "demo-2021/point_1")
			switch {
			case o.Key == r.Site.OriginalLanguage:
				if ld.TranslationOf == nil || ld.TranslationOf.ID != other {
					t.Errorf("%s: jsonLD is not a translation of %s: %s", file, other, page.Params.JSONLD)
				}
			case l.Key == r.Site.OriginalLanguage:
				if len(ld.Translations) != 1 || ld.Translations[0].ID != other {
					t.Errorf("%s: jsonLD does not have %s as translation: %s", file, other, page.Params.JSONLD)
				}
			}
		}
	}
	if !amp {
		t.Error("no text kept its &: the escaping is not tested")
	}
}
