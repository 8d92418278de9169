"""三会一课 and branch life: how often each meeting was held, and whether 支委会 had its quorum.

The figures come from `figures.life`, the same ones the report states, so a check and the
report never disagree. A shortfall is a warning: it is history the report must state plainly,
not a data error that should stop the report.
"""
from __future__ import annotations

from typing import Iterable

from ..figures import PeriodFigures
from ..figures.life import LifeItem
from ..figures.roll import members_on
from ..findings import Finding, FindingType, Level
from ..period import Period
from ..records import Ledger, Row
from ..schema import ACTIVITIES, MEETINGS
from ..values import format_date
from ..wording import frequency, gap_labels, life_name, verb_for
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
STUDY_CALENDAR_UNKNOWN = FindingType("study-calendar-unknown", Level.INFO, "节假日安排未知",
                                     "本地做法：法定节假日（含调休）不要求集中学习")

# Where the records a shortfall is about live: the key (日期) column of that sheet.
_SHEET_OF = {code: ACTIVITIES if code == "life-theme-day" else MEETINGS for code in LIFE_TYPES}


def check_frequencies(ledger: Ledger, figures: PeriodFigures) -> Iterable[Finding]:
    period = figures.period
    uncounted = _uncounted_sheets(ledger)
    for item in figures.life:
        if item.code == "life-weekly-study" and not item.calendar_known:
            yield STUDY_CALENDAR_UNKNOWN.at(
                sheet_address(ledger, MEETINGS),
                f"本程序的节假日日历未包含{period.name}的全部日期，集中学习未扣除法定节假日和调休；"
                "请核对缺少学习记录的日期是否为节假日")
        if item.met or item.code not in LIFE_TYPES or _SHEET_OF[item.code].key in uncounted:
            continue
        if item.code == "life-group-meeting" and _groups_uncounted(ledger):
            continue
        yield LIFE_TYPES[item.code].at(sheet_address(ledger, _SHEET_OF[item.code]), _shortfall(item, period))


def _uncounted_sheets(ledger: Ledger) -> set[str]:
    """Sheets with a row whose 日期 or type could not be read: its meeting may be the one "missing"."""
    return {sheet.key for sheet, rows in ((MEETINGS, ledger.meetings), (ACTIVITIES, ledger.activities))
            if not ledger.complete(sheet.key) or not all(r.known("date", "type") for r in rows)}


def _groups_uncounted(ledger: Ledger) -> bool:
    """A member's 党小组, or a 党小组会's, could not be read: which group met or is owed is not known."""
    return (not all(m.known("group") for m in ledger.members)
            or any(not m.known("group") for m in ledger.meetings if m["type"] == "党小组会"))


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
