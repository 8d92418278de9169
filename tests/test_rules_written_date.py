"""成文日期 against the 报告期间: before it begins, or long after it ends, is a 提示."""
from __future__ import annotations

from datetime import date

import pytest

from dangjian.api import check_grids
from dangjian.findings import Level
from dangjian.schema import BASIC_INFO
from rules_helpers import found

# The builder writes one 基本信息 setting a line, from line 2.
WRITTEN = f"基本信息!B{[s.key for s in BASIC_INFO.settings].index('written') + 2}"


def _dated(period: str, written: date | None):
    def edit(settings, rows):
        settings.update({"报告期间": period, "成文日期": written})

    return edit


def test_the_sample_is_dated_within_its_period(make_grids):
    assert found(make_grids(), "written-date") == []


@pytest.mark.parametrize("period, written, fires", [
    ("上半年", date(2023, 12, 25), True),  # the sample's date left in a 上半年 report
    ("上半年", date(2023, 6, 28), False),  # written before the period's end: usual
    ("上半年", date(2023, 7, 10), False),
    ("上半年", date(2023, 8, 30), False),  # two months after 6月30日: still soon enough
    ("上半年", date(2023, 8, 31), True),
    ("第三季度", date(2023, 6, 20), True),  # before the period begins
    ("第三季度", date(2023, 7, 1), False),
    ("全年", date(2024, 1, 15), False),
    ("全年", date(2022, 12, 30), True),
    ("上半年", None, False),  # blank: the report is dated the day it is made
])
def test_written_date_far_from_the_period_is_a_hint(make_grids, period, written, fires):
    assert found(make_grids(_dated(period, written)), "written-date") == (
        [("written-date-outside", WRITTEN)] if fires else [])


def test_the_hint_says_what_is_wrong_and_does_not_stop_the_report(make_grids):
    report = check_grids(make_grids(_dated("上半年", date(2023, 12, 25)))).report
    finding = next(f for f in report.findings if f.code == "written-date-outside")
    assert finding.level is Level.INFO
    assert "成文日期2023年12月25日" in finding.message and "2023年上半年" in finding.message
    assert "以前的成文日期" in finding.message
    assert report.valid
    early = next(f for f in check_grids(make_grids(_dated("第三季度", date(2023, 6, 20)))).report.findings
                 if f.code == "written-date-outside")
    assert "早于" in early.message
