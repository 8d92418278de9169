"""Property: whatever a workbook holds, the command line ends normally (exit 0, 1 or 2) with
no traceback and within a bound (a hang guard, not a speed measurement)."""
from __future__ import annotations

import signal
import tempfile
from contextlib import contextmanager
from datetime import date, datetime, time
from pathlib import Path

import openpyxl
from hypothesis import HealthCheck, given, settings, strategies as st

from dangjian.cli import main
from dangjian.schema import BASIC_INFO, DATA_SHEETS, RULES

HANG_GUARD_SECONDS = 120

text = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=40)
hostile_text = st.sampled_from([
    "<w:p/>", "&amp;", "{{ year }}", "{% for x in y %}", "{{ ''.__class__ }}", "=1+1", "+86", "-3", "@SUM(A1)",
    "=SUM(", "=1/0", "#N/A", "合计", "  张 三 ", "２０２３年１０月９日", "2023-02-30", "3,000.50", "１２３", "是", "否",
])
untyped = st.one_of(
    st.none(), text, hostile_text,
    st.integers(min_value=-10**12, max_value=10**12),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.booleans(),
    st.dates(min_value=date(1900, 3, 1), max_value=date(2100, 12, 31)).map(lambda d: datetime(d.year, d.month, d.day)),
    st.times().map(lambda t: time(t.hour, t.minute)),
)


def typed_for(column) -> st.SearchStrategy:
    """Values a column is meant to hold, so that rows often get past the reader to the rules."""
    kind = column.kind.name
    if column.choices:
        return st.sampled_from(column.choices)
    if kind == "DATE":
        return st.dates(min_value=date(2015, 1, 1), max_value=date(2025, 12, 31)).map(
            lambda d: datetime(d.year, d.month, d.day))
    if kind == "MONEY":
        return st.integers(min_value=0, max_value=100_000).map(lambda cents: cents / 100)
    if kind == "INT":
        return st.integers(min_value=0, max_value=60)
    return st.sampled_from(["王集欣", "张慧敏", "李文博", "学习党的二十大报告", "XX县XX中心党支部"])


def cell_for(column) -> st.SearchStrategy:
    return st.one_of(typed_for(column), typed_for(column), untyped)


@st.composite
def table_sheet(draw, sheet):
    columns = draw(st.lists(st.sampled_from(sheet.columns), unique_by=lambda c: c.key, max_size=len(sheet.columns)))
    if draw(st.booleans()):
        columns = list(sheet.columns)  # a complete header, in order, as `new` writes it
    header = [c.label for c in columns]
    extra = draw(st.lists(text, max_size=2))
    rows = draw(st.lists(st.tuples(*(cell_for(c) for c in columns)) if columns else st.just(()), max_size=12))
    blank_gap = draw(st.integers(min_value=0, max_value=3))
    return header + extra, [list(r) for r in rows], blank_gap


@st.composite
def settings_sheet(draw, spec):
    items = draw(st.lists(st.sampled_from(spec.settings), unique_by=lambda s: s.key))
    if draw(st.booleans()):
        items = list(spec.settings)
    rows = []
    for setting in items:
        value = draw(st.one_of(untyped, st.sampled_from(setting.choices) if setting.choices else untyped,
                               st.sampled_from(["2023", 2023, "下半年", "全年", "王集欣", "XX县XX中心"])))
        rows.append([setting.item, value])
    return ["项目", "内容"], rows, 0


@st.composite
def workbooks(draw):
    sheets = {}
    for spec in (BASIC_INFO, RULES):
        if draw(st.integers(0, 4)):  # mostly present
            sheets[spec.name] = draw(settings_sheet(spec))
    for spec in DATA_SHEETS:
        if draw(st.integers(0, 4)):
            sheets[spec.name] = draw(table_sheet(spec))
    if draw(st.booleans()) or not sheets:  # a workbook has at least one sheet
        sheets[draw(st.text(alphabet="附表说明ABC1", min_size=1, max_size=10))] = (["x"], [[1]], 0)
    return sheets


def write(sheets: dict, path: Path) -> None:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, (header, rows, blank_gap) in sheets.items():
        sheet = book.create_sheet(name[:31])
        sheet.append(header)
        for index, row in enumerate(rows):
            if index == len(rows) // 2:
                for _ in range(blank_gap):
                    sheet.append([])
            sheet.append(row)
    book.save(path)


class Hang(Exception):
    pass


@contextmanager
def hang_guard(seconds: int):
    def stop(signum, frame):
        raise Hang(f"command did not end within {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                                                  HealthCheck.function_scoped_fixture])
@given(sheets=workbooks())
def test_any_workbook_ends_normally(sheets, capsys):
    with tempfile.TemporaryDirectory() as folder:
        workbook = Path(folder) / "台账.xlsx"
        write(sheets, workbook)
        before = workbook.read_bytes()
        for argv in (["check", str(workbook), "--format", "json"],
                     ["report", str(workbook), "-o", str(Path(folder) / "报告.docx"), "--force"]):
            with hang_guard(HANG_GUARD_SECONDS):
                code = main(argv)
            out, err = capsys.readouterr()
            assert code in (0, 1, 2), argv
            assert "Traceback" not in out + err
            assert "程序内部错误" not in err, err  # an exception nobody named: a bug
            if code == 2:
                assert err.strip()  # a usable message says what went wrong
        assert workbook.read_bytes() == before
