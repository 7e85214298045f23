"""The page plan: every page of the guidebook and its number, known before anything is rendered.

The book is made of parts (sections): the industry groups of the vocabulary (one part per chapter where it has
none), each with one divider and one thumb-tab position; the chapters (industries or areas) run on inside their
part. A company page holds one company, or two short ones whose measured heights add up to a page (measure.py). Dividers, notes pages and the back cover are one page each; the table of
contents and the indexes are made of fixed-height rows that never wrap, so their page counts follow from the number
of rows. Only the front pages (free Markdown) are measured, by rendering them first. With every number known, chunks
of pages can be rendered independently and in parallel, and a table of contents can name pages it has never seen.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Company, Guide, Term, Text
from ..model.romaji import romanize
from ..site.kana import kana_groups
from .edition import Edition
from .layout import HALF_GAP_MM, Geometry

# Pages per independently rendered (and cached) chunk. Each chunk is a WeasyPrint document that parses the stylesheet
# and loads the fonts again: company pages cost 8 % less CPU in chunks of 36 than of 12 (measured at N=1,000). The
# table of contents and the indexes cost the other way (hundreds of floated rows per page: 0.46 s a page in chunks
# of 12, 0.51 s in chunks of 36), so they stay in small chunks; the index chunks, which start first and side by
# side, also have the largest heap per page: chunks of 6 keep two of them within the memory budget
# (bench/RESULTS.md) for the same time per page.
CHUNK_PAGES = 36
LISTING_CHUNK_PAGES = 6
LISTING_COST = 6  # a listing page costs about six company pages to render: the order in which chunks start


@dataclass
class Row:
    """One fixed-height line of the table of contents or of an index: a heading or an entry with its page."""

    text: str
    page: int | None = None
    head: bool = False
    level: int = 0
    lang: str | None = None  # set when the text is not in the edition's language (an untranslated name)
    more: bool = False  # the next line of a name too long for one row (the page number stands on its last line)
    open: bool = False  # a heading's line that its next row continues (no rule under it)


@dataclass
class Section:
    """A part of the book: one divider page, one thumb-tab position, one or more chapters."""

    number: int
    key: str
    label: Text
    chapters: list[tuple[Term, list[Company]]]

    @property
    def count(self) -> int:
        return sum(len(companies) for _t, companies in self.chapters)


@dataclass
class Sheet:
    """One planned page: what it shows (`kind`) and its number in the finished booklet."""

    kind: str  # toc | chapter (a part's divider) | company | pair | index | notes | inside (表3, blank) | back
    number: int = 0
    running: str = ""  # the running header
    company: Company | None = None
    chapter: Term | None = None  # the company's chapter (industry or area)
    chapter_no: int = 0  # the part's number: its divider and its thumb-tab position
    chapter_count: int = 0
    title: str = ""  # a divider's part title, a listing page's heading
    columns: list[list[Row]] = field(default_factory=list)
    anchor: str = ""  # the bookmark/link target id of the first page of a part
    pair: list[tuple[Term, Company]] = field(default_factory=list)  # the two companies of a shared page
    lines: list[tuple[str, int, int]] = field(default_factory=list)  # a divider's chapters: label, companies, page
    subtitle: str = ""  # a divider's title in the other language
    part: str = ""  # the label of the part a company page belongs to (its thumb tab)
    memo: float = 0.0  # mm a lone short profile leaves free at the foot of its page: ruled for notes (メモ)
    row_mm: float = 0.0  # an index page's rows when closer than the standard (layout_choice), else 0
    slot: float = 0.0  # a shared page's upper half, in mm (half_slot): where the rule between the two companies lies

    @property
    def verso(self) -> bool:
        """Left-hand (even) pages carry the folio on the left, right-hand pages on the right."""
        return self.number % 2 == 0

    @property
    def shown(self) -> list[Company]:
        """The companies on this page."""
        return [c for _t, c in self.pair] if self.kind == "pair" else [self.company] if self.company else []


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
        return {c.slug: s.number for s in self.sheets() for c in s.shown}


def chapters(guide: Guide) -> list[tuple[Term, list[Company]]]:
    """Companies grouped into chapters by their first industry (or by area), in vocabulary order."""
    by = "areas" if guide.site.print.chapters == "area" else "industries"
    groups: dict[str, list[Company]] = {}
    for company in guide.companies:
        groups.setdefault(company.terms(by)[0].key, []).append(company)
    return [(term, groups[key]) for key, term in guide.taxonomies[by].terms.items() if key in groups]


def sections(guide: Guide) -> list[Section]:
    """The parts of the book: the vocabulary's groups in their order, each with its chapters, when every chapter's
    term has a group (the sample's industries are grouped as METI's statistics group them); else one part per
    chapter. Nineteen dividers for nineteen chapters of one or two companies each wasted paper."""
    by = "areas" if guide.site.print.chapters == "area" else "industries"
    groups = guide.taxonomies[by].groups
    chaps = chapters(guide)
    if not groups or any(term.group not in groups for term, _cs in chaps):
        return [Section(i, term.key, term.label, [(term, cs)]) for i, (term, cs) in enumerate(chaps, 1)]
    parts = [(key, label, [(t, cs) for t, cs in chaps if t.group == key]) for key, label in groups.items()]
    return [Section(i, key, label, members) for i, (key, label, members) in
            enumerate((p for p in parts if p[2]), 1)]


# A short profile alone on its page (no partner in its chapter fits) that leaves at least half of the text area white
# gets a ruled notes area (メモ) there, as municipal guidebooks do, so that the page reads as meant and a buyer can
# write on it at a visit; a page less empty than that ends in plain white (ruled lines under every short profile, 12
# pages of the sample, made the book look like a form: the prepress tester, session 14).
MEMO_MIN_SHARE = 0.5
MEMO_LINE_MM = 9.0  # the pitch of the ruled lines, as on the notes pages
MEMO_HEAD_MM = 6.0  # the メモ heading above them
SLACK_MM = 1.5  # two profiles this close to filling a page get a page each: sums of mm round differently in layout


def memo_height(free: float) -> float:
    """The height of the notes area in `free` mm at a page's foot: a whole number of ruled lines, so that its last
    line lies on the foot of the text area on every page that has one."""
    return MEMO_HEAD_MM + MEMO_LINE_MM * ((free - MEMO_HEAD_MM) // MEMO_LINE_MM)


def shared_room(geo: Geometry) -> float:
    """How tall two profiles sharing a page may be together (mm): the text area less the gap between them."""
    return geo.text_height - HALF_GAP_MM - SLACK_MM


def half_slot(geo: Geometry, upper: float, lower: float) -> float:
    """How tall the upper half of a shared page is made (mm, to a tenth, down) for companies `upper` and `lower` mm
    tall: half of the text area less the gap, so that the rule between them lies on the middle of the text area on
    every shared page of the book and each company has a half page of its own, its white at its own foot (the white
    of two short profiles all at the page's foot, ≈ 60 mm, looked unfinished); no less than the upper one needs, and
    no more than leaves room for the lower one."""
    half = (geo.text_height - HALF_GAP_MM) / 2
    return int(max(upper, min(half, shared_room(geo) - lower)) * 10) / 10


def company_pages(section: Section, heights: dict[str, float], room: float) -> list[list[tuple[Term, Company]]]:
    """The company pages of a part in order: one company each, or two measured ones (`heights`, mm) whose heights
    add up to at most `room`.

    A company shares the first page of its chapter that has room for it; the chapter's shortest single page goes to
    the chapter's end, where the next chapter's companies may join it, so chapters stay together and in order."""
    pages: list[list[tuple[Term, Company]]] = []
    waiting: list[list[tuple[Term, Company]]] = []  # the previous chapter's last page, when it holds one company
    for term, companies in section.chapters:
        mine: list[list[tuple[Term, Company]]] = []
        single: list[list[tuple[Term, Company]]] = list(waiting)
        for company in companies:
            height = heights.get(company.slug)
            page = next((p for p in single if height is not None and heights[p[0][1].slug] + height <= room), None)
            if page is not None:
                page.append((term, company))
                single.remove(page)
                continue
            mine.append([(term, company)])
            if height is not None:
                single.append(mine[-1])
        shortest = min((p for p in single if any(p is m for m in mine)), key=lambda p: heights[p[0][1].slug],
                       default=None)
        if shortest is not None:
            mine = [p for p in mine if p is not shortest] + [shortest]
        waiting = [shortest] if shortest is not None else []
        pages += mine
    return pages


INDEXES = [("technologies", "技術別索引", "Index by technology"),
           ("industries", "業種別索引", "Index by industry"),
           ("certifications", "認証別索引", "Index by certification"),
           ("areas", "地区別索引", "Index by area"),
           ("kana", "50音索引", "Index by name (A–Z)")]

STRINGS = {
    "toc": ("目次", "Contents"), "notes": ("メモ", "Notes"), "continued": ("（続き）", " (cont.)"),
    "index": ("索引", "Indexes"),
}


def _s(key: str, lang: str) -> str:
    return STRINGS[key][0 if lang == "ja" else 1]


# What a name has of a listing's column (mm): the entry's indent, the room kept for the page number and the gap
# before it (guidebook.css .rows), and the type size of the table of contents and of the indexes.
NAME_ROOM = {"toc": (4 + 8 + 1.2 + .5, 8.6), "index": (3 + 8 + 1.2 + .5, 7.6),
             # an index's heading: its indent and no page number; bold, measured as 8 % wider than the regular face
             "heading": (1.5 + .5, 7.6 * 1.08),
             "toc-heading": (1.5 + 8 + 1.2 + .5, 8.6 * 1.08)}  # a chapter's heading in the contents, with its page
MORE_INDENT_MM = 3.0  # a name's next line stands this much further in (.rows li.more)


def name_lines(text: str, column_mm: float, listing: str) -> list[str]:
    """`text` in lines that fit a listing's column, broken between words (between BudouX phrases in Japanese), a
    word wider than a line between its characters: a name is never cut short with an ellipsis (its text layer read
    "Co.o., Ltd." in the English edition) and never runs into its page number."""
    from .compose import _parser
    from .unbroken import width_mm

    less, size = NAME_ROOM[listing]
    room = column_mm - less
    if width_mm(text, size) <= room:
        return [text]
    # "Co., Ltd." is one word: a line never ends in "Co.,"
    words = re.split(r"(?<!Co\.,) ", text) if " " in text else _parser().parse(text)
    glue = " " if " " in text else ""
    lines: list[str] = []
    line = ""
    for word in words:
        fits = room - (MORE_INDENT_MM if lines else 0)
        joined = line + glue + word if line else word
        if width_mm(joined, size) <= fits:
            line = joined
            continue
        if line:
            lines.append(line)
            fits = room - MORE_INDENT_MM
        while width_mm(word, size) > fits:  # one word wider than a line
            cut = max(1, max(n for n in range(1, len(word) + 1) if n == 1 or width_mm(word[:n], size) <= fits))
            lines.append(word[:cut])
            word = word[cut:]
        line = word
    if line:
        lines.append(line)
    return lines


def _name_row(company: Company, page: int | None, lang: str, level: int = 2, column_mm: float = 0.0,
              listing: str = "index") -> list[Row]:
    """A company's row in a listing, or its rows when its name needs more than one (`column_mm` wide)."""
    text = company.name.get(lang)
    lines = name_lines(text, column_mm, listing) if column_mm else [text]
    written = company.name.lang(lang) if lang == "en" else None
    return [Row(line, page if i == len(lines) - 1 else None, level=level, lang=written, more=i > 0)
            for i, line in enumerate(lines)]


def column_width(geo: Geometry, listing: str) -> float:
    """How wide one column of the table of contents or of an index is (mm), as guidebook.css sets it."""
    columns = geo.toc_columns if listing == "toc" else geo.index_columns
    return (geo.width - geo.inner - geo.outer - 6 * (columns - 1)) / columns - .2


def _paginate(rows: list[Row], per_column: int, columns: int, cont: str,
              wrap=None) -> list[list[list[Row]]]:
    """Fill columns of `per_column` rows, never leaving headings at a column's foot (a heading goes with its first
    entry); a group cut by a column break repeats its deepest heading marked as continued (in the lines `wrap`
    breaks it into, when given: a heading of two lines)."""
    pages: list[list[list[Row]]] = []
    column: list[Row] = []
    page: list[list[Row]] = []
    heading: list[Row] = []  # the deepest heading's lines

    def close_column():
        nonlocal column, page
        page.append(column)
        column = []
        if len(page) == columns:
            pages.append(page)
            page = []

    def run(start: int, key: str) -> int:
        """How many rows from `start` on have `key` set (counted, not sliced: a slice per row made this quadratic)."""
        end = start
        while end < len(rows) and getattr(rows[end], key):
            end += 1
        return end - start

    for i, row in enumerate(rows):
        if row.head:
            heads = run(i, "head")
            heading = heading + [row] if row.more else [row]
            if column and len(column) + heads >= per_column and (i == 0 or not rows[i - 1].head):
                close_column()
        elif not row.more and len(column) + 1 + run(i + 1, "more") > per_column:
            close_column()  # a name's lines stay together
            if heading:
                glue = " " if any(" " in r.text for r in heading) else ""  # name_lines broke it between words
                whole = glue.join(r.text for r in heading) + cont
                lines = wrap(whole) if wrap is not None else [whole]
                column += [Row(line, head=True, level=heading[0].level, more=n > 0, open=n < len(lines) - 1)
                           for n, line in enumerate(lines)]
        column.append(row)
    if column:
        page.append(column)
    if page:
        pages.append(page)
    return pages or [[[]]]


def name_key(company: Company, lang: str) -> str:
    """How the name index sorts a company: 50音 (the model's order) in Japanese, A–Z by the English (or
    romanised) name in English."""
    if lang == "ja":
        return ""
    return (company.name.en or romanize(company.kana)).casefold()


def _name_groups(guide: Guide, lang: str) -> list[tuple[str, list[Company]]]:
    if lang == "ja":
        return [(label[0], companies) for _key, label, companies in kana_groups(guide.companies)]
    groups: dict[str, list[Company]] = {}
    for company in sorted(guide.companies, key=lambda c: (name_key(c, lang), c.slug)):
        first = name_key(company, lang)[:1].upper()
        groups.setdefault(first if "A" <= first <= "Z" else "#", []).append(company)
    return sorted(groups.items(), key=lambda g: (g[0] == "#", g[0]))


def heading_rows(text: str, column_mm: float, listing: str, page: int | None = None) -> list[Row]:
    """A chapter's or a term's heading in a listing, on two lines or more when it is too long for one ("Lumber and wood
    products (except furniture)" and "Electronic parts, devices and electronic circuits" were cut at the column's
    edge); its page number, if any, on the last."""
    lines = name_lines(text, column_mm, listing)
    return [Row(line, page if n == len(lines) - 1 else None, head=True, level=1, more=n > 0, open=n < len(lines) - 1)
            for n, line in enumerate(lines)]


def _index_rows(guide: Guide, which: str, lang: str, column_mm: float,
                numbered: list[tuple[Row, str]]) -> list[Row]:
    """An index's rows; the row of each company that carries its page number goes to `numbered` with the company's
    slug, to be given its number once the pages are numbered (how many rows an index has does not depend on them)."""
    def entry(company: Company) -> list[Row]:
        lines = _name_row(company, None, lang, column_mm=column_mm)
        numbered.append((lines[-1], company.slug))
        return lines

    rows: list[Row] = []
    if which == "kana":
        for label, companies in _name_groups(guide, lang):
            rows.append(Row(label, head=True, level=1))
            rows += [r for c in companies for r in entry(c)]
        return rows
    for term, _count in guide.used_terms(which):
        rows += heading_rows(term.label.get(lang), column_mm, "heading")
        companies = guide.companies_with(term)  # 50音 order
        if lang != "ja":  # A–Z by the name printed: in 50音 order an English reader saw Axis, Arai, Ishiguro …
            companies = sorted(companies, key=lambda c: (name_key(c, lang), c.slug))
        rows += [r for c in companies for r in entry(c)]
    return rows


def layout_choice(starts: int, parts: list[int], index_pages: dict[int, int], multiple: int,
                  closing: int) -> tuple[int, int, int]:
    """(pages in all, index rows per column, the first part that may open on a left-hand page) of the shortest book:
    `starts` is the last page before the first part, `parts` each part's pages (divider and company pages),
    `index_pages` the index's pages for each number of rows per column (the standard first), `multiple` what the
    page count is padded to with notes pages, `closing` the pages after them (the back cover, 表3).

    Every part opens on a right-hand page, after a notes page where needed, and the index keeps its standard row,
    unless that is what makes the booklet a sheet longer (four pages of the pad): then the index's rows close up
    (down to INDEX_ROW_MIN_MM) first, and only then the last parts open on the next page, left or right, from the last
    one backwards. A booklet whose index ran a few rows onto a new page, or whose notes before a part and after the
    index added up to a sheet, printed three notes pages at its end (the English sample: 48 pages for the Japanese
    edition's 44)."""
    def total(per_column: int, verso_from: int) -> int:
        number = starts
        for k, pages in enumerate(parts):
            if number % 2 == 1 and k < verso_from:
                number += 1  # a notes page: the part opens on the right
            number += pages
        number += index_pages[per_column]
        return number + (-(number + closing)) % multiple + closing

    options = [(total(per_column, verso_from), -verso_from, per_column)
               for verso_from in range(len(parts), -1, -1) for per_column in index_pages]
    pages, verso_from, per_column = min(options)
    return pages, per_column, -verso_from


def _running(page: list[tuple[Term, Company]], lang: str) -> str:
    labels = list(dict.fromkeys(term.label.get(lang) for term, _c in page))
    return " / ".join(labels)


def make_plan(guide: Guide, geo: Geometry, front_pages: int, edition: Edition = Edition(),
              heights: dict[str, float] | None = None) -> Plan:
    """Number every page of `edition` after the `front_pages` (cover and front matter) and cut them into chunks;
    `guide` is the edition's (a volume's companies only); `heights` are the measured heights (mm) of the profiles
    short enough to share a page with another (measure.py). A volume's parts are numbered as in the whole book and
    its table of contents ends with the list of the set (volumes.py). A perfect-bound press file (cover.py) has the
    page before the back cover blank (表3), as the front pages hold a blank 表2: the four cover pages go to the
    cover board, and everything the book says stays in the body."""
    lang, volume, perfect = edition.lang, edition.volume, edition.perfect(guide)
    parts = volume.parts if volume is not None else sections(guide)
    toc_tail = volume.set_rows(lang) if volume is not None else None
    chaps = [chapter for part in parts for chapter in part.chapters]
    title = guide.site.title.get(lang)
    used_indexes = [ix for ix in INDEXES if ix[0] == "kana" or guide.used_terms(ix[0])]
    own_heads = [not (len(p.chapters) == 1 and p.chapters[0][0].key == p.key) for p in parts]

    # Table-of-contents rows: parts, their chapters, their companies, the indexes. Their count fixes its length.
    toc_width = column_width(geo, "toc")
    wrapped = sum(len(name_lines(c.name.get(lang), toc_width, "toc")) - 1 for _t, cs in chaps for c in cs) + sum(
        len(name_lines(t.label.get(lang), toc_width, "toc-heading")) - 1 for part, own in zip(parts, own_heads) if own
        for t, _cs in part.chapters)
    toc_entries = (sum(1 + len(cs) for _t, cs in chaps) + sum(own_heads) + len(used_indexes) + len(toc_tail or [])
                   + wrapped)
    # a column may lose up to three rows: two headings moved on to the next column, one repeated heading (and one
    # more when a name of two lines moves on whole)
    toc_pages = max(1, -(-toc_entries // (geo.toc_columns * (geo.rows - 3 - (1 if wrapped else 0)))))

    # The company pages of each part, and the indexes' rows (their numbers come once the pages are numbered): how
    # many pages each takes decides the layout of the book (layout_choice).
    groups = [company_pages(part, heights or {}, shared_room(geo)) for part in parts]
    index_width = column_width(geo, "index")
    numbered: list[tuple[Row, str]] = []
    rows: list[Row] = []
    for which, ja, en in used_indexes:
        rows.append(Row(ja if lang == "ja" else en, head=True, level=0))
        rows += _index_rows(guide, which, lang, index_width, numbered)

    def paginate(per_column: int) -> list[list[list[Row]]]:
        return _paginate(rows, per_column, geo.index_columns, _s("continued", lang),
                         wrap=lambda text: name_lines(text, index_width, "heading"))

    multiple = max(1, guide.site.print.pad_to_multiple)
    closing = 2 if perfect else 1  # the back cover, and the inside back cover when it is cut away with it
    paginated = {geo.index_rows: paginate(geo.index_rows)}
    for per_column in range(geo.index_rows + 1, geo.index_rows_min + 1):  # closer rows, as far as the floor
        paginated[per_column] = paginate(per_column)
    _total, per_column, verso_from = layout_choice(
        front_pages + toc_pages, [1 + len(g) for g in groups], {n: len(p) for n, p in paginated.items()}, multiple,
        closing)

    number = front_pages + toc_pages
    body: list[Sheet] = []
    outline: list[tuple[str, int, int]] = [(_s("toc", lang), front_pages + 1, 0)]
    numbers: dict[str, int] = {}
    part_pages: list[int] = []
    tabs = guide.taxonomies["areas" if guide.site.print.chapters == "area" else "industries"].tabs  # short forms
    for k, (part, own, group) in enumerate(zip(parts, own_heads, groups)):
        if number % 2 == 1 and k < verso_from:
            # every part opens on a right-hand page, as a book's chapters do: the left-hand page before it is a notes
            # page (the book's page count is padded to a multiple of 4 afterwards, so this often costs no paper; where
            # it would cost a sheet, the last parts open on the next page instead: layout_choice)
            number += 1
            body.append(Sheet("notes", number, _s("notes", lang)))
        number += 1
        part_pages.append(number)
        label = part.label.get(lang)
        divider = Sheet("chapter", number, "", chapter_no=part.number, chapter_count=part.count, title=label,
                        subtitle=part.label.en if lang == "ja" and part.label.en else "", anchor=f"chapter-{part.key}")
        body.append(divider)
        outline.append((f"{part.number}. {label}", number, 0))
        firsts: dict[str, int] = {}
        for page in group:
            number += 1
            for term, company in page:
                numbers[company.slug] = number
                firsts.setdefault(term.key, number)
                outline.append((company.name.get(lang), number, 1))
            term, company = page[0]
            common = dict(chapter=term, chapter_no=part.number, anchor=f"c-{company.slug}", part=tabs.get(part.key, label))
            if len(page) == 1:
                free = geo.text_height - heights[company.slug] - HALF_GAP_MM if company.slug in (heights or {}) else 0
                body.append(Sheet("company", number, _running(page, lang), company=company,
                                  memo=memo_height(free) if free >= geo.text_height * MEMO_MIN_SHARE else 0.0,
                                  **common))
            else:
                slot = half_slot(geo, heights[page[0][1].slug], heights[page[1][1].slug])
                body.append(Sheet("pair", number, _running(page, lang), pair=page, slot=slot, **common))
        divider.lines = [(t.label.get(lang), len(cs), firsts[t.key]) for t, cs in part.chapters] if own else []

    index_sheets: list[Sheet] = []
    index_starts: list[tuple[str, int]] = []
    heading = _s("index", lang)
    for row, slug in numbered:
        row.page = numbers[slug]
    pitch = 0.0 if per_column == geo.index_rows else geo.index_pitch(per_column)
    for i, columns in enumerate(paginated[per_column]):
        number += 1
        starts = [r.text for column in columns for r in column if r.head and r.level == 0 and r.page is None]
        index_starts += [(text, number) for text in starts]
        keys = [which for which, ja, en in used_indexes if (ja if lang == "ja" else en) in starts]
        index_sheets.append(Sheet("index", number, heading, title=heading if i == 0 else heading + _s(
            "continued", lang), columns=columns, anchor=f"index-{keys[0]}" if keys else "", row_mm=pitch))
    outline += [(text, page, 0) for text, page in index_starts]

    # Notes pages pad the booklet (back cover included) to a multiple of pad_to_multiple: saddle stitching
    # needs multiples of 4, and a page that says メモ looks intended where a blank one looks like a mistake.
    # A perfect-bound body (the book less its four cover pages) is then a multiple of it as well.
    notes = (-(number + closing)) % multiple
    tail = [Sheet("notes", number + i + 1, _s("notes", lang)) for i in range(notes)]
    number += notes
    if perfect:
        number += 1
        tail.append(Sheet("inside", number))
    number += 1
    tail.append(Sheet("back", number))

    toc_rows: list[Row] = []
    for part, own, page in zip(parts, own_heads, part_pages):
        toc_rows.append(Row(f"{part.number}  {part.label.get(lang)}", page, head=True, level=0))
        for term, companies in part.chapters:
            if own:
                toc_rows += heading_rows(term.label.get(lang), toc_width, "toc-heading",
                                         min(numbers[c.slug] for c in companies))
            toc_rows += [r for c in sorted(companies, key=lambda c: numbers[c.slug])
                         for r in _name_row(c, numbers[c.slug], lang, column_mm=toc_width, listing="toc")]
    toc_rows += [Row(text, page, head=True, level=0) for text, page in index_starts] + list(toc_tail or [])
    toc_columns = _paginate(toc_rows, geo.rows, geo.toc_columns, _s("continued", lang),
                            wrap=lambda text: name_lines(text, toc_width, "toc-heading"))
    if len(toc_columns) > toc_pages:  # cannot happen with the margin above; a wrong number must never print
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
