"""The page plan: every page of the guidebook and its number, known before anything is rendered.

Company pages, chapter dividers, notes pages and the back cover are one page each; the table of contents and the
indexes are made of fixed-height rows that never wrap, so their page counts follow from the number of rows. Only the
front pages (free Markdown) are measured, by rendering them first. With every number known, chunks of pages can be
rendered independently and in parallel, and a table of contents can name pages it has never seen.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Company, Guide, Term
from ..site.kana import kana_groups
from .layout import Geometry

# Pages per independently rendered (and cached) chunk. Each chunk is a WeasyPrint document that parses the stylesheet
# and loads the fonts again: company pages cost 8 % less CPU in chunks of 36 than of 12 (measured at N=1,000). The
# table of contents and the indexes cost the other way (hundreds of floated rows per page: 0.46 s a page in chunks
# of 12, 0.51 s in chunks of 36), so they stay in small chunks.
CHUNK_PAGES = 36
LISTING_CHUNK_PAGES = 12
LISTING_COST = 6  # a listing page costs about six company pages to render: the order in which chunks start


@dataclass
class Row:
    """One fixed-height line of the table of contents or of an index: a heading or an entry with its page."""

    text: str
    page: int | None = None
    head: bool = False
    level: int = 0
    lang: str | None = None  # set when the text is not in the edition's language (an untranslated name)


@dataclass
class Sheet:
    """One planned page: what it shows (`kind`) and its number in the finished booklet."""

    kind: str  # toc | chapter | company | index | notes | back
    number: int = 0
    running: str = ""  # the running header
    company: Company | None = None
    chapter: Term | None = None
    chapter_no: int = 0
    chapter_count: int = 0
    title: str = ""
    columns: list[list[Row]] = field(default_factory=list)
    anchor: str = ""  # the bookmark/link target id of the first page of a part

    @property
    def verso(self) -> bool:
        """Left-hand (even) pages carry the folio on the left, right-hand pages on the right."""
        return self.number % 2 == 0


@dataclass
class Chunk:
    """Consecutive pages rendered as one WeasyPrint document."""

    name: str
    sheets: list[Sheet]

    @property
    def start(self) -> int:
        return self.sheets[0].number

    @property
    def pages(self) -> int:
        return len(self.sheets)

    @property
    def cost(self) -> int:
        """Its rendering time in company pages, roughly: the longest chunks start first."""
        return sum(LISTING_COST if s.kind in ("toc", "index") else 1 for s in self.sheets)


@dataclass
class Plan:
    """All pages after the front matter, cut into chunks; `total` includes the front matter."""

    front_pages: int
    chunks: list[Chunk]
    chapters: list[tuple[Term, list[Company]]]
    outline: list[tuple[str, int, int]]  # (title, page, level) for PDF bookmarks
    rendered: dict[str, bool] = field(default_factory=dict)  # chunk name → True when it came from the cache

    @property
    def total(self) -> int:
        return self.front_pages + sum(c.pages for c in self.chunks)

    def sheets(self) -> list[Sheet]:
        return [s for c in self.chunks for s in c.sheets]

    def company_pages(self) -> dict[str, int]:
        """slug → page number of every company page."""
        return {s.company.slug: s.number for s in self.sheets() if s.kind == "company"}


def chapters(guide: Guide) -> list[tuple[Term, list[Company]]]:
    """Companies grouped into chapters by their first industry (or by area), in vocabulary order."""
    by = "areas" if guide.site.print.chapters == "area" else "industries"
    groups: dict[str, list[Company]] = {}
    for company in guide.companies:
        groups.setdefault(company.terms(by)[0].key, []).append(company)
    return [(term, groups[key]) for key, term in guide.taxonomies[by].terms.items() if key in groups]


INDEXES = [("technologies", "技術別索引", "Index by technology"),
           ("industries", "業種別索引", "Index by industry"),
           ("certifications", "認証別索引", "Index by certification"),
           ("areas", "地区別索引", "Index by area"),
           ("kana", "50音索引", "Index by name (50音)")]

STRINGS = {
    "toc": ("目次", "Contents"), "notes": ("メモ", "Notes"), "continued": ("（続き）", " (cont.)"),
}


def _s(key: str, lang: str) -> str:
    return STRINGS[key][0 if lang == "ja" else 1]


def _name_row(company: Company, page: int, lang: str, level: int = 1) -> Row:
    return Row(company.name.get(lang), page, level=level, lang=company.name.lang(lang) if lang == "en" else None)


def _paginate(rows: list[Row], per_column: int, columns: int, cont: str) -> list[list[list[Row]]]:
    """Fill columns of `per_column` rows, never leaving a heading at a column's foot; a group cut by a column
    break repeats its heading marked as continued."""
    pages: list[list[list[Row]]] = []
    column: list[Row] = []
    page: list[list[Row]] = []
    heading: Row | None = None

    def close_column():
        nonlocal column, page
        page.append(column)
        column = []
        if len(page) == columns:
            pages.append(page)
            page = []

    for row in rows:
        if row.head:
            heading = row
            if len(column) >= per_column - 1:
                close_column()
        elif len(column) >= per_column:
            close_column()
            if heading is not None:
                column.append(Row(heading.text + cont, head=True, level=heading.level))
        column.append(row)
    if column:
        page.append(column)
    if page:
        pages.append(page)
    return pages or [[[]]]


def _index_rows(guide: Guide, which: str, numbers: dict[str, int], lang: str) -> list[Row]:
    rows: list[Row] = []
    if which == "kana":
        for _key, label, companies in kana_groups(guide.companies):
            rows.append(Row(label[0] if lang == "ja" else label[1], head=True))
            rows += [_name_row(c, numbers[c.slug], lang) for c in companies]
        return rows
    for term, _count in guide.used_terms(which):
        rows.append(Row(term.label.get(lang), head=True))
        rows += [_name_row(c, numbers[c.slug], lang) for c in guide.companies_with(term)]
    return rows


def make_plan(guide: Guide, geo: Geometry, front_pages: int, lang: str = "ja") -> Plan:
    """Number every page after the `front_pages` (cover and front matter) and cut them into chunks."""
    chaps = chapters(guide)
    title = guide.site.title.get(lang)
    used_indexes = [ix for ix in INDEXES if ix[0] == "kana" or guide.used_terms(ix[0])]

    # Table-of-contents rows: chapters, their companies, the indexes. Their count fixes the TOC's length.
    toc_entries = sum(1 + len(companies) for _t, companies in chaps) + len(used_indexes)
    toc_rows_per_page = geo.rows * geo.toc_columns
    toc_pages = max(1, -(-(toc_entries + 2) // toc_rows_per_page))  # +2: a heading may not end a column

    number = front_pages + toc_pages
    body: list[Sheet] = []
    outline: list[tuple[str, int, int]] = [(_s("toc", lang), front_pages + 1, 0)]
    numbers: dict[str, int] = {}
    chapter_pages: list[int] = []
    for no, (term, companies) in enumerate(chaps, 1):
        number += 1
        chapter_pages.append(number)
        label = term.label.get(lang)
        body.append(Sheet("chapter", number, "", chapter=term, chapter_no=no, chapter_count=len(companies),
                          anchor=f"chapter-{term.key}"))
        outline.append((f"{no}. {label}", number, 0))
        for company in companies:
            number += 1
            numbers[company.slug] = number
            body.append(Sheet("company", number, label, company=company, chapter=term, chapter_no=no,
                              anchor=f"c-{company.slug}"))
            outline.append((company.name.get(lang), number, 1))

    index_sheets: list[Sheet] = []
    index_starts: list[tuple[str, int]] = []
    for which, ja, en in used_indexes:
        heading = ja if lang == "ja" else en
        pages = _paginate(_index_rows(guide, which, numbers, lang), geo.rows, geo.index_columns, _s("continued", lang))
        index_starts.append((heading, number + 1))
        outline.append((heading, number + 1, 0))
        for i, columns in enumerate(pages):
            number += 1
            index_sheets.append(Sheet("index", number, heading, title=heading if i == 0 else heading + _s(
                "continued", lang), columns=columns, anchor=f"index-{which}" if i == 0 else ""))

    # Notes pages pad the booklet (back cover included) to a multiple of pad_to_multiple: saddle stitching
    # needs multiples of 4, and a page that says メモ looks intended where a blank one looks like a mistake.
    multiple = max(1, guide.site.print.pad_to_multiple)
    notes = (-(number + 1)) % multiple
    tail = [Sheet("notes", number + i + 1, _s("notes", lang)) for i in range(notes)]
    number += notes + 1
    tail.append(Sheet("back", number))

    toc_rows: list[Row] = []
    for (term, companies), page in zip(chaps, chapter_pages):
        toc_rows.append(Row(term.label.get(lang), page, head=True))
        toc_rows += [_name_row(c, numbers[c.slug], lang) for c in companies]
    toc_rows += [Row(heading, page, head=True) for heading, page in index_starts]
    toc_columns = _paginate(toc_rows, geo.rows, geo.toc_columns, _s("continued", lang))
    if len(toc_columns) > toc_pages:  # cannot happen with the +2 margin above; a wrong number must never print
        raise AssertionError(f"table of contents needs {len(toc_columns)} pages, planned {toc_pages}")
    toc_columns += [[[]]] * (toc_pages - len(toc_columns))
    toc = [Sheet("toc", front_pages + 1 + i, _s("toc", lang), title=_s("toc", lang) if i == 0 else "",
                 columns=cols, anchor="toc" if i == 0 else "") for i, cols in enumerate(toc_columns)]

    chunks = [Chunk("toc", toc)]
    for i in range(0, len(body), CHUNK_PAGES):
        chunks.append(Chunk(f"body-{i // CHUNK_PAGES:04d}", body[i:i + CHUNK_PAGES]))
    for i in range(0, len(index_sheets), LISTING_CHUNK_PAGES):
        chunks.append(Chunk(f"index-{i // LISTING_CHUNK_PAGES:04d}", index_sheets[i:i + LISTING_CHUNK_PAGES]))
    chunks.append(Chunk("back", tail))
    for sheet in toc + index_sheets + tail:
        sheet.running = sheet.running or title
    return Plan(front_pages, chunks, chaps, outline)
