"""Command line: parse options, call one api function, turn named errors into Chinese and an exit code.

Exit codes: 0 done; 1 the workbook has errors (错误); 2 the input or output cannot be used.
"""
from __future__ import annotations

import argparse
import gc
import json
import re
import sys
import unicodedata
import warnings
from pathlib import Path

EXIT_OK, EXIT_DATA_ERRORS, EXIT_UNUSABLE = 0, 1, 2
# dues_notice.NOTICE_PERIODS, spelt here so that building the parser imports nothing.
NOTICE_PERIODS = ("第一季度", "第二季度", "第三季度", "第四季度", "上半年", "下半年", "全年")

DESCRIPTION = "党支部工作台账：校验台账并生成党支部工作情况报告（Word）。"
CONSOLE_COMMAND = "dangjian"  # [project.scripts] in pyproject.toml
# (what it does, the arguments after the program's name): the main help's examples.
EXAMPLES = (
    ("生成空白台账", "new 台账.xlsx"),
    ("校验台账", "check 台账.xlsx"),
    ("校验并把结果另存为Excel文件", "check 台账.xlsx -o 校验结果.xlsx"),
    ("校验并生成工作报告", "report 台账.xlsx"),
    ("同时生成 PDF（需 LibreOffice）", "report 台账.xlsx --pdf"),
    ("生成党费收缴情况公示（Word）", "dues-notice 台账.xlsx --period 第三季度"),
    ("公示另存为可打印的Excel表", "dues-notice 台账.xlsx --xlsx"),
    ("生成全年党费收缴情况报告（向党员大会报告）", "dues-report 台账.xlsx"),
    ("党员队伍结构统计（党内统计年报的分类）", "stats 台账.xlsx -o 统计.xlsx"),
    ("生成发展党员公示、纪实表和汇总表", "development 台账.xlsx"),
    ("列出已逾期和六周内到期的工作（工作提醒）", "todo 台账.xlsx"),
    ("生成下一年度的组织生活计划（Word）", "plan 台账.xlsx --year 2024"),
    ("汇总各党支部台账（党委、党总支用）", "summary 台账文件夹 --report 党委报告.docx"),
    ("打开窗口，用按钮完成以上操作", "gui 台账.xlsx"),
    ("在Excel中安装“党建报告”加载项（Windows、macOS）", "install-addin"),
    ("检查安装，逐项给出解决办法", "doctor"),
)
EXIT_CODES = "退出码：0 成功；1 台账有错误；2 文件无法读取或写入。"
HEADING = re.compile(r"^((?:\x1b\[[0-9;]*m)*(?:参数|选项)(?:\x1b\[[0-9;]*m)*):$", re.M)  # (colour codes: 3.14)
CLOSING_PUNCTUATION = "，。、；：）》”’！？"
# Commands that run on after their first workbook: the window, and the 党委 summary (whose forked
# workers inherit the collector's state and check workbook after workbook).
RUN_ON = ("gui", "summary")


def module_command() -> str:
    """`python -m dangjian` as this Python was called (python, python3, python3.12)."""
    name = Path(sys.executable).name
    name = name[:-4] if name.lower().endswith(".exe") else name
    return f"{name if re.fullmatch(r'python[0-9.]*', name) else 'python'} -m dangjian"


def _examples(prog: str) -> str:
    return "示例：\n" + "".join(f"  {what}：\n    {prog} {arguments}\n" for what, arguments in EXAMPLES) + EXIT_CODES


def _width(text: str) -> int:
    """Columns on a terminal: a Chinese character takes two (argparse counts characters)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


class _Formatter(argparse.HelpFormatter):
    """argparse's layout measured in terminal columns, with Chinese headings and `-o, --output 文件`."""

    def __init__(self, prog, indent_increment=2, max_help_position=28, width=None):
        super().__init__(prog, indent_increment, max_help_position, width)

    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, prefix="用法：" if prefix is None else prefix)

    def _format_usage(self, usage, actions, groups, prefix):
        """argparse's usage, its later lines indented under the first and every line within the width."""
        width = self._width
        try:
            # argparse wraps by characters: narrow its width until the columns fit (a usage of Chinese
            # metavars may need its width cut by a dozen characters before argparse wraps it at all).
            for _ in range(20):
                first, *rest = super()._format_usage(usage, actions, groups, prefix).split("\n")
                shift = " " * (_width(prefix or "") - len(prefix or ""))  # 用法： is 6 columns, not 3
                lines = [first] + [shift + line if line.strip() else line for line in rest]
                overflow = max(map(_width, lines)) - (width - self._current_indent)
                if overflow <= 0:
                    break
                self._width -= overflow
        finally:
            self._width = width
        return "\n".join(lines)

    def format_help(self):
        return HEADING.sub(r"\1：", super().format_help())

    def _format_action_invocation(self, action):
        if not action.option_strings or action.nargs == 0:
            return super()._format_action_invocation(action)
        metavar = self._format_args(action, self._get_default_metavar_for_optional(action))
        return ", ".join(action.option_strings) + " " + metavar

    def add_argument(self, action):
        super().add_argument(action)
        if action.help is not argparse.SUPPRESS:
            # Subcommands are shown one indent deeper than argparse measured them.
            widths = [_width(self._format_action_invocation(action)) + self._current_indent]
            widths += [_width(self._format_action_invocation(sub)) + self._current_indent + self._indent_increment
                       for sub in self._iter_indented_subactions(action)]
            self._action_max_length = max(self._action_max_length, *widths)

    def _format_action(self, action):
        help_position = min(self._action_max_length + 2, self._max_help_position)
        header = " " * self._current_indent + self._format_action_invocation(action)
        help_text = self._expand_help(action) if action.help and action.help.strip() else ""
        lines = self._split_lines(help_text, max(self._width - help_position, 11)) if help_text else []
        if lines and _width(header) + 2 <= help_position:
            parts = [header + " " * (help_position - _width(header)) + lines.pop(0) + "\n"]
        else:
            parts = [header + "\n"]
        parts += [" " * help_position + line + "\n" for line in lines]
        for subaction in self._iter_indented_subactions(action):
            parts.append(self._format_action(subaction))
        return "".join(parts)

    def _fill_text(self, text, width, indent):
        """Descriptions and examples keep their own line breaks and indents; long lines are wrapped."""
        lines = []
        for raw in text.splitlines():
            lead = indent + raw[:len(raw) - len(raw.lstrip())]
            lines += [lead + line for line in self._split_lines(raw, width - _width(lead))] or [""]
        return "\n".join(lines)

    def _split_lines(self, text, width):
        """Lines of at most `width` columns; Latin words stay whole, no line starts with closing punctuation."""
        lines, line = [], []
        for token in re.findall(r"[A-Za-z0-9_.\-/]+|\s+|.", " ".join(text.split())):
            if line and _width("".join(line) + token) > width:
                # Closing punctuation takes the word before it to the next line (禁则).
                keep = len(line)
                if token in CLOSING_PUNCTUATION:
                    keep -= 1
                    while keep > 1 and line[keep] in CLOSING_PUNCTUATION:
                        keep -= 1
                carried = line[max(keep, 1):]
                lines.append("".join(line[:len(line) - len(carried)]).rstrip())
                line = carried + ([] if token.isspace() else [token])
            else:
                line.append(token)
        return lines + (["".join(line).rstrip()] if "".join(line).strip() else [])


class _Parser(argparse.ArgumentParser):
    """Every parser and sub-command: Chinese headings, errors and -h (argparse's own -h is English)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "参数"
        self._optionals.title = "选项"
        self.add_argument("-h", "--help", action="help", help="显示帮助并退出")

    def error(self, message: str) -> None:  # argparse's own English errors would reach the secretary
        self.print_usage(sys.stderr)
        print(f"参数有误：{_translate_argparse(message)}。运行 {self.prog} --help 查看用法。", file=sys.stderr)
        raise SystemExit(EXIT_UNUSABLE)


def _option(name: str) -> str:
    """An option's name as it sits in a Chinese sentence: Latin is set off by a space."""
    return f"{name} " if name[-1:].isascii() else name


def _listed(names: str) -> str:
    """argparse's list of names or choices ("'a', 'b'" or "a, b") as 、-separated Chinese."""
    return "、".join(name.strip().strip("'") for name in names.split(", "))


# argparse's error messages (3.11–3.14) and their Chinese: patterns are tried in order.
_ARGPARSE_MESSAGES = (
    (r"the following arguments are required: (?P<names>.+)", lambda m: f"缺少{_listed(m['names'])}"),
    (r"argument (?P<arg>.+?): invalid choice: (?P<value>.+?) \(choose from (?P<choices>.+)\)",
     lambda m: f"{_option(m['arg'])}不能是“{m['value'].strip(chr(39))}”，可选：{_listed(m['choices'])}"),
    (r"argument (?P<arg>.+?): expected one argument", lambda m: f"{_option(m['arg'])}后面缺少值"),
    (r"argument (?P<arg>.+?): ignored explicit argument (?P<value>.+)",
     lambda m: f"{_option(m['arg'])}不带值（多了“{m['value'].strip(chr(39))}”）"),
    (r"argument (?P<arg>.+?): not allowed with argument (?P<other>.+)",
     lambda m: f"{_option(m['arg'])}不能与 {_option(m['other'])}同时使用"),
    (r"unrecognized arguments: (?P<rest>.+)", lambda m: f"无法识别“{m['rest']}”"),
    (r"ambiguous option: (?P<arg>\S+?)(?:=\S*)? could match (?P<options>.+)",
     lambda m: f"{_option(m['arg'])}不明确，可能是：{_listed(m['options'])}"),
    (r"argument (?P<arg>.+?): (?P<rest>.+)", lambda m: f"{m['arg']}：{m['rest']}"),
)


def _translate_argparse(message: str) -> str:
    for pattern, chinese in _ARGPARSE_MESSAGES:
        match = re.fullmatch(pattern, message.strip(), re.S)
        if match:
            return chinese(match)
    return message


def build_parser(prog: str = "python -m dangjian") -> argparse.ArgumentParser:
    """The parser, its help and its messages naming the program as `prog` (what the user typed)."""
    parser = _Parser(prog=prog, description=DESCRIPTION, epilog=_examples(prog))
    parser.add_argument("--version", action=_Version, nargs=0, help="显示版本号并退出")
    parser.set_defaults(prog=prog)
    commands = parser.add_subparsers(dest="command", metavar="命令", parser_class=_Parser)

    new = commands.add_parser("new", help="生成空白台账",
                              description="按模板生成空白的党支部工作台账（.xlsx）。",
                              epilog=f"示例：{prog} new 党支部工作台账.xlsx")
    new.add_argument("workbook", type=Path, metavar="台账", help="要生成的台账文件")
    new.add_argument("--force", action="store_true", help="文件已存在时覆盖")

    check = commands.add_parser("check", help="校验台账",
                                description="按规则校验台账，列出每处问题所在的工作表和单元格。台账文件不会被修改。",
                                epilog=f"示例：{prog} check 台账.xlsx --format json")
    check.add_argument("workbook", type=Path, metavar="台账", help="台账文件（.xlsx、.xlsm、.xls 或 .ods）")
    check.add_argument("--format", choices=("text", "json"), default="text", metavar="格式",
                       help="输出格式：text（表格，默认）或 json")
    check.add_argument("-o", "--output", type=Path, metavar="文件",
                       help="另存校验结果的Excel文件（.xlsx），每条问题的单元格可点击跳转到台账中的位置")

    report = _document_command(commands, prog, "report", "校验并生成工作报告",
                               "先校验台账；没有错误时生成党支部工作情况报告（.docx）。台账文件不会被修改。",
                               "report 台账.xlsx -o 报告.docx",
                               output="报告文件；默认与台账在同一文件夹，按党组织名称、年度和期间命名")
    report.add_argument("--pdf", action="store_true", help="同时用 LibreOffice 生成 PDF（与报告同名，需已安装 LibreOffice）")
    notice = _document_command(commands, prog, "dues-notice", "生成党费收缴情况公示",
                               "先校验台账；没有错误时按党费收缴表生成某一期间的党费收缴情况公示（Word，"
                               "或加 --xlsx 生成可打印的Excel表）。只列金额，不含月计算基数、身份证号和电话。",
                               "dues-notice 台账.xlsx --period 第三季度",
                               output="公示文件；默认与台账在同一文件夹，按标题命名")
    notice.add_argument("--period", choices=NOTICE_PERIODS, metavar="期间",
                        help="公示的期间：" + "、".join(NOTICE_PERIODS) + "；默认为基本信息中的报告期间")
    notice.add_argument("--xlsx", action="store_true", help="生成可打印的Excel表（.xlsx），而不是Word文档")
    _document_command(commands, prog, "dues-report", "生成全年党费收缴情况报告",
                      "先校验台账；没有错误时生成报告年度的党费收缴情况报告（Word），"
                      "向党员大会报告交纳人数、应交和实交金额、收缴率、欠交情况和上缴情况。",
                      "dues-report 台账.xlsx", output="报告文件；默认与台账在同一文件夹，按标题命名")
    stats = commands.add_parser("stats", help="党员队伍结构统计（年龄、学历、入党时间、岗位等）",
                                description="先校验台账；没有错误时按党内统计年报的分类统计党员名册：性别、民族、党员类别、年龄、学历、"
                                            "入党时间、岗位，以及本年党员数量变化和预备党员转正情况。只有人数，不含姓名和个人信息。"
                                            "台账文件不会被修改。",
                                epilog=f"示例：{prog} stats 台账.xlsx --date 2023-12-31 -o 党员统计.xlsx")
    stats.add_argument("workbook", type=Path, metavar="台账", help="台账文件（.xlsx、.xlsm、.xls 或 .ods）")
    stats.add_argument("--date", type=_date_argument, metavar="日期",
                       help="统计日期，如 2023-12-31；默认为报告期间的最后一天。年龄按该年12月31日计算")
    stats.add_argument("-o", "--output", type=Path, metavar="文件", help="另存为可打印的Excel统计表（.xlsx）")
    stats.add_argument("--format", choices=("text", "json"), default="text", metavar="格式",
                       help="输出格式：text（默认）或 json")
    stats.add_argument("--force", action="store_true", help="台账有错误时仍然统计")
    development = commands.add_parser(
        "development", help="生成发展党员公示、纪实表和汇总表",
        description="先校验台账；没有错误时按“发展党员”表写出：到了相应阶段的人的公示（拟确定为发展对象、"
                    "拟接收为预备党员、拟转正），每人的发展党员工作纪实表，以及本期的发展对象和预备党员汇总表"
                    "（Word）。不含身份证号和个人电话。台账文件不会被修改。",
        epilog=f"示例：{prog} development 台账.xlsx --person 李思雨 -o 发展党员材料")
    development.add_argument("workbook", type=Path, metavar="台账", help="台账文件（.xlsx、.xlsm、.xls 或 .ods）")
    development.add_argument("--person", metavar="姓名", help="只生成这一人的公示和纪实表")
    development.add_argument("-o", "--output", type=Path, metavar="文件夹",
                             help="写入的文件夹；默认为台账所在文件夹中的“发展党员材料”")
    development.add_argument("--force", action="store_true", help="台账有错误时仍然生成")
    todo = commands.add_parser("todo", help="工作提醒：已逾期和即将到期的工作",
                               description="按规则和台账记录，列出某一天已逾期的工作和此后几周内到期的工作（三会一课、主题党日、"
                                           "集中学习、党费、公示、发展党员、换届、年终事项），由近及远，每项写明期限、依据和台账位置。"
                                           "只计这一天及以前的记录。台账文件不会被修改。",
                               epilog=f"示例：{prog} todo 台账.xlsx --date 2023-09-25 --weeks 6")
    todo.add_argument("workbook", type=Path, metavar="台账", help="台账文件（.xlsx、.xlsm、.xls 或 .ods）")
    todo.add_argument("--date", type=_date_argument, metavar="日期", help="按哪一天提醒，如 2023-09-25；默认为今天（应在台账的报告年度内）")
    todo.add_argument("--weeks", type=_weeks, default=6, metavar="周数", help="列出此后几周内到期的工作（1至52，默认6）")
    todo.add_argument("--format", choices=("text", "json"), default="text", metavar="格式",
                      help="输出格式：text（默认）或 json")
    todo.add_argument("-o", "--output", type=Path, metavar="文件", help="另存为可打印的Excel表（.xlsx）")
    plan = commands.add_parser("plan", help="生成年度组织生活计划",
                               description="按规则和台账生成某一年度的组织生活计划（Word，或加 --xlsx 生成可编辑、可打印的Excel表）："
                                           "开头、逐月安排表（月份、内容、形式、责任人、时间）和工作要求。主题党日排在“规则设置”中的"
                                           "固定日（遇法定节假日顺延），其余日期都避开法定节假日。台账文件不会被修改。",
                               epilog=f"示例：{prog} plan 台账.xlsx --year 2024")
    plan.add_argument("workbook", type=Path, metavar="台账", help="台账文件（.xlsx、.xlsm、.xls 或 .ods）")
    plan.add_argument("-o", "--output", type=Path, metavar="文件", help="计划文件；默认与台账在同一文件夹，按标题命名")
    plan.add_argument("--template", type=Path, metavar="模板", help="自定义的Word模板（.docx）")
    plan.add_argument("--year", type=_year, metavar="年", help="计划的年度，如 2024；默认为台账的报告年度")
    plan.add_argument("--xlsx", action="store_true", help="生成可编辑、可打印的Excel表（.xlsx），而不是Word文档")
    plan.add_argument("--into-new", type=Path, metavar="副本",
                      help="另存一份台账副本，其中的“计划”工作表写入本计划（原台账不变）；校验时与记录对照")
    summary = commands.add_parser("summary", help="汇总一个文件夹中各党支部的台账（党委、党总支用）",
                                  description="逐个校验文件夹（含子文件夹）中各党支部的台账，写出汇总表（.xlsx：汇总、问题清单、图表），"
                                              "可同时生成党委的工作情况报告（.docx）。无法读取的文件列在问题清单中，不中断汇总。"
                                              "台账文件不会被修改。",
                                  epilog=f"示例：{prog} summary 各支部台账 -o 汇总.xlsx --report 党委报告.docx")
    summary.add_argument("folder", type=Path, metavar="文件夹", help="存放各党支部台账（.xlsx、.xlsm、.xls、.ods）的文件夹")
    summary.add_argument("-o", "--output", type=Path, metavar="文件", help="汇总表文件（.xlsx）；默认为文件夹中的“党支部台账汇总.xlsx”")
    summary.add_argument("--report", type=Path, metavar="文件", help="同时生成党委工作情况报告（.docx）")
    summary.add_argument("--period", choices=("上半年", "下半年", "全年", "第一季度", "第二季度", "第三季度", "第四季度"),
                         metavar="期间",
                         help="统一按这个报告期间汇总（不改动台账；默认按各台账“基本信息”中的报告期间）")
    summary.add_argument("--date", type=_date_argument, metavar="成文日期",
                         help="党委报告的成文日期，如 2024-01-10；默认取各党支部台账中最晚的成文日期，"
                              "都没有填时为当天（报告期满两个月以后则为期末）")
    summary.add_argument("--no-cache", action="store_true",
                         help="重新读取所有台账，不使用也不保存汇总缓存（默认只重新读取内容有变化的台账）")
    install = commands.add_parser("install-addin", help="安装Excel加载项（Windows、macOS）",
                                  description="把“党建报告”加载项安装到Excel，并让它使用当前的Python和本项目文件夹。"
                                              "安装后Excel功能区出现“党建报告”选项卡。需要Microsoft Excel（不支持WPS）。",
                                  epilog=f"示例：{prog} install-addin")
    uninstall = commands.add_parser("uninstall-addin", help="卸载Excel加载项",
                                    description="从Excel中移除“党建报告”加载项及其设置。",
                                    epilog=f"示例：{prog} uninstall-addin")
    gui = commands.add_parser("gui", help="打开窗口：选择台账，点击按钮校验、生成文档、汇总",
                              description="打开“党支部工作台账”窗口：选择台账（记住上次用过的），点击按钮校验或生成"
                                          "工作报告、党费公示、党费报告、工作提醒、年度计划、发展党员材料、党员统计，"
                                          "或汇总一个文件夹中的台账；问题按工作表列出。"
                                          "台账文件不会被修改。",
                              epilog=f"示例：{prog} gui 台账.xlsx")
    gui.add_argument("workbooks", type=Path, nargs="*", metavar="台账",
                     help="台账文件（可省略：用上次的台账；给出几个时用第一个）")
    gui.add_argument("--run", choices=("check", "report", "dues-notice", "dues-report", "todo", "plan", "development",
                                       "stats"), metavar="命令", help="打开后立即执行其中一个命令（与同名命令相同）")
    for name, summary, description in (
            ("install-launcher", "添加窗口的快捷方式（开始菜单、桌面、发送到；Linux：应用菜单、打开方式）",
             "Windows：在开始菜单、桌面和“发送到”中添加“党支部工作台账”快捷方式。Linux：在应用菜单中添加它，"
             "在台账（.xlsx、.et 等）的“打开方式”中添加它；统信（dde-file-manager）等文件管理器的右键菜单在其文件夹存在时"
             "一并添加。只写当前用户的文件，不改默认打开程序。"),
            ("uninstall-launcher", "移除窗口的快捷方式", "移除 install-launcher 添加的快捷方式和文件（只移除它写入的）。")):
        launcher = commands.add_parser(name, help=summary, description=description,
                                       epilog=f"示例：{prog} {name}")
    doctor = commands.add_parser("doctor", help="检查安装（Python、依赖、Excel、加载项）",
                                 description="逐项检查这台电脑上的Python版本与位数、依赖包、Microsoft Excel（是否被WPS接管）、"
                                             "Excel加载项及其设置文件，以及台账所在文件夹能否写入；每个问题附解决办法。"
                                             "不修改任何文件。",
                                 epilog=f"示例：{prog} doctor 台账.xlsx\n"
                                        "退出码：0 没有发现问题；2 至少有一项“问题”。")
    doctor.add_argument("workbook", type=Path, nargs="?", metavar="台账", help="台账文件（可省略）：同时检查它所在的文件夹")
    return parser


def _date_argument(text: str):
    from . import api

    try:
        return api.parse_day(text)
    except api.CellValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
def _year(text: str) -> int:
    if not text.strip().isdigit() or not 1950 <= int(text) <= 2200:
        raise argparse.ArgumentTypeError(f"“{text}”不是有效的年份（四位数字，如 2024）")
    return int(text)


def _weeks(text: str) -> int:
    if not text.strip().isdigit() or not 1 <= int(text) <= 52:
        raise argparse.ArgumentTypeError(f"“{text}”应为1至52之间的整数")
    return int(text)


class _Version(argparse.Action):
    """--version, imported only when asked for: building the parser must stay cheap."""

    def __call__(self, parser, namespace, values, option_string=None):
        from .api import __version__

        print(f"dangjian {__version__}（Python {sys.version.split()[0]}）")
        parser.exit()


def _document_command(commands, prog: str, name: str, summary: str, description: str, example: str, *,
                      output: str) -> argparse.ArgumentParser:
    """A command that checks a workbook and writes a document: its workbook, -o, --template, --force."""
    command = commands.add_parser(name, help=summary, description=description,
                                  epilog=f"示例：{prog} {example}")
    command.add_argument("workbook", type=Path, metavar="台账", help="台账文件（.xlsx、.xlsm、.xls 或 .ods）")
    command.add_argument("-o", "--output", type=Path, metavar="文件", help=output)
    command.add_argument("--template", type=Path, metavar="模板", help="自定义的Word模板（.docx）")
    command.add_argument("--force", action="store_true", help="台账有错误时仍然生成")
    return command


def console(prog: str = CONSOLE_COMMAND) -> int:
    """main() in a process that ends with it: the `dangjian` command's entry ([project.scripts]),
    and `python -m dangjian`'s (__main__, which passes its own name).

    Ends the process itself where it can (end_process); else returns the exit code for sys.exit.
    """
    code = main(prog=prog, process_ends=True)
    # The exit's own collections walk every object not set aside, though the process's end frees them
    # all: the floor's libraries alone cost a sixth of its time that way.
    gc.freeze()
    end_process(code)
    return code


def end_process(code: int) -> None:
    """End the process now, without the interpreter's teardown; returns when it must end the usual way.

    The teardown frees, module by module, everything the libraries built (pandas, lxml, docx): work
    the process's end does at once, and 0.01–0.02 s of a check or a report. What of the exit can be
    seen outside is done first: the atexit functions (logging's flush, finalizers, a library's own
    clean-up) and the standard streams. With another thread still running (it would be cut off), a
    profiler or tracer watching (`python -m cProfile`, coverage, a debugger: each says its piece
    after the program returns) or a stream that cannot be flushed (a closed pipe), the usual exit
    follows instead.
    """
    import atexit
    import os
    import threading

    if threading.active_count() != 1 or sys.getprofile() is not None or sys.gettrace() is not None:
        return
    # Registered functions run once: an interpreter exit after this finds none left to run.
    atexit._run_exitfuncs()
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:  # None under pythonw (the window's shortcut on Windows)
                stream.flush()
    except (OSError, ValueError):  # a closed pipe or stream: the usual exit reports it as Python does
        return
    os._exit(code)


def main(argv: list[str] | None = None, *, prog: str = CONSOLE_COMMAND, process_ends: bool = False) -> int:
    """The `dangjian` command; `python -m dangjian` passes its own name as `prog`, and `process_ends`:
    its process ends when this returns."""
    _safe_console()
    # Library warnings (openpyxl, pandas) are English notes about internals; what matters to the
    # secretary about a cell becomes a finding instead.
    warnings.simplefilter("ignore")
    parser = build_parser(prog)
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_OK
    if process_ends and args.command not in RUN_ON:
        # The collector stays paused after the command (api._one_workbook resumes it only when it was
        # running): its first pass would walk every object the libraries and the workbook made, 0.03 s
        # for the sample's report and 0.04 s at 3,000 members, to free nothing the exit does not.
        gc.disable()
    handler = {"new": _new, "check": _check, "report": _report, "dues-notice": _dues_notice, "dues-report": _dues_report,
               "stats": _stats, "development": _development, "todo": _todo, "plan": _plan, "summary": _summary,
               "gui": _gui, "install-launcher": _install_launcher, "uninstall-launcher": _uninstall_launcher,
               "install-addin": _install_addin, "uninstall-addin": _uninstall_addin, "doctor": _doctor}[args.command]
    try:
        return handler(args)
    except KeyboardInterrupt:
        print("已取消。", file=sys.stderr)
        return EXIT_UNUSABLE
    except Exception as exc:  # noqa: BLE001 — the last guard: a bug must still end in Chinese, not a traceback
        from . import api

        print(api.failure_message(exc, about=f"dangjian {api.__version__} {args.command}", doctor=f"{prog} doctor"),
              file=sys.stderr)
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


def _stats(args) -> int:
    from . import api

    code, run = _write_document(lambda: api.stats_workbook(args.workbook, day=args.date, output=args.output,
                                                           force=args.force), "党员队伍结构统计表", quiet=True)
    if run is None:
        return code
    if args.format == "json":
        print(json.dumps(run.statistics.to_dict(), ensure_ascii=False, indent=2))
    else:
        ledger = run.checked.ledger
        print(api.format_tables(run.statistics, branch=ledger.basic["branch"] or ledger.basic["unit"] or "党支部"))
    return code


def _development(args) -> int:
    from . import api

    try:
        run = api.development_workbook(args.workbook, person=args.person, output=args.output, force=args.force)
    except api.DataErrors as exc:
        print(format_findings(exc.report), file=sys.stderr)
        print(f"台账中有{len(exc.report.errors)}处错误，请改正后再生成发展党员材料（或加 --force 强制生成）。", file=sys.stderr)
        return EXIT_DATA_ERRORS
    except (api.PeriodError, api.PersonNotFound) as exc:
        print(f"无法生成发展党员材料：{exc}。", file=sys.stderr)
        return EXIT_DATA_ERRORS
    report = run.checked.report
    if report.findings:
        print(format_findings(report), file=sys.stderr if report.errors else sys.stdout)
    print(f"已在“{run.folder}”中生成发展党员材料{len(run.written)}份：")
    for path in run.written:
        print(f"  {path.name}")
    return EXIT_OK


def _write_document(write, what: str, *, quiet: bool = False):
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
        # `quiet`: stdout is the command's own output (the statistics), the findings go to stderr.
        print(format_findings(report), file=sys.stderr if report.errors or quiet else sys.stdout)
    if run.written is not None:
        _say_if_moved(run.written, run.wanted)
        print(f"已生成{what}：{run.written}", file=sys.stderr if quiet else sys.stdout)
    return EXIT_OK, run


def _say_if_moved(written: Path, wanted: Path) -> None:
    if Path(written).resolve() != Path(wanted).resolve():
        print(f"“{wanted}”正在其他程序中打开或为只读，未覆盖；已改为写入“{Path(written).name}”。", file=sys.stderr)


def _todo(args) -> int:
    from . import api

    try:
        run = api.todo_workbook(args.workbook, day=args.date, weeks=args.weeks, output=args.output)
    except api.TodoDateError as exc:
        print(f"{exc}，或用 --date 指定{exc.year}年内的日期。", file=sys.stderr)
        return EXIT_UNUSABLE
    if args.format == "json":
        print(json.dumps(run.todo.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(api.format_todo(run.todo))
    if run.written is not None:
        _say_if_moved(run.written, run.wanted)
        print(f"已保存工作提醒：{run.written}", file=sys.stderr if args.format == "json" else sys.stdout)
    return EXIT_OK


def _plan(args) -> int:
    from . import api

    run = api.plan_workbook(args.workbook, year=args.year, output=args.output, xlsx=args.xlsx, template=args.template,
                            into_new=args.into_new)
    _say_if_moved(run.written, run.wanted)
    print(f"{'已生成带计划的台账副本' if args.into_new else '已生成组织生活计划'}：{run.written}")
    return EXIT_OK


def _summary(args) -> int:
    from . import api

    def progress(done, total, result) -> None:
        print(api.progress_line(done, total, result), file=sys.stderr, flush=True)

    run = api.run_summary(args.folder, output=args.output, report=args.report, period=args.period, progress=progress,
                          written=args.date, use_cache=not args.no_cache)
    for notice in run.summary.notices:
        print(f"提示：{notice}", file=sys.stderr)
    totals = run.summary.totals
    _say_if_moved(run.workbook, run.wanted)
    print(f"已汇总{totals['branches']}个党支部（{totals['members']}名党员）"
          + (f"，{totals['unreadable']}个文件无法读取" if totals["unreadable"] else "")
          + (f"，{len(run.summary.skipped)}个文件未单独计入（重复的台账等，见问题清单）" if run.summary.skipped else "") + "。")
    print(f"已生成汇总表：{run.workbook}")
    if run.report is not None:
        print(f"已生成党委报告：{run.report}")
    return EXIT_UNUSABLE if totals["unreadable"] and not totals["branches"] else EXIT_OK


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


def _gui(args) -> int:
    from .gui import main as open_window  # the window is itself a shell over the api

    first, *others = args.workbooks or [None]
    return open_window(first, run=args.run, others=tuple(others))


def _install_launcher(args) -> int:
    from . import api

    for path in api.install_launcher():
        print(f"已写入：{path}")
    if sys.platform == "win32":
        print("开始菜单和桌面上已有“党支部工作台账”；在台账上点右键，“发送到”中可选择它。")
    else:
        print("应用菜单中已有“党支部工作台账”；在台账上点右键，“打开方式”中可选择它。")
    return EXIT_OK


def _uninstall_launcher(args) -> int:
    from . import api

    removed = api.uninstall_launcher()
    for path in removed:
        print(f"已移除：{path}")
    if not removed:
        print("没有找到 install-launcher 添加的文件。")
    return EXIT_OK


def _doctor(args) -> int:
    from .api import doctor

    text, healthy = doctor(args.workbook, command=args.prog)
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
