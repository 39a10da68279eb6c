package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/annotated-data-initiatives/site/tools/internal/fileerr"
	"github.com/annotated-data-initiatives/site/tools/internal/project"
	"github.com/annotated-data-initiatives/site/tools/internal/site"
)

// deployTarget is a target of config.toml's [deployment], as hugo deploy
// reads it.
type deployTarget struct {
	Name string `toml:"name"`
	URL  string `toml:"URL"`
}

// deployTargets are the deployment targets config.toml names, in order
// (the first is hugo deploy's default).
func deployTargets(root string) ([]deployTarget, error) {
	var cfg struct {
		Deployment struct {
			Targets []deployTarget `toml:"targets"`
		} `toml:"deployment"`
	}
	if _, err := toml.DecodeFile(filepath.Join(root, site.ConfigPath), &cfg); err != nil {
		return nil, fileerr.Rel(root, err)
	}
	return cfg.Deployment.Targets, nil
}

// cmdPublish builds the site, as build does, then uploads public/ to a
// deployment target with hugo deploy: changed files only, each stored with
// the Cache-Control, Content-Encoding and Content-Type of config.toml's
// matchers, and files no longer built deleted from the target.
func cmdPublish(args []string, stdout, stderr io.Writer) error {
	fs, rootFlag := newFlags("publish -target NAME [-dry-run] [-root DIR]",
		"Builds the site into public/ (as build does), then uploads it with `hugo deploy` to the\ntarget NAME of config.toml's [deployment]: changed files only, with their Cache-Control,\ngzip and Content-Type; files the build no longer has are deleted from the target.", stderr)
	target := fs.String("target", "", "the deployment target, a name in config.toml's [[deployment.targets]] (required)")
	dryRun := fs.Bool("dry-run", false, "build, then list what would be uploaded and deleted, changing nothing on the target")
	root, err := parseRoot(fs, rootFlag, args)
	if err != nil {
		return err
	}
	// The target first: a misspelt name should not wait for a build.
	targets, err := deployTargets(root)
	if err != nil {
		return err
	}
	var names []string
	for _, t := range targets {
		names = append(names, t.Name)
	}
	switch {
	case len(names) == 0:
		return fmt.Errorf("%s: no [[deployment.targets]]: add one (the file has commented examples for S3, GCS and Azure)", site.ConfigPath)
	case *target == "":
		return fmt.Errorf("publish: name a target with -target (%s has %s)", site.ConfigPath, strings.Join(names, ", "))
	case !slices.Contains(names, *target):
		return fmt.Errorf("%s: no deployment target %q (there are %s; the cloud ones are examples, commented out, to fill in)", site.ConfigPath, *target, strings.Join(names, ", "))
	}
	if err := cmdBuild([]string{"-root", root}, stdout, stderr); err != nil {
		return err
	}
	bin, err := hugoWithDeploy(stderr)
	if err != nil {
		return err
	}
	deployArgs := []string{"deploy", "--source", root, "--target", *target}
	if *dryRun {
		deployArgs = append(deployArgs, "--dryRun")
	}
	cmd := exec.Command(bin, deployArgs...)
	// A file:// target's relative path (file://./tmp/bucket) is relative
	// to the project.
	cmd.Dir = root
	cmd.Stdout, cmd.Stderr = stdout, stderr
	if err := cmd.Run(); err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return fmt.Errorf("hugo deploy --target %s failed (%v)", *target, err)
		}
		return err
	}
	return nil
}

// hugoWithDeploy builds the Hugo that go.mod pins with the withdeploy
// build tag, and returns its path. `go tool hugo` is built without it, and
// since Hugo v0.137 deploy is only in builds with the tag ("deploy not
// supported in this version of Hugo"); go tool takes no build tags. The
// binary is kept in the user's cache folder; go build relinks it only when
// the pinned version changes.
func hugoWithDeploy(stderr io.Writer) (string, error) {
	cache, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	bin := filepath.Join(cache, "annotated-data-initiatives", "hugo-withdeploy")
	if _, err := os.Stat(bin); err != nil {
		fmt.Fprintln(stderr, "building Hugo with deploy (go build -tags withdeploy; first run only, a few minutes)…")
	}
	cmd := exec.Command("go", "build", "-tags", "withdeploy", "-o", bin, "github.com/gohugoio/hugo")
	if dir, err := project.WorkingRoot(); err == nil {
		cmd.Dir = dir
	}
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build -tags withdeploy github.com/gohugoio/hugo: %v: %s", err, oneLine(string(out)))
	}
	return bin, nil
}
