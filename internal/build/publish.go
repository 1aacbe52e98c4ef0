package build

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// CheckDest refuses destinations that a build must never replace: the
// current folder, the file system root, the source folder or a folder
// holding it, a folder inside the source's content/, data/, layouts/ or
// static/, a folder holding content/ or .git, and a folder with files in it
// that does not look like a built site.
func CheckDest(srcDir, dest string) error {
	refuse := func(why string) error {
		return fmt.Errorf("refusing to publish to %s: %s; choose an output folder such as public", dest, why)
	}
	absDest, err := absReal(dest)
	if err != nil {
		return err
	}
	if filepath.Dir(absDest) == absDest {
		return refuse("it is the root of the file system")
	}
	if cwd, err := os.Getwd(); err == nil {
		if c, err := absReal(cwd); err == nil && c == absDest {
			return refuse("it is the current folder")
		}
	}
	if srcDir != "" {
		absSrc, err := absReal(srcDir)
		if err != nil {
			return err
		}
		if absSrc == absDest {
			return refuse("it is the source folder")
		}
		if within(absSrc, absDest) {
			return refuse("it holds the source folder")
		}
		for _, d := range []string{"content", "data", "layouts", "static"} {
			if inner := filepath.Join(absSrc, d); inner == absDest || within(absDest, inner) {
				return refuse("it is inside the source's " + d + "/ folder")
			}
		}
	}
	info, err := os.Stat(absDest)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !info.IsDir() {
		return refuse("it is a file, not a folder")
	}
	for _, marker := range []string{"content", ".git", "go.mod"} {
		if _, err := os.Lstat(filepath.Join(absDest, marker)); err == nil {
			return refuse("it holds " + marker + ", so it looks like a source folder")
		}
	}
	entries, err := os.ReadDir(absDest)
	if err != nil {
		return err
	}
	if len(entries) == 0 {
		return nil
	}
	for _, marker := range []string{"index.html", "404.html", "sitemap.xml"} {
		if _, err := os.Lstat(filepath.Join(absDest, marker)); err == nil {
			return nil
		}
	}
	return refuse("it has files in it and is not a site built before (no index.html or sitemap.xml)")
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

// tempBeside makes an empty folder next to dest, on the same file system so
// that it can be renamed into place.
func tempBeside(dest string) (string, error) {
	abs, err := filepath.Abs(dest)
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(filepath.Dir(abs), 0o755); err != nil {
		return "", err
	}
	tmp, err := os.MkdirTemp(filepath.Dir(abs), "."+filepath.Base(abs)+".new-*")
	if err != nil {
		return "", err
	}
	return tmp, os.Chmod(tmp, 0o755)
}

func removeAll(p string) { _ = os.RemoveAll(p) }

// publish puts the finished tree tmp in place of dest. Where the system can
// exchange two folders in one step it does, so that a reader never sees a
// missing or half-written site; elsewhere it renames the old tree aside
// first. Afterwards tmp holds the old tree (or nothing) for the caller to
// remove.
func publish(tmp, dest string) error {
	if _, err := os.Lstat(dest); errors.Is(err, os.ErrNotExist) {
		return os.Rename(tmp, dest)
	}
	if err := exchange(tmp, dest); err == nil {
		return nil
	}
	old := tmp + ".old"
	if err := os.Rename(dest, old); err != nil {
		return err
	}
	if err := os.Rename(tmp, dest); err != nil {
		_ = os.Rename(old, dest)
		return err
	}
	return os.Rename(old, tmp)
}
