// Package project finds the project folder and runs the Hugo that go.mod
// pins, the one way the commands, the site tests and the bench do both.
package project

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
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

// HugoCommand prepares `go tool hugo --source site args...`. The go command
// resolves the tool in the module of its working directory, so it runs in
// the project of the working directory, whatever site it builds.
func HugoCommand(site string, args ...string) *exec.Cmd {
	cmd := exec.Command("go", append([]string{"tool", "hugo", "--source", site}, args...)...)
	if dir, err := WorkingRoot(); err == nil {
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
	cmd := exec.Command("go", "tool", "-n", "hugo")
	if dir, err := WorkingRoot(); err == nil {
		cmd.Dir = dir
	}
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("go tool -n hugo: %v", err)
	}
	return strings.TrimSpace(string(out)), nil
}
