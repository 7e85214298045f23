"""Fixtures of the PDF tests: a small guidebook (short and long profiles) rendered once per run (all workers)."""
from __future__ import annotations

import pickle
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import SAMPLE, minimal_profile, shared_folder

LONG_PR = "当社は精密加工の専門企業です。" * 30


def long_profile(name: str, kana: str, en: str) -> str:
    """A full profile: English names, PR text, products, equipment, certifications."""
    equipment = "".join(f"  - {{name: マシニングセンタ{i}, maker: オークマ, model: MB-{i}, count: {i}, spec: 最大500mm}}\n"
                        for i in range(1, 9))
    base = minimal_profile(technology="cutting").replace("株式会社テスト精機", name).replace("テストセイキ", kana)
    base = base.replace("name:\n  ja:", f"name:\n  en: {en}\n  ja:", 1)
    return base + (
        "certifications: [iso-9001]\n"
        "pr:\n"
        f"  ja: {LONG_PR}\n"
        "  en: We are a precision machining company.\n"
        "products:\n"
        "  - {name: {ja: 航空機部品, en: Aircraft parts}, description: 5軸加工}\n"
        "equipment:\n" + equipment)


PROFILES = {
    "alpha-seiki": ("株式会社アルファ精機", "アルファセイキ", "Alpha Seiki Co., Ltd."),
    "kaede-kogyo": ("楓工業株式会社", "カエデコウギョウ", "Kaede Kogyo Inc."),
    "sakura-mekki": ("有限会社さくら鍍金", "サクラメッキ", "Sakura Plating Ltd."),
    "tsubaki-press": ("椿プレス株式会社", "ツバキプレス", "Tsubaki Press Co."),
    "nara-giken": ("奈良技研株式会社", "ナラギケン", "Nara Giken Co., Ltd."),
}


def write_content(root: Path, site_changes: dict[str, str] | None = None, short: int = 1) -> Path:
    """A content tree: the sample's site settings, vocabularies and pages, and the PROFILES (the first `short`
    of them minimal, the rest long)."""
    shutil.copytree(SAMPLE / "taxonomies", root / "taxonomies")
    shutil.copytree(SAMPLE / "pages", root / "pages")
    site = (SAMPLE / "site.yaml").read_text(encoding="utf-8")
    for old, new in (site_changes or {}).items():
        assert old in site
        site = site.replace(old, new)
    (root / "site.yaml").write_text(site, encoding="utf-8")
    for i, (slug, (name, kana, en)) in enumerate(PROFILES.items()):
        folder = root / "companies" / slug
        folder.mkdir(parents=True)
        text = minimal_profile().replace("株式会社テスト精機", name).replace("テストセイキ", kana) if i < short \
            else long_profile(name, kana, en)
        (folder / "company.yaml").write_text(text, encoding="utf-8")
    return root


def load_guide(root: Path, check: bool = True):
    from generator.load import load_content
    from generator.model import make_guide
    from generator.validate import errors_in, validate

    content = load_content(root)
    errors = errors_in(validate(content)) if check else []
    assert not errors, [e.format() for e in errors]
    return make_guide(content)


@dataclass
class Edition:
    pdf: Path
    plan: object
    guide: object
    root: Path

    def page_text(self, number: int) -> str:
        return subprocess.run(["pdftotext", "-f", str(number), "-l", str(number), "-layout", str(self.pdf), "-"],
                              capture_output=True, text=True, check=True).stdout


def render(root: Path, out: Path, lang: str = "ja", target: str = "screen", cache: Path | None = None,
           check: bool = True, state: Path | None = None) -> Edition:
    """Render one edition; with `state` (a folder), read the build state a previous render left there and save its
    own, as a build does with build/.state.json."""
    from generator.pdf import Edition as PdfEdition, Run
    from generator.pdf.render import render_planned
    from generator.site.templates import theme_dirs
    from generator.state import State

    guide = load_guide(root, check)
    built = State.load(state) if state is not None else State()
    pages, plan = render_planned(Run(guide, theme_dirs(guide.site.theme), root, cache=cache, state=built), out,
                                 PdfEdition(lang, target))
    if state is not None:
        state.mkdir(parents=True, exist_ok=True)
        built.save(state)
    assert pages == plan.total
    return Edition(out, plan, guide, root)


def shared_edition(tmp_path_factory, name: str, make) -> Edition:
    """An edition rendered once for the whole run by `make(folder)`: with pytest-xdist by the first worker that asks
    (tests.conftest.shared_folder), the other workers read the same Edition (plan, guide) back from the folder."""
    def made(folder: Path) -> None:
        (folder / "edition.pickle").write_bytes(pickle.dumps(make(folder)))

    return pickle.loads((shared_folder(tmp_path_factory, name, made) / "edition.pickle").read_bytes())


@pytest.fixture(scope="session")
def small_content(tmp_path_factory) -> Path:
    return shared_folder(tmp_path_factory, "pdfcontent",
                         lambda folder: write_content(folder / "content",
                                                      {'base_url: ""': "base_url: https://guidebook.example.jp/"})
                         ) / "content"


@pytest.fixture(scope="session")
def screen_ja(small_content, tmp_path_factory) -> Edition:
    return shared_edition(tmp_path_factory, "pdf-screen",
                          lambda out: render(small_content, out / "guidebook.pdf", cache=out / "cache"))


@pytest.fixture(scope="session")
def print_ja(small_content, tmp_path_factory) -> Edition:
    return shared_edition(tmp_path_factory, "pdf-print",
                          lambda out: render(small_content, out / "guidebook.pdf", target="print"))


@pytest.fixture(scope="session")
def screen_en(small_content, tmp_path_factory) -> Edition:
    return shared_edition(tmp_path_factory, "pdf-english",
                          lambda out: render(small_content, out / "guidebook-en.pdf", lang="en"))


@pytest.fixture(scope="session")
def sample_press(tmp_path_factory) -> Edition:
    """The whole sample's press edition (render fails on any preflight finding), rendered once for the run."""
    return shared_edition(tmp_path_factory, "pdf-sample-press",
                          lambda out: render(SAMPLE, out / "guidebook.pdf", target="print"))
