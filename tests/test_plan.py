"""年度组织生活计划 (plan) for the sample branch's 2024: every month has what the rules ask of it,
no date falls on a statutory holiday, the 主题党日 sits on its fixed day or the next working day,
and the Word file prints as the report does (the PDF's text is the document's, no lone last page).
"""
from __future__ import annotations

import re
import shutil
from collections import Counter
from datetime import date

import chinese_calendar
import docx
import pytest
from openpyxl import load_workbook

from dangjian.api import plan_workbook
from dangjian.cli import main
from dangjian.office.libreoffice import find_soffice
from dangjian.documents.plan import plan_document
from dangjian.read.records import read_ledger

from conftest import SAMPLE
from test_dues_notice import document_text, pdf_text
from test_pdf_layout import BOTTOM, LEFT, RIGHT, SLACK, TOP, Printed, body_words, convert_all, lines_of, read_words

TODAY = date(2023, 12, 28)
DATE = re.compile(r"(\d{1,2})月((?:\d{1,2}日、?)+)")


def plan_rows(grids, year: int = 2024) -> list[dict]:
    ledger, _ = read_ledger(grids)
    return list(plan_document(ledger, year, today=TODAY).rows)


def by_month(rows: list[dict]) -> dict[int, list[dict]]:
    months: dict[int, list[dict]] = {}
    current = 0
    for row in rows:
        if row["month"]:
            current = int(row["month"].rstrip("月"))
        months.setdefault(current, []).append(row)
    return months


def dates_in(text: str, year: int) -> list[date]:
    found = []
    for month, days in DATE.findall(text):
        found += [date(year, int(month), int(day)) for day in re.findall(r"\d+", days)]
    return found


def test_every_month_has_what_the_rules_ask(sample_grids):
    # 支委会 (a committee of three, elected 2023), both 党小组, the 主题党日 and the Friday study every
    # month; 党员大会 and 党课 each quarter; the year-end items in December; each quarter's 党费 posted
    # in the month after it (the fourth's in the next January, outside the plan's year).
    months = by_month(plan_rows(sample_grids))
    assert sorted(months) == list(range(1, 13))
    for month, rows in months.items():
        what = [row["what"] for row in rows]
        assert "召开支委会" in what and "开展主题党日" in what, month
        assert "第一党小组召开党小组会" in what and "第二党小组召开党小组会" in what, month
        assert any(w.startswith("每周五集中学习") for w in what), month
        quarter_end = month % 3 == 0
        assert any(w.endswith("召开党员大会") for w in what) == quarter_end, month
        assert any(w.endswith("讲党课") for w in what) == quarter_end, month
        assert any(w.startswith("公示") for w in what) == (month in (4, 7, 10)), month
    december = [row["what"] for row in months[12]]
    assert {"召开组织生活会", "开展民主评议党员", "向党员大会报告全年党费收缴情况"} <= set(december)
    # The 预备期 the workbook records end in 2024: 李思雨 (5月), 高婷婷 (extended to 6月27日), 何佳怡 (11月).
    ends = {row["what"]: row["when"] for rows in months.values() for row in rows if "转为正式党员" in row["what"]}
    assert ends == {"李思雨预备期满，讨论转为正式党员": "5月23日起", "高婷婷预备期满，讨论转为正式党员": "6月27日起",
                    "何佳怡预备期满，讨论转为正式党员": "11月21日起"}


def test_no_date_is_a_statutory_holiday(sample_grids):
    dates = [day for row in plan_rows(sample_grids) for day in dates_in(row["when"], 2024)]
    assert len(dates) > 60
    for day in dates:
        off, holiday = chinese_calendar.get_holiday_detail(day)
        assert not (off and holiday), (day, holiday)
    # The study days of the 国庆 week are left out, not moved: 10月4日 is a holiday Friday.
    assert date(2024, 10, 4) not in dates and date(2024, 10, 11) in dates


def test_theme_day_on_its_fixed_day_or_the_next_working_day(make_grids):
    def first_friday(settings, rows):
        settings["主题党日固定日"] = "每月第一个星期五"

    rows = [row for row in plan_rows(make_grids(first_friday)) if row["what"] == "开展主题党日"]
    days = [dates_in(row["when"], 2024)[0] for row in rows]
    firsts = [date(2024, m, 1 + (4 - date(2024, m, 1).weekday()) % 7) for m in range(1, 13)]
    for fixed, planned in zip(firsts, days):
        if chinese_calendar.is_workday(fixed):
            assert planned == fixed
        else:  # 5月3日 (劳动节) → 5月6日; 10月4日 (国庆) → 10月8日
            assert planned > fixed and chinese_calendar.is_workday(planned)
            assert all(not chinese_calendar.is_workday(date.fromordinal(d)) for d in range(fixed.toordinal(), planned.toordinal()))
    assert days[4] == date(2024, 5, 6) and days[9] == date(2024, 10, 8)


def test_responsible_by_role_from_the_committee(sample_grids):
    who = {row["what"]: row["who"] for row in plan_rows(sample_grids)}
    assert who["开展主题党日"] == "张慧敏（组织委员）"
    assert who["召开组织生活会"] == "张慧敏（组织委员）"
    assert who["召开支委会"] == "王集欣（书记）"
    assert next(w for k, w in who.items() if k.startswith("每周五集中学习")) == "李文博（宣传委员）"
    assert who["第一党小组召开党小组会"] == "陈建国（第一党小组组长）"  # the roll's 备注 names the leader


def test_group_leader_by_title_when_the_roll_names_none(make_grids):
    def edit(settings, rows):
        for member in rows["党员名册"]:
            member["备注"] = None

    who = {row["what"]: row["who"] for row in plan_rows(make_grids(edit))}
    assert who["第二党小组召开党小组会"] == "第二党小组组长"


@pytest.mark.office
def test_word_plan_prints_as_written(tmp_path):
    if find_soffice() is None or shutil.which("pdftotext") is None:
        pytest.skip("未安装 LibreOffice 或 poppler-utils")
    run = plan_workbook(SAMPLE, year=2024, output=tmp_path / "计划.docx", today=TODAY)
    convert_all([run.written], tmp_path, tmp_path)
    pdf = tmp_path / "计划.pdf"
    expected, printed = Counter(document_text(run.written)), Counter(pdf_text(pdf))
    assert not expected - printed, expected - printed
    # The only extra text: the table's header row repeated at the top of each further page.
    header = Counter("月份内容形式责任人时间")
    extra = printed - expected
    repeats = sum(extra.values()) // sum(header.values())
    assert repeats >= 1 and extra == Counter({ch: n * repeats for ch, n in header.items()})
    words, pages = read_words(pdf)
    body_glyphs = body_words(Printed(run.written, pdf, words, pages))
    # Every glyph inside the 版心 (GB/T 9704-2012: 156 × 225 mm), and a page number under it on every page.
    assert not [(w.page, w.text) for w in body_glyphs
                if w.x0 < LEFT - SLACK or w.x1 > RIGHT + SLACK or w.y0 < TOP - 3 or w.y1 > BOTTOM + 3]
    assert {w.page for w in words if w.y0 > BOTTOM and w.text.isdigit()} == set(range(1, pages + 1))
    # The closing ends the plan, and never stands alone on its page: the text before it shares the page.
    body = [p.text for p in docx.Document(str(run.written)).paragraphs]
    assert body[-2:] == ["XX县XX中心党支部", "2023年12月28日"]
    lines = lines_of(body_glyphs)
    signature = max(i for i, line in enumerate(lines) if "".join(w.text for w in line) == body[-2])  # not the title's
    assert "".join(w.text for w in lines[signature + 1]) == body[-1] and signature + 2 == len(lines)
    assert lines[signature - 1][0].page == lines[signature][0].page, "the 落款 starts a page of its own"
    assert 2 * 28 < lines[signature][0].y0 - lines[signature - 1][0].y0 < 2 * 30  # 正文下空一行


def test_sheet_has_the_same_rows_and_print_setup(tmp_path, sample_grids):
    run = plan_workbook(SAMPLE, year=2024, output=tmp_path / "计划.xlsx", xlsx=True, today=TODAY)
    sheet = load_workbook(run.written).active
    values = [[c.value for c in row] for row in sheet.iter_rows(min_row=2, max_col=5)]
    rows = plan_rows(sample_grids)
    assert values[0] == ["月份", "内容", "形式", "责任人", "时间"]
    assert values[1:1 + len(rows)] == [[r["month"] or None, r["what"], r["form"], r["who"], r["when"]] for r in rows]
    assert sheet.print_title_rows == "$1:$2" and str(sheet.page_setup.paperSize) == sheet.PAPERSIZE_A4


@pytest.mark.process
def test_cli_writes_beside_the_workbook_and_never_onto_it(tmp_path, capsys):
    workbook = tmp_path / "台账.xlsx"
    workbook.write_bytes(SAMPLE.read_bytes())
    assert main(["plan", str(workbook), "--year", "2024"]) == 0
    assert (tmp_path / "XX县XX中心党支部2024年度组织生活计划.docx").is_file()
    assert main(["plan", str(workbook), "--xlsx", "-o", str(workbook)]) == 2
    assert workbook.read_bytes() == SAMPLE.read_bytes()
    with pytest.raises(SystemExit) as stopped:
        main(["plan", str(workbook), "--year", "12"])
    assert stopped.value.code == 2
    assert "不是有效的年份" in capsys.readouterr().err


def test_unreadable_fixed_day_is_not_promised_in_the_plan(make_grids):
    def edit(settings, rows):
        settings["主题党日固定日"] = "每月月初"

    ledger, _ = read_ledger(make_grids(edit))
    document = plan_document(ledger, 2024, today=TODAY)
    assert document.calendar.theme_day is None
    assert all("每月月初" not in text for text in document.context["requirements"])
    assert {row["when"] for row in document.rows if row["what"] == "开展主题党日"} == {
        f"{m}月内相对固定1天" for m in range(1, 13)}


def test_a_year_the_holiday_calendar_does_not_know_is_said(sample_grids):
    ledger, _ = read_ledger(sample_grids)
    year = 2035  # beyond any published 调休 arrangement
    document = plan_document(ledger, year, today=TODAY)
    assert not document.calendar.calendar_known
    assert document.context["requirements"][-1] == f"{year}年的法定节假日安排尚未公布，具体日期遇节假日时顺延。"
    # Weekends are still avoided: every deadline falls on a weekday.
    deadlines = [dates_in(row["when"], year)[0] for row in document.rows if row["when"].endswith("日前")]
    assert deadlines and all(day.weekday() < 5 for day in deadlines)
