"""WPS 表格加载项 (UNVERIFIED: never yet run in WPS; docs/WPS加载项.md is the protocol to run it by).

A ribbon tab “党建报告” with one button per command of the window (dangjian.gui.COMMANDS) and
one that opens the window. A button saves the active workbook, then starts this Python with
`-m dangjian gui <workbook> --run <command>`: the window does the work and shows the findings,
so nothing but the start is WPS's. Built to Kingsoft's JS add-in layout, offline mode: a folder
`dangjian_<version>/` holding ribbon.xml and main.js (WPS makes the index.html that loads main.js),
registered in the jsaddons folder's publish.xml.

    python scripts/wps_addin.py --output-dir 文件夹   # write the add-in folder and publish.xml there
    python scripts/wps_addin.py --install            # into this user's WPS jsaddons folder
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from xml.etree import ElementTree

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dangjian import __version__  # noqa: E402
from dangjian.gui import COMMANDS  # noqa: E402

NAME = "dangjian"
TAB = "党建报告"
OPEN_WINDOW = "dangjian-gui"  # the button that opens the window on the workbook, no command run


def jsaddons_folder(platform: str = sys.platform, environ=os.environ, home: Path | None = None) -> Path:
    """Where WPS looks for offline JS add-ins for this user (as Kingsoft's wpsjs tool writes them)."""
    home = home or Path.home()
    if platform == "win32":
        return Path(environ.get("APPDATA") or home / "AppData" / "Roaming") / "kingsoft" / "wps" / "jsaddons"
    return home / ".local" / "share" / "Kingsoft" / "wps" / "jsaddons"


def buttons() -> list[tuple[str, str, str]]:
    """(control id, label, the window's --run command or "") for each button, in ribbon order."""
    return [(f"dangjian-{command.name}", command.label, command.name) for command in COMMANDS] + [
        (OPEN_WINDOW, "打开窗口", "")]


def ribbon_xml() -> str:
    root = ElementTree.Element("customUI", {"xmlns": "http://schemas.microsoft.com/office/2006/01/customui",
                                            "onLoad": "ribbon.OnAddinLoad"})
    tabs = ElementTree.SubElement(ElementTree.SubElement(root, "ribbon"), "tabs")
    tab = ElementTree.SubElement(tabs, "tab", {"id": "dangjianTab", "label": TAB})
    group = ElementTree.SubElement(tab, "group", {"id": "dangjianGroup", "label": "台账"})
    for control, label, _ in buttons():
        ElementTree.SubElement(group, "button", {"id": control, "label": label, "size": "large",
                                                 "onAction": "ribbon.OnAction"})
    ElementTree.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ElementTree.tostring(root, encoding="unicode") + "\n"


MAIN_JS = r"""// 党建报告 WPS 表格加载项（未在 WPS 中验证：按 docs/WPS加载项.md 的步骤验证）。
// 每个按钮：保存当前台账，再用本机的 Python 打开“党支部工作台账”窗口并执行对应命令。
var DANGJIAN = __SETTINGS__;

// Windows: the quoting CommandLineToArgvW and the C runtime undo (backslashes before a quote doubled).
function backslashes(count) {
  return new Array(count + 1).join("\\");
}

function quoteWindows(arg) {
  if (arg.length && !/[\s"]/.test(arg)) return arg;
  var out = '"', slashes = 0;
  for (var i = 0; i < arg.length; i++) {
    var ch = arg.charAt(i);
    if (ch === "\\") { slashes++; continue; }
    out += ch === '"' ? backslashes(slashes * 2 + 1) + '"' : backslashes(slashes) + ch;
    slashes = 0;
  }
  return out + backslashes(slashes * 2) + '"';
}

// Linux: a POSIX shell word; a quote inside is closed, escaped and reopened.
function quotePosix(arg) {
  return "'" + arg.replace(/'/g, "'\\''") + "'";
}

function commandLine(workbook, command) {
  var words = ["-m", "dangjian", "gui", workbook].concat(command ? ["--run", command] : []);
  return words.map(DANGJIAN.windows ? quoteWindows : quotePosix).join(" ");
}

var ribbon = {
  OnAddinLoad: function (ribbonUI) {
    return true;
  },
  OnAction: function (control) {
    var app = window.Application;
    var book = app && app.ActiveWorkbook;
    if (!book) { alert("请先在 WPS 表格中打开台账。"); return true; }
    if (!book.Path) { alert("台账还没有保存过：请先另存为 .xlsx 文件，再点按钮。"); return true; }
    book.Save();  // the command reads the file: what is on screen must be in it
    wps.OAAssist.ShellExecute(DANGJIAN.python, commandLine(book.FullName, DANGJIAN.commands[control.Id]));
    return true;
  }
};

if (typeof module !== "undefined") {
  module.exports = { quoteWindows: quoteWindows, quotePosix: quotePosix, commandLine: commandLine, DANGJIAN: DANGJIAN };
}
"""


def main_js(python: Path, *, windows: bool) -> str:
    settings = {"python": str(python), "windows": windows, "commands": {control: run for control, _, run in buttons()}}
    return MAIN_JS.replace("__SETTINGS__", json.dumps(settings, ensure_ascii=False))


def window_python(python: Path, *, windows: bool) -> Path:
    """pythonw.exe beside python.exe on Windows: the window opens without a console behind it."""
    return python.with_name("pythonw.exe") if windows else python


def publish_xml(folder: Path, existing: str | None = None) -> str:
    """jsaddons/publish.xml with this add-in's entry (type et: WPS 表格), others kept."""
    root = ElementTree.fromstring(existing) if existing else ElementTree.Element("jsplugins")
    for old in [e for e in root if e.get("name") == NAME]:
        root.remove(old)
    ElementTree.SubElement(root, "jsplugin", {"name": NAME, "type": "et", "url": folder.as_uri() + "/",
                                              "version": __version__})
    ElementTree.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ElementTree.tostring(root, encoding="unicode") + "\n"


def write_addin(jsaddons: Path, *, python: Path | None = None, windows: bool = sys.platform == "win32") -> Path:
    """The add-in folder and publish.xml in `jsaddons`; returns the folder."""
    folder = jsaddons / f"{NAME}_{__version__}"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "ribbon.xml").write_text(ribbon_xml(), encoding="utf-8")
    (folder / "main.js").write_text(main_js(window_python(Path(python or sys.executable), windows=windows),
                                            windows=windows), encoding="utf-8")
    publish = jsaddons / "publish.xml"
    existing = publish.read_text(encoding="utf-8") if publish.is_file() else None
    publish.write_text(publish_xml(folder, existing), encoding="utf-8")
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="生成 WPS 表格加载项（未在 WPS 中验证）")
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--output-dir", type=Path, help="写到这个文件夹（加载项文件夹和 publish.xml）")
    where.add_argument("--install", action="store_true", help="安装到当前用户的 WPS jsaddons 文件夹")
    args = parser.parse_args(argv)
    folder = write_addin(jsaddons_folder() if args.install else args.output_dir)
    print(f"已写入 WPS 加载项：{folder}（未在 WPS 中验证，验证步骤见 docs/WPS加载项.md）")
    return 0


if __name__ == "__main__":
    sys.exit(main())
