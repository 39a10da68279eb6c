package main

import (
	"bytes"
	"io/fs"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/annotated-data-initiatives/site/tools/internal/bench"
	"github.com/annotated-data-initiatives/site/tools/internal/project"
)

// TestBench runs the bench command at a tiny size (2 instruments of 10
// and of 20 parts), building with the site's layouts and with minimal ones,
// and checks its report ends with the ratio line.
func TestBench(t *testing.T) {
	if testing.Short() {
		t.Skip("builds with Hugo; skipped with -short")
	}
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command to locate Hugo:", err)
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"bench", "-parts", "20,40", "-instruments", "2"}, &stdout, &stderr); code != 0 {
		t.Fatalf("bench exited %d: %s", code, stderr.String())
	}
	out := strings.TrimRight(stdout.String(), "\n")
	lines := strings.Split(out, "\n")
	if last := lines[len(lines)-1]; !regexp.MustCompile(`^ratio \d+\.\d\d$`).MatchString(last) {
		t.Errorf("last line = %q, want ratio R.RR\n%s", last, out)
	}
	// A build takes some CPU time: a report of 0s would mean it was not read.
	if !regexp.MustCompile(`(?m)^ours 40: .*, CPU [1-9][0-9.]*(ms|s) \(`).MatchString(out) {
		t.Errorf("report gives no CPU time for ours 40:\n%s", out)
	}
	if !regexp.MustCompile(`(?m)^largest part page 40: \S+/index\.html, [1-9]\d* bytes raw, [1-9]\d* bytes gzip`).MatchString(out) {
		t.Errorf("report names no largest part page:\n%s", out)
	}
	// The bare build renders the same pages: a ratio against fewer pages
	// would flatter nothing but be wrong.
	pages := regexp.MustCompile(`(?m)^(ours|bare) 40: .* for (\d+) pages`).FindAllStringSubmatch(out, -1)
	if len(pages) != 2 || pages[0][2] != pages[1][2] {
		t.Errorf("ours and bare built different numbers of pages: %q\n%s", pages, out)
	}
	for _, want := range []string{
		"corpus 40: 2 instruments × 20 parts",
		"ours 40: ", "bare 40: ", "ms per page, CPU ", ", peak RSS ", "ratio 40: CPU time ", "; wall time ",
		"largest part page 40: ", " bytes gzip with its stylesheets",
		"scaling ours: CPU(40)/CPU(20) = ", "per 10× the pages (target ≤ 11)", "scaling bare: ",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
}

// TestTemplateWorkGrowsLinearly builds a synthetic corpus, then one with
// twice the parts per instrument and one with twice the instruments, and
// counts how often each template runs (--templateMetrics). Doubling either
// dimension doubles the pages (the themes and pairs, a little more, since
// the first instrument is compared with all the others); a template that
// runs per page and per instrument, per part of the same instrument or per
// theme runs about four times as often. Counts, not times: the test is not
// at the mercy of a busy machine. So too the bytes: no page, and not the
// whole site, grows faster than the corpus (a table with a row per theme
// and a column per instrument did, inside one template call).
func TestTemplateWorkGrowsLinearly(t *testing.T) {
	if testing.Short() {
		t.Skip("builds with Hugo; skipped with -short")
	}
	hugoBin, err := project.HugoBinary()
	if err != nil {
		t.Skip(err)
	}
	root, err := projectRoot("")
	if err != nil {
		t.Fatal(err)
	}
	// sizes are the bytes of each HTML file of a build, by path.
	var sizes map[bench.Size]map[string]int64
	count := func(size bench.Size) map[string]int {
		proj := filepath.Join(t.TempDir(), "site")
		if _, err := bench.Corpus(proj, root, size); err != nil {
			t.Fatal(err)
		}
		public := filepath.Join(t.TempDir(), "public")
		m, err := bench.Build(hugoBin, root, proj, public, "--templateMetrics", "--panicOnWarning")
		if err != nil {
			t.Fatal(err)
		}
		if sizes == nil {
			sizes = map[bench.Size]map[string]int64{}
		}
		sizes[size] = htmlSizes(t, public)
		return bench.TemplateCounts(m.Output)
	}
	base := bench.Size{Instruments: 5, Parts: 10}
	small := count(base)
	if len(small) < 20 {
		t.Fatalf("only %d templates in the metrics: %v", len(small), small)
	}
	for _, grown := range []struct {
		what string
		size bench.Size
	}{
		{"parts per instrument", bench.Size{Instruments: base.Instruments, Parts: 2 * base.Parts}},
		{"instruments", bench.Size{Instruments: 2 * base.Instruments, Parts: base.Parts}},
	} {
		large := count(grown.size)
		for name, n := range small {
			// 2.5×: twice the pages, the themes' extra quarter, and room
			// for the pages whose number is fixed.
			if limit := n*5/2 + 30; large[name] > limit {
				t.Errorf("twice the %s: %s ran %d times instead of %d (more than %d): its work grows faster than the corpus",
					grown.what, name, large[name], n, limit)
			}
		}
		var before, after int64
		for page, n := range sizes[base] {
			before += n
			if m := sizes[grown.size][page]; m > n*5/2+4096 {
				t.Errorf("twice the %s: %s is %d bytes instead of %d: it grows faster than the corpus", grown.what, page, m, n)
			}
		}
		for _, n := range sizes[grown.size] {
			after += n
		}
		if after > before*5/2 {
			t.Errorf("twice the %s: the pages are %d bytes instead of %d: they grow faster than the corpus", grown.what, after, before)
		}
	}
}

// htmlSizes are the sizes of the HTML files under public, by path.
func htmlSizes(t *testing.T, public string) map[string]int64 {
	t.Helper()
	out := map[string]int64{}
	err := filepath.WalkDir(public, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		out[strings.TrimPrefix(p, public)] = info.Size()
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) == 0 {
		t.Fatalf("no HTML file in %s", public)
	}
	return out
}
