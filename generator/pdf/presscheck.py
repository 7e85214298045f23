"""The press preflight of one company's page, for the pull-request check (`guidebook validate --print-fit`).

The deploy builds the press edition (`guidebook build --for print`) and stops, for every company, when its preflight
(preflight.py) finds a fault: a photo drawn beyond the BleedBox, text past the trim. A profile can cause one that no
rule of the schema sees (the last: the only photo of a page, a portrait, drawn above the page). So the check lays
the changed company's page out as the press edition does (the same Composer, WeasyPrint options, merge with crop
marks and black overprint, finishing) and runs the same preflight on it.

Which page the company will be on, the check cannot know: that depends on every other company of the book (the
order, and which short profiles share a page: measured by laying each out), and loading and measuring them all
would cost the check many times its budget (bench/RESULTS.md, print15). So it lays out every
page the company can be on, in one document (one WeasyPrint set-up): its own page as a left-hand and as a
right-hand page (the gutter, the bleed side and the thumb tab differ), and, for a profile short enough to share a
page (measure.could_fit), a shared page as a left-hand and a right-hand page holding it in both halves, above and
below (bench/RESULTS.md, print15: what the pages cost). Findings that only warn (low resolution) are left to the
build's own warnings.
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
from .measure import could_fit
from .plan import Sheet, chapters
from .preflight import ALLOWED, preflight

SHOWN = 6  # faults named in the message (one per rule and page)
# where each laid-out page stands in the book, in the words of the message
PLACES = {"company": (("左ページ", "a left-hand page"), ("右ページ", "a right-hand page")),
          "pair": (("2 社で共有する左ページ", "a left-hand page shared by two companies"),
                   ("2 社で共有する右ページ", "a right-hand page shared by two companies"))}


def sheets_for(company: Company, chapter, label: str) -> list[Sheet]:
    """Every page `company` can be on, numbered 2, 3, … (even: left-hand): its own page on either side, and a
    shared page on either side with the company in both halves when its profile is short enough to share one."""
    kinds = ["company", "pair"] if could_fit(company) else ["company"]
    sheets = []
    for kind in kinds:
        for number in (len(sheets) + 2, len(sheets) + 3):
            common = dict(chapter=chapter, chapter_no=1, anchor=f"c-{company.slug}", part=label)
            sheets.append(Sheet("company", number, label, company=company, **common) if kind == "company" else
                          Sheet("pair", number, label, pair=[(chapter, company), (chapter, company)], **common))
    return sheets


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
            sheets = sheets_for(company, chapter, label)
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
            # a shared page too tall for the company twice runs onto a page more: its pages are then only "shared"
            exact = rendered.pages == len(sheets)
            seen, found = set(), []
            for finding in preflight(out, press=True, pdfx=guide.site.print.pdfx):
                sheet = sheets[min(finding.page, len(sheets)) - 1]
                place, place_en = PLACES[sheet.kind][sheet.number % 2] if exact or sheet.kind == "company" \
                    else ("2 社で共有するページ", "a page shared by two companies")
                if finding.warning or (finding.rule, place) in seen:
                    continue
                seen.add((finding.rule, place))
                found.append(f"{place}に組んだとき / set as {place_en}: {finding.message(page=False)}")
            if found:  # one problem for the profile (one per rule and place is reported), each page's faults in it
                more = f"（ほか {len(found) - SHOWN} 件 / {len(found) - SHOWN} more）" if len(found) > SHOWN else ""
                problems.append(Problem(
                    str(company.folder / "company.yaml"), 1, 1,
                    f"印刷用 PDF のプリフライトを通りません。このままでは公開用のビルドが止まります。写真を差し替えるか、"
                    f"市の担当者に相談してください。 / the press file's preflight refuses this company's page; the "
                    f"deploy's build would stop. Replace the photo, or ask the municipality's staff. "
                    + " ／ ".join(found[:SHOWN]) + more,
                    "error", "print-preflight"))
        return problems
