"""The period's figures: what the checks judge and what the report states.

Pure functions of the `Ledger`; pandas does the summarising (meetings per type and month or
quarter, the dues matrix). `report_context()` turns the figures into the template's dict
(contract: docs/report-context.md).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Iterable, Mapping

import pandas as pd

from .period import QUARTER_NAMES, Period, month_end, period_from_settings
from .records import Ledger, Row
from .values import as_phrase, as_sentence, clean_name, format_date, format_money

CHINESE_WEEKDAYS = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")
ZERO = Decimal("0.00")


# ---- membership -------------------------------------------------------------------------

def member_start(member: Row) -> date | None:
    return member["moved_in"] or member["joined"]


def is_member_on(member: Row, day: date) -> bool:
    start = member_start(member)
    out = member["moved_out"]
    return start is not None and start <= day and (out is None or out > day)


def members_on(members: tuple[Row, ...], day: date) -> list[Row]:
    return [m for m in members if is_member_on(m, day)]


class RollCount:
    """How many members are on the roll on a day, for the branch or one 党小组 (by bisection).

    The same rule as is_member_on, counted without walking the roll for every meeting: a 党委
    workbook has thousands of members and thousands of meetings.
    """

    def __init__(self, members: Iterable[Row]):
        starts: dict[str | None, list[date]] = {}
        outs: dict[str | None, list[date]] = {}
        for member in members:
            start, out = member_start(member), member["moved_out"]
            if start is None or (out is not None and out <= start):
                continue  # never on the roll for a whole day
            for key in {None, clean_name(member["group"] or "") or None}:
                starts.setdefault(key, []).append(start)
                if out is not None:
                    outs.setdefault(key, []).append(out)
        self._starts = {key: sorted(days) for key, days in starts.items()}
        self._outs = {key: sorted(days) for key, days in outs.items()}

    def on(self, day: date, *, group: str | None = None) -> int:
        key = clean_name(group) or None if group else None
        return (bisect_right(self._starts.get(key, ()), day) - bisect_right(self._outs.get(key, ()), day))


def owes_dues_in(member: Row | None, year: int, month: int) -> bool:
    """A member owes a month's dues when belonging to the branch on any day of it (nobody: nothing)."""
    return member is not None and _belongs(member_start(member), member["moved_out"],
                                           date(year, month, 1), month_end(year, month))


def _owed_months(member: Row | None, months: list[tuple[int, date, date]]) -> tuple[int, ...]:
    """owes_dues_in() over (month, first day, last day) triples, without recomputing the days."""
    if member is None:
        return ()
    start, out = member_start(member), member["moved_out"]
    return tuple(m for m, first, last in months if _belongs(start, out, first, last))


def _belongs(start: date | None, out: date | None, first: date, last: date) -> bool:
    """On the roll on some day from `first` to `last` (owes_dues_in)."""
    return start is not None and start <= last and (out is None or out > first)


# ---- branch life (三会一课) ---------------------------------------------------------------

@dataclass(frozen=True)
class LifeItem:
    """One frequency rule judged over the period."""

    code: str  # the rule it applies, e.g. "life-general-meeting"
    name: str  # as the report says it
    frequency: str
    owed: int
    held: int
    missing: tuple[str, ...] = ()  # the units (quarters, months, dates) with too few
    minimum: int = 1  # meetings owed in each unit
    calendar_known: bool = True  # False when the holiday calendar did not cover the period

    @property
    def met(self) -> bool:
        return not self.missing

    @property
    def verb(self) -> str:
        """How a sentence says it was done: 讲授党课, 开展主题党日, otherwise 召开."""
        return LIFE_VERBS.get(self.name, "召开")


LIFE_VERBS = {"党课": "讲授", "主题党日": "开展", "民主评议党员": "开展"}


@dataclass(frozen=True)
class StudyCalendar:
    """The dates a weekly study session is owed, and whether the holiday calendar covered them."""

    owed: tuple[date, ...]
    calendar_known: bool


def meetings_frame(ledger: Ledger) -> pd.DataFrame:
    rows = [{"date": pd.Timestamp(m["date"]), "type": m["type"], "group": m["group"] or "",
             "topics": m["topics"] or ()} for m in ledger.meetings]
    frame = pd.DataFrame(rows, columns=["date", "type", "group", "topics"])
    frame["date"] = pd.to_datetime(frame["date"])
    frame["month"] = frame["date"].dt.month
    frame["quarter"] = frame["date"].dt.quarter
    frame["year"] = frame["date"].dt.year
    return frame


def _count_by(frame: pd.DataFrame, unit: str) -> dict[tuple[int, int], int]:
    if frame.empty:
        return {}
    return {(int(y), int(u)): int(n) for (y, u), n in frame.groupby(["year", unit]).size().items()}


def _units_item(code: str, name: str, held_in: pd.DataFrame, *, per: str, units: list[tuple[int, int]],
                minimum: int | None) -> LifeItem:
    """A rule owed `minimum` times per month or quarter (`per`), judged over `units`."""
    minimum = minimum or 0
    frequency, label = ("每月", _month_label) if per == "month" else ("每季度", _quarter_label)
    counts = _count_by(held_in, per)
    missing = tuple(label(u) for u in units if counts.get(u, 0) < minimum)
    held = sum(counts.get(u, 0) for u in units)
    return LifeItem(code, name, frequency, len(units) * minimum, held, missing, minimum)


def _month_label(unit: tuple[int, int]) -> str:
    return f"{unit[1]}月"


def _quarter_label(unit: tuple[int, int]) -> str:
    return QUARTER_NAMES[unit[1] - 1]


def _first_day(unit: tuple[int, int], kind: str) -> date:
    year, number = unit
    return date(year, number, 1) if kind == "month" else date(year, 3 * number - 2, 1)


def _existing(units: list[tuple[int, int]], kind: str, count: RollCount, *,
              group: str | None = None) -> list[tuple[int, int]]:
    """The units whose first day found someone on the roll: a branch (or 党小组) owes nothing before it exists."""
    return [u for u in units if count.on(_first_day(u, kind), group=group)]


def study_calendar(period: Period, weekday_name: str, *, skip_holidays: bool) -> StudyCalendar:
    weekday = CHINESE_WEEKDAYS.index(weekday_name)
    days = [d for d in period.days() if d.weekday() == weekday]
    if not skip_holidays:
        return StudyCalendar(tuple(days), True)
    import chinese_calendar

    owed, known = [], True
    for day in days:
        try:
            if chinese_calendar.is_holiday(day):
                continue
        except NotImplementedError:
            # The installed calendar does not know this year: only weekends count as days off.
            known = False
            if day.weekday() >= 5:
                continue
        owed.append(day)
    return StudyCalendar(tuple(owed), known)


def life_items(ledger: Ledger, period: Period) -> list[LifeItem]:
    """Every 三会一课 rule over the period, counting only the units the branch existed for.

    A month, quarter or year is owed when someone was on the roll on its first day; a study
    day when someone was on the roll that day. The checks (rules/life.py) and the report both
    read these items, so they always agree.
    """
    rules, roll = ledger.rules, ledger.members
    frame = meetings_frame(ledger)
    in_period = frame[(frame["date"] >= pd.Timestamp(period.start)) & (frame["date"] <= pd.Timestamp(period.end))]
    of_type = lambda kind: in_period[in_period["type"] == kind]  # noqa: E731
    count = RollCount(roll)
    months = _existing(period.months(), "month", count)
    quarters = _existing(period.quarters(), "quarter", count)
    items = [
        _units_item("life-general-meeting", "党员大会", of_type("党员大会"), per="quarter", units=quarters,
                    minimum=rules["general_per_quarter"]),
    ]
    if has_committee(ledger, period):
        items.append(_units_item("life-committee-meeting", "支部委员会", of_type("支委会"), per="month", units=months,
                                 minimum=rules["committee_per_month"]))
    groups = sorted({m["group"] for m in roll if m["group"]})
    if groups:
        # One count over (group, month) for all groups: a 党委 may have hundreds of 党小组.
        group_meetings = of_type("党小组会")
        counts = {} if group_meetings.empty else {
            (g, int(y), int(u)): int(n) for (g, y, u), n in group_meetings.groupby(["group", "year", "month"]).size().items()}
        minimum = rules["group_per_month"] or 0
        owed_units = [(g, u) for g in groups for u in _existing(months, "month", count, group=g)]
        held = sum(counts.get((g, *u), 0) for g, u in owed_units)
        short = {}
        for g, u in owed_units:
            if counts.get((g, *u), 0) < minimum:
                short.setdefault(g, []).append(u[1])
        missing = tuple(f"{g}{month_runs(tuple(short_months))}" for g, short_months in short.items())
        items.append(LifeItem("life-group-meeting", "党小组会", "每月", len(owed_units) * minimum, held, missing, minimum))
    items.append(_units_item("life-lecture", "党课", of_type("党课"), per="quarter", units=quarters,
                             minimum=rules["lecture_per_quarter"]))
    theme_days = pd.DataFrame(
        [{"date": pd.Timestamp(a["date"])} for a in ledger.activities
         if a["type"] == "主题党日" and a["date"] in period], columns=["date"])
    theme_days["date"] = pd.to_datetime(theme_days["date"])
    theme_days["year"], theme_days["month"] = theme_days["date"].dt.year, theme_days["date"].dt.month
    items.append(_units_item("life-theme-day", "主题党日", theme_days, per="month", units=months,
                             minimum=rules["theme_day_per_month"]))
    if period.end.month == 12 and period.end.day == 31 and count.on(date(period.end.year, 1, 1)):
        # Yearly duties are due by the year's end, so only a period ending with the year owes them.
        year = period.end.year
        for code, kind, minimum in (("life-organisation-meeting", "组织生活会", rules["life_meeting_per_year"]),
                                    ("life-member-review", "民主评议党员", rules["review_per_year"])):
            minimum = minimum or 0
            held = int((frame[(frame["type"] == kind) & (frame["year"] == year)]).shape[0])
            items.append(LifeItem(code, kind, "每年", minimum, held,
                                  () if held >= minimum else (f"{year}年",), minimum))
    study_day = ledger.basic["study_day"]
    if study_day:
        items.append(study_item(of_type("集中学习"), period, study_day,
                                skip_holidays=bool(rules["study_skip_holidays"]), roll=count))
    # A frequency set to 0 in 规则设置 switches that rule off.
    return [item for item in items if item.minimum > 0]


def study_item(study: pd.DataFrame, period: Period, study_day: str, *, skip_holidays: bool,
               roll: RollCount | None = None) -> LifeItem:
    calendar_ = study_calendar(period, study_day, skip_holidays=skip_holidays)
    owed = [d for d in calendar_.owed if roll is None or roll.on(d)]
    held_weeks = {d.isocalendar()[:2] for d in study["date"].dt.date}
    missing = tuple(_short_date(d, period) for d in owed
                    if d.isocalendar()[:2] not in held_weeks)
    return LifeItem("life-weekly-study", "学习会议", f"每{study_day}", len(owed), int(study.shape[0]), missing,
                    1, calendar_.calendar_known)


def has_committee(ledger: Ledger, period: Period) -> bool:
    return bool(ledger.committee) or any(
        set(m["branch_role"] or ()) - {"书记"} for m in members_on(ledger.members, period.end))


# ---- dues -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Transfer:
    """Money paid in one month (`source`) set against another month's dues (`target`)."""

    source: int
    target: int
    amount: Decimal


@dataclass(frozen=True)
class Settlement:
    """Each month's balance once extra payments are set against short months (< 0: still short)."""

    balance: Mapping[int, Decimal]
    transfers: tuple[Transfer, ...] = ()

    def short(self, months: Iterable[int]) -> tuple[int, ...]:
        return tuple(m for m in months if self.balance.get(m, ZERO) < 0)


@dataclass(frozen=True)
class MemberDues:
    row: Row
    owed_months: tuple[int, ...]  # months owed whose payment deadline fell by the period end
    paid: tuple[Decimal, ...]  # index 0 = January
    due_total: Decimal
    paid_total: Decimal
    unpaid_months: tuple[int, ...]  # owed months still short after the settlement
    member: Row | None = None  # the 党员名册 row of the same name
    settlement: Settlement | None = None

    @property
    def outstanding(self) -> Decimal:
        return max(self.due_total - self.paid_total, ZERO)


@dataclass(frozen=True)
class DuesStatus:
    year: int
    as_of: date
    members: tuple[MemberDues, ...] = field(default_factory=tuple)

    @property
    def due(self) -> Decimal:
        return sum((m.due_total for m in self.members), ZERO)

    @property
    def paid(self) -> Decimal:
        return sum((m.paid_total for m in self.members), ZERO)

    @property
    def behind(self) -> list[MemberDues]:
        return [m for m in self.members if m.outstanding > 0]


def dues_matrix(ledger: Ledger) -> pd.DataFrame:
    """Members × months of amounts paid (0 where blank)."""
    data = [[row[f"m{m}"] or ZERO for m in range(1, 13)] for row in ledger.dues]
    return pd.DataFrame(data, columns=list(range(1, 13)), index=[row["name"] for row in ledger.dues], dtype=object)


def dues_deadline(year: int, month: int, *, quarterly: bool) -> date:
    """The last day a month's dues may be paid on time: its own end, or its quarter's when quarterly."""
    return month_end(year, 3 * ((month - 1) // 3) + 3 if quarterly else month)


def last_dues_month(period: Period) -> int:
    """The last month of the report year the period reaches."""
    return period.end.month if period.end.year == period.year else 12


def roll_by_name(members: Iterable[Row]) -> dict[str, Row]:
    """党员名册 rows by name as compared everywhere (spaces, full-width forms folded)."""
    roll: dict[str, Row] = {}
    for member in members:
        roll.setdefault(clean_name(member["name"]), member)
    return roll


def dues_status(ledger: Ledger, period: Period) -> DuesStatus:
    roll = roll_by_name(ledger.members)
    matrix = dues_matrix(ledger)
    last_month = last_dues_month(period)
    quarterly = bool(ledger.rules["quarterly_allowed"])
    result = []
    paid_rows = matrix.to_numpy().tolist()  # one conversion; .iloc per member is slow on large branches
    months = [(m, date(period.year, m, 1), month_end(period.year, m)) for m in range(1, last_month + 1)]
    judged_through = max((m for m in range(1, last_month + 1)
                          if dues_deadline(period.year, m, quarterly=quarterly) <= period.end), default=0)
    for position, row in enumerate(ledger.dues):
        monthly = row["monthly_due"] or ZERO
        member = roll.get(clean_name(row["name"]))
        # A row whose name is not on the roll is reported as such (name-not-on-roll); judging its
        # months against a guessed membership would invent arrears.
        # A month is judged once its deadline has passed: a quarter in progress is not yet late.
        owed = tuple(m for m in _owed_months(member, months)
                     if dues_deadline(period.year, m, quarterly=quarterly) <= period.end)
        paid = tuple(paid_rows[position])
        # Money paid after the last month judged is for months not yet due: counting it would
        # settle earlier gaps with next quarter's dues.
        judged = paid[:judged_through]
        settlement = settle_dues(judged, owed, monthly, quarterly=quarterly)
        result.append(MemberDues(row, owed, paid, monthly * len(owed), sum(judged, ZERO),
                                 settlement.short(owed), member, settlement))
    return DuesStatus(period.year, period.end, tuple(result))


def settle_dues(paid: tuple[Decimal, ...], owed: tuple[int, ...], monthly: Decimal, *,
                quarterly: bool) -> Settlement:
    """Set extra payments against short months.

    Extra money first settles its own quarter (when quarterly payment is allowed), then earlier
    months (a back-payment), then later ones (paying ahead).
    """
    balance = {m: paid[m - 1] - (monthly if m in owed else ZERO) for m in range(1, len(paid) + 1)}
    transfers: list[Transfer] = []

    def settle(source: int, targets) -> None:
        for target in targets:
            if balance[source] <= 0:
                return
            if balance[target] < 0:
                moved = min(balance[source], -balance[target])
                balance[source] -= moved
                balance[target] += moved
                transfers.append(Transfer(source, target, moved))

    months = sorted(balance)
    if quarterly:
        for source in months:
            settle(source, [m for m in months if (m - 1) // 3 == (source - 1) // 3])
    for source in months:
        settle(source, [m for m in months if m < source])
    for source in months:
        settle(source, [m for m in months if m > source])
    return Settlement(balance, tuple(transfers))


def consecutive_runs(months: Iterable[int]) -> list[tuple[int, ...]]:
    """(8, 3, 4, 5) → [(3, 4, 5), (8,)]"""
    runs: list[list[int]] = []
    for month in sorted(months):
        if runs and runs[-1][-1] == month - 1:
            runs[-1].append(month)
        else:
            runs.append([month])
    return [tuple(run) for run in runs]


def month_runs(months: Iterable[int]) -> str:
    """(3, 4, 5, 8) → 3月至5月、8月"""
    return "、".join(f"{r[0]}月至{r[-1]}月" if len(r) > 2 else "、".join(f"{m}月" for m in r)
                    for r in consecutive_runs(months))


# ---- the report context -----------------------------------------------------------------

def report_period(ledger: Ledger) -> Period:
    basic = ledger.basic
    return period_from_settings(basic["year"], basic["period"], basic["start"], basic["end"])


def report_context(ledger: Ledger, *, today: date | None = None) -> dict:
    basic, period = ledger.basic, report_period(ledger)
    roll = roll_by_name(ledger.members)
    written = basic["written"] or today or date.today()
    to_period_end = lambda day: period.year_start <= day <= period.end  # noqa: E731
    return {
        "title": f"{basic['unit']}{period.name}党支部工作情况",
        "unit": as_phrase(basic["unit"]),
        "branch": basic["branch"],
        "superior": basic["superior"] or "",
        "secretary": basic["secretary"],
        "year": period.year,
        "period_label": period.spoken,
        "period_name": period.name,
        "central_task": as_phrase(basic["central_task"]),
        "written_date": format_date(written),
        # The election meeting has its own part (换届选举); it is not narrated twice.
        "key_meetings": [_key_meeting(m, ledger, period, roll=roll) for m in sorted(
            (m for m in ledger.meetings if m["in_report"] and m["date"] in period
             and "换届选举" not in (m["topics"] or ())), key=lambda m: m["date"])],
        "ideology": _ideology(ledger, period),
        "development": _development(ledger, period, to_period_end),
        "life": _life(ledger, period),
        "dues": _dues(ledger, period),
        "disclosure": _disclosure(ledger, period),
        "activities": (activities := _activities(ledger, period, to_period_end)),
        "partners": list(dict.fromkeys(a["partner"] for a in activities if a["partner"])),
        "position": as_phrase(basic["position"]),
        "work_plan": basic["work_plan"] or "",
        "system_usage": basic["system_usage"] or "",
        "election": _election(ledger, period),
        "problems": _narrative(ledger, "存在问题"),
        "plans": _narrative(ledger, "下步打算"),
    }


def _short_date(day: date, period: Period) -> str:
    return format_date(day, with_year=day.year != period.year)


def _key_meeting(meeting: Row, ledger: Ledger, period: Period, *, roll: Mapping[str, Row]) -> dict:
    host = roll.get(clean_name(meeting["host"] or ""))
    expected, present = meeting["expected"], meeting["present"]
    topic, kind = as_phrase(meeting["topic"]), meeting["type"]
    speaker = roll.get(clean_name(meeting["speaker"] or ""))
    return {
        "date": _short_date(meeting["date"], period),
        "topic": topic,
        "event": _meeting_event(topic, kind),
        "verb": LIFE_VERBS.get(kind, "召开"),
        "holder": {"支委会": ledger.basic["branch"], "党小组会": meeting["group"]}.get(kind) or as_phrase(ledger.basic["unit"]),
        "attendees": {"支委会": "全体支部委员", "党小组会": "小组全体党员"}.get(kind, "全体党员干部"),
        "speaker": speaker["name"] if speaker else clean_name(meeting["speaker"] or ""),
        "type": kind,
        "host": host["name"] if host else clean_name(meeting["host"] or ""),
        "host_title": (host["job_title"] or "") if host else "",
        "all_present": expected is not None and present is not None and present >= expected,
        "expected": expected,
        "present": present,
        "paragraphs": [p.strip() for p in (meeting["summary"] or "").splitlines() if p.strip()],
    }


def _meeting_event(topic: str, kind: str) -> str:
    """What follows 召开/讲授/开展 in the heading: the meeting's own name, or its type and its subject."""
    for verb in ("召开", "开展", "举办", "讲授"):
        topic = topic.removeprefix(verb)
    if kind == "党课":
        return f"专题党课“{topic}”" if "党课" not in topic else topic
    names_a_meeting = topic.endswith(("会", "会议")) and not topic.endswith(("体会", "学会")) or kind in topic
    return topic if names_a_meeting else f"{kind}，{topic}"


def _ideology(ledger: Ledger, period: Period) -> dict | None:
    on_topic = [m for m in ledger.meetings if m["date"] in period and "意识形态" in (m["topics"] or ())]
    committee = sum(m["type"] == "支委会" for m in on_topic)
    study = len(on_topic) - committee
    return {"committee": committee, "study": study} if on_topic else None


_STAGES = (("applicants", "applied"), ("talked", "talked"), ("activists", "activist"),
           ("candidates", "candidate"), ("probationary", "admitted"), ("full", "full_member"))


def _development(ledger: Ledger, period: Period, in_year) -> dict | None:
    counts = {name: sum(1 for p in ledger.development if p[key] and in_year(p[key])) for name, key in _STAGES}
    if not any(counts.values()):
        return None
    return {"year": period.year, **counts}


def _life(ledger: Ledger, period: Period) -> dict | None:
    items = [i for i in life_items(ledger, period) if i.owed]
    if not items:
        return None
    return {
        "all_met": all(i.met for i in items),
        "some_met": any(i.met for i in items),
        "items": [{"name": i.name, "frequency": i.frequency, "verb": i.verb,
                   "minimum": i.minimum, "owed": i.owed, "held": i.held, "met": i.met,
                   # Without the holiday calendar a missed date may be a holiday: the report does not name it.
                   "missing": summarise_missing(i.missing) if i.calendar_known else ""} for i in items],
    }


MAX_LISTED = 6


def summarise_missing(labels: tuple[str, ...]) -> str:
    """What a report sentence can carry: month runs joined (7月至12月), long lists cut short."""
    months = [re.fullmatch(r"(\d{1,2})月", label) for label in labels]
    if labels and all(months):
        return month_runs(tuple(int(m.group(1)) for m in months))
    if len(labels) > MAX_LISTED:
        return "、".join(labels[:MAX_LISTED - 1]) + f"等{len(labels)}次"
    return "、".join(labels)


def _dues(ledger: Ledger, period: Period) -> dict | None:
    if not ledger.dues:
        return None
    status = dues_status(ledger, period)
    behind = status.behind
    quarterly = bool(ledger.rules["quarterly_allowed"])
    return {
        "year": status.year,
        "all_paid": not behind,
        "on_time": not any(paid_late(t, quarterly=quarterly) for m in status.members if m.settlement
                           for t in m.settlement.transfers),
        "whole_year": status.as_of == date(status.year, 12, 31),
        "as_of": format_date(status.as_of),
        "members": len(status.members),
        "due": format_money(status.due),
        "paid": format_money(status.paid),
        "outstanding_total": format_money(sum((m.outstanding for m in behind), ZERO)),
        "outstanding": [{"name": m.row["name"], "months": month_runs(m.unpaid_months),
                         "amount": format_money(m.outstanding)} for m in behind],
    }


def paid_late(transfer: Transfer, *, quarterly: bool) -> bool:
    """Money paid after the month it settles: a back-payment, unless within an allowed quarter."""
    same_quarter = (transfer.source - 1) // 3 == (transfer.target - 1) // 3
    return transfer.source > transfer.target and not (quarterly and same_quarter)


def _disclosure(ledger: Ledger, period: Period) -> dict | None:
    rows = [d for d in ledger.disclosures if d["date"] in period]
    if not rows:
        return None
    carriers = list(dict.fromkeys(d["carrier"] for d in rows if d["carrier"]))
    items = [as_phrase(d["item"]) for d in rows]
    return {"count": len(rows), "carriers": as_phrase(ledger.basic["carriers"]) or "、".join(carriers),
            # A long year of disclosures is named by its first few, not listed whole.
            "items": items if len(items) <= MAX_LISTED else [*items[:MAX_LISTED - 1], f"{items[MAX_LISTED - 1]}等{len(items)}项"]}


def _activities(ledger: Ledger, period: Period, in_year) -> list[dict]:
    chosen = sorted((a for a in ledger.activities if a["in_report"] and in_year(a["date"])), key=lambda a: a["date"])
    return [{"date": _short_date(a["date"], period), "type": a["type"], "name": as_phrase(a["name"]),
             "event": _activity_event(as_phrase(a["name"])),
             "partner": a["partner"] or "", "summary": a["summary"] or ""} for a in chosen]


# An activity named by what was done ("到XX社区报到…", "与XX社区开展…") needs no "开展了" in front.
_ACTIVITY_OPENINGS = ("开展", "组织", "参加", "举办", "召开", "与", "到", "赴", "走访", "深入", "前往", "联合", "慰问")


def _activity_event(name: str) -> str:
    return name if name.startswith(_ACTIVITY_OPENINGS) else f"开展了{name}"


_ROLE_WORDS = {"书记": "党支部书记", "副书记": "党支部副书记"}


def _election(ledger: Ledger, period: Period) -> dict | None:
    elections = [m for m in ledger.meetings if m["date"] in period and "换届选举" in (m["topics"] or ())]
    if not elections:
        return None
    meeting = max(elections, key=lambda m: m["date"])
    elected = [c for c in ledger.committee if c["elected"] == meeting["date"]] or list(ledger.committee)
    roles = [{"name": c["name"], "duties": "、".join(_ROLE_WORDS.get(r, r) for r in c["roles"] or ())} for c in elected]
    if not roles and ledger.basic["secretary"]:
        # A branch below seven full members elects a secretary and no committee.
        roles = [{"name": clean_name(ledger.basic["secretary"]), "duties": _ROLE_WORDS["书记"]}]
    return {
        "date": format_date(meeting["date"]),
        "meeting_type": meeting["type"],
        "committee": len(roles) > 1,
        "roles": roles,
    }


def _narrative(ledger: Ledger, kind: str) -> list[dict]:
    return [{"title": as_sentence(n["title"]), "content": n["content"] or ""}
            for n in ledger.narrative if n["kind"] == kind]
