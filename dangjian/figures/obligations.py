"""The obligations calendar: every dated thing the rules ask of the branch in a year, and whether
the records show it done.

Computed once from the ledger and the figures that already exist (the roll, the 三会一课 units of
`life`, the dues settlement of `dues`), for a whole year. `todo` picks what is overdue or falls
due in a window; `plan` lays the year out month by month. With `as_of`, only records dated on or
before that day count (a meeting dated later has not been held yet; a 党费 column of a later
month has not been paid): the workbook as it stood that day. What the branch is (the roll, the
committee, its term) is read from the whole workbook.

Numbers, dates and short labels only; the sentences are `todo`'s and `plan`'s.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Iterable

from .dues_posting import dues_postings
from ..period import QUARTER_NAMES, Period, add_months, month_end, period_from_settings
from ..read.records import Ledger, Row, sheet_address
from ..schema import ACTIVITIES, DISCLOSURES, MEETINGS, RULES
from ..read.values import format_date
from .development import development_timelines, probation_end
from .dues import dues_deadline, dues_status
from .life import CHINESE_WEEKDAYS, Gap, _existing, committee_months, life_items, study_calendar
from .organisation import committee_term
from .roll import Roll, build_roll

_REGULATION = "《中国共产党支部工作条例（试行）》"
_DUES = "中组发〔2008〕3号"


@dataclass(frozen=True)
class Obligation:
    """One dated duty: what, by when (and from when), under which rule, where the workbook records it."""

    code: str  # the rule it serves, as the check names it: life-committee-meeting, dues-streak …
    what: str  # a short label: 召开支委会, 第一党小组召开党小组会, 李思雨讨论转正
    due: date  # the last day it is owed
    opens: date  # the first day it can be done (its month, quarter or window)
    basis: str
    cell: str  # where the record of it is kept, or the cell whose value set it: 会议记录!B2:B96
    done: bool
    on: date | None = None  # the day it is fixed for (主题党日, the weekly study day)
    role: str | None = None  # who is responsible by the branch's roles: 组织委员, 宣传委员 …
    group: str | None = None  # the 党小组 of a 党小组会
    detail: str = ""  # the facts behind a person's item (months unpaid, the date an earlier step was taken)


@dataclass(frozen=True)
class Calendar:
    year: int
    as_of: date | None
    items: tuple[Obligation, ...]
    calendar_known: bool = True  # False when the holiday calendar did not cover the year
    theme_day: str | None = None  # the 主题党日 fixed day as set (每月第一个星期五), None when not fixed


# ---- the workbook as it stood on a day -------------------------------------------------------

def as_of(ledger: Ledger, day: date) -> Ledger:
    """The ledger with only what was recorded by `day`: later meetings, activities and postings
    dropped, later 发展党员 dates blanked (a step dated later has not been taken yet)."""
    def dated(rows: tuple[Row, ...]) -> tuple[Row, ...]:
        return tuple(r for r in rows if r["date"] is not None and r["date"] <= day)

    def blank_later(row: Row) -> Row:
        return row.with_values({k: (None if isinstance(v, date) and v > day else v) for k, v in row.items()})

    development = tuple(blank_later(r) for r in ledger.development if r["applied"] and r["applied"] <= day)
    return replace(ledger, meetings=dated(ledger.meetings), activities=dated(ledger.activities),
                   disclosures=dated(ledger.disclosures), development=development)


# ---- working days and the 主题党日 fixed day -------------------------------------------------

def is_day_off(day: date) -> bool | None:
    """True on a statutory holiday or a day off it moves (调休), and on an ordinary weekend; None when
    the holiday calendar does not know the year (then only weekends are known)."""
    import chinese_calendar

    try:
        return not chinese_calendar.is_workday(day)
    except NotImplementedError:
        return None


def working_day_from(day: date, *, step: int = 1) -> date:
    """`day` if it is a working day, else the next (step 1) or previous (step -1) one."""
    for _ in range(40):
        off = is_day_off(day)
        if not (off if off is not None else day.weekday() >= 5):
            return day
        day += timedelta(days=step)
    return day


_ORDINALS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_FIXED_WEEKDAY = re.compile(r"每月(?:第([一二三四1234])个|(最后一个))(?:星期|周|礼拜)([一二三四五六日天])")
_FIXED_DATE = re.compile(r"每月(\d{1,2})[日号]")
_WEEKDAY_CHARS = "一二三四五六日"


class FixedDayError(ValueError):
    """The 主题党日 fixed day cannot be read (its text is the message)."""


def fixed_day(text: str, year: int, month: int) -> date:
    """The day of `month` a rule such as 每月第一个星期五 / 每月最后一个星期四 / 每月10日 names."""
    spoken = re.sub(r"\s+", "", text)
    match = _FIXED_WEEKDAY.fullmatch(spoken)
    if match:
        nth, last, weekday_char = match.groups()
        weekday = _WEEKDAY_CHARS.index("日" if weekday_char == "天" else weekday_char)
        if last:
            day = month_end(year, month)
            return day - timedelta(days=(day.weekday() - weekday) % 7)
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (_ORDINALS[nth] - 1))
    match = _FIXED_DATE.fullmatch(spoken)
    if match and 1 <= int(match.group(1)) <= 31:
        return min(date(year, month, 1) + timedelta(days=int(match.group(1)) - 1), month_end(year, month))
    raise FixedDayError(f"规则设置中“{RULES.setting('theme_day_fixed').item}”“{text}”无法识别，"
                        "请写成“每月第一个星期五”“每月最后一个星期四”或“每月10日”")


def readable_fixed_day(text: object, year: int) -> str | None:
    """The 主题党日固定日 setting when it names a day (the check says so at its cell when it does not)."""
    if not text:
        return None
    try:
        fixed_day(str(text), year, 1)
    except FixedDayError:
        return None
    return str(text)


# ---- the calendar ----------------------------------------------------------------------------

def year_calendar(ledger: Ledger, year: int, *, on: date | None = None) -> Calendar:
    """Every obligation of `year`; with `on`, done-ness as the records stood that day."""
    period = period_from_settings(year, "全年", None, None)
    roll = build_roll(ledger.members, year)
    seen = as_of(ledger, on) if on is not None else ledger
    committee = committee_months(ledger, period, roll)
    lives = {item.code: item for item in life_items(seen, period, roll, committee=committee)}
    items: list[Obligation] = []
    theme = readable_fixed_day(ledger.rules["theme_day_fixed"], year)
    items += _meetings(ledger, period, roll, lives, committee)
    theme_items, theme_known = _theme_days(ledger, period, roll, lives, theme)
    items += theme_items
    study_items, study_known = _study(ledger, period, roll, lives)
    items += study_items
    known = theme_known and study_known and is_day_off(date(year, 1, 1)) is not None
    items += _yearly(ledger, seen, year, lives)
    items += _dues_postings(ledger, seen, period, roll)
    if on is not None:
        items += _dues_members(seen, period, roll, on)
    items += _term(ledger, period, on=on)
    items += _development(ledger, seen, year, roll, on=on)
    items.sort(key=lambda o: (o.due, _ORDER.get(o.code, 99), o.group or "", o.what))
    return Calendar(year, on, tuple(items), known, theme)


_ORDER = {code: i for i, code in enumerate((
    "life-committee-meeting", "life-general-meeting", "life-group-meeting", "life-lecture", "life-theme-day",
    "life-weekly-study", "life-organisation-meeting", "life-member-review", "dues-report", "dues-not-posted",
    "dues-streak", "dues-underpaid", "committee-term-request", "committee-term-ending", "dev-talk-late",
    "dev-approval-late", "dev-probation-overdue", "probationary-overdue"))}


def _basis(key: str) -> str:
    return RULES.setting(key).basis


def _missing(lives: dict, code: str) -> set[Gap] | None:
    item = lives.get(code)
    return None if item is None else set(item.missing)


def _month_window(unit: tuple[int, int]) -> tuple[date, date]:
    year, month = unit
    return date(year, month, 1), month_end(year, month)


def _quarter_window(unit: tuple[int, int]) -> tuple[date, date]:
    year, quarter = unit
    return date(year, 3 * quarter - 2, 1), month_end(year, 3 * quarter)


def _meetings(ledger: Ledger, period: Period, roll: Roll, lives: dict,
              committee: tuple[tuple[int, int], ...]) -> list[Obligation]:
    where = sheet_address(ledger, MEETINGS)
    found: list[Obligation] = []
    missing = _missing(lives, "life-committee-meeting")
    if missing is not None:
        for unit in committee:
            opens, due = _month_window(unit)
            found.append(Obligation("life-committee-meeting", "召开支委会", due, opens, _basis("committee_per_month"),
                                    where, Gap(*unit) not in missing, role="书记"))
    quarters = _existing(period.quarters(), "quarter", roll)
    for code, what, key, role in (("life-general-meeting", "召开党员大会", "general_per_quarter", "书记"),
                                  ("life-lecture", "讲党课", "lecture_per_quarter", "书记")):
        missing = _missing(lives, code)
        if missing is None:
            continue
        for unit in quarters:
            opens, due = _quarter_window(unit)
            found.append(Obligation(code, what, due, opens, _basis(key), where, Gap(*unit) not in missing, role=role))
    missing = _missing(lives, "life-group-meeting")
    if missing is not None:
        groups = sorted({m["group"] for m in roll.members if m["group"]})
        for group in groups:
            for unit in _existing(period.months(), "month", roll, group=group):
                opens, due = _month_window(unit)
                found.append(Obligation("life-group-meeting", f"{group}召开党小组会", due, opens,
                                        _basis("group_per_month"), where, Gap(*unit, group=group) not in missing,
                                        role=f"{group}组长", group=group))
    return found


def _theme_days(ledger: Ledger, period: Period, roll: Roll, lives: dict,
                theme: str | None) -> tuple[list[Obligation], bool]:
    missing = _missing(lives, "life-theme-day")
    if missing is None:
        return [], True
    where = sheet_address(ledger, ACTIVITIES)
    found, known = [], True
    for unit in _existing(period.months(), "month", roll):
        opens, due = _month_window(unit)
        fixed = None
        if theme:
            fixed = fixed_day(theme, *unit)
            known = known and is_day_off(fixed) is not None
            # A holiday moves it to the next working day, or back to the one before when the next
            # is in the following month: it is still that month's 主题党日.
            later = working_day_from(fixed)
            fixed = later if later.month == fixed.month else working_day_from(fixed, step=-1)
        found.append(Obligation("life-theme-day", "开展主题党日", fixed or due, opens, _basis("theme_day_per_month"),
                                where, Gap(*unit) not in missing, on=fixed, role="组织委员"))
    return found, known


def _study(ledger: Ledger, period: Period, roll: Roll, lives: dict) -> tuple[list[Obligation], bool]:
    item = lives.get("life-weekly-study")
    if item is None:
        return [], True
    missing = set(item.missing)
    calendar_ = study_calendar(period, item.weekday, skip_holidays=bool(ledger.rules["study_skip_holidays"]))
    where = sheet_address(ledger, MEETINGS)
    found = []
    for day in calendar_.owed:
        if not roll.on(day):
            continue
        monday = day - timedelta(days=day.weekday())
        found.append(Obligation("life-weekly-study", f"{CHINESE_WEEKDAYS[item.weekday]}集中学习", day, monday,
                                _basis("study_skip_holidays"), where, Gap(day.year, day=day) not in missing, on=day,
                                role="宣传委员"))
    return found, calendar_.calendar_known


def _yearly(ledger: Ledger, seen: Ledger, year: int, lives: dict) -> list[Obligation]:
    opens = date(year, ledger.rules["review_from_month"], 1)
    due = date(year, 12, 31)
    where = sheet_address(ledger, MEETINGS)
    found = []
    for code, what, key in (("life-organisation-meeting", "召开组织生活会", "life_meeting_per_year"),
                            ("life-member-review", "开展民主评议党员", "review_per_year")):
        missing = _missing(lives, code)
        if missing is not None:
            found.append(Obligation(code, what, due, opens, _basis(key), where, Gap(year) not in missing,
                                    role="组织委员"))
    if ledger.dues:
        # The year's 党费收缴情况 reported to the 党员大会 (the dues-report command writes it).
        reported = any(m["type"] == "党员大会" and "党费" in str(m["topic"] or "") and m["date"].year == year
                       for m in seen.meetings) or any(quarters == (1, 2, 3, 4) for _, quarters in dues_postings(seen, year))
        found.append(Obligation("dues-report", "向党员大会报告全年党费收缴情况", due, date(year, 12, 1),
                                f"{_DUES} 第十二条；党费收缴情况定期向党员报告", sheet_address(ledger, MEETINGS, key="topic"),
                                reported, role="组织委员"))
    return found


def _dues_postings(ledger: Ledger, seen: Ledger, period: Period, roll: Roll) -> list[Obligation]:
    if not ledger.dues:
        return []
    posted = {q for _, quarters in dues_postings(seen, period.year) for q in quarters}
    days = ledger.rules["dues_posting_days"]
    where = sheet_address(ledger, DISCLOSURES, key="item")
    found = []
    for year, quarter in _existing(period.quarters(), "quarter", roll):
        ended = month_end(year, 3 * quarter)
        found.append(Obligation("dues-not-posted", f"公示{QUARTER_NAMES[quarter - 1]}党费收缴情况",
                                ended + timedelta(days=days), ended + timedelta(days=1),
                                "党务公开：党费收缴情况定期向党员公示（按季度或半年公示为本地做法）", where,
                                quarter in posted, role="组织委员"))
    return found


def unpaid_run(dues) -> int:
    """Months unpaid in a row up to the last month judged, with last year's run when it reaches January."""
    run = 0
    for month in reversed(dues.owed_months):
        if month not in dues.unpaid_months:
            break
        run += 1
    if run and run == len(dues.owed_months) and dues.owed_months[0] == 1:
        run += dues.carried
    return run


def _dues_members(seen: Ledger, period: Period, roll: Roll, day: date) -> list[Obligation]:
    """Members behind with their dues on `day`, and those one month short of the run 第十三条 names."""
    if day.year != period.year:
        return []
    status = dues_status(seen, period_from_settings(period.year, "自定义", period.start, day), roll)
    limit = seen.rules["unpaid_streak_months"]
    found = []
    for dues in status.judged:
        if not dues.unpaid_months:
            continue
        first = dues.unpaid_months[0]
        run = unpaid_run(dues)
        months = "、".join(f"{m}月" for m in dues.unpaid_months)
        row = dues.row
        if run >= limit - 1:
            following = dues.owed_months[-1] + 1
            due = (dues_deadline(period.year, following, quarterly=dues.quarterly) if run < limit and following <= 12
                   else dues_deadline(period.year, first, quarterly=dues.quarterly))
            found.append(Obligation("dues-streak", f"{row['name']}补交党费", due, date(period.year, first, 1),
                                    _basis("unpaid_streak_months"), row.cell(f"m{dues.unpaid_months[-1]}"), False,
                                    role="组织委员", detail=f"{months}未交，已连续{run}个月"))
        else:
            found.append(Obligation("dues-underpaid", f"{row['name']}补交党费",
                                    dues_deadline(period.year, first, quarterly=dues.quarterly),
                                    date(period.year, first, 1), f"{_DUES} 第十二条", row.cell(f"m{first}"), False,
                                    role="组织委员", detail=f"{months}未交"))
    return found


def _term(ledger: Ledger, period: Period, *, on: date | None) -> list[Obligation]:
    """换届: the request to the superior committee a month ahead, and the election by the term's end."""
    term = committee_term(ledger, period)
    if term is None:
        return []
    if on is not None and term.elected["elected"] > on:
        return []  # not yet elected that day: the committee before it is not in the workbook
    year, ends, cell = period.year, term.end, term.end_cell
    warn = ledger.rules["term_warning_months"]
    basis = f"{_REGULATION}第二十一条；中办《关于党的基层组织任期的意见》（2018）"
    found = []
    request, opens = add_months(ends, -1), add_months(ends, -warn)
    if opens.year > year:
        return []
    if request.year >= year:
        found.append(Obligation("committee-term-request", "向上级党组织请示换届", request, opens,
                                basis, cell, False, role="书记"))
    found.append(Obligation("committee-term-ending", "召开党员大会进行换届选举", ends, opens, basis, cell, False,
                            role="书记"))
    return found


_TAKEN = {"applied": "递交入党申请书", "admitted": "接收为预备党员", "joined": "入党"}
# The 发展党员 steps with a deadline (figures.development's windows), as the checks name them.
_DUE_STEPS = {"talked": ("dev-talk-late", "同入党申请人谈话", "applied", "支部委员"),
              "approved": ("dev-approval-late", "报上级党委审批", "admitted", "组织委员"),
              "full_member": ("dev-probation-overdue", "预备期满，讨论转为正式党员", "admitted", "书记")}


def _development(ledger: Ledger, seen: Ledger, year: int, roll: Roll, *, on: date | None) -> list[Obligation]:
    """Each 发展党员 step with a deadline not yet taken (from the person's timeline), and the end of
    each 预备期 on the roll."""
    day = on or date(year, 12, 31)
    found = []
    for timeline in development_timelines(seen, day):
        person = timeline.person
        for step in timeline.steps:
            if step.key not in _DUE_STEPS or step.taken or not step.known or step.latest is None:
                continue
            code, what, since, role = _DUE_STEPS[step.key]
            if step.key == "full_member" and roll.member_named(person["name"]) is not None:
                continue  # on the roll: its 预备期 is the roll's item (one item per person)
            opens = add_months(step.latest, -1) if step.key == "full_member" else person[since]
            if opens.year <= year:
                found.append(Obligation(code, f"{person['name']}{what}", step.latest, opens, step.basis,
                                        person.cell(step.key), False, role=role,
                                        detail=f"{format_date(person[since])}{_TAKEN[since]}"))
    # The roll's 预备党员: those who joined as such (the 发展党员 sheet may not list them).
    basis = f"{_basis('probation_months')}：预备期满，党支部应及时讨论其能否转为正式党员"
    for member in ledger.members:
        if not (member["joined"] and (member["member_type"] == "预备党员" or member["confirmed"])
                and member.known("confirmed", "probation_extended")):
            continue
        if member["confirmed"] and (on is None or member["confirmed"] <= on):
            continue
        if member["moved_out"] and member["moved_out"] <= day:
            continue
        ends = probation_end(ledger, member, since="joined")
        if add_months(ends, -1).year <= year:
            found.append(Obligation("probationary-overdue", f"{member['name']}预备期满，讨论转为正式党员", ends,
                                    add_months(ends, -1), basis, member.cell("confirmed"), False, role="书记",
                                    detail=f"{format_date(member['joined'])}{_TAKEN['joined']}"))
    return found


def open_items(calendar_: Calendar, day: date, *, until: date) -> list[tuple[Obligation, str]]:
    """(item, "overdue" | "due") for each item not done: past due on `day`; due from `day` to `until`;
    or due later but its window already open (换届 is prepared from six months before the term ends)."""
    picked = []
    for item in calendar_.items:
        if item.done:
            continue
        if item.due < day:
            picked.append((item, "overdue"))
        elif item.due <= until or item.opens <= day:
            picked.append((item, "due"))
    return picked


__all__: Iterable[str] = ("Calendar", "FixedDayError", "Obligation", "as_of", "fixed_day",
                          "is_day_off", "open_items", "working_day_from", "year_calendar")
