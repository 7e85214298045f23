"""The `guidebook` command line: validate, build, serve, new, schema (and the staff's import, migrate, report, check-network)."""
from __future__ import annotations

import argparse
import dataclasses
import sys
import tempfile
from pathlib import Path

from .errors import ContentError, Problem, ToolMissing
from .stopping import BuildStopped, InterruptedAfterPublish, forget_interpreter_interrupt, missing_library, \
    stop_on_signals

PROFILE_TEMPLATE = Path(__file__).resolve().parent / "schema" / "new_company.yaml"


def _print_problems(problems: list[Problem]) -> None:
    from .validate.output import text  # a hostile value must not drive the terminal or the CI log

    for problem in problems:
        print(text(problem), file=sys.stderr)


def cmd_validate(args) -> int:
    from .validate import errors_in, output as report

    root, only, changed, others, view = args.root, [Path(p) for p in args.paths] or None, [], None, None
    if args.changed_since:  # only the profiles a change touched, plus the rules of who may change what
        from .validate.changes import ChangesError, check_changes
        try:
            scope = check_changes(args.root, args.changed_since, args.author, args.author_id)
            only, changed = scope.folders(args.root), scope.problems
            # compared with every other company of the base branch, whose identities alone are read
            others = scope.others() if only is not None else None
            if only is not None:  # judged with the base branch's settings and vocabularies, as after the merge
                view = tempfile.TemporaryDirectory(prefix="guidebook-check-")
                root = scope.base_view(args.root, Path(view.name)) or args.root
                if root != args.root:  # the folders the merge keeps
                    only = [root / "companies" / slug for slug in sorted(scope.companies)
                            if (root / "companies" / slug).is_dir()]
        except ChangesError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
    try:
        problems, checked = _validate(args, root, only, others)
    finally:
        if view is not None:
            view.cleanup()
    if root != args.root:  # the problems found in the base view are shown at the change's own paths
        problems = [_moved(p, root, args.root) for p in problems]
    problems = report.unique(problems + changed)
    errors = errors_in(problems)
    warnings = len(problems) - len(errors)
    if args.format == "json":
        print(report.as_json(problems))
    else:
        for problem in problems:
            print(report.github(problem) if args.format == "github" else report.text(problem), file=sys.stderr)
    failed = bool(errors) or (args.strict and warnings > 0)
    print(report.summary(len(errors), warnings, checked, args.strict),
          file=sys.stderr if failed or args.format == "json" else sys.stdout)
    return 1 if failed else 0


def _validate(args, root: Path, only: list[Path] | None, others) -> tuple[list[Problem], int]:
    """The problems of the profiles under `root` (only the folders `only`, when given) and how many were checked;
    decoding every pixel and laying out printed pages are done for named folders only, and only on valid ones."""
    from .validate import errors_in
    from .validate.output import unique
    from .validate.run import validate_paths

    missing = [str(p) for p in only or [] if not p.exists()]
    if missing:
        print(f"error: {', '.join(missing)} がありません。 / no such file or folder: {', '.join(missing)}", file=sys.stderr)
        raise SystemExit(2)
    if not root.is_dir():
        print(f"error: {root} がありません（--root）。 / no content folder {root}", file=sys.stderr)
        raise SystemExit(2)
    if only is not None and others is None:  # named folders are compared with every other profile on disk
        from .load import Content
        from .validate.identity import facts_on_disk
        others = facts_on_disk(Content(root), {(p if p.is_dir() else p.parent).name for p in only})
    result = validate_paths(root, only, others=others or ())
    problems = unique(result.problems)
    if only is not None and not errors_in(problems):  # the named profiles' few images, decoded to their last byte
        from .validate.images import check_pixels
        problems = unique(problems + check_pixels(root, only))
    # lays out each named page with the print theme: slow, so not for every company when a change touched the
    # settings (a staff change; the deploy's build lays them all out anyway)
    if args.print_fit and not errors_in(problems) and (only is not None or not args.changed_since):
        from .pdf.fit import check_paths  # WeasyPrint: only when asked for
        problems = unique(problems + check_paths(root, only))
    return problems, result.checked


def _moved(problem: Problem, view: Path, root: Path) -> Problem:
    """`problem` found in the base view `view`, located (and its message naming files) under the content folder
    `root` instead."""
    from .validate.changes import display

    path, message, shown = problem.path, problem.message, display(root)
    for prefix in sorted({str(view), str(view.resolve())}, key=len, reverse=True):
        if path == prefix or path.startswith(prefix + "/"):
            path = shown + path[len(prefix):]
        message = message.replace(prefix + "/", shown + "/")
    return dataclasses.replace(problem, path=path, message=message)


def cmd_build(args) -> int:
    """Build the site (and the PDF); a stop signal at any point, even while loading, ends it cleanly with 130."""
    with stop_on_signals():
        return _build(args)


def _build(args) -> int:
    from . import progress
    from .build import build

    quiet = getattr(args, "quiet", False)
    reporter = progress.Reporter(sys.stderr, quiet=quiet)
    progress.use(reporter)
    try:
        result = build(args.root, args.out, pdf=not args.no_pdf, keep_going=getattr(args, "keep_going", False),
                       for_print=getattr(args, "for_", "screen") == "print")
    finally:
        progress.use(None)
    _print_problems(result.warnings)
    if result.left_out:  # --keep-going: built, but say loudly what is missing and fail the command
        for problems in result.left_out.values():
            _print_problems(problems)
        names = ", ".join(sorted(result.left_out))
        print(f"次の {len(result.left_out)} 社はエラーのため載せていません / left out because of errors: {names}",
              file=sys.stderr)
    if quiet:
        return 1 if result.left_out else 0
    print(reporter.summary(), file=sys.stderr)
    for note in result.press_notes:  # binding, page count, spine and cover file: what the print shop asks first
        print(note, file=sys.stderr)
    pdf_ja, pdf_en = ("", "") if args.no_pdf else (f"、PDF {result.pdf_pages} ページ", f", a {result.pdf_pages}-page PDF")
    if result.pdf_volumes and not args.no_pdf:
        pdf_ja, pdf_en = (f"、PDF {result.pdf_volumes} 分冊・計 {result.pdf_pages} ページ",
                          f", {result.pdf_volumes} PDF volumes of {result.pdf_pages} pages in all")
    print(f"OK: {result.companies} 社、ウェブページ {result.site_pages} 枚（うち今回描画 {result.site_rendered} 枚）"
          f"{pdf_ja} → {args.out}/ / built {result.companies} companies, {result.site_pages} pages "
          f"({result.site_rendered} rendered, the rest unchanged){pdf_en}.")
    return 1 if result.left_out else 0


def cmd_serve(args) -> int:
    import functools
    import http.server

    if not args.no_build:
        cmd_build(args)
    site = args.out / "site"
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    with http.server.ThreadingHTTPServer((args.host, args.port), handler) as server:
        print(f"http://{args.host}:{args.port}/ でプレビュー中（Ctrl-C で終了） / previewing at "
              f"http://{args.host}:{args.port}/ (Ctrl-C stops)")
        server.serve_forever()
    return 0


def cmd_new(args) -> int:
    from .load.content import SLUG

    if not SLUG.match(args.slug):
        print(f"error: 「{args.slug}」はフォルダ名に使えません。半角英小文字・数字・ハイフンで（例: yamada-seiki）。 / "
              f"'{args.slug}' is not a valid slug: use a-z, 0-9 and '-'.", file=sys.stderr)
        return 2
    folder = args.root / "companies" / args.slug
    target = folder / "company.yaml"
    if target.exists():
        print(f"error: {target} はすでにあります。 / {target} already exists.", file=sys.stderr)
        return 1
    folder.mkdir(parents=True, exist_ok=True)
    target.write_text(PROFILE_TEMPLATE.read_text(encoding="utf-8"), encoding="utf-8")
    if not (args.root / "company.schema.json").exists():  # the template's first line points at it
        cmd_schema(args)
    print(f"{target} を作りました。コメントに従って書き換えてください。 / wrote {target}; fill it in as the comments say.")
    return 0


def cmd_schema(args) -> int:
    """Write content/company.schema.json (editor completion with this guidebook's vocabulary words)."""
    from . import editorschema
    from .load import load_content
    from .validate import check_shared, errors_in

    problems, taxonomies = check_shared(load_content(args.root, []))
    problems = errors_in(problems)
    if problems or not taxonomies:
        _print_problems(problems)
        print("error: 用語集（content/taxonomies/）を読めないため、書けませんでした。 / the vocabularies cannot be read.",
              file=sys.stderr)
        return 1
    target = editorschema.write(args.root, taxonomies)
    print(f"{target} を書きました。コミットしてください。 / wrote {target}; commit it.")
    return 0


def _account_id(text: str) -> int:
    """A numeric GitHub account id, for argparse."""
    from .validate.accounts import ACCOUNT_ID
    if not ACCOUNT_ID.match(text):
        raise argparse.ArgumentTypeError(f"not a GitHub account id: {text[:40]!r}")
    return int(text)


def parser() -> argparse.ArgumentParser:
    """The argument parser of the `guidebook` command."""
    p = argparse.ArgumentParser(prog="guidebook", description="ものづくり企業ガイドブックの生成 / guidebook generator")
    p.add_argument("--root", type=Path, default=Path("content"), help="content folder (default: content)")
    p.add_argument("--out", type=Path, default=Path("build"), help="output folder (default: build)")
    sub = p.add_subparsers(dest="command", required=True)
    v = sub.add_parser("validate", help="プロフィールを検査 / check profiles")
    v.add_argument("paths", nargs="*", help="company folders or company.yaml files (default: all)")
    v.add_argument("--changed-since", metavar="REF", help="check only what changed since git REF "
                   "(committed and uncommitted), and who may change it")
    v.add_argument("--author", metavar="LOGIN", help="with --changed-since: the GitHub account making the change")
    v.add_argument("--author-id", metavar="ID", type=_account_id,
                   help="with --author: that account's numeric GitHub id (checked against maintainers: [login#id])")
    v.add_argument("--format", choices=("text", "github", "json"), default="text",
                   help="text: PATH:LINE:COL lines; github: workflow annotations; json: a list on stdout")
    v.add_argument("--strict", action="store_true", help="warnings fail too (exit 1)")
    v.add_argument("--print-fit", action="store_true",
                   help="also lay out each named profile's printed page and report overflow (slow: name few)")
    v.set_defaults(func=cmd_validate)
    b = sub.add_parser("build", help="サイトとPDFを生成 / build the site and the PDF")
    b.add_argument("--no-pdf", action="store_true", help="build the website only")
    b.add_argument("--keep-going", action="store_true",
                   help="leave out companies with errors, build the rest, list them and exit 1")
    b.add_argument("--for", dest="for_", choices=("screen", "print"), default="screen",
                   help="print: also write print/guidebook.pdf for the press (PDF/X, CMYK, bleed, crop marks)")
    b.add_argument("-q", "--quiet", action="store_true",
                   help="print only warnings and errors (no stage lines, no progress, no summary): for scripts")
    b.set_defaults(func=cmd_build)
    s = sub.add_parser("serve", help="ローカルでプレビュー / preview over http")
    s.add_argument("--port", type=int, default=8000)
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--no-build", action="store_true", help="serve the existing build")
    s.add_argument("--no-pdf", action="store_true")
    s.add_argument("-q", "--quiet", action="store_true", help="build without stage lines and progress")
    s.set_defaults(func=cmd_serve)
    n = sub.add_parser("new", help="新しい会社のひな形 / a template for a new company")
    n.add_argument("slug")
    n.set_defaults(func=cmd_new)
    sc = sub.add_parser("schema", help="エディタの入力候補用スキーマを更新 / write content/company.schema.json "
                        "(editor completion with the vocabulary words)")
    sc.set_defaults(func=cmd_schema)
    from . import importer, migrate, network_check, reminders  # the staff's commands live beside their logic
    importer.add_command(sub)
    migrate.add_command(sub)
    reminders.add_command(sub)
    network_check.add_command(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    """Run the command line; content errors print as PATH:LINE:COL and exit 1, never as a traceback."""
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except ContentError as exc:
        _print_problems(exc.problems)
        print(f"ビルドを中止しました（エラー {len(exc.problems)} 件）。以前の出力はそのままです。 / build stopped: "
              f"{len(exc.problems)} error(s); the previous output is unchanged.", file=sys.stderr)
        return 1
    except (ToolMissing, BuildStopped) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:  # WeasyPrint imports Pango when the PDF stage is loaded
        missing = missing_library(exc)
        if missing is None:
            raise
        print(f"error: {missing}", file=sys.stderr)
        return 1
    except KeyboardInterrupt as exc:
        forget_interpreter_interrupt()  # else `python -m generator` may still die by SIGINT instead of exiting 130
        if isinstance(exc, InterruptedAfterPublish):
            print("中断しました。新しい出力はすでに完成して入れ替わっていました。 / interrupted after the new output "
                  "was put in place; it is complete.", file=sys.stderr)
        else:
            print("中断しました。以前の出力はそのままです。 / interrupted; the previous output is unchanged.",
                  file=sys.stderr)
        return 130
