"""A figure that may be a range: a number, or `[low, high]` where the schema marks the field `x-range` (a lead time
of 5–20 days, a tolerance of ±0.005–0.02 mm). Every reader of such a field (pages, print, open data, search facets)
takes it through `span`, so that a single number and a range read alike: a single number is the range (n, n).
"""
from __future__ import annotations


def is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def is_range(value) -> bool:
    """`[low, high]`: two numbers (in any order; the validator says when they are swapped)."""
    return isinstance(value, (list, tuple)) and len(value) == 2 and all(is_number(v) for v in value)


def span(value) -> tuple | None:
    """(low, high) of a number or a range, lowest first; None for anything else."""
    if is_number(value):
        return value, value
    if is_range(value):
        return min(value), max(value)
    return None
