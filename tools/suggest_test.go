package main

import (
	"bytes"
	"strconv"
	"strings"
	"testing"

	"github.com/annotated-data-initiatives/site/tools/internal/ingest"
)

// TestSuggestFindsKnownPairs: on the real texts, the backdoor points and the
// personal-information points of the two instruments are automatic pairs,
// each the best match of its row.
func TestSuggestFindsKnownPairs(t *testing.T) {
	r, err := ingest.Run("..", ManifestPath)
	if err != nil {
		t.Fatal(err)
	}
	e := r.Engine()
	m := e.Matrix(docs(points(r.Instruments[0])), docs(points(r.Instruments[1])))
	// Rows and columns are all parts: GIDS points start after 7 preamble
	// paragraphs, CBDF points after 3 and the lead-in.
	for _, want := range [][2]int{{7, 11}, {3, 4}} {
		row := m[7+want[0]-1]
		got := row[4+want[1]-1]
		if got < suggestThreshold {
			t.Errorf("gids point %d ~ cbdf point %d scores %.3f, under %.2f", want[0], want[1], got, suggestThreshold)
		}
		for j, s := range row {
			if s > got {
				t.Errorf("gids point %d: cbdf point %d (%.3f) beats point %d (%.3f)", want[0], j+1, s, want[1], got)
			}
		}
	}
	var out bytes.Buffer
	writeSuggestions(&out, r, suggestThreshold)
	for _, want := range []string{"similarity (%) of the parts of gids-2020 (rows) and cbdf-2024 (columns)", "precision", "recall"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, out.String())
		}
	}
}

// TestReleaseBulletsAlignToPointsInOrder: the eleven bullets of the 2024
// news release are matched, best first, to the eleven points in order.
func TestReleaseBulletsAlignToPointsInOrder(t *testing.T) {
	r, err := ingest.Run("..", ManifestPath)
	if err != nil {
		t.Fatal(err)
	}
	best := map[int]string{}
	for _, a := range r.Alignments {
		if a.Source == "002" && a.Rank == 1 {
			best[a.Paragraph] = a.Part
		}
	}
	for i := 1; i <= 11; i++ {
		// The bullets are paragraphs 6 to 16 of the release.
		if got, want := best[5+i], "cbdf-2024/point_"+strconv.Itoa(i); got != want {
			t.Errorf("bullet %d aligns to %q, want %q", i, got, want)
		}
	}
}
