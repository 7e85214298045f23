"""Property: a generated hostile profile is either refused by `validate` with a located error, or it builds.

Each example starts from a valid profile and makes a few hostile changes a clerk or an attacker could write: deep
nesting, huge or odd numbers, impossible dates, control and invisible characters, markup, very long texts, odd photo
file names and 16-bit images. `guidebook validate` runs first; when it accepts the profile, `guidebook build` must
succeed. A traceback (an exception out of the command line) or a refused build after a clean validate fails the test.

The run is derandomised so that `make test` is repeatable; HOSTILE_EXAMPLES=200 explores more (and randomly).
"""
from __future__ import annotations

import contextlib
import io
import json
import os
import re
import shutil
import struct
import tempfile
import zlib
from pathlib import Path

import yaml
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from PIL import Image

from conftest import SAMPLE, minimal_profile

LOCATED = re.compile(r"^(?P<path>[^\n]+?):(?P<line>\d+):(?P<col>\d+): error: ", re.M)
EXPLORE = int(os.environ.get("HOSTILE_EXAMPLES", "0"))
SITE = settings(max_examples=EXPLORE or 12, deadline=None, derandomize=not EXPLORE, database=None,
                suppress_health_check=list(HealthCheck))
PDF = settings(SITE, max_examples=max(EXPLORE // 10, 2))


class Raw(str):
    """A YAML fragment written as it is (a plain scalar: a number, a date), not as a quoted string."""


# ---- hostile pieces ----------------------------------------------------------------------------------------------

FRAGMENTS = ["<img/src=x onerror=alert(1)>", "<svg/onload=alert(1)>", "[x](javascript:alert(1))", "[x][1]\n\n> [1]: "
             "javascript:alert(1)", "{{ 7*7 }}", "{% raw %}", "${7*7}", "%s%n", "\\", "**", "`", "\u202e", "\u200b",
             "\x00", "\x1b[2J", "\x7f", "\x85", "\ufeff", "\U0001F600", "𠮷", "髙", "ｶﾀｶﾅ", "０１２", "=HYPERLINK(\"x\")",
             "- " * 12, "> " * 12, ">" * 300, "- " * 300, "\n" * 50, "&amp;", "&#106;", "</p>", "<!--", "'", '"', ": ",
             "# ", "&a", "*a", "!tag", "|", ">-", "---", "...", "\t"]
# odd but printable text (any script, symbols, punctuation): most of it is valid, so the build gets to see it
printable = st.text(st.characters(categories=("L", "M", "N", "P", "S", "Zs")), min_size=1, max_size=120)
texts = st.one_of(
    printable, printable, printable,
    st.text(st.characters(exclude_categories=("Cs",)), max_size=80),
    st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=10),
             max_size=6).map("".join),
    st.builds(lambda piece, n: piece * n, st.sampled_from(["あ", "A", "- ", ">", "[", "字 "]),
              st.integers(1, 2500)),
).map(lambda t: "".join(ch for ch in t if not 0xD800 <= ord(ch) <= 0xDFFF))

numbers = st.one_of(
    st.integers(-10**20, 10**20).map(str),
    st.text("0123456789", min_size=1, max_size=6000),
    st.sampled_from(["1e400", "-1e400", ".inf", ".nan", "0x" + "f" * 40, "0o777", "0b" + "1" * 5000, "1_000_000",
                     "3,000万", "12:30:00", "0012", "+5", "-0", "99999999999999999"]),
).map(Raw)

dates = st.one_of(
    st.builds(lambda y, m, d: f"{y:04d}-{m:02d}-{d:02d}", st.integers(0, 9999), st.integers(0, 13),
              st.integers(0, 32)).map(Raw),
    st.sampled_from(["2026-02-30", "2099-12-31", "2026-04-01T25:00:00", "2026-4-1", "0000-00-00", "令和8年4月1日",
                     "2026/04/01", "1968-04", "99999", "-1"]).map(Raw),
    texts,
)

file_names = st.one_of(
    st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=40).map(lambda s: s + ".png"),
    st.sampled_from(["my photo, 1.png", "a,b c.png", "%20.png", "#x?.png", "../x.png", "/etc/passwd", "x/../../y.png",
                     "写真 １.png", ".hidden.png", "CON.png", "x.PNG", "x.png.jpg", "-rf.png", "a;b.png", "\\x.png",
                     "x" * 96 + ".png"]),
    st.sampled_from(["grey16.png", "rgb16.png", "wide.png", "bilevel.png", "grey-alpha.png", "palette.png", "rgba.png",
                     "cmyk.jpg", "progressive.jpg", "exif6.jpg", "anim.webp", "lossless.webp"]),
).map(lambda s: "".join(ch for ch in s if not 0xD800 <= ord(ch) <= 0xDFFF))


def nested(depth: int, mapping: bool) -> Raw:
    """Lists (or mappings of lists) nested `depth` levels deep, written in flow style as YAML text."""
    opening, closing = ("{a: [", "]}") if mapping else ("[", "]")
    return Raw(opening * depth + '"x"' + closing * depth)


TEXT_FIELDS = [("summary",), ("pr",), ("name", "ja"), ("name", "en"), ("name", "kana"), ("address", "street"),
               ("contact", "person"), ("contact", "website"), ("contact", "phone"), ("representative", "name"),
               ("materials", 0), ("customers", 0), ("products", 0, "name"), ("products", 0, "description"),
               ("equipment", 0, "spec"), ("pr", "en"), ("summary", "en"), ("corporate_number",)]

changes = st.one_of(
    st.tuples(st.just("text"), st.sampled_from(TEXT_FIELDS), texts),
    st.tuples(st.just("text"), st.sampled_from(TEXT_FIELDS), texts),
    st.tuples(st.just("number"), st.sampled_from(["capital", "employees", "established"]), numbers),
    st.tuples(st.just("date"), st.sampled_from(["last_confirmed", "established"]), dates),
    st.tuples(st.just("nesting"), st.sampled_from(["materials", "customers", "products"]),
              st.tuples(st.integers(1, 1500), st.booleans())),
    st.tuples(st.just("photo"), st.integers(0, 4), st.lists(file_names, min_size=1, max_size=4)),
)


def put(data: dict, pointer: tuple, value) -> None:
    """Set `value` at `pointer`, making the mappings and one-item lists on the way."""
    node = data
    for part, following in zip(pointer, pointer[1:]):
        fresh = [] if isinstance(following, int) else {}
        if isinstance(part, int):
            while len(node) <= part:
                node.append(fresh)
            if not isinstance(node[part], (dict, list)):
                node[part] = fresh
        elif not isinstance(node.get(part), (dict, list)) or (isinstance(following, int) != isinstance(node[part], list)):
            node[part] = fresh
        node = node[part]
    last = pointer[-1]
    if isinstance(last, int):
        while len(node) <= last:
            node.append(None)
    node[last] = value


def dump(value, ascii_only: bool) -> str:
    """`value` as a YAML flow value: JSON (a subset of YAML), with Raw fragments written plainly."""
    if isinstance(value, Raw):
        return str(value)
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(k, ensure_ascii=ascii_only)}: {dump(v, ascii_only)}"
                               for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(dump(v, ascii_only) for v in value) + "]"
    return json.dumps(value, ensure_ascii=ascii_only)


# ---- files -------------------------------------------------------------------------------------------------------

def png(size=(64, 48)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (40, 90, 160)).save(buffer, "PNG")
    return buffer.getvalue()


def grey16() -> bytes:
    image = Image.new("I;16", (64, 48))
    image.putdata([(i * 1021) % 65536 for i in range(64 * 48)])
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def rgb16(width=64, height=48) -> bytes:
    row = b"\x00" + b"".join(struct.pack(">HHH", x * 1000, 40000, 2000) for x in range(width))

    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 16, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(row * height)) + chunk(b"IEND", b""))


def pillow(mode: str, fmt: str, colour, size=(64, 48), **options) -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, colour).save(buffer, fmt, **options)
    return buffer.getvalue()


def exif_rotated() -> bytes:
    """A JPEG 60×20 whose EXIF says "rotate 90°": shown 20×60."""
    exif = Image.Exif()
    exif[0x0112] = 6
    return pillow("RGB", "JPEG", (90, 40, 160), (60, 20), exif=exif)


def animated_webp() -> bytes:
    frames = [Image.new("RGB", (64, 48), (i * 40, 0, 0)) for i in range(5)]
    buffer = io.BytesIO()
    frames[0].save(buffer, "WEBP", save_all=True, append_images=frames[1:], duration=100)
    return buffer.getvalue()


# Files with these names are written as these images; any other name that can be written is a small RGB PNG.
IMAGE_BYTES = {"grey16.png": grey16, "rgb16.png": rgb16, "wide.png": lambda: png((16384, 2)),
               "bilevel.png": lambda: pillow("1", "PNG", 1), "grey-alpha.png": lambda: pillow("LA", "PNG", (90, 128)),
               "palette.png": lambda: pillow("P", "PNG", 3, transparency=3),
               "rgba.png": lambda: pillow("RGBA", "PNG", (10, 200, 30, 0)),
               "cmyk.jpg": lambda: pillow("CMYK", "JPEG", (0, 100, 200, 20)),
               "progressive.jpg": lambda: pillow("RGB", "JPEG", (1, 2, 3), progressive=True),
               "exif6.jpg": exif_rotated, "anim.webp": animated_webp,
               "lossless.webp": lambda: pillow("RGBA", "WEBP", (1, 2, 3, 4), lossless=True)}


def write_case(root: Path, edits: list, ascii_only: bool) -> None:
    """The content tree at `root` with one company made from the minimal profile and `edits`."""
    data = yaml.safe_load(minimal_profile())
    folder = root / "companies" / "hostile-co"
    folder.mkdir(parents=True)
    for kind, where, value in edits:
        if kind == "text":
            put(data, where, value)
        elif kind in ("number", "date"):
            data[where] = value
        elif kind == "nesting":
            data[where] = nested(*value)
        elif kind == "photo":
            data["images"] = {"photos": [{"file": name, "alt": f"写真 {i}"} for i, name in enumerate(value)]}
            if where == 0:
                data["images"]["logo"] = value[0]
            for name in value:
                path = folder / name
                with contextlib.suppress(OSError, ValueError):
                    if path.resolve().parent == folder.resolve() and not path.exists():
                        path.write_bytes(IMAGE_BYTES.get(name, png)())
    text = "".join(f"{json.dumps(k, ensure_ascii=ascii_only)}: {dump(v, ascii_only)}\n" for k, v in data.items())
    (folder / "company.yaml").write_text(text, encoding="utf-8")


@contextlib.contextmanager
def content_tree(edits: list, ascii_only: bool):
    base = Path(tempfile.mkdtemp(prefix="hostile-"))
    try:
        root = base / "content"
        for part in ("taxonomies", "pages"):
            shutil.copytree(SAMPLE / part, root / part)
        shutil.copy(SAMPLE / "site.yaml", root / "site.yaml")
        write_case(root, edits, ascii_only)
        yield root, base / "build"
    finally:
        shutil.rmtree(base, ignore_errors=True)


def guidebook(*args) -> tuple[int, str]:
    """Run the command line in this process: (exit code, stderr). An exception propagates and fails the test."""
    from generator.cli import main

    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main([str(a) for a in args])
    return code, err.getvalue()


def validate_then_build(root: Path, out: Path, *build_args: str) -> None:
    code, err = guidebook("--root", root, "validate")
    if code != 0:
        assert code == 1, err
        located = [m for m in LOCATED.finditer(err) if "hostile-co" in m.group("path")]
        assert located, f"refused without a located error:\n{err}"
        assert all(int(m.group("line")) >= 1 and int(m.group("col")) >= 1 for m in located), err
        event("refused by validate")  # --hypothesis-show-statistics: how many examples reach the build
        return
    code, err = guidebook("--root", root, "--out", out, "build", *build_args)
    assert code == 0, f"validate accepted the profile, the build refused it:\n{err}"
    assert (out / "site" / "companies" / "hostile-co" / "index.html").is_file()
    event("built")


edit_lists = st.lists(changes, min_size=1, max_size=2)


@SITE
@given(edits=edit_lists, ascii_only=st.booleans())
def test_a_hostile_profile_is_refused_with_a_location_or_the_site_builds(edits, ascii_only):
    with content_tree(edits, ascii_only) as (root, out):
        validate_then_build(root, out, "--no-pdf")


@PDF
@given(edits=st.lists(st.tuples(st.just("text"), st.sampled_from(TEXT_FIELDS), texts), min_size=1, max_size=3),
       ascii_only=st.booleans())
@example(edits=[("photo", 0, ["rgb16.png", "grey16.png", "my photo, 1.png", "写真 １.png"]),
                ("text", ("pr",), "- " * 6 + "深い項目"), ("number", "capital", Raw("100000000000000"))],
         ascii_only=False)
@example(edits=[("photo", 0, ["grey-alpha.png", "palette.png", "cmyk.jpg", "exif6.jpg"])], ascii_only=False)
@example(edits=[("photo", 0, ["bilevel.png", "anim.webp", "lossless.webp", "progressive.jpg"])], ascii_only=False)
def test_a_hostile_profile_is_refused_with_a_location_or_the_pdf_builds(edits, ascii_only):
    with content_tree(edits, ascii_only) as (root, out):
        validate_then_build(root, out)
