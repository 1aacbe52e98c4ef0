package build

import (
	"os"
	"path/filepath"
	"sync"
)

// Sink receives the output files of a build. Write may be called from many
// goroutines at once, each with a different path, and must not keep data
// after it returns.
type Sink interface {
	Write(path string, data []byte) error
}

// dirSink writes files under a folder.
type dirSink struct {
	root string
	mu   sync.Mutex
	dirs map[string]bool
}

func newDirSink(root string) *dirSink { return &dirSink{root: root, dirs: map[string]bool{}} }

func (s *dirSink) Write(p string, data []byte) error {
	full := filepath.Join(s.root, filepath.FromSlash(p))
	dir := filepath.Dir(full)
	s.mu.Lock()
	made := s.dirs[dir]
	s.mu.Unlock()
	if !made {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		s.mu.Lock()
		s.dirs[dir] = true
		s.mu.Unlock()
	}
	return os.WriteFile(full, data, 0o644)
}

// MemSink keeps the output in memory, for the dev server and tests.
type MemSink struct {
	mu    sync.Mutex
	Files map[string][]byte
}

// NewMemSink returns an empty MemSink.
func NewMemSink() *MemSink { return &MemSink{Files: map[string][]byte{}} }

// Write implements Sink.
func (m *MemSink) Write(p string, data []byte) error {
	c := make([]byte, len(data))
	copy(c, data)
	m.mu.Lock()
	m.Files[p] = c
	m.mu.Unlock()
	return nil
}
