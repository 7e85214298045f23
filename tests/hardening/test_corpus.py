"""A hostile corpus: every attack or broken file gets a clear located error, no traceback, and `build/` stays as it was."""
from __future__ import annotations

import io
import os
import re
import textwrap
import zlib
from pathlib import Path

import pytest
from PIL import Image

from conftest import minimal_profile
from hardening.conftest import tree_digest

LOCATED = re.compile(r"^(?P<path>[^\n]+?):(?P<line>\d+):(?P<col>\d+): error: (?P<msg>.+)$", re.M)


def with_field(yaml_extra: str) -> str:
    """The minimal valid profile plus some YAML at the end."""
    return minimal_profile() + textwrap.dedent(yaml_extra)


def xss_in(field_yaml: str) -> str:
    return with_field(field_yaml)


def png(size=(8, 8), colour=(200, 30, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "PNG")
    return buffer.getvalue()


def bomb_png() -> bytes:
    """A 1-bit PNG of 40000×40000 pixels, a single colour: a few hundred KB on disk, 1.6 G pixels when decoded."""
    width = height = 40000
    row = b"\x00" + b"\x00" * (width // 8)
    compressor = zlib.compressobj(9)
    data = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()

    def chunk(kind: bytes, body: bytes) -> bytes:
        return len(body).to_bytes(4, "big") + kind + body + zlib.crc32(kind + body).to_bytes(4, "big")
    header = width.to_bytes(4, "big") + height.to_bytes(4, "big") + bytes([1, 0, 0, 0, 0])
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")


def pillow_bomb_png() -> bytes:
    """The same trick made with Pillow: 12000×12000 one-bit pixels of one colour compress to a few KB."""
    buffer = io.BytesIO()
    Image.new("1", (12000, 12000), 1).save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def corrupt_jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 64), (10, 120, 200)).save(buffer, "JPEG")
    good = buffer.getvalue()
    return good[:20] + b"\xff\x00garbage" * 8  # a JPEG start, then rubbish


SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(1)</script></svg>'
LOGO = "images:\n  logo: logo.png\n"


def image_case(files: dict[str, bytes | str], yaml_extra: str = LOGO):
    """A profile naming images, with the given files (bytes) or symlinks (str: the link target) in its folder."""
    def setup(folder: Path) -> None:
        for name, data in files.items():
            if isinstance(data, str):
                os.symlink(data, folder / name)
            else:
                (folder / name).write_bytes(data)
    return with_field(yaml_extra), setup


def raw_profile(data: bytes):
    """A company.yaml with exactly these bytes."""
    def setup(folder: Path) -> None:
        (folder / "company.yaml").write_bytes(data)
    return minimal_profile(), setup


ALIAS_BOMB = b"a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b]\n"
DEEP = ("x:\n" + "".join("  " * i + "- \n" for i in range(1, 60)) + "  " * 60 + "- deep\n").encode()
SCRIPT = "<script>window.__pwned = 1</script>"

# (id, profile text or (text, setup(folder)), the file the error must name)
CORPUS = [
    ("xss-name", with_field("").replace("株式会社テスト精機", f"株式会社{SCRIPT}"), "company.yaml"),
    ("xss-summary", with_field("").replace("summary: 精密な", 'summary: "<img src=x onerror=alert(1)>精密な'
                                           ).replace("対応\n", "対応\"\n"), "company.yaml"),
    ("xss-pr", xss_in(f"pr: 'ようこそ {SCRIPT}'\n"), "company.yaml"),
    ("style-pr", xss_in("pr: '<style>body{display:none}</style>'\n"), "company.yaml"),
    ("iframe-pr", xss_in("pr: '<iframe src=\"https://evil.example/\"></iframe>'\n"), "company.yaml"),
    ("event-attr-pr", xss_in("pr: '<a href=\"https://ok.example\" onclick=\"alert(1)\">x</a>'\n"), "company.yaml"),
    ("svg-pr", xss_in("pr: '<svg onload=alert(1)>'\n"), "company.yaml"),
    ("comment-pr", xss_in("pr: '<!-- hidden -->'\n"), "company.yaml"),
    ("js-link-pr", xss_in("pr: '[資料](javascript:alert(1))'\n"), "company.yaml"),
    ("js-link-entity", xss_in("pr: '[資料](&#106;avascript:alert(1))'\n"), "company.yaml"),
    ("js-link-refdef", xss_in("pr: |\n  [資料][1]\n\n  [1]: javascript:alert(1)\n"), "company.yaml"),
    ("data-link", xss_in("pr: '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)'\n"), "company.yaml"),
    ("md-image-passwd", xss_in("pr: '![x](file:///etc/passwd)'\n"), "company.yaml"),
    ("md-image-remote", xss_in("pr: '![x](https://tracker.example/pixel.png)'\n"), "company.yaml"),
    ("xss-product", xss_in(f"products:\n  - name: 部品\n    description: '{SCRIPT}'\n"), "company.yaml"),
    ("xss-product-name", xss_in(f"products:\n  - name: '{SCRIPT}'\n"), "company.yaml"),
    ("xss-equipment", xss_in(f"equipment:\n  - name: 旋盤\n    spec: '{SCRIPT}'\n"), "company.yaml"),
    ("xss-materials", xss_in(f"materials: ['{SCRIPT}']\n"), "company.yaml"),
    ("xss-customers", xss_in(f"customers: ['{SCRIPT}']\n"), "company.yaml"),
    ("xss-person", with_field("").replace('phone: "0548-22-1234"', f"phone: \"0548-22-1234\"\n  person: '{SCRIPT}'"),
     "company.yaml"),
    ("xss-street", with_field("").replace("北部工業団地1-1", f"'{SCRIPT}'"), "company.yaml"),
    ("js-website", with_field("").replace('phone: "0548-22-1234"', 'phone: "0548-22-1234"\n  website: '
                                          '"javascript:alert(1)"'), "company.yaml"),
    ("quote-website", with_field("").replace('phone: "0548-22-1234"', 'phone: "0548-22-1234"\n  website: '
                                             "'https://x.example/\" onmouseover=\"alert(1)'"), "company.yaml"),
    ("bidi-name", with_field("").replace("テスト精機", "テスト\u202e機精"), "company.yaml"),
    ("zero-width-name", with_field("").replace("テスト精機", "テスト\u200b精機"), "company.yaml"),
    ("control-char", with_field("").replace("summary: 精密な", 'summary: "\\e[2J精密な').replace("対応\n", "対応\"\n"),
     "company.yaml"),
    ("lone-surrogate", xss_in('pr: "\\ud800"\n'), "company.yaml"),
    ("absolute-image", image_case({}, "images:\n  logo: /etc/passwd\n"), "company.yaml"),
    ("dotdot-image", image_case({}, "images:\n  logo: ../other/logo.png\n"), "company.yaml"),
    ("windows-image", image_case({}, "images:\n  logo: 'C:\\Windows\\logo.png'\n"), "company.yaml"),
    ("file-url-image", image_case({}, "images:\n  logo: file:///etc/passwd\n"), "company.yaml"),
    ("symlink-out", image_case({"logo.png": "/etc/passwd"}), "company.yaml"),
    ("symlink-in", image_case({"real.png": png(), "logo.png": "real.png"}), "company.yaml"),
    ("svg-as-png", image_case({"logo.png": SVG}), "company.yaml"),
    ("bomb-png", image_case({"logo.png": bomb_png()}), "company.yaml"),
    ("pillow-bomb-png", image_case({"logo.png": pillow_bomb_png()}), "company.yaml"),
    ("corrupt-jpeg", image_case({"logo.jpg": corrupt_jpeg()}, "images:\n  logo: logo.jpg\n"), "company.yaml"),
    ("empty-png", image_case({"logo.png": b""}), "company.yaml"),
    ("huge-image", image_case({"logo.png": b"\x89PNG\r\n\x1a\n" + b"\0" * (9 * 2**20)}), "company.yaml"),
    ("alias-bomb", raw_profile(ALIAS_BOMB), "company.yaml"),
    ("deep-nesting", raw_profile(DEEP), "company.yaml"),
    ("huge-file", raw_profile(minimal_profile().encode() + b"# " + b"x" * (300 * 1024) + b"\n"), "company.yaml"),
    ("duplicate-key", raw_profile(minimal_profile().encode() + b"summary: two\n"), "company.yaml"),
    ("shift-jis", raw_profile(minimal_profile().encode("cp932")), "company.yaml"),
    ("utf-16", raw_profile(minimal_profile().encode("utf-16")), "company.yaml"),
    ("python-tag", raw_profile(minimal_profile().encode() + b"pr: !!python/object/apply:os.system 'touch /tmp/x'\n"),
     "company.yaml"),
    ("custom-tag", raw_profile(minimal_profile().encode() + b"pr: !include /etc/passwd\n"), "company.yaml"),
    ("tab-indent", raw_profile(minimal_profile().replace("  ja:", "\tja:").encode()), "company.yaml"),
    ("binary-garbage", raw_profile(bytes(range(256)) * 4), "company.yaml"),
    ("symlinked-profile", (minimal_profile(), lambda folder: (folder / "company.yaml").unlink()
                           or os.symlink("/etc/hostname", folder / "company.yaml")), "company.yaml"),
    ("bad-check-digit", with_field('corporate_number: "5080401012345"\n'), "company.yaml"),
    # issue 17: markup the HTML tokenizer reads as a tag although no space follows the tag name
    ("xss-img-slash", xss_in("pr: '<img/src=x onerror=alert(1)>'\n"), "company.yaml"),
    ("xss-svg-slash", with_field("").replace("summary: 精密な", "summary: '<svg/onload=alert(1)>精密な"
                                             ).replace("対応\n", "対応'\n"), "company.yaml"),
    ("xss-unclosed-tag", xss_in("pr: 'ようこそ <img src=x onerror=alert(1) '\n"), "company.yaml"),
    # reference definitions inside a quote or a list item are still definitions to Python-Markdown
    ("js-link-refdef-quote", xss_in("pr: |\n  [資料][1]\n\n  > [1]: javascript:alert(1)\n"), "company.yaml"),
    ("js-link-refdef-list", xss_in("pr: |\n  - [資料][1]\n\n        [1]: javascript:alert(1)\n"), "company.yaml"),
    # what passed validate and then crashed the build (RecursionError, int conversion, libyaml's nesting limit)
    ("nested-list", xss_in("pr: '" + "- " * 290 + "x'\n"), "company.yaml"),
    ("nested-list-en", xss_in("pr: {ja: 普通の文章, en: '" + "- " * 890 + "x'}\n"), "company.yaml"),
    ("nested-quote", xss_in("pr: '" + ">" * 590 + " 深い引用'\n"), "company.yaml"),
    ("nested-indent", xss_in("pr: |\n" + "".join("  " + "    " * i + "- x\n" for i in range(10))), "company.yaml"),
    ("number-digits", with_field("capital: " + "9" * 5000 + "\n"), "company.yaml"),
    ("number-binary", with_field("capital: 0b" + "1" * 20000 + "\n"), "company.yaml"),
    ("capital-range", with_field("capital: 200000000000000\n"), "company.yaml"),
    ("deep-flow-yaml", raw_profile(minimal_profile().encode() + b"materials: " + b"[" * 1000 + b"]" * 1000 + b"\n"),
     "company.yaml"),
    ("deep-flow-yaml-5000", raw_profile(minimal_profile().encode() + b"materials: " + b"[" * 5000 + b"]" * 5000 + b"\n"),
     "company.yaml"),
    ("wide-photo", image_case({"wide.png": png((16384, 4))}, "images:\n  photos:\n    - {file: wide.png, alt: 横長}\n"),
     "company.yaml"),
    ("tall-photo", image_case({"tall.png": png((4, 20000))}, "images:\n  photos:\n    - {file: tall.png, alt: 縦長}\n"),
     "company.yaml"),
    ("impossible-date", with_field("last_confirmed: 2026-02-30\n"), "company.yaml"),
    ("future-date", with_field("last_confirmed: 2099-12-31\n"), "company.yaml"),
    ("future-founding", with_field("established: 2099\n"), "company.yaml"),
]


# What the first error must say (a word of its English half), so each case is refused for the right reason.
EXPECT = {
    "xss": "HTML", "style": "HTML", "iframe": "HTML", "event": "HTML", "svg-pr": "HTML", "comment": "HTML",
    "js-link": "link target", "data-link": "link target", "md-image": "images cannot be embedded",
    "js-website": "website", "quote-website": "website", "bidi": "text-direction", "zero-width": "zero-width",
    "control": "control character", "lone-surrogate": "surrogate", "absolute-image": "inside the company",
    "dotdot": "inside the company", "windows-image": "inside the company", "file-url": "inside the company",
    "symlink-out": "link", "symlink-in": "link", "svg-as-png": "not a readable", "bomb": "pixels",
    "pillow-bomb": "pixels", "corrupt": "not a readable", "empty-png": "not a readable", "huge-image": "too large",
    "alias": "aliases", "deep": "nested too deeply", "huge-file": "too large", "duplicate-key": "appears twice",
    "shift-jis": "not UTF-8", "utf-16": "UTF-16", "python-tag": "tag", "custom-tag": "tag", "tab": "tab",
    "binary": "not UTF-8", "symlinked-profile": "symbolic link", "bad-check-digit": "check digit",
    "nested-": "nests lists or quotes", "number-": "number is too large", "capital-range": "out of range",
    "wide-photo": "at most 16,383 pixels", "tall-photo": "at most 16,383 pixels", "impossible-date": "not a real date",
    "future-": "in the future",
}


def expected_words(case_id: str) -> str:
    return next(words for prefix, words in EXPECT.items() if case_id.startswith(prefix))


@pytest.mark.parametrize("case", CORPUS, ids=[c[0] for c in CORPUS])
def test_hostile_profile_is_refused_and_build_is_untouched(case, make_content, previous_build, run_cli, tmp_path):
    name, spec, expected_file = case
    text, setup = spec if isinstance(spec, tuple) else (spec, None)
    root = make_content({"test-seiki": text})
    if setup:
        setup(root / "companies" / "test-seiki")
    before = tree_digest(previous_build)

    code, out, err = run_cli("--root", root, "--out", previous_build, "build")

    assert code == 1, (out, err)
    assert "Traceback" not in err
    located = [m for m in LOCATED.finditer(err) if m.group("path").endswith(expected_file)]
    assert located, err
    problem = next((m for m in located if expected_words(name).lower() in m.group("msg").lower()), None)
    assert problem is not None, f"expected an error about '{expected_words(name)}':\n{err}"
    assert "test-seiki" in problem.group("path")
    assert int(problem.group("line")) >= 1 and int(problem.group("col")) >= 1, err
    assert " / " in problem.group("msg"), "Japanese, then English"
    assert re.search(r"[ぁ-んァ-ヶ一-龯]", problem.group("msg")), "the message starts in Japanese"
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069]", err), "no raw control characters"
    assert tree_digest(previous_build) == before
    assert not list(tmp_path.glob(".build-*")), "no staging folder left behind"


def test_corpus_also_fails_validate(make_content, run_cli):
    """`guidebook validate` (what a pull request check runs) reports the same attacks."""
    root = make_content({"evil-co": xss_in(f"pr: '{SCRIPT}'\n"), "good-co": None})
    code, _, err = run_cli("--root", root, "validate")
    assert code == 1
    assert "evil-co/company.yaml" in err
    assert not [l for l in err.splitlines() if "good-co/company.yaml" in l.split(": ")[0] and ": error:" in l]


@pytest.mark.parametrize("folder", ["Test-Seiki", "tеst-seiki", "test_seiki", "-test", "test-seiki\n", "..hidden"],
                         ids=["uppercase", "cyrillic-e", "underscore", "leading-hyphen", "newline", "dots"])
def test_folder_that_is_not_a_slug_is_refused(folder, make_content, previous_build, run_cli):
    root = make_content({"good-co": None})
    bad = root / "companies" / folder
    bad.mkdir()
    (bad / "company.yaml").write_text(minimal_profile(), encoding="utf-8")
    before = tree_digest(previous_build)
    code, _, err = run_cli("--root", root, "--out", previous_build, "build")
    assert code == 1 and "Traceback" not in err
    assert "slug" in err
    assert tree_digest(previous_build) == before


def test_symlinked_company_folder_pointing_out_is_refused(make_content, tmp_path, run_cli):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "company.yaml").write_text(minimal_profile(), encoding="utf-8")
    (outside / "logo.png").write_bytes(png())
    root = make_content({"good-co": None})
    os.symlink(outside, root / "companies" / "linked-co")
    code, _, err = run_cli("--root", root, "validate")
    assert code == 1 and "linked-co" in err
