"""The shortlist as a purchasing team uses it, in headless Chromium: add companies from search results and a company
page, compare them side by side, export the CSV (the open data's columns), open the shared link in a fresh browser;
the phone-first company page (call button on the first screen, equipment as cards), results above the fold after a
filter, the favicon, and 404.html served for a missing address under a sub-path.

Expectations are read from the sample profiles (content/companies/*/company.yaml) and vocabularies.
"""
import csv
import functools
import http.server
import io
import shutil
import threading
from pathlib import Path

import pytest
import yaml

from generator.opendata import COLUMNS
from generator.search.recall import served
from browser.test_site_a11y import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.e2e]

PROJECT = Path(__file__).resolve().parents[2]
CONTENT = PROJECT / "content"
# two companies from the results of ?technologies=welding, one from its own page
FROM_RESULTS = ["arc-laser", "takeuchi-tekkosho"]
FROM_PAGE = "yamada-seiki"
CHOSEN = FROM_RESULTS + [FROM_PAGE]


def profile(slug: str) -> dict:
    return yaml.safe_load((CONTENT / "companies" / slug / "company.yaml").read_text(encoding="utf-8"))


@functools.cache  # read once: label() is asked for every word of every profile (callers only read)
def vocabulary(taxonomy: str) -> dict:
    return yaml.safe_load((CONTENT / "taxonomies" / f"{taxonomy}.yaml").read_text(encoding="utf-8"))["terms"]


def label(taxonomy: str, word: str, lang: str = "ja") -> str:
    """A vocabulary word of a profile (a key, or already a label) as the site labels it."""
    terms = vocabulary(taxonomy)
    if word in terms:
        return terms[word][lang]
    return next(t[lang] for t in terms.values() if word in (t["ja"], t.get("en")) or word in t.get("aliases", []))


def e164(phone: str) -> str:
    """A Japanese number as a tel: link gives it: +81 and the digits without the leading 0."""
    return "+81" + "".join(ch for ch in phone if ch.isdigit())[1:]


def name(slug: str, lang: str = "ja") -> str:
    n = profile(slug)["name"]
    return n["ja"] if lang == "ja" else n.get("en") or n["ja"]


def welding_companies() -> set[str]:
    """The companies whose profile lists welding (by its key, label or an alias)."""
    welding = label("technologies", "welding")
    return {p.parent.name for p in (CONTENT / "companies").glob("*/company.yaml")
            if welding in [label("technologies", w) for w in yaml.safe_load(p.read_text(encoding="utf-8"))["technologies"]]}


@pytest.fixture(scope="module")
def base(sample_build):
    with served(sample_build / "site") as url:
        yield url


def compared(page) -> None:
    page.wait_for_function("document.getElementById('compare').dataset.done", timeout=60_000)


def searched(page) -> None:
    page.wait_for_function("(b => b.dataset.done)(document.getElementById('search'))", timeout=60_000)


def column_names(page) -> list[str]:
    return page.eval_on_selector_all(".compare-table thead .compare-name", "as => as.map(a => a.textContent.trim())")


def row(page, key: str) -> list[str]:
    return page.eval_on_selector_all(f".compare-table tr[data-row='{key}'] td",
                                     "tds => tds.map(td => td.innerText.trim())")


def header_count(page) -> int:
    return int(page.locator(".shortlist-link .shortlist-count").inner_text())


def read_csv(download) -> tuple[bytes, list[list[str]]]:
    data = Path(download.path()).read_bytes()
    return data, list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_add_three_compare_export_and_share(browser, base):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = ctx.new_page()
    page.goto(base + "search/index.html?technologies=welding")
    searched(page)
    page.wait_for_selector(".result .shortlist-toggle")
    for slug in FROM_RESULTS:
        result = page.locator(".result", has=page.locator(f".result-title a[href*='/companies/{slug}/']"))
        result.locator(".shortlist-toggle").click()
        assert result.locator(".shortlist-toggle").get_attribute("aria-pressed") == "true"
    assert header_count(page) == 2
    page.goto(base + f"companies/{FROM_PAGE}/index.html")
    toggle = page.locator(".company-actions .shortlist-toggle")
    assert toggle.inner_text().endswith("候補に追加")
    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "true" and header_count(page) == 3
    # pressed again it comes off the list, and a third press puts it back (at the end)
    toggle.click()
    assert header_count(page) == 2
    toggle.click()

    page.locator(".shortlist-link").click()
    compared(page)
    assert "compare/index.html?ids=" + ",".join(CHOSEN) in page.url
    assert column_names(page) == [name(s) for s in CHOSEN]
    for i, slug in enumerate(CHOSEN):
        p = profile(slug)
        techs = row(page, "technologies")[i]
        assert all(label("technologies", w) in techs for w in p["technologies"]), (slug, techs)
        assert row(page, "area")[i] == label("areas", p["area"])
        assert row(page, "employees")[i] == (f"{p['employees']}名" if "employees" in p else "")
        contact = row(page, "contact")[i]
        assert p["contact"]["phone"] in contact and p["contact"].get("email", "") in contact
        certs = row(page, "certifications")[i]
        assert all(label("certifications", w) in certs for w in p.get("certifications") or [])
        machines = [m.get("name") or label("machines", m["type"]) for m in p.get("equipment") or []]
        machines = [m if isinstance(m, str) else m["ja"] for m in machines]
        assert not machines or any(m in row(page, "equipment")[i] for m in machines), (slug, machines)
    tel = page.locator(".compare-table tr[data-row='contact'] td").first.locator("a[href^='tel:']")
    assert tel.get_attribute("href") == "tel:" + e164(profile(CHOSEN[0])["contact"]["phone"])
    assert axe_violations(page) == []

    with page.expect_download() as info:
        page.locator(".compare-csv").click()
    data, rows = read_csv(info.value)
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data  # BOM for Excel, CRLF as the open data
    assert rows[0] == [c.name for c in COLUMNS]
    records = [dict(zip(rows[0], r)) for r in rows[1:]]
    assert [r["ID"] for r in records] == CHOSEN
    for r in records:
        p = profile(r["ID"])
        assert r["名称"] == p["name"]["ja"] and r["電話番号"] == p["contact"]["phone"]
        assert r["従業員数"] == str(p.get("employees", "")) and r["地区"] == label("areas", p["area"])
        assert r["技術"].split(";") == [label("technologies", w) for w in p["technologies"]]

    link = page.locator("#compare-link").input_value()
    assert link.endswith("compare/index.html?ids=" + ",".join(CHOSEN))
    ctx.close()

    fresh = browser.new_context(viewport={"width": 390, "height": 844})
    colleague = fresh.new_page()
    colleague.goto(link)
    compared(colleague)
    assert column_names(colleague) == [name(s) for s in CHOSEN]
    # shown as the sender's list: the colleague's own shortlist stays as it was until they save this one
    notice = colleague.locator(".compare-shared")
    assert notice.is_visible() and "3" in notice.inner_text() and header_count(colleague) == 0
    assert colleague.locator(".compare-add").is_hidden()  # nothing of their own to add it to
    assert colleague.evaluate("document.documentElement.scrollWidth") <= 390  # the table scrolls, not the page
    assert axe_violations(colleague) == []
    save = colleague.locator(".compare-save")
    assert save.inner_text() == "この候補リストを保存" and save.bounding_box()["height"] >= 44
    save.click()
    compared(colleague)
    assert header_count(colleague) == 3 and notice.is_hidden()  # now theirs
    colleague.reload()
    compared(colleague)
    assert column_names(colleague) == [name(s) for s in CHOSEN] and notice.is_hidden()
    # removing one in the comparison takes it off the list
    colleague.locator(".compare-remove").first.click()
    compared(colleague)
    assert column_names(colleague) == [name(s) for s in CHOSEN[1:]] and header_count(colleague) == 2
    fresh.close()


def test_a_shared_link_never_replaces_a_shortlist_unasked(browser, base):
    ctx = browser.new_context()
    page = ctx.new_page()
    page.goto(base + f"companies/{FROM_PAGE}/index.html")
    page.locator(".company-actions .shortlist-toggle").click()  # the reader's own list: one company
    page.goto(base + "compare/index.html?ids=" + ",".join(FROM_RESULTS))
    compared(page)
    assert column_names(page) == [name(s) for s in FROM_RESULTS] and header_count(page) == 1
    asked = []
    page.once("dialog", lambda d: (asked.append(d.message), d.dismiss()))
    page.locator(".compare-save").click()
    assert asked and "1" in asked[0] and header_count(page) == 1  # declined: their list is kept
    page.once("dialog", lambda d: d.accept())
    page.locator(".compare-save").click()
    compared(page)
    assert header_count(page) == 2 and page.locator(".compare-shared").is_hidden()
    page.goto(base + "compare/index.html")
    compared(page)
    assert column_names(page) == [name(s) for s in FROM_RESULTS]
    # "add" keeps what they had and appends the shared companies
    page.goto(base + f"en/compare/index.html?ids={FROM_PAGE}")
    compared(page)
    assert page.locator(".compare-save").inner_text() == "Save this list as my shortlist"
    page.locator(".compare-add").click()
    compared(page)
    slugs = page.eval_on_selector_all(".compare-table thead .compare-name", "as => as.map(a => a.href.split('/').at(-2))")
    assert slugs == FROM_RESULTS + [FROM_PAGE] and header_count(page) == 3
    ctx.close()


def test_english_comparison_and_toggle(browser, base):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(base + "en/companies/arc-laser/index.html")
    assert page.locator(".company-actions .shortlist-toggle").inner_text().endswith("Add to shortlist")
    page.goto(base + "en/compare/index.html?ids=arc-laser,yamada-seiki")
    compared(page)
    assert column_names(page) == [name("arc-laser", "en"), name("yamada-seiki", "en")]
    assert label("technologies", "laser", "en") in row(page, "technologies")[0]
    assert page.locator(".compare-table th[scope=row]", has_text="Technologies").count() == 1
    assert axe_violations(page) == []
    page.close()


def test_slugs_from_the_address_and_storage_are_checked(browser, base):
    """?ids= and localStorage are anyone's input: only slugs of listed companies are used, never as markup."""
    page = browser.new_page()
    page.goto(base + "compare/index.html?ids=" + ",".join(
        ["<img src=x onerror=window.pwned=1>", "yamada-seiki", "../../etc/passwd", "no-such-company"]))
    compared(page)
    assert column_names(page) == [name("yamada-seiki")]
    assert page.evaluate("window.pwned") is None and page.locator("main img").count() == 0
    assert "1" in page.locator(".compare-status").inner_text()  # the company no longer listed is named as left out
    page.locator(".compare-save").click()  # the shared list saved: this browser's shortlist is in storage now
    compared(page)
    assert header_count(page) == 1
    page.evaluate("""Object.keys(localStorage).forEach(k => localStorage.setItem(k,
        JSON.stringify(['<b>x</b>', 'arc-laser', {a: 1}, 'arc-laser', 'Arc-Laser'])))""")
    page.goto(base + "index.html")
    assert header_count(page) == 1
    page.close()


def test_search_results_export_as_csv(browser, base):
    ctx = browser.new_context(accept_downloads=True)
    page = ctx.new_page()
    page.goto(base + "search/index.html?technologies=welding")
    searched(page)
    with page.expect_download() as info:
        page.locator(".results-export").click()
    _, rows = read_csv(info.value)
    assert rows[0] == [c.name for c in COLUMNS]
    assert {r[rows[0].index("ID")] for r in rows[1:]} == welding_companies()
    ctx.close()


def test_phone_company_page_has_the_call_button_on_the_first_screen(browser, base):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(base + "companies/yamada-seiki/index.html")
    call = page.locator(".contact-bar .contact-call")
    box = call.bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= 844 and box["height"] >= 44
    assert call.get_attribute("href") == "tel:" + e164(profile("yamada-seiki")["contact"]["phone"])
    for action in page.locator(".contact-bar a, .company-actions .shortlist-toggle").all():
        assert action.bounding_box()["height"] >= 44
    # the equipment table is one card per machine: each value beside its column's name, nothing clipped
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    cell = page.locator("table.equipment tbody td[data-label]").first
    assert cell.evaluate("td => getComputedStyle(td).display") in ("grid", "block")  # v2: a block per machine
    name_cell = page.locator("table.equipment tbody th").first
    assert name_cell.bounding_box()["width"] > 200  # no column of one character per line
    page.set_viewport_size({"width": 1280, "height": 900})
    assert page.locator(".contact-bar").evaluate("b => getComputedStyle(b).position") == "static"
    page.close()


def test_phone_search_results_start_on_the_first_screen_after_a_filter(browser, base):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(base + "search/index.html")
    searched(page)
    assert page.locator(".facet").first.is_hidden()  # one control folds them all on a phone
    page.locator(".filters-toggle").click()
    page.locator(".facet[data-facet='technologies'] summary").click()
    page.locator("input[name='technologies'][value='welding']").check()
    page.wait_for_function("document.querySelectorAll('.result').length > 0", timeout=60_000)
    assert page.locator(".result").first.bounding_box()["y"] < 844
    page.goto(base + "search/index.html?technologies=welding&areas=kita")  # a shared search, opened on a phone
    page.wait_for_selector(".result", timeout=60_000)
    assert page.locator(".result").first.bounding_box()["y"] < 844
    page.close()


def test_first_visit_requests_nothing_missing(browser, base, sample_build):
    site = sample_build / "site"
    svg = (site / "favicon.svg").read_text(encoding="utf-8")
    color = yaml.safe_load((CONTENT / "site.yaml").read_text(encoding="utf-8"))["color"]
    assert color in svg
    ctx = browser.new_context()
    page = ctx.new_page()
    missing = []
    page.on("response", lambda r: missing.append(r.url) if r.status >= 400 else None)
    page.goto(base + "en/companies/arc-laser/index.html")
    page.wait_for_load_state("networkidle")
    icons = page.eval_on_selector_all("link[rel~=icon], link[rel=apple-touch-icon]", "ls => ls.map(l => l.href)")
    assert {u.rsplit("/", 1)[1] for u in icons} == {"favicon.ico", "favicon.svg", "apple-touch-icon.png"}
    for url in icons:
        assert page.request.get(url).ok, url
    assert missing == []
    ctx.close()


class _SubPathHandler(http.server.SimpleHTTPRequestHandler):
    """A static host with the site under /city/guide/: a missing address there gets the site's 404.html."""

    def log_message(self, *args):
        pass

    def send_error(self, code, message=None, explain=None):
        if code != 404 or not self.path.startswith("/city/guide/"):
            return super().send_error(code, message, explain)
        body = (Path(self.directory) / "city" / "guide" / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def test_not_found_page_finds_the_site_from_a_sub_path(browser, sample_build, tmp_path):
    host = tmp_path / "host"
    shutil.copytree(sample_build / "site", host / "city" / "guide")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                             functools.partial(_SubPathHandler, directory=str(host)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        origin = f"http://127.0.0.1:{server.server_address[1]}"
        page = browser.new_page(viewport={"width": 390, "height": 844})
        failed, errors = [], []
        page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        # a removed company, an old page just below the root, a folder of the site under a host folder of the same
        # name: the root is found without a single failed request (nothing red in the console)
        for missing in ("/city/guide/old-page.html", "/city/guide/en/search/old/", "/city/guide/companies/gone-away/old/index.html"):
            failed.clear()
            errors.clear()
            response = page.goto(origin + missing)
            assert response.status == 404 and "ページが見つかりません" in page.content()
            page.wait_for_function("document.body.dataset.rootFound", timeout=30_000)
            assert page.evaluate("document.body.dataset.rootFound") == "/city/guide/", missing
            page.wait_for_load_state("networkidle")
            assert failed == [origin + missing] and len(errors) <= 1, (missing, failed, errors)  # the page itself
        assert page.locator("a", has_text="Back to the top").get_attribute("href") == "/city/guide/en/index.html"
        icon = page.eval_on_selector("link[rel=icon][type='image/svg+xml']", "l => l.href")
        assert icon == origin + "/city/guide/favicon.svg"
        # styled by itself: the header in the city's colour
        color = yaml.safe_load((CONTENT / "site.yaml").read_text(encoding="utf-8"))["color"]
        rgb = "rgb(" + ", ".join(str(int(color[i:i + 2], 16)) for i in (1, 3, 5)) + ")"
        assert page.locator(".site-header").evaluate("h => getComputedStyle(h).backgroundColor") == rgb
        assert axe_violations(page) == []
        page.locator("main a", has_text="トップへ戻る").click()
        page.wait_for_load_state()
        assert page.url == origin + "/city/guide/index.html" and page.locator(".hero h1").count() == 1
        page.close()
    finally:
        server.shutdown()
        server.server_close()



def test_phone_filters_are_thumb_sized(browser, base):
    """At 390 px every filter's summary, each value row of an open filter, a chosen filter's chip and the clear
    button are at least 44 px tall (WCAG 2.5.5), in Japanese and in English."""
    page = browser.new_page(viewport={"width": 390, "height": 844})
    for prefix in ("", "en/"):
        page.goto(base + prefix + "search/index.html?technologies=welding")
        searched(page)
        small = []
        toggle = page.locator(".filters-toggle")
        if toggle.bounding_box()["height"] < 44:
            small.append((prefix, "toggle", toggle.inner_text(), toggle.bounding_box()["height"]))
        toggle.click()
        for facet in page.locator(".facet").all():
            facet.locator("summary").click()  # open it (a phone keeps them folded)
            for el in [facet.locator("summary")] + facet.locator(".facet-value:visible").all():
                box = el.bounding_box()
                if box["height"] < 44:
                    small.append((prefix, facet.get_attribute("data-facet"), el.inner_text()[:30], box["height"]))
            facet.locator("summary").click()
        for el in page.locator(".chip, .search-clear").all():
            if el.bounding_box()["height"] < 44:
                small.append((prefix, "chip", el.inner_text(), el.bounding_box()["height"]))
        assert not small, small[:5]
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.close()


STRINGS = yaml.safe_load((PROJECT / "themes" / "default" / "strings.yaml").read_text(encoding="utf-8"))
CAPACITY_FIELDS = ("max_part_mm", "max_weight_kg", "tolerance_mm", "lead_time_days", "floor_area_m2", "sales_jpy")


def press_shops() -> list[str]:
    """Three companies with a press (type press) of 300 t or more: the buyer comparing press shops for a 300 t job."""
    found = []
    for p in sorted((CONTENT / "companies").glob("*/company.yaml")):
        rows = yaml.safe_load(p.read_text(encoding="utf-8")).get("equipment") or []
        # a range [60, 300] of a row's presses reaches 300 t by its upper end
        tonnage = [(r.get("figures") or {}).get("tonnage_t", 0) for r in rows if r.get("type") == "press"]
        if any((max(v) if isinstance(v, list) else v) >= 300 for v in tonnage):
            found.append(p.parent.name)
    return found[:3]


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_three_press_shops_side_by_side_with_capacity_visits_processes_and_access(browser, base, lang):
    """Outsider buyer (issue 22): the capacity cell was cut and factory visits, the processes taken on and the
    access had no row; each is now a row, whole, in both languages."""
    shops = press_shops()
    assert len(shops) == 3
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(base + ("en/" if lang == "en" else "") + "compare/index.html?ids=" + ",".join(shops))
    compared(page)
    t = STRINGS[lang]
    heads = page.eval_on_selector_all(".compare-table tbody th[scope=row]", "ths => ths.map(th => th.textContent.trim())")
    for key in ("accepts", "factory_visits", "access"):
        assert t[key] in heads, key
    lines = page.eval_on_selector_all(".compare-table tr[data-row='capacity'] td",
                                      "tds => tds.map(td => Array.from(td.querySelectorAll('.compare-lines > li')).map(li => li.innerText))")
    for i, slug in enumerate(shops):
        p = profile(slug)
        cap = p.get("capacity") or {}
        # every capacity figure the profile gives, none cut off, and no fact that has a row of its own
        want = sum(1 for k in CAPACITY_FIELDS if k in cap) + (1 if "lot_min" in cap or "lot_max" in cap else 0)
        assert len(lines[i]) == want, (slug, lines[i])
        assert not any(t["factory_visits"] in line or t["employees"] in line for line in lines[i]), (slug, lines[i])
        visits = p.get("factory_visits")
        assert row(page, "visits")[i] == ("" if visits is None else t["visits_yes"] if visits else t["visits_no"]), slug
        accepts = row(page, "accepts")[i]
        assert all(label("technologies", w, lang) in accepts for w in p.get("accepts") or []), (slug, accepts)
        access = row(page, "access")[i]
        for a in p.get("access") or []:
            place = a["place"] if isinstance(a["place"], str) else a["place"].get(lang) or a["place"]["ja"]
            assert place in access and str(a["minutes"]) in access, (slug, access)
    page.close()


# yamada-seiki confirmed half a year before the issue, aoba-mekki over two years before it, owada-spring never
RULE_OUT = ["yamada-seiki", "aoba-mekki", "owada-spring"]
CONFIRMED = {"ja": ["2026-04-01", "2024-06-28（2年3か月前）", "未確認"],
             "en": ["2026-04-01", "2024-06-28 (2 years 3 months ago)", "Not confirmed"]}


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_compare_has_the_rows_that_rule_a_supplier_out(browser, base, lang):
    """Outsider buyer (issue 19, item 9): what a company gives out, does not take on, sells to and when it last
    confirmed its entry are rows of the comparison, each company's own, in both languages."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(base + ("en/" if lang == "en" else "") + "compare/index.html?ids=" + ",".join(RULE_OUT))
    compared(page)
    t = STRINGS[lang]
    heads = page.eval_on_selector_all(".compare-table tbody th[scope=row]", "ths => ths.map(th => th.textContent.trim())")
    for key in ("outsources", "limits", "customers", "last_confirmed"):
        assert t[key] in heads, key
    for i, slug in enumerate(RULE_OUT):
        p = profile(slug)
        outsources = row(page, "outsources")[i]
        assert sorted(outsources.split("\n")) == sorted(label("technologies", w, lang) for w in p["outsources"]), slug
        limits = row(page, "limits")[i]
        assert all(limit in limits for limit in p["limits"]), (slug, limits)  # Japanese only: shown as written
        customers = row(page, "customers")[i]
        assert all(c in customers for c in p.get("customers") or []), (slug, customers)
        assert row(page, "confirmed")[i] == CONFIRMED[lang][i]
    page.close()
