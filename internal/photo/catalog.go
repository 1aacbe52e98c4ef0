package photo

import (
	"context"
	"crypto/sha256"
	"io"
	"io/fs"
	"runtime"
	"sync"

	"github.com/alaqsa-ira/site/internal/diag"
	"github.com/alaqsa-ira/site/internal/imaging"
	"golang.org/x/sync/errgroup"
)

// MaxSourceBytes is the largest photo file read: a bigger one is refused
// before it is read, whatever it holds.
const MaxSourceBytes = 64 << 20

// Catalog makes and keeps the derivatives of the site's photos. It is safe
// for concurrent use.
type Catalog struct {
	proc *imaging.Processor

	mu    sync.Mutex
	known map[string]*entry // by source path
	// background mode (the dev server): new photos are derived off the
	// build's path, and ready is told when they are done.
	background bool
	ready      func(source string)
	ctx        context.Context
	cancel     context.CancelFunc
	wg         sync.WaitGroup
	// gate, when set (tests), is waited on before each background derive.
	gate chan struct{}
}

// entry is what the catalog knows of one source.
type entry struct {
	sum   [sha256.Size]byte
	photo *Photo
	err   error
	busy  bool // being derived in the background
}

// New returns a Catalog deriving with proc.
func New(proc *imaging.Processor) *Catalog {
	return &Catalog{proc: proc, known: map[string]*entry{}}
}

// Processor returns the catalog's image processor.
func (c *Catalog) Processor() *imaging.Processor { return c.proc }

// Background switches the catalog to the dev server's mode: a photo it has
// not seen with these bytes is returned at once as Pending (the server
// starts without waiting for any photo), its derivatives are made in the
// background (from the disk cache when it has them), and ready is called
// with its source path when they are (or when they failed). Close stops the
// work.
func (c *Catalog) Background(ready func(source string)) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.background, c.ready = true, ready
	c.ctx, c.cancel = context.WithCancel(context.Background())
}

// Gate makes each background derive wait until ch is closed or sends (for
// tests that need a photo to stay pending).
func (c *Catalog) Gate(ch chan struct{}) {
	c.mu.Lock()
	c.gate = ch
	c.mu.Unlock()
}

// Close stops the background work and waits for it.
func (c *Catalog) Close() {
	c.mu.Lock()
	cancel := c.cancel
	c.mu.Unlock()
	if cancel != nil {
		cancel()
	}
	c.wg.Wait()
}

// Load returns the photos of the sources (paths in fsys), deriving those
// it does not already have with these bytes, on all cores. A source that
// cannot be published (corrupt, truncated, empty, too large, not what its
// extension says) is left out and reported as path: message. When ctx
// ends, Load returns ctx's error.
func (c *Catalog) Load(ctx context.Context, fsys fs.FS, sources []string) (map[string]*Photo, []error) {
	out := make([]*Photo, len(sources))
	errs := make([]error, len(sources))
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i, src := range sources {
		if ctx.Err() != nil {
			break
		}
		g.Go(func() error {
			out[i], errs[i] = c.one(ctx, fsys, src)
			return nil
		})
	}
	_ = g.Wait()
	if err := ctx.Err(); err != nil {
		return nil, []error{err}
	}
	photos := make(map[string]*Photo, len(sources))
	var problems []error
	for i, src := range sources {
		if errs[i] != nil {
			problems = append(problems, errs[i])
			continue
		}
		photos[src] = out[i]
	}
	c.forget(sources)
	return photos, problems
}

// forget drops what the catalog keeps of sources no longer in the site.
func (c *Catalog) forget(sources []string) {
	keep := make(map[string]bool, len(sources))
	for _, s := range sources {
		keep[s] = true
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for src, e := range c.known {
		if !e.busy && !keep[src] {
			delete(c.known, src)
		}
	}
}

// one returns the photo of one source.
func (c *Catalog) one(ctx context.Context, fsys fs.FS, src string) (*Photo, error) {
	data, err := readLimited(fsys, src)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(data)
	c.mu.Lock()
	e := c.known[src]
	if e != nil && e.sum == sum {
		p, err := e.photo, e.err
		c.mu.Unlock()
		return p, err
	}
	if c.background {
		// From the cache when it has the derivatives, else shown at once
		// from its source, if its header is sound.
		c.mu.Unlock()
		set, ok := c.proc.Lookup(src, data) // reads the disk: not under the lock
		var p *Photo
		if ok {
			p = newPhoto(src, set) // hashes the derivatives: not under the lock
		}
		c.mu.Lock()
		if ok {
			c.known[src] = &entry{sum: sum, photo: p}
			c.mu.Unlock()
			return p, nil
		}
		info, err := c.proc.Inspect(src, data)
		if err != nil {
			c.known[src] = &entry{sum: sum, err: err}
			c.mu.Unlock()
			return nil, err
		}
		p = pending(src, info, data)
		c.known[src] = &entry{sum: sum, photo: p, busy: true}
		c.wg.Add(1)
		ctx, gate := c.ctx, c.gate
		c.mu.Unlock()
		go c.derive(ctx, gate, src, sum, data)
		return p, nil
	}
	c.mu.Unlock()
	set, err := c.proc.Derive(ctx, src, data)
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	var p *Photo
	if err == nil {
		p = newPhoto(src, set)
	}
	c.mu.Lock()
	c.known[src] = &entry{sum: sum, photo: p, err: err}
	c.mu.Unlock()
	return p, err
}

// derive makes a photo's derivatives in the background.
func (c *Catalog) derive(ctx context.Context, gate chan struct{}, src string, sum [sha256.Size]byte, data []byte) {
	defer c.wg.Done()
	if gate != nil {
		select {
		case <-gate:
		case <-ctx.Done():
			return
		}
	}
	set, err := c.proc.Derive(ctx, src, data)
	if ctx.Err() != nil {
		return
	}
	var p *Photo
	if err == nil {
		p = newPhoto(src, set) // hashes the derivatives: not under the lock
	}
	c.mu.Lock()
	e := c.known[src]
	if e == nil || e.sum != sum {
		c.mu.Unlock()
		return // replaced or removed meanwhile
	}
	e.busy, e.err, e.photo = false, err, p
	ready := c.ready
	c.mu.Unlock()
	if ready != nil {
		ready(src)
	}
}

// readLimited reads a source photo, refusing one over MaxSourceBytes.
func readLimited(fsys fs.FS, src string) ([]byte, error) {
	f, err := fsys.Open(src)
	if err != nil {
		return nil, diag.Errorf(src, 0, "cannot read the photo: %v", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxSourceBytes+1))
	if err != nil {
		return nil, diag.Errorf(src, 0, "cannot read the photo: %v", err)
	}
	if len(data) > MaxSourceBytes {
		return nil, diag.Errorf(src, 0, "the photo is over %d MB, too large to publish: export it from a photo editor at most 4000 pixels wide", MaxSourceBytes>>20)
	}
	return data, nil
}
