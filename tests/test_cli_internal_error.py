"""An internal error (a bug) on the command line: a Chinese message that names a log file, and a
log that holds where the program failed but nothing of the workbook."""
from __future__ import annotations

import pytest

from conftest import SAMPLE
from dangjian import api, cli, errors

PERSONAL = ("张三", "440101199001011234", "13800138000", "3861.50")


def read_the_dues_column(row: dict) -> float:
    return float(row["月计算基数"])


def buggy_check(path, **_):
    """A bug deep down whose messages quote a member's cells, as real exceptions do."""
    row = {"姓名": "张三", "身份证号": "440101199001011234", "电话": "13800138000", "月计算基数": "3861.50元"}
    try:
        read_the_dues_column(row)
    except ValueError:
        raise KeyError(f"{row['姓名']} {row['电话']} 3861.50") from None


@pytest.fixture
def state_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setattr(api, "check_workbook", buggy_check)
    return tmp_path / "state"


def test_internal_error_names_a_log_that_says_where_but_not_what(state_home, capsys):
    assert cli.main(["check", str(SAMPLE)]) == cli.EXIT_UNUSABLE
    err = capsys.readouterr().err
    log = state_home / "dangjian" / errors.ERROR_LOG
    assert "程序内部错误（KeyError）" in err and f"详细信息已写入：{log}" in err and "Traceback" not in err
    assert "运行 dangjian doctor 可检查安装" in err
    text = log.read_text(encoding="utf-8")
    assert text.startswith("=== ") and f"dangjian {api.__version__} check" in text
    assert "dangjian/cli.py:" in text and " buggy_check" in text  # file:line function of each frame
    assert text.rstrip().endswith("KeyError: '…'")
    assert not [value for value in PERSONAL if value in text], text
    assert str(state_home.parent) not in text  # frames are named by module path, not the user's folders
    assert "raise KeyError" not in text  # nor by their source lines, which may hold values too


def test_a_chained_error_keeps_each_type_and_scrubs_each_message():
    try:
        try:
            int("13800138000元")
        except ValueError as exc:
            raise RuntimeError("张三的月计算基数 3861.50 无效") from exc
    except RuntimeError as exc:
        text = errors.scrubbed_traceback(exc)
    first, second = text.split("（处理上面的异常时又出现下面的异常）")
    assert "ValueError: invalid literal for int() with base #: '…'" in first
    assert "RuntimeError: … # …" in second
    assert not [value for value in PERSONAL if value in text], text


def test_the_log_keeps_its_newest_entries_within_its_limit(state_home, capsys):
    log = state_home / "dangjian" / errors.ERROR_LOG
    log.parent.mkdir(parents=True)
    old = [f"=== 2026-01-01 00:00:{n:02d} old {n}\n" + "  x.py:1 f\n" * 400 + "\n" for n in range(60)]
    log.write_text("".join(old), encoding="utf-8")
    assert log.stat().st_size > errors.ERROR_LOG_LIMIT
    cli.main(["check", str(SAMPLE)])
    text = log.read_text(encoding="utf-8")
    assert len(text) <= errors.ERROR_LOG_LIMIT
    assert text.startswith("=== ") and old[-1] in text and old[0] not in text  # whole entries, oldest dropped
    assert text.rstrip().endswith("KeyError: '…'")


def test_an_unwritable_log_place_still_ends_in_chinese(state_home, capsys):
    state_home.write_text("", encoding="utf-8")  # a file where the folder should be
    assert cli.main(["check", str(SAMPLE)]) == cli.EXIT_UNUSABLE
    err = capsys.readouterr().err
    assert "程序内部错误（KeyError）" in err and "未能写入" in err and "Traceback" not in err


def test_each_platform_has_a_per_user_log_folder(tmp_path):
    home = tmp_path / "home"
    assert errors.error_log_folder("linux", {}, home) == home / ".local" / "state" / "dangjian"
    assert errors.error_log_folder("linux", {"XDG_STATE_HOME": "/x/state"}, home) == errors.Path("/x/state/dangjian")
    assert errors.error_log_folder("darwin", {}, home) == home / "Library" / "Logs" / "dangjian"
    assert errors.error_log_folder("win32", {"LOCALAPPDATA": r"C:\Users\z\AppData\Local"}, home).name == "dangjian"
