"""Which quarters' 党费收缴情况 the 党务公开 sheet says were made known to the members.

A row counts when its 公开事项 names 党费. Its period is read as a person reads it: a quarter
(第三季度, 三季度, 第3季度, 第一、二季度, 前三季度), a half (上半年, 下半年), months (1-3月, 一至三月,
7月份), or the whole year (全年, 年度, or only the year: “2023年党费收缴情况” posted after it). A
text naming no period posts the last quarter that ended before the row's date (“党费收缴情况公示”
on 10月16日 is the third quarter's). A year written in the text must be the report's; without one
the row's date decides (“第四季度” posted in January is the year before's). The period's figures
(`PeriodFigures.dues_postings`, `.unposted_quarters`) hold the answer once; the check
(rules/disclosure.py), the report's 党务公开 sentence and the dues notice's date read it.
"""
from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Iterable

from ..period import Period, month_end
from ..read.records import Ledger, Row

_DIGITS = {c: n for n, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "两": 2}
_NUMBER = r"(?:\d{1,2}|十[一二]?|[一二三四五六七八九两])"  # a month or quarter: 1 to 12
_RANGE_MARKS = "至到~～-－—–"  # 1-3月, 一至三季度
_TO = f"[{re.escape(_RANGE_MARKS)}]"
_AND = "[、,，和及与]"
_YEAR = re.compile(r"(?<!\d)(\d{4}|[〇零一二三四五六七八九]{4})\s*年")
# The patterns are bounded (at most four quarters listed, no two whitespace runs side by side), so
# a long hostile text is read in linear time.
# 第一、二季度, 1-2季度, 第一至第三季度, 三季度; a bare 一季 needs its 第 (四季 is a season).
_SEPARATOR = rf"\s*(?:{_AND}|{_TO}{{1,2}})\s*(?:第\s*)?"
_QUARTERS = re.compile(rf"(第\s*)?({_NUMBER}(?:{_SEPARATOR}{_NUMBER}){{0,3}})\s*季(度)?")
_FIRST_QUARTERS = re.compile(rf"前\s*({_NUMBER})\s*个?季度")
_Q_QUARTER = re.compile(r"(?<![A-Za-z])[Qq]\s*([1-4])(?!\d)")  # Q3
# 1-3月, 1月至3月, 一至三月, 7月份; not a day (10月16日 is when, not what).
_NOT_DAY = rf"(?!\s*{_NUMBER}\s*[日号])"
_MONTHS = re.compile(rf"(?<!\d)({_NUMBER})\s*(?:月份?\s*)?{_TO}{{1,2}}\s*({_NUMBER})\s*月份?{_NOT_DAY}"
                     rf"|(?<!\d)({_NUMBER})\s*月份?{_NOT_DAY}")
_HALVES = {"上半年": range(1, 7), "下半年": range(7, 13), "全年": range(1, 13)}
_YEAR_WORD = "年度"  # the year's only when nothing narrower is named (“2023年度第三季度” is the quarter)
# A 党费 text that names no period posts the collection unless it is about the rules of it.
_NOT_COLLECTION = re.compile(r"标准|基数|制度|办法|规定|细则|使用管理")


def quarters_named(item: str, *, year: int, posted: date | None) -> tuple[int, ...]:
    """The report year's quarters a 公开事项 text reports the dues of; () when it names none."""
    months = _months_posted(item, year=year, posted=posted)
    return tuple(q for q in range(1, 5) if set(range(3 * q - 2, 3 * q + 1)) <= months)


def _months_posted(item: str, *, year: int, posted: date | None) -> frozenset[int]:
    """The report year's months whose dues the text reports."""
    text = unicodedata.normalize("NFKC", item)
    if "党费" not in text:
        return frozenset()
    years = {_year_number(y) for y in _YEAR.findall(text)}
    if years and year not in years:
        return frozenset()
    months = _period_months(_YEAR.sub(" 年", text))
    if months:
        if years:
            return months
        # No year written: the row's date says which year: the one whose period ends nearest to it
        # (第四季度 or 全年 posted in January is the year before's; 第一季度 posted on 3月28日 this year's).
        if posted is None:
            return frozenset()
        named_year = min((posted.year - 1, posted.year), key=lambda y: abs((month_end(y, max(months)) - posted).days))
        return months if named_year == year else frozenset()
    if _NOT_COLLECTION.search(text):
        return frozenset()
    if years and (posted is None or posted > date(year, 12, 31)):
        return frozenset(range(1, 13))  # “2023年党费收缴情况”: the year's
    if posted is None:
        return frozenset()
    # No period named: the quarter that last ended before the posting.
    last_year, last_quarter = (posted.year, (posted.month - 1) // 3) if posted.month > 3 else (posted.year - 1, 4)
    return frozenset(range(3 * last_quarter - 2, 3 * last_quarter + 1)) if last_year == year else frozenset()


def _period_months(text: str) -> frozenset[int]:
    """The months the period words of a text (its years taken out) cover."""
    months: set[int] = set()
    for match in _FIRST_QUARTERS.finditer(text):
        months.update(range(1, 3 * min(_number(match[1]), 4) + 1))
    for match in _Q_QUARTER.finditer(text):
        months.update(range(3 * int(match[1]) - 2, 3 * int(match[1]) + 1))
    for match in _QUARTERS.finditer(text):
        if not (match[1] or match[3]):
            continue
        for quarter in _listed(match[2]):
            if 1 <= quarter <= 4:
                months.update(range(3 * quarter - 2, 3 * quarter + 1))
    for match in _MONTHS.finditer(_QUARTERS.sub(" ", text)):
        first, last = (match[1], match[2]) if match[1] else (match[3], match[3])
        months.update(m for m in range(_number(first), _number(last) + 1) if 1 <= m <= 12)
    for word, covered in _HALVES.items():
        if word in text:
            months.update(covered)
    if not months and _YEAR_WORD in text:
        months.update(range(1, 13))
    return frozenset(months)


def _listed(numbers: str) -> list[int]:
    """“一、二” → [1, 2]; “一至三” → [1, 2, 3]."""
    parts = re.split(rf"\s*({_AND}|{_TO}{{1,2}})\s*(?:第\s*)?", numbers)
    values, ranges = [_number(parts[0])], [False]
    for separator, part in zip(parts[1::2], parts[2::2]):
        values.append(_number(part))
        ranges.append(separator[0] in _RANGE_MARKS)
    listed: list[int] = []
    for value, after_range in zip(values, ranges):
        listed.extend(range(listed[-1] + 1, value + 1) if after_range and listed else [value])
    return listed


def _number(text: str) -> int:
    """12, “十二”, “三”, “两” → the number (_NUMBER's forms only)."""
    if text.isdigit():
        return int(text)
    if text.startswith("十"):
        return 10 + (_DIGITS[text[1:]] if text[1:] else 0)
    return _DIGITS[text]


def _year_number(text: str) -> int:
    return int(text) if text.isdigit() else int("".join(str(_DIGITS[c]) for c in text))


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


def unposted_quarters(ledger: Ledger, period: Period) -> tuple[int, ...]:
    """Quarters wholly inside the period and ended before its end whose dues were never posted.

    The last quarter is posted after the period ends (the sample posts its 第三季度 on 10月16日),
    so a period is never faulted for it. A quarter posted month by month (1月, 2月, 3月) is posted.
    """
    posted: set[int] = set()
    for row in ledger.disclosures:
        posted |= _months_posted(str(row["item"] or ""), year=period.year, posted=row["date"])
    owed = [q for q in quarters_of(period) if month_end(period.year, 3 * q) < period.end]
    return tuple(q for q in owed if not set(range(3 * q - 2, 3 * q + 1)) <= posted)
