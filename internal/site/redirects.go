package site

import (
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"strings"

	"github.com/alaqsa-ira/site/internal/yamlpos"
)

// RedirectsPath lists old addresses and where they lead now.
const RedirectsPath = "data/redirects.yaml"

// Redirect is one entry of data/redirects.yaml: an address of the office's
// previous site, under the site's base path, and the address on this site
// it now leads to.
type Redirect struct {
	From  string // as written: "/ar/page.aspx?id=12"
	Path  string // From without its query: "/ar/page.aspx"
	Query string // "id=12", or ""
	To    string // "/ar/about/"
	Line  int
}

var redirectKeys = []string{"from", "to"}

func loadRedirects(fsys fs.FS) ([]Redirect, []error) {
	d := &yamlpos.Decoder{Path: RedirectsPath}
	root, ok := readYAML(fsys, d, true)
	if !ok || root == nil {
		return nil, d.Errs
	}
	var out []Redirect
	seen := map[string]int{}
	for _, item := range d.List(root, "redirects.yaml") {
		m := d.Map(item, "a redirect")
		r := Redirect{Line: d.Line(item)}
		from, _ := m.String("from")
		to, _ := m.String("to")
		m.Unknown("redirect", redirectKeys)
		if from == "" || to == "" {
			d.Errorf(item, "a redirect needs from: (the old address) and to: (the address on this site, like /en/about/)")
			continue
		}
		u, err := url.Parse(from)
		if err != nil || !strings.HasPrefix(from, "/") || u.Fragment != "" || hasDotSegment(u.Path) {
			d.Errorf(m.Take("from"), "from %q must be an address from the site root, like /ar/page.aspx?id=12, without # or . and .. folders", from)
			continue
		}
		t, err := url.Parse(to)
		if err != nil || !strings.HasPrefix(to, "/") || strings.HasPrefix(to, "//") || t.RawQuery != "" || hasDotSegment(t.Path) {
			d.Errorf(m.Take("to"), "to %q must be an address on this site, like /en/about/", to)
			continue
		}
		r.From, r.Path, r.Query, r.To = from, u.Path, u.RawQuery, to
		if r.Path == r.To && r.Query == "" {
			d.Errorf(m.Take("to"), "this redirect leads to itself")
			continue
		}
		if first, dup := seen[from]; dup {
			d.Errorf(m.Take("from"), "%s is redirected twice (first on line %d)", from, first)
			continue
		}
		seen[from] = r.Line
		out = append(out, r)
	}
	return out, d.Errs
}

func hasDotSegment(p string) bool {
	for _, seg := range strings.Split(p, "/") {
		if seg == "." || seg == ".." {
			return true
		}
	}
	return false
}

// RedirectFile is the file a redirect page for an address path is written
// to: a folder's index.html, or the file itself when the path names one
// (old.html, page.aspx).
func RedirectFile(p string) (string, error) {
	clean := strings.TrimPrefix(path.Clean(p), "/")
	if clean == "" || clean == "." {
		return "", fmt.Errorf("the site root cannot be redirected")
	}
	if strings.HasSuffix(p, "/") || path.Ext(clean) == "" {
		return clean + "/index.html", nil
	}
	return clean, nil
}
