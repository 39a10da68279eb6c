package ingest

import (
	"strings"
	"testing"
)

// TestTitleFollowsTheCapture: a title the authority capture spells in
// another case is refused at its line in the manifest; the capture's own
// spelling, or a capture without the title, passes.
func TestTitleFollowsTheCapture(t *testing.T) {
	manifest := strings.Replace(demoTwoCaptures, `layout = "single"
`, `layout = "single"
[[source.section]]
start = "^We agree"
`, 1)
	files := func(title string) map[string][]byte {
		return map[string][]byte{
			"sources/sources.toml": []byte(manifest),
			"sources/en.txt":       []byte(title + "\nWe agree.\nStates share data.\nStates protect data.\n"),
			"sources/zh.txt":       []byte("我们同意。\n各国共享数据。\n各国保护数据。\n"),
		}
	}
	_, err := runProject(project(t, files("Demo initiative")))
	want := `sources/sources.toml:6: instrument demo-2021: title.en "Demo Initiative" is spelled "Demo initiative" in its authority capture (sources/en.txt line 1); use the official spelling`
	if err == nil || err.Error() != want {
		t.Errorf("got  %v\nwant %s", err, want)
	}
	for _, title := range []string{"Demo Initiative", "A heading of the page"} {
		if _, err := runProject(project(t, files(title))); err != nil {
			t.Errorf("capture titled %q: %v", title, err)
		}
	}
}
