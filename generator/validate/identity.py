"""One company, one profile: refuse duplicate 法人番号, look-alike folder names and names that copy another company.

A pull request that adds a second profile for an existing company (to impersonate it, or by mistake) must not slip
into the guidebook: the corporate number is unique per company, folder names that only
differ by look-alike characters confuse reviewers, and two entries with the same name confuse buyers.
"""
from __future__ import annotations

import re
import unicodedata

from ..errors import Problem
from ..load import Content

# Folder names Windows cannot check out: a clerk cloning the repository there would get an error.
WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}

# Look-alike letters and letter pairs of lowercase slugs (after Unicode TR39 confusables, restricted to a-z0-9-).
_SKELETON = [("rn", "m"), ("vv", "w"), ("cl", "d"), ("0", "o"), ("1", "l"), ("5", "s"), ("_", "-")]
_COMPANY_WORDS = re.compile(r"株式会社|有限会社|合同会社|合資会社|合名会社|\(株\)|\(有\)|㈱|㈲")


def skeleton(slug: str) -> str:
    """The slug with look-alike characters made equal: `ko1-seiki` and `kol-seiki` have one skeleton."""
    s = slug.casefold()
    for old, new in _SKELETON:
        s = s.replace(old, new)
    return s


def name_key(name: str) -> str:
    """A company name reduced for comparison: NFKC, case-folded, without spaces and 株式会社 etc."""
    s = unicodedata.normalize("NFKC", name).casefold()
    s = _COMPANY_WORDS.sub("", s)
    return "".join(ch for ch in s if not ch.isspace() and unicodedata.category(ch)[0] not in "PZ")


def _loc(content: Content, slug: str, pointer: tuple) -> tuple[str, int, int]:
    doc = content.companies[slug]
    line, col = doc.where(pointer)
    return content.display(doc.path), line, col


def check(content: Content) -> list[Problem]:
    """Identity problems across all loaded profiles."""
    problems: list[Problem] = []
    numbers: dict[str, str] = {}
    skeletons: dict[str, str] = {}
    names: dict[str, str] = {}
    for slug in sorted(content.companies):
        data = content.companies[slug].data if isinstance(content.companies[slug].data, dict) else {}
        shown, _, _ = _loc(content, slug, ())
        if (content.root / "companies" / slug).is_symlink():  # its files would come from outside the repository
            problems.append(Problem(shown, 1, 1,
                f"フォルダ「{slug}」はシンボリックリンクです。実際のフォルダを置いてください。 / the folder '{slug}' is a "
                f"symbolic link; add a real folder.", "error", "symlink"))
        if slug in WINDOWS_RESERVED:
            problems.append(Problem(shown, 1, 1,
                f"フォルダ名「{slug}」は Windows で使えない名前です。別の名前にしてください。 / the folder name "
                f"'{slug}' is reserved on Windows; choose another.", "error", "slug-reserved"))
        twin = skeletons.setdefault(skeleton(slug), slug)
        if twin != slug:
            problems.append(Problem(shown, 1, 1,
                f"フォルダ名「{slug}」は「{twin}」と見分けにくい名前です（1 と l、0 と o、rn と m など）。同じ会社なら"
                f"1つにまとめ、別の会社ならはっきり違う名前にしてください。 / the folder name '{slug}' looks like "
                f"'{twin}'; merge them if they are the same company, else choose a clearly different name.",
                "error", "slug-lookalike"))
        number = data.get("corporate_number")
        if isinstance(number, str):
            at = _loc(content, slug, ("corporate_number",))  # its check digit is japanese.py's, per profile
            first = numbers.setdefault(number, slug)
            if first != slug:
                other = _loc(content, first, ("corporate_number",))
                problems.append(Problem(*at,
                    f"法人番号「{number}」は {other[0]}（{other[1]} 行目）にも書かれています。1社につきプロフィールは"
                    f"1つです。 / the corporate number '{number}' is also in {other[0]} (line {other[1]}); one company "
                    f"has one profile.", "error", "duplicate-company"))
        name = data.get("name", {}).get("ja") if isinstance(data.get("name"), dict) else None
        if isinstance(name, str) and name_key(name):
            first = names.setdefault(name_key(name), slug)
            if first != slug:
                other_data = content.companies[first].data
                other_number = other_data.get("corporate_number") if isinstance(other_data, dict) else None
                distinct = isinstance(number, str) and isinstance(other_number, str) and number != other_number
                other = _loc(content, first, ("name", "ja"))
                problems.append(Problem(*_loc(content, slug, ("name", "ja")),
                    f"会社名「{name}」は {other[0]}（{other[1]} 行目）の会社と同じ名前です。" +
                    ("法人番号が違うので別の会社として載せますが、確認してください。" if distinct else
                     "同じ会社ならプロフィールを1つにまとめ、別の会社なら両方に法人番号を書いてください。") +
                    f" / the name '{name}' is the same as in {other[0]} (line {other[1]})" +
                    ("; their corporate numbers differ, please double-check." if distinct else
                     "; merge the profiles, or add each company's corporate number if they differ."),
                    "warning", "duplicate-name"))  # two real companies may share a name: the reviewer decides
    return problems
