package ingest

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/annotated-data-initiatives/site/tools/internal/site"
)

// spaces are the runs of white space a description has as one space (the
// \s of Go's regexp, as Hugo's replaceRE reads it).
var spaces = regexp.MustCompile(`\s+`)

// partDescription is the meta description of a part's page in language l:
// its title and its text, i18n "colon" between (metaDescription).
func partDescription(l *site.Language, title, text string) (string, error) {
	colon, err := l.T("colon", nil)
	if err != nil {
		return "", err
	}
	return metaDescription(l, title+colon+text)
}

// pairDescription is the meta description of a pair's page in language
// l, whose title is title: i18n "pairDescription" (metaDescription).
func pairDescription(l *site.Language, title string) (string, error) {
	d, err := l.T("pairDescription", map[string]any{"Title": title})
	if err != nil {
		return "", err
	}
	return metaDescription(l, d)
}

// themeDescription is the meta description of a theme's page in language
// l: the editors' description of the theme, else its name and i18n
// "siteDescription", i18n "colon" between, as description.html makes
// one for an editor's page without a description or a text
// (metaDescription).
func themeDescription(l *site.Language, name, description string) (string, error) {
	if description == "" {
		colon, err := l.T("colon", nil)
		if err != nil {
			return "", err
		}
		site, err := l.T("siteDescription", nil)
		if err != nil {
			return "", err
		}
		description = name + colon + site
	}
	return metaDescription(l, description)
}

// metaDescription is d as a page's meta description in language l: the
// white space made single spaces; one shorter than i18n "descriptionMin"
// goes on with i18n "siteDescription" (i18n "descriptionMore"); one
// longer than i18n "descriptionLength" is cut to one character short of
// it, at a word (i18n "descriptionCut" "word") or a character, with an
// ellipsis. It is what layouts/_partials/utils/description.html makes of
// the editors' pages, worked out once here for the generated ones
// instead of on every build of every page.
func metaDescription(l *site.Language, d string) (string, error) {
	s := map[string]string{}
	for _, id := range []string{"siteDescription", "descriptionMin", "descriptionLength", "descriptionCut"} {
		v, err := l.T(id, nil)
		if err != nil {
			return "", err
		}
		s[id] = v
	}
	min, err := strconv.Atoi(s["descriptionMin"])
	if err != nil {
		return "", fmt.Errorf("i18n/%s.toml: descriptionMin: %v", l.Key, err)
	}
	max, err := strconv.Atoi(s["descriptionLength"])
	if err != nil || max < 2 {
		return "", fmt.Errorf("i18n/%s.toml: descriptionLength %q is not a length", l.Key, s["descriptionLength"])
	}
	d = strings.Trim(spaces.ReplaceAllString(d, " "), " ")
	if utf8.RuneCountInString(d) < min && d != s["siteDescription"] {
		if d, err = l.T("descriptionMore", map[string]any{"Text": d, "More": s["siteDescription"]}); err != nil {
			return "", err
		}
	}
	if utf8.RuneCountInString(d) > max {
		if s["descriptionCut"] == "word" {
			d = strings.TrimRight(cutAtWord(d, max-1), " ,;:") + "…"
		} else {
			d = string([]rune(d)[:max-1]) + "…"
		}
	}
	return d, nil
}

// cutAtWord is s cut to at most n characters at the end of a word, as
// Hugo's truncate cuts plain text (a Han, Hangul or kana character is a
// word of its own); s itself when it is no longer than n. A first word
// longer than n is cut inside.
func cutAtWord(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	var lastWord, lastNonSpace, count int
	for i, r := range s {
		count++
		switch {
		case unicode.IsSpace(r):
			lastWord = lastNonSpace
		case unicode.In(r, unicode.Han, unicode.Hangul, unicode.Hiragana, unicode.Katakana):
			lastWord = lastNonSpace
			lastNonSpace = i + utf8.RuneLen(r)
			if count <= n {
				lastWord = lastNonSpace
			}
		default:
			lastNonSpace = i + utf8.RuneLen(r)
		}
		if count > n {
			if lastWord == 0 {
				return s[:i]
			}
			return s[:lastWord]
		}
	}
	return s
}

// headTitle is the <title> of a page in language l whose title is title
// and whose short title is short (or ""): at most i18n "titleLength"
// characters, the first that fits of the title with the site's title
// (i18n "pageTitle"), the title alone, the short title with the site's
// title, the short title alone; else the title cut as descriptions are,
// with an ellipsis. It is what layouts/_partials/utils/head-title.html
// makes of other pages, worked out once here for the generated ones.
func headTitle(l *site.Language, title, short string) (string, error) {
	v, err := l.T("titleLength", nil)
	if err != nil {
		return "", err
	}
	max, err := strconv.Atoi(v)
	if err != nil || max < 2 {
		return "", fmt.Errorf("i18n/%s.toml: titleLength %q is not a length", l.Key, v)
	}
	names := []string{title}
	if short != "" {
		names = append(names, short)
	}
	for _, n := range names {
		full, err := l.T("pageTitle", map[string]any{"Title": n, "Site": l.Title})
		if err != nil {
			return "", err
		}
		for _, c := range []string{full, n} {
			if utf8.RuneCountInString(c) <= max {
				return c, nil
			}
		}
	}
	cut, err := l.T("descriptionCut", nil)
	if err != nil {
		return "", err
	}
	if cut == "word" {
		return strings.TrimRight(cutAtWord(title, max-1), " ,;:") + "…", nil
	}
	return string([]rune(title)[:max-1]) + "…", nil
}
