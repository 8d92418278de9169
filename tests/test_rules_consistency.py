"""一致性核对: totals, attendance against the roll, names against 党员名册 — each at its cell."""
from __future__ import annotations

import shutil
import subprocess
import uuid
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from dangjian.api import check_grids, check_workbook
from dangjian.figures.roll import members_on
from dangjian.rules.consistency import WHOLE_BRANCH_MEETINGS
from rules_helpers import Grids, cell, line_of, with_cells, without_sheets

from conftest import SAMPLE, row_named

CODES = ("total-mismatch", "attendance-over", "attendance-roll", "name-not-on-roll", "roll-development-mismatch",
         "roster-empty", "meetings-empty")


def consistency(grids: Grids) -> list[tuple[str, str]]:
    return sorted((f.code, f.address) for f in check_grids(grids).report.findings if f.code in CODES)


def consistency_of_file(path: Path) -> list[tuple[str, str]]:
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


def test_sample_is_consistent(sample_grids):
    assert consistency(sample_grids) == []


# ---- totals -------------------------------------------------------------------------------

def test_typed_totals_are_checked_against_their_rows(sample_grids):
    # 李文博 (row 4) pays 98.15 a month: 1177.80 a year.
    grids = with_cells(sample_grids, "党费收缴", {"R4": 1000, "R5": "合计", "F22": 5})
    assert consistency(grids) == [("total-mismatch", "党费收缴!F22"), ("total-mismatch", "党费收缴!R4")]


def test_correct_typed_totals_are_silent(sample_grids):
    rows = sample_grids["党费收缴"].rows
    jan = sum(Decimal(str(rows[r - 1][5] or 0)) for r in range(2, TOTAL_LINE))
    grids = with_cells(sample_grids, "党费收缴", {"R4": "1,177.80", "F22": float(jan)})
    assert consistency(grids) == []


def test_formulas_without_a_computed_value_are_left_to_the_workbook(sample_grids):
    # The builder's formulas carry no cached value; a wrong range cannot be judged and is not.
    grids = with_cells(sample_grids, "党费收缴", {"R4": "=SUM(F4:P4)"})
    assert consistency(grids) == []


@pytest.mark.office
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is needed to compute formulas")
def test_formula_values_computed_by_a_spreadsheet_are_checked(tmp_path):
    # December (Q) left out of a row total, and 何佳怡 (row 21, paying from November) out of the 11月 total.
    source = edit_cells(SAMPLE, tmp_path / "in.xlsx", "党费收缴", {"R4": "=SUM(F4:P4)", "P22": "=SUM(P2:P20)"})
    out = tmp_path / "out"
    subprocess.run(["soffice", f"-env:UserInstallation=file:///tmp/lo-{uuid.uuid4().hex}", "--headless",
                    "--convert-to", "xlsx", "--outdir", str(out), str(source)],
                   check=True, capture_output=True, timeout=180)
    findings = consistency_of_file(out / "in.xlsx")
    # R22 (the total of the totals) adds up the wrong R4 as the spreadsheet computed it.
    assert findings == [("total-mismatch", "党费收缴!P22"), ("total-mismatch", "党费收缴!R22"),
                        ("total-mismatch", "党费收缴!R4")]


# ---- attendance ---------------------------------------------------------------------------

def test_present_above_expected_is_an_error(make_grids, sample_source):
    line = meeting_line(sample_source[1], lambda m: m["会议类型"] == "党课")

    def edit(settings, rows):
        meeting = rows["会议记录"][line - 2]
        meeting["实到人数"] = meeting["应到人数"] + 1

    assert consistency(make_grids(edit)) == [("attendance-over", f"会议记录!I{line}")]


def test_expected_differs_from_the_roll(make_grids, sample_source):
    line = meeting_line(sample_source[1], lambda m: m["会议类型"] == "党员大会")

    # One fewer would be the full members (高婷婷 is a 预备党员, without a vote): an accepted 应到 of a 党员大会.
    def edit(settings, rows):
        meeting = rows["会议记录"][line - 2]
        meeting["应到人数"] -= 2
        meeting["实到人数"] = min(meeting["实到人数"], meeting["应到人数"])

    def voters(settings, rows):
        meeting = rows["会议记录"][line - 2]
        meeting["应到人数"] -= 1
        meeting["实到人数"] = min(meeting["实到人数"], meeting["应到人数"])

    assert consistency(make_grids(edit)) == [("attendance-roll", f"会议记录!H{line}")]
    assert consistency(make_grids(voters)) == []


def test_group_meeting_expects_the_groups_members(make_grids, sample_source):
    line = meeting_line(sample_source[1], lambda m: m["会议类型"] == "党小组会" and m["党小组"] == "第二党小组")

    def edit(settings, rows):
        meeting = rows["会议记录"][line - 2]
        meeting["应到人数"] += 1  # the whole roll would be wrong too; the group's count is what matters

    assert consistency(make_grids(edit)) == [("attendance-roll", f"会议记录!H{line}")]


def test_committee_meetings_are_not_compared_with_the_roll(sample_grids):
    # The sample's 支委会 expect the 3 committee members while about 20 are on the roll that day.
    ledger = check_grids(sample_grids).ledger
    committee = [m for m in ledger.meetings if m["type"] == "支委会" and m["date"].year == 2023]
    assert committee and all(len(members_on(ledger.members, m["date"])) > m["expected"] for m in committee)
    flagged = {address for code, address in consistency(sample_grids) if code == "attendance-roll"}
    assert flagged.isdisjoint(m.cell("expected") for m in committee)


def _late_lines(rows: dict, since: date) -> tuple[list[int], list[int]]:
    """Lines of the whole-branch meetings and of 第二党小组's meetings on or after `since`."""
    meetings = list(enumerate(rows["会议记录"], start=2))
    branch = [n for n, m in meetings if m["日期"] >= since and m["会议类型"] in WHOLE_BRANCH_MEETINGS]
    group = [n for n, m in meetings if m["日期"] >= since and m["党小组"] == "第二党小组"]
    return branch, group


def _span(lines: list[int]) -> str:
    return f"会议记录!H{min(lines)}" + (f":H{max(lines)}" if len(lines) > 1 else "")


def test_member_moving_out_changes_the_expected_count(make_grids, sample_source):
    # 高婷婷 leaving on 2023-12-01 makes the later whole-branch meetings, and her group's, expect
    # one fewer: one finding for each run of meetings, spanning their 应到人数 cells.
    branch, group = _late_lines(sample_source[1], date(2023, 12, 1))

    def edit(settings, rows):
        row_named(rows["党员名册"], "高婷婷")["转出日期"] = date(2023, 12, 1)

    assert len(branch) > 1 and group
    assert consistency(make_grids(edit)) == sorted([("attendance-roll", _span(branch)),
                                                       ("attendance-roll", _span(group))])


def test_member_moving_out_mid_year_is_one_finding_per_run(make_grids, sample_source):
    # Leaving in September used to give one warning per later meeting (dozens for one member).
    branch, group = _late_lines(sample_source[1], date(2023, 9, 1))

    def edit(settings, rows):
        row_named(rows["党员名册"], "高婷婷")["转出日期"] = date(2023, 9, 1)

    assert len(branch) > 20
    assert consistency(make_grids(edit)) == sorted([("attendance-roll", _span(branch)),
                                                       ("attendance-roll", _span(group))])


def test_moving_out_day_is_off_the_roll_and_a_matching_meeting_ends_the_run(make_grids, sample_source):
    # 转出日期 is the first day away: the meeting on that very day expects one fewer. A meeting
    # whose 应到人数 was updated splits the mismatched meetings into two runs.
    rows = sample_source[1]["会议记录"]
    day = next(m["日期"] for m in rows if m["日期"].month == 11 and m["会议类型"] == "集中学习")
    branch, group = _late_lines(sample_source[1], day)
    fixed = branch[1]

    def edit(settings, rows):
        row_named(rows["党员名册"], "高婷婷")["转出日期"] = day
        rows["会议记录"][fixed - 2]["应到人数"] -= 1
        rows["会议记录"][fixed - 2]["实到人数"] = min(rows["会议记录"][fixed - 2]["实到人数"],
                                                   rows["会议记录"][fixed - 2]["应到人数"])

    assert consistency(make_grids(edit)) == sorted([
        ("attendance-roll", _span(branch[:1])), ("attendance-roll", _span(branch[2:])),
        ("attendance-roll", _span(group))])


# ---- empty sheets -------------------------------------------------------------------------

def test_workbook_with_only_basic_information_is_not_clean(make_grids):
    def edit(settings, rows):
        for sheet in rows:
            rows[sheet] = []

    grids = make_grids(edit)
    assert sorted((f.code, f.address) for f in check_grids(grids).report.findings) == [
        ("narrative-empty", "问题与打算!C2"), ("narrative-empty", "问题与打算!C2"),
        ("report-empty", "会议记录!B2"), ("roster-empty", "党员名册!B2")]


def test_deleted_meetings_sheet_is_named_without_a_cell(make_grids):
    assert ("meetings-empty", "会议记录") in consistency(without_sheets(make_grids(), "会议记录"))


# ---- 发展党员 against 党员名册 ----------------------------------------------------------------

def _both(name: str, *, member: dict | None = None, person: dict | None = None):
    def edit(settings, rows):
        row_named(rows["党员名册"], name).update(member or {})
        row_named(rows["发展党员"], name).update(person or {})

    return edit


def _roll_cell(rows: dict, name: str, header: str) -> str:
    return cell("党员名册", header, line_of(rows["党员名册"], lambda r: r["姓名"] == name))


def test_admission_date_differs_between_the_sheets(make_grids, sample_source):
    grids = make_grids(_both("李思雨", person={"接收预备党员日期": date(2023, 5, 24)}))
    assert consistency(grids) == [("roll-development-mismatch", _roll_cell(sample_source[1], "李思雨", "入党日期"))]


def test_full_membership_recorded_on_one_sheet_only(make_grids, sample_source):
    # The 发展党员 sheet says 李思雨 became a full member; the roll still shows 预备党员 and no date.
    grids = make_grids(_both("李思雨", person={"转为正式党员日期": date(2023, 12, 1)}))
    assert consistency(grids) == sorted([
        ("roll-development-mismatch", _roll_cell(sample_source[1], "李思雨", "转正日期")),
        ("roll-development-mismatch", _roll_cell(sample_source[1], "李思雨", "党员类别"))])


def test_full_member_on_the_roll_without_any_full_membership_date(make_grids, sample_source):
    grids = make_grids(_both("何佳怡", member={"党员类别": "正式党员"}))
    assert consistency(grids) == [("roll-development-mismatch", _roll_cell(sample_source[1], "何佳怡", "党员类别"))]


def test_both_sheets_agreeing_on_full_membership_are_silent(make_grids):
    grids = make_grids(_both("李思雨", member={"转正日期": date(2023, 12, 1), "党员类别": "正式党员"},
                               person={"转为正式党员日期": date(2023, 12, 1)}))
    assert consistency(grids) == []


# ---- names --------------------------------------------------------------------------------

def test_names_not_on_the_roll(make_grids, sample_source):
    rows = sample_source[1]
    lecture = meeting_line(rows, lambda m: m["会议类型"] == "党课")
    committee_line = 2

    def edit(settings, rows):
        rows["会议记录"][lecture - 2]["主讲人"] = "张三"
        rows["支委会成员"][0]["姓名"] = "王吉欣"

    assert consistency(make_grids(edit)) == [
        ("name-not-on-roll", f"会议记录!G{lecture}"), ("name-not-on-roll", f"支委会成员!B{committee_line}")]


def test_dues_name_not_on_the_roll(make_grids, sample_source):
    grids = make_grids(lambda s, rows: row_named(rows["党费收缴"], "杨帆").update({"姓名": "杨凡"}))
    assert consistency(grids) == [("name-not-on-roll", "党费收缴!B14")]


def test_names_match_after_trimming_spaces(make_grids, sample_source):
    lecture = meeting_line(sample_source[1], lambda m: m["会议类型"] == "党课")

    def edit(settings, rows):
        rows["会议记录"][lecture - 2]["主讲人"] = "\u3000王　集欣 "
        rows["会议记录"][lecture - 2]["主持人"] = "张慧敏、李文博"

    assert consistency(make_grids(edit)) == []


def test_admitted_member_missing_from_the_roll(make_grids, sample_source):
    development = sample_source[1]["发展党员"]
    line = next(i for i, p in enumerate(development) if p["接收预备党员日期"]) + 2
    name = development[line - 2]["姓名"]

    def drop_from_roll(settings, rows):
        rows["党员名册"] = [m for m in rows["党员名册"] if m["姓名"] != name]
        rows["党费收缴"] = [r for r in rows["党费收缴"] if r["姓名"] != name]

    findings = check_grids(make_grids(drop_from_roll)).report.flatten()
    assert ("admitted-not-on-roll", cell("发展党员", "接收预备党员日期", line)) in findings
    assert not any(code == "admitted-not-on-roll" for code, _ in check_grids(make_grids()).report.flatten())
