package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/annotated-data-initiatives/site/tools/internal/bench"
	"github.com/annotated-data-initiatives/site/tools/internal/project"
)

// benchPartsPerInstrument is the default size of a synthetic instrument.
const benchPartsPerInstrument = 100

func cmdBench(args []string, stdout, stderr io.Writer) error {
	fs, rootFlag := newFlags("bench [-parts N,N] [-instruments N] [-runs R] [-metrics] [-keep DIR] [-root DIR]",
		"Generates synthetic corpora (manifest and captures, ingested, with notes and themes),\n"+
			"builds each with the site's layouts and with minimal layouts, and reports the cost per\n"+
			"page, CPU time, peak memory, the largest part page (raw and gzip), the ratio ours/bare\n"+
			"and the scaling. The last line is `ratio R`, the CPU time ours/bare for the largest size.", stderr)
	partsFlag := fs.String("parts", "1000,10000", "comma-separated corpus sizes, in parts per language")
	instruments := fs.Int("instruments", 0, fmt.Sprintf("instruments per corpus (default: parts/%d, at least 2)", benchPartsPerInstrument))
	runs := fs.Int("runs", 1, "builds per measurement; the median is reported")
	metrics := fs.Bool("metrics", false, "also build the largest corpus with --templateMetrics and print the top 10 templates")
	keep := fs.String("keep", "", "keep the generated projects in this folder instead of a temporary one")
	root, err := parseRoot(fs, rootFlag, args)
	if err != nil {
		return err
	}
	var sizes []int
	for _, f := range strings.Split(*partsFlag, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 6 {
			return fmt.Errorf("bench: -parts: %q is not a size of at least 6 parts", f)
		}
		sizes = append(sizes, n)
	}
	if *runs < 1 {
		return fmt.Errorf("bench: -runs must be at least 1")
	}
	hugoBin, err := project.HugoBinary()
	if err != nil {
		return err
	}
	work := *keep
	if work == "" {
		if work, err = os.MkdirTemp("", "bench-*"); err != nil {
			return err
		}
		defer os.RemoveAll(work)
	} else if err := os.MkdirAll(work, 0o755); err != nil {
		return err
	}
	dir, _ := projectRoot("")

	type result struct {
		parts       int
		ours, bare  *bench.Measure
		projectPath string
	}
	var results []result
	for si, parts := range sizes {
		n := *instruments
		if n <= 0 {
			n = max(2, parts/benchPartsPerInstrument)
		}
		size := bench.Size{Instruments: n, Parts: max(3, parts/n)}
		proj := filepath.Join(work, fmt.Sprintf("%d-ours", si))
		bare := filepath.Join(work, fmt.Sprintf("%d-bare", si))
		for _, d := range []string{proj, bare} {
			if err := os.RemoveAll(d); err != nil {
				return err
			}
		}
		start := time.Now()
		st, err := bench.Corpus(proj, root, size)
		if err != nil {
			return err
		}
		if err := bench.BareSite(bare, proj); err != nil {
			return err
		}
		runtime.GC()
		fmt.Fprintf(stdout, "corpus %d: %d instruments × %d parts = %d parts per language, %d notes per language, %d themes; %d generated files; generated and ingested in %s\n",
			st.Parts, size.Instruments, size.Parts, st.Parts, st.Notes, st.Themes, st.Files, time.Since(start).Round(time.Millisecond))
		var ours, bares []*bench.Measure
		var largest bench.PageWeight
		for r := range *runs {
			oursPublic := filepath.Join(work, fmt.Sprintf("%d-ours-public-%d", si, r))
			barePublic := filepath.Join(work, fmt.Sprintf("%d-bare-public-%d", si, r))
			m, err := bench.Build(hugoBin, dir, proj, oursPublic, "--minify", "--panicOnWarning")
			if err != nil {
				return err
			}
			ours = append(ours, m)
			if r == 0 {
				if largest, err = bench.LargestPage(oursPublic, "k-part"); err != nil {
					return err
				}
			}
			b, err := bench.Build(hugoBin, dir, bare, barePublic, "--minify", "--panicOnWarning")
			if err != nil {
				return err
			}
			bares = append(bares, b)
			if *keep == "" {
				os.RemoveAll(oursPublic)
				os.RemoveAll(barePublic)
			}
		}
		res := result{parts: st.Parts, ours: bench.Median(ours), bare: bench.Median(bares), projectPath: proj}
		results = append(results, res)
		for _, x := range []struct {
			name string
			m    *bench.Measure
		}{{"ours", res.ours}, {"bare", res.bare}} {
			fmt.Fprintf(stdout, "%s %d: %s for %d pages, %.3f ms per page, CPU %s (%.3f ms per page), peak RSS %d MB\n",
				x.name, st.Parts, x.m.Wall.Round(time.Millisecond), x.m.Pages, perPage(x.m.Wall, x.m), x.m.CPU.Round(10*time.Millisecond), perPage(x.m.CPU, x.m), x.m.MaxRSS>>20)
		}
		fmt.Fprintf(stdout, "largest part page %d: %s, %d bytes raw, %d bytes gzip with its stylesheets (budget %d gzip)\n", st.Parts, largest.Path, largest.Raw, largest.Gzip, partPageBudget)
		fmt.Fprintf(stdout, "ratio %d: CPU time %.2f (target ≤ 3.0 at 10000); wall time %.2f\n", st.Parts, ratio(res.ours.CPU, res.bare.CPU), ratio(res.ours.Wall, res.bare.Wall))
	}
	if len(results) > 1 {
		first, last := results[0], results[len(results)-1]
		// The target is stated per 10× the pages; a corpus of 10× the
		// parts has a few more than 10× the pages (the sections and the
		// home pages are fixed), so the time ratio is scaled to 10× pages.
		for _, x := range []struct {
			name        string
			first, last *bench.Measure
		}{{"ours", first.ours, last.ours}, {"bare", first.bare, last.bare}} {
			t, p := ratio(x.last.CPU, x.first.CPU), float64(x.last.Pages)/float64(x.first.Pages)
			fmt.Fprintf(stdout, "scaling %s: CPU(%d)/CPU(%d) = %.2f for %.1f× the parts, %.2f× the pages: %.2f per 10× the pages (target ≤ 11)\n",
				x.name, last.parts, first.parts, t, float64(last.parts)/float64(first.parts), p, 10*t/p)
		}
	}
	last := results[len(results)-1]
	if *metrics {
		dest := filepath.Join(work, "metrics-public")
		m, err := bench.Build(hugoBin, dir, last.projectPath, dest, "--minify", "--panicOnWarning", "--templateMetrics", "--templateMetricsHints")
		if err != nil {
			return err
		}
		os.RemoveAll(dest)
		fmt.Fprintf(stdout, "template metrics at %d parts (top 10 by cumulative duration):\n", last.parts)
		for _, l := range bench.TopTemplates(m.Output, 10) {
			fmt.Fprintln(stdout, "  "+l)
		}
	}
	fmt.Fprintf(stdout, "ratio %.2f\n", ratio(last.ours.CPU, last.bare.CPU))
	return nil
}

// partPageBudget is the most a part page may weigh, HTML and CSS,
// gzip-compressed (the site tests check every page against it).
const partPageBudget = 30 * 1024

func perPage(d time.Duration, m *bench.Measure) float64 {
	if m.Pages == 0 {
		return 0
	}
	return float64(d.Microseconds()) / 1000 / float64(m.Pages)
}

func ratio(a, b time.Duration) float64 {
	if b <= 0 {
		return 0
	}
	return float64(a) / float64(b)
}
