package imaging

import "context"

// derive decodes src and encodes every derivative, giving up between
// widths when ctx is done. info is what inspect found in the header.
// A panic in a decoder, the resampler or an encoder becomes an error.
func (p *Processor) derive(ctx context.Context, name string, src []byte, info Info) (set Set, err error) {
	defer func() {
		if r := recover(); r != nil {
			set, err = Set{}, fail(name, ErrInternal, "processing the image failed (%v): this is a fault of the site generator; report it with the image", r)
		}
	}()
	img, err := decode(name, info.Format, src)
	if err != nil {
		return Set{}, err
	}
	p.decodes.Add(1)
	if w, h := uprightSize(img.Bounds().Dx(), img.Bounds().Dy(), info.Orientation); w != info.Width || h != info.Height {
		return Set{}, fail(name, ErrCorrupt, "the image's data is %d x %d pixels but its header says %d x %d: the file is damaged; export the photo again", w, h, info.Width, info.Height)
	}
	meta := scanMeta(info.Format, src)
	conv := converterFor(meta.icc)
	widths := targetWidths(p.settings.Widths, info.Width)
	k := shrinkFactor(info.Width, widths[len(widths)-1])
	up, alpha := upright(img, meta.orientation, conv, info.Format == WebP, k)
	set = Set{Width: info.Width, Height: info.Height, HasAlpha: alpha, Fallback: JPEG}
	if alpha {
		set.Fallback = PNG
	}
	for _, w := range widths {
		if err := ctx.Err(); err != nil {
			return Set{}, err
		}
		small := resize(up, w, scaledHeight(set.Width, set.Height, w))
		for _, f := range []string{WebP, set.Fallback} {
			data, err := encode(small, alpha, f, p.settings)
			if err != nil {
				return Set{}, fail(name, ErrInternal, "%v: this is a fault of the site generator; report it with the image", err)
			}
			p.encodes.Add(1)
			set.Derivatives = append(set.Derivatives, Derivative{Width: w, Height: small.Rect.Dy(), Format: f, Data: data})
		}
	}
	return set, nil
}
