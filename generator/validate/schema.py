"""Check a YAML document against a JSON Schema and say each failure in plain Japanese and English, located.

Valid documents (nearly all of them) pass a compiled fastjsonschema validator; only a failing one goes through
jsonschema's `iter_errors`, which lists every failure with its path for the detailed messages.
"""
from __future__ import annotations

import difflib
import json
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from ..errors import Problem
from ..load.yamlfile import YamlDoc
from .messages import say, shown

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schema"

TYPES_JA = {"string": "文字", "integer": "整数", "number": "数値", "object": "項目のまとまり（キー: 値）",
            "array": "リスト（- で始まる行、または [a, b]）", "boolean": "true / false", "null": "空"}
TYPES_EN = {"string": "text", "integer": "a whole number", "number": "a number", "object": "a mapping (key: value)",
            "array": "a list", "boolean": "true or false", "null": "empty"}


@lru_cache(maxsize=None)
def schema(name: str) -> dict:
    """Load one of the package's JSON Schemas (company, site, taxonomy)."""
    return json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def validator(name: str):
    """The detailed (slow) validator, listing every error with its path."""
    from jsonschema import Draft202012Validator

    return Draft202012Validator(schema(name))


@lru_cache(maxsize=None)
def fast(name: str):
    """A compiled validator that only answers valid or not; None when fastjsonschema is not installed."""
    try:
        import fastjsonschema
    except ImportError:  # pragma: no cover - optional speed-up
        return None
    compiled = {k: v for k, v in schema(name).items() if k != "$schema"}  # it knows drafts up to 7; we use no 2020 keyword
    return fastjsonschema.compile(merge_any_of(compiled))


_ANNOTATIONS = {"title", "description", "examples", "default", "$comment"}


def merge_any_of(node):
    """The same schema with each anyOf of branches of distinct single types merged into one schema of those types."""
    # {anyOf: [{type: string, maxLength: 40}, {type: object, required: [ja]}]} accepts exactly what {type: [string,
    # object], maxLength: 40, required: [ja]} accepts, since each keyword applies only to values of its own type. The
    # compiled validator then checks a field without raising and catching an exception for the branch that fails
    # (a text written as {ja, en} failed the string branch first): five times faster on the synthetic profiles.
    if isinstance(node, list):
        return [merge_any_of(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {k: merge_any_of(v) for k, v in node.items()}
    branches = node.get("anyOf")
    if not isinstance(branches, list) or not all(isinstance(b, dict) and isinstance(b.get("type"), str) for b in branches):
        return node
    types = [b["type"] for b in branches]
    keywords = [k for b in branches for k in b if k != "type" and k not in _ANNOTATIONS and not k.startswith("x-")]
    numeric = {"integer", "number"}
    if len(set(types)) < len(types) or len(numeric & set(types)) > 1 or len(set(keywords)) < len(keywords) or \
            any(k in node for k in keywords) or "type" in node:
        return node  # branches that overlap: keep the anyOf
    merged = {k: v for k, v in node.items() if k != "anyOf"}
    for branch in branches:
        merged.update({k: v for k, v in branch.items() if k != "type" and k not in _ANNOTATIONS and not k.startswith("x-")})
    merged["type"] = types
    return merged


COMPILE_AFTER = 40  # compiling costs about as much as checking this many profiles the detailed way
_checks: dict[str, int] = {}


def compile_now(name: str) -> None:
    """Compile the quick validator of `name` now, for a caller that knows many documents follow (before forking)."""
    if fast(name) is not None:
        _checks[name] = max(_checks.get(name, 0), COMPILE_AFTER)


def subschema(name: str, pointer: tuple) -> dict | None:
    """The schema that describes the value at `pointer` (following properties, items and anyOf), or None."""
    node = schema(name)
    for part in pointer:
        if isinstance(part, int):
            node = node.get("items")
        else:
            props = node.get("properties")
            if props is None:
                props = next((b.get("properties") for b in node.get("anyOf", []) if "properties" in b), None)
            node = (props or {}).get(part)
        if not isinstance(node, dict):
            return None
    return node


def accepts(sub: dict, type_name: str) -> bool:
    """Whether a (sub)schema allows a value of the JSON type `type_name`."""
    if "anyOf" in sub:
        return any(accepts(b, type_name) for b in sub["anyOf"])
    t = sub.get("type")
    return type_name in (t if isinstance(t, list) else [t])


def labels(name: str, pointer: tuple) -> tuple[str, str]:
    """How a field is named in messages: (「タイトル」, English title), falling back to the key."""
    key = next((p for p in reversed(pointer) if isinstance(p, str)), None)
    sub = subschema(name, pointer) or {}
    if not sub.get("title") and pointer and pointer[-1] in ("ja", "en"):
        parent = subschema(name, pointer[:-1]) or {}
        if parent.get("title"):
            lang = "日本語" if pointer[-1] == "ja" else "英語"
            return f"「{parent['title']}（{lang}）」", f"{parent.get('x-title-en', key)} ({pointer[-1]})"
    title = sub.get("title")
    if title:
        return f"「{title}」", sub.get("x-title-en", title)
    return (f"「{key}」", str(key)) if key is not None else ("この項目", "this field")


def example(sub: dict) -> str:
    """The schema's first example as YAML would show it."""
    ex = (sub or {}).get("examples")
    if not ex:
        return ""
    value = ex[0]
    if isinstance(value, list):
        return "[" + ", ".join(map(str, value)) + "]"
    return f'"{value}"' if isinstance(value, str) and re.fullmatch(r"[0-9\-]+", value) else shown(value)


def _branch(error):
    """For anyOf (text written as string or {ja, en}), the sub-error that says the most."""
    if error.validator not in ("anyOf", "oneOf") or not error.context:
        return error
    specific = [e for e in error.context if e.validator not in ("type",)]
    if not specific:
        return error
    return max(specific, key=lambda e: len(e.absolute_path))


def as_integer(text: str) -> int | None:
    """A number a clerk wrote as text ("3,000万円", "86名") as an integer, or None."""
    import unicodedata

    t = unicodedata.normalize("NFKC", text).replace(",", "").replace(" ", "").replace("、", "")
    t = re.sub(r"^(約|およそ|概ね|おおよそ)", "", t)
    t = re.sub(r"(円|人|名|社|台|年)?(程度|前後|以上|ほど|くらい|ぐらい)?$", "", t)
    m = re.fullmatch(r"(?:(\d+(?:\.\d+)?)億)?(?:(\d+(?:\.\d+)?)万)?(\d+)?", t)
    if not m or not any(m.groups()):
        return None
    oku, man, rest = (float(g) if g else 0 for g in m.groups())
    return int(oku * 100_000_000 + man * 10_000 + rest)


def number_reason(text: str) -> dict:
    """The words for a number written the way people say it (万円, 約), for the {reason} holes of number-as-text."""
    ja, en = [], []
    if re.search(r"[万億]", text):
        ja.append("「万」「億」は 0 を並べた数字にします（1,000万円 → 10000000）。")
        en.append(" 万 and 億 become the full number (1,000万円 → 10000000).")
    if re.search(r"^(約|およそ|概ね|おおよそ)|(程度|前後|以上|ほど|くらい|ぐらい)$", text.strip()):
        ja.append("「約」などは付けず、おおよその数を書きます。")
        en.append(" Leave out 約 (about) and write the round number.")
    if re.search(r"[０-９]", text):
        ja.append("全角の数字は半角にします。")
        en.append(" Full-width digits become half-width.")
    return {"reason": "".join(ja), "reason_en": "".join(en)}


_YES_NO = {**dict.fromkeys(("可", "はい", "有", "あり", "有り", "○", "o", "yes", "y", "ok", "受入可", "対応可"), True),
           **dict.fromkeys(("不可", "いいえ", "無", "なし", "無し", "×", "x", "no", "n", "ng"), False)}


def _shown(value) -> str:
    return json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else f"「{value}」"


def _message(error, name: str, doc: YamlDoc) -> tuple[tuple, str, str]:
    """(pointer, rule, message) for one schema error."""
    error = _branch(error)
    pointer = tuple(error.absolute_path)
    field, field_en = labels(name, pointer)
    sub = subschema(name, pointer) or (error.schema if isinstance(error.schema, dict) else {})
    v, value, limit = error.validator, error.instance, error.validator_value
    common = {"field": field, "field_en": field_en, "value": _shown(value), "example": example(sub), "limit": limit}
    if v == "required":
        missing = error.message.split("'")[1]
        f, f_en = labels(name, pointer + (missing,))
        sub_missing = subschema(name, pointer + (missing,)) or {}
        shown_ex = example(sub_missing)
        return pointer + (missing,), "required", say("required", field=f, field_en=f_en, key=missing,
                                        example=f"{missing}: {shown_ex}" if shown_ex else "")
    if v == "additionalProperties":
        allowed = list(error.schema.get("properties", {}))
        extra = [k for k in value if k not in allowed]
        key = getattr(error, "extra_key", None) or (extra[0] if extra else "?")
        close = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.6)
        hint = (f"「{close[0]}」の書き間違いではありませんか？", f"Did you mean '{close[0]}'?") if close else (
            f"使えるキー: {', '.join(allowed)}", f"Allowed keys: {', '.join(allowed)}.")
        if not close and pointer and len(allowed) <= 2 and set(allowed) <= {"ja", "en"}:
            hint = ("日本語と英語を分けるときは ja: と en: を使います。ここに「:」を含む文を書くときは \"…\" で囲んでください。",
                    "Use ja: and en: for the two languages; quote a text that contains ':'.")
        return pointer + (key,), "unknown-key", say("unknown-key", key=key, hint=hint[0], hint_en=hint[1])
    if v == "type":
        want = limit if isinstance(limit, list) else [limit]
        if isinstance(value, str) and "integer" in want:
            number = as_integer(value)
            return pointer, "number-as-text", say("number-as-text", **{**common, **number_reason(value), "value": value,
                                                                     "suggestion": (
                f"{pointer[-1]}: {number}" if number is not None else f"{pointer[-1]}: {example(sub)}")})
        if isinstance(value, str) and want == ["boolean"]:  # 可 / 不可 as a clerk answers yes or no
            yes = _YES_NO.get(unicodedata.normalize("NFKC", value).strip().lower())
            return pointer, "boolean-as-text", say("boolean-as-text", **{**common, "value": value}, suggestion=(
                f"{pointer[-1]}: {'true' if yes else 'false'}" if yes is not None else f"{pointer[-1]}: true"))
        if isinstance(value, str) and "array" in want and "string" not in want:
            listed = _list_as_text(value)
            if listed is not None:
                cause, cause_en, parts = listed
                return pointer, "list-as-text", say("list-as-text", **{**common, "value": value}, cause=cause,
                                                    cause_en=cause_en,
                                                    suggestion=f"{pointer[-1]}: [{', '.join(parts)}]")
        return pointer, "type", say("type", **common, expected="・".join(TYPES_JA.get(t, t) for t in want),
                                    expected_en=" or ".join(TYPES_EN.get(t, t) for t in want))
    if v == "maxLength":
        return pointer, "too-long", say("too-long", **common, length=len(value), over=len(value) - limit)
    if v == "minLength":
        return pointer, "empty", say("empty", **common)
    if v == "pattern":
        return pointer, "format", say("format", **{**common, "value": value}, **unusable(limit, value),
                                      description=file_description(sub, "ja"),
                                      description_en=file_description(sub, "en"))
    if v == "maxItems":
        return pointer, "too-many", say("too-many", **common, count=len(value))
    if v == "minItems":
        return pointer, "too-few", say("too-few", **common)
    if v in ("minimum", "maximum"):
        return pointer, "range", say("range", **common, bound="最小" if v == "minimum" else "最大",
                                     bound_en="minimum" if v == "minimum" else "maximum")
    if v == "uniqueItems":
        return pointer, "duplicate-item", say("duplicate-item", **common)
    if v == "enum":
        return pointer, "enum", say("enum", **common, options=", ".join(map(str, limit)))
    if v in ("anyOf", "oneOf"):
        return pointer, "shape", say("shape", **common, description=file_description(sub, "ja"),
                                     description_en=file_description(sub, "en"))
    return pointer, v, f"{field}: {error.message}"


def file_description(sub: dict, lang: str) -> str:
    """A field's description as someone writing the file needs it: with its note on how the file writes it (the
    form shows the description alone)."""
    desc = sub.get("description" if lang == "ja" else "x-description-en", "")
    note = sub.get("x-file-note" if lang == "ja" else "x-file-note-en", "")
    return f"{desc} {note}".strip() if note else desc


_ONE_CLASS = re.compile(r"\^(?:\(\?![^()]*\))*\[(.+)\]\+\$")  # lookaheads first, then one class
_SHOWN = {"\n": "改行", "\r": "改行", "\t": "タブ", " ": "半角スペース", "\u3000": "全角スペース"}
_SHOWN_EN = {"\n": "line break", "\r": "line break", "\t": "tab", " ": "space", "\u3000": "full-width space"}


def unusable(pattern: str, value: str) -> dict:
    """The `unusable`/`unusable_en` sentences naming the characters of `value` that a one-class pattern (^[…]+$,
    possibly after lookaheads) does not allow, so that a clerk sees which character to take out; empty for any
    other pattern."""
    whole = _ONE_CLASS.fullmatch(pattern)
    if not whole or not isinstance(value, str):
        return {"unusable": "", "unusable_en": ""}
    allowed = re.compile(f"[{whole.group(1)}]")
    chars = list(dict.fromkeys(c for c in value if not allowed.fullmatch(c)))[:5]
    if not chars:
        return {"unusable": "", "unusable_en": ""}
    return {"unusable": "".join(f"「{_SHOWN.get(c, c)}」" for c in chars) + "は使えません。",
            "unusable_en": ", ".join(f"'{_SHOWN_EN.get(c, c)}'" for c in chars) + " cannot be used. "}


_OPENERS, _CLOSERS = "［【「『〔（(", "］】」』〕）)"
_SEPARATORS = re.compile(r"\s*[、，､﹐,]\s*")


def _list_as_text(value: str) -> tuple[str, str, list[str]] | None:
    """(cause, cause_en, items) for a list a clerk wrote as one text: in full-width brackets （［a, b］）, or its items
    joined by 、 or ，; None for any other text."""
    text = value.strip()
    bracketed = len(text) >= 2 and text[0] in _OPENERS and text[-1] in _CLOSERS
    parts = [p for p in _SEPARATORS.split(text[1:-1] if bracketed else text) if p]
    if bracketed:
        return (f"かっこ「{text[0]}{text[-1]}」が全角なので、リストではなく1つの文として読まれています。かっこは半角の [ ] にし、"
                "項目の間は半角の「,」で区切ってください。",
                f"the brackets {text[0]}{text[-1]} are full-width, so this is read as one text, not a list; use half-width "
                "[ ] and separate the items with a half-width ','.", parts)
    if len(parts) > 1:
        mark = next(c for c in text if c in "、，､﹐,")
        return (f"「{mark}」で区切った1つの文として読まれています。半角の [ ] で囲んで半角の「,」で区切るか、項目ごとに行を分けて"
                "「- 」（ハイフンと半角スペース）で始めてください。",
                f"items separated by '{mark}' are read as one text; put them in half-width [ ] separated by ',', or "
                "put each on its own line starting with '- '.", parts)
    return None


def _each_key(errors):
    """The schema's errors with one additionalProperties error per unknown key (jsonschema gives one per mapping)."""
    import copy

    for error in errors:
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            allowed = error.schema.get("properties", {})
            extra = [k for k in error.instance if k not in allowed]
            for key in extra:
                one = copy.copy(error)
                one.extra_key = key
                yield one
            if extra:
                continue
        yield error


def check(doc: YamlDoc, name: str, display: str, skip=frozenset(), skip_format=frozenset()) -> list[Problem]:
    """All schema problems of one document, located at the offending key or value.

    `skip` holds pointers whose misread value a YAML pitfall check explains, `skip_format` those whose pattern a
    Japanese data check explains better; their schema errors are left out so that each mistake is reported once.
    """
    _checks[name] = _checks.get(name, 0) + 1
    quick = fast(name) if _checks[name] > COMPILE_AFTER else None
    if quick is not None:
        try:
            quick(doc.data)
            return []
        except Exception:  # noqa: BLE001 - JsonSchemaException or a value it cannot handle: ask the detailed validator
            pass
    problems = []
    for error in _each_key(validator(name).iter_errors(doc.data)):
        pointer, rule, message = _message(error, name, doc)
        if (pointer in skip and rule in ("type", "format", "number-as-text", "empty", "shape", "required")) or (
                pointer in skip_format and rule == "format"):
            continue
        line, col = doc.where(pointer)
        problems.append(Problem(display, line, col, message, "error", rule))
    return problems
