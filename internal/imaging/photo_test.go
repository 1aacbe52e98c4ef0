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

// photo draws a w x h picture that compresses like a phone photo of an
// event outdoors: a sky gradient, a sun with a soft edge, a building with
// hard-edged windows, foliage and ground with texture at several scales
// (value noise), and sensor-like noise, all from a fixed seed. Sizes are
// relative to w, so a small one looks like a shrunken large one.
func photo(w, h int, seed uint32) *image.RGBA {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	rnd := seed*2654435761 + 1
	next := func() int { // xorshift: deterministic sensor noise
		rnd ^= rnd << 13
		rnd ^= rnd >> 17
		rnd ^= rnd << 5
		return int(rnd>>24) - 128
	}
	unit := float64(w) / 4000 // one source pixel of a 4000 px photo
	fine := noiseField(seed, 6*unit)
	mid := noiseField(seed+1, 24*unit)
	coarse := noiseField(seed+2, 120*unit)
	horizon := h * 11 / 20
	fw, fh := float64(w), float64(h)
	for y := 0; y < h; y++ {
		fy := float64(y) / fh
		for x := 0; x < w; x++ {
			fx := float64(x) / fw
			f, md, c := fine(x, y), mid(x, y), coarse(x, y)
			tex := f*22 + md*30 + c*40
			var r, g, b float64
			switch {
			case y < horizon-int(80*unit*(1+c)): // sky, a little cloudy
				r, g, b = 95+80*fy+c*25, 145+60*fy+c*25, 230-30*fy+c*12
			case y < horizon: // trees on the horizon
				r, g, b = 40+tex*0.6, 80+tex, 35+tex*0.4
			default: // ground: grass and a path
				r, g, b = 90+40*fy+tex, 115+tex, 55+20*fy+tex*0.5
				if p := math.Abs(fx - 0.6 - (fy-0.55)*0.5); p < 0.06*fy {
					r, g, b = 170+tex*0.5, 150+tex*0.5, 120+tex*0.5
				}
			}
			if math.Abs(fx-0.78) < 0.07 && math.Abs(fy-0.18) < 0.07 { // the sun
				if d := math.Hypot(fx-0.78, fy-0.18); d < 0.07 {
					k := 1 - d/0.07
					r, g, b = r+140*k, g+110*k, b+40*k
				}
			}
			if fx > 0.12 && fx < 0.42 && fy > 0.28 && fy < 0.8 { // a building
				r, g, b = 185+f*15, 172+f*15, 150+f*15
				wx, wy := int((fx-0.12)*80), int((fy-0.28)*40)
				if wx%3 != 2 && wy%3 != 2 && fy < 0.74 { // windows
					r, g, b = 45+md*20, 62+md*20, 90+md*25
				}
			}
			n := float64(next()) / 20
			o := m.PixOffset(x, y)
			m.Pix[o+0] = clamp8(r + n)
			m.Pix[o+1] = clamp8(g + n)
			m.Pix[o+2] = clamp8(b + n)
			m.Pix[o+3] = 0xff
		}
	}
	return m
}

// noiseField returns smooth value noise in [-1, 1] with features about
// cell pixels across.
func noiseField(seed uint32, cell float64) func(x, y int) float64 {
	cell = max(cell, 1)
	lattice := func(i, j int) float64 {
		h := uint32(i)*374761393 + uint32(j)*668265263 + seed*2246822519
		h = (h ^ h>>13) * 1274126177
		return float64(h>>16&0xffff)/32767.5 - 1
	}
	return func(x, y int) float64 {
		fx, fy := float64(x)/cell, float64(y)/cell
		i, j := int(fx), int(fy)
		tx, ty := fx-float64(i), fy-float64(j)
		tx, ty = tx*tx*(3-2*tx), ty*ty*(3-2*ty)
		top := lattice(i, j)*(1-tx) + lattice(i+1, j)*tx
		bottom := lattice(i, j+1)*(1-tx) + lattice(i+1, j+1)*tx
		return top*(1-ty) + bottom*ty
	}
}

func clamp8(v float64) uint8 {
	return uint8(max(0, min(255, v+0.5)))
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
