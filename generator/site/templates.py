"""The Jinja2 environment over the theme (theme.py), and the filters the templates share."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import jinja2
import markdown as md
import nh3
from markupsafe import Markup, escape

from ..model.phone import e164, international_phone
from ..search.variants import company_words
from .facts import facts_globals
from .freshness import confirmed_text, freshness_note
from ..theme import DEFAULT_THEME, PROJECT, Theme
from .record import RecordingEnvironment, watch_filters
from .seo import organization_jsonld

__all__ = ["DEFAULT_THEME", "PROJECT", "Theme", "environment", "strings", "theme_dirs"]

ALLOWED_TAGS = {"p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "a", "h3", "h4", "blockquote", "code",
                "table", "thead", "tbody", "tr", "th", "td", "hr"}


def theme_dirs(custom: Path | None) -> Theme:
    """The theme search path: the municipality's theme folder (if any), then the default theme."""
    return Theme.of(custom)


@lru_cache(maxsize=1)
def _markdown() -> md.Markdown:
    # one converter, reset between texts: building one (its parser and extensions) costs more than converting a PR
    # text, and pages are rendered in processes, not threads
    return md.Markdown(extensions=["sane_lists"], output_format="html")


@lru_cache(maxsize=4096)
def markdown_html(source: str) -> str:
    """Markdown to safe HTML: raw HTML is dropped, then an allow-list sanitiser keeps only harmless markup."""
    html = _markdown().reset().convert(source.replace("<", "&lt;"))
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes={"a": {"href", "title"}},
                     url_schemes={"http", "https", "mailto"}, link_rel="noopener noreferrer nofollow")


def yen(value: int | None) -> str:
    """Capital in yen as people write it: 3,000万円."""
    if value is None:
        return ""
    if value >= 100_000_000 and value % 1_000_000 == 0:
        cho, oku = divmod(value // 100_000_000, 10_000)
        man = value // 10_000 % 10_000
        return (f"{cho:,}兆" if cho else "") + (f"{oku:,}億" if oku else "") + (f"{man:,}万円" if man else "円")
    if value >= 10_000 and value % 10_000 == 0:
        return f"{value // 10_000:,}万円"
    return f"{value:,}円"


ROMANISED = "ローマ字表記 / romanised from the Japanese"
ROMANISED_EN = "romanised from the Japanese"  # the English printed page: English labels only
JAPANESE = re.compile(r"[\u3040-\u30fa\u30fc-\u30ff\u3400-\u9fff\uff66-\uff9f]")  # kana and kanji, not the ・


def plain(value: str | None, lang: str) -> Markup:
    """A text written in one language only (a maker's name): marked lang="ja" on another language's page when it
    is Japanese."""
    if not value:
        return Markup()
    if lang != "ja" and JAPANESE.search(value):
        return Markup(f'<span lang="ja">{escape(value)}</span>')
    return escape(value)
JA_ONLY = "日本語のみ / Japanese only"


def txt(text, lang: str) -> Markup:
    """A bilingual text in `lang`, wrapped in <span lang="ja"> where the English page falls back to Japanese, and
    titled as romanised where its English is the tool's romanisation (model/english.py)."""
    if text is None:
        return Markup()
    shown = escape(text.get(lang))
    written = text.lang(lang)
    if written != lang:
        return Markup(f'<span lang="{written}">{shown}</span>')
    if lang != "ja" and text.romanised:
        return Markup(f'<span class="romanised" title="{ROMANISED}">{shown}</span>')
    return shown


def ja_only(lang: str, *texts) -> Markup:
    """The 「日本語のみ / Japanese only」 mark when a page in another language shows any of `texts` (Texts, plain
    strings such as a maker's name, lists of them, or None) in Japanese: said once beside a section, not on every
    line."""
    if lang == "ja":
        return Markup()
    flat = [t for x in texts for t in (x if isinstance(x, (list, tuple)) else [x])]
    if any(t is not None and (JAPANESE.search(t) if isinstance(t, str) else t.lang(lang) != lang) for t in flat):
        return Markup(f'<small class="ja-only">{JA_ONLY}</small>')
    return Markup()


# Not BudouX (pdf/compose.phrases): for a short title it breaks inside ものづくり (紅葉川市もの|づくり企業ガイドブック) and
# keeps 企業ガイドブック whole, too wide for a phone's header; a change of script is the break a reader expects there.
_SCRIPT_CHANGE = re.compile(r"(?<=[\u4e00-\u9fff\u3005])(?=[\u3041-\u30ff])|(?<=[\u3041-\u309f])(?=[\u4e00-\u9fff\u30a1-\u30ff])"
                            r"|(?<=[\u30a1-\u30ff])(?=[\u4e00-\u9fff\u3041-\u309f])")


def phrase_breaks(text: str) -> Markup:
    """A Japanese title with line-break chances only where the script changes (紅葉川市|ものづくり|企業|ガイドブック), for
    a heading set with word-break: keep-all: a phone never breaks ガイドブ / ック."""
    return Markup("<wbr>").join(escape(part) for part in _SCRIPT_CHANGE.split(str(text or "")))


def labels(terms, lang: str) -> str:
    """Term labels joined as a Japanese or English list."""
    return ("、" if lang == "ja" else ", ").join(t.label.get(lang) for t in terms)


def environment(themes: list[Path], guide, *, search_variants: bool = True) -> jinja2.Environment:
    """A Jinja2 environment over the theme search path, autoescaping everything.

    `search_variants=False` leaves out the hidden search words (only to measure plain Pagefind against them).
    """
    loader = Theme.from_folders(themes).loader()
    # records what each page reads while the site is rendered (record.py); records nothing otherwise
    # auto_reload off: a build's templates do not change while it runs, and asking the file system whether they did
    # at every extends, import and include of every page costs more than some of the pages
    env = RecordingEnvironment(loader=loader, autoescape=True, undefined=jinja2.StrictUndefined,
                               trim_blocks=True, lstrip_blocks=True, auto_reload=False)
    env.filters["md"] = lambda text: Markup(markdown_html(text or ""))
    env.filters["yen"] = yen
    env.filters["labels"] = labels
    env.globals["txt"] = txt
    env.filters["phrase_breaks"] = phrase_breaks
    env.globals["ja_only"] = ja_only
    env.globals["plain"] = plain
    env.globals["ROMANISED"] = ROMANISED
    env.globals["ROMANISED_EN"] = ROMANISED_EN
    env.globals["JA_ONLY"] = JA_ONLY
    env.filters["intl_phone"] = international_phone
    env.filters["e164"] = e164
    env.globals["search_words"] = company_words if search_variants else None
    env.globals["images"] = {}  # (slug, file) -> resized ImageSet; filled by render_site
    env.globals["site_logo"] = None  # path of the municipality's logo under the site root; set by render_site
    env.globals["jsonld"] = organization_jsonld
    env.globals.update(facts_globals(guide))  # the v2 facts as pages show them (facts.py)
    if guide is not None:  # how old a company's last confirmation is (freshness.py)
        env.globals["freshness_note"] = lambda c, lang: freshness_note(c, guide.site, lang)
        env.globals["confirmed_text"] = lambda c, lang: confirmed_text(c, guide.site, lang)
    watch_filters(env)
    return env


def strings(themes: list[Path]) -> dict[str, dict[str, str]]:
    """UI texts per language from the themes' strings.yaml (the municipality's entries win)."""
    return Theme.from_folders(themes).strings()
