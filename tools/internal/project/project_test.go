package project

import (
	"os"
	"os/exec"
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

// The Hugo binary is named by the go command once and remembered in the
// user's cache folder; a remembered binary that is gone is named again.
func TestHugoPathRemembered(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command:", err)
	}
	root, err := WorkingRoot()
	if err != nil {
		t.Fatal(err)
	}
	// The memo in a cache folder of the test's own; the go command's
	// build cache where it is (it too defaults to the user's cache folder).
	gocache, err := exec.Command("go", "env", "GOCACHE").Output()
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv("GOCACHE", strings.TrimSpace(string(gocache)))
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	forget := func() {
		hugoPaths.Lock()
		delete(hugoPaths.m, root)
		hugoPaths.Unlock()
	}
	forget()
	bin, err := hugoPath(root)
	if err != nil {
		t.Fatal(err)
	}
	memo := hugoMemo(root)
	if b, err := os.ReadFile(memo); err != nil || strings.TrimSpace(string(b)) != bin {
		t.Fatalf("memo %s holds %q (%v), want %s", memo, b, err, bin)
	}
	if out, err := exec.Command(bin, "version").Output(); err != nil || !strings.Contains(string(out), "hugo v") {
		t.Fatalf("%s version: %q, %v", bin, out, err)
	}
	// A memo naming a binary that exists is used as it is, without the go
	// command (which would name bin).
	other := filepath.Join(t.TempDir(), "hugo")
	if err := os.WriteFile(other, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(memo, []byte(other+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	forget()
	if got, err := hugoPath(root); err != nil || got != other {
		t.Errorf("with a memo naming %s: %q, %v; want the memo's binary", other, got, err)
	}
	// A memo naming a binary that is gone: named again, and remembered.
	if err := os.WriteFile(memo, []byte(filepath.Join(t.TempDir(), "gone", "hugo")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	forget()
	if again, err := hugoPath(root); err != nil || again != bin {
		t.Errorf("with a stale memo: %q, %v; want %s", again, err, bin)
	}
	if b, _ := os.ReadFile(memo); strings.TrimSpace(string(b)) != bin {
		t.Errorf("the stale memo was not replaced: %q", b)
	}
	// HugoCommand runs the binary itself, not the go command.
	if cmd := HugoCommand("site", "version"); cmd.Path != bin {
		t.Errorf("HugoCommand runs %s, want %s", cmd.Path, bin)
	}
}
