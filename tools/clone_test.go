package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/annotated-data-initiatives/site/tools/internal/testenv"
)

// cloneHead clones the project's repository at its current commit (the
// committed tree: commit before running these tests) into a temporary
// folder, as a newcomer's fresh clone.
func cloneHead(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		testenv.Missing(t, "git not installed")
	}
	if _, err := exec.LookPath("npm"); err != nil {
		testenv.Missing(t, "npm not installed (Node.js 20)")
	}
	gitOut := func(dir string, args ...string) string {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return strings.TrimSpace(string(out))
	}
	top := gitOut(".", "rev-parse", "--show-toplevel")
	head := gitOut(".", "rev-parse", "HEAD")
	dir := filepath.Join(t.TempDir(), "clone")
	gitOut(".", "clone", "-q", "--no-checkout", top, dir)
	gitOut(dir, "checkout", "-q", "--detach", head)
	return dir
}

// porcelain is `git status --porcelain` in dir: empty when the tree is clean.
func porcelain(t *testing.T, dir string) string {
	t.Helper()
	cmd := exec.Command("git", "status", "--porcelain", "--untracked-files=all")
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git status: %v\n%s", err, out)
	}
	return string(out)
}

// TestFreshCloneStaysClean: `go run ./tools build` on a fresh clone installs
// Pagefind alone, says so first, and leaves every tracked file as it was
// (package-lock.json included) and no untracked one outside .gitignore.
func TestFreshCloneStaysClean(t *testing.T) {
	testenv.Slow(t, "the build of a fresh clone (npm ci, Hugo, Pagefind)")
	dir := cloneHead(t)
	cmd := exec.Command("go", "run", "./tools", "build")
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("go run ./tools build: %v\n%s%s", err, stdout.String(), stderr.String())
	}
	if !strings.Contains(stderr.String(), "installing Pagefind (npm, first run only)…") {
		t.Errorf("build installed Pagefind without saying so:\n%s", stderr.String())
	}
	if _, err := os.Stat(filepath.Join(dir, "node_modules", ".bin", "pagefind")); err != nil {
		t.Errorf("Pagefind not installed: %v", err)
	}
	// The test tools are development dependencies: not installed to build.
	for _, dev := range []string{"lighthouse", "vnu-jar", "axe-core", "puppeteer-core"} {
		if _, err := os.Stat(filepath.Join(dir, "node_modules", dev)); err == nil {
			t.Errorf("build installed %s, a test tool", dev)
		}
	}
	if st := porcelain(t, dir); st != "" {
		t.Errorf("the clone is dirty after build:\n%s", st)
	}
}

// freePort is a TCP port nothing listens on now.
func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// lockedBuffer is a buffer two writers (stdout, stderr) may share.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestServeStopsOnInterrupt: Ctrl-C (SIGINT to the terminal's process
// group) during serve stops the preview and Hugo with status 0 and no
// "signal: interrupt"; the preview wrote neither public/ nor any tracked
// file. The command is built, as `go run` does, and run itself: under
// `go run`, the go command's own status after a Ctrl-C is its own.
func TestServeStopsOnInterrupt(t *testing.T) {
	testenv.Slow(t, "serve on a fresh clone, stopped by Ctrl-C")
	dir := cloneHead(t)
	bin := filepath.Join(t.TempDir(), "tools")
	build := exec.Command("go", "build", "-o", bin, "./tools")
	build.Dir = dir
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	// A shell starts background jobs with SIGINT ignored, and a child
	// inherits that: serve would then never see the Ctrl-C, and pass
	// without handling it. A signal this process handles is reset to its
	// default in the child, as a terminal's foreground job has it.
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt)
	defer signal.Stop(sigs)
	port := freePort(t)
	cmd := exec.Command(bin, "serve", "-port", fmt.Sprint(port))
	cmd.Dir = dir
	// A process group of its own, as a terminal's foreground job.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	pr, pw := io.Pipe()
	out := &lockedBuffer{}
	cmd.Stdout = io.MultiWriter(pw, out)
	cmd.Stderr = out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// exited is closed when serve has ended, with its status in waitErr.
	exited := make(chan struct{})
	var waitErr error
	go func() { waitErr = cmd.Wait(); pw.Close(); close(exited) }()
	defer func() {
		select {
		case <-exited:
		default:
			syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
			<-exited
		}
	}()
	serving := make(chan bool, 1)
	go func() {
		sc := bufio.NewScanner(pr)
		found := false
		for sc.Scan() {
			if !found && strings.HasPrefix(sc.Text(), "serving on ") {
				found = true
				serving <- true
			}
		}
		if !found {
			serving <- false
		}
	}()
	if !<-serving {
		t.Fatalf("serve ended before serving:\n%s", out.String())
	}
	// Wait for Hugo to answer, so that the signal reaches a running server.
	url := fmt.Sprintf("http://127.0.0.1:%d/", port)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	for {
		if resp, err := http.Get(url); err == nil {
			resp.Body.Close()
			break
		}
		select {
		case <-ctx.Done():
			t.Fatalf("Hugo never answered on %s:\n%s", url, out.String())
		case <-exited:
			t.Fatalf("serve ended (%v) before Hugo answered:\n%s", waitErr, out.String())
		case <-time.After(500 * time.Millisecond):
		}
	}
	if err := syscall.Kill(-cmd.Process.Pid, syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	select {
	case <-exited:
		if waitErr != nil {
			t.Errorf("after Ctrl-C: %v, want exit status 0\n%s", waitErr, out.String())
		}
	case <-ctx.Done():
		t.Fatalf("serve did not stop after Ctrl-C:\n%s", out.String())
	}
	if strings.Contains(out.String(), "signal: interrupt") {
		t.Errorf("serve reported the interrupt as a failure:\n%s", out.String())
	}
	if _, err := http.Get(url); err == nil {
		t.Errorf("Hugo still answers on %s after serve stopped", url)
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); err == nil {
		t.Errorf("serve wrote public/ (the preview is rendered in memory)")
	}
	if st := porcelain(t, dir); st != "" {
		t.Errorf("the clone is dirty after serve:\n%s", st)
	}
}
