"""The build publishes open data (build/open-data and site/open-data), links it from every page, and the field guide."""
from __future__ import annotations

from pathlib import Path


def test_the_build_writes_open_data_and_links_it(sample_build: Path):
    assert (sample_build / "open-data" / "companies.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    for name in ("companies.csv", "companies.json", "company.schema.json", "LICENSE.txt"):
        assert (sample_build / "site" / "open-data" / name).is_file(), name
    home = (sample_build / "site" / "index.html").read_text(encoding="utf-8")
    assert 'href="open-data/index.html"' in home and 'href="fields/index.html"' in home
    page = (sample_build / "site" / "open-data" / "index.html").read_text(encoding="utf-8")
    assert 'href="companies.csv"' in page and "CC BY 4.0" in page
    en = (sample_build / "site" / "en" / "open-data" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../open-data/companies.csv"' in en


def test_the_field_guide_is_a_page_of_the_site(sample_build: Path):
    ja = (sample_build / "site" / "fields" / "index.html").read_text(encoding="utf-8")
    assert "<code>name.kana</code>" in ja and "よみがな（カタカナ）" in ja
    en = (sample_build / "site" / "en" / "fields" / "index.html").read_text(encoding="utf-8")
    assert "Reading (katakana)" in en
