"""Whatever lands in a cell, checking the workbook returns findings and never raises."""
from __future__ import annotations

import re
import tempfile
from datetime import date, datetime
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st
from openpyxl import load_workbook

from dangjian.api import check_workbook
from dangjian.findings import Finding, Level

SAMPLE = Path(__file__).resolve().parent.parent / "workbook" / "示例台账.xlsx"
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
# What a message must never show: Python's own spellings of a value, or a crash.
_LEAKS = ("None", "Decimal(", "datetime", "Traceback")
_CHINESE = re.compile(r"[\u4e00-\u9fff]")
edits = st.lists(st.tuples(st.sampled_from(SHEETS), st.integers(1, 45), st.integers(1, 20), values),
                 min_size=1, max_size=8)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edits)
def test_check_never_raises_on_random_cells(changes):
    book = load_workbook(SAMPLE)
    for sheet, row, column, value in changes:
        book[sheet].cell(row, column).value = value
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "台账.xlsx"
        book.save(path)
        checked = check_workbook(path)
    typed = " ".join(str(value) for *_, value in changes)  # a cell may itself say "None"
    for finding in checked.report.findings:
        assert isinstance(finding, Finding) and isinstance(finding.level, Level)
        assert finding.sheet and finding.code
        assert _CHINESE.search(finding.message), finding
        assert not any(leak in finding.message and leak not in typed for leak in _LEAKS), finding
