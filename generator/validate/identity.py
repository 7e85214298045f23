"""One company, one profile: refuse duplicate 法人番号, look-alike folder names and names that copy another company.

A pull request that adds a second profile for an existing company (to impersonate it, or by mistake) must not slip
into the guidebook: the corporate number is unique per company, folder names that only
differ by look-alike characters confuse reviewers, and two entries with the same name confuse buyers.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

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


@dataclass(frozen=True)
class Facts:
    """What the checks across profiles need of one profile: small enough to send back from a worker process."""

    slug: str
    shown: str  # the profile's path as the user sees it
    symlink: bool  # the company folder is a symbolic link
    number: str | None = None  # 法人番号
    number_line: int = 0
    number_col: int = 0
    name: str | None = None  # name.ja
    name_line: int = 0
    name_col: int = 0


def facts(content: Content, slug: str) -> Facts:
    """The identity facts of one loaded profile."""
    doc = content.companies[slug]
    data = doc.data if isinstance(doc.data, dict) else {}
    number = data.get("corporate_number")
    number = number if isinstance(number, str) else None
    name = data.get("name", {}).get("ja") if isinstance(data.get("name"), dict) else None
    name = name if isinstance(name, str) else None
    number_at = doc.where(("corporate_number",)) if number is not None else (0, 0)
    name_at = doc.where(("name", "ja")) if name is not None else (0, 0)
    return Facts(slug, content.display(doc.path), (content.root / "companies" / slug).is_symlink(),
                 number, *number_at, name, *name_at)


def check(content: Content) -> list[Problem]:
    """Identity problems across all loaded profiles."""
    return check_facts([facts(content, slug) for slug in content.companies])


def check_facts(all_facts: list[Facts]) -> list[Problem]:
    """Identity problems across profiles, from their facts (in any order: the first by folder name wins)."""
    problems: list[Problem] = []
    numbers: dict[str, Facts] = {}
    skeletons: dict[str, str] = {}
    names: dict[str, Facts] = {}
    for f in sorted(all_facts, key=lambda f: f.slug):
        slug, shown = f.slug, f.shown
        if f.symlink:  # its files would come from outside the repository
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
        number = f.number
        if number is not None:  # its check digit is japanese.py's, per profile
            first = numbers.setdefault(number, f)
            if first is not f:
                problems.append(Problem(shown, f.number_line, f.number_col,
                    f"法人番号「{number}」は {first.shown}（{first.number_line} 行目）にも書かれています。1社につき"
                    f"プロフィールは1つです。 / the corporate number '{number}' is also in {first.shown} (line "
                    f"{first.number_line}); one company has one profile.", "error", "duplicate-company"))
        name = f.name
        key = name_key(name) if name is not None else ""
        if key:
            first = names.setdefault(key, f)
            if first is not f:
                distinct = number is not None and first.number is not None and number != first.number
                problems.append(Problem(shown, f.name_line, f.name_col,
                    f"会社名「{name}」は {first.shown}（{first.name_line} 行目）の会社と同じ名前です。" +
                    ("法人番号が違うので別の会社として載せますが、確認してください。" if distinct else
                     "同じ会社ならプロフィールを1つにまとめ、別の会社なら両方に法人番号を書いてください。") +
                    f" / the name '{name}' is the same as in {first.shown} (line {first.name_line})" +
                    ("; their corporate numbers differ, please double-check." if distinct else
                     "; merge the profiles, or add each company's corporate number if they differ."),
                    "warning", "duplicate-name"))  # two real companies may share a name: the reviewer decides
    return problems
