"""Whatever lands in a cell, checking the workbook returns findings and never raises.

The cells are typed into the sample's grids as the reader would read them back from a saved file
(tests/test_builder_grids.py and rules_helpers.with_cells); test_property_cli goes through files.
"""
from __future__ import annotations

import re
from datetime import date, datetime

from hypothesis import HealthCheck, given, settings, strategies as st
from openpyxl.utils.cell import get_column_letter

from dangjian.api import check_grids
from dangjian.findings import Finding, Level
from dangjian.read.grid import Formula
from rules_helpers import with_cells

SHEETS = ("基本信息", "党员名册", "会议记录", "党费收缴", "发展党员", "活动记录", "党务公开", "支委会成员",
          "问题与打算", "规则设置")

# openpyxl refuses control characters and lone surrogates, so they cannot reach a real file.
_text = st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs")), max_size=40)
values = st.one_of(
    st.none(),
    st.sampled_from(["", " ", "\u3000", "合计", "是", "否", "周五", "换届选举", "党员大会", "2023年13月1日",
                     "１２３", "3,000", "-1", "1e400", "#REF!", "X", "正式党员", "下半年", "自定义"]),
    _text,
    st.text(alphabet="0123456789X年月日-/.", max_size=20),
    st.builds(lambda t: "=" + t, _text),  # typed formulas: no cached value in a file openpyxl saved
    st.text(min_size=2000, max_size=20000).filter(lambda t: not any(ord(c) < 32 or 0xD800 <= ord(c) < 0xE000 for c in t)),
    st.integers(min_value=-10**12, max_value=10**12),
    st.floats(allow_nan=False, allow_infinity=False, min_value=-1e15, max_value=1e15),
    st.dates(min_value=date(1900, 3, 1), max_value=date(2200, 12, 31)),
    st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(2200, 12, 31)),
    st.booleans(),
)
# A formula with the value the spreadsheet last computed (Excel and WPS save one; openpyxl does not).
values = st.one_of(values, st.builds(Formula, st.builds(lambda t: "=" + t, _text), values))


def _shown(value: object) -> str:
    if isinstance(value, Formula):
        return value.text + ("" if value.cached is None else f" {value.cached}")
    return "" if value is None else str(value)


# What a message must never show: Python's own spellings of a value, or a crash.
_LEAKS = ("None", "Decimal(", "datetime", "Traceback")
_CHINESE = re.compile(r"[\u4e00-\u9fff]")
edits = st.lists(st.tuples(st.sampled_from(SHEETS), st.integers(1, 45), st.integers(1, 20), values),
                 min_size=1, max_size=8)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(changes=edits)
def test_check_never_raises_on_random_cells(changes, sample_grids):
    grids = dict(sample_grids)
    for sheet, row, column, value in changes:
        grids = with_cells(grids, sheet, {f"{get_column_letter(column)}{row}": value})
    checked = check_grids(grids)
    typed = " ".join(_shown(value) for *_, value in changes)  # a cell may itself say "None"
    for finding in checked.report.findings:
        assert isinstance(finding, Finding) and isinstance(finding.level, Level)
        assert finding.sheet and finding.code
        assert _CHINESE.search(finding.message), finding
        assert not any(leak in finding.message and leak not in typed for leak in _LEAKS), finding
