"""What the command line and the Excel add-in call: read → check → facts → report."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Mapping

from .findings import CheckReport
from .grid import Grid, UnreadableWorkbook, grid_from_rows, read_grids
from .records import Ledger, read_ledger

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_TEMPLATE = PROJECT_ROOT / "templates" / "工作报告模板.docx"
# Reader findings that mean the workbook's shape is wrong, not its data (see check_grids).
STRUCTURAL = ("missing-sheet", "missing-column", "duplicate-column")

__all__ = [
    "CheckReport", "Checked", "DataErrors", "UnreadableWorkbook", "check_grids", "check_workbook",
    "default_output", "grid_from_rows", "new_workbook", "write_pdf", "write_report",
]


class DataErrors(Exception):
    """The workbook has errors (错误) that must be fixed before a report is written."""

    def __init__(self, report: CheckReport):
        super().__init__(f"台账中有{len(report.errors)}处错误，请改正后再生成报告")
        self.report = report


@dataclass(frozen=True)
class Checked:
    ledger: Ledger
    report: CheckReport


def check_grids(grids: Mapping[str, Grid]) -> Checked:
    """Records and findings from grids, whichever way they were read (file or live Excel).

    A broken structure (a required sheet missing, a column missing or twice) stops the checks:
    the reader then drops the sheet, and every rule would report its absence as data problems.
    Blank or bad values do not stop them; a period that cannot be worked out does (run_checks).
    """
    from .rules import run_checks, structure_first

    from .limits import limit_per_rule

    ledger, reader_findings = read_ledger(grids)
    report = CheckReport(list(reader_findings))
    structural = [f for f in reader_findings if f.code in STRUCTURAL]
    if structural:
        report.extend([structure_first(structural)])
    else:
        report.extend(run_checks(ledger, reported=reader_findings))
    return Checked(ledger, CheckReport(limit_per_rule(report.findings)))


def check_workbook(path: Path) -> Checked:
    return check_grids(read_grids(Path(path)))


def new_workbook(path: Path) -> Path:
    """Write a blank workbook under the output policy; returns the path written (“(1)” if in use)."""
    from .builder import build_workbook
    from .files import available_output

    target = available_output(Path(path))
    build_workbook(target)
    return target


def default_output(workbook: Path, ledger: Ledger, suffix: str = ".docx") -> Path:
    """Beside the workbook, named as the report is titled: “XX党支部2023年下半年工作情况报告.docx”."""
    from .facts import report_period
    from .period import PeriodError

    basic = ledger.basic
    try:
        when = report_period(ledger).name  # 2023年 (全年), 2023年下半年, or the two dates of 自定义
    except PeriodError:
        when = f"{basic['year']}年" if basic["year"] else ""  # only with --force; the checks name the cell
    name = f"{basic['branch'] or basic['unit'] or '党支部'}{when}工作情况报告"
    return Path(workbook).resolve().with_name(_safe_file_name(name) + suffix)


def _safe_file_name(name: str) -> str:
    from .files import safe_file_name

    return safe_file_name(name, "工作情况报告")


def write_report(checked: Checked, *, output: Path, template: Path | None = None, force: bool = False,
                 today: date | None = None, warn=None) -> Path:
    """Render the report of an already checked workbook; errors stop it unless `force`.

    Returns the path written: `output`, or “name(1).docx” when `output` is open in another
    program or read-only.
    """
    from .facts import report_context
    from .report import render_report

    if checked.report.errors and not force:
        raise DataErrors(checked.report)
    context = report_context(checked.ledger, today=today)
    # The output policy (files.writing) picks “name(1).docx” when `output` is in use; `warn` gets
    # the template's doubtful spots (full-width braces that look like a tag).
    return render_report(context, template=Path(template or DEFAULT_TEMPLATE), output=Path(output), warn=warn)


def write_pdf(document: Path, *, output: Path | None = None) -> Path:
    """Print `document` to PDF with LibreOffice (beside it by default); returns the path written.

    Raises office.OfficeNotFound when LibreOffice is absent, office.ConversionFailed otherwise.
    """
    from .office import convert

    document = Path(document)
    return convert(document, output=Path(output) if output else document.with_suffix(".pdf"))
