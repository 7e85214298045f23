"""The results: the machine they were taken on, a table beside the budgets of issues 3–5, results.json and .md."""
from __future__ import annotations

import json
import os
import platform
import subprocess
from datetime import datetime, timezone
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent

# (figure, what it is, comparison, limit, size it applies at or None for every size, issue)
BUDGETS = {
    "validate_cli_s": ("<", 5, 5000, "issue 3: all profiles validate in under 5 s (incl. start-up)"),
    "validate_one_cli_s": ("<", 1, None, "issue 3: one profile in under 1 s incl. start-up"),
    "pr_check_total_s": ("<", 10, 5000, "issue 17: the pull-request check (validation and preview) under 10 s"),
    "site_build_s": ("<", 30, 5000, "issue 4: ja+en HTML, images and search index in under 30 s"),
    "site_build_peak_rss_mb": ("<=", 2048, 5000, "issue 4: at most 2 GB peak memory"),
    "site_build_warm_s": ("<", 30, 5000, "issue 4: the same with the photo cache kept between builds"),
    "site_build_warm_peak_rss_mb": ("<=", 2048, 5000, "issue 4: at most 2 GB peak memory, photo cache warm"),
    "search_recall": (">=", 0.97, None, "issue 19: recall within max(10, expected) at least 97 %"),
    "search_first_right": (">=", 0.95, None, "issue 19: first result right at least 95 %"),
    "search_readings_top3": (">=", 0.95, None, "issue 19: name readings in the top 3 at least 95 %"),
    "search_precision": (">=", 0.85, None, "issue 19: precision at least 85 %"),
    "search_download_max_kb": ("<=", 200, 5000, "issue 19: a search downloads at most 200 KB"),
    "images_speedup": (">=", 3, 1000, "issue 18: the photo variants at least 3× faster cold than with Pillow"),
    "pdf_speedup": (">=", 3, 1000, "issue 5: full PDF at least 3× faster than one WeasyPrint document"),
    "pdf_peak_rss_mb": ("<=", 1024, 1000, "issue 5: PDF peak memory at most 1 GB"),
    "pdf_rebuild_one_s": ("<", 3, 1000, "issue 5: PDF rebuild after one profile changes under 3 s"),
    "pdf_bytes_per_page_without_images": ("<=", 150_000, 1000, "issue 5: at most 150 KB per page without photos"),
}

# (label, key, unit); a None key starts a section
ROWS = [
    ("Content", None, ""),
    ("companies", "companies", "n"), ("photo files + logo files", "photos+logos", "n"),
    ("content size", "content_bytes", "bytes"),
    ("Validate", None, ""),
    ("load + all checks, in process", "validate_s", "s"), ("  of which load (YAML)", "validate_load_s", "s"),
    ("`guidebook validate`, all, incl. start-up", "validate_cli_s", "s"),
    ("`guidebook validate ONE`, incl. start-up", "validate_one_cli_s", "s"),
    ("`guidebook validate --print-fit ONE` (lays out its page)", "validate_one_print_fit_cli_s", "s"),
    ("  peak memory", "validate_peak_rss_mb", "MB"),
    ("pull-request check as GitHub runs it, one profile changed", "pr_check_total_s", "s"),
    ("  tools/check_pr.py: the profile, its owner, every other company", "pr_check_s", "s"),
    ("  tools/preview.py: its pages, search index and PDF pages", "pr_preview_s", "s"),
    ("Website", None, ""),
    ("images: photo and logo variants, cold (libvips)", "images_s", "s"), ("  CPU", "images_cpu_s", "s"),
    ("  peak memory", "images_peak_rss_mb", "MB"), ("  bytes", "images_bytes", "bytes"),
    ("  the same variants with Pillow (baseline)", "images_pillow_s", "s"), ("  CPU", "images_pillow_cpu_s", "s"),
    ("  bytes", "images_pillow_bytes", "bytes"),
    ("  speed-up: Pillow ÷ libvips", "images_speedup", "x"),
    ("render_site: pages, assets (variants from the images run)", "site_s", "s"), ("  CPU", "site_cpu_s", "s"),
    ("  floor: same bytes written from memory", "site_floor_s", "s"),
    ("  render_site ÷ floor", "site_vs_floor", "x"),
    ("search index (index_search)", "search_s", "s"),
    ("  plain `pagefind`, same pages", "search_plain_s", "s"),
    ("  index_search ÷ plain pagefind", "search_vs_plain", "x"),
    ("one search in a fresh browser: KB downloaded (page, scripts, index; gzip), most of 10 queries",
     "search_download_max_kb", "n"),
    ("  median of the queries", "search_download_median_kb", "n"),
    ("  of which Pagefind's files, most", "search_download_max_pagefind_kb", "n"),
    ("  result thumbnails beside it, most", "search_download_max_thumbnails_kb", "n"),
    ("  a further search typed on the same page: KB it adds, most", "search_download_further_max_kb", "n"),
    ("search recall within max(10, expected), buyer's query set, search page in Chromium", "search_recall", "%"),
    ("  plain Pagefind 1.6, same pages and queries", "search_recall_plain", "%"),
    ("  first result right", "search_first_right", "%"),
    ("  plain Pagefind", "search_first_right_plain", "%"),
    ("  name readings in the top 3", "search_readings_top3", "%"),
    ("  plain Pagefind", "search_readings_top3_plain", "%"),
    ("  precision (results that do the thing)", "search_precision", "%"),
    ("  plain Pagefind", "search_precision_plain", "%"),
    ("  queries", "search_recall_queries", "n"),
    ("website build, cold (`build --no-pdf`: pages, every photo resized, index)", "site_build_s", "s"),
    ("  CPU", "site_build_cpu_s", "s"), ("  peak memory", "site_build_peak_rss_mb", "MB"),
    ("website build, photo cache warm (new output folder, photos from the cache)", "site_build_warm_s", "s"),
    ("  CPU", "site_build_warm_cpu_s", "s"), ("  peak memory", "site_build_warm_peak_rss_mb", "MB"),
    ("site rebuild, one profile changed (render_site)", "site_rebuild_one_s", "s"),
    ("  same, whole process (start-up, load, model)", "site_rebuild_one_total_s", "s"),
    ("website build again, one profile changed", "site_build_rebuild_one_s", "s"),
    ("site pages (render_site)", "site_pages", "n"), ("site files (incl. search index)", "site_files", "n"),
    ("site size", "site_bytes", "bytes"), ("  HTML", "site_html_bytes", "bytes"),
    ("PDF", None, ""),
    ("render_pdf", "pdf_s", "s"), ("  CPU", "pdf_cpu_s", "s"), ("  peak memory", "pdf_peak_rss_mb", "MB"),
    ("one WeasyPrint document (baseline)", "pdf_single_document_s", "s"),
    ("  CPU", "pdf_single_document_cpu_s", "s"), ("  peak memory", "pdf_single_document_peak_rss_mb", "MB"),
    ("  its bytes per page without embedded images", "pdf_single_document_bytes_per_page_without_images", "KB"),
    ("speed-up: baseline ÷ render_pdf", "pdf_speedup", "x"),
    ("PDF rebuild, one profile changed (render_pdf)", "pdf_rebuild_one_s", "s"),
    ("  same, whole process (start-up, load, model)", "pdf_rebuild_one_total_s", "s"),
    ("pages", "pdf_pages", "n"), ("PDF size", "pdf_bytes", "bytes"),
    ("bytes per page", "pdf_bytes_per_page", "KB"),
    ("  without embedded images", "pdf_bytes_per_page_without_images", "KB"),
    ("Full build", None, ""),
    ("`guidebook build` (site + PDF)", "build_s", "s"), ("  CPU", "build_cpu_s", "s"),
    ("  peak memory (process tree)", "peak_rss_mb", "MB"),
    ("`guidebook build` again, one profile changed", "build_rebuild_one_s", "s"),
]


def machine() -> dict:
    """Cores, memory, CPU model, software versions and load: what the figures depend on."""
    info = {"cores": os.cpu_count(), "usable_cores": len(os.sched_getaffinity(0)),
            "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
            "cpu": _cpu_model(), "python": platform.python_version(), "system": platform.platform(),
            "date": datetime.now(timezone.utc).isoformat(timespec="seconds"), "loadavg_start": os.getloadavg()[0]}
    for package in ("weasyprint", "jinja2", "pyvips", "pillow"):
        try:
            from importlib.metadata import version
            info[package] = version(package)
        except Exception:  # noqa: BLE001 - a missing version is not worth failing a benchmark for
            info[package] = None
    info["pagefind"] = _pagefind_version()  # the npm binary the build runs, not a Python package of that name
    commit = subprocess.run(["git", "-C", str(PROJECT), "describe", "--always", "--dirty"], capture_output=True,
                            text=True, check=False).stdout.strip()
    info["commit"] = commit or os.environ.get("BENCH_COMMIT") or None  # a git-archive snapshot names its commit
    return info


def _pagefind_version() -> str | None:
    try:
        from generator.search.pagefind import pagefind_binary

        out = subprocess.run([str(pagefind_binary()), "--version"], capture_output=True, text=True, check=False)
        return out.stdout.split()[-1] if out.stdout.strip() else None
    except Exception:  # noqa: BLE001 - as above
        return None


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def verdict(key: str, size: int, value) -> str:
    """'ok', 'OVER' or '' (budget does not apply at this size / nothing measured)."""
    if key not in BUDGETS or not isinstance(value, (int, float)):
        return ""
    op, limit, at, _ = BUDGETS[key]
    if at is not None and at != size:
        return ""
    good = {"<": value < limit, "<=": value <= limit, ">=": value >= limit}[op]
    return "ok" if good else "OVER"


def _value(figures: dict, key: str):
    if key == "photos+logos":
        a, b = figures.get("photos"), figures.get("logos")
        return None if a is None else f"{a:,} + {b:,}"
    return figures.get(key)


def fmt(value, unit: str) -> str:
    """A figure as a table cell."""
    if value is None:
        return "n/a"
    if isinstance(value, str):
        return value
    if unit == "s":
        return f"{value:.2f} s" if value < 100 else f"{value:.0f} s"
    if unit == "MB":
        return f"{value:,.0f} MB"
    if unit == "bytes":
        return f"{value / 1e6:,.1f} MB"
    if unit == "KB":
        return f"{value / 1000:,.1f} KB"
    if unit == "x":
        return f"{value:.2f}×"
    if unit == "%":
        return f"{value:.1%}"
    return f"{value:,}"


def _budget_text(key: str) -> str:
    if key not in BUDGETS:
        return ""
    op, limit, at, _ = BUDGETS[key]
    shown = {"site_build_peak_rss_mb": "2 GB", "site_build_warm_peak_rss_mb": "2 GB", "pdf_peak_rss_mb": "1 GB",
             "pdf_bytes_per_page_without_images": "150 KB", "pdf_speedup": "3×", "images_speedup": "3×",
             "search_recall": "97 %", "search_first_right": "95 %", "search_readings_top3": "95 %",
             "search_precision": "85 %", "search_download_max_kb": "200 KB"}.get(key, f"{limit} s")
    return f"{op} {shown}" + (f" at {at:,}" if at else "")


def table(sizes: dict[str, dict]) -> list[list[str]]:
    """Rows of [figure, one cell per size…, budget]; a section heading is a row with one cell."""
    order = sorted(sizes, key=int)
    rows = [["figure", *[f"N={int(s):,}" for s in order], "budget"]]
    for label, key, unit in ROWS:
        if key is None:
            rows.append([label])
            continue
        cells = []
        for s in order:
            value = _value(sizes[s], key)
            mark = verdict(key, int(s), value)
            cells.append(fmt(value, unit)
                         + (f" {'✓' if mark == 'ok' else '✗ OVER'}" if mark else ""))
        rows.append([label, *cells, _budget_text(key)])
    return rows


def text_table(rows: list[list[str]]) -> str:
    """The table for a terminal."""
    width = [max(len(r[i]) for r in rows if len(r) > 1) for i in range(len(rows[0]))]
    lines = []
    for r in rows:
        if len(r) == 1:
            lines.append(f"-- {r[0]} " + "-" * max(0, sum(width) + 3 * len(width) - len(r[0]) - 4))
        else:
            lines.append(" | ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, width))))
    return "\n".join(lines)


def markdown(results: dict) -> str:
    """results.md: machine, table, budgets and what was not measured."""
    m = results["machine"]
    rows = table(results["sizes"])
    out = ["# Benchmark results", "",
           f"Machine: {m['usable_cores']} usable cores ({m['cores']} online), {m['memory_gb']} GB memory, {m['cpu']}; "
           f"Python {m['python']}, WeasyPrint {m.get('weasyprint')}, Pagefind {m.get('pagefind')}; "
           f"commit {m.get('commit')}; {m['date']}. Load average at start {m['loadavg_start']:.2f}"
           + (f", at end {m['loadavg_end']:.2f}" if "loadavg_end" in m else "") + ".", "",
           "Absolute times drift on a shared machine; the ratios (speed-up, ÷ floor, ÷ plain pagefind) are measured "
           "side by side in the same run and are the figures to compare.", "",
           "| " + " | ".join(rows[0]) + " |", "|" + "---|" * len(rows[0])]
    for r in rows[1:]:
        out.append(f"| **{r[0]}** |" + " |" * (len(rows[0]) - 1) if len(r) == 1 else "| " + " | ".join(r) + " |")
    out += ["", "Budgets (✓ / ✗ shown at the size a budget applies to):", ""]
    out += [f"- `{k}` {_budget_text(k)} — {b[3]}" for k, b in BUDGETS.items()]
    missing = {f"N={s}: {stage}": why for s, f in results["sizes"].items() for stage, why in f.get("notes", {}).items()}
    if missing:
        out += ["", "Not measured:", ""] + [f"- {k}: {why}" for k, why in missing.items()]
    return "\n".join(out) + "\n"


def write(results: dict, out: Path) -> None:
    """results.json and results.md in `out`, each replaced atomically (a reader never sees half a file)."""
    out.mkdir(parents=True, exist_ok=True)
    for name, text in (("results.json", json.dumps(results, ensure_ascii=False, indent=2) + "\n"),
                       ("results.md", markdown(results))):
        tmp = out / f".{name}.tmp"
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, out / name)


def merge(previous: Path, results: dict) -> dict:
    """Keep sizes measured earlier on the same machine that this run did not measure (e.g. a separate 5,000 run)."""
    try:
        old = json.loads(previous.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return results
    same = all(old.get("machine", {}).get(k) == results["machine"].get(k) for k in ("cpu", "cores", "memory_gb"))
    if same:
        for size, figures in old.get("sizes", {}).items():
            new = results["sizes"].get(size)
            if new is None:
                results["sizes"][size] = figures
            elif new.get("partial"):  # a run of some stages only: its figures complete the earlier ones
                notes = {**figures.get("notes", {}), **new.get("notes", {})}
                results["sizes"][size] = {**figures, **{k: v for k, v in new.items() if v is not None},
                                          "notes": notes, "partial": figures.get("partial", False),
                                          "stages": {**figures.get("stages", {}), **new.get("stages", {})}}
    results["sizes"] = dict(sorted(results["sizes"].items(), key=lambda kv: int(kv[0])))
    return results
