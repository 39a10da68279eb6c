package ingest

import (
	"fmt"
	"strings"
	"testing"

	"github.com/annotated-data-initiatives/site/tools/internal/manifest"
)

// corroborateManifest is the two-capture demo with a second official capture
// of the Chinese text, zh2.txt, which is not the authority.
const corroborateManifest = demoTwoCaptures + `
[[source]]
id = "zh2"
file = "zh2.txt"
format = "text"
kind = "official-text"
instrument = "demo-2021"
languages = ["zh-Hans"]
layout = "single"
`

const (
	corroborateEN = "We agree.\nStates should share data.\nStates should not install backdoors.\n"
	corroborateZH = "我们同意。\n各国应共享数据。\n各国不得设置后门。\n"
)

// runCorroborate runs ingest on the demo with zh2.txt and the manifest
// entries added after the zh2 source.
func runCorroborate(t *testing.T, zh2, extra string) (*Result, error) {
	t.Helper()
	root := project(t, map[string][]byte{
		"sources/sources.toml": []byte(corroborateManifest + extra),
		"sources/en.txt":       []byte(corroborateEN),
		"sources/zh.txt":       []byte(corroborateZH),
		"sources/zh2.txt":      []byte(zh2),
	})
	return runProject(root)
}

// manifestLine is the line of the manifest, with extra appended, that
// starts with prefix.
func manifestLine(extra, prefix string) int {
	for i, l := range strings.Split(corroborateManifest+extra, "\n") {
		if strings.HasPrefix(l, prefix) {
			return i + 1
		}
	}
	return 0
}

func TestSecondCaptureThatDiffersFailsIngest(t *testing.T) {
	_, err := runCorroborate(t, "我们同意。\n各国应分享数据。\n各国不得设置后门。\n", "")
	want := "sources/zh2.txt:2: source zh2: part demo-2021/point_1 (zh-Hans): the capture differs from the published text (the capture has “分” for “共”); record an erratum or an accepted variant"
	if err == nil || err.Error() != want {
		t.Errorf("got  %v\nwant %s", err, want)
	}
}

const acceptedVariant = `
[[source.variants]]
part = "point_1"
lang = "zh-Hans"
reason = "The later printing reads 分享"
`

func TestAcceptedVariantIsListed(t *testing.T) {
	r, err := runCorroborate(t, "我们同意。\n各国应分享数据。\n各国不得设置后门。\n", acceptedVariant)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Variants) != 1 {
		t.Fatalf("variants %+v", r.Variants)
	}
	got := string(r.Files["generated/data/variants.toml"])
	for _, want := range []string{
		`source = "zh2"`, `part = "demo-2021/point_1"`, `position = 2`, `lang = "zh-Hans"`, `kind = "different"`,
		`summary = "the capture has “分” for “共”"`, `file = "sources/zh2.txt"`, `line = 2`, `accepted = true`,
		`reason = "The later printing reads 分享"`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("variants.toml lacks %s:\n%s", want, got)
		}
	}
	// The published text is the authority's.
	if p := r.Part("demo-2021/point_1"); p.Text["zh-Hans"] != "各国应共享数据。" {
		t.Errorf("published %q", p.Text["zh-Hans"])
	}
}

func TestIdenticalSecondCaptureHasNoVariants(t *testing.T) {
	r, err := runCorroborate(t, corroborateZH, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Variants) != 0 {
		t.Errorf("variants %+v", r.Variants)
	}
	if got := string(r.Files["generated/data/variants.toml"]); !strings.Contains(got, "variant = []") {
		t.Errorf("variants.toml:\n%s", got)
	}
}

func TestErratumOfTheSecondCaptureRepairsIt(t *testing.T) {
	r, err := runCorroborate(t, "我们同意。\n各国应分享数据。\n各国不得设置后门。\n", `
[[source.errata]]
part = "point_1"
lang = "zh-Hans"
wrong = "分享"
right = "共享"
authority = "The official text"
`)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Variants) != 0 {
		t.Errorf("variants %+v", r.Variants)
	}
	if got := strings.Join(r.Errata["zh2"], "\n"); !strings.Contains(got, "corrected demo-2021/point_1 (Chinese)") {
		t.Errorf("errata of zh2: %q", got)
	}
}

func TestSecondCaptureThatStopsEarlyLacksParts(t *testing.T) {
	short := "我们同意。\n各国应共享数据。\n"
	_, err := runCorroborate(t, short, "")
	want := "sources/zh2.txt:2: source zh2: part demo-2021/point_2 (zh-Hans): the capture lacks this part: it ends after paragraph 2 of 3; is the capture cut off? Record an accepted variant if not"
	if err == nil || err.Error() != want {
		t.Errorf("got  %v\nwant %s", err, want)
	}
	r, err := runCorroborate(t, short, `
[[source.variants]]
part = "point_2"
lang = "zh-Hans"
reason = "This printing gives the first point only"
`)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Variants) != 1 || r.Variants[0].Kind != VariantMissing || r.Variants[0].Part != "demo-2021/point_2" || r.Variants[0].Position != 3 {
		t.Errorf("variants %+v", r.Variants)
	}
}

func TestSecondCaptureWithAnExtraParagraphFails(t *testing.T) {
	_, err := runCorroborate(t, corroborateZH+"附件。\n", "")
	want := `sources/zh2.txt:4: source zh2: the Chinese text has paragraph 4 beyond the 3 parts of the structure of demo-2021: "附件。"; end the capture's section before it`
	if err == nil || err.Error() != want {
		t.Errorf("got  %v\nwant %s", err, want)
	}
}

func TestVariantMustNameAPartThatDiffers(t *testing.T) {
	unknown := strings.Replace(acceptedVariant, "point_1", "point_9", 1)
	_, err := runCorroborate(t, corroborateZH, unknown)
	want := fmt.Sprintf(`sources/sources.toml:%d: variant of source zh2 names unknown part "point_9"`, manifestLine(unknown, "[[source.variants]]"))
	if err == nil || err.Error() != want {
		t.Errorf("got  %v\nwant %s", err, want)
	}
	_, err = runCorroborate(t, corroborateZH, acceptedVariant)
	want = fmt.Sprintf(`sources/sources.toml:%d: variant of source zh2: part demo-2021/point_1 (zh-Hans) of the capture does not differ from the published text; remove the variant`, manifestLine(acceptedVariant, "[[source.variants]]"))
	if err == nil || err.Error() != want {
		t.Errorf("got  %v\nwant %s", err, want)
	}
}

func TestVariantsBelongToTheirInstrument(t *testing.T) {
	r, err := runCorroborate(t, "我们同意。\n各国应分享数据。\n各国不得设置后门。\n", acceptedVariant)
	if err != nil {
		t.Fatal(err)
	}
	// Another instrument, which has no part the variant names, is
	// corroborated by none of these sources.
	other := InstrumentParts{Instrument: &manifest.Instrument{ID: "other-2020", Authority: map[string]string{"en": "x", "zh-Hans": "y"}}}
	vs, _, err := corroborate(r.Manifest, other, r.Sources, Options{})
	if err != nil || len(vs) != 0 {
		t.Errorf("variants %+v, error %v", vs, err)
	}
}

func TestDiffSummary(t *testing.T) {
	for _, tt := range []struct{ published, capture, want string }{
		{"States should share data across borders.", "States should exchange data across  borders!", "the capture has “exchange” for “share”, has “  ” for “ ”, has “!” for “.”"},
		{"States should share data.", "States should share data", "the capture lacks “.”"},
		{"各国应共享数据。", "各国应共享数据", "the capture lacks “。”"},
		{"a b c d e", "a x c y e z", "the capture has “x” for “b”, has “y” for “d”, adds “z”"},
		{"a b c d e f g", "v b w d x f y", "the capture has “v” for “a”, has “w” for “c”, has “x” for “e” and 1 more change"},
		{"a b c d e f g h i", "v b w d x f y h z", "the capture has “v” for “a”, has “w” for “c”, has “x” for “e” and 2 more changes"},
	} {
		if got := diffSummary(tt.published, tt.capture); got != tt.want {
			t.Errorf("diffSummary(%q, %q)\n got  %s\n want %s", tt.published, tt.capture, got, tt.want)
		}
	}
}

// runSwapped runs ingest on the corroboration demo with zh2.txt made the
// Chinese authority: the former authority, zh.txt, then corroborates it.
func runSwapped(t *testing.T, zh2 string) (*Result, error) {
	t.Helper()
	root := project(t, map[string][]byte{
		"sources/sources.toml": []byte(strings.Replace(corroborateManifest, `zh-Hans = "zh" }`, `zh-Hans = "zh2" }`, 1)),
		"sources/en.txt":       []byte(corroborateEN),
		"sources/zh.txt":       []byte(corroborateZH),
		"sources/zh2.txt":      []byte(zh2),
	})
	return runProject(root)
}

func TestAChangeOfAuthorityIsChecked(t *testing.T) {
	// The new authority differs from the old capture: the old one now
	// corroborates the published text, and the difference fails, named
	// at the old capture's line.
	_, err := runSwapped(t, "我们同意。\n各国应分享数据。\n各国不得设置后门。\n")
	want := "sources/zh.txt:2: source zh: part demo-2021/point_1 (zh-Hans): the capture differs from the published text (the capture has “共” for “分”); record an erratum or an accepted variant"
	if err == nil || err.Error() != want {
		t.Errorf("got  %v\nwant %s", err, want)
	}
	// A new authority with mojibake is refused where the damage is, before
	// anything is published.
	_, err = runSwapped(t, "我们同意。\n各国应共享数据？；な莅。\n各国不得设置后门。\n")
	if err == nil || !strings.HasPrefix(err.Error(), "sources/zh2.txt:2:") || !strings.Contains(err.Error(), "mojibake") {
		t.Errorf("got %v, want mojibake refused at sources/zh2.txt:2", err)
	}
	// The same text under either authority publishes the same parts.
	r, err := runSwapped(t, corroborateZH)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range r.Instruments[0].Parts {
		if p.Source["zh-Hans"] != "zh2" {
			t.Errorf("%s: Chinese text from %s, want zh2", p.Key, p.Source["zh-Hans"])
		}
	}
	if len(r.Variants) != 0 {
		t.Errorf("identical captures: variants %v", r.Variants)
	}
}
