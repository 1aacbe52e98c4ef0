package metadata

import "github.com/alaqsa-ira/site/internal/imagefile"

// ico reads the pictures of an icon (favicon.ico): those stored as PNG
// may carry a PNG's metadata.
func (s *scanner) ico(b []byte) {
	n := le16(b, 4)
	read := 0 // bytes scanned: no more than the file's, however the entries overlap
	for k := range n {
		e := 6 + 16*k
		if e+16 > len(b) {
			return
		}
		size, off := le32(b, e+8), le32(b, e+12)
		if off < 0 || off >= len(b) {
			continue
		}
		pic := b[off:min(len(b), off+max(size, 0))]
		if read += len(pic); read > len(b) {
			return
		}
		if imagefile.IsPNG(pic) {
			s.png(pic)
		}
	}
}
