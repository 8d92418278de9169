"""The report period and the calendar units (months, quarters, weeks) the rules count in."""
from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Iterable, Iterator

from .errors import DangjianError
from .schema import BASIC_INFO
from .read.values import format_date

if TYPE_CHECKING:
    from .read.records import Ledger

QUARTER_NAMES = ("第一季度", "第二季度", "第三季度", "第四季度")
_FIXED_PERIODS = {
    "上半年": ((1, 1), (6, 30)),
    "下半年": ((7, 1), (12, 31)),
    "全年": ((1, 1), (12, 31)),
    "第一季度": ((1, 1), (3, 31)),
    "第二季度": ((4, 1), (6, 30)),
    "第三季度": ((7, 1), (9, 30)),
    "第四季度": ((10, 1), (12, 31)),
}


class PeriodError(DangjianError, ValueError):
    """The 报告期间 cannot be worked out from 基本信息; `key` is the setting (year, period, start, end) to fix."""

    def __init__(self, message: str, *, key: str = "period") -> None:
        super().__init__(message)
        self.key = key


@dataclass(frozen=True)
class Period:
    """The report's period: the year and its label (下半年, 全年, …), first and last day."""

    year: int
    label: str  # 下半年 / 全年 / 第四季度 / 自定义
    start: date
    end: date

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end

    @property
    def year_start(self) -> date:
        return date(self.year, 1, 1)

    @property
    def spoken(self) -> str:
        """How the report names the period: 下半年, 全年, or the two dates of a custom period."""
        if self.label in _FIXED_PERIODS:
            return self.label
        if self.start.day == 1 and self.end == month_end(self.end.year, self.end.month):
            return f"{self.year}年{self.start.month}月至{self.end.month}月"  # whole months: 2023年3月至8月
        return f"{format_date(self.start)}至{format_date(self.end, with_year=False)}"

    @property
    def name(self) -> str:
        if self.label == "全年":
            return f"{self.year}年"
        if self.label in _FIXED_PERIODS:
            return f"{self.year}年{self.label}"
        return self.spoken

    def months(self) -> list[tuple[int, int]]:
        """(year, month) of every month wholly inside the period."""
        result = []
        day = date(self.start.year, self.start.month, 1)
        while day <= self.end:
            if day >= self.start and month_end(day.year, day.month) <= self.end:
                result.append((day.year, day.month))
            day = month_end(day.year, day.month) + timedelta(days=1)
        return result

    def quarters(self) -> list[tuple[int, int]]:
        """(year, quarter) of every quarter wholly inside the period."""
        months = set(self.months())
        return [(y, q) for y in range(self.start.year, self.end.year + 1) for q in range(1, 5)
                if all((y, m) in months for m in range(3 * q - 2, 3 * q + 1))]

    def days(self) -> Iterator[date]:
        day = self.start
        while day <= self.end:
            yield day
            day += timedelta(days=1)


def month_end(year: int, month: int) -> date:
    return date(year, month, days_in_month(year, month))


def days_in_month(year: int, month: int) -> int:
    # calendar.monthrange also works out the month's first weekday: the figures call this thousands of times.
    return 29 if month == 2 and calendar.isleap(year) else calendar.mdays[month]


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day (2023-01-31 + 1 → 2023-02-28)."""
    total = day.month - 1 + months
    year, month = day.year + total // 12, total % 12 + 1
    return date(year, month, min(day.day, days_in_month(year, month)))


def report_period(ledger: Ledger) -> Period:
    """The period 基本信息 asks for; PeriodError names the setting to fix."""
    basic = ledger.basic
    return period_from_settings(basic["year"], basic["period"], basic["start"], basic["end"])


def period_from_settings(year: int | None, label: str | None, start: date | None, end: date | None) -> Period:
    if not year:
        raise PeriodError("基本信息中“报告年度”未填写", key="year")
    low, high = BASIC_INFO.setting("year").limits
    if not low <= year <= high:
        raise PeriodError(f"基本信息中“报告年度”{year}不是有效年份", key="year")
    if not label:
        raise PeriodError("基本信息中“报告期间”未填写", key="period")
    if label in _FIXED_PERIODS:
        (m1, d1), (m2, d2) = _FIXED_PERIODS[label]
        return Period(year, label, date(year, m1, d1), date(year, m2, d2))
    if not (start and end):
        raise PeriodError("报告期间为“自定义”时，请在基本信息中填写“起始日期”和“结束日期”",
                          key="end" if start else "start")
    if start > end:
        raise PeriodError("基本信息中“起始日期”晚于“结束日期”", key="start")
    # The dues and yearly rules count months of one calendar year: the report's.
    for key, day in (("start", start), ("end", end)):
        if day.year != year:
            raise PeriodError(f"基本信息中“起始日期”和“结束日期”应在报告年度（{year}年）内，"
                              f"“{BASIC_INFO.setting(key).item}”是{format_date(day)}", key=key)
    return Period(year, label, start, end)


def consecutive_runs(months: Iterable[int]) -> list[tuple[int, ...]]:
    """(8, 3, 4, 5) → [(3, 4, 5), (8,)]"""
    runs: list[list[int]] = []
    for month in sorted(months):
        if runs and runs[-1][-1] == month - 1:
            runs[-1].append(month)
        else:
            runs.append([month])
    return [tuple(run) for run in runs]
