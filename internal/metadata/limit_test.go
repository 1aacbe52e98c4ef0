package metadata

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"runtime"
	"strings"
	"testing"

	mt "github.com/alaqsa-ira/site/internal/metadata/metadatatest"
)

// TestScanStopsAtTheInflateLimit: object streams that inflate past the
// limit are read up to it, and the report says the PDF is refused: it
// could not be read whole. (A small limit here: MaxInflate works the same
// way.)
func TestScanStopsAtTheInflateLimit(t *testing.T) {
	const limit = 1 << 20
	var z bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&z, zlib.BestSpeed)
	zw.Write(make([]byte, 2*limit))
	zw.Close()
	one := fmt.Sprintf("1 0 obj\n<< /Type /ObjStm /Filter /FlateDecode >>\nstream\n%s\nendstream\nendobj\n", z.Bytes())
	part := fmt.Sprintf("3 0 obj\n<< /Type /ObjStm /Filter /FlateDecode >>\nstream\n%s\nendstream\nendobj\n", deflate(strings.Repeat(" ", limit*2/5)))
	small := fmt.Sprintf("2 0 obj\n<< /Type /ObjStm /Filter /FlateDecode >>\nstream\n%s\nendstream\nendobj\n", deflate("5 0 << /Author (J) >>"))
	for name, pdf := range map[string]string{
		"one stream too large": "%PDF-1.5\n" + one,
		"the sum too large":    "%PDF-1.5\n" + small + strings.Repeat(part, 3),
	} {
		r := scan([]byte(pdf), limit)
		if !strings.Contains(r.Refused, "decompress to more than 1 MB") {
			t.Errorf("%s: refused = %q", name, r.Refused)
		}
	}
	if r := scan([]byte("%PDF-1.5\n"+small), limit); r.Unreadable != "" || r.Refused != "" || len(r.Personal()) != 1 {
		t.Errorf("a small object stream: %+v", r)
	}
}

func deflate(s string) []byte {
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	zw.Write([]byte(s))
	zw.Close()
	return z.Bytes()
}

// allocated returns the bytes f allocates.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// rawZip returns an archive of one entry of the given compressed bytes,
// which claims the given size once decompressed.
func rawZip(name string, method uint16, raw []byte, size uint64) []byte {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, _ := zw.CreateRaw(&zip.FileHeader{Name: name, Method: method, CompressedSize64: uint64(len(raw)), UncompressedSize64: size})
	w.Write(raw)
	zw.Close()
	return b.Bytes()
}

func rawDeflate(data []byte) []byte {
	var b bytes.Buffer
	fw, _ := flate.NewWriter(&b, flate.BestSpeed)
	fw.Write(data)
	fw.Close()
	return b.Bytes()
}

// overlapping returns an archive whose directory lists n entries, all of
// them the one entry of zip: each reads the same bytes, as the entries of
// a non-recursive zip bomb do.
func overlapping(archive []byte, n int) []byte {
	end := len(archive) - 22
	size, off := binary.LittleEndian.Uint32(archive[end+12:]), binary.LittleEndian.Uint32(archive[end+16:])
	rec := archive[off : off+size]
	out := append([]byte{}, archive[:off]...)
	for range n {
		out = append(out, rec...)
	}
	eocd := append([]byte{}, archive[end:]...)
	binary.LittleEndian.PutUint16(eocd[8:], uint16(n))
	binary.LittleEndian.PutUint16(eocd[10:], uint16(n))
	binary.LittleEndian.PutUint32(eocd[12:], uint32(n*len(rec)))
	return append(out, eocd...)
}

// many returns an archive of n empty entries.
func many(n int) []byte {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for i := range n {
		zw.CreateHeader(&zip.FileHeader{Name: fmt.Sprintf("f%d.xml", i), Method: zip.Store})
	}
	zw.Close()
	return b.Bytes()
}

// nested returns a JPEG with GPS in archives depth deep.
func nested(depth int) []byte {
	data := mt.JPEGWithGPS()
	for range depth {
		data = mt.Zip(mt.File{Name: "inner.zip", Data: data})
	}
	return data
}

// TestScanRefusesZipBombsWithoutReadingThem: an archive that claims to
// unpack to more than MaxInflate, whose entries overlap, that lists too
// many entries or nests archives too deep is refused before its entries
// are decompressed, and the scan allocates little whatever it claims.
func TestScanRefusesZipBombsWithoutReadingThem(t *testing.T) {
	zeros := make([]byte, 40<<20)
	photo := mt.JPEGWithGPS()
	for _, tt := range []struct {
		name, want string
		data       []byte
		most       uint64 // bytes the scan may allocate
	}{
		{"40 MB of zeros", "unpacks to more than 32 MB", rawZip("word/document.xml", zip.Deflate, rawDeflate(zeros), uint64(len(zeros))), 1 << 20},
		{"claims a terabyte", "unpacks to more than 32 MB", rawZip("a.xml", zip.Deflate, rawDeflate(make([]byte, 1024)), 1<<40), 1 << 20},
		{"lies about its size", "damaged", rawZip("a.xml", zip.Deflate, rawDeflate(zeros), 1000), 1 << 20},
		{"overlapping entries", "overlap", overlapping(mt.Zip(mt.File{Name: "a.jpg", Data: append(photo, make([]byte, 1<<20)...), Stored: true}), 4000), 4 << 20},
		{"overlapping small entries", "overlap", overlapping(mt.Zip(mt.File{Name: "a.jpg", Data: append(photo, make([]byte, 100<<10)...)}), 4000), 4 << 20},
		{"5000 entries", "holds 5000 files", many(5000), 4 << 20},
		{"a directory of 30000 entries", "list of files is over", many(30000), 8 << 20},
		{"archives in archives", "inside files more than 4 deep", nested(6), 1 << 20},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var r Report
			if n := allocated(func() { r = Scan(tt.data) }); n > tt.most {
				t.Errorf("the scan allocated %d KB", n>>10)
			}
			if !strings.Contains(r.Refused, tt.want) {
				t.Errorf("refused = %q, want it to say %q", r.Refused, tt.want)
			}
		})
	}
	if r := Scan(nested(3)); r.Refused != "" || len(r.Personal()) == 0 || r.Findings[0].Where != "inner.zip in inner.zip in inner.zip" {
		t.Errorf("archives 3 deep: %+v", r)
	}
}

// TestScanOfHostilePDFsEnds: structures built to exhaust a reader (deep
// nesting, objects that never close, streams by the hundred thousand,
// JPEG markers by the million) are read in time linear in their size,
// without exhausting the stack, and say they were not read whole where
// that is so.
func TestScanOfHostilePDFsEnds(t *testing.T) {
	content := deflate("q " + strings.Repeat("\xFF\xD8\xFF\xE1\x00\x10", 1<<20) + " Q")
	for name, pdf := range map[string]string{
		"deep arrays":       "%PDF-1.7\n1 0 obj\n" + strings.Repeat("[", 1<<20) + "\nendobj\n",
		"deep dictionaries": "%PDF-1.7\n1 0 obj\n" + strings.Repeat("<</Kids ", 1<<19) + "\nendobj\n",
		"unclosed objects":  "%PDF-1.7\n" + strings.Repeat("1 0 obj << /Type /Page /Kids [ ", 1<<16),
		"many streams":      "%PDF-1.7\n" + strings.Repeat("1 0 obj << >> stream\nx\nendstream endobj\n", 70000),
		"many inline JPEGs": fmt.Sprintf("%%PDF-1.7\n1 0 obj << /Length %d /Filter /FlateDecode >> stream\n%s\nendstream endobj\n", len(content), content),
		"references in loops": "%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj 2 0 obj << /Type /Pages /Kids [2 0 R 3 0 R] >> endobj " +
			"3 0 obj << /Type /Pages /Kids [2 0 R] /Resources << /XObject << /A 4 0 R >> >> >> endobj 4 0 obj << /Subtype /Form /Resources << /XObject << /B 4 0 R >> >> >> endobj\n",
	} {
		r := Scan([]byte(pdf))
		if r.Format != "PDF" {
			t.Errorf("%s: %+v", name, r)
		}
		if name == "many streams" && !strings.Contains(r.Unreadable, "too many streams") {
			t.Errorf("%s: unreadable = %q", name, r.Unreadable)
		}
	}
}
