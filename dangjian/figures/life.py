"""三会一课 and branch life: how often each kind of meeting was owed and held in the period.

Numbers and dates only; how a sentence names them is `wording`'s business. A month, quarter or
year is owed when someone was on the roll on its first day (a branch owes nothing before it
exists); a study day when someone was on the roll that day.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

import pandas as pd

from ..period import Period
from ..read.records import Ledger
from .roll import Roll

CHINESE_WEEKDAYS = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")


@dataclass(frozen=True)
class Gap:
    """A unit with too few meetings: a month or quarter (`number`), a whole year, or an owed study day."""

    year: int
    number: int | None = None  # the month (1–12) or quarter (1–4), by the item's `per`
    day: date | None = None  # the owed study day, for a weekly study
    group: str | None = None  # the 党小组, for 党小组会


@dataclass(frozen=True)
class LifeItem:
    """One frequency rule judged over the period."""

    code: str  # the rule it applies, e.g. "life-general-meeting"
    per: str  # "month", "quarter", "year" or "week"
    owed: int
    held: int
    missing: tuple[Gap, ...] = ()  # the units with too few
    minimum: int = 1  # meetings owed in each unit
    calendar_known: bool = True  # False when the holiday calendar did not cover the period
    weekday: int | None = None  # the study day (0 = Monday) of a weekly study
    first_month: int | None = None  # owed only from this month of the period on (a committee elected in it)

    @property
    def met(self) -> bool:
        return not self.missing

    @property
    def units(self) -> int:
        """The months, quarters, years or study days owed (per 党小组 for 党小组会)."""
        return self.owed // max(self.minimum, 1)

    @property
    def units_met(self) -> int:
        return self.units - len(self.missing)


@dataclass(frozen=True)
class StudyCalendar:
    """The dates a weekly study session is owed, and whether the holiday calendar covered them."""

    owed: tuple[date, ...]
    calendar_known: bool


THEME_DAY, GROUP_MEETING = "主题党日", "党小组会"


def held_counts(ledger: Ledger, period: Period) -> dict[tuple, int]:
    """How many of each kind of meeting were held, counted once for every rule.

    Keys: (type, "year", year) over the whole workbook (the yearly duties count their year, whatever
    the period); within the period, ("党小组会", "group", 党小组, year, month) for 党小组会 (owed by
    each 党小组) and (type, "month", year, month) and (type, "quarter", year, quarter) for the others.
    The 主题党日 of 活动记录 are counted with the meetings: 会议类型 is a choice that cannot be 主题党日.
    """
    records = [(m["type"], m["group"] or "", m["date"]) for m in ledger.meetings]
    records += [(THEME_DAY, "", a["date"]) for a in ledger.activities if a["type"] == THEME_DAY and a["date"]]
    frame = pd.DataFrame({
        "in_period": [day in period for _, _, day in records],
        "type": [kind for kind, _, _ in records],
        "group": [group if kind == GROUP_MEETING else "" for kind, group, _ in records],  # only they count by 党小组
        "year": [day.year for _, _, day in records],
        "month": [day.month for _, _, day in records],
    })
    # One count over every key: per-rule filters and group-bys each cost pandas' call overhead.
    sizes = frame.groupby(["in_period", "type", "group", "year", "month"], sort=False).size()
    held: dict[tuple, int] = {}
    for (in_period, kind, group, year, month), n in zip(sizes.index.tolist(), sizes.tolist()):
        year, month = int(year), int(month)
        keys = [(kind, "year", year)]
        if in_period and kind == GROUP_MEETING:
            keys.append((kind, "group", group, year, month))
        elif in_period:
            keys += [(kind, "month", year, month), (kind, "quarter", year, (month + 2) // 3)]
        for key in keys:
            held[key] = held.get(key, 0) + n
    return held


def _units_item(code: str, held: dict[tuple, int], kind: str, *, per: str, units: list[tuple[int, int]],
                minimum: int) -> LifeItem:
    """A rule owed `minimum` meetings of `kind` per month or quarter (`per`), judged over `units`."""
    counts = [held.get((kind, per, *unit), 0) for unit in units]
    missing = tuple(Gap(*unit) for unit, n in zip(units, counts) if n < minimum)
    return LifeItem(code, per, len(units) * minimum, sum(counts), missing, minimum)


def _first_day(unit: tuple[int, int], kind: str) -> date:
    year, number = unit
    return date(year, number, 1) if kind == "month" else date(year, 3 * number - 2, 1)


def _existing(units: list[tuple[int, int]], kind: str, roll: Roll, *,
              group: str | None = None) -> list[tuple[int, int]]:
    """The units whose first day found someone on the roll: a branch (or 党小组) owes nothing before it exists."""
    return [u for u in units if roll.on(_first_day(u, kind), group=group)]


def study_calendar(period: Period, weekday: int, *, skip_holidays: bool) -> StudyCalendar:
    days = [d for d in period.days() if d.weekday() == weekday]
    if not skip_holidays:
        return StudyCalendar(tuple(days), True)
    import chinese_calendar

    owed, known = [], True
    for day in days:
        try:
            # Only statutory holidays and the days off they move (调休) are not owed: an ordinary
            # Saturday or Sunday chosen as the study day is, and so is a weekend made a working day.
            off, holiday = chinese_calendar.get_holiday_detail(day)
        except NotImplementedError:
            known = False  # the installed calendar does not know this year: every study day is owed
            off, holiday = False, None
        if off and holiday is not None:
            continue
        owed.append(day)
    return StudyCalendar(tuple(owed), known)


def life_items(ledger: Ledger, period: Period, roll: Roll, *,
               committee: tuple[tuple[int, int], ...]) -> tuple[LifeItem, ...]:
    """Every 三会一课 rule over the period, counting only the units the branch existed for.

    The checks (rules/life.py) and the report both read these items, so they always agree.
    A frequency set to 0 in 规则设置 switches that rule off.
    """
    rules = ledger.rules
    held = held_counts(ledger, period)
    months = _existing(period.months(), "month", roll)
    quarters = _existing(period.quarters(), "quarter", roll)
    items = [_units_item("life-general-meeting", held, "党员大会", per="quarter", units=quarters,
                         minimum=rules["general_per_quarter"])]
    if committee:
        item = _units_item("life-committee-meeting", held, "支委会", per="month", units=list(committee),
                           minimum=rules["committee_per_month"])
        first = committee[0]
        if months and first != months[0]:
            item = replace(item, first_month=first[1])
        items.append(item)
    groups = sorted({m["group"] for m in roll.members if m["group"]})
    if groups:
        items.append(_group_item(held, groups, months, roll, minimum=rules["group_per_month"]))
    items.append(_units_item("life-lecture", held, "党课", per="quarter", units=quarters,
                             minimum=rules["lecture_per_quarter"]))
    items.append(_units_item("life-theme-day", held, THEME_DAY, per="month", units=months,
                             minimum=rules["theme_day_per_month"]))
    if period.end.month == 12 and period.end.day == 31 and roll.on(date(period.end.year, 1, 1)):
        # Yearly duties are due by the year's end, so only a period ending with the year owes them.
        year = period.end.year
        for code, kind, minimum in (("life-organisation-meeting", "组织生活会", rules["life_meeting_per_year"]),
                                    ("life-member-review", "民主评议党员", rules["review_per_year"])):
            count = held.get((kind, "year", year), 0)
            items.append(LifeItem(code, "year", minimum, count, () if count >= minimum else (Gap(year),), minimum))
    study_day = ledger.basic["study_day"]
    if study_day:
        study = [m["date"] for m in ledger.meetings if m["type"] == "集中学习" and m["date"] in period]
        items.append(study_item(study, period, CHINESE_WEEKDAYS.index(study_day),
                                skip_holidays=bool(rules["study_skip_holidays"]), roll=roll))
    return tuple(item for item in items if item.minimum > 0)


def _group_item(held: dict[tuple, int], groups: list[str], months: list[tuple[int, int]], roll: Roll, *,
                minimum: int) -> LifeItem:
    owed_units = [(g, u) for g in groups for u in _existing(months, "month", roll, group=g)]
    counts = [held.get((GROUP_MEETING, "group", g, *u), 0) for g, u in owed_units]
    missing = tuple(Gap(y, m, group=g) for (g, (y, m)), n in zip(owed_units, counts) if n < minimum)
    return LifeItem("life-group-meeting", "month", len(owed_units) * minimum, sum(counts), missing, minimum)


def study_item(study: list[date], period: Period, weekday: int, *, skip_holidays: bool,
               roll: Roll | None = None) -> LifeItem:
    """The weekly study over the period; `study` holds the dates of the 集中学习 held in it."""
    calendar_ = study_calendar(period, weekday, skip_holidays=skip_holidays)
    owed = [d for d in calendar_.owed if roll is None or roll.on(d)]
    held_weeks = {d.isocalendar()[:2] for d in study}
    missing = tuple(Gap(d.year, day=d) for d in owed if d.isocalendar()[:2] not in held_weeks)
    return LifeItem("life-weekly-study", "week", len(owed), len(study), missing, 1,
                    calendar_.calendar_known, weekday)


def committee_months(ledger: Ledger, period: Period, roll: Roll) -> tuple[tuple[int, int], ...]:
    """The months of the period that owe 支委会: a committee sat on the month's first day, and the
    branch had enough full members to have one (条例: 正式党员7人以上的党支部设立支部委员会).

    The committee sits from the earliest 当选日期 on 支委会成员. An election that was a 换届 (a
    meeting with the topic 换届选举 that day) replaced an earlier committee, which sat before it.
    """
    elected = sorted(c["elected"] for c in ledger.committee if c["elected"])
    if not elected:
        return ()
    first = elected[0]
    replaced_earlier = any(m["date"] == first and "换届选举" in (m["topics"] or ()) for m in ledger.meetings)
    needed = ledger.rules["committee_min_full_members"]
    months = []
    for unit in _existing(period.months(), "month", roll):
        day = _first_day(unit, "month")
        if (replaced_earlier or day >= first) and roll.full_count(day) >= needed:
            months.append(unit)
    return tuple(months)
