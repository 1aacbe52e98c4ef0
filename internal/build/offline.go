package build

import (
	"bytes"
	"path"
	"strings"

	"github.com/alaqsa-ira/site/internal/assets"
	"github.com/alaqsa-ira/site/internal/cms"
	"github.com/alaqsa-ira/site/internal/layout"
	"github.com/alaqsa-ira/site/internal/locale"
	"github.com/alaqsa-ira/site/internal/offline"
	"github.com/alaqsa-ira/site/internal/site"
)

// offlineJobs plans the files of offline reading (package offline): the
// service worker, always (with the setting off, or in the dev server, the
// worker that removes itself), and with the setting on the bilingual
// offline page and, in a build, the list of current files.
func offlineJobs(a *site.Assembly, layouts *layout.Set, dev bool, errs *[]error) []*job {
	jobs := []*job{{file: offline.WorkerFile, kind: jobWorker, from: "the offline reading worker"}}
	if !a.Site.Config.Offline {
		return jobs
	}
	def := a.Site.Config.DefaultLanguage
	p := &site.Page{Kind: "offline", Lang: def, Path: "/" + offline.PageFile,
		Title:       inEveryLanguage(a, func(l *site.Language) string { s, _ := l.Locale.T("offline.title"); return s }),
		Description: inEveryLanguage(a, func(l *site.Language) string { s, _ := l.Locale.T("offline.text"); return s })}
	jobs = append(jobs, &job{file: offline.PageFile, kind: jobNotFound, lang: def, page: p, layout: need(layouts, "offline", errs), from: "the offline page"})
	if !dev {
		jobs = append(jobs, &job{file: offline.ListFile, kind: jobOfflineList, from: "the list of files for offline reading"})
	}
	return jobs
}

// worker describes this build's service worker.
func (r *renderer) worker() *offline.Worker {
	a := r.a
	s := r.view.Site(a.Site.Config.DefaultLanguage)
	base := s.RelURL("/")
	w := &offline.Worker{Base: base, Off: r.dev || !a.Site.Config.Offline, Default: a.Site.Config.DefaultLanguage, Langs: map[string]offline.Lang{}}
	if w.Off {
		return w
	}
	for _, l := range a.Site.Config.Languages {
		p := l.Locale.DatePattern
		if p == "" {
			p = locale.DefaultDatePattern
		}
		w.Langs[l.Code] = offline.Lang{Pattern: p, Months: l.Locale.Months, Arab: l.Locale.Digits == locale.ArabicIndic}
	}
	rel := func(p string) string { return strings.TrimPrefix(s.RelURL(p), base) }
	for _, l := range a.Site.Config.Languages {
		for _, p := range []*site.Page{a.Home(l.Code), a.ByKey("contact", l.Code)} {
			if p != nil {
				w.Pages = append(w.Pages, rel(p.Path))
			}
		}
	}
	for _, p := range a.Pages {
		if p.Kind == site.KindSection {
			w.Pages = append(w.Pages, rel(p.Path))
		}
	}
	w.Skip = []string{cms.Dir + "/"}
	for _, j := range r.jobs {
		if j.kind == jobEditor {
			continue
		}
		asset := j.kind == jobStatic && j.data != nil
		if asset && (path.Ext(j.file) == ".css" || strings.HasPrefix(j.file, "js/offline.")) {
			w.Assets = append(w.Assets, j.file)
		}
		if offline.Listed(j.file, asset) {
			w.Files = append(w.Files, offline.Address(j.file))
		}
	}
	return w
}

// offlineFile writes the worker or the list of current files.
func (r *renderer) offlineFile(buf *bytes.Buffer, j *job) error {
	script, list := r.worker().Script()
	if j.kind == jobOfflineList {
		buf.Write(list)
		return nil
	}
	if !r.dev {
		min, err := assets.MinifyJS(script)
		if err != nil {
			return err
		}
		script = min
	}
	buf.Write(script)
	return nil
}
