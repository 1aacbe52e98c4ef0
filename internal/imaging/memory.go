package imaging

import (
	"fmt"
	"image"
	"image/color"
	"strings"

	"github.com/alaqsa-ira/site/internal/imagefile"
)

// The memory model. Deriving one image holds, at its peak, either the
// decoder's work (the source bytes, what the decoder allocates, and the
// upright copy made from its result) or the encoders' (the source bytes,
// the upright copy, the resampler's two buffers at the widest derivative,
// a straight-alpha copy of it, and the WebP encoder's WebAssembly memory).
// cost computes the larger of the two from the file's header alone, as an
// upper bound of the live heap; a Processor refuses an image whose cost is
// over Settings.MemoryBudget and admits images to work at once only while
// the sum of their costs fits in it. TestMemoryModelBoundsEachDecoder and
// TestMemoryModelBoundsDerive check the model against what the decoders
// and the pipeline really allocate.
//
// What the decoders allocate (bytes a pixel, at 40 megapixels in brackets):
//
//   - image/jpeg, baseline: the Y'CbCr planes, 1.5 for 4:2:0 (60 MB), 3 for
//     4:4:4 (120 MB), 1 for greyscale; an RGB or CMYK JPEG adds a 4-byte
//     RGBA or CMYK copy, and CMYK a plane for black.
//   - image/jpeg, progressive: also every DCT coefficient of the image, as
//     int32, until the last scan: 4 bytes a sample of each component, so 6
//     for 4:2:0 (300 MB in all), 12 for 4:4:4 (600 MB), 16 for CMYK (960 MB).
//   - image/png: 1, 2, 4 or 8 by the colour model (16-bit RGBA is 8); an
//     interlaced PNG also allocates each of its passes (as much again).
//   - x/image/webp: lossy 1.5 (Y'CbCr 4:2:0, 16-pixel aligned); lossless
//     up to 6 (the pixels and, for a colour-indexed image, its packed
//     form); lossy with compressed alpha up to 8.5 (a lossless image of
//     the alpha, the alpha plane and the Y'CbCr).
const (
	// encoderBytesPerPixel bounds the WebP encoder's memory (libwebp's
	// working memory inside a WebAssembly instance that grows by copying)
	// per pixel of the derivative encoded: photo-like 1200 x 900 and 1200 x
	// 1600 derivatives measured 23 and 22 bytes a pixel; pure noise reaches
	// about 87, which no photo is after downscaling.
	encoderBytesPerPixel = 40
	// encoderFixed is the WebP encoder's memory that does not grow with
	// the image: the instance's own memory and buffers.
	encoderFixed = 8 << 20
	// decoderFixed is the decoders' memory that does not grow with the
	// image: tables, readers, decompressor state.
	decoderFixed = 256 << 10
)

// layout is what the memory model needs from a header besides the size:
// filled by readLayout from the bytes inspect accepted.
type layout struct {
	format string
	w, h   int // as stored (before EXIF orientation)
	// JPEG
	progressive bool
	comps       [][2]int // sampling factors (h, v) of each component
	rgb         bool     // three components stored as RGB, not Y'CbCr
	// PNG: bytes a pixel of the decoded image, and Adam7 interlacing
	pngBPP     int
	interlaced bool
	// WebP
	lossless bool
	alpha    int // 0 none, 1 raw alpha plane, 2 compressed (lossless) alpha
}

// decodeBytes bounds what the decoder allocates for an image of this
// layout at w x h pixels: all it allocates, garbage included, so that it
// also bounds the peak whenever the collector runs.
func (l layout) decodeBytes(w, h int) int64 {
	return decoderFixed + l.pixelBytes(int64(w), int64(h))
}

// pixelBytes is the part of decodeBytes that grows with the image.
func (l layout) pixelBytes(W, H int64) int64 {
	switch l.format {
	case JPEG:
		return l.jpegBytes(W, H)
	case PNG:
		n := W * H * int64(l.pngBPP)
		if l.interlaced {
			n *= 2 // the image, and each pass before it is merged in
		}
		return n + 2*(1+8*W) // two rows of filtered data
	case WebP:
		if l.lossless {
			return 6 * W * H
		}
		w16, h16 := (W+15)&^15, (H+15)&^15
		lossy := w16*h16*3/2 + w16*h16/64 // Y'CbCr and per-macroblock state
		switch l.alpha {
		case 1:
			return lossy + W*H
		case 2: // a lossless image of the alpha, its plane, the colour
			return lossy + 7*W*H
		}
		return lossy
	}
	return 0
}

// jpegBytes follows image/jpeg: planes padded to whole MCUs, then the
// coefficients of a progressive image and the RGB or CMYK copy.
func (l layout) jpegBytes(W, H int64) int64 {
	if len(l.comps) == 0 {
		return 0
	}
	h0, v0 := int64(l.comps[0][0]), int64(l.comps[0][1])
	if len(l.comps) == 1 {
		h0, v0 = 1, 1
	}
	mxx, myy := (W+8*h0-1)/(8*h0), (H+8*v0-1)/(8*v0)
	var planes, coeffs int64
	for i, c := range l.comps {
		h, v := int64(c[0]), int64(c[1])
		if len(l.comps) == 1 {
			h, v = 1, 1
		}
		if i == 0 || i == 3 {
			planes += 64 * h * v * mxx * myy
		} else {
			// Chroma planes take the ratio of component 1 to component 0.
			h1, v1 := max(int64(l.comps[1][0]), 1), max(int64(l.comps[1][1]), 1)
			planes += 64 * h0 * v0 * mxx * myy / max(h0/h1, 1) / max(v0/v1, 1)
		}
		coeffs += 256 * h * v * mxx * myy
	}
	n := planes
	if l.progressive {
		n += coeffs
	}
	if len(l.comps) == 4 || l.rgb {
		n += 4 * W * H
	}
	return n
}

// cost is the peak live bytes of deriving an image of this layout at
// w x h (as stored), turned by orientation o, from srcLen bytes, with
// settings s.
func (l layout) cost(w, h, o int, srcLen int64, s Settings, alpha bool) int64 {
	uw, uh := uprightSize(w, h, o)
	widths := targetWidths(s.Widths, uw)
	dw := int64(widths[len(widths)-1])
	dh := int64(scaledHeight(uw, uh, int(dw)))
	k := shrinkFactor(uw, int(dw))
	rw, rh := int64((uw+k-1)/k), int64((uh+k-1)/k)
	up := 4*rw*rh + 4*int64(max(w, h)) + 16*rw // the copy, a row, block sums
	decoding := l.decodeBytes(w, h) + up
	encoding := up + 4*dw*rh + 4*dw*dh + encoderFixed + encoderBytesPerPixel*dw*dh
	if alpha {
		encoding += 4 * dw * dh
	}
	return srcLen + max(decoding, encoding)
}

// readLayout reads what the model needs from the header of src, which
// inspect found to be format with config cfg.
func readLayout(format string, src []byte, cfg image.Config) layout {
	l := layout{format: format, w: cfg.Width, h: cfg.Height}
	switch format {
	case JPEG:
		readJPEGLayout(src, &l)
	case PNG:
		l.pngBPP = int(pngBytesPerPixel(cfg.ColorModel))
		l.interlaced = len(src) > 28 && src[28] == 1
	case WebP:
		readWebPLayout(src, &l)
	}
	return l
}

// pngBytesPerPixel is what image/png allocates a pixel for a colour model.
func pngBytesPerPixel(m color.Model) int64 {
	switch m {
	case color.RGBA64Model, color.NRGBA64Model:
		return 8
	case color.Gray16Model:
		return 2
	case color.GrayModel:
		return 1
	}
	if _, ok := m.(color.Palette); ok {
		return 1
	}
	return 4
}

// readJPEGLayout reads the marker segments up to the first scan: the
// frame header gives the components and whether the image is progressive,
// JFIF and Adobe markers whether three components are RGB (as image/jpeg
// decides).
func readJPEGLayout(src []byte, l *layout) {
	jfif, adobe, transform := false, false, byte(1)
	var sof imagefile.Segment // the last frame header
	imagefile.JPEGSegments(src, func(s imagefile.Segment) {
		switch m := s.Marker; {
		case s.Cut:
		case m == imagefile.APP0 && strings.HasPrefix(string(s.Data), "JFIF\x00"):
			jfif = true
		case m == imagefile.APP14 && len(s.Data) >= 12 && strings.HasPrefix(string(s.Data), "Adobe"):
			adobe, transform = true, s.Data[11]
		case (m == imagefile.SOF0 || m == imagefile.SOF1 || m == imagefile.SOF2) && len(s.Data) >= 6:
			sof = s
		}
	})
	if sof.Data == nil {
		return
	}
	l.progressive = sof.Marker == imagefile.SOF2
	seg, nc := sof.Data, int(sof.Data[5])
	var ids []byte
	for c := 0; c < nc && 6+3*c+2 < len(seg); c++ {
		hv := seg[6+3*c+1]
		l.comps = append(l.comps, [2]int{int(hv >> 4), int(hv & 15)})
		ids = append(ids, seg[6+3*c])
	}
	if len(l.comps) == 3 && !jfif {
		l.rgb = adobe && transform == 0 || string(ids) == "RGB"
	}
}

// readWebPLayout finds the bitstream kind and the alpha chunk.
func readWebPLayout(src []byte, l *layout) {
	imagefile.RIFFChunks(src, func(c imagefile.Chunk) {
		switch {
		case c.Cut:
		case string(c.Type[:]) == "VP8L":
			l.lossless = true
		case string(c.Type[:]) == "ALPH":
			l.alpha = 1
			if len(c.Data) > 0 && c.Data[0]&3 == 1 {
				l.alpha = 2
			}
		}
	})
}

// tooCostly explains why an image whose derive needs need bytes, more than
// s.MemoryBudget, is refused, and how to make it fit: another kind of
// file when that alone would fit, and the largest size that fits.
func tooCostly(l layout, info Info, srcLen, need int64, s Settings) string {
	kind := l.describe()
	var fixes []string
	fits := func(alt layout) bool {
		return alt.cost(l.w, l.h, info.Orientation, srcLen, s, info.HasAlpha) <= s.MemoryBudget
	}
	switch {
	case l.format == JPEG && len(l.comps) == 4:
		fixes = append(fixes, "convert it to RGB (sRGB) in a photo editor")
	case l.format == JPEG && l.progressive && fits(layout{format: JPEG, comps: l.comps, rgb: l.rgb}):
		fixes = append(fixes, "save it as a standard (baseline, not progressive) JPEG")
	case l.format == PNG && l.pngBPP == 8:
		fixes = append(fixes, "save it with 8 bits a channel")
	case l.format == PNG && l.interlaced && fits(layout{format: PNG, pngBPP: l.pngBPP}):
		fixes = append(fixes, "save it without interlacing")
	case l.format != JPEG && !info.HasAlpha:
		fixes = append(fixes, "export it as JPEG")
	}
	if w, h := l.largestFitting(info.Orientation, srcLen, s, info.HasAlpha); w > 0 {
		uw, uh := uprightSize(w, h, info.Orientation)
		fixes = append(fixes, fmt.Sprintf("resize it to at most %d x %d pixels", uw, uh))
	}
	return fmt.Sprintf("the image is %d x %d pixels (%.0f megapixels) as %s, which needs %d MB of memory to process, over the %d MB the site allows for photos at once: %s",
		info.Width, info.Height, float64(l.w)*float64(l.h)/1e6, kind, need>>20, s.MemoryBudget>>20, strings.Join(fixes, ", or "))
}

// largestFitting is the largest size at the image's aspect ratio, in
// steps of 2 % and then rounded down to whole hundreds of pixels on the
// longer side, whose cost fits the budget (with the source shrunk in
// proportion), or 0, 0.
func (l layout) largestFitting(o int, srcLen int64, s Settings, alpha bool) (int, int) {
	for f := 0.98; f > 0.02; f -= 0.02 {
		w, h := max(int(float64(l.w)*f), 1), max(int(float64(l.h)*f), 1)
		if l.cost(w, h, o, int64(float64(srcLen)*f*f), s, alpha) > s.MemoryBudget {
			continue
		}
		if long := max(w, h); long >= 200 {
			r := float64(long/100*100) / float64(long)
			w, h = int(float64(w)*r), int(float64(h)*r)
		}
		return w, h
	}
	return 0, 0
}

// describe names the kind of file, as the editor would know it.
func (l layout) describe() string {
	switch l.format {
	case JPEG:
		kind := "a JPEG"
		if l.progressive {
			kind = "a progressive JPEG"
		}
		switch {
		case len(l.comps) == 4:
			kind += " in CMYK"
		case len(l.comps) == 3 && l.comps[0] == l.comps[1]:
			kind += " without chroma subsampling (4:4:4)"
		}
		return kind
	case PNG:
		kind := "a PNG"
		if l.pngBPP == 8 {
			kind += " with 16 bits a channel"
		}
		if l.interlaced {
			kind += ", interlaced"
		}
		return kind
	case WebP:
		if l.lossless {
			return "a lossless WebP"
		}
		if l.alpha > 0 {
			return "a WebP with transparency"
		}
		return "a WebP"
	}
	return "an image"
}
