package imaging

import (
	"image"
	"image/color"
)

// modelHasAlpha reports whether a header's colour model can carry
// transparency in this file.
func modelHasAlpha(cfg image.Config) bool {
	switch cfg.ColorModel {
	case color.NRGBAModel, color.NRGBA64Model, color.NYCbCrAModel:
		return true
	}
	if p, ok := cfg.ColorModel.(color.Palette); ok {
		for _, c := range p {
			if _, _, _, a := c.RGBA(); a != 0xffff {
				return true
			}
		}
	}
	return false
}

// uprightSize is the size of a w x h image after EXIF orientation o.
func uprightSize(w, h, o int) (int, int) {
	if o >= 5 && o <= 8 {
		return h, w
	}
	return w, h
}

// upright copies img into a new premultiplied RGBA image turned by EXIF
// orientation o (1–8) and converted to sRGB by conv (nil: already sRGB).
// It reports whether any pixel is not fully opaque.
func upright(img image.Image, o int, conv *converter) (*image.RGBA, bool) {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	ow, oh := uprightSize(w, h, o)
	dst := image.NewRGBA(image.Rect(0, 0, ow, oh))
	// (x, y) in the source goes to dst offset base + x*dx + y*dy.
	base, dx, dy := orientationSteps(o, w, h, dst.Stride)
	row := make([]byte, 4*w) // straight (non-premultiplied) RGBA of one source row
	alpha := false
	for y := 0; y < h; y++ {
		readRow(img, b.Min.X, b.Min.Y+y, w, row)
		if conv != nil {
			conv.apply(row)
		}
		off := base + y*dy
		for x := 0; x < w; x++ {
			r, g, bl, a := row[4*x], row[4*x+1], row[4*x+2], row[4*x+3]
			if a != 0xff {
				alpha = true
				r, g, bl = premul(r, a), premul(g, a), premul(bl, a)
			}
			p := dst.Pix[off : off+4 : off+4]
			p[0], p[1], p[2], p[3] = r, g, bl, a
			off += dx
		}
	}
	return dst, alpha
}

// premul multiplies an 8-bit channel by an 8-bit alpha, rounding.
func premul(c, a uint8) uint8 {
	v := uint32(c)*uint32(a) + 127
	return uint8((v + v>>8) >> 8)
}

// orientationSteps returns where source pixel (0,0) lands in a destination
// with the given stride, and how far one step in source x and in source y
// moves in the destination, for EXIF orientation o of a w x h source.
func orientationSteps(o, w, h, stride int) (base, dx, dy int) {
	at := func(x, y int) int { return y*stride + 4*x }
	switch o {
	case 2: // mirrored left-right
		return at(w-1, 0), -4, stride
	case 3: // rotated 180°
		return at(w-1, h-1), -4, -stride
	case 4: // mirrored top-bottom
		return at(0, h-1), 4, -stride
	case 5: // transposed
		return at(0, 0), stride, 4
	case 6: // needs a 90° clockwise turn
		return at(h-1, 0), stride, -4
	case 7: // transversed
		return at(h-1, w-1), -stride, -4
	case 8: // needs a 90° counter-clockwise turn
		return at(0, w-1), -stride, 4
	}
	return 0, 4, stride
}

// readRow fills row with the straight 8-bit RGBA of w pixels of img starting
// at (x0, y).
func readRow(img image.Image, x0, y, w int, row []byte) {
	switch m := img.(type) {
	case *image.YCbCr:
		for x := 0; x < w; x++ {
			yi, ci := m.YOffset(x0+x, y), m.COffset(x0+x, y)
			r, g, b := color.YCbCrToRGB(m.Y[yi], m.Cb[ci], m.Cr[ci])
			row[4*x], row[4*x+1], row[4*x+2], row[4*x+3] = r, g, b, 0xff
		}
	case *image.NYCbCrA:
		for x := 0; x < w; x++ {
			yi, ci := m.YOffset(x0+x, y), m.COffset(x0+x, y)
			r, g, b := color.YCbCrToRGB(m.Y[yi], m.Cb[ci], m.Cr[ci])
			row[4*x], row[4*x+1], row[4*x+2], row[4*x+3] = r, g, b, m.A[m.AOffset(x0+x, y)]
		}
	case *image.NRGBA:
		i := m.PixOffset(x0, y)
		copy(row, m.Pix[i:i+4*w])
	case *image.Gray:
		i := m.PixOffset(x0, y)
		for x, v := range m.Pix[i : i+w] {
			row[4*x], row[4*x+1], row[4*x+2], row[4*x+3] = v, v, v, 0xff
		}
	default:
		for x := 0; x < w; x++ {
			c := color.NRGBAModel.Convert(img.At(x0+x, y)).(color.NRGBA)
			row[4*x], row[4*x+1], row[4*x+2], row[4*x+3] = c.R, c.G, c.B, c.A
		}
	}
}
