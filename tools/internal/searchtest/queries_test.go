package searchtest

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"github.com/annotated-data-initiatives/site/tools/internal/browser"
	"github.com/annotated-data-initiatives/site/tools/internal/testenv"
)

// realQuery is one judged query of testdata/real-queries.toml.
type realQuery struct {
	Set  string   // "en", "zh-Hans", "zh-Hant": how the reader typed it
	Q    string   // what the reader typed
	Want []string // part keys, any of which may come first
}

// TestRealQueries, a golden test of the real sources: each judged query
// finds one of its clauses first among the clause results, within the
// first search's budget. It logs precision at 1 and the bytes fetched,
// per set, for the report.
func TestRealQueries(t *testing.T) {
	testenv.Slow(t, "searches in Chromium")
	var file struct{ Query []realQuery }
	if _, err := toml.DecodeFile(filepath.Join("testdata", "real-queries.toml"), &file); err != nil {
		t.Fatal(err)
	}
	public := site(t)
	srv := serve(t, public)
	parts := map[string]builtPart{}
	for _, in := range builtCorpus(t, public) {
		for _, p := range in {
			parts[p.Key] = p
		}
	}
	type tally struct {
		n, first int
		bytes    []float64
	}
	sets := map[string]*tally{}
	var order []string
	parent := browser.Start(t, 1200, 900)
	for _, q := range file.Query {
		prefix, _, _ := strings.Cut(q.Set, "-")
		var want []string
		lang := ""
		for _, key := range q.Want {
			p, ok := parts[key]
			if !ok {
				t.Fatalf("%s %q: no part %s in the build", q.Set, q.Q, key)
			}
			var l string
			l, lang = localeOf(t, p, prefix)
			want = append(want, pagePath(t, p, l))
		}
		if sets[q.Set] == nil {
			sets[q.Set] = &tally{}
			order = append(order, q.Set)
		}
		s := sets[q.Set]
		s.n++
		t.Run(q.Set+" "+q.Q, func(t *testing.T) {
			got, bytes := query(t, parent, srv, lang, q.Q)
			s.bytes = append(s.bytes, bytes)
			first := "nothing"
			if len(got) > 0 {
				first = got[0].URL
			}
			t.Logf("first of %d: %s; %.1f KB gzip", len(got), first, bytes/1024)
			if slices.Contains(want, first) {
				s.first++
			} else {
				t.Errorf("first clause %s, want %s", first, strings.Join(want, " or "))
			}
			if bytes > 150*1024 {
				t.Errorf("the first search fetched %.1f KB gzip, over 150 KB", bytes/1024)
			}
		})
	}
	for _, name := range order {
		s := sets[name]
		slices.Sort(s.bytes)
		t.Logf("%s: precision at 1 %d/%d; first search %s", name, s.first, s.n, kbRange(s.bytes))
	}
}

// kbRange is the least, median and most of sorted byte counts, in KB.
func kbRange(b []float64) string {
	if len(b) == 0 {
		return "not measured"
	}
	return fmt.Sprintf("%.1f–%.1f KB gzip (median %.1f)", b[0]/1024, b[len(b)-1]/1024, b[len(b)/2]/1024)
}
