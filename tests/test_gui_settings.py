"""The window's settings file: the last workbook kept whole, and a broken file never stops the window."""
from __future__ import annotations

import sys
from pathlib import Path

from dangjian import api
from dangjian.office.settings import SETTINGS_FILE, settings_folder


def test_the_last_workbook_and_folder_are_kept_side_by_side(tmp_path):
    workbook, folder = tmp_path / "台账.xlsx", tmp_path / "各支部"
    workbook.write_bytes(b"x")
    folder.mkdir()
    settings = tmp_path / "设置"
    assert api.remember_path("workbook", workbook, folder=settings)
    assert api.remember_path("summary_folder", folder, folder=settings)
    assert api.remembered_path("workbook", folder=settings) == workbook.resolve()
    assert api.remembered_path("summary_folder", folder=settings) == folder.resolve()
    assert [p.name for p in settings.iterdir()] == [SETTINGS_FILE]  # no temporary file left behind
    workbook.unlink()
    assert api.remembered_path("workbook", folder=settings) is None  # gone since: not offered


def test_a_broken_or_unwritable_settings_file_is_no_settings(tmp_path):
    settings = tmp_path / "设置"
    settings.mkdir()
    for text in ("{not json", "[1, 2]", '{"workbook": 3}', ""):
        (settings / SETTINGS_FILE).write_text(text, encoding="utf-8")
        assert api.remembered_path("workbook", folder=settings) is None
    blocked = tmp_path / "是个文件"
    blocked.write_text("", encoding="utf-8")
    assert api.remember_path("workbook", tmp_path, folder=blocked / "设置") is False


def test_the_settings_folder_of_each_system(tmp_path):
    assert settings_folder("win32", {"APPDATA": "C:\\Users\\a\\AppData\\Roaming"}, tmp_path) == \
        Path("C:\\Users\\a\\AppData\\Roaming") / "dangjian"
    assert settings_folder("darwin", {}, tmp_path) == tmp_path / "Library" / "Application Support" / "dangjian"
    assert settings_folder("linux", {}, tmp_path) == tmp_path / ".config" / "dangjian"
    assert settings_folder("linux", {"XDG_CONFIG_HOME": str(tmp_path / "c")}, tmp_path) == tmp_path / "c" / "dangjian"


def test_the_window_runs_at_start_exactly_the_commands_the_command_line_offers():
    from dangjian import cli, gui

    parser = cli.build_parser()
    window = next(a for a in parser._actions if a.dest == "command").choices["gui"]
    run = next(a for a in window._actions if a.dest == "run")
    assert tuple(run.choices) == tuple(command.name for command in gui.COMMANDS)


def test_without_a_screen_the_window_says_so_in_chinese(monkeypatch, capsys):
    import pytest

    pytest.importorskip("tkinter", reason="这个Python没有Tkinter")
    if not sys.platform.startswith("linux"):
        pytest.skip("只有 X11 下没有 DISPLAY 就没有屏幕")
    from dangjian import cli

    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    assert cli.main(["gui"]) == 2
    said = capsys.readouterr().err
    assert said.startswith("无法打开窗口：没有可用的图形界面") and "Traceback" not in said
