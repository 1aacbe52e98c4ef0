package imaging

import (
	"bytes"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"

	"github.com/gen2brain/webp"
)

// encode writes img as format. Opaque images are passed as they are
// (premultiplied equals straight); images with transparency are turned into
// straight-alpha NRGBA, which WebP and PNG store.
func encode(img *image.RGBA, alpha bool, format string, s Settings) ([]byte, error) {
	var src image.Image = img
	if alpha {
		src = straight(img)
	}
	var buf bytes.Buffer
	var err error
	switch format {
	case WebP:
		err = webp.Encode(&buf, src, webp.Options{Quality: s.WebPQuality, Method: s.WebPMethod})
	case JPEG:
		err = jpeg.Encode(&buf, src, &jpeg.Options{Quality: s.JPEGQuality})
	case PNG:
		enc := png.Encoder{CompressionLevel: png.BestCompression}
		err = enc.Encode(&buf, src)
	default:
		err = fmt.Errorf("unknown format %q", format)
	}
	if err != nil {
		return nil, fmt.Errorf("encoding %s: %w", format, err)
	}
	return buf.Bytes(), nil
}

// straight converts premultiplied RGBA to straight-alpha NRGBA.
func straight(m *image.RGBA) *image.NRGBA {
	b := m.Bounds()
	out := image.NewNRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	for y := 0; y < b.Dy(); y++ {
		s := m.Pix[m.PixOffset(b.Min.X, b.Min.Y+y):]
		d := out.Pix[out.PixOffset(0, y):]
		for x := 0; x < b.Dx(); x++ {
			r, g, bl, a := s[4*x], s[4*x+1], s[4*x+2], s[4*x+3]
			switch a {
			case 0xff:
			case 0:
				r, g, bl = 0, 0, 0
			default:
				r, g, bl = unpremul(r, a), unpremul(g, a), unpremul(bl, a)
			}
			d[4*x], d[4*x+1], d[4*x+2], d[4*x+3] = r, g, bl, a
		}
	}
	return out
}

// unpremul divides an 8-bit premultiplied channel by alpha, rounding.
func unpremul(c, a uint8) uint8 {
	v := (uint32(c)*255 + uint32(a)/2) / uint32(a)
	return uint8(min(v, 255))
}
