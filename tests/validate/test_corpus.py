"""The corpus of bad profiles (tests/corpus): each names the rule it breaks on the line that breaks it."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from generator.cli import main

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
MARK = re.compile(r"# <- ([a-z0-9-]+)")
BAD = sorted(p for p in CORPUS.glob("*.yaml") if p.name != "good.yaml")
WARNINGS = {"halfwidth-kana", "fullwidth-ascii", "image-dpi", "image-extension", "implausible", "v1-equipment", "v1-material"}


def expected(path: Path) -> tuple[str, int]:
    """(rule, line) from the file's `# <- rule` marker."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        found = MARK.search(line)
        if found:
            return found.group(1), number
    raise AssertionError(f"{path.name} has no '# <- rule' marker")


def with_images(root: Path) -> Path:
    """Give every company folder a good photo and logo, so image rules fire only for what the profile says."""
    from PIL import Image

    for folder in (root / "companies").iterdir():
        Image.new("RGB", (800, 600), "white").save(folder / "factory.jpg")
        Image.new("RGB", (300, 300), "white").save(folder / "logo.png")
    return root


def run_json(root: Path, *args: str, capsys) -> tuple[int, list[dict]]:
    code = main(["--root", str(root), "validate", "--format", "json", *args])
    return code, json.loads(capsys.readouterr().out)


def test_the_good_profile_is_valid(make_content, capsys):
    root = make_content({"good": (CORPUS / "good.yaml").read_text(encoding="utf-8")})
    code, problems = run_json(root, "--strict", capsys=capsys)
    assert (code, problems) == (0, [])


@pytest.mark.parametrize("path", BAD, ids=lambda p: p.stem)
def test_bad_profile_names_its_rule_and_line(path, make_content, capsys):
    rule, line = expected(path)
    root = with_images(make_content({path.stem: path.read_text(encoding="utf-8")}))
    code, problems = run_json(root, "--strict", capsys=capsys)
    assert code == 1
    hits = [p for p in problems if p["rule"] == rule]
    assert hits, f"{rule} did not fire; got {[(p['rule'], p['line']) for p in problems]}"
    assert hits[0]["line"] == line, (hits[0], line)
    assert hits[0]["path"].endswith(f"{path.stem}/company.yaml")
    assert hits[0]["severity"] == ("warning" if rule in WARNINGS else "error")
    assert " / " in hits[0]["message"]  # Japanese, then English
    others = [p for p in problems if p["line"] == line and p["rule"] != rule and p["severity"] == "error"]
    assert not others, f"the same mistake is reported twice: {others}"


def test_each_corpus_profile_alone_gives_exit_1_without_strict_unless_it_only_warns(make_content, capsys):
    import shutil

    for path in BAD:
        rule, _ = expected(path)
        companies = make_content({}).joinpath("companies")
        shutil.rmtree(companies, ignore_errors=True)  # alone: a named folder is compared with every other one on disk
        root = with_images(make_content({path.stem: path.read_text(encoding="utf-8")}))
        code = main(["--root", str(root), "validate", str(root / "companies" / path.stem)])
        capsys.readouterr()
        assert code == (0 if rule in WARNINGS else 1), path.name
