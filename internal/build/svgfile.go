package build

import (
	"bytes"
	"compress/gzip"
	"encoding/xml"
	"errors"
	"io"
	"path"
	"strings"

	"golang.org/x/text/encoding/unicode"

	"github.com/alaqsa-ira/site/internal/diag"
	"github.com/alaqsa-ira/site/internal/svgclean"
)

// This file decides which files of static/ and of bundles are SVG
// pictures, which are published only once cleaned (package svgclean).
//
// A browser opens a file as an SVG, scripts and all, by the type the host
// sends, and hosts decide it differently: by the last extension (.svg in
// any case), by any extension (Apache serves logo.svg.txt as an SVG), or,
// for a name that says XML (.xml, .xht...), by the root element. So a file
// is taken for an SVG when its name ends in .svg, in any case, or when
// its content is an XML document whose root element is <svg> in the SVG
// namespace, whatever its name. (A text file that begins "<svg>" is no
// SVG to any browser: without the namespace, an XML document is not
// drawn.)
//
// A compressed SVG (.svgz, .svg.gz, .svg.br, or gzip whose content is an
// SVG) is refused, not cleaned: most hosts send .svgz without the header
// that tells a browser to decompress it, so readers would see a broken
// picture, while a host that serves precompressed files (logo.svg.gz for
// logo.svg) would send it in place of the cleaned one. Saving a plain SVG
// is one step in any editor, and the host compresses what it sends anyway.

// svgNS is the SVG namespace: a browser shows an XML document as an SVG
// when its root element is <svg> in it.
const svgNS = "http://www.w3.org/2000/svg"

// maxSniff is how much of a gzip file's content is read to tell whether
// it is an SVG: enough for any preamble a real file has, little enough
// that a gzip bomb costs nothing.
const maxSniff = 1 << 20

// svgKind is what svgKindOf finds a file to be.
type svgKind int

const (
	notSVG        svgKind = iota
	plainSVG              // cleaned, then published
	compressedSVG         // refused
)

// svgKindOf tells whether a file, named name (its path under the site),
// is an SVG to clean, a compressed SVG to refuse, or neither.
func svgKindOf(name string, data []byte) svgKind {
	lower := strings.ToLower(path.Base(name))
	for _, ext := range []string{".svgz", ".svg.gz", ".svg.br"} {
		if strings.HasSuffix(lower, ext) {
			return compressedSVG
		}
	}
	if bytes.HasPrefix(data, []byte{0x1f, 0x8b}) {
		if strings.HasSuffix(lower, ".svg") || gzippedSVG(data) {
			return compressedSVG
		}
		return notSVG
	}
	if strings.HasSuffix(lower, ".svg") || sniff(data, false) == rootSVG {
		return plainSVG
	}
	return notSVG
}

// gzippedSVG reports whether gzip data holds an SVG, or XML whose root
// element does not come within maxSniff bytes.
func gzippedSVG(data []byte) bool {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return false
	}
	head, err := io.ReadAll(io.LimitReader(zr, maxSniff))
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		return false
	}
	return sniff(head, len(head) == maxSniff) != rootOther
}

// sniffed is what sniff finds at the root of a document.
type sniffed int

const (
	rootOther   sniffed = iota // not XML, or XML whose root is not an <svg>
	rootSVG                    // XML whose root element is <svg> in svgNS
	rootUnknown                // XML cut short before its root element
)

// sniff reads the start of data as a browser's XML parser would, up to
// the root element: whatever its declared encoding (read as ASCII is
// enough to find a name), in UTF-16 if it begins with that BOM. truncated
// says that data is only the start of the file.
func sniff(data []byte, truncated bool) sniffed {
	if bytes.HasPrefix(data, []byte{0xfe, 0xff}) || bytes.HasPrefix(data, []byte{0xff, 0xfe}) {
		dec := unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder()
		if u, err := dec.Bytes(data[:len(data)&^1]); err == nil {
			data = u
		}
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if t := bytes.TrimLeft(data, " \t\r\n"); len(t) == 0 || t[0] != '<' {
		return rootOther
	}
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = false
	d.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil }
	for {
		tok, err := d.Token()
		if err != nil {
			if truncated && (err == io.EOF || strings.Contains(err.Error(), "unexpected EOF")) {
				return rootUnknown
			}
			return rootOther
		}
		if s, ok := tok.(xml.StartElement); ok {
			if strings.EqualFold(s.Name.Local, "svg") && s.Name.Space == svgNS {
				return rootSVG
			}
			return rootOther
		}
	}
}

// publishSVG returns the bytes to publish for an SVG file of the kind
// svgKindOf found, and the problems found.
func publishSVG(file string, kind svgKind, data []byte) ([]byte, []error) {
	if kind == compressedSVG {
		return nil, []error{diag.Errorf(file, 0, "this is a compressed SVG (.svgz or gzip), which is not published: most hosts send it so that browsers show a broken picture, and the builder publishes an SVG only once it has removed its scripts and links to other sites; save it as a plain .svg (Inkscape: File > Save As, type Plain SVG) and link to that: the host compresses files as it sends them")}
	}
	clean, removed, err := svgclean.Clean(data)
	var e *svgclean.Error
	if errors.As(err, &e) {
		return nil, []error{diag.Errorf(file, e.Line, "%s", e.Msg)}
	}
	if len(removed) > 0 {
		return clean, []error{svgRemovals(file, removed)}
	}
	return clean, nil
}
