package publish

import (
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// world is a folder holding a destination and, beside it, a folder
// "outside" with files that no publish may change.
type world struct {
	root, dest, outside string
}

func newWorld(t *testing.T) world {
	t.Helper()
	root := t.TempDir()
	w := world{root: root, dest: filepath.Join(root, "public"), outside: filepath.Join(root, "outside")}
	for p, s := range map[string]string{
		"secret.txt":            "system file",
		"en/index.html":         "outside page",
		"old/index.html":        "outside old page",
		"dir/robots.txt":        "outside robots",
		"sub/deeper/index.html": "outside deep",
	} {
		write(t, filepath.Join(w.outside, p), s)
	}
	return w
}

func write(t *testing.T, p, s string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

func link(t *testing.T, target, at string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(at), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(at); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, at); err != nil {
		t.Fatal(err)
	}
}

var linkSite = map[string]string{
	"index.html":              "home",
	"robots.txt":              "User-agent: *",
	"en/index.html":           "english",
	"en/news/a/index.html":    "news a",
	"en/about/index.html":     "about",
	"ar/index.html":           "عربي",
	"ar/old/index.html":       "قديم",
	"sub/deeper/index.html":   "deep",
	"sub/deeper/feed.xml":     "<feed/>",
	"css/site.1234abcd.css":   "body{}",
	"fonts/cairo-arabic.woff": "font",
}

// TestLinksInTheDestinationAreNeverFollowed plants links in a published
// site, publishes again, and checks that nothing outside the destination
// changed and that the site is whole, each link replaced by what the site
// has there.
func TestLinksInTheDestinationAreNeverFollowed(t *testing.T) {
	next := maps.Clone(linkSite)
	delete(next, "ar/old/index.html") // stale: removed by the next build
	next["en/about/index.html"] = "about, changed"
	cases := map[string]func(w world){
		"a file link":          func(w world) { link(t, filepath.Join(w.outside, "secret.txt"), filepath.Join(w.dest, "robots.txt")) },
		"a relative file link": func(w world) { link(t, "../outside/secret.txt", filepath.Join(w.dest, "robots.txt")) },
		"a link to a changing file": func(w world) {
			link(t, filepath.Join(w.outside, "secret.txt"), filepath.Join(w.dest, "en/about/index.html"))
		},
		"a folder link":                  func(w world) { link(t, filepath.Join(w.outside, "en"), filepath.Join(w.dest, "en")) },
		"a link in a nested folder":      func(w world) { link(t, filepath.Join(w.outside, "dir"), filepath.Join(w.dest, "en/news")) },
		"a link to a folder of the site": func(w world) { link(t, "../ar", filepath.Join(w.dest, "en")) },
		"a dangling link":                func(w world) { link(t, filepath.Join(w.outside, "nothing"), filepath.Join(w.dest, "en/index.html")) },
		"a dangling folder link":         func(w world) { link(t, filepath.Join(w.outside, "nothing"), filepath.Join(w.dest, "sub")) },
		"a link where a stale file was": func(w world) {
			link(t, filepath.Join(w.outside, "old/index.html"), filepath.Join(w.dest, "ar/old/index.html"))
		},
		"a link where a stale folder was": func(w world) {
			link(t, filepath.Join(w.outside, "old"), filepath.Join(w.dest, "ar/old"))
		},
		"the site's own folder moved outside and linked": func(w world) {
			moved := filepath.Join(w.outside, "moved-ar-old")
			if err := os.Rename(filepath.Join(w.dest, "ar/old"), moved); err != nil {
				t.Fatal(err)
			}
			link(t, moved, filepath.Join(w.dest, "ar/old"))
		},
		"a link to the destination's parent": func(w world) { link(t, "..", filepath.Join(w.dest, "sub/deeper")) },
		"a link where a new file goes":       func(w world) { link(t, filepath.Join(w.outside, "secret.txt"), filepath.Join(w.dest, "en/new.html")) },
		"a link in the staging folder": func(w world) {
			link(t, w.outside, filepath.Join(w.root, ".public.staging"))
		},
		"links inside the staging folder": func(w world) {
			for _, name := range []string{"1", "2", "en"} {
				link(t, filepath.Join(w.outside, "secret.txt"), filepath.Join(w.root, ".public.staging", name))
			}
		},
		"a link the site does not write is kept": func(w world) {
			link(t, filepath.Join(w.outside, "dir"), filepath.Join(w.dest, "uploads"))
			link(t, filepath.Join(w.outside, "secret.txt"), filepath.Join(w.dest, "en/secret.txt"))
		},
		"the manifest's temporary file a link": func(w world) {
			link(t, filepath.Join(w.outside, "secret.txt"), filepath.Join(w.root, ".public.manifest.tmp"))
		},
	}
	next["en/new.html"] = "new"
	for name, plant := range cases {
		t.Run(name, func(t *testing.T) {
			w := newWorld(t)
			mustPublish(t, w.dest, linkSite, nil)
			plant(w)
			before := tree(t, w.outside)
			_, ch, err := publishWith(t, w.dest, next, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if after := tree(t, w.outside); !maps.Equal(before, after) {
				t.Fatalf("outside the destination:\n%s", diffMaps(before, after))
			}
			want := maps.Clone(next)
			if strings.Contains(name, "moved outside") || strings.Contains(name, "stale") {
				// A link the site no longer writes is not the build's to
				// remove: it stays, as it is.
				for p, v := range contents(t, w.dest) {
					if strings.HasPrefix(p, "ar/old") {
						want[p] = v
					}
				}
			}
			if strings.Contains(name, "kept") {
				want["uploads"], want["en/secret.txt"] = "(link)", "(link)"
			}
			if got := contents(t, w.dest); !maps.Equal(got, want) {
				t.Errorf("published:\n%s", diffMaps(want, got))
			}
			if _, err := os.Lstat(filepath.Join(w.root, ".public.staging")); !os.IsNotExist(err) {
				t.Errorf("the staging folder is still there: %v", err)
			}
			t.Log(ch.Notes)
			// And the build after it has nothing left to fix.
			if tx, _, err := publishWith(t, w.dest, next, Options{}); err != nil || tx.Written() != 0 {
				t.Errorf("the build after: %v, %d written", err, tx.Written())
			}
		})
	}
}

// TestLinkedDestinationIsPublishedIntoItsTarget publishes to a link to a
// folder, as servers often have (public -> /var/www/site): the site goes
// into the folder, the link stays, and the manifest and staging folder
// are beside the folder.
func TestLinkedDestinationIsPublishedIntoItsTarget(t *testing.T) {
	w := newWorld(t)
	target := filepath.Join(w.root, "www", "site")
	if err := os.MkdirAll(target, 0o755); err != nil {
		t.Fatal(err)
	}
	link(t, target, w.dest)
	before := tree(t, w.outside)
	for i := range 3 {
		files := maps.Clone(linkSite)
		if i == 1 {
			delete(files, "ar/old/index.html")
		}
		if _, _, err := publishWith(t, w.dest, files, Options{}); err != nil {
			t.Fatal(err)
		}
		if to, err := os.Readlink(w.dest); err != nil || to != target {
			t.Fatalf("the destination link is now %q, %v", to, err)
		}
		if got := contents(t, target); !maps.Equal(got, files) {
			t.Fatalf("build %d: the link's folder holds:\n%s", i, diffMaps(files, got))
		}
	}
	if _, err := os.Stat(filepath.Join(w.root, "www", ".site.manifest")); err != nil {
		t.Errorf("no manifest beside the folder: %v", err)
	}
	for _, stray := range []string{".public.manifest", ".public.staging"} {
		if _, err := os.Lstat(filepath.Join(w.root, stray)); !os.IsNotExist(err) {
			t.Errorf("%s beside the link: %v", stray, err)
		}
	}
	if after := tree(t, w.outside); !maps.Equal(before, after) {
		t.Errorf("outside the destination:\n%s", diffMaps(before, after))
	}
	// A link to a folder that does not exist is refused, not followed.
	link(t, filepath.Join(w.root, "www", "gone"), w.dest)
	if _, _, err := publishWith(t, w.dest, linkSite, Options{}); err == nil || !strings.Contains(err.Error(), "does not exist") {
		t.Errorf("a link to nothing: %v, want a refusal", err)
	}
	if _, err := os.Lstat(filepath.Join(w.root, "www", "gone")); !os.IsNotExist(err) {
		t.Error("publishing through a link to nothing made its target")
	}
}

// TestManifestThatIsALinkIsNeverFollowed plants a link where the manifest
// is kept: before the first build, and in place of the manifest of a
// published site.
func TestManifestThatIsALinkIsNeverFollowed(t *testing.T) {
	w := newWorld(t)
	manifestPath := filepath.Join(w.root, ".public.manifest")
	link(t, filepath.Join(w.outside, "secret.txt"), manifestPath)
	before := tree(t, w.outside)
	mustPublish(t, w.dest, linkSite, nil) // a new destination: the link is replaced
	if info, err := os.Lstat(manifestPath); err != nil || !info.Mode().IsRegular() {
		t.Errorf("the manifest is %v, %v; want a file", info, err)
	}
	link(t, filepath.Join(w.outside, "secret.txt"), manifestPath)
	_, _, err := publishWith(t, w.dest, linkSite, Options{})
	if err == nil || !strings.Contains(err.Error(), "symbolic link") {
		t.Errorf("a published site whose manifest is a link: %v, want a refusal that says so", err)
	}
	if _, _, err := publishWith(t, w.dest, linkSite, Options{Force: true}); err != nil {
		t.Errorf("with --force: %v", err)
	}
	if after := tree(t, w.outside); !maps.Equal(before, after) {
		t.Errorf("outside the destination:\n%s", diffMaps(before, after))
	}
	if info, err := os.Lstat(manifestPath); err != nil || !info.Mode().IsRegular() {
		t.Errorf("after --force the manifest is %v, %v; want a file", info, err)
	}
}
