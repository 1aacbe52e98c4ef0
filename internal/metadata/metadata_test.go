package metadata_test

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/alaqsa-ira/site/internal/metadata"
	mt "github.com/alaqsa-ira/site/internal/metadata/metadatatest"
)

// kinds returns the personal kinds a scan found, sorted, joined by commas.
func kinds(r metadata.Report) string {
	var ks []string
	for _, f := range r.Personal() {
		if !slices.Contains(ks, string(f.Kind)) {
			ks = append(ks, string(f.Kind))
		}
	}
	slices.Sort(ks)
	return strings.Join(ks, ",")
}

func TestScanFindsPersonalMetadataInEveryFormat(t *testing.T) {
	ps := "8BIM\x04\x04\x00\x00\x00\x00\x00\x05\x1c\x02\x50\x00\x01X"
	tests := []struct {
		name, format, want string
		data               []byte
	}{
		{"jpeg plain", "JPEG", "", mt.JPEG()},
		{"jpeg exif", "JPEG", "EXIF", mt.JPEG(mt.Segment{Marker: 0xE1, Data: mt.EXIF(false)})},
		{"jpeg gps", "JPEG", "EXIF,GPS", mt.JPEGWithGPS()},
		{"jpeg xmp", "JPEG", "XMP", mt.JPEG(mt.Segment{Marker: 0xE1, Data: []byte("http://ns.adobe.com/xap/1.0/\x00" + mt.XMPPacket)})},
		{"jpeg iptc", "JPEG", "IPTC", mt.JPEG(mt.Segment{Marker: 0xED, Data: []byte("Photoshop 3.0\x00" + ps)})},
		{"jpeg comment only", "JPEG", "", mt.JPEG(mt.Segment{Marker: 0xFE, Data: []byte("made by hand")})},
		{"jpeg icc only", "JPEG", "", mt.JPEG(mt.Segment{Marker: 0xE2, Data: []byte("ICC_PROFILE\x00\x01\x01")})},
		{"jpeg gps after comment and icc", "JPEG", "EXIF,GPS", mt.JPEG(mt.Segment{Marker: 0xFE, Data: []byte("x")}, mt.Segment{Marker: 0xE2, Data: []byte("ICC")}, mt.Segment{Marker: 0xE1, Data: mt.EXIF(true)})},
		{"jpeg gps in an appended image", "JPEG", "EXIF,GPS", mt.JPEGWithAppended()},
		{"jpeg with a thumbnail-like tail", "JPEG", "", append(mt.JPEG(), mt.JPEG()...)},
		{"jpeg gps after a second start of image", "JPEG", "EXIF,GPS", append([]byte{0xFF, 0xD8, 0xFF, 0xD8}, mt.JPEGWithGPS()[2:]...)},
		{"ico plain", "ICO", "", mt.ICO(mt.PNG())},
		{"ico with xmp", "ICO", "XMP", mt.ICO(mt.PNG(), mt.PNG([2]string{"iTXt", "XML:com.adobe.xmp\x00\x00\x00\x00\x00x"}))},
		{"png plain", "PNG", "", mt.PNG()},
		{"png eXIf gps", "PNG", "EXIF,GPS", mt.PNG([2]string{"eXIf", string(mt.TIFFHeader(true))})},
		{"png iTXt xmp", "PNG", "XMP", mt.PNG([2]string{"iTXt", "XML:com.adobe.xmp\x00\x00\x00\x00\x00" + mt.XMPPacket})},
		{"png tEXt raw exif", "PNG", "EXIF", mt.PNG([2]string{"tEXt", "Raw profile type exif\x00\nexif\n  10\n45786966\n"})},
		{"png zTXt raw iptc", "PNG", "IPTC", mt.PNG([2]string{"zTXt", "Raw profile type iptc\x00\x00x"})},
		{"png tEXt author", "PNG", "property", mt.PNG([2]string{"tEXt", "Author\x00Example Person"})},
		{"png tEXt software", "PNG", "", mt.PNG([2]string{"tEXt", "Software\x00a program"})},
		{"webp plain", "WebP", "", mt.WebP()},
		{"webp exif gps", "WebP", "EXIF,GPS", mt.WebP([2]string{"EXIF", string(mt.TIFFHeader(true))})},
		{"webp exif with header", "WebP", "EXIF", mt.WebP([2]string{"EXIF", string(mt.EXIF(false))})},
		{"webp xmp", "WebP", "XMP", mt.WebP([2]string{"XMP ", mt.XMPPacket})},
		{"gif plain", "GIF", "", mt.GIF()},
		{"gif xmp", "GIF", "XMP", mt.GIF(mt.GIFXMP())},
		{"gif comment then xmp", "GIF", "XMP", mt.GIF(mt.GIFComment("hello"), mt.GIFXMP())},
		{"gif comment", "GIF", "", mt.GIF(mt.GIFComment("hello"))},
		{"tiff camera", "TIFF", "EXIF", mt.TIFF(false)},
		{"tiff gps", "TIFF", "EXIF,GPS", mt.TIFF(true)},
		{"heic plain", "HEIF", "", mt.HEIF(false, false)},
		{"heic exif", "HEIF", "EXIF", mt.HEIF(true, false)},
		{"heic xmp", "HEIF", "XMP", mt.HEIF(false, true)},
		{"mp4 location", "MP4", "GPS", mt.MP4()},
		{"mp4 an iphone's location and camera", "MP4", "EXIF,GPS", mt.MP4iPhone()},
		{"mp4 a 3gpp author and place in a track", "MP4", "GPS,property", mt.MP4Author()},
		{"avif exif", "AVIF", "EXIF", append(mt.HEIF(true, false)[:8], append([]byte("avif"), mt.HEIF(true, false)[12:]...)...)},
		{"jpeg 2000 exif", "JPEG 2000", "EXIF,GPS", mt.JP2(true)},
		{"jpeg 2000 plain", "JPEG 2000", "", mt.JP2(false)},
		{"jpeg exif naming the photographer", "JPEG", "EXIF,GPS,property", mt.JPEGWithArtist()},
		{"pdf plain", "PDF", "", mt.PDF(nil, false)},
		{"pdf title and producer", "PDF", "", mt.PDF(map[string]string{"Title": "(Report)", "Producer": "(a program)"}, false)},
		{"pdf author", "PDF", "property", mt.PDF(map[string]string{"Author": "(Jane Example)"}, false)},
		{"pdf empty author", "PDF", "", mt.PDF(map[string]string{"Author": "()", "Creator": "<FEFF>"}, false)},
		{"pdf hex creator", "PDF", "property", mt.PDF(map[string]string{"Creator": "<FEFF004A0061006E0065>"}, false)},
		{"pdf escaped name", "PDF", "property", mt.PDF(map[string]string{"Au#74hor": "(Jane)"}, false)},
		{"pdf author by reference", "PDF", "property", mt.PDF(map[string]string{"Author": "9 0 R"}, false)},
		{"pdf octal author", "PDF", "property", mt.PDF(map[string]string{"Author": `(\376\377\000J)`}, false)},
		{"pdf author in object stream", "PDF", "property", mt.PDF(map[string]string{"Author": "(Jane Example)"}, true)},
		{"pdf metadata stream", "PDF", "XMP", mt.PDF(map[string]string{"Metadata": "7 0 R"}, false)},
		{"html", "", "", []byte("<!doctype html><title>Author</title>")},
		{"html about pdf headers", "", "", []byte("<!doctype html><p>a file begins %PDF-x, then /Author (me)</p>")},
		{"pdf after junk", "PDF", "property", append([]byte("junk\n"), mt.PDF(map[string]string{"Author": "(J)"}, false)...)},
		{"empty", "", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := metadata.Scan(tt.data)
			if r.Format != tt.format {
				t.Errorf("format %q, want %q", r.Format, tt.format)
			}
			if got := kinds(r); got != tt.want {
				t.Errorf("personal kinds %q, want %q (findings %+v)", got, tt.want, r.Findings)
			}
			if r.Unreadable != "" {
				t.Errorf("unreadable: %s", r.Unreadable)
			}
		})
	}
}

func TestScanSaysWhenAPDFCannotBeRead(t *testing.T) {
	enc := bytes.Replace(mt.PDF(nil, false), []byte("/Root 1 0 R"), []byte("/Root 1 0 R /Encrypt 8 0 R"), 1)
	lzw := bytes.Replace(mt.PDF(map[string]string{"Author": "(J)"}, true), []byte("/FlateDecode"), []byte("/LZWDecode"), 1)
	broken := bytes.Replace(mt.PDF(map[string]string{"Author": "(J)"}, true), []byte("stream\nx"), []byte("stream\nQQ"), 1)
	for name, data := range map[string][]byte{"encrypted": enc, "lzw object stream": lzw, "broken object stream": broken} {
		t.Run(name, func(t *testing.T) {
			r := metadata.Scan(data)
			if r.Unreadable == "" {
				t.Errorf("not reported unreadable: %+v", r)
			}
		})
	}
}

func TestScanDoesNotTrustClaimedLengths(t *testing.T) {
	huge := []byte{0xFF, 0xFF, 0xFF, 0xFF}
	for name, data := range map[string][]byte{
		"jpeg segment":  append([]byte{0xFF, 0xD8, 0xFF, 0xE1, 0xFF, 0xFF}, "Exif\x00\x00II*\x00"...),
		"png chunk":     append(append([]byte("\x89PNG\r\n\x1a\n"), huge...), "eXIfII*\x00"...),
		"webp chunk":    append([]byte("RIFF\x00\x00\x00\x00WEBPEXIF"), huge...),
		"tiff entries":  []byte("II*\x00\x08\x00\x00\x00\xFF\xFF"),
		"bmff box":      append([]byte("\x00\x00\x00\x10ftypheic\x00\x00\x00\x00\xFF\xFF\xFF\xFFmeta"), huge...),
		"bmff largebox": []byte("\x00\x00\x00\x10ftypheic\x00\x00\x00\x00\x00\x00\x00\x01meta\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF"),
		"gif table":     []byte("GIF89a\x01\x00\x01\x00\xF7\x00\x00"),
	} {
		t.Run(name, func(t *testing.T) {
			r := metadata.Scan(data)
			if r.Format == "" {
				t.Errorf("format not recognised")
			}
		})
	}
}

func TestScanReadsRepeatsOnce(t *testing.T) {
	// Many text chunks: the findings stay few.
	var chunks [][2]string
	for i := range 2000 {
		chunks = append(chunks, [2]string{"tEXt", fmt.Sprintf("key%d\x00v", i)})
	}
	chunks = append(chunks, [2]string{"eXIf", string(mt.TIFFHeader(true))})
	r := metadata.Scan(mt.PNG(chunks...))
	if len(r.Findings) > 40 || kinds(r) != "EXIF,GPS" {
		t.Errorf("%d findings, personal %q", len(r.Findings), kinds(r))
	}
	// Too many object streams: unreadable, not slow.
	var b bytes.Buffer
	b.WriteString("%PDF-1.5\n")
	for range 5000 {
		b.WriteString("<</Type/ObjStm/Filter/FlateDecode>>stream\nx\x9c\x03\x00\x00\x00\x00\x01\nendstream\n")
	}
	if r := metadata.Scan(b.Bytes()); !strings.Contains(r.Unreadable, "too many") {
		t.Errorf("unreadable = %q", r.Unreadable)
	}
}

func TestKindsReadsAsASentence(t *testing.T) {
	for _, tt := range []struct {
		fs   []metadata.Finding
		want string
	}{
		{[]metadata.Finding{{Kind: metadata.EXIF}, {Kind: metadata.GPS}}, "GPS and EXIF metadata"},
		{[]metadata.Finding{{Kind: metadata.Property, Detail: "/Author"}, {Kind: metadata.Property, Detail: "/Creator"}}, "the properties /Author and /Creator"},
		{[]metadata.Finding{{Kind: metadata.Property, Detail: "/Author"}, {Kind: metadata.XMP}, {Kind: metadata.IPTC}, {Kind: metadata.Comment}}, "XMP and IPTC metadata and the properties /Author"},
		{[]metadata.Finding{{Kind: metadata.Comment}}, ""},
	} {
		if got := metadata.Kinds(tt.fs); got != tt.want {
			t.Errorf("Kinds(%v) = %q, want %q", tt.fs, got, tt.want)
		}
	}
}
