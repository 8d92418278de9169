"""Membership on a date: who is on the roll, counted by bisection, and in which months of the year.

A member is on the roll from 入党日期 (or 转入日期) to the day before 转出日期. The checks and
the report count with the same rule: attendance against the roll, months of dues owed, the
months and quarters a branch existed for.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date
from typing import Iterable, Mapping

import numpy as np

from ..period import Period, month_end
from ..read.records import Row
from ..read.values import clean_name


def member_start(member: Row) -> date | None:
    return member["moved_in"] or member["joined"]


def is_member_on(member: Row, day: date) -> bool:
    start = member_start(member)
    out = member["moved_out"]
    return start is not None and start <= day and (out is None or out > day)


def members_on(members: Iterable[Row], day: date) -> list[Row]:
    return [m for m in members if is_member_on(m, day)]


def is_full_member(member: Row, day: date) -> bool:
    """A full member on `day` (a vote: 预备党员 have none, 党章第七条): 转正 by then, or 正式党员 without a date."""
    confirmed = member["confirmed"]
    if confirmed:
        return confirmed <= day
    return member["member_type"] == "正式党员"


def roll_by_name(members: Iterable[Row]) -> dict[str, Row]:
    """党员名册 rows by name as compared everywhere (spaces, full-width forms folded)."""
    roll: dict[str, Row] = {}
    for member in members:
        roll.setdefault(clean_name(member["name"]), member)
    return roll


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
        return bisect_right(self._starts.get(key, ()), day) - bisect_right(self._outs.get(key, ()), day)


@dataclass(frozen=True)
class Roll:
    """The 党员名册 of one report year: by name, counted by day, and each member's months."""

    year: int
    members: tuple[Row, ...]
    by_name: Mapping[str, Row]
    count: RollCount
    months: Mapping[int, tuple[int, ...]]  # 党员名册 line → months of the year on the roll
    # Members whose 入党、转入 or 转出 date could not be read: their months are unknown, and so is
    # the count on any day; rules that need either skip rather than guess.
    uncertain: tuple[Row, ...] = ()
    # Each member's start, end and 转正 as day numbers, and whether 正式党员 without a date: for
    # counting the full members on a day without walking the roll (full_count).
    ordinals: tuple = field(default=(), repr=False, compare=False)

    def full_count(self, day: date) -> int:
        """How many full members are on the roll on `day` (full_members, counted at once)."""
        return int(self._full_on(day).sum()) if self.members else 0

    def full_members(self, day: date) -> list[Row]:
        """The members on the roll on `day` who are full members (is_full_member), from the roll's arrays."""
        if not self.members:
            return []
        return [member for member, full in zip(self.members, self._full_on(day).tolist()) if full]

    def _full_on(self, day: date) -> np.ndarray:
        starts, outs, confirmed, typed_full = self.ordinals
        d = day.toordinal()
        full = np.where(confirmed != _NEVER, confirmed <= d, typed_full)
        return (starts <= d) & (outs > d) & full

    @property
    def certain(self) -> bool:
        return not self.uncertain

    def is_known(self, member: Row | None) -> bool:
        return member is None or member.known(*MEMBERSHIP_KEYS)

    def months_of(self, member: Row | None) -> tuple[int, ...]:
        """The months of the report year in which `member` belonged to the branch on some day.

        A member owes a month's dues for such a month; nobody (a name not on the roll) owes nothing.
        """
        return () if member is None else self.months[member.line]

    def member_named(self, name: object) -> Row | None:
        return self.by_name.get(clean_name(name or ""))

    def on(self, day: date, *, group: str | None = None) -> int:
        return self.count.on(day, group=group)


MEMBERSHIP_KEYS = ("joined", "moved_in", "moved_out")


@dataclass(frozen=True)
class Membership:
    """The roll at the period's end and its movement within the period."""

    full: int  # full members on the roll at the end (is_full_member: 转正 by then, or 正式党员 without a date)
    probationary: int  # the others on the roll at the end
    joined: int  # 入党 or 转入 within the period
    left: int  # 转出 within the period

    @property
    def members(self) -> int:
        return self.full + self.probationary


def membership(roll: Roll, period: Period) -> Membership:
    """Counted at the period's end (is_member_on), the movement within it."""
    if not roll.members:
        return Membership(0, 0, 0, 0)
    starts, outs, _, _ = roll.ordinals
    first, end = period.start.toordinal(), period.end.toordinal()
    on_roll = int(((starts <= end) & (outs > end)).sum())
    full = roll.full_count(period.end)
    joined = int(((starts >= first) & (starts <= end)).sum())
    left = int(((outs >= first) & (outs <= end)).sum())
    return Membership(full, on_roll - full, joined, left)


_NAME_LIST_PARTS = re.compile(r"[；;、,，\s]+")
_REASON = re.compile(r"[（(][^）)]*[）)]")


def listed_names(text: object) -> list[str]:
    """The names of a cell that lists people (缺席人员, 入党介绍人), a remark in brackets left out."""
    return [part for part in _NAME_LIST_PARTS.split(_REASON.sub("", str(text or ""))) if part]


def voting_attendance(meeting: Row, roll: Roll) -> tuple[int, int, str]:
    """(members with a vote expected, of them present, how the second was worked out).

    预备党员 have no vote (党章第七条; 选举工作条例第五条). 应到人数 as written is taken as the voters
    when it does not exceed the full members on the roll that day (it may leave out members excused
    with approval); otherwise it counts 预备党员 too, and the voters present are worked out from
    缺席人员 when it names every absentee, else on the safe side (every 预备党员 counted present).
    """
    day, expected, present = meeting["date"], meeting["expected"], meeting["present"]
    # An uncertain roll (a date that could not be read) cannot say who has a vote: take 应到 as written.
    if not roll.members or not roll.certain or expected <= roll.full_count(day):
        return expected, min(present, expected), ""
    full = roll.full_members(day)  # the rows, not a count: absentees are matched against them
    entitled = len(full)
    counted_probationers = expected - entitled
    names = listed_names(meeting["absent"])
    absent = [roll.member_named(name) for name in names]
    if absent and all(absent) and len(absent) == expected - present:
        full_lines = {m.line for m in full}
        return entitled, entitled - sum(m.line in full_lines for m in absent), "（按缺席人员计算）"
    voters = max(0, min(present - counted_probationers, entitled))
    return entitled, voters, f"（实到人数中按{counted_probationers}名预备党员都到会计算；缺席人员逐一写明姓名时按其计算）"


def build_roll(members: tuple[Row, ...], year: int) -> Roll:
    certain = np.array([m.known(*MEMBERSHIP_KEYS) for m in members], dtype=bool)
    uncertain = tuple(m for m, sure in zip(members, certain.tolist()) if not sure)
    known = tuple(m for m, sure in zip(members, certain.tolist()) if sure)
    ordinals = _ordinals(members)
    starts, outs = ordinals[0][certain], ordinals[1][certain]
    months = _months_on_roll(known, starts, outs, year)
    months.update({m.line: () for m in uncertain})
    return Roll(year, members, roll_by_name(members), RollCount(known), months, uncertain, ordinals)


def _ordinals(members: tuple[Row, ...]) -> tuple:
    starts = np.array([_ordinal(member_start(m), missing=_NEVER) for m in members], dtype=np.int64)
    outs = np.array([_ordinal(m["moved_out"], missing=_NEVER) for m in members], dtype=np.int64)
    confirmed = np.array([_ordinal(m["confirmed"] or None, missing=_NEVER) for m in members], dtype=np.int64)
    typed_full = np.array([m["member_type"] == "正式党员" for m in members], dtype=bool)
    return starts, outs, confirmed, typed_full


_NEVER = np.iinfo(np.int64).max


def _months_on_roll(members: tuple[Row, ...], starts: np.ndarray, outs: np.ndarray,
                    year: int) -> dict[int, tuple[int, ...]]:
    """Every member's months at once: on the roll on some day from the month's first to its last day.

    `starts`, `outs`: the members' start and 转出 as day numbers (_ordinals).
    """
    if not members:
        return {}
    firsts = np.array([date(year, m, 1).toordinal() for m in range(1, 13)], dtype=np.int64)
    lasts = np.array([month_end(year, m).toordinal() for m in range(1, 13)], dtype=np.int64)
    on_roll = (starts[:, None] <= lasts[None, :]) & (outs[:, None] > firsts[None, :])
    # Most members share a few patterns (the whole year): each pattern's months made once.
    patterns: dict[tuple[bool, ...], tuple[int, ...]] = {}
    months = {}
    for member, flags in zip(members, map(tuple, on_roll.tolist())):
        found = patterns.get(flags)
        if found is None:
            found = patterns[flags] = tuple(month for month, on in enumerate(flags, start=1) if on)
        months[member.line] = found
    return months


def _ordinal(day: date | None, *, missing: int) -> int:
    return missing if day is None else day.toordinal()
