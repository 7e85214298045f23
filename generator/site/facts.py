"""How a profile's facts (format v2) read on a page, for the website and the printed page alike: equipment grouped
by machine type with its key figures and units, the capacity line, qualified staff, materials by group, access lines
and a plain link to a map service (a link only: a page never asks another site for anything while it loads).
"""
from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from markupsafe import Markup, escape

from ..model.figrange import is_range, span
from ..model.text import Text
from ..search.facets import general as is_general
from .record import reads

MAP_SEARCH = "https://www.google.com/maps/search/?api=1&query="
# the unit of a figure as people write it beside a number, when the vocabulary gives none
UNITS = {"mm": "mm", "t": "t", "kw": "kW", "kg": "kg", "m2": "m²", "days": "日", "jpy": "円"}
_XYZ = ("x_mm", "y_mm", "z_mm")


@dataclass(frozen=True)
class TypeRows:
    """The equipment rows of one machine type (None: rows written without a type), with the figures they use."""

    term: object
    rows: tuple
    units: int  # machines in all (a row without a count is one)
    named: bool = False  # a row has a name of its own (a column for it)


def number(value) -> str:
    """A figure as written for people: 1,050 / 0.005 / 2.5."""
    if isinstance(value, bool) or value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) >= 1:
        value = int(value)
    if isinstance(value, int):
        return f"{value:,}"
    text = f"{value:,.6f}".rstrip("0").rstrip(".")
    return text


def spanned(value, lang: str) -> str:
    """A figure that may be a range (the schema's x-range): 14 / 5〜20 (ja) / 5–20 (en)."""
    ends = span(value)
    if ends is None or ends[0] == ends[1]:
        return number(ends[0] if ends else value)
    return f"{number(ends[0])}{'〜' if lang == 'ja' else '–'}{number(ends[1])}"


def _figure_defs(guide) -> dict:
    machines = guide.taxonomies.get("machines") if guide is not None else None
    return dict(getattr(machines, "figures", None) or {})


def unit_of(spec, key: str) -> Text:
    """The unit of a figure (mm, t, 軸 / axes): the vocabulary's, else the one its key ends in."""
    unit = getattr(spec, "unit", None)
    if isinstance(unit, Text):
        return unit
    if unit:
        return Text(str(unit))
    return Text(UNITS.get(key.rsplit("_", 1)[-1], "") if "_" in key else "")


# Machines that check the work rather than make it: after the ones that make it, however many there are
SUPPORTING = frozenset({"measuring", "other"})


def equipment_by_type(company, guide) -> list[TypeRows]:
    """The company's equipment grouped by machine type, most important first: the kind of machine the company has
    most of (its vocabulary group: presses and press brakes, lathes and machining centres…) first, within it the
    type with most units, measuring and other machines after those that make the work, untyped rows last; ties in
    the vocabulary's order. A press shop shows its 19 presses before its two wire EDMs (outsider buyer, issue 22)."""
    machines = guide.taxonomies.get("machines") if guide is not None else None
    order = {k: i for i, k in enumerate(machines.terms)} if machines is not None else {}
    groups: dict[str | None, list] = {}
    terms = {}
    for row in getattr(company, "equipment", None) or []:
        term = getattr(row, "type", None)
        key = term.key if term is not None else None
        groups.setdefault(key, []).append(row)
        terms[key] = term
    units = {k: sum(r.count or 1 for r in rows) for k, rows in groups.items()}
    kind = {k: (getattr(terms[k], "group", None) or "other") if k is not None else None for k in groups}
    per_kind: dict = {}
    for k in groups:
        per_kind[kind[k]] = per_kind.get(kind[k], 0) + units[k]
    first_of_kind = {kd: min(order.get(k, len(order)) for k in groups if kind[k] == kd) for kd in per_kind}

    def rank(k):
        return (k is None, kind[k] in SUPPORTING, -per_kind[kind[k]], first_of_kind[kind[k]], -units[k],
                order.get(k, len(order)), k or "")
    keys = sorted(groups, key=rank)
    return [TypeRows(terms[k], tuple(groups[k]), units[k], any(own_name(r) for r in groups[k])) for k in keys]


def row_name(row, lang: str) -> str:
    """What a machine is called on the page: its own name, else its type's label (also in another language when
    its own name is only in Japanese: the English printed page says Press, not 順送プレス)."""
    name = getattr(row, "name", None)
    term = getattr(row, "type", None)
    if name and name.ja and (lang == "ja" or name.en or term is None):
        return name.get(lang)
    return term.label.get(lang) if term is not None else ""


def own_name(row) -> bool:
    """Whether a row has a name of its own (the model gives a typed row without one its type's label)."""
    name, term = getattr(row, "name", None), getattr(row, "type", None)
    return bool(name and name.ja) and (term is None or name.ja != term.label.ja)


def equipment_names(company) -> list[tuple[str, str]]:
    """The names of the company's machines as (Japanese, English) pairs, each pair once (what a search result names
    when a machine matched). A machine named only in Japanese goes by its type's English label in English."""
    def english(row) -> str:
        name, term = getattr(row, "name", None), getattr(row, "type", None)
        if term is not None and not (name and name.en):
            return term.label.get("en")
        return row_name(row, "en")
    pairs = ((row_name(r, "ja"), english(r)) for r in getattr(company, "equipment", None) or [])
    return list(dict.fromkeys(p for p in pairs if p[0]))


def mixed_machines(row) -> bool:
    """Whether an equipment row counts several machines of no one model, whose figures are the largest one's
    (12 presses of 60–300 t are not 12 of 300 t); machines of one model are alike."""
    return (getattr(row, "count", None) or 1) > 1 and not getattr(row, "model", None)


def figures_text(row, guide, lang: str) -> str:
    """A row's key figures on one line: X1,050 × Y560 × Z510 mm、加圧能力 200 t. A row of several machines of no one
    model gives the largest one's figures (one number per figure), so they read 最大 / up to: 12 presses of 60–300 t
    are not 12 of 300 t (outsider buyer, issue 22); machines of one model are alike."""
    figures = dict(getattr(row, "figures", None) or {})
    if not figures:
        return ""
    defs = _figure_defs(guide)
    parts = []
    most = ("最大 " if lang == "ja" else "up to ") if mixed_machines(row) else ""
    xyz = [k for k in _XYZ if k in figures]
    if len(xyz) >= 2:
        ranged = any(is_range(figures[k]) for k in xyz)  # 60〜300: the range says it, not 最大
        parts.append(("" if ranged else most) + " × ".join(k[0].upper() + spanned(figures.pop(k), lang) for k in xyz)
                     + " mm")
    for key, value in figures.items():
        spec = defs.get(key)
        label = (getattr(spec, "label", None) or Text(key)).get(lang)
        unit = unit_of(spec, key).get(lang)
        space = " " if unit.isascii() else ""  # 200 t, 5軸
        if unit and unit.lower() in label.lower():  # 制御軸数 5軸 says it twice: 5軸 / 5 axes
            parts.append(f"{spanned(value, lang)}{space}{unit}")
        else:
            # 最大加工径 says it already; a range says what the machines range over
            said = "" if (lang == "ja" and "最大" in label) or is_range(value) else most
            parts.append(f"{label} {said}{spanned(value, lang)}{(space + unit) if unit else ''}")
    return ("、" if lang == "ja" else ", ").join(parts)


# How a machine list writes a figure in few characters (print): φ410, L500, 200 t, 5軸
SHORT = {"diameter_mm": ("φ{v}", "φ{v}"), "length_mm": ("L{v}", "L{v}"), "bed_mm": ("L{v}", "L{v}"),
         "tonnage_t": ("{v} t", "{v} t"), "clamping_t": ("型締{v} t", "{v} t clamp"), "power_kw": ("{v} kW", "{v} kW"),
         "axes": ("{v}軸", "{v}-axis"), "sheet_mm": ("板厚{v} mm", "t{v} mm")}


def figures_short(row, lang: str) -> str:
    """A row's key figures in machine-list shorthand: X1,050×Y460×Z460・φ410×L500・200 t."""
    figures = dict(getattr(row, "figures", None) or {})
    parts = []
    xyz = [k for k in _XYZ if k in figures]
    if xyz:
        parts.append("×".join(k[0].upper() + spanned(figures.pop(k), lang) for k in xyz))
    turned = [SHORT[k][lang == "en"].format(v=spanned(figures.pop(k), lang)) for k in ("diameter_mm", "length_mm")
              if k in figures]
    if turned:
        parts.append("×".join(turned))
    for key, value in figures.items():
        pattern = SHORT.get(key)
        parts.append(pattern[lang == "en"].format(v=spanned(value, lang)) if pattern else f"{key} {spanned(value, lang)}")
    return ("・" if lang == "ja" else ", ").join(parts)


def range_figures(company, guide) -> list[str]:
    """The company's figures that the search's range filters are about, one per machine row and capacity field, as
    "filter|machine type|figure|units" (m-tonnage_t|press|300|12, c-max_part_mm||1500|): written on its page as
    values of a filter no search names (so never downloaded, nor searched as words), so that a result can say
    which of its machines meets a size a buyer asked for (static/search.js)."""
    from ..search.facets import capacity_thresholds, machine_families, range_name

    machines = guide.taxonomies.get("machines") if guide is not None else None
    families = machine_families(machines) if machines is not None else []
    out = []
    for row in getattr(company, "equipment", None) or []:
        term = getattr(row, "type", None)
        figures = getattr(row, "figures", None) or {}
        for family in families:
            if term is None or term.key not in family.types:
                continue
            for key in family.figures:
                ends = span(figures.get(key))
                if ends is not None:  # a range by its upper end: the figure a size search asks to reach
                    many = "+" if mixed_machines(row) or (ends[0] != ends[1] and (row.count or 1) > 1) else ""
                    out.append(f"{range_name(family.key, key)}|{term.key}|{number(ends[1]).replace(',', '')}|"
                               f"{row.count or 1}{many}")
    for key in ("max_part_mm", "max_weight_kg"):
        largest = (getattr(company, "capacity", None) or {}).get(key)
        if isinstance(largest, (int, float)) and key in capacity_thresholds():
            out.append(f"c-{key}||{number(largest).replace(',', '')}|")
    return list(dict.fromkeys(out))


@reads("equipment")  # a machine type's list page depends on the machines alone, not on the PR text
def machine_line(company, term, lang: str) -> str:
    """A company's machines of one type in a few characters, for the machine type's list page: 150 t ×4、最大300 t ×12
    (the key figures of each row and its count; several machines of no one model give the largest's figures)."""
    parts = []
    for row in getattr(company, "equipment", None) or []:
        if getattr(row, "type", None) is None or row.type.key != term.key:
            continue
        figures = figures_short(row, lang)
        ranged = any(is_range(v) for v in (getattr(row, "figures", None) or {}).values())  # 60〜300 t says it
        most = ("最大" if lang == "ja" else "up to ") if mixed_machines(row) and figures and not ranged else ""
        count = f"×{row.count}" if (row.count or 1) > 1 else ""
        parts.append((most + figures + (" " if figures and count else "") + count) or ("1台" if lang == "ja" else "1 unit"))
    return ("、" if lang == "ja" else ", ").join(parts)


def card_with_line(card: str, line: str) -> Markup:
    """A company card of a list page with one more line before its end (the machine type's figures)."""
    head, _, tail = str(card).rpartition("</li>")
    return Markup(head) + Markup('<p class="card-figures">') + escape(line) + Markup("</p></li>") + Markup(tail)


def money(value, lang: str) -> str:
    """Yen as people read them: 12億円 / ¥1.2 billion."""
    if value is None:
        return ""
    if lang == "ja":
        from .templates import yen

        if value >= 100_000_000:
            oku = value / 100_000_000
            return f"{number(round(oku, 1))}億円"
        return yen(value)
    if value >= 1_000_000_000:
        return f"¥{number(round(value / 1_000_000_000, 2))} billion"
    if value >= 1_000_000:
        return f"¥{number(round(value / 1_000_000, 1))} million"
    return f"¥{value:,}"


def capacity_lines(company, lang: str) -> list[tuple[str, str]]:
    """[(label, value)] of the capacity box, in a buyer's order; only what the profile says."""
    cap = getattr(company, "capacity", None) or {}
    ja = lang == "ja"
    out = []

    def get(key):
        value = cap.get(key)
        return value if value is not None and not isinstance(value, bool) else None

    if get("max_part_mm") is not None:
        out.append(("最大加工寸法" if ja else "Largest part", f"{number(get('max_part_mm'))} mm"))
    if get("max_weight_kg") is not None:
        out.append(("最大重量" if ja else "Heaviest part", f"{number(get('max_weight_kg'))} kg"))
    if get("tolerance_mm") is not None:
        out.append(("公差" if ja else "Tolerance", f"±{spanned(get('tolerance_mm'), lang)} mm"))
    low, high = get("lot_min"), get("lot_max")
    if low is not None or high is not None:
        if ja:
            text = f"{number(low) if low is not None else ''}〜{number(high) if high is not None else ''}個"
        else:
            text = (f"{number(low)}–{number(high)} pcs" if low is not None and high is not None
                    else f"from {number(low)} pcs" if low is not None else f"up to {number(high)} pcs")
        out.append(("ロット" if ja else "Lot size", text))
    if get("lead_time_days") is not None:
        n = get("lead_time_days")
        out.append(("通常納期" if ja else "Usual lead time",
                    f"{spanned(n, lang)}日" if ja else f"{spanned(n, lang)} day{'s' if n != 1 else ''}"))
    if get("floor_area_m2") is not None:
        out.append(("工場延床面積" if ja else "Floor area", f"{number(get('floor_area_m2'))} m²"))
    if get("sales_jpy") is not None:
        out.append(("売上高" if ja else "Annual sales", money(get("sales_jpy"), lang)))
    return out


def capacity_short(company, lang: str, full: bool = False) -> list[str]:
    """The capacity as short items for one printed line: 最大1,000 mm・±0.005 mm・ロット1〜500個・納期10日 (and the
    floor area and sales when `full`)."""
    cap = getattr(company, "capacity", None) or {}
    ja = lang == "ja"
    get = lambda key: cap.get(key) if not isinstance(cap.get(key), bool) else None  # noqa: E731
    out = []
    if get("max_part_mm") is not None:
        out.append(f"{'最大' if ja else 'max. '}{number(get('max_part_mm'))} mm")
    if get("tolerance_mm") is not None:
        out.append(f"±{spanned(get('tolerance_mm'), lang)} mm")
    low, high = get("lot_min"), get("lot_max")
    if low is not None or high is not None:
        span = f"{number(low) if low is not None else ''}{'〜' if ja else '–'}{number(high) if high is not None else ''}"
        out.append(f"ロット{span}個" if ja else f"lots {span} pcs")
    if get("lead_time_days") is not None:
        out.append(f"納期{spanned(get('lead_time_days'), lang)}日" if ja
                   else f"{spanned(get('lead_time_days'), lang)} days lead time")
    if not full:
        return out
    if get("floor_area_m2") is not None:
        out.append(f"{'延床' if ja else 'floor '}{number(get('floor_area_m2'))} m²")
    if get("sales_jpy") is not None:
        out.append(f"{'売上高' if ja else 'sales '}{money(get('sales_jpy'), lang)}")
    return out


def materials_short(company, guide, lang: str) -> list[str]:
    """Materials by group in few words for print: ステンレス（SUS304・SUS316）、チタン … (a grade by its code)."""
    materials = guide.taxonomies.get("materials") if guide is not None else None
    groups = dict(getattr(materials, "groups", None) or {})
    order = {k: i for i, k in enumerate(groups)}
    found: dict[str, list[str]] = {}
    for term in getattr(company, "material_terms", None) or []:
        found.setdefault(term.group or "", [])
        general = is_general(term, groups)
        # a grade is its code in any language (SUS304, A5052); a named one (インコネル) is its label
        name = term.label.ja if term.label.ja.isascii() else term.label.get(lang)
        if not general and name not in found[term.group or ""]:
            found[term.group or ""].append(name)
    out = []
    for g in sorted(found, key=lambda g: order.get(g, len(order))):
        label = groups[g].get(lang) if g in groups else ""
        names = found[g]
        inner = ("・" if lang == "ja" else ", ").join(names)
        out.append(f"{label}（{inner}）" if lang == "ja" and names and label else
                   f"{label} ({inner})" if names and label else label or inner)
    out += [m.get(lang) for m in getattr(company, "material_others", None) or []]
    return out


def qualification_lines(company, lang: str) -> list[tuple[str, int | None]]:
    """[(qualification, how many hold it)] as the profile lists them."""
    return [(term.label.get(lang), count) for term, count in getattr(company, "qualifications", None) or []
            if term is not None]


def materials_by_group(company, guide, lang: str) -> list[tuple[str, list[str]]]:
    """[(group label, [material labels])] in the order of the material vocabulary; free text last ("" group)."""
    materials = guide.taxonomies.get("materials") if guide is not None else None
    groups = dict(getattr(materials, "groups", None) or {})
    order = {k: i for i, k in enumerate(groups)}
    found: dict[str, list[str]] = {}
    written = getattr(company, "material_terms", None)
    listed = (list(written) + list(getattr(company, "material_others", None) or [])) if written is not None \
        else getattr(company, "materials", None) or []
    for m in listed:
        if hasattr(m, "key") and hasattr(m, "label"):
            group = m.group or ""
            found.setdefault(group, [])
            label = m.label.get(lang)
            if group in groups and label == groups[group].get(lang):  # the group's general term: not "Steel — Steel"
                label = "一般" if lang == "ja" else "general"
            if label not in found[group]:
                found[group].append(label)
        elif m is not None:
            found.setdefault("", []).append(m.get(lang) if hasattr(m, "get") else str(m))
    keys = sorted(found, key=lambda g: (g == "", order.get(g, len(order))))
    return [((groups[g].get(lang) if g in groups else ""), found[g]) for g in keys]


KIND = {"station": ("駅", "Station"), "ic": ("IC", "IC"), "airport": ("空港", "Airport"), "port": ("港", "Port")}
BY = {"walk": ("徒歩", "walk"), "car": ("車", "drive"), "bus": ("バス", "bus ride"), "taxi": ("タクシー", "taxi ride")}


def access_text(row, lang: str) -> str:
    """One access line: 紅葉川駅から徒歩8分 / 8 min walk from Momijigawa Station."""
    place = getattr(row, "place", None)
    if isinstance(row, dict):
        place = row.get("place")
    get = (lambda k: row.get(k)) if isinstance(row, dict) else (lambda k: getattr(row, k, None))
    name = place.get(lang) if hasattr(place, "get") and not isinstance(place, dict) else (
        (place.get(lang) or place.get("ja")) if isinstance(place, dict) else str(place or ""))
    by, minutes = get("by"), get("minutes")
    if lang == "ja":
        how = BY.get(by, (by or "", ""))[0]
        if by in ("car", "bus", "taxi"):
            how += "で"
        return f"{name}から{how}{minutes}分" if minutes is not None else name
    how = BY.get(by, ("", by or ""))[1]
    return f"{minutes} min {how} from {name}".replace("  ", " ") if minutes is not None else name


def map_url(company) -> str:
    """A link that opens the company's place in a map service: its coordinates when given, else its address."""
    loc = getattr(company, "location", None)
    lat = lng = None
    if isinstance(loc, dict):
        lat, lng = loc.get("lat"), loc.get("lng")
    elif loc is not None:
        lat, lng = getattr(loc, "lat", None), getattr(loc, "lng", None)
    if lat is not None and lng is not None:
        return f"{MAP_SEARCH}{lat},{lng}"
    a = company.address
    return MAP_SEARCH + quote(f"{a.prefecture}{a.city}{a.street}")


def facts_globals(guide) -> dict:
    """The helpers the templates call, bound to the guide where they need its vocabularies."""
    return {
        "equipment_by_type": lambda c: equipment_by_type(c, guide),
        "equipment_in_order": lambda c: [r for g in equipment_by_type(c, guide) for r in g.rows],
        "figures_text": lambda row, lang: figures_text(row, guide, lang), "figures_short": figures_short,
        "row_name": row_name, "own_name": own_name, "equipment_names": equipment_names,
        "capacity_lines": capacity_lines, "capacity_short": capacity_short,
        "materials_short": lambda c, lang: materials_short(c, guide, lang), "qualification_lines": qualification_lines,
        "materials_by_group": lambda c, lang: materials_by_group(c, guide, lang),
        "access_text": access_text, "map_url": map_url, "machine_line": machine_line, "card_with_line": card_with_line,
        "range_figures": lambda c: range_figures(c, guide),
    }
