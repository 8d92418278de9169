"""The rule tests check grids laid out in memory; here they are proved to be what the reader
reads from the file the builder writes, so that no rule test needs the file."""
from __future__ import annotations

import copy
from datetime import date, datetime
from decimal import Decimal

import pytest

from dangjian.api import check_grids, check_workbook
from dangjian.documents.builder import build_workbook, workbook_grids
from dangjian.read.grid import Formula, read_grids

from conftest import row_named


def _edge_values(settings, rows):
    """Values of every type a test may put into a cell, in columns of every kind."""
    member = row_named(rows["党员名册"], "王集欣")
    member.update({"出生日期": datetime(1974, 5, 12, 9, 30), "入党日期": 38000, "身份证号": "",
                   "备注": date(2023, 3, 1), "行政职务": "=A1+1", "民族": "#N/A", "联系电话": ("1", "2")})
    dues = row_named(rows["党费收缴"], "王集欣")
    dues.update({"1月": Decimal("205"), "2月": None, "3月": "不是金额", "备注": True, "月计算基数": 10280.5})
    rows["支委会成员"] = []  # a blank table: one empty row offered
    rows["活动记录"].append({"日期": "2023年13月1日", "参加人数": "十五", "写入报告": False})
    settings.update({"报告年度": "二〇二三", "结束日期": date(2023, 12, 31), "党费舍入方式": "向上取整到元",
                     "积极分子培养期（月）": Decimal("18")})


@pytest.mark.parametrize("edit", [None, _edge_values, lambda s, rows: rows.update({"党费收缴": []})],
                         ids=["sample", "edge-values", "blank-total-table"])
def test_grids_in_memory_are_what_the_reader_reads_from_the_built_file(edit, sample_source, tmp_path):
    settings, rows = copy.deepcopy(sample_source)
    if edit:
        edit(settings, rows)
    path = tmp_path / "台账.xlsx"
    build_workbook(path, settings=settings, rows=rows)

    in_memory, from_file = workbook_grids(settings, rows), read_grids(path)

    assert list(in_memory) == list(from_file)
    for name, grid in from_file.items():
        assert in_memory[name] == grid, name
    built, read = check_grids(in_memory), check_workbook(path)
    assert built.ledger == read.ledger
    assert built.report.findings == read.report.findings


def test_formulas_are_laid_out_without_a_computed_value(sample_source):
    dues = workbook_grids(*sample_source)["党费收缴"].rows
    assert dues[1][dues[0].index("合计（元）")] == Formula("=SUM(F2:Q2)", None)
    assert dues[-1][1] == "合计" and dues[-1][3] == Formula(f"=SUM(D2:D{len(dues) - 1})", None)


def test_rule_settings_are_laid_out_like_basic_settings(sample_source):
    settings, rows = copy.deepcopy(sample_source)
    rules = workbook_grids(settings, rows)["规则设置"].rows
    line = next(r for r in rules if r[0] == "连续未交党费月数（按自行脱党处理）")
    assert line[1] == 6  # the schema's default, as a number
    settings["连续未交党费月数（按自行脱党处理）"] = 5
    rules = workbook_grids(settings, rows)["规则设置"].rows
    assert next(r for r in rules if r[0] == "连续未交党费月数（按自行脱党处理）")[1] == 5
