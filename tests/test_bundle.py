"""The package (pyproject.toml) and the offline installer bundle (scripts/build_bundle.py).

One test here needs the package index (the Windows check asks pip to resolve every dependency for
win_amd64): it is marked `network` and runs only with `--run-network` (CI does). The wheel is built
with the setuptools that requirements-test.txt installs, without the index. The Windows check uses
`pip install --dry-run --report` rather than `pip download` or the index's JSON pages: pip's own
resolver finds every transitive dependency, reads only the wheels' metadata (no 100 MB download),
and is exactly what the bundle build runs, so the test and the bundle cannot disagree.
"""
from __future__ import annotations

import ast
import fnmatch
import os
import re
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import build_bundle  # noqa: E402

import dangjian  # noqa: E402
from build_bundle import canonicalize_name  # noqa: E402

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def requirement_lines() -> list[str]:
    return build_bundle.read_requirements()


# ---------------------------------------------------------------- pyproject.toml

def test_pyproject_takes_the_pins_from_requirements_txt_and_declares_the_command():
    project = PYPROJECT["project"]
    assert project["name"] == "dangjian"
    assert set(project["dynamic"]) == {"version", "dependencies"} and "dependencies" not in project
    dynamic = PYPROJECT["tool"]["setuptools"]["dynamic"]
    assert dynamic["dependencies"] == {"file": ["requirements.txt"]}
    assert dynamic["version"] == {"attr": "dangjian.__version__"}
    assert project["scripts"] == {"dangjian": "dangjian.cli:console"}
    assert "pytest" not in PYPROJECT.get("tool", {})  # markers live in tests/conftest.py


def test_every_package_folder_and_shipped_file_is_in_the_wheel_config():
    setuptools = PYPROJECT["tool"]["setuptools"]
    folders = {".".join(p.relative_to(ROOT).parts[:-1]) for p in (ROOT / "dangjian").rglob("__init__.py")
               if "__pycache__" not in p.parts}
    assert folders <= set(setuptools["packages"])
    for package, folder in setuptools["package-dir"].items():
        patterns = setuptools["package-data"][package]
        assert any(any((ROOT / folder).glob(pattern)) for pattern in patterns), (package, folder)
    assert setuptools["py-modules"] == ["macros"]  # the add-in's VBA runs `import macros`
    # The bundle builds the wheel from a copy of these parts of the tree.
    assert set(setuptools["package-dir"].values()) | {"dangjian", "macros.py", "pyproject.toml", "requirements.txt",
                                                      PYPROJECT["project"]["readme"]} <= set(build_bundle.WHEEL_SOURCES)


@pytest.fixture(scope="module")
def project_wheel(tmp_path_factory) -> Path:
    return build_bundle.build_project_wheel(tmp_path_factory.mktemp("wheel"), isolated=False)


def test_wheel_carries_the_template_workbooks_addin_and_pins(project_wheel):
    with zipfile.ZipFile(project_wheel) as wheel:
        names = set(wheel.namelist())
        info = f"dangjian-{dangjian.__version__}.dist-info"
        metadata = wheel.read(f"{info}/METADATA").decode("utf-8")
        entry_points = wheel.read(f"{info}/entry_points.txt").decode("utf-8")
    assert {"macros.py", "dangjian/templates/工作报告模板.docx", "dangjian/workbook/示例台账.xlsx",
            "dangjian/workbook/党支部工作台账.xlsx", "dangjian/xlw_addin/macros.xlam", "dangjian/office/doctor.py"} <= names
    assert re.findall(r"^Requires-Dist: (.+)$", metadata, re.M) == requirement_lines()
    assert "dangjian = dangjian.cli:console" in entry_points


def shipped_lookups() -> set[str]:
    """Every `shipped("folder", "name")` in the package, as the path the wheel must hold."""
    found = set()
    for module in (ROOT / "dangjian").rglob("*.py"):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "shipped":
                folder, name = (arg.value for arg in node.args)
                found.add(f"dangjian/{folder}/{name}")
    return found


def test_the_wheel_config_maps_every_file_the_package_looks_up_with_shipped():
    # Offline: what the wheel will hold, read from pyproject.toml as setuptools reads it.
    setuptools = PYPROJECT["tool"]["setuptools"]
    lookups = shipped_lookups()
    assert "dangjian/fonts/fonts.conf" in lookups  # office.py finds it the way the templates are found
    for lookup in lookups:
        _, folder, name = lookup.split("/")
        package = f"dangjian.{folder}"
        assert package in setuptools["packages"] and setuptools["package-dir"].get(package) == folder, lookup
        assert any(fnmatch.fnmatch(name, pattern) for pattern in setuptools["package-data"][package]), lookup
        assert (ROOT / folder / name).is_file(), lookup


def test_wheel_holds_every_file_the_package_looks_up_with_shipped(project_wheel):
    wanted = shipped_lookups()
    # The PDF's fonts: without fonts.conf LibreOffice draws 仿宋/楷体 with whatever it finds.
    assert {"dangjian/templates/工作报告模板.docx", "dangjian/fonts/fonts.conf"} <= wanted
    with zipfile.ZipFile(project_wheel) as wheel:
        assert wanted <= set(wheel.namelist())


def test_unpacked_wheel_works_away_from_the_source_tree(project_wheel, tmp_path):
    site = tmp_path / "site-packages"
    with zipfile.ZipFile(project_wheel) as wheel:
        wheel.extractall(site)
    work = tmp_path / "work"
    work.mkdir()
    ledger = work / "台账.xlsx"
    ledger.write_bytes((ROOT / "workbook" / "示例台账.xlsx").read_bytes())
    env = {**os.environ, "PYTHONPATH": str(site)}

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, *args], cwd=work, env=env, capture_output=True, text=True)

    where = run("-c", "import dangjian.api as api, dangjian.office.libreoffice as office, macros; "
                      "print(api.DEFAULT_TEMPLATE); print(office.FONTS_CONF); print(macros.__file__)")
    assert where.returncode == 0, where.stderr
    template, fonts_conf, macros_file = where.stdout.splitlines()
    assert Path(template) == site / "dangjian" / "templates" / "工作报告模板.docx"
    assert Path(fonts_conf) == site / "dangjian" / "fonts" / "fonts.conf" and Path(fonts_conf).is_file()
    assert Path(macros_file) == site / "macros.py"
    version = run("-m", "dangjian", "--version")
    assert version.stdout.startswith(f"dangjian {dangjian.__version__}")
    report = run("-m", "dangjian", "report", str(ledger), "-o", str(work / "报告.docx"))
    assert report.returncode == 0, report.stderr
    assert zipfile.is_zipfile(work / "报告.docx")


# ---------------------------------------------------------------- Windows wheels

@pytest.mark.network
def test_every_dependency_has_a_win_amd64_wheel_for_python_3_11_to_3_14():
    # One after another: run side by side, the pip processes were slower (measured 28 s against 16 s).
    results = {python: build_bundle.windows_requirements(python) for python in build_bundle.WINDOWS_PYTHONS}
    pinned = dict(line.split("==") for line in requirement_lines())
    for python, (requirements, installed) in results.items():
        assert build_bundle.wheel_problems(installed, python) == [], python
        versions = {canonicalize_name(item["metadata"]["name"]): item["metadata"]["version"] for item in installed}
        for name, version in pinned.items():
            assert versions[canonicalize_name(name)] == version, (python, name)
        # pip judged `platform_system == 'Windows'` by this Linux machine; the closure adds it back.
        assert "pywin32" in versions, python
        # constraints.txt holds the whole closure, so two builds download the same wheels.
        assert build_bundle.unpinned(installed, build_bundle.read_requirements(build_bundle.CONSTRAINTS)) == [], python
    assert set(results) == {"3.11", "3.12", "3.13", "3.14"}


def resolution(*packages: tuple[str, str, list[str], str]) -> list[dict]:
    return [{"metadata": {"name": name, "version": version, "requires_dist": requires},
             "download_info": {"url": f"https://files.example/{file_name}"}}
            for name, version, requires, file_name in packages]


def test_closure_adds_what_only_windows_requires_and_nothing_else(monkeypatch):
    calls = []
    xlwings = ("xlwings", "0.37.8", ["pywin32>=224 ; platform_system == 'Windows'",
                                     "psutil>=2.0.0 ; platform_system == 'Darwin'", "black ; extra == 'all'"],
               "xlwings-0.37.8-cp312-cp312-win_amd64.whl")
    pywin32 = ("pywin32", "312", [], "pywin32-312-cp312-cp312-win_amd64.whl")

    def resolve(requirements, *, python, platform, constraints=(), pinned=True):
        calls.append((list(requirements), list(constraints)))
        return resolution(pywin32) if requirements == ["pywin32>=224"] else resolution(xlwings)

    monkeypatch.setattr(build_bundle, "resolve", resolve)
    requirements, installed = build_bundle.windows_requirements("3.12", ["xlwings==0.37.8"])
    assert requirements == ["xlwings==0.37.8", "pywin32>=224"]
    # The addition is resolved alone, held to the versions already chosen.
    assert calls == [(["xlwings==0.37.8"], []), (["pywin32>=224"], ["xlwings==0.37.8"])]
    assert [item["metadata"]["name"] for item in installed] == ["xlwings", "pywin32"]


def test_wheel_check_rejects_source_archives_32_bit_and_other_pythons():
    installed = resolution(("pandas", "3.1.1", [], "pandas-3.1.1-cp311-cp311-win32.whl"),
                           ("lxml", "6.1.3", [], "lxml-6.1.3.tar.gz"),
                           ("numpy", "2.4.6", [], "numpy-2.4.6-cp312-cp312-win_amd64.whl"),
                           ("openpyxl", "3.1.5", [], "openpyxl-3.1.5-py2.py3-none-any.whl"),
                           ("markupsafe", "3.0.4", [], "markupsafe-3.0.4-cp311-abi3-win_amd64.whl"))
    problems = build_bundle.wheel_problems(installed, "3.11")
    assert [p.split("：")[0] for p in problems] == ["pandas", "lxml", "numpy"]


# ---------------------------------------------------------------- 安装.bat and 说明.txt

INSTALLER = "python-3.13.9-amd64.exe"


def bat_lines(**options) -> list[str]:
    text = build_bundle.install_bat("0.1.0", **options)
    assert all(line.endswith("\r") for line in text.split("\n")[:-1]), "every line must end in CRLF"
    return text.split("\r\n")


def label_lines(lines: list[str], label: str) -> list[str]:
    """The lines from :label to the next label."""
    start = lines.index(f":{label}") + 1
    end = next((i for i in range(start, len(lines)) if lines[i].startswith(":")), len(lines))
    return lines[start:end]


@pytest.mark.parametrize("options", [{}, {"python_installer": INSTALLER}])
def test_install_bat_is_sound_for_cmd_exe(options):
    text = build_bundle.install_bat("0.1.0", **options)
    data = text.encode("gbk")
    assert data.decode("gbk") == text
    lines = bat_lines(**options)
    # cmd.exe decodes each line when it reaches it, in the console's code page (437 on English
    # Windows, 65001 with the UTF-8 beta option): nothing but ASCII before `chcp 936`, and the
    # old code page comes back at the end.
    chcp = lines.index("chcp 936 >nul 2>nul")
    assert all(line.isascii() for line in lines[:chcp + 1])
    assert any("('chcp')" in line and "OLD_CP" in line for line in lines[:chcp])
    assert "chcp %OLD_CP%" in "\n".join(label_lines(lines, "end"))
    # A double-byte character whose second byte is one of cmd's special characters breaks a batch
    # file wherever the console's code page is not 936; none of the wording may have one.
    special = b'|^&<>%\\"'
    assert [ch for ch in set(text) if not ch.isascii() and set(ch.encode("gbk")[1:]) & set(special)] == []
    # No delayed expansion and nothing it could eat; no parenthesised block that a ")" in an
    # expanded path (C:\Program Files (x86)) could close early.
    assert "setlocal EnableExtensions DisableDelayedExpansion" in lines and "!" not in text
    outside_quotes = [re.sub(r'"[^"]*"', "", line) for line in lines]
    assert not [line for line in outside_quotes if "(" in line or ")" in line
                if not line.startswith(("echo ", "for /f  %%c in ('chcp') do "))]
    # In the wording, outside quotes, no & | < > ^ that cmd would take as an operator.
    for line in outside_quotes:
        if line.startswith("echo ") or " echo " in line:
            assert not set(line.split("echo ", 1)[1]) & set("&|<>^"), line
    # Every % is a variable or an argument: no stray one that cmd would swallow.
    assert re.sub(r"%~dp0|%~[12]|%%c|%[A-Za-z_]+%", "", text).count("%") == 0
    # Every jump lands.
    labels = {line[1:] for line in lines if line.startswith(":")}
    assert set(re.findall(r"(?:goto|call) :?(\w+)", text)) <= labels
    # Every path is quoted where it is used.
    for line in lines:
        for variable in ("%~dp0", "%PY_EXE%", "%~1", "%LOCALAPPDATA%", "%ProgramFiles%", "%TEMP%"):
            for match in re.finditer(re.escape(variable), line):
                assert line[:match.start()].count('"') % 2 == 1, line
    # Each step is followed by its errorlevel check.
    for step in ("-m pip install", "-m dangjian install-addin", "-m dangjian install-launcher", "-m dangjian doctor",
                 "import sys; print"):
        at = next(i for i, line in enumerate(lines) if step in line)
        assert lines[at + 1].startswith("if errorlevel 1 "), step


def test_install_bat_finds_python_3_11_to_3_14_however_it_was_installed():
    lines = bat_lines()
    probe = next(line for line in label_lines(lines, "trypython") if "sys.version_info" in line)
    assert "((3,11), (3,12), (3,13), (3,14),)" in probe and "struct.calcsize('P') == 8" in probe
    tries = [line.split("call :")[1] for line in lines if "call :try" in line and not line.startswith(":")]
    assert tries[0] == "trypython python"
    # The launcher by exact version (py -3 alone may pick an unsuitable default), newest first.
    assert tries[1:5] == ["trypython py -3.14", "trypython py -3.13", "trypython py -3.12", "trypython py -3.11"]
    # Installed without PATH and without the launcher: the per-user, all-users and install-manager folders.
    paths = " ".join(tries[5:])
    for folder in (r"%LOCALAPPDATA%\Programs\Python\Python314\python.exe", r"%ProgramFiles%\Python311\python.exe",
                   r"%LOCALAPPDATA%\Python\pythoncore-3.14-64\python.exe"):
        assert f'trypath "{folder}"' in paths
    assert lines.index("if defined PY_EXE goto havepython") > max(i for i, line in enumerate(lines) if "call :try" in line)
    # Whatever was found runs every step, with its version option.
    assert all('"%PY_EXE%" %PY_VER% -m' in line for line in lines if " -m pip" in line or "-m dangjian" in line
               if not line.startswith("if ") and "echo" not in line)


def test_install_bat_stops_in_chinese_when_run_from_inside_the_zip():
    lines = bat_lines()
    check = next(i for i, line in enumerate(lines) if "goto notextracted" in line)
    assert lines[check] == r'if not exist "%~dp0wheels\dangjian-0.1.0-py3-none-any.whl" goto notextracted'
    assert check < next(i for i, line in enumerate(lines) if "call :try" in line)
    message = "\n".join(label_lines(lines, "notextracted"))
    assert "压缩包" in message and "全部解压缩" in message and "goto fail" in message


def test_install_bat_prints_commands_that_work_without_python_on_path():
    text = build_bundle.install_bat("0.1.0")
    lines = bat_lines()
    assert "python -m dangjian" not in text
    shown = label_lines(lines, "showcommands")
    assert "if defined PY_SHOW echo   检查安装：%PY_SHOW% -m dangjian doctor 台账.xlsx" in shown
    assert 'if not defined PY_SHOW echo   生成报告："%PY_EXE%" -m dangjian report 台账.xlsx' in shown
    # PY_SHOW is what was typed (python, py -3.13); a Python found by its path is shown quoted.
    assert 'if "%TRIED%"=="0" if not "%~2"=="" set "PY_SHOW=%~1 %~2"' in label_lines(lines, "trypython")
    assert not [line for line in label_lines(lines, "trypath") if "PY_SHOW" in line]
    assert "call :showcommands" in lines
    # doctor looks at the sample workbook too: a downloaded zip's files open in Protected View.
    assert '"%PY_EXE%" %PY_VER% -m dangjian doctor "%~dp0示例台账.xlsx"' in lines


def test_install_bat_names_windows_8_1_and_the_account_that_will_use_the_button():
    text = build_bundle.install_bat("0.1.0")
    assert "Windows 8.1 或更高版本" in text
    assert '"%USERNAME%"' in text and "另一个管理员账户" in text


def test_install_bat_installs_the_bundled_python_quietly_for_this_user_only_when_needed():
    plain = bat_lines()
    assert ":installpython" not in plain and "if \"%UNSUITABLE%\"==\"4\" goto bits32" in plain
    lines = bat_lines(python_installer=INSTALLER)
    assert lines[lines.index("if defined PY_EXE goto havepython") + 1] == "goto installpython"
    install = label_lines(lines, "installpython")
    run = next(line for line in install if INSTALLER in line)
    assert run.startswith(rf'"%~dp0python\{INSTALLER}" /quiet ')
    for option in ("InstallAllUsers=0", "Include_launcher=1", "InstallLauncherAllUsers=0",
                   r'"TargetDir=%LOCALAPPDATA%\Programs\Python\Python313"'):
        assert f" {option}" in run
    after = install[install.index(run) + 1:]
    assert after[:3] == ['set "INSTALLED=%errorlevel%"', 'if "%INSTALLED%"=="3010" set "INSTALLED=0"',
                         'if not "%INSTALLED%"=="0" goto pythonfailed']
    assert r'call :trypath "%LOCALAPPDATA%\Programs\Python\Python313\python.exe"' in after
    assert [line for line in after if line][-1] == "goto havepython"


@pytest.mark.parametrize("name", ["python-3.13.9.exe", "python-3.13.9-arm64.exe", "python-3.10.11-amd64.exe",
                                  "python-manager-25.0.msix", "setup.exe"])
def test_only_a_64_bit_python_org_installer_of_a_supported_version_is_taken(name, tmp_path):
    with pytest.raises(build_bundle.BundleError):
        build_bundle.installer_version(name)
    installer = tmp_path / name
    installer.write_bytes(b"MZ")
    # Refused before the project wheel is built or anything is downloaded.
    with pytest.raises(build_bundle.BundleError):
        build_bundle.build_bundle(output_dir=tmp_path / "dist", python_installer=installer, log=lambda _: None)
    assert not (tmp_path / "dist").exists()
    assert build_bundle.installer_version("python-3.14.2-amd64.exe") == "3.14.2"


def test_here_and_python_installer_do_not_go_together(capsys):
    with pytest.raises(SystemExit):
        build_bundle.main(["--here", "--python-installer", INSTALLER])
    assert "--python-installer" in capsys.readouterr().err


@pytest.mark.parametrize("installer", [None, INSTALLER])
def test_windows_scripts_are_written_as_the_bundle_holds_them(tmp_path, installer):
    bat, readme = build_bundle.write_windows_scripts(tmp_path, "0.1.0", python_installer=installer)
    assert bat.read_bytes().decode("gbk") == build_bundle.install_bat("0.1.0", python_installer=installer)
    text = readme.read_bytes().decode("gbk")
    assert "\r\n" in text and "\n" not in text.replace("\r\n", "")
    assert "Windows 8.1 或更高版本" in text and "Python 3.11–3.14" in text
    assert "解压" in text and "不要换用另一个管理员账户" in text
    assert "python -m dangjian" not in text and "py -3.13 -m dangjian doctor" in text
    assert ("Python 3.13.9" in text) == (installer is not None)


# ---------------------------------------------------------------- constraints.txt

def test_constraints_pin_every_requirement_at_its_version():
    constraints = build_bundle.pins(build_bundle.read_requirements(build_bundle.CONSTRAINTS))
    assert build_bundle.pins(requirement_lines()).items() <= constraints.items()
    assert "pywin32" in constraints  # required only on Windows: the closure is the target's


def test_every_resolution_and_download_is_held_to_constraints_txt(monkeypatch, tmp_path):
    seen = []

    def pip(*args, env=None):
        held = Path(args[args.index("-c") + 1]).read_text(encoding="utf-8")
        seen.append((args[0], held))
        if "--report" in args:
            Path(args[args.index("--report") + 1]).write_text('{"install": []}', encoding="utf-8")
        return subprocess.CompletedProcess(args, 0, "", "")

    monkeypatch.setattr(build_bundle, "pip", pip)
    build_bundle.resolve(["pandas==3.1.1"], python="3.14", platform="win_amd64", constraints=["numpy==2.4.6"])
    build_bundle.download(["pandas==3.1.1"], tmp_path, python="3.14", platform="win_amd64")
    build_bundle.resolve(["pandas==3.1.1"], python=None, platform=None, pinned=False)
    pinned = build_bundle.CONSTRAINTS.read_text(encoding="utf-8")
    assert seen[0][0] == "install" and "pywin32==312" in seen[0][1] and "numpy==2.4.6" in seen[0][1]
    assert seen[1] == ("download", pinned)
    assert "pywin32" not in seen[2][1]  # --write-constraints resolves afresh


def test_write_constraints_resolves_afresh_for_every_target_and_pins_the_union(monkeypatch, tmp_path):
    calls = []

    def windows_requirements(python, requirements=None, *, pinned=True):
        calls.append((python, pinned))
        return [], resolution(("pywin32", "312", [], "w.whl"), ("pandas", "3.1.1", [], "p.whl"))

    def resolve(requirements, *, python, platform, constraints=(), pinned=True):
        calls.append(("here", pinned))
        return resolution(("pandas", "3.1.1", [], "p.whl"), ("tzdata", "2026.6", [], "t.whl"))

    monkeypatch.setattr(build_bundle, "windows_requirements", windows_requirements)
    monkeypatch.setattr(build_bundle, "resolve", resolve)
    monkeypatch.setattr(build_bundle, "CONSTRAINTS", tmp_path / "constraints.txt")
    assert build_bundle.main(["--write-constraints"]) == 0
    assert calls == [("3.11", False), ("3.12", False), ("3.13", False), ("3.14", False), ("here", False)]
    assert build_bundle.read_requirements(tmp_path / "constraints.txt") == ["pandas==3.1.1", "pywin32==312",
                                                                            "tzdata==2026.6"]


def test_a_resolution_outside_the_constraints_is_named():
    installed = resolution(("pandas", "3.1.1", [], "p.whl"), ("tzdata", "2099.1", [], "t.whl"),
                           ("newpackage", "1.0", [], "n.whl"))
    assert build_bundle.unpinned(installed, ["pandas==3.1.1", "tzdata==2026.6"]) == ["tzdata 2099.1", "newpackage 1.0"]
    text = build_bundle.constraints_text([installed])
    assert text.startswith(build_bundle.CONSTRAINTS_HEADER)
    assert text.splitlines()[-3:] == ["newpackage==1.0", "pandas==3.1.1", "tzdata==2099.1"]


def test_bundle_name_and_offline_environment_drop_every_pip_setting(monkeypatch):
    monkeypatch.setenv("PIP_FIND_LINKS", "/somewhere")
    monkeypatch.setenv("PIP_INDEX_URL", "https://mirror.invalid/simple")
    env = build_bundle.offline_environment()
    assert not [key for key in env if key.startswith("PIP_") and key != "PIP_CONFIG_FILE"]
    assert env["PIP_CONFIG_FILE"] == os.devnull
    assert build_bundle.BUNDLE_NAME.format(version=dangjian.__version__) == f"党建报告-离线安装包-{dangjian.__version__}"
    assert build_bundle.project_version() == dangjian.__version__
