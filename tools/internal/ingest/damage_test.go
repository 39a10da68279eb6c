package ingest

import "testing"

const damageManifest = demoTwoCaptures + `[source.clean]
restore_punctuation = true
`

const damageNews = `
[[source]]
id = "news"
file = "news.txt"
format = "text"
kind = "news-report"
instrument = "demo-2021"
languages = ["zh-Hans"]
layout = "single"
`

const damageErratum = `
[[source.errata]]
part = "point_1"
lang = "zh-Hans"
wrong = "、？；な莅踩？、"
right = "、保障数据安全、"
authority = "the issuer's page"
`

// damageProject is a project whose Chinese authority has mojibake on line
// 3, indented so that its column in the capture (17) is not its column in
// the paragraph (13).
func damageProject(t *testing.T, manifest, news string) string {
	files := map[string][]byte{
		"sources/sources.toml": []byte(manifest),
		"sources/en.txt":       []byte("We agree.\nStates should build trust.\nStates should cooperate.\n"),
		"sources/zh.txt":       []byte("我们同意。\n\n    各国应提升用户信心、?;な莅踩?、促进发展。\n各国应开展合作。\n"),
	}
	if news != "" {
		files["sources/news.txt"] = []byte(news)
	}
	return project(t, files)
}

func TestMojibakeInThePublishedTextIsRefused(t *testing.T) {
	_, err := runProject(damageProject(t, damageManifest, ""))
	want := `sources/zh.txt:3:17: mojibake "な" (kana) in the Chinese text of demo-2021/point_1; add an erratum or fix the capture`
	if err == nil || err.Error() != want {
		t.Fatalf("err = %v\nwant %s", err, want)
	}
}

func TestAnErratumRepairsMojibake(t *testing.T) {
	r, err := runProject(damageProject(t, damageManifest+damageErratum, ""))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := r.Instruments[0].Parts[1].Text["zh-Hans"], "各国应提升用户信心、保障数据安全、促进发展。"; got != want {
		t.Errorf("point_1 = %q; want %q", got, want)
	}
}

func TestMojibakeInCoverageIsRefused(t *testing.T) {
	// Column 6 of the capture's line: the damage is found in the raw line
	// (with its folded colon) even though the paragraph was cleaned.
	_, err := runProject(damageProject(t, damageManifest+damageErratum+damageNews, "报道\n报道:数据Ã©安全。\n"))
	want := `sources/news.txt:2:6: mojibake "Ã©" (Latin-1-decoded UTF-8) in a Chinese paragraph of source news; leave the line out (a section drop) or take a new capture`
	if err == nil || err.Error() != want {
		t.Fatalf("err = %v\nwant %s", err, want)
	}
	if _, err := runProject(damageProject(t, damageManifest+damageErratum+damageNews, "报道:数据安全。\n")); err != nil {
		t.Errorf("clean coverage: %v", err)
	}
}

func TestDamageColumnFallsBackToTheParagraph(t *testing.T) {
	// The capture's two spaces inside the parentheses are folded into
	// one, so the damaged span is not in the capture's line: the column is
	// the paragraph's (5), not the indented line's (7).
	root := project(t, map[string][]byte{
		"sources/sources.toml": []byte(damageManifest),
		"sources/en.txt":       []byte("We agree.\nStates should build trust.\nStates should cooperate.\n"),
		"sources/zh.txt":       []byte("我们同意。\n\n  各国应记(jì  )录。\n各国应开展合作。\n"),
	})
	_, err := runProject(root)
	want := `sources/zh.txt:3:5: pinyin "（jì ）" (left in parentheses after a character) in the Chinese text of demo-2021/point_1; add an erratum or fix the capture`
	if err == nil || err.Error() != want {
		t.Fatalf("err = %v\nwant %s", err, want)
	}
}

// TestCutOffCapture: a capture that stops early is said to, at its last
// paragraph, rather than blamed on a paragraph that cannot be paired.
func TestCutOffCapture(t *testing.T) {
	root := project(t, map[string][]byte{
		"sources/sources.toml": []byte(demoTwoCaptures),
		"sources/en.txt":       []byte("We agree.\nStates should share data across borders and build trust in the digital economy together.\nStates should protect personal information.\n"),
		"sources/zh.txt":       []byte("我们同意。\n各国应跨境共享数据，共同建立对数字经济的信任。\n"),
	})
	_, err := runProject(root)
	want := "sources/zh.txt:2: source zh: the Chinese text ends after paragraph 2 of 3 (the English text of source en has 3, the structure of demo-2021 declares 3); is the capture cut off?"
	if err == nil || err.Error() != want {
		t.Errorf("got  %v\nwant %s", err, want)
	}
}
