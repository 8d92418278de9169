"""发展党员: each person's timeline on the 发展党员 sheet, judged date by date.

Every finding sits at the date cell that breaks the rule (or, for a step not taken, at the
blank cell to fill). Deadlines are judged as of the period end.
"""
from __future__ import annotations

from datetime import date
from typing import Iterable

from ..findings import Finding, FindingType, Level
from ..figures import PeriodFigures
from ..figures.development import Step
from ..figures.roll import is_full_member, is_member_on, listed_names
from ..read.records import Ledger, Row
from ..schema import DEVELOPMENT, MEMBERS
from ..read.values import format_date, is_mobile_number
from .common import add_months, overdue_probations, probation_findings

_RULES = "《中国共产党发展党员工作细则》"

AGE = FindingType("dev-age", Level.ERROR, "申请入党时未满18周岁", f"{_RULES}第五条：年满十八岁")
TALK_LATE = FindingType("dev-talk-late", Level.WARNING, "未在一个月内谈话",
                        f"{_RULES}第七条：党组织应在收到入党申请书后一个月内派人同入党申请人谈话")
ACTIVIST_SHORT = FindingType("dev-activist-short", Level.ERROR, "积极分子培养期不足",
                             f"{_RULES}第十三条：经过一年以上培养教育和考察")
NO_REVIEW = FindingType("dev-no-review", Level.ERROR, "接收前未进行政治审查", f"{_RULES}：发展对象未经政治审查，不能发展入党")
NO_TRAINING = FindingType("dev-no-training", Level.ERROR, "接收前未参加集中培训",
                          f"{_RULES}第十七条：集中培训一般不少于3天（或不少于24个学时）")
APPROVAL_LATE = FindingType("dev-approval-late", Level.WARNING, "上级党委未在期限内审批",
                            f"{_RULES}：上级党委一般应在3个月内审批")
APPROVAL_OVERDUE = FindingType("dev-approval-overdue", Level.ERROR, "上级党委审批超过最长期限",
                               f"{_RULES}：因特殊情况可适当延长审批时间，但最长不得超过六个月")
PROBATION_SHORT = FindingType("dev-probation-short", Level.ERROR, "预备期未满即转正",
                              f"{_RULES}第三十二条；《中国共产党章程》第七条：预备期为一年")
PROBATION_EXTENSION_LONG = FindingType("dev-probation-extension-long", Level.WARNING, "预备期延长超过一年",
                                       "《中国共产党章程》第七条：预备期可以延长，但不能超过一年")
DATE_ORDER = FindingType("dev-date-order", Level.ERROR, "发展党员日期先后颠倒",
                         f"{_RULES}：申请、谈话、积极分子、发展对象、政审和培训、支委会审查、党委预审、接收、审批、转正依次进行")
PROBATION_OVERDUE = FindingType("dev-probation-overdue", Level.WARNING, "预备期满未转正",
                                f"{_RULES}第三十二条：预备期为一年（延长的到延长期满），期满时党支部应及时讨论其能否转正")
SPONSOR_NOT_FULL = FindingType("dev-sponsor-not-full", Level.ERROR, "入党介绍人不是正式党员",
                               "《中国共产党章程》第五条：申请入党的人，要填写入党志愿书，要有两名正式党员作介绍人")
SPONSOR_COUNT = FindingType("dev-sponsor-count", Level.WARNING, "入党介绍人不是两名",
                            "《中国共产党章程》第五条：申请入党的人，要填写入党志愿书，要有两名正式党员作介绍人")
NOTICE_SHORT = FindingType("dev-notice-short", Level.WARNING, "发展党员公示天数不足",
                           "规则设置“发展党员公示最少天数”（各地各单位规定的公示期）")
CONTACT_MOBILE = FindingType("dev-contact-mobile", Level.WARNING, "公示联系电话像是手机号码",
                             "发展党员公示只写党支部、上级党委的办公电话，不公开个人手机号码")
NOTICE_LATE = FindingType("dev-notice-late", Level.ERROR, "公示期满前作出决定",
                          "发展党员公示制：公示期满、对反映的问题调查核实后，才能提交支部委员会或支部大会讨论")

# The pipeline's steps in order; 政治审查 and 集中培训 are one step taken in either order.
_STAGES: tuple[tuple[str, ...], ...] = (
    ("applied",), ("talked",), ("activist",), ("candidate",), ("reviewed", "trained"), ("committee_reviewed",),
    ("pre_reviewed",), ("admitted",), ("approved",), ("full_member",),
)
# Each 公示 the sheet records: (first day, last day, the decision it must precede, what was 公示ed).
NOTICES = (
    ("candidate_notice_from", "candidate_notice_to", "candidate", "拟确定为发展对象"),
    ("admission_notice_from", "admission_notice_to", "admitted", "拟接收为预备党员"),
    ("confirmation_notice_from", "confirmation_notice_to", "full_member", "拟转为正式党员"),
)


def _header(key: str) -> str:
    return DEVELOPMENT.column(key).header


def _said(person: Row, key: str) -> str:
    return f"{_header(key)}（{format_date(person[key])}）"


_STAGE_KEYS = tuple(key for stage in _STAGES for key in stage)


def check_date_order(ledger: Ledger, figures: PeriodFigures) -> Iterable[Finding]:
    for person in ledger.development:
        # Dates already in order, stage after stage, cannot be out of order: only a person whose
        # dates go back somewhere is walked stage by stage (a stage's own dates may go either way).
        days = [day for day in map(person.__getitem__, _STAGE_KEYS) if day]
        if days == sorted(days):
            continue
        latest: tuple[str, date] | None = None
        for stage in _STAGES:
            filled = [k for k in stage if person[k]]
            for key in filled:
                if latest and person[key] < latest[1]:
                    yield DATE_ORDER.at(person.cell(key), f"{person['name']}的{_said(person, key)}早于"
                                                          f"{_said(person, latest[0])}，请核对日期")
            if filled:
                key = max(filled, key=lambda k: person[k])
                if not latest or person[key] >= latest[1]:
                    latest = (key, person[key])


def check_age(ledger: Ledger, figures: PeriodFigures) -> Iterable[Finding]:
    minimum = ledger.rules["min_applicant_age"]
    for person in ledger.development:
        birth, applied = person["birth"], person["applied"]
        if not (birth and applied):
            continue
        if applied < add_months(birth, 12 * minimum):
            age = applied.year - birth.year - ((applied.month, applied.day) < (birth.month, birth.day))
            yield AGE.at(person.cell("applied"), f"{person['name']}{_said(person, 'applied')}时未满{minimum}周岁"
                                                 f"（出生日期{format_date(birth)}，当时{age}周岁）")


def check_activist_period(ledger: Ledger, figures: PeriodFigures) -> Iterable[Finding]:
    months = ledger.rules["activist_months"]
    for timeline in figures.timelines:
        person, candidate = timeline.person, timeline.step("candidate")
        # A 发展对象 date before the 积极分子 one is a dev-date-order finding, not a short period.
        if candidate.early and candidate.taken >= person["activist"]:
            yield ACTIVIST_SHORT.at(person.cell("candidate"),
                                    f"{person['name']}{_said(person, 'activist')}至{_said(person, 'candidate')}"
                                    f"不足{months}个月的培养考察期")


def check_review_and_training(ledger: Ledger, figures: PeriodFigures) -> Iterable[Finding]:
    # A date later than admission is a dev-date-order finding; here only the step never recorded.
    for person in ledger.development:
        if not person["admitted"]:
            continue
        for key, kind in (("reviewed", NO_REVIEW), ("trained", NO_TRAINING)):
            if not person[key] and person.known(key):
                yield kind.at(person.cell(key), f"{person['name']}已于{format_date(person['admitted'])}接收为预备党员，"
                                                f"但未填写{_header(key)}")


# Steps due within some months of an earlier one: (rule setting, from, step, finding, what is due).
_DEADLINES = (
    ("talk_within_months", "applied", "talked", TALK_LATE, "谈话"),
    ("approval_within_months", "admitted", "approved", APPROVAL_LATE, "由上级党委审批"),
)


def check_deadlines(ledger: Ledger, figures: PeriodFigures) -> Iterable[Finding]:
    end = figures.period.end
    for setting, since, key, kind, action in _DEADLINES:
        for timeline in figures.timelines:
            step = timeline.step(key)
            # Past the longest time the 细则 allows is an error, reported instead of the usual warning.
            if step.missed_by(step.longest, end):
                yield _late(timeline.person, since, step, step.longest, ledger.rules["approval_limit_months"],
                            APPROVAL_OVERDUE, action, longest=True)
            elif step.missed(end):
                yield _late(timeline.person, since, step, step.latest, ledger.rules[setting], kind, action)


def _late(person: Row, since: str, step: Step, deadline: date, months: int, kind: FindingType, action: str,
          *, longest: bool = False) -> Finding:
    """A step due within `months` of another: taken too late, or still not taken by the period end."""
    within = f"最长不得超过{months}个月" if longest else f"{months}个月内应{action}"
    if step.taken:
        return kind.at(person.cell(step.key), f"{person['name']}{_said(person, since)}后{within}，"
                                              f"{_said(person, step.key)}已超期")
    return kind.at(person.cell(step.key), f"{person['name']}{_said(person, since)}，应在{format_date(deadline)}前"
                                          f"{action}，至期末仍未填写{_header(step.key)}")


def check_probation(ledger: Ledger, figures: PeriodFigures) -> Iterable[Finding]:
    # A person already on the roll is judged there (probationary-overdue), and the two sheets are
    # compared by roll-development-mismatch, so one overdue 预备期 is reported once.
    if not ledger.complete(MEMBERS.key):
        return  # a roll row without its 姓名 may be this person's
    off_roll = [p for p in ledger.development
                if figures.roll.member_named(p["name"]) is None and p.known("full_member")]
    for person, ends in overdue_probations(ledger, off_roll, since="admitted", confirmed="full_member", by=figures.period.end):
        yield PROBATION_OVERDUE.at(person.cell("full_member"),
                                   f"{person['name']}{_said(person, 'admitted')}，预备期已于{format_date(ends)}期满，"
                                   "至期末仍未填写转为正式党员日期；支部大会决定延长预备期的，请在“预备期延长至”列填写")
    yield from probation_findings(ledger, off_roll, since="admitted", confirmed="full_member", by=figures.period.end,
                                  short=PROBATION_SHORT, long_extension=PROBATION_EXTENSION_LONG)


def check_sponsors(ledger: Ledger, figures: PeriodFigures) -> Iterable[Finding]:
    """Two 入党介绍人, each a full member on the day the 支部大会 admitted the person.

    A name not on this branch's roll may be a member elsewhere, and a roll row whose dates could
    not be read cannot say: both are skipped rather than guessed.
    """
    for person in ledger.development:
        names = listed_names(person["sponsors"])
        if not names:
            continue
        if len(names) != 2:
            yield SPONSOR_COUNT.at(person.cell("sponsors"), f"{person['name']}的{_header('sponsors')}填写了"
                                                            f"{len(names)}人（{'、'.join(names)}），应为两名正式党员")
        admitted = person["admitted"]
        if not admitted:
            continue
        not_full = []
        for name in names:
            member = figures.roll.member_named(name)
            if member is None or not member.known("joined", "moved_in", "moved_out", "confirmed", "member_type"):
                continue
            if not (is_member_on(member, admitted) and is_full_member(member, admitted)):
                not_full.append(name)
        if not_full:
            yield SPONSOR_NOT_FULL.at(person.cell("sponsors"),
                                      f"{person['name']}{_said(person, 'admitted')}时，入党介绍人{'、'.join(not_full)}"
                                      "不是本支部正式党员（据党员名册的入党、转正、转入、转出日期）")


def check_notices(ledger: Ledger, figures: PeriodFigures) -> Iterable[Finding]:
    """Each recorded 公示: its days in order, at least the setting long, and over before the decision."""
    minimum = ledger.rules["notice_min_days"]
    for person in ledger.development:
        for first, last, decision, subject in NOTICES:
            start, end = person[first], person[last]
            if start and end and end < start:
                yield DATE_ORDER.at(person.cell(last), f"{person['name']}的{_said(person, last)}早于{_said(person, first)}，"
                                                       "请核对日期")
            elif start and end and (end - start).days + 1 < minimum:
                yield NOTICE_SHORT.at(person.cell(last),
                                      f"{person['name']}{subject}的公示自{format_date(start)}至{format_date(end)}，"
                                      f"共{(end - start).days + 1}天，少于规则设置的{minimum}天")
            if end and person[decision] and end >= person[decision]:
                yield NOTICE_LATE.at(person.cell(last),
                                     f"{person['name']}{subject}的公示至{format_date(end)}结束，"
                                     f"但{_said(person, decision)}不在公示期满之后")


def check_contact_numbers(ledger: Ledger, figures: PeriodFigures) -> Iterable[Finding]:
    """The 基本信息 numbers the 公示 print: a mobile is left out of the papers, and said here (never echoed)."""
    for key, item in (("branch_phone", "党支部联系电话"), ("superior_phone", "上级党委联系电话")):
        if is_mobile_number(ledger.basic[key]):
            yield CONTACT_MOBILE.at(ledger.basic.cell(key), f"基本信息“{item}”填写的像是手机号码，发展党员公示不写个人手机号码，"
                                                            "此项不会写入公示；请填写办公电话")


CHECKS = [check_date_order, check_age, check_deadlines, check_activist_period, check_review_and_training,
          check_probation, check_sponsors, check_notices, check_contact_numbers]
