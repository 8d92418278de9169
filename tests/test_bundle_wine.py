"""安装.bat run by a real cmd.exe (wine's), with stand-ins for python.exe, py.exe and python.org's
installer compiled from the C below: which Python it finds, what it passes, where it stops.

Opt-in (DANGJIAN_WINE=1, with wine64 and x86_64-w64-mingw32-gcc installed: apt-get install
wine64 gcc-mingw-w64-x86-64): a first run sets up a wine prefix, which takes half a minute.
Wine runs in a Chinese locale (built here with localedef), so its code page is 936 as on a
Chinese Windows and the GBK file and its messages read as there. Wine's cmd is not Windows's:
it ignores `chcp`, so the switch from another code page is covered only by the static checks in
test_bundle.py; quotes, labels, `call`, `%~dp0` and errorlevel it handles as Windows does.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import build_bundle  # noqa: E402

WINE = shutil.which("wine64") or next((p for p in ("/usr/lib/wine/wine64",) if Path(p).is_file()), None)
MINGW = shutil.which("x86_64-w64-mingw32-gcc")
LOCALEDEF = shutil.which("localedef")
pytestmark = [pytest.mark.process, pytest.mark.skipif(
    os.environ.get("DANGJIAN_WINE") != "1" or not WINE or not MINGW or not LOCALEDEF,
    reason="opt-in: DANGJIAN_WINE=1 with wine64, mingw-w64 and localedef installed")]

# Logs "its own path|its command line" to %STUB_LOG%. As python.exe: the version probe exits 0,
# or 3 / 4 when STUB_ACCEPT is "old" / "none" (too old / 32-bit). As py.exe: only the version
# option in STUB_ACCEPT is installed (103 otherwise, as the launcher says). With /quiet it is the
# installer: it copies %STUB_PYTHON% to TargetDir\python.exe. `-m pip` fails when STUB_PIP_FAIL is set.
STUB = r"""
#include <windows.h>
#include <wchar.h>
#include <stdio.h>
static void log_line(const wchar_t *text) {
    wchar_t path[1024]; char buf[8192]; DWORD written;
    if (!GetEnvironmentVariableW(L"STUB_LOG", path, 1024)) return;
    HANDLE h = CreateFileW(path, FILE_APPEND_DATA, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, OPEN_ALWAYS, 0, NULL);
    int n = WideCharToMultiByte(CP_UTF8, 0, text, -1, buf, sizeof buf - 2, NULL, NULL);
    if (n > 0) { buf[n - 1] = '\n'; WriteFile(h, buf, n, &written, NULL); }
    CloseHandle(h);
}
int wmain(int argc, wchar_t **argv) {
    wchar_t me[1024], line[4096], accept[256] = L"", fail[16] = L"";
    GetModuleFileNameW(NULL, me, 1024);
    swprintf(line, 4096, L"%ls|%ls", me, GetCommandLineW());
    log_line(line);
    GetEnvironmentVariableW(L"STUB_ACCEPT", accept, 256);
    for (int i = 1; i < argc; i++) if (wcscmp(argv[i], L"/quiet") == 0) {
        for (int j = 1; j < argc; j++) if (wcsncmp(argv[j], L"TargetDir=", 10) == 0) {
            wchar_t target[1024], source[1024];
            for (wchar_t *c = argv[j] + 13; *c; c++)  /* every folder on the way, as an installer does */
                if (*c == L'\\') { *c = 0; CreateDirectoryW(argv[j] + 10, NULL); *c = L'\\'; }
            CreateDirectoryW(argv[j] + 10, NULL);
            swprintf(target, 1024, L"%ls\\python.exe", argv[j] + 10);
            GetEnvironmentVariableW(L"STUB_PYTHON", source, 1024);
            if (!CopyFileW(source, target, FALSE)) return 5;
        }
        return 0;
    }
    if (wcsstr(me, L"\\py.exe")) {
        if (argc < 2 || wcscmp(argv[1], accept) != 0) return 103;
    } else if (wcscmp(accept, L"old") == 0 || wcscmp(accept, L"none") == 0) {
        for (int i = 1; i < argc; i++) if (wcsstr(argv[i], L"version_info")) return accept[0] == 'o' ? 3 : 4;
    }
    for (int i = 1; i + 1 < argc; i++) if (wcscmp(argv[i], L"-m") == 0 && wcscmp(argv[i + 1], L"pip") == 0) {
        GetEnvironmentVariableW(L"STUB_PIP_FAIL", fail, 16);
        return fail[0] ? 1 : 0;
    }
    return 0;
}
"""
# A folder name and a user name with everything that breaks careless quoting. Wine sets
# %LOCALAPPDATA% from the user name (C:\users\<USER>\AppData\Local), ignoring the variable.
FOLDER = "党建 工具 (x86)&A"
USER = "张 三&(x)"
PREFIX = Path(os.environ.get("TMPDIR", "/tmp")) / "dangjian-wineprefix"
LOCAL = PREFIX / "drive_c" / "users" / USER / "AppData" / "Local"


@pytest.fixture(scope="module")
def stub(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("stub")
    (folder / "stub.c").write_text(STUB, encoding="utf-8")
    subprocess.run([MINGW, "-municode", "-O2", "-o", str(folder / "stub.exe"), str(folder / "stub.c")], check=True)
    return folder / "stub.exe"


@pytest.fixture(scope="module")
def chinese_locale(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("locale")
    subprocess.run([LOCALEDEF, "-i", "zh_CN", "-f", "UTF-8", str(folder / "zh_CN.UTF-8")], check=True)
    return folder


def windows_path(path: Path) -> str:
    if path.is_relative_to(PREFIX / "drive_c"):
        return "C:\\" + str(path.relative_to(PREFIX / "drive_c")).replace("/", "\\")
    return "Z:" + str(path).replace("/", "\\")


@pytest.fixture
def run_bat(tmp_path, stub, chinese_locale):
    return lambda **options: _run_bat(tmp_path, stub, chinese_locale, **options)


def _run_bat(tmp_path: Path, stub: Path, locale: Path, *, on_path: tuple[str, ...], accept: str = "",
             installer: bool = False, extracted: bool = True, pip_fails: bool = False,
             local_pythons: tuple[str, ...] = ()) -> tuple[int, list[str], str]:
    """Run 安装.bat from a bundle folder under wine: (exit code, the stand-ins' command lines, the screen)."""
    bundle = tmp_path / FOLDER
    (bundle / "wheels").mkdir(parents=True)
    if extracted:
        (bundle / "wheels" / "dangjian-0.1.0-py3-none-any.whl").write_bytes(b"")
    installer_name = "python-3.13.9-amd64.exe" if installer else None
    if installer:
        (bundle / "python").mkdir()
        shutil.copyfile(stub, bundle / "python" / installer_name)
    build_bundle.write_windows_scripts(bundle, "0.1.0", python_installer=installer_name)
    path_dir = tmp_path / "bin"
    path_dir.mkdir()
    for name in on_path:  # python.exe, py.exe
        shutil.copyfile(stub, path_dir / name)
    shutil.rmtree(LOCAL / "Programs" / "Python", ignore_errors=True)  # left by an earlier test
    for python in local_pythons:
        target = LOCAL / "Programs" / "Python" / f"Python{python.replace('.', '')}"
        target.mkdir(parents=True)
        shutil.copyfile(stub, target / "python.exe")
    log = tmp_path / "calls.log"
    env = {**os.environ, "WINEPREFIX": str(PREFIX), "WINEDEBUG": "-all", "USER": USER, "LOCPATH": str(locale),
           "LANG": "zh_CN.UTF-8", "LC_ALL": "zh_CN.UTF-8",
           "WINEPATH": windows_path(path_dir), "STUB_LOG": windows_path(log), "STUB_ACCEPT": accept,
           "STUB_PYTHON": windows_path(stub)}
    if pip_fails:
        env["STUB_PIP_FAIL"] = "1"
    done = subprocess.run([WINE, "cmd", "/c", "安装.bat"], cwd=bundle, env=env, input=b"\r\n" * 20,
                          capture_output=True, timeout=180)
    calls = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
    return done.returncode, calls, done.stdout.decode("gbk", errors="replace")


def commands(calls: list[str]) -> list[str]:
    return [call.split("|", 1)[1] for call in calls]


def test_python_on_path_runs_every_step_with_the_bundle_folder_quoted(tmp_path, run_bat):
    code, calls, screen = run_bat(on_path=("python.exe",))
    assert code == 0, screen
    lines = commands(calls)
    assert "version_info" in lines[0]
    wheels = windows_path(tmp_path / FOLDER / "wheels")
    pip = next(line for line in lines if " -m pip install" in line)
    assert f'--find-links "{wheels}" dangjian==0.1.0' in pip
    sample = windows_path(tmp_path / FOLDER / "示例台账.xlsx")
    assert [line.split(" -m ", 1)[1] for line in lines if " -m dangjian" in line] == [
        "dangjian install-addin", f'dangjian doctor "{sample}"']
    assert f'当前登录的用户 "{USER}"' in screen and "Windows 8.1 或更高版本" in screen
    assert "检查安装：python -m dangjian doctor 台账.xlsx" in screen


def test_from_inside_the_zip_nothing_runs(run_bat):
    code, calls, screen = run_bat(on_path=("python.exe",), extracted=False)
    assert code == 1 and calls == []
    assert "从压缩包里直接打开" in screen and "全部解压缩" in screen


def test_the_launcher_by_exact_version_when_python_is_not_on_path(run_bat):
    code, calls, screen = run_bat(on_path=("py.exe",), accept="-3.12")
    assert code == 0, screen
    lines = commands(calls)
    assert [line.split('"py" ', 1)[1].split(" ", 1)[0] for line in lines[:3]] == ["-3.14", "-3.13", "-3.12"]
    assert all(" -3.12 -m " in line for line in lines if " -m " in line)
    assert "生成报告：py -3.12 -m dangjian report 台账.xlsx" in screen


def test_a_per_user_python_without_path_or_launcher_is_found_by_its_folder(run_bat):
    code, calls, screen = run_bat(on_path=(), local_pythons=("3.13",))
    assert code == 0, screen
    found = windows_path(LOCAL / "Programs" / "Python" / "Python313" / "python.exe")
    assert calls and all(call.split("|")[0] == found for call in calls)
    assert any(" -m pip install" in call for call in calls)
    assert f'生成报告："{found}" -m dangjian report 台账.xlsx' in screen


@pytest.mark.parametrize("accept, words", [("old", "版本不合适"), ("none", "32 位的 Python")])
def test_an_unsuitable_python_only_stops_and_says_why(run_bat, accept, words):
    code, calls, screen = run_bat(on_path=("python.exe",), accept=accept)
    assert code == 1
    assert not [call for call in calls if " -m " in call]
    assert words in screen


def test_no_python_at_all_says_which_to_install(run_bat):
    code, calls, screen = run_bat(on_path=())
    assert code == 1 and calls == []
    assert "没有找到 Python" in screen and "Windows installer (64-bit)" in screen


def test_the_bundled_installer_runs_quietly_then_its_python_installs(run_bat):
    code, calls, screen = run_bat(on_path=(), installer=True)
    assert code == 0, screen
    lines = commands(calls)
    installer = next(line for line in lines if "/quiet" in line)
    target = windows_path(LOCAL / "Programs" / "Python" / "Python313")
    assert "InstallAllUsers=0" in installer and "InstallLauncherAllUsers=0" in installer
    assert f'"TargetDir={target}"' in installer
    after = calls[calls.index(next(c for c in calls if "/quiet" in c)) + 1:]
    assert after and all(call.split("|")[0] == target + "\\python.exe" for call in after)
    assert any(" -m dangjian doctor" in call for call in after)
    assert "Python 3.13.9 已安装" in screen


def test_a_failed_pip_install_stops_before_the_add_in(run_bat):
    code, calls, screen = run_bat(on_path=("python.exe",), pip_fails=True)
    assert code == 1
    assert not [call for call in calls if "-m dangjian" in call]
    assert "安装没有完成" in screen
