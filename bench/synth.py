"""Synthetic municipalities: N company profiles, deterministic for a seed, valid against the real schema.

Company i depends only on (seed, i), so the first 100 companies of N=1,000 are the 100 companies of N=100.
The site settings, vocabularies and front pages are copied from the real content folder.
"""
from __future__ import annotations

import random
import shutil
from datetime import date, timedelta
from pathlib import Path

import yaml

from . import words
from .photos import base_images, unique_jpeg, unique_png

PROJECT = Path(__file__).resolve().parent.parent
SAMPLE = PROJECT / "content"
JA_MAX = {"summary": 40, "pr": 600}
EN_MAX = {"summary": 100, "pr": 1800}
CHANGE_MARK = "（改訂1）"  # what touch_profile adds to a summary; a rebuild must show it
PRINT_LINES = 44  # what fits below the header of a one-page company profile, with a margin (see _print_lines)


class _Dumper(yaml.SafeDumper):
    """Block scalars for multi-line text, as a person would write them."""


def _str(dumper, value: str):
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)


_Dumper.add_representer(str, _str)


def corporate_number(base12: str) -> str:
    """A 13-digit 法人番号 whose leading check digit is right for its 12-digit base."""
    total = sum(int(d) * (1 if i % 2 == 0 else 2) for i, d in enumerate(reversed(base12)))
    return str(9 - total % 9) + base12


def _fill(pattern: str, v: dict) -> str:
    return pattern.format(**v)


def _text(rnd: random.Random, ja: str, en: str | None, bilingual: bool):
    return {"ja": ja, "en": en} if bilingual and en else ja


def _pr(rnd: random.Random, v: dict, target: int, bilingual: bool):
    """A PR text of about `target` Japanese characters in 1–3 paragraphs, with its English version."""
    pool = rnd.sample(words.PR_SENTENCES, len(words.PR_SENTENCES))
    ja, en = [], []
    for sentence_ja, sentence_en in pool:
        s_ja = _fill(sentence_ja, v)
        if sum(map(len, ja)) + len(s_ja) + 4 > min(target, JA_MAX["pr"]):
            continue
        ja.append(s_ja)
        en.append(_fill(sentence_en, v))
    if not ja:
        return None
    cuts = sorted(rnd.sample(range(1, len(ja)), min(len(ja) - 1, rnd.randrange(0, 3)))) if len(ja) > 1 else []
    paragraphs = lambda parts: "\n\n".join(" ".join(parts[a:b]) if parts is en else "".join(parts[a:b])  # noqa: E731
                                           for a, b in zip([0, *cuts], [*cuts, len(parts)]))
    return _text(rnd, paragraphs(ja) + "\n", paragraphs(en) + "\n", bilingual)


def _size_class(rnd: random.Random) -> str:
    """Short, medium or long profile, in the proportions of a real directory (many short entries)."""
    return rnd.choices(["short", "medium", "long"], weights=[35, 45, 20])[0]


def company(seed: int, i: int, taken: set[str]) -> tuple[str, dict, dict]:
    """The profile of company number `i`: (slug, profile data, image plan {file: ('photo'|'logo', variant)})."""
    rnd = random.Random(f"{seed}:{i}")
    trade = rnd.choices(words.TRADES, weights=[t.weight for t in words.TRADES])[0]
    size = _size_class(rnd)
    bilingual = rnd.random() < 0.7
    for attempt in range(50):
        head = rnd.choice(words.SURNAMES if rnd.random() < 0.65 else words.PREFIXES)
        suffix = rnd.choice(trade.suffixes)
        form_ja, form_en, _ = rnd.choices(words.FORMS, weights=[f[2] for f in words.FORMS])[0]
        slug = f"{head[2]}-{suffix[2]}"
        if attempt > 20:
            slug += f"-{i}"
        if slug not in taken:
            break
    taken.add(slug)
    name_ja = f"{form_ja}{head[0]}{suffix[0]}" if rnd.random() < 0.8 else f"{head[0]}{suffix[0]}{form_ja}"
    name_en = f"{head[2].title()} {suffix[2].title()} {form_en}"
    area = rnd.choices(list(words.AREA_WEIGHTS), weights=list(words.AREA_WEIGHTS.values()))[0]
    street_ja, street_en, postal = words.STREETS[area]
    a, b, c = rnd.randrange(1, 6), rnd.randrange(1, 30), rnd.randrange(1, 40)
    postal_code = f"{postal}{rnd.randrange(10, 99)}"
    techs = [trade.technologies[0]] + rnd.sample(trade.technologies[1:], rnd.randrange(0, len(trade.technologies) - 1))
    year = rnd.randrange(1920, 2021)
    employees = int(min(1500, max(2, rnd.lognormvariate(3.3, 1.0))))
    product = rnd.choice(trade.products)
    material = rnd.choice(trade.materials)
    labels = _labels()
    t1, t2 = techs[0], techs[1] if len(techs) > 1 else rnd.choice(trade.technologies)
    v = {"t": labels["technologies"][t1][0], "t_en": labels["technologies"][t1][1].lower(),
         "t2": labels["technologies"][t2][0], "t2_en": labels["technologies"][t2][1].lower(),
         "m": material[0], "m_en": material[1].lower(), "p": product[0], "p_en": product[1].lower(),
         "y": year, "n": employees}
    summary_ja, summary_en = "", ""
    for pattern_ja, pattern_en in rnd.sample(words.SUMMARIES, len(words.SUMMARIES)):
        summary_ja, summary_en = _fill(pattern_ja, v), _fill(pattern_en, v)
        if len(summary_ja) <= JA_MAX["summary"] and len(summary_en) <= EN_MAX["summary"]:
            break
    else:
        summary_ja, summary_en = product[0], product[1]
    summary_en = summary_en[0].upper() + summary_en[1:]
    data: dict = {"name": {"ja": name_ja, "kana": head[1] + suffix[1]}}
    if bilingual:
        data["name"]["en"] = name_en
    if size != "short" or rnd.random() < 0.3:
        data["corporate_number"] = corporate_number(f"{rnd.randrange(10**11, 10**12)}")
    if size != "short":
        given = rnd.choice(words.GIVEN_NAMES)
        title = rnd.choice(words.TITLES)
        data["representative"] = {"title": _text(rnd, title[0], title[1], bilingual),
                                  "name": _text(rnd, f"{head[0] if head in words.SURNAMES else '山田'} {given[0]}",
                                                f"{given[1]} {head[2].title() if head in words.SURNAMES else 'Yamada'}",
                                                bilingual)}
        data["established"] = year if rnd.random() < 0.8 else f"{year}-{rnd.randrange(1, 13):02d}"
        data["capital"] = rnd.choice([3, 5, 10, 20, 30, 50, 100, 300]) * 1_000_000
        data["employees"] = employees
    data["address"] = {"postal_code": postal_code, "prefecture": "静岡県", "city": "紅葉川市",
                       "street": street_ja.format(a=a, b=b, c=c)}
    if bilingual:
        data["address"]["en"] = f"{street_en.format(a=a, b=b, c=c)}, Momijigawa, Shizuoka {postal_code}"
    data["area"] = area
    phone = f"0548-{rnd.randrange(21, 29)}-{rnd.randrange(1000, 9999)}"
    data["contact"] = {"phone": phone}
    if size != "short" or rnd.random() < 0.5:
        data["contact"]["fax"] = phone[:-1] + str((int(phone[-1]) + 1) % 10)
        data["contact"]["email"] = f"info@{slug}.example.jp"
    if size == "long" or rnd.random() < 0.4:
        data["contact"]["website"] = f"https://www.{slug}.example.jp/"
    industries = [trade.industries[0]] + ([rnd.choice(trade.industries[1:])] if rnd.random() < 0.4 else [])
    data["industries"] = list(dict.fromkeys(industries))
    # about one profile in five writes a term by its Japanese label, as clerks do
    data["technologies"] = [labels["technologies"][t][0] if rnd.random() < 0.2 else t for t in techs]
    if size != "short" and rnd.random() < 0.6:
        certs = ["iso-9001"] + rnd.sample(sorted(set(labels["certifications"]) - {"iso-9001"}), rnd.randrange(0, 3))
        data["certifications"] = certs
    if size != "short" or rnd.random() < 0.3:
        data["capabilities"] = rnd.sample(sorted(labels["capabilities"]), rnd.randrange(1, 7))
    data["summary"] = _text(rnd, summary_ja, summary_en, bilingual)
    pr_target = {"short": 0, "medium": rnd.randrange(120, 360), "long": rnd.randrange(360, 600)}[size]
    rows = {"short": rnd.choice([0, 0, 0, 1, 2, 3]), "medium": rnd.randrange(0, 12),
            "long": rnd.randrange(8, 19) if rnd.random() < 0.75 else rnd.randrange(20, 31)}[size]
    crowded = rows > 18
    if crowded:
        # The schema allows 30 rows, but in the default print theme more than ~18 do not fit the English edition's
        # page (its rows wrap; 20 rows ran over by 0.1 mm at N=1,000), and `validate --print-fit` would refuse them:
        # a real directory has none.
        rows, pr_target = 18, min(pr_target, 130)
    if pr_target:
        pr = _pr(rnd, v, pr_target, bilingual)
        if pr:
            data["pr"] = pr
    if size != "short":
        count = {"medium": rnd.randrange(0, 4), "long": rnd.randrange(3, 7) if not crowded else 2}[size]
        data["products"] = [{"name": _text(rnd, p[0], p[1], bilingual), "description": _text(rnd, p[2], p[3], bilingual)}
                            for p in rnd.sample(trade.products, min(count, len(trade.products)))]
        if not data["products"]:
            del data["products"]
    v2 = random.Random(f"{seed}:{i}:v2")  # format v2's facts from their own stream: the v1 fields stay as they were
    # which figures are ranges ([min, max]), from a stream of their own: the other figures stay as they were
    spans = random.Random(f"{seed}:{i}:ranges")
    if rows:
        data["equipment"] = [_spread(spans, _typed(v2, _machine(rnd, trade, bilingual))) for _ in range(rows)]
    if size != "short":
        data["materials"] = _materials(v2, [_text(rnd, m[0], m[1], bilingual) for m in
                                            rnd.sample(trade.materials, rnd.randrange(1, len(trade.materials) + 1))])
        data.update(_facts(v2, size, techs, area))
        _capacity_ranges(spans, data.get("capacity"))
        data["customers"] = [_text(rnd, c[0], c[1], bilingual)
                             for c in rnd.sample(trade.customers, rnd.randrange(1, len(trade.customers) + 1))]
    images, plan = {}, {}
    if rnd.random() < {"short": 0.15, "medium": 0.5, "long": 0.8}[size]:
        images["logo"] = "logo.png"
        plan["logo.png"] = ("logo", rnd.randrange(6))
    photo_count = {"short": 0, "medium": rnd.choice([0, 0, 1, 2]), "long": rnd.randrange(1, 5)}[size]
    if crowded:
        photo_count = 0
    if photo_count:
        images["photos"] = []
        for k in range(photo_count):
            alt = words.PHOTO_ALTS[k % len(words.PHOTO_ALTS)]
            machine = rnd.choice(trade.machines)
            w = {"e": machine[0], "e_en": machine[1].lower(), "p": product[0], "p_en": product[1].lower()}
            alt_en = _fill(alt[1], w)
            images["photos"].append({"file": f"photo{k + 1}.jpg",
                                     "alt": _text(rnd, _fill(alt[0], w), alt_en[0].upper() + alt_en[1:], bilingual)})
            plan[f"photo{k + 1}.jpg"] = ("photo", rnd.randrange(6))
    while _print_lines(data, min(len(images.get("photos", [])), 3)) > PRINT_LINES:
        if len(data.get("equipment", [])) > 3:
            data["equipment"].pop()
        elif images.get("photos"):
            plan.pop(images["photos"].pop()["file"])
            if not images["photos"]:
                del images["photos"]
        else:
            break
    if images:
        data["images"] = images
    if rnd.random() < 0.6:
        data["maintainers"] = [slug[:39].rstrip("-")]
    data["last_confirmed"] = (date(2025, 4, 1) + timedelta(days=rnd.randrange(365))).isoformat()
    return slug, data, plan


def _print_lines(data: dict, photos: int) -> int:
    """Roughly how many lines the main column of the printed page needs (the page holds about 50).

    Only a guide: `guidebook validate --print-fit` lays the page out for real, and the benchmark's full build
    (both editions) fails loudly if a synthetic profile does not fit."""
    pr = data.get("pr")
    text = pr["ja"] if isinstance(pr, dict) else pr or ""
    lines = sum(-(-len(p) // 38) + 1 for p in text.split("\n\n") if p.strip())
    lines += 7 if photos else 0
    lines += len(data["products"]) + 2 if data.get("products") else 0
    lines += len(data["equipment"]) + 3 if data.get("equipment") else 0
    return lines * 5 // 4 if "en" in data["name"] else lines  # the English edition's text wraps more


def _machine(rnd: random.Random, trade: words.Trade, bilingual: bool) -> dict:
    name_ja, name_en, spec = rnd.choice(trade.machines)
    row = {"name": _text(rnd, name_ja, name_en, bilingual), "maker": rnd.choice(words.MAKERS),
           "model": f"{rnd.choice('ABCDEFGHKMNSV')}{rnd.choice('ABCMPRSVX')}-{rnd.randrange(100, 9999)}"}
    if rnd.random() < 0.8:
        row["count"] = rnd.choice([1, 1, 1, 2, 2, 3, 4, 6])
    if spec and rnd.random() < 0.7:
        row["spec"] = spec
    return row


# Values a machine of each figure usually has (within machines.yaml's plausible range), for the synthetic rows
FIGURE_VALUES = {
    "x_mm": [300, 400, 560, 650, 762, 900, 1050, 1530, 2000, 3070, 4200], "y_mm": [300, 400, 460, 550, 650, 1550, 2100],
    "z_mm": [200, 300, 400, 460, 560, 800], "diameter_mm": [20, 32, 250, 350, 410, 658, 1200],
    "length_mm": [200, 500, 800, 1000, 1500, 3000], "bed_mm": [1250, 2500, 3100, 4000],
    "tonnage_t": [35, 60, 80, 110, 150, 200, 250, 300, 400, 630, 1000], "clamping_t": [35, 80, 110, 180, 350, 650, 1250],
    "power_kw": [1.5, 3, 4, 6, 9, 12], "axes": [3, 4, 5, 6], "sheet_mm": [3.2, 6, 12, 19, 25],
}
# The qualified staff a company of each technology employs (qualifications.yaml keys)
TECH_QUALIFICATIONS = {
    "cutting": ("machining-1", "machining-2"), "grinding": ("grinding-1",), "edm": ("edm-1",), "press": ("press-1",),
    "sheet-metal": ("sheet-metal-1",), "welding": ("welding-jis", "welding-coordinator"), "mold-making": ("die-making-1",),
    "casting": ("casting-1",), "forging": ("forging-1",), "injection-molding": ("plastics-1",), "plating": ("plating-1",),
    "painting": ("painting-1",), "heat-treatment": ("heat-treat-1",), "smt": ("electronics-1",), "design": ("cad",),
    "assembly": ("finishing-1",), "inspection": ("inspection-1",), "rubber-molding": ("rubber-1",),
}
PLACES = {"kita": ("紅葉川北IC", "Momijigawa-Kita IC", "ic", "car"), "chuo": ("紅葉川駅", "Momijigawa Station", "station", "walk"),
          "minato": ("紅葉川港駅", "Momijigawa-Ko Station", "station", "walk")}


def _vocabulary(name: str):
    """One of the real vocabularies as a Taxonomy (for the v2 fields: machine types, materials, qualifications)."""
    if name not in _VOCAB:
        from generator.model.taxonomy import taxonomy_from

        data = yaml.safe_load((SAMPLE / "taxonomies" / f"{name}.yaml").read_text(encoding="utf-8"))
        _VOCAB[name] = taxonomy_from(name, data)
    return _VOCAB[name]


_VOCAB: dict = {}


def _typed(rnd: random.Random, row: dict) -> dict:
    """An equipment row in format v2: the type its name names, and plausible key figures for that type."""
    from generator.migrate import figures_from_spec, machine_type

    name = row["name"]["ja"] if isinstance(row["name"], dict) else row["name"]
    term = machine_type(name, _vocabulary("machines")) or _vocabulary("machines").terms["other"]
    stated = figures_from_spec(row["spec"], term) if isinstance(row.get("spec"), str) else None
    figures = stated or {k: rnd.choice(FIGURE_VALUES[k]) for k in term.figures if rnd.random() < 0.8}
    typed = {"type": term.key, **{k: v for k, v in row.items() if k != "spec"}}
    if figures:
        typed["figures"] = figures
    if "spec" in row and not stated:
        typed["spec"] = row["spec"]
    return typed


def _spread(rnd: random.Random, row: dict) -> dict:
    """Some rows of several machines range over a figure (12 presses of 60–300 t: {tonnage_t: [60, 300]}), as the
    schema's x-range allows: the figure becomes [a smaller value of its list, the figure]."""
    figures = row.get("figures")
    if not figures or row.get("count", 1) < 2 or rnd.random() >= 0.3:
        return row
    key = rnd.choice(sorted(figures))
    value = figures[key]
    smaller = [v for v in FIGURE_VALUES.get(key, ()) if v < value] if key != "axes" else []
    if smaller and isinstance(value, (int, float)):
        figures[key] = [rnd.choice(smaller), value]
    return row


def _capacity_ranges(rnd: random.Random, capacity: dict | None) -> None:
    """Some companies give their tolerance or lead time as a range (±0.005–0.02 mm, 5–20 days: the best they reach
    for some work, and the usual), as the schema's x-range allows."""
    if not capacity:
        return
    tolerance, lead = capacity.get("tolerance_mm"), capacity.get("lead_time_days")
    if tolerance is not None and rnd.random() < 0.25:
        capacity["tolerance_mm"] = [tolerance, round(tolerance * rnd.choice([2, 4, 5]), 4)]
    if lead is not None and rnd.random() < 0.3:
        capacity["lead_time_days"] = [lead, lead * rnd.choice([2, 3])]


def _materials(rnd: random.Random, written: list) -> list:
    """The materials as vocabulary keys where a term fits (most clerks pick from the list), else as written."""
    from generator.validate.vocab import material_terms

    out = []
    for item in written:
        text = item["ja"] if isinstance(item, dict) else item
        terms = material_terms(text, _vocabulary("materials"))
        keys = [t.key for t in terms] if terms and rnd.random() < 0.9 else [item]
        out += [k for k in keys if k not in out]
    return out


def _facts(rnd: random.Random, size: str, techs: list[str], area: str) -> dict:
    """Capacity, qualified staff, processes taken on and given out, factory visits and access of one company."""
    facts: dict = {}
    if rnd.random() < 0.8:
        low = rnd.choice([1, 1, 10, 100, 1000])
        facts["capacity"] = {"max_part_mm": rnd.choice([100, 300, 500, 800, 1000, 1500, 3000, 6000]),
                             "tolerance_mm": rnd.choice([0.002, 0.005, 0.01, 0.02, 0.05, 0.1]),
                             "lot_min": low, "lot_max": low * rnd.choice([10, 100, 1000]),
                             "lead_time_days": rnd.choice([3, 7, 10, 14, 21, 30, 45])}
        if size == "long":
            facts["capacity"]["floor_area_m2"] = rnd.choice([500, 1200, 3200, 8000])
    quals = sorted({q for t in techs for q in TECH_QUALIFICATIONS.get(t, ())} | {"qc-certificate", "forklift"})
    if rnd.random() < 0.7:
        facts["qualifications"] = [{"type": q, "count": rnd.randrange(1, 20)}
                                   for q in rnd.sample(quals, rnd.randrange(1, min(4, len(quals) + 1)))]
    if rnd.random() < 0.6:
        facts["accepts"] = rnd.sample(techs, rnd.randrange(1, len(techs) + 1))
    others = sorted(set(_labels()["technologies"]) - set(techs))
    if rnd.random() < 0.5:
        facts["outsources"] = rnd.sample(others, rnd.randrange(1, 3))
    if rnd.random() < 0.6:
        facts["factory_visits"] = rnd.random() < 0.5
    place = PLACES.get(area)
    if place and rnd.random() < 0.7:
        facts["access"] = [{"place": {"ja": place[0], "en": place[1]}, "kind": place[2], "by": place[3],
                            "minutes": rnd.randrange(3, 25)}]
    return facts


_LABELS: dict = {}


def _labels() -> dict[str, dict[str, tuple[str, str]]]:
    """{taxonomy: {key: (ja, en)}} of the real vocabularies."""
    if not _LABELS:
        for name in ("technologies", "certifications", "capabilities"):
            data = yaml.safe_load((SAMPLE / "taxonomies" / f"{name}.yaml").read_text(encoding="utf-8"))
            _LABELS[name] = {k: (t["ja"], t["en"]) for k, t in data["terms"].items()}
    return _LABELS


def make_content(root: Path, n: int, seed: int = 7) -> list[str]:
    """Write a content tree with `n` synthetic companies under `root` (emptied first); return the slugs."""
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(SAMPLE, root, ignore=lambda folder, names: ["companies"] if Path(folder) == SAMPLE else [])
    photos, logos = base_images()
    taken: set[str] = set()
    slugs = []
    for i in range(n):
        slug, data, plan = company(seed, i, taken)
        folder = root / "companies" / slug
        folder.mkdir(parents=True)
        (folder / "company.yaml").write_text(
            "# yaml-language-server: $schema=../../company.schema.json\n"
            + yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")
        for file, (kind, variant) in plan.items():
            blob = unique_jpeg(photos[variant], f"{slug}/{file}") if kind == "photo" else unique_png(logos[variant], slug)
            (folder / file).write_bytes(blob)
        slugs.append(slug)
    return slugs


def touch_profile(root: Path, slug: str, edition: int = 1) -> Path:
    """Change one company's summary, as a clerk's edit would; return the profile's path."""
    path = root / "companies" / slug / "company.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    note_ja, note_en = CHANGE_MARK.replace("1", str(edition)), f" (rev. {edition})"
    summary = data["summary"]
    if isinstance(summary, dict):
        summary = {"ja": summary["ja"][:JA_MAX["summary"] - len(note_ja)] + note_ja,
                   "en": summary["en"][:EN_MAX["summary"] - len(note_en)] + note_en}
    else:
        summary = summary[:JA_MAX["summary"] - len(note_ja)] + note_ja
    data["summary"] = summary
    path.write_text(yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")
    return path
