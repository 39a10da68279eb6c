package ingest

import (
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/annotated-data-initiatives/site/tools/internal/clean"
	"github.com/annotated-data-initiatives/site/tools/internal/fileerr"
	"github.com/annotated-data-initiatives/site/tools/internal/manifest"
	"github.com/annotated-data-initiatives/site/tools/internal/textin"
)

// Para is a cleaned paragraph of a capture in one language.
type Para struct {
	Lang string
	Text string
	// Line is the line of the capture the paragraph comes from.
	Line int
	// Listed is true when a list marker was removed from its start.
	Listed bool
}

// Extracted is what ingest made of one capture.
type Extracted struct {
	Source   *manifest.Source
	Path     string // the capture, relative to the project root
	SHA256   string
	Encoding string
	Paras    map[string][]Para // by language, in document order
	Steps    []string          // the cleaning applied, for readers
}

// extract reads one capture and cleans it with the rules its manifest entry
// switches on.
func extract(m *manifest.Manifest, root string, s *manifest.Source, opts Options) (*Extracted, error) {
	rel := relPath(root, filepath.Join(m.Dir, filepath.FromSlash(s.File)))
	data, err := textin.ReadLocal(m.Dir, filepath.ToSlash(filepath.Dir(m.Path)), s.File)
	if err != nil {
		return nil, fileerr.At(m.Path, s.Line, "source %s: cannot read %s: %v", s.ID, rel, fileerr.Rel(root, err))
	}
	return extractData(rel, data, s, opts)
}

// extractData is extract on a capture's bytes; rel names it in messages.
func extractData(rel string, data []byte, s *manifest.Source, opts Options) (*Extracted, error) {
	text, enc, err := textin.Decode(rel, data, s.Encoding)
	if err != nil {
		return nil, err
	}
	x := &Extracted{Source: s, Path: rel, SHA256: hashText(string(data)), Encoding: enc, Paras: map[string][]Para{}}
	if s.Encoding == "" {
		x.step("detected the encoding as %s", enc)
	}

	var lines []textin.Line
	if s.Format == "html" {
		lines, err = textin.HTMLLines(rel, text, s.Selector)
		if err != nil {
			return nil, err
		}
		x.step("read the text of the HTML node %s", s.Selector)
	} else {
		lines = textin.Lines(text)
	}
	nonBlank := 0
	for _, l := range lines {
		if l.Text != "" {
			nonBlank++
		}
	}

	sections := s.Sections
	if len(sections) == 0 {
		sections = []manifest.Section{{}}
	}
	kept := 0
	for i, sec := range sections {
		body, err := cut(rel, lines, sec)
		if err != nil {
			return nil, err
		}
		kept += len(body)
		if s.Layout == manifest.LayoutSequential {
			if len(body) == 0 {
				return nil, fmt.Errorf("%s: source %s: section %d (%s) is empty", rel, s.ID, i+1, sec.Lang)
			}
			x.step("took the %s text from lines %d–%d", langName(sec.Lang), body[0].N, body[len(body)-1].N)
		} else if sec.Start != "" || sec.End != "" {
			x.step("took the document from lines %d–%d", body[0].N, body[len(body)-1].N)
		}
		for _, l := range body {
			switch s.Layout {
			case manifest.LayoutInterleaved:
				a, b, ok := clean.SplitInterleaved(l.Text)
				if !ok {
					return nil, fmt.Errorf("%s:%d: source %s: cannot split this line into %s and %s text", rel, l.N, s.ID, langName(s.Languages[0]), langName(s.Languages[1]))
				}
				x.add(s.Languages[0], a, l.N)
				x.add(s.Languages[1], b, l.N)
			case manifest.LayoutSequential:
				x.add(sec.Lang, l.Text, l.N)
			default:
				x.add(s.Languages[0], l.Text, l.N)
			}
		}
	}
	if dropped := nonBlank - kept; dropped > 0 {
		x.step("left out %d lines of page chrome, headings and unrelated links outside the document", dropped)
	}
	if s.Layout == manifest.LayoutInterleaved {
		x.step("split each line into its %s and %s text", langName(s.Languages[0]), langName(s.Languages[1]))
	}
	if err := x.clean(opts.ToSimplified); err != nil {
		return nil, err
	}
	return x, nil
}

// cut returns the non-blank lines of a section: from the first line matching
// Start to the first line after it matching End, less the lines matching a
// Drop pattern.
func cut(file string, lines []textin.Line, sec manifest.Section) ([]textin.Line, error) {
	from, to := 0, len(lines)
	if sec.Start != "" {
		re := regexp.MustCompile(sec.Start)
		from = -1
		for i, l := range lines {
			if re.MatchString(l.Text) {
				from = i
				break
			}
		}
		if from < 0 {
			return nil, fmt.Errorf("%s: the start pattern %q matches no line", file, sec.Start)
		}
	}
	if sec.End != "" {
		re := regexp.MustCompile(sec.End)
		to = -1
		for i := from; i < len(lines); i++ {
			if re.MatchString(lines[i].Text) {
				to = i + 1
				break
			}
		}
		if to < 0 {
			return nil, fmt.Errorf("%s: the end pattern %q matches no line after line %d", file, sec.End, lines[from].N)
		}
	}
	var drops []*regexp.Regexp
	for _, d := range sec.Drop {
		drops = append(drops, regexp.MustCompile(d))
	}
	var out []textin.Line
next:
	for _, l := range lines[from:to] {
		if l.Text == "" {
			continue
		}
		for _, d := range drops {
			if d.MatchString(l.Text) {
				continue next
			}
		}
		out = append(out, l)
	}
	return out, nil
}

func (x *Extracted) add(lang, text string, line int) {
	x.Paras[lang] = append(x.Paras[lang], Para{Lang: lang, Text: text, Line: line})
}

func (x *Extracted) step(format string, args ...any) {
	x.Steps = append(x.Steps, fmt.Sprintf(format, args...))
}

// clean applies the per-language rules to every paragraph.
func (x *Extracted) clean(toSimplified func(string) string) error {
	c := x.Source.Clean
	var pinyin, marked, converted, punct, nfc, split int
	for _, lang := range x.Source.Languages {
		if c.SplitInline != "" {
			paras, n, err := x.splitInline(x.Paras[lang], c.SplitInline)
			if err != nil {
				return err
			}
			x.Paras[lang], split = paras, split+n
		}
		paras := x.Paras[lang]
		for i := range paras {
			p := &paras[i]
			t := p.Text
			if c.ListMarker != "" {
				var ok bool
				if t, ok = clean.StripMarker(t, c.ListMarker); ok {
					p.Listed = true
					marked++
				}
			}
			if lang == manifest.Chinese {
				if c.StripPinyin {
					var n int
					t, n = clean.StripPinyin(t)
					pinyin += n
				}
				if c.Convert == "tw2s" {
					s := toSimplified(t)
					converted += runeDiff(t, s)
					t = s
				}
				if c.RestorePunctuation {
					var n int
					t, n = clean.RestorePunctuation(t)
					punct += n
				}
			}
			var changed bool
			if t, changed = clean.NFC(t); changed {
				nfc++
			}
			if t == "" {
				return fmt.Errorf("%s:%d: source %s: the paragraph is empty after cleaning", x.Path, p.Line, x.Source.ID)
			}
			p.Text = t
		}
	}
	if split > 0 {
		x.step("split %d paragraphs holding a list written on one line at each %q, one paragraph per item", split, c.SplitInline)
	}
	if marked > 0 {
		x.step("removed the list marker %q from %d paragraphs", c.ListMarker, marked)
	}
	hasChinese := slices.Contains(x.Source.Languages, manifest.Chinese)
	if c.StripPinyin && hasChinese {
		x.step("removed %d pinyin annotations inserted in parentheses after characters", pinyin)
	}
	if c.Convert == "tw2s" && hasChinese {
		x.step("converted Traditional characters to Simplified with OpenCC's Taiwan-standard dictionaries (tw2s): %d characters changed", converted)
	}
	if c.RestorePunctuation && hasChinese {
		x.step("restored %d full-width punctuation marks in the Chinese text", punct)
	}
	x.step("normalised to Unicode NFC (%d paragraphs changed)", nfc)
	return nil
}

// splitInline splits each paragraph holding marker twice or more at every
// marker: the text before the first marker, if any, stays a paragraph of its
// own; each item after a marker becomes a paragraph marked as a list item.
// Every piece keeps the capture line of its paragraph. It returns how many
// paragraphs were split.
func (x *Extracted) splitInline(paras []Para, marker string) ([]Para, int, error) {
	var out []Para
	n := 0
	for _, p := range paras {
		if strings.Count(p.Text, marker) < 2 {
			out = append(out, p)
			continue
		}
		n++
		pieces := strings.Split(p.Text, marker)
		if lead := strings.TrimSpace(pieces[0]); lead != "" {
			q := p
			q.Text = lead
			out = append(out, q)
		}
		for k, item := range pieces[1:] {
			item = strings.TrimSpace(item)
			if item == "" {
				return nil, 0, fmt.Errorf("%s:%d: source %s: item %d of the list written on this line is empty (split_inline %q)", x.Path, p.Line, x.Source.ID, k+1, marker)
			}
			q := p
			q.Text, q.Listed = item, true
			out = append(out, q)
		}
	}
	return out, n, nil
}

// runeDiff counts the positions at which two strings of equal rune length
// differ; OpenCC's conversions here are one character for one.
func runeDiff(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra) != len(rb) {
		return max(len(ra), len(rb))
	}
	n := 0
	for i := range ra {
		if ra[i] != rb[i] {
			n++
		}
	}
	return n
}

func langName(lang string) string {
	switch lang {
	case manifest.English:
		return "English"
	case manifest.Chinese:
		return "Chinese"
	}
	return lang
}

func relPath(root, path string) string {
	if r, err := filepath.Rel(root, path); err == nil && !strings.HasPrefix(r, "..") {
		return filepath.ToSlash(r)
	}
	return path
}
