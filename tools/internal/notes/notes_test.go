package notes

import (
	"github.com/annotated-data-initiatives/site/tools/internal/corpus"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var parts = map[string]corpus.Part{
	"demo-2020/point_3": {
		Key:  "demo-2020/point_3",
		Text: map[string]string{"en": "States should take actions to prevent abuse.", "zh-Hans": "各国承诺采取措施防范。"},
		Hash: map[string]string{"en": "h-en-3", "zh-Hans": "h-zh-3"},
	},
}

func note(parts, quote, hashes, body string) string {
	return "+++\ntitle = \"A note\"\ndate = 2026-11-23\ntranslationKey = \"note/x\"\n[params]\ntype = \"translation\"\nparts = " + parts +
		"\nauthor = \"Editors\"\nquote = \"" + quote + "\"\n[params.hashes]\n" + hashes + "\n+++\n" + body
}

func load(t *testing.T, files map[string]string) []Problem {
	t.Helper()
	root := t.TempDir()
	for name, text := range files {
		p := filepath.Join(root, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, probs, err := LoadAndCheck(root, testLangs, parts)
	if err != nil {
		t.Fatal(err)
	}
	return probs
}

func TestCheck(t *testing.T) {
	good := note(`["demo-2020/point_3"]`, "take actions", `"demo-2020/point_3" = "h-en-3"`, "Body.\n")
	goodZh := note(`["demo-2020/point_3"]`, "各国承诺", `"demo-2020/point_3" = "h-zh-3"`, "正文。\n")
	tests := []struct {
		name  string
		files map[string]string
		want  []string // each problem line, in order
	}{
		{"valid pair", map[string]string{"content/en/notes/x.md": good, "content/zh/notes/x.md": goodZh}, nil},
		{"unknown part", map[string]string{
			"content/en/notes/x.md": note(`["demo-2020/point_9"]`, "", ``, ""),
			"content/zh/notes/x.md": goodZh,
		}, []string{
			`content/en/notes/x.md:7: error: unknown part "demo-2020/point_9"`,
			`content/zh/notes/x.md:7: error: parts ["demo-2020/point_3"] differ from content/en/notes/x.md:7 (["demo-2020/point_9"]): a note's languages annotate the same parts`,
		}},
		{"quote not found", map[string]string{
			"content/en/notes/x.md": note(`["demo-2020/point_3"]`, "take action now", `"demo-2020/point_3" = "h-en-3"`, ""),
			"content/zh/notes/x.md": goodZh,
		}, []string{`content/en/notes/x.md:9: error: quote "take action now" is not found in the en text of demo-2020/point_3`}},
		{"quote in the other language does not count", map[string]string{
			"content/en/notes/x.md": note(`["demo-2020/point_3"]`, "各国承诺", `"demo-2020/point_3" = "h-en-3"`, ""),
			"content/zh/notes/x.md": goodZh,
		}, []string{`content/en/notes/x.md:9: error: quote "各国承诺" is not found in the en text of demo-2020/point_3`}},
		{"changed text", map[string]string{
			"content/en/notes/x.md": note(`["demo-2020/point_3"]`, "", `"demo-2020/point_3" = "old"`, ""),
			"content/zh/notes/x.md": goodZh,
		}, []string{`content/en/notes/x.md:11: warning: the text of demo-2020/point_3 has changed since this note was written; re-read the note, then confirm it by setting the hash to "h-en-3"`}},
		{"missing translation", map[string]string{"content/en/notes/x.md": good},
			[]string{`content/en/notes/x.md: warning: no zh-Hans version (content/zh/notes/x.md); readers of that language see this one, labelled`}},
		{"missing Chinese original's English", map[string]string{"content/zh/notes/x.md": goodZh},
			[]string{`content/zh/notes/x.md: warning: no en version (content/en/notes/x.md); readers of that language see this one, labelled`}},
		{"bad type and missing author", map[string]string{
			"content/en/notes/x.md": strings.Replace(strings.Replace(good, `type = "translation"`, `type = "opinion"`, 1), `author = "Editors"`, `author = ""`, 1),
			"content/zh/notes/x.md": goodZh,
		}, []string{
			`content/en/notes/x.md:6: error: type "opinion" is not one of analysis, translation, context, cross-reference`,
			`content/en/notes/x.md:8: error: author is missing`,
		}},
		{"unknown front matter key", map[string]string{
			"content/en/notes/x.md": strings.Replace(good, `author = "Editors"`, `autor = "Editors"`, 1),
			"content/zh/notes/x.md": goodZh,
		}, []string{`content/en/notes/x.md:8: error: unknown front matter key "params.autor"`}},
		{"top-level url", map[string]string{
			"content/en/notes/x.md": strings.Replace(good, "date = 2026-11-23\n", "date = 2026-11-23\nurl = \"/elsewhere/\"\n", 1),
			"content/zh/notes/x.md": goodZh,
		}, []string{`content/en/notes/x.md:4: error: front matter key "url" would change where or whether the note is published; every note is published the same way, so remove it`}},
		{"draft, in another case", map[string]string{
			"content/en/notes/x.md": strings.Replace(good, "title = \"A note\"\n", "title = \"A note\"\nDraft = true\n", 1),
			"content/zh/notes/x.md": goodZh,
		}, []string{`content/en/notes/x.md:3: error: front matter key "Draft" would change where or whether the note is published; every note is published the same way, so remove it`}},
		{"build table", map[string]string{
			"content/en/notes/x.md": strings.Replace(good, "[params]\n", "[build]\nlist = \"never\"\n[params]\n", 1),
			"content/zh/notes/x.md": goodZh,
		}, []string{`content/en/notes/x.md:5: error: front matter key "build" would change where or whether the note is published; every note is published the same way, so remove it`}},
		{"unknown top-level key", map[string]string{
			"content/en/notes/x.md": strings.Replace(good, "date = 2026-11-23\n", "date = 2026-11-23\nauthor = \"Editors\"\n", 1),
			"content/zh/notes/x.md": goodZh,
		}, []string{`content/en/notes/x.md:4: error: unknown front matter key "author": a note sets title, date, translationKey, params, and its own fields under [params]`}},
		{"translation key of another page", map[string]string{
			"content/en/notes/x.md": strings.Replace(good, `translationKey = "note/x"`, `translationKey = "demo-2020/point_3"`, 1),
			"content/zh/notes/x.md": goodZh,
		}, []string{`content/en/notes/x.md:4: error: translationKey "demo-2020/point_3": a note's is "note/x", which pairs its two languages`}},
		{"value of the wrong type", map[string]string{
			"content/en/notes/x.md": strings.Replace(good, `author = "Editors"`, `author = ["Editors"]`, 1),
			"content/zh/notes/x.md": goodZh,
		}, []string{`content/en/notes/x.md:8: error: params.author: incompatible types: TOML value has type []any; destination has type string`}},
		{"languages disagree on parts", map[string]string{
			"content/en/notes/x.md": note(`["demo-2020/point_3", "demo-2020/point_4"]`, "", `"demo-2020/point_3" = "h-en-3"`, ""),
			"content/zh/notes/x.md": strings.Replace(goodZh, "+++\n", "+++\n# A comment\n# and another\n", 1),
		}, []string{
			`content/en/notes/x.md:7: error: unknown part "demo-2020/point_4"`,
			`content/zh/notes/x.md:9: error: parts ["demo-2020/point_3"] differ from content/en/notes/x.md:7 (["demo-2020/point_3", "demo-2020/point_4"]): a note's languages annotate the same parts`,
		}},
		{"same parts in another order", map[string]string{
			"content/en/notes/x.md": note(`["demo-2020/point_3", "demo-2020/point_3"]`, "", `"demo-2020/point_3" = "h-en-3"`, ""),
			"content/zh/notes/x.md": goodZh,
		}, nil},
		{"bidi control in the title", map[string]string{
			"content/en/notes/x.md": strings.Replace(good, `title = "A note"`, `title = "A note \u202Eeton A"`, 1),
			"content/zh/notes/x.md": goodZh,
		}, []string{`content/en/notes/x.md:2: error: title contains U+202E RIGHT-TO-LEFT OVERRIDE, an invisible character that changes the order in which text is shown; remove it`}},
		{"saved with a byte order mark", map[string]string{"content/en/notes/x.md": "\xEF\xBB\xBF" + good, "content/zh/notes/x.md": goodZh}, nil},
		{"raw HTML", map[string]string{
			"content/en/notes/x.md": note(`["demo-2020/point_3"]`, "", `"demo-2020/point_3" = "h-en-3"`, "Hi <script>alert(1)</script>\n"),
			"content/zh/notes/x.md": goodZh,
		}, []string{
			`content/en/notes/x.md:13: warning: raw HTML in the body is not rendered: "<script>alert(1)</script>\n"`,
			`content/en/notes/x.md:13: warning: raw HTML in the body is not rendered: "</script>\n"`,
		}},
		{"every raw HTML tag, at its line", map[string]string{
			"content/en/notes/x.md": note(`["demo-2020/point_3"]`, "", `"demo-2020/point_3" = "h-en-3"`, "One <b>bold</b> word.\n\nA <img src=x> and\n<br\n>done.\n"),
			"content/zh/notes/x.md": goodZh,
		}, []string{
			`content/en/notes/x.md:13: warning: raw HTML in the body is not rendered: "<b>bold</b> word.\n"`,
			`content/en/notes/x.md:13: warning: raw HTML in the body is not rendered: "</b> word.\n"`,
			`content/en/notes/x.md:15: warning: raw HTML in the body is not rendered: "<img src=x> and\n"`,
			`content/en/notes/x.md:16: warning: raw HTML in the body is not rendered: "<br\n"`,
		}},
		{"shortcodes, each at its line", map[string]string{
			"content/en/notes/x.md": note(`["demo-2020/point_3"]`, "", `"demo-2020/point_3" = "h-en-3"`,
				"Look: {{< youtube 0RKpf3rK57I >}}\n\n```\n{{% figure src=\"https://other.example/x.png\" %}}\n```\n{{<vimeo 1>}} and {{</* x */>}}\n{{< instagram\n"),
			"content/zh/notes/x.md": goodZh,
		}, []string{
			`content/en/notes/x.md:13: error: shortcode {{< youtube 0RKpf3rK57I >}}: a note cannot call shortcodes (they embed or fetch content from other hosts); write a Markdown link instead`,
			`content/en/notes/x.md:16: error: shortcode {{% figure src="https://other.example/x.png" %}}: a note cannot call shortcodes (they embed or fetch content from other hosts); write a Markdown link instead`,
			`content/en/notes/x.md:18: error: shortcode {{<vimeo 1>}}: a note cannot call shortcodes (they embed or fetch content from other hosts); write a Markdown link instead`,
			`content/en/notes/x.md:18: error: shortcode {{</* x */>}}: a note cannot call shortcodes (they embed or fetch content from other hosts); write a Markdown link instead`,
			`content/en/notes/x.md:19: error: shortcode {{< instagram: a note cannot call shortcodes (they embed or fetch content from other hosts); write a Markdown link instead`,
		}},
		{"no front matter", map[string]string{"content/en/notes/x.md": "# Title\n", "content/zh/notes/x.md": goodZh},
			[]string{`content/en/notes/x.md:1: error: a note starts with TOML front matter between +++ lines`}},
		{"problems of reading and of checking, in file order", map[string]string{
			"content/en/notes/x.md": note(`["demo-2020/point_9"]`, "", ``, ""),
			"content/zh/notes/x.md": goodZh,
			"content/zh/notes/a.md": "# Title\n",
		}, []string{
			`content/en/notes/x.md:7: error: unknown part "demo-2020/point_9"`,
			`content/zh/notes/a.md:1: error: a note starts with TOML front matter between +++ lines`,
			`content/zh/notes/x.md:7: error: parts ["demo-2020/point_3"] differ from content/en/notes/x.md:7 (["demo-2020/point_9"]): a note's languages annotate the same parts`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, p := range load(t, tt.files) {
				got = append(got, p.String())
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(tt.want, "\n  "))
			}
		})
	}
}

// testLangs are the languages the test notes are written in.
var testLangs = []corpus.Lang{{Key: "en", Locale: "en"}, {Key: "zh", Locale: "zh-Hans"}}
