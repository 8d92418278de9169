"""年度组织生活计划: the year's obligations laid out month by month (“年度有计划，每月有安排”).

Every row comes from the obligations calendar (figures/obligations.py), so the plan asks for
exactly what `check` will later count; the words are made here. A dated item is put on a working
day: the 主题党日 on its fixed day or the next working day, a deadline on the last working day
before it, the weekly study on its study days (statutory holidays are not owed).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..figures.obligations import Calendar, Obligation, working_day_from, year_calendar
from ..period import QUARTER_NAMES
from ..read.records import Ledger
from ..shipped import shipped
from ..read.values import clean_name, format_date

PLAN_TEMPLATE = shipped("templates", "组织生活计划模板.docx")
HEADERS = ("月份", "内容", "形式", "责任人", "时间")
# 形式 by the rule an item serves.
FORMS = {
    "life-committee-meeting": "支委会", "life-general-meeting": "党员大会", "life-group-meeting": "党小组会",
    "life-lecture": "党课", "life-theme-day": "主题党日", "life-weekly-study": "集中学习",
    "life-organisation-meeting": "组织生活会", "life-member-review": "党员大会", "dues-not-posted": "党务公开",
    "dues-report": "党员大会", "committee-term-request": "书面请示", "committee-term-ending": "党员大会",
    "dev-talk-late": "谈话", "dev-approval-late": "书面报告", "dev-probation-overdue": "党员大会",
    "probationary-overdue": "党员大会",
}
WEEKDAYS = "一二三四五六日"


@dataclass(frozen=True)
class PlanDocument:
    year: int
    context: dict
    rows: tuple[dict, ...]
    calendar: Calendar
    template: Path = PLAN_TEMPLATE


def plan_document(ledger: Ledger, year: int, *, today: date | None = None) -> PlanDocument:
    calendar_ = year_calendar(ledger, year)
    items = [item for item in calendar_.items if item.due.year == year]
    rows = tuple(_rows(Roles.of(ledger), items))
    branch = ledger.basic["branch"] or ledger.basic["unit"] or "党支部"
    written = today or date.today()
    context = {
        "title": f"{branch}{year}年度组织生活计划",
        "branch": branch,
        "year": year,
        "opening": (f"为认真贯彻落实《中国共产党支部工作条例（试行）》，严格执行“三会一课”、主题党日、组织生活会、"
                    f"民主评议党员等党的组织生活制度，做到年度有计划、每月有安排，结合本支部实际，"
                    f"制定{year}年度组织生活计划如下："),
        "rows": [dict(row) for row in rows],
        "requirements": _requirements(ledger, calendar_, year),
        "written_date": format_date(written),
    }
    return PlanDocument(year, context, rows, calendar_)


def _rows(roles: Roles, items: list[Obligation]):
    """One row per item, the weekly study as one row a month; 月份 written on a month's first row only."""
    for month in range(1, 13):
        in_month = [item for item in items if item.due.month == month]
        study = [item for item in in_month if item.code == "life-weekly-study"]
        first = True
        for item in in_month:
            if item.code == "life-weekly-study":
                if item is not study[0]:
                    continue
                days = "、".join(f"{s.on.day}日" for s in study)
                row = _row(roles, item, what=f"每周{WEEKDAYS[item.on.weekday()]}集中学习（{len(study)}次）",
                           when=f"{month}月{days}")
            else:
                row = _row(roles, item)
            yield {"month": f"{month}月" if first else "", **row}
            first = False


def _row(roles: Roles, item: Obligation, *, what: str | None = None, when: str | None = None) -> dict:
    if what is None:
        what = item.what
        if item.code in ("life-general-meeting", "life-lecture"):
            what = f"{QUARTER_NAMES[(item.due.month - 1) // 3]}{what}"
    if when is None:
        if item.on is not None:
            when = f"{item.on.month}月{item.on.day}日（周{WEEKDAYS[item.on.weekday()]}）"
        elif item.code == "life-theme-day":
            when = f"{item.due.month}月内相对固定1天"
        elif item.code in ("probationary-overdue", "dev-probation-overdue"):
            when = f"{item.due.month}月{item.due.day}日起"  # 转正 is discussed once the year is out
        else:
            day = working_day_from(item.due, step=-1)
            when = f"{day.month}月{day.day}日前"
    return {"what": what, "form": FORMS.get(item.code, ""), "who": roles.who(item.role), "when": when}


@dataclass(frozen=True)
class Roles:
    """Who answers for an item, read from the workbook once: 支委会成员 by role, the 书记, and the
    党小组组长 the roll's 备注 names (“第一党小组组长”)."""

    committee: tuple[tuple[str, str], ...]  # (role, name) in the sheet's order
    leaders: tuple[tuple[str, str], ...]  # (备注, name) of members whose 备注 names a 组长
    secretary: str

    @classmethod
    def of(cls, ledger: Ledger) -> "Roles":
        committee = tuple((role, clean_name(m["name"])) for m in ledger.committee for role in (m["roles"] or ()))
        leaders = tuple((str(m["note"]), clean_name(m["name"])) for m in ledger.members if "组长" in str(m["note"] or ""))
        return cls(committee, leaders, clean_name(ledger.basic["secretary"] or ""))

    def who(self, role: str | None) -> str:
        """The member holding `role`, else the secretary; a 党小组's 组长 by name when the roll says, else by title."""
        if not role:
            return ""
        if role.endswith("组长"):
            leader = next((name for note, name in self.leaders if role in note), None)
            return f"{leader}（{role}）" if leader else role
        holder = next((name for held, name in self.committee if held == role), None)
        if holder:
            return f"{holder}（{role}）"
        return f"{self.secretary}（书记）" if self.secretary else "党支部书记"


def _requirements(ledger: Ledger, calendar_: Calendar, year: int) -> list[str]:
    rules = ledger.rules
    codes = {item.code for item in calendar_.items}
    said = []
    meetings = []
    if "life-committee-meeting" in codes:
        meetings.append(f"支部委员会每月至少召开{rules['committee_per_month']}次")
    meetings.append(f"党员大会每季度至少召开{rules['general_per_quarter']}次")
    if "life-group-meeting" in codes:
        meetings.append(f"党小组会每月至少召开{rules['group_per_month']}次")
    meetings.append(f"党课每季度至少{rules['lecture_per_quarter']}次")
    said.append("严格落实“三会一课”制度。" + "，".join(meetings) + "；会议记录及时、完整记入台账。")
    if calendar_.theme_day:
        said.append(f"坚持主题党日制度。{calendar_.theme_day}开展主题党日，遇法定节假日顺延至下一个工作日。")
    else:
        said.append("坚持主题党日制度。每月相对固定1天开展主题党日（固定日可在台账“规则设置”中填写，计划即列出具体日期）。")
    study_day = ledger.basic["study_day"]
    if study_day:
        said.append(f"坚持集中学习制度。每{study_day}集中学习，法定节假日不安排。")
    said.append(f"认真开展组织生活会和民主评议党员。{rules['review_from_month']}月至12月召开组织生活会、"
                "开展民主评议党员，会前广泛征求意见、开展谈心谈话。")
    said.append(f"规范党费收缴管理。党员按月交纳党费，每季度结束后{rules['dues_posting_days']}日内公示党费收缴情况，"
                "年底向党员大会报告全年党费收缴情况。")
    if not calendar_.calendar_known:
        said.append(f"{year}年的法定节假日安排尚未公布，具体日期遇节假日时顺延。")
    return said


# The 计划 sheet's 类型 of each kind of item; anything else is 其他 (not compared with the records).
PLAN_TYPES = {
    "life-committee-meeting": "支委会", "life-general-meeting": "党员大会", "life-group-meeting": "党小组会",
    "life-lecture": "党课", "life-theme-day": "主题党日", "life-weekly-study": "集中学习",
    "life-organisation-meeting": "组织生活会", "life-member-review": "民主评议党员",
}


def plan_sheet_rows(ledger: Ledger, document: PlanDocument) -> list[dict]:
    """The plan as rows of the 计划 sheet (keyed by header), one per item of the year."""
    rows, roles = [], Roles.of(ledger)
    for item in document.calendar.items:
        if item.due.year != document.year:
            continue
        row = _row(roles, item)
        rows.append({"月份": f"{item.due.month}月", "类型": PLAN_TYPES.get(item.code, "其他"), "党小组": item.group,
                     "内容": row["what"], "计划日期": item.on, "责任人": row["who"]})
    return rows


def write_plan_into_copy(ledger: Ledger, document: PlanDocument, *, source: Path, output: Path) -> Path:
    """A copy of the workbook `source` with its 计划 sheet (re)written from the plan; `source` is only read."""
    from openpyxl import load_workbook

    from .builder import replace_table_sheet
    from ..files import writing
    from ..schema import PLANS

    book = load_workbook(source, keep_vba=Path(source).suffix.lower() == ".xlsm")
    replace_table_sheet(book, PLANS, plan_sheet_rows(ledger, document))
    with writing(Path(output)) as written:
        book.save(str(written.temporary))
    return written.path


def write_plan_document(document: PlanDocument, *, output: Path, template: Path | None = None) -> Path:
    """Render the Word plan under the output policy; returns the path written (“(1)” when in use)."""
    from .report import render_report

    return render_report(document.context, template=Path(template or document.template), output=Path(output))


def write_plan_sheet(document: PlanDocument, *, output: Path) -> Path:
    """The plan as one editable, printable worksheet: title, the month table, the requirements."""
    from .print_sheet import PrintTable, write_print_table

    c = document.context
    rows = [tuple(row[key] for key in ("month", "what", "form", "who", "when")) for row in document.rows]
    notes = tuple(f"{number}. {text}" for number, text in enumerate(c["requirements"], start=1))
    return write_print_table(PrintTable("组织生活计划", c["title"], HEADERS, rows, (8, 40, 14, 18, 22), creator=c["branch"],
                                        left_columns=(1,), notes=notes), output=output)
