"""Helpers shared by the rule tests: run the checks on a workbook, locate cells by header."""
from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils.cell import get_column_letter

from dangjian.api import check_workbook
from dangjian.schema import DATA_SHEETS


def found(path: Path, *prefixes: str) -> list[tuple[str, str]]:
    """(code, address) of the findings whose code starts with one of `prefixes`."""
    report = check_workbook(path).report
    return sorted((f.code, f.address) for f in report.findings if f.code.startswith(prefixes))


def cell(sheet_name: str, header: str, line: int) -> str:
    """'会议记录!I12': where the builder puts `header` of the row on `line`."""
    sheet = next(s for s in DATA_SHEETS if s.name == sheet_name)
    index = next(i for i, c in enumerate(sheet.columns, start=1) if c.header == header)
    return f"{sheet_name}!{get_column_letter(index)}{line}"


def key_range(sheet_name: str, rows: int) -> str:
    """The 日期/姓名 column of a built sheet holding `rows` rows (lines 2..rows+1)."""
    letter = cell(sheet_name, "日期" if sheet_name in ("会议记录", "活动记录") else "姓名", 2).split("!")[1][0]
    return f"{sheet_name}!{letter}2:{letter}{rows + 1}"


def line_of(rows: list[dict], predicate) -> int:
    """The worksheet line the builder gives the first row matching `predicate`."""
    return next(i for i, r in enumerate(rows) if predicate(r)) + 2


def set_rule(path: Path, item: str, value: object) -> Path:
    """Change one 规则设置 value in a built workbook (the builder writes only the defaults)."""
    book = load_workbook(path)
    sheet = book["规则设置"]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == item)
    row[1].value = value
    book.save(path)
    return path
