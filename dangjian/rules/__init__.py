"""The checks (校验): each theme module yields findings from the ledger and the period's figures.

Rules read the figures (`figures.PeriodFigures`); none recomputes them, and none raises for bad data.
"""
from __future__ import annotations

from typing import Callable, Iterable

from ..figures import PeriodFigures
from ..findings import Finding, FindingType, Level
from ..period import PeriodError
from ..read.records import Ledger

Check = Callable[[Ledger, PeriodFigures], Iterable[Finding]]

BAD_PERIOD = FindingType("period-invalid", Level.ERROR, "报告期间无法确定")
CHECKS_SKIPPED = FindingType("checks-skipped", Level.INFO, "其余校验暂未进行")


def all_checks() -> list[Check]:
    from . import consistency, development, disclosure, dues, life, organisation, plan, statistics, written_date

    return [*consistency.CHECKS, *dues.CHECKS, *life.CHECKS, *development.CHECKS, *organisation.CHECKS,
            *written_date.CHECKS, *disclosure.CHECKS, *statistics.CHECKS, *plan.CHECKS]


def run_checks(ledger: Ledger, figures: PeriodFigures) -> list[Finding]:
    """Every check over the report period."""
    findings: list[Finding] = []
    for check in all_checks():
        findings.extend(check(ledger, figures))
    return findings


def period_unknown(ledger: Ledger, error: PeriodError, *, reported: Iterable[Finding]) -> list[Finding]:
    """The one finding that stands for every period-based check when 报告期间 cannot be worked out.

    Nothing when the reader already reported that cell (unreadable, or a required item left blank).
    """
    where = ledger.basic.cell(error.key)
    if error.key in ledger.basic.invalid or any(f.address == where for f in reported):
        return []
    return [BAD_PERIOD.at(where, f"{error}；其余校验都要按报告期间判断，暂未进行")]


def structure_first(structural: list[Finding]) -> Finding:
    """The one note that stands for every check when the workbook's structure is broken."""
    return CHECKS_SKIPPED.at(structural[0].address, f"台账结构有{len(structural)}处问题（缺少工作表、缺少列、列名重复或列标题合并），"
                             "按内容的校验暂未进行，以免把缺少的列误报为大量数据问题；请先按上面的错误修正结构，再校验一次")
