"""Command line: parse options, call one api function, turn named errors into Chinese and an exit code.

Exit codes: 0 done; 1 the workbook has errors (错误); 2 the input or output cannot be used.
"""
from __future__ import annotations

import argparse
import json
import sys
import warnings
from pathlib import Path

EXIT_OK, EXIT_DATA_ERRORS, EXIT_UNUSABLE = 0, 1, 2

DESCRIPTION = "党支部工作台账：校验台账并生成党支部工作情况报告（Word）。"
EPILOG = """示例：
  python -m dangjian new 台账.xlsx                 生成空白台账
  python -m dangjian check 台账.xlsx               校验台账
  python -m dangjian check 台账.xlsx -o 校验结果.xlsx  校验并把结果另存为Excel文件
  python -m dangjian report 台账.xlsx              校验并生成工作报告
  python -m dangjian report 台账.xlsx --pdf        同时生成 PDF（需 LibreOffice）
  python -m dangjian install-addin                 在Excel中安装“党建报告”加载项（Windows、macOS）
退出码：0 成功；1 台账有错误；2 文件无法读取或写入。"""


class _Formatter(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, prefix="用法：" if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)
        self._positionals.title = "参数"
        self._optionals.title = "选项"

    def error(self, message: str) -> None:  # argparse's own English errors would reach the secretary
        self.print_usage(sys.stderr)
        print(f"参数有误：{_translate_argparse(message)}。运行 python -m dangjian --help 查看用法。", file=sys.stderr)
        raise SystemExit(EXIT_UNUSABLE)


def _translate_argparse(message: str) -> str:
    replacements = {
        "the following arguments are required": "缺少参数",
        "unrecognized arguments": "无法识别的参数",
        "invalid choice": "无效的选项",
        "argument": "参数",
        "expected one argument": "需要一个值",
        "choose from": "可选",
    }
    for english, chinese in replacements.items():
        message = message.replace(english, chinese)
    return message


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m dangjian", description=DESCRIPTION, epilog=EPILOG, add_help=False)
    parser.add_argument("-h", "--help", action="help", help="显示帮助并退出")
    commands = parser.add_subparsers(dest="command", metavar="命令", parser_class=_Parser)

    new = commands.add_parser("new", help="生成空白台账", add_help=False,
                              description="按模板生成空白的党支部工作台账（.xlsx）。",
                              epilog="示例：python -m dangjian new 党支部工作台账.xlsx")
    new.add_argument("-h", "--help", action="help", help="显示帮助并退出")
    new.add_argument("workbook", type=Path, help="要生成的台账文件")
    new.add_argument("--force", action="store_true", help="文件已存在时覆盖")

    check = commands.add_parser("check", help="校验台账", add_help=False,
                                description="按规则校验台账，列出每处问题所在的工作表和单元格。台账文件不会被修改。",
                                epilog="示例：python -m dangjian check 台账.xlsx --format json")
    check.add_argument("-h", "--help", action="help", help="显示帮助并退出")
    check.add_argument("workbook", type=Path, help="台账文件（.xlsx、.xlsm、.xls 或 .ods）")
    check.add_argument("--format", choices=("text", "json"), default="text", help="输出格式：text（表格，默认）或 json")
    check.add_argument("-o", "--output", type=Path,
                       help="另存校验结果的Excel文件（.xlsx），每条问题的单元格可点击跳转到台账中的位置")

    report = commands.add_parser("report", help="校验并生成工作报告", add_help=False,
                                 description="先校验台账；没有错误时生成党支部工作情况报告（.docx）。台账文件不会被修改。",
                                 epilog="示例：python -m dangjian report 台账.xlsx -o 报告.docx")
    report.add_argument("-h", "--help", action="help", help="显示帮助并退出")
    report.add_argument("workbook", type=Path, help="台账文件（.xlsx、.xlsm、.xls 或 .ods）")
    report.add_argument("-o", "--output", type=Path, help="报告文件；默认与台账在同一文件夹，按党组织名称、年度和期间命名")
    report.add_argument("--template", type=Path, help="自定义的Word模板（.docx）")
    report.add_argument("--force", action="store_true", help="台账有错误时仍然生成报告")
    report.add_argument("--pdf", action="store_true", help="同时用 LibreOffice 生成 PDF（与报告同名，需已安装 LibreOffice）")
    install = commands.add_parser("install-addin", help="安装Excel加载项（Windows、macOS）", add_help=False,
                                  description="把“党建报告”加载项安装到Excel，并让它使用当前的Python和本项目文件夹。"
                                              "安装后Excel功能区出现“党建报告”选项卡。需要Microsoft Excel（不支持WPS）。",
                                  epilog="示例：python -m dangjian install-addin")
    install.add_argument("-h", "--help", action="help", help="显示帮助并退出")
    uninstall = commands.add_parser("uninstall-addin", help="卸载Excel加载项", add_help=False,
                                    description="从Excel中移除“党建报告”加载项及其设置。",
                                    epilog="示例：python -m dangjian uninstall-addin")
    uninstall.add_argument("-h", "--help", action="help", help="显示帮助并退出")
    return parser


def main(argv: list[str] | None = None) -> int:
    _safe_console()
    # Library warnings (openpyxl, pandas) are English notes about internals; what matters to the
    # secretary about a cell becomes a finding instead.
    warnings.simplefilter("ignore")
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_OK
    handler = {"new": _new, "check": _check, "report": _report,
               "install-addin": _install_addin, "uninstall-addin": _uninstall_addin}[args.command]
    try:
        return handler(args)
    except KeyboardInterrupt:
        print("已取消。", file=sys.stderr)
        return EXIT_UNUSABLE
    except Exception as exc:  # noqa: BLE001 — the last guard: a bug must still end in Chinese, not a traceback
        from .errors import describe

        _, message = describe(exc)
        print(message, file=sys.stderr)
        return EXIT_UNUSABLE


def _new(args) -> int:
    from .api import new_workbook

    refusal = _output_refusal(args.workbook, suffix=".xlsx", what="台账")
    if refusal:
        print(refusal, file=sys.stderr)
        return EXIT_UNUSABLE
    if args.workbook.exists() and not args.force:
        print(f"“{args.workbook}”已存在，未覆盖。如需覆盖请加 --force。", file=sys.stderr)
        return EXIT_UNUSABLE
    path = new_workbook(args.workbook)
    _say_if_moved(path, args.workbook)
    print(f"已生成空白台账：{path}")
    return EXIT_OK


def _check(args) -> int:
    from .api import check_workbook
    from .schema import SHEET_ORDER

    refusal = args.output and _output_refusal(args.output, suffix=".xlsx", what="校验结果", workbook=args.workbook)
    if refusal:
        print(refusal, file=sys.stderr)
        return EXIT_UNUSABLE
    checked = check_workbook(args.workbook)
    if args.format == "json":
        print(json.dumps(checked.report.to_dict(SHEET_ORDER), ensure_ascii=False, indent=2))
    else:
        print(format_findings(checked.report))
    if args.output is not None:
        from .findings_book import write_findings

        written = write_findings(checked.report, args.output, source=args.workbook)
        _say_if_moved(written, args.output)
        print(f"已保存校验结果：{written}", file=sys.stderr if args.format == "json" else sys.stdout)
    return EXIT_DATA_ERRORS if checked.report.errors else EXIT_OK


def _output_refusal(output: Path, *, suffix: str, what: str, workbook: Path | None = None,
                    template: Path | None = None) -> str | None:
    """Why `output` must not be written, or None: a wrong file type, or a file the command reads."""
    output = Path(output)
    for role, source in (("台账文件", workbook), ("模板文件", template)):
        if source is not None and _same_file(output, source):
            return f"{what}不能写入{role}本身“{source}”，请另选一个文件名。"
    if output.suffix.lower() != suffix:
        return f"{what}应保存为{suffix}文件，“{output}”的扩展名不对，请改用“{output.stem}{suffix}”这样的文件名。"
    return None


def _same_file(first: Path, second: Path) -> bool:
    first, second = Path(first), Path(second)
    try:
        # samefile also sees through links and case-insensitive names (台账.XLSX on Windows, macOS).
        return first.samefile(second)
    except OSError:  # one of them does not exist yet
        return first.resolve() == second.resolve()


def _report(args) -> int:
    from .api import DataErrors, check_workbook, default_output, write_pdf, write_report

    # Refused before the workbook is read: nothing is checked or written for a wrong output.
    refusal = args.output and _report_refusal(args.output, args)
    if refusal:
        print(refusal, file=sys.stderr)
        return EXIT_UNUSABLE
    checked = check_workbook(args.workbook)
    output = args.output or default_output(args.workbook, checked.ledger)
    refusal = _report_refusal(output, args)
    if refusal:
        print(refusal, file=sys.stderr)
        return EXIT_UNUSABLE
    if checked.report.findings:
        print(format_findings(checked.report), file=sys.stderr if checked.report.errors else sys.stdout)
    try:
        written = write_report(checked, output=output, template=args.template, force=args.force,
                               warn=lambda warning: print(f"提示：{warning}", file=sys.stderr))
    except DataErrors as exc:
        print(f"{exc}（或加 --force 强制生成）。", file=sys.stderr)
        return EXIT_DATA_ERRORS
    _say_if_moved(written, output)
    print(f"已生成报告：{written}")
    if args.pdf:
        from .office import OfficeError

        try:
            pdf = write_pdf(written)
        except OfficeError as exc:
            print(f"报告（.docx）已生成，但未能生成 PDF：{exc}", file=sys.stderr)
            return EXIT_UNUSABLE
        _say_if_moved(pdf, written.with_suffix(".pdf"))
        print(f"已生成 PDF：{pdf}")
    return EXIT_OK


def _report_refusal(output: Path, args) -> str | None:
    return _output_refusal(output, suffix=".docx", what="报告", workbook=args.workbook, template=args.template)


def _say_if_moved(written: Path, wanted: Path) -> None:
    if Path(written).resolve() != Path(wanted).resolve():
        print(f"“{wanted}”正在其他程序中打开或为只读，未覆盖；已改为写入“{Path(written).name}”。", file=sys.stderr)


def _install_addin(args) -> int:
    from .addin import install_addin

    installed = install_addin()
    print(f"已安装Excel加载项：{installed.addin}")
    print(f"加载项设置已写入：{installed.conf}")
    print("请重新启动Excel，打开台账，点击功能区“党建报告”选项卡中的“校验并生成报告”。")
    return EXIT_OK


def _uninstall_addin(args) -> int:
    from .addin import uninstall_addin

    removed = uninstall_addin()
    print(f"已卸载Excel加载项：{removed.addin}（请重新启动Excel）")
    return EXIT_OK


def format_findings(report) -> str:
    from .schema import SHEET_ORDER

    findings = report.sorted(SHEET_ORDER)
    lines: list[str] = []
    current = None
    for finding in findings:
        if finding.sheet != current:
            current = finding.sheet
            lines.append(f"\n【{current}】")
        basis = f"（依据：{finding.basis}）" if finding.basis else ""
        lines.append(f"  {finding.level.chinese}  {finding.address:<14} {finding.message}{basis}")
    if not findings:
        lines.append("校验通过：未发现问题。")
    else:
        lines.append(f"\n共{report.counts_text()}。")
    return "\n".join(lines).lstrip("\n")


def _safe_console() -> None:
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure:
            reconfigure(errors="replace")
