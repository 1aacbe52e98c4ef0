package site

import (
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/alaqsa-ira/site/internal/diag"
	"github.com/alaqsa-ira/site/internal/remote"
)

// Page bundles
//
// A page may be a folder instead of a file: content/announcements/x/
// holding index.en.md and index.ar.md (the page in each language) and the
// files the page uses, its resources (photos, documents). The page's
// address is the folder's, as if it were announcements/x.LANG.md, and both
// languages share the resources. Every file under the folder that is not
// Markdown is a resource of the bundle, unless a folder nearer to it is a
// bundle of its own.

// bundleName is the file name, without language, of a bundle's page.
const bundleName = "index"

// splitDir splits a slash-separated folder into its parent and its name.
func splitDir(dir string) (parent, name string) {
	i := strings.LastIndexByte(dir, '/')
	if i < 0 {
		return "", dir
	}
	return dir[:i], dir[i+1:]
}

// isBundlePage reports a content file that is a bundle's page:
// content/FOLDER/.../index.LANG.md.
func isBundlePage(file string) bool {
	dir, base := path.Split(file)
	stem, ok := strings.CutSuffix(base, ".md")
	name, _, found := cutLast(stem, ".")
	return ok && found && name == bundleName && strings.TrimSuffix(dir, "/") != ContentDir
}

// bundleResources sorts the files of content/ that are not Markdown into
// the resources of each bundle, by bundle folder, and the stray files that
// are in no bundle. pages are the Markdown files.
func bundleResources(pages, others []string) (map[string][]string, []string) {
	bundles := map[string]bool{}
	for _, f := range pages {
		if isBundlePage(f) {
			bundles[path.Dir(f)] = true
		}
	}
	var stray []string
	res := map[string][]string{}
	for _, f := range others {
		dir := path.Dir(f)
		for dir != ContentDir && dir != "." && !bundles[dir] {
			dir = path.Dir(dir)
		}
		if !bundles[dir] {
			stray = append(stray, f)
			continue
		}
		res[dir] = append(res[dir], f)
	}
	for _, l := range res {
		slices.Sort(l)
	}
	return res, stray
}

// Resource returns the file a page's link or front matter names among the
// resources of its bundle: ref is relative to the bundle's folder
// ("group.jpg", "photos/1.jpg"). ok is false when the page is not a bundle
// or the bundle has no such file.
func (s *Site) Resource(p *Page, ref string) (string, bool) {
	if p.Bundle == "" || ref == "" || strings.HasPrefix(ref, "/") {
		return "", false
	}
	f := path.Join(p.Bundle, ref)
	if !strings.HasPrefix(f, p.Bundle+"/") {
		return "", false
	}
	_, ok := slices.BinarySearch(s.Resources[p.Bundle], f)
	return f, ok
}

// StaticDir is the folder of files published as they are (photos of it as
// their derivatives).
const StaticDir = "static"

// RasterExt reports the file extensions of the photos the site publishes as
// derivatives: JPEG, PNG and WebP.
func RasterExt(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".jpg", ".jpeg", ".png", ".webp":
		return true
	}
	return false
}

// checkBundles reports what is wrong with bundles and cover photos: a
// bundle and a page file that claim one address, and cover photos that
// are missing, not photos, or without a description. It sets each page's
// ImageSource.
func checkBundles(fsys fs.FS, s *Site) []error {
	var errs []error
	type keyLang struct{ key, lang string }
	bundles := map[keyLang]*Page{} // a bundle's page by its folder and language
	folders := map[string]*Page{}  // and by its folder alone
	for _, p := range s.Pages {
		if p.Bundle != "" {
			k := strings.TrimPrefix(p.Bundle, ContentDir+"/")
			bundles[keyLang{k, p.Lang}] = p
			folders[k] = p
		}
		errs = append(errs, checkCover(fsys, s, p)...)
	}
	if len(folders) == 0 {
		return errs
	}
	for _, p := range s.Pages {
		if p.Bundle != "" || p.Kind != KindPage {
			continue
		}
		k := strings.TrimSuffix(strings.TrimPrefix(p.Source, ContentDir+"/"), "."+p.Lang+".md")
		if b := bundles[keyLang{k, p.Lang}]; b != nil {
			errs = append(errs, diag.Errorf(p.Source, 1, "this page and %s (a page bundle) are both the %s page at one address: keep one; to use the bundle, move this file's text into %s and delete this file", b.Source, p.Lang, b.Source))
		} else if b := folders[k]; b != nil {
			errs = append(errs, diag.Warnf(p.Source, 1, "this page's other languages are in the page bundle %s/: move it there as index.%s.md, so that it can use the bundle's photos and documents", b.Bundle, p.Lang))
		}
	}
	return errs
}

// checkCover checks a page's image and imageAlt, and sets ImageSource.
func checkCover(fsys fs.FS, s *Site, p *Page) []error {
	var errs []error
	errAt := func(key, format string, args ...any) {
		errs = append(errs, diag.Errorf(p.Source, p.Line(key), format, args...))
	}
	if p.Image == "" {
		if _, ok := p.KeyLines["image"]; ok {
			errAt("image", "image is empty: name the cover photo, like image: group.jpg (a file beside the page), or remove the key")
		}
		if p.ImageAlt != "" {
			errAt("imageAlt", "imageAlt describes a cover photo, but the page has no image: add image: ... or remove imageAlt")
		}
		return errs
	}
	src, err := coverSource(fsys, s, p)
	if err != nil {
		errAt("image", "%v", err)
		return errs
	}
	p.ImageSource = src
	if p.ImageAlt == "" {
		errAt("image", "the cover photo has no description for readers who cannot see it: add imageAlt: ... saying what it shows, in the page's language")
	}
	return errs
}

// coverSource finds the file a page's image names.
func coverSource(fsys fs.FS, s *Site, p *Page) (string, error) {
	img := p.Image
	if host, ok := remote.Host(img); ok || strings.Contains(img, "://") {
		where := "under static/images/ and write image: /images/group.jpg (or make the page a folder and save it beside the page)"
		if p.Bundle != "" {
			where = "in the page's folder " + p.Bundle + "/ and write its name, like image: group.jpg"
		}
		return "", fmt.Errorf("image %q is an address on the web%s, and pages of this site load nothing from other sites: the cover photo must be a file of the site; download it, save it %s", img, onHost(host), where)
	}
	if !RasterExt(img) {
		return "", fmt.Errorf("image %q is not a photo the site can publish: use a JPEG, PNG or WebP file (.jpg, .png, .webp)", img)
	}
	if rel, ok := strings.CutPrefix(img, "/"); ok {
		f := path.Join(StaticDir, rel)
		if strings.Contains(rel, "..") || !fs.ValidPath(f) {
			return "", fmt.Errorf("image %q must not leave static/: write its path from static/, like /images/group.jpg", img)
		}
		if info, err := fs.Stat(fsys, f); err != nil || !info.Mode().IsRegular() {
			return "", fmt.Errorf("image %q is not in static/ (looked for %s): add the file or fix the name", img, f)
		}
		return f, nil
	}
	if p.Bundle == "" {
		return "", fmt.Errorf("image %q is not beside this page: only a page bundle (a folder with index.%s.md) has files beside it; make the page a bundle, or put the photo under static/images/ and write image: /images/%s", img, p.Lang, path.Base(img))
	}
	f, ok := s.Resource(p, img)
	if !ok {
		return "", fmt.Errorf("image %q is not in the page's folder %s/: add the file or fix the name (names are case-sensitive)", img, p.Bundle)
	}
	return f, nil
}

// onHost is " (on HOST)" for a host, or "".
func onHost(host string) string {
	if host == "" {
		return ""
	}
	return " (on " + host + ")"
}
