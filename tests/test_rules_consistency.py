"""一致性核对: totals, attendance against the roll, names against 党员名册 — each at its cell."""
from __future__ import annotations

import shutil
import subprocess
import uuid
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from dangjian.api import check_workbook

from conftest import SAMPLE, row_named

CODES = ("total-mismatch", "attendance-over", "attendance-roll", "name-not-on-roll")


def consistency(path: Path) -> list[tuple[str, str]]:
    return sorted((f.code, f.address) for f in check_workbook(path).report.findings if f.code in CODES)


def edit_cells(source: Path, target: Path, sheet: str, values: dict[str, object]) -> Path:
    book = openpyxl.load_workbook(source)
    for cell, value in values.items():
        book[sheet][cell] = value
    book.save(target)
    return target


def meeting_line(rows: dict, predicate) -> int:
    return 2 + next(i for i, m in enumerate(rows["会议记录"]) if predicate(m))


TOTAL_LINE = 22  # 20 members in rows 2–21, then the 合计 row


def test_sample_is_consistent():
    assert consistency(SAMPLE) == []


# ---- totals -------------------------------------------------------------------------------

def test_typed_totals_are_checked_against_their_rows(tmp_path):
    # 李文博 (row 4) pays 98.15 a month: 1177.80 a year.
    path = edit_cells(SAMPLE, tmp_path / "typed.xlsx", "党费收缴", {"R4": 1000, "R5": "合计", "F22": 5})
    assert consistency(path) == [("total-mismatch", "党费收缴!F22"), ("total-mismatch", "党费收缴!R4")]


def test_correct_typed_totals_are_silent(tmp_path):
    book = openpyxl.load_workbook(SAMPLE)
    ws = book["党费收缴"]
    jan = sum(Decimal(str(ws.cell(r, 6).value or 0)) for r in range(2, TOTAL_LINE))
    path = edit_cells(SAMPLE, tmp_path / "typed.xlsx", "党费收缴", {"R4": "1,177.80", "F22": float(jan)})
    assert consistency(path) == []


def test_formulas_without_a_computed_value_are_left_to_the_workbook(tmp_path):
    # The builder's formulas carry no cached value; a wrong range cannot be judged and is not.
    path = edit_cells(SAMPLE, tmp_path / "formula.xlsx", "党费收缴", {"R4": "=SUM(F4:P4)"})
    assert consistency(path) == []


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is needed to compute formulas")
def test_formula_values_computed_by_a_spreadsheet_are_checked(tmp_path):
    # December (Q) left out of a row total, and 何佳怡 (row 21, paying from November) out of the 11月 total.
    source = edit_cells(SAMPLE, tmp_path / "in.xlsx", "党费收缴", {"R4": "=SUM(F4:P4)", "P22": "=SUM(P2:P20)"})
    out = tmp_path / "out"
    subprocess.run(["soffice", f"-env:UserInstallation=file:///tmp/lo-{uuid.uuid4().hex}", "--headless",
                    "--convert-to", "xlsx", "--outdir", str(out), str(source)],
                   check=True, capture_output=True, timeout=180)
    findings = consistency(out / "in.xlsx")
    # R22 (the total of the totals) adds up the wrong R4 as the spreadsheet computed it.
    assert findings == [("total-mismatch", "党费收缴!P22"), ("total-mismatch", "党费收缴!R22"),
                        ("total-mismatch", "党费收缴!R4")]


# ---- attendance ---------------------------------------------------------------------------

def test_present_above_expected_is_an_error(make_workbook, sample_source):
    line = meeting_line(sample_source[1], lambda m: m["会议类型"] == "党课")

    def edit(settings, rows):
        meeting = rows["会议记录"][line - 2]
        meeting["实到人数"] = meeting["应到人数"] + 1

    assert consistency(make_workbook(edit)) == [("attendance-over", f"会议记录!I{line}")]


def test_expected_differs_from_the_roll(make_workbook, sample_source):
    line = meeting_line(sample_source[1], lambda m: m["会议类型"] == "党员大会")

    def edit(settings, rows):
        meeting = rows["会议记录"][line - 2]
        meeting["应到人数"] -= 1
        meeting["实到人数"] = min(meeting["实到人数"], meeting["应到人数"])

    assert consistency(make_workbook(edit)) == [("attendance-roll", f"会议记录!H{line}")]


def test_group_meeting_expects_the_groups_members(make_workbook, sample_source):
    line = meeting_line(sample_source[1], lambda m: m["会议类型"] == "党小组会" and m["党小组"] == "第二党小组")

    def edit(settings, rows):
        meeting = rows["会议记录"][line - 2]
        meeting["应到人数"] += 1  # the whole roll would be wrong too; the group's count is what matters

    assert consistency(make_workbook(edit)) == [("attendance-roll", f"会议记录!H{line}")]


def test_committee_meetings_are_not_compared_with_the_roll():
    ledger = check_workbook(SAMPLE).ledger
    committee = [m for m in ledger.meetings if m["type"] == "支委会"]
    assert committee and all(m["expected"] == 3 for m in committee)  # and the sample checks clean


def test_member_moving_out_changes_the_expected_count(make_workbook, sample_source):
    # 高婷婷 leaving on 2023-12-01 makes the later whole-branch meetings, and her group's, expect one fewer.
    late = [2 + i for i, m in enumerate(sample_source[1]["会议记录"])
            if m["日期"].month == 12 and (m["会议类型"] in ("党员大会", "党课", "组织生活会", "民主评议党员", "集中学习")
                                        or m["党小组"] == "第二党小组")]

    def edit(settings, rows):
        from datetime import date
        row_named(rows["党员名册"], "高婷婷")["转出日期"] = date(2023, 12, 1)

    assert late
    assert consistency(make_workbook(edit)) == sorted(("attendance-roll", f"会议记录!H{n}") for n in late)


# ---- names --------------------------------------------------------------------------------

def test_names_not_on_the_roll(make_workbook, sample_source):
    rows = sample_source[1]
    lecture = meeting_line(rows, lambda m: m["会议类型"] == "党课")
    committee_line = 2

    def edit(settings, rows):
        rows["会议记录"][lecture - 2]["主讲人"] = "张三"
        rows["支委会成员"][0]["姓名"] = "王吉欣"

    assert consistency(make_workbook(edit)) == [
        ("name-not-on-roll", f"会议记录!G{lecture}"), ("name-not-on-roll", f"支委会成员!B{committee_line}")]


def test_dues_name_not_on_the_roll(make_workbook, sample_source):
    path = make_workbook(lambda s, rows: row_named(rows["党费收缴"], "杨帆").update({"姓名": "杨凡"}))
    assert consistency(path) == [("name-not-on-roll", "党费收缴!B14")]


def test_names_match_after_trimming_spaces(make_workbook, sample_source):
    lecture = meeting_line(sample_source[1], lambda m: m["会议类型"] == "党课")

    def edit(settings, rows):
        rows["会议记录"][lecture - 2]["主讲人"] = "\u3000王　集欣 "
        rows["会议记录"][lecture - 2]["主持人"] = "张慧敏、李文博"

    assert consistency(make_workbook(edit)) == []
