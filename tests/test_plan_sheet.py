"""The optional 计划 sheet against the records: a planned item without a record is one warning at
its row, one done in the month after is said so (a 提示), not called missing; `plan --into-new`
writes the plan into a copy of the workbook, never into the workbook itself."""
from __future__ import annotations

from datetime import date

from openpyxl import load_workbook

from dangjian.api import check_grids, check_workbook, plan_workbook
from dangjian.read.grid import Grid
from dangjian.schema import PLANS

from conftest import SAMPLE


def with_plan(grids, rows: list[tuple]) -> dict:
    header = tuple(column.label for column in PLANS.columns)
    lines = [header, *((i, *row) + (None,) * (len(header) - 1 - len(row)) for i, row in enumerate(rows, start=1))]
    return {**grids, PLANS.name: Grid(PLANS.name, tuple(lines))}


def plan_findings(grids) -> list[tuple[str, str]]:
    return sorted((f.code, f.address) for f in check_grids(grids).report.findings if f.code.startswith("plan-"))


def test_planned_items_against_the_records(sample_grids):
    # The sample's period is 下半年: the plan's rows of July to December are compared.
    grids = with_plan(sample_grids, [
        ("8月", "党员大会"),  # the third quarter's, held 7月11日: earlier in its quarter is on time
        ("8月", "党课"),  # the third quarter's 党课 was given on 9月26日: done, a month late
        ("7月", "组织生活会"),  # held only on 12月19日: no record in July or August
        ("10月", "党小组会", "第一党小组"),  # held 10月19日
        ("12月", "其他", None, "“七一”慰问老党员"),  # not compared with the records
        ("3月", "组织生活会"),  # before the period: not judged in this report
    ])
    assert plan_findings(grids) == [("plan-done-late", "计划!B3"), ("plan-not-done", "计划!B4")]
    late = next(f for f in check_grids(grids).report.findings if f.code == "plan-done-late")
    assert "2023年9月26日" in late.message


def test_each_record_does_one_planned_item(sample_grids):
    # Two 支委会 planned in October, one held (10月17日); November's own (11月7日) does November's item.
    grids = with_plan(sample_grids, [("10月", "支委会"), ("10月", "支委会"), ("11月", "支委会")])
    assert plan_findings(grids) == [("plan-not-done", "计划!B3")]


def test_no_plan_sheet_no_finding(sample_grids):
    assert plan_findings(sample_grids) == []


def test_into_new_writes_a_copy_whose_plan_the_records_meet(tmp_path):
    before = SAMPLE.read_bytes()
    run = plan_workbook(SAMPLE, year=2023, into_new=tmp_path / "台账副本.xlsx", today=date(2023, 1, 5))
    assert SAMPLE.read_bytes() == before
    sheet = load_workbook(run.written)[PLANS.name]
    header = [c.value for c in sheet[1]]
    assert header[:len(PLANS.columns)] == [c.label for c in PLANS.columns]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2, max_col=4) if row[1].value]
    assert rows[0][1:3] == ["1月", "集中学习"]
    assert ["2月", "党小组会", "第二党小组"] in [r[1:4] for r in rows]
    checked = check_workbook(run.written)
    assert [f for f in checked.report.findings if f.code.startswith("plan-")] == []  # the sample did all it planned
    assert len(checked.ledger.plans) == len(rows)


def test_report_says_how_much_of_the_plan_was_done(sample_grids):
    from dangjian.documents.context import report_context

    grids = with_plan(sample_grids, [("8月", "党员大会"), ("8月", "党课"), ("7月", "组织生活会"),
                                     ("10月", "党小组会", "第一党小组"), ("12月", "其他"), ("3月", "组织生活会")])
    checked = check_grids(grids)
    text = report_context(checked.ledger, checked.figures, today=date(2023, 12, 28))["life"]["text"]
    # Four items of 下半年 compare with the records (其他 and March's do not); three were done, one late.
    assert text.endswith("年度计划中下半年安排的4项工作已完成3项。")
    plain = report_context(*(lambda c: (c.ledger, c.figures))(check_grids(sample_grids)), today=date(2023, 12, 28))
    assert "年度计划" not in plain["life"]["text"]


def test_into_new_refuses_a_plan_of_another_year(tmp_path):
    import pytest

    from dangjian.api import OutputRefused

    with pytest.raises(OutputRefused, match="报告年度（2023年）"):
        plan_workbook(SAMPLE, year=2024, into_new=tmp_path / "台账副本.xlsx")
    assert not (tmp_path / "台账副本.xlsx").exists()
