"""Images must be files of the company's own folder, really JPEG, PNG or WebP (by content, not by name), within limits.

Only the header is read (Pillow's `open` is lazy), so a decompression bomb is refused by its declared size without
ever being decoded. A photo whose pixels are too few for its printed width gets a warning: the print template shows
a photo at most PHOTO_MM wide and a logo at most LOGO_MM wide, and print needs about 300 dpi.
"""
from __future__ import annotations

import math
import warnings
from pathlib import Path

from ..errors import Problem
from ..load.yamlfile import YamlDoc
from .messages import say

FORMATS = ("JPEG", "PNG", "WEBP")
EXTENSIONS = {"JPEG": (".jpg", ".jpeg"), "PNG": (".png",), "WEBP": (".webp",)}
MAX_BYTES = 8 * 1024 * 1024
# A file name may have 255 bytes; the published variants add ~20, and Windows paths are short too.
MAX_NAME_BYTES = 120
MAX_PIXELS = 40_000_000
MAX_SIDE = 16_383  # the widest and highest a WebP can be: a longer side cannot become a web variant
FORM_LONG_EDGE = 2400  # the profile form shrinks photos to this long edge: ~1,000 dpi at the printed width, far below MAX_BYTES
PRINT_DPI = 300
PHOTO_MM, LOGO_MM = 60, 20  # widest a photo / a logo is printed in the print theme (assumption stated in the warning)


def image_refs(data: dict) -> list[tuple[tuple, str, str]]:
    """(pointer, file name, kind) of every image a profile names; kind is "logo" or "photo"."""
    images = data.get("images") if isinstance(data, dict) else None
    if not isinstance(images, dict):
        return []
    refs = [(("images", "logo"), images["logo"], "logo")] if isinstance(images.get("logo"), str) else []
    photos = images.get("photos")
    for i, photo in enumerate(photos if isinstance(photos, list) else []):
        if isinstance(photo, dict) and isinstance(photo.get("file"), str):
            refs.append((("images", "photos", i, "file"), photo["file"], "photo"))
    return refs


def _header(path: Path) -> tuple[str | None, int, int, str | None]:
    """(format, width, height, why-not) read from the file's header; raises nothing."""
    # lazy: `guidebook validate` should start fast. Importing the three plugins registers the formats we accept, so
    # that Image.open(formats=...) does not import all of Pillow's ~40 plugins to look for one it does not know yet
    from PIL import Image, JpegImagePlugin, PngImagePlugin, WebPImagePlugin  # noqa: F401

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path, formats=FORMATS) as im:
                return im.format, im.size[0], im.size[1], None
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        return None, 0, 0, "image-pixels"
    except Exception:  # noqa: BLE001 - not one of ours: find out what it is, for the message
        pass
    try:
        with Image.open(path) as im:
            return im.format, im.size[0], im.size[1], "image-format"
    except Exception:  # noqa: BLE001 - any decoder failure means "not a usable image"
        return None, 0, 0, "image-unreadable"


def inspect(folder: Path, name: str, kind: str = "photo") -> list[tuple[str, str, dict]]:
    """(severity, rule, params) for each problem of one image file; empty when it is fine."""
    params = {"file": name, "folder": folder.name}
    if name.startswith(("/", "\\")) or ":" in name or ".." in Path(name).parts or "\\" in name:
        return [("error", "image-path", params)]
    if "[" in name or "]" in name:  # libvips reads "photo.jpg[shrink=2]" as the file photo.jpg with load options
        return [("error", "image-name-brackets", params)]
    if len(name.encode("utf-8")) > MAX_NAME_BYTES:  # the published variants add "photoN-" and "-1440.webp"
        return [("error", "image-name-long", {**params, "bytes": len(name.encode("utf-8")), "limit": MAX_NAME_BYTES})]
    path = folder / name
    # the name has no '..' and no leading '/', so only a link (the file's or a sub-folder's) can lead outside
    if path.is_symlink() or ("/" in name and path.exists() and not path.resolve().is_relative_to(folder.resolve())):
        return [("error", "image-link", params)]
    if not path.is_file():
        return [("error", "image-missing", params)]
    size = path.stat().st_size
    if size > MAX_BYTES:
        return [("error", "image-bytes", {**params, "size": f"{size / 2**20:.1f}", "limit": MAX_BYTES // 2**20,
                                          "edge": FORM_LONG_EDGE})]
    fmt, width, height, why = _header(path)
    if why == "image-pixels" or width * height > MAX_PIXELS:
        return [("error", "image-pixels", {**params, "width": width or "?", "height": height or "?",
                                           "limit": f"{MAX_PIXELS:,}"})]
    if why:
        return [("error", why, {**params, "format": fmt or "?"})]
    if max(width, height) > MAX_SIDE:
        return [("error", "image-side", {**params, "width": width, "height": height, "limit": f"{MAX_SIDE:,}"})]
    found = []
    if not name.lower().endswith(EXTENSIONS[fmt]):
        stem = name.rsplit(".", 1)[0] if "." in name else name
        found.append(("warning", "image-extension", {**params, "format": fmt,
                                                       "suggestion": stem + EXTENSIONS[fmt][0]}))
    mm = LOGO_MM if kind == "logo" else PHOTO_MM
    needed = math.ceil(mm / 25.4 * PRINT_DPI)
    if width < needed:
        found.append(("warning", "image-dpi", {
            **params, "width": width, "mm": mm, "dpi": round(width / (mm / 25.4)), "needed": needed,
            "kind": "ロゴ" if kind == "logo" else "写真", "kind_en": "Logo" if kind == "logo" else "Photo",
            "kind_note": f"（印刷では写真は最大幅 {PHOTO_MM} mm、ロゴは {LOGO_MM} mm として計算しています）",
            "kind_note_en": f"(Assumes print widths of at most {PHOTO_MM} mm for a photo and {LOGO_MM} mm for a logo.)"}))
    return found


def _alt_problems(doc: YamlDoc, display: str) -> tuple[list[Problem], set]:
    """Photos without a real description: missing, blank, or just the file name again."""
    images = doc.data.get("images") if isinstance(doc.data, dict) else None
    photos = images.get("photos") if isinstance(images, dict) else None
    problems, pointers = [], set()
    for i, photo in enumerate(photos if isinstance(photos, list) else []):
        if not isinstance(photo, dict):
            continue
        alt = photo.get("alt")
        text = alt.get("ja") if isinstance(alt, dict) else alt
        file = str(photo.get("file", ""))
        if text is None or (isinstance(text, str) and (not text.strip() or text.strip() == file)):
            pointer = ("images", "photos", i, "alt")
            at = pointer if "alt" in photo else pointer[:-1]
            problems.append(Problem(display, *doc.where(at), say("image-alt", file=file), "error", "image-alt"))
            pointers.add(pointer)
    return problems, pointers


def check(doc: YamlDoc, display: str) -> list[Problem]:
    """Problems with the images a profile names, and photos without alt text."""
    problems, _ = _alt_problems(doc, display)
    for pointer, name, kind in image_refs(doc.data):
        line, col = doc.where(pointer)
        for severity, rule, params in inspect(doc.path.parent, name, kind):
            problems.append(Problem(display, line, col, say(rule, **params), severity, rule))
    return problems


def alt_pointers(doc: YamlDoc) -> set:
    """Pointers of photo alt texts that `check` reports, so that the schema does not report them again."""
    return _alt_problems(doc, "")[1]



def check_pixels(root: Path, folders: list[Path]) -> list[Problem]:
    """Problems found by decoding every image the profiles of `folders` name, which `check` does not do (headers only).

    A photo cut short has a good header and passes `check`, then stops the build for every company: the pull-request
    check and a clerk's `guidebook validate <folder>` decode the few images of the profiles they name, with both
    decoders the build uses (Pillow for the PDF, libvips for the website), so that it is refused before the merge.
    Whole-content validation does not (thousands of photos), and need not: every photo on the default branch went
    through this check when it was added. Run only on profiles without errors."""
    from ..load.content import load_content

    content = load_content(root, folders)
    named = [(doc, pointer, name) for doc in content.companies.values() for pointer, name, _ in image_refs(doc.data)]
    if not named:
        return []  # and neither decoder is loaded
    from PIL import Image

    from ..parallel import fork_map
    from ..site.imaging import unreadable

    # the website's decoder, in forked workers only: libvips run in this process would hang every later fork's
    # libvips (see site/imaging.py), and the check and preview fork for the pages and the PDF afterwards
    strict = fork_map(unreadable, [doc.path.parent / name for doc, _, name in named], isolate=True)
    problems = []
    for (doc, pointer, name), reason in zip(named, strict):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                with Image.open(doc.path.parent / name, formats=FORMATS) as im:
                    if im.format == "JPEG":  # decoded at 1/8 scale: every byte of the file is still read
                        im.draft(im.mode, (max(1, im.size[0] // 8), max(1, im.size[1] // 8)))
                    im.load()
            whole = reason is None  # the website's decoder (libvips) is stricter than Pillow, the PDFs' one
        except Exception:  # noqa: BLE001 - cut short or corrupt: the PDFs' decoder fails
            whole = False
        if not whole:
            problems.append(Problem(content.display(doc.path), *doc.where(pointer),
                                    say("image-damaged", file=name), "error", "image-damaged"))
    return problems
