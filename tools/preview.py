#!/usr/bin/env python3
"""A preview of a pull request: the changed companies' web pages (ja/en, searchable) and their PDF pages.

`python tools/preview.py --changed-since BASE --out preview/` writes into `preview/`:
  site/        a small website holding only the changed companies (open site/index.html, or serve the folder)
  preview.pdf  the guidebook pages of those companies, laid out with the print theme exactly as in the guidebook
  README.txt   what changed and how to look at it
With no changed company (a change elsewhere, or only deletions) it writes README.txt alone.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from generator.errors import ContentError, ToolMissing  # noqa: E402
from generator.load import load_content  # noqa: E402
from generator.model import make_guide  # noqa: E402
from generator.pdf import Run, render_pdf  # noqa: E402
from generator.search.index import index_search  # noqa: E402
from generator.site.render import render_site  # noqa: E402
from generator.site.templates import theme_dirs  # noqa: E402
from generator.validate import errors_in, validate  # noqa: E402
from generator.validate.changes import ChangesError, check_changes  # noqa: E402


def trusted_theme(theme: Path | None, top: Path) -> Path | None:
    """The municipality's theme folder as it is in this (trusted) checkout: templates are code, and the pull
    request's are never used (None: the default theme)."""
    if theme is None:
        return None
    try:
        mine = PROJECT / theme.resolve().relative_to(top.resolve())
    except ValueError:
        return None
    return mine if mine.is_dir() else None


def preview(root: Path, ref: str, out: Path, *, pdf: bool = True) -> list[str]:
    """Write the preview of the companies changed since `ref` into `out`; return their slugs."""
    scope = check_changes(root, ref)
    slugs = sorted(s for s in scope.companies if (root / "companies" / s / "company.yaml").is_file())
    out.mkdir(parents=True, exist_ok=True)
    notes = [f"変更されたファイル / changed files ({len(scope.files)}):", *[f"  {f}" for f in scope.files], ""]
    if scope.outside or scope.problems:
        # the site settings, a theme or a vocabulary of the pull request would shape the pages: none of them is used
        notes += ["会社のフォルダの外も変更されているので、プレビューは作りません（市の担当者が確認します）。",
                  "No preview: the change touches files outside the company folders (the staff will look at it)."]
        slugs = []
    elif slugs:
        content = load_content(root, [root / "companies" / s for s in slugs])
        problems = errors_in(validate(content))
        if problems:
            raise ContentError(problems)
        guide = make_guide(content)
        themes = theme_dirs(trusted_theme(guide.site.theme, scope.top))
        render_site(guide, out / "site", themes)
        index_search(out / "site")
        if pdf:
            pages = render_pdf(Run(guide, themes, root), out / "preview.pdf")
            notes.append(f"preview.pdf: {pages} ページ / pages (表紙・目次つき / with cover and contents)")
        notes += ["site/index.html をブラウザで開くと、変更された会社のページを見られます。",
                  "Open site/index.html in a browser to see the changed companies' pages.",
                  *[f"  site/companies/{s}/index.html  site/en/companies/{s}/index.html" for s in slugs]]
    else:
        notes.append("プレビューする会社のページはありません。 / no company page to preview.")
    (out / "README.txt").write_text("\n".join(notes) + "\n", encoding="utf-8")
    return slugs


def main(argv: list[str] | None = None) -> int:
    """Command line of the preview."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changed-since", required=True, metavar="REF")
    parser.add_argument("--root", type=Path, default=Path("content"))
    parser.add_argument("--out", type=Path, default=Path("preview"))
    parser.add_argument("--no-pdf", action="store_true")
    args = parser.parse_args(argv)
    try:
        slugs = preview(args.root, args.changed_since, args.out, pdf=not args.no_pdf)
    except ChangesError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except ContentError as exc:
        for problem in exc.problems:
            print(problem.format(), file=sys.stderr)
        print("プレビューは作れませんでした（先にエラーを直してください）。 / no preview: fix the errors first.",
              file=sys.stderr)
        return 1
    except ToolMissing as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"preview: {', '.join(slugs) or '-'} → {args.out}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
