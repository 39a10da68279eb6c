// Package project finds the project folder and runs the Hugo that go.mod
// pins, the one way the commands, the site tests and the bench do both.
package project

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
)

// Root is the nearest folder at or above dir that holds go.mod: the project
// (the module whose go.mod declares Hugo as a tool).
func Root(dir string) (string, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d, nil
		}
		if filepath.Dir(d) == d {
			return "", fmt.Errorf("no go.mod at or above %s", dir)
		}
	}
}

// WorkingRoot is Root of the working directory.
func WorkingRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	return Root(dir)
}

// HugoCommand prepares the pinned Hugo, `hugo --source site args...`, in
// the project of the working directory (whose go.mod pins it), whatever
// site it builds: the binary that `go tool -n hugo` names there, run
// directly (hugoPath), since `go tool hugo` spends 0.6 s checking the tool
// on every run, a third of the real site's build; `go tool hugo` itself
// when the binary cannot be named.
func HugoCommand(site string, args ...string) *exec.Cmd {
	dir, err := WorkingRoot()
	if err == nil {
		if bin, err := hugoPath(dir); err == nil {
			cmd := exec.Command(bin, append([]string{"--source", site}, args...)...)
			cmd.Dir = dir
			return cmd
		}
	}
	cmd := exec.Command("go", append([]string{"tool", "hugo", "--source", site}, args...)...)
	if err == nil {
		cmd.Dir = dir
	}
	return cmd
}

// Hugo runs HugoCommand and returns its combined output.
func Hugo(site string, args ...string) (string, error) {
	cmd := HugoCommand(site, args...)
	out, err := cmd.CombinedOutput()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		err = fmt.Errorf("hugo failed (%v)", err)
	}
	return string(out), err
}

// HugoBinary builds (if needed) and locates the pinned Hugo, for callers
// that time Hugo alone rather than the go command around it.
func HugoBinary() (string, error) {
	dir, err := WorkingRoot()
	if err != nil {
		return "", err
	}
	return hugoPath(dir)
}

// hugoPaths remembers hugoPath for the process, by project folder.
var hugoPaths = struct {
	sync.Mutex
	m map[string]string
}{m: map[string]string{}}

// hugoPath is the pinned Hugo binary of the project in dir, as `go tool -n
// hugo` names it (building it if needed). It is remembered for the
// process and, across processes, in the user's cache folder under a key
// of what names the binary: the project's go.mod and go.sum, the go
// command (its path and modification time), GOFLAGS, GOOS and GOARCH.
// A remembered binary that is gone (the go command trims its cache) is
// named again.
func hugoPath(dir string) (string, error) {
	hugoPaths.Lock()
	defer hugoPaths.Unlock()
	if bin, ok := hugoPaths.m[dir]; ok {
		return bin, nil
	}
	memo := hugoMemo(dir)
	if memo != "" {
		if b, err := os.ReadFile(memo); err == nil {
			if bin := strings.TrimSpace(string(b)); filepath.IsAbs(bin) {
				if info, err := os.Stat(bin); err == nil && info.Mode().IsRegular() {
					hugoPaths.m[dir] = bin
					return bin, nil
				}
			}
		}
	}
	cmd := exec.Command("go", "tool", "-n", "hugo")
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("go tool -n hugo: %v", err)
	}
	bin := strings.TrimSpace(string(out))
	if !filepath.IsAbs(bin) {
		return "", fmt.Errorf("go tool -n hugo: %q is not a path", bin)
	}
	hugoPaths.m[dir] = bin
	if memo != "" {
		// Written whole or not at all: a reader never sees half a path.
		if err := os.MkdirAll(filepath.Dir(memo), 0o755); err == nil {
			tmp := fmt.Sprintf("%s.%d", memo, os.Getpid())
			if os.WriteFile(tmp, []byte(bin+"\n"), 0o644) == nil {
				if os.Rename(tmp, memo) != nil {
					os.Remove(tmp)
				}
			}
		}
	}
	return bin, nil
}

// hugoMemo is the file in the user's cache folder that remembers the Hugo
// binary of the project in dir, or "" when there is none to use.
func hugoMemo(dir string) string {
	cache, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	goCmd, err := exec.LookPath("go")
	if err != nil {
		return ""
	}
	info, err := os.Stat(goCmd)
	if err != nil {
		return ""
	}
	h := sha256.New()
	for _, f := range []string{"go.mod", "go.sum"} {
		b, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil && f == "go.mod" {
			return ""
		}
		fmt.Fprintf(h, "%s %d\n", f, len(b))
		h.Write(b)
	}
	fmt.Fprintf(h, "go %s %d\nGOFLAGS=%s GOOS=%s GOARCH=%s GOTOOLCHAIN=%s\n", goCmd, info.ModTime().UnixNano(),
		os.Getenv("GOFLAGS"), os.Getenv("GOOS"), os.Getenv("GOARCH"), os.Getenv("GOTOOLCHAIN"))
	return filepath.Join(cache, "annotated-data-initiatives", "hugo-"+hex.EncodeToString(h.Sum(nil))[:24])
}
