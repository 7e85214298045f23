"""The synthetic municipality: deterministic, valid against the real schema and vocabularies, spread like a directory."""
from __future__ import annotations

import hashlib
import io
from collections import Counter
from pathlib import Path

import yaml
from PIL import Image

from bench import synth
from generator.load import load_content
from generator.model import make_guide
from generator.validate import errors_in, validate


def _digest(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_same_seed_same_bytes_other_seed_other_content(tmp_path):
    a = synth.make_content(tmp_path / "a", 12, seed=3)
    b = synth.make_content(tmp_path / "b", 12, seed=3)
    c = synth.make_content(tmp_path / "c", 12, seed=4)
    assert a == b and _digest(tmp_path / "a") == _digest(tmp_path / "b")
    assert a != c


def test_smaller_size_is_a_prefix_of_a_larger_one(tmp_path):
    small = synth.make_content(tmp_path / "small", 4)
    large = synth.make_content(tmp_path / "large", 9)
    assert large[:4] == small
    for slug in small:
        assert (tmp_path / "small/companies" / slug / "company.yaml").read_bytes() == \
               (tmp_path / "large/companies" / slug / "company.yaml").read_bytes()


def test_content_validates_and_builds_the_model(tmp_path):
    root = tmp_path / "content"
    slugs = synth.make_content(root, 40)
    content = load_content(root)
    assert sorted(content.companies) == sorted(slugs) and len(slugs) == 40
    problems = validate(content)
    assert errors_in(problems) == [], [p.format() for p in errors_in(problems)][:5]
    guide = make_guide(content)
    assert len(guide.companies) == 40
    assert {p.slug for p in guide.pages} == {p.stem for p in (synth.SAMPLE / "pages").glob("*.md")}


def test_spread_like_a_real_directory():
    taken: set[str] = set()
    profiles = [synth.company(7, i, taken)[1] for i in range(400)]
    rows = Counter(len(p.get("equipment", [])) for p in profiles)
    assert rows[0] > 50 and max(rows) == 18  # 0–18 rows: more do not fit the printed page (see synth.company)
    pr = [len(p["pr"]["ja"] if isinstance(p.get("pr"), dict) else p.get("pr") or "") for p in profiles]
    assert pr.count(0) > 50 and max(pr) > 450 and max(pr) <= 600
    with_photos = sum(1 for p in profiles if p.get("images", {}).get("photos"))
    assert 0.15 < with_photos / len(profiles) < 0.6
    bilingual = sum(1 for p in profiles if "en" in p["name"])
    assert 0.5 < bilingual / len(profiles) < 0.9
    assert len({p["name"]["ja"] for p in profiles}) > 350  # names rarely repeat
    assert len({t for p in profiles for t in p["technologies"]}) > 25
    by_label = sum(1 for p in profiles for t in p["technologies"] if not t.isascii())
    assert by_label > 0  # some clerks write the Japanese label instead of the key


def test_images_decode_and_every_copy_has_its_own_bytes(tmp_path):
    root = tmp_path / "content"
    synth.make_content(root, 30)
    photos = sorted(root.glob("companies/*/photo*.jpg"))
    logos = sorted(root.glob("companies/*/logo.png"))
    assert photos and logos
    assert len({p.read_bytes() for p in photos}) == len(photos)
    for path in photos[:3] + logos[:3]:
        with Image.open(io.BytesIO(path.read_bytes())) as im:
            im.load()
            assert im.format in ("JPEG", "PNG") and im.width >= 480


def test_corporate_number_check_digit():
    assert synth.corporate_number("080401003158") == "7080401003158"  # a sample profile's real-shaped number


def test_touch_profile_changes_only_the_summary(tmp_path):
    root = tmp_path / "content"
    slug = synth.make_content(root, 3)[1]
    path = root / "companies" / slug / "company.yaml"
    before = yaml.safe_load(path.read_text(encoding="utf-8"))
    synth.touch_profile(root, slug)
    after = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert after["summary"] != before["summary"]
    assert {k: v for k, v in after.items() if k != "summary"} == {k: v for k, v in before.items() if k != "summary"}
    assert errors_in(validate(load_content(root))) == []


def test_profiles_carry_format_v2_facts_for_the_benchmarks():
    taken: set[str] = set()
    profiles = [synth.company(7, i, taken)[1] for i in range(300)]
    rows = [row for p in profiles for row in p.get("equipment", [])]
    assert rows and all("type" in row for row in rows)  # no v1 row: every machine has its type
    assert sum(1 for row in rows if row.get("figures")) > len(rows) / 2
    presses = [row["figures"]["tonnage_t"] for row in rows if row["type"] == "press" and "tonnage_t" in row.get("figures", {})]
    tops = [max(t) if isinstance(t, list) else t for t in presses]
    assert tops and min(tops) < 200 <= max(tops)  # both sides of a buyer's threshold
    materials = [m for p in profiles for m in p.get("materials", [])]
    assert sum(1 for m in materials if isinstance(m, str) and m.islower()) > len(materials) / 2  # mostly keys
    assert sum(1 for p in profiles if p.get("capacity")) > 100 and sum(1 for p in profiles if p.get("qualifications")) > 80
    assert {True, False} <= {p.get("factory_visits") for p in profiles}


def test_some_figures_are_ranges_as_the_schema_allows():
    """Equipment figures, tolerances and lead times given as [min, max] (x-range), so that the benchmarks exercise
    the ranges (filters, search facts, the pages and the PDF), each a pair in order."""
    taken: set[str] = set()
    profiles = [synth.company(7, i, taken)[1] for i in range(300)]
    spans = {"equipment": 0, "tolerance_mm": 0, "lead_time_days": 0}
    for p in profiles:
        for row in p.get("equipment", []):
            for value in (row.get("figures") or {}).values():
                if isinstance(value, list):
                    assert len(value) == 2 and 0 < value[0] < value[1] and row["count"] >= 2
                    spans["equipment"] += 1
        for key in ("tolerance_mm", "lead_time_days"):
            value = (p.get("capacity") or {}).get(key)
            if isinstance(value, list):
                assert len(value) == 2 and 0 < value[0] < value[1]
                spans[key] += 1
    assert all(n >= 10 for n in spans.values()), spans
