"""党费: each member's months owed, paid and still short, settled once for the whole branch.

The settlement runs over the member × month matrix in whole cents (numpy, exact): extra money
first settles its own quarter (when quarterly payment is allowed), then earlier months (a
back-payment), then later ones (paying ahead). The checks and the report read the result.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cached_property, lru_cache
from typing import Callable, Iterable, Mapping, TypeVar

import numpy as np
import pandas as pd

from ..period import Period, month_end, period_from_settings
from ..read.records import Ledger, Row
from ..schema import MONTH_KEYS, QUARTERLY
from ..read.values import clean_name
from .roll import Roll, build_roll

ZERO = Decimal("0.00")
T = TypeVar("T")
MONTHS = tuple(range(1, 13))
DUES_CELLS = ("monthly_due", *MONTH_KEYS)  # the cells a row's judgement rests on


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


@dataclass(frozen=True)
class MemberDues:
    """One 党费收缴 row judged to the period end."""

    row: Row
    member: Row | None  # the 党员名册 row of the same name
    monthly: Decimal  # 月应交 (0 when blank)
    paid: tuple[Decimal, ...]  # index 0 = January
    months_on_roll: tuple[int, ...]  # the months of the year the member belonged to the branch
    owed_months: tuple[int, ...]  # months on the roll whose payment deadline fell by the period end
    due_total: Decimal
    paid_total: Decimal  # paid in the months judged
    unpaid_months: tuple[int, ...]  # owed months still short after the settlement
    settlement: Settlement
    year_paid: Decimal  # paid for months on the roll up to the last judged month
    year_surplus: Mapping[int, Decimal]  # months whose money exceeds the whole year's dues
    quarterly: bool = False  # pays by the quarter (交纳方式 按季, or the 规则设置 default)
    carried: int = 0  # months already unpaid in a row at the end of last year
    carried_from: str | None = None  # where `carried` was read: the column, or last year's workbook
    # False when a cell it needs (月应交, a month, the member's dates) could not be read: the row is
    # then neither judged nor counted in the totals, so no figure rests on a guess.
    judged: bool = True
    late_transfers: tuple[Transfer, ...] = ()  # the settlement's transfers that were back-payments (paid_late)

    @property
    def outstanding(self) -> Decimal:
        return max(self.due_total - self.paid_total, ZERO)

    @property
    def pays_by_quarter(self) -> bool:
        """Paid a quarter's dues at once, later in the same quarter, as the amounts show."""
        return any(t.source > t.target and (t.source - 1) // 3 == (t.target - 1) // 3 for t in self.settlement.transfers)

    def due_in(self, months: Iterable[int]) -> Decimal:
        """月应交 for each owed month among `months`."""
        return self.monthly * sum(1 for month in self.owed_months if month in months)

    def paid_in(self, months: Iterable[int]) -> Decimal:
        """What the row shows paid in `months`."""
        return sum((self.paid[m - 1] for m in months), ZERO)


@dataclass(frozen=True)
class DuesStatus:
    """The year's dues, member by member, as far as the period reaches (`last_month`)."""

    year: int
    as_of: date
    last_month: int  # the last month of the year the period reaches
    members: tuple[MemberDues, ...] = ()

    # Worked out once on first use (a document reads them several times): the instance is frozen,
    # so what they are made of never changes.
    @cached_property
    def judged(self) -> tuple[MemberDues, ...]:
        return tuple(m for m in self.members if m.judged)

    @cached_property
    def due(self) -> Decimal:
        return sum((m.due_total for m in self.judged), ZERO)

    @cached_property
    def paid(self) -> Decimal:
        return sum((m.paid_total for m in self.judged), ZERO)

    @cached_property
    def paying(self) -> int:
        """Of the members judged, how many paid anything."""
        return sum(1 for m in self.judged if m.paid_total > 0)

    @cached_property
    def paid_up(self) -> int:
        """Of the members judged, how many owed dues and have paid all of them."""
        return sum(1 for m in self.judged if m.due_total > 0 and m.outstanding == 0)

    @cached_property
    def behind(self) -> tuple[MemberDues, ...]:
        return tuple(m for m in self.judged if m.outstanding > 0)

    @cached_property
    def outstanding(self) -> Decimal:
        """Still owed by the period end: each member's shortfall (money paid ahead does not offset it)."""
        return sum((m.outstanding for m in self.behind), ZERO)

    @property
    def settled(self) -> Decimal:
        """Of what was due, the part paid."""
        return self.due - self.outstanding

    @property
    def collection_rate(self) -> Decimal | None:
        return collection_rate(self.settled, self.due)

    @property
    def on_time(self) -> bool:
        return not any(m.late_transfers for m in self.judged)

    @property
    def quarterly_payers(self) -> int:
        return sum(m.pays_by_quarter for m in self.judged)

    def due_in(self, months: Iterable[int]) -> Decimal:
        """Due in `months` from the members judged (as `due` is for the whole period)."""
        return sum((m.due_in(months) for m in self.judged), ZERO)

    def paid_in(self, months: Iterable[int]) -> Decimal:
        return sum((m.paid_in(months) for m in self.judged), ZERO)


@dataclass(frozen=True)
class CarriedOver:
    """Each member's run of unpaid months at the end of last year, read from last year's workbook."""

    months: Mapping[str, int]  # by name as compared everywhere (clean_name)
    source: str  # the workbook's file name, for the finding


def pays_quarterly(row: Row, *, default: bool) -> bool:
    """交纳方式 as marked (第十二条: quarterly only with the branch's consent), else the 规则设置 default."""
    mode = row["payment_mode"]
    return default if mode is None else mode == QUARTERLY


def year_end_unpaid(ledger: Ledger, year: int) -> dict[str, int]:
    """Each member's run of months unpaid up to December of `year` (with the run it carried in), by name."""
    period = period_from_settings(year, "全年", None, None)
    status = dues_status(ledger, period, build_roll(ledger.members, year))
    runs: dict[str, int] = {}
    for dues in status.members:
        length = 0
        for month in range(12, 0, -1):
            if month not in dues.owed_months or month not in dues.unpaid_months:
                break
            length += 1
        if length == 12 or (length and length == len(dues.owed_months) and dues.owed_months[0] == 1):
            length += dues.carried
        if length:
            runs[clean_name(dues.row["name"])] = length
    return runs


def dues_matrix(ledger: Ledger) -> pd.DataFrame:
    """Members × months of amounts paid, in cents (0 where blank)."""
    return pd.DataFrame(_paid_cents(ledger.dues), columns=list(MONTHS), index=[row["name"] for row in ledger.dues])


def collection_rate(settled: Decimal, due: Decimal) -> Decimal | None:
    """收缴率: the settled share of what was due, never above 1 (paying ahead does not raise it);
    None when nothing was due. One branch's (DuesStatus) or a folder's sums (the 党委 summary)."""
    return settled / due if due else None


def _paid_cents(rows: tuple[Row, ...]) -> np.ndarray:
    """Rows × months of amounts paid, in cents (0 where blank): each distinct amount converted once."""
    amounts = [row.get(key) for row in rows for key in MONTH_KEYS]  # Decimal (Kind.MONEY) or None
    cents = {amount: _cents(amount) for amount in set(amounts)}
    return np.fromiter(map(cents.__getitem__, amounts), dtype=np.int64, count=len(amounts)).reshape(
        len(rows), len(MONTH_KEYS))


def dues_deadline(year: int, month: int, *, quarterly: bool) -> date:
    """The last day a month's dues may be paid on time: its own end, or its quarter's when quarterly."""
    return month_end(year, 3 * ((month - 1) // 3) + 3 if quarterly else month)


def last_dues_month(period: Period) -> int:
    """The last month of the report year the period reaches."""
    return period.end.month if period.end.year == period.year else 12


def paid_late(transfer: Transfer, *, quarterly: bool) -> bool:
    """Money paid after the month it settles: a back-payment, unless within an allowed quarter."""
    same_quarter = (transfer.source - 1) // 3 == (transfer.target - 1) // 3
    return transfer.source > transfer.target and not (quarterly and same_quarter)


def dues_status(ledger: Ledger, period: Period, roll: Roll, *, carried_over: CarriedOver | None = None) -> DuesStatus:
    default_quarterly = bool(ledger.rules["quarterly_allowed"])
    last_month = last_dues_month(period)
    # A month is judged once its deadline has passed: a quarter in progress is not yet late.
    judged = {q: max((m for m in range(1, last_month + 1) if dues_deadline(period.year, m, quarterly=q) <= period.end),
                     default=0) for q in (False, True)}
    judged_through = judged[False]  # the later of the two: a monthly payer's
    rows = ledger.dues
    if not rows:
        return DuesStatus(period.year, period.end, last_month)
    quarterly = np.array([pays_quarterly(row, default=default_quarterly) for row in rows], dtype=bool)
    member_judged = np.where(quarterly, judged[True], judged[False])
    # A row whose name is not on the roll is reported as such (name-not-on-roll); judging its
    # months against a guessed membership would invent arrears.
    members = [roll.member_named(row["name"]) for row in rows]
    months_on_roll = [roll.months_of(member) for member in members]
    # Most members share a few patterns of months (the whole year): each pattern's flags made once.
    patterns: dict[tuple[int, ...], int] = {}
    pattern_of_row = np.array([patterns.setdefault(months, len(patterns)) for months in months_on_roll])
    flags = np.array([[m in months for m in MONTHS] for months in patterns], dtype=bool).reshape(len(patterns), 12)
    on_roll = flags[pattern_of_row]
    paid = _paid_cents(rows)
    monthly = np.array([_cents(row.get("monthly_due")) for row in rows], dtype=np.int64)

    # Money paid after the last month judged is for months not yet due: counting it would
    # settle earlier gaps with next quarter's dues.
    owed = on_roll.copy()
    not_yet = np.arange(12)[None, :] >= member_judged[:, None]
    owed[not_yet] = False
    paid_judged = np.where(not_yet, 0, paid)
    balance, transfers = _settle(paid_judged[:, :judged_through], owed[:, :judged_through], monthly, quarterly=quarterly)

    # Paying ahead within the year is allowed, so only money beyond the whole year's dues is too
    # much. Money typed in a month off the roll is its own finding, not counted twice; a name not
    # on the roll keeps its money.
    known = np.array([member is not None for member in members], dtype=bool)
    year_paid = np.where(on_roll | ~known[:, None], paid, 0)
    year_paid[:, last_month:] = 0
    year_balance, _ = _settle(year_paid, on_roll, monthly, quarterly=quarterly)

    # Back to Python values once, whole arrays at a time: per-cell numpy access is slow for 3,000 rows.
    judged_months = list(range(1, judged_through + 1))
    owed_lists = _months_flagged(owed[:, :judged_through])
    # Owed months still short: a member's balances cover the months judged for them, and only those are owed.
    unpaid_lists = _months_flagged(owed[:, :judged_through] & (balance < 0))
    paid_money, balance_money = _as_money(paid), _as_money(balance)
    has_surplus = (year_balance > 0).any(axis=1).tolist()
    monthly_list, judged_list, quarterly_list = monthly.tolist(), member_judged.tolist(), quarterly.tolist()
    paid_totals = paid_judged[:, :judged_through].sum(axis=1).tolist()
    year_paid_totals = year_paid.sum(axis=1).tolist()
    members_complete = ledger.complete("members")
    result = []
    for i, row in enumerate(rows):
        member, owed_months, monthly_cents = members[i], owed_lists[i], monthly_list[i]
        moved = tuple(transfers.get(i, ()))
        settlement = Settlement(dict(zip(judged_months[:judged_list[i]], balance_money[i])), moved)
        member_quarterly = quarterly_list[i]
        carried = row["carried_unpaid"]
        carried_from = None if carried is None else "上年末连续未交月数"
        if carried is None and carried_over is not None:
            carried, carried_from = carried_over.months.get(clean_name(row["name"]), 0), carried_over.source
        result.append(MemberDues(
            row=row, member=member, monthly=_money(monthly_cents),
            paid=paid_money[i],
            months_on_roll=months_on_roll[i],
            owed_months=owed_months,
            due_total=_money(monthly_cents * len(owed_months)),
            paid_total=_money(paid_totals[i]),
            unpaid_months=unpaid_lists[i],
            settlement=settlement,
            year_paid=_money(year_paid_totals[i]),
            year_surplus={m: _money(c) for m, c in enumerate(year_balance[i].tolist(), start=1) if c > 0}
            if has_surplus[i] else {},
            quarterly=member_quarterly, carried=carried or 0, carried_from=carried_from if carried else None,
            judged=row.known(*DUES_CELLS) and roll.is_known(member) and (member is not None or members_complete),
            late_transfers=tuple(t for t in moved if paid_late(t, quarterly=member_quarterly)) if moved else (),
        ))
    return DuesStatus(period.year, period.end, last_month, tuple(result))


def _months_flagged(flags: np.ndarray) -> list[tuple[int, ...]]:
    """Each row's flagged months (column 0 = January)."""
    return _per_distinct_row(flags, lambda row: tuple(month for month, flagged in enumerate(row, start=1) if flagged))


def _as_money(cents: np.ndarray) -> list[tuple[Decimal, ...]]:
    """Each row of cents as money."""
    return _per_distinct_row(cents, lambda row: tuple(map(_money, row)))


def _per_distinct_row(matrix: np.ndarray, make: Callable[[tuple], T]) -> list[T]:
    """make(row) for each row of `matrix`, made once per distinct row: most members share a few
    (a whole year on the roll, a year of the same dues)."""
    made: dict[tuple, T] = {}
    result = []
    for row in map(tuple, matrix.tolist()):
        found = made.get(row)
        if found is None:
            found = made[row] = make(row)
        result.append(found)
    return result


def _settle(paid: np.ndarray, owed: np.ndarray, monthly: np.ndarray, *,
            quarterly: bool | np.ndarray) -> tuple[np.ndarray, dict[int, list[Transfer]]]:
    """Balances (members × months, cents) after setting extra payments against short months.

    The same greedy order for every member, one month pair at a time across all members:
    a source month's surplus goes to short target months in order until it runs out.
    """
    balance = paid - np.where(owed, monthly[:, None], 0)
    transfers: dict[int, list[Transfer]] = {}
    # Money moves from a month with some over to a month short, so a source month only loses money
    # and a target only gains up to nothing owed: a row without both never moves any, and a month
    # with nothing over (nothing short) in any row is never a source (a target). Only the rest is walked.
    rows = np.flatnonzero((balance > 0).any(axis=1) & (balance < 0).any(axis=1))
    if not rows.size:
        return balance, transfers
    active = balance[rows]
    sources = np.flatnonzero((active > 0).any(axis=0)).tolist()
    targets = np.flatnonzero((active < 0).any(axis=0)).tolist()
    # Quarterly payers (a per-member flag) first settle their own quarter; everyone then goes on alike.
    by_quarter = np.broadcast_to(np.asarray(quarterly, dtype=bool), balance.shape[:1])[rows]
    order = []
    if by_quarter.any():
        order += [(s, t, by_quarter) for s in sources for t in targets if t // 3 == s // 3 and t != s]
    order += [(s, t, None) for s in sources for t in targets if t < s]
    order += [(s, t, None) for s in sources for t in targets if t > s]
    row_numbers = rows.tolist()
    for source, target, only in order:
        moved = np.minimum(np.maximum(active[:, source], 0), np.maximum(-active[:, target], 0))
        if only is not None:
            moved = np.where(only, moved, 0)
        hits = np.flatnonzero(moved)
        if not hits.size:
            continue
        active[:, source] -= moved
        active[:, target] += moved
        for i in hits:
            transfers.setdefault(row_numbers[i], []).append(Transfer(source + 1, target + 1, _money(int(moved[i]))))
    balance[rows] = active
    return balance, transfers


def _cents(amount: Decimal | None) -> int:
    return 0 if amount is None else int(amount * 100)


@lru_cache(maxsize=None)
def _money(cents: int) -> Decimal:
    return Decimal(cents).scaleb(-2)
