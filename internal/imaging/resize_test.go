package imaging

import (
	"image"
	"image/color"
	"math"
	"testing"

	"golang.org/x/image/draw"
)

// Downscaling filters: a one-pixel black and white checkerboard becomes
// an even grey at any scale, where point sampling would give moiré.
func TestResizeDoesNotAlias(t *testing.T) {
	src := image.NewRGBA(image.Rect(0, 0, 301, 200))
	for y := 0; y < 200; y++ {
		for x := 0; x < 301; x++ {
			v := uint8(255 * ((x + y) % 2))
			src.SetRGBA(x, y, color.RGBA{v, v, v, 255})
		}
	}
	for _, w := range []int{150, 97, 40} {
		dst := resize(src, w, scaledHeight(301, 200, w))
		for y := 2; y < dst.Rect.Dy()-2; y++ { // edges are clamped, skip them
			for x := 2; x < w-2; x++ {
				if v := dst.RGBAAt(x, y).R; v < 100 || v > 155 {
					t.Fatalf("width %d: pixel (%d,%d) = %d, want grey near 128", w, x, y, v)
				}
			}
		}
	}
}

// Resizing in bands gives what one whole Catmull-Rom scale gives, within
// the rounding of the 8-bit intermediate.
func TestBandedResizeMatchesWholeScale(t *testing.T) {
	src := photo(400, 300, 4)
	for _, size := range [][2]int{{133, 100}, {400, 150}, {200, 300}, {37, 251}} {
		got := resize(src, size[0], size[1])
		want := image.NewRGBA(image.Rect(0, 0, size[0], size[1]))
		draw.CatmullRom.Scale(want, want.Rect, src, src.Rect, draw.Src, nil)
		worst := 0.0
		for i := range got.Pix {
			worst = math.Max(worst, math.Abs(float64(got.Pix[i])-float64(want.Pix[i])))
		}
		if worst > 2 {
			t.Errorf("%v: differs from a whole scale by up to %.0f", size, worst)
		}
	}
}

func TestTargetWidthsNeverUpscale(t *testing.T) {
	ws := []int{480, 800, 1200}
	for _, tc := range []struct {
		sw   int
		want []int
	}{
		{4000, []int{480, 800, 1200}}, {1200, []int{480, 800, 1200}}, {1000, []int{480, 800, 1000}},
		{800, []int{480, 800}}, {481, []int{480, 481}}, {300, []int{300}}, {1, []int{1}},
	} {
		got := targetWidths(ws, tc.sw)
		if len(got) != len(tc.want) {
			t.Errorf("%d: %v, want %v", tc.sw, got, tc.want)
			continue
		}
		for i := range got {
			if got[i] != tc.want[i] {
				t.Errorf("%d: %v, want %v", tc.sw, got, tc.want)
			}
		}
	}
}
