"""The compacted search bundle: short file names in the metadata, the sort orders and the wide screen's filter counts
in files of their own, each matching the pages Pagefind indexed."""
import gzip
import json
from pathlib import Path

import cbor2
import pytest

from generator.load import load_content
from generator.model import make_guide
from generator.search.index import index_search
from generator.search.stable import _read
from generator.site.render import render_site
from generator.site.templates import theme_dirs
from tests.conftest import copy_sample


@pytest.fixture(scope="module")
def bundle(tmp_path_factory):
    root = copy_sample(tmp_path_factory.mktemp("content") / "content")
    guide = make_guide(load_content(root))
    site = tmp_path_factory.mktemp("out") / "site"
    render_site(guide, site, theme_dirs(guide.site.theme))
    folders = index_search(site)
    assert folders == ["pagefind"]
    folder = site / "pagefind"
    entry = json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8"))
    meta = _read(folder / f"pagefind.{entry['languages']['ja']['hash']}.pf_meta")
    return guide, folder, meta


def slugs(folder: Path, meta) -> list[str]:
    """The company of each page of the bundle, in Pagefind's order, from its fragment."""
    out = []
    for name, _, _ in meta[1]:
        fragment = gzip.decompress((folder / "fragment" / f"{name}.pf_fragment").read_bytes())
        out.append(json.loads(fragment[len(b"pagefind_dcd"):])["url"].strip("/").split("/")[-1])
    return out


def test_files_are_named_in_sequence_after_the_bundle_digest(bundle):
    guide, folder, meta = bundle
    pages, chunks, filters = meta[1], meta[2], meta[3]
    names = [p[0] for p in pages] + [c[2] for c in chunks] + [f[1] for f in filters]
    digest = names[0].split("-")[0]
    assert len(digest) == 6
    assert names == [f"{digest}-{n:x}" for n in range(len(names))]
    assert sorted(p.stem for p in (folder / "fragment").iterdir()) == sorted(p[0] for p in pages)
    assert sorted(p.stem for p in (folder / "index").iterdir()) == sorted(c[2] for c in chunks)
    assert sorted(p.stem for p in (folder / "filter").iterdir()) == sorted(f[1] for f in filters)
    assert sorted(slugs(folder, meta)) == sorted(c.slug for c in guide.companies)


def test_sort_orders_are_files_of_their_own_in_name_order(bundle):
    guide, folder, meta = bundle
    assert meta[4] == []  # nothing of them left in the metadata every search loads
    digest = meta[1][0][0].split("-")[0]
    pages = slugs(folder, meta)
    for sort, key in (("kana", lambda c: c.kana), ("name_en", lambda c: c.name.en)):
        order = json.loads((folder / f"order-{sort}.json").read_text(encoding="utf-8"))
        assert order["digest"] == digest
        expected = [c.slug for c in sorted(guide.companies, key=key)]
        width = order["width"]  # the page numbers as base-36 numerals of one width
        assert 36 ** (width - 1) <= len(pages) - 1 < 36 ** width or (width == 1 and len(pages) <= 36)
        numbers = [int(order["pages"][i:i + width], 36) for i in range(0, len(order["pages"]), width)]
        assert [pages[n] for n in numbers] == expected, sort


def test_fragments_name_their_text_in_a_file_of_its_own(bundle):
    """Ten results load ten fragments: their words (the hidden search words too) are in `text/<name>.json`, which the
    search page loads only when it needs Pagefind's excerpt; the fragment keeps what a result shows."""
    guide, folder, meta = bundle
    company = {c.slug: c for c in guide.companies}
    for name, _, _ in meta[1]:
        body = gzip.decompress((folder / "fragment" / f"{name}.pf_fragment").read_bytes())
        assert body.startswith(b"pagefind_dcd")
        fragment = json.loads(body[len(b"pagefind_dcd"):])
        c = company[fragment["url"].strip("/").split("/")[-1]]
        assert fragment["content"] == ""
        assert fragment["text"] == f"pagefind/text/{name}.json"
        assert fragment["meta"]["title"] == c.name.ja and fragment["filters"]["areas"] == [c.area.key]
        assert fragment["filters"]["technologies"] == [t.key for t in c.technologies]
        # not shown with a result: the capacity panels' steps, the place among other guidebooks
        assert not [k for k in fragment["filters"] if k.startswith(("m-", "c-")) or k == "place"], c.slug
        text = json.loads((folder / "text" / f"{name}.json").read_text(encoding="utf-8")).replace("\u200b", "")
        # the name as shown, its reading (hidden words) and the address as the profile gives them
        assert c.name.ja in text and c.kana in text, c.slug
        assert f"〒{c.address.postal_code}" in text and c.address.city in text, c.slug
    assert sorted(p.stem for p in (folder / "text").iterdir()) == sorted(p[0] for p in meta[1])


def test_facet_file_gives_each_page_its_technologies_and_area(bundle):
    guide, folder, meta = bundle
    facets = json.loads((folder / "facets.json").read_text(encoding="utf-8"))
    assert facets["digest"] == meta[1][0][0].split("-")[0]
    letters = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    company = {c.slug: c for c in guide.companies}
    for n, slug in enumerate(slugs(folder, meta)):
        got = {}
        for name, group in facets["groups"].items():
            got[name] = {group["values"][letters.index(ch)] for ch in group["pages"].split(" ")[n]}
        assert got == {"technologies": {t.key for t in company[slug].technologies},
                       "areas": {company[slug].area.key}}, slug


def test_every_other_panel_group_has_a_facet_file_of_its_own(bundle):
    """The search page counts and narrows a panel's group from facets-<group>.json once it is on screen; a
    machine's exact figures and a lot's bounds (no panel) have none."""
    guide, folder, meta = bundle
    facets = json.loads((folder / "facets.json").read_text(encoding="utf-8"))
    more = {p.name[len("facets-"):-len(".json")] for p in folder.glob("facets-*.json")}
    assert {"certifications", "industries", "machines", "material_groups"} <= more
    assert not [name for name in more if name.startswith(("figures", "fig-", "municipality", "place"))]
    assert not more & set(facets["groups"])
    letters = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    company = {c.slug: c for c in guide.companies}
    files = {name: json.loads((folder / f"facets-{name}.json").read_text(encoding="utf-8"))
             for name in ("certifications", "industries")}
    for f in files.values():
        assert f["digest"] == facets["digest"]
    for n, slug in enumerate(slugs(folder, meta)):
        for name, f in files.items():
            group = f["groups"][name]
            got = {group["values"][letters.index(ch)] for ch in group["pages"].split(" ")[n]}
            assert got == {t.key for t in getattr(company[slug], name)}, (slug, name)


def index_words(folder: Path, meta) -> list[list[str]]:
    """The words of each index file of the bundle, in the metadata's order."""
    return [[w[0] for w in _read(folder / "index" / f"{name}.pf_index")[0]] for _, _, name in meta[2]]


def test_index_keeps_no_words_across_the_hidden_words_separator(bundle):
    """The hidden words are written between ・ (site/search-words.html) and Pagefind indexes the two characters across
    each: none of "・Y" is left (no query word holds a ・), and "X・" only where it is the one word of X in the file
    Pagefind looks the query word X up in."""
    guide, folder, meta = bundle
    files = index_words(folder, meta)
    words = [w for f in files for w in f]
    assert len(words) > 1000
    assert not [w for w in words if w.startswith("・")]
    assert all(files)  # a file that held ・ words only is no longer listed
    for n, f in enumerate(files):
        for w in f:
            if len(w) == 2 and w.endswith("・"):
                assert [x for x in f if x.startswith(w[0])] == [w], (w, f)
                assert meta[2][n][0] <= w[0] <= meta[2][n][1], w


def _bundle_of(folder: Path, files: dict[str, list[str]]) -> None:
    (folder / "index").mkdir(parents=True)
    for name, words in files.items():
        record = [[[w, [[0, [-25, i], []]], []] for i, w in enumerate(words)]]
        (folder / "index" / f"{name}.pf_index").write_bytes(gzip.compress(b"pagefind_dcd" + cbor2.dumps(record)))


def test_a_separator_word_stays_where_it_is_all_a_query_word_would_find(tmp_path):
    """Pagefind looks a query word up in the first index file whose range holds it, as a prefix of the words there:
    金 in the second file below finds only 金・, so that one stays (without it 金型 would find nothing)."""
    from generator.search.separators import chunk_for, drop_separator_words

    _bundle_of(tmp_path, {"a": ["・鋼", "・金"], "b": ["型", "型・", "金・"], "c": ["金属", "鋼", "鋼・"]})
    chunks = [["・", "・", "a"], ["型", "金", "b"], ["金属", "鋼・", "c"]]
    assert chunk_for("金", chunks) == 1 and chunk_for("鋼", chunks) == 2 and chunk_for("型", chunks) == 1
    drop_separator_words(tmp_path, chunks)
    assert chunks == [["型", "金", "b"], ["金属", "鋼・", "c"]]  # every word of "a" started with ・
    assert not (tmp_path / "index" / "a.pf_index").exists()
    left = {n: [w[0] for w in _read(tmp_path / "index" / f"{n}.pf_index")[0]] for n in ("b", "c")}
    assert left == {"b": ["型", "金・"], "c": ["金属", "鋼"]}


def test_an_index_file_left_without_its_separator_words_is_what_encoding_the_rest_gives(tmp_path):
    """The ・ words are cut out of an index file's bytes (nothing else re-encoded): the file must be exactly what
    CBOR-encoding its record without them gives, here with more words than a one-byte array header holds (30 → 27) and
    pages of several sizes. 型・ stays: it is all the query word 型 would find in the file."""
    from generator.search.separators import drop_separator_words

    words = [f"語{i:02d}" for i in range(26)] + ["・鋼", "・金", "型・", "語・"]
    words.sort()
    record = [[[w, [[p, [-25, 7 * p + i, 300 + i], []] for p in range(i % 5 + 1)]] for i, w in enumerate(words)],
              ["tail", 1]]
    (tmp_path / "index").mkdir()
    (tmp_path / "index" / "x.pf_index").write_bytes(gzip.compress(b"pagefind_dcd" + cbor2.dumps(record)))
    chunks = [[words[0], words[-1], "x"]]
    assert drop_separator_words(tmp_path, chunks)
    expected = [[e for e in record[0] if e[0] not in ("・鋼", "・金", "語・")], ["tail", 1]]
    assert len(expected[0]) == 27
    body = gzip.decompress((tmp_path / "index" / "x.pf_index").read_bytes())
    assert body == b"pagefind_dcd" + cbor2.dumps(expected)
