"""The blank workbook `new` writes: built from the schema, and made like a careful Excel file."""
from __future__ import annotations

import math
import subprocess
import sys

import openpyxl
import pytest

from dangjian.documents.builder import LONGEST_DATE, MAX_WIDTH, PORTRAIT_UNITS, shown_text, text_units
from dangjian.schema import BASIC_INFO, DATA_SHEETS, DUES, INSTRUCTIONS_SHEET, MEETINGS, RULES, Kind
from dangjian.read.values import parse_value

from conftest import BLANK, ROOT, SAMPLE


@pytest.fixture(scope="module")
def blank(tmp_path_factory):
    path = tmp_path_factory.mktemp("new") / "台账.xlsx"
    result = subprocess.run([sys.executable, "-m", "dangjian", "new", str(path)], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "已生成空白台账" in result.stdout
    return openpyxl.load_workbook(path)


def test_sheets_in_order_with_instructions_first(blank):
    expected = [INSTRUCTIONS_SHEET, BASIC_INFO.name, *(s.name for s in DATA_SHEETS), RULES.name]
    assert blank.sheetnames == expected


def test_instructions_describe_every_sheet_and_how_to_get_the_report(blank):
    text = "\n".join(str(c.value) for c in blank[INSTRUCTIONS_SHEET]["A"] if c.value)
    for sheet in (BASIC_INFO, *DATA_SHEETS, RULES):
        assert f"{sheet.name}：" in text
    assert "python -m dangjian report" in text and "校验并生成报告" in text


@pytest.mark.parametrize("sheet", DATA_SHEETS, ids=lambda s: s.name)
def test_data_sheet_is_a_table_with_frozen_headers_widths_and_print_titles(blank, sheet):
    ws = blank[sheet.name]
    assert [c.value for c in ws[1]][:len(sheet.columns)] == [c.label for c in sheet.columns]
    assert len(ws.tables) == 1
    table = next(iter(ws.tables.values()))
    assert table.ref.startswith("A1:")
    assert ws.freeze_panes in ("A2", "C2")
    assert ws.print_title_rows == "$1:$1"
    assert int(ws.page_setup.paperSize) == 9  # A4
    for index, column in enumerate(sheet.columns, start=1):
        width = ws.column_dimensions[openpyxl.utils.get_column_letter(index)].width
        assert width >= column.width
        assert width >= min(text_units(column.label) + 1.5, MAX_WIDTH) - 1e-6  # the header on one line
        if column.kind is Kind.DATE:  # room for 2023年12月31日, not "2023年1月10"
            assert width >= text_units(LONGEST_DATE) + 1
    widths = sum(ws.column_dimensions[openpyxl.utils.get_column_letter(i)].width
                 for i in range(1, len(sheet.columns) + 1))
    assert ws.page_setup.orientation == ("landscape" if widths > PORTRAIT_UNITS else "portrait")


@pytest.mark.parametrize("name", [BASIC_INFO.name, *(s.name for s in DATA_SHEETS), RULES.name])
def test_header_cells_are_styled_directly_not_only_by_the_table_style(blank, name):
    # LibreOffice 7.4 does not draw TableStyleMedium2: white header text on no fill vanished.
    for cell in blank[name][1]:
        if cell.value is None:
            continue
        assert cell.fill.fill_type == "solid" and cell.fill.fgColor.rgb.endswith("C00000"), cell.coordinate
        assert cell.font.b and cell.font.color.rgb[-6:] in ("FFFFFF", "FFFF00")
        assert cell.border.left.style == cell.border.bottom.style == "thin"


def test_instructions_fit_a_portrait_page_with_rows_as_tall_as_their_lines(blank):
    ws = blank[INSTRUCTIONS_SHEET]
    assert ws.column_dimensions["A"].width <= PORTRAIT_UNITS
    assert ws.page_setup.orientation == "portrait"
    assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 1)
    for cell in ws["A"]:
        text = cell.value or ""
        lines = math.ceil(text_units(text) / (ws.column_dimensions["A"].width - 1.5)) or 1
        assert cell.alignment.wrap_text
        assert ws.row_dimensions[cell.row].height >= (lines * 15 if text else 5), cell.coordinate


def test_sample_columns_are_as_wide_as_their_values_or_wrap_in_tall_rows():
    book = openpyxl.load_workbook(SAMPLE)
    for sheet in DATA_SHEETS:
        ws = book[sheet.name]
        for index, column in enumerate(sheet.columns, start=1):
            letter = openpyxl.utils.get_column_letter(index)
            width = ws.column_dimensions[letter].width
            for cell in ws[letter][1:]:
                if cell.value is None or str(cell.value).startswith("="):
                    continue
                need = text_units(shown_text(cell.value, column.kind))
                if need + 1.5 > width:  # wraps: the row holds all its lines
                    assert column.kind not in (Kind.DATE, Kind.MONEY, Kind.INT), cell.coordinate
                    assert ws.row_dimensions[cell.row].height >= 15 * math.ceil(need / (width - 1.5)), cell.coordinate


def test_dropdowns_carry_chinese_prompts_and_errors(blank):
    ws = blank[MEETINGS.name]
    lists = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation if dv.type == "list"}
    type_dv = lists["C2:C5000"]
    assert type_dv.formula1 == '"党员大会,支委会,党小组会,党课,组织生活会,民主评议党员,集中学习,其他"'
    assert type_dv.showErrorMessage and type_dv.error and "下拉" in type_dv.error
    assert type_dv.promptTitle == "会议类型"
    date_dv = next(dv for dv in ws.data_validations.dataValidation if dv.type == "date")
    assert date_dv.errorStyle == "warning"


def test_date_and_money_formats(blank):
    assert "年" in blank[MEETINGS.name]["B2"].number_format
    assert blank[DUES.name]["F2"].number_format == "#,##0.00"


def test_dues_sheet_has_total_formulas_for_rows_and_columns(blank):
    ws = blank[DUES.name]
    headers = [c.value for c in ws[1]]
    total_col = openpyxl.utils.get_column_letter(headers.index("合计（元）") + 1)
    assert ws[f"{total_col}2"].value == "=SUM(F2:Q2)"
    total_row = next(r for r in range(2, ws.max_row + 1) if ws[f"B{r}"].value == "合计")
    assert ws[f"F{total_row}"].value == f"=SUM(F2:F{total_row - 1})"
    assert ws[f"{total_col}{total_row}"].value == f"=SUM({total_col}2:{total_col}{total_row - 1})"


def test_rules_sheet_holds_every_default_with_its_basis(blank):
    ws = blank[RULES.name]
    rows = {r[0]: (r[1], r[2]) for r in ws.iter_rows(min_row=2, values_only=True)}
    for setting in RULES.settings:
        value, basis = rows[setting.item]
        if setting.default is None:  # left blank on purpose: 农民党员每月党费 is the national range until a province sets it
            assert value is None and basis
            continue
        expected = parse_value(setting.default, setting.kind, setting.choices)
        assert parse_value(value, setting.kind, setting.choices) == expected
        assert setting.kind not in (Kind.INT, Kind.MONEY) or isinstance(value, (int, float))  # a number, not text
        assert basis
    assert "第十三条" in rows["连续未交党费月数（按自行脱党处理）"][1]


def test_basic_info_lists_every_item_with_period_dropdown(blank):
    ws = blank[BASIC_INFO.name]
    items = [ws.cell(r, 1).value for r in range(2, 2 + len(BASIC_INFO.settings))]
    assert items == [s.item for s in BASIC_INFO.settings]
    period_row = items.index("报告期间") + 2
    assert any(dv.type == "list" and f"B{period_row}" in str(dv.sqref) for dv in ws.data_validations.dataValidation)


def test_committed_blank_workbook_matches_the_schema():
    book = openpyxl.load_workbook(BLANK)
    assert book.sheetnames[0] == INSTRUCTIONS_SHEET
    for sheet in DATA_SHEETS:
        assert [c.value for c in book[sheet.name][1]][:len(sheet.columns)] == [c.label for c in sheet.columns]


def test_new_refuses_to_overwrite(tmp_path):
    path = tmp_path / "已有.xlsx"
    path.write_bytes(b"keep me")
    result = subprocess.run([sys.executable, "-m", "dangjian", "new", str(path)], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 2
    assert "已存在" in result.stderr
    assert path.read_bytes() == b"keep me"


def test_year_is_limited_and_formula_column_only_explains_itself(blank):
    basic = blank[BASIC_INFO.name]
    year = next(dv for dv in basic.data_validations.dataValidation if str(dv.sqref) == "B5")
    assert (year.type, year.operator, year.formula1, year.formula2) == ("whole", "between", "1950", "2200")
    assert "1950至2200" in year.error
    dues = blank[DUES.name]
    total = [dv for dv in dues.data_validations.dataValidation if str(dv.sqref).startswith("R")]
    assert [(dv.type, dv.prompt) for dv in total] == [(None, "由公式自动计算，请勿填写或改写")]
