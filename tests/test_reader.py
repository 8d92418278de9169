"""The reader's tolerance (workbook.md) and its cell-addressed messages, on real .xlsx files."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from dangjian.read.grid import Formula, Grid, read_grids
from dangjian.read.records import read_ledger
from dangjian.schema import BASIC_INFO, MEETINGS, MEMBERS

from conftest import SAMPLE


def write_book(path: Path, sheets: dict[str, list[list]]) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        ws = book.create_sheet(name)
        for row in rows:
            ws.append(row)
    book.save(path)
    return path


BASIC_ROWS = [["项目", "内容"], ["单位名称", "XX县XX中心"], ["党组织名称", "XX县XX中心党支部"],
              ["报告年度", 2023], ["报告期间", "下半年"], ["党支部书记", "王集欣"]]
MEMBER_HEADER = ["姓名", "党员类别", "入党日期", "党费类别"]
MEMBER_ROW = ["王集欣", "正式党员", date(1996, 6, 20), "在职"]


def read(path: Path):
    return read_ledger(read_grids(path))


def codes(findings) -> list[tuple[str, str]]:
    return [(f.code, f.address) for f in findings]


def test_sample_reads_without_findings():
    ledger, findings = read(SAMPLE)
    assert findings == []
    assert len(ledger.members) == 20
    assert ledger.basic["unit"] == "XX县XX中心"
    assert ledger.basic["year"] == 2023
    assert ledger.dues_total is not None and ledger.dues_total["name"] == "合计"


@pytest.mark.parametrize("raw", [
    datetime(2023, 10, 9), 45208, 45208.0, "45208", "2023-10-09", "2023/10/9", "2023.10.9", "2023年10月9日",
    "２０２３年１０月９日", " 2023-10-09 ", "2023年10月9号", "2023 年 10 月 9 日", "2023-10-09 14:30",
    "2023/10/9 8:00:00", "2023-10-09T08:30:00", "2023年10月9日 14:30",
])
def test_date_forms(tmp_path, raw):
    path = write_book(tmp_path / "d.xlsx", {
        "基本信息": BASIC_ROWS, "党员名册": [MEMBER_HEADER, MEMBER_ROW],
        "会议记录": [["日期", "会议类型", "会议主题"], [raw, "支委会", "研究工作"]],
    })
    ledger, findings = read(path)
    assert findings == []
    assert ledger.meetings[0]["date"] == date(2023, 10, 9)


@pytest.mark.parametrize("raw", ["3,000", "３０００", " 3000 ", 3000, 3000.0, "3000.00", "3,000元"])
def test_number_forms(tmp_path, raw):
    path = write_book(tmp_path / "n.xlsx", {
        "基本信息": BASIC_ROWS, "党员名册": [MEMBER_HEADER, MEMBER_ROW],
        "党费收缴": [["姓名", "党费类别", "月计算基数（元）", "月应交（元）"], ["王集欣", "在职", raw, "15"]],
    })
    ledger, findings = read(path)
    assert findings == []
    assert ledger.dues[0]["base"] == Decimal("3000.00")
    assert ledger.dues[0]["monthly_due"] == Decimal("15.00")


def test_headers_found_by_text_with_extra_reordered_and_decorated_columns(tmp_path):
    path = write_book(tmp_path / "h.xlsx", {
        "基本信息": BASIC_ROWS,
        "党员名册": [["备用列", " 党费类别 ", "入党日期", "姓 名", "党员类别"],
                    ["随便", "在职", "1996-06-20", "王集欣", "正式党员"]],
        "党费收缴": [["月应交(元)", "姓名", "党费类别", "１月"], ["15", "王集欣", "在职", 15]],
    })
    ledger, findings = read(path)
    assert findings == []
    member = ledger.members[0]
    assert (member["name"], member["dues_category"], member["joined"]) == ("王集欣", "在职", date(1996, 6, 20))
    assert member.cell("name") == "党员名册!D2"
    assert ledger.dues[0]["m1"] == Decimal("15.00")


def test_blank_rows_in_the_middle_are_skipped_and_addresses_kept(tmp_path):
    path = write_book(tmp_path / "b.xlsx", {
        "基本信息": BASIC_ROWS,
        "党员名册": [MEMBER_HEADER, MEMBER_ROW, [None] * 4, ["", " ", None, None],
                    ["李明", "预备党员", "2023-05-23", "在职"]],
    })
    ledger, findings = read(path)
    assert findings == []
    assert [(m["name"], m.line) for m in ledger.members] == [("王集欣", 2), ("李明", 5)]


def test_names_are_trimmed_including_full_width_spaces(tmp_path):
    path = write_book(tmp_path / "s.xlsx", {
        "基本信息": BASIC_ROWS,
        "党员名册": [MEMBER_HEADER, ["\u3000王集欣 ", "正式党员", "1996-06-20", "在职"]],
        "会议记录": [["日期", "会议类型", "会议主题", "主持人"], ["2023-10-09", "支委会", "研究", " 王集欣\u3000"]],
    })
    ledger, findings = read(path)
    assert findings == []
    assert ledger.members[0]["name"] == "王集欣"
    assert ledger.meetings[0]["host"] == "王集欣"


def test_table_and_plain_range_read_the_same(tmp_path):
    book = openpyxl.load_workbook(SAMPLE)
    for ws in book.worksheets:
        for name in list(ws.tables):
            del ws.tables[name]
    plain = tmp_path / "plain.xlsx"
    book.save(plain)
    with_tables, _ = read(SAMPLE)
    without_tables, findings = read(plain)
    assert findings == []
    assert with_tables.members == without_tables.members
    assert with_tables.meetings == without_tables.meetings
    assert with_tables.dues == without_tables.dues


def test_free_text_keeps_chinese_punctuation():
    ledger, _ = read(SAMPLE)
    meeting = next(m for m in ledger.meetings if m["in_report"])
    assert meeting["summary"].startswith("会上，")
    assert "，" in ledger.narrative[0]["content"]


def test_equal_cells_of_different_types_are_each_read_as_written():
    # TRUE, 1 and 1.0 are equal Python values: a column mixing them must not give one the other's reading.
    grids = {name: Grid(name, tuple(map(tuple, rows))) for name, rows in {
        "基本信息": BASIC_ROWS, "党员名册": [MEMBER_HEADER, MEMBER_ROW],
        "会议记录": [["日期", "会议类型", "会议主题"], ["2023-10-09", "支委会", True], ["2023-10-10", "支委会", 1],
                     ["2023-10-11", "支委会", 1.0], ["2023-10-12", "支委会", True]],
    }.items()}
    ledger, findings = read_ledger(grids)
    assert findings == []
    assert [m["topic"] for m in ledger.meetings] == ["True", "1", "1", "True"]


def test_money_typed_as_text_is_named_where_its_own_rows_total_formula_sums_it():
    # No 合计 row: only the rows whose 合计 cell is a formula skip the text; a typed total does not.
    grids = {name: Grid(name, tuple(map(tuple, rows))) for name, rows in {
        "基本信息": BASIC_ROWS, "党员名册": [MEMBER_HEADER, MEMBER_ROW, ["李明", "正式党员", date(2001, 7, 1), "在职"]],
        "党费收缴": [["姓名", "党费类别", "月应交", "1月", "2月", "合计"],
                   ["王集欣", "在职", 30, 30, "30", Formula("=SUM(D2:E2)", 30)],
                   ["李明", "在职", 30, 30, "30", 60]],
    }.items()}
    ledger, findings = read_ledger(grids)
    assert codes(findings) == [("text-number", "党费收缴!E2")]
    assert [row["m2"] for row in ledger.dues] == [Decimal("30.00"), Decimal("30.00")]


@pytest.mark.parametrize("raw", ["2023-13-01", "十月九日", "2023年2月30日", "明天"])
def test_bad_date_names_the_cell_and_the_text(tmp_path, raw):
    path = write_book(tmp_path / "bad.xlsx", {
        "基本信息": BASIC_ROWS, "党员名册": [MEMBER_HEADER, MEMBER_ROW],
        "会议记录": [["会议类型", "日期", "会议主题"], ["支委会", "2023-10-09", "甲"], ["支委会", raw, "乙"]],
    })
    ledger, findings = read(path)
    assert codes(findings) == [("bad-value", "会议记录!B3")]
    assert raw in findings[0].message
    assert len(ledger.meetings) == 1


def test_missing_required_column_is_one_error_naming_the_header(tmp_path):
    path = write_book(tmp_path / "m.xlsx", {
        "基本信息": BASIC_ROWS, "党员名册": [MEMBER_HEADER, MEMBER_ROW],
        "会议记录": [["日期", "会议主题"], ["2023-10-09", "甲"], ["2023-10-10", "乙"]],
    })
    _, findings = read(path)
    assert codes(findings) == [("missing-column", "会议记录!1:1")]
    assert "会议类型" in findings[0].message


def test_text_columns_typed_by_value_keep_each_cells_own_finding():
    # A text column of text and blanks is typed once per distinct value: an error value, a blank
    # required cell and a trimmed name still come out at their own cells, in row order.
    grids = {name: Grid(name, tuple(map(tuple, rows))) for name, rows in {
        "基本信息": BASIC_ROWS, "党员名册": [MEMBER_HEADER, MEMBER_ROW],
        "会议记录": [["日期", "会议类型", "会议主题", "主持人"], ["2023-10-09", "支委会", "#N/A", " 王集欣\u3000"],
                     ["2023-10-10", "支委会", "研究", None], ["2023-10-11", "支委会", "\u3000 ", "王集欣"],
                     ["2023-10-12", "支委会", "#N/A", "王集欣"]],
    }.items()}
    ledger, findings = read_ledger(grids)
    assert codes(findings) == [("error-value", "会议记录!C2"), ("missing-value", "会议记录!C4"),
                               ("error-value", "会议记录!C5")]
    assert [(m["topic"], m["host"]) for m in ledger.meetings] == [(None, "王集欣"), ("研究", None), (None, "王集欣"),
                                                                  (None, "王集欣")]
    assert [m.known("topic") for m in ledger.meetings] == [False, True, False, False]


def test_row_without_its_key_is_an_error_at_the_key_cell(tmp_path):
    path = write_book(tmp_path / "k.xlsx", {
        "基本信息": BASIC_ROWS,
        "党员名册": [MEMBER_HEADER, MEMBER_ROW, [None, "正式党员", "2000-01-01", "在职"]],
    })
    ledger, findings = read(path)
    assert codes(findings) == [("missing-key", "党员名册!A3")]
    assert len(ledger.members) == 1


def test_required_value_missing_and_dropdown_value_unknown(tmp_path):
    path = write_book(tmp_path / "r.xlsx", {
        "基本信息": BASIC_ROWS,
        "党员名册": [MEMBER_HEADER, MEMBER_ROW, ["李明", None, "2000-01-01", "在职"],
                    ["赵敏", "正式党员", "2000-01-01", "公务员"]],
    })
    _, findings = read(path)
    assert codes(findings) == [("missing-value", "党员名册!B3"), ("bad-value", "党员名册!D4")]
    assert "公务员" in findings[1].message


@pytest.mark.parametrize("raw", ["星期五", "礼拜五", "周五", " 星期五 "])
def test_weekday_spoken_forms_are_the_dropdown_value(tmp_path, raw):
    path = write_book(tmp_path / "w.xlsx", {
        "基本信息": [*BASIC_ROWS, ["每周学习日", raw]], "党员名册": [MEMBER_HEADER, MEMBER_ROW],
    })
    ledger, findings = read(path)
    assert findings == []
    assert ledger.basic["study_day"] == "周五"


@pytest.mark.parametrize("raw", ["星期八", "周末", "礼拜"])
def test_weekday_aliases_do_not_invent_days(tmp_path, raw):
    path = write_book(tmp_path / "w.xlsx", {
        "基本信息": [*BASIC_ROWS, ["每周学习日", raw]], "党员名册": [MEMBER_HEADER, MEMBER_ROW],
    })
    _, findings = read(path)
    assert codes(findings) == [("bad-value", "基本信息!B7")]


@pytest.mark.parametrize("item, raw, cell", [("报告年度", "二〇二三年", "B4"), ("报告期间", "下半年度", "B5")])
def test_unreadable_required_setting_is_reported_once(tmp_path, item, raw, cell):
    rows = [[row[0], raw] if row[0] == item else row for row in BASIC_ROWS]
    path = write_book(tmp_path / "b.xlsx", {"基本信息": rows, "党员名册": [MEMBER_HEADER, MEMBER_ROW]})
    _, findings = read(path)
    assert codes(findings) == [("bad-value", f"基本信息!{cell}")]  # not also “未填写” at the same cell


def test_missing_sheet_and_missing_setting(tmp_path):
    path = write_book(tmp_path / "s.xlsx", {"基本信息": BASIC_ROWS[:3]})
    _, findings = read(path)
    assert ("missing-sheet", MEMBERS.name) in codes(findings)
    assert ("missing-setting", f"{BASIC_INFO.name}!A1") in codes(findings)


def test_formula_without_cached_value_outside_totals_is_named(tmp_path):
    path = write_book(tmp_path / "f.xlsx", {
        "基本信息": BASIC_ROWS, "党员名册": [MEMBER_HEADER, MEMBER_ROW],
        "会议记录": [["日期", "会议类型", "会议主题", "应到人数"], ["2023-10-09", "支委会", "甲", "=1+2"]],
    })
    _, findings = read(path)
    assert codes(findings) == [("formula-without-value", "会议记录!D2")]


def test_total_formulas_are_not_required_to_have_cached_values():
    ledger, findings = read(SAMPLE)
    assert findings == []
    assert all(row["name"] != "合计" for row in ledger.dues)


def test_schema_headers_are_what_the_builder_writes():
    book = openpyxl.load_workbook(SAMPLE, read_only=True)
    for sheet in (MEMBERS, MEETINGS):
        header = next(book[sheet.name].iter_rows(max_row=1, values_only=True))
        assert list(header) == [c.label for c in sheet.columns]
    book.close()


def test_a_row_reads_like_the_dict_it_is_and_cannot_be_changed():
    import copy
    import pickle

    from dangjian.read.records import Row

    row = Row("党员名册", 5, {"name": "王集欣"}, {"name": "B"}, frozenset({"name", "phone"}))
    assert (row["name"], row["phone"], row.get("phone"), "phone" in row) == ("王集欣", None, None, False)
    with pytest.raises(KeyError, match="党员名册没有列“nmae”"):
        row["nmae"]  # a misspelt key is a programming error, not an empty column
    for change in (lambda: row.__setitem__("name", "X"), lambda: row.update(name="X"), lambda: row.pop("name"),
                   lambda: setattr(row, "line", 6), lambda: delattr(row, "line")):
        with pytest.raises(TypeError, match="read-only"):
            change()
    moved = Row("党员名册", 6, {"name": "王集欣"}, {"name": "B"}, frozenset({"name", "phone"}))
    assert row != moved and row == Row("党员名册", 5, [("name", "王集欣")], {"name": "B"}, frozenset({"name", "phone"}))
    for again in (pickle.loads(pickle.dumps(row)), copy.copy(row), copy.deepcopy(row)):
        assert again == row and again.cell("name") == "党员名册!B5" and again["phone"] is None
    changed = row.with_values({"name": "李四"})
    assert (changed["name"], changed.line, row["name"]) == ("李四", 5, "王集欣")
