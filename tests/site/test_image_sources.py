"""Whatever a company sends that passes validation comes out as small 8-bit sRGB variants without metadata: colour
profiles (wide-gamut, junk), 16-bit, greyscale, palette, CMYK, EXIF, very tall pictures; a full cache disk is named."""
from __future__ import annotations

import io
import os
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from PIL import Image, ImageCms, ImageStat

from generator.stopping import BuildStopped
from generator.site import images as images_module
from generator.site.images import resize
from generator.site.imaging import MAX_SIDE


def variants(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix in (".webp", ".jpg", ".png"))


def mean_rgb(path: Path) -> tuple[float, ...]:
    with Image.open(path) as im:
        return tuple(ImageStat.Stat(im.convert("RGB")).mean)


def assert_plain_srgb(path: Path) -> None:
    """8 bits per channel, no colour profile, no EXIF."""
    with Image.open(path) as im:
        assert im.mode in ("RGB", "RGBA"), (path.name, im.mode)
        assert not im.info.get("icc_profile"), f"{path.name} carries a colour profile"
        assert not im.info.get("exif") and not dict(im.getexif()), f"{path.name} carries EXIF"


def with_vips(code: str) -> None:
    """Run pyvips in another process: libvips must not compute pixels in the test process, which forks workers."""
    subprocess.run([sys.executable, "-c", "import pyvips\n" + code], check=True)


def png16_rgb(path: Path, size: tuple[int, int], rgb16: tuple[int, int, int]) -> None:
    """A uniform 16-bit-per-channel RGB PNG, written by hand (Pillow writes no 16-bit colour PNGs)."""
    w, h = size
    row = b"\x00" + struct.pack(">3H", *rgb16) * w
    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 16, 2, 0, 0, 0))
                     + chunk(b"IDAT", zlib.compress(row * h)) + chunk(b"IEND", b""))


def test_a_wide_gamut_photo_is_converted_to_srgb_and_keeps_no_profile(tmp_path):
    source, profile = tmp_path / "p3.jpg", tmp_path / "p3.icc"
    # libvips' built-in Display P3 profile (as an iPhone tags its photos), on a uniform colour written by Pillow
    with_vips(f"open({str(profile)!r}, 'wb').write(pyvips.Image.black(8, 8, bands=3).copy(interpretation='srgb')"
              f".icc_transform('p3', input_profile='srgb').get('icc-profile-data'))")
    Image.new("RGB", (1600, 1200), (200, 60, 60)).save(source, "JPEG", quality=95, icc_profile=profile.read_bytes())
    with Image.open(source) as im:
        assert im.info.get("icc_profile"), "the source carries its profile"
        expected = ImageStat.Stat(ImageCms.profileToProfile(
            im.convert("RGB"), ImageCms.ImageCmsProfile(io.BytesIO(im.info["icc_profile"])),
            ImageCms.createProfile("sRGB"))).mean
    assert max(abs(a - b) for a, b in zip(expected, (200, 60, 60))) > 8, "the test colour differs in sRGB"
    resize(source, tmp_path / "out", "p", cache=tmp_path / "cache")
    for path in variants(tmp_path / "out"):
        assert_plain_srgb(path)
        assert all(abs(a - b) < 4 for a, b in zip(mean_rgb(path), expected)), (path.name, mean_rgb(path), expected)


def test_a_6_mb_junk_profile_is_dropped_not_copied_and_not_a_crash(tmp_path):
    source = tmp_path / "junk.jpg"
    Image.new("RGB", (1600, 1200), (30, 120, 200)).save(source, "JPEG", quality=90,
                                                           icc_profile=b"\0" * 128 + os.urandom(6 * 2**20))
    assert source.stat().st_size > 6 * 2**20
    got = resize(source, tmp_path / "out", "p", cache=tmp_path / "cache")
    assert [v.width for v in got.variants] == [480, 960, 1440]
    for path in variants(tmp_path / "out"):
        assert path.stat().st_size < 100_000, path.name
        assert_plain_srgb(path)
        assert all(abs(a - b) < 4 for a, b in zip(mean_rgb(path), (30, 120, 200))), path.name  # taken as sRGB


@pytest.mark.parametrize("kind", ["grey16", "rgb16", "greyscale", "palette", "bilevel", "cmyk"])
def test_odd_modes_come_out_as_8_bit_srgb(tmp_path, kind):
    source = tmp_path / ("photo.jpg" if kind == "cmyk" else "photo.png")
    size = (1200, 900)
    if kind == "grey16":
        Image.new("I;16", size, 160 * 257).save(source)
        expected = (160, 160, 160)
    elif kind == "rgb16":
        png16_rgb(source, size, (220 * 257, 90 * 257, 20 * 257))
        expected = (220, 90, 20)
    elif kind == "greyscale":
        Image.new("L", size, 70).save(source)
        expected = (70, 70, 70)
    elif kind == "palette":
        Image.new("RGB", size, (10, 200, 90)).convert("P", palette=Image.ADAPTIVE, colors=4).save(source)
        expected = (10, 200, 90)
    elif kind == "bilevel":
        Image.new("1", size, 1).save(source)
        expected = (255, 255, 255)
    else:  # pure cyan ink: blue-green on screen, whatever CMYK profile is assumed
        Image.new("CMYK", size, (255, 0, 0, 0)).save(source, "JPEG", quality=95)
        expected = None
    got = resize(source, tmp_path / "out", "p", cache=tmp_path / "cache")
    assert (got.width, got.height) == (1200, 900)
    for path in variants(tmp_path / "out"):
        assert_plain_srgb(path)
        r, g, b = mean_rgb(path)
        if expected is None:
            assert r < 80 and g > 120 and b > 180, (path.name, (r, g, b))
        else:
            assert all(abs(x - y) < 4 for x, y in zip((r, g, b), expected)), (path.name, (r, g, b), expected)


def test_a_photo_with_exif_loses_it_but_stays_upright(tmp_path):
    source = tmp_path / "gps.jpg"
    exif = Image.Exif()
    exif[0x0112] = 8  # turned: stored landscape, shown portrait
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x8825] = {1: "N", 2: (35.0, 41.0, 0.0)}  # GPS: where the photo was taken
    Image.new("RGB", (1600, 1200), (90, 90, 90)).save(source, "JPEG", exif=exif.tobytes())
    got = resize(source, tmp_path / "out", "p", cache=tmp_path / "cache")
    assert (got.width, got.height) == (1200, 1600)
    for path in variants(tmp_path / "out"):
        assert_plain_srgb(path)


def test_a_picture_taller_than_webp_allows_is_made_smaller_to_fit(tmp_path):
    source = tmp_path / "tall.jpg"
    Image.new("RGB", (300, 20000), (120, 60, 30)).save(source, "JPEG")
    got = resize(source, tmp_path / "out", "p", cache=tmp_path / "cache")
    # 20,000 px down to at most 16,383: 300 × 16,383 / 20,000 = 245.7 → 245 wide, never a width it was not made at
    assert [v.width for v in got.variants] == [245] and got.width == 245 and got.height <= MAX_SIDE
    with Image.open(tmp_path / "out" / "p-245.webp") as im:
        assert im.size == (245, got.height) and got.height > 16_000


def test_a_full_cache_disk_names_the_cache_not_the_output(tmp_path, monkeypatch):
    def no_space(*args):
        raise OSError(28, os.strerror(28), "x")

    monkeypatch.setattr(images_module, "make", no_space)  # run in this process: _make is what the workers run
    task = images_module._Task(tmp_path / "a.jpg", tmp_path / "site", "p", False, tmp_path / "cache")
    with pytest.raises(BuildStopped) as caught:
        images_module._make((task, "k"))
    message = str(caught.value)
    assert message.startswith("画像キャッシュのディスクがいっぱいです（" + str(tmp_path / "cache"))
    assert "GUIDEBOOK_CACHE" in message and "image cache is full" in message


def test_a_build_whose_cache_disk_fills_up_says_so_and_leaves_no_temp_files(tmp_path, make_content, monkeypatch):
    """Where we may mount (root in CI): the image cache on a 512 KB tmpfs fills up during a real build."""
    from conftest import minimal_profile
    from generator.build import build

    mount = tmp_path / "tiny"
    mount.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", str(mount)],
                                           capture_output=True).returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    try:
        monkeypatch.setenv("GUIDEBOOK_CACHE", str(mount))
        photos = "".join(f"    - {{file: p{i}.jpg, alt: 工場{i}}}\n" for i in range(4))
        root = make_content({slug: minimal_profile() + "images:\n  photos:\n" + photos for slug in ("alpha", "beta")})
        for slug in ("alpha", "beta"):
            for i in range(4):  # noise: each photo's variants take a few hundred KB
                Image.frombytes("RGB", (1600, 1200), os.urandom(1600 * 1200 * 3)).save(
                    root / "companies" / slug / f"p{i}.jpg", quality=90)
        out = tmp_path / "build"
        with pytest.raises(BuildStopped) as caught:
            build(root, out, pdf=False)
        assert str(mount / "images") in str(caught.value) and "image cache is full" in str(caught.value)
        assert not out.exists(), "nothing was published"
        assert not [p for p in mount.rglob("*") if p.name.endswith(".tmp")], "no half-written file stays behind"
    finally:
        subprocess.run(["umount", str(mount)], check=False)
