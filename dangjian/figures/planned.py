"""The 计划 sheet against the records: for each planned item of the period, the record that did it.

A planned meeting is done by a record of its kind (会议记录, or 活动记录 for 主题党日; for 党小组会
of its 党小组 when one is named) in its month, or for a quarterly meeting earlier in its quarter;
one left over is matched with a spare record of the next month, which is done late, not missing. Each record does one planned item. The check
(rules/plan.py) and the report's “年度计划安排的N项工作已完成M项” read the same outcomes.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..period import Period, month_end
from ..read.records import Ledger, Row
from ..schema import MONTHS
from ..read.values import clean_name


# Owed once a quarter (党员大会, 党课: 条例第十一条、第十六条): planned in a month, held earlier in its quarter is on time.
QUARTERLY_KINDS = ("党员大会", "党课")


@dataclass(frozen=True)
class PlanOutcome:
    """A 计划 row and the record that carried it out, if any."""

    row: Row  # the 计划 row
    month: int
    done_on: date | None  # the record's date, None when no record did it
    judged: bool  # False while its month (and the next) has not ended by the period end

    @property
    def late(self) -> bool:
        return self.done_on is not None and self.done_on.month > self.month


def plan_outcomes(ledger: Ledger, period: Period) -> tuple[PlanOutcome, ...]:
    """Every 计划 row of a month inside the period that plans a kind of record (not 其他)."""
    rows = [(row, MONTHS.index(row["month"]) + 1) for row in ledger.plans
            if row["month"] in MONTHS and row["type"] and row["type"] != "其他" and row.known("type", "month", "group")]
    rows = [(row, month) for row, month in rows if date(period.year, month, 1) >= period.start
            and date(period.year, month, 1) <= period.end]
    if not rows:
        return ()
    records = [("主题党日", a["date"], "") for a in ledger.activities if a["type"] == "主题党日"]
    records += [(m["type"], m["date"], clean_name(m["group"] or "")) for m in ledger.meetings]
    records = [r for r in records if r[1] is not None and r[1].year == period.year]
    used: set[int] = set()
    done: dict[int, date] = {}

    def take(index: int, row: Row, months: range) -> None:
        group = clean_name(row["group"] or "")
        for number, (kind, day, record_group) in enumerate(records):
            if number not in used and kind == row["type"] and day.month in months and (not group or group == record_group):
                used.add(number)
                done[index] = day
                return

    for index, (row, month) in enumerate(rows):  # first every item in its own month
        take(index, row, range(month, month + 1))
    for index, (row, month) in enumerate(rows):  # a quarterly meeting: any month of its quarter
        if index not in done and row["type"] in QUARTERLY_KINDS:
            take(index, row, range(3 * ((month - 1) // 3) + 1, month + 1))
    for index, (row, month) in enumerate(rows):  # then what is left in the month after: done late
        if index not in done and month < 12:
            take(index, row, range(month + 1, month + 2))
    outcomes = []
    for index, (row, month) in enumerate(rows):
        ended = month_end(period.year, month) <= period.end
        outcomes.append(PlanOutcome(row, month, done.get(index), judged=ended or index in done))
    return tuple(outcomes)
