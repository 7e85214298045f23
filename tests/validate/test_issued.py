"""The month of issue (site.yaml `issued`) must not precede a profile's last_confirmed: a warning at the issued
line that names the latest date and the month to set, in `guidebook validate` and so in the build's warnings."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.validate.run import validate_paths
from tests.conftest import SAMPLE, minimal_profile


def _rule(problems, rule="issued-before-confirmed"):
    return [p for p in problems if p.rule == rule]


@pytest.mark.parametrize("jobs", [1, 2])
def test_an_issue_month_before_a_confirmation_is_a_warning_at_the_issued_line(make_content, jobs, monkeypatch):
    monkeypatch.setattr("generator.validate.run.PARALLEL_FROM", 1)  # the workers' path too, at three profiles
    root = make_content({"aoki-seiki": minimal_profile().replace("テスト精機", "青木精機") + "last_confirmed: 2026-03-18\n",
                         "ban-kogyo": minimal_profile().replace("テスト精機", "伴工業") + "last_confirmed: 2026-05-12\n",
                         "chiba-kako": minimal_profile().replace("テスト精機", "千葉加工") + "last_confirmed: 2026-04-30\n",
                         "doi-seisakusho": minimal_profile().replace("テスト精機", "土井製作所")})
    site = root / "site.yaml"
    text = site.read_text(encoding="utf-8")
    text = "\n".join('issued: "2026-04"' if line.startswith("issued:") else line for line in text.splitlines()) + "\n"
    site.write_text(text, encoding="utf-8")
    line = next(i for i, row in enumerate(text.splitlines(), 1) if row.startswith("issued:"))
    found = _rule(validate_paths(root, jobs=jobs).problems)
    assert [(Path(p.path).name, p.line, p.severity) for p in found] == [("site.yaml", line, "warning")]
    message = found[0].message
    assert message.index("発行年月") < message.index(" / ")  # Japanese first, then English
    assert "2026-05-12" in message and "ban-kogyo" in message and "2026-05" in message  # the latest and the fix
    assert "1 社" in message  # only one (2026-04-30 is in the month of issue)

    site.write_text(text.replace('issued: "2026-04"', 'issued: "2026-05"'), encoding="utf-8")
    assert _rule(validate_paths(root, jobs=jobs).problems) == []


def test_the_sample_is_not_issued_before_its_last_confirmation():
    issued = str(yaml.safe_load((SAMPLE / "site.yaml").read_text(encoding="utf-8"))["issued"])
    confirmed = [str(yaml.safe_load(p.read_text(encoding="utf-8")).get("last_confirmed") or "")
                 for p in (SAMPLE / "companies").glob("*/company.yaml")]
    assert max(confirmed)[:7] <= issued[:7]
    assert _rule(validate_paths(SAMPLE, jobs=1).problems) == []
