package gates

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/annotated-data-initiatives/site/tools/internal/browser"
	"github.com/annotated-data-initiatives/site/tools/internal/project"
	"github.com/annotated-data-initiatives/site/tools/internal/search"
	"github.com/annotated-data-initiatives/site/tools/internal/sitetest"
	"github.com/annotated-data-initiatives/site/tools/internal/testenv"
)

// known is an accepted finding of axe-core or the Nu checker that the site
// cannot fix yet: page is a path.Match pattern on the URL path (e.g.
// "/*/compare/"), rule the axe rule id or the start of the Nu message.
// Anything not listed fails the gate; entries no longer found are logged.
type known struct{ page, rule, reason string }

// knownViolations are the accepted axe-core violations.
var knownViolations = []known{}

// knownErrors are the accepted Nu HTML checker errors.
var knownErrors = []known{}

func (k known) matches(pagePath, rule string) bool {
	ok, _ := path.Match(k.page, pagePath)
	return ok && strings.HasPrefix(rule, k.rule)
}

// accepted reports whether a finding is listed, marking the entry used.
func accepted(list []known, used map[int]bool, pagePath, rule string) bool {
	for i, k := range list {
		if k.matches(pagePath, rule) {
			used[i] = true
			return true
		}
	}
	return false
}

func logUnused(t *testing.T, name string, list []known, used map[int]bool) {
	for i, k := range list {
		if !used[i] {
			t.Logf("%s entry %q on %s no longer occurs: remove it", name, k.rule, k.page)
		}
	}
}

func TestMain(m *testing.M) { os.Exit(sitetest.RunShared(m)) }

// TestGates builds the real site and the site tests' fixture (four
// instruments: bilingual ones, one in English only, one in Chinese only)
// and runs every gate on each: the gates hold for any corpus, not only the
// one published.
func TestGates(t *testing.T) {
	testenv.Slow(t, "the browser gates (every page in Chromium, axe-core, the Nu checker, Lighthouse)")
	root, err := project.WorkingRoot()
	if err != nil {
		t.Fatal(err)
	}
	// The fixture has no screenshots (they are for people to look at) and
	// Lighthouse audits only its comparison, whose table has a column per
	// instrument: the real site's pages of each kind cover the rest.
	corpora := []struct {
		name        string
		build       func(t *testing.T) string
		screenshots bool
		lighthouse  func(pages []lighthousePage) []lighthousePage
	}{
		{"real", func(t *testing.T) string { return sitetest.BuildSite(t, sitetest.RepoContent(t)) }, true, nil},
		{"fixture", func(t *testing.T) string {
			return sitetest.BuildProject(t, "fixture", filepath.Join(root, sitetest.FixtureDir), nil)
		}, false, func(pages []lighthousePage) []lighthousePage {
			return slices.DeleteFunc(pages, func(p lighthousePage) bool { return p.name != "compare" })
		}},
	}
	for _, c := range corpora {
		t.Run(c.name, func(t *testing.T) {
			start := time.Now()
			public := c.build(t)
			if err := search.Index(root, public, "", &bytes.Buffer{}, &bytes.Buffer{}); err != nil {
				t.Fatal(err)
			}
			t.Logf("site built and indexed in %s", time.Since(start).Round(time.Millisecond))
			t.Run("html", func(t *testing.T) { testHTML(t, root, public) })
			if browser.Path() == "" {
				testenv.Missing(t, "chromium not installed (Debian: apt-get install chromium fonts-noto-cjk); skipping browser gates (page loads, CSP, axe-core, screenshots, Lighthouse)")
			}
			base := browser.Serve(t, public)
			t.Run("pages", func(t *testing.T) { testPages(t, root, public, base) })
			t.Run("phone search", func(t *testing.T) { testPhoneSearch(t, root, base, searchPaths(t, public)) })
			if c.screenshots {
				t.Run("screenshots", func(t *testing.T) { testScreenshots(t, public, base) })
			}
			t.Run("lighthouse", func(t *testing.T) { testLighthouse(t, root, public, base, c.lighthouse) })
			t.Logf("all gates in %s", time.Since(start).Round(time.Millisecond))
		})
	}
}

// corpusPages are pages of the corpus the site was built from, as its
// exports (/data/index.json, /data/<id>.json) list them: the first
// instrument's page in English, and the heaviest page (largest index.html,
// in any language) of its parts. Paths begin with the language.
type corpusPages struct{ instrument, part string }

func builtPages(t testing.TB, public string) corpusPages {
	t.Helper()
	in := sitetest.ExportedCorpus(t, public)[0]
	var c corpusPages
	for l, u := range in.URL {
		if strings.HasPrefix(l, "en") {
			c.instrument = urlPath(t, u)
		}
	}
	if c.instrument == "" {
		t.Fatalf("instrument %s has no English page", in.ID)
	}
	var heaviest int64 = -1
	for _, p := range in.Parts {
		for _, u := range p.URL {
			path := urlPath(t, u)
			fi, err := os.Stat(filepath.Join(public, filepath.FromSlash(path), "index.html"))
			if err != nil {
				t.Fatalf("part page %s: %v", path, err)
			}
			if fi.Size() > heaviest || fi.Size() == heaviest && path < c.part {
				heaviest, c.part = fi.Size(), path
			}
		}
	}
	if c.part == "" {
		t.Fatalf("instrument %s has no part page", in.ID)
	}
	return c
}

// withoutLang drops the language, the first segment, of a path.
func withoutLang(p string) string {
	_, rest, _ := strings.Cut(strings.TrimPrefix(p, "/"), "/")
	return "/" + rest
}

// sitemapPaths returns the URL paths listed in the per-language sitemaps
// that public/sitemap.xml points to.
func sitemapPaths(t *testing.T, public string) []string {
	t.Helper()
	var index struct {
		Locs []string `xml:"sitemap>loc"`
	}
	readXML(t, filepath.Join(public, "sitemap.xml"), &index)
	if len(index.Locs) < 2 {
		t.Fatalf("sitemap.xml lists %d sitemaps, want one per language", len(index.Locs))
	}
	var paths []string
	for _, loc := range index.Locs {
		var set struct {
			Locs []string `xml:"url>loc"`
		}
		readXML(t, filepath.Join(public, filepath.FromSlash(urlPath(t, loc))), &set)
		if len(set.Locs) == 0 {
			t.Errorf("%s lists no page", loc)
		}
		for _, l := range set.Locs {
			paths = append(paths, urlPath(t, l))
		}
	}
	slices.Sort(paths)
	return slices.Compact(paths)
}

func readXML(t *testing.T, file string, v any) {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := xml.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
}

func urlPath(t testing.TB, s string) string {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u.Path
}

// recorder is what one tab did while loading a page.
type recorder struct {
	mu       sync.Mutex
	requests map[network.RequestID]*request
	order    []network.RequestID
	errors   []string
}

type request struct {
	url, failed string
	status      int64
}

func (r *recorder) reset() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.requests, r.order, r.errors = map[network.RequestID]*request{}, nil, nil
}

func (r *recorder) handle(ev any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	switch e := ev.(type) {
	case *network.EventRequestWillBeSent:
		if _, ok := r.requests[e.RequestID]; !ok {
			r.order = append(r.order, e.RequestID)
		}
		r.requests[e.RequestID] = &request{url: e.Request.URL}
	case *network.EventResponseReceived:
		if q := r.requests[e.RequestID]; q != nil {
			q.status = e.Response.Status
		}
	case *network.EventLoadingFailed:
		if q := r.requests[e.RequestID]; q != nil {
			q.failed = e.ErrorText
			if e.BlockedReason != "" {
				q.failed += " (blocked: " + e.BlockedReason.String() + ")"
			}
		}
	case *runtime.EventConsoleAPICalled:
		if e.Type == runtime.APITypeError || e.Type == runtime.APITypeAssert {
			var msg []string
			for _, a := range e.Args {
				msg = append(msg, strings.TrimSpace(string(a.Value)+" "+a.Description))
			}
			r.errors = append(r.errors, "console.error: "+strings.Join(msg, " "))
		}
	case *runtime.EventExceptionThrown:
		r.errors = append(r.errors, "uncaught exception: "+e.ExceptionDetails.Error())
	case *log.EventEntryAdded:
		// The browser's own messages: CSP refusals, failed loads, deprecations.
		if e.Entry.Level == log.LevelError || strings.HasPrefix(e.Entry.Text, "Refused to") {
			r.errors = append(r.errors, "browser "+e.Entry.Source.String()+": "+e.Entry.Text+" "+e.Entry.URL)
		}
	}
}

// problems lists what went wrong on the page: failed requests, error
// statuses, requests to another host and the recorded errors.
func (r *recorder) problems(base string) []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []string
	for _, id := range r.order {
		q := r.requests[id]
		switch {
		case strings.HasPrefix(q.url, "data:"):
			continue
		case !strings.HasPrefix(q.url, base+"/"):
			out = append(out, "request to another host: "+q.url)
		case q.failed != "":
			out = append(out, "request failed: "+q.url+": "+q.failed)
		case q.status >= 400:
			out = append(out, fmt.Sprintf("request %s: HTTP %d", q.url, q.status))
		}
	}
	return append(out, r.errors...)
}

// cspListener records securitypolicyviolation events from the first script
// the page runs; scripts injected this way are not subject to the page's CSP.
const cspListener = `window.__gateCSP = [];
document.addEventListener("securitypolicyviolation", e => window.__gateCSP.push(
	e.effectiveDirective + " blocked " + (e.blockedURI || "inline") + " in " + e.sourceFile + ":" + e.lineNumber));`

const axeRun = `axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}, resultTypes: ["violations"]})
	.then(r => r.violations.map(v => ({id: v.id, help: v.help, nodes: v.nodes.map(n => ({target: n.target.join(" "), message: n.failureSummary}))})))`

type violation struct {
	ID    string `json:"id"`
	Help  string `json:"help"`
	Nodes []struct {
		Target  string `json:"target"`
		Message string `json:"message"`
	} `json:"nodes"`
}

// pageResult is what the gates found on one page.
type pageResult struct {
	path       string
	load, axe  time.Duration
	problems   []string
	violations []violation
}

// testPages loads every page of the sitemaps, and each language's search
// page with a query (which loads Pagefind's WebAssembly), in a few tabs of
// one browser, and checks what each did; then runs axe-core on it.
func testPages(t *testing.T, root, public, base string) {
	start := time.Now()
	axeSrc, err := os.ReadFile(filepath.Join(root, "node_modules", "axe-core", "axe.min.js"))
	if err != nil {
		t.Fatalf("axe-core missing (run npm install): %v", err)
	}
	paths := sitemapPaths(t, public)
	// The sitemaps' completeness is the site tests' (checkSitemap); here
	// they only must not be empty.
	if len(paths) == 0 {
		t.Fatal("the sitemaps list no page")
	}
	// The search pages, kept out of the sitemaps (noindex), empty and with
	// a query, which loads Pagefind's WebAssembly.
	for _, q := range searchPaths(t, public) {
		u, _, _ := strings.Cut(q, "?")
		paths = append(paths, u, q)
	}
	parent := newBrowser(t)

	const workers = 4
	jobs := make(chan string)
	results := make(chan pageResult)
	var wg sync.WaitGroup
	for range workers {
		tab, cancel := chromedp.NewContext(parent)
		t.Cleanup(cancel)
		rec := &recorder{}
		rec.reset()
		chromedp.ListenTarget(tab, rec.handle)
		if err := chromedp.Run(tab, network.Enable(), log.Enable(),
			chromedp.ActionFunc(func(ctx context.Context) error {
				_, err := page.AddScriptToEvaluateOnNewDocument(cspListener).Do(ctx)
				return err
			})); err != nil {
			t.Fatalf("opening a tab: %v", err)
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range jobs {
				results <- checkPage(tab, rec, base, p, string(axeSrc))
			}
		}()
	}
	go func() {
		for _, p := range paths {
			jobs <- p
		}
		close(jobs)
		wg.Wait()
		close(results)
	}()

	var all []pageResult
	for r := range results {
		all = append(all, r)
	}
	slices.SortFunc(all, func(a, b pageResult) int { return strings.Compare(a.path, b.path) })
	used := map[int]bool{}
	nViolations, nKnown := 0, 0
	for _, r := range all {
		for _, p := range r.problems {
			t.Errorf("%s: %s", r.path, p)
		}
		for _, v := range r.violations {
			if accepted(knownViolations, used, r.path, v.ID) {
				nKnown++
				continue
			}
			nViolations++
			for _, n := range v.Nodes {
				t.Errorf("%s: axe %s (%s) at %s: %s", r.path, v.ID, v.Help, n.Target, strings.ReplaceAll(n.Message, "\n", " "))
			}
		}
	}
	logUnused(t, "knownViolations", knownViolations, used)
	var load, axe time.Duration
	slowest := all[0]
	for _, r := range all {
		load, axe = load+r.load, axe+r.axe
		if r.load+r.axe > slowest.load+slowest.axe {
			slowest = r
		}
	}
	t.Logf("tab time: loading %s, axe-core %s; slowest page %s (%s + %s)", load.Round(time.Millisecond), axe.Round(time.Millisecond),
		slowest.path, slowest.load.Round(time.Millisecond), slowest.axe.Round(time.Millisecond))
	t.Logf("%d pages loaded and checked with axe-core in %s (%d tabs); %d new violations, %d known",
		len(all), time.Since(start).Round(time.Millisecond), workers, nViolations, nKnown)
}

func checkPage(tab context.Context, rec *recorder, base, p, axeSrc string) pageResult {
	res := pageResult{path: p}
	rec.reset()
	t0 := time.Now()
	ctx, cancel := context.WithTimeout(tab, 30*time.Second)
	defer cancel()
	actions := []chromedp.Action{chromedp.Navigate(base + p)}
	if strings.Contains(p, "/search/?q=") {
		// Not chromedp.Poll: it polls on animation frames, which a
		// background tab does not get.
		actions = append(actions, chromedp.ActionFunc(func(ctx context.Context) error {
			for {
				var done bool
				if err := chromedp.Evaluate(`(s => s.length > 0 && !s.endsWith("…"))(document.getElementById("search-status").textContent)`, &done).Do(ctx); err != nil {
					return err
				}
				if done {
					return nil
				}
				select {
				case <-ctx.Done():
					return fmt.Errorf("search status: %w", ctx.Err())
				case <-time.After(100 * time.Millisecond):
				}
			}
		}))
	}
	var csp []string
	actions = append(actions, chromedp.Evaluate(`window.__gateCSP || ["CSP listener missing"]`, &csp))
	if err := chromedp.Run(ctx, actions...); err != nil {
		res.problems = append(res.problems, "loading: "+err.Error())
		return res
	}
	res.problems = append(rec.problems(base), prefix("CSP violation: ", csp)...)
	if u, err := url.Parse(p); err == nil {
		res.path = u.Path
	}
	t1 := time.Now()
	res.load = t1.Sub(t0)
	var found []violation
	err := chromedp.Run(ctx,
		chromedp.Evaluate(axeSrc+";0", nil),
		chromedp.Evaluate(axeRun, &found, func(p *runtime.EvaluateParams) *runtime.EvaluateParams {
			return p.WithAwaitPromise(true)
		}))
	if err != nil {
		res.problems = append(res.problems, "axe-core: "+err.Error())
	}
	res.violations = found
	res.axe = time.Since(t1)
	return res
}

func prefix(p string, s []string) []string {
	var out []string
	for _, x := range s {
		out = append(out, p+x)
	}
	return out
}

// newBrowser starts one headless Chromium for many tabs: browser.New's
// flags, without its overall deadline, and with background tabs neither
// throttled nor deprioritised, since the gates drive several at once.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	return browser.Start(t, 1280, 900,
		chromedp.Flag("disable-background-timer-throttling", true),
		chromedp.Flag("disable-backgrounding-occluded-windows", true),
		chromedp.Flag("disable-renderer-backgrounding", true),
	)
}

// testScreenshots writes full-page PNGs of the main pages at phone and
// desktop widths in both languages to $SCREENSHOT_DIR, for review.
func testScreenshots(t *testing.T, public, base string) {
	dir := os.Getenv("SCREENSHOT_DIR")
	if dir == "" {
		dir = t.TempDir()
		defer t.Logf("screenshots in %s (removed when the test ends: set SCREENSHOT_DIR to keep them)", dir)
	} else {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		defer t.Logf("screenshots in %s", dir)
	}
	c := builtPages(t, public)
	pages := []struct{ name, path string }{
		{"home", "/"},
		{"instrument", withoutLang(c.instrument)},
		{"part", withoutLang(c.part)},
		{"compare", "/compare/"},
	}
	sizes := []struct {
		name string
		w, h int64
	}{{"phone", 390, 844}, {"desktop", 1280, 900}}
	ctx, blog := browser.New(t, 1280, 900)
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 60*time.Second)
	defer cancel()
	n := 0
	for _, size := range sizes {
		if err := chromedp.Run(ctx, chromedp.EmulateViewport(size.w, size.h)); err != nil {
			t.Fatal(err)
		}
		for _, lang := range []string{"en", "zh"} {
			for _, pg := range pages {
				blog.Reset()
				var png []byte
				if err := chromedp.Run(ctx, chromedp.Navigate(base+"/"+lang+pg.path), chromedp.FullScreenshot(&png, 100)); err != nil {
					t.Fatalf("%s%s: %v", lang, pg.path, err)
				}
				if _, errs := blog.Snapshot(); len(errs) > 0 {
					t.Errorf("/%s%s: %q", lang, pg.path, errs)
				}
				name := fmt.Sprintf("%s-%s-%s.png", lang, pg.name, size.name)
				if err := os.WriteFile(filepath.Join(dir, name), png, 0o644); err != nil {
					t.Fatal(err)
				}
				n++
			}
		}
	}
	t.Logf("%d screenshots", n)
}

// vnuMessage is one message of the Nu checker's JSON output.
type vnuMessage struct {
	Type      string `json:"type"`
	URL       string `json:"url"`
	Message   string `json:"message"`
	FirstLine int    `json:"firstLine"`
	LastLine  int    `json:"lastLine"`
	Extract   string `json:"extract"`
}

// testHTML runs the Nu HTML checker once over every HTML file of the site.
func testHTML(t *testing.T, root, public string) {
	var files []string
	err := filepath.WalkDir(public, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".html") {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	nuCheck(t, root, files, func(file string) string {
		rel := file
		if r, err := filepath.Rel(public, file); err == nil {
			rel = "/" + filepath.ToSlash(r)
		}
		return rel
	})
}

// nuCheck runs the Nu HTML checker once over files and fails on each error
// not in knownErrors; name gives the path a file stands for (ending in
// index.html for a page), by which errors are reported and accepted.
func nuCheck(t *testing.T, root string, files []string, name func(file string) string) {
	start := time.Now()
	java, err := exec.LookPath("java")
	if err != nil {
		testenv.Missing(t, "java not installed (Debian: apt-get install default-jre-headless); skipping the Nu HTML checker")
	}
	jar := filepath.Join(root, "node_modules", "vnu-jar", "build", "dist", "vnu.jar")
	if _, err := os.Stat(jar); err != nil {
		t.Fatalf("the Nu HTML checker is missing (run npm install): %v", err)
	}
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(java, append([]string{"-jar", jar, "--errors-only", "--format", "json"}, files...)...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	runErr := cmd.Run()
	var out struct {
		Messages []vnuMessage `json:"messages"`
	}
	if err := json.Unmarshal(bytes.TrimSpace(stderr.Bytes()), &out); err != nil {
		t.Fatalf("vnu: %v (%v)\nstdout: %s\nstderr: %s", err, runErr, stdout.String(), stderr.String())
	}
	var exit *exec.ExitError
	if runErr != nil && !errors.As(runErr, &exit) {
		t.Fatal(runErr)
	}
	used := map[int]bool{}
	nErrors, nKnown := 0, 0
	for _, m := range out.Messages {
		if m.Type != "error" && m.Type != "non-document-error" {
			continue
		}
		rel := name(strings.TrimPrefix(m.URL, "file:"))
		pagePath := strings.TrimSuffix(rel, "index.html")
		if accepted(knownErrors, used, pagePath, m.Message) {
			nKnown++
			continue
		}
		nErrors++
		t.Errorf("%s:%d: %s (%q)", rel, m.LastLine, m.Message, m.Extract)
	}
	logUnused(t, "knownErrors", knownErrors, used)
	t.Logf("Nu HTML checker: %d files in %s; %d new errors, %d known", len(files), time.Since(start).Round(time.Millisecond), nErrors, nKnown)
}

var metaCSP = regexp.MustCompile(`<meta http-equiv="Content-Security-Policy" content="([^"]*)">`)

// TestCSPFiles: the <meta> of every page (components/csp.html) and
// static/_headers carry the same policy, and _headers the other security
// headers.
func TestCSPFiles(t *testing.T) {
	root, err := project.WorkingRoot()
	if err != nil {
		t.Fatal(err)
	}
	head, err := os.ReadFile(filepath.Join(root, "layouts", "_partials", "components", "csp.html"))
	if err != nil {
		t.Fatal(err)
	}
	m := metaCSP.FindAllSubmatch(head, -1)
	if len(m) != 1 {
		t.Fatalf("csp.html has %d Content-Security-Policy metas, want 1", len(m))
	}
	if got := string(m[0][1]); got != CSP {
		t.Errorf("csp.html CSP\n got %s\nwant %s", got, CSP)
	}
	if strings.Contains(CSP, "unsafe-inline") || strings.Contains(CSP, "'unsafe-eval'") {
		t.Errorf("the policy allows inline scripts or eval: %s", CSP)
	}

	f, err := os.Open(filepath.Join(root, "static", "_headers"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	headers := map[string]string{}
	var pattern string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.TrimSpace(line) == "" || strings.HasPrefix(strings.TrimSpace(line), "#"):
		case line[0] != ' ' && line[0] != '\t':
			pattern = strings.TrimSpace(line)
		case pattern == "/*":
			name, value, ok := strings.Cut(strings.TrimSpace(line), ":")
			if !ok {
				t.Errorf("_headers: not a header: %q", line)
			}
			headers[strings.ToLower(name)] = strings.TrimSpace(value)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"content-security-policy": CSP + "; " + HeadersOnly,
		"x-content-type-options":  "nosniff",
		"referrer-policy":         "strict-origin-when-cross-origin",
	}
	for name, v := range want {
		if headers[name] != v {
			t.Errorf("_headers /*: %s\n got %q\nwant %q", name, headers[name], v)
		}
	}
}
