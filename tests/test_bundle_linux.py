"""The Linux desktop bundle (scripts/build_bundle.py --linux): its targets, 安装.sh and 说明.txt.

安装.sh is run for real here on machines made of stand-in commands (uname, getconf, python3), so
that each refusal is seen with its message; the whole offline install is proved by
`build_bundle.py --linux <this machine> --verify` in CI (.ci/run), and the resolution for both
processors, needing the package index, by the `network` test below.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import build_bundle  # noqa: E402

VERSION = build_bundle.project_version()


@pytest.mark.network
def test_every_dependency_has_a_manylinux_wheel_for_both_processors_and_every_python():
    for arch in build_bundle.LINUX_ARCHES:
        for python in build_bundle.LINUX_PYTHONS:
            requirements, installed = build_bundle.linux_requirements(python, arch)
            assert build_bundle.wheel_problems(installed, python, arch) == [], (arch, python)
            assert build_bundle.unpinned(installed, build_bundle.read_requirements(build_bundle.CONSTRAINTS)) == []
            names = {item["metadata"]["name"].lower() for item in installed}
            assert {"pandas", "numpy", "lxml", "xlwings"} <= names and "pywin32" not in names, (arch, python)


def wheel_names(*names: str) -> list[dict]:
    return [{"metadata": {"name": n.split("-")[0], "version": "1"}, "download_info": {"url": f"https://x/{n}"}}
            for n in names]


def test_wheel_check_takes_manylinux_up_to_glibc_2_28_for_the_processor_only():
    installed = wheel_names("numpy-2.4.6-cp312-cp312-manylinux_2_27_aarch64.manylinux_2_28_aarch64.whl",
                            "pandas-3.1.1-cp312-cp312-manylinux_2_31_aarch64.whl",  # newer glibc than 麒麟/统信
                            "lxml-6.1.3-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl",  # other processor
                            "openpyxl-3.1.5-py2.py3-none-any.whl", "xlwings-0.37.8-cp312-cp312-win_amd64.whl")
    problems = build_bundle.wheel_problems(installed, "3.12", "aarch64")
    assert [p.split("：")[0] for p in problems] == ["pandas", "lxml", "xlwings"]
    assert "Linux aarch64" in problems[0]
    assert build_bundle.linux_platforms("aarch64")[0] == "manylinux_2_28_aarch64"
    assert "manylinux1_x86_64" in build_bundle.linux_platforms("x86_64")


def test_the_glibc_a_bundle_needs_is_its_most_demanding_wheel(tmp_path):
    for name in ("numpy-2.4.6-cp312-cp312-manylinux_2_27_x86_64.manylinux_2_28_x86_64.whl",
                 "lxml-6.1.3-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl",
                 "openpyxl-3.1.5-py2.py3-none-any.whl"):
        (tmp_path / name).touch()
    assert build_bundle.glibc_needed(tmp_path) == (2, 27)  # numpy runs from its oldest tag
    assert build_bundle.glibc_needed(tmp_path / "空") == (2, 17)


def test_only_a_python_build_standalone_archive_of_the_right_processor_is_taken():
    name = "cpython-3.13.9+20251120-aarch64-unknown-linux-gnu-install_only.tar.gz"
    assert build_bundle.python_archive_version(name, "aarch64") == "3.13.9"
    for wrong, arch, said in ((name, "x86_64", "是 aarch64 的 Python"),
                              ("python-3.13.9-amd64.exe", "x86_64", "不是 python-build-standalone"),
                              (name.replace("3.13.9", "3.10.9"), "aarch64", "只带 Python 3.11–3.14")):
        with pytest.raises(build_bundle.BundleError, match=said):
            build_bundle.python_archive_version(wrong, arch)


def test_here_and_linux_are_one_or_the_other(capsys):
    with pytest.raises(SystemExit):
        build_bundle.main(["--here", "--linux", "x86_64"])
    assert "只能选一个" in capsys.readouterr().err


# ---------------------------------------------------------------- 安装.sh, run on stand-in machines

def bundle(tmp_path: Path, *, archive: str | None = None) -> Path:
    folder = tmp_path / "党建 工具" / "安装包"
    (folder / "wheels").mkdir(parents=True)
    (folder / "wheels" / f"dangjian-{VERSION}-py3-none-any.whl").touch()
    (folder / "wheels" / "numpy-2.4.6-cp312-cp312-manylinux_2_27_x86_64.manylinux_2_28_x86_64.whl").touch()
    build_bundle.write_linux_scripts(folder, VERSION, "x86_64", python_archive=archive)
    return folder


def machine(tmp_path: Path, *, arch: str = "x86_64", glibc: str = "glibc 2.28", pythons: dict[str, int]) -> dict:
    """A PATH of stand-ins: uname, getconf, and python commands of the given minor versions."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("sh", "dirname", "sed", "printf", "mkdir", "rm", "tar", "gzip", "cat"):
        if shutil.which(tool):
            (bin_dir / tool).symlink_to(shutil.which(tool))

    def command(name: str, body: str) -> None:
        (bin_dir / name).write_text(f"#!{shutil.which('sh')}\n{body}\n", encoding="utf-8")
        (bin_dir / name).chmod(0o755)

    command("uname", f"echo {arch}")
    command("getconf", f"echo '{glibc}'")
    for name, minor in pythons.items():
        command(name, f"echo {minor}")  # answers the version probe; never gets further in these tests
    return {"PATH": str(bin_dir), "HOME": str(tmp_path / "home"), "LANG": "C.UTF-8"}


def run_install(folder: Path, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([shutil.which("sh"), str(folder / "安装.sh")], env=env, capture_output=True, text=True,
                          timeout=30, cwd=folder.parent)


def test_install_sh_is_posix_sh_utf8_and_names_its_own_version(tmp_path):
    folder = bundle(tmp_path)
    script = (folder / "安装.sh").read_bytes()
    assert b"\r" not in script and script.startswith(b"#!/bin/sh\n")
    text = script.decode("utf-8")
    assert f'"dangjian=={VERSION}"' in text and "--no-index" in text
    assert '[ "$glibc_minor" -lt 27 ]' in text  # the bundle's own most demanding wheel, not a fixed number
    assert subprocess.run(["sh", "-n", str(folder / "安装.sh")]).returncode == 0
    if shutil.which("dash"):  # 统信's /bin/sh
        assert subprocess.run(["dash", "-n", str(folder / "安装.sh")]).returncode == 0
    readme = (folder / "说明.txt").read_text(encoding="utf-8")
    assert "glibc 2.27 及以上" in readme and "sh 安装.sh" in readme and "python3-tk" in readme


def test_install_sh_refuses_another_processor_and_an_old_glibc_in_chinese(tmp_path):
    folder = bundle(tmp_path)
    done = run_install(folder, machine(tmp_path, arch="aarch64", pythons={}))
    assert done.returncode == 1 and "本安装包用于 x86_64 电脑，这台电脑是 aarch64" in done.stderr
    shutil.rmtree(tmp_path / "bin")
    done = run_install(folder, machine(tmp_path, glibc="glibc 2.17", pythons={}))
    assert done.returncode == 1 and "glibc 是 2.17" in done.stderr and "需要 2.27 或更高" in done.stderr


def test_install_sh_passes_over_old_pythons_and_says_what_to_do(tmp_path):
    folder = bundle(tmp_path)
    done = run_install(folder, machine(tmp_path, pythons={"python3": 7}))  # 统信 UOS 20's own python3 is older
    assert done.returncode == 1
    assert "跳过 python3：版本是 3.7，需要 3.11–3.14" in done.stdout
    assert "没有找到 Python 3.11–3.14" in done.stderr and "说明.txt" in done.stderr


def test_install_sh_unpacks_the_bundled_python_when_none_is_suitable(tmp_path):
    archive = "cpython-3.12.8+20250106-x86_64-unknown-linux-gnu-install_only.tar.gz"
    folder = bundle(tmp_path, archive=archive)
    # A stand-in archive: python/bin/python3 answers 12, as the real one's top folder is python/.
    staged = tmp_path / "staged" / "python" / "bin"
    staged.mkdir(parents=True)
    (staged / "python3").write_text(f"#!{shutil.which('sh')}\necho 12\nexit 0\n", encoding="utf-8")
    (staged / "python3").chmod(0o755)
    (folder / "python").mkdir()
    subprocess.run(["tar", "-czf", str(folder / "python" / archive), "-C", str(tmp_path / "staged"), "python"], check=True)
    env = machine(tmp_path, pythons={"python3": 8})
    done = run_install(folder, env)
    unpacked = Path(env["HOME"]) / ".local" / "share" / "dangjian" / "python" / "bin" / "python3"
    assert unpacked.is_file() and "解压本安装包带的 Python" in done.stdout
    assert f"使用的 Python：12" in done.stdout  # the stand-in's answer: it was chosen, then the venv step follows
