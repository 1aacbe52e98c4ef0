package imaging

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"io"
	"sort"
)

// maxICC bounds an embedded colour profile; real RGB profiles are a few KB.
const maxICC = 1 << 20

// metadata is what the pipeline needs from a file's metadata blocks.
type metadata struct {
	orientation int    // EXIF orientation 1–8; 1 when absent or invalid
	icc         []byte // the embedded ICC profile, nil when none
}

// scanMeta finds the EXIF orientation and ICC profile in the container of
// src, which sniff identified as format. Damaged blocks are ignored: the
// image is then treated as upright sRGB.
func scanMeta(format string, src []byte) metadata {
	m := metadata{orientation: 1}
	switch format {
	case JPEG:
		scanJPEG(src, &m)
	case PNG:
		scanPNG(src, &m)
	case WebP:
		scanWebP(src, &m)
	}
	return m
}

// scanJPEG walks the marker segments before the image data: APP1 "Exif"
// carries the orientation, APP2 "ICC_PROFILE" the profile in numbered chunks.
func scanJPEG(src []byte, m *metadata) {
	type chunk struct {
		seq  int
		data []byte
	}
	var chunks []chunk
	exifSeen := false
	i := 2
	for i+4 <= len(src) {
		if src[i] != 0xFF {
			return
		}
		marker := src[i+1]
		if marker == 0xFF { // fill byte
			i++
			continue
		}
		if marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7) {
			i += 2
			continue
		}
		if marker == 0xDA || marker == 0xD9 { // start of scan, end of image
			break
		}
		n := int(binary.BigEndian.Uint16(src[i+2:]))
		if n < 2 || i+2+n > len(src) {
			break
		}
		seg := src[i+4 : i+2+n]
		switch {
		case marker == 0xE1 && !exifSeen && bytes.HasPrefix(seg, []byte("Exif\x00\x00")):
			exifSeen = true
			m.orientation = exifOrientation(seg[6:])
		case marker == 0xE2 && len(seg) >= 14 && bytes.HasPrefix(seg, []byte("ICC_PROFILE\x00")):
			chunks = append(chunks, chunk{int(seg[12]), seg[14:]})
		}
		i += 2 + n
	}
	if len(chunks) == 0 {
		return
	}
	sort.SliceStable(chunks, func(a, b int) bool { return chunks[a].seq < chunks[b].seq })
	var icc []byte
	for k, c := range chunks {
		if c.seq != k+1 || len(icc)+len(c.data) > maxICC { // missing or repeated chunk
			return
		}
		icc = append(icc, c.data...)
	}
	m.icc = icc
}

// scanPNG walks the chunks: eXIf carries EXIF, iCCP a zlib-compressed
// profile.
func scanPNG(src []byte, m *metadata) {
	i := 8
	for i+12 <= len(src) {
		n := binary.BigEndian.Uint32(src[i:])
		typ := string(src[i+4 : i+8])
		if uint64(n) > uint64(len(src)-i-12) {
			return
		}
		data := src[i+8 : i+8+int(n)]
		switch typ {
		case "eXIf":
			m.orientation = exifOrientation(data)
		case "iCCP":
			m.icc = inflateICC(data)
		case "IEND":
			return
		}
		i += 12 + int(n)
	}
}

// inflateICC decodes an iCCP chunk: a name, a NUL, method 0, zlib data.
func inflateICC(data []byte) []byte {
	nul := bytes.IndexByte(data, 0)
	if nul < 0 || nul+2 > len(data) || data[nul+1] != 0 {
		return nil
	}
	r, err := zlib.NewReader(bytes.NewReader(data[nul+2:]))
	if err != nil {
		return nil
	}
	defer r.Close()
	out, err := io.ReadAll(io.LimitReader(r, maxICC+1))
	if err != nil || len(out) > maxICC {
		return nil
	}
	return out
}

// scanWebP walks the RIFF chunks: EXIF and ICCP follow a VP8X header.
func scanWebP(src []byte, m *metadata) {
	i := 12
	for i+8 <= len(src) {
		typ := string(src[i : i+4])
		n := binary.LittleEndian.Uint32(src[i+4:])
		if uint64(n) > uint64(len(src)-i-8) {
			return
		}
		data := src[i+8 : i+8+int(n)]
		switch typ {
		case "EXIF":
			m.orientation = exifOrientation(bytes.TrimPrefix(data, []byte("Exif\x00\x00")))
		case "ICCP":
			if len(data) <= maxICC {
				m.icc = data
			}
		}
		i += 8 + int(n) + int(n&1)
	}
}

// exifOrientation reads tag 0x0112 (Orientation) from the first IFD of a
// TIFF-structured EXIF block; it returns 1 when the tag is absent, damaged
// or out of the range 1–8.
func exifOrientation(tiff []byte) int {
	if len(tiff) < 8 {
		return 1
	}
	var bo binary.ByteOrder
	switch string(tiff[:4]) {
	case "II*\x00":
		bo = binary.LittleEndian
	case "MM\x00*":
		bo = binary.BigEndian
	default:
		return 1
	}
	ifd := bo.Uint32(tiff[4:])
	if uint64(ifd)+2 > uint64(len(tiff)) {
		return 1
	}
	count := int(bo.Uint16(tiff[ifd:]))
	p := int(ifd) + 2
	for k := 0; k < count && p+12 <= len(tiff); k, p = k+1, p+12 {
		if bo.Uint16(tiff[p:]) != 0x0112 {
			continue
		}
		typ, n := bo.Uint16(tiff[p+2:]), bo.Uint32(tiff[p+4:])
		if typ != 3 || n != 1 { // SHORT, one value, stored in the entry
			return 1
		}
		v := int(bo.Uint16(tiff[p+8:]))
		if v < 1 || v > 8 {
			return 1
		}
		return v
	}
	return 1
}
