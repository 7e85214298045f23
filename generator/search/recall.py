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

TOP = 10
# Debian's Chromium, headless, as root in a sandbox with no outside network: no background connections
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]

# Runs in the page: Pagefind's JS API with the bundles the search page lists (its own first, then the others of a big
# directory merged in, as search.js does). `normalise` runs the query through the search page's own term function
# first (search.js), as a buyer's query is.
_SEARCH_JS = """async ([q, top, normalise]) => {
  const box = document.getElementById('search');
  const root = new URL(box.dataset.root, location.href);
  const [own, ...others] = (box.dataset.bundles || 'pagefind').split(' ').filter(Boolean);
  const pf = await import(new URL(own + '/pagefind.js', root).href);
  if (!window.guidebookMerged) {  // once per page: every call adds an index
    window.guidebookMerged = true;
    for (const other of others) await pf.mergeIndex(new URL(other + '/', root).href);
  }
  const s = await pf.search(normalise ? window.guidebookSearchTerm(q) : q);
  const data = await Promise.all(s.results.slice(0, top).map(r => r.data()));
  return data.map(d => d.url);
}"""


@dataclass
class QueryResult:
    query: str
    kind: str
    expect: list[str]
    found: list[str]  # slugs of the first results, in order

    @property
    def hits(self) -> int:
        return len(set(self.expect) & set(self.found))


@dataclass
class Recall:
    results: list[QueryResult] = field(default_factory=list)

    @property
    def value(self) -> float:
        """Share of the expected companies found in the top 10 (over all queries)."""
        wanted = sum(min(len(r.expect), TOP) for r in self.results)
        return sum(r.hits for r in self.results) / wanted if wanted else 1.0

    def misses(self) -> list[QueryResult]:
        return [r for r in self.results if r.hits < min(len(r.expect), TOP)]


def load_queries(path: Path) -> list[dict]:
    """The query set: a YAML list of {q, expect, kind, lang?}."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextmanager
def served(folder: Path):
    """Serve a folder on 127.0.0.1 (a free port) while the block runs; yields the base URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
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


def measure(site: Path, queries: list[dict], browser, *, normalise: bool = True) -> Recall:
    """Run every query on the built site's search page (ja or en) and collect the top results.

    `normalise=False` sends the query to Pagefind as typed, skipping the search page's term function (the plain
    Pagefind figure).
    """
    recall = Recall()
    with served(site) as base:
        pages = {}
        for q in queries:
            lang = q.get("lang", "ja")
            if lang not in pages:
                pages[lang] = browser.new_page()
                pages[lang].goto(base + ("en/" if lang == "en" else "") + "search/index.html")
            urls = pages[lang].evaluate(_SEARCH_JS, [str(q["q"]), TOP, normalise])
            recall.results.append(QueryResult(str(q["q"]), q.get("kind", ""), list(q["expect"]),
                                              [slug_of(u) for u in urls]))
        for page in pages.values():
            page.close()
    return recall


def report(name: str, recall: Recall) -> str:
    """A short text report: the figure, then each query that missed an expected company."""
    lines = [f"{name}: recall@{TOP} = {recall.value:.1%} over {len(recall.results)} queries"]
    for r in recall.misses():
        lines.append(f"  miss {r.query!r} ({r.kind}): expected {r.expect}, got {r.found}")
    return "\n".join(lines)


def plain_site(guide, site: Path) -> None:
    """The guide's site without the hidden variant words, indexed as Pagefind does out of the box (every page, an
    index per language in one bundle): what the variants are measured against."""
    import subprocess

    from ..site import render_site
    from ..site.templates import theme_dirs
    from .index import pagefind_binary

    render_site(guide, site, theme_dirs(guide.site.theme), search_variants=False)
    subprocess.run([str(pagefind_binary()), "--site", str(site), "--quiet"], check=True, capture_output=True)


def sample_recall(work: Path) -> tuple[Recall, Recall]:
    """The query set of tests/search on the bundled sample content, with our variants and with plain Pagefind.

    Builds both sites under `work`; needs Playwright and Debian's chromium (RuntimeError without them).
    """
    import shutil

    from ..load import load_content
    from ..model import make_guide
    from ..site import render_site
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
            return measure(ours, queries, browser), measure(plain, queries, browser, normalise=False)
        finally:
            browser.close()
