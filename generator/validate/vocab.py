"""Vocabulary fields must name terms of the taxonomies; unknown words get the closest terms suggested.

Profile format v2 adds machine types (with their key figures), materials, qualifications and the processes a company
takes on or gives out: an unknown machine type, qualification or process is an error, a material outside the
vocabulary and a v1 equipment row without a type are warnings that say how to migrate, and a figure outside its
plausible range is questioned (a warning that names the unit and the usual range).
"""
from __future__ import annotations

import re

from ..errors import Problem
from ..load.yamlfile import YamlDoc
from ..model.figrange import is_number, is_range
from ..model.taxonomy import Taxonomy
from ..model.text import fold
from .figures import row_name
from .messages import say, shown

FIELDS = ("industries", "technologies", "certifications", "capabilities")
PROCESS_FIELDS = ("accepts", "outsources")  # technologies.yaml terms


CLOSE = 0.8  # how alike a word and a term's name must be to offer the term (SUS3O4 ~ SUS304, not ブローチ加工 ~ レーザー加工)


def closeness(word: str, name: str) -> float:
    """How alike two names are, 0..1: the same, one inside the other (切削 in 切削加工), or difflib's ratio."""
    import difflib

    a, b = fold(word), fold(name or "")
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    # the word inside a name (検査 in 測定・検査) is that term or a part of it; a name inside the word only when the
    # word begins with it (切削 in 切削加工): a word that puts something before it (電解研磨 around 研磨) names
    # another technique, and offering the name would publish the wrong one
    if len(a) >= 2 and a in b and len(a) * 2 >= len(b):
        return 0.9
    if len(b) >= 2 and a.startswith(b) and len(b) * 2 >= len(a):
        return 0.9
    return difflib.SequenceMatcher(None, a, b).ratio()


def close_terms(tax: Taxonomy, word: str) -> list:
    """The vocabulary's suggestions for an unknown word that are really close to it: a far match (ホイスト →
    ダイカストマシン by two shared kana) is no help to a clerk and is not offered."""
    return [t for t in tax.suggestions(str(word)) if max(
        closeness(str(word), w) for w in (t.key, t.label.ja, t.label.en, *t.aliases) if w) >= CLOSE]


# what to do with a word no term is close to, by vocabulary
NOTHING_CLOSE = {
    "machines": ("一覧にない種類の設備は type: other とし、name に設備名をそのまま書いてください。",
                 "For a kind of machine the list lacks, write type: other and the machine's name in name.", "other"),
    "technologies": ("一覧にない加工は、得意なこと（strengths）か PR文（pr）に書いてください。一覧に加えたいときは市の担当者に相談してください。",
                     "Write a process the list lacks in strengths or the PR text (pr); ask the city office to add it to "
                     "the list.", ""),
}
# said after a suggestion, which may not be what the clerk meant (the same advice as NOTHING_CLOSE's)
NOT_THESE = ("どれも違う加工なら、用語には書かず、得意なこと（strengths）か PR文（pr）に書いてください。"
             "一覧に加えたいときは市の担当者に相談してください。",
             "If none of these is your process, leave it out of the terms and write it in strengths or the PR text "
             "(pr); ask the city office to add it to the list.")


# words a clerk puts before a process to say how well or how big (精密切削), not which process: the rest is the term
QUALIFIERS = ("超精密", "精密", "高精度", "微細", "大型", "小型", "大物", "小物", "試作", "量産", "短納期")


def _qualified(tax: Taxonomy, word: str) -> tuple[str, list]:
    """(qualifier, close terms) of a process word that is a qualifier and a term (精密切削 → 精密, [cutting])."""
    for qualifier in QUALIFIERS if tax.name == "technologies" else ():
        rest = word[len(qualifier):]
        if word.startswith(qualifier) and len(rest) >= 2:
            return qualifier, close_terms(tax, rest)
    return "", []


def _hint(tax: Taxonomy, word) -> tuple[str, str, str]:
    """(hint, hint_en, suggestion) naming the terms close to an unknown word, or saying what to do instead."""
    close, qualifier = close_terms(tax, str(word)), ""
    if not close:
        qualifier, close = _qualified(tax, str(word))
    if close:
        names = "、".join(f"「{t.label.ja}」({t.key})" for t in close)
        hint = (f"もしかして: {names}。", "Did you mean: " + ", ".join(f"{t.label.en or t.label.ja} ({t.key})" for t in close) + ".")
        if qualifier:
            hint = (hint[0] + f"「{qualifier}」のような得意さは得意なこと（strengths）に書けます。",
                    hint[1] + f" Write a qualifier such as {qualifier} in strengths.")
        if tax.name == "technologies":  # a process is not renamed into another one: say where it goes instead
            hint = (hint[0] + NOT_THESE[0], hint[1] + " " + NOT_THESE[1])
        return (*hint, close[0].key if tax.name in ("machines", "materials", "qualifications") else close[0].label.ja)
    if tax.name in NOTHING_CLOSE:
        return NOTHING_CLOSE[tax.name]
    return (f"一覧（content/taxonomies/{tax.name}.yaml）にある用語を書いてください。合うものがなければ市の担当者に相談してください。",
            f"Use a term of the list (content/taxonomies/{tax.name}.yaml); if none fits, ask the city office.", "")


def _unknown(tax: Taxonomy, word, pointer, doc: YamlDoc, display: str) -> Problem:
    hint, hint_en, suggestion = _hint(tax, word)
    line, col = doc.where(pointer)
    return Problem(display, line, col, say("vocabulary", value=word, taxonomy=tax.title.ja, taxonomy_en=tax.name,
                                           hint=hint, hint_en=hint_en, suggestion=suggestion), "error", "vocabulary")


# separators a Japanese writer puts between list items, which YAML keeps inside one item
LIST_SEPARATORS = re.compile(r"\s*[、，､﹐,]\s*")


def _separated(field: str, word: str, pointer, doc: YamlDoc, display: str) -> Problem | None:
    """「plating、inspection」: two items joined by a Japanese comma, said with the lines to write."""
    parts = [p for p in LIST_SEPARATORS.split(word.strip()) if p]
    if len(parts) < 2 or not LIST_SEPARATORS.search(word):
        return None
    mark = next(c for c in word if c in "、，､﹐,")
    lines = "".join(f"「  - {p}」" for p in parts)
    line, col = doc.where(pointer)
    return Problem(display, line, col, say("list-separator", value=word, mark=mark, field=field, lines=lines,
                                           count=len(parts), parts=", ".join(parts),
                                           suggestion=f"{field}: の次の行から {lines}"), "error", "list-separator")


def _words(tax: Taxonomy, field: str, words, doc: YamlDoc, display: str) -> list[Problem]:
    """Each word of a list field resolves to a term of `tax`, and no term is written twice."""
    problems = []
    seen: dict[str, str] = {}
    for i, word in enumerate(words):
        if not isinstance(word, str):
            continue
        term = tax.resolve(word)
        split = _separated(field, word, (field, i), doc, display) if term is None else None
        if split is not None:
            problems.append(split)
        elif term is None:
            problems.append(_unknown(tax, word, (field, i), doc, display))
        elif term.key in seen and seen[term.key] != word:  # an exact repeat is the schema's duplicate-item
            line, col = doc.where((field, i))
            problems.append(Problem(display, line, col, say("duplicate-term", value=word, first=seen[term.key]),
                                    "error", "duplicate-term"))
        else:
            seen.setdefault(term.key, word)
    return problems


def check(doc: YamlDoc, taxonomies: dict[str, Taxonomy], display: str, explained=frozenset()) -> list[Problem]:
    """Every vocabulary word of a profile resolves to a term; report those that do not (figures in `explained` are
    reported by figures.check)."""
    data = doc.data if isinstance(doc.data, dict) else {}
    problems = []
    for field in FIELDS:
        words = data.get(field)
        if field in taxonomies and isinstance(words, list):
            problems += _words(taxonomies[field], field, words, doc, display)
    area = data.get("area")
    if "areas" in taxonomies and isinstance(area, str) and taxonomies["areas"].resolve(area) is None:
        problems.append(_unknown(taxonomies["areas"], area, ("area",), doc, display))
    for field in PROCESS_FIELDS:
        if "technologies" in taxonomies and isinstance(data.get(field), list):
            problems += _words(taxonomies["technologies"], field, data[field], doc, display)
    if "machines" in taxonomies:
        problems += _equipment(data.get("equipment"), taxonomies["machines"], doc, display, explained)
    if "materials" in taxonomies:
        problems += _materials(data.get("materials"), taxonomies["materials"], doc, display)
    if "qualifications" in taxonomies and isinstance(data.get("qualifications"), list):
        tax = taxonomies["qualifications"]
        for i, row in enumerate(data["qualifications"]):
            if isinstance(row, dict) and isinstance(row.get("type"), str) and tax.resolve(row["type"]) is None:
                problems.append(_unknown(tax, row["type"], ("qualifications", i, "type"), doc, display))
    return problems


def _equipment(rows, machines: Taxonomy, doc: YamlDoc, display: str, explained=frozenset()) -> list[Problem]:
    """Each row names a machine type (a v1 row without one is warned), gives only that type's figures, and each
    figure lies in its plausible range."""
    problems = []
    for i, row in enumerate(rows if isinstance(rows, list) else []):
        if not isinstance(row, dict):
            continue
        kind = row.get("type")
        if kind is None:
            name = row.get("name")
            name = name.get("ja") if isinstance(name, dict) else name
            if isinstance(name, str):
                guess = guess_machine(name, machines)
                hint, hint_en = ((f"種類はおそらく「{guess.label.ja}」({guess.key}) です。",
                                  f"Its type is probably {guess.label.en} ({guess.key}).") if guess else ("", ""))
                line, col = doc.where(("equipment", i))
                problems.append(Problem(display, line, col, say(
                    "v1-equipment", value=name, hint=hint, hint_en=hint_en,
                    suggestion=f"type: {guess.key}" if guess else ""), "warning", "v1-equipment"))
            continue
        if not isinstance(kind, str):
            continue
        term = machines.resolve_any(kind)  # ホイスト, タレパン: the names clerks write are the type too
        if term is None:
            problems.append(_unknown(machines, kind, ("equipment", i, "type"), doc, display))
            continue
        figures = row.get("figures")
        for key, value in (figures.items() if isinstance(figures, dict) else ()):
            pointer = ("equipment", i, "figures", key)
            if pointer in explained:
                continue
            if key not in term.figures:
                problems.append(_figure_unknown(rows, i, machines, term, key, value, pointer, doc, display))
            elif key in machines.figures and (is_number(value) or is_range(value)):
                figure = machines.figures[key]
                ends = [(value, pointer, ("", ""))] if is_number(value) else [
                    (value[0], pointer + (0,), ("（幅の小さい方）", " (the range's lower end)")),
                    (value[1], pointer + (1,), ("（幅の大きい方）", " (the range's upper end)"))]
                for one, at, end in ends:
                    if not figure.min <= one <= figure.max:
                        row_ja, row_en = row_name(doc, rows, i, machines)
                        problems += _plausible(one, figure.min, figure.max, figure.label.ja + end[0],
                                               (figure.label.en or key) + end[1], figure.unit.ja,
                                               figure.unit.en or figure.unit.ja, at, doc, display,
                                               where=(f"{row_ja}の", f"{row_en}: "), fix=_fix(key, figure.unit.ja))
                if is_range(value) and value[0] > value[1]:
                    row_ja, row_en = row_name(doc, rows, i, machines)
                    problems.append(_swapped(doc, display, pointer, key, value, f"{figure.label.ja}（{figure.unit.ja}）",
                                             f"{figure.label.en or key} ({figure.unit.en or figure.unit.ja})",
                                             (f"{row_ja}の", f"{row_en}: "), ("", "")))
    return problems


def _figure_name(machines: Taxonomy, key: str) -> tuple[str, str]:
    """「加圧能力（t）」 and "Press force (t)": a figure as a clerk knows it; the key itself when it is none."""
    figure = machines.figures.get(key)
    if figure is None:
        return key, key
    return f"{figure.label.ja}（{figure.unit.ja}）", f"{figure.label.en or key} ({figure.unit.en or figure.unit.ja})"


def _figure_unknown(rows, i, machines: Taxonomy, term, key, value, pointer, doc: YamlDoc, display: str) -> Problem:
    """A figure the row's type does not take, said with the labels and units of the figures it does take."""
    import difflib

    row_ja, row_en = row_name(doc, rows, i, machines)
    figure_ja, figure_en = _figure_name(machines, key)
    names = [_figure_name(machines, k) + (k,) for k in term.figures]
    if names:
        takes = f"{term.label.ja}に書ける数値は" + "、".join(f"「{ja}」{k}" for ja, _en, k in names) + " です。"
        takes_en = f"A {term.label.en or term.key} takes " + ", ".join(f"{en} {k}" for _ja, en, k in names) + "."
    else:
        takes = f"「{term.label.ja}」に書ける数値はありません。"
        takes_en = f"A {term.label.en or term.key} takes no figures."
    number = isinstance(value, (int, float)) and not isinstance(value, bool)
    near = difflib.get_close_matches(key, list(term.figures), n=1, cutoff=0.7) if key not in machines.figures else []
    if near and number:  # tonnage for tonnage_t: the key mistyped
        suggestion = f"{near[0]}: {shown(value)}"
    else:
        figure = machines.figures.get(key)
        unit = f" {figure.unit.ja}" if figure is not None else ""
        suggestion = f'spec: "{figure.label.ja if figure is not None else key} {shown(value)}{unit}"'
    line, col = doc.where(pointer)
    return Problem(display, line, col, say(
        "figure-unknown", row=row_ja, row_en=row_en, figure=figure_ja, figure_en=figure_en, key=key,
        value=shown(value), type=f"「{term.label.ja}」", type_en=term.label.en or term.key, takes=takes,
        takes_en=takes_en, suggestion=suggestion), "error", "figure-unknown")


def _fix(key: str, unit: str) -> tuple[str, str]:
    """What to correct when a figure is out of its range: the key's number; a force may have been written in kN."""
    ja, en = f"違っていれば {key} の数字を直してください。", f"If they are wrong, correct the number of {key}. "
    if unit == "t":
        ja += "kN（キロニュートン）の値なら t に直します（1 t ≈ 9.8 kN）。"
        en += "A value in kN becomes t (1 t ≈ 9.8 kN). "
    return ja, en


def _number(value) -> str:
    """A number as a clerk writes it: 50,000 and 0.00001, never 5e+04 or 1e-05."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.10f}".rstrip("0").rstrip(".")


def _plausible(value, low, high, label, label_en, unit, unit_en, pointer, doc, display, where=("", ""),
               fix=("", "")) -> list[Problem]:
    """A warning that questions a value outside [low, high], naming where it is (a machine row), the unit, the usual
    range and what to correct."""
    if low <= value <= high:
        return []
    line, col = doc.where(pointer)
    return [Problem(display, line, col, say(
        "implausible", where=where[0], where_en=where[1], field=label, field_en=label_en, value=_number(value),
        unit=unit, unit_en=unit_en, min=_number(low), max=_number(high), fix=fix[0], fix_en=fix[1]),
        "warning", "implausible")]


def _materials(words, materials: Taxonomy, doc: YamlDoc, display: str) -> list[Problem]:
    """Materials outside the vocabulary are allowed but found by no filter: warn, naming the closest terms."""
    problems = []
    seen: dict[str, str] = {}
    for i, word in enumerate(words if isinstance(words, list) else []):
        text = word.get("ja") if isinstance(word, dict) else word
        if not isinstance(text, str):
            continue
        term = materials.resolve_any(text)
        if term is None:
            close = _closest_materials(text, materials)
            hint = ("近い用語: " + "、".join(f"「{t.label.ja}」({t.key})" for t in close) + "。") if close else ""
            hint_en = ("Closest terms: " + ", ".join(f"{t.label.en} ({t.key})" for t in close) + ".") if close else ""
            line, col = doc.where(("materials", i))
            problems.append(Problem(display, line, col, say(
                "v1-material", value=text, hint=hint, hint_en=hint_en,
                suggestion=", ".join(t.key for t in close)), "warning", "v1-material"))
        elif term.key in seen and seen[term.key] != text:
            # two words of one term (FR-4 and フレキシブル基板 are both pcb): not a mistake the clerk can mend in the
            # list, since the vocabulary groups them; the page shows the term once
            line, col = doc.where(("materials", i))
            problems.append(Problem(display, line, col, say(
                "duplicate-material", value=text, first=seen[term.key], term=term.label.ja, term_en=term.label.en),
                "warning", "duplicate-material"))
        else:
            seen.setdefault(term.key, text)
    return problems


def _closest_materials(text: str, materials: Taxonomy) -> list:
    """The terms a free-text material names or is close to; remembered by the vocabulary, since the same words recur
    in many profiles (difflib over every name costs milliseconds)."""
    memo = materials.memo.setdefault("closest", {})
    if text not in memo:
        memo[text] = material_terms(text, materials) or close_terms(materials, text)
    return memo[text]


def capacity(doc: YamlDoc, schema_node: dict, display: str) -> list[Problem]:
    """The capacity's numbers questioned outside their plausible range (the schema's x-plausible), both ends of a
    range (`[5, 20]` of a field marked x-range) alike; a range whose ends are swapped, and lot_min > lot_max."""
    data = doc.data.get("capacity") if isinstance(doc.data, dict) else None
    if not isinstance(data, dict):
        return []
    problems = []
    for key, value in data.items():
        sub = (schema_node.get("properties") or {}).get(key) or {}
        plausible = sub.get("x-plausible")
        if not plausible:
            continue
        ends = [(value, ("capacity", key))] if is_number(value) else \
            [(v, ("capacity", key, i)) for i, v in enumerate(value)] if sub.get("x-range") and is_range(value) else []
        for one, pointer in ends:
            end = ("", "") if len(pointer) == 2 else (("（幅の小さい方）", " (the range's lower end)") if pointer[2] == 0
                                                      else ("（幅の大きい方）", " (the range's upper end)"))
            problems += _plausible(one, plausible["min"], plausible["max"], sub.get("title", key) + end[0],
                                   sub.get("x-title-en", key) + end[1], plausible["unit"], plausible.get("unit_en", plausible["unit"]),
                                   pointer, doc, display, fix=(f"違っていれば capacity の {key} を直してください。",
                                                               f"If they are wrong, correct capacity {key}. "))
        if sub.get("x-range") and is_range(value) and value[0] > value[1]:
            line = doc.where(("capacity", key))[0]
            problems.append(_swapped(doc, display, ("capacity", key), key, value, sub.get("title", key),
                                     sub.get("x-title-en", key), ("", ""), (f"（{line} 行目）", f" (line {line})")))
    low, high = data.get("lot_min"), data.get("lot_max")
    if isinstance(low, int) and isinstance(high, int) and not isinstance(low, bool) and not isinstance(high, bool) \
            and low > high:
        line, col = doc.where(("capacity", "lot_min"))
        problems.append(Problem(display, line, col, say("lot-range", lot_min=low, lot_max=high), "error", "lot-range"))
    return problems


def _swapped(doc, display, pointer, key, value, field, field_en, where, at) -> Problem:
    """A range written larger end first: the range to write."""
    return Problem(display, *doc.where(pointer), say(
        "range-order", where=where[0], where_en=where[1], field=field, field_en=field_en, at=at[0], at_en=at[1],
        low=_number(value[0]), high=_number(value[1]), suggestion=f"{key}: [{_number(value[1])}, {_number(value[0])}]"),
        "error", "range-order")


def guess_machine(name: str, machines: Taxonomy) -> "object | None":
    """The machine type an equipment name most likely means (its label or an alias inside the name), or None."""
    folded = fold(name)
    best, best_len = None, 0
    for term in machines.terms.values():
        for word in (term.label.ja, term.label.en, *term.aliases):
            w = fold(word or "")
            if len(w) >= 2 and w in folded and len(w) > best_len:
                best, best_len = term, len(w)
    return best if best is not None and best.key != "other" else None


def material_terms(text: str, materials: Taxonomy) -> list:
    """The material terms a free text names: a key, label or alias, or the grades listed in brackets
    (アルミニウム合金（A5052・A6061） → a5052, a6061); [] when it names none."""
    import re

    def one(word: str):
        word = word.strip()
        if not word:
            return None
        alias = materials.resolve_any(word)
        folded = fold(word)
        # a label's parts: 鉄鋼 names 鉄鋼（一般）, 合板 names 合板・集成材
        return alias or next((t for t in materials.terms.values() if folded in
                              (fold(p) for p in re.split(r"・", re.sub(r"[（(].*?[）)]", "", t.label.ja)))), None)

    inner = re.search(r"[（(]([^）)]*)[）)]\s*$", text)
    if inner:
        grades = [one(g) for g in re.split(r"[・、,/／]", inner.group(1))]
        if grades and all(grades):
            return list(dict.fromkeys(grades))
        outer = one(text[:inner.start()])
        return [outer] if outer else []
    term = one(text)
    return [term] if term else []


def check_words(taxonomies: dict[str, Taxonomy], docs: dict, display) -> list[Problem]:
    """No word (label or alias) names two terms, within or across vocabularies, and every figure a machine type
    lists is defined."""
    problems = []
    named: dict[str, tuple[str, str]] = {}
    for name, tax in taxonomies.items():
        doc = docs.get(name)
        for term in tax.terms.values():
            for field_name, words in (("ja", [term.label.ja]), ("en", [term.label.en]), ("aliases", term.aliases)):
                for i, word in enumerate(words):
                    if not word:
                        continue
                    owner = named.setdefault(fold(word), (name, term.key))
                    if owner != (name, term.key) and doc is not None:
                        pointer = ("terms", term.key, field_name) + ((i,) if field_name == "aliases" else ())
                        line, col = doc.where(pointer)
                        problems.append(Problem(display(doc.path), line, col, say(
                            "vocabulary-word-twice", word=word, first=f"{owner[0]}.yaml: {owner[1]}",
                            second=f"{name}.yaml: {term.key}"), "error", "vocabulary-word-twice"))
            for i, key in enumerate(term.figures):  # each figure a type lists is defined
                if key not in tax.figures and doc is not None:
                    line, col = doc.where(("terms", term.key, "figures", i))
                    problems.append(Problem(display(doc.path), line, col, say("figure-undefined", key=key), "error",
                                            "figure-undefined"))
        doc = docs.get(name)
        for key, figure in tax.figures.items():
            for i, kind in enumerate(figure.facet_types):
                if kind not in tax.terms and doc is not None:
                    line, col = doc.where(("figures", key, "facet_types", i))
                    problems.append(Problem(display(doc.path), line, col, say("facet-type-unknown", key=kind), "error",
                                            "facet-type-unknown"))
    return problems
