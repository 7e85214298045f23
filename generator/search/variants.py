"""Index-time search variants: the extra words written (hidden) on each company page so Pagefind finds it.

Pagefind 1.6 segments Japanese at index time with ICU4X as the browser does with Intl.Segmenter, so compounds and
parts of names match without help. What Pagefind does not know is written here: the company's reading in katakana
and romaji (the search page types an all-hiragana query in katakana, search.js), katakana words with and without a
final ー and with ヴ as バ行, the vocabulary labels of the company's terms in both languages, and the other words of each
concept of content/taxonomies/concepts.yaml (semiconductor for 半導体). A term's aliases are not written: they are the
same on every page of the term, so the search page searches a typed alias as the term's label too (search.js
runBoth, from search/terms.json). Width and readings of kanji
words are folded on the query side instead (NFKC, search/readings-<n>.json), so no page carries ＩＳＯ, ﾒｯｷ or ようせつ.
Text next to kana is segmented into words (so words are written between ・).
"""
from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from ..model.romaji import romanize
from ..model.text import LEGAL_FORMS, hiragana_to_katakana, strip_legal_form  # noqa: F401 (re-exported)

_RUN = re.compile(r"[\u4e00-\u9fff\u3005]+|[\u30a0-\u30ff\uff66-\uff9f]+|[\u3041-\u309f]+|[0-9A-Za-z][0-9A-Za-z.\-+/]*")
_KANJI = re.compile(r"^[\u4e00-\u9fff\u3005]+$")
_KATAKANA = re.compile(r"^[\u30a1-\u30ff]+$")
_KANA = re.compile(r"^[\u3041-\u309f\u30a1-\u30ff]+$")
# The same words recur on thousands of pages (term labels, aliases, common product words), so each word's variants
# are computed once per process; bounded so that a huge site cannot grow the caches without limit.
_CACHE = 1 << 17


@dataclass
class SearchWords:
    """The hidden words of one company page, by how much they should weigh in ranking."""

    names: list[str]  # the company's name and reading
    labels: list[str]  # the labels of its vocabulary terms
    own: list[str]  # its own words: products, materials, equipment
    english: list[str]  # its English prose (PR, product descriptions), shown only on the English page
    # its catchphrase (summary): what the company is, which outweighs a product named in passing (医療 finds the maker
    # of medical devices before the shops with one 医療機器用 product; outsider buyer, session 16)
    catch: list[str] = field(default_factory=list)
    # who it sells to: a customer list (自動車部品メーカー) says the least of what the company does itself
    customers: list[str] = field(default_factory=list)


def concepts_file(company) -> Path:
    """The concept list of a company's content: taxonomies/concepts.yaml beside its companies/ folder."""
    return taxonomies_folder(company) / "concepts.yaml"


def guide_concepts(guide) -> tuple[tuple[str, ...], ...]:
    """The concept groups of a guide's content (what its hidden search words depend on beyond each profile)."""
    return concept_groups(concepts_file(guide.companies[0])) if guide.companies else ()


def _load_yaml(path):
    """A vocabulary file's data, parsed by libyaml where PyYAML has it (the same data, a tenth of the time: the
    rendering processes read the vocabularies for the hidden words of the company pages)."""
    return yaml.load(Path(path).read_text(encoding="utf-8"), Loader=_SAFE_LOADER)  # noqa: S506 - a safe loader


_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@lru_cache(maxsize=4)
def concept_groups(path: Path) -> tuple[tuple[str, ...], ...]:
    """Groups of words meaning the same thing, from a concept list (none when the content has no such file)."""
    try:
        data = _load_yaml(path) or []
    except FileNotFoundError:
        return ()
    return tuple(tuple(str(w) for w in group) for group in data)


def to_hiragana(text: str) -> str:
    """Katakana to hiragana (other characters, and ー, unchanged)."""
    return "".join(chr(ord(c) - 0x60) if "\u30a1" <= c <= "\u30f6" else c for c in text)


_VU = {"ヴァ": "バ", "ヴィ": "ビ", "ヴェ": "ベ", "ヴォ": "ボ", "ヴ": "ブ"}


def fold_vu(word: str) -> str:
    """ヴ written as the バ行 kana most people type (ヴァイオリン → バイオリン), as the search page folds queries."""
    for vu, ba in _VU.items():
        word = word.replace(vu, ba)
    return word


def long_vowel_forms(word: str) -> list[str]:
    """A katakana loanword with and without its final ー (レーザ / レーザー, コンピュータ / コンピューター)."""
    if not _KATAKANA.match(word) or len(word) < 3:
        return []
    if word.endswith("ー"):
        return [word.rstrip("ー")]
    # JIS-style spellings drop the ー of -er/-or words (モータ, センサ, フィルタ): those end in the ア row
    return [word + "ー"] if word[-1] in "アカガサザタダナハバパマヤラワャ" else []


def pieces(text: str) -> list[str]:
    """Runs of one script (kanji, katakana, hiragana, Latin letters and digits) in a text."""
    return _RUN.findall(unicodedata.normalize("NFKC", text))


def spellings(word: str) -> list[str]:
    """The ways a buyer may type one word: NFKC, case, kana, width and long-vowel variants."""
    return list(_spellings(word))


@lru_cache(maxsize=_CACHE)
def _spellings(word: str) -> tuple[str, ...]:
    base = unicodedata.normalize("NFKC", word).strip()
    if not base:
        return ()
    # No lower-case, full-width or half-width forms: Pagefind folds case on both sides, and the search page folds
    # the width of what a buyer types (NFKC, search.js), so those spellings would only cost index time.
    if not _KANA.match(base):
        # kana inside a word with kanji is okurigana (穴あけ, 組込み): nobody types 穴アケ; the word's kana runs get
        # their own spellings through pieces()
        return (base,)
    # The search page types an all-hiragana query in katakana (search.js), so a kana word is written in katakana,
    # with and without its final ー, and with ヴ as バ行 (ヴァルブ, バルブ): the page folds ヴ the same way
    kata = hiragana_to_katakana(base)
    forms = [base, kata, *long_vowel_forms(kata)]  # as written too: a query mixing it with kanji (めっき加工) keeps it
    forms += [fold_vu(f) for f in forms]
    return tuple(dict.fromkeys(forms))


def synonyms(word: str, path: Path) -> list[str]:
    """Words of every concept of the list at `path` the word names (or starts with a 2+ character member of)."""
    return list(_synonyms(word, os.fspath(path)))


# The caches below take the concept list's path as a str: a Path hashes and compares in Python at every look-up

@lru_cache(maxsize=4)
def _member_groups(path: str) -> tuple[list[tuple[str, ...]], dict[str, tuple[int, ...]]]:
    """The concept groups of the list at `path`, and each lower-cased member -> the indexes of its groups."""
    groups = list(concept_groups(Path(path)))
    members: dict[str, list[int]] = {}
    for i, group in enumerate(groups):
        for member in group:
            found = members.setdefault(member.lower(), [])
            if not found or found[-1] != i:
                found.append(i)
    return groups, {m: tuple(found) for m, found in members.items()}


@lru_cache(maxsize=_CACHE)
def _synonyms(word: str, path: str) -> tuple[str, ...]:
    folded = unicodedata.normalize("NFKC", word).lower()
    groups, members = _member_groups(path)
    # a Japanese word that starts with a member names it too (半導体製造装置用 → 半導体, 自動車部品 → 自動車); one that
    # ends with it mostly names something else (サイジングプレス is a machine, not press work). Each of the word's
    # beginnings is looked up among the members (a dict), not every member tried against the word: most words name
    # no concept, and every page has hundreds of words
    named = set(members.get(folded, ()))
    if not folded.isascii():
        for end in range(2, len(folded)):
            named.update(members.get(folded[:end], ()))
    return tuple(w for i in sorted(named) for w in groups[i])


def key(word: str) -> str:
    """What makes two hidden words the same to Pagefind, which lower-cases Latin letters: Casting is casting."""
    return word.lower() if word.isascii() else word


def expand(words, concepts: Path, *, name: bool = False) -> list[str]:
    """All spellings of the words, their script runs and synonyms (for names, also without the legal form)."""
    return [form for _key, form in _expand(words, os.fspath(concepts), name)]


def _expand(words, concepts: str, name: bool = False) -> list[tuple[str, str]]:
    """expand() as (key, form) pairs."""
    seen: dict[str, str] = {}
    for word in words:
        if word:
            for k, form in _keyed_forms(str(word), concepts, name):
                if k not in seen:
                    seen[k] = form
    return list(seen.items())


@lru_cache(maxsize=_CACHE)
def _keyed_forms(word: str, concepts: str, name: bool) -> tuple[tuple[str, str], ...]:
    """_forms() of one word, each with its key."""
    return tuple((key(form), form) for form in _forms(word, concepts, name))


@lru_cache(maxsize=_CACHE)
def _forms(word: str, concepts: str, name: bool) -> tuple[str, ...]:
    """expand() of one word, in order and without repeats."""
    base = [word] + ([strip_legal_form(word)] if name else [])
    # Pagefind splits Latin text at spaces itself: the words of "Heat treatment" need not be written again
    spaced = {part for w in base for part in unicodedata.normalize("NFKC", w).split()}
    runs = [r for w in base for r in pieces(w) if (len(r) >= 2 or _KANJI.match(r)) and not (r.isascii() and r in spaced)]
    seen: dict[str, None] = {}
    for w in base + runs + list(_synonyms(word, concepts)) + [s for r in runs for s in _synonyms(r, concepts)]:
        seen.update(dict.fromkeys(_spellings(w)))
    return tuple(seen)


def named_kinds(company) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The processes (t:key, with the Japanese words of each technology: label, aliases) and the material kinds
    (m:group, with its Japanese label) of the company's content, two characters or more, folded as search keys."""
    return _named_kinds(taxonomies_folder(company))


def taxonomies_folder(company) -> Path:
    """content/taxonomies beside the company's folder (content/companies/<slug>)."""
    return _taxonomies_beside(os.path.dirname(company.folder))


@lru_cache(maxsize=8)
def _taxonomies_beside(companies: str) -> Path:
    return Path(companies).parent / "taxonomies"


@lru_cache(maxsize=8)
def _vocabulary(path: Path) -> dict:
    try:
        return _load_yaml(path) or {}
    except FileNotFoundError:
        return {}


def material_group_words(company) -> list[str]:
    """The words of the groups of the company's materials (ステンレス, Stainless steel and the aliases of the group's
    general term for SUS304): a buyer names the kind of material more often than the grade."""
    groups = tuple(dict.fromkeys(t.group for t in getattr(company, "material_terms", None) or [] if t.group))
    return list(_group_words(taxonomies_folder(company) / "materials.yaml", groups)) if groups else []


@lru_cache(maxsize=_CACHE)
def _group_words(materials: Path, groups: tuple[str, ...]) -> tuple[str, ...]:
    data = _vocabulary(materials)
    labels, terms = data.get("groups") or {}, data.get("terms") or {}
    words: list[str] = []
    for key in groups:
        if key == "other":
            continue
        general = terms.get(key) if isinstance(terms.get(key), dict) else {}
        for label in (labels.get(key) or {}, general):
            words += [str(label[lang]) for lang in ("ja", "en") if label.get(lang)]
        words += [str(a) for a in general.get("aliases") or []]
    return tuple(words)


@lru_cache(maxsize=4)
def _named_kinds(taxonomies: Path) -> tuple[tuple[str, tuple[str, ...]], ...]:
    def words(ws) -> tuple[str, ...]:
        return tuple(dict.fromkeys(key(str(w)) for w in ws if w and len(str(w)) > 1 and not str(w).isascii()))

    processes = (_vocabulary(taxonomies / "technologies.yaml").get("terms") or {}).items()
    kinds = (_vocabulary(taxonomies / "materials.yaml").get("groups") or {}).items()
    return (tuple((f"t:{k}", words([t.get("ja"), *(t.get("aliases") or [])])) for k, t in processes
                  if isinstance(t, dict))
            + tuple((f"m:{k}", words([g.get("ja")])) for k, g in kinds if isinstance(g, dict) and k != "other"))


@lru_cache(maxsize=_CACHE)
def _processes_named(alias: str, technologies: tuple[tuple[str, tuple[str, ...]], ...]) -> frozenset[str]:
    """The processes and material kinds whose words an alias holds (once per alias: they recur on every page)."""
    folded = key(alias)
    return frozenset(k for k, words in technologies if any(w in folded for w in words))


@lru_cache(maxsize=_CACHE)
def _material_forms(label: str, concepts: str, kinds: tuple, owned: frozenset[str]) -> tuple[str, ...]:
    """expand() of a material's label without the label, runs and synonyms that name a process the company does not
    list (SECC（電気亜鉛めっき鋼板） of a sheet-metal shop: SECC, 電気亜鉛, 鋼板, not めっき, メッキ, 鍍金, plating)."""
    processes = tuple(k for k in kinds if k[0].startswith("t:"))

    def foreign(word: str) -> bool:
        return bool(_processes_named(word, processes) - owned)
    if not foreign(label):
        return _forms(label, concepts, False)
    spaced = set(unicodedata.normalize("NFKC", label).split())
    runs = [r for r in pieces(label) if (len(r) >= 2 or _KANJI.match(r)) and not (r.isascii() and r in spaced)
            and not foreign(r)]
    seen: dict[str, None] = {}
    for w in ([label] if label.isascii() else []) + runs + [s for r in runs for s in _synonyms(r, concepts)]:
        seen.update(dict.fromkeys(f for f in _spellings(w) if not foreign(f)))
    return tuple(seen)


_LISTED = re.compile(r"[（(]([^（）()]+)[）)]")
_LIST_WORD = re.compile(r"^[\u4e00-\u9fff\u3005\u30a1-\u30ff]{1,6}$")


def listed_compounds(company) -> list[str]:
    """The compounds a company's own words spell out in parts, for a process it lists: バレルメッキ（亜鉛・ニッケル） in
    the summary, or a plating line with the spec 亜鉛・ニッケル, is 亜鉛めっき and ニッケルめっき (and 亜鉛メッキ…), so that a
    buyer's 亜鉛めっき finds the zinc plater whose profile never writes the word (outsider buyer, session 14)."""
    kinds = named_kinds(company)
    processes = tuple(k for k in kinds if k[0].startswith("t:"))
    owned = frozenset(_own_kinds(company))
    items = [(company.summary.ja if company.summary else None, None)]
    items += [(p.name.ja, None) for p in company.products if p.name]
    items += [(e.name.ja if e.name else None, e.spec.ja if e.spec else None) for e in company.equipment]
    out: list[str] = []
    for text, spec in items:
        if not text:
            continue
        named = _processes_named(text + (spec or ""), processes) & owned
        if not named:
            continue
        # a list (亜鉛・ニッケル), in brackets or as a machine's whole spec; not a spec of other kinds (窒素対応 10ゾーン)
        parts = [re.split(r"[・、,/]+", p.strip()) for p in _LISTED.findall(unicodedata.normalize("NFKC", text))]
        if spec and re.search(r"[・、,/]", spec):
            parts.append(re.split(r"[・、,/]+", unicodedata.normalize("NFKC", spec).strip()))
        listed = [w for part in parts if all(_LIST_WORD.match(w) for w in part) for w in part]
        for k, words in processes:
            if k in named:
                # the label and its spellings in kana (めっき, メッキ): what a buyer types after the metal
                ends = [words[0]] + [w for w in words[1:] if _KANA.match(w) and len(w) <= 4] if words else []
                out += [w + end for w in listed for end in ends if not w.endswith(end)]
    return list(dict.fromkeys(out))


def _own_kinds(company) -> set[str]:
    """The processes and material kinds the company names (its technologies, what it takes on, its materials)."""
    own = {f"t:{t.key}" for t in [*company.technologies, *(getattr(company, "accepts", None) or [])] if t}
    return own | {f"m:{t.group}" for t in getattr(company, "material_terms", None) or [] if t and t.group}


def _v2_terms(company) -> list:
    return ([t for t in dict.fromkeys(getattr(e, "type", None) for e in company.equipment) if t is not None]
            + list(getattr(company, "material_terms", None) or [])
            + [q for q, _count in getattr(company, "qualifications", None) or [] if q is not None])


def company_words(company) -> SearchWords:
    """The hidden search words of one company (the model's Company), written on its Japanese page.

    Only the Japanese pages are indexed, for the English search page too, so they carry the English words as well:
    names, labels, summary and products in both languages, and the English prose that only the English page shows.
    """
    c = company
    terms = [term for tax in ("technologies", "industries", "certifications", "capabilities", "areas")
             for term in c.terms(tax) if term]
    # the machine types, materials and qualifications of format v2: their labels and aliases find the company
    v2_terms = _v2_terms(c)
    terms += v2_terms
    # the reading in Hepburn too, as typed on a business card (okochi) or a keyboard (ookouchi)
    concepts = os.fspath(concepts_file(c))
    # (key, word) pairs: the key (what Pagefind takes as the same word) made once per word, not for every company
    names = (_expand([c.name.ja, c.name.en], concepts, name=True)
             + _expand([c.kana, romanize(c.kana), romanize(c.kana, long_vowels=True)], concepts))
    # a material's label that names a process (SECC（電気亜鉛めっき鋼板）: めっき) says what was done to the sheet, not what
    # the company does: its words that name a process the company does not list are not written, nor their synonyms,
    # so that a buyer looking for a plater does not get every shop that bends zinc-plated sheet (outsider buyer)
    kinds_named, kinds = _own_kinds(c), named_kinds(c)
    materials = set(getattr(c, "material_terms", None) or [])
    labels = _expand([w for term in terms if term not in materials for w in (term.label.ja, term.label.en)]
                     + material_group_words(c), concepts)
    # in the profile's order: a set's order follows the string hashes, which differ from one build to the next
    labels += [(key(w), w) for term in dict.fromkeys(getattr(c, "material_terms", None) or [])
               for label in (term.label.ja, term.label.en) if label
               for w in _material_forms(label, concepts, kinds, frozenset(kinds_named))]
    # the catchphrase is a sentence, shown on the page as it is: only its words, not the whole sentence again
    catch = _words([w for t in (c.summary.ja, c.summary.en) if t for w in pieces(t)], concepts)
    texts = [t for p in c.products for t in (p.name.ja, p.name.en)]
    texts += [t for m in list(getattr(c, "material_others", c.materials)) for t in (m.ja, m.en)]
    texts += [t for e in c.equipment for t in ((e.name.ja if e.name else None), e.maker)]
    texts += listed_compounds(c)
    own = _words(texts, concepts)
    customers = _words([t for m in c.customers for t in (m.ja, m.en)], concepts)
    seen: set[str] = set()
    groups = []
    # a word is written once, in the first (the heaviest) group that has it
    for group in (names, catch, labels, own, customers):
        groups.append([w for k, w in group if k not in seen])
        seen.update(k for k, _w in group)
    names_, catch_, labels_, own_, customers_ = groups
    english = [t.en for t in [c.pr] + [p.description for p in c.products] if t and t.en]
    return SearchWords(names_, labels_, own_, english, catch_, customers_)


def _words(texts, concepts: str) -> list[tuple[str, str]]:
    """(key, word) pairs of the words of some texts, their script runs and synonyms. One kana on its own is a particle
    (の, で, に): no buyer searches it, and it costs index time on every page."""
    return _expand((w for t in texts if t for w in pieces(t) + [t] if len(w) <= 24 and (len(w) > 1 or _KANJI.match(w))),
                   concepts)
