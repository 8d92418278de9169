"""Render the work report from a Word template (the only module that imports docxtpl).

The template is a .docx a secretary may have edited in Word, so it is treated as untrusted
input: Jinja runs sandboxed, values are XML-escaped, a misspelt variable is an error that
names it, and the output file is only replaced once the new one is complete.
"""

from __future__ import annotations

import os
import re
import tempfile
import zipfile
from pathlib import Path
from typing import Any, Callable

import jinja2
from docx.opc.exceptions import PackageNotFoundError
from docxtpl import DocxTemplate
from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment, SecurityError

__all__ = [
    "ReportError",
    "TemplateFileError",
    "TemplateError",
    "TemplateSyntaxError",
    "UnknownVariableError",
    "ForbiddenExpressionError",
    "OutputWriteError",
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


class OutputWriteError(ReportError):
    """无法写入报告文件。"""


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


_SENTENCE_END = ("。", "！", "？", "；", "：", "…", "”", "）")


def sentence(value: Any) -> str:
    """Jinja filter: end a free-text cell with 。 unless it already ends a sentence."""
    text = str(value).strip()
    if not text or text.endswith(_SENTENCE_END):
        return text
    return text + "。"


# Names this module adds to the context; a template may use them without the caller
# providing them.
PROVIDED_NAMES = frozenset({"h1", "h2"})


def _environment() -> SandboxedEnvironment:
    env = SandboxedEnvironment(undefined=StrictUndefined, autoescape=True)
    env.filters["sentence"] = sentence
    return env


# ---------------------------------------------------------------------------
# Public API


def render_report(context: dict, *, template: Path, output: Path) -> None:
    """Render ``template`` with ``context`` (see docs/report-context.md) into ``output``.

    Raises TemplateFileError, TemplateError (and its subclasses) or OutputWriteError,
    each with a Chinese message. ``output`` is never left half-written.
    """
    document = _open(template)
    numbering = Numbering()
    values = {**context, "h1": numbering.h1, "h2": numbering.h2}
    _translate_errors(lambda: document.render(values, jinja_env=_environment(), autoescape=True))
    _save_atomically(document, Path(output))


def template_variables(template: Path) -> set[str]:
    """The names ``template`` expects in the context (those render_report adds excluded).

    Compare them with the context's keys to tell a secretary which names in an edited
    template are unknown before rendering.
    """
    document = _open(template)
    names = _translate_errors(
        lambda: document.get_undeclared_template_variables(jinja_env=_environment()))
    return set(names) - PROVIDED_NAMES


# ---------------------------------------------------------------------------
# Steps


def _open(template: Path) -> DocxTemplate:
    path = Path(template)
    if not path.is_file():
        raise TemplateFileError(f"找不到报告模板文件：{path}")
    try:
        document = DocxTemplate(path)
        document.init_docx()
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError) as exc:
        raise TemplateFileError(f"报告模板不是有效的 Word 文档（.docx）：{path}") from exc
    return document


def _translate_errors(step: Callable[[], Any]) -> Any:
    """Run a Jinja step and turn its English exceptions into Chinese template errors."""
    try:
        return step()
    except SecurityError as exc:
        raise ForbiddenExpressionError(
            f"模板中含有不允许的表达式（出于安全考虑，模板只能使用报告数据）：{exc}") from exc
    except jinja2.UndefinedError as exc:
        name = _undefined_name(str(exc))
        if name:
            message = f"模板中的变量“{name}”不存在，请检查拼写（可用的名称见 docs/report-context.md）。"
        else:
            message = f"模板中使用了不存在的变量：{exc}"
        raise UnknownVariableError(message, name) from exc
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateSyntaxError(
            f"模板标记写法有误：{exc.message}。出错位置附近的文字：{_nearby_text(exc)}") from exc
    except jinja2.TemplateError as exc:
        raise TemplateError(f"模板无法生成报告：{exc}{_near(exc)}") from exc
    except (TypeError, ValueError, ArithmeticError) as exc:
        # Raised by an expression in the template, e.g. {{ year + "年" }}.
        raise TemplateError(f"模板中的表达式无法计算：{exc}") from exc


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


def _nearby_text(exc: jinja2.TemplateError) -> str:
    # docxtpl attaches the template lines (XML tags stripped) around the failing line.
    lines = [line.strip() for line in getattr(exc, "docx_context", None) or ()]
    text = " / ".join(line for line in lines if line)
    if not text:
        text = (getattr(exc, "source", None) or "")
        lineno = getattr(exc, "lineno", None)
        if text and lineno:
            text = re.sub(r"<[^>]+>", "", text.splitlines()[lineno - 1]).strip()
    return text[:300] or "（无法确定）"


def _near(exc: jinja2.TemplateError) -> str:
    if getattr(exc, "docx_context", None) is None:
        return ""
    return f"。出错位置附近的文字：{_nearby_text(exc)}"


def _save_atomically(document: DocxTemplate, output: Path) -> None:
    folder = output.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{output.stem}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputWriteError(f"无法在文件夹中写入报告：{folder}（{exc.strerror}）") from exc
    os.close(handle)
    try:
        # mkstemp makes the file private (0600); give the report the usual permissions.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        document.save(temporary)
        os.replace(temporary, output)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise OutputWriteError(
            f"无法写入报告文件：{output}（{exc.strerror}）。如果该文件正在 Word 中打开，请先关闭。") from exc
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
