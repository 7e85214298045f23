"""Measuring a process: peak memory of the process and of its whole tree, CPU time, PDF weights."""
from __future__ import annotations

import sys
import textwrap

from PIL import Image

from bench import measure
from bench.pdfstats import pdf_stats

ALLOCATE = "import time; x = b'1' * ({mb} * 2**20); time.sleep(0.8)"


def test_peak_memory_of_one_process(tmp_path):
    m = measure.run([sys.executable, "-c", ALLOCATE.format(mb=150)], cwd=tmp_path)
    assert m.returncode == 0
    assert 150 <= m.maxrss_mb < 400
    assert m.peak_mb >= m.maxrss_mb and m.cpu_s >= 0 and m.wall_s > 0


def test_peak_memory_of_workers_is_summed(tmp_path):
    # three children of 100 MB each, alive at the same time: the tree holds 300 MB, no single process near that
    script = textwrap.dedent(f"""
        import subprocess, sys
        kids = [subprocess.Popen([sys.executable, "-c", {ALLOCATE.format(mb=100)!r}]) for _ in range(3)]
        for k in kids:
            k.wait()
    """)
    m = measure.run([sys.executable, "-c", script], cwd=tmp_path)
    assert m.returncode == 0
    assert 100 <= m.maxrss_mb < 250
    assert m.tree_peak_mb >= 300 and m.peak_mb == m.tree_peak_mb


def test_failure_and_timeout_are_reported(tmp_path):
    assert measure.run([sys.executable, "-c", "raise SystemExit(3)"], cwd=tmp_path).returncode == 3
    m = measure.run([sys.executable, "-c", "import time; time.sleep(30)"], cwd=tmp_path, timeout=0.5)
    assert m.timed_out and m.returncode != 0


def test_pdf_stats_counts_pages_and_image_bytes(tmp_path):
    pages = [Image.new("RGB", (400, 300), (200, 30 * i, 90)) for i in range(3)]
    path = tmp_path / "x.pdf"
    pages[0].save(path, "PDF", save_all=True, append_images=pages[1:])
    stats = pdf_stats(path)
    assert stats["pdf_pages"] == 3
    assert 0 < stats["pdf_image_bytes"] < stats["pdf_bytes"] == path.stat().st_size


def test_pdf_has_finds_text_across_a_line_break(tmp_path):
    from bench.pdfstats import pdf_has
    from weasyprint import HTML

    path = tmp_path / "t.pdf"
    HTML(string="<p style='width: 3em'>abc (rev. 1) def</p>").write_pdf(path)
    assert pdf_has(path, "(rev. 1)")
    assert not pdf_has(path, "(rev. 2)")
