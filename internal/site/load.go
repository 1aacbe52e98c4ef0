package site

import (
	"cmp"
	"context"
	"errors"
	"hash/fnv"
	"io/fs"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"github.com/alaqsa-ira/site/internal/diag"
	"github.com/alaqsa-ira/site/internal/isolate"
	"github.com/alaqsa-ira/site/internal/locale"
	"github.com/alaqsa-ira/site/internal/markdown"
	"github.com/alaqsa-ira/site/internal/regular"
	"github.com/alaqsa-ira/site/internal/slug"
	"github.com/alaqsa-ira/site/internal/yamlpos"
	"golang.org/x/sync/errgroup"
	"golang.org/x/text/unicode/norm"
)

// ContentDir is the folder of Markdown pages.
const ContentDir = "content"

// SummaryLength is the most characters a page summary has.
const SummaryLength = 240

// Options changes how a site is loaded.
type Options struct {
	// GitDates maps a source path ("content/about.en.md") to the time of the
	// last commit that changed it.
	GitDates map[string]time.Time
	// Prev is an earlier load of the same root with the same settings. Its
	// pages are reused instead of being parsed again: those whose bytes are
	// unchanged, or, when Changed is set, every page whose file is not in
	// Changed (without reading it).
	Prev *Site
	// Changed lists the source paths that changed since Prev was loaded.
	Changed map[string]bool
	// BodyBudget is how many bytes of Markdown bodies to keep in memory;
	// 0 means the package's BodyBudget.
	BodyBudget int64
}

// LoadData reads data/: the settings, interface strings, objectives and
// partners. It returns nil when data/site.yaml is unusable.
func LoadData(fsys fs.FS) (*Site, []error) {
	d := &yamlpos.Decoder{Path: ConfigPath}
	cfg := loadConfig(fsys, d)
	problems := d.Errs
	if len(cfg.Languages) == 0 {
		return nil, problems
	}
	problems = append(problems, loadStrings(fsys, cfg)...)
	problems = append(problems, checkStrings(cfg)...)
	s := &Site{Config: cfg}
	var errs []error
	s.Objectives, errs = loadObjectives(fsys, cfg)
	problems = append(problems, errs...)
	s.Partners, errs = loadPartners(fsys, cfg)
	problems = append(problems, errs...)
	s.Redirects, errs = loadRedirects(fsys)
	s.proseDigits()
	return s, append(problems, errs...)
}

// BodyBudget is how many bytes of Markdown bodies a load keeps in memory
// for rendering, which holds the bodies of a site of about 6,000 pages; the
// other bodies are read again when rendered. A site of more than
// BodyPagesMax pages keeps none: it needs its memory more than the few
// percent of build time this saves.
const (
	BodyBudget   = 16 << 20
	BodyPagesMax = 10_000
)

// LoadContent reads content/ into s.Pages, on all cores. When ctx ends it
// stops reading and returns ctx's error with what it had found; the pages
// are then incomplete.
func LoadContent(ctx context.Context, fsys fs.FS, s *Site, md *markdown.Converter, opts Options) []error {
	prev := map[string]*Page{}
	if opts.Prev != nil {
		prev = make(map[string]*Page, len(opts.Prev.Pages))
		for _, p := range opts.Prev.Pages {
			prev[p.Source] = p
		}
	}
	var files []string
	var problems []error
	if opts.Prev != nil && opts.Changed != nil && sameFiles(fsys, prev, opts.Changed) {
		files = make([]string, len(opts.Prev.Pages))
		for i, p := range opts.Prev.Pages {
			files[i] = p.Source
		}
		s.Resources = opts.Prev.Resources
	} else {
		files, s.Resources, problems = contentFiles(fsys)
	}
	pages := make([]*Page, len(files))
	failed := make([]*Page, len(files))
	pageErrs := make([][]error, len(files))
	budget := cmp.Or(opts.BodyBudget, BodyBudget)
	if len(files) > BodyPagesMax {
		budget = 0
	}
	var kept atomic.Int64 // bytes of bodies kept in memory
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i, f := range files {
		if ctx.Err() != nil {
			break
		}
		if p := prev[f]; p != nil && opts.Changed != nil && !opts.Changed[f] {
			pages[i] = p
			kept.Add(int64(len(p.body)))
			continue
		}
		g.Go(func() error {
			raw, problem, bad := readContent(fsys, f)
			if problem != nil {
				failed[i], pageErrs[i] = bad, []error{problem}
				return nil
			}
			if p := prev[f]; p != nil && p.Hash == hash(raw) {
				pages[i] = p
				kept.Add(int64(len(p.body)))
				return nil
			}
			p, errs := readPage(f, raw, s.Config, md)
			if bad, _ := diag.Split(errs); len(bad) > 0 {
				p.body = nil
				failed[i], pageErrs[i] = p, errs
				return nil
			}
			if kept.Add(int64(len(p.body))) > budget {
				p.body = nil
			}
			pages[i], pageErrs[i] = p, errs
			return nil
		})
	}
	_ = g.Wait()
	if err := ctx.Err(); err != nil {
		return append(problems, err)
	}
	s.Pages, s.Failed = s.Pages[:0], nil
	for i, p := range pages {
		problems = append(problems, pageErrs[i]...)
		if failed[i] != nil {
			s.Failed = append(s.Failed, failed[i])
		}
		if p != nil {
			if u := updated(p, opts.GitDates); p.Meta == 0 || !u.Equal(p.Updated) {
				p.Updated = u
				p.Meta = p.metaHash()
			}
			s.Pages = append(s.Pages, p)
		}
	}
	return append(problems, checkBundles(fsys, s)...)
}

// readContent reads a content file. One that is not a regular file (made
// one since it was listed) is skipped with a warning; one that cannot be
// read is an error, and failed is the page it would have been.
func readContent(fsys fs.FS, f string) (raw []byte, problem error, failed *Page) {
	raw, err := fs.ReadFile(fsys, f)
	if w, ok := regular.SkippedErr(f, err); ok {
		return nil, w, nil
	}
	if err != nil {
		return nil, &diag.Error{Path: f, Msg: "cannot read the file: " + errText(err), Err: err}, &Page{Source: f}
	}
	return raw, nil, nil
}

// sameFiles reports whether the changed paths are all content files that
// were loaded before and still are files, so that the list of content files
// is the one loaded before and need not be read again.
func sameFiles(fsys fs.FS, prev map[string]*Page, changed map[string]bool) bool {
	for p := range changed {
		if prev[p] == nil {
			return false
		}
		if info, err := fs.Stat(fsys, p); err != nil || !info.Mode().IsRegular() {
			return false
		}
	}
	return true
}

func updated(p *Page, git map[string]time.Time) time.Time {
	if !p.Lastmod.IsZero() {
		return p.Lastmod
	}
	if t, ok := git[p.Source]; ok {
		return t
	}
	return p.Date
}

// contentFiles lists the Markdown files under content/, sorted, and the
// resources of each page bundle (see bundleResources). Hidden files and
// editors' backup and swap files are skipped; anything that is not a
// regular file or a folder (a link, a named pipe) is skipped with a
// warning; any other file that is neither Markdown nor in a bundle is
// reported.
func contentFiles(fsys fs.FS) ([]string, map[string][]string, []error) {
	var files, others []string
	var errs []error
	err := fs.WalkDir(fsys, ContentDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			msg := "cannot read: " + errText(err)
			if p == ContentDir && errors.Is(err, fs.ErrNotExist) {
				msg = "the folder is missing: the site's pages are the Markdown files in content/; put it back or make it again"
			}
			errs = append(errs, &diag.Error{Path: p, Msg: msg, Err: err})
			return nil
		}
		name := d.Name()
		if p != ContentDir && IgnoredName(name) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if !d.Type().IsRegular() {
			// A link, a named pipe, a socket, a device.
			errs = append(errs, regular.Skipped(p, d.Type()))
			return nil
		}
		if !strings.HasSuffix(name, ".md") {
			others = append(others, p)
			return nil
		}
		files = append(files, p)
		return nil
	})
	if err != nil {
		errs = append(errs, err)
	}
	slices.Sort(files)
	resources, stray := bundleResources(files, others)
	for _, p := range stray {
		errs = append(errs, diag.Warnf(p, 0, "this file is not published: content/ holds Markdown pages and, in a page bundle (a folder with index.LANG.md), the page's photos and documents; move it into the folder of the page that uses it, or into static/"))
	}
	return files, resources, errs
}

// IgnoredName reports file names that are not part of the site: hidden
// files and the backup, swap, lock and temporary files editors leave beside
// the files they edit (vim's file~, .file.swp and 4913, Emacs's #file#,
// JetBrains's file___jb_tmp___, sed -i's sedXXXXXX, Kate's .kate-swp).
func IgnoredName(name string) bool {
	switch {
	case strings.HasPrefix(name, "."), strings.HasPrefix(name, "#"),
		strings.HasSuffix(name, "~"), name == "4913",
		strings.HasSuffix(name, ".swp"), strings.HasSuffix(name, ".swx"),
		strings.HasSuffix(name, ".tmp"), strings.HasSuffix(name, ".kate-swp"),
		strings.HasSuffix(name, "___jb_tmp___"), strings.HasSuffix(name, "___jb_old___"):
		return true
	}
	return len(name) == 9 && strings.HasPrefix(name, "sed") && isAlnum(name[3:])
}

func isAlnum(s string) bool {
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

func hash(b []byte) uint64 {
	h := fnv.New64a()
	_, _ = h.Write(b)
	return h.Sum64()
}

// parsePage parses one content file. It returns nil when the file has
// errors.
func parsePage(file string, raw []byte, cfg *Config, md *markdown.Converter) (*Page, []error) {
	p, errs := readPage(file, raw, cfg, md)
	if bad, _ := diag.Split(errs); len(bad) > 0 {
		return nil, errs
	}
	return p, errs
}

// readPage parses one content file. It always returns a page: when the
// file has errors, the page holds what could be read of it (at least its
// source; its language, kind, key and address as far as the file name and
// front matter tell them), which is what Site.Failed keeps.
func readPage(file string, raw []byte, cfg *Config, md *markdown.Converter) (*Page, []error) {
	p := &Page{Source: file, Hash: hash(raw)}
	rel := strings.TrimPrefix(file, ContentDir+"/")
	dir, base := path.Split(rel)
	p.Dir = norm.NFC.String(strings.TrimSuffix(dir, "/"))
	stem := strings.TrimSuffix(base, ".md")
	name, lang, ok := cutLast(stem, ".")
	if !ok || cfg.Language(lang) == nil {
		return p, []error{diag.Errorf(file, 0, "the file name must end in the page's language, like %s.%s.md (languages: %s)", stem, cfg.Languages[0].Code, langCodes(cfg))}
	}
	p.Lang = lang
	name = norm.NFC.String(name)
	if name == bundleName && p.Dir != "" {
		// A page bundle: the page is named after its folder, and the
		// folder's other files are its resources.
		p.Bundle = ContentDir + "/" + strings.TrimSuffix(dir, "/")
		p.Dir, name = splitDir(p.Dir)
	}
	p.Section, _, _ = strings.Cut(p.Dir, "/")
	switch {
	case name == "_index" && p.Dir == "":
		p.Kind = KindHome
	case name == "_index" && !strings.Contains(p.Dir, "/"):
		p.Kind = KindSection
	case name == "_index":
		p.Kind, p.Key = KindSection, path.Join(p.Dir, name)
		p.Path = pagePath(p)
		return p, []error{diag.Errorf(file, 0, "sections can only be one folder deep under content/; move this folder up or rename the file")}
	default:
		p.Kind = KindPage
		p.Slug = slug.Make(name)
	}
	// What the file name tells, should the front matter fail.
	p.Key, p.Path = path.Join(p.Dir, name), pagePath(p)

	if len(raw) > MaxPageBytes {
		return p, []error{pageTooLarge(file, raw)}
	}
	src, err := cleanText(file, raw)
	if err != nil {
		return p, []error{err}
	}
	root, openLine, body, bodyLine, err := splitFrontMatter(file, src)
	if err != nil {
		return p, []error{err}
	}
	d := &yamlpos.Decoder{Path: file, Offset: openLine}
	p.Slug = "" // the front matter's, or else the file name's (checkPage)
	decodeFrontMatter(d, root, p, cfg)
	p.BodyOffset, p.BodyLen, p.BodyLine = len(src)-len(body), len(body), bodyLine
	p.body = slices.Clip(body)
	checkPage(d, p, name)
	p.Key = p.TranslationKey
	if p.Key == "" {
		p.Key = path.Join(p.Dir, name)
	}
	p.Path = pagePath(p)
	l := cfg.Language(lang)
	if p.Digits == "" {
		p.Digits = l.Locale.Digits
	}
	if arabicDigits(l, p.Digits) {
		p.Title = locale.ProseDigits(p.Title)
		p.Description = locale.ProseDigits(p.Description)
		p.Location = locale.ProseDigits(p.Location)
	}
	if p.Description == "" {
		p.Summary = md.Summary(body, SummaryLength, markdown.Doc{RTL: l.Dir == "rtl", Digits: p.Digits, Quotes: l.Locale.Strings["quotes"]})
	} else {
		p.Summary = p.Description
	}
	return p, d.Errs
}

// checkPage checks the file name, and sets the slug: the front matter's,
// checked, or else the file name's. (The rest of what the front matter
// says is checked as it is read: see FrontMatter.)
func checkPage(d *yamlpos.Decoder, p *Page, name string) {
	errAt := func(key, format string, args ...any) {
		d.Errs = append(d.Errs, diag.Errorf(p.Source, p.Line(key), format, args...))
	}
	if isolate.HasControl(p.Source) {
		errAt("", "the file name has an invisible direction control character, which can disguise it; rename the file")
	}
	switch {
	case p.Slug != "" && p.Kind != KindPage:
		errAt("slug", "slug cannot be set on an _index page: its address is its folder's")
	case p.Slug != "":
		s, err := slug.Check(p.Slug)
		if err != nil {
			errAt("slug", "%v", err)
		}
		p.Slug = s
	case p.Kind == KindPage:
		p.Slug = slug.Make(name)
		if p.Slug == "" {
			errAt("", "the file name %q gives an empty address: rename the file or add slug: ...", name)
		}
	}
}

// pagePath returns the URL path of p: /LANG/, /LANG/SECTION/ or
// /LANG/FOLDERS/SLUG/, each folder made a slug.
func pagePath(p *Page) string {
	var b strings.Builder
	b.WriteString("/" + p.Lang + "/")
	if p.Dir != "" {
		for _, seg := range strings.Split(p.Dir, "/") {
			if s := slug.Make(seg); s != "" {
				b.WriteString(s + "/")
			}
		}
	}
	if p.Kind == KindPage && p.Slug != "" {
		b.WriteString(p.Slug + "/")
	}
	return b.String()
}

func cutLast(s, sep string) (before, after string, ok bool) {
	i := strings.LastIndex(s, sep)
	if i < 0 {
		return s, "", false
	}
	return s[:i], s[i+len(sep):], true
}

func langCodes(cfg *Config) string {
	var codes []string
	for _, l := range cfg.Languages {
		codes = append(codes, l.Code)
	}
	return strings.Join(codes, ", ")
}
