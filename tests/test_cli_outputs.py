"""Which files the commands agree to write, and the Chinese they say when they cannot, on real files."""
from __future__ import annotations

import errno
import hashlib
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import docx
import pytest

from conftest import ROOT, SAMPLE
from dangjian import api
from dangjian.errors import describe, os_error_text
from dangjian.files import OutputNotWritable, atomic_output

ENGLISH_OS_TEXT = ("Is a directory", "No such file", "Permission denied", "No space", "too long", "Errno")


def dangjian(*args: object, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "dangjian", *map(str, args)], cwd=cwd, capture_output=True,
                          text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})


def digest(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


@pytest.fixture
def folder(tmp_path) -> Path:
    (tmp_path / "台账.xlsx").write_bytes(SAMPLE.read_bytes())
    return tmp_path


def assert_refused(result: subprocess.CompletedProcess, folder: Path, before: set[str]) -> None:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and "程序内部错误" not in result.stderr
    assert {p.name for p in folder.iterdir()} == before  # nothing written, not even a temporary file


# ---------------------------------------------------------------- 1. outputs the commands refuse

@pytest.mark.parametrize("output", ["台账.xlsx", "./台账.xlsx", "子/../台账.xlsx"])
def test_report_never_writes_over_the_workbook(folder, output):
    before = digest(folder / "台账.xlsx")
    result = dangjian("report", "台账.xlsx", "-o", output, cwd=folder)
    assert_refused(result, folder, {"台账.xlsx"})
    assert "不能写入台账文件本身" in result.stderr
    assert digest(folder / "台账.xlsx") == before


def test_report_refuses_a_hard_link_to_the_workbook(folder):
    os.link(folder / "台账.xlsx", folder / "链接.docx")
    before = digest(folder / "台账.xlsx")
    result = dangjian("report", "台账.xlsx", "-o", "链接.docx", cwd=folder)
    assert_refused(result, folder, {"台账.xlsx", "链接.docx"})
    assert digest(folder / "台账.xlsx") == before


@pytest.mark.parametrize("command, output", [
    (("report", "台账.xlsx", "-o"), "报告.xlsx"),
    (("report", "台账.xlsx", "-o"), "报告.pdf"),
    (("report", "台账.xlsx", "-o"), "报告"),
    (("check", "台账.xlsx", "-o"), "结果.docx"),
    (("check", "台账.xlsx", "-o"), "结果.csv"),
    (("new",), "新台账.xls"),
    (("new",), "新台账.docx"),
])
def test_output_must_have_the_commands_file_type(folder, command, output):
    result = dangjian(*command, output, cwd=folder)
    assert_refused(result, folder, {"台账.xlsx"})
    assert "扩展名" in result.stderr


def test_upper_case_suffixes_are_fine(folder):
    assert dangjian("report", "台账.xlsx", "-o", "报告.DOCX", cwd=folder).returncode == 0
    assert dangjian("new", "空白.XLSX", cwd=folder).returncode == 0
    assert {"报告.DOCX", "空白.XLSX"} <= {p.name for p in folder.iterdir()}


def test_report_never_writes_over_its_template(folder):
    template = folder / "模板.docx"
    template.write_bytes((ROOT / "templates" / "工作报告模板.docx").read_bytes())
    before = digest(template)
    result = dangjian("report", "台账.xlsx", "--template", "模板.docx", "-o", "模板.docx", cwd=folder)
    assert_refused(result, folder, {"台账.xlsx", "模板.docx"})
    assert "不能写入模板文件本身" in result.stderr
    assert digest(template) == before


# ---------------------------------------------------------------- 2. a template that is not a .docx

def word_template_dotx(path: Path) -> Path:
    """A real Word template (.dotx): a .docx package whose main part has the template content type."""
    import zipfile

    source = path.with_suffix(".tmp.docx")
    document = docx.Document()
    document.add_paragraph("{{ title }}")
    document.save(source)
    with zipfile.ZipFile(source) as package, zipfile.ZipFile(path, "w") as out:
        for item in package.infolist():
            data = package.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"document.main+xml", b"template.main+xml")
            out.writestr(item, data)
    source.unlink()
    return path


@pytest.mark.parametrize("kind", ["workbook", "dotx"])
def test_template_that_is_not_a_word_document(folder, kind):
    template = folder / "台账.xlsx" if kind == "workbook" else word_template_dotx(folder / "模板.dotx")
    result = dangjian("report", "台账.xlsx", "--template", template.name, "-o", "报告.docx", cwd=folder)
    assert result.returncode == 2
    assert f"“{template.name}”不是Word文档（.docx）" in result.stderr
    assert "程序内部错误" not in result.stderr and "content type" not in result.stderr
    assert not (folder / "报告.docx").exists()


# ---------------------------------------------------------------- 3. operating-system errors in Chinese

def test_os_errors_from_real_files_are_chinese(tmp_path):
    raised = []
    for attempt in (lambda: open(tmp_path, "rb"),                     # EISDIR
                    lambda: open(tmp_path / "没有.xlsx", "rb"),         # ENOENT
                    lambda: open(tmp_path / ("长" * 300 + ".docx"), "wb")):  # ENAMETOOLONG
        with pytest.raises(OSError) as caught:
            attempt()
        raised.append(caught.value)
    if Path("/dev/full").exists():
        with pytest.raises(OSError) as caught:
            with open("/dev/full", "wb") as full:
                full.write(b"x")
        raised.append(caught.value)
    reasons = [os_error_text(exc) for exc in raised]
    assert reasons[:3] == ["这是一个文件夹，不是文件", "文件或文件夹不存在", "文件名或路径太长"]
    assert reasons[3:] in ([], ["磁盘空间不足"])
    for exc in raised:
        known, message = describe(exc)
        assert known and not any(english in message for english in ENGLISH_OS_TEXT), message


@pytest.mark.parametrize("code, reason", [
    (errno.EACCES, "没有访问权限"), (errno.EPERM, "没有访问权限"), (errno.EROFS, "只读"), (errno.ENOSPC, "磁盘空间不足"),
])
def test_errno_values_a_disk_gives(code, reason):
    assert reason in os_error_text(OSError(code, os.strerror(code)))


def test_report_into_a_folder_is_chinese(folder):
    (folder / "报告.docx").mkdir()
    result = dangjian("report", "台账.xlsx", "-o", "报告.docx", cwd=folder)
    assert result.returncode == 2
    assert "文件夹" in result.stderr
    assert not any(english in result.stderr for english in ENGLISH_OS_TEXT), result.stderr


def test_output_name_too_long_is_chinese(folder):
    result = dangjian("report", "台账.xlsx", "-o", "报" * 300 + ".docx", cwd=folder)
    assert result.returncode == 2
    assert "太长" in result.stderr
    assert not any(english in result.stderr for english in ENGLISH_OS_TEXT), result.stderr


def test_atomic_output_in_a_read_only_folder_is_chinese(tmp_path):
    locked = tmp_path / "只读"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        if os.access(locked, os.W_OK):
            pytest.skip("running as a user who may write anywhere")
        with pytest.raises(OutputNotWritable) as caught:
            with atomic_output(locked / "报告.docx") as temporary:
                temporary.write_bytes(b"x")
        assert "没有访问权限" in str(caught.value)
        assert not any(english in str(caught.value) for english in ENGLISH_OS_TEXT)
    finally:
        locked.chmod(0o755)


# ---------------------------------------------------------------- 6. default report names

@pytest.mark.parametrize("period, start, end, name", [
    ("下半年", None, None, "XX县XX中心党支部2023年下半年工作情况报告.docx"),
    ("全年", None, None, "XX县XX中心党支部2023年工作情况报告.docx"),
    ("自定义", date(2023, 3, 1), date(2023, 8, 31), "XX县XX中心党支部2023年3月至8月工作情况报告.docx"),
    # Invalid periods (only written with --force): the year alone, never “自定义” or a blank.
    ("自定义", None, None, "XX县XX中心党支部2023年工作情况报告.docx"),
    (None, None, None, "XX县XX中心党支部2023年工作情况报告.docx"),
])
def test_default_output_is_named_after_the_period(make_workbook, period, start, end, name):
    def edit(settings, rows):
        settings.update({"报告期间": period, "起始日期": start, "结束日期": end})

    workbook = make_workbook(edit)
    output = api.default_output(workbook, api.check_workbook(workbook).ledger)
    assert output == workbook.parent / name
