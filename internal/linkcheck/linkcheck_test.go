package linkcheck

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestCheckReportsBrokenSlowAndRefusedLinks(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/ok", func(w http.ResponseWriter, r *http.Request) {})
	mux.HandleFunc("/gone", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "gone", http.StatusGone) })
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(2 * time.Second):
		}
	})
	mux.HandleFunc("/nohead", func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodHead {
			w.WriteHeader(http.StatusMethodNotAllowed)
		}
	})
	mux.HandleFunc("/moved", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/ok", http.StatusFound) })
	srv := httptest.NewServer(mux)
	defer srv.Close()
	closed := httptest.NewServer(mux)
	closedURL := closed.URL
	closed.Close()

	urls := []string{srv.URL + "/ok", srv.URL + "/gone", srv.URL + "/slow", srv.URL + "/nohead", srv.URL + "/moved", closedURL + "/x", srv.URL + "/ok"}
	failed := Check(context.Background(), urls, Options{Timeout: 300 * time.Millisecond})
	want := map[string]string{
		srv.URL + "/gone": "410",
		srv.URL + "/slow": "no answer within",
		closedURL + "/x":  "cannot be reached",
	}
	if len(failed) != len(want) {
		t.Errorf("failures %v, want %d", failed, len(want))
	}
	for u, sub := range want {
		if err := failed[u]; err == nil || !strings.Contains(err.Error(), sub) {
			t.Errorf("%s: %v, want an error with %q", u, err, sub)
		}
	}
}
