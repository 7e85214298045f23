"""Append an incremental update to a PDF (ISO 32000-1, 7.5.6): new and changed objects, a cross-reference stream
with /Prev, a trailer. QPDF (and so pikepdf) always rewrites a whole file; this writes only what changed.

Objects are serialised by QPDF (`unparse`, `read_raw_bytes`) and their references renumbered on the way out, so
that objects of another PDF (a freshly rendered chunk) can be written into the book without being copied into the
book's pikepdf.Pdf first: the first new object made in a Pdf opened from a 55 MB book costs QPDF more than a second
(it then indexes every object of the file) and as much again to free.
"""
from __future__ import annotations

import re
import shutil
import zlib
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pikepdf

STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
# In QPDF's unparse output a reference is `N G R`; literal strings have every parenthesis escaped, and hex strings
# hold only hex digits: skipping both, the only `N G R` left are references.
TOKENS = re.compile(rb"\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>|(\d+) (\d+) R", re.S)

Ref = Callable[[int, int], bytes]


def previous_xref(path: Path) -> int:
    """The offset of the last cross-reference section of the PDF at `path` (its final `startxref`)."""
    with open(path, "rb") as file:
        file.seek(0, 2)
        size = file.tell()
        file.seek(max(0, size - 1024))
        match = STARTXREF.search(file.read())
    if match is None:
        raise ValueError(f"{path}: no startxref at the end")
    return int(match.group(1))


def renumber(data: bytes, ref: Ref) -> bytes:
    """`data` (QPDF unparse output) with each reference `N G R` replaced by ref(N, G)."""
    return TOKENS.sub(lambda m: m.group(0) if m.group(1) is None else ref(int(m.group(1)), int(m.group(2))), data)


def value(item) -> bytes:
    """One value as pikepdf hands it out (numbers, booleans and null as Python values), in PDF syntax."""
    if isinstance(item, pikepdf.Object):
        return item.unparse()  # an indirect object: its reference
    if isinstance(item, bool):
        return b"true" if item else b"false"
    if isinstance(item, int):
        return b"%d" % item
    if isinstance(item, (Decimal, float)):
        return format(Decimal(item), "f").encode()
    if item is None:
        return b"null"
    raise TypeError(f"not a PDF value: {item!r}")


def dictionary(obj: pikepdf.Object, changes: dict[str, bytes | None], ref: Ref | None = None) -> bytes:
    """A dictionary's entries in PDF syntax with some replaced (None: removed) and references renumbered."""
    entries = []
    for key in obj.keys():
        if key in changes:
            continue
        data = value(obj.get(key))
        entries.append(key.encode() + b" " + (renumber(data, ref) if ref is not None else data))
    entries += [key.encode() + b" " + data for key, data in changes.items() if data is not None]
    return b"<< " + b" ".join(entries) + b" >>"


def body(obj: pikepdf.Object, ref: Ref) -> bytes:
    """An indirect object's value with its references renumbered; a stream with its still encoded data."""
    if isinstance(obj, pikepdf.Stream):
        raw = obj.read_raw_bytes()
        return dictionary(obj.stream_dict, {"/Length": b"%d" % len(raw)}, ref) + b"\nstream\n" + raw + b"\nendstream"
    return renumber(obj.unparse(resolved=True), ref)


def append_update(source: Path, target: Path, bodies: dict[int, bytes], *, size: int, root: bytes, info: bytes,
                  ids: tuple[bytes, bytes]) -> int:
    """Write `source` plus an update section holding `bodies` (object number → value, generation 0) to `target`;
    return the number of bytes appended. `size` is the previous trailer's /Size; `root` and `info` the references
    of the new trailer, `ids` its /ID."""
    prev = previous_xref(source)
    shutil.copyfile(source, target)  # copy_file_range or sendfile: the 50 MB never pass through Python
    with open(target, "rb") as file:
        file.seek(-1, 2)
        parts = [b"" if file.read(1) == b"\n" else b"\n"]
        offset = file.tell() + len(parts[0])
    where: dict[int, int] = {}
    for number in sorted(bodies):
        chunk = b"%d 0 obj\n%s\nendobj\n" % (number, bodies[number])
        where[number] = offset
        parts.append(chunk)
        offset += len(chunk)
    xref_number = max([*where, size - 1]) + 1
    where[xref_number] = offset
    width = max(4, (offset.bit_length() + 7) // 8)
    rows, index = [], []
    for number in sorted(where):
        if index and index[-2] + index[-1] == number:
            index[-1] += 1
        else:
            index += [number, 1]
        rows.append(b"\x01" + where[number].to_bytes(width, "big") + b"\x00\x00")
    stream = zlib.compress(b"".join(rows))
    head = (b"<< /Type /XRef /Size %d /Prev %d /Root %s /Info %s /ID [ <%s> <%s> ] /W [ 1 %d 2 ] /Index [ %s ] "
            b"/Filter /FlateDecode /Length %d >>"
            % (xref_number + 1, prev, root, info, ids[0].hex().encode(), ids[1].hex().encode(), width,
               b" ".join(b"%d" % n for n in index), len(stream)))
    parts.append(b"%d 0 obj\n%s\nstream\n%s\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n"
                 % (xref_number, head, stream, offset))
    appended = b"".join(parts)
    with open(target, "ab") as file:
        file.write(appended)
    return len(appended)
