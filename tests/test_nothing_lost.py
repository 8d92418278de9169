"""Nothing lost: the input is never changed, outputs appear whole or not at all, and a file
someone has open is never overwritten."""
from __future__ import annotations

import copy
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from docx import Document

from conftest import ROOT, SAMPLE, row_named
from dangjian.documents.builder import build_workbook
from dangjian.cli import main
from dangjian.files import atomic_output, available_output, is_in_use
from dangjian.office.libreoffice import find_soffice


def digest(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def with_error(settings, rows):
    row_named(rows["党员名册"], "王集欣")["入党日期"] = "不是日期"


COMMANDS = [
    ["check"],
    ["check", "--format", "json"],
    ["report"],
    ["report", "--force"],
    ["report", "--template", "missing-template.docx"],
]


@pytest.fixture(scope="module")
def built(tmp_path_factory, sample_source):
    """The clean workbook (the sample) and a faulty one built once; every test gets its own copy."""
    settings, rows = copy.deepcopy(sample_source)
    with_error(settings, rows)
    faulty = tmp_path_factory.mktemp("built") / "with-errors.xlsx"
    build_workbook(faulty, settings=settings, rows=rows)
    return {None: SAMPLE, with_error: faulty}


@pytest.mark.parametrize("edit", [None, with_error], ids=["clean", "with-errors"])
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c))
def test_no_command_changes_the_input_workbook(command, edit, built, tmp_path, capsys):
    workbook = tmp_path / "台账.xlsx"
    shutil.copy2(built[edit], workbook)
    before, stat_before = digest(workbook), workbook.stat().st_mtime_ns
    code = main([command[0], str(workbook), *command[1:]])
    assert code in (0, 1, 2)
    assert digest(workbook) == before
    assert workbook.stat().st_mtime_ns == stat_before


@pytest.mark.office
@pytest.mark.skipif(find_soffice() is None, reason="未安装 LibreOffice（soffice）")
def test_report_pdf_leaves_the_input_unchanged(tmp_path, capsys):
    workbook = tmp_path / "台账.xlsx"
    shutil.copyfile(SAMPLE, workbook)
    before = digest(workbook)
    assert main(["report", str(workbook), "--pdf"]) == 0
    assert digest(workbook) == before
    assert sorted(p.suffix for p in tmp_path.iterdir()) == [".docx", ".pdf", ".xlsx"]


def test_workbook_open_in_excel_is_still_read(tmp_path, capsys):
    workbook = tmp_path / "台账.xlsx"
    shutil.copyfile(SAMPLE, workbook)
    (tmp_path / "~$台账.xlsx").write_bytes(b"owner")
    assert main(["check", str(workbook)]) == 0


def test_successful_and_failed_writes_leave_no_temporary_files(tmp_path, capsys):
    output = tmp_path / "报告.docx"
    assert main(["report", str(SAMPLE), "-o", str(output)]) == 0
    old = output.read_bytes()
    bad_template = tmp_path / "坏模板.docx"
    bad_template.write_bytes(b"not a docx")
    assert main(["report", str(SAMPLE), "-o", str(output), "--template", str(bad_template)]) == 2
    assert output.read_bytes() == old  # a failed render never touches the previous report
    assert sorted(p.name for p in tmp_path.iterdir()) == ["坏模板.docx", "报告.docx"]


def test_atomic_output_keeps_the_old_file_when_the_block_fails(tmp_path):
    target = tmp_path / "out.docx"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError):
        with atomic_output(target) as temporary:
            temporary.write_bytes(b"half")
            raise RuntimeError("interrupted")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.docx"]


def _in_use_by(kind: str, output: Path) -> None:
    if kind == "read-only":
        output.chmod(0o444)
    elif kind == "word":
        (output.parent / ("~$" + output.name[2:])).write_bytes(b"owner")
    elif kind == "wps-short-name":
        (output.parent / ("~$" + output.name)).write_bytes(b"owner")
    elif kind == "libreoffice":
        (output.parent / f".~lock.{output.name}#").write_text("user,host,,date,")


@pytest.mark.parametrize("kind", ["read-only", "word", "wps-short-name", "libreoffice"])
def test_output_in_use_is_written_beside_it_as_number_one(kind, tmp_path, capsys):
    output = tmp_path / "支部工作情况报告.docx"
    output.write_bytes(b"the secretary's edited copy")
    _in_use_by(kind, output)
    assert is_in_use(output)

    assert main(["report", str(SAMPLE), "-o", str(output)]) == 0

    assert output.read_bytes() == b"the secretary's edited copy"
    moved = tmp_path / "支部工作情况报告(1).docx"
    assert Document(moved).paragraphs
    captured = capsys.readouterr()
    assert "支部工作情况报告(1).docx" in captured.err and str(moved) in captured.out


def test_next_free_number_is_taken_when_one_is_in_use_too(tmp_path):
    output = tmp_path / "报告.docx"
    first = tmp_path / "报告(1).docx"
    for path in (output, first):
        path.write_bytes(b"x")
        path.chmod(0o444)
    assert available_output(output) == tmp_path / "报告(2).docx"
    assert available_output(tmp_path / "新报告.docx") == tmp_path / "新报告.docx"


# A child process that writes half of its output and then hangs, so the test can kill it
# in the middle of writing.
_HALF_WRITE = r"""
import sys, time
from pathlib import Path
marker = Path(sys.argv[1])
target_class, method = sys.argv[2].rsplit(".", 1)
module_name, class_name = target_class.rsplit(".", 1)
import importlib
cls = getattr(importlib.import_module(module_name), class_name)
real = getattr(cls, method)

def half_then_hang(self, *args, **kwargs):
    # A saver given a path (openpyxl), or a Path's own write_bytes (the report's rendered bytes):
    # only a write into one of the output policy's temporary files is cut short.
    filename = self if isinstance(self, Path) else args[0]
    if not isinstance(filename, (str, Path)) or not Path(filename).name.startswith(".dangjian-"):
        return real(self, *args, **kwargs)
    real(self, *args, **kwargs)
    data = Path(filename).read_bytes()
    with open(filename, "wb") as cut:  # not write_bytes: that may be the patched method
        cut.write(data[: len(data) // 2])
    # Written whole, then renamed: the test never reads a marker that is still being written.
    Path(str(marker) + ".part").write_text(str(filename))
    Path(str(marker) + ".part").replace(marker)
    time.sleep(3600)

setattr(cls, method, half_then_hang)
from dangjian.cli import main
sys.exit(main(sys.argv[3:]))
"""


@pytest.mark.process
@pytest.mark.parametrize("existing", [True, False], ids=["replacing", "new-file"])
@pytest.mark.parametrize("command,saver", [
    (["report", str(SAMPLE), "-o", "{out}"], "pathlib.Path.write_bytes"),
    (["new", "{out}", "--force"], "openpyxl.workbook.workbook.Workbook.save"),
], ids=["report", "new"])
def test_killed_while_writing_leaves_no_truncated_output(command, saver, existing, tmp_path):
    output = tmp_path / ("报告.docx" if command[0] == "report" else "台账.xlsx")
    if existing:
        output.write_bytes(b"previous complete file")
    marker = tmp_path / "writing.txt"
    script = tmp_path / "child.py"
    script.write_text(_HALF_WRITE, encoding="utf-8")
    args = [a.replace("{out}", str(output)) for a in command]
    child = subprocess.Popen([sys.executable, str(script), str(marker), saver, *args], cwd=ROOT,
                             env={**os.environ, "PYTHONPATH": str(ROOT)},
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        # A guard against a child that never reaches the write, not a measurement.
        for _ in range(1200):
            if marker.exists() or child.poll() is not None:
                break
            time.sleep(0.1)
        assert marker.exists(), child.stderr.read().decode("utf-8", "replace") if child.poll() is not None else "no write"
        half_written = Path(marker.read_text())
        assert half_written != output and half_written.parent == tmp_path
    finally:
        if child.poll() is None:
            child.send_signal(signal.SIGKILL)
        child.wait()
        child.stderr.close()
    if existing:
        assert output.read_bytes() == b"previous complete file"
    else:
        assert not output.exists()
