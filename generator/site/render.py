"""Stage 4, render site: every page of the static website, in Japanese and English, with relative links only.

Rendering is incremental: while a page is rendered, what it read is recorded (record.py) and kept in the build state
(state.py) with the page's key. A rebuild evaluates the recorded reads against the new content: a page whose key is
the same is taken from the previous output, the others are rendered again, on all cores (parallel.fork_map).
"""
from __future__ import annotations

import hashlib
import os
import posixpath
import shutil
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

from ..fieldguide import field_guide_page
from ..model import Company, Guide, Term
from ..opendata import open_data_page
from ..files import link_or_copy
from ..search.variants import guide_concepts
from ..search.facets import company_facts, company_figures, facet_groups, panels
from ..search.vocabulary import write_search_data
from ..search.network import (facet_terms, municipality_facet, page_data as network_page_data, place_facet,
                              write_guidebook_file)
from ..model.text import Text
from ..parallel import fork_map, usable_cores
from ..search.shards import bundle_folders
from ..search.pagefind import pagefind_version
from ..state import State, code_digest, digest
from ..theme import Theme
from .favicon import write_favicons
from .freshness import reference_date
from .images import publish_images
from .kana import kana_groups, latin_groups
from .record import Resolver, essential, fingerprint, note, reads, recording, track, untrack
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
    """One page to render: where and in which language, its template and context."""

    page: PageCtx
    template: str
    extra: dict

    @property
    def artifact(self) -> str:
        """Its name in the build state."""
        return "site/" + self.page.path


@reads("slug")
def company_path(company: Company, lang: str) -> str:
    """Where a company's page is written."""
    return f"{LANG_PREFIX[lang]}companies/{company.slug}/index.html"


@reads()  # it notes what it reads itself: the name of each company, not the whole company
def alphabetical(companies: list[Company], lang: str) -> list[Company]:
    """Companies A–Z by their name in `lang` (the English pages' lists; the Japanese ones keep 50音 order)."""
    note({(f"c:{c.slug}", "name", "") for c in companies}, set())
    return sorted(companies, key=lambda c: (c.name.get(lang).casefold(), c.slug))


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


def plan(guide: Guide) -> list[Planned]:
    """Every page of the site, before anything is rendered."""
    pages: list[Planned] = []
    langs = guide.site.languages

    def add(kind: str, template: str, paths: dict[str, str], title, extra=None, description=None):
        for lang in langs:
            name = title.get(lang) if isinstance(title, Text) else title
            desc = description.get(lang) if isinstance(description, Text) else (description or "")
            pages.append(Planned(PageCtx(lang, paths[lang], name, kind, desc, paths), template, extra or {}))

    def both(suffix: str) -> dict[str, str]:
        return {lang: LANG_PREFIX[lang] + suffix for lang in langs}

    add("home", "index.html", both("index.html"), guide.site.title, description=guide.site.title)
    # the search pages list the search bundles, and every used term as a filter with its count
    facets = [(name, guide.taxonomies[name], facet_terms(guide, name)) for name in FACETS if name in guide.taxonomies]
    municipalities = municipality_facet(guide)  # with a network (site.yaml), the guidebooks searched together
    facets = [municipalities, *facets] if municipalities else facets
    places = place_facet(guide)  # with a network, areas as places: every guidebook's own (search/network.py)
    facets = [places if places and f[0] == "areas" else f for f in facets]
    facets += [(group.name, group, group.used) for group in panels(facet_groups(guide))]  # machines, ranges …
    add("search", "search.html", both("search/index.html"), Text("検索", "Search"), {"facets": facets})
    # the shortlist side by side (static/compare.js); which companies is in the browser, not in the page
    add("compare", "compare.html", both("compare/index.html"), Text("候補の比較", "Compare shortlist"))
    add("kana", "kana.html", both("kana/index.html"), Text("50音索引", "A–Z index"),
        {"groups": kana_groups(guide.companies), "latin": latin_groups(guide.companies)})
    for company in guide.companies:
        add("company", "company.html", {lang: company_path(company, lang) for lang in langs}, company.name,
            {"company": company}, company.summary)
    listed = listed_by_term(guide)
    for name, taxonomy in guide.taxonomies.items():
        used = guide.used_terms(name)
        add("taxonomy", "taxonomy.html", both(f"{name}/index.html"), taxonomy.title,
            {"taxonomy": taxonomy, "used": used})
        for term, _count in used:
            companies = listed[(name, term.key)]
            add("term", "term.html", {lang: term_path(term, lang) for lang in langs}, term.label,
                {"term": term, "taxonomy": taxonomy, "companies": companies})
    for page in guide.pages:
        add("page", "page.html", both(f"pages/{page.slug}/index.html"), page.title, {"page_doc": page})
    for doc, paths in (field_guide_page(), open_data_page(guide)):  # generated pages, linked from the footer
        add("page", "page.html", paths, doc.title, {"page_doc": doc})
    return pages


class Written(list):
    """The path of every page of the site (a list, as render_site always returned), and which ones were rendered
    by this call rather than taken unchanged from the previous output."""

    def __init__(self, pages: list[str], rendered: list[str]):
        super().__init__(pages)
        self.rendered = rendered


def render_site(guide: Guide, out: Path, themes: list[Path], *, search_variants: bool = True,
                previous: Path | None = None, processes: int | None = None, pdf: bool = False,
                state: State | None = None) -> Written:
    """Render the website into `out`: pages, assets, resized images, schema, sitemap; return the page paths.

    `previous` is the site folder of the last build (default: `out` itself, updated in place): pages whose key is
    unchanged since that build are taken from it (hard links when it is another folder) instead of rendered.
    `state` is the build's state (state.py); without one, the state file beside `previous` is read and the one
    beside `out` written. `processes` is how many processes render pages (default: the usable cores). `pdf` says
    that the build also makes the PDFs (the guidebook and each company's page), so that the pages link them.
    """
    previous = previous or out
    in_place = previous.resolve() == out.resolve()
    own_state = state is None
    if own_state:
        state = State.load(previous.parent)
        if in_place:
            State.forget(out.parent)  # `out` changes from here on: a build that dies half-way must not be trusted
    out.mkdir(parents=True, exist_ok=True)
    env = environment(themes, guide, search_variants=search_variants)
    images = publish_images(guide, out)  # first: pages need the sizes of the resized photos
    env.globals["images"] = images
    env.globals["site_logo"] = copy_site_logo(guide.site, out)
    env.globals["pdf"] = pdf
    from ..pdf.volumes import pdf_files  # here: the page plan it uses imports the site's kana groups
    books = {lang: pdf_files(guide, lang) for lang in guide.site.languages}  # one book, or its volumes
    env.globals["guidebook_pdfs"] = lambda lang: books.get(lang, [])
    env.globals.update(company_path=company_path, term_path=term_path, alphabetical=alphabetical)  # the paths the pages are written at
    bundles = bundle_folders(len(guide.companies))
    env.globals["search_bundles"] = lambda: bundles
    env.globals["search_facets"] = FACETS  # the company pages carry these filters, the search pages show them
    facts: dict[str, dict] = {}  # a company's filters, on its page in each language

    def search_facts(company: Company) -> dict:
        """The filters a company's pages carry (search/facets.py), made once for both languages."""
        if company.slug not in facts:
            facts[company.slug] = {**company_facts(company, guide), **company_figures(company, guide)}
        return facts[company.slug]

    env.globals["search_facts"] = search_facts
    texts = strings(themes)
    env.globals["search_network"] = network_page_data(guide, texts) if guide.site.network else None
    pages = plan(guide)
    # what every page depends on; the rest (templates, data) each page records as it reads it
    # without a month of issue, a company page counts the age of its information to the day of the build: a page
    # taken over from an earlier build would keep the age it said then
    counted_to = None if guide.site.issued else reference_date(guide.site)
    common = digest(code_digest(), guide.site, guide.taxonomies, guide.pages, texts, env.globals["site_logo"],
                    bundles, (search_variants, pdf, guide_concepts(guide)), books, counted_to)
    keys = _Keys(common, env, Resolver(guide, images))
    same = set()
    for item in pages:
        entry = state.entry(item.artifact)
        if entry is None or not (previous / item.page.path).is_file():  # a page deleted by hand is rendered again
            continue
        recorded = state.previous_reads_of(entry)
        if recorded is not None and keys.of(item, entry.get("templates", []), recorded) == entry["key"]:
            same.add(item.page.path)
            state.keep(item.artifact)
    if not in_place:
        take_over(previous, out, same)
    else:
        planned = {p.page.path for p in pages}
        remove_gone(out, {name[len("site/"):] for name in state.previous if name.startswith("site/")} - planned,
                    planned)
    for name in {p.template for p in pages}:
        env.get_template("site/" + name)  # compiled once here, not once per process

    company_card = env.get_template("site/macros.html").module.company_card
    cards: dict[tuple[str, str, str], tuple] = {}

    @reads()  # its reads are those of the macro, recorded when the card is made and noted again when it is reused
    def card(company: Company, page: PageCtx) -> str:
        """A company's card on a list page: the same on every list page of a language at the same depth."""
        key = (company.slug, page.lang, page.rel(company_path(company, page.lang)))
        made = cards.get(key)
        if made is None:
            with recording() as (read, loaded):
                loaded.add("site/macros.html")
                html = company_card(company, page, texts[page.lang])
            made = cards[key] = (html, frozenset(read), frozenset(loaded))
        else:
            note(made[1], made[2])
        return made[0]

    env.globals["card"] = card

    def render(i: int) -> tuple:
        item = pages[i]
        with recording() as (read, loaded):
            html = env.get_template("site/" + item.template).render(page=item.page, guide=guide, site=guide.site,
                                                                    t=texts[item.page.lang], **item.extra)
        _write(out / item.page.path, html)
        loaded, read = sorted(loaded), essential(read)
        return i, keys.of(item, loaded, read), loaded, read  # the key here: on the rendering process, not after

    todo = [i for i, p in enumerate(pages) if p.page.path not in same]
    track(guide, images)
    try:
        for i, key, loaded, read in render_all(render, todo, processes):
            state.put(pages[i].artifact, key, templates=loaded, reads=read)
    finally:
        untrack()
    copy_assets(themes, out / "assets")
    write_favicons(guide.site.color, guide.site.logo, out)
    write_not_found(env, guide, texts, out)
    write_schema(guide, out)
    write_search_data(guide, out, FACETS)
    write_guidebook_file(guide, out, pagefind_version())
    if guide.site.base_url:  # a sitemap needs absolute addresses
        write_sitemap([(p.page.path, p.page.alternates) for p in pages if p.page.kind != "compare"],
                      guide.site.base_url, out)
    write_robots(guide.site.base_url, out)
    if own_state:
        if in_place:  # the other stages' artifacts are still there
            for name in state.previous:
                if not name.startswith("site/"):
                    state.keep(name)
        state.save(out.parent)
    return Written([p.page.path for p in pages] + ["404.html"], [pages[i].page.path for i in todo] + ["404.html"])


def write_not_found(env, guide: Guide, texts: dict, out: Path) -> None:
    """404.html, which a host shows at whatever address was asked for (/a/b/c), so it cannot link relative to itself.

    With base_url its links are absolute under it. Without, they are written relative to the site root, and a small
    script in the page finds the root among the address's folders (the one holding assets/site.css) and rewrites
    them; the stylesheet is inside the page, so it looks right before and without that.
    """
    not_found = PageCtx("ja", "404.html", "ページが見つかりません", "404", alternates={}, base=guide.site.base_url)
    css = (out / "assets" / "site.css").read_text(encoding="utf-8")
    # the icon in the page too, until the script has found the real files: a guessed address would be a failed request
    icon = out / "favicon.svg"
    inline_icon = "data:image/svg+xml," + quote(icon.read_text(encoding="utf-8")) if icon.is_file() else ""
    _write(out / "404.html", env.get_template("site/404.html").render(page=not_found, guide=guide, site=guide.site,
                                                                     t=texts["ja"], t_en=texts["en"], css=css,
                                                                     inline_icon=inline_icon))


class _Keys:
    """The key of a page: what every page depends on, its place in the plan, the templates it loaded and the
    current values of what it read."""

    def __init__(self, common: str, env, resolver: Resolver):
        self.common, self.env, self.resolver = common, env, resolver
        self.sources: dict[str, str] = {}
        self.pieces: dict[tuple, bytes] = {}  # a read -> its bytes in a key: many pages make the same reads

    def template(self, name: str) -> str:
        found = self.sources.get(name)
        if found is None:
            try:
                source = self.env.loader.get_source(self.env, name)[0]
                found = hashlib.sha256(source.encode("utf-8")).hexdigest()[:32]
            except Exception:  # noqa: BLE001 - a template gone (or unreadable) since: the page is made again
                found = "missing"
            self.sources[name] = found
        return found

    def of(self, item: Planned, templates, read) -> str:
        h = hashlib.sha256(self.common.encode())
        page = item.page  # its fields, not the dataclass's repr (which costs more than the rest of a small key)
        h.update(fingerprint((item.template, page.lang, page.path, page.title, page.kind, page.description,
                              page.alternates, page.base, item.extra)).encode("utf-8"))
        for name in templates:
            h.update(f"\0{name}\0{self.template(name)}".encode("utf-8"))
        pieces = self.pieces
        for one in read:
            if one not in pieces:
                pieces[one] = f"\0{one}\0{self.resolver.fingerprint(one)}".encode("utf-8")
        h.update(b"".join([pieces[one] for one in read]))
        return h.hexdigest()[:32]


def take_over(previous: Path, out: Path, paths: set[str]) -> None:
    """Hard-link the unchanged pages of the previous output into `out` (never written to: it is published)."""
    made: set[Path] = set()
    for path in sorted(paths):
        dest = out / path
        if dest.parent not in made:
            dest.parent.mkdir(parents=True, exist_ok=True)
            made.add(dest.parent)
        dest.unlink(missing_ok=True)
        link_or_copy(previous / path, dest)


CHUNK = 32  # pages per task: a company's ja and en pages stay together (they share the search words)
MIN_PAGES = 200  # below this, forking costs more than it saves


def render_all(render, todo: list[int], processes: int | None = None) -> list:
    """[render(i) for i in todo], on forked processes when that pays (each writes its pages: no HTML crosses
    processes). A page depends only on the plan, so the output is the same for any number of processes."""
    processes = processes or (usable_cores() if len(todo) >= MIN_PAGES else 1)
    chunks = fork_map(lambda chunk: [render(i) for i in chunk], [todo[i:i + CHUNK] for i in range(0, len(todo), CHUNK)],
                      processes=processes)
    return [done for chunk in chunks for done in chunk]


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
    # O_EXCL: one system call where a new output folder is written (no mkdir, no unlink of a file that is not there)
    try:
        fd = os.open(path, _NEW_FILE, 0o666)
    except FileExistsError:
        os.unlink(path)
        fd = os.open(path, _NEW_FILE, 0o666)
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, _NEW_FILE, 0o666)
    with open(fd, "wb") as file:
        file.write(text.encode("utf-8"))


_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)


def copy_assets(themes: list[Path], dest: Path) -> None:
    """Copy the theme's static files, the municipality's theme overriding the default file by file."""
    Theme.from_folders(themes).copy_static(dest)


def copy_site_logo(site, out: Path) -> str | None:
    """The municipality's logo from site.yaml, copied into the assets; its path under the site root, or None."""
    if not site.logo or not site.logo.is_file():
        return None
    path = "assets/site-logo" + site.logo.suffix.lower()
    (out / "assets").mkdir(parents=True, exist_ok=True)
    shutil.copyfile(site.logo, out / path)
    return path
