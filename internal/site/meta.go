package site

import (
	"fmt"
	"reflect"
	"time"
)

// metaHash computes Meta: a hash of every field of p, in order, but those
// tagged meta:"-" (the body and where it is, the file's hash, the lines of
// the keys). It is derived from Page itself rather than listed, so that a
// field added to Page is not forgotten by a rebuild; the schema's test
// proves that every front matter key reaches it.
func (p *Page) metaHash() uint64 {
	h := fnvOffset
	pageHasher(&h, reflect.ValueOf(p).Elem())
	return uint64(h)
}

// fnv64 is a running 64-bit FNV-1a hash, the one hash/fnv's New64a
// computes, written to a byte at a time so that hashing a page needs no
// buffer.
type fnv64 uint64

const (
	fnvOffset fnv64 = 14695981039346656037
	fnvPrime  fnv64 = 1099511628211
)

func (h *fnv64) byte(c byte) { *h = (*h ^ fnv64(c)) * fnvPrime }

func (h *fnv64) bytes(b []byte) {
	for _, c := range b {
		h.byte(c)
	}
}

func (h *fnv64) string(s string) {
	for i := range len(s) {
		h.byte(s[i])
	}
	h.byte(0)
}

func (h *fnv64) uint(u uint64) {
	for range 8 {
		h.byte(byte(u))
		u >>= 8
	}
}

// A hasher writes a value to h, so that different values write different
// bytes.
type hasher func(h *fnv64, v reflect.Value)

// pageHasher writes the fields of a Page that Meta hashes. It is made
// once, from the type, so that hashing a page reads its fields without
// looking up their tags.
var pageHasher = hasherOf(reflect.TypeFor[Page]())

var timeType = reflect.TypeFor[time.Time]()

// hasherOf returns the hasher of values of type t. It knows the kinds of
// value Page's fields have (hashed reports whether it knows t); another is
// written as fmt prints it, and a test fails until it is taught it.
func hasherOf(t reflect.Type) hasher {
	switch {
	case t == timeType:
		return func(h *fnv64, v reflect.Value) {
			var buf [16]byte
			b, _ := v.Addr().Interface().(*time.Time).AppendBinary(buf[:0])
			h.bytes(b)
		}
	case t.Kind() == reflect.String:
		return func(h *fnv64, v reflect.Value) { h.string(v.String()) }
	case t.Kind() == reflect.Bool:
		return func(h *fnv64, v reflect.Value) {
			if v.Bool() {
				h.byte(1)
			} else {
				h.byte(0)
			}
		}
	case t.Kind() >= reflect.Int && t.Kind() <= reflect.Int64:
		return func(h *fnv64, v reflect.Value) { h.uint(uint64(v.Int())) }
	case t.Kind() >= reflect.Uint && t.Kind() <= reflect.Uintptr:
		return func(h *fnv64, v reflect.Value) { h.uint(v.Uint()) }
	case t.Kind() == reflect.Slice:
		elem := hasherOf(t.Elem())
		return func(h *fnv64, v reflect.Value) {
			h.uint(uint64(v.Len()))
			for i := range v.Len() {
				elem(h, v.Index(i))
			}
		}
	case t.Kind() == reflect.Struct:
		var index []int
		var fields []hasher
		for i := range t.NumField() {
			if t.Field(i).Tag.Get("meta") != "-" {
				index = append(index, i)
				fields = append(fields, hasherOf(t.Field(i).Type))
			}
		}
		return func(h *fnv64, v reflect.Value) {
			for j, i := range index {
				fields[j](h, v.Field(i))
			}
		}
	}
	return func(h *fnv64, v reflect.Value) { h.string(fmt.Sprintf("%v", v)) }
}

// hashed reports whether hasherOf knows the kind of values of type t.
func hashed(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.String, reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return true
	case reflect.Slice:
		return hashed(t.Elem())
	case reflect.Struct:
		if t == timeType {
			return true
		}
		for i := range t.NumField() {
			if t.Field(i).Tag.Get("meta") != "-" && !hashed(t.Field(i).Type) {
				return false
			}
		}
		return true
	}
	return false
}
