"""党费收缴情况公示 and the year's 党费收缴情况报告, read back from the files written.

The documents are written for the sample workbook (第三季度 and 全年) and for a variant with a
quarterly payer, a back-payment, money paid ahead and a member who owes. Every amount in them is
compared with the settlement the checks use (`Checked.figures.dues`); the XML of every file is
searched for income, 身份证号 and phone numbers; one LibreOffice run prints all of them to PDF and
every character of each document must be in its PDF.
"""
from __future__ import annotations

import copy
import re
import shutil
import subprocess
import zipfile
from collections import Counter
from datetime import date
from decimal import Decimal
from pathlib import Path

import docx
import openpyxl
import pytest

import macros
from conftest import SAMPLE, row_named
from dangjian import api, cli
from dangjian.documents.builder import build_workbook
from dangjian.documents.context import report_context
from dangjian.figures.dues_posting import quarters_named
from dangjian.figures.dues import MemberDues
from dangjian.findings import Level
from dangjian.office.libreoffice import find_soffice
from dangjian.read.values import format_money
from dangjian.wording import month_runs
from test_pdf_layout import convert_all
from xlwings_standin import FakeBook

QUARTER_3 = ("7月", "8月", "9月")


# ---- the workbooks -----------------------------------------------------------------------------

def with_transfers(settings: dict, rows: dict) -> None:
    """A quarterly payer, a back-payment, money paid ahead, and a member who owes."""
    dues = rows["党费收缴"]
    quarterly = row_named(dues, "王集欣")  # pays the third quarter in September, with the branch's consent
    quarterly["交纳方式"] = "按季"
    quarterly["7月"] = quarterly["8月"] = None
    quarterly["9月"] = quarterly["月应交"] * 3
    late = row_named(dues, "张慧敏")  # May and June paid in September
    late["5月"] = late["6月"] = None
    late["9月"] = late["月应交"] * 3
    ahead = row_named(dues, "李文博")  # January pays the first half-year
    for month in range(2, 7):
        ahead[f"{month}月"] = None
    ahead["1月"] = ahead["月应交"] * 6
    owes = row_named(dues, "陈建国")  # August and September never paid
    owes["8月"] = owes["9月"] = None
    settings["党费上缴金额"] = Decimal("13000.00")
    settings["党费上缴日期"] = date(2023, 12, 28)


def variant(sample_source, folder: Path, name: str, *, period: str, edit=None) -> Path:
    settings, rows = copy.deepcopy(sample_source)
    settings["报告期间"] = period
    if edit:
        edit(settings, rows)
    path = folder / name
    build_workbook(path, settings=settings, rows=rows)
    return path


@pytest.fixture(scope="module")
def written(tmp_path_factory, sample_source) -> dict[str, tuple[Path, api.Checked]]:
    """Each document written through the api, with the check whose settlement it must show."""
    folder = tmp_path_factory.mktemp("dues")
    sample = folder / "示例台账.xlsx"
    shutil.copy(SAMPLE, sample)
    q3 = variant(sample_source, folder, "第三季度.xlsx", period="第三季度")
    year = variant(sample_source, folder, "全年.xlsx", period="全年")
    moved_q3 = variant(sample_source, folder, "转移第三季度.xlsx", period="第三季度", edit=with_transfers)
    moved_year = variant(sample_source, folder, "转移全年.xlsx", period="全年", edit=with_transfers)
    out = folder / "out"
    out.mkdir()
    runs = {
        # The sample (下半年) asked for its 第三季度: the settlement of a 第三季度 check.
        "notice-q3": (api.dues_notice_workbook(sample, period="第三季度", output=out / "公示第三季度.docx"), q3),
        "notice-year": (api.dues_notice_workbook(sample, period="全年", output=out / "公示全年.docx"), year),
        "report-year": (api.dues_report_workbook(sample, output=out / "报告全年.docx"), year),
        "notice-q3-transfers": (api.dues_notice_workbook(moved_q3, output=out / "转移公示第三季度.docx"), moved_q3),
        "notice-year-transfers": (api.dues_notice_workbook(moved_year, output=out / "转移公示全年.docx"), moved_year),
        "report-year-transfers": (api.dues_report_workbook(moved_q3, output=out / "转移报告全年.docx"), moved_year),
        "notice-q3-xlsx": (api.dues_notice_workbook(moved_q3, xlsx=True, output=out / "转移公示第三季度.xlsx"), moved_q3),
        "notice-q3-plain-xlsx": (api.dues_notice_workbook(sample, period="第三季度", xlsx=True,
                                                          output=out / "公示第三季度.xlsx"), q3),
        "notice-year-xlsx": (api.dues_notice_workbook(sample, period="全年", xlsx=True, output=out / "公示全年.xlsx"), year),
    }
    return {key: (run.written, api.check_workbook(source)) for key, (run, source) in runs.items()}


def notice_table(path: Path) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in docx.Document(str(path)).tables[0].rows]


def body_text(path: Path) -> str:
    return "".join(p.text for p in docx.Document(str(path)).paragraphs)


def listed(checked: api.Checked, months: tuple[str, ...]) -> list[MemberDues]:
    numbers = [int(m.rstrip("月")) for m in months]
    return [m for m in checked.figures.dues.members
            if any(n in m.months_on_roll for n in numbers) or any(m.paid[n - 1] for n in numbers)]


# ---- the amounts are the settlement's -----------------------------------------------------------

@pytest.mark.parametrize("key", ["notice-q3", "notice-q3-transfers", "notice-year", "notice-year-transfers"])
def test_every_member_row_shows_the_settlement_the_checks_use(written, key):
    path, checked = written[key]
    table = notice_table(path)
    header, *rows, totals = table
    months = tuple(h.removesuffix("实交") for h in header[3:-2])
    assert months == (QUARTER_3 if "q3" in key else tuple(f"{m}月" for m in range(1, 13)))
    members = listed(checked, months)
    assert [r[0] for r in rows] == [m.row["name"] for m in members]
    numbers = [int(m.rstrip("月")) for m in months]
    for row, member in zip(rows, members):
        assert row[1] == member.row["dues_category"]
        assert row[2] == format_money(member.monthly)
        for shown, month in zip(row[3:-2], numbers):
            expected = member.paid[month - 1]
            assert shown == ("—" if not expected and month not in member.months_on_roll else format_money(expected))
        assert row[-2] == format_money(sum((member.paid[n - 1] for n in numbers), Decimal(0)))
    assert totals[0] == "合计"
    assert totals[-2] == format_money(sum((m.paid[n - 1] for m in members for n in numbers), Decimal(0)))


@pytest.mark.parametrize("key", ["notice-q3-transfers", "notice-year-transfers", "report-year-transfers"])
def test_members_who_owe_are_the_settlements_own(written, key):
    path, checked = written[key]
    behind = checked.figures.dues.behind
    assert [m.row["name"] for m in behind] == ["陈建国"]
    text = body_text(path)
    for member in behind:
        assert f"{member.row['name']}同志{month_runs(member.unpaid_months)}党费{format_money(member.outstanding)}元" in text
    assert "陈建国同志8月、9月党费183.60元" in text


def test_quarterly_payment_back_payment_and_paying_ahead_are_noted(written):
    rows = {r[0]: r for r in notice_table(written["notice-q3-transfers"][0])}
    assert rows["王集欣"][3:6] == ["0.00", "0.00", "616.80"]
    assert rows["王集欣"][-1] == "9月按季度交纳7月至9月党费"
    assert rows["张慧敏"][-1] == "9月补交5月、6月党费"
    assert rows["李文博"][-1] == ""  # the first half-year's money touches no month of the quarter
    assert rows["陈建国"][4:6] == ["0.00", "0.00"] and rows["陈建国"][-1] == ""
    year = {r[0]: r for r in notice_table(written["notice-year-transfers"][0])}
    # A monthly payer (交纳方式 not 按季) paying the half-year in January pays the rest ahead.
    assert year["李文博"][-1] == "1月预交2月至6月党费"
    # A member who joined in May: the months before are not hers, not unpaid.
    assert year["李思雨"][3:7] == ["—"] * 4 and year["李思雨"][7] == "31.50"


def test_the_years_report_table_and_figures_are_the_settlements(written):
    path, checked = written["report-year-transfers"]
    status = checked.figures.dues
    assert checked.figures.period.label == "全年"
    header, *rows, totals = notice_table(path)
    assert header == ["姓名", "党费类别", "月应交", "应交月数", "应交", "实交", "未交"]
    assert [r[0] for r in rows] == [m.row["name"] for m in status.members]
    for row, member in zip(rows, status.members):
        assert row[2:] == [format_money(member.monthly), str(len(member.owed_months)), format_money(member.due_total),
                           format_money(member.paid_total), format_money(member.outstanding)]
    assert totals[4:] == [format_money(status.due), format_money(status.paid),
                          format_money(sum((m.outstanding for m in status.behind), Decimal(0)))]
    text = body_text(path)
    settled = status.due - sum((m.outstanding for m in status.behind), Decimal(0))
    assert f"全年应交党费{format_money(status.due)}元，实交{format_money(status.paid)}元，" \
           f"收缴率{settled * 100 / status.due:.2f}%" in text
    assert f"{len(status.members)}名党员" in text and "其中19名已全部交清" in text
    assert "2023年12月28日，党支部向中共XX县委XX工委上缴党费13000.00元。" in text
    assert "依据：《关于中国共产党党费收缴、使用和管理的规定》（中组发〔2008〕3号）。" in text


def test_without_remittance_the_report_leaves_that_part_out(written):
    text = body_text(written["report-year"][0])
    assert "上缴" not in text and "收缴率100.00%" in text and "没有欠交" in text


def test_notice_words_the_period_the_notice_days_and_the_closing(written):
    path, checked = written["notice-q3"]
    paragraphs = [p.text for p in docx.Document(str(path)).paragraphs]
    assert paragraphs[0] == "XX县XX中心党支部\n2023年第三季度党费收缴情况公示"
    # Dated as the 党务公开 sheet posted it; 公示期 of seven days; the 组织委员 answers questions.
    assert "公示期为2023年10月16日至2023年10月22日。" in "".join(paragraphs)
    assert "组织委员张慧敏同志" in "".join(paragraphs)
    assert paragraphs[-2:] == ["XX县XX中心党支部", "2023年10月16日"]
    properties = docx.Document(str(path)).core_properties
    assert properties.title == "XX县XX中心党支部2023年第三季度党费收缴情况公示"
    assert properties.author == "XX县XX中心党支部"


def test_a_long_period_is_printed_landscape_and_every_column_fits_the_type_area(written):
    for key, landscape in (("notice-q3", False), ("notice-year", True), ("report-year", False)):
        document = docx.Document(str(written[key][0]))
        section = document.sections[0]
        assert (section.page_width > section.page_height) is landscape, key
        area = (section.page_width - section.left_margin - section.right_margin) / 635
        grid = [int(c.get(docx.oxml.ns.qn("w:w"))) for c in document.tables[0]._tbl.tblGrid]
        assert len(grid) == len(document.tables[0].rows[0].cells)
        assert abs(sum(grid) - area) <= len(grid), key


def monthly_payers_and_a_long_name(settings: dict, rows: dict) -> None:
    """No 补交/预交 note at all (吴海涛 pays month by month), and a four-character name."""
    payer = row_named(rows["党费收缴"], "吴海涛")
    payer["交纳方式"] = "按月"
    for month in range(1, 13):
        payer[f"{month}月"] = payer["月应交"]
    for sheet in ("党员名册", "党费收缴"):
        row_named(rows[sheet], "黄晓丽")["姓名"] = "欧阳晓丽"


@pytest.fixture(scope="module")
def plain(tmp_path_factory, sample_source) -> dict[str, Path]:
    """The 第三季度 and 全年 notices of a branch whose notes column is empty."""
    folder = tmp_path_factory.mktemp("plain")
    workbook = variant(sample_source, folder, "按月.xlsx", period="全年", edit=monthly_payers_and_a_long_name)
    return {period: api.dues_notice_workbook(workbook, period=period, output=folder / f"{period}.docx").written
            for period in ("第三季度", "全年")}


def column_widths(path: Path) -> tuple[list[int], float]:
    """The notice table's column widths (twips) and its text size (points)."""
    table = docx.Document(str(path)).tables[0]
    size = table.rows[1].cells[0].paragraphs[0].runs[0].font.size.pt
    return [int(c.get(docx.oxml.ns.qn("w:w"))) for c in table._tbl.tblGrid], size


@pytest.mark.parametrize("period", ["第三季度", "全年"])
def test_columns_are_as_wide_as_their_content(plain, period):
    widths, size = column_widths(plain[period])
    header, *rows = notice_table(plain[period])
    assert header[-1] == "补交、预交说明" and {r[-1] for r in rows} == {""}
    # An empty notes column takes no more room than the other columns: the room is shared.
    assert widths[-1] <= max(widths[:-1])
    # The longest name (four characters) fits its column with room for the borders and cell margins (1 mm each).
    longest = max(len(r[0]) for r in rows)
    assert longest == 4
    assert widths[0] >= longest * size * 20 + 2 * 57 + 2 * 15


def test_the_dash_is_explained_only_when_a_cell_holds_one(written):
    note = "“—”表示该月不在本支部"
    for key, dashes in (("notice-q3", False), ("notice-year", True)):
        path = written[key][0]
        assert any("—" in cell for row in notice_table(path) for cell in row) is dashes, key
        assert (note in body_text(path)) is dashes, key
        assert "注：金额单位为元" in body_text(path)


def test_the_printable_sheet_explains_the_dash_only_when_a_cell_holds_one(written):
    note = "“—”表示该月不在本支部"
    for key, dashes in (("notice-q3-plain-xlsx", False), ("notice-year-xlsx", True)):
        values = [str(cell) for row in openpyxl.load_workbook(written[key][0]).active.iter_rows(values_only=True)
                  for cell in row if cell is not None]
        assert any(value == "—" for value in values) is dashes, key
        assert any(note in value for value in values) is dashes, key
        assert any("金额单位：元" in value for value in values), key


@pytest.mark.office
def test_printed_names_keep_to_one_line(plain, tmp_path):
    if find_soffice() is None or shutil.which("pdftotext") is None:
        pytest.skip("未安装 LibreOffice 或 poppler-utils")
    convert_all(list(plain.values()), tmp_path, tmp_path)
    for period, path in plain.items():
        names = [row[0] for row in notice_table(path)[1:-1]]
        assert {len(n) for n in names} == {2, 3, 4}
        layout = subprocess.run(["pdftotext", "-layout", str(tmp_path / f"{path.stem}.pdf"), "-"],
                                capture_output=True, text=True, check=True).stdout
        first_words = [line.split()[0] for line in layout.splitlines() if line.strip()]
        assert all(name in first_words for name in names), (period, [n for n in names if n not in first_words])


def test_printable_sheet_has_styled_headers_print_setup_and_the_same_rows(written):
    path, checked = written["notice-q3-xlsx"]
    sheet = openpyxl.load_workbook(path).active
    assert sheet["A1"].value == "XX县XX中心党支部2023年第三季度党费收缴情况公示"
    header = [c.value for c in sheet[2]]
    assert header == ["姓名", "党费类别", "月应交", "7月实交", "8月实交", "9月实交", "合计", "补交、预交说明"]
    assert all(c.font.name == "黑体" and c.fill.fgColor.rgb.endswith("D9D9D9") and c.border.top.style for c in sheet[2])
    rows = {r[0]: r for r in sheet.iter_rows(min_row=3, values_only=True) if r[0] and r[1]}
    members = listed(checked, QUARTER_3)
    assert set(rows) == {m.row["name"] for m in members}
    for member in members:
        assert rows[member.row["name"]][3:6] == tuple(format_money(member.paid[n - 1]) for n in (7, 8, 9))
    assert rows["王集欣"][7] == "9月按季度交纳7月至9月党费"
    assert sheet.print_title_rows == "$1:$2"
    assert int(sheet.page_setup.paperSize) == 9 and sheet.page_setup.fitToWidth == 1
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    text = " ".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value)
    assert "陈建国同志8月、9月党费183.60元" in text and "公示期为" in text


# ---- nothing personal in any file ----------------------------------------------------------------

def test_no_income_identity_number_or_phone_in_any_file(written, sample_source):
    _, rows = sample_source
    bases = {str(r["月计算基数"]) for r in rows["党费收缴"]}
    ids = {r["身份证号"] for r in rows["党员名册"] if r.get("身份证号")}
    phones = {r["联系电话"] for r in rows["党员名册"] if r.get("联系电话")}
    assert bases and ids and phones
    for key, (path, _) in written.items():
        with zipfile.ZipFile(path) as package:
            xml = "".join(package.read(n).decode("utf-8") for n in package.namelist() if n.endswith((".xml", ".rels")))
        for base in bases:
            number = Decimal(base)
            shown = {base, format_money(number), f"{number:,}", f"{number:,.2f}"}
            for text in shown:
                assert not re.search(rf"(?<![\d.,]){re.escape(text)}(?![\d.,])", xml), (key, text)
        for secret in ids | phones:
            assert secret not in xml, key
            assert secret[-6:] not in xml, key
        assert "月计算基数" not in xml and "身份证" not in xml and "电话" not in xml, key


# ---- every character printed --------------------------------------------------------------------

def document_text(path: Path) -> str:
    """Every character of the body, paragraphs and table cells alike."""
    with zipfile.ZipFile(path) as package:
        xml = package.read("word/document.xml").decode("utf-8")
    texts = re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml)
    import html

    return re.sub(r"\s+", "", html.unescape("".join(texts)))


def pdf_text(pdf: Path) -> str:
    """The PDF's text without the page numbers (“— 1 —” under the 版心)."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    import html

    kept = []
    for height, page in re.findall(r'<page width="[\d.]+" height="([\d.]+)">(.*?)</page>', out, re.S):
        for y0, text in re.findall(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">(.*?)</word>', page):
            text = html.unescape(text)
            if float(y0) > float(height) - 30 * 72 / 25.4 and re.fullmatch(r"[—\d]+", text):
                continue
            kept.append(text)
    return re.sub(r"\s+", "", "".join(kept))


@pytest.mark.office
def test_every_character_of_each_document_is_in_its_pdf(written, tmp_path):
    if find_soffice() is None or shutil.which("pdftotext") is None:
        pytest.skip("未安装 LibreOffice 或 poppler-utils")
    documents = [path for path, _ in written.values() if path.suffix == ".docx"]
    convert_all(documents, tmp_path, tmp_path)
    for document in documents:
        expected, printed = Counter(document_text(document)), Counter(pdf_text(tmp_path / f"{document.stem}.pdf"))
        assert not expected - printed, (document.name, "missing from the PDF", expected - printed)
        # The only extra text: the table's header row, repeated at the top of each further page.
        header = Counter(re.sub(r"\s+", "", "".join(c.text for c in docx.Document(str(document)).tables[0].rows[0].cells)))
        extra = printed - expected
        repeats = sum(extra.values()) // max(sum(header.values()), 1)
        assert extra == Counter({ch: n * repeats for ch, n in header.items() if n * repeats}), (document.name, extra)


def test_a_year_report_written_before_december_calls_nothing_unpaid_that_is_not_due(tmp_path, sample_source):
    def december_not_yet_paid(settings, rows):
        row_named(rows["党费收缴"], "陈建国")["12月"] = None

    path = variant(sample_source, tmp_path, "全年.xlsx", period="全年", edit=december_not_yet_paid)
    early = api.dues_report_workbook(path, output=tmp_path / "十一月.docx", today=date(2023, 11, 15)).written
    text = body_text(early)
    assert "截至2023年11月15日" in text and "已到期的应交党费" in text and "全年应交党费" not in text
    assert "陈建国" not in text and "没有欠交" in text and "交清已到期的党费" in text
    header, *rows, _ = notice_table(early)
    months = [int(r[3]) for r in rows]
    assert max(months) == 10  # January to October: November's dues are due by 30 November
    late = api.dues_report_workbook(path, output=tmp_path / "次年.docx", today=date(2024, 1, 10)).written
    text = body_text(late)
    assert "全年应交党费" in text and "陈建国同志12月党费" in text
    assert max(int(r[3]) for r in notice_table(late)[1:-1]) == 12


# ---- refusals and the output policy -------------------------------------------------------------

def test_workbook_errors_refuse_unless_forced(tmp_path, sample_source):
    settings, rows = copy.deepcopy(sample_source)
    row_named(rows["党费收缴"], "杨帆")["月应交"] = Decimal("1.00")  # below the standard: an error
    path = tmp_path / "有错误.xlsx"
    build_workbook(path, settings=settings, rows=rows)
    with pytest.raises(api.DataErrors):
        api.dues_notice_workbook(path)
    with pytest.raises(api.DataErrors):
        api.dues_report_workbook(path)
    assert not list(tmp_path.glob("*.docx"))
    run = api.dues_report_workbook(path, force=True)
    assert run.written.name == "XX县XX中心党支部2023年度党费收缴情况报告.docx" and run.written.parent == tmp_path


def test_default_output_beside_the_workbook_and_a_copy_when_open(tmp_path):
    workbook = tmp_path / "台账.xlsx"
    shutil.copy(SAMPLE, workbook)
    first = api.dues_notice_workbook(workbook)
    assert first.written == tmp_path / "XX县XX中心党支部2023年下半年党费收缴情况公示.docx"
    (tmp_path / f".~lock.{first.written.name}#").write_text("")  # open in LibreOffice
    second = api.dues_notice_workbook(workbook)
    assert second.wanted == first.written and second.written.name.endswith("公示(1).docx")


@pytest.mark.parametrize("name", ["公示.pdf", "台账.xlsx"])
def test_wrong_outputs_are_refused_before_reading(tmp_path, name):
    workbook = tmp_path / "台账.xlsx"
    workbook.write_bytes(b"not read")  # a refusal happens before the workbook is opened
    with pytest.raises(api.OutputRefused):
        api.dues_notice_workbook(workbook, output=tmp_path / name)
    with pytest.raises(api.OutputRefused):
        api.dues_notice_workbook(workbook, output=tmp_path / "公示.docx", xlsx=True)
    assert workbook.read_bytes() == b"not read"


def test_command_line_writes_both_and_exits_1_on_errors(tmp_path, capsys):
    workbook = tmp_path / "台账.xlsx"
    shutil.copy(SAMPLE, workbook)
    assert cli.main(["dues-notice", str(workbook), "--period", "第三季度"]) == 0
    assert cli.main(["dues-notice", str(workbook), "--xlsx"]) == 0
    assert cli.main(["dues-report", str(workbook), "-o", str(tmp_path / "报告.docx")]) == 0
    out = capsys.readouterr().out
    assert "已生成党费收缴情况公示" in out and "已生成党费收缴情况报告" in out
    assert {p.name for p in tmp_path.iterdir()} >= {
        "XX县XX中心党支部2023年第三季度党费收缴情况公示.docx", "XX县XX中心党支部2023年下半年党费收缴情况公示.xlsx", "报告.docx"}
    with pytest.raises(SystemExit) as stop:
        cli.main(["dues-notice", str(workbook), "--period", "春季"])
    assert stop.value.code == 2


def test_excel_buttons_write_the_documents_beside_the_workbook(tmp_path):
    book = FakeBook.from_xlsx(SAMPLE, fullname=str(tmp_path / SAMPLE.name))
    opened = []
    notice = macros.run_dues(book, "notice", open_document=opened.append)
    report = macros.run_dues(book, "report", open_document=opened.append)
    assert notice == tmp_path / "XX县XX中心党支部2023年下半年党费收缴情况公示.docx"
    assert report == tmp_path / "XX县XX中心党支部2023年度党费收缴情况报告.docx"
    assert opened == [notice, report] and [a["mode"] for a in book.app.alerts] == ["info", "info"]
    assert notice_table(report) == notice_table(api.dues_report_workbook(SAMPLE, output=tmp_path / "cli.docx").written)


# ---- 党务公开: the notice posted ------------------------------------------------------------------

@pytest.mark.parametrize(("item", "quarters"), [
    ("2023年第三季度党费收缴情况", (3,)),
    ("2023年上半年党费收缴情况", (1, 2)),
    ("2023年度党费收缴使用情况", (1, 2, 3, 4)),
    ("2022年第四季度党费收缴情况", ()),  # another year
    ("2023年第三季度主题党日安排", ()),  # not the dues
    ("党费收缴情况", (3,)),  # no period named: the quarter that ended before 10月16日
    ("第3季度党费收缴情况", (3,)),
    ("三季度", ()),  # not the dues
    ("三季度党费", (3,)),
    ("7-9月党费收缴情况", (3,)),
    ("7月至9月份党费收缴情况", (3,)),
    ("七至九月党费", (3,)),
    ("下半年党费", (3, 4)),
    ("第二、三季度党费收缴情况", (2, 3)),
    ("前三季度党费收缴情况", (1, 2, 3)),
    ("二〇二三年第三季度党费收缴情况", (3,)),
    ("２０２３年第３季度党费收缴情况", (3,)),
    ("2023年度第三季度党费收缴情况", (3,)),  # 年度 qualifies the quarter here
    ("9月党费收缴情况", ()),  # one month: not yet a quarter
    ("2023年10月16日公示党费收缴情况", (3,)),  # a day is when it was posted, not what
    ("调整党费交纳标准的通知", ()),  # about the dues, not their collection
    ("十十月党费、第十二十季度", ()),  # nonsense numbers are no period (and no error)
])
def test_which_quarters_a_disclosure_posts(item, quarters):
    assert quarters_named(item, year=2023, posted=date(2023, 10, 16)) == quarters


@pytest.mark.parametrize(("item", "posted", "quarters"), [
    ("第四季度党费收缴情况", date(2024, 1, 10), (4,)),  # posted after the year it reports
    ("第一季度党费收缴情况", date(2024, 4, 10), ()),  # the next year's
    ("第一季度党费收缴情况", date(2023, 3, 28), (1,)),  # posted before the quarter ended
    ("全年党费收缴情况", date(2024, 1, 5), (1, 2, 3, 4)),
    ("2023年党费收缴情况", date(2024, 1, 5), (1, 2, 3, 4)),  # only the year named, posted after it
    ("党费收缴情况公示", date(2023, 1, 16), ()),  # the quarter before is the year before's
    ("党费收缴情况公示", date(2024, 1, 16), (4,)),
    ("第三季度党费收缴情况", None, ()),  # neither a year written nor a readable date
])
def test_a_period_without_its_year_is_read_from_the_posting_date(item, posted, quarters):
    assert quarters_named(item, year=2023, posted=posted) == quarters


def without_disclosures(*items: str):
    def edit(settings, rows):
        rows["党务公开"] = [r for r in rows["党务公开"] if r["公开事项"] not in items]
    return edit


def dues_posted_findings(make_grids, edit, period: str):
    def with_period(settings, rows):
        settings["报告期间"] = period
        edit(settings, rows)
    return [f for f in api.check_grids(make_grids(with_period)).report.findings if f.code == "dues-not-posted"]


@pytest.mark.parametrize("item", ["第3季度党费收缴情况", "三季度", "7-9月", "党费收缴情况公示", "Q3党费"])
def test_a_quarter_written_another_way_is_a_posting(make_grids, item):
    def edit(settings, rows):
        posting = next(r for r in rows["党务公开"] if r["公开事项"] == "2023年第三季度党费收缴情况")
        posting["公开事项"] = item if "党费" in item else f"{item}党费收缴情况"

    assert dues_posted_findings(make_grids, edit, "全年") == []
    assert len(dues_posted_findings(make_grids, without_disclosures("2023年第三季度党费收缴情况"), "全年")) == 1


def test_months_posted_one_by_one_post_their_quarter(make_grids):
    def monthly(settings, rows):
        rows["党务公开"] = [r for r in rows["党务公开"] if r["公开事项"] != "2023年第三季度党费收缴情况"] + [
            {"日期": date(2023, month + 1, 5), "公开事项": f"{month}月份党费交纳情况", "公开载体": "公开栏"}
            for month in (7, 8, 9)]

    assert dues_posted_findings(make_grids, monthly, "全年") == []

    def two_months(settings, rows):
        monthly(settings, rows)
        rows["党务公开"] = [r for r in rows["党务公开"] if r["公开事项"] != "8月份党费交纳情况"]

    assert len(dues_posted_findings(make_grids, two_months, "全年")) == 1


def test_finished_quarter_without_a_posting_is_a_hint(make_grids):
    found = dues_posted_findings(make_grids, without_disclosures("2023年第三季度党费收缴情况"), "下半年")
    assert len(found) == 1 and found[0].level is Level.INFO
    assert found[0].sheet == "党务公开" and found[0].cell.startswith("C")
    assert "2023年第三季度党费收缴情况" in found[0].message and "党务公开" in found[0].basis


def test_half_year_posting_covers_its_quarters_and_the_last_quarter_is_not_due(make_grids):
    # 全年: the first quarter's own row gone, the 上半年 row still covers it; 第四季度 posts after the year.
    assert dues_posted_findings(make_grids, without_disclosures("2023年第一季度党费收缴情况"), "全年") == []
    found = dues_posted_findings(make_grids, without_disclosures("2023年第一季度党费收缴情况", "2023年上半年党费收缴情况"),
                                 "全年")
    assert len(found) == 1 and "第一季度、第二季度" in found[0].message
    assert dues_posted_findings(make_grids, lambda s, r: None, "第三季度") == []


def test_sample_posts_every_quarter_it_should(sample_grids):
    checked = api.check_grids(sample_grids)
    assert checked.figures.unposted_quarters == ()
    assert not [f for f in checked.report.findings if f.code == "dues-not-posted"]


def test_report_says_which_dues_notices_were_posted(make_grids):
    checked = api.check_grids(make_grids())
    disclosure = report_context(checked.ledger, checked.figures)["disclosure"]
    assert disclosure["dues_posted"] == "按规定向党员公示了2023年上半年党费收缴情况、2023年第三季度党费收缴情况。"
    checked = api.check_grids(make_grids(without_disclosures("2023年上半年党费收缴情况", "2023年第三季度党费收缴情况")))
    assert report_context(checked.ledger, checked.figures)["disclosure"]["dues_posted"] == ""


def test_templates_rebuild_byte_for_byte(tmp_path):
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "templates"))
    from build_dues_templates import NOTICE_OUTPUT, REPORT_OUTPUT, build_templates
    from build_template import DEFAULT_OUTPUT, build_template

    notice, report = build_templates(tmp_path / "n.docx", tmp_path / "r.docx")
    assert notice.read_bytes() == NOTICE_OUTPUT.read_bytes()
    assert report.read_bytes() == REPORT_OUTPUT.read_bytes()
    assert build_template(tmp_path / "w.docx").read_bytes() == DEFAULT_OUTPUT.read_bytes()


LONG_NAME = "阿卜杜热合曼·买买提"


def a_long_name_and_a_long_note(settings: dict, rows: dict) -> None:
    for sheet in ("党员名册", "党费收缴"):
        row_named(rows[sheet], "黄晓丽")["姓名"] = LONG_NAME
    payer = row_named(rows["党费收缴"], "吴海涛")  # pays 4月–6月 late with the third quarter: a note of two runs
    payer["6月"], payer["9月"] = None, payer["月应交"] * 6


@pytest.fixture(scope="module")
def long_sheet(tmp_path_factory, sample_source) -> Path:
    folder = tmp_path_factory.mktemp("long")
    workbook = variant(sample_source, folder, "长姓名.xlsx", period="第三季度", edit=a_long_name_and_a_long_note)
    return api.dues_notice_workbook(workbook, xlsx=True, output=folder / "公示.xlsx").written


def test_printable_sheet_columns_follow_their_content(long_sheet):
    from dangjian.documents.builder import CELL_PADDING, text_units

    sheet = openpyxl.load_workbook(long_sheet).active
    widths = [sheet.column_dimensions[openpyxl.utils.get_column_letter(c)].width for c in range(1, sheet.max_column + 1)]
    table = [row for row in sheet.iter_rows(min_row=3, values_only=True) if row[1] is not None or row[0] == "合计"]
    names = [row[0] for row in table]
    assert LONG_NAME in names
    # Names and amounts on one line: each column as wide as its longest value.
    for column in range(len(widths) - 1):
        longest = max(text_units(str(row[column] or "")) for row in table)
        assert widths[column] >= longest + CELL_PADDING, (column, widths)
    # The notes column wraps a long note instead of widening the table, and its row is as high as its lines.
    noted = next(line for line in range(3, sheet.max_row + 1) if "补交4月至6月" in str(sheet.cell(line, 8).value))
    assert widths[-1] < text_units(sheet.cell(noted, 8).value) and sheet.row_dimensions[noted].height >= 2 * 15


@pytest.mark.office
def test_printable_sheet_prints_the_long_name_on_one_line(long_sheet, tmp_path):
    if find_soffice() is None or shutil.which("pdftotext") is None:
        pytest.skip("未安装 LibreOffice 或 poppler-utils")
    convert_all([long_sheet], tmp_path, tmp_path)
    layout = subprocess.run(["pdftotext", "-layout", str(tmp_path / f"{long_sheet.stem}.pdf"), "-"],
                            capture_output=True, text=True, check=True).stdout
    assert any(line.split() and line.split()[0] == LONG_NAME for line in layout.splitlines()), layout
