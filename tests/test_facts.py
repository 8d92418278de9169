"""Period figures shared by the checks and the report."""
from __future__ import annotations

from datetime import date, timedelta

from dangjian.api import check_workbook
from dangjian.facts import RollCount, consecutive_runs, is_member_on, month_runs, summarise_missing

from conftest import SAMPLE, row_named


def test_roll_count_agrees_with_membership_day_by_day(make_workbook):
    def churn(settings, rows):
        row_named(rows["党员名册"], "李文博")["转出日期"] = date(2023, 9, 15)
        row_named(rows["党员名册"], "陈建国")["转入日期"] = date(2023, 3, 1)

    ledger = check_workbook(make_workbook(churn)).ledger
    count = RollCount(ledger.members)
    groups = {m["group"] for m in ledger.members}
    day = date(2022, 12, 25)
    while day <= date(2024, 1, 5):
        assert count.on(day) == sum(is_member_on(m, day) for m in ledger.members), day
        for group in groups:
            expected = sum(is_member_on(m, day) and m["group"] == group for m in ledger.members)
            assert count.on(day, group=group) == expected, (day, group)
        day += timedelta(days=3)


def test_month_runs_and_missing_summaries():
    assert consecutive_runs([8, 3, 4, 5]) == [(3, 4, 5), (8,)]
    assert month_runs((3, 4, 5, 8)) == "3月至5月、8月"
    assert month_runs((10, 11)) == "10月、11月"
    assert summarise_missing(("7月", "8月", "9月", "12月")) == "7月至9月、12月"
    assert summarise_missing(tuple(f"10月{d}日" for d in range(1, 9))) == "10月1日、10月2日、10月3日、10月4日、10月5日等8次"
    assert summarise_missing(("第三季度",)) == "第三季度"


def test_sample_roll_on_the_key_meeting_day_is_its_attendance():
    ledger = check_workbook(SAMPLE).ledger
    meeting = next(m for m in ledger.meetings if m["in_report"])
    assert RollCount(ledger.members).on(meeting["date"]) == meeting["expected"] == 19
