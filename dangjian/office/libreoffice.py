"""Drive LibreOffice headless: find soffice, convert one file, report failures in Chinese.

Used by `report --pdf` and by the tests that check what LibreOffice makes of our files. Every
run gets a profile directory of its own (a second soffice sharing a profile would hand its
work to the first one, or wait for it), a time limit, and the repo's fontconfig file so the
Windows font names kept in the .docx are drawn with free look-alikes.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from ..errors import DangjianError, os_error_text
from ..files import writing
from ..shipped import shipped

FONTS_CONF = shipped("fonts", "fonts.conf")  # in the installed package or the source tree
DEFAULT_TIMEOUT = 180

# LibreOffice's "recalculation on file load" settings: 0 = always. Without it a file that
# already holds computed values is shown with those values, and a check of LibreOffice's
# own arithmetic would check nothing.
_ALWAYS_RECALCULATE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""

# Output formats by file suffix: LibreOffice's filter names, so that a .xlsx is written as
# Excel 2007+ (not the older "Office Open XML" dialect) and a .xls as Excel 97.
FILTERS = {
    ".pdf": "pdf",
    ".xlsx": "xlsx:Calc MS Excel 2007 XML",
    ".xls": "xls:MS Excel 97",
    ".ods": "ods",
    ".docx": "docx:MS Word 2007 XML",
    ".odt": "odt",
}

__all__ = ["OfficeError", "OfficeNotFound", "ConversionFailed", "find_soffice", "convert", "FONTS_CONF"]


class OfficeError(DangjianError):
    """LibreOffice could not do what was asked; the message says why, in Chinese."""


class OfficeNotFound(OfficeError):
    """LibreOffice (soffice) is not installed or cannot be found."""


class ConversionFailed(OfficeError):
    """LibreOffice ran but produced no output, failed, or took too long."""


def find_soffice() -> Path | None:
    """The soffice program: $DANGJIAN_SOFFICE, then PATH, then the usual install folders."""
    configured = os.environ.get("DANGJIAN_SOFFICE")
    if configured:
        return Path(configured) if Path(configured).is_file() else None
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return Path(found)
    candidates = []
    if sys.platform == "win32":
        for root in (os.environ.get("ProgramFiles"), os.environ.get("ProgramFiles(x86)")):
            if root:
                candidates.append(Path(root) / "LibreOffice" / "program" / "soffice.exe")
    elif sys.platform == "darwin":
        candidates.append(Path("/Applications/LibreOffice.app/Contents/MacOS/soffice"))
    else:
        candidates += [Path("/usr/lib/libreoffice/program/soffice"), Path("/opt/libreoffice/program/soffice")]
    return next((c for c in candidates if c.is_file()), None)


def convert(source: Path, *, output: Path, timeout: float = DEFAULT_TIMEOUT, recalculate: bool = True,
            fonts: Path | None = FONTS_CONF) -> Path:
    """Convert `source` into `output` (format from its suffix) with a fresh headless LibreOffice.

    Written under the output policy (files.writing): whole or not at all, and to “name(1).pdf”
    when `output` is open or read-only; returns the path written. Raises OfficeNotFound or
    ConversionFailed.
    """
    source, output = Path(source), Path(output)
    soffice = find_soffice()
    if soffice is None:
        raise OfficeNotFound("未找到 LibreOffice（soffice）：请安装 LibreOffice，或设置环境变量 DANGJIAN_SOFFICE 指向 soffice 程序")
    target = FILTERS.get(output.suffix.lower())
    if target is None:
        raise ConversionFailed(f"不支持转换为“{output.suffix}”格式")
    if not source.is_file():
        raise ConversionFailed(f"找不到要转换的文件“{source}”")
    with tempfile.TemporaryDirectory(prefix="dangjian-office-") as work:
        work_dir = Path(work)
        profile = work_dir / "profile"
        if recalculate:
            (profile / "user").mkdir(parents=True)
            (profile / "user" / "registrymodifications.xcu").write_text(_ALWAYS_RECALCULATE, encoding="utf-8")
        # soffice names its output after the input; a plain ASCII copy avoids surprises with
        # the input's name (spaces, Chinese, a leading dash) on every platform.
        copy = work_dir / ("input" + source.suffix.lower())
        shutil.copyfile(source, copy)
        out_dir = work_dir / "out"
        command = [
            str(soffice), f"-env:UserInstallation={profile.as_uri()}", "--headless", "--invisible",
            "--norestore", "--nologo", "--nodefault", "--nolockcheck",
            "--convert-to", target, "--outdir", str(out_dir), str(copy),
        ]
        stderr = _run(command, timeout=timeout, env=_environment(fonts, work_dir))
        produced = out_dir / ("input" + output.suffix.lower())
        if not produced.is_file() or produced.stat().st_size == 0:
            detail = f"（{stderr.strip()[-300:]}）" if stderr.strip() else ""
            raise ConversionFailed(f"LibreOffice 未能把“{source.name}”转换为{output.suffix}文件{detail}")
        with writing(output) as written:
            shutil.copyfile(produced, written.temporary)
    return written.path


def _environment(fonts: Path | None, work_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    if fonts is not None and Path(fonts).is_file():
        env["FONTCONFIG_FILE"] = str(fonts)
    # A HOME that cannot be written (service accounts, CI) makes soffice fail silently.
    if not os.access(env.get("HOME", ""), os.W_OK):
        env["HOME"] = str(work_dir)
    return env


def _run(command: list[str], *, timeout: float, env: dict[str, str]) -> str:
    kwargs: dict = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, "env": env}
    if os.name == "posix":
        kwargs["start_new_session"] = True  # soffice forks soffice.bin: end the whole group
    else:
        kwargs["creationflags"] = getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0)
    try:
        process = subprocess.Popen(command, **kwargs)
    except OSError as exc:
        raise OfficeNotFound(f"无法启动 LibreOffice（{command[0]}）：{os_error_text(exc)}") from exc
    try:
        _, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill(process)
        raise ConversionFailed(f"LibreOffice 超过{int(timeout)}秒仍未完成转换，已停止") from None
    except KeyboardInterrupt:
        _kill(process)
        raise
    if process.returncode != 0:
        text = stderr.decode("utf-8", "replace").strip()[-300:]
        raise ConversionFailed(f"LibreOffice 转换失败（退出码 {process.returncode}）{('：' + text) if text else ''}")
    return stderr.decode("utf-8", "replace")


def _kill(process: subprocess.Popen) -> None:
    try:
        if os.name == "posix":
            os.killpg(process.pid, signal.SIGKILL)
        else:
            process.kill()
    except (ProcessLookupError, PermissionError):
        pass
    process.communicate()
