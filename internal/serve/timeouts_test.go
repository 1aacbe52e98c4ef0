package serve

import (
	"bufio"
	"errors"
	"io"
	"net"
	"net/http"
	"net/url"
	"testing"
	"time"
)

// shortTimeouts makes every timeout of the server short.
func shortTimeouts(s *Server) {
	s.timeouts = timeouts{readHeader: 200 * time.Millisecond, read: 200 * time.Millisecond, idle: 200 * time.Millisecond, write: 200 * time.Millisecond}
}

// closedByServer reports whether the server closes conn (a read ends with
// EOF or a reset) before a long deadline, after reading what it sends.
func closedByServer(t *testing.T, conn net.Conn) bool {
	t.Helper()
	must(t, conn.SetReadDeadline(time.Now().Add(20*time.Second)))
	_, err := io.Copy(io.Discard, conn)
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return false
	}
	return true
}

func dial(t *testing.T, r *running) net.Conn {
	t.Helper()
	u, err := url.Parse(r.url)
	must(t, err)
	conn, err := net.Dial("tcp", u.Host)
	must(t, err)
	t.Cleanup(func() { conn.Close() })
	return conn
}

func TestIdleConnectionsAreClosed(t *testing.T) {
	r := startWith(t, writeSite(t), shortTimeouts)
	conn := dial(t, r)
	host := conn.RemoteAddr().String()
	_, err := io.WriteString(conn, "GET /en/about/ HTTP/1.1\r\nHost: "+host+"\r\n\r\n")
	must(t, err)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	must(t, err)
	_, err = io.Copy(io.Discard, resp.Body)
	must(t, err)
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.Close {
		t.Fatalf("status %d, close %v: want a kept-alive 200", resp.StatusCode, resp.Close)
	}
	if !closedByServer(t, conn) {
		t.Error("an idle kept-alive connection is still open")
	}
}

func TestSlowRequestsAreClosed(t *testing.T) {
	r := startWith(t, writeSite(t), shortTimeouts)
	for name, partial := range map[string]string{
		"headers never finished": "GET /en/about/ HTTP/1.1\r\nHost: " + r.s.addr + "\r\nX-Slow: ",
		"nothing sent":           "",
	} {
		conn := dial(t, r)
		_, err := io.WriteString(conn, partial)
		must(t, err)
		if !closedByServer(t, conn) {
			t.Errorf("%s: the connection is still open", name)
		}
	}
}

// TestReloadStreamOutlivesTheTimeouts keeps a reload stream open longer
// than every timeout of the server, then edits a page: the event arrives.
func TestReloadStreamOutlivesTheTimeouts(t *testing.T) {
	r := startWith(t, writeSite(t), shortTimeouts)
	events := r.events()
	time.Sleep(time.Second)
	r.write("content/about.en.md", "---\ntitle: About\n---\nAfter a long wait.\n")
	waitEvent(t, events, "reload")
	r.expect("after the event", "/en/about/", shows("After a long wait."))
}
