"""The search filters made from a profile's facts (format v2): machine types, materials, qualified staff, processes
taken from outside, factory visits, and ranges turned into facets a buyer understands.

Pagefind has no range filter, so a range is written as thresholds: a company with a 250 t press carries the values
100 and 200 of the filter "プレス機 加圧能力"; ticking "200 t 以上" lists every company that reaches 200 t. The thresholds
are data: the `facets` of each key figure in content/taxonomies/machines.yaml, and `x-facets` of a capacity field in
the schema. The search page shows these groups after the vocabulary filters (site/render.py FACETS); the company page
writes the values it carries (templates site/company.html); search.js treats every group alike (OR inside a group,
AND across groups), and a range group as a choice of one threshold.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..model.figrange import span
from ..model.text import Text

# Capacity fields filtered by range, with thresholds when the schema gives none (x-facets of the field wins).
# lot: a company "takes a lot of N" when lot_min ≤ N ≤ lot_max (no lot_max: no upper limit).
CAPACITY = {
    "max_part_mm": (Text("最大加工寸法", "Largest part"), "mm", (500, 1000, 2000)),
    "max_weight_kg": (Text("最大重量", "Heaviest part"), "kg", (100, 500, 1000, 5000)),
    "lot": (Text("受けられるロット", "Lot size taken"), "個", (1, 100, 10000)),
    "tolerance_mm": (Text("公差（精度）", "Tolerance"), "mm", (0.05, 0.01, 0.005)),
    "lead_time_days": (Text("納期", "Lead time"), "日", (7, 14, 30)),
}
# Capacity fields a buyer wants small (a tolerance, a lead time): a value step reads 「±0.01 mm 以内」「7日以内」 and
# a company carries it when its figure is at most the step. A figure given as a range ([5, 20] days: the schema's
# x-range) carries every step its lower end reaches: the company says it can meet that figure for some work, which is
# what a buyer asks before the first call (the range itself is on the company page). Likewise a machine figure
# given as a range (12 presses of 60–300 t: [60, 300]) reaches an "or more" step by its upper end.
AT_MOST = ("tolerance_mm", "lead_time_days")
# Capacity fields a buyer wants at least (the largest part, the heaviest part: 鋳物 1t): a step reads 「1,000 kg 以上」
OR_MORE = ("max_part_mm", "max_weight_kg")
VISITS = Text("工場見学", "Factory visits")
VISITS_YES = Text("工場見学できる", "Visits welcome")


@dataclass(frozen=True)
class Value:
    """One value of a filter, shaped as a vocabulary term for the templates: a key and a label."""

    key: str
    label: Text


@dataclass(frozen=True)
class Group:
    """One filter group of the search page: its Pagefind name, title, values with their counts, and whether it is a
    range (a choice of one threshold)."""

    name: str
    title: Text
    used: tuple[tuple[Value, int], ...]
    range: bool = False


@dataclass(frozen=True)
class Panel:
    """Several filter groups shown in one folding panel of the search page (each still its own filter)."""

    name: str
    title: Text
    parts: tuple[Group, ...]
    used: tuple = ()
    range: bool = True


# Filter groups folded together in one panel of the search page: (panel name, title, which groups)
PANELS = (("machine-capacity", Text("設備の能力", "Machine capacity"), lambda g: g.name.startswith("m-")),
          ("capacity", Text("加工能力", "Capacity"), lambda g: g.name.startswith("c-")),
          ("material", Text("材料", "Materials"), lambda g: g.name in ("material_groups", "materials")))


def panels(groups: list[Group]) -> list:
    """The groups as the search page folds them: machine ranges, capacity ranges and materials each in one panel."""
    out: list = []
    placed: dict[str, list] = {}
    for g in groups:
        panel = next((p for p in PANELS if p[2](g)), None)
        if panel is None:
            out.append(g)
        elif panel[0] not in placed:
            placed[panel[0]] = [g]
            out.append(panel)
        else:
            placed[panel[0]].append(g)
    return [Panel(p[0], p[1], tuple(placed[p[0]]), range=all(g.range for g in placed[p[0]])) if isinstance(p, tuple)
            else p for p in out]


@dataclass
class _Facts:
    """What one company carries, filter by filter."""

    values: dict[str, list[str]] = field(default_factory=dict)

    def add(self, name: str, value: str) -> None:
        values = self.values.setdefault(name, [])
        if value not in values:
            values.append(value)


def _taxonomy(guide, name):
    return guide.taxonomies.get(name) if guide is not None else None


def _figures(machines) -> dict:
    """{figure key: its definition (label, unit, facets)} of the machine vocabulary."""
    return dict(getattr(machines, "figures", None) or {})


def _number(value):
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _threshold_label(n, unit) -> Text:
    """「200 t 以上」 / "200 t or more" (in words: BIZ UDPGothic 1.05, the site's first font, draws ≥ as ≤)."""
    unit = unit if isinstance(unit, Text) else Text(str(unit or ""))
    shown = f"{n:,}"
    return Text(f"{shown} {unit.ja} 以上".replace("  ", " "), f"{shown} {unit.en or unit.ja} or more".replace("  ", " "))


def _at_most_label(key: str, n) -> Text:
    """「±0.01 mm 以内」 / "within ±0.01 mm", 「7日以内」 / "within 7 days"."""
    shown = _plain(n)
    if key == "tolerance_mm":
        return Text(f"±{shown} mm 以内", f"within ±{shown} mm")
    return Text(f"{shown}日以内", f"within {shown} days")


def _lot_label(n) -> Text:
    """A lot of this size is taken (lot_min ≤ n ≤ lot_max), under the title 受けられるロット: not a minimum (「1個〜」)."""
    return Text(f"{n:,}個", f"{n:,} pcs")


def material_terms(company) -> list:
    """The company's materials that are vocabulary terms (free-text leftovers are not filters)."""
    found = getattr(company, "material_terms", None)
    if found is not None:
        return list(found)
    return [m for m in getattr(company, "materials", None) or [] if hasattr(m, "key") and hasattr(m, "taxonomy")]


def general(term, groups=None) -> bool:
    """Whether a material term is its group's general one (ステンレス: a profile that names only the kind): named as
    its group, keyed as it, or labelled （一般）."""
    group = (groups or {}).get(term.group)
    return term.key == term.group or term.label.ja.endswith("（一般）") or (group is not None and group.ja == term.label.ja)


@dataclass(frozen=True)
class Family:
    """Machine types a buyer filters by together (マシニングセンタ: 立形, 横形, 5軸, 門形), and their figures."""

    key: str
    label: Text
    types: frozenset
    figures: tuple


def machine_families(machines) -> list[Family]:
    """The machine types each thresholded figure is about (`facet_types` of the figure in machines.yaml: a press of
    200 t is about presses, not press brakes), one family per figure; without them, each vocabulary group."""
    memo = getattr(machines, "memo", None)
    if memo is None:
        return _machine_families(machines)
    if "families" not in memo:  # asked for by every company's pages
        memo["families"] = _machine_families(machines)
    return memo["families"]


def _machine_families(machines) -> list[Family]:
    figures = _figures(machines)
    if any(getattr(f, "facet_types", None) for f in figures.values()):
        return [Family(key, _types_label([machines.terms[t] for t in f.facet_types if t in machines.terms]),
                       frozenset(f.facet_types), (key,))
                for key, f in figures.items() if getattr(f, "facet_types", None) and getattr(f, "facets", None)]
    groups: dict[str, list] = {}
    for term in machines.terms.values():
        groups.setdefault(term.group or "", []).append(term)
    return [Family(g or "other", machines.groups.get(g) or terms[0].label, frozenset(t.key for t in terms),
                   tuple(dict.fromkeys(k for t in terms for k in (getattr(t, "figures", None) or ()))))
            for g, terms in groups.items()]


def range_name(family: str, figure: str) -> str:
    """The Pagefind filter name of a machine figure range: m-tonnage_t (one family per figure), m-forming-tonnage_t."""
    return f"m-{figure}" if family == figure else f"m-{family}-{figure}"


def _common_suffix(words: list[str]) -> str:
    end = 0
    while all(len(w) > end for w in words) and len({w[-1 - end] for w in words}) == 1:
        end += 1
    return words[0][len(words[0]) - end:] if end else ""


def _join_types(labels: list[str], sep: str) -> str:
    """立形・横形・5軸・門形マシニングセンタ: labels that end alike, written once with their shared ending."""
    if len(labels) < 2:
        return labels[0] if labels else ""
    suffix = _common_suffix(labels).lstrip()
    if len(suffix) >= 3:
        heads = [w[: len(w) - len(suffix)].strip() for w in labels]
        if all(heads):
            heads = heads[:1] + [h[:1].lower() + h[1:] if h.isascii() else h for h in heads[1:]]
            return sep.join(heads) + (" " if suffix[0].isascii() else "") + suffix
    return sep.join(labels)


def _types_label(terms) -> Text:
    """The machine types a figure's thresholds are about, as a short title in both languages."""
    return Text(_join_types([t.label.ja for t in terms], "・"),
                _join_types([(t.label.en or t.label.ja) for t in terms], ", "))


def range_title(family: Text, figure: Text) -> Text:
    """プレス機の加圧能力 / "Press: press force": the title of a machine figure's range filter."""
    en = figure.en or figure.ja
    return Text(f"{family.ja}の{figure.ja}", f"{family.en or family.ja}: {en[:1].lower()}{en[1:]}")


def company_facts(company, guide) -> dict[str, list[str]]:
    """{filter name: [values]} that one company carries (the search filters of its page)."""
    facts = _Facts()
    machines = _taxonomy(guide, "machines")
    figures = _figures(machines)
    families = machine_families(machines) if machines is not None else []
    for row in getattr(company, "equipment", None) or []:
        term = getattr(row, "type", None)
        if term is None:
            continue
        facts.add("machines", term.key)
        for family in families:
            if term.key not in family.types:
                continue
            for key in family.figures:
                # a range [60, 300] reaches a step when any part of it does: by its upper end
                ends = span((getattr(row, "figures", None) or {}).get(key))
                spec = figures.get(key)
                if ends is None or spec is None:
                    continue
                n = ends[1]
                for threshold in getattr(spec, "facets", ()) or ():
                    if n >= threshold:
                        facts.add(range_name(family.key, key), str(threshold))
    for term in material_terms(company):
        if term.group:
            facts.add("material_groups", term.group)
        facts.add("materials", term.key)
    for term, count in getattr(company, "qualifications", None) or []:
        if term is not None and (count is None or count > 0):
            facts.add("qualifications", term.key)
    for term in getattr(company, "accepts", None) or []:
        if term is not None:
            facts.add("accepts", term.key)
    if getattr(company, "factory_visits", None) is True:
        facts.add("visits", "yes")
    capacity = getattr(company, "capacity", None) or {}
    thresholds = capacity_thresholds()
    for key in OR_MORE:
        largest = span(capacity.get(key))
        if largest is not None:
            for n in thresholds[key]:
                if largest[1] >= n:
                    facts.add(f"c-{key}", str(n))
    for key in AT_MOST:
        ends = span(capacity.get(key))
        if ends is not None:
            for n in thresholds[key]:
                if ends[0] <= n:
                    facts.add(f"c-{key}", _plain(n))
    low, high = _number(capacity.get("lot_min")), _number(capacity.get("lot_max"))
    if low is not None or high is not None:
        for n in thresholds["lot"]:
            if (low is None or low <= n) and (high is None or n <= high):
                facts.add("c-lot", str(n))
    return facts.values


def figure_name(figure: str) -> str:
    """The hidden Pagefind filter of a key figure's exact values (fig-tonnage_t): search-typed.js filters on it."""
    return f"fig-{figure}"


def _plain(n) -> str:
    """A figure as a filter value: 2000000, 3.2 (never 2e+06)."""
    return str(int(n)) if float(n).is_integer() else repr(float(n))


def company_figures(company, guide) -> dict[str, list[str]]:
    """The lot bounds a company's pages carry beside the lot steps, so that a lot typed between two steps (ロット
    50000個) lists only who takes it: fig-lot_min, fig-lot_max as numbers ("none" where the profile sets no bound).
    (A machine's or the largest part's own figure is in the "figures" filter, site/facts.py range_figures.)"""
    out = _Facts()
    capacity = getattr(company, "capacity", None) or {}
    low, high = _number(capacity.get("lot_min")), _number(capacity.get("lot_max"))
    if low is not None or high is not None:
        out.add(figure_name("lot_min"), "none" if low is None else _plain(low))
        out.add(figure_name("lot_max"), "none" if high is None else _plain(high))
    return out.values


def capacity_thresholds() -> dict[str, tuple]:
    """The thresholds of the capacity ranges: the schema's x-facets where it gives them."""
    from ..validate.schema import schema

    props = ((schema("company").get("properties") or {}).get("capacity") or {}).get("properties") or {}
    out = {}
    for key, (_title, _unit, default) in CAPACITY.items():
        field_ = props.get(key if key != "lot" else "lot_min") or {}
        out[key] = tuple(field_.get("x-facets") or default)
    return out


def facet_groups(guide) -> list[Group]:
    """The filter groups of the profiles' facts that at least one company uses, with counts, in panel order."""
    facts = [company_facts(c, guide) for c in guide.companies]
    counts: dict[str, dict[str, int]] = {}
    for one in facts:
        for name, values in one.items():
            for v in values:
                counts.setdefault(name, {})[v] = counts.setdefault(name, {}).get(v, 0) + 1
    groups: list[Group] = []

    def terms_group(name: str, title: Text, terms) -> None:
        used = tuple((Value(t.key, t.label), counts[name][t.key]) for t in terms if t.key in counts.get(name, {}))
        if used:
            groups.append(Group(name, title, used))

    def range_group(name: str, title: Text, values) -> None:
        used = tuple((Value(str(n), label), counts[name][str(n)]) for n, label in values if str(n) in counts.get(name, {}))
        if used:
            groups.append(Group(name, title, used, range=True))

    machines = _taxonomy(guide, "machines")
    if machines is not None:
        terms_group("machines", Text("設備", "Machines"), machines.terms.values())
        figures = _figures(machines)
        for family in machine_families(machines):
            group_title = family.label
            for key in family.figures:
                spec = figures.get(key)
                if spec is None or not getattr(spec, "facets", None):
                    continue
                range_group(range_name(family.key, key), range_title(group_title, spec.label),
                            [(n, _threshold_label(n, spec.unit)) for n in spec.facets])
    thresholds = capacity_thresholds()
    for key in OR_MORE:
        title, unit, _ = CAPACITY[key]
        range_group(f"c-{key}", title, [(n, _threshold_label(n, unit)) for n in thresholds[key]])
    range_group("c-lot", CAPACITY["lot"][0], [(n, _lot_label(n)) for n in thresholds["lot"]])
    for key in AT_MOST:
        range_group(f"c-{key}", CAPACITY[key][0], [(_plain(n), _at_most_label(key, n)) for n in thresholds[key]])
    materials = _taxonomy(guide, "materials")
    if materials is not None:
        used_groups = [Value(k, g) for k, g in materials.groups.items()]
        terms_group("material_groups", Text("材料の種類", "Material groups"), used_groups)
        # a group's general term (ステンレス（一般）) is the group's own filter, not a grade
        terms_group("materials", Text("材質", "Material grades"),
                    [t for t in materials.terms.values() if not general(t, materials.groups)])
    qualifications = _taxonomy(guide, "qualifications")
    if qualifications is not None:
        terms_group("qualifications", Text("有資格者", "Qualified staff"), qualifications.terms.values())
    technologies = _taxonomy(guide, "technologies")
    if technologies is not None:
        terms_group("accepts", Text("受託できる工程", "Processes taken on"), technologies.terms.values())
    if "visits" in counts:
        groups.append(Group("visits", VISITS, ((Value("yes", VISITS_YES), counts["visits"]["yes"]),)))
    return groups


def typed_data(guide) -> dict:
    """What the search page needs to read a typed fact (static/search-typed.js): {"ranges": {filter name: {"title": [ja, en],
    "unit": [spellings], "types": [machine type keys], "thresholds": [n…], "words": [title words]}}, "material_groups": {group:
    [its words]}, "machine_groups": {machine type: its group}} — "プレス 200t" is the press range, "1000mm" the largest part, アルミ the aluminium group (not アルミナ)."""
    ranges: dict[str, dict] = {}
    machines = _taxonomy(guide, "machines")
    if machines is not None:
        figures = _figures(machines)
        for family in machine_families(machines):
            for key in family.figures:
                spec = figures.get(key)
                if spec is None or not getattr(spec, "facets", None):
                    continue
                title = range_title(family.label, spec.label)
                ranges[range_name(family.key, key)] = {
                    "title": [title.ja, title.en], "unit": list(dict.fromkeys([spec.unit.ja, spec.unit.en or spec.unit.ja])),
                    "types": sorted(family.types), "thresholds": list(spec.facets),
                    "words": list(dict.fromkeys([spec.label.ja, spec.label.en or spec.label.ja]))}
    title, unit, _ = CAPACITY["max_part_mm"]
    ranges["c-max_part_mm"] = {"title": [title.ja, title.en], "unit": [unit], "types": [], "thresholds": list(capacity_thresholds()["max_part_mm"]),
                               "words": list(dict.fromkeys([title.ja, title.en or title.ja]))}
    # a weight typed (500kg, 鋳物 1t: a ton without a machine word and below every press step) is the heaviest part
    title, unit, _ = CAPACITY["max_weight_kg"]
    ranges["c-max_weight_kg"] = {"title": [title.ja, title.en], "unit": [unit], "types": [], "kind": "weight",
                                 "thresholds": list(capacity_thresholds()["max_weight_kg"]),
                                 "words": list(dict.fromkeys([title.ja, title.en, "重量", "重さ", "質量", "weight"]))}
    # a lead time or a tolerance typed (納期 7日, 公差 0.01, tolerance 0.01 mm) is its "at most" step (7日以内,
    # ±0.01 mm 以内): the smallest step that holds the figure (search-typed.js); the words are the field's and those a
    # buyer types for it
    thresholds = capacity_thresholds()
    for key, words in (("tolerance_mm", ["公差", "精度", "寸法公差", "加工精度", "tolerance", "accuracy", "precision"]),
                       ("lead_time_days", ["納期", "リードタイム", "lead time", "lead-time", "delivery"])):
        title, unit, _ = CAPACITY[key]
        ranges[f"c-{key}"] = {"title": [title.ja, title.en], "unit": [unit, "days"] if unit == "日" else [unit],
                              "types": [], "kind": "at_most", "thresholds": list(thresholds[key]),
                              "words": list(dict.fromkeys([title.ja, title.en or title.ja, *words]))}
    # a machine word typed widens only within its type's group (press: stamping presses, not printing presses)
    machine_groups = {key: term.group for key, term in machines.terms.items() if term.group} if machines is not None else {}
    # a lot typed (ロット 100個, 100個から, lot 1000) is the lot range: the lot sizes taken, not a figure "or more"
    title = CAPACITY["lot"][0]
    ranges["c-lot"] = {"title": [title.ja, title.en], "unit": ["個", "pcs"], "types": [], "kind": "lot",
                       "thresholds": list(capacity_thresholds()["lot"]),
                       "words": list(dict.fromkeys([title.ja, title.en, "ロット", "lot", "lot size", "lots"])),
                       "figure": figure_name("lot")}
    groups: dict[str, list[str]] = {}
    materials = _taxonomy(guide, "materials")
    if materials is not None:
        for key, label in materials.groups.items():
            groups[key] = list(dict.fromkeys([label.ja, label.en or label.ja]))
        for term in materials.terms.values():
            if term.group in groups and general(term, materials.groups):
                groups[term.group] = list(dict.fromkeys([*groups[term.group], term.label.ja, term.label.en or term.label.ja,
                                                         *term.aliases]))
    return {"ranges": ranges, "material_groups": groups, "machine_groups": machine_groups}
