package gendir

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func write(t *testing.T, root, rel, text string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func read(t *testing.T, root, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func files(kv ...string) map[string][]byte {
	m := map[string][]byte{}
	for i := 0; i < len(kv); i += 2 {
		m[Dir+"/"+kv[i]] = []byte(kv[i+1])
	}
	return m
}

func TestPlan(t *testing.T) {
	root := t.TempDir()
	write(t, root, Dir+"/same.md", "same")
	write(t, root, Dir+"/old.md", "old")
	write(t, root, Dir+"/stray.md", "nobody wrote me")
	if err := os.Symlink("/etc/hostname", filepath.Join(root, Dir, "link.md")); err != nil {
		t.Fatal(err)
	}
	changes, err := Plan(root, files("same.md", "same", "old.md", "new", "link.md", "x", "added.md", "a"))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range changes {
		got = append(got, c.Action+" "+c.Path)
	}
	want := []string{"create " + Dir + "/added.md", "remove " + Dir + "/link.md", "update " + Dir + "/old.md", "remove " + Dir + "/stray.md"}
	slices.Sort(got)
	slices.Sort(want)
	// A symbolic link is never taken for a file ingest wrote: it is
	// removed, and the file is created in its place.
	want = append(want, "create "+Dir+"/link.md")
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("Plan =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestApplyReplacesTheFolderWhole(t *testing.T) {
	root := t.TempDir()
	write(t, root, Dir+"/a.md", "old a")
	write(t, root, Dir+"/stray.md", "stray")
	next := files("a.md", "new a", "sub/b.md", "b")
	changes, err := Plan(root, next)
	if err != nil {
		t.Fatal(err)
	}
	if err := Apply(root, next, changes); err != nil {
		t.Fatal(err)
	}
	if read(t, root, Dir+"/a.md") != "new a" || read(t, root, Dir+"/sub/b.md") != "b" {
		t.Error("the new files are not in place")
	}
	if _, err := os.Stat(filepath.Join(root, Dir, "stray.md")); !os.IsNotExist(err) {
		t.Error("a file ingest does not write survived the swap")
	}
	if left, err := Leftovers(root); err != nil || len(left) != 0 {
		t.Errorf("left behind: %v %v", left, err)
	}
	if again, _ := Plan(root, next); len(again) != 0 {
		t.Errorf("a second plan has changes: %v", again)
	}
}

func TestApplyThatFailsChangesNothing(t *testing.T) {
	root := t.TempDir()
	write(t, root, Dir+"/a.md", "old a")
	// The second file cannot be written: the run fails half way through
	// writing the next folder.
	bad := map[string][]byte{Dir + "/a.md": []byte("new a"), "outside/b.md": []byte("b")}
	err := Apply(root, bad, []Change{{Dir + "/a.md", "update"}})
	if err == nil || !strings.Contains(err.Error(), "outside/b.md is outside "+Dir+"/") {
		t.Fatalf("Apply = %v", err)
	}
	if read(t, root, Dir+"/a.md") != "old a" {
		t.Error("a failed run changed the folder")
	}
	if left, _ := Leftovers(root); len(left) != 0 {
		t.Errorf("a failed run left %v", left)
	}
}

func TestApplyNothingWritesNothing(t *testing.T) {
	root := t.TempDir()
	if err := Apply(root, files("a.md", "a"), nil); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, Dir)); !os.IsNotExist(err) {
		t.Error("an empty plan wrote the folder")
	}
}

func TestLockRefusesASecondRun(t *testing.T) {
	root := t.TempDir()
	unlock, err := Lock(root)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Lock(root); err == nil || !strings.Contains(err.Error(), "another ingest is running") {
		t.Errorf("a second lock: %v", err)
	}
	if err := Apply(root, files("a.md", "a"), []Change{{Dir + "/a.md", "create"}}); err == nil {
		t.Error("Apply ran while another run held the lock")
	}
	unlock()
	again, err := Lock(root)
	if err != nil {
		t.Fatalf("after release: %v", err)
	}
	again()
}

func TestLeftoversOfAKilledRun(t *testing.T) {
	root := t.TempDir()
	write(t, root, ".ingest/next-1/content/x.md", "half")
	left, err := Leftovers(root)
	if err != nil || !slices.Equal(left, []string{".ingest/next-1"}) {
		t.Fatalf("Leftovers = %v, %v", left, err)
	}
	if removed, err := RemoveLeftovers(root); err != nil || len(removed) != 1 {
		t.Fatalf("RemoveLeftovers = %v, %v", removed, err)
	}
	if left, _ := Leftovers(root); len(left) != 0 {
		t.Errorf("still left: %v", left)
	}
}

// TestRenamesFallback: where the file system cannot exchange two folders,
// two renames do; a run killed between them leaves the old folder aside,
// and the next run puts it back.
func TestRenamesFallback(t *testing.T) {
	root := t.TempDir()
	write(t, root, Dir+"/a.md", "old")
	write(t, root, ".ingest/next-1/a.md", "new")
	next := filepath.Join(root, ".ingest", "next-1")
	if err := swapByRenames(next, filepath.Join(root, Dir)); err != nil {
		t.Fatal(err)
	}
	if read(t, root, Dir+"/a.md") != "new" || read(t, root, ".ingest/next-1/a.md") != "old" {
		t.Error("the folders were not swapped")
	}
	// Killed after the first rename: no folder, the old one aside.
	if err := os.Rename(filepath.Join(root, Dir), next+oldSuffix); err != nil {
		t.Fatal(err)
	}
	if _, err := RemoveLeftovers(root); err != nil {
		t.Fatal(err)
	}
	if read(t, root, Dir+"/a.md") != "new" {
		t.Error("the folder moved aside was not put back")
	}
}
