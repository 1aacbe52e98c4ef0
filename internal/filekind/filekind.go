// Package filekind declares which kinds of files the site publishes from
// static/ and page bundles, and how each is kept from telling where or by
// whom it was made: photos are re-encoded, SVG is cleaned, documents and
// other pictures are published as they are only when package metadata
// finds nothing personal in them (or in the files they hold), and text and
// fonts only when their bytes are what their name says. Every other kind
// is refused, with how to export a copy of a kind that is published.
//
// Kinds is the one declaration: Check (the build's check of each file),
// Fix (the fix of a file that carries metadata) and Markdown (the table
// of the README) are derived from it. A file's kind is found by its name
// (its extension, or its whole name) and must agree with its bytes.
package filekind

import (
	"bytes"
	"fmt"
	"path"
	"slices"
	"strings"
	"unicode/utf8"
)

// Handling says how the build keeps a kind of file from carrying where or
// by whom it was made.
type Handling int

const (
	Reencoded Handling = iota // the image pipeline re-encodes it, without metadata
	Cleaned                   // internal/svgclean rewrites it
	Scanned                   // published as it is when package metadata finds nothing personal
	Checked                   // published as it is; it has no metadata, its bytes must be what its name says
	Refused                   // not published
)

// Kind is a kind of file.
type Kind struct {
	Name  string   // "PDF documents", as in the middle of a sentence
	Exts  []string // extensions, in lower case: ".pdf"
	Files []string // whole file names: "CNAME"
	// Formats are the formats package metadata recognises in the bytes
	// of files of this kind; a file named as one of them must be one.
	Formats []string
	Text    bool     // UTF-8 text, without NUL bytes, of no format metadata knows
	Magic   []string // how the bytes begin, for formats metadata does not know
	Handling
	// Fix says how to make a copy that may be published: for a kind
	// published, how to remove what its files may not carry; for one
	// refused, how to make a file of a kind that is. %[1]s is the file.
	Fix string
	// Inside, for a kind that holds other files, says what to do about
	// what they carry (photos put in a document, its comments).
	Inside string
}

const (
	exiftool = "remove the metadata with exiftool -all= %[1]s, or save the file again without it"
	convert  = "convert it to PNG (or JPEG for a photo), which the builder re-encodes without metadata, or remove the metadata with exiftool -all= %[1]s"
	photos   = "remove the metadata from each photo before putting it in (exiftool -all= photo.jpg; a phone's photo tells where it was taken)"
	inspect  = "in Word, Excel or PowerPoint, File > Info > Check for Issues > Inspect Document > Remove All (document properties, comments, revisions); in LibreOffice, Tools > Options > LibreOffice > Security > Options, tick \"Remove personal information on saving\", and in File > Properties untick \"Apply user data\" and Reset Properties"
)

// Kinds are the kinds of files static/ and bundles may hold: those
// published first, then those refused.
var Kinds = []Kind{
	{Name: "photos", Exts: []string{".jpg", ".jpeg", ".png", ".webp"}, Formats: []string{"JPEG", "PNG", "WebP"}, Handling: Reencoded, Fix: exiftool},
	{Name: "SVG pictures", Exts: []string{".svg"}, Text: true, Handling: Cleaned},
	{Name: "GIF and AVIF pictures", Exts: []string{".gif", ".avif"}, Formats: []string{"GIF", "AVIF"}, Handling: Scanned, Fix: convert},
	{Name: "icons", Exts: []string{".ico"}, Formats: []string{"ICO"}, Handling: Scanned,
		Fix: "make the icon again from pictures without metadata (remove it from each PNG with exiftool -all= first), then replace %[1]s"},
	{Name: "PDF documents", Exts: []string{".pdf"}, Formats: []string{"PDF"}, Handling: Scanned,
		Fix:    "clear the document's properties, delete its comments, and export it again (LibreOffice: File > Properties, empty Author and untick \"Apply user data\"; Word: File > Info > Check for Issues > Inspect Document > Remove All), or run qpdf --empty --pages %[1]s -- clean.pdf and publish clean.pdf",
		Inside: photos + ", delete comments and attachments, and export the PDF again (qpdf keeps the photos as they are)"},
	{Name: "Word, Excel and PowerPoint documents", Exts: []string{".docx", ".xlsx", ".pptx"}, Formats: []string{"DOCX", "XLSX", "PPTX"}, Handling: Scanned,
		Fix: inspect + "; then save %[1]s again", Inside: photos + ", accept or reject tracked changes, delete comments, and save it again"},
	{Name: "OpenDocument files", Exts: []string{".odt", ".ods", ".odp"}, Formats: []string{"ODT", "ODS", "ODP"}, Handling: Scanned,
		Fix: inspect + "; then save %[1]s again", Inside: photos + ", accept or reject tracked changes, delete comments, and save it again"},
	{Name: "MP4 videos", Exts: []string{".mp4"}, Formats: []string{"MP4"}, Handling: Scanned,
		Fix: "remove the metadata with ffmpeg -i %[1]s -map_metadata -1 -c copy clean.mp4 (or exiftool -all= %[1]s) and publish clean.mp4"},
	{Name: "fonts", Exts: []string{".woff2", ".woff", ".ttf", ".otf"}, Magic: []string{"wOF2", "wOFF", "\x00\x01\x00\x00", "OTTO", "true"}, Handling: Checked},
	{Name: "text, styles, scripts and data", Exts: []string{".css", ".js", ".mjs", ".json", ".webmanifest", ".txt", ".csv", ".xml"},
		Files: []string{"CNAME", "_headers"}, Text: true, Handling: Checked},

	{Name: "Office 97-2003 documents, and those of other programs", Exts: []string{".doc", ".xls", ".ppt", ".rtf", ".pages", ".numbers", ".key", ".pub", ".wpd"}, Formats: []string{"CFB"}, Handling: Refused,
		Fix: "open it, remove personal information (" + inspect + "), and save it as PDF (or as .docx, .xlsx or .pptx)"},
	{Name: "documents with macros, and templates", Exts: []string{".docm", ".xlsm", ".pptm", ".dotm", ".dotx", ".xltx", ".potx", ".ott", ".ots", ".otp"}, Formats: []string{"DOCM", "XLSM", "PPTM", "OOXML"}, Handling: Refused,
		Fix: "save it as a document without macros (.docx, .xlsx, .pptx, .odt...) or as PDF, removing personal information first"},
	{Name: "archives and e-books", Exts: []string{".zip", ".rar", ".7z", ".tar", ".gz", ".tgz", ".bz2", ".xz", ".epub", ".jar", ".apk"}, Formats: []string{"ZIP", "EPUB", "ODG"}, Handling: Refused,
		Fix: "publish the files it holds one by one, each of a kind the site publishes, so that each is checked (a document as PDF)"},
	{Name: "other pictures", Exts: []string{".tif", ".tiff", ".heic", ".heif", ".bmp", ".psd", ".jp2", ".jpx", ".dng", ".cr2", ".nef", ".arw", ".raw"}, Formats: []string{"TIFF", "HEIF", "JPEG 2000"}, Handling: Refused,
		Fix: "convert it to JPEG (a photo) or PNG, which the builder re-encodes without metadata (browsers do not all show this kind)"},
	{Name: "JPEGs under another name", Exts: []string{".jfif", ".jpe"}, Handling: Refused, Fix: "rename it to .jpg"},
	{Name: "compressed SVG pictures", Exts: []string{".svgz"}, Handling: Refused, Fix: "save it as a plain .svg (Inkscape: File > Save As, type Plain SVG, or gunzip -S .svgz %[1]s), which is cleaned before it is published"},
	{Name: "other videos, and sound", Exts: []string{".mov", ".avi", ".mkv", ".webm", ".m4v", ".3gp", ".wmv", ".mp3", ".m4a", ".wav", ".ogg", ".aac", ".flac", ".wma"}, Handling: Refused,
		Fix: "export it as an MP4 video (H.264 and AAC), whose metadata the check reads"},
	{Name: "web pages", Exts: []string{".html", ".htm", ".xhtml", ".shtml", ".php"}, Handling: Refused,
		Fix: "write the page in Markdown under content/: it gets the site's layout, both languages and every check (pages are not copied as they are)"},
	{Name: "files the computer makes in folders", Files: []string{"Thumbs.db", "desktop.ini"}, Formats: []string{"CFB"}, Handling: Refused,
		Fix: "delete it (Windows makes it; Thumbs.db holds small copies of the folder's photos)"},
}

// Of returns the kind of a file by its name, or nil.
func Of(name string) *Kind {
	base := path.Base(name)
	ext := strings.ToLower(path.Ext(base))
	for i := range Kinds {
		k := &Kinds[i]
		if slices.Contains(k.Files, base) || ext != "" && slices.Contains(k.Exts, ext) {
			return k
		}
	}
	return nil
}

// ofFormat returns the kind whose files are of a format metadata
// recognises, or nil.
func ofFormat(format string) *Kind {
	for i := range Kinds {
		if slices.Contains(Kinds[i].Formats, format) {
			return &Kinds[i]
		}
	}
	return nil
}

// Check says whether a file of static/ or a bundle may be published, by
// its name and its bytes, of which package metadata recognised format (""
// for none). It returns the file's kind (nil when it is of none) and what
// is wrong, with the fix ("" when nothing is): a kind not published, or
// bytes that are not what the name says.
func Check(name string, data []byte, format string) (*Kind, string) {
	k := Of(name)
	switch {
	case k == nil:
		what := "files without an extension"
		if ext := path.Ext(path.Base(name)); ext != "" {
			what = "files of this kind (" + strings.ToLower(ext) + ")"
		}
		return nil, fmt.Sprintf("%s are not published: the site publishes %s; save it as one of them", what, published())
	case k.Handling == Refused:
		return k, fmt.Sprintf("%s are not published: %s", k.Name, k.fix(name))
	}
	if why := k.mismatch(data, format); why != "" {
		return k, fmt.Sprintf("the file's name says it is one of the %s, but %s: export it again as what its name says, or give it the extension of what it is", k.Name, why)
	}
	return k, ""
}

// mismatch says how a file's bytes are not of the kind, or "".
func (k *Kind) mismatch(data []byte, format string) string {
	switch {
	case len(k.Formats) > 0:
		if slices.Contains(k.Formats, format) {
			return ""
		}
	case len(k.Magic) > 0:
		if slices.ContainsFunc(k.Magic, func(m string) bool { return bytes.HasPrefix(data, []byte(m)) }) {
			return ""
		}
	case k.Text:
		switch {
		case format != "":
		case bytes.IndexByte(data, 0) >= 0 || !utf8.Valid(data):
			return "it is not text in UTF-8 (save it again as UTF-8 text)"
		default:
			return ""
		}
	default:
		return ""
	}
	if format == "" {
		return "its bytes are of no kind the site publishes"
	}
	return "it holds a file of the format " + format
}

// Document reports the formats of documents (PDF, office documents):
// files a person writes, which hold others.
func Document(format string) bool {
	k := ofFormat(format)
	return k != nil && k.Handling == Scanned && k.Inside != ""
}

// Fix says how to remove what a file of a format metadata recognised may
// not carry.
func Fix(format, file string) string { return kindOf(format).fix(file) }

// Inside says how to remove what the files inside a file of a format
// carry (the photos put in a document): Fix, for a kind that holds none.
func Inside(format, file string) string {
	if k := kindOf(format); k.Inside != "" {
		return k.Inside
	}
	return Fix(format, file)
}

// kindOf returns the kind of a format, or photos' for one of no kind.
func kindOf(format string) *Kind {
	if k := ofFormat(format); k != nil {
		return k
	}
	return &Kinds[0]
}

func (k *Kind) fix(file string) string {
	if !strings.Contains(k.Fix, "%[1]s") {
		return k.Fix
	}
	return fmt.Sprintf(k.Fix, file)
}

// published lists the kinds published, for a message.
func published() string {
	var names []string
	for _, k := range Kinds {
		if k.Handling != Refused {
			names = append(names, k.Name+" ("+strings.Join(append(slices.Clone(k.Exts), k.Files...), " ")+")")
		}
	}
	return strings.Join(names, ", ")
}
