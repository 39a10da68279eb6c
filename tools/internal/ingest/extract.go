package ingest

import (
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/annotated-data-initiatives/site/tools/internal/clean"
	"github.com/annotated-data-initiatives/site/tools/internal/corpus"
	"github.com/annotated-data-initiatives/site/tools/internal/fileerr"
	"github.com/annotated-data-initiatives/site/tools/internal/manifest"
	"github.com/annotated-data-initiatives/site/tools/internal/textin"
)

// Para is a cleaned paragraph of a capture in one language.
type Para struct {
	Lang string
	Text string
	// File is the capture file the paragraph comes from, relative to the
	// project root (one of the source's files when it has several), and
	// Line the line of that file.
	File string
	Line int
	// Listed is true when a list marker was removed from its start.
	Listed bool
}

// Extracted is what ingest made of one capture.
type Extracted struct {
	Source   *manifest.Source
	Path     string // the (first) capture file, relative to the project root
	SHA256   string // of the capture when it is one file
	Encoding string
	// Files are the capture's files in reading order, each once.
	Files []CaptureFile
	Paras map[string][]Para // by language, in document order
	Steps []string          // the cleaning applied, for readers
}

// CaptureFile is one file of a capture.
type CaptureFile struct {
	Name   string // as the manifest names it
	Path   string // relative to the project root
	SHA256 string
	// Text is the file as decoded, before any cleaning: the checks that
	// place a problem in the capture (damage, titles) read it, not the file
	// again.
	Text string
	// offset is the number of lines of the files before it: the joined
	// capture's line offset+n is line n of this file.
	offset int
}

// Paged reports whether the capture was taken in several files.
func (x *Extracted) Paged() bool { return len(x.Files) > 1 }

// shownFile names, in the records, the file a paragraph at path (relative
// to the project root) comes from, as the manifest names it; "" when the
// capture is one file, whose name the source's record gives.
func (x *Extracted) shownFile(path string) string {
	if !x.Paged() {
		return ""
	}
	for _, f := range x.Files {
		if f.Path == path {
			return f.Name
		}
	}
	return path
}

// at maps a line of the joined capture to its file and line there.
func (x *Extracted) at(n int) (*CaptureFile, int) {
	for i := len(x.Files) - 1; i > 0; i-- {
		if n > x.Files[i].offset {
			return &x.Files[i], n - x.Files[i].offset
		}
	}
	return &x.Files[0], n - x.Files[0].offset
}

// pos is a line of the joined capture as messages name it, "file:line".
func (x *Extracted) pos(n int) string {
	f, l := x.at(n)
	return fmt.Sprintf("%s:%d", f.Path, l)
}

// span names the lines a to b of the joined capture for readers: "lines
// a–b", with the files' names when the capture has several.
func (x *Extracted) span(a, b int) string {
	if !x.Paged() {
		return fmt.Sprintf("lines %d–%d", a, b)
	}
	fa, la := x.at(a)
	fb, lb := x.at(b)
	return fmt.Sprintf("%s line %d to %s line %d", fa.Name, la, fb.Name, lb)
}

// capturePage is one file of a capture, read.
type capturePage struct {
	name, rel string
	data      []byte
}

// extract reads one capture, in one file or several, and cleans it with the
// rules its manifest entry switches on.
func extract(m *manifest.Manifest, root string, s *manifest.Source, opts Options) (*Extracted, error) {
	var pages []capturePage
	for _, f := range s.Captures() {
		rel := relPath(root, filepath.Join(m.Dir, filepath.FromSlash(f)))
		data, err := textin.ReadLocal(m.Dir, filepath.ToSlash(filepath.Dir(m.Path)), f)
		if err != nil {
			return nil, fileerr.At(m.Path, s.Line, "source %s: cannot read %s: %v", s.ID, rel, fileerr.Rel(root, err))
		}
		pages = append(pages, capturePage{f, rel, data})
	}
	return extractPages(pages, s, opts)
}

// extractData is extract on a capture's bytes; rel names it in messages.
func extractData(rel string, data []byte, s *manifest.Source, opts Options) (*Extracted, error) {
	return extractPages([]capturePage{{s.File, rel, data}}, s, opts)
}

// extractPages is extract on the bytes of a capture's files, joined in
// order as one capture.
func extractPages(pages []capturePage, s *manifest.Source, opts Options) (*Extracted, error) {
	x := &Extracted{Source: s, Path: pages[0].rel, Paras: map[string][]Para{}}
	var lines []textin.Line
	offset := 0
	for i, pg := range pages {
		text, enc, err := textin.Decode(pg.rel, pg.data, s.Encoding)
		if err != nil {
			return nil, err
		}
		if i == 0 {
			x.Encoding = enc
		} else if enc != x.Encoding {
			return nil, fmt.Errorf("%s: source %s: this file reads as %s but %s as %s; one capture has one encoding", pg.rel, s.ID, enc, pages[0].rel, x.Encoding)
		}
		x.Files = append(x.Files, CaptureFile{Name: pg.name, Path: pg.rel, SHA256: hashText(string(pg.data)), Text: text, offset: offset})
		var pl []textin.Line
		if s.Format == "html" {
			pl, err = textin.HTMLLines(pg.rel, text, s.Selector)
			if err != nil {
				return nil, err
			}
		} else {
			pl = textin.Lines(text)
		}
		last := 0
		for _, l := range pl {
			last = max(last, l.N)
			l.N += offset
			lines = append(lines, l)
		}
		offset += last
	}
	if !x.Paged() {
		x.SHA256 = x.Files[0].SHA256
	}
	if x.Paged() {
		names := make([]string, len(x.Files))
		for i, f := range x.Files {
			names[i] = f.Name
		}
		x.step("read %d files in order as one capture: %s", len(x.Files), strings.Join(names, ", "))
	}
	if s.Encoding == "" {
		x.step("detected the encoding as %s", x.Encoding)
	}
	if s.Format == "html" {
		x.step("read the text of the HTML node %s", s.Selector)
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
		body, err := x.cut(lines, sec)
		if err != nil {
			return nil, err
		}
		kept += len(body)
		if s.Layout == manifest.LayoutSequential {
			if len(body) == 0 {
				return nil, fmt.Errorf("%s: source %s: section %d (%s) is empty", x.Path, s.ID, i+1, sec.Lang)
			}
			x.step("took the %s text from %s", langName(sec.Lang), x.span(body[0].N, body[len(body)-1].N))
		} else if sec.Start != "" || sec.End != "" {
			x.step("took the document from %s", x.span(body[0].N, body[len(body)-1].N))
		}
		for _, l := range body {
			switch s.Layout {
			case manifest.LayoutInterleaved:
				a, b, ok := clean.SplitInterleaved(l.Text)
				if !ok {
					return nil, fmt.Errorf("%s: source %s: cannot split this line into %s and %s text", x.pos(l.N), s.ID, langName(s.Languages[0]), langName(s.Languages[1]))
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
func (x *Extracted) cut(lines []textin.Line, sec manifest.Section) ([]textin.Line, error) {
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
			return nil, fmt.Errorf("%s: the start pattern %q matches no line", x.Path, sec.Start)
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
			f, n := x.at(lines[from].N)
			return nil, fmt.Errorf("%s: the end pattern %q matches no line after line %d", f.Path, sec.End, n)
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

// add appends a paragraph read at line n of the joined capture.
func (x *Extracted) add(lang, text string, n int) {
	f, line := x.at(n)
	x.Paras[lang] = append(x.Paras[lang], Para{Lang: lang, Text: text, File: f.Path, Line: line})
}

func (x *Extracted) step(format string, args ...any) {
	x.Steps = append(x.Steps, fmt.Sprintf(format, args...))
}

// clean applies the per-language rules to every paragraph.
func (x *Extracted) clean(toSimplified func(string) string) error {
	c := x.Source.Clean
	var pinyin, marked, converted, punct, nfc, split int
	for _, lang := range x.Source.Languages {
		han := corpus.IsHan(lang)
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
			if han {
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
				return fmt.Errorf("%s:%d: source %s: the paragraph is empty after cleaning", p.File, p.Line, x.Source.ID)
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
	hasChinese := slices.ContainsFunc(x.Source.Languages, corpus.IsHan)
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
				return nil, 0, fmt.Errorf("%s:%d: source %s: item %d of the list written on this line is empty (split_inline %q)", p.File, p.Line, x.Source.ID, k+1, marker)
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

// langName names a language, given its locale, in English for messages:
// "English", "Chinese" (the language, not its script: a site publishes
// one form of each language).
func langName(locale string) string {
	tag, err := language.Parse(locale)
	if err != nil {
		return locale
	}
	base, _ := tag.Base()
	return display.English.Languages().Name(base)
}

func relPath(root, path string) string {
	if r, err := filepath.Rel(root, path); err == nil && !strings.HasPrefix(r, "..") {
		return filepath.ToSlash(r)
	}
	return path
}

// file is the capture file with a path (from the project root); the first
// when path is empty.
func (x *Extracted) file(path string) *CaptureFile {
	for i := range x.Files {
		if path == "" || x.Files[i].Path == path {
			return &x.Files[i]
		}
	}
	return nil
}
