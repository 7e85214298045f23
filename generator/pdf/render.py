"""Stage 6, render PDF: lay out the guidebook with WeasyPrint from the print templates of the theme."""
from __future__ import annotations

from pathlib import Path

from ..model import Company, Guide, Term
from ..site.kana import kana_groups
from ..site.templates import environment
from .fetcher import ContentOnlyFetcher
from .fonts import check_fonts


def theme_file(themes: list[Path], relative: str) -> Path:
    """The first theme's copy of a file (the municipality's theme wins over the default)."""
    for theme in themes:
        if (theme / relative).is_file():
            return theme / relative
    raise FileNotFoundError(relative)


def chapters(guide: Guide) -> list[tuple[Term, list[Company]]]:
    """Companies grouped into chapters by their first industry (or by area), in vocabulary order."""
    by = "areas" if guide.site.print.chapters == "area" else "industries"
    groups: dict[str, list[Company]] = {}
    for company in guide.companies:
        groups.setdefault(company.terms(by)[0].key, []).append(company)
    return [(term, groups[key]) for key, term in guide.taxonomies[by].terms.items() if key in groups]


def print_html(guide: Guide, themes: list[Path], lang: str = "ja") -> str:
    """The whole guidebook as one HTML document for WeasyPrint."""
    env = environment(themes, guide)
    return env.get_template("print/guidebook.html").render(
        guide=guide, site=guide.site, lang=lang, chapters=chapters(guide), kana_groups=kana_groups(guide.companies),
        css_url=theme_file(themes, "print/guidebook.css").resolve().as_uri(),
        paper=guide.site.print.paper)


def render_pdf(guide: Guide, out: Path, themes: list[Path], content_root: Path, lang: str = "ja") -> int:
    """Write the guidebook PDF to `out`; return its page count."""
    from weasyprint import HTML  # imported late: Pango is only needed when a PDF is made

    check_fonts()
    fetcher = ContentOnlyFetcher([content_root, *themes])
    document = HTML(string=print_html(guide, themes, lang), base_url=content_root.resolve().as_uri() + "/",
                    url_fetcher=fetcher).render()
    document.write_pdf(out)
    return len(document.pages)
