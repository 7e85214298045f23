"""What the validator accepts at its limits builds: odd photo names, 16-bit PNGs, the widest photo, the deepest
nesting and the largest capital allowed. The photos' names with spaces and commas are escaped in srcset and load."""
from __future__ import annotations

import io
import re
import struct
import zlib
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest
from PIL import Image, ImageStat

from conftest import SAMPLE, minimal_profile
from generator.load.yamlfile import MAX_INT
from generator.validate.images import MAX_SIDE
from generator.validate.text_safety import MAX_NESTING

SPACED = "my photo, 1.png"  # a space and a comma: both split a srcset candidate when written as they are
JAPANESE = "工場 写真.jpg"


def rgb_png(size=(800, 600), colour=(30, 120, 200)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "PNG")
    return buffer.getvalue()


def jpeg(size=(800, 600)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 120, 30)).save(buffer, "JPEG")
    return buffer.getvalue()


def grey16_png(size=(800, 600)) -> bytes:
    """A 16-bit grey PNG whose values run over the whole 0…65535 range (a mean of about half)."""
    image = Image.new("I;16", size)
    image.putdata([(i * 97) % 65536 for i in range(size[0] * size[1])])
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def rgb16_png(width=640, height=480) -> bytes:
    """A 16-bit-per-channel RGB PNG (Pillow cannot write one): chunks written by hand."""
    row = b"\x00" + b"".join(struct.pack(">HHH", (x * 100) % 65536, 30000, 50000) for x in range(width))

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    header = struct.pack(">IIBBBBB", width, height, 16, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(row * height))
            + chunk(b"IEND", b""))


NESTED = "- " * MAX_NESTING + "いちばん深い項目"  # exactly as deep as the validator allows
PROFILE = minimal_profile() + f"""\
capital: {100_000_000_000_000}
pr: |
  {NESTED}

  {"> " * MAX_NESTING}深い引用
images:
  logo: logo16.png
  photos:
    - {{file: "{SPACED}", alt: 空白とカンマのある名前}}
    - {{file: "{JAPANESE}", alt: 日本語の名前}}
    - {{file: grey16.png, alt: 16ビットのグレー}}
    - {{file: edge.png, alt: いちばん横長の写真}}
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The content built once, with the screen PDF; (exit code, stderr, output folder)."""
    import contextlib
    import shutil

    from generator.cli import main

    base = tmp_path_factory.mktemp("survive")
    root = base / "content"
    for part in ("taxonomies", "pages"):
        shutil.copytree(SAMPLE / part, root / part)
    shutil.copy(SAMPLE / "site.yaml", root / "site.yaml")
    folder = root / "companies" / "odd-co"
    folder.mkdir(parents=True)
    (folder / "company.yaml").write_text(PROFILE, encoding="utf-8")
    files = {"logo16.png": rgb16_png(), SPACED: rgb_png(), JAPANESE: jpeg(), "grey16.png": grey16_png(),
             "edge.png": rgb_png((MAX_SIDE, 8))}
    for name, data in files.items():
        (folder / name).write_bytes(data)
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(["--root", str(root), "--out", str(base / "build"), "build"])
    return code, err.getvalue(), base / "build"


def test_the_build_succeeds(built):
    code, err, out = built
    assert code == 0, err
    assert (out / "guidebook.pdf").is_file()
    assert str(100_000_000_000_000) == "100000000000000" and 100_000_000_000_000 <= MAX_INT


class Pictures(HTMLParser):
    def __init__(self):
        super().__init__()
        self.srcsets: list[str] = []
        self.srcs: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "source" and "srcset" in attrs:
            self.srcsets.append(attrs["srcset"])
        if tag == "img" and "src" in attrs:
            self.srcs.append(attrs["src"])


def test_every_srcset_candidate_is_one_url_and_a_width_naming_a_real_file(built):
    _, _, out = built
    page = out / "site" / "companies" / "odd-co" / "index.html"
    parser = Pictures()
    parser.feed(page.read_text(encoding="utf-8"))
    assert len(parser.srcsets) == 5  # the logo and four photos
    for srcset in parser.srcsets:
        # the HTML srcset grammar: candidates split at ", ", each "URL WIDTHw"; a URL may hold no space
        for candidate in srcset.split(", "):
            url, width = candidate.split(" ")
            assert re.fullmatch(r"\d+w", width), candidate
            assert "," not in url and " " not in url, candidate
            assert (page.parent / unquote(url)).is_file(), candidate
    for src in parser.srcs:
        assert " " not in src and (page.parent / unquote(src)).is_file(), src
    assert any("my%20photo%2C%201" in s for s in parser.srcsets)


def test_the_largest_capital_reads_in_cho(built):
    _, _, out = built
    page = (out / "site" / "companies" / "odd-co" / "index.html").read_text(encoding="utf-8")
    assert "100兆円" in page  # 100,000,000,000,000 yen: 100 × 1兆 (10^12)


def test_a_browser_loads_every_photo(built, browser, serve):
    _, _, out = built
    base = serve(out / "site")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    failed = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.on("response", lambda response: failed.append(response.url) if response.status >= 400 else None)
    page.goto(base + "companies/odd-co/index.html")
    for image in page.locator("picture img").all():  # lazy images load when they come into view
        image.scroll_into_view_if_needed()
    page.wait_for_load_state("networkidle")
    loaded = page.evaluate("""Array.from(document.querySelectorAll('picture img')).map(
        i => [i.currentSrc, i.complete && i.naturalWidth > 0])""")
    page.close()
    assert len(loaded) == 5
    assert all(ok for _, ok in loaded), loaded
    assert all(src.endswith(".webp") for src, _ in loaded), loaded
    assert not failed, failed


def test_a_16_bit_grey_png_keeps_its_tones_in_the_press_edition(tmp_path):
    from generator.pdf.colour import cmyk_image

    profile = Path("/usr/share/color/icc/ISOwebcoated.icc")
    if not profile.is_file():
        pytest.skip("no CMYK ICC profile installed")
    source = tmp_path / "grey16.png"
    source.write_bytes(grey16_png())
    with Image.open(source) as original:
        expected = ImageStat.Stat(original.convert("I").point(lambda v: v / 256).convert("L")).mean[0]
    with Image.open(cmyk_image(source, profile, tmp_path / "cache")) as cmyk:
        ink = ImageStat.Stat(cmyk.convert("L")).mean[0]  # Pillow's CMYK→L ignores the profile: a rough tone
    assert abs(ink - expected) < 40, (ink, expected)  # clipped to white it would be about 255
    assert expected < 160


def test_a_phone_photo_is_upright_in_the_press_edition(tmp_path):
    # a portrait photo stored sideways with EXIF orientation 6 was converted to CMYK lying on its side
    from generator.pdf.colour import cmyk_image

    profile = Path("/usr/share/color/icc/ISOwebcoated.icc")
    if not profile.is_file():
        pytest.skip("no CMYK ICC profile installed")
    im = Image.new("RGB", (300, 100), (255, 255, 255))
    im.paste((220, 0, 0), (0, 0, 100, 100))
    exif = Image.Exif()
    exif[0x0112] = 6
    source = tmp_path / "portrait.jpg"
    im.save(source, "JPEG", exif=exif, quality=95)
    with Image.open(cmyk_image(source, profile, tmp_path / "cache")) as cmyk:
        assert cmyk.size == (100, 300)
        c, m, y, k = cmyk.getpixel((50, 20))
        assert m > 150  # the red third is on top
