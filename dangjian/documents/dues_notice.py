"""The documents around the report: the period's 党费收缴情况公示 and the year's 党费收缴情况报告.

Both are worded from the dues settlement the checks read (`figures.dues`): every amount, every
member who still owes and every 补交/预交 note comes from it, nothing is recomputed here. They show
amounts only: no 月计算基数 (income), 身份证号 or phone number is ever put into their context, so
no template can print one. The Word files are rendered from their own templates (templates/,
built by templates/build_dues_templates.py) by `report.render_report`; `--xlsx` writes the notice
as a printable sheet.
"""
from __future__ import annotations

import tempfile
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from ..figures.dues_posting import posting_for
from ..figures import PeriodFigures, compute_figures
from ..figures.dues import ZERO, MemberDues
from ..period import Period, PeriodError, period_from_settings
from ..read.records import Ledger
from ..shipped import shipped
from ..read.values import clean_name, format_date, format_money
from ..wording import format_rate, month_runs

NOTICE_TEMPLATE = shipped("templates", "党费收缴情况公示模板.docx")
REPORT_TEMPLATE = shipped("templates", "党费收缴情况报告模板.docx")
# The periods a notice can cover: the quarters and half-years branches post, and the year.
NOTICE_PERIODS = ("第一季度", "第二季度", "第三季度", "第四季度", "上半年", "下半年", "全年")
# 公示期 from the notice's date (本地做法; the template's wording can be changed in Word).
NOTICE_DAYS = 7
# The regulation the year's report answers to (its 依据 line). Named as a whole: the article on
# making dues collection known to members could not be found in a verifiable text of the 规定
# (its 第十二条 to 第十四条 were; see the merge notes of issue 16), so none is quoted.
BASIS = "《关于中国共产党党费收缴、使用和管理的规定》（中组发〔2008〕3号）"
# A notice with more month columns than this is printed on landscape pages (GB/T 9704 7.5: 横排表格).
PORTRAIT_MONTHS = 3
NOT_ON_ROLL = "—"


class NoticePeriodError(PeriodError):
    """A --period that is not one a notice can cover."""


@dataclass(frozen=True)
class DuesDocument:
    """What to render: the context, the default template, and the figures it was worded from."""

    context: dict
    template: Path
    figures: PeriodFigures
    landscape: bool = False


def notice_period(ledger: Ledger, label: str | None, default: Period) -> Period:
    """The notice's period: `label` (第三季度, 上半年, 全年 …) of the report year, or the report's own."""
    if not label:
        return default
    label = clean_name(label)
    if label not in NOTICE_PERIODS:
        raise NoticePeriodError(f"公示期间“{label}”无法识别，可选：{'、'.join(NOTICE_PERIODS)}")
    return period_from_settings(default.year, label, None, None)


def figures_for(ledger: Ledger, period: Period, checked: PeriodFigures | None) -> PeriodFigures:
    """The checks' own figures when they cover `period`; else the same computation for `period`."""
    if checked is not None and checked.period == period:
        return checked
    return compute_figures(ledger, period)


# ---- the notice -------------------------------------------------------------------------------

def notice_document(ledger: Ledger, figures: PeriodFigures, *, today: date | None = None) -> DuesDocument:
    period, status = figures.period, figures.dues
    months = [m for y, m in period.months() if y == period.year]
    listed = [m for m in status.members if _in_period(m, months)]
    # 交纳方式 is per member (按季 only where marked, else the 规则设置 default).
    quarterly = any(m.quarterly for m in listed)
    rows = [_notice_row(m, months) for m in listed]
    posted = posting_for(figures.dues_postings, period)
    written = (posted["date"] if posted is not None and posted["date"] else None) or _written(ledger, period, today)
    behind = status.behind
    context = {
        **_heading(ledger),
        "title": f"{_branch(ledger)}{_period_name(period)}党费收缴情况公示",
        "year": period.year,
        "period_label": "全年" if period.label == "全年" else period.spoken,
        "period_name": _period_name(period),
        "months": [f"{m}月" for m in months],
        "rows": rows,
        "off_roll_shown": any(NOT_ON_ROLL in row["paid"] for row in rows),
        "totals": {
            "monthly": format_money(sum((m.monthly for m in listed), ZERO)),
            "paid": [format_money(sum((m.paid[month - 1] for m in listed), ZERO)) for month in months],
            "total": format_money(sum((m.paid_in(months) for m in listed), ZERO)),
        },
        "listed": len(listed),
        # The rows that could not be judged are listed as written but, as everywhere, not counted.
        "due": format_money(status.due_in(months)),
        "paid": format_money(status.paid_in(months)),
        "as_of": format_date(status.as_of),
        "all_paid": not behind,
        "outstanding": _outstanding(behind),
        "outstanding_total": format_money(status.outstanding),
        "quarterly": quarterly,
        "notice_from": format_date(written),
        "notice_to": format_date(written + timedelta(days=NOTICE_DAYS - 1)),
        "contact": _contact(ledger),
        "written_date": format_date(written),
    }
    return DuesDocument(context, NOTICE_TEMPLATE, figures, landscape=len(months) > PORTRAIT_MONTHS)


def _in_period(member: MemberDues, months: list[int]) -> bool:
    return any(m in member.months_on_roll for m in months) or member.paid_in(months) > 0


def _notice_row(member: MemberDues, months: list[int]) -> dict:
    def shown(month: int) -> str:
        amount = member.paid[month - 1]
        return NOT_ON_ROLL if not amount and month not in member.months_on_roll else format_money(amount)

    return {
        "name": member.row["name"],
        "category": member.row["dues_category"] or "",
        "monthly": format_money(member.monthly),
        "paid": [shown(m) for m in months],
        "total": format_money(member.paid_in(months)),
        "note": transfer_notes(member, months),
    }


def transfer_notes(member: MemberDues, months: list[int]) -> str:
    """The settlement's transfers touching `months`, said by the month the money was paid in.

    “9月按季度交纳7月至9月党费”, “9月补交5月、6月党费”, “1月预交2月至6月党费”.
    """
    by_kind: dict[tuple[str, int], set[int]] = {}
    for t in member.settlement.transfers:
        if t.source not in months and t.target not in months:
            continue
        same_quarter = (t.source - 1) // 3 == (t.target - 1) // 3
        if member.quarterly and same_quarter:
            by_kind.setdefault(("按季度交纳", t.source), {t.source}).add(t.target)
        elif t in member.late_transfers:
            by_kind.setdefault(("补交", t.source), set()).add(t.target)
        else:
            by_kind.setdefault(("预交", t.source), set()).add(t.target)
    return "；".join(f"{source}月{kind}{month_runs(targets)}党费"
                    for (kind, source), targets in sorted(by_kind.items(), key=lambda item: (item[0][1], item[0][0])))


# ---- the year's report ------------------------------------------------------------------------

def report_document(ledger: Ledger, figures: PeriodFigures, *, today: date | None = None) -> DuesDocument:
    status, period = figures.dues, figures.period
    members = status.members
    behind = status.behind
    remitted = ledger.basic["dues_remitted"]
    remitted_on = ledger.basic["dues_remitted_on"]
    context = {
        **_heading(ledger),
        "title": f"{_branch(ledger)}{period.year}年度党费收缴情况报告",
        "year": period.year,
        "basis": BASIS,
        "as_of": format_date(status.as_of),
        # Written before 31 December, the report counts the dues due by then (year_period).
        "whole_year": status.as_of == date(period.year, 12, 31),
        # Counted as the totals are: the rows that could be judged.
        "members": len(status.judged),
        "paid_members": status.paying,
        "full_members": status.paid_up,
        "due": format_money(status.due),
        "paid": format_money(status.paid),
        "settled": format_money(status.settled),
        "rate": format_rate(status.collection_rate, places=2),
        "all_paid": not behind,
        "outstanding": _outstanding(behind),
        "outstanding_total": format_money(status.outstanding),
        "remitted": format_money(remitted) if remitted is not None else "",
        "remitted_on": format_date(remitted_on) if remitted_on else "",
        "rows": [{"name": m.row["name"], "category": m.row["dues_category"] or "", "monthly": format_money(m.monthly),
                  "months": len(m.owed_months), "due": format_money(m.due_total), "paid": format_money(m.paid_total),
                  "outstanding": format_money(m.outstanding)} for m in members],
        "totals": {"due": format_money(status.due), "paid": format_money(status.paid),
                   "outstanding": format_money(status.outstanding)},
        "written_date": format_date(ledger.basic["written"] or today or date.today()),
    }
    return DuesDocument(context, REPORT_TEMPLATE, figures)


def year_period(default: Period, *, today: date | None = None) -> Period:
    """The report year to 31 December; to `today` while the year is still running.

    A report written in November cannot call December's dues unpaid: they are not due yet, and
    the document says up to which day it counts (截至…).
    """
    year = period_from_settings(default.year, "全年", None, None)
    today = today or date.today()
    if year.start <= today < year.end:
        return period_from_settings(default.year, "自定义", year.start, today)
    return year


# ---- shared words ------------------------------------------------------------------------------

def _heading(ledger: Ledger) -> dict:
    basic = ledger.basic
    return {"branch": _branch(ledger), "unit": basic["unit"] or "", "superior": basic["superior"] or "",
            "secretary": basic["secretary"] or ""}


def _branch(ledger: Ledger) -> str:
    return ledger.basic["branch"] or ledger.basic["unit"] or "党支部"


def _period_name(period: Period) -> str:
    return f"{period.year}年度" if period.label == "全年" else period.name


def _outstanding(behind: list[MemberDues]) -> list[dict]:
    return [{"name": m.row["name"], "months": month_runs(m.unpaid_months), "amount": format_money(m.outstanding)}
            for m in behind]


def _written(ledger: Ledger, period: Period, today: date | None) -> date:
    """基本信息's 成文日期 when it falls after the period; else today."""
    written = ledger.basic["written"]
    if written and written >= period.end:
        return written
    return today or date.today()


def _contact(ledger: Ledger) -> str:
    """Whom members ask: the 组织委员 (who keeps the dues), else the secretary. A name, never a phone."""
    for member in ledger.committee:
        if "组织委员" in (member["roles"] or ()):
            return f"组织委员{member['name']}"
    return f"党支部书记{clean_name(ledger.basic['secretary'] or '')}"


# ---- writing ------------------------------------------------------------------------------------

def write_document(document: DuesDocument, *, output: Path, template: Path | None = None) -> Path:
    """Render the Word document, fit its tables to the page, and put it in place whole (files.writing);
    returns the path written: `output`, or its “(1)” copy when `output` is in use."""
    import docx

    from ..files import writing
    from .report import render_report

    with tempfile.TemporaryDirectory(prefix="dangjian-") as folder:
        rendered = Path(folder) / "rendered.docx"
        render_report(document.context, template=Path(template or document.template), output=rendered)
        word = docx.Document(str(rendered))
        if document.landscape:
            _landscape(word)
        _fit_tables(word)
        with writing(Path(output)) as written:
            word.save(str(written.temporary))
    return written.path


def _landscape(word) -> None:
    from docx.enum.section import WD_ORIENT

    for section in word.sections:
        width, height = section.page_width, section.page_height
        if width < height:
            top, bottom, left, right = section.top_margin, section.bottom_margin, section.left_margin, section.right_margin
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = height, width
            # The portrait 版心 turned: its sides become the top and bottom.
            section.top_margin, section.bottom_margin = left, right
            section.left_margin, section.right_margin = top, bottom


# The table's text sizes to try, largest first (half-points: 小四, 五号, 小五, 8 pt). Digits and Latin
# letters are counted a little over half a Chinese character: the substitute fonts LibreOffice uses
# draw some of them wider than half.
_TABLE_SIZES = (24, 21, 18, 16)
_NOTES_CHARS = 6  # the notes column wraps its longer notes rather than make the whole table's text smaller
_NARROW = 0.55
_MIN_CHARS = 2.5  # a header such as 党费类别 wraps into two lines, never into four
_CELL_MARGINS = 2 * 57  # twips: the template's left and right cell margins (1 mm each)
# A value exactly as wide as its cell's text area still wraps: the borders (¾ pt) take their share,
# and Word and LibreOffice round the widths. A fifth of a character either side is room enough.
_CELL_SLACK = 0.4


def _text_chars(text: str) -> float:
    import unicodedata

    return sum(1.0 if unicodedata.east_asian_width(c) in ("W", "F") else _NARROW for c in text)


def _fit_tables(word) -> None:
    """Columns as wide as their longest value, at the largest text size at which they all fit on
    the page; the notes column (…说明) may wrap a long note. The room left is shared by all columns.
    """
    from docx.oxml.ns import qn
    from docx.shared import Pt, Twips

    section = word.sections[0]
    available = (section.page_width - section.left_margin - section.right_margin) / 635  # EMU → twips
    for table in word.tables:
        rows = [[cell.text for cell in row.cells] for row in table.rows]
        notes = rows[0][-1].endswith("说明")
        chars = [max([_MIN_CHARS] + [_text_chars(r[i]) for r in rows[1:] if i < len(r)]) + _CELL_SLACK
                 for i in range(len(rows[0]))]
        # Sized with its note cut to _NOTES_CHARS; then as wide as its longest note where room is left.
        fitted = chars[:-1] + [min(chars[-1], _NOTES_CHARS)] if notes else chars
        for size in _TABLE_SIZES:
            widths = [c * size * 10 + _CELL_MARGINS for c in fitted]  # size half-points = size × 10 twips
            if sum(widths) <= available:
                break
        spare = available - sum(widths)
        if spare < 0:  # too wide even in the smallest size: every column gives up its share, values wrap
            widths = [w * available / sum(widths) for w in widths]
        else:
            if notes:
                grown = min(chars[-1] * size * 10 + _CELL_MARGINS, widths[-1] + spare)
                spare -= grown - widths[-1]
                widths[-1] = grown
            widths = [w + spare / len(widths) for w in widths]
        grid = table._tbl.tblGrid
        for column, width in zip(grid.findall(qn("w:gridCol")), widths):
            column.set(qn("w:w"), str(int(width)))
        for row in table.rows:
            for cell, width in zip(row.cells, widths):
                cell.width = Twips(int(width))
                for paragraph in cell.paragraphs:
                    for run in paragraph.runs:
                        run.font.size = Pt(size / 2)
        table_width = table._tbl.tblPr.find(qn("w:tblW"))
        if table_width is not None:
            table_width.set(qn("w:w"), str(int(sum(widths))))
            table_width.set(qn("w:type"), "dxa")


def write_notice_sheet(document: DuesDocument, *, output: Path) -> Path:
    """The notice as one printable worksheet: title, table, the owing members and the 公示期."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    from ..files import writing
    from .builder import wrapped_height

    c = document.context
    headers = ["姓名", "党费类别", "月应交", *(f"{m}实交" for m in c["months"]), "合计", "补交、预交说明"]
    book = Workbook()
    sheet = book.active
    sheet.title = "党费收缴情况公示"
    last = get_column_letter(len(headers))
    thin = Side(style="thin", color="000000")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)

    _append(sheet, [c["title"]])
    sheet.merge_cells(f"A1:{last}1")
    sheet["A1"].font = Font(name="方正小标宋简体", size=18)
    sheet["A1"].alignment = centre
    sheet.row_dimensions[1].height = 36
    _append(sheet, headers)
    # Headers styled directly: a table style alone is lost when the sheet is opened in WPS.
    for cell in sheet[2]:
        cell.font = Font(name="黑体", size=11)
        cell.fill = PatternFill("solid", fgColor="D9D9D9")
        cell.alignment = centre
        cell.border = box
    for row in c["rows"]:
        _append(sheet, [row["name"], row["category"], row["monthly"], *row["paid"], row["total"], row["note"]])
    t = c["totals"]
    _append(sheet, ["合计", "", t["monthly"], *t["paid"], t["total"], ""])
    for cells in sheet.iter_rows(min_row=3, max_row=sheet.max_row):
        for cell in cells:
            cell.border = box
            cell.font = Font(name="仿宋_GB2312", size=11, bold=cells[0].value == "合计")
            cell.alignment = Alignment(horizontal="left" if cell.column == len(headers) else "center",
                                       vertical="center", wrap_text=True)
    # As in the Word notice: the dash is explained only when a cell shows one.
    dash = f"；“{NOT_ON_ROLL}”表示该月不在本支部" if c["off_roll_shown"] else ""
    lines = [f"{c['period_label']}应交党费{c['due']}元，实交{c['paid']}元（金额单位：元{dash}）。"]
    if c["all_paid"]:
        lines.append(f"截至{c['as_of']}，全体党员均已按规定交纳党费。")
    else:
        owing = "；".join(f"{o['name']}同志{o['months']}党费{o['amount']}元" for o in c["outstanding"])
        lines.append(f"截至{c['as_of']}，尚有党费{c['outstanding_total']}元未交：{owing}。")
    lines += [f"公示期为{c['notice_from']}至{c['notice_to']}。如有疑问，请在公示期内向{c['contact']}同志反映。",
              c["branch"], c["written_date"]]
    sheet.append([])
    for text in lines:
        _append(sheet, [text])
        row = sheet.max_row
        sheet.merge_cells(f"A{row}:{last}{row}")
        closing = text in (c["branch"], c["written_date"])
        sheet[f"A{row}"].alignment = Alignment(horizontal="right" if closing else "left", vertical="center",
                                               wrap_text=True)
        sheet[f"A{row}"].font = Font(name="仿宋_GB2312", size=11)
        sheet.row_dimensions[row].height = 18 if closing else 32
    widths = _sheet_widths(sheet, columns=len(headers), table_rows=range(2, 4 + len(c["rows"])))
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for line in range(2, 4 + len(c["rows"])):  # LibreOffice keeps a stored height: wrapped text needs its own
        height = wrapped_height((str(cell.value), width) for cell, width in zip(sheet[line], widths) if cell.value)
        if height is not None:
            sheet.row_dimensions[line].height = height
    sheet.freeze_panes = "B3"
    sheet.print_title_rows = "1:2"
    sheet.print_area = f"A1:{last}{sheet.max_row}"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if document.landscape else "portrait"
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.6
    sheet.oddFooter.center.text = "第 &P 页，共 &N 页"
    book.properties.title = c["title"]
    book.properties.creator = c["branch"]
    with writing(Path(output)) as written:
        book.save(str(written.temporary))
    return written.path


# Excel's column-width units; a header such as 党费类别 may wrap into two lines, the notes column
# (补交、预交说明) into as many as its longest note needs beyond _NOTES_WIDTH.
_SHEET_MIN_WIDTH, _NOTES_WIDTH = 6.0, 30.0


def _sheet_widths(sheet, *, columns: int, table_rows: range) -> list[float]:
    """Each column as wide as its longest value in the table (header and 合计 included), as the
    Word notice's are: names and amounts on one line; headers and notes may wrap."""
    from .builder import CELL_PADDING, text_units

    widths = []
    for column in range(1, columns + 1):
        values = [str(sheet.cell(line, column).value or "") for line in table_rows]
        header, body = values[0], values[1:]
        longest = max((text_units(v) for v in body), default=0.0)
        wanted = max(longest, text_units(header) / 2, _SHEET_MIN_WIDTH - CELL_PADDING) + CELL_PADDING
        widths.append(min(wanted, _NOTES_WIDTH) if column == columns else wanted)
    return widths


def _append(sheet, values: list) -> None:
    """A row below the last; its texts (names, 党组织名称, amounts as shown) stored as text, never as a formula."""
    from .findings_book import text_cell

    sheet.append([None] * len(values))  # placed where openpyxl puts the next row (after a blank one too)
    for column, value in enumerate(values, start=1):
        text_cell(sheet.cell(sheet.max_row, column), value)
