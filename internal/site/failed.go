package site

import (
	"path"
	"strings"

	"github.com/alaqsa-ira/site/internal/slug"
	"golang.org/x/text/unicode/norm"
)

// failedPages indexes Site.Failed, so that what points at a page that
// failed to load is not reported as broken too: the page's own errors say
// what to fix, and once they are fixed the page is checked as any other.
type failedPages struct {
	bySource map[string]*Page
	paths    map[string]bool
	keys     map[keyLang]bool
}

func indexFailed(pages []*Page) failedPages {
	f := failedPages{bySource: map[string]*Page{}, paths: map[string]bool{}, keys: map[keyLang]bool{}}
	for _, p := range pages {
		f.bySource[p.Source] = p
		if p.Path != "" {
			f.paths[p.Path] = true
		}
		if p.Lang != "" {
			// The address the file name gives, should the slug have
			// failed.
			q := *p
			if q.Kind == KindPage {
				name := strings.TrimSuffix(path.Base(p.Source), "."+p.Lang+".md")
				q.Slug = slug.Make(norm.NFC.String(name))
			}
			f.paths[pagePath(&q)] = true
		}
		if p.Lang != "" && p.Key != "" {
			f.keys[keyLang{p.Key, p.Lang}] = true
		}
		for _, c := range p.Categories {
			// The list of a category that page may have been alone in.
			f.paths["/"+p.Lang+"/categories/"+c+"/"] = true
		}
	}
	return f
}

// kind reports a failed page of a kind in a language (and section).
func (f failedPages) kind(k Kind, lang, section string) bool {
	for _, p := range f.bySource {
		if p.Kind == k && p.Lang == lang && p.Section == section {
			return true
		}
	}
	return false
}

// Failed returns the page of a content file that had errors and was left
// out (see Site.Failed), or nil.
func (a *Assembly) Failed(src string) *Page { return a.failed.bySource[src] }

// FailedAt reports whether an address inside the site ("/en/about/", with
// or without its last slash) is that of a page that had errors and was
// left out: links to it are not checked until it loads.
func (a *Assembly) FailedAt(p string) bool {
	if a.failed.paths[p] {
		return true
	}
	return !strings.HasSuffix(p, "/") && a.failed.paths[p+"/"]
}

// FailedTranslation reports whether p's version in lang is a page that had
// errors and was left out.
func (a *Assembly) FailedTranslation(p *Page, lang string) bool {
	if a.failed.keys[keyLang{p.Key, lang}] {
		return true
	}
	return a.failed.bySource[strings.TrimSuffix(p.Source, "."+p.Lang+".md")+"."+lang+".md"] != nil
}
