"""results.json and results.md from a real run of a few stages on 3 synthetic companies (no timing asserted)."""
from __future__ import annotations

import json

import pytest

from bench import report
from bench.__main__ import main

REQUIRED = ["validate_s", "site_s", "search_s", "pdf_s", "pdf_single_document_s", "pdf_rebuild_one_s",
            "site_rebuild_one_s", "peak_rss_mb", "pdf_pages", "pdf_bytes_per_page", "site_files", "site_bytes"]


def test_results_shape(tmp_path, capsys):
    out = tmp_path / "bench"
    code = main(["--sizes", "3", "--out", str(out), "--work", str(tmp_path / "work"),
                 "--stages", "validate,validate_one_cli,site,images,site_rebuild_one"])
    assert code == 0
    results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    assert set(results) == {"machine", "sizes"}
    machine = results["machine"]
    assert machine["cores"] >= 1 and machine["memory_gb"] > 0 and machine["cpu"] and machine["python"]
    assert machine["date"]
    figures = results["sizes"]["3"]
    assert set(REQUIRED) <= set(figures)
    for key in ("validate_s", "site_s", "site_floor_s", "site_rebuild_one_s", "validate_one_cli_s"):
        assert isinstance(figures[key], (int, float)) and figures[key] > 0, key
    assert figures["site_vs_floor"] == pytest.approx(figures["site_s"] / figures["site_floor_s"], rel=0.02)
    assert figures["validate_errors"] == 0
    assert figures["site_pages"] > 3 * 2  # every company in ja and en, plus lists
    assert figures["pdf_s"] is None and "pdf" not in figures["notes"]  # not run here: no figure, no invented one
    md = (out / "results.md").read_text(encoding="utf-8")
    assert "N=3" in md and "render_site" in md and f"{machine['memory_gb']} GB" in md
    printed = capsys.readouterr().out
    assert "render_site" in printed and "budget" in printed


def test_a_later_run_keeps_other_sizes(tmp_path):
    results = {"machine": report.machine(), "sizes": {"100": {"validate_s": 1.0}}}
    report.write(results, tmp_path)
    newer = report.merge(tmp_path / "results.json", {"machine": report.machine(), "sizes": {"5": {"validate_s": 0.1}}})
    assert list(newer["sizes"]) == ["5", "100"]


def test_budget_verdicts_apply_at_their_size():
    assert report.verdict("pdf_speedup", 1000, 3.4) == "ok"
    assert report.verdict("pdf_speedup", 1000, 1.2) == "OVER"
    assert report.verdict("pdf_speedup", 100, 1.2) == ""
    assert report.verdict("validate_one_cli_s", 100, 0.4) == "ok"
    assert report.verdict("site_build_peak_rss_mb", 5000, 2100) == "OVER"


def test_a_partial_run_completes_the_figures_of_its_size(tmp_path):
    report.write({"machine": report.machine(), "sizes": {"5": {"validate_s": 1.0, "site_s": 2.0, "notes": {}}}},
                 tmp_path)
    partial = {"machine": report.machine(),
               "sizes": {"5": {"validate_s": None, "site_s": 3.0, "partial": True, "notes": {"images": "n/a"}}}}
    merged = report.merge(tmp_path / "results.json", partial)["sizes"]["5"]
    assert merged["validate_s"] == 1.0 and merged["site_s"] == 3.0 and merged["notes"] == {"images": "n/a"}
    assert merged["partial"] is False
