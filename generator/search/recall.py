"""Search quality: run a query set through Pagefind's own JS in headless Chromium and measure recall in the top 10.

Used by tests/search (with the query set there) and by the benchmark. Needs Playwright and Debian's chromium.
"""
from __future__ import annotations

import functools
import http.server
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import yaml

TOP = 10  # a buyer looks at the first max(TOP, expected) results
READING_TOP = 3  # a company searched by the reading of its name is among the first three
# Debian's Chromium, headless, as root in a sandbox with no outside network: no background connections
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]

# Plain Pagefind, for comparison: its JS API on the bundles the search page lists, the query as typed, the filters
# in Pagefind's own form (OR inside a group, AND across groups) and nothing of our search page.
_PLAIN_JS = """async ([q, filters, top]) => {
  const box = document.getElementById('search');
  const root = new URL(box.dataset.root, location.href);
  const [own, ...others] = (box.dataset.bundles || 'pagefind').split(' ').filter(Boolean);
  const pf = await import(new URL(own + '/pagefind.js', root).href);
  if (!window.guidebookMerged) {  // once per page: every call adds an index
    window.guidebookMerged = true;
    for (const other of others) await pf.mergeIndex(new URL(other + '/', root).href);
  }
  const f = {};
  for (const [name, values] of Object.entries(filters)) f[name] = {any: values};
  const s = await pf.search(q || null, {filters: f});
  const data = await Promise.all(s.results.slice(0, top).map(r => r.data()));
  return [data.map(d => d.url), s.results.length, false];
}"""

# Our search page, as a buyer uses it: the address carries the query and the ticked filters; wait until the page
# has searched, press "more" until enough results are on screen, and follow a "did you mean" when nothing was found.
_PAGE_JS = """async (top) => {
  const box = document.getElementById('search');
  const done = () => new Promise(ok => { const t = setInterval(() => { if (box.dataset.done) { clearInterval(t); ok(); } }, 5); });
  await done();
  let followed = false;
  const suggestion = box.querySelector('.search-suggest a');
  if (suggestion && (!box.querySelector('.results li') || box.dataset.approximate)) {
    suggestion.click();
    followed = true;
    await new Promise(ok => setTimeout(ok, 0));
    await done();
  }
  const more = box.querySelector('.search-more');
  while (box.querySelectorAll('.results li').length < top && !more.hidden) {
    more.click();
    await new Promise(ok => setTimeout(ok, 0));
    await done();
  }
  const links = [...box.querySelectorAll('.results .result-title a')].map(a => a.getAttribute('href'));
  const n = parseInt((box.querySelector('.search-status').textContent.match(/[0-9]+/) || ['0'])[0], 10);
  return [links.slice(0, top), links.length ? Math.max(n, links.length) : 0, followed];
}"""


@dataclass
class QueryResult:
    query: str
    kind: str
    expect: list[str]
    found: list[str]  # slugs of the first max(TOP, expected) results, in order
    also: list[str] = field(default_factory=list)  # not wrong to show, not required
    total: int = 0  # how many results the search gave
    followed: bool = False  # the results are those of the "did you mean" suggestion
    filters: dict = field(default_factory=dict)
    lang: str = "ja"

    @property
    def window(self) -> int:
        return max(TOP, len(self.expect))

    @property
    def hits(self) -> int:
        return len(set(self.expect) & set(self.found[:self.window]))

    @property
    def right(self) -> int:
        """Results within the window that do the thing (expected, or not wrong to show)."""
        return sum(1 for s in self.found[:self.window] if s in self.expect or s in self.also)


@dataclass
class Recall:
    results: list[QueryResult] = field(default_factory=list)

    @property
    def value(self) -> float:
        """Share of the expected companies found within the first max(10, expected) results (over all queries)."""
        wanted = sum(len(r.expect) for r in self.results)
        return sum(r.hits for r in self.results) / wanted if wanted else 1.0

    @property
    def first_right(self) -> float:
        """Share of the queries (that expect a company) whose first result is one of those expected."""
        asked = [r for r in self.results if r.expect]
        return sum(1 for r in asked if r.found[:1] and r.found[0] in r.expect) / len(asked) if asked else 1.0

    @property
    def readings(self) -> float:
        """Name readings (kind: reading): share of the expected companies among the first three, as far as they fit."""
        asked = [r for r in self.results if r.kind == "reading" and r.expect]
        wanted = sum(min(len(r.expect), READING_TOP) for r in asked)
        got = sum(len(set(r.expect) & set(r.found[:READING_TOP])) for r in asked)
        return got / wanted if wanted else 1.0

    @property
    def precision(self) -> float:
        """Share of the results shown (within each query's window) that do the thing."""
        shown = sum(len(r.found[:r.window]) for r in self.results)
        return sum(r.right for r in self.results) / shown if shown else 1.0

    def misses(self) -> list[QueryResult]:
        """The queries that missed an expected company."""
        return [r for r in self.results if r.hits < len(r.expect)]


def load_queries(path: Path) -> list[dict]:
    """The query set: a YAML list of {q, expect, kind, lang?}."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass  # a page left before a file was sent (the next query): nothing to report


@contextmanager
def served(folder: Path):
    """Serve a folder on 127.0.0.1 (a free port) while the block runs; yields the base URL."""
    server = _Server(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def slug_of(url: str) -> str:
    """The company slug in a result URL such as /companies/yamada-seiki/."""
    parts = [p for p in url.split("/") if p]
    return parts[parts.index("companies") + 1] if "companies" in parts else url


def measure(site: Path, queries: list[dict], browser, *, plain: bool = False) -> Recall:
    """Run every query on the built site's search page (ja or en) and collect the results a buyer sees.

    `plain=True` asks Pagefind's JS API directly, the query as typed (the plain Pagefind figure).
    """
    from urllib.parse import urlencode

    recall = Recall()
    with served(site) as base:
        page = browser.new_page()
        loaded = None
        for q in queries:
            lang = q.get("lang", "ja")
            filters = q.get("filters") or {}
            expect = list(q["expect"])
            top = max(TOP, len(expect))
            search_page = base + ("en/" if lang == "en" else "") + "search/index.html"
            if plain:
                if loaded != lang:
                    page.goto(search_page)
                    loaded = lang
                urls, total, followed = page.evaluate(_PLAIN_JS, [str(q["q"]), filters, top])
            else:
                params = [("q", str(q["q"]))] if q["q"] else []
                params += [(name, v) for name, values in filters.items() for v in values]
                page.goto(search_page + ("?" + urlencode(params) if params else ""))
                urls, total, followed = page.evaluate(_PAGE_JS, top)
            recall.results.append(QueryResult(str(q["q"]), q.get("kind", ""), expect, [slug_of(u) for u in urls],
                                              list(q.get("also", [])), total, followed, filters, lang))
        page.close()
    return recall


def report(name: str, recall: Recall) -> str:
    """A short text report: the figures, then each query that missed an expected company or put a wrong one first."""
    lines = [f"{name}: {figures(recall)} over {len(recall.results)} queries"]
    for r in recall.results:
        wrong = [s for s in r.found[:r.window] if s not in r.expect and s not in r.also]
        missed = [s for s in r.expect if s not in r.found[:r.window]]
        first = not r.expect or (r.found and r.found[0] in r.expect)
        if missed or wrong or not first:
            where = f" {r.filters}" if r.filters else ""
            lines.append(f"  {r.query!r}{where} ({r.kind}, {r.lang}{', via suggestion' if r.followed else ''}): "
                         f"missed {missed}, not expected {wrong}{'' if first else ', first: ' + str(r.found[:1])}")
    return "\n".join(lines)


def figures(recall: Recall) -> str:
    """The four figures on one line."""
    return (f"recall {recall.value:.1%}, first right {recall.first_right:.1%}, readings top-3 {recall.readings:.1%}, "
            f"precision {recall.precision:.1%}")


def plain_site(guide, site: Path) -> None:
    """The guide's site without the hidden variant words, indexed as Pagefind does out of the box (every page, an
    index per language in one bundle): what the variants are measured against."""
    import subprocess

    from ..site.render import render_site
    from ..site.templates import theme_dirs
    from .pagefind import pagefind_binary

    render_site(guide, site, theme_dirs(guide.site.theme), search_variants=False)
    subprocess.run([str(pagefind_binary()), "--site", str(site), "--quiet"], check=True, capture_output=True)


def sample_recall(work: Path) -> tuple[Recall, Recall]:
    """The query set of tests/search on the bundled sample content, with our variants and with plain Pagefind.

    Builds both sites under `work`; needs Playwright and Debian's chromium (RuntimeError without them).
    """
    import shutil

    from ..load import load_content
    from ..model import make_guide
    from ..site.render import render_site
    from ..site.templates import theme_dirs
    from .index import index_search

    project = Path(__file__).resolve().parents[2]
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        raise RuntimeError("chromium is not installed (make setup installs it)")
    from playwright.sync_api import sync_playwright

    guide = make_guide(load_content(project / "content"))
    ours, plain = work / "recall" / "site", work / "recall" / "plain"
    shutil.rmtree(work / "recall", ignore_errors=True)
    render_site(guide, ours, theme_dirs(guide.site.theme))
    index_search(ours)
    plain_site(guide, plain)
    queries = load_queries(project / "tests" / "search" / "queries.yaml")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            return measure(ours, queries, browser), measure(plain, queries, browser, plain=True)
        finally:
            browser.close()
