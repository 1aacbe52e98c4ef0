package search

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// Reader reads an index's files back, as the page script does: for tests
// and tools.
type Reader struct {
	m      manifest
	files  map[string][]byte
	shards map[int]map[string]string
}

// Doc is one page as a result shows it.
type Doc struct {
	Title      string   `json:"t"`
	URL        string   `json:"u"`
	Date       string   `json:"d"`
	Categories []string `json:"c"`
	Text       string   `json:"x"`
}

// ReadIndex reads the manifest; files holds the other files by their names
// relative to it.
func ReadIndex(manifestJSON []byte, files map[string][]byte) (*Reader, error) {
	r := &Reader{files: files, shards: map[int]map[string]string{}}
	if err := json.Unmarshal(manifestJSON, &r.m); err != nil {
		return nil, err
	}
	if r.m.Shards < 1 || len(r.m.Terms) != r.m.Shards*hashLen || r.m.PerFile < 1 || len(r.m.DocFiles) != (r.m.Docs+r.m.PerFile-1)/r.m.PerFile*hashLen {
		return nil, fmt.Errorf("search: the manifest %.200s does not fit", manifestJSON)
	}
	return r, nil
}

// Len is how many pages the index has.
func (r *Reader) Len() int { return r.m.Docs }

// Shards is how many shards the index has.
func (r *Reader) Shards() int { return r.m.Shards }

// ShardFile returns the name of the shard a term is in.
func (r *Reader) ShardFile(term string) string {
	s := Shard(term, r.m.Shards)
	return fmt.Sprintf("t/%d.%s.json", s, r.m.Terms[s*hashLen:(s+1)*hashLen])
}

// DocFile returns the name of the file holding page i.
func (r *Reader) DocFile(i int) string {
	c := i / r.m.PerFile
	return fmt.Sprintf("d/%d.%s.json", c, r.m.DocFiles[c*hashLen:(c+1)*hashLen])
}

func (r *Reader) postings(term string) (string, error) {
	s := Shard(term, r.m.Shards)
	shard, ok := r.shards[s]
	if !ok {
		data, found := r.files[r.ShardFile(term)]
		if !found {
			return "", fmt.Errorf("search: no file %s", r.ShardFile(term))
		}
		if err := json.Unmarshal(data, &shard); err != nil {
			return "", err
		}
		r.shards[s] = shard
	}
	return shard[term], nil
}

// Find returns the pages that have a term, in order.
func (r *Reader) Find(term string) []int {
	ids, _ := r.find(term)
	return ids
}

// InTitle returns the pages that have a term in their title.
func (r *Reader) InTitle(term string) []int {
	_, ids := r.find(term)
	return ids
}

func (r *Reader) find(term string) (all, title []int) {
	p, err := r.postings(term)
	if err != nil || p == "" {
		return nil, nil
	}
	id := 0
	for _, s := range strings.Split(p, ",") {
		d, t := strings.CutSuffix(s, "*")
		n, err := strconv.ParseInt(d, 36, 64)
		if err != nil {
			return nil, nil
		}
		id += int(n)
		all = append(all, id)
		if t {
			title = append(title, id)
		}
	}
	return all, title
}

// Doc returns page i.
func (r *Reader) Doc(i int) (Doc, error) {
	var docs []Doc
	if err := json.Unmarshal(r.files[r.DocFile(i)], &docs); err != nil {
		return Doc{}, err
	}
	if k := i % r.m.PerFile; k < len(docs) {
		return docs[k], nil
	}
	return Doc{}, fmt.Errorf("search: no page %d", i)
}
