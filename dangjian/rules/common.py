"""What several rule modules need alike: where a sheet's records are, and month arithmetic."""
from __future__ import annotations

import calendar
from datetime import date
from typing import Iterable, Iterator

from ..grid import column_letter
from ..records import Ledger, Row
from ..schema import Sheet


def sheet_address(ledger: Ledger, sheet: Sheet, *, key: str | None = None) -> str:
    """Where a finding about a whole sheet points, so a secretary can click it.

    '会议记录!B2:B120' (the key column of its records), '会议记录!B2' when the sheet has no
    records, or just '会议记录' when the workbook has no such sheet: a finding must never name a
    cell of a sheet that is not there.
    """
    if sheet.name not in ledger.present_sheets:
        return sheet.name
    key = key or sheet.key_column
    rows: tuple[Row, ...] = getattr(ledger, sheet.key)
    if rows:
        letter = rows[0].letters.get(key, "A")
        lines = [r.line for r in rows]
        return f"{sheet.name}!{letter}{min(lines)}:{letter}{max(lines)}"
    index = next(i for i, c in enumerate(sheet.columns) if c.key == key)
    return f"{sheet.name}!{column_letter(index + 1)}2"


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day (2023-01-31 + 1 → 2023-02-28)."""
    total = day.month - 1 + months
    year, month = day.year + total // 12, total % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def overdue_probations(ledger: Ledger, rows: Iterable[Row], *, since: str, confirmed: str,
                       by: date) -> Iterator[tuple[Row, date]]:
    """(row, the day its 预备期 ended) for rows whose 预备期 from `since` ended before `by` unconfirmed.

    The roll (入党日期/转正日期) and the 发展党员 sheet (接收预备党员日期/转为正式党员日期) judge
    the same 预备期, with the same length from 规则设置.
    """
    months = ledger.rules["probation_months"]
    for row in rows:
        if row[since] and not row[confirmed]:
            ends = add_months(row[since], months)
            if ends < by:
                yield row, ends
