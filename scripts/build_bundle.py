"""Build the offline installer bundle: dist/党建报告-离线安装包-<version>.zip.

    python scripts/build_bundle.py            # for 64-bit Windows, CPython 3.11–3.14 (the secretary's PC)
    python scripts/build_bundle.py --python-installer python-3.13.9-amd64.exe   # … with Python itself
    python scripts/build_bundle.py --here     # for this computer's platform and Python (CI)
    python scripts/build_bundle.py --here --verify   # … then install it into a fresh venv, offline
    python scripts/build_bundle.py --write-constraints   # re-pin the dependency closure

The zip holds this project's wheel and every dependency as a wheel (never a source archive, so
no compiler is needed), 安装.bat (Windows: installs from the bundle only, then the add-in, then
runs the doctor), the two workbooks and 说明.txt, and, when given, python.org's installer, which
安装.bat runs quietly for the current user when the PC has no suitable Python. Building needs the
package index; installing from the bundle does not; writing 安装.bat and 说明.txt needs neither.
Every resolution is held to constraints.txt, the whole dependency closure pinned, so that two
builds hold the same wheels.

pip evaluates dependency markers such as `platform_system == 'Windows'` for the computer it runs
on even with `--platform win_amd64`, so a bundle built on Linux would miss pywin32 (xlwings
needs it on Windows). `windows_requirements` therefore resolves with pip, evaluates every
resolved package's own requirements for the target Windows Python, and adds what pip left out,
until nothing is missing.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import time
import venv
import zipfile
from pathlib import Path

try:
    from packaging.requirements import Requirement
    from packaging.tags import Tag, compatible_tags, cpython_tags
    from packaging.utils import canonicalize_name, parse_wheel_filename
except ImportError:  # pip carries its own copy
    from pip._vendor.packaging.requirements import Requirement  # type: ignore[no-redef]
    from pip._vendor.packaging.tags import Tag, compatible_tags, cpython_tags  # type: ignore[no-redef]
    from pip._vendor.packaging.utils import canonicalize_name, parse_wheel_filename  # type: ignore[no-redef]

ROOT = Path(__file__).resolve().parent.parent
REQUIREMENTS = ROOT / "requirements.txt"
CONSTRAINTS = ROOT / "constraints.txt"
# python.org's install manager installs 3.14 by default; every pinned package has cp314 wheels.
WINDOWS_PYTHONS = ("3.11", "3.12", "3.13", "3.14")
WINDOWS_PLATFORM = "win_amd64"
BUNDLE_NAME = "党建报告-离线安装包-{version}"
WORKBOOKS = ("示例台账.xlsx", "党支部工作台账.xlsx")


class BundleError(Exception):
    """The bundle cannot be built; the message says why."""


def project_version() -> str:
    text = (ROOT / "dangjian" / "__init__.py").read_text(encoding="utf-8")
    return re.search(r'__version__\s*=\s*"([^"]+)"', text).group(1)


def pip(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pip", "--disable-pip-version-check", *args],
                          capture_output=True, text=True, env=env)


# ---------------------------------------------------------------- resolving for Windows

def windows_environment(python: str) -> dict[str, str]:
    """Marker values of 64-bit CPython `python` ("3.12") on Windows."""
    return {"sys_platform": "win32", "platform_system": "Windows", "os_name": "nt", "platform_machine": "AMD64",
            "platform_release": "10", "implementation_name": "cpython", "platform_python_implementation": "CPython",
            "python_version": python, "python_full_version": f"{python}.0", "implementation_version": f"{python}.0",
            "extra": ""}


def windows_tags(python: str) -> set[Tag]:
    version = tuple(int(part) for part in python.split("."))
    return set(cpython_tags(version, platforms=[WINDOWS_PLATFORM])) | set(
        compatible_tags(version, interpreter=f"cp{version[0]}{version[1]}", platforms=[WINDOWS_PLATFORM]))


def resolve(requirements: list[str], *, python: str | None, platform: str | None,
            constraints: list[str] = (), pinned: bool = True) -> list[dict]:
    """What pip would install (its --report), as wheels only, for the target or for this computer.

    `pinned`: held to constraints.txt (False only to write that file anew).
    """
    with tempfile.TemporaryDirectory() as scratch:
        req_file = Path(scratch) / "requirements.txt"
        req_file.write_text("\n".join(requirements) + "\n", encoding="utf-8")
        constraint_file = Path(scratch) / "constraints.txt"
        held = [*(read_requirements(CONSTRAINTS) if pinned else []), *constraints]
        constraint_file.write_text("\n".join(held) + "\n", encoding="utf-8")
        report = Path(scratch) / "report.json"
        target = ["--platform", platform, "--python-version", python, "--implementation", "cp"] if platform else []
        done = pip("install", "--dry-run", "--quiet", "--ignore-installed", "--only-binary=:all:", *target,
                   "--target", str(Path(scratch) / "target"), "--report", str(report), "-r", str(req_file),
                   "-c", str(constraint_file))
        if done.returncode != 0:
            where = f"CPython {python} {platform}" if platform else "这台电脑"
            raise BundleError(f"无法为 {where} 找齐依赖的安装文件（wheel）：\n{_pip_reason(done.stderr)}")
        return json.loads(report.read_text(encoding="utf-8"))["install"]


def _pip_reason(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.startswith("ERROR") or "No matching distribution" in line]
    return "\n".join(lines) or stderr.strip()[-2000:]


def windows_requirements(python: str, requirements: list[str] | None = None, *,
                         pinned: bool = True) -> tuple[list[str], list[dict]]:
    """(requirements to download, pip's resolution) for 64-bit Windows CPython `python`.

    Adds each dependency that a resolved package requires on Windows but pip, judging markers by
    this computer, left out. The additions are resolved on their own, constrained to the versions
    already chosen (quicker than resolving everything again, and a conflict still fails), until
    the resolution is closed.
    """
    requirements = list(requirements if requirements is not None else read_requirements())
    environment = windows_environment(python)
    installed = resolve(requirements, python=python, platform=WINDOWS_PLATFORM, pinned=pinned)
    for _ in range(10):
        have = {canonicalize_name(item["metadata"]["name"]) for item in installed}
        missing: dict[str, str] = {}
        for item in installed:
            for line in item["metadata"].get("requires_dist", []):
                requirement = Requirement(line)
                if requirement.marker is not None and not requirement.marker.evaluate(environment):
                    continue
                name = canonicalize_name(requirement.name)
                if name not in have:
                    missing.setdefault(name, f"{requirement.name}{requirement.specifier}")
        if not missing:
            return requirements, installed
        chosen = [f"{item['metadata']['name']}=={item['metadata']['version']}" for item in installed]
        added = resolve(list(missing.values()), python=python, platform=WINDOWS_PLATFORM, constraints=chosen,
                        pinned=pinned)
        installed += [item for item in added if canonicalize_name(item["metadata"]["name"]) not in have]
        requirements += list(missing.values())
    raise BundleError("Windows 依赖解析没有收敛")


def read_requirements(path: Path = REQUIREMENTS) -> list[str]:
    lines = [line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines()]
    return [line for line in lines if line]


def pins(lines: list[str]) -> dict[str, str]:
    """canonical name → version of `name==version` lines."""
    return {canonicalize_name(name): version for name, version in (line.split("==", 1) for line in lines)}


def unpinned(installed: list[dict], constraints: list[str]) -> list[str]:
    """Resolved packages that constraints.txt does not pin to the version chosen: the file is stale."""
    held = pins(constraints)
    return [f"{item['metadata']['name']} {item['metadata']['version']}" for item in installed
            if held.get(canonicalize_name(item["metadata"]["name"])) != item["metadata"]["version"]]


CONSTRAINTS_HEADER = """\
# The whole dependency closure, pinned, so that two builds of the offline bundle hold the same
# wheels (scripts/build_bundle.py passes this file to pip with -c). requirements.txt pins only
# what the program imports; this file also pins what those packages pull in, on Windows
# (pywin32) and elsewhere. Regenerate after changing requirements.txt:
#     python scripts/build_bundle.py --write-constraints
"""


def constraints_text(resolutions: list[list[dict]]) -> str:
    chosen = {f"{item['metadata']['name']}=={item['metadata']['version']}" for installed in resolutions
              for item in installed}
    return CONSTRAINTS_HEADER + "".join(f"{line}\n" for line in sorted(chosen, key=str.lower))


def write_constraints(log=print) -> Path:
    """Resolve requirements.txt afresh (not held to the old file) for every target and pin the union."""
    resolutions = [windows_requirements(python, pinned=False)[1] for python in WINDOWS_PYTHONS]
    resolutions.append(resolve(read_requirements(), python=None, platform=None, pinned=False))
    CONSTRAINTS.write_text(constraints_text(resolutions), encoding="utf-8")
    log(f"已写入 {CONSTRAINTS}")
    return CONSTRAINTS


def wheel_problems(installed: list[dict], python: str) -> list[str]:
    """Resolved packages whose chosen file is not a wheel for 64-bit Windows CPython `python`."""
    tags = windows_tags(python)
    problems = []
    for item in installed:
        file_name = item["download_info"]["url"].rsplit("/", 1)[-1]
        name = item["metadata"]["name"]
        if not file_name.endswith(".whl"):
            problems.append(f"{name}：{file_name} 不是 wheel")
        elif not set(parse_wheel_filename(file_name)[3]) & tags:
            problems.append(f"{name}：{file_name} 不适用于 CPython {python} {WINDOWS_PLATFORM}")
    return problems


# ---------------------------------------------------------------- building

# What the wheel is built from (pyproject.toml names the parts); copied, so that no build/ or
# *.egg-info left in the work tree can slip stale files into the wheel.
WHEEL_SOURCES = ("pyproject.toml", "requirements.txt", "README.md", "macros.py", "dangjian", "fonts", "templates",
                 "workbook", "xlw_addin")


def build_project_wheel(folder: Path, *, isolated: bool = True) -> Path:
    """The project's wheel. `isolated=False` builds with the setuptools installed here (the tests
    pin one in requirements-test.txt), so that no package index is needed."""
    with tempfile.TemporaryDirectory() as scratch:
        source = Path(scratch) / "source"
        for name in WHEEL_SOURCES:
            if (ROOT / name).is_dir():
                shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
            else:
                source.mkdir(exist_ok=True)
                shutil.copyfile(ROOT / name, source / name)
        isolation = () if isolated else ("--no-build-isolation",)
        done = pip("wheel", "--no-deps", "--quiet", *isolation, "--wheel-dir", str(folder), str(source))
    if done.returncode != 0:
        raise BundleError(f"无法生成本项目的 wheel：\n{done.stderr[-2000:]}")
    return folder / f"dangjian-{project_version()}-py3-none-any.whl"


def download(requirements: list[str], folder: Path, *, python: str | None, platform: str | None) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        req_file = Path(scratch) / "requirements.txt"
        req_file.write_text("\n".join(requirements) + "\n", encoding="utf-8")
        target = ["--platform", platform, "--python-version", python, "--implementation", "cp"] if platform else []
        done = pip("download", "--quiet", "--only-binary=:all:", *target, "--dest", str(folder), "-r", str(req_file),
                   "-c", str(CONSTRAINTS))
    if done.returncode != 0:
        where = f"CPython {python} {platform}" if platform else "这台电脑"
        raise BundleError(f"无法下载 {where} 的依赖：\n{_pip_reason(done.stderr)}")


def check_offline(wheels: Path, version: str, *, python: str) -> None:
    """Resolve dangjian from `wheels` alone, as 安装.bat will (no index, no pip settings)."""
    with tempfile.TemporaryDirectory() as scratch:
        done = subprocess.run(
            [sys.executable, "-m", "pip", "install", "--dry-run", "--quiet", "--ignore-installed", "--no-index",
             "--find-links", str(wheels), "--only-binary=:all:", "--platform", WINDOWS_PLATFORM,
             "--python-version", python, "--implementation", "cp", "--target", scratch, f"dangjian=={version}"],
            capture_output=True, text=True, env=offline_environment())
    if done.returncode != 0:
        raise BundleError(f"安装包中的文件不够 CPython {python} 离线安装：\n{_pip_reason(done.stderr)}")


def installer_version(file_name: str) -> str:
    """"3.13.9" from python.org's 64-bit installer name, refusing any other file."""
    match = re.fullmatch(r"python-(3\.(\d+)\.\d+)-amd64\.exe", file_name, re.IGNORECASE)
    if not match:
        raise BundleError(f"{file_name} 不是 python.org 的 64 位 Windows 安装程序（应形如 python-3.13.9-amd64.exe）")
    if f"3.{match.group(2)}" not in WINDOWS_PYTHONS:
        raise BundleError(f"{file_name}：安装包只带 Python {WINDOWS_PYTHONS[0]}–{WINDOWS_PYTHONS[-1]} 的依赖包")
    return match.group(1)


def _per_user_folder(python: str) -> str:
    """Where python.org's installer puts a per-user 64-bit Python ("Python313")."""
    return rf"%LOCALAPPDATA%\Programs\Python\Python{python.replace('.', '')}"


def install_bat(version: str, pythons: tuple[str, ...] = WINDOWS_PYTHONS, python_installer: str | None = None) -> str:
    """安装.bat: find (or install) a Python, install offline, then the add-in, then the doctor.

    Written in GBK with CRLF. cmd.exe decodes each line of a batch file only when it reaches it,
    in the console's code page, which is 437 on English Windows and 65001 where "Beta: Use Unicode
    UTF-8" is on: so the lines before `chcp 936` are ASCII, and the old code page is put back at the
    end. No parenthesised blocks (a ")" in an expanded path would end one) and no delayed
    expansion (every "%VAR%" is read on its own line, after the line before it ran). Every path
    is quoted where it is used; a Python found by full path is kept without quotes in PY_EXE.
    """
    allowed = ", ".join(f"({p.replace('.', ',')})" for p in pythons)
    first, last = pythons[0], pythons[-1]
    newest_first = tuple(reversed(pythons))
    # Exit 3: wrong version, 4: 32-bit. No "!" anywhere, even with delayed expansion off.
    probe = (f'-c "import struct, sys; sys.exit(3 if sys.version_info[:2] not in ({allowed},) '
             "else 0 if struct.calcsize('P') == 8 else 4)\"")
    run = '"%PY_EXE%" %PY_VER%'
    lines = [
        "@echo off",
        "rem ASCII only until the code page is set: see build_bundle.install_bat",
        "setlocal EnableExtensions DisableDelayedExpansion",
        "set \"OLD_CP=\"",
        "for /f \"tokens=2 delims=:.\" %%c in ('chcp') do set \"OLD_CP=%%c\"",
        "chcp 936 >nul 2>nul",
        'cd /d "%~dp0"',
        "title 党建报告 离线安装",
        f"echo 党建报告 {version} 离线安装：只从本文件夹安装，不需要联网。",
        "echo 需要 64 位的 Windows 8.1 或更高版本（本程序所需的 Python 3.11 起不能装在 Windows 7 上）。",
        "echo.",
        # Explorer runs a .bat inside a zip from a temporary copy of that one file: no wheels beside it.
        f'if not exist "%~dp0wheels\\dangjian-{version}-py3-none-any.whl" goto notextracted',
        'echo 本程序和 Excel 加载项装给当前登录的用户 "%USERNAME%"。',
        "echo 请由以后在 Excel 中点按钮的人登录后运行本文件；用另一个管理员账户运行，加载项会装给那个账户。",
        "echo.",
        'set "PY_EXE="',
        'set "PY_VER="',
        'set "PY_SHOW="',
        'set "UNSUITABLE="',
        "call :trypython python",
        *[f"if not defined PY_EXE call :trypython py -{p}" for p in newest_first],
        # Installed without the launcher and without PATH: python.org's per-user and all-users
        # folders, and the install manager's.
        *[f'if not defined PY_EXE call :trypath "{_per_user_folder(p)}\\python.exe"' for p in newest_first],
        *[f'if not defined PY_EXE call :trypath "%ProgramFiles%\\Python{p.replace(".", "")}\\python.exe"'
          for p in newest_first],
        *[f'if not defined PY_EXE call :trypath "%LOCALAPPDATA%\\Python\\pythoncore-{p}-64\\python.exe"'
          for p in newest_first],
        "if defined PY_EXE goto havepython",
        # With an installer in the bundle an unsuitable Python is no obstacle: install one beside it.
        *(["goto installpython"] if python_installer else
          ['if "%UNSUITABLE%"=="4" goto bits32', 'if "%UNSUITABLE%"=="3" goto badversion', "goto nopython"]),
        "",
        ":havepython",
        "echo 使用的 Python：",
        f'{run} -c "import sys; print(sys.version.split()[0], sys.executable)"',
        "if errorlevel 1 goto nopython",
        "echo.",
        "echo 正在安装程序和依赖包……",
        f'{run} -m pip install --disable-pip-version-check --no-warn-script-location --no-index '
        f'--find-links "%~dp0wheels" dangjian=={version}',
        "if errorlevel 1 goto pipfailed",
        "echo.",
        "echo 程序已安装。下面安装 Excel 加载项：请先保存并完全退出 Excel，然后按任意键继续……",
        "pause >nul",
        f"{run} -m dangjian install-addin",
        "if errorlevel 1 echo 加载项没有装上，原因见上方。命令行仍可使用，命令见最后。",
        "echo.",
        "echo 安装检查：",
        # With the sample workbook: extracted from a downloaded zip that was not unblocked, it carries
        # the downloaded-file mark and opens in Protected View, which doctor then says.
        f'{run} -m dangjian doctor "%~dp0{WORKBOOKS[0]}"',
        "if errorlevel 1 echo 检查结果中有“问题”：请按其后的“解决”一行处理。",
        "echo.",
        "echo 以后在“命令提示符”中这样运行（这台电脑上不一定能直接用 python 命令）：",
        "call :showcommands",
        "echo.",
        "pause",
        'set "RESULT=0"',
        "goto end",
    ]
    if python_installer:
        python = installer_version(python_installer)
        folder = _per_user_folder(python.rsplit(".", 1)[0])
        # python.org's installer options (Doc/using/windows.rst, "Installing Without UI"):
        # InstallAllUsers=0 per user, no administrator needed; the launcher (py) too, but per
        # user: InstallLauncherAllUsers defaults to 1, which would ask for elevation.
        lines += [
            "",
            ":installpython",
            f'echo 没有找到可用的 Python（64 位，{first}–{last}）。现在为用户 "%USERNAME%" 安装本安装包带的 Python {python}：',
            "echo 不需要管理员权限，也不联网，约需 1–3 分钟，请稍候……",
            f'"%~dp0python\\{python_installer}" /quiet InstallAllUsers=0 Include_launcher=1 InstallLauncherAllUsers=0 '
            f'PrependPath=0 Include_test=0 "TargetDir={folder}"',
            'set "INSTALLED=%errorlevel%"',
            'if "%INSTALLED%"=="3010" set "INSTALLED=0"',  # done, a restart is only recommended
            'if not "%INSTALLED%"=="0" goto pythonfailed',
            f'call :trypath "{folder}\\python.exe"',
            "if not defined PY_EXE goto pythonfailed",
            f"echo Python {python} 已安装。",
            "goto havepython",
            "",
            ":pythonfailed",
            f'echo Python 没有装上（安装程序返回 %INSTALLED%）。安装记录在 "%TEMP%" 中以 Python {python} 开头的 .log 文件里。',
            f"echo 也可以双击本文件夹 python 子文件夹中的 {python_installer}，选 Install Now 手动安装，然后重新双击本文件。",
            "goto fail",
        ]
    lines += [
        "",
        ":notextracted",
        "echo 本文件是从压缩包里直接打开的，或者压缩包没有完整解压：旁边没有 wheels 文件夹（要安装的文件都在里面）。",
        "echo 请关闭本窗口，右键压缩包，选“全部解压缩”，解压到固定位置（例如 D:\\党建工具），",
        "echo 再打开解压出的文件夹，双击其中的“安装.bat”。",
        'echo 当前位置："%~dp0"',
        "goto fail",
        "",
        ":nopython",
        f"echo 没有找到 Python。请从 python.org 下载“Windows installer (64-bit)”，安装 Python {first}–{last} 中的一个版本",
        "echo （需要 Windows 8.1 或更高版本；默认选项即可），然后重新双击本文件。",
        "goto fail",
        "",
        ":badversion",
        f"echo 找到的 Python 版本不合适：本安装包只适用于 Python {first}–{last}。",
        f"echo 请从 python.org 安装 64 位的 Python {last} 或 {pythons[-2]}，然后重新双击本文件。",
        "goto fail",
        "",
        ":bits32",
        "echo 找到的是 32 位的 Python，pandas 等依赖包没有 32 位版本，无法安装。",
        "echo 请在“设置→应用”中卸载它，从 python.org 下载“Windows installer (64-bit)”重新安装，",
        "echo 与 Office 是 32 位还是 64 位无关。然后重新双击本文件。",
        "goto fail",
        "",
        ":pipfailed",
        "echo 安装没有完成，原因见上方。请把这个窗口的内容截图发给维护人员。",
        "goto fail",
        "",
        ":fail",
        "echo.",
        "pause",
        'set "RESULT=1"',
        "goto end",
        "",
        ":trypython",
        "rem Arguments: a command found on PATH, python or py, then its version option or nothing",
        f'"%~1" %~2 {probe} >nul 2>nul',
        'set "TRIED=%errorlevel%"',
        'if "%TRIED%"=="0" set "PY_EXE=%~1"',
        'if "%TRIED%"=="0" set "PY_VER=%~2"',
        'if "%TRIED%"=="0" set "PY_SHOW=%~1"',
        'if "%TRIED%"=="0" if not "%~2"=="" set "PY_SHOW=%~1 %~2"',
        'if "%TRIED%"=="3" set "UNSUITABLE=3"',
        'if "%TRIED%"=="4" set "UNSUITABLE=4"',
        "exit /b 0",
        "",
        ":trypath",
        "rem Argument: a python.exe by its full path",
        'if not exist "%~1" exit /b 0',
        f'"%~1" {probe} >nul 2>nul',
        'set "TRIED=%errorlevel%"',
        'if "%TRIED%"=="0" set "PY_EXE=%~1"',
        'if "%TRIED%"=="0" set "PY_VER="',
        'if "%TRIED%"=="3" set "UNSUITABLE=3"',
        'if "%TRIED%"=="4" set "UNSUITABLE=4"',
        "exit /b 0",
        "",
        ":showcommands",
        "rem A Python found by its full path is shown quoted, python or py -3.x as typed",
        "if defined PY_SHOW echo   检查安装：%PY_SHOW% -m dangjian doctor 台账.xlsx",
        "if defined PY_SHOW echo   生成报告：%PY_SHOW% -m dangjian report 台账.xlsx",
        'if not defined PY_SHOW echo   检查安装："%PY_EXE%" -m dangjian doctor 台账.xlsx',
        'if not defined PY_SHOW echo   生成报告："%PY_EXE%" -m dangjian report 台账.xlsx',
        "exit /b 0",
        "",
        ":end",
        "if defined OLD_CP chcp %OLD_CP% >nul 2>nul",
        "exit /b %RESULT%",
    ]
    return "\r\n".join(lines) + "\r\n"


def readme_text(version: str, *, windows: bool, python_installer: str | None = None) -> str:
    if not windows:
        return (f"党建报告 {version} 离线安装包（本平台）\n\n"
                "python -m pip install --no-index --find-links wheels dangjian\n"
                "dangjian report 示例台账.xlsx -o 示例报告.docx\n")
    first, last = WINDOWS_PYTHONS[0], WINDOWS_PYTHONS[-1]
    if python_installer:
        python_step = (f"2. 电脑上没有 64 位的 Python {first}–{last} 时，“安装.bat”会先为当前用户安装本包 python 文件夹中的 "
                       f"Python {installer_version(python_installer)}（不需要管理员权限，不联网）。\n")
    else:
        python_step = (f"2. 先装好 64 位的 Python {first}–{last}：python.org 的“Windows installer (64-bit)”，默认选项即可"
                       "（不勾选 Add python.exe to PATH 也行）。\n")
    text = (f"党建报告 {version} 离线安装包（64 位 Windows 8.1 或更高版本，Python {first}–{last}）\n\n"
            "1. 把整个压缩包解压到固定位置（右键 → 全部解压缩，如 D:\\党建工具），不要在压缩包里直接运行。\n"
            "   压缩包来自网上或邮件时，先右键压缩包 → 属性 → 勾选“解除锁定”再解压。\n"
            + python_step +
            "3. 由以后在 Excel 中点按钮的人，用他自己的账户登录，双击“安装.bat”：它只从本文件夹安装（不联网），\n"
            "   再安装 Excel 加载项，最后逐项检查安装。加载项装给运行它的那个账户：不要换用另一个管理员账户运行。\n"
            "4. 打开台账（如“示例台账.xlsx”），点功能区“党建报告 → 校验并生成报告”。\n\n"
            "以后检查安装：在“命令提示符”中运行“安装.bat”最后显示的命令，如 py -3.13 -m dangjian doctor 台账.xlsx\n"
            "（这台电脑上 python 命令不一定能直接使用）。\n")
    return text.replace("\n", "\r\n")


def build_bundle(*, here: bool = False, output_dir: Path = ROOT / "dist", python_installer: Path | None = None,
                 log=print) -> Path:
    version = project_version()
    if python_installer is not None:
        installer_version(python_installer.name)  # refused before anything is downloaded
        if not python_installer.is_file():
            raise BundleError(f"找不到 Python 安装程序：{python_installer}")
    name = BUNDLE_NAME.format(version=version)
    if here:
        name += f"-{sysconfig.get_platform().replace('-', '_').replace('.', '_')}-cp{sys.version_info[0]}{sys.version_info[1]}"
    output_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / name
        wheels = folder / "wheels"
        wheels.mkdir(parents=True)
        started = time.monotonic()
        project = build_project_wheel(wheels)
        log(f"本项目：{project.name}（{time.monotonic() - started:.1f} 秒）")
        if here:
            download(read_requirements(), wheels, python=None, platform=None)
            (folder / "说明.txt").write_text(readme_text(version, windows=False), encoding="utf-8")
        else:
            # One after another: side by side the pip processes were slower here.
            resolved = {python: windows_requirements(python) for python in WINDOWS_PYTHONS}
            for python, (requirements, installed) in resolved.items():
                problems = wheel_problems(installed, python) + [
                    f"{package} 不在 constraints.txt 中（或版本不同）：请运行 python scripts/build_bundle.py --write-constraints"
                    for package in unpinned(installed, read_requirements(CONSTRAINTS))]
                if problems:
                    raise BundleError("\n".join(problems))
                download(requirements, wheels, python=python, platform=WINDOWS_PLATFORM)
                log(f"CPython {python} {WINDOWS_PLATFORM}：{len(installed)} 个依赖包")
            for python in WINDOWS_PYTHONS:
                check_offline(wheels, version, python=python)
            installer_name = python_installer.name if python_installer else None
            if python_installer:
                (folder / "python").mkdir()
                shutil.copyfile(python_installer, folder / "python" / installer_name)
            write_windows_scripts(folder, version, python_installer=installer_name)
        log(f"依赖包下载完成（共 {time.monotonic() - started:.1f} 秒）")
        for workbook in WORKBOOKS:
            shutil.copyfile(ROOT / "workbook" / workbook, folder / workbook)
        target = output_dir / f"{name}.zip"
        partial = target.with_suffix(".zip.part")
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(folder.rglob("*")):
                if path.is_file():
                    # Wheels are zips already: storing them saves time and no space is lost.
                    method = zipfile.ZIP_STORED if path.suffix == ".whl" else zipfile.ZIP_DEFLATED
                    archive.write(path, path.relative_to(folder.parent).as_posix(), compress_type=method)
        os.replace(partial, target)
    log(f"已生成离线安装包：{target}（{target.stat().st_size / 1e6:.1f} MB，{time.monotonic() - started:.1f} 秒）")
    return target


def write_windows_scripts(folder: Path, version: str, *, python_installer: str | None = None) -> list[Path]:
    """安装.bat and 说明.txt as the bundle holds them (GBK, CRLF); needs no index, no download."""
    written = [folder / "安装.bat", folder / "说明.txt"]
    written[0].write_bytes(install_bat(version, python_installer=python_installer).encode("gbk"))
    written[1].write_bytes(readme_text(version, windows=True, python_installer=python_installer).encode("gbk"))
    return written


# ---------------------------------------------------------------- proving a bundle works offline

def offline_environment() -> dict[str, str]:
    """This environment without any pip setting: no index, no extra find-links, no config file."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("PIP_") and key != "PYTHONPATH"}
    env["PIP_CONFIG_FILE"] = os.devnull
    return env


def verify_bundle(bundle: Path, *, log=print) -> None:
    """Install `bundle` into a fresh venv with no package index, then run the installed command."""
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        with zipfile.ZipFile(bundle) as archive:
            archive.extractall(scratch)
        folder = next(p for p in scratch.iterdir() if p.is_dir())
        started = time.monotonic()
        venv.EnvBuilder(with_pip=True).create(scratch / "venv")
        bin_dir = scratch / "venv" / ("Scripts" if os.name == "nt" else "bin")
        python = bin_dir / ("python.exe" if os.name == "nt" else "python")
        env = offline_environment()
        version = project_version()
        steps = [
            [str(python), "-m", "pip", "install", "--disable-pip-version-check", "--quiet", "--no-index",
             "--find-links", str(folder / "wheels"), f"dangjian=={version}"],
            [str(bin_dir / "dangjian"), "--version"],
            [str(bin_dir / "dangjian"), "report", str(folder / "示例台账.xlsx"), "-o", str(scratch / "示例报告.docx")],
            [str(bin_dir / "dangjian"), "doctor", str(folder / "示例台账.xlsx")],
            # The installed package, not this source tree, answered: its template and its modules.
            [str(python), "-c", "import dangjian, dangjian.api as api, macros, sys; "
             "assert api.DEFAULT_TEMPLATE.is_file() and 'site-packages' in str(api.DEFAULT_TEMPLATE), api.DEFAULT_TEMPLATE; "
             "assert 'site-packages' in dangjian.__file__ and 'site-packages' in macros.__file__; "
             "print('已安装的包：', dangjian.__file__)"],
        ]
        for step in steps:
            done = subprocess.run(step, cwd=scratch, env=env, capture_output=True, text=True)
            log(done.stdout.rstrip())
            if done.returncode != 0:
                raise BundleError(f"离线安装验证失败：{' '.join(step)}\n{done.stderr[-3000:]}")
        if not (scratch / "示例报告.docx").is_file():
            raise BundleError("离线安装验证失败：没有生成示例报告")
        log(f"离线安装验证通过：全新虚拟环境，无软件源（{time.monotonic() - started:.1f} 秒）")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="生成离线安装包 dist/党建报告-离线安装包-<版本>.zip")
    parser.add_argument("--here", action="store_true", help="为这台电脑的平台和 Python 生成（默认：64位 Windows，Python 3.11–3.14）")
    parser.add_argument("--python-installer", type=Path, metavar="安装程序",
                        help="把从 python.org 下载的 64 位安装程序（如 python-3.13.9-amd64.exe）放进安装包："
                             "电脑上没有合适的 Python 时，安装.bat 为当前用户静默安装它")
    parser.add_argument("--write-constraints", action="store_true",
                        help="重新解析依赖并写入 constraints.txt（锁定全部依赖的版本），不生成安装包")
    parser.add_argument("--verify", action="store_true", help="生成后装入全新虚拟环境（不用软件源）并生成示例报告；只能与 --here 同用")
    parser.add_argument("--output-dir", type=Path, default=ROOT / "dist", help="输出文件夹（默认 dist/）")
    args = parser.parse_args(argv)
    if args.verify and not args.here:
        parser.error("--verify 只能与 --here 同用")
    if args.python_installer and args.here:
        parser.error("--python-installer 只用于 Windows 安装包，不能与 --here 同用")
    try:
        if args.write_constraints:
            write_constraints()
            return 0
        bundle = build_bundle(here=args.here, output_dir=args.output_dir, python_installer=args.python_installer)
        if args.verify:
            verify_bundle(bundle)
    except BundleError as exc:
        print(exc, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
