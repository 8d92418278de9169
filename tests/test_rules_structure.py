"""When the checks run: a broken structure stops them with one note; blank values do not."""
from __future__ import annotations

from dangjian.api import check_grids
from openpyxl.utils.cell import get_column_letter as column_letter
from rules_helpers import Grids, cell, line_of, with_cells, without_sheets


def findings(grids: Grids) -> list[tuple[str, str]]:
    return sorted((f.code, f.address) for f in check_grids(grids).report.findings)


def renamed_header(grids: Grids, sheet: str, old: str, new: str) -> dict:
    column = grids[sheet].rows[0].index(old) + 1
    return with_cells(grids, sheet, {f"{column_letter(column)}1": new})


def basic_cell(grids: Grids, item: str) -> str:
    line = next(i for i, row in enumerate(grids["基本信息"].rows, start=1) if row[0] == item)
    return f"基本信息!B{line}"


def with_setting(grids: Grids, item: str, value: object) -> dict:
    return with_cells(grids, "基本信息", {basic_cell(grids, item).split("!")[1]: value})


def test_renamed_header_is_one_error_and_one_note(sample_grids):
    # The reader drops 党员名册; the rules would see no members and report ~85 false findings.
    grids = renamed_header(sample_grids, "党员名册", "入党日期", "加入组织")  # not a known alias of 入党日期
    assert findings(grids) == [("checks-skipped", "党员名册!1:1"), ("missing-column", "党员名册!1:1")]


def test_renamed_header_of_an_optional_sheet_also_stops_the_checks(sample_grids):
    # Without the gate, 活动记录 would be dropped and every month would lack its 主题党日.
    grids = renamed_header(sample_grids, "活动记录", "活动类型", "类型")
    assert findings(grids) == [("checks-skipped", "活动记录!1:1"), ("missing-column", "活动记录!1:1")]


def test_duplicate_column_stops_the_checks(sample_grids):
    after_last = column_letter(len(sample_grids["会议记录"].rows[0]) + 1)
    result = findings(with_cells(sample_grids, "会议记录", {f"{after_last}1": "日期"}))
    assert [code for code, _ in result] == ["checks-skipped", "duplicate-column"]
    assert result[0][1] == result[1][1]


def test_missing_roster_sheet_stops_the_checks(sample_grids):
    assert findings(without_sheets(sample_grids, "党员名册")) == [("checks-skipped", "党员名册"), ("missing-sheet", "党员名册")]


def test_blank_secretary_does_not_stop_the_checks(make_grids, sample_source, sample_grids):
    # No rule needs the secretary's name: the blank is reported, and a meeting's error is still found.
    line = line_of(sample_source[1]["会议记录"], lambda r: r["会议类型"] == "党课")

    def edit(settings, rows):
        settings["党支部书记"] = None
        meeting = rows["会议记录"][line - 2]
        meeting["实到人数"] = meeting["应到人数"] + 1

    assert findings(make_grids(edit)) == [("attendance-over", cell("会议记录", "实到人数", line)),
                                          ("missing-setting", basic_cell(sample_grids, "党支部书记"))]


def test_blank_year_is_reported_once(sample_grids):
    # Without a year nothing can be judged by period; the reader's finding alone names the cell.
    grids = with_setting(sample_grids, "报告年度", None)
    assert findings(grids) == [("missing-setting", basic_cell(sample_grids, "报告年度"))]


def test_custom_period_without_dates_is_a_period_error(sample_grids):
    grids = with_setting(sample_grids, "报告期间", "自定义")
    assert findings(grids) == [("period-invalid", basic_cell(sample_grids, "起始日期"))]
