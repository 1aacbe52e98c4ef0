package metadata_test

import (
	"testing"

	"github.com/alaqsa-ira/site/internal/metadata"
	mt "github.com/alaqsa-ira/site/internal/metadata/metadatatest"
)

// BenchmarkScanImages scans a photo of each image format with EXIF and
// GPS, as the check of the built site scans every file it writes.
func BenchmarkScanImages(b *testing.B) {
	for _, c := range []struct {
		name string
		data []byte
	}{
		{"jpeg", mt.JPEG(mt.Segment{Marker: 0xFE, Data: []byte("a comment")}, mt.Segment{Marker: 0xE2, Data: []byte("ICC_PROFILE\x00\x01\x01")}, mt.Segment{Marker: 0xE1, Data: mt.EXIF(true)})},
		{"jpeg appended", mt.JPEGWithAppended()},
		{"png", mt.PNG([2]string{"tEXt", "Software\x00a program"}, [2]string{"eXIf", string(mt.TIFFHeader(true))})},
		{"webp", mt.WebP([2]string{"ICCP", "profile"}, [2]string{"EXIF", string(mt.EXIF(true))})},
		{"tiff", mt.TIFF(true)},
	} {
		b.Run(c.name, func(b *testing.B) {
			if r := metadata.Scan(c.data); len(r.Personal()) == 0 {
				b.Fatalf("%s: nothing found", c.name)
			}
			b.SetBytes(int64(len(c.data)))
			for b.Loop() {
				metadata.Scan(c.data)
			}
		})
	}
}
