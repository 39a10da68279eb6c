package ingest

import "testing"

// BenchmarkRun measures a whole ingest of the real sources, in memory.
func BenchmarkRun(b *testing.B) {
	root := repoRoot(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Run(root, "sources/sources.toml"); err != nil {
			b.Fatal(err)
		}
	}
}
