"""A printable worksheet of text: a title, a header row repeated on every page, the rows, notes
below (工作提醒, 组织生活计划). Every value is stored as text (findings_book.text_cell) and the file is
written whole through the output policy (files.writing)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, Optional, Sequence

MARK_FILL = "F8CBAD"  # the colour of a marked cell (an overdue item)


@dataclass(frozen=True)
class PrintTable:
    sheet_name: str
    title: str
    headers: tuple[str, ...]
    rows: Sequence[Sequence[object]]
    widths: tuple[float, ...]
    creator: str = ""
    landscape: bool = False
    left_columns: tuple[int, ...] = ()  # 0-based columns aligned left (long text); the others centred
    marked: frozenset[tuple[int, int]] = frozenset()  # (row, column), 0-based, filled with MARK_FILL
    notes: tuple[str, ...] = ()  # lines below the table, each across its width
    empty: str = ""  # said in the table's place when it has no rows
    # (row, column), 0-based → (target file or None, location): the cell links into the workbook.
    links: Optional[Mapping[tuple[int, int], tuple[Optional[str], str]]] = None


def write_print_table(table: PrintTable, *, output: Path) -> Path:
    """Write `table` as an A4 worksheet (fit to the page's width) at `output`; returns the path written."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.hyperlink import Hyperlink

    from .builder import wrapped_height
    from ..files import writing
    from .findings_book import text_cell

    book = Workbook()
    sheet = book.active
    sheet.title = table.sheet_name
    last = get_column_letter(len(table.headers))
    thin = Side(style="thin", color="000000")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    text_cell(sheet.cell(1, 1), table.title)
    sheet.merge_cells(f"A1:{last}1")
    sheet["A1"].font = Font(name="方正小标宋简体", size=18)
    sheet["A1"].alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    sheet.row_dimensions[1].height = 36
    # Headers styled directly: a table style alone is lost when the sheet is opened in WPS.
    for column, title in enumerate(table.headers, start=1):
        cell = text_cell(sheet.cell(2, column), title)
        cell.font = Font(name="黑体", size=11)
        cell.fill = PatternFill("solid", fgColor="D9D9D9")
        cell.border = box
        cell.alignment = Alignment(horizontal="center", vertical="center")
    # One style object each, shared by every cell (openpyxl hashes each one it is given).
    mark = PatternFill("solid", fgColor=MARK_FILL)
    body, link_font = Font(name="仿宋_GB2312", size=11), Font(name="仿宋_GB2312", size=11, color="0563C1", underline="single")
    left, centre = (Alignment(horizontal=side, vertical="center", wrap_text=True) for side in ("left", "center"))
    for index, values in enumerate(table.rows):
        for column, value in enumerate(values):
            cell = text_cell(sheet.cell(index + 3, column + 1), value)
            cell.font = body
            cell.border = box
            cell.alignment = left if column in table.left_columns else centre
            if (index, column) in table.marked:
                cell.fill = mark
            if table.links and (index, column) in table.links:
                target, location = table.links[(index, column)]
                cell.hyperlink = Hyperlink(ref=cell.coordinate, target=target, location=location)
                cell.font = link_font
        # LibreOffice keeps a stored height: a row of wrapped text needs its own.
        height = wrapped_height((str(value), width) for value, width in zip(values, table.widths) if value)
        if height is not None:
            sheet.row_dimensions[index + 3].height = height
    widths = {get_column_letter(column): width for column, width in enumerate(table.widths, start=1)}
    notes = table.notes if table.rows or not table.empty else (table.empty, *table.notes)
    line = sheet.max_row + 2
    for text in notes:
        text_cell(sheet.cell(line, 1), text)
        sheet.merge_cells(f"A{line}:{last}{line}")
        sheet.cell(line, 1).alignment = Alignment(wrap_text=True, vertical="top")
        sheet.cell(line, 1).font = Font(name="仿宋_GB2312", size=11)
        sheet.row_dimensions[line].height = 32
        line += 1
    for letter, width in widths.items():
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A3"
    sheet.print_title_rows = "1:2"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if table.landscape else "portrait"
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.oddFooter.center.text = "第 &P 页，共 &N 页"
    book.properties.title = table.title
    book.properties.creator = table.creator
    with writing(Path(output)) as written:
        book.save(str(written.temporary))
    return written.path
