// Package cms makes the web editor the published site carries at /admin/:
// Sveltia CMS, a git-based editor that runs in the browser and saves to the
// site's GitHub repository, with no server of the office's own. Its
// interface speaks the editor's language: Arabic, right to left, in a
// browser set to Arabic (or when chosen in its settings), else English.
//
// The build writes three files under Dir. index.html loads Sveltia CMS from
// the CDN its documentation names, pinned to Version with a
// subresource-integrity hash (no CMS code is in this repository). The
// script loads more files once running; each it needs is pinned too
// (Lazy), and the rest are refused: a Content-Security-Policy in the page
// lets no other script run, and editor.js fetches no other file of the CDN
// and replaces the fonts the CMS takes from another.
// config.yml is the editor's configuration, generated from the schemas that
// site check enforces (internal/site: FrontMatter, PartnerFields,
// ObjectiveFields, the categories and languages of data/site.yaml), so the
// editor offers exactly what the checker accepts, with every field's label
// and hint in Arabic and English. editor.js is our own: it checks the lazily
// loaded files against their hashes, then starts the editor; it writes
// each language's text in its direction, and adds a date that may not be
// before another (a deadline before the date is refused with a message).
//
// The pages under Dir carry <meta name="robots" content="noindex"> and are
// not pages of the site: no sitemap, search index, feed, language switcher
// or link check sees them. A service worker must not handle /admin/.
package cms

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"html/template"
	"strings"

	"github.com/alaqsa-ira/site/internal/site"
)

// Dir is the folder of the editor in the output.
const Dir = "admin"

// CDN is where the editor's files come from: the CDN Sveltia's
// documentation names, which its script also loads its lazy files from.
const CDN = "https://unpkg.com/"

// The Sveltia CMS release the editor loads, and where from. Integrity is the
// SHA-384 of dist/sveltia-cms.js in the npm package @sveltia/cms@Version;
// .ci/run installs that package (and the others Lazy names) and the browser
// tests serve their files in place of the CDN's, so a wrong hash fails
// them. To move to another release, change Version, Integrity and Lazy
// (openssl dgst -sha384 -binary FILE | openssl base64 -A for each file),
// and the versions in .ci/run.
const (
	Version   = "0.221.1"
	ScriptURL = CDN + "@sveltia/cms@" + Version + "/dist/sveltia-cms.js"
	Integrity = "sha384-JQ+XsKx/UzwdTiNnFStza3XtqqQoVtyNPApkfvwlzZDfhe7giE9CnfQrpHqgv3k6"
)

// A Pin is a file the editor's script loads once running, from CDN, with
// the hash it must have.
type Pin struct {
	URL       string
	Integrity string
	// Load is how the file is loaded: LoadModule (an import() of the
	// script, checked through the page's import map and allowed by its
	// policy), LoadFetch (a fetch() of the script, to which editor.js adds
	// the hash) or LoadFont (one of the fonts the script's style sheet takes
	// from another CDN, unpinned, which the page's policy refuses: editor.js
	// fetches this copy with its hash instead and declares it as Font says).
	Load Load
	Font *Font `json:",omitempty"`
}

// Load is how the editor loads a Pin.
type Load string

// The ways a Pin is loaded.
const (
	LoadModule Load = "module"
	LoadFetch  Load = "fetch"
	LoadFont   Load = "font"
)

// Font is the @font-face a font Pin is declared with, under a name of our
// own, and the rule of style (Use) that puts it where the script's style
// sheet puts its own font, which then is never used, and never loaded.
type Font struct {
	Family       string `json:"family"`
	Weight       string `json:"weight"`
	Display      string `json:"display"`
	UnicodeRange string `json:"unicodeRange,omitempty"`
	SizeAdjust   string `json:"sizeAdjust,omitempty"`
	Use          string `json:"use"`
}

// latin is the unicode-range of the script's Latin font.
const latin = "U+0000-00FF, U+0131, U+0152-0153, U+02BB-02BC, U+02C6, U+02DA, U+02DC, U+0304, U+0308, U+0329, U+2000-206F, U+20AC, U+2122, U+2191, U+2193, U+2212, U+2215, U+FEFF, U+FFFD"

// cms is the folder of the pinned package on CDN.
const cms = CDN + "@sveltia/cms@" + Version + "/"

// Lazy are the files Sveltia CMS loads once running that the editor uses,
// each pinned. Everything else it would load from a CDN is refused, which
// turns off what needs it (see the README, "The web editor"):
//   - the Arabic interface's strings (the English ones are in the script);
//   - React's renderer and Immutable.js, which it loads for editor.js's
//     field type, from its own package and unpkg at the version it names;
//   - the fonts of its interface's Latin letters and of its icons, which
//     its style sheet takes from another CDN, unpinned: the same fonts, as
//     its npm package ships them. (Its style sheet also declares a font for
//     code, but names another where it uses one, so it never loads it.)
var Lazy = []Pin{
	{URL: cms + "locales/ar.json", Integrity: "sha384-aaIcJ/XPyfNmqnSvZ4TV4o75fJlfu1FEr7rxWF2ODX31hvhKRSJ0HY8TR1pY2ueW", Load: LoadFetch},
	{URL: cms + "dist/chunks/react-dom.js", Integrity: "sha384-ZjKLVVFyjXdxwhkfuvk+kJ87nw3c/CSWrKZ0ffdc/X0EyWQH0J378lom+r66URHy", Load: LoadModule},
	{URL: CDN + "immutable@5.1.9/dist/immutable.es.js", Integrity: "sha384-ibYUKr6i/E1e4p7cim9iKSrvWWJYtf2flSwvjeMhBJ26BByGmRONB6Ql0qq88uXE", Load: LoadModule},
	{URL: cms + "npm/assets/source-sans-3-latin-wght-normal-BqRLTx4X.woff2", Integrity: "sha384-px/1t3814AGauo+dYVwJeYIj6kxQGPA32dak807VyLhuCAikpw0djsfUEEC1Oom1", Load: LoadFont,
		Font: &Font{Family: "Site Editor Sans", Weight: "200 900", Display: "swap", UnicodeRange: latin, SizeAdjust: "110%",
			Use: `:root{--sui-font-family-default:"Site Editor Sans",system-ui,sans-serif!important}`}},
	{URL: cms + "npm/assets/material-symbols-outlined-latin-wght-normal-_Z1IJPLg.woff2", Integrity: "sha384-jSrN0g1mW/BeecSujeAPcuLp7zQj/xLJoQCLGYEec9wBNVcjMvG7t7zm6owf/EbR", Load: LoadFont,
		Font: &Font{Family: "Site Editor Icons", Weight: "400", Display: "block",
			Use: `:root .material-symbols-outlined{font-family:"Site Editor Icons"!important}`}},
}

// File is one file of the editor: its path in the output and its bytes.
type File struct {
	Name string
	Data []byte
}

//go:embed editor.js
var editorJS []byte

var page = template.Must(template.New("admin").Parse(`<!doctype html>
<html lang="{{.Lang}}" dir="{{.Dir}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<meta http-equiv="Content-Security-Policy" content="{{.Policy}}">
<title>{{.Title}}</title>
<link href="config.yml" type="text/yaml" rel="cms-config-url">
<link rel="icon" href="../favicon.svg">
<script type="importmap">{{.ImportMap}}</script>
<script src="editor.js"></script>
<script src="{{.Script}}" integrity="{{.Integrity}}" crossorigin="anonymous"></script>
</head>
<body>
</body>
</html>
`))

// importMap returns the page's import map: the hash of every module Lazy
// names, which the browser checks when the script imports it. It is JSON
// of URLs and hashes only (no "<"), written into the page as it is: an
// import map is no JavaScript to html/template, which would escape it as
// text.
func importMap() (string, error) {
	m := map[string]string{}
	for _, p := range Lazy {
		if p.Load == LoadModule {
			m[p.URL] = p.Integrity
		}
	}
	b, err := json.Marshal(struct {
		Integrity map[string]string `json:"integrity"`
	}{m})
	return string(b), err
}

// policy returns the page's Content-Security-Policy: scripts from the site,
// the pinned script and modules and the import map only; no workers but
// the site's, no plugins. Requests to the repository's API and the sign-in
// service are not limited here: editor.js refuses every file of the CDN
// that is not pinned. Nor are fonts: Chromium reports a font the policy
// refuses as an error even when nothing uses it, as with the CMS's own
// fonts, which editor.js replaces with pinned copies (see Lazy).
func policy(importMap string) string {
	sum := sha256.Sum256([]byte(importMap))
	scripts := []string{"'self'", ScriptURL}
	for _, p := range Lazy {
		if p.Load == LoadModule {
			scripts = append(scripts, p.URL)
		}
	}
	scripts = append(scripts, "'sha256-"+base64.StdEncoding.EncodeToString(sum[:])+"'")
	return strings.Join([]string{
		"script-src " + strings.Join(scripts, " "),
		"style-src 'self' 'unsafe-inline'",
		"worker-src 'self'",
		"object-src 'none'",
		"base-uri 'self'",
	}, "; ")
}

// Files returns the editor's files for the site configured by c.
func Files(c *site.Config) ([]File, error) {
	conf, err := Config(c)
	if err != nil {
		return nil, err
	}
	imports, err := importMap()
	if err != nil {
		return nil, err
	}
	lang, dir := editorLanguage(c), "ltr"
	title := "Content Manager"
	if l := c.Language(lang); l != nil {
		dir = l.Dir
		if l.Title != "" {
			title = l.Title + " · Content Manager"
		}
	}
	var html bytes.Buffer
	if err := page.Execute(&html, struct {
		Lang, Dir, Title, Script, Integrity, Policy string
		ImportMap                                   template.HTML
	}{lang, dir, title, ScriptURL, Integrity, policy(imports), template.HTML(imports)}); err != nil {
		return nil, err
	}
	dirs := map[string]string{}
	for _, l := range c.Languages {
		dirs[l.Code] = l.Dir
	}
	d, err := json.Marshal(dirs)
	if err != nil {
		return nil, err
	}
	pins, err := json.Marshal(Lazy)
	if err != nil {
		return nil, err
	}
	js := fmt.Appendf(nil, "// Generated by site build (internal/cms).\nvar SITE_DIRECTIONS = %s;\nvar SITE_CDN = %q;\nvar SITE_PINS = %s;\n", d, CDN, pins)
	return []File{
		{Dir + "/index.html", html.Bytes()},
		{Dir + "/config.yml", conf},
		{Dir + "/editor.js", append(js, editorJS...)},
	}, nil
}
