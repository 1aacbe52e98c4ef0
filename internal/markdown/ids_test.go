package markdown

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/alaqsa-ira/site/internal/hangtest"
	"github.com/alaqsa-ira/site/internal/htmltest"
)

// TestManyEqualHeadingsGetDistinctIDsQuickly converts pages of thousands of
// equal headings (8,000 took 22 s when each id was searched for from 1):
// every heading gets an id of its own.
func TestManyEqualHeadingsGetDistinctIDsQuickly(t *testing.T) {
	c := New()
	for _, src := range []string{strings.Repeat("## فقرة\n", 20_000), strings.Repeat("Part\n----\n\n", 20_000), strings.Repeat("## a\n## a 1\n", 5000)} {
		var b bytes.Buffer
		hangtest.Run(t, fmt.Sprintf("converting %.40q", src), func() { c.Convert(&b, []byte(src), Doc{Path: "x.md", Line: 1, BasePath: "/"}) })
		out := b.String()
		ids := map[string]bool{}
		doc := htmltest.Parse(t, []byte(out))
		for _, h := range doc.All(htmltest.Tag("h2")) {
			id := htmltest.AttrOf(h, "id")
			if id == "" || ids[id] {
				t.Fatalf("heading id %q is empty or given twice", id)
			}
			ids[id] = true
		}
		if len(ids) < 10_000 {
			t.Errorf("%d headings", len(ids))
		}
	}
}
