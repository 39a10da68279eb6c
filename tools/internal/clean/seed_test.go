package clean

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// seedLines gives fuzz targets every line of the project's real captures.
func seedLines(f *testing.F) []string {
	files, err := filepath.Glob("../../../sources/*.txt")
	if err != nil || len(files) == 0 {
		f.Fatalf("no captures to seed from: %v", err)
	}
	var lines []string
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		lines = append(lines, strings.Split(string(data), "\n")...)
	}
	return lines
}
