package imaging

import (
	"bufio"
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/gen2brain/webp"
)

// This file makes the worst kinds of source image at full size (tens of
// megapixels) for the memory tests and BenchmarkWorstKinds. Go writes
// baseline JPEG, PNG (any depth, alpha, Adam7 interlacing) and WebP itself;
// progressive, 4:4:4 and CMYK JPEGs come from Debian's tools (jpegtran and
// cjpeg from libjpeg-turbo-progs, convert from imagemagick), and what needs
// a missing tool is skipped.

// texture is a cheap, deterministic picture: gradients, a grid of hard
// edges and a little noise, so the encoders have detail to code without
// a 40 megapixel source taking seconds to draw.
func texture(x, y, w, h int) (r, g, b, a uint8) {
	n := uint32(x)*374761393 + uint32(y)*668265263
	n = (n ^ n>>13) * 1274126177
	noise := int(n>>28) - 8
	r = clamp8(float64(40 + 180*x/w + noise))
	g = clamp8(float64(60 + 150*y/h + noise))
	b = clamp8(float64(200 - 120*x/w + noise))
	if (x/97+y/61)%5 == 0 {
		r, g, b = g, b, r
	}
	a = 0xff
	if d := (x - w/2) * (y - h/2); d > 0 && d < w*h/20 {
		a = uint8(64 + (x+y)%128) // a band of partial transparency
	}
	return r, g, b, a
}

// writeBaselineJPEG writes a w x h 4:2:0 baseline JPEG (what phones write)
// at quality 92, drawing straight into Y'CbCr planes.
func writeBaselineJPEG(t testing.TB, path string, w, h int) {
	t.Helper()
	m := image.NewYCbCr(image.Rect(0, 0, w, h), image.YCbCrSubsampleRatio420)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			r, g, b, _ := texture(x, y, w, h)
			yy, cb, cr := color.RGBToYCbCr(r, g, b)
			m.Y[m.YOffset(x, y)] = yy
			if x%2 == 0 && y%2 == 0 {
				m.Cb[m.COffset(x, y)], m.Cr[m.COffset(x, y)] = cb, cr
			}
		}
	}
	f := create(t, path)
	bw := bufio.NewWriter(f)
	if err := jpeg.Encode(bw, m, &jpeg.Options{Quality: 92}); err != nil {
		t.Fatal(err)
	}
	closeFile(t, f, bw)
}

// needTool returns the path of a command, skipping the test when it is
// missing.
func needTool(t testing.TB, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		t.Skipf("%s not installed (Debian: libjpeg-turbo-progs, imagemagick)", name)
	}
	return p
}

// runTool runs a command with stdin from in (nil: none) and stdout to
// the file out.
func runTool(t testing.TB, in io.Reader, out string, name string, args ...string) {
	t.Helper()
	f := create(t, out)
	cmd := exec.Command(needTool(t, name), args...)
	cmd.Stdin, cmd.Stdout = in, f
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, stderr.Bytes())
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// toProgressive rewrites a JPEG as progressive, losslessly (jpegtran).
func toProgressive(t testing.TB, in, out string) {
	t.Helper()
	runTool(t, nil, out, "jpegtran", "-progressive", "-copy", "none", in)
}

// writeJPEG444 writes a w x h JPEG without chroma subsampling (what photo
// editors write at high quality), progressive or baseline (cjpeg).
func writeJPEG444(t testing.TB, path string, w, h int, progressive bool) {
	t.Helper()
	pr, pw := io.Pipe()
	go func() {
		bw := bufio.NewWriterSize(pw, 1<<16)
		fmt.Fprintf(bw, "P6\n%d %d\n255\n", w, h)
		row := make([]byte, 3*w)
		for y := 0; y < h; y++ {
			for x := 0; x < w; x++ {
				row[3*x], row[3*x+1], row[3*x+2], _ = texture(x, y, w, h)
			}
			bw.Write(row)
		}
		pw.CloseWithError(bw.Flush())
	}()
	args := []string{"-quality", "92", "-sample", "1x1"}
	if progressive {
		args = append(args, "-progressive")
	}
	runTool(t, pr, path, "cjpeg", args...)
}

// toCMYK rewrites a JPEG as a CMYK progressive JPEG, as print workflows
// export (ImageMagick writes Adobe's inverted CMYK).
func toCMYK(t testing.TB, in, out string) {
	t.Helper()
	if p, _ := exec.LookPath("convert"); p == "/usr/local/bin/convert" {
		if _, err := os.Stat("/usr/bin/convert"); err == nil {
			runTool(t, nil, out, "/usr/bin/convert", in, "-colorspace", "CMYK", "-interlace", "JPEG", "-quality", "92", "jpeg:-")
			return
		}
	}
	runTool(t, nil, out, "convert", in, "-colorspace", "CMYK", "-interlace", "JPEG", "-quality", "92", "jpeg:-")
}

// writePNG writes a w x h truecolour PNG of the given bit depth (8 or 16),
// with or without alpha, optionally Adam7-interlaced, streaming its rows
// through zlib so that no w x h image is ever held.
func writePNG(t testing.TB, path string, w, h, depth int, alpha, interlaced bool) {
	t.Helper()
	colorType, channels := byte(2), 3
	if alpha {
		colorType, channels = 6, 4
	}
	ihdr := binary.BigEndian.AppendUint32(nil, uint32(w))
	ihdr = binary.BigEndian.AppendUint32(ihdr, uint32(h))
	ilace := byte(0)
	if interlaced {
		ilace = 1
	}
	ihdr = append(ihdr, byte(depth), colorType, 0, 0, ilace)
	var idat bytes.Buffer
	z, _ := zlib.NewWriterLevel(&idat, zlib.BestSpeed)
	bpp := channels * depth / 8
	passes := [][4]int{{0, 0, 1, 1}} // x0, y0, dx, dy
	if interlaced {
		passes = [][4]int{{0, 0, 8, 8}, {4, 0, 8, 8}, {0, 4, 4, 8}, {2, 0, 4, 4}, {0, 2, 2, 4}, {1, 0, 2, 2}, {0, 1, 1, 2}}
	}
	row, prev, out := make([]byte, 1+bpp*w), make([]byte, 1+bpp*w), make([]byte, 1+bpp*w)
	for _, p := range passes {
		clear(prev)
		for y := p[1]; y < h; y += p[3] {
			n := 1
			for x := p[0]; x < w; x += p[2] {
				// 4 x 4 blocks of one colour, rows coded as the difference
				// from the row above (filter Up), keep the file under the
				// catalog's 64 MB limit on sources.
				r, g, b, a := texture(x&^3, y&^3, w, h)
				for _, v := range []uint8{r, g, b, a}[:channels] {
					row[n] = v
					if depth == 16 {
						row[n+1] = v ^ uint8(x) // low byte: real 16-bit data
						n++
					}
					n++
				}
			}
			if n > 1 {
				out[0] = 2
				for i := 1; i < n; i++ {
					out[i] = row[i] - prev[i]
				}
				z.Write(out[:n])
				row, prev = prev, row
			}
		}
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	f := create(t, path)
	bw := bufio.NewWriter(f)
	bw.WriteString("\x89PNG\r\n\x1a\n")
	bw.Write(pngChunk("IHDR", ihdr))
	for data := idat.Bytes(); len(data) > 0; {
		n := min(len(data), 1<<20)
		bw.Write(pngChunk("IDAT", data[:n]))
		data = data[n:]
	}
	bw.Write(pngChunk("IEND", nil))
	closeFile(t, f, bw)
}

// writeWebP writes a w x h WebP: lossy (with alpha when asked) or
// lossless, at the encoder's fastest settings.
func writeWebP(t testing.TB, path string, w, h int, lossless, alpha bool) {
	t.Helper()
	m := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			o := m.PixOffset(x, y)
			m.Pix[o], m.Pix[o+1], m.Pix[o+2], m.Pix[o+3] = texture(x, y, w, h)
			if !alpha {
				m.Pix[o+3] = 0xff
			}
		}
	}
	f := create(t, path)
	bw := bufio.NewWriter(f)
	if err := webp.Encode(bw, m, webp.Options{Lossless: lossless, Quality: 80, Method: 0}); err != nil {
		t.Fatal(err)
	}
	closeFile(t, f, bw)
}

func create(t testing.TB, path string) *os.File {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func closeFile(t testing.TB, f *os.File, bw *bufio.Writer) {
	t.Helper()
	if err := bw.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// worstKind is one kind of source at its worst size, and how to make it.
type worstKind struct {
	name  string
	file  string // the fixture's name; the extension gives the format
	w, h  int
	make  func(t testing.TB, dir, path string, w, h int)
	count int  // copies derived at once (default 1)
	limit bool // made at the largest size the budget admits (see limitSize)
}

// limitSize is the largest size at k's aspect ratio that the memory budget
// admits for k's kind of file, found as the refusal message finds it: from
// the layout of a 640 x 480 sample and its bytes a pixel.
func limitSize(t testing.TB, dir string, k worstKind) (int, int) {
	t.Helper()
	sample := filepath.Join(dir, "sample-"+k.file)
	k.make(t, dir, sample, 640, 480)
	src, err := os.ReadFile(sample)
	if err != nil {
		t.Fatal(err)
	}
	info, err := inspect(k.file, src, DefaultSettings())
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := configOf(info.Format, src)
	if err != nil {
		t.Fatal(err)
	}
	l := readLayout(info.Format, src, cfg)
	l.w, l.h = k.w, k.h
	srcLen := int64(len(src)) * int64(k.w*k.h) / (640 * 480)
	w, h := l.largestFitting(1, srcLen, DefaultSettings(), info.HasAlpha)
	if w == 0 {
		t.Fatalf("%s: no size fits", k.name)
	}
	return w, h
}

// baseOf makes (once per folder) the baseline JPEG that other JPEG kinds
// are converted from.
func baseOf(t testing.TB, dir string, w, h int) string {
	p := filepath.Join(dir, fmt.Sprintf("base-%dx%d.jpg", w, h))
	if _, err := os.Stat(p); err != nil {
		writeBaselineJPEG(t, p, w, h)
	}
	return p
}

// worstKinds are the kinds BenchmarkWorstKinds measures: each at 40
// megapixels (7300 x 5475, a 4:3 photo of the old Settings.MaxPixels), which
// the memory budget may refuse, and at the largest size the budget admits
// (limitSize), where the process must still stay under 300 MB.
func worstKinds() []worstKind {
	const w, h = 7300, 5475
	baseline := func(t testing.TB, dir, path string, w, h int) { copyFile(t, baseOf(t, dir, w, h), path) }
	progressive := func(t testing.TB, dir, path string, w, h int) { toProgressive(t, baseOf(t, dir, w, h), path) }
	p444 := func(t testing.TB, _, path string, w, h int) { writeJPEG444(t, path, w, h, true) }
	cmyk := func(t testing.TB, dir, path string, w, h int) { toCMYK(t, baseOf(t, dir, w, h), path) }
	deep := func(t testing.TB, _, path string, w, h int) { writePNG(t, path, w, h, 16, true, false) }
	interlaced := func(t testing.TB, _, path string, w, h int) { writePNG(t, path, w, h, 8, true, true) }
	lossy := func(t testing.TB, _, path string, w, h int) { writeWebP(t, path, w, h, false, true) }
	lossless := func(t testing.TB, _, path string, w, h int) { writeWebP(t, path, w, h, true, true) }
	return []worstKind{
		{name: "phone-12MP-baseline", file: "phone.jpg", w: 4000, h: 3000, make: baseline},
		{name: "phone-50MP-baseline", file: "phone50.jpg", w: 8160, h: 6120, make: baseline},
		{name: "baseline-40MP", file: "baseline.jpg", w: w, h: h, make: baseline},
		{name: "progressive-40MP", file: "progressive.jpg", w: w, h: h, make: progressive},
		{name: "progressive-limit", file: "progressive-limit.jpg", w: w, h: h, make: progressive, limit: true},
		{name: "progressive-40MP-two-at-once", file: "progressive2.jpg", w: w, h: h, make: progressive, count: 2},
		{name: "progressive-12MP-two-at-once", file: "progressive12.jpg", w: 4000, h: 3000, make: progressive, count: 2},
		{name: "progressive-444-40MP", file: "p444.jpg", w: w, h: h, make: p444},
		{name: "progressive-444-limit", file: "p444-limit.jpg", w: w, h: h, make: p444, limit: true},
		{name: "cmyk-progressive-40MP", file: "cmyk.jpg", w: w, h: h, make: cmyk},
		{name: "cmyk-progressive-limit", file: "cmyk-limit.jpg", w: w, h: h, make: cmyk, limit: true},
		{name: "png-16bit-alpha-20MP", file: "deep.png", w: 5163, h: 3873, make: deep},
		{name: "png-16bit-alpha-limit", file: "deep-limit.png", w: w, h: h, make: deep, limit: true},
		{name: "png-rgba-interlaced-40MP", file: "interlaced.png", w: w, h: h, make: interlaced},
		{name: "png-rgba-interlaced-limit", file: "interlaced-limit.png", w: w, h: h, make: interlaced, limit: true},
		{name: "webp-lossy-alpha-40MP", file: "lossy.webp", w: w, h: h, make: lossy},
		{name: "webp-lossy-alpha-limit", file: "lossy-limit.webp", w: w, h: h, make: lossy, limit: true},
		{name: "webp-lossless-40MP", file: "lossless.webp", w: w, h: h, make: lossless},
		{name: "webp-lossless-limit", file: "lossless-limit.webp", w: w, h: h, make: lossless, limit: true},
	}
}

func copyFile(t testing.TB, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, data, 0o644); err != nil {
		t.Fatal(err)
	}
}
