package gitlog

import (
	"context"
	"fmt"
	"os/exec"
	"testing"
	"time"

	"github.com/alaqsa-ira/site/internal/gittest"
)

// BenchmarkRead reads the history of 4,000 pages changed over 40 commits,
// and reports its time as a multiple of the git log the build ran before
// (each file's last date, renames not followed), measured in the same run.
func BenchmarkRead(b *testing.B) {
	r := gittest.New(b)
	files := map[string]string{}
	for i := range 4000 {
		files[fmt.Sprintf("content/announcements/a%04d.%s.md", i/2, []string{"ar", "en"}[i%2])] = fmt.Sprint("text ", i)
	}
	r.Commit("2027-01-01T00:00:00Z", "all", files)
	for c := range 40 {
		changed := map[string]string{}
		for i := c * 100; i < c*100+100; i++ {
			changed[fmt.Sprintf("content/announcements/a%04d.%s.md", i/2, []string{"ar", "en"}[i%2])] = fmt.Sprint("changed ", c)
		}
		r.Commit(fmt.Sprintf("2027-01-%02dT00:00:00Z", c%27+2), "change", changed)
	}
	ctx := context.Background()
	var old time.Duration
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		t0 := time.Now()
		out, err := exec.Command("git", "-C", r.Dir, "-c", "core.quotePath=false", "log", "--format=%x01%ct", "--name-only", "--no-renames", "--relative", "-z", "--", ".").Output()
		if err != nil || len(out) == 0 {
			b.Fatal(err)
		}
		old += time.Since(t0)
		b.StartTimer()
		h, err := Read(ctx, r.Dir)
		if err != nil || len(h.Dates()) != 4000 {
			b.Fatalf("%v, %d files", err, len(h.Dates()))
		}
	}
	b.ReportMetric(b.Elapsed().Seconds()/old.Seconds(), "x-old-git-log")
}
