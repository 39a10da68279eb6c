package main

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"

	"github.com/annotated-data-initiatives/site/tools/internal/fileerr"
	"github.com/annotated-data-initiatives/site/tools/internal/notes"
)

// previewDir is where serve writes what the preview shows beside the
// pages: a folder ignored by git, whose data/ config.toml mounts as the
// site data "preview" (hugo.Data.preview), and which serve removes when
// it stops. Only serve writes it; the templates read it only in the
// development environment (hugo server), never in a production build.
const previewDir = ".preview"

// previewCheckFile is the preview's record of the last ingest and check:
// hugo.Data.preview.check.
const previewCheckFile = "check.json"

// previewProblem is one line of the preview's banner: where (file:line, as
// check prints it), whether it is an error or a warning, and what.
type previewProblem struct {
	At    string `json:"at"`
	Level string `json:"level"`
	What  string `json:"what"`
}

// previewRecord is what previewCheckFile holds: the problems, errors
// first, each in the order check printed it, and how many are errors
// (the ones build refuses).
type previewRecord struct {
	Errors   int              `json:"errors"`
	Problems []previewProblem `json:"problems"`
}

// place is file:line (or file alone) of an error.
func place(e fileerr.Error) string {
	e.Msg = ""
	s := e.Error()
	return s[:len(s)-2] // without the ": " before the empty message
}

// newPreviewRecord turns what ingest (failed) or check found into the
// banner's record.
func newPreviewRecord(ingestErr error, problems []notes.Problem) previewRecord {
	rec := previewRecord{Problems: []previewProblem{}}
	if ingestErr != nil {
		p := previewProblem{Level: "error", What: oneLine(ingestErr.Error())}
		var fe *fileerr.Error
		if errors.As(ingestErr, &fe) {
			p.At, p.What = place(*fe), fe.Msg
		}
		rec.Errors = 1
		rec.Problems = append(rec.Problems, p)
		return rec
	}
	var warnings []previewProblem
	for _, p := range problems {
		pp := previewProblem{At: place(p.Error), Level: "error", What: p.Msg}
		if p.Warning {
			pp.Level = "warning"
			warnings = append(warnings, pp)
			continue
		}
		rec.Errors++
		rec.Problems = append(rec.Problems, pp)
	}
	rec.Problems = append(rec.Problems, warnings...)
	return rec
}

// writePreview writes the banner's record for the preview, replacing the
// last one in one rename, so that Hugo never reads half a file.
func writePreview(root string, rec previewRecord) error {
	// The file is written beside the mounted folder, then renamed into
	// it: Hugo reads every file of a data folder.
	dir := filepath.Join(root, previewDir, "data")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	b, err := json.MarshalIndent(rec, "", "  ")
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(dir), "check-*")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(append(b, '\n')); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), filepath.Join(dir, previewCheckFile))
}
