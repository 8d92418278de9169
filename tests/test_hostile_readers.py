"""Issue 20, items 4–6: readers that cannot kill the command. Each builds its hostile file in a few
lines (a BIFF8 .xls in a compound file, an OpenDocument content.xml, an edited .xlsx part) and
asserts the Chinese message or the correct result. Where the old reader aborted the process, the
command runs as a child; where the old code was quadratic, what makes it linear is asserted (the
times are printed by bench/hostile.py, never asserted here)."""
from __future__ import annotations

import faulthandler
import json
import os
import shutil
import struct
import subprocess
import sys
import tracemalloc
import zipfile
from pathlib import Path

import openpyxl
import pytest

from conftest import ROOT, SAMPLE

sys.path.insert(0, str(ROOT / "bench"))
import hostile as hostile_bench  # noqa: E402
from dangjian import api, limits
from dangjian.read import biff, grid
from dangjian.branches import summary  # noqa: E402
from dangjian.read.grid import Grid, UnreadableWorkbook, read_grids  # noqa: E402
from dangjian.read.records import read_ledger  # noqa: E402


# ---- building an .xls: BIFF8 records in a compound file (MS-XLS, MS-CFB) -----------------------

def record(kind: int, body: bytes = b"") -> bytes:
    return struct.pack("<HH", kind, len(body)) + body


def number(row: int, column: int, value: float = 1.0) -> bytes:
    return record(0x0203, struct.pack("<HHHd", row, column, 0, value))


def label(row: int, column: int, text: str) -> bytes:
    encoded = text.encode("utf-16-le")
    return record(0x0204, struct.pack("<HHHHB", row, column, 0, len(text), 1) + encoded)


def workbook_stream(sheets: dict[str, bytes], *, pointing: list[int] | None = None) -> bytes:
    """A Workbook stream: globals naming each sheet, then each sheet's records between BOF and EOF.

    `pointing`: one BOUNDSHEET record for each item, naming where that sheet (by index) starts."""
    def bof(kind: int) -> bytes:
        return record(0x0809, struct.pack("<HHHHII", 0x0600, kind, 0, 0, 0, 0))

    names = [name.encode("utf-16-le") for name in sheets]
    pointing = list(range(len(names))) if pointing is None else pointing
    offset = len(bof(5)) + sum(12 + len(names[i]) for i in pointing) + 4
    bodies, starts = [], []
    for cells in sheets.values():
        starts.append(offset)
        bodies.append(bof(0x10) + cells + record(0x000A))
        offset += len(bodies[-1])
    bound = b"".join(record(0x0085, struct.pack("<IBBBB", starts[i], 0, 0, len(names[i]) // 2, 1) + names[i])
                     for i in pointing)
    return bof(5) + bound + record(0x000A) + b"".join(bodies)


def compound_file(stream: bytes) -> bytes:
    """`stream` (up to 7 MB: no DIFAT) as the Workbook stream of a compound file: FAT sectors, a directory sector."""
    stream += bytes(max(0, 4096 - len(stream)))  # from 4096 bytes on, a stream lies in ordinary sectors
    sectors = -(-len(stream) // 512)
    fat_sectors = 1
    while fat_sectors * 128 < fat_sectors + 1 + sectors:
        fat_sectors += 1
    first = 1 + fat_sectors  # FAT sectors 0…, the directory, then the stream
    fat = [0xFFFFFFFD] * fat_sectors + [0xFFFFFFFE] + [first + n + 1 for n in range(sectors - 1)] + [0xFFFFFFFE]
    fat += [0xFFFFFFFF] * (fat_sectors * 128 - len(fat))
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(16) + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + bytes(6)
              + struct.pack("<9I", 0, fat_sectors, fat_sectors, 0, 4096, 0xFFFFFFFE, 0, 0xFFFFFFFE, 0)
              + struct.pack("<109I", *range(fat_sectors), *[0xFFFFFFFF] * (109 - fat_sectors)))

    def entry(name: str, kind: int, child: int, start: int, size: int) -> bytes:
        encoded = (name + "\0").encode("utf-16-le")
        return (encoded.ljust(64, b"\0") + struct.pack("<HBBIII", len(encoded), kind, 1, 0xFFFFFFFF, 0xFFFFFFFF, child)
                + bytes(36) + struct.pack("<IQ", start, size))

    directory = (entry("Root Entry", 5, 1, 0xFFFFFFFE, 0) + entry("Workbook", 2, 0xFFFFFFFF, first, len(stream))).ljust(512, b"\0")
    return header + struct.pack(f"<{len(fat)}I", *fat) + directory + stream.ljust(sectors * 512, b"\0")


def xls(path: Path, sheets: dict[str, bytes], **options) -> Path:
    path.write_bytes(compound_file(workbook_stream(sheets, **options)))
    return path


ROLL_HEADER = label(0, 0, "姓名") + label(0, 1, "性别")


def run_child(*argv: object, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """`python -m dangjian …` as a child: an abort there cannot take the test run with it."""
    return subprocess.run([sys.executable, "-m", "dangjian", *map(str, argv)], cwd=cwd, capture_output=True,
                          text=True, timeout=300, env={**os.environ, "PYTHONPATH": str(ROOT)})


@pytest.fixture
def readable_xls(tmp_path) -> Path:
    return xls(tmp_path / "名册.xls", {"党员名册": ROLL_HEADER + label(1, 0, "张三") + number(3, 2, 7)})


def test_a_built_xls_reads_as_its_records_say(readable_xls):
    assert read_grids(readable_xls)["党员名册"].rows == (("姓名", "性别", None), ("张三", None, None),
                                                       (None, None, None), (None, None, 7))


# ---- 4. an .xls that aborted the process ---------------------------------------------------------

@pytest.mark.parametrize("records, says", [
    (number(0xFFFF, 0xFFFF), "第65536列"),  # calamine: 128 GB allocation, SIGABRT
    (number(1, 0x0800), "第2049列"),  # calamine: 54 s and 9.3 GB
    (record(0x0200, struct.pack("<IIHHH", 0, 0xFFFFFFF0, 0, 0xFFFF, 0)), "4294967280行"),  # a DIMENSIONS claim
    (record(0x00BD, struct.pack("<HHHIH", 1, 250, 0, 0, 0x1000)), "第4097列"),  # MULRK's last column
], ids=["column-FFFF", "column-0800", "dimensions", "mulrk"])
def test_an_xls_record_past_the_format_is_refused_naming_the_sheet(tmp_path, records, says):
    workbook = xls(tmp_path / "坏.xls", {"党员名册": ROLL_HEADER + records})
    before = workbook.read_bytes()
    done = run_child("check", workbook)
    assert done.returncode == 2, (done.returncode, done.stderr[-300:])
    assert "文件已损坏" in done.stderr and "坏.xls" in done.stderr and "党员名册" in done.stderr and says in done.stderr
    assert "Traceback" not in done.stderr and workbook.read_bytes() == before


def test_the_reader_dying_past_its_memory_bound_is_the_damaged_file_message(tmp_path, monkeypatch):
    # A cell at IV65536 is legal, and calamine holds the sheet as 16.7 million cells (1.2 GB):
    # under a small bound the child dies in Rust's allocator, and only the child.
    workbook = xls(tmp_path / "远处.xls", {"党员名册": ROLL_HEADER + number(0xFFFF, 0xFF)})
    monkeypatch.setattr(limits, "READER_MEMORY_BYTES", 300 * 1024 * 1024)
    with pytest.raises(UnreadableWorkbook, match="无法读取“远处.xls”：文件已损坏.*300 MB"):
        read_grids(workbook)


def test_a_bug_in_the_reader_child_is_an_internal_error_with_the_childs_frames_in_the_log(readable_xls, tmp_path,
                                                                                          monkeypatch):
    from dangjian.errors import ChildFailure, failure_message
    from dangjian.read.reader_child import read_in_child

    # A reader that fails on any file the way a bug would: json.loads given a path is a TypeError.
    with pytest.raises(ChildFailure) as raised:
        read_in_child(readable_xls, reader="json:loads", refused=UnreadableWorkbook)
    assert raised.value.kind == "TypeError" and "json/__init__.py" in raised.value.child_traceback
    assert "名册" not in raised.value.child_traceback  # scrubbed in the child: no file name, no cell
    log_home = tmp_path / "state"
    monkeypatch.setenv("XDG_STATE_HOME", str(log_home))
    said = failure_message(raised.value, about="test", doctor="dangjian doctor")
    assert said.startswith("程序内部错误（TypeError）") and "文件已损坏" not in said
    log = (log_home / "dangjian" / "dangjian-errors.log").read_text(encoding="utf-8")
    assert "（子进程中）" in log and "json/__init__.py" in log and "reader_child.py" in log


def test_an_ods_whose_manifest_fails_its_checksum_is_a_damaged_file_not_a_bug(tmp_path):
    # Found by tests/fuzz_readers.py once the child's bugs came back as bugs: the CRC error
    # of META-INF/manifest.xml escaped the survey as a BadZipFile.
    path = tmp_path / "校验和.ods"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("META-INF/manifest.xml", "<manifest:manifest/>")
    data = bytearray(path.read_bytes())
    at = data.index(b"<manifest:manifest/>")
    data[at + 1] ^= 0x20  # the stored bytes no longer match their CRC
    path.write_bytes(bytes(data))
    with pytest.raises(UnreadableWorkbook, match="无法读取“校验和.ods”：文件已损坏（压缩数据有误）"):
        read_grids(path)


def test_a_reader_running_past_its_time_bound_is_stopped(readable_xls, monkeypatch):
    monkeypatch.setattr(limits, "READER_SECONDS", 0.01)
    with pytest.raises(UnreadableWorkbook, match="名册.xls.*0.01秒"):
        read_grids(readable_xls)


def test_summary_goes_on_without_an_xls_that_aborted_its_reader(tmp_path):
    folder = tmp_path / "各支部"
    folder.mkdir()
    shutil.copy(SAMPLE, folder / "一支部.xlsx")
    xls(folder / "三支部.xls", {"党员名册": ROLL_HEADER + number(0xFFFF, 0xFFFF)})
    done = run_child("summary", folder)
    assert done.returncode in (0, 1), done.stderr[-500:]
    assert "程序内部错误" not in done.stdout + done.stderr
    book = openpyxl.load_workbook(folder / summary.DEFAULT_NAME, read_only=True)
    text = "\n".join(str(v) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for v in row if v)
    assert "三支部.xls" in text and "文件已损坏" in text
    assert "一支部.xlsx" in text


def _dies_on_the_xls(path, folder, period=None):
    """summarise_file, except that reading 三支部.xls kills the worker (as an abort in a reader would)."""
    if Path(path).suffix == ".xls":
        faulthandler.disable()  # pytest's, inherited by the worker: the abort is meant
        os.abort()
    return _SUMMARISE(path, folder, period)


_SUMMARISE = summary.summarise_file


def test_a_worker_that_died_costs_only_its_own_file(tmp_path, monkeypatch):
    folder = tmp_path / "各支部"
    folder.mkdir()
    for name in ("一支部.xlsx", "二支部.xlsx"):
        shutil.copy(SAMPLE, folder / name)
    # Two branches, not two copies of one (those are summed once): the second renamed.
    second = openpyxl.load_workbook(folder / "二支部.xlsx")
    next(r for r in second["基本信息"].iter_rows() if r[0].value == "党组织名称")[1].value = "第二党支部"
    second.save(folder / "二支部.xlsx")
    (folder / "三支部.xls").write_bytes(b"")
    monkeypatch.setattr(summary, "summarise_file", _dies_on_the_xls)  # forked workers see it too
    result = summary.summarise_folder(folder, workers=2)
    assert sorted(b.file for b in result.branches) == ["一支部.xlsx", "二支部.xlsx"]
    assert [(u.file, "文件已损坏" in u.reason) for u in result.unreadable] == [("三支部.xls", True)]


def test_last_years_search_skips_an_xls_it_cannot_read_and_says_so(tmp_path):
    workbook = shutil.copy(SAMPLE, tmp_path / "2023年台账.xlsx")
    bad = xls(tmp_path / "2022年台账.xls", {"党员名册": ROLL_HEADER + number(0xFFFF, 0xFFFF)})
    before = bad.read_bytes()
    done = run_child("check", workbook, "--format", "json")
    assert done.returncode in (0, 1), done.stderr[-500:]
    notes = [f for f in json.loads(done.stdout)["findings"] if f["rule"] == "last-year-unreadable"]
    assert [(f["level"], f["sheet"]) for f in notes] == [("info", "党费收缴")]
    assert "2022年台账.xls" in notes[0]["message"] and "文件已损坏" in notes[0]["message"]
    assert bad.read_bytes() == before


# ---- 5. bounds across a workbook's sheets ----------------------------------------------------------

ODS_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"')


def ods(path: Path, tables: list[str]) -> Path:
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODS_NS} office:version="1.2">'
               f'<office:body><office:spreadsheet>{"".join(tables)}</office:spreadsheet></office:body></office:document-content>')
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED)
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    return path


def near_bound_table(name: str, cell: str) -> str:
    """A sheet whose used area is 2,000 rows × 1,100 columns (2.2 million cells, under the per-sheet bound)."""
    return (f'<table:table table:name="{name}"><table:table-row table:number-rows-repeated="2000">'
            f'<table:table-cell table:number-columns-repeated="1099"/>{cell}</table:table-row></table:table>')


@pytest.mark.parametrize("cell", [
    '<table:table-cell office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell>',
    '<table:table-cell table:formula="of:=1/0" office:value-type="float" calcext:value-type="error">'
    '<text:p>#DIV/0!</text:p></table:table-cell>',
])
def test_ods_sheets_each_under_the_bound_are_bounded_together(tmp_path, cell):
    workbook = ods(tmp_path / "多表.ods", [near_bound_table(f"表{n}", cell) for n in range(3)])
    assert 3 * 2000 * 1100 > limits.MAX_WORKBOOK_CELLS > 2000 * 1100
    with pytest.raises(UnreadableWorkbook, match=f"“表2”.*6600000个单元格.*上限{limits.MAX_WORKBOOK_CELLS}"):
        read_grids(workbook)


def sheets_naming_one_part(source: Path, target: Path, copies: int, relation: bytes = b"rId3") -> Path:
    """`source` with `copies` more sheets in workbook.xml, all naming the part of `relation`."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            data = old.read(item)
            if item.filename == "xl/workbook.xml":
                extra = b"".join(b'<sheet xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
                                 b'name="copy%d" sheetId="%d" r:id="%s"/>' % (n, 900 + n, relation) for n in range(copies))
                data = data.replace(b"</sheets>", extra + b"</sheets>")
            new.writestr(item, data)
    return target


def test_xlsx_sheets_naming_one_part_are_a_damaged_file(tmp_path):
    workbook = sheets_naming_one_part(SAMPLE, tmp_path / "同一部分.xlsx", 20)
    with pytest.raises(UnreadableWorkbook, match="文件已损坏.*指向同一份内容"):
        read_grids(workbook)


def test_xlsx_sheets_are_bounded_together(monkeypatch):
    with zipfile.ZipFile(SAMPLE) as archive:
        sheets = sum(i.file_size for i in archive.infolist() if i.filename.startswith("xl/worksheets/sheet"))
    largest = max(i.file_size for i in zipfile.ZipFile(SAMPLE).infolist())
    monkeypatch.setattr(grid, "MAX_PART_BYTES", largest)  # every part passes on its own
    monkeypatch.setattr(grid, "MAX_SHEETS_BYTES", sheets - 1)
    with pytest.raises(UnreadableWorkbook, match="个工作表解压后共有.*超过上限"):
        read_grids(SAMPLE)


# ---- 6. scans that were quadratic or unbounded -----------------------------------------------------

def _peak_bytes(call) -> int:
    tracemalloc.start()
    try:
        call()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def looping_difat(path: Path, padding: int) -> Path:
    """An .xls whose DIFAT sector names itself as the next one, under a header claiming a vast FAT
    whose sectors are all sector 0 (the real FAT): each claimed sector added 128 entries."""
    data = bytearray(compound_file(workbook_stream({"党员名册": ROLL_HEADER})))
    data += bytes(padding)  # room for the FAT the header claims
    last = len(data) // 512 - 2
    struct.pack_into("<I", data, 512 * (last + 1) + 508, last)
    struct.pack_into("<II", data, 68, last, 0xFFFFFF)
    struct.pack_into("<I", data, 44, 0xFFFFFF)
    struct.pack_into("<109I", data, 76, *[0] * 109)
    path.write_bytes(bytes(data))
    return path


def test_a_difat_chain_pointing_at_itself_is_refused_at_no_more_than_the_files_cost(tmp_path):
    workbook = looping_difat(tmp_path / "环.xls", 64 * 1024)

    def scan():
        with pytest.raises(biff.ImpossibleRecord):
            biff.xls_errors(workbook)

    assert _peak_bytes(scan) < 4 * workbook.stat().st_size  # 89 MB for this 70 KB file before
    # calamine's own reader took 2 GB on a 256 KB one: it never sees the file.
    with pytest.raises(UnreadableWorkbook, match="无法读取“环.xls”：文件已损坏（文件头声称有16777215个分配表扇区"):
        read_grids(workbook)


def test_sheets_whose_records_overlap_are_refused(tmp_path):
    # Two thousand BOUNDSHEET records at one offset: every sheet would be read again from there.
    workbook = xls(tmp_path / "重叠.xls", {"党员名册": ROLL_HEADER + number(1, 1) * 500}, pointing=[0] * 2000)
    with pytest.raises(biff.ImpossibleRecord):
        biff.xls_errors(workbook)
    with pytest.raises(UnreadableWorkbook, match="重叠.xls.*文件已损坏.*重叠"):
        read_grids(workbook)


def test_cell_tags_without_their_end_are_matched_no_further_than_the_next_tag():
    # A "<c " never closed made the pattern read on to the next ">" from every cell (480 KB: 64 s).
    data = b'<c r="A1" ' * 3 + b'<c r="A60001" t="s"><v>1</v></c>'
    assert grid._FILLED_CELL.findall(data) == [b"60001"]
    assert grid._ERROR_CELL.findall(b'<c t="e" r="A1" <c r="A2" t="e"><v>#N/A</v></c>')[0][0] == b'r="A2" t="e"'
    assert grid._PLAIN_FORMULA.findall(b"<f>SUM(A1) <f>1</f>") == [(b"", b"1")]
    assert grid._ODS_CELL.findall(b'<table:table-cell a="1" <table:table-cell b="2"/>') == [(b' b="2"', b"/")]


def test_unclosed_cell_tags_past_the_row_bound_end_in_a_message(tmp_path):
    rows = b'<row r="60000">' + b'<c r="A60000" ' * 2000 + b"</row>"
    with zipfile.ZipFile(SAMPLE) as old, zipfile.ZipFile(tmp_path / "未闭合.xlsx", "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            data = old.read(item)
            new.writestr(item, data.replace(b"</sheetData>", rows + b"</sheetData>") if item.filename == hostile_bench.DISCLOSURE_PART else data)
    with pytest.raises(UnreadableWorkbook, match="未闭合.xlsx"):
        read_grids(tmp_path / "未闭合.xlsx")


def _meetings_with(merged: tuple, rows: int = 0) -> dict[str, Grid]:
    grids = read_grids(SAMPLE)
    meetings = grids["会议记录"]
    blank = (None,) * len(meetings.rows[0])
    grids["会议记录"] = Grid(meetings.name, meetings.rows + (blank,) * rows, merged=merged)
    return grids


def test_ten_thousand_copies_of_a_long_merge_are_read_once():
    grids = _meetings_with(((1, 0, 49_999, 0),) * limits.MAX_MERGED_RANGES, rows=2_000)
    ledger, findings = read_ledger(grids)
    assert [f.code for f in findings if f.code == "merged-down"] == ["merged-down"]
    assert len(ledger.meetings) == len(read_ledger(read_grids(SAMPLE))[0].meetings)


def test_a_header_merged_across_the_whole_sheet_is_named_by_its_ends():
    _, findings = read_ledger(_meetings_with(((0, 0, 0, 16_383),)))
    merged = [f for f in findings if f.code == "merged-header"]
    assert [f.cell for f in merged] == ["A1:XFD1"]
    assert "B至XFD列没有自己的标题" in merged[0].message and len(merged[0].message) < 300  # was 98 KB


def test_summary_prescan_reads_a_bounded_part_of_core_xml(tmp_path):
    workbook = tmp_path / "大属性.xlsx"
    with zipfile.ZipFile(SAMPLE) as old, zipfile.ZipFile(workbook, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            data = old.read(item)
            new.writestr(item, data + b" " * (32 << 20) if item.filename == "docProps/core.xml" else data)
    assert workbook.stat().st_size < 1 << 20
    assert _peak_bytes(lambda: summary._is_summary(workbook)) < 1 << 20  # read whole: 32 MB
