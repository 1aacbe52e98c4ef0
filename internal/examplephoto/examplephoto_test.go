package examplephoto

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestCommittedSamplesAreTheGeneratedOnes checks that each sample photo of
// the site is exactly what Draw makes: a photo made by the project that
// says it is an example, not one taken of anyone.
func TestCommittedSamplesAreTheGeneratedOnes(t *testing.T) {
	for _, s := range Samples {
		got, err := os.ReadFile(filepath.Join("..", "..", filepath.FromSlash(s.Path)))
		if err != nil {
			t.Fatalf("%s: %v (make it with go run ./internal/examplephoto/gen)", s.Path, err)
		}
		if !bytes.Equal(got, JPEG(s)) {
			t.Errorf("%s is not the generated sample: make it again with go run ./internal/examplephoto/gen", s.Path)
		}
	}
}
