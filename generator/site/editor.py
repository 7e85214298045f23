"""The profile editor page: a form generated from the JSON Schema and the taxonomies, and each profile as JSON.

The form is rendered at build time, so every label and help text comes from `company.schema.json`; the browser
scripts fill it, check it with the same schema (Ajv, bundled from node_modules) and write the YAML: a profile's own
text (published beside its JSON) is edited in place with the `yaml` package's Document API, so that its comments and
every line the clerk did not change stay as they were; a new profile is written by js-yaml.
"""
from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Problem
from ..load import Content
from ..model import Guide, Taxonomy
from ..validate import images as image_rules
from ..validate import japanese
from ..validate.schema import schema as load_schema
from .render import PageCtx
from .templates import PROJECT, environment, strings

EDIT_DIR = "edit"
PROFILE_TEMPLATE = PROJECT / "generator" / "schema" / "new_company.yaml"
MESSAGES = PROJECT / "generator" / "validate" / "messages.json"
NODE_MODULES = PROJECT / "node_modules"
# Browser builds shipped in the npm packages: copied as they are, no bundler needed.
VENDOR = {
    "ajv2020.min.js": ("ajv-dist", "dist/ajv2020.min.js"),
    "js-yaml.min.js": ("js-yaml", "dist/browser/js-yaml.umd.min.js"),
    "fflate.min.js": ("fflate", "umd/index.js"),
}
# The `yaml` package ships its browser build as ES modules: the folder is copied as it is and imported as a module.
VENDOR_TREES = {"yaml": ("yaml", "browser/dist")}
INPUT_TYPES = {"email": "email", "website": "url", "phone": "tel", "fax": "tel"}
AUTOCOMPLETE = {"email": "email", "website": "url", "phone": "tel", "fax": "tel", "postal_code": "postal-code"}
LOGO_EDGE = 1024  # a logo is shown at most 192 px wide on the site and 20 mm in print
# Short texts in Japanese: a textarea where several lines are expected.
LONG_TEXT = 120
# The unit a number field is written in, from the end of its key (capacity.max_part_mm): shown beside the input.
UNITS = {"mm": "mm", "t": "t", "kw": "kW", "kg": "kg", "m2": "m²", "days": "日 days", "jpy": "円 yen",
         "minutes": "分 min", "lot_min": "個 pcs", "lot_max": "個 pcs", "axes": "軸 axes"}


@dataclass
class Field:
    """One form control (or group of controls) derived from a schema property."""

    key: str  # property name; "" for the value of a list item itself
    path: str  # dotted path used for element ids; "__i__" stands for a list index
    kind: str  # text textarea bitext integer number boolean enum year date choice vocab object list
    title: str = ""
    title_en: str = ""
    help: str = ""
    help_en: str = ""
    required: bool = False
    max_ja: int | None = None
    max_en: int | None = None
    example: str = ""
    taxonomy: str | None = None
    markdown: bool = False
    input_type: str = "text"
    autocomplete: str = ""
    inputmode: str = ""
    max_items: int | None = None
    min_items: int | None = None
    unit: str = ""
    open_vocab: bool = False  # a vocabulary list that also takes words it does not list (materials)
    options: list[tuple[str, str]] = field(default_factory=list)  # an enum's (value, label)
    children: list["Field"] = field(default_factory=list)
    item: "Field | None" = None  # for lists: the field of one item
    required_with: str = ""  # the optional group this required part belongs to: 「位置を入れるときは必須」
    required_with_en: str = ""
    tidy: str = ""  # what the form mends as typed (form.js GE.tidy): phone, postal, digits, ascii, kana, width

    @property
    def id(self) -> str:
        """The HTML id of the control (or group)."""
        return "f-" + self.path.replace(".", "-")


# the validator's check of a field → what the form mends in it as the clerk types (full-width digits, quotes, hiragana);
# a text field without its own check gets its full-width letters and digits made half-width, as check_widths asks
TIDY = {japanese.check_phone: "phone", japanese.check_postal_code: "postal", japanese.check_corporate_number: "digits",
        japanese.check_email: "ascii", japanese.check_url: "ascii", japanese.check_kana: "kana"}


def _tidy(path: str) -> str:
    check = japanese.FIELD_CHECKS.get(tuple(path.split(".")), (None,))[0]
    return TIDY.get(check, "" if check else "width")


def _is_bitext(sub: dict) -> bool:
    branches = sub.get("anyOf") or []
    return len(branches) == 2 and {b.get("type") for b in branches} == {"string", "object"}


def _example(sub: dict) -> str:
    examples = sub.get("examples") or []
    if not examples:
        return ""
    value = examples[0]
    return ", ".join(map(str, value)) if isinstance(value, list) else str(value)


def make_field(key: str, sub: dict, path: str, required: bool = False, taxonomies: dict | None = None) -> Field:
    """The form field for one schema property, recursing into objects and lists; `taxonomies` gives the figures of
    an object that holds a vocabulary's key figures (x-figures: machines)."""
    f = Field(key, path, "text", sub.get("title", key), sub.get("x-title-en", ""), sub.get("description", ""),
              sub.get("x-description-en", ""), required, example=_example(sub), taxonomy=sub.get("x-taxonomy"),
              markdown=bool(sub.get("x-markdown")), input_type=INPUT_TYPES.get(key, "text"),
              autocomplete=AUTOCOMPLETE.get(key, ""))
    limits = sub.get("x-max-length") or {}
    f.max_ja, f.max_en = limits.get("ja", sub.get("maxLength")), limits.get("en")
    kind = sub.get("type")
    if _is_bitext(sub):
        f.kind = "bitext"
    elif f.taxonomy and kind == "array":  # an open one (materials) keeps the words it does not list (form.js)
        f.kind = "vocab"
    elif f.taxonomy and kind != "array":
        f.kind = "choice"
    elif kind == "object":
        f.kind = "object"
        needed = set(sub.get("required", []))
        f.children = [make_field(k, s, f"{path}.{k}", k in needed, taxonomies) for k, s in sub.get("properties", {}).items()]
        if not required and "." not in path:  # 緯度 is required only when 位置 is given
            from ..fieldguide import short_title

            for child in f.children:
                if child.required:
                    child.required_with = short_title(sub, "ja")
                    child.required_with_en = short_title(sub, "en")
        if sub.get("x-figures"):
            f.children += figure_fields(sub, path, (taxonomies or {}).get(sub["x-figures"]))
    elif kind == "array":
        f.kind = "list"
        f.item = make_field("", sub.get("items", {}), f"{path}.__i__", taxonomies=taxonomies)
        if not f.item.title or f.item.title == "":
            f.item.title, f.item.title_en = f.title, f.title_en
    elif kind == "integer":
        f.kind, f.inputmode = "integer", "numeric"
    elif kind == "number":
        f.kind, f.inputmode = "number", "decimal"
    elif kind == "boolean":
        f.kind = "boolean"
    elif "enum" in sub:
        f.kind = "enum"
        titles = sub.get("x-enum-titles") or {}
        f.options = [(str(v), _enum_label(titles.get(str(v)), v)) for v in sub["enum"]]
    elif sub.get("x-range"):  # a number or a range: 14, or 5〜20 written as [5, 20] (form.js)
        f.kind, f.inputmode = "range", "decimal"
    elif "anyOf" in sub:  # established: a year (integer) or "YYYY-MM"
        f.kind, f.inputmode = "year", "numeric"
    elif kind == "string" and sub.get("pattern", "").startswith("^[0-9]{4}-") and "3[01]" in sub.get("pattern", ""):
        f.kind = "date"
    if f.kind == "text" and "__i__" not in path:  # not a photo's file name, nor a list's free item
        f.tidy = _tidy(path)
    if f.kind == "bitext" and (f.markdown or (f.max_ja or 0) >= LONG_TEXT):
        f.kind = "bitext-long"
    f.max_items, f.min_items = sub.get("maxItems"), sub.get("minItems")
    f.open_vocab = bool(sub.get("x-open-vocabulary"))
    if f.kind in ("integer", "number", "range"):
        plausible = sub.get("x-plausible") or {}
        unit = plausible.get("unit") and " ".join(dict.fromkeys(u for u in (plausible.get("unit"), plausible.get("unit_en")) if u))
        f.unit = unit or UNITS.get(key) or UNITS.get(key.rsplit("_", 1)[-1], "")
    return f


def _enum_label(title, value) -> str:
    """An enum value as the form shows it: 「駅 / station」 from x-enum-titles {ja, en} (or the words the pages use
    for it), else the value."""
    from .facts import BY, KIND

    if isinstance(title, dict):
        return " / ".join(str(t) for t in (title.get("ja"), title.get("en")) if t)
    known = KIND.get(value) or BY.get(value)
    return str(title or (f"{known[0]} / {value}" if known else value))


def figure_fields(sub: dict, path: str, taxonomy) -> list[Field]:
    """One number input per key figure of a vocabulary (X軸ストローク mm, 加圧能力 t …); the form shows those of the
    chosen machine type (form.js GE.showFigures)."""
    values = sub.get("additionalProperties") or {}
    out = []
    for key, fig in (getattr(taxonomy, "figures", None) or {}).items():
        unit = fig.unit if hasattr(fig.unit, "ja") else None
        kind = "range" if values.get("x-range") else "integer" if values.get("type") == "integer" else "number"
        f = Field(key, f"{path}.{key}", kind, fig.label.ja,
                  fig.label.en or "", inputmode="decimal",
                  unit=(unit.ja if not unit or not unit.en or unit.en == unit.ja else f"{unit.ja} {unit.en}") if unit
                  else str(fig.unit or ""))
        out.append(f)
    return out


def form_fields(schema: dict, taxonomies: dict | None = None) -> list[Field]:
    """The fields of the whole profile form, in the schema's order (with the machine figures when `taxonomies`)."""
    needed = set(schema.get("required", []))
    return [make_field(k, s, k, k in needed, taxonomies) for k, s in schema.get("properties", {}).items()]


def taxonomy_data(taxonomies: dict[str, Taxonomy]) -> dict:
    """The vocabularies as the browser needs them: every term with its labels, group, reading and aliases; the key
    figures (label, unit, usual range) and the makers' English names of the machine types."""
    out = {name: {"title": {"ja": tax.title.ja, "en": tax.title.en},
                  "groups": {k: {"ja": g.ja, "en": g.en} for k, g in tax.groups.items()},
                  "terms": [{"key": t.key, "ja": t.label.ja, "en": t.label.en or "", "group": t.group or "",
                             "kana": t.kana or "", "aliases": list(t.aliases),
                             "figures": list(getattr(t, "figures", ()) or ())} for t in tax.terms.values()]}
           for name, tax in taxonomies.items()}
    for name, tax in taxonomies.items():
        if getattr(tax, "figures", None):  # the form questions a figure outside its usual range (vocab._plausible)
            out[name]["figures"] = {k: {"ja": f.label.ja, "en": f.label.en or k, "unit": f.unit.ja,
                                        "unit_en": f.unit.en or f.unit.ja, "min": f.min, "max": f.max}
                                    for k, f in tax.figures.items()}
            out[name]["makers"] = dict(tax.makers)
    return out


def schema_line() -> str:
    """The `# yaml-language-server: $schema=…` line that `guidebook new` writes, so both agree."""
    for line in PROFILE_TEMPLATE.read_text(encoding="utf-8").splitlines():
        if line.startswith("# yaml-language-server:"):
            return line
    return ""


def message_catalogue() -> dict:
    """The validator's message catalogue ({rule: {ja, en, example}}), when the validator ships one."""
    if MESSAGES.is_file():
        return json.loads(MESSAGES.read_text(encoding="utf-8"))
    return {}


def missing_vendor() -> list[str]:
    """The npm packages the editor needs that are not installed."""
    files = {pkg for pkg, rel in VENDOR.values() if not (NODE_MODULES / pkg / rel).is_file()}
    trees = {pkg for pkg, rel in VENDOR_TREES.values() if not (NODE_MODULES / pkg / rel / "index.js").is_file()}
    return sorted(files | trees)


def render_editor(content: Content, guide: Guide, out: Path, themes: list[Path]) -> list[Problem]:
    """Write edit/index.html (and en/edit/index.html), edit/data/<slug>.json and the editor's scripts into the site;
    return warnings."""
    missing = missing_vendor()
    schema = load_schema("company")
    env = environment(themes, guide)
    paths = {lang: (f"{EDIT_DIR}/index.html" if lang == "ja" else f"{lang}/{EDIT_DIR}/index.html")
             for lang in guide.site.languages if lang in ("ja", "en")}
    data = {"schema": schema, "taxonomies": taxonomy_data(guide.taxonomies), "messages": message_catalogue(),
            "repository": guide.site.repository, "branch": "main", "schemaLine": schema_line(),
            "site": {"title": guide.site.title.ja, "municipality": guide.site.municipality.ja,
                     "color": guide.site.color, "prefecture": guide.site.prefecture},
            "companies": {c.slug: c.name.ja for c in guide.companies},
            "phone": japanese.phone_plan(),  # where a bare phone number's area code ends, as the validator splits it
            # the validator's limits, which the form shrinks each picked photo to
            "imageLimits": {"bytes": image_rules.MAX_BYTES, "pixels": image_rules.MAX_PIXELS,
                            "edge": image_rules.FORM_LONG_EDGE, "logoEdge": LOGO_EDGE}}
    fields = form_fields(schema, guide.taxonomies)
    for lang, path in paths.items():  # one form; the English page for a clerk who reads English
        page = PageCtx(lang, path, "プロフィールの編集 / Edit a profile" if lang == "ja" else "Edit a company profile",
                       "edit", alternates=paths)
        # the profiles' data and images are published once, at the site root: each page finds them from where it is
        here = {**data, "lang": lang, "root": "../" * path.count("/")}  # relative even with a base_url
        html = env.get_template("site/edit.html").render(
            page=page, guide=guide, site=guide.site, t=strings(themes)[lang], fields=fields, english=lang == "en",
            editor_json=json.dumps(here, ensure_ascii=False).replace("</", "<\\/"), ready=not missing)
        target = out / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
    data_dir = out / EDIT_DIR / "data"
    data_dir.mkdir(parents=True, exist_ok=True)
    for slug, doc in content.companies.items():
        (data_dir / f"{slug}.json").write_text(json.dumps(doc.data, ensure_ascii=False), encoding="utf-8")
        # the profile's own bytes: the form edits this text, so an unchanged save gives the same file
        shutil.copyfile(doc.path, data_dir / f"{slug}.yaml")
    if missing:
        return [Problem("node_modules", 0, 0,
                        f"プロフィール編集ページのスクリプト（npm の {', '.join(missing)}）がないため、編集フォームは"
                        f"動きません。`make build`（npm ci）で入ります。 / the profile editor is disabled: npm package(s) "
                        f"{', '.join(missing)} are missing; `make build` runs npm ci.", "warning", "editor")]
    vendor = out / "assets" / "editor" / "vendor"
    vendor.mkdir(parents=True, exist_ok=True)
    for name, (pkg, rel) in VENDOR.items():
        shutil.copyfile(NODE_MODULES / pkg / rel, vendor / name)
    for name, (pkg, rel) in VENDOR_TREES.items():
        shutil.copytree(NODE_MODULES / pkg / rel, vendor / name, dirs_exist_ok=True)
    return []
