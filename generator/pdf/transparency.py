"""Find transparency in a PDF: PDF/X-1a forbids it (soft masks, constant alpha below 1, blend modes, groups)."""
from __future__ import annotations

import pikepdf

OPAQUE_BLENDS = {"/Normal", "/Compatible"}


def _state(state: pikepdf.Object) -> list[str]:
    found = []
    for key in ("/CA", "/ca"):
        if key in state and float(state[key]) < 1:
            found.append(f"{key[1:]} {float(state[key]):g}")
    mask = state.get("/SMask")
    if mask is not None and mask != pikepdf.Name("/None"):
        found.append("SMask")
    blend = state.get("/BM")
    if isinstance(blend, pikepdf.Array):
        blend = blend[0] if len(blend) else None
    if blend is not None and str(blend) not in OPAQUE_BLENDS:
        found.append(f"BM {blend}")
    return found


def _candidates(resources: pikepdf.Object, cache: dict) -> dict[str, str]:
    """Resource name → what is transparent about it, for the graphics states and XObjects of `resources`."""
    key = resources.objgen if resources.is_indirect else None
    if key is not None and key in cache:
        return cache[key]
    names: dict[str, str] = {}
    for name, state in (resources.get("/ExtGState") or {}).items():
        if isinstance(state, pikepdf.Dictionary) and (found := _state(state)):
            names[str(name)] = "graphics state " + ", ".join(found)
    for name, xobject in (resources.get("/XObject") or {}).items():
        if not isinstance(xobject, pikepdf.Stream):
            continue
        found = []
        if "/SMask" in xobject:
            found.append("image with a soft mask (alpha)")
        group = xobject.get("/Group")
        if group is not None and group.get("/S") == pikepdf.Name.Transparency:
            found.append("transparency group")
        if "/Resources" in xobject and _candidates(xobject.Resources, cache):
            found.append("form using transparency")
        if found:
            names[str(name)] = ", ".join(found)
    if key is not None:
        cache[key] = names
    return names


def transparency(pdf: pikepdf.Pdf) -> dict[int, list[str]]:
    """Page number (1-based) → what is transparent on it; empty when the PDF has no transparency.

    Chunks share one resource dictionary across their pages, so a page is charged only with the transparent
    resources its content stream really uses (`gs` and `Do` operators)."""
    pages: dict[int, list[str]] = {}
    cache: dict = {}
    for number, page in enumerate(pdf.pages, 1):
        found = []
        group = page.obj.get("/Group")
        if group is not None and group.get("/S") == pikepdf.Name.Transparency:
            found.append("page transparency group")
        names = _candidates(page.obj.Resources, cache) if "/Resources" in page.obj else {}
        if names:
            for operands, _ in pikepdf.parse_content_stream(page, "gs Do"):
                used = str(operands[0]) if operands else ""
                if used in names:
                    found.append(f"{used}: {names[used]}")
        if found:
            pages[number] = sorted(set(found))
    return pages
