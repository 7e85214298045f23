"""bench.pdfphases sums the logged documents and phases of one render_pdf per phase, in the order they started."""
import json

from bench.pdfphases import report


def test_the_report_sums_each_phase_and_lists_every_worker_document(tmp_path):
    log = tmp_path / "phases.jsonl"
    records = [
        {"kind": "worker", "what": "chunk", "name": "body-0001", "start": 101.0, "end": 105.0, "cpu": 2.25, "rss_mb": 210},
        {"kind": "worker", "what": "chunk", "name": "toc", "start": 100.5, "end": 104.0, "cpu": 1.25, "rss_mb": 180},
        {"kind": "parent", "what": "merge", "name": "", "start": 105.0, "end": 108.0, "cpu": 2.5, "rss_mb": 700},
        {"kind": "total", "pages": 12, "start": 100.0, "wall": 8.0, "parent_cpu": 3.0, "children_cpu": 3.75,
         "children_maxrss_mb": 210, "self_maxrss_mb": 700},
    ]
    log.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    lines = report(log).splitlines()
    assert lines[0].startswith("pages 12, wall 8.0 s, CPU 6.8 s (parent 3.0, workers and forkserver 3.8)")
    chunk = next(line for line in lines if line.startswith("worker chunk"))
    assert "n=  2" in chunk and "CPU    3.50 s" in chunk and "0.5 ..    5.0 s" in chunk and "peak 210 MB" in chunk
    merge = next(line for line in lines if line.startswith("parent merge"))
    assert "CPU    2.50 s" in merge and "5.0 ..    8.0 s" in merge
    assert lines.index(chunk) < lines.index(merge)  # phases in the order they started
    documents = [line.split()[1] for line in lines if line.startswith("  chunk")]
    assert documents == ["toc", "body-0001"]
