package site

import (
	"hash/fnv"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestMetaHashSeesEveryFieldOfPage sets each field of Page in turn and
// wants Meta to change, but for the fields tagged meta:"-", which are
// named here so that leaving a field out of Meta is a decision: a field
// added to Page is in Meta, or this test fails until it says why not.
func TestMetaHashSeesEveryFieldOfPage(t *testing.T) {
	left := []string{"ImageSource", "body", "BodyOffset", "BodyLen", "BodyLine", "Hash", "KeyLines", "Meta"}
	var out []string
	typ := reflect.TypeFor[Page]()
	for i := range typ.NumField() {
		f := typ.Field(i)
		if f.Tag.Get("meta") == "-" {
			out = append(out, f.Name)
			continue
		}
		if !hashed(f.Type) {
			t.Errorf("Page.%s is a %s, which metaHash does not know: teach hashValue, or tag the field meta:\"-\"", f.Name, f.Type)
			continue
		}
		var p Page
		before := p.metaHash()
		setNonZero(t, f.Name, reflect.ValueOf(&p).Elem().Field(i))
		if p.metaHash() == before {
			t.Errorf("setting Page.%s leaves Meta as it was", f.Name)
		}
	}
	if !slices.Equal(out, left) {
		t.Errorf("the fields left out of Meta are %v; want %v", out, left)
	}
}

// setNonZero sets v, a zero value, to one that is not.
func setNonZero(t *testing.T, name string, v reflect.Value) {
	t.Helper()
	switch {
	case v.Type() == timeType:
		v.Set(reflect.ValueOf(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)))
	case v.Kind() == reflect.String:
		v.SetString("x")
	case v.Kind() == reflect.Bool:
		v.SetBool(true)
	case v.CanInt():
		v.SetInt(1)
	case v.CanUint():
		v.SetUint(1)
	case v.Kind() == reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 1, 1)
		setNonZero(t, name, s.Index(0))
		v.Set(s)
	case v.Kind() == reflect.Struct:
		setNonZero(t, name, v.Field(0))
	default:
		t.Fatalf("Page.%s: cannot set a %s", name, v.Type())
	}
}

// TestMetaHashTellsListsApart checks that values moved from one list field
// to another, or split differently within one, change Meta.
func TestMetaHashTellsListsApart(t *testing.T) {
	pages := []Page{
		{Categories: []string{"a", "b"}},
		{Categories: []string{"ab"}},
		{Categories: []string{"a"}, Aliases: []string{"b"}},
		{Aliases: []string{"a", "b"}},
		{Title: "a", Description: "b"},
		{Title: "ab"},
	}
	seen := map[uint64]int{}
	for i := range pages {
		m := pages[i].metaHash()
		if j, dup := seen[m]; dup {
			t.Errorf("pages %+v and %+v have one Meta", pages[j], pages[i])
		}
		seen[m] = i
	}
}

// TestMetaHashIsFNV checks the running hash against hash/fnv's.
func TestMetaHashIsFNV(t *testing.T) {
	for _, s := range []string{"", "a", "مكتب العلاقات الدولية", strings.Repeat("x", 1000)} {
		h := fnvOffset
		h.bytes([]byte(s))
		want := fnv.New64a()
		want.Write([]byte(s))
		if uint64(h) != want.Sum64() {
			t.Errorf("%q: %x; hash/fnv has %x", s, uint64(h), want.Sum64())
		}
	}
}
