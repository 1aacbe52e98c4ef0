// Package phototest makes photos for tests: JPEGs carrying EXIF (an
// orientation and a GPS position, as a phone writes them), PNGs with
// transparency, and the broken files a build must refuse.
package phototest

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
)

// GPSMark is in the GPS data of the JPEGs JPEG makes: a published file
// that holds it leaks where the photo was taken.
const GPSMark = "GPSMARK-31.5N-34.4E"

// Scene draws a w x h picture whose top half is red and bottom half blue
// with a gradient across, so that its orientation and colours can be
// checked after resampling.
func Scene(w, h int) *image.RGBA {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			c := color.RGBA{R: 200, G: uint8(x * 255 / max(w, 1)), B: 30, A: 255}
			if y >= h/2 {
				c = color.RGBA{R: 30, G: uint8(x * 255 / max(w, 1)), B: 200, A: 255}
			}
			m.SetRGBA(x, y, c)
		}
	}
	return m
}

// JPEG encodes a w x h scene as a JPEG with an EXIF block holding the
// orientation (1 to 8; 0 for none) and, when gps is set, a GPS position
// and GPSMark.
func JPEG(w, h, orientation int, gps bool) []byte {
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, Scene(w, h), &jpeg.Options{Quality: 85}); err != nil {
		panic(err)
	}
	data := buf.Bytes()
	if orientation == 0 && !gps {
		return data
	}
	exif := exifBlock(orientation, gps)
	seg := []byte{0xFF, 0xE1, 0, 0}
	binary.BigEndian.PutUint16(seg[2:], uint16(len(exif)+2))
	out := append([]byte{}, data[:2]...) // SOI
	out = append(out, seg...)
	out = append(out, exif...)
	return append(out, data[2:]...)
}

// exifBlock is an APP1 EXIF payload: IFD0 with the orientation and a
// pointer to a GPS IFD holding the latitude reference and GPSMark.
func exifBlock(orientation int, gps bool) []byte {
	be := binary.BigEndian
	var t []byte
	t = append(t, "MM\x00\x2a"...)
	t = be.AppendUint32(t, 8)
	type entry struct {
		tag, typ uint16
		count    uint32
		value    uint32
	}
	var ifd0 []entry
	if orientation > 0 {
		ifd0 = append(ifd0, entry{0x0112, 3, 1, uint32(orientation) << 16})
	}
	gpsAt := uint32(8 + 2 + 12*(len(ifd0)+1) + 4)
	if gps {
		ifd0 = append(ifd0, entry{0x8825, 4, 1, 0}) // set below
		gpsAt = uint32(8 + 2 + 12*len(ifd0) + 4)
		ifd0[len(ifd0)-1].value = gpsAt
	}
	t = be.AppendUint16(t, uint16(len(ifd0)))
	for _, e := range ifd0 {
		t = be.AppendUint16(t, e.tag)
		t = be.AppendUint16(t, e.typ)
		t = be.AppendUint32(t, e.count)
		t = be.AppendUint32(t, e.value)
	}
	t = be.AppendUint32(t, 0)
	if gps {
		// GPSLatitudeRef "N" inline; GPSProcessingMethod (ASCII here) out of line.
		strAt := gpsAt + 2 + 12*2 + 4
		t = be.AppendUint16(t, 2)
		t = append(t, 0x00, 0x01, 0x00, 0x02)
		t = be.AppendUint32(t, 2)
		t = append(t, 'N', 0, 0, 0)
		t = append(t, 0x00, 0x1b, 0x00, 0x02)
		t = be.AppendUint32(t, uint32(len(GPSMark)+1))
		t = be.AppendUint32(t, strAt)
		t = be.AppendUint32(t, 0)
		t = append(t, GPSMark...)
		t = append(t, 0)
	}
	return append([]byte("Exif\x00\x00"), t...)
}

// PNG encodes a w x h picture whose left half is fully transparent.
func PNG(w, h int) []byte {
	m := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			if x >= w/2 {
				m.SetNRGBA(x, y, color.NRGBA{R: 20, G: 120, B: 60, A: 255})
			}
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, m); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

// HugePNG is the header of a PNG w x h pixels with no pixel data: a
// decompression bomb's shape, which must be refused before decoding.
func HugePNG(w, h int) []byte {
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, 1, 1))); err != nil {
		panic(err)
	}
	b := buf.Bytes()
	// IHDR's width and height follow the signature (8), length (4), type (4).
	binary.BigEndian.PutUint32(b[16:], uint32(w))
	binary.BigEndian.PutUint32(b[20:], uint32(h))
	binary.BigEndian.PutUint32(b[29:], crc32.ChecksumIEEE(b[12:29]))
	return b
}
