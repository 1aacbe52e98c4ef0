//go:build !race

package imaging

// raceEnabled is true under the race detector, which makes big images slow.
const raceEnabled = false
