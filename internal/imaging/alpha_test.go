package imaging

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"testing"

	"github.com/gen2brain/webp"
)

// A PNG or WebP with transparency keeps it: the fallback is PNG, and
// transparent, opaque and half-transparent pixels survive in both formats.
func TestTransparencySurvives(t *testing.T) {
	logo := transparentLogo(80, 60)
	var lossless, lossy bytes.Buffer
	if err := webp.Encode(&lossless, logo, webp.Options{Lossless: true}); err != nil {
		t.Fatal(err)
	}
	if err := webp.Encode(&lossy, logo, webp.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	s := DefaultSettings()
	s.Widths = []int{40, 80}
	p := newTestProcessor(t, s, "")
	for name, src := range map[string][]byte{"logo.png": pngBytes(t, logo), "logo.webp": lossless.Bytes(), "lossy.webp": lossy.Bytes()} {
		set, err := p.Derive(context.Background(), name, src)
		if err != nil {
			t.Fatal(err)
		}
		if !set.HasAlpha || set.Fallback != PNG {
			t.Fatalf("%s: alpha %v fallback %s, want true png", name, set.HasAlpha, set.Fallback)
		}
		formats := map[string]int{}
		for _, d := range set.Derivatives {
			formats[d.Format]++
			m := decodeAny(t, d)
			at := func(x, y int) uint8 {
				return color.NRGBAModel.Convert(m.At(x*d.Width/80, y*d.Width/80)).(color.NRGBA).A
			}
			if a := at(1, 1); a != 0 {
				t.Errorf("%s → %s %d: corner alpha %d, want 0", name, d.Format, d.Width, a)
			}
			if a := at(40, 30); a != 255 {
				t.Errorf("%s → %s %d: centre alpha %d, want 255", name, d.Format, d.Width, a)
			}
			if d.Width == 80 { // on the soft edge, partly transparent
				if a := at(40+21, 30); a == 0 || a == 255 {
					t.Errorf("%s → %s: edge alpha %d, want between", name, d.Format, a)
				}
			}
		}
		if formats[WebP] != 2 || formats[PNG] != 2 || formats[JPEG] != 0 {
			t.Errorf("%s: formats %v", name, formats)
		}
	}
}

// An RGBA PNG whose pixels are all opaque is a photo: its fallback is JPEG.
func TestOpaquePNGFallsBackToJPEG(t *testing.T) {
	m := image.NewNRGBA(image.Rect(0, 0, 30, 20))
	for i := range m.Pix {
		m.Pix[i] = 0xff
	}
	s := DefaultSettings()
	s.Widths = []int{20}
	p := newTestProcessor(t, s, "")
	set, err := p.Derive(context.Background(), "white.png", pngBytes(t, m))
	if err != nil {
		t.Fatal(err)
	}
	if set.HasAlpha || set.Fallback != JPEG {
		t.Errorf("alpha %v fallback %s, want false jpeg", set.HasAlpha, set.Fallback)
	}
}

// Every pixel layout the decoders return reads the same colours: a
// paletted PNG with a transparent entry, 16-bit, grey and RGB PNGs.
func TestEveryPNGLayoutReadsTheSame(t *testing.T) {
	pal := image.NewPaletted(image.Rect(0, 0, 20, 10), color.Palette{color.NRGBA{0, 0, 0, 0}, color.NRGBA{200, 50, 20, 255}})
	for i := range pal.Pix {
		if i%20 >= 10 {
			pal.Pix[i] = 1
		}
	}
	rgb := image.NewRGBA(image.Rect(0, 0, 20, 10))
	deep := image.NewNRGBA64(image.Rect(0, 0, 20, 10))
	grey := image.NewGray(image.Rect(0, 0, 20, 10))
	for y := 0; y < 10; y++ {
		for x := 0; x < 20; x++ {
			rgb.SetRGBA(x, y, color.RGBA{uint8(10 * x), 90, uint8(20 * y), 255})
			deep.SetNRGBA64(x, y, color.NRGBA64{uint16(2570 * x), 90 * 257, uint16(5140 * y), 0xffff})
			grey.SetGray(x, y, color.Gray{uint8(10 * x)})
		}
	}
	for name, tc := range map[string]struct {
		img   image.Image
		x, y  int
		want  color.NRGBA
		alpha bool
	}{
		"paletted": {pal, 2, 2, color.NRGBA{}, true},
		"palette2": {pal, 15, 2, color.NRGBA{200, 50, 20, 255}, true},
		"rgb":      {rgb, 7, 3, color.NRGBA{70, 90, 60, 255}, false},
		"16-bit":   {deep, 7, 3, color.NRGBA{70, 90, 60, 255}, false},
		"grey":     {grey, 7, 3, color.NRGBA{70, 70, 70, 255}, false},
	} {
		img, err := decode(name, PNG, pngBytes(t, tc.img))
		if err != nil {
			t.Fatal(err)
		}
		up, alpha := upright(img, 1, nil, false, 1)
		if alpha != tc.alpha {
			t.Errorf("%s: alpha %v, want %v", name, alpha, tc.alpha)
		}
		if got := color.NRGBAModel.Convert(up.At(tc.x, tc.y)); got != tc.want {
			t.Errorf("%s: pixel %v, want %v", name, got, tc.want)
		}
	}
}
