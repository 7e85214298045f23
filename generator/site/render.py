"""Stage 4, render site: every page of the static website, in Japanese and English, with relative links only.

Rendering is incremental: each planned page has a digest of what it shows (deps.py); pages whose digest is the
same as in the previous output's manifest (manifest.py) are taken from it, the rest are rendered on all cores
(parallel.fork_map).
"""
from __future__ import annotations

import posixpath
import shutil
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..fieldguide import field_guide_page
from ..model import Company, Guide, Term
from ..opendata import open_data_page
from ..search.shards import bundle_folders
from ..search.variants import guide_concepts
from ..search.vocabulary import write_search_data
from ..model.text import Text
from ..parallel import fork_map, usable_cores
from .deps import company_digest, digest, listing_digest, site_digest
from .images import publish_images
from .kana import kana_groups
from .manifest import forget_manifest, read_manifest, unchanged, write_manifest
from .publish_schema import write_schema
from .seo import write_robots, write_sitemap
from .templates import environment, strings

LANG_PREFIX = {"ja": "", "en": "en/"}
FACETS = ("technologies", "industries", "areas", "certifications", "capabilities")  # search filters, in this order


@lru_cache(maxsize=1 << 16)  # the same links recur on every page of a folder depth (assets, lists, home)
def relative(target: str, here: str) -> str:
    """A link to `target` (a path under the site root) from the folder `here` (a folder under the root, "" for it).

    The same as posixpath.relpath for such paths, without its two abspath() calls (a page has dozens of links).
    """
    to = [p for p in target.split("/") if p and p != "."]
    start = [p for p in here.split("/") if p and p != "."]
    common = 0
    while common < len(to) and common < len(start) and to[common] == start[common]:
        common += 1
    return "/".join([".."] * (len(start) - common) + to[common:]) or "."


@dataclass
class PageCtx:
    """What a template knows about the page it renders: where it is and in which language."""

    lang: str
    path: str  # output path under the site root, e.g. "companies/x/index.html"
    title: str
    kind: str
    description: str = ""
    alternates: dict[str, str] = field(default_factory=dict)  # lang -> path
    base: str = ""  # absolute links under this address instead of relative ones (the 404 page, shown at any path)

    def rel(self, target: str) -> str:
        """A link to `target` (a path under the site root) relative to this page, so any sub-path works."""
        if self.base:
            return self.base + target
        return relative(target, self.path.rpartition("/")[0])

    @property
    def root(self) -> str:
        """Relative path from this page to the site root, ending in '/'."""
        depth = self.path.count("/")
        return self.base or "../" * depth or "./"


@dataclass
class Planned:
    """One page to render: where and in which language, its template and context, and what it shows."""

    page: PageCtx
    template: str
    extra: dict
    shows: tuple  # the data of this page beyond what every page shows (digested into its key, see deps.py)


def company_path(company: Company, lang: str) -> str:
    """Where a company's page is written."""
    return f"{LANG_PREFIX[lang]}companies/{company.slug}/index.html"


def term_path(term: Term, lang: str) -> str:
    """Where the list page of one vocabulary term is written."""
    return f"{LANG_PREFIX[lang]}{term.taxonomy}/{term.key}/index.html"


def listed_by_term(guide: Guide) -> dict[tuple[str, str], list[Company]]:
    """{(taxonomy, term key): companies in 50音 order}, in one pass over the companies."""
    listed: dict[tuple[str, str], list[Company]] = {}
    for company in guide.companies:
        for name in guide.taxonomies:
            for term in company.terms(name):
                companies = listed.setdefault((name, term.key), [])
                if not companies or companies[-1] is not company:  # a term written twice lists the company once
                    companies.append(company)
    return listed


def plan(guide: Guide, images: dict | None = None) -> list[Planned]:
    """Every page of the site, before anything is rendered, with the data each page shows."""
    images = images or {}
    pages: list[Planned] = []
    langs = guide.site.languages
    listing = {c.slug: listing_digest(c, images) for c in guide.companies}
    everyone = digest(*listing.values())

    def add(kind: str, template: str, paths: dict[str, str], title, extra=None, description=None, shows=()):
        for lang in langs:
            name = title.get(lang) if isinstance(title, Text) else title
            desc = description.get(lang) if isinstance(description, Text) else (description or "")
            pages.append(Planned(PageCtx(lang, paths[lang], name, kind, desc, paths), template, extra or {}, shows))

    def both(suffix: str) -> dict[str, str]:
        return {lang: LANG_PREFIX[lang] + suffix for lang in langs}

    add("home", "index.html", both("index.html"), guide.site.title, description=guide.site.title, shows=(everyone,))
    # the search pages list the search bundles, and every used term as a filter with its count
    facets = [(name, guide.taxonomies[name], guide.used_terms(name)) for name in FACETS if name in guide.taxonomies]
    add("search", "search.html", both("search/index.html"), Text("検索", "Search"), {"facets": facets},
        shows=(bundle_folders(len(guide.companies)), [(name, used) for name, _, used in facets]))
    add("kana", "kana.html", both("kana/index.html"), Text("50音索引", "A–Z index (50音)"),
        {"groups": kana_groups(guide.companies)}, shows=tuple((c.slug, c.name, c.kana) for c in guide.companies))
    for company in guide.companies:
        add("company", "company.html", {lang: company_path(company, lang) for lang in langs}, company.name,
            {"company": company}, company.summary, shows=(company_digest(company, images),))
    listed = listed_by_term(guide)
    for name, taxonomy in guide.taxonomies.items():
        used = guide.used_terms(name)
        add("taxonomy", "taxonomy.html", both(f"{name}/index.html"), taxonomy.title,
            {"taxonomy": taxonomy, "used": used}, shows=(used,))
        for term, _count in used:
            companies = listed[(name, term.key)]
            add("term", "term.html", {lang: term_path(term, lang) for lang in langs}, term.label,
                {"term": term, "taxonomy": taxonomy, "companies": companies},
                shows=tuple(listing[c.slug] for c in companies))
    for page in guide.pages:
        add("page", "page.html", both(f"pages/{page.slug}/index.html"), page.title, {"page_doc": page})
    for doc, paths in (field_guide_page(), open_data_page(guide)):  # generated pages, linked from the footer
        add("page", "page.html", paths, doc.title, {"page_doc": doc}, shows=(doc,))
    return pages


class Written(list):
    """The path of every page of the site (a list, as render_site always returned), and which ones were rendered
    by this call rather than taken unchanged from the previous output."""

    def __init__(self, pages: list[str], rendered: list[str]):
        super().__init__(pages)
        self.rendered = rendered


def render_site(guide: Guide, out: Path, themes: list[Path], *, search_variants: bool = True,
                previous: Path | None = None, processes: int | None = None, pdf: bool = False) -> Written:
    """Render the website into `out`: pages, assets, resized images, schema, sitemap; return the page paths.

    `previous` is the site folder of the last build (default: `out` itself, updated in place): pages whose digest
    is unchanged since that build are taken from it (hard links when it is another folder) instead of rendered.
    `processes` is how many processes render pages (default: the usable cores). `pdf` says that the build also
    makes the PDFs (the guidebook and each company's page), so that the pages link them.
    """
    previous = previous or out
    old = read_manifest(previous)
    out.mkdir(parents=True, exist_ok=True)
    if previous.resolve() == out.resolve():
        forget_manifest(out)  # `out` changes from here on: a build that dies half-way must not be trusted later
    env = environment(themes, guide, search_variants=search_variants)
    images = publish_images(guide, out)  # first: pages need the sizes of the resized photos
    env.globals["images"] = images
    env.globals["site_logo"] = copy_site_logo(guide.site, out)
    env.globals["pdf"] = pdf
    env.globals.update(company_path=company_path, term_path=term_path)  # the paths the pages are written at
    env.globals["search_bundles"] = lambda: bundle_folders(len(guide.companies))
    env.globals["search_facets"] = FACETS  # the company pages carry these filters, the search pages show them
    texts = strings(themes)
    pages = plan(guide, images)
    common = site_digest(guide, themes, env.globals["site_logo"], (search_variants, pdf, guide_concepts(guide)))
    digests = {p.page.path: digest(common, p.template, p.page, p.shows) for p in pages}
    same = unchanged(previous, out, old, digests)
    if previous.resolve() == out.resolve():
        remove_gone(out, set(old) - set(digests), digests)
    for name in {p.template for p in pages}:
        env.get_template("site/" + name)  # compiled once here, not once per process

    company_card = env.get_template("site/macros.html").module.company_card
    cards: dict[tuple[str, str, str], str] = {}

    def card(company: Company, page: PageCtx) -> str:
        """A company's card on a list page: the same on every list page of a language at the same depth."""
        key = (company.slug, page.lang, page.rel(company_path(company, page.lang)))
        made = cards.get(key)
        if made is None:
            made = cards[key] = company_card(company, page, texts[page.lang])
        return made

    env.globals["card"] = card

    def render(i: int) -> None:
        item = pages[i]
        html = env.get_template("site/" + item.template).render(page=item.page, guide=guide, site=guide.site,
                                                                t=texts[item.page.lang], **item.extra)
        _write(out / item.page.path, html)

    todo = [i for i, p in enumerate(pages) if p.page.path not in same]
    render_all(render, todo, processes)
    # a host shows 404.html at whatever address was asked for, so its links cannot be relative: they are absolute
    # under base_url, or under "/" when the site's address is not known (a site in a sub-path needs base_url)
    not_found = PageCtx("ja", "404.html", "ページが見つかりません", "404", alternates={}, base=guide.site.base_url or "/")
    _write(out / "404.html", env.get_template("site/404.html").render(page=not_found, guide=guide, site=guide.site,
                                                                 t=texts["ja"], t_en=texts["en"]))
    copy_assets(themes, out / "assets")
    write_schema(guide, out)
    write_search_data(guide, out, FACETS)
    if guide.site.base_url:  # a sitemap needs absolute addresses
        write_sitemap([(p.page.path, p.page.alternates) for p in pages], guide.site.base_url, out)
    write_robots(guide.site.base_url, out)
    write_manifest(out, digests)
    return Written([p.page.path for p in pages] + ["404.html"], [pages[i].page.path for i in todo] + ["404.html"])


CHUNK = 32  # pages per task: a company's ja and en pages stay together (they share the search words)
MIN_PAGES = 200  # below this, forking costs more than it saves


def render_all(render, todo: list[int], processes: int | None = None) -> None:
    """Call `render(i)` for every plan index in `todo`, on forked processes when that pays (each writes its pages:
    no HTML crosses processes). A page depends only on the plan, so the output is the same for any process count."""
    processes = processes or (usable_cores() if len(todo) >= MIN_PAGES else 1)
    fork_map(lambda chunk: [render(i) for i in chunk], [todo[i:i + CHUNK] for i in range(0, len(todo), CHUNK)],
             processes=processes)


def remove_gone(out: Path, gone: set[str], pages) -> None:
    """Delete pages an earlier build made that this one does not (a company left), with their own folders."""
    folders = {posixpath.dirname(p) for p in pages}
    for path in sorted(gone):
        if path.startswith("/") or ".." in path.split("/"):
            continue  # not a page of ours (a manifest edited by hand): never delete outside the site
        folder = posixpath.dirname(path)
        if folder and folder not in folders:
            shutil.rmtree(out / folder, ignore_errors=True)  # the page's folder: its resized photos went with it
        else:
            (out / path).unlink(missing_ok=True)


def _write(path: Path, text: str) -> None:
    """Write a new file: never into an existing one, which may be a hard link to a page of the previous output."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
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
