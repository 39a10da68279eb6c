package browser

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/annotated-data-initiatives/site/tools/internal/testenv"
)

func TestPageLoadsAndIsLogged(t *testing.T) {
	testenv.Slow(t, "a page load in Chromium")
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "index.html"), []byte(`<!doctype html><html lang="zh-Hans"><title>t</title><p id="p">数据安全</p><script src="x.js"></script>`), 0o644)
	os.WriteFile(filepath.Join(dir, "x.js"), []byte(`console.error("boom"); document.getElementById("p").dataset.ran = "yes";`), 0o644)
	base := Serve(t, dir)
	ctx, log := New(t, 1024, 768)
	var text, ran string
	if err := chromedp.Run(ctx,
		chromedp.Navigate(base+"/"),
		chromedp.Text("#p", &text),
		chromedp.AttributeValue("#p", "data-ran", &ran, nil),
	); err != nil {
		t.Fatal(err)
	}
	if text != "数据安全" || ran != "yes" {
		t.Errorf("text %q, script ran %q", text, ran)
	}
	reqs, errs := log.Snapshot()
	if len(reqs) < 2 || !strings.HasSuffix(reqs[1].URL, "/x.js") || reqs[1].Status != 200 {
		t.Errorf("requests %+v", reqs)
	}
	if len(errs) != 1 || !strings.Contains(errs[0], "boom") {
		t.Errorf("errors %q", errs)
	}
}
