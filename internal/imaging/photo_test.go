package imaging

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"math"
	"testing"
)

// photo draws a w x h picture that compresses like a phone photo: smooth
// sky and ground gradients, soft shapes with hard edges, fine texture and
// sensor-like noise from a fixed pseudo-random sequence.
func photo(w, h int, seed uint32) *image.RGBA {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	rnd := seed*2654435761 + 1
	next := func() int { // xorshift: deterministic noise
		rnd ^= rnd << 13
		rnd ^= rnd >> 17
		rnd ^= rnd << 5
		return int(rnd>>24) - 128
	}
	horizon := h * 11 / 20
	fw, fh := float64(w), float64(h)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			fx, fy := float64(x)/fw, float64(y)/fh
			var r, g, b float64
			if y < horizon { // sky
				r, g, b = 90+80*fy, 140+70*fy, 230-30*fy
			} else { // ground: grass with stripes of texture
				t := math.Sin(fx*90+fy*13) * 12
				r, g, b = 70+40*fy+t, 120+30*math.Sin(fx*7)+t, 50+20*fy
			}
			// a sun and a building: soft and hard edges
			if d := math.Hypot(fx-0.75, fy-0.2); d < 0.08 {
				k := 1 - d/0.08
				r, g, b = r+120*k, g+100*k, b+40*k
			}
			if fx > 0.15 && fx < 0.4 && fy > 0.3 && fy < 0.8 {
				r, g, b = 180, 170, 150
				if (x/(w/80+1)+y/(h/40+1))%2 == 0 && fy < 0.75 { // windows
					r, g, b = 40, 60, 90
				}
			}
			n := float64(next()) / 16
			m.Pix[m.PixOffset(x, y)+0] = clamp8(r + n)
			m.Pix[m.PixOffset(x, y)+1] = clamp8(g + n)
			m.Pix[m.PixOffset(x, y)+2] = clamp8(b + n)
			m.Pix[m.PixOffset(x, y)+3] = 0xff
		}
	}
	return m
}

func clamp8(v float64) uint8 {
	return uint8(max(0, min(255, math.Round(v))))
}

// jpegBytes encodes m as a JPEG at quality 92, like a phone.
func jpegBytes(t testing.TB, m image.Image) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, m, &jpeg.Options{Quality: 92}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// pngBytes encodes m as a PNG.
func pngBytes(t testing.TB, m image.Image) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, m); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// transparentLogo is a w x h NRGBA picture: an opaque disc with a soft
// edge on a fully transparent background.
func transparentLogo(w, h int) *image.NRGBA {
	m := image.NewNRGBA(image.Rect(0, 0, w, h))
	cx, cy, rad := float64(w)/2, float64(h)/2, float64(min(w, h))/3
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			d := math.Hypot(float64(x)+0.5-cx, float64(y)+0.5-cy)
			a := max(0, min(1, rad+2-d)) // 2 px soft edge
			m.SetNRGBA(x, y, color.NRGBA{R: 20, G: uint8(60 + x%100), B: 160, A: uint8(a * 255)})
		}
	}
	return m
}
