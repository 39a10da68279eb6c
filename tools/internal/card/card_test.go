package card

import (
	"bytes"
	"image"
	"image/png"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
)

// The project's own base and font: the card is tested as published.
func designer(t testing.TB) *Designer {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	root := filepath.Join(filepath.Dir(file), "..", "..", "..")
	d, err := Load(filepath.Join(root, "assets/images/card.png"), filepath.Join(root, "assets/fonts/NotoSansCJKsc-Bold-GB2312.otf"))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func face(t testing.TB, d *Designer, size float64) font.Face {
	f, err := opentype.NewFace(d.font, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestWrap(t *testing.T) {
	d := designer(t)
	f := face(t, d, titleSize)
	width := func(s string) int { return font.MeasureString(f, s).Ceil() }
	long := strings.Repeat("各国应致力于维护开放、公正、非歧视的营商环境", 4)
	tests := []struct {
		name, in string
		max      int
	}{
		{"english", "Global Initiative on Data Security, preamble paragraph 3", 4},
		{"han", "全球数据安全倡议：第三点，各国应反对利用信息技术破坏他国关键基础设施", 4},
		{"too long", long, 3},
		{"word wider than a line", strings.Repeat("x", 60), 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lines := Wrap(f, tt.in, right-left, tt.max)
			if len(lines) > tt.max {
				t.Errorf("%d lines, want at most %d: %q", len(lines), tt.max, lines)
			}
			joined := ""
			for i, l := range lines {
				if w := width(l); w > right-left {
					t.Errorf("line %d is %d px wide, more than %d: %q", i, w, right-left, l)
				}
				if strings.HasPrefix(l, " ") || strings.HasSuffix(l, " ") {
					t.Errorf("line %d has a space at an end: %q", i, l)
				}
				for _, mark := range "、。，：；）" {
					if strings.HasPrefix(l, string(mark)) {
						t.Errorf("line %d starts with %q", i, mark)
					}
				}
				joined += l
			}
			if strings.HasSuffix(joined, ellipsis) {
				// Cut short: what is shown is the text's beginning.
				if shown := strings.TrimSuffix(joined, ellipsis); !strings.HasPrefix(strings.ReplaceAll(tt.in, " ", ""), strings.ReplaceAll(shown, " ", "")) || len(lines) != tt.max {
					t.Errorf("cut short as %q, not the beginning of %q on %d lines", lines, tt.in, tt.max)
				}
			} else if strings.ReplaceAll(joined, " ", "") != strings.ReplaceAll(tt.in, " ", "") {
				t.Errorf("lines %q lose text of %q", lines, tt.in)
			}
		})
	}
	if got := Wrap(f, long, right-left, 3); !strings.HasSuffix(got[2], ellipsis) {
		t.Errorf("a text too long for its lines does not end in an ellipsis: %q", got)
	}
}

// TestTitleLeavesRoomForSubtitle: however long the title, its lines stay
// above the subtitle's.
func TestTitleLeavesRoomForSubtitle(t *testing.T) {
	d := designer(t)
	for _, sub := range []string{"Short", strings.Repeat("A subtitle long enough for two lines ", 3)} {
		b, err := d.layout(Text{Title: strings.Repeat("标题很长的文件 ", 30), Subtitle: sub, Site: "Site"})
		if err != nil {
			t.Fatal(err)
		}
		title, subtitle := b[0], b[1]
		bottom := title.baseline + (len(title.lines)-1)*title.pitch + title.face.Metrics().Descent.Ceil()
		top := subtitle.baseline - subtitle.face.Metrics().Ascent.Ceil()
		if bottom > top {
			t.Errorf("subtitle %q: the title's %d lines end at %d px, below the subtitle's top at %d", sub, len(title.lines), bottom, top)
		}
		if len(title.lines) < 3 {
			t.Errorf("subtitle %q: the title has only %d lines", sub, len(title.lines))
		}
	}
}

func TestDraw(t *testing.T) {
	d := designer(t)
	text := Text{Title: "全球数据安全倡议：第三点", Subtitle: "Global Initiative on Data Security", Site: "Annotated Data Initiatives"}
	b, err := d.Draw(text)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if r := img.Bounds(); r.Dx() != Width || r.Dy() != Height {
		t.Errorf("card is %v, want %d × %d", r, Width, Height)
	}
	// Text is drawn where the layout puts it, in its colour, and not
	// above it.
	inColour := func(r image.Rectangle) int {
		n := 0
		for y := r.Min.Y; y < r.Max.Y; y++ {
			for x := r.Min.X; x < r.Max.X; x++ {
				if c := img.At(x, y); c == titleColour {
					n++
				}
			}
		}
		return n
	}
	if inColour(image.Rect(left, titleTop, right, titleTop+titleSize)) == 0 {
		t.Error("no title drawn")
	}
	if inColour(image.Rect(0, 0, Width, titleTop-4)) != 0 {
		t.Error("title colour above the title")
	}
	if d.Name(text) == d.Name(Text{Title: text.Title, Subtitle: text.Subtitle + ".", Site: text.Site}) {
		t.Error("two texts have one name")
	}
	if len(b) > 60_000 {
		t.Errorf("card is %d bytes", len(b))
	}
}

func TestDrawRefusesMissingGlyph(t *testing.T) {
	d := designer(t)
	_, err := d.Draw(Text{Title: "Data 𝔸", Subtitle: "x", Site: "y"})
	if err == nil || !strings.Contains(err.Error(), "U+1D538") {
		t.Errorf("err = %v, want the missing glyph named", err)
	}
}

func BenchmarkDraw(b *testing.B) {
	d := designer(b)
	text := Text{Title: "全球数据安全倡议：第三点，各国应反对利用信息技术破坏他国关键基础设施", Subtitle: "Global Initiative on Data Security", Site: "Annotated Data Initiatives"}
	for b.Loop() {
		if _, err := d.Draw(text); err != nil {
			b.Fatal(err)
		}
	}
}
