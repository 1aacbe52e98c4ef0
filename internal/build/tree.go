package build

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
)

// TreeHash returns a hash of a folder's files: their paths and bytes, not
// their times or modes, so that two builds of the same commit can be
// compared by one line.
func TreeHash(dir string) (string, error) {
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		return "", err
	}
	return FilesHash(files), nil
}

// FilesHash is TreeHash of files held in memory.
func FilesHash(files map[string][]byte) string {
	paths := make([]string, 0, len(files))
	for p := range files {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	h := sha256.New()
	for _, p := range paths {
		sum := sha256.Sum256(files[p])
		h.Write([]byte(p))
		h.Write([]byte{0})
		h.Write(sum[:])
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil))
}

// Diff compares a site held in memory with a folder: the files it would
// add, change and remove there. A missing folder has nothing in it.
func Diff(files map[string][]byte, dir string) (added, changed, removed []string, err error) {
	seen := map[string]bool{}
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if errors.Is(err, fs.ErrNotExist) && p == dir {
			return filepath.SkipDir
		}
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		seen[rel] = true
		data, ok := files[rel]
		if !ok {
			removed = append(removed, rel)
			return nil
		}
		old, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if string(old) != string(data) {
			changed = append(changed, rel)
		}
		return nil
	})
	for p := range files {
		if !seen[p] {
			added = append(added, p)
		}
	}
	slices.Sort(added)
	slices.Sort(changed)
	slices.Sort(removed)
	return added, changed, removed, err
}
