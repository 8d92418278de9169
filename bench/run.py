"""Benchmark: `check` and `report` as whole processes on full-year workbooks of growing size.

    python bench/run.py                        # 30, 300, 3,000 members, 5 runs each
    python bench/run.py --sizes 30 --runs 1    # the CI smoke run
    python bench/run.py --update-readme        # also replace the table in README.md

Every run is a fresh `python -m dangjian ...` (a click in Excel starts a fresh Python too), so
start-up and imports are part of the time. Beside the commands the table shows the floor: a bare
`python -c "import openpyxl, docx, docxtpl, pandas"`. Each run of a command is paired with a run
of the floor right before or after it (the order alternates), and a command's "÷ 基线" is the
median of its runs' ratios to their own floor runs: a machine that slows down or speeds up during
the benchmark moves both halves of a pair alike, where comparing two medians taken minutes apart
would not.
Peak memory is the child's own ru_maxrss (os.wait4), so nothing but the command is counted.
"""
from __future__ import annotations

import argparse
import compileall
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "workbook"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import build_branch_workbook  # noqa: E402

SAMPLE = ROOT / "workbook" / "示例台账.xlsx"
FLOOR_CODE = "import openpyxl, docx, docxtpl, pandas"
README = ROOT / "README.md"
README_START, README_END = "<!-- bench:start -->", "<!-- bench:end -->"

# Issue 21's targets on a two-core machine, each the median of paired ratios: the work beyond
# importing the libraries stays small, for the sample and for a 党委-scale workbook. Issue 9's
# absolute bounds for that workbook still hold.
SAMPLE_REPORT_VS_FLOOR = 1.1
LARGE_CHECK_VS_FLOOR, LARGE_REPORT_VS_FLOOR = 1.4, 1.6
LARGE_MEMBERS, LARGE_SECONDS, LARGE_MB = 3000, 3.0, 300
PER_ROW_GROWTH = 1.25  # the marginal cost per row may wobble this much and still count as flat


@dataclass(frozen=True)
class Timing:
    label: str
    seconds: list[float]
    peak_mb: float
    exit_codes: tuple[int, ...]
    ratios: tuple[float, ...] = ()  # each run's seconds ÷ its paired floor run's

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def ratio(self) -> float:
        return statistics.median(self.ratios)

    @property
    def spread(self) -> float:
        return max(self.seconds) - min(self.seconds)


# A forked child's ru_maxrss starts at its parent's size, so the command is started by this
# small wrapper (a bare `python -S`) rather than by the benchmark process itself.
_WRAPPER = r"""
import os, sys, time
argv = sys.argv[1:]
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 1)
    os.execv(argv[0], argv)
_, status, usage = os.wait4(pid, 0)
elapsed = time.perf_counter() - start
print(elapsed, usage.ru_maxrss, os.waitstatus_to_exitcode(status))
"""


def run_once(argv: list[str], *, cwd: Path) -> tuple[float, float, int]:
    """Wall seconds, peak RSS in MB and exit code of one fresh process."""
    done = subprocess.run([sys.executable, "-S", "-c", _WRAPPER, *argv], cwd=cwd, capture_output=True, text=True)
    elapsed, max_rss_kb, code = done.stdout.split()
    if int(code) not in (0, 1):
        raise RuntimeError(f"{' '.join(map(str, argv))} failed ({code}):\n{done.stderr}")
    return float(elapsed), int(max_rss_kb) / 1024, int(code)


def measure(label: str, argv: list[str], *, runs: int, cwd: Path) -> Timing:
    results = [run_once(argv, cwd=cwd) for _ in range(runs)]
    return Timing(label, [r[0] for r in results], max(r[1] for r in results), tuple(r[2] for r in results))


def measure_paired(label: str, argv: list[str], floor_argv: list[str], *, runs: int, cwd: Path,
                   floor_runs: list[tuple[float, float, int]]) -> Timing:
    """`runs` runs of argv, each beside a run of the floor (appended to `floor_runs`), in alternating order."""
    results, ratios = [], []
    for run in range(runs):
        if run % 2 == 0:
            floor, result = run_once(floor_argv, cwd=cwd), run_once(argv, cwd=cwd)
        else:
            result, floor = run_once(argv, cwd=cwd), run_once(floor_argv, cwd=cwd)
        floor_runs.append(floor)
        results.append(result)
        ratios.append(result[0] / floor[0])
    return Timing(label, [r[0] for r in results], max(r[1] for r in results), tuple(r[2] for r in results),
                  tuple(ratios))


def workbook_rows(path: Path) -> int:
    """Data rows of the workbook (all sheets but the headers), read the fast way."""
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(path))
    try:
        return sum(max(book.get_sheet_by_name(name).height - 1, 0) for name in book.sheet_names)
    finally:
        book.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time check and report as whole processes.")
    parser.add_argument("--sizes", type=int, nargs="+", default=[30, 300, 3000], help="members per workbook")
    parser.add_argument("--runs", type=int, default=5, help="runs per command (median and spread)")
    parser.add_argument("--work", type=Path, help="folder for generated workbooks (kept between runs)")
    parser.add_argument("--update-readme", action="store_true", help="write the table into README.md")
    args = parser.parse_args(argv)

    work = args.work or Path(tempfile.mkdtemp(prefix="dangjian-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    python = sys.executable
    cases: list[tuple[str, Path]] = [("示例台账", SAMPLE)]
    for size in args.sizes:
        path = work / f"bench-{size}.xlsx"
        if not path.exists():
            print(f"generating {path.name} …", file=sys.stderr, flush=True)
            build_branch_workbook(path, members=size)
        cases.append((f"{size:,}名党员", path))

    # Warm the file cache and the bytecode cache once so that run 1 is not an outlier of disk I/O.
    # The package's bytecode is written here as pip writes it on installing: with
    # PYTHONDONTWRITEBYTECODE set, a run from the source tree would otherwise compile every module
    # on every start, while the libraries of the floor come compiled.
    compileall.compile_dir(str(ROOT / "dangjian"), quiet=1)
    run_once([python, "-c", FLOOR_CODE], cwd=ROOT)
    run_once([python, "-m", "dangjian", "check", str(SAMPLE)], cwd=ROOT)

    floor_argv = [python, "-c", FLOOR_CODE]
    floor_runs: list[tuple[float, float, int]] = []
    bare = measure("bare", [python, "-c", "pass"], runs=args.runs, cwd=ROOT)
    rows: list[tuple[str, int, Timing, Timing]] = []
    for label, path in cases:
        print(f"timing {label} …", file=sys.stderr, flush=True)
        out = work / f"{path.stem}-报告.docx"
        check = measure_paired("check", [python, "-m", "dangjian", "check", str(path)], floor_argv,
                               runs=args.runs, cwd=ROOT, floor_runs=floor_runs)
        report = measure_paired("report", [python, "-m", "dangjian", "report", str(path), "-o", str(out), "--force"],
                                floor_argv, runs=args.runs, cwd=ROOT, floor_runs=floor_runs)
        if not out.exists():
            raise RuntimeError(f"report of {path} was not written")
        rows.append((label, workbook_rows(path), check, report))
    floor = Timing("floor", [r[0] for r in floor_runs], max(r[1] for r in floor_runs), tuple(r[2] for r in floor_runs))

    table = render_table(floor, bare, rows, runs=args.runs)
    print(table)
    if args.update_readme:
        update_readme(table)
    return 0


def render_table(floor: Timing, bare: Timing, rows, *, runs: int) -> str:
    lines = [
        f"测量环境：{platform.python_implementation()} {platform.python_version()}，{os.cpu_count()} 核，"
        f"{platform.system()}；每项 {runs} 次全新进程，取中位数（± 为最大与最小之差的一半）；"
        "每次运行紧挨着一次基线运行（先后交替），“÷ 基线”是各次运行与其配对基线之比的中位数。",
        "",
        "| 台账 | 数据行 | check 秒 | check ÷ 基线 | report 秒 | report ÷ 基线 | 峰值内存 MB（check / report） | 每行边际耗时 ms（report） |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    previous: tuple[int, float] | None = None
    for label, count, check, report in rows:
        marginal = "—"
        if previous and count > previous[0] and label != "示例台账":
            marginal = f"{(report.median - previous[1]) * 1000 / (count - previous[0]):.3f}"
        if label != "示例台账":
            previous = (count, report.median)
        lines.append(
            f"| {label} | {count:,} | {_t(check)} | {check.ratio:.2f} | {_t(report)} | {report.ratio:.2f} | "
            f"{check.peak_mb:.0f} / {report.peak_mb:.0f} | {marginal} |"
        )
    lines += [
        f"| 基线：`python -c \"{FLOOR_CODE}\"`（全部配对运行） | — | — | — | {_t(floor)} | 1.00 | {floor.peak_mb:.0f} | — |",
        f"| 空解释器：`python -c pass` | — | — | — | {_t(bare)} | {bare.median / floor.median:.2f} | {bare.peak_mb:.0f} | — |",
        "",
        *verdicts(rows),
    ]
    return "\n".join(lines)


def verdicts(rows) -> list[str]:
    out = ["目标："]
    sample = next((r for r in rows if r[0] == "示例台账"), None)
    if sample:
        ratio = sample[3].ratio
        out.append(_verdict(ratio <= SAMPLE_REPORT_VS_FLOOR,
                            f"示例台账的 report ≤ {SAMPLE_REPORT_VS_FLOOR} × 基线：{ratio:.3f} ×"))
    large = next((r for r in rows if r[0] == f"{LARGE_MEMBERS:,}名党员"), None)
    if large:
        worst = max(large[2].median, large[3].median)
        peak = max(large[2].peak_mb, large[3].peak_mb)
        out.append(_verdict(worst <= LARGE_SECONDS, f"{LARGE_MEMBERS:,}名党员 ≤ {LARGE_SECONDS:g} 秒：{worst:.2f} 秒"))
        out.append(_verdict(peak <= LARGE_MB, f"{LARGE_MEMBERS:,}名党员 ≤ {LARGE_MB} MB：{peak:.0f} MB"))
        for command, column, bound in (("check", 2, LARGE_CHECK_VS_FLOOR), ("report", 3, LARGE_REPORT_VS_FLOOR)):
            ratio = large[column].ratio
            out.append(_verdict(ratio <= bound, f"{LARGE_MEMBERS:,}名党员的 {command} ≤ {bound} × 基线：{ratio:.3f} ×"))
    sized = [r for r in rows if r[0] != "示例台账"]
    if len(sized) >= 3:
        (n0, a), (n1, b), (n2, c) = [(r[1], r[3].median) for r in sized[:3]]
        first, second = (b - a) / (n1 - n0), (c - b) / (n2 - n1)
        text = f"每行耗时不随规模增长：{first * 1000:.3f} → {second * 1000:.3f} ms/行"
        if first <= 0:
            # The smaller step drowned in the machine's noise: say so rather than pass or fail.
            out.append(f"- 无法判定（波动大于差值，请在空闲机器上重测）：{text}")
        else:
            out.append(_verdict(second <= first * PER_ROW_GROWTH, text))
    return out


def _verdict(ok: bool, text: str) -> str:
    return f"- {'达到' if ok else '未达到'}：{text}"


def _t(timing: Timing) -> str:
    return f"{timing.median:.2f}（±{timing.spread / 2:.2f}）"


def update_readme(table: str) -> None:
    text = README.read_text(encoding="utf-8")
    pattern = re.compile(re.escape(README_START) + r".*?" + re.escape(README_END), re.S)
    if not pattern.search(text):
        raise SystemExit(f"README.md has no {README_START} … {README_END} block")
    README.write_text(pattern.sub(lambda _: f"{README_START}\n{table}\n{README_END}", text), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
