"""Excel entry points (xlwings): the ribbon button's `main()` and worksheet functions (UDFs).

The add-in's only button runs `import macros; macros.main()` (xlw_addin/macros.xlam). `main()`
works on the workbook the user has in front of them: it reads the live sheets (unsaved edits
count), runs the same core as `python -m dangjian report`, lists the findings on the
校验结果 sheet, and either reports the errors or writes the report next to the workbook.
Only 校验结果 is written; every other sheet is read, never touched.

Nothing may reach stderr: xlwings shows whatever a RunPython call leaves there in a message
box, so warnings are captured and a bug ends in a Chinese alert plus a log file.
"""
from __future__ import annotations

import contextlib
import io
import os
import sys
import tempfile
import traceback
import warnings
from dataclasses import replace
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Callable, Iterable

import xlwings as xw

from dangjian import api
from dangjian.api import FINDINGS_SHEET, SHEET_ORDER, CellValueError, CheckReport, Finding, Grid, clean_name

TITLE = "党建报告"
CHUNK_ROWS = 2000  # rows per COM read: large enough to be fast, small enough to stop early
LOG_FILE = Path(tempfile.gettempdir()) / "dangjian-excel.log"

__all__ = ["DJ_DUES_RATE", "DJ_MONTHLY_DUES", "dues_notice", "dues_report", "main", "read_live_grids", "run", "run_dues",
           "sheet_rows"]


# ---------------------------------------------------------------- the button

def main() -> None:
    """The ribbon button: check the caller's workbook and write the report (no terminal needed)."""
    book = api.caller_book()  # xw.Book.caller(), with Chinese messages for a "=" name, OneDrive, no Excel
    with warnings.catch_warnings(), contextlib.redirect_stderr(io.StringIO()):
        warnings.simplefilter("ignore")
        run(book)


def run(book, *, open_report: Callable[[Path], None] | None = None, today=None) -> Path | None:
    """Check `book` (an xlwings Book or a stand-in), write 校验结果 and, without errors, the report.

    Returns the report's path, or None when none was written.
    """
    app = book.app
    status = _StatusBar(app)
    try:
        grids = read_live_grids(book, progress=status.show)
        status.show("正在校验台账…")
        checked = api.check_grids(grids)
        report = checked.report
        status.show("正在写入“校验结果”工作表…")
        write_findings(book, report)
        if report.errors:
            app.alert(f"台账中有{report.counts_text()}，未生成报告。\n请按“{FINDINGS_SHEET}”工作表中的位置逐条改正后再点一次“校验并生成报告”。",
                      title=TITLE, mode="critical")
            return None
        status.show("正在生成报告…")
        run = api.report_checked(checked, workbook=Path(book.fullname), today=today)
        where = f"报告已生成：\n{run.written}"
        if run.in_documents:
            where += "\n（台账尚未保存到本机文件夹，报告放在“文档”文件夹中）"
        if report.findings:
            where += f"\n\n另有{report.counts_text()}，见“{FINDINGS_SHEET}”工作表。"
        status.show("报告已生成")
        app.alert(where, title=TITLE, mode="info")
        (open_report or _open_on_windows)(run.written)
        return run.written
    except Exception as exc:  # noqa: BLE001 — the last guard: a secretary sees Chinese, never a traceback
        known, message = api.describe_error(exc)
        if not known:
            message += api.internal_error_help(_log(exc))
        app.alert(message, title=TITLE, mode="critical")
        return None
    finally:
        status.restore()


def _open_on_windows(path: Path) -> None:
    if sys.platform == "win32":
        os.startfile(str(path))  # noqa: S606 — opens the report in Word, as a double click would


def _log(exc: BaseException) -> Path:
    try:
        LOG_FILE.write_text("".join(traceback.format_exception(exc)), encoding="utf-8")
    except OSError:
        pass  # the alert still explains the failure; the log is only a courtesy for maintainers
    return LOG_FILE


class _StatusBar:
    """Progress in Excel's status bar, handed back to Excel afterwards."""

    def __init__(self, app):
        self.app = app
        self.previous = app.status_bar

    def show(self, text: str) -> None:
        self.app.status_bar = f"{TITLE}：{text}"

    def restore(self) -> None:
        # False gives the status bar back to Excel.
        self.app.status_bar = self.previous if self.previous else False


# ---------------------------------------------------------------- reading live sheets

def read_live_grids(book, *, progress: Callable[[str], None] = lambda text: None) -> dict[str, Grid]:
    """The workbook's sheets as the core's grids, read from Excel's memory, not from the file.

    Sheets the core does not read are passed as empty grids so that the ledger sees the same
    sheet names as the command line does, without the cost of reading them over COM.
    """
    wanted = {clean_name(name) for name in SHEET_ORDER}
    grids: dict[str, Grid] = {}
    for sheet in book.sheets:
        name = sheet.name
        if name == FINDINGS_SHEET or clean_name(name) not in wanted:
            grids[name] = Grid(name, ())
            continue
        progress(f"正在读取“{name}”…")
        grids[name] = Grid(name, sheet_rows(sheet))
    return grids


def sheet_rows(sheet) -> tuple[tuple[object, ...], ...]:
    """The sheet's values with rows[0] = Excel row 1 and column A first, like `grid.read_grids`."""
    used = sheet.used_range
    top, left = used.row, used.column
    height, width = used.shape
    if left > api.MAX_COLUMNS:
        return ()
    right = min(left + width - 1, api.MAX_COLUMNS)
    bottom = top + height - 1
    pad = (None,) * (left - 1)
    rows: list[tuple[object, ...]] = [()] * (top - 1)
    blank_run = 0
    for start in range(top, bottom + 1, CHUNK_ROWS):
        end = min(start + CHUNK_ROWS - 1, bottom)
        block = _as_rows(sheet.range((start, left), (end, right)).value, end - start + 1, right - left + 1)
        for values in block:
            row = pad + tuple(normalise(v) for v in values)
            blank_run = blank_run + 1 if _blank(row) else 0
            rows.append(row)
        # A sheet formatted down to row 1,048,576 has an enormous used range but no data there.
        if blank_run > api.MAX_BLANK_RUN:
            break
    while rows and _blank(rows[-1]):
        rows.pop()
    return tuple(rows)


def _as_rows(value: object, height: int, width: int) -> list[list[object]]:
    """xlwings gives a scalar for one cell and a flat list for one row or one column."""
    if height == 1 and width == 1:
        return [[value]]
    if height == 1:
        return [list(value)]
    if width == 1:
        return [[v] for v in value]
    return [list(row) for row in value]


def _blank(row: Iterable[object]) -> bool:
    return all(v is None or v == "" for v in row)


def normalise(value: object) -> object:
    """A live cell value as openpyxl reads the saved file: whole numbers as int, currency as numbers."""
    if isinstance(value, bool):
        return value
    error = api.com_error_value(value)
    if error:
        return error  # read like the saved file's error value, so the reader reports it at its cell
    if isinstance(value, float):
        return int(value) if value.is_integer() else value
    if isinstance(value, Decimal):
        # Currency-formatted cells arrive as Decimal (at most 4 places), so float is exact enough.
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, datetime) and type(value) is not datetime:
        # pywintypes.datetime is a subclass that carries a time zone; the core wants a plain one.
        return datetime(value.year, value.month, value.day, value.hour, value.minute, value.second)
    return value


# ---------------------------------------------------------------- writing 校验结果

def write_findings(book, report: CheckReport):
    """Replace the 校验结果 sheet's content with one row per finding, each linked to its cell."""
    sheets = {clean_name(s.name): s.name for s in book.sheets}
    rows = result_rows(report, sheets=sheets)
    sheet = _result_sheet(book)
    app = book.app
    updating = app.screen_updating
    app.screen_updating = False
    try:
        sheet.range((1, 1)).value = rows
        sheet.autofit("c")
        sheet.activate()
    finally:
        app.screen_updating = updating
    return sheet


def _result_sheet(book):
    for sheet in book.sheets:
        if sheet.name == FINDINGS_SHEET:
            sheet.clear()
            return sheet
    return book.sheets.add(FINDINGS_SHEET, after=book.sheets[len(book.sheets) - 1])


def result_rows(report: CheckReport, *, sheets: dict[str, str]) -> list[list[object]]:
    """The rows of `findings_book.findings_rows`, with 单元格 a link, then the summary line.

    `sheets` maps each sheet's clean name to its name in the workbook, for the links.
    """
    header, *rows = api.findings_rows(report)
    for row, finding in zip(rows, report.sorted(SHEET_ORDER)):
        row[2] = _link(finding, sheets)
        row[3], row[4] = _text(row[3]), _text(row[4])
    if not rows:
        rows.append([None, None, None, api.NO_FINDINGS, None, None])
    checked_at = datetime.now().strftime("%Y-%m-%d %H:%M")
    summary = [None, None, None, f"校验时间：{checked_at}；共{report.counts_text()}。", None, None]
    return [header, *rows, [None] * len(header), summary]


def _link(finding: Finding, sheets: dict[str, str]) -> str:
    actual = sheets.get(clean_name(finding.sheet))
    if actual is None:  # e.g. a missing sheet: nothing to jump to
        return _text(finding.address)
    # Inside the open workbook a HYPERLINK formula is what xlwings can write; "#" means this book.
    target = api.cell_location(replace(finding, sheet=actual))
    return f'=HYPERLINK("#{_quoted(target)}","{_quoted(finding.address)}")'


def _quoted(text: str) -> str:
    return text.replace('"', '""')


def _text(text: str) -> str:
    # Excel would take a value starting with = + - @ as a formula; the apostrophe keeps it text.
    return "'" + text if text.startswith(api.FORMULA_STARTS) else text


# ---------------------------------------------------------------- worksheet functions (Windows)

@xw.func
@xw.arg("category", doc="党费类别：在职、离退休、农民、学生、下岗失业、低保")
@xw.arg("base", doc="月计算基数（元）")
def DJ_MONTHLY_DUES(category, base):  # noqa: N802 — Excel function names are upper case
    """按党费规定计算每月应交党费（元），如 =DJ_MONTHLY_DUES("在职", 5100) 得 76.5。"""
    try:
        rate = _udf_rate(category, base)
    except CellValueError as exc:
        return str(exc)
    if rate is None:
        return f"党费类别“{clean_name(category)}”没有统一的计算办法，请按本地规定填写"
    return float(rate.amount)


@xw.func
@xw.arg("category", doc="党费类别：在职、离退休")
@xw.arg("base", doc="月计算基数（元）")
def DJ_DUES_RATE(category, base):  # noqa: N802
    """按党费规定的交纳比例，如 =DJ_DUES_RATE("在职", 5100) 得 0.015；按固定金额交纳的类别返回空。"""
    try:
        rate = _udf_rate(category, base)
    except CellValueError as exc:
        return str(exc)
    return None if rate is None or rate.percent is None else float(rate.percent / 100)


def _udf_rate(category, base):
    """The core's dues rule with the 规则设置 defaults: a worksheet function has no settings of its own."""
    return api.rate_for_cells(category, base)


# ---------------------------------------------------------------- the dues documents' buttons

def dues_notice() -> None:
    """Button “党费收缴情况公示”: the 公示 of the 报告期间 from the caller's workbook, as Word."""
    book = api.caller_book()
    with warnings.catch_warnings(), contextlib.redirect_stderr(io.StringIO()):
        warnings.simplefilter("ignore")
        run_dues(book, "notice")


def dues_report() -> None:
    """Button “党费收缴情况报告”: the year's 党费收缴情况报告 from the caller's workbook."""
    book = api.caller_book()
    with warnings.catch_warnings(), contextlib.redirect_stderr(io.StringIO()):
        warnings.simplefilter("ignore")
        run_dues(book, "report")


_DUES_DOCUMENTS = {"notice": ("党费收缴情况公示", api.dues_notice_checked),
                   "report": ("党费收缴情况报告", api.dues_report_checked)}


def run_dues(book, kind: str, *, open_document: Callable[[Path], None] | None = None, today=None) -> Path | None:
    """Check `book` like `run`, list the findings on 校验结果, and without errors write the dues document.

    Returns the document's path, or None when none was written.
    """
    what, write = _DUES_DOCUMENTS[kind]
    app = book.app
    status = _StatusBar(app)
    try:
        grids = read_live_grids(book, progress=status.show)
        status.show("正在校验台账…")
        checked = api.check_grids(grids)
        report = checked.report
        write_findings(book, report)
        if report.errors:
            app.alert(f"台账中有{report.counts_text()}，未生成{what}。\n请按“{FINDINGS_SHEET}”工作表中的位置逐条改正后再试。",
                      title=TITLE, mode="critical")
            return None
        status.show(f"正在生成{what}…")
        done = write(checked, workbook=Path(book.fullname), today=today)
        where = f"{what}已生成：\n{done.written}"
        if done.in_documents:
            where += "\n（台账尚未保存到本机文件夹，文件放在“文档”文件夹中）"
        status.show(f"{what}已生成")
        app.alert(where, title=TITLE, mode="info")
        (open_document or _open_on_windows)(done.written)
        return done.written
    except Exception as exc:  # noqa: BLE001 — the last guard, as in `run`
        known, message = api.describe_error(exc)
        if not known:
            message += api.internal_error_help(_log(exc))
        app.alert(message, title=TITLE, mode="critical")
        return None
    finally:
        status.restore()
