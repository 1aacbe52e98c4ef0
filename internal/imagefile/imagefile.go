// Package imagefile reads the structure of image files: the marker
// segments of a JPEG, the chunks of a PNG and of a WebP (a RIFF file), and
// the directories of a TIFF structure (a TIFF file, or the EXIF block of a
// photo, which is one). It says where the parts of a file are and what
// they are called, not what they mean: the photo pipeline (package
// imaging) reads a photo's orientation, colour profile and memory layout
// from them, the metadata check (package metadata) what they say about
// the people who made the file. The size of an image and its pixels are
// the decoders' job (image/jpeg, image/png, golang.org/x/image/webp).
//
// Each walk calls a function with every part it finds, in the order of
// the file, and stops at the end of the bytes, at the part that ends the
// file (a JPEG's first scan, a PNG's IEND), or at the first sign of
// damage: a length too short, a byte that is not a marker. A part whose
// header is there but whose length runs past the end of the bytes is
// given too, with what there is of it and Cut set, and ends the walk: the
// metadata check reads what a truncated file holds, the photo pipeline
// uses whole parts only. Checksums (a PNG chunk's CRC) are not checked:
// the decoders check what they need, and metadata in a chunk with a bad
// checksum is still there.
//
// Every walk is bounded by the bytes it is given: a length or offset the
// file claims is checked against the bytes there are before it is used,
// nothing is allocated, every step moves forward, and no input makes it
// panic.
package imagefile

import "bytes"

var (
	pngSignature = []byte("\x89PNG\r\n\x1a\n")
	soi          = []byte{0xFF, 0xD8, 0xFF} // a JPEG's start of image and the next marker's first byte
)

// IsJPEG reports whether b begins as a JPEG does.
func IsJPEG(b []byte) bool { return bytes.HasPrefix(b, soi) }

// IsPNG reports whether b begins with the PNG signature.
func IsPNG(b []byte) bool { return bytes.HasPrefix(b, pngSignature) }

// IsWebP reports whether b begins as a WebP does: a RIFF header of form
// "WEBP".
func IsWebP(b []byte) bool {
	return len(b) >= 12 && string(b[:4]) == "RIFF" && string(b[8:12]) == "WEBP"
}

// IsTIFF reports whether b begins with a TIFF header's byte order and
// magic number, "II*\0" (little-endian) or "MM\0*" (big-endian).
func IsTIFF(b []byte) bool {
	return len(b) >= 4 && (string(b[:4]) == "II*\x00" || string(b[:4]) == "MM\x00*")
}

// A Chunk is a chunk of a PNG or of a RIFF file (WebP).
type Chunk struct {
	// Type is its four-character code: "IHDR", "eXIf", "VP8X", "EXIF".
	// Compare it as string(c.Type[:]), which does not allocate.
	Type [4]byte
	// Data is its data, without its header, CRC or padding.
	Data []byte
	// Cut is set when it runs past the end of the bytes (a PNG chunk's
	// data or CRC): Data is then what there is of it.
	Cut bool
}
