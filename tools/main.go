// Command tools builds the Annotated Data Initiatives site from its sources.
//
// Usage:
//
//	go run ./tools <command> [flags]
//
// Commands:
//
//	ingest    Read sources/sources.toml and the captures it names, clean
//	          them, and write the generated Hugo content and data files
//	          into generated/, the folder ingest owns (config.toml mounts
//	          it into Hugo). The folder is replaced whole: written aside in
//	          .ingest/ and swapped in, so a failed or killed run changes
//	          nothing; a second run at the same time is refused (a lock);
//	          a run with nothing to change writes nothing.
//	          -check: write nothing; list the files that are stale, or
//	          that ingest did not write, and exit 1 when there is any.
//	check     Validate the editors' notes (content/<lang>/notes/*.md): a
//	          note naming an unknown part, or quoting text not found in its
//	          parts, is an error (exit 1); a part whose text changed since
//	          the note recorded its hash, or a note without its translation,
//	          is a warning.
//	suggest   Score every point of each instrument against every point of
//	          the others (TF-IDF cosine over English words and Chinese
//	          character bigrams), list strong pairs that data/themes.toml
//	          does not connect and mapped pairs that look unrelated, and
//	          report precision and recall of the automatic pairs against
//	          the editorial mapping. -threshold sets what counts as strong.
//	new note  Scaffold a note on a part in both languages from
//	          archetypes/notes.md: go run ./tools new note [-type T] KEY.
//	          When the part has a note of that type, it names the note and
//	          writes nothing, unless given -force or -slug.
//	build     Run ingest -check and check, then Hugo (minified) into public/,
//	          then Pagefind (the search index, public/pagefind/), installing
//	          the npm packages first when they are missing.
//	serve     Run ingest and build the search index, then `hugo server` on
//	          http://localhost:1313 with live reload, for editors to preview
//	          their changes, rendered in memory (public/ is left alone);
//	          edits to sources/, data/ and notes re-run ingest and check,
//	          which print what they find and show it on every page, in a
//	          banner naming file:line (.preview/, ignored by git; never
//	          in a build). Ctrl-C stops it (status 0).
//	publish   Build (as build does), then upload public/ with `hugo deploy`
//	          to -target NAME, a target of config.toml's [deployment] (an
//	          S3, GCS or Azure bucket, or a folder): changed files only,
//	          with the Cache-Control, gzip and Content-Type of its
//	          matchers. -dry-run lists what would change. Hugo is built
//	          with the withdeploy tag for it, once.
//	bench     Generate synthetic corpora (-parts 1000,10000 parts per
//	          language, through a manifest, captures and ingest, with notes
//	          and themes), build each with Hugo with the site's layouts and
//	          with minimal ones, and print the time per page, peak memory,
//	          the scaling and, last, "ratio R" (ours/bare, largest size).
//
// Every command takes -root (the project folder, default: the folder that
// holds go.mod above the working directory) and -h.
//
// Errors are one line, "tools: file:line: what went wrong", with a non-zero
// exit status; when ingest fails, no file has been changed.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/annotated-data-initiatives/site/tools/internal/corpus"
	"github.com/annotated-data-initiatives/site/tools/internal/fileerr"
	"github.com/annotated-data-initiatives/site/tools/internal/gendir"
	"github.com/annotated-data-initiatives/site/tools/internal/ingest"
	"github.com/annotated-data-initiatives/site/tools/internal/manifest"
	"github.com/annotated-data-initiatives/site/tools/internal/notes"
	"github.com/annotated-data-initiatives/site/tools/internal/project"
	"github.com/annotated-data-initiatives/site/tools/internal/search"
	"github.com/annotated-data-initiatives/site/tools/internal/themes"
)

// ManifestPath is where the source manifest lives, relative to the root.
const ManifestPath = "sources/sources.toml"

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

type command struct {
	name, summary string
	run           func(args []string, stdout, stderr io.Writer) error
}

var commands []command

func init() {
	commands = []command{
		{"ingest", "clean the sources into generated content and data", cmdIngest},
		{"check", "validate the editors' notes against the parts", cmdCheck},
		{"suggest", "similarity of the instruments' points, against the themes' mapping", cmdSuggest},
		{"new", "scaffold a note on a part in both languages: new note <part key>", cmdNew},
		{"build", "check the generated files and notes, then build the site into public/", cmdBuild},
		{"serve", "ingest, then preview the site on http://localhost:1313", cmdServe},
		{"publish", "build, then upload the site to a target of config.toml with hugo deploy", cmdPublish},
		{"bench", "measure the templates on synthetic corpora against a bare Hugo build", cmdBench},
	}
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: go run ./tools <command> [flags]")
	fmt.Fprintln(w, "\ncommands:")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'go run ./tools <command> -h' for a command's flags.")
}

// exitError carries an exit status without a message of its own.
type exitError int

func (e exitError) Error() string { return fmt.Sprintf("exit status %d", int(e)) }

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "-help" || args[0] == "--help" || args[0] == "help" {
		usage(stderr)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	for _, c := range commands {
		if c.name != args[0] {
			continue
		}
		err := c.run(args[1:], stdout, stderr)
		var code exitError
		switch {
		case err == nil:
			return 0
		case errors.Is(err, flag.ErrHelp):
			return 0
		case errors.As(err, &code):
			return int(code)
		default:
			// Errors name project files as editors know them: a path
			// under the project that slipped through stays relative.
			if root, rerr := project.WorkingRoot(); rerr == nil {
				err = fileerr.Rel(root, err)
			}
			fmt.Fprintln(stderr, "tools: "+oneLine(err.Error()))
			return 1
		}
	}
	fmt.Fprintf(stderr, "tools: unknown command %q\n", args[0])
	usage(stderr)
	return 2
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\n", " ")), " ")
}

// newFlags makes a command's flag set with -root and a usage text.
func newFlags(name, synopsis string, stderr io.Writer) (*flag.FlagSet, *string) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	root := fs.String("root", "", "project folder (default: the folder with go.mod above the working directory)")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: go run ./tools %s\n\n%s\n\nflags:\n", name, synopsis)
		fs.PrintDefaults()
	}
	return fs, root
}

// parseRoot parses a command's flags and resolves its project folder.
func parseRoot(fs *flag.FlagSet, rootFlag *string, args []string) (string, error) {
	if err := fs.Parse(args); err != nil {
		return "", err
	}
	return projectRoot(*rootFlag)
}

// projectRoot is the -root flag's folder, or the project of the working
// directory, so that the tools work from any subfolder.
func projectRoot(flagValue string) (string, error) {
	if flagValue != "" {
		return filepath.Abs(flagValue)
	}
	return project.WorkingRoot()
}

func cmdIngest(args []string, stdout, stderr io.Writer) error {
	fs, rootFlag := newFlags("ingest [-check] [-root DIR]",
		"Cleans the captures named in "+ManifestPath+" into "+ingest.Dir+"/.\nWith -check, writes nothing and exits 1 when a generated file is stale.", stderr)
	check := fs.Bool("check", false, "write nothing; list stale generated files and exit 1 if any")
	quiet := fs.Bool("q", false, "print only errors and changes")
	root, err := parseRoot(fs, rootFlag, args)
	if err != nil {
		return err
	}
	_, err = doIngest(root, *check, *quiet, stdout, stderr)
	return err
}

// doIngest runs ingest and returns its result, which check reuses.
func doIngest(root string, check, quiet bool, stdout, stderr io.Writer) (*ingest.Result, error) {
	r, err := ingest.Run(root, ManifestPath)
	if err != nil {
		return nil, err
	}
	return r, reportIngest(root, r, check, quiet, stdout, stderr)
}

// reportIngest compares an ingest result with the generated folder: with
// check, it lists what is stale (exit 1 when anything is); without, it
// writes the result.
func reportIngest(root string, r *ingest.Result, check, quiet bool, stdout, stderr io.Writer) error {
	changes, err := gendir.Plan(root, r.Files)
	if err != nil {
		return err
	}
	if !quiet {
		for _, ip := range r.Instruments {
			fmt.Fprintf(stdout, "%s: %d parts in %s\n", ip.Instrument.ID, len(ip.Parts), r.LanguageNames(ip.Instrument))
		}
		for _, cc := range r.CrossChecks {
			for _, l := range cc.Report() {
				fmt.Fprintln(stdout, l)
			}
		}
		c, rj, p := r.ReviewCounts()
		fmt.Fprintf(stdout, "coverage: %d paragraphs matched to parts; %d confirmed, %d rejected, %d awaiting review in %s\n", len(r.Alignments), c, rj, p, ingest.ReviewPath)
	}
	if check {
		left, err := gendir.Leftovers(root)
		if err != nil {
			return err
		}
		if len(changes) == 0 && len(left) == 0 {
			if !quiet {
				fmt.Fprintf(stdout, "ingest -check: %d generated files are up to date\n", len(r.Files))
			}
			return nil
		}
		for _, c := range changes {
			if c.Action == "remove" {
				fmt.Fprintf(stderr, "%s: not written by ingest (only ingest writes %s/; it would remove this file)\n", c.Path, ingest.Dir)
				continue
			}
			fmt.Fprintf(stderr, "stale: %s (ingest would %s it)\n", c.Path, c.Action)
		}
		for _, l := range left {
			fmt.Fprintf(stderr, "%s: left by an interrupted ingest (ingest removes it)\n", l)
		}
		fmt.Fprintf(stderr, "tools: %d generated files are stale; run 'go run ./tools ingest'\n", len(changes)+len(left))
		return exitError(1)
	}
	left, err := gendir.RemoveLeftovers(root)
	if err != nil {
		return err
	}
	for _, l := range left {
		fmt.Fprintf(stdout, "removed %s, left by an interrupted ingest\n", l)
	}
	if err := gendir.Apply(root, r.Files, changes); err != nil {
		return err
	}
	for _, c := range changes {
		fmt.Fprintf(stdout, "%s %s\n", c.Action, c.Path)
	}
	if !quiet {
		fmt.Fprintf(stdout, "ingest: %d generated files, %d changed\n", len(r.Files), len(changes))
	}
	return nil
}

func cmdCheck(args []string, stdout, stderr io.Writer) error {
	fs, rootFlag := newFlags("check [-root DIR]",
		"Validates the notes in content/<lang>/notes against the parts: unknown parts and\nquotes not found are errors (exit 1); changed texts and missing translations are warnings.", stderr)
	root, err := parseRoot(fs, rootFlag, args)
	if err != nil {
		return err
	}
	r, err := ingest.Run(root, ManifestPath)
	if err != nil {
		return err
	}
	_, err = doCheck(root, r, false, stdout, stderr)
	return err
}

// doCheck checks the notes against the parts of an ingest result, printing
// the errors, and the warnings unless quiet; it returns what it found, and
// fails when there is an error.
func doCheck(root string, r *ingest.Result, quiet bool, stdout, stderr io.Writer) ([]notes.Problem, error) {
	n, problems, err := checkProblems(root, r)
	if err != nil {
		return nil, err
	}
	errs, warns := 0, 0
	for _, p := range problems {
		if p.Warning {
			warns++
		} else {
			errs++
		}
		if !p.Warning || !quiet {
			fmt.Fprintln(stderr, p)
		}
	}
	if !quiet || errs > 0 {
		fmt.Fprintf(stdout, "check: %d notes; %d errors, %d warnings\n", n, errs, warns)
	}
	if errs > 0 {
		if errs == 1 {
			return problems, errors.New("check: 1 error in the editors' files")
		}
		return problems, fmt.Errorf("check: %d errors in the editors' files", errs)
	}
	return problems, nil
}

// checkProblems is what check finds in the editors' files, in the order
// it prints them, and the number of notes it read.
func checkProblems(root string, r *ingest.Result) (int, []notes.Problem, error) {
	all, noteProblems, err := notes.LoadAndCheck(root, r.NoteLangs(), r.NoteParts())
	if err != nil {
		return 0, nil, err
	}
	var problems []notes.Problem
	// Pages that would publish or replace what only ingest publishes.
	pages, err := ingest.CheckEditorContent(root, r)
	if err != nil {
		return 0, nil, err
	}
	for _, p := range pages {
		problems = append(problems, notes.Problem{Error: *p})
	}
	// Provenance a reader can follow: an official text's source should
	// say where it was published.
	for _, x := range r.Sources {
		if x.Source.Kind == manifest.KindOfficialText && x.Source.Address == "" {
			problems = append(problems, notes.Problem{Error: fileerr.Error{File: r.Manifest.Path, Line: x.Source.Line, Msg: fmt.Sprintf("source %s, an official text, records no address: readers cannot reach the original; add address (where it was published)", x.Source.ID)}, Warning: true})
		}
	}
	// The comparison's coverage: points no theme places.
	if r.Themes != nil {
		for _, key := range r.Themes.Uncovered {
			problems = append(problems, notes.Problem{Error: fileerr.Error{File: themes.Path, Msg: fmt.Sprintf("coverage: %s is under no theme; add it to a theme, or to one with verdict new or not-carried-forward that says why it has no counterpart", key)}, Warning: true})
		}
	}
	return len(all), append(problems, noteProblems...), nil
}

func cmdSuggest(args []string, stdout, stderr io.Writer) error {
	fs, rootFlag := newFlags("suggest [-threshold F] [-root DIR]",
		"Compares the points of the instruments by similarity and checks the themes' mapping against it.", stderr)
	threshold := fs.Float64("threshold", suggestThreshold, "similarity at or above which two points count as an automatic pair")
	root, err := parseRoot(fs, rootFlag, args)
	if err != nil {
		return err
	}
	r, err := ingest.Run(root, ManifestPath)
	if err != nil {
		return err
	}
	writeSuggestions(stdout, r, *threshold)
	return nil
}

func cmdNew(args []string, stdout, stderr io.Writer) error {
	fs, rootFlag := newFlags("new note [-type T] [-slug S] [-root DIR] <part key>",
		"Creates content/en/notes/<slug>.md and content/zh/notes/<slug>.md from archetypes/notes.md,\nwith the part's current text in a comment and its hash recorded. Example:\n  go run ./tools new note -type translation <instrument>/point_3", stderr)
	typ := fs.String("type", "analysis", "note type: "+strings.Join(notes.Types, ", "))
	slug := fs.String("slug", "", "file name without .md (default: <instrument>-<part>-<type>, as in <instrument>-preamble-p-3-translation)")
	force := fs.Bool("force", false, "write a note even though the part has one of this type")
	if len(args) == 0 || args[0] != "note" {
		fs.Usage()
		return exitError(2)
	}
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	// The key may come before the flags: new note <instrument>/point_3 -type T.
	var positional []string
	for fs.NArg() > 0 {
		positional = append(positional, fs.Arg(0))
		if err := fs.Parse(fs.Args()[1:]); err != nil {
			return err
		}
	}
	if len(positional) != 1 {
		fs.Usage()
		return exitError(2)
	}
	key := positional[0]
	if !slices.Contains(notes.Types, *typ) {
		return fmt.Errorf("type %q is not one of %s", *typ, strings.Join(notes.Types, ", "))
	}
	// The slug becomes a file name under content/<lang>/notes/ and the
	// note's address: one segment, so that it can neither leave the notes
	// folder nor publish the note somewhere else.
	if *slug != "" && !slugPattern.MatchString(*slug) {
		return fmt.Errorf("slug %q: use lower-case letters, digits and hyphens, as in my-instrument-point-3-translation (a file name without .md)", *slug)
	}
	root, err := projectRoot(*rootFlag)
	if err != nil {
		return err
	}
	r, err := ingest.Run(root, ManifestPath)
	if err != nil {
		return err
	}
	if r.Part(key) == nil {
		example := "<instrument>/point_1"
		if len(r.Instruments) > 0 && len(r.Instruments[0].Parts) > 0 {
			example = r.Instruments[0].Parts[0].Key
		}
		return fmt.Errorf("unknown part %q (keys look like %s)", key, example)
	}
	// A second note of one type on one part is usually a mistake (the
	// editor meant to open the first): say which exists, and write another
	// only when asked, by -force or by a slug of its own.
	if *slug == "" && !*force {
		for _, n := range r.Notes {
			if n.Type == *typ && slices.Contains(n.Parts, key) {
				return fmt.Errorf("%s:%d: a %s note on %s exists; edit it, or write another with -slug <name> or -force", n.Path, max(n.Line("parts"), 1), *typ, key)
			}
		}
	}
	name := *slug
	if name == "" {
		name = defaultSlug(key, *typ)
	}
	if f := existing(root, r.NoteLangs(), name); f != "" {
		return fmt.Errorf("%s: a note %s exists; choose another name with -slug", f, name)
	}
	for _, l := range r.NoteLangs() {
		dir := l.Key
		path := filepath.ToSlash(filepath.Join("content", dir, "notes", name+".md"))
		// Hugo resolves the path through the content mounts; one whose
		// folder is missing is skipped, and the note would land in
		// another mount (ingest's). So the folder must exist first.
		if err := os.MkdirAll(filepath.Join(root, "content", dir, "notes"), 0o755); err != nil {
			return fileerr.Rel(root, err)
		}
		cmd := project.HugoCommand(root, "new", "content", "--kind", "notes", path)
		cmd.Env = append(os.Environ(), "HUGO_NOTE_PART="+key, "HUGO_NOTE_TYPE="+*typ)
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("hugo new content %s: %s", path, oneLine(string(out)))
		}
		if _, err := os.Stat(filepath.Join(root, filepath.FromSlash(path))); err != nil {
			return fmt.Errorf("hugo new content did not create %s", path)
		}
		fmt.Fprintln(stdout, "created", path)
	}
	return nil
}

// hyphens are the runs of characters a default slug turns into one hyphen.
var hyphens = regexp.MustCompile(`[^a-z0-9]+`)

// defaultSlug is the file name of a note of type typ on the part key: the
// key with each run of other characters made one hyphen (preamble__p_3 →
// preamble-p-3), a name that -slug would accept.
func defaultSlug(key, typ string) string {
	return strings.Trim(hyphens.ReplaceAllString(strings.ToLower(key), "-"), "-") + "-" + typ
}

// slugPattern is what a note's file name (without .md) looks like.
var slugPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// existing is the first of the note's files (content/<lang>/notes/<slug>.md)
// that exists, or "".
func existing(root string, langs []corpus.Lang, slug string) string {
	for _, l := range langs {
		rel := "content/" + l.Key + "/notes/" + slug + ".md"
		if _, err := os.Stat(filepath.Join(root, filepath.FromSlash(rel))); err == nil {
			return rel
		}
	}
	return ""
}

func cmdBuild(args []string, stdout, stderr io.Writer) error {
	fs, rootFlag := newFlags("build [-root DIR] [-dest DIR]",
		"Checks that the generated files match the sources, then builds the site with Hugo.", stderr)
	dest := fs.String("dest", "public", "output folder, relative to the root")
	root, err := parseRoot(fs, rootFlag, args)
	if err != nil {
		return err
	}
	r, err := ingest.Run(root, ManifestPath)
	if err != nil {
		return err
	}
	// The editors' files first: a note's own error says more than the
	// exports it makes stale.
	if _, err := doCheck(root, r, true, stdout, stderr); err != nil {
		return err
	}
	if err := reportIngest(root, r, true, true, stdout, stderr); err != nil {
		return err
	}
	if err := hugo(root, stdout, stderr, "--minify", "--panicOnWarning", "--cleanDestinationDir", "--destination", *dest); err != nil {
		return err
	}
	public := *dest
	if !filepath.IsAbs(public) {
		public = filepath.Join(root, public)
	}
	return search.Index(root, public, "", stdout, stderr)
}

func cmdServe(args []string, stdout, stderr io.Writer) error {
	fs, rootFlag := newFlags("serve [-root DIR] [-port N]",
		"Runs ingest, then serves the site with live reload for previewing edits.", stderr)
	port := fs.Int("port", 1313, "port to listen on (127.0.0.1)")
	root, err := parseRoot(fs, rootFlag, args)
	if err != nil {
		return err
	}
	// From here on, Ctrl-C and SIGTERM stop the preview: they are handled,
	// so that serve ends cleanly (status 0, its temporary folder removed)
	// instead of being killed.
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sigs)
	stopped := func(err error) error {
		select {
		case <-sigs:
			fmt.Fprintln(stdout, "serve: stopped")
			return nil
		default:
			return err
		}
	}
	r, err := doIngest(root, false, false, stdout, stderr)
	if err != nil {
		return err
	}
	// The editors' problems first, as build reports them, but the preview
	// goes on: it is where they are fixed. The pages show them too, in a
	// banner (the preview's data, .preview/, removed when serve stops).
	defer os.RemoveAll(filepath.Join(root, previewDir))
	problems, err := doCheck(root, r, true, stdout, stderr)
	if err != nil {
		fmt.Fprintln(stderr, "tools: "+oneLine(err.Error())+" (the preview shows the pages as they are; build refuses them)")
	}
	if err := writePreview(root, newPreviewRecord(nil, problems)); err != nil {
		return err
	}
	// hugo server keeps the site in memory, so the search index is built
	// once from a build on disk and served from static/pagefind (ignored by
	// git); it reflects the content as it was when serve started.
	tmp, err := os.MkdirTemp("", "site-*")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	if err := hugo(root, io.Discard, stderr, "--panicOnWarning", "--destination", tmp); err != nil {
		return stopped(err)
	}
	if err := search.Index(root, tmp, filepath.Join(root, "static", "pagefind"), io.Discard, stderr); err != nil {
		return stopped(err)
	}
	// Stopped while the index was built: no server.
	if len(sigs) > 0 {
		return stopped(nil)
	}
	// Hugo watches content/ and layouts/; the sources and the data files that
	// ingest folds into content are ours to watch, so that an edit to the
	// manifest, a capture, the themes or a review shows in the preview too.
	go watchSources(root, stdout, stderr)
	fmt.Fprintf(stdout, "serving on http://localhost:%d/ (Ctrl-C to stop)\n", *port)
	// Ingest swaps generated/ whole, and a file-system watcher keeps
	// watching the folder it first saw; polling watches the paths.
	// --renderToMemory: Hugo's server writes to public/ by default,
	// replacing what `build` put there; the preview needs no files.
	return hugoUntilSignal(sigs, root, stdout, stderr, "server", "--renderToMemory", "--panicOnWarning", "--poll", "700ms", "--bind", "127.0.0.1", "--port", fmt.Sprint(*port))
}

// hugoUntilSignal runs the pinned Hugo until it exits or serve is asked to
// stop (Ctrl-C, SIGTERM): then Hugo is stopped in turn, waited for, and
// serve ends with status 0, as a preview that was meant to be stopped.
// Hugo is run as the binary itself, not through `go tool`, so that the
// signal reaches it and no go command reports it. (Under `go run`, the go
// command itself, which receives the Ctrl-C too, may still end with status
// 1 when serve takes a moment to stop: cmd/go sets it on an interrupt,
// silently. The tools command ends with 0.)
func hugoUntilSignal(sigs <-chan os.Signal, root string, stdout, stderr io.Writer, args ...string) error {
	bin, err := project.HugoBinary()
	if err != nil {
		return err
	}
	cmd := exec.Command(bin, append([]string{"--source", root}, args...)...)
	cmd.Dir = root
	cmd.Stdout, cmd.Stderr = stdout, stderr
	if err := cmd.Start(); err != nil {
		return err
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			return fmt.Errorf("hugo failed (%v)", err)
		}
		return nil
	case sig := <-sigs:
		// Ctrl-C reaches the whole process group, Hugo too; a SIGTERM
		// sent to serve alone does not: pass it on. Hugo's own exit
		// status after a signal says nothing about the site.
		_ = cmd.Process.Signal(sig)
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			_ = cmd.Process.Kill()
			<-done
		}
		fmt.Fprintln(stdout, "serve: stopped")
		return nil
	}
}

// watchSources re-runs ingest and check whenever a file they read changes
// (sources, the editors' data and notes, the site's configuration).
// Problems are printed and the preview keeps the last good content.
func watchSources(root string, stdout, stderr io.Writer) {
	last := ingest.InputsStamp(root)
	for range time.Tick(time.Second) {
		last = watchOnce(root, last, stdout, stderr)
	}
}

// watchOnce runs ingest and check when the inputs' stamp is no longer
// last, printing what they find, and returns the current stamp.
func watchOnce(root, last string, stdout, stderr io.Writer) string {
	stamp := ingest.InputsStamp(root)
	if stamp == last {
		return last
	}
	fmt.Fprintln(stdout, "inputs changed: running ingest and check")
	previewCheck(root, stdout, stderr)
	return stamp
}

// previewCheck runs ingest, then check, as build does, but for the
// preview: a problem is printed (file:line) and written for the pages'
// banner, and the preview goes on, so that an editor sees it while
// writing; build refuses to run instead.
func previewCheck(root string, stdout, stderr io.Writer) {
	r, ingestErr := doIngest(root, false, true, stdout, stderr)
	var problems []notes.Problem
	if ingestErr != nil {
		fmt.Fprintln(stderr, "tools: "+oneLine(ingestErr.Error()))
	} else {
		var err error
		if problems, err = doCheck(root, r, true, stdout, stderr); err != nil {
			fmt.Fprintln(stderr, "tools: "+oneLine(err.Error())+" (the preview shows the pages as they are; build refuses them)")
		}
	}
	if err := writePreview(root, newPreviewRecord(fileerr.Rel(root, ingestErr), problems)); err != nil {
		fmt.Fprintln(stderr, "tools: the preview's banner: "+oneLine(err.Error()))
	}
}

// hugo runs the Hugo version pinned in go.mod as a tool.
func hugo(root string, stdout, stderr io.Writer, args ...string) error {
	cmd := project.HugoCommand(root, args...)
	cmd.Stdout, cmd.Stderr = stdout, stderr
	if err := cmd.Run(); err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return fmt.Errorf("hugo failed (%v)", err)
		}
		return err
	}
	return nil
}
