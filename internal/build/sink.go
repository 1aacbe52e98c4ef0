package build

import "sync"

// Sink receives the output files of a build. Write may be called from many
// goroutines at once, each with a different path, and must not keep data
// after it returns.
type Sink interface {
	Write(path string, data []byte) error
}

// reader is a Sink that can give back what was written to it.
type reader interface {
	Read(path string) ([]byte, bool)
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

// Read returns a file written to the sink.
func (m *MemSink) Read(p string) ([]byte, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	data, ok := m.Files[p]
	return data, ok
}
