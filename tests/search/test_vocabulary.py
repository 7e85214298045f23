"""search/terms.json and search/names-<n>.json: the vocabulary with its readings, and the names, for the search page."""
import json
from pathlib import Path

from generator.load import load_content
from generator.model import make_guide
from generator.search.vocabulary import name_bucket, names_data, readings_of, terms_data, write_search_data

SAMPLE = Path(__file__).resolve().parents[2] / "content"
FACETS = ("technologies", "industries", "areas", "certifications", "capabilities")


def test_kanji_words_are_found_by_their_reading_in_kana_and_romaji(tmp_path, monkeypatch):
    monkeypatch.setenv("GUIDEBOOK_CACHE", str(tmp_path / "cache"))
    readings = readings_of(["溶接", "熱処理", "焼入れ", "レーザー加工", "研削・研磨"])
    assert readings["ようせつ"] == "溶接" and readings["yosetsu"] == "溶接" and readings["yousetsu"] == "溶接"
    assert readings["ねつしょり"] == "熱処理"
    assert readings["けんま"] == "研磨"  # the parts of a label written with ・
    assert "焼入れ" not in readings.values()  # a word with kana in it: its dictionary reading is a guess
    assert "レーザー加工" not in readings.values()
    # kept in the cache folder: the second time the kanji dictionary is not loaded
    assert list((tmp_path / "cache" / "search").glob("readings-*.json"))
    assert readings_of(["溶接", "熱処理", "焼入れ", "レーザー加工", "研削・研磨"]) == readings


def test_the_search_data_of_the_sample(tmp_path):
    guide = make_guide(load_content(SAMPLE))
    terms = terms_data(guide, FACETS)["terms"]
    assert terms["technologies"]["welding"][:2] == ["溶接", "Welding"] and "TIG溶接" in terms["technologies"]["welding"]
    assert "forging" in terms["technologies"] and "extrusion" not in terms["technologies"]  # used terms only
    names = names_data(guide)
    okochi = ["大河内製作所", "オオコウチセイサクショ"]  # without its legal form 株式会社
    # filed under the first character of the name (大) and of the reading (オ, folded to お as search.js folds it)
    assert okochi in names[ord("大") % 64] and okochi in names[ord("お") % 64]
    assert name_bucket("オオコウチ") == name_bucket("おおこうち") == ord("お") % 64
    assert sum(len(entries) for entries in names.values()) <= 2 * len(guide.companies)
    write_search_data(guide, tmp_path, FACETS)
    written = {int(p.stem.split("-")[1]) for p in (tmp_path / "search").glob("names-*.json")}
    assert written == set(names)
    assert json.loads((tmp_path / "search" / f"names-{ord('大') % 64}.json").read_text(encoding="utf-8")) == \
        names[ord("大") % 64]
    assert json.loads((tmp_path / "search" / "terms.json").read_text(encoding="utf-8"))["terms"] == terms
    # the readings in files by their first character, as names: ようせつ (溶接, welding) under よ, yosetsu under y
    for reading in ("ようせつ", "yosetsu"):
        bucket = json.loads((tmp_path / "search" / f"readings-{ord(reading[0]) % 64}.json").read_text(encoding="utf-8"))
        assert bucket[reading] == "溶接"
    assert "readings" not in json.loads((tmp_path / "search" / "terms.json").read_text(encoding="utf-8"))
