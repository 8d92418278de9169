"""`install-launcher` / `uninstall-launcher` in a temporary HOME: exactly these files, valid entries."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dangjian import cli
from dangjian.office.launcher import MARK, command_line, exec_argument

from conftest import ROOT


def files_under(folder: Path) -> set[Path]:
    return {p.relative_to(folder) for p in folder.rglob("*") if p.is_file()}


@pytest.fixture
def home(tmp_path, monkeypatch):
    home = tmp_path / "用户 主目录"
    (home / ".local" / "share").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    return home


def test_install_writes_the_menu_entry_only_where_no_file_manager_folder_exists(home, capsys):
    assert cli.main(["install-launcher"]) == 0
    entry = Path(".local/share/applications/dangjian-gui.desktop")
    assert files_under(home) == {entry}
    text = (home / entry).read_text(encoding="utf-8")
    assert MARK in text.splitlines() and "Exec=" + command_line(Path(sys.executable)) in text.splitlines()
    assert "application/wps-office.et;" in text and "spreadsheetml.sheet;" in text
    assert f"已写入：{home / entry}" in capsys.readouterr().out
    assert cli.main(["uninstall-launcher"]) == 0
    assert files_under(home) == set()
    assert f"已移除：{home / entry}" in capsys.readouterr().out


def test_file_manager_actions_where_their_folders_exist_and_only_ours_are_removed(home, capsys):
    share = home / ".local" / "share"
    (share / "deepin" / "dde-file-manager").mkdir(parents=True)
    (share / "file-manager" / "actions").mkdir(parents=True)
    other = share / "file-manager" / "actions" / "别人的.desktop"
    other.write_text("[Desktop Entry]\nType=Action\nName=x\n", encoding="utf-8")
    before = files_under(home)
    assert cli.main(["install-launcher"]) == 0
    written = files_under(home) - before
    assert written == {Path(".local/share/applications/dangjian-gui.desktop"),
                       Path(".local/share/deepin/dde-file-manager/oem-menuextensions/dangjian.desktop"),
                       Path(".local/share/file-manager/actions/dangjian.desktop")}
    dde = (share / "deepin/dde-file-manager/oem-menuextensions/dangjian.desktop").read_text(encoding="utf-8")
    assert "X-DFM-MenuTypes=SingleFile;" in dde
    # A file at our name that is not ours (no mark) stays, as does everything else.
    (share / "applications" / "dangjian-gui.desktop").write_text("[Desktop Entry]\nName=用户自己改的\n", encoding="utf-8")
    assert cli.main(["uninstall-launcher"]) == 0
    assert files_under(home) == before | {Path(".local/share/applications/dangjian-gui.desktop")}
    assert not (share / "deepin/dde-file-manager/oem-menuextensions").exists()  # made for ours, left empty
    assert (share / "deepin/dde-file-manager").is_dir() and other.is_file()
    capsys.readouterr()
    assert cli.main(["uninstall-launcher"]) == 0
    assert "没有找到 install-launcher 添加的文件" in capsys.readouterr().out


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="没有desktop-file-validate（desktop-file-utils）")
def test_desktop_file_validate_accepts_the_entries_for_a_python_in_an_awkward_folder(home, tmp_path):
    share = home / ".local" / "share"
    (share / "deepin" / "dde-file-manager").mkdir(parents=True)
    from dangjian.office.launcher import install_launcher

    python = tmp_path / '党建 "工具" $HOME\\x' / "bin" / "python3"
    written = install_launcher(python=python)
    entries = [p for p in written if "file-manager/actions" not in p.as_posix()]  # DES-EMA is not a desktop entry
    assert len(entries) == 2
    done = subprocess.run(["desktop-file-validate", *map(str, entries)], capture_output=True, text=True)
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr


def test_exec_arguments_are_quoted_as_the_specification_says():
    assert exec_argument("/usr/bin/python3") == "/usr/bin/python3"
    assert exec_argument("/opt/我的 程序/python") == '"/opt/我的 程序/python"'
    # Inside quotes " ` $ \ take a backslash; then the value's backslashes are doubled (a string key).
    assert exec_argument('/a"b$c\\d') == '"/a\\\\"b\\\\$c\\\\\\\\d"'
    assert exec_argument("100%") == "100%%"


def test_on_windows_the_shortcuts_are_made_by_powershell_with_every_path_quoted(home, capsys, monkeypatch):
    from dangjian.office import launcher

    scripts = []

    def run_powershell(script):
        scripts.append(script)
        return [Path("C:/Users/王/桌面") / launcher.SHORTCUT] if "Save()" in script else []

    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(launcher, "run_powershell", run_powershell)
    python = Path("C:/Users/O'Brien 王/AppData/Local/Programs/Python/Python313/python.exe")
    assert launcher.install_launcher(python=python) == [Path("C:/Users/王/桌面") / launcher.SHORTCUT]
    made = scripts[-1]
    # Single-quoted for PowerShell: the quote in the name doubled, nothing expanded.
    assert "$link.TargetPath = 'C:/Users/O''Brien 王/AppData/Local/Programs/Python/Python313/pythonw.exe'" in made
    assert "$link.Arguments = '-m dangjian gui'" in made
    assert "@('Programs', 'DesktopDirectory', 'SendTo')" in made
    assert cli.main(["install-launcher"]) == 0
    assert "开始菜单和桌面上已有" in capsys.readouterr().out
    assert cli.main(["uninstall-launcher"]) == 0
    removal = scripts[-1]
    # Only a shortcut that starts this window is removed.
    assert "-eq '-m dangjian gui'" in removal and "Remove-Item -LiteralPath $path" in removal
    assert "没有找到" in capsys.readouterr().out
    assert files_under(home) == set()


def test_the_encoded_command_carries_any_character():
    import base64

    from dangjian.office.launcher import encoded_command, shortcut_script

    script = shortcut_script(install=True, python=Path("D:/党建 工具/$x`y/python.exe"))
    assert base64.b64decode(encoded_command(script)).decode("utf-16-le") == script
    assert "'D:/党建 工具/$x`y/pythonw.exe'" in script


def test_macos_has_no_launcher(home, capsys, monkeypatch):
    monkeypatch.setattr(sys, "platform", "darwin")
    assert cli.main(["install-launcher"]) == 2
    assert "dangjian gui" in capsys.readouterr().err
    assert files_under(home) == set()
