"""`guidebook check-network`: do the guidebooks this one searches together (site.yaml `network:`) line up with it?

Reads each other guidebook's published guidebook.json and vocabularies.json (generator/search/network.py) from its
address, or offline from a local copy (`--local ID=PATH`, PATH its built site folder or its guidebook.json, with
vocabularies.json beside it), and warns, located in this guidebook's files, when:
- the two vocabularies use different keys for the same term (the same Japanese label or alias): a filter ticked here
  would miss the other's companies;
- they use the same key for different terms (different Japanese labels): one filter value would mean two things;
- a term the other guidebook has is missing here (its companies cannot be filtered by it on this search page);
  areas are each municipality's own, so only one key for two areas is reported there;
- the municipality name in `network:` is not the one the other guidebook's companies carry as their filter value;
- the other guidebook was made with another Pagefind version (its index cannot be merged), or cannot be read.
"""
from __future__ import annotations

import json
import sys
import urllib.error
import urllib.request
from pathlib import Path

from .errors import ContentError, Problem
from .model.text import fold
from .search.pagefind import pagefind_version
from .search.network import FILE, FILTER, VOCABULARIES

TIMEOUT_S = 15
LOCAL = "areas"  # the vocabulary of each municipality's own places: only one key for two places is a problem


def add_command(sub) -> None:
    """Register `guidebook check-network [--local ID=PATH]… [--strict]`."""
    p = sub.add_parser("check-network", help="一緒に検索するガイドブックと用語がそろっているか / do the guidebooks of "
                                             "site.yaml network: line up with this one")
    p.add_argument("--local", action="append", default=[], metavar="ID=PATH",
                   help="read that guidebook from a local copy (its built site folder or its guidebook.json); ID is "
                        "its id, its URL or its Japanese name in network:")
    p.add_argument("--strict", action="store_true", help="warnings fail too (exit 1)")
    p.set_defaults(func=cmd_check_network)


def cmd_check_network(args) -> int:
    """Print every finding as PATH:LINE:COL: warning: …; exit 1 on a content error, or on a warning with --strict."""
    from .load import load_content
    from .validate import errors_in, schema
    from .validate import network as network_rules
    from .validate.output import text

    content = load_content(args.root, [])
    if content.site is None:
        raise ContentError(content.problems)
    shown = content.display(content.site.path)
    errors = errors_in(content.problems + schema.check(content.site, "site", shown)
                       + network_rules.check(content.site, shown))
    if errors:
        raise ContentError(errors)
    local = {}
    for item in args.local:
        name, sep, path = item.partition("=")
        if not sep:
            print(f"error: --local は ID=PATH の形で書きます（いまは「{item}」）。 / --local takes ID=PATH, not '{item}'.",
                  file=sys.stderr)
            return 2
        local[name] = Path(path)
    problems = check(content, local)
    for problem in problems:
        print(text(problem), file=sys.stderr)
    entries = len(content.site.data.get("network") or [])
    print(f"一緒に検索するガイドブック {entries} 件を確認、警告 {len(problems)} 件。 / checked {entries} guidebook(s) "
          f"searched together: {len(problems)} warning(s).", file=sys.stderr if problems else sys.stdout)
    return 1 if args.strict and problems else 0


def check(content, local: dict[str, Path]) -> list[Problem]:
    """The warnings about every guidebook of `network:`, read from `local` copies (by id, URL or name) or the web."""
    site = content.site
    shown_site = content.display(site.path)
    ours = {name: doc.data.get("terms", {}) for name, doc in content.taxonomies.items() if isinstance(doc.data, dict)}
    problems: list[Problem] = []
    for i, entry in enumerate(site.data.get("network") or []):
        name = entry["name"]["ja"] if isinstance(entry["name"], dict) else entry["name"]
        url = entry["url"] if entry["url"].endswith("/") else entry["url"] + "/"
        where = site.where(("network", i))

        def warn(ja: str, en: str, at=where, path=shown_site, rule="network") -> None:
            problems.append(Problem(path, at[0], at[1], f"{ja} / {en}", "warning", rule))

        path = next((local[k] for k in (entry.get("id"), url, entry["url"], name) if k and k in local), None)
        try:
            theirs = read_local(path) if path is not None else read_remote(url)
        except (OSError, ValueError, urllib.error.URLError) as exc:
            source = str(path) if path is not None else url + FILE
            warn(f"{name}のガイドブック（{source}）を読めませんでした: {exc}。"
                 "公開URL、相手のサイトの公開状況、CORS の設定を確かめてください（職員向けの手引き）。",
                 f"could not read the guidebook of {name} ({source}): {exc}. Check the address, that it is "
                 "published, and its CORS setting (see the staff guide).", rule="network-unreachable")
            continue
        value = (theirs.get("filter") or {}).get(FILTER) or (theirs.get("municipality") or {}).get("ja")
        if value and value != name:
            warn(f"network の自治体名「{name}」は、相手のガイドブックの自治体名「{value}」と違います。"
                 f"同じにしないと自治体の絞り込みで相手の会社が選べません。例: name: {{ja: {value}}}",
                 f"the municipality name '{name}' in network: differs from the other guidebook's own ('{value}'); "
                 f"the Municipality filter cannot select its companies until they are the same.",
                 at=site.where(("network", i, "name")))
        version = theirs.get("pagefind")
        if version and version != pagefind_version():
            warn(f"{name}のガイドブックは Pagefind {version} で作られています（こちらは {pagefind_version()}）。"
                 "同じ版で作り直すまで、その検索索引はまとめて検索できません。",
                 f"the guidebook of {name} was indexed with Pagefind {version} (this one: {pagefind_version()}); "
                 "its index cannot be searched together with this one until both use the same version.")
        for taxonomy, terms in sorted(theirs["vocabularies"].items()):
            doc = content.taxonomies.get(taxonomy)
            if doc is None or not isinstance(terms, dict):
                continue
            problems += compare(taxonomy, ours.get(taxonomy) or {}, terms, name, doc, content.display(doc.path))
    return problems


def compare(taxonomy: str, ours: dict, theirs: dict, other: str, doc, shown: str) -> list[Problem]:
    """The warnings of one vocabulary: other keys for the same term, one key for other terms, terms missing here."""
    problems = []

    def warn(pointer: tuple, ja: str, en: str) -> None:
        line, col = doc.where(pointer)
        problems.append(Problem(shown, line, col, f"{ja} / {en}", "warning", "network-vocabulary"))

    def words(term) -> set[str]:
        if not isinstance(term, dict):
            return set()
        return {fold(str(w)) for w in [term.get("ja"), *(term.get("aliases") or [])] if w}

    our_words = {}
    for key, term in ours.items():
        for w in words(term):
            our_words.setdefault(w, key)
    for key, term in theirs.items():
        label = term.get("ja", key) if isinstance(term, dict) else key
        if key in ours:
            mine = ours[key].get("ja", key) if isinstance(ours[key], dict) else key
            if fold(str(mine)) != fold(str(label)):
                warn(("terms", key), f"{taxonomy} のキー「{key}」は、ここでは「{mine}」、{other}では「{label}」です。"
                                     "同じキーを違う用語に使うと、絞り込みで違うものが混ざります。どちらかのキーを変えてください。",
                     f"{taxonomy} key '{key}' is '{mine}' here but '{label}' in {other}: one filter value would mean "
                     "two things. Change one of the keys.")
            continue
        if taxonomy == LOCAL:
            continue  # each municipality's own areas: a name like 中央地区 in both is two places, and none is missing
        same = sorted({our_words[w] for w in words(term) if w in our_words})
        if same:
            warn(("terms", same[0]), f"{taxonomy} の「{label}」は、ここではキー「{same[0]}」、{other}ではキー「{key}」です。"
                                     f"キーをそろえないと、絞り込みで{other}の会社が選べません。",
                 f"{taxonomy} term '{label}' has the key '{same[0]}' here but '{key}' in {other}: the filters cannot "
                 f"select {other}'s companies until the keys are the same.")
        else:
            warn((), f"{other}の {taxonomy} にある「{label}」（キー {key}）がここの用語集にありません。"
                     "この検索ページではその用語で絞り込めません。",
                 f"{other}'s {taxonomy} term '{label}' (key {key}) is not in this vocabulary: this search page cannot "
                 "filter by it.")
    return problems


def read_local(path: Path) -> dict:
    """guidebook.json of a local copy (the file itself, or the built site folder or build folder holding it), with
    its vocabularies (vocabularies.json beside it) as "vocabularies"."""
    for candidate in (path, path / FILE, path / "site" / FILE):
        if candidate.is_file():
            data = json.loads(candidate.read_text(encoding="utf-8"))
            data["vocabularies"] = json.loads((candidate.parent / VOCABULARIES).read_text(encoding="utf-8"))
            return data
    raise OSError(f"{FILE} がありません / no {FILE} in {path}")


def read_remote(url: str) -> dict:
    """guidebook.json from the other guidebook's address, with its vocabularies.json as "vocabularies"."""
    data = _get(url + FILE)
    data["vocabularies"] = _get(url + VOCABULARIES)
    return data


def _get(url: str):
    request = urllib.request.Request(url, headers={"User-Agent": "monozukuri-guidebook check-network"})
    with urllib.request.urlopen(request, timeout=TIMEOUT_S) as response:  # noqa: S310 - https (or localhost) only
        return json.loads(response.read().decode("utf-8"))
