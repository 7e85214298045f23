"""YAML pitfalls: unquoted values that YAML 1.1 reads as something other than the text the clerk wrote.

`yes`/`no`/`on`/`off` become booleans, `0312345670` becomes the octal number 52022200, `12:30` becomes 750,
`2080401012345` becomes a number, an empty value becomes null. The loader keeps what was written in
`YamlDoc.plain`; where the schema expects text there, we say what happened and to quote it.
"""
from __future__ import annotations

import re

from ..errors import Problem
from ..load.yamlfile import YamlDoc
from .messages import say
from .japanese import FIELD_CHECKS
from .schema import accepts, labels, subschema


def explain(tag: str, raw: str, value) -> tuple[str, dict] | None:
    """(rule, params) saying how YAML misread the text `raw` that it typed as `tag`."""
    if tag == "bool":
        return "yaml-boolean", {"raw": raw, "value": "true" if value else "false"}
    if tag == "null":
        return "yaml-null", {}
    if tag == "int":
        body = raw.lstrip("+-").replace("_", "")
        if ":" in body:
            return "yaml-sexagesimal", {"raw": raw, "value": value}
        if re.fullmatch(r"0[0-7]+", body):
            return "yaml-octal", {"raw": raw, "value": value}
        if body.startswith("0") and len(body) > 1 and not body.startswith(("0x", "0b")):
            return "yaml-leading-zero", {"raw": raw, "value": value}
        return "yaml-number", {"raw": raw}
    if tag == "float":
        return "yaml-number", {"raw": raw}
    return None  # timestamps stay text


def check(doc: YamlDoc, name: str, display: str) -> tuple[list[Problem], set]:
    """Problems for misread plain scalars where the schema wants text, and the pointers they explain."""
    problems, explained = [], set()
    data = doc.data
    for pointer, (tag, raw) in doc.plain.items():
        sub = subschema(name, pointer)
        if sub is None or not accepts(sub, "string"):
            continue
        value = _at(data, pointer)
        type_name = {"bool": "boolean", "int": "integer", "float": "number", "null": "null"}.get(tag)
        if type_name is None or accepts(sub, type_name) or (type_name == "integer" and accepts(sub, "number")):
            continue
        found = explain(tag, raw, value)
        if found:
            field, field_en = labels(name, pointer)
            rule, params = found
            params["suggestion"] = f'"{raw}"'
            shaped = FIELD_CHECKS.get(pointer)
            if shaped and tag in ("int", "float"):  # e.g. a postal code 4370112: show it with its hyphen
                better = shaped[0](raw)
                if better and better[1].get("suggestion"):
                    params["suggestion"] = better[1]["suggestion"]
            problems.append(Problem(display, *doc.where(pointer),
                                    say(rule, field=field, field_en=field_en, **params), "error", rule))
            explained.add(pointer)
    return problems, explained


def _at(data, pointer):
    for part in pointer:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data
