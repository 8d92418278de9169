"""Render the work report from a Word template (the only module that imports docxtpl).

The template is a .docx a secretary may have edited in Word, so it is treated as untrusted
input: Jinja runs sandboxed, values are XML-escaped, a misspelt variable is an error that
names it, and the output file is only replaced once the new one is complete.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any, Callable

import jinja2
from lxml import etree
from docx.opc.exceptions import PackageNotFoundError
from docxtpl import DocxTemplate
from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment, SecurityError

from .files import atomic_output
from .layout import finish_report
from .title import title_lines
from .values import as_sentence

__all__ = [
    "ReportError",
    "TemplateFileError",
    "TemplateError",
    "TemplateSyntaxError",
    "UnknownVariableError",
    "ForbiddenExpressionError",
    "Numbering",
    "chinese_number",
    "render_report",
    "template_variables",
    "PROVIDED_NAMES",
]


# ---------------------------------------------------------------------------
# Errors: the message (str(exc)) is Chinese and meant for the secretary.


class ReportError(Exception):
    """生成工作报告失败。"""


class TemplateFileError(ReportError):
    """模板文件不存在或不是有效的 Word 文档。"""


class TemplateError(ReportError):
    """模板内容有误。"""


class TemplateSyntaxError(TemplateError):
    """模板中的标记（{{ }}、{% %}）写法有误。"""


class UnknownVariableError(TemplateError):
    """模板使用了不存在的变量。"""

    def __init__(self, message: str, name: str | None = None) -> None:
        super().__init__(message)
        self.name = name


class ForbiddenExpressionError(TemplateError):
    """模板中含有不允许的表达式。"""


# ---------------------------------------------------------------------------
# Section numbers

_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 11 → 十一, 20 → 二十, 99 → 九十九 (the range a report needs)."""
    if not 1 <= n <= 99:
        raise ValueError(f"章节序号超出范围（1–99）：{n}")
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _DIGITS[ones]
    head = "十" if tens == 1 else _DIGITS[tens] + "十"
    return head + (_DIGITS[ones] if ones else "")


class Numbering:
    """Heading numbers handed out while the template renders.

    Numbers are generated in rendering order, so a section left out by ``{%p if %}``
    never takes a number and the rest close up.
    """

    def __init__(self) -> None:
        self.level1 = 0
        self.level2 = 0

    def h1(self) -> str:
        self.level1 += 1
        self.level2 = 0
        return f"{chinese_number(self.level1)}、"

    def h2(self) -> str:
        self.level2 += 1
        return f"（{chinese_number(self.level2)}）"


# Names this module adds to the context; a template may use them without the caller
# providing them.
PROVIDED_NAMES = frozenset({"h1", "h2"})


def _environment() -> SandboxedEnvironment:
    env = SandboxedEnvironment(undefined=StrictUndefined, autoescape=True)
    env.filters["sentence"] = as_sentence  # {{ x|sentence }}: a free-text cell ends with one 。
    # {{ title|title_lines }}: the title broken by meaning; docxtpl turns each \n into a line break.
    env.filters["title_lines"] = lambda title: "\n".join(title_lines(str(title)))
    return env


# ---------------------------------------------------------------------------
# Public API


def render_report(context: dict, *, template: Path, output: Path) -> None:
    """Render ``template`` with ``context`` (see docs/report-context.md) into ``output``.

    Raises TemplateFileError, TemplateError (and its subclasses) or files.OutputNotWritable,
    each with a Chinese message. ``output`` is never left half-written.
    """
    document = _open(template)
    numbering = Numbering()
    values = {**context, "h1": numbering.h1, "h2": numbering.h2}
    _translate_errors(lambda: document.render(values, jinja_env=_environment(), autoescape=True))
    _lay_out(document, context)
    with atomic_output(Path(output)) as temporary:
        document.save(temporary)


def _lay_out(document: DocxTemplate, context: dict) -> None:
    """What depends on the rendered text: the closing's indents and page breaks, the properties."""
    finish_report(document.docx, title=context.get("title"), author=context.get("branch"))


def template_variables(template: Path) -> set[str]:
    """The names ``template`` expects in the context (those render_report adds excluded).

    Compare them with the context's keys to tell a secretary which names in an edited
    template are unknown before rendering.
    """
    document = _open(template)
    env = _environment()
    try:
        names = document.get_undeclared_template_variables(jinja_env=env)
    except jinja2.TemplateSyntaxError as exc:
        # docxtpl parses body, headers and footers as one string here, which loses the
        # position; parse the body alone again to say where the mistake is.
        raise _as_report_error(_locate_in_body(document, env) or exc) from exc
    return set(names) - PROVIDED_NAMES


# ---------------------------------------------------------------------------
# Steps


def _open(template: Path) -> DocxTemplate:
    path = Path(template)
    if not path.is_file():
        raise TemplateFileError(f"找不到报告模板文件：{path}")
    try:
        document = _Template(path)
        document.init_docx()
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, etree.LxmlError) as exc:
        # python-docx says "is not a Word file, content type is …" (ValueError) for a workbook,
        # a Word template (.dotx) or a macro document; damaged XML inside the zip is an LxmlError.
        raise TemplateFileError(
            f"“{path}”不是Word文档（.docx）或已损坏，不能用作报告模板：请在Word或WPS中打开它，"
            f"另存为“Word文档（*.docx）”后再试") from exc
    return document


# Errors an expression in the template raises while it is evaluated, e.g. {{ year + "年" }}.
_EXPRESSION_ERRORS = (TypeError, ValueError, ArithmeticError)


class _Template(DocxTemplate):
    """DocxTemplate that also locates an expression which fails while being evaluated.

    docxtpl attaches the template text around a failure (``docx_context``) only for Jinja's
    own errors; a TypeError from ``{{ year + "年" }}`` would otherwise name no place at all.
    """

    def render_xml_part(self, src_xml, part, context, jinja_env=None):
        try:
            return super().render_xml_part(src_xml, part, context, jinja_env)
        except _EXPRESSION_ERRORS as exc:
            line = _template_line(exc)
            if line is not None:
                # Numbered as docxtpl renders it: one paragraph a line.
                source = re.sub(r"<w:p([ >])", r"\n<w:p\1", src_xml).splitlines()
                if 0 < line <= len(source):
                    exc.docx_context = [re.sub(r"<[^>]+>", "", source[line - 1])]
            raise


def _template_line(exc: BaseException) -> int | None:
    """The template line being evaluated when `exc` was raised (Jinja names its frames "<template>")."""
    line = None
    trace = exc.__traceback__
    while trace is not None:
        if trace.tb_frame.f_code.co_filename == "<template>":
            line = trace.tb_lineno
        trace = trace.tb_next
    return line


def _translate_errors(step: Callable[[], Any]) -> Any:
    """Run a Jinja step; its English exceptions become Chinese ReportErrors."""
    try:
        return step()
    except (jinja2.TemplateError, *_EXPRESSION_ERRORS) as exc:
        raise _as_report_error(exc) from exc


def _as_report_error(exc: Exception) -> ReportError:
    if isinstance(exc, SecurityError):
        attribute = re.search(r"attribute '([^']+)'", str(exc))
        what = f"“{attribute[1]}”" if attribute else ""
        return ForbiddenExpressionError(
            f"模板中含有不允许的表达式{what}：出于安全考虑，模板只能取用报告数据，不能访问程序内部。")
    if isinstance(exc, jinja2.UndefinedError):
        name = _undefined_name(str(exc))
        if name is None:
            return UnknownVariableError("模板中使用了不存在的变量，请检查变量名的拼写" + _near(exc))
        if name.isdigit():
            return UnknownVariableError(f"模板中取用的列表第{int(name) + 1}项不存在。", name)
        return UnknownVariableError(f"模板中的变量“{name}”不存在，请检查拼写。", name)
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return TemplateSyntaxError(
            f"模板标记写法有误：{_syntax_detail(exc.message or '')}。出错位置附近的文字：{_nearby_text(exc)}")
    if isinstance(exc, jinja2.TemplateError):
        # Jinja's own sentence is English; the place in the template is what the secretary can act on.
        return TemplateError(f"模板中有无法处理的标记，请检查其写法{_near(exc)}")
    return TemplateError(f"模板中的表达式无法计算：{_expression_problem(exc)}{_near(exc)}")


def _expression_problem(exc: Exception) -> str:
    # Python's own sentence ("can only concatenate str (not "int") to str") is English.
    text = str(exc)
    if isinstance(exc, ZeroDivisionError):
        return "除数为零"
    if isinstance(exc, ArithmeticError):
        return "数值超出范围"
    if isinstance(exc, TypeError) and ("concatenate" in text or "unsupported operand" in text):
        return "文字和数字不能直接相加或运算（把数字接在文字后面请用 ~，如 {{ year ~ \"年\" }}）"
    if isinstance(exc, TypeError):
        return "数据的类型不符合这个表达式（如把文字当作数字，或对数字取列表项）"
    return "数据的值不符合这个表达式（如把文字转换为数字）"


_UNDEFINED = (
    re.compile(r"^'([^']+)' is undefined$"),
    re.compile(r"has no attribute '([^']+)'$"),
    re.compile(r"has no element '?([^']+?)'?$"),
)


def _undefined_name(message: str) -> str | None:
    for pattern in _UNDEFINED:
        match = pattern.search(message)
        if match:
            return match.group(1)
    return None


# Jinja's syntax messages most often met when a template is edited by hand, in Chinese.
_SYNTAX_MESSAGES = (
    (re.compile(r"^Unexpected end of template\..*innermost block that needs to be closed is '(\w+)'"),
     lambda m: f"“{{% {m[1]} %}}”缺少与之配对的“{{% end{m[1]} %}}”"),
    (re.compile(r"^Encountered unknown tag '(\w+)'"),
     lambda m: f"无法识别的标记“{{% {m[1]} %}}”"),
    (re.compile(r"^unexpected end of template, expected '([^']+)'"),
     lambda m: f"标记没有写完整，缺少“{m[1]}”"),
    # An unclosed {{ runs into the XML of the next run, so Jinja trips over its "</".
    (re.compile(r"^unexpected '[/<]'"),
     lambda m: "标记没有写完整，缺少结尾的“}}”或“%}”"),
    (re.compile(r"^unexpected '([^']+)'"),
     lambda m: f"出现了多余的“{m[1]}”，标记的括号可能不配对"),
    (re.compile(r"^No filter named '([^']+)'"),
     lambda m: f"没有名为“{m[1]}”的过滤器"),
    (re.compile(r"^No test named '([^']+)'"),
     lambda m: f"没有名为“{m[1]}”的测试"),
)


def _syntax_detail(message: str) -> str:
    for pattern, say in _SYNTAX_MESSAGES:
        match = pattern.search(message)
        if match:
            return say(match)
    return message.rstrip(".")


def _nearby_text(exc: jinja2.TemplateError) -> str:
    # docxtpl attaches the template lines (XML tags stripped) around the failing line.
    lines = [line.strip() for line in getattr(exc, "docx_context", None) or ()]
    text = " / ".join(line for line in lines if line)
    return text[:300] or "（无法确定）"


def _near(exc: jinja2.TemplateError) -> str:
    if getattr(exc, "docx_context", None) is None:
        return ""
    return f"。出错位置附近的文字：{_nearby_text(exc)}"


def _locate_in_body(document: DocxTemplate, env: SandboxedEnvironment) -> jinja2.TemplateSyntaxError | None:
    """Parse the body as docxtpl renders it (one paragraph a line) to find a syntax error."""
    source = re.sub(r"<w:p([ >])", r"\n<w:p\1", document.patch_xml(document.get_xml()))
    try:
        env.from_string(source)  # compiles too: unknown filters are found only then
    except jinja2.TemplateSyntaxError as exc:
        first = max((exc.lineno or 1) - 4, 0)
        exc.docx_context = [re.sub(r"<[^>]+>", "", line) for line in source.splitlines()[first:first + 7]]
        return exc
    return None
