"""Check a YAML document against a JSON Schema and say each failure in plain Japanese and English, located."""
from __future__ import annotations

import difflib
import json
from functools import lru_cache
from pathlib import Path

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from ..errors import Problem
from ..load.yamlfile import YamlDoc

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schema"

TYPES_JA = {"string": "文字", "integer": "整数", "number": "数値", "object": "項目のまとまり（キー: 値）",
            "array": "リスト（- で始まる行、または [a, b]）", "boolean": "true / false", "null": "空"}


@lru_cache(maxsize=None)
def schema(name: str) -> dict:
    """Load one of the package's JSON Schemas (company, site, taxonomy)."""
    return json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def validator(name: str) -> Draft202012Validator:
    return Draft202012Validator(schema(name))


def _label(sub: dict, key: str | int | None) -> str:
    title = sub.get("title")
    if title:
        en = sub.get("x-title-en")
        return f"「{title}」({en})" if en else f"「{title}」"
    return f"「{key}」" if key is not None else "この項目"


def _example(sub: dict) -> str:
    ex = sub.get("examples")
    if not ex:
        return ""
    value = ex[0]
    shown = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else f'"{value}"'
    return f" 例 / e.g.: {shown}"


def _branch(error: ValidationError) -> ValidationError:
    """For anyOf (text written as string or {ja, en}), the sub-error that says the most."""
    if error.validator not in ("anyOf", "oneOf") or not error.context:
        return error
    specific = [e for e in error.context if e.validator not in ("type",)]
    if not specific:
        return error
    return max(specific, key=lambda e: len(e.absolute_path))


def _message(error: ValidationError, doc: YamlDoc) -> tuple[tuple, str, str]:
    """(pointer, rule, message) for one schema error."""
    parent = error
    error = _branch(error)
    pointer = tuple(error.absolute_path)
    key = pointer[-1] if pointer else None
    sub = error.schema if isinstance(error.schema, dict) else {}
    if parent is not error and "title" not in sub and isinstance(parent.schema, dict):
        sub = {**parent.schema, **sub}  # labels live on the anyOf, limits on its branch
    label = _label(sub, key)
    v, value = error.validator, error.instance
    if v == "required":
        missing = error.message.split("'")[1]
        prop = error.schema.get("properties", {}).get(missing, {})
        return pointer, "required", (f"{_label(prop, missing)} がありません。「{missing}:」を書き足してください。"
                                     f"{_example(prop)} / '{missing}' is required.")
    if v == "additionalProperties":
        allowed = list(error.schema.get("properties", {}))
        extra = [k for k in value if k not in allowed]
        name = extra[0] if extra else "?"
        pointer = pointer + (name,)
        close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
        hint = f" 「{close[0]}」の書き間違いではありませんか？ / did you mean '{close[0]}'?" if close else (
            f" 使えるキー / allowed keys: {', '.join(allowed)}")
        return pointer, "unknown-key", f"キー「{name}」はこの場所では使えません。{hint} / unknown key '{name}'."
    if v == "type":
        want = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        ja = "・".join(TYPES_JA.get(t, t) for t in want)
        shown = doc.plain.get(pointer, (None, json.dumps(value, ensure_ascii=False)))[1]
        quote = " 数字や yes/no などを文字として書くときは \"…\" で囲んでください。" if "string" in want else ""
        return pointer, "type", (f"{label} は{ja}で書いてください（いまは {shown}）。{quote}{_example(sub)}"
                                 f" / {key or 'value'} must be {' or '.join(want)}.")
    if v == "maxLength":
        over = len(value) - error.validator_value
        return pointer, "too-long", (f"{label} が長すぎます。{error.validator_value}字以内にしてください（{len(value)}字、"
                                     f"{over}字オーバー）。 / too long: {len(value)} characters, limit "
                                     f"{error.validator_value}; cut {over}.")
    if v == "minLength":
        return pointer, "empty", f"{label} が空です。書くか、行ごと消してください。 / must not be empty."
    if v == "pattern":
        return pointer, "format", (f"{label} の書き方が違います（いまは「{value}」）。{sub.get('description', '')}"
                                   f"{_example(sub)} / wrong format: '{value}'. {sub.get('x-description-en', '')}")
    if v in ("maxItems", "minItems"):
        n = error.validator_value
        if v == "maxItems":
            return pointer, "too-many", (f"{label} は{n}件までです（いま{len(value)}件）。 / at most {n} items "
                                         f"(now {len(value)}).")
        return pointer, "too-few", f"{label} を{n}件以上書いてください。{_example(sub)} / at least {n} item(s)."
    if v in ("minimum", "maximum"):
        return pointer, "range", (f"{label} の値 {value} は範囲外です（{'最小' if v == 'minimum' else '最大'} "
                                  f"{error.validator_value}）。 / {value} is out of range.")
    if v == "uniqueItems":
        return pointer, "duplicate-item", f"{label} に同じものが2回書かれています。 / the list repeats an item."
    if v == "enum":
        options = ", ".join(map(str, error.validator_value))
        return pointer, "enum", f"{label} は次のいずれかです / must be one of: {options}（いまは {value}）"
    if v in ("anyOf", "oneOf"):
        return pointer, "type", (f"{label} の書き方が違います。{sub.get('description', '')}{_example(sub)}"
                                 f" / wrong shape. {sub.get('x-description-en', '')}")
    return pointer, v, f"{label}: {error.message}"


def check(doc: YamlDoc, name: str, display: str) -> list[Problem]:
    """All schema problems of one document, located at the offending key or value."""
    problems = []
    for error in validator(name).iter_errors(doc.data):
        pointer, rule, message = _message(error, doc)
        line, col = doc.where(pointer)
        problems.append(Problem(display, line, col, message, "error", rule))
    return problems
