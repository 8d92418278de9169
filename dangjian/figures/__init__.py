"""The period's figures: one frozen value computed once, read by the checks and by the report.

`compute_figures(ledger, period)` works out the roll on each date, the 三会一课 counts per unit
and the dues settlement per member and month. Numbers and dates only: the words are
`wording`'s and `context`'s.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..period import Period
from ..records import Ledger
from .development import Timeline, development_timelines
from .dues import CarriedOver, DuesStatus, dues_status
from .life import LifeItem, committee_months, life_items
from .roll import Roll, build_roll

__all__ = ["CarriedOver", "PeriodFigures", "compute_figures"]


@dataclass(frozen=True)
class PeriodFigures:
    period: Period
    roll: Roll
    committee_months: tuple[tuple[int, int], ...]  # (year, month) of the period that owe 支委会
    life: tuple[LifeItem, ...]
    dues: DuesStatus
    development: tuple[Timeline, ...] = ()  # each 发展党员 row's steps, judged at the period end

    @property
    def has_committee(self) -> bool:
        return bool(self.committee_months)


def compute_figures(ledger: Ledger, period: Period, *, carried_over: CarriedOver | None = None) -> PeriodFigures:
    """The period's figures; `carried_over` is last year's run of unpaid months when its workbook was found."""
    roll = build_roll(ledger.members, period.year)
    committee = committee_months(ledger, period, roll)
    return PeriodFigures(
        period=period,
        roll=roll,
        committee_months=committee,
        life=life_items(ledger, period, roll, committee=committee),
        dues=dues_status(ledger, period, roll, carried_over=carried_over),
        development=development_timelines(ledger, period.end),
    )
