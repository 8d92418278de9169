"""The checks (校验): each theme module yields findings for a ledger; none raises for bad data."""
from __future__ import annotations

from typing import Callable, Iterable

from ..facts import report_period
from ..findings import Finding, FindingType, Level
from ..period import Period, PeriodError
from ..records import Ledger

Check = Callable[[Ledger, Period], Iterable[Finding]]

BAD_PERIOD = FindingType("period-invalid", Level.ERROR, "报告期间无法确定")


def all_checks() -> list[Check]:
    from . import consistency, development, dues, life, organisation

    return [*consistency.CHECKS, *dues.CHECKS, *life.CHECKS, *development.CHECKS, *organisation.CHECKS]


def run_checks(ledger: Ledger) -> list[Finding]:
    try:
        period = report_period(ledger)
    except PeriodError as exc:
        if exc.key in ledger.basic.invalid:
            return []  # the reader already reported that cell as unreadable
        return [BAD_PERIOD.at(ledger.basic.cell(exc.key), str(exc))]
    findings: list[Finding] = []
    for check in all_checks():
        findings.extend(check(ledger, period))
    return findings
