"""Hostile and broken files (issue 14): time and peak memory of each refusal, as whole processes.

    python bench/hostile.py              # every case once, a table of figures
    python bench/hostile.py --keep DIR   # also keep the built files in DIR

Each case builds its file in a temporary folder, then runs a fresh `python -m dangjian …` under a
bare wrapper (as bench/run.py does: a forked child's ru_maxrss starts at its parent's size) and
prints wall seconds, the child's peak memory, its exit code and the first line it printed to
stderr. The figures go into README's 支持的文件格式与数据安全 section; tests/test_hostile_files.py
asserts the messages and exit codes, and memory far below what the unbounded reader took.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dangjian import limits  # noqa: E402

SAMPLE = ROOT / "workbook" / "示例台账.xlsx"
MEMBERS_PART = "xl/worksheets/sheet3.xml"  # 党员名册
MEETINGS_PART = "xl/worksheets/sheet4.xml"  # 会议记录
DISCLOSURE_PART = "xl/worksheets/sheet8.xml"  # 党务公开
# Templates that grow text without end: doubling it (each step one C call, stopped by the size
# bound) and appending a hundred thousand distinct texts of 0.9 MB each (stopped by the memory bound).
DOUBLING_TEXT = "{% set ns = namespace(s='ab') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s }}"
GROWING_TEXTS = ("{% set big = 'a' * 900000 %}{% set items = [] %}"
                 "{% for i in range(100000) %}{% set _ = items.append(big ~ i) %}{% endfor %}{{ items|length }}")

_WRAPPER = r"""
import os, sys, time
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 1)
    os.execv(sys.argv[1], sys.argv[1:])
_, status, usage = os.wait4(pid, 0)
print(time.perf_counter() - start, usage.ru_maxrss, os.waitstatus_to_exitcode(status))
"""


def measure(*argv: object, timeout: float | None = None) -> tuple[float, float, int, str]:
    """Run `python -m dangjian …` as a child: (wall seconds, its own peak memory in MB, exit code, stderr)."""
    done = subprocess.run([sys.executable, "-S", "-c", _WRAPPER, sys.executable, "-m", "dangjian", *map(str, argv)],
                          cwd=ROOT, capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    seconds, peak_kb, code = done.stdout.split()
    return float(seconds), int(peak_kb) / 1024, int(code), done.stderr


def first_line(text: str) -> str:
    return next((line for line in text.splitlines() if line.strip()), "")


def rewrite(target: Path, part: str, edit) -> Path:
    with zipfile.ZipFile(SAMPLE) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as new:
        for item in old.infolist():
            data = old.read(item)
            new.writestr(item.filename, edit(data) if item.filename == part else data)
    return target


def rows_xml(first: int, count: int, column: str = "A") -> bytes:
    return b"".join(b'<row r="%d"><c r="%s%d" t="inlineStr"><is><t>x</t></is></c></row>' % (n, column.encode(), n)
                    for n in range(first, first + count))


def template(folder: Path, text: str) -> Path:
    from docx import Document

    document = Document()
    document.add_paragraph(text)
    path = folder / f"模板{abs(hash(text))}.docx"
    document.save(path)
    return path


def cases(folder: Path):
    yield "示例台账 check（对照）", ("check", SAMPLE)
    far = b'<row r="100000"><c r="XFD100000" t="inlineStr"><is><t>x</t></is></c></row>'
    yield "1. 党员名册!XFD100000 一个单元格", (
        "check", rewrite(folder / "far.xlsx", MEMBERS_PART, lambda x: x.replace(b"</sheetData>", far + b"</sheetData>")))
    size = limits.MAX_PART_BYTES + 1024 * 1024
    yield f"2. 压缩炸弹：工作表解压后 {size >> 20} MB", (
        "check", rewrite(folder / "bomb.xlsx", MEMBERS_PART, lambda x: x + b" " * size))
    yield "2. 压缩炸弹：1 GiB（文件约 1 MB）", (
        "check", rewrite(folder / "bomb-1g.xlsx", MEMBERS_PART, lambda x: x + b" " * (1 << 30)))
    yield "3. 党务公开 1,048,576 行", (
        "check", rewrite(folder / "rows.xlsx", DISCLOSURE_PART,
                         lambda x: x.replace(b"</sheetData>", rows_xml(200, 1_048_576 - 200) + b"</sheetData>")))
    yield f"3. 会议记录 {limits.MAX_ROWS - 100} 行（上限以内）", (
        "check", "--format", "json", rewrite(folder / "rows-ok.xlsx", MEETINGS_PART,
                                             lambda x: x.replace(b"</sheetData>", rows_xml(200, limits.MAX_ROWS - 300) + b"</sheetData>")))
    damaged = bytearray(SAMPLE.read_bytes())
    with zipfile.ZipFile(SAMPLE) as archive:
        info = archive.getinfo(MEETINGS_PART)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra) + info.compress_size // 3
    for offset in range(start, start + 40):
        damaged[offset] ^= 0x5A
    (folder / "damaged.xlsx").write_bytes(bytes(damaged))
    yield "4. 压缩数据损坏", ("check", folder / "damaged.xlsx")
    loops = "{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}"
    yield "7. 模板：range 嵌套循环", ("report", SAMPLE, "-o", folder / "r1.docx", "--template", template(folder, loops))
    yield "7. 模板：文字不断加倍", ("report", SAMPLE, "-o", folder / "r2.docx", "--template", template(folder, DOUBLING_TEXT))
    yield "7. 模板：大量长文字", ("report", SAMPLE, "-o", folder / "r5.docx", "--template", template(folder, GROWING_TEXTS))
    data_loops = "{% for i in range(99999) %}{% for m in key_meetings * 1000 %}{% for k in key_meetings * 1000 %}x{% endfor %}{% endfor %}{% endfor %}"
    yield "7. 模板：数据嵌套循环", ("report", SAMPLE, "-o", folder / "r3.docx", "--template", template(folder, data_loops))
    yield "7. 模板：'a' * 3000000000", ("report", SAMPLE, "-o", folder / "r4.docx", "--template",
                                       template(folder, "{{ 'a' * 3000000000 }}"))
    os.mkfifo(folder / "fifo.xlsx")
    yield "8. 管道（FIFO）", ("check", folder / "fifo.xlsx")
    yield from readers_cases(folder)


def readers_cases(folder: Path):
    """Issue 20, items 4–6: files that aborted or overran the readers, built as the tests build them."""
    sys.path.insert(0, str(ROOT / "tests"))
    from test_hostile_readers import (ROLL_HEADER, looping_difat, near_bound_table, number, ods, sheets_naming_one_part,
                                      xls)

    yield "20.4 .xls 单元格列号 0xFFFF", ("check", xls(folder / "col.xls", {"党员名册": ROLL_HEADER + number(0xFFFF, 0xFFFF)}))
    yield "20.4 .xls 单元格列号 0x0800", ("check", xls(folder / "col800.xls", {"党员名册": ROLL_HEADER + number(1, 0x0800)}))
    yield "20.4 .xls IV65536 一个单元格（格式允许的最大区域）", (
        "check", xls(folder / "iv.xls", {"党员名册": ROLL_HEADER + number(0xFFFF, 0xFF)}))
    summary_folder = folder / "summary"
    summary_folder.mkdir()
    shutil.copy(SAMPLE, summary_folder / "一支部.xlsx")
    shutil.copy(folder / "col.xls", summary_folder / "二支部.xls")
    yield "20.4 summary：一个台账 + 上面的 .xls", ("summary", summary_folder, "-o", folder / "汇总.xlsx")
    cell = '<table:table-cell office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell>'
    yield "20.5 .ods 60 个工作表，每个 220 万个单元格", ("check", ods(folder / "60.ods", [near_bound_table(f"表{n}", cell) for n in range(60)]))
    error = ('<table:table-cell table:formula="of:=1/0" office:value-type="float" calcext:value-type="error">'
             '<text:p>#DIV/0!</text:p></table:table-cell>')
    yield "20.5 .ods 20 个工作表的重复错误值", ("check", ods(folder / "errors.ods", [near_bound_table(f"表{n}", error * 50) for n in range(20)]))
    big = rows_xml(200, 40_000)
    shared = rewrite(folder / "shared-part.xlsx", DISCLOSURE_PART, lambda x: x.replace(b"</sheetData>", big + b"</sheetData>"))
    sheets_naming_one_part(shared, folder / "shared.xlsx", 20, b"rId8")
    yield "20.5 .xlsx 20 个工作表指向同一个约 3 MB 的部分", ("check", folder / "shared.xlsx")
    yield "20.6 .xls DIFAT 指向自身（256 KB）", ("check", looping_difat(folder / "difat.xls", 256 * 1024))
    yield "20.6 .xls 2,000 个工作表记录指向同一处（6 MB 记录）", (
        "check", xls(folder / "boundsheet.xls", {"党员名册": ROLL_HEADER + number(1, 1) * ((6 << 20) // 18)}, pointing=[0] * 2000))
    unclosed = b'<row r="60000">' + b'<c r="A60000" ' * 34_000 + b"</row>"
    yield "20.6 .xlsx 第 60000 行 34,000 个未闭合的 <c（480 KB）", (
        "check", rewrite(folder / "unclosed.xlsx", DISCLOSURE_PART, lambda x: x.replace(b"</sheetData>", unclosed + b"</sheetData>")))
    rows = rows_xml(200, 49_800, "B")
    for label, ref in (("A2:A50000", b"A2:A50000"), ("A1:XFD1", b"A1:XFD1")):
        merges = b'<mergeCells count="10000">' + b'<mergeCell ref="%s"/>' % ref * 10_000 + b"</mergeCells>"
        yield f"20.6 会议记录 10,000 个合并区域 {label}", (
            "check", rewrite(folder / f"merge-{label[-1]}.xlsx", MEETINGS_PART,
                             lambda x: x.replace(b"</sheetData>", (rows if ref[1:2] == b"2" else b"") + b"</sheetData>" + merges)))
    core_folder = folder / "core"
    core_folder.mkdir()
    with zipfile.ZipFile(SAMPLE) as old, zipfile.ZipFile(core_folder / "一支部.xlsx", "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            if item.filename != "docProps/core.xml":
                new.writestr(item, old.read(item))
                continue
            with new.open(item.filename, "w", force_zip64=True) as part:  # 1 GB written a chunk at a time
                part.write(old.read(item))
                for _ in range(64):
                    part.write(b" " * (16 << 20))
    shutil.copy(SAMPLE, core_folder / "二支部.xlsx")
    yield "20.6 summary：docProps/core.xml 解压后 1 GB", ("summary", core_folder, "-o", folder / "汇总2.xlsx")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--keep", type=Path, help="keep the built files in this folder")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="dangjian-hostile-"))
    try:
        print("| 情形 | 文件 | 用时 | 峰值内存 | 退出码 | 提示 |\n|---|---:|---:|---:|---:|---|")
        for label, argv in cases(folder):
            target = next((a for a in argv if isinstance(a, Path) and a.suffix == ".xlsx"), None)
            size = f"{target.stat().st_size / 2 ** 20:.1f} MB" if target and target.is_file() else ""
            seconds, peak, code, stderr = measure(*argv)
            said = first_line(stderr)
            print(f"| {label} | {size} | {seconds:.1f} s | {peak:.0f} MB | {code} | {re.sub(r'[|]', '/', said)[:60]} |",
                  flush=True)
    finally:
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            for path in folder.iterdir():
                if path.is_file():
                    shutil.copy2(path, args.keep / path.name)
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
