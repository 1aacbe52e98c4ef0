package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// place is where a destination really is: the folder that holds it
// (every link in its path resolved) and its name there.
type place struct {
	dest   string // as the user gave it, for messages
	dir    string // the folder holding the destination
	name   string // the destination's name in dir
	linked string // when dest is a symbolic link, what it points to
}

func (p place) path() string { return filepath.Join(p.dir, p.name) }

func (p place) refuse(why, todo string) error {
	return fmt.Errorf("refusing to publish to %s: %s; %s", p.dest, why, todo)
}

const chooseOther = "choose an output folder such as public"

// locate finds where dest really is. A destination that is a link to a
// folder is published into that folder (the link stays as it is); a link to
// nothing is refused rather than followed.
func locate(dest string) (place, error) {
	p := place{dest: dest}
	abs, err := filepath.Abs(dest)
	if err != nil {
		return p, err
	}
	if info, err := os.Lstat(abs); err == nil && info.Mode()&fs.ModeSymlink != 0 {
		target, err := filepath.EvalSymlinks(abs)
		if err != nil {
			to, _ := os.Readlink(abs)
			return p, p.refuse("it is a symbolic link to "+to+", which does not exist",
				"create that folder, or remove the link and let the build make "+dest)
		}
		p.linked = target
		abs = target
	}
	real, err := absReal(abs)
	if err != nil {
		return p, err
	}
	p.dir, p.name = filepath.Dir(real), filepath.Base(real)
	return p, nil
}

// Check refuses destinations that a build must never write to: the
// current folder, the file system root, the source folder or a folder
// holding it, a folder inside the source's content/, data/, layouts/ or
// static/, a folder holding content/, .git or go.mod, a file, a link to
// nothing, and a folder with files in it that site build did not make
// (whose manifest does not name it) unless force is set.
func Check(srcDir, dest string, force bool) error {
	p, err := locate(dest)
	if err != nil {
		return err
	}
	abs := p.path()
	if filepath.Dir(abs) == abs {
		return p.refuse("it is the root of the file system", chooseOther)
	}
	if cwd, err := os.Getwd(); err == nil {
		if c, err := absReal(cwd); err == nil && c == abs {
			return p.refuse("it is the current folder", chooseOther)
		}
	}
	if srcDir != "" {
		src, err := absReal(srcDir)
		if err != nil {
			return err
		}
		if src == abs {
			return p.refuse("it is the source folder", chooseOther)
		}
		if within(src, abs) {
			return p.refuse("it holds the source folder", chooseOther)
		}
		for _, d := range []string{"content", "data", "layouts", "static"} {
			if inner := filepath.Join(src, d); inner == abs || within(abs, inner) {
				return p.refuse("it is inside the source's "+d+"/ folder", chooseOther)
			}
		}
	}
	info, err := os.Lstat(abs)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !info.IsDir() {
		return p.refuse("it is a file, not a folder", chooseOther)
	}
	for _, marker := range []string{"content", ".git", "go.mod"} {
		if _, err := os.Lstat(filepath.Join(abs, marker)); err == nil {
			return p.refuse("it holds "+marker+", so it looks like a source folder", chooseOther)
		}
	}
	dir, err := openFolder(p.dir)
	if err != nil {
		return err
	}
	defer dir.close()
	d, err := dir.sub(p.name)
	if err != nil {
		return err
	}
	defer d.close()
	_, _, err = owner(p, dir, d, force)
	return err
}

// owner reads what the manifest says site build wrote in the destination
// d. A destination the manifest does not name is refused when it has
// anything in it, unless force is set; then it is taken over with nothing
// in it known as the builder's. A manifest that fails its checks is
// refused, whatever is in the destination: the build stops before it
// writes or removes anything, each fault reported as path:line. With force
// such a manifest is set aside as one that is a link is: none of its
// records is used, the destination is taken over, and note says so.
func owner(p place, dir, d *folder, force bool) (m manifest, note string, err error) {
	m, merr := readManifest(dir, manifestName(p.name), p.manifestPath(), d.id())
	var bad *badManifest
	switch {
	case errors.As(merr, &bad) && force:
		return manifest{}, bad.setAside(p.dest), nil
	case merr != nil && !errors.Is(merr, errManifestNotFile):
		return nil, "", merr
	case m != nil:
		return m, "", nil
	}
	names, err := d.list()
	if err != nil {
		return nil, "", err
	}
	if len(names) == 0 || force {
		return manifest{}, "", nil
	}
	why := "it has files in it that site build did not write (" + manifestName(p.name) + " beside it does not name this folder)"
	if merr != nil {
		why = "it has files in it and its manifest " + merr.Error() + ", which site build never follows or reads"
	}
	return nil, "", p.refuse(why, "choose an empty or new folder, or build with --force to take it over: "+
		"its files are kept, and any that stand where the site has a file or folder are moved to "+displacedName(p.name)+"/")
}

// manifestPath names the destination's manifest as the user would: beside
// the destination as they gave it, unless that is a link.
func (p place) manifestPath() string {
	dest := filepath.Clean(p.dest)
	if p.linked == "" && filepath.Base(dest) == p.name {
		return filepath.Join(filepath.Dir(dest), manifestName(p.name))
	}
	return filepath.Join(p.dir, manifestName(p.name))
}

// absReal returns the absolute path with symbolic links resolved as far as
// the path exists.
func absReal(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	rest := ""
	for cur := abs; ; cur = filepath.Dir(cur) {
		if real, err := filepath.EvalSymlinks(cur); err == nil {
			return filepath.Join(real, rest), nil
		}
		if filepath.Dir(cur) == cur {
			return abs, nil
		}
		rest = filepath.Join(filepath.Base(cur), rest)
	}
}

// within reports whether inner is strictly inside outer.
func within(inner, outer string) bool {
	rel, err := filepath.Rel(outer, inner)
	return err == nil && rel != "." && filepath.IsLocal(rel)
}
