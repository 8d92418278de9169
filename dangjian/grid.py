"""Read a workbook file into plain grids: the only module that opens spreadsheet files.

A formula cell becomes a `Formula` carrying its text and, when the file holds one, the value
the spreadsheet application last computed (files written by openpyxl hold none).
"""
from __future__ import annotations

import itertools
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

# A sheet formatted down to row 1,048,576 yields rows of empty cells; after this many blank
# rows in a row the data has certainly ended.
MAX_BLANK_RUN = 1000
MAX_COLUMNS = 200
ACCEPTED_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
# Excel 97 (.xls) and OpenDocument (.ods) are read with python-calamine, which gives values
# only: a formula there is read as the value the application last computed.
VALUE_ONLY_SUFFIXES = (".xls", ".ods")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"
_ENCRYPTION_STREAM = "EncryptionInfo".encode("utf-16-le")
# What openpyxl raises on a damaged package (XML parse errors are SyntaxError subclasses).
_DAMAGED = (zipfile.BadZipFile, zlib.error, EOFError, KeyError, IndexError, ValueError, OSError, TypeError, SyntaxError)


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
    if path.suffix.lower() in VALUE_ONLY_SUFFIXES:
        return _read_values_only(path)
    import openpyxl  # imported here so that commands which never read a workbook start fast

    # A damaged file can fail while opening or only later, in the sheet being read.
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=False, keep_links=False)
        try:
            grids = {ws.title: Grid(ws.title, _sheet_rows(ws)) for ws in book.worksheets}
        finally:
            book.close()
        if any(_has_formula(grid) for grid in grids.values()):
            grids = _with_cached_values(path, grids)
    except _DAMAGED as exc:
        raise UnreadableWorkbook(f"无法读取“{path.name}”：文件已损坏或不是Excel工作簿（{type(exc).__name__}）") from exc
    return grids


def _require_workbook_file(path: Path) -> None:
    if not path.exists():
        raise UnreadableWorkbook(f"找不到文件“{path}”")
    if path.is_dir():
        raise UnreadableWorkbook(f"“{path}”是文件夹，不是Excel工作簿")
    suffix = path.suffix.lower()
    if suffix not in ACCEPTED_SUFFIXES:
        raise UnreadableWorkbook(
            f"不支持“{path.suffix or '无扩展名'}”文件（{path.name}）。可以读取的格式：.xlsx、.xlsm、.xls、.ods；"
            "请在Excel或WPS中“另存为”Excel工作簿（.xlsx）后再试"
        )
    with path.open("rb") as handle:
        head = handle.read(8)
        # An encrypted .xlsx is an OLE container like .xls; its stream names tell them apart.
        encrypted = head.startswith(_OLE_MAGIC) and _ENCRYPTION_STREAM in head + handle.read(1 << 20)
    if not head:
        raise UnreadableWorkbook(f"“{path.name}”是空文件（0字节），不是Excel工作簿")
    if encrypted:
        raise UnreadableWorkbook(f"“{path.name}”设置了打开密码，无法读取。请在Excel或WPS中取消密码并保存后再试")
    expected = _OLE_MAGIC if suffix == ".xls" else b"PK"
    if not head.startswith(expected):
        raise UnreadableWorkbook(
            f"“{path.name}”不是工作簿或已损坏：文件内容与扩展名“{path.suffix}”不符。"
            "请在Excel或WPS中打开它并“另存为”Excel工作簿（.xlsx）后再试"
        )


def _sheet_rows(ws) -> tuple[tuple[object, ...], ...]:
    # Writers disagree about the <dimension> element; ignore it and read what is there.
    ws.reset_dimensions()
    header = next(ws.iter_rows(max_row=1, max_col=MAX_COLUMNS, values_only=True), ())
    width = max((i + 1 for i, v in enumerate(header) if v not in (None, "")), default=0)
    # Settings sheets (项目|内容) may carry values beyond an empty header row.
    width = max(width, 3)
    rows = ws.iter_rows(max_col=width, values_only=True)
    return _rows_until_blank_run(tuple(_cell_value(v) for v in row) for row in rows)


def _rows_until_blank_run(source) -> tuple[tuple[object, ...], ...]:
    rows: list[tuple[object, ...]] = []
    blank_run = 0
    for values in source:
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


def _read_values_only(path: Path) -> dict[str, Grid]:
    from python_calamine import CalamineError, CalamineWorkbook, PasswordError, XmlError, ZipError

    try:
        book = CalamineWorkbook.from_path(str(path))
        grids = {}
        for name in book.sheet_names:
            sheet = book.get_sheet_by_name(name)
            grids[name] = Grid(name, _rows_until_blank_run(_placed_rows(sheet)))
    except (CalamineError, PasswordError, XmlError, ZipError, ValueError, OSError, TypeError) as exc:
        raise UnreadableWorkbook(f"无法读取“{path.name}”：文件已损坏、设置了密码或不是工作簿（{type(exc).__name__}）") from exc
    return grids


def _placed_rows(sheet):
    """Rows from Excel row 1 and column A, wherever the sheet's used range starts."""
    top, left = sheet.start or (0, 0)
    rows = itertools.chain([()] * top, ((None,) * left + tuple(r) for r in sheet.iter_rows()))
    header = next(rows, ())
    # As for .xlsx: as wide as the header, at least 3 for the 项目|内容 sheets.
    width = min(max(max((i + 1 for i, v in enumerate(header) if v not in (None, "")), default=0), 3), MAX_COLUMNS)
    yield _pad(header, width)
    for row in rows:
        yield _pad(row, width)


def _pad(row, width: int) -> tuple[object, ...]:
    values = tuple(None if v == "" else v for v in row[:width])
    return values + (None,) * (width - len(values))


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
