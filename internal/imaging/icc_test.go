package imaging

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/jpeg"
	"math"
	"testing"
)

// reference converts an 8-bit colour to sRGB in floating point through
// XYZ (D65), with the published D65 matrices: an independent check of the
// ICC (D50) path.
func reference(rgb [3]uint8, toXYZ [3][3]float64, decode func(float64) float64) [3]float64 {
	fromXYZ := [3][3]float64{
		{3.2404542, -1.5371385, -0.4985314},
		{-0.9692660, 1.8760108, 0.0415560},
		{0.0556434, -0.2040259, 1.0572252},
	}
	var lin, xyz, out [3]float64
	for i := range 3 {
		lin[i] = decode(float64(rgb[i]) / 255)
	}
	for i := range 3 {
		for k := range 3 {
			xyz[i] += toXYZ[i][k] * lin[k]
		}
	}
	for i := range 3 {
		var l float64
		for k := range 3 {
			l += fromXYZ[i][k] * xyz[k]
		}
		l = max(0, min(1, l))
		if l <= 0.0031308 {
			out[i] = 255 * 12.92 * l
		} else {
			out[i] = 255 * (1.055*math.Pow(l, 1/2.4) - 0.055)
		}
	}
	return out
}

func srgbDecode(v float64) float64 {
	if v <= 0.04045 {
		return v / 12.92
	}
	return math.Pow((v+0.055)/1.055, 2.4)
}

var (
	p3ToXYZ = [3][3]float64{
		{0.4865709, 0.2656677, 0.1982173},
		{0.2289746, 0.6917385, 0.0792869},
		{0.0000000, 0.0451134, 1.0439444},
	}
	adobeToXYZ = [3][3]float64{
		{0.5767309, 0.1855540, 0.1881852},
		{0.2973769, 0.6273491, 0.0752741},
		{0.0270343, 0.0706872, 0.9911085},
	}
)

func TestProfilesConvertToSRGB(t *testing.T) {
	adobeDecode := func(v float64) float64 { return math.Pow(v, 563.0/256) }
	cases := []struct {
		name    string
		icc     []byte
		toXYZ   [3][3]float64
		decode  func(float64) float64
		desc    string
		samples [][3]uint8
	}{
		{"display P3", displayP3(), p3ToXYZ, srgbDecode, "Display P3",
			[][3]uint8{{255, 0, 0}, {200, 40, 40}, {40, 180, 60}, {30, 60, 200}, {128, 128, 128}, {250, 200, 30}}},
		{"Adobe RGB", adobeRGB(), adobeToXYZ, adobeDecode, "Adobe RGB (1998)",
			[][3]uint8{{200, 40, 40}, {40, 180, 60}, {30, 60, 200}, {128, 128, 128}, {10, 20, 30}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p, err := parseICC(tc.icc)
			if err != nil || p == nil {
				t.Fatalf("parseICC: %v", err)
			}
			if p.desc != tc.desc {
				t.Errorf("description %q, want %q", p.desc, tc.desc)
			}
			conv := converterFor(tc.icc)
			if conv == nil {
				t.Fatal("no converter for a wide-gamut profile")
			}
			moved := false
			for _, s := range tc.samples {
				row := []byte{s[0], s[1], s[2], 0xff}
				conv.apply(row)
				want := reference(s, tc.toXYZ, tc.decode)
				for i := range 3 {
					if math.Abs(float64(row[i])-want[i]) > 1.0 {
						t.Errorf("%v → %v, want %.1f (channel %d)", s, row[:3], want, i)
					}
					if math.Abs(float64(s[i])-want[i]) > 4 {
						moved = true
					}
				}
			}
			if !moved {
				t.Error("no sample differs between the profile and sRGB: the test cannot fail")
			}
		})
	}
}

func TestSRGBAndUnreadableProfilesNeedNoConversion(t *testing.T) {
	cmyk := displayP3()
	copy(cmyk[16:20], "CMYK")
	truncated := displayP3()[:200]
	for name, icc := range map[string][]byte{"none": nil, "sRGB": srgbICC(), "CMYK": cmyk, "truncated": truncated, "garbage": []byte("not a profile at all")} {
		if c := converterFor(icc); c != nil {
			t.Errorf("%s: got a converter, want none (treated as sRGB)", name)
		}
	}
}

// solid is a w x h image of one colour.
func solid(w, h int, c color.RGBA) *image.RGBA {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := 0; i < len(m.Pix); i += 4 {
		m.Pix[i], m.Pix[i+1], m.Pix[i+2], m.Pix[i+3] = c.R, c.G, c.B, c.A
	}
	return m
}

// centre returns the colour at the middle of an encoded image.
func centre(t *testing.T, d Derivative) [3]float64 {
	t.Helper()
	var m image.Image
	var err error
	switch d.Format {
	case WebP:
		m, err = decodeWebPForTest(d.Data)
	case JPEG:
		m, err = jpeg.Decode(bytes.NewReader(d.Data))
	default:
		m, err = decode("derivative", d.Format, d.Data)
	}
	if err != nil {
		t.Fatal(err)
	}
	c := color.NRGBAModel.Convert(m.At(d.Width/2, d.Height/2)).(color.NRGBA)
	return [3]float64{float64(c.R), float64(c.G), float64(c.B)}
}

// A phone's Display P3 photo, in JPEG (APP2) and PNG (iCCP), comes out in
// sRGB with the profile gone: a saturated red keeps its saturation.
func TestDisplayP3PhotoComesOutInSRGB(t *testing.T) {
	red := color.RGBA{200, 40, 40, 255}
	want := reference([3]uint8{200, 40, 40}, p3ToXYZ, srgbDecode)
	img := solid(64, 48, red)
	jpg := withJPEGSegments(jpegBytes(t, img), jpegICC(displayP3(), 100)...)
	pn := withPNGChunks(pngBytes(t, img), pngChunk("iCCP", append([]byte("Display P3\x00\x00"), deflate(t, displayP3())...)))
	s := DefaultSettings()
	s.Widths = []int{32}
	p := newTestProcessor(t, s, "")
	for name, src := range map[string][]byte{"p3.jpg": jpg, "p3.png": pn} {
		info, err := p.Inspect(name, src)
		if err != nil || info.Profile != "Display P3" {
			t.Errorf("%s: Inspect = %+v, %v; want profile Display P3", name, info, err)
		}
		set, err := p.Derive(context.Background(), name, src)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range set.Derivatives {
			got := centre(t, d)
			for i := range 3 {
				if math.Abs(got[i]-want[i]) > 6 {
					t.Errorf("%s %s: centre %v, want %.0f ±6", name, d.Format, got, want)
					break
				}
			}
			if bytes.Contains(d.Data, []byte("Display P3")) || bytes.Contains(d.Data, []byte("ICC")) {
				t.Errorf("%s %s: the profile is still in the output", name, d.Format)
			}
		}
	}
}
