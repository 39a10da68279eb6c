package ingest

import (
	"slices"
	"strings"
	"testing"

	"github.com/annotated-data-initiatives/site/tools/internal/corpus"
	"github.com/annotated-data-initiatives/site/tools/internal/manifest"
)

// A Chinese summary item that changes one clause of its point: compared
// character by character, not as one space-less "word" each.
func TestComparePairComparesHanTextByCharacter(t *testing.T) {
	point := "各方应加强数据安全合作，共同维护网络空间和平。"
	item := "各方应加强数据安全合作，共同促进数字经济发展。"
	pc := comparePair(point, item)
	if pc.Unit != "characters" || pc.Words != 21 || pc.Common != 13 {
		t.Errorf("unit %q, %d of %d in common; want characters, 13 of 21", pc.Unit, pc.Common, pc.Words)
	}
	if !slices.Equal(pc.Omitted, []string{"维护网络空间和平"}) || !slices.Equal(pc.Added, []string{"促进数字经济发展"}) {
		t.Errorf("omitted %q, added %q", pc.Omitted, pc.Added)
	}
	want := "13 of 21 characters in common; the summary leaves out “维护网络空间和平” and adds “促进数字经济发展”"
	if pc.Agreement != want {
		t.Errorf("agreement %q\nwant      %q", pc.Agreement, want)
	}
	// Latin words inside Han text stay whole (one unit each); punctuation
	// does not count.
	pc = comparePair("加入CPTPP协定。", "加入（DEPA Plus）协定")
	if pc.Words != 5 || pc.Common != 4 || !slices.Equal(pc.Omitted, []string{"CPTPP"}) || !slices.Equal(pc.Added, []string{"DEPA Plus"}) {
		t.Errorf("%+v", pc)
	}
	if pc := comparePair("数据安全。", "数据安全"); pc.Common != 4 || len(pc.Omitted)+len(pc.Added) != 0 || !strings.HasPrefix(pc.Agreement, "the same characters") {
		t.Errorf("%+v", pc)
	}
	// English is still compared word by word.
	if pc := comparePair("Governments should ban backdoors.", "Ban backdoors."); pc.Unit != "words" || pc.Words != 4 {
		t.Errorf("%+v", pc)
	}
}

// The report of a Chinese cross-check counts characters.
func TestCrossCheckReportsHanCountsInCharacters(t *testing.T) {
	x := &Extracted{
		Source: &manifest.Source{ID: "900", Languages: []string{testZH}},
		Paras: map[string][]Para{testZH: {
			{Lang: testZH, Text: "开篇。", Line: 1},
			{Lang: testZH, Text: "各方应加强数据安全合作，共同促进数字经济发展。", Line: 2, Listed: true},
		}},
	}
	ip := InstrumentParts{Instrument: &manifest.Instrument{ID: "test-1"}, Parts: []Part{{
		Key: "test-1/point_1", Role: corpus.RoleClause,
		Text: map[string]string{testZH: "各方应加强数据安全合作，共同维护网络空间和平。"},
	}}}
	lines := crossCheck(x, ip).Report()
	want := "  item 1 ~ test-1/point_1: 13 of 21 characters in common; the summary leaves out “维护网络空间和平” and adds “促进数字经济发展”"
	if len(lines) != 2 || lines[1] != want {
		t.Errorf("report:\n%s\nwant line:\n%s", strings.Join(lines, "\n"), want)
	}
}

// The locales of the project's languages (config.toml), which the tests'
// made-up captures are written in.
const testEN, testZH = "en", "zh-Hans"
