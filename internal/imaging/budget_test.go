package imaging

import (
	"context"
	"image"
	"image/draw"
	"math"
	"os"
	"path/filepath"
	"testing"
)

// testOutDir is where tests leave pictures for a person to look at:
// $SITE_TEST_OUT when set, else the test's temporary folder.
func testOutDir(t *testing.T) string {
	if d := os.Getenv("SITE_TEST_OUT"); d != "" {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		return d
	}
	return t.TempDir()
}

// psnr compares two same-sized straight RGBA images on all three colour
// channels, in decibels.
func psnr(a, b *image.NRGBA) float64 {
	var sum float64
	n := 0
	for i := 0; i < len(a.Pix); i += 4 {
		for k := range 3 {
			d := float64(a.Pix[i+k]) - float64(b.Pix[i+k])
			sum += d * d
			n++
		}
	}
	return 10 * math.Log10(255*255/(sum/float64(n)))
}

// A 4000 x 3000 phone photo gives an 800 px WebP within the 80 KB budget
// of a first visit on a slow phone, at a quality close to the downscaled
// original. The side-by-side picture (left: the original downscaled, right:
// the WebP as browsers decode it) is written for a person to judge.
func TestWebPQualityBudget(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("a 4000 x 3000 photo: skipped with -short and under the race detector")
	}
	src := photo(4000, 3000, 7)
	jpg := jpegBytes(t, src)
	p := newTestProcessor(t, DefaultSettings(), "")
	set, err := p.Derive(context.Background(), "phone.jpg", jpg)
	if err != nil {
		t.Fatal(err)
	}
	var got Derivative
	for _, d := range set.Derivatives {
		t.Logf("%s %4d x %4d: %6.1f KB", d.Format, d.Width, d.Height, float64(len(d.Data))/1024)
		if d.Format == WebP && d.Width == 800 {
			got = d
		}
	}
	if got.Data == nil {
		t.Fatal("no 800 px WebP")
	}
	if len(got.Data) > 80*1024 {
		t.Errorf("800 px WebP is %d bytes, over the 80 KB budget", len(got.Data))
	}
	// The reference: the same source decoded and resampled, not encoded.
	dec, err := decode("phone.jpg", JPEG, jpg)
	if err != nil {
		t.Fatal(err)
	}
	up, _ := upright(dec, 1, nil, false, 1)
	ref := straight(resize(up, got.Width, got.Height))
	webp, err := decodeWebPForTest(got.Data)
	if err != nil {
		t.Fatal(err)
	}
	q := psnr(ref, webp)
	t.Logf("800 px WebP at quality %d: %d bytes, PSNR %.1f dB against the downscaled original", p.settings.WebPQuality, len(got.Data), q)
	if q < 34 {
		t.Errorf("PSNR %.1f dB: the WebP is visibly worse than the original", q)
	}
	side := image.NewNRGBA(image.Rect(0, 0, 2*got.Width+8, got.Height))
	draw.Draw(side, side.Bounds(), image.White, image.Point{}, draw.Src)
	draw.Draw(side, ref.Bounds(), ref, image.Point{}, draw.Src)
	draw.Draw(side, ref.Bounds().Add(image.Pt(got.Width+8, 0)), webp, image.Point{}, draw.Src)
	out := filepath.Join(testOutDir(t), "webp-side-by-side.png")
	if err := os.WriteFile(out, pngBytes(t, side), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("side by side (left original, right WebP): %s", out)
}
