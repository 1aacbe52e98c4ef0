package imagefile

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/jpeg"
	"image/png"
	"testing"
)

// seg is a JPEG marker segment.
func seg(marker byte, data string) []byte {
	s := []byte{0xFF, marker}
	s = binary.BigEndian.AppendUint16(s, uint16(len(data)+2))
	return append(s, data...)
}

// jpegFile is a JPEG's start, the given segments, and a scan with its end.
func jpegFile(segs ...[]byte) []byte {
	b := []byte{0xFF, 0xD8}
	for _, s := range segs {
		b = append(b, s...)
	}
	b = append(b, seg(0xDA, "\x01\x01\x00\x00\x3f\x00")...)
	return append(b, "\x12\x34\xFF\x00\x56\xFF\xD9"...)
}

// realJPEG and realPNG are files the standard encoders wrote.
func realJPEG(t testing.TB) []byte {
	var b bytes.Buffer
	if err := jpeg.Encode(&b, image.NewGray(image.Rect(0, 0, 16, 8)), nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func realPNG(t testing.TB) []byte {
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewNRGBA(image.Rect(0, 0, 3, 2))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// pngChunk is a PNG chunk with its CRC.
func pngChunk(typ, data string) []byte {
	c := binary.BigEndian.AppendUint32(nil, uint32(len(data)))
	c = append(c, typ...)
	c = append(c, data...)
	return binary.BigEndian.AppendUint32(c, crc32.ChecksumIEEE([]byte(typ+data)))
}

// pngFile is a PNG signature and the given chunks.
func pngFile(chunks ...[]byte) []byte {
	b := []byte("\x89PNG\r\n\x1a\n")
	for _, c := range chunks {
		b = append(b, c...)
	}
	return b
}

// webpFile is a RIFF header of form WEBP, with the size of what follows,
// and the given chunks, each padded to an even size.
func webpFile(chunks ...[2]string) []byte {
	b := []byte("RIFF\x00\x00\x00\x00WEBP")
	for _, c := range chunks {
		b = append(b, c[0]...)
		b = binary.LittleEndian.AppendUint32(b, uint32(len(c[1])))
		b = append(b, c[1]...)
		if len(c[1])%2 == 1 {
			b = append(b, 0)
		}
	}
	binary.LittleEndian.PutUint32(b[4:], uint32(len(b)-8))
	return b
}

// byteOrder reads and appends integers.
type byteOrder interface {
	binary.ByteOrder
	binary.AppendByteOrder
}

// entry is a directory entry to write: tag, type, count, value field.
type entry struct{ tag, typ, count, value int }

// tiffFile writes a TIFF structure in the byte order: its header, then
// each directory in turn at the offset it lands on, each pointing to the
// next (the last to 0), or to loopTo when that is not 0.
func tiffFile(order byteOrder, loopTo int, dirs ...[]entry) []byte {
	b := []byte("II*\x00")
	if order == byteOrder(binary.BigEndian) {
		b = []byte("MM\x00*")
	}
	b = order.AppendUint32(b, 8)
	for k, d := range dirs {
		b = order.AppendUint16(b, uint16(len(d)))
		for _, e := range d {
			b = order.AppendUint16(b, uint16(e.tag))
			b = order.AppendUint16(b, uint16(e.typ))
			b = order.AppendUint32(b, uint32(e.count))
			if e.typ == 3 && e.count == 1 { // a SHORT is stored first in the field
				b = order.AppendUint16(b, uint16(e.value))
				b = order.AppendUint16(b, 0)
			} else {
				b = order.AppendUint32(b, uint32(e.value))
			}
		}
		next := 0
		if k+1 < len(dirs) {
			next = len(b) + 4
		} else if loopTo != 0 {
			next = loopTo
		}
		b = order.AppendUint32(b, uint32(next))
	}
	return b
}
