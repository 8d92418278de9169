"""Steps 1–4 of every command, below the api: grids → typed ledger → period figures → findings.

The api (and through it the shells) and the 党委 summary's worker processes both check a
workbook here, so that nothing below the api needs to import the api. No file is read here: last
year's workbook, when the api has one to look for (last_year.py), comes in as a `LastYear`.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Mapping

from .findings import CheckReport, Finding
from .read.grid import Grid
from .limits import limit_per_rule
from .period import PeriodError, report_period
from .read.records import Ledger, read_ledger

if TYPE_CHECKING:
    from .figures import PeriodFigures
    from .figures.dues import CarriedOver

# Reader findings that mean the workbook's shape is wrong, not its data (see check_grids).
STRUCTURAL = ("missing-sheet", "missing-column", "duplicate-column", "merged-header")
# Given this year's ledger and year: each member's run of unpaid dues carried in from last year
# (None when there is none), a 提示 for each file that could not be read, every file opened.
LastYear = Callable[[Ledger, int], tuple["CarriedOver | None", list[Finding], tuple[Path, ...]]]


@dataclass(frozen=True)
class Checked:
    """A workbook checked: its ledger, the findings, and the period's figures when the period is known."""

    ledger: Ledger
    report: CheckReport
    figures: PeriodFigures | None = None  # None when 报告期间 cannot be worked out
    saved: Path | None = None  # where the findings workbook was written (check -o)
    # Other files the check read (last year's workbooks beside this one): no output may land on them.
    also_read: tuple[Path, ...] = ()


def check_grids(grids: Mapping[str, Grid], *, last_year: LastYear | None = None) -> Checked:
    """Records, figures and findings from grids, whichever way they were read (file or live Excel).

    A broken structure (a required sheet missing, a column missing or twice) stops the checks:
    the reader then drops the sheet, and every rule would report its absence as data problems.
    Blank or bad values do not stop them; a period that cannot be worked out does. `last_year`
    (last_year.beside the workbook the grids were read from) gives the run of unpaid dues carried
    into the year.
    """
    from .figures import compute_figures
    from .rules import period_unknown, run_checks, structure_first

    ledger, reader_findings = read_ledger(grids)
    report = CheckReport(list(reader_findings))
    try:
        period = report_period(ledger)
        carried, also_read = None, ()
        if last_year is not None:
            carried, unread, also_read = last_year(ledger, period.year)
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
