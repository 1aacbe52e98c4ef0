// Package assets prepares the files that pages load from static/css,
// static/js and static/fonts: stylesheets and scripts are minified, and
// every such file is named by a hash of its content (css/site.3f2a9c1e.css),
// so that hosts can let browsers cache it for a year and a change still
// reaches readers at once. Stylesheets' url() references to other assets are
// rewritten to the hashed names first, so a new font gives a new stylesheet.
//
// The dev server uses the files as they are, under their own names, so that
// a stylesheet can be swapped in place while it is being edited.
package assets

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
)

// Dirs are the folders of static/ whose files are assets.
var Dirs = []string{"css", "js", "fonts"}

// Asset is one prepared file.
type Asset struct {
	Name string // output path: "css/site.3f2a9c1e.css"
	Data []byte
}

// Set maps the paths layouts use ("/css/site.css") to prepared files.
type Set struct {
	byPath map[string]Asset
}

// IsAsset reports whether a static file (a path under static/, like
// "css/site.css") is prepared as an asset.
func IsAsset(rel string) bool {
	dir, _, _ := strings.Cut(rel, "/")
	if !slices.Contains(Dirs, dir) {
		return false
	}
	switch path.Ext(rel) {
	case ".css", ".js", ".woff2", ".woff", ".ttf", ".otf":
		return true
	}
	return false
}

// Prepare reads the assets among files (paths under root, like
// "static/css/site.css"). With fingerprint unset (the dev server) the files
// keep their names and bytes.
func Prepare(fsys fs.FS, root string, files []string, fingerprint bool) (*Set, error) {
	s := &Set{byPath: map[string]Asset{}}
	var sheets []string
	for _, f := range files {
		rel := strings.TrimPrefix(f, root+"/")
		if !IsAsset(rel) {
			continue
		}
		if path.Ext(rel) == ".css" && fingerprint {
			sheets = append(sheets, f) // after the fonts they name
			continue
		}
		data, err := fs.ReadFile(fsys, f)
		if err != nil {
			return nil, err
		}
		if fingerprint && path.Ext(rel) == ".js" {
			if data, err = minifyAs("application/javascript", data); err != nil {
				return nil, &Error{Path: f, Err: err}
			}
		}
		s.add(rel, data, fingerprint)
	}
	for _, f := range sheets {
		rel := strings.TrimPrefix(f, root+"/")
		data, err := fs.ReadFile(fsys, f)
		if err != nil {
			return nil, err
		}
		data = s.rewriteURLs(path.Dir(rel), data)
		if data, err = minifyAs("text/css", data); err != nil {
			return nil, &Error{Path: f, Err: err}
		}
		s.add(rel, data, true)
	}
	return s, nil
}

func (s *Set) add(rel string, data []byte, fingerprint bool) {
	name := rel
	if fingerprint {
		sum := sha256.Sum256(data)
		ext := path.Ext(rel)
		name = strings.TrimSuffix(rel, ext) + "." + hex.EncodeToString(sum[:4]) + ext
	}
	s.byPath["/"+rel] = Asset{Name: name, Data: data}
}

// Lookup returns the prepared file for a path layouts use ("/css/site.css").
func (s *Set) Lookup(p string) (Asset, bool) {
	a, ok := s.byPath["/"+strings.TrimPrefix(p, "/")]
	return a, ok
}

// All returns the prepared files, sorted by name.
func (s *Set) All() []Asset {
	out := make([]Asset, 0, len(s.byPath))
	for _, a := range s.byPath {
		out = append(out, a)
	}
	slices.SortFunc(out, func(a, b Asset) int { return strings.Compare(a.Name, b.Name) })
	return out
}

// Hash identifies the whole set: it changes when any asset does.
func (s *Set) Hash() string {
	h := sha256.New()
	for _, a := range s.All() {
		h.Write([]byte(a.Name))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}

var cssURL = regexp.MustCompile(`url\(\s*(['"]?)([^'")]+)(['"]?)\s*\)`)

// rewriteURLs points a stylesheet's url() references at the hashed names.
func (s *Set) rewriteURLs(dir string, css []byte) []byte {
	return cssURL.ReplaceAllFunc(css, func(m []byte) []byte {
		sub := cssURL.FindSubmatch(m)
		ref := string(sub[2])
		if strings.Contains(ref, ":") || strings.HasPrefix(ref, "/") || strings.HasPrefix(ref, "#") {
			return m
		}
		target := path.Join(dir, ref)
		a, ok := s.byPath["/"+target]
		if !ok {
			return m
		}
		rel := relative(dir, a.Name)
		return []byte(`url("` + rel + `")`)
	})
}

// relative returns the path of target from the folder dir.
func relative(dir, target string) string {
	d := strings.Split(dir, "/")
	t := strings.Split(target, "/")
	i := 0
	for i < len(d) && i < len(t)-1 && d[i] == t[i] {
		i++
	}
	return strings.Repeat("../", len(d)-i) + strings.Join(t[i:], "/")
}

// Error is an asset that could not be prepared.
type Error struct {
	Path string
	Err  error
}

func (e *Error) Error() string { return e.Path + ": " + e.Err.Error() }

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

var minifier = func() *minify.M {
	m := minify.New()
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("application/javascript", js.Minify)
	m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true, KeepDefaultAttrVals: true})
	return m
}()

func minifyAs(mediatype string, data []byte) ([]byte, error) {
	var b bytes.Buffer
	if err := minifier.Minify(mediatype, &b, bytes.NewReader(data)); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// MinifyJS minifies a script.
func MinifyJS(data []byte) ([]byte, error) {
	return minifyAs("application/javascript", data)
}

// MinifyHTML minifies a page into w. The minifier reads page's bytes in
// place, without copying them.
func MinifyHTML(w, page *bytes.Buffer) error {
	return minifier.Minify("text/html", w, page)
}
