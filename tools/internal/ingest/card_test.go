package ingest

import (
	"bytes"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/annotated-data-initiatives/site/tools/internal/gendir"
)

// TestCardsReusedOnlyAsWritten: a card the last run published is read
// back, not drawn again, unless its bytes are not those the run recorded
// (then it is drawn again, and published as drawn).
func TestCardsReusedOnlyAsWritten(t *testing.T) {
	root := t.TempDir()
	repo := repoRoot(t)
	for _, rel := range []string{"sources", "data", "content", "i18n", "assets", "config.toml"} {
		if err := os.CopyFS(filepath.Join(root, rel), os.DirFS(filepath.Join(repo, rel))); err != nil {
			if err := copyFile(filepath.Join(repo, rel), filepath.Join(root, rel)); err != nil {
				t.Fatal(err)
			}
		}
	}
	run := func() (*Result, int64) {
		t.Helper()
		forgetDrawnCards()
		before := cardsDrawn.Load()
		r, err := Run(root, "sources/sources.toml")
		if err != nil {
			t.Fatal(err)
		}
		return r, cardsDrawn.Load() - before
	}
	first, n := run()
	var cards []string
	for name := range first.Files {
		if strings.HasPrefix(name, CardDir+"/") {
			cards = append(cards, name)
		}
	}
	if n == 0 || int(n) != len(cards) {
		t.Fatalf("first run drew %d cards and publishes %d", n, len(cards))
	}
	// The sums are ingest's record, kept out of the data Hugo loads.
	if b := first.Files[cardsPath]; bytes.Contains(b, []byte("sha256")) || !bytes.Contains(first.Files[cardSumsPath], []byte(path.Base(cards[0]))) {
		t.Errorf("the card sums are not in %s alone:\n%s", cardSumsPath, b)
	}
	changes, err := gendir.Plan(root, first.Files)
	if err != nil {
		t.Fatal(err)
	}
	if err := gendir.Apply(root, first.Files, changes); err != nil {
		t.Fatal(err)
	}
	if _, n := run(); n != 0 {
		t.Errorf("second run drew %d cards, want none (all published)", n)
	}
	// A card changed on disk is not the run's: drawn again.
	tampered := cards[0]
	if err := os.WriteFile(filepath.Join(root, filepath.FromSlash(tampered)), []byte("not a card"), 0o644); err != nil {
		t.Fatal(err)
	}
	third, n := run()
	if n != 1 {
		t.Errorf("after %s changed, the run drew %d cards, want 1", path.Base(tampered), n)
	}
	if !bytes.Equal(third.Files[tampered], first.Files[tampered]) {
		t.Errorf("%s is published as found, not as drawn", tampered)
	}
}

// forgetDrawnCards empties drawn, as a new process starts.
func forgetDrawnCards() {
	drawn.Lock()
	drawn.m = nil
	drawn.Unlock()
}

func copyFile(from, to string) error {
	b, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	return os.WriteFile(to, b, 0o644)
}
