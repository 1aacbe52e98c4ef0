package gitlog

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/alaqsa-ira/site/internal/gittest"
)

// commits lists the commits (by their hash) that changed a file, newest
// first, with the file's path in each.
func commits(h *History, file string) []string {
	var out []string
	for _, c := range h.Changes(file) {
		out = append(out, h.Commits[c.Commit].Hash+":"+c.Path)
	}
	return out
}

func TestParseFollowsRenamesAndForgetsDeletedFiles(t *testing.T) {
	out := strings.Join([]string{
		"\x01c6 1700000600\x02HEAD -> main", "\nA", "content/a.en.md",
		"\x01c5 1700000500\x02", "\nR100", "content/a.en.md", "content/b.en.md",
		"\x01c4 1700000400\x02", "\nM", "content/a.en.md", "D", "content/gone.ar.md",
		"\x01c3 1700000300\x02", "\nR087", "content/x.en.md", "content/a.en.md", "M", "content/gone.ar.md",
		"\x01c2 1700000200\x02", "\nM", "content/x.en.md", "M", "content/منحة.ar.md",
		"\x01c1 1700000100\x02grafted, tag: v1", "\nA", "content/x.en.md", "A", "content/منحة.ar.md", "A", "content/gone.ar.md", "",
	}, "\x00")
	h, err := Parse([]byte(out))
	if err != nil {
		t.Fatal(err)
	}
	if !h.Shallow || !h.Commits[5].Grafted || h.Commits[0].Grafted {
		t.Errorf("shallow %v, commits %v; want the oldest commit grafted", h.Shallow, h.Commits)
	}
	want := map[string][]string{
		// a new file where a.en.md was renamed away from
		"content/a.en.md": {"c6:content/a.en.md"},
		// renamed with its text (R100): not a change, its history before counts;
		// renamed with changes (R087): a change
		"content/b.en.md":    {"c4:content/a.en.md", "c3:content/a.en.md", "c2:content/x.en.md", "c1:content/x.en.md"},
		"content/منحة.ar.md": {"c2:content/منحة.ar.md", "c1:content/منحة.ar.md"},
		"content/gone.ar.md": nil,
		"content/x.en.md":    nil,
	}
	for file, w := range want {
		if got := commits(h, file); !slices.Equal(got, w) {
			t.Errorf("%s: %q, want %q", file, got, w)
		}
	}
	dates := h.Dates()
	if len(dates) != 3 || !dates["content/b.en.md"].Equal(time.Unix(1700000400, 0)) {
		t.Errorf("Dates = %v", dates)
	}
	for _, bad := range []string{"\x01c1\x02", "\x01c1 x\x02", "M\x00a.md", "\x01c1 1\x02\x00R100\x00a.md"} {
		if _, err := Parse([]byte(bad)); err == nil {
			t.Errorf("Parse(%q) gave no error", bad)
		}
	}
}

func TestReadARepository(t *testing.T) {
	r := gittest.New(t)
	r.Commit("2026-01-01T00:00:00Z", "one", map[string]string{"site/content/a.en.md": "1", "site/content/منحة.ar.md": "1", "other.txt": "x"})
	r.Commit("2026-02-01T00:00:00Z", "two", map[string]string{"site/content/a.en.md": "2"})
	r.Git("", "mv", "site/content/a.en.md", "site/content/b.en.md")
	r.Commit("2026-03-01T00:00:00Z", "move", nil)

	h, err := Read(context.Background(), filepath.Join(r.Dir, "site"))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]time.Time{
		"content/b.en.md":    time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC),
		"content/منحة.ar.md": time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC),
	}
	got := h.Dates()
	if len(got) != len(want) || h.Missing != "" || h.Shallow {
		t.Errorf("Dates = %v (missing %q, shallow %v), want %v", got, h.Missing, h.Shallow, want)
	}
	for k, v := range want {
		if !got[k].Equal(v) {
			t.Errorf("%s: %v, want %v", k, got[k], v)
		}
	}
	if ch := commits(h, "content/b.en.md"); len(ch) != 2 || !strings.HasSuffix(ch[0], ":content/a.en.md") {
		t.Errorf("the moved file's changes: %q, want two, under its old name", ch)
	}

	none, err := Read(context.Background(), t.TempDir())
	if err != nil || len(none.Dates()) != 0 || !strings.Contains(none.Missing, "not in a git repository") {
		t.Errorf("outside a repository: %+v, %v; want empty, saying why, and no error", none, err)
	}
	empty := gittest.New(t)
	if h, err := Read(context.Background(), empty.Dir); err != nil || !strings.Contains(h.Missing, "no commits") {
		t.Errorf("a repository without commits: %+v, %v", h, err)
	}
}

func TestReadAShallowClone(t *testing.T) {
	r := gittest.New(t)
	r.Commit("2026-01-01T00:00:00Z", "one", map[string]string{"content/a.en.md": "1", "content/a.ar.md": "1"})
	r.Commit("2026-02-01T00:00:00Z", "two", map[string]string{"content/a.en.md": "2"})
	clone := gittest.New(t)
	clone.Git("", "fetch", "-q", "--depth", "1", "file://"+r.Dir, "main")
	clone.Git("", "checkout", "-q", "FETCH_HEAD")
	h, err := Read(context.Background(), clone.Dir)
	if err != nil {
		t.Fatal(err)
	}
	if !h.Shallow || len(h.Commits) != 1 || !h.Commits[0].Grafted {
		t.Errorf("shallow %v, commits %v; want one grafted commit", h.Shallow, h.Commits)
	}
}

func TestDiffUncommittedAndSince(t *testing.T) {
	r := gittest.New(t)
	r.Commit("2026-01-01T00:00:00Z", "one", map[string]string{"content/a.en.md": "first line\n", "content/a.ar.md": "سطر\n"})
	from := strings.TrimSpace(r.Git("", "rev-parse", "HEAD"))
	r.Git("", "branch", "base")
	r.Git("", "mv", "content/a.en.md", "content/b.en.md")
	r.Commit("2026-02-01T00:00:00Z", "two", map[string]string{"content/b.en.md": "second line\n"})
	ctx := context.Background()
	d, err := Diff(ctx, r.Dir, from, "content/a.en.md", "content/b.en.md")
	if err != nil || !strings.Contains(d, "-first line") || !strings.Contains(d, "+second line") {
		t.Errorf("Diff across a rename = %q, %v", d, err)
	}
	r.Write(map[string]string{"content/a.ar.md": "تعديل\n", "content/new.en.md": "x"})
	u, err := Uncommitted(ctx, r.Dir)
	if err != nil || len(u) != 2 || !u["content/a.ar.md"] || !u["content/new.en.md"] {
		t.Errorf("Uncommitted = %v, %v", u, err)
	}
	s, err := Since(ctx, r.Dir, "base")
	if err != nil || len(s) != 1 {
		t.Errorf("Since(base) = %v, %v; want the one commit after it", s, err)
	}
	if _, err := Since(ctx, r.Dir, "no-such-branch"); err == nil || !strings.Contains(err.Error(), "fetch-depth: 0") {
		t.Errorf("Since of a missing branch: %v", err)
	}
}
