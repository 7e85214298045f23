"""What the colophon (奥付) of the printed book needs from site.yaml: a press file without the month of issue or the
print shop goes to the printer with a colophon that a city's document rules would not accept."""
from __future__ import annotations

from pathlib import Path

from ..errors import Problem
from ..load.yamlfile import load
from ..model import Guide

NEEDED = [  # (site.yaml path, what is missing (ja, en), an example line)
    (("issued",), ("発行年月", "the month of issue"), 'issued: "2026-04"'),
    (("print", "printer"), ("印刷所", "the print shop"), "print:\n  printer: {ja: 株式会社〇〇印刷, en: \"...\"}"),
]


def colophon_problems(guide: Guide, content_root: Path) -> list[Problem]:
    """A warning, located in site.yaml, for each colophon entry the press edition would print without."""
    site_file = content_root / "site.yaml"
    given = {("issued",): guide.site.issued, ("print", "printer"): guide.site.print.printer}
    problems = []
    for key, (ja, en), example in NEEDED:
        if given[key]:
            continue
        line, col = load(site_file).where(key) if site_file.is_file() else (1, 1)
        problems.append(Problem(str(site_file), line, col,
                                f"奥付に{ja}がありません。site.yaml に {example} のように書いてください。 / the colophon "
                                f"has no {en}: add it to site.yaml ({example.splitlines()[-1].strip()}).",
                                "warning", "print-colophon"))
    return problems
