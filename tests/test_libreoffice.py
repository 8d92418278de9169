"""What LibreOffice makes of our files: the path every workbook takes once a secretary saves it.

Each soffice run has its own profile directory (dangjian.office.libreoffice.convert makes one) and the
repo's fontconfig file. Skipped only where LibreOffice is not installed.
"""
from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from docx import Document

from conftest import BLANK, SAMPLE
from dangjian.api import check_workbook
from dangjian.cli import main
from dangjian.read.grid import Formula, read_grids
from dangjian.office.libreoffice import FONTS_CONF, convert, find_soffice
from dangjian.schema import DATA_SHEETS, DUES

needs_office = pytest.mark.skipif(
    find_soffice() is None, reason="未安装 LibreOffice（soffice）：按 scripts/setup-test.sh 安装后这些测试才会运行")
needs_poppler = pytest.mark.skipif(shutil.which("pdffonts") is None, reason="未安装 poppler-utils（pdffonts）")

COMPUTED = {c.key for c in DUES.columns if c.formula}
MONEY_KEYS = [c.key for c in DUES.columns if c.kind.name == "MONEY" and not c.formula]


def records(path: Path) -> dict:
    """Everything the core reads from a workbook, formula columns aside (those are checked apart)."""
    checked = check_workbook(path)
    ledger = checked.ledger
    tables = {
        sheet.key: [(row.line, {k: v for k, v in row.data.items() if k not in COMPUTED})
                    for row in getattr(ledger, sheet.key)]
        for sheet in DATA_SHEETS
    }
    return {
        "basic": dict(ledger.basic.data), "rules": dict(ledger.rules.data), "tables": tables,
        "findings": sorted((f.code, f.cell) for f in checked.report.findings),
    }


def assert_totals_match_core(path: Path) -> None:
    """Every 合计 the application computed equals the sum the core makes of the same rows."""
    ledger = check_workbook(path).ledger
    months = [[row[f"m{m}"] or Decimal(0) for m in range(1, 13)] for row in ledger.dues]
    for row, paid in zip(ledger.dues, months):
        assert row["total"] == sum(paid, Decimal(0)), row.cell("total")
    total = ledger.dues_total
    assert total is not None
    for key in MONEY_KEYS:
        expected = sum((row[key] or Decimal(0) for row in ledger.dues), Decimal(0))
        assert total[key] == expected, total.cell(key)
    assert total["total"] == sum((sum(paid, Decimal(0)) for paid in months), Decimal(0))


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    """Cache of LibreOffice conversions: (source, suffix) → path, each made once per module."""
    folder = tmp_path_factory.mktemp("lo")
    cache: dict[tuple[Path, str], Path] = {}

    def get(source: Path, suffix: str) -> Path:
        key = (source, suffix)
        if key not in cache:
            target = folder / f"{len(cache)}-{source.stem}{suffix}"
            cache[key] = convert(source, output=target)
        return cache[key]

    return get


@pytest.mark.office
@needs_office
@pytest.mark.parametrize("source", [BLANK, SAMPLE], ids=["blank", "sample"])
def test_resaved_by_libreoffice_reads_the_same_and_totals_agree(source, converted):
    resaved = converted(source, ".xlsx")

    assert list(read_grids(resaved)) == list(read_grids(source))  # every sheet survived, in order
    dues_grid = read_grids(resaved)[DUES.name]
    formulas = [v for row in dues_grid.rows for v in row if isinstance(v, Formula)]
    assert formulas and all(f.cached is not None for f in formulas)  # LibreOffice computed them all
    assert records(resaved) == records(source)
    assert_totals_match_core(resaved)


@pytest.mark.office
@needs_office
@pytest.mark.parametrize("suffix", [".ods", ".xls"])
def test_ods_and_xls_are_accepted_and_survive_a_resave(suffix, converted):
    other = converted(SAMPLE, suffix)
    assert records(other) == records(SAMPLE)
    assert_totals_match_core(other)
    # The secretary opens the .ods/.xls and saves it as .xlsx: still the same records.
    resaved = converted(other, ".xlsx")
    assert records(resaved) == records(SAMPLE)
    assert_totals_match_core(resaved)


@pytest.mark.office
@needs_office
@pytest.mark.parametrize("suffix", [".ods", ".xls"])
def test_report_from_ods_and_xls(suffix, converted, tmp_path, capsys):
    other = converted(SAMPLE, suffix)
    out_from_other, out_from_xlsx = tmp_path / "a.docx", tmp_path / "b.docx"
    assert main(["report", str(other), "-o", str(out_from_other)]) == 0
    assert main(["report", str(SAMPLE), "-o", str(out_from_xlsx)]) == 0
    text = lambda p: [para.text for para in Document(p).paragraphs]  # noqa: E731
    assert text(out_from_other) == text(out_from_xlsx)


def pdf_fonts(pdf: Path) -> str:
    return subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout


@pytest.mark.office
@needs_office
@needs_poppler
def test_report_pdf_uses_the_mapped_free_fonts(tmp_path, capsys):
    output = tmp_path / "报告.docx"
    assert main(["report", str(SAMPLE), "-o", str(output), "--pdf"]) == 0
    pdf = output.with_suffix(".pdf")
    assert pdf.read_bytes().startswith(b"%PDF")
    fonts = pdf_fonts(pdf)
    # 仿宋_GB2312 / 方正小标宋简体 → Noto Serif CJK, 楷体_GB2312 → AR PL UKai, 黑体 → Noto Sans CJK.
    assert "NotoSerifCJK" in fonts
    assert "UKai" in fonts
    assert "NotoSansCJK" in fonts
    words = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "XX县XX中心党支部" in words.replace(" ", "")


@pytest.mark.office
@needs_office
@needs_poppler
def test_without_the_font_map_the_windows_fonts_are_not_found(tmp_path):
    # The control for the test above: it is fonts/fonts.conf, not luck, that brings in UKai.
    docx = tmp_path / "报告.docx"
    assert main(["report", str(SAMPLE), "-o", str(docx)]) == 0
    plain = convert(docx, output=tmp_path / "plain.pdf", fonts=None)
    assert "UKai" not in pdf_fonts(plain)
    assert FONTS_CONF.is_file()


def test_pdf_without_libreoffice_is_a_clear_failure_after_the_docx(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DANGJIAN_SOFFICE", str(tmp_path / "no-soffice"))
    output = tmp_path / "报告.docx"
    assert main(["report", str(SAMPLE), "-o", str(output), "--pdf"]) == 2
    assert Document(output).paragraphs  # the report itself was written
    assert not output.with_suffix(".pdf").exists()
    err = capsys.readouterr().err
    assert "LibreOffice" in err and "Traceback" not in err


@pytest.mark.office
@needs_office
def test_conversion_runs_in_a_profile_of_its_own(tmp_path, monkeypatch):
    # A HOME that cannot be written and a default profile in use must not matter.
    monkeypatch.setenv("HOME", str(tmp_path / "missing-home"))
    out = convert(BLANK, output=tmp_path / "空白.ods")
    assert out.read_bytes()[:2] == b"PK"
    assert not (tmp_path / "missing-home").exists() or not os.listdir(tmp_path / "missing-home")


# ---------------------------------------------------------------------------
# The workbooks printed by LibreOffice: what a secretary on a 信创 desktop sees and prints


def pdf_pages(pdf: Path) -> list[tuple[float, list[tuple[float, float, str]]]]:
    """Per page: its width and its words as (xMin, xMax, text)."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = []
    for width, body in re.findall(r'<page width="([\d.]+)" height="[\d.]+">(.*?)</page>', out, re.S):
        words = [(float(x0), float(x1), html.unescape(text)) for x0, x1, text in
                 re.findall(r'<word xMin="([-\d.]+)" yMin="[-\d.]+" xMax="([-\d.]+)" yMax="[-\d.]+">(.*?)</word>', body)]
        pages.append((float(width), words))
    return pages


def page_text(page) -> str:
    return "".join(text for _, _, text in page[1])


@needs_office
@needs_poppler
@pytest.mark.parametrize("source", [BLANK, SAMPLE], ids=["blank", "sample"])
def test_printed_workbook_shows_every_sheet_whole(source, converted):
    pages = pdf_pages(converted(source, ".pdf"))
    # Nothing runs off a page (the 使用说明 lines used to start left of the paper).
    for number, (width, words) in enumerate(pages, start=1):
        assert all(x0 >= 0 and x1 <= width for x0, x1, _ in words), f"page {number}"
    # 使用说明 on one A4 page, from its title to its last line.
    first = page_text(pages[0])
    assert first.startswith("党支部工作台账使用说明") and "校验发现“错误”时不生成报告" in first
    assert "一、填写要求" in first and "二、各工作表" in first and "三、生成报告" in first
    # Every other page starts with a header row (print titles repeat it), drawn as text.
    later = [page_text(page) for page in pages[1:]]
    assert all(text.startswith(("序号", "项目")) for text in later)
    for sheet in DATA_SHEETS:
        assert any(text.startswith("序号") and all(c.header in text for c in sheet.columns) for text in later), sheet.name
    if source == BLANK:
        # A blank data sheet fits one page.
        assert sum(text.startswith("序号") for text in later) == len(DATA_SHEETS)


@needs_office
@needs_poppler
def test_printed_sample_shows_dates_in_full(converted):
    text = "".join(page_text(page) for page in pdf_pages(converted(SAMPLE, ".pdf")))
    dates = [row.data["date"] for row in check_workbook(SAMPLE).ledger.meetings]
    assert dates
    for day in dates:
        assert f"{day.year}年{day.month}月{day.day}日" in text
