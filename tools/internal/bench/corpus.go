// Package bench generates a synthetic corpus that goes through the same
// path as the real sources (a manifest and text captures, ingested into
// Hugo content, with editors' notes and themes), so that the cost of the
// site's templates can be measured at sizes the real texts never reach.
package bench

import (
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/annotated-data-initiatives/site/tools/internal/gendir"
	"github.com/annotated-data-initiatives/site/tools/internal/ingest"
	"github.com/annotated-data-initiatives/site/tools/internal/notes"
	"github.com/annotated-data-initiatives/site/tools/internal/opencc"
)

// ManifestPath is where the manifest lives in a project folder.
const ManifestPath = "sources/sources.toml"

// SiteFiles are the folders and files of the real site copied into a
// synthetic project, relative to the project root.
var SiteFiles = []string{"config.toml", "layouts", "i18n", "assets", "archetypes", "static"}

// Size is the shape of a synthetic corpus.
type Size struct {
	Instruments int // number of instruments, at least 2
	Parts       int // parts per instrument (per language), at least 3
	NoteEvery   int // one note (in both languages) per this many parts; 0: 5
}

// Stats describes a generated corpus.
type Stats struct {
	Parts  int // parts per language
	Notes  int // notes per language
	Themes int
	Files  int // generated files written by ingest
}

// Structure splits an instrument of n parts into preamble, points and closing.
func (s Size) Structure() (preamble, points, closing int) {
	preamble = max(1, s.Parts/10)
	closing = 1
	return preamble, s.Parts - preamble - closing, closing
}

// Corpus creates a complete project in dst (which should be empty): the
// real site's files copied from repo, a manifest and captures, themes,
// the ingested content in both languages, and notes. It returns what it
// made. Ingest converts its Traditional captures with OpenCC's converter.
func Corpus(dst, repo string, size Size) (*Stats, error) {
	if size.Instruments < 2 || size.Parts < 3 {
		return nil, fmt.Errorf("bench: need at least 2 instruments of 3 parts, got %d × %d", size.Instruments, size.Parts)
	}
	if size.NoteEvery <= 0 {
		size.NoteEvery = 5
	}
	if err := CopySite(dst, repo); err != nil {
		return nil, err
	}
	nThemes, err := writeSources(dst, size)
	if err != nil {
		return nil, err
	}
	// The notes quote and hash the parts' texts, so they are written
	// from a first run's result; the second run takes them in (ingest
	// reads the notes for the exports and the marks they put on texts).
	r, err := ingest.Run(dst, ManifestPath)
	if err != nil {
		return nil, err
	}
	st := &Stats{Parts: size.Instruments * size.Parts, Themes: nThemes}
	if st.Notes, err = writeNotes(dst, r, size.NoteEvery); err != nil {
		return nil, err
	}
	if r, err = ingest.Run(dst, ManifestPath); err != nil {
		return nil, err
	}
	changes, err := gendir.Plan(dst, r.Files)
	if err != nil {
		return nil, err
	}
	if err := gendir.Apply(dst, r.Files, changes); err != nil {
		return nil, err
	}
	st.Files = len(r.Files)
	return st, nil
}

// Validate is `tools ingest -check` and `tools check` on a project: the
// generated files must be up to date and the notes free of errors.
func Validate(root string) error {
	r, err := ingest.Run(root, ManifestPath)
	if err != nil {
		return err
	}
	changes, err := gendir.Plan(root, r.Files)
	if err != nil {
		return err
	}
	if len(changes) > 0 {
		return fmt.Errorf("bench: %d generated files are stale, e.g. %s", len(changes), changes[0].Path)
	}
	all, problems, err := notes.LoadAndCheck(root, r.NoteLangs(), r.NoteParts())
	if err != nil {
		return err
	}
	if len(all) == 0 {
		return errors.New("bench: no notes")
	}
	var msgs []string
	for _, p := range problems {
		msgs = append(msgs, fmt.Sprint(p))
	}
	if len(msgs) > 0 {
		return fmt.Errorf("bench: %d problems in notes: %s", len(msgs), strings.Join(msgs, "; "))
	}
	return nil
}

// CopySite copies the real site's files from repo into dst, and the
// editors' pages of content/ other than notes: the home pages, search,
// sources, and the section pages. Ingest writes the rest (generated/).
func CopySite(dst, repo string) error {
	for _, name := range SiteFiles {
		if err := copyTree(filepath.Join(repo, name), filepath.Join(dst, name), func(rel string) bool {
			// The search index served in preview is not part of the site.
			return !strings.HasPrefix(rel, "pagefind")
		}); err != nil {
			return err
		}
	}
	return copyTree(filepath.Join(repo, "content"), filepath.Join(dst, "content"), func(rel string) bool {
		rel = filepath.ToSlash(rel)
		return !strings.Contains(rel, "/notes/") || path.Base(rel) == "_index.md"
	})
}

// copyTree copies the files of src that keep(rel) accepts into dst.
func copyTree(src, dst string, keep func(rel string) bool) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if rel != "." && !keep(rel) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dst, rel)), 0o755); err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
}

// InstrumentID names the i-th instrument (from 0).
func InstrumentID(i int) string { return fmt.Sprintf("inst-%04d", i+1) }

// writeSources writes the manifest, one interleaved English/Traditional
// Chinese capture per instrument, and data/themes.toml covering every point.
// It returns the number of themes.
func writeSources(dst string, size Size) (int, error) {
	if err := os.MkdirAll(filepath.Join(dst, "sources"), 0o755); err != nil {
		return 0, err
	}
	rng := rand.New(rand.NewPCG(1, 2))
	pre, pts, cl := size.Structure()
	var m strings.Builder
	m.WriteString("# Synthetic manifest written by `go run ./tools bench`.\n\n")
	for i := range size.Instruments {
		id := InstrumentID(i)
		fmt.Fprintf(&m, `[[instrument]]
id = %q
date = %s
note = "Synthetic instrument %d, generated for benchmarking."
structure = [
  { kind = "preamble", count = %d },
  { kind = "point", count = %d },
  { kind = "closing", count = %d },
]
[instrument.title]
en = "Synthetic Initiative on Data Governance No. %d"
zh-Hans = "数据治理合成倡议第%d号"
[instrument.issuer]
en = "Synthetic Issuing Body"
zh-Hans = "合成发布机构"
[instrument.authority]
en = "s%04d"
zh-Hans = "s%04d"

`, id, date(i), i+1, pre, pts, cl, i+1, i+1, i+1, i+1)
	}
	for i := range size.Instruments {
		file := fmt.Sprintf("s%04d_synthetic.txt", i+1)
		fmt.Fprintf(&m, `[[source]]
id = "s%04d"
file = %q
format = "text"
encoding = "utf-8"
publisher = "Synthetic Portal"
date = %s
kind = "official-text"
instrument = %q
languages = ["en", "zh-Hans"]
layout = "interleaved"
description = "Synthetic capture %d: each paragraph in English followed by the Chinese in Traditional characters."
[[source.section]]
start = "^Synthetic paragraph one"
end = "^We call on all parties to support this synthetic initiative"
[source.clean]
convert = "tw2s"
restore_punctuation = true

`, i+1, file, date(i), InstrumentID(i), i+1)
		var c strings.Builder
		c.WriteString("Synthetic Portal\n\nFind synthetic documents in English\n\nSynthetic Initiative 全球合成倡議\n")
		for k := range size.Parts {
			en := english(rng, 40+rng.IntN(60))
			switch {
			case k == 0:
				en = "Synthetic paragraph one. " + en
			case k == size.Parts-1:
				en = "We call on all parties to support this synthetic initiative. " + en
			}
			c.WriteString(en + " " + chinese(rng, 60+rng.IntN(120)) + "\n")
		}
		c.WriteString("\nEditor(s) Synthetic Observer\n")
		if err := os.WriteFile(filepath.Join(dst, "sources", file), []byte(c.String()), 0o644); err != nil {
			return 0, err
		}
	}
	if err := os.WriteFile(filepath.Join(dst, ManifestPath), []byte(m.String()), 0o644); err != nil {
		return 0, err
	}
	return writeThemes(dst, size, rng)
}

func date(i int) string {
	return fmt.Sprintf("%04d-%02d-%02d", 2000+i/336, 1+(i/28)%12, 1+i%28)
}

// writeThemes writes data/themes.toml. Each instrument is compared with
// the one before it (the default: the instruments' dates rise with their
// index): their points are paired point by point ("continued"), and every
// third point of an instrument is on a theme of its own ("new"), as a
// theme of one instrument alone is.
func writeThemes(dst string, size Size, rng *rand.Rand) (int, error) {
	_, pts, _ := size.Structure()
	point := func(inst, j int) string { return fmt.Sprintf("%s/point_%d", InstrumentID(inst), j+1) }
	var b strings.Builder
	b.WriteString("# Synthetic themes written by `go run ./tools bench`.\n")
	n := 0
	add := func(verdict string, inst int, parts ...string) {
		n++
		fmt.Fprintf(&b, "\n[[theme]]\nid = \"theme-%05d\"\nparts = [", n)
		for i, p := range parts {
			if i > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "%q", p)
		}
		b.WriteString("]\n")
		if inst > 0 {
			fmt.Fprintf(&b, "verdicts = { %s = %q }\n", InstrumentID(inst), verdict)
		}
		fmt.Fprintf(&b, "[theme.name]\nen = %q\nzh-Hans = %q\n", title(english(rng, 6)), simplifiedish(chinese(rng, 12)))
		fmt.Fprintf(&b, "[theme.description]\nen = %q\nzh-Hans = %q\n", english(rng, 30), simplifiedish(chinese(rng, 50)))
		fmt.Fprintf(&b, "[theme.explanation]\nen = %q\nzh-Hans = %q\n", english(rng, 120), simplifiedish(chinese(rng, 220)))
	}
	for i := range size.Instruments {
		for j := range pts {
			switch {
			case i == 0:
				add("", 0, point(0, j))
			case j%3 == 2:
				add("new", i, point(i, j))
			default:
				add("continued", i, point(i-1, j), point(i, j))
			}
		}
	}
	if err := os.MkdirAll(filepath.Join(dst, "data"), 0o755); err != nil {
		return 0, err
	}
	return n, os.WriteFile(filepath.Join(dst, "data", "themes.toml"), []byte(b.String()), 0o644)
}

// writeNotes writes one note per every parts, in both languages, in the
// editors' format (docs/editors-guide.md), quoting and hashing the text.
func writeNotes(dst string, r *ingest.Result, every int) (int, error) {
	rng := rand.New(rand.NewPCG(3, 4))
	n := 0
	for _, ip := range r.Instruments {
		for k := 0; k < len(ip.Parts); k += every {
			p := ip.Parts[k]
			n++
			slug := fmt.Sprintf("%s-%s-%s", ip.Instrument.ID, strings.ReplaceAll(p.ID, "_", "-"), notes.Types[n%len(notes.Types)])
			// In a fixed order: the languages draw from the same generator.
			for _, l := range r.NoteLangs() {
				dir, lang := l.Key, l.Locale
				var f strings.Builder
				title := title(english(rng, 8))
				author := "Editors"
				body := fmt.Sprintf("**%s.** %s\n\n%s\n\n*Rests on:* source %s.\n", title, english(rng, 90), english(rng, 70), p.Source[lang])
				if l.Han() {
					title = simplifiedish(chinese(rng, 16))
					author = "编辑部"
					body = fmt.Sprintf("**%s**。%s\n\n%s\n\n*依据*：来源%s。\n", title, simplifiedish(chinese(rng, 180)), simplifiedish(chinese(rng, 140)), p.Source[lang])
				}
				fmt.Fprintf(&f, "+++\ntitle = %q\ndate = 2026-01-01\ntranslationKey = \"note/%s\"\n[params]\ntype = %q\nparts = [%q]\nauthor = %q\nquote = %q\n[params.hashes]\n%q = %q\n+++\n%s",
					title, slug, notes.Types[n%len(notes.Types)], p.Key, author, quote(p.Text[lang]), p.Key, p.Hash[lang], body)
				path := filepath.Join(dst, "content", dir, "notes", slug+".md")
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					return 0, err
				}
				if err := os.WriteFile(path, []byte(f.String()), 0o644); err != nil {
					return 0, err
				}
			}
		}
	}
	return n, nil
}

// quote takes a short run of a text from its middle.
func quote(s string) string {
	r := []rune(s)
	from := len(r) / 3
	to := min(len(r), from+12)
	return strings.TrimSpace(string(r[from:to]))
}

var enWords = strings.Fields(`data security development cooperation States governments international
digital economy cross-border flow information technology products services supply chain open fair
non-discriminatory environment personal information protection critical infrastructure important
national public interests rules standards governance system mutual trust dialogue consultation
innovation enterprises organizations multilateral bilateral regional agreements arrangements support
respect sovereignty jurisdiction law enforcement request assistance legal basis measures practices
privacy rights obligations responsibility stability peace common shared future cyberspace balanced
approach evidence-based manner objective comprehensive access transfer storage localization
framework mechanism capacity building developing countries gap inclusive benefit resilient orderly`)

var enGlue = strings.Fields(`the the the of of and and to in for with on by should shall all its their
such as through within between against based upon`)

func english(rng *rand.Rand, words int) string {
	var b strings.Builder
	start := true
	for i := range words {
		var w string
		if i%3 == 1 {
			w = enGlue[rng.IntN(len(enGlue))]
		} else {
			w = enWords[rng.IntN(len(enWords))]
		}
		if start {
			w = strings.ToUpper(w[:1]) + w[1:]
			start = false
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w)
		switch {
		case i == words-1 || rng.IntN(18) == 0:
			b.WriteByte('.')
			start = true
		case rng.IntN(9) == 0:
			b.WriteByte(',')
		}
	}
	return b.String()
}

// Traditional (Taiwan) forms, so that the capture needs tw2s conversion.
var zhWords = strings.Fields(`數據 安全 發展 經濟 國際 合作 治理 體系 個人信息 關鍵基礎設施 跨境流動
信息技術 產品和服務 供應鏈 開放 穩定 營商環境 規則 標準 機構 企業 國家 政府 隱私 保護 數字經濟
創新 互利共贏 責任 權利 義務 監管 協議 對話 積極維護 推動 促進 尊重 反對 鼓勵 支持 各國 應當
全球 數字技術 深刻改變著 生產生活方式 社會穩定 公共利益 國家安全 普遍參與 雙邊 多邊 地區
發展中國家 能力建設 數字鴻溝 司法協助 執法 管轄 法律 協調 包容 非歧視性 實現 確保 處理`)

func chinese(rng *rand.Rand, runes int) string {
	var b strings.Builder
	n := 0
	for n < runes {
		w := zhWords[rng.IntN(len(zhWords))]
		b.WriteString(w)
		n += len([]rune(w))
		switch {
		case n >= runes:
			b.WriteString("。")
		case rng.IntN(5) == 0:
			b.WriteString(",") // ASCII, as in the real captures: restored to full width
			n++
		case rng.IntN(14) == 0:
			b.WriteString("。")
			n++
		}
	}
	return b.String()
}

// simplifiedish converts generated Traditional text for files editors write
// in Simplified (themes, notes), with the converter ingest uses, and gives
// them full-width commas.
func simplifiedish(s string) string {
	return strings.ReplaceAll(opencc.TW2S(s), ",", "，")
}

func title(s string) string { return strings.TrimSuffix(strings.TrimSuffix(s, "."), ",") }
