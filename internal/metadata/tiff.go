package metadata

// TIFF tags that say who made an image, where or when.
const (
	tagImageDescription = 0x010E
	tagMake             = 0x010F
	tagModel            = 0x0110
	tagDateTime         = 0x0132
	tagArtist           = 0x013B
	tagHostComputer     = 0x013C
	tagXMP              = 0x02BC
	tagCopyright        = 0x8298
	tagIPTC             = 0x83BB
	tagPhotoshop        = 0x8649
	tagExifIFD          = 0x8769
	tagGPSIFD           = 0x8825
	tagXPAuthor         = 0x9C9D
	tagCameraOwner      = 0xA430
	tagBodySerial       = 0xA431
)

// exifNames are the EXIF tags that name a person, or the one camera: a
// photo inside a document says who took it with them.
var exifNames = map[int]string{
	tagArtist: "Artist", tagCopyright: "Copyright", tagXPAuthor: "XPAuthor",
	tagCameraOwner: "CameraOwnerName", tagBodySerial: "BodySerialNumber",
}

// maxIFDs is how many image directories of a TIFF are read.
const maxIFDs = 64

// tiff is a TIFF structure: a TIFF file, or the EXIF of another format
// (which is one).
type tiff struct {
	b  []byte
	le bool // little-endian ("II")
}

func newTIFF(b []byte) (tiff, bool) {
	switch {
	case len(b) >= 8 && string(b[:4]) == "II*\x00":
		return tiff{b, true}, true
	case len(b) >= 8 && string(b[:4]) == "MM\x00*":
		return tiff{b, false}, true
	}
	return tiff{}, false
}

func (t tiff) u16(i int) int {
	if t.le {
		return le16(t.b, i)
	}
	return be16(t.b, i)
}

func (t tiff) u32(i int) int {
	if t.le {
		return le32(t.b, i)
	}
	return be32(t.b, i)
}

// entries calls fn with the tag and value (or offset) of each entry of the
// directory at off, and returns the offset of the next directory, or 0.
func (t tiff) entries(off int, fn func(tag, count, value int)) int {
	if off < 8 || off+2 > len(t.b) {
		return 0
	}
	n := t.u16(off)
	if (len(t.b)-off-2)/12 < n {
		n = (len(t.b) - off - 2) / 12 // a directory cut short: read what is there
	}
	for i := range n {
		e := off + 2 + 12*i
		fn(t.u16(e), t.u32(e+4), t.u32(e+8))
	}
	return t.u32(off + 2 + 12*n)
}

// exif records the EXIF held in b (a TIFF structure, possibly after
// "Exif\0\0"), the tags of its first directory and its EXIF directory
// that name a person (exifNames), and GPS when its first directory points
// to a GPS directory that has entries.
func (s *scanner) exif(b []byte, where string) {
	if len(b) >= 6 && string(b[:6]) == "Exif\x00\x00" {
		b = b[6:]
	}
	s.add(EXIF, where, true)
	t, ok := newTIFF(b)
	if !ok {
		return
	}
	gps, sub := 0, 0
	named := func(tag, count, _ int) {
		if name, ok := exifNames[tag]; ok && count > 1 { // more than a NUL
			s.add(Property, name, true)
		}
	}
	t.entries(t.u32(4), func(tag, count, value int) {
		switch tag {
		case tagGPSIFD:
			gps = value
		case tagExifIFD:
			sub = value
		}
		named(tag, count, value)
	})
	if sub != 0 {
		t.entries(sub, named)
	}
	if gps == 0 {
		return
	}
	entries := 0
	t.entries(gps, func(int, int, int) { entries++ })
	if entries > 0 {
		s.add(GPS, where, true)
	}
}

// tiffFile scans a TIFF file's directories for the tags that say who made
// it, where and when.
func (s *scanner) tiffFile(b []byte) {
	t, _ := newTIFF(b)
	seen := map[int]bool{}
	gpsRead := false // a GPS directory is read once, however often it is pointed to
	off := t.u32(4)
	for range maxIFDs {
		if off == 0 || seen[off] {
			break
		}
		seen[off] = true
		off = t.entries(off, func(tag, _, value int) {
			switch tag {
			case tagGPSIFD:
				if gpsRead {
					return
				}
				gpsRead = true
				n := 0
				t.entries(value, func(int, int, int) { n++ })
				if n > 0 {
					s.add(GPS, "GPS directory", true)
				}
			case tagExifIFD:
				s.add(EXIF, "EXIF directory", true)
			case tagXMP:
				s.add(XMP, "XMP tag", true)
			case tagIPTC, tagPhotoshop:
				s.add(IPTC, "IPTC tag", true)
			case tagArtist:
				s.add(EXIF, "Artist", true)
			case tagCopyright:
				s.add(EXIF, "Copyright", true)
			case tagMake, tagModel:
				s.add(EXIF, "camera", true)
			case tagDateTime:
				s.add(EXIF, "date", true)
			case tagHostComputer:
				s.add(EXIF, "HostComputer", true)
			case tagImageDescription:
				s.add(Comment, "ImageDescription", false)
			}
		})
	}
}
