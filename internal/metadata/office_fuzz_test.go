package metadata

import (
	"slices"
	"testing"

	"github.com/alaqsa-ira/site/internal/hangtest"
	mt "github.com/alaqsa-ira/site/internal/metadata/metadatatest"
)

// FuzzOfficeXML reads any bytes as an XML part of an office document
// (which FuzzScan reaches only through archives whose checksums hold): it
// finishes, and the same bytes give the same findings.
func FuzzOfficeXML(f *testing.F) {
	for _, s := range [][]byte{
		mt.CoreXML("Jane", "Jane"), mt.MetaXML("Jane", "Jane"), mt.TrackedChange,
		[]byte(`<Relationships><Relationship Target="file:///C:/Users/j/Normal.dotm"/></Relationships>`),
		[]byte(`<p:cmAuthorLst><p:cmAuthor name="J" initials="J"/></p:cmAuthorLst><property name="Owner"><vt:lpwstr>J</vt:lpwstr></property>`),
		[]byte(`<config:config-item config:name="PrinterName">P</config:config-item><![CDATA[x]]><!-- creator -->`),
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var a, b scanner
		hangtest.Run(t, "reading an office document's XML", func() {
			a.officeXML(data)
			b.officeXML(data)
		})
		if !slices.Equal(a.r.Findings, b.r.Findings) || a.r.Unreadable != b.r.Unreadable {
			t.Fatalf("two reads differ: %+v and %+v", a.r, b.r)
		}
	})
}
