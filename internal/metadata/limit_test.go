package metadata

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"strings"
	"testing"
)

// TestScanStopsAtTheInflateLimit: object streams that inflate past the
// limit are read up to it, and the report says the PDF could not be read
// whole. (A small limit here: MaxInflate works the same way.)
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
		if !strings.Contains(r.Unreadable, "too large") {
			t.Errorf("%s: unreadable = %q", name, r.Unreadable)
		}
	}
	if r := scan([]byte("%PDF-1.5\n"+small), limit); r.Unreadable != "" || len(r.Personal()) != 1 {
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
