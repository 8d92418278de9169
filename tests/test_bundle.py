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
    assert project["scripts"] == {"dangjian": "dangjian.cli:main"}
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
            "dangjian/workbook/党支部工作台账.xlsx", "dangjian/xlw_addin/macros.xlam", "dangjian/doctor.py"} <= names
    assert re.findall(r"^Requires-Dist: (.+)$", metadata, re.M) == requirement_lines()
    assert "dangjian = dangjian.cli:main" in entry_points


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

    where = run("-c", "import dangjian.api as api, dangjian.office as office, macros; "
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
def test_every_dependency_has_a_win_amd64_wheel_for_python_3_11_to_3_13():
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

    def resolve(requirements, *, python, platform, constraints=()):
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


# ---------------------------------------------------------------- 安装.bat

def test_install_bat_installs_offline_after_checking_python_then_addin_then_doctor():
    text = build_bundle.install_bat("0.1.0")
    data = text.encode("gbk")  # cmd.exe reads a batch file in the console's code page (936 in China)
    assert data.decode("gbk") == text
    assert all(line.endswith("\r") for line in text.split("\n")[:-1]), "every line must end in CRLF"
    # A double-byte character whose second byte is one of cmd's special characters breaks a batch
    # file wherever the console's code page is not 936; none of the wording may have one.
    special = b'|^&<>%\\"'
    assert [ch for ch in set(text) if not ch.isascii() and set(ch.encode("gbk")[1:]) & set(special)] == []
    lines = text.split("\r\n")
    labels = {line[1:] for line in lines if line.startswith(":")}
    jumps = set(re.findall(r"goto (\w+)", text))
    assert jumps == labels

    version_check = next(line for line in lines if "sys.version_info[:2] in" in line)
    assert "((3,11), (3,12), (3,13),)" in version_check
    assert any("struct.calcsize('P') == 8" in line for line in lines)
    install = next(line for line in lines if "pip install" in line)
    assert '--no-index --find-links "%~dp0wheels" dangjian==0.1.0' in install
    order = [i for i, line in enumerate(lines) for step in ("goto badversion", "goto bits32", "pip install",
                                                            "dangjian install-addin", "dangjian doctor") if step in line]
    assert order == sorted(order) and len(order) == 5
    refusal = "\n".join(lines[lines.index(":bits32"):lines.index(":pipfailed")])
    assert "32 位" in refusal and "64-bit" in refusal


def test_bundle_name_and_offline_environment_drop_every_pip_setting(monkeypatch):
    monkeypatch.setenv("PIP_FIND_LINKS", "/somewhere")
    monkeypatch.setenv("PIP_INDEX_URL", "https://mirror.invalid/simple")
    env = build_bundle.offline_environment()
    assert not [key for key in env if key.startswith("PIP_") and key != "PIP_CONFIG_FILE"]
    assert env["PIP_CONFIG_FILE"] == os.devnull
    assert build_bundle.BUNDLE_NAME.format(version=dangjian.__version__) == f"党建报告-离线安装包-{dangjian.__version__}"
    assert build_bundle.project_version() == dangjian.__version__
