"""Run every stage for each size on the same synthetic content, baselines included, and collect the figures."""
from __future__ import annotations

import compileall
import json
import os
import shutil
import sys
import time
from pathlib import Path

from . import measure, synth
from .pdfstats import pdf_has, pdf_stats

PROJECT = Path(__file__).resolve().parent.parent

# Stages in the order they run; the rebuilds come after one profile has changed.
BEFORE_CHANGE = ["validate", "validate_cli", "validate_one_cli", "validate_one_print_fit_cli", "pr_check", "images",
                 "images_pillow", "site", "search_plain", "search", "search_download", "recall", "site_build", "site_build_warm", "pdf",
                 "pdf_single", "build"]
AFTER_CHANGE = ["site_rebuild_one", "site_build_rebuild_one", "pdf_rebuild_one"]
# The cache folder (resized images, PDF chunks) each stage uses. Every stage not named here starts with an empty
# cache of its own, so no first build is sped up by the work of another: `site_build` and `build` are cold builds.
# Two exceptions, said in the table: a rebuild shares the cache of its first build (the point of a rebuild), and
# `site` (render_site: the pages) reuses the photo variants just made and timed by `images`, so that the two
# figures split the website's cost instead of counting the photos twice; `site_build` is the cold whole and
# `site_build_warm` the same build into a new output folder with the photo variants of `images` already cached (as
# the deploy workflow keeps them between runs): every page, the index and the linking of every photo, no resizing.
CACHE_OF = {"site": "images", "site_build_warm": "images", "site_rebuild_one": "images",
            "site_build_rebuild_one": "site_build", "pdf_rebuild_one": "pdf", "build_rebuild_one": "build"}
REBUILD_OF = {"site_rebuild_one": "site", "site_build_rebuild_one": "site_build", "pdf_rebuild_one": "pdf",
              "build_rebuild_one": "build"}
# The single-document baseline grows faster than linearly (344 s and 3 GB at 1,000 companies on 2 cores): it runs
# where the PDF budget is set (1,000) and below; larger sizes need --single-document-all.
SINGLE_DOCUMENT_MAX = 1000


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


class SizeRun:
    """All stages of one size, in one work folder."""

    def __init__(self, n: int, work: Path, seed: int, full_rebuild: bool, only: set[str] | None = None,
                 single_document_all: bool = False):
        self.n, self.work, self.seed = n, work, seed
        self.single_document = single_document_all or n <= SINGLE_DOCUMENT_MAX
        self.content = work / "content"
        self.log = work / "stages.log"
        self.stages: dict[str, dict] = {}
        self.after = AFTER_CHANGE + (["build_rebuild_one"] if full_rebuild else [])
        self.only = only
        self.env = dict(os.environ, PYTHONPATH=str(PROJECT), PYTHONDONTWRITEBYTECODE="1")

    def run(self) -> dict[str, dict]:
        """Make the content, run each stage in its own process, change one profile, run the rebuilds."""
        self.work.mkdir(parents=True, exist_ok=True)
        # the project as `make setup` leaves it, byte-compiled (the stages run with PYTHONDONTWRITEBYTECODE, so a
        # command would otherwise compile every module it imports, each time); the pull-request check's fresh
        # checkouts (stages.pr_check) still compile theirs, as on GitHub
        for folder in ("generator", "tools"):
            compileall.compile_dir(PROJECT / folder, quiet=1)
        started = time.perf_counter()
        self.slugs = synth.make_content(self.content, self.n, self.seed)
        files = [p for p in self.content.rglob("*") if p.is_file()]
        self.stages["synth"] = {"s": time.perf_counter() - started, "files": len(files),
                                "bytes": sum(p.stat().st_size for p in files),
                                "photos": sum(1 for p in files if p.name.startswith("photo")),
                                "logos": sum(1 for p in files if p.name == "logo.png")}
        for name in BEFORE_CHANGE:
            self._stage(name)
        self.changed = self.slugs[len(self.slugs) // 2]
        synth.touch_profile(self.content, self.changed)
        self.env.update(BENCH_CHANGED=self.changed, BENCH_CHANGE_MARK=synth.CHANGE_MARK)
        for name in self.after:
            self._stage(name)
        return self.stages

    def _command(self, name: str, result: Path) -> list[str]:
        py = [sys.executable]
        if name == "validate_cli":
            return py + ["-m", "generator", "--root", str(self.content), "validate"]
        if name in ("validate_one_cli", "validate_one_print_fit_cli"):
            return py + ["-m", "generator", "--root", str(self.content), "validate",
                         *(["--print-fit"] if "print_fit" in name else []),
                         str(self.content / "companies" / self.slugs[0])]
        if name == "search_plain":
            from generator.search.pagefind import pagefind_binary

            return [str(pagefind_binary()), "--site", str(self.work / "site"), "--output-path",
                    str(self.work / "pagefind-plain"), "--quiet"]
        return py + ["-m", "bench.stages", name, str(self.content), str(self.work), str(result)]

    def _stage(self, name: str) -> None:
        if self.only is not None and name not in self.only:
            return
        if name == "pdf_single" and not self.single_document:
            self.stages[name] = {"na": f"skipped above {SINGLE_DOCUMENT_MAX:,} companies (hours and many GB as one "
                                       f"WeasyPrint document); run with --single-document-all to measure it"}
            _say(_progress(self.n, name, self.stages[name]))
            return
        base = REBUILD_OF.get(name)
        if base and ("error" in self.stages.get(base, {"error": ""}) or "na" in self.stages[base]):
            # a rebuild is only a rebuild after a first build that worked (and left its output and caches)
            self.stages[name] = {"na": f"no rebuild: the first run ({base}) did not run or failed"}
            _say(_progress(self.n, name, self.stages[name]))
            return
        result = self.work / f"{name}.json"
        result.unlink(missing_ok=True)
        with open(self.log, "a", encoding="utf-8") as log:
            log.write(f"\n===== {name} (N={self.n})\n")
        cache = self.work / "cache" / CACHE_OF.get(name, name)
        if name not in CACHE_OF:  # a first build starts cold
            shutil.rmtree(cache, ignore_errors=True)
        env = dict(self.env, XDG_CACHE_HOME=str(cache), GUIDEBOOK_CACHE=str(cache / "guidebook"))
        m = measure.run(self._command(name, result), cwd=self.work, env=env, log=self.log)
        figures: dict = {"outer_s": m.wall_s, "cpu_s": m.cpu_s, "peak_rss_mb": m.peak_mb, "maxrss_mb": m.maxrss_mb}
        if result.is_file():
            figures.update(json.loads(result.read_text(encoding="utf-8")))
        elif m.returncode == 0:
            figures["s"] = m.wall_s  # a plain command: its outer wall time is the figure
        if name.endswith("_cli") and m.returncode == 2:  # argparse: the option does not exist (yet)
            figures = {"na": "the command line has no such option: " + _tail(self.log, 1)}
        elif m.timed_out:
            figures["error"] = "timed out"
        elif m.returncode != 0 and name != "validate_cli":
            figures["error"] = f"exit {m.returncode}: " + _tail(self.log)
        elif name == "validate_cli":
            figures["exit"] = m.returncode
        if figures.get("path") and Path(figures["path"]).is_file():
            figures.update(pdf_stats(Path(figures["path"])))
            if name in self.after:
                figures["change_seen"] = pdf_has(Path(figures["path"]), synth.CHANGE_MARK)
        if figures.get("change_seen") is False:  # a rebuild that does not show the edit did not do the work
            figures["error"] = "the rebuilt output does not show the changed profile"
        self.stages[name] = figures
        _say(_progress(self.n, name, figures))


def _tail(log: Path, lines: int = 12) -> str:
    return "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])


def _progress(n: int, name: str, f: dict) -> str:
    if "na" in f:
        return f"  N={n:<5} {name:<18} n/a: {f['na']}"
    if "error" in f:
        return f"  N={n:<5} {name:<18} FAILED: {f['error'][:400]}"
    s = f.get("s")
    shown = f"{s:8.2f} s" if isinstance(s, (int, float)) else "       — "
    return f"  N={n:<5} {name:<18} {shown}  (process {f['outer_s']:.2f} s, cpu {f['cpu_s']:.2f} s, " \
           f"peak {f['peak_rss_mb']:.0f} MB)"


def flatten(n: int, st: dict[str, dict]) -> dict:
    """The per-size figures in the flat shape of results.json (seconds as numbers, None when not measured)."""
    def get(stage, key="s"):
        value = st.get(stage, {}).get(key)
        return None if "error" in st.get(stage, {}) or "na" in st.get(stage, {}) else value

    def ratio(a, b):
        return round(a / b, 2) if isinstance(a, (int, float)) and isinstance(b, (int, float)) and b > 0 else None

    f = {"companies": n,
         "content_files": get("synth", "files"), "content_bytes": get("synth", "bytes"),
         "photos": get("synth", "photos"), "logos": get("synth", "logos"),
         "validate_s": get("validate"), "validate_load_s": get("validate", "load_s"),
         "validate_check_s": get("validate", "check_s"), "validate_peak_rss_mb": get("validate", "peak_rss_mb"),
         "validate_errors": get("validate", "errors"), "validate_warnings": get("validate", "warnings"),
         "validate_cli_s": get("validate_cli", "outer_s"), "validate_one_cli_s": get("validate_one_cli", "outer_s"),
         "validate_one_print_fit_cli_s": get("validate_one_print_fit_cli", "outer_s"),
         "pr_check_total_s": get("pr_check"), "pr_check_s": get("pr_check", "check_s"),
         "pr_preview_s": get("pr_check", "preview_s"),
         "site_s": get("site"), "site_cpu_s": get("site", "cpu_s"), "site_peak_rss_mb": get("site", "peak_rss_mb"),
         "site_pages": get("site", "pages"), "site_html_files": get("site", "html_files"),
         "site_html_bytes": get("site", "html_bytes"), "site_floor_s": get("site", "floor_s"),
         "images_s": get("images"), "images_cpu_s": get("images", "cpu_s"),
         "images_peak_rss_mb": get("images", "peak_rss_mb"), "images_bytes": get("images", "bytes"),
         "images_pillow_s": get("images_pillow"), "images_pillow_cpu_s": get("images_pillow", "cpu_s"),
         "images_pillow_bytes": get("images_pillow", "bytes"),
         "search_s": get("search"), "search_cpu_s": get("search", "cpu_s"),
         "search_peak_rss_mb": get("search", "peak_rss_mb"), "search_index_bytes": get("search", "index_bytes"),
         "search_plain_s": get("search_plain"), "search_plain_peak_rss_mb": get("search_plain", "peak_rss_mb"),
         "search_download_max_kb": get("search_download", "max_kb"),
         "search_download_median_kb": get("search_download", "median_kb"),
         "search_download_max_pagefind_kb": get("search_download", "max_search_kb"),
         "search_download_max_thumbnails_kb": get("search_download", "max_thumbnails_kb"),
         "search_download_further_max_kb": get("search_download", "further_max_kb"),
         "search_recall": get("recall", "recall"), "search_recall_plain": get("recall", "recall_plain"),
         "search_recall_queries": get("recall", "queries"),
         "search_first_right": get("recall", "first_right"), "search_first_right_plain": get("recall", "plain_first_right"),
         "search_readings_top3": get("recall", "readings_top3"),
         "search_readings_top3_plain": get("recall", "plain_readings_top3"),
         "search_precision": get("recall", "precision"), "search_precision_plain": get("recall", "plain_precision"),
         "site_build_s": get("site_build"), "site_build_cpu_s": get("site_build", "cpu_s"),
         "site_build_peak_rss_mb": get("site_build", "peak_rss_mb"),
         "site_build_warm_s": get("site_build_warm"), "site_build_warm_cpu_s": get("site_build_warm", "cpu_s"),
         "site_build_warm_peak_rss_mb": get("site_build_warm", "peak_rss_mb"),
         "site_files": get("site_build", "site_files"), "site_bytes": get("site_build", "site_bytes"),
         "pdf_s": get("pdf"), "pdf_cpu_s": get("pdf", "cpu_s"), "pdf_peak_rss_mb": get("pdf", "peak_rss_mb"),
         "pdf_pages": get("pdf", "pdf_pages"), "pdf_bytes": get("pdf", "pdf_bytes"),
         "pdf_image_bytes": get("pdf", "pdf_image_bytes"),
         "pdf_single_document_s": get("pdf_single"), "pdf_single_document_cpu_s": get("pdf_single", "cpu_s"),
         "pdf_single_document_peak_rss_mb": get("pdf_single", "peak_rss_mb"),
         "pdf_single_document_pages": get("pdf_single", "pdf_pages"),
         "pdf_single_document_bytes": get("pdf_single", "pdf_bytes"),
         "pdf_single_document_image_bytes": get("pdf_single", "pdf_image_bytes"),
         "pdf_rebuild_one_s": get("pdf_rebuild_one"), "pdf_rebuild_one_total_s": get("pdf_rebuild_one", "outer_s"),
         "site_rebuild_one_s": get("site_rebuild_one"),
         "site_rebuild_one_total_s": get("site_rebuild_one", "outer_s"),
         "site_build_rebuild_one_s": get("site_build_rebuild_one"),
         "build_s": get("build"), "build_cpu_s": get("build", "cpu_s"),
         "build_peak_rss_mb": get("build", "peak_rss_mb"),
         "build_rebuild_one_s": get("build_rebuild_one")}
    pages, size, images = f["pdf_pages"], f["pdf_bytes"], f["pdf_image_bytes"]
    f["pdf_bytes_per_page"] = round(size / pages) if pages and size else None
    f["pdf_bytes_per_page_without_images"] = round((size - (images or 0)) / pages) if pages and size else None
    pages, size, images = (f["pdf_single_document_pages"], f["pdf_single_document_bytes"],
                           f["pdf_single_document_image_bytes"])
    f["pdf_single_document_bytes_per_page_without_images"] = round((size - (images or 0)) / pages) \
        if pages and size else None
    f["pdf_speedup"] = ratio(f["pdf_single_document_s"], f["pdf_s"])
    f["search_vs_plain"] = ratio(f["search_s"], f["search_plain_s"])
    f["images_speedup"] = ratio(f["images_pillow_s"], f["images_s"])
    f["site_vs_floor"] = ratio(f["site_s"], f["site_floor_s"])
    f["peak_rss_mb"] = f["build_peak_rss_mb"]
    return {k: (float(f"{v:.4g}") if isinstance(v, float) else v) for k, v in f.items()}  # 4 significant digits


def notes(st: dict[str, dict]) -> dict[str, str]:
    """Why a figure is missing: the stage's n/a reason or its error."""
    return {name: f.get("na") or f.get("error") for name, f in st.items() if "na" in f or "error" in f}
