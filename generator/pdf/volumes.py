"""Volumes (分冊): the printed guidebook of a large city as several booklets of whole chapters (site.yaml
`print.volumes: by chapter`).

The rule, written once here (the staff guide explains it): a chapter's size is its number of companies, the most
company pages it can take (two short profiles may share a page, so a volume can come out a little thinner). Chapters
are never split and keep the book's order. The set has the fewest volumes that `print.volume_pages` allows, filling
volumes in order and starting a new one when the next chapter would not fit; a chapter longer than the budget is a
volume of its own. Of the splits into that many volumes, the one with the smallest largest volume (of more than one
chapter) is taken, its earlier volumes as full as that allows: the volumes come out about equally thick. Sizes come
from the data, never from laid-out pages, so the Japanese, English and press editions have the same volumes. When
everything fits in one volume, the book is the one book of `volumes: none`.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from ..model import Guide, Text
from .plan import Row, Section, sections


def group(sizes: list[int], budget: int) -> list[list[int]]:
    """The chapter indices of each volume, for chapters of `sizes` (in order) and a budget per volume (see above)."""
    def fill(cap: int) -> list[list[int]]:
        volumes: list[list[int]] = []
        size = 0
        for i, chapter in enumerate(sizes):
            if not volumes or size + chapter > cap:
                volumes.append([])
                size = 0
            volumes[-1].append(i)
            size += chapter
        return volumes

    fewest = len(fill(budget))
    low, high = 1, max(1, budget)  # the smallest cap that still gives `fewest` volumes: as even as they can be
    while low < high:
        middle = (low + high) // 2
        if len(fill(middle)) <= fewest:
            high = middle
        else:
            low = middle + 1
    return fill(high)


@dataclass
class Volume:
    """One booklet of a set: its number, its chapters (grouped in the book's parts) and the guide of its companies."""

    number: int
    count: int  # volumes in the set
    parts: list[Section]  # its parts, numbered as in the whole book, with only its chapters
    guide: Guide  # the whole guide's settings and vocabularies, with only this volume's companies
    labels: list[Text]  # what it holds: whole parts by their label, the others by their chapters' labels
    siblings: list["Volume"] = field(default_factory=list)  # the whole set, this volume included

    def __repr__(self) -> str:  # a guide's repr is the whole model: never digest or print it by accident
        return f"Volume({self.number}/{self.count})"

    def ordinal(self, lang: str) -> str:
        """第1分冊 / Volume 1."""
        return f"第{self.number}分冊" if lang == "ja" else f"Volume {self.number}"

    def subject(self, lang: str) -> str:
        """What it holds, short: two labels at most, else the first and the last."""
        return ("／" if lang == "ja" else " / ").join(self.subject_lines(lang)) if len(self.labels) <= 2 else \
            "".join(self.subject_lines(lang))

    def subject_lines(self, lang: str) -> list[str]:
        """The subject as lines that each fit a row of the contents: each label, or the first and the last."""
        labels = [label.get(lang) for label in self.labels]
        if len(labels) > 2:
            return [labels[0] + ("〜" if lang == "ja" else " – "), labels[-1]]
        return labels

    def name(self, lang: str) -> str:
        """第1分冊 素材・金属 / Volume 1: Materials and metals."""
        return f"{self.ordinal(lang)}　{self.subject(lang)}" if lang == "ja" else \
            f"{self.ordinal(lang)}: {self.subject(lang)}"

    def file_name(self, lang: str) -> str:
        """guidebook-vol1.pdf, guidebook-vol1-en.pdf: the language last, as in the companies' one-page PDFs."""
        return f"guidebook-vol{self.number}.pdf" if lang == "ja" else f"guidebook-vol{self.number}-{lang}.pdf"

    def set_rows(self, lang: str) -> list[Row]:
        """The end of its table of contents: every volume of the set and what it holds, this one marked, so that a
        reader holding one knows where the other chapters are (rows never wrap: a volume's subject takes two)."""
        this = "（本書）" if lang == "ja" else " (this volume)"
        rows = [Row("分冊の構成" if lang == "ja" else "Volumes of this guidebook", head=True, level=0)]
        for volume in self.siblings:
            rows.append(Row(volume.ordinal(lang) + (this if volume is self else ""), head=True, level=1))
            rows += [Row(line, level=2) for line in volume.subject_lines(lang)]
        return rows

    @property
    def key(self) -> str:
        """vol1: the volume's name in the build state and the chunk cache."""
        return f"vol{self.number}"


def volumes(guide: Guide) -> list[Volume]:
    """The volumes of the guidebook; empty when it is one book (`volumes: none`, or everything fits in one)."""
    settings = guide.site.print
    if settings.volumes != "by chapter":
        return []
    parts = sections(guide)
    chapters = [(part, term, companies) for part in parts for term, companies in part.chapters]
    groups = group([len(companies) for _p, _t, companies in chapters], settings.volume_pages)
    if len(groups) < 2:
        return []
    made = []
    for number, members in enumerate(groups, 1):
        mine = [chapters[i] for i in members]
        own: list[Section] = []
        labels: list[Text] = []
        for part in parts:
            held = [(term, companies) for p, term, companies in mine if p is part]
            if not held:
                continue
            own.append(Section(part.number, part.key, part.label, held))
            labels += [part.label] if len(held) == len(part.chapters) else [term.label for term, _c in held]
        slugs = {c.slug for _p, _t, companies in mine for c in companies}
        sub = replace(guide, companies=[c for c in guide.companies if c.slug in slugs])
        made.append(Volume(number, len(groups), own, sub, labels, siblings=made))
    return made


def pdf_files(guide: Guide, lang: str) -> list[tuple[str, str]]:
    """The guidebook PDFs of a language as (file name, what it is): one book, or its volumes; for the website."""
    found = volumes(guide)
    if not found:
        return [("guidebook.pdf" if lang == "ja" else f"guidebook-{lang}.pdf", "")]
    return [(v.file_name(lang), v.name(lang)) for v in found]
