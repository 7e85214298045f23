"""The English pages a buyer reads through JavaScript are English: every sample company shortlisted on the English
site and compared, English search results, English company pages. Every vocabulary value shown (areas, industries,
technologies, certifications, capabilities, machine types, material groups and grades, qualifications) is the `en`
label of the term the profile names; Japanese shows only where the profile has no English, marked lang="ja" with a
日本語のみ / Japanese only note in the same cell or section (the original Japanese name beside an English one apart).

Expectations are read from content/companies/*/company.yaml and content/taxonomies/*.yaml, never from the pages.
"""
from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from pathlib import Path

import pytest
import yaml

from generator.search.recall import served
from browser.test_site_a11y import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.e2e]

CONTENT = Path(__file__).resolve().parents[2] / "content"
SLUGS = sorted(p.parent.name for p in (CONTENT / "companies").glob("*/company.yaml"))
TAGS = ("industries", "technologies", "certifications", "capabilities")
MAX_LINES = 6  # compare.js: a cell lists six lines and "n more" when there are more than seven


def load(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


PROFILES = {slug: load(CONTENT / "companies" / slug / "company.yaml") for slug in SLUGS}
VOCAB = {p.stem: load(p) for p in (CONTENT / "taxonomies").glob("*.yaml") if p.stem not in ("concepts", "readings")}


def fold(word) -> str:
    return unicodedata.normalize("NFKC", str(word)).casefold().replace(" ", "").replace("\u3000", "")


def term(taxonomy: str, word, aliases: bool = False) -> tuple[str, dict] | None:
    """The (key, term) a profile's word names: its key, a label or (for materials) an alias; None for free text."""
    terms = VOCAB[taxonomy]["terms"]
    for key, t in terms.items():
        if fold(word) in {fold(key), fold(t["ja"]), fold(t.get("en") or "")}:
            return key, t
    if aliases:
        for key, t in terms.items():
            if fold(word) in {fold(a) for a in t.get("aliases") or []}:
                return key, t
    return None


def en(taxonomy: str, word) -> str:
    return term(taxonomy, word)[1]["en"]


def tags(slug: str, taxonomy: str) -> list[str]:
    return [en(taxonomy, w) for w in PROFILES[slug].get(taxonomy) or []]


def machine_types(slug: str) -> list[str]:
    """The English labels of the company's machine types, most important first: the kind (vocabulary group) the
    company has most units of first, measuring and other machines after those that make the work; within a kind the
    type with most units; ties in the vocabulary's order; "Other equipment" (untyped rows) last."""
    terms = VOCAB["machines"]["terms"]
    order = list(terms)
    units: dict[str, int] = {}
    untyped = False
    for row in PROFILES[slug].get("equipment") or []:
        key = term("machines", row["type"])[0] if row.get("type") else None
        if key is None:
            untyped = True
        else:
            units[key] = units.get(key, 0) + (row.get("count") or 1)
    kind = {k: terms[k].get("group") or "other" for k in units}
    per_kind = {kd: sum(n for k, n in units.items() if kind[k] == kd) for kd in kind.values()}
    first = {kd: min(order.index(k) for k in units if kind[k] == kd) for kd in per_kind}
    ranked = sorted(units, key=lambda k: (kind[k] in ("measuring", "other"), -per_kind[kind[k]], first[kind[k]],
                                          -units[k], order.index(k)))
    return [terms[k]["en"] for k in ranked] + (["Other equipment"] if untyped else [])


def material_lines(slug: str) -> list[tuple[str, list[str]]]:
    """[(group's English label, [English labels of its materials])] in the vocabulary's group order (the group's
    general term as "general"); free text (the profile's own words) under "Other" last."""
    groups = VOCAB["materials"]["groups"]
    found: dict[str, list[str]] = {}
    for word in PROFILES[slug].get("materials") or []:
        written = word.get("ja") if isinstance(word, dict) else word
        hit = term("materials", written, aliases=True)
        group = hit[1]["group"] if hit else ""
        label = hit[1]["en"] if hit else (word.get("en") if isinstance(word, dict) and word.get("en") else written)
        if hit and label == groups[group]["en"]:  # the group's general term beside its group: "Steel: general"
            label = "general"
        if label not in found.setdefault(group, []):
            found[group].append(label)
    order = list(groups)
    return [(groups[g]["en"] if g else "Other", found[g])
            for g in sorted(found, key=lambda g: (g == "", order.index(g) if g else 0))]


def qualifications(slug: str) -> list[str]:
    return [en("qualifications", q["type"]) for q in PROFILES[slug].get("qualifications") or []]


# Japanese text nodes that are not marked: outside lang="ja", or without a 日本語のみ / Japanese only note in their
# cell (td), section, result or card; the company's Japanese name beside its English one and the notes themselves
# are not Japanese-only text
UNMARKED = """root => {
  const re = /[\\u3040-\\u30fa\\u30fc-\\u30ff\\u3400-\\u9fff\\uff66-\\uff9f]/;
  const walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const out = [];
  for (let n = walk.nextNode(); n; n = walk.nextNode()) {
    const e = n.parentElement;
    if (!re.test(n.data) || e.closest('script, style, [hidden], .ja-only, .romanised-note, .company-kana, .compare-kana')) continue;
    const lang = e.closest('[lang]');
    const scopes = [e.closest('td, th'), e.closest('section, .result, .card, .company-head')];
    if (lang && lang.getAttribute('lang') === 'ja' && scopes.some(s => s && s.querySelector('.ja-only'))) continue;
    out.push(n.data.trim().slice(0, 60));
  }
  return out;
}"""


@pytest.fixture(scope="module")
def base(sample_build):
    with served(sample_build / "site") as url:
        yield url


@pytest.fixture(scope="module")
def page(browser, base):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    p = ctx.new_page()
    yield p
    ctx.close()


def test_every_company_shortlisted_and_compared_in_english(page, base):
    for slug in SLUGS:
        page.goto(base + f"en/companies/{slug}/index.html")
        page.locator(".company-actions .shortlist-toggle").click()
        # the company page itself: machine types, materials and qualifications in English, Japanese only marked
        assert page.eval_on_selector("main", UNMARKED) == [], slug
        shown_types = page.eval_on_selector_all("table.equipment tr.eq-type th",
                                                "ths => ths.map(th => th.firstChild.textContent.trim())")
        assert shown_types == machine_types(slug), slug
        shown_materials = page.eval_on_selector_all("dl.materials dt", "dts => dts.map(dt => dt.textContent.trim())")
        assert shown_materials == [g for g, _ in material_lines(slug)], slug
    assert page.locator(".shortlist-link .shortlist-count").inner_text() == str(len(SLUGS))
    page.locator(".shortlist-link").click()
    page.wait_for_function("document.getElementById('compare').dataset.done", timeout=120_000)
    assert "/en/compare/" in page.url
    assert page.eval_on_selector("main", UNMARKED) == []
    assert axe_violations(page) == []  # the notes and lang="ja" pieces drawn by compare.js too
    # the companies in the order they were added, one column each
    hrefs = page.eval_on_selector_all(".compare-table thead .compare-name", "as => as.map(a => a.href)")
    assert [re.search(r"/en/companies/([^/]+)/", h).group(1) for h in hrefs] == SLUGS

    def cells(row: str, script: str) -> list:
        return page.eval_on_selector_all(f".compare-table tr[data-row='{row}'] td", script)

    texts = "tds => tds.map(td => Array.from(td.querySelectorAll('.compare-tags li')).map(li => li.textContent.trim()))"
    alone = "tds => tds.map(td => td.firstChild ? td.firstChild.textContent.trim() : '')"
    for name in TAGS:
        shown = cells(name, texts)
        singles = cells(name, alone)
        for i, slug in enumerate(SLUGS):
            expected = tags(slug, name)
            # one value is plain text in its cell, several are tags
            assert (shown[i] or ([singles[i]] if singles[i] else [])) == expected, (name, slug)
    areas = cells("area", "tds => tds.map(td => td.textContent.trim())")
    assert areas == [en("areas", PROFILES[s]["area"]) for s in SLUGS]
    # lines: a machine type (with its count of machines) or a qualification (with its count of staff) first,
    # materials as "group: grades"
    mains = ("tds => tds.map(td => Array.from(td.querySelectorAll('.compare-lines > li'))"
             ".map(li => Array.from(li.childNodes).filter(n => !(n.classList && n.classList.contains('compare-detail')))"
             ".map(n => n.textContent).join('').trim()))")
    for row, expected_of, joiner in (("equipment", machine_types, None), ("qualifications", qualifications, None),
                                     ("materials", material_lines, ": ")):
        shown = cells(row, mains) if page.locator(f"tr[data-row='{row}']").count() else [[] for _ in SLUGS]
        for i, slug in enumerate(SLUGS):
            expected = expected_of(slug)
            if joiner:
                expected = [g + joiner + ", ".join(names) for g, names in expected]
            lines = shown[i]
            if len(expected) > MAX_LINES + 1:
                assert len(lines) == MAX_LINES + 1 and "more" in lines[-1], (row, slug, lines)
                lines, expected = lines[:-1], expected[:MAX_LINES]
            assert len(lines) == len(expected), (row, slug, lines, expected)
            for line, want in zip(lines, expected):
                # a machine type with its count ("… 3 in all"), a qualification with its staff ("…, grade 1: 8")
                assert line == want or (not joiner and line.startswith((want + " ", want + ": "))), (row, slug, line)


@pytest.mark.parametrize("query", ["q=machining%20center", "q=stainless", "q=tekkosho", "material_groups=stainless", "machines=press-brake",
                                   "technologies=welding"])
def test_english_search_results_are_english(page, base, query):
    page.goto(base + "en/search/index.html?" + query)
    page.wait_for_function("(b => b.dataset.done)(document.getElementById('search'))", timeout=60_000)
    assert page.locator(".result").count() > 0
    assert page.eval_on_selector(".results", UNMARKED) == []
    for result in page.locator(".result").all():
        slug = re.search(r"/en/companies/([^/]+)/", result.locator(".result-title a").get_attribute("href")).group(1)
        profile = PROFILES[slug]
        area, *rest = result.locator(".result-meta").inner_text().split(" ・ ")
        assert area == en("areas", profile["area"]), slug
        order = [t["en"] for t in VOCAB["technologies"]["terms"].values()]
        assert rest == [", ".join(sorted(tags(slug, "technologies"), key=order.index))], slug
        # a name romanised from the reading says so where it is shown, not only in a tooltip
        romanised = not profile["name"].get("en")
        assert result.locator(".result-title .romanised-note").count() == romanised, slug
        if romanised:
            assert result.locator(".result-title .romanised-note").is_visible()


def test_romanised_names_say_so_visibly_on_cards_and_results(page, base):
    romanised = {s for s, p in PROFILES.items() if not p["name"].get("en")}
    assert romanised  # the sample has companies without an English name
    page.goto(base + "en/index.html")
    for card in page.locator(".card").all():
        slug = re.search(r"companies/([^/]+)/", card.locator(".card-link").get_attribute("href")).group(1)
        note = card.locator(".romanised-note")
        assert note.count() == (slug in romanised), slug
        if slug in romanised:
            assert note.is_visible() and note.bounding_box()["height"] > 8, slug
    assert axe_violations(page) == []
    page.goto(base + "en/search/index.html?q=tekkosho")
    page.wait_for_function("(b => b.dataset.done)(document.getElementById('search'))", timeout=60_000)
    assert page.locator(".result-title .romanised-note").count() >= 1
    assert axe_violations(page) == []


SCHEMA = json.loads((CONTENT.parent / "generator" / "schema" / "company.schema.json").read_text(encoding="utf-8"))


def title(*path: str) -> str:
    """A column's English header from the schema's x-title-en: "Contact: Phone"."""
    node, titles = SCHEMA, []
    for part in path:
        node = node["properties"][part]
        titles.append(node["x-title-en"])
        node = node.get("items", node)
    return ": ".join(titles)


def english_csv(download) -> list[dict]:
    data = Path(download.path()).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM, for Excel
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert not any(re.search(r"[\u3040-\u30ff\u3400-\u9fff]", h) for h in rows[0]), rows[0]
    assert len(set(rows[0])) == len(rows[0])
    return [dict(zip(rows[0], r)) for r in rows[1:]]


def check_english_row(r: dict) -> None:
    p = PROFILES[r["ID"]]
    # +81 for callers abroad; a cell starting with + carries the CSV's formula guard (opendata.py)
    assert r[title("contact", "phone")] == "'+81 " + p["contact"]["phone"][1:]
    assert r[title("area")] == en("areas", p["area"])
    for name in TAGS:
        assert r[title(name)] == ";".join(tags(r["ID"], name)), name
    assert r[title("qualifications", "type")] == ";".join(qualifications(r["ID"]))
    for name in ("accepts", "outsources"):
        assert r[title(name)] == ";".join(en("technologies", w) for w in p.get(name) or []), name
    assert r[title("name", "en")] == (p["name"].get("en") or "")
    assert r[title("employees")] == str(p.get("employees", ""))


def test_english_shortlist_and_search_exports_are_english(page, base):
    chosen = ["yamada-seiki", "takeuchi-tekkosho", "aoba-mekki"]
    page.goto(base + "en/compare/index.html?ids=" + ",".join(chosen))
    page.wait_for_function("document.getElementById('compare').dataset.done", timeout=60_000)
    with page.expect_download() as info:
        page.locator(".compare-csv").click()
    records = english_csv(info.value)
    assert [r["ID"] for r in records] == chosen
    for r in records:
        check_english_row(r)
    page.goto(base + "en/search/index.html?technologies=welding")
    page.wait_for_function("(b => b.dataset.done)(document.getElementById('search'))", timeout=60_000)
    with page.expect_download() as info:
        page.locator(".results-export").click()
    records = english_csv(info.value)
    welding = {s for s in SLUGS if "Welding" in tags(s, "technologies")}
    assert {r["ID"] for r in records} == welding
    for r in records:
        check_english_row(r)
