package imagefile

import "encoding/binary"

// RIFFChunks calls fn with each chunk of the RIFF file in b (a WebP,
// which IsWebP), from the first after the RIFF header to the end of b,
// whatever size that header gives, or to the first that runs past the end
// (given Cut). In a WebP, the chunks are the bitstream ("VP8 " lossy,
// "VP8L" lossless), the extended header ("VP8X") and what it announces:
// "ALPH", "ICCP", "EXIF", "XMP ", "ANIM" and "ANMF".
func RIFFChunks(b []byte, fn func(Chunk)) {
	for i := 12; i+8 <= len(b); {
		n := uint64(binary.LittleEndian.Uint32(b[i+4:]))
		c := Chunk{Type: [4]byte(b[i : i+4])}
		if rest := len(b) - i - 8; n <= uint64(rest) {
			c.Data = b[i+8 : i+8+int(n)]
		} else {
			c.Data, c.Cut = b[i+8:], true
		}
		fn(c)
		if c.Cut {
			return
		}
		i += 8 + int(n) + int(n&1) // data of odd size is padded
	}
}

// WebPComplete reports whether b holds all the bytes its RIFF header
// announces: a copy cut short does not.
func WebPComplete(b []byte) bool {
	return len(b) >= 8 && uint64(binary.LittleEndian.Uint32(b[4:]))+8 <= uint64(len(b))
}

// WebPAnimated reports whether a WebP begins with an extended header
// (VP8X) whose animation flag is set.
func WebPAnimated(b []byte) bool {
	return len(b) >= 21 && string(b[12:16]) == "VP8X" && b[20]&0x02 != 0
}
