"""The WPS 表格 add-in (scripts/wps_addin.py; unverified in WPS): its structure and the command line
its buttons build. The quoting is run in Node (the add-in's JavaScript, as written) when Node is
installed, and parsed back by the rules the receiving side uses: CommandLineToArgvW on Windows,
the POSIX shell on Linux."""
from __future__ import annotations

import json
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import wps_addin  # noqa: E402

from dangjian import __version__, cli, gui  # noqa: E402

CUSTOM_UI = "{http://schemas.microsoft.com/office/2006/01/customui}"


def settings_of(main_js: str) -> dict:
    line = next(line for line in main_js.splitlines() if line.startswith("var DANGJIAN = "))
    return json.loads(line[len("var DANGJIAN = "):].rstrip(";"))


def test_the_ribbon_has_a_button_for_every_command_of_the_window_and_each_is_wired(tmp_path):
    folder = wps_addin.write_addin(tmp_path, python=Path("/opt/python3/bin/python3"), windows=False)
    assert folder.name == f"dangjian_{__version__}"
    ribbon = ElementTree.parse(folder / "ribbon.xml").getroot()
    assert ribbon.tag == f"{CUSTOM_UI}customUI" and ribbon.get("onLoad") == "ribbon.OnAddinLoad"
    tab = ribbon.find(f"{CUSTOM_UI}ribbon/{CUSTOM_UI}tabs/{CUSTOM_UI}tab")
    assert tab.get("label") == "党建报告"
    buttons = tab.findall(f".//{CUSTOM_UI}button")
    assert [b.get("label") for b in buttons] == [c.label for c in gui.COMMANDS] + ["打开窗口"]
    assert all(b.get("onAction") == "ribbon.OnAction" and b.get("id") for b in buttons)
    settings = settings_of((folder / "main.js").read_text(encoding="utf-8"))
    assert list(settings["commands"]) == [b.get("id") for b in buttons]  # every button has its command
    window = next(a for a in cli.build_parser()._actions if a.dest == "command").choices["gui"]
    run = next(a for a in window._actions if a.dest == "run")
    assert set(settings["commands"].values()) - {""} == set(run.choices)  # and the window knows each
    assert settings["python"] == "/opt/python3/bin/python3" and settings["windows"] is False


def test_on_windows_the_window_is_started_with_pythonw(tmp_path):
    folder = wps_addin.write_addin(tmp_path, python=Path("C:/Python313/python.exe"), windows=True)
    assert settings_of((folder / "main.js").read_text(encoding="utf-8"))["python"].endswith("pythonw.exe")


def test_publish_xml_registers_the_folder_once_and_keeps_other_add_ins(tmp_path):
    other = '<jsplugins><jsplugin name="公文助手" type="wps" url="http://x/" version="2.0"/></jsplugins>'
    (tmp_path / "publish.xml").write_text(other, encoding="utf-8")
    for _ in range(2):  # installing again replaces its own entry
        folder = wps_addin.write_addin(tmp_path / "", python=Path("/usr/bin/python3"), windows=False)
    entries = ElementTree.parse(tmp_path / "publish.xml").getroot().findall("jsplugin")
    assert [e.get("name") for e in entries] == ["公文助手", "dangjian"]
    ours = entries[1].attrib
    assert ours == {"name": "dangjian", "type": "et", "url": folder.as_uri() + "/", "version": __version__}
    assert {p.name for p in folder.iterdir()} == {"ribbon.xml", "main.js"}  # WPS makes index.html itself


def test_the_jsaddons_folder_of_each_system(tmp_path):
    assert wps_addin.jsaddons_folder("win32", {"APPDATA": "C:/U/AppData/Roaming"}, tmp_path) == \
        Path("C:/U/AppData/Roaming/kingsoft/wps/jsaddons")
    assert wps_addin.jsaddons_folder("linux", {}, tmp_path) == tmp_path / ".local/share/Kingsoft/wps/jsaddons"


def windows_argv(line: str) -> list[str]:
    """CommandLineToArgvW's rules (for arguments after the program): 2n backslashes before a quote
    give n and the quote toggles quoting; 2n+1 give n and a literal quote; others are literal."""
    args, current, quoted, i, started = [], "", False, 0, False
    while i < len(line):
        ch = line[i]
        if ch == "\\":
            run = len(line[i:]) - len(line[i:].lstrip("\\"))
            if i + run < len(line) and line[i + run] == '"':
                current += "\\" * (run // 2)
                if run % 2:
                    current += '"'
                    i += run + 1
                else:
                    i += run
                started = True
                continue
            current += "\\" * run
            i += run
            started = True
            continue
        if ch == '"':
            quoted, started = not quoted, True
        elif ch in " \t" and not quoted:
            if started:
                args.append(current)
            current, started = "", False
        else:
            current += ch
            started = True
        i += 1
    if started:
        args.append(current)
    return args


WORKBOOKS = ("C:\\Users\\王 小明\\Desktop\\第一党支部 2023年 台账.xlsx", "D:\\党建\\台账.xlsx",
             "\\\\server\\共享 文件夹\\a\\\\b\\\\", 'C:\\奇怪的"名字"\\台账 (1).xlsx',
             "/home/王小明/文档/O'Brien 的 $HOME `台账`.xlsx")


@pytest.mark.skipif(shutil.which("node") is None, reason="没有 Node.js：加载项的 JavaScript 未运行")
@pytest.mark.parametrize("windows", (True, False))
def test_the_command_line_built_in_javascript_comes_back_as_the_same_arguments(tmp_path, windows):
    folder = wps_addin.write_addin(tmp_path, python=Path("/usr/bin/python3"), windows=windows)
    program = ("const addin = require(process.argv[1]);\n"
               "const cases = JSON.parse(process.argv[2]);\n"
               "console.log(JSON.stringify(cases.map(c => addin.commandLine(c[0], c[1]))));\n")
    cases = [[workbook, command] for workbook in WORKBOOKS for command in ("report", "")]
    done = subprocess.run(["node", "-e", program, str(folder / "main.js"), json.dumps(cases)],
                          capture_output=True, text=True, check=True)
    for (workbook, command), line in zip(cases, json.loads(done.stdout)):
        expected = ["-m", "dangjian", "gui", workbook] + (["--run", command] if command else [])
        assert (windows_argv(line) if windows else shlex.split(line)) == expected, line


def test_the_windows_rules_here_are_the_c_runtime_s():
    # The parser above agrees with Python's own quoting for Windows (subprocess.list2cmdline).
    args = ["a b", 'say "hi"', "trail\\", "x\\\\y", "", "中文 路径\\"]
    assert windows_argv(subprocess.list2cmdline(args)) == args
