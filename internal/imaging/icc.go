package imaging

// profile is what the pipeline uses of an ICC profile.
type profile struct {
	desc string
}

// parseICC parses an ICC profile; nil data gives a nil profile.
func parseICC(data []byte) (*profile, error) {
	return nil, nil
}

// converter turns straight 8-bit RGBA rows from a profile's colours to sRGB.
type converter struct{}

// converterFor returns the converter for an embedded profile, or nil when
// none is needed (no profile, sRGB, or a profile this package cannot read).
func converterFor(icc []byte) *converter { return nil }

// apply converts a row of straight RGBA pixels in place.
func (c *converter) apply(row []byte) {}
