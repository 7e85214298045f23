"""The site's icon, made from the municipality's colour (site.yaml `color`) and its logo when one is given.

favicon.svg is what current browsers show; favicon.ico (16 and 32 px) and apple-touch-icon.png (180 px) are what
older browsers and phones fetch, so a first visit asks for nothing that is missing. All three are drawn from the same
SVG (libvips renders it), and every page links them with relative addresses (templates/site/base.html). libvips
runs in a forked worker, never in the build's own process (imaging.py says why).
"""
from __future__ import annotations

import base64
import io
import math
from pathlib import Path

import pyvips
from PIL import Image

from ..parallel import fork_map

SIZE = 64  # the SVG's own coordinate system
FILES = ("favicon.svg", "favicon.ico", "apple-touch-icon.png")


def gear(cx: float, cy: float, outer: float, inner: float, teeth: int = 8) -> str:
    """The points of a gear's outline (manufacturing, in a shape that needs no font), as an SVG points list."""
    points = []
    step = 2 * math.pi / teeth
    for i in range(teeth):
        a = i * step - math.pi / 2
        for da, r in ((-0.32, inner), (-0.2, outer), (0.2, outer), (0.32, inner)):
            points.append(f"{cx + r * math.cos(a + da * step * 1.2):.2f},{cy + r * math.sin(a + da * step * 1.2):.2f}")
        mid = a + step / 2
        points.append(f"{cx + inner * math.cos(mid):.2f},{cy + inner * math.sin(mid):.2f}")
    return " ".join(points)


def logo_data(logo: Path) -> str:
    """The logo as a small PNG data address (a 2 MB logo would otherwise be inside every icon)."""
    small = pyvips.Image.thumbnail(str(logo), 128, height=128)
    return "data:image/png;base64," + base64.b64encode(small.pngsave_buffer()).decode("ascii")


def icon_svg(color: str, logo: Path | None = None) -> str:
    """The icon as SVG: the logo on white framed in the city's colour, or a white gear on the colour."""
    head = f'<svg xmlns="http://www.w3.org/2000/svg" width="{SIZE}" height="{SIZE}" viewBox="0 0 {SIZE} {SIZE}">'
    if logo is not None:
        return (head + f'<rect x="2" y="2" width="60" height="60" rx="12" fill="#fff" stroke="{color}" stroke-width="4"/>'
                f'<image x="10" y="10" width="44" height="44" href="{logo_data(logo)}"/></svg>\n')
    return (head + f'<rect width="64" height="64" rx="14" fill="{color}"/>'
            f'<polygon points="{gear(32, 32, 24, 17)}" fill="#fff"/>'
            f'<circle cx="32" cy="32" r="7.5" fill="{color}"/></svg>\n')


def write_favicons(color: str, logo: Path | None, out: Path) -> list[Path]:
    """Write favicon.svg, favicon.ico and apple-touch-icon.png into the site root `out`; return their paths."""
    fork_map(_draw, [(color, logo if logo is not None and logo.is_file() else None, out)], isolate=True)
    return [out / name for name in FILES]


def _draw(job: tuple[str, Path | None, Path]) -> None:
    color, logo, out = job
    svg = icon_svg(color, logo)
    (out / "favicon.svg").write_text(svg, encoding="utf-8")

    def png(size: int) -> Image.Image:
        rendered = pyvips.Image.svgload_buffer(svg.encode("utf-8"), scale=size / SIZE)
        return Image.open(io.BytesIO(rendered.pngsave_buffer())).convert("RGBA")

    touch = png(180)
    # a phone puts the touch icon on its own background: no transparent corners
    flat = Image.new("RGBA", touch.size, color)
    flat.alpha_composite(touch)
    flat.convert("RGB").save(out / "apple-touch-icon.png", optimize=True)
    png(32).save(out / "favicon.ico", sizes=[(16, 16), (32, 32)])
