//go:build unix

package publish

import (
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// asUser runs the test named name again as the unprivileged user nobody,
// when the tests run as root, for whom the system ignores read-only modes.
// It reports whether the caller should run the test itself.
func asUser(t *testing.T, name string) bool {
	t.Helper()
	if os.Getuid() != 0 {
		return true
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for d := dir; d != filepath.Dir(d) && strings.HasPrefix(d, os.TempDir()) && d != os.TempDir(); d = filepath.Dir(d) {
		if err := os.Chmod(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	bin := filepath.Join(dir, "publish.test")
	b, err := os.ReadFile(self)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bin, b, 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "-test.run=^"+name+"$", "-test.v", "-test.count=1")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "TMPDIR="+os.TempDir(), "GOCOVERDIR=")
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	out, err := cmd.CombinedOutput()
	if err != nil {
		if strings.Contains(err.Error(), "operation not permitted") {
			t.Skipf("cannot run as another user here: %v", err)
		}
		t.Fatalf("as user nobody: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "--- PASS: "+name) {
		t.Fatalf("as user nobody, the test did not pass:\n%s", out)
	}
	return false
}

// chmodTree makes every file and folder under dir read-only, as
// chmod -R a-w does.
func chmodTree(t *testing.T, dir string) {
	t.Helper()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		return os.Chmod(p, info.Mode().Perm()&^0o222)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestReadOnlySiteIsRepublished makes a published site read-only, as an
// administrator might to protect it: every later build still publishes,
// and the folders it found read-only stay so.
func TestReadOnlySiteIsRepublished(t *testing.T) {
	if !asUser(t, "TestReadOnlySiteIsRepublished") {
		return
	}
	root := t.TempDir()
	dest := filepath.Join(root, "public")
	t.Cleanup(func() {
		filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err == nil && d.IsDir() {
				os.Chmod(p, 0o755)
			}
			return nil
		})
	})
	mustPublish(t, dest, linkSite, nil)
	chmodTree(t, dest)
	next := maps.Clone(linkSite)
	delete(next, "ar/old/index.html")       // a stale file in a read-only folder
	next["en/about/index.html"] = "changed" // a changed one
	next["en/contact.html"] = "new"         // a new one in a read-only folder
	next["en/news/b/index.html"] = "news b" // a new folder in a read-only one
	delete(next, "robots.txt")              // a stale file in the read-only root
	next["sub/deeper"] = "a file in place of a read-only folder"
	delete(next, "sub/deeper/index.html")
	delete(next, "sub/deeper/feed.xml")
	for _, files := range []map[string]string{next, linkSite, next} {
		mustPublish(t, dest, files, nil)
	}
	for _, d := range []string{"", "en", "ar"} {
		info, err := os.Stat(filepath.Join(dest, d))
		if err != nil || info.Mode().Perm()&0o222 != 0 {
			t.Errorf("%s/%s: %v, %v; want it read-only still", dest, d, info.Mode(), err)
		}
	}
	// A folder that holds the destination and cannot be written is
	// refused with a message that says what to do.
	if err := os.Chmod(root, 0o555); err != nil {
		t.Fatal(err)
	}
	_, _, err := publishWith(t, dest, next, Options{})
	if err == nil || !strings.Contains(err.Error(), "holds the destination") {
		t.Errorf("a read-only folder around the destination: %v", err)
	}
}
