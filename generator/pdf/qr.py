"""QR codes to each company's web page as vector paths (segno): sharp at any size, one ink (K only in print)."""
from __future__ import annotations

from functools import lru_cache

import segno
from markupsafe import Markup


@lru_cache(maxsize=8192)
def qr_svg(url: str, ink: str = "#000") -> Markup:
    """A QR code of `url` (error correction M, quiet zone of 2 modules) as inline SVG, its modules stroked in `ink`
    (a CSS colour WeasyPrint understands, e.g. device-cmyk(0 0 0 1)); sized by the stylesheet."""
    code = segno.make(url, error="m", micro=False, boost_error=False)
    svg = code.svg_inline(scale=1, border=2, dark="#000", light=None, omitsize=True)
    # The path is stroked: an SVG path is also filled black by default, which would put an RGB fill in the PDF.
    svg = svg.replace('stroke="#000"', f'stroke="{ink}" fill="none"', 1)
    return Markup(svg.replace("<svg ", '<svg role="img" aria-label="QR" ', 1))
