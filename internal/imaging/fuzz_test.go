package imaging

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/alaqsa-ira/site/internal/imagefile"
)

// FuzzEXIF: any EXIF block gives an orientation from 1 to 8.
func FuzzEXIF(f *testing.F) {
	for o := range 9 {
		f.Add(exifTIFF(o))
	}
	f.Add([]byte("II*\x00\x08\x00\x00\x00\x01\x00\x12\x01\x03\x00\x01\x00\x00\x00\x06\x00\x00\x00"))
	f.Fuzz(func(t *testing.T, tiff []byte) {
		if o := orientation(imagefile.ParseTIFF(tiff)); o < 1 || o > 8 {
			t.Fatalf("orientation %d", o)
		}
	})
}

// FuzzICC: any profile parses or is refused; a parsed one converts a row
// keeping its alpha, and its description is clean text.
func FuzzICC(f *testing.F) {
	f.Add(displayP3())
	f.Add(adobeRGB())
	f.Add(srgbICC())
	table := iccProfile("table", displayP3Colorants, append([]byte("curv\x00\x00\x00\x00\x00\x00\x00\x03"), 0, 0, 0x80, 0, 0xff, 0xff))
	f.Add(table)
	f.Fuzz(func(t *testing.T, icc []byte) {
		p, err := parseICC(icc)
		if err != nil || p == nil {
			return
		}
		if !utf8.ValidString(p.desc) || strings.ContainsAny(p.desc, "\x00\n\r") {
			t.Fatalf("description %q", p.desc)
		}
		if c := converterFor(icc); c != nil {
			row := []byte{0, 0, 0, 7, 255, 255, 255, 8, 12, 200, 90, 9}
			c.apply(row)
			if row[3] != 7 || row[7] != 8 || row[11] != 9 {
				t.Fatalf("alpha changed: %v", row)
			}
		}
	})
}

// FuzzImageHeader: any bytes under any of the three extensions are
// refused with "name: message" or accepted within the limits, without a
// panic; small accepted images also decode and turn upright or fail
// cleanly.
func FuzzImageHeader(f *testing.F) {
	small := photo(12, 8, 5)
	jpg := withJPEGSegments(jpegBytes(f, small), jpegExif(exifTIFF(6)))
	jpg = withJPEGSegments(jpg, jpegICC(displayP3(), 200)...)
	f.Add("a.jpg", jpg)
	f.Add("a.png", withPNGChunks(pngBytes(f, transparentLogo(9, 7)), pngChunk("eXIf", exifTIFF(8)), pngChunk("iCCP", append([]byte("p\x00\x00"), deflate(f, adobeRGB())...))))
	f.Add("a.webp", webpHeader(30, 20))
	f.Add("a.webp", webpHeader(30000, 20))
	f.Add("a.png", pngHeader(3, 3))
	f.Add("a.jpg", jpegHeader(f, 5, 30000))
	f.Fuzz(func(t *testing.T, name string, src []byte) {
		s := DefaultSettings()
		s.MaxSide, s.MaxPixels = 2000, 1_000_000
		info, err := inspect(name, src, s)
		if err != nil {
			if !strings.HasPrefix(err.Error(), name+": ") {
				t.Fatalf("error %q does not start with the name", err)
			}
			for _, kind := range []error{ErrEmpty, ErrCorrupt, ErrUnsupported, ErrWrongExtension, ErrTooLarge} {
				if errors.Is(err, kind) {
					return
				}
			}
			t.Fatalf("error %q of no known kind", err)
		}
		if info.Width < 1 || info.Height < 1 || info.Width > s.MaxSide || info.Height > s.MaxSide || info.Orientation < 1 || info.Orientation > 8 {
			t.Fatalf("accepted %+v", info)
		}
		if info.Width*info.Height > 256*256 {
			return
		}
		img, err := decode(name, info.Format, src)
		if err != nil {
			return
		}
		meta := scanMeta(info.Format, src)
		up, _ := upright(img, meta.orientation, converterFor(meta.icc), info.Format == WebP, 1)
		if up.Rect.Dx() != info.Width || up.Rect.Dy() != info.Height {
			t.Fatalf("upright %v, header said %dx%d", up.Rect, info.Width, info.Height)
		}
	})
}

// FuzzCacheEntry: a cache file is either refused or read back exactly as
// it would be written; and one that passes the check names only files
// derive names (the key's hash, the formats' extensions) and holds images
// of the sizes it says.
func FuzzCacheEntry(f *testing.F) {
	const key = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
	widths := smallSettings().Widths
	f.Add(marshalSet(Set{Width: 3, Height: 2, Fallback: JPEG, Hash: "abc", Derivatives: []Derivative{{Width: 3, Height: 2, Format: WebP, Data: []byte("RIFF")}}}))
	f.Add(marshalSet(Set{}))
	f.Add([]byte(cacheMagic))
	for _, name := range []string{"a.jpg", "logo.png"} {
		set, err := newTestProcessor(f, smallSettings(), "").Derive(context.Background(), name, sources(f)[name])
		if err != nil {
			f.Fatal(err)
		}
		set.Hash = key[:12]
		f.Add(marshalSet(set))
		set.Derivatives[1].Format = "html"
		f.Add(marshalSet(set))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		set, err := unmarshalSet(data)
		if err != nil {
			return
		}
		if again := marshalSet(set); !bytes.Equal(again, data) {
			t.Fatalf("read back differently")
		}
		if !checkSet(set, key, widths) {
			return
		}
		if set.Hash != key[:12] {
			t.Fatalf("took a set with the hash %q", set.Hash)
		}
		for _, d := range set.Derivatives {
			if ext := d.Ext(); ext != ".webp" && ext != ".jpg" && ext != ".png" {
				t.Fatalf("took a derivative named *%s", ext)
			}
			if w, h, ok := imageSize(d.Format, d.Data); !ok || w != d.Width || h != d.Height {
				t.Fatalf("took a %s of %dx%d whose bytes are not one", d.Format, d.Width, d.Height)
			}
		}
	})
}
