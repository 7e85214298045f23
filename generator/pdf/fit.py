"""Print fit: a company's page must fit on one printed page, found by laying it out with the print theme.

The page is laid out on a very tall page; the height beyond the real text area is how much must go, and the
biggest field of the column that runs over is named with how much of it to cut (characters, items or rows).
Expensive (a WeasyPrint layout per profile): the build runs it for pages that overflowed, `guidebook validate
--print-fit` for the profiles named.
"""
from __future__ import annotations

import math
from pathlib import Path

import weasyprint

from ..errors import Problem
from ..load import load_content
from ..load.yamlfile import load
from ..model import Company, make_guide
from ..theme import Theme
from .compose import Composer
from .edition import Edition, Run
from .plan import Sheet, chapters

PX_MM = 25.4 / 96
FIELDS = {  # CSS class in the print template → (profile key, Japanese name, English name)
    "field-pr": ("pr", "PR文", "PR text"),
    "field-products": ("products", "主な製品", "products"),
    "field-equipment": ("equipment", "主要設備", "equipment"),
    "field-summary": ("summary", "キャッチフレーズ", "summary"),
    "field-technologies": ("technologies", "技術", "technologies"),
    "field-capabilities": ("capabilities", "対応力", "capabilities"),
    "field-materials": ("materials", "対応材料", "materials"),
    "field-customers": ("customers", "主要取引先", "customers"),
    "field-certifications": ("certifications", "認証", "certifications"),
    "field-contact": ("contact", "連絡先", "contact"),
}
MAIN = ("field-pr", "field-products")
SIDE = ("field-customers", "field-materials", "field-capabilities", "field-technologies", "field-certifications")


def _boxes(box):
    yield box
    for child in getattr(box, "children", []) or []:
        yield from _boxes(child)


def _classes(box) -> set[str]:
    return set((box.element.get("class") or "").split()) if box.element is not None else set()


def measure(run: Run, company: Company, lang: str = "ja") -> dict:
    """Lay out one company page of the screen edition in `lang` on a tall page: {'over': mm beyond the text area,
    'main'/'side': column heights, field class → height in mm}."""
    chapter = next((t for t, cs in chapters(run.guide) if company in cs), company.industries[0])
    composer = Composer(run, Edition(lang))
    composer.qr_room[company.slug] = "none"  # the build makes room for the QR code or leaves it out (render.py)
    html = composer.measuring_html([Sheet("company", 1, chapter.label.get(lang), company=company, chapter=chapter,
                                          chapter_no=1)])
    document = weasyprint.HTML(string=html, base_url=composer.base_url,
                               url_fetcher=composer.fetcher()).render()
    page = document.pages[0]._page_box
    result: dict = {"over": 0.0}
    top = None
    bottom = 0.0
    for box in _boxes(page):
        classes = _classes(box)
        if "company" in classes:
            top = box.content_box_y()
        if {"co-head", "co-summary", "co-body", "co-equipment-block"} & classes:
            bottom = max(bottom, box.position_y + box.margin_height())
        for name in ("co-main", "co-side"):
            if name in classes:
                result[name] = box.margin_height() * PX_MM
        for cls in classes & FIELDS.keys():
            result[cls] = max(result.get(cls, 0), box.margin_height() * PX_MM)  # a table and its wrapper
    if top is not None:
        result["over"] = (bottom - top) * PX_MM - composer.geo.text_height
    return result


def _advice(company: Company, field: str, height: float, over: float, lang: str) -> tuple[str, str]:
    share = min(1.0, over / height) if height else 1.0
    if field == "field-pr":
        text = company.pr.get(lang) if company.pr else ""
        n = max(1, math.ceil(len(text) * share))
        return f"約 {n} 字（全 {len(text)} 字）", f"about {n} of {len(text)} characters"
    if field == "field-equipment":
        rows = len(company.equipment)
        n = min(rows, max(2, 2 * math.ceil(rows / 2 * share)))
        return f"{n} 行（全 {rows} 行）", f"{n} of {rows} rows"
    items = {"field-products": company.products, "field-customers": company.customers,
             "field-materials": company.materials, "field-capabilities": company.capabilities,
             "field-technologies": company.technologies, "field-certifications": company.certifications}.get(field, [])
    if items:
        n = min(len(items), max(1, math.ceil(len(items) * share)))
        return f"{n} 項目（全 {len(items)} 項目）", f"{n} of {len(items)} items"
    return f"{over:.0f} mm 分", f"{over:.0f} mm worth"


def fit_problems(run: Run, companies: list[Company], lang: str = "ja") -> list[Problem]:
    """An error for each of `companies` (of `run.guide`) whose page runs over, naming the field to shorten and by
    how much."""
    problems = []
    for company in companies:
        sizes = measure(run, company, lang)
        over = sizes["over"]
        if over <= 0.05:
            continue
        # The column that sets the height decides which fields can help; equipment always can.
        pool = MAIN if sizes.get("co-main", 0) >= sizes.get("co-side", 0) else SIDE
        candidates = [f for f in (*pool, "field-equipment") if sizes.get(f, 0) > 0]
        field = max(candidates, key=lambda f: sizes[f]) if candidates else "field-pr"
        key, name_ja, name_en = FIELDS[field]
        cut_ja, cut_en = _advice(company, field, sizes.get(field, 0), over, lang)
        path = company.folder / "company.yaml"
        line, col = 1, 1
        try:
            line, col = load(path).where((key,))
        except Exception:  # the profile already loaded once; a position is a nicety
            pass
        edition = "" if lang == "ja" else "（英語版）"
        edition_en = "" if lang == "ja" else " (English edition)"
        problems.append(Problem(
            str(path), line, col,
            f"印刷ページに {over:.1f} mm 収まりません{edition}。{name_ja}（{key}）を{cut_ja}減らしてください。 / "
            f"the printed page runs over by {over:.1f} mm{edition_en}: shorten {name_en} ({key}) by {cut_en}.",
            "error", "print-fit"))
    return problems


def check(content, slugs: list[str] | None = None) -> list[Problem]:
    """Print-fit errors for the named profiles (all when None) of validated content, in every edition language; for
    named profiles also the press preflight's errors of their page (presscheck.py)."""
    guide = make_guide(content)
    run = Run(guide, Theme.of(guide.site.theme), content.root)
    chosen = [c for c in guide.companies if slugs is None or c.slug in slugs]
    problems = []
    for lang in guide.site.languages:
        problems += fit_problems(run, chosen, lang)
    if slugs is None:  # the press preflight for named pages only: for every company it is the build's own
        return problems
    from .presscheck import press_problems

    over = {p.path for p in problems}  # a page that runs over is refused for that already
    found = press_problems(run, [c for c in chosen if str(c.folder / "company.yaml") not in over])
    return problems + found


def check_paths(root: Path, only: list[Path] | None) -> list[Problem]:
    """Print fit of the profiles named by folder or company.yaml path (all when None), for `validate --print-fit`."""
    if not only:
        return check(load_content(root))
    # only the named profiles are read: a page's layout depends on its own profile and the shared settings and
    # vocabularies, not on the thousands of other companies (reading them cost the pull-request check seconds)
    return check(load_content(root, only), [(p.parent if p.name == "company.yaml" else p).resolve().name for p in only])
