"""Where a date is expected and the content gives none, the printed book says so in words (a company's entry not
yet confirmed, the colophon's line of issue from the edition year): never a label with nothing after it."""
from __future__ import annotations

import re
import subprocess

import weasyprint
import yaml

from .conftest import load_guide, write_content


def _undated(edition) -> list[str]:
    """The slugs of the companies whose profile has no last_confirmed, read from their YAML."""
    return [c.slug for c in edition.guide.companies
            if not yaml.safe_load((c.folder / "company.yaml").read_text(encoding="utf-8")).get("last_confirmed")]


def test_an_entry_without_a_date_says_it_was_not_confirmed(print_ja, screen_en):
    for edition, line in ((print_ja, "情報確認日 未確認（発行時点）"), (screen_en, "Not confirmed by the company before issue")):
        undated = _undated(edition)
        assert undated, "the fixture's minimal profiles have no date"
        pages = edition.plan.company_pages()
        for slug in undated:
            text = " ".join(edition.page_text(pages[slug]).split())
            assert line in text, (slug, text[-300:])
        for number in set(pages.values()):
            text = " ".join(edition.page_text(number).split())
            # every label is followed by a date or by 未確認
            assert not re.search(r"情報確認日(?! 未確認| \S*\d{4}年)|Confirmed(?! [A-Z][a-z]+ \d)", text), text


def _back_text(root, lang: str, tmp_path) -> str:
    """The back cover (colophon) of the book made from `root`, laid out alone and read back from its PDF."""
    from generator.pdf import Edition, Run
    from generator.pdf.compose import Composer
    from generator.pdf.plan import make_plan
    from generator.site.templates import theme_dirs

    guide = load_guide(root)
    composer = Composer(Run(guide, theme_dirs(None), root, cache=tmp_path / f"cache-{lang}"), Edition(lang))
    back = [s for s in make_plan(guide, composer.geo, 3, Edition(lang)).sheets() if s.kind == "back"]
    out = tmp_path / f"back-{lang}.pdf"
    weasyprint.HTML(string=composer.html(back), base_url=root.resolve().as_uri() + "/").write_pdf(out)
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(text.split())


def test_a_colophon_without_the_month_of_issue_gives_the_edition_year_and_counts_the_unconfirmed(tmp_path):
    root = write_content(tmp_path / "content", {'issued: "2026-10"': "issued: null"})
    profile = root / "companies" / "alpha-seiki" / "company.yaml"
    profile.write_text(profile.read_text(encoding="utf-8") + "last_confirmed: 2026-04-01\n", encoding="utf-8")
    edition = yaml.safe_load((root / "site.yaml").read_text(encoding="utf-8"))["edition"]
    undated = len(list((root / "companies").iterdir())) - 1
    ja = _back_text(root, "ja", tmp_path)
    assert "発行年月" not in ja and f"発行 {edition}年度" in ja
    assert f"各社が2026年4月1日〜2026年4月1日に確認した内容です（{undated} 社は発行までに未確認）。" in ja
    en = _back_text(root, "en", tmp_path)
    assert f"{edition}年度 {edition} edition" in en or f"{edition} edition" in en
    assert f"({undated} not confirmed before issue)" in en
