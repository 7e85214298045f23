"""Read one YAML file safely, keeping the line and column of every key and value.

PyYAML's `safe_load` silently keeps the last of two duplicate keys, expands aliases (an alias bomb can fill memory),
turns `yes`/`no` into booleans and dates into `date` objects, and forgets where anything was. Clerks need to be told
about each of those at the right line, so we compose the node graph ourselves and build plain JSON-like values.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import ContentError, Problem
from . import yamlhelp

MAX_BYTES = 256 * 1024
MAX_DEPTH = 24
MAX_INT = 10**15 - 1  # 15 digits: below 2**53, so JSON readers (JavaScript, the form editor) keep it exact
MAX_SLIPS = 50  # slips read past in one file before giving up on it

Pointer = tuple  # a JSON path such as ("equipment", 0, "name")


@dataclass
class YamlDoc:
    """A parsed YAML file: plain data plus where each part of it was written."""

    path: Path
    data: Any
    text: str = ""
    # (line, col), 1-based, of each value; for a mapping entry, of its key
    positions: dict[Pointer, tuple[int, int]] = field(default_factory=dict)
    # the source text of unquoted scalars that YAML turned into something other than a string
    plain: dict[Pointer, tuple[str, str]] = field(default_factory=dict)
    # every key and string value as read (None when `data` was made some other way): checks that ask one question of
    # all the text at once take it from here instead of walking `data` again
    strings: list[str] | None = None
    # lines the loader reported and read past (a slip mended, a tag dropped): checks of their data stay silent there
    mended: frozenset = frozenset()

    def where(self, pointer: Pointer) -> tuple[int, int]:
        """Line and column of `pointer`, or of its nearest ancestor that was written."""
        pointer = tuple(pointer)
        while pointer:
            if pointer in self.positions:
                return self.positions[pointer]
            pointer = pointer[:-1]
        return self.positions.get((), (1, 1))


def _m(ja: str, en: str) -> str:
    return f"{ja} / {en}"


def _line_of_offset(raw: bytes, offset: int) -> tuple[int, int]:
    line_start = raw.rfind(b"\n", 0, offset) + 1
    return raw.count(b"\n", 0, offset) + 1, offset - line_start + 1


def decode(path: Path, raw: bytes) -> str:
    """Decode UTF-8 (a BOM is fine); name any other encoding and say how to save as UTF-8."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ContentError.at(path, 1, 1, _m(
            "ファイルが UTF-16 (「Unicode」) で保存されています。UTF-8 で保存し直してください"
            "（メモ帳なら「名前を付けて保存」→ 文字コード「UTF-8」）。",
            "the file is saved as UTF-16; save it again as UTF-8."), "encoding")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, col = _line_of_offset(raw, exc.start)
        guess = "Shift_JIS (CP932)"
        try:
            raw.decode("cp932")
        except UnicodeDecodeError:
            guess = "UTF-8 以外 / not UTF-8"
        raise ContentError.at(path, line, col, _m(
            f"文字コードが UTF-8 ではありません（{guess} のようです）。UTF-8 で保存し直してください"
            "（メモ帳なら「名前を付けて保存」→ 文字コード「UTF-8」、VS Code なら右下の文字コード →「エンコード付きで保存」→ UTF-8）。",
            f"the file is not UTF-8 (it looks like {guess}); save it again as UTF-8."), "encoding") from None


def _tab_problems(path, text: str) -> list[Problem]:
    """Every line indented with a tab (YAML forbids them; editors hide them)."""
    if "\t" not in text:  # nearly every file: no need to look at each line
        return []
    problems = []
    for number, line in enumerate(text.splitlines(), 1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            fixed = indent.replace("\t", "  ") + line[len(indent):]
            problems.append(Problem(str(path), number, indent.index("\t") + 1, _m(
                "字下げにタブ文字が使われています。YAML の字下げは半角スペースで書いてください。",
                f"a tab is used for indentation; YAML indents with spaces only. 例 / e.g.: 「{fixed}」"), "error", "tab"))
    return problems


class _Loader(yaml.SafeLoader):
    """A SafeLoader that refuses anchors and aliases before anything is expanded."""

    def compose_node(self, parent, index):  # noqa: D102 - PyYAML hook
        event = self.peek_event()
        anchor = getattr(event, "anchor", None)
        if isinstance(event, yaml.AliasEvent) or anchor is not None:
            mark = event.start_mark
            raise ContentError.at(self.name, mark.line + 1, mark.column + 1, _ALIAS, "alias")
        return super().compose_node(parent, index)


_ALIAS = _m("アンカー（&）とエイリアス（*）は使えません。同じ内容でもそれぞれの場所に書いてください。",
            "anchors (&) and aliases (*) are not allowed; write the value out in each place.")
# Where an anchor or alias could start: where a node can start (a line's indentation, after '- ', ': ', '? ', '[', '{',
# ',' or a tag). Only then are the parser's events searched for one before composing (libyaml's composer would share
# an alias's node without telling, and forget an anchor nobody refers to). A '**bold**' word inside a text is not there.
_MAYBE_ANCHOR = re.compile(r"(?:(?:^|\r)[ \t]*|[-:?,\[{][ \t]*|![^\s]*[ \t]+)[&*][^\s,\]}]", re.M)


class _CSafeLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """libyaml's safe loader with PyYAML's resolver reduced to what it does for a profile: a plain scalar whose first
    character starts no implicit type (all Japanese text) is a string, and there are no path resolvers to follow.
    The same tags as CSafeLoader's, without the Python work per scalar that was a tenth of reading a profile."""

    _STARTS = frozenset(key for key in yaml.SafeLoader.yaml_implicit_resolvers if key)

    def resolve(self, kind, value, implicit):  # noqa: D102 - PyYAML hook
        if kind is yaml.ScalarNode and (not implicit[0] or (value and value[0] not in self._STARTS)):
            return self.DEFAULT_SCALAR_TAG
        return super().resolve(kind, value, implicit)

    def descend_resolver(self, current_node, current_index):  # noqa: D102 - no path resolvers are registered
        pass

    def ascend_resolver(self):  # noqa: D102
        pass


_CLoader = _CSafeLoader if hasattr(yaml, "CSafeLoader") else None
_DEPTH = _m(f"入れ子が深すぎます（{MAX_DEPTH} 段まで）。リストの中のリスト（「[」や「- 」）の重なりを減らしてください。",
            f"nested too deeply (at most {MAX_DEPTH} levels); reduce the lists inside lists ('[' or '- ').")


def _too_deep(name: str, text: str, mark) -> ContentError:
    """The depth error at the first list or mapping nested deeper than MAX_DEPTH (else at `mark`)."""
    # libyaml refuses 1,000 levels and PyYAML's composer recurses into a RecursionError long before that; the
    # parser's events come from a state machine, so counting them finds the place without recursing
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_CLoader or yaml.SafeLoader):
            if isinstance(event, yaml.CollectionStartEvent):
                if depth > MAX_DEPTH:
                    mark = event.start_mark
                    break
                depth += 1
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        pass
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    return ContentError.at(name, line, col, _DEPTH, "depth")


def _anchor_event(text: str):
    """The first event with an anchor or an alias, found by libyaml's parser (no nodes built); None if there is none."""
    for event in yaml.parse(text, Loader=_CLoader):
        if type(event) is yaml.AliasEvent or getattr(event, "anchor", None) is not None:
            return event
    return None


def _compose(name: str, text: str) -> yaml.Node | None:
    """The node graph of `text`: libyaml when it is safe to, PyYAML's own parser for exact anchor and error marks."""
    if _CLoader is not None:
        try:
            # Markdown bold (**…**) and R&D look like anchors to the quick test; only the parser knows: ask it,
            # still in C, instead of parsing the whole file again in pure Python (ten times slower)
            event = _anchor_event(text) if ("&" in text or "*" in text) and _MAYBE_ANCHOR.search(text) else None
            if event is not None:
                mark = event.start_mark
                raise ContentError.at(name, mark.line + 1, mark.column + 1, _ALIAS, "alias")
            loader = _CLoader(text)
            try:
                return loader.get_single_node()
            finally:
                loader.dispose()
        except yaml.YAMLError as exc:
            if "nesting depth" in str(getattr(exc, "problem", "")):
                raise _too_deep(name, text, exc.problem_mark) from None
            # otherwise say it with the pure-Python parser's marks and wording, like every other error
    try:
        loader = _Loader(text)  # the reader refuses NUL and other non-printable characters right here
    except yaml.reader.ReaderError as exc:
        before = text[: exc.position]
        line, col = before.count("\n") + 1, exc.position - (before.rfind("\n") + 1) + 1
        raise ContentError.at(name, line, col, _m(
            f"YAML に書けない文字（U+{exc.character:04X}）が入っています。その文字を消してください。",
            f"a character YAML does not allow (U+{exc.character:04X}) is in the file; delete it."), "syntax") from None
    loader.name = name
    try:
        return loader.get_single_node()
    except ContentError:
        raise
    except RecursionError:
        raise _too_deep(name, text, None) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = (exc.problem or exc.context or "syntax error").strip()
        slip = yamlhelp.after_error(text, line, col, problem)
        if slip is not None:
            raise _Slipped(slip) from None
        opened = exc.context_mark if exc.context and exc.problem and exc.context_mark else None
        hint = ("", "")
        if opened is not None and opened.line + 1 != line:  # e.g. a '[' or a quote opened on an earlier line
            hint = (f"{opened.line + 1} 行目 {opened.column + 1} 文字目で始まった部分（{exc.context}）が閉じていないかもしれません。",
                    f" What starts on line {opened.line + 1}, column {opened.column + 1} ({exc.context}) may not be closed.")
        raise ContentError.at(name, line, col, _m(
            f"YAML の書き方に誤りがあります（{problem}）。{hint[0]}字下げ、「:」の後の半角スペース、引用符やかっこの閉じ忘れを確認してください。",
            f"YAML syntax error ({problem}).{hint[1]} Check the indentation, the space after ':', and unclosed quotes "
            "or brackets."), "syntax") from None
    except yaml.YAMLError as exc:
        raise ContentError.at(name, 1, 1, _m("YAML として読めません。", f"not readable as YAML: {exc}"), "syntax") from None
    finally:
        loader.dispose()


class _Slipped(Exception):
    """A parse error that yamlhelp recognised as a clerk's slip: reported, the line mended, parsing goes on."""

    def __init__(self, slip: yamlhelp.Slip):
        super().__init__(slip.message)
        self.slip = slip


def _mend(text: str, slips: list) -> str:
    lines = text.split("\n")
    for slip in slips:
        lines[slip.line - 1] = slip.fixed
    return "\n".join(lines)


def _untab(text: str) -> str:
    return re.sub(r"(?m)^[ \t]+", lambda m: m.group(0).replace("\t", "  "), text)


def parse(path: Path, text: str, *, display: str | None = None) -> YamlDoc:
    """Parse YAML text into a YamlDoc; every problem is a located ContentError (all of them, where they can be found).

    A slip yamlhelp recognises is reported at its line and mended, and reading goes on, so that the other mistakes
    of the file come out in the same run; the ContentError then carries the document read (`doc`) for the checks.
    """
    name = display or str(path)
    problems = _tab_problems(name, text)
    if problems:
        text = _untab(text)
    slips = yamlhelp.prescan(text)
    text = _mend(text, slips)
    while True:
        try:
            node = _compose(name, text)
            break
        except _Slipped as slipped:
            if len(slips) >= MAX_SLIPS or any(s.line == slipped.slip.line for s in slips):
                raise ContentError(sorted(problems + _slip_problems(name, slips + [slipped.slip]))) from None
            slips.append(slipped.slip)
            text = _mend(text, [slipped.slip])
        except ContentError as exc:
            raise ContentError(sorted(problems + _slip_problems(name, slips) + exc.problems)) from None
    problems += _slip_problems(name, slips)
    doc = YamlDoc(Path(path), None, text, strings=[])
    builder = _Builder(doc, name)
    doc.data = {} if node is None else builder.build(node, (), 0)
    problems += builder.problems
    if problems:
        doc.mended = frozenset(p.line for p in problems)
        if node is not None:
            doc.positions.setdefault((), (node.start_mark.line + 1, node.start_mark.column + 1))
        raise ContentError(sorted(problems), doc=doc)
    if node is not None:
        doc.positions.setdefault((), (node.start_mark.line + 1, node.start_mark.column + 1))
    return doc


def _slip_problems(name: str, slips: list) -> list[Problem]:
    return [Problem(name, s.line, s.col, s.message, "error", s.rule) for s in slips]


_STR = "tag:yaml.org,2002:str"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_INT = "tag:yaml.org,2002:int"
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_YAML_TAG = "tag:yaml.org,2002:"
_KNOWN = {_YAML_TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp")}
_COLLECTIONS = {_YAML_TAG + "seq", _YAML_TAG + "map"}  # what a list or mapping is without a tag (or with !!seq/!!map)


class _Builder:
    """Turns composed nodes into plain values, noting positions, misread scalars and duplicate keys as it goes."""

    def __init__(self, doc: YamlDoc, name: str):
        self.doc, self.name = doc, name
        self.problems: list[Problem] = []
        self.seen: set[int] = set()  # node ids: libyaml shares the node of an alias, so a repeat means an alias
        self.strings = doc.strings

    def build(self, node: yaml.Node, pointer: Pointer, depth: int) -> Any:
        mark = node.start_mark
        positions = self.doc.positions
        if pointer not in positions:
            positions[pointer] = (mark.line + 1, mark.column + 1)
        if id(node) in self.seen:  # libyaml shares the node of an alias: a repeat means an alias
            raise ContentError.at(self.name, mark.line + 1, mark.column + 1, _ALIAS, "alias")
        self.seen.add(id(node))
        cls = type(node)
        if cls is yaml.ScalarNode:
            if node.tag == _STR:
                self.strings.append(node.value)
                return node.value
            return self.scalar(node, pointer)
        if node.tag not in _COLLECTIONS:  # e.g. !!set {a, b}, !!omap or a custom !tag on a list or mapping
            self.problems.append(self.tag_problem(node))
            return None
        if depth > MAX_DEPTH:
            raise ContentError.at(self.name, mark.line + 1, mark.column + 1, _DEPTH, "depth")
        if cls is yaml.SequenceNode:
            return [self.build(item, pointer + (i,), depth + 1) for i, item in enumerate(node.value)]
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key_mark = key_node.start_mark
            key_at = (key_mark.line + 1, key_mark.column + 1)
            if type(key_node) is not yaml.ScalarNode:
                raise ContentError.at(self.name, *key_at, _m("キーは文字で書いてください。", "a key must be plain text."), "key")
            if key_node.tag not in _KNOWN:  # `!foo name:` would otherwise drop its tag without a word
                self.problems.append(self.tag_problem(key_node))
                continue
            key = key_node.value
            here = pointer + (key,)
            if key in result:
                first = positions[here]
                self.problems.append(Problem(self.name, *key_at, _m(
                    f"キー「{key}」が2回書かれています（最初は {first[0]} 行目）。どちらか一方にまとめてください。",
                    f"the key '{key}' appears twice (first on line {first[0]}); keep only one."), "error",
                    "duplicate-key"))
                continue
            positions[here] = key_at  # a mapping entry is located at its key
            self.strings.append(key)
            result[key] = self.build(value_node, here, depth + 1)
        return result

    def tag_problem(self, node: yaml.Node) -> Problem:
        """A YAML tag we do not read (a custom `!tag`, `!!set`, `!!python/…`), located at the tag."""
        tag = node.tag
        written = "!!" + tag[len(_YAML_TAG):] if tag.startswith(_YAML_TAG) else tag
        return Problem(self.name, node.start_mark.line + 1, node.start_mark.column + 1, _m(
            f"タグ「{written}」は使えません。「{written}」を消して、値だけを書いてください"
            "（リストは「- 」で始まる行、項目は「キー: 値」）。",
            f"the YAML tag '{written}' is not allowed; delete '{written}' and write the plain value "
            "(a list as '- ' lines, a mapping as 'key: value')."), "error", "tag")

    def scalar(self, node: yaml.ScalarNode, pointer: Pointer) -> Any:
        if node.tag == _STR:
            return node.value
        if node.tag not in _KNOWN:
            self.problems.append(self.tag_problem(node))
            return None
        if not node.style:  # a plain scalar YAML 1.1 typed (libyaml says '' where PyYAML says None): keep the text
            self.doc.plain[pointer] = (node.tag.rsplit(":", 1)[-1], node.value)
        if node.tag == _TIMESTAMP:
            self.strings.append(node.value)
            return node.value  # dates stay ISO text, as JSON Schema expects
        try:
            value = yaml.SafeLoader.yaml_constructors[node.tag](_CONSTRUCTOR, node)
        except ValueError:  # more digits than Python turns into a number (sys.get_int_max_str_digits)
            value = None
        if node.tag == _INT and (value is None or not -MAX_INT <= value <= MAX_INT):
            digits = len(node.value.lstrip("+-").replace("_", ""))
            self.problems.append(Problem(self.name, node.start_mark.line + 1, node.start_mark.column + 1, _m(
                f"数が大きすぎます（{digits} 桁）。15 桁までの数にしてください（資本金は円単位、例: 30000000）。",
                f"the number is too large ({digits} digits); write at most 15 digits (capital in yen, e.g. "
                "30000000)."), "error", "number-size"))
            return None
        if type(value) is float and not math.isfinite(value):
            # YAML's .nan and .inf pass every range of the schema (comparisons with NaN are false) and are not JSON:
            # the open data and the form's data would be files no reader accepts
            self.problems.append(Problem(self.name, node.start_mark.line + 1, node.start_mark.column + 1, _m(
                f"「{node.value}」は数として使えません。数字で書いてください（例: 0.01、1500）。",
                f"'{node.value}' is not a number a profile can hold; write the figure in digits (e.g. 0.01, 1500)."),
                "error", "number-finite"))
            return None
        if type(value) is float and value.is_integer() and abs(value) <= MAX_INT:
            return int(value)  # 62.0 people or 3000.0 (万円) is the whole number the page should show: 62名, not 62.0名
        return value


def load(path: Path, *, display: str | None = None) -> YamlDoc:
    """Read and parse one YAML file from disk, refusing files over the size limit."""
    name = display or str(path)
    if path.is_symlink():
        raise ContentError.at(name, 1, 1, _m("シンボリックリンクは使えません。", "symbolic links are not allowed."), "symlink")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise ContentError.at(name, 1, 1, _m(
            f"ファイルが大きすぎます（{size:,} バイト、上限 {MAX_BYTES:,} バイト）。",
            f"the file is too large ({size:,} bytes, limit {MAX_BYTES:,})."), "size")
    raw = path.read_bytes()
    return parse(path, decode(name, raw), display=name)
