"""The findings as a workbook of their own (校验结果), each 单元格 a link to the checked cell.

Links are real hyperlinks (a relationship with the file as target and the cell as `location`),
not HYPERLINK() formulas: this is what Excel itself writes for a link into another workbook's
cell, the cell keeps a plain text value every reader sees (a formula written by openpyxl has no
computed value), and no single HYPERLINK() syntax jumps to a cell in both Excel
("[file]Sheet!A1") and LibreOffice ("file#Sheet.A1"). The target is relative when the findings
file sits beside the checked workbook's folder, so the two can be moved together.

`findings_rows()` gives the same rows as plain data, for the add-in that writes a 校验结果 sheet
into the open workbook through xlwings; `cell_link()` gives the link of one finding.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.table import Table, TableStyleInfo

from ..errors import printable
from ..files import writing
from ..findings import CheckReport, Finding, Level
from ..schema import FINDINGS_SHEET, SHEET_ORDER

HEADERS = ("级别", "工作表", "单元格", "说明", "依据", "规则", "代码")
WIDTHS = (8, 12, 16, 90, 44, 20, 22)
WHOLE_SHEET = "（整表）"
NO_FINDINGS = "校验通过：未发现问题。"
# Text a spreadsheet would take for a formula if someone retyped the cell (CSV/DDE injection too).
FORMULA_STARTS = ("=", "+", "-", "@")
LEVEL_FILLS = {
    Level.ERROR: PatternFill("solid", fgColor="F8CBAD"),
    Level.WARNING: PatternFill("solid", fgColor="FFE699"),
    Level.INFO: PatternFill("solid", fgColor="DDEBF7"),
}
HEADER_FILL = PatternFill("solid", fgColor="4472C4")
LINK_FONT = Font(name="微软雅黑", color="0563C1", underline="single")
BODY_FONT = Font(name="微软雅黑")
# Characters of a file name that mean something else in a relative URI (Chinese is kept as is,
# as Excel writes it).
_URI_ESCAPES = str.maketrans({"%": "%25", "#": "%23", "?": "%3F", " ": "%20"})


def findings_rows(report: CheckReport, *, header: bool = True) -> list[list]:
    """[级别, 工作表, 单元格, 说明, 依据, 规则, 代码] per finding, sorted by sheet and cell; the header first.

    规则 is the rule's Chinese name; its code (dues-streak) stays in the last column for reference.
    """
    rows = [[f.level.chinese, f.sheet, f.cell or WHOLE_SHEET, f.message, f.basis, f.title or f.code, f.code]
            for f in _ordered(report)]
    return [list(HEADERS), *rows] if header else rows


def cell_location(finding: Finding) -> str:
    """The cell as a hyperlink location: 'Sheet'!B12 (the first cell of a range; A1 of a whole sheet)."""
    cell = finding.cell.split(":")[0] if finding.cell else "A1"
    if not any(ch.isdigit() for ch in cell):
        cell = "A1"  # a whole row or column ("1:1") cannot be a link target
    sheet = finding.sheet.replace("'", "''")
    return f"'{sheet}'!{cell}"


def cell_link(finding: Finding, *, source: Path | None = None, base: Path | None = None) -> tuple[str | None, str]:
    """(target file or None for the same workbook, location) of the link to a finding's cell."""
    if source is None:
        return None, cell_location(finding)
    source = Path(source).resolve()
    target = source.as_uri()  # percent-encoded already
    if base is not None:
        try:
            relative = os.path.relpath(source, Path(base).resolve())
        except ValueError:  # another drive on Windows
            relative = None
        if relative is not None and not relative.startswith(".."):
            # A link target is a URI: “#” would start a fragment and “%” an escape in a file name.
            target = relative.replace(os.sep, "/").translate(_URI_ESCAPES)
    return target, cell_location(finding)


def write_findings(report: CheckReport, path: Path, *, source: Path | None = None) -> Path:
    """Write the findings as a workbook at `path` under the output policy (files.writing); links
    point into `source`. Returns the path written: `path`, or “name(1).xlsx” when it is in use."""
    path = Path(path)
    book = Workbook()
    ws = book.active
    ws.title = FINDINGS_SHEET
    findings = _ordered(report)
    for column, title in enumerate(HEADERS, start=1):
        cell = ws.cell(1, column, title)
        cell.font = Font(name="微软雅黑", bold=True, color="FFFFFF")
        cell.fill = HEADER_FILL  # set on the cell too: LibreOffice does not draw the table style's header
    if not findings:
        text_cell(ws.cell(2, 4), NO_FINDINGS)
    for line, (finding, values) in enumerate(zip(findings, findings_rows(report, header=False)), start=2):
        for column, value in enumerate(values, start=1):
            cell = text_cell(ws.cell(line, column), value)
            cell.font = BODY_FONT
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.cell(line, 1).fill = LEVEL_FILLS[finding.level]
        target, location = cell_link(finding, source=source, base=path.parent)
        link_cell = ws.cell(line, 3)
        link_cell.hyperlink = Hyperlink(ref=link_cell.coordinate, target=target, location=location,
                                        tooltip=f"打开 {finding.address}")
        link_cell.font = LINK_FONT
    last = max(len(findings), 1) + 1
    table = Table(displayName="T_findings", ref=f"A1:{get_column_letter(len(HEADERS))}{last}")
    table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
    ws.add_table(table)
    for column, width in enumerate(WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(column)].width = width
    ws.freeze_panes = "A2"
    ws.page_setup.orientation = "landscape"
    ws.print_title_rows = "1:1"
    with writing(path) as written:
        book.save(written.temporary)
    return written.path


def text_cell(cell, value: object):
    """Store text as text, in every workbook the tool writes (findings, 汇总, 公示表): a name or
    message starting with = + - @ must never become a formula, now or when the cell is edited."""
    text = "" if value is None else printable(str(value))  # a control character cannot be stored in .xlsx
    cell.value = text
    cell.data_type = "s"
    if text.startswith(FORMULA_STARTS):
        cell.quotePrefix = True  # keeps it text when someone edits the cell in Excel
    return cell


def _ordered(report: CheckReport) -> list[Finding]:
    return report.sorted(SHEET_ORDER)


__all__: Iterable[str] = ("HEADERS", "cell_link", "cell_location", "findings_rows", "text_cell", "write_findings")
