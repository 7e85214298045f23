"""`guidebook report`: which profiles need a reminder — not confirmed for N months, no English, no photos, gaps.

Prints a table for the staff and, with `--csv FILE`, writes a CSV (UTF-8 with BOM, for Excel's mail merge) with the
company's contact details and what to ask for, one row per company that needs a letter.
"""
from __future__ import annotations

import csv
import sys
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .clock import months_between, today_in_japan
from .model import Company, Guide


@dataclass
class Gap:
    """One thing to ask a company about."""

    code: str
    ja: str
    en: str


def gaps(company: Company, today: date, months: int) -> list[Gap]:
    """What is stale or missing in one profile."""
    found = []
    confirmed = None
    if company.last_confirmed:
        try:
            confirmed = date.fromisoformat(company.last_confirmed)
        except ValueError:
            confirmed = None
    if confirmed is None:
        found.append(Gap("unconfirmed", "最終確認日がありません", "never confirmed"))
    elif months_between(confirmed, today) >= months:
        found.append(Gap("stale", f"{company.last_confirmed} から{months_between(confirmed, today)}か月確認なし",
                         f"not confirmed for {months_between(confirmed, today)} months"))
    if not company.has_english:
        found.append(Gap("english", "英語の会社名・キャッチフレーズがありません", "no English name or catchphrase"))
    if not company.photos:
        found.append(Gap("photos", "写真がありません", "no photos"))
    if company.pr is None:
        found.append(Gap("pr", "PR文がありません", "no PR text"))
    if not company.products:
        found.append(Gap("products", "主な製品がありません", "no products"))
    if not company.contact.email and not company.contact.website:
        found.append(Gap("contact", "メールアドレス・ウェブサイトがありません", "no e-mail or website"))
    if not company.maintainers:
        found.append(Gap("maintainers", "編集できるアカウント（maintainers）がありません", "no maintainers"))
    return found


def report(guide: Guide, today: date, months: int = 12) -> list[tuple[Company, list[Gap]]]:
    """Every company with at least one gap, the longest-unconfirmed first."""
    rows = [(c, gaps(c, today, months)) for c in guide.companies]
    rows = [(c, g) for c, g in rows if g]
    return sorted(rows, key=lambda r: (r[0].last_confirmed or "", r[0].kana))


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


def table(rows: list[tuple[Company, list[Gap]]]) -> str:
    """A plain-text table that lines up in a terminal with Japanese (full-width) characters."""
    lines = [("会社 / company", "最終確認 / confirmed", "確認してほしいこと / to ask")]
    lines += [(f"{c.name.ja} ({c.slug})", c.last_confirmed or "-", "、".join(g.ja for g in gs)) for c, gs in rows]
    w0 = max(_width(a) for a, _, _ in lines)
    w1 = max(_width(b) for _, b, _ in lines)
    return "\n".join(f"{_pad(a, w0)}  {_pad(b, w1)}  {c}".rstrip() for a, b, c in lines) + "\n"


CSV_HEADER = ["ID", "名称", "郵便番号", "住所", "電話番号", "メールアドレス", "担当者", "最終確認日",
              "確認事項", "確認事項_英語", "確認事項コード", "修正フォーム"]


def form_link(base_url: str, slug: str) -> str:
    """The company's own profile form on the site (relative to the site root when it has no base_url)."""
    return f"{base_url}edit/index.html?company={slug}"


def write_csv(rows: list[tuple[Company, list[Gap]]], path: Path, base_url: str = "") -> None:
    """The reminder list for mail merge: UTF-8 with BOM, one row per company, with the link to its form."""
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        out = csv.writer(f, lineterminator="\r\n")
        out.writerow(CSV_HEADER)
        for c, gs in rows:
            a = c.address
            out.writerow([c.slug, c.name.ja, a.postal_code, f"{a.prefecture}{a.city}{a.street}", c.contact.phone,
                          c.contact.email or "", c.contact.person.ja if c.contact.person else "",
                          c.last_confirmed or "", "、".join(g.ja for g in gs), "; ".join(g.en for g in gs),
                          " ".join(g.code for g in gs), form_link(base_url, c.slug)])


def add_command(sub) -> None:
    """Register `guidebook report [--months N] [--csv FILE]`."""
    p = sub.add_parser("report", help="更新の催促が必要な会社 / profiles that need a reminder")
    p.add_argument("--months", type=int, default=12, help="confirmed longer ago than this is stale (default 12)")
    p.add_argument("--csv", type=Path, metavar="FILE", help="also write the list as CSV for reminder letters")
    p.add_argument("--today", type=date.fromisoformat, default=None, help=argparse_hidden())
    p.set_defaults(func=cmd_report)


def argparse_hidden():
    import argparse

    return argparse.SUPPRESS


def cmd_report(args) -> int:
    """Print the table (and write the CSV) of profiles with gaps."""
    from .errors import ContentError
    from .load import load_content
    from .model import make_guide
    from .validate import errors_in, validate

    content = load_content(args.root)
    errors = errors_in(validate(content))
    if errors:
        raise ContentError(errors)
    guide = make_guide(content)
    rows = report(guide, args.today or today_in_japan(), args.months)
    sys.stdout.write(table(rows))
    if args.csv:
        write_csv(rows, args.csv, guide.site.base_url)
    print(f"{len(rows)} 社に確認が必要です（全 {len(content.companies)} 社）。 / {len(rows)} of "
          f"{len(content.companies)} profile(s) need a reminder." + (f" → {args.csv}" if args.csv else ""))
    return 0
