"""How figures are said in Chinese: shared by the checks' messages and the report's sentences.

Month runs (3月至5月、8月), what a 三会一课 item is called and how it is done (召开、讲授、开展),
how often it is owed, and which units fell short. Figures stay numbers and dates; this module
turns them into words, so a finding and the report's sentence name a gap the same way.
"""
from __future__ import annotations

from datetime import date
from decimal import ROUND_DOWN, Decimal
from typing import Iterable

from .figures.life import CHINESE_WEEKDAYS, LifeItem
from .period import QUARTER_NAMES, Period, consecutive_runs
from .read.values import format_date

# How the report names each 三会一课 item.
LIFE_NAMES = {
    "life-general-meeting": "党员大会",
    "life-committee-meeting": "支部委员会",
    "life-group-meeting": "党小组会",
    "life-lecture": "党课",
    "life-theme-day": "主题党日",
    "life-organisation-meeting": "组织生活会",
    "life-member-review": "民主评议党员",
    "life-weekly-study": "学习会议",
}
# How a sentence says a kind of meeting was done: 讲授党课, 开展主题党日, otherwise 召开.
LIFE_VERBS = {"党课": "讲授", "主题党日": "开展", "民主评议党员": "开展"}
_FREQUENCIES = {"month": "每月", "quarter": "每季度", "year": "每年"}
# A list longer than this is named by its first few and counted.
MAX_LISTED = 6


def verb_for(kind: str) -> str:
    return LIFE_VERBS.get(kind, "召开")


def life_name(item: LifeItem) -> str:
    return LIFE_NAMES[item.code]


def frequency(item: LifeItem) -> str:
    """每月, 每季度, 每年, 每周三 for a weekly study, or 9月起每月 for a committee elected during the period."""
    if item.per == "week":
        return f"每{CHINESE_WEEKDAYS[item.weekday]}"
    since = f"{item.first_month}月起" if item.first_month else ""
    return since + _FREQUENCIES[item.per]


def month_runs(months: Iterable[int]) -> str:
    """(3, 4, 5, 8) → 3月至5月、8月"""
    return "、".join(f"{r[0]}月至{r[-1]}月" if len(r) > 2 else "、".join(f"{m}月" for m in r)
                    for r in consecutive_runs(months))


def short_date(day: date, period: Period) -> str:
    """A date inside the report's year without its year (10月9日); others in full."""
    return format_date(day, with_year=day.year != period.year)


def gap_labels(item: LifeItem, period: Period) -> tuple[str, ...]:
    """Each unit that fell short, named: 7月, 第三季度, 2023年, 10月11日, or 第一党小组7月至9月 per 党小组."""
    if item.per == "week":
        return tuple(short_date(gap.day, period) for gap in item.missing)
    if item.per == "year":
        return tuple(f"{gap.year}年" for gap in item.missing)
    if item.per == "quarter":
        return tuple(QUARTER_NAMES[gap.number - 1] for gap in item.missing)
    by_group: dict[str | None, list[int]] = {}
    for gap in item.missing:
        by_group.setdefault(gap.group, []).append(gap.number)
    if None in by_group:
        return tuple(f"{m}月" for m in by_group[None])
    return tuple(f"{group}{month_runs(months)}" for group, months in by_group.items())


def summarise_missing(item: LifeItem, period: Period) -> str:
    """What a report sentence can carry: month runs joined (7月至12月), long lists cut short."""
    if item.per == "month" and all(gap.group is None for gap in item.missing):
        return month_runs(gap.number for gap in item.missing)
    return "、".join(cut_short(gap_labels(item, period), counter="次", keep=MAX_LISTED - 1))


def cut_short(labels: Iterable[str], *, counter: str, keep: int = MAX_LISTED) -> list[str]:
    """A list longer than MAX_LISTED named by its first `keep`, the last counting all: “…、5月8日等8次”."""
    labels = list(labels)
    if len(labels) <= MAX_LISTED:
        return labels
    return [*labels[:keep - 1], f"{labels[keep - 1]}等{len(labels)}{counter}"]


def stated_share(rate: Decimal | float | None, *, places: int = 1) -> Decimal | None:
    """A share as it is stated, cut to `places` decimals of a percent (never rounded up): 0.99996 →
    0.999, so that 99.96 % collected is not said as 100.0%. The 汇总 workbook stores this number,
    which its 0.0% format then shows exactly as the reports say it (format_rate)."""
    if rate is None:
        return None
    return Decimal(str(rate)).quantize(Decimal(1).scaleb(-places - 2), rounding=ROUND_DOWN)


def format_rate(rate: Decimal | float | None, *, places: int = 1) -> str:
    """A share as a percentage, cut (never rounded up): 99.98 % collected is not said as 100.0%."""
    share = stated_share(rate, places=places)
    if share is None:
        return ""
    return f"{(share * 100).quantize(Decimal(1).scaleb(-places))}%"


def development_lead(span: Period) -> str:
    """What the 发展党员 counts cover, as a sentence leads them: 2023年 for the year to date, 第三季度， else."""
    return f"{span.year}年" if span.start == span.year_start else f"{span.spoken}，"
