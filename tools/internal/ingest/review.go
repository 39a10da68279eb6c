package ingest

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/annotated-data-initiatives/site/tools/internal/fileerr"
	"github.com/annotated-data-initiatives/site/tools/internal/manifest"
)

// ReviewPath is the editors' file of decisions on suggested alignments.
const ReviewPath = "data/alignments.toml"

// Decision is an editor's verdict on a coverage paragraph paraphrasing a
// part: confirmed matches are shown on the part's page as "as reported by".
type Decision struct {
	Source    string `toml:"source"`
	Paragraph int    `toml:"paragraph"`
	Part      string `toml:"part"`
	Verdict   string `toml:"verdict"` // confirmed | rejected

	Line int `toml:"-"`
}

// match is what a decision is about: one paragraph of a source and a part.
type match struct {
	source    string
	paragraph int
	part      string
}

func (d Decision) match() match { return match{d.Source, d.Paragraph, d.Part} }

// Reported is a confirmed match as the part's page shows it.
type Reported struct {
	Source    string
	Paragraph int
	Lang      string
	Text      string
}

// loadReview reads and validates the editors' decisions.
func loadReview(root string, r *Result) ([]Decision, error) {
	data, err := os.ReadFile(filepath.Join(root, ReviewPath))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fileerr.Rel(root, err)
	}
	var f struct {
		Decision []Decision `toml:"decision"`
	}
	doc, err := fileerr.DecodeTOML(ReviewPath, data, &f)
	if err != nil {
		return nil, err
	}
	if err := doc.Unknown(nil); err != nil {
		return nil, err
	}
	for i := range f.Decision {
		f.Decision[i].Line = doc.Line(fmt.Sprintf("decision[%d]", i))
	}
	seen := map[match]int{}
	for _, dec := range f.Decision {
		errf := func(format string, args ...any) error { return fileerr.At(ReviewPath, dec.Line, format, args...) }
		x := r.source(dec.Source)
		if x == nil || x.Source.Kind == manifest.KindOfficialText {
			return nil, errf("%q is not a source of news coverage", dec.Source)
		}
		if dec.Paragraph < 1 || dec.Paragraph > len(x.Paras[x.Source.Languages[0]]) {
			return nil, errf("source %s has no paragraph %d", dec.Source, dec.Paragraph)
		}
		if r.Part(dec.Part) == nil {
			return nil, errf("unknown part %q", dec.Part)
		}
		if dec.Verdict != "confirmed" && dec.Verdict != "rejected" {
			return nil, errf("verdict %q is not confirmed or rejected", dec.Verdict)
		}
		if prev, dup := seen[dec.match()]; dup {
			return nil, errf("the same match is decided on line %d", prev)
		}
		seen[dec.match()] = dec.Line
	}
	return f.Decision, nil
}

// source is the source of the manifest with that id, or nil.
func (r *Result) source(id string) *Extracted { return r.sourceIndex[id] }

// reported lists the confirmed matches of a part, in the order decided.
func (r *Result) reported(key string) []Reported {
	var out []Reported
	for _, d := range r.Decisions {
		if d.Part != key || d.Verdict != "confirmed" {
			continue
		}
		x := r.source(d.Source)
		lang := x.Source.Languages[0]
		out = append(out, Reported{Source: d.Source, Paragraph: d.Paragraph, Lang: lang, Text: x.Paras[lang][d.Paragraph-1].Text})
	}
	return out
}

// ReviewCounts says how many suggestions are confirmed, rejected or await
// an editor.
func (r *Result) ReviewCounts() (confirmed, rejected, pending int) {
	decided := map[match]string{}
	for _, d := range r.Decisions {
		decided[d.match()] = d.Verdict
	}
	for _, a := range r.Alignments {
		switch decided[match{a.Source, a.Paragraph, a.Part}] {
		case "confirmed":
			confirmed++
		case "rejected":
			rejected++
		default:
			pending++
		}
	}
	return
}
