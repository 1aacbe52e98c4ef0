package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"
)

// kind is what stands at a name.
type kind uint8

const (
	kindMissing kind = iota
	kindFile
	kindDir
	kindLink
	kindOther // a device, socket or pipe
)

// entry is what stat found at a name.
type entry struct {
	kind  kind
	size  int64
	mtime int64
	perm  fs.FileMode
}

func (k kind) String() string {
	return [...]string{"nothing", "a file", "a folder", "a symbolic link", "a special file"}[k]
}

// Changes is what a commit did, or in a dry run would do, to the
// destination. Paths are the site's, slash-separated and sorted.
type Changes struct {
	Added, Changed, Removed []string
	// Displaced lists what stood where the new site has a file or a
	// folder and was not written by site build: moved aside with Force,
	// without it the reason the publish was refused.
	Displaced []string
	// Notes say what else an editor may want to know: links replaced,
	// files changed by hand kept, where displaced entries went.
	Notes []string
}

// plan is what a commit does to an existing destination, worked out
// before anything in it changes.
type plan struct {
	Changes
	unlink   []string // links where the site has a folder
	clear    []string // the builder's files where the site has a folder, its folders where the site has a file
	drop     []string // the builder's files inside cleared folders
	displace []string // what is in the way and not the builder's: Displaced
	reasons  []string // why, for each
	stale    []string // the builder's files the site no longer has, unchanged
	forget   []string // files the manifest knew, changed since: no longer the builder's
	moved    map[string]bool
	// Filled by apply: what was put in place, and what was removed.
	placed, gone map[string]bool
}

// Commit puts the new site in place of the destination and records it in
// the manifest. Nothing in the destination changes if it returns a
// refusal (foreign files in the way, without Force); an error after that
// leaves part of the new site published, and says so.
func (t *Tx) Commit() (*Changes, error) {
	if t.done {
		return nil, errors.New("publish: committed twice")
	}
	t.done = true
	if t.dest == nil {
		return t.commitNew()
	}
	pl, err := t.plan()
	pl.Notes = append(slices.Clone(t.notes), pl.Notes...)
	if err != nil {
		return &pl.Changes, err
	}
	if len(pl.Displaced) > 0 && !t.opts.Force {
		return &pl.Changes, t.refusal(pl.reasons)
	}
	if t.opts.DryRun {
		return &pl.Changes, nil
	}
	err = t.apply(pl)
	if merr := writeManifest(t.dir, manifestName(t.place.name), t.destID, t.final(pl)); merr != nil && err == nil {
		pl.Notes = append(pl.Notes, t.manifestNote(merr))
	}
	if err != nil {
		return &pl.Changes, fmt.Errorf("%w; %s now holds part of the new site: build again once this is fixed", err, t.place.dest)
	}
	return &pl.Changes, nil
}

// commitNew renames the staging tree into the place of a destination that
// did not exist.
func (t *Tx) commitNew() (*Changes, error) {
	ch := &Changes{Added: slices.Sorted(maps.Keys(t.recs))}
	if t.opts.DryRun {
		return ch, nil
	}
	if err := t.stage.chmod(0o755); err != nil {
		return ch, err
	}
	if err := t.dir.renameNew(stagingName(t.place.name), t.dir, t.place.name); err != nil {
		if isExist(err) {
			return ch, fmt.Errorf("%s appeared while the site was being built; build again", t.place.dest)
		}
		return ch, err
	}
	id := t.stage.id()
	t.stage.close()
	t.stage = nil
	if err := writeManifest(t.dir, manifestName(t.place.name), id, t.recs); err != nil {
		ch.Notes = append(ch.Notes, t.manifestNote(err))
	}
	return ch, nil
}

func (t *Tx) manifestNote(err error) string {
	return fmt.Sprintf("%v: the site is published, but the next build will take %s for a folder it did not make and need --force", err, t.place.dest)
}

func (t *Tx) refusal(reasons []string) error {
	var errs []error
	for _, r := range reasons {
		errs = append(errs, errors.New(r))
	}
	errs = append(errs, fmt.Errorf("refusing to publish to %s: site build does not overwrite what it did not write, and the above stands where the new site has a file or folder; nothing was changed; move it out of %s, or build with --force to move it to %s/",
		t.place.dest, t.place.dest, displacedName(t.place.name)))
	return errors.Join(errs...)
}

// own reports whether e at p is a file the build wrote and nobody changed
// since.
func (t *Tx) own(p string, e entry) bool {
	r, ok := t.prev[p]
	return ok && e.kind == kindFile && e.size == r.Size && e.mtime == r.MTime
}

// plan examines what stands where the staged files go, and which files of
// the last build the site no longer has.
func (t *Tx) plan() (*plan, error) {
	pl := &plan{moved: map[string]bool{}}
	seen := map[string]kind{} // folders above staged files: kindDir, or what was there
	for _, p := range slices.Sorted(maps.Keys(t.staged)) {
		under := ""
		for q := range ancestors(p) {
			k, ok := seen[q]
			if !ok {
				e, err := t.dest.stat(q)
				if err != nil {
					return pl, err
				}
				if k = e.kind; k != kindDir && k != kindMissing {
					if err := t.inTheWay(pl, q, e, true); err != nil {
						return pl, err
					}
				}
				seen[q] = k
			}
			if k != kindDir {
				under = q
				break
			}
		}
		if under != "" {
			pl.Added = append(pl.Added, p)
			continue
		}
		e, err := t.dest.stat(p)
		if err != nil {
			return pl, err
		}
		_, known := t.prev[p]
		switch {
		case e.kind == kindMissing:
			pl.Added = append(pl.Added, p)
		case e.kind == kindFile && known:
			// Changed by the new site, or by hand: the site's version wins.
			pl.Changed = append(pl.Changed, p)
		case e.kind == kindLink:
			pl.Notes = append(pl.Notes, t.linkNote(p))
			pl.Changed = append(pl.Changed, p)
		default:
			if err := t.inTheWay(pl, p, e, false); err != nil {
				return pl, err
			}
			pl.Changed = append(pl.Changed, p)
		}
	}
	gone := func(p string) bool {
		for q := range ancestors(p) {
			if pl.moved[q] {
				return true
			}
		}
		return pl.moved[p]
	}
	for _, p := range slices.Sorted(maps.Keys(t.prev)) {
		if _, ok := t.recs[p]; ok || gone(p) {
			continue
		}
		if !t.folderOK(path.Dir(p)) {
			// Not where the build wrote it any more: a folder above it
			// was replaced by a link or a file, or removed.
			pl.forget = append(pl.forget, p)
			continue
		}
		e, err := t.dest.stat(p)
		switch {
		case err != nil:
			return pl, err
		case t.own(p, e):
			pl.stale = append(pl.stale, p)
			pl.Removed = append(pl.Removed, p)
		case e.kind == kindMissing:
			pl.forget = append(pl.forget, p)
		default:
			pl.forget = append(pl.forget, p)
			what := "changed since site build wrote it"
			if e.kind != kindFile {
				what = "now " + e.kind.String()
			}
			pl.Notes = append(pl.Notes, fmt.Sprintf("%s: %s, and the site no longer has it: left as it is, and no longer taken for the build's", t.show(p), what))
		}
	}
	return pl, nil
}

// inTheWay decides what to do with e, standing at p where the site has a
// folder (folder set) or a file: a link is replaced, the builder's own
// unchanged files (and folders holding nothing else) are removed, anything
// else is displaced.
func (t *Tx) inTheWay(pl *plan, p string, e entry, folder bool) error {
	pl.moved[p] = true
	switch {
	case e.kind == kindLink:
		pl.unlink = append(pl.unlink, p)
		pl.Notes = append(pl.Notes, t.linkNote(p))
		return nil
	case e.kind == kindFile && folder && t.own(p, e):
		pl.clear = append(pl.clear, p)
		pl.Removed = append(pl.Removed, p)
		return nil
	case e.kind == kindDir:
		files, ok, err := t.ownTree(p)
		if err != nil || ok {
			pl.clear = append(pl.clear, p)
			pl.drop = append(pl.drop, files...)
			pl.Removed = append(pl.Removed, files...)
			return err
		}
	}
	_, known := t.prev[p]
	what := e.kind.String()
	switch {
	case e.kind == kindDir:
		what = "a folder holding files site build did not write"
	case e.kind == kindFile && known:
		what = "a file site build wrote, changed since"
	case e.kind == kindFile:
		what = "a file site build did not write"
	}
	where := "a file"
	if folder {
		where = "a folder"
	}
	if known {
		pl.forget = append(pl.forget, p)
	}
	pl.displace = append(pl.displace, p)
	pl.Displaced = append(pl.Displaced, p)
	pl.reasons = append(pl.reasons, fmt.Sprintf("%s: %s, where the new site has %s", t.show(p), what, where))
	return nil
}

// ownTree reports whether the folder d holds only files the build wrote
// and nobody changed since (and folders holding only such files), and
// lists those files.
func (t *Tx) ownTree(d string) ([]string, bool, error) {
	f, err := t.dest.sub(d)
	if err != nil {
		return nil, false, err
	}
	names, err := f.list()
	f.close()
	if err != nil {
		return nil, false, err
	}
	var files []string
	for _, name := range names {
		p := d + "/" + name
		e, err := t.dest.stat(p)
		switch {
		case err != nil:
			return nil, false, err
		case e.kind == kindDir:
			sub, ok, err := t.ownTree(p)
			if err != nil || !ok {
				return nil, false, err
			}
			files = append(files, sub...)
		case t.own(p, e):
			files = append(files, p)
		default:
			return nil, false, nil
		}
	}
	return files, true, nil
}

func (t *Tx) linkNote(p string) string {
	return fmt.Sprintf("%s: was a symbolic link; replaced by the site's own (what it pointed to was not touched)", t.show(p))
}

// show names the site path p inside the destination, for messages.
func (t *Tx) show(p string) string { return path.Join(strings.ReplaceAll(t.place.dest, "\\", "/"), p) }

// ancestors yields the folders above p, outermost first: "a", "a/b" for
// "a/b/c".
func ancestors(p string) func(func(string) bool) {
	return func(yield func(string) bool) {
		for i := 0; i < len(p); i++ {
			if p[i] == '/' && !yield(p[:i]) {
				return
			}
		}
	}
}

// final is what the manifest records after apply: the new site's files
// that are in place, and the build's earlier files still there.
func (t *Tx) final(pl *plan) manifest {
	m := maps.Clone(t.prev)
	for _, p := range pl.forget {
		delete(m, p)
	}
	for p := range pl.gone {
		delete(m, p)
	}
	for p, r := range t.recs {
		if _, staged := t.staged[p]; !staged || pl.placed[p] {
			m[p] = r
		}
	}
	return m
}
