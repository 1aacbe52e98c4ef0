package site

import (
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"io"
	"reflect"
	"time"
)

// metaHash computes Meta: a hash of every field of p, in order, but those
// tagged meta:"-" (the body and where it is, the file's hash, the lines of
// the keys). It is derived from Page itself rather than listed, so that a
// field added to Page is not forgotten by a rebuild; the schema's test
// proves that every front matter key reaches it.
func (p *Page) metaHash() uint64 {
	h := fnv.New64a()
	hashFields(h, reflect.ValueOf(p).Elem())
	return h.Sum64()
}

var timeType = reflect.TypeFor[time.Time]()

// hashFields writes the fields of the struct v to h, each followed by a
// separator, but those tagged meta:"-".
func hashFields(h io.Writer, v reflect.Value) {
	t := v.Type()
	for i := range t.NumField() {
		if t.Field(i).Tag.Get("meta") == "-" {
			continue
		}
		hashValue(h, v.Field(i))
	}
}

// hashValue writes v to h. It knows the kinds of value Page's fields
// have (hashed reports whether it knows t); another is written as fmt
// prints it, and a test fails until hashValue is taught it.
func hashValue(h io.Writer, v reflect.Value) {
	var buf [8]byte
	switch {
	case v.Type() == timeType:
		b, _ := v.Interface().(time.Time).MarshalBinary()
		h.Write(b)
	case v.Kind() == reflect.String:
		h.Write([]byte(v.String()))
		h.Write([]byte{0})
	case v.Kind() == reflect.Bool:
		if v.Bool() {
			h.Write([]byte{1})
		} else {
			h.Write([]byte{0})
		}
	case v.CanInt():
		h.Write(binary.LittleEndian.AppendUint64(buf[:0], uint64(v.Int())))
	case v.CanUint():
		h.Write(binary.LittleEndian.AppendUint64(buf[:0], v.Uint()))
	case v.Kind() == reflect.Slice:
		h.Write(binary.LittleEndian.AppendUint64(buf[:0], uint64(v.Len())))
		for i := range v.Len() {
			hashValue(h, v.Index(i))
		}
	case v.Kind() == reflect.Struct:
		hashFields(h, v)
	default:
		fmt.Fprintf(h, "%v", v)
	}
}

// hashed reports whether hashValue knows the kind of values of type t.
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
