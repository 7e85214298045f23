"""The PDF's dates: SOURCE_DATE_EPOCH, else the content repository's last commit, never a company's field."""
from __future__ import annotations

import os
import subprocess
from datetime import datetime, timezone

import pytest

from conftest import minimal_profile
from generator.build import make_guide
from generator.load import load_content
from generator.pdf.finish import build_date

COMMITTED = "2026-03-15T09:30:00+00:00"


@pytest.fixture
def far_future_content(make_content, monkeypatch):
    """Content whose one profile claims a confirmation in 2099 (the validator refuses it; the model is made anyway)."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    root = make_content({"future-co": minimal_profile() + "last_confirmed: 2099-12-31\n"})
    guide = make_guide(load_content(root))
    assert guide.companies[0].last_confirmed == "2099-12-31"
    return root, guide


def commit(folder, when: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when, "GIT_AUTHOR_NAME": "t",
           "GIT_AUTHOR_EMAIL": "t@example.invalid", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "content"]):
        subprocess.run(["git", "-C", str(folder), *args], check=True, env=env, capture_output=True)


def test_source_date_epoch_wins(far_future_content, monkeypatch):
    root, guide = far_future_content
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert build_date(guide, root) == datetime(2023, 11, 14, 22, 13, 20, tzinfo=timezone.utc)


def test_else_the_date_of_the_last_commit(far_future_content):
    root, guide = far_future_content
    commit(root.parent, COMMITTED)
    assert build_date(guide, root) == datetime.fromisoformat(COMMITTED)


def _issued(root) -> datetime:
    """The first day of the month of issue that site.yaml names."""
    import yaml

    year, month = str(yaml.safe_load((root / "site.yaml").read_text(encoding="utf-8"))["issued"]).split("-")
    return datetime(int(year), int(month), 1, tzinfo=timezone.utc)


def test_outside_a_repository_the_first_day_of_the_month_of_issue(far_future_content):
    root, guide = far_future_content
    assert build_date(guide, root) == _issued(root)
    assert build_date(guide) == _issued(root)


def test_without_a_month_of_issue_the_editions_first_of_january(make_content, monkeypatch):
    from conftest import SAMPLE

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    site = (SAMPLE / "site.yaml").read_text(encoding="utf-8")
    lines = [("issued: null" if line.startswith("issued:") else line) for line in site.splitlines()]
    guide = make_guide(load_content(make_content(site_yaml="\n".join(lines) + "\n")))
    assert guide.site.issued == ""
    assert build_date(guide) == datetime(guide.site.edition, 1, 1, tzinfo=timezone.utc)


@pytest.mark.parametrize("epoch", ["99999999999999999999", "", "soon", "-5"])
def test_an_unusable_source_date_epoch_is_ignored(far_future_content, monkeypatch, epoch):
    root, guide = far_future_content
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    assert build_date(guide, root) == _issued(root)
