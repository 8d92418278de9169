"""计划 against the record: a planned meeting with no record is a warning at its plan row; one
held in the month after is said so (a 提示), not reported as missing."""
from __future__ import annotations

from typing import Iterable

from ..figures import PeriodFigures
from ..findings import Finding, FindingType, Level
from ..read.records import BAD_VALUE, Ledger
from ..schema import ACTIVITIES, MEETINGS
from ..read.values import format_date

_BASIS = "年度组织生活计划：年度有计划，每月有安排；计划的工作应按时开展并记入台账"
PLAN_NOT_DONE = FindingType("plan-not-done", Level.WARNING, "计划的工作没有记录", _BASIS)
PLAN_DONE_LATE = FindingType("plan-done-late", Level.INFO, "计划的工作推迟完成", _BASIS)


def check_plan(ledger: Ledger, figures: PeriodFigures) -> Iterable[Finding]:
    if not ledger.complete("meetings") or not ledger.complete("activities"):
        return  # a record that could not be read may be the one
    for outcome in figures.plans:
        row = outcome.row
        kind = row["type"] + (f"（{row['group']}）" if row["group"] else "")
        where = ACTIVITIES.name if row["type"] == "主题党日" else MEETINGS.name
        if outcome.late:
            yield PLAN_DONE_LATE.at(row.cell("month"), f"计划{outcome.month}月开展的{kind}于{format_date(outcome.done_on)}"
                                                       "完成，比计划推迟")
        elif outcome.done_on is None and outcome.judged:
            yield PLAN_NOT_DONE.at(row.cell("month"), f"计划{outcome.month}月开展的{kind}在{where}中没有"
                                                      f"{outcome.month}月或次月的记录；已开展的请补记，未开展的请说明原因")


def check_theme_day_setting(ledger: Ledger, figures: PeriodFigures) -> Iterable[Finding]:
    """规则设置“主题党日固定日” as a day the calendar can place (plan, todo); else said at its cell."""
    text = ledger.rules["theme_day_fixed"]
    if not text:
        return
    # The calendar's module (and its classes) is for plan and todo; most ledgers leave this setting blank.
    from ..figures.obligations import FixedDayError, fixed_day

    try:
        fixed_day(str(text), figures.period.year, 1)
    except FixedDayError as exc:
        yield BAD_VALUE.at(ledger.rules.cell("theme_day_fixed"), f"{exc}；计划和工作提醒暂按当月内任一天安排")


CHECKS = [check_plan, check_theme_day_setting]
