package imagefile

import (
	"bytes"
	"encoding/binary"
)

// A TIFF is a TIFF structure: a TIFF file, or the EXIF block of a photo.
// It begins with a header (byte order, magic number, the offset of the
// first directory); each directory (IFD) is a count, entries of 12 bytes
// and the offset of the next directory, and entries may point to
// directories of their own (EXIF's, GPS's). Offsets count from the
// header.
type TIFF struct {
	b  []byte
	le bool // little-endian ("II")
}

// ParseTIFF reads the header of the TIFF structure in b, and reports
// whether b has one.
func ParseTIFF(b []byte) (TIFF, bool) {
	if len(b) < 8 || !IsTIFF(b) {
		return TIFF{}, false
	}
	return TIFF{b: b, le: b[0] == 'I'}, true
}

// ParseEXIF is ParseTIFF for an EXIF block, which may begin with "Exif"
// and two NULs (as in a JPEG's APP1 segment, and in WebPs that copied
// it).
func ParseEXIF(b []byte) (TIFF, bool) {
	return ParseTIFF(bytes.TrimPrefix(b, []byte("Exif\x00\x00")))
}

// An Entry is one entry of a directory.
type Entry struct {
	Tag   int
	Type  int // the type of its values: 3 SHORT, 4 LONG...
	Count int // how many values it has
	// Value is its value field read as a LONG: the value of one LONG,
	// or the offset of its values when they take more than 4 bytes, or
	// of the directory it points to.
	Value int
	// Short is the first two bytes of its value field read as a SHORT:
	// the value of one SHORT.
	Short int
}

// First returns the offset of the first directory (IFD0).
func (t TIFF) First() int { return t.u32(4) }

// Directory calls fn with each entry of the directory at off, and returns
// the offset of the next directory, or 0 when there is none. An offset
// inside the header or past the end gives no entries and 0. A directory
// cut short by the end of the bytes gives the entries that are whole, and
// the next offset is read from the 4 bytes after them, if there are 4: a
// scan for metadata goes on reading what it can.
func (t TIFF) Directory(off int, fn func(Entry)) (next int) {
	n := t.entries(off)
	if n < 0 {
		return 0
	}
	for i := range n {
		fn(t.entry(off + 2 + 12*i))
	}
	return t.u32(off + 2 + 12*n)
}

// Find returns the first entry of the directory at off with the tag, and
// whether there is one.
func (t TIFF) Find(off, tag int) (Entry, bool) {
	for i := range t.entries(off) {
		if e := off + 2 + 12*i; t.u16(e) == tag {
			return t.entry(e), true
		}
	}
	return Entry{}, false
}

// entries returns how many whole entries the directory at off has, or -1
// when off is inside the header or past the end.
func (t TIFF) entries(off int) int {
	if off < 8 || off+2 > len(t.b) {
		return -1
	}
	return min(t.u16(off), (len(t.b)-off-2)/12)
}

// entry reads the entry at e.
func (t TIFF) entry(e int) Entry {
	return Entry{Tag: t.u16(e), Type: t.u16(e + 2), Count: t.u32(e + 4), Value: t.u32(e + 8), Short: t.u16(e + 8)}
}

// maxDirectories is how many directories of a chain Directories reads.
const maxDirectories = 64

// Directories calls fn with each entry of each directory in the chain
// that begins at the first (IFD0, then the thumbnail's IFD1, and the
// pages of a TIFF file), each directory once, and at most maxDirectories
// of them.
func (t TIFF) Directories(fn func(Entry)) {
	var seen [maxDirectories]int
	off := t.First()
	for k := range maxDirectories {
		for _, s := range seen[:k] {
			if s == off {
				return // a loop
			}
		}
		if off == 0 {
			return
		}
		seen[k] = off
		off = t.Directory(off, fn)
	}
}

// u16 and u32 read integers in the structure's byte order, or 0 past the
// end.
func (t TIFF) u16(i int) int {
	if i < 0 || i+2 > len(t.b) {
		return 0
	}
	if t.le {
		return int(binary.LittleEndian.Uint16(t.b[i:]))
	}
	return int(binary.BigEndian.Uint16(t.b[i:]))
}

func (t TIFF) u32(i int) int {
	if i < 0 || i+4 > len(t.b) {
		return 0
	}
	if t.le {
		return int(binary.LittleEndian.Uint32(t.b[i:]))
	}
	return int(binary.BigEndian.Uint32(t.b[i:]))
}
