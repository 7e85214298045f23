"""Volumes (分冊): `print.volumes: by chapter` makes one complete booklet per group of whole chapters.

The expected volumes are worked out here from the sample's YAML (each company's first industry, the vocabulary's
order) and the rule as the staff guide words it, by trying every split: never from what the generator returns.

The builds take COMPANIES, twelve of the sample's 36 in nine chapters of all three parts (chapters of one, two and
three companies, with and without English names): three print builds of the whole sample cost minutes of CPU and
test nothing more. The budget splits them as it splits the whole sample: the first volume runs past the first part
into the second, the second opens in the middle of the second part, the changed profile is in the last volume.
"""
from __future__ import annotations

import functools
import itertools
import json
import random
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import pikepdf
import pytest
import yaml

from tests.conftest import SAMPLE, copy_sample

COMPANIES = ("momijigawa-kagaku", "ishiguro-chuzo", "aoba-mekki", "sugiura-seisakusho", "techno-plate",
             "nakase-valve", "axis-seiko", "yamada-seiki", "wavelink", "yamabuki-shokuhin", "chigusa-insatsu",
             "layer-works")
BUDGET = 8  # company pages per volume (the least site.yaml takes): the 12 companies in 9 chapters make two volumes
CHANGED = "axis-seiko"  # a profile with photos (it never shares a page), changed for the third build


def _profiles() -> list[Path]:
    """The company.yaml files of the built content: those of COMPANIES in the sample."""
    return [p for p in sorted((SAMPLE / "companies").glob("*/company.yaml")) if p.parent.name in COMPANIES]


def expected_split(sizes: list[int], budget: int) -> list[list[int]]:
    """The rule, by brute force: of all splits of the chapters in order into volumes (a volume of more than one
    chapter within the budget), the fewest volumes; of those, the smallest largest volume of more than one chapter;
    of those, the one whose earlier volumes hold the most chapters."""
    n = len(sizes)
    best = None
    for cuts in itertools.product([False, True], repeat=n - 1):
        groups, current = [], [0]
        for i, cut in enumerate(cuts, 1):
            if cut:
                groups.append(current)
                current = []
            current.append(i)
        groups.append(current)
        multi = [sum(sizes[i] for i in g) for g in groups if len(g) > 1]
        if any(size > budget for size in multi):
            continue
        rank = (len(groups), max(multi, default=0), [-len(g) for g in groups])
        if best is None or rank < best[0]:
            best = (rank, groups)
    return best[1]


def test_the_grouping_rule_on_many_chapter_sizes():
    from generator.pdf.volumes import group

    rng = random.Random(21)
    cases = [([5, 5, 5, 5], 10), ([30, 1, 1], 10), ([1, 1, 30, 1, 1], 10), ([10], 10), ([3, 3, 3, 3, 3, 3, 3], 9)]
    cases += [([rng.randint(1, 40) for _ in range(rng.randint(1, 11))], rng.randint(8, 60)) for _ in range(150)]
    for sizes, budget in cases:
        assert group(sizes, budget) == expected_split(sizes, budget), (sizes, budget)


@functools.cache  # the sample's YAML read once (asked for on every page and company; callers only read)
def _sample_volumes() -> list[list[str]]:
    """The slugs of each volume, from the YAML: chapters are the first industries, in the order of the
    vocabulary's groups and then of its terms."""
    vocabulary = yaml.safe_load((SAMPLE / "taxonomies" / "industries.yaml").read_text(encoding="utf-8"))
    written = {str(w).casefold(): key for key, term in vocabulary["terms"].items()  # a term by key or label
               for w in (key, term["ja"], term["en"])}
    first = {}
    for path in _profiles():
        first[path.parent.name] = written[yaml.safe_load(path.read_text(encoding="utf-8"))["industries"][0].casefold()]
    order = [key for group in vocabulary["groups"] for key, term in vocabulary["terms"].items()
             if term["group"] == group]
    chapters = [[slug for slug, industry in sorted(first.items()) if industry == key] for key in order]
    chapters = [c for c in chapters if c]
    return [[slug for i in members for slug in chapters[i]]
            for members in expected_split([len(c) for c in chapters], BUDGET)]


@functools.cache  # the sample's YAML read once (asked for on every page and company; callers only read)
def _names(lang: str = "ja") -> dict[str, str]:
    """slug → the company's name in `lang` as its YAML writes it (companies without one are left out)."""
    names = {p.parent.name: yaml.safe_load(p.read_text(encoding="utf-8"))["name"].get(lang)
             for p in _profiles()}
    return {slug: name for slug, name in names.items() if name}


@functools.cache  # the sample's YAML read once (asked for on every page and company; callers only read)
def _first_parts() -> list[str]:
    """The part heading each volume's contents must open with: the number (in the whole book) and the label of
    the group of its first chapter."""
    vocabulary = yaml.safe_load((SAMPLE / "taxonomies" / "industries.yaml").read_text(encoding="utf-8"))
    groups = list(vocabulary["groups"])
    first = {p.parent.name: yaml.safe_load(p.read_text(encoding="utf-8"))["industries"][0]
             for p in _profiles()}
    heads = []
    for slugs in _sample_volumes():
        word = first[slugs[0]]
        term = next(t for k, t in vocabulary["terms"].items() if word in (k, t["ja"], t["en"]))
        heads.append(f"{groups.index(term['group']) + 1} {vocabulary['groups'][term['group']]['ja']}")
    return heads


@pytest.fixture(scope="module")
def volumes_build(tmp_path_factory):
    """The sample's COMPANIES with `volumes: by chapter` built three times (press edition too): as it is, again
    unchanged, and after a word of one profile of the last volume changed; the chunks composed by each build."""
    from generator.build import build
    from generator.pdf.compose import Composer

    work = tmp_path_factory.mktemp("volumes")
    root = copy_sample(work / "content", COMPANIES)
    site = root / "site.yaml"
    text = site.read_text(encoding="utf-8")
    assert "  pad_to_multiple: 4\n" in text
    site.write_text(text.replace("  pad_to_multiple: 4\n", f"  pad_to_multiple: 4\n  volumes: by chapter\n"
                                                          f"  volume_pages: {BUDGET}\n"), encoding="utf-8")
    composed: list[list[str]] = [[]]
    real = Composer.html

    def html(self, sheets, front=False):
        if not front:
            composed[-1].append(self.edition.key)  # ja-screen-vol2: the edition's name in the cache and state
        return real(self, sheets, front)

    out = work / "build"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Composer, "html", html)
        made = build(root, out, for_print=True)
        state = json.loads((out / ".state.json").read_text(encoding="utf-8"))
        composed.append([])
        build(root, out, for_print=True)
        profile = root / "companies" / CHANGED / "company.yaml"
        text = profile.read_text(encoding="utf-8")
        assert CHANGED in _sample_volumes()[-1] and "精密部品を専門に" in text
        profile.write_text(text.replace("精密部品を専門に", "精密部品を専ら"), encoding="utf-8")
        composed.append([])
        first = (out / "guidebook-vol1.pdf").read_bytes()
        build(root, out, for_print=True)
        composed.append([first == (out / "guidebook-vol1.pdf").read_bytes()])
    return out, composed, state, made


def _pages(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1]


def _head(page: str) -> str:
    return next((line.strip() for line in page.splitlines() if line.strip()), "")


def _listed(page: str, names: dict[str, str]) -> dict[str, list[int]]:
    """slug → the page numbers a listing page gives for that company's name."""
    found: dict[str, list[int]] = {}
    for slug, name in names.items():
        for match in re.finditer(re.escape(name) + r"\s+(\d+)(?!\d)", page):
            found.setdefault(slug, []).append(int(match.group(1)))
    return found


@pytest.mark.e2e  # builds the sample end to end (twice)
def test_each_volume_is_a_complete_booklet_of_its_chapters(volumes_build):
    out, _composed, _state, _made = volumes_build
    expected = _sample_volumes()
    assert len(expected) == 2  # the budget splits the sample, so this test means something
    names = _names()
    assert not (out / "guidebook.pdf").exists() and not (out / "print" / "guidebook.pdf").exists()
    for number, slugs in enumerate(expected, 1):
        pdf = out / f"guidebook-vol{number}.pdf"
        pages = _pages(pdf)
        assert len(pages) % 4 == 0, (pdf.name, len(pages))
        cover = " ".join(pages[0].split())
        assert f"第{number}分冊" in cover and f"全{len(expected)}冊" in cover and f"掲載企業 {len(slugs)}" in cover
        toc = [p for p in pages if _head(p) == "目次"]
        indexes = [p for p in pages if _head(p) == "索引"]
        assert toc and indexes
        listed = {}
        for page in toc:
            listed.update(_listed(page, names))
        assert sorted(listed) == sorted(slugs), f"volume {number}: its table of contents lists exactly its companies"
        for slug, (page,) in listed.items():
            assert names[slug] in pages[page - 1] and _head(pages[page - 1]) not in ("目次", "索引"), \
                f"volume {number}: the contents say {slug} is on page {page}"
        in_index: dict[str, list[int]] = {}
        for page in indexes:
            for slug, numbers in _listed(page, names).items():
                in_index.setdefault(slug, []).extend(numbers)
        assert sorted(in_index) == sorted(slugs), f"volume {number}: its indexes hold only (and all) its companies"
        assert all(set(numbers) == set(listed[slug]) for slug, numbers in in_index.items())
        colophon = " ".join(pages[-1].split())
        assert f"第{number}分冊" in colophon and "株式会社千草印刷" in colophon
        set_list = "\n".join(toc).split("分冊の構成")[-1]  # the contents end with the whole set, this one marked
        assert [int(n) for n in re.findall(r"第(\d+)分冊", set_list)] == list(range(1, len(expected) + 1))
        assert re.findall(r"第(\d+)分冊（本書）", set_list) == [str(number)]
        first_row = next(line.split() for line in toc[0].splitlines()[1:] if line.strip() and line.strip() != "目次")
        assert " ".join(first_row[:-1]) == _first_parts()[number - 1], "parts keep their numbers of the whole book"
        english = _pages(out / f"guidebook-vol{number}-en.pdf")
        assert f"Volume {number}" in " ".join(english[0].split())
        listed_en = {}
        for page in (p for p in english if _head(p) == "Contents"):
            listed_en.update(_listed(page, _names("en")))
        assert sorted(listed_en) == sorted(s for s in slugs if s in _names("en")), \
            f"English volume {number}: its contents list its companies (those with an English name in the YAML)"


@pytest.mark.e2e  # builds the sample end to end (twice)
def test_press_volumes_pass_the_preflight(volumes_build):
    from generator.pdf.preflight import preflight

    out, _composed, _state, _made = volumes_build
    press = sorted((out / "print").glob("guidebook-vol*.pdf"))
    assert [p.name for p in press] == [f"guidebook-vol{n}.pdf" for n in range(1, len(_sample_volumes()) + 1)]
    for pdf in press:
        assert preflight(pdf, press=True) == [], pdf.name
        with pikepdf.open(pdf) as book:
            assert len(book.pages) % 4 == 0
            assert len(book.pages) == len(pikepdf.open(out / pdf.name).pages), "press and screen have the same pages"


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.pdfs: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("type") == "application/pdf":
            self.pdfs.append(attrs["href"])


@pytest.mark.e2e  # builds the sample end to end (twice)
def test_the_website_links_every_volume(volumes_build):
    out, _composed, _state, _made = volumes_build
    count = len(_sample_volumes())
    for page, suffix in (("index.html", ""), ("en/index.html", "-en")):
        links = _Links()
        links.feed((out / "site" / page).read_text(encoding="utf-8"))
        targets = [urljoin(f"http://x/{page}", href)[len("http://x/"):] for href in links.pdfs]
        assert targets == [f"guidebook-vol{n}{suffix}.pdf" for n in range(1, count + 1)], page
        for target in targets:
            assert (out / "site" / target).read_bytes() == (out / target).read_bytes()
    names = _names()
    for number, slugs in enumerate(_sample_volumes(), 1):  # each company's one-page PDF is cut from its volume
        slug = slugs[-1]
        single = out / "site" / "companies" / slug / f"{slug}.pdf"
        assert names[slug] in " ".join(_pages(single)[0].split())


@pytest.mark.e2e  # builds the sample end to end (twice)
def test_a_second_build_composes_no_chunk_of_any_volume(volumes_build):
    out, composed, state, made = volumes_build
    editions = {name.split("/")[1] for name in state["artifacts"] if name.startswith("pdf/")}
    count = len(_sample_volumes())
    assert editions == {f"{lang}-{target}-vol{n}" for lang, target in (("ja", "screen"), ("en", "screen"),
                                                                      ("ja", "print")) for n in range(1, count + 1)}
    assert composed[0] and composed[1] == [], "nothing changed: the second build takes every chunk from the cache"
    last = f"vol{count}"
    assert sorted(composed[2]) == [f"en-screen-{last}", f"ja-print-{last}", f"ja-screen-{last}"], \
        "one profile changed: its page's chunk in each edition of its volume, nothing of the other volumes"
    assert composed[3] == [True], "the first volume's file is the same, byte for byte"
    assert made.pdf_volumes == count  # what the build reports: the volumes and their pages together
    assert made.pdf_pages == sum(len(_pages(out / f"guidebook-vol{n}.pdf")) for n in range(1, count + 1))


def test_the_cache_folders_of_volumes_gone_are_dropped(tmp_path):
    from types import SimpleNamespace

    from generator.pdf.books import _prune_volumes

    for name in ("ja-screen", "ja-screen-vol1", "ja-screen-vol2", "en-screen-vol3", "ja-print-vol2"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "chunk.pdf").write_bytes(b"%PDF")
    _prune_volumes(tmp_path, [SimpleNamespace(key="vol1"), SimpleNamespace(key="vol2")])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ja-print-vol2", "ja-screen", "ja-screen-vol1",
                                                           "ja-screen-vol2"]
    _prune_volumes(tmp_path, [None])  # volumes turned off: only the one book's folders stay
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ja-screen"]
