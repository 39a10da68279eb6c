package main

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/annotated-data-initiatives/site/tools/internal/compare"
	"github.com/annotated-data-initiatives/site/tools/internal/corpus"
	"github.com/annotated-data-initiatives/site/tools/internal/ingest"
	"github.com/annotated-data-initiatives/site/tools/internal/similar"
)

// suggestThreshold is where an automatic pair starts. On the real texts (as
// suggest printed them) the points the themes pair score 0.15 and 0.23 when
// they share a subject closely, 0.045–0.10 when one only narrows or extends
// the other, and unrelated points mostly under 0.08; preamble paragraphs
// share the genre's vocabulary and reach 0.10–0.29 with each other. See the
// sweep that suggest prints.
const suggestThreshold = 0.10

type pointDoc struct {
	doc   compare.Doc
	label string
}

// writeSuggestions prints the similarity matrix between the points of each
// pair of instruments, the disagreements with the themes, and how well the
// automatic pairs agree with the editorial mapping.
func writeSuggestions(w io.Writer, r *ingest.Result, threshold float64) {
	e := r.Engine()
	editorial := map[[2]string]bool{}
	if r.Themes != nil {
		// Either way round: the themes pair an instrument's parts with
		// those of the one it is compared with, whatever their order.
		for _, p := range r.Themes.Pairs(func(key string) string { inst, _ := corpus.SplitKey(key); return inst }) {
			editorial[p] = true
			editorial[[2]string{p[1], p[0]}] = true
		}
	}
	for i := 0; i < len(r.Instruments); i++ {
		for j := i + 1; j < len(r.Instruments); j++ {
			as, bs := points(r.Instruments[i]), points(r.Instruments[j])
			m := e.Matrix(docs(as), docs(bs))
			ia, ib := r.Instruments[i].Instrument.ID, r.Instruments[j].Instrument.ID
			fmt.Fprintf(w, "similarity (%%) of the parts of %s (rows) and %s (columns)\n", ia, ib)
			fmt.Fprintf(w, "%-6s", "")
			for _, b := range bs {
				fmt.Fprintf(w, "%5s", b.label)
			}
			fmt.Fprintln(w)
			auto := map[[2]string]bool{}
			type scored struct {
				pair  [2]string
				score float64
			}
			var all []scored
			for x, a := range as {
				fmt.Fprintf(w, "%-6s", a.label)
				for y, b := range bs {
					fmt.Fprintf(w, "%5s", compare.Percent(m[x][y]))
					pair := [2]string{a.doc.Key, b.doc.Key}
					all = append(all, scored{pair, m[x][y]})
					if m[x][y] >= threshold {
						auto[pair] = true
					}
				}
				fmt.Fprintln(w)
			}
			sort.SliceStable(all, func(x, y int) bool { return all[x].score > all[y].score })

			// Editorial pairs of parts of these two instruments (themes.Load
			// has checked that every key names a part).
			ed := map[[2]string]bool{}
			for p := range editorial {
				if strings.HasPrefix(p[0], ia+"/") && strings.HasPrefix(p[1], ib+"/") {
					ed[p] = true
				}
			}
			fmt.Fprintf(w, "\nstrong pairs (≥ %.2f) that no theme connects:\n", threshold)
			n := 0
			for _, s := range all {
				if s.score >= threshold && !ed[s.pair] {
					fmt.Fprintf(w, "  %.3f  %s ~ %s  (%s)\n", s.score, s.pair[0], s.pair[1], why(e, r, s.pair))
					n++
				}
			}
			if n == 0 {
				fmt.Fprintln(w, "  none")
			}
			fmt.Fprintf(w, "mapped pairs that look unrelated (< %.2f):\n", threshold/2)
			n = 0
			for _, s := range all {
				if ed[s.pair] && s.score < threshold/2 {
					fmt.Fprintf(w, "  %.3f  %s ~ %s\n", s.score, s.pair[0], s.pair[1])
					n++
				}
			}
			if n == 0 {
				fmt.Fprintln(w, "  none")
			}
			p, rc, tp := compare.PrecisionRecall(auto, ed)
			fmt.Fprintf(w, "\nagreement with data/themes.toml (%d editorial pairs of parts):\n", len(ed))
			fmt.Fprintf(w, "  at %.2f: %d automatic pairs, %d also editorial: precision %.2f, recall %.2f\n", threshold, len(auto), tp, p, rc)
			// The preambles share the vocabulary of the genre; the points are
			// where the mapping matters most.
			isClause := map[string]bool{}
			for _, ip := range []ingest.InstrumentParts{r.Instruments[i], r.Instruments[j]} {
				for _, p := range ip.Parts {
					isClause[p.Key] = p.Role == corpus.RoleClause
				}
			}
			clauses := func(pairs map[[2]string]bool) map[[2]string]bool {
				out := map[[2]string]bool{}
				for p := range pairs {
					if isClause[p[0]] && isClause[p[1]] {
						out[p] = true
					}
				}
				return out
			}
			ap, ep := clauses(auto), clauses(ed)
			pp, pr, ptp := compare.PrecisionRecall(ap, ep)
			fmt.Fprintf(w, "  points only, at %.2f: %d automatic pairs, %d editorial, %d both: precision %.2f, recall %.2f\n", threshold, len(ap), len(ep), ptp, pp, pr)
			fmt.Fprintln(w, "  sweep (all parts):")
			for _, t := range []float64{0.05, 0.08, 0.10, 0.12, 0.15, 0.20} {
				at := map[[2]string]bool{}
				for _, s := range all {
					if s.score >= t {
						at[s.pair] = true
					}
				}
				p, rc, tp := compare.PrecisionRecall(at, ed)
				fmt.Fprintf(w, "    %.2f  pairs %3d  agreeing %3d  precision %.2f  recall %.2f\n", t, len(at), tp, p, rc)
			}
			fmt.Fprintln(w)
		}
	}
}

// points lists every part of an instrument with a short label for the
// matrix: p3 (point 3), pre2 (preamble paragraph 2), in (lead-in), end1.
func points(ip ingest.InstrumentParts) []pointDoc {
	var out []pointDoc
	for _, p := range ip.Parts {
		label := "p" + p.Number
		switch {
		case p.ID == "intro":
			label = "in"
		case p.Role == corpus.RolePreamble:
			label = "pre" + strconv.Itoa(p.Ordinal)
		case p.Role == corpus.RoleClosing:
			label = "end" + strconv.Itoa(p.Ordinal)
		}
		out = append(out, pointDoc{compare.Doc{Key: p.Key, Text: p.Text}, label})
	}
	return out
}

// docs lists the documents of the points, for the similarity matrix.
func docs(ps []pointDoc) []compare.Doc {
	out := make([]compare.Doc, len(ps))
	for i, p := range ps {
		out[i] = p.doc
	}
	return out
}

// why names the heaviest terms two parts share.
func why(e *compare.Engine, r *ingest.Result, pair [2]string) string {
	a, b := r.Part(pair[0]), r.Part(pair[1])
	return strings.Join(similar.Shared(e.Vector(compare.Doc{Text: a.Text}, ""), e.Vector(compare.Doc{Text: b.Text}, ""), 4), ", ")
}
