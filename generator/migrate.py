"""`guidebook migrate`: rewrite v1 profiles to format v2 in place, keeping every comment and untouched line.

An equipment row without a `type` gets the machine type its name names (machines.yaml labels and aliases, then a few
rules for the generic words), and the figures its free-text `spec` states plainly (150t, 60-300t as a range [60, 300],
X500×Y450×Z400mm, 9kW); a row of two machines in one (100t/350t) becomes two rows when the count allows no doubt; a
material written as free text becomes the materials.yaml terms it names (アルミニウム合金（A5052・A6061） → a5052,
a6061). What cannot be placed is left as it was and named in the report, with file and line. Running it twice changes
nothing.

The YAML is edited with ruamel.yaml's round trip; only the lines whose content changed are taken from its output,
every other line is copied from the original file byte for byte (so a layout ruamel would write differently stays).
"""
from __future__ import annotations

import difflib
import io
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from .model.taxonomy import Taxonomy
from .model.text import fold
from .validate.vocab import guess_machine, material_terms

# Generic words of equipment lists, tried when no label or alias is inside the name (most specific first)
RULES = (
    (r"5軸|五軸", "mc-5axis"),
    (r"門[形型].*マシニング", "mc-gantry"),
    (r"横[形型].*マシニング", "mc-horizontal"),
    (r"マシニング", "mc-vertical"),
    (r"プレスブレーキ|ベンディング", "press-brake"),
    (r"プレス", "press"),
    (r"溶接ロボット", "welding-robot"),
    (r"レーザー?溶接", "laser-welder"),
    (r"溶接", "welder"),
    (r"射出|成形機|成型機", "injection-molding"),
    (r"旋盤", "nc-lathe"),
    (r"研削|研磨盤", "grinder"),
    (r"放電", "wire-edm"),
    (r"熱処理|焼入|浸炭|窒化", "heat-treat-furnace"),
    (r"焼成|焼結", "kiln"),
    (r"めっき|メッキ|アルマイト", "plating-line"),
    (r"塗装", "painting-line"),
    (r"三次元測定|3次元測定", "cmm"),
    (r"測定|試験機|試験器|検査|分析|膜厚計|硬さ", "measuring"),
    (r"クレーン", "crane"),
    (r"バンドソー|鋸|のこ", "band-saw"),
    (r"印刷機", "printing-press"),
    (r"CAD|CAM|CAE|ソフト", "cad-software"),
    (r"ロボット", "robot"),
    (r"洗浄", "washer"),
)

NUMBER = r"(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
FORCE = re.compile(rf"^\s*{NUMBER}\s*(?:t|トン)\s*$", re.I)
TRAVEL = re.compile(rf"^\s*X\s*{NUMBER}\s*[×xX*]\s*Y\s*{NUMBER}(?:\s*[×xX*]\s*Z\s*{NUMBER})?\s*(?:mm)?\s*$")
POWER = re.compile(rf"^\s*{NUMBER}\s*kW\s*$", re.I)
DIAMETER = re.compile(rf"^\s*最大加工径\s*{NUMBER}\s*(?:mm)?\s*$")
FORCE_RANGE = re.compile(rf"^\s*{NUMBER}\s*(?:t|トン)?\s*[-~〜–]\s*{NUMBER}\s*(?:t|トン)\s*$", re.I)  # 60-300t: a range
FORCE_AND_LENGTH = re.compile(rf"^\s*{NUMBER}\s*t\s+{NUMBER}\s*mm\s*$", re.I)


def _n(text: str):
    value = float(text.replace(",", ""))
    return int(value) if value.is_integer() else value


def figures_from_spec(spec: str, term) -> dict | None:
    """The figures a free-text spec states and nothing else (e.g. "150t" of a press), or None when it says more."""
    allowed = set(term.figures)
    force = "tonnage_t" if "tonnage_t" in allowed else "clamping_t" if "clamping_t" in allowed else None
    if force and (m := FORCE.match(spec)):
        return {force: _n(m.group(1))}
    if force and (m := FORCE_RANGE.match(spec)) and _n(m.group(1)) < _n(m.group(2)):
        return {force: [_n(m.group(1)), _n(m.group(2))]}  # the row's machines range over it
    if force and "bed_mm" in allowed and (m := FORCE_AND_LENGTH.match(spec)):
        return {force: _n(m.group(1)), "bed_mm": _n(m.group(2))}
    if {"x_mm", "y_mm"} <= allowed and (m := TRAVEL.match(spec)):
        found = {"x_mm": _n(m.group(1)), "y_mm": _n(m.group(2))}
        if m.group(3) and "z_mm" in allowed:
            found["z_mm"] = _n(m.group(3))
        elif m.group(3):
            return None
        return found
    if "power_kw" in allowed and (m := POWER.match(spec)):
        return {"power_kw": _n(m.group(1))}
    if "diameter_mm" in allowed and (m := DIAMETER.match(spec)):
        return {"diameter_mm": _n(m.group(1))}
    return None


def machine_type(name: str, machines: Taxonomy):
    """The machine type of an equipment name: a label or alias inside it, else a rule for generic words, else None."""
    term = guess_machine(name, machines)
    if term is not None:
        return term
    for pattern, key in RULES:
        if re.search(pattern, name) and key in machines.terms:
            return machines.terms[key]
    return None


@dataclass
class Note:
    """One thing migrate could not place (or did), located."""

    path: str
    line: int
    message: str

    def format(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass
class Result:
    changed: bool = False
    text: str = ""
    notes: list[Note] = field(default_factory=list)  # what it could not place
    done: list[str] = field(default_factory=list)  # what it changed, one short line each


def _yaml():
    from ruamel.yaml import YAML

    yaml = YAML()  # round trip: comments, key order, flow style and quotes kept
    yaml.preserve_quotes = True
    yaml.width = 4096  # never fold a long line
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _flow(mapping: dict):
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    out = CommentedMap()
    for key, value in mapping.items():
        if isinstance(value, list):  # a range [60, 300]
            value = CommentedSeq(value)
            value.fa.set_flow_style()
        out[key] = value
    out.fa.set_flow_style()
    return out


def _text(value) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and isinstance(value.get("ja"), str):
        return value["ja"]
    return None


def migrate_data(data, taxonomies: dict[str, Taxonomy], shown: str) -> tuple[bool, list[Note], list[str]]:
    """Rewrite one loaded (ruamel round-trip) profile in place; (changed, notes, done)."""
    notes, done, changed = [], [], False
    if not isinstance(data, dict):
        return False, notes, done
    machines, materials = taxonomies["machines"], taxonomies["materials"]
    rows = data.get("equipment")
    for i, row in enumerate(rows if isinstance(rows, list) else []):
        if not isinstance(row, dict) or "type" in row:
            continue
        line = rows.lc.item(i)[0] + 1
        name = _text(row.get("name")) or ""
        term = machine_type(name, machines)
        if term is None:
            notes.append(Note(shown, line, f"設備「{name}」の種類が分かりませんでした。type: に machines.yaml の用語を"
                              f"書いてください（当てはまらなければ other）。 / could not tell the machine type of "
                              f"'{name}'; add type: with a machines.yaml term (other if none fits)."))
            continue
        row.insert(0, "type", term.key)
        changed = True
        done.append(f"{line}: {name} → type: {term.key}")
        spec = _text(row.get("spec"))
        figures = figures_from_spec(spec, term) if spec and isinstance(row.get("spec"), str) else None
        if figures:
            keys = list(row)
            at = keys.index("spec")
            del row["spec"]
            row.insert(at, "figures", _flow(figures))
            done.append(f"{line}: spec「{spec}」→ figures: {figures}")
    changed |= _split_rows(rows, machines, shown, notes, done)
    words = data.get("materials")
    if isinstance(words, list):
        new, seen, touched, moved = [], set(), False, {}
        for i, word in enumerate(words):
            moved[i] = len(new)  # where the item (or its first term) lands: its comment goes there
            text = _text(word)
            term = materials.resolve(word) if isinstance(word, str) else None  # an alias becomes its key too
            if term is not None or text is None:
                new.append(word)
                seen.add(term.key if term else None)
                continue
            terms = material_terms(text, materials)
            if not terms:
                notes.append(Note(shown, words.lc.item(i)[0] + 1,
                                  f"材料「{text}」に当てはまる用語が見つかりませんでした。materials.yaml の用語に書き換えるか、"
                                  f"そのままにしてください（検索の絞り込みには出ません）。 / no materials.yaml term for "
                                  f"'{text}'; write a term or leave it (no filter will find it)."))
                new.append(word)
                continue
            touched = True
            keys = [t.key for t in terms if t.key not in seen]
            seen.update(keys)
            new += keys
            done.append(f"{words.lc.item(i)[0] + 1}: {text} → {', '.join(t.key for t in terms)}")
        if touched:
            comments = dict(words.ca.items)
            words[:] = new  # the same sequence object: its flow style stays
            words.ca.items.clear()
            words.ca.items.update({moved[i]: c for i, c in comments.items() if i in moved})
            changed = True
    return changed, notes, done


def _two_machines(row, machines: Taxonomy) -> tuple[str, tuple] | None:
    """(figure key, its two values) of a row that puts two machines' one figure in one text — a v1 spec "100t/350t"
    or a v2 figure `tonnage_t: 100t/350t` — when the row's type takes that one figure and nothing else is said."""
    from .validate.figures import two_figures

    term = machines.resolve_any(row.get("type")) if isinstance(row.get("type"), str) else None
    if term is None:
        return None
    figures = row.get("figures")
    if isinstance(figures, dict) and len(figures) == 1:
        key, value = next(iter(figures.items()))
        figure = machines.figures.get(key)
        if key in term.figures and figure is not None and isinstance(value, str) and "spec" not in row:
            two = two_figures(value, figure.unit.ja, "two")
            return (key, two) if two else None
    spec = row.get("spec")
    force = next((k for k in ("tonnage_t", "clamping_t") if k in term.figures), None)
    if "figures" not in row and isinstance(spec, str) and force:
        two = two_figures(spec, "t", "two")
        return (force, two) if two and re.search(r"(t|トン)\s*$", spec.strip(), re.I) else None
    return None


def _split_rows(rows, machines: Taxonomy, shown: str, notes: list, done: list) -> bool:
    """Split a row of two machines with one figure each (100t/350t) into two rows of one machine, when certain: the
    row counts two machines or does not say (a count of 3 for two figures is named in the report instead)."""
    from ruamel.yaml.comments import CommentedMap

    changed, said = False, []
    for i in range(len(rows) - 1, -1, -1) if isinstance(rows, list) else ():  # from the end: rows are inserted
        row = rows[i]
        found = _two_machines(row, machines) if isinstance(row, dict) else None
        if found is None:
            continue
        key, (first, second) = found
        line = rows.lc.item(i)[0] + 1
        count = row.get("count")
        if count not in (None, 2):
            notes.append(Note(shown, line, f"設備の1行に2つの数値（{first}・{second}）があり、台数が {count} 台のため"
                                           f"分けられませんでした。1台ずつ・大きさごとの行に分けてください。 / one row gives two "
                                           f"figures ({first}, {second}) for {count} machines; split it by size yourself."))
            continue
        made = []
        for n in (first, second):
            new = CommentedMap()
            for k, v in row.items():
                if k in ("spec", "figures", "count"):
                    continue
                new[k] = v
            new["figures"] = _flow({key: n})
            if row.fa.flow_style():
                new.fa.set_flow_style()
            if not made:  # the first row keeps the comments of the fields it keeps
                new.ca.items.update({k: c for k, c in row.ca.items.items() if k in new})
            made.append(new)
        rows[i] = made[0]
        rows.insert(i + 1, made[1])
        changed = True
        said.append(f"{line}: 2台を2行に / two machines in two rows: {key}: {first}, {second}")
    done += reversed(said)
    return changed


def _keep_layout(original: str, unchanged: str, edited: str) -> str | None:
    """`original` with only the lines that differ between `unchanged` and `edited` (ruamel's output of the file as read
    and as edited) replaced; None when a changed line has no counterpart in the original."""
    if original == unchanged:
        return edited
    a, b, c = original.splitlines(True), unchanged.splitlines(True), edited.splitlines(True)
    b_to_a: dict[int, int] = {}
    for block in difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks():
        for k in range(block.size):
            b_to_a[block.b + k] = block.a + k
    edits = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, b, c, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        if i1 == i2:  # an insertion after line i1 - 1 of the unchanged output
            if i1 == 0:
                start = 0
            elif i1 - 1 in b_to_a:
                start = b_to_a[i1 - 1] + 1
            else:
                return None
            edits.append((start, start, c[j1:j2]))
            continue
        mapped = [b_to_a.get(k) for k in range(i1, i2)]
        if None in mapped or mapped != list(range(mapped[0], mapped[0] + len(mapped))):
            return None
        edits.append((mapped[0], mapped[-1] + 1, c[j1:j2]))
    for start, end, lines in sorted(edits, reverse=True):
        a[start:end] = lines
    return "".join(a)


def migrate_text(text: str, taxonomies: dict[str, Taxonomy], shown: str = "company.yaml") -> Result:
    """The v2 text of one profile, and what could not be placed."""
    yaml = _yaml()
    data = yaml.load(text)
    plain = io.StringIO()
    yaml.dump(data, plain)
    changed, notes, done = migrate_data(data, taxonomies, shown)
    if not changed:
        return Result(False, text, notes, done)
    out = io.StringIO()
    yaml.dump(data, out)
    kept = _keep_layout(text, plain.getvalue(), out.getvalue())
    if kept is None:
        notes.append(Note(shown, 1, "書式を保ったまま書き換えられなかったため、このファイルは変更していません。 / could "
                                    "not rewrite this file without changing its layout; left unchanged."))
        return Result(False, text, notes, [])
    return Result(kept != text, kept, notes, done)


def profiles(root: Path, paths: list[Path]) -> list[Path]:
    """The company.yaml files named (files or folders), or every profile under root/companies."""
    if not paths:
        return sorted((root / "companies").glob("*/company.yaml"))
    found = []
    for path in paths:
        if path.is_dir():
            found += sorted(path.glob("company.yaml")) or sorted(path.glob("*/company.yaml"))
        else:
            found.append(path)
    return found


def cmd_migrate(args) -> int:
    """Rewrite v1 profiles to v2 in place and report what could not be placed."""
    from .load import load_content
    from .model import taxonomies_from

    content = load_content(args.root, [])
    missing = [n for n in ("machines", "materials") if n not in content.taxonomies]
    if missing:
        print(f"error: 用語集 {', '.join(missing)}.yaml がありません。 / the vocabularies {', '.join(missing)} are missing.",
              file=sys.stderr)
        return 1
    taxonomies = taxonomies_from(content)
    files = profiles(args.root, [Path(p) for p in args.paths])
    absent = [str(p) for p in files if not p.is_file()]
    if absent:
        print(f"error: {', '.join(absent)} がありません。 / no such file: {', '.join(absent)}", file=sys.stderr)
        return 2
    rewritten, notes = 0, []
    for path in files:
        shown = content.display(path)
        try:
            result = migrate_text(path.read_text(encoding="utf-8"), taxonomies, shown)
        except Exception as exc:  # noqa: BLE001 - a file YAML cannot read: say which, go on with the others
            notes.append(Note(shown, getattr(getattr(exc, "problem_mark", None), "line", -1) + 1,
                              f"YAML として読めないため変更していません（先に guidebook validate で直してください）。 / not "
                              f"valid YAML, left unchanged (fix it with guidebook validate first): {type(exc).__name__}"))
            continue
        notes += result.notes
        if result.changed:
            rewritten += 1
            if not args.dry_run:
                path.write_text(result.text, encoding="utf-8")
            for line in result.done if args.verbose else ():
                print(f"{shown}:{line}")
    for note in notes:
        print(note.format())
    verb_ja, verb_en = ("書き換えます（--dry-run: 書き込みなし）", "would rewrite") if args.dry_run else ("書き換えました", "rewrote")
    print(f"{len(files)} 件中 {rewritten} 件を v2 に{verb_ja}。置き換えられなかったもの {len(notes)} 件（上の一覧）。 / "
          f"{verb_en} {rewritten} of {len(files)} profile(s) to v2; {len(notes)} item(s) could not be placed (listed above).")
    return 0


def add_command(sub) -> None:
    """Register `guidebook migrate`."""
    m = sub.add_parser("migrate", help="v1 のプロフィールを v2 に書き換え / rewrite v1 profiles to v2")
    m.add_argument("paths", nargs="*", help="company folders or company.yaml files (default: all)")
    m.add_argument("--dry-run", action="store_true", help="report only; write nothing")
    m.add_argument("-v", "--verbose", action="store_true", help="also list every change")
    m.set_defaults(func=cmd_migrate)
