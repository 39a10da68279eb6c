package ingest

import (
	"fmt"
	"slices"
	"strings"

	"github.com/annotated-data-initiatives/site/tools/internal/clean"
	"github.com/annotated-data-initiatives/site/tools/internal/compare"
	"github.com/annotated-data-initiatives/site/tools/internal/corpus"
	"github.com/annotated-data-initiatives/site/tools/internal/fileerr"
	"github.com/annotated-data-initiatives/site/tools/internal/manifest"
)

// Variant kinds: how a corroborating capture differs from a part's
// published text. A paragraph beyond the structure is always an error.
const (
	VariantMissing   = "missing"   // the capture lacks the part
	VariantDifferent = "different" // the texts differ
)

// Variant is a difference between an official-text capture that is not the
// authority for a language (it corroborates the published text) and the
// published text of one part in that language.
type Variant struct {
	Source     string
	Instrument string
	Part       string // the part's key
	Position   int    // 1-based place of the part in the structure
	Lang       string
	Kind       string
	Summary    string
	File       string // the capture's file, relative to the project root
	Line       int
	Accepted   bool
	Reason     string
}

// corroborates reports whether x is an official text of in that has lang
// without being its authority for lang: a second capture of the text,
// compared with the published one.
func corroborates(in *manifest.Instrument, x *Extracted, lang string) bool {
	s := x.Source
	return s.Kind == manifest.KindOfficialText && s.Instrument == in.ID &&
		slices.Contains(s.Languages, lang) && in.Authority[lang] != s.ID
}

// corroborate compares every corroborating capture of an instrument with
// the published text of its parts (after segmentation and errata): its
// paragraphs in a language are cut into parts by the structure, as the
// authority's are (paragraph i is part i), corrected by the capture's own
// errata (returned by source id, as applied), and compared part by part. A difference is explained by an
// accepted variant of the source ([[source.variants]]); any other is an
// error, as is a variant that names an unknown part or explains nothing.
//
// Damage (clean.FindDamage) in a capture's text in Han characters, after
// its errata, is refused where it is, as in the published text: the
// difference it makes is no variant.
func corroborate(m *manifest.Manifest, ip InstrumentParts, sources []*Extracted, opts Options) ([]Variant, map[string][]string, error) {
	in, parts := ip.Instrument, ip.Parts
	var out []Variant
	applied := map[string][]string{}
	for _, x := range sources {
		s := x.Source
		if s.Instrument != in.ID {
			continue
		}
		for _, v := range s.Variants {
			if partIndex(parts, v.Part) < 0 {
				return nil, nil, fileerr.At(m.Path, v.Line, "variant of source %s names unknown part %q", s.ID, v.Part)
			}
			if in.Authority[v.Lang] == s.ID {
				return nil, nil, fileerr.At(m.Path, v.Line, "variant of source %s: the source is the %s authority for %s; its text is the published one", s.ID, langName(v.Lang), in.ID)
			}
		}
		for _, lang := range s.Languages {
			if !corroborates(in, x, lang) {
				continue
			}
			paras := x.Paras[lang]
			texts := make([]string, len(paras))
			for i, p := range paras {
				texts[i] = p.Text
			}
			for _, e := range s.Errata {
				if e.Lang != lang {
					continue
				}
				i := partIndex(parts, e.Part)
				if i < 0 {
					return nil, nil, fileerr.At(m.Path, e.Line, "erratum of source %s names unknown part %q", s.ID, e.Part)
				}
				key := parts[i].Key
				if i >= len(texts) {
					return nil, nil, fileerr.At(m.Path, e.Line, "erratum of source %s: the capture has no %s text of %s", s.ID, langName(lang), key)
				}
				switch c := strings.Count(texts[i], e.Wrong); c {
				case 0:
					return nil, nil, fileerr.At(m.Path, e.Line, "erratum of source %s: wrong text %q not found in the %s text of %s", s.ID, e.Wrong, langName(lang), key)
				case 1:
				default:
					return nil, nil, fileerr.At(m.Path, e.Line, "erratum of source %s: wrong text %q occurs %d times in the %s text of %s; quote more of it", s.ID, e.Wrong, c, langName(lang), key)
				}
				texts[i] = strings.Replace(texts[i], e.Wrong, e.Right, 1)
				applied[s.ID] = append(applied[s.ID], fmt.Sprintf("corrected %s (%s): %q → %q, on the authority of %s", key, langName(lang), e.Wrong, e.Right, e.Authority))
			}
			if corpus.IsHan(lang) {
				for i := range min(len(texts), len(parts)) {
					if d, ok := clean.FindDamage(texts[i]); ok {
						return nil, nil, damageError(x, paras[i].File, paras[i].Line, d, "the "+langName(lang)+" text of "+parts[i].Key+" in source "+s.ID, "add an erratum of the source or fix the capture", opts)
					}
				}
			}
			accepted := map[string]manifest.Variant{}
			for _, v := range s.Variants {
				if v.Lang == lang {
					accepted[parts[partIndex(parts, v.Part)].Key] = v
				}
			}
			used := map[string]bool{}
			for i := 0; i < max(len(parts), len(texts)); i++ {
				v := Variant{Source: s.ID, Instrument: in.ID, Position: i + 1, Lang: lang}
				switch {
				case i >= len(texts):
					v.Kind, v.Part = VariantMissing, parts[i].Key
					v.Summary = fmt.Sprintf("the capture lacks this part: it ends after paragraph %d of %d", len(texts), len(parts))
					v.File, v.Line = x.Path, 0
					if len(paras) > 0 {
						v.File, v.Line = paras[len(paras)-1].File, paras[len(paras)-1].Line
					}
				case i >= len(parts):
					p := paras[i]
					return nil, nil, fileerr.At(p.File, p.Line, "source %s: the %s text has paragraph %d beyond the %d parts of the structure of %s: %q; end the capture's section before it", s.ID, langName(lang), i+1, len(parts), in.ID, excerpt(p.Text))
				case texts[i] != parts[i].Text[lang]:
					v.Kind, v.Part, v.File, v.Line = VariantDifferent, parts[i].Key, paras[i].File, paras[i].Line
					v.Summary = diffSummary(parts[i].Text[lang], texts[i])
				default:
					continue
				}
				a, ok := accepted[v.Part]
				if !ok {
					if v.Kind == VariantMissing {
						return nil, nil, fileerr.At(v.File, v.Line, "source %s: part %s (%s): %s; is the capture cut off? Record an accepted variant if not", s.ID, v.Part, lang, v.Summary)
					}
					return nil, nil, fileerr.At(v.File, v.Line, "source %s: part %s (%s): the capture differs from the published text (%s); record an erratum or an accepted variant", s.ID, v.Part, lang, v.Summary)
				}
				v.Accepted, v.Reason = true, a.Reason
				used[v.Part] = true
				out = append(out, v)
			}
			for key, a := range accepted {
				if !used[key] {
					return nil, nil, fileerr.At(m.Path, a.Line, "variant of source %s: part %s (%s) of the capture does not differ from the published text; remove the variant", s.ID, key, lang)
				}
			}
		}
	}
	return out, applied, nil
}

// partIndex finds a part by id or key; -1 when there is none.
func partIndex(parts []Part, idOrKey string) int {
	for i := range parts {
		if parts[i].ID == idOrKey || parts[i].Key == idOrKey {
			return i
		}
	}
	return -1
}

// diffSummary says briefly how the capture's text differs from the
// published one: Han text is diffed character by character, other text
// word by word (compare.DiffChars, compare.DiffWords), and the first few
// changes are quoted.
func diffSummary(published, capture string) string {
	diff := compare.DiffWords
	if compare.IsHan(published + capture) {
		diff = compare.DiffChars
	}
	var changes []string
	ops := diff(published, capture)
	for i := 0; i < len(ops); i++ {
		o := ops[i]
		switch o.Kind {
		case "-":
			c := "lacks " + quoteSpan(o.Text)
			if i+1 < len(ops) && ops[i+1].Kind == "+" {
				c = "has " + quoteSpan(ops[i+1].Text) + " for " + quoteSpan(o.Text)
				i++
			}
			changes = append(changes, c)
		case "+":
			changes = append(changes, "adds "+quoteSpan(o.Text))
		}
	}
	const shown = 3
	if len(changes) > shown {
		more := fmt.Sprintf(" and %d more changes", len(changes)-shown)
		if len(changes) == shown+1 {
			more = " and 1 more change"
		}
		return "the capture " + strings.Join(changes[:shown], ", ") + more
	}
	return "the capture " + strings.Join(changes, ", ")
}

// quoteSpan quotes a changed span for a summary, shortened, without the
// white space around words (white space alone stays, as the change).
func quoteSpan(s string) string {
	if t := strings.TrimSpace(s); t != "" {
		s = t
	}
	return "“" + excerpt(s) + "”"
}
