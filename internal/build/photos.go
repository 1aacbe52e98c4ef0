package build

import (
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/alaqsa-ira/site/internal/imaging"
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
		add(&job{file: dir + ph.Original, kind: jobStatic, target: ph.Source, data: ph.Data, from: ph.Source, preview: true})
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

// photoChanged reports a change to a photo since the last build: the pages
// that show it must be rendered again although no page's meta changed.
func (b *Builder) photoChanged() bool {
	for p := range b.pending {
		if site.RasterExt(p) {
			return true
		}
	}
	return false
}

// photoWarnings warns about the source photos that are larger than a page
// needs (photoSizeWarning), from their files' sizes and upright sizes.
func photoWarnings(fsys fs.FS, photos map[string]*photo.Photo, sources []string) []error {
	var out []error
	for _, src := range sources {
		ph := photos[src]
		if ph == nil {
			continue
		}
		var n int64
		if fi, err := fs.Stat(fsys, src); err == nil {
			n = fi.Size()
		}
		if err := photoSizeWarning(src, n, ph.Width, ph.Height, true); err != nil {
			out = append(out, err)
		}
	}
	return out
}
