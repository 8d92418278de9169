"""成文日期: a report is written at its period's end or soon after, never before the period begins.

A 成文日期 far from the period is most often a date left over from last time (a 上半年 report
still dated 12月25日) or a wrong 报告期间; the report prints it as it is, so the secretary is told.
"""
from __future__ import annotations

from typing import Iterable

from ..figures import PeriodFigures
from ..findings import Finding, FindingType, Level
from ..read.records import Ledger
from ..read.values import format_date
from .common import add_months

# A report written more than this many months after its period ended is probably misdated.
LATE_AFTER_MONTHS = 2

WRITTEN_DATE_OUTSIDE = FindingType(
    "written-date-outside", Level.INFO, "成文日期不在报告期间附近",
    "GB/T 9704-2012 7.3.5：成文日期署发文机关负责人签发的日期；工作情况报告一般在报告期末或期满后不久成文")


def check_written_date(ledger: Ledger, figures: PeriodFigures) -> Iterable[Finding]:
    written, period = ledger.basic["written"], figures.period
    if written is None:
        return  # blank: the report is dated the day it is made
    where = ledger.basic.cell("written")
    said = f"成文日期{format_date(written)}"
    if written < period.start:
        yield WRITTEN_DATE_OUTSIDE.at(where, f"{said}早于报告期间（{period.name}）的起始日期{format_date(period.start)}，"
                                             "报告不能在期间开始前成文；请核对成文日期或报告期间")
    elif written > add_months(period.end, LATE_AFTER_MONTHS):
        months = (written.year - period.end.year) * 12 + written.month - period.end.month
        yield WRITTEN_DATE_OUTSIDE.at(where, f"{said}在报告期间（{period.name}）结束{months}个月后，报告将照此落款；"
                                             "请核对是否沿用了以前的成文日期，或报告期间选错")


CHECKS = [check_written_date]
