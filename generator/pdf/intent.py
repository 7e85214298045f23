"""The press edition's output intent: which CMYK printing condition the PDF/X is made for, and its ICC profile.

A Japanese print shop expects Japan Color. The default is Japan Color 2011 Coated, the profile that JPMA publishes
with X-Rite's permission ("may be used, embedded, exchanged, and shared without restriction", not altered or sold);
Debian ships it in the icc-profiles package (tools/setup-system.sh installs it). We do not ship a profile ourselves.
`print.output_intent` in site.yaml names another condition or an .icc file of the print shop; a theme may also hold
its print shop's profile as print/cmyk.icc.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import ContentError, ToolMissing

DEFAULT = "Japan Color 2011 Coated"
ICC_DIRS = [Path("/usr/share/color/icc"), Path("/usr/local/share/color/icc")]

# Conditions that can be named in site.yaml, and the file names their profiles are usually installed under.
NAMED = {
    "Japan Color 2011 Coated": ("JapanColor2011Coated.icc",),
    "Japan Color 2001 Coated": ("JapanColor2001Coated.icc",),
    "Japan Color 2001 Uncoated": ("JapanColor2001Uncoated.icc",),
    "Japan Color 2003 Web Coated": ("JapanColor2003WebCoated.icc",),
    "FOGRA39": ("ISOcoated_v2_eci.icc", "CoatedFOGRA39.icc"),
}

# Profile description → Reference Name in the ICC Characterization Data Registry. A registered name goes into
# OutputConditionIdentifier with RegistryName http://www.color.org; any other condition is identified by its
# profile's description, without a RegistryName, and the embedded profile defines it (ISO 15930).
REGISTERED = {
    "Japan Color 2001 Coated": "JC200103",
    "Japan Color 2001 Uncoated": "JC200104",
    "Japan Color 2002 Newspaper": "JCN2002",
    "Japan Color 2003 Web Coated": "JCW2003",
    "Coated FOGRA39 (ISO 12647-2:2004)": "FOGRA39",
    "ISO Coated v2 (ECI)": "FOGRA39",
    "U.S. Web Coated (SWOP) v2": "CGATS TR 001",
}
ICC_REGISTRY = "http://www.color.org"


@dataclass(frozen=True)
class OutputIntent:
    """A CMYK printing condition: the profile to convert colours with and embed, and how the PDF names it."""

    profile: Path
    condition: str  # OutputCondition and Info: the profile's description, for people
    identifier: str  # OutputConditionIdentifier
    registry: str = ""  # RegistryName, only for a registered characterisation


@lru_cache(maxsize=16)
def describe(profile: Path) -> OutputIntent:
    """The output intent of a CMYK ICC profile file; ValueError when it is not one."""
    from PIL import ImageCms

    try:
        info = ImageCms.getOpenProfile(str(profile)).profile
    except (OSError, ImageCms.PyCMSError) as exc:
        raise ValueError(f"not an ICC profile: {exc}") from None
    if info.xcolor_space.strip() != "CMYK" or info.device_class.strip() != "prtr":
        raise ValueError(f"not a CMYK output profile ({info.xcolor_space.strip()}, {info.device_class.strip()})")
    name = (info.profile_description or profile.stem).strip()
    registered = REGISTERED.get(name)
    return OutputIntent(profile, name, registered or name, ICC_REGISTRY if registered else "")


def _setting_line(content_root: Path) -> int:
    site = content_root / "site.yaml"
    try:
        lines = site.read_text(encoding="utf-8").splitlines()
    except OSError:
        return 1
    return next((i for i, line in enumerate(lines, 1) if "output_intent" in line), 1)


def output_intent(setting: str | None, themes: list[Path], content_root: Path) -> OutputIntent:
    """The output intent of the print edition from site.yaml's `print.output_intent` (a name in NAMED or an .icc
    file relative to the content folder), else a theme's print/cmyk.icc, else Japan Color 2011 Coated.

    ContentError when the setting names a file that is not a CMYK profile or an unknown condition; ToolMissing when
    the named condition's profile is not installed."""
    site = content_root / "site.yaml"
    if not setting:
        for theme in themes:
            if (theme / "print" / "cmyk.icc").is_file():
                return _checked(theme / "print" / "cmyk.icc", site, 1)
        setting = DEFAULT
    line = _setting_line(content_root)
    if setting.lower().endswith((".icc", ".icm")):
        path = (content_root / setting).resolve()
        if not path.is_file():
            raise ContentError.at(site, line, 1, f"print.output_intent の ICC プロファイル {setting} がありません。 / "
                                                 f"print.output_intent: no ICC profile {setting}.", "output-intent")
        return _checked(path, site, line)
    if setting not in NAMED:
        names = "、".join(NAMED)
        raise ContentError.at(site, line, 1, f"print.output_intent「{setting}」は使えません（{names}、または .icc ファイル）。"
                                             f" / print.output_intent {setting!r}: use one of {', '.join(NAMED)} or "
                                             f"an .icc file.", "output-intent")
    folders = [t / "print" for t in themes] + [content_root] + ICC_DIRS
    for folder in folders:
        for name in NAMED[setting]:
            for path in [folder / name, *sorted(folder.glob(f"*/{name}"))] if folder.is_dir() else []:
                if path.is_file():
                    return _checked(path, site, line)
    hint = ("sudo apt-get install icc-profiles（Debian は non-free、Ubuntu は multiverse）または make setup"
            if setting == DEFAULT else f"{NAMED[setting][0]} をテーマの print/ フォルダに置く")
    hint_en = ("sudo apt-get install icc-profiles (Debian non-free, Ubuntu multiverse) or make setup"
               if setting == DEFAULT else f"put {NAMED[setting][0]} in your theme's print/ folder")
    raise ToolMissing(f"印刷用の ICC プロファイル「{setting}」（{NAMED[setting][0]}）が見つかりません: {hint}。 / the ICC "
                      f"profile for {setting} ({NAMED[setting][0]}) is not installed: {hint_en}.")


def _checked(path: Path, site: Path, line: int) -> OutputIntent:
    try:
        return describe(path)
    except ValueError as exc:
        raise ContentError.at(site, line, 1, f"{path.name} は CMYK の出力用 ICC プロファイルではありません（{exc}）。 / "
                                             f"{path.name} is not a CMYK output ICC profile ({exc}).",
                              "output-intent") from None
