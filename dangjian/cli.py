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
# dues_notice.NOTICE_PERIODS, spelt here so that building the parser imports nothing.
NOTICE_PERIODS = ("第一季度", "第二季度", "第三季度", "第四季度", "上半年", "下半年", "全年")

DESCRIPTION = "党支部工作台账：校验台账并生成党支部工作情况报告（Word）。"
EPILOG = """示例：
  python -m dangjian new 台账.xlsx                 生成空白台账
  python -m dangjian check 台账.xlsx               校验台账
  python -m dangjian check 台账.xlsx -o 校验结果.xlsx  校验并把结果另存为Excel文件
  python -m dangjian report 台账.xlsx              校验并生成工作报告
  python -m dangjian report 台账.xlsx --pdf        同时生成 PDF（需 LibreOffice）
  python -m dangjian dues-notice 台账.xlsx --period 第三季度  生成党费收缴情况公示（Word）
  python -m dangjian dues-notice 台账.xlsx --xlsx    公示另存为可打印的Excel表
  python -m dangjian dues-report 台账.xlsx         生成全年党费收缴情况报告（向党员大会报告）
  python -m dangjian summary 台账文件夹 --report 党委报告.docx  汇总各党支部台账（党委、党总支用）
  python -m dangjian install-addin                 在Excel中安装“党建报告”加载项（Windows、macOS）
  python -m dangjian doctor                        检查安装，逐项给出解决办法
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
    parser.add_argument("--version", action=_Version, nargs=0, help="显示版本号并退出")
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

    report = _document_command(commands, "report", "校验并生成工作报告",
                               "先校验台账；没有错误时生成党支部工作情况报告（.docx）。台账文件不会被修改。",
                               "python -m dangjian report 台账.xlsx -o 报告.docx",
                               output="报告文件；默认与台账在同一文件夹，按党组织名称、年度和期间命名")
    report.add_argument("--pdf", action="store_true", help="同时用 LibreOffice 生成 PDF（与报告同名，需已安装 LibreOffice）")
    notice = _document_command(commands, "dues-notice", "生成党费收缴情况公示",
                               "先校验台账；没有错误时按党费收缴表生成某一期间的党费收缴情况公示（Word，"
                               "或加 --xlsx 生成可打印的Excel表）。只列金额，不含月计算基数、身份证号和电话。",
                               "python -m dangjian dues-notice 台账.xlsx --period 第三季度",
                               output="公示文件；默认与台账在同一文件夹，按标题命名")
    notice.add_argument("--period", choices=NOTICE_PERIODS, metavar="期间",
                        help="公示的期间：" + "、".join(NOTICE_PERIODS) + "；默认为基本信息中的报告期间")
    notice.add_argument("--xlsx", action="store_true", help="生成可打印的Excel表（.xlsx），而不是Word文档")
    _document_command(commands, "dues-report", "生成全年党费收缴情况报告",
                      "先校验台账；没有错误时生成报告年度的党费收缴情况报告（Word），"
                      "向党员大会报告交纳人数、应交和实交金额、收缴率、欠交情况和上缴情况。",
                      "python -m dangjian dues-report 台账.xlsx", output="报告文件；默认与台账在同一文件夹，按标题命名")
    summary = commands.add_parser("summary", help="汇总一个文件夹中各党支部的台账（党委、党总支用）", add_help=False,
                                  description="逐个校验文件夹（含子文件夹）中各党支部的台账，写出汇总表（.xlsx：汇总、问题清单、图表），"
                                              "可同时生成党委的工作情况报告（.docx）。无法读取的文件列在问题清单中，不中断汇总。"
                                              "台账文件不会被修改。",
                                  epilog="示例：python -m dangjian summary 各支部台账 -o 汇总.xlsx --report 党委报告.docx")
    summary.add_argument("-h", "--help", action="help", help="显示帮助并退出")
    summary.add_argument("folder", type=Path, help="存放各党支部台账（.xlsx、.xlsm、.xls、.ods）的文件夹")
    summary.add_argument("-o", "--output", type=Path, help="汇总表文件（.xlsx）；默认为文件夹中的“党支部台账汇总.xlsx”")
    summary.add_argument("--report", type=Path, help="同时生成党委工作情况报告（.docx）")
    summary.add_argument("--period", choices=("上半年", "下半年", "全年", "第一季度", "第二季度", "第三季度", "第四季度"),
                         help="统一按这个报告期间汇总（不改动台账；默认按各台账“基本信息”中的报告期间）")
    summary.add_argument("--date", type=_written_date, metavar="成文日期",
                         help="党委报告的成文日期，如 2024-01-10；默认取各党支部台账中最晚的成文日期，"
                              "都没有填时为当天（报告期满两个月以后则为期末）")
    summary.add_argument("--no-cache", action="store_true",
                         help="重新读取所有台账，不使用也不保存汇总缓存（默认只重新读取内容有变化的台账）")
    install = commands.add_parser("install-addin", help="安装Excel加载项（Windows、macOS）", add_help=False,
                                  description="把“党建报告”加载项安装到Excel，并让它使用当前的Python和本项目文件夹。"
                                              "安装后Excel功能区出现“党建报告”选项卡。需要Microsoft Excel（不支持WPS）。",
                                  epilog="示例：python -m dangjian install-addin")
    install.add_argument("-h", "--help", action="help", help="显示帮助并退出")
    uninstall = commands.add_parser("uninstall-addin", help="卸载Excel加载项", add_help=False,
                                    description="从Excel中移除“党建报告”加载项及其设置。",
                                    epilog="示例：python -m dangjian uninstall-addin")
    uninstall.add_argument("-h", "--help", action="help", help="显示帮助并退出")
    doctor = commands.add_parser("doctor", help="检查安装（Python、依赖、Excel、加载项）", add_help=False,
                                 description="逐项检查这台电脑上的Python版本与位数、依赖包、Microsoft Excel（是否被WPS接管）、"
                                             "Excel加载项及其设置文件，以及台账所在文件夹能否写入；每个问题附解决办法。"
                                             "不修改任何文件。",
                                 epilog="示例：python -m dangjian doctor 台账.xlsx\n"
                                        "退出码：0 没有发现问题；2 至少有一项“问题”。")
    doctor.add_argument("-h", "--help", action="help", help="显示帮助并退出")
    doctor.add_argument("workbook", type=Path, nargs="?", help="台账文件（可省略）：同时检查它所在的文件夹")
    return parser


class _Version(argparse.Action):
    """--version, imported only when asked for: building the parser must stay cheap."""

    def __call__(self, parser, namespace, values, option_string=None):
        from .api import __version__

        print(f"dangjian {__version__}（Python {sys.version.split()[0]}）")
        parser.exit()


def _document_command(commands, name: str, summary: str, description: str, example: str, *,
                      output: str) -> argparse.ArgumentParser:
    """A command that checks a workbook and writes a document: its workbook, -o, --template, --force."""
    command = commands.add_parser(name, help=summary, add_help=False, description=description,
                                  epilog=f"示例：{example}")
    command.add_argument("-h", "--help", action="help", help="显示帮助并退出")
    command.add_argument("workbook", type=Path, help="台账文件（.xlsx、.xlsm、.xls 或 .ods）")
    command.add_argument("-o", "--output", type=Path, help=output)
    command.add_argument("--template", type=Path, help="自定义的Word模板（.docx）")
    command.add_argument("--force", action="store_true", help="台账有错误时仍然生成")
    return command


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
    handler = {"new": _new, "check": _check, "report": _report, "dues-notice": _dues_notice, "dues-report": _dues_report,
               "summary": _summary,
               "install-addin": _install_addin, "uninstall-addin": _uninstall_addin, "doctor": _doctor}[args.command]
    try:
        return handler(args)
    except KeyboardInterrupt:
        print("已取消。", file=sys.stderr)
        return EXIT_UNUSABLE
    except Exception as exc:  # noqa: BLE001 — the last guard: a bug must still end in Chinese, not a traceback
        from . import api

        _, message = api.describe_error(exc)
        print(message, file=sys.stderr)
        return EXIT_UNUSABLE


def _new(args) -> int:
    from . import api

    path = api.new_workbook(args.workbook, force=args.force)
    _say_if_moved(path, args.workbook)
    print(f"已生成空白台账：{path}")
    return EXIT_OK


def _check(args) -> int:
    from . import api

    checked = api.check_workbook(args.workbook, save_to=args.output)
    if args.format == "json":
        print(json.dumps(checked.report.to_dict(api.SHEET_ORDER), ensure_ascii=False, indent=2))
    else:
        print(format_findings(checked.report))
    if checked.saved is not None:
        _say_if_moved(checked.saved, args.output)
        print(f"已保存校验结果：{checked.saved}", file=sys.stderr if args.format == "json" else sys.stdout)
    return EXIT_DATA_ERRORS if checked.report.errors else EXIT_OK


def _report(args) -> int:
    from . import api

    code, run = _write_document(lambda: api.report_workbook(
        args.workbook, output=args.output, template=args.template, force=args.force, pdf=args.pdf,
        warn=lambda warning: print(f"提示：{warning}", file=sys.stderr)), "报告")
    if run is None or not args.pdf:
        return code
    if run.pdf_problem:
        print(f"报告（.docx）已生成，但未能生成 PDF：{run.pdf_problem}", file=sys.stderr)
        return EXIT_UNUSABLE
    _say_if_moved(run.pdf, run.written.with_suffix(".pdf"))
    print(f"已生成 PDF：{run.pdf}")
    return EXIT_OK


def _dues_notice(args) -> int:
    from . import api

    return _write_document(lambda: api.dues_notice_workbook(
        args.workbook, period=args.period, output=args.output, xlsx=args.xlsx, template=args.template,
        force=args.force), "党费收缴情况公示")[0]


def _dues_report(args) -> int:
    from . import api

    return _write_document(lambda: api.dues_report_workbook(
        args.workbook, output=args.output, template=args.template, force=args.force), "党费收缴情况报告")[0]


def _write_document(write, what: str):
    """(exit code, the api's run or None): the findings, then where the document went, or why not."""
    from . import api

    try:
        run = write()
    except api.DataErrors as exc:
        print(format_findings(exc.report), file=sys.stderr)
        print(f"台账中有{len(exc.report.errors)}处错误，请改正后再生成{what}（或加 --force 强制生成）。", file=sys.stderr)
        return EXIT_DATA_ERRORS, None
    except api.PeriodError as exc:  # only with --force: the workbook's content, not a file, is the problem
        print(f"无法生成{what}：{exc}。", file=sys.stderr)
        return EXIT_DATA_ERRORS, None
    report = run.checked.report
    if report.findings:
        print(format_findings(report), file=sys.stderr if report.errors else sys.stdout)
    _say_if_moved(run.written, run.wanted)
    print(f"已生成{what}：{run.written}")
    return EXIT_OK, run


def _say_if_moved(written: Path, wanted: Path) -> None:
    if Path(written).resolve() != Path(wanted).resolve():
        print(f"“{wanted}”正在其他程序中打开或为只读，未覆盖；已改为写入“{Path(written).name}”。", file=sys.stderr)


def _summary(args) -> int:
    from . import api

    def progress(done, total, result) -> None:
        print(api.progress_line(done, total, result), file=sys.stderr, flush=True)

    run = api.run_summary(args.folder, output=args.output, report=args.report, period=args.period, progress=progress,
                          written=args.date, use_cache=not args.no_cache)
    for notice in run.summary.notices:
        print(f"提示：{notice}", file=sys.stderr)
    totals = run.summary.totals()
    _say_if_moved(run.workbook, run.wanted)
    print(f"已汇总{totals['branches']}个党支部（{totals['members']}名党员）"
          + (f"，{totals['unreadable']}个文件无法读取" if totals["unreadable"] else "")
          + (f"，{len(run.summary.skipped)}个文件未单独计入（重复的台账等，见问题清单）" if run.summary.skipped else "") + "。")
    print(f"已生成汇总表：{run.workbook}")
    if run.report is not None:
        print(f"已生成党委报告：{run.report}")
    return EXIT_UNUSABLE if totals["unreadable"] and not totals["branches"] else EXIT_OK


def _written_date(text: str):
    from .values import CellValueError, parse_date

    try:
        return parse_date(text)
    except CellValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _install_addin(args) -> int:
    from . import api

    installed = api.install_addin()
    print(f"已安装Excel加载项：{installed.addin}")
    print(f"加载项设置已写入：{installed.conf}")
    print("请重新启动Excel，打开台账，点击功能区“党建报告”选项卡中的“校验并生成报告”。")
    return EXIT_OK


def _uninstall_addin(args) -> int:
    from . import api

    removed = api.uninstall_addin()
    print(f"已卸载Excel加载项：{removed.addin}（请重新启动Excel）")
    return EXIT_OK


def _doctor(args) -> int:
    from .api import doctor

    text, healthy = doctor(args.workbook)
    print(text)
    return EXIT_OK if healthy else EXIT_UNUSABLE


def format_findings(report) -> str:
    from . import api

    findings = report.sorted(api.SHEET_ORDER)
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
