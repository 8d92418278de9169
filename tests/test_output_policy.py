"""The one output policy (files.writing): no output — asked for, a “(1)” copy, or the file renamed
into place — is ever a file the command reads; every text cell is text; names and properties of
any length are written or refused in Chinese. Real files, read back."""
from __future__ import annotations

import hashlib
import os
import shutil
import zipfile
from dataclasses import replace
from pathlib import Path

import docx
import pytest
from openpyxl import load_workbook

from conftest import ROOT, SAMPLE
from dangjian import api, cli
from dangjian.branches.consolidate import run_summary
from dangjian.files import (OutputRefused, atomic_output, available_output, reading, suggested_name,
                            writing)
from dangjian.read.grid import Grid, UnreadableWorkbook, read_grids
from dangjian.documents.layout import finish_report

TEMPLATE = ROOT / "templates" / "工作报告模板.docx"


def digest(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def read_only(path: Path) -> None:
    path.chmod(0o444)


# ---------------------------------------------------------------- 1. summary -o onto a branch workbook

def _link(kind: str, source: Path, link: Path) -> Path:
    (os.link if kind == "hard link" else os.symlink)(source, link)
    return link


@pytest.mark.parametrize("kind", ["the file", "hard link", "symbolic link"])
def test_summary_never_writes_over_a_workbook_it_summarises(tmp_path, kind, capsys):
    folder = tmp_path / "各支部"
    folder.mkdir()
    branch = folder / "二支部.xlsx"
    shutil.copyfile(SAMPLE, branch)
    before = digest(branch)
    elsewhere = tmp_path / "别处"
    elsewhere.mkdir()
    output = branch if kind == "the file" else _link(kind, branch, elsewhere / "汇总.xlsx")

    assert cli.main(["summary", str(folder), "-o", str(output)]) == cli.EXIT_UNUSABLE

    err = capsys.readouterr().err
    assert "汇总表不能写入被汇总的台账本身" in err and "程序内部错误" not in err
    assert digest(branch) == before
    assert sorted(p.name for p in folder.iterdir()) == ["二支部.xlsx"]


def test_summary_still_replaces_its_own_earlier_summary(tmp_path):
    folder = tmp_path / "各支部"
    folder.mkdir()
    shutil.copyfile(SAMPLE, folder / "二支部.xlsx")
    first = run_summary(folder, workers=1)
    second = run_summary(folder, output=first.workbook, workers=1)  # an earlier 汇总 is not a branch
    assert second.workbook == first.workbook and len(second.summary.branches) == 1


# ---------------------------------------------------------------- 2. the “(1)” copy is checked too

def test_check_output_in_use_never_falls_back_onto_the_workbook_checked(tmp_path):
    wanted = tmp_path / "结果.xlsx"
    wanted.write_bytes(b"the secretary's results")
    read_only(wanted)
    workbook = tmp_path / "结果(1).xlsx"
    shutil.copyfile(SAMPLE, workbook)
    before = digest(workbook)

    checked = api.check_workbook(workbook, save_to=wanted)

    assert checked.saved == tmp_path / "结果(2).xlsx"
    assert load_workbook(checked.saved).sheetnames == [api.FINDINGS_SHEET]
    assert digest(workbook) == before and wanted.read_bytes() == b"the secretary's results"


def test_report_open_in_word_never_falls_back_onto_its_template(tmp_path):
    workbook = tmp_path / "台账.xlsx"
    shutil.copyfile(SAMPLE, workbook)
    template = tmp_path / "报告(1).docx"
    shutil.copyfile(TEMPLATE, template)
    (tmp_path / "报告.docx").write_bytes(b"the secretary's edited report")
    (tmp_path / "~$报告.docx").write_bytes(b"owner")  # 报告.docx is open in Word
    before = digest(template)

    run = api.report_workbook(workbook, output=tmp_path / "报告.docx", template=template)

    assert run.written == tmp_path / "报告(2).docx" and docx.Document(run.written).paragraphs
    assert digest(template) == before


def test_new_workbook_never_blanks_an_existing_copy(tmp_path):
    wanted = tmp_path / "台账.xlsx"
    shutil.copyfile(SAMPLE, wanted)
    read_only(wanted)
    other = tmp_path / "台账(1).xlsx"
    shutil.copyfile(SAMPLE, other)
    before = digest(other)

    written = api.new_workbook(wanted, force=True)

    assert written == tmp_path / "台账(2).xlsx" and load_workbook(written).sheetnames
    assert digest(other) == before and digest(wanted) == digest(SAMPLE)


@pytest.mark.parametrize("kind", ["hard link", "symbolic link"])
def test_a_copy_that_is_a_link_to_an_input_is_passed_over(tmp_path, kind):
    workbook = tmp_path / "台账.xlsx"
    workbook.write_bytes(b"ledger")
    wanted = tmp_path / "报告.docx"
    wanted.write_bytes(b"old")
    read_only(wanted)
    _link(kind, workbook, tmp_path / "报告(1).docx")
    with reading([("台账文件", workbook)]):
        assert available_output(wanted) == tmp_path / "报告(2).docx"
        with pytest.raises(OutputRefused, match="不能写入台账文件本身"):
            available_output(tmp_path / "报告(1).docx")


def test_an_output_that_becomes_a_link_to_an_input_while_written_is_refused(tmp_path):
    workbook = tmp_path / "台账.xlsx"
    workbook.write_bytes(b"ledger")
    output = tmp_path / "报告.docx"
    with reading([("台账文件", workbook)]):
        with pytest.raises(OutputRefused, match="不能写入台账文件本身"):
            with writing(output) as written:
                written.temporary.write_bytes(b"report")
                output.symlink_to(workbook)  # swapped in while the report was being rendered
    assert workbook.read_bytes() == b"ledger"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["台账.xlsx", "报告.docx"]


# ---------------------------------------------------------------- 3. every text cell is text

HOSTILE = ["=2*21", '=HYPERLINK("http://example.com","点")', "=cmd|' /C calc'!A0", "+2*21", "-2*21", "@SUM(1)"]


def _typed_as_text(grids: dict[str, Grid], old: str, new: str) -> dict[str, Grid]:
    """The grids of a workbook where `new` is typed as text wherever `old` is (the builder would
    write "=…" as a formula)."""
    return {name: replace(grid, rows=tuple(tuple(new if value == old else value for value in row) for row in grid.rows))
            for name, grid in grids.items()}


@pytest.mark.parametrize("text", HOSTILE)
def test_dues_notice_sheet_writes_names_as_text_never_as_formulas(sample_grids, tmp_path, text):
    branch, member = "XX县XX中心党支部", "王集欣"
    grids = _typed_as_text(_typed_as_text(sample_grids, branch, text), member, text + "同志")
    output = tmp_path / "公示.xlsx"

    api.dues_notice_checked(api.check_grids(grids), workbook=tmp_path / "台账.xlsx", output=output, xlsx=True,
                            force=True)

    with zipfile.ZipFile(output) as package:
        assert b"<f>" not in package.read("xl/worksheets/sheet1.xml")
    sheet = load_workbook(output).active
    texts = {cell.value: cell for row in sheet.iter_rows() for cell in row if isinstance(cell.value, str)}
    assert all(cell.data_type == "s" for cell in texts.values())
    for shown in (text, text + "同志"):  # the 党组织名称 signing the notice, the member's row
        assert texts[shown].quotePrefix
    assert sheet["A1"].value.startswith(text) and sheet["A1"].quotePrefix  # the title


# ---------------------------------------------------------------- 9. messages

LONG_NAME = "中共某某县某某镇某某村某某合作社联合" * 17  # 306 characters, a legal cell


@pytest.mark.parametrize("command", ["report", "dues-notice", "dues-report"])
def test_a_very_long_branch_name_is_cut_in_the_properties_and_the_default_name(make_workbook, command):
    workbook = make_workbook(lambda settings, rows: settings.update({"党组织名称": LONG_NAME}))
    write = {"report": api.report_workbook, "dues-notice": api.dues_notice_workbook,
             "dues-report": api.dues_report_workbook}[command]

    run = write(workbook, force=True)

    assert run.written.parent == workbook.parent and len(run.written.name.encode()) < 255
    properties = docx.Document(run.written).core_properties
    assert properties.author.startswith(LONG_NAME[:200]) and len(properties.author) == 255


def test_document_properties_of_any_length_are_cut_to_what_word_holds(tmp_path):
    document = docx.Document()
    finish_report(document, title="标题" * 200, author="上级党组织" * 60)  # the 党委 report's signer
    document.save(tmp_path / "报告.docx")
    properties = docx.Document(tmp_path / "报告.docx").core_properties
    assert properties.title == "标题" * 127 + "…" and properties.last_modified_by == properties.author
    assert len(properties.author) == 255


@pytest.mark.parametrize("given, suffix, suggested", [
    ("x.xlsx.", ".xlsx", "x.xlsx"), ("结果.xlsx .", ".xlsx", "结果.xlsx"), ("结果.docx", ".xlsx", "结果.xlsx"),
    ("报告", ".docx", "报告.docx"), ("报告.XLSX.", ".xlsx", "报告.xlsx"),
])
def test_the_name_suggested_for_a_wrong_type_is_a_name(given, suffix, suggested):
    assert suggested_name(Path(given), suffix) == suggested


def test_a_trailing_dot_is_refused_with_the_name_meant(tmp_path, capsys):
    workbook = tmp_path / "台账.xlsx"
    shutil.copyfile(SAMPLE, workbook)
    assert cli.main(["check", str(workbook), "-o", str(tmp_path / "x.xlsx.")]) == cli.EXIT_UNUSABLE
    assert cli.main(["summary", str(tmp_path), "-o", str(tmp_path / "x.xlsx.")]) == cli.EXIT_UNUSABLE
    err = capsys.readouterr().err
    assert err.count("请改用“x.xlsx”这样的文件名") == 2 and "..xlsx" not in err


def test_a_legal_long_name_is_written(tmp_path):
    output = tmp_path / ("长" * 80 + ".docx")  # 245 bytes: legal on every disk
    with atomic_output(output) as temporary:
        temporary.write_bytes(b"report")
    assert output.read_bytes() == b"report" and [p.name for p in tmp_path.iterdir()] == [output.name]


def test_an_oversized_part_is_named_once(tmp_path):
    workbook = tmp_path / "台账.xlsx"
    with zipfile.ZipFile(SAMPLE) as source, zipfile.ZipFile(workbook, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "docProps/core.xml":
                data += b" " * (2 * 1024 * 1024)  # a compression bomb's ratio
            target.writestr(item.filename, data)
    with pytest.raises(UnreadableWorkbook) as caught:
        read_grids(workbook)
    message = str(caught.value)
    assert "“台账.xlsx”的内部文件“docProps/core.xml”压缩比为" in message and "的其中的" not in message
