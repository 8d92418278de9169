"""Write a workbook from the schema: the blank 台账 (`new`) and, given rows, the sample."""
from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Iterable, Mapping, Sequence

from openpyxl import Workbook
from openpyxl.cell.cell import ERROR_CODES
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils.cell import column_index_from_string, get_column_letter
from openpyxl.utils.datetime import from_excel, to_excel
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.table import Table, TableStyleInfo

from ..files import atomic_output
from ..read.grid import Formula, Grid
from ..read.values import parse_value
from ..schema import (
    BASIC_INFO, DATA_SHEETS, DUES, INSTRUCTIONS_SHEET, MONTHS, RULES, TOTAL, Column, Kind, Sheet,
    SettingsSheet,
)

DATE_FORMAT = "yyyy\"年\"m\"月\"d\"日\""
MONEY_FORMAT = "#,##0.00"
INT_FORMAT = "0"
BLANK_TABLE_ROWS = 30  # rows a blank table offers before Excel extends it
FORMATTED_ROWS = 500  # rows below the data that keep the column formats and dropdowns
VALIDATION_ROWS = 5000

HEADER_FONT = Font(name="微软雅黑", bold=True, color="FFFFFF")
REQUIRED_HEADER_FONT = Font(name="微软雅黑", bold=True, color="FFFF00")
BODY_FONT = Font(name="微软雅黑")
TITLE_FONT = Font(name="微软雅黑", bold=True, size=16)
SECTION_FONT = Font(name="微软雅黑", bold=True, size=12, color="C00000")
HEADER_FILL = PatternFill("solid", fgColor="C00000")
LABEL_FILL = PatternFill("solid", fgColor="FDE9D9")
TOTAL_FILL = PatternFill("solid", fgColor="F2F2F2")
THIN = Side(style="thin", color="BFBFBF")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
HEADER_ALIGNMENT = Alignment(horizontal="center", vertical="center", wrap_text=True)

# Column widths are in Excel's unit, the width of a "0" in the default font. Measured for
# 微软雅黑 11: a Chinese character takes about 2.1 units, a digit or Latin letter 1.2, and a
# cell needs 1.5 more for its padding. A column grows to its longest value up to MAX_WIDTH
# (dates, names, 职务 lists); longer text wraps in its cell, in a row made tall enough.
WIDE_UNITS, NARROW_UNITS, CELL_PADDING = 2.1, 1.2, 1.5
MAX_WIDTH = 24
LONGEST_DATE = "2023年12月31日"
# A4 less 0.5-inch margins: 184 mm portrait (about 98 units), 271 mm landscape.
PORTRAIT_UNITS = 98
# 使用说明: one column that fits a portrait page, its rows as tall as their wrapped lines.
# LibreOffice without Calibri measures the unit in a wider fallback font (about 7 pt), so
# 74 units still fit the 523 pt between the margins there; in Excel they take 138 mm.
INSTRUCTIONS_WIDTH = 74
LINE_POINTS = 15.5  # one line of 微软雅黑 11
BLANK_LINE_POINTS = 9.0
SETTINGS_WIDTHS = {"A": 30, "B": 40, "C": 60}
DEFAULT_SIZE = 11.0

Rows = Mapping[str, Sequence[Mapping[str, object]]]


@dataclass(frozen=True)
class _Validation:
    kind: str
    formula1: str | None = None
    formula2: str | None = None
    operator: str | None = None
    error_style: str = "stop"


def build_workbook(path: Path, *, settings: Mapping[str, object] | None = None, rows: Rows | None = None) -> None:
    """Write the workbook: 使用说明, 基本信息, the data sheets, 规则设置.

    `settings` maps 基本信息 and 规则设置 项目 to values (a 规则设置 item left out keeps its
    default); `rows` maps a sheet name to rows keyed by header (without unit). Without rows the
    sheets are blank and ready to fill. The cell values are `sheet_values(settings, rows)`.
    """
    values = sheet_values(settings, rows)
    book = Workbook()
    _write_instructions(book.active)
    _write_settings(book.create_sheet(BASIC_INFO.name), BASIC_INFO, values[BASIC_INFO.name])
    for sheet in DATA_SHEETS:
        _write_table(book.create_sheet(sheet.name), sheet, values[sheet.name])
    _write_settings(book.create_sheet(RULES.name), RULES, values[RULES.name])
    with atomic_output(Path(path)) as temporary:
        book.save(temporary)


def replace_table_sheet(book, sheet: Sheet, rows: list[Mapping[str, object]]) -> None:
    """Put `sheet` into an open workbook (replacing a sheet of that name) as `build_workbook` writes
    it: headers, formats, dropdowns, print setup; `rows` keyed by header as in build_sample.py."""
    if sheet.name in book.sheetnames:
        del book[sheet.name]
    _write_table(book.create_sheet(sheet.name), sheet, _table_values(sheet, list(rows)))


def _instruction_lines() -> list[tuple[str, Font | None]]:
    """使用说明 line by line, with the font of a heading (None: body text)."""
    return [
        ("党支部工作台账 使用说明", TITLE_FONT),
        ("本工作簿是党支部的工作台账。按下列各表填写后，一键校验并生成《党支部工作情况报告》（Word，党政机关公文格式）。", None),
        ("", None),
        ("一、填写要求", SECTION_FONT),
        ("1. 每个工作表第1行是列标题，请勿修改或删除；数据从第2行开始，一行一条记录。", None),
        ("2. 数据表中黄色标题的列、“基本信息”中加粗的项目为必填项；有下拉箭头的列请从下拉列表中选择，"
         "选中单元格时会显示填写提示。", None),
        ("3. 日期写成 2023-10-09 或 2023年10月9日 均可；金额以“元”为单位，保留两位小数。", None),
        ("4. 一项有多个值时（如“专题”“职务”）用“、”分隔，如：组织委员、纪检委员。", None),
        ("5. 身份证号、联系电话只用于核对，不会写入报告。", None),
        ("6. 党费收缴表的“合计”列和“合计”行是公式，请勿手工改写。", None),
        ("7. 会议记录、活动记录中“写入报告”选“是”的，会在报告中专门叙述（下半年、全年报告也会写入本年度此前"
         "标为“是”的活动）；会议主题、活动名称会直接写进报告的句子，请写完整的名称。", None),
        ("", None),
        ("二、各工作表", SECTION_FONT),
        (f"{BASIC_INFO.name}：{BASIC_INFO.purpose}", None),
        *((f"{sheet.name}：{sheet.purpose}", None) for sheet in DATA_SHEETS),
        (f"{RULES.name}：{RULES.purpose}", None),
        ("", None),
        ("三、生成报告", SECTION_FONT),
        ("在Excel中：安装“党建报告”加载项后，点击功能区“党建报告”选项卡中的“校验并生成报告”按钮；"
         "校验结果写入“校验结果”工作表，报告保存在本工作簿所在的文件夹。", None),
        ("在WPS或没有Excel的电脑上：请负责电脑维护的同志按程序说明（README）安装一次，此后保存本工作簿，"
         "在命令行（“命令提示符”或终端）中进入程序所在文件夹，运行", None),
        ("    python -m dangjian check 台账.xlsx      （只校验）", None),
        ("    python -m dangjian report 台账.xlsx     （校验并生成报告）", None),
        ("校验发现“错误”时不生成报告，请按提示的工作表和单元格改正后再试。", None),
    ]


def _write_instructions(ws) -> None:
    ws.title = INSTRUCTIONS_SHEET
    ws.sheet_properties.tabColor = "C00000"
    for number, (text, font) in enumerate(_instruction_lines(), start=1):
        cell = ws.cell(number, 1, text)
        cell.font = font or BODY_FONT
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        # Set, not left to the program: LibreOffice (7.4) does not grow a row for wrapped
        # text when it opens an .xlsx, so long lines ran off the page and overlapped the next.
        scale = ((font or BODY_FONT).sz or DEFAULT_SIZE) / DEFAULT_SIZE
        ws.row_dimensions[number].height = (
            _row_height(text, INSTRUCTIONS_WIDTH / scale) * scale if text else BLANK_LINE_POINTS)
    ws.column_dimensions["A"].width = INSTRUCTIONS_WIDTH
    ws.sheet_view.showGridLines = False
    _print_setup(ws, landscape=False, pages_high=1)


def text_units(text: str) -> float:
    """The width of `text` in Excel's column-width unit (see WIDE_UNITS)."""
    return sum(WIDE_UNITS if unicodedata.east_asian_width(c) in ("W", "F") else NARROW_UNITS for c in text)


def _row_height(text: str, width: float) -> float:
    lines = max(1, math.ceil(text_units(text) / (width - CELL_PADDING)))
    return lines * LINE_POINTS + 3


def fit_row_height(ws, line: int, widths: Mapping[str, float]) -> None:
    """A row holding wrapped text gets the height of its lines.

    LibreOffice keeps a row's stored height when it opens an .xlsx, so a cell that wraps
    would show its first line only. Rows of one line keep no height, and Excel sizes them.
    """
    # The row's cells up to the last measured column: ws[line] would measure the whole sheet's width
    # each time, which grows with the rows written.
    last = max(map(column_index_from_string, widths))
    cells = next(ws.iter_rows(min_row=line, max_row=line, max_col=last))
    height = wrapped_height((shown_text(cell.value, Kind.TEXT), widths[cell.column_letter])
                            for cell in cells if cell.value is not None and cell.column_letter in widths
                            and not str(cell.value).startswith("="))
    if height is not None:
        ws.row_dimensions[line].height = height


def wrapped_height(cells: Iterable[tuple[str, float]]) -> float | None:
    """The height of a row whose (text, column width) cells wrap; None when every one fits one line."""
    heights = [_row_height(text, width) for text, width in cells]
    return max(heights) if heights and max(heights) > LINE_POINTS + 3 else None


def _write_settings(ws, spec: SettingsSheet, values: list[tuple[object, ...]]) -> None:
    for column, header in enumerate(values[0], start=1):
        ws.cell(1, column, header)
    for line, setting in enumerate(spec.settings, start=2):
        item, value, note = values[line - 1]
        label = ws.cell(line, 1, item)
        label.fill = LABEL_FILL
        label.font = Font(name="微软雅黑", bold=setting.required)
        cell = ws.cell(line, 2, _file_value(value))
        _format_cell(cell, setting.kind)
        ws.cell(line, 3, note).font = Font(name="微软雅黑", color="595959")
        validation = _validation_for(setting.kind, setting.choices, limits=setting.limits)
        if validation:
            _add_validation(ws, validation, f"B{line}", setting.item, setting.help or setting.basis)
        for col in range(1, 4):
            ws.cell(line, col).border = BOX
            ws.cell(line, col).alignment = WRAP
        fit_row_height(ws, line, SETTINGS_WIDTHS)
    for column in range(1, 4):
        _style_header(ws.cell(1, column), HEADER_FONT)
    for letter, width in SETTINGS_WIDTHS.items():
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "B2"
    _print_setup(ws, landscape=sum(SETTINGS_WIDTHS.values()) > PORTRAIT_UNITS)


def _write_table(ws, sheet: Sheet, values: list[tuple[object, ...]]) -> None:
    columns = sheet.columns
    letters = {c.key: get_column_letter(i) for i, c in enumerate(columns, start=1)}
    last = len(values) - (1 if sheet.total_row else 0)
    body = values[1:last]
    for index, column in enumerate(columns, start=1):
        # Styled directly as well as by the table style, which LibreOffice does not draw.
        _style_header(ws.cell(1, index, values[0][index - 1]), REQUIRED_HEADER_FONT if column.required else HEADER_FONT)
        shown = [line[index - 1] for line in body if not isinstance(line[index - 1], Formula)]
        ws.column_dimensions[letters[column.key]].width = column_width(column, shown)
    for line in range(2, last + 1):
        for index, column in enumerate(columns, start=1):
            cell = ws.cell(line, index, _file_value(values[line - 1][index - 1]))
            _format_cell(cell, column.kind)
            cell.border = BOX
    if any(value is not None and not isinstance(value, Formula) for line in body for value in line):
        widths = {letters[c.key]: ws.column_dimensions[letters[c.key]].width for c in columns}
        for line in range(2, last + 1):
            fit_row_height(ws, line, widths)
    table = Table(displayName=f"T_{sheet.key}", ref=f"A1:{get_column_letter(len(columns))}{last}")
    # Grey bands that go with the red header row; the header itself is styled directly.
    table.tableStyleInfo = TableStyleInfo(name="TableStyleLight1", showRowStripes=True)
    ws.add_table(table)
    if sheet.total_row:
        _write_total_row(ws, sheet, values[-1], last)
    first_free = last + (2 if sheet.total_row else 1)
    for index, column in enumerate(columns, start=1):
        for line in range(first_free, first_free + FORMATTED_ROWS):
            _format_cell(ws.cell(line, index), column.kind)
        validation = None if column.formula else _validation_for(column.kind, column.choices)
        if column.formula:
            _add_prompt(ws, f"{letters[column.key]}2:{letters[column.key]}{VALIDATION_ROWS}", column.header,
                        "由公式自动计算，请勿填写或改写")
        elif validation:
            _add_validation(ws, validation, f"{letters[column.key]}2:{letters[column.key]}{VALIDATION_ROWS}",
                            column.header, column.help)
        elif column.help:
            _add_prompt(ws, f"{letters[column.key]}2:{letters[column.key]}{VALIDATION_ROWS}", column.header, column.help)
    ws.freeze_panes = "C2" if sheet is DUES else "A2"
    ws.row_dimensions[1].height = 30
    width = sum(ws.column_dimensions[letters[c.key]].width for c in columns)
    _print_setup(ws, landscape=width > PORTRAIT_UNITS)


def _style_header(cell, font: Font) -> None:
    cell.font = font
    cell.fill = HEADER_FILL
    cell.border = BOX
    cell.alignment = HEADER_ALIGNMENT


def column_width(column: Column, values: Sequence[object]) -> float:
    """The schema's width, widened to its header or longest value as printed, up to MAX_WIDTH."""
    # The header counts too: "10月（元）" wrapped in LibreOffice as "10月（元" over "）".
    shown = [column.label, *(shown_text(value, column.kind) for value in values if value is not None)]
    if column.kind is Kind.DATE:
        shown.append(LONGEST_DATE)
    need = max((text_units(text) + CELL_PADDING for text in shown), default=0)
    return max(column.width, min(math.ceil(need * 10 - 1e-9) / 10, MAX_WIDTH))


def shown_text(value: object, kind: Kind) -> str:
    """A value as the cell shows it (DATE_FORMAT, MONEY_FORMAT)."""
    if isinstance(value, (date, datetime)):
        return f"{value.year}年{value.month}月{value.day}日"
    if kind is Kind.MONEY and isinstance(value, (int, float, Decimal)):
        return f"{value:,.2f}"
    if isinstance(value, (tuple, list)):
        return "、".join(str(v) for v in value)
    return str(value)


def _write_total_row(ws, sheet: Sheet, totals: tuple[object, ...], last_data_line: int) -> None:
    line = last_data_line + 1
    for index, column in enumerate(sheet.columns, start=1):
        cell = ws.cell(line, index, _file_value(totals[index - 1]))
        if column.kind is Kind.MONEY:
            cell.number_format = MONEY_FORMAT
        cell.font = Font(name="微软雅黑", bold=True)
        cell.fill = TOTAL_FILL
        cell.border = BOX


def _format_cell(cell, kind: Kind) -> None:
    if kind is Kind.DATE:
        cell.number_format = DATE_FORMAT
    elif kind is Kind.MONEY:
        cell.number_format = MONEY_FORMAT
    elif kind is Kind.INT:
        cell.number_format = INT_FORMAT
    else:
        cell.number_format = "@" if cell.value is None else "General"
    cell.alignment = WRAP


def _validation_for(kind: Kind, choices: tuple[str, ...], *, limits: tuple[int, int] | None = None) -> _Validation | None:
    if kind in (Kind.CHOICE, Kind.YES_NO) and choices:
        return _Validation("list", '"' + ",".join(choices) + '"')
    if kind is Kind.DATE:
        # A warning, not a stop: the reader also accepts dates typed as text.
        return _Validation("date", "DATE(1900,1,1)", "DATE(2100,12,31)", "between", "warning")
    if kind is Kind.MONEY:
        return _Validation("decimal", "0", None, "greaterThanOrEqual", "warning")
    if kind is Kind.INT and limits:
        return _Validation("whole", str(limits[0]), str(limits[1]), "between", "stop")
    if kind is Kind.INT:
        return _Validation("whole", "0", None, "greaterThanOrEqual", "warning")
    return None


_ERRORS = {
    "list": "请从下拉列表中选择。",
    "date": "请输入日期，如 2023-10-09。",
    "decimal": "请输入不小于0的金额（元）。",
    "whole": "请输入不小于0的整数。",
}


def _error_text(spec: _Validation) -> str:
    if spec.kind == "whole" and spec.operator == "between":
        return f"请输入{spec.formula1}至{spec.formula2}之间的整数。"
    return _ERRORS[spec.kind]


def _add_validation(ws, spec: _Validation, ref: str, title: str, help_text: str) -> None:
    validation = DataValidation(
        type=spec.kind, formula1=spec.formula1, formula2=spec.formula2, operator=spec.operator,
        allow_blank=True, showDropDown=False, showErrorMessage=True, showInputMessage=True,
        errorStyle=spec.error_style, errorTitle=title[:32], error=(_error_text(spec) + help_text)[:255],
        promptTitle=title[:32], prompt=(help_text or _ERRORS[spec.kind])[:255],
    )
    validation.add(ref)
    ws.add_data_validation(validation)


def _add_prompt(ws, ref: str, title: str, help_text: str) -> None:
    validation = DataValidation(allow_blank=True, showInputMessage=True, promptTitle=title[:32], prompt=help_text[:255])
    validation.add(ref)
    ws.add_data_validation(validation)


def _print_setup(ws, *, landscape: bool, pages_high: int = 0) -> None:
    """A4, one page wide (0 pages high: as many as the rows need), the header row on every page."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = pages_high
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    if ws.title != INSTRUCTIONS_SHEET:
        ws.print_title_rows = "1:1"
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"


# ---- cell values: one layout for the file and for grids in memory -------------------------

def sheet_values(settings: Mapping[str, object] | None = None, rows: Rows | None = None
                 ) -> dict[str, list[tuple[object, ...]]]:
    """Every sheet's cell values from row 1, as the reader reads them back from the written file.

    build_workbook writes exactly these; `workbook_grids` hands them to the checks without a file.
    """
    settings, rows = settings or {}, rows or {}
    values = {INSTRUCTIONS_SHEET: [(_as_read(text, Kind.TEXT),) for text, _ in _instruction_lines()],
              BASIC_INFO.name: _settings_values(BASIC_INFO, settings)}
    for sheet in DATA_SHEETS:
        values[sheet.name] = _table_values(sheet, list(rows.get(sheet.name, ())))
    values[RULES.name] = _settings_values(RULES, settings)
    return values


def workbook_grids(settings: Mapping[str, object] | None = None, rows: Rows | None = None) -> dict[str, Grid]:
    """What `read_grids` gives for the workbook `build_workbook(path, settings=…, rows=…)` writes."""
    grids = {}
    for name, lines in sheet_values(settings, rows).items():
        # The reader's shape: at least three columns (项目|内容|说明), no trailing blank rows.
        width = max(len(lines[0]), 3)
        shaped = [line + (None,) * (width - len(line)) for line in lines]
        while shaped and all(v is None for v in shaped[-1]):
            shaped.pop()
        grids[name] = Grid(name, tuple(shaped))
    return grids


def _settings_values(spec: SettingsSheet, given: Mapping[str, object]) -> list[tuple[object, ...]]:
    values = [spec.headers]
    for setting in spec.settings:
        value = given.get(setting.item, setting.default)
        if value is not None and value == setting.default:
            # Defaults are spelled as text in the schema; the cell gets the number, date or 是/否.
            value = parse_value(value, setting.kind, setting.choices)
        note = setting.basis if spec is RULES else setting.help
        values.append((setting.item, _as_read(value, setting.kind), note or None))
    return values


def _table_values(sheet: Sheet, rows: list[Mapping[str, object]]) -> list[tuple[object, ...]]:
    columns = sheet.columns
    letters = {c.key: get_column_letter(i) for i, c in enumerate(columns, start=1)}
    values = [tuple(column.label for column in columns)]
    # A blank table offers rows to fill; a total row then sums them.
    body_rows = len(rows) if rows else (BLANK_TABLE_ROWS if sheet.total_row else 1)
    for line in range(2, body_rows + 2):
        data = rows[line - 2] if rows else {}
        values.append(tuple(
            (line - 1 if rows else None) if column.key == "serial"
            else Formula(f"=SUM({letters['m1']}{line}:{letters[f'm{len(MONTHS)}']}{line})") if column.formula
            else _as_read(data.get(column.header), column.kind)
            for column in columns
        ))
    if sheet.total_row:
        last = body_rows + 1
        values.append(tuple(
            TOTAL if column.key == sheet.key_column
            else Formula(f"=SUM({letters[column.key]}2:{letters[column.key]}{last})") if column.kind is Kind.MONEY
            else None
            for column in columns
        ))
    return values


def _as_read(value: object, kind: Kind) -> object:
    """`value` as the reader gets it back from a cell formatted for `kind`."""
    if isinstance(value, bool):
        value = "是" if value else "否"
    elif isinstance(value, (tuple, list)):
        value = "、".join(str(v) for v in value)
    elif isinstance(value, Decimal):
        value = float(value)
    if isinstance(value, str):
        if value == "" or value in ERROR_CODES:  # openpyxl writes "#N/A" as an error cell, read as blank
            return None
        # openpyxl writes text starting with "=" as a formula, and computes no value for it.
        return Formula(value) if len(value) > 1 and value.startswith("=") else value
    # A cell's number format decides between a date and a number.
    if isinstance(value, date) and kind is not Kind.DATE:
        value = to_excel(value)
    elif isinstance(value, (int, float)) and kind is Kind.DATE:
        value = from_excel(value)
    if isinstance(value, datetime) and value.time() == time():
        return value.date()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _file_value(value: object) -> object:
    return value.text if isinstance(value, Formula) else value
