package imaging

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	xwebp "golang.org/x/image/webp"
	"hash/crc32"
	"image"
	"math"
	"testing"
)

// exifTIFF builds a big-endian TIFF EXIF block with the given orientation
// (0: none) and a GPS position, like a phone writes.
func exifTIFF(orientation int) []byte {
	var b bytes.Buffer
	be := binary.BigEndian
	w16 := func(v int) { b.Write(be.AppendUint16(nil, uint16(v))) }
	w32 := func(v int) { b.Write(be.AppendUint32(nil, uint32(v))) }
	b.WriteString("MM\x00*")
	w32(8)
	n := 2
	if orientation == 0 {
		n = 1
	}
	w16(n) // IFD0 at 8
	if orientation != 0 {
		w16(0x0112)
		w16(3)
		w32(1)
		w16(orientation)
		w16(0)
	}
	gpsIFD := 8 + 2 + 12*n + 4
	w16(0x8825) // GPS IFD pointer
	w16(4)
	w32(1)
	w32(gpsIFD)
	w32(0) // no next IFD
	// GPS IFD: latitude ref "N" and latitude 31/1 30/1 0/1 (Gaza-like).
	w16(2)
	w16(1)
	w16(2)
	w32(2)
	b.WriteString("N\x00\x00\x00")
	w16(2)
	w16(5)
	w32(3)
	w32(gpsIFD + 2 + 24 + 4)
	w32(0)
	for _, v := range []int{31, 1, 30, 1, 0, 1} {
		w32(v)
	}
	return b.Bytes()
}

// withJPEGSegments inserts APPn segments right after a JPEG's SOI marker.
func withJPEGSegments(jpg []byte, segs ...[]byte) []byte {
	out := append([]byte{}, jpg[:2]...)
	for _, s := range segs {
		out = append(out, s...)
	}
	return append(out, jpg[2:]...)
}

// jpegSegment is one marker segment.
func jpegSegment(marker byte, payload []byte) []byte {
	s := []byte{0xFF, marker}
	s = binary.BigEndian.AppendUint16(s, uint16(len(payload)+2))
	return append(s, payload...)
}

// jpegExif is an APP1 Exif segment.
func jpegExif(tiff []byte) []byte {
	return jpegSegment(0xE1, append([]byte("Exif\x00\x00"), tiff...))
}

// jpegICC splits a profile into APP2 ICC_PROFILE segments of at most size
// bytes each.
func jpegICC(icc []byte, size int) [][]byte {
	var chunks [][]byte
	for len(icc) > 0 {
		n := min(size, len(icc))
		chunks = append(chunks, icc[:n])
		icc = icc[n:]
	}
	var segs [][]byte
	for i, c := range chunks {
		p := append([]byte("ICC_PROFILE\x00"), byte(i+1), byte(len(chunks)))
		segs = append(segs, jpegSegment(0xE2, append(p, c...)))
	}
	return segs
}

// pngChunk is one PNG chunk with its CRC.
func pngChunk(typ string, data []byte) []byte {
	c := binary.BigEndian.AppendUint32(nil, uint32(len(data)))
	c = append(c, typ...)
	c = append(c, data...)
	return binary.BigEndian.AppendUint32(c, crc32.ChecksumIEEE(append([]byte(typ), data...)))
}

// withPNGChunks inserts chunks right after a PNG's IHDR.
func withPNGChunks(p []byte, chunks ...[]byte) []byte {
	out := append([]byte{}, p[:8+25]...)
	for _, c := range chunks {
		out = append(out, c...)
	}
	return append(out, p[8+25:]...)
}

// iccProfile writes a version 2 RGB display profile with the given D50
// colorants (columns r, g, b) and one tone curve tag shared by all three
// channels.
func iccProfile(desc string, colorants [3][3]float64, trc []byte) []byte {
	be := binary.BigEndian
	xyz := func(i int) []byte {
		t := []byte("XYZ \x00\x00\x00\x00")
		for k := range 3 {
			t = be.AppendUint32(t, uint32(int32(math.Round(colorants[k][i]*65536))))
		}
		return t
	}
	d := []byte("desc\x00\x00\x00\x00")
	d = be.AppendUint32(d, uint32(len(desc)+1))
	d = append(d, desc...)
	d = append(d, 0)
	d = append(d, make([]byte, 12+67)...) // empty Unicode and ScriptCode parts
	tags := []struct {
		sig  string
		data []byte
	}{{"desc", d}, {"rXYZ", xyz(0)}, {"gXYZ", xyz(1)}, {"bXYZ", xyz(2)}, {"rTRC", trc}, {"gTRC", trc}, {"bTRC", trc}}
	off := 128 + 4 + 12*len(tags)
	var table, body []byte
	table = be.AppendUint32(table, uint32(len(tags)))
	for _, t := range tags {
		for len(body)%4 != 0 {
			body = append(body, 0)
		}
		table = append(table, t.sig...)
		table = be.AppendUint32(table, uint32(off+len(body)))
		table = be.AppendUint32(table, uint32(len(t.data)))
		body = append(body, t.data...)
	}
	h := make([]byte, 128)
	be.PutUint32(h[0:], uint32(128+len(table)+len(body)))
	be.PutUint32(h[8:], 0x02100000)
	copy(h[12:], "mntrRGB XYZ ")
	copy(h[36:], "acsp")
	return append(append(h, table...), body...)
}

// gammaCurve is a curv tag holding one gamma value.
func gammaCurve(g float64) []byte {
	t := []byte("curv\x00\x00\x00\x00\x00\x00\x00\x01")
	return binary.BigEndian.AppendUint16(t, uint16(math.Round(g*256)))
}

// srgbCurve is a para tag of type 3 with the sRGB transfer function, as
// Display P3 profiles carry.
func srgbCurve() []byte {
	t := []byte("para\x00\x00\x00\x00\x00\x03\x00\x00")
	for _, v := range []float64{2.4, 1 / 1.055, 0.055 / 1.055, 1 / 12.92, 0.04045} {
		t = binary.BigEndian.AppendUint32(t, uint32(int32(math.Round(v*65536))))
	}
	return t
}

// Colorants (D50, columns r, g, b) of the profiles phones and cameras embed.
var (
	displayP3Colorants = [3][3]float64{
		{0.515121, 0.291977, 0.157104},
		{0.241196, 0.692245, 0.066574},
		{-0.001053, 0.041885, 0.784073},
	}
	adobeRGBColorants = [3][3]float64{
		{0.6097559, 0.2052401, 0.1492240},
		{0.3111242, 0.6256560, 0.0632197},
		{0.0194811, 0.0608902, 0.7448387},
	}
)

// displayP3 and adobeRGB are the profiles as bytes.
func displayP3() []byte { return iccProfile("Display P3", displayP3Colorants, srgbCurve()) }
func adobeRGB() []byte {
	return iccProfile("Adobe RGB (1998)", adobeRGBColorants, gammaCurve(563.0/256))
}
func srgbICC() []byte { return iccProfile("sRGB IEC61966-2.1", srgbColorants, srgbCurve()) }

// deflate zlib-compresses data.
func deflate(t testing.TB, data []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	w := zlib.NewWriter(&b)
	if _, err := w.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// decodeWebPForTest decodes a WebP into straight RGBA the way browsers
// (libwebp) do, with the 16–235 Y'CbCr range, not JPEG's full range.
func decodeWebPForTest(data []byte) (*image.NRGBA, error) {
	m, err := xwebp.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	b := m.Bounds()
	out := image.NewNRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	for y := 0; y < b.Dy(); y++ {
		readRow(m, b.Min.X, b.Min.Y+y, b.Dx(), out.Pix[out.PixOffset(0, y):], true)
	}
	return out, nil
}
