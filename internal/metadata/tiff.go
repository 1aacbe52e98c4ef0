package metadata

import "github.com/alaqsa-ira/site/internal/imagefile"

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

// exif records the EXIF held in b (a TIFF structure, possibly after
// "Exif\0\0"), the tags of its first directory and its EXIF directory
// that name a person (exifNames), and GPS when its first directory points
// to a GPS directory that has entries.
func (s *scanner) exif(b []byte, where string) {
	s.add(EXIF, where, true)
	t, ok := imagefile.ParseEXIF(b)
	if !ok {
		return
	}
	gps, sub := 0, 0
	named := func(e imagefile.Entry) {
		if name, ok := exifNames[e.Tag]; ok && e.Count > 1 { // more than a NUL
			s.add(Property, name, true)
		}
	}
	t.Directory(t.First(), func(e imagefile.Entry) {
		switch e.Tag {
		case tagGPSIFD:
			gps = e.Value
		case tagExifIFD:
			sub = e.Value
		}
		named(e)
	})
	if sub != 0 {
		t.Directory(sub, named)
	}
	if gps != 0 && hasEntries(t, gps) {
		s.add(GPS, where, true)
	}
}

// hasEntries reports whether the directory at off has entries.
func hasEntries(t imagefile.TIFF, off int) bool {
	n := 0
	t.Directory(off, func(imagefile.Entry) { n++ })
	return n > 0
}

// tiffFile scans a TIFF file's directories for the tags that say who made
// it, where and when.
func (s *scanner) tiffFile(b []byte) {
	t, _ := imagefile.ParseTIFF(b)
	gpsRead := false // a GPS directory is read once, however often it is pointed to
	t.Directories(func(e imagefile.Entry) {
		switch e.Tag {
		case tagGPSIFD:
			if !gpsRead && hasEntries(t, e.Value) {
				s.add(GPS, "GPS directory", true)
			}
			gpsRead = true
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
