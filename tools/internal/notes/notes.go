// Package notes reads the editors' commentary (content/<lang>/notes/*.md)
// and checks it against the generated parts: every note must name parts that
// exist and quote their text exactly; a note written against text that has
// since changed, or a note without its translation, is reported so that no
// note is lost or silently left attached to different words.
package notes

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/annotated-data-initiatives/site/tools/internal/bidi"
	"github.com/annotated-data-initiatives/site/tools/internal/corpus"
	"github.com/annotated-data-initiatives/site/tools/internal/fileerr"
)

// Types of note.
var Types = []string{"analysis", "translation", "context", "cross-reference"}

// Note is one note file.
type Note struct {
	Path   string // relative to the project root
	Dir    string // content language folder: "en" or "zh"
	Lang   string // "en" or "zh-Hans"
	Slug   string
	Title  string
	Date   time.Time
	Key    string // translationKey
	Type   string
	Parts  []string
	Author string
	Quote  string
	Hashes map[string]string
	Body   string
	// BodyLine is the line of the file on which Body starts.
	BodyLine int
	// Broken is set for a file whose front matter could not be read: its
	// problem is reported by Load, and Check only counts it as present.
	Broken bool

	text []byte
}

type frontMatter struct {
	Title          string    `toml:"title"`
	Date           time.Time `toml:"date"`
	TranslationKey string    `toml:"translationKey"`
	Params         struct {
		Type   string            `toml:"type"`
		Parts  []string          `toml:"parts"`
		Author string            `toml:"author"`
		Quote  string            `toml:"quote"`
		Hashes map[string]string `toml:"hashes"`
	} `toml:"params"`
}

// Problem is an error or warning about a note, at its place (the one
// file:line error type, fileerr.Error).
type Problem struct {
	fileerr.Error
	Warning bool
}

func (p Problem) String() string {
	kind := "error"
	if p.Warning {
		kind = "warning"
	}
	if p.Line > 0 {
		return fmt.Sprintf("%s:%d: %s: %s", p.File, p.Line, kind, p.Msg)
	}
	return fmt.Sprintf("%s: %s: %s", p.File, kind, p.Msg)
}

// Load reads every note under root/content/<lang>/notes for the site's
// languages, in their order. Files that cannot be parsed are returned as
// problems, not as notes.
func Load(root string, langs []corpus.Lang) ([]*Note, []Problem, error) {
	var out []*Note
	var problems []Problem
	for _, l := range langs {
		dir, lang := l.Key, l.Locale
		base := filepath.Join(root, "content", dir, "notes")
		err := filepath.WalkDir(base, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if errors.Is(err, fs.ErrNotExist) && p == base {
					return fs.SkipDir
				}
				return err
			}
			if d.IsDir() || !strings.HasSuffix(p, ".md") || d.Name() == "_index.md" {
				return nil
			}
			rel, _ := filepath.Rel(root, p)
			rel = filepath.ToSlash(rel)
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			n, prob := Parse(rel, data)
			if prob != nil {
				problems = append(problems, *prob)
				n = &Note{Path: rel, Slug: strings.TrimSuffix(d.Name(), ".md"), Broken: true}
			}
			n.Dir, n.Lang = dir, lang
			out = append(out, n)
			return nil
		})
		if err != nil {
			return nil, nil, fileerr.Rel(root, err)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out, problems, nil
}

// frontMatterKeys are the top-level keys a note may set; everything else
// is the editors' own, under [params].
var frontMatterKeys = []string{"title", "date", "translationKey", "params"}

// publishingKeys are the front matter keys with which Hugo would change
// where a page is published (url, slug, aliases, path, lang), how (type,
// layout, outputs), or whether (draft, build, dates, headless, sitemap), or
// what other pages inherit from it (cascade). Hugo reads keys regardless
// of case, and so does the check. The site publishes every note the same
// way, at /<lang>/notes/<file name>/, so a note may set none of them.
var publishingKeys = []string{
	"url", "slug", "aliases", "type", "layout", "outputs", "draft", "build", "_build",
	"cascade", "sitemap", "publishDate", "pubDate", "published", "expiryDate",
	"unpublishDate", "headless", "lang", "path",
}

var utf8BOM = []byte("\xEF\xBB\xBF")

// Parse reads one note's TOML front matter and body. A byte order mark,
// which some editors save, is skipped, as Hugo does.
func Parse(path string, data []byte) (*Note, *Problem) {
	text := bytes.ReplaceAll(bytes.TrimPrefix(data, utf8BOM), []byte("\r\n"), []byte("\n"))
	if !bytes.HasPrefix(text, []byte("+++\n")) {
		return nil, &Problem{Error: fileerr.Error{File: path, Line: 1, Msg: "a note starts with TOML front matter between +++ lines"}}
	}
	end := bytes.Index(text[4:], []byte("\n+++\n"))
	if end < 0 {
		return nil, &Problem{Error: fileerr.Error{File: path, Line: 1, Msg: "front matter is not closed by a +++ line"}}
	}
	fm := text[4 : 4+end+1]
	body := string(text[4+end+5:])
	var f frontMatter
	// The front matter starts on the note's second line.
	problem := func(err error) *Problem {
		var e *fileerr.Error
		if errors.As(err, &e) {
			return &Problem{Error: fileerr.Error{File: path, Line: e.Line + 1, Msg: e.Msg}}
		}
		return &Problem{Error: fileerr.Error{File: path, Line: 1, Msg: err.Error()}}
	}
	doc, err := fileerr.DecodeTOML(path, fm, &f)
	if err != nil {
		return nil, problem(err)
	}
	for _, k := range doc.Undecoded() {
		if k[0] == "params" && (len(k) == 1 || k[1] == "hashes") {
			continue // hashes are keyed by part
		}
		line := doc.First(k.String()) + 1
		if len(k) >= 1 && k[0] != "params" {
			if i := slices.IndexFunc(publishingKeys, func(p string) bool { return strings.EqualFold(p, k[0]) }); i >= 0 {
				return nil, &Problem{Error: fileerr.Error{File: path, Line: line, Msg: fmt.Sprintf("front matter key %q would change where or whether the note is published; every note is published the same way, so remove it", k[0])}}
			}
			return nil, &Problem{Error: fileerr.Error{File: path, Line: line, Msg: fmt.Sprintf("unknown front matter key %q: a note sets %s, and its own fields under [params]", k.String(), strings.Join(frontMatterKeys, ", "))}}
		}
		return nil, &Problem{Error: fileerr.Error{File: path, Line: line, Msg: fmt.Sprintf("unknown front matter key %q", k.String())}}
	}
	slug := strings.TrimSuffix(filepath.Base(path), ".md")
	return &Note{
		Path: path, Slug: slug, Title: f.Title, Date: f.Date, Key: f.TranslationKey,
		Type: f.Params.Type, Parts: f.Params.Parts, Author: f.Params.Author, Quote: f.Params.Quote,
		Hashes: f.Params.Hashes, Body: body, BodyLine: bytes.Count(text[:4+end+5], []byte("\n")) + 1, text: text,
	}, nil
}

// lineOf is the first line of text that assigns key, or 0.
func lineOf(text []byte, key string) int {
	re := regexp.MustCompile(`^\s*"?` + regexp.QuoteMeta(key) + `"?\s*=`)
	for i, l := range bytes.Split(text, []byte("\n")) {
		if re.Match(l) {
			return i + 1
		}
	}
	return 0
}

// Line is where key is set in the note, for messages.
func (n *Note) Line(key string) int { return lineOf(n.text, key) }

var rawHTML = regexp.MustCompile(`(?i)<\s*/?\s*[a-z][a-z0-9-]*[\s>/]`)

// shortcode is a shortcode call, {{< name … >}} or {{% name … %}}, up to
// its closing delimiter (or the end of its line when it has none).
var shortcode = regexp.MustCompile(`\{\{\s*[<%](?:[^\n]*?[>%]\s*\}\}|[^\n]*)`)

// bodyLineAt is the line of the file at byte offset i of the body.
func (n *Note) bodyLineAt(i int) int {
	return n.BodyLine + strings.Count(n.Body[:i], "\n")
}

// excerpt is body[i:j] (j capped at its end), at most one line and 60
// characters, for a message.
func excerpt(body string, i, j int) string {
	s := body[i:min(j, len(body))]
	if k := strings.IndexByte(s, '\n'); k >= 0 && k < len(s)-1 {
		s = s[:k+1]
	}
	if r := []rune(s); len(r) > 60 {
		s = string(r[:60]) + "…"
	}
	return s
}

// Check validates notes against the parts. Errors: a note that names an
// unknown part, quotes text that is not in its parts, lacks a required field
// or has an unknown type. Warnings: a part whose text changed since the note
// recorded its hash, a note without its translation, raw HTML (not rendered).
func Check(all []*Note, langs []corpus.Lang, parts map[string]corpus.Part) []Problem {
	var probs []Problem
	errf := func(n *Note, key, format string, args ...any) {
		probs = append(probs, Problem{Error: fileerr.Error{File: n.Path, Line: n.Line(key), Msg: fmt.Sprintf(format, args...)}})
	}
	warnf := func(n *Note, key, format string, args ...any) {
		probs = append(probs, Problem{Error: fileerr.Error{File: n.Path, Line: n.Line(key), Msg: fmt.Sprintf(format, args...)}, Warning: true})
	}
	byDirSlug := map[string]*Note{}
	for _, n := range all {
		byDirSlug[n.Dir+"/"+n.Slug] = n
	}
	for _, n := range all {
		if n.Broken {
			continue
		}
		if n.Title == "" {
			errf(n, "title", "title is missing")
		}
		if msg := bidi.Check("title", n.Title); msg != "" {
			errf(n, "title", "%s", msg)
		}
		// The translation key pairs the languages of a note; another key
		// would pair it with some other page, or with another note.
		if want := "note/" + n.Slug; n.Key != "" && n.Key != want {
			errf(n, "translationKey", "translationKey %q: a note's is %q, which pairs its two languages", n.Key, want)
		}
		if n.Date.IsZero() {
			errf(n, "date", "date is missing")
		}
		if n.Author == "" {
			errf(n, "author", "author is missing")
		}
		if !slices.Contains(Types, n.Type) {
			errf(n, "type", "type %q is not one of %s", n.Type, strings.Join(Types, ", "))
		}
		if len(n.Parts) == 0 {
			errf(n, "parts", "parts is missing: name the parts the note is about, e.g. [\"<instrument>/point_3\"]")
		}
		quoted := n.Quote == ""
		for _, key := range n.Parts {
			p, ok := parts[key]
			if !ok {
				errf(n, "parts", "unknown part %q", key)
				continue
			}
			if n.Quote != "" && strings.Contains(p.Text[n.Lang], n.Quote) {
				quoted = true
			}
			switch h, ok := n.Hashes[key]; {
			case !ok:
				warnf(n, "parts", "no hash recorded for %s; when the note is checked against its current text, add %q = %q under [params.hashes]", key, key, p.Hash[n.Lang])
			case h != p.Hash[n.Lang]:
				warnf(n, key, "the text of %s has changed since this note was written; re-read the note, then confirm it by setting the hash to %q", key, p.Hash[n.Lang])
			}
		}
		if !quoted {
			errf(n, "quote", "quote %q is not found in the %s text of %s", n.Quote, n.Lang, strings.Join(n.Parts, ", "))
		}
		for key := range n.Hashes {
			if !slices.Contains(n.Parts, key) {
				errf(n, key, "hash recorded for %s, which is not in parts", key)
			}
		}
		for _, other := range langs {
			if other.Key != n.Dir && byDirSlug[other.Key+"/"+n.Slug] == nil {
				warnf(n, "", "no %s version (content/%s/notes/%s.md); readers of that language see this one, labelled", other.Locale, other.Key, n.Slug)
			}
		}
		// The languages of a note are one note: the same parts in each, so
		// that no part shows the note in one language and not the other.
		// Each later language's file is compared with the first's.
		if first := firstVersion(n, langs, byDirSlug); first != nil && !first.Broken && !sameParts(first.Parts, n.Parts) {
			errf(n, "parts", "parts %s differ from %s:%d (%s): a note's languages annotate the same parts", quoteList(n.Parts), first.Path, first.Line("parts"), quoteList(first.Parts))
		}
		// Hugo runs a shortcode wherever it stands, code blocks included;
		// its embedded ones put other hosts' images, frames and scripts in
		// the page, or fetch from them at build time. A note is text.
		calls := shortcode.FindAllStringIndex(n.Body, -1)
		for _, loc := range calls {
			probs = append(probs, Problem{Error: fileerr.Error{File: n.Path, Line: n.bodyLineAt(loc[0]), Msg: fmt.Sprintf("shortcode %s: a note cannot call shortcodes (they embed or fetch content from other hosts); write a Markdown link instead", excerpt(n.Body, loc[0], loc[1]))}})
		}
		// Every tag at its line, so that one pass fixes them all (a
		// shortcode's delimiters are reported as the shortcode).
		for _, loc := range rawHTML.FindAllStringIndex(n.Body, -1) {
			if slices.ContainsFunc(calls, func(c []int) bool { return c[0] <= loc[0] && loc[0] < c[1] }) {
				continue
			}
			probs = append(probs, Problem{Error: fileerr.Error{File: n.Path, Line: n.bodyLineAt(loc[0]), Msg: fmt.Sprintf("raw HTML in the body is not rendered: %q", excerpt(n.Body, loc[0], loc[1]+20))}, Warning: true})
		}
	}
	sortProblems(probs)
	return probs
}

// firstVersion is the note's file in the first language that has one, when
// that is not n itself.
func firstVersion(n *Note, langs []corpus.Lang, byDirSlug map[string]*Note) *Note {
	for _, l := range langs {
		if f := byDirSlug[l.Key+"/"+n.Slug]; f != nil {
			if f == n {
				return nil
			}
			return f
		}
	}
	return nil
}

// sameParts reports whether two lists name the same parts, in any order.
func sameParts(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(slices.Compact(a), slices.Compact(b))
}

// quoteList writes parts as TOML would: ["a", "b"].
func quoteList(parts []string) string {
	q := make([]string, len(parts))
	for i, p := range parts {
		q[i] = strconv.Quote(p)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// sortProblems puts problems in file order: by path, then line.
func sortProblems(probs []Problem) {
	sort.SliceStable(probs, func(i, j int) bool {
		if probs[i].File != probs[j].File {
			return probs[i].File < probs[j].File
		}
		return probs[i].Line < probs[j].Line
	})
}

// LoadAndCheck reads every note under root and checks it against parts:
// the problems of both steps, in file order.
func LoadAndCheck(root string, langs []corpus.Lang, parts map[string]corpus.Part) ([]*Note, []Problem, error) {
	all, problems, err := Load(root, langs)
	if err != nil {
		return nil, nil, err
	}
	problems = append(problems, Check(all, langs, parts)...)
	sortProblems(problems)
	return all, problems, nil
}
