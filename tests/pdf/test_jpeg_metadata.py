"""A photo's metadata (EXIF with GPS, XMP, comments) never reaches a PDF; its pixels and colour profile do."""
from __future__ import annotations

import io

from PIL import Image

from generator.pdf.fetcher import ContentOnlyFetcher, without_jpeg_metadata


def _jpeg_with_metadata() -> bytes:
    im = Image.new("RGB", (64, 48), (200, 40, 40))
    exif = Image.Exif()
    exif[0x010F] = "CameraMakerLEAK"  # Make
    buf = io.BytesIO()
    im.save(buf, "JPEG", exif=exif, comment=b"COMLEAKMARKER", icc_profile=b"\0" * 128, quality=90)
    data = buf.getvalue()
    xmp = b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>XMPLEAK</x:xmpmeta>"
    return data[:2] + b"\xff\xe1" + (len(xmp) + 2).to_bytes(2, "big") + xmp + data[2:]


def test_comments_exif_and_xmp_are_left_out_and_the_pixels_kept():
    data = _jpeg_with_metadata()
    for leak in (b"COMLEAKMARKER", b"CameraMakerLEAK", b"XMPLEAK"):
        assert leak in data
    clean = without_jpeg_metadata(data)
    for leak in (b"COMLEAKMARKER", b"CameraMakerLEAK", b"XMPLEAK"):
        assert leak not in clean
    with Image.open(io.BytesIO(data)) as a, Image.open(io.BytesIO(clean)) as b:
        assert a.tobytes() == b.tobytes()
        assert b.info.get("icc_profile") == b"\0" * 128  # the colour profile stays


def test_the_fetcher_serves_photos_without_metadata(tmp_path):
    photo = tmp_path / "photo.JPG"
    photo.write_bytes(_jpeg_with_metadata())
    response = ContentOnlyFetcher([tmp_path]).fetch(photo.as_uri())
    body = response.read() if hasattr(response, "read") else response.string
    assert b"COMLEAKMARKER" not in body and body.startswith(b"\xff\xd8")


def test_what_is_not_a_jpeg_is_left_as_it_is():
    assert without_jpeg_metadata(b"\x89PNG\r\n") == b"\x89PNG\r\n"
    broken = b"\xff\xd8\xff\xe1\xff\xff"  # a segment longer than the file
    assert without_jpeg_metadata(broken) == broken


def test_a_pdf_made_through_the_fetcher_carries_no_comment(tmp_path):
    from weasyprint import HTML

    photo = tmp_path / "photo.jpg"
    photo.write_bytes(_jpeg_with_metadata())
    html = f'<img src="{photo.as_uri()}" style="width:30mm">'
    pdf = HTML(string=html, base_url=str(tmp_path), url_fetcher=ContentOnlyFetcher([tmp_path])).write_pdf()
    assert b"/DCTDecode" in pdf  # the photo is in it, as a JPEG
    for leak in (b"COMLEAKMARKER", b"CameraMakerLEAK", b"XMPLEAK"):
        assert leak not in pdf
