"""Machine figures written as people write them (200トン, 8m, ±0.05, 1,000mm) named by the figure's label and unit.

A figure is a bare number in the unit its key ends with. A clerk writes the unit, a thousands comma or a tolerance
sign; in a flow mapping `{tonnage_t: 150, bed_mm: 1,000mm}` the comma even splits the value into `bed_mm: 1` and a key
`000mm`. Here each such slip is said once, on its line, with the number to write; the pointers explained are left
out of the schema's and the vocabulary's report.
"""
from __future__ import annotations

import re
import unicodedata

from ..errors import Problem
from ..load.yamlfile import YamlDoc
from ..model.taxonomy import Taxonomy
from ..model.text import fold
from .messages import say

# unit written → (the figure unit it converts to, factor)
UNITS = {"mm": ("mm", 1), "ミリ": ("mm", 1), "ミリメートル": ("mm", 1), "cm": ("mm", 10), "センチ": ("mm", 10),
         "m": ("mm", 1000), "メートル": ("mm", 1000), "t": ("t", 1), "トン": ("t", 1), "ton": ("t", 1), "tf": ("t", 1),
         "kw": ("kW", 1), "キロワット": ("kW", 1), "w": ("kW", 0.001), "ワット": ("kW", 0.001), "軸": ("軸", 1),
         "axes": ("軸", 1), "axis": ("軸", 1)}
_WRITTEN = re.compile(r"^(?P<sign>±|\+-|約|max|最大)?\s*(?P<number>\d[\d,]*(?:\.\d+)?)\s*(?P<unit>[^\d\s]*)\s*(?:以上|以下|まで)?$")
# two figures in one text: 5〜20, 5-20日, ±0.005～0.02 mm (a range), 100t/350t (two machines in one row)
_TWO = re.compile(r"^(?:±|\+-)?\s*(?P<a>\d[\d,]*(?:\.\d+)?)\s*(?P<ua>[^\d\s〜~\-–/・、,]*)\s*(?P<sep>[〜~\-–/・、])\s*"
                  r"(?:±|\+-)?\s*(?P<b>\d[\d,]*(?:\.\d+)?)\s*(?P<ub>[^\d\s]*)$")
_SPLIT_KEY = re.compile(r"^\d{3}(?:[.]\d+)?\s*(?P<unit>[^\d\s]*)$")  # 000mm: the part after a thousands comma


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.6f}".rstrip("0").rstrip(".")


def row_name(doc: YamlDoc, rows, i: int, machines: Taxonomy) -> tuple[str, str]:
    """「主要設備 4 番目（プレス機、アマダ SDE-2000。47 行目）」: the row as the clerk finds it in the form and the file
    (its name, else its type's label; maker and model; the line it starts on), and in English."""
    row = rows[i] if isinstance(rows[i], dict) else {}
    name = row.get("name")
    name = name.get("ja") if isinstance(name, dict) else name
    term = machines.resolve_any(row.get("type")) if isinstance(row.get("type"), str) else None
    shown = name if isinstance(name, str) and name else (term.label.ja if term else "")
    shown_en = (term.label.en if term else "") or (name if isinstance(name, str) else "")
    maker = row.get("maker") if isinstance(row.get("maker"), str) else ""
    model = row.get("model") if isinstance(row.get("model"), str) else ""
    made = " ".join(w for w in (maker, model) if w)
    made_en = " ".join(w for w in (machines.makers.get(fold(maker), maker) if maker else "", model) if w)
    line = doc.where(("equipment", i))[0]
    ja = "、".join(w for w in (shown, made) if w)
    en = ", ".join(w for w in (shown_en, made_en) if w)
    return (f"主要設備 {i + 1} 番目（" + (f"{ja}。" if ja else "") + f"{line} 行目）",
            f"equipment row {i + 1} (" + (f"{en}; " if en else "") + f"line {line})")


def read(text: str, unit: str) -> tuple[float | None, list[str], list[str]]:
    """(the number in `unit`, what to change in Japanese, in English) for a figure written as text; None when the
    text is no number at all."""
    t = unicodedata.normalize("NFKC", text).strip()
    found = _WRITTEN.match(t)
    if not found:
        return None, [], []
    ja, en = [], []
    number = float(found["number"].replace(",", ""))
    if "," in found["number"]:
        ja.append("カンマ（,）は付けません")
        en.append("no thousands comma")
    if found["sign"] in ("±", "+-"):
        ja.append("± は付けません（精度や公差は spec に書きます）")
        en.append("no ± (write a tolerance in spec)")
    elif found["sign"]:
        ja.append(f"「{found['sign']}」は付けません")
        en.append(f"no '{found['sign']}'")
    written = found["unit"]
    if written:
        to = UNITS.get(written.lower())
        if to is None or to[0] != unit:
            return None, [], []  # a unit that is not this figure's: the schema's message, not a guess
        number *= to[1]
        if to[1] != 1:
            ja.append(f"{_number(float(found['number'].replace(',', '')))}{written} は {_number(number)}（{unit}）にします")
            en.append(f"{found['number']}{written} becomes {_number(number)} ({unit})")
        else:
            ja.append(f"単位「{written}」は付けません")
            en.append(f"no unit '{written}'")
    return number, ja, en


def check(doc: YamlDoc, machines: Taxonomy | None, display: str) -> tuple[list[Problem], set]:
    """Problems for figures written with units, commas or signs, and the pointers they explain."""
    data = doc.data if isinstance(doc.data, dict) else {}
    rows = data.get("equipment")
    problems, explained = [], set()
    if machines is None or not isinstance(rows, list):
        return problems, explained
    for i, row in enumerate(rows):
        figures = row.get("figures") if isinstance(row, dict) else None
        if not isinstance(figures, dict):
            continue
        keys = list(figures)
        for n, key in enumerate(keys):
            value = figures[key]
            figure = machines.figures.get(key)
            base = ("equipment", i, "figures")
            split = n + 1 < len(keys) and figures[keys[n + 1]] is None and _SPLIT_KEY.match(str(keys[n + 1]))
            if figure is not None and split and isinstance(value, int) and not isinstance(value, bool):
                # `bed_mm: 1,000mm` in a flow mapping: YAML read bed_mm: 1 and a key 000mm
                rest = str(keys[n + 1])
                text = f"{value},{rest}"
                number, ja, en = read(text, figure.unit.ja)
                if number is None:
                    number, ja, en = float(f"{value}{rest[:3]}"), ["カンマ（,）と単位は付けません"], ["no comma, no unit"]
                problems.append(_problem(doc, display, base + (key,), rows, i, machines, figure, key, text, number,
                                         ["カンマ（,）と単位は付けません"] + [j for j in ja if "カンマ" not in j and "単位" not in j],
                                         ["no thousands comma and no unit"] + [e for e in en if "comma" not in e and "unit" not in e]))
                explained |= {base + (key,), base + (rest,), base}
            elif figure is not None and isinstance(value, str) and (two := two_figures(value, figure.unit.ja, "two")):
                # 100t/350t: two presses in one row; one row is one machine type with one figure per key
                problems.append(_several(doc, display, base + (key,), rows, i, machines, figure, key, value, two))
                explained.add(base + (key,))
            elif figure is not None and isinstance(value, str) and (two := two_figures(value, figure.unit.ja, "range")):
                # 60〜300t: the machines of the row range over these figures, written [60, 300]
                row_ja, row_en = row_name(doc, rows, i, machines)
                problems.append(_range_text(doc, display, base + (key,), value, two, key,
                                            f"{figure.label.ja}（{figure.unit.ja}）",
                                            f"{figure.label.en or key} ({figure.unit.en or figure.unit.ja})",
                                            (f"{row_ja}の", f"{row_en}: "), ("", "")))
                explained.add(base + (key,))
            elif figure is not None and isinstance(value, str):
                number, ja, en = read(value, figure.unit.ja)
                if number is not None and (ja or en):
                    problems.append(_problem(doc, display, base + (key,), rows, i, machines, figure, key, value, number,
                                             ja, en))
                    explained.add(base + (key,))
    return problems, explained


def _problem(doc, display, pointer, rows, i, machines, figure, key, written, number, ja, en) -> Problem:
    row, row_en = row_name(doc, rows, i, machines)
    unit_en = figure.unit.en or figure.unit.ja
    return Problem(display, *doc.where(pointer), say(
        "figure-as-text", row=row, row_en=row_en, field=f"{figure.label.ja}（{figure.unit.ja}）",
        field_en=f"{figure.label.en or key} ({unit_en})", value=written, fix="。".join(ja),
        fix_en="; ".join(en), suggestion=f'spec: "{written}"' if "±" in written or "+-" in written
        else f"{key}: {_number(number)}"), "error", "figure-as-text")


RANGE_MARKS = "〜~-–"  # 5〜20: a range; 100t/350t, 100t・350t: two figures side by side (two machines)


def two_figures(text: str, unit: str, kind: str | None = None) -> tuple[float, float] | None:
    """The two numbers of a text holding two figures in `unit` (100t/350t, 5〜20日, 0.005-0.02mm), converted to
    the unit; None when it is not two numbers or a unit written is another's. `kind` "range" takes only a range
    (5〜20), "two" only figures side by side (100t/350t)."""
    found = _TWO.match(unicodedata.normalize("NFKC", text).strip())
    if not found or (kind == "range" and found["sep"] not in RANGE_MARKS) or \
            (kind == "two" and found["sep"] in RANGE_MARKS):
        return None
    out = []
    for number, written in ((found["a"], found["ua"] or found["ub"]), (found["b"], found["ub"])):
        factor = 1
        if written:
            to = UNITS.get(written.lower()) or ((unit, 1) if written == unit else None)
            if to is None or to[0] != unit:
                return None
            factor = to[1]
        value = float(number.replace(",", "")) * factor
        out.append(int(value) if value.is_integer() else value)
    return out[0], out[1]


def _several(doc, display, pointer, rows, i, machines, figure, key, written, two) -> Problem:
    """Two figures in one equipment row (100t/350t): one row is one machine type with one figure per key; say how
    the row splits in two, each with the same type, maker and model."""
    row_ja, row_en = row_name(doc, rows, i, machines)
    row = rows[i]
    keep = {k: row[k] for k in ("type", "maker") if isinstance(row.get(k), str)}

    def one(n) -> str:
        return "- {" + ", ".join([f"{k}: {v}" for k, v in keep.items()] + [f"figures: {{{key}: {_number(n)}}}"]) + "}"
    unit_en = figure.unit.en or figure.unit.ja
    return Problem(display, *doc.where(pointer), say(
        "figure-several", row=row_ja, row_en=row_en, field=f"{figure.label.ja}（{figure.unit.ja}）",
        field_en=f"{figure.label.en or key} ({unit_en})", value=written, first=one(two[0]), second=one(two[1])),
        "error", "figure-several")


def capacity_text(doc: YamlDoc, schema_node: dict, display: str) -> tuple[list[Problem], set]:
    """A capacity range written as text (納期 5〜20日, 公差 ±0.005～0.02): the two numbers to write, `[5, 20]`, said on
    the line, and the pointers explained (the schema's "wrong shape" is left out)."""
    data = doc.data.get("capacity") if isinstance(doc.data, dict) else None
    problems, explained = [], set()
    for key, value in (data.items() if isinstance(data, dict) else ()):
        sub = (schema_node.get("properties") or {}).get(key) or {}
        unit = (sub.get("x-plausible") or {}).get("unit", "")
        two = two_figures(value, unit, "range") if sub.get("x-range") and isinstance(value, str) else None
        if two is None:
            continue
        line = doc.where(("capacity", key))[0]
        problems.append(_range_text(doc, display, ("capacity", key), value, two, key, sub.get("title", key),
                                    sub.get("x-title-en", key), ("", ""), (f"（{line} 行目）", f" (line {line})")))
        explained.add(("capacity", key))
    return problems, explained


def _range_text(doc, display, pointer, written, two, key, field, field_en, where, at) -> Problem:
    """A range written as text: the two numbers to write, smaller first."""
    low, high = sorted(two)
    text = unicodedata.normalize("NFKC", written)
    fix_ja = "±・単位・カンマは付けません。" if re.search(r"[±,]|[^\d\s.〜~\-–/・、]", text) else ""
    fix_en = "No ±, unit or comma. " if fix_ja else ""
    return Problem(display, *doc.where(pointer), say(
        "range-as-text", where=where[0], where_en=where[1], field=field, field_en=field_en, at=at[0], at_en=at[1],
        value=written, fix=fix_ja, fix_en=fix_en, suggestion=f"{key}: [{_number(low)}, {_number(high)}]"),
        "error", "range-as-text")
