package bench

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"fmt"
	"io/fs"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/annotated-data-initiatives/site/tools/internal/ingest"
)

// Minimal layouts for the bare build: the same pages, printing the title
// and the part's text only.
var minimalLayouts = map[string]string{
	"baseof.html":           `<!DOCTYPE html><html lang="{{ .Language.Lang }}"><head><title>{{ .Title }}</title></head><body>{{ block "main" . }}{{ end }}</body></html>`,
	"home.html":             `{{ define "main" }}<h1>{{ .Title }}</h1>{{ with .Params.text }}<p>{{ . }}</p>{{ end }}{{ end }}`,
	"section.html":          `{{ define "main" }}<h1>{{ .Title }}</h1>{{ with .Params.text }}<p>{{ . }}</p>{{ end }}{{ end }}`,
	"page.html":             `{{ define "main" }}<h1>{{ .Title }}</h1>{{ with .Params.text }}<p>{{ . }}</p>{{ end }}{{ end }}`,
	"section.parallel.html": `{{ define "main" }}<h1>{{ .Title }}</h1>{{ end }}`,
	"home.notfound.html":    `{{ define "main" }}<h1>{{ .Title }}</h1>{{ end }}`,
	"404.html":              `{{ define "main" }}<h1>{{ .Title }}</h1>{{ end }}`,
}

// BareSite makes in dst a project with the content, data and configuration
// of the project at src and minimal layouts instead of the site's. Content
// files are hard-linked where possible.
func BareSite(dst, src string) error {
	for _, dir := range []string{"content", "data", ingest.Dir} {
		err := filepath.WalkDir(filepath.Join(src, dir), func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(src, p)
			to := filepath.Join(dst, rel)
			if d.IsDir() {
				return os.MkdirAll(to, 0o755)
			}
			if os.Link(p, to) == nil {
				return nil
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return os.WriteFile(to, b, 0o644)
		})
		if err != nil {
			return err
		}
	}
	b, err := os.ReadFile(filepath.Join(src, "config.toml"))
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dst, "config.toml"), b, 0o644); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Join(dst, "layouts"), 0o755); err != nil {
		return err
	}
	for name, text := range minimalLayouts {
		if err := os.WriteFile(filepath.Join(dst, "layouts", name), []byte(text), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// Measure is one Hugo build.
type Measure struct {
	Wall   time.Duration
	CPU    time.Duration // user and system time, on all cores
	MaxRSS int64         // peak resident set size, bytes
	Pages  int           // HTML files written
	Output []byte
}

// Build runs the Hugo binary on the project at source into dest, from the
// working directory dir, and measures it: wall time and peak memory (with
// /usr/bin/time -v when present, otherwise from the child's rusage), and
// the CPU time it took: on a shared machine with two cores the wall time
// moves with the neighbours' load, the CPU time much less.
func Build(hugo, dir, source, dest string, args ...string) (*Measure, error) {
	argv := append([]string{hugo, "--source", source, "--destination", dest,
		"--cacheDir", dest + "-cache"}, args...)
	timeV := false
	if _, err := os.Stat("/usr/bin/time"); err == nil {
		argv = append([]string{"/usr/bin/time", "-v"}, argv...)
		timeV = true
	}
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Dir = dir
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	start := time.Now()
	err := cmd.Run()
	m := &Measure{Wall: time.Since(start), Output: out.Bytes()}
	defer os.RemoveAll(dest + "-cache")
	if err != nil {
		return nil, fmt.Errorf("hugo on %s: %v: %s%s", source, err, tail(out.String()), tail(errb.String()))
	}
	if timeV {
		if k, ok := maxRSS(errb.String()); ok {
			m.MaxRSS = k * 1024
		}
		m.CPU, _ = cpuTime(errb.String())
	}
	if m.CPU == 0 && cmd.ProcessState != nil {
		// The rusage of the child, which for /usr/bin/time includes Hugo's.
		m.CPU = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	}
	if m.MaxRSS == 0 && cmd.ProcessState != nil {
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			m.MaxRSS = int64(ru.Maxrss) * 1024 // kilobytes on Linux
		}
	}
	err = filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".html") {
			m.Pages++
		}
		return err
	})
	return m, err
}

var rssRe = regexp.MustCompile(`Maximum resident set size \(kbytes\): (\d+)`)

func maxRSS(s string) (int64, bool) {
	m := rssRe.FindStringSubmatch(s)
	if m == nil {
		return 0, false
	}
	k, err := strconv.ParseInt(m[1], 10, 64)
	return k, err == nil
}

var cpuRe = regexp.MustCompile(`(?m)^\s*(?:User|System) time \(seconds\): ([0-9.]+)`)

// cpuTime adds the user and system times that /usr/bin/time -v reports.
func cpuTime(s string) (time.Duration, bool) {
	ms := cpuRe.FindAllStringSubmatch(s, -1)
	if len(ms) != 2 {
		return 0, false
	}
	var total time.Duration
	for _, m := range ms {
		f, err := strconv.ParseFloat(m[1], 64)
		if err != nil {
			return 0, false
		}
		total += time.Duration(math.Round(f * float64(time.Second)))
	}
	return total, true
}

func tail(s string) string {
	s = strings.TrimSpace(s)
	if len(s) > 2000 {
		s = "…" + s[len(s)-2000:]
	}
	return s
}

// Median returns the run with the median wall time (the lower middle one
// for an even count); its peak memory is the largest of all runs.
func Median(ms []*Measure) *Measure {
	s := slices.Clone(ms)
	slices.SortFunc(s, func(a, b *Measure) int { return int(a.Wall - b.Wall) })
	med := *s[(len(s)-1)/2]
	for _, m := range ms {
		med.MaxRSS = max(med.MaxRSS, m.MaxRSS)
	}
	return &med
}

// TopTemplates extracts the header and the first n rows of the table Hugo
// prints with --templateMetrics (sorted by cumulative duration).
func TopTemplates(out []byte, n int) []string {
	var lines []string
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	in, header := false, 0
	for sc.Scan() {
		l := sc.Text()
		t := strings.TrimSpace(l)
		switch {
		case !in && strings.HasPrefix(t, "cumulative"):
			in = true
			lines = append(lines, strings.TrimRight(l, " "))
			header = 1
		case !in:
		case header == 1:
			lines = append(lines, strings.TrimRight(l, " "))
			header = 2
		case strings.HasPrefix(t, "---"):
		case t == "" || len(lines)-header >= n:
			return lines
		default:
			lines = append(lines, strings.TrimRight(l, " "))
		}
	}
	return lines
}

// TemplateCounts reads how many times each template ran from the table Hugo
// prints with --templateMetrics (the rows TopTemplates finds: the last
// column is the template's name, the one before it the count).
func TemplateCounts(out []byte) map[string]int {
	counts := map[string]int{}
	rows := TopTemplates(out, math.MaxInt)
	for _, row := range rows[min(2, len(rows)):] {
		f := strings.Fields(row)
		if len(f) < 2 {
			continue
		}
		if n, err := strconv.Atoi(f[len(f)-2]); err == nil {
			counts[f[len(f)-1]] = n
		}
	}
	return counts
}

// PageWeight is a page's HTML with its stylesheets, as published and
// gzip-compressed (as a host sends it).
type PageWeight struct {
	Path      string // relative to the public folder
	Raw, Gzip int
}

var (
	bodyClass  = regexp.MustCompile(`<body class="([^"]*)"`)
	stylesheet = regexp.MustCompile(`<link rel="stylesheet" href="([^"]+)"`)
)

// LargestPage is the heaviest page of public, gzip-compressed with its
// stylesheets, among those whose <body> has the class class (the site's
// part pages are "k-part").
func LargestPage(public, class string) (PageWeight, error) {
	var best PageWeight
	gz := map[string][2]int{}
	weigh := func(p string) ([2]int, error) {
		if w, ok := gz[p]; ok {
			return w, nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return [2]int{}, err
		}
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		zw.Write(b)
		zw.Close()
		gz[p] = [2]int{len(b), buf.Len()}
		return gz[p], nil
	}
	err := filepath.WalkDir(public, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		m := bodyClass.FindSubmatch(b)
		if m == nil || !slices.Contains(strings.Fields(string(m[1])), class) {
			return nil
		}
		w, err := weigh(p)
		if err != nil {
			return err
		}
		for _, css := range stylesheet.FindAllSubmatch(b, -1) {
			cw, err := weigh(filepath.Join(public, filepath.FromSlash(strings.TrimPrefix(string(css[1]), "/"))))
			if err != nil {
				return err
			}
			w[0], w[1] = w[0]+cw[0], w[1]+cw[1]
		}
		if w[1] > best.Gzip {
			rel, _ := filepath.Rel(public, p)
			best = PageWeight{Path: filepath.ToSlash(rel), Raw: w[0], Gzip: w[1]}
		}
		return nil
	})
	return best, err
}
