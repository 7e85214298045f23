"""Search results a buyer trusts (outsider buyer, session 16): the company whose business is the word comes first,
every result says why it matched (or is not there), a weight typed is a filter, a process gives the same companies
in both languages with counts of what is listed, and result links are relative. Through the site's own search page
in headless Chromium.

Every expectation is read from the sample profiles (content/companies/*/company.yaml) by the helpers below, never
from what the search returned: 三枝医工 (saegusa-iko) is the one profile whose summary says 医療機器 and the one with
ISO 13485; アクシス精工 (axis-seiko) the one whose summary says 半導体; 紅葉窯業 (momiji-yogyo) the one of industry
ceramics, its summary 「…ファインセラミックス部品」; IATF 16949 is held by hoshino-seiko, iwabuchi-tanko, momiji-diecast,
momiji-shoketsu, and aoba-mekki's summary says 自動車.
"""
import re
from pathlib import Path
from urllib.parse import quote

import pytest
import yaml

from generator.search.recall import served, slug_of
from search.test_search_page import base, page, searched  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.e2e]

CONTENT = Path(__file__).resolve().parents[2] / "content"
PROFILES = {p.parent.name: yaml.safe_load(p.read_text(encoding="utf-8"))
            for p in (CONTENT / "companies").glob("*/company.yaml")}
TECHNOLOGIES = yaml.safe_load((CONTENT / "taxonomies" / "technologies.yaml").read_text(encoding="utf-8"))["terms"]


def tech_keys(profile: dict, field: str = "technologies") -> set[str]:
    """A profile's processes as vocabulary keys (format v1 profiles write the labels: 溶接, Cutting / machining)."""
    out = set()
    for written in profile.get(field) or []:
        for key, term in TECHNOLOGIES.items():
            if written in (key, term.get("ja"), term.get("en")):
                out.add(key)
    return out


def ja(value) -> str:
    return value.get("ja", "") if isinstance(value, dict) else str(value or "")


def summary_says(word: str) -> set[str]:
    return {slug for slug, p in PROFILES.items() if word in ja(p.get("summary"))}


def certified(key: str) -> set[str]:
    return {slug for slug, p in PROFILES.items() if key in (p.get("certifications") or [])}


def in_industry(key: str) -> set[str]:
    return {slug for slug, p in PROFILES.items() if key in (p.get("industries") or [])}


def only_customers_say(word: str) -> set[str]:
    """The companies that name the word among their customers and nowhere in their summary or products."""
    out = set()
    for slug, p in PROFILES.items():
        products = " ".join(ja(item.get("name")) for item in p.get("products") or [])
        if any(word in ja(c) for c in p.get("customers") or []) and word not in ja(p.get("summary")) + products:
            out.add(slug)
    return out


def doing(key: str) -> set[str]:
    return {slug for slug, p in PROFILES.items() if key in tech_keys(p) | tech_keys(p, "accepts")}


def owning(machine_type: str) -> set[str]:
    return {slug for slug, p in PROFILES.items() if any(e.get("type") == machine_type for e in p.get("equipment") or [])}


def heavier(kg: float) -> set[str]:
    return {slug for slug, p in PROFILES.items() if ((p.get("capacity") or {}).get("max_weight_kg") or 0) >= kg}


def saying(pattern: str) -> set[str]:
    """The companies whose profile holds the pattern (a regular expression, case-sensitive) anywhere."""
    return {slug for slug, p in PROFILES.items() if re.search(pattern, yaml.safe_dump(p, allow_unicode=True))}


def open_search(page, base, query: str, lang: str = "ja", extra: str = "") -> None:
    page.goto(base + ("en/" if lang == "en" else "") + "search/index.html?q=" + quote(query) + extra)
    searched(page)


def in_order(page) -> list[str]:
    while page.locator(".search-more").is_visible():
        page.locator(".search-more").click()
        searched(page)
    return [slug_of(h) for h in page.eval_on_selector_all(".result-title a", "as => as.map(a => a.getAttribute('href'))")]


def lines(page) -> dict[str, str]:
    """Each result's why-line and note, by slug."""
    rows = page.eval_on_selector_all(".results li.result", """items => items.map(li => [
        li.querySelector('.result-title a').getAttribute('href'),
        [...li.querySelectorAll('.result-why, .result-note')].map(p => p.textContent).join(' | ')])""")
    return {slug_of(href): text for href, text in rows}


def test_the_profiles_say_what_the_tests_expect():
    assert summary_says("医療") == {"saegusa-iko"} and certified("iso-13485") == {"saegusa-iko"}
    assert summary_says("半導体") == {"axis-seiko"}
    assert in_industry("ceramics") == {"momiji-yogyo"} and summary_says("セラミック") == {"momiji-yogyo"}
    assert certified("iatf-16949") == {"hoshino-seiko", "iwabuchi-tanko", "momiji-diecast", "momiji-shoketsu"}
    assert summary_says("自動車") == {"aoba-mekki"}
    assert {"thermo-giken", "kawabata-gomu", "minato-giken", "momijigawa-kagaku"} <= only_customers_say("自動車")
    assert saying("TIG") == {"momijigawa-kogyo", "takeuchi-tekkosho", "okochi-seisakusho", "fujimaki-food-machinery"}
    assert saying("(?i)inconel|インコネル") == {"yamada-seiki"}
    assert owning("laser-cutter") == {"arc-laser", "momijigawa-kogyo", "fujimaki-food-machinery"}
    assert owning("laser-marker") == {"saegusa-iko"} and "laser" not in tech_keys(PROFILES["fujimaki-food-machinery"])
    assert doing("casting") == {"ishiguro-chuzo", "momiji-diecast", "nakase-valve"}
    assert doing("casting") & heavier(1000) == {"nakase-valve"}


# --- 1. the company whose business is the word first, and the line says the summary matched ---

@pytest.mark.parametrize("query, first", [
    ("医療", "saegusa-iko"),  # summary 医療機器, ISO 13485; four others have one 医療機器用 product
    ("半導体", "axis-seiko"),  # summary 半導体製造装置の精密部品
    ("セラミック", "momiji-yogyo"),  # industry ceramics, summary ファインセラミックス部品
])
def test_the_company_whose_business_is_the_word_comes_first(page, base, query, first):
    open_search(page, base, query)
    order = in_order(page)
    assert order[:1] == [first], order
    why = lines(page)[first]
    assert "概要" in why or query == "セラミック" and "材料" in why, why


def test_automotive_suppliers_come_before_companies_that_only_sell_to_the_trade(page, base):
    open_search(page, base, "自動車")
    order = in_order(page)
    suppliers = certified("iatf-16949") | summary_says("自動車")
    customers_only = only_customers_say("自動車") - suppliers - in_industry("transport-equipment")
    assert suppliers <= set(order) and order[0] in suppliers, order
    assert max(order.index(s) for s in suppliers) < min(order.index(s) for s in customers_only & set(order)), order
    why = lines(page)
    assert all(why[s] for s in order), why  # every one says why: 認証, 概要, 製品 … or 主要取引先
    assert all("主要取引先" in why[s] for s in customers_only & set(order)), why


# --- 2. and 3. every result says why it matched, or is not there ---

def test_an_abbreviation_is_matched_whole_not_inside_english_words(page, base):
    open_search(page, base, "TIG")
    assert set(in_order(page)) == saying("TIG")  # not through leak-tight, pressure-tight, tight tolerances


def test_inconel_finds_only_the_company_that_names_it(page, base):
    open_search(page, base, "インコネル")
    assert set(in_order(page)) == saying("(?i)inconel|インコネル")  # cobalt-chrome is no Inconel


@pytest.mark.parametrize("lang, query", [
    ("ja", "ダイカスト"), ("en", "stainless"), ("ja", "セラミック"), ("ja", "自動車"), ("ja", "TIG"), ("ja", "医療"),
    ("ja", "プレス 300t"),
])
def test_every_result_says_why_it_matched(page, base, lang, query):
    open_search(page, base, query, lang)
    order = in_order(page)
    why = lines(page)
    assert order and all(why.get(s) for s in order), why


# --- 4. laser cutting: the cutters' owners before the laser marker's ---

def test_laser_cutting_lists_the_cutters_owners_before_a_laser_marker(page, base):
    open_search(page, base, "レーザー切断")
    order = in_order(page)
    cutters = owning("laser-cutter")
    assert cutters <= set(order), order
    assert max(order.index(s) for s in cutters) < order.index("saegusa-iko"), order
    # fujimaki owns a 6 kW cutter: it does laser cutting, whatever its list of technologies says
    assert "挙がっていません" not in lines(page)["fujimaki-food-machinery"]


# --- 5. a weight typed is the heaviest-part filter ---

def test_a_weight_typed_filters_on_the_heaviest_part(page, base):
    open_search(page, base, "鋳物 1t")
    assert set(in_order(page)) == doing("casting") & heavier(1000)
    assert page.locator(".search-typed-line").count() == 1  # the line says what 1t became
    assert "1,000 kg" in page.locator(".search-chips").inner_text()
    open_search(page, base, "500kg")
    assert set(in_order(page)) == heavier(500)


# --- 6. a process: the same companies in both languages, counted as listed ---

def test_a_process_lists_its_doers_in_both_languages_and_counts_what_it_lists(page, base):
    welders = doing("welding")
    open_search(page, base, "溶接")
    ja_found = in_order(page)
    assert set(ja_found) == welders
    assert f"{len(welders)}件" in page.locator(".search-status").inner_text()
    open_search(page, base, "welding", "en")
    assert set(in_order(page)) == welders
    open_search(page, base, "溶接", extra="&certifications=iso-9001")
    expected = welders & certified("iso-9001")
    assert set(in_order(page)) == expected
    assert f"{len(expected)}件" in page.locator(".search-status").inner_text()
    # the companies that only mention it are one click away, with the note that it is not theirs
    open_search(page, base, "溶接")
    before = page.evaluate("document.getElementById('search').dataset.done")
    page.locator(".search-help-action", has_text="本文").click()
    searched(page, before)
    more = in_order(page)
    assert set(more) > welders and more[:len(welders)] and set(more[:len(welders)]) == welders
    why = lines(page)
    assert all("挙がっていません" in why[s] for s in set(more) - welders), why


# --- 7. result links relative, so that a guidebook under a sub-path works ---

def test_result_links_and_pictures_are_relative_and_work_under_a_sub_path(page, sample_build, tmp_path):
    (tmp_path / "guide").symlink_to(sample_build / "site", target_is_directory=True)
    with served(tmp_path) as url:
        for lang in ("ja", "en"):
            open_search(page, url + "guide/", "溶接", lang)
            hrefs = page.eval_on_selector_all(".result-title a", "as => as.map(a => a.getAttribute('href'))")
            pictures = page.eval_on_selector_all(".result-thumb", "is => is.map(i => i.getAttribute('src'))")
            assert hrefs and not [h for h in hrefs + pictures if h.startswith("/")], hrefs + pictures
            assert all(page.evaluate("u => fetch(new URL(u, location.href)).then(r => r.ok)", u) for u in pictures[:3])
            page.locator(".result-title a").first.click()
            page.wait_for_load_state()
            assert page.url.startswith(url + "guide/" + ("en/" if lang == "en" else "") + "companies/")
            assert page.locator("h1").count() == 1
