"""A temporary git repository with sample settings and two companies, for the pull-request checks."""
from __future__ import annotations

import subprocess
import zlib
from pathlib import Path

import pytest

from tests.conftest import minimal_profile

STAFF_SITE_LINE = "staff: [city-staff]\n"


def git(repo: Path, *args: str) -> str:
    """Run git in `repo` with a fixed identity; fail the test on error."""
    run = subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.invalid",
                          "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", *args],
                         cwd=repo, capture_output=True, text=True, check=True)
    return run.stdout


def account_id(login: str) -> int:
    """The numeric GitHub id the tests give each login (the same for every spelling of its case)."""
    return zlib.crc32(login.casefold().encode()) % 10 ** 9 + 1


def profile_with(maintainers: list[str], name: str = "テスト", kana: str = "テスト", pinned: bool = True,
                 **overrides) -> str:
    """A minimal valid profile of the company 株式会社{name}精機 listing `maintainers`, each as `login#id` (the
    form the staff guide asks for) unless it has an id already or `pinned` is false."""
    text = minimal_profile(**overrides).replace("株式会社テスト精機", f"株式会社{name}精機")
    listed = [m if "#" in m or not pinned else f"{m}#{account_id(m)}" for m in maintainers]
    return text.replace("kana: テストセイキ", f"kana: {kana}セイキ") + f"maintainers: [{', '.join(listed)}]\n"


@pytest.fixture
def repo(tmp_path, make_content) -> Path:
    """A git repository (branch main, one commit) holding content/ with companies `alpha` and `beta`."""
    root = make_content({"alpha": profile_with(["alpha-clerk"], "アルファ", "アルファ"),
                         "beta": profile_with(["beta-clerk"], "ベータ", "ベータ")})
    site = root / "site.yaml"
    text = site.read_text(encoding="utf-8")
    lines = [line for line in text.splitlines(keepends=True) if not line.startswith("staff:")]
    site.write_text("".join(lines) + STAFF_SITE_LINE, encoding="utf-8")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "base")
    git(tmp_path, "checkout", "-q", "-b", "change")
    return tmp_path
