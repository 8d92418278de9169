"""Time the year-ahead commands as whole processes: todo, plan (Word and Excel) and plan --into-new.

Run ``python bench/year_ahead.py [--sizes 300 3000] [--runs 3]``; it prints the median seconds
and the peak memory of each command on the sample and on generated workbooks (bench/generate.py),
beside `check` on the same file for scale. Figures only: nothing is asserted.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import build_branch_workbook  # noqa: E402
from run import ROOT, SAMPLE, measure  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time todo and plan as whole processes.")
    parser.add_argument("--sizes", type=int, nargs="+", default=[300, 3000], help="members per generated workbook")
    parser.add_argument("--runs", type=int, default=3, help="runs per command (the median is printed)")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="dangjian-year-ahead-"))
    cases = [("示例台账", SAMPLE)]
    for size in args.sizes:
        path = work / f"bench-{size}.xlsx"
        build_branch_workbook(path, members=size)
        cases.append((f"{size:,}名党员", path))
    python = [sys.executable, "-m", "dangjian"]
    print("| 台账 | check | todo | plan（Word） | plan --xlsx | plan --into-new |")
    print("|---|---|---|---|---|---|")
    for label, path in cases:
        commands = {
            "check": [*python, "check", str(path)],
            "todo": [*python, "todo", str(path), "--date", "2023-09-25"],
            "plan": [*python, "plan", str(path), "--year", "2024", "-o", str(work / f"{path.stem}-计划.docx")],
            "plan --xlsx": [*python, "plan", str(path), "--year", "2024", "--xlsx", "-o", str(work / f"{path.stem}-计划.xlsx")],
            "plan --into-new": [*python, "plan", str(path), "--year", "2023", "--into-new",
                                str(work / f"{path.stem}-副本.xlsx")],
        }
        cells = []
        for name, argv in commands.items():
            timing = measure(name, argv, runs=args.runs, cwd=ROOT)
            cells.append(f"{timing.median:.2f} 秒 / {timing.peak_mb:.0f} MB")
        print(f"| {label} | " + " | ".join(cells) + " |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
