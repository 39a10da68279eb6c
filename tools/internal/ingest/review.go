package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/BurntSushi/toml"

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
		return nil, err
	}
	var f struct {
		Decision []Decision `toml:"decision"`
	}
	md, err := toml.Decode(string(data), &f)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, fmt.Errorf("%s:%d: %s", ReviewPath, pe.Position.Line, pe.Message)
		}
		return nil, fmt.Errorf("%s: %v", ReviewPath, err)
	}
	lines := bytes.Split(data, []byte("\n"))
	if und := md.Undecoded(); len(und) > 0 {
		return nil, fmt.Errorf("%s:%d: unknown key %q", ReviewPath, keyLine(lines, und[0][len(und[0])-1]), und[0].String())
	}
	d := 0
	for n, l := range lines {
		if string(bytes.TrimSpace(l)) == "[[decision]]" && d < len(f.Decision) {
			f.Decision[d].Line = n + 1
			d++
		}
	}
	seen := map[match]int{}
	for _, dec := range f.Decision {
		at := fmt.Sprintf("%s:%d", ReviewPath, dec.Line)
		x := r.source(dec.Source)
		if x == nil || x.Source.Kind == manifest.KindOfficialText {
			return nil, fmt.Errorf("%s: %q is not a source of news coverage", at, dec.Source)
		}
		if dec.Paragraph < 1 || dec.Paragraph > len(x.Paras[x.Source.Languages[0]]) {
			return nil, fmt.Errorf("%s: source %s has no paragraph %d", at, dec.Source, dec.Paragraph)
		}
		if r.Part(dec.Part) == nil {
			return nil, fmt.Errorf("%s: unknown part %q", at, dec.Part)
		}
		if dec.Verdict != "confirmed" && dec.Verdict != "rejected" {
			return nil, fmt.Errorf("%s: verdict %q is not confirmed or rejected", at, dec.Verdict)
		}
		if prev, dup := seen[dec.match()]; dup {
			return nil, fmt.Errorf("%s: the same match is decided on line %d", at, prev)
		}
		seen[dec.match()] = dec.Line
	}
	return f.Decision, nil
}

func (r *Result) source(id string) *Extracted {
	for _, x := range r.Sources {
		if x.Source.ID == id {
			return x
		}
	}
	return nil
}

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

func keyLine(lines [][]byte, key string) int {
	for n, l := range lines {
		t := bytes.TrimSpace(l)
		if bytes.HasPrefix(t, []byte(key)) && bytes.Contains(t, []byte("=")) {
			return n + 1
		}
	}
	return 0
}
