"""`dangjian doctor`: on this Linux machine for real, and its Windows branches on a described machine."""
from __future__ import annotations

import struct
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from dangjian.office import addin, doctor
from dangjian import cli
from dangjian.office.doctor import FAIL, OK, SKIP, WARN, Machine

EXCEL = r'"C:\Program Files\Microsoft Office\root\Office16\EXCEL.EXE" /automation -Embedding'
WPS = r"C:\Users\li\AppData\Local\Kingsoft\WPS Office\12.1.0.16729\office6\et.exe /Automation -Embedding"
XLWINGS = addin._xlwings_version(addin.xlwings_folder())
PINS = doctor.pinned_requirements()


def by_item(checks) -> dict[str, doctor.Check]:
    return {check.item: check for check in checks}


def windows(tmp_path: Path, **facts) -> Machine:
    """A 64-bit Python 3.12 on Windows with Excel, nothing installed yet, all folders under tmp_path."""
    python = tmp_path / "Python312" / "python.exe"
    python.parent.mkdir(exist_ok=True)
    python.write_bytes(b"")
    defaults = dict(platform="win32", python=(3, 12, 7), bits=64, executable=python, home=tmp_path,
                    appdata=tmp_path / "AppData" / "Roaming", temp=tmp_path / "Temp", encoding="gbk",
                    error_log=tmp_path / "Local" / "dangjian" / "dangjian-errors.log",
                    excel_server=lambda: EXCEL, version_of=lambda name: PINS.get(name, "312"),
                    user_site=tmp_path / "AppData" / "Roaming" / "Python" / "Python312" / "site-packages",
                    registry=lambda key: {}, which=lambda name: None, launcher=lambda option: None)
    return Machine(**{**defaults, **facts})


def install(machine: Machine, *, project: Path = ROOT) -> addin.Installed:
    return addin.install_addin(python=machine.executable, project=project, platform="win32", home=machine.home,
                               startup_folder=lambda: machine.xlstart, close_open_copies=lambda name: None,
                               encoding="gbk")


# ---------------------------------------------------------------- this machine (Linux, CI)

def test_on_linux_reports_excel_absent_and_checks_the_rest(tmp_path):
    ledger = tmp_path / "台账.xlsx"
    ledger.write_bytes((ROOT / "workbook" / "示例台账.xlsx").read_bytes())
    checks = by_item(doctor.run_doctor(ledger))
    assert checks["Microsoft Excel"].status == WARN and "没有Microsoft Excel" in checks["Microsoft Excel"].found
    assert f"{doctor.python_command(Machine())} -m dangjian gui" in checks["Microsoft Excel"].fix
    assert "report 台账.xlsx" in checks["Microsoft Excel"].fix
    assert checks["Python"].status == OK and f"{sys.version_info[0]}.{sys.version_info[1]}" in checks["Python"].found
    # The test environment installs requirements.txt exactly, so every pin matches.
    assert checks["依赖包"].status == OK, checks["依赖包"]
    assert checks["台账所在文件夹"].status == OK
    assert checks["Excel加载项"].status == SKIP and checks["加载项设置"].status == SKIP


def test_cli_prints_one_screen_in_chinese_and_exits_zero_without_problems(tmp_path):
    done = subprocess.run([sys.executable, "-m", "dangjian", "doctor"], cwd=tmp_path, capture_output=True,
                          text=True, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("党建报告安装检查（dangjian ")
    assert len(lines) <= 25 and all(len(line) <= 160 for line in lines)
    assert "[注意] Microsoft Excel" in done.stdout and "项有问题" in lines[-1]
    assert done.stderr == ""


def test_cli_exit_code_says_whether_a_problem_was_found(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(doctor, "Machine", lambda **facts: windows(tmp_path, excel_server=lambda: None, **facts))
    assert cli.main(["doctor"]) == cli.EXIT_UNUSABLE
    out = capsys.readouterr().out
    assert "[问题] Microsoft Excel：没有找到Microsoft Excel" in out
    assert "解决：" in out


def test_pinned_requirements_are_requirements_txt():
    pins = doctor.pinned_requirements()
    lines = [line for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#")]
    assert pins == dict(line.split("==") for line in lines)


# ---------------------------------------------------------------- Python and packages

@pytest.mark.parametrize("facts, status, words", [
    (dict(bits=32), FAIL, "32位"),
    (dict(python=(3, 10, 11)), FAIL, "3.11 或更高"),
    (dict(python=(3, 15, 0)), WARN, "3.11–3.14"),
    (dict(python=(3, 14, 2)), OK, ""),
    (dict(), OK, ""),
])
def test_python_version_and_bitness(tmp_path, facts, status, words):
    check = doctor.check_python(windows(tmp_path, **facts))
    assert check.status == status
    assert words in check.fix


def test_packages_missing_or_other_versions(tmp_path):
    pins = {"pandas": "3.1.1", "xlwings": "0.37.8"}
    missing = doctor.check_packages(windows(tmp_path, version_of=lambda name: None if name == "pywin32" else pins.get(name)), pins)
    assert missing.status == FAIL and "pywin32" in missing.found  # xlwings's COM layer, Windows only
    other = doctor.check_packages(windows(tmp_path, version_of=lambda name: "2.2.0" if name == "pandas" else "1"), pins)
    assert other.status == WARN and "pandas 2.2.0（应为 3.1.1）" in other.found
    fine = doctor.check_packages(windows(tmp_path, version_of=lambda name: pins.get(name, "312")), pins)
    assert fine.status == OK


# ---------------------------------------------------------------- Excel and WPS

def test_excel_absent_wps_takeover_and_excel_present(tmp_path):
    assert doctor.check_excel(windows(tmp_path, excel_server=lambda: None)).status == FAIL
    wps = doctor.check_excel(windows(tmp_path, excel_server=lambda: WPS))
    assert wps.status == FAIL and "WPS" in wps.found and "兼容第三方系统和软件" in wps.fix
    excel = doctor.check_excel(windows(tmp_path))
    assert excel.status == OK and "EXCEL.EXE" in excel.found


def test_install_addin_names_wps_or_a_busy_excel_instead_of_no_excel():
    assert "WPS" in addin.excel_unavailable(WPS, platform="win32")
    assert "没有找到Microsoft Excel" in addin.excel_unavailable(None, platform="win32")
    busy = addin.excel_unavailable(EXCEL, platform="win32")
    assert "没有响应" in busy and "doctor" in busy


# ---------------------------------------------------------------- the add-in and its settings

def test_addin_missing_then_installed_then_out_of_date(tmp_path):
    machine = windows(tmp_path)
    missing = doctor.check_addin(machine)
    assert missing.status == FAIL and "install-addin" in missing.fix

    install(machine)
    assert doctor.check_addin(machine).status == OK
    assert doctor.installed_addin_xlwings(machine.xlstart / "macros.xlam") == XLWINGS

    upgraded = windows(tmp_path, version_of=lambda name: "0.99.0")
    stale = doctor.check_addin(upgraded)
    assert stale.status == FAIL and f"xlwings {XLWINGS}" in stale.found and "0.99.0" in stale.found


def test_settings_written_by_install_addin_pass(tmp_path):
    machine = windows(tmp_path)
    install(machine)
    check = doctor.check_conf(machine)
    assert check.status == OK, check


def test_settings_missing_the_safe_default_or_pointing_elsewhere(tmp_path):
    machine = windows(tmp_path)
    conf = addin.conf_path(platform="win32", home=tmp_path)
    assert doctor.check_conf(machine).status == FAIL  # no file yet
    addin.write_conf(conf, {"INTERPRETER_WIN": str(machine.executable), "PYTHONPATH": str(ROOT)}, encoding="gbk")
    old = doctor.check_conf(machine)
    assert old.status == FAIL and "ADD_WORKBOOK_TO_PYTHONPATH" in old.found
    addin.write_conf(conf, {"INTERPRETER_WIN": str(tmp_path / "没有这个" / "python.exe"),
                            "PYTHONPATH": str(tmp_path), **addin.SAFE_SETTINGS}, encoding="gbk")
    wrong = doctor.check_conf(machine)
    assert wrong.status == FAIL and "设置的Python不存在" in wrong.found and "没有 macros.py" in wrong.found


def test_settings_in_utf8_are_caught_on_chinese_windows(tmp_path):
    machine = windows(tmp_path)
    conf = addin.conf_path(platform="win32", home=tmp_path)
    conf.parent.mkdir(parents=True)
    conf.write_bytes(f'"INTERPRETER_WIN","{machine.executable}"\r\n"PYTHONPATH","D:\\党建工具"\r\n'.encode("utf-8"))
    check = doctor.check_conf(machine)
    assert check.status == FAIL and "gbk" in check.found


def test_user_install_of_xlwings_is_noted_for_worksheet_functions(tmp_path):
    machine = windows(tmp_path)
    in_user_site = machine.user_site / "xlwings"
    in_user_site.mkdir(parents=True)
    note = doctor.check_user_install(machine, in_user_site)
    assert note.status == WARN and "--user" in note.found
    assert doctor.check_user_install(machine, tmp_path / "Python312" / "Lib" / "site-packages" / "xlwings") is None


# ---------------------------------------------------------------- the ledger's folder and the log

def test_ledger_folder_with_planted_modules_and_settings(tmp_path):
    ledger = tmp_path / "下载" / "台账=2024.xlsx"
    ledger.parent.mkdir()
    ledger.write_bytes(b"")
    (ledger.parent / "pandas.py").write_text("raise SystemExit", encoding="utf-8")
    (ledger.parent / "myaddin.conf").write_text('"INTERPRETER_WIN","C:\\evil.exe"', encoding="utf-8")
    check = doctor.check_ledger_folder(ledger)
    assert check.status == WARN
    assert "pandas.py" in check.found and "myaddin.conf" in check.found and "“=”" in check.found
    assert sorted(p.name for p in ledger.parent.iterdir()) == ["myaddin.conf", "pandas.py", "台账=2024.xlsx"]


def test_missing_folder_is_a_problem(tmp_path):
    assert doctor.check_ledger_folder(tmp_path / "没有" / "台账.xlsx").status == FAIL


def test_the_error_log_is_pointed_to(tmp_path):
    machine = windows(tmp_path)
    assert "程序内部错误记录" not in by_item(doctor.run_doctor(machine=machine))
    machine.error_log.parent.mkdir(parents=True)
    machine.error_log.write_text("=== …", encoding="utf-8")
    checks = by_item(doctor.run_doctor(machine=machine))
    assert str(machine.error_log) in checks["程序内部错误记录"].found


def test_a_healthy_windows_machine_has_no_problems(tmp_path):
    machine = windows(tmp_path)
    install(machine)
    ledger = tmp_path / "台账.xlsx"
    ledger.write_bytes(b"")
    checks = doctor.run_doctor(ledger, machine=machine)
    assert [c.item for c in checks if c.status != OK] == []
    text = doctor.format_doctor(checks)
    assert f"共{len(checks)}项：{len(checks)}项正常，0项需要注意，0项有问题。" in text


# ---------------------------------------------------------------- the command that starts this Python

def test_commands_shown_are_the_ones_that_start_this_python(tmp_path):
    bare = windows(tmp_path)
    quoted = f'"{bare.executable}"'
    assert doctor.python_command(bare) == quoted  # python.org's default: not on PATH, no launcher asked
    assert f"{quoted} -m dangjian report" in doctor.check_excel(windows(tmp_path, excel_server=lambda: None)).fix
    launcher = windows(tmp_path, launcher=lambda option: str(bare.executable) if option == "-3.12" else None)
    assert doctor.python_command(launcher) == "py -3.12"
    assert "py -3.12 -m dangjian install-addin" in doctor.check_addin(launcher).fix
    assert "py -3.12 -m pip install ." in doctor.check_packages(
        windows(tmp_path, launcher=launcher.launcher, version_of=lambda name: None), {"pandas": "3.1.1"}).fix
    # Another python on PATH (the Store's stub, an old version) is not this one.
    other = tmp_path / "WindowsApps" / "python.exe"
    other.parent.mkdir()
    other.write_bytes(b"")
    assert doctor.python_command(windows(tmp_path, which=lambda name: str(other))) == quoted
    assert doctor.python_command(windows(tmp_path, which=lambda name: str(bare.executable))) == "python"
    assert "py -3.12" in doctor.check_python(launcher).found
    # Started by its own name (the dangjian command), the fixes name it so; `-m dangjian` with what works here.
    console = doctor.check_excel(windows(tmp_path, command="dangjian", excel_server=lambda: None))
    assert "命令行：dangjian report 台账.xlsx" in console.fix
    module = doctor.check_excel(windows(tmp_path, command="python3.12 -m dangjian", launcher=launcher.launcher,
                                        excel_server=lambda: None))
    assert "命令行：py -3.12 -m dangjian report 台账.xlsx" in module.fix


# ---------------------------------------------------------------- what stops the macros

def registry(values: dict[str, dict[str, object]]):
    """A registry of HKEY_CURRENT_USER keys as read_registry_key returns them (value names lower case)."""
    return lambda key: values.get(key, {})


SECURITY = r"Software\Microsoft\Office\16.0\Excel\Security"
POLICY_SECURITY = r"Software\Policies\Microsoft\Office\16.0\Excel\Security"
LOCATIONS = SECURITY + r"\Trusted Locations"


@pytest.mark.parametrize("keys, status, words", [
    ({}, OK, "禁用所有宏，并发出通知（默认）"),  # Excel never started: its default locations hold
    ({SECURITY: {"vbawarnings": 4}, LOCATIONS + r"\Location2": {"path": "%APPDATA%\\Microsoft\\Excel\\XLSTART\\"}},
     OK, "受信任位置"),
    ({SECURITY: {"vbawarnings": 3}, LOCATIONS + r"\Location0": {"path": "D:\\别处"},
      LOCATIONS + r"\Location1": {"path": "%UserProfile%\\AppData\\Roaming\\Microsoft\\Excel\\XLSTART"}}, OK, "受信任位置"),
    ({SECURITY: {"vbawarnings": 1}, LOCATIONS + r"\Location0": {"path": "D:\\别处"}}, OK, "启用所有宏"),
    ({SECURITY: {"vbawarnings": 2}, LOCATIONS + r"\Location0": {"path": "D:\\别处"}}, WARN, "启用宏"),
    ({SECURITY: {"vbawarnings": 3}, LOCATIONS + r"\Location0": {"path": "D:\\别处"}}, FAIL, "不会运行"),
    ({POLICY_SECURITY: {"vbawarnings": 4}, POLICY_SECURITY + r"\Trusted Locations": {"alllocationsdisabled": 1},
      LOCATIONS + r"\Location2": {"path": "%APPDATA%\\Microsoft\\Excel\\XLSTART\\"}}, FAIL, "由单位的策略设定"),
])
def test_macro_setting_against_xlstart_being_a_trusted_location(tmp_path, keys, status, words):
    check = doctor.check_macro_setting(windows(tmp_path, registry=registry(keys)))
    assert check.status == status, check
    assert words in check.found
    if status != OK:
        assert str(tmp_path / "AppData" / "Roaming" / "Microsoft" / "Excel" / "XLSTART") in check.fix
        assert ("信息部门" in check.fix) == ("策略" in check.found)


def test_addins_disabled_or_required_to_be_signed(tmp_path):
    fine = doctor.check_addin_security(windows(tmp_path))
    assert fine.status == OK
    own = doctor.check_addin_security(windows(tmp_path, registry=registry({SECURITY: {"requireaddinsig": 1}})))
    assert own.status == FAIL and "受信任的发布者签署" in own.found and "信任中心设置 → 加载项" in own.fix
    off = doctor.check_addin_security(windows(tmp_path, registry=registry({POLICY_SECURITY: {"disablealladdins": 1}})))
    assert off.status == FAIL and "禁用所有应用程序加载项”（单位的策略）" in off.found and "信息部门" in off.fix
    always_on = registry({r"Software\Policies\Microsoft\Office\16.0\Common\Security": {"requirealwaysonmacrosig": 1}})
    assert doctor.check_addin_security(windows(tmp_path, registry=always_on)).status == FAIL


def disabled_item(path: str, name: str) -> bytes:
    path_bytes, name_bytes = (path + "\0").encode("utf-16-le"), (name + "\0").encode("utf-16-le")
    return struct.pack("<III", 1, len(path_bytes), len(name_bytes)) + path_bytes + name_bytes


def test_disabled_items_name_our_add_in_files_only(tmp_path):
    machine = windows(tmp_path)
    assert doctor.check_disabled_items(machine).status == OK
    xlstart = str(machine.xlstart).lower()
    items = {"1a2b3c": disabled_item(xlstart + "\\dangjian.ribbon_summary.xlam", "汇总党支部台账"),
             "4d5e6f": disabled_item("c:\\program files\\other\\solver.xlam", "solver")}
    check = doctor.check_disabled_items(windows(tmp_path, registry=registry(
        {r"Software\Microsoft\Office\16.0\Excel\Resiliency\DisabledItems": items})))
    assert check.status == FAIL and "dangjian.ribbon_summary.xlam" in check.found and "solver" not in check.found
    assert "禁用项目" in check.fix


def test_every_ribbon_add_in_file_is_checked(tmp_path):
    machine = windows(tmp_path)
    install(machine)
    fine = doctor.check_addin(machine)
    assert fine.status == OK and all(button.addin in fine.found for button in addin.BUTTONS)
    (machine.xlstart / "dangjian.ribbon_summary.xlam").unlink()
    (machine.xlstart / "dangjian.ribbon_dues_notice.xlam").write_bytes(b"not a zip")
    broken = doctor.check_addin(machine)
    assert broken.status == FAIL
    assert "没有 dangjian.ribbon_summary.xlam" in broken.found and "dangjian.ribbon_dues_notice.xlam 不是" in broken.found
    assert "macros.xlam" not in broken.found


def test_downloaded_file_mark_of_a_ledger_and_an_add_in(tmp_path):
    ledger = tmp_path / "台账.xlsx"
    ledger.write_bytes(b"")
    machine = windows(tmp_path)
    assert doctor.zone_id(ledger) is None
    assert doctor.check_protected_view(machine, ledger).status == OK
    # What a browser writes; on NTFS the name below is the file's alternate data stream.
    Path(f"{ledger}:Zone.Identifier").write_bytes(b"[ZoneTransfer]\r\nZoneId=3\r\nHostUrl=about:internet\r\n")
    assert doctor.zone_id(ledger) == 3
    marked = doctor.check_protected_view(machine, ledger)
    assert marked.status == WARN and "受保护的视图" in marked.found and "解除锁定" in marked.fix
    Path(f"{ledger}:Zone.Identifier").write_bytes("[ZoneTransfer]\r\nZoneId=4\r\n".encode("utf-16"))
    assert doctor.zone_id(ledger) == 4
    no_pv = registry({SECURITY + r"\ProtectedView": {"disableinternetfilesinpv": 1}})
    assert doctor.check_protected_view(windows(tmp_path, registry=no_pv), ledger).status == OK
    checks = by_item(doctor.run_doctor(ledger, machine=machine))
    assert checks["受保护的视图"].status == WARN

    install(machine)
    addin_file = machine.xlstart / "macros.xlam"
    Path(f"{addin_file}:Zone.Identifier").write_bytes(b"[ZoneTransfer]\r\nZoneId=3\r\n")
    check = doctor.check_addin(machine)
    assert check.status == FAIL and "macros.xlam 带有“来自网络”的标记" in check.found


def test_registry_reads_nothing_off_windows():
    assert doctor.read_registry_key(r"Software\Microsoft\Office\16.0\Excel\Security") == {}


# ---------------------------------------------------------------- Linux: what `report --pdf` needs

def linux(tmp_path: Path, *, soffice: bool, fonts: str, tools: bool, platform: str = "linux", tk: bool = True) -> Machine:
    return Machine(platform=platform, python=(3, 12, 3), bits=64, home=tmp_path, temp=tmp_path / "Temp",
                   error_log=tmp_path / "state" / "dangjian" / "dangjian-errors.log", version_of=lambda name: PINS.get(name), user_site=None,
                   soffice=lambda: Path("/usr/bin/soffice") if soffice else None, font_families=lambda: fonts,
                   which=lambda name: f"/usr/bin/{name}" if tools else None,
                   has_module=lambda name: tk or name != "tkinter", command="dangjian")


def test_linux_without_libreoffice_fonts_or_poppler_says_what_to_install(tmp_path):
    checks = by_item(doctor.run_doctor(machine=linux(tmp_path, soffice=False, fonts="DejaVu Sans\n", tools=False)))
    assert checks["LibreOffice"].status == WARN and "report --pdf" in checks["LibreOffice"].found
    assert "apt-get install libreoffice-writer" in checks["LibreOffice"].fix
    assert checks["PDF字体"].status == WARN
    assert "Noto Serif CJK SC（仿宋、宋体）" in checks["PDF字体"].found and "AR PL UKai CN（楷体）" in checks["PDF字体"].found
    assert "fonts-noto-cjk fonts-arphic-ukai" in checks["PDF字体"].fix
    assert checks["poppler"].status == WARN and "poppler-utils" in checks["poppler"].fix


def test_linux_with_everything_for_pdfs_and_a_summary_that_counts_every_item(tmp_path):
    fonts = "Noto Serif CJK SC,Noto Serif CJK JP\nAR PL UKai CN\nNoto Sans CJK SC\n"
    checks = doctor.run_doctor(machine=linux(tmp_path, soffice=True, fonts=fonts, tools=True))
    assert {c.item: c.status for c in checks if c.item in ("LibreOffice", "PDF字体", "poppler")} == \
        {"LibreOffice": OK, "PDF字体": OK, "poppler": OK}
    skipped = [c for c in checks if c.status == SKIP]
    assert len(skipped) == 3  # the add-in, its settings, the ledger's folder
    summary = doctor.format_doctor(checks).splitlines()[-1]
    ok, warn = (sum(c.status == status for c in checks) for status in (OK, WARN))
    assert summary == f"共{len(checks)}项：{ok}项正常，{warn}项需要注意，0项有问题，3项未检查。"


def test_pdf_tools_are_not_looked_for_on_windows_and_only_libreoffice_on_macos(tmp_path):
    items = {c.item for c in doctor.run_doctor(machine=windows(tmp_path))}
    assert not items & {"LibreOffice", "PDF字体", "poppler"}
    mac = linux(tmp_path, soffice=False, fonts="", tools=False, platform="darwin")
    items = {c.item for c in doctor.run_doctor(machine=mac)}
    assert "LibreOffice" in items and not items & {"PDF字体", "poppler"}


# ---------------------------------------------------------------- Linux: the window instead of the add-in

def test_linux_names_the_window_where_excel_is_missing_and_says_how_to_get_tk(tmp_path):
    checks = by_item(doctor.run_doctor(machine=linux(tmp_path, soffice=True, fonts="", tools=True)))
    assert checks["桌面窗口"].status == OK
    assert "dangjian gui" in checks["桌面窗口"].found and "install-launcher" in checks["桌面窗口"].found
    assert "dangjian gui" in checks["Microsoft Excel"].fix
    without_tk = by_item(doctor.run_doctor(machine=linux(tmp_path, soffice=True, fonts="", tools=True, tk=False)))
    assert without_tk["桌面窗口"].status == WARN and "apt-get install python3-tk" in without_tk["桌面窗口"].fix


def test_the_window_check_is_linux_only(tmp_path):
    assert "桌面窗口" not in by_item(doctor.run_doctor(machine=windows(tmp_path)))
    mac = linux(tmp_path, soffice=False, fonts="", tools=False, platform="darwin")
    assert "桌面窗口" not in by_item(doctor.run_doctor(machine=mac))
