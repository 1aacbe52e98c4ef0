package sitemap

import (
	"net/url"
	"strings"
	"testing"
)

func TestHostRobotsNamesTheLineForASubPath(t *testing.T) {
	for _, tc := range []struct {
		base, robots, line string
	}{
		{"https://example.edu/", "", ""},
		{"https://example.edu", "", ""},
		{"https://example.edu/ira/", "https://example.edu/robots.txt", "Sitemap: https://example.edu/ira/sitemap.xml"},
		{"http://localhost:8080/a/b/", "http://localhost:8080/robots.txt", "Sitemap: http://localhost:8080/a/b/sitemap.xml"},
		{"https://example.edu/%D9%85/", "https://example.edu/robots.txt", "Sitemap: https://example.edu/%D9%85/sitemap.xml"},
	} {
		base, err := url.Parse(tc.base)
		if err != nil {
			t.Fatal(err)
		}
		robots, line, ok := HostRobots(base)
		if robots != tc.robots || line != tc.line || ok != (tc.line != "") {
			t.Errorf("HostRobots(%s) = %q, %q, %v; want %q, %q", tc.base, robots, line, ok, tc.robots, tc.line)
		}
		file := string(Robots(base))
		if !strings.HasSuffix(file, "User-agent: *\nAllow: /\n\nSitemap: "+strings.TrimSuffix(tc.base, "/")+"/sitemap.xml\n") {
			t.Errorf("Robots(%s) =\n%s", tc.base, file)
		}
		if ok != strings.Contains(file, "# Crawlers read only "+tc.robots) {
			t.Errorf("Robots(%s) does not say where the line goes:\n%s", tc.base, file)
		}
	}
}
