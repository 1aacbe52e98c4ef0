package imaging

import (
	"image"

	"golang.org/x/image/draw"
)

// band is how many rows (or columns) one resampling call handles: the
// resampler's scratch buffer is 32 bytes per pixel of a band, so banding
// keeps it near 2 MB instead of 32 bytes per pixel of the whole image.
const band = 64

// resize resamples src (premultiplied RGBA) to dw x dh with Catmull-Rom,
// one axis at a time. Each pass scales only one axis, so rows (first pass)
// or columns (second pass) are independent and are done in bands of 64;
// the result equals one two-pass scale, with an 8-bit intermediate.
func resize(src *image.RGBA, dw, dh int) *image.RGBA {
	sb := src.Bounds()
	sw, sh := sb.Dx(), sb.Dy()
	if dw == sw && dh == sh {
		return src
	}
	mid := src
	if dw != sw {
		mid = image.NewRGBA(image.Rect(0, 0, dw, sh))
		for y := 0; y < sh; y += band {
			y1 := min(y+band, sh)
			draw.CatmullRom.Scale(mid, image.Rect(0, y, dw, y1), src, image.Rect(sb.Min.X, sb.Min.Y+y, sb.Max.X, sb.Min.Y+y1), draw.Src, nil)
		}
	}
	if dh == sh {
		return mid
	}
	dst := image.NewRGBA(image.Rect(0, 0, dw, dh))
	mb := mid.Bounds()
	for x := 0; x < dw; x += band {
		x1 := min(x+band, dw)
		draw.CatmullRom.Scale(dst, image.Rect(x, 0, x1, dh), mid, image.Rect(mb.Min.X+x, mb.Min.Y, mb.Min.X+x1, mb.Max.Y), draw.Src, nil)
	}
	return dst
}

// scaledHeight is the height of a w-wide derivative of a sw x sh image,
// rounded, at least 1.
func scaledHeight(sw, sh, w int) int {
	h := (sh*w*2 + sw) / (2 * sw)
	return max(h, 1)
}

// targetWidths returns the widths to produce for an image sw wide: each
// configured width below sw, and sw itself once if any width reaches it.
func targetWidths(widths []int, sw int) []int {
	var out []int
	for _, w := range widths {
		if w < sw {
			out = append(out, w)
		} else {
			out = append(out, sw)
			break
		}
	}
	return out
}
