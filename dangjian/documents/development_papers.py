"""发展党员 papers: the three 公示, each person's 纪实表 and the branch's 汇总表.

Every date is the 发展党员 sheet's, every window the timeline's (figures/development.py): nothing
is recomputed here. Which papers a person gets follows the stage the timeline says the person is
at on the period end. Personal data stays out: no 身份证号 or phone of a person is ever put into
a context; the contact line is the 基本信息 office numbers, and a value that looks like a mobile
number is left out. The Word files are rendered from templates/发展党员*模板.docx (built by
templates/build_development_templates.py) through dues_notice.write_document.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .dues_notice import DuesDocument, _branch, _heading
from ..errors import DangjianError
from ..figures import PeriodFigures
from ..figures.development import ACTIVIST, CANDIDATE, FULL_MEMBER, PROBATIONER, RULES, Timeline
from ..figures.roll import listed_names
from ..read.records import Ledger
from ..shipped import shipped
from ..read.values import clean_name, format_date, is_mobile_number

NOTICE_TEMPLATE = shipped("templates", "发展党员公示模板.docx")
RECORD_TEMPLATE = shipped("templates", "发展党员工作纪实表模板.docx")
SUMMARY_TEMPLATE = shipped("templates", "发展对象和预备党员汇总表模板.docx")
SHORT_RULES = "《细则》"  # the 纪实表 names the 细则 in full once, under its table


class PersonNotFound(DangjianError):
    """--person names nobody on the 发展党员 sheet."""


@dataclass(frozen=True)
class Notice:
    """One of the three 公示: the decision it comes before and the dates it lists."""

    decision: str  # the timeline step the 公示 precedes
    subject: str  # 拟确定为发展对象 …
    first: str  # the sheet's 公示 columns
    last: str
    dates: tuple[tuple[str, str], ...]  # (column header in the 公示, step key) listed in its table


NOTICES = (
    Notice("candidate", "拟确定为发展对象", "candidate_notice_from", "candidate_notice_to",
           (("申请入党时间", "applied"), ("确定为入党积极分子时间", "activist"))),
    Notice("admitted", "拟接收为中共预备党员", "admission_notice_from", "admission_notice_to",
           (("申请入党时间", "applied"), ("确定为入党积极分子时间", "activist"), ("确定为发展对象时间", "candidate"))),
    Notice("full_member", "拟转为中共正式党员", "confirmation_notice_from", "confirmation_notice_to",
           (("申请入党时间", "applied"), ("接收为预备党员时间", "admitted"), ("预备期满时间", "full_member"))),
)


def due_notice(timeline: Timeline) -> Notice | None:
    """The 公示 a person's next decision needs, once the steps before it allow that decision.

    积极分子 past the year of training (发展对象), 发展对象 with 政审 and 培训 done (接收), 预备党员
    whose 预备期 (or its extension) has ended (转正); nobody else.
    """
    stage, as_of = timeline.stage, timeline.as_of
    candidate, admitted = timeline.step("candidate"), timeline.step("admitted")
    if stage == ACTIVIST and candidate.earliest and candidate.earliest <= as_of:
        return NOTICES[0]
    if stage == CANDIDATE and timeline.person["reviewed"] and timeline.person["trained"] and not admitted.taken:
        return NOTICES[1]
    if stage == PROBATIONER and timeline.step("full_member").earliest <= as_of:
        return NOTICES[2]
    return None


def development_papers(ledger: Ledger, figures: PeriodFigures, *, person: str | None = None,
                       today: date | None = None) -> list[DuesDocument]:
    """Each person's papers (or only `person`'s): the 公示 due, the 纪实表; then the branch's 汇总表."""
    timelines = figures.timelines
    if person is not None:
        timelines = tuple(t for t in timelines if clean_name(t.person["name"]) == clean_name(person))
        if not timelines:
            raise PersonNotFound(f"“发展党员”表中没有“{person}”，请核对姓名")
    papers = []
    for timeline in timelines:
        notice = due_notice(timeline)
        if notice is not None:
            papers.append(notice_paper(ledger, figures, timeline, notice, today=today))
        papers.append(record_paper(ledger, figures, timeline, today=today))
    if person is None:
        papers.append(summary_paper(ledger, figures, today=today))
    return papers


# ---- the 公示 --------------------------------------------------------------------------------

def notice_paper(ledger: Ledger, figures: PeriodFigures, timeline: Timeline, notice: Notice, *,
                 today: date | None = None) -> DuesDocument:
    p = timeline.person
    first, last = p[notice.first], p[notice.last]
    dated = {key: timeline.step(key).taken or timeline.step(key).earliest for _, key in notice.dates}
    context = {
        **_heading(ledger),
        "title": f"关于{p['name']}同志{notice.subject}的公示",
        "name": p["name"],
        "subject": notice.subject,
        "headers": [header for header, _ in notice.dates],
        "row": {**_person_row(p), "dates": [_table_date(dated[key]) for _, key in notice.dates]},
        "sponsors": "、".join(listed_names(p["sponsors"])) if notice.decision == "admitted" else "",
        "notice_from": format_date(first) if first else "",
        "notice_to": format_date(last) if last else "",
        "min_days": ledger.rules["notice_min_days"],
        "branch_phone": _office_phone(ledger.basic["branch_phone"]),
        "superior_phone": _office_phone(ledger.basic["superior_phone"]),
        "written_date": format_date(first or today or date.today()),
    }
    return DuesDocument(context, NOTICE_TEMPLATE, figures)


# ---- the 纪实表 ------------------------------------------------------------------------------

def record_paper(ledger: Ledger, figures: PeriodFigures, timeline: Timeline, *, today: date | None = None) -> DuesDocument:
    p = timeline.person
    steps = [{"number": i, "name": s.name, "date": _table_date(s.taken),
              "window": _window(s.earliest, s.latest), "basis": s.basis.replace(RULES, SHORT_RULES)}
             for i, s in enumerate(timeline.steps, start=1)]
    context = {
        **_heading(ledger),
        "title": f"{p['name']}同志发展党员工作纪实表",
        "person": _person_row(p),
        "stage": timeline.stage,
        "mentors": "、".join(listed_names(p["mentors"])),
        "sponsors": "、".join(listed_names(p["sponsors"])),
        "steps": steps,
        "next": timeline.next_step.name if timeline.next_step else "",
        "as_of": format_date(timeline.as_of),
        "missed": [s.name for s in timeline.missed],
        "rules": RULES, "short_rules": SHORT_RULES,
        "written_date": format_date(today or date.today()),
    }
    return DuesDocument(context, RECORD_TEMPLATE, figures)


def _window(earliest: date | None, latest: date | None) -> str:
    """The step's window as the 纪实表 states it: 不早于…, 不晚于…, or both."""
    if earliest and latest and earliest == latest:
        return f"{_table_date(earliest)}期满"
    parts = ([f"不早于{_table_date(earliest)}"] if earliest else []) + ([f"不晚于{_table_date(latest)}"] if latest else [])
    return "，".join(parts)


# ---- the 汇总表 -------------------------------------------------------------------------------

# The dates a 党委's 预审 table lists (政审 is its own 材料, not a column of it).
SUMMARY_DATES = (("申请入党", "applied"), ("确定积极分子", "activist"), ("确定发展对象", "candidate"),
                 ("集中培训", "trained"), ("接收预备党员", "admitted"))


def summary_paper(ledger: Ledger, figures: PeriodFigures, *, today: date | None = None) -> DuesDocument:
    """The 发展对象 and 预备党员 of the period (the table a 党委 pre-reviews): everyone who was one
    on some day of the period."""
    period = figures.period
    rows = []
    for timeline in figures.timelines:
        p = timeline.person
        became = p["candidate"]
        ended = p["full_member"]
        if not became or became > period.end or (ended and ended < period.start):
            continue
        rows.append({**_person_row(p), "stage": timeline.stage if timeline.stage != FULL_MEMBER else "已转正",
                     "dates": [_table_date(p[key]) for _, key in SUMMARY_DATES]})
    context = {
        **_heading(ledger),
        "title": f"{_branch(ledger)}{period.name}发展对象和预备党员情况汇总表",
        "period": period.name,
        "headers": [f"{header}时间" for header, _ in SUMMARY_DATES],
        "rows": rows,
        "written_date": format_date(today or date.today()),
    }
    return DuesDocument(context, SUMMARY_TEMPLATE, figures, landscape=True)


# ---- shared ----------------------------------------------------------------------------------

def _person_row(p) -> dict:
    birth = p["birth"]
    return {"name": p["name"], "gender": p["gender"] or "", "birth": f"{birth.year}.{birth.month:02d}" if birth else "",
            "ethnicity": p["ethnicity"] or "", "education": p["education"] or "", "workplace": p["workplace"] or ""}


def _table_date(day: date | None) -> str:
    """2022.9.13: short enough for a landscape 汇总表 of a dozen columns to print at 小五."""
    return f"{day.year}.{day.month}.{day.day}" if day else ""


def _office_phone(value: object) -> str:
    return "" if is_mobile_number(value) else str(value or "").strip()


def write_papers(papers: list[DuesDocument], folder: Path) -> list[Path]:
    """Each paper as `folder`/<title>.docx, each written whole (files.writing); the paths written."""
    from .dues_notice import write_document
    from ..files import safe_file_name

    folder.mkdir(parents=True, exist_ok=True)
    return [write_document(paper, output=folder / (safe_file_name(paper.context["title"], "发展党员材料") + ".docx"))
            for paper in papers]
