package imaging

// derive decodes src and encodes every derivative. info is what inspect
// found in the header.
func (p *Processor) derive(name string, src []byte, info Info) (Set, error) {
	img, err := decode(name, info.Format, src)
	if err != nil {
		return Set{}, err
	}
	p.decodes.Add(1)
	meta := scanMeta(info.Format, src)
	conv := converterFor(meta.icc)
	up, alpha := upright(img, meta.orientation, conv)
	img = nil // let the decoder's buffer go before resampling
	set := Set{Width: up.Rect.Dx(), Height: up.Rect.Dy(), HasAlpha: alpha, Fallback: JPEG}
	if alpha {
		set.Fallback = PNG
	}
	for _, w := range targetWidths(p.settings.Widths, set.Width) {
		small := resize(up, w, scaledHeight(set.Width, set.Height, w))
		for _, f := range []string{WebP, set.Fallback} {
			data, err := encode(small, alpha, f, p.settings)
			if err != nil {
				return Set{}, fail(name, err, "%v", err)
			}
			p.encodes.Add(1)
			set.Derivatives = append(set.Derivatives, Derivative{Width: w, Height: small.Rect.Dy(), Format: f, Data: data})
		}
	}
	return set, nil
}
