"""Launchers for the desktop window (`dangjian install-launcher` / `uninstall-launcher`).

On Windows: shortcuts in the start menu, on the desktop and in “发送到”, made by the shell's own
WScript.Shell through PowerShell (安装.bat runs the command); uninstall removes the shortcuts at
those names whose arguments are this window's. On Linux desktops:

- the application menu and “打开方式” for workbooks: a desktop entry (freedesktop Desktop Entry
  Specification) in $XDG_DATA_HOME/applications, whose MimeType lists the spreadsheet types; it
  is offered, never made the default (no mimeapps.list is touched);
- the right-click menu of a file manager, only where that file manager's own per-user folder
  exists: 统信/deepin's dde-file-manager reads desktop entries from oem-menuextensions (with
  X-DFM-MenuTypes); file managers that read FileManager-Actions (DES-EMA) files get one in
  file-manager/actions when that folder exists. For 麒麟's peony no per-user action folder was found documented:
  there the “打开方式” entry is the way in.

Every Linux file written carries MARK; `uninstall-launcher` removes only files at these names that carry
it (and the oem-menuextensions folder it made, when that is left empty).
"""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from ..errors import DangjianError
from ..files import atomic_output

APP_NAME = "党支部工作台账"
ENTRY_NAME = "dangjian-gui.desktop"
MARK_KEY = "X-Dangjian-Launcher"  # an extension key (spec: X-…), so desktop-file-validate accepts it
MARK = f"{MARK_KEY}=true"
# .xlsx, .xlsm, .xls, .ods and WPS 表格's own types (.et, and .xlsx/.xls as WPS registers them).
MIME_TYPES = (
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.ms-excel.sheet.macroEnabled.12",
    "application/vnd.ms-excel",
    "application/vnd.oasis.opendocument.spreadsheet",
    "application/wps-office.et",
    "application/wps-office.xlsx",
    "application/wps-office.xls",
)


class LauncherUnavailable(DangjianError):
    """install-launcher asked for where there are no freedesktop launchers (Windows, macOS)."""


@dataclass(frozen=True)
class Place:
    """Where one launcher goes: the file, and the folder that must already exist for it."""

    path: Path
    needs: Path  # the file manager's own folder: without it, this launcher is not written
    kind: str  # "entry", "dde", "actions"


def data_home(environ=os.environ, home: Optional[Path] = None) -> Path:
    return Path(environ.get("XDG_DATA_HOME") or (home or Path.home()) / ".local" / "share")


def places(environ=os.environ, home: Optional[Path] = None) -> list[Place]:
    data = data_home(environ, home)
    dde = data / "deepin" / "dde-file-manager"
    actions = data / "file-manager" / "actions"
    return [
        Place(data / "applications" / ENTRY_NAME, data, "entry"),
        Place(dde / "oem-menuextensions" / "dangjian.desktop", dde, "dde"),
        Place(actions / "dangjian.desktop", actions, "actions"),
    ]


def exec_argument(argument: str) -> str:
    """One argument of an Exec key, quoted as the Desktop Entry Specification says (then escaped as a string)."""
    argument = argument.replace("%", "%%")
    if argument and not any(ch in argument for ch in ' \t\n"\'\\><~|&;$*?#()`'):
        quoted = argument
    else:
        quoted = '"' + "".join("\\" + ch if ch in '"`$\\' else ch for ch in argument) + '"'
    return quoted.replace("\\", "\\\\")  # the value is a string: its backslashes are escaped again


def command_line(python: Path, field_code: str = "%f") -> str:
    return " ".join([*(exec_argument(part) for part in (str(python), "-m", "dangjian", "gui")), field_code])


def _working_folder() -> Optional[Path]:
    """The source tree when the package runs from one (not installed): `-m dangjian` is found there."""
    root = Path(__file__).resolve().parents[2]  # dangjian/office/launcher.py → the source tree
    return root if (root / "pyproject.toml").is_file() else None


def entry_text(kind: str, python: Path, folder: Optional[Path]) -> str:
    working = f"Path={folder}\n" if folder else ""
    if kind == "actions":  # DES-EMA: an action with one profile for workbooks
        return ("[Desktop Entry]\nType=Action\nName=用党支部工作台账打开\nIcon=x-office-spreadsheet\n"
                f"Profiles=workbook;\n{MARK}\n\n[X-Action-Profile workbook]\nName=台账\n"
                f"MimeTypes={';'.join(MIME_TYPES)};\nExec={command_line(python)}\n")
    lines = ["[Desktop Entry]", "Type=Application", f"Name={APP_NAME}",
             "Comment=校验台账，生成工作报告、党费公示和党费报告，汇总各支部台账",
             f"Exec={command_line(python)}", "Icon=x-office-spreadsheet", "Terminal=false",
             f"MimeType={';'.join(MIME_TYPES)};", "Categories=Office;Spreadsheet;"]
    if kind == "dde":
        lines = [line for line in lines if not line.startswith("Categories")]
        lines[2] = "Name=用党支部工作台账打开"
        lines.append("X-DFM-MenuTypes=SingleFile;")
    return "\n".join(lines) + "\n" + working + MARK + "\n"


def install_launcher(*, python: Optional[Path] = None, environ=os.environ, home: Optional[Path] = None,
                     platform: Optional[str] = None) -> list[Path]:
    """Write the launchers (the menu entry always; each file manager's where its folder exists);
    returns the files written."""
    _refuse_platform(platform)
    python = Path(python or sys.executable)
    if (platform or sys.platform) == "win32":
        return _windows_shortcuts(install=True, python=python)
    folder = _working_folder()
    written = []
    for place in places(environ, home):
        if place.kind != "entry" and not place.needs.is_dir():
            continue
        place.path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_output(place.path) as temporary:
            temporary.write_text(entry_text(place.kind, python, folder), encoding="utf-8")
        written.append(place.path)
    return written


def uninstall_launcher(*, environ=os.environ, home: Optional[Path] = None,
                       platform: Optional[str] = None) -> list[Path]:
    """Remove the launchers install_launcher wrote (files at its names that carry MARK); returns them."""
    _refuse_platform(platform)
    if (platform or sys.platform) == "win32":
        return _windows_shortcuts(install=False)
    removed = []
    for place in places(environ, home):
        try:
            ours = MARK in place.path.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            continue
        if ours:
            place.path.unlink()
            removed.append(place.path)
            # oem-menuextensions is made for it inside dde-file-manager's folder: gone when left empty.
            if place.kind == "dde" and not any(place.path.parent.iterdir()):
                place.path.parent.rmdir()
    return removed


def _refuse_platform(platform: Optional[str]) -> None:
    if (platform or sys.platform) == "darwin":
        raise LauncherUnavailable("install-launcher 用于 Windows 和 Linux 桌面（麒麟、统信等）。macOS 上请在终端运行 "
                                  "dangjian gui 台账.xlsx 打开窗口。")


# ---- Windows: shortcuts -------------------------------------------------------------------

SHORTCUT = f"{APP_NAME}.lnk"
SHORTCUT_ARGUMENTS = "-m dangjian gui"  # Explorer's “发送到” appends the file's path
# Environment.SpecialFolder names: the start menu's Programs, the desktop (wherever it is
# redirected, OneDrive included) and “发送到”.
SHORTCUT_FOLDERS = ("Programs", "DesktopDirectory", "SendTo")


def powershell_text(text: str) -> str:
    """A PowerShell single-quoted string: nothing inside is expanded, a quote is doubled."""
    return "'" + text.replace("'", "''") + "'"


def shortcut_script(*, install: bool, python: Optional[Path] = None, folder: Optional[Path] = None) -> str:
    """The PowerShell that makes (or removes) the shortcuts and prints each path it touched."""
    lines = ["$ErrorActionPreference = 'Stop'", "[Console]::OutputEncoding = [Text.Encoding]::UTF8",
             "$shell = New-Object -ComObject WScript.Shell",
             "foreach ($name in @(" + ", ".join(powershell_text(f) for f in SHORTCUT_FOLDERS) + ")) {",
             "  $path = Join-Path ([Environment]::GetFolderPath($name)) " + powershell_text(SHORTCUT)]
    if install:
        windowed = Path(python).with_name("pythonw.exe")  # no console window behind the window
        lines += ["  $link = $shell.CreateShortcut($path)",
                  f"  $link.TargetPath = {powershell_text(str(windowed))}",
                  f"  $link.Arguments = {powershell_text(SHORTCUT_ARGUMENTS)}",
                  f"  $link.WorkingDirectory = {powershell_text(str(folder or Path.home()))}",
                  f"  $link.Description = {powershell_text('校验台账，生成工作报告、党费公示和党费报告，汇总各支部台账')}",
                  "  $link.Save()", "  Write-Output $path"]
    else:
        lines += ["  if (Test-Path -LiteralPath $path) {",
                  f"    if ($shell.CreateShortcut($path).Arguments -eq {powershell_text(SHORTCUT_ARGUMENTS)}) {{",
                  "      Remove-Item -LiteralPath $path", "      Write-Output $path", "    }", "  }"]
    return "\n".join(lines + ["}"]) + "\n"


def encoded_command(script: str) -> str:
    """-EncodedCommand's argument: the script as base64 of UTF-16LE (no quoting, any characters)."""
    import base64

    return base64.b64encode(script.encode("utf-16-le")).decode("ascii")


def run_powershell(script: str) -> list[Path]:
    import subprocess

    try:
        done = subprocess.run(["powershell", "-NoProfile", "-NonInteractive", "-ExecutionPolicy", "Bypass",
                               "-EncodedCommand", encoded_command(script)], capture_output=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise LauncherUnavailable(f"无法运行 PowerShell 来创建快捷方式（{exc}）") from exc
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise LauncherUnavailable("快捷方式没有创建成功：" + (said[-1] if said else f"PowerShell 返回 {done.returncode}"))
    return [Path(line) for line in done.stdout.decode("utf-8", "replace").splitlines() if line.strip()]


def _windows_shortcuts(*, install: bool, python: Optional[Path] = None) -> list[Path]:
    return run_powershell(shortcut_script(install=install, python=python, folder=_working_folder()))
