package publish

import (
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestFolderNotMadeByTheBuildIsRefusedOrTakenOver is a folder that merely
// holds index.html next to other files: refused, then taken over with
// Force, which keeps every file it did not write; what stood where the
// site has a file is moved aside, never lost.
func TestFolderNotMadeByTheBuildIsRefusedOrTakenOver(t *testing.T) {
	for name, foreign := range map[string]map[string]string{
		"an index and an upload":                 {"index.html": "hi", "uploads/r.pdf": "x"},
		"hidden files":                           {".htaccess": "deny", ".well-known/acme": "token", "index.html": "hi"},
		"a sitemap only":                         {"sitemap.xml": "<urlset/>", "notes/plan.txt": "plan"},
		"a file named like a folder of the site": {"en": "a file called en", "keep.txt": "k"},
		"a folder where the site has a file":     {"robots.txt/inside.txt": "in a folder called robots.txt"},
		"the site's bytes exactly":               {"index.html": "home", "extra.txt": "e"},
	} {
		t.Run(name, func(t *testing.T) {
			root := t.TempDir()
			www := filepath.Join(root, "www")
			for p, s := range foreign {
				write(t, filepath.Join(www, p), s)
			}
			before := tree(t, root)
			for range 2 {
				if _, _, err := publishWith(t, www, linkSite, Options{}); err == nil || !strings.Contains(err.Error(), "--force") {
					t.Fatalf("a folder site build did not make: %v, want a refusal that names --force", err)
				}
			}
			if err := Check("", www, false); err == nil || !strings.Contains(err.Error(), "--force") {
				t.Errorf("Check: %v, want the same refusal", err)
			}
			if after := tree(t, root); !maps.Equal(before, after) {
				t.Fatalf("a refused build changed:\n%s", diffMaps(before, after))
			}
			_, ch, err := publishWith(t, www, linkSite, Options{Force: true})
			if err != nil {
				t.Fatal(err)
			}
			displaced := filepath.Join(root, ".www.displaced")
			got := contents(t, www)
			for p, s := range foreign {
				moved, err := os.ReadFile(filepath.Join(displaced, filepath.FromSlash(p)))
				switch {
				case got[p] == s:
				case err == nil && string(moved) == s:
				default:
					t.Errorf("%s: neither kept nor moved aside (%v); notes: %v", p, err, ch.Notes)
				}
				if _, site := linkSite[p]; !site && got[p] != s && !strings.Contains(name, "folder") && !strings.Contains(name, "named like") {
					t.Errorf("%s: moved although the site has nothing there", p)
				}
			}
			for p, s := range linkSite {
				if got[p] != s {
					t.Errorf("%s = %q, want the site's %q", p, got[p], s)
				}
			}
			if name == "the site's bytes exactly" && len(ch.Displaced) != 0 {
				t.Errorf("a file holding the site's bytes was moved: %v", ch.Displaced)
			}
			// From now on the folder is the build's, and its foreign files
			// stay through every build.
			kept := tree(t, www)
			next := maps.Clone(linkSite)
			delete(next, "ar/old/index.html")
			for range 2 {
				if _, _, err := publishWith(t, www, next, Options{}); err != nil {
					t.Fatal(err)
				}
			}
			after := tree(t, www)
			for p, v := range kept {
				if _, site := linkSite[p]; site || strings.HasSuffix(p, "/") {
					continue
				}
				if after[p] != v {
					t.Errorf("%s: a file the build did not write changed: %q -> %q", p, v, after[p])
				}
			}
			if _, err := os.Stat(filepath.Join(www, "ar/old/index.html")); !os.IsNotExist(err) {
				t.Errorf("the stale page is still there: %v", err)
			}
		})
	}
}

// TestForeignFilesInAPublishedSiteSurvive adds files to a site the build
// made, where it has nothing: they stay, whatever the site does around
// them, and a file changed by hand that the site drops is kept too.
func TestForeignFilesInAPublishedSiteSurvive(t *testing.T) {
	root := t.TempDir()
	dest := filepath.Join(root, "public")
	mustPublish(t, dest, linkSite, nil)
	foreign := map[string]string{
		"google1234.html":          "verification",
		".htaccess":                "Options -Indexes",
		".well-known/security.txt": "Contact: x",
		"en/notes.txt":             "beside the site's pages",
		"ar/old/attachment.pdf":    "in a folder whose page goes",
		"uploads/2026/r.pdf":       "x",
	}
	for p, s := range foreign {
		write(t, filepath.Join(dest, p), s)
	}
	later := time.Now().Add(time.Second)
	write(t, filepath.Join(dest, "sub/deeper/feed.xml"), "<feed>edited</feed>")
	if err := os.Chtimes(filepath.Join(dest, "sub/deeper/feed.xml"), later, later); err != nil {
		t.Fatal(err)
	}
	next := maps.Clone(linkSite)
	delete(next, "ar/old/index.html")   // its folder keeps a foreign file
	delete(next, "sub/deeper/feed.xml") // changed by hand: kept
	delete(next, "fonts/cairo-arabic.woff")
	next["en/news/b/index.html"] = "news b"
	_, ch, err := publishWith(t, dest, next, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := maps.Clone(next)
	maps.Copy(want, foreign)
	want["sub/deeper/feed.xml"] = "<feed>edited</feed>"
	if got := contents(t, dest); !maps.Equal(got, want) {
		t.Errorf("published:\n%s", diffMaps(want, got))
	}
	if !strings.Contains(strings.Join(ch.Notes, "\n"), "feed.xml: changed since") {
		t.Errorf("notes %v do not name the kept file", ch.Notes)
	}
	if _, err := os.Stat(filepath.Join(dest, "fonts")); !os.IsNotExist(err) {
		t.Errorf("the folder the site left empty is still there: %v", err)
	}
	// The kept file is no longer the build's: the site may not overwrite
	// it without --force, and a later build does not remove it.
	next["sub/deeper/feed.xml"] = "<feed/>"
	if _, _, err := publishWith(t, dest, next, Options{}); err == nil || !strings.Contains(err.Error(), "feed.xml") {
		t.Errorf("the site writing over the kept file: %v, want a refusal naming it", err)
	}
}

// TestForeignFilesInTheWayStopTheBuild puts files the build did not write
// where the next site has a file or a folder: the publish is refused with
// nothing changed, or with Force they are moved aside.
func TestForeignFilesInTheWayStopTheBuild(t *testing.T) {
	next := maps.Clone(linkSite)
	next["news/index.html"] = "news"
	next["feed.xml"] = "<feed/>"
	next["en/about/index.html"] = "about, changed"
	delete(next, "en/news/a/index.html")
	next["en/news"] = "the news folder is a file now"
	cases := map[string]map[string]string{
		"a file where the site has a folder":                        {"news": "a file called news"},
		"a file where the site has a new file":                      {"feed.xml": "someone's feed"},
		"a folder where the site has a file":                        {"feed.xml/a.txt": "a"},
		"a hidden folder where the site has a file":                 {"feed.xml/.git/config": "[core]"},
		"a folder in place of the site's file":                      {"en/about/index.html/y": "y"},
		"a file in the site's folder that becomes a file":           {"en/news/extra.txt": "extra"},
		"a file in a folder where the site has a folder and a file": {"news/.index.html.swp": "swap", "news/index.html": "someone's news"},
	}
	for name, foreign := range cases {
		t.Run(name, func(t *testing.T) {
			root := t.TempDir()
			dest := filepath.Join(root, "public")
			mustPublish(t, dest, linkSite, nil)
			for p, s := range foreign {
				for q := range ancestors(p) {
					if info, err := os.Lstat(filepath.Join(dest, q)); err == nil && !info.IsDir() {
						os.Remove(filepath.Join(dest, q))
					}
				}
				write(t, filepath.Join(dest, filepath.FromSlash(p)), s)
			}
			before := tree(t, root)
			_, ch, err := publishWith(t, dest, next, Options{})
			if err == nil || !strings.Contains(err.Error(), "--force") {
				t.Fatalf("foreign files in the way: %v, want a refusal naming --force", err)
			}
			if len(ch.Displaced) == 0 {
				t.Error("the refusal lists nothing in the way")
			}
			if after := tree(t, root); !maps.Equal(before, after) {
				t.Fatalf("a refused publish changed:\n%s", diffMaps(before, after))
			}
			if _, err := Diff(dest, bytesOf(next), Options{}); err == nil {
				t.Error("Diff does not say the build would stop")
			}
			if _, _, err := publishWith(t, dest, next, Options{Force: true}); err != nil {
				t.Fatal(err)
			}
			want := maps.Clone(next)
			for p, s := range foreign {
				if strings.HasSuffix(p, ".swp") {
					want[p] = s
				}
			}
			if got := contents(t, dest); !maps.Equal(got, want) {
				t.Errorf("published:\n%s", diffMaps(want, got))
			}
			aside := contents(t, filepath.Join(root, ".public.displaced"))
			for p, s := range foreign {
				if strings.HasSuffix(p, ".swp") {
					if got := contents(t, dest)[p]; got != s {
						t.Errorf("%s, not in the way, = %q", p, got)
					}
					continue
				}
				if aside[p] != s {
					t.Errorf("%s was not moved aside: %q (aside: %v)", p, aside[p], aside)
				}
			}
		})
	}
}

func bytesOf(files map[string]string) map[string][]byte {
	out := map[string][]byte{}
	for p, s := range files {
		out[p] = []byte(s)
	}
	return out
}

// TestDiffTellsWhatABuildWouldDo compares Diff with what the publish then
// does, and checks that Diff changes nothing.
func TestDiffTellsWhatABuildWouldDo(t *testing.T) {
	root := t.TempDir()
	dest := filepath.Join(root, "public")
	if ch, err := Diff(dest, bytesOf(linkSite), Options{}); err != nil || len(ch.Added) != len(linkSite) {
		t.Fatalf("into nothing: %v, %v", ch, err)
	}
	mustPublish(t, dest, linkSite, nil)
	write(t, filepath.Join(dest, "stray.html"), "kept")
	next := maps.Clone(linkSite)
	delete(next, "ar/old/index.html")
	next["en/about/index.html"] = "changed"
	next["en/new/index.html"] = "new"
	before := tree(t, root)
	want, err := Diff(dest, bytesOf(next), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if after := tree(t, root); !maps.Equal(before, after) {
		t.Fatalf("Diff changed:\n%s", diffMaps(before, after))
	}
	_, got, err := publishWith(t, dest, next, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range [][2][]string{{want.Added, got.Added}, {want.Changed, got.Changed}, {want.Removed, got.Removed}} {
		if strings.Join(l[0], ",") != strings.Join(l[1], ",") {
			t.Errorf("Diff said %v, the publish did %v", l[0], l[1])
		}
	}
	if strings.Join(got.Removed, ",") != "ar/old/index.html" || strings.Join(got.Added, ",") != "en/new/index.html" {
		t.Errorf("added %v, removed %v", got.Added, got.Removed)
	}
}
