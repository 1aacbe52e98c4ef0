// Package docscheck checks the project's documentation as GitHub shows it,
// so that no part of it is left behind: a link that leads nowhere, an
// anchor that names no heading, a page no reader can reach.
//
// Check reads the README and every Markdown page of the docs folder and
// checks that every relative link and image leads to a file of the
// repository that exists, that every #anchor is a heading of its target
// (with GitHub's anchors, Arabic headings included: see HeadingID), that
// every page and picture of the docs folder is reached from the README,
// through its links, and that every link to another site is a well-formed
// https address. Nothing is fetched: links to other sites are not followed.
package docscheck

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/alaqsa-ira/site/internal/diag"
)

// imageExts are the kinds of pictures a page may show.
var imageExts = []string{".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg"}

// Check checks the Markdown pages of fsys, a repository: start (the
// README), every .md file under dir, and any other page they link to. It
// returns every problem, as path:line: message, sorted.
func Check(fsys fs.FS, start, dir string) []error {
	c := &checker{fsys: fsys, pages: map[string]*Page{}}
	queue := []string{start}
	_ = fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			c.errs = append(c.errs, diag.Errorf(p, 0, "cannot be read: %v", err))
			return nil
		}
		if !d.IsDir() && path.Ext(p) == ".md" {
			queue = append(queue, p)
		}
		return nil
	})
	for _, p := range queue {
		if page := c.page(p); page != nil {
			c.checkLinks(page)
		}
	}
	c.checkReached(start, dir)
	diag.Sort(c.errs)
	return c.errs
}

type checker struct {
	fsys  fs.FS
	pages map[string]*Page // read so far, by path; nil for one that cannot be read
	errs  []error
}

// page reads the Markdown page at p, once.
func (c *checker) page(p string) *Page {
	if page, ok := c.pages[p]; ok {
		return page
	}
	src, err := fs.ReadFile(c.fsys, p)
	if err != nil {
		c.pages[p] = nil
		return nil
	}
	page := Parse(p, src)
	c.pages[p] = page
	return page
}

// checkLinks checks every link and image of page.
func (c *checker) checkLinks(page *Page) {
	for _, l := range page.Links {
		if msg := c.checkLink(page, l); msg != "" {
			c.errs = append(c.errs, diag.Errorf(page.Path, l.Line, "%s", msg))
		}
	}
}

// checkLink returns what is wrong with the link l of page, or "".
func (c *checker) checkLink(page *Page, l Link) string {
	what := "the link"
	if l.Image {
		what = "the image"
	}
	dest := strings.TrimSpace(l.Dest)
	if dest == "" {
		return what + " has no address: write where it leads between the parentheses"
	}
	u, err := url.Parse(dest)
	if err != nil {
		return fmt.Sprintf("%s %q is not a well-formed address (%v)", what, l.Dest, unwrapURL(err))
	}
	switch {
	case u.Scheme != "":
		return external(what, l.Dest, u)
	case strings.HasPrefix(dest, "//"):
		return fmt.Sprintf("%s %q leaves out https: write https:%s", what, l.Dest, dest)
	case strings.HasPrefix(u.Path, "/"):
		return fmt.Sprintf("%s %q starts at the root of the computer outside GitHub: write it from this file, like %s", what, l.Dest, relative(page.Path, strings.TrimPrefix(u.Path, "/")))
	}
	target := page.Path
	if u.Path != "" {
		target = path.Join(path.Dir(page.Path), u.Path)
		if target == ".." || strings.HasPrefix(target, "../") {
			return fmt.Sprintf("%s %q leads out of the repository", what, l.Dest)
		}
	}
	info, err := fs.Stat(c.fsys, target)
	if err != nil {
		return fmt.Sprintf("%s %q leads to %s, which does not exist: check the name (letter case counts) and the folders (../ is the folder above)", what, l.Dest, target)
	}
	if l.Image {
		return image(l.Dest, target, info, u)
	}
	if u.Fragment != "" || strings.HasSuffix(dest, "#") {
		return c.checkAnchor(l.Dest, target, info, u.Fragment)
	}
	return ""
}

// unwrapURL returns the reason url.Parse gives, without the address.
func unwrapURL(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// external checks a link to another site, which is not fetched: an https
// address with a host, or a mailto: with an address.
func external(what, dest string, u *url.URL) string {
	switch u.Scheme {
	case "https":
		if u.Host == "" || u.Hostname() == "" {
			return fmt.Sprintf("%s %q names no site after https://", what, dest)
		}
		if strings.ContainsAny(dest, " \t") {
			return fmt.Sprintf("%s %q has a space in it: write it as %%20", what, dest)
		}
		return ""
	case "http":
		return fmt.Sprintf("%s %q is not encrypted: write https:// (a web address written as text is a link too; put an example address in `backquotes`)", what, dest)
	case "mailto":
		if what == "the link" && strings.Contains(u.Opaque, "@") {
			return ""
		}
		return fmt.Sprintf("%s %q is not an e-mail address", what, dest)
	}
	return fmt.Sprintf("%s %q is neither a page of the repository nor an https address", what, dest)
}

// image checks what an image leads to: a picture file, with no anchor.
func image(dest, target string, info fs.FileInfo, u *url.URL) string {
	if info.IsDir() || !slices.Contains(imageExts, strings.ToLower(path.Ext(target))) {
		return fmt.Sprintf("the image %q is %s, not a picture (%s)", dest, target, strings.Join(imageExts, " "))
	}
	if u.Fragment != "" {
		return fmt.Sprintf("the image %q has an anchor, which a picture does not have", dest)
	}
	return ""
}

// lineAnchor is the anchor GitHub gives lines of a file that is not
// Markdown: #L12 or #L12-L20.
var lineAnchor = regexp.MustCompile(`^L[1-9][0-9]*(-L[1-9][0-9]*)?$`)

// checkAnchor checks that #fragment is an anchor of target: a heading of a
// Markdown page (of a folder's README.md, for a folder), or lines of
// another file.
func (c *checker) checkAnchor(dest, target string, info fs.FileInfo, fragment string) string {
	if fragment == "" {
		return fmt.Sprintf("the link %q ends in # with no anchor after it", dest)
	}
	if info.IsDir() {
		target = path.Join(target, "README.md")
	}
	if path.Ext(target) != ".md" {
		if lineAnchor.MatchString(fragment) {
			return ""
		}
		return fmt.Sprintf("the link %q has an anchor, but %s is not a Markdown page: link to lines as #L10 or #L10-L20", dest, target)
	}
	page := c.page(target)
	if page == nil {
		return fmt.Sprintf("the link %q leads to %s, which cannot be read", dest, target)
	}
	if page.HasAnchor(fragment) {
		return ""
	}
	return fmt.Sprintf("the link %q leads to #%s, which is not a heading of %s (it has: %s); a heading's anchor is its text in lower case, spaces made hyphens, punctuation left out", dest, fragment, target, strings.Join(page.Anchors(), ", "))
}

// relative returns the path of target written from the folder of from.
func relative(from, target string) string {
	up := strings.Count(path.Dir(from), "/")
	if path.Dir(from) != "." {
		up++
	}
	return strings.Repeat("../", up) + target
}

// checkReached reports every file of dir that no page reached from start
// links to or shows: a page no reader finds, a picture no page shows.
func (c *checker) checkReached(start, dir string) {
	reached := map[string]bool{start: true}
	queue := []string{start}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		page := c.page(p)
		if page == nil {
			continue
		}
		for _, t := range c.targets(page) {
			if !reached[t] {
				reached[t] = true
				if path.Ext(t) == ".md" {
					queue = append(queue, t)
				}
			}
		}
	}
	_ = fs.WalkDir(c.fsys, dir, func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil || d.IsDir() || reached[p]:
		case path.Ext(p) == ".md":
			c.errs = append(c.errs, diag.Errorf(p, 0, "no reader finds this page: nothing links to it from %s, directly or through other pages; link to it from the page it belongs under, or delete it", start))
		default:
			c.errs = append(c.errs, diag.Errorf(p, 0, "no page reached from %s shows or links to this file: show it where it helps, or delete it", start))
		}
		return nil
	})
}

// targets returns the files of the repository page links to or shows; a
// link to a folder reaches its README.md, which GitHub shows there.
func (c *checker) targets(page *Page) []string {
	var out []string
	for _, l := range page.Links {
		u, err := url.Parse(strings.TrimSpace(l.Dest))
		if err != nil || u.Scheme != "" || u.Path == "" || strings.HasPrefix(u.Path, "/") {
			continue
		}
		t := path.Join(path.Dir(page.Path), u.Path)
		if info, err := fs.Stat(c.fsys, t); err == nil && info.IsDir() {
			t = path.Join(t, "README.md")
		}
		out = append(out, t)
	}
	return out
}
