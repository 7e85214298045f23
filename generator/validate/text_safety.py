"""Refuse invisible and direction-changing characters in any text: they hide or disguise what a reader sees.

A right-to-left override (U+202E) can make 「株式会社山田精機」 display as something else, a zero-width space makes two
names look equal while they differ, control characters break the HTML, the PDF and the terminal. None of them has a
place in a company profile, so each one is a located error that names the character and says how to remove it.
"""
from __future__ import annotations

import html
import re
import unicodedata

from ..errors import Problem
from ..load import Content
from ..load.yamlfile import YamlDoc
from .strings import text_of

ALLOWED_CONTROLS = {"\n", "\t"}

# Characters that are not Cc/Cf/Cs/Co but still invisible or layout-changing.
EXTRA = {
    "\u2028": "LINE SEPARATOR",
    "\u2029": "PARAGRAPH SEPARATOR",
    "\u115f": "HANGUL CHOSEONG FILLER",
    "\u1160": "HANGUL JUNGSEONG FILLER",
    "\u3164": "HANGUL FILLER",
    "\uffa0": "HALFWIDTH HANGUL FILLER",
}


def _kind(ch: str) -> tuple[str, str] | None:
    """(Japanese, English) description of why `ch` is refused, or None when it is an ordinary character."""
    if ch in ALLOWED_CONTROLS:
        return None
    category = unicodedata.category(ch)
    if ch in EXTRA or category in ("Cf", "Zl", "Zp"):
        if ch in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c":
            return "文字の向きを変える見えない文字", "an invisible text-direction control"
        return "見えない書式文字（ゼロ幅文字など）", "an invisible formatting character (zero-width etc.)"
    if category == "Cc":
        return "制御文字", "a control character"
    if category == "Cs":
        return "不正な文字（サロゲート）", "an invalid character (a lone surrogate)"
    if 0xFDD0 <= ord(ch) <= 0xFDEF or (ord(ch) & 0xFFFE) == 0xFFFE:
        return "文字ではない符号（非文字）", "a Unicode noncharacter"
    if category == "Co":
        return "外字（私用領域の文字）。ほかの環境では表示できません", "a private-use character (gaiji) that other systems cannot show"
    return None


def _name(ch: str) -> str:
    return f"U+{ord(ch):04X}" + (f" {unicodedata.name(ch, '')}".rstrip() if unicodedata.name(ch, "") else "")


def problem_in(text: str) -> str | None:
    """A message about the first refused character in `text`, or None when the text is clean."""
    for index, ch in enumerate(text, 1):
        kind = _kind(ch)
        if kind:
            ja, en = kind
            return (f"{index} 文字目に{ja}（{_name(ch)}）が入っています。コピー＆ペーストで紛れ込むことがあります。"
                    f"その文字を消して打ち直してください。 / character {index} is {en} ({_name(ch)}), often pasted in "
                    f"by accident; delete it and type the text again.")
    return None


# Markup has no place in a profile: plain fields are escaped and Markdown fields drop raw HTML anyway, so a tag there
# is either a mistake (it would show as text) or an attack; both deserve a clear error rather than silent removal.
# The test is the HTML tokenizer's own: '<' then a letter (or '/' and a letter, '!', '?') opens a tag, whatever
# follows, so `<img/src=x onerror=…>` and a tag never closed on this line are found too; "a < b" is not a tag.
TAG = re.compile(r"</?[A-Za-z]|<!|<\?")
# A Markdown container at the start of a line: a quote '>' or a list item ('-', '*', '+', '1.', '1)').
_CONTAINER = r"(?:>|[*+-](?=[ \t])|\d{1,9}[.)](?=[ \t]))"
# inline links [x](target), and reference definitions [x]: target, also inside quotes and list items
LINK = re.compile(r"\]\(\s*<?\s*([^)\s>]*)|^(?:[ \t]*" + _CONTAINER + r")*[ \t]*\[[^\]]*\]:\s*<?([^\s>]+)", re.M)
IMAGE = re.compile(r"!\[[^\]]*\]\s*[(\[]")
SAFE_LINK = re.compile(r"(?:https?://[^\s/]|mailto:[^\s@]+@)", re.I)
# Python-Markdown and WeasyPrint recurse once per nested list or quote and fail (RecursionError) a few hundred levels
# down; no guidebook text needs more than a few, so a line that opens more than MAX_NESTING containers is refused.
MAX_NESTING = 6  # at 6 levels a list item still has half of a phone's width
_STEP = re.compile(r"([ \t]*)(" + _CONTAINER + ")")
# quick test: a line that starts with 3 markers or 12 columns of indentation. Searched from a literal "\n" (and
# matched at the start) because a '^' in multi-line mode is tried at every position: ten times slower.
_NESTED_START = re.compile(r"(?:[ \t]*" + _CONTAINER + r"){3}|[ \t]{12}")
_NESTED_LINE = re.compile(r"\n(?:(?:[ \t]*" + _CONTAINER + r"){3}|[ \t]{12})")


def _maybe_nested(text: str) -> bool:
    return bool(_NESTED_START.match(text) or _NESTED_LINE.search(text))


def nesting(text: str) -> tuple[int, int]:
    """(line, depth) of the most deeply nested Markdown line in `text`: each '>', list marker and 4 columns of
    indentation (beyond the one space after a marker) is a level."""
    deepest = (0, 0)
    if not _maybe_nested(text):
        return deepest
    for number, line in enumerate(text.split("\n"), 1):
        depth, after_marker, step = 0, False, _STEP.match(line)
        while step:
            width = len(step.group(1).replace("\t", "    "))
            depth += 1 + (max(width - 1, 0) if after_marker else width) // 4
            after_marker, step = True, _STEP.match(line, step.end())
        lead = len(line) - len(line.lstrip(" \t"))
        depth = max(depth, len(line[:lead].replace("\t", "    ")) // 4)  # an indented line with no marker
        if depth > deepest[1]:
            deepest = (number, depth)
    return deepest


def nesting_problem(text: str, first_line: int | None = None) -> str | None:
    """A message when lists or quotes in `text` are nested deeper than MAX_NESTING, else None.

    The line is counted within the text, or in the file when the text starts on `first_line` of it.
    """
    line, depth = nesting(text)
    if depth <= MAX_NESTING:
        return None
    if first_line is None:
        where, where_en = f"この文章の {line} 行目", f"line {line} of this text"
    else:
        where, where_en = f"{first_line + line - 1} 行目", f"line {first_line + line - 1}"
    return (f"{where}の箇条書き（- や 1.）や引用（>）の入れ子が深すぎます（{depth} 段、{MAX_NESTING} 段まで）。"
            f"行頭の「-」「>」や字下げを減らしてください。 / {where_en} nests lists or quotes {depth} levels deep "
            f"(at most {MAX_NESTING}); remove some of the leading '-', '>' or indentation.")


def markup_problem(text: str) -> str | None:
    """A message about HTML, an embedded image, a link that is not http(s)/mailto or too deep nesting, or None."""
    match = TAG.search(text)
    if match:
        end = text.find(">", match.start())
        shown = text[match.start(): end + 1 if 0 <= end - match.start() < 40 else match.start() + 40]
        tag = printable(shown)
        return (f"HTML のタグ「{tag}」は書けません。文章だけを書いてください（pr と製品説明では Markdown の **太字** や"
                f" [リンク](https://…) が使えます）。「<」を書くときは全角の「＜」にしてください。 / HTML such as "
                f"'{tag}' is not allowed; write plain text (Markdown in pr and product descriptions); write a "
                f"literal '<' as the full-width '＜'.")
    if IMAGE.search(text):
        return ("本文に画像は入れられません。写真は images: の photos: に書いてください。 / images cannot be embedded "
                "in text; list photos under images: photos:.")
    for match in LINK.finditer(text):
        target = html.unescape(match.group(1) or match.group(2) or "").strip()
        if not SAFE_LINK.match(target):
            shown = printable(target[:60]) or "（空 / empty）"
            return (f"リンク先「{shown}」は使えません。https:// か mailto: で始まるリンクだけが使えます。 / the link "
                    f"target '{shown}' is not allowed: only https://, http:// and mailto: links.")
    return nesting_problem(text)


def printable(text: str) -> str:
    """`text` with every refused character written as \\uXXXX, safe to print to a terminal or a CI log."""
    if "\n" not in text and "\t" not in text and not maybe_refused(text):  # nearly every message: nothing to escape
        return text
    return "".join(f"\\u{ord(ch):04x}" if ch in "\n\t" or _kind(ch) else ch for ch in text)


def _walk(value, pointer=()):
    """Every string in a YAML value, keys included, with its pointer."""
    if isinstance(value, str):
        yield pointer, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield pointer + (key,), str(key)
            yield from _walk(item, pointer + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _walk(item, pointer + (i,))


def maybe_refused(text: str) -> bool:
    """False when `text` certainly holds no refused character (a quick test in C; True may still be a false alarm)."""
    # str.isprintable() is False for every category _kind refuses (Cc, Cf, Cs, Co, Zl, Zp, noncharacters), and also
    # for the spaces and line breaks we allow; EXTRA are letters to Unicode, so they are looked for one by one
    if not text.replace("\n", "").replace("\t", "").replace("\u3000", "").isprintable():
        return True
    return any(ch in text for ch in EXTRA)


def maybe_markup(text: str) -> bool:
    """False when `text` certainly holds no HTML, embedded image, Markdown link or deeply nested list or quote."""
    # the literal tests first: the regular expressions are tried at every position of the text
    return bool(TAG.search(text) or ("![" in text and IMAGE.search(text))
                or (("](" in text or "]:" in text) and LINK.search(text)) or _maybe_nested(text))


def check_doc(doc: YamlDoc, display: str, line_offset: int = 0, markup: bool = False) -> list[Problem]:
    """The refused characters (and with `markup`, HTML and unsafe links) in one YAML document, one per value."""
    everything = text_of(doc)  # one question for the whole document; only a hit walks its fields
    if not maybe_refused(everything) and not (markup and maybe_markup(everything)):
        return []
    problems = []
    seen = set()
    for pointer, text in _walk(doc.data):
        if pointer in seen:
            continue
        rule, message = "invisible-character", problem_in(text)
        if message is None and markup:
            rule, message = "markup", markup_problem(text)
        if message:
            seen.add(pointer)
            line, col = doc.where(pointer)
            problems.append(Problem(display, line + line_offset, col, message, "error", rule))
    return problems


def check_text(text: str, display: str, first_line: int = 1) -> list[Problem]:
    """The refused characters in free text such as a page body, located by line and column."""
    problems = []
    for number, line in enumerate(text.split("\n"), first_line):
        message = problem_in(line.rstrip("\r"))
        if message:
            col = next(i for i, ch in enumerate(line, 1) if _kind(ch))
            problems.append(Problem(display, number, col, message, "error", "invisible-character"))
    return problems


def check_shared(content: Content) -> list[Problem]:
    """Refused characters in the site settings, vocabularies and front pages (profiles: `check_doc` with markup)."""
    problems = []
    for doc in (content.site, *content.taxonomies.values()):
        if doc is not None:
            problems += check_doc(doc, content.display(doc.path))
    for page in content.pages:
        shown = content.display(page.path)
        problems += check_doc(page.meta, shown, line_offset=1)  # front matter starts on line 2
        problems += check_text(page.body, shown, page.body_line)
        line, _ = nesting(page.body)
        message = nesting_problem(page.body, page.body_line)
        if message:
            problems.append(Problem(shown, page.body_line + line - 1, 1, message, "error", "markup"))
    return problems
