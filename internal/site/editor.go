package site

import (
	"net/url"
	"regexp"

	"github.com/alaqsa-ira/site/internal/yamlpos"
	"gopkg.in/yaml.v3"
)

// Editor is the editor: section of data/site.yaml: where the web editor at
// /admin/ reads and saves the site (see internal/cms).
type Editor struct {
	Repo    string // the GitHub repository, owner/name
	Branch  string // the branch saved to; "main" when not given
	AuthURL string // the OAuth service that signs editors in with GitHub
	// SiteDomain is the domain the OAuth service knows the site by, when
	// it is not the one the site is published at (a Netlify site used only
	// for signing in: its NAME.netlify.app).
	SiteDomain string
}

var (
	editorKeys = []string{"repo", "branch", "authURL", "siteDomain"}
	repoName   = regexp.MustCompile(`^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}$`)
)

func loadEditor(d *yamlpos.Decoder, n *yaml.Node) Editor {
	e := Editor{Branch: "main"}
	if n == nil {
		return e
	}
	m := d.Map(n, "editor")
	if s, ok := m.String("repo"); ok {
		if !repoName.MatchString(s) {
			d.Errorf(m.Take("repo"), "editor.repo %q must be a GitHub repository written owner/name, like alaqsa-ira/site", s)
		} else {
			e.Repo = s
		}
	}
	if s, ok := m.String("branch"); ok && s != "" {
		e.Branch = s
	}
	if s, ok := m.String("authURL"); ok {
		if u, err := url.Parse(s); err != nil || u.Scheme != "https" || u.Host == "" || u.Path != "" && u.Path != "/" {
			d.Errorf(m.Take("authURL"), "editor.authURL %q must be the address of the sign-in service, https://host, without a path", s)
		} else {
			e.AuthURL = s
		}
	}
	e.SiteDomain, _ = m.String("siteDomain")
	m.Unknown("editor", editorKeys)
	return e
}
