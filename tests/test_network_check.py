"""`guidebook check-network` on a local copy of the other guidebook's guidebook.json (no network): the vocabulary
keys, the municipality name and the Pagefind version that must line up, each warning at the line to change."""
import json

from .conftest import PROJECT, SAMPLE, guidebook

SITE = (SAMPLE / "site.yaml").read_text(encoding="utf-8") + (
    "network:\n  - url: https://monozukuri.sakuradai.example.jp/\n    name: {ja: 桜台市, en: Sakuradai City}\n"
    "    id: sakuradai\n")


def guidebook_json(path, *, municipality="桜台市", pagefind=None, technologies=None, areas=None):
    """The two files another guidebook publishes, guidebook.json and vocabularies.json beside it."""
    from generator.search.pagefind import pagefind_version

    path.write_text(json.dumps({
        "format": 1, "municipality": {"ja": municipality, "en": "Sakuradai"}, "filter": {"municipality": municipality},
        "bundles": ["pagefind"], "pagefind": pagefind or pagefind_version(), "languages": ["ja", "en"],
        "vocabularies": "vocabularies.json"}, ensure_ascii=False), encoding="utf-8")
    (path.parent / "vocabularies.json").write_text(json.dumps({"technologies": technologies or {}, "areas": areas or {}},
                                                              ensure_ascii=False), encoding="utf-8")
    return path


def check(root, *args):
    """`guidebook --root ROOT check-network ARGS` (in this process: conftest.guidebook)."""
    return guidebook("--root", str(root), "check-network", *args, cwd=PROJECT)


def lines_of(root, out: str) -> dict[str, list[str]]:
    """The warned lines' own text (file name: stripped line) -> the messages."""
    found = {}
    for row in out.splitlines():
        if ": warning: " not in row:
            continue
        where, message = row.split(": warning: ", 1)
        path, line, _col = where.rsplit(":", 2)
        text = open(path, encoding="utf-8").read().splitlines()[int(line) - 1].strip()
        found.setdefault(f"{path.rsplit('/', 1)[-1]}: {text}", []).append(message)
    return found


def test_keys_that_do_not_line_up_are_warned_at_our_term(make_content, tmp_path):
    root = make_content(site_yaml=SITE)
    other = guidebook_json(tmp_path / "guidebook.json", technologies={
        "weld": {"ja": "溶接", "en": "Welding", "aliases": []},  # our welding (ja 溶接) under another key
        "cutting": {"ja": "旋削", "en": "Turning", "aliases": []},  # our key cutting (切削加工) for another term
        "welding-robots": {"ja": "ロボット溶接", "en": "Robot welding", "aliases": []},  # a term we do not have
        "grinding": {"ja": "研削・研磨", "en": "Grinding", "aliases": []},  # the same: nothing to say
    }, areas={"kita": {"ja": "北区", "en": "Kita Ward", "aliases": []},  # our key kita (北部工業団地): two places
              "sakura-chuo": {"ja": "中央地区", "en": "Chuo", "aliases": []}})  # another city's 中央地区: no warning
    result = check(root, "--local", f"sakuradai={other}")
    assert result.returncode == 0, result.stderr
    found = lines_of(root, result.stderr)
    missing = [k for k, messages in found.items() if any("ロボット溶接" in m for m in messages)]
    assert len(missing) == 1 and missing[0].startswith("technologies.yaml: ")  # the vocabulary, not a term of it
    assert set(found) - set(missing) == {"technologies.yaml: welding:", "technologies.yaml: cutting:", "areas.yaml: kita:"}
    assert "「weld」" in found["technologies.yaml: welding:"][0]
    assert "旋削" in found["technologies.yaml: cutting:"][0]
    assert "北区" in found["areas.yaml: kita:"][0]
    assert check(root, "--local", f"sakuradai={other}", "--strict").returncode == 1


def test_a_municipality_name_or_pagefind_version_that_differs_is_warned_in_site_yaml(make_content, tmp_path):
    root = make_content(site_yaml=SITE)
    other = guidebook_json(tmp_path / "guidebook.json", municipality="桜台町", pagefind="1.5.2")
    # by its URL this time; a built site folder holding guidebook.json is read the same way
    result = check(root, "--local", f"https://monozukuri.sakuradai.example.jp/={tmp_path}")
    found = lines_of(root, result.stderr)
    assert "桜台町" in found["site.yaml: name: {ja: 桜台市, en: Sakuradai City}"][0]
    assert any("Pagefind 1.5.2" in m for m in found["site.yaml: - url: https://monozukuri.sakuradai.example.jp/"])


def test_a_copy_that_cannot_be_read_is_a_warning_not_a_crash(make_content, tmp_path):
    root = make_content(site_yaml=SITE)
    result = check(root, "--local", f"sakuradai={tmp_path / 'nothing'}")
    assert result.returncode == 0 and "Traceback" not in result.stderr
    assert "読めませんでした" in result.stderr and "could not read" in result.stderr
