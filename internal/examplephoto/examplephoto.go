// Package examplephoto draws the site's sample photos: made by the project,
// not taken of anyone, and saying so on their face ("EXAMPLE PHOTO"), so
// that the photo features of the example announcements can be seen
// without passing a picture off as real. Draw is deterministic: the
// committed files are exactly what it makes (a test checks it), and
// go run ./internal/examplephoto/gen makes them again.
package examplephoto

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"math"

	"golang.org/x/image/font"
	"golang.org/x/image/font/basicfont"
	"golang.org/x/image/math/fixed"
)

// Sample is one sample photo: where it goes and what it shows.
type Sample struct {
	Path          string // from the site root
	Width, Height int
	Sky, Ground   color.RGBA
	People        int // figures standing in a row
}

// Samples are the site's sample photos.
var Samples = []Sample{
	{Path: "content/announcements/2027-summer-school/group.jpg", Width: 1280, Height: 800,
		Sky: color.RGBA{150, 196, 230, 255}, Ground: color.RGBA{214, 190, 140, 255}, People: 7},
	{Path: "content/announcements/2026-delegation-visit/meeting.jpg", Width: 1280, Height: 800,
		Sky: color.RGBA{236, 226, 206, 255}, Ground: color.RGBA{120, 92, 70, 255}, People: 4},
}

// Draw paints a sample: a sky, a ground, a sun, a row of figures and a
// banner reading EXAMPLE PHOTO.
func Draw(s Sample) *image.RGBA {
	w, h := s.Width, s.Height
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	horizon := h * 3 / 5
	for y := range h {
		for x := range w {
			c := s.Sky
			if y >= horizon {
				c = s.Ground
			}
			shade := 1 - 0.25*float64(y)/float64(h)
			m.SetRGBA(x, y, color.RGBA{scale(c.R, shade), scale(c.G, shade), scale(c.B, shade), 255})
		}
	}
	disc(m, w*4/5, h/5, h/10, color.RGBA{250, 214, 90, 255})
	step := w / (s.People + 1)
	for i := 1; i <= s.People; i++ {
		x := i * step
		tone := color.RGBA{uint8(60 + 25*i%120), uint8(80 + 40*i%100), uint8(120 + 30*i%110), 255}
		rect(m, x-h/28, horizon-h/8, x+h/28, horizon+h/7, tone)
		disc(m, x, horizon-h/8-h/22, h/24, color.RGBA{190, 140, 100, 255})
	}
	rect(m, 0, h-h/6, w, h, color.RGBA{20, 30, 45, 255})
	text(m, "EXAMPLE PHOTO - NOT A REAL EVENT", w/2, h-h/12, max(2, h/160), color.RGBA{255, 255, 255, 255})
	return m
}

// JPEG returns the sample encoded as the committed file.
func JPEG(s Sample) []byte {
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, Draw(s), &jpeg.Options{Quality: 82}); err != nil {
		panic(err) // encoding to memory cannot fail
	}
	return buf.Bytes()
}

func scale(v uint8, f float64) uint8 { return uint8(math.Round(float64(v) * f)) }

func rect(m *image.RGBA, x0, y0, x1, y1 int, c color.RGBA) {
	for y := max(y0, 0); y < min(y1, m.Rect.Dy()); y++ {
		for x := max(x0, 0); x < min(x1, m.Rect.Dx()); x++ {
			m.SetRGBA(x, y, c)
		}
	}
}

func disc(m *image.RGBA, cx, cy, r int, c color.RGBA) {
	for y := cy - r; y <= cy+r; y++ {
		for x := cx - r; x <= cx+r; x++ {
			if (x-cx)*(x-cx)+(y-cy)*(y-cy) <= r*r && image.Pt(x, y).In(m.Rect) {
				m.SetRGBA(x, y, c)
			}
		}
	}
}

// text writes s centred on (cx, baseline) in the basic 7x13 font, each
// pixel made a k x k square.
func text(m *image.RGBA, s string, cx, baseline, k int, c color.RGBA) {
	face := basicfont.Face7x13
	adv := font.MeasureString(face, s).Ceil()
	small := image.NewAlpha(image.Rect(0, 0, adv, 13))
	d := font.Drawer{Dst: small, Src: image.Opaque, Face: face, Dot: fixed.P(0, 11)}
	d.DrawString(s)
	x0, y0 := cx-adv*k/2, baseline-11*k
	for y := range 13 {
		for x := range adv {
			if small.AlphaAt(x, y).A > 0 {
				rect(m, x0+x*k, y0+y*k, x0+(x+1)*k, y0+(y+1)*k, c)
			}
		}
	}
}
