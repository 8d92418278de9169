"""组织建设: elections and decisions, the committee's size and term, 预备党员 on the roll, 身份证号.

A 身份证号 is personal data: messages say what is wrong with it, never the number or any part of it.
"""
from __future__ import annotations

import re
from datetime import date
from typing import Iterable

from ..findings import Finding, FindingType, Level
from ..figures import PeriodFigures
from ..read.records import Ledger
from ..schema import COMMITTEE, MEMBERS
from ..figures.organisation import TERM_ENDED as ENDED, TERM_ENDING as ENDING
from ..figures.roll import members_on
from ..read.values import folded, format_date
from .common import add_months, overdue_probations, probation_findings, sheet_address

_REGULATION = "《中国共产党支部工作条例（试行）》"

_ELECTIONS = "《中国共产党基层组织选举工作条例》（2020）"

ELECTION_QUORUM = FindingType("election-quorum", Level.ERROR, "选举时到会人数不足",
                              f"{_ELECTIONS}：进行选举时，有选举权的到会人数超过应到会人数的五分之四，会议有效；"
                              "第五条：预备党员没有表决权、选举权和被选举权")
DECISION_QUORUM = FindingType("decision-quorum", Level.WARNING, "党员大会到会人数不足",
                              f"{_REGULATION}第十一条：党员大会须有半数以上有表决权的党员到会方可召开"
                              "（半数以上含半数）；《中国共产党章程》第七条：预备党员没有表决权")
TERM_EXTENSION_LONG = FindingType("committee-term-extension-long", Level.WARNING, "延期换届超过1年",
                                  f"{_ELECTIONS}第三条：延长或者提前期限一般不超过1年")
PROBATION_SHORT = FindingType("probation-short", Level.ERROR, "预备期未满即转正",
                              "《中国共产党章程》第七条；《中国共产党发展党员工作细则》第三十二条：预备期为一年")
PROBATION_EXTENSION_LONG = FindingType("probation-extension-long", Level.WARNING, "预备期延长超过一年",
                                       "《中国共产党章程》第七条：预备期可以延长，但不能超过一年")
COMMITTEE_SIZE = FindingType("committee-size", Level.WARNING, "支委会人数不符合规定",
                             f"{_REGULATION}：正式党员7人以上的党支部设立支部委员会，由3至5人组成，一般不超过7人；"
                             "不足7人的不设支部委员会，设书记1名，必要时设副书记1名")
TERM_ENDING = FindingType("committee-term-ending", Level.WARNING, "支委会任期即将届满",
                          f"{_REGULATION}第二十一条；中办《关于党的基层组织任期的意见》（2018）")
TERM_ENDED = FindingType("committee-term-ended", Level.ERROR, "支委会任期已届满",
                         f"{_REGULATION}第二十一条；中办《关于党的基层组织任期的意见》（2018）")
PROBATIONARY_OVERDUE = FindingType("probationary-overdue", Level.WARNING, "预备期满未转正",
                                   "《中国共产党发展党员工作细则》第三十二条：预备期为一年；延长的到延长期满")
ID_CHECK_DIGIT = FindingType("id-check-digit", Level.ERROR, "身份证号有误",
                             "GB 11643-1999《公民身份号码》：18位，最后一位为校验码")
ID_BIRTH = FindingType("id-birth-mismatch", Level.ERROR, "出生日期与身份证号不符",
                       "GB 11643-1999《公民身份号码》：第7至14位为出生日期")
ID_GENDER = FindingType("id-gender-mismatch", Level.ERROR, "性别与身份证号不符",
                        "GB 11643-1999《公民身份号码》：第17位奇数为男性，偶数为女性")


def check_quorum(ledger: Ledger, figures: PeriodFigures) -> Iterable[Finding]:
    for attended in figures.attendances:
        meeting, election = attended.meeting, attended.election
        entitled, voters = attended.entitled, attended.voters
        expected, present = meeting["expected"], meeting["present"]
        said = f"{format_date(meeting['date'])}{meeting['type']}应到{expected}人、实到{present}人"
        if (entitled, voters) != (expected, present):
            said += f"，其中有{'选举' if election else '表决'}权的正式党员应到{entitled}人、到会{voters}人{attended.how}"
        if election:
            if not attended.election_valid:
                yield ELECTION_QUORUM.at(meeting.cell("present"),
                                         f"{said}，换届选举要求有选举权的到会人数超过应到人数的五分之四"
                                         f"（{entitled}人的五分之四为{_fraction(entitled * 4, 5)}人），选举无效")
        elif not attended.decision_valid:
            yield DECISION_QUORUM.at(meeting.cell("present"), f"{said}，不到半数，会议作出的决定无效")


def _fraction(numerator: int, denominator: int) -> str:
    whole, rest = divmod(numerator, denominator)
    return str(whole) if not rest else f"{numerator / denominator:g}"


def check_committee_size(ledger: Ledger, figures: PeriodFigures) -> Iterable[Finding]:
    rules = ledger.rules
    needed = rules["committee_min_full_members"]
    smallest, largest = rules["committee_min_size"], rules["committee_max_size"]
    if not (figures.roll.certain and ledger.complete(MEMBERS.key) and ledger.complete(COMMITTEE.key)
            and all(m.known("confirmed", "member_type") for m in ledger.members)):
        return  # who counts as a full member, or who sits on the committee, is not known for sure
    full = figures.membership.full  # at the period's end
    size = len(ledger.committee)
    where = sheet_address(ledger, COMMITTEE)
    if full >= needed:
        if size == 0:
            yield COMMITTEE_SIZE.at(where, f"期末有正式党员{full}人（{needed}人以上），应设立支部委员会，"
                                           "但支委会成员表未填写")
        elif size < smallest:
            yield COMMITTEE_SIZE.at(where, f"期末有正式党员{full}人，支部委员会应由{smallest}人以上组成，"
                                           f"支委会成员表只有{size}人")
        elif size > largest:
            yield COMMITTEE_SIZE.at(where, f"支部委员会一般不超过{largest}人，支委会成员表有{size}人")
    elif size > 2:
        yield COMMITTEE_SIZE.at(where, f"期末正式党员{full}人，不足{needed}人，不设支部委员会（设书记、"
                                       f"必要时设副书记），支委会成员表却有{size}人")


def check_committee_term(ledger: Ledger, figures: PeriodFigures) -> Iterable[Finding]:
    term = figures.committee_term
    if term is None:
        return  # no 当选日期, or one that could not be read (it may be the latest election)
    basic = ledger.basic
    ends = term.due_end
    why = f"（支部类型为{basic['branch_kind']}）" if term.years_by_kind and basic["branch_kind"] else ""
    said = f"支委会于{format_date(term.elected['elected'])}当选，任期{term.years}年{why}，"
    extension = term.extension
    if extension is not None and extension["term_extended"] > add_months(ends, 12):
        yield TERM_EXTENSION_LONG.at(extension.cell("term_extended"),
                                     f"{said}{format_date(ends)}届满，延期至{format_date(extension['term_extended'])}，"
                                     "超过1年；延期一般不超过1年，请核对上级党组织的批复")
    if term.extended:
        said += f"{format_date(ends)}届满后经批准延期至{format_date(term.end)}，"
        if term.status == ENDED:
            yield TERM_ENDED.at(term.end_cell, f"{said}延长期已于{format_date(term.end)}届满，请及时换届")
        elif term.status == ENDING:
            yield TERM_ENDING.at(term.end_cell, f"{said}延长期将于{format_date(term.end)}届满，请提前做好换届准备")
    elif term.status == ENDED:
        yield TERM_ENDED.at(term.end_cell, f"{said}已于{format_date(ends)}届满，请及时换届（届满前一个月向上级党组织请示；"
                                                   "经上级党组织批准延期的，请在“任期延期至”列填写）")
    elif term.status == ENDING:
        yield TERM_ENDING.at(term.end_cell, f"{said}将于{format_date(ends)}届满，请提前做好换届准备")


def check_probationary(ledger: Ledger, figures: PeriodFigures) -> Iterable[Finding]:
    end = figures.period.end
    # The type first: it leaves a few rows of the roll to look at the dates of.
    probationary = members_on([m for m in ledger.members if m["member_type"] == "预备党员" and m.known("confirmed")], end)
    for member, ends in overdue_probations(ledger, probationary, since="joined", confirmed="confirmed", by=end):
        extended = "（已延长）" if member["probation_extended"] else ""
        yield PROBATIONARY_OVERDUE.at(member.cell("confirmed"),
                                      f"{member['name']}于{format_date(member['joined'])}入党，预备期{extended}已于{format_date(ends)}期满，"
                                      "至期末仍为预备党员且未填写转正日期；支部大会决定延长预备期的，请在“预备期延长至”列填写")
    # A member who joined as a 预备党员 long before the roll began (no 入党日期 in the year) is judged too.
    yield from probation_findings(ledger, ledger.members, since="joined", confirmed="confirmed", by=end,
                                  short=PROBATION_SHORT, long_extension=PROBATION_EXTENSION_LONG)


_CHECK_CHARS = "10X98765432"


class _BadId(ValueError):
    """A 身份证号 that is not one (its message never quotes the number)."""


_ID_18 = re.compile(r"\d{17}[\dX]")
_ID_15 = re.compile(r"\d{15}")


def _check_char(digits: str) -> str:
    """The 校验码 of the first 17 digits (GB 11643): 10X98765432 indexed by Σ digit × weight mod 11.

    The weights are 2¹⁷ … 2¹ mod 11, so the sum is 2 × (the digits read as a base-13 number) mod 11,
    for 13 ≡ 2 (mod 11): one int() where a digit-by-digit sum was most of the check's time.
    """
    return _CHECK_CHARS[2 * int(digits, 13) % 11]


def _id_parts(text: str) -> tuple[date, str]:
    """(birth date, gender) written in an ID number, or _BadId."""
    if _ID_18.fullmatch(text):
        if _check_char(text[:17]) != text[17]:
            raise _BadId("校验码（最后一位）不正确，可能有数字录入错误")
        digits, gender_digit = text[6:14], text[16]
    elif _ID_15.fullmatch(text):
        digits, gender_digit = "19" + text[6:12], text[14]
    else:
        raise _BadId(f"应为18位（最后一位可为X），现为{len(text)}个字符" if not re.search(r"[^\dX]", text)
                     else "含有数字和X以外的字符（若Excel将其存为数字，末几位会丢失，请把该列设为文本）")
    try:
        birth = date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        raise _BadId("其中的出生日期不是有效日期") from None
    return birth, "男" if int(gender_digit) % 2 else "女"


def check_id_numbers(ledger: Ledger, figures: PeriodFigures) -> Iterable[Finding]:
    for member in ledger.members:
        raw = member["id_number"]
        if not raw:
            continue
        # Without any space (str.split's are \s's); ASCII has nothing to fold (full-width digits, ｘ).
        text = "".join((raw if raw.isascii() else folded(raw)).split()).upper()
        try:
            birth, gender = _id_parts(text)
        except _BadId as exc:
            yield ID_CHECK_DIGIT.at(member.cell("id_number"), f"{member['name']}的身份证号{exc}")
            continue
        if member["birth"] and member["birth"] != birth:
            yield ID_BIRTH.at(member.cell("birth"), f"{member['name']}的出生日期（{format_date(member['birth'])}）"
                                                    "与身份证号中的出生日期不一致")
        if member["gender"] and member["gender"] != gender:
            yield ID_GENDER.at(member.cell("gender"), f"{member['name']}的性别（{member['gender']}）"
                                                      "与身份证号不一致")


CHECKS = [check_quorum, check_committee_size, check_committee_term, check_probationary, check_id_numbers]
