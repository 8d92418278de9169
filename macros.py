"""Excel entry points (xlwings): the ribbon buttons and worksheet functions (UDFs).

校验并生成报告 runs `import macros; macros.main()` (xlw_addin/macros.xlam); the other buttons are
add-in files of their own whose module calls `summary()`, `dues_notice()`, `dues_report()` or `development()`
(dangjian/ribbon_*.py). Each works on the workbook the user has in front of them: it reads the
live sheets (unsaved edits count), runs the same core as the command line through `api`, lists
the findings on the 校验结果 sheet, and either reports the errors or writes the document next to
the workbook. Only 校验结果 is written; every other sheet is read, never touched.

Nothing may reach stderr: xlwings shows whatever a RunPython call leaves there in a message
box, so warnings are captured and a bug ends in a Chinese alert plus a log file.
"""
from __future__ import annotations

import contextlib
import io
import os
import sys
import tempfile
import warnings
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Callable, Iterable, Iterator

import xlwings as xw

from dangjian import api
from dangjian.api import FINDINGS_SHEET, SHEET_ORDER, CellValueError, CheckReport, Finding, Grid, clean_name

TITLE = "党建报告"
CHUNK_ROWS = 2000  # rows per COM read: large enough to be fast, small enough to stop early
LAST_ROW = 1_048_576  # Excel's last row
XL_BY_ROWS, XL_PREVIOUS = 1, 2  # Excel's XlSearchOrder.xlByRows, XlSearchDirection.xlPrevious

__all__ = ["DJ_DUES_RATE", "DJ_MONTHLY_DUES", "development", "dues_notice", "dues_report", "main", "read_live_grids", "run", "run_dues",
           "run_development", "run_summary", "sheet_rows", "summary"]


# ---------------------------------------------------------------- the button

def _on_the_caller(action: Callable[[object], object]) -> None:
    """Run a button's `action` on the workbook it was clicked in. A button has no console: library
    warnings and stray output go nowhere, what the secretary must know is shown in Excel."""
    book = api.caller_book()  # xw.Book.caller(), with Chinese messages for a "=" name, OneDrive, no Excel
    with warnings.catch_warnings(), contextlib.redirect_stderr(io.StringIO()):
        warnings.simplefilter("ignore")
        action(book)


def main() -> None:
    """The ribbon button: check the caller's workbook and write the report (no terminal needed)."""
    _on_the_caller(run)


def run(book, *, open_report: Callable[[Path], None] | None = None, today=None) -> Path | None:
    """Check `book` (an xlwings Book or a stand-in), write 校验结果 and, without errors, the report.

    Returns the report's path, or None when none was written.
    """
    return _check_and_write(book, "报告", api.report_checked, retry="再点一次“校验并生成报告”",
                            open_document=open_report, today=today)


def _check_and_write(book, what: str, write: Callable[..., object], *, retry: str = "再试",
                     open_document: Callable[[Path], None] | None = None, today=None) -> Path | None:
    """What every document button does: read the live sheets, check, list the findings on 校验结果,
    and without errors write the document beside the workbook (`write` is the api call)."""
    app = book.app
    with _button(app) as status:
        grids = read_live_grids(book, progress=status.show)
        status.show("正在校验台账…")
        checked = api.check_grids(grids, workbook=Path(book.fullname))
        report = checked.report
        status.show("正在写入“校验结果”工作表…")
        write_findings(book, report)
        if report.errors:
            app.alert(f"台账中有{report.counts_text()}，未生成{what}。\n请按“{FINDINGS_SHEET}”工作表中的位置逐条改正后{retry}。",
                      title=TITLE, mode="critical")
            return None
        status.show(f"正在生成{what}…")
        done = write(checked, workbook=Path(book.fullname), today=today)
        where = f"{what}已生成：\n{done.written}"
        if done.in_documents:
            where += f"\n（台账尚未保存到本机文件夹，{what}放在“文档”文件夹中）"
        if report.findings:
            where += f"\n\n另有{report.counts_text()}，见“{FINDINGS_SHEET}”工作表。"
        status.show(f"{what}已生成")
        app.alert(where, title=TITLE, mode="info")
        (open_document or _open_on_windows)(done.written)
        return done.written
    return None


@contextlib.contextmanager
def _button(app) -> Iterator[_StatusBar]:
    """The last guard of every button: a secretary sees Chinese, never a traceback; the status bar is handed back."""
    status = _StatusBar(app)
    try:
        yield status
    except Exception as exc:  # noqa: BLE001 — a bug must still end in a Chinese alert and a log
        known, message = api.describe_error(exc)
        if not known:
            message += api.internal_error_help(_log(exc))
        app.alert(message, title=TITLE, mode="critical")
    finally:
        status.restore()


def _open_on_windows(path: Path) -> None:
    if sys.platform == "win32":
        os.startfile(str(path))  # noqa: S606 — opens the report in Word, as a double click would


def _log(exc: BaseException) -> Path | None:
    """The scrubbed traceback (frames and exception types, never a cell's value) added to the
    per-user error log the command line keeps; None when it cannot be written."""
    return api.write_error_log(exc, about=f"dangjian {api.__version__} Excel 加载项")


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
    return api.grid_from_rows(sheet.name, _raw_rows(sheet)).rows


def _raw_rows(sheet) -> Iterator[list[object]]:
    """The used range's values over COM, a chunk at a time, as the one grid function wants them."""
    used = sheet.used_range
    top, left = used.row, used.column
    height, width = used.shape
    if left > api.MAX_COLUMNS:
        return
    right = min(left + width - 1, api.MAX_COLUMNS)
    # A sheet formatted down to row 1,048,576 has an enormous used range but no data there.
    bottom = _last_row_with_data(sheet, default=top + height - 1)
    pad = [None] * (left - 1)
    for _ in range(top - 1):
        yield []
    blank_run = 0
    for start in range(top, bottom + 1, CHUNK_ROWS):
        end = min(start + CHUNK_ROWS - 1, bottom)
        for values in _as_rows(sheet.range((start, left), (end, right)).value, end - start + 1, right - left + 1):
            row = [normalise(v) for v in values]
            blank_run = blank_run + 1 if _blank(row) else 0
            yield pad + row
        if bottom == LAST_ROW and blank_run > CHUNK_ROWS:
            return  # Excel could not say where the data ends: a whole chunk of blank rows ends it


def _last_row_with_data(sheet, *, default: int) -> int:
    """The last row holding a value (Excel's Find from the end), or LAST_ROW when Excel cannot say."""
    try:
        found = sheet.api.Cells.Find(What="*", SearchOrder=XL_BY_ROWS, SearchDirection=XL_PREVIOUS)
        return int(found.Row) if found is not None else 0
    except Exception:  # noqa: BLE001 — no COM (the stand-in, macOS AppleScript): read the used range
        return LAST_ROW if default >= LAST_ROW else default


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
    """A live cell value as the saved file reads: an error code as its error value (#N/A).

    Everything else (whole numbers, currency, pywintypes dates, control characters) is the one
    grid function's (`api.grid_from_rows`).
    """
    error = api.com_error_value(value)
    return error if error else value


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
        rows.append([None, None, None, api.NO_FINDINGS] + [None] * (len(header) - 4))
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
    _on_the_caller(lambda book: run_dues(book, "notice"))


def dues_report() -> None:
    """Button “党费收缴情况报告”: the year's 党费收缴情况报告 from the caller's workbook."""
    _on_the_caller(lambda book: run_dues(book, "report"))


_DUES_DOCUMENTS = {"notice": ("党费收缴情况公示", api.dues_notice_checked),
                   "report": ("党费收缴情况报告", api.dues_report_checked)}


def run_dues(book, kind: str, *, open_document: Callable[[Path], None] | None = None, today=None) -> Path | None:
    """Check `book` like `run`, list the findings on 校验结果, and without errors write the dues document.

    Returns the document's path, or None when none was written.
    """
    what, write = _DUES_DOCUMENTS[kind]
    return _check_and_write(book, what, write, open_document=open_document, today=today)


# ---------------------------------------------------------------- 工作提醒

def todo() -> None:
    """Button “工作提醒”: what is overdue today and what falls due in six weeks, as a sheet beside the workbook."""
    _on_the_caller(run_todo)


def run_todo(book, *, open_book: Callable[[Path], None] | None = None, today=None) -> Path | None:
    """Read the live sheets, list the reminders in an alert and write them as 工作提醒.xlsx beside the
    workbook (the workbook itself is not changed), then open that file. Returns its path."""
    app = book.app
    with _button(app) as status:
        grids = read_live_grids(book, progress=status.show)
        status.show("正在整理工作提醒…")
        run = api.todo_grids(grids, workbook=Path(book.fullname), day=today, beside=True)
        lines = api.format_todo(run.todo, basis=False).splitlines()
        shown = "\n".join(lines[:16]) + (f"\n……共{len(run.todo.items)}项" if len(lines) > 16 else "")
        where = f"\n\n已保存：{run.written}" + ("\n（台账尚未保存到本机文件夹，放在“文档”文件夹中）" if run.in_documents else "")
        status.show("工作提醒已生成")
        app.alert(shown + where, title=TITLE, mode="info")
        (open_book or (lambda path: app.books.open(str(path))))(run.written)
        return run.written
    return None
# ---------------------------------------------------------------- 党员统计

def stats() -> None:
    """Button “党员统计”: the 党员队伍结构统计 of the caller's workbook, as a printable workbook beside it."""
    _on_the_caller(run_stats)


def run_stats(book, *, open_document: Callable[[Path], None] | None = None, today=None) -> Path | None:
    """Check `book` like `run`, list the findings on 校验结果, and without errors write the statistics.

    Returns the statistics workbook's path, or None when none was written.
    """
    return _check_and_write(book, "党员队伍结构统计表", api.stats_checked, open_document=open_document, today=today)


# ---------------------------------------------------------------- 发展党员材料

def development() -> None:
    """Button “发展党员材料”: the 公示, 纪实表 and 汇总表 from the caller's workbook, into a folder."""
    _on_the_caller(run_development)


def run_development(book, *, open_document: Callable[[Path], None] | None = None, today=None) -> Path | None:
    """Check `book` like `run`, list the findings on 校验结果, and without errors write the 发展党员
    papers into 发展党员材料 beside the workbook; returns that folder (opened on Windows), or None."""
    def write(checked, *, workbook: Path, today=None):
        run = api.development_checked(checked, workbook=workbook, today=today)
        # The alert names the folder, and the folder is what opens: there is one file per paper.
        return replace(run, written=run.folder)

    return _check_and_write(book, "发展党员材料", write, open_document=open_document, today=today)


# ---------------------------------------------------------------- 汇总党支部台账 (党委、党总支)

FOLDER_PICKER = 4  # msoFileDialogFolderPicker


def summary() -> None:
    """The ribbon button 汇总党支部台账: ask for a folder of branch workbooks, summarise, open the result."""
    _on_the_caller(lambda book: run_summary(book.app))


def run_summary(app, *, pick_folder: Callable[[object], Path | None] | None = None,
                open_book: Callable[[Path], None] | None = None) -> Path | None:
    """Summarise the folder the user picks into its 党支部台账汇总.xlsx and open it in Excel.

    Progress goes to the status bar, one workbook at a time. Returns the summary's path, or
    None when the user cancelled or something went wrong (then an alert says what).
    """
    with _button(app) as status:
        folder = (pick_folder or _pick_folder)(app)
        if folder is None:
            return None
        status.show(f"正在汇总“{folder}”中的台账…")
        run = api.run_summary(folder, progress=lambda done, total, result: status.show(
            api.progress_line(done, total, result)))
        status.show("汇总表已生成")
        (open_book or (lambda path: app.books.open(str(path))))(run.workbook)
        return run.workbook
    return None


def _pick_folder(app) -> Path | None:
    """Excel's own folder picker (Windows); None when cancelled."""
    if sys.platform != "win32":  # Excel for Mac has no FileDialog through xlwings
        app.alert("请在命令行中运行：python3 -m dangjian summary 存放各党支部台账的文件夹", title=TITLE, mode="info")
        return None
    dialog = app.api.FileDialog(FOLDER_PICKER)
    dialog.Title = "选择存放各党支部台账的文件夹"
    dialog.AllowMultiSelect = False
    if dialog.Show() != -1:
        return None
    return Path(dialog.SelectedItems(1))
