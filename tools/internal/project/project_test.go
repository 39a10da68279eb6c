package project

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRoot(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	sub := filepath.Join(dir, "a", "b")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, from := range []string{dir, sub} {
		if got, err := Root(from); err != nil || got != dir {
			t.Errorf("Root(%s) = %q, %v; want %q", from, got, err, dir)
		}
	}
}

func TestRootWithoutGoMod(t *testing.T) {
	// The temporary folder's parents hold no go.mod on a sane machine; if
	// one does, the test has nothing to show.
	dir := t.TempDir()
	if _, err := Root(filepath.Dir(dir)); err == nil {
		t.Skip("a go.mod above the temporary folder")
	}
	if _, err := Root(dir); err == nil || !strings.Contains(err.Error(), "no go.mod") {
		t.Errorf("Root without go.mod: %v", err)
	}
}

func TestWorkingRootIsThisProject(t *testing.T) {
	root, err := WorkingRoot()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "tools", "internal", "project", "project.go")); err != nil {
		t.Errorf("WorkingRoot = %s: %v", root, err)
	}
}
