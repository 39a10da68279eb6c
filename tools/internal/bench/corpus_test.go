package bench

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/annotated-data-initiatives/site/tools/internal/ingest"
)

func repoRoot(tb testing.TB) string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "..")
}

// TestCorpus generates a tiny corpus through ingest and checks it passes
// the same validation as the real one (ingest -check and check).
func TestCorpus(t *testing.T) {
	dst := t.TempDir()
	st, err := Corpus(dst, repoRoot(t), Size{Instruments: 3, Parts: 20})
	if err != nil {
		t.Fatal(err)
	}
	if st.Parts != 60 || st.Notes != 12 || st.Themes == 0 {
		t.Errorf("stats = %+v, want 60 parts, 12 notes and some themes", st)
	}
	if err := Validate(dst); err != nil {
		t.Fatal(err)
	}
	page, err := os.ReadFile(filepath.Join(dst, ingest.Dir, "content", "zh", InstrumentID(1), "point_3.md"))
	if err != nil {
		t.Fatal(err)
	}
	// The official text (params.text) is in Simplified characters.
	var text string
	for _, l := range strings.Split(string(page), "\n") {
		if strings.HasPrefix(l, "text = ") {
			text = l
		}
	}
	if strings.ContainsAny(text, "數據發國") || !strings.Contains(text, "，") {
		t.Errorf("Chinese text not converted to Simplified with full-width punctuation:\n%s", text)
	}
	for _, p := range []string{"config.toml", "layouts/baseof.html", "content/en/_index.md", "content/zh/notes/_index.md"} {
		if _, err := os.Stat(filepath.Join(dst, p)); err != nil {
			t.Errorf("site file missing: %v", err)
		}
	}
	if _, err := os.Stat(filepath.Join(dst, "content", "en", "notes", "gids-point-3-analysis.md")); err == nil {
		t.Error("the real notes were copied into the synthetic corpus")
	}
}

func BenchmarkGenerate(b *testing.B) {
	repo := repoRoot(b)
	for b.Loop() {
		if _, err := Corpus(b.TempDir(), repo, Size{Instruments: 5, Parts: 100}); err != nil {
			b.Fatal(err)
		}
	}
}

func TestTopTemplates(t *testing.T) {
	out := []byte(`Start building sites … 

Template Metrics:

       cumulative       average       maximum      cache  percent  cached  total  
         duration      duration      duration  potential   cached   count  count  template
       ----------      --------      --------  ---------  -------  ------  -----  --------
     342.678455ms     4.28348ms   18.909379ms          0        0       0     80  page.html
     156.386831ms    1.629029ms   12.688535ms         10        0       0     96  _partials/part-article.html
     149.377456ms     739.492µs   10.174521ms         22        0       0    202  _partials/head.html

                  │ EN  │ ZH
`)
	got := TopTemplates(out, 2)
	if len(got) != 4 || !strings.HasSuffix(got[2], "page.html") || !strings.HasSuffix(got[3], "part-article.html") {
		t.Errorf("TopTemplates = %q", got)
	}
	if got := TopTemplates(out, 10); len(got) != 5 {
		t.Errorf("TopTemplates(10) has %d lines, want 5", len(got))
	}
}

func TestTemplateCounts(t *testing.T) {
	out := []byte(`Template Metrics:

       cumulative       average       maximum
         duration      duration      duration  count  template
       ----------      --------      --------  -----  --------
     342.678455ms     4.28348ms   18.909379ms     80  page.html
     156.386831ms    1.629029ms   12.688535ms     96  _partials/part-article.html
`)
	got := TemplateCounts(out)
	if len(got) != 2 || got["page.html"] != 80 || got["_partials/part-article.html"] != 96 {
		t.Errorf("TemplateCounts = %v", got)
	}
}

func TestMedian(t *testing.T) {
	m := Median([]*Measure{{Wall: 3, MaxRSS: 1}, {Wall: 1, MaxRSS: 5}, {Wall: 2, MaxRSS: 2}})
	if m.Wall != 2 || m.MaxRSS != 5 {
		t.Errorf("Median = %+v, want wall 2 and the largest RSS, 5", m)
	}
}

func TestCPUTime(t *testing.T) {
	out := "\tCommand being timed: \"hugo\"\n\tUser time (seconds): 10.92\n\tSystem time (seconds): 1.22\n\tPercent of CPU this job got: 180%\n\tMaximum resident set size (kbytes): 433464\n"
	got, ok := cpuTime(out)
	if !ok || got != 12140*time.Millisecond {
		t.Errorf("cpuTime = %v, %v; want 12.14s, true", got, ok)
	}
	if _, ok := cpuTime("\tUser time (seconds): 1.5\n"); ok {
		t.Error("cpuTime accepted an output without the system time")
	}
}

func TestLargestPage(t *testing.T) {
	public := t.TempDir()
	files := map[string]string{
		"css/site.css":      strings.Repeat("a{color:red}", 50),
		"a/index.html":      `<link rel="stylesheet" href="/css/site.css"><body class="k-part">` + strings.Repeat("short ", 10),
		"b/index.html":      `<link rel="stylesheet" href="/css/site.css"><body class="k-part">` + strings.Repeat("the longest page of all ", 200),
		"c/index.html":      `<body class="k-home">` + strings.Repeat("not a part page at all, and larger ", 400),
		"d/not-a-page.json": "{}",
	}
	for name, text := range files {
		p := filepath.Join(public, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	w, err := LargestPage(public, "k-part")
	if err != nil {
		t.Fatal(err)
	}
	want := len(files["b/index.html"]) + len(files["css/site.css"])
	if w.Path != "b/index.html" || w.Raw != want || w.Gzip <= 0 || w.Gzip >= w.Raw {
		t.Errorf("LargestPage = %+v, want b/index.html with %d bytes raw, fewer compressed", w, want)
	}
}
