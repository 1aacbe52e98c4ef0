package imagefile

import "encoding/binary"

// PNGChunks calls fn, if not nil, with each chunk of the PNG in b (which
// IsPNG), from the first after the signature to IEND, or to the first
// that runs past the end of b (given Cut). It reports whether it reached
// IEND through whole chunks: whether the PNG is complete.
func PNGChunks(b []byte, fn func(Chunk)) (complete bool) {
	i := len(pngSignature)
	for i+8 <= len(b) {
		n := uint64(binary.BigEndian.Uint32(b[i:]))
		c := Chunk{Type: [4]byte(b[i+4 : i+8])}
		rest := len(b) - i - 8 // bytes after the header
		switch {
		case n+4 <= uint64(rest): // data and CRC
			c.Data = b[i+8 : i+8+int(n)]
		case n <= uint64(rest):
			c.Data, c.Cut = b[i+8:i+8+int(n)], true
		default:
			c.Data, c.Cut = b[i+8:], true
		}
		if fn != nil {
			fn(c)
		}
		if c.Cut {
			return false
		}
		if string(c.Type[:]) == "IEND" {
			return true
		}
		i += 12 + int(n)
	}
	return false
}

// PNGComplete reports whether the PNG in b reaches its IEND chunk through
// whole chunks: a copy cut short does not.
func PNGComplete(b []byte) bool { return PNGChunks(b, nil) }
