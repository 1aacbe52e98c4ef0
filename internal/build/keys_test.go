package build

import (
	"context"
	"testing"

	"github.com/alaqsa-ira/site/internal/markdown"
	"github.com/alaqsa-ira/site/internal/site"
	"github.com/alaqsa-ira/site/internal/view"
)

// TestEveryDepKindHasAValue checks that the keyer knows every kind of
// dependency the view records: one it did not know would have the same
// value whatever changed, and the outputs that read it would never be
// rendered again.
func TestEveryDepKindHasAValue(t *testing.T) {
	fsys := newSite(t, "")
	s, errs := site.LoadData(fsys)
	if s == nil {
		t.Fatal(errs)
	}
	errs = append(errs, site.LoadContent(context.Background(), fsys, s, markdown.New(), site.Options{})...)
	a, more := site.Assemble(s, testNow, false)
	if errs = append(errs, more...); len(errs) > 0 {
		t.Fatal(errs)
	}
	v := view.New(a, view.Options{Base: s.Config.BaseURL, FS: fsys})
	k := newKeyer(&renderer{a: a, view: v}, 0)
	for _, kind := range view.DepKinds() {
		if !k.value(k.h, view.Dep{Kind: kind, Lang: "en", Name: "announcements"}) {
			t.Errorf("the keyer gives a dependency of kind %v no value", kind)
		}
	}
	if k.value(k.h, view.Dep{Kind: 0}) {
		t.Error("the keyer takes the zero kind for a known one")
	}
}
