package imaging

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"strings"
	"sync"
	"unicode/utf16"
)

// profile is what the pipeline uses of an RGB matrix/TRC ICC profile: the
// primaries as PCS (D50) XYZ colorants and a tone curve per channel.
type profile struct {
	desc      string
	colorants [3][3]float64 // columns r, g, b; rows X, Y, Z
	trc       [3]curve
}

// curve is an ICC tone response curve: a table, a gamma or a parametric
// function, mapping a device value in [0,1] to linear light in [0,1].
type curve struct {
	table  []float64 // sampled uniformly over [0,1] when set
	kind   int       // parametric function type 0–4 (gamma only is type 0)
	params [7]float64
}

// eval returns the linear value for device value x in [0,1].
func (c curve) eval(x float64) float64 {
	if c.table != nil {
		n := len(c.table) - 1
		if n == 0 {
			return c.table[0]
		}
		p := x * float64(n)
		i := min(int(p), n-1)
		f := p - float64(i)
		return c.table[i]*(1-f) + c.table[i+1]*f
	}
	g, a, b, cc, d, e, f := c.params[0], c.params[1], c.params[2], c.params[3], c.params[4], c.params[5], c.params[6]
	pow := func(v float64) float64 {
		if v <= 0 {
			return 0
		}
		return math.Pow(v, g)
	}
	switch c.kind {
	case 1:
		if x >= -b/a {
			return pow(a*x + b)
		}
		return 0
	case 2:
		if x >= -b/a {
			return pow(a*x+b) + cc
		}
		return cc
	case 3:
		if x >= d {
			return pow(a*x + b)
		}
		return cc * x
	case 4:
		if x >= d {
			return pow(a*x+b) + e
		}
		return cc*x + f
	}
	return pow(x)
}

var errNotMatrixRGB = errors.New("not an RGB matrix/TRC profile")

// parseICC parses an ICC profile (version 2 or 4). nil data gives a nil
// profile. A profile that is not RGB with XYZ colorants and tone curves
// (a CMYK, grey or table-based profile) gives errNotMatrixRGB.
func parseICC(data []byte) (*profile, error) {
	if data == nil {
		return nil, nil
	}
	if len(data) < 132 || string(data[36:40]) != "acsp" {
		return nil, errors.New("not an ICC profile")
	}
	if string(data[16:20]) != "RGB " || string(data[20:24]) != "XYZ " {
		return nil, errNotMatrixRGB
	}
	count := binary.BigEndian.Uint32(data[128:])
	if uint64(count)*12 > uint64(len(data)-132) {
		return nil, errors.New("ICC tag table runs past the end")
	}
	tags := map[string][]byte{}
	for i := range int(count) {
		e := data[132+12*i:]
		sig := string(e[:4])
		off, n := binary.BigEndian.Uint32(e[4:]), binary.BigEndian.Uint32(e[8:])
		if uint64(off)+uint64(n) > uint64(len(data)) || n < 8 {
			return nil, fmt.Errorf("ICC tag %q runs past the end", sig)
		}
		if _, dup := tags[sig]; !dup {
			tags[sig] = data[off : off+n]
		}
	}
	p := &profile{desc: description(tags["desc"])}
	for i, sig := range []string{"rXYZ", "gXYZ", "bXYZ"} {
		t := tags[sig]
		if len(t) < 20 || string(t[:4]) != "XYZ " {
			return nil, errNotMatrixRGB
		}
		for k := range 3 {
			p.colorants[k][i] = s15f16(t[8+4*k:])
		}
	}
	for i, sig := range []string{"rTRC", "gTRC", "bTRC"} {
		c, err := parseCurve(tags[sig])
		if err != nil {
			return nil, fmt.Errorf("ICC %s: %w", sig, err)
		}
		p.trc[i] = c
	}
	return p, nil
}

// s15f16 reads an ICC s15Fixed16Number.
func s15f16(b []byte) float64 {
	return float64(int32(binary.BigEndian.Uint32(b))) / 65536
}

// parseCurve reads a curv or para tag.
func parseCurve(t []byte) (curve, error) {
	if len(t) < 12 {
		return curve{}, errNotMatrixRGB
	}
	switch string(t[:4]) {
	case "curv":
		n := binary.BigEndian.Uint32(t[8:])
		if uint64(n)*2 > uint64(len(t)-12) || n > 65536 {
			return curve{}, errors.New("curve table runs past the end")
		}
		switch n {
		case 0:
			return curve{params: [7]float64{1}}, nil
		case 1:
			return curve{params: [7]float64{float64(binary.BigEndian.Uint16(t[12:])) / 256}}, nil
		}
		c := curve{table: make([]float64, n)}
		for i := range c.table {
			c.table[i] = float64(binary.BigEndian.Uint16(t[12+2*i:])) / 65535
		}
		return c, nil
	case "para":
		kind := int(binary.BigEndian.Uint16(t[8:]))
		need := [5]int{1, 3, 4, 5, 7}
		if kind > 4 || len(t) < 12+4*need[kind] {
			return curve{}, errors.New("bad parametric curve")
		}
		c := curve{kind: kind}
		for i := range need[kind] {
			c.params[i] = s15f16(t[12+4*i:])
		}
		if kind > 0 && c.params[1] == 0 {
			return curve{}, errors.New("parametric curve with a = 0")
		}
		return c, nil
	}
	return curve{}, errNotMatrixRGB
}

// description reads a desc tag: ASCII in version 2, UTF-16 mluc in
// version 4. It returns "" when the tag is missing or damaged.
func description(t []byte) string {
	if len(t) < 12 {
		return ""
	}
	switch string(t[:4]) {
	case "desc":
		n := binary.BigEndian.Uint32(t[8:])
		if uint64(n) > uint64(len(t)-12) {
			return ""
		}
		return clean(string(t[12 : 12+n]))
	case "mluc":
		if len(t) < 28 || binary.BigEndian.Uint32(t[8:]) == 0 {
			return ""
		}
		n, off := binary.BigEndian.Uint32(t[20:]), binary.BigEndian.Uint32(t[24:])
		if uint64(off)+uint64(n) > uint64(len(t)) || n%2 != 0 {
			return ""
		}
		u := make([]uint16, n/2)
		for i := range u {
			u[i] = binary.BigEndian.Uint16(t[int(off)+2*i:])
		}
		return clean(string(utf16.Decode(u)))
	}
	return ""
}

// clean trims NULs and spaces and drops control characters.
func clean(s string) string {
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || r == 0xfffd {
			return -1
		}
		return r
	}, s)
	return strings.TrimSpace(s)
}

// srgbColorants are sRGB's primaries adapted to D50 (Bradford), as the
// standard sRGB ICC profile gives them.
var srgbColorants = [3][3]float64{
	{0.4360747, 0.3850649, 0.1430804},
	{0.2225045, 0.7168786, 0.0606169},
	{0.0139322, 0.0971045, 0.7141733},
}

// fix is the fixed-point scale of the conversion matrix.
const fix = 1 << 14

// converter turns straight 8-bit RGB from a profile's colours to sRGB with
// integer arithmetic, so results do not depend on the machine.
type converter struct {
	lin [3][256]int32 // device value → linear light, 0–65535
	m   [3][3]int32   // profile linear RGB → sRGB linear RGB, scaled by fix
}

// converterFor returns the converter for an embedded profile, or nil when
// none is needed or possible: no profile, a profile that is sRGB, or one
// this package cannot read (treated as sRGB).
func converterFor(icc []byte) *converter {
	p, err := parseICC(icc)
	if err != nil || p == nil {
		return nil
	}
	inv, ok := invert(srgbColorants)
	if !ok {
		return nil
	}
	c := &converter{}
	m := mul(inv, p.colorants)
	for i := range 3 {
		for j := range 3 {
			if math.IsNaN(m[i][j]) || math.Abs(m[i][j]) > 8 {
				return nil // nonsense colorants
			}
			c.m[i][j] = int32(math.Round(m[i][j] * fix))
		}
	}
	for ch := range 3 {
		for v := range 256 {
			l := p.trc[ch].eval(float64(v) / 255)
			if math.IsNaN(l) {
				l = 0
			}
			c.lin[ch][v] = int32(math.Round(max(0, min(1, l)) * 65535))
		}
	}
	if c.identity() {
		return nil
	}
	return c
}

// identity reports whether c leaves every channel ramp and grey unchanged,
// as for an sRGB profile.
func (c *converter) identity() bool {
	var row [4 * 256 * 4]byte
	for v := range 256 {
		for k, px := range [4][3]int{{v, 0, 0}, {0, v, 0}, {0, 0, v}, {v, v, v}} {
			o := 4 * (4*v + k)
			row[o], row[o+1], row[o+2], row[o+3] = byte(px[0]), byte(px[1]), byte(px[2]), 0xff
		}
	}
	orig := row
	c.apply(row[:])
	return row == orig
}

// apply converts a row of straight RGBA pixels in place; alpha is kept.
func (c *converter) apply(row []byte) {
	enc := srgbEncode()
	for i := 0; i+3 < len(row); i += 4 {
		r, g, b := int64(c.lin[0][row[i]]), int64(c.lin[1][row[i+1]]), int64(c.lin[2][row[i+2]])
		for k := range 3 {
			v := (int64(c.m[k][0])*r + int64(c.m[k][1])*g + int64(c.m[k][2])*b + fix/2) >> 14
			row[i+k] = enc[max(0, min(65535, v))]
		}
	}
}

// srgbEncode is the sRGB transfer function from 16-bit linear light to
// 8-bit, computed once.
var srgbEncode = sync.OnceValue(func() *[65536]uint8 {
	var t [65536]uint8
	for i := range t {
		l := float64(i) / 65535
		var v float64
		if l <= 0.0031308 {
			v = 12.92 * l
		} else {
			v = 1.055*math.Pow(l, 1/2.4) - 0.055
		}
		t[i] = uint8(math.Round(max(0, min(1, v)) * 255))
	}
	return &t
})

// mul multiplies 3x3 matrices.
func mul(a, b [3][3]float64) [3][3]float64 {
	var r [3][3]float64
	for i := range 3 {
		for j := range 3 {
			for k := range 3 {
				r[i][j] += a[i][k] * b[k][j]
			}
		}
	}
	return r
}

// invert inverts a 3x3 matrix.
func invert(m [3][3]float64) ([3][3]float64, bool) {
	var r [3][3]float64
	det := m[0][0]*(m[1][1]*m[2][2]-m[1][2]*m[2][1]) -
		m[0][1]*(m[1][0]*m[2][2]-m[1][2]*m[2][0]) +
		m[0][2]*(m[1][0]*m[2][1]-m[1][1]*m[2][0])
	if math.Abs(det) < 1e-12 {
		return r, false
	}
	for i := range 3 {
		for j := range 3 {
			a, b := (j+1)%3, (j+2)%3
			c, d := (i+1)%3, (i+2)%3
			r[i][j] = (m[a][c]*m[b][d] - m[a][d]*m[b][c]) / det
		}
	}
	return r, true
}
