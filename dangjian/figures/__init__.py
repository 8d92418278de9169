"""The period's figures: one frozen value computed once, read by the checks and by every document.

`compute_figures(ledger, period)` works out the roll on each date and its movement, the 三会一课
counts per unit, the committee's term, who had a vote at the meetings that need a quorum, the
发展党员 and 意识形态 counts, the dues settlement per member and month and the quarters whose dues
were posted. Each figure has one definition here; a document that needs a new number adds it
here first. Numbers and dates only: the words are `wording`'s and `context`'s.
"""
from __future__ import annotations

from dataclasses import dataclass

from .dues_posting import dues_postings, unposted_quarters
from ..period import Period
from ..read.records import Ledger, Row
from .development import Development, Ideology, Timeline, development_counts, development_timelines, ideology_counts
from .dues import CarriedOver, DuesStatus, dues_status
from .life import LifeItem, committee_months, life_items
from .organisation import Attendance, CommitteeTerm, Election, attendances, committee_term, last_election
from .planned import PlanOutcome, plan_outcomes
from .roll import Membership, Roll, build_roll, membership
from .statistics import Statistics, party_statistics

__all__ = ["CarriedOver", "PeriodFigures", "compute_figures"]


@dataclass(frozen=True)
class PeriodFigures:
    """Every figure of the period that the rules and the documents share, computed once."""

    period: Period
    roll: Roll
    committee_months: tuple[tuple[int, int], ...]  # (year, month) of the period that owe 支委会
    life: tuple[LifeItem, ...]
    dues: DuesStatus
    membership: Membership
    committee_term: CommitteeTerm | None
    attendances: tuple[Attendance, ...]  # 党员大会 and 换届选举 meetings of the period, voters counted
    election: Election | None  # the period's last 换届选举
    development: Development
    ideology: Ideology
    dues_postings: tuple[tuple[Row, tuple[int, ...]], ...]  # 党务公开 rows that posted the year's dues, with their quarters
    unposted_quarters: tuple[int, ...]  # finished quarters of the period whose dues no row posted
    statistics: Statistics  # the roll at the period's end in the 党内统计年报's categories
    timelines: tuple[Timeline, ...]  # each 发展党员 row's steps, judged at the period end
    plans: tuple[PlanOutcome, ...] = ()  # the 计划 sheet's items of the period against the records

    @property
    def has_committee(self) -> bool:
        return bool(self.committee_months)


def compute_figures(ledger: Ledger, period: Period, *, carried_over: CarriedOver | None = None) -> PeriodFigures:
    """The period's figures; `carried_over` is last year's run of unpaid months when its workbook was found."""
    roll = build_roll(ledger.members, period.year)
    committee = committee_months(ledger, period, roll)
    attended = attendances(ledger, period, roll)
    timelines = development_timelines(ledger, period.end)
    return PeriodFigures(
        period=period,
        roll=roll,
        committee_months=committee,
        life=life_items(ledger, period, roll, committee=committee),
        dues=dues_status(ledger, period, roll, carried_over=carried_over),
        membership=membership(roll, period),
        committee_term=committee_term(ledger, period),
        attendances=attended,
        election=last_election(ledger, period, attended),
        development=development_counts(timelines, period),
        ideology=ideology_counts(ledger, period),
        dues_postings=tuple(dues_postings(ledger, period.year)),
        unposted_quarters=unposted_quarters(ledger, period),
        statistics=party_statistics(ledger, roll, period.end),
        timelines=timelines,
        plans=plan_outcomes(ledger, period),
    )
