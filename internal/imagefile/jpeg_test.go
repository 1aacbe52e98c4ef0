package imagefile

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// segments lists the segments a walk gives, as "E1:data", with "cut"
// after one cut short, and where the walk ended.
func segments(b []byte) (string, int) {
	var out []string
	scan := JPEGSegments(b, func(s Segment) {
		d := fmt.Sprintf("%02X:%s", s.Marker, s.Data)
		if s.Cut {
			d += " cut"
		}
		out = append(out, d)
	})
	return strings.Join(out, " "), scan
}

func TestJPEGSegmentsAreGivenInOrderUpToTheFirstScan(t *testing.T) {
	b := jpegFile(seg(APP0, "JFIF\x00"), seg(APP1, "Exif\x00\x00MM"), []byte{0xFF, 0xFF}, seg(COM, "hi"), seg(SOF0, "\x08\x00\x02\x00\x03\x01\x01\x11\x00"))
	got, scan := segments(b)
	if want := "E0:JFIF\x00 E1:Exif\x00\x00MM FE:hi C0:\x08\x00\x02\x00\x03\x01\x01\x11\x00"; got != want {
		t.Errorf("segments %q, want %q", got, want)
	}
	if scan < 0 || b[scan] != 0xFF || b[scan+1] != 0xDA {
		t.Fatalf("scan at %d, not at the start-of-scan marker", scan)
	}
	if !bytes.Equal(b[scan-len(seg(SOF0, "\x08\x00\x02\x00\x03\x01\x01\x11\x00")):scan], seg(SOF0, "\x08\x00\x02\x00\x03\x01\x01\x11\x00")) {
		t.Errorf("the frame header does not end where the scan begins")
	}
}

func TestJPEGSegmentsSkipMarkersWithoutALength(t *testing.T) {
	// A second SOI, TEM and a restart marker have no length: the segment
	// after them is read, not their next two bytes as a length.
	b := jpegFile([]byte{0xFF, 0xD8, 0xFF, 0x01, 0xFF, 0xD3}, seg(COM, "after"))
	if got, scan := segments(b); got != "FE:after" || scan < 0 {
		t.Errorf("segments %q, scan %d", got, scan)
	}
}

func TestJPEGSegmentsGiveWhatThereIsOfOneCutShort(t *testing.T) {
	b := append([]byte{0xFF, 0xD8}, seg(COM, "first")...)
	b = append(b, seg(APP1, "Exif\x00\x00MM\x00*")[:10]...)
	got, scan := segments(b)
	if want := "FE:first E1:Exif\x00\x00 cut"; got != want || scan != -1 {
		t.Errorf("segments %q and scan %d, want %q and -1", got, scan, want)
	}
}

func TestJPEGSegmentsStopAtDamage(t *testing.T) {
	for name, b := range map[string][]byte{
		"a byte that is not a marker": append(append([]byte{0xFF, 0xD8}, seg(COM, "a")...), "x\xFF\xFE\x00\x03b"...),
		"a length under 2":            append(append([]byte{0xFF, 0xD8}, seg(COM, "a")...), 0xFF, 0xFE, 0x00, 0x01, 'b', 'c'),
		"an end before the scan":      append(append([]byte{0xFF, 0xD8}, seg(COM, "a")...), 0xFF, 0xD9, 0xFF, 0xFE, 0x00, 0x03, 'b'),
	} {
		if got, scan := segments(b); got != "FE:a" || scan != -1 {
			t.Errorf("%s: segments %q, scan %d; want FE:a and -1", name, got, scan)
		}
	}
}

func TestJPEGIsCompleteWithAnEndAfterItsScan(t *testing.T) {
	whole := jpegFile(seg(APP1, "Exif\x00\x00 a thumbnail \xFF\xD8\xFF\xD9"))
	if !JPEGComplete(whole) {
		t.Error("a whole JPEG is not complete")
	}
	if !JPEGComplete(realJPEG(t)) {
		t.Error("a JPEG image/jpeg wrote is not complete")
	}
	// Cut in its image data: the thumbnail's end marker does not count.
	if cut := whole[:len(whole)-2]; JPEGComplete(cut) {
		t.Error("a JPEG without its end marker is complete")
	}
	if JPEGComplete(whole[:20]) {
		t.Error("a JPEG cut in its segments is complete")
	}
}

func TestNextJPEGFindsTheImagesAppendedToAPhoto(t *testing.T) {
	first := jpegFile(seg(COM, "first"))
	second := jpegFile(seg(COM, "second"))
	b := append(append(append([]byte{}, first...), "padding"...), second...)
	scan := JPEGSegments(b, nil)
	next := NextJPEG(b, scan)
	if !bytes.Equal(next, second) {
		t.Fatalf("next image %q, want %q", next, second)
	}
	if got, _ := segments(next); got != "FE:second" {
		t.Errorf("its segments: %q", got)
	}
	if last := NextJPEG(next, JPEGSegments(next, nil)); last != nil {
		t.Errorf("after the last image: %q", last)
	}
}

func TestFormatsAreKnownByTheirFirstBytes(t *testing.T) {
	is := map[string]func([]byte) bool{"JPEG": IsJPEG, "PNG": IsPNG, "WebP": IsWebP, "TIFF": IsTIFF}
	for _, c := range []struct {
		format string
		b      []byte
	}{
		{"JPEG", realJPEG(t)},
		{"PNG", realPNG(t)},
		{"WebP", webpFile([2]string{"VP8L", "x"})},
		{"TIFF", []byte("II*\x00")},
		{"TIFF", []byte("MM\x00*")},
	} {
		for format, f := range is {
			if got := f(c.b); got != (format == c.format) {
				t.Errorf("Is%s(a %s file) = %v", format, c.format, got)
			}
		}
	}
	for _, b := range [][]byte{nil, []byte("\xFF\xD8"), []byte("\x89PNG"), []byte("RIFF\x00\x00\x00\x00WAVE"), []byte("GIF89a"), []byte("II+\x00")} {
		for format, f := range is {
			if f(b) {
				t.Errorf("Is%s(%q) = true", format, b)
			}
		}
	}
}
