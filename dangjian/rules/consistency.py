"""一致性核对: totals the workbook holds, attendance against the roll, names against 党员名册.

A total is judged only when the cell holds a number: typed, or a formula's value as the
spreadsheet last computed it. A formula saved without a value is left alone (the workbook computes
it); our own figures are always summed from the rows, never taken from a total.
"""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Iterator

from ..figures import PeriodFigures
from ..figures.dues import ZERO
from ..figures.roll import Roll
from ..findings import Finding, FindingType, Level
from ..read.records import Ledger, Row
from ..schema import (
    ACTIVITIES, COMMITTEE, DEVELOPMENT, DUES, MEETINGS, MEMBERS, MONTH_KEYS, NARRATIVE, NARRATIVE_KINDS,
)
from ..read.values import clean_name, format_date, format_money
from .common import sheet_address

TOTAL_MISMATCH = FindingType("total-mismatch", Level.ERROR, "合计与明细不符", "台账内部一致性：合计等于各项之和")
ATTENDANCE_OVER = FindingType("attendance-over", Level.ERROR, "实到人数多于应到人数", "台账内部一致性：实到人数不超过应到人数")
ATTENDANCE_ROLL = FindingType("attendance-roll", Level.WARNING, "应到人数与党员名册不符",
                              "台账内部一致性：应到人数为当日在册党员人数（党员大会也可只计有表决权的正式党员）")
NAME_NOT_ON_ROLL = FindingType("name-not-on-roll", Level.WARNING, "姓名不在党员名册中",
                               "台账内部一致性：姓名与党员名册一致")
ROLL_DEVELOPMENT = FindingType("roll-development-mismatch", Level.WARNING, "党员名册与发展党员表不一致",
                               "台账内部一致性：入党日期即接收预备党员日期，转正日期即转为正式党员日期")
ADMITTED_NOT_ON_ROLL = FindingType("admitted-not-on-roll", Level.WARNING, "已接收的预备党员不在党员名册中",
                                   "台账内部一致性：支部大会接收的预备党员即为本支部党员，应列入党员名册")
# An empty sheet would otherwise check clean: with nobody on the roll nothing is owed at all.
ROSTER_EMPTY = FindingType("roster-empty", Level.WARNING, "党员名册没有数据", "台账内部一致性：党员名册列出本支部全部党员")
MEETINGS_EMPTY = FindingType("meetings-empty", Level.WARNING, "会议记录没有数据", "台账内部一致性：三会一课逐次记录")
# An error: the report would be a title and a signature, which no secretary means to file.
REPORT_EMPTY = FindingType("report-empty", Level.ERROR, "报告期间没有会议和活动", "工作情况报告应写明期间开展的工作")
NARRATIVE_EMPTY = FindingType("narrative-empty", Level.WARNING, "问题与打算没有内容", "工作情况报告应写明存在问题和下步打算")

# Meetings of the whole branch: everyone on the roll that day is expected. 支委会 expects the
# committee and 其他 anyone at all, so neither is compared with the roll.
WHOLE_BRANCH_MEETINGS = ("党员大会", "党课", "组织生活会", "民主评议党员", "集中学习")
GROUP_MEETING = "党小组会"
VOTING_MEETING = "党员大会"
_NAME_SEPARATORS = re.compile(r"[、,，;；/]+")


def check_totals(ledger: Ledger, figures: PeriodFigures) -> Iterator[Finding]:
    """合计 against the cells it sums; a cell that could not be read leaves its totals unjudged.

    A number typed as text has its own finding (text-number); a spreadsheet's SUM skips it, so a
    total that differs by exactly those cells names them instead of blaming the formula.
    """
    for row in ledger.dues:
        total = row["total"]
        if isinstance(total, Decimal) and row.known(*MONTH_KEYS):
            months = _row_sum(row)
            if total != months:
                text = [(row, key) for key in MONTH_KEYS if key in row.text_numbers]
                yield TOTAL_MISMATCH.at(row.cell("total"), f"{row['name']} 合计为{format_money(total)}元，"
                                        f"但1月至12月之和为{format_money(months)}元" + _skipped_text(total, months, text))
    totals = ledger.dues_total
    if totals is None or not ledger.complete(DUES.key):
        return
    for key in ("base", "monthly_due", *MONTH_KEYS, "total"):
        value = totals[key]
        if key not in totals.letters or not isinstance(value, Decimal):
            continue
        feeding = MONTH_KEYS if key == "total" else (key,)
        if not all(r.known(*feeding) for r in ledger.dues):
            continue
        expected = sum((_row_sum(r) if key == "total" else r[key] or ZERO for r in ledger.dues), ZERO)
        if value != expected:
            text = [(r, k) for r in ledger.dues for k in feeding if k in r.text_numbers]
            reason = _skipped_text(value, expected, text) or "；请检查合计公式的范围"
            yield TOTAL_MISMATCH.at(totals.cell(key), f"{DUES.name}合计行“{DUES.column(key).header}”为{format_money(value)}元，"
                                    f"但{len(ledger.dues)}行明细之和为{format_money(expected)}元" + reason)


def _skipped_text(total: Decimal, expected: Decimal, text: list[tuple[Row, str]]) -> str:
    """Why a total is short when the cells typed as text make up the difference exactly; else ''."""
    if not text or expected - total != sum((row[key] for row, key in text), ZERO):
        return ""
    cells = "、".join(row.cell(key).partition("!")[2] for row, key in text)
    return f"，相差的正是文本格式的数字{cells}（合计公式不计入文本），请把这些单元格改为数字"


def check_empty_sheets(ledger: Ledger, figures: PeriodFigures) -> Iterator[Finding]:
    period = figures.period
    if not ledger.members:
        yield ROSTER_EMPTY.at(sheet_address(ledger, MEMBERS), f"{MEMBERS.name}没有任何党员，应到人数、党费、"
                              "三会一课次数等都无法核对；请先填写党员名册")
    held = any(m["date"] in period for m in ledger.meetings) or any(a["date"] in period for a in ledger.activities)
    if not held and ledger.complete(MEETINGS.key) and ledger.complete(ACTIVITIES.key):
        # Said once, as the reason the report cannot be written; an empty 会议记录 is part of it.
        yield REPORT_EMPTY.at(sheet_address(ledger, MEETINGS), f"{period.name}没有任何会议记录和活动记录，"
                              "报告将只有标题、开头和落款；请先补填会议记录、活动记录（确需生成时可加 --force）")
    elif not ledger.meetings:
        yield MEETINGS_EMPTY.at(sheet_address(ledger, MEETINGS), f"{MEETINGS.name}没有任何会议，"
                                f"{period.name}的三会一课无法核对，报告中也没有会议情况；请补填会议记录")
    kinds = {n["kind"] for n in ledger.narrative}
    if ledger.complete(NARRATIVE.key) and all(n.known("kind") for n in ledger.narrative):
        for kind, part in zip(NARRATIVE_KINDS, ("二", "三")):
            if kind not in kinds:
                yield NARRATIVE_EMPTY.at(sheet_address(ledger, NARRATIVE), f"{NARRATIVE.name}中没有类别为“{kind}”的内容，"
                                         f"报告将不写第{part}部分（{kind}）；如需写入，请在{NARRATIVE.name}中填写")


def check_attendance(ledger: Ledger, figures: PeriodFigures) -> Iterator[Finding]:
    compared: dict[str, list[tuple[Row, int, str]]] = {}
    off_roll: set[str] = set()  # the rolls (the branch "", a 党小组) that some meeting's 应到 is off
    period = figures.period
    year_start, end = period.year_start, period.end
    roll_known = (figures.roll.certain and ledger.complete(MEMBERS.key)
                  and all(m.known("group") for m in ledger.members))
    for meeting in ledger.meetings:
        expected, present, day = meeting["expected"], meeting["present"], meeting["date"]
        if expected is not None and present is not None and present > expected:
            yield ATTENDANCE_OVER.at(meeting.cell("present"), f"{format_date(day)}{meeting['type']}实到{present}人，"
                                     f"多于应到{expected}人")
        # The roll only speaks for the report year; later rows are not judged before their time.
        # A roll with a member whose dates could not be read (or a row without 姓名) counts nobody surely.
        if expected is None or not (year_start <= day <= end) or not roll_known:
            continue
        roll = _expected_from_roll(figures.roll, meeting)
        if roll is not None:
            compared.setdefault(roll[1], []).append((meeting, *roll))
            if expected != roll[0]:
                off_roll.add(roll[1])
    # One finding per run of meetings off by the same number: a member moving out mid-year whose
    # departure never reached 应到人数 is one thing to fix, not one warning per later meeting
    # (it was 29 for one member). The run is kept, not dropped, because the mismatch is real:
    # 转出日期 is the first day off the roll (figures.roll.is_member_on, as for dues), so the meeting on
    # that day and every later one really expect one fewer. The difference, not the two counts,
    # defines the run, so an admission in between (both counts rise) does not split it; a meeting
    # that matches the roll ends it. Each roll (the branch, each 党小组) has its own runs.
    for whom, meetings in compared.items():
        if whom not in off_roll:
            continue  # every meeting matches this roll: no run to find
        meetings.sort(key=lambda item: (item[0]["date"], item[0].line))
        run: list[tuple[Row, int, str]] = []
        for item in [*meetings, None]:
            gap = item[0]["expected"] - item[1] if item else 0
            if run and gap != run[0][0]["expected"] - run[0][1]:
                yield _roll_mismatch(run)
                run = []
            if gap:
                run.append(item)


def _roll_mismatch(run: list[tuple[Row, int, str]]) -> Finding:
    first, count, whom = run[0]
    if len(run) == 1:
        return ATTENDANCE_ROLL.at(first.cell("expected"), f"{format_date(first['date'])}{first['type']}应到人数填写为"
                                  f"{first['expected']}人，当日{whom}在册党员为{count}人")
    last = run[-1][0]
    cells = sorted((m.line, m.cell("expected")) for m, _, _ in run)
    where = f"{cells[0][1]}:{cells[-1][1].partition('!')[2]}"
    kinds = "、".join(dict.fromkeys(m["type"] for m, _, _ in run))
    lines = [str(line) for line, _ in cells]
    shown = "、".join(lines[:10]) + ("等" if len(lines) > 10 else "")
    gap = first["expected"] - count
    until = format_date(last["date"], with_year=last["date"].year != first["date"].year)
    return ATTENDANCE_ROLL.at(where, f"{format_date(first['date'])}至{until}的{len(run)}次{whom}{kinds}（第{shown}行）"
                              f"应到人数都比当日{whom}在册党员人数{'多' if gap > 0 else '少'}{abs(gap)}人；"
                              "请核对党员名册的入党、转入、转出日期，或按当日名册更新应到人数")


def check_names(ledger: Ledger, figures: PeriodFigures) -> Iterator[Finding]:
    roll = figures.roll.by_name
    if not roll or not ledger.complete(MEMBERS.key):
        return  # a roll row without its 姓名 may be the very name looked for
    strangers: dict[object, list[str]] = {}  # by 主持人/主讲人 text: a few hosts hold thousands of meetings
    for meeting in ledger.meetings:
        for key in ("host", "speaker"):
            text = meeting[key]
            if text not in strangers:
                strangers[text] = [name for name in _names(text) if clean_name(name) not in roll]
            for name in strangers[text]:
                header = MEETINGS.column(key).header
                yield NAME_NOT_ON_ROLL.at(meeting.cell(key), f"{format_date(meeting['date'])}{meeting['type']}的{header}"
                                          f"“{name}”不在{MEMBERS.name}中；如为上级党组织或外请人员可忽略")
    for sheet, rows in ((DUES, ledger.dues), (COMMITTEE, ledger.committee)):
        for row in rows:
            if clean_name(row["name"]) not in roll:
                yield NAME_NOT_ON_ROLL.at(row.cell("name"), f"{sheet.name}中的“{row['name']}”不在{MEMBERS.name}中，"
                                          "请核对姓名是否与党员名册一致")


def check_roll_against_development(ledger: Ledger, figures: PeriodFigures) -> Iterator[Finding]:
    """A person on both sheets has one admission date, one 转正 date and a 党员类别 that fits them.

    The finding sits on the roll: the 党员名册 decides membership everywhere else (dues, attendance).
    """
    roll, period = figures.roll.by_name, figures.period
    for person in ledger.development:
        member = roll.get(clean_name(person["name"]))
        if member is None:
            if person["admitted"] and person["admitted"] <= period.end and ledger.complete(MEMBERS.key):
                yield ADMITTED_NOT_ON_ROLL.at(person.cell("admitted"), f"{person['name']}已于{format_date(person['admitted'])}"
                                              f"接收为预备党员，但不在{MEMBERS.name}中；转出的党员也应保留在名册中并填写转出日期")
            continue
        name = member["name"]
        for roll_key, dev_key in (("joined", "admitted"), ("confirmed", "full_member")):
            if not (member.known(roll_key) and person.known(dev_key)):
                continue
            if member[roll_key] != person[dev_key] and (person[dev_key] or roll_key == "confirmed"):
                yield ROLL_DEVELOPMENT.at(member.cell(roll_key), f"{name}的{MEMBERS.column(roll_key).header}"
                                          f"{_shown_date(member[roll_key])}，{DEVELOPMENT.name}中"
                                          f"{DEVELOPMENT.column(dev_key).header}{_shown_date(person[dev_key])}"
                                          f"（{person.cell(dev_key)}），两处应一致")
        if not (member.known("confirmed", "member_type") and person.known("full_member", "admitted")):
            continue
        confirmed = member["confirmed"] or person["full_member"]
        kind = member["member_type"]
        if kind == "预备党员" and confirmed and confirmed <= period.end:
            yield ROLL_DEVELOPMENT.at(member.cell("member_type"), f"{name}已于{format_date(confirmed)}转为正式党员，"
                                      f"{MEMBERS.name}中党员类别仍为“预备党员”")
        elif kind == "正式党员" and person["admitted"] and not confirmed:
            yield ROLL_DEVELOPMENT.at(member.cell("member_type"), f"{name}于{format_date(person['admitted'])}接收为预备党员，"
                                      f"{MEMBERS.name}和{DEVELOPMENT.name}中都没有转正日期，党员类别却为“正式党员”")
        elif kind == "正式党员" and confirmed and confirmed > period.end:
            yield ROLL_DEVELOPMENT.at(member.cell("member_type"), f"{name}{format_date(confirmed)}才转为正式党员，"
                                      f"期末党员类别应为“预备党员”")


def _shown_date(day: object) -> str:
    return f"为{format_date(day)}" if day else "未填写"


def _expected_from_roll(roll: Roll, meeting: Row) -> tuple[int, str] | None:
    day, kind = meeting["date"], meeting["type"]
    if kind == VOTING_MEETING and meeting["expected"] != roll.on(day):
        # 应到 may count those with a vote (预备党员 have none, 党章第七条): the full members that day.
        voters = roll.full_count(day)
        if meeting["expected"] == voters:
            return voters, ""
    if kind in WHOLE_BRANCH_MEETINGS:
        return roll.on(day), ""
    if kind == GROUP_MEETING and meeting["group"]:
        return roll.on(day, group=meeting["group"]), meeting["group"]
    return None


def _row_sum(row: Row) -> Decimal:
    return sum((row[key] or ZERO for key in MONTH_KEYS), ZERO)


def _names(text: object) -> list[str]:
    return [part.strip(" \u3000") for part in _NAME_SEPARATORS.split(str(text or "")) if part.strip(" \u3000")]


CHECKS = [check_empty_sheets, check_totals, check_attendance, check_names, check_roll_against_development]
