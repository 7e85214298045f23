"""site.yaml `network:`: each other guidebook listed once, and not this guidebook itself.

The schema checks each entry's shape and that its address is https (http only on this machine, for tests); what it
cannot see is two entries for one guidebook (the same address written with and without the trailing slash, the same
short id, the same municipality), which would search one index twice or make one municipality filter value mean two
guidebooks.
"""
from __future__ import annotations

from urllib.parse import urlsplit

from ..errors import Problem
from ..load.yamlfile import YamlDoc


def same_address(url: str) -> str:
    """What makes two base URLs the same guidebook: scheme and host in lower case, the path with a trailing slash."""
    parts = urlsplit(url.strip())
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}{path}"


def check(doc: YamlDoc, shown: str) -> list[Problem]:
    """The entries of `network:` that repeat another entry or name this guidebook itself, located at the repeat."""
    data = doc.data if isinstance(doc.data, dict) else {}
    entries = data.get("network")
    if not isinstance(entries, list):
        return []
    own = data.get("municipality")
    own_name = own.get("ja") if isinstance(own, dict) else own
    own_url = same_address(data["base_url"]) if isinstance(data.get("base_url"), str) and data["base_url"] else None
    problems = []
    seen: dict[tuple[str, str], int] = {}

    def at(pointer: tuple, ja: str, en: str) -> None:
        line, col = doc.where(pointer)
        problems.append(Problem(shown, line, col, f"{ja} / {en}", "error", "network"))

    for i, entry in enumerate(entries):
        if not isinstance(entry, dict):
            continue  # the schema says what is wrong with it
        name = entry.get("name")
        facts = {"url": same_address(entry["url"]) if isinstance(entry.get("url"), str) else None,
                 "id": entry.get("id") if isinstance(entry.get("id"), str) else None,
                 "name": (name.get("ja") if isinstance(name, dict) else name) if name else None}
        for what, value in facts.items():
            if not value:
                continue
            if (what, value) in seen:
                first = seen[(what, value)] + 1
                label = {"url": ("URL", "address"), "id": ("id", "id"), "name": ("自治体名", "municipality name")}[what]
                at(("network", i, what), f"network の {i + 1} 番目の{label[0]}「{value}」は {first} 番目と同じです。"
                                         "同じガイドブックは1回だけ書きます（2回あると同じ会社が2回ずつ出ます）。",
                   f"network entry {i + 1} has the same {label[1]} as entry {first} ('{value}'). "
                   "List each guidebook once (twice, its companies would show twice).")
            else:
                seen[(what, value)] = i
        if facts["url"] and facts["url"] == own_url:
            at(("network", i, "url"), f"network の {i + 1} 番目はこのガイドブック自身の base_url です。"
                                      "network には他の自治体のガイドブックだけを書きます。",
               f"network entry {i + 1} is this guidebook's own base_url. List only other municipalities' guidebooks.")
        elif facts["name"] and facts["name"] == own_name:
            at(("network", i, "name"), f"network の {i + 1} 番目の自治体名「{own_name}」はこのガイドブックと同じです。"
                                       "自治体の絞り込みで区別できるよう、相手の自治体名を書きます。",
               f"network entry {i + 1} has this guidebook's own municipality name ('{own_name}'). Give the other "
               "municipality's name, so that the Municipality filter tells them apart.")
    return problems
