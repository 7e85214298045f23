"""Document-level facts of a merged edition: its dates, XMP metadata, document ID and the press edition's output intent.

Two builds of the same content must give the same bytes, so nothing here reads the clock: the date is
SOURCE_DATE_EPOCH when it is set (reproducible-builds.org), else the date of the content repository's last commit,
else 1 January of the edition year. Never a date a company wrote: one profile's last_confirmed of 2099-12-31 must not
date the whole guidebook.
"""
from __future__ import annotations

import hashlib
import subprocess
import uuid
from datetime import datetime, timezone
from pathlib import Path

import pikepdf

from ..clock import issued_month, source_moment
from ..gitrun import git, top_of
from ..model import Guide
from .intent import OutputIntent


def build_date(guide: Guide, root: Path | None = None) -> datetime:
    """The date the PDFs carry: SOURCE_DATE_EPOCH, else the last commit of the repository holding `root` (the
    content folder), else the first day of the month of issue (site.yaml `issued`), else the edition's 1 January: a
    file dated before the month its colophon names would contradict it."""
    moment = source_moment()
    if moment is not None:
        return moment
    commit = _last_commit(str(Path(root).resolve())) if root is not None else None
    if commit is not None:
        return commit
    issued = issued_month(guide.site.issued)
    if issued is not None:
        return datetime(issued.year, issued.month, 1, tzinfo=timezone.utc)
    return datetime(guide.site.edition, 1, 1, tzinfo=timezone.utc)


def _last_commit(root: str) -> datetime | None:
    """The committer date of HEAD of the git repository holding `root`, or None (no git, not a repository)."""
    top = top_of(Path(root))
    if top is None:
        return None
    try:
        done = git(top, "log", "-1", "--format=%ct", timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    stamp = done.stdout.decode("ascii", "replace").strip()
    return datetime.fromtimestamp(int(stamp), tz=timezone.utc) if done.returncode == 0 and stamp.isdigit() else None


def pdf_date(moment: datetime) -> str:
    """A PDF date string (ISO 32000 7.9.4) in UTC."""
    return moment.astimezone(timezone.utc).strftime("D:%Y%m%d%H%M%SZ")


def finish(pdf: pikepdf.Pdf, *, moment: datetime, identity: str, intent: OutputIntent | None = None) -> None:
    """Set the dates (Info and XMP), a document ID derived from `identity` (what the parts were made from) and,
    for the press edition, the name of the output intent."""
    pdf.docinfo["/CreationDate"] = pdf.docinfo["/ModDate"] = pdf_date(moment)
    # QPDF keeps an existing first /ID element (WeasyPrint's, made from a clock-dependent file); without one it
    # derives both from the content (deterministic_id).
    if "/ID" in pdf.trailer:
        del pdf.trailer["/ID"]
    if "/Metadata" in pdf.Root:
        stamp = moment.astimezone(timezone.utc).isoformat()
        document = f"uuid:{uuid.UUID(hashlib.sha256(identity.encode()).hexdigest()[:32])}"
        with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
            for key in ("xmp:CreateDate", "xmp:ModifyDate", "xmp:MetadataDate"):
                meta[key] = stamp
            meta["xmpMM:DocumentID"] = document
            meta["xmpMM:InstanceID"] = document
            if intent is not None and "xmpMM:RenditionClass" in meta:
                meta["xmpMM:RenditionClass"] = "default"  # WeasyPrint's "proof:pdf"; the file is the final rendition
            if str(meta.get("pdfxid:GTS_PDFXVersion", "")).startswith("PDF/X-4") and \
                    "pdfx:GTS_PDFXConformance" in meta:
                # WeasyPrint writes both; PDF/X-4 has no conformance level and names its version in pdfxid only
                del meta["pdfx:GTS_PDFXConformance"]
    if intent is not None and "/OutputIntents" in pdf.Root:
        entry = pdf.Root.OutputIntents[0]
        _name_intent(entry, intent)
        _one_profile(pdf, entry.DestOutputProfile)
    if intent is not None:
        no_interpolation(pdf)


def no_interpolation(pdf: pikepdf.Pdf) -> None:
    """Drop /Interpolate from the images of a press file: WeasyPrint sets it on every image, and a RIP may smooth
    them (PDF/A forbids it, PDF/X preflight profiles warn on it); the press copies are already at the press
    resolution."""
    seen: set = set()
    todo = [page.obj.get("/Resources") for page in pdf.pages]
    while todo:
        resources = todo.pop()
        if not isinstance(resources, pikepdf.Dictionary):
            continue
        for kind in ("/XObject", "/Pattern"):
            for item in (resources.get(kind) or {}).values():
                if not isinstance(item, (pikepdf.Dictionary, pikepdf.Stream)) or (item.is_indirect and item.objgen in seen):
                    continue
                if item.is_indirect:
                    seen.add(item.objgen)
                if item.get("/Subtype") == pikepdf.Name.Image:
                    if "/Interpolate" in item:
                        del item["/Interpolate"]
                    continue
                todo.append(item.get("/Resources"))


def _one_profile(pdf: pikepdf.Pdf, profile: pikepdf.Stream) -> None:
    """Point every chunk's copy of the output profile at the output intent's: each chunk embeds its own (up to
    2 MB for Japan Color 2011), and only the one copy is written when nothing else refers to the others."""
    data, done = profile.read_raw_bytes(), set()
    for page in pdf.pages:
        spaces = page.obj.get("/Resources", {}).get("/ColorSpace")
        if spaces is None or (spaces.is_indirect and spaces.objgen in done):
            continue
        if spaces.is_indirect:
            done.add(spaces.objgen)
        for name, space in spaces.items():
            if (isinstance(space, pikepdf.Array) and len(space) == 2 and space[0] == pikepdf.Name.ICCBased
                    and space[1].objgen != profile.objgen and space[1].get("/N") == 4
                    and space[1].read_raw_bytes() == data):
                spaces[name] = pikepdf.Array([pikepdf.Name.ICCBased, profile])


def _name_intent(entry: pikepdf.Dictionary, intent: OutputIntent) -> None:
    entry.OutputConditionIdentifier = pikepdf.String(intent.identifier)
    entry.OutputCondition = pikepdf.String(intent.condition)
    entry.Info = pikepdf.String(intent.condition)
    if intent.registry:
        entry.RegistryName = pikepdf.String(intent.registry)
    elif "/RegistryName" in entry:
        del entry["/RegistryName"]


def drop_unused_colour_spaces(pdf: pikepdf.Pdf, allowed: set[str]) -> None:
    """Remove from the pages' resources the colour spaces `allowed` does not hold that no content sets: WeasyPrint
    declares its ICC and Lab spaces on every page, and a strict PDF/X-1a RIP refuses them even unused."""
    tables: dict = {}  # objgen (or id) of a ColorSpace dictionary → (it, the content of every page using it)
    for page in pdf.pages:
        spaces = page.obj.get("/Resources", {}).get("/ColorSpace")
        if not isinstance(spaces, pikepdf.Dictionary):
            continue
        contents = page.obj.get("/Contents")
        streams = list(contents) if isinstance(contents, pikepdf.Array) else [contents] if contents is not None else []
        key = spaces.objgen if spaces.is_indirect else id(spaces)
        tables.setdefault(key, (spaces, []))[1].extend(stream.read_bytes() for stream in streams)
    for spaces, contents in tables.values():
        data = b"".join(contents)
        for name in list(spaces.keys()):
            space = spaces[name]
            kind = str(space[0] if isinstance(space, pikepdf.Array) else space)[1:]
            if kind not in allowed and name.encode() + b" cs" not in data and name.encode() + b" CS" not in data:
                del spaces[name]
