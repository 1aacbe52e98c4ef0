//go:build unix

package regular

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/alaqsa-ira/site/internal/hangtest"
	"github.com/alaqsa-ira/site/internal/regular/regulartest"
	"golang.org/x/sys/unix"
)

// refused checks that err refuses name as kind, without having read it.
func refused(t *testing.T, what string, err error, kind string) {
	t.Helper()
	var nr *NotRegularError
	if !errors.As(err, &nr) || !errors.Is(err, ErrNotRegular) {
		t.Errorf("%s: got %v, want it refused as not a regular file", what, err)
		return
	}
	if !strings.Contains(err.Error(), kind) {
		t.Errorf("%s: %q does not say it is %s", what, err, kind)
	}
}

// TestSpecialFilesAreRefusedWithoutBlocking plants a named pipe, a socket
// and a device (where this user may make one) and reads each in every way
// the package offers: each is refused at once, as what it is. Opening the
// named pipe the plain way would wait for a writer for ever, and reading
// the device (the one /dev/zero is) would never end.
func TestSpecialFilesAreRefusedWithoutBlocking(t *testing.T) {
	kinds := map[string]string{"fifo": "a named pipe (FIFO)", "socket": "a socket", "device": "a device"}
	for _, sp := range regulartest.Specials {
		t.Run(sp.Name, func(t *testing.T) {
			root := t.TempDir()
			if err := os.MkdirAll(filepath.Join(root, "content"), 0o755); err != nil {
				t.Fatal(err)
			}
			p := filepath.Join(root, "content", "x.en.md")
			if !sp.Make(t, p) {
				t.Skip("cannot make one here")
			}
			link := filepath.Join(root, "data", "link.yaml")
			if err := os.MkdirAll(filepath.Dir(link), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(p, link); err != nil {
				t.Fatal(err)
			}
			fsys := DirFS(root, "content")
			hangtest.Run(t, "reading "+sp.Name, func() {
				for _, follow := range []bool{false, true} {
					_, err := Open(p, follow)
					refused(t, "Open", err, kinds[sp.Name])
					_, err = ReadFile(p, follow)
					refused(t, "ReadFile", err, kinds[sp.Name])
				}
				_, err := fsys.Open("content/x.en.md")
				refused(t, "DirFS.Open", err, kinds[sp.Name])
				_, err = fs.ReadFile(fsys, "content/x.en.md")
				refused(t, "DirFS.ReadFile", err, kinds[sp.Name])
				_, err = fs.ReadDir(fsys, "content/x.en.md")
				refused(t, "DirFS.ReadDir", err, kinds[sp.Name])
				// Followed, a link still leads only to a regular file.
				_, err = fs.ReadFile(fsys, "data/link.yaml")
				refused(t, "DirFS.ReadFile of a link to it", err, kinds[sp.Name])
				dir, err := os.Open(filepath.Join(root, "content"))
				if err != nil {
					t.Error(err)
					return
				}
				defer dir.Close()
				_, err = OpenAt(int(dir.Fd()), "x.en.md", p)
				refused(t, "OpenAt", err, kinds[sp.Name])
			})
		})
	}
}

// TestAFIFOIsRefusedOnItsDescriptor checks the decision made after opening,
// which is what holds when a file is swapped between the look and the open:
// a named pipe opened (as the look would have let through) is still
// refused, and closed.
func TestAFIFOIsRefusedOnItsDescriptor(t *testing.T) {
	p := filepath.Join(t.TempDir(), "f")
	regulartest.FIFO(t, p)
	hangtest.Run(t, "opening a named pipe", func() {
		_, err := openWith(p, func(*unix.Stat_t) error { return errors.New("no look") }, func() (int, error) {
			return unix.Open(p, flags, 0)
		})
		refused(t, "open past the look", err, "a named pipe")
	})
}

func TestLinksAreFollowedOnlyWhereAllowed(t *testing.T) {
	root := t.TempDir()
	outside := filepath.Join(t.TempDir(), "secret.txt")
	write(t, outside, "secret")
	for _, d := range []string{"content", "data"} {
		if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(outside, filepath.Join(root, d, "link.txt")); err != nil {
			t.Fatal(err)
		}
	}
	fsys := DirFS(root, "content")
	_, err := fs.ReadFile(fsys, "content/link.txt")
	refused(t, "a link where links are not followed", err, "a symbolic link")
	if info, err := fs.Stat(fsys, "content/link.txt"); err != nil || info.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("Stat of a link where links are not followed = %v, %v; want the link", info, err)
	}
	if runtime.GOOS == "linux" {
		// Where links are followed, only to a file of the site: a link
		// out of it could publish any file of the machine (a CI runner's
		// secrets) as a page's text.
		_, err = fs.ReadFile(fsys, "data/link.txt")
		refused(t, "a link out of the site where links are followed", err, "a symbolic link")
	}
	write(t, filepath.Join(root, "data", "real.txt"), "inside")
	if err := os.Symlink("real.txt", filepath.Join(root, "data", "inside.txt")); err != nil {
		t.Fatal(err)
	}
	if b, err := fs.ReadFile(fsys, "data/inside.txt"); err != nil || string(b) != "inside" {
		t.Errorf("a link to a file of the site where links are followed: %q, %v", b, err)
	}
	if _, err := Open(filepath.Join(root, "content", "link.txt"), false); !errors.Is(err, ErrNotRegular) {
		t.Errorf("Open without following a link: %v", err)
	}
}

// TestReadsOfARegularFileWait checks that the descriptor of a regular file
// is back to blocking reads.
func TestReadsOfARegularFileWait(t *testing.T) {
	p := filepath.Join(t.TempDir(), "f")
	write(t, p, "x")
	f, err := Open(p, false)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	fl, err := unix.FcntlInt(f.Fd(), unix.F_GETFL, 0)
	if err != nil {
		t.Fatal(err)
	}
	if fl&unix.O_NONBLOCK != 0 {
		t.Error("the file is still open with O_NONBLOCK")
	}
}

// TestAFolderSwappedForALinkIsNotFollowed replaces a folder of content/,
// after it could have been listed, by a link to a folder outside the site
// that holds a file of the same name: reading it is refused (Linux, where
// the kernel resolves the whole path under the site's folder).
func TestAFolderSwappedForALinkIsNotFollowed(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("only Linux resolves a path beneath a folder")
	}
	root, outside := t.TempDir(), t.TempDir()
	write(t, filepath.Join(outside, "a.en.md"), "secret")
	if err := os.MkdirAll(filepath.Join(root, "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(root, "content", "news")); err != nil {
		t.Fatal(err)
	}
	fsys := DirFS(root, "content")
	_, err := fs.ReadFile(fsys, "content/news/a.en.md")
	refused(t, "a file under a folder that is a link", err, "a symbolic link")
	for _, name := range []string{"data/../../x", "/etc/passwd"} {
		if _, err := fs.ReadFile(fsys, name); err == nil {
			t.Errorf("%s was read", name)
		}
	}
}
