"""The two objects the PDF stage passes around: what one PDF file is (`Edition`) and what every PDF of one build
shares (`Run`), so that a function takes these two instead of the same ten parameters."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..state import State
from ..theme import Theme

if TYPE_CHECKING:  # annotations only: the PDF workers import this package, and volumes.py imports the page plan,
    # which imports this module
    from ..errors import Problem
    from ..model import Guide
    from .volumes import Volume


@dataclass(frozen=True)
class Run:
    """What every PDF of one build shares: the model, the theme, the content folder, the chunk cache, the build
    state and the list the build's warnings go to."""

    guide: Guide  # the whole guidebook (an edition of one volume shows part of it: Edition.guide)
    theme: Theme  # templates and print stylesheets, the municipality's theme first (a list of folders is made one)
    root: Path  # the content folder: site.yaml and the images, the only content WeasyPrint may read
    cache: Path | None = None  # the chunk cache, one folder per edition inside (None: a temporary one per PDF)
    state: State = field(default_factory=State)  # each chunk's digest, to reuse it without composing (digest.py)
    warnings: list[Problem] = field(default_factory=list)  # the PDF stage adds what the build should report
    processes: int | None = None  # worker processes (None: every usable core)

    def __post_init__(self):
        object.__setattr__(self, "theme", Theme.from_folders(self.theme))


@dataclass(frozen=True)
class Edition:
    """One PDF file of a build: its language, for the screen or the press, and its volume when the book is split."""

    lang: str = "ja"
    target: str = "screen"  # screen | print (PDF/X for the press: CMYK, bleed, crop marks)
    volume: Volume | None = None  # one booklet of a set (volumes.py), or None for the whole book

    @property
    def press(self) -> bool:
        """The press edition (print/…): PDF/X, CMYK, bleed and crop marks, a preflight that stops the build."""
        return self.target == "print"

    @property
    def key(self) -> str:
        """ja-screen, en-screen, ja-print-vol1: its folder in the chunk cache and its name in the build state."""
        return f"{self.lang}-{self.target}" + (f"-{self.volume.key}" if self.volume else "")

    @property
    def file_name(self) -> str:
        """Its path in the output: guidebook.pdf, guidebook-en.pdf, guidebook-vol1-en.pdf, print/guidebook.pdf."""
        if self.volume is not None:
            name = self.volume.file_name(self.lang)
        else:
            name = "guidebook.pdf" if self.lang == "ja" else f"guidebook-{self.lang}.pdf"
        return f"print/{name}" if self.press else name

    def guide(self, whole: Guide) -> Guide:
        """The guide it shows: a volume's companies only, else `whole`."""
        return self.volume.guide if self.volume is not None else whole

    def perfect(self, guide: Guide) -> bool:
        """A perfect-bound press file: its inside covers (表2, 表3) are blank pages, cut away with the cover."""
        return self.press and guide.site.print.binding == "perfect"
