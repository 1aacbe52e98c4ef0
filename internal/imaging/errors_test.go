package imaging

import (
	"context"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"runtime"
	"strings"
	"testing"
)

// pngHeader is a PNG signature and IHDR for a w x h RGB image with a token
// of pixel data: what a decompression bomb's header looks like.
func pngHeader(w, h int) []byte {
	ihdr := binary.BigEndian.AppendUint32(nil, uint32(w))
	ihdr = binary.BigEndian.AppendUint32(ihdr, uint32(h))
	ihdr = append(ihdr, 8, 2, 0, 0, 0)
	out := append([]byte("\x89PNG\r\n\x1a\n"), pngChunk("IHDR", ihdr)...)
	out = append(out, pngChunk("IDAT", []byte{0x78, 0x9c, 0x03, 0x00})...)
	return append(out, pngChunk("IEND", nil)...)
}

// jpegHeader is a small real JPEG whose frame header is changed to say
// w x h.
func jpegHeader(t testing.TB, w, h int) []byte {
	b := jpegBytes(t, photo(16, 16, 9))
	for i := 2; i+9 < len(b); {
		if b[i+1] == 0xC0 {
			binary.BigEndian.PutUint16(b[i+5:], uint16(h))
			binary.BigEndian.PutUint16(b[i+7:], uint16(w))
			return b
		}
		i += 2 + int(binary.BigEndian.Uint16(b[i+2:]))
	}
	t.Fatal("no SOF0 in test JPEG")
	return nil
}

// webpHeader is an extended (VP8X) WebP whose canvas is w x h, followed by
// a lossless bitstream header.
func webpHeader(w, h int) []byte {
	vp8x := []byte{0, 0, 0, 0}
	for _, v := range []int{w - 1, h - 1} {
		vp8x = append(vp8x, byte(v), byte(v>>8), byte(v>>16))
	}
	body := append([]byte("WEBPVP8X"), binary.LittleEndian.AppendUint32(nil, 10)...)
	body = append(body, vp8x...)
	body = append(body, "VP8L"...)
	body = binary.LittleEndian.AppendUint32(body, 6)
	bits := uint32(min(w, 16384)-1) | uint32(min(h, 16384)-1)<<14
	body = append(body, 0x2f, byte(bits), byte(bits>>8), byte(bits>>16), byte(bits>>24), 0)
	return append(append([]byte("RIFF"), binary.LittleEndian.AppendUint32(nil, uint32(len(body)))...), body...)
}

// A file the site cannot publish is refused with "name: message" naming
// the fix, by Inspect and by Derive, without a panic and (for bombs)
// without allocating the pixels.
func TestBadImagesAreRefusedWithTheFix(t *testing.T) {
	good := jpegBytes(t, photo(40, 30, 2))
	goodPNG := pngBytes(t, photo(40, 30, 2))
	thumbed := withThumbnail(t, good)
	cases := []struct {
		name string
		src  []byte
		kind error
		says string
	}{
		{"empty.jpg", nil, ErrEmpty, "empty"},
		{"empty.png", []byte{}, ErrEmpty, "empty"},
		{"truncated.jpg", good[:len(good)/2], ErrCorrupt, "truncated"},
		{"truncated.png", goodPNG[:len(goodPNG)-40], ErrCorrupt, "truncated"},
		{"thumbnail.jpg", thumbed[:len(thumbed)-30], ErrCorrupt, "truncated"},
		{"header-only.jpg", good[:20], ErrCorrupt, "export the photo again"},
		{"noise.jpg", []byte("\xff\xd8\xff\xe0 this is not really a JPEG at all"), ErrCorrupt, "export the photo again"},
		{"text.png", []byte("hello, this is a text file"), ErrCorrupt, "not a valid PNG image"},
		{"notes.txt", []byte("hello, this is a text file"), ErrUnsupported, "convert"},
		{"truncated.webp", webpHeader(40, 30)[:30], ErrCorrupt, "truncated"},
		{"photo.png", good, ErrWrongExtension, "rename it to end in .jpg"},
		{"photo.webp", good, ErrWrongExtension, "rename"},
		{"logo.jpg", goodPNG, ErrWrongExtension, "rename it to end in .png"},
		{"photo", good, ErrWrongExtension, "rename"},
		{"anim.gif", []byte("GIF89a\x01\x00\x01\x00"), ErrUnsupported, "GIF"},
		{"anim.jpg", []byte("GIF89a\x01\x00\x01\x00"), ErrUnsupported, "GIF"},
		{"bomb.png", pngHeader(30000, 30000), ErrTooLarge, "30000 x 30000"},
		{"wide.png", pngHeader(30000, 10), ErrTooLarge, "resize it"},
		{"tall.jpg", jpegHeader(t, 16, 30000), ErrTooLarge, "16 x 30000"},
		{"area.jpg", jpegHeader(t, 11000, 10000), ErrTooLarge, "megapixels"},
		{"bomb.webp", webpHeader(30000, 20000), ErrTooLarge, "30000 x 20000"},
		{"zero.png", pngHeader(0, 10), ErrCorrupt, "export the photo again"},
		{"deep.png", pngHeader16(6000, 5000), ErrTooLarge, "8 bits"},
		{"anim.webp", animatedWebP(), ErrUnsupported, "animated"},
	}
	p := newTestProcessor(t, DefaultSettings(), t.TempDir())
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			check := func(what string, err error) {
				t.Helper()
				if err == nil {
					t.Fatalf("%s accepted it", what)
				}
				if !errors.Is(err, tc.kind) {
					t.Errorf("%s: %v; want kind %v", what, err, tc.kind)
				}
				msg := err.Error()
				if !strings.HasPrefix(msg, tc.name+": ") || !strings.Contains(msg, tc.says) {
					t.Errorf("%s: %q; want %q then a message with %q", what, msg, tc.name+": ", tc.says)
				}
			}
			_, err := p.Inspect(tc.name, tc.src)
			check("Inspect", err)
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			set, err := p.Derive(context.Background(), tc.name, tc.src)
			runtime.ReadMemStats(&after)
			check("Derive", err)
			if len(set.Derivatives) != 0 {
				t.Errorf("Derive returned %d derivatives with the error", len(set.Derivatives))
			}
			if errors.Is(err, ErrTooLarge) {
				if grew := after.TotalAlloc - before.TotalAlloc; grew > 1<<20 {
					t.Errorf("refusing a too-large image allocated %d bytes", grew)
				}
			}
		})
	}
	if st := p.Stats(); st.Encodes != 0 || st.Decodes > 4 {
		t.Errorf("stats after refusals: %+v; want no encodes", st)
	}
}

// Images exactly at the limits pass; one pixel over fails.
func TestSizeLimitsAreInclusive(t *testing.T) {
	s := DefaultSettings()
	s.MaxSide, s.MaxPixels = 50, 50*40
	p := newTestProcessor(t, s, "")
	if _, err := p.Inspect("ok.png", pngHeader(50, 40)); err != nil {
		t.Errorf("50x40 at the limits: %v", err)
	}
	for _, size := range [][2]int{{51, 10}, {10, 51}, {50, 41}} {
		if _, err := p.Inspect("big.png", pngHeader(size[0], size[1])); !errors.Is(err, ErrTooLarge) {
			t.Errorf("%dx%d: %v, want too large", size[0], size[1], err)
		}
	}
}

// pngHeader16 is pngHeader for a 16-bit RGBA image.
func pngHeader16(w, h int) []byte {
	b := pngHeader(w, h)
	ihdr := b[16:29]
	ihdr[8], ihdr[9] = 16, 6
	binary.BigEndian.PutUint32(b[29:], crc32.ChecksumIEEE(b[12:29]))
	return b
}

// animatedWebP is a small WebP whose VP8X header has the animation flag.
func animatedWebP() []byte {
	b := webpHeader(30, 20)
	b[20] |= 0x02
	return b
}

// withThumbnail adds an APP1 segment holding a small JPEG, end marker and
// all, as phones embed a thumbnail in their EXIF block.
func withThumbnail(t testing.TB, jpg []byte) []byte {
	thumb := jpegBytes(t, photo(16, 12, 4))
	return withJPEGSegments(jpg, jpegSegment(0xE1, append(append([]byte("Exif\x00\x00"), exifTIFF(1)...), thumb...)))
}
