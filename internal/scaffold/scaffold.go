// Package scaffold writes the files of a new page, one per language, with
// the front matter filled in: the title, today's date, an address made from
// the title, and the translation key that pairs the files. New pages start as
// drafts, so nothing is published before it is written.
package scaffold

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/alaqsa-ira/site/internal/site"
	"github.com/alaqsa-ira/site/internal/slug"
	"gopkg.in/yaml.v3"
)

// Kinds of page that can be made, and the folder each goes in.
var Kinds = map[string]string{
	"announcement": "content/announcements",
	"page":         "content",
}

// New writes the files of a new page of the given kind under root and
// returns their paths. It writes nothing if any of the files exists, or if
// ctx has ended before it begins to write: a program stopping while New
// reads the settings leaves no page half made.
func New(ctx context.Context, root, kind, title string, now time.Time) ([]string, error) {
	dir, ok := Kinds[kind]
	if !ok {
		return nil, fmt.Errorf("unknown kind %q: use announcement or page", kind)
	}
	title = strings.TrimSpace(title)
	name := slug.Make(title)
	if name == "" {
		return nil, fmt.Errorf("the title %q gives no address: use a title with letters or digits", title)
	}
	s, problems := site.LoadData(site.DirFS(root))
	if s == nil {
		return nil, fmt.Errorf("cannot read %s: %w", site.ConfigPath, errors.Join(problems...))
	}
	date := now.In(s.Config.TimeZone).Format("2006-01-02")
	var paths []string
	for _, l := range s.Config.Languages {
		p := filepath.Join(root, filepath.FromSlash(dir), name+"."+l.Code+".md")
		if _, err := os.Stat(p); err == nil {
			return nil, fmt.Errorf("%s exists already: choose another title, or edit that file", rel(root, p))
		} else if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		paths = append(paths, p)
	}
	if err := context.Cause(ctx); err != nil {
		return nil, err
	}
	for i, l := range s.Config.Languages {
		text := frontMatter(kind, title, date, name, s.Config.Categories, i > 0, l.Name)
		if err := os.MkdirAll(filepath.Dir(paths[i]), 0o755); err != nil {
			return nil, err
		}
		f, err := os.OpenFile(paths[i], os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			return nil, err
		}
		_, err = f.WriteString(text)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return nil, err
		}
	}
	for i := range paths {
		paths[i] = rel(root, paths[i])
	}
	return paths, nil
}

func frontMatter(kind, title, date, key string, categories []string, translate bool, language string) string {
	q, _ := yaml.Marshal(title)
	var b strings.Builder
	b.WriteString("---\n")
	b.WriteString("title: " + strings.TrimSpace(string(q)) + "\n")
	if translate {
		b.WriteString("# Translate the title and the text into " + language + ".\n")
	}
	b.WriteString("description: \"\"\n")
	b.WriteString("date: " + date + "\n")
	if kind == "announcement" {
		b.WriteString("categories: []  # one or more of: " + strings.Join(categories, ", ") + "\n")
		b.WriteString("# deadline: YYYY-MM-DD  (for calls and scholarships)\n")
	}
	b.WriteString("translationKey: " + key + "\n")
	b.WriteString("draft: true  # remove this line to publish\n")
	b.WriteString("---\n")
	return b.String()
}

func rel(root, p string) string {
	r, err := filepath.Rel(root, p)
	if err != nil {
		return p
	}
	return filepath.ToSlash(r)
}
