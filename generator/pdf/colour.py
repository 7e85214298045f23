"""Colours and images for the two editions: sRGB for screens, CMYK through the output intent's profile (intent.py)
for the press."""
from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from ..files import atomic_path


@lru_cache(maxsize=4)
def _transform(profile: str):
    from PIL import ImageCms

    return ImageCms.buildTransform(ImageCms.createProfile("sRGB"), ImageCms.getOpenProfile(profile), "RGB", "CMYK",
                                   renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC)


def hex_rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return int(colour[0:2], 16), int(colour[2:4], 16), int(colour[4:6], 16)


def tint(colour: str, amount: float) -> str:
    """`colour` mixed with white: amount 0 is white, 1 the colour itself."""
    r, g, b = (round(255 - (255 - v) * amount) for v in hex_rgb(colour))
    return f"#{r:02x}{g:02x}{b:02x}"


def to_cmyk(colour: str, profile: Path) -> str:
    """An sRGB hex colour as a CSS device-cmyk() value through the output profile."""
    from PIL import Image, ImageCms

    pixel = Image.new("RGB", (1, 1), hex_rgb(colour))
    c, m, y, k = ImageCms.applyTransform(pixel, _transform(str(profile))).getpixel((0, 0))
    return f"device-cmyk({c / 255:.3f} {m / 255:.3f} {y / 255:.3f} {k / 255:.3f})"


def one_ink(cmyk: str) -> str:
    """The one process ink that stands for a device-cmyk() colour in small type: the stronger of cyan and magenta
    at 100 % when it carries the colour (half or more), else black. Type under 8 pt built of several inks blurs
    and shows coloured fringes when the plates misregister (preflight.py refuses it)."""
    c, m, _y, _k = (float(v) for v in cmyk[cmyk.index("(") + 1:cmyk.index(")")].split())
    if max(c, m) < 0.5:
        return "device-cmyk(0 0 0 1)"
    return "device-cmyk(1 0 0 0)" if c >= m else "device-cmyk(0 1 0 0)"


def palette(brand: str, target: str, profile: Path | None) -> str:
    """The theme's colour variables: the municipality colour, its tint, and the inks for text; --brand-small is the
    municipality colour for type under 8 pt (labels, tags, the running head): one ink in the press edition."""
    light = tint(brand, 0.12)
    # --pale: paper seen through the brand colour, an opaque colour instead of CSS opacity (PDF/X-1a forbids
    # transparency)
    pale = tint(brand, 0.45)
    if target != "print":
        return (f":root {{ --brand: {brand}; --brand-small: {brand}; --tint: {light}; --pale: {pale}; "
                f"--ink: #1a1a1a; --muted: #595959; --rule: #b9c3cc; --paper: #ffffff; }}")
    # Text in black ink only (K 100 %, grey as K tints): rich black text misregisters on press.
    press = to_cmyk(brand, profile)
    return (f":root {{ --brand: {press}; --brand-small: {one_ink(press)}; --tint: {to_cmyk(light, profile)}; "
            f"--pale: {to_cmyk(pale, profile)}; "
            f"--ink: device-cmyk(0 0 0 1); --muted: device-cmyk(0 0 0 .72); --rule: device-cmyk(0 0 0 .3); "
            f"--paper: device-cmyk(0 0 0 0); }}")


def cmyk_image(source: Path, profile: Path, cache: Path, max_aspect: float | None = None,
               min_aspect: float | None = None) -> Path:
    """A CMYK JPEG of `source` (converted through the output profile, turned upright by its EXIF orientation), cached
    by content; transparency becomes white paper; with `max_aspect`, a picture longer than that (width to height or height to width) is cut to it;
    with `min_aspect`, one narrower than that (width to height: a portrait for a wide frame) is cut to it
    around its centre."""
    from PIL import Image, ImageCms, ImageOps

    data = source.read_bytes()
    # "upright": copies made before phone photos were turned by their EXIF orientation are not reused
    key = hashlib.sha256(data + str(profile).encode() + (f"|{max_aspect}".encode() if max_aspect else b"")
                         + (f"|min{min_aspect}".encode() if min_aspect else b"") + b"|upright").hexdigest()[:24]
    target = cache / f"{key}.jpg"
    if target.is_file():
        return target
    cache.mkdir(parents=True, exist_ok=True)
    with Image.open(source) as image:
        image.load()
        dpi = image.info.get("dpi")
        image = eight_bit(upright(image))  # a phone's portrait photo, stored sideways
        if image.mode in ("RGBA", "LA", "P", "PA"):
            image = image.convert("RGBA")
            flat = Image.new("RGB", image.size, (255, 255, 255))
            flat.paste(image, mask=image.split()[3])
            image = flat
        elif image.mode != "RGB":
            image = image.convert("RGB")
        if max_aspect:
            image = _within_aspect(image, max_aspect)
        if min_aspect and image.height * min_aspect > image.width:  # a wide frame: cut a tall picture to its shape
            keep = max(1, round(image.width / min_aspect))
            top = (image.height - keep) // 2
            image = image.crop((0, top, image.width, top + keep))
        cmyk = ImageCms.applyTransform(image, _transform(str(profile)))
        with atomic_path(target) as tmp:
            cmyk.save(tmp, "JPEG", quality=92, **({"dpi": dpi} if dpi else {}))
    return target


_TURNS = {2: "FLIP_LEFT_RIGHT", 3: "ROTATE_180", 4: "FLIP_TOP_BOTTOM", 5: "TRANSPOSE", 6: "ROTATE_270",
          7: "TRANSVERSE", 8: "ROTATE_90"}


def upright(image):
    """`image` turned by its EXIF orientation. A broken EXIF block (a tag of the wrong type, a PNG eXIf chunk that is
    not TIFF) that both decoders of the check read past stopped the press build in ImageOps.exif_transpose (outside
    attacker, session 15): then the orientation alone is used, if it can be read, as the website's libvips does."""
    from PIL import Image, ImageOps

    try:
        return ImageOps.exif_transpose(image)
    except Exception:  # noqa: BLE001 - any error of Pillow's EXIF parser or writer
        try:
            orientation = image.getexif().get(0x0112)
        except Exception:  # noqa: BLE001 - the block cannot be read at all: not turned
            return image
        turn = _TURNS.get(orientation) if isinstance(orientation, int) else None
        return image.transpose(getattr(Image.Transpose, turn)) if turn else image


def eight_bit(image):
    """A 16-bit or float greyscale picture (a scanner's PNG) as 8-bit grey; any other as it is. Both WeasyPrint
    (scaling it down) and convert("RGB") (clipping every value above 255 to white) mishandle the deep ones."""
    if image.mode.startswith(("I", "F")):
        return image.convert("I").point(lambda v: v / 256).convert("L")
    return image


def _within_aspect(image, max_aspect: float):
    """The picture cut around its centre to at most `max_aspect` long: a photo frame shows it with object-fit: cover,
    which draws the whole picture scaled to the frame and clips it, so a 4000×2 panorama was drawn metres past the
    bleed (the press preflight stops that)."""
    width, height = image.size
    if width > height * max_aspect:
        keep = max(1, round(height * max_aspect))
        left = (width - keep) // 2
        return image.crop((left, 0, left + keep, height))
    if height > width * max_aspect:
        keep = max(1, round(width * max_aspect))
        top = (height - keep) // 2
        return image.crop((0, top, width, top + keep))
    return image
