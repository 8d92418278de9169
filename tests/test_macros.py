"""macros.py driven through a stand-in for xlwings, against the command line on the same workbook."""
from __future__ import annotations

import copy
import hashlib
import json
import re
import shutil
import subprocess
import uuid
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from docx import Document

import macros
from conftest import SAMPLE, row_named
from dangjian import api, cli
from dangjian.documents.builder import build_workbook
from dangjian.schema import FINDINGS_SHEET
from xlwings_standin import FakeBook, FakeSheet

MONEY_HEADER = re.compile(r"（元）$")


def currency_money_columns(sheet: str, header: object) -> bool:
    # As if the secretary had formatted every money column as currency: xlwings then gives Decimal.
    return isinstance(header, str) and bool(MONEY_HEADER.search(header))


def recompute(paths: list[Path], folder: Path) -> list[Path]:
    """Open and save each file in LibreOffice so that every formula holds its computed value, as in Excel.

    One soffice run converts them all (each start costs seconds).
    """
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    folder.mkdir(parents=True, exist_ok=True)
    profile = Path("/tmp") / f"lo-macros-{uuid.uuid4().hex}"
    try:
        subprocess.run(
            [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
             "xlsx:Calc MS Excel 2007 XML", "--outdir", str(folder), *map(str, paths)],
            check=True, capture_output=True, timeout=180,
        )
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    results = [folder / path.name for path in paths]
    assert all(result.is_file() for result in results)
    return results


@pytest.fixture(scope="module")
def computed(tmp_path_factory, sample_source) -> dict[str, Path]:
    """The sample, and a variant with bad data, as Excel would have saved them (formulas computed)."""
    folder = tmp_path_factory.mktemp("computed")
    settings, rows = copy.deepcopy(sample_source)
    _bad_data(settings, rows)
    with_errors = folder / "source" / "有错误的台账.xlsx"
    with_errors.parent.mkdir()
    build_workbook(with_errors, settings=settings, rows=rows)
    sample, with_errors = recompute([SAMPLE, with_errors], folder / "out")
    return {"sample": sample, "with-errors": with_errors}


@pytest.fixture(scope="module")
def computed_sample(computed) -> Path:
    return computed["sample"]


def cli_findings(path: Path, capsys) -> list[tuple[str, str]]:
    capsys.readouterr()
    cli.main(["check", str(path), "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    return [(f["rule"], f"{f['sheet']}!{f['cell']}" if f["cell"] else f["sheet"]) for f in data["findings"]]


def result_sheet_findings(book: FakeBook) -> list[tuple[str, str]]:
    """(rule code, address shown) of each finding row of 校验结果, in sheet order."""
    sheet = book.sheets[FINDINGS_SHEET]
    found = []
    for row in range(2, 10_000):
        code = sheet.cells.get((row, 7))  # 代码, after 规则 (the rule's Chinese name)
        if code is None:
            break
        link = sheet.cells[(row, 3)]
        shown = re.fullmatch(r'=HYPERLINK\("#[^"]*","([^"]*)"\)', link)
        found.append((code, shown.group(1) if shown else link))
    return found


def docx_text(path: Path) -> list[str]:
    document = Document(str(path))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        texts.extend(cell.text for row in table.rows for cell in row.cells)
    return texts


def excel_copy(tmp_path: Path, source: Path) -> str:
    """Where the stand-in says its workbook lives: a folder of its own, so outputs do not collide."""
    folder = tmp_path / "excel"
    folder.mkdir(exist_ok=True)
    return str(folder / SAMPLE.name)


@pytest.mark.office
def test_button_on_sample_writes_same_report_as_command_line(tmp_path, computed_sample, capsys):
    book = FakeBook.from_xlsx(computed_sample, fullname=excel_copy(tmp_path, computed_sample),
                              currency=currency_money_columns)
    before = book.snapshot()
    opened = []

    written = macros.run(book, open_report=opened.append)

    cli_output = tmp_path / "cli.docx"
    assert cli.main(["report", str(computed_sample), "-o", str(cli_output)]) == 0
    assert written is not None and written.parent == Path(book.fullname).parent
    assert written.name == api.default_output(computed_sample, api.check_workbook(computed_sample).ledger).name
    assert docx_text(written) == docx_text(cli_output)
    assert opened == [written]
    assert [a["mode"] for a in book.app.alerts] == ["info"]
    assert str(written) in book.app.alerts[0]["prompt"]
    # Only 校验结果 was added; every other sheet is exactly as it was.
    after = book.snapshot()
    assert set(after) - set(before) == {FINDINGS_SHEET}
    assert {name: after[name] for name in before} == before
    assert result_sheet_findings(book) == cli_findings(computed_sample, capsys)
    # Progress was shown, then the status bar was handed back to Excel.
    assert any("正在读取" in str(s) for s in book.app.status_history)
    assert book.app.status_bar is False
    assert book.app.screen_updating is True


@pytest.mark.office
def test_decimal_currency_cells_read_like_the_file(computed_sample):
    plain = FakeBook.from_xlsx(computed_sample)
    currency = FakeBook.from_xlsx(computed_sample, currency=currency_money_columns)
    assert isinstance(currency.sheets["党费收缴"].cells[(2, 5)], Decimal)
    assert isinstance(plain.sheets["党费收缴"].cells[(2, 5)], float)
    from_file = api.check_workbook(computed_sample).ledger
    for book in (plain, currency):
        ledger = api.check_grids(macros.read_live_grids(book)).ledger
        assert [(r.line, dict(r.data)) for r in ledger.dues] == [(r.line, dict(r.data)) for r in from_file.dues]
        assert [(r.line, dict(r.data)) for r in ledger.members] == [(r.line, dict(r.data)) for r in from_file.members]
        assert dict(ledger.basic.data) == dict(from_file.basic.data)


def _bad_data(settings, rows):
    rows["会议记录"][2]["日期"] = "2023年13月40日"
    row_named(rows["党员名册"], "王集欣")["党员类别"] = "积极分子"
    rows["党费收缴"][3]["月应交"] = None
    rows["活动记录"][0]["活动名称"] = None


@pytest.mark.office
def test_errors_listed_with_links_and_no_report(tmp_path, computed, capsys):
    path = computed["with-errors"]
    book = FakeBook.from_xlsx(path, fullname=excel_copy(tmp_path, path), currency=currency_money_columns)
    before = book.snapshot()

    assert macros.run(book, open_report=lambda p: pytest.fail("no report may be opened")) is None

    expected = cli_findings(path, capsys)
    assert len(expected) >= 4
    assert result_sheet_findings(book) == expected
    assert {code for code, _ in expected} >= {"bad-value", "missing-value"}
    sheet = book.sheets[FINDINGS_SHEET]
    assert sheet.cells[(1, 1)] == "级别"
    links = [sheet.cells[(row, 3)] for row in range(2, len(expected) + 2)]
    for (code, address), link in zip(expected, links):
        name, _, cell = address.partition("!")
        first_cell = cell.split(":")[0]  # a range links to its first cell, as in the findings workbook
        assert link == f'=HYPERLINK("#\'{name}\'!{first_cell}","{address}")'
    assert [a["mode"] for a in book.app.alerts] == ["critical"]
    assert not list((tmp_path / "excel").glob("*.docx"))
    after = book.snapshot()
    assert {name: after[name] for name in before} == before


@pytest.mark.office
def test_unsaved_edits_count_and_file_is_untouched(tmp_path, computed_sample, capsys):
    digest = hashlib.sha256(computed_sample.read_bytes()).hexdigest()
    book = FakeBook.from_xlsx(computed_sample, fullname=excel_copy(tmp_path, computed_sample))
    meetings = book.sheets["会议记录"]
    meetings.cells[(5, 2)] = "下周一"  # typed into 日期 but not saved

    macros.run(book, open_report=lambda p: None)

    saved = cli_findings(computed_sample, capsys)
    assert ("bad-value", "会议记录!B5") not in saved
    assert ("bad-value", "会议记录!B5") in result_sheet_findings(book)
    assert hashlib.sha256(computed_sample.read_bytes()).hexdigest() == digest


@pytest.mark.office
def test_second_run_replaces_the_result_sheet(tmp_path, computed_sample, capsys):
    book = FakeBook.from_xlsx(computed_sample, fullname=excel_copy(tmp_path, computed_sample))
    original = book.sheets["会议记录"].cells[(5, 2)]
    book.sheets["会议记录"].cells[(5, 2)] = "下周一"
    macros.run(book, open_report=lambda p: None)
    book.sheets["会议记录"].cells[(5, 2)] = original
    macros.run(book, open_report=lambda p: None)

    assert [s.name for s in book.sheets].count(FINDINGS_SHEET) == 1
    assert [s.name for s in book.sheets][-1] == FINDINGS_SHEET
    assert result_sheet_findings(book) == cli_findings(computed_sample, capsys)
    if not result_sheet_findings(book):
        assert book.sheets[FINDINGS_SHEET].cells[(2, 4)] == "校验通过：未发现问题。"


@pytest.mark.office
def test_unsaved_workbook_report_goes_to_documents(tmp_path, computed_sample, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    (tmp_path / "Documents").mkdir()
    book = FakeBook.from_xlsx(computed_sample, fullname="工作簿1")

    written = macros.run(book, open_report=lambda p: None)

    assert written is not None and written.parent == tmp_path / "Documents"
    assert "文档" in book.app.alerts[0]["prompt"]


@pytest.mark.office
def test_main_uses_caller_and_hides_bugs(tmp_path, computed_sample, monkeypatch, capsys):
    import xlwings

    book = FakeBook.from_xlsx(computed_sample, fullname=excel_copy(tmp_path, computed_sample))
    monkeypatch.setattr(xlwings.Book, "caller", classmethod(lambda cls: book))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))

    def broken(grids, **options):
        raise RuntimeError("boom")

    monkeypatch.setattr(macros.api, "check_grids", broken)
    macros.main()

    alert = book.app.alerts[-1]
    assert alert["mode"] == "critical" and "程序内部错误（RuntimeError）" in alert["prompt"]
    assert "Traceback" not in alert["prompt"]
    log = tmp_path / "state" / "dangjian" / "dangjian-errors.log"
    assert "RuntimeError: boom" in log.read_text(encoding="utf-8")
    # RunPython shows anything left on stderr as an error box.
    assert capsys.readouterr().err == ""
    assert book.app.status_bar is False


@pytest.mark.office
def test_report_file_open_elsewhere_gives_chinese_alert(tmp_path, computed_sample, monkeypatch):
    book = FakeBook.from_xlsx(computed_sample, fullname=excel_copy(tmp_path, computed_sample))

    def locked(*args, **kwargs):
        from dangjian.files import OutputNotWritable

        raise OutputNotWritable("无法写入“报告.docx”：文件可能正在其他程序中打开，或没有写入权限")

    monkeypatch.setattr(macros.api, "write_report", locked)
    assert macros.run(book, open_report=lambda p: pytest.fail("nothing to open")) is None
    assert book.app.alerts[-1]["mode"] == "critical"
    assert "正在其他程序中打开" in book.app.alerts[-1]["prompt"]


# ---------------------------------------------------------------- reading shapes

def _sheet(cells: dict, formatted=(0, 0)) -> FakeSheet:
    book = FakeBook("/tmp/x.xlsx")
    sheet = book.sheets._append("基本信息")
    sheet.cells.update(cells)
    sheet.formatted = formatted
    return sheet


def test_sheet_rows_pads_a_used_range_not_starting_at_a1():
    sheet = _sheet({(3, 3): "项目", (3, 4): "值", (4, 3): "金额", (4, 4): Decimal("76.5000"), (5, 4): 2023.0})
    # As the file reader shapes them (grid_from_rows): as wide as the header row, blank rows kept.
    assert macros.sheet_rows(sheet) == (
        (None, None, None, None), (None, None, None, None),
        (None, None, "项目", "值"),
        (None, None, "金额", 76.5),
        (None, None, None, 2023),
    )


@pytest.mark.parametrize("cells, expected", [
    ({(1, 1): 5.0}, ((5, None, None),)),  # one cell: xlwings gives a scalar; at least three columns, as files
    ({(1, 1): "项目", (1, 2): "内容"}, (("项目", "内容", None),)),  # one row: a flat list
    ({(1, 2): "a", (2, 2): 1.5}, ((None, "a", None), (None, 1.5, None))),  # one column: a flat list
    ({}, ()),  # an empty sheet's used range is A1, holding None
])
def test_sheet_rows_shapes(cells, expected):
    assert macros.sheet_rows(_sheet(cells)) == expected


def test_sheet_rows_stops_in_a_sheet_formatted_to_the_last_row():
    sheet = _sheet({(1, 1): "姓名", (2, 1): "王集欣"}, formatted=(1_048_576, 3))
    assert macros.sheet_rows(sheet) == (("姓名", None, None), ("王集欣", None, None))
    read_rows = sum(last - first + 1 for first, _, last, _ in sheet.reads)
    assert read_rows <= 3 * macros.CHUNK_ROWS


def test_live_values_read_as_openpyxl_types():
    sheet = _sheet({(1, 1): "甲", (1, 2): "乙", (1, 3): "丙", (1, 4): "丁", (1, 5): "戊", (1, 6): "己",
                    (2, 1): 3000.0, (2, 2): Decimal("15.0000"), (2, 3): Decimal("76.5000"), (2, 4): True,
                    (2, 5): datetime(2023, 10, 9), (2, 6): -2146826246})
    values = macros.sheet_rows(sheet)[1]
    assert values == (3000, 15, 76.5, True, datetime(2023, 10, 9), "#N/A")
    assert [type(v) for v in values[:2]] == [int, int]
    assert macros.normalise(None) is None and macros.normalise(True) is True


# ---------------------------------------------------------------- UDFs

@pytest.mark.parametrize("category, base, due", [
    ("在职", 3000, "15.00"), ("在职", "3000.01", "30.00"), ("在职", 5100.0, "76.50"),
    ("在职", 12000, "240.00"), ("离退休", 5000, "25.00"), ("离退休", 6000, "60.00"),
    ("学生", None, "0.20"), ("农民", None, "0.20"),
])
def test_dues_udf_follows_the_rule(category, base, due):
    assert Decimal(str(macros.DJ_MONTHLY_DUES(category, base))) == Decimal(due)


@pytest.mark.office
def test_dues_udf_agrees_with_the_sample_ledger(computed_sample):
    ledger = api.check_workbook(computed_sample).ledger
    # An approved reduction (少交免交批准) pays less than the rule by design.
    rated = [r for r in ledger.dues if r["base"] is not None and r["dues_category"] in ("在职", "离退休")
             and not r["reduction_approved"]]
    assert len(rated) >= 10
    for row in rated:
        assert Decimal(str(macros.DJ_MONTHLY_DUES(row["dues_category"], float(row["base"])))) == row["monthly_due"], row.cell("monthly_due")


def test_dues_udf_agrees_with_core_rule():
    from dangjian import dues_rate

    from dangjian.read.records import read_ledger

    rules = read_ledger({})[0].rules  # the 规则设置 defaults, as an empty workbook reads them
    for category, base in [("在职", Decimal("3000.01")), ("离退休", Decimal("6000")), ("学生", Decimal("0"))]:
        assert Decimal(str(macros.DJ_MONTHLY_DUES(category, float(base)))) == dues_rate.monthly_dues(category, base, rules=rules)


def test_dues_udf_explains_bad_input_in_the_cell():
    assert "不是可选值" in macros.DJ_MONTHLY_DUES("志愿者", 3000)
    assert macros.DJ_DUES_RATE("在职", 5100) == 0.015
    assert macros.DJ_DUES_RATE("学生", 0) is None


@pytest.mark.parametrize("category", ["在职", "离退休"])
@pytest.mark.parametrize("base", [None, "", "  "])
def test_dues_udf_asks_for_the_base_when_its_cell_is_empty(category, base):
    for function in (macros.DJ_MONTHLY_DUES, macros.DJ_DUES_RATE):
        answer = function(category, base)
        assert isinstance(answer, str) and "请填写月计算基数" in answer
        assert "没有统一的计算办法" not in answer
    assert "没有统一的计算办法" in macros.DJ_MONTHLY_DUES("其他", None)


def test_todo_button_lists_the_reminders_and_saves_them_beside_the_workbook(tmp_path):
    # The sample as read (no formula needs computing here): the list of 2023-06-20 (tests/test_todo.py).
    book = FakeBook.from_xlsx(SAMPLE, fullname=excel_copy(tmp_path, SAMPLE))
    before = book.snapshot()
    opened = []

    written = macros.run_todo(book, open_book=opened.append, today=datetime(2023, 6, 20).date())

    assert written is not None and written.parent == Path(book.fullname).parent
    assert written.name == "XX县XX中心党支部工作提醒（2023年6月20日）.xlsx"
    assert opened == [written]
    (alert,) = book.app.alerts
    assert alert["mode"] == "info" and "第二季度讲党课" in alert["prompt"] and str(written) in alert["prompt"]
    assert "依据" not in alert["prompt"]
    assert book.snapshot() == before  # the workbook itself is not changed
    assert book.app.status_bar is False


def test_todo_button_says_a_date_outside_the_year_in_chinese(tmp_path):
    book = FakeBook.from_xlsx(SAMPLE, fullname=excel_copy(tmp_path, SAMPLE))
    assert macros.run_todo(book, open_book=lambda path: None, today=datetime(2024, 2, 1).date()) is None
    (alert,) = book.app.alerts
    assert alert["mode"] == "critical" and "不在台账的报告年度" in alert["prompt"] and "--date" not in alert["prompt"]
