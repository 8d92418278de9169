"""发展党员 papers: which a person gets at each stage, what they say, and how they print.

The people are those of test_development_timeline (one at each stage of the 细则), with the
公示's personal columns filled and one four-character name. The papers are written once into a
folder and read back; one LibreOffice run prints all of them to PDF.
"""
from __future__ import annotations

import copy
import re
import shutil
import subprocess
import zipfile
from collections import Counter
from datetime import date
from pathlib import Path

import docx
import pytest

import macros
from conftest import SAMPLE
from dangjian import api, cli
from dangjian.documents.builder import build_workbook
from dangjian.documents.development_papers import development_papers
from dangjian.office.libreoffice import find_soffice
from test_development_timeline import PEOPLE, _people
from test_dues_notice import document_text, pdf_text
from test_pdf_layout import convert_all
from xlwings_standin import FakeBook

TODAY = date(2024, 1, 5)
FOUR = "欧阳晓燕"  # the 发展对象 whose 政审 and 培训 are done: in a 公示 and in the 汇总表
OFFICE = "0571-87654321"


def _full_sheet(settings, rows):
    _people(settings, rows)
    for row in rows["发展党员"]:
        row.update({"性别": "女", "出生日期": date(1998, 3, 9), "民族": "汉族", "学历": "大学本科",
                    "工作单位及职务": "街道社区服务中心工作人员"})
        if row["姓名"] == "发展对象已培训":
            row["姓名"] = FOUR
            row["入党介绍人"] = "马国庆、徐静"
    settings["党支部联系电话"] = OFFICE
    settings["上级党委联系电话"] = "13912345678"  # a mobile: a person's phone, never printed


@pytest.fixture(scope="module")
def papers(tmp_path_factory, sample_source) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("development")
    settings, rows = copy.deepcopy(sample_source)
    _full_sheet(settings, rows)
    workbook = folder / "台账.xlsx"
    build_workbook(workbook, settings=settings, rows=rows)
    run = api.development_workbook(workbook, output=folder / "材料", today=TODAY)
    return {path.stem: path for path in run.written}


def test_each_stage_writes_exactly_its_papers(papers):
    names = [FOUR if n == "发展对象已培训" else n for n in PEOPLE]
    notices = {"积极分子满一年": "拟确定为发展对象", FOUR: "拟接收为中共预备党员", "预备期满": "拟转为中共正式党员"}
    expected = {f"关于{name}同志{subject}的公示" for name, subject in notices.items()}
    expected |= {f"{name}同志发展党员工作纪实表" for name in names}
    expected.add("XX县XX中心党支部2023年下半年发展对象和预备党员情况汇总表")
    assert set(papers) == expected


def cells(path: Path, table: int = 0) -> list[list[str]]:
    return [[c.text for c in row.cells] for row in docx.Document(str(path)).tables[table].rows]


def body(path: Path) -> str:
    return "".join(p.text for p in docx.Document(str(path)).paragraphs)


def test_notice_lists_the_sheets_dates_the_sponsors_and_the_office_number_only(papers):
    path = papers[f"关于{FOUR}同志拟接收为中共预备党员的公示"]
    assert cells(path) == [
        ["姓名", "性别", "出生年月", "民族", "学历", "工作单位及职务", "申请入党时间", "确定为入党积极分子时间", "确定为发展对象时间"],
        [FOUR, "女", "1998.03", "汉族", "大学本科", "街道社区服务中心工作人员", "2022.3.15", "2022.5.17", "2023.6.13"]]
    text = body(path)
    assert "入党介绍人：马国庆、徐静。" in text
    assert f"联系电话：{OFFICE}（党支部）。" in text and "13912345678" not in text
    assert "公示期不少于5天" in text  # the sheet records no 公示 dates for this person


def test_record_lists_every_step_with_its_date_or_a_blank(papers):
    path = papers["预备期中同志发展党员工作纪实表"]
    rows = cells(path, 1)
    assert rows[0] == ["序号", "步骤", "日期", "时间要求和依据说明"]
    dates = {r[1]: r[2] for r in rows[1:]}
    assert dates["确定发展对象"] == "2022.12.13" and dates["支部大会接收预备党员"] == "2023.5.23"
    assert dates["支委会审查"] == "" and dates["支部大会讨论转正"] == ""
    by_step = {r[1]: r[3] for r in rows[1:]}
    assert by_step["支部大会讨论转正"].startswith("2024.5.23期满。依据：")
    assert "下一步为支部大会讨论转正" in body(path)


def test_summary_lists_the_candidates_and_probationers_of_the_period(papers):
    path = papers["XX县XX中心党支部2023年下半年发展对象和预备党员情况汇总表"]
    names = [r[0] for r in cells(path)[1:]]
    # 转正 in May (before 下半年) is out; 转正 in November was a 预备党员 in the period.
    assert names == ["发展对象待政审", FOUR, "预备期中", "预备期满", "延长预备期"]


def test_no_identity_number_or_personal_phone_in_any_paper(papers, sample_source):
    _, rows = sample_source
    secrets = {r["身份证号"] for r in rows["党员名册"] if r.get("身份证号")} | {
        r["联系电话"] for r in rows["党员名册"] if r.get("联系电话")} | {"13912345678"}
    for name, path in papers.items():
        with zipfile.ZipFile(path) as package:
            xml = "".join(package.read(n).decode("utf-8") for n in package.namelist() if n.endswith(".xml"))
        assert not any(secret in xml or secret[-6:] in xml for secret in secrets), name
        assert "身份证" not in xml, name


@pytest.mark.office
def test_every_paper_prints_whole_without_a_lone_last_page_and_names_on_one_line(papers, tmp_path):
    if find_soffice() is None or shutil.which("pdftotext") is None:
        pytest.skip("未安装 LibreOffice 或 poppler-utils")
    # Each kind of paper once: the three 公示, one 纪实表 (all have the same eleven steps) and the 汇总表.
    documents = [path for name, path in papers.items() if not name.endswith("纪实表")]
    documents.append(papers[f"{FOUR}同志发展党员工作纪实表"])
    assert len(documents) == 5
    convert_all(documents, tmp_path, tmp_path)
    for document in documents:
        pdf = tmp_path / f"{document.stem}.pdf"
        expected, printed = Counter(document_text(document)), Counter(pdf_text(pdf))
        assert not expected - printed, (document.name, expected - printed)
        layout = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                                check=True).stdout
        pages = [page for page in layout.split("\f") if page.strip()]
        # The last page holds more than the 落款 (branch, date) and its page number.
        last = [line.strip() for line in pages[-1].splitlines() if line.strip()]
        assert len([line for line in last if not re.fullmatch(r"[—\s\d]+", line)]) > 2, document.name
        if FOUR in document_text(document):
            assert re.search(rf"(^|\s){FOUR}(\s|$)", layout, re.M), document.name


def test_command_line_writes_into_a_folder_and_names_a_missing_person(tmp_path, capsys):
    workbook = tmp_path / "台账.xlsx"
    shutil.copy(SAMPLE, workbook)
    assert cli.main(["development", str(workbook), "--person", "何佳怡"]) == 0
    assert [p.name for p in (tmp_path / "发展党员材料").iterdir()] == ["何佳怡同志发展党员工作纪实表.docx"]
    assert cli.main(["development", str(workbook), "--person", "张三"]) == 1
    assert "“发展党员”表中没有“张三”" in capsys.readouterr().err
    assert cli.main(["development", str(workbook), "-o", str(workbook)]) == 2  # a file, not a folder
    assert "不是文件夹" in capsys.readouterr().err
    assert workbook.read_bytes() == SAMPLE.read_bytes()


def test_templates_rebuild_byte_for_byte(tmp_path):
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "templates"))
    from build_development_templates import NOTICE_OUTPUT, RECORD_OUTPUT, SUMMARY_OUTPUT, build_templates

    built = build_templates(tmp_path / "n.docx", tmp_path / "r.docx", tmp_path / "s.docx")
    assert [p.read_bytes() for p in built] == [p.read_bytes() for p in (NOTICE_OUTPUT, RECORD_OUTPUT, SUMMARY_OUTPUT)]


def test_papers_follow_the_timeline_not_a_second_reckoning(make_grids):
    checked = api.check_grids(make_grids(_people))
    papers = development_papers(checked.ledger, checked.figures, person="预备期满", today=TODAY)
    assert [p.context["title"] for p in papers] == ["关于预备期满同志拟转为中共正式党员的公示", "预备期满同志发展党员工作纪实表"]
    assert papers[0].context["row"]["dates"] == ["2020.9.10", "2022.11.21", "2023.11.21"]


def test_excel_button_writes_the_papers_into_a_folder_beside_the_workbook(tmp_path):
    book = FakeBook.from_xlsx(SAMPLE, fullname=str(tmp_path / SAMPLE.name))
    opened = []
    folder = macros.run_development(book, open_document=opened.append, today=TODAY)
    assert folder == tmp_path / "发展党员材料" and opened == [folder]
    assert [a["mode"] for a in book.app.alerts] == ["info"] and str(folder) in book.app.alerts[0]["prompt"]
    assert len(list(folder.glob("*.docx"))) == 13  # 11 纪实表, 罗俊杰's 公示, the 汇总表
