"""Acceptance test of the checks (issue 3): planted problems give exactly their findings, at their cells."""
from __future__ import annotations

from datetime import date

from dangjian.api import check_grids, check_workbook

from conftest import SAMPLE, row_named
from rules_helpers import cell, key_range, line_of


def test_the_sample_checks_clean():
    assert check_workbook(SAMPLE).report.findings == []  # the shipped file, read


def test_planted_problems_and_nothing_else(make_grids, sample_source):
    _, source_rows = sample_source
    meetings = source_rows["会议记录"]
    september_committee = line_of(meetings, lambda m: m["会议类型"] == "支委会" and m["日期"] == date(2023, 9, 12))
    october_meeting = line_of(meetings, lambda m: m["写入报告"] == "是")
    first_lecture = line_of(meetings, lambda m: m["会议类型"] == "党课")
    dues_row = line_of(source_rows["党费收缴"], lambda r: r["姓名"] == "李文博")
    member_row = line_of(source_rows["党员名册"], lambda r: r["姓名"] == "陈建国")
    applicant_row = line_of(source_rows["发展党员"], lambda r: r["递交申请书日期"].year == 2023)

    def plant(settings, rows):
        row_named(rows["党费收缴"], "李文博")["9月"] = None  # one month unpaid
        rows["会议记录"][october_meeting - 2]["实到人数"] = 25  # more present than expected (19)
        rows["会议记录"][first_lecture - 2]["主讲人"] = "外请专家"  # a speaker not on the roll
        member = row_named(rows["党员名册"], "陈建国")
        member["身份证号"] = member["身份证号"][:-1] + ("0" if member["身份证号"][-1] != "0" else "1")
        applicant = rows["发展党员"][applicant_row - 2]
        applicant["谈话日期"] = date(applicant["递交申请书日期"].year, applicant["递交申请书日期"].month, 1).replace(
            month=applicant["递交申请书日期"].month + 2)  # talked two months after applying
        rows["会议记录"].pop(september_committee - 2)  # no 支委会 in September

    grids = make_grids(plant)
    report = check_grids(grids).report
    meeting_rows = len(source_rows["会议记录"]) - 1
    shift = lambda line: line - 1 if line > september_committee else line  # noqa: E731 — rows after the removed one move up
    expected = {
        ("dues-underpaid", cell("党费收缴", "9月", dues_row)),
        ("attendance-over", cell("会议记录", "实到人数", shift(october_meeting))),
        ("name-not-on-roll", cell("会议记录", "主讲人", shift(first_lecture))),
        ("id-check-digit", cell("党员名册", "身份证号", member_row)),
        ("dev-talk-late", cell("发展党员", "谈话日期", applicant_row)),
        ("life-committee-meeting", key_range("会议记录", meeting_rows)),
    }
    assert set(report.flatten()) == expected
    assert len(report.findings) == len(expected)
    messages = {f.code: f.message for f in report.findings}
    assert "李文博" in messages["dues-underpaid"] and "9月" in messages["dues-underpaid"]
    assert "9月" in messages["life-committee-meeting"]
    assert all(member["身份证号"] not in f.message for f in report.findings
               for member in source_rows["党员名册"])
