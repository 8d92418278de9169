"""工作提醒: what is overdue on a day and what falls due in the weeks after it, soonest first.

Read from the obligations calendar (figures/obligations.py) as the workbook stood that day; the
words are made here. Nothing personal beyond names: no amounts, no 身份证号, no phone numbers.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from ..errors import DangjianError
from ..figures.obligations import Obligation, open_items, year_calendar
from ..period import QUARTER_NAMES
from ..read.records import Ledger

DEFAULT_WEEKS = 6
STATUS_WORDS = {"overdue": "已逾期", "due": "即将到期"}
_PER_MONTH = ("life-committee-meeting", "life-group-meeting", "life-theme-day")
_PER_QUARTER = ("life-general-meeting", "life-lecture")
_PER_YEAR = ("life-organisation-meeting", "life-member-review")


class TodoDateError(DangjianError, ValueError):
    """The day asked for is not in the workbook's year: its records cannot say what is due then.

    The message names no command-line option: the window and the Excel button ask about today and
    cannot pass another day; the command line adds its `--date` to it.
    """

    def __init__(self, day: date, year: int):
        super().__init__(f"日期{day.isoformat()}不在台账的报告年度（{year}年）内：工作提醒按台账中{year}年的记录生成，"
                         f"请使用{day.year}年的台账")
        self.day, self.year = day, year


@dataclass(frozen=True)
class Reminder:
    due: date
    status: str  # "overdue" | "due"
    code: str
    text: str
    basis: str
    sheet: str
    cell: str  # "B12", a range, or "" for the sheet as a whole

    def to_dict(self) -> dict:
        return {"due": self.due.isoformat(), "status": self.status, "code": self.code, "text": self.text,
                "basis": self.basis, "sheet": self.sheet, "cell": self.cell}

    @property
    def address(self) -> str:
        return f"{self.sheet}!{self.cell}" if self.cell else self.sheet


@dataclass(frozen=True)
class TodoList:
    day: date
    until: date
    branch: str
    items: tuple[Reminder, ...]
    calendar_known: bool = True

    def to_dict(self) -> dict:
        return {"date": self.day.isoformat(), "items": [item.to_dict() for item in self.items]}

    @property
    def title(self) -> str:
        return f"{self.branch}工作提醒（{self.day.year}年{self.day.month}月{self.day.day}日）"


def todo_list(ledger: Ledger, *, day: date, weeks: int = DEFAULT_WEEKS) -> TodoList:
    """What is overdue on `day` and what falls due in the `weeks` after it, from the year's records."""
    year = ledger.basic["year"]
    if day.year != year:
        raise TodoDateError(day, year)
    until = day + timedelta(weeks=weeks)
    calendar_ = year_calendar(ledger, year, on=day)
    items = tuple(_reminder(item, status) for item, status in open_items(calendar_, day, until=until))
    branch = ledger.basic["branch"] or ledger.basic["unit"] or "党支部"
    return TodoList(day, until, branch, items, calendar_.calendar_known)


def _reminder(item: Obligation, status: str) -> Reminder:
    sheet, _, cell = item.cell.partition("!")
    return Reminder(item.due, status, item.code, obligation_text(item), item.basis, sheet, cell)


def obligation_text(item: Obligation) -> str:
    """“3月召开支委会”, “第二季度讲党课”, “曹宇航同入党申请人谈话（递交申请书日期2023-03-08）”."""
    if item.on is not None:
        label = f"{item.on.month}月{item.on.day}日"
    elif item.code in _PER_MONTH:
        label = f"{item.due.month}月"
    elif item.code in _PER_QUARTER:
        label = QUARTER_NAMES[(item.due.month - 1) // 3]
    elif item.code in _PER_YEAR:
        label = f"{item.due.year}年"
    else:
        label = ""
    return f"{label}{item.what}" + (f"（{item.detail}）" if item.detail else "")


def format_todo(todo: TodoList, *, basis: bool = True) -> str:
    """The list as lines for a terminal: status, date, what, where, and (with `basis`) the rule."""
    if not todo.items:
        return f"截至{todo.day.isoformat()}没有逾期事项，{todo.until.isoformat()}前也没有到期事项。"
    lines = [f"{todo.title}：已逾期和{todo.until.isoformat()}前到期的事项"]
    for item in todo.items:
        rule = f"  （依据：{item.basis}）" if basis else ""
        lines.append(f"  {STATUS_WORDS[item.status]}  {item.due.isoformat()}  {item.text}  {item.address}{rule}")
    if not todo.calendar_known:
        lines.append("提示：节假日日历（chinese-calendar）不包含这一年，法定节假日未扣除。")
    return "\n".join(lines)


HEADERS = ("期限", "状态", "事项", "依据", "工作表", "单元格")
WIDTHS = (12, 10, 44, 48, 12, 14)


def write_todo_sheet(todo: TodoList, *, output: Path, source: Path | None = None) -> Path:
    """The list as one printable worksheet (A4 landscape, titles repeated), under the output policy;
    each 单元格 a link into `source` (the workbook), relative when the two share a folder."""
    from .findings_book import cell_link
    from .print_sheet import PrintTable, write_print_table

    rows = [(item.due.isoformat(), STATUS_WORDS[item.status], item.text, item.basis, item.sheet, item.cell)
            for item in todo.items]
    overdue = frozenset((index, 1) for index, item in enumerate(todo.items) if item.status == "overdue")
    # A reminder has a finding's sheet and cell: the link is made as the findings workbook makes it.
    links = ({(index, 5): cell_link(item, source=source, base=Path(output).parent) for index, item in enumerate(todo.items)}
             if source is not None else None)
    return write_print_table(PrintTable("工作提醒", todo.title, HEADERS, rows, WIDTHS, creator=todo.branch, landscape=True,
                                        left_columns=(2, 3), marked=overdue, empty=format_todo(todo), links=links),
                             output=output)
