package ingest

import (
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// A part's description is its title and text, cut to the site's length
// at a word or a character as each language says, or continued with the
// site's description when short; the bounds come from i18n/, not the test.
func TestPartDescription(t *testing.T) {
	s, err := repoSite()
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range s.Languages {
		tr := func(id string) string {
			v, err := l.T(id, nil)
			if err != nil {
				t.Fatal(err)
			}
			return v
		}
		max, _ := strconv.Atoi(tr("descriptionLength"))
		min, _ := strconv.Atoi(tr("descriptionMin"))
		colon, more := tr("colon"), tr("siteDescription")
		word := tr("descriptionCut") == "word"
		title := "Title"
		// A long text of words (and, for a language cut by characters,
		// of characters), with runs of white space inside.
		unit := "alpha beta\n gamma, "
		if !word {
			unit = "数据安全，"
		}
		long := strings.Repeat(unit, 2*max/utf8.RuneCountInString(unit)+1)
		d, err := partDescription(l, title, long)
		if err != nil {
			t.Fatal(err)
		}
		flat := strings.Trim(spaces.ReplaceAllString(title+colon+long, " "), " ")
		body, ok := strings.CutSuffix(d, "…")
		if !ok || utf8.RuneCountInString(d) > max || !strings.HasPrefix(flat, body) {
			t.Errorf("%s: long text: %q is not the flattened text cut to %d with an ellipsis", l.Key, d, max)
		}
		if word && !strings.HasPrefix(flat[len(body):], " ") {
			t.Errorf("%s: long text: %q is not cut at a word", l.Key, d)
		}
		if strings.ContainsAny(body, "\n") || strings.HasSuffix(body, ",") || strings.HasSuffix(body, " ") {
			t.Errorf("%s: long text: %q keeps white space or a comma before the ellipsis", l.Key, d)
		}
		if !word && utf8.RuneCountInString(d) != max {
			t.Errorf("%s: long text: %q is not cut at the character", l.Key, d)
		}
		short, err := partDescription(l, title, "x")
		if err != nil {
			t.Fatal(err)
		}
		if utf8.RuneCountInString(title+colon+"x") >= min || !strings.Contains(short, title+colon+"x") || !strings.Contains(short, more) {
			t.Errorf("%s: short text: %q does not go on with the site's description", l.Key, short)
		}
	}
}

// Hugo's truncate cuts a first word longer than the length inside it, and
// a Han character is a word of its own.
func TestCutAtWord(t *testing.T) {
	for _, c := range []struct {
		s    string
		n    int
		want string
	}{
		{"one two three", 13, "one two three"},
		{"one two three", 9, "one two"},
		{"one two three", 7, "one two"},
		{"onetwothree", 5, "onetw"},
		{"数据安全", 3, "数据安"},
		{"ab 数据", 4, "ab 数"},
	} {
		if got := cutAtWord(c.s, c.n); got != c.want {
			t.Errorf("cutAtWord(%q, %d) = %q, want %q", c.s, c.n, got, c.want)
		}
	}
}

// A generated page's <title> is the first of the title with the site's,
// the title, the short title with the site's and the short title that
// fits in the site's length, else the title cut with an ellipsis.
func TestHeadTitle(t *testing.T) {
	s, err := repoSite()
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range s.Languages {
		v, err := l.T("titleLength", nil)
		if err != nil {
			t.Fatal(err)
		}
		max, _ := strconv.Atoi(v)
		with := func(title string) string {
			full, err := l.T("pageTitle", map[string]any{"Title": title, "Site": l.Title})
			if err != nil {
				t.Fatal(err)
			}
			return full
		}
		if l.Title == "" {
			t.Fatalf("%s: no site title", l.Key)
		}
		short := "S"
		// Titles that fit with the site's title, alone, not at all.
		room := max - utf8.RuneCountInString(with(""))
		fits := strings.Repeat("t", room)
		alone := strings.Repeat("t", room+1)
		long := strings.Repeat("word ", max)
		for _, c := range []struct{ title, short, want string }{
			{fits, short, with(fits)},
			{alone, short, alone},
			{long, short, with(short)},
			{long, "", ""},
		} {
			got, err := headTitle(l, c.title, c.short)
			if err != nil {
				t.Fatal(err)
			}
			if c.want == "" {
				body, ok := strings.CutSuffix(got, "…")
				if !ok || utf8.RuneCountInString(got) > max || !strings.HasPrefix(c.title, body) {
					t.Errorf("%s: %q cut to %q", l.Key, c.title, got)
				}
				continue
			}
			if got != c.want {
				t.Errorf("%s: headTitle(%q, %q) = %q, want %q", l.Key, c.title, c.short, got, c.want)
			}
		}
	}
}

// A pair's description is i18n "pairDescription" of its title, and a
// theme's the editors' description, else its name and the site's
// description: both flattened and bounded as a part's is.
func TestPairAndThemeDescription(t *testing.T) {
	s, err := repoSite()
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range s.Languages {
		tr := func(id string, data map[string]any) string {
			v, err := l.T(id, data)
			if err != nil {
				t.Fatal(err)
			}
			return v
		}
		max, _ := strconv.Atoi(tr("descriptionLength", nil))
		title := "Point 7 and point 11"
		pair, err := pairDescription(l, title)
		if err != nil {
			t.Fatal(err)
		}
		if want := tr("pairDescription", map[string]any{"Title": title}); !strings.HasPrefix(pair, strings.TrimSuffix(want, "…")) && pair != want {
			t.Errorf("%s: pair: %q, want i18n pairDescription %q", l.Key, pair, want)
		}
		named, err := themeDescription(l, "Backdoors", "")
		if err != nil {
			t.Fatal(err)
		}
		// The name and the site's description, cut when too long.
		want := "Backdoors" + tr("colon", nil) + tr("siteDescription", nil)
		if body := strings.TrimSuffix(named, "…"); named != want && (body == named || !strings.HasPrefix(want, body) || utf8.RuneCountInString(named) > max) {
			t.Errorf("%s: theme without a description: %q, want %q", l.Key, named, want)
		}
		given, err := themeDescription(l, "Backdoors", "  What the\n two texts say   about backdoors in products and services, and who is to refrain from them.  ")
		if err != nil {
			t.Fatal(err)
		}
		// The flattened text, continued when short or cut when long.
		want = "What the two texts say about backdoors in products and services, and who is to refrain from them."
		body := strings.TrimSuffix(given, "…")
		if !(strings.HasPrefix(given, want) || (body != given && strings.HasPrefix(want, body))) || utf8.RuneCountInString(given) > max {
			t.Errorf("%s: theme with a description: %q, want %q flattened and bounded", l.Key, given, want)
		}
	}
}
