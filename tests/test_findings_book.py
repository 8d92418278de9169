"""The findings workbook: rows, links into the checked workbook, text kept as text, atomic writing."""
from __future__ import annotations

import errno
import shutil
import subprocess
import uuid
import zipfile
from pathlib import Path

import openpyxl
import pytest

from dangjian.files import OutputNotWritable
from dangjian.findings import CheckReport
from dangjian.documents.findings_book import HEADERS, findings_rows, write_findings
from dangjian.rules.consistency import ATTENDANCE_ROLL as WARNING
from dangjian.rules.dues import STREAK as ERROR
from dangjian.rules.dues import VOLUNTARY as INFO


def report() -> CheckReport:
    return CheckReport([
        WARNING.at("会议记录!H12", "应到人数填写为17人"),
        ERROR.at("党费收缴!H7:M7", "李文博 3月至8月连续6个月未交纳党费，每月应交98.15元"),
        INFO.at("党费收缴!E3", "=HYPERLINK(\"http://example.invalid\")"),
        INFO.at("党费收缴!E4", "+1 -2 @3"),
    ])


def test_rows_are_plain_data_sorted_by_sheet_and_cell():
    rows = findings_rows(report())
    assert rows[0] == list(HEADERS) == ["级别", "工作表", "单元格", "说明", "依据", "规则", "代码"]
    # The rule by its Chinese name, its code kept beside it.
    assert rows[4][5:] == ["连续未交纳党费", "dues-streak"]
    assert [r[:3] for r in rows[1:]] == [["警告", "会议记录", "H12"], ["提示", "党费收缴", "E3"],
                                        ["提示", "党费收缴", "E4"], ["错误", "党费收缴", "H7:M7"]]
    assert rows[4][4] == ERROR.basis and "中组发〔2008〕3号 第十三条" in ERROR.basis
    assert findings_rows(report(), header=False) == rows[1:]


def test_written_workbook_links_each_finding_to_its_cell(tmp_path):
    source = tmp_path / "台账.xlsx"
    source.write_bytes(b"")  # only its path matters here
    path = write_findings(report(), tmp_path / "校验结果.xlsx", source=source)
    ws = openpyxl.load_workbook(path).active
    assert ws.title == "校验结果"
    assert [c.value for c in ws[1]] == list(HEADERS)
    assert ws.freeze_panes == "A2"
    assert list(ws.tables) == ["T_findings"] and ws.tables["T_findings"].ref == "A1:G5"
    links = {ws.cell(r, 3).value: ws.cell(r, 3).hyperlink for r in range(2, 6)}
    assert links["H12"].target == "台账.xlsx" and links["H12"].location == "'会议记录'!H12"
    assert links["H7:M7"].location == "'党费收缴'!H7"
    assert all(ws.column_dimensions[c].width >= 8 for c in "ABCDE")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["台账.xlsx", "校验结果.xlsx"]  # no temporary left


def test_link_to_a_workbook_elsewhere_is_an_absolute_file_url(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    source = tmp_path / "a" / "台账.xlsx"
    path = write_findings(report(), tmp_path / "b" / "校验结果.xlsx", source=source)
    link = openpyxl.load_workbook(path).active.cell(2, 3).hyperlink
    assert link.target == source.resolve().as_uri()


def test_without_a_source_links_stay_inside_the_workbook(tmp_path):
    path = write_findings(report(), tmp_path / "校验结果.xlsx")
    link = openpyxl.load_workbook(path).active.cell(2, 3).hyperlink
    assert link.target is None and link.location == "'会议记录'!H12"


def test_text_that_looks_like_a_formula_stays_text(tmp_path):
    path = write_findings(report(), tmp_path / "校验结果.xlsx")
    with zipfile.ZipFile(path) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet
    ws = openpyxl.load_workbook(path).active
    messages = {ws.cell(r, 4).value: ws.cell(r, 4) for r in range(2, 6)}
    formula_like = messages['=HYPERLINK("http://example.invalid")']
    assert formula_like.data_type == "s" and formula_like.quotePrefix
    assert messages["+1 -2 @3"].data_type == "s"


def test_no_findings_still_makes_a_valid_table(tmp_path):
    path = write_findings(CheckReport([]), tmp_path / "校验结果.xlsx")
    ws = openpyxl.load_workbook(path).active
    assert ws.tables["T_findings"].ref == "A1:G2"
    assert ws.cell(2, 4).value == "校验通过：未发现问题。"


def test_failed_write_leaves_the_old_file_whole(tmp_path, monkeypatch):
    path = tmp_path / "校验结果.xlsx"
    path.write_bytes(b"old")

    def broken_save(self, filename):
        Path(filename).write_bytes(b"half")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(openpyxl.Workbook, "save", broken_save)
    with pytest.raises(OutputNotWritable, match="磁盘空间不足"):
        write_findings(report(), path)
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["校验结果.xlsx"]


@pytest.mark.office
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is needed")
def test_libreoffice_reads_the_findings_and_resolves_the_link(tmp_path):
    source = tmp_path / "台账.xlsx"
    path = write_findings(report(), tmp_path / "校验结果.xlsx", source=source)
    out = tmp_path / "ods"
    subprocess.run(["soffice", f"-env:UserInstallation=file:///tmp/lo-{uuid.uuid4().hex}", "--headless",
                    "--convert-to", "ods", "--outdir", str(out), str(path)],
                   check=True, capture_output=True, timeout=180)
    with zipfile.ZipFile(out / "校验结果.ods") as archive:
        content = archive.read("content.xml").decode()
    assert "李文博 3月至8月连续6个月未交纳党费" in content
    # The relative link resolved to the checked workbook: ODF counts one ../ for the package itself and one
    # for the ods folder, so ../../ is tmp_path.
    assert "xlink:href=\"../../台账.xlsx#&apos;会议记录&apos;!H12\"" in content
