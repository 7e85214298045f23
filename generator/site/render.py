"""Stage 4, render site: every page of the static website, in Japanese and English, with relative links only."""
from __future__ import annotations

import posixpath
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from ..fieldguide import field_guide_page
from ..model import Company, Guide, Term
from ..opendata import open_data_page
from ..model.text import Text
from .images import publish_images
from .kana import kana_groups
from .publish_schema import write_schema
from .seo import write_robots, write_sitemap
from .templates import environment, strings

LANG_PREFIX = {"ja": "", "en": "en/"}


@dataclass
class PageCtx:
    """What a template knows about the page it renders: where it is and in which language."""

    lang: str
    path: str  # output path under the site root, e.g. "companies/x/index.html"
    title: str
    kind: str
    description: str = ""
    alternates: dict[str, str] = field(default_factory=dict)  # lang -> path

    def rel(self, target: str) -> str:
        """A link to `target` (a path under the site root) relative to this page, so any sub-path works."""
        here = posixpath.dirname(self.path)
        return posixpath.relpath(target, here or ".")

    @property
    def root(self) -> str:
        """Relative path from this page to the site root, ending in '/'."""
        depth = self.path.count("/")
        return "../" * depth or "./"


def company_path(company: Company, lang: str) -> str:
    """Where a company's page is written."""
    return f"{LANG_PREFIX[lang]}companies/{company.slug}/index.html"


def term_path(term: Term, lang: str) -> str:
    """Where the list page of one vocabulary term is written."""
    return f"{LANG_PREFIX[lang]}{term.taxonomy}/{term.key}/index.html"


def plan(guide: Guide) -> list[tuple[PageCtx, str, dict]]:
    """Every page of the site as (page, template, extra context), before anything is rendered."""
    pages = []
    langs = guide.site.languages

    def add(kind: str, template: str, paths: dict[str, str], title, extra=None, description=None):
        for lang in langs:
            name = title.get(lang) if isinstance(title, Text) else title
            desc = description.get(lang) if isinstance(description, Text) else (description or "")
            pages.append((PageCtx(lang, paths[lang], name, kind, desc, paths), template, extra or {}))

    def both(suffix: str) -> dict[str, str]:
        return {lang: LANG_PREFIX[lang] + suffix for lang in langs}

    add("home", "index.html", both("index.html"), guide.site.title, description=guide.site.title)
    add("search", "search.html", both("search/index.html"), Text("検索", "Search"))
    add("kana", "kana.html", both("kana/index.html"), Text("50音索引", "A–Z index (50音)"),
        {"groups": kana_groups(guide.companies)})
    for company in guide.companies:
        add("company", "company.html", {lang: company_path(company, lang) for lang in langs}, company.name,
            {"company": company}, company.summary)
    for name, taxonomy in guide.taxonomies.items():
        used = guide.used_terms(name)
        add("taxonomy", "taxonomy.html", both(f"{name}/index.html"), taxonomy.title,
            {"taxonomy": taxonomy, "used": used})
        for term, _count in used:
            add("term", "term.html", {lang: term_path(term, lang) for lang in langs}, term.label,
                {"term": term, "taxonomy": taxonomy, "companies": guide.companies_with(term)})
    for page in guide.pages:
        add("page", "page.html", both(f"pages/{page.slug}/index.html"), page.title, {"page_doc": page})
    for doc, paths in (field_guide_page(), open_data_page(guide)):  # generated pages, linked from the footer
        add("page", "page.html", paths, doc.title, {"page_doc": doc})
    return pages


def render_site(guide: Guide, out: Path, themes: list[Path], *, search_variants: bool = True) -> list[str]:
    """Render every page and copy assets and images into `out`; return the written paths."""
    env = environment(themes, guide, search_variants=search_variants)
    env.globals["images"] = publish_images(guide, out)  # first: pages need the sizes of the resized photos
    env.globals["site_logo"] = copy_site_logo(guide.site, out)
    texts = strings(themes)
    written = []
    pages = plan(guide)
    for page, template, extra in pages:
        html = env.get_template("site/" + template).render(page=page, guide=guide, site=guide.site, t=texts[page.lang], **extra)
        _write(out / page.path, html)
        written.append(page.path)
    not_found = PageCtx("ja", "404.html", "ページが見つかりません", "404", alternates={})
    _write(out / "404.html", env.get_template("site/404.html").render(page=not_found, guide=guide, site=guide.site,
                                                                 t=texts["ja"], t_en=texts["en"]))
    written.append("404.html")
    copy_assets(themes, out / "assets")
    write_schema(guide, out)
    if guide.site.base_url:  # a sitemap needs absolute addresses
        write_sitemap([(p.path, p.alternates) for p, _, _ in pages], guide.site.base_url, out)
    write_robots(guide.site.base_url, out)
    return written


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def copy_assets(themes: list[Path], dest: Path) -> None:
    """Copy the theme's static files, the municipality's theme overriding the default file by file."""
    for theme in reversed(themes):
        static = theme / "static"
        if static.is_dir():
            shutil.copytree(static, dest, dirs_exist_ok=True)


def copy_site_logo(site, out: Path) -> str | None:
    """The municipality's logo from site.yaml, copied into the assets; its path under the site root, or None."""
    if not site.logo or not site.logo.is_file():
        return None
    path = "assets/site-logo" + site.logo.suffix.lower()
    (out / "assets").mkdir(parents=True, exist_ok=True)
    shutil.copyfile(site.logo, out / path)
    return path
