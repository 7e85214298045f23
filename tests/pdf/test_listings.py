"""The indexes as printed: every entry the profiles call for, under its heading, with the page its company is on;
and an index column planned with more rows than its page holds stops the build at that page and column instead of
running off the page unprinted (issue 21)."""
from __future__ import annotations

import re
import subprocess
import unicodedata

import pdfplumber
import pytest
import yaml

from tests.conftest import SAMPLE

MM = 72 / 25.4
TITLES = {"technologies": "技術別索引", "industries": "業種別索引", "certifications": "認証別索引", "areas": "地区別索引",
          "kana": "50音索引"}
CONTINUED = "（続き）"


def _profiles(root) -> dict[str, dict]:
    return {folder.name: yaml.safe_load((folder / "company.yaml").read_text(encoding="utf-8"))
            for folder in sorted((root / "companies").iterdir()) if (folder / "company.yaml").is_file()}


def _labels(root, taxonomy: str):
    """value in a profile → the term's Japanese label: a key, a label (ja or en) or an alias, as a clerk writes it."""
    terms = yaml.safe_load((root / "taxonomies" / f"{taxonomy}.yaml").read_text(encoding="utf-8"))["terms"]

    def label(value: str) -> str:
        for key, term in terms.items():
            words = [key, term.get("ja", ""), term.get("en", ""), *(term.get("aliases") or [])]
            if str(value).casefold() in {str(w).casefold() for w in words}:
                return term["ja"]
        raise AssertionError(f"{taxonomy}: {value!r} is no term")

    return label, {term["ja"] for term in terms.values()}


def kana_row(kana: str) -> str:
    """The 50音 row heading of a reading: あ行 for ア–オ, か行 for カ–ゴ … (katakana are in 50音 order in Unicode)."""
    first = unicodedata.normalize("NFKD", kana)[0]
    row = max((r for r in "アカサタナハマヤラワ" if r <= first), default="ア")
    return chr(ord(row) - 0x60) + "行"


def expected_entries(root, pages: dict[str, int]) -> list[tuple[str, str, str, int]]:
    """(index title, heading, company name, page) of every entry the profiles call for."""
    entries = []
    for taxonomy in ("technologies", "industries", "certifications", "areas"):
        label, _all = _labels(root, taxonomy)
        for slug, profile in _profiles(root).items():
            values = [profile["area"]] if taxonomy == "areas" else profile.get(taxonomy) or []
            for heading in dict.fromkeys(label(v) for v in values):
                entries.append((TITLES[taxonomy], heading, profile["name"]["ja"], pages[slug]))
    for slug, profile in _profiles(root).items():
        entries.append((TITLES["kana"], kana_row(profile["name"]["kana"]), profile["name"]["ja"], pages[slug]))
    return sorted(entries)


def _page_texts(pdf) -> list[str]:
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split("\f")


def profile_pages(pdf, root) -> dict[str, int]:
    """slug → the page that prints the company's profile: the one page with its name and its catchphrase."""
    pages = [re.sub(r"\s+", "", page) for page in _page_texts(pdf)]
    found = {}
    for slug, profile in _profiles(root).items():
        summary = profile["summary"] if isinstance(profile["summary"], str) else profile["summary"]["ja"]
        on = [n for n, page in enumerate(pages, 1)
              if profile["name"]["ja"] in page and re.sub(r"\s+", "", summary) in page]
        assert len(on) == 1, (slug, on)
        found[slug] = on[0]
    return found


def printed_entries(pdf, root) -> list[tuple[str, str, str, int]]:
    """(index title, heading, company name, page) of every entry printed inside the text area of the index pages,
    read column by column (A4: text area 17 mm from the top and 16 mm from the foot, the index's heading block
    22 mm, three columns 6 mm apart between margins of 15 mm at the binding and 13 mm outside)."""
    headings = {title: set() for title in TITLES.values()}
    for taxonomy in ("technologies", "industries", "certifications", "areas"):
        headings[TITLES[taxonomy]] = _labels(root, taxonomy)[1]
    headings[TITLES["kana"]] = {chr(ord(r) - 0x60) + "行" for r in "アカサタナハマヤラワ"} | {"その他"}
    width = (210 - 15 - 13 - 12) / 3 - .2
    entries, index, heading, pending = [], None, None, ""
    # the index pages: their running head
    numbers = [n for n, text in enumerate(_page_texts(pdf), 1) if text.strip().startswith("索引")]
    assert numbers
    with pdfplumber.open(pdf, pages=numbers) as document:
        for number, page in zip(numbers, document.pages):
            x0, y0, _x1, _y1 = page.trimbox
            left = 15 if number % 2 else 13
            for column in range(3):
                start = left + column * (width + 6)
                crop = page.crop((x0 + (start - 1) * MM, y0 + (17 + 22) * MM, x0 + (start + width + 1) * MM,
                                  y0 + (297 - 16) * MM))
                for line in (crop.extract_text() or "").split("\n"):
                    line = line.strip()
                    if not line:
                        continue
                    whole = (pending + line).removesuffix(CONTINUED)
                    if whole in headings:
                        index, heading, pending = whole, None, ""
                        continue
                    if index is not None and whole in headings[index]:
                        heading, pending = whole, ""
                        continue
                    entry = re.fullmatch(r"(.+?)\s*(\d+)", line)
                    if entry is None:
                        pending += line  # a name or a heading on more than one line
                        continue
                    entries.append((index, heading, pending + entry.group(1), int(entry.group(2))))
                    pending = ""
    assert not pending, pending
    return sorted(entries)


@pytest.mark.e2e
def test_every_index_entry_of_the_sample_is_printed_with_the_page_its_company_is_on(sample_press):
    pages = profile_pages(sample_press.pdf, SAMPLE)
    expected = expected_entries(SAMPLE, pages)
    printed = printed_entries(sample_press.pdf, SAMPLE)
    assert len(expected) > 250  # five indexes of 36 companies
    missing = sorted(set(expected) - set(printed))
    extra = sorted(set(printed) - set(expected))
    assert not missing and not extra, (missing[:5], extra[:5])
    assert printed == expected  # and none twice


def test_an_index_column_planned_with_more_rows_than_its_page_holds_stops_the_build_where_it_is(
        small_content, tmp_path, monkeypatch):
    """The plan is told a column holds 200 rows and each index is listed three times: the first index column gets
    every row, the page holds 62 (240 mm of rows at 3.85 mm), and the build must name that page and column and the
    first row that would be lost rather than print a page whose rows run off it."""
    from generator.errors import ContentError
    from generator.pdf import Edition, Run
    from generator.pdf import plan as planning
    from generator.pdf.layout import Geometry
    from generator.pdf.render import render_planned
    from generator.site.templates import theme_dirs

    from .conftest import load_guide

    monkeypatch.setattr(Geometry, "index_rows", property(lambda self: 200))
    monkeypatch.setattr(Geometry, "index_rows_min", property(lambda self: 200))
    rows: list = []
    original = planning._index_rows

    def thrice(*args, **kwargs):
        made = [row for _ in range(3) for row in original(*args, **kwargs)]
        rows.append(made)
        return made

    monkeypatch.setattr(planning, "_index_rows", thrice)
    guide = load_guide(small_content)
    with pytest.raises(ContentError) as raised:
        render_planned(Run(guide, theme_dirs(guide.site.theme), small_content, cache=tmp_path / "cache", processes=1),
                       tmp_path / "guidebook.pdf", Edition("ja", "screen"))
    # the first column: every index's title row and its rows, in the order of the indexes
    titles = [t for key, t in TITLES.items() if key == "kana" or guide.used_terms(key)]
    column = [row for title, made in zip(titles, rows) for row in [planning.Row(title, head=True)] + made]
    assert len(column) > 62
    problems = raised.value.problems
    assert [(p.path, p.col, p.rule) for p in problems] == [("guidebook.pdf", 1, "listing-overflow")], problems
    assert f"{len(column) - 62} 行" in problems[0].message
    first_lost = column[62]
    assert f"「{first_lost.text} {first_lost.page}」" in problems[0].message or \
        f"「{first_lost.text}」" in problems[0].message, (first_lost, problems[0].message)
    # its page: the one after the company pages, the last before the back cover and any notes pages
    assert problems[0].line >= 4 + len(guide.companies) // 2
    assert not (tmp_path / "guidebook.pdf").exists()
