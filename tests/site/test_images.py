"""Photo and logo variants: widths and formats, the cache (no decoding when warm), parallel = serial, bad files."""
from __future__ import annotations

import io
import json
import math
import os
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageDraw, ImageStat

from generator.errors import ContentError
from generator.load import load_content
from generator.model import make_guide
from generator.site import images as images_module, imaging
from generator.site.images import publish_images, resize

from conftest import minimal_profile

PHOTOS_YAML = """\
images:
  logo: logo.png
  photos:
    - {file: wide.jpg, alt: 工場の全景}
    - {file: small.jpg, alt: 小さな部品}
"""


def photo(path, size=(1600, 1200), seed=0, exif_orientation=None):
    """A JPEG with edges and colours (so that encoders have real work), optionally with an EXIF orientation."""
    img = Image.linear_gradient("L").resize(size).convert("RGB")
    draw = ImageDraw.Draw(img)
    for i in range(12):
        x, y = (seed * 97 + i * 131) % size[0], (seed * 53 + i * 71) % size[1]
        draw.rectangle((x, y, x + size[0] // 5, y + size[1] // 6), fill=((i * 40 + seed) % 256, 90, 200 - i * 10))
    kwargs = {"quality": 90}
    if exif_orientation:
        exif = Image.Exif()
        exif[0x0112] = exif_orientation
        kwargs["exif"] = exif.tobytes()
    img.save(path, "JPEG", **kwargs)


def logo(path, size=(480, 160), seed=0):
    img = Image.new("RGBA", size, (255, 255, 255, 0))
    ImageDraw.Draw(img).ellipse((10, 10, size[1] - 10, size[1] - 10), fill=(200, 30 + seed, 30, 255))
    img.save(path, "PNG")


def size_of(path):
    with Image.open(path) as img:
        return img.format, img.size


@pytest.fixture
def guide(make_content):
    """Two companies with a logo, a large photo and a photo smaller than every wanted width."""
    root = make_content({"alpha": minimal_profile() + PHOTOS_YAML, "beta": minimal_profile() + PHOTOS_YAML})
    for seed, slug in enumerate(("alpha", "beta")):
        folder = root / "companies" / slug
        photo(folder / "wide.jpg", seed=seed)
        photo(folder / "small.jpg", size=(300, 200), seed=seed)
        logo(folder / "logo.png", seed=seed)
    return make_guide(load_content(root))


@pytest.fixture
def count_decodes(monkeypatch):
    """The source of every image handed to libvips (in worker processes) by this process: the pixel work."""
    calls = []
    real = images_module._make_all

    def counting(jobs, processes, **options):
        calls.extend(task.source for task, _ in jobs)
        return real(jobs, processes, **options)

    monkeypatch.setattr(images_module, "_make_all", counting)
    return calls


def psnr(a: Image.Image, b: Image.Image) -> float:
    """Peak signal-to-noise ratio of two RGB images of the same size, in dB."""
    mse = sum(v * v for v in ImageStat.Stat(ImageChops.difference(a, b)).rms) / 3
    return 10 * math.log10(255 ** 2 / mse) if mse else math.inf


def test_variants_have_the_widths_and_formats_the_pages_name(guide, tmp_path):
    out = tmp_path / "site"
    sets = publish_images(guide, out, processes=1, cache=tmp_path / "cache")
    folder = out / "companies" / "alpha"
    wide = sets[("alpha", "wide.jpg")]
    assert [v.width for v in wide.variants] == [480, 960, 1440] and (wide.width, wide.height) == (1440, 1080)
    for v in wide.variants:
        assert size_of(folder / v.webp) == ("WEBP", (v.width, v.width * 3 // 4))
    assert wide.fallback == "photo1-wide-960.jpg" and size_of(folder / wide.fallback) == ("JPEG", (960, 720))
    small = sets[("alpha", "small.jpg")]  # never upscaled: one width, the original's
    assert [v.width for v in small.variants] == [300] and size_of(folder / small.fallback) == ("JPEG", (300, 200))
    mark = sets[("alpha", "logo.png")]
    assert [v.width for v in mark.variants] == [192] and mark.fallback == "logo-192.png"
    assert size_of(folder / "logo-192.webp") == ("WEBP", (192, 64))
    with Image.open(folder / "logo-192.png") as img:
        assert img.size == (192, 64) and img.mode == "RGBA" and img.getpixel((0, 0))[3] == 0  # still transparent
    assert wide.srcset("../x/") == ("../x/photo1-wide-480.webp 480w, ../x/photo1-wide-960.webp 960w, "
                                    "../x/photo1-wide-1440.webp 1440w")
    assert sorted(p.name for p in folder.iterdir() if p.suffix != ".yaml") == sorted(
        [v.webp for s in (wide, small, mark) for v in s.variants] + [s.fallback for s in (wide, small, mark)])


def test_a_turned_photo_comes_out_upright(tmp_path):
    source = tmp_path / "turned.jpg"
    photo(source, size=(1600, 1200), exif_orientation=6)  # stored landscape, shown portrait
    got = resize(source, tmp_path / "out", "p", cache=tmp_path / "cache")
    assert (got.width, got.height) == (1200, 1600)  # never upscaled: 1200 wide is the original
    assert [v.width for v in got.variants] == [480, 960, 1200]
    assert size_of(tmp_path / "out" / "p-480.webp")[1] == (480, 640)


XMP_TURNED_6 = (b'<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">'
                b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" '
                b'xmlns:tiff="http://ns.adobe.com/tiff/1.0/" tiff:Orientation="6"/></rdf:RDF></x:xmpmeta>'
                b'<?xpacket end="w"?>')


def test_a_photo_turned_only_by_its_xmp_packet_comes_out_upright_as_in_the_pdfs(tmp_path):
    # no EXIF at all: an editor wrote the orientation in XMP only. Pillow turns it (both PDFs draw it upright),
    # libvips did not, so the website showed it lying on its side (outside attack 14, finding 4)
    from PIL import ImageOps

    source = tmp_path / "xmp.jpg"
    img = Image.new("RGB", (1600, 1200), (200, 200, 200))
    img.paste((255, 0, 0), (0, 0, 400, 300))  # stored top left: top right once turned by 6 (90° clockwise)
    img.save(source, "JPEG", quality=92, xmp=XMP_TURNED_6)
    with Image.open(source) as im:
        assert "exif" not in im.info
        upright = ImageOps.exif_transpose(im).convert("RGB")  # what the PDFs draw (colour.cmyk_image, WeasyPrint)
    assert upright.size == (1200, 1600)
    got = resize(source, tmp_path / "out", "p", cache=tmp_path / "cache")
    assert (got.width, got.height) == (1200, 1600)
    for width in (480, 1200):
        with Image.open(tmp_path / "out" / f"p-{width}.webp") as variant:
            assert variant.size == (width, width * 4 // 3)
            x = variant.convert("RGB")
            assert x.getpixel((width - 10, 10))[0] > 230 and x.getpixel((width - 10, 10))[1] < 40  # red: top right
            assert x.getpixel((10, 10)) == pytest.approx((200, 200, 200), abs=8)
            assert psnr(x, upright.resize(x.size, Image.LANCZOS)) > 30
    with Image.open(tmp_path / "out" / "p-960.jpg") as fallback:
        assert fallback.size == (960, 1280)


def test_a_photo_cached_before_xmp_orientation_counted_is_made_again(tmp_path):
    # the variants of an XMP-turned photo made by an older version lie on their side; its cache key must differ
    from generator.site.imagecache import key_of

    plain, turned = tmp_path / "plain.jpg", tmp_path / "turned.jpg"
    Image.new("RGB", (64, 48), (9, 9, 9)).save(plain, "JPEG")
    Image.new("RGB", (64, 48), (9, 9, 9)).save(turned, "JPEG", xmp=XMP_TURNED_6)
    older = __import__("hashlib").sha256(b"r" + turned.read_bytes()).hexdigest()[:32]  # the key as it was made
    assert key_of(turned, b"r", tmp_path / "c") != older
    assert key_of(plain, b"r", tmp_path / "c") == __import__("hashlib").sha256(b"r" + plain.read_bytes()).hexdigest()[:32]


def test_a_large_jpeg_comes_out_at_the_widest_variant_and_as_sharp_as_a_lanczos_resize(tmp_path):
    source = tmp_path / "big.jpg"
    photo(source, size=(4000, 3000))  # libvips decodes it at 1/2 scale (shrink-on-load): 2000×1500, then reduces
    got = resize(source, tmp_path / "out", "p", cache=tmp_path / "cache")
    assert (got.width, got.height) == (1440, 1080)
    with Image.open(source) as im:
        reference = im.convert("RGB").resize((1440, 1080), Image.LANCZOS)
    with Image.open(tmp_path / "out" / "p-1440.webp") as variant:
        assert variant.size == (1440, 1080)
        assert psnr(variant.convert("RGB"), reference) > 32  # lossy WebP at Q76 of a sharp-edged drawing


def test_a_warm_build_decodes_nothing_and_links_the_same_files(guide, tmp_path, count_decodes):
    cache = tmp_path / "cache"
    # photos long unchanged, as a rebuild meets them: the first build remembers their keys under sources/ whether
    # or not the machine took longer than imagecache.SETTLED_NS to get to the second one
    for source in (tmp_path / "content" / "companies").rglob("*.*"):
        os.utime(source, ns=(source.stat().st_atime_ns, source.stat().st_mtime_ns - 3600 * 10**9))
    first = publish_images(guide, tmp_path / "a", processes=1, cache=cache)
    assert len(count_decodes) == 6  # every image once
    count_decodes.clear()
    stamps = {p.name: (p.stat().st_ino, p.stat().st_size) for p in cache.iterdir()}  # a use touches the sidecar
    assert "sources" in stamps
    second = publish_images(guide, tmp_path / "b", processes=1, cache=cache)
    assert count_decodes == [] and second == first
    assert {p.name: (p.stat().st_ino, p.stat().st_size) for p in cache.iterdir()} == stamps  # nothing written again
    a, b = tmp_path / "a" / "companies" / "beta", tmp_path / "b" / "companies" / "beta"
    assert sorted(p.name for p in a.iterdir()) == sorted(p.name for p in b.iterdir())
    for p in a.iterdir():
        assert p.read_bytes() == (b / p.name).read_bytes()


def test_a_missing_cache_file_is_made_again_never_served_half(guide, tmp_path, count_decodes):
    cache = tmp_path / "cache"
    publish_images(guide, tmp_path / "a", processes=1, cache=cache)
    victim = next(p for p in cache.iterdir() if p.name.endswith("-960.jpg"))
    victim.unlink()
    (cache / ("." + victim.name + ".999.tmp")).write_bytes(b"half a file")  # left by a killed build
    count_decodes.clear()
    publish_images(guide, tmp_path / "b", processes=1, cache=cache)
    assert len(count_decodes) == 1 and victim.is_file()
    assert size_of(victim) == ("JPEG", (960, 720))


def test_new_encoder_settings_do_not_serve_the_old_files(guide, tmp_path, count_decodes, monkeypatch):
    cache = tmp_path / "cache"
    publish_images(guide, tmp_path / "a", processes=1, cache=cache)
    before = {p.name for p in cache.iterdir()}
    count_decodes.clear()
    monkeypatch.setattr(imaging, "VERSION", imaging.VERSION + 1)
    publish_images(guide, tmp_path / "b", processes=1, cache=cache)
    assert len(count_decodes) == 6  # a different recipe is a different key
    assert before < {p.name for p in cache.iterdir()}  # the old entries are still there for the old settings


def test_the_encoder_is_part_of_the_key_so_variants_of_an_older_encoder_are_not_reused():
    assert json.loads(imaging.recipe(False))["encoder"].startswith("libvips-")
    assert imaging.recipe(False) != imaging.recipe(True)


def test_parallel_output_equals_serial_output(guide, tmp_path):
    serial = publish_images(guide, tmp_path / "one", processes=1, cache=tmp_path / "cache1")
    parallel = publish_images(guide, tmp_path / "two", processes=2, cache=tmp_path / "cache2")
    assert list(parallel.items()) == list(serial.items())  # same sets, in the same order
    one = sorted(p.relative_to(tmp_path / "one") for p in (tmp_path / "one").rglob("*") if p.is_file())
    two = sorted(p.relative_to(tmp_path / "two") for p in (tmp_path / "two").rglob("*") if p.is_file())
    assert one == two and len(one) == 2 * (4 + 2 + 2)
    for rel in one:
        assert (tmp_path / "one" / rel).read_bytes() == (tmp_path / "two" / rel).read_bytes(), rel


@pytest.mark.parametrize("processes, cut", [(1, 300), (2, 300), (1, 0.6)], ids=["header-only", "parallel", "half"])
def test_a_corrupt_image_is_a_located_error_not_a_traceback(guide, tmp_path, processes, cut):
    beta = next(c for c in guide.companies if c.slug == "beta")
    bad = beta.folder / "small.jpg"
    good = io.BytesIO()
    Image.effect_noise((400, 300), 60).convert("RGB").save(good, "JPEG")
    data = good.getvalue()
    # a JPEG cut short: after its header, or with part of its pixels (which a lenient decoder fills with grey)
    bad.write_bytes(data[:cut] if isinstance(cut, int) else data[:int(len(data) * cut)])
    with pytest.raises(ContentError) as caught:
        publish_images(guide, tmp_path / "site", processes=processes, cache=tmp_path / "cache")
    [problem] = caught.value.problems
    assert problem.path.endswith("companies/beta/company.yaml") and problem.rule == "image-unreadable"
    lines = (beta.folder / "company.yaml").read_text(encoding="utf-8").splitlines()
    assert "small.jpg" in lines[problem.line - 1]
    assert problem.message.startswith("画像「small.jpg」を読めません") and "/ image 'small.jpg'" in problem.message


def test_an_unchanged_source_is_not_even_read_again_a_changed_one_is(guide, tmp_path, monkeypatch, count_decodes):
    import os

    sources = [c.folder / f for c in guide.companies for f in ("wide.jpg", "small.jpg", "logo.png")]
    for path in sources:  # older than a file system clock tick: safe to remember by size and times
        os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns - 10**10))
    cache = tmp_path / "cache"
    first = publish_images(guide, tmp_path / "a", processes=1, cache=cache)
    opened = []
    real_open = Path.open
    monkeypatch.setattr(Path, "open", lambda self, *a, **k: opened.append(self) or real_open(self, *a, **k))
    count_decodes.clear()
    assert publish_images(guide, tmp_path / "b", processes=1, cache=cache) == first
    assert not set(opened) & set(sources) and count_decodes == []
    changed = sources[0]
    photo(changed, seed=7)  # new bytes, same name and size class: new inode times
    os.utime(changed, ns=(changed.stat().st_atime_ns, changed.stat().st_mtime_ns - 10**10))
    publish_images(guide, tmp_path / "c", processes=1, cache=cache)
    assert changed in opened and count_decodes == [changed]
