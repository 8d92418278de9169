"""Read a workbook file into plain grids: the only module that opens spreadsheet files.

A formula cell becomes a `Formula` carrying its text and, when the file holds one, the value
the spreadsheet application last computed (files written by openpyxl hold none).
"""
from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

# A sheet formatted down to row 1,048,576 yields rows of empty cells; after this many blank
# rows in a row the data has certainly ended.
MAX_BLANK_RUN = 1000
MAX_COLUMNS = 200
ACCEPTED_SUFFIXES = (".xlsx", ".xlsm")


class UnreadableWorkbook(Exception):
    """The file cannot be used as a workbook; the message says why, in Chinese."""


@dataclass(frozen=True)
class Formula:
    text: str
    cached: object = None


@dataclass(frozen=True)
class Grid:
    """One sheet's cell values; `rows[0]` is Excel row 1."""

    name: str
    rows: tuple[tuple[object, ...], ...]


def read_grids(path: Path) -> dict[str, Grid]:
    path = Path(path)
    _require_workbook_file(path)
    import openpyxl  # imported here so that commands which never read a workbook start fast

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=False, keep_links=False)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as exc:
        raise UnreadableWorkbook(f"无法读取“{path.name}”：文件已损坏或不是Excel工作簿（{type(exc).__name__}）") from exc
    try:
        grids = {ws.title: Grid(ws.title, _sheet_rows(ws)) for ws in book.worksheets}
    finally:
        book.close()
    if any(_has_formula(grid) for grid in grids.values()):
        grids = _with_cached_values(path, grids)
    return grids


def _require_workbook_file(path: Path) -> None:
    if not path.exists():
        raise UnreadableWorkbook(f"找不到文件“{path}”")
    if path.is_dir():
        raise UnreadableWorkbook(f"“{path}”是文件夹，不是Excel工作簿")
    with path.open("rb") as handle:
        head = handle.read(8)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise UnreadableWorkbook(
            f"“{path.name}”是加密的工作簿或旧版 .xls 文件，无法读取。"
            "请在Excel或WPS中取消密码，或“另存为”Excel工作簿（.xlsx）后再试"
        )
    if not head.startswith(b"PK"):
        raise UnreadableWorkbook(f"“{path.name}”不是Excel工作簿（.xlsx）")
    if path.suffix.lower() not in ACCEPTED_SUFFIXES:
        raise UnreadableWorkbook(f"不支持“{path.suffix}”格式，请“另存为”Excel工作簿（.xlsx）后再试")


def _sheet_rows(ws) -> tuple[tuple[object, ...], ...]:
    # Writers disagree about the <dimension> element; ignore it and read what is there.
    ws.reset_dimensions()
    header = next(ws.iter_rows(max_row=1, max_col=MAX_COLUMNS, values_only=True), ())
    width = max((i + 1 for i, v in enumerate(header) if v not in (None, "")), default=0)
    # Settings sheets (项目|内容) may carry values beyond an empty header row.
    width = max(width, 3)
    rows: list[tuple[object, ...]] = []
    blank_run = 0
    for row in ws.iter_rows(max_col=width, values_only=True):
        values = tuple(_cell_value(v) for v in row)
        if all(v is None or v == "" for v in values):
            blank_run += 1
            if blank_run > MAX_BLANK_RUN:
                break
        else:
            blank_run = 0
        rows.append(values)
    while rows and all(v is None or v == "" for v in rows[-1]):
        rows.pop()
    return tuple(rows)


def _cell_value(value: object) -> object:
    if isinstance(value, str) and value.startswith("=") and len(value) > 1:
        return Formula(value)
    if type(value).__name__ == "ArrayFormula":
        return Formula(getattr(value, "text", "") or "")
    return value


def _has_formula(grid: Grid) -> bool:
    return any(isinstance(v, Formula) for row in grid.rows for v in row)


def _with_cached_values(path: Path, grids: dict[str, Grid]) -> dict[str, Grid]:
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True, data_only=True, keep_links=False)
    try:
        result = dict(grids)
        for name, grid in grids.items():
            if not _has_formula(grid):
                continue
            ws = book[name]
            ws.reset_dimensions()
            cached_rows = ws.iter_rows(max_row=len(grid.rows), max_col=MAX_COLUMNS, values_only=True)
            merged = []
            for formula_row, cached_row in zip(grid.rows, cached_rows):
                merged.append(tuple(
                    Formula(v.text, cached_row[i] if i < len(cached_row) else None) if isinstance(v, Formula) else v
                    for i, v in enumerate(formula_row)
                ))
            result[name] = Grid(name, tuple(merged))
        return result
    finally:
        book.close()
