"""The report as printed: every character of the .docx in the PDF, inside the 版心 (GB/T 9704-2012).

One report per period kind is made from copies of the sample workbook (报告期间 changed with
openpyxl) and all of them go through one LibreOffice run. The PDF is read back with
`pdftotext -bbox`: the text against the document's text character by character, every
glyph's box against the 版心 (156 × 225 mm at 28 mm from the left and 37 mm from the top),
the title's lines against dangjian.documents.title, the closing against 7.3.5.2.
"""
from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import docx
import openpyxl
import pytest

from conftest import SAMPLE
from dangjian.api import check_workbook, write_report
from dangjian.documents.layout import body_width, closing_indents
from dangjian.office.libreoffice import FONTS_CONF, find_soffice
from dangjian.documents.title import BREAK_BEFORE, LINE_WIDTH, text_width, title_lines

MM = 72 / 25.4
LEFT, RIGHT = 28 * MM, (28 + 156) * MM
TOP, BOTTOM = 37 * MM, (37 + 225) * MM
BODY_CHAR = 16.0  # pt: one 3号 character
SLACK = 1.0  # pt: rounding in the PDF's boxes

needs_tools = pytest.mark.skipif(
    find_soffice() is None or shutil.which("pdftotext") is None,
    reason="未安装 LibreOffice（soffice）或 poppler-utils（pdftotext）：按 scripts/setup-test.sh 安装")

# 报告期间 → 起始日期/结束日期 to set as well (only 自定义 uses them).
PERIODS = {
    "全年": None, "上半年": None, "下半年": None, "第一季度": None, "第二季度": None, "第三季度": None,
    "第四季度": None, "自定义": (date(2023, 3, 1), date(2023, 8, 31)),
}


@dataclass(frozen=True)
class Word:
    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    text: str

    @property
    def height(self) -> float:
        return self.y1 - self.y0


@dataclass(frozen=True)
class Printed:
    docx: Path
    pdf: Path
    words: list[Word]
    pages: int


def with_period(source: Path, target: Path, period: str, span: tuple[date, date] | None) -> Path:
    book = openpyxl.load_workbook(source)
    sheet = book["基本信息"]
    for row in sheet.iter_rows(min_row=2):
        item = row[0].value
        if item == "报告期间":
            row[1].value = period
        elif span and item == "起始日期":
            row[1].value = span[0]
        elif span and item == "结束日期":
            row[1].value = span[1]
    book.save(target)
    return target


def convert_all(documents: list[Path], out_dir: Path, work: Path) -> None:
    """One soffice run for all documents, with its own profile and the repo's font map."""
    profile = work / "profile"
    env = dict(os.environ, FONTCONFIG_FILE=str(FONTS_CONF), HOME=str(work))
    command = [str(find_soffice()), f"-env:UserInstallation={profile.as_uri()}", "--headless", "--invisible",
               "--norestore", "--nologo", "--nodefault", "--nolockcheck",
               "--convert-to", "pdf", "--outdir", str(out_dir), *map(str, documents)]
    subprocess.run(command, env=env, capture_output=True, timeout=600, check=True)


def read_words(pdf: Path) -> tuple[list[Word], int]:
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    words, pages = [], 0
    for pages, page in enumerate(re.findall(r"<page [^>]*>(.*?)</page>", out, re.S), start=1):
        for x0, y0, x1, y1, text in re.findall(
                r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', page):
            words.append(Word(pages, float(x0), float(y0), float(x1), float(y1), html.unescape(text)))
    return words, pages


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> dict[str, Printed]:
    if find_soffice() is None or shutil.which("pdftotext") is None:
        pytest.skip("未安装 LibreOffice 或 poppler-utils")
    work = tmp_path_factory.mktemp("pdf-layout")
    documents = {}
    for index, (period, span) in enumerate(PERIODS.items()):
        # The sample itself is the 下半年 report; the other kinds are copies of it.
        workbook = SAMPLE if period == "下半年" else with_period(SAMPLE, work / f"{index}.xlsx", period, span)
        documents[period] = write_report(check_workbook(workbook), output=work / f"{index}.docx")
    convert_all(list(documents.values()), work, work)
    result = {}
    for period, document in documents.items():
        words, pages = read_words(document.with_suffix(".pdf"))
        result[period] = Printed(document, document.with_suffix(".pdf"), words, pages)
    return result


def body_words(printed: Printed) -> list[Word]:
    """Everything but the page numbers (“— 1 —”), which GB/T 9704 puts under the 版心."""
    return [w for w in printed.words if not (w.y0 > BOTTOM and re.fullmatch(r"[—\d]+", w.text))]


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def paragraphs(path: Path) -> list:
    return docx.Document(str(path)).paragraphs


kinds = pytest.mark.parametrize("period", list(PERIODS))


@needs_tools
@kinds
def test_pdf_text_equals_the_document_text(printed, period):
    report = printed[period]
    expected = squeeze("".join(p.text for p in paragraphs(report.docx)))
    actual = squeeze("".join(w.text for w in body_words(report)))
    if actual != expected:
        at = next(i for i, (a, b) in enumerate(zip(actual + "\0", expected + "\0")) if a != b)
        pytest.fail(f"PDF and .docx differ at character {at}: PDF “{actual[at - 10:at + 10]}”, "
                    f".docx “{expected[at - 10:at + 10]}”")


@needs_tools
@kinds
def test_every_glyph_is_inside_the_type_area(printed, period):
    outside = [(w.page, w.text, round(w.x0 / MM, 1), round(w.x1 / MM, 1), round(w.y0 / MM, 1), round(w.y1 / MM, 1))
               for w in body_words(printed[period])
               if w.x0 < LEFT - SLACK or w.x1 > RIGHT + SLACK or w.y0 < TOP - 3 or w.y1 > BOTTOM + 3]
    assert not outside


@needs_tools
@kinds
def test_page_numbers_sit_under_the_type_area_on_every_page(printed, period):
    report = printed[period]
    numbers = {w.page for w in report.words if w.y0 > BOTTOM and w.text.isdigit()}
    assert numbers == set(range(1, report.pages + 1))


def lines_of(words: list[Word]) -> list[list[Word]]:
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.page, round(w.y0), w.x0)):
        if lines and lines[-1][0].page == word.page and abs(lines[-1][0].y0 - word.y0) < 2:
            lines[-1].append(word)
        else:
            lines.append([word])
    return lines


@needs_tools
@kinds
def test_title_breaks_only_before_listed_words(printed, period):
    report = printed[period]
    title = paragraphs(report.docx)[0].text.replace("\n", "")
    # The title is 2号 (22 pt): its boxes are taller than the 3号 text's.
    title_words = [w for w in body_words(report) if w.page == 1 and w.height > 25]
    printed_lines = ["".join(w.text for w in line) for line in lines_of(title_words)]
    assert printed_lines == title_lines(title)
    assert "".join(printed_lines) == title
    breaks = re.compile("|".join(BREAK_BEFORE))
    for line in printed_lines[1:]:
        assert breaks.match(line), f"“{line}” does not start with a word of BREAK_BEFORE"


@needs_tools
@kinds
def test_closing_is_never_alone_on_its_page(printed, period):
    report = printed[period]
    words = body_words(report)
    branch, written = [p.text for p in paragraphs(report.docx)][-2:]
    lines = lines_of(words)
    signature = next(i for i, line in enumerate(lines) if "".join(w.text for w in line) == branch)
    assert "".join(w.text for w in lines[signature + 1]) == written
    assert signature + 2 == len(lines)  # the closing ends the report
    before = lines[signature - 1]
    assert before[0].page == lines[signature][0].page, "the 落款 starts a page of its own"
    # 正文下空一行: one empty line (29 pt) between the text and the 落款.
    assert 2 * 28 < lines[signature][0].y0 - before[0].y0 < 2 * 30


@needs_tools
@kinds
def test_closing_follows_gb9704_7_3_5_2(printed, period):
    report = printed[period]
    branch, written = [p.text for p in paragraphs(report.docx)][-2:]
    lines = {"".join(w.text for w in line): line for line in lines_of(body_words(report))}
    name, day = lines[branch], lines[written]
    # The date's first character two characters right of the name's first character…
    assert abs((day[0].x0 - name[0].x0) - 2 * BODY_CHAR) < 0.4 * BODY_CHAR
    # …and both at least 右空二字.
    assert RIGHT - name[-1].x1 >= 2 * BODY_CHAR - SLACK
    assert RIGHT - day[-1].x1 >= 2 * BODY_CHAR - SLACK


# ---------------------------------------------------------------------------
# The rules themselves, and the properties of the .docx (no LibreOffice needed)


def test_title_that_fits_one_line_stays_whole():
    assert title_lines("XX县XX中心2023年党支部工作情况") == ["XX县XX中心2023年党支部工作情况"]


@pytest.mark.parametrize("title, lines", [
    ("XX县XX中心2023年下半年党支部工作情况", ["XX县XX中心2023年下半年", "党支部工作情况"]),
    ("XX县XX中心2023年第三季度党支部工作情况", ["XX县XX中心2023年第三季度", "党支部工作情况"]),
    ("XX县XX中心2023年3月至8月党支部工作情况报告", ["XX县XX中心2023年3月至8月", "党支部工作情况报告"]),
    ("某某县人力资源和社会保障局2023年上半年党支部工作情况",
     ["某某县人力资源和社会保障局", "2023年上半年党支部工作情况"]),
])
def test_long_title_breaks_before_a_whole_word(title, lines):
    assert title_lines(title) == lines
    assert all(text_width(line) <= LINE_WIDTH for line in lines)


def test_title_broken_by_hand_keeps_its_lines():
    assert title_lines("XX县XX中心\n2023年下半年党支部工作情况\n") == ["XX县XX中心", "2023年下半年党支部工作情况"]


def test_title_without_a_listed_word_is_never_split():
    title = "某某县某某某某某某某某某某某某某某某某某某某某某某某某某某委员会报告"
    assert title_lines(title) == [title]


@pytest.mark.parametrize("name, day, expected", [
    # The sample: the date would end 右空一字, so it is set 右空二字 and the name moves left.
    ("XX县XX中心党支部", "2023年12月25日", (3.0, 2.0)),
    # A long name: 右空二字, the date two characters in from its start.
    ("中共某某县人力资源和社会保障局机关党支部", "2023年8月18日", (2.0, 13.5)),
])
def test_closing_indents(name, day, expected):
    indents = closing_indents(name, day)
    assert indents == expected
    name_right, date_right = indents
    name_start = 28 - name_right - body_width(name)
    date_start = 28 - date_right - body_width(day)
    assert date_start - name_start == 2 and min(indents) == 2


@pytest.fixture(scope="module")
def sample_docx(tmp_path_factory) -> Path:
    return write_report(check_workbook(SAMPLE), output=tmp_path_factory.mktemp("props") / "报告.docx")


def test_document_properties_name_the_report_and_the_branch(sample_docx):
    properties = docx.Document(str(sample_docx)).core_properties
    assert properties.title == "XX县XX中心2023年下半年党支部工作情况"
    assert properties.author == "XX县XX中心党支部"
    with zipfile.ZipFile(sample_docx) as package:
        names = package.namelist()
        app = package.read("docProps/app.xml").decode("utf-8")
    assert not any("thumbnail" in name for name in names)
    assert "Macintosh" not in app and "<Application>dangjian</Application>" in app


def test_closing_paragraphs_carry_their_computed_indents_and_keep_with_the_text(sample_docx):
    body = paragraphs(sample_docx)
    name, day = body[-2], body[-1]
    assert (name.style.name, day.style.name) == ("落款", "成文日期")
    assert (name.paragraph_format.right_indent.twips, day.paragraph_format.right_indent.twips) == (3 * 320, 2 * 320)
    blank, last_text = body[-3], body[-4]
    assert blank.text == "" and blank.paragraph_format.keep_with_next
    assert last_text.text and last_text.paragraph_format.keep_with_next and last_text.paragraph_format.widow_control
