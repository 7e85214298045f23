"""One company, one profile: refuse duplicate 法人番号, look-alike folder names and names that copy another company.

A pull request that adds a second profile for an existing company (to impersonate it, or by mistake) must not slip
into the guidebook: the corporate number is unique per company, folder names that only
differ by look-alike characters confuse reviewers, and two entries with the same name confuse buyers.
"""
from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass

import yaml

from ..errors import Problem
from ..load import Content

# Folder names Windows cannot check out: a clerk cloning the repository there would get an error.
WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}

# Look-alike characters of lowercase slugs (after Unicode TR39 confusables, restricted to a-z0-9-): digits and letters
# first, then letter pairs; hyphens do not count at all, so that `yamada-seik1`, `yarnada-seiki`, `yamada--seiki`
# and `yamadaseiki` all have the skeleton of `yamada-seiki` (a reviewer skimming a folder list does not see a
# missing hyphen either, and no two real companies need names that differ by one).
_SKELETON_CHARS = str.maketrans({"1": "l", "i": "l", "0": "o", "5": "s", "_": "-"})
_SKELETON_PAIRS = [("rn", "m"), ("vv", "w"), ("cl", "d")]
_HYPHENS = re.compile(r"-+")
# Kanji and kana that look alike in a company name (アークレ一ザ一 with the kanji 一 for the long-vowel mark ー):
# both names of a comparison are mapped, so a real 工業 or 一条 still equals itself.
_NAME_LOOKALIKES = str.maketrans({"一": "ー", "―": "ー", "—": "ー", "‐": "ー", "-": "ー", "─": "ー", "口": "ロ",
                                  "力": "カ", "工": "エ", "二": "ニ", "八": "ハ", "夕": "タ", "卜": "ト", "へ": "ヘ",
                                  "べ": "ベ", "ぺ": "ペ",
                                  # kanji a company name hardly ever holds, read as the common one they resemble
                                  "丼": "井", "已": "己", "巳": "己", "夭": "天", "曰": "日", "烏": "鳥", "刃": "刀",
                                  "祟": "崇", "剌": "刺"})
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_COMPANY_WORDS = re.compile(r"株式会社|有限会社|合同会社|合資会社|合名会社|\(株\)|\(有\)|㈱|㈲")


def skeleton(slug: str) -> str:
    """The slug with look-alike characters made equal: `ko1-seiki`, `koi-seiki`, `kolseiki` have one skeleton."""
    s = slug.casefold().translate(_SKELETON_CHARS)
    for old, new in _SKELETON_PAIRS:
        s = s.replace(old, new)
    return _HYPHENS.sub("", s)


def name_key(name: str) -> str:
    """A company name reduced for comparison: NFKC, case-folded, without spaces and 株式会社 etc., look-alikes made one."""
    s = unicodedata.normalize("NFKC", name).casefold()
    s = _COMPANY_WORDS.sub("", s).translate(_NAME_LOOKALIKES)
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
    confirmed: str | None = None  # last_confirmed (YYYY-MM-DD): the month of issue must not precede it (issued.py)


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
    confirmed = data.get("last_confirmed")
    return Facts(slug, content.display(doc.path), (content.root / "companies" / slug).is_symlink(),
                 number, *number_at, name, *name_at, str(confirmed) if confirmed else None)


def facts_from_text(slug: str, shown: str, text: str) -> Facts | None:
    """The identity facts of a profile that is not being validated, read cheaply: libyaml's parser events only, no
    values built, stopping once `name.ja` and `corporate_number` are found (None when the text is not a mapping)."""
    # a text that cannot spell the key (neither the word nor an escape that could make it) has no number: stop at the
    # name instead of reading the whole profile to find none
    number_possible = "corporate_number" in text or "\\" in text
    number = name = None
    number_at = name_at = (0, 0)
    stack: list[list] = []  # per open collection: [is a mapping, a key comes next, current key, where that key is]
    try:
        for event in yaml.parse(text, Loader=_LOADER):
            kind = type(event)
            if kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                if not stack and kind is yaml.SequenceStartEvent:
                    return None
                if stack and stack[-1][0]:
                    stack[-1][1] = True  # this collection was the value: a key comes after it
                stack.append([kind is yaml.MappingStartEvent, True, None, (0, 0)])
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                stack.pop()
                if len(stack) == 1 and name is not None and (number is not None or not number_possible):
                    break  # both found, and back at the top level: nothing after can change them
            elif kind is yaml.ScalarEvent or kind is yaml.AliasEvent:
                if not stack:
                    return None  # a plain value, not a profile
                top = stack[-1]
                if not top[0]:
                    continue
                if top[1]:  # a key
                    top[1:] = [False, getattr(event, "value", None),
                               (event.start_mark.line + 1, event.start_mark.column + 1)]
                    continue
                top[1] = True
                if kind is yaml.AliasEvent:
                    continue
                if len(stack) == 1 and top[2] == "corporate_number":
                    number, number_at = event.value, top[3]
                elif len(stack) == 2 and top[2] == "ja" and stack[0][2] == "name":
                    name, name_at = event.value, top[3]
    except yaml.YAMLError:
        return None
    return Facts(slug, shown, False, number, *number_at, name, *name_at)


def facts_on_disk(content: Content, skip: set[str]) -> list[Facts]:
    """The identity facts of every profile under the content root but the `skip` slugs, read from disk."""
    from ..load.content import PROFILE, SLUG

    companies = content.root / "companies"
    shown = content.display(companies)  # once: resolving thousands of paths cost more than reading their profiles
    found = []
    # names as strings: sorting and joining thousands of Path objects cost more than reading the profiles
    for name in sorted(entry.name for entry in os.scandir(companies)) if companies.is_dir() else []:
        if name in skip or not SLUG.match(name):
            continue
        try:
            with open(os.path.join(companies, name, PROFILE), "rb") as file:
                text = file.read().decode("utf-8-sig")
        except (OSError, UnicodeDecodeError):
            continue  # not a profile (no file, a folder) or one its own validation says is unreadable
        f = facts_from_text(name, os.path.join(shown, name, PROFILE), text)
        if f is not None:
            found.append(f)
    return found


def check(content: Content, others: list[Facts] = ()) -> list[Problem]:
    """Identity problems across all loaded profiles (and against `others`, profiles not loaded)."""
    return check_facts([facts(content, slug) for slug in content.companies], others)


def check_facts(all_facts: list[Facts], others: list[Facts] = ()) -> list[Problem]:
    """Identity problems across profiles, from their facts (in any order: the first by folder name wins), and of
    each of them against `others`: profiles that are not being checked (the rest of the guidebook), which are
    never the ones blamed."""
    problems = _across(all_facts)
    checked = {f.slug for f in all_facts}
    others = [o for o in others if o.slug not in checked]
    if not others:
        return problems
    skeletons = {skeleton(o.slug): o for o in reversed(sorted(others, key=lambda o: o.slug))}
    numbers = {o.number: o for o in reversed(sorted(others, key=lambda o: o.slug)) if o.number}
    names = {name_key(o.name): o for o in reversed(sorted(others, key=lambda o: o.slug)) if o.name}
    for f in sorted(all_facts, key=lambda f: f.slug):
        twin = skeletons.get(skeleton(f.slug))
        if twin is not None:
            problems.append(_lookalike(f, twin.slug))
        first = numbers.get(f.number) if f.number is not None else None
        if first is not None:
            problems.append(_same_number(f, first))
        first = names.get(name_key(f.name)) if f.name else None
        if first is not None and name_key(f.name):
            problems.append(_same_name(f, first))
        elif f.name:
            near = _near_name(name_key(f.name), names)
            if near is not None:
                problems.append(_similar_name(f, near))
    return problems


def similar(a: str, b: str) -> bool:
    """Two different name keys where one holds the other whole: a copy named 新井金型 beside 新井金型製作所 (keys of
    fewer than 4 characters never are). Names that differ in one character are often different companies
    (山田ゴム工業, 池田ゴム工業); look-alike characters are made one by name_key instead."""
    if a == b or len(a) < 4 or len(b) < 4:
        return False
    return a in b or b in a


def _near_name(key: str, names: dict[str, Facts]) -> Facts | None:
    """The first profile (by folder name) of `names` whose name key is similar to `key`."""
    near = [f for other, f in names.items() if similar(key, other)]
    return min(near, key=lambda f: f.slug) if near else None


def _similar_name(f: Facts, near: Facts) -> Problem:
    return Problem(f.shown, f.name_line, f.name_col,
        f"会社名「{f.name}」は {near.shown}（{near.name_line} 行目）の「{near.name}」とよく似ています。別の会社なら"
        f"このままで構いません（市の担当者が確認します）。同じ会社ならプロフィールを1つにまとめてください。 / the name "
        f"'{f.name}' closely resembles '{near.name}' in {near.shown} (line {near.name_line}); fine if they are "
        f"different companies (the municipality's staff will check), else merge the profiles.",
        "warning", "similar-name")  # only against the rest of the guidebook: a pull request's profile, for its reviewer


def _lookalike(f: Facts, twin: str) -> Problem:
    return Problem(f.shown, 1, 1,
        f"フォルダ名「{f.slug}」は「{twin}」と見分けにくい名前です（1・l・i、0 と o、rn と m、続いたハイフンなど）。同じ"
        f"会社なら1つにまとめ、別の会社ならはっきり違う名前にしてください。 / the folder name '{f.slug}' looks like "
        f"'{twin}'; merge them if they are the same company, else choose a clearly different name.",
        "error", "slug-lookalike")


def _same_number(f: Facts, first: Facts) -> Problem:
    return Problem(f.shown, f.number_line, f.number_col,
        f"法人番号「{f.number}」は {first.shown}（{first.number_line} 行目）にも書かれています。1社につき"
        f"プロフィールは1つです。 / the corporate number '{f.number}' is also in {first.shown} (line "
        f"{first.number_line}); one company has one profile.", "error", "duplicate-company")


def _same_name(f: Facts, first: Facts) -> Problem:
    distinct = f.number is not None and first.number is not None and f.number != first.number
    spelled = _COMPANY_WORDS.sub("", unicodedata.normalize("NFKC", f.name)).strip()
    looks = spelled not in _COMPANY_WORDS.sub("", unicodedata.normalize("NFKC", first.name or ""))
    same = f"の「{first.name}」と見分けにくい名前です（形の似た字）。" if looks else "の会社と同じ名前です。"
    return Problem(f.shown, f.name_line, f.name_col,
        f"会社名「{f.name}」は {first.shown}（{first.name_line} 行目）{same}" +
        ("法人番号が違うので別の会社として載せますが、確認してください。" if distinct else
         "同じ会社ならプロフィールを1つにまとめ、別の会社なら両方に法人番号を書いてください。") +
        (f" / the name '{f.name}' looks like '{first.name}' in {first.shown} (line {first.name_line})" if looks else
         f" / the name '{f.name}' is the same as in {first.shown} (line {first.name_line})") +
        ("; their corporate numbers differ, please double-check." if distinct else
         "; merge the profiles, or add each company's corporate number if they differ."),
        "warning", "duplicate-name")  # two real companies may share a name: the reviewer decides


def _across(all_facts: list[Facts]) -> list[Problem]:
    """Identity problems among the given profiles themselves."""
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
            problems.append(_lookalike(f, twin))
        number = f.number
        if number is not None:  # its check digit is japanese.py's, per profile
            first = numbers.setdefault(number, f)
            if first is not f:
                problems.append(_same_number(f, first))
        key = name_key(f.name) if f.name is not None else ""
        if key:
            first = names.setdefault(key, f)
            if first is not f:
                problems.append(_same_name(f, first))
    return problems
