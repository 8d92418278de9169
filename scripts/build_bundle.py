"""Build the offline installer bundle: dist/党建报告-离线安装包-<version>.zip.

    python scripts/build_bundle.py            # for 64-bit Windows, CPython 3.11–3.13 (the secretary's PC)
    python scripts/build_bundle.py --here     # for this computer's platform and Python (CI)
    python scripts/build_bundle.py --here --verify   # … then install it into a fresh venv, offline

The zip holds this project's wheel and every dependency as a wheel (never a source archive, so
no compiler is needed), 安装.bat (Windows: installs from the bundle only, then the add-in, then
runs the doctor), the two workbooks and 说明.txt. Building needs the package index; installing
from the bundle does not.

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
WINDOWS_PYTHONS = ("3.11", "3.12", "3.13")
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
            constraints: list[str] = ()) -> list[dict]:
    """What pip would install (its --report), as wheels only, for the target or for this computer."""
    with tempfile.TemporaryDirectory() as scratch:
        req_file = Path(scratch) / "requirements.txt"
        req_file.write_text("\n".join(requirements) + "\n", encoding="utf-8")
        constraint_file = Path(scratch) / "constraints.txt"
        constraint_file.write_text("\n".join(constraints) + "\n", encoding="utf-8")
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


def windows_requirements(python: str, requirements: list[str] | None = None) -> tuple[list[str], list[dict]]:
    """(requirements to download, pip's resolution) for 64-bit Windows CPython `python`.

    Adds each dependency that a resolved package requires on Windows but pip, judging markers by
    this computer, left out. The additions are resolved on their own, constrained to the versions
    already chosen (quicker than resolving everything again, and a conflict still fails), until
    the resolution is closed.
    """
    requirements = list(requirements if requirements is not None else read_requirements())
    environment = windows_environment(python)
    installed = resolve(requirements, python=python, platform=WINDOWS_PLATFORM)
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
        added = resolve(list(missing.values()), python=python, platform=WINDOWS_PLATFORM, constraints=chosen)
        installed += [item for item in added if canonicalize_name(item["metadata"]["name"]) not in have]
        requirements += list(missing.values())
    raise BundleError("Windows 依赖解析没有收敛")


def read_requirements(path: Path = REQUIREMENTS) -> list[str]:
    lines = [line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines()]
    return [line for line in lines if line]


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
        done = pip("download", "--quiet", "--only-binary=:all:", *target, "--dest", str(folder), "-r", str(req_file))
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


def install_bat(version: str, pythons: tuple[str, ...] = WINDOWS_PYTHONS) -> str:
    """安装.bat: the Python check, the offline install, the add-in, the doctor (GBK, CRLF when written)."""
    allowed = ", ".join(f"({p.replace('.', ',')})" for p in pythons)
    first, last = pythons[0], pythons[-1]
    lines = [
        "@echo off",
        "setlocal",
        'cd /d "%~dp0"',
        "title 党建报告 离线安装",
        "echo 党建报告 {0} 离线安装：只从本文件夹安装，不需要联网。".format(version),
        "echo.",
        'set "PY="',
        'python -c "import sys" >nul 2>nul && set "PY=python"',
        'if not defined PY py -3 -c "import sys" >nul 2>nul && set "PY=py -3"',
        "if not defined PY goto nopython",
        f'%PY% -c "import sys; sys.exit(0 if sys.version_info[:2] in ({allowed},) else 3)"',
        "if errorlevel 3 goto badversion",
        "%PY% -c \"import struct, sys; sys.exit(0 if struct.calcsize('P') == 8 else 4)\"",
        "if errorlevel 4 goto bits32",
        "echo 正在安装程序和依赖包……",
        f'%PY% -m pip install --disable-pip-version-check --no-index --find-links "%~dp0wheels" dangjian=={version}',
        "if errorlevel 1 goto pipfailed",
        "echo.",
        "echo 程序已安装。下面安装 Excel 加载项：请先保存并完全退出 Excel，然后按任意键继续……",
        "pause >nul",
        "%PY% -m dangjian install-addin",
        "if errorlevel 1 echo 加载项没有装上，原因见上方。命令行仍可使用：python -m dangjian report 台账.xlsx",
        "echo.",
        "echo 安装检查：",
        "%PY% -m dangjian doctor",
        "echo.",
        "echo 完成。检查结果中有“问题”时，请按其后的“解决”一行处理。",
        "pause",
        "exit /b 0",
        "",
        ":nopython",
        f"echo 没有找到 Python。请从 python.org 下载“Windows installer (64-bit)”，安装 Python {first}–{last} 中的一个版本，",
        "echo 安装时勾选“Add python.exe to PATH”，然后重新双击本文件。",
        "goto fail",
        "",
        ":badversion",
        "%PY% --version",
        f"echo 这个 Python 的版本不合适：本安装包只适用于 Python {first}–{last}。",
        f"echo 请从 python.org 安装 64 位的 Python {last}，安装时勾选“Add python.exe to PATH”，然后重新双击本文件。",
        "goto fail",
        "",
        ":bits32",
        "echo 这是 32 位的 Python，pandas 等依赖包没有 32 位版本，无法安装。",
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
        "exit /b 1",
    ]
    return "\r\n".join(lines) + "\r\n"


def readme_text(version: str, *, windows: bool) -> str:
    if not windows:
        return (f"党建报告 {version} 离线安装包（本平台）\n\n"
                "python -m pip install --no-index --find-links wheels dangjian\n"
                "dangjian report 示例台账.xlsx -o 示例报告.docx\n")
    return (f"党建报告 {version} 离线安装包（64位 Windows，Python {WINDOWS_PYTHONS[0]}–{WINDOWS_PYTHONS[-1]}）\r\n\r\n"
            "1. 把整个文件夹解压到固定位置（如 D:\\党建工具），不要在压缩包里直接运行。\r\n"
            "2. 装好 64 位 Python（python.org 的“Windows installer (64-bit)”，勾选“Add python.exe to PATH”）。\r\n"
            "3. 双击“安装.bat”：它只从本文件夹安装（不联网），再安装 Excel 加载项，最后逐项检查安装。\r\n"
            "4. 打开台账（如“示例台账.xlsx”），点功能区“党建报告 → 校验并生成报告”。\r\n\r\n"
            "以后检查安装：在“命令提示符”中运行 python -m dangjian doctor\r\n")


def build_bundle(*, here: bool = False, output_dir: Path = ROOT / "dist", log=print) -> Path:
    version = project_version()
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
        else:
            # One after another: side by side the pip processes were slower here.
            resolved = {python: windows_requirements(python) for python in WINDOWS_PYTHONS}
            for python, (requirements, installed) in resolved.items():
                problems = wheel_problems(installed, python)
                if problems:
                    raise BundleError("\n".join(problems))
                download(requirements, wheels, python=python, platform=WINDOWS_PLATFORM)
                log(f"CPython {python} {WINDOWS_PLATFORM}：{len(installed)} 个依赖包")
            for python in WINDOWS_PYTHONS:
                check_offline(wheels, version, python=python)
            (folder / "安装.bat").write_bytes(install_bat(version).encode("gbk"))
        log(f"依赖包下载完成（共 {time.monotonic() - started:.1f} 秒）")
        (folder / "说明.txt").write_bytes(readme_text(version, windows=not here).encode("gbk" if not here else "utf-8"))
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
    parser.add_argument("--here", action="store_true", help="为这台电脑的平台和 Python 生成（默认：64位 Windows，Python 3.11–3.13）")
    parser.add_argument("--verify", action="store_true", help="生成后装入全新虚拟环境（不用软件源）并生成示例报告；只能与 --here 同用")
    parser.add_argument("--output-dir", type=Path, default=ROOT / "dist", help="输出文件夹（默认 dist/）")
    args = parser.parse_args(argv)
    if args.verify and not args.here:
        parser.error("--verify 只能与 --here 同用")
    try:
        bundle = build_bundle(here=args.here, output_dir=args.output_dir)
        if args.verify:
            verify_bundle(bundle)
    except BundleError as exc:
        print(exc, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
