"""scripts/setup-test.sh on machines built from stand-in commands: what it installs and when.

Each machine is a folder of commands that is the whole PATH (no sudo in it): `apt-get` and pip
(`python3 -m pip`) only note that they were called, so nothing is installed for real.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

pytestmark = pytest.mark.process

FONT_NAMES = r"Noto Serif CJK SC\nAR PL UKai CN\n"  # as printf's format


def machine(tmp_path: Path, *, has_everything: bool, root: bool, pins: str = "") -> tuple[Path, dict]:
    """A project copy holding only the script and `pins`, and the PATH of a machine that has
    LibreOffice, poppler and the fonts or has none of them."""
    project = tmp_path / "project"
    (project / "scripts").mkdir(parents=True)
    shutil.copy2(ROOT / "scripts" / "setup-test.sh", project / "scripts" / "setup-test.sh")
    (project / "requirements-test.txt").write_text(pins, encoding="utf-8")
    calls = tmp_path / "calls.txt"
    calls.touch()
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("bash", "grep", "dirname", "yes", "head"):
        (bin_dir / tool).symlink_to(shutil.which(tool))

    def command(name: str, body: str) -> None:
        (bin_dir / name).write_text(f"#!{shutil.which('bash')}\n{body}\n", encoding="utf-8")
        (bin_dir / name).chmod(0o755)

    def note(name: str) -> str:
        return f'echo "{name} $*" >> {calls}'

    command("apt-get", note("apt-get"))
    command("id", f"echo {0 if root else 1000}")
    # Only `python3 -m pip` is a stand-in; the script's own Python snippet runs for real.
    command("python3", f'if [ "${{1:-}}" = "-m" ] && [ "${{2:-}}" = "pip" ]; then shift 2; {note("pip")}; exit 0; fi\n'
                       f'exec {sys.executable} "$@"')
    if has_everything:
        command("soffice", "exit 0")
        command("pdffonts", "exit 0")
        # The fonts come first and a long list follows, as on a desktop: a reader that stops at
        # the first match leaves fc-list writing into a closed pipe.
        command("fc-list", f"printf '{FONT_NAMES}'; yes 'DejaVu Sans' | head -n 300000")
    else:
        command("fc-list", "printf 'DejaVu Sans\\n'")
    return project, {"PATH": str(bin_dir), "HOME": str(tmp_path), "LANG": "C.UTF-8", "calls": str(calls)}


def run(project: Path, env: dict) -> tuple[subprocess.CompletedProcess, list[str]]:
    calls = Path(env["calls"])
    before = calls.read_text(encoding="utf-8").splitlines()
    done = subprocess.run([env["PATH"] + "/bash", str(project / "scripts" / "setup-test.sh")],
                          env={k: v for k, v in env.items() if k != "calls"}, stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=60)
    return done, calls.read_text(encoding="utf-8").splitlines()[len(before):]


def installed_pin() -> str:
    from importlib import metadata

    return f"pytest=={metadata.version('pytest')}\n"


def test_second_run_on_a_complete_machine_installs_nothing_and_needs_no_root(tmp_path):
    project, env = machine(tmp_path, has_everything=True, root=False, pins=installed_pin())
    for attempt in (1, 2):
        done, calls = run(project, env)
        assert done.returncode == 0, (attempt, done.stderr)
        assert calls == [], attempt
        assert done.stderr == ""


def test_without_root_or_sudo_the_missing_parts_are_named_and_the_packages_still_installed(tmp_path):
    project, env = machine(tmp_path, has_everything=False, root=False, pins="pytest==0.0.1\n")
    done, calls = run(project, env)
    assert done.returncode == 0, done.stderr
    assert calls == ["pip install -q --disable-pip-version-check -r requirements-test.txt"]
    assert "缺少：LibreOffice、poppler" in done.stderr and "UKai" in done.stderr
    assert "apt-get install libreoffice-calc" in done.stderr and "测试将被跳过" in done.stderr


def test_as_root_on_a_fresh_machine_everything_is_installed(tmp_path):
    # CI runs .ci/run as root on a fresh machine: LibreOffice, the fonts and poppler come from apt.
    project, env = machine(tmp_path, has_everything=False, root=True, pins="pytest==0.0.1\n")
    done, calls = run(project, env)
    assert done.returncode == 0, done.stderr
    assert calls[0] == "apt-get update -qq"
    assert calls[1].startswith("apt-get install -y") and {"libreoffice-calc", "libreoffice-writer", "fonts-noto-cjk",
                                                           "fonts-arphic-ukai", "poppler-utils"} <= set(calls[1].split())
    assert calls[2:] == ["pip install -q --disable-pip-version-check -r requirements-test.txt"]
