"""zizmor, the GitHub Actions auditor, finds nothing above "low" in .github/ (kept findings: zizmor.yml)."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
ZIZMOR = shutil.which("zizmor", path=str(Path(sys.executable).parent)) or shutil.which("zizmor")
ORDER = ["unknown", "informational", "low", "medium", "high"]


def test_zizmor_finds_nothing_above_low():
    assert ZIZMOR is not None, "zizmor is one of the test extras: run `make setup`"
    run = subprocess.run([ZIZMOR, "--offline", "--config", "zizmor.yml", "--format", "json", ".github/"],
                         cwd=PROJECT, capture_output=True, text=True)
    findings = json.loads(run.stdout)
    worse = [(f["ident"], f["determinations"]["severity"], f["locations"][0]["symbolic"]["key"])
             for f in findings if ORDER.index(f["determinations"]["severity"].lower()) > ORDER.index("low")]
    assert worse == [], worse
    assert run.returncode in (0, 10, 11, 12, 13, 14), run.stderr  # 1 and 2: zizmor itself failed


def test_zizmor_would_see_an_unpinned_action(tmp_path):
    assert ZIZMOR is not None, "zizmor is one of the test extras: run `make setup`"
    workflow = tmp_path / ".github" / "workflows" / "x.yml"
    workflow.parent.mkdir(parents=True)
    workflow.write_text("on: push\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n"
                        "      - uses: actions/checkout@v4\n        with:\n          persist-credentials: false\n",
                        encoding="utf-8")
    run = subprocess.run([ZIZMOR, "--offline", "--format", "json", str(tmp_path / ".github")], capture_output=True,
                         text=True)
    assert "unpinned-uses" in {f["ident"] for f in json.loads(run.stdout)}
