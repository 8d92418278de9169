"""三会一课 and branch life: how often each meeting was held, and whether 支委会 had its quorum.

The figures come from `figures.life`, the same ones the report states, so a check and the
report never disagree. A shortfall is a warning: it is history the report must state plainly,
not a data error that should stop the report.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Iterable

from ..figures import PeriodFigures
from ..figures.life import Gap, LifeItem
from ..figures.roll import members_on
from ..findings import Finding, FindingType, Level
from ..period import Period
from ..read.records import Ledger, Row
from ..schema import ACTIVITIES, MEETINGS, Sheet
from ..read.values import format_date
from ..wording import cut_short, frequency, gap_labels, life_name, verb_for
from .common import sheet_address

_REGULATION = "《中国共产党支部工作条例（试行）》"

LIFE_TYPES = {
    "life-general-meeting": FindingType("life-general-meeting", Level.WARNING, "党员大会次数不足",
                                        f"{_REGULATION}第十一条：党员大会一般每季度召开1次"),
    "life-committee-meeting": FindingType("life-committee-meeting", Level.WARNING, "支委会次数不足",
                                          f"{_REGULATION}第十二条：支部委员会一般每月召开1次"),
    "life-group-meeting": FindingType("life-group-meeting", Level.WARNING, "党小组会次数不足",
                                      f"{_REGULATION}第十三条：党小组会一般每月召开1次"),
    "life-lecture": FindingType("life-lecture", Level.WARNING, "党课次数不足",
                                f"{_REGULATION}第十六条（每季度1次为本地做法）"),
    "life-theme-day": FindingType("life-theme-day", Level.WARNING, "主题党日次数不足",
                                  f"{_REGULATION}：每月相对固定1天开展主题党日"),
    "life-organisation-meeting": FindingType("life-organisation-meeting", Level.WARNING, "未召开组织生活会",
                                             f"{_REGULATION}第十七条：组织生活会一般每年召开1次"),
    "life-member-review": FindingType("life-member-review", Level.WARNING, "未开展民主评议党员",
                                      f"{_REGULATION}第十七条：每年开展民主评议党员"),
    "life-weekly-study": FindingType("life-weekly-study", Level.WARNING, "集中学习次数不足",
                                     "本地做法：每周学习日集中学习，法定节假日（含调休放假）不计，普通周末照常"),
}
COMMITTEE_QUORUM = FindingType("life-committee-quorum", Level.WARNING, "支委会到会人数不足",
                               f"{_REGULATION}第十二条：支部委员会会议须有半数以上委员到会方能召开（半数以上含半数）")
LIFE_HELD_BACK = FindingType("life-held-back", Level.INFO, "三会一课部分次数暂不核对",
                             "一行的日期、类型或党小组无法读取时，它可能正是所缺的那次会议，不据此判断次数不足")
STUDY_CALENDAR_UNKNOWN = FindingType("study-calendar-unknown", Level.INFO, "节假日安排未知",
                                     "本地做法：法定节假日（含调休）不要求集中学习")

# Where the records a shortfall is about live: the key (日期) column of that sheet.
_SHEET_OF = {code: ACTIVITIES if code == "life-theme-day" else MEETINGS for code in LIFE_TYPES}


def check_frequencies(ledger: Ledger, figures: PeriodFigures) -> Iterable[Finding]:
    period = figures.period
    unsure: dict[str, _Unsure] = {}  # by sheet, made when a shortfall needs it
    held_back: dict[str, list[LifeItem]] = {sheet.key: [] for sheet in (MEETINGS, ACTIVITIES)}
    for item in figures.life:
        if item.code == "life-weekly-study" and not item.calendar_known:
            yield STUDY_CALENDAR_UNKNOWN.at(
                sheet_address(ledger, MEETINGS),
                f"本程序的节假日日历未包含{period.name}的全部日期，集中学习未扣除法定节假日和调休；"
                "请核对缺少学习记录的日期是否为节假日")
        if item.met or item.code not in LIFE_TYPES:
            continue
        if item.code == "life-group-meeting" and not all(m.known("group") for m in ledger.members):
            continue  # which 党小组 owes a meeting is not known
        sheet = _SHEET_OF[item.code]
        if sheet.key not in unsure:
            unsure[sheet.key] = _Unsure(sheet, _unsure_rows(ledger, sheet))
        held = tuple(gap for gap in item.missing if unsure[sheet.key].alike(item, gap))
        if held:
            held_back[sheet.key].append(replace(item, missing=held))
        if len(held) < len(item.missing):
            kept = replace(item, missing=tuple(gap for gap in item.missing if gap not in held))
            yield LIFE_TYPES[item.code].at(sheet_address(ledger, sheet), _shortfall(kept, period))
    for sheet in (MEETINGS, ACTIVITIES):
        if held_back[sheet.key]:
            yield _held_back(sheet, held_back[sheet.key], unsure[sheet.key], period)


# The 会议类型 (活动类型) each frequency rule counts.
_KIND_OF = {"life-general-meeting": "党员大会", "life-committee-meeting": "支委会", "life-group-meeting": "党小组会",
            "life-lecture": "党课", "life-theme-day": "主题党日", "life-organisation-meeting": "组织生活会",
            "life-member-review": "民主评议党员", "life-weekly-study": "集中学习"}
_ANY = object()  # a row whose 日期 (or 党小组) is unknown could be in any unit (or group)


def _unsure_rows(ledger: Ledger, sheet: Sheet) -> list[Row]:
    """Rows of the sheet that might be a meeting a rule counts, had the cell that could not be read
    been readable: a blank or unreadable 日期 (kept aside by the reader) or type, or a 党小组会's 党小组."""
    rows: tuple[Row, ...] = getattr(ledger, sheet.key)
    return [*ledger.keyless.get(sheet.key, ()),
            *(r for r in rows if not r.known("type") or sheet is MEETINGS and r["type"] == "党小组会"
              and not r.known("group"))]


def _unit(day: date, per: str) -> tuple:
    """The month, quarter, year or ISO week `day` falls in, as the figures count them."""
    if per == "week":
        return per, *day.isocalendar()[:2]
    if per == "year":
        return per, day.year
    return per, day.year, day.month if per == "month" else (day.month - 1) // 3 + 1


def _gap_unit(gap: Gap, per: str) -> tuple:
    if per == "week":
        return _unit(gap.day, per)
    return (per, gap.year) if per == "year" else (per, gap.year, gap.number)


class _Unsure:
    """The rows that could not be read in full, indexed by what each could be: (rule, group, unit).

    Holding back only what such a row could be keeps every other shortfall: a 党小组会 with an
    unreadable 日期 leaves the other groups', the 党员大会's and the 支委会's counts to be judged.
    Rows alike in what could be read of them (type, 党小组, 日期) are indexed once: a hostile sheet
    may hold tens of thousands of them.
    """

    def __init__(self, sheet: Sheet, rows: list[Row]) -> None:
        self._rows: dict[tuple, list[Row]] = {}
        for row in rows:
            readable = (row["type"] if row.known("type") else _ANY,
                        (row["group"] or "") if sheet is MEETINGS and row.known("group") else _ANY,
                        row["date"] if row.known("date") else _ANY)
            self._rows.setdefault(readable, []).append(row)
        self._could_be: dict[tuple, list[tuple]] = {}
        counted = {code: kind for code, kind in _KIND_OF.items() if _SHEET_OF[code] is sheet}
        for readable in self._rows:
            kind_read, group_read, day = readable
            units = [_ANY] if day is _ANY else [_unit(day, per) for per in ("month", "quarter", "year", "week")]
            for code, kind in counted.items():
                if kind_read is not _ANY and kind_read != kind:
                    continue
                # A 党小组会 without a group counts for none (figures.life), so it fills no group's gap.
                group = group_read if code == "life-group-meeting" else _ANY
                for unit in units:
                    self._could_be.setdefault((code, group, unit), []).append(readable)

    def alike(self, item: LifeItem, gap: Gap) -> list[tuple]:
        """What could be read of the rows that might be the meeting `gap` lacks."""
        groups = (_ANY, gap.group or "") if item.code == "life-group-meeting" else (_ANY,)
        return [readable for group in groups for unit in (_ANY, _gap_unit(gap, item.per))
                for readable in self._could_be.get((item.code, group, unit), ())]

    def rows(self, alike: Iterable[tuple]) -> list[Row]:
        return sorted((row for readable in set(alike) for row in self._rows[readable]), key=lambda r: r.line)


def _held_back(sheet: Sheet, items: list[LifeItem], unsure: _Unsure, period: Period) -> Finding:
    """One 提示 at the unreadable cells: which counts were not judged, and why."""
    rows = unsure.rows(readable for item in items for gap in item.missing for readable in unsure.alike(item, gap))
    cells = [row.cell(key) for row in rows for key in ("date", "type", "group") if not row.known(key)]
    said = "、".join(cut_short((f"第{row.line}行{_row_unread(row, sheet)}" for row in rows), counter="行"))
    counts = "；".join(f"{'、'.join(gap_labels(item, period))}{'所在周' if item.per == 'week' else ''}的"
                      f"{_KIND_OF[item.code]}次数" for item in items)
    these = "这些会议" if len(rows) > 1 else "这次会议"
    if sheet is ACTIVITIES:
        these = these.replace("会议", "活动")
    return LIFE_HELD_BACK.at(
        _span(cells),
        f"{sheet.name}{said}无法读取，{these}可能正是所缺的那一次，以下次数暂不核对：{counts}；"
        "改正后重新校验即可核对")


def _row_unread(row: Row, sheet: Sheet) -> str:
    """第12行“（党小组会，第一党小组）的日期”: what of the row could be read, then what could not."""
    unread = [sheet.column(key).header for key in ("date", "type", "group") if not row.known(key)]
    known = []
    if row.known("date"):
        known.append(format_date(row["date"]))
    if row.known("type"):
        known.append(str(row["type"]))
    if sheet is MEETINGS and row.known("group") and row["group"] and row["type"] == "党小组会":
        known.append(str(row["group"]))
    return (f"（{'，'.join(known)}）" if known else "") + f"的{'、'.join(unread)}"


def _span(cells: list[str]) -> str:
    """One cell, or the range holding them all ('会议记录!B12:C20')."""
    if len(cells) == 1:
        return cells[0]
    sheet = cells[0].partition("!")[0]
    places = [_split_cell(c.partition("!")[2]) for c in cells]
    columns = sorted({letters for letters, _ in places}, key=lambda letters: (len(letters), letters))
    lines = [line for _, line in places]
    return f"{sheet}!{columns[0]}{min(lines)}:{columns[-1]}{max(lines)}"


def _split_cell(cell: str) -> tuple[str, int]:
    letters = cell.rstrip("0123456789")
    return letters, int(cell[len(letters):])


def _shortfall(item: LifeItem, period: Period) -> str:
    verb = verb_for(life_name(item))
    missing = "、".join(gap_labels(item, period))
    if item.code == "life-weekly-study":
        return (f"{missing}所在的周没有集中学习记录（{frequency(item)}集中学习一次，法定节假日和调休放假日不计；"
                f"本期应学习{item.owed}次，记录{item.held}次）")
    name = "支委会" if item.code == "life-committee-meeting" else life_name(item)
    rule = f"{frequency(item)}至少{item.minimum}次"
    if item.per != "year":
        rule += f"，本期共{verb}{item.held}次"
    if item.minimum > 1:
        return f"{missing}{verb}{name}少于{item.minimum}次（{rule}）"
    return f"{missing}未{verb}{name}（{rule}）"


def check_committee_quorum(ledger: Ledger, figures: PeriodFigures) -> Iterable[Finding]:
    if not figures.has_committee:
        return
    for meeting in ledger.meetings:
        if meeting["type"] != "支委会" or meeting["date"] not in figures.period or meeting["present"] is None:
            continue
        size, source = _committee_size(ledger, meeting)
        # 半数以上 includes half itself (以上 counts the number, as in statute drafting).
        if not size or meeting["present"] * 2 >= size:
            continue
        yield COMMITTEE_QUORUM.at(
            meeting.cell("present"),
            f"{format_date(meeting['date'])}支委会实到{meeting['present']}人，{source}{size}人，"
            f"不到半数，会议不能有效召开")


def _committee_size(ledger: Ledger, meeting: Row) -> tuple[int, str]:
    # The 支委会成员 sheet lists the committee at the period end; without it, those holding a
    # branch role on the day, and failing that the meeting's own 应到人数.
    if ledger.committee:
        return len(ledger.committee), "支委会成员表中委员共"
    roles = [m for m in members_on(ledger.members, meeting["date"]) if m["branch_role"]]
    if roles:
        return len(roles), "党员名册中担任支部职务的共"
    return meeting["expected"] or 0, "应到"


CHECKS = [check_frequencies, check_committee_quorum]
