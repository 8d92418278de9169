"""Which quarters' 党费收缴情况 the 党务公开 sheet says were made known to the members.

A row counts when its 公开事项 names 党费 and a period: 第三季度, 上半年, 下半年, 全年 or 年度
(“2023年第三季度党费收缴情况”). A year written in the text must be the report's; without one the
row's own date decides. The period's figures (`PeriodFigures.dues_postings`) hold the answer once; the check
(rules/disclosure.py), the report's 党务公开 sentence and the dues notice's date read it.
"""
from __future__ import annotations

import re
from datetime import date
from typing import Iterable

from .period import QUARTER_NAMES, Period, month_end
from .records import Ledger, Row

# The quarters each period word covers.
_COVERS = {name: (number,) for number, name in enumerate(QUARTER_NAMES, start=1)} | {
    "上半年": (1, 2), "下半年": (3, 4), "全年": (1, 2, 3, 4), "年度": (1, 2, 3, 4)}
_YEAR = re.compile(r"(\d{4})\s*年")


def quarters_named(item: str, *, year: int, posted: date | None) -> tuple[int, ...]:
    """The report year's quarters a 公开事项 text reports the dues of; () when it names none."""
    if "党费" not in item:
        return ()
    years = {int(y) for y in _YEAR.findall(item)}
    if years and year not in years or not years and (posted is None or posted.year not in (year, year + 1)):
        return ()
    return tuple(sorted({q for word, quarters in _COVERS.items() if word in item for q in quarters}))


def dues_postings(ledger: Ledger, year: int) -> list[tuple[Row, tuple[int, ...]]]:
    """(row, quarters) of every 党务公开 row that posted the year's dues collection."""
    found = []
    for row in ledger.disclosures:
        quarters = quarters_named(str(row["item"] or ""), year=year, posted=row["date"])
        if quarters:
            found.append((row, quarters))
    return found


def posting_for(postings: Iterable[tuple[Row, tuple[int, ...]]], period: Period) -> Row | None:
    """The 党务公开 row that posted exactly this period's dues notice (the earliest), if any."""
    wanted = quarters_of(period)
    rows = [row for row, quarters in postings if quarters == wanted]
    return min(rows, key=lambda r: r["date"] or date.max) if rows else None


def quarters_of(period: Period) -> tuple[int, ...]:
    return tuple(q for y, q in period.quarters() if y == period.year)


def unposted_quarters(postings: Iterable[tuple[Row, tuple[int, ...]]], period: Period) -> tuple[int, ...]:
    """Quarters wholly inside the period and ended before its end whose dues were never posted.

    The last quarter is posted after the period ends (the sample posts its 第三季度 on 10月16日),
    so a period is never faulted for it. `postings` are dues_postings' for the period's year.
    """
    posted = {q for _, quarters in postings for q in quarters}
    owed = [q for q in quarters_of(period) if month_end(period.year, 3 * q) < period.end]
    return tuple(q for q in owed if q not in posted)
