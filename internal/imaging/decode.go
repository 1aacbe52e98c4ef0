package imaging

import (
	"bytes"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"path"
	"strings"

	"github.com/alaqsa-ira/site/internal/imagefile"
	xwebp "golang.org/x/image/webp"
)

// sniff names the format of src from its first bytes, or "" if unknown.
func sniff(src []byte) string {
	switch {
	case imagefile.IsJPEG(src):
		return JPEG
	case imagefile.IsPNG(src):
		return PNG
	case imagefile.IsWebP(src):
		return WebP
	}
	return ""
}

// formatOfExt names the format an extension promises, or "" if none.
func formatOfExt(name string) string {
	switch strings.ToLower(path.Ext(name)) {
	case ".jpg", ".jpeg", ".jpe", ".jfif":
		return JPEG
	case ".png":
		return PNG
	case ".webp":
		return WebP
	}
	return ""
}

// otherFormat names common image formats this package does not read, so the
// error can say what the file is.
func otherFormat(src []byte) string {
	switch {
	case bytes.HasPrefix(src, []byte("GIF8")):
		return "GIF"
	case len(src) >= 12 && string(src[4:8]) == "ftyp":
		return "HEIC/AVIF"
	case imagefile.IsTIFF(src):
		return "TIFF"
	case bytes.HasPrefix(src, []byte("BM")):
		return "BMP"
	case bytes.HasPrefix(bytes.TrimSpace(src), []byte("<")):
		return "SVG/XML"
	}
	return ""
}

// inspect checks the header of src against the limits in s, decoding no
// pixels.
func inspect(name string, src []byte, s Settings) (info Info, err error) {
	if len(src) == 0 {
		return Info{}, fail(name, ErrEmpty, "the image file is empty (0 bytes): export or copy the photo again")
	}
	format := sniff(src)
	want := formatOfExt(name)
	if format == "" {
		if other := otherFormat(src); other != "" {
			return Info{}, fail(name, ErrUnsupported, "this is a %s file, which the site does not publish: convert it to JPEG (photos) or PNG (drawings)", other)
		}
		if want != "" {
			return Info{}, fail(name, ErrCorrupt, "not a valid %s image (the file is damaged or not an image): export the photo again", strings.ToUpper(want))
		}
		return Info{}, fail(name, ErrUnsupported, "not a JPEG, PNG or WebP image: convert it to JPEG (photos) or PNG (drawings)")
	}
	if want == "" {
		return Info{}, fail(name, ErrWrongExtension, "the file is a %s image but its name does not end in %s: rename it", strings.ToUpper(format), extOf(format))
	}
	if want != format {
		return Info{}, fail(name, ErrWrongExtension, "the file is a %s image but its name ends in %s: rename it to end in %s", strings.ToUpper(format), path.Ext(name), extOf(format))
	}
	defer func() {
		if r := recover(); r != nil {
			info, err = Info{}, fail(name, ErrCorrupt, "the %s header is damaged (%v): export the photo again", strings.ToUpper(format), r)
		}
	}()
	cfg, err := configOf(format, src)
	if err != nil {
		return Info{}, fail(name, ErrCorrupt, "the %s header cannot be read (%v): the file is damaged or truncated; export the photo again", strings.ToUpper(format), err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return Info{}, fail(name, ErrCorrupt, "the %s header gives a size of %d x %d: the file is damaged; export the photo again", strings.ToUpper(format), cfg.Width, cfg.Height)
	}
	if cfg.Width > s.MaxSide || cfg.Height > s.MaxSide || int64(cfg.Width)*int64(cfg.Height) > s.MaxPixels {
		return Info{}, fail(name, ErrTooLarge, "the image is %d x %d pixels, over the limit of %d px a side and %.0f megapixels: resize it (for example to 4000 px wide) before adding it", cfg.Width, cfg.Height, s.MaxSide, float64(s.MaxPixels)/1e6)
	}
	if format == WebP && imagefile.WebPAnimated(src) {
		return Info{}, fail(name, ErrUnsupported, "an animated WebP cannot be published as a photo: export one frame as JPEG or PNG")
	}
	if !complete(format, src) {
		return Info{}, fail(name, ErrCorrupt, "the %s file is truncated (it ends before the image does): copy or export the photo again", strings.ToUpper(format))
	}
	meta := scanMeta(format, src)
	info = Info{Format: format, Width: cfg.Width, Height: cfg.Height, Orientation: meta.orientation}
	if meta.orientation >= 5 {
		info.Width, info.Height = info.Height, info.Width
	}
	info.HasAlpha = modelHasAlpha(cfg)
	if p, err := parseICC(meta.icc); err == nil && p != nil {
		info.Profile = p.desc
	}
	l := readLayout(format, src, cfg)
	info.Memory = l.cost(cfg.Width, cfg.Height, meta.orientation, int64(len(src)), s, info.HasAlpha)
	if info.Memory > s.MemoryBudget {
		return Info{}, fail(name, ErrTooLarge, "%s", tooCostly(l, info, int64(len(src)), info.Memory, s))
	}
	return info, nil
}

// configOf reads the header of src, which sniff found to be format.
func configOf(format string, src []byte) (image.Config, error) {
	switch format {
	case JPEG:
		return jpeg.DecodeConfig(bytes.NewReader(src))
	case PNG:
		return png.DecodeConfig(bytes.NewReader(src))
	case WebP:
		return xwebp.DecodeConfig(bytes.NewReader(src))
	}
	return image.Config{}, fmt.Errorf("unknown format %q", format)
}

// extOf is the usual extension of a format.
func extOf(format string) string {
	if format == JPEG {
		return ".jpg"
	}
	return "." + format
}

// decode decodes the pixels of src, which inspect accepted as format.
// A decoder panic is turned into an error.
func decode(name, format string, src []byte) (img image.Image, err error) {
	defer func() {
		if r := recover(); r != nil {
			img, err = nil, fail(name, ErrCorrupt, "the %s image cannot be decoded (%v): export the photo again", strings.ToUpper(format), r)
		}
	}()
	switch format {
	case JPEG:
		img, err = jpeg.Decode(bytes.NewReader(src))
	case PNG:
		img, err = png.Decode(bytes.NewReader(src))
	case WebP:
		img, err = xwebp.Decode(bytes.NewReader(src))
	default:
		err = fmt.Errorf("unknown format %q", format)
	}
	if err != nil {
		return nil, fail(name, ErrCorrupt, "the %s image cannot be decoded (%v): the file is damaged or truncated; export the photo again", strings.ToUpper(format), err)
	}
	return img, nil
}

// complete reports whether src, whose header is readable, also has the end
// its format requires: a JPEG an end-of-image marker after its first scan,
// a PNG an IEND chunk reached through whole chunks, a WebP all the bytes
// its RIFF header announces. A copy cut short fails this without decoding.
func complete(format string, src []byte) bool {
	switch format {
	case JPEG:
		return imagefile.JPEGComplete(src)
	case PNG:
		return imagefile.PNGComplete(src)
	case WebP:
		return imagefile.WebPComplete(src)
	}
	return false
}
