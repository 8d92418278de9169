"""The Excel add-in: build it from xlwings's ribbon template, install it, write its settings.

The add-in is xlwings's own `quickstart_addin_ribbon.xlam` with two parts rewritten: the
ribbon (customUI/customUI.xml) and the file properties Excel shows in its add-in list
(docProps/core.xml). The VBA (xl/vbaProject.bin) is copied byte for byte: it cannot be
edited without Excel, and its `RibbonMyAddin.RunMain` runs `import <file stem>; <stem>.main()`,
so a file named macros.xlam reaches `macros.main()` in the project folder.

That VBA reads its settings from `myaddin.conf` (its PROJECT_NAME is "myaddin"), a text file of
`"KEY","value"` lines read in the ANSI code page on Windows; `install_addin` writes it there.
xlwings is imported lazily and only here and in macros.py.
"""
from __future__ import annotations

import importlib.util
import locale
import os
import re
import shutil
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, NoReturn
from xml.sax.saxutils import escape, quoteattr

from ..errors import DangjianError

PROJECT_ROOT = Path(__file__).resolve().parents[2]  # the source tree (dangjian/office/addin.py)
ADDIN_FILE = PROJECT_ROOT / "xlw_addin" / "macros.xlam"
ADDIN_NAME = ADDIN_FILE.name
TEMPLATE_NAME = "quickstart_addin_ribbon.xlam"
RIBBON_PART = "customUI/customUI.xml"
CORE_PART = "docProps/core.xml"
VBA_PART = "xl/vbaProject.bin"
RUN_MAIN = "RibbonMyAddin.RunMain"
CONF_PROJECT = "myaddin"  # the template VBA's PROJECT_NAME: it decides every settings location
# Fixed timestamps keep a rebuild from the same xlwings byte-identical (and the git diff empty).
ZIP_TIME = (2024, 1, 1, 0, 0, 0)

TAB_LABEL = "党建报告"
GROUP_LABEL = "工作台账"
BUTTON_LABEL = "校验并生成报告"
SCREENTIP = "校验台账并生成工作情况报告"
SUPERTIP = ("校验当前打开的台账，问题列在“校验结果”工作表中；没有错误时在台账所在文件夹"
            "生成党支部工作情况报告（Word）。")
ADDIN_TITLE = "党建报告：党支部工作台账校验与报告"
ADDIN_DESCRIPTION = ("校验党支部工作台账，并按GB/T 9704格式生成党支部工作情况报告。"
                     "功能区“党建报告”选项卡 → “校验并生成报告”。")

__all__ = [
    "ADDIN_FILE", "AddinError", "BUTTONS", "Button", "COMPANION_BUTTONS", "Installed", "LocalBook", "SAFE_SETTINGS", "build_addin", "caller_book",
    "caller_problem", "conf_path", "excel_server", "install_addin", "internal_error_help", "read_conf",
    "ribbon_xml", "stop_with_message", "uninstall_addin", "write_conf",
]


class AddinError(DangjianError):
    """The add-in cannot be built, installed or removed here; the message says why, in Chinese."""


@dataclass(frozen=True)
class Installed:
    addin: Path
    conf: Path
    settings: dict


NO_XLWINGS = "未安装 xlwings：请先运行 python -m pip install -r requirements.txt"

# ---------------------------------------------------------------- build

def xlwings_folder() -> Path:
    """The installed xlwings package's folder, found without importing it."""
    spec = importlib.util.find_spec("xlwings")
    if spec is None or not spec.origin:
        raise AddinError(NO_XLWINGS)
    return Path(spec.origin).parent


# Every button runs the template's one callback, RibbonMyAddin.RunMain, which ignores the control
# it is given and runs `import <file stem>; <file stem>.main()`: within one add-in all buttons
# would run the same function. So each further button is an add-in file of its own, built from
# the same template with its VBA untouched, whose name picks the module (a file named
# dangjian.ribbon_summary.xlam runs dangjian.ribbon_summary.main()). Their ribbons share one tab
# and group through a qualified id (idQ), which is how Office merges several add-ins' controls.
RIBBON_NAMESPACE = "dangjian"


@dataclass(frozen=True)
class Button:
    addin: str  # the add-in file; its stem is the module RunMain imports
    id: str
    label: str
    screentip: str
    supertip: str
    image: str = "MacroPlay"


MAIN_BUTTON = Button(ADDIN_NAME, "dangjianRun", BUTTON_LABEL, SCREENTIP, SUPERTIP)
COMPANION_BUTTONS = (
    Button("dangjian.ribbon_dues_notice.xlam", "dangjianDuesNotice", "党费公示", "生成党费收缴公示",
           "按当前台账的党费收缴表生成党费收缴情况公示。", "TableInsert"),
    Button("dangjian.ribbon_dues_report.xlam", "dangjianDuesReport", "党费报告", "生成党费收缴情况报告",
           "按当前台账的党费收缴表生成党费收缴、使用和管理情况报告。", "MacroPlay"),
    Button("dangjian.ribbon_stats.xlam", "dangjianStats", "党员统计", "党员队伍结构统计",
           "按党内统计年报的分类统计当前台账的党员名册（性别、民族、年龄、学历、入党时间、岗位、数量变化、预备党员转正），"
           "生成可打印的Excel统计表。", "TableInsert"),
    Button("dangjian.ribbon_development.xlam", "dangjianDevelopment", "发展党员材料", "生成发展党员公示、纪实表和汇总表",
           "按当前台账的发展党员表，生成到了相应阶段的人的公示、每人的发展党员工作纪实表和本期汇总表，"
           "写入台账所在文件夹中的“发展党员材料”文件夹。", "FileNew"),
    Button("dangjian.ribbon_summary.xlam", "dangjianSummary", "汇总党支部台账", "汇总一个文件夹中各党支部的台账",
           "选择存放各党支部台账的文件夹，逐个校验并生成汇总表（汇总、问题清单、图表），完成后在Excel中打开。",
           "FileOpen"),
    Button("dangjian.ribbon_todo.xlam", "dangjianTodo", "工作提醒", "列出已逾期和即将到期的工作",
           "按当前台账和今天的日期，列出已逾期和六周内到期的三会一课、主题党日、集中学习、党费、公示、发展党员、"
           "换届和年终工作，保存为“工作提醒”Excel表并打开。", "DateAndTimeInsert"),
)
BUTTONS = (MAIN_BUTTON, *COMPANION_BUTTONS)


def ribbon_xml(button: Button = MAIN_BUTTON) -> str:
    """The ribbon of one add-in file: its one button in the shared 党建报告 tab, after the button before it."""
    index = BUTTONS.index(button)
    after = f' insertAfterQ="dj:{BUTTONS[index - 1].id}"' if index else ""
    control = (
        f'<button idQ="dj:{button.id}" label={quoteattr(button.label)} size="large" '
        f'onAction="{RUN_MAIN}" imageMso="{button.image}"{after} '
        f'screentip={quoteattr(button.screentip)} supertip={quoteattr(button.supertip)} />'
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<customUI xmlns="http://schemas.microsoft.com/office/2006/01/customui" '
        f'xmlns:dj="{RIBBON_NAMESPACE}">\n'
        '  <ribbon>\n    <tabs>\n'
        f'      <tab idQ="dj:dangjianTab" label={quoteattr(TAB_LABEL)}>\n'
        f'        <group idQ="dj:dangjianGroup" label={quoteattr(GROUP_LABEL)}>\n'
        f'          {control}\n'
        '        </group>\n      </tab>\n    </tabs>\n  </ribbon>\n</customUI>\n'
    )


def core_xml(xlwings_version: str, button: Button = MAIN_BUTTON) -> str:
    title = ADDIN_TITLE if button is MAIN_BUTTON else f"党建报告：{button.label}"
    description = ADDIN_DESCRIPTION if button is MAIN_BUTTON else f"{button.supertip}功能区“党建报告”选项卡 → “{button.label}”。"
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f'<dc:title>{escape(title)}</dc:title>'
        '<dc:subject>党支部工作台账</dc:subject>'
        '<dc:creator>dangjian</dc:creator>'
        f'<cp:keywords>xlwings {escape(xlwings_version)}</cp:keywords>'
        f'<dc:description>{escape(description)}</dc:description>'
        '<cp:lastModifiedBy>dangjian</cp:lastModifiedBy>'
        '<dcterms:created xsi:type="dcterms:W3CDTF">2024-01-01T00:00:00Z</dcterms:created>'
        '<dcterms:modified xsi:type="dcterms:W3CDTF">2024-01-01T00:00:00Z</dcterms:modified>'
        '</cp:coreProperties>'
    )


def build_addin(output: Path = ADDIN_FILE, *, xlwings_dir: Path | None = None, button: Button = MAIN_BUTTON) -> Path:
    """Write an add-in from the installed xlwings's ribbon template; every other part as shipped.

    `button` is the one button of this file (MAIN_BUTTON for macros.xlam, or a companion).
    """
    folder = Path(xlwings_dir) if xlwings_dir else xlwings_folder()
    template = folder / TEMPLATE_NAME
    if not template.is_file():
        raise AddinError(f"xlwings 中没有加载项模板“{template}”：请安装 requirements.txt 中指定的 xlwings 版本")
    output = Path(output)
    if output.name != button.addin:
        # The VBA imports the module named by the file, so another name would not reach its main().
        raise AddinError(f"加载项文件必须命名为 {button.addin}（现为“{output.name}”）")
    version = _xlwings_version(folder)
    with zipfile.ZipFile(template) as source:
        names = source.namelist()
        for part in (RIBBON_PART, CORE_PART, VBA_PART):
            if part not in names:
                raise AddinError(f"xlwings {version} 的加载项模板中没有 {part}，无法生成加载项")
        if RUN_MAIN.encode() not in source.read(RIBBON_PART):
            raise AddinError(f"xlwings {version} 的加载项模板不再调用 {RUN_MAIN}，无法生成加载项")
        replaced = {RIBBON_PART: ribbon_xml(button).encode("utf-8"),
                    CORE_PART: core_xml(version, button).encode("utf-8")}
        output.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{output.stem}.", suffix=".xlam", dir=output.parent)
        os.close(handle)
        try:
            with zipfile.ZipFile(temporary, "w") as target:
                for info in source.infolist():
                    data = replaced.get(info.filename) or source.read(info.filename)
                    entry = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
                    entry.compress_type = zipfile.ZIP_DEFLATED
                    entry.external_attr = info.external_attr
                    target.writestr(entry, data)
            os.replace(temporary, output)
        finally:
            if os.path.exists(temporary):
                os.unlink(temporary)
    return output


def _xlwings_version(folder: Path) -> str:
    from importlib import metadata

    try:
        return metadata.version("xlwings")
    except metadata.PackageNotFoundError:
        return folder.name


# ---------------------------------------------------------------- settings file

def conf_path(*, platform: str = sys.platform, home: Path | None = None) -> Path:
    """Where the add-in's VBA looks for the user's settings (GetConfigFilePath in its xlwings module)."""
    home = Path(home) if home else Path.home()
    if platform == "darwin":
        return home / "Library" / "Containers" / "com.microsoft.Excel" / "Data" / f"{CONF_PROJECT}.conf"
    return home / f".{CONF_PROJECT}" / f"{CONF_PROJECT}.conf"


def conf_encoding(platform: str = sys.platform) -> str:
    """VBA's `Open … For Input` reads the ANSI code page on Windows (cp936/GBK on Chinese Windows)."""
    if platform == "win32":
        return locale.getencoding() if hasattr(locale, "getencoding") else locale.getpreferredencoding(False)
    return "utf-8"


def read_conf(path: Path, *, encoding: str) -> dict[str, str]:
    """The `"KEY","value"` lines of a settings file, in file order (keys upper-cased as VBA compares them)."""
    settings: dict[str, str] = {}
    if not Path(path).is_file():
        return settings
    for line in Path(path).read_bytes().decode(encoding, errors="replace").splitlines():
        key, value = _split_conf_line(line)
        if key:
            settings[key.upper()] = value
    return settings


def _split_conf_line(line: str) -> tuple[str, str]:
    line = line.strip()
    if not line.startswith('"'):
        return "", ""
    key_end = line.find('"', 1)
    if key_end < 0:
        return "", ""
    key = line[1:key_end]
    rest = line[key_end + 1:].lstrip(" ,")
    value = rest[1:-1] if len(rest) >= 2 and rest.startswith('"') and rest.endswith('"') else rest
    return key, value


def write_conf(path: Path, settings: dict[str, str | None], *, encoding: str) -> Path:
    """Set (or, for None, remove) keys in a settings file, keeping the user's other keys."""
    path = Path(path)
    merged = read_conf(path, encoding=encoding)
    for key, value in settings.items():
        if value is None:
            merged.pop(key.upper(), None)
        else:
            if '"' in value:
                raise AddinError(f"设置“{key}”的值不能含有英文双引号：{value}")
            merged[key.upper()] = value
    if not merged:
        if path.exists():
            path.unlink()
        return path
    data = _encoded("".join(f'"{key}","{value}"\r\n' for key, value in merged.items()), encoding)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def _encoded(text: str, encoding: str) -> bytes:
    try:
        return text.encode(encoding)
    except UnicodeEncodeError as exc:
        bad = text[exc.start:exc.end]
        raise AddinError(
            f"路径中的字符“{bad}”无法用本机的系统编码（{encoding}）写入加载项设置，Excel将找不到Python。"
            "请把项目文件夹和Python安装在只含中文、英文和数字的路径下再试"
        ) from None


# xlwings's VBA passes this setting (default "true") as the first field to
# xlwings.utils.prepare_sys_path, which then puts the ledger's folder (and the add-in's) on
# sys.path before the project: a macros.py or pandas.py downloaded beside the ledger would run
# instead of ours, and a OneDrive/SharePoint ledger that is not synced fails there with an English
# traceback before macros.py is imported. Off, only PYTHONPATH (the add-in's code) is added.
SAFE_SETTINGS = {"ADD_WORKBOOK_TO_PYTHONPATH": "false"}


def addin_settings(*, python: Path, project: Path, platform: str = sys.platform) -> dict[str, str]:
    """The settings install-addin writes: this interpreter, the add-in's code folder as the only
    PYTHONPATH entry (so it comes first on sys.path), and the safe defaults."""
    interpreter_key = "INTERPRETER_MAC" if platform == "darwin" else "INTERPRETER_WIN"
    # VBA joins PYTHONPATH entries with ";" and a trailing separator would end in an empty entry.
    project_text = str(project).rstrip("\\/") or str(project)
    settings = {interpreter_key: str(python), "PYTHONPATH": project_text, **SAFE_SETTINGS}
    if platform == "win32":
        settings["UDF MODULES"] = "macros"  # used only if the user imports the UDFs (README)
    return settings


# ---------------------------------------------------------------- install / uninstall

def _require_excel_platform(platform: str, *, action: str = "安装") -> None:
    if platform not in ("win32", "darwin"):
        raise AddinError(
            f"Excel加载项只能在装有Microsoft Excel的Windows或macOS电脑上{action}"
            + ("，这台电脑上没有安装过它，无需卸载。" if action == "卸载" else "。")
            +
            "在这台电脑上请用命令行：python -m dangjian report 台账.xlsx"
        )


def excel_server() -> str | None:
    """The program Windows starts for COM's "Excel.Application" (read from the registry), or None.

    WPS can register itself under that name; then every xlwings call reaches WPS, not Excel.
    """
    if sys.platform != "win32":
        return None
    import winreg

    try:
        clsid = winreg.QueryValue(winreg.HKEY_CLASSES_ROOT, r"Excel.Application\CLSID")
    except OSError:
        return None
    # A 32-bit Office registers its server in the 32-bit view, which a 64-bit Python sees here.
    for view in ("CLSID", r"WOW6432Node\CLSID"):
        try:
            return winreg.QueryValue(winreg.HKEY_CLASSES_ROOT, rf"{view}\{clsid}\LocalServer32") or None
        except OSError:
            continue
    return None


def wps_server(command: str) -> bool:
    return bool(re.search(r"wps|kingsoft|\bet\.exe", command, re.IGNORECASE))


def excel_unavailable(server: str | None, *, platform: str = sys.platform) -> str:
    """Why Excel could not be reached, as precisely as the registry tells."""
    command_line = "请改用命令行：python -m dangjian report 台账.xlsx"
    if platform == "win32" and not server:
        return f"没有找到Microsoft Excel（系统中没有登记Excel）。WPS表格不支持本加载项，{command_line}"
    if platform == "win32" and wps_server(server):
        return ("“Excel.Application”被WPS接管（" + server + "），加载项无法安装。请在“WPS Office 配置工具”→高级→"
                "兼容设置中取消勾选“WPS Office兼容第三方系统和软件”，或对Microsoft Office做一次“快速修复”，然后再试；"
                f"也可以{command_line}")
    return ("Excel已安装，但没有响应。请关闭Excel中打开的对话框、结束正在编辑的单元格，或完全退出Excel后再试；"
            "仍不行时运行 python -m dangjian doctor 检查")


def _startup_folder() -> Path:
    """Excel's XLSTART folder, asked from Excel through xlwings (as `xlwings addin install` does)."""
    try:
        from xlwings import cli
    except ImportError as exc:
        raise AddinError(NO_XLWINGS) from exc
    try:
        folder = cli.get_addin_dir()
    except Exception as exc:  # noqa: BLE001 — COM/AppleScript raise many types when Excel is absent
        raise AddinError(excel_unavailable(excel_server())) from exc
    return Path(folder)


def _close_open_copies(name: str) -> None:
    import xlwings as xw

    for app in xw.apps:
        try:
            app.books[name].close()
        except KeyError:
            continue


def _runpython_install() -> None:
    from xlwings import cli

    cli.runpython_install(None)


def install_addin(*, python: Path | None = None, project: Path = PROJECT_ROOT, platform: str = sys.platform,
                  home: Path | None = None, startup_folder: Callable[[], Path] = _startup_folder,
                  close_open_copies: Callable[[str], None] = _close_open_copies,
                  runpython_install: Callable[[], None] = _runpython_install,
                  encoding: str | None = None) -> Installed:
    """Build the add-in from the installed xlwings, copy it into XLSTART, write its settings."""
    _require_excel_platform(platform)
    python = Path(python or sys.executable)
    settings = addin_settings(python=python, project=Path(project), platform=platform)
    # Encode first: a path the VBA cannot read must stop the install before anything is copied.
    encoding = encoding or conf_encoding(platform)
    for value in settings.values():
        _encoded(value, encoding)
    folder = startup_folder()
    target = folder / ADDIN_NAME
    with tempfile.TemporaryDirectory() as scratch:
        # Built from the xlwings installed now, so the VBA always matches the Python package.
        for button in BUTTONS:  # macros.xlam and one file per further button (see Button)
            built = build_addin(Path(scratch) / button.addin, button=button)
            close_open_copies(button.addin)
            try:
                folder.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(built, folder / button.addin)
            except PermissionError as exc:
                raise AddinError(f"无法写入“{folder / button.addin}”：请先完全退出Excel再运行本命令") from exc
    if platform == "darwin":
        runpython_install()
    conf = write_conf(conf_path(platform=platform, home=home), settings, encoding=encoding)
    return Installed(target, conf, settings)


def uninstall_addin(*, platform: str = sys.platform, home: Path | None = None,
                    startup_folder: Callable[[], Path] = _startup_folder,
                    close_open_copies: Callable[[str], None] = _close_open_copies,
                    encoding: str | None = None) -> Installed:
    """Remove the add-in from XLSTART and this program's keys from the settings file."""
    _require_excel_platform(platform, action="卸载")
    folder = startup_folder()
    target = folder / ADDIN_NAME
    for button in BUTTONS:
        close_open_copies(button.addin)
        try:
            (folder / button.addin).unlink(missing_ok=True)
        except PermissionError as exc:
            raise AddinError(f"无法删除“{folder / button.addin}”：请先完全退出Excel再运行本命令") from exc
    ours = addin_settings(python=Path("python"), project=PROJECT_ROOT, platform=platform)
    conf = write_conf(conf_path(platform=platform, home=home), dict.fromkeys(ours),
                      encoding=encoding or conf_encoding(platform))
    return Installed(target, conf, {})


# ---------------------------------------------------------------- the button's first step (macros.main)

def caller_problem(argv: list[str]) -> str | None:
    """Why xlwings's Book.caller() would miss the workbook named on the command line, or None.

    The VBA passes `--wb="<file name>"`, and Book.caller() keeps only the text between the first
    two "=" of that argument: a file name containing "=" names a wrong workbook or none.
    """
    for arg in argv:
        if arg.startswith("--wb="):
            name = arg[len("--wb="):].strip().strip('"')
            if "=" in name:
                return (f"台账文件名“{name}”中含有“=”，Excel加载项无法识别这个文件。"
                        "请用“文件→另存为”换一个不含“=”的文件名，在新文件中再点“校验并生成报告”。")
    return None


NO_CALLER = ("加载项没能连接到打开台账的Excel窗口。请保存台账，完全退出Excel后重新打开台账再试；"
             "仍不行时在“命令提示符”中运行 python -m dangjian doctor 检查安装。")


def stop_with_message(message: str, *, stream=None, encoding: str | None = None) -> NoReturn:
    """End the Python that the button started, leaving `message` for the user.

    xlwings's VBA shows in a message box what the Python it started wrote to stderr when it exits
    with an error; it reads that file in the ANSI code page, so the message is written in it.
    """
    stream = stream or sys.stderr.buffer
    stream.write(f"党建报告：{message}\r\n".encode(encoding or conf_encoding(sys.platform), errors="replace"))
    stream.flush()
    raise SystemExit(1)


class LocalBook:
    """The caller workbook, whose `fullname` is only its file name when it has no local folder.

    xlwings maps a OneDrive/SharePoint address to the synced local file and raises XlwingsError,
    in English, when there is none. A bare file name sends the report to 文档, as for a workbook
    that was never saved (api.report_checked puts the report in 文档).
    """

    def __init__(self, book):
        self._book = book

    def __getattr__(self, name):
        return getattr(self._book, name)

    @property
    def fullname(self) -> str:
        from xlwings import XlwingsError

        try:
            return self._book.fullname
        except XlwingsError:
            return self._book.name


def caller_book(*, argv: list[str] | None = None, caller: Callable[[], object] | None = None,
                stop: Callable[[str], NoReturn] = stop_with_message) -> LocalBook:
    """The workbook whose button was pressed, for macros.run(); what xlwings would report as an
    English traceback ends in a Chinese message instead."""
    problem = caller_problem(sys.argv if argv is None else argv)
    if problem:
        stop(problem)
    if caller is None:
        import xlwings as xw

        caller = xw.Book.caller
    try:
        book = caller()
    except Exception:  # noqa: BLE001 — COM raises many types; the user needs one sentence
        stop(NO_CALLER)
    return LocalBook(book)


def internal_error_help(log: Path | None, *, python: Path | None = None) -> str:
    """What the add-in's "程序内部错误" message adds: where the details are (the scrubbed log, or
    that it could not be written) and how to check the setup."""
    python = python or Path(sys.executable)
    where = (f"\n详细信息已写入：{log}（只记录出错的程序位置，不含台账内容）" if log
             else "\n（详细信息未能写入记录文件）")
    return (f"{where}\n请在“命令提示符”中运行下面的命令检查安装，"
            f"并把检查结果和上述文件发给维护人员：\n\"{python}\" -m dangjian doctor")
