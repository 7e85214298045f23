"""Name a YAML slip the way a clerk made it, at the line that holds it, with that line as it should be.

PyYAML says where its parser gave up — often the line after the mistake — in parser words ("mapping values are not
allowed here"). The usual slips of someone typing with a Japanese IME are recognised from the text itself: a 全角
space used for indentation, a 全角 colon, no space after ':', a ':' inside a sentence, an unclosed quote or bracket,
a line indented deeper than the one above. Each `Slip` carries the corrected line, so the loader can read on past it
and report the file's other mistakes in the same run.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

KEY = r"[A-Za-z_][A-Za-z0-9_-]*"
_FULLWIDTH_INDENT = re.compile(r"^[ \u3000]*\u3000[ \u3000]*(?=\S)")
_FULLWIDTH_COLON = re.compile(rf"^(\s*(?:-\s+)?)({KEY})\s*[：﹕]\s*(.*)$")
_NO_SPACE = re.compile(rf"^(\s*(?:-\s+)?)({KEY}):(?=[^\s/:])(.*)$")
_FULLWIDTH_AFTER_COLON = re.compile(rf"^(\s*(?:-\s+)?)({KEY}):\u3000[ \u3000]*(.*)$")
_ENTRY = re.compile(rf"^(\s*(?:-\s+)?)({KEY})\s*:(?:\s+(.*))?$")
_BLOCK = re.compile(rf"^(\s*)(?:-\s+)?(?:{KEY}\s*:\s*)?[|>][-+1-9]*\s*(?:#.*)?$")
_CLOSERS = {"[": "]", "{": "}"}
_DASH_NO_SPACE = re.compile(rf"^(\s*)-(?=(?:{KEY})\s*:)(.*)$")  # "-name: 錫めっき", an item of a list of mappings


@dataclass(frozen=True)
class Slip:
    """One recognised slip: where it is, its rule, the bilingual message naming the fix, and the corrected line."""

    line: int  # 1-based
    col: int
    rule: str
    message: str
    fixed: str


def _m(ja: str, en: str, fixed: str) -> str:
    return f"{ja} / {en} 例 / e.g.: {fixed.strip()}"


def block_lines(lines: list[str]) -> set[int]:
    """Indexes of the lines inside block scalars (`pr: |`): their text is the clerk's own, never YAML structure."""
    inside, parent = set(), None
    for i, line in enumerate(lines):
        indent = len(line) - len(line.lstrip(" "))
        if parent is not None:
            if not line.strip() or indent > parent:
                inside.add(i)
                continue
            parent = None
        found = _BLOCK.match(line)
        if found:
            parent = len(found.group(1))
    return inside


def _content_above(lines: list[str], i: int, skip: set[int]) -> str | None:
    return next((lines[j] for j in range(i - 1, -1, -1)
                 if lines[j].strip() and not lines[j].lstrip().startswith("#") and j not in skip), None)


def _indent_slip(number: int, line: str, above: str | None) -> Slip | None:
    found = _FULLWIDTH_INDENT.match(line)
    if not found:
        return None
    lead = found.group(0)
    spaces = lead.replace("\u3000", "  ")
    entry = _ENTRY.match(above) if above is not None else None
    if entry:  # as deep as the line above, or one step deeper when that line opens a block (`name:`)
        depth = len(entry.group(1)) + (0 if entry.group(3) else 2)
        spaces = " " * depth
    fixed = spaces + line[len(lead):]
    return Slip(number, lead.index("\u3000") + 1, "yaml-fullwidth-space", _m(
        f"行頭に全角スペース（　）が入っています。字下げは半角スペースで書いてください（この行は半角スペース{len(spaces)}つで始めます）。",
        f"a full-width space (U+3000) is used for indentation; indent with half-width spaces ({len(spaces)} here).",
        f"「{fixed}」"), fixed)


def _fullwidth_colon(number: int, line: str) -> Slip | None:
    found = _FULLWIDTH_COLON.match(line)
    if found:
        pre, key, rest = found.groups()
        fixed = f"{pre}{key}: {rest}".rstrip() if rest else f"{pre}{key}:"
        return Slip(number, line.index(key) + len(key) + 1, "yaml-fullwidth-colon", _m(
            f"「{key}」の後の「：」が全角です。半角の「:」と半角スペースにしてください。",
            f"the colon after '{key}' is full-width (：); write a half-width ':' and a space.", fixed), fixed)
    return None


def _fullwidth_after_colon(number: int, line: str) -> Slip | None:
    found = _FULLWIDTH_AFTER_COLON.match(line)
    if found:
        pre, key, rest = found.groups()
        fixed = f"{pre}{key}: {rest}".rstrip()
        return Slip(number, len(pre) + len(key) + 2, "yaml-fullwidth-space-after-colon", _m(
            f"「{key}:」の後に全角スペース（　）が入っています。半角スペースにしてください（日本語入力をオフにしてスペース）。",
            f"the space after '{key}:' is full-width (U+3000); type a half-width space (IME off).", fixed), fixed)
    return None


def _no_space(number: int, line: str) -> Slip | None:
    found = _NO_SPACE.match(line)
    if found:
        pre, key, rest = found.groups()
        fixed = f"{pre}{key}: {rest}"
        return Slip(number, len(pre) + len(key) + 1, "yaml-colon-space", _m(
            f"「{key}:」の後に半角スペースがありません。「:」の後に半角スペースを1つ入れてください。",
            f"no space after '{key}:'; put one half-width space after ':'.", fixed), fixed)
    return None


_INDENTED_FULLWIDTH = re.compile(r"\n[ \t]*\u3000")  # starts at line breaks only: cheap on a file without one


def prescan(text: str) -> list[Slip]:
    """The slips that are mistakes wherever they are, found before parsing: 全角 indentation, 全角 colons after a key
    and a 全角 space after a key's colon (a file without these characters is not looked at line by line)."""
    if not (("\u3000" in text and (text.startswith("\u3000") or _INDENTED_FULLWIDTH.search(text)
                                   or ":\u3000" in text))
            or "：" in text or "﹕" in text):
        return []
    lines = text.split("\n")
    skip = block_lines(lines)
    slips = []
    for i, line in enumerate(lines):
        if i in skip or line.lstrip().startswith("#"):
            continue
        slip = (_indent_slip(i + 1, line, _content_above(lines, i, skip)) or _fullwidth_colon(i + 1, line)
                or _fullwidth_after_colon(i + 1, line))
        if slip is not None:
            slips.append(slip)
    return slips


def _unclosed_quote(line: str) -> tuple[str, int] | None:
    """(quote, column) when the value of `line` opens a quote it never closes."""
    found = _ENTRY.match(line)
    start = found.end(2) if found else len(line) - len(line.lstrip(" -"))
    rest = line[start:].lstrip(" :") if found else line[start:]
    if not rest or rest[0] not in "\"'":
        return None
    quote, col = rest[0], len(line) - len(rest) + 1
    i = 1
    while i < len(rest):
        c = rest[i]
        if quote == '"' and c == "\\":
            i += 2
            continue
        if c == quote:
            if quote == "'" and rest[i + 1:i + 2] == "'":
                i += 2
                continue
            return None
        i += 1
    return quote, col


def _unclosed_bracket(line: str) -> tuple[str, int] | None:
    """(closers, column) when the value of `line` opens a [ or { it never closes."""
    found = _ENTRY.match(_split_comment(line)[0])
    value = (found.group(3) or "") if found else ""
    if not value or value[0] not in "[{":
        return None
    stack, quote = [], None
    for c in value:
        if quote:
            quote = None if c == quote else quote
        elif c in "\"'":
            quote = c
        elif c in "[{":
            stack.append(_CLOSERS[c])
        elif c in "]}" and stack:
            stack.pop()
    return ("".join(reversed(stack)), line.index(value) + 1) if stack else None


def _dash_no_space(number: int, line: str) -> Slip | None:
    found = _DASH_NO_SPACE.match(line)
    if not found:
        return None
    pre, rest = found.groups()
    fixed = f"{pre}- {rest}"
    return Slip(number, len(pre) + 1, "yaml-dash-space", _m(
        "「-」の後に半角スペースがありません。リストの項目は「- 」（ハイフンと半角スペース）で始めてください。",
        "no space after '-'; start a list item with '- ' (a hyphen and a space).", f"「{fixed}」"), fixed)


def _quote_inside(number: int, line: str) -> Slip | None:
    """`person: "営業部 "坂本""`: a quote inside a quoted value ends the value early."""
    found = _ENTRY.match(_split_comment(line)[0])
    value = (found.group(3) or "").rstrip() if found else ""
    if len(value) < 2 or value[0] != '"':
        return None
    i = 1
    while i < len(value) and value[i] != '"':
        i += 2 if value[i] == "\\" else 1
    if i >= len(value) - 1:  # closed at the end (or not at all: that is another slip)
        return None
    inner = value[1:-1] if value.endswith('"') else value[1:]
    if inner.count('"') % 2 == 0:  # pairs of quotes around a word: Japanese brackets say the same
        parts = inner.split('"')
        inner = "".join(p + ("「" if k % 2 == 0 else "」") for k, p in enumerate(parts[:-1])) + parts[-1]
    else:
        inner = inner.replace('"', "")
    pre, key = found.group(1), found.group(2)
    fixed = f'{pre}{key}: "{inner}"' + _split_comment(line)[1]
    return Slip(number, len(line) - len(line.lstrip()) + line.lstrip().index('"', len(key)) + 1 + i,
                "yaml-quote-inside", _m(
                    "引用符 \" で囲んだ文の中に、もう一度 \" があります。そこで文が終わったと読まれています。"
                    "中の \" は「」にしてください（外側の \" は1組だけにします）。",
                    "a double quote inside a text quoted with double quotes ends the text there; use 「」 inside "
                    "(keep one pair of \" around the text).", fixed), fixed)


def _split_comment(line: str) -> tuple[str, str]:
    """(the line without its trailing ` # comment`, the comment with its leading spaces)."""
    found = re.search(r"\s+#", line)
    return (line[:found.start()], line[found.start():]) if found else (line.rstrip(), "")


def after_error(text: str, line: int, col: int, problem: str) -> Slip | None:
    """The slip behind a parse error PyYAML reported at (line, col), looked for from the top down to that line."""
    lines = text.split("\n")
    skip = block_lines(lines)
    last = min(line, len(lines))
    for i in range(last):
        here = lines[i]
        if i in skip or here.lstrip().startswith("#"):
            continue
        slip = _no_space(i + 1, here) or _dash_no_space(i + 1, here) or _quote_inside(i + 1, here)
        if slip is not None:
            return slip
        quote = _unclosed_quote(here)
        if quote:
            q, at = quote
            body, comment = _split_comment(here)
            fixed = body + q + comment
            return Slip(i + 1, at, "yaml-unclosed-quote", _m(
                f"引用符 {q} が閉じていません。値の終わりにも同じ引用符 {q} を書いてください。",
                f"the quote {q} is not closed; end the value with {q} too.", fixed), fixed)
        bracket = _unclosed_bracket(here)
        if bracket:
            closers, at = bracket
            body, comment = _split_comment(here)
            fixed = body + closers + comment
            return Slip(i + 1, at, "yaml-unclosed-bracket", _m(
                f"かっこ「{here[at - 1]}」が閉じていません。行の終わりに「{closers}」を書いてください。",
                f"the bracket '{here[at - 1]}' is not closed; end the line with '{closers}'.", fixed), fixed)
    if not 0 < line <= len(lines):
        return None
    if problem.startswith("expected <block end>"):  # a key less deep than its neighbours, deeper than its parent
        return misaligned(lines, line - 1, skip)
    if "mapping values are not allowed" not in problem:
        return None
    here = lines[line - 1]
    found = _ENTRY.match(here)
    if not found:
        return None
    pre, key, value = found.groups()
    first_colon = len(pre) + len(key) + 1
    if value and col > first_colon + 1:  # a second ': ' inside the value: a sentence with a colon in it
        quoted = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
        fixed = f"{pre}{key}: {quoted}"
        return Slip(line, col, "yaml-colon-in-text", _m(
            "文の中の「: 」（コロンと半角スペース）が項目の区切りと読まれています。文全体を半角の引用符 \"…\" で囲むか、"
            "全角の「：」にしてください。",
            "a ': ' inside the text is read as a new key; put the whole text in double quotes \"…\" "
            "or use a full-width ：.", fixed), fixed)
    return misaligned(lines, line - 1, skip)


_ITEM = re.compile(r"^( *)-(?: |$)")


def _misaligned_item(lines: list[str], i: int, skip: set[int]) -> Slip | None:
    """Line index `i` is a list item ('- ') whose '-' stands in no column a '-' above it stands in (of its own list
    or of a list it belongs to): it goes to the nearest of those, as `misaligned` does for a key."""
    here = lines[i]
    indent = len(_ITEM.match(here).group(1))
    levels: list[tuple[int, int]] = []
    deepest = None
    for j in range(i - 1, -1, -1):
        line = lines[j]
        if j in skip or not line.strip() or line.lstrip().startswith("#"):
            continue
        column = len(line) - len(line.lstrip(" "))
        if deepest is None or column < deepest:
            if _ITEM.match(line):
                levels.append((column, j))
            deepest = column
            if column == 0:
                break
    return _realigned(lines, i, indent, levels, lambda j: ("-", "the '-'"))


def _realigned(lines: list[str], i: int, indent: int, levels: list[tuple[int, int]], what) -> Slip | None:
    """The slip of line index `i`, indented `indent` spaces, moved to the nearest of `levels` ((column, line index)
    of what it could line up with; the deeper of two as near), or None when it already lines up with one of them;
    `what(j)` names what line index j holds there, in Japanese and in English."""
    if not levels or any(column == indent for column, _ in levels):
        return None
    column, j = min(levels, key=lambda level: (abs(level[0] - indent), -level[0]))
    fixed = " " * column + lines[i].lstrip(" ")
    start = (f"この行は半角スペース{column}つで始めてください", f"start this line with {column} spaces") if column \
        else ("この行の行頭のスペースを消してください", "remove the spaces at the start of this line")
    ja, en = what(j)
    return Slip(i + 1, 1, "yaml-indent", _m(
        f"字下げ（行頭の半角スペースの数）がそろっていません。{start[0]}（{j + 1} 行目の「{ja}」と同じ位置にそろえます）。",
        f"the indentation (the spaces at the start of the line) does not line up; {start[1]}, level with {en} "
        f"on line {j + 1}.", f"「{fixed}」"), fixed)


def _key_column(line: str) -> int:
    """Where the key of `line` starts: after the indentation and a list item's '- '."""
    found = _ENTRY.match(line)
    return len(found.group(1)) if found else len(line) - len(line.lstrip(" "))


def misaligned(lines: list[str], i: int, skip: set[int]) -> Slip | None:
    """Line index `i` holds a key indented to no column a key can start at here: the column of the key above it, of
    the key that key belongs to, and so on up. It goes to the nearest of those (the deeper one of two as near: a line
    indented at all means to belong to something), named by the line whose key it lines up with."""
    here = lines[i]
    if _ITEM.match(here):
        return _misaligned_item(lines, i, skip)
    found = _ENTRY.match(here)
    if not found or found.group(1).strip():
        return None
    indent = len(found.group(1))
    levels: list[tuple[int, int]] = []  # (column, line index) of the keys this line could line up with
    deepest = None
    for j in range(i - 1, -1, -1):
        line = lines[j]
        if j in skip or not line.strip() or line.lstrip().startswith("#") or not _ENTRY.match(line):
            continue
        column = _key_column(line)
        if deepest is None and not _ENTRY.match(line).group(3) and indent > column:
            return None  # the first key under `name:`: any depth deeper than `name` is right
        if deepest is None or column < deepest:
            levels.append((column, j))
            deepest = column
            if column == 0:
                break

    def named(j: int) -> tuple[str, str]:
        key = _ENTRY.match(lines[j]).group(2)
        return key, f"'{key}'"

    return _realigned(lines, i, indent, levels, named)
