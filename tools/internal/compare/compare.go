// Package compare holds the comparison between instruments that the Go
// tooling computes and writes as data, so that no browser has to: the
// similarity matrix behind `tools suggest`, the alignment of news coverage
// to the parts it paraphrases, and word- and character-level diffs of
// related parts.
package compare

import (
	"fmt"
	"html"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sergi/go-diff/diffmatchpatch"

	"github.com/annotated-data-initiatives/site/tools/internal/similar"
)

// Doc is a text to compare: a part (both languages) or a paragraph (one).
type Doc struct {
	Key  string            // part key, or "<source>#<paragraph>"
	Text map[string]string // by language
}

// Engine compares documents by TF-IDF cosine over a shared corpus.
type Engine struct {
	ix *similar.Index
	// vectors caches each keyed document's vector per language: alignment
	// scores every paragraph against the same parts.
	vectors map[string]similar.Vector
}

// NewEngine computes term weights over every document in every language.
func NewEngine(docs []Doc) *Engine {
	var corpus [][]string
	for _, d := range docs {
		corpus = append(corpus, terms(d, ""))
	}
	return &Engine{ix: similar.NewIndex(corpus), vectors: map[string]similar.Vector{}}
}

// terms of a document in one language, or in all when lang is "" (in no
// particular order: a vector counts terms, it does not read them in turn).
func terms(d Doc, lang string) []string {
	if lang != "" {
		return similar.Terms(d.Text[lang])
	}
	var t []string
	for _, text := range d.Text {
		t = append(t, similar.Terms(text)...)
	}
	return t
}

// Vector of a document in one language ("" for both combined). Documents
// with a key are computed once; an Engine is not safe for concurrent use.
func (e *Engine) Vector(d Doc, lang string) similar.Vector {
	if d.Key == "" {
		return e.ix.Vector(terms(d, lang))
	}
	k := d.Key + "\x00" + lang
	v, ok := e.vectors[k]
	if !ok {
		v = e.ix.Vector(terms(d, lang))
		e.vectors[k] = v
	}
	return v
}

// Score is the similarity of two documents, both languages combined.
func (e *Engine) Score(a, b Doc) float64 {
	return similar.Cosine(e.Vector(a, ""), e.Vector(b, ""))
}

// Op is one step of a diff: '=' text in both, '-' only in the first, '+'
// only in the second.
type Op struct {
	Kind string `toml:"op" json:"op"`
	Text string `toml:"text" json:"text"`
}

// DiffWords diffs two English texts word by word. A unit is a word or a
// punctuation mark together with the white space after it; units compare by
// their text without that space, so that the diff lines up words, not the
// spaces between them. No word is ever split.
func DiffWords(a, b string) []Op {
	ta, tb := tokens(a), tokens(b)
	trim := func(t string) string { return strings.TrimRightFunc(t, unicode.IsSpace) }
	var ops []Op
	ia, ib := 0, 0
	for _, run := range DiffTokens(ta, tb, trim) {
		n := run.N
		var sb strings.Builder
		switch run.Kind {
		case "=":
			// Equal units may differ in the space after them; take each
			// side's own so that both texts rebuild exactly.
			for k := 0; k < n; k++ {
				wa, wb := ta[ia+k], tb[ib+k]
				if wa != wb {
					ops = appendOp(ops, "=", sb.String())
					sb.Reset()
					ops = appendOp(ops, "=", trim(wa))
					ops = appendOp(ops, "-", wa[len(trim(wa)):])
					ops = appendOp(ops, "+", wb[len(trim(wb)):])
					continue
				}
				sb.WriteString(wa)
			}
			ia, ib = ia+n, ib+n
		case "-":
			sb.WriteString(strings.Join(ta[ia:ia+n], ""))
			ia += n
		case "+":
			sb.WriteString(strings.Join(tb[ib:ib+n], ""))
			ib += n
		}
		ops = appendOp(ops, run.Kind, sb.String())
	}
	return ops
}

// Run is a stretch of a token diff: N tokens in both lists ('='), only in
// the first ('-') or only in the second ('+').
type Run struct {
	Kind string
	N    int
}

// DiffTokens diffs two lists of tokens (words, say) as go-diff diffs
// characters; two tokens are the same when key maps them to the same string.
// The runs take the tokens of each list in order.
func DiffTokens(a, b []string, key func(string) string) []Run {
	ids := map[string]rune{}
	enc := func(ts []string) []rune {
		out := make([]rune, len(ts))
		for i, t := range ts {
			k := key(t)
			id, ok := ids[k]
			if !ok {
				id = rune(0xE000 + len(ids)) // private use: no clash with real text
				ids[k] = id
			}
			out[i] = id
		}
		return out
	}
	var runs []Run
	for _, d := range diffmatchpatch.New().DiffMainRunes(enc(a), enc(b), false) {
		runs = append(runs, Run{kind(d.Type), utf8.RuneCountInString(d.Text)})
	}
	return runs
}

// DiffChars diffs two Chinese texts character by character. Coincidental
// one-character matches between changes (的, 和) are folded into the
// changes around them so that the result reads as phrases; common runs of
// two characters or more stay marked as common.
func DiffChars(a, b string) []Op {
	dmp := diffmatchpatch.New()
	var ops []Op
	for _, d := range dmp.DiffMain(a, b, false) {
		ops = appendOp(ops, kind(d.Type), d.Text)
	}
	return foldShortEqualities(ops, 2)
}

// foldShortEqualities turns an equal run shorter than minRunes that sits
// between two changes into a deletion and an insertion, then merges each
// run of changes into one deletion followed by one insertion.
func foldShortEqualities(ops []Op, minRunes int) []Op {
	var out []Op
	for i, o := range ops {
		if o.Kind == "=" && i > 0 && i+1 < len(ops) && len([]rune(o.Text)) < minRunes {
			out = append(out, Op{"-", o.Text}, Op{"+", o.Text})
			continue
		}
		out = append(out, o)
	}
	var merged []Op
	for i := 0; i < len(out); {
		if out[i].Kind == "=" {
			merged = appendOp(merged, "=", out[i].Text)
			i++
			continue
		}
		var del, ins strings.Builder
		for ; i < len(out) && out[i].Kind != "="; i++ {
			if out[i].Kind == "-" {
				del.WriteString(out[i].Text)
			} else {
				ins.WriteString(out[i].Text)
			}
		}
		merged = appendOp(merged, "-", del.String())
		merged = appendOp(merged, "+", ins.String())
	}
	return merged
}

func kind(t diffmatchpatch.Operation) string {
	switch t {
	case diffmatchpatch.DiffDelete:
		return "-"
	case diffmatchpatch.DiffInsert:
		return "+"
	}
	return "="
}

func appendOp(ops []Op, k, text string) []Op {
	if text == "" {
		return ops
	}
	if n := len(ops); n > 0 && ops[n-1].Kind == k {
		ops[n-1].Text += text
		return ops
	}
	return append(ops, Op{k, text})
}

// tokens splits English into words and single punctuation marks, each
// with the white space that follows it.
func tokens(s string) []string {
	var out []string
	isWord := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' || r == '-' }
	start := 0
	rs := []rune(s)
	pos := 0 // byte offset of rs[i]
	for i := 0; i < len(rs); {
		// One unit: a word, or one other non-space character.
		j := i
		if isWord(rs[j]) {
			for j < len(rs) && isWord(rs[j]) {
				j++
			}
		} else {
			j++
		}
		for j < len(rs) && unicode.IsSpace(rs[j]) {
			j++
		}
		end := pos + len(string(rs[i:j]))
		out = append(out, s[start:end])
		start, pos, i = end, end, j
	}
	return out
}

// Apply rebuilds the first (side '-') or second (side '+') text of a diff.
func Apply(ops []Op, side string) string {
	var b strings.Builder
	for _, o := range ops {
		if o.Kind == "=" || o.Kind == side {
			b.WriteString(o.Text)
		}
	}
	return b.String()
}

// HTML renders one side of a diff as HTML: the first text (side '-') with
// what only it has in <del>, or the second (side '+') with what only it
// has in <ins>. Every piece of text is escaped, and the text content of
// the result is Apply(ops, side), character for character. Pages print it
// as is: a template ranging over the operations took about 0.15 ms per
// side, 0.6 ms of a comparison page's 1.9 ms (--templateMetrics, bench
// corpus of 1,000 parts).
func HTML(ops []Op, side string) string {
	tag := map[string]string{"-": "del", "+": "ins"}[side]
	var b strings.Builder
	for _, o := range ops {
		switch o.Kind {
		case "=":
			b.WriteString(html.EscapeString(o.Text))
		case side:
			b.WriteString("<" + tag + ">" + html.EscapeString(o.Text) + "</" + tag + ">")
		}
	}
	return b.String()
}

// Match is a suggested or aligned pair with its score.
type Match struct {
	A, B   string
	Score  float64
	Shared []string // the heaviest terms in common
}

// Matrix scores every part of as against every part of bs.
func (e *Engine) Matrix(as, bs []Doc) [][]float64 {
	vb := make([]similar.Vector, len(bs))
	for j, b := range bs {
		vb[j] = e.Vector(b, "")
	}
	m := make([][]float64, len(as))
	for i, a := range as {
		va := e.Vector(a, "")
		m[i] = make([]float64, len(bs))
		for j := range bs {
			m[i][j] = similar.Cosine(va, vb[j])
		}
	}
	return m
}

// Align scores a paragraph in one language against candidate parts in the
// same language and returns those at or above threshold, best first.
func (e *Engine) Align(p Doc, lang string, parts []Doc, threshold float64, limit int) []Match {
	vp := e.Vector(p, lang)
	var out []Match
	for _, c := range parts {
		vc := e.Vector(c, lang)
		if s := similar.Cosine(vp, vc); s >= threshold {
			out = append(out, Match{A: p.Key, B: c.Key, Score: s, Shared: similar.Shared(vp, vc, 5)})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Score > out[j].Score })
	if len(out) > limit {
		out = out[:limit]
	}
	return out
}

// PrecisionRecall compares automatic pairs with editorial ones.
func PrecisionRecall(auto, editorial map[[2]string]bool) (precision, recall float64, tp int) {
	for p := range auto {
		if editorial[p] {
			tp++
		}
	}
	if len(auto) > 0 {
		precision = float64(tp) / float64(len(auto))
	}
	if len(editorial) > 0 {
		recall = float64(tp) / float64(len(editorial))
	}
	return precision, recall, tp
}

// Percent formats a score as a whole percentage for reports.
func Percent(f float64) string { return fmt.Sprintf("%3.0f", 100*f) }

// IsHan reports whether s is mostly Han text: it has more Han characters
// than words in other scripts (a Latin acronym or number inside Chinese
// counts once, not per letter). Such a text has no spaces between its words
// and is compared character by character, others word by word. It decides
// by script, not by a language code.
func IsHan(s string) bool {
	han, other := 0, 0
	for _, t := range HanTokens(s) {
		if isHanToken(t) {
			han++
		} else if strings.ContainsFunc(t, unicode.IsLetter) {
			other++
		}
	}
	return han > other
}

// HanTokens splits Han text into the units it is compared by: each Han
// character alone, and each run of other letters and digits (a Latin word,
// a number) as one token. Punctuation and white space are left out.
func HanTokens(s string) []string {
	var out []string
	start := -1 // byte offset of the run of letters or digits being read
	for i, r := range s {
		han := unicode.Is(unicode.Han, r)
		word := !han && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r))
		if start >= 0 && !word {
			out = append(out, s[start:i])
			start = -1
		}
		switch {
		case han:
			out = append(out, string(r))
		case word && start < 0:
			start = i
		}
	}
	if start >= 0 {
		out = append(out, s[start:])
	}
	return out
}

// JoinHanTokens joins tokens from HanTokens for reading: Han characters
// run together, with a space only between two tokens that are not Han (two
// Latin words).
func JoinHanTokens(ts []string) string {
	var b strings.Builder
	for i, t := range ts {
		if i > 0 && !isHanToken(ts[i-1]) && !isHanToken(t) {
			b.WriteByte(' ')
		}
		b.WriteString(t)
	}
	return b.String()
}

func isHanToken(t string) bool {
	r, _ := utf8.DecodeRuneInString(t)
	return unicode.Is(unicode.Han, r)
}
