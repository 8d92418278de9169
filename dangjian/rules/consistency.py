"""一致性核对: totals the workbook holds, attendance against the roll, names against 党员名册.

A total is judged only when the cell holds a number: typed, or a formula's value as the
spreadsheet last computed it. A formula saved without a value is left alone (the workbook computes
it); our own figures are always summed from the rows, never taken from a total.
"""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Iterator

from ..facts import ZERO, is_member_on, roll_by_name
from ..findings import Finding, FindingType, Level
from ..period import Period
from ..records import Ledger, Row
from ..schema import COMMITTEE, DUES, MEETINGS, MEMBERS, MONTHS
from ..values import clean_name, format_date, format_money

TOTAL_MISMATCH = FindingType("total-mismatch", Level.ERROR, "合计与明细不符", "台账内部一致性：合计等于各项之和")
ATTENDANCE_OVER = FindingType("attendance-over", Level.ERROR, "实到人数多于应到人数", "台账内部一致性：实到人数不超过应到人数")
ATTENDANCE_ROLL = FindingType("attendance-roll", Level.WARNING, "应到人数与党员名册不符",
                              "台账内部一致性：应到人数为当日在册党员人数")
NAME_NOT_ON_ROLL = FindingType("name-not-on-roll", Level.WARNING, "姓名不在党员名册中",
                               "台账内部一致性：姓名与党员名册一致")

MONTH_KEYS = tuple(f"m{i}" for i in range(1, len(MONTHS) + 1))
# Meetings of the whole branch: everyone on the roll that day is expected. 支委会 expects the
# committee and 其他 anyone at all, so neither is compared with the roll.
WHOLE_BRANCH_MEETINGS = ("党员大会", "党课", "组织生活会", "民主评议党员", "集中学习")
GROUP_MEETING = "党小组会"
_NAME_SEPARATORS = re.compile(r"[、,，;；/]+")


def check_totals(ledger: Ledger, period: Period) -> Iterator[Finding]:
    for row in ledger.dues:
        total = row["total"]
        if isinstance(total, Decimal):
            months = _row_sum(row)
            if total != months:
                yield TOTAL_MISMATCH.at(row.cell("total"), f"{row['name']} 合计为{format_money(total)}元，"
                                        f"但1月至12月之和为{format_money(months)}元")
    totals = ledger.dues_total
    if totals is None:
        return
    for key in ("base", "monthly_due", *MONTH_KEYS, "total"):
        value = totals[key]
        if key not in totals.letters or not isinstance(value, Decimal):
            continue
        expected = sum((_row_sum(r) if key == "total" else r[key] or ZERO for r in ledger.dues), ZERO)
        if value != expected:
            yield TOTAL_MISMATCH.at(totals.cell(key), f"{DUES.name}合计行“{DUES.column(key).header}”为{format_money(value)}元，"
                                    f"但{len(ledger.dues)}行明细之和为{format_money(expected)}元；请检查合计公式的范围")


def check_attendance(ledger: Ledger, period: Period) -> Iterator[Finding]:
    for meeting in ledger.meetings:
        expected, present, day = meeting["expected"], meeting["present"], meeting["date"]
        if expected is not None and present is not None and present > expected:
            yield ATTENDANCE_OVER.at(meeting.cell("present"), f"{format_date(day)}{meeting['type']}实到{present}人，"
                                     f"多于应到{expected}人")
        # The roll only speaks for the report year; later rows are not judged before their time.
        if expected is None or not (period.year_start <= day <= period.end):
            continue
        roll = _expected_from_roll(ledger, meeting)
        if roll is None or roll[0] == expected:
            continue
        count, whom = roll
        yield ATTENDANCE_ROLL.at(meeting.cell("expected"), f"{format_date(day)}{meeting['type']}应到人数填写为{expected}人，"
                                 f"当日{whom}在册党员为{count}人")


def check_names(ledger: Ledger, period: Period) -> Iterator[Finding]:
    roll = roll_by_name(ledger.members)
    if not roll:
        return
    for meeting in ledger.meetings:
        for key in ("host", "speaker"):
            for name in _names(meeting[key]):
                if clean_name(name) not in roll:
                    header = MEETINGS.column(key).header
                    yield NAME_NOT_ON_ROLL.at(meeting.cell(key), f"{format_date(meeting['date'])}{meeting['type']}的{header}"
                                              f"“{name}”不在{MEMBERS.name}中；如为上级党组织或外请人员可忽略")
    for sheet, rows in ((DUES, ledger.dues), (COMMITTEE, ledger.committee)):
        for row in rows:
            if clean_name(row["name"]) not in roll:
                yield NAME_NOT_ON_ROLL.at(row.cell("name"), f"{sheet.name}中的“{row['name']}”不在{MEMBERS.name}中，"
                                          "请核对姓名是否与党员名册一致")


def _expected_from_roll(ledger: Ledger, meeting: Row) -> tuple[int, str] | None:
    day, kind = meeting["date"], meeting["type"]
    if kind in WHOLE_BRANCH_MEETINGS:
        return sum(is_member_on(m, day) for m in ledger.members), ""
    if kind == GROUP_MEETING and meeting["group"]:
        group = clean_name(meeting["group"])
        return sum(is_member_on(m, day) and clean_name(m["group"]) == group for m in ledger.members), meeting["group"]
    return None


def _row_sum(row: Row) -> Decimal:
    return sum((row[key] or ZERO for key in MONTH_KEYS), ZERO)


def _names(text: object) -> list[str]:
    return [part.strip(" \u3000") for part in _NAME_SEPARATORS.split(str(text or "")) if part.strip(" \u3000")]


CHECKS = [check_totals, check_attendance, check_names]
