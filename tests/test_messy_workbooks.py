"""Messy workbooks (issue 11): one mistake is one finding at its own cell, and nothing follows from it.

Each case is a real workbook with the mistake a secretary makes; where the case needs formulas
recalculated (a number typed as text, an error value) the file is saved through LibreOffice first.
"""
from __future__ import annotations

import re
import struct
import zipfile
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from docx import Document
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import macros
from conftest import SAMPLE, row_named
from dangjian.read import biff
from dangjian.api import DataErrors, check_grids, check_workbook, write_report
from dangjian.read.grid import Formula, Grid
from dangjian.office.libreoffice import convert, find_soffice
from dangjian.schema import DATA_SHEETS, Kind
from rules_helpers import cell, line_of, with_cells

needs_office = pytest.mark.skipif(find_soffice() is None, reason="LibreOffice is not installed")


def codes(checked) -> list[tuple[str, str]]:
    return sorted((f.code, f.address) for f in checked.report.findings)


def recalculated(path: Path, folder: Path) -> Path:
    """The workbook as Excel or WPS would leave it: every formula recomputed and saved."""
    return convert(path, output=folder / f"recalculated-{path.name}")


def letter_of(sheet: str, header: str) -> str:
    return re.match(r"[A-Z]+", cell(sheet, header, 2).split("!")[1]).group(0)


# ---- 1. a number typed as text in a dues month ---------------------------------------------

@needs_office
@pytest.mark.office
def test_text_number_in_a_dues_month_is_named_at_its_cell_and_by_the_totals(tmp_path, sample_source):
    line = line_of(sample_source[1]["党费收缴"], lambda r: r["姓名"] == "李文博")
    book = openpyxl.load_workbook(SAMPLE)
    sheet = book["党费收缴"]
    february = f"{letter_of('党费收缴', '2月')}{line}"
    sheet[february] = str(sheet[february].value)  # the same amount, typed as text
    source = tmp_path / "文本数字.xlsx"
    book.save(source)
    findings = check_workbook(recalculated(source, tmp_path)).report.findings
    total_line = max(r.line for r in check_workbook(SAMPLE).ledger.dues) + 1
    total_column, february_column = letter_of("党费收缴", "合计"), february.rstrip("0123456789")
    assert sorted((f.code, f.address) for f in findings) == sorted([
        ("text-number", f"党费收缴!{february}"),
        ("total-mismatch", f"党费收缴!{total_column}{line}"),
        ("total-mismatch", f"党费收缴!{february_column}{total_line}"),
        ("total-mismatch", f"党费收缴!{total_column}{total_line}"),
    ])
    # Each total names the cell that its formula skipped, instead of blaming the formula's range.
    for finding in findings:
        if finding.code == "total-mismatch":
            assert february in finding.message and "文本格式" in finding.message
            assert "公式的范围" not in finding.message


# ---- 2. one bad value keeps the rest of the row ------------------------------------------

def test_unreadable_dues_category_is_one_finding_and_the_member_stays(make_workbook, sample_source):
    line = line_of(sample_source[1]["党员名册"], lambda r: r["姓名"] == "陈建国")

    def typed_by_hand(settings, rows):
        row_named(rows["党员名册"], "陈建国")["党费类别"] = "在岗人员"

    checked = check_workbook(make_workbook(typed_by_hand))
    assert codes(checked) == [("bad-value", cell("党员名册", "党费类别", line))]
    assert "陈建国" in {m["name"] for m in checked.ledger.members}


def test_unreadable_join_date_is_one_finding_and_no_figure_rests_on_it(make_workbook, make_grids, sample_source,
                                                                          tmp_path):
    line = line_of(sample_source[1]["党员名册"], lambda r: r["姓名"] == "陈建国")
    address = cell("党员名册", "入党日期", line)
    def one_unpaid_month(settings, rows):  # so that the report states its dues figures
        row_named(rows["党费收缴"], "李文博")["9月"] = None

    def month_without_day(settings, rows):
        one_unpaid_month(settings, rows)
        row_named(rows["党员名册"], "陈建国")["入党日期"] = "2015年6月"

    dues_line = line_of(sample_source[1]["党费收缴"], lambda r: r["姓名"] == "李文博")
    checked = check_workbook(make_workbook(month_without_day))
    assert codes(checked) == [("bad-value", address), ("dues-underpaid", cell("党费收缴", "9月", dues_line))]
    clean = check_grids(make_grids(one_unpaid_month)).figures.dues
    dues = checked.figures.dues
    member = next(m for m in clean.members if m.row["name"] == "陈建国")
    # Her row is neither judged nor counted: the totals are the others', due and paid alike.
    assert dues.due == clean.due - member.due_total and dues.paid == clean.paid - member.paid_total
    output = write_report(checked, output=tmp_path / "报告.docx", force=True)
    text = "".join(p.text for p in Document(output).paragraphs)
    due, paid = (Decimal(x) for x in re.search(r"应交党费([\d.]+)元，已交([\d.]+)元", text).groups())
    assert (due, paid) == (dues.due, dues.paid)


def test_blank_required_type_keeps_the_meeting_and_no_shortfall_is_concluded(make_grids, sample_source):
    meetings = sample_source[1]["会议记录"]
    line = line_of(meetings, lambda m: m["会议类型"] == "支委会" and m["日期"] == date(2023, 9, 12))
    address = cell("会议记录", "会议类型", line)
    grids = with_cells(make_grids(), "会议记录", {address.split("!")[1]: None})
    # September's 支委会 is not concluded missing; the 提示 at the same cell says it was held back.
    assert codes(check_grids(grids)) == [("life-held-back", address), ("missing-value", address)]


# ---- 3. structure ---------------------------------------------------------------------------

def test_merged_header_cells_are_named_at_their_range(tmp_path):
    book = openpyxl.load_workbook(SAMPLE)
    book["党员名册"].merge_cells("M1:N1")
    book["会议记录"].merge_cells("H1:I1")
    path = tmp_path / "合并.xlsx"
    book.save(path)
    findings = check_workbook(path).report.findings
    found = sorted((f.code, f.address) for f in findings)
    assert ("merged-header", "党员名册!M1:N1") in found and ("merged-header", "会议记录!H1:I1") in found
    assert {code for code, _ in found} == {"merged-header", "checks-skipped"}
    merged = next(f for f in findings if f.address == "会议记录!H1:I1")
    assert "I列" in merged.message and "按模板应为" in merged.message


def test_title_row_above_the_headers_is_a_note_and_the_rows_keep_their_lines(tmp_path):
    book = openpyxl.load_workbook(SAMPLE)
    for name in ("党员名册", "会议记录"):
        sheet = book[name]
        for table in list(sheet.tables):
            del sheet.tables[table]  # a Table cannot span the inserted title row
        sheet.insert_rows(1)
        sheet["A1"] = f"XX党支部{name}"
    path = tmp_path / "标题行.xlsx"
    book.save(path)
    checked = check_workbook(path)
    assert codes(checked) == [("header-moved", "会议记录!2:2"), ("header-moved", "党员名册!2:2")]
    original = check_workbook(SAMPLE).ledger
    assert [m.line for m in checked.ledger.members] == [m.line + 1 for m in original.members]
    assert len(checked.ledger.meetings) == len(original.meetings)


def test_a_line_of_notes_above_the_headers_neither_cuts_the_table_nor_hides_columns(tmp_path):
    # Two text cells above the header once set the grid's width at column C: every later column
    # was "missing" and all checks stopped. The header is the row naming the most columns.
    book = openpyxl.load_workbook(SAMPLE)
    for name in ("党员名册", "会议记录"):
        sheet = book[name]
        for table in list(sheet.tables):
            del sheet.tables[table]
        sheet.insert_rows(1)
        sheet["A1"], sheet["C1"] = "单位：XX县XX中心", "填表人：张三"
    book["会议记录"]["Z1"] = "2023年"  # a note right of the table: named, not read
    path = tmp_path / "表头上方的说明.xlsx"
    book.save(path)
    checked = check_workbook(path)
    assert codes(checked) == [("header-moved", "会议记录!2:2"), ("header-moved", "党员名册!2:2"),
                              ("outside-table", "会议记录!Z1")]
    original = check_workbook(SAMPLE).ledger
    assert [dict(m) for m in checked.ledger.members] == [dict(m) for m in original.members]
    assert [dict(m) for m in checked.ledger.meetings] == [dict(m) for m in original.meetings]


@pytest.mark.parametrize("far_cell", [None, "ZZ5000"])  # ZZ5000: the sheet is read by openpyxl, not calamine
def test_a_date_merged_down_over_two_meetings_is_each_meetings_date(tmp_path, far_cell):
    original = check_workbook(SAMPLE).ledger.meetings
    first, second = next((a, b) for a, b in zip(original, original[1:]) if a["date"] == b["date"])
    column = cell("会议记录", "日期", first.line).split("!")[1].rstrip("0123456789")
    book = openpyxl.load_workbook(SAMPLE)
    sheet = book["会议记录"]
    for table in list(sheet.tables):
        del sheet.tables[table]
    sheet.merge_cells(f"{column}{first.line}:{column}{second.line}")
    # Merged on past the last meeting into empty rows: those stay empty, not meetings without a date.
    last = original[-1].line
    sheet.merge_cells(f"{column}{last}:{column}{last + 3}")
    if far_cell:
        sheet[far_cell] = "x"
    path = tmp_path / "合并日期.xlsx"
    book.save(path)
    checked = check_workbook(path)
    expected = [("merged-down", f"会议记录!{column}{first.line}:{column}{second.line}"),
                ("merged-down", f"会议记录!{column}{last}:{column}{last + 3}")]
    assert codes(checked) == sorted(expected + ([("outside-table", f"会议记录!{far_cell}")] if far_cell else []))
    assert [dict(m) for m in checked.ledger.meetings] == [dict(m) for m in original]


def test_a_name_with_its_dot_typed_differently_in_two_sheets_is_one_member(make_grids, sample_source):
    # 阿卜杜·热合曼 typed with • in 党费收缴 and with . in 会议记录 is the same person, not a name
    # missing from the roll; every finding stays what it is with one spelling everywhere.
    name = sample_source[1]["党费收缴"][3]["姓名"]

    def renamed(dots: dict[str, str]):
        def edit(settings, rows):
            for sheet, sheet_rows in rows.items():
                for row in sheet_rows:
                    for header, value in row.items():
                        if isinstance(value, str) and name in value:
                            row[header] = value.replace(name, f"阿卜杜{dots.get(sheet, '·')}热合曼")
        return edit

    same = check_grids(make_grids(renamed({})))
    mixed = check_grids(make_grids(renamed({"党费收缴": "•", "会议记录": ".", "支委会成员": "・"})))
    assert codes(mixed) == codes(same)
    assert any(m["name"] == "阿卜杜·热合曼" for m in mixed.ledger.members)


def test_header_written_another_way_is_read_and_said(make_grids):
    grids = with_cells(make_grids(), "党员名册", {cell("党员名册", "出生日期", 2).split("!")[1].rstrip("0123456789") + "1": "出生年月"})
    checked = check_grids(grids)
    assert [(f.code, f.level.value) for f in checked.report.findings] == [("header-alias", "info")]
    assert all(m["birth"] for m in checked.ledger.members if m["name"] == "王集欣")


# ---- 4. spreadsheet error values ------------------------------------------------------------

@needs_office
@pytest.mark.office
def test_error_values_are_findings_at_their_cells(tmp_path, sample_source):
    member_line = line_of(sample_source[1]["党员名册"], lambda r: r["姓名"] == "陈建国")
    meeting_line = line_of(sample_source[1]["会议记录"], lambda m: m["会议类型"] == "党员大会")
    birth = cell("党员名册", "出生日期", member_line)
    expected = cell("会议记录", "应到人数", meeting_line)
    book = openpyxl.load_workbook(SAMPLE)
    book["党员名册"][birth.split("!")[1]] = "=1/0"
    book["会议记录"][expected.split("!")[1]] = "=NA()"
    source = tmp_path / "错误值.xlsx"
    book.save(source)
    findings = check_workbook(recalculated(source, tmp_path)).report.findings
    assert sorted((f.code, f.address) for f in findings) == sorted([("error-value", birth), ("error-value", expected)])
    messages = {f.address: f.message for f in findings}
    assert "#DIV/0!" in messages[birth] and "#N/A" in messages[expected]


@needs_office
@pytest.mark.office
@pytest.mark.parametrize("suffix", [".ods", ".xls"])
def test_error_values_in_ods_and_xls_are_findings_at_their_cells(tmp_path, sample_source, suffix):
    # calamine reads an .ods or .xls cell showing #DIV/0! as empty: it was once “3月党费未交足”.
    # The 合计 and the total row, which show the same error through their SUM, say nothing more.
    dues_line = line_of(sample_source[1]["党费收缴"], lambda r: r["姓名"] == "张慧敏")
    member_line = line_of(sample_source[1]["党员名册"], lambda r: r["姓名"] == "陈建国")
    march, birth = cell("党费收缴", "3月", dues_line), cell("党员名册", "出生日期", member_line)
    book = openpyxl.load_workbook(SAMPLE)
    book["党费收缴"][march.split("!")[1]] = "=1/0"
    book["党员名册"][birth.split("!")[1]] = "=NA()"
    source = tmp_path / "错误值.xlsx"
    book.save(source)
    findings = check_workbook(convert(source, output=tmp_path / f"错误值{suffix}")).report.findings
    assert sorted((f.code, f.address) for f in findings) == sorted([("error-value", march), ("error-value", birth)])
    messages = {f.address: f.message for f in findings}
    assert "#DIV/0!" in messages[march] and "#N/A" in messages[birth]


def biff_record(kind: int, body: bytes) -> bytes:
    return struct.pack("<HH", kind, len(body)) + body


def test_xls_error_records_typed_values_and_chart_substreams():
    # What LibreOffice does not write: an error typed as a value (BOOLERR, as Excel saves it) and
    # a chart on the sheet, whose own BOF…EOF must not end the sheet's records.
    name = "党费收缴".encode("utf-16-le")
    sheet = (biff_record(0x0809, bytes(16)) + biff_record(0x0205, struct.pack("<HHHBB", 2, 7, 0, 0x2A, 1))
             + biff_record(0x0809, bytes(16)) + biff_record(0x0205, struct.pack("<HHHBB", 9, 9, 0, 0x07, 1))
             + biff_record(0x000A, b"")
             + biff_record(0x0006, struct.pack("<HHH", 3, 4, 0) + bytes([2, 0, 0x07, 0, 0, 0, 0xFF, 0xFF]) + bytes(6))
             + biff_record(0x0205, struct.pack("<HHHBB", 4, 4, 0, 1, 0))  # a boolean TRUE, not an error
             + biff_record(0x000A, b""))
    globals_length = 4 + 16 + 4 + (6 + 2 + len(name)) + 4
    stream = (biff_record(0x0809, bytes(16))
              + biff_record(0x0085, struct.pack("<IBB", globals_length, 0, 0) + bytes([4, 1]) + name)
              + biff_record(0x000A, b"") + sheet)
    assert biff._error_cells(stream) == {"党费收缴": {(2, 7): biff.ErrorCell("#N/A", False),
                                                   (3, 4): biff.ErrorCell("#DIV/0!", True)}}


def test_a_file_that_is_not_a_compound_document_has_no_xls_errors(tmp_path):
    (tmp_path / "坏.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100))
    assert biff.xls_errors(tmp_path / "坏.xls") == {} and biff.xls_errors(SAMPLE) == {}


def test_error_values_pasted_as_values_are_findings_at_their_cells(tmp_path, sample_source):
    # Paste Special → Values keeps #N/A as a value (t="e", no formula); calamine reads it as blank,
    # which once made it "3月党费未交足" in a warning elsewhere of the row.
    dues_line = line_of(sample_source[1]["党费收缴"], lambda r: r["姓名"] == "张慧敏")
    member_line = line_of(sample_source[1]["党员名册"], lambda r: r["姓名"] == "陈建国")
    march, birth = cell("党费收缴", "3月", dues_line), cell("党员名册", "出生日期", member_line)
    book = openpyxl.load_workbook(SAMPLE)
    book["党费收缴"][march.split("!")[1]] = "#N/A"  # openpyxl writes these as error values
    book["党员名册"][birth.split("!")[1]] = "#DIV/0!"
    path = tmp_path / "粘贴的错误值.xlsx"
    book.save(path)
    with zipfile.ZipFile(path) as archive:
        assert b't="e"><v>#N/A</v>' in b"".join(archive.read(n) for n in archive.namelist() if "worksheets" in n)
    findings = check_workbook(path).report.findings
    assert sorted((f.code, f.address) for f in findings) == sorted([("error-value", march), ("error-value", birth)])
    assert "#N/A" in {f.address: f.message for f in findings}[march]


def test_live_excel_error_codes_read_as_error_values(make_grids, sample_source):
    assert macros.normalise(-2146826238) == "#CALC!" and macros.normalise(-2146826243.0) == "#SPILL!"
    assert macros.normalise(-2146826246) == "#N/A" and macros.normalise(-5) == -5
    line = line_of(sample_source[1]["党费收缴"], lambda r: r["姓名"] == "李文博")
    address = cell("党费收缴", "3月", line)
    grids = with_cells(make_grids(), "党费收缴", {address.split("!")[1]: macros.normalise(-2146826238)})
    assert codes(check_grids(grids)) == [("error-value", address)]


# ---- 5. an empty report -------------------------------------------------------------------

def test_a_workbook_without_meetings_and_activities_gives_no_report(make_grids, tmp_path):
    def only_basics(settings, rows):
        for name in ("会议记录", "活动记录", "问题与打算"):
            rows[name] = []

    checked = check_grids(make_grids(only_basics))
    found = codes(checked)
    assert ("report-empty", "会议记录!B2") in found
    assert [code for code, _ in found].count("narrative-empty") == 2 and "meetings-empty" not in dict(found)
    with pytest.raises(DataErrors):
        write_report(checked, output=tmp_path / "空.docx")


# ---- cells an exception or a match rests on ---------------------------------------------------

@pytest.mark.parametrize("sheet, header, pick", [
    ("党员名册", "预备期延长至", lambda r: r.get("预备期延长至")),  # the extension itself
    ("会议记录", "党小组", lambda r: r["会议类型"] == "党小组会"),  # which group met
    ("党费收缴", "少交免交批准", lambda r: r.get("少交免交批准")),  # the approval itself
    ("党务公开", "日期", lambda r: "党费" in str(r.get("公开事项", ""))),  # the posting's row
])
def test_an_unreadable_cell_that_a_rule_rests_on_keeps_that_rule_silent(make_grids, sample_source, sheet, header, pick):
    line = line_of(sample_source[1][sheet], pick)
    address = cell(sheet, header, line)
    grids = with_cells(make_grids(), sheet, {address.split("!")[1]: "#N/A"})
    assert codes(check_grids(grids)) == [("error-value", address)]


# ---- the property: damage one cell, get one finding there ---------------------------------

_DAMAGES = ("wrong type", "error value", "blank", "text number")


def _data_cells(grids: dict[str, Grid]) -> list[tuple[str, int, int, object]]:
    """(sheet, row, column, value) of every typed data cell a damage can meaningfully hit."""
    found = []
    for sheet in DATA_SHEETS:
        grid = grids[sheet.name]
        header = grid.rows[0]
        columns = {column.label: column for column in sheet.columns}
        for r, row in enumerate(grid.rows[1:], start=1):
            if row and row[0] == "合计" or any(v == "合计" for v in row[:3]):
                continue
            for c, value in enumerate(row):
                column = columns.get(header[c]) if c < len(header) else None
                if column is None or column.formula or column.key == "serial" or isinstance(value, Formula):
                    continue
                if value is None and not column.required:
                    continue
                found.append((sheet.name, r, c, value, column))
    return found


def _damaged(value: object, column, damage: str) -> object | None:
    if damage == "error value":
        return "#N/A"
    if damage == "blank":
        return None if column.required else ...
    if damage == "text number":
        return str(value) if column.kind is Kind.MONEY and isinstance(value, (int, float)) else ...
    return "无法识别的内容" if column.kind is not Kind.TEXT else ...


# Derandomized: every run (and CI) tries the same cells; a sweep of every cell with every damage
# was clean when this was written. No explain phase: it re-runs a failure under a tracer, for hours.
@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture],
          phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink])
@given(data=st.data())
def test_one_damaged_cell_gives_findings_only_at_that_cell(sample_grids, data):
    before = {(f.code, f.address) for f in check_grids(sample_grids).report.findings}
    assert before == set()
    sheet, r, c, value, column = data.draw(st.sampled_from(_data_cells(sample_grids)))
    damage = data.draw(st.sampled_from(_DAMAGES))
    new = _damaged(value, column, damage)
    if new is ...:
        return  # that damage means nothing for this column (text in a text column, blank in an optional one)
    from openpyxl.utils import get_column_letter

    address = f"{sheet}!{get_column_letter(c + 1)}{r + 1}"
    rows = [list(row) for row in sample_grids[sheet].rows]
    rows[r][c] = new
    grids = {**sample_grids, sheet: Grid(sheet, tuple(tuple(row) for row in rows))}
    findings = check_grids(grids).report.findings
    elsewhere = [f for f in findings if not _covers(f.address, address) and not (
        f.code == "total-mismatch" and address.split("!")[1] in f.message)]
    assert elsewhere == [], (damage, address, value, elsewhere)
    if damage in ("error value", "wrong type") or (damage == "blank" and column.required):
        assert any(f.address == address for f in findings), (damage, address)


def _covers(where: str, address: str) -> bool:
    """True when the finding's place is the damaged cell or a range holding it."""
    from openpyxl.utils.cell import range_boundaries

    sheet, _, cells = where.partition("!")
    target_sheet, _, target = address.partition("!")
    if sheet != target_sheet or not cells:
        return False
    min_col, min_row, max_col, max_row = range_boundaries(cells)
    col, row, _, _ = range_boundaries(target)
    return min_col <= col <= max_col and min_row <= row <= max_row
