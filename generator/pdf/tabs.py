"""The label of a thumb tab (ツメ): the part's name set as the spine is, one upright character under the other, in
one column of whole words centred on the tab (WeasyPrint has no vertical writing). A name too long for that takes
the short form the vocabulary gives (`tab:` on a group or term; the divider keeps the full name); failing that the
tab shows the leading words, or the part's number, and the build says where to add one. A word is never cut.

One column, not two: a second column stood 0.7 mm from the tab's inner edge and off its centre (the prepress
tester, session 14), and one column can stand on the tab's centre line with every character more than 4 mm from
the trim (beyond the 3 mm safe zone even after a saddle-stitched book's creep)."""
from __future__ import annotations

from pathlib import Path

from ..errors import Problem
from ..load.yamlfile import load

def _parser():
    from .compose import _parser as parser  # BudouX, loaded once for the whole edition

    return parser()


PER_COLUMN = 7  # upright characters in one column of a 26 mm tab at 8 pt (white knocked out of the tab's one ink:
# no smaller, the label stays legible)
COLUMNS = 1  # centred on the tab (layout.py: the tab reaches 11 mm inside the trim)


def _words(label: str) -> list[str]:
    """The words of a part's name: split at ・ and at BudouX's phrases, without a closing ほか or a bracketed note."""
    base = label.split("（")[0].strip()
    base = base[:-2] if base.endswith("ほか") else base
    return [phrase for word in base.split("・") if word for phrase in _parser().parse(word)]


def tab_columns(label: str) -> list[str] | None:
    """The columns of the tab, right to left (the order vertical Japanese is read); None when a word does not fit.

    Words of one column are joined by ・ where the name had one; a column break replaces that ・. All the words, or
    as many leading words as fill the columns when the name is longer still (never a word cut)."""
    base = label.split("（")[0].strip()
    base = base[:-2] if base.endswith("ほか") else base
    columns: list[str] = []
    line = ""
    for word in base.split("・"):
        pieces = _parser().parse(word) if len(word) > PER_COLUMN else [word]
        for i, piece in enumerate(pieces):
            if len(piece) > PER_COLUMN:
                return None
            joined = line + ("・" if line and i == 0 else "") + piece
            if len(joined) <= PER_COLUMN:
                line = joined
                continue
            columns.append(line)
            line = piece
    columns.append(line)
    columns = [c for c in columns if c]
    if len(columns) > COLUMNS:
        columns = columns[:COLUMNS]
    return columns or None


def fits(label: str) -> bool:
    """Whether every word of `label` shows on its tab (none left off at the end)."""
    columns = tab_columns(label)
    return columns is not None and "".join(columns).replace("・", "") == "".join(_words(label))


def tab_problems(guide, content_root: Path) -> list[Problem]:
    """A warning for each part of the book whose name does not fit its tab and has no `tab:` short form, located at
    the group or term in its vocabulary file."""
    from .plan import sections

    by = "areas" if guide.site.print.chapters == "area" else "industries"
    taxonomy = guide.taxonomies[by]
    problems = []
    for part in sections(guide):
        tab = taxonomy.tabs.get(part.key)
        label = tab or part.label.ja
        if fits(label):
            continue
        path = content_root / "taxonomies" / f"{by}.yaml"
        kind = "groups" if part.key in taxonomy.groups else "terms"
        line, col = load(path).where((kind, part.key)) if path.is_file() else (1, 1)
        problems.append(Problem(
            str(path), line, col,
            f"「{label}」はツメ（{PER_COLUMN} 字 × {COLUMNS} 列）に入りきらないため、"
            f"{'後ろの語を省きます' if tab_columns(label) else '部の番号だけを載せます'}。"
            f"{kind}.{part.key} に tab: 機械・電気 のような短い名前を書いてください。 / "
            f"\"{label}\" does not fit its thumb tab ({COLUMNS} columns of {PER_COLUMN}): "
            f"{'its last words are left off' if tab_columns(label) else 'the tab shows the part number only'}; "
            f"give {kind}.{part.key} a short form (tab: ...).", "warning", "print-tab"))
    return problems
