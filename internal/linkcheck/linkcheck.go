// Package linkcheck checks that links to other sites still lead somewhere.
//
// It is used only when asked (site check --external), since it needs the
// network: each address is asked for once, with HEAD and, where a server
// refuses HEAD, with GET, a few at a time and each within a time limit. An
// address fails when the server cannot be reached or answers with an error
// status; redirects are followed.
package linkcheck

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"sync"
	"time"
)

// Options configures Check. Zero values take the defaults.
type Options struct {
	Client      *http.Client  // default: one with Timeout
	Timeout     time.Duration // per address, default 10s
	Concurrency int           // addresses asked at once, default 8
}

// Check asks for every address and returns the failures by address.
func Check(ctx context.Context, urls []string, opts Options) map[string]error {
	if opts.Timeout == 0 {
		opts.Timeout = 10 * time.Second
	}
	if opts.Concurrency == 0 {
		opts.Concurrency = 8
	}
	client := opts.Client
	if client == nil {
		client = &http.Client{Timeout: opts.Timeout}
	}
	seen := map[string]bool{}
	var unique []string
	for _, u := range urls {
		if !seen[u] {
			seen[u] = true
			unique = append(unique, u)
		}
	}
	var mu sync.Mutex
	failed := map[string]error{}
	sem := make(chan struct{}, opts.Concurrency)
	var wg sync.WaitGroup
	for _, u := range unique {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			if err := one(ctx, client, u, opts.Timeout); err != nil {
				mu.Lock()
				failed[u] = err
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return failed
}

func one(ctx context.Context, client *http.Client, u string, timeout time.Duration) error {
	status, err := ask(ctx, client, http.MethodHead, u, timeout)
	if err == nil && (status == http.StatusMethodNotAllowed || status == http.StatusNotImplemented || status == http.StatusForbidden) {
		status, err = ask(ctx, client, http.MethodGet, u, timeout)
	}
	if err != nil {
		return err
	}
	if status >= 400 {
		return fmt.Errorf("the server answers %d %s", status, http.StatusText(status))
	}
	return nil
}

func ask(ctx context.Context, client *http.Client, method, u string, timeout time.Duration) (int, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, u, nil)
	if err != nil {
		return 0, err
	}
	req.Header.Set("User-Agent", "site-check (link checker of the IRA office website)")
	resp, err := client.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return 0, fmt.Errorf("no answer within %s", timeout)
		}
		return 0, fmt.Errorf("cannot be reached: %v", err)
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	resp.Body.Close()
	return resp.StatusCode, nil
}
