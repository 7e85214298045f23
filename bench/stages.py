"""One benchmark stage per process: `python -m bench.stages NAME CONTENT WORK RESULT.json`.

Each stage calls the project's public functions, times only the stage's own work with `perf_counter` and writes
its figures as JSON; the parent measures the process (CPU, memory, start-up). A stage that the project does not
have yet writes {"na": reason} instead of failing, so the benchmark keeps up with a code base that is changing.
"""
from __future__ import annotations

import importlib
import inspect
import json
import os
import shutil
import sys
import time
from pathlib import Path


class NotAvailable(Exception):
    """The project has no such stage (yet)."""


def _clock():
    start = time.perf_counter()
    return lambda: time.perf_counter() - start


def _guide(root: Path) -> tuple[object, list[Path], dict]:
    from generator.load import load_content
    from generator.model import make_guide
    from generator.site.templates import theme_dirs

    took = _clock()
    content = load_content(root)
    load_s = took()
    took = _clock()
    guide = make_guide(content)
    return guide, theme_dirs(guide.site.theme), {"load_s": load_s, "model_s": took()}


def _call(fn, **available):
    """Call `fn` with the arguments it declares, taken by name from `available` (positional order kept)."""
    params = inspect.signature(fn).parameters
    args = [available[name] for name, p in params.items()
            if p.default is inspect.Parameter.empty and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    return fn(*args)


def _change_seen(site: Path) -> bool | None:
    """After a rebuild: does the changed company's page show the edit? (None before any change.)"""
    slug = os.environ.get("BENCH_CHANGED")
    if not slug:
        return None
    page = site / "companies" / slug / "index.html"
    return page.is_file() and os.environ["BENCH_CHANGE_MARK"] in page.read_text(encoding="utf-8")


def _tree(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def stage_validate(root: Path, work: Path) -> dict:
    """Load every profile and run every check, in one process (start-up excluded)."""
    from generator.load import load_content
    from generator.validate import errors_in, validate

    took = _clock()
    content = load_content(root)
    load_s = took()
    took = _clock()
    problems = validate(content)
    check_s = took()
    errors = errors_in(problems)
    return {"s": load_s + check_s, "load_s": load_s, "check_s": check_s, "errors": len(errors),
            "warnings": len(problems) - len(errors), "first_errors": [p.format() for p in errors[:5]]}


def stage_site(root: Path, work: Path, fresh: bool = True) -> dict:
    """render_site into work/site, then the floor: the same bytes written again by the simplest possible loop."""
    from generator.site.render import render_site

    out = work / "site"
    if fresh:
        shutil.rmtree(out, ignore_errors=True)
    guide, themes, prep = _guide(root)
    took = _clock()
    written = render_site(guide, out, themes)
    site_s = took()
    files, size = _tree(out)
    html = [p for p in out.rglob("*.html")]
    result = {"s": site_s, **prep, "pages": len(written), "files": files, "bytes": size,
              "html_files": len(html), "html_bytes": sum(p.stat().st_size for p in html)}
    if fresh:
        result["floor_s"] = _floor(out, work / "floor")
    else:
        result["change_seen"] = _change_seen(out)
    return result


def _floor(site: Path, dest: Path) -> float:
    """Seconds to write every file of `site` again from memory: what no renderer can beat on this disk."""
    shutil.rmtree(dest, ignore_errors=True)
    blobs = [(p.relative_to(site), p.read_bytes()) for p in site.rglob("*") if p.is_file()]
    made: set[Path] = set()
    took = _clock()
    for rel, data in blobs:
        parent = (dest / rel).parent
        if parent not in made:
            parent.mkdir(parents=True, exist_ok=True)
            made.add(parent)
        (dest / rel).write_bytes(data)
    return took()


def stage_site_rebuild_one(root: Path, work: Path) -> dict:
    """render_site again into the same folder after one profile changed (incremental if the project is)."""
    return stage_site(root, work, fresh=False)


def stage_images(root: Path, work: Path) -> dict:
    """The image stage (resizing, srcset) on its own, when the project has one apart from render_site."""
    candidates = [("generator.site.images", "publish_images"), ("generator.site.images", "render_images"), ("generator.site.images", "process_images"),
                  ("generator.site.images", "resize_images"), ("generator.images", "render_images")]
    for module, name in candidates:
        try:
            fn = getattr(importlib.import_module(module), name)
        except (ImportError, AttributeError):
            continue
        guide, themes, prep = _guide(root)
        out = work / "images"
        shutil.rmtree(out, ignore_errors=True)
        took = _clock()
        _call(fn, guide=guide, out=out, site=out, dest=out, themes=themes, root=root)
        seconds = took()
        files, size = _tree(out)
        return {"s": seconds, **prep, "function": f"{module}.{name}", "files": files, "bytes": size}
    raise NotAvailable("no image stage apart from render_site (images are handled inside site_s)")


def stage_images_pillow(root: Path, work: Path) -> dict:
    """The baseline of `images`: the same variants of the same photos made with Pillow (bench/pillow_images.py)."""
    from bench.pillow_images import publish_images_pillow

    guide, themes, prep = _guide(root)
    out = work / "images-pillow"
    shutil.rmtree(out, ignore_errors=True)
    took = _clock()
    count = publish_images_pillow(guide, out, Path(os.environ["GUIDEBOOK_CACHE"]) / "images")
    files, size = _tree(out)
    return {"s": took(), **prep, "images": count, "files": files, "bytes": size}


def stage_search(root: Path, work: Path) -> dict:
    """index_search over the site rendered by stage_site (every bundle made afresh)."""
    from generator.search.index import index_search

    site = work / "site"
    shutil.rmtree(site / "pagefind", ignore_errors=True)
    guide = None
    if "guide" in inspect.signature(index_search).parameters:
        guide = _guide(root)[0]
    took = _clock()
    folders = _call(index_search, site=site, out=site, guide=guide, root=root) or ["pagefind"]
    search_s = took()
    trees = [_tree(site / f) for f in folders if (site / f).is_dir()]
    return {"s": search_s, "index_files": sum(n for n, _ in trees), "index_bytes": sum(b for _, b in trees),
            "bundles": len(folders)}


# What a buyer's first searches cost to download: each in a fresh browser (empty cache), as typed on the search
# page, words and filters a buyer of this content would use (the synthetic content uses the real vocabularies)
DOWNLOAD_QUERIES = [("切削", {}), ("溶接 ステンレス", {}), ("めっき", {}), ("金型", {}), ("自動車", {}),
                    ("semiconductor", {}), ("精機", {}), ("", {"technologies": ["welding", "plating"]}),
                    ("プレス", {"areas": ["kita"]}), ("プレス 1000t", {})]
FURTHER = "アルミ 試作"  # the second search typed on the page after each of those
# Hosts (GitHub Pages, Netlify, S3 behind a CDN) send text gzip-compressed; the local server does not, so text files
# count at their gzip size. Pagefind's own index files are compressed already and count as they are.
_TEXT = {".html", ".js", ".json", ".css", ".svg"}


def _wire_bytes(site: Path, base: str, url: str, body: int) -> int:
    from urllib.parse import unquote, urlsplit

    path = site / unquote(urlsplit(url[len(base):]).path)
    if path.is_dir():
        path = path / "index.html"
    if path.suffix in _TEXT and path.is_file():
        import gzip

        return len(gzip.compress(path.read_bytes(), 6))
    return body


def _kind(url: str) -> str:
    """What a file the search page fetched is, for the breakdown of a search's download."""
    from urllib.parse import urlsplit

    path = urlsplit(url).path
    name = path.rsplit("/", 1)[-1]
    if "/companies/" in path:
        return "thumbnails"
    if "/pagefind" in path:
        for part in ("filter", "index", "fragment", "text"):  # text: a result's words (compact.py), when needed
            if f"/{part}/" in path:
                return "pagefind " + part
        if name.endswith(".pf_meta"):
            return "pagefind meta"
        if name.startswith("facets"):  # generator/search/compact.py: facets.json, facets-<group>.json
            return "filter counts"
        if name.startswith("order-"):  # the sort order of results found by filters alone
            return "sort order"
        return "pagefind code"  # pagefind.js, its worker, the WebAssembly, pagefind-entry.json
    if name.endswith(".json"):
        return "vocabulary"
    return "page"  # the search page, its styles and scripts


def stage_search_download(root: Path, work: Path) -> dict:
    """Bytes one search downloads on the site of stage_site + stage_search, served locally, in headless Chromium,
    per query in a new browser context: the search page with its scripts and styles, and everything Pagefind fetches
    (text at its gzip size, as hosts send it); the result thumbnails counted apart."""
    from urllib.parse import urlencode

    from generator.search.recall import CHROMIUM_ARGS, served

    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        raise NotAvailable(str(exc)) from None
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        raise NotAvailable("chromium is not installed")
    site = work / "site"
    took = _clock()
    rows = []
    with served(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        for q, filters in DOWNLOAD_QUERIES:
            context = browser.new_context()
            page = context.new_page()
            requests = []
            page.on("requestfinished", lambda r: requests.append(r))
            params = ([("q", q)] if q else []) + [(k, v) for k, vs in filters.items() for v in vs]
            page.goto(base + "search/index.html" + ("?" + urlencode(params) if params else ""))
            page.wait_for_function("document.getElementById('search').dataset.done", timeout=300_000)
            page.wait_for_load_state("networkidle")
            results = page.locator("#search .results li").count()
            first = len(requests)
            # then a further search on the same page, as a buyer types a second word: what it adds
            done = page.evaluate("document.getElementById('search').dataset.done")
            page.fill("#search input[type=search]", FURTHER if q != FURTHER else DOWNLOAD_QUERIES[0][0])
            page.wait_for_function(f"(b => b.dataset.done && b.dataset.done !== '{done}')"
                                   "(document.getElementById('search'))", timeout=300_000)
            page.wait_for_load_state("networkidle")
            sizes = [(r.url, _wire_bytes(site, base, r.url, r.sizes()["responseBodySize"])) for r in requests]
            context.close()
            kinds: dict[str, float] = {}
            for url, n in sizes[:first]:
                kinds[_kind(url)] = kinds.get(_kind(url), 0) + n
            pictures = sum(n for url, n in sizes[:first] if "/companies/" in url)
            further = sum(n for url, n in sizes[first:] if "/companies/" not in url)
            rows.append({"q": q, "filters": filters, "results": results, "requests": first,
                         "search_kb": round((sum(n for _, n in sizes[:first]) - pictures) / 1024, 1),
                         "pagefind_kb": round(sum(n for url, n in sizes[:first] if "/pagefind" in url) / 1024, 1),
                         "thumbnails_kb": round(pictures / 1024, 1), "further_kb": round(further / 1024, 1),
                         "kinds_kb": {k: round(n / 1024, 1) for k, n in sorted(kinds.items())}})
        browser.close()
    ordered = sorted(r["search_kb"] for r in rows)
    further = sorted(r["further_kb"] for r in rows)
    return {"s": took(), "queries": rows, "max_kb": ordered[-1], "median_kb": ordered[len(ordered) // 2],
            "max_search_kb": max(r["pagefind_kb"] for r in rows),
            "max_thumbnails_kb": max(r["thumbnails_kb"] for r in rows),
            "further_max_kb": further[-1], "further_median_kb": further[len(further) // 2]}


def stage_recall(root: Path, work: Path) -> dict:
    """Search quality: the buyer's query set of tests/search on the bundled sample content (it names the sample's
    companies, so the figures are the same at every size), through the site's own search page in headless Chromium,
    and plain Pagefind (its own JS API, no hidden words) over the same pages."""
    from generator.search.recall import report, sample_recall

    took = _clock()
    try:
        ours, plain = sample_recall(work)
    except (RuntimeError, ImportError) as exc:
        raise NotAvailable(str(exc)) from None
    figures = {}
    for prefix, recall in (("", ours), ("plain_", plain)):
        figures.update({prefix + "recall": round(recall.value, 4), prefix + "first_right": round(recall.first_right, 4),
                        prefix + "readings_top3": round(recall.readings, 4),
                        prefix + "precision": round(recall.precision, 4)})
    # "recall_plain" as before, for the reports of earlier runs
    return {"s": took(), **figures, "recall_plain": figures["plain_recall"], "queries": len(ours.results),
            "misses": report("search page", ours)}


def stage_pdf(root: Path, work: Path, fresh: bool = True) -> dict:
    """render_pdf into work/pdf/guidebook.pdf (a rebuild keeps the previous output and whatever cache it left)."""
    from generator.pdf import Run, render_pdf
    from generator.state import State

    out = work / "pdf" / "guidebook.pdf"
    if fresh:
        shutil.rmtree(out.parent, ignore_errors=True)
    out.parent.mkdir(parents=True, exist_ok=True)
    guide, themes, prep = _guide(root)
    # the chunk cache lives beside the output, as a build keeps it between runs; a first build starts empty
    cache = work / "pdf-cache"
    if fresh:
        shutil.rmtree(cache, ignore_errors=True)
    state = State.load(cache)  # the build state, kept beside the cache as a build does
    took = _clock()
    pages = render_pdf(Run(guide, themes, root, cache=cache, state=state), out)
    state.save(cache)
    return {"s": took(), **prep, "pages": pages if isinstance(pages, int) else None, "path": str(out),
            "cache": str(cache)}


def stage_pdf_rebuild_one(root: Path, work: Path) -> dict:
    """render_pdf again after one profile changed."""
    return stage_pdf(root, work, fresh=False)


def stage_pdf_single(root: Path, work: Path) -> dict:
    """The baseline: the whole guidebook's HTML as one WeasyPrint document, as WeasyPrint is meant to be used."""
    from generator.pdf import Run
    from generator.pdf.render import render_single_document

    out = work / "pdf-single" / "guidebook.pdf"
    shutil.rmtree(out.parent, ignore_errors=True)
    out.parent.mkdir(parents=True)
    guide, themes, prep = _guide(root)
    took = _clock()
    pages = render_single_document(Run(guide, themes, root), out)
    return {"s": took(), **prep, "pages": pages, "path": str(out),
            "how": "generator.pdf.render.render_single_document"}


def stage_build(root: Path, work: Path, pdf: bool = True, fresh: bool = True, folder: str | None = None) -> dict:
    """The whole pipeline through generator.build.build, as `guidebook build` runs it."""
    from generator.build import build

    out = work / (folder or ("build" if pdf else "build-site"))
    if fresh:
        shutil.rmtree(out, ignore_errors=True)
    took = _clock()
    result = build(root, out, pdf=pdf)
    build_s = took()
    files, size = _tree(out / "site")
    if (out / "site" / "guidebook.pdf").is_file():  # the download copy is a hard link to the PDF, not site weight
        files, size = files - 1, size - (out / "site" / "guidebook.pdf").stat().st_size
    return {"s": build_s, "change_seen": None if fresh else _change_seen(out / "site"),
            "site_pages": getattr(result, "site_pages", None),
            "pdf_pages": getattr(result, "pdf_pages", None), "site_files": files, "site_bytes": size}


def stage_site_build(root: Path, work: Path) -> dict:
    """The website alone (HTML, images, search index): `guidebook build --no-pdf`."""
    return stage_build(root, work, pdf=False)


def stage_site_build_warm(root: Path, work: Path) -> dict:
    """`guidebook build --no-pdf` into a new output folder, the photo variants already in the cache (made by the
    images stage): what a deploy that keeps its photo cache pays, with no earlier output to take pages from."""
    return stage_build(root, work, pdf=False, folder="build-site-warm")


def stage_site_build_rebuild_one(root: Path, work: Path) -> dict:
    """`guidebook build --no-pdf` again into the same output after one profile changed."""
    return stage_build(root, work, pdf=False, fresh=False)


def stage_build_rebuild_one(root: Path, work: Path) -> dict:
    """`guidebook build` again after one profile changed."""
    return stage_build(root, work, fresh=False)


def stage_pr_check(root: Path, work: Path) -> dict:
    """The pull-request check as GitHub runs it, one profile changed: tools/check_pr.py (the changed profile
    validated, who may change it, and its identity compared with every other company of the default branch), then
    tools/preview.py (its pages, search index and PDF pages), each a process of its own as in the workflow.

    Set-up, not timed: a git repository whose default branch holds the content (profiles, settings and vocabularies
    committed; the photos linked beside them, ignored by git, as they change nothing in what the check reads, but
    for the changed company's, which the check reads from git as the merge leaves its folder), a
    branch changing one profile, and a clone of the default branch as the trusted checkout."""
    import subprocess

    from bench import synth

    project = Path(__file__).resolve().parent.parent
    repo = work / "pr-check" / "repo"
    shutil.rmtree(repo.parent, ignore_errors=True)
    images = {".jpg", ".jpeg", ".png", ".webp"}
    shutil.copytree(root, repo / "content", copy_function=lambda src, dst: (
        os.link(src, dst) if Path(src).suffix.lower() in images else shutil.copy2(src, dst)))

    def git(*args: str, cwd: Path = repo) -> str:
        return subprocess.run(["git", "-c", "user.name=bench", "-c", "user.email=bench@example.invalid",
                               "-c", "commit.gpgsign=false", *args], cwd=cwd, check=True, capture_output=True,
                              text=True).stdout

    git("init", "-q", "-b", "main")
    (repo / ".git" / "info" / "exclude").write_text("".join(f"*{e}\n*{e.upper()}\n" for e in images))
    git("add", "-A")
    git("commit", "-q", "-m", "the guidebook")
    git("clone", "-q", "--no-checkout", str(repo), str(repo.parent / "base"), cwd=repo.parent)
    slugs = sorted(p.name for p in (repo / "content" / "companies").iterdir())
    # the middle company among those with a maintainer (synth gives one to most, not all): its clerk opens the PR
    maintained = [s for s in slugs
                  if "\nmaintainers:" in (repo / "content" / "companies" / s / "company.yaml").read_text("utf-8")]
    slug = maintained[len(maintained) // 2]
    # the changed company's own photos are committed: the check judges its folder as the merge leaves it
    git("add", "-f", "--", f"content/companies/{slug}")
    git("commit", "-q", "-m", f"{slug}: photos")
    synth.touch_profile(repo / "content", slug)
    git("checkout", "-q", "-b", "change")
    git("commit", "-q", "-am", f"{slug}: new summary")
    base = git("rev-parse", "main").strip()
    author = slug[:39].rstrip("-")  # synth's maintainer of each company
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    env.pop("PYTHONPATH", None)

    def timed(cmd: list[str], cwd: Path) -> tuple[float, subprocess.CompletedProcess]:
        took = _clock()
        run = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
        return took(), run

    check_s, check = timed([sys.executable, str(project / "tools" / "check_pr.py"), "--trusted", "base", "--pr",
                            "repo", "--author", author, "--author-id", "4242", "--out", "validation"], repo.parent)
    if check.returncode != 0:
        raise RuntimeError(f"the check refused the change: {check.stdout[-2000:]}{check.stderr[-2000:]}")
    problems = json.loads((repo.parent / "validation" / "result.json").read_text(encoding="utf-8"))
    preview_s, preview = timed([sys.executable, str(project / "tools" / "preview.py"), "--root", "repo/content",
                                "--changed-since", base, "--out", "preview"], repo.parent)
    if preview.returncode != 0:
        raise RuntimeError(f"the preview failed: {preview.stderr[-2000:]}")
    return {"s": check_s + preview_s, "check_s": check_s, "preview_s": preview_s, "changed": slug,
            "warnings": len(problems), "companies_compared": len(slugs) - 1}


STAGES = {name[len("stage_"):]: fn for name, fn in globals().items() if name.startswith("stage_")}


def main(argv: list[str]) -> int:
    """Run one stage and write its figures to the result file."""
    name, root, work, result = argv
    try:
        figures = STAGES[name](Path(root).resolve(), Path(work).resolve())
    except NotAvailable as exc:
        figures = {"na": str(exc)}
    Path(result).write_text(json.dumps(figures, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
