package imagefile

import (
	"bytes"
	"encoding/binary"
	"slices"
	"testing"
)

// at returns where d lies in b, or -1 if it is not a part of b's bytes
// (d = b[i:j] has cap(b)-i).
func at(b, d []byte) int {
	i := cap(b) - cap(d)
	if i < 0 || i+len(d) > len(b) || len(d) > 0 && &b[i] != &d[0] {
		return -1
	}
	return i
}

// parts checks the parts a walk gave: each lies in b after the one before,
// and only the last may be cut short, its data then running to the end of
// b, or to fewer than crc bytes before it (a PNG chunk's CRC).
func parts(t *testing.T, what string, b []byte, datas [][]byte, cut []bool, crc int) {
	t.Helper()
	end := 0
	for k, d := range datas {
		i := at(b, d)
		if i < end {
			t.Fatalf("%s %d is not in the file after the one before (at %d, the last ended at %d)", what, k, i, end)
		}
		end = i + len(d)
		if cut[k] && k != len(datas)-1 {
			t.Fatalf("%s %d is cut short but not the last", what, k)
		}
		if cut[k] && (end > len(b) || len(b)-end > max(crc-1, 0)) {
			t.Fatalf("%s %d is cut short but does not run to the end", what, k)
		}
	}
}

// FuzzWalks walks any bytes as a JPEG, a PNG, a WebP and a TIFF
// structure (the seeds begin as each does): no walk panics, each gives
// parts of the bytes in order, only the last of them cut short, and what
// it says of the file's end agrees with the parts it gave.
func FuzzWalks(f *testing.F) {
	for _, b := range [][]byte{
		jpegFile(seg(APP1, "Exif\x00\x00MM\x00*\x00\x00\x00\x08"), seg(APP2, "ICC_PROFILE\x00\x01\x01icc"), []byte{0xFF, 0xFF, 0xFF, 0xD0}, seg(COM, "c")),
		append(jpegFile(seg(COM, "first")), jpegFile(seg(APP13, "Photoshop 3.0\x00"))...),
		realJPEG(f),
		pngFile(pngChunk("IHDR", "0123456789abc"), pngChunk("eXIf", "II*\x00\x08\x00\x00\x00"), pngChunk("iCCP", "p\x00\x00x"), pngChunk("IEND", "")),
		realPNG(f),
		webpFile([2]string{"VP8X", "\x08\x00\x00\x00\x01\x00\x00\x01\x00\x00"}, [2]string{"ICCP", "odd"}, [2]string{"EXIF", "Exif\x00\x00MM\x00*\x00\x00\x00\x08"}),
		tiffFile(binary.LittleEndian, 8, []entry{{0x0112, 3, 1, 6}, {0x8769, 4, 1, 8}}, []entry{{0x8825, 4, 1, 26}}),
		tiffFile(binary.BigEndian, 0, []entry{{0x0112, 3, 1, 3}}),
	} {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		walkJPEG(t, b)
		walkPNG(t, b)
		walkRIFF(t, b)
		walkTIFF(t, b)
	})
}

func walkJPEG(t *testing.T, b []byte) {
	var datas [][]byte
	var cut []bool
	scan := JPEGSegments(b, func(s Segment) {
		datas, cut = append(datas, s.Data), append(cut, s.Cut)
		if i := at(b, s.Data); i < 4 || b[i-4] != 0xFF || b[i-3] != s.Marker {
			t.Fatalf("segment %02X at %d does not follow its marker", s.Marker, i)
		}
	})
	parts(t, "segment", b, datas, cut, 0)
	if scan != JPEGSegments(b, nil) {
		t.Fatal("the walk ends elsewhere without a function")
	}
	if scan != -1 && (scan < 2 || b[scan] != 0xFF || b[scan+1] != sos || len(cut) > 0 && cut[len(cut)-1]) {
		t.Fatalf("scan at %d", scan)
	}
	if JPEGComplete(b) && scan < 0 {
		t.Fatal("complete without a scan")
	}
	if scan >= 0 {
		if next := NextJPEG(b, scan); next != nil && (!IsJPEG(next) || at(b, next) <= scan) {
			t.Fatalf("the next image is not a JPEG after the first's scan")
		}
	}
}

func walkPNG(t *testing.T, b []byte) {
	var datas [][]byte
	var cut []bool
	var last Chunk
	complete := PNGChunks(b, func(c Chunk) {
		if string(last.Type[:]) == "IEND" {
			t.Fatal("a chunk after IEND")
		}
		datas, cut, last = append(datas, c.Data), append(cut, c.Cut), c
	})
	parts(t, "chunk", b, datas, cut, 4)
	if complete != (string(last.Type[:]) == "IEND" && !last.Cut) || complete != PNGComplete(b) {
		t.Fatalf("complete %v, the last chunk %q (cut %v)", complete, last.Type, last.Cut)
	}
}

func walkRIFF(t *testing.T, b []byte) {
	var datas [][]byte
	var cut []bool
	RIFFChunks(b, func(c Chunk) { datas, cut = append(datas, c.Data), append(cut, c.Cut) })
	parts(t, "chunk", b, datas, cut, 0)
	if WebPAnimated(b) && !bytes.Equal(b[12:16], []byte("VP8X")) {
		t.Fatal("animated without VP8X")
	}
	_ = WebPComplete(b)
}

func walkTIFF(t *testing.T, b []byte) {
	for _, parse := range []func([]byte) (TIFF, bool){ParseTIFF, ParseEXIF} {
		tf, ok := parse(b)
		n := 0
		tf.Directories(func(e Entry) {
			n++
			tf.Directory(e.Value, func(Entry) { n++ }) // as if it pointed to a directory
		})
		var first []Entry
		tf.Directory(tf.First(), func(e Entry) { first = append(first, e) })
		for _, e := range first[:min(len(first), 64)] {
			want := first[slices.IndexFunc(first, func(x Entry) bool { return x.Tag == e.Tag })]
			if got, ok := tf.Find(tf.First(), e.Tag); !ok || got != want {
				t.Fatalf("Find(%#x) = %+v, %v; the first entry of the tag is %+v", e.Tag, got, ok, want)
			}
		}
		if !ok && n > 0 {
			t.Fatal("entries in what is not a TIFF")
		}
		if limit := (maxDirectories + 1) * (len(b)/12 + 1) * (len(b)/12 + 1); n > limit {
			t.Fatalf("%d entries in %d bytes", n, len(b))
		}
	}
}
