"""The command's help and argument errors as a terminal shows them: the program named as typed,
Chinese placeholders, headings and punctuation, and columns that line up (a Chinese character
takes two)."""
from __future__ import annotations

import re
import subprocess
import sys
import unicodedata

import pytest

from conftest import ROOT
from dangjian import cli

COMMANDS = ("new", "check", "report", "dues-notice", "dues-report", "stats", "development", "todo", "plan", "summary", "install-addin", "uninstall-addin",
            "doctor")


def columns(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def help_of(capsys, *argv: str, prog: str = cli.CONSOLE_COMMAND) -> str:
    with pytest.raises(SystemExit) as exited:
        cli.main([*argv, "--help"], prog=prog)
    assert exited.value.code == 0
    return capsys.readouterr().out


def error_of(capsys, *argv: str) -> str:
    with pytest.raises(SystemExit) as exited:
        cli.main(list(argv))
    assert exited.value.code == cli.EXIT_UNUSABLE
    return capsys.readouterr().err.splitlines()[-1]


@pytest.fixture(autouse=True)
def terminal_80_columns(monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")


@pytest.mark.parametrize("command", [(), *((name,) for name in COMMANDS)])
def test_the_console_command_calls_itself_dangjian(capsys, command):
    text = help_of(capsys, *command)
    assert text.startswith(f"用法：dangjian {' '.join(command)}".rstrip())
    assert "-m dangjian" not in text
    examples = re.findall(r"^ *(?:示例：)?(dangjian .+)$", text, re.M)
    assert examples and all(line.split()[1] in COMMANDS for line in examples)


def test_the_module_calls_itself_as_python_was_called():
    done = subprocess.run([sys.executable, "-m", "dangjian", "report", "--help"], cwd=ROOT, capture_output=True,
                          text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"用法：{cli.module_command()} report ")
    assert cli.module_command().endswith(" -m dangjian") and cli.module_command().startswith("python")
    assert f"示例：{cli.module_command()} report 台账.xlsx" in done.stdout


@pytest.mark.parametrize("command", [(), *((name,) for name in COMMANDS)])
def test_help_is_chinese_and_lines_up_in_columns(capsys, command):
    text = help_of(capsys, *command)
    usage = text.split("\n\n")[0]
    assert not re.search(r"[A-Z]{3,}|\{|\b(workbook|folder)\b", usage), usage  # no English placeholders
    assert not re.search(r"^\S.*:$", text, re.M), text  # headings end in “：” as 用法： does
    assert all(columns(line) <= 78 for line in text.splitlines()), text
    # The usage's later lines start under the first argument after the program's name.
    first, *rest = usage.splitlines()
    if rest:
        start = columns(first[:first.index("[-h]")])
        assert all(columns(line) - columns(line.lstrip()) == start for line in rest), usage
    # Every argument's help starts on its own line, and all of them in one column.
    sections = re.findall(r"^(?:参数|选项)：\n((?:  .*\n?)+)", text, re.M)
    starts = set()
    for line in "".join(sections).splitlines():
        if line.strip() == "命令":
            continue
        match = re.match(r"^( +\S+(?:, \S+)?(?: \S+)?)( {2,})\S", line) or re.match(r"^( *)()\S", line)
        assert match and match.group(2) or columns(match.group(1)) > 20, f"help not beside its argument:\n{line}"
        starts.add(columns(match.group(1)) + len(match.group(2)))
    assert len(starts) == 1, text


@pytest.mark.parametrize("argv, message", [
    (["dues-notice", "台账.xlsx", "--period", "三季度"],
     "参数有误：--period 不能是“三季度”，可选：第一季度、第二季度、第三季度、第四季度、上半年、下半年、全年。"
     "运行 dangjian dues-notice --help 查看用法。"),
    (["report"], "参数有误：缺少台账。运行 dangjian report --help 查看用法。"),
    (["chek", "台账.xlsx"], "参数有误：命令不能是“chek”，可选：new、check、report、dues-notice、dues-report、stats、development、todo、plan、summary、"
                          "install-addin、uninstall-addin、doctor。运行 dangjian --help 查看用法。"),
    (["report", "台账.xlsx", "-o"], "参数有误：-o/--output 后面缺少值。运行 dangjian report --help 查看用法。"),
    (["report", "台账.xlsx", "--force=是"], "参数有误：--force 不带值（多了“是”）。运行 dangjian report --help 查看用法。"),
    (["check", "台账.xlsx", "多余.xlsx"], "参数有误：无法识别“多余.xlsx”。运行 dangjian --help 查看用法。"),
])
def test_argument_errors_are_whole_chinese_sentences(capsys, argv, message):
    assert error_of(capsys, *argv) == message


def test_doctor_names_the_command_as_it_was_started(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    cli.main(["doctor"])
    out = capsys.readouterr().out
    assert "请运行：dangjian doctor 台账.xlsx" in out and "-m dangjian" not in out
