"""Find the Japanese print fonts through fontconfig; refuse to print without them (no tofu, ever)."""
from __future__ import annotations

import shutil
import subprocess
from functools import lru_cache
from pathlib import Path

from .errors import ToolMissing

GOTHIC = "BIZ UDGothic"
MINCHO = "BIZ UDMincho"
FIX = ("Debian/Ubuntu: sudo apt-get install fonts-morisawa-bizud-gothic fonts-morisawa-bizud-mincho"
       "（または / or: make setup）")


@lru_cache(maxsize=None)
def font_file(family: str) -> Path:
    """The font file fontconfig uses for `family`; ToolMissing when that family is not installed."""
    if shutil.which("fc-match") is None:
        raise ToolMissing("fontconfig (fc-match) が見つかりません。 / fontconfig is not installed. " + FIX)
    out = subprocess.run(["fc-match", "-f", "%{family}\t%{file}", f"{family}:lang=ja"],
                         capture_output=True, text=True, check=False).stdout
    found_family, _, file = out.partition("\t")
    if family.lower() not in found_family.lower() or not file:
        raise ToolMissing(f"日本語の印刷用フォント「{family}」が見つかりません。豆腐（□）のPDFは作りません。 / "
                          f"the Japanese print font '{family}' is not installed; no PDF is written. {FIX}")
    return Path(file)


def check_fonts() -> list[Path]:
    """Make sure both print fonts are installed before any PDF work starts."""
    return [font_file(GOTHIC), font_file(MINCHO)]
