package ingest

import (
	"cmp"
	"slices"
	"strings"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"github.com/annotated-data-initiatives/site/tools/internal/corpus"
	"github.com/annotated-data-initiatives/site/tools/internal/notes"
	"github.com/annotated-data-initiatives/site/tools/internal/site"
)

// htmlText escapes text as Hugo's templates print a string in an HTML
// element, so that marked texts read exactly as the unmarked ones do.
var htmlText = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;", "+", "&#43;", "\x00", "\uFFFD")

// markQuotes is text as HTML with the first occurrence of each quote marked
// (<mark>), and whether anything was marked. The text stays the official
// text, character for character: it is cut around the quotes, never
// changed, and every piece is escaped. Quotes are taken in order; a quote
// that is empty, repeated, not in the text, or only found where an earlier
// quote was marked marks nothing.
func markQuotes(text string, quotes []string) (string, bool) {
	type seg struct {
		text   string
		marked bool
	}
	segs := []seg{{text, false}}
	seen := map[string]bool{}
	any := false
	for _, q := range quotes {
		if q == "" || seen[q] {
			continue
		}
		seen[q] = true
		for i, s := range segs {
			if s.marked || !strings.Contains(s.text, q) {
				continue
			}
			before, after, _ := strings.Cut(s.text, q)
			var repl []seg
			if before != "" {
				repl = append(repl, seg{before, false})
			}
			repl = append(repl, seg{q, true})
			if after != "" {
				repl = append(repl, seg{after, false})
			}
			segs = slices.Concat(segs[:i], repl, segs[i+1:])
			any = true
			break
		}
	}
	var b strings.Builder
	for _, s := range segs {
		if s.marked {
			b.WriteString("<mark>" + htmlText.Replace(s.text) + "</mark>")
		} else {
			b.WriteString(htmlText.Replace(s.text))
		}
	}
	return b.String(), any
}

// shownNotes are the notes a site language's pages show, in the order they
// are listed beside a part: by type (notes.Types, then any other), the
// notes in that language before those that exist only in others (shown in
// the first of their languages), notes on one part before notes on
// several, then by title as the language collates it.
func (r *Result) shownNotes(l corpus.Lang) []*notes.Note {
	langs := r.NoteLangs()
	byKey := map[string][]*notes.Note{}
	for _, n := range r.Notes {
		if !n.Broken {
			byKey[noteKey(n)] = append(byKey[noteKey(n)], n)
		}
	}
	rank := func(dir string) int {
		return slices.IndexFunc(langs, func(x corpus.Lang) bool { return x.Key == dir })
	}
	var shown []*notes.Note
	for _, n := range r.Notes {
		if n.Broken {
			continue
		}
		if n.Dir == l.Key {
			shown = append(shown, n)
			continue
		}
		versions := byKey[noteKey(n)]
		inLang := slices.ContainsFunc(versions, func(v *notes.Note) bool { return v.Dir == l.Key })
		first := !slices.ContainsFunc(versions, func(v *notes.Note) bool { return rank(v.Dir) < rank(n.Dir) })
		if !inLang && first {
			shown = append(shown, n)
		}
	}
	typeRank := func(n *notes.Note) int {
		if i := slices.Index(notes.Types, n.Type); i >= 0 {
			return i
		}
		return len(notes.Types)
	}
	several := func(n *notes.Note) bool {
		return len(slices.Compact(slices.Sorted(slices.Values(n.Parts)))) > 1
	}
	// Titles in the order Hugo sorts them on that language's pages: by its
	// collation ("Point 1: …" before "Point 11: …"; 王 before 中 in Chinese).
	coll := collate.New(language.Make(l.Key))
	slices.SortStableFunc(shown, func(a, b *notes.Note) int {
		foreignA, foreignB := a.Dir != l.Key, b.Dir != l.Key
		return cmp.Or(
			cmp.Compare(typeRank(a), typeRank(b)),
			compareBool(foreignA, foreignB),
			compareBool(several(a), several(b)),
			coll.CompareString(a.Title, b.Title),
		)
	})
	return shown
}

func compareBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

func noteKey(n *notes.Note) string {
	if n.Key != "" {
		return n.Key
	}
	return "note/" + n.Slug
}

// byPart groups notes by the parts they name, keeping their order: a part
// then finds its notes without going through all of them.
func byPart(shown []*notes.Note) map[string][]*notes.Note {
	m := map[string][]*notes.Note{}
	for _, n := range shown {
		for _, key := range uniqueInOrder(n.Parts) {
			m[key] = append(m[key], n)
		}
	}
	return m
}

// partMarks are, for a part's page in a site language, its texts with the
// quotes marked of the notes that page shows (shown, by part): locale →
// HTML, for the languages where a quote marks something.
func (r *Result) partMarks(shown map[string][]*notes.Note, p Part) map[string]string {
	out := map[string]string{}
	for _, l := range r.Site.Languages {
		var quotes []string
		for _, n := range shown[p.Key] {
			if n.Lang == l.Locale {
				quotes = append(quotes, n.Quote)
			}
		}
		if html, ok := markQuotes(p.Text[l.Locale], quotes); ok {
			out[l.Locale] = html
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// noteQuotes is generated/data/quotes.toml: for each note (by its
// language's key and slug, "en/<slug>"), the texts of its parts in its
// language with its quote marked, by part key, where the quote is found.
type noteQuotes struct {
	Note map[string]map[string]string `toml:"note"`
}

func (r *Result) noteQuotes() noteQuotes {
	q := noteQuotes{Note: map[string]map[string]string{}}
	for _, n := range r.Notes {
		if n.Broken || n.Quote == "" {
			continue
		}
		for _, key := range n.Parts {
			p := r.Part(key)
			if p == nil {
				continue
			}
			if html, ok := markQuotes(p.Text[n.Lang], []string{n.Quote}); ok {
				id := n.Dir + "/" + n.Slug
				if q.Note[id] == nil {
					q.Note[id] = map[string]string{}
				}
				q.Note[id][key] = html
			}
		}
	}
	return q
}

// notesData is generated/data/notes.toml: for each site language, the notes
// its pages show (shownNotes), in the order they are listed, and per part
// the notes on it in that order. The templates look the notes' pages up;
// the order and the grouping are decided here.
type notesData struct {
	Lang map[string]notesOfLang `toml:"lang"`
}

type notesOfLang struct {
	Note  []noteEntry            `toml:"note"`
	Parts map[string][]noteEntry `toml:"parts"`
	// Recent are the notes written in the language, newest first; notes of
	// the same date by slug, so that every language lists them alike.
	Recent []noteEntry `toml:"recent"`
	// Dated are, per part, the notes on it written in the language, in the
	// order of Recent.
	Dated map[string][]noteEntry `toml:"dated"`
	// About is, for every note (by "<its language's key>/<slug>"), its
	// parts as this language's pages name them.
	About map[string]noteAbout `toml:"about"`
}

// noteAbout is what a note is on, as a language's pages say it: its parts
// by instrument (the line "on …" of a list), and each part named with its
// instrument (the note's page), marked where its text has changed since
// the note was written.
type noteAbout struct {
	On    []noteOn   `toml:"on"`
	Parts []notePart `toml:"parts"`
}

// noteOn is an instrument a note is on, with its parts in the note's order.
type noteOn struct {
	Title string     `toml:"title"`
	URL   string     `toml:"url"`
	Lang  string     `toml:"lang,omitempty"` // a locale when not the page's
	Parts []notePart `toml:"parts"`
}

// notePart is a part a note is on. A key that names no part has only Key.
type notePart struct {
	Key   string `toml:"key"`
	Label string `toml:"label,omitempty"`
	// Name is the part with its instrument: "Global Initiative on Data
	// Security: Point 3" (i18n partOf).
	Name string `toml:"name,omitempty"`
	URL  string `toml:"url,omitempty"`
	Lang string `toml:"lang,omitempty"` // a locale when not the page's
	// Stale: the text in the note's language has changed since the note
	// recorded its hash.
	Stale bool `toml:"stale,omitempty"`
}

// noteEntry is a note as a language's pages list it.
type noteEntry struct {
	// Site is the key of the language whose page the note is (its own, or
	// for a note that exists only in another language, that language).
	Site string `toml:"site"`
	// Path is the note's page path in that site, /notes/<slug>.
	Path    string `toml:"path"`
	Foreign bool   `toml:"foreign"`
	Single  bool   `toml:"single"`
}

func (r *Result) notesData(shown [][]*notes.Note) (notesData, error) {
	d := notesData{Lang: map[string]notesOfLang{}}
	for i, l := range r.NoteLangs() {
		nl := notesOfLang{Note: []noteEntry{}, Parts: map[string][]noteEntry{}}
		for _, n := range shown[i] {
			e := noteEntry{Site: n.Dir, Path: "/notes/" + n.Slug, Foreign: n.Dir != l.Key, Single: len(uniqueInOrder(n.Parts)) <= 1}
			nl.Note = append(nl.Note, e)
			for _, key := range uniqueInOrder(n.Parts) {
				nl.Parts[key] = append(nl.Parts[key], e)
			}
		}
		var own []*notes.Note
		for _, n := range r.Notes {
			if !n.Broken && n.Dir == l.Key {
				own = append(own, n)
			}
		}
		slices.SortStableFunc(own, func(a, b *notes.Note) int {
			return cmp.Or(b.Date.Compare(a.Date), cmp.Compare(a.Slug, b.Slug))
		})
		nl.Recent, nl.Dated = []noteEntry{}, map[string][]noteEntry{}
		for _, n := range own {
			e := noteEntry{Site: n.Dir, Path: "/notes/" + n.Slug, Single: len(uniqueInOrder(n.Parts)) <= 1}
			nl.Recent = append(nl.Recent, e)
			for _, key := range uniqueInOrder(n.Parts) {
				nl.Dated[key] = append(nl.Dated[key], e)
			}
		}
		nl.About = map[string]noteAbout{}
		for _, n := range r.Notes {
			if !n.Broken {
				a, err := r.noteAbout(n, r.Site.Language(l.Locale))
				if err != nil {
					return d, err
				}
				nl.About[n.Dir+"/"+n.Slug] = a
			}
		}
		d.Lang[l.Key] = nl
	}
	return d, nil
}

// noteAbout says what note n is on, for the pages of l: a part that does
// not exist in l is named and linked in its own language.
func (r *Result) noteAbout(n *notes.Note, l *site.Language) (noteAbout, error) {
	a := noteAbout{On: []noteOn{}, Parts: []notePart{}}
	byInst := map[string]int{}
	for _, key := range uniqueInOrder(n.Parts) {
		p := r.Part(key)
		if p == nil {
			a.Parts = append(a.Parts, notePart{Key: key})
			continue
		}
		in := r.Manifest.Instrument(p.Instrument)
		pl := r.pageLanguage(in, l)
		np := notePart{Key: key, Label: r.partNames[key][pl.Locale].Label, URL: r.partURL(p, l)}
		if pl != l {
			np.Lang = pl.Locale
		}
		var err error
		if np.Name, err = pl.T("partOf", map[string]any{"Title": in.Title[pl.Locale], "Part": np.Label}); err != nil {
			return a, err
		}
		if recorded, now := n.Hashes[key], p.Hash[n.Lang]; recorded != "" && now != "" && recorded != now {
			np.Stale = true
		}
		a.Parts = append(a.Parts, np)
		i, ok := byInst[in.ID]
		if !ok {
			i = len(a.On)
			byInst[in.ID] = i
			a.On = append(a.On, noteOn{Title: in.Title[pl.Locale], URL: r.Site.RelURL(pl, in.ID), Lang: np.Lang})
		}
		a.On[i].Parts = append(a.On[i].Parts, np)
	}
	return a, nil
}

func uniqueInOrder(s []string) []string {
	var out []string
	for _, x := range s {
		if !slices.Contains(out, x) {
			out = append(out, x)
		}
	}
	return out
}
