package ingest

import (
	"fmt"
	"strings"

	"github.com/annotated-data-initiatives/site/tools/internal/compare"
	"github.com/annotated-data-initiatives/site/tools/internal/corpus"
)

// CrossCheck compares the list items of a summary (a news release) with the
// points of the full text it summarises, pair by pair, in order.
type CrossCheck struct {
	Source     string
	Instrument string
	Lang       string
	Items      int
	Points     int
	Pairs      []PairCheck
}

// PairCheck says how one summary item agrees with one point.
type PairCheck struct {
	Part      string
	Item      int // 1-based position of the item in the summary
	Line      int // line of the capture
	Agreement string
	Omitted   []string
	Added     []string
	Unit      string // what was counted: "words", or "characters" for Han text
	Common    int    // units in common
	Words     int    // units in the point
}

func crossCheck(x *Extracted, ip InstrumentParts) CrossCheck {
	lang := x.Source.Languages[0]
	var items []Para
	for _, p := range x.Paras[lang] {
		if p.Listed {
			items = append(items, p)
		}
	}
	var points []Part
	for _, p := range ip.Parts {
		if p.Role == corpus.RoleClause {
			points = append(points, p)
		}
	}
	cc := CrossCheck{Source: x.Source.ID, Instrument: ip.Instrument.ID, Lang: lang, Items: len(items), Points: len(points)}
	for i := 0; i < min(len(items), len(points)); i++ {
		pc := comparePair(points[i].Text[lang], items[i].Text)
		pc.Part, pc.Item, pc.Line = points[i].Key, i+1, items[i].Line
		cc.Pairs = append(cc.Pairs, pc)
	}
	return cc
}

// comparePair diffs a point and a summary item word by word, ignoring case
// (a summary capitalises the word it starts with). Han text, which has no
// spaces between words, is diffed character by character instead (Latin
// words and numbers inside it stay whole; punctuation is left out), and the
// counts are then in characters.
func comparePair(point, item string) PairCheck {
	unit, split, join := "words", strings.Fields, func(ts []string) string { return strings.Join(ts, " ") }
	if compare.IsHan(point + item) {
		unit, split, join = "characters", compare.HanTokens, compare.JoinHanTokens
	}
	pw, iw := split(point), split(item)
	pc := PairCheck{Unit: unit, Words: len(pw)}
	if point == item {
		pc.Agreement, pc.Common = "identical", len(pw)
		return pc
	}
	ip, ii := 0, 0
	for _, run := range compare.DiffTokens(pw, iw, strings.ToLower) {
		switch run.Kind {
		case "=":
			pc.Common += run.N
			ip, ii = ip+run.N, ii+run.N
		case "-":
			pc.Omitted = append(pc.Omitted, join(pw[ip:ip+run.N]))
			ip += run.N
		case "+":
			pc.Added = append(pc.Added, join(iw[ii:ii+run.N]))
			ii += run.N
		}
	}
	switch {
	case len(pc.Omitted) == 0 && len(pc.Added) == 0 && unit == "characters":
		pc.Agreement = "the same characters; only punctuation, spacing or capitalisation differ"
	case len(pc.Omitted) == 0 && len(pc.Added) == 0:
		pc.Agreement = "identical apart from capitalisation"
	case len(pc.Added) == 0:
		pc.Agreement = fmt.Sprintf("the same %s, less %s", unit, quoteList(pc.Omitted))
	default:
		pc.Agreement = fmt.Sprintf("%d of %d %s in common; the summary leaves out %s and adds %s",
			pc.Common, pc.Words, unit, quoteList(pc.Omitted), quoteList(pc.Added))
	}
	return pc
}

func quoteList(spans []string) string {
	if len(spans) == 0 {
		return "nothing"
	}
	q := make([]string, len(spans))
	for i, s := range spans {
		q[i] = "“" + s + "”"
	}
	return strings.Join(q, ", ")
}

// Report is the cross-check as lines for the terminal.
func (cc CrossCheck) Report() []string {
	lines := []string{fmt.Sprintf("cross-check: %d items of source %s against %d points of %s (%s)",
		cc.Items, cc.Source, cc.Points, cc.Instrument, langName(cc.Lang))}
	if cc.Items != cc.Points {
		lines = append(lines, fmt.Sprintf("  counts differ: %d items, %d points; only the first %d are paired", cc.Items, cc.Points, len(cc.Pairs)))
	}
	for _, p := range cc.Pairs {
		lines = append(lines, fmt.Sprintf("  item %d ~ %s: %s", p.Item, p.Part, p.Agreement))
	}
	return lines
}
