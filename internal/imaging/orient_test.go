package imaging

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"testing"
)

// cornerPhoto is a w x h grey picture with a red block in its top-left
// corner and a blue block in its top-right corner, each a sixth of w.
func cornerPhoto(w, h int) *image.RGBA {
	m := solid(w, h, color.RGBA{128, 128, 128, 255})
	for y := 0; y < w/6; y++ {
		for x := 0; x < w/6; x++ {
			m.SetRGBA(x, y, color.RGBA{230, 20, 20, 255})
			m.SetRGBA(w-1-x, y, color.RGBA{20, 20, 230, 255})
		}
	}
	return m
}

// decodeAny decodes a derivative to straight RGBA.
func decodeAny(t *testing.T, d Derivative) image.Image {
	t.Helper()
	var m image.Image
	var err error
	switch d.Format {
	case WebP:
		m, err = decodeWebPForTest(d.Data)
	case JPEG:
		m, err = jpeg.Decode(bytes.NewReader(d.Data))
	case PNG:
		m, err = png.Decode(bytes.NewReader(d.Data))
	}
	if err != nil {
		t.Fatalf("%s derivative does not decode: %v", d.Format, err)
	}
	if b := m.Bounds(); b.Dx() != d.Width || b.Dy() != d.Height {
		t.Fatalf("%s derivative is %dx%d, says %dx%d", d.Format, b.Dx(), b.Dy(), d.Width, d.Height)
	}
	return m
}

// cornerColour names the dominant colour near a corner: "red", "blue" or
// "grey".
func cornerColour(m image.Image, right, bottom bool) string {
	b := m.Bounds()
	x, y := b.Min.X+3, b.Min.Y+3
	if right {
		x = b.Max.X - 4
	}
	if bottom {
		y = b.Max.Y - 4
	}
	c := color.NRGBAModel.Convert(m.At(x, y)).(color.NRGBA)
	switch {
	case c.R > 170 && c.B < 90:
		return "red"
	case c.B > 170 && c.R < 90:
		return "blue"
	}
	return "grey"
}

func TestEXIFOrientationTurnsImageUpright(t *testing.T) {
	// Where the stored top-left (red) and top-right (blue) corners end up,
	// as [right, bottom]. EXIF says which visual side the stored first row
	// and first column are: 5 left/top, 6 right/top, 7 right/bottom,
	// 8 left/bottom.
	type corner [2]bool
	tl, tr, bl, br := corner{false, false}, corner{true, false}, corner{false, true}, corner{true, true}
	cases := []struct {
		o       int
		red     corner
		blue    corner
		portrai bool
	}{
		{1, tl, tr, false}, {2, tr, tl, false}, {3, br, bl, false}, {4, bl, br, false},
		{5, tl, bl, true}, {6, tr, br, true}, {7, br, tr, true}, {8, bl, tl, true},
	}
	s := DefaultSettings()
	s.Widths = []int{24, 1000}
	full := newTestProcessor(t, s, "") // 24 and 240 px: no shrinking before resampling
	s.Widths = []int{40}
	shrunk := newTestProcessor(t, s, "") // 40 px: the upright copy is shrunk 2 or 4 times
	stored := cornerPhoto(240, 160)
	for _, tc := range cases {
		containers := map[string][]byte{
			"jpeg": withJPEGSegments(jpegBytes(t, stored), jpegExif(exifTIFF(tc.o))),
			"png":  withPNGChunks(pngBytes(t, stored), pngChunk("eXIf", exifTIFF(tc.o))),
		}
		for kind, src := range containers {
			name := fmt.Sprintf("o%d.%s", tc.o, map[string]string{"jpeg": "jpg", "png": "png"}[kind])
			for pname, p := range map[string]*Processor{"full": full, "shrunk": shrunk} {
				t.Run(name+"/"+pname, func(t *testing.T) {
					info, err := p.Inspect(name, src)
					if err != nil {
						t.Fatal(err)
					}
					set, err := p.Derive(context.Background(), name, src)
					if err != nil {
						t.Fatal(err)
					}
					wantW, wantH := 240, 160
					if tc.portrai {
						wantW, wantH = 160, 240
					}
					if info.Orientation != tc.o || info.Width != wantW || info.Height != wantH || set.Width != wantW || set.Height != wantH {
						t.Fatalf("Inspect %+v, Derive %dx%d; want orientation %d, %dx%d", info, set.Width, set.Height, tc.o, wantW, wantH)
					}
					for _, d := range set.Derivatives {
						if (d.Height > d.Width) != tc.portrai {
							t.Errorf("%s %d: %dx%d, portrait should be %v", d.Format, d.Width, d.Width, d.Height, tc.portrai)
						}
						if d.Width == 24 {
							continue // corners blur at the smallest width
						}
						m := decodeAny(t, d)
						if got := cornerColour(m, tc.red[0], tc.red[1]); got != "red" {
							t.Errorf("%s: red corner at %v is %s", d.Format, tc.red, got)
						}
						if got := cornerColour(m, tc.blue[0], tc.blue[1]); got != "blue" {
							t.Errorf("%s: blue corner at %v is %s", d.Format, tc.blue, got)
						}
					}
				})
			}
		}
	}
}

// metadataBlocks lists the container blocks of an encoded file that are
// not image data: APPn and COM segments of a JPEG, ancillary chunks of a
// PNG other than transparency, chunks of a WebP other than the bitstream.
func metadataBlocks(t *testing.T, d Derivative) []string {
	t.Helper()
	var found []string
	b := d.Data
	switch d.Format {
	case JPEG:
		for i := 2; i+4 <= len(b) && b[i] == 0xFF; {
			m := b[i+1]
			if m == 0xDA {
				break
			}
			if m >= 0xE0 && m <= 0xEF || m == 0xFE {
				found = append(found, fmt.Sprintf("JPEG marker %X", m))
			}
			i += 2 + int(binary.BigEndian.Uint16(b[i+2:]))
		}
	case PNG:
		for i := 8; i+8 <= len(b); {
			n := int(binary.BigEndian.Uint32(b[i:]))
			typ := string(b[i+4 : i+8])
			switch typ {
			case "IHDR", "PLTE", "tRNS", "IDAT", "IEND":
			default:
				found = append(found, "PNG chunk "+typ)
			}
			i += 12 + n
		}
	case WebP:
		for i := 12; i+8 <= len(b); {
			typ := string(b[i : i+4])
			n := int(binary.LittleEndian.Uint32(b[i+4:]))
			switch typ {
			case "VP8 ", "VP8L", "VP8X", "ALPH":
			default:
				found = append(found, "WebP chunk "+typ)
			}
			i += 8 + n + n&1
		}
	}
	return found
}

// A phone JPEG with GPS, orientation, a profile, XMP and a comment gives
// derivatives that carry none of them.
func TestDerivativesCarryNoMetadata(t *testing.T) {
	xmp := jpegSegment(0xE1, []byte("http://ns.adobe.com/xap/1.0/\x00<x:xmpmeta><exif:GPSLatitude>31,30N</exif:GPSLatitude></x:xmpmeta>"))
	com := jpegSegment(0xFE, []byte("taken at the office"))
	segs := append([][]byte{jpegExif(exifTIFF(6)), xmp, com}, jpegICC(adobeRGB(), 300)...)
	jpg := withJPEGSegments(jpegBytes(t, photo(90, 60, 3)), segs...)
	logo := pngBytes(t, transparentLogo(90, 60))
	pn := withPNGChunks(logo, pngChunk("eXIf", exifTIFF(1)), pngChunk("tEXt", []byte("Author\x00Someone")), pngChunk("iTXt", []byte("XML:com.adobe.xmp\x00\x00\x00\x00\x00<x:xmpmeta/>")))
	s := DefaultSettings()
	s.Widths = []int{30, 60}
	p := newTestProcessor(t, s, "")
	for name, src := range map[string][]byte{"phone.jpg": jpg, "logo.png": pn} {
		set, err := p.Derive(context.Background(), name, src)
		if err != nil {
			t.Fatal(err)
		}
		if len(set.Derivatives) == 0 {
			t.Fatal("no derivatives")
		}
		for _, d := range set.Derivatives {
			if got := metadataBlocks(t, d); len(got) > 0 {
				t.Errorf("%s → %s %d carries %v", name, d.Format, d.Width, got)
			}
			if bytes.Equal(d.Data, src) {
				t.Errorf("%s → %s %d is a copy of the source", name, d.Format, d.Width)
			}
			for _, s := range []string{"Exif", "xmpmeta", "ICC_PROFILE", "Someone", "taken at"} {
				if bytes.Contains(d.Data, []byte(s)) {
					t.Errorf("%s → %s %d contains %q", name, d.Format, d.Width, s)
				}
			}
		}
	}
}
