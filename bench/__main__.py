"""`python -m bench [--sizes 100,1000]`: build synthetic municipalities, time every stage, print and save results."""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from . import report
from .run import SizeRun, flatten, notes

PROJECT = Path(__file__).resolve().parent.parent


def parser() -> argparse.ArgumentParser:
    """The benchmark's command line."""
    p = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    p.add_argument("--sizes", default=os.environ.get("SIZES", "100,1000"),
                   help="comma-separated company counts (default 100,1000; 5000 is the big-city case)")
    p.add_argument("--seed", type=int, default=7, help="seed of the synthetic content (default 7)")
    p.add_argument("--out", type=Path, default=PROJECT / "build" / "bench",
                   help="where results.json and results.md go (default build/bench, which builds leave alone)")
    p.add_argument("--work", type=Path, default=None, help="work folder (default: a new temporary folder)")
    p.add_argument("--keep", action="store_true", help="keep the work folder (content, outputs, stages.log)")
    p.add_argument("--full-rebuild", action="store_true",
                   help="also time `guidebook build` again after one profile changes")
    p.add_argument("--single-document-all", action="store_true",
                   help="also time the single-document PDF baseline above 1,000 companies (slow, many GB)")
    p.add_argument("--stages", default=None,
                   help="run only these stages (comma-separated, for development; figures of others are n/a)")
    return p


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark for each size; return 1 when a stage failed, 0 otherwise (budgets do not fail it)."""
    args = parser().parse_args(argv)
    try:
        sizes = [int(s) for s in args.sizes.replace(" ", "").split(",") if s]
    except ValueError:
        print(f"error: --sizes は数のコンマ区切りで（例: 100,1000）。 / --sizes takes numbers like 100,1000, "
              f"not {args.sizes!r}.", file=sys.stderr)
        return 2
    if not sizes or min(sizes) < 1:
        print("error: --sizes must list at least one positive company count.", file=sys.stderr)
        return 2
    only = set(args.stages.split(",")) if args.stages else None
    work = args.work or Path(tempfile.mkdtemp(prefix="guidebook-bench-"))
    results = {"machine": report.machine(), "sizes": {}}
    failed = False
    started = time.perf_counter()
    try:
        for n in sizes:
            print(f"N={n:,}: synthetic content, then every stage in its own process (work: {work / str(n)})",
                  file=sys.stderr, flush=True)
            stages = SizeRun(n, work / str(n), args.seed, args.full_rebuild, only, args.single_document_all).run()
            figures = flatten(n, stages)
            figures["notes"] = notes(stages)
            figures["date"] = report.machine()["date"]
            figures["partial"] = only is not None
            figures["stages"] = stages  # every stage's own figures (process, CPU, memory, what it made)
            results["sizes"][str(n)] = figures
            failed = failed or any("error" in f for f in stages.values())
            report.write(report.merge(args.out / "results.json", dict(results)), args.out)  # each size as it ends
            if not args.keep:
                shutil.rmtree(work / str(n), ignore_errors=True)
    finally:
        results["machine"]["loadavg_end"] = os.getloadavg()[0]
        results["machine"]["bench_s"] = round(time.perf_counter() - started, 1)
        if results["sizes"]:
            results = report.merge(args.out / "results.json", results)
            report.write(results, args.out)
        if not args.keep and args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    if results["sizes"]:
        print(report.text_table(report.table(results["sizes"])))
        print(f"\n{args.out / 'results.json'}, {args.out / 'results.md'} "
              f"({results['machine']['bench_s']:.0f} s on {results['machine']['usable_cores']} cores, load average "
              f"{results['machine']['loadavg_start']:.1f} → {results['machine']['loadavg_end']:.1f})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
