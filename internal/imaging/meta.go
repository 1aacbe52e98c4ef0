package imaging

import (
	"bytes"
	"compress/zlib"
	"io"
	"sort"

	"github.com/alaqsa-ira/site/internal/imagefile"
)

// maxICC bounds an embedded colour profile; real RGB profiles are a few KB.
const maxICC = 1 << 20

// metadata is what the pipeline needs from a file's metadata blocks.
type metadata struct {
	orientation int    // EXIF orientation 1–8; 1 when absent or invalid
	icc         []byte // the embedded ICC profile, nil when none
}

// scanMeta finds the EXIF orientation and ICC profile in the container of
// src, which sniff identified as format. Damaged blocks, and blocks cut
// short by the end of the file, are ignored: the image is then treated as
// upright sRGB.
func scanMeta(format string, src []byte) metadata {
	m := metadata{orientation: 1}
	switch format {
	case JPEG:
		scanJPEG(src, &m)
	case PNG:
		imagefile.PNGChunks(src, func(c imagefile.Chunk) {
			switch string(c.Type[:]) {
			case "eXIf":
				if !c.Cut {
					m.orientation = orientation(imagefile.ParseTIFF(c.Data))
				}
			case "iCCP":
				if !c.Cut {
					m.icc = inflateICC(c.Data)
				}
			}
		})
	case WebP:
		imagefile.RIFFChunks(src, func(c imagefile.Chunk) {
			switch string(c.Type[:]) {
			case "EXIF":
				if !c.Cut {
					m.orientation = orientation(imagefile.ParseEXIF(c.Data))
				}
			case "ICCP":
				if !c.Cut && len(c.Data) <= maxICC {
					m.icc = c.Data
				}
			}
		})
	}
	return m
}

// scanJPEG reads the marker segments before the image data: the first
// APP1 "Exif" carries the orientation, APP2 "ICC_PROFILE" segments the
// profile in numbered chunks.
func scanJPEG(src []byte, m *metadata) {
	type chunk struct {
		seq  int
		data []byte
	}
	var chunks []chunk
	exifSeen := false
	imagefile.JPEGSegments(src, func(s imagefile.Segment) {
		switch {
		case s.Cut:
		case s.Marker == imagefile.APP1 && !exifSeen && bytes.HasPrefix(s.Data, []byte("Exif\x00\x00")):
			exifSeen = true
			m.orientation = orientation(imagefile.ParseEXIF(s.Data))
		case s.Marker == imagefile.APP2 && len(s.Data) >= 14 && bytes.HasPrefix(s.Data, []byte("ICC_PROFILE\x00")):
			chunks = append(chunks, chunk{int(s.Data[12]), s.Data[14:]})
		}
	})
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

// tagOrientation is the EXIF tag of the orientation.
const tagOrientation = 0x0112

// orientation reads the orientation from the first directory of an EXIF
// block (t, if ok): it is 1 when the tag is absent, damaged (not one
// SHORT, stored in the entry) or out of the range 1–8.
func orientation(t imagefile.TIFF, ok bool) int {
	if !ok {
		return 1
	}
	e, found := t.Find(t.First(), tagOrientation)
	if !found || e.Type != 3 || e.Count != 1 || e.Short < 1 || e.Short > 8 {
		return 1
	}
	return e.Short
}
