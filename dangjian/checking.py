"""Steps 1–4 of every command, below the api: grids → typed ledger → period figures → findings.

The api (and through it the shells) and the 党委 summary's worker processes both check a
workbook here, so that nothing below the api needs to import the api.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Mapping

from .errors import describe as describe_error, printable
from .files import same_file
from .findings import CheckReport, Finding, FindingType, Level
from .read.grid import Grid, UnreadableWorkbook, read_grids
from .limits import limit_per_rule
from .period import PeriodError, report_period
from .read.records import Ledger, read_ledger
from .schema import DUES
from .read.values import clean_name

if TYPE_CHECKING:
    from .figures import PeriodFigures

# Reader findings that mean the workbook's shape is wrong, not its data (see check_grids).
STRUCTURAL = ("missing-sheet", "missing-column", "duplicate-column", "merged-header")


@dataclass(frozen=True)
class Checked:
    """A workbook checked: its ledger, the findings, and the period's figures when the period is known."""

    ledger: Ledger
    report: CheckReport
    figures: PeriodFigures | None = None  # None when 报告期间 cannot be worked out
    saved: Path | None = None  # where the findings workbook was written (check -o)
    # Other files the check read (last year's workbooks beside this one): no output may land on them.
    also_read: tuple[Path, ...] = ()


def check_grids(grids: Mapping[str, Grid], *, workbook: Path | None = None) -> Checked:
    """Records, figures and findings from grids, whichever way they were read (file or live Excel).

    A broken structure (a required sheet missing, a column missing or twice) stops the checks:
    the reader then drops the sheet, and every rule would report its absence as data problems.
    Blank or bad values do not stop them; a period that cannot be worked out does. With the
    `workbook` the grids were read from, last year's workbook beside it is read for the run of
    unpaid dues carried into the year (last_year_dues).
    """
    from .figures import compute_figures
    from .rules import period_unknown, run_checks, structure_first

    ledger, reader_findings = read_ledger(grids)
    report = CheckReport(list(reader_findings))
    try:
        period = report_period(ledger)
        carried, also_read = None, ()
        if workbook is not None:
            carried, unread, also_read = last_year_dues(Path(workbook), ledger, period.year)
            report.extend(unread)
        figures = compute_figures(ledger, period, carried_over=carried)
    except PeriodError as exc:
        figures, period_error = None, exc
    structural = [f for f in reader_findings if f.code in STRUCTURAL]
    if structural:
        report.extend([structure_first(structural)])
    elif figures is None:
        report.extend(period_unknown(ledger, period_error, reported=reader_findings))
    else:
        report.extend(run_checks(ledger, figures))
    # A rule that fires thousands of times is listed up to a bound, the rest counted.
    return Checked(ledger, CheckReport(limit_per_rule(report.findings)), figures,
                   also_read=also_read if figures is not None else ())


# Last year's workbook: read only for the dues run carried into the year, and only from beside this one.
_WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
LAST_YEAR_UNREADABLE = FindingType("last-year-unreadable", Level.INFO, "上年台账无法读取")


def last_year_dues(workbook: Path, ledger: Ledger, year: int) -> tuple[object, list[Finding], tuple[Path, ...]]:
    """Each member's run of unpaid months at the end of `year - 1`, from last year's workbook beside this one.

    A candidate lies in the same folder, has the year in its file name (如 2022年台账.xlsx), and its
    基本信息 names the same 党组织 and the year before. The run is None when there is none or when
    every dues row gives 上年末连续未交月数 itself. A candidate that cannot be read is skipped, never
    an error: a 提示 for each such file says so (the second value). The third value is every
    candidate opened, which the output policy then protects like the workbook itself.
    """
    from .figures.dues import CarriedOver, year_end_unpaid

    if not ledger.dues or all(row["carried_unpaid"] is not None for row in ledger.dues):
        return None, [], ()
    folder, wanted = workbook.parent, str(year - 1)
    if not folder.is_dir():
        return None, [], ()
    branch = clean_name(ledger.basic["branch"] or "")
    unread: list[Finding] = []
    opened: list[Path] = []
    for candidate in sorted(folder.iterdir()):
        if (candidate.suffix.lower() not in _WORKBOOK_SUFFIXES or wanted not in candidate.stem
                or candidate.name.startswith("~$") or same_file(candidate, workbook)):
            continue
        opened.append(candidate)
        try:
            earlier, _ = read_ledger(read_grids(candidate))
        except (UnreadableWorkbook, OSError, ValueError) as exc:
            known, reason = describe_error(exc)
            reason = reason if known else f"“{printable(candidate.name)}”的内容无法识别"
            unread.append(LAST_YEAR_UNREADABLE.at(DUES.name, f"没有读取可能是上年台账的文件——{reason}；"
                                                             "上年末连续未交月数没有从中取得"))
            continue
        if earlier.basic["year"] == year - 1 and clean_name(earlier.basic["branch"] or "") == branch:
            return CarriedOver(year_end_unpaid(earlier, year - 1), candidate.name), unread, tuple(opened)
    return None, unread, tuple(opened)
