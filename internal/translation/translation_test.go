package translation

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/alaqsa-ira/site/internal/gitlog"
	"github.com/alaqsa-ira/site/internal/site"
)

// history makes a history from commits written oldest first, one a
// string: the files it changed, "+" before a file for an addition, "old>new"
// for a rename keeping the text, "!" at the end for the shallow clone's cut.
// Commit n is dated 2027-03-n.
func history(t *testing.T, commits ...string) *gitlog.History {
	t.Helper()
	var b strings.Builder
	for n := len(commits); n >= 1; n-- {
		c := commits[n-1]
		deco := ""
		if strings.HasSuffix(c, "!") {
			c, deco = strings.TrimSuffix(c, "!"), "grafted"
		}
		fmt.Fprintf(&b, "\x01c%d %d\x02%s\x00\n", n, time.Date(2027, 3, n, 0, 0, 0, 0, time.UTC).Unix(), deco)
		for _, f := range strings.Fields(c) {
			switch {
			case strings.Contains(f, ">"):
				old, nu, _ := strings.Cut(f, ">")
				fmt.Fprintf(&b, "R100\x00%s\x00%s\x00", old, nu)
			case strings.HasPrefix(f, "+"):
				fmt.Fprintf(&b, "A\x00%s\x00", f[1:])
			default:
				fmt.Fprintf(&b, "M\x00%s\x00", f)
			}
		}
	}
	h, err := gitlog.Parse([]byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func page(src string) *site.Page { return &site.Page{Source: src} }

func TestCompareByHistory(t *testing.T) {
	const en, ar = "content/a.en.md", "content/a.ar.md"
	const ben, bar = "content/trip/index.en.md", "content/trip/index.ar.md"
	cases := []struct {
		name    string
		commits []string
		tr, src string
		want    string // status commits since..changed from-commit from-path
	}{
		{"added together", []string{"+" + en + " +" + ar}, ar, en, "ok"},
		{"translated later", []string{"+" + en, "+" + ar}, ar, en, "ok"},
		{"source changed after", []string{"+" + en + " +" + ar, en}, ar, en, "outdated 1 02..02 c1 " + en},
		{"several commits", []string{"+" + en + " +" + ar, en, "x", en, en}, ar, en, "outdated 3 02..05 c1 " + en},
		{"the other way round", []string{"+" + en + " +" + ar, en}, en, ar, "ok"},
		{"caught up", []string{"+" + en + " +" + ar, en, en, ar}, ar, en, "ok"},
		{"caught up, the source is not behind", []string{"+" + en + " +" + ar, en, en, ar}, en, ar, "ok"},
		{"changed again after catching up", []string{"+" + en + " +" + ar, en, ar, en}, ar, en, "outdated 1 04..04 c3 " + en},
		{"both in one commit", []string{"+" + en + " +" + ar, en, en + " " + ar}, ar, en, "ok"},
		{"translation ahead", []string{"+" + en + " +" + ar, ar, ar}, ar, en, "ok"},
		{"a rename keeping the text is no change", []string{"+content/old.en.md +" + ar, "content/old.en.md>" + en}, ar, en, "ok"},
		{"changed after a rename", []string{"+content/old.en.md +" + ar, "content/old.en.md>" + en, en}, ar, en, "outdated 1 03..03 c1 content/old.en.md"},
		{"a page bundle", []string{"+" + ben + " +" + bar, ben}, bar, ben, "outdated 1 02..02 c1 " + ben},
		{"shallow, nothing since the cut", []string{"+" + en + " +" + ar + "!"}, ar, en, "unknown"},
		{"shallow, changed since the cut", []string{"+" + en + " +" + ar + "!", en}, ar, en, "outdated at least 1 02..02 c1 " + en},
		{"shallow, caught up since the cut", []string{"+" + en + " +" + ar + "!", en, ar}, ar, en, "ok"},
		{"translation never committed", []string{"+" + en}, ar, en, "unknown"},
		{"source never committed", []string{"+" + ar}, ar, en, "unknown"},
	}
	for _, c := range cases {
		st := Compare(history(t, c.commits...), nil, page(c.tr), page(c.src))
		got := string(st.Status)
		if st.Status == Outdated {
			n := fmt.Sprint(st.Commits)
			if st.AtLeast {
				n = "at least " + n
			}
			got = fmt.Sprintf("%s %s %s..%s %s %s", got, n, st.Since.Format("02"), st.Changed.Format("02"), st.From, st.FromPath)
			if len(st.Newer) != st.Commits {
				t.Errorf("%s: %d newer commits for %d", c.name, len(st.Newer), st.Commits)
			}
		}
		if got != c.want {
			t.Errorf("%s: %s, want %s", c.name, got, c.want)
		}
		if st.Status == Unknown && st.Why == "" {
			t.Errorf("%s: unknown without saying why", c.name)
		}
	}
}

func TestCompareWithoutHistoryAndByLastmod(t *testing.T) {
	en, ar := page("content/a.en.md"), page("content/a.ar.md")
	if st := Compare(&gitlog.History{Missing: "git is not installed"}, nil, ar, en); st.Status != Unknown || st.Why != "git is not installed" {
		t.Errorf("without git: %+v", st)
	}
	if st := Compare(nil, nil, ar, en); st.Status != Unknown {
		t.Errorf("with nothing: %+v", st)
	}
	day := func(d int) time.Time { return time.Date(2027, 3, d, 0, 0, 0, 0, time.UTC) }
	dates := map[string]time.Time{en.Source: day(5), ar.Source: day(3)}
	if st := Compare(nil, dates, ar, en); st.Status != Outdated || !st.Changed.Equal(day(5)) {
		t.Errorf("by dates: %+v", st)
	}
	// lastmod in both files decides over the history, either way.
	en.Lastmod, ar.Lastmod = day(1), day(2)
	if st := Compare(nil, dates, ar, en); st.Status != OK || !st.ByLastmod {
		t.Errorf("lastmod of the translation later: %+v", st)
	}
	if st := Compare(nil, nil, en, ar); st.Status != Outdated || !st.ByLastmod || !st.Changed.Equal(day(2)) || Behind(st) != "lastmod 2027-03-02" {
		t.Errorf("lastmod of the source later: %+v", st)
	}
}

func TestFileKeepsTheNameAndChangesTheLanguage(t *testing.T) {
	for _, c := range [][4]string{
		{"content/about.en.md", "en", "ar", "content/about.ar.md"},
		{"content/trip/index.ar.md", "ar", "en", "content/trip/index.en.md"},
		{"content/announcements/منحة.ar.md", "ar", "en", "content/announcements/منحة.en.md"},
	} {
		if got := File(c[0], c[1], c[2]); got != c[3] {
			t.Errorf("File(%q, %q, %q) = %q, want %q", c[0], c[1], c[2], got, c[3])
		}
	}
}
