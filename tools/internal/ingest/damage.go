package ingest

import (
	"fmt"
	"strings"

	"github.com/annotated-data-initiatives/site/tools/internal/clean"
	"github.com/annotated-data-initiatives/site/tools/internal/corpus"
	"github.com/annotated-data-initiatives/site/tools/internal/fileerr"
	"github.com/annotated-data-initiatives/site/tools/internal/manifest"
)

// checkDamage refuses text in Han characters that shows damage
// (clean.FindDamage) in the coverage sources: every such paragraph. The
// published texts are checked part by part as each instrument is made
// (checkPartDamage). The first damage found is an error at its place in
// the capture.
func checkDamage(r *Result) error {
	for _, x := range r.Sources {
		if x.Source.Kind == manifest.KindOfficialText {
			continue
		}
		for _, lang := range x.Source.Languages {
			if !corpus.IsHan(lang) {
				continue
			}
			for _, para := range x.Paras[lang] {
				d, ok := clean.FindDamage(para.Text)
				if !ok {
					continue
				}
				// Errata correct parts only, so a coverage paragraph is
				// left out of its section (captures are never edited).
				fix := "leave the line out (a section drop) or take a new capture"
				return damageError(x, para.File, para.Line, d, "a "+langName(lang)+" paragraph of source "+x.Source.ID, fix, r.opts)
			}
		}
	}
	return nil
}

// checkPartDamage refuses damage in the published text of an instrument's
// parts, after errata: run before the other captures are compared with
// that text, so that a damaged authority is named where it is damaged,
// not as a difference of the captures that are right.
func checkPartDamage(r *Result, ip InstrumentParts) error {
	var han []string
	for _, lang := range r.Manifest.Languages(ip.Instrument) {
		if corpus.IsHan(lang) {
			han = append(han, lang)
		}
	}
	for _, p := range ip.Parts {
		for _, lang := range han {
			d, ok := clean.FindDamage(p.Text[lang])
			if !ok {
				continue
			}
			x := r.source(p.Source[lang])
			fix := "add an erratum or fix the capture"
			return damageError(x, p.File[lang], p.Line[lang], d, "the "+langName(lang)+" text of "+p.Key, fix, r.opts)
		}
	}
	return nil
}

// damageError is the error for damage d in a text of capture x that starts
// on line of file (one of the capture's files, from the project root; ""
// for its first). The column is the rune column of the damaged span in that line
// of the capture as decoded (as the capture was first read, then with the
// capture's folded punctuation and its conversion to Simplified, which are
// one character for one); when the span cannot be found there (pinyin
// stripped before it, a text made of several lines), it is the column of
// the damage within the cleaned paragraph instead.
func damageError(x *Extracted, file string, line int, d clean.Damage, where, fix string, opts Options) error {
	if file == "" {
		file = x.Path
	}
	what := fmt.Sprintf("%s %q (%s)", d.What, d.Text, d.Why)
	col := d.Col
	if c, ok := columnInCapture(x, file, line, d.Text, opts); ok {
		col = c
	}
	return &fileerr.Error{File: file, Line: line, Col: col, Msg: fmt.Sprintf("%s in %s; %s", what, where, fix)}
}

// columnInCapture finds span in line n of the capture's file (from the
// project root) and returns its rune column there, from 1.
func columnInCapture(x *Extracted, file string, n int, span string, opts Options) (int, bool) {
	f := x.file(file)
	if f == nil {
		return 0, false
	}
	text := f.Text
	lines := strings.Split(text, "\n")
	if n < 1 || n > len(lines) {
		return 0, false
	}
	raw := lines[n-1]
	variants := []string{raw}
	if x.Source.Clean.Convert == "tw2s" && opts.ToSimplified != nil {
		variants = append(variants, opts.ToSimplified(raw))
	}
	for _, v := range variants {
		for _, s := range []string{span, foldPunct(span)} {
			if i := strings.Index(v, s); i >= 0 && len([]rune(v)) == len([]rune(raw)) {
				return len([]rune(v[:i])) + 1, true
			}
		}
	}
	return 0, false
}

// foldPunct turns full-width punctuation back into the ASCII the captures
// folded it to, so that a span of the cleaned text is found in the capture.
var foldPunct = strings.NewReplacer("，", ",", "：", ":", "；", ";", "？", "?", "！", "!", "（", "(", "）", ")").Replace
