"""When the checks run: a broken structure stops them with one note; blank values do not."""
from __future__ import annotations

from pathlib import Path

import openpyxl

from dangjian.api import check_workbook
from rules_helpers import cell, line_of

from conftest import SAMPLE, row_named


def findings(path: Path) -> list[tuple[str, str]]:
    return sorted((f.code, f.address) for f in check_workbook(path).report.findings)


def edited(target: Path, change) -> Path:
    book = openpyxl.load_workbook(SAMPLE)
    change(book)
    book.save(target)
    return target


def rename_header(sheet_name: str, old: str, new: str):
    def change(book):
        sheet = book[sheet_name]
        next(c for c in sheet[1] if c.value == old).value = new
        sheet.tables.clear()  # the table's column names would otherwise restore the header

    return change


def basic_cell(item: str) -> str:
    book = openpyxl.load_workbook(SAMPLE, read_only=True)
    line = next(i for i, row in enumerate(book["基本信息"].iter_rows(values_only=True), start=1) if row[0] == item)
    book.close()
    return f"基本信息!B{line}"


def blank_setting(item: str):
    def change(book):
        sheet = book["基本信息"]
        next(row for row in sheet.iter_rows() if row[0].value == item)[1].value = None

    return change


def test_renamed_header_is_one_error_and_one_note(tmp_path):
    # The reader drops 党员名册; the rules would see no members and report ~85 false findings.
    path = edited(tmp_path / "改名.xlsx", rename_header("党员名册", "入党日期", "入党时间"))
    assert findings(path) == [("checks-skipped", "党员名册!1:1"), ("missing-column", "党员名册!1:1")]


def test_renamed_header_of_an_optional_sheet_also_stops_the_checks(tmp_path):
    # Without the gate, 活动记录 would be dropped and every month would lack its 主题党日.
    path = edited(tmp_path / "改名.xlsx", rename_header("活动记录", "活动类型", "类型"))
    assert findings(path) == [("checks-skipped", "活动记录!1:1"), ("missing-column", "活动记录!1:1")]


def test_duplicate_column_stops_the_checks(tmp_path):
    def change(book):
        sheet = book["会议记录"]
        sheet.cell(1, sheet.max_column + 1).value = "日期"
        sheet.tables.clear()

    path = edited(tmp_path / "重复.xlsx", change)
    result = findings(path)
    assert [code for code, _ in result] == ["checks-skipped", "duplicate-column"]
    assert result[0][1] == result[1][1]


def test_missing_roster_sheet_stops_the_checks(tmp_path):
    path = edited(tmp_path / "缺表.xlsx", lambda book: book.remove(book["党员名册"]))
    assert findings(path) == [("checks-skipped", "党员名册"), ("missing-sheet", "党员名册")]


def test_blank_secretary_does_not_stop_the_checks(make_workbook, sample_source):
    # No rule needs the secretary's name: the blank is reported, and a meeting's error is still found.
    line = line_of(sample_source[1]["会议记录"], lambda r: r["会议类型"] == "党课")

    def edit(settings, rows):
        settings["党支部书记"] = None
        meeting = rows["会议记录"][line - 2]
        meeting["实到人数"] = meeting["应到人数"] + 1

    path = make_workbook(edit)
    assert findings(path) == [("attendance-over", cell("会议记录", "实到人数", line)),
                              ("missing-setting", basic_cell("党支部书记"))]


def test_blank_year_is_reported_once(tmp_path):
    # Without a year nothing can be judged by period; the reader's finding alone names the cell.
    path = edited(tmp_path / "无年度.xlsx", blank_setting("报告年度"))
    assert findings(path) == [("missing-setting", basic_cell("报告年度"))]


def test_custom_period_without_dates_is_a_period_error(tmp_path):
    def change(book):
        sheet = book["基本信息"]
        next(row for row in sheet.iter_rows() if row[0].value == "报告期间")[1].value = "自定义"

    path = edited(tmp_path / "自定义.xlsx", change)
    assert findings(path) == [("period-invalid", basic_cell("起始日期"))]
