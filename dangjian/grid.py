"""Read a workbook file into plain grids: the only module that opens spreadsheet files.

A formula cell becomes a `Formula` carrying its text and, when the file holds one, the value
the spreadsheet application last computed (files written by openpyxl hold none).

Values come from python-calamine, about ten times faster than openpyxl; calamine cannot tell a
formula from a typed value, so one pass over the sheet XML finds the formula cells. Files that
pass would misread (cells without addresses, sheets of 100,000+ rows) go to openpyxl instead.
"""
from __future__ import annotations

import html
import posixpath
import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

# A sheet formatted down to row 1,048,576 yields rows of empty cells; after this many blank
# rows in a row the data has certainly ended.
MAX_BLANK_RUN = 1000
MAX_COLUMNS = 200
HEADER_ROWS = 10  # a header is looked for in this many rows from the top
ACCEPTED_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
# Excel 97 (.xls) and OpenDocument (.ods) are read by calamine alone, values only: a formula
# there is read as the value the application last computed.
VALUE_ONLY_SUFFIXES = (".xls", ".ods")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"
_ENCRYPTION_STREAM = "EncryptionInfo".encode("utf-16-le")
# What the readers raise on a damaged file (XML parse errors are SyntaxError subclasses).
_DAMAGED = (zipfile.BadZipFile, zlib.error, EOFError, KeyError, IndexError, ValueError, OSError, TypeError, SyntaxError)
# calamine holds a sheet as one dense block; past this many rows openpyxl's streaming reader
# (which stops at MAX_BLANK_RUN) is the safer choice.
MAX_DENSE_ROWS = 100_000


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
    # Merged ranges as (first row, first column, last row, last column), counted from 0.
    merged: tuple[tuple[int, int, int, int], ...] = ()


def read_grids(path: Path) -> dict[str, Grid]:
    path = Path(path)
    _require_workbook_file(path)
    value_only = path.suffix.lower() in VALUE_ONLY_SUFFIXES
    try:
        from python_calamine import CalamineError, CalamineWorkbook, PasswordError, SheetTypeEnum, XmlError, ZipError
    except ImportError:  # an installation without it still reads .xlsx, only slower
        if value_only:
            raise UnreadableWorkbook(f"读取“{path.suffix}”文件需要 python-calamine：请运行 pip install -r requirements.txt") from None
        return _read_with_openpyxl(path)
    formulas = {} if value_only else _formula_cells(path)
    if formulas is None:
        return _read_with_openpyxl(path)
    try:
        book = CalamineWorkbook.from_path(str(path))
        try:
            names = [m.name for m in book.sheets_metadata if m.typ == SheetTypeEnum.WorkSheet]
            return {name: _calamine_grid(book.get_sheet_by_name(name), formulas.get(name, {})) for name in names}
        finally:
            book.close()
    except (CalamineError, PasswordError, XmlError, ZipError, *_DAMAGED) as exc:
        raise UnreadableWorkbook(f"无法读取“{path.name}”：文件已损坏、设置了密码或不是工作簿") from exc
    except BaseException as exc:
        # A cell calamine cannot convert (a duration or date far outside Excel's range) ends in an
        # OverflowError or a Rust panic (pyo3's PanicException, a BaseException); openpyxl copes.
        if type(exc).__name__ != "PanicException" and not isinstance(exc, (OverflowError, ValueError)):
            raise
        if value_only:
            raise UnreadableWorkbook(f"无法读取“{path.name}”：文件中有无法识别的单元格，请“另存为”.xlsx 后再试") from None
        return _read_with_openpyxl(path)


def _read_with_openpyxl(path: Path) -> dict[str, Grid]:
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
        raise UnreadableWorkbook(f"无法读取“{path.name}”：文件已损坏或不是Excel工作簿") from exc
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
            f"“{path.name}”不是Excel工作簿，或文件已损坏：文件内容与扩展名“{path.suffix}”不符。"
            "请在Excel或WPS中打开它并“另存为”Excel工作簿（.xlsx）后再试"
        )


def _sheet_rows(ws) -> tuple[tuple[object, ...], ...]:
    # Writers disagree about the <dimension> element; ignore it and read what is there.
    ws.reset_dimensions()
    # The header may sit below a title row (records looks for it in the first HEADER_ROWS rows).
    width = max((i + 1 for row in ws.iter_rows(max_row=HEADER_ROWS, max_col=MAX_COLUMNS, values_only=True)
                 for i, v in enumerate(row) if v not in (None, "")), default=0)
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


# ---- the fast path: calamine values plus formula cells from the sheet XML ---------------

_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_CELL_START = re.compile(rb"[<:]c\s([^>]*?)(?<!/)>")
_FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s/>]")
_FORMULA = re.compile(rb"<(?:\w+:)?f\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?f>)", re.S)
# A cached value is a non-empty <v>; openpyxl writes an empty one for formulas it cannot compute.
_VALUE_TEXT = re.compile(rb"<(?:\w+:)?v(?:\s[^>]*)?>([^<]+)<")
_ATTRIBUTE = re.compile(rb'([\w:]+)="([^"]*)"')
_ADDRESS = re.compile(r"([A-Z]{1,3})([0-9]+)")
_ROW_NUMBER = re.compile(rb'[<:]row\b[^>]*?\br="([0-9]+)"')
# A1 references outside string literals; not a function name (LOG10) or part of a longer name.
_REFERENCE = re.compile(r'"[^"]*"|\'[^\']*\'|(?<![A-Za-z0-9_.$])(\$?)([A-Z]{1,3})(\$?)([0-9]+)(?![0-9A-Za-z_(!])')


@dataclass(frozen=True)
class _FormulaCell:
    text: str
    has_value: bool
    error: str | None = None  # the error value it shows (#N/A), which calamine reads as empty


def _formula_cells(path: Path) -> dict[str, dict[tuple[int, int], _FormulaCell]] | None:
    """Formula cells of every worksheet by (row, column) from 0, or None when only openpyxl will do."""
    try:
        with zipfile.ZipFile(path) as archive:
            parts = _sheet_parts(archive)
            result = {}
            for name, part in parts.items():
                data = archive.read(part)
                last = _last_row(data)
                if last is None or last > MAX_DENSE_ROWS:
                    return None
                if not _FORMULA_TAG.search(data):
                    continue
                cells = _parse_formulas(data)
                if cells is None:
                    return None
                result[name] = cells
            return result
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, ElementTree.ParseError):
        return None  # openpyxl then says what is wrong with the file, in the usual words


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target", "") for r in rels}
    parts = {}
    for sheet in workbook.iter():
        if sheet.tag.rsplit("}", 1)[-1] != "sheet":
            continue
        target = targets.get(sheet.get(_NS_REL), "")
        if "worksheets/" not in target:
            continue  # a chartsheet or dialog sheet holds no cells
        part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
        parts[sheet.get("name")] = part
    return parts


def _last_row(data: bytes) -> int | None:
    """The number of the sheet's last row element (rows are written in order); None if unknown."""
    end = data.rfind(b"sheetData>")
    if end < 0:
        return 0  # <sheetData/>: no rows at all
    start = max(data.rfind(b"<row ", 0, end), data.rfind(b":row ", 0, end))
    if start < 0:
        return 0
    match = _ROW_NUMBER.match(data, start)
    return int(match.group(1)) if match else None


def _parse_formulas(data: bytes) -> dict[tuple[int, int], _FormulaCell] | None:
    cells: dict[tuple[int, int], _FormulaCell] = {}
    shared: dict[bytes, tuple[str, int, int]] = {}
    for formula in _FORMULA.finditer(data):
        # The enclosing cell starts at the last <c (or <x:c) before the formula and ends at </c>.
        # A cell's opening tag is short, so a small window keeps this linear in the file size.
        low = max(0, formula.start() - 2048)
        start = max(data.rfind(b"<c ", low, formula.start()), data.rfind(b":c ", low, formula.start()))
        cell = _CELL_START.match(data, start)
        end = data.find(b"c>", formula.end())
        if start < 0 or cell is None or end < 0:
            return None
        address = _ADDRESS.fullmatch(dict(_ATTRIBUTE.findall(cell.group(1))).get(b"r", b"").decode("ascii", "replace"))
        if address is None:
            return None
        row, column = int(address.group(2)) - 1, _column_index(address.group(1))
        options = dict(_ATTRIBUTE.findall(formula.group(1)))
        text = html.unescape(formula.group(2).decode("utf-8")) if formula.group(2) else ""
        if options.get(b"t") == b"shared":
            index = options.get(b"si", b"")
            if text:
                shared[index] = (text, row, column)
            elif index in shared:
                master, master_row, master_column = shared[index]
                text = _shifted(master, row - master_row, column - master_column)
        value = _VALUE_TEXT.search(data, formula.end(), end)
        error = None
        if value is not None and dict(_ATTRIBUTE.findall(cell.group(1))).get(b"t") == b"e":
            error = html.unescape(value.group(1).decode("utf-8", "replace"))
        cells[(row, column)] = _FormulaCell("=" + text, value is not None, error)
    return cells


def _column_index(letters: str) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index - 1


def column_letter(index: int) -> str:
    """'A' for 1, 'AA' for 27."""
    letters = ""
    while index > 0:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def _shifted(formula: str, rows: int, columns: int) -> str:
    """A shared formula's text as it reads in a cell `rows` down and `columns` right of its first cell."""
    def move(match: re.Match) -> str:
        if match.group(2) is None:
            return match.group(0)  # a string literal or quoted sheet name
        col_abs, letters, row_abs, number = match.groups()
        if not col_abs:
            letters = column_letter(_column_index(letters) + 1 + columns)
        if not row_abs:
            number = str(int(number) + rows)
        return f"{col_abs}{letters}{row_abs}{number}"

    return _REFERENCE.sub(move, formula)


def _calamine_grid(sheet, formulas: dict[tuple[int, int], _FormulaCell]) -> Grid:
    merged = tuple((r1, c1, r2, c2) for (r1, c1), (r2, c2) in (sheet.merged_cell_ranges or ()))
    return Grid(sheet.name, _calamine_rows(sheet, formulas), merged)


def _calamine_rows(sheet, formulas: dict[tuple[int, int], _FormulaCell]) -> tuple[tuple[object, ...], ...]:
    values = sheet.to_python(skip_empty_area=False)
    if not values:
        return ()
    # The header may sit below a title row (records looks for it in the first HEADER_ROWS rows).
    width = max((i + 1 for row in values[:HEADER_ROWS] for i, v in enumerate(row[:MAX_COLUMNS])
                 if v != "" and v is not None), default=0)
    width = max([width, *(column + 1 for row, column in formulas if row < HEADER_ROWS and column < MAX_COLUMNS)])
    # Settings sheets (项目|内容) may carry values beyond an empty header row.
    width = max(width, 3)
    formula_rows = {row for row, _ in formulas}
    rows: list[tuple[object, ...]] = []
    blank_run = 0
    for line, raw in enumerate(values):
        # As openpyxl gives them: None for an empty cell, int for a whole number.
        row = tuple([None if v == "" else int(v) if v.__class__ is float and v.is_integer() else v
                     for v in raw[:width]])
        if len(row) < width:
            row += (None,) * (width - len(row))
        if line in formula_rows:
            row = tuple(_with_formula(v, formulas.get((line, i))) for i, v in enumerate(row))
        if all(v is None for v in row):
            blank_run += 1
            if blank_run > MAX_BLANK_RUN:
                break
        else:
            blank_run = 0
        rows.append(row)
    while rows and all(v is None for v in rows[-1]):
        rows.pop()
    return tuple(rows)


def _with_formula(value: object, formula: _FormulaCell | None) -> object:
    if formula is None:
        return value
    cached = (formula.error or ("" if value is None else value)) if formula.has_value else None
    return Formula(formula.text, cached)
