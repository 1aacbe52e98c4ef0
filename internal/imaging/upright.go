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
// orientation o (1–8), converted to sRGB by conv (nil: already sRGB) and
// shrunk k times on each side by averaging k x k blocks (k = 1: full size;
// edge blocks average what they have). video says that Y'CbCr samples use
// the 16–235 range of VP8 (WebP) rather than JPEG's full range. It reports
// whether any pixel is not fully opaque.
func upright(img image.Image, o int, conv *converter, video bool, k int) (*image.RGBA, bool) {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	k = max(k, 1)
	rw, rh := (w+k-1)/k, (h+k-1)/k
	ow, oh := uprightSize(rw, rh, o)
	dst := image.NewRGBA(image.Rect(0, 0, ow, oh))
	// (x, y) of the shrunk source goes to dst offset base + x*dx + y*dy.
	base, dx, dy := orientationSteps(o, rw, rh, dst.Stride)
	row := make([]byte, 4*w) // straight (non-premultiplied) RGBA of one source row
	var acc []uint32         // sums of premultiplied RGBA over a row of blocks
	if k > 1 {
		acc = make([]uint32, 4*rw)
	}
	alpha := false
	for y := 0; y < h; y++ {
		readRow(img, b.Min.X, b.Min.Y+y, w, row, video)
		if conv != nil {
			conv.apply(row)
		}
		for x := 0; x < w; x++ {
			if a := row[4*x+3]; a != 0xff {
				alpha = true
				row[4*x], row[4*x+1], row[4*x+2] = premul(row[4*x], a), premul(row[4*x+1], a), premul(row[4*x+2], a)
			}
		}
		if k == 1 {
			off := base + y*dy
			for x := 0; x < w; x++ {
				copy(dst.Pix[off:off+4], row[4*x:4*x+4])
				off += dx
			}
			continue
		}
		for x := 0; x < w; x++ {
			a := acc[4*(x/k) : 4*(x/k)+4 : 4*(x/k)+4]
			a[0] += uint32(row[4*x])
			a[1] += uint32(row[4*x+1])
			a[2] += uint32(row[4*x+2])
			a[3] += uint32(row[4*x+3])
		}
		if y%k != k-1 && y != h-1 {
			continue
		}
		bh := y%k + 1
		off := base + (y/k)*dy
		for bx := 0; bx < rw; bx++ {
			n := uint32(min(k, w-bx*k) * bh)
			a := acc[4*bx : 4*bx+4 : 4*bx+4]
			p := dst.Pix[off : off+4 : off+4]
			for c := range 4 {
				p[c] = uint8((a[c] + n/2) / n)
				a[c] = 0
			}
			off += dx
		}
	}
	return dst, alpha
}

// shrinkFactor is how many times upright may shrink an image uw pixels
// wide (upright) whose widest derivative is maxW: as much as leaves at
// least 1.5 times maxW, so the resampler still has detail to work with
// while the full-size copy (4 bytes a pixel) is never made for a photo
// much wider than its derivatives.
func shrinkFactor(uw, maxW int) int {
	return max(1, 2*uw/(3*maxW))
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
// at (x0, y); video selects the 16–235 Y'CbCr range.
func readRow(img image.Image, x0, y, w int, row []byte, video bool) {
	toRGB := color.YCbCrToRGB
	if video {
		toRGB = videoToRGB
	}
	switch m := img.(type) {
	case *image.YCbCr:
		for x := 0; x < w; x++ {
			yi, ci := m.YOffset(x0+x, y), m.COffset(x0+x, y)
			r, g, b := toRGB(m.Y[yi], m.Cb[ci], m.Cr[ci])
			row[4*x], row[4*x+1], row[4*x+2], row[4*x+3] = r, g, b, 0xff
		}
	case *image.NYCbCrA:
		for x := 0; x < w; x++ {
			yi, ci := m.YOffset(x0+x, y), m.COffset(x0+x, y)
			r, g, b := toRGB(m.Y[yi], m.Cb[ci], m.Cr[ci])
			row[4*x], row[4*x+1], row[4*x+2], row[4*x+3] = r, g, b, m.A[m.AOffset(x0+x, y)]
		}
	case *image.NRGBA:
		i := m.PixOffset(x0, y)
		copy(row, m.Pix[i:i+4*w])
	case *image.RGBA:
		i := m.PixOffset(x0, y)
		copy(row, m.Pix[i:i+4*w])
		for x := 0; x < w; x++ {
			if a := row[4*x+3]; a != 0xff && a != 0 {
				row[4*x], row[4*x+1], row[4*x+2] = unpremul(row[4*x], a), unpremul(row[4*x+1], a), unpremul(row[4*x+2], a)
			}
		}
	case *image.Paletted:
		i := m.PixOffset(x0, y)
		pal := make([]color.NRGBA, len(m.Palette))
		for k, c := range m.Palette {
			pal[k] = color.NRGBAModel.Convert(c).(color.NRGBA)
		}
		for x, v := range m.Pix[i : i+w] {
			var c color.NRGBA // an index past the palette is transparent black
			if int(v) < len(pal) {
				c = pal[v]
			}
			row[4*x], row[4*x+1], row[4*x+2], row[4*x+3] = c.R, c.G, c.B, c.A
		}
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

// videoToRGB converts BT.601 Y'CbCr with Y in 16–235 and chroma in 16–240,
// as VP8 stores it, to 8-bit RGB, in fixed point (14 fractional bits):
// R = 1.164(Y-16) + 1.596(Cr-128), G = 1.164(Y-16) - 0.392(Cb-128) -
// 0.813(Cr-128), B = 1.164(Y-16) + 2.017(Cb-128).
func videoToRGB(y, cb, cr uint8) (uint8, uint8, uint8) {
	yy := (int32(y) - 16) * 19077 // 1.164 × 2^14
	u, v := int32(cb)-128, int32(cr)-128
	clip := func(x int32) uint8 {
		x = (x + 1<<13) >> 14
		return uint8(max(0, min(255, x)))
	}
	return clip(yy + 26149*v), clip(yy - 6419*u - 13320*v), clip(yy + 33050*u)
}
