"""The page plan's shared pages: which short profiles go together, decided by their measured heights."""
from __future__ import annotations

from types import SimpleNamespace

from generator.pdf.plan import Section, company_pages


def named(*slugs):
    return [SimpleNamespace(slug=s) for s in slugs]


def test_short_profiles_share_a_page_inside_their_chapter_and_across_its_end():
    a, b, c, d = named("a", "b", "c", "d")
    e, f = named("e", "f")
    first, second = SimpleNamespace(key="first"), SimpleNamespace(key="second")
    heights = {"a": 60.0, "c": 100.0, "d": 190.0, "e": 50.0}  # b and f were not measured: too long to share
    pages = company_pages(Section(1, "part", None, [(first, [a, b, c, d]), (second, [e, f])]), heights, 254.5)
    # a takes c (160 mm); d (190 mm) waits at the chapter's end for e (240 mm together), the next chapter's first
    assert [[company.slug for _term, company in page] for page in pages] == [["a", "c"], ["b"], ["d", "e"], ["f"]]
    assert [term.key for term, _c in pages[2]] == ["first", "second"]


def test_two_profiles_never_share_a_page_they_do_not_fit_on():
    a, b, c = named("a", "b", "c")
    chapter = SimpleNamespace(key="only")
    pages = company_pages(Section(1, "part", None, [(chapter, [a, b, c])]), {"a": 130.0, "b": 130.0, "c": 120.0},
                          254.5)
    assert [[company.slug for _t, company in page] for page in pages] == [["a", "c"], ["b"]]
