"""What the command line and the Excel add-in call; the only module either of them imports.

The work is a short list of named steps, each computed once per command:

1. read grids          `read.grid.read_grids` (a file) or the add-in's live sheets
2. typed ledger        `read.records.read_ledger` (+ the reader's findings)
3. period figures      `figures.compute_figures`: the roll, 三会一课 counts, the dues settlement, …
4. findings            `rules.run_checks` over the ledger and the figures
5. report context      `documents.context.report_context`: every word the report builds from data
6. document            `documents.report.render_report` (and LibreOffice for a PDF)

`checking.check_grids` runs 1–4 and reads no file (the 党委 summary's workers call it there, below
this module); `check_grids` here adds last year's workbook beside this one (`last_year.py`);
`report_grids` / `report_workbook` run all six with the output policy (beside the workbook, a
“(1)” copy when the file is open or read-only). The other documents are the same steps with
another writer in step 5–6.
"""
from __future__ import annotations

import functools
import gc
import threading
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Mapping, Optional

from . import __version__
from .dues_rate import Rate, rate_for_cells
from .errors import DangjianError, describe as describe_error, failure_message, write_error_log
from .files import OutputNotWritable, OutputRefused, reading, refuse_source, refuse_wrong_type
from .findings import CheckReport, Finding
from . import checking, last_year
from .checking import STRUCTURAL, Checked
from .read.grid import Grid, UnreadableWorkbook, grid_from_rows, read_grids
from .limits import MAX_COLUMNS
from .period import PeriodError, report_period
from .read.records import Ledger, read_ledger
from .schema import FINDINGS_SHEET, SHEET_ORDER
from .shipped import shipped
from .read.values import CellValueError, clean_name, com_error_value

if TYPE_CHECKING:
    from .figures import PeriodFigures
    from .runs import PapersRun, PlanRun, StatsRun, TodoRun

DEFAULT_TEMPLATE = shipped("templates", "工作报告模板.docx")  # in the installed package or the source tree
REPORT_SUFFIX, WORKBOOK_SUFFIX = ".docx", ".xlsx"
# Told each doubtful spot of a template (full-width braces that look like a tag) as a sentence.
Warn = Optional[Callable[[str], object]]

__all__ = [
    # the steps and their results
    "CheckReport", "Checked", "Finding", "PeriodFigures", "ReportRun", "check_grids", "check_workbook",
    "default_output", "new_workbook", "report_checked", "report_grids", "report_workbook", "write_pdf", "write_report",
    "dues_notice_checked", "dues_notice_workbook", "dues_report_checked", "dues_report_workbook",
    "TodoRun", "todo_workbook", "todo_grids", "TodoDateError", "StructureProblems", "format_todo", "PlanRun", "plan_workbook",
    "StatsRun", "format_tables", "parse_day", "stats_checked", "stats_workbook",
    "PapersRun", "development_checked", "development_workbook",
    # errors the shells translate
    "CellValueError", "DataErrors", "OutputNotWritable", "OutputRefused", "PeriodError", "PersonNotFound",
    "UnreadableWorkbook",
    "describe_error", "failure_message", "write_error_log",
    # what the add-in needs to read live sheets and write its 校验结果 sheet
    "FINDINGS_SHEET", "FORMULA_STARTS", "Grid", "MAX_COLUMNS", "NO_FINDINGS", "SHEET_ORDER",
    "cell_location", "clean_name", "com_error_value", "findings_rows", "grid_from_rows",
    # the dues rule for worksheet functions
    "Rate", "rate_for_cells",
    # installation: the add-in's installer and first step, the doctor, the version
    "__version__", "caller_book", "doctor", "install_addin", "internal_error_help", "uninstall_addin",
    # 党委汇总: a folder of branch workbooks → the 汇总 workbook and the 党委 report
    "PERIOD_CHOICES", "progress_line", "run_summary",
    # the desktop window: its remembered workbook and folder, and its launchers (Linux)
    "install_launcher", "remember_path", "remembered_path", "uninstall_launcher",
]


def __getattr__(name: str):
    """Names imported on first use: the findings workbook loads openpyxl, which `check` never needs,
    and the add-in installer is for one command only. Plain imports, so that the package's layering
    test sees every one of them."""
    if name in ('FORMULA_STARTS', 'NO_FINDINGS', 'cell_location', 'findings_rows'):
        from .documents import findings_book as module
    elif name in ('install_addin', 'uninstall_addin'):
        from .office import addin as module
    elif name == 'OfficeError':
        from .office import libreoffice as module
    elif name in ('TodoRun', 'PlanRun', 'StatsRun', 'PapersRun'):
        from . import runs as module
    elif name == 'format_tables':
        from .documents import stats_book as module
    elif name == 'PersonNotFound':
        from .documents import development_papers as module
    elif name in ('TodoDateError', 'format_todo'):
        from .documents import todo as module
    elif name in ('PERIOD_CHOICES', 'progress_line'):
        from .branches import summary as module
    elif name == 'run_summary':
        from .branches import consolidate as module
    elif name in ('remember_path', 'remembered_path'):
        from .office import settings as module
    elif name in ('install_launcher', 'uninstall_launcher'):
        from .office import launcher as module
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(module, name)


def _one_workbook(command: Callable) -> Callable:
    """Run a command on one workbook file with the cycle collector paused, restored after.

    Reading, checking and writing make hundreds of thousands of objects that live to the end of
    the command (grids, rows, figures); each pass of the collector walks all of them and finds
    almost nothing, which cost a 3,000-member report a fifth of its CPU time (the sample's, a
    tenth). What the command drops is freed by reference counting as before; the little that is
    cyclic waits for the collector's next pass once the command has returned, so a caller that
    runs command after command (a 党委's many workbooks) holds at most one command's garbage.
    """
    @functools.wraps(command)
    def paused(*args, **kwargs):
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            return command(*args, **kwargs)
        finally:
            if was_enabled:
                gc.enable()

    return paused


class DataErrors(Exception):
    """The workbook has errors (错误) that must be fixed before a report is written."""

    def __init__(self, report: CheckReport):
        super().__init__(f"台账中有{len(report.errors)}处错误，请改正后再生成报告")
        self.report = report


@dataclass(frozen=True)
class ReportRun:
    """A report written: the check it followed, where it went, and the PDF when one was asked for."""

    checked: Checked
    wanted: Path  # the path asked for, or the default beside the workbook
    written: Path  # `wanted`, or its “(1)” copy when `wanted` is open or read-only
    in_documents: bool = False  # the workbook has no local folder (unsaved, OneDrive): written to 文档
    pdf: Path | None = None
    pdf_problem: str | None = None  # why no PDF was made, when one was asked for


# ---- steps 1–4: check (checking.py) -------------------------------------------------------

def check_grids(grids: Mapping[str, Grid], *, workbook: Path | None = None) -> Checked:
    """Steps 1–4 on grids; with the `workbook` they were read from, last year's workbook beside it
    gives the run of unpaid dues carried into the year (last_year.last_year_dues)."""
    return checking.check_grids(grids, last_year=None if workbook is None else last_year.beside(workbook))


@_one_workbook
def check_workbook(path: Path, *, save_to: Path | None = None) -> Checked:
    """Check a workbook file; with `save_to`, also write the findings as a workbook (校验结果.xlsx)."""
    path = Path(path)
    if save_to is not None:
        _refuse_output(save_to, suffix=WORKBOOK_SUFFIX, what="校验结果", workbook=path)
    checked = check_grids(_read_grids(path, _CHECK_LIBRARIES), workbook=path)
    if save_to is None:
        return checked
    from .documents.findings_book import write_findings

    with _reading(path, also_read=checked.also_read):
        return replace(checked, saved=write_findings(checked.report, Path(save_to), source=path))


# The libraries the steps after reading import. Reading a workbook is mostly calamine's work,
# done outside the GIL, and importing pandas is about a third of a check's time: on a second core
# the two overlap (a click's wait in Excel shortens by about 0.1 s). Only third-party packages are
# imported there, never this package's modules, so the two threads never wait on each other's
# import locks; an import that fails there fails again, with its message, where it is needed.
_CHECK_LIBRARIES = ("numpy", "pandas")
_DOCUMENT_LIBRARIES = (*_CHECK_LIBRARIES, "lxml.etree", "jinja2", "docx", "docxtpl")


def _read_grids(path: Path, libraries: tuple[str, ...]) -> dict[str, Grid]:
    """read_grids(path), while another thread imports `libraries`.

    The thread starts once the file has been surveyed, when calamine starts parsing: the survey,
    like an import, needs the GIL, while the parsing lets go of it, so only then do the two run
    side by side on two cores.
    """
    def load() -> None:
        from importlib import import_module

        for name in libraries:
            try:
                import_module(name)
            except Exception:  # noqa: BLE001 — said by the import in the step that needs it
                return

    loading = threading.Thread(target=load, name="dangjian-imports", daemon=True)
    try:
        return read_grids(path, surveyed=loading.start)
    finally:
        if loading.ident is not None:
            loading.join()


# ---- steps 5–6: the report -----------------------------------------------------------------

@_one_workbook
def report_workbook(workbook: Path, *, output: Path | None = None, template: Path | None = None,
                    force: bool = False, pdf: bool = False, today: date | None = None, warn: Warn = None) -> ReportRun:
    """Check a workbook file and write its report (and PDF); refuses a wrong output before reading."""
    workbook = Path(workbook)
    _refuse_report_output(output, workbook=workbook, template=template)
    if template is not None and not Path(template).is_file():
        # Said before the workbook is read and checked, not after.
        raise OutputRefused(f"找不到报告模板“{template}”，请检查 --template 后面的文件名")
    return report_grids(_read_grids(workbook, _DOCUMENT_LIBRARIES), workbook=workbook.resolve(), output=output, template=template,
                        force=force, pdf=pdf, today=today, warn=warn)


def report_grids(grids: Mapping[str, Grid], *, workbook: Path, output: Path | None = None,
                 template: Path | None = None, force: bool = False, pdf: bool = False,
                 today: date | None = None, warn: Warn = None) -> ReportRun:
    """Check grids read from `workbook` and write the report (report_checked)."""
    _refuse_report_output(output, workbook=workbook, template=template)
    return report_checked(check_grids(grids, workbook=workbook), workbook=workbook, output=output, template=template,
                          force=force, pdf=pdf, today=today, warn=warn)


def report_checked(checked: Checked, *, workbook: Path, output: Path | None = None, template: Path | None = None,
                   force: bool = False, pdf: bool = False, today: date | None = None, warn: Warn = None) -> ReportRun:
    """Write the report of a checked workbook; DataErrors when it has errors, unless `force`.

    Without `output` the report goes beside the workbook, named as it is titled; a workbook
    without a local folder (unsaved, or opened from OneDrive) puts it in 文档.
    """
    if checked.report.errors and not force:
        raise DataErrors(checked.report)
    in_documents = False
    if output is None:
        place, in_documents = _default_place(workbook)
        output = default_output(place, checked.ledger)
    _refuse_report_output(output, workbook=workbook, template=template)
    with _reading(workbook, template, checked.also_read):
        written = write_report(checked, output=output, template=template, force=force, today=today, warn=warn)
        run = ReportRun(checked, Path(output), written, in_documents)
        if not pdf:
            return run
        from .office.libreoffice import OfficeError

        try:
            return replace(run, pdf=write_pdf(written))
        except OfficeError as exc:
            return replace(run, pdf_problem=str(exc))


def default_output(workbook: Path, ledger: Ledger, suffix: str = REPORT_SUFFIX) -> Path:
    """Beside the workbook, named as the report is titled: “XX党支部2023年下半年工作情况报告.docx”."""
    basic = ledger.basic
    try:
        when = report_period(ledger).name  # 2023年 (全年), 2023年下半年, or the two dates of 自定义
    except PeriodError:
        when = f"{basic['year']}年" if basic["year"] else ""  # only with --force; the checks name the cell
    name = f"{basic['branch'] or basic['unit'] or '党支部'}{when}工作情况报告"
    return _beside(workbook, name, suffix)


def _beside(workbook: Path, name: str, suffix: str) -> Path:
    return Path(workbook).resolve().with_name(_safe_file_name(name) + suffix)


def _default_place(workbook: Path) -> tuple[Path, bool]:
    """Where default outputs go: beside the workbook, or in 文档 (True) when it has no local folder."""
    workbook = Path(workbook)
    in_documents = not (workbook.is_absolute() and workbook.parent.is_dir())
    return (_documents() / workbook.name if in_documents else workbook), in_documents


def _safe_file_name(name: str) -> str:
    from .files import safe_file_name

    return safe_file_name(name, "工作情况报告")


def write_report(checked: Checked, *, output: Path, template: Path | None = None, force: bool = False,
                 today: date | None = None, warn: Warn = None) -> Path:
    """Render the report of an already checked workbook; errors stop it unless `force`.

    Returns the path written: `output`, or “name(1).docx” when `output` is open in another
    program or read-only.
    """
    from .documents.context import report_context
    from .figures import compute_figures
    from .documents.report import render_report

    if checked.report.errors and not force:
        raise DataErrors(checked.report)
    # Without figures the period is unknown: report_period says why (only reached with force).
    figures = checked.figures or compute_figures(checked.ledger, report_period(checked.ledger))
    context = report_context(checked.ledger, figures, today=today)
    # The output policy (files.writing) picks “name(1).docx” when `output` is in use; `warn` gets
    # the template's doubtful spots (full-width braces that look like a tag).
    return render_report(context, template=Path(template or DEFAULT_TEMPLATE), output=Path(output), warn=warn)


def write_pdf(document: Path, *, output: Path | None = None) -> Path:
    """Print `document` to PDF with LibreOffice (beside it by default); returns the path written.

    Raises office.OfficeNotFound when LibreOffice is absent, office.ConversionFailed otherwise.
    """
    from .office.libreoffice import convert

    document = Path(document)
    return convert(document, output=Path(output) if output else document.with_suffix(".pdf"))


# ---- the dues documents: 党费收缴情况公示 and the year's 党费收缴情况报告 ---------------------------
# The same steps and output policy as the report; the words and tables are dues_notice's.

@_one_workbook
def dues_notice_workbook(workbook: Path, *, period: str | None = None, output: Path | None = None,
                         xlsx: bool = False, template: Path | None = None, force: bool = False,
                         today: date | None = None) -> ReportRun:
    """`dangjian dues-notice`: check a workbook file and write the period's 党费收缴情况公示."""
    workbook = Path(workbook)
    _refuse_dues_output(output, xlsx=xlsx, workbook=workbook, template=template)
    return dues_notice_checked(check_grids(_read_grids(workbook, _DOCUMENT_LIBRARIES), workbook=workbook), workbook=workbook.resolve(), period=period,
                               output=output, xlsx=xlsx, template=template, force=force, today=today)


def dues_notice_checked(checked: Checked, *, workbook: Path, period: str | None = None, output: Path | None = None,
                        xlsx: bool = False, template: Path | None = None, force: bool = False,
                        today: date | None = None) -> ReportRun:
    """The 公示 of `period` (第三季度, 上半年, 全年 …; default the 报告期间) as .docx, or .xlsx with `xlsx`."""
    from .documents.dues_notice import figures_for, notice_document, notice_period, write_document, write_notice_sheet

    figures = _checked_figures(checked, force=force)
    wanted = notice_period(checked.ledger, period, figures.period)
    document = notice_document(checked.ledger, figures_for(checked.ledger, wanted, figures), today=today)
    suffix = WORKBOOK_SUFFIX if xlsx else REPORT_SUFFIX
    write = write_notice_sheet if xlsx else (lambda d, output: write_document(d, output=output, template=template))
    return _write_dues(checked, document, write, workbook=workbook, output=output, suffix=suffix, template=template)


@_one_workbook
def dues_report_workbook(workbook: Path, *, output: Path | None = None, template: Path | None = None,
                         force: bool = False, today: date | None = None) -> ReportRun:
    """`dangjian dues-report`: check a workbook file and write the year's 党费收缴情况报告."""
    workbook = Path(workbook)
    _refuse_dues_output(output, xlsx=False, workbook=workbook, template=template)
    return dues_report_checked(check_grids(_read_grids(workbook, _DOCUMENT_LIBRARIES), workbook=workbook), workbook=workbook.resolve(), output=output,
                               template=template, force=force, today=today)


def dues_report_checked(checked: Checked, *, workbook: Path, output: Path | None = None,
                        template: Path | None = None, force: bool = False, today: date | None = None) -> ReportRun:
    """The 党费收缴情况报告 of the report year (settled to 31 December, or to `today` before then) for the 党员大会."""
    from .documents.dues_notice import figures_for, report_document, write_document, year_period

    figures = _checked_figures(checked, force=force)
    document = report_document(checked.ledger, figures_for(checked.ledger, year_period(figures.period, today=today), figures),
                               today=today)
    return _write_dues(checked, document, lambda d, output: write_document(d, output=output, template=template),
                       workbook=workbook, output=output, suffix=REPORT_SUFFIX, template=template)


def _checked_figures(checked: Checked, *, force: bool) -> PeriodFigures:
    from .figures import compute_figures

    if checked.report.errors and not force:
        raise DataErrors(checked.report)
    # Without figures the period is unknown: report_period says why (only reached with force).
    return checked.figures or compute_figures(checked.ledger, report_period(checked.ledger))


def _write_dues(checked: Checked, document, write, *, workbook: Path, output: Path | None, suffix: str,
                template: Path | None) -> ReportRun:
    in_documents = False
    if output is None:
        place, in_documents = _default_place(workbook)
        output = _beside(place, document.context["title"], suffix)
    _refuse_dues_output(output, xlsx=suffix == WORKBOOK_SUFFIX, workbook=workbook, template=template)
    # The writers go through the output policy (files.writing) and say where the file went.
    with _reading(workbook, template, checked.also_read):
        return ReportRun(checked, Path(output), write(document, output=Path(output)), in_documents)


def _refuse_dues_output(output: Path | None, *, xlsx: bool, workbook: Path, template: Path | None) -> None:
    if output is not None:
        _refuse_output(output, suffix=WORKBOOK_SUFFIX if xlsx else REPORT_SUFFIX,
                       what="公示表" if xlsx else "文档", workbook=workbook, template=template)


# ---- the year ahead: 工作提醒 and the 年度组织生活计划 ----------------------------------------------
# Read from the obligations calendar (figures/obligations.py); the checks are not run: a reminder
# is wanted most when the workbook is half filled.

class StructureProblems(DangjianError):
    """The workbook's structure is broken (a sheet or column missing): a calendar built on it would mislead."""


def _structured_ledger(grids: Mapping[str, Grid]) -> Ledger:
    """The ledger, or StructureProblems naming the first structural finding (check lists them all)."""
    ledger, findings = read_ledger(grids)
    structural = [f for f in findings if f.code in STRUCTURAL]
    if structural:
        raise StructureProblems(f"台账结构有{len(structural)}处问题，如{structural[0].address}：{structural[0].message}；"
                                "请先运行 check 查看并改正")
    return ledger


@_one_workbook
def todo_workbook(workbook: Path, *, day: date | None = None, weeks: int = 6, output: Path | None = None) -> TodoRun:
    """`dangjian todo`: what is overdue on `day` (today by default) and what falls due in `weeks`;
    with `output`, also written as a printable worksheet (.xlsx) under the output policy."""
    workbook = Path(workbook)
    if output is not None:
        _refuse_output(output, suffix=WORKBOOK_SUFFIX, what="工作提醒", workbook=workbook)
    return todo_grids(_read_grids(workbook, _CHECK_LIBRARIES), workbook=workbook, day=day, weeks=weeks, output=output)


def todo_grids(grids: Mapping[str, Grid], *, workbook: Path, day: date | None = None, weeks: int = 6,
               output: Path | None = None, beside: bool = False) -> TodoRun:
    """The 工作提醒 of grids read from `workbook` (a file or the add-in's live sheets); written as a
    worksheet to `output`, or with `beside` next to the workbook (in 文档 when it has no local folder)."""
    from .documents.todo import todo_list, write_todo_sheet
    from .runs import TodoRun

    ledger = _structured_ledger(grids)
    report_period(ledger)  # PeriodError names the 基本信息 cell when the year cannot be read
    todo = todo_list(ledger, day=day or date.today(), weeks=weeks)
    in_documents = False
    if output is None and beside:
        place, in_documents = _default_place(workbook)
        output = _beside(place, todo.title, WORKBOOK_SUFFIX)
        _refuse_output(output, suffix=WORKBOOK_SUFFIX, what="工作提醒", workbook=workbook)
    if output is None:
        return TodoRun(todo)
    with _reading(workbook):
        return TodoRun(todo, write_todo_sheet(todo, output=Path(output), source=Path(workbook)), Path(output), in_documents)


@_one_workbook
def plan_workbook(workbook: Path, *, year: int | None = None, output: Path | None = None, xlsx: bool = False,
                  template: Path | None = None, today: date | None = None, into_new: Path | None = None) -> PlanRun:
    """`dangjian plan`: the year's 组织生活计划 (the 报告年度 by default) as Word, or an Excel sheet with `xlsx`;
    with `into_new`, a copy of the workbook whose 计划 sheet holds the plan (the workbook itself is never edited)."""
    from .documents.plan import plan_document, write_plan_document, write_plan_into_copy, write_plan_sheet
    from .runs import PlanRun

    workbook = Path(workbook)
    if into_new is not None:
        suffix = workbook.suffix.lower()
        if suffix not in (".xlsx", ".xlsm"):
            raise OutputRefused(f"只能由.xlsx或.xlsm台账生成带计划的副本，“{workbook.name}”是{suffix or '无扩展名'}文件；"
                                "请先在Excel或WPS中另存为.xlsx")
        _refuse_output(into_new, suffix=suffix, what="台账副本", workbook=workbook)
        ledger = _structured_ledger(_read_grids(workbook, _CHECK_LIBRARIES))
        own_year = report_period(ledger).year
        if year is not None and year != own_year:
            # The 计划 sheet names months, not years: it is compared with this workbook's records.
            raise OutputRefused(f"“计划”表按月份与本台账的记录对照，计划年度应为台账的报告年度（{own_year}年），"
                                f"不能写入{year}年的计划；请在{year}年的台账上运行，或不加 --year")
        document = plan_document(ledger, own_year, today=today)
        with _reading(workbook):
            written = write_plan_into_copy(ledger, document, source=workbook, output=Path(into_new))
        return PlanRun(document, Path(into_new), written)
    suffix = WORKBOOK_SUFFIX if xlsx else REPORT_SUFFIX
    if output is not None:
        _refuse_output(output, suffix=suffix, what="计划", workbook=workbook, template=template)
    if template is not None and not Path(template).is_file():
        raise OutputRefused(f"找不到计划模板“{template}”，请检查 --template 后面的文件名")
    ledger = _structured_ledger(_read_grids(workbook, _DOCUMENT_LIBRARIES))
    year = year or report_period(ledger).year
    document = plan_document(ledger, year, today=today)
    in_documents = False
    if output is None:
        place, in_documents = _default_place(workbook.resolve())
        output = _beside(place, document.context["title"], suffix)
        _refuse_output(output, suffix=suffix, what="计划", workbook=workbook, template=template)
    with _reading(workbook, template):
        written = (write_plan_sheet(document, output=Path(output)) if xlsx
                   else write_plan_document(document, output=Path(output), template=template))
    return PlanRun(document, Path(output), written, in_documents)
# ---- 党员队伍结构统计: the roll in the 党内统计 categories ---------------------------------------
# The same steps and output policy as the documents; the figures are figures.statistics'.

def parse_day(text: str) -> date:
    """A date as a secretary types it (2023-12-31, 2023年12月31日); CellValueError in Chinese otherwise."""
    from .schema import Kind
    from .read.values import parse_value

    return parse_value(text, Kind.DATE)  # its CellValueError says what is wrong (2023年2月没有30日)


@_one_workbook
def stats_workbook(workbook: Path, *, day: date | None = None, output: Path | None = None,
                   force: bool = False) -> StatsRun:
    """`dangjian stats`: check a workbook file and count its roll on `day` (default: the period's end);
    with `output`, also write the tables as a printable workbook."""
    workbook = Path(workbook)
    if output is not None:
        _refuse_output(output, suffix=WORKBOOK_SUFFIX, what="统计表", workbook=workbook)
    checked = check_grids(_read_grids(workbook, _CHECK_LIBRARIES), workbook=workbook)
    return stats_checked(checked, workbook=workbook.resolve(), day=day, output=output, write=output is not None,
                         force=force)


def stats_checked(checked: Checked, *, workbook: Path, day: date | None = None, output: Path | None = None,
                  write: bool = True, force: bool = False, today: date | None = None) -> StatsRun:
    """The 党员队伍结构统计 of a checked workbook on `day`; DataErrors when it has errors, unless `force`.

    With `write`, the tables go to `output`, by default beside the workbook, named after the branch
    and the day (the add-in's button). `today` is unused: the day counted is the data's, not the clock's.
    """
    from .figures.statistics import party_statistics
    from .documents.stats_book import stats_title, write_stats
    from .runs import StatsRun

    figures = _checked_figures(checked, force=force)
    statistics = (figures.statistics if day is None or day == figures.period.end
                  else party_statistics(checked.ledger, figures.roll, day))
    run = StatsRun(checked, statistics)
    if not write:
        return run
    branch = checked.ledger.basic["branch"] or checked.ledger.basic["unit"] or "党支部"
    in_documents = False
    if output is None:
        place, in_documents = _default_place(workbook)
        output = _beside(place, f"{stats_title(branch)}（{statistics.day.isoformat()}）", WORKBOOK_SUFFIX)
    _refuse_output(output, suffix=WORKBOOK_SUFFIX, what="统计表", workbook=workbook)
    with _reading(workbook, also_read=checked.also_read):
        written = write_stats(statistics, branch=branch, output=Path(output))
    return replace(run, wanted=Path(output), written=written, in_documents=in_documents)


# ---- 发展党员 papers ----------------------------------------------------------------------------

DEVELOPMENT_FOLDER = "发展党员材料"


@_one_workbook
def development_workbook(workbook: Path, *, person: str | None = None, output: Path | None = None,
                         force: bool = False, today: date | None = None) -> PapersRun:
    """`dangjian development`: check a workbook file and write the 发展党员 papers into a folder."""
    workbook = Path(workbook)
    return development_checked(check_grids(_read_grids(workbook, _DOCUMENT_LIBRARIES), workbook=workbook),
                               workbook=workbook.resolve(), person=person, output=output, force=force, today=today)


def development_checked(checked: Checked, *, workbook: Path, person: str | None = None, output: Path | None = None,
                        force: bool = False, today: date | None = None) -> PapersRun:
    """The 公示 due, each person's 纪实表 and the 汇总表 (only `person`'s papers when named), into
    `output` (a folder; default 发展党员材料 beside the workbook)."""
    from .documents.development_papers import development_papers, write_papers
    from .runs import PapersRun

    figures = _checked_figures(checked, force=force)
    papers = development_papers(checked.ledger, figures, person=person, today=today)
    in_documents = False
    if output is None:
        place, in_documents = _default_place(workbook)
        output = place.with_name(DEVELOPMENT_FOLDER)
    output = Path(output)
    if output.exists() and not output.is_dir():
        raise OutputRefused(f"“{output}”不是文件夹：发展党员材料写入一个文件夹，请用 -o 指定文件夹")
    with _reading(workbook):
        written = write_papers(papers, output)
    return PapersRun(checked, output, tuple(written), in_documents)


# ---- the blank workbook --------------------------------------------------------------------

def new_workbook(path: Path, *, force: bool = False) -> Path:
    """Write a blank workbook under the output policy; returns the path written (“(1)” if in use)."""
    from .documents.builder import build_workbook
    from .files import available_output

    path = Path(path)
    _refuse_output(path, suffix=WORKBOOK_SUFFIX, what="台账")
    if path.exists() and not force:
        raise OutputRefused(f"“{path}”已存在，未覆盖。如需覆盖请加 --force。")
    # A “(1)” copy only ever as a new file: --force was said of `path`, not of an existing 台账(1).xlsx.
    target = available_output(path, fresh=True)
    build_workbook(target)
    return target


# ---- the output policy's refusals ----------------------------------------------------------

def _reading(workbook: Path | None, template: Path | None = None, also_read: tuple[Path, ...] = ()):
    """The output policy's guard while a command writes: no output may be its workbook, its template,
    or last year's workbook that the check read beside it."""
    return reading((("台账文件", workbook), ("模板文件", template), *(("上年度台账", path) for path in also_read)))


def _refuse_report_output(output: Path | None, *, workbook: Path, template: Path | None) -> None:
    if output is not None:
        _refuse_output(output, suffix=REPORT_SUFFIX, what="报告", workbook=workbook, template=template)


def _refuse_output(output: Path, *, suffix: str, what: str, workbook: Path | None = None,
                   template: Path | None = None) -> None:
    """OutputRefused when `output` must not be written: a wrong file type, or a file the command reads
    (said before anything is read; files.writing checks again when the output is written)."""
    output = Path(output)
    with _reading(workbook, template):
        refuse_source(output, what)
    if output.suffix.lower() == ".pdf" and suffix == REPORT_SUFFIX:
        raise OutputRefused(f"报告应保存为.docx文件，“{output}”的扩展名不对；如需PDF，请用“-o {output.stem}.docx --pdf”，"
                            "会同时生成同名的PDF。")
    refuse_wrong_type(output, suffix=suffix, what=what)


def _documents() -> Path:
    documents = Path.home() / "Documents"
    return documents if documents.is_dir() else Path.home()


# ---- installation and the add-in's first step ----------------------------------------------
# Kept lazy: `doctor` and the add-in's guards must not slow down the other commands' start.

def doctor(ledger: Path | None = None, *, command: str = "python -m dangjian") -> tuple[str, bool]:
    """`dangjian doctor`: the one-screen text, and True when no check found a 问题; the fixes name
    the program as `command`, the way it was started."""
    from .office.doctor import Machine, format_doctor, has_problems, run_doctor

    checks = run_doctor(ledger, machine=Machine(command=command))
    return format_doctor(checks), not has_problems(checks)


def caller_book():
    """The add-in's workbook (xw.Book.caller()), with Chinese messages where xlwings would fail."""
    from .office.addin import caller_book

    return caller_book()


def internal_error_help(log: Path | None) -> str:
    """The add-in's "程序内部错误" message's last lines: the log and the doctor command."""
    from .office.addin import internal_error_help

    return internal_error_help(log)
