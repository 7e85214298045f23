"""The thumb tabs (ツメ) of the press edition: a readable label (one upright character under the other, in one column
of whole words of the part's name, or the vocabulary's short form) on the tab's centre line, more than 4 mm from the
trim and inside the tab on every company page, beyond a saddle-stitched book's creep."""
from __future__ import annotations

import pdfplumber
import weasyprint
import yaml

from tests.conftest import SAMPLE

from .conftest import load_guide, write_content

MM = 72 / 25.4
TAB_MM = 13  # the tab reaches 11 mm inside the trim; anything farther in is the page's own text
LABEL_FROM_TRIM_MM = 4
TAB_CENTRE_MM = 5.5  # the tab shows 11 mm inside the trim


def _group_labels(root=SAMPLE) -> set[str]:
    """What each part's tab may show: the vocabulary's short form where it gives one, else the name."""
    data = yaml.safe_load((root / "taxonomies" / "industries.yaml").read_text(encoding="utf-8"))
    return {v.get("tab") or v["ja"] for v in data["groups"].values()}


def tab_columns_on(page, recto: bool) -> list[str]:
    """The tab's columns as printed, right to left (the order vertical Japanese is read); checks that every
    character stands 5 mm or more from the trim and inside the tab, one upright character per line."""
    left, _top, right, _bottom = page.trimbox
    if recto:
        tab = [c for c in page.chars if c["x0"] > right - TAB_MM * MM]
        gaps = [((right - c["x1"]) / MM, (right - c["x0"]) / MM) for c in tab]
    else:
        tab = [c for c in page.chars if c["x1"] < left + TAB_MM * MM]
        gaps = [((c["x0"] - left) / MM, (c["x1"] - left) / MM) for c in tab]
    assert tab, "no tab label"
    assert min(g[0] for g in gaps) >= LABEL_FROM_TRIM_MM, min(g[0] for g in gaps)
    assert max(g[1] for g in gaps) <= 11, "the label stays on the tab"
    for c, (near, far) in zip(tab, gaps):  # centred on the tab, as every part's label is
        assert abs((near + far) / 2 - TAB_CENTRE_MM) <= .6, (c["text"], near, far)
    columns: dict[int, list] = {}
    for c in tab:  # a column: characters whose centres share one axis (columns are 3 mm apart)
        centre = (c["x0"] + c["x1"]) / 2
        axis = next((a for a in columns if abs(a - centre) < 1.5 * MM), None)
        columns.setdefault(axis if axis is not None else centre, []).append(c)
    out = []
    for axis in sorted(columns, reverse=True):
        chars = sorted(columns[axis], key=lambda c: c["top"])
        assert len({round(c["top"]) for c in chars}) == len(chars), "one character per line"
        out.append("".join(c["text"] for c in chars))
    return out


def test_every_company_page_has_a_readable_tab_label_5_mm_inside_the_trim(print_ja):
    labels = _group_labels()
    pages = sorted({s.number for s in print_ja.plan.sheets() if s.kind in ("company", "pair")})
    assert pages
    with pdfplumber.open(print_ja.pdf) as pdf:
        for number in pages:
            columns = tab_columns_on(pdf.pages[number - 1], number % 2 == 1)
            # whole words of the part's label (cut at ・), never a word broken
            words = "・".join(columns).split("・")
            assert any(label.split("（")[0].removesuffix("ほか").split("・")[:len(words)] == words
                       for label in labels), (number, columns)


def _tab_page(root, tmp_path):
    """The first company page of the book made from `root`, laid out alone as for the press."""
    from generator.pdf import Edition, Run
    from generator.pdf.compose import Composer
    from generator.pdf.plan import make_plan
    from generator.site.templates import theme_dirs

    guide = load_guide(root)
    press = Edition("ja", "print")
    composer = Composer(Run(guide, theme_dirs(None), root, cache=tmp_path / "cache"), press)
    sheet = next(s for s in make_plan(guide, composer.geo, 3, press).sheets() if s.kind in ("company", "pair"))
    out = tmp_path / "tab.pdf"
    weasyprint.HTML(string=composer.html([sheet]), base_url=root.resolve().as_uri() + "/").write_pdf(out)
    return out, sheet


def _with_living_group(tmp_path, entry: str):
    root = write_content(tmp_path / "content")
    vocabulary = root / "taxonomies" / "industries.yaml"
    text = vocabulary.read_text(encoding="utf-8")
    old = '  living: {ja: 食品・生活関連ほか, en: "Food, consumer goods and other", tab: 食品・生活関連}'
    assert old in text, "the fixture's companies are in the living group"
    vocabulary.write_text(text.replace(old, f"  living: {entry}"), encoding="utf-8")
    return root, text.splitlines().index(old) + 1


def test_a_long_part_name_shows_its_leading_whole_words_and_asks_for_a_short_form(tmp_path):
    from generator.pdf.tabs import tab_problems

    root, line = _with_living_group(tmp_path, '{ja: 食品・飲料・生活関連製品ほか, en: "Food and other"}')
    out, sheet = _tab_page(root, tmp_path)
    with pdfplumber.open(out) as pdf:
        assert tab_columns_on(pdf.pages[0], not sheet.verso) == ["食品・飲料"]
    assert [(p.line, p.rule) for p in tab_problems(load_guide(root), root)] == [(line, "print-tab")]


def test_the_vocabularys_short_form_is_the_tab_and_a_name_that_cannot_fit_is_a_located_warning(tmp_path):
    from generator.pdf.tabs import tab_problems

    root, line = _with_living_group(tmp_path, '{ja: 食料品・飲料・たばこ・飼料・繊維・家具製造業ほか, en: "Food and other", '
                                              'tab: 食料品・飲料ほか}')
    out, sheet = _tab_page(root, tmp_path)
    with pdfplumber.open(out) as pdf:
        assert tab_columns_on(pdf.pages[0], not sheet.verso) == ["食料品・飲料"]
    assert tab_problems(load_guide(root), root) == []
    root, line = _with_living_group(tmp_path / "plain", '{ja: 食料品・飲料・たばこ・飼料・繊維・家具製造業ほか, '
                                                        'en: "Food and other"}')
    problems = tab_problems(load_guide(root), root)
    assert [(p.path.endswith("industries.yaml"), p.line, p.severity, p.rule) for p in problems] == [
        (True, line, "warning", "print-tab")]
    assert "tab:" in problems[0].message
