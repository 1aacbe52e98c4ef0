package site

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/alaqsa-ira/site/internal/markdown"
)

// TestBodiesBeyondTheBudgetAreReadAgain loads pages whose bodies do not all
// fit in the memory budget: every page still renders from its own body, the
// kept ones from memory and the others from the file, and a file that
// changes after the load is refused rather than mixed with the front matter
// loaded before.
func TestBodiesBeyondTheBudgetAreReadAgain(t *testing.T) {
	fsys := fstest.MapFS{ConfigPath: {Data: []byte(fuzzConfig)}}
	const n = 20
	bodies := map[string]string{}
	for i := range n {
		name := fmt.Sprintf("content/p%02d.en.md", i)
		bodies[name] = fmt.Sprintf("Body of page %d, %s\n", i, strings.Repeat("x", 100))
		fsys[name] = &fstest.MapFile{Data: []byte(fmt.Sprintf("---\ntitle: P%d\n---\n", i) + bodies[name])}
	}
	s, errs := LoadData(fsys)
	if s == nil {
		t.Fatal(errs)
	}
	if errs := LoadContent(context.Background(), fsys, s, markdown.New(), Options{BodyBudget: 5 * 120}); len(errs) > 0 {
		t.Fatal(errs)
	}
	if len(s.Pages) != n {
		t.Fatalf("%d pages, want %d", len(s.Pages), n)
	}
	var kept, read int
	for _, p := range s.Pages {
		if p.body != nil {
			kept++
		} else {
			read++
		}
		if body, err := p.ReadBody(fsys); err != nil || string(body) != bodies[p.Source] {
			t.Errorf("%s: body = %q, %v; want %q", p.Source, body, err, bodies[p.Source])
		}
		// Change every file after the load.
		fsys[p.Source].Data = append([]byte(nil), fsys[p.Source].Data...)
		fsys[p.Source].Data[len(fsys[p.Source].Data)-2] = 'y'
	}
	if kept == 0 || read == 0 || kept > 5 {
		t.Fatalf("kept %d bodies in memory and left %d on disk; want some of each, at most 5 kept", kept, read)
	}
	for _, p := range s.Pages {
		body, err := p.ReadBody(fsys)
		switch {
		case p.body != nil && (err != nil || string(body) != bodies[p.Source]):
			t.Errorf("%s: kept body = %q, %v; want the body as loaded", p.Source, body, err)
		case p.body == nil && (err == nil || !strings.Contains(err.Error(), p.Source+": the file changed")):
			t.Errorf("%s: re-read a changed file: %q, err = %v; want an error naming the file", p.Source, body, err)
		}
	}
}
