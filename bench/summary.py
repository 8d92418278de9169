"""Benchmark of `dangjian summary`: folders of 100 (and 1,000) generated branch workbooks.

    python bench/summary.py CACHE_FOLDER                   # 100 workbooks of 30 members (3,000 in all)
    python bench/summary.py CACHE_FOLDER --counts 100 1000 # and 1,000 (30,000 members)

Generating a workbook takes a while, so the folders are kept in CACHE_FOLDER and reused (see
ensure_folder). Each run is one fresh `python -m dangjian summary FOLDER -o … --report …`
process, with its worker processes; peak memory is the largest sum of the resident memory of the
command and its workers, sampled every 20 ms from /proc (Linux), and the largest single process.
Each folder is summarised twice with the same output: the first run reads every workbook and
writes the summary's cache beside the output, the second (nothing changed) takes every branch
from it, as a 党委 office's re-run does.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import branch_data  # noqa: E402

from dangjian.documents.builder import build_workbook  # noqa: E402

MEMBERS_PER_BRANCH = 30
# Targets of issue 15 on a two-core machine; the re-run over an unchanged folder: issue 22.
TARGETS = {100: (10.0, 400.0), 1000: (100.0, None)}
RERUN_TARGETS = {1000: 3.0}


DISTINCT = 100  # workbooks generated; a larger folder holds copies of them in subfolders


def ensure_folder(cache: Path, count: int, members: int = MEMBERS_PER_BRANCH) -> Path:
    """CACHE/COUNTxMEMBERS/ with `count` branch workbooks, made once and reused by later runs.

    Up to 100 distinct branches are generated (about 1.5 s each here); a folder of 1,000 holds
    ten renamed copies of them in subfolders 第1批…第10批 (第2批第7党支部, …), as a 党委's folder of
    党总支 folders would. Each is a branch of its own (the summary sums one workbook per branch
    and content), read, checked and summarised on its own, so the copies cost what new ones would.
    """
    folder = cache / f"{count}x{members}-named"
    folder.mkdir(parents=True, exist_ok=True)
    distinct = cache / f"{DISTINCT}x{members}"
    settings, rows = branch_data(members)
    started = time.perf_counter()
    for number in range(1, min(count, DISTINCT) + 1):
        path = distinct / f"第{number:04d}党支部.xlsx"
        if path.exists():
            continue
        distinct.mkdir(parents=True, exist_ok=True)
        build_workbook(path, settings={**settings, "党组织名称": f"第{number}党支部"}, rows=rows)
        if number % 25 == 0:
            print(f"  已生成{number}个台账（{time.perf_counter() - started:.0f}秒）", file=sys.stderr)
    if count <= DISTINCT:
        return distinct if count == DISTINCT else _subset(distinct, folder, count)
    for index in range(count):
        batch, number = divmod(index, DISTINCT)
        target = folder / f"第{batch + 1}批" / f"第{number + 1:04d}党支部.xlsx"
        if not target.exists():
            target.parent.mkdir(exist_ok=True)
            _renamed_copy(distinct / target.name, target, f"第{number + 1}党支部", f"第{batch + 1}批第{number + 1}党支部")
    return folder


def _renamed_copy(source: Path, target: Path, name: str, new_name: str) -> None:
    """A copy whose 党组织名称 reads `new_name`: the same ledger, another branch (the text cells of
    the sheets rewritten as openpyxl wrote them, characters beyond ASCII as references)."""
    import zipfile

    def written(text: str) -> bytes:
        return "".join(ch if ord(ch) < 128 else f"&#{ord(ch)};" for ch in text).encode()

    found = 0
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as copy:
        for item in original.infolist():
            data = original.read(item)
            if item.filename.startswith("xl/worksheets/") or item.filename == "xl/sharedStrings.xml":
                for form in (name.encode(), written(name)):
                    data, replaced = re.subn(b"<t>" + re.escape(form) + b"</t>",
                                             b"<t>" + written(new_name) + b"</t>", data)
                    found += replaced
            copy.writestr(item, data)
    if not found:
        target.unlink()
        raise SystemExit(f"{source}: 没有找到党组织名称“{name}”")


def _subset(distinct: Path, folder: Path, count: int) -> Path:
    for number in range(1, count + 1):
        name = f"第{number:04d}党支部.xlsx"
        if not (folder / name).exists():
            shutil.copyfile(distinct / name, folder / name)
    return folder


def _tree(pid: int) -> list[int]:
    pids, stack = [], [pid]
    while stack:
        current = stack.pop()
        pids.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as handle:
                    stack.extend(int(child) for child in handle.read().split())
        except OSError:
            continue
    return pids


def _rss_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def run_summary(folder: Path, scratch: str) -> tuple[float, float, float, float, int]:
    """(seconds, CPU seconds of the command and its workers, peak MB of the whole process tree,
    peak MB of one process, exit code); the outputs (and the summary's cache) go to `scratch`."""
    command = [sys.executable, "-m", "dangjian", "summary", str(folder),
               "-o", str(Path(scratch) / "汇总.xlsx"), "--report", str(Path(scratch) / "党委报告.docx")]
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak_tree = peak_one = 0.0
    while True:
        # wait4 also counts the CPU time of the workers the command waited for.
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        sizes = [_rss_mb(pid) for pid in _tree(process.pid)]
        peak_tree, peak_one = max(peak_tree, sum(sizes)), max(peak_one, max(sizes, default=0.0))
        time.sleep(0.02)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    return seconds, usage.ru_utime + usage.ru_stime, peak_tree, peak_one, process.returncode


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("cache", type=Path, help="folder that keeps the generated workbooks between runs")
    parser.add_argument("--counts", type=int, nargs="+", default=[100], help="workbooks per folder")
    parser.add_argument("--members", type=int, default=MEMBERS_PER_BRANCH, help="members per branch")
    args = parser.parse_args(argv)
    print(f"CPython {sys.version.split()[0]}，{os.cpu_count()}核；每个台账{args.members}名党员，全年")
    with open("/proc/loadavg") as handle:
        load = handle.read().split()[0]
    print(f"开始时平均负载 {load}（{os.cpu_count()}核；负载高于核数时，墙钟时间随其他进程变长，CPU 秒不受影响）")
    print("| 台账数 | 党员 | 运行 | summary 秒 | CPU 秒（全部进程） | 每个台账 CPU ms | 峰值内存 MB（全部进程 / 单个进程） | 目标 |")
    print("|---:|---:|---|---:|---:|---:|---:|---|")
    for count in args.counts:
        folder = ensure_folder(args.cache, count, args.members)
        with tempfile.TemporaryDirectory() as scratch:
            for run, (limit_s, limit_mb) in (("首次", TARGETS.get(count, (None, None))),
                                             ("再次（无变化，用缓存）", (RERUN_TARGETS.get(count), None))):
                seconds, cpu, tree, one, code = run_summary(folder, scratch)
                if code != 0:
                    print(f"summary 退出码为{code}", file=sys.stderr)
                    return 2
                verdicts = []
                if limit_s:
                    verdicts.append(f"{'达到' if seconds <= limit_s else '未达到'} ≤ {limit_s:.0f} 秒")
                if limit_mb:
                    verdicts.append(f"{'达到' if tree <= limit_mb else '未达到'} ≤ {limit_mb:.0f} MB")
                print(f"| {count:,} | {count * args.members:,} | {run} | {seconds:.1f} | {cpu:.1f} | "
                      f"{cpu / count * 1000:.0f} | {tree:.0f} / {one:.0f} | {'；'.join(verdicts) or '—'} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
