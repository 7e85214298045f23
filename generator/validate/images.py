"""Images must be files of the company's own folder, really JPEG, PNG or WebP, within size limits."""
from __future__ import annotations

import warnings
from pathlib import Path

from PIL import Image

from ..errors import Problem
from ..load.yamlfile import YamlDoc

FORMATS = {"JPEG", "PNG", "WEBP"}
MAX_BYTES = 8 * 1024 * 1024
MAX_PIXELS = 40_000_000


def image_refs(data: dict) -> list[tuple[tuple, str]]:
    """(pointer, file name) of every image a profile names."""
    images = data.get("images") if isinstance(data, dict) else None
    if not isinstance(images, dict):
        return []
    refs = [(("images", "logo"), images["logo"])] if isinstance(images.get("logo"), str) else []
    for i, photo in enumerate(images.get("photos") or []):
        if isinstance(photo, dict) and isinstance(photo.get("file"), str):
            refs.append((("images", "photos", i, "file"), photo["file"]))
    return refs


def inspect(folder: Path, name: str) -> str | None:
    """Why an image file is unusable, or None when it is fine (read from its header, never fully decoded)."""
    if name.startswith(("/", "\\")) or ":" in name or ".." in Path(name).parts or "\\" in name:
        return (f"画像「{name}」は会社のフォルダの中のファイル名で書いてください（例: photo1.jpg）。"
                f" / '{name}' must be a file name inside the company's folder.")
    path = folder / name
    if path.is_symlink() or (path.exists() and not path.resolve().is_relative_to(folder.resolve())):
        return f"画像「{name}」はリンクです。実際のファイルを置いてください。 / '{name}' is a link; add the file itself."
    if not path.is_file():
        return (f"画像ファイル「{name}」が見つかりません。{folder.name}/ フォルダに置いたか、ファイル名（大文字・小文字）を"
                f"確認してください。 / image '{name}' not found in the company's folder.")
    size = path.stat().st_size
    if size > MAX_BYTES:
        return (f"画像「{name}」が大きすぎます（{size / 1e6:.1f} MB、上限 {MAX_BYTES // 2**20} MB）。 / "
                f"'{name}' is too large ({size / 1e6:.1f} MB).")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as im:
                fmt, (w, h) = im.format, im.size
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        return f"画像「{name}」の画素数が多すぎます。 / '{name}' has too many pixels."
    except Exception:  # noqa: BLE001 - any decoder failure means "not a usable image"
        return (f"画像「{name}」を読めません（壊れているか、JPEG・PNG・WebP ではありません）。 / "
                f"'{name}' is not a readable JPEG, PNG or WebP image.")
    if fmt not in FORMATS:
        return f"画像「{name}」の形式 {fmt} は使えません。JPEG・PNG・WebP にしてください。 / {fmt} is not allowed."
    if w * h > MAX_PIXELS:
        return (f"画像「{name}」の画素数が多すぎます（{w}×{h}、上限 {MAX_PIXELS:,} 画素）。 / '{name}' is {w}×{h} "
                f"pixels; the limit is {MAX_PIXELS:,}.")
    return None


def check(doc: YamlDoc, display: str) -> list[Problem]:
    """Problems with the images a profile names."""
    problems = []
    for pointer, name in image_refs(doc.data):
        why = inspect(doc.path.parent, name)
        if why:
            line, col = doc.where(pointer)
            problems.append(Problem(display, line, col, why, "error", "image"))
    return problems
