"""`python -m bench.profile STAGE [N]`: where one stage's time goes, under cProfile, in one process.

The PDF is profiled with one process (`processes=1`), so that the work normally spread over worker processes is
seen by the profiler; the totals are then CPU time, not the wall time of a parallel run.
"""
from __future__ import annotations

import cProfile
import pstats
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from . import synth

GROUPS = [("weasyprint/layout", "weasyprint/layout"), ("weasyprint/text", "weasyprint/text"),
          ("weasyprint/draw", "weasyprint/draw"), ("weasyprint/pdf", "weasyprint/pdf"),
          ("weasyprint/css", "weasyprint/css"), ("weasyprint/html+tree", "weasyprint/"),
          ("pydyf (PDF objects)", "pydyf"), ("fontTools (font subsetting)", "fontTools"),
          ("tinycss2/cssselect2", "tinycss2"), ("tinycss2/cssselect2", "cssselect2"), ("html5lib/webencodings", "html5lib"),
          ("pypdf/pikepdf (merge)", "pypdf"), ("pypdf/pikepdf (merge)", "pikepdf"), ("PIL", "PIL"),
          ("jinja2 (templates)", "jinja2"), ("markdown+nh3", "markdown"), ("markdown+nh3", "nh3"),
          ("yaml (loading)", "yaml"), ("jsonschema", "jsonschema"), ("fastjsonschema", "fastjsonschema"),
          ("generator", "generator/"), ("theme templates", "templates/"), ("stdlib and other", "")]


def group_of(filename: str) -> str:
    """The package a profiled function belongs to, for a coarse breakdown."""
    for name, marker in GROUPS:
        if marker and marker in filename:
            return name
    return "stdlib and other" if filename.startswith(("/usr", "<", "~")) or "python3" in filename else filename


def run(stage: str, root: Path, work: Path):
    """Run `stage` once on the content at `root`; return the callable's result."""
    from generator.load import load_content
    from generator.model import make_guide
    from generator.site.templates import theme_dirs
    from generator.validate import validate

    content = load_content(root)
    if stage == "validate":
        return lambda: validate(load_content(root))
    guide = make_guide(content)
    themes = theme_dirs(guide.site.theme)
    if stage == "site":
        from generator.site.render import render_site

        return lambda: render_site(guide, work / "site", themes)
    if stage == "pdf":
        from generator.pdf import Run, render_pdf

        return lambda: render_pdf(Run(guide, themes, root, cache=work / "cache", processes=1), work / "guidebook.pdf")
    raise SystemExit(f"unknown stage {stage!r}: validate, site or pdf")


def main(argv: list[str]) -> int:
    """Profile one stage on N synthetic companies and print the breakdown by package and the top functions."""
    stage, n = argv[0], int(argv[1]) if len(argv) > 1 else 100
    with tempfile.TemporaryDirectory(prefix="guidebook-profile-") as tmp:
        work = Path(tmp)
        synth.make_content(work / "content", n)
        fn = run(stage, work / "content", work)
        profiler = cProfile.Profile()
        started = time.perf_counter()
        profiler.runcall(fn)
        wall = time.perf_counter() - started
    stats = pstats.Stats(profiler)
    own: dict[str, float] = defaultdict(float)
    for (filename, _line, _name), (_cc, _nc, tottime, _ct, _callers) in stats.stats.items():
        own[group_of(filename)] += tottime
    total = sum(own.values())
    print(f"{stage}, N={n}: {wall:.1f} s under the profiler; own time by package:")
    for name, seconds in sorted(own.items(), key=lambda kv: -kv[1])[:14]:
        print(f"  {seconds:7.2f} s  {100 * seconds / total:5.1f} %  {name}")
    print("\nTop functions by own time (C calls into Pango, HarfBuzz and zlib show as built-ins):")
    stats.sort_stats("tottime").print_stats(15)
    print("\nTop functions by cumulative time:")
    stats.sort_stats("cumulative").print_stats(25)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
