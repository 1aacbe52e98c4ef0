package imaging

import (
	"encoding/binary"
	"testing"
)

// webpWithChunks appends RIFF chunks to a WebP and sets its RIFF size.
func webpWithChunks(webp []byte, chunks ...[2]string) []byte {
	out := append([]byte{}, webp...)
	for _, c := range chunks {
		out = append(out, c[0]...)
		out = binary.LittleEndian.AppendUint32(out, uint32(len(c[1])))
		out = append(out, c[1]...)
		if len(c[1])%2 == 1 {
			out = append(out, 0)
		}
	}
	binary.LittleEndian.PutUint32(out[4:], uint32(len(out)-8))
	return out
}

// headerSources are a photo of each format with what phones and editors
// put in its header: EXIF with an orientation and GPS, an ICC profile (in
// three APP2 segments in the JPEG), a comment.
func headerSources(b testing.TB) map[string][]byte {
	jpg := withJPEGSegments(jpegBytes(b, photo(640, 480, 3)), jpegSegment(0xFE, []byte("a comment")), jpegExif(exifTIFF(6)))
	jpg = withJPEGSegments(jpg, jpegICC(displayP3(), 200)...)
	png := withPNGChunks(pngBytes(b, photo(64, 48, 4)), pngChunk("eXIf", exifTIFF(8)), pngChunk("iCCP", append([]byte("p\x00\x00"), deflate(b, adobeRGB())...)))
	webp := webpWithChunks(webpHeader(640, 480), [2]string{"ICCP", string(displayP3())}, [2]string{"EXIF", "Exif\x00\x00" + string(exifTIFF(3))})
	return map[string][]byte{"a.jpg": jpg, "a.png": png, "a.webp": webp}
}

// BenchmarkHeader reads a photo's header as Inspect does before any
// decoding: the format, size, orientation, colour profile and memory
// model. Its speed is the container walks', besides the decoders'
// DecodeConfig.
func BenchmarkHeader(b *testing.B) {
	s := DefaultSettings()
	for name, src := range headerSources(b) {
		b.Run(name, func(b *testing.B) {
			if _, err := inspect(name, src, s); err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				inspect(name, src, s)
			}
		})
	}
}

// BenchmarkMeta finds the orientation and colour profile of a photo of
// each format.
func BenchmarkMeta(b *testing.B) {
	for name, src := range headerSources(b) {
		format := sniff(src)
		b.Run(name, func(b *testing.B) {
			if m := scanMeta(format, src); m.orientation == 1 || m.icc == nil {
				b.Fatalf("%s: orientation %d, %d bytes of profile", name, m.orientation, len(m.icc))
			}
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				scanMeta(format, src)
			}
		})
	}
}
