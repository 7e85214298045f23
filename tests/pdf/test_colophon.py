"""The colophon (奥付) on the back cover: month of issue, publisher (with address and telephone) and print shop from
site.yaml; a press build says which of them site.yaml does not give."""
from __future__ import annotations

import yaml

from generator.pdf.colophon import colophon_problems

from .conftest import load_guide, write_content


def test_the_colophon_names_the_month_of_issue_the_publisher_and_the_print_shop(print_ja):
    site = yaml.safe_load((print_ja.root / "site.yaml").read_text(encoding="utf-8"))
    year, month = site["issued"].split("-")
    publisher = site["publisher"]
    lines = [" ".join(line.split()) for line in print_ja.page_text(print_ja.plan.total).splitlines()]

    def row(label: str) -> str:
        found = [line for line in lines if line.startswith(label + " ")]
        assert len(found) == 1, (label, lines)
        return found[0]

    assert f"{year}年{int(month)}月" in row("発行年月")
    publisher_row = row("発行者")
    for part in (publisher["name"]["ja"], publisher["address"]["ja"], f"TEL {publisher['phone']}"):
        assert " ".join(part.split()) in publisher_row
    assert site["print"]["printer"]["ja"] in row("印刷所")


def test_a_colophon_without_the_month_of_issue_or_the_print_shop_is_a_warning_located_in_site_yaml(tmp_path):
    root = write_content(tmp_path / "content", {'issued: "2026-10"': "issued: null"})
    text = (root / "site.yaml").read_text(encoding="utf-8")
    text = "\n".join(line for line in text.splitlines() if not line.strip().startswith("printer:")) + "\n"
    (root / "site.yaml").write_text(text, encoding="utf-8")
    lines = text.splitlines()
    problems = colophon_problems(load_guide(root), root)
    assert [(p.line, p.severity, p.rule) for p in problems] == [
        (next(i for i, line in enumerate(lines, 1) if line.startswith("issued:")), "warning", "print-colophon"),
        (next(i for i, line in enumerate(lines, 1) if line.startswith("print:")), "warning", "print-colophon")]
    assert "発行年月" in problems[0].message and "印刷所" in problems[1].message
    assert colophon_problems(load_guide(write_content(tmp_path / "full")), tmp_path / "full") == []
