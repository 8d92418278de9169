"""党委汇总 over a folder: which files count as which branch, and that nothing is left out silently.

Each test lays out a small folder in tmp by a few lines (copies of the shipped sample, edited with
openpyxl where a branch needs another name or a changed cell) and summarises it in-process.
"""
from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from openpyxl import load_workbook

from conftest import SAMPLE
from dangjian import cli
from dangjian.branches import summary as summary_module
from dangjian.findings import Level
from dangjian.branches.summary import summarise_folder


def _renamed(source: Path, target: Path, branch: str | None = None, **properties) -> Path:
    """A copy of `source` with another 党组织名称 (基本信息!B2) and/or document properties."""
    target.parent.mkdir(parents=True, exist_ok=True)
    book = load_workbook(source)
    if branch is not None:
        sheet = book["基本信息"]
        row = next(r for r in sheet.iter_rows(min_row=1) if r[0].value == "党组织名称")
        row[1].value = branch
    for name, value in properties.items():
        setattr(book.properties, name, value)
    book.save(target)
    return target


@pytest.fixture(scope="module")
def other_branch(tmp_path_factory) -> Path:
    """The sample as another branch (第二党支部): built once, copied into each test's folder."""
    return _renamed(SAMPLE, tmp_path_factory.mktemp("source") / "二支部.xlsx", "第二党支部")


def _skipped(summary) -> dict[str, tuple[Level, str]]:
    return {item.file: (item.level, item.reason) for item in summary.skipped}


def test_a_linked_or_copied_workbook_is_one_branch_with_a_line_naming_both(tmp_path):
    folder = tmp_path / "各支部"
    folder.mkdir()
    shutil.copyfile(SAMPLE, folder / "一支部.xlsx")
    os.link(folder / "一支部.xlsx", folder / "一支部（硬链接）.xlsx")
    os.symlink(folder / "一支部.xlsx", folder / "一支部（快捷方式）.xlsx")
    (folder / "备份").mkdir()
    shutil.copyfile(SAMPLE, folder / "备份" / "一支部副本.xlsx")

    summary = summarise_folder(folder, workers=1)

    assert [b.file for b in summary.branches] == ["一支部.xlsx"]
    assert summary.totals["members"] == summary.branches[0].members
    skipped = _skipped(summary)
    assert set(skipped) == {"一支部（硬链接）.xlsx", "一支部（快捷方式）.xlsx", "备份/一支部副本.xlsx"}
    assert all(level is Level.WARNING and "“一支部.xlsx”" in reason for level, reason in skipped.values())
    assert "同一个文件" in skipped["一支部（硬链接）.xlsx"][1]
    assert "内容完全相同" in skipped["备份/一支部副本.xlsx"][1]


def test_two_workbooks_of_one_branch_sum_the_newer_and_name_the_other(tmp_path, other_branch):
    folder = tmp_path / "各支部"
    old = _renamed(SAMPLE, folder / "一支部（旧）.xlsx", "第一党支部")
    new = _renamed(SAMPLE, folder / "一支部（改）.xlsx", "第一党支部", description="已按党委意见修改")
    os.utime(old, (time.time() - 86400, time.time() - 86400))
    shutil.copyfile(other_branch, folder / "二支部.xlsx")

    summary = summarise_folder(folder, workers=1)

    assert sorted((b.branch, b.file) for b in summary.branches) == [
        ("第一党支部", new.name), ("第二党支部", "二支部.xlsx")]
    level, reason = _skipped(summary)[old.name]
    assert level is Level.WARNING and new.name in reason and "第一党支部" in reason
    assert summary.totals["branches"] == 2


def test_an_earlier_summary_gets_a_line_and_a_workbook_mentioning_the_mark_is_summed(tmp_path, other_branch):
    folder = tmp_path / "各支部"
    folder.mkdir()
    shutil.copyfile(SAMPLE, folder / "一支部.xlsx")
    _renamed(other_branch, folder / "二支部.xlsx", title="dangjian-summary 备份", keywords="dangjian-summary 旧")
    assert cli.main(["summary", str(folder), "-o", str(tmp_path / "上次汇总.xlsx")]) == cli.EXIT_OK
    shutil.copyfile(tmp_path / "上次汇总.xlsx", folder / "上次汇总.xlsx")

    summary = summarise_folder(folder, workers=1)

    assert sorted(b.file for b in summary.branches) == ["一支部.xlsx", "二支部.xlsx"]
    level, reason = _skipped(summary)["上次汇总.xlsx"]
    assert level is Level.INFO and "之前生成的汇总表" in reason


def test_an_unreadable_folder_and_a_fifo_each_get_a_line(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "各支部"
    (folder / "锁住的党总支").mkdir(parents=True)
    shutil.copyfile(SAMPLE, folder / "锁住的党总支" / "三支部.xlsx")
    shutil.copyfile(SAMPLE, folder / "一支部.xlsx")
    os.mkfifo(folder / "管道.xlsx")
    locked = folder / "锁住的党总支"
    locked.chmod(0)
    if os.geteuid() == 0:  # root reads any folder: refuse this one as the file system would for others
        real_scandir = os.scandir

        def scandir(path="."):
            if Path(path) == locked:
                raise PermissionError(13, "Permission denied", str(path))
            return real_scandir(path)
        monkeypatch.setattr(summary_module.os, "scandir", scandir)
    try:
        summary = summarise_folder(folder, workers=1)
        output = tmp_path / "汇总.xlsx"
        assert cli.main(["summary", str(folder), "-o", str(output)]) == cli.EXIT_OK
    finally:
        locked.chmod(0o755)

    assert [b.file for b in summary.branches] == ["一支部.xlsx"]
    reasons = {item.file: item.reason for item in summary.unreadable}
    assert set(reasons) == {"锁住的党总支/", "管道.xlsx"}
    assert "无法打开这个文件夹" in reasons["锁住的党总支/"] and "没有访问权限" in reasons["锁住的党总支/"]
    assert "不是普通文件" in reasons["管道.xlsx"]
    listed = [(r[1], r[2], r[4]) for r in load_workbook(output)["问题清单"].iter_rows(min_row=2, values_only=True)]
    assert ("管道.xlsx", "无法读取", reasons["管道.xlsx"]) in listed
    assert ("锁住的党总支/", "无法读取", reasons["锁住的党总支/"]) in listed


def _written_paragraph(report: Path) -> str:
    from docx import Document

    return next(p.text for p in Document(report).paragraphs if p.style.name == "成文日期")


def test_party_report_takes_its_written_date_from_the_option_or_from_its_branches(tmp_path, other_branch):
    from datetime import date

    from dangjian.branches.summary_report import written_date

    folder = tmp_path / "各支部"
    folder.mkdir()
    shutil.copyfile(SAMPLE, folder / "一支部.xlsx")  # 2023年下半年, 成文日期 2023-12-25
    _renamed(other_branch, folder / "二支部.xlsx", "第二党支部")
    report = tmp_path / "党委报告.docx"
    assert cli.main(["summary", str(folder), "-o", str(tmp_path / "汇总.xlsx"), "--report", str(report),
                     "--date", "2024-01-10"]) == cli.EXIT_OK
    assert _written_paragraph(report) == "2024年1月10日"
    # No option: the branches' own 成文日期 (the latest of them), not the day the summary is run.
    assert cli.main(["summary", str(folder), "-o", str(tmp_path / "汇总.xlsx"), "--report", str(report)]) == cli.EXIT_OK
    assert _written_paragraph(report) == "2023年12月25日"

    summary = summarise_folder(folder, workers=1)
    unset = summary_module.Summary(folder, [replace_written(b) for b in summary.branches], [])
    # Branches that left it blank: today while the period is recent, its last day long after.
    assert written_date(unset, today=date(2024, 1, 20)) == date(2024, 1, 20)
    assert written_date(unset, today=date(2026, 12, 7)) == date(2023, 12, 31)


def test_a_date_that_is_no_date_is_refused_in_chinese(tmp_path, capsys):
    with pytest.raises(SystemExit):
        cli.main(["summary", str(tmp_path), "--date", "2023-02-30"])
    assert "2月没有30日" in capsys.readouterr().err


def replace_written(branch):
    from dataclasses import replace

    return replace(branch, written=None)


def _pdf_pages(workbook: Path, tmp_path: Path) -> tuple[list[str], list[list[tuple[str, tuple[float, ...]]]], Path]:
    """The workbook printed by LibreOffice: each page's text, its words with their boxes (points), the PDF."""
    import html
    import re
    import subprocess
    import uuid

    profile = tmp_path / f"lo-{uuid.uuid4().hex}"
    result = subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                             "--outdir", str(tmp_path), str(workbook)], capture_output=True, timeout=180)
    pdf = tmp_path / f"{workbook.stem}.pdf"
    assert result.returncode == 0 and pdf.is_file(), result.stderr
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    boxes = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True).stdout
    words = [[(html.unescape(word), tuple(float(v) for v in box)) for *box, word in re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', page)]
        for page in boxes.split("<page ")[1:]]
    return [page.replace(" ", "") for page in text.split("\f")[:len(words)]], words, pdf


def _inked(pdf: Path, page: int, box: tuple[float, ...], tmp_path: Path) -> bool:
    """Whether anything is drawn where the text layer places a word: text of a chart cut off by a page
    edge stays in the text layer but is not printed."""
    import subprocess

    resolution = 36
    stem = tmp_path / f"page{page}"
    subprocess.run(["pdftoppm", "-f", str(page + 1), "-l", str(page + 1), "-r", str(resolution), "-gray",
                    "-singlefile", str(pdf), str(stem)], check=True)
    data = (stem.parent / f"{stem.name}.pgm").read_bytes()
    magic, size, _, pixels = data.split(maxsplit=3)
    width, height = int(size), int(data.split()[2])
    pixels = data[len(data) - width * height:]
    scale = resolution / 72
    x0, y0, x1, y1 = (int(v * scale) for v in box)
    return any(pixels[y * width + x] < 160 for y in range(max(y0, 0), min(y1 + 1, height))
               for x in range(max(x0, 0), min(x1 + 1, width)))


def test_the_summary_prints_legibly_and_each_chart_on_its_own_page(tmp_path, other_branch):
    from dangjian.branches.summary_book import summary_columns

    folder = tmp_path / "各支部"
    folder.mkdir()
    shutil.copyfile(SAMPLE, folder / "一支部.xlsx")
    shutil.copyfile(other_branch, folder / "二支部.xlsx")
    _renamed(other_branch, folder / "三支部.xlsx", "第三党支部")
    workbook = tmp_path / "汇总.xlsx"
    assert cli.main(["summary", str(folder), "-o", str(workbook)]) == cli.EXIT_OK
    names = ["XX县XX中心党支部", "第二党支部", "第三党支部"]

    pages, words, pdf = _pdf_pages(workbook, tmp_path)

    summary_pages = [n for n, page in enumerate(pages) if "合计（3个党支部）" in page]
    # Columns in groups across pages (members, 三会一课, other meetings, dues, the rest), each page
    # with 党组织名称 and the header row repeated, printed at 100 %: no word shrunk below 8 points.
    assert 4 <= len(summary_pages) <= 6 and summary_pages == list(range(len(summary_pages)))
    for number in summary_pages:
        assert all(name in pages[number] for name in ["党组织名称", *names]), number
        smallest = min(y1 - y0 for _, (x0, y0, x1, y1) in words[number])
        assert smallest >= 8, (number, smallest)
    printed = "".join(pages[n] for n in summary_pages).replace("\n", "")
    assert all(header[:2] in printed for header, _, _ in summary_columns())
    assert "三会一课完成" in pages[1] and "党员大会" in pages[1] and "主题党日" not in pages[1]
    # The three charts: one page each, none cut across two (what the text layer has of the next
    # chart is clipped away: nothing of it is drawn on this page), nothing of them on a later page.
    titles = ("三会一课完成率", "党费收缴率", "党员人数")
    first_chart = next(n for n, page in enumerate(pages) if "完成比例" in page)
    for number, title in zip(range(first_chart, first_chart + 3), titles):
        shown = [word for word, box in words[number] if word in titles and _inked(pdf, number, box, tmp_path)]
        assert shown == [title], (number, shown)
    for number in range(first_chart + 3, len(pages)):
        assert not any(word == "完成比例" and _inked(pdf, number, box, tmp_path) for word, box in words[number])


def test_text_like_a_formula_stays_text_in_every_row_of_the_summary(tmp_path):
    """Styles are made once per column and copied (summary_book._put_styled): the copies keep text as text."""
    import zipfile

    from dangjian.branches.summary import BranchSummary, Summary
    from dangjian.branches.summary_book import write_summary

    names = ["第一党支部", "=2*21", "=HYPERLINK(\"http://x\")", "+1", "第五党支部"]
    branches = [BranchSummary(file=f"{n}.xlsx", path=tmp_path / f"{n}.xlsx", branch=name, superior="",
                              period="2023年下半年", period_cell=None) for n, name in enumerate(names)]
    output = write_summary(Summary(tmp_path, branches, []), tmp_path / "汇总.xlsx")
    with zipfile.ZipFile(output) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet
    column = [c.value for c in load_workbook(output)["汇总"]["A"][1:len(names) + 1]]
    assert column == names


def test_the_folders_counts_of_branches_are_summary_figures_the_party_report_reads(tmp_path):
    """Three branches in memory: each count of branches the 党委 report states is a `Summary` figure,
    counted once. The second branch held as many 党员大会 as it owed but missed a quarter (held twice
    in another): it fell short. The third reports on another period (a later one: the folder's
    figures stand at the common period's end) and owed no 党课, so it counts neither way."""
    from datetime import date

    from dangjian.branches.summary import BranchSummary, LifeCount, Summary
    from dangjian.branches.summary_report import party_context

    general, lecture = "life-general-meeting", "life-lecture"

    def branch(name, period, end, life, behind, lead, term):
        return BranchSummary(file=f"{name}.xlsx", path=tmp_path / f"{name}.xlsx", branch=name, superior="上级党委",
                             period=period, period_cell=None, period_end=end, life=tuple(life), dues_members=5, dues_behind=behind,
                             development={"applicants": 1}, development_lead=lead, term_status=term,
                             term_end=date(2024, 1, 1) if term else None)

    summary = Summary(tmp_path, [
        branch("一支部", "2023年下半年", date(2023, 12, 31),
               [LifeCount(general, "党员大会", 2, 2, 2, 2, ""), LifeCount(lecture, "党课", 2, 1, 2, 1, "第四季度")],
               0, "2023年", "已届满"),
        branch("二支部", "2023年下半年", date(2023, 12, 31),
               [LifeCount(general, "党员大会", 2, 2, 2, 1, "第三季度"), LifeCount(lecture, "党课", 2, 2, 2, 2, "")],
               2, "2023年", "即将届满"),
        branch("三支部", "2024年上半年", date(2024, 6, 30),
               [LifeCount(general, "党员大会", 2, 3, 2, 2, ""), LifeCount(lecture, "党课", 0, 0, 0, 0, "")],
               1, "2024年", ""),
    ], [])
    totals = summary.totals
    assert (totals["life_met"][general], totals["life_short"][general]) == (2, 1)
    assert (totals["life_met"][lecture], totals["life_short"][lecture]) == (1, 1)
    assert totals["other_periods"] == 1
    assert (totals["dues_all_paid"], totals["dues_branches_behind"]) == (1, 2)
    assert totals["development_lead"] == "2023年"
    assert (totals["term_ended"], totals["term_ending"]) == (["一支部"], ["二支部"])
    assert summary.as_of == date(2023, 12, 31)
    context = party_context(summary, written=date(2024, 1, 5))
    assert [(item["name"], item["met"], item["short"]) for item in context["life"]] == [("党员大会", 2, 1), ("党课", 1, 1)]
    assert (context["other_periods"], context["as_of"], context["dues"]["branches_behind"]) == (1, "2023年12月31日", 2)
    assert (context["development"]["lead"], context["term_ended"], context["term_ending"]) == ("2023年", "一支部", "二支部")
