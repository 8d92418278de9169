"""`python -m dangjian check`: exit codes, JSON shape, the findings workbook, the input left untouched."""
from __future__ import annotations

import copy
import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from conftest import ROOT, SAMPLE, row_named
from dangjian.documents.builder import build_workbook

pytestmark = pytest.mark.process  # every test runs `python -m dangjian` as a user would


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "dangjian", "check", *map(str, args)],
                          cwd=ROOT, capture_output=True, text=True)


def digest(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def streak(settings, rows) -> None:
    row = row_named(rows["党费收缴"], "李文博")
    for month in range(3, 9):
        row[f"{month}月"] = None


@pytest.fixture(scope="module")
def streak_built(tmp_path_factory, sample_source) -> Path:
    settings, rows = copy.deepcopy(sample_source)
    streak(settings, rows)
    path = tmp_path_factory.mktemp("built") / "台账.xlsx"
    build_workbook(path, settings=settings, rows=rows)
    return path


@pytest.fixture
def with_streak(streak_built, tmp_path) -> Path:
    """A workbook with six unpaid months in a row, built once per module; each test has its own copy."""
    return Path(shutil.copy2(streak_built, tmp_path / streak_built.name))


def test_sample_checks_clean():
    result = run(SAMPLE)
    assert result.returncode == 0, result.stderr
    assert "校验通过" in result.stdout


def test_errors_exit_1_and_name_the_cell(with_streak):
    result = run(with_streak)
    assert result.returncode == 1
    assert "党费收缴!H4:M4" in result.stdout and "李文博" in result.stdout
    assert "Traceback" not in result.stderr


def test_json_shape(with_streak):
    result = run(with_streak, "--format", "json")
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert set(data) == {"findings", "summary"}
    assert set(data["summary"]) >= {"errors", "warnings", "infos", "valid"}
    assert data["summary"]["errors"] >= 1 and data["summary"]["valid"] is False
    finding = next(f for f in data["findings"] if f["rule"] == "dues-streak")
    assert set(finding) == {"level", "sheet", "cell", "message", "rule", "basis"}
    assert (finding["level"], finding["sheet"], finding["cell"]) == ("error", "党费收缴", "H4:M4")
    assert "第十三条" in finding["basis"]


def test_unreadable_input_exits_2(tmp_path):
    missing = run(tmp_path / "没有.xlsx")
    assert missing.returncode == 2 and "找不到文件" in missing.stderr
    text = tmp_path / "台账.xlsx"
    text.write_text("不是工作簿", encoding="utf-8")
    assert run(text).returncode == 2


def test_output_writes_the_findings_workbook_and_leaves_the_input_alone(with_streak, tmp_path):
    workbook = with_streak
    before = digest(workbook)
    output = tmp_path / "校验结果.xlsx"
    result = run(workbook, "--output", output)
    assert result.returncode == 1
    assert digest(workbook) == before
    ws = openpyxl.load_workbook(output).active
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=2)]
    streak_row = next(r for r in rows if r[2] == "H4:M4")
    assert streak_row[:2] == ["错误", "党费收缴"]
    link = ws.cell(2 + rows.index(streak_row), 3).hyperlink
    assert link.location == "'党费收缴'!H4" and link.target == workbook.name


def test_clean_sample_with_output_and_json(tmp_path):
    before = digest(SAMPLE)
    output = tmp_path / "结果.xlsx"
    result = run(SAMPLE, "--format", "json", "-o", output)
    assert result.returncode == 0
    assert json.loads(result.stdout)["findings"] == []  # the saved-file note goes to stderr, not into the JSON
    assert output.exists() and digest(SAMPLE) == before


def test_output_may_not_replace_the_workbook(tmp_path):
    workbook = Path(shutil.copy2(SAMPLE, tmp_path / SAMPLE.name))
    before = digest(workbook)
    result = run(workbook, "--output", workbook)
    assert result.returncode == 2 and "不能写入台账文件本身" in result.stderr
    assert digest(workbook) == before


def test_output_folder_missing_exits_2(tmp_path):
    result = run(SAMPLE, "-o", tmp_path / "没有的文件夹" / "结果.xlsx")
    assert result.returncode == 2 and "不存在" in result.stderr


def test_help_documents_output():
    result = subprocess.run([sys.executable, "-m", "dangjian", "check", "--help"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0 and "--output" in result.stdout and "校验结果" in result.stdout
