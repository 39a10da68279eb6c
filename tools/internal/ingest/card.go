package ingest

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"sync"
	"sync/atomic"

	"github.com/BurntSushi/toml"

	"github.com/annotated-data-initiatives/site/tools/internal/card"
	"github.com/annotated-data-initiatives/site/tools/internal/site"
)

// CardDir is where ingest publishes the pages' link-preview images
// (static files, at /cards/ on the site).
const CardDir = Dir + "/static/cards"

// Card is a page's link-preview image (og:image), drawn by ingest
// (package card) and published at Image, relative to the site's root;
// Alt is its text on one line, for og:image:alt.
type Card struct {
	Image  string `toml:"image"`
	Width  int    `toml:"width"`
	Height int    `toml:"height"`
	Alt    string `toml:"alt"`
}

// cards are the cards a run publishes: each drawn once, after the pages
// that name them are written.
type cards struct {
	designer *card.Designer
	texts    map[string]card.Text // file name → text
}

// card names the card of a page with title and subtitle in language l (i18n
// cardAlt says how the alternative text joins them), to be drawn by
// drawCards. A site without params.card has none (nil).
func (r *Result) card(l *site.Language, title, subtitle string) (*Card, error) {
	alt, err := l.T("cardAlt", map[string]any{"Title": title, "Subtitle": subtitle})
	if err != nil {
		return nil, err
	}
	return r.newCard(card.Text{Title: title, Subtitle: subtitle, Site: l.Title}, alt)
}

// siteCard is the card of the pages of language l that have none of their
// own: the site's name over its description.
func (r *Result) siteCard(l *site.Language) (*Card, error) {
	desc, err := l.T("siteDescription", nil)
	if err != nil {
		return nil, err
	}
	return r.newCard(card.Text{Title: l.Title, Subtitle: desc}, l.Title)
}

func (r *Result) newCard(t card.Text, alt string) (*Card, error) {
	if r.Site.CardBase == "" {
		return nil, nil
	}
	if r.cards.designer == nil {
		d, err := loadDesigner(r.Site.CardBase, r.Site.CardFont)
		if err != nil {
			return nil, fmt.Errorf("%s: [params.card]: %v", site.ConfigPath, err)
		}
		r.cards = cards{designer: d, texts: map[string]card.Text{}}
	}
	name := r.cards.designer.Name(t)
	r.cards.texts[name] = t
	return &Card{Image: path.Join("cards", name), Width: card.Width, Height: card.Height, Alt: alt}, nil
}

// designers are loaded once per base and font in a process (the font is
// large, and tests ingest many times).
var designers sync.Map // base + "\x00" + font → *card.Designer

func loadDesigner(base, font string) (*card.Designer, error) {
	k := base + "\x00" + font
	if d, ok := designers.Load(k); ok {
		return d.(*card.Designer), nil
	}
	d, err := card.Load(base, font)
	if err != nil {
		return nil, err
	}
	designers.Store(k, d)
	return d, nil
}

// drawn keeps the cards this process drew, by name (which is a hash of
// all that is drawn): tests ingest the same corpus in many folders.
var drawn struct {
	sync.Mutex
	m map[string][]byte
}

// maxKept bounds drawn (a card is about 30 KB).
const maxKept = 2000

// cardsDrawn counts the cards this process drew (tests read it).
var cardsDrawn atomic.Int64

// cardsFile is generated/data/cards.toml: the site's own card per language
// (Hugo's key), for the pages without one.
type cardsFile struct {
	Site map[string]*Card `toml:"site"`
}

// cardsPath is where cardsFile is written.
const cardsPath = DataDir + "/cards.toml"

// cardSums is generated/card-sums.toml: the SHA-256 of every card
// published, by file name, by which the next run knows a published card
// as its own before it reuses it. Ingest's record, not site data: outside
// data/, so that Hugo does not parse it (20,000 cards at 10,000 parts).
type cardSums struct {
	SHA256 map[string]string `toml:"sha256"`
}

// cardSumsPath is where cardSums is written.
const cardSumsPath = Dir + "/card-sums.toml"

// drawCards adds the run's cards to files, with cards.toml (the site's
// cards by language key) and card-sums.toml. A card published by the last
// run (same name, so the same drawing, and the bytes it recorded) is
// reused, not drawn again; the others are drawn on every core.
func (r *Result) drawCards(files map[string][]byte, site map[string]*Card) error {
	var last cardSums
	if b, err := os.ReadFile(filepath.Join(r.root, filepath.FromSlash(cardSumsPath))); err == nil {
		// An unreadable record only means every card is drawn again.
		_ = toml.Unmarshal(b, &last)
	}
	names := make([]string, 0, len(r.cards.texts))
	for name := range r.cards.texts {
		names = append(names, name)
	}
	sort.Strings(names)
	out := make([][]byte, len(names))
	errs := make([]error, len(names))
	var wg sync.WaitGroup
	work := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				out[i], errs[i] = r.cardFile(names[i], last.SHA256[names[i]])
			}
		}()
	}
	for i := range names {
		work <- i
	}
	close(work)
	wg.Wait()
	sums := cardSums{SHA256: map[string]string{}}
	for i, name := range names {
		if errs[i] != nil {
			return fmt.Errorf("card %q: %w", r.cards.texts[name].Title, errs[i])
		}
		files[path.Join(CardDir, name)] = out[i]
		sums.SHA256[name] = sha256Hex(out[i])
	}
	var err error
	if files[cardsPath], err = encodeData(cardsFile{Site: site}); err != nil {
		return err
	}
	files[cardSumsPath], err = encodeData(sums)
	return err
}

func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// cardFile is the PNG of the card name: drawn by this process already,
// published by the last run with the SHA-256 sum it recorded, or drawn.
func (r *Result) cardFile(name, sum string) ([]byte, error) {
	drawn.Lock()
	b, ok := drawn.m[name]
	drawn.Unlock()
	if ok {
		return b, nil
	}
	if sum != "" {
		if b, err := os.ReadFile(filepath.Join(r.root, filepath.FromSlash(path.Join(CardDir, name)))); err == nil && sha256Hex(b) == sum {
			return b, nil
		}
	}
	b, err := r.cards.designer.Draw(r.cards.texts[name])
	if err != nil {
		return nil, err
	}
	cardsDrawn.Add(1)
	drawn.Lock()
	if drawn.m == nil || len(drawn.m) >= maxKept {
		drawn.m = map[string][]byte{}
	}
	drawn.m[name] = b
	drawn.Unlock()
	return b, nil
}
