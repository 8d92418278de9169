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
import stat
import zipfile
import zlib
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from itertools import chain, islice, zip_longest
from typing import Callable, Iterable, NamedTuple, Sequence
from xml.etree import ElementTree

from ..errors import DangjianError, printable
from .headers import header_index
from ..limits import (
    HEADER_ROWS, MAX_COLUMNS, MAX_COMPRESSION_RATIO, MAX_DENSE_CELLS, MAX_MERGED_RANGES, MAX_OUTSIDE_CELLS,
    MAX_PART_BYTES, MAX_ROWS, MAX_SHEETS_BYTES, MAX_WORKBOOK_CELLS, RATIO_CHECKED_FROM, megabytes,
)

ACCEPTED_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
# Excel 97 (.xls) and OpenDocument (.ods) are read by calamine alone, values only: a formula
# there is read as the value the application last computed.
VALUE_ONLY_SUFFIXES = (".xls", ".ods")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"
_ENCRYPTION_STREAM = "EncryptionInfo".encode("utf-16-le")
# What the readers raise on a damaged file (XML parse errors are SyntaxError subclasses).
_DAMAGED = (zipfile.BadZipFile, zlib.error, EOFError, KeyError, IndexError, ValueError, OSError, TypeError,
            SyntaxError, NotImplementedError)
# What inflating a zip part raises when its compressed bytes are damaged (a CRC mismatch is a BadZipFile).
_INFLATE_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, ValueError)


class UnreadableWorkbook(DangjianError):
    """The file cannot be used as a workbook; the message says why, in Chinese."""


@dataclass(frozen=True)
class Formula:
    text: str
    cached: object = None


@dataclass(frozen=True)
class Grid:
    """One sheet's cell values; `rows[0]` is Excel row 1.

    `outside` names cells ("XFD100000") that hold something but lie right of the columns read
    (the header's width), at most MAX_OUTSIDE_CELLS of them; `outside_total` counts them all.
    """

    name: str
    rows: tuple[tuple[object, ...], ...]
    outside: tuple[str, ...] = field(default=(), compare=False)
    outside_total: int = field(default=0, compare=False)
    # Merged ranges as (first row, first column, last row, last column), counted from 0.
    merged: tuple[tuple[int, int, int, int], ...] = field(default=(), compare=False)


# ---- the one place that turns raw rows into a grid ---------------------------------------

def grid_from_rows(name: str, rows: Iterable[Sequence[object]], *, outside: Sequence[str] = (),
                   outside_total: int = 0) -> Grid:
    """A Grid from raw rows: the one place for the trimming and cleaning rules of every reader.

    `rows` are lists of cell values from any source (calamine, openpyxl, or a live Excel range
    through xlwings), rows[0] being Excel row 1 and column A first; a generator is read lazily.
    - Width: up to the last non-blank cell of the header row (headers.header_index; at least 3
      columns, for the 项目|内容|说明 settings sheets), never past MAX_COLUMNS. Non-blank cells
      right of it are not read but named in `Grid.outside` (with any the caller found itself,
      passed as `outside`/`outside_total`).
    - Values (`cell_value`): '' is None, whole numbers are int, currency Decimals are numbers,
      pywintypes datetimes are plain ones, text loses control characters (bidi marks shown).
    - Blank rows: kept between data (a long blank run does not end the sheet, rows after it are
      read), dropped at the end. More than MAX_ROWS non-blank rows raise UnreadableWorkbook.
    """
    return _grid_from_cleaned(name, map(_cleaned_row, rows), outside=outside, outside_total=outside_total)


def _cleaned_row(raw: Sequence[object]) -> list[object]:
    """cell_value of each cell; the kinds most cells are (text, numbers, blanks, dates) need no call."""
    return [((v or None) if v.isprintable() else cell_value(v)) if (cls := v.__class__) is str
            else (int(v) if v.is_integer() else v) if cls is float else v if cls in _AS_IS else cell_value(v)
            for v in raw]


def _cleaned_by_column(rows: Sequence[Sequence[object]]) -> Iterable[tuple[object, ...]]:
    """`rows` cleaned as _cleaned_row cleans them, a column at a time: a block's columns are of one
    kind, and a column of plain text, most of a ledger, needs only one join and one isprintable.

    For a block of calamine's values: a str subclass would pass the join and be kept as it is.
    Shorter rows are padded with blanks (cleaned to None, as the grid pads them).
    """
    def cleaned(column: tuple[object, ...]) -> list[object]:
        try:
            if "".join(column).isprintable():
                return [v or None for v in column] if "" in column else column
        except TypeError:  # not all text
            pass
        return _cleaned_row(column)

    return zip(*map(cleaned, zip_longest(*rows, fillvalue="")))


def _grid_from_cleaned(name: str, rows: Iterable[Sequence[object]], *, outside: Sequence[str] = (),
                       outside_total: int = 0) -> Grid:
    """grid_from_rows for rows already cleaned (each cell as cell_value gives it)."""
    name = printable(str(name))
    found = list(outside)
    total = max(outside_total, len(found))
    result: list[tuple[object, ...]] = []
    pending = 0  # blank rows seen since the last non-blank one
    filled = 0
    rows = iter(rows)
    head = list(islice(rows, HEADER_ROWS))
    header = head[header_index(name, head)] if head else []
    width = max(max((i + 1 for i, v in enumerate(header[:MAX_COLUMNS]) if v is not None), default=0), 3)
    blank = (None,) * width
    for line, values in enumerate(chain(head, rows)):
        row = tuple(values[:width])
        if len(row) < width:
            row += (None,) * (width - len(row))
        elif len(values) > width:
            for column in range(width, len(values)):
                if values[column] is not None:
                    total += 1
                    if len(found) < MAX_OUTSIDE_CELLS:
                        found.append(f"{column_letter(column + 1)}{line + 1}")
        if row == blank:
            pending += 1
            continue
        filled += 1
        if filled > MAX_ROWS:
            raise UnreadableWorkbook(
                f"工作表“{name}”中有数据的行超过{MAX_ROWS}行（上限），不像是一个党支部的台账，未读取。"
                "请删除多余的行（或把不相关的数据移到另一个文件）后再试")
        if pending:
            result.extend([blank] * pending)
            pending = 0
        result.append(row)
    return Grid(name, tuple(result), tuple(found), total)


# Kept as they are by cell_value (a Formula: a sheet's 合计 column holds thousands).
_AS_IS = frozenset({type(None), int, bool, date, datetime, time, timedelta, Formula})


def cell_value(value: object) -> object:
    """One raw cell value as every reader gives it to the grid (see grid_from_rows)."""
    cls = value.__class__
    if cls is str:
        if value == "":
            return None
        return value if value.isprintable() else printable(value)
    if cls is float:
        return int(value) if value.is_integer() else value
    if value is None or cls is int or cls is bool:
        return value
    if isinstance(value, Decimal):
        # Currency-formatted cells arrive as Decimal (at most 4 places), so float is exact enough.
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, datetime) and cls is not datetime:
        # pywintypes.datetime is a subclass that carries a time zone; the core wants a plain one.
        return datetime(value.year, value.month, value.day, value.hour, value.minute, value.second)
    if isinstance(value, str):
        return cell_value(str(value))
    return value


def read_grids(path: Path, *, surveyed: Callable[[], object] | None = None) -> dict[str, Grid]:
    """Every worksheet of the workbook file at `path` as a Grid, by name; UnreadableWorkbook says why not.

    Foreign formats (.xls, .ods) are read in a child process bounded in time and memory (reader_child.py):
    whatever such a file does to its reader, this call returns or raises UnreadableWorkbook.
    `surveyed` is called once the file has passed the checks of its parts and sheets, just before
    the cells are parsed (a file refused by them never gets there).
    """
    path = Path(path)
    _require_workbook_file(path)
    if path.suffix.lower() in VALUE_ONLY_SUFFIXES:
        from .reader_child import read_in_child

        if surveyed is not None:
            surveyed()  # the child surveys and parses; this process only waits
        return read_in_child(path, reader="dangjian.read.grid:read_workbook_here", refused=UnreadableWorkbook)
    return read_workbook_here(path, surveyed=surveyed)


def read_workbook_here(path: Path, *, surveyed: Callable[[], object] | None = None) -> dict[str, Grid]:
    """read_grids in this process (the child's work for a foreign format)."""
    path = Path(path)
    suffix = path.suffix.lower()
    value_only = suffix in VALUE_ONLY_SUFFIXES
    survey = None
    if suffix != ".xls":
        survey = _survey(path, sheets=suffix != ".ods")
    if surveyed is not None:
        surveyed()
    try:
        from python_calamine import CalamineError, CalamineWorkbook, PasswordError, SheetTypeEnum, XmlError, ZipError
    except ImportError:  # an installation without it still reads .xlsx, only slower
        if value_only:
            raise UnreadableWorkbook(f"读取“{path.suffix}”文件需要 python-calamine：请运行 pip install -r requirements.txt") from None
        return _read_with_openpyxl(path, survey)
    if not value_only and (survey is None or not survey.dense):
        return _read_with_openpyxl(path, survey)
    formulas = survey.formulas if survey is not None else {}
    errors = survey.errors if survey is not None else _xls_errors(path) if suffix == ".xls" else {}
    try:
        book = CalamineWorkbook.from_path(str(path))
        try:
            names = [m.name for m in book.sheets_metadata if m.typ == SheetTypeEnum.WorkSheet]
            return {printable(name): _calamine_grid(name, book.get_sheet_by_name(name), formulas.get(name, {}),
                                                    errors.get(name, {}))
                    for name in names}
        finally:
            book.close()
    except PasswordError as exc:
        raise UnreadableWorkbook(f"“{_shown(path)}”设置了打开密码，无法读取。请在Excel、WPS或LibreOffice中取消密码并保存后再试") from exc
    except UnreadableWorkbook:
        raise
    except (CalamineError, XmlError, ZipError, *_DAMAGED) as exc:
        if "limit" in str(exc).lower():  # calamine's own bound on a sheet's cells
            raise UnreadableWorkbook(f"“{_shown(path)}”中有工作表的已用区域太大（远处可能有误输入的单元格），"
                                     "未读取；请删除多余的行列后再试") from exc
        raise UnreadableWorkbook(f"无法读取“{_shown(path)}”：文件已损坏、设置了密码或不是工作簿") from exc
    except BaseException as exc:
        # A cell calamine cannot convert (a duration or date far outside Excel's range) ends in an
        # OverflowError or a Rust panic (pyo3's PanicException, a BaseException); openpyxl copes.
        if type(exc).__name__ != "PanicException" and not isinstance(exc, (OverflowError, ValueError)):
            raise
        if value_only:
            raise UnreadableWorkbook(f"无法读取“{_shown(path)}”：文件中有无法识别的单元格，请“另存为”.xlsx 后再试") from None
        return _read_with_openpyxl(path, survey)


def _shown(path: Path) -> str:
    return printable(path.name)


def _read_with_openpyxl(path: Path, survey: "_Survey | None" = None) -> dict[str, Grid]:
    import openpyxl  # imported here so that commands which never read a workbook start fast

    # A damaged file can fail while opening or only later, in the sheet being read.
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=False, keep_links=False)
        try:
            grids = {}
            for ws in book.worksheets:
                far = survey.sheets.get(ws.title) if survey is not None else None
                grid = _sheet_grid(ws, far)
                grids[grid.name] = grid
        finally:
            book.close()
        if any(_has_formula(grid) for grid in grids.values()):
            grids = _with_cached_values(path, grids)
    except UnreadableWorkbook:
        raise
    except _DAMAGED as exc:
        raise UnreadableWorkbook(f"无法读取“{_shown(path)}”：文件已损坏或不是Excel工作簿") from exc
    return grids


def _require_workbook_file(path: Path) -> None:
    shown = printable(str(path))
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise UnreadableWorkbook(f"找不到文件“{shown}”") from None
    except OSError:
        mode = None  # open() below names the reason
    if mode is not None and stat.S_ISDIR(mode):
        raise UnreadableWorkbook(f"“{shown}”是文件夹，不是Excel工作簿")
    if mode is not None and not stat.S_ISREG(mode):
        # Opening a FIFO would wait for a writer for ever; a device may never end.
        raise UnreadableWorkbook(f"“{shown}”不是普通文件（是管道、设备或套接字），不是Excel工作簿")
    suffix = path.suffix.lower()
    if suffix not in ACCEPTED_SUFFIXES:
        raise UnreadableWorkbook(
            f"不支持“{printable(path.suffix) or '无扩展名'}”文件（{_shown(path)}）。可以读取的格式：.xlsx、.xlsm、.xls、.ods；"
            "请在Excel或WPS中“另存为”Excel工作簿（.xlsx）后再试"
        )
    with path.open("rb") as handle:
        head = handle.read(8)
        # An encrypted .xlsx is an OLE container like .xls; its stream names tell them apart.
        encrypted = head.startswith(_OLE_MAGIC) and _ENCRYPTION_STREAM in head + handle.read(1 << 20)
    if not head:
        raise UnreadableWorkbook(f"“{_shown(path)}”是空文件（0字节），不是Excel工作簿")
    if encrypted:
        raise UnreadableWorkbook(f"“{_shown(path)}”设置了打开密码，无法读取。请在Excel或WPS中取消密码并保存后再试")
    expected = _OLE_MAGIC if suffix == ".xls" else b"PK"
    if not head.startswith(expected):
        raise UnreadableWorkbook(
            f"“{_shown(path)}”不是Excel工作簿，或文件已损坏：文件内容与扩展名“{printable(path.suffix)}”不符。"
            "请在Excel或WPS中打开它并“另存为”Excel工作簿（.xlsx）后再试"
        )


def _sheet_grid(ws, survey: "_SheetSurvey | None") -> Grid:
    # Writers disagree about the <dimension> element; ignore it and read what is there.
    ws.reset_dimensions()
    columns = MAX_COLUMNS if survey is None else min(survey.columns, MAX_COLUMNS)
    last_row = survey.last_row if survey is not None else None
    rows = (map(_cell_value, row) for row in ws.iter_rows(max_row=last_row, max_col=columns, values_only=True))
    far = survey.far if survey is not None else ()
    grid = grid_from_rows(ws.title, rows, outside=far, outside_total=survey.far_total if survey is not None else 0)
    return replace(grid, merged=survey.merged) if survey is not None else grid


_EXCEL_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def _cell_value(value: object) -> object:
    if isinstance(value, str) and value.startswith("=") and len(value) > 1:
        return Formula(value)
    if isinstance(value, str) and "_x" in value:
        # Excel's escape of a character XML cannot hold (_x001B_); calamine decodes it, openpyxl
        # only in shared strings.
        return _EXCEL_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), value)
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
            ws = next(w for w in book.worksheets if printable(w.title) == name)
            ws.reset_dimensions()
            width = len(grid.rows[0]) if grid.rows else 0
            cached_rows = ws.iter_rows(max_row=len(grid.rows), max_col=width, values_only=True)
            with_values = []
            for formula_row, cached_row in zip(grid.rows, cached_rows):
                with_values.append(tuple(
                    Formula(v.text, cached_row[i] if i < len(cached_row) else None)
                    if isinstance(v, Formula) else v
                    for i, v in enumerate(formula_row)
                ))
            result[name] = replace(grid, rows=tuple(with_values))
        return result
    finally:
        book.close()


# ---- the fast path: calamine values plus formula cells from the sheet XML ---------------

_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
# A tag's attributes are matched as [^<>]: well-formed XML has no raw "<" in them, and a pattern
# that may not run past the next tag cannot re-read the file from each "<c " of a file without ">".
_CELL_START = re.compile(rb"[<:]c\s([^<>]*?)(?<!/)>")
_FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s/>]")
_FORMULA = re.compile(rb"<(?:\w+:)?f\b([^<>]*?)(?:/>|>([^<]*)</(?:\w+:)?f>)")
# The same without a namespace prefix (<f>, as Excel, WPS and openpyxl write it). Starting with a
# literal, these scan a sheet's megabytes several times faster; the general patterns above run
# only when a prefixed tag may be present (PREFIXED_HINT).
_PLAIN_FORMULA_TAG = re.compile(rb"<f[\s/>]")
_PLAIN_FORMULA = re.compile(rb"<f\b([^<>]*?)(?:/>|>([^<]*)</f>)")
_PREFIXED_HINT = re.compile(rb":f[\s/>]")
# What every formula tag above holds: "f" is rare in a sheet's XML where "<" and ":" abound, so
# this scan, a third of theirs, tells the sheets without formulas (most) from the others.
_FORMULA_TAG_END = re.compile(rb"f[\s/>]")
# A cached value is a non-empty <v>; openpyxl writes an empty one for formulas it cannot compute.
_VALUE_TEXT = re.compile(rb"<(?:\w+:)?v(?:\s[^<>]*)?>([^<]+)<")
_ATTRIBUTE = re.compile(rb'([\w:]+)="([^"]*)"')
_ADDRESS = re.compile(r"([A-Z]{1,3})([0-9]+)")
_ROW_NUMBER = re.compile(rb'[<:]row\b[^>]*?\br="([0-9]+)"')
# A1 references outside string literals; not a function name (LOG10) or part of a longer name.
_REFERENCE = re.compile(r'"[^"]*"|\'[^\']*\'|(?<![A-Za-z0-9_.$])(\$?)([A-Z]{1,3})(\$?)([0-9]+)(?![0-9A-Za-z_(!])')


class _FormulaCell(NamedTuple):  # a tuple: a sheet may have thousands, made faster than a dataclass
    text: str
    has_value: bool
    error: str | None = None  # the error value it shows (#N/A), which calamine reads as empty


@dataclass
class _SheetSurvey:
    """What one sheet's XML says before any reader builds a grid from it."""

    formulas: dict[tuple[int, int], _FormulaCell]
    columns: int  # the last column holding something, at least 26 (single letters are not counted)
    dense: bool  # calamine may read it as one dense block
    far: list[str]  # cells holding something beyond MAX_COLUMNS (the first MAX_OUTSIDE_CELLS)
    far_total: int
    last_row: int | None = None  # the last row holding something (formatted empty rows after it are not read)
    # Error values kept as values (#N/A pasted from a formula's result), which calamine reads as
    # empty; in an OpenDocument sheet also formulas showing an error (a _FormulaCell with it).
    errors: dict[tuple[int, int], "str | _FormulaCell"] = field(default_factory=dict)
    merged: tuple[tuple[int, int, int, int], ...] = ()  # as Grid.merged, for the reader that does not see them


@dataclass
class _Survey:
    sheets: dict[str, _SheetSurvey]

    @property
    def formulas(self) -> dict[str, dict[tuple[int, int], _FormulaCell]]:
        return {name: sheet.formulas for name, sheet in self.sheets.items() if sheet.formulas}

    @property
    def dense(self) -> bool:
        return all(sheet.dense for sheet in self.sheets.values())

    @property
    def errors(self) -> dict[str, dict[tuple[int, int], str | _FormulaCell]]:
        return {name: sheet.errors for name, sheet in self.sheets.items() if sheet.errors}


# A cell whose column has two or three letters (AA and beyond); cells in A–Z need no look.
_WIDE_CELL = re.compile(rb' r="([A-Z]{2,3})([0-9]+)"')
# A cell element that is not self-closing, i.e. holds a value, a formula or inline text.
_FILLED_CELL = re.compile(rb'[<:]c\s[^<>]*?\br="[A-Z]{1,3}([0-9]+)"[^<>]*(?<!/)>')


def _survey(path: Path, *, sheets: bool = True) -> _Survey | None:
    """Check the zip's parts against the limits and look at every sheet's XML.

    Raises UnreadableWorkbook for a damaged part (a broken deflate stream, a wrong CRC), a part
    past MAX_PART_BYTES or MAX_COMPRESSION_RATIO, or a sheet with more than MAX_ROWS rows of data.
    Returns None when only openpyxl can read the file (its words then say what is wrong).
    """
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise UnreadableWorkbook(f"无法读取“{_shown(path)}”：文件已损坏或不是Excel工作簿") from exc
    with archive:
        try:
            parts = _sheet_parts(archive) if sheets else {}
        except (KeyError, ValueError, ElementTree.ParseError):
            parts = None
        except _INFLATE_ERRORS as exc:
            raise UnreadableWorkbook(f"无法读取“{_shown(path)}”：文件已损坏（压缩数据有误）") from exc
        names = {part: name for name, part in (parts or {}).items()}
        for info in archive.infolist():
            _check_part_size(path, info, names.get(info.filename))
        if parts:
            _check_sheets_size(path, archive, parts)
        if not sheets and _is_encrypted_odf(path, archive):
            raise UnreadableWorkbook(f"“{_shown(path)}”设置了打开密码，无法读取。请在LibreOffice或WPS中取消密码并保存后再试")
        result: dict[str, _SheetSurvey] = {}
        if not sheets and "content.xml" in archive.namelist():
            try:
                content = archive.read("content.xml")
            except _INFLATE_ERRORS as exc:
                raise UnreadableWorkbook(f"无法读取“{_shown(path)}”：文件已损坏（压缩数据有误）") from exc
            _survey_ods(path, content)
            # An OpenDocument sheet's survey only carries its error cells (calamine reads the rest).
            result.update((name, _SheetSurvey(formulas={}, columns=26, dense=True, far=[], far_total=0, errors=errors))
                          for name, errors in _ods_errors(content).items())
        for info in archive.infolist():
            try:
                if info.filename in names:
                    name = names[info.filename]
                    result[name] = _survey_sheet(path, name, archive.read(info))
                else:
                    _verify_part(archive, info)  # read by calamine or openpyxl later: damaged → say so now
            except _INFLATE_ERRORS as exc:
                raise UnreadableWorkbook(f"无法读取“{_shown(path)}”：文件已损坏（压缩数据有误）") from exc
    if parts is None or any(sheet is None for sheet in result.values()):
        return None
    return _Survey(result)


def _check_part_size(path: Path, info: zipfile.ZipInfo, sheet: str | None) -> None:
    what = f"工作表“{printable(sheet)}”" if sheet else f"内部文件“{printable(info.filename)}”"
    if info.file_size > MAX_PART_BYTES:
        raise UnreadableWorkbook(
            f"“{_shown(path)}”的{what}解压后有{megabytes(info.file_size)}，超过上限{megabytes(MAX_PART_BYTES)}，"
            "不像是一个党支部的台账，未读取")
    ratio = info.file_size / max(info.compress_size, 1)
    if info.file_size > RATIO_CHECKED_FROM and ratio > MAX_COMPRESSION_RATIO:
        raise UnreadableWorkbook(
            f"“{_shown(path)}”的{what}压缩比为{ratio:.0f}倍，超过上限{MAX_COMPRESSION_RATIO}倍"
            "（可能是“压缩炸弹”），未读取")


def _check_sheets_size(path: Path, archive: zipfile.ZipFile, parts: dict[str, str]) -> None:
    """Refuse sheets sharing one part (each would be read again) or, together, past MAX_SHEETS_BYTES."""
    sheet_of: dict[str, str] = {}
    for name, part in parts.items():
        if part in sheet_of:
            raise UnreadableWorkbook(
                f"无法读取“{_shown(path)}”：文件已损坏（工作表“{printable(sheet_of[part])}”和“{printable(name)}”"
                "指向同一份内容），未读取。请在Excel或WPS中打开它并“另存为”后再试")
        sheet_of[part] = name
    sizes = {info.filename: info.file_size for info in archive.infolist()}
    total = sum(sizes.get(part, 0) for part in parts.values())
    if total > MAX_SHEETS_BYTES:
        raise UnreadableWorkbook(
            f"“{_shown(path)}”的{len(parts)}个工作表解压后共有{megabytes(total)}，超过上限{megabytes(MAX_SHEETS_BYTES)}，"
            "不像是一个党支部的台账，未读取")


def _verify_part(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    # zipfile stops at the declared size and checks the CRC, so a part cannot inflate past the
    # size _check_part_size accepted; reading in chunks keeps the memory small.
    with archive.open(info) as stream:
        while stream.read(1 << 20):
            pass


_ODS_TABLE = re.compile(rb"<table:table ([^<>]*)>")
_ODS_ROW = re.compile(rb"<table:table-row\b([^<>]*)>")
_ODS_NAME = re.compile(rb'table:name="([^"]*)"')
_ODS_ROWS = re.compile(rb'number-rows-repeated="([0-9]+)"')
_ODS_COLUMNS = re.compile(rb'number-columns-repeated="([0-9]+)"')


def _survey_ods(path: Path, content: bytes) -> None:
    """Refuse an OpenDocument sheet whose used area (to its last cell holding a value) calamine
    would hold as a dense block past MAX_DENSE_CELLS, naming that far cell; or past MAX_ROWS."""
    tables = list(_ODS_TABLE.finditer(content))
    total = 0  # the used areas of the sheets so far, bounded as a whole by MAX_WORKBOOK_CELLS
    for number, table in enumerate(tables):
        end = tables[number + 1].start() if number + 1 < len(tables) else len(content)
        found = _ODS_NAME.search(table.group(1))
        name = printable(found.group(1).decode("utf-8", "replace")) if found else ""
        row = last_row = last_column = filled = 0
        far = ""
        rows = list(_ODS_ROW.finditer(content, table.end(), end))
        for index, match in enumerate(rows):
            repeated = _ODS_ROWS.search(match.group(1))
            count = int(repeated.group(1)) if repeated else 1
            row += count
            chunk = content[match.end():rows[index + 1].start() if index + 1 < len(rows) else end]
            last_value = chunk.rfind(b"value-type=")
            if last_value < 0:
                continue
            filled += count
            before = chunk[:last_value]
            column = before.count(b"<table:table-cell") + before.count(b"<table:covered-table-cell")
            column += sum(int(n) - 1 for n in _ODS_COLUMNS.findall(before[:before.rfind(b"<table:")]))
            if row * column > last_row * last_column:
                far = f"{column_letter(column)}{row}"
            last_row, last_column = row, max(last_column, column)
        if last_row * last_column > MAX_DENSE_CELLS:
            raise UnreadableWorkbook(
                f"“{_shown(path)}”的工作表“{name}”已用区域有{last_row}行×{last_column}列，超过上限"
                f"{MAX_DENSE_CELLS}个单元格，未读取：单元格{far}可能是误输入，请删除后再试（或另存为 .xlsx，"
                "表格之外的单元格就只作为提示列出）")
        if filled > MAX_ROWS:
            raise UnreadableWorkbook(
                f"“{_shown(path)}”的工作表“{name}”中有数据的行超过上限{MAX_ROWS}行，"
                "不像是一个党支部的台账，未读取。请删除多余的行后再试")
        total += last_row * last_column
        if total > MAX_WORKBOOK_CELLS:
            raise UnreadableWorkbook(
                f"“{_shown(path)}”的前{number + 1}个工作表（到“{name}”为止）已用区域共有{total}个单元格，"
                f"超过整个工作簿的上限{MAX_WORKBOOK_CELLS}个，不像是一个党支部的台账，未读取")


_ODS_ERROR = re.compile(rb'value-type="error"')
_ODS_CELL = re.compile(rb"<table:(?:covered-)?table-cell\b([^<>]*?)(/?)>")
_ODS_TEXT = re.compile(rb"<text:p[^<>]*>([^<]*)<")
_ODS_FORMULA = re.compile(rb'table:formula="(?:\w+:)?=?([^"]*)"')


def _ods_errors(content: bytes) -> dict[str, dict[tuple[int, int], "str | _FormulaCell"]]:
    """Each OpenDocument sheet's cells showing an error value (#DIV/0!), by (row, column) from 0.

    calamine reads them as empty; LibreOffice marks them calcext:value-type="error" with the text.
    Rows and cells are counted with their repeats, as _survey_ods counts them.
    """
    found: dict[str, dict[tuple[int, int], str | _FormulaCell]] = {}
    if not _ODS_ERROR.search(content):
        return found
    tables = list(_ODS_TABLE.finditer(content))
    for number, table in enumerate(tables):
        end = tables[number + 1].start() if number + 1 < len(tables) else len(content)
        named = _ODS_NAME.search(table.group(1))
        name = printable(html.unescape(named.group(1).decode("utf-8", "replace"))) if named else ""
        rows = list(_ODS_ROW.finditer(content, table.end(), end))
        row = 0
        for index, match in enumerate(rows):
            repeated = _ODS_ROWS.search(match.group(1))
            count = int(repeated.group(1)) if repeated else 1
            row_end = rows[index + 1].start() if index + 1 < len(rows) else end
            if _ODS_ERROR.search(content, match.end(), row_end):
                column = 0
                for cell in _ODS_CELL.finditer(content, match.end(), row_end):
                    spans = _ODS_COLUMNS.search(cell.group(1))
                    if _ODS_ERROR.search(cell.group(1)):
                        text = _ODS_TEXT.match(content, cell.end()) if not cell.group(2) else None
                        # Without its text (not as LibreOffice writes it), Excel's generic error stands in.
                        shown = html.unescape(text.group(1).decode("utf-8", "replace")) if text else "#VALUE!"
                        formula = _ODS_FORMULA.search(cell.group(1))
                        # A formula's error is its cached value, as in an .xlsx: a 合计 showing the
                        # error of a month it sums is not a second finding.
                        error = shown if formula is None else _FormulaCell(
                            "=" + html.unescape(formula.group(1).decode("utf-8", "replace")), True, shown)
                        for line in range(row, row + count):
                            found.setdefault(name, {})[(line, column)] = error
                    column += int(spans.group(1)) if spans else 1
            row += count
    return found


def _xls_errors(path: Path) -> dict[str, dict[tuple[int, int], str | _FormulaCell]]:
    """An .xls file's error cells (biff.xls_errors) as the survey gives an .ods file's.

    Its records are checked there before calamine reads them: one claiming what the format cannot
    hold is refused here, naming the sheet.
    """
    from .biff import ImpossibleRecord, xls_errors

    try:
        found = xls_errors(path)
    except ImpossibleRecord as exc:
        sheet = f"工作表“{printable(exc.sheet)}”中" if exc.sheet else ""
        raise UnreadableWorkbook(f"无法读取“{_shown(path)}”：文件已损坏（{sheet}{exc.claim}），未读取。"
                                 "请在Excel或WPS中打开它并“另存为”.xlsx 后再试") from None
    return {name: {position: _FormulaCell("=", True, cell.text) if cell.formula else cell.text
                   for position, cell in cells.items()}
            for name, cells in found.items()}


def _is_encrypted_odf(path: Path, archive: zipfile.ZipFile) -> bool:
    try:
        return b"encryption-data" in archive.read("META-INF/manifest.xml")
    except KeyError:
        return False
    except _INFLATE_ERRORS as exc:
        raise UnreadableWorkbook(f"无法读取“{_shown(path)}”：文件已损坏（压缩数据有误）") from exc


def _survey_sheet(path: Path, name: str, data: bytes) -> _SheetSurvey | None:
    last = _last_row(data)
    if last is None:
        return None
    columns, far, far_total = 26, [], 0
    counted: set[bytes] = set()  # the letters of columns within MAX_COLUMNS already holding something
    for match in _WIDE_CELL.finditer(data):
        letters = match.group(1)
        if letters in counted:
            continue  # its column is counted: a column of thousands of rows costs a lookup a cell
        end = data.find(b">", match.end())
        if end < 0 or data[end - 1:end] == b"/":
            continue  # a formatted empty cell
        column = _column_index(letters.decode("ascii")) + 1
        if column > MAX_COLUMNS:
            far_total += 1
            if len(far) < MAX_OUTSIDE_CELLS:
                far.append(f"{letters.decode('ascii')}{int(match.group(2))}")
        else:
            columns = max(columns, column)
            counted.add(letters)
    if last > MAX_ROWS or last * columns > MAX_DENSE_CELLS:
        # Rows of formatted empty cells are harmless (a sheet formatted down to row 1,048,576):
        # the data ends at the last row holding a value. Rows of data past the limit are refused.
        filled = {m.group(1) for m in _FILLED_CELL.finditer(data)}
        if len(filled) > MAX_ROWS:
            raise UnreadableWorkbook(
                f"“{_shown(path)}”的工作表“{printable(name)}”中有数据的行有{len(filled)}行，超过上限{MAX_ROWS}行，"
                "不像是一个党支部的台账，未读取。请删除多余的行后再试")
        last = max((int(row) for row in filled), default=0)
    formulas: dict[tuple[int, int], _FormulaCell] = {}
    # A formula is a cell's: looked for among the cells only, not in the page setup after them
    # (a footer “Page 1 of 3” holds the "f " a formula tag ends with).
    if _occurs(_FORMULA_TAG_END, data, b"f", start=max(data.find(b"sheetData"), 0), end=_cells_end(data)):
        prefixed = _PREFIXED_HINT.search(data) is not None
        if (_FORMULA_TAG if prefixed else _PLAIN_FORMULA_TAG).search(data):
            parsed = _parse_formulas(data, prefixed=prefixed)
            if parsed is None:
                return None
            formulas = parsed
    errors = _error_constants(data, formulas) if _occurs(_ERROR_TYPE, data, b"e", 4) else {}
    dense = not far_total and last * columns <= MAX_DENSE_CELLS
    return _SheetSurvey(formulas, columns, dense, far, far_total, last, errors, _merged_ranges(data))


def _occurs(pattern: re.Pattern, data: bytes, anchor: bytes, offset: int = 0, *, start: int = 0,
            end: int | None = None) -> bool:
    """Whether `pattern` occurs in `data` (from `start`, before `end`); each of its matches holds the
    byte `anchor` at `offset`.

    A pattern's scan looks at every byte of a sheet's megabytes; the C library's memchr finds a
    byte that few cells hold (no "f" without a formula, no "e" in an Excel sheet's cells) many
    times faster, and the pattern is then tried there alone. Past 64 such bytes (a sheet full of
    them) the pattern scans the rest, from the first place not yet tried.
    """
    end = len(data) if end is None else end
    position = data.find(anchor, start + offset, end)
    for _ in range(64):
        if position < 0:
            return False
        if pattern.match(data, position - offset, end):
            return True
        position = data.find(anchor, position + 1, end)
    return position >= 0 and pattern.search(data, position - offset, end) is not None


def _cells_end(data: bytes) -> int:
    """Where a sheet's cells end: its </sheetData> (prefixed or not), else the end of the part."""
    end = data.rfind(b"sheetData>")
    return len(data) if end < 0 else end + len(b"sheetData>")


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
    # A prefixed row (<x:row) only counts after the last plain one: looking there alone spares a
    # search of the whole sheet for a prefix most files never use.
    start = data.rfind(b"<row ", 0, end)
    start = max(start, data.rfind(b":row ", max(start, 0), end))
    if start < 0:
        return 0
    match = _ROW_NUMBER.match(data, start)
    return int(match.group(1)) if match else None


def _parse_formulas(data: bytes, *, prefixed: bool = True) -> dict[tuple[int, int], _FormulaCell] | None:
    """Formula cells by (row, column) from 0; `prefixed`: tags may carry a namespace prefix (<x:f>)."""
    if not prefixed:
        common = _common_formulas(data)
        if common is not None:
            return common
    cells: dict[tuple[int, int], _FormulaCell] = {}
    shared: dict[bytes, tuple[list[str | _Reference], int, int]] = {}  # a master formula's pieces and place
    for formula in (_FORMULA if prefixed else _PLAIN_FORMULA).finditer(data):
        # The enclosing cell starts at the last <c (or <x:c) before the formula and ends at </c>.
        # A cell's opening tag is short, so a small window keeps this linear in the file size.
        # A prefixed start (:c) only counts after the last plain one (searching only there, as in _last_row).
        begin, finish = formula.span()
        low = max(0, begin - 2048)
        start = data.rfind(b"<c ", low, begin)
        start = max(start, data.rfind(b":c ", max(start, low), begin))
        cell = _CELL_START.match(data, start)
        end = data.find(b"c>", finish)
        if start < 0 or cell is None or end < 0:
            return None
        attributes = dict(_ATTRIBUTE.findall(cell.group(1)))
        position = _cell_position(attributes)
        if position is None:
            return None
        row, column = position
        tag_attributes, body = formula.groups()
        options = dict(_ATTRIBUTE.findall(tag_attributes)) if tag_attributes else {}
        text = body.decode("utf-8") if body else ""
        if "&" in text:
            text = html.unescape(text)
        if options.get(b"t") == b"shared":
            index = options.get(b"si", b"")
            if text:
                # Split once: Excel shares one formula down a whole column of thousands of cells.
                shared[index] = (_reference_pieces(text), row, column)
            elif index in shared:
                pieces, master_row, master_column = shared[index]
                text = _shifted_pieces(pieces, row - master_row, column - master_column)
        value = _VALUE_TEXT.search(data, finish, end)
        error = None
        if value is not None and attributes.get(b"t") == b"e":
            error = html.unescape(value.group(1).decode("utf-8", "replace"))
        cells[(row, column)] = _FormulaCell("=" + text, value is not None, error)
    return cells


# A formula cell as Excel, WPS and openpyxl write one that is neither shared nor an error nor text:
# <c r="R2" s="11"><f>SUM(F2:Q2)</f><v>12</v></c>. Each formula tag is matched in place with the
# cell's opening tag just before it, and a sheet of thousands (a 合计 column) is read in one scan.
# Any tag written otherwise sends the whole sheet the long way (_parse_formulas).
_COMMON_FORMULA = re.compile(rb"<f>([^<&]*)</f>(?:<v>([^<]*)</v>|<v/>)?</c>")
_COMMON_CELL_START = re.compile(rb'<c r="([A-Z]{1,3})([0-9]+)"(?: s="[0-9]+")?>')


def _common_formulas(data: bytes) -> dict[tuple[int, int], _FormulaCell] | None:
    """The formula cells (unprefixed tags) when every one is written the common way, else None."""
    cells: dict[tuple[int, int], _FormulaCell] = {}
    for tag in _PLAIN_FORMULA_TAG.finditer(data):
        begin = tag.start()
        formula = _COMMON_FORMULA.match(data, begin)
        cell = formula and _COMMON_CELL_START.match(data, data.rfind(b"<c ", max(0, begin - 32), begin))
        if not cell or cell.end() != begin:
            return None
        letters, row = cell.groups()
        text, value = formula.groups()
        cells[(int(row) - 1, _column_index(letters.decode()))] = _FormulaCell("=" + text.decode("utf-8"), bool(value))
    return cells


def _cell_position(attributes: dict[bytes, bytes]) -> tuple[int, int] | None:
    """(row, column) from 0 of a cell element's r="B12" attribute; None without a valid one."""
    address = _ADDRESS.fullmatch(attributes.get(b"r", b"").decode("ascii", "replace"))
    return None if address is None else (int(address.group(2)) - 1, _column_index(address.group(1)))


_MERGE_CELL = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]{1,3})([0-9]+):([A-Z]{1,3})([0-9]+)"')


def _merged_ranges(data: bytes) -> tuple[tuple[int, int, int, int], ...]:
    """The sheet's merged ranges (they follow its cells) as (first row, first column, last row, last column) from 0."""
    found = islice(_MERGE_CELL.finditer(data, max(data.rfind(b"sheetData>"), 0)), MAX_MERGED_RANGES)
    return tuple((int(r1) - 1, _column_index(c1.decode()), int(r2) - 1, _column_index(c2.decode()))
                 for c1, r1, c2, r2 in (m.groups() for m in found))


_ERROR_TYPE = re.compile(rb' t="e"')  # a literal: scanning a sheet's megabytes for it is quick
# The cell's content is short (<v>#N/A</v>): looking only so far keeps a file of many broken cells linear.
_ERROR_CELL = re.compile(rb'[<:]c\s([^<>]*?\bt="e"[^<>]*?)(?<!/)>(.{0,2048}?)</(?:\w+:)?c>', re.S)


def _error_constants(data: bytes, formulas: dict[tuple[int, int], _FormulaCell]) -> dict[tuple[int, int], str]:
    """Cells holding an error value without a formula, by (row, column) from 0: their text (#N/A)."""
    found: dict[tuple[int, int], str] = {}
    for cell in _ERROR_CELL.finditer(data):
        position = _cell_position(dict(_ATTRIBUTE.findall(cell.group(1))))
        value = _VALUE_TEXT.search(cell.group(2))
        if position is None or value is None:
            continue
        if position not in formulas:
            found[position] = html.unescape(value.group(1).decode("utf-8", "replace"))
    return found


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
    return _shifted_pieces(_reference_pieces(formula), rows, columns)


class _Reference(NamedTuple):
    """An A1 reference of a shared formula: what moves with the cell (a relative part) and what does not."""

    column_absolute: str  # "$" or ""
    letters: str
    column: int  # from 1
    row_absolute: str
    number: str
    row: int


def _reference_pieces(formula: str) -> list[str | _Reference]:
    """A formula's text cut into the text between its references (kept as it is) and the references."""
    pieces: list[str | _Reference] = []
    kept_from = 0
    for match in _REFERENCE.finditer(formula):
        if match.group(2) is None:
            continue  # a string literal or quoted sheet name, kept with the text around it
        col_abs, letters, row_abs, number = match.groups()
        pieces.append(formula[kept_from:match.start()])
        pieces.append(_Reference(col_abs, letters, _column_index(letters) + 1, row_abs, number, int(number)))
        kept_from = match.end()
    pieces.append(formula[kept_from:])
    return pieces


def _shifted_pieces(pieces: list[str | _Reference], rows: int, columns: int) -> str:
    """The formula of `pieces` moved `rows` down and `columns` right (absolute parts stay)."""
    text = []
    for piece in pieces:
        if piece.__class__ is str:
            text.append(piece)
            continue
        col_abs, letters, column, row_abs, number, row = piece
        if columns and not col_abs:  # unmoved, the letters are the column's own (one way to write each)
            letters = column_letter(column + columns)
        if not row_abs:
            number = str(row + rows)
        text.append(f"{col_abs}{letters}{row_abs}{number}")
    return "".join(text)


def _calamine_grid(name: str, sheet, formulas: dict[tuple[int, int], _FormulaCell],
                   errors: dict[tuple[int, int], str | _FormulaCell]) -> Grid:
    values = sheet.to_python(skip_empty_area=False)
    # The formula and error cells go into calamine's rows (lists of its own) where they stand; a
    # row past its block (or numbered 0 in the XML) is not read, as calamine reads nothing there.
    for (row, column), cell in (*formulas.items(), *errors.items()):
        if 0 <= row < len(values):
            raw = values[row]
            if column >= len(raw):
                raw += [""] * (column + 1 - len(raw))
            value = raw[column]
            raw[column] = cell if cell.__class__ is str else _with_formula(None if value == "" else value, cell)
    ranges = islice(sheet.merged_cell_ranges or (), MAX_MERGED_RANGES)
    merged = tuple((r1, c1, r2, c2) for (r1, c1), (r2, c2) in ranges)
    return replace(_grid_from_cleaned(name, _cleaned_by_column(values)), merged=merged)


def _with_formula(value: object, formula: _FormulaCell | None) -> object:
    if formula is None:
        return value
    cached = (formula.error or ("" if value is None else value)) if formula.has_value else None
    return Formula(formula.text, cached)
