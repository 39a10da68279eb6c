package browser

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

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

// TestFreshTabHasAnEmptyCache: a script the server lets browsers keep for
// an hour is fetched again by a Fresh tab, and not by a plain second tab
// (the cache works, and Fresh empties it).
func TestFreshTabHasAnEmptyCache(t *testing.T) {
	testenv.Slow(t, "page loads in Chromium")
	var hits atomic.Int32
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		io.WriteString(w, `<!doctype html><html lang="en"><title>t</title><script src="/kept.js"></script>`)
	})
	mux.HandleFunc("/kept.js", func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Header().Set("Content-Type", "text/javascript")
		w.Header().Set("Cache-Control", "max-age=3600")
		io.WriteString(w, `document.title = "ran";`)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	parent := Start(t, 800, 600)
	load := func(ctx context.Context) {
		t.Helper()
		if err := chromedp.Run(ctx, chromedp.Navigate(srv.URL+"/")); err != nil {
			t.Fatal(err)
		}
	}
	first, _ := Fresh(t, parent)
	load(first)
	second, cancel := chromedp.NewContext(parent)
	defer cancel()
	load(second)
	if n := hits.Load(); n != 1 {
		t.Fatalf("the script was fetched %d times by two tabs, want once (kept in the cache)", n)
	}
	third, _ := Fresh(t, parent)
	load(third)
	if n := hits.Load(); n != 2 {
		t.Errorf("the script was fetched %d times after a Fresh tab, want 2", n)
	}
}

// TestBrowserLeavesNoFiles: a browser started, used and stopped leaves
// nothing in the temporary folder: neither Chromium's singleton folder
// nor its profile, which its network process writes as it shuts down.
func TestBrowserLeavesNoFiles(t *testing.T) {
	testenv.Slow(t, "a browser in Chromium")
	site := t.TempDir()
	os.WriteFile(filepath.Join(site, "index.html"), []byte(`<!doctype html><html lang="en"><title>t</title><script src="x.js"></script>`), 0o644)
	os.WriteFile(filepath.Join(site, "x.js"), []byte(`document.title = "ran";`), 0o644)
	base := Serve(t, site)
	// Not t.TempDir, whose path is too long for the Unix socket Chromium
	// makes below it (108 bytes at most).
	tmp, err := os.MkdirTemp("", "b")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(tmp) })
	t.Setenv("TMPDIR", tmp)
	t.Run("browse", func(t *testing.T) {
		// A page and a script, which Chromium keeps in its disk cache.
		ctx := Start(t, 800, 600)
		if err := chromedp.Run(ctx, chromedp.Navigate(base+"/")); err != nil {
			t.Fatal(err)
		}
	})
	// What Chromium's processes may still write once it has exited.
	time.Sleep(500 * time.Millisecond)
	left, err := os.ReadDir(tmp)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range left {
		t.Errorf("left in the temporary folder: %s", e.Name())
	}
}
