"""All the text of a YAML value in one string, so that a check can ask one question per profile instead of one per field.

The character checks (invisible characters, markup, glyphs, character widths) find nothing in nearly every profile.
Asking a regular expression or a set once over the whole profile is a few microseconds; only when it finds something
does the check walk the fields one by one to say where. Strings are joined with a line break, so that a pattern never
matches across two fields unless it could match across lines within one.
"""
from __future__ import annotations


def collect(value, out: list[str], keys: bool = False) -> list[str]:
    """Append every string in `value` (and with `keys`, every mapping key) to `out`; return `out`."""
    if isinstance(value, str):
        out.append(value)
    elif isinstance(value, dict):
        for key, item in value.items():
            if keys:
                out.append(str(key))
            if type(item) is str:  # most values: skip a call
                out.append(item)
            else:
                collect(item, out, keys)
    elif isinstance(value, list):
        for item in value:
            if type(item) is str:
                out.append(item)
            else:
                collect(item, out, keys)
    return out


def joined(value, keys: bool = False) -> str:
    """Every string in `value` (and with `keys`, every key) joined by line breaks."""
    return "\n".join(collect(value, [], keys))


def text_of(doc) -> str:
    """All keys and string values of a loaded document joined by line breaks (from what the loader kept if it did)."""
    if doc.strings is not None:
        return "\n".join(doc.strings)
    return joined(doc.data, keys=True)


def strings_at(value, pointer=()):
    """(pointer, string) for every string in `value`, in document order: where a check found something."""
    if isinstance(value, str):
        yield pointer, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from strings_at(v, pointer + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from strings_at(v, pointer + (i,))
