"""党员队伍结构统计 as a printable workbook: the 年报's tables one under another, each with its total.

Counts only (figures.statistics): no name, number or date of birth of anyone. Written through the
output policy (files.writing); every text cell as text (findings_book.text_cell).
"""
from __future__ import annotations

from pathlib import Path
from typing import Mapping

from ..figures.statistics import Statistics
from ..read.values import format_date

SHEET_TITLE = "党员队伍结构统计"
TOTAL_LABEL = "合计"


def stats_title(branch: str) -> str:
    return f"{branch}党员队伍结构统计"


def stats_notes(statistics: Statistics) -> list[str]:
    """What the figures mean: the day, how age is counted, what 党员数量变化 covers."""
    day = statistics.day
    return [f"统计日期：{format_date(day)}，在册党员{statistics.members}名；年龄按{day.year}年12月31日计算周岁。",
            f"党员数量变化、预备党员转正为{format_date(statistics.start)}至{format_date(day)}的情况；"
            "“未填写”为党员名册中该项为空或无法识别的人数。"]


def write_stats(statistics: Statistics, *, branch: str, output: Path) -> Path:
    """The tables of `statistics` as one printable sheet at `output`; returns the path written."""
    from openpyxl import Workbook

    from ..files import writing

    book = Workbook()
    sheet = book.active
    sheet.title = SHEET_TITLE
    title = stats_title(branch)
    lay_out_tables(sheet, title, stats_notes(statistics), statistics.tables, statistics.totals)
    book.properties.title = title[:255]
    book.properties.creator = branch[:255]
    with writing(Path(output)) as written:
        book.save(str(written.temporary))
    return written.path


def lay_out_tables(sheet, title: str, notes: list[str], tables: Mapping[str, Mapping[str, int]],
                   totals: Mapping[str, int]) -> dict[str, tuple[int, int]]:
    """Title, notes, then each table as 项目 | 人数 rows, those of `totals` with their 合计 (the
    figures' count of the people the table sorts, not a sum made here).

    Returns each table's first and last row of counts (without 合计), for charts over them.
    """
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    from .findings_book import text_cell

    thin = Side(style="thin", color="000000")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
    body = Font(name="仿宋_GB2312", size=11)
    line = 1
    placed: dict[str, tuple[int, int]] = {}
    text_cell(sheet.cell(line, 1), title).font = Font(name="方正小标宋简体", size=16)
    sheet.merge_cells(start_row=line, start_column=1, end_row=line, end_column=2)
    sheet.cell(line, 1).alignment = centre
    sheet.row_dimensions[line].height = 30
    for note in notes:
        line += 1
        text_cell(sheet.cell(line, 1), note).font = body
        sheet.merge_cells(start_row=line, start_column=1, end_row=line, end_column=2)
        sheet.cell(line, 1).alignment = Alignment(wrap_text=True, vertical="center")
        # Rows written by openpyxl do not grow to wrapped text in LibreOffice: about 20 characters a line.
        sheet.row_dimensions[line].height = 16 * -(-len(note) // 20)
    for name, rows in tables.items():
        line += 2
        text_cell(sheet.cell(line, 1), name).font = Font(name="黑体", size=12)
        line += 1
        for column, header in enumerate(("项目", "人数"), start=1):
            cell = text_cell(sheet.cell(line, column), header)
            cell.font, cell.fill, cell.border, cell.alignment = (
                Font(name="黑体", size=11), PatternFill("solid", fgColor="D9D9D9"), box, centre)
        entries = list(rows.items())
        placed[name] = (line + 1, line + len(entries))
        if name in totals:
            entries.append((TOTAL_LABEL, totals[name]))
        for label, count in entries:
            line += 1
            text_cell(sheet.cell(line, 1), label)
            sheet.cell(line, 2).value = int(count)
            for column in (1, 2):
                cell = sheet.cell(line, column)
                cell.border, cell.alignment = box, centre
                cell.font = Font(name="仿宋_GB2312", size=11, bold=label == TOTAL_LABEL)
    sheet.column_dimensions["A"].width = 30
    sheet.column_dimensions["B"].width = 14
    sheet.print_area = f"A1:B{line}"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "portrait"
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.oddFooter.center.text = "第 &P 页，共 &N 页"
    return placed


def format_tables(statistics: Statistics, *, branch: str) -> str:
    """The tables as text for the terminal (`dangjian stats` without -o)."""
    lines = [stats_title(branch), *stats_notes(statistics)]
    for name, rows in statistics.tables.items():
        lines.append(f"\n【{name}】")
        lines += [f"  {label}：{count}" for label, count in rows.items()]
        if name in statistics.totals:
            lines.append(f"  {TOTAL_LABEL}：{statistics.totals[name]}")
    return "\n".join(lines)
