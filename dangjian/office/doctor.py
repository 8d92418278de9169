"""`dangjian doctor`: what on this computer would stop the command line or the Excel add-in.

Each check is data (what was looked at, its status, what was found, how to fix it), so the CLI
prints them and the tests compare them. Everything the checks read about the machine comes
through `Machine`, whose Windows-only parts (registry, ANSI code page, XLSTART, a file's
downloaded-file mark, the py launcher) tests replace.
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
from functools import cached_property
from importlib import metadata
from pathlib import Path, PureWindowsPath
from typing import Callable
from xml.etree import ElementTree

from .. import __version__
from .addin import (BUTTONS, CONF_PROJECT, SAFE_SETTINGS, conf_encoding, conf_path,
                    excel_server, read_conf, wps_server)
from ..errors import ERROR_LOG, error_log_folder
from .libreoffice import find_soffice
from ..shipped import SOURCE_ROOT

OK, WARN, FAIL, SKIP = "正常", "注意", "问题", "未检查"
SUPPORTED = ((3, 11), (3, 12), (3, 13), (3, 14))  # the Pythons the offline bundle carries wheels for
# Module names that, as files beside a ledger, would be imported instead of the real ones if the
# ledger's folder were on Python's search path (xlwings's ADD_WORKBOOK_TO_PYTHONPATH).
SHADOWING = ("macros.py", "xlwings.py", "pandas.py", "numpy.py", "openpyxl.py", "docx.py", "docxtpl.py",
             "jinja2.py", "lxml.py", "dangjian.py", "dangjian")
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


def read_registry_key(path: str) -> dict[str, object]:
    """Every value of HKEY_CURRENT_USER\\<path>, names in lower case (the registry ignores case);
    {} when the key is absent or this is not Windows. The one place doctor reads the registry."""
    if sys.platform != "win32":
        return {}
    import winreg

    try:
        key = winreg.OpenKey(winreg.HKEY_CURRENT_USER, path)
    except OSError:
        return {}
    values: dict[str, object] = {}
    with key:
        index = 0
        while True:
            try:
                name, data, _kind = winreg.EnumValue(key, index)
            except OSError:
                return values
            values[name.lower()] = data
            index += 1


def zone_id(path: Path) -> int | None:
    """The zone of a file's downloaded-file mark, None without one.

    Browsers, mail programs and Explorer's unzip write an NTFS stream "Zone.Identifier" holding
    "[ZoneTransfer]\\nZoneId=3" (3 = Internet, 4 = restricted sites); Office opens such a file in
    Protected View. Elsewhere "name:Zone.Identifier" is simply another file name.
    """
    try:
        raw = Path(f"{path}:Zone.Identifier").read_bytes()
    except OSError:
        return None
    text = raw.decode("utf-16") if raw[:2] in (b"\xff\xfe", b"\xfe\xff") else raw.decode("latin-1")
    match = re.search(r"^ZoneId=(\d+)", text, re.MULTILINE)
    return int(match.group(1)) if match else None


def _launcher_python(option: str) -> str | None:
    """The python.exe that `py <option>` (py -3.13) starts, None without the launcher or that version."""
    if sys.platform != "win32" or not shutil.which("py"):
        return None
    try:
        done = subprocess.run(["py", option, "-c", "import sys; print(sys.executable)"], capture_output=True,
                              text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:
        return None
    return done.stdout.strip() or None


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
    registry: Callable[[str], dict[str, object]] = read_registry_key  # HKEY_CURRENT_USER\<key> → its values
    zone_of: Callable[[Path], int | None] = zone_id
    launcher: Callable[[str], str | None] = _launcher_python  # "-3.13" → the python.exe `py -3.13` runs
    has_module: Callable[[str], bool] = lambda name: importlib.util.find_spec(name) is not None

    def __post_init__(self):
        if self.encoding is None:
            self.encoding = conf_encoding(self.platform)

    @property
    def windows(self) -> bool:
        return self.platform == "win32"

    @cached_property
    def interpreter_command(self) -> str:
        """How to start this Python in a command prompt here (see python_command)."""
        return python_command(self)

    @cached_property
    def program(self) -> str:
        """This program as the fixes name it: by its own name when it was started so (dangjian),
        else `<what starts this Python here> -m dangjian` (python, py -3.13 or the full path)."""
        return f"{self.interpreter_command} -m dangjian" if self.command.endswith(" -m dangjian") else self.command

    @property
    def xlstart(self) -> Path | None:
        """Excel's per-user startup folder where install-addin puts the add-in (its default place)."""
        if self.windows and self.appdata:
            return self.appdata / "Microsoft" / "Excel" / "XLSTART"
        return None


def python_command(machine: Machine) -> str:
    """What starts this Python when typed in a command prompt: "python" only when that name does
    (python.org's installer leaves "Add python.exe to PATH" unticked by default), else the
    launcher's "py -3.13", else the full path, quoted."""
    for name in ("python", "python3"):
        found = machine.which(name)
        if found and _same_path(found, machine.executable):
            return name
    if machine.windows:
        option = f"-{machine.python[0]}.{machine.python[1]}"
        found = machine.launcher(option)
        if found and _same_path(found, machine.executable):
            return f"py {option}"
    return f'"{machine.executable}"'


def reinstall(machine: Machine) -> str:
    return f"先完全退出Excel，再在命令提示符中运行：{machine.program} install-addin"


def _xlwings_folder() -> Path | None:
    spec = importlib.util.find_spec("xlwings")
    return Path(spec.origin).parent if spec and spec.origin else None


def run_doctor(ledger: Path | None = None, *, machine: Machine | None = None) -> list[Check]:
    """Every check, in the order the screen shows them."""
    machine = machine or Machine()
    checks = [check_python(machine), check_packages(machine), check_excel(machine),
              check_addin(machine), check_conf(machine)]
    checks += [check for check in (check_libreoffice(machine), check_pdf_fonts(machine), check_poppler(machine),
                                   check_window(machine)) if check]
    if machine.windows:  # what stops the add-in's macros once it is in place
        checks += [check_macro_setting(machine), check_addin_security(machine), check_disabled_items(machine)]
    user_install = check_user_install(machine, _xlwings_folder())
    if user_install:
        checks.append(user_install)
    checks.append(check_ledger_folder(ledger) if ledger else Check(
        "台账所在文件夹", SKIP, "未指定台账", f"要检查台账所在文件夹，请运行：{machine.program} doctor 台账.xlsx"))
    if ledger and machine.windows:
        checks.append(check_protected_view(machine, Path(ledger)))
    log = machine.error_log
    if log.is_file():
        when = datetime.fromtimestamp(log.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
        checks.append(Check("程序内部错误记录", WARN, f"{when} 的一次程序内部错误记录在 {log}",
                            "如问题仍在，请把这份文件、本检查结果和台账发给维护人员"))
    return checks


# ---------------------------------------------------------------- Python and packages

def check_python(machine: Machine) -> Check:
    version = ".".join(map(str, machine.python))
    found = f"Python {version}，{machine.bits}位（{machine.executable}；命令行中用 {machine.interpreter_command} 启动）"
    if tuple(machine.python[:2]) < SUPPORTED[0]:
        return Check("Python", FAIL, found, "需要 Python 3.11 或更高版本：请从 python.org 下载64位的 Python 3.12 安装")
    if machine.bits != 64 and machine.windows:
        return Check("Python", FAIL, found,
                     "这是32位的Python，pandas 等依赖没有32位版本。请在“设置→应用”中卸载它，"
                     "从 python.org 下载“Windows installer (64-bit)”重新安装（与Office是32位还是64位无关）")
    if tuple(machine.python[:2]) not in SUPPORTED:
        return Check("Python", WARN, found, "离线安装包只带 Python 3.11–3.14 的安装文件；用这个版本时请联网安装")
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
                     f"重新双击离线安装包中的“安装.bat”，或在项目文件夹中联网运行：{machine.interpreter_command} -m pip install .")
    if different:
        return Check("依赖包", WARN, f"{found}；版本不同：{'；'.join(different)}",
                     f"用本程序指定的版本最稳妥：重新双击“安装.bat”，或在项目文件夹中联网运行：{machine.interpreter_command} -m pip install .")
    return Check("依赖包", OK, f"{found}，版本均与要求一致")


# ---------------------------------------------------------------- Excel, the add-in, its settings

def check_excel(machine: Machine) -> Check:
    if machine.platform == "darwin":
        return Check("Microsoft Excel", SKIP, "只在Windows上检查Excel")
    if not machine.windows:
        return Check("Microsoft Excel", WARN, "这台电脑不是Windows或macOS，没有Microsoft Excel，加载项不能使用",
                     f"在这台电脑上请用窗口（{machine.program} gui）或命令行（把 gui 换成 report 台账.xlsx 等）")
    server = machine.excel_server()
    if not server:
        return Check("Microsoft Excel", FAIL, "没有找到Microsoft Excel（系统中没有登记 Excel.Application）",
                     f"请安装Microsoft Office的Excel；只有WPS时请用命令行：{machine.program} report 台账.xlsx")
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
    """Each add-in file (macros.xlam and one per further ribbon button) in XLSTART, built from the
    xlwings installed now, without a downloaded-file mark."""
    folder = machine.xlstart
    if folder is None:
        return Check("Excel加载项", SKIP, "只在Windows上检查加载项")
    have = machine.version_of("xlwings")
    problems = []
    for button in BUTTONS:
        addin = folder / button.addin
        if not addin.is_file():
            problems.append(f"没有 {button.addin}（“{button.label}”按钮）")
            continue
        built_for = installed_addin_xlwings(addin)
        if built_for is None:
            problems.append(f"{button.addin} 不是本程序生成的加载项（或已损坏）")
        elif built_for != have:
            problems.append(f"{button.addin} 按 xlwings {built_for} 生成，而Python中装的是 xlwings {have or '（未安装）'}，两者必须一致")
        if (machine.zone_of(addin) or 0) >= 3:
            problems.append(f"{button.addin} 带有“来自网络”的标记，Excel会阻止其中的宏")
    if problems:
        return Check("Excel加载项", FAIL, f"Excel启动文件夹 {folder} 中：" + "；".join(problems), reinstall(machine))
    return Check("Excel加载项", OK, f"{folder} 中 {len(BUTTONS)} 个加载项文件齐全"
                                    f"（{'、'.join(b.addin for b in BUTTONS)}；xlwings {have}，与Python中的一致）")


def check_conf(machine: Machine) -> Check:
    if not machine.windows:
        return Check("加载项设置", SKIP, "只在Windows上检查加载项设置")
    path = conf_path(platform=machine.platform, home=machine.home)
    if not path.is_file():
        return Check("加载项设置", FAIL, f"没有设置文件：{path}", reinstall(machine))
    if not _in_encoding(path.read_bytes(), machine.encoding):
        return Check("加载项设置", FAIL, f"{path} 不是本机系统编码（{machine.encoding}），Excel会读错其中的中文路径",
                     reinstall(machine))
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
        return Check("加载项设置", FAIL, f"{path}：" + "；".join(problems), reinstall(machine))
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
                 "按钮可以使用，但单元格函数（DJ_MONTHLY_DUES 等）找不到 xlwings 的DLL。需要单元格函数、且您自己的账户"
                 "就是管理员时，右键“安装.bat”→“以管理员身份运行”，把依赖装进Python自己的文件夹（用另一个管理员账户运行，"
                 "加载项会装给那个账户）")


# ---------------------------------------------------------------- what stops the add-in's macros

# Office 2016, 2019, 2021, 2024 and Microsoft 365 all keep their settings under 16.0. Each
# setting has the user's own value (Trust Center) and may have a policy value, which wins.
OFFICE_KEY = r"Software\Microsoft\Office\16.0"
POLICY_KEY = r"Software\Policies\Microsoft\Office\16.0"
# Excel\Security\VBAWarnings (REG_DWORD), the Trust Center's macro setting; absent means 2.
# Checked against the "Macro Notification Settings" policy description (policypicker.app,
# microsoft-excel-2016 … macro-notification-settings) and the Office 2016 STIG.
MACRO_SETTINGS = {1: "启用所有宏", 2: "禁用所有宏，并发出通知（默认）", 3: "禁用无数字签署的所有宏",
                  4: "禁用所有宏，并且不通知"}
# Excel\Security\DisableAllAddins and RequireAddinSig (not "AddinsRequireSig"): the Trust Center's
# "禁用所有应用程序加载项" and "要求应用程序加载项由受信任的发布者签署". The policy value names are
# disablealladdins / requireaddinsig (admx.help, Office policy L_RequirethatApplicationExtensionsaresigned);
# the user's own values carry the same names under Software\Microsoft\Office\16.0\<app>\Security
# (as public hardening scripts write them with `reg add`).
# Signing is required even of add-ins in a trusted location. Common\Security\requirealwaysonmacrosig
# (policy "Require trusted publisher signatures for macros that are always loaded") silently
# disables an unsigned .xlam that loads at start-up, which is what this add-in is.
ADDIN_SWITCHES = (("DisableAllAddins", "已设置“禁用所有应用程序加载项”"),
                  ("RequireAddinSig", "已设置“要求应用程序加载项由受信任的发布者签署”（本加载项没有签名）"))
UNSIGNED_ALWAYS_ON = "requirealwaysonmacrosig"
TRUST_CENTER = "Excel → 文件 → 选项 → 信任中心 → 信任中心设置"


def office_setting(machine: Machine, key: str, name: str) -> tuple[object, bool]:
    """(value, whether a policy set it) of Office 16.0's `key`\\`name`; (None, False) when unset."""
    for root, by_policy in ((POLICY_KEY, True), (OFFICE_KEY, False)):
        value = machine.registry(rf"{root}\{key}").get(name.lower())
        if value is not None:
            return value, by_policy
    return None, False


def _folder_key(text: str) -> str:
    return text.replace("/", "\\").rstrip("\\").lower()


def xlstart_trusted(machine: Machine) -> bool:
    """Whether XLSTART is among Excel's trusted locations, where macros run whatever the macro setting.

    Excel writes its default locations (User Startup, %APPDATA%\\Microsoft\\Excel\\XLSTART, among
    them) as Trusted Locations\\Location0…N with a Path value when it first starts; none at all
    means those defaults. "Disable all Trusted Locations" (AllLocationsDisabled) voids them.
    """
    disabled, _ = office_setting(machine, r"Excel\Security\Trusted Locations", "AllLocationsDisabled")
    if disabled == 1:
        return False
    paths = [values.get("path") for values in (
        machine.registry(rf"{OFFICE_KEY}\Excel\Security\Trusted Locations\Location{number}") for number in range(30))]
    paths = [str(path) for path in paths if path]
    if not paths:
        return True
    # Paths may be REG_EXPAND_SZ, written with %APPDATA% or %USERPROFILE%.
    variables = {"appdata": str(machine.appdata or ""), "userprofile": str(machine.home)}
    wanted = _folder_key(str(machine.xlstart))
    return any(_folder_key(re.sub(r"%(appdata|userprofile)%", lambda m: variables[m.group(1).lower()], path,
                                  flags=re.IGNORECASE)) == wanted for path in paths)


def check_macro_setting(machine: Machine) -> Check:
    value, by_policy = office_setting(machine, r"Excel\Security", "VBAWarnings")
    setting = value if value in MACRO_SETTINGS else 2
    found = f"宏设置为“{MACRO_SETTINGS[setting]}”" + ("（由单位的策略设定）" if by_policy else "")
    if setting == 1:
        return Check("Excel宏设置", OK, found)
    if xlstart_trusted(machine):
        return Check("Excel宏设置", OK, f"{found}；加载项所在的 XLSTART 是受信任位置，宏设置不影响它")
    fix = (f"这是单位统一的设置：请信息部门把 {machine.xlstart} 设为 Excel 的受信任位置" if by_policy else
           f"{TRUST_CENTER} → 受信任位置：添加 {machine.xlstart}（或点“恢复默认”），并不要勾选“禁用所有受信任位置”")
    if setting == 2:
        return Check("Excel宏设置", WARN, f"{found}；XLSTART 不是受信任位置，每次启动 Excel 都要点“启用宏”按钮才能用",
                     fix)
    return Check("Excel宏设置", FAIL, f"{found}；XLSTART 不是受信任位置，加载项中的宏不会运行", fix)


def check_addin_security(machine: Machine) -> Check:
    problems, by_policy = [], False
    for name, text in ADDIN_SWITCHES:
        value, policy = office_setting(machine, r"Excel\Security", name)
        if value == 1:
            problems.append(text + ("（单位的策略）" if policy else ""))
            by_policy |= policy
    if machine.registry(rf"{POLICY_KEY}\Common\Security").get(UNSIGNED_ALWAYS_ON) == 1:
        problems.append("单位的策略要求启动时加载的宏（如本加载项）有受信任的签名，未签名的会被静默停用")
        by_policy = True
    if not problems:
        return Check("Excel加载项安全设置", OK, "没有禁用加载项，也不要求加载项签名")
    fix = ("这是单位统一的设置：请信息部门为本加载项放行（或签名）；在此之前请用命令行："
           f"{machine.program} report 台账.xlsx") if by_policy else (
        f"{TRUST_CENTER} → 加载项：取消勾选这两项，然后重启 Excel")
    return Check("Excel加载项安全设置", FAIL, "；".join(problems), fix)


def disabled_items(machine: Machine) -> list[str]:
    """The files in Excel's Disabled Items list (Resiliency\\DisabledItems).

    Each value is REG_BINARY: a 32-bit type, the byte lengths of the path and of the friendly
    name (32-bit little-endian, each with its final NUL), then the path in UTF-16LE, lower case
    (superuser.com/questions/17557, the format worked out and written back by its answers).
    """
    paths = []
    for data in machine.registry(rf"{OFFICE_KEY}\Excel\Resiliency\DisabledItems").values():
        if isinstance(data, bytes) and len(data) >= 12:
            _kind, path_bytes, _name_bytes = struct.unpack_from("<III", data)
            paths.append(data[12:12 + path_bytes].decode("utf-16-le", errors="replace").rstrip("\0"))
    return paths


def check_disabled_items(machine: Machine) -> Check:
    ours = {button.addin.lower() for button in BUTTONS}
    disabled = [path for path in disabled_items(machine) if PureWindowsPath(path).name.lower() in ours]
    if not disabled:
        return Check("Excel禁用项目", OK, "本程序的加载项不在 Excel 的“禁用项目”中")
    names = "、".join(PureWindowsPath(path).name for path in disabled)
    return Check("Excel禁用项目", FAIL, f"Excel 停用了本程序的加载项：{names}（曾在加载时出错后被列入“禁用项目”）",
                 "启动 Excel → 文件 → 选项 → 加载项 → 下方“管理”选“禁用项目”→“转到”，选中它们，点“启用”，然后重启 Excel")


def check_protected_view(machine: Machine, ledger: Path) -> Check:
    """A ledger with the downloaded-file mark opens in Protected View, where the add-in cannot read it."""
    zone = machine.zone_of(ledger)
    if zone is None or zone < 3:
        return Check("受保护的视图", OK, f"“{ledger.name}”没有“来自网络”的标记，不会在受保护的视图中打开")
    off, _ = office_setting(machine, r"Excel\Security\ProtectedView", "DisableInternetFilesInPV")
    where = "Internet" if zone == 3 else "受限站点"
    if off == 1:
        return Check("受保护的视图", OK, f"“{ledger.name}”来自{where}，但本机 Excel 不在受保护的视图中打开这类文件")
    return Check("受保护的视图", WARN,
                 f"“{ledger.name}”带有来自{where}的标记（下载或邮件附件），Excel 会在受保护的视图中打开它，点按钮没有反应",
                 "关闭台账，右键台账文件 → 属性 → 勾选“解除锁定”→ 确定；或打开后点黄条上的“启用编辑”")


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


# ---------------------------------------------------------------- the window where the add-in cannot go

def check_window(machine: Machine) -> Check | None:
    """Without Excel the window (`gui`) is the one click; it needs Tk, which Linux packages apart."""
    if not machine.platform.startswith("linux"):
        return None
    if not machine.has_module("tkinter"):
        return Check("桌面窗口", WARN, "没有 Tk（tkinter），不能打开窗口，只能用命令行", f"{APT} python3-tk")
    return Check("桌面窗口", OK, f"可以打开窗口：{machine.program} gui（命令 install-launcher 把它加入应用菜单和“打开方式”）")


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
