"""The period's figures: one frozen value computed once, read by the checks and by the report.

`compute_figures(ledger, period)` works out the roll on each date, the 三会一课 counts per unit
and the dues settlement per member and month. Numbers and dates only: the words are
`wording`'s and `context`'s.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..period import Period
from ..records import Ledger
from .dues import DuesStatus, dues_status
from .life import LifeItem, has_committee, life_items
from .roll import Roll, build_roll

__all__ = ["PeriodFigures", "compute_figures"]


@dataclass(frozen=True)
class PeriodFigures:
    period: Period
    roll: Roll
    has_committee: bool
    life: tuple[LifeItem, ...]
    dues: DuesStatus


def compute_figures(ledger: Ledger, period: Period) -> PeriodFigures:
    roll = build_roll(ledger.members, period.year)
    committee = has_committee(ledger, period)
    return PeriodFigures(
        period=period,
        roll=roll,
        has_committee=committee,
        life=life_items(ledger, period, roll, committee=committee),
        dues=dues_status(ledger, period, roll),
    )
