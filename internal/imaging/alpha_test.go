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
