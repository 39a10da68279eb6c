// Package card draws a page's link-preview image (og:image): its title and
// a subtitle above the site's name, on the site's base image, in one font.
//
// Ingest draws each card once, when its text changes, and publishes it as
// a static file named by a hash of everything drawn (Name), so that a
// build of the site only copies it. Drawing in the templates (Hugo's
// images.Text) cost about 50 ms of CPU a page: nine tenths of the build at
// a thousand parts.
//
// The layout is fixed for a 1200 × 630 base (the size and shape link
// previews ask for); the base is expected to be flat colour where the text
// goes (the cards are palette images: a few colours and the text's
// anti-aliasing over them). Lines are measured in the font itself, broken
// at spaces and between Han characters, and a text too long for its
// lines ends in an ellipsis instead of running into the next.
package card

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"os"
	"path/filepath"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// Width and Height are the size of a card, and of the base image.
const (
	Width  = 1200
	Height = 630
)

// version changes whenever the drawing changes, so that every card is
// drawn again (it is part of each card's name).
const version = "card 1"

// Text is what a card shows.
type Text struct {
	Title    string // at the top, in large type, on up to four lines
	Subtitle string // below it, on up to two lines
	Site     string // the site's name, at the foot
}

// Designer draws cards on one base image in one font. It is safe for
// concurrent use.
type Designer struct {
	base     *image.Paletted
	font     *opentype.Font
	fontPath string
	key      []byte // hash of the base, the font and the version
}

// Load reads the base image (a PNG of Width × Height) and the font
// (OpenType or TrueType) a Designer draws with.
func Load(basePath, fontPath string) (*Designer, error) {
	b, err := os.ReadFile(basePath)
	if err != nil {
		return nil, err
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("%s: %v", basePath, err)
	}
	if r := img.Bounds(); r.Dx() != Width || r.Dy() != Height {
		return nil, fmt.Errorf("%s: %d × %d, a card's base must be %d × %d", basePath, r.Dx(), r.Dy(), Width, Height)
	}
	base, err := paletted(img)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", basePath, err)
	}
	f, err := os.ReadFile(fontPath)
	if err != nil {
		return nil, err
	}
	otf, err := opentype.Parse(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", fontPath, err)
	}
	h := sha256.New()
	io.WriteString(h, version+"\x00")
	h.Write(b)
	h.Write(f)
	return &Designer{base: base, font: otf, fontPath: fontPath, key: h.Sum(nil)}, nil
}

// maxBaseColours leaves the rest of the palette to the text's colours and
// their anti-aliasing over the base.
const maxBaseColours = 64

// paletted converts a flat-coloured image to a palette image.
func paletted(img image.Image) (*image.Paletted, error) {
	r := img.Bounds()
	out := image.NewPaletted(image.Rect(0, 0, r.Dx(), r.Dy()), nil)
	index := map[color.RGBA]uint8{}
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			c := color.RGBAModel.Convert(img.At(x, y)).(color.RGBA)
			i, ok := index[c]
			if !ok {
				if len(index) == maxBaseColours {
					return nil, fmt.Errorf("more than %d colours: a card's base must be flat colour", maxBaseColours)
				}
				i = uint8(len(index))
				index[c] = i
				out.Palette = append(out.Palette, c)
			}
			out.Pix[out.PixOffset(x-r.Min.X, y-r.Min.Y)] = i
		}
	}
	return out, nil
}

// Name is the file name of the card t: a hash of its text, the base, the
// font and the drawing, so that a card is drawn again exactly when one of
// them changes, and an address once published never shows another image.
func (d *Designer) Name(t Text) string {
	h := sha256.New()
	h.Write(d.key)
	for _, s := range []string{t.Title, t.Subtitle, t.Site} {
		fmt.Fprintf(h, "%d:%s", len(s), s)
	}
	return hex.EncodeToString(h.Sum(nil)[:10]) + ".png"
}

// The layout, in pixels of the 1200 × 630 card: text starts 80 from the
// left and ends 80 from the right, as the base's rule does; the title's
// first line hangs from 72, the subtitle's last line sits on 470, the
// site's name on 573, below the rule.
const (
	left, right      = 80, Width - 80
	titleTop         = 72
	subtitleBaseline = 470
	siteBaseline     = 573
	titleSize        = 64
	subtitleSize     = 36
	siteSize         = 32
	titleLeading     = 1.16 // line pitch, in ems
	subtitleLeading  = 1.3
	titleSubtitleGap = 40 // between the title's descenders and the subtitle's ascenders
	maxSubtitleLines = 2
	ellipsis         = "…"
)

// The text colours: title, subtitle, site name.
var (
	titleColour    = color.RGBA{0x1b, 0x1a, 0x17, 0xff}
	subtitleColour = color.RGBA{0x8a, 0x3b, 0x12, 0xff}
	siteColour     = color.RGBA{0x57, 0x53, 0x4b, 0xff}
)

// block is text to draw: lines, their first baseline, pitch and colour.
type block struct {
	face     font.Face
	lines    []string
	baseline int // of the first line
	pitch    int
	colour   color.RGBA
}

// Draw draws the card t and returns it as a PNG. A character the font has
// no glyph for is an error (it would be drawn as an empty box).
func (d *Designer) Draw(t Text) ([]byte, error) {
	if err := d.covers(t); err != nil {
		return nil, err
	}
	blocks, err := d.layout(t)
	if err != nil {
		return nil, err
	}
	img := &image.Paletted{Pix: append([]uint8(nil), d.base.Pix...), Stride: d.base.Stride, Rect: d.base.Rect,
		Palette: append(color.Palette(nil), d.base.Palette...)}
	blend := map[[3]uint8]uint8{} // base colour, text colour, level → palette index
	for bi, b := range blocks {
		m := b.face.Metrics()
		top := b.baseline - m.Ascent.Ceil()
		bottom := b.baseline + (len(b.lines)-1)*b.pitch + m.Descent.Ceil()
		mask := image.NewAlpha(image.Rect(0, max(0, top), Width, min(Height, bottom)))
		dr := font.Drawer{Dst: mask, Src: image.Opaque, Face: b.face}
		for i, line := range b.lines {
			dr.Dot = fixed.P(left, b.baseline+i*b.pitch)
			dr.DrawString(line)
		}
		r := mask.Rect
		for y := r.Min.Y; y < r.Max.Y; y++ {
			for x := r.Min.X; x < r.Max.X; x++ {
				a := mask.Pix[mask.PixOffset(x, y)]
				level := uint8((int(a)*levels + 127) / 255)
				if level == 0 {
					continue
				}
				o := img.PixOffset(x, y)
				k := [3]uint8{img.Pix[o], uint8(bi), level}
				i, ok := blend[k]
				if !ok {
					if len(img.Palette) == 256 {
						return nil, fmt.Errorf("card: too many colours for a palette")
					}
					i = uint8(len(img.Palette))
					img.Palette = append(img.Palette, mix(img.Palette[img.Pix[o]], b.colour, level))
					blend[k] = i
				}
				img.Pix[o] = i
			}
		}
	}
	// Best speed: best compression takes eight times as long for a
	// tenth fewer bytes.
	var buf bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&buf, img); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// levels of anti-aliasing kept: a palette has room for three text colours
// at 32 levels over a few base colours, and the eye sees no more at this
// size.
const levels = 31

// mix is text colour fg over bg at level (of levels).
func mix(bg color.Color, fg color.RGBA, level uint8) color.Color {
	b := color.RGBAModel.Convert(bg).(color.RGBA)
	f := func(x, y uint8) uint8 {
		return uint8((int(x)*(levels-int(level)) + int(y)*int(level) + levels/2) / levels)
	}
	return color.RGBA{f(b.R, fg.R), f(b.G, fg.G), f(b.B, fg.B), 0xff}
}

// layout breaks the card's texts into lines and places them.
func (d *Designer) layout(t Text) ([]block, error) {
	face := func(size float64) (font.Face, error) {
		return opentype.NewFace(d.font, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingNone})
	}
	tf, err := face(titleSize)
	if err != nil {
		return nil, err
	}
	sf, err := face(subtitleSize)
	if err != nil {
		return nil, err
	}
	nf, err := face(siteSize)
	if err != nil {
		return nil, err
	}
	sub := Wrap(sf, t.Subtitle, right-left, maxSubtitleLines)
	subPitch := pitch(subtitleSize, subtitleLeading)
	subFirst := subtitleBaseline - (len(sub)-1)*subPitch
	// The title takes the lines left above the subtitle.
	tm := tf.Metrics()
	titlePitch := pitch(titleSize, titleLeading)
	titleFirst := titleTop + tm.Ascent.Ceil()
	limit := subFirst - sf.Metrics().Ascent.Ceil() - titleSubtitleGap
	n := 1
	for titleFirst+n*titlePitch+tm.Descent.Ceil() <= limit {
		n++
	}
	return []block{
		{tf, Wrap(tf, t.Title, right-left, n), titleFirst, titlePitch, titleColour},
		{sf, sub, subFirst, subPitch, subtitleColour},
		{nf, Wrap(nf, t.Site, right-left, 1), siteBaseline, 0, siteColour},
	}, nil
}

// pitch is the distance between lines of a size at a leading, in pixels.
func pitch(size, leading float64) int { return int(size*leading + 0.5) }

// covers reports the first character of t the font has no glyph for.
func (d *Designer) covers(t Text) error {
	var buf sfnt.Buffer
	for _, s := range []string{t.Title, t.Subtitle, t.Site, ellipsis} {
		for _, r := range s {
			if r == ' ' || r == '\n' {
				continue
			}
			if i, err := d.font.GlyphIndex(&buf, r); err != nil || i == 0 {
				return fmt.Errorf("%s has no glyph for %q (U+%04X), in %q", filepath.Base(d.fontPath), r, r, s)
			}
		}
	}
	return nil
}
