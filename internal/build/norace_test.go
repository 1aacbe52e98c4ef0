//go:build !race

package build

// raceDetector is set when the tests run under the race detector, which
// makes encoding full-size photos many times slower.
const raceDetector = false
