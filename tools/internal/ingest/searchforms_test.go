package ingest

import (
	"maps"
	"testing"

	"github.com/annotated-data-initiatives/site/tools/internal/notes"
)

// TestSearchData: each Traditional character of the texts' Traditional
// forms (OpenCC's and Taiwan's) maps to the Simplified character it stands
// for; one the texts more often write as it is stays out; text without
// Han characters adds nothing.
func TestSearchData(t *testing.T) {
	r := &Result{opts: Options{}.withDefaults(), Notes: []*notes.Note{
		{Lang: "zh-Hans", Title: "数据流动", Body: "为了 data。"},
		{Lang: "zh-Hans", Title: "乾隆", Body: "乾隆与干燥。"},
		{Lang: "en", Title: "Data", Body: "flows"},
	}}
	want := map[string]string{"數": "数", "據": "据", "動": "动", "爲": "为", "為": "为", "與": "与"}
	if got := r.searchData().Hans; !maps.Equal(got, want) {
		t.Errorf("hans = %q, want %q", got, want)
	}
}
