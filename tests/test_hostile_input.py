"""Hostile and broken input: each ends in a clear message or a normal result, never a traceback."""
from __future__ import annotations

import io
import json
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
from docx import Document

from conftest import SAMPLE
from dangjian.api import check_workbook
from dangjian.cli import main
from dangjian.read.grid import UnreadableWorkbook, read_grids

HOSTILE = "A<B>C&D\"E'F {{ year }} {% if true %}X{% endif %} {{ ''.__class__ }} ]]> &amp;"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert "程序内部错误" not in out + err  # errors.describe's words for an unforeseen exception
    return code, out, err


def rules_at(capsys, workbook: Path) -> tuple[int, list[tuple[str, str]]]:
    code, out, _ = run(capsys, "check", workbook, "--format", "json")
    return code, [(f["rule"], f"{f['sheet']}!{f['cell']}") for f in json.loads(out)["findings"]]


def key_meeting(rows) -> dict:
    return next(r for r in rows["会议记录"] if r["写入报告"] == "是")


# --- text that looks like markup ---------------------------------------------------------

def test_markup_in_cells_appears_literally_in_the_report(make_workbook, tmp_path, capsys):
    def edit(settings, rows):
        key_meeting(rows)["会议主题"] = HOSTILE
        key_meeting(rows)["内容摘要"] = HOSTILE + "\n第二段 <w:p/> </w:t>"
        rows["问题与打算"][0]["内容"] = HOSTILE

    output = tmp_path / "报告.docx"
    code, _, _ = run(capsys, "report", make_workbook(edit), "-o", output)
    assert code == 0
    text = "\n".join(p.text for p in Document(output).paragraphs)
    assert text.count(HOSTILE) >= 3  # the topic, the summary and the problem text
    assert "第二段 <w:p/> </w:t>" in text


def test_template_reaching_for_python_internals_is_refused(tmp_path, capsys):
    template = tmp_path / "我的模板.docx"
    document = Document()
    document.add_paragraph("{{ ''.__class__.__mro__[1].__subclasses__() }}")
    document.save(template)
    output = tmp_path / "报告.docx"
    code, _, err = run(capsys, "report", SAMPLE, "-o", output, "--template", template)
    assert code == 2
    assert "模板" in err
    assert not output.exists()


def test_sandbox_error_is_the_named_one(tmp_path):
    from dangjian.api import write_report
    from dangjian.documents.report import ForbiddenExpressionError

    template = tmp_path / "t.docx"
    document = Document()
    document.add_paragraph("{{ ''.__class__ }}")
    document.save(template)
    with pytest.raises(ForbiddenExpressionError):
        write_report(check_workbook(SAMPLE), output=tmp_path / "r.docx", template=template)


# --- files that are not what they claim --------------------------------------------------

def _zip_replacing(source: Path, target: Path, replace: dict[str, bytes | None]) -> Path:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            if item.filename in replace:
                if replace[item.filename] is not None:
                    new.writestr(item.filename, replace[item.filename])
            else:
                new.writestr(item, old.read(item.filename))
        for name, data in replace.items():
            if name not in old.namelist() and data is not None:
                new.writestr(name, data)
    return target


def _docx_bytes() -> bytes:
    buffer = io.BytesIO()
    Document().save(buffer)
    return buffer.getvalue()


BROKEN_FILES = {
    "empty.xlsx": lambda tmp: b"",
    "text.xlsx": lambda tmp: "姓名,日期\n张三,2023-01-01\n".encode("utf-8"),
    "truncated.xlsx": lambda tmp: SAMPLE.read_bytes()[: len(SAMPLE.read_bytes()) // 2],
    "word.xlsx": lambda tmp: _docx_bytes(),
    "pdf.xlsx": lambda tmp: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n",
    # An encrypted .xlsx is an OLE container holding EncryptionInfo and EncryptedPackage.
    "encrypted.xlsx": lambda tmp: (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1016
                                   + "EncryptionInfo".encode("utf-16-le") + b"\0" * 50
                                   + "EncryptedPackage".encode("utf-16-le") + b"\0" * 3000),
    "garbage.xls": lambda tmp: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\xff" * 5000,
    "zip-as.xls": lambda tmp: SAMPLE.read_bytes(),
    "garbage.ods": lambda tmp: b"PK\x03\x04" + b"\x00" * 200,
    "bad-sheet-xml.xlsx": lambda tmp: _zip_replacing(
        SAMPLE, tmp / "x.zip", {"xl/worksheets/sheet4.xml": b"<worksheet><sheetData><row r=\"1\"><c"}).read_bytes(),
    "no-workbook-part.xlsx": lambda tmp: _zip_replacing(SAMPLE, tmp / "y.zip", {"xl/workbook.xml": None}).read_bytes(),
    "台账.csv": lambda tmp: "项目,内容\n".encode("utf-8"),
    "台账.et": lambda tmp: SAMPLE.read_bytes(),
    "no-suffix": lambda tmp: SAMPLE.read_bytes(),
}


@pytest.mark.parametrize("name", BROKEN_FILES)
@pytest.mark.parametrize("command", ["check", "report"])
def test_unusable_file_is_exit_2_with_a_message(name, command, tmp_path, capsys):
    path = tmp_path / name
    path.write_bytes(BROKEN_FILES[name](tmp_path))
    before = path.read_bytes()
    code, out, err = run(capsys, command, path, *(["-o", tmp_path / "r.docx"] if command == "report" else []))
    assert code == 2
    assert path.name in err or "文件" in err
    assert path.read_bytes() == before
    assert not (tmp_path / "r.docx").exists()


def test_folder_and_missing_file(tmp_path, capsys):
    assert run(capsys, "check", tmp_path)[0] == 2
    assert run(capsys, "check", tmp_path / "没有这个文件.xlsx")[0] == 2


def test_encrypted_workbook_is_named_as_such(tmp_path):
    path = tmp_path / "加密.xlsx"
    path.write_bytes(BROKEN_FILES["encrypted.xlsx"](tmp_path))
    with pytest.raises(UnreadableWorkbook, match="密码"):
        read_grids(path)


def test_xlsm_reads_like_xlsx(tmp_path, capsys):
    xlsm = _zip_replacing(SAMPLE, tmp_path / "台账.xlsm", {"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0" + b"\0" * 512})
    assert rules_at(capsys, xlsm) == rules_at(capsys, SAMPLE) == (0, [])


# --- workbooks that are readable but odd ------------------------------------------------

def _edited(source: Path, target: Path, change) -> Path:
    book = openpyxl.load_workbook(source)
    change(book)
    book.save(target)
    return target


def test_missing_sheet_is_a_finding(tmp_path, capsys):
    path = _edited(SAMPLE, tmp_path / "缺表.xlsx", lambda book: book.remove(book["党员名册"]))
    code, found = rules_at(capsys, path)
    assert code == 1
    assert [rule for rule, _ in found] == ["missing-sheet", "checks-skipped"]
    assert run(capsys, "report", path, "-o", tmp_path / "r.docx")[0] == 1


def test_missing_header_is_a_finding(tmp_path, capsys):
    def drop_date(book):
        sheet = book["会议记录"]
        column = next(c.column for c in sheet[1] if c.value == "日期")
        sheet.cell(1, column).value = None
        sheet.tables.clear()  # the table's column names would otherwise repeat the header

    code, found = rules_at(capsys, _edited(SAMPLE, tmp_path / "缺列.xlsx", drop_date))
    assert code == 1
    assert ("missing-column", "会议记录!1:1") in found


def test_ten_thousand_character_cell(make_workbook, tmp_path, capsys):
    long_text = ("学习贯彻党的二十大精神<&>" * 800)[:10_000]

    def edit(settings, rows):
        key_meeting(rows)["内容摘要"] = long_text
        key_meeting(rows)["会议主题"] = long_text

    workbook = make_workbook(edit)
    code, _ = rules_at(capsys, workbook)
    assert code in (0, 1)
    output = tmp_path / "报告.docx"
    assert run(capsys, "report", workbook, "-o", output, "--force")[0] == 0
    assert long_text in "".join(p.text for p in Document(output).paragraphs)


def _format_down_to_last_row(source: Path, target: Path, sheet_name: str) -> Path:
    """Give every row of `sheet_name` down to 1,048,576 a styled empty cell, as Excel does when
    a user formats whole rows."""
    book = openpyxl.load_workbook(source, read_only=True)
    index = book.sheetnames.index(sheet_name) + 1
    book.close()
    part = f"xl/worksheets/sheet{index}.xml"
    with zipfile.ZipFile(source) as old:
        xml = old.read(part).decode("utf-8")
    rows = sum(1 for _ in openpyxl.load_workbook(source, read_only=True)[sheet_name].iter_rows())
    extra = "".join(f'<row r="{n}" s="1" customFormat="1"><c r="B{n}" s="1"/></row>'
                    for n in range(rows + 300, 1_048_577))
    xml = xml.replace("</sheetData>", extra + "</sheetData>", 1)
    return _zip_replacing(source, target, {part: xml.encode("utf-8")})


def test_sheet_formatted_down_to_row_1048576(tmp_path, capsys):
    path = _format_down_to_last_row(SAMPLE, tmp_path / "格式到底.xlsx", "会议记录")
    meetings = lambda workbook: [(r.line, dict(r.data)) for r in check_workbook(workbook).ledger.meetings]  # noqa: E731
    assert meetings(path) == meetings(SAMPLE)
    assert rules_at(capsys, path) == (0, [])
    assert run(capsys, "report", path, "-o", tmp_path / "r.docx")[0] == 0


def test_rows_after_a_short_blank_gap_are_still_read(make_workbook, tmp_path, capsys):
    # The blank-run stop must not cut off data a secretary separated by a few empty rows.
    workbook = make_workbook()
    def add_far_row(book):
        sheet = book["活动记录"]
        last = sheet.max_row
        source = [c.value for c in sheet[2]]
        for column, value in enumerate(source, start=1):
            sheet.cell(last + 500, column).value = value  # 500 blank rows between
    path = _edited(workbook, tmp_path / "间隔.xlsx", add_far_row)
    before = len(check_workbook(workbook).ledger.activities)
    assert len(check_workbook(path).ledger.activities) == before + 1


def test_new_refuses_to_overwrite(tmp_path, capsys):
    path = tmp_path / "台账.xlsx"
    shutil.copyfile(SAMPLE, path)
    before = path.read_bytes()
    assert run(capsys, "new", path)[0] == 2
    assert path.read_bytes() == before
