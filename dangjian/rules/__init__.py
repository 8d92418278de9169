"""The checks (校验): each theme module yields findings for a ledger; none raises for bad data."""
from __future__ import annotations

from typing import Callable, Iterable

from ..facts import report_period
from ..findings import Finding, FindingType, Level
from ..period import Period, PeriodError
from ..records import Ledger

Check = Callable[[Ledger, Period], Iterable[Finding]]

BAD_PERIOD = FindingType("period-invalid", Level.ERROR, "报告期间无法确定")
CHECKS_SKIPPED = FindingType("checks-skipped", Level.INFO, "其余校验暂未进行")


def all_checks() -> list[Check]:
    from . import consistency, development, dues, life, organisation

    return [*consistency.CHECKS, *dues.CHECKS, *life.CHECKS, *development.CHECKS, *organisation.CHECKS]


def run_checks(ledger: Ledger, *, reported: Iterable[Finding] = ()) -> list[Finding]:
    """Every check over the report period; `reported` are the reader's findings, not repeated here."""
    try:
        period = report_period(ledger)
    except PeriodError as exc:
        where = ledger.basic.cell(exc.key)
        if exc.key in ledger.basic.invalid or any(f.address == where for f in reported):
            return []  # the reader already reported that cell (unreadable, or a required item left blank)
        return [BAD_PERIOD.at(where, f"{exc}；其余校验都要按报告期间判断，暂未进行")]
    findings: list[Finding] = []
    for check in all_checks():
        findings.extend(check(ledger, period))
    return findings


def structure_first(structural: list[Finding]) -> Finding:
    """The one note that stands for every check when the workbook's structure is broken."""
    return CHECKS_SKIPPED.at(structural[0].address, f"台账结构有{len(structural)}处问题（缺少工作表、缺少列或列名重复），"
                             "按内容的校验暂未进行，以免把缺少的列误报为大量数据问题；请先按上面的错误修正结构，再校验一次")
