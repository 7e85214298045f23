"""Black overprint for the press: whatever is drawn in pure black (CMYK 0/0/0/100, text and rules) prints on top of
the colours under it instead of knocking them out, so a hair of misregistration never shows a white edge.

WeasyPrint has no overprint; the merged press file gets it here, by an ExtGState set after each colour change in the
pages' content streams (q/Q keep it with the colour); the preflight checks it (preflight.stream_checks). Both read
the streams with one regular expression (a tokenizer, not a parser: pikepdf's parse_content_stream made Python
objects of every operand and took seconds for a short book).
"""
from __future__ import annotations

import re

import pikepdf

# a token of a content stream: a string, a hex string, an array (TJ's), a dictionary (marked content), a name, or a
# bare word (a number or an operator)
TOKEN = re.compile(rb"\((?:\\.|[^\\)])*\)|<<.*?>>|<[^<>]*>|\[(?:\((?:\\.|[^\\)])*\)|[^\]])*\]|/[^\s/\[\]<>()%]*|[^\s/\[\]<>()%]+",
                   re.S)
OPERATOR = re.compile(rb"[A-Za-z'\"][A-Za-z*']*")
K100 = (0.0, 0.0, 0.0, 1.0)
# (stroke black, fill black) → the ExtGState that overprints exactly those (OP for strokes, op for the rest)
STATES = {(s, f): f"/GuideOP{int(s)}{int(f)}" for s in (False, True) for f in (False, True)}
COLOUR_OPS = {b"k", b"K", b"scn", b"SCN", b"sc", b"SC", b"g", b"G", b"rg", b"RG"}


def operations(data: bytes):
    """(operands, operator, end offset) of each operator in a content stream."""
    operands: list[bytes] = []
    for found in TOKEN.finditer(data):
        token = found.group()
        if OPERATOR.fullmatch(token) and token not in (b"true", b"false", b"null"):
            yield operands, token, found.end()
            operands = []
        else:
            operands.append(token)


def black(operands: list[bytes], op: bytes, space: bytes) -> bool:
    if op in (b"g", b"G", b"rg", b"RG") or (op in (b"scn", b"SCN", b"sc", b"SC") and space != b"/DeviceCMYK"):
        return False
    try:
        values = tuple(float(v) for v in operands)
    except ValueError:
        return False
    return len(values) == 4 and all(abs(a - b) < 0.001 for a, b in zip(values, K100))


def content(page: pikepdf.Page) -> bytes:
    contents = page.obj.get("/Contents")
    if contents is None:
        return b""
    if isinstance(contents, pikepdf.Array):
        return b"\n".join(part.read_bytes() for part in contents)
    return contents.read_bytes()


def set_black_overprint(pdf: pikepdf.Pdf) -> None:
    """Overprint pure black fills and strokes on every page of `pdf` (the press file, in place)."""
    for page in pdf.pages:
        data = content(page)
        pieces, start = [], 0
        # [stroke space, fill space, stroke black, fill black, the overprint state set last]
        state = [b"/DeviceGray", b"/DeviceGray", False, False, (False, False)]
        stack = []
        for operands, op, end in operations(data):
            if op == b"q":
                stack.append(list(state))
            elif op == b"Q" and stack:
                state = stack.pop()
            elif op in (b"cs", b"CS") and operands:
                state[0 if op == b"CS" else 1] = operands[0]
            elif op in COLOUR_OPS:
                stroke = op.isupper()
                state[2 if stroke else 3] = black(operands, op, state[0 if stroke else 1])
                wanted = (state[2], state[3])
                if wanted != state[4]:
                    pieces += [data[start:end], f"\n{STATES[wanted]} gs".encode()]
                    start = end
                    state[4] = wanted
        if not pieces:
            continue
        pieces.append(data[start:])
        if "/Resources" not in page.obj:
            page.obj.Resources = pikepdf.Dictionary()
        if "/ExtGState" not in page.obj.Resources:
            page.obj.Resources.ExtGState = pikepdf.Dictionary()
        for (stroke, fill), name in STATES.items():
            page.obj.Resources.ExtGState[name] = pikepdf.Dictionary(Type=pikepdf.Name.ExtGState, OP=stroke, op=fill,
                                                                    OPM=1)
        page.obj.Contents = pdf.make_stream(b"".join(pieces))
