package metadata_test

import (
	"slices"
	"testing"

	"github.com/alaqsa-ira/site/internal/hangtest"
	"github.com/alaqsa-ira/site/internal/metadata"
	mt "github.com/alaqsa-ira/site/internal/metadata/metadatatest"
)

// FuzzScan scans any bytes with every parser (the seeds begin each
// format): Scan finishes without a panic, gives the same report twice, and
// reports findings only for a format it recognised.
func FuzzScan(f *testing.F) {
	for _, s := range [][]byte{
		mt.JPEGWithGPS(), mt.PNG([2]string{"eXIf", string(mt.TIFFHeader(true))}, [2]string{"iTXt", "XML:com.adobe.xmp\x00\x00\x00\x00\x00x"}),
		mt.WebP([2]string{"EXIF", string(mt.TIFFHeader(true))}, [2]string{"XMP ", "x"}), mt.GIF(mt.GIFComment("c"), mt.GIFXMP()),
		mt.TIFF(true), mt.HEIF(true, true), mt.MP4(), mt.JPEGWithAppended(), mt.ICO(mt.PNG()), mt.PDF(map[string]string{"Author": "(J\\(a\\)ne)", "Creator": "<FEFF0041>"}, false),
		mt.PDF(map[string]string{"Author": "(J)"}, true), []byte("%PDF-1.4\n/Au#74hor (\\101) /Encrypt stream\n"),
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var r, again metadata.Report
		hangtest.Run(t, "scanning a file's metadata", func() {
			r = metadata.Scan(data)
			again = metadata.Scan(data)
		})
		if r.Format != again.Format || r.Unreadable != again.Unreadable || !slices.Equal(r.Findings, again.Findings) {
			t.Fatalf("two scans differ: %+v and %+v", r, again)
		}
		if r.Format == "" && (len(r.Findings) > 0 || r.Unreadable != "") {
			t.Fatalf("findings in a file of no known format: %+v", r)
		}
		for _, p := range r.Personal() {
			if !p.Personal {
				t.Fatalf("Personal returned %+v", p)
			}
		}
	})
}
