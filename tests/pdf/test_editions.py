"""The English edition, paper sizes, overflow (print fit), the cache, and what profiles may not load."""
from __future__ import annotations

import re
import subprocess

import pytest

from generator.errors import ContentError

from .conftest import PROFILES, load_guide, render, write_content


def test_english_edition_holds_english_names(screen_en):
    text = subprocess.run(["pdftotext", str(screen_en.pdf), "-"], capture_output=True, text=True, check=True).stdout
    for slug, (name, _kana, en) in list(PROFILES.items())[1:]:
        assert en in text
    assert "Contents" in text and "目次" not in text


def test_b5_paper(tmp_path):
    root = write_content(tmp_path / "content", {"paper: A4": "paper: B5"}, short=5)
    edition = render(root, tmp_path / "b5.pdf")
    out = subprocess.run(["pdfinfo", str(edition.pdf)], capture_output=True, text=True, check=True).stdout
    assert "515.906 x 728.504 pts" in out  # JIS B5: 182 × 257 mm


def test_overflowing_profile_names_the_field(tmp_path):
    root = write_content(tmp_path / "content", short=5)
    yaml = root / "companies" / "kaede-kogyo" / "company.yaml"
    text = yaml.read_text(encoding="utf-8").split("equipment:")[0]  # within every limit of the schema
    text += "equipment:\n" + "".join(f"  - {{name: 五軸マシニングセンタ{i}, maker: オークマ, model: MU-{i}, count: 1, "
                                     f"spec: {'最大加工径500mm・最大積載量300kg・主軸回転数12000回転' * 1}}}\n"
                                     for i in range(30))
    yaml.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        render(root, tmp_path / "x.pdf")
    problem = caught.value.problems[0]
    assert problem.rule == "print-fit" and problem.path.endswith("kaede-kogyo/company.yaml")
    assert "equipment" in problem.message and "mm" in problem.message and "行" in problem.message
    assert problem.line > 1


def test_rebuild_after_one_change_renders_only_its_chunk(small_content, tmp_path):
    import shutil

    root = tmp_path / "content"
    shutil.copytree(small_content, root)
    cache = tmp_path / "cache"
    first = render(root, tmp_path / "a.pdf", cache=cache)
    assert not any(first.plan.rendered.values())
    yaml = root / "companies" / "nara-giken" / "company.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8").replace("5軸加工", "5軸加工・研削"), encoding="utf-8")
    second = render(root, tmp_path / "b.pdf", cache=cache)
    fresh = [name for name, cached in second.plan.rendered.items() if not cached]
    assert len(fresh) == 1 and fresh[0].startswith("body-"), second.plan.rendered
    assert "研削" in second.page_text(second.plan.company_pages()["nara-giken"])


def test_profiles_cannot_load_other_files_or_the_network(tmp_path):
    from generator.pdf.fetcher import ContentOnlyFetcher

    root = write_content(tmp_path / "content")
    yaml = root / "companies" / "alpha-seiki" / "company.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8") + "pr: |\n  ![x](file:///etc/passwd) <img src=\"http://example.com/x.png\">"
                    "<style>body{display:none}</style><link rel=stylesheet href=\"file:///etc/passwd\"> 本文テキスト\n",
                    encoding="utf-8")
    edition = render(root, tmp_path / "x.pdf", check=False)  # the validator refuses markup; the renderer must too
    text = edition.page_text(edition.plan.company_pages()["alpha-seiki"])
    assert "本文テキスト" in text and "root:" not in text
    fetcher = ContentOnlyFetcher([root])
    for url in ("file:///etc/passwd", "http://example.com/x.png", "https://example.com/"):
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    assert len(fetcher.refused) == 3


def test_small_photo_warns_in_the_print_edition(tmp_path):
    from PIL import Image

    from generator.pdf import Edition, Run
    from generator.pdf.render import render_planned
    from generator.site.templates import theme_dirs

    root = write_content(tmp_path / "content", short=5)
    folder = root / "companies" / "alpha-seiki"
    Image.new("RGB", (160, 120), (120, 140, 160)).save(folder / "tiny.jpg")
    Image.new("RGB", (1800, 1350), (160, 140, 120)).save(folder / "large.jpg")
    yaml = folder / "company.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8") + "images:\n  photos:\n    - {file: tiny.jpg, alt: 工場}\n"
                    "    - {file: large.jpg, alt: 製品}\n", encoding="utf-8")
    guide = load_guide(root, check=False)  # the validator may warn too; the renderer measures the printed size
    warnings = []
    render_planned(Run(guide, theme_dirs(None), root, warnings=warnings), tmp_path / "p.pdf", Edition(target="print"))
    dpi = [w for w in warnings if w.rule == "print-dpi"]
    assert len(dpi) == 1 and "tiny.jpg" in dpi[0].message and dpi[0].severity == "warning", warnings
    assert dpi[0].path.endswith("alpha-seiki/company.yaml")


def test_english_pages_name_what_a_profile_gives_in_japanese_only(screen_en, screen_ja):
    pages = screen_en.plan.company_pages()
    # the minimal profile: its catchphrase only in Japanese; the long ones (conftest.long_profile) also the
    # description of their product (5軸加工) and their machines' names and specs (マシニングセンタ1, 最大500mm)
    expected = {slug: "In Japanese only: catchphrase" if i == 0 else
                "In Japanese only: catchphrase, products, equipment" for i, slug in enumerate(PROFILES)}
    for slug, note in expected.items():
        lines = [" ".join(line.split()) for line in screen_en.page_text(pages[slug]).splitlines()]
        # the foot line, without the folio beside it
        said = [re.sub(r" \d+$", "", line.split(" · ", 1)[1]) for line in lines if " · In Japanese only: " in line]
        assert note in said, (slug, lines[-6:])  # exactly these parts, on the entry's foot line
    japanese = subprocess.run(["pdftotext", str(screen_ja.pdf), "-"], capture_output=True, text=True,
                              check=True).stdout
    assert "In Japanese only" not in japanese
