package serve

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"mime"
	"net"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/alaqsa-ira/site/internal/build"
	"github.com/alaqsa-ira/site/internal/diag"
)

// The server's own paths, out of the way of any page of the site.
const (
	eventsPath = "/_site/events"
	scriptPath = "/_site/reload.js"
)

// ServeHTTP serves the built site, the reload stream and its script.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !s.hostAllowed(r.Host) {
		http.Error(w, "this server answers only requests for its own address", http.StatusForbidden)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	rc := http.NewResponseController(w)
	switch r.URL.Path {
	case eventsPath:
		// A reload stream lasts as long as the page is open (net/http
		// lifts the read deadline once the request is read): each event
		// gets a write deadline of its own.
		s.events(w, r, rc)
		return
	case scriptPath:
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		_, _ = w.Write([]byte(reloadScript))
		return
	}
	_ = rc.SetWriteDeadline(time.Now().Add(s.timeouts.write))
	s.file(w, r)
}

// hostAllowed reports whether a Host header names this server: its own
// address, or localhost or an IP address with its port. A name that
// resolves to the machine by DNS rebinding is refused.
func (s *Server) hostAllowed(hostport string) bool {
	if hostport == s.addr {
		return true
	}
	host, port, err := net.SplitHostPort(hostport)
	if err != nil {
		return false
	}
	_, myPort, _ := net.SplitHostPort(s.addr)
	if port != myPort {
		return false
	}
	myHost, _, _ := net.SplitHostPort(s.addr)
	myIP := net.ParseIP(myHost)
	switch ip := net.ParseIP(host); {
	case host == "localhost":
		return myIP != nil && (myIP.IsLoopback() || myIP.IsUnspecified())
	case ip == nil:
		return false
	case s.anyHost:
		return true
	default:
		return ip.Equal(myIP) || (ip.IsLoopback() && myIP.IsLoopback())
	}
}

// sameOrigin reports whether a reload stream was asked for by a page of
// this server: browsers send Origin on cross-origin requests and
// Sec-Fetch-Site on all.
func (s *Server) sameOrigin(r *http.Request) bool {
	if site := r.Header.Get("Sec-Fetch-Site"); site != "" && site != "same-origin" && site != "none" {
		return false
	}
	origin := r.Header.Get("Origin")
	return origin == "" || origin == "http://"+r.Host
}

// events streams reload events to one browser. A browser that does not
// take an event within the write timeout is dropped; its page connects
// again by itself.
func (s *Server) events(w http.ResponseWriter, r *http.Request, rc *http.ResponseController) {
	if !s.sameOrigin(r) {
		http.Error(w, "reload events are for this server's own pages", http.StatusForbidden)
		return
	}
	send := func(format string, args ...any) bool {
		if rc.SetWriteDeadline(time.Now().Add(s.timeouts.write)) != nil {
			return false
		}
		fmt.Fprintf(w, format, args...)
		return rc.Flush() == nil
	}
	c := s.subscribe()
	defer s.unsubscribe(c)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	_, version, _ := s.state()
	if !send("retry: 500\nevent: hello\ndata: %d\n\n", version) {
		return
	}
	beat := time.NewTicker(20 * time.Second)
	defer beat.Stop()
	for {
		ok := true
		select {
		case <-r.Context().Done():
			return
		case ev := <-c:
			_, version, _ := s.state()
			ok = send("event: %s\ndata: %d\n\n", ev, version)
		case <-beat.C:
			ok = send(": still here\n\n")
		}
		if !ok {
			return
		}
	}
}

// file serves one file of the built site from memory. Nothing else can be
// reached: the path is only ever a key of the map of built files.
func (s *Server) file(w http.ResponseWriter, r *http.Request) {
	p := r.URL.Path
	if !strings.HasPrefix(p, "/") || strings.ContainsRune(p, 0) || hasDotDot(p) {
		http.Error(w, "bad path", http.StatusBadRequest)
		return
	}
	files, version, failure := s.state()
	key := strings.TrimPrefix(p, "/")
	if key == "" || strings.HasSuffix(key, "/") {
		key += "index.html"
	}
	data, found := files[key]
	if !found && !strings.HasSuffix(p, "/") {
		if _, dir := files[key+"/index.html"]; dir {
			http.Redirect(w, r, p+"/", http.StatusMovedPermanently)
			return
		}
	}
	isHTML := strings.HasSuffix(key, ".html")
	w.Header().Set("Cache-Control", "no-store")
	switch {
	case failure != nil && (isHTML || !found):
		s.errorPage(w, failure, version)
	case !found:
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusNotFound)
		_, _ = w.Write(inject(files["404.html"], version))
	case isHTML:
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write(inject(data, version))
	default:
		ctype := mime.TypeByExtension(path.Ext(key))
		if ctype == "" {
			ctype = http.DetectContentType(data)
		}
		w.Header().Set("Content-Type", ctype)
		_, _ = w.Write(data)
	}
}

// hasDotDot reports a path with a .. segment, however it was written.
func hasDotDot(p string) bool {
	for _, seg := range strings.FieldsFunc(p, func(r rune) bool { return r == '/' || r == '\\' }) {
		if seg == ".." {
			return true
		}
	}
	return false
}

// inject adds the reload script to an HTML page, before </body>.
func inject(page []byte, version uint64) []byte {
	tag := []byte(`<script src="` + scriptPath + `?v=` + strconv.FormatUint(version, 10) + `" defer></script>`)
	i := bytes.LastIndex(page, []byte("</body>"))
	if i < 0 {
		return append(append([]byte{}, page...), tag...)
	}
	out := make([]byte, 0, len(page)+len(tag))
	out = append(out, page[:i]...)
	out = append(out, tag...)
	return append(out, page[i:]...)
}

// reloadScript listens for reload events. "css" reloads the stylesheets in
// place; "reload" reloads the page and restores its scroll position; on
// connecting, a version other than the page's means a build was missed.
const reloadScript = `(() => {
  const key = "site-dev-scroll";
  try {
    const s = JSON.parse(sessionStorage.getItem(key) || "null");
    if (s && s.p === location.pathname) {
      sessionStorage.removeItem(key);
      addEventListener("load", () => scrollTo(s.x, s.y));
    }
  } catch (e) {}
  const version = new URL(document.currentScript.src).searchParams.get("v");
  const reload = () => {
    sessionStorage.setItem(key, JSON.stringify({p: location.pathname, x: scrollX, y: scrollY}));
    location.reload();
  };
  const es = new EventSource("` + eventsPath + `");
  es.addEventListener("hello", (e) => { if (e.data !== version) reload(); });
  es.addEventListener("reload", reload);
  es.addEventListener("css", (e) => {
    for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
      const u = new URL(link.href);
      u.searchParams.set("v", e.data);
      link.href = u.href;
    }
  });
})();
`

var errorTemplate = template.Must(template.New("error").Parse(`<!DOCTYPE html>
<html lang="en" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Build failed</title>
<style>
body { font-family: system-ui, sans-serif; margin: 0; background: #fff8f6; color: #1b1f24; }
main { max-inline-size: 60rem; margin-inline: auto; padding: 1.5rem; }
h1 { color: #8a1c1c; font-size: 1.4rem; }
.err { background: #fff; border: 1px solid #e4b9b9; border-inline-start: 6px solid #8a1c1c; padding: 0.75rem 1rem; margin-block: 1rem; }
.where { font-family: ui-monospace, monospace; font-weight: 700; }
pre { background: #f6f6f6; padding: 0.5rem; overflow-x: auto; direction: ltr; text-align: start; }
.here { background: #ffe1e1; display: block; }
.n { color: #777; user-select: none; }
</style>
</head>
<body>
<main>
<h1>The site did not build</h1>
<p>Fix what is listed here; this page goes back to the site by itself as soon as the site builds again.</p>
{{range .}}
<section class="err">
<p><span class="where">{{.Where}}</span> {{.Msg}}</p>
{{with .Lines}}<pre>{{range .}}<span{{if .Here}} class="here"{{end}}><span class="n">{{printf "%4d" .N}} </span><bdi>{{.Text}}</bdi></span>
{{end}}</pre>{{end}}
</section>
{{end}}
</main>
</body>
</html>
`))

type shownError struct {
	Where string
	Msg   string
	Lines []sourceLine
}

// errorPage shows a failed build's errors with their source lines.
func (s *Server) errorPage(w http.ResponseWriter, failure error, version uint64) {
	var list []error
	var se *build.StageError
	if errors.As(failure, &se) {
		list = se.Errors()
	} else {
		list = []error{failure}
	}
	var shown []shownError
	for _, e := range list {
		var d *diag.Error
		if errors.As(e, &d) {
			where := d.Path
			if d.Line > 0 {
				where += ":" + strconv.Itoa(d.Line)
			}
			shown = append(shown, shownError{Where: where + ":", Msg: d.Msg, Lines: s.sourceLines(d.Path, d.Line)})
			continue
		}
		shown = append(shown, shownError{Msg: e.Error()})
	}
	var b bytes.Buffer
	_ = errorTemplate.Execute(&b, shown)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusInternalServerError)
	_, _ = w.Write(inject(b.Bytes(), version))
}
