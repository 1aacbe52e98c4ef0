package build

import (
	"bytes"
	"fmt"
	"image"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/alaqsa-ira/site/internal/diag"
	"github.com/alaqsa-ira/site/internal/filekind"
	"github.com/alaqsa-ira/site/internal/metadata"
	"github.com/alaqsa-ira/site/internal/site"
	"github.com/alaqsa-ira/site/internal/svgclean"
	_ "golang.org/x/image/webp" // WebP headers for image.DecodeConfig
)

// This file holds what keeps the files of static/ and bundles safe to
// publish: only the kinds package filekind declares are published, SVGs
// are cleaned (package svgclean), a file published as it is may not carry
// metadata that says who made it or where, nor hold a file that does
// (package metadata), photos too large are pointed out, and every file the
// build writes is scanned again (scanSink), whatever made it.

// Limits past which a source photo is reported: it is slow to upload, to
// build and to keep, and no page needs it.
const (
	maxPhotoBytes = 20 << 20
	maxPhotoSide  = 8000
)

// reencoded reports whether the image pipeline re-encodes a file of
// static/ instead of publishing it as it is (JPEG, PNG and WebP): the
// metadata goes then, so the check of sources leaves it alone. The check
// of the built site still scans what is written.
func reencoded(file string) bool { return site.RasterExt(file) }

// verbatim reports a job whose file is published with the bytes of its
// source.
func verbatim(j *job) bool { return j.kind == jobStatic && j.data == nil && !reencoded(j.target) }

// static makes the file of a static job: its bytes as they are, an SVG
// cleaned. It returns the problems found in the source; reported is set
// when they include its metadata or its kind, which the check of the
// built site then does not report again.
func (r *renderer) static(j *job) (data []byte, problems []error, reported bool, err error) {
	if j.data != nil {
		return j.data, nil, false, nil
	}
	data, err = fs.ReadFile(r.fsys, j.target)
	if err != nil {
		return nil, nil, false, err
	}
	svg := svgKindOf(j.target, data)
	var rep metadata.Report
	if verbatim(j) && svg != compressedSVG {
		rep = metadata.Scan(data)
		kind, bad := filekind.Check(j.target, data, rep.Format)
		if bad != "" {
			problems = append(problems, diag.Errorf(j.target, 0, "%s", bad))
		}
		if kind == nil || kind.Handling == filekind.Refused {
			return data, problems, true, nil // nothing more to say of a file that may not be published
		}
		if bad != "" {
			svg = notSVG // not what its name says: not published, whatever the cleaner would say of it
			reported = true
		}
	}
	problems = append(problems, photoSize(j.target, data)...)
	if svg != notSVG {
		clean, found := publishSVG(j.target, svg, data)
		return clean, append(problems, found...), false, nil
	}
	if verbatim(j) {
		found, ok := metadataProblem(j.target, rep)
		problems = append(problems, found...)
		reported = reported || ok
	}
	return data, problems, reported, nil
}

// metadataProblem reports what a file published as it is carries, and
// whether that is an error of its metadata (reported).
func metadataProblem(file string, rep metadata.Report) (problems []error, reported bool) {
	if p := rep.Personal(); len(p) > 0 {
		problems = append(problems, diag.Errorf(file, 0, "%s", metadataMessage(file, rep.Format, p, false)))
		reported = true
	}
	switch {
	case rep.Refused != "":
		problems = append(problems, diag.Errorf(file, 0, "this file cannot be checked whole, so it is not published: %s; make it smaller (compress its pictures, or split it) and export it again", rep.Refused))
		reported = true
	case rep.Unreadable != "" && !reported:
		problems = append(problems, diag.Warnf(file, 0, "%s: make sure its document properties name no one before publishing it (%s)", rep.Unreadable, filekind.Fix(rep.Format, file)))
	}
	return problems, reported
}

// svgRemovals is the warning that lists what was removed from an SVG.
func svgRemovals(file string, removed []svgclean.Removal) error {
	var whats []string
	for _, r := range removed[:min(len(removed), 3)] {
		whats = append(whats, r.What)
	}
	more := ""
	if n := len(removed) - len(whats); n > 0 {
		more = fmt.Sprintf(" and %d more", n)
	}
	return diag.Warnf(file, removed[0].Line, "removed from the published copy: %s%s (an SVG is published without scripts, event handlers or references to other files); remove them from the file to make this warning go", strings.Join(whats, "; "), more)
}

// metadataMessage says what a file carries, and where in it, why it
// matters and how to remove it. built is set for the check of the built
// site.
func metadataMessage(file, format string, found []metadata.Finding, built bool) string {
	why := "which can tell who made it, and where and when"
	switch {
	case slices.ContainsFunc(found, func(f metadata.Finding) bool { return f.Kind == metadata.GPS }):
		why = "which tells where it was taken"
	case filekind.Document(format):
		why = "which can name the person who wrote it"
	}
	subject := "this file carries "
	if built {
		subject = "the published copy of this file would carry "
	}
	return fmt.Sprintf("%s%s, %s: %s", subject, metadata.Describe(found), why, metadataFix(file, format, found))
}

// metadataFix says how to remove what a file carries: the fix of its kind
// for what the file says itself, and for the files it holds (photos put in
// it, attachments), how to remove theirs.
func metadataFix(file, format string, found []metadata.Finding) string {
	var fixes []string
	if slices.ContainsFunc(found, func(f metadata.Finding) bool { return !f.Held }) {
		fixes = append(fixes, filekind.Fix(format, file))
	}
	if slices.ContainsFunc(found, func(f metadata.Finding) bool { return f.Held }) {
		fixes = append(fixes, filekind.Inside(format, file))
	}
	return strings.Join(fixes, "; and ")
}

// photoSize warns about a source photo over maxPhotoBytes, or with a side
// over maxPhotoSide pixels (read from its header only).
func photoSize(file string, data []byte) []error {
	switch strings.ToLower(path.Ext(file)) {
	case ".jpg", ".jpeg", ".png", ".webp", ".gif", ".tif", ".tiff", ".heic", ".avif":
	default:
		return nil
	}
	w, h, ok := imageDimensions(data)
	if err := photoSizeWarning(file, int64(len(data)), w, h, ok); err != nil {
		return []error{err}
	}
	return nil
}

// photoSizeWarning warns about a source photo of size bytes and w x h
// pixels (known if ok) over maxPhotoBytes, or with a side over
// maxPhotoSide; else it returns nil.
func photoSizeWarning(file string, bytes int64, w, h int, ok bool) error {
	big := bytes > maxPhotoBytes
	if !big && !(ok && max(w, h) > maxPhotoSide) {
		return nil
	}
	size := fmt.Sprintf("%.1f MB", float64(bytes)/(1<<20))
	if ok {
		size += fmt.Sprintf(", %d x %d px", w, h)
	}
	return diag.Warnf(file, 0, "this photo is %s: no page needs more than %d MB or %d px on a side, and a large one is slow to build and to keep; resize it (to 4000 px on its longer side, say) before adding it", size, maxPhotoBytes>>20, maxPhotoSide)
}

// imageDimensions reads an image's width and height from its header, with
// the decoders registered with package image (JPEG, PNG, GIF, and WebP by
// golang.org/x/image/webp). A decoder's panic on a damaged header means
// the size is not known.
func imageDimensions(data []byte) (w, h int, ok bool) {
	defer func() {
		if recover() != nil {
			w, h, ok = 0, 0, false
		}
	}()
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return 0, 0, false
	}
	return cfg.Width, cfg.Height, true
}

// scanSink scans every file written through it for metadata (EXIF, GPS,
// XMP...): the check of the built site, which holds whatever made the
// file (a static file, a re-encoded photo, a page).
type scanSink struct {
	Sink
	mu    sync.Mutex
	found map[string]metadata.Report // by output path
}

func newScanSink(s Sink) *scanSink { return &scanSink{Sink: s, found: map[string]metadata.Report{}} }

// Write implements Sink.
func (s *scanSink) Write(p string, data []byte) error {
	if rep := metadata.Scan(data); len(rep.Personal()) > 0 {
		s.mu.Lock()
		s.found[p] = rep
		s.mu.Unlock()
	}
	return s.Sink.Write(p, data)
}

// Read gives back a file written, when the Sink beneath can.
func (s *scanSink) Read(p string) ([]byte, bool) {
	if r, ok := s.Sink.(reader); ok {
		return r.Read(p)
	}
	return nil, false
}

// problems returns an error for each file written with metadata, but for
// those whose source was already reported (reported).
func (s *scanSink) problems(jobs []*job, reported map[string]bool) []error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.found) == 0 {
		return nil
	}
	var errs []error
	for _, j := range jobs {
		rep, ok := s.found[j.file]
		if !ok || reported[j.file] || j.preview {
			continue
		}
		src := j.file
		if j.kind == jobStatic {
			src = j.target
		} else if j.page != nil && j.page.Source != "" {
			src = j.page.Source
		}
		errs = append(errs, diag.Errorf(src, 0, "%s", metadataMessage(src, rep.Format, rep.Personal(), true)))
	}
	return errs
}

// reportedFiles lists the files whose source's metadata was reported.
func reportedFiles(todo []*job, done []rendered) map[string]bool {
	out := map[string]bool{}
	for i, j := range todo {
		if done[i].reported {
			out[j.file] = true
		}
	}
	return out
}
