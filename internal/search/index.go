package search

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math/bits"
	"slices"
	"strconv"
	"strings"
)

// The index of a language is written as files that a query fetches only
// some of (see static/js/search.js):
//
//	index.json        the manifest, at a stable address: how many pages,
//	                  how many shards, and the name of each file below
//	t/N.HASH.json     shard N of the terms: {"term": "postings", ...} for
//	                  the terms whose FNV-1a hash is N modulo the shards
//	d/N.HASH.json     pages N×DocsPerFile to the next: [{"t": title,
//	                  "u": address, "d": date, "c": categories, "x": text}]
//
// Pages are numbered in the order of the site's lists (newest first). The
// postings of a term are the pages that have it, each as the difference
// from the one before in base 36, followed by * when the term is in the
// page's title, joined by commas: "0*,3,b" is pages 0 (in its title), 3
// and 14. HASH is the start of the file's SHA-256, so a file's name changes
// with its content and a browser (and the service worker) may keep it.

// DocsPerFile is how many pages' titles and texts one file holds: a query
// fetches the files of the results it shows.
const DocsPerFile = 4

// shardBytes is about how large a shard is: the index has as many shards,
// a power of two, as makes its postings about this long each.
const shardBytes = 8 << 10

// hashLen is how many hex digits of a file's hash its name has.
const hashLen = 8

// Index collects the entries of a language, in order, and writes its
// files.
type Index struct {
	put      func(name string, data []byte) error
	docs     int
	chunk    bytes.Buffer
	docFiles []string
	terms    map[string]*[]uint32 // page number << 1 | 1 if in the title
	size     int
}

// NewIndex returns an empty index that gives each file it makes to put,
// with its name relative to the manifest.
func NewIndex(put func(name string, data []byte) error) *Index {
	return &Index{put: put, terms: map[string]*[]uint32{}}
}

// Add adds the next page, from its stored entry (Entry.Marshal).
func (ix *Index) Add(stored []byte) error {
	doc, rest, ok := bytes.Cut(stored, []byte{'\n'})
	title, other, ok2 := bytes.Cut(rest, []byte{'\n'})
	if !ok || !ok2 {
		return errors.New("search: a stored entry is damaged")
	}
	id := uint32(ix.docs)
	ix.docs++
	each := func(b []byte, flag uint32) {
		for len(b) > 0 {
			t, more, _ := bytes.Cut(b, []byte{' '})
			b = more
			if len(t) == 0 {
				continue
			}
			p := ix.terms[string(t)]
			if p == nil {
				p = new([]uint32)
				ix.terms[string(t)] = p
				ix.size += len(t) + 6
			}
			*p = append(*p, id<<1|flag)
			ix.size += 2
		}
	}
	each(title, 1)
	each(other, 0)
	if ix.chunk.Len() == 0 {
		ix.chunk.WriteByte('[')
	} else {
		ix.chunk.WriteByte(',')
	}
	ix.chunk.Write(doc)
	if ix.docs%DocsPerFile == 0 {
		return ix.flushDocs()
	}
	return nil
}

func (ix *Index) flushDocs() error {
	ix.chunk.WriteByte(']')
	name, err := ix.write("d", len(ix.docFiles), ix.chunk.Bytes())
	ix.chunk.Reset()
	ix.docFiles = append(ix.docFiles, name)
	return err
}

// write gives data to put as DIR/N.HASH.json and returns the hash.
func (ix *Index) write(dir string, n int, data []byte) (string, error) {
	sum := sha256.Sum256(data)
	h := hex.EncodeToString(sum[:hashLen/2])
	return h, ix.put(fmt.Sprintf("%s/%d.%s.json", dir, n, h), data)
}

// Finish writes the last page file and the shards, and returns the
// manifest.
func (ix *Index) Finish() ([]byte, error) {
	if ix.chunk.Len() > 0 {
		if err := ix.flushDocs(); err != nil {
			return nil, err
		}
	}
	shards := 1
	if n := ix.size / shardBytes; n > 1 {
		shards = 1 << bits.Len(uint(n-1))
	}
	shards = min(shards, 4096)
	byShard := make([][]string, shards)
	for t := range ix.terms {
		s := Shard(t, shards)
		byShard[s] = append(byShard[s], t)
	}
	shardFiles := make([]string, shards)
	var b []byte
	for s, terms := range byShard {
		slices.Sort(terms)
		b = append(b[:0], '{')
		for i, t := range terms {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendJSONString(b, t)
			b = append(b, ':', '"')
			prev := uint32(0)
			for k, p := range *ix.terms[t] {
				if k > 0 {
					b = append(b, ',')
				}
				b = strconv.AppendUint(b, uint64(p>>1-prev), 36)
				if p&1 == 1 {
					b = append(b, '*')
				}
				prev = p >> 1
			}
			b = append(b, '"')
		}
		b = append(b, '}')
		h, err := ix.write("t", s, b)
		if err != nil {
			return nil, err
		}
		shardFiles[s] = h
	}
	m := manifest{Version: 1, Docs: ix.docs, PerFile: DocsPerFile, Shards: shards, Terms: strings.Join(shardFiles, ""), DocFiles: strings.Join(ix.docFiles, "")}
	return json.Marshal(m)
}

// manifest is index.json.
type manifest struct {
	Version  int    `json:"v"`
	Docs     int    `json:"n"`
	PerFile  int    `json:"k"`
	Shards   int    `json:"s"`
	Terms    string `json:"t"` // the hashes of the shards, hashLen hex digits each
	DocFiles string `json:"d"` // the hashes of the page files
}

// Shard returns the shard of a term among n, a power of two: the FNV-1a
// hash of its UTF-8 bytes, modulo n.
func Shard(term string, n int) int {
	h := uint32(2166136261)
	for i := 0; i < len(term); i++ {
		h ^= uint32(term[i])
		h *= 16777619
	}
	return int(h & uint32(n-1))
}

func appendJSONString(b []byte, s string) []byte {
	q, _ := json.Marshal(s)
	return append(b, q...)
}

// Marshal returns the entry as the build stores it until the index is
// made: the page's JSON for the results, then its title's terms, then its
// other terms, on three lines.
func (e Entry) Marshal() ([]byte, error) {
	doc, err := json.Marshal(struct {
		T string   `json:"t"`
		U string   `json:"u"`
		D string   `json:"d,omitempty"`
		C []string `json:"c,omitempty"`
		X string   `json:"x"`
	}{e.Title, e.URL, e.Date, e.Categories, e.Text})
	if err != nil {
		return nil, err
	}
	n := len(doc) + 2
	for _, t := range e.Terms {
		n += len(t) + 1
	}
	b := make([]byte, 0, n)
	b = append(b, doc...)
	b = append(b, '\n')
	for i, t := range e.Terms {
		if i == e.TitleTerms {
			b = append(b, '\n')
		} else if i > 0 {
			b = append(b, ' ')
		}
		b = append(b, t...)
	}
	if e.TitleTerms >= len(e.Terms) {
		b = append(b, '\n')
	}
	return b, nil
}
