"""The month of issue (site.yaml `issued`, the colophon's 発行年月) must not precede a profile's 情報確認日: a booklet
dated April that prints information confirmed in October tells the reader something that cannot be true."""
from __future__ import annotations

import re

from ..clock import issued_month
from ..errors import Problem
from ..load import Content
from .identity import Facts
from .messages import say


def check(content: Content, all_facts: list[Facts]) -> list[Problem]:
    """A warning at site.yaml's `issued` line when some profile's last_confirmed falls in a later month."""
    site = content.site
    data = site.data if site is not None and isinstance(site.data, dict) else {}
    month = issued_month(data.get("issued"))
    # only a date in ISO form: 令和8年4月1日 or 2026/4/1 is the date check's error, and sorts after any "2026-10"
    dated = [f for f in all_facts if f.confirmed and re.fullmatch(r"\d{4}-\d{2}-\d{2}", f.confirmed)]
    if month is None or not dated:
        return []  # no month of issue, or not a YYYY-MM one (the schema says so)
    issued = f"{month:%Y-%m}"
    latest = max(dated, key=lambda f: (f.confirmed, f.slug))
    if latest.confirmed[:7] <= issued:
        return []
    later = sum(1 for f in dated if f.confirmed[:7] > issued)
    line, col = site.where(("issued",))
    return [Problem(content.display(site.path), line, col,
                    say("issued-before-confirmed", issued=issued, latest=latest.confirmed, count=later,
                        company=latest.shown, month=latest.confirmed[:7]),
                    "warning", "issued-before-confirmed")]
