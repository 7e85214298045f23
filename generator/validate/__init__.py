"""Stage 2, validate: check all content and collect every problem, located, before anything is written."""
from __future__ import annotations

from .. import editorschema
from ..errors import Problem
from ..load import Content
from ..load.content import TAXONOMIES
from ..model import taxonomies_from
from .output import unique
from . import dates, figures, glyphs, identity, images, issued, japanese, leftovers, meant, network, pitfalls, schema, text_safety, vocab


def validate(content: Content, others: list = ()) -> list[Problem]:
    """Every problem in the content: errors and warnings, sorted by file and line. `others` are the identity facts of
    profiles not loaded (the rest of the guidebook), which the loaded ones must not copy."""
    problems, taxonomies = check_shared(content)
    for doc in content.companies.values():
        problems += check_company(content, doc, taxonomies)
    problems += identity.check(content, others)
    problems += issued.check(content, [identity.facts(content, slug) for slug in content.companies])
    return unique(problems)


def check_shared(content: Content) -> tuple[list[Problem], dict]:
    """Problems of all but the company profiles (loading, site, vocabularies, pages), and the vocabularies if valid."""
    problems = list(content.problems)
    if content.site is not None:
        problems += schema.check(content.site, "site", content.display(content.site.path))
        problems += network.check(content.site, content.display(content.site.path))
        problems += _theme_folder(content)
    tax_problems = []
    for doc in content.taxonomies.values():
        tax_problems += schema.check(doc, "taxonomy", content.display(doc.path))
    problems += tax_problems
    taxonomies = taxonomies_from(content) if not tax_problems and len(content.taxonomies) == len(TAXONOMIES) else {}
    if taxonomies:
        problems += vocab.check_words(taxonomies, content.taxonomies, content.display)
    problems += text_safety.check_shared(content)
    if taxonomies:
        problems += editorschema.check(content.root, taxonomies, content.display(content.root / editorschema.FILE))
    return problems, taxonomies


def _theme_folder(content: Content) -> list[Problem]:
    """site.yaml's `theme:` must name a folder that exists: a mistyped path silently gave the default theme."""
    theme = content.site.data.get("theme") if isinstance(content.site.data, dict) else None
    if not isinstance(theme, str) or not theme or (content.root / theme).is_dir():
        return []
    return [Problem(content.display(content.site.path), *content.site.where(("theme",)),
                    f"theme: に書かれたフォルダ「{theme}」がありません（content フォルダからの相対パス）。フォルダ名を"
                    f"確かめるか、標準のテーマを使うなら theme: の行を消してください。 / the theme folder '{theme}' "
                    f"(relative to the content folder) does not exist; check the path, or remove the theme: line to use "
                    f"the default theme.", "error", "theme-missing")]


def check_company(content: Content, doc, taxonomies) -> list[Problem]:
    """The problems of one company profile (checks across profiles are identity's)."""
    shown = content.display(doc.path)
    label = lambda pointer: schema.labels("company", pointer)  # noqa: E731
    problems, explained = pitfalls.check(doc, "company", shown)
    written, meant_at = meant.check(doc, shown, label)
    slips, figures_at = figures.check(doc, (taxonomies or {}).get("machines"), shown)
    written += slips
    ranged, ranges_at = figures.capacity_text(doc, schema.schema("company")["properties"]["capacity"], shown)
    written += ranged
    problems += written + japanese.check(doc, shown, label) + leftovers.check(doc, shown, label)
    problems += dates.check(doc, shown, label)
    problems += schema.check(doc, "company", shown, skip=explained | meant_at | figures_at | ranges_at | images.alt_pointers(doc),
                             skip_format=japanese.FIELD_CHECKS.keys())
    if taxonomies:
        problems += vocab.check(doc, taxonomies, shown, explained=figures_at)
    problems += vocab.capacity(doc, schema.schema("company")["properties"]["capacity"], shown)
    problems += images.check(doc, shown)
    problems += glyphs.check(doc, shown)
    # profiles come from anyone's pull request: no markup, safe links only
    problems += text_safety.check_doc(doc, shown, markup=True)
    if doc.mended:  # a line the loader mended is reported once, as the slip it was
        problems = [p for p in problems if p.line not in doc.mended]
    wrong = {p.line for p in problems if p.is_error}
    # a character-width warning on a line whose error already shows the corrected value says nothing more
    return [p for p in problems if p.is_error or p.rule not in WIDTH_RULES or p.line not in wrong]


WIDTH_RULES = ("halfwidth-kana", "fullwidth-ascii")


def errors_in(problems: list[Problem]) -> list[Problem]:
    """Only the problems that stop a build."""
    return [p for p in problems if p.is_error]
