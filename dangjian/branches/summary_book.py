"""The 汇总 workbook: a row per branch and a totals row, every finding linked into its workbook, charts.

Four sheets: 汇总 (numbers stored as numbers, not formulas: a file written by openpyxl has no
computed values for other readers), 问题清单 (links as findings_book writes them: relative when
the summary sits in the branches' folder, so the folder moves as a whole), 图表 (native charts
over the 汇总 columns, editable in Excel), 党员队伍结构 (the branches' statistics tables summed,
laid out as `dangjian stats` lays out one branch's, with charts of age and 学历). Headers are styled cell by cell rather than with a
table style, which LibreOffice does not show.
"""
from __future__ import annotations

from copy import copy
from pathlib import Path

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.chart.series import SeriesLabel
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.hyperlink import Hyperlink

from ..files import atomic_output
from ..findings import Level
from ..errors import printable
from ..documents.findings_book import BODY_FONT, FORMULA_STARTS, LEVEL_FILLS, LINK_FONT, cell_link, text_cell
from .summary import LIFE_CODES, SUMMARY_MARK, THREE_MEETINGS_ONE_LESSON, BranchSummary, Summary
from ..wording import LIFE_NAMES, stated_share

SUMMARY_SHEET, FINDINGS_SHEET, CHARTS_SHEET, STATISTICS_SHEET = "汇总", "问题清单", "图表", "党员队伍结构"
# The 党员队伍结构 tables drawn as charts beside the summed tables.
CHARTED_TABLES = ("年龄", "学历")
HEADER_FONT = Font(name="微软雅黑", bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="C00000")
TOTAL_FONT = Font(name="微软雅黑", bold=True)
TOTAL_FILL = PatternFill("solid", fgColor="FCE4D6")
UNREADABLE_FILL = PatternFill("solid", fgColor="D9D9D9")
THIN = Side(style="thin", color="BFBFBF")
GRID = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
PERCENT, MONEY, WHOLE = "0.0%", "#,##0.00", "0"
UNREADABLE_LEVEL = "无法读取"
WRAPPED = Alignment(wrap_text=True, vertical="top")
FINDINGS_HEADERS = ("党组织名称", "文件", "级别", "单元格", "说明", "规则", "代码")
FINDINGS_WIDTHS = (24, 28, 9, 18, 80, 20, 22)


def summary_columns() -> list[tuple[str, str, object]]:
    """(header, number format, value of a BranchSummary or of the totals dict) for the 汇总 sheet."""
    columns: list[tuple[str, str, object]] = [
        ("党组织名称", "@", lambda b: b.branch),
        ("文件", "@", lambda b: b.file),
        ("报告期间", "@", lambda b: b.period or "无法确定"),
        ("正式党员", WHOLE, "full_members"),
        ("预备党员", WHOLE, "probationary"),
        ("党员合计", WHOLE, "members"),
        ("本期入党、转入", WHOLE, "joined"),
        ("本期转出", WHOLE, "left"),
    ]
    for code in LIFE_CODES:
        name = LIFE_NAMES[code]
        columns.append((f"{name}实开", WHOLE, _life(code, "held")))
        columns.append((f"{name}应开", WHOLE, _life(code, "owed")))
        if code == THREE_MEETINGS_ONE_LESSON[-1]:  # the rate beside the four kinds it counts
            columns.append(("三会一课完成率", PERCENT, "meetings_rate"))
    columns += [
        ("交党费人数", WHOLE, "dues_members"),
        ("党费应交（元）", MONEY, "dues_due"),
        ("党费实交（元）", MONEY, "dues_paid"),
        ("党费收缴率", PERCENT, "dues_rate"),
        ("未交足人数", WHOLE, "dues_behind"),
        ("未交金额（元）", MONEY, "dues_outstanding"),
        ("递交入党申请书", WHOLE, _stage("applicants")),
        ("确定入党积极分子", WHOLE, _stage("activists")),
        ("确定发展对象", WHOLE, _stage("candidates")),
        ("接收预备党员", WHOLE, _stage("probationary")),
        ("预备党员转正", WHOLE, _stage("full")),
        ("换届选举", "@", lambda b: b.election if isinstance(b, BranchSummary) else b.get("elections")),
        ("支委会任期届满", "yyyy-mm-dd", lambda b: b.term_end if isinstance(b, BranchSummary) else None),
        ("任期情况", "@", lambda b: b.term_status if isinstance(b, BranchSummary) else None),
        ("错误", WHOLE, "errors"),
        ("警告", WHOLE, "warnings"),
    ]
    return columns


def _life(code: str, attribute: str):
    def value(row):
        item = row.life_of(code) if isinstance(row, BranchSummary) else row["life"].get(code)
        return getattr(item, attribute) if item else None
    return value


def _stage(stage: str):
    return lambda row: (row.development if isinstance(row, BranchSummary) else row["development"]).get(stage, 0)


def _value(row, getter, number_format: str | None = None):
    if callable(getter):
        return getter(row)
    value = getattr(row, getter) if isinstance(row, BranchSummary) else row.get(getter)
    if number_format == PERCENT and value is not None:
        # As the 党委 report states it: 0.0% alone would round 99.96 % up to 100.0%.
        value = stated_share(value, places=1)
    return float(value) if hasattr(value, "as_tuple") else value  # Decimal → a number Excel sums


def write_summary(summary: Summary, path: Path) -> Path:
    """Write the 汇总 workbook at `path`, whole or not at all."""
    path = Path(path)
    book = Workbook()
    book.properties.title = f"{summary.superior}{summary.period or ''}党支部台账汇总"
    book.properties.creator = "dangjian"
    book.properties.keywords = SUMMARY_MARK
    sheet = book.active
    sheet.title = SUMMARY_SHEET
    columns = summary_columns()
    totals = summary.totals
    _summary_sheet(sheet, summary, columns, totals)
    _findings_sheet(book.create_sheet(FINDINGS_SHEET), summary, base=path.parent)
    _charts_sheet(book.create_sheet(CHARTS_SHEET), summary, columns)
    _statistics_sheet(book.create_sheet(STATISTICS_SHEET), summary, totals)
    with atomic_output(path) as temporary:
        book.save(temporary)
    return path


def _summary_sheet(ws, summary: Summary, columns, totals: dict) -> None:
    _headers(ws, [header for header, _, _ in columns])
    line = 1
    styles: dict = {}
    for line, branch in enumerate(summary.branches, start=2):
        for column, (_, number_format, getter) in enumerate(columns, start=1):
            _put_styled(ws.cell(line, column), _value(branch, getter, number_format), number_format, styles, column,
                        _body_style)
        if branch.period != summary.period:
            ws.cell(line, 3).fill = LEVEL_FILLS[Level.WARNING]
    total_line = line + 1
    totals_row = {**totals, "branch": f"合计（{totals['branches']}个党支部）"}
    for column, (header, number_format, getter) in enumerate(columns, start=1):
        cell = ws.cell(total_line, column)
        if column == 1:
            value = totals_row["branch"]
        elif column in (2, 3) or header in ("支委会任期届满", "任期情况"):
            value = f"{totals['unreadable']}个文件无法读取" if column == 2 and totals["unreadable"] else None
        else:
            value = _value(totals_row, getter, number_format)
        _put(cell, value, number_format)
        cell.font, cell.fill, cell.border = TOTAL_FONT, TOTAL_FILL, GRID
    widths = [_column_width(header, number_format) for header, number_format, _ in columns]
    for column, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(column)].width = width
    ws.freeze_panes = "B2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(total_line - 1, 2)}"
    _print_setup(ws, len(columns))
    _print_in_column_groups(ws, columns, widths)


# Printed at 100 % on A4 landscape: 297 mm less two 0.4-inch margins, at 96 pixels an inch; a
# column of width w takes 7w + 5 pixels in Excel and about 8.7w in LibreOffice (measured): 9w + 5.
MARGIN_INCHES = 0.4
PAGE_WIDTH_PX = (297 / 25.4 - 2 * MARGIN_INCHES) * 96 * 0.97
NAME_WIDTH = 24
# The widest value of a text column, in width units (a Chinese character is two).
TEXT_WIDTHS = {"文件": 22, "报告期间": 12, "换届选举": 11, "任期情况": 8}


def _column_width(header: str, number_format: str) -> float:
    """Wide enough for the header on two lines and for the values."""
    if header == "党组织名称":
        return NAME_WIDTH
    values = TEXT_WIDTHS.get(header) or {"@": 12, MONEY: 11, "yyyy-mm-dd": 11}.get(number_format, 6)
    return max(8, values + 1, -(-len(header) // 2) * 2 + 2)


def _group_starts() -> set[str]:
    """The first column of each group printed together: members, 三会一课, the other meetings, dues,
    development, 换届 and the checks' counts (a column added later joins the group before it)."""
    return {"文件", f"{LIFE_NAMES[THREE_MEETINGS_ONE_LESSON[0]]}实开",
            f"{LIFE_NAMES[next(c for c in LIFE_CODES if c not in THREE_MEETINGS_ONE_LESSON)]}实开",
            "交党费人数", "递交入党申请书", "换届选举"}


def _print_in_column_groups(ws, columns, widths) -> None:
    """The 汇总 sheet printed legibly: at 100 % (not forty columns shrunk to one page width), with
    党组织名称 and the header row repeated on every page, a page break before a group of columns
    (_group_starts) that would not fit beside the last."""
    ws.sheet_properties.pageSetUpPr.fitToPage = False
    ws.page_setup.scale = 100
    ws.page_margins.left = ws.page_margins.right = MARGIN_INCHES
    ws.print_title_cols = "A:A"
    room = PAGE_WIDTH_PX - _pixels(widths[0])
    starts = _group_starts()
    groups: list[list[int]] = []
    for column in range(2, len(columns) + 1):
        if not groups or columns[column - 1][0] in starts:
            groups.append([])
        groups[-1].append(column)
    used = 0.0
    for group in groups:
        needed = sum(_pixels(widths[c - 1]) for c in group)
        if used and used + needed > room:  # the group starts a page
            ws.col_breaks.append(Break(id=group[0] - 1))
            used = 0.0
        for column in group:  # a group wider than a page: broken where the page is full
            width = _pixels(widths[column - 1])
            if used and used + width > room:
                ws.col_breaks.append(Break(id=column - 1))
                used = 0.0
            used += width


def _pixels(width: float) -> float:
    return width * 9 + 5


def _findings_sheet(ws, summary: Summary, *, base: Path) -> None:
    _headers(ws, FINDINGS_HEADERS)
    line = 1
    styles: dict = {}
    for branch in summary.branches:
        for finding in summary.findings_of(branch):
            line += 1
            values = (branch.branch, branch.file, finding.level.chinese, finding.address, finding.message,
                      finding.title or finding.code, finding.code)
            for column, value in enumerate(values, start=1):
                _put_styled(ws.cell(line, column), "" if value is None else str(value), "@", styles, column,
                            _wrapped_style)
            ws.cell(line, 3).fill = LEVEL_FILLS[finding.level]
            ws.row_dimensions[line].height = _height(finding.message, FINDINGS_WIDTHS[4])
            target, location = cell_link(finding, source=branch.path, base=base)
            link = ws.cell(line, 4)
            link.hyperlink = Hyperlink(ref=link.coordinate, target=target, location=location,
                                       tooltip=f"打开 {branch.file} 的 {finding.address}")
            link.font = LINK_FONT
    # What was not summarised as a branch of its own: files that could not be read, copies, links.
    others = [(UNREADABLE_LEVEL, UNREADABLE_FILL, item.file, item.reason) for item in summary.unreadable]
    others += [(item.level.chinese, LEVEL_FILLS[item.level], item.file, item.reason) for item in summary.skipped]
    for level, fill, file, reason in others:
        line += 1
        values = ("", file, level, "", reason, "", "")
        for column, value in enumerate(values, start=1):
            cell = text_cell(ws.cell(line, column), value)
            cell.font = BODY_FONT
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.cell(line, 3).fill = fill
        ws.row_dimensions[line].height = _height(reason, FINDINGS_WIDTHS[4])
    if line == 1:
        line = 2
        text_cell(ws.cell(2, 5), "各党支部台账均未发现问题。").font = BODY_FONT
    for column, width in enumerate(FINDINGS_WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(column)].width = width
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(FINDINGS_HEADERS))}{line}"
    _print_setup(ws, len(FINDINGS_HEADERS))


CHART_BRANCHES = 30  # bars per chart: a branch needs about 0.6 cm, and a chart prints on one page
CHART_WIDTH_CM = 16.0  # within A4 portrait's 17.2 cm between margins
ROW_CM = 15 / 72 * 2.54  # the default row height, 15 points


def _charts_sheet(ws, summary: Summary, columns) -> None:
    """Bar charts over the 汇总 rows: 三会一课 completion, dues collection, membership; each printed on
    a page of its own, the branches in charts of up to CHART_BRANCHES."""
    count = len(summary.branches)
    ws["A1"] = f"{summary.period or ''}各党支部三会一课完成率、党费收缴率和党员人数（数据见“{SUMMARY_SHEET}”工作表）"
    ws["A1"].font = TOTAL_FONT
    if not count:
        return
    source = {header: index for index, (header, _, _) in enumerate(columns, start=1)}
    data_sheet = ws.parent[SUMMARY_SHEET]
    chunks = [(first, min(first + CHART_BRANCHES, count)) for first in range(0, count, CHART_BRANCHES)]
    # Every row of the sheet 15 points high in LibreOffice as in Excel: the charts' positions are
    # counted in rows, and a page break must fall between two charts, not across one.
    ws.sheet_format.customHeight = True
    ws.row_dimensions[1].height = ws.row_dimensions[2].height = 15
    anchor = 3
    for title, headers, percent in (("三会一课完成率", ["三会一课完成率"], True),
                                    ("党费收缴率", ["党费收缴率"], True),
                                    ("党员人数", ["正式党员", "预备党员"], False)):
        for first, last in chunks:
            chart = _bar_chart(title if len(chunks) == 1 else f"{title}（第{first + 1}—{last}个党支部）",
                               percent, last - first)
            for header in headers:
                column = source[header]
                chart.add_data(Reference(data_sheet, min_col=column, min_row=first + 2, max_row=last + 1))
                chart.series[-1].tx = SeriesLabel(v=header)
            chart.set_categories(Reference(data_sheet, min_col=1, min_row=first + 2, max_row=last + 1))
            if len(headers) > 1:
                chart.grouping, chart.overlap = "stacked", 100
            else:
                chart.legend = None
            if anchor > 3:  # every chart but the first starts a page
                ws.row_breaks.append(Break(id=anchor - 1))
            ws.add_chart(chart, f"A{anchor}")
            following = anchor + int(chart.height / ROW_CM) + 2
            for row in range(anchor, following):
                ws.row_dimensions[row].height = 15
            anchor = following
    # At 100 %: a "fit to page width" scaling would make Excel and LibreOffice ignore the breaks.
    ws.page_setup.orientation = "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.scale = 100
    ws.page_margins.left = ws.page_margins.right = 0.5


def _bar_chart(title: str, percent: bool, bars: int) -> BarChart:
    chart = BarChart()
    chart.type = "bar"
    chart.title = title
    chart.height, chart.width = max(7.5, 0.6 * bars + 3), CHART_WIDTH_CM
    chart.y_axis.title = "完成比例" if percent else "人数"
    if percent:
        chart.y_axis.scaling.min, chart.y_axis.scaling.max = 0, 1
        chart.y_axis.number_format = "0%"
    else:
        chart.y_axis.scaling.min = 0
    chart.x_axis.scaling.orientation = "maxMin"  # the first branch on top, as in the sheet
    chart.x_axis.delete = chart.y_axis.delete = False
    return chart


def _statistics_sheet(ws, summary: Summary, totals: dict) -> None:
    """The branches' 党员队伍结构 tables summed (as `dangjian stats` lays out one branch's), with
    a bar chart of the 年龄 and 学历 tables beside them."""
    from ..documents.stats_book import lay_out_tables

    title = f"{summary.superior}{summary.period or ''}党员队伍结构统计"
    notes = [f"{totals['branches']}个党支部的合计，各党支部按其报告期间的最后一天统计；年龄按该年12月31日计算周岁；"
             "“未填写”为党员名册中该项为空或无法识别的人数。"]
    placed = lay_out_tables(ws, title, notes, summary.statistics(), summary.statistics_totals())
    anchor = 3
    for name in CHARTED_TABLES:
        if name not in placed:
            continue  # the branches' band setting could not be read: no table, no chart
        first, last = placed[name]
        chart = BarChart()
        chart.title = f"党员{name}结构"
        chart.height, chart.width = 7.5, 16
        chart.add_data(Reference(ws, min_col=2, min_row=first, max_row=last), titles_from_data=False)
        chart.set_categories(Reference(ws, min_col=1, min_row=first, max_row=last))
        chart.legend = None
        chart.y_axis.title = "人数"
        chart.y_axis.scaling.min = 0
        chart.x_axis.delete = chart.y_axis.delete = False
        ws.add_chart(chart, f"D{anchor}")
        anchor += 17
    ws.print_area = f"A1:M{max(ws.max_row, anchor)}"  # the charts beside the tables print too


def _height(text: str, width: int) -> float:
    """Row height (points) for wrapped Chinese text: LibreOffice does not grow rows written by openpyxl."""
    per_line = max(1, width // 2 - 1)  # a Chinese character is about two width units
    return 16.5 * max(1, -(-len(text) // per_line))


def _headers(ws, headers) -> None:
    for column, header in enumerate(headers, start=1):
        cell = ws.cell(1, column, header)
        cell.font, cell.fill, cell.border = HEADER_FONT, HEADER_FILL, GRID
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.row_dimensions[1].height = 33


def _print_setup(ws, width: int) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"
    ws.print_options.gridLines = False
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"


def _body_style(cell) -> None:
    cell.font = BODY_FONT
    cell.border = GRID


def _wrapped_style(cell) -> None:
    cell.font = BODY_FONT
    cell.alignment = WRAPPED


def _put_styled(cell, value, number_format: str, styles: dict, column: int, style) -> None:
    """`_put` and `style(cell)`, the resulting style made once per column and kind of value and
    copied after: openpyxl's style setters hash the whole style each time (a 1,000-branch 汇总 took
    seconds)."""
    text = isinstance(value, str)
    if text:
        value = printable(value)  # as text_cell stores it: the formula test is on what is stored
    key = (column, text and value.startswith(FORMULA_STARTS), value is not None and not text)
    made = styles.get(key)
    if made is None:
        _put(cell, value, number_format)
        style(cell)
        styles[key] = copy(cell._style)
        return
    if text:
        text_cell(cell, value)
    else:
        cell.value = value
    cell._style = copy(made)


def _put(cell, value, number_format: str) -> None:
    if isinstance(value, str):
        text_cell(cell, value)
    else:
        cell.value = value
        if value is not None and number_format != "@":
            cell.number_format = number_format


__all__ = ["CHARTS_SHEET", "FINDINGS_SHEET", "STATISTICS_SHEET", "SUMMARY_SHEET", "summary_columns", "write_summary"]
