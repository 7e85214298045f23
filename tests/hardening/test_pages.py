"""Front pages (content/pages/*.md) that would crash the build get a located error instead."""
from __future__ import annotations

import re

from hardening.conftest import tree_digest

LOCATED = re.compile(r"^(?P<path>[^\n]+?):(?P<line>\d+):(?P<col>\d+): error: (?P<msg>.+)$", re.M)


def first_non_ascii(text: str) -> tuple[int, int]:
    """(line, column) of the first character that is not ASCII, where a Shift_JIS file stops being UTF-8."""
    index = next(i for i, ch in enumerate(text) if ord(ch) > 127)
    start = text.rfind("\n", 0, index) + 1
    assert text[start:index].isascii()  # so the column in bytes is the column in characters
    return text.count("\n", 0, index) + 1, index - start + 1


def test_a_page_saved_as_shift_jis_is_a_located_error(make_content, previous_build, run_cli):
    root = make_content({"good-co": None})
    page = root / "pages" / "greeting.md"
    text = page.read_text(encoding="utf-8")
    page.write_bytes(text.encode("cp932"))
    before = tree_digest(previous_build)

    for command in (["validate"], ["--out", previous_build, "build", "--no-pdf"]):
        code, _, err = run_cli("--root", root, *command)
        assert code == 1 and "Traceback" not in err, err
        found = [m for m in LOCATED.finditer(err) if m.group("path").endswith("pages/greeting.md")]
        assert found, err
        assert (int(found[0].group("line")), int(found[0].group("col"))) == first_non_ascii(text)
        message = found[0].group("msg")
        assert message.startswith("文字コードが UTF-8 ではありません（Shift_JIS")
        assert "UTF-8 で保存し直してください" in message and "save it again as UTF-8" in message
    assert tree_digest(previous_build) == before


def test_a_page_with_windows_line_ends_still_reads(make_content, run_cli):
    root = make_content({"good-co": None})
    page = root / "pages" / "greeting.md"
    page.write_bytes(page.read_bytes().replace(b"\n", b"\r\n"))
    code, out, err = run_cli("--root", root, "validate")
    assert code == 0, err


def test_a_page_nested_too_deeply_names_its_line(make_content, run_cli):
    root = make_content({"good-co": None})
    page = root / "pages" / "greeting.md"
    text = page.read_text(encoding="utf-8")
    deep = "> " * 40 + "深すぎる引用"
    page.write_text(text.rstrip("\n") + "\n\n" + deep + "\n", encoding="utf-8")
    line = (text.rstrip("\n") + "\n\n").count("\n") + 1  # the line the quote is written on
    code, _, err = run_cli("--root", root, "validate")
    assert code == 1 and "Traceback" not in err
    found = [m for m in LOCATED.finditer(err) if m.group("path").endswith("pages/greeting.md")]
    assert [int(m.group("line")) for m in found] == [line], err
    assert found[0].group("msg").startswith(f"{line} 行目の箇条書き（- や 1.）や引用（>）の入れ子が深すぎます（40 段")
