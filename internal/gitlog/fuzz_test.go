package gitlog

import "testing"

// FuzzParse: no output of git log makes Parse panic, and every change it
// records points at a commit it read, for a path git wrote.
func FuzzParse(f *testing.F) {
	f.Add([]byte("\x01c2 1700000200\x02HEAD -> main\x00\nM\x00content/a.en.md\x00\x01c1 1700000100\x02grafted\x00\nA\x00content/a.en.md\x00"))
	f.Add([]byte("\x01c1 1\x02\x00\nR100\x00a.md\x00b.md\x00C075\x00b.md\x00c.md\x00D\x00d.md\x00"))
	f.Fuzz(func(t *testing.T, out []byte) {
		h, err := Parse(out)
		if err != nil {
			return
		}
		for file, ch := range h.files {
			if file == "" || len(ch) == 0 {
				t.Fatalf("file %q with changes %v", file, ch)
			}
			for i, c := range ch {
				if c.Commit < 0 || c.Commit >= len(h.Commits) || (i > 0 && c.Commit <= ch[i-1].Commit) {
					t.Fatalf("%s: changes %v out of order or out of %d commits", file, ch, len(h.Commits))
				}
			}
		}
	})
}
