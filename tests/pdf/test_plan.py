"""The page plan's shared pages: which short profiles go together, decided by their measured heights."""
from __future__ import annotations

from types import SimpleNamespace

from generator.pdf.plan import Section, company_pages


def named(*slugs):
    return [SimpleNamespace(slug=s) for s in slugs]


def test_short_profiles_share_a_page_inside_their_chapter_and_across_its_end():
    a, b, c, d = named("a", "b", "c", "d")
    e, f = named("e", "f")
    first, second = SimpleNamespace(key="first"), SimpleNamespace(key="second")
    heights = {"a": 60.0, "c": 100.0, "d": 190.0, "e": 50.0}  # b and f were not measured: too long to share
    pages = company_pages(Section(1, "part", None, [(first, [a, b, c, d]), (second, [e, f])]), heights, 254.5)
    # a takes c (160 mm); d (190 mm) waits at the chapter's end for e (240 mm together), the next chapter's first
    assert [[company.slug for _term, company in page] for page in pages] == [["a", "c"], ["b"], ["d", "e"], ["f"]]
    assert [term.key for term, _c in pages[2]] == ["first", "second"]


def test_two_profiles_never_share_a_page_they_do_not_fit_on():
    a, b, c = named("a", "b", "c")
    chapter = SimpleNamespace(key="only")
    pages = company_pages(Section(1, "part", None, [(chapter, [a, b, c])]), {"a": 130.0, "b": 130.0, "c": 120.0},
                          254.5)
    assert [[company.slug for _t, company in page] for page in pages] == [["a", "c"], ["b"]]


# The Japanese sample as planned: cover, greeting, how-to page and one contents page (4), then three parts of 16, 15
# and 5 pages (divider and company pages: 5–20, 21–35, a notes page at 36, 37–41), the index, the back cover.
SAMPLE_PARTS = [16, 15, 5]


def test_a_booklet_keeps_its_standard_index_and_right_hand_parts_when_they_cost_no_paper():
    from generator.pdf.plan import layout_choice

    # index of 2 pages: 41 + 2 + back cover = 44, a multiple of 4 with the notes page before the third part
    assert layout_choice(4, SAMPLE_PARTS, {62: 2, 66: 2}, 4, 1) == (44, 62, 3)


def test_an_index_a_few_rows_onto_a_new_page_closes_its_rows_up_before_the_booklet_grows_a_sheet():
    from generator.pdf.plan import layout_choice

    # seven more index rows: 3 pages at the standard row, 2 at the closest; 3 pages would make 45 → 48 with three
    # notes pages at the end
    assert layout_choice(4, SAMPLE_PARTS, {62: 3, 64: 3, 65: 2, 66: 2}, 4, 1) == (44, 65, 3)


def test_the_last_part_opens_on_a_left_hand_page_rather_than_pad_the_booklet_with_three_notes_pages():
    from generator.pdf.plan import layout_choice

    # the English sample: an index of 3 pages at any row; without the notes page before the third part (its divider
    # on page 36) the booklet is 44 pages, with it 48 (three notes pages after the index)
    assert layout_choice(4, SAMPLE_PARTS, {62: 3, 66: 3}, 4, 1) == (44, 62, 2)
    # a perfect-bound body has 表3 before the back cover: 41 + 3 + 2 = 46 → 48 either way, so nothing moves
    assert layout_choice(4, SAMPLE_PARTS, {62: 3, 66: 3}, 4, 2) == (48, 62, 3)


def test_closer_index_rows_fit_their_page_and_the_standard_ones_would_not(tmp_path):
    """The pitch the plan chose (Sheet.row_mm) is the pitch the page is set at: 66 rows a column inside the text area
    of an A4 page (the columns are floats, which WeasyPrint does not carry onto a next page: rows past the text
    area would run off the page unnoticed)."""
    import pdfplumber
    import weasyprint

    from generator.pdf import Edition, Run
    from generator.pdf.compose import Composer
    from generator.pdf.plan import Row, Sheet
    from generator.site.templates import theme_dirs

    from tests.conftest import SAMPLE

    from .conftest import load_guide

    guide = load_guide(SAMPLE, check=False)
    composer = Composer(Run(guide, theme_dirs(guide.site.theme), SAMPLE, cache=tmp_path, processes=1),
                        Edition("ja", "screen"))
    geo = composer.geo
    per = geo.index_rows_min
    assert per == 66 and geo.index_rows == 62  # A4: 240 mm of rows at 3.6 mm and at 3.85 mm

    def laid_out(row_mm: float) -> tuple[dict, float]:
        """The words of the page (text → position) and the foot of the text area (pt from the top)."""
        columns = [[Row(f"会社{c}{i:02d}", 10 + i) for i in range(per)] for c in "ABC"]
        sheet = Sheet("index", 41, "索引", title="索引", columns=columns, row_mm=row_mm)
        out = tmp_path / f"index-{row_mm}.pdf"
        weasyprint.HTML(string=composer.html([sheet]), base_url=composer.base_url,
                        url_fetcher=composer.fetcher()).write_pdf(out, **composer.options)
        with pdfplumber.open(out) as pdf:
            page = pdf.pages[0]
            return {w["text"]: w for w in page.extract_words()}, page.height - geo.bottom * 72 / 25.4

    words, foot = laid_out(0.0)
    assert f"会社C{per - 1:02d}" not in words or words[f"会社C{per - 1:02d}"]["bottom"] > foot  # the standard runs over
    words, foot = laid_out(geo.index_pitch(per))
    assert all(words[f"会社{c}{per - 1:02d}"]["bottom"] <= foot for c in "ABC")  # inside the text area
    pitch = (words["会社A01"]["top"] - words["会社A00"]["top"]) * 25.4 / 72
    assert abs(pitch - geo.index_pitch(per)) < 0.05


def test_a_shared_page_gives_its_upper_company_half_of_the_text_area_when_both_fit():
    from generator.pdf.layout import geometry
    from generator.pdf.plan import half_slot

    a4 = geometry("A4")  # text area 264 mm, 8 mm between the halves: 128 mm each
    assert half_slot(a4, 90.0, 80.0) == 128.0
    assert half_slot(a4, 140.0, 90.0) == 140.0  # the upper one is taller than half: it keeps its height
    # the lower one is taller than half: the upper half shrinks to what leaves it room (264 - 8 - 1.5 - 150)
    assert half_slot(a4, 90.0, 150.0) == 104.5


def test_the_english_indexes_list_each_headings_companies_a_to_z():
    """In 50音 order an English reader saw "Cutting / machining": Axis, Arai, Ishiguro, Iwabuchi … (the prepress
    tester, session 17): under every heading of every English index the names printed run A–Z."""
    from generator.pdf.edition import Edition
    from generator.pdf.layout import geometry
    from generator.pdf.plan import make_plan

    from tests.conftest import SAMPLE

    from .conftest import load_guide

    plan = make_plan(load_guide(SAMPLE, check=False), geometry("A4"), 3, Edition("en", "screen"), {})
    groups: list[list[str]] = []
    for row in (r for s in plan.sheets() if s.kind == "index" for column in s.columns for r in column):
        if row.head and not row.more and not row.text.endswith("(cont.)"):
            groups.append([])
        elif row.head:
            continue
        elif row.more:
            groups[-1][-1] += " " + row.text
        else:
            groups[-1].append(row.text)
    names = [g for g in groups if len(g) > 1]
    assert len(names) > 20
    assert [g for g in names if g != sorted(g, key=str.casefold)] == []
