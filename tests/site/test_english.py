"""The English site of the sample is English: company names (given, or romanised from the reading), vocabulary values
from the vocabularies' `en`, Japanese only where a profile has no English and marked so, +81 phone numbers, the English
PDFs; and the English PDF edition names every company in Latin letters.

Every expectation is read from the sample's YAML (content/companies/*/company.yaml, content/taxonomies/*.yaml) and the
romanisation rules (pykakasi's Hepburn of the kana, long vowels once; 株式会社 → Co., Ltd., 有限会社 → Ltd.), never
from the model's output.
"""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import lxml.html
import pytest
import yaml

SAMPLE = Path(__file__).resolve().parents[2] / "content"
JAPANESE = re.compile(r"[\u3040-\u30fa\u30fc-\u30ff\u3400-\u9fff\uff66-\uff9f]")  # kana and kanji; not the ・ (U+30FB)
VOCABULARIES = ("technologies", "industries", "certifications", "capabilities", "areas")
LEGAL_FORMS = {"株式会社": "Co., Ltd.", "有限会社": "Ltd."}  # the forms the sample's names carry


def load(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


PROFILES = {p.parent.name: load(p) for p in sorted((SAMPLE / "companies").glob("*/company.yaml"))}
TAXONOMIES = {name: load(SAMPLE / "taxonomies" / f"{name}.yaml")["terms"] for name in VOCABULARIES}


def term_key(taxonomy: str, value: str) -> str:
    """The key of a vocabulary word as a profile writes it: its key or its Japanese or English label."""
    for key, term in TAXONOMIES[taxonomy].items():
        if value in (key, term["ja"], term["en"]):
            return key
    raise AssertionError(f"{value} is not in {taxonomy}")


def hepburn(kana: str) -> str:
    """The passport spelling of a reading: pykakasi's Hepburn, ー left out, ou/oo/uu written once, letters only."""
    import pykakasi

    text = "".join(item["hepburn"] for item in pykakasi.kakasi().convert(kana.replace("ー", "")))
    return re.sub(r"ou|oo|uu", lambda m: m.group(0)[0], re.sub(r"[^a-z]", "", text.lower()))


def name_matches(shown: str, slug: str) -> bool:
    """Whether `shown` is the company's English name: the profile's own, or its reading romanised with the legal
    form in English after it."""
    name = PROFILES[slug]["name"]
    if name.get("en"):
        return shown == name["en"]
    form = next((en for ja, en in LEGAL_FORMS.items() if ja in name["ja"]), None)
    core = shown
    if form:
        if not shown.endswith(" " + form) or (form == "Ltd." and shown.endswith("Co., Ltd.")):
            return False
        core = shown[:-len(form) - 1]
    return core == core.strip() and core[:1].isupper() and re.sub(r"[^a-z]", "", core.lower()) == hepburn(name["kana"])


def e164(phone: str) -> str:
    return "+81" + re.sub(r"[^0-9]", "", phone)[1:]


@pytest.fixture(scope="module")
def site(sample_build) -> Path:
    return sample_build / "site"


def parse(path: Path):
    return lxml.html.parse(str(path)).getroot()


def unmarked_text(element) -> str:
    """The text of an element without what is marked as Japanese (lang="ja") or as a 日本語のみ / ローマ字表記 note."""
    copy = lxml.html.fromstring(lxml.html.tostring(element, encoding="unicode"))
    for marked in copy.xpath('.//*[@lang="ja" or contains(@class, "ja-only") or contains(@class, "romanised-note")]'
                             '|.//script|.//style'):
        marked.drop_tree()
    return copy.text_content()


def buyer_pages(site: Path) -> list[Path]:
    """The English pages a buyer reads: home, search, name index, vocabularies and terms, companies (not the field
    guide, the profile form and the open-data pages, which quote Japanese input on purpose)."""
    skip = ("en/fields/", "en/open-data/", "en/pages/", "en/edit/")
    return [p for p in sorted((site / "en").rglob("*.html")) if not str(p.relative_to(site)).startswith(skip)]


def test_every_english_page_shows_japanese_only_where_it_is_marked(site):
    pages = buyer_pages(site)
    assert len(pages) > len(PROFILES)
    found = []
    for path in pages:
        doc = parse(path)
        assert doc.get("lang") == "en", path
        rest = unmarked_text(doc.body)
        if JAPANESE.search(rest):
            found.append((str(path.relative_to(site)), JAPANESE.findall(rest)[:10]))
    assert not found, found[:5]


def test_company_names_are_english_everywhere_on_the_english_site(site):
    seen = {slug: 0 for slug in PROFILES}
    for path in buyer_pages(site):
        doc = parse(path)
        for link in doc.xpath('//a[contains(@class, "card-link")] | //ul[contains(@class, "kana-list")]/li/a'):
            slug = link.get("href").rstrip("/").split("/")[-2]
            shown = link.text_content().strip()
            assert name_matches(shown, slug), (str(path.relative_to(site)), slug, shown)
            assert not link.xpath('.//*[@lang="ja"]'), (path, slug)
            seen[slug] += 1
    for slug in PROFILES:
        doc = parse(site / "en" / "companies" / slug / "index.html")
        h1 = doc.xpath("//h1")[0]
        assert name_matches(h1.text_content().strip(), slug), (slug, h1.text_content())
        romanised = not PROFILES[slug]["name"].get("en")
        # a romanised name says so, and the Japanese name stands beside it
        assert bool(h1.xpath('.//*[contains(@class, "romanised")]')) == romanised, slug
        assert PROFILES[slug]["name"]["ja"] in doc.xpath('//p[@class="company-kana"]')[0].text_content()
        assert doc.xpath("//title")[0].text_content().split(" | ")[0] == h1.text_content().strip()
    assert all(seen.values()), [s for s, n in seen.items() if not n]  # every company listed somewhere, in English


def test_vocabulary_values_are_the_vocabularies_english_labels(site):
    checked = 0
    for path in buyer_pages(site):
        doc = parse(path)
        for link in doc.xpath('//a[@href][not(@hreflang) and not(@lang)]'):  # not the link to the Japanese page
            parts = link.get("href").split("/")
            for name in VOCABULARIES:
                if name in parts and parts.index(name) + 2 < len(parts) and parts[-1] == "index.html":
                    key = parts[parts.index(name) + 1]
                    # the top page's count after the label is a span of its own
                    shown = ((link.text or "") + "".join(c.tail or "" if "count" in (c.get("class") or "")
                                                          else c.text_content() + (c.tail or "") for c in link)).strip()
                    assert shown == TAXONOMIES[name][key]["en"], (str(path.relative_to(site)), name, key, shown)
                    checked += 1
    assert checked > 400, checked  # term links on the home, vocabulary, term and company pages
    # every term a company uses is on its English page, in English, and nowhere in Japanese
    for slug, profile in PROFILES.items():
        doc = parse(site / "en" / "companies" / slug / "index.html")
        text = unmarked_text(doc.body)
        for name in VOCABULARIES:
            values = [profile["area"]] if name == "areas" else profile.get(name) or []
            for value in values:
                term = TAXONOMIES[name][term_key(name, value)]
                assert term["en"] in text, (slug, name, value)
    # the search filters are labelled in English
    search = parse(site / "en" / "search" / "index.html")
    vocabularies = {name: load(SAMPLE / "taxonomies" / f"{name}.yaml") for name in
                    (*VOCABULARIES, "machines", "materials", "qualifications")}
    labels = {name: {k: t["en"] for k, t in v["terms"].items()} for name, v in vocabularies.items()}
    labels["accepts"] = labels["technologies"]
    labels["material_groups"] = {k: g["en"] for k, g in vocabularies["materials"]["groups"].items()}
    for box in search.xpath('//input[@type="checkbox"]'):
        label = box.getparent().xpath('.//*[@class="facet-label"]')[0].text_content()
        if box.get("name") in labels:
            assert label == labels[box.get("name")][box.get("value")], (box.get("name"), box.get("value"), label)
        else:  # thresholds (≥ 200 t) and yes/no filters: in English, with their units
            assert label and not JAPANESE.search(label), (box.get("name"), label)


def test_phone_numbers_are_international_on_english_pages_and_e164_in_links(site):
    for slug, profile in PROFILES.items():
        phone = profile["contact"]["phone"]
        for prefix, shown in (("en/", "+81 " + phone[1:]), ("", phone)):
            doc = parse(site / f"{prefix}companies/{slug}/index.html")
            links = [a for a in doc.xpath('//a[starts-with(@href, "tel:")]') if a.get("href") == "tel:" + e164(phone)]
            assert links, (prefix, slug)
            assert all(a.text_content().strip() in (shown, "") or shown in a.text_content() for a in links), \
                (prefix, slug, [a.text_content() for a in links])
            assert not doc.xpath(f'//a[@href="tel:{phone}"]'), (prefix, slug)  # never the national form in a link
            if prefix:
                assert shown in unmarked_text(doc.body) and f" {phone} " not in f" {unmarked_text(doc.body)} "


def test_english_pages_link_the_english_pdfs(site):
    home = parse(site / "en" / "index.html")
    pdfs = [a.get("href") for a in home.xpath('//a[contains(@href, ".pdf")]')]
    assert pdfs == ["../guidebook-en.pdf"], pdfs
    assert (site / "guidebook-en.pdf").is_file()
    for path in (site / "en").rglob("*.html"):
        for a in parse(path).xpath('//a[contains(@href, ".pdf")]'):
            href = a.get("href")
            assert re.search(r"-en\.pdf$", href), (path, href)  # never a Japanese PDF offered as the English one
            assert (path.parent / href).resolve().is_file(), (path, href)
    for slug in PROFILES:
        page = parse(site / "en" / "companies" / slug / "index.html")
        assert page.xpath(f'//a[@href="{slug}-en.pdf"]'), slug


def pdf_text(path: Path) -> str:
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    return re.sub(r"\s+", " ", text)


def test_the_english_pdf_edition_names_every_company_in_english(site):
    """Each company's page of guidebook-en.pdf (its English one-page PDF is cut from it) carries its English name as
    the heading, unbroken (no hyphenation), and the whole edition lists every English name."""
    whole = pdf_text(site / "guidebook-en.pdf")
    for slug, profile in PROFILES.items():
        page = pdf_text(site / "en" / "companies" / slug / f"{slug}-en.pdf")
        expected = profile["name"].get("en") or romanised_name_in(page, slug)
        assert expected and expected in page, (slug, page[:300])
        assert expected in whole, slug


def romanised_name_in(text: str, slug: str) -> str | None:
    """The romanised name of a company in a text: the words before a legal form that spell its reading."""
    for form in re.finditer(r"(?:Co\., )?Ltd\.", text):
        words = text[:form.start()].split()[-6:]
        for k in range(1, len(words) + 1):
            candidate = " ".join(words[-k:]) + " " + form.group(0)
            if name_matches(candidate, slug):
                return candidate
    return None


def results(page, url: str) -> tuple[int, list[str]]:
    """How many results a search page says it found for the query in `url`, and the slugs of its first page."""
    from generator.search.recall import slug_of

    page.goto(url)
    page.wait_for_function("(b => b.dataset.done)(document.getElementById('search'))", timeout=60_000)
    status = page.locator(".search-status").inner_text()
    found = re.search(r"(\d+)\s*(?:件|results?|compan)", status)  # a word typed may become its filter (アルミ)
    assert found, status
    if page.locator("input:checked").count():  # a word became its filter (アルミ): listed by name, A–Z or 50音
        return int(found.group(1)), page.eval_on_selector_all("input:checked", "els => els.map(e => e.name + '=' + e.value)")
    return int(found.group(1)), page.eval_on_selector_all(".result-title a", "as => as.map(a => a.href)")


@pytest.mark.parametrize("query", ["切削加工", "金型", "溶接 ステンレス", "アルミ"])
def test_the_english_search_page_finds_japanese_words_as_the_japanese_one_and_stays_english(site, browser, query):
    from urllib.parse import quote

    from generator.search.recall import served, slug_of

    with served(site) as base:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        # every value <html lang> takes while the page loads and searches
        page.add_init_script("window.__langs = []; new MutationObserver(records => records.forEach(r => {"
                             "if (r.target === document.documentElement) window.__langs.push(r.target.lang); }))"
                             ".observe(document, {attributes: true, subtree: true, attributeFilter: ['lang']})")
        japanese = results(page, f"{base}search/index.html?q={quote(query)}")
        english = results(page, f"{base}en/search/index.html?q={quote(query)}")
        japanese = (japanese[0], [slug_of(u) if "/" in u else u for u in japanese[1]])
        english = (english[0], [slug_of(u) if "/" in u else u for u in english[1]])
        assert page.evaluate("document.documentElement.lang") == "en"
        assert page.evaluate("window.__langs") == []
        page.close()
    assert japanese[0] > 0 and english == japanese, (query, japanese, english)


MACHINES = load(SAMPLE / "taxonomies" / "machines.yaml")


def fold(word: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFKC", word).casefold().replace(" ", "")


def machine_type(word: str) -> dict:
    """The machines.yaml term a profile's equipment type names (its key, label or an alias)."""
    for key, term in MACHINES["terms"].items():
        if fold(word) in {fold(w) for w in [key, term["ja"], term["en"], *term.get("aliases", [])]}:
            return term
    raise AssertionError(word)


def test_equipment_makers_are_in_english_on_the_english_pages(site):
    """Outsider buyer (issue 22): the English pages wrote アマダ for Amada. A maker of machines.yaml `makers` is named in
    English; one written in Latin letters as it is; no maker is left in Japanese unmarked."""
    makers = {fold(k): v for k, v in MACHINES["makers"].items()}
    checked = 0
    for slug, profile in PROFILES.items():
        rows = profile.get("equipment") or []
        if not rows:
            continue
        table = parse(site / "en" / "companies" / slug / "index.html").xpath('//table[contains(@class, "equipment")]')[0]
        shown = unmarked_text(table)
        assert not JAPANESE.search(shown), (slug, shown)
        for row in rows:
            maker = row.get("maker")
            if not maker:
                continue
            expected = makers.get(fold(maker)) or (maker if not JAPANESE.search(maker) else None)
            if expected:
                assert expected in shown, (slug, maker, expected)
                checked += 1
    assert checked > 50  # the sample's makers are listed: the test reads real rows


def test_every_equipment_row_of_an_english_page_names_its_machine(site):
    """Outsider buyer (session 14): ishiguro-chuzo's 生砂造型ライン and 高周波誘導炉 (both of type molding-line) read
    "Units 1" and "Units 2", okochi-seisakusho's MIG, CO2/MAG and TIG welders only their maker. Each row's name cell
    names the machine: its English name, else its Japanese name marked lang="ja", else (no name) its type's label
    heads the group; two named rows of one type are told apart."""
    checked = 0
    for slug, profile in PROFILES.items():
        rows = profile.get("equipment") or []
        if not rows:
            continue
        page = parse(site / "en" / "companies" / slug / "index.html")
        cells = page.xpath('//table[contains(@class, "equipment")]//td[@data-part="name"]')
        names = [" ".join(c.text_content().split()) for c in cells]
        marked = {m.text_content() for c in cells for m in c.xpath('.//*[@lang="ja"]')}
        for row in rows:
            name = row.get("name")
            if isinstance(name, str) and JAPANESE.search(name) and row.get("type") \
                    and fold(name) != fold(machine_type(row["type"])["ja"]):
                assert any(name in n for n in names), (slug, name, names)
                assert name in marked, (slug, name)
                checked += 1
    assert checked > 30
    ishiguro = [" ".join(c.text_content().split()) for c in parse(site / "en" / "companies" / "ishiguro-chuzo" /
                "index.html").xpath('//table[contains(@class, "equipment")]//td[@data-part="name"]')]
    assert "生砂造型ライン" in ishiguro and "高周波誘導炉" in ishiguro
    # a row with no name, maker or model of its own (ishiguro-chuzo's NC旋盤, the type's own label) says its type
    assert machine_type("nc-lathe")["en"] in ishiguro, ishiguro


def test_the_english_one_page_pdf_names_machines_by_their_english_type(site):
    """Outsider buyer (issue 22): the English one-page PDF printed 順送プレス without a note. A row named only in
    Japanese is printed as its machine type's English label, and no Japanese name of a machine is left on it."""
    checked = 0
    for slug, profile in PROFILES.items():
        rows = profile.get("equipment") or []
        if not rows:
            continue
        page = pdf_text(site / "en" / "companies" / slug / f"{slug}-en.pdf")
        for row in rows:
            name = row.get("name")
            if isinstance(name, str) and JAPANESE.search(name) and row.get("type"):
                # (a Japanese-only summary or PR printed on the page may say the same word)
                elsewhere = yaml.safe_dump({k: v for k, v in profile.items() if k != "equipment"}, allow_unicode=True)
                assert name in elsewhere or name not in page, (slug, name)
                # a long label wraps in its narrow column and pdftotext interleaves the columns' lines: its words
                # (a word broken at its hyphen comes back without it: double-column → doublecolumn)
                flat = page.replace("-", "")
                assert all(w.replace("-", "") in flat for w in machine_type(row["type"])["en"].split()), (slug, name)
                checked += 1
    assert checked > 50
