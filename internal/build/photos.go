package build

import (
	"fmt"
	"net/url"
	"path"
	"slices"
	"strings"

	"github.com/alaqsa-ira/site/internal/imaging"
	"github.com/alaqsa-ira/site/internal/markdown"
	"github.com/alaqsa-ira/site/internal/photo"
	"github.com/alaqsa-ira/site/internal/site"
)

// DefaultCacheDir is the folder under the site root where derivatives of
// photos are cached between builds.
const DefaultCacheDir = ".cache/images"

// catalog returns the builder's photo catalog, made on first use with the
// site's settings and Options.CacheDir.
func (b *Builder) catalog() (*photo.Catalog, error) {
	if b.opts.Photos != nil {
		return b.opts.Photos, nil
	}
	proc, err := imaging.New(imaging.DefaultSettings(), b.opts.CacheDir)
	if err != nil {
		return nil, err
	}
	b.opts.Photos = photo.New(proc)
	if b.opts.PhotosReady != nil {
		b.opts.Photos.Background(b.opts.PhotosReady)
	}
	return b.opts.Photos, nil
}

// Close stops the photos being made in the background, and waits for them.
func (b *Builder) Close() {
	if b.opts.Photos != nil {
		b.opts.Photos.Close()
	}
}

// photoSources lists the photos a build publishes, sorted: every photo of
// static/, and those of the bundles of published pages.
func photoSources(a *site.Assembly, static []string) []string {
	var out []string
	for _, f := range static {
		if site.RasterExt(f) {
			out = append(out, f)
		}
	}
	seen := map[string]bool{}
	for _, p := range a.Pages {
		if p.Bundle == "" || seen[p.Bundle] {
			continue
		}
		seen[p.Bundle] = true
		for _, f := range a.Site.Resources[p.Bundle] {
			if site.RasterExt(f) {
				out = append(out, f)
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// photoJobs adds the files of a photo published in the site folder dir
// ("images/", "en/announcements/x/"): its derivatives, or while they are
// being made (dev server) its source.
func photoJobs(add func(*job), ph *photo.Photo, dir string) {
	if ph.Pending {
		add(&job{file: dir + ph.Original, kind: jobStatic, target: ph.Source, data: ph.Data, from: ph.Source})
		return
	}
	for _, v := range ph.Variants {
		add(&job{file: dir + v.Name, kind: jobStatic, target: ph.Source, data: v.Data, from: ph.Source})
	}
}

// bundleJobs adds the resources of published bundles beside each of their
// pages: photos as their derivatives, other files as they are.
func bundleJobs(a *site.Assembly, photos map[string]*photo.Photo, add func(*job)) {
	for _, p := range a.Pages {
		if p.Bundle == "" {
			continue
		}
		for _, f := range a.Site.Resources[p.Bundle] {
			dir := strings.TrimPrefix(photo.Dir(f, p.Bundle, p.Path), "/")
			if !site.RasterExt(f) {
				add(&job{file: dir + path.Base(f), kind: jobStatic, target: f, from: f})
				continue
			}
			if ph := photos[f]; ph != nil {
				photoJobs(add, ph, dir)
			}
		}
	}
}

// photoView is a photo as one page shows it.
type photoView struct {
	ph  *photo.Photo
	dir string // URL folder of its files, with the base path
}

// Picture implements markdown.Photo.
func (v photoView) Picture(alt string, eager bool) string {
	return v.ph.Picture(v.dir, alt, photo.Show{Sizes: photo.SizesBody, Eager: eager})
}

// URL implements markdown.Photo.
func (v photoView) URL() string {
	if v.ph.Pending {
		return v.dir + v.ph.Original
	}
	l, _ := v.ph.Largest()
	return v.dir + l.Name
}

// photoFor returns the photo an image or link of p's body names, ok false
// when dest names no photo of the site's (it is then a link like any
// other). A photo written beside a page that has none is an error.
func (r *renderer) photoFor(p *site.Page, dest string) (markdown.Photo, bool, string, error) {
	ref, _, _ := strings.Cut(dest, "#")
	ref, _, _ = strings.Cut(ref, "?")
	if u, err := url.PathUnescape(ref); err == nil {
		ref = u
	}
	if !site.RasterExt(ref) || strings.HasPrefix(ref, "//") {
		return nil, false, "", nil
	}
	var src string
	if rel, ok := strings.CutPrefix(ref, "/"); ok {
		src = path.Join(staticDir, rel)
		if _, known := r.photos[src]; !known && !r.failedPhotos[src] {
			return nil, false, "", nil // not a file of static/: the check reports it
		}
	} else {
		var ok bool
		if p.Bundle == "" {
			return nil, false, "", fmt.Errorf("the photo %q is not beside this page: only a page bundle (a folder with index.%s.md) has files beside it; make the page a folder, or put the photo under static/images/ and write /images/%s", ref, p.Lang, path.Base(ref))
		}
		if src, ok = r.a.Site.Resource(p, ref); !ok {
			return nil, false, "", fmt.Errorf("the photo %q is not in the page's folder %s/: add the file or fix the name (names are case-sensitive)", ref, p.Bundle)
		}
	}
	ph := r.photos[src]
	if ph == nil {
		// It failed, and its error is reported where it is.
		return brokenPhoto{}, true, src, nil
	}
	return photoView{ph: ph, dir: r.sites[p.Lang].RelURL(photo.Dir(src, p.Bundle, p.Path))}, true, src, nil
}

// brokenPhoto stands for a photo that could not be published: its page
// shows nothing for it.
type brokenPhoto struct{}

func (brokenPhoto) Picture(string, bool) string { return "" }
func (brokenPhoto) URL() string                 { return "" }

// usePhotos gives the renderer and its layouts this build's photos;
// sources are all the photos asked for, failed or not.
func (r *renderer) usePhotos(photos map[string]*photo.Photo, sources []string) {
	r.photos = photos
	r.failedPhotos = map[string]bool{}
	for _, s := range sources {
		if photos[s] == nil {
			r.failedPhotos[s] = true
		}
	}
	for _, s := range r.sites {
		s.UsePhotos(func(src string) *photo.Photo { return photos[src] })
	}
}

// statsSince returns the work done between two readings of the stats.
func statsSince(now, before imaging.Stats) imaging.Stats {
	return imaging.Stats{
		Decodes:   now.Decodes - before.Decodes,
		Encodes:   now.Encodes - before.Encodes,
		CacheHits: now.CacheHits - before.CacheHits,
		Rejected:  now.Rejected - before.Rejected,
		CacheBad:  now.CacheBad - before.CacheBad,
	}
}
