"""The site's icon from site.yaml's colour and logo: an SVG, an ICO and a touch icon, linked from every page."""
from PIL import Image

from generator.site.favicon import write_favicons


def rgb(color: str) -> tuple[int, int, int]:
    return tuple(int(color[i:i + 2], 16) for i in (1, 3, 5))


def test_icon_in_the_city_colour_without_a_logo(tmp_path):
    written = write_favicons("#a03020", None, tmp_path)
    assert sorted(p.name for p in written) == ["apple-touch-icon.png", "favicon.ico", "favicon.svg"]
    svg = (tmp_path / "favicon.svg").read_text(encoding="utf-8")
    assert svg.startswith("<svg") and 'fill="#a03020"' in svg and "<image" not in svg
    with Image.open(tmp_path / "favicon.ico") as ico:
        assert ico.ico.sizes() == {(16, 16), (32, 32)}
    with Image.open(tmp_path / "apple-touch-icon.png") as touch:
        assert touch.size == (180, 180) and touch.mode == "RGB"  # no transparency on a phone's home screen
        assert touch.getpixel((3, 3)) == rgb("#a03020")  # the colour around the white gear
        assert touch.getpixel((90, 90)) == rgb("#a03020")  # and in its hole
        assert touch.getpixel((90, 40)) == (255, 255, 255)  # the gear


def test_icon_shows_the_logo_when_site_yaml_gives_one(tmp_path):
    logo = tmp_path / "logo.png"
    Image.new("RGB", (400, 400), (0, 200, 0)).save(logo)
    out = tmp_path / "site"
    out.mkdir()
    write_favicons("#1d5e8c", logo, out)
    svg = (out / "favicon.svg").read_text(encoding="utf-8")
    assert '<image' in svg and 'href="data:image/png;base64,' in svg and 'stroke="#1d5e8c"' in svg
    assert len(svg) < 20_000  # the logo is made small first
    with Image.open(out / "apple-touch-icon.png") as touch:
        assert touch.getpixel((90, 90)) == (0, 200, 0)
