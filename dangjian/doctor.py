"""`dangjian doctor`: what on this computer would stop the command line or the Excel add-in.

Each check is data (what was looked at, its status, what was found, how to fix it), so the CLI
prints them and the tests compare them. Everything the checks read about the machine comes
through `Machine`, whose Windows-only parts (registry, ANSI code page, XLSTART) tests replace.
Nothing here starts Excel or changes a file: the folder test writes and removes a temporary file.
"""
from __future__ import annotations

import importlib.util
import os
import re
import shutil
import site
import struct
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from importlib import metadata
from pathlib import Path
from typing import Callable
from xml.etree import ElementTree

from . import __version__
from .addin import (ADDIN_NAME, CONF_PROJECT, SAFE_SETTINGS, conf_encoding, conf_path,
                    excel_server, read_conf, wps_server)
from .errors import ERROR_LOG, error_log_folder
from .office import find_soffice
from .shipped import SOURCE_ROOT

OK, WARN, FAIL, SKIP = "正常", "注意", "问题", "未检查"
SUPPORTED = ((3, 11), (3, 12), (3, 13))  # the Pythons the offline bundle carries wheels for
# Module names that, as files beside a ledger, would be imported instead of the real ones if the
# ledger's folder were on Python's search path (xlwings's ADD_WORKBOOK_TO_PYTHONPATH).
SHADOWING = ("macros.py", "xlwings.py", "pandas.py", "numpy.py", "openpyxl.py", "docx.py", "docxtpl.py",
             "jinja2.py", "lxml.py", "dangjian.py", "dangjian")
REINSTALL = "先完全退出Excel，再在命令提示符中运行：python -m dangjian install-addin"
CORE_NS = {"cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"}
# The faces fonts/fonts.conf draws the report's Windows fonts with in a PDF made by LibreOffice.
PDF_FONTS = {"Noto Serif CJK SC": "仿宋、宋体", "AR PL UKai CN": "楷体", "Noto Sans CJK SC": "黑体"}
APT = "Debian/Ubuntu 上运行：sudo apt-get install"


@dataclass(frozen=True)
class Check:
    item: str
    status: str
    found: str
    fix: str = ""


def _font_families() -> str | None:
    """Every installed font family as fontconfig lists them; None without fontconfig."""
    try:
        return subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return None


def _installed_version(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


@dataclass
class Machine:
    """The facts the checks read; the defaults describe the computer this runs on."""
    platform: str = sys.platform
    python: tuple[int, int, int] = tuple(sys.version_info[:3])
    bits: int = struct.calcsize("P") * 8
    executable: Path = Path(sys.executable)
    home: Path = field(default_factory=Path.home)
    appdata: Path | None = field(default_factory=lambda: Path(os.environ["APPDATA"]) if os.environ.get("APPDATA") else None)
    temp: Path = field(default_factory=lambda: Path(tempfile.gettempdir()))
    # Where the command line and the add-in record an unexpected error (errors.write_error_log).
    error_log: Path = field(default_factory=lambda: error_log_folder() / ERROR_LOG)
    encoding: str | None = None  # the ANSI code page the add-in's VBA reads its settings in
    excel_server: Callable[[], str | None] = excel_server
    version_of: Callable[[str], str | None] = _installed_version  # a distribution's version, None if absent
    user_site: Path | None = field(default_factory=lambda: Path(site.getusersitepackages()))
    soffice: Callable[[], Path | None] = find_soffice  # LibreOffice, for `report --pdf`
    font_families: Callable[[], str | None] = _font_families
    which: Callable[[str], str | None] = shutil.which
    command: str = "python -m dangjian"  # how this program was started, for the commands the fixes name

    def __post_init__(self):
        if self.encoding is None:
            self.encoding = conf_encoding(self.platform)

    @property
    def windows(self) -> bool:
        return self.platform == "win32"

    @property
    def xlstart(self) -> Path | None:
        """Excel's per-user startup folder where install-addin puts the add-in (its default place)."""
        if self.windows and self.appdata:
            return self.appdata / "Microsoft" / "Excel" / "XLSTART"
        return None


def _xlwings_folder() -> Path | None:
    spec = importlib.util.find_spec("xlwings")
    return Path(spec.origin).parent if spec and spec.origin else None


def run_doctor(ledger: Path | None = None, *, machine: Machine | None = None) -> list[Check]:
    """Every check, in the order the screen shows them."""
    machine = machine or Machine()
    checks = [check_python(machine), check_packages(machine), check_excel(machine),
              check_addin(machine), check_conf(machine)]
    checks += [check for check in (check_libreoffice(machine), check_pdf_fonts(machine), check_poppler(machine)) if check]
    user_install = check_user_install(machine, _xlwings_folder())
    if user_install:
        checks.append(user_install)
    checks.append(check_ledger_folder(ledger) if ledger else Check(
        "台账所在文件夹", SKIP, "未指定台账", f"要检查台账所在文件夹，请运行：{machine.command} doctor 台账.xlsx"))
    log = machine.error_log
    if log.is_file():
        when = datetime.fromtimestamp(log.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
        checks.append(Check("程序内部错误记录", WARN, f"{when} 的一次程序内部错误记录在 {log}",
                            "如问题仍在，请把这份文件、本检查结果和台账发给维护人员"))
    return checks


# ---------------------------------------------------------------- Python and packages

def check_python(machine: Machine) -> Check:
    version = ".".join(map(str, machine.python))
    found = f"Python {version}，{machine.bits}位（{machine.executable}）"
    if tuple(machine.python[:2]) < SUPPORTED[0]:
        return Check("Python", FAIL, found, "需要 Python 3.11 或更高版本：请从 python.org 下载64位的 Python 3.12 安装")
    if machine.bits != 64 and machine.windows:
        return Check("Python", FAIL, found,
                     "这是32位的Python，pandas 等依赖没有32位版本。请在“设置→应用”中卸载它，"
                     "从 python.org 下载“Windows installer (64-bit)”重新安装（与Office是32位还是64位无关）")
    if tuple(machine.python[:2]) not in SUPPORTED:
        return Check("Python", WARN, found, "离线安装包只带 Python 3.11–3.13 的安装文件；用这个版本时请联网安装")
    return Check("Python", OK, found)


def pinned_requirements() -> dict[str, str]:
    """name → pinned version: from the installed package's metadata, else from requirements.txt."""
    lines = metadata.requires("dangjian") if _installed_version("dangjian") else None
    if lines is None:
        source = SOURCE_ROOT / "requirements.txt"
        lines = source.read_text(encoding="utf-8").splitlines() if source.is_file() else []
    pins = {}
    for line in lines:
        match = re.match(r"\s*([A-Za-z0-9_.\-]+)\s*==\s*([^\s;#]+)", line)
        if match:
            pins[match.group(1)] = match.group(2)
    return pins


def check_packages(machine: Machine, pins: dict[str, str] | None = None) -> Check:
    pins = pinned_requirements() if pins is None else pins
    if machine.windows:
        pins = {**pins, "pywin32": ""}  # xlwings talks to Excel through it (Windows only)
    missing, different = [], []
    for name, wanted in pins.items():
        have = machine.version_of(name)
        if have is None:
            missing.append(name)
        elif wanted and have != wanted:
            different.append(f"{name} {have}（应为 {wanted}）")
    found = f"dangjian {__version__}，依赖 {len(pins)} 个"
    if missing:
        return Check("依赖包", FAIL, f"{found}；缺少：{'、'.join(missing)}",
                     "重新双击离线安装包中的“安装.bat”，或在项目文件夹中联网运行：python -m pip install .")
    if different:
        return Check("依赖包", WARN, f"{found}；版本不同：{'；'.join(different)}",
                     "用本程序指定的版本最稳妥：重新双击“安装.bat”，或在项目文件夹中联网运行：python -m pip install .")
    return Check("依赖包", OK, f"{found}，版本均与要求一致")


# ---------------------------------------------------------------- Excel, the add-in, its settings

def check_excel(machine: Machine) -> Check:
    if machine.platform == "darwin":
        return Check("Microsoft Excel", SKIP, "只在Windows上检查Excel")
    if not machine.windows:
        return Check("Microsoft Excel", WARN, "这台电脑不是Windows或macOS，没有Microsoft Excel，加载项不能使用",
                     f"在这台电脑上请用命令行：{machine.command} report 台账.xlsx")
    server = machine.excel_server()
    if not server:
        return Check("Microsoft Excel", FAIL, "没有找到Microsoft Excel（系统中没有登记 Excel.Application）",
                     "请安装Microsoft Office的Excel；只有WPS时请用命令行：python -m dangjian report 台账.xlsx")
    if wps_server(server):
        return Check("Microsoft Excel", FAIL, f"“Excel.Application”由WPS应答：{server}",
                     "WPS接管了Excel的接口。打开“WPS Office 配置工具”→高级→兼容设置，取消勾选"
                     "“WPS Office兼容第三方系统和软件”；或在“控制面板→程序和功能”中对Microsoft Office选“更改→快速修复”")
    return Check("Microsoft Excel", OK, f"“Excel.Application”由Microsoft Excel应答：{server}")


def installed_addin_xlwings(addin: Path) -> str | None:
    """The xlwings version the add-in file was built from (its document properties say so)."""
    try:
        with zipfile.ZipFile(addin) as archive:
            keywords = ElementTree.fromstring(archive.read("docProps/core.xml")).findtext("cp:keywords", namespaces=CORE_NS)
    except (OSError, KeyError, zipfile.BadZipFile, ElementTree.ParseError):
        return None
    match = re.fullmatch(r"xlwings (\S+)", keywords or "")
    return match.group(1) if match else None


def check_addin(machine: Machine) -> Check:
    folder = machine.xlstart
    if folder is None:
        return Check("Excel加载项", SKIP, "只在Windows上检查加载项")
    addin = folder / ADDIN_NAME
    if not addin.is_file():
        return Check("Excel加载项", FAIL, f"Excel启动文件夹中没有加载项：{addin}", REINSTALL)
    built_for = installed_addin_xlwings(addin)
    have = machine.version_of("xlwings")
    if built_for is None:
        return Check("Excel加载项", FAIL, f"{addin} 不是本程序生成的加载项（或已损坏）", REINSTALL)
    if have != built_for:
        return Check("Excel加载项", FAIL, f"加载项按 xlwings {built_for} 生成，而Python中装的是 xlwings {have or '（未安装）'}",
                     "两者必须一致。" + REINSTALL)
    return Check("Excel加载项", OK, f"{addin}（xlwings {built_for}，与Python中的一致）")


def check_conf(machine: Machine) -> Check:
    if not machine.windows:
        return Check("加载项设置", SKIP, "只在Windows上检查加载项设置")
    path = conf_path(platform=machine.platform, home=machine.home)
    if not path.is_file():
        return Check("加载项设置", FAIL, f"没有设置文件：{path}", REINSTALL)
    if not _in_encoding(path.read_bytes(), machine.encoding):
        return Check("加载项设置", FAIL, f"{path} 不是本机系统编码（{machine.encoding}），Excel会读错其中的中文路径",
                     REINSTALL)
    settings = read_conf(path, encoding=machine.encoding)
    problems = []
    interpreter = settings.get("INTERPRETER_WIN", "")
    if not interpreter or not Path(interpreter).is_file():
        problems.append(f"设置的Python不存在：“{interpreter}”")
    elif _same_path(interpreter, machine.executable) is False:
        problems.append(f"加载项使用另一个Python：“{interpreter}”（本次检查用的是“{machine.executable}”）")
    code = settings.get("PYTHONPATH", "")
    if not (Path(code) / "macros.py").is_file():
        problems.append(f"PYTHONPATH“{code}”中没有 macros.py")
    for key, value in SAFE_SETTINGS.items():
        if settings.get(key, "").lower() != value.lower():
            problems.append(f"缺少安全设置 {key}={value}（台账所在文件夹里的 .py 文件会被当作程序运行）")
    if problems:
        return Check("加载项设置", FAIL, f"{path}：" + "；".join(problems), REINSTALL)
    return Check("加载项设置", OK, f"{path}（{machine.encoding}编码）：Python“{interpreter}”，程序文件夹“{code}”")


def _in_encoding(raw: bytes, encoding: str) -> bool:
    """Whether the add-in's VBA, reading in `encoding`, gets the text that was meant.

    UTF-8 Chinese often decodes as GBK without an error, only wrongly; GBK Chinese is almost
    never valid UTF-8. So non-ASCII text that is valid UTF-8 counts as UTF-8.
    """
    try:
        raw.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return False
    if raw.isascii() or encoding.lower().replace("-", "") in ("utf8", "utf_8"):
        return True
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


def _same_path(first: str | Path, second: str | Path) -> bool | None:
    try:
        return Path(first).samefile(second)
    except OSError:
        return None


def check_user_install(machine: Machine, xlwings_folder: Path | None) -> Check | None:
    """A `pip install --user` xlwings works for the button but not for worksheet functions (UDFs):
    their DLL is looked for only beside python.exe or one folder up."""
    if not machine.windows or xlwings_folder is None or machine.user_site is None:
        return None
    try:
        xlwings_folder.resolve().relative_to(machine.user_site.resolve())
    except ValueError:
        return None
    return Check("安装位置", WARN, f"xlwings 装在用户目录 {xlwings_folder.parent}（pip 的 --user 安装）",
                 "按钮可以使用，但单元格函数（DJ_MONTHLY_DUES 等）找不到 xlwings 的DLL。需要单元格函数时，"
                 "右键“安装.bat”→“以管理员身份运行”，把依赖装进Python自己的文件夹")


# ---------------------------------------------------------------- PDFs outside Windows (LibreOffice)

def check_libreoffice(machine: Machine) -> Check | None:
    """Where Word is missing, `report --pdf` makes the PDF with LibreOffice."""
    if machine.windows:
        return None
    soffice = machine.soffice()
    if soffice is None:
        return Check("LibreOffice", WARN, "没有找到 LibreOffice（soffice），report --pdf 不能生成 PDF",
                     f"{APT} libreoffice-writer；其他系统请安装 LibreOffice，或设置环境变量 DANGJIAN_SOFFICE 指向 soffice")
    return Check("LibreOffice", OK, f"{soffice}（report --pdf 用它生成 PDF）")


def check_pdf_fonts(machine: Machine) -> Check | None:
    if not machine.platform.startswith("linux"):
        return None
    families = machine.font_families()
    if families is None:
        return Check("PDF字体", WARN, "没有 fontconfig（fc-list），无法确认 PDF 所用的中文字体", f"{APT} fontconfig")
    missing = [f"{family}（{used_for}）" for family, used_for in PDF_FONTS.items() if family.lower() not in families.lower()]
    if missing:
        return Check("PDF字体", WARN, f"缺少 {'、'.join(missing)}，PDF 中这些字体将用其他字体代替",
                     f"{APT} fonts-noto-cjk fonts-arphic-ukai")
    return Check("PDF字体", OK, "、".join(PDF_FONTS))


def check_poppler(machine: Machine) -> Check | None:
    if not machine.platform.startswith("linux"):
        return None
    missing = [tool for tool in ("pdftotext", "pdffonts") if machine.which(tool) is None]
    if missing:
        return Check("poppler", WARN, f"没有 {'、'.join(missing)}，无法核对生成的 PDF 的文字和字体（运行测试时需要）",
                     f"{APT} poppler-utils")
    return Check("poppler", OK, "pdftotext、pdffonts（用于核对 PDF）")


# ---------------------------------------------------------------- the ledger's folder

def check_ledger_folder(ledger: Path) -> Check:
    ledger = Path(ledger)
    folder = ledger.resolve().parent
    if not folder.is_dir():
        return Check("台账所在文件夹", FAIL, f"文件夹不存在：{folder}", "请确认台账的位置")
    try:
        handle, probe = tempfile.mkstemp(prefix=".dangjian-", dir=folder)
        os.close(handle)
        os.unlink(probe)
    except OSError:
        return Check("台账所在文件夹", FAIL, f"无法在 {folder} 中写入文件，报告将写不进去",
                     "把台账复制到“文档”等可写的文件夹后再生成报告；网络盘或只读文件夹请联系管理员")
    notes: list[tuple[str, str]] = []  # (what was found, what to do)
    if not ledger.is_file():
        notes.append((f"台账文件“{ledger.name}”不存在", "请确认台账的文件名和位置"))
    if "=" in ledger.name:
        notes.append(("文件名中含有“=”，Excel加载项无法识别这个文件", "请用“另存为”换一个不含“=”的文件名"))
    stray = [name for name in SHADOWING if (folder / name).exists()]
    if stray:
        notes.append((f"文件夹中有与程序模块同名的文件：{'、'.join(stray)}",
                      "它们不是本程序的（可能来自下载或他人）：请删除，或把台账移到单独的文件夹"))
    if (folder / f"{CONF_PROJECT}.conf").exists():
        notes.append((f"文件夹中有 {CONF_PROJECT}.conf，它会替换加载项的设置（包括用哪个Python）",
                      f"不是您有意放的就请删除 {CONF_PROJECT}.conf"))
    if notes:
        return Check("台账所在文件夹", WARN, f"{folder} 可写；" + "；".join(found for found, _ in notes),
                     "；".join(fix for _, fix in notes))
    return Check("台账所在文件夹", OK, f"{folder} 可写")


# ---------------------------------------------------------------- the screen

def format_doctor(checks: list[Check]) -> str:
    lines = [f"党建报告安装检查（dangjian {__version__}）", ""]
    for check in checks:
        lines.append(f"[{check.status}] {check.item}：{check.found}")
        if check.fix:
            lines.append(f"        解决：{check.fix}")
    counts = {status: sum(c.status == status for c in checks) for status in (OK, WARN, FAIL, SKIP)}
    skipped = f"，{counts[SKIP]}项未检查" if counts[SKIP] else ""
    lines += ["", f"共{len(checks)}项：{counts[OK]}项正常，{counts[WARN]}项需要注意，{counts[FAIL]}项有问题{skipped}。"]
    if counts[FAIL]:
        lines.append("请按“解决”一行逐项处理后再运行本检查；仍有问题时把以上内容发给维护人员。")
    return "\n".join(lines)


def has_problems(checks: list[Check]) -> bool:
    return any(c.status == FAIL for c in checks)
