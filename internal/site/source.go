package site

import (
	"io/fs"

	"github.com/alaqsa-ira/site/internal/regular"
)

// DirFS returns the site root at dir as every command reads it: only
// regular files and folders are read, and opening anything else (a named
// pipe, a socket, a device) fails at once instead of blocking (see package
// regular). Symbolic links are not followed in content/ and static/, where
// they could bring files from outside the site into it; in data/ and
// layouts/ a link is followed, to a regular file only.
//
// A reader that lists a folder warns about what it skips with
// regular.Skipped.
func DirFS(dir string) fs.FS { return regular.DirFS(dir, ContentDir, StaticDir) }
