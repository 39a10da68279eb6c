// Package browser runs a built site in headless Chromium for tests: it
// serves a folder on 127.0.0.1, starts Debian's chromium through chromedp
// with the flags this machine needs, and records what each page requested
// and logged, so tests can assert on real behaviour (search, console errors,
// requests to other hosts). Tests skip with a clear message when Chromium is
// missing; CI installs it.
package browser

import (
	"context"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/annotated-data-initiatives/site/tools/internal/testenv"
)

// Path finds the Chromium binary, or "".
func Path() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// Serve serves dir on a free port of 127.0.0.1 until the test ends and
// returns its base URL (no trailing slash).
func Serve(t testing.TB, dir string) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: http.FileServer(http.Dir(dir)), ReadHeaderTimeout: 5 * time.Second}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return "http://" + ln.Addr().String()
}

// Log is what a page did while loading: every request with its outcome,
// and every console error or uncaught exception.
type Log struct {
	mu       sync.Mutex
	Requests []Request
	Errors   []string
}

// Request is one network request of a page.
type Request struct {
	URL     string
	Failed  string // error text when it failed
	Status  int64
	Bytes   float64 // encoded bytes transferred
	request network.RequestID
}

// New starts a headless Chromium for the test (skipping it when none is
// installed) and returns a browser context and its log.
func New(t testing.TB, width, height int) (context.Context, *Log) {
	t.Helper()
	ctx := Start(t, width, height)
	ctx, cancel := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(cancel)
	return ctx, listen(t, ctx)
}

// Fresh opens a tab of parent's browser (from New or Start) with the
// browser's cache and cookies cleared, as on a first visit, at a fraction
// of the cost of starting a browser; it closes when the test ends. Tabs
// of one browser share its cache: use one Fresh tab at a time.
//
// Not a browser context of its own (chromedp.WithNewBrowserContext):
// headless Chromium 156 refuses to open a tab in one ("no browser is
// open").
func Fresh(t testing.TB, parent context.Context) (context.Context, *Log) {
	t.Helper()
	ctx, cancel := chromedp.NewContext(parent)
	t.Cleanup(cancel)
	log := listen(t, ctx)
	if err := chromedp.Run(ctx, network.ClearBrowserCache(), network.ClearBrowserCookies()); err != nil {
		t.Fatalf("clearing the cache: %v", err)
	}
	return ctx, log
}

// listen records what the tab of ctx requests and logs.
func listen(t testing.TB, ctx context.Context) *Log {
	t.Helper()
	log := &Log{}
	chromedp.ListenTarget(ctx, func(ev any) {
		log.mu.Lock()
		defer log.mu.Unlock()
		switch e := ev.(type) {
		case *network.EventRequestWillBeSent:
			log.Requests = append(log.Requests, Request{URL: e.Request.URL, request: e.RequestID})
		case *network.EventResponseReceived:
			log.each(e.RequestID, func(r *Request) { r.Status = e.Response.Status })
		case *network.EventLoadingFinished:
			log.each(e.RequestID, func(r *Request) { r.Bytes = e.EncodedDataLength })
		case *network.EventLoadingFailed:
			log.each(e.RequestID, func(r *Request) { r.Failed = e.ErrorText })
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.APITypeError {
				msg := ""
				for _, a := range e.Args {
					msg += string(a.Value) + a.Description + " "
				}
				log.Errors = append(log.Errors, "console.error: "+msg)
			}
		case *runtime.EventExceptionThrown:
			log.Errors = append(log.Errors, "exception: "+e.ExceptionDetails.Error())
		}
	})
	if err := chromedp.Run(ctx, network.Enable()); err != nil {
		t.Fatalf("enabling the network domain: %v", err)
	}
	return log
}

// Start starts a headless Chromium for the test (skipping it when none is
// installed), with the flags this machine needs and any extra ones, and
// returns its browser context; the browser stops when the test ends.
//
// Chromium sometimes dies as it starts on this shared machine (a crash
// report, then "chrome failed to start"), in one test of many: a fresh
// browser is tried twice more before the test fails. Every browser test
// starts its browser here, so none lacks the retry.
func Start(t testing.TB, width, height int, extra ...chromedp.ExecAllocatorOption) context.Context {
	t.Helper()
	bin := Path()
	if bin == "" {
		testenv.Missing(t, "chromium not installed (Debian: apt-get install chromium fonts-noto-cjk); skipping browser test")
	}
	var err error
	for attempt := 1; attempt <= 3; attempt++ {
		var ctx context.Context
		if ctx, err = start(t, bin, width, height, extra); err == nil {
			return ctx
		}
		t.Logf("starting chromium (attempt %d of 3): %v", attempt, firstLine(err.Error()))
	}
	t.Fatalf("starting chromium: %v", err)
	return nil
}

// firstLine is s up to its first line break.
func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// start starts one headless Chromium, stopped when the test ends, or at
// once when it fails to start.
func start(t testing.TB, bin string, width, height int, extra []chromedp.ExecAllocatorOption) (context.Context, error) {
	// One folder per browser, for its profile and its temporary files
	// (TMPDIR: Chromium leaves a org.chromium.Chromium.* folder there on
	// every run that chromedp ends, hundreds of them in /tmp), removed
	// after it exits. Not t.TempDir: Chromium may still be writing when
	// the test's own cleanup runs. A short name, as Chromium's socket in
	// that folder must fit in 108 bytes.
	dir, err := os.MkdirTemp("", "cr")
	if err != nil {
		return nil, err
	}
	profile := filepath.Join(dir, "p")
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(bin),
		chromedp.Headless,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.DisableGPU,
		chromedp.NoSandbox, // CI runs as root
		chromedp.UserDataDir(profile),
		chromedp.Env("TMPDIR=" + dir),
		chromedp.WindowSize(width, height),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-dev-shm-usage", true),
	}
	opts = append(opts, extra...)
	if os.Getenv("BROWSER_DEBUG") != "" {
		opts = append(opts, chromedp.CombinedOutput(os.Stderr))
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	stop := func() {
		// Closed, not killed: a killed browser's network process goes
		// on writing the profile's cache after the folder is removed.
		chromedp.Cancel(ctx)
		cancel()
		cancelA() // waits for the browser process to exit
		os.RemoveAll(dir)
	}
	if err := chromedp.Run(ctx); err != nil {
		stop()
		return nil, err
	}
	t.Cleanup(stop)
	return ctx, nil
}

// each calls f on the requests with an ID (a redirect reuses it); the
// caller holds l.mu.
func (l *Log) each(id network.RequestID, f func(*Request)) {
	for i := range l.Requests {
		if l.Requests[i].request == id {
			f(&l.Requests[i])
		}
	}
}

// Reset forgets what the log holds, before the next page.
func (l *Log) Reset() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.Requests, l.Errors = nil, nil
}

// Snapshot copies the log.
func (l *Log) Snapshot() ([]Request, []string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]Request(nil), l.Requests...), append([]string(nil), l.Errors...)
}
