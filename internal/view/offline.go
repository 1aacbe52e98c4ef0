package view

import (
	"html/template"

	"github.com/alaqsa-ira/site/internal/offline"
)

// Offline returns the script every page ends with (see offline.Register):
// it registers the service worker that keeps pages for reading offline,
// or, with offline: false in data/site.yaml, unregisters it. The dev
// server's pages have none: the worker would fight live reload.
func (c *Context) Offline() template.HTML {
	if c.Dev {
		return ""
	}
	return offline.Register(c.Site.RelURL("/"), !c.Site.a.Site.Config.Offline)
}
