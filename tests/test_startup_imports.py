"""Commands that do not need a heavy library must not import it: each click starts a fresh Python."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.process  # every test starts a fresh Python

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("pandas", "numpy", "docx", "docxtpl", "jinja2", "openpyxl", "python_calamine")

# Runs the command line in-process and reports which of HEAVY ended up in sys.modules.
PROBE = """
import contextlib, io, json, sys
from dangjian.cli import main
argv = json.loads(sys.argv[1])
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    try:
        code = main(argv)
    except SystemExit as exit:
        code = exit.code
heavy = json.loads(sys.argv[2])
print(json.dumps({"code": code, "loaded": sorted(m for m in heavy if m in sys.modules)}))
"""


def loaded_after(argv: list[str], cwd: Path, watched: tuple[str, ...] = HEAVY) -> tuple[int, list[str]]:
    done = subprocess.run([sys.executable, "-c", PROBE, json.dumps(argv), json.dumps(watched)],
                          cwd=cwd, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    return result["code"], result["loaded"]


@pytest.mark.parametrize("argv", [["--help"], [], ["new", "--help"], ["check", "--help"], ["report", "--help"]])
def test_help_imports_nothing_heavy(argv, tmp_path):
    code, loaded = loaded_after(argv, tmp_path)
    assert code == 0
    assert loaded == []


def test_new_imports_only_the_writer(tmp_path):
    code, loaded = loaded_after(["new", str(tmp_path / "台账.xlsx")], tmp_path)
    assert code == 0
    assert (tmp_path / "台账.xlsx").exists()
    # openpyxl pulls in numpy by itself when it is installed; the rest must stay out.
    assert "openpyxl" in loaded
    assert not {"pandas", "docx", "docxtpl", "jinja2", "python_calamine"} & set(loaded)


def test_check_reads_with_calamine_and_never_loads_word_libraries(tmp_path):
    code, loaded = loaded_after(["check", str(ROOT / "workbook" / "示例台账.xlsx")], tmp_path)
    assert code in (0, 1)
    assert "python_calamine" in loaded
    assert not {"docx", "docxtpl", "jinja2", "openpyxl"} & set(loaded)


@pytest.mark.parametrize("command", ["check", "report"])
def test_check_and_report_build_no_class_only_other_commands_use(command, tmp_path):
    # A frozen dataclass costs about half a millisecond to create: the calendar of plan and todo and
    # the results of todo, plan, stats and development are not created by a check or a report.
    watched = ("dangjian.figures", "dangjian.figures.obligations", "dangjian.runs")
    argv = [command, str(ROOT / "workbook" / "示例台账.xlsx")]
    argv += ["-o", str(tmp_path / "报告.docx")] if command == "report" else []
    code, loaded = loaded_after(argv, tmp_path, watched)
    assert code in (0, 1)
    assert loaded == ["dangjian.figures"]  # the command did compute its figures


def test_a_file_that_cannot_be_read_loads_no_library(tmp_path):
    code, loaded = loaded_after(["report", str(tmp_path / "没有这个文件.xlsx")], tmp_path)
    assert code == 2
    assert not {"numpy", "docx", "docxtpl", "jinja2", "python_calamine"} & set(loaded)


def test_report_does_not_load_openpyxl(tmp_path):
    out = tmp_path / "报告.docx"
    code, loaded = loaded_after(["report", str(ROOT / "workbook" / "示例台账.xlsx"), "-o", str(out), "--force"], tmp_path)
    assert code == 0 and out.exists()
    assert "openpyxl" not in loaded
    assert {"docxtpl", "pandas", "python_calamine"} <= set(loaded)
