"""The fast reader (calamine values + formula cells from the sheet XML) against openpyxl's."""
from __future__ import annotations

import re
import zipfile
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from dangjian.read import grid
from dangjian.api import check_workbook
from dangjian.read.grid import Formula, read_grids

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "workbook" / "示例台账.xlsx"


def _as_dates(rows):
    # calamine gives a date where openpyxl gives midnight of it; the records parse both alike.
    return tuple(tuple(v.date() if isinstance(v, datetime) and v.time() == datetime.min.time() else v for v in row)
                 for row in rows)


def _rewrite_sheet(source: Path, target: Path, sheet_part: str, edit) -> Path:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            data = old.read(item)
            if item.filename == sheet_part:
                data = edit(data.decode("utf-8")).encode("utf-8")
            new.writestr(item, data)
    return target


def test_same_grids_as_openpyxl_on_the_sample_and_the_blank():
    for path in (SAMPLE, ROOT / "workbook" / "党支部工作台账.xlsx"):
        fast, slow = read_grids(path), grid._read_with_openpyxl(path)
        assert list(fast) == list(slow)
        for name in slow:
            assert _as_dates(fast[name].rows) == _as_dates(slow[name].rows), name


def test_formulas_written_by_openpyxl_have_no_cached_value():
    dues = read_grids(SAMPLE)["党费收缴"].rows
    assert dues[1][17] == Formula("=SUM(F2:Q2)", None)  # 党费收缴!R2
    assert dues[-1][1] == "合计"
    assert dues[-1][5] == Formula("=SUM(F2:F21)", None)  # 党费收缴!F22
    assert dues[1][5] == 205.6


def test_shared_formulas_and_cached_values_as_excel_saves_them(tmp_path):
    """Excel fills a column with one shared formula and stores every result: both must be read."""
    def excel_like(xml: str) -> str:
        xml = xml.replace("<f>SUM(F2:Q2)</f><v></v>", '<f t="shared" ref="R2:R21" si="0">SUM(F2:Q2)</f><v>2467.2</v>')
        xml = re.sub(r"<f>SUM\(F(\d+):Q\1\)</f><v></v>", '<f t="shared" si="0"/><v>1</v>', xml)
        return xml.replace("<f>SUM(F2:F21)</f><v></v>", "<f>SUM(F2:F21)</f><v>3000.5</v>")

    path = _rewrite_sheet(SAMPLE, tmp_path / "excel.xlsx", "xl/worksheets/sheet5.xml", excel_like)
    dues = read_grids(path)["党费收缴"].rows
    assert dues[1][17] == Formula("=SUM(F2:Q2)", 2467.2)
    assert dues[7][17] == Formula("=SUM(F8:Q8)", 1)  # translated from the shared formula of R2
    assert dues[-1][5] == Formula("=SUM(F2:F21)", 3000.5)
    ledger = check_workbook(path).ledger
    assert ledger.dues_total["m1"] == Decimal("3000.50")
    assert ledger.dues[0]["total"] == Decimal("2467.20")


def test_formula_outside_a_computed_column_without_value_is_reported(tmp_path):
    def formula_date(xml: str) -> str:
        # 会议记录!B2 (日期) becomes a formula that was never calculated.
        return re.sub(r'<c r="B2"([^>]*?)(/>|>.*?</c>)', r'<c r="B2"\1><f>DATE(2023,1,6)</f><v></v></c>', xml, count=1)

    path = _rewrite_sheet(SAMPLE, tmp_path / "formula.xlsx", "xl/worksheets/sheet4.xml", formula_date)
    assert read_grids(path)["会议记录"].rows[1][1] == Formula("=DATE(2023,1,6)", None)
    codes = [(f.code, f"{f.sheet}!{f.cell}") for f in check_workbook(path).report.findings if f.code == "formula-without-value"]
    assert codes == [("formula-without-value", "会议记录!B2")]


def test_formula_with_a_cached_date_is_read_as_that_date(tmp_path):
    def formula_date(xml: str) -> str:
        return re.sub(r'<c r="B2"([^>]*?)(/>|>.*?</c>)', r'<c r="B2"\1><f>DATE(2023,1,6)</f><v>44932</v></c>', xml, count=1)

    path = _rewrite_sheet(SAMPLE, tmp_path / "cached.xlsx", "xl/worksheets/sheet4.xml", formula_date)
    meeting = check_workbook(path).ledger.meetings[0]
    assert meeting["date"] == date(2023, 1, 6)
    assert meeting.cell("date") == "会议记录!B2"


def test_shifted_formula_text():
    assert grid._shifted("SUM(F2:Q2)+$A$1+B$3+'S 1'!C4+\"X9\"+LOG10(2)", 3, 1) == \
        "SUM(G5:R5)+$A$1+C$3+'S 1'!D7+\"X9\"+LOG10(2)"


def test_shifted_formula_moved_down_only_keeps_its_letters():
    # Filled down a column (the usual shared formula), the letters are not recomputed.
    assert grid._shifted("SUM(F2:Q2)+$A$1+B$3+XFD7", 3, 0) == "SUM(F5:Q5)+$A$1+B$3+XFD10"
    assert grid._shifted("A1+$B2", 0, -1) == "1+$B2"  # moved left of column A: as it was read before


@pytest.mark.parametrize("data", [
    b"", b"f", b"f>", b"xf/", b"left right f\tx", b'<c r="A1" t="e">', b' t="e"', b't="e"', b'e t="e"',
    b"fa" * 100, b"fa" * 100 + b"<f>", b"fa" * 64 + b"f ", b"fa" * 63 + b"f/", b"e" * 200 + b' t="e"',
    b' t="' + b"e" * 200, b"e" * 63 + b'ee t="e"',
])
def test_memchr_search_finds_what_the_pattern_finds(data):
    """_occurs looks at the bytes "f" and "e" first; past 64 of them the pattern scans the rest."""
    assert grid._occurs(grid._FORMULA_TAG_END, data, b"f") == (grid._FORMULA_TAG_END.search(data) is not None)
    assert grid._occurs(grid._ERROR_TYPE, data, b"e", 4) == (grid._ERROR_TYPE.search(data) is not None)


@pytest.mark.filterwarnings("ignore:Cell A2 is marked as a date:UserWarning")  # openpyxl's note on that cell
def test_cells_calamine_cannot_convert_fall_back_to_openpyxl(tmp_path):
    import openpyxl

    from dangjian.api import check_workbook

    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "会议记录"
    ws.append(["日期", "会议类型", "会议主题"])
    ws.append([1e300, "支委会", "甲"])
    ws["A2"].number_format = "[h]:mm:ss"  # a duration far beyond what calamine can hold
    path = tmp_path / "溢出.xlsx"
    book.save(path)
    checked = check_workbook(path)
    # openpyxl hands the cell over as Excel's #VALUE!: one finding there, that it cannot be read.
    assert [code for code, address in checked.report.flatten() if address == "会议记录!A2"] in (
        ["bad-value"], ["error-value"])


# ---- the one row function every reader uses (grid.grid_from_rows) --------------------------

def test_grid_from_rows_trims_and_cleans_once():
    from decimal import Decimal as D

    from dangjian.read.grid import grid_from_rows

    rows = [
        ["姓名", "日期", "", None],  # width 2 → at least 3 (settings sheets: 项目|内容|说明)
        ["张\x1b[2J三", 3.0, "x", "远处"],  # the third column is read; the fourth is outside
        [None, "", None],
        *[[None]] * 5000,  # a long blank run does not end the sheet
        ["李\u202e四", D("12.50"), None],
        ["", None],  # trailing blanks are dropped
        [None],
    ]
    grid = grid_from_rows("党员\x07名册", iter(rows))
    assert grid.name == "党员名册"
    assert grid.rows[0] == ("姓名", "日期", None)
    assert grid.rows[1] == ("张[2J三", 3, "x")
    assert len(grid.rows) == 5004 and grid.rows[-1] == ("李[U+202E]四", 12.5, None)
    assert grid.outside == ("D2",) and grid.outside_total == 1


def test_cleaning_by_column_gives_what_cleaning_by_row_gives():
    """calamine's block is cleaned a column at a time (a text column by one join): same cells as row by row."""
    from datetime import date, timedelta

    from dangjian.read.grid import Formula, _cleaned_by_column, _cleaned_row

    rows = [
        ["姓名", "金额", "日期", "备注", "空列", "杂"],
        ["张三", 3.0, date(2024, 1, 2), "", "", 0.0],
        ["李\x07四", 2.5, "", "全角\u3000空格", "", timedelta(0)],  # a control character; a space isprintable refuses
        ["", "", "", "\u202e", "", False],
        ["王五", 0.0, date(2024, 3, 4), "x", "有", Formula("=A1", 3.0)],
        ["赵六"],  # shorter than the block (a formula cell past calamine's block makes rows uneven)
    ]
    by_row = [_cleaned_row(row) for row in rows]
    width = max(map(len, rows))
    assert [list(row) for row in _cleaned_by_column(rows)] == [row + [None] * (width - len(row)) for row in by_row]
    assert by_row[2][0] == "李四" and by_row[3][3] == "[U+202E]" and by_row[2][5] == timedelta(0)


def test_grid_from_rows_refuses_more_rows_of_data_than_the_limit():
    from dangjian.read.grid import UnreadableWorkbook, grid_from_rows
    from dangjian.limits import MAX_ROWS

    rows = (["x"] for _ in range(MAX_ROWS + 2))
    with pytest.raises(UnreadableWorkbook, match=f"工作表“党务公开”.*{MAX_ROWS}"):
        grid_from_rows("党务公开", rows)


def test_both_readers_give_the_same_grid_of_a_hostile_sheet(tmp_path):
    """calamine and openpyxl go through grid_from_rows alike: control characters, gaps, far cells."""
    def hostile(xml: str) -> str:
        rows = ('<row r="3000"><c r="A3000" t="inlineStr"><is><t>_x001B_隔行_x0007_</t></is></c></row>'
                '<row r="3001"><c r="GR3001" t="inlineStr"><is><t>右侧</t></is></c></row>')
        return xml.replace("</sheetData>", rows + "</sheetData>", 1)

    path = _rewrite_sheet(SAMPLE, tmp_path / "hostile.xlsx", "xl/worksheets/sheet10.xml", hostile)
    fast, slow = read_grids(path), grid._read_with_openpyxl(path, grid._survey(path))
    for name in slow:
        assert _as_dates(fast[name].rows) == _as_dates(slow[name].rows), name
    sheet = next(name for name in fast if fast[name].outside)
    assert fast[sheet].rows[2999][0] == "隔行"
    assert fast[sheet].outside == ("GR3001",) == slow[sheet].outside


COMMON_CELLS = (b'<row r="2"><c r="A2" s="9" t="n"><v>1</v></c><c r="R2" s="11"><f>SUM(F2:Q2)</f><v>12.5</v></c>'
                b'<c r="S2"><f>A2*2</f><v></v></c><c r="AB2" s="3"><f>S2</f><v/></c></row>')


@pytest.mark.parametrize("odd_cell, expected_there", [
    (b'<c r="T2" t="e"><f>1/0</f><v>#DIV/0!</v></c>', grid._FormulaCell("=1/0", True, "#DIV/0!")),
    (b'<c r="T2" t="str"><f>"a"&amp;"b"</f><v>ab</v></c>', grid._FormulaCell('="a"&"b"', True)),
    (b'<c r="T2"><f t="array" ref="T2">A2</f><v>1</v></c>', grid._FormulaCell("=A2", True)),
])
def test_formula_cells_written_the_common_way_or_otherwise_read_alike(odd_cell, expected_there):
    """A sheet of common formula cells is read in one scan; one cell written otherwise (an error,
    text with an entity, an attribute on the tag) sends the sheet the long way, with the same result."""
    common = {(1, 17): grid._FormulaCell("=SUM(F2:Q2)", True), (1, 18): grid._FormulaCell("=A2*2", False),
              (1, 27): grid._FormulaCell("=S2", False)}
    assert grid._common_formulas(COMMON_CELLS) == common
    assert grid._parse_formulas(COMMON_CELLS, prefixed=False) == common
    assert grid._parse_formulas(COMMON_CELLS, prefixed=True) == common  # the long way (it also reads <x:f>)
    mixed = COMMON_CELLS.replace(b"</row>", odd_cell + b"</row>")
    assert grid._common_formulas(mixed) is None
    assert grid._parse_formulas(mixed, prefixed=False) == {**common, (1, 19): expected_there}


def test_formulas_are_looked_for_among_the_cells_only():
    # The page setup after the cells may hold "f " (a footer “Page 1 of 3”): no formula search for it.
    sheet = b'<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData><oddFooter>Page &amp;P of &amp;N</oddFooter>'
    cells = dict(start=sheet.find(b"sheetData"), end=grid._cells_end(sheet))
    assert grid._occurs(grid._FORMULA_TAG_END, sheet, b"f")
    assert not grid._occurs(grid._FORMULA_TAG_END, sheet, b"f", **cells)
    with_formula = sheet.replace(b"<v>1</v>", b"<f>1+1</f><v>2</v>")
    assert grid._occurs(grid._FORMULA_TAG_END, with_formula, b"f", start=with_formula.find(b"sheetData"),
                        end=grid._cells_end(with_formula))
    assert grid._survey_sheet(Path("x.xlsx"), "表", with_formula).formulas == {(0, 0): grid._FormulaCell("=1+1", True)}
