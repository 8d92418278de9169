"""党委汇总 (`dangjian summary`): a folder of real workbooks → the 汇总 workbook and the 党委 report, read back.

The folder: two clean branches, one with planted problems (no 党员大会 in the third quarter, one
member's fourth-quarter dues unpaid), one 上半年 branch in a subfolder, and one file that is not a
workbook. The command runs once per module; each test reads what it wrote.
"""
from __future__ import annotations

import math

import copy
import hashlib
import shutil
import subprocess
import sys
import uuid
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from conftest import ROOT
from dangjian import api, cli
from dangjian.branches import summary as summary_module
from dangjian.documents.builder import build_workbook
from dangjian.documents.context import report_context

SUPERIOR = "中共XX县委XX工委"
CLEAN = {"一支部.xlsx": "第一党支部", "二支部.xlsx": "第二党支部"}
PROBLEM, HALF_YEAR, BROKEN = "问题支部.xlsx", "sub/上半年支部.xlsx", "坏.xlsx"
SKIPPED_MEETING = "2023-07-11"
UNPAID_MONTHS = ("10月", "11月", "12月")
INCOME = Decimal("12345.67")  # a 月计算基数 that makes one member's 月应交 too low: an income, never to be shown


def _build(folder: Path, sample: tuple[dict, dict], name: str, branch: str, edit=None) -> Path:
    settings, rows = copy.deepcopy(sample)
    settings["党组织名称"] = branch
    if edit:
        edit(settings, rows)
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    build_workbook(path, settings=settings, rows=rows)
    return path


def _plant_problems(settings: dict, rows: dict) -> None:
    rows["会议记录"] = [m for m in rows["会议记录"]
                    if not (m["会议类型"] == "党员大会" and m["日期"].isoformat() == SKIPPED_MEETING)]
    secretary = rows["党费收缴"][0]
    for month in UNPAID_MONTHS:
        secretary[month] = None
    employed = next(r for r in rows["党费收缴"][1:] if r["党费类别"] == "在职")
    employed["月计算基数"] = INCOME


def _first_half(settings: dict, rows: dict) -> None:
    settings["报告期间"] = "上半年"


@pytest.fixture(scope="module")
def folder(tmp_path_factory, sample_source) -> Path:
    folder = tmp_path_factory.mktemp("各支部台账")
    for name, branch in CLEAN.items():
        _build(folder, sample_source, name, branch)
    _build(folder, sample_source, PROBLEM, "第三党支部", _plant_problems)
    _build(folder, sample_source, HALF_YEAR, "第四党支部", _first_half)
    (folder / BROKEN).write_bytes(b"not a workbook at all")
    (folder / "说明.txt").write_text("不是台账", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def outputs(folder) -> dict:
    before = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.rglob("*") if p.is_file()}
    workbook, report = folder / "汇总.xlsx", folder / "党委报告.docx"
    import contextlib
    import io

    err, out = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
        code = cli.main(["summary", str(folder), "-o", str(workbook), "--report", str(report)])
    after = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in before}
    return {"code": code, "workbook": workbook, "report": report, "stderr": err.getvalue(),
            "stdout": out.getvalue(), "unchanged": before == after}


def _rows(path: Path, sheet: str) -> list[dict]:
    ws = load_workbook(path)[sheet]
    header = [c.value for c in ws[1]]
    return [dict(zip(header, (c.value for c in row))) for row in ws.iter_rows(min_row=2)]


def _by_file(path: Path) -> dict[str, dict]:
    return {r["文件"]: r for r in _rows(path, "汇总") if not str(r["党组织名称"]).startswith("合计")}


def _ledger_and_figures(path: Path):
    checked = api.check_workbook(path)
    return checked.ledger, checked.figures


def test_command_reports_progress_and_leaves_the_workbooks_untouched(outputs):
    assert outputs["code"] == cli.EXIT_OK
    assert outputs["unchanged"]
    lines = [line for line in outputs["stderr"].splitlines() if line.startswith("[")]
    assert len(lines) == 5 and {line.split("]")[0] for line in lines} == {f"[{n}/5" for n in range(1, 6)}
    assert any(BROKEN in line and "无法读取" in line for line in lines)
    assert "已汇总4个党支部（79名党员），1个文件无法读取" in outputs["stdout"]


def test_one_row_per_branch_with_the_branch_reports_own_figures(outputs, folder):
    rows = _by_file(outputs["workbook"])
    assert set(rows) == {*CLEAN, PROBLEM, HALF_YEAR}
    clean = rows["一支部.xlsx"]
    assert clean["党组织名称"] == "第一党支部" and clean["报告期间"] == "2023年下半年"
    # The sample: 20 on the roll at 31 December, 高婷婷 still 预备党员 (预备期 extended) with two 2023 admissions.
    assert (clean["正式党员"], clean["预备党员"], clean["党员合计"]) == (17, 3, 20)
    assert (clean["党员大会实开"], clean["党员大会应开"], clean["三会一课完成率"]) == (3, 2, 1)
    # The same numbers the branch's own report prints (one computation: PeriodFigures).
    checked = api.check_workbook(folder / "一支部.xlsx")
    context = report_context(checked.ledger, checked.figures)
    assert Decimal(str(clean["党费应交（元）"])).quantize(Decimal("0.01")) == Decimal(context["dues"]["due"])
    assert clean["党费收缴率"] == 1 and clean["未交足人数"] == 0
    assert clean["递交入党申请书"] == context["development"]["applicants"]
    assert clean["接收预备党员"] == context["development"]["probationary"]
    life = {i["name"]: i for i in context["life"]["items"]}
    assert (clean["党小组会实开"], clean["党小组会应开"]) == (life["党小组会"]["held"], life["党小组会"]["owed"])
    assert clean["换届选举"] == context["election"]["date"] and clean["错误"] == 0

    problem = rows[PROBLEM]
    assert (problem["党员大会实开"], problem["党员大会应开"]) == (2, 2)
    # 1 of 22 owed quarters and months missed: 95.45 % stored as the report states it, 95.4 % (0.0% alone
    # would show 95.5 %); the 收缴率 likewise cut to a tenth of a percent.
    assert problem["三会一课完成率"] == 0.954
    assert problem["未交足人数"] == 1 and problem["未交金额（元）"] == pytest.approx(616.80)
    rate = 1 - 616.80 / problem["党费应交（元）"]
    assert problem["党费收缴率"] == math.floor(rate * 1000) / 1000 and problem["党费收缴率"] < rate
    assert problem["警告"] >= 2

    half = rows[HALF_YEAR]
    assert half["报告期间"] == "2023年上半年"
    assert half["组织生活会应开"] is None  # a yearly duty is owed only by a period ending on 31 December


def test_totals_row_adds_up_the_rows(outputs):
    all_rows = _rows(outputs["workbook"], "汇总")
    totals = all_rows[-1]
    rows = all_rows[:-1]
    assert totals["党组织名称"] == "合计（4个党支部）" and totals["文件"] == "1个文件无法读取"
    for column in ("党员合计", "正式党员", "党员大会实开", "党小组会应开", "未交足人数", "递交入党申请书", "警告"):
        assert totals[column] == sum(r[column] or 0 for r in rows), column
    assert totals["党费应交（元）"] == pytest.approx(sum(r["党费应交（元）"] for r in rows))
    # A rate of the sums, not the average of rates.
    rate = sum(r["党费实交（元）"] for r in rows) / totals["党费应交（元）"]
    assert totals["党费收缴率"] == math.floor(rate * 1000) / 1000  # stated as the report states it, cut


def test_every_finding_is_listed_and_linked_into_its_workbook(outputs, folder):
    book = load_workbook(outputs["workbook"])
    ws = book["问题清单"]
    assert [c.value for c in ws[1]] == ["党组织名称", "文件", "级别", "单元格", "说明", "规则", "代码"]
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref.startswith("A1:G")
    assert ws["A1"].font.bold and ws["A1"].fill.fgColor.rgb.endswith("C00000")  # styled cells, seen in LibreOffice
    listed = [(r[1].value, r[3].value, r[4].value, r[3].hyperlink) for r in ws.iter_rows(min_row=2)]
    problem = api.check_workbook(folder / PROBLEM).report
    ours = {(address, message) for file, address, message, _ in listed if file == PROBLEM}
    # The branch's own findings, but without the member's income in the dues-rate one.
    assert any(f.code == "dues-rate-mismatch" and f"{INCOME}" in f.message for f in problem.findings)
    assert ours == {(f.address, summary_module.INCOME.sub("", f.message)) for f in problem.findings}
    assert any(code == "life-general-meeting" and "第三季度" in f.message
               for f in problem.findings for code in [f.code])
    for file, address, message, link in listed:
        if file == PROBLEM:
            # Relative to the summary's folder, so the folder can be moved as a whole.
            assert link.target == PROBLEM
            sheet, cell = address.split("!")
            assert link.location == f"'{sheet}'!{cell.split(':')[0]}"
    period_rows = [(a, m, l) for f, a, m, l in listed if f == HALF_YEAR and "报告期间为2023年上半年" in m]
    assert len(period_rows) == 1 and period_rows[0][0] == "基本信息!B6"
    assert period_rows[0][2].target == HALF_YEAR
    broken = [r for r in ws.iter_rows(min_row=2, values_only=True) if r[1] == BROKEN]
    assert len(broken) == 1 and broken[0][2] == "无法读取" and "不是Excel工作簿" in broken[0][4]
    assert not any(f == "说明.txt" for f, *_ in listed)


def test_summary_sheet_is_set_up_for_screen_and_paper(outputs):
    ws = load_workbook(outputs["workbook"])["汇总"]
    assert ws.freeze_panes == "B2" and ws.auto_filter.ref
    assert ws.print_title_rows == "$1:$1" and ws.page_setup.orientation == "landscape"
    assert ws["A1"].font.bold and ws["A1"].fill.fgColor.rgb.endswith("C00000")


def test_charts_are_native_and_render_in_libreoffice(outputs, tmp_path):
    with zipfile.ZipFile(outputs["workbook"]) as archive:
        charts = sorted(n for n in archive.namelist() if n.startswith("xl/charts/chart"))
        xml = {n: archive.read(n).decode("utf-8") for n in charts}
    # Three over the 汇总 rows; the 年龄 and 学历 charts over the summed 党员队伍结构 tables.
    over_rows = [text for text in xml.values() if "'汇总'!$A$2:$A$5" in text or "汇总!$A$2:$A$5" in text]
    over_membership = [text for text in xml.values() if "党员队伍结构" in text]
    assert len(charts) == 5 and len(over_rows) == 3 and len(over_membership) == 2
    profile = tmp_path / f"lo-{uuid.uuid4().hex}"
    copy_ = tmp_path / "汇总.xlsx"
    shutil.copy(outputs["workbook"], copy_)
    result = subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                             "--outdir", str(tmp_path), str(copy_)], capture_output=True, timeout=180)
    pdf = tmp_path / "汇总.pdf"
    assert result.returncode == 0 and pdf.is_file(), result.stderr
    pages = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout.split("\f")
    chart_pages = [p for p in pages if "完成比例" in p]  # an axis title: only a drawn chart prints it
    assert chart_pages
    drawn = "".join(chart_pages).replace(" ", "")
    assert "三会一课完成率" in drawn and "党费收缴率" in drawn and "第三党支部" in drawn
    assert "党员人数" in "".join(pages).replace(" ", "")
    assert "党员年龄结构" in "".join(pages).replace(" ", "") and "党员学历结构" in "".join(pages).replace(" ", "")


def test_party_report_states_the_aggregated_figures_and_the_branches_with_gaps(outputs):
    document = Document(outputs["report"])
    text = "\n".join(p.text for p in document.paragraphs)
    assert document.paragraphs[0].text.replace("\n", "") == f"{SUPERIOR}2023年下半年党支部工作情况汇总报告"
    totals = _rows(outputs["workbook"], "汇总")[-1]
    assert totals["党员合计"] == 79  # 20 in each 下半年 branch, 19 on 30 June in the 上半年 one
    assert (f"共有党支部4个，党员79名，其中正式党员{totals['正式党员']}名、预备党员{totals['预备党员']}名"
            in text)
    assert "另有1个台账文件无法读取" in text
    branch_context = report_context(*_ledger_and_figures(outputs["workbook"].parent / "一支部.xlsx"))
    lead = branch_context["development"].get("lead") or "2023年以来，"
    assert f"{lead}共有{totals['递交入党申请书']}人递交入党申请书" in text
    assert "1个党支部的报告期间与2023年下半年不同" in text
    assert "党员大会应召开" in text and "1个党支部未完成" in text
    assert "1名党员未交足，共616.80元，涉及1个党支部" in text
    gaps = [p.text for p in document.paragraphs if p.text.startswith("1．")]
    assert gaps == ["1．第三党支部：党员大会（第三季度）；党费（1人未交足，共616.80元）；台账错误1处。"]
    table = document.tables[0]
    cells = [[c.text for c in row.cells] for row in table.rows]
    assert cells[0] == ["党组织名称", "党员", "三会一课完成率", "党费收缴率", "缺项"]
    assert {row[0] for row in cells[1:-1]} == {"第一党支部", "第二党支部", "第三党支部", "第四党支部"}
    assert cells[-1][:2] == ["合计", "79"]
    # 21 of 22 units: 95.45 % is said cut, as the 收缴率 is (rounded, 99.95 % would read 100.0%).
    assert next(r for r in cells if r[0] == "第三党支部")[2] == "95.4%"
    closing = [p.text for p in document.paragraphs if p.style.name == "落款"]
    assert closing == [SUPERIOR]
    assert document.core_properties.author == SUPERIOR
    assert "王集欣" not in text + "".join(c for row in cells for c in row)  # no member is named


def test_no_income_reaches_the_summary_or_the_report(outputs):
    income = f"{INCOME}"
    with zipfile.ZipFile(outputs["workbook"]) as book, zipfile.ZipFile(outputs["report"]) as report:
        for archive in (book, report):
            for name in archive.namelist():
                text = archive.read(name).decode("utf-8", errors="ignore")
                assert income not in text and "12,345.67" not in text, name


def test_period_override_sums_every_branch_over_the_same_period(folder):
    summary = summary_module.summarise_folder(folder, period="下半年", workers=1)
    assert {b.period for b in summary.branches} == {"2023年下半年"}
    assert not any(f.code == summary_module.PERIOD_DIFFERS for b in summary.branches for f in summary.findings_of(b))
    assert summary_module.PERIOD_CHOICES == tuple(
        next(a for a in cli.build_parser()._subparsers._group_actions[0].choices["summary"]._actions
             if a.dest == "period").choices)


def test_wrong_output_types_are_refused_before_reading(folder, capsys):
    assert cli.main(["summary", str(folder), "-o", str(folder / "汇总.docx")]) == cli.EXIT_UNUSABLE
    assert "汇总表应保存为.xlsx文件" in capsys.readouterr().err
    assert cli.main(["summary", str(folder / "没有这个文件夹")]) == cli.EXIT_UNUSABLE
    assert "不是文件夹" in capsys.readouterr().err
    empty = folder.parent / "空文件夹"
    empty.mkdir(exist_ok=True)
    assert cli.main(["summary", str(empty)]) == cli.EXIT_UNUSABLE
    assert "中没有台账文件" in capsys.readouterr().err and not list(empty.iterdir())


def test_excel_button_shows_progress_and_opens_the_summary(folder, tmp_path):
    import macros
    from xlwings_standin import FakeApp

    app = FakeApp()
    opened = []
    written = macros.run_summary(app, pick_folder=lambda _: folder, open_book=opened.append)
    assert written == folder / summary_module.DEFAULT_NAME and opened == [written]
    assert sum("党建报告：[" in str(s) for s in app.status_history) == 5
    assert app.status_history[-1] is False  # the status bar handed back to Excel
    assert not app.alerts
    assert macros.run_summary(app, pick_folder=lambda _: None, open_book=opened.append) is None
    written.unlink()


def test_a_branch_is_kept_as_a_few_numbers_not_its_ledger(folder):
    """What each worker sends back and the run keeps per branch: memory grows by this per workbook."""
    import pickle

    path = folder / "一支部.xlsx"
    kept = summary_module.summarise_file(path, folder)
    ledger = api.check_workbook(path).ledger
    assert isinstance(kept, summary_module.BranchSummary)
    assert len(pickle.dumps(kept)) * 10 < len(pickle.dumps(ledger))


def test_committed_party_template_is_what_its_script_builds(tmp_path):
    output = tmp_path / "党委汇总报告模板.docx"
    result = subprocess.run([sys.executable, str(ROOT / "templates" / "build_party_template.py"), str(output)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert output.read_bytes() == (ROOT / "templates" / "党委汇总报告模板.docx").read_bytes()

