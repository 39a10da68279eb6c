// Package fileerr is the one error type of the tooling for a problem in a
// file: "file:line: what", so that an editor can jump to the place, whatever
// file (manifest, themes, decisions, note, capture) it is in. It also finds
// where a key of a TOML file is written, occurrence by occurrence, because
// the TOML decoder only remembers the last place a repeated key was set.
//
// It imports nothing of the project, so every package can use it.
package fileerr

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Error is a problem at a place in a file. File is relative to the project
// root (slash-separated); Line and Col count from 1, and 0 means unknown.
type Error struct {
	File string
	Line int
	Col  int
	Msg  string
}

// Error formats the place as editors and their tools expect it:
// file:line:col: msg, file:line: msg, or file: msg.
func (e *Error) Error() string {
	switch {
	case e.Line > 0 && e.Col > 0:
		return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, e.Msg)
	case e.Line > 0:
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return e.File + ": " + e.Msg
}

// At is a shorthand for an Error with a formatted message.
func At(file string, line int, format string, args ...any) *Error {
	return &Error{File: file, Line: line, Msg: fmt.Sprintf(format, args...)}
}

// Rel rewrites the paths of operating-system errors under root to paths
// relative to root, so that messages name files as the project does and
// never show where the project happens to be checked out. Other errors
// are returned unchanged; wrapped ones keep their chain.
func Rel(root string, err error) error {
	if err == nil || root == "" {
		return err
	}
	switch e := err.(type) {
	case *fs.PathError:
		return &fs.PathError{Op: e.Op, Path: relPath(root, e.Path), Err: Rel(root, e.Err)}
	case *os.LinkError:
		return &os.LinkError{Op: e.Op, Old: relPath(root, e.Old), New: relPath(root, e.New), Err: Rel(root, e.Err)}
	case *os.SyscallError:
		return &os.SyscallError{Syscall: e.Syscall, Err: Rel(root, e.Err)}
	case *Error:
		c := *e
		c.File = relPath(root, e.File)
		return &c
	}
	// Wrapped: the message is made by the wrappers, so the paths are
	// rewritten in it; the chain stays as it was, for errors.Is.
	var pe *fs.PathError
	var le *os.LinkError
	if errors.As(err, &pe) || errors.As(err, &le) {
		abs, _ := filepath.Abs(root)
		return &rewritten{msg: strings.ReplaceAll(err.Error(), abs+string(filepath.Separator), ""), err: err}
	}
	return err
}

// rewritten is an error whose message had its absolute paths made
// relative; it unwraps to the original.
type rewritten struct {
	msg string
	err error
}

func (r *rewritten) Error() string { return r.msg }
func (r *rewritten) Unwrap() error { return r.err }

// relPath makes an absolute path under root relative to it; other paths are
// returned as they are, slash-separated.
func relPath(root, p string) string {
	if !filepath.IsAbs(p) {
		return filepath.ToSlash(p)
	}
	abs, err := filepath.Abs(root)
	if err != nil {
		return p
	}
	r, err := filepath.Rel(abs, p)
	if err != nil || !filepath.IsLocal(r) {
		return p
	}
	return filepath.ToSlash(r)
}
