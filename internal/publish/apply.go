package publish

import (
	"fmt"
	"maps"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// apply carries out a plan in the destination, in an order that keeps
// links working for readers: what is in the way goes, the new files come,
// and only then do stale files go.
func (t *Tx) apply(pl *plan) error {
	pl.placed, pl.gone = map[string]bool{}, map[string]bool{}
	c := &cursor{t: t, root: t.dest}
	defer c.close()
	if len(pl.displace) > 0 {
		if err := t.displace(c, pl); err != nil {
			return err
		}
	}
	for _, q := range pl.unlink {
		if err := t.removeAt(c, q); err != nil {
			return err
		}
	}
	for _, p := range pl.drop {
		if err := t.removeAt(c, p); err != nil {
			return err
		}
		pl.gone[p] = true
	}
	for _, q := range pl.clear {
		e, err := t.dest.stat(q)
		if err == nil && e.kind == kindDir {
			err = t.rmdirAll(c, q)
		} else if err == nil {
			err = t.removeAt(c, q)
		}
		if err != nil {
			return err
		}
		pl.gone[q] = true
	}
	c.create = true
	for _, p := range slices.Sorted(maps.Keys(t.staged)) {
		f, err := c.at(path.Dir(p))
		if err != nil {
			return err
		}
		name := t.staged[p]
		if err := t.writable(f, func() error { return t.stage.rename(name, f, path.Base(p)) }); err != nil {
			return err
		}
		pl.placed[p] = true
	}
	c.create = false
	emptied := map[string]bool{}
	for _, p := range pl.stale {
		if err := t.removeAt(c, p); err != nil && !isNotExist(err) {
			return err
		}
		pl.gone[p] = true
		for q := range ancestors(p) {
			emptied[q] = true
		}
	}
	// Remove folders the stale files leave empty, deepest first; a folder
	// with anything left in it stays.
	dirs := slices.Collect(maps.Keys(emptied))
	slices.SortFunc(dirs, func(a, b string) int {
		return strings.Count(b, "/") - strings.Count(a, "/")
	})
	for _, d := range dirs {
		f, err := c.at(path.Dir(d))
		if err != nil {
			continue
		}
		_ = t.writable(f, func() error { return f.rmdir(path.Base(d)) })
	}
	return nil
}

// removeAt removes the file or link p of the destination.
func (t *Tx) removeAt(c *cursor, p string) error {
	f, err := c.at(path.Dir(p))
	if err != nil {
		return err
	}
	return t.writable(f, func() error { return f.remove(path.Base(p)) })
}

// rmdirAll removes the folder d of the destination and the empty folders
// in it; apply calls it once the files in them are gone.
func (t *Tx) rmdirAll(c *cursor, d string) error {
	f, err := c.at(d)
	if err != nil {
		return err
	}
	names, err := f.list()
	if err != nil {
		return err
	}
	for _, name := range names {
		if err := t.rmdirAll(c, d+"/"+name); err != nil {
			return err
		}
	}
	if f, err = c.at(path.Dir(d)); err != nil {
		return err
	}
	return t.writable(f, func() error { return f.rmdir(path.Base(d)) })
}

// displace moves what the plan found in the way, and was not the
// builder's, to the folder .NAME.displaced beside the destination, at the
// same path (with ~2, ~3... added when that is taken).
func (t *Tx) displace(c *cursor, pl *plan) error {
	name := displacedName(t.place.name)
	if err := t.dir.mkdir(name, 0o755); err != nil && !isExist(err) {
		return err
	}
	root, err := t.dir.sub(name)
	if err != nil {
		return fmt.Errorf("%w: it must be a folder, to take what --force moves aside", err)
	}
	defer root.close()
	to := &cursor{t: t, root: root, create: true}
	defer to.close()
	for _, q := range pl.displace {
		from, err := c.at(path.Dir(q))
		if err != nil {
			return err
		}
		dst, err := to.at(path.Dir(q))
		if err != nil {
			return err
		}
		target := path.Base(q)
		for n := 2; ; n++ {
			e, err := dst.stat(target)
			if err != nil {
				return err
			}
			if e.kind == kindMissing {
				break
			}
			target = fmt.Sprintf("%s~%d", path.Base(q), n)
		}
		if err := t.writable(from, func() error { return from.rename(path.Base(q), dst, target) }); err != nil {
			return err
		}
		pl.Notes = append(pl.Notes, fmt.Sprintf("%s: not written by site build; moved to %s (--force)",
			t.show(q), filepath.Join(t.place.dir, name, filepath.FromSlash(path.Dir(q)), target)))
	}
	return nil
}

// writable runs op in the folder f; if f is read-only, it makes f
// writable for the owner, runs op again, and gives f its mode back. A
// build must cope with a site made read-only after it was published.
func (t *Tx) writable(f *folder, op func() error) error {
	err := op()
	if err == nil || !isPermission(err) {
		return err
	}
	e, serr := f.self()
	if serr != nil || e.perm&0o200 != 0 || f.chmod(e.perm|0o200) != nil {
		return fmt.Errorf("%w; site build cannot write in %s: make it writable (chmod u+w) or build as the user who owns it", err, f.path)
	}
	err = op()
	if cerr := f.chmod(e.perm); err == nil {
		err = cerr
	}
	return err
}

// cursor opens folders of a tree one component at a time, never through a
// link, keeping open the folders on the way to the last one asked for, so
// that visiting paths in order opens each folder once.
type cursor struct {
	t      *Tx
	root   *folder
	names  []string
	open   []*folder
	create bool // make missing folders
}

// at returns the folder d ("." for the root), a path of the site: it
// never goes up (..) or to the root of the file system.
func (c *cursor) at(d string) (*folder, error) {
	var parts []string
	if d != "." {
		if why := pathProblem(d); why != "" {
			return nil, fmt.Errorf("publish: the folder %q %s", d, why)
		}
		parts = strings.Split(d, "/")
	}
	k := 0
	for k < len(parts) && k < len(c.names) && parts[k] == c.names[k] {
		k++
	}
	for i := len(c.open) - 1; i >= k; i-- {
		c.open[i].close()
	}
	c.open, c.names = c.open[:k], c.names[:k]
	for _, name := range parts[k:] {
		parent := c.top()
		f, err := parent.sub(name)
		if isNotExist(err) && c.create {
			err = c.t.writable(parent, func() error { return parent.mkdir(name, 0o755) })
			if err == nil || isExist(err) {
				f, err = parent.sub(name)
			}
		}
		if err != nil {
			return nil, err
		}
		c.open, c.names = append(c.open, f), append(c.names, name)
	}
	return c.top(), nil
}

func (c *cursor) top() *folder {
	if len(c.open) == 0 {
		return c.root
	}
	return c.open[len(c.open)-1]
}

func (c *cursor) close() {
	for _, f := range c.open {
		f.close()
	}
	c.open, c.names = nil, nil
}
