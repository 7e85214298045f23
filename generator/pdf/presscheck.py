"""The press preflight of one company's page, for the pull-request check (`guidebook validate --print-fit`).

The deploy builds the press edition (`guidebook build --for print`) and stops, for every company, when its preflight
(preflight.py) finds a fault: a photo drawn beyond the BleedBox, text past the trim. A profile can cause one that no
rule of the schema sees (the last: the only photo of a page, a portrait, drawn above the page). So the check lays
the changed company's page out as the press edition does (the same Composer, WeasyPrint options, merge with crop
marks and black overprint, finishing) and runs the same preflight on it, as a right-hand page (the book may put
it on either side; the left-hand one, mirrored, is not laid out: it would double the cost). Findings that only
warn (low resolution) are left to the build's own warnings.
"""
from __future__ import annotations

import tempfile
from pathlib import Path

from ..errors import Problem
from ..model import Company
from .chunks import Job, render_job
from .compose import Composer
from .edition import Edition, Run
from .finish import build_date, drop_unused_colour_spaces, finish
from .merge import merge
from .overprint import set_black_overprint
from .plan import Sheet, chapters
from .preflight import ALLOWED, preflight

PAGES = (3,)  # a right-hand page only: both sides cost a second layout (measured: bench/RESULTS.md, gate14)


def press_problems(run: Run, companies: list[Company]) -> list[Problem]:
    """An error for each preflight fault of each company's press page (the press edition is Japanese)."""
    if not companies:
        return []
    with tempfile.TemporaryDirectory(prefix="guidebook-press-") as tmp:
        work = Path(tmp)
        composer = Composer(Run(run.guide, run.theme, run.root, cache=work), Edition("ja", "print"))
        guide = composer.guide
        problems = []
        for company in companies:
            chapter = next((t for t, cs in chapters(guide) if company in cs), company.industries[0])
            label = chapter.label.get("ja")
            # as a right-hand page (the left-hand one mirrors its gutter and thumb tab, and would cost a second layout)
            sheets = [Sheet("company", number, label, company=company, chapter=chapter, chapter_no=1,
                            anchor=f"c-{company.slug}", part=label) for number in PAGES]
            # not resampled to the press resolution: where an image is drawn does not change, and the findings
            # that depend on it (resolution) only warn
            options = {k: v for k, v in composer.options.items() if k != "dpi"}
            job = Job(f"check-{company.slug}", composer.html(sheets), composer.base_url,
                      [str(p) for p in composer.allowed], options)
            composer.cache.mkdir(parents=True, exist_ok=True)  # made by the first press copy of an image, if any
            rendered = render_job(job, composer.cache)
            if not rendered.path:  # an image WeasyPrint could not read: the validator has said which
                continue
            out = work / f"{company.slug}.pdf"

            def finishing(pdf) -> None:
                finish(pdf, moment=build_date(guide, run.root), identity=company.slug, intent=composer.intent)
                set_black_overprint(pdf)
                if guide.site.print.pdfx == "X-1a":
                    drop_unused_colour_spaces(pdf, ALLOWED["X-1a"])

            merge([Path(rendered.path)], out, [], marks=True, finish=finishing)
            seen = set()
            for finding in preflight(out, press=True, pdfx=guide.site.print.pdfx):
                if finding.warning or (finding.rule, finding.what) in seen:
                    continue
                seen.add((finding.rule, finding.what))
                left = PAGES[finding.page - 1] % 2 == 0 if finding.page <= len(PAGES) else False
                side, side_en = ("左", "left") if left else ("右", "right")
                problems.append(Problem(
                    str(company.folder / "company.yaml"), 1, 1,
                    f"印刷用 PDF のプリフライトを通りません（{side}ページに組んだとき）: {finding.message()}。"
                    f"このままでは公開用のビルドが止まります。写真を差し替えるか、市の担当者に相談してください。 / the press "
                    f"file's preflight refuses this company's page (set as a {side_en}-hand page); the deploy's build "
                    f"would stop. Replace the photo, or ask the municipality's staff.",
                    "error", "print-preflight"))
        return problems
