"""基本信息 problems are placed at the setting to fix, on variants of the sample laid out as grids."""
from __future__ import annotations

from datetime import date

import pytest

from dangjian import api

# The sample's 基本信息 rows: 报告年度 B5, 报告期间 B6, 起始日期 B7, 结束日期 B8.
YEAR, PERIOD, START, END = "基本信息!B5", "基本信息!B6", "基本信息!B7", "基本信息!B8"


def basic_findings(make_grids, **settings) -> list[tuple[str, str]]:
    def edit(sample_settings, rows):
        sample_settings.update(settings)

    report = api.check_grids(make_grids(edit)).report
    return [(f.code, f.address) for f in report.findings if f.sheet == "基本信息"]


@pytest.mark.parametrize("settings, expected", [
    # A year outside the 报告年度 cell's limits is an unreadable value at that cell, said once.
    ({"报告年度": 1900}, [("bad-value", YEAR)]),
    ({"报告期间": "自定义", "起始日期": None, "结束日期": date(2023, 8, 31)}, [("period-invalid", START)]),
    ({"报告期间": "自定义", "起始日期": date(2023, 3, 1), "结束日期": None}, [("period-invalid", END)]),
    ({"报告期间": "自定义", "起始日期": date(2023, 9, 1), "结束日期": date(2023, 8, 31)}, [("period-invalid", START)]),
    # The dues and yearly rules count the months of the 报告年度 only.
    ({"报告期间": "自定义", "起始日期": date(2022, 7, 1), "结束日期": date(2023, 6, 30)}, [("period-invalid", START)]),
    ({"报告期间": "自定义", "起始日期": date(2023, 7, 1), "结束日期": date(2024, 6, 30)}, [("period-invalid", END)]),
    ({"报告年度": 2024, "报告期间": "自定义", "起始日期": date(2024, 1, 1), "结束日期": date(2024, 6, 30),
      "成文日期": date(2024, 7, 5)}, []),
])
def test_period_problem_is_placed_at_its_setting(make_grids, settings, expected):
    assert basic_findings(make_grids, **settings) == expected


def test_custom_period_outside_the_year_says_so(make_grids):
    def edit(settings, rows):
        settings.update({"报告期间": "自定义", "起始日期": date(2023, 7, 1), "结束日期": date(2024, 6, 30)})

    finding = next(f for f in api.check_grids(make_grids(edit)).report.findings if f.code == "period-invalid")
    assert "起始日期" in finding.message and "结束日期" in finding.message and "报告年度" in finding.message


@pytest.mark.parametrize("settings, cell", [({"报告年度": "二〇二三"}, YEAR), ({"报告期间": "下半年度"}, PERIOD),
                                            ({"报告期间": "自定义", "起始日期": "三月一日",
                                              "结束日期": date(2023, 8, 31)}, START)])
def test_unreadable_period_setting_is_one_finding(make_grids, settings, cell):
    assert basic_findings(make_grids, **settings) == [("bad-value", cell)]
