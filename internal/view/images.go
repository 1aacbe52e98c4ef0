package view

import (
	"bytes"
	"encoding/xml"
	"image"
	_ "image/gif" // sizes of GIF images
	"io/fs"
	"math"
	"path"
	"strconv"
	"strings"
	"sync"

	"github.com/alaqsa-ira/site/internal/site"
)

// imageSizes finds the size of the site's images that are not photos (SVG
// and GIF files of static/), for the width and height attributes that keep
// a page from jumping while its images load. Photos (JPEG, PNG, WebP) are
// shown at the sizes of their derivatives (see Doc).
type imageSizes struct {
	fsys fs.FS
	base string // the site's base path, "/" or "/ira/"
	mu   sync.Mutex
	seen map[string]imageSize
}

type imageSize struct {
	w, h int
	ok   bool
}

func newImageSizes(fsys fs.FS, base string) *imageSizes {
	return &imageSizes{fsys: fsys, base: base, seen: map[string]imageSize{}}
}

// size returns an image's size by its URL.
func (s *imageSizes) size(url string) (int, int, bool) {
	rel, ok := strings.CutPrefix(url, s.base)
	if !ok || strings.Contains(rel, "..") {
		return 0, 0, false
	}
	s.mu.Lock()
	v, found := s.seen[rel]
	s.mu.Unlock()
	if !found {
		v = s.read(path.Join(site.StaticDir, rel))
		s.mu.Lock()
		s.seen[rel] = v
		s.mu.Unlock()
	}
	return v.w, v.h, v.ok
}

func (s *imageSizes) read(file string) imageSize {
	data, err := fs.ReadFile(s.fsys, file)
	if err != nil {
		return imageSize{}
	}
	if strings.EqualFold(path.Ext(file), ".svg") {
		return svgSize(data)
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return imageSize{}
	}
	return imageSize{cfg.Width, cfg.Height, true}
}

// svgSize reads an SVG's width and height, or its viewBox.
func svgSize(data []byte) imageSize {
	var root struct {
		Width   string `xml:"width,attr"`
		Height  string `xml:"height,attr"`
		ViewBox string `xml:"viewBox,attr"`
	}
	if err := xml.Unmarshal(data, &root); err != nil {
		return imageSize{}
	}
	w, errW := strconv.ParseFloat(strings.TrimSuffix(root.Width, "px"), 64)
	h, errH := strconv.ParseFloat(strings.TrimSuffix(root.Height, "px"), 64)
	if errW != nil || errH != nil {
		f := strings.Fields(strings.ReplaceAll(root.ViewBox, ",", " "))
		if len(f) != 4 {
			return imageSize{}
		}
		w, errW = strconv.ParseFloat(f[2], 64)
		h, errH = strconv.ParseFloat(f[3], 64)
		if errW != nil || errH != nil {
			return imageSize{}
		}
	}
	if w <= 0 || h <= 0 {
		return imageSize{}
	}
	return imageSize{int(math.Round(w)), int(math.Round(h)), true}
}
