"""Render the work report from a Word template (the only module that imports docxtpl).

The template is a .docx a secretary may have edited in Word, so it is treated as untrusted
input: Jinja runs sandboxed, values are XML-escaped, a misspelt variable is an error that
names it, and the output file is only replaced once the new one is complete.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import io
import re
import sys
import time
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from types import CodeType
from typing import Any, Callable, Iterator

import jinja2
from lxml import etree
from docx.opc.exceptions import PackageNotFoundError
from docxtpl import DocxTemplate
from jinja2 import StrictUndefined
from jinja2.compiler import CodeGenerator
from jinja2.sandbox import SandboxedEnvironment, SecurityError

from .. import bounded
from ..errors import DangjianError, printable
from ..files import writing
from .layout import finish_report
from ..shipped import shipped
from ..limits import (
    RENDER_LOOP_STEPS, RENDER_MAX_SIZE, RENDER_MEMORY_BYTES, RENDER_SECONDS, TEMPLATE_BYTES, TEMPLATE_TAGS,
    TEMPLATE_XML_BYTES, megabytes,
)
from .title import title_lines
from ..read.values import as_sentence

__all__ = [
    "ReportError",
    "TemplateFileError",
    "TemplateError",
    "TemplateSyntaxError",
    "UnknownVariableError",
    "ForbiddenExpressionError",
    "TemplateLimitError",
    "Numbering",
    "chinese_number",
    "render_report",
    "template_variables",
    "PROVIDED_NAMES",
]


# ---------------------------------------------------------------------------
# Errors: the message (str(exc)) is Chinese and meant for the secretary.


class ReportError(DangjianError):
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


class TemplateLimitError(TemplateError):
    """模板运行超过了时间、内存、循环次数或文字长度的上限。"""


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


class _Budget:
    """What one rendering may spend: wall time, loop steps and growth of the process's memory.

    The sandbox checks it itself at every loop step and every call the template makes (no
    watchdog thread, no asynchronous exception, so a profiler, coverage or a debugger sees an
    ordinary run). One step in C code is not interrupted here: where the rendering runs in a
    bounded child (bounded.run_bounded), the child's own limits stop that too.
    """

    # Reading the memory costs a system call: at most every this many seconds.
    MEMORY_INTERVAL = 0.01

    def __init__(self, template: str = "") -> None:
        self.template = template
        self.deadline = time.monotonic() + RENDER_SECONDS
        self.steps = 0
        self.memory_base = _peak_memory()
        self.memory_due = 0.0

    def step(self, count: int = 1) -> None:
        self.steps += count
        if self.steps > RENDER_LOOP_STEPS:
            raise TemplateLimitError(f"模板{self.template}中的循环次数超过上限（{RENDER_LOOP_STEPS}次），已停止生成报告")
        self.check()

    def check(self) -> None:
        now = time.monotonic()
        if now > self.deadline:
            raise _time_error(self.template)
        if self.memory_base is not None and now >= self.memory_due:
            self.memory_due = now + self.MEMORY_INTERVAL
            if _peak_memory() - self.memory_base > RENDER_MEMORY_BYTES:
                raise _memory_error(self.template)


def _peak_memory() -> int | None:
    """The process's memory now (Linux), else its peak so far; None where neither is known."""
    try:
        with open("/proc/self/statm") as statm:
            import os

            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError, AttributeError):
        pass
    try:
        import resource
    except ImportError:  # Windows: the time and size bounds still hold
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def _too_big(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and abs(value) > RENDER_MAX_SIZE


def _size_error() -> TemplateLimitError:
    return TemplateLimitError(f"模板中的表达式会生成过长的文字或列表（上限{RENDER_MAX_SIZE}个字符或项），已停止生成报告")


class _BoundedCodeGenerator(CodeGenerator):
    """Compiles `a ~ b` through the environment's size check (Jinja joins it without one), and every
    `for` loop's iterable through the environment's step counter (each iteration is a step)."""

    def visit_Concat(self, node, frame) -> None:
        self.write("environment.within_size(")
        super().visit_Concat(node, frame)
        self.write(")")

    def visit_For(self, node, frame) -> None:
        from jinja2 import nodes

        if not getattr(node, "counted", False):
            node.iter = nodes.Call(nodes.EnvironmentAttribute("counted"), [node.iter], [], None, None, lineno=node.lineno)
            node.counted = True
        super().visit_For(node, frame)


class _BoundedEnvironment(SandboxedEnvironment):
    """The sandbox plus bounds: no operation of the template may build a huge value in one step,
    every loop iteration and every call counts against the budget (which checks the time and the
    memory), and nothing prints as a Python object repr.

    Text that doubles itself (`ns.s ~ ns.s`, `ns.s + ns.s`) stops at RENDER_MAX_SIZE characters:
    the memory check only sees between two steps, and one doubling of a gigabyte is one step.
    """

    code_generator_class = _BoundedCodeGenerator
    intercepted_binops = frozenset({"*", "**", "%", "+"})

    def __init__(self, budget: _Budget | None = None) -> None:
        super().__init__(undefined=StrictUndefined, autoescape=True, finalize=_printable_value)
        self.budget = budget or _Budget()
        self.globals.pop("lipsum", None)  # lipsum(2000000) is minutes of work and no report text
        self.globals["range"] = self._range
        for name, function in list(self.filters.items()):
            self.filters[name] = _bounded_filter(function)
        self.filters["sentence"] = as_sentence  # {{ x|sentence }}: a free-text cell ends with one 。
        # {{ title|title_lines }}: the title broken by meaning; docxtpl turns each \n into a line break.
        self.filters["title_lines"] = lambda title: "\n".join(title_lines(str(title)))

    def from_string(self, source, globals=None, template_class=None):
        # docxtpl compiles every document property as a template, most of them empty or plain words:
        # text without a brace or a line break renders as itself, so it is not compiled.
        if isinstance(source, str) and not any(mark in source for mark in "{\r\n"):
            return _Verbatim(source)
        return super().from_string(source, globals, template_class)

    def compile(self, source, name=None, filename=None, raw=False, defer_init=False):
        # A part of a shipped template comes compiled with the program (documents/compiled): Jinja's
        # parsing and code generation are a third of a report's writing in a fresh process.
        if isinstance(source, str) and (name, filename, raw, defer_init) == (None, None, False, False):
            code = _precompiled(source)
            if code is not None:
                return code
        return super().compile(source, name, filename, raw, defer_init)

    def _range(self, *args: int) -> Iterator[int]:
        numbers = range(*args)  # a TypeError for range("x") is explained like any other
        if len(numbers) > RENDER_LOOP_STEPS:
            raise TemplateLimitError(f"模板中的 range() 次数超过上限（{RENDER_LOOP_STEPS}次），已停止生成报告")
        return numbers

    def counted(self, items: Any) -> Iterator[Any]:
        """A loop's items, each one step of the budget (the compiled `for` of every loop calls this)."""
        for item in items:
            self.budget.step()
            yield item

    @staticmethod
    def within_size(value: object) -> object:
        if len(value) > RENDER_MAX_SIZE:
            raise _size_error()
        return value

    def call_binop(self, context, operator: str, left, right):
        if (operator == "+" and isinstance(left, (str, list, tuple)) and isinstance(right, (str, list, tuple))
                and len(left) + len(right) > RENDER_MAX_SIZE):
            raise _size_error()
        if operator == "*":
            for sequence, times in ((left, right), (right, left)):
                if isinstance(sequence, (str, list, tuple)) and isinstance(times, int) \
                        and len(sequence) * max(times, 0) > RENDER_MAX_SIZE:
                    raise _size_error()
        if operator == "**" and (_too_big(right) or isinstance(right, (int, float)) and abs(right) > 1000):
            raise _size_error()
        if operator == "%" and isinstance(left, str) and re.search(r"\d{7,}", left):
            raise _size_error()
        return super().call_binop(context, operator, left, right)

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 — Jinja's own signature
        if any(_too_big(v) for v in (*args, *kwargs.values())) and isinstance(
                getattr(__obj, "__self__", None), (str, list, tuple, bytes)):
            raise _size_error()  # 'a'.ljust(3000000000), 'a'.zfill(…)
        __self.budget.check()  # a macro calling itself, a method called in a loop of C code
        return super().call(__context, __obj, *args, **kwargs)

    def wrap_str_format(self, value):
        wrapped = super().wrap_str_format(value)
        if wrapped is not None and re.search(r"\d{7,}", value.__self__):
            def refused(*args, **kwargs):
                raise _size_error()  # "{:>1000000000}".format(1)
            return refused
        return wrapped


class _Verbatim:
    """What Jinja renders from text without a tag, a brace or a line break (which it would normalise): the text."""

    def __init__(self, text: str) -> None:
        self.text = text

    def render(self, *args, **kwargs) -> str:
        return self.text


def _bounded_filter(function: Callable) -> Callable:
    """A built-in filter that refuses a size argument (center, indent, slice, …) past RENDER_MAX_SIZE."""
    from jinja2.utils import _PassArg

    first = 2 if _PassArg.from_obj(function) is not None else 1  # the arguments after the filtered value

    @functools.wraps(function)
    def bounded(*args, **kwargs):
        if any(_too_big(v) for v in (*args[first:], *kwargs.values())):
            raise _size_error()
        if function.__name__ == "do_replace" and len(args) >= first + 2:
            text, old, new = (str(a) for a in args[first - 1:first + 2])
            count = text.count(old) if old else len(text) + 1
            if len(text) + count * len(new) > RENDER_MAX_SIZE:
                raise _size_error()
        return function(*args, **kwargs)

    return bounded


def _printable_value(value: object) -> object:
    """Refuse what would print as a Python repr (“<bound method Numbering.h1 …>”)."""
    if callable(value) and not isinstance(value, (str, jinja2.runtime.Undefined)):
        raise TemplateError("模板中的名称后缺少括号：如章节序号应写作 {{ h1() }}、{{ h2() }}，而不是 {{ h1 }}")
    cls = type(value)
    if cls.__repr__ is object.__repr__ and cls.__str__ is object.__str__:
        raise TemplateError("模板中取用的是报告数据的一部分而不是文字，请写到具体的项目（如 {{ dues.year }}）")
    return value


def _environment(budget: _Budget | None = None) -> SandboxedEnvironment:
    return _BoundedEnvironment(budget)


# ---------------------------------------------------------------------------
# The shipped templates, compiled ahead of time (documents/compiled/__init__.py says why and how)

_COMPILED = "compiled"


def _precompiled(source: str) -> CodeType | None:
    """The code Jinja would compile `source` to, when a module of documents/compiled holds it; else None."""
    name = f"{__package__}.{_COMPILED}.{_compiled_name(source)}"
    try:
        spec = importlib.util.find_spec(name)
    except ImportError:  # a package built without the folder: compiled as ever
        return None
    if spec is None or spec.loader is None:
        return None
    return _as_template_code(spec.loader.get_code(name))


def _as_template_code(code: CodeType) -> CodeType:
    """`code` as Jinja's own compile names it ("<template>"): tracebacks and _template_line read that name."""
    consts = tuple(_as_template_code(c) if isinstance(c, CodeType) else c for c in code.co_consts)
    return code.replace(co_filename="<template>", co_consts=consts)


def _compiled_name(source: str) -> str:
    """The module name of `source`'s code: a digest of the text, Jinja's version and this file
    (the sandbox, its code generator and this key), so that any change to one of them misses."""
    digest = hashlib.sha256(_generator_key())
    digest.update(source.encode("utf-8", "surrogatepass"))
    return "t_" + digest.hexdigest()[:40]


@functools.lru_cache(maxsize=None)
def _generator_key() -> bytes:
    return f"{jinja2.__version__}\0".encode() + hashlib.sha256(Path(__file__).read_bytes()).digest()


def compiled_sources(template: Path) -> list[str]:
    """The texts Jinja compiles when `template` is rendered: the body, the headers and the footers,
    each patched and one paragraph a line as docxtpl's render_xml_part hands it over."""
    document = _open(template)
    parts = [document.get_xml()] + [document.get_part_xml(part) for uri in (document.HEADER_URI, document.FOOTER_URI)
                                    for _, part in document.get_headers_footers(uri)]
    return [re.sub(r"<w:p([ >])", r"\n<w:p\1", document.patch_xml(xml)) for xml in parts]


def write_compiled(templates: list[Path], folder: Path) -> list[Path]:
    """Compile each part of `templates` into `folder` (templates/compile_templates.py), removing
    the modules of texts no template has any more; returns the modules written."""
    env = _environment()
    wanted = {}
    for template in templates:
        for source in compiled_sources(template):
            code = jinja2.Environment.compile(env, source, raw=True)  # Jinja's own compile, never a stored one
            # The note goes last: the code's line numbers are Jinja's, which its debug_info maps to the template's.
            wanted[_compiled_name(source) + ".py"] = (
                code + f"\n# Jinja's code for a part of {template.name}: written by templates/compile_templates.py, do not edit.\n")
    for stale in folder.glob("t_*.py"):
        if stale.name not in wanted:
            stale.unlink()
    for file_name, text in wanted.items():
        (folder / file_name).write_text(text, encoding="utf-8")
    return [folder / file_name for file_name in wanted]


def _time_error(template: str) -> TemplateLimitError:
    return TemplateLimitError(f"按模板{template}生成报告超过{RENDER_SECONDS}秒仍未完成（模板中可能有过多的循环或过大的计算），已停止")


def _memory_error(template: str) -> TemplateLimitError:
    return TemplateLimitError(f"按模板{template}生成报告占用的内存超过上限（{megabytes(RENDER_MEMORY_BYTES)}），"
                              "已停止：模板中可能有不断变长的文字")


# ---------------------------------------------------------------------------
# Public API


def render_report(context: dict, *, template: Path, output: Path,
                  warn: Callable[[str], object] | None = None) -> Path:
    """Render ``template`` with ``context`` (see docs/report-context.md) into ``output``.

    Returns the path written: ``output``, or its “(1)” copy when ``output`` is open or read-only
    (files.writing). Raises TemplateFileError, TemplateError (and its subclasses, TemplateLimitError
    when the template runs past the time, memory or size bounds) or files.OutputNotWritable, each
    with a Chinese message. ``output`` is never left half-written. ``warn`` receives a Chinese
    sentence for each doubtful spot of the template (full-width braces that look like a tag).
    """
    path = Path(template)
    document = _open(path)
    if warn is not None:
        for warning in template_warnings(document):
            warn(warning)
    numbering = Numbering()
    values = {**context, "h1": numbering.h1, "h2": numbering.h2}
    named = f"“{path.name}”"

    def rendered() -> bytes:
        budget = _Budget(named)
        _translate_errors(lambda: document.render(values, jinja_env=_environment(budget), autoescape=True), named)
        _lay_out(document, context)
        saved = io.BytesIO()
        document.save(saved)
        return saved.getvalue()

    data = rendered() if _shipped(path) else _bounded(rendered, named)
    with writing(Path(output)) as written:
        written.temporary.write_bytes(data)
    return written.path


def _shipped(template: Path) -> bool:
    """A template that ships with the program: our own code, rendered in this process (a child
    costs the sample report about a tenth of its time, in pages copied on write)."""
    return template.suffix == ".docx" and template.resolve().parent == _SHIPPED_TEMPLATES


_SHIPPED_TEMPLATES = shipped("templates", "工作报告模板.docx").resolve().parent


def _bounded(work: Callable[[], bytes], named: str) -> bytes:
    """`work()` in a child whose time and memory are capped by the system (bounded.run_bounded), so
    that one step of C code cannot run past the bounds either; in this process where there is no
    fork (Windows) or where a tracer is set (a debugger, a profiler or coverage then sees the
    rendering), under the budget the sandbox checks itself."""
    if not bounded.available() or sys.gettrace() is not None or sys.getprofile() is not None:
        return work()
    try:
        # A second more than the sandbox's own bound: where the sandbox can stop, its message names the paragraph.
        return bounded.run_bounded(work, seconds=RENDER_SECONDS + 1, memory=RENDER_MEMORY_BYTES)
    except bounded.TooSlow:
        raise _time_error(named) from None
    except bounded.TooBig:
        raise _memory_error(named) from None
    except bounded.ChildDied:
        raise TemplateLimitError(f"按模板{named}生成报告时程序意外中止（模板中可能有过大的计算），未生成报告") from None


# Full-width braces typed by a Chinese input method: they look like a tag and print literally.
_FULL_WIDTH_TAG = re.compile(r"[｛{][｛{%％]|[%％｝}][｝}]")


def template_warnings(document: DocxTemplate | Path) -> list[str]:
    """A sentence for each paragraph holding full-width braces that look like a tag (｛｛ branch ｝｝)."""
    if not isinstance(document, DocxTemplate):
        document = _open(document)
    xml = document.get_xml()
    if not any(mark in xml for mark in "｛｝％"):  # the usual template: nothing to read line by line
        return []
    warnings = []
    for line in _paragraph_lines(xml):
        text = _plain(line)
        for match in _FULL_WIDTH_TAG.finditer(text):
            if any(ch in "｛｝％" for ch in match.group()):
                warnings.append(f"模板段落“{_first_words(text)}”中有全角括号“{match.group()}”，不会被当作标记替换，"
                                f"将原样出现在报告中；如要作为标记，请改为半角的 {{{{ }}}} 或 {{% %}}")
                break
    return warnings


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
    _check_size(path)
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


# The parts docxtpl renders: their tags are counted before any is parsed.
_RENDERED_PART = re.compile(r"word/(document|header\d*|footer\d*|footnotes)\.xml|docProps/core\.xml")


def _check_size(path: Path) -> None:
    """Refuse a template whose file, parts or tags are past the bounds, before python-docx loads
    every part into memory and Jinja compiles every tag (a 58 KB file may hold 400,000 tags)."""
    named = f"报告模板“{path.name}”"
    if path.stat().st_size > TEMPLATE_BYTES:
        raise TemplateFileError(f"{named}有{megabytes(path.stat().st_size)}，超过上限{megabytes(TEMPLATE_BYTES)}，未使用")
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return  # python-docx's own refusal says it is not a Word document
    tags = 0
    with archive:
        parts = archive.infolist()
        for part in parts:
            if part.filename.endswith((".xml", ".rels")) and part.file_size > TEMPLATE_XML_BYTES:
                raise TemplateFileError(
                    f"{named}中的“{printable(part.filename)}”解压后有{megabytes(part.file_size)}，"
                    f"超过上限{megabytes(TEMPLATE_XML_BYTES)}，不像是一份报告模板，未使用")
        total = sum(part.file_size for part in parts)
        if total > TEMPLATE_BYTES:
            raise TemplateFileError(f"{named}解压后共有{megabytes(total)}，超过上限{megabytes(TEMPLATE_BYTES)}，未使用："
                                    "请删除或压缩其中的大图片后再试")
        for part in parts:
            if _RENDERED_PART.fullmatch(part.filename):
                try:
                    text = re.sub(rb"<[^>]*>", b"", archive.read(part))  # a tag may be split across runs
                except (zipfile.BadZipFile, zlib.error, OSError, ValueError, EOFError, RuntimeError):
                    return  # damaged: python-docx's refusal names it
                tags += text.count(b"{{") + text.count(b"{%")
    if tags > TEMPLATE_TAGS:
        raise TemplateFileError(f"{named}中有{tags}个标记（{{{{ }}}}、{{% %}}），超过上限{TEMPLATE_TAGS}个，未使用："
                                "报告模板的标记一般只有几十到一百多个")


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
        except (jinja2.TemplateError, ReportError, RecursionError, MemoryError, *_EXPRESSION_ERRORS) as exc:
            _place(exc, src_xml)
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


def _translate_errors(step: Callable[[], Any], named: str = "") -> Any:
    """Run a Jinja step; its English exceptions become Chinese ReportErrors (`named`: the template, quoted)."""
    try:
        return step()
    except ReportError as exc:  # a bound or a printed repr, raised inside the template's own code
        paragraph = getattr(exc, "paragraph", None)
        if paragraph is None or isinstance(exc, UnknownVariableError):
            raise
        raise type(exc)(f"{exc}。出错的段落：“{paragraph}”") from exc
    except RecursionError as exc:
        raise TemplateError(f"模板中的宏调用自身的层数过多（递归没有结束），已停止生成报告{_near(exc)}") from None
    except MemoryError as exc:
        raise TemplateLimitError(f"按模板{named}生成报告时内存不足，已停止：模板中可能有不断变长的文字{_near(exc)}") from None
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
            return UnknownVariableError(f"模板中取用的列表第{int(name) + 1}项不存在{_near(exc)}。", name)
        return UnknownVariableError(f"模板中的变量“{name}”不存在，请检查拼写{_near(exc)}。", name)
    if isinstance(exc, jinja2.TemplateSyntaxError):
        detail = getattr(exc, "block_detail", None) or _syntax_detail(exc.message or "")
        return TemplateSyntaxError(f"模板标记写法有误：{detail}。出错的段落：“{_nearby_text(exc)}”")
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


# Patterns met only on a failure are kept as text (re compiles them once, when a failure needs them).
_UNDEFINED = (
    r"^'([^']+)' is undefined$",
    r"has no attribute '([^']+)'$",
    r"has no element '?([^']+?)'?$",
)


def _undefined_name(message: str) -> str | None:
    for pattern in _UNDEFINED:
        match = re.search(pattern, message)
        if match:
            return match.group(1)
    return None


# Jinja's syntax messages most often met when a template is edited by hand, in Chinese.
_SYNTAX_MESSAGES = (
    (r"^Unexpected end of template\..*innermost block that needs to be closed is '(\w+)'",
     lambda m: f"“{{% {m[1]} %}}”缺少与之配对的“{{% end{m[1]} %}}”"),
    (r"^Encountered unknown tag '(\w+)'",
     lambda m: f"无法识别的标记“{{% {m[1]} %}}”"),
    (r"^unexpected end of template, expected '([^']+)'",
     lambda m: f"标记没有写完整，缺少“{m[1]}”"),
    # An unclosed {{ runs into the XML of the next run, so Jinja trips over its "</".
    (r"^unexpected '[/<]'",
     lambda m: "标记没有写完整，缺少结尾的“}}”或“%}”"),
    # “{{ branch }”: one brace of the closing “}}” is missing, which Jinja sees as a stray “}”.
    (r"^unexpected '}'",
     lambda m: "标记的结尾应为“}}”，这里只有一个“}”（或多写了一个“}”）"),
    (r"^unexpected '([^']+)'",
     lambda m: f"出现了多余的“{m[1]}”，标记的括号可能不配对"),
    (r"^No filter named '([^']+)'",
     lambda m: f"没有名为“{m[1]}”的过滤器"),
    (r"^No test named '([^']+)'",
     lambda m: f"没有名为“{m[1]}”的测试"),
)


def _syntax_detail(message: str) -> str:
    for pattern, say in _SYNTAX_MESSAGES:
        match = re.search(pattern, message)
        if match:
            return say(match)
    return message.rstrip(".")


def _nearby_text(exc: BaseException) -> str:
    return getattr(exc, "paragraph", None) or "（无法确定）"


def _near(exc: BaseException) -> str:
    if getattr(exc, "paragraph", None) is None:
        return ""
    return f"。出错的段落：“{exc.paragraph}”"


def _locate_in_body(document: DocxTemplate, env: SandboxedEnvironment) -> jinja2.TemplateSyntaxError | None:
    """Parse the body as docxtpl renders it (one paragraph a line) to find a syntax error."""
    source = "\n".join(_paragraph_lines(document.patch_xml(document.get_xml())))
    try:
        env.from_string(source)  # compiles too: unknown filters are found only then
    except jinja2.TemplateSyntaxError as exc:
        _place(exc, source)
        return exc
    return None


# ---------------------------------------------------------------------------
# Naming the paragraph of a failure


def _paragraph_lines(xml: str) -> list[str]:
    """The document XML one paragraph a line, numbered as docxtpl numbers the template's lines."""
    return re.sub(r"<w:p([ >])", r"\n<w:p\1", xml).splitlines()


def _plain(line: str) -> str:
    import html

    return html.unescape(re.sub(r"<[^>]+>", "", line)).strip()


def _first_words(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "…"


def _place(exc: BaseException, source: str) -> None:
    """Attach the paragraph of a failure (exc.paragraph); for a block left open or an end tag
    without its start, the paragraph of the unmatched tag (Jinja names the end of the template)."""
    if getattr(exc, "paragraph", None) is not None:
        return
    lines = _paragraph_lines(source) if "\n<w:p" not in source else source.splitlines()
    if isinstance(exc, jinja2.TemplateSyntaxError):
        line = exc.lineno
        if (exc.message or "").startswith(("Unexpected end of template", "Encountered unknown tag 'end")):
            located = _unbalanced_block(lines)
            if located is not None:
                line, exc.block_detail = located
    else:
        line = _template_line(exc)
    if line is not None and 0 < line <= len(lines):
        text = _plain(lines[line - 1])
        # A {%p %} tag stands between paragraphs: name the paragraph after it when its own line is bare.
        if not re.sub(r"\{%.*?%\}", "", text).strip() and line < len(lines):
            text = f"{text} {_plain(lines[line])}"
        exc.paragraph = _first_words(text)


def _unbalanced_block(lines: list[str]) -> tuple[int, str] | None:
    """(line to name, Chinese detail) for the block tag that lost its partner, or None.

    Jinja pairs an end tag with the nearest open block, so a deleted `{%p endif %}` is noticed
    only at the template's end and a deleted `{%p if %}` sections later. Here the missing tag is
    put back beside each tag of its kind in turn, and the repair that reads most like a report
    template wins: a section's `{%p if x %}` holds sections about the same data (no `if life`
    inside `if ideology`), a block holds some text, and sections follow one another. A tag
    between paragraphs ({%p %}) pairs only with one between paragraphs.
    """
    tags = _block_tags(lines)
    balance: dict[str, int] = {}
    for tag in tags:
        balance[tag.kind] = balance.get(tag.kind, 0) + (1 if tag.opening else -1)
    unbalanced = [(kind, count) for kind, count in balance.items() if count]
    if len(unbalanced) != 1 or abs(unbalanced[0][1]) != 1:
        return None
    kind, count = unbalanced[0]
    missing_end = count > 0
    # Each repair is scored over the whole template: past a few hundred tags that is minutes of
    # work, so a long template gets the tag a plain pairing leaves over (right for blocks in a row).
    candidates = sum(1 for tag in tags if tag.kind == kind and tag.opening == missing_end)
    if candidates * len(tags) * (len(tags) + len(lines)) > _REPAIR_WORK:
        return _left_over(tags, kind, missing_end, len(lines))
    mentions = [_data_names(line) for line in lines]
    texts = [bool(_plain(line)) for line in lines]
    reads = list(mentions)  # what a line reads, with the {%p %} tags after it (a section's loop)
    for tag in tags:
        reads[tag.line - 1] = reads[tag.line - 1] | tag.names
    best: tuple[tuple, int, str] | None = None
    for index, tag in enumerate(tags):
        if tag.kind != kind or tag.opening != missing_end:
            continue
        # Every place the partner could go back, at the tag's level, on the right side of it.
        places = range(index + 1, len(tags) + 1) if missing_end else range(0, index + 1)
        for at in places:
            if missing_end:
                line = tags[at].line if at < len(tags) else len(lines)
                partner = _Tag(kind, False, tag.between, line, frozenset())
            else:
                line = tags[at - 1].line if at > 0 else 1
                partner = _Tag(kind, True, tag.between, line, frozenset())
            neighbour = tags[at] if missing_end and at < len(tags) else tags[at - 1] if not missing_end and at > 0 else None
            if neighbour is not None and neighbour.between != tag.between:
                continue
            score = _repair_score([*tags[:at], partner, *tags[at:]], mentions, reads, texts, pair=(partner, tag))
            if score is None:
                continue
            rank = (score, abs(line - tag.line))  # the fewest odd blocks, then the shortest repaired block
            if best is None or rank < best[0]:
                best = (rank, *_unpaired(tag, kind, missing_end, len(lines)))
    return None if best is None else (best[1], best[2])


# Tag pairings tried × the tags and lines each is scored over, beyond which the plain pairing is used.
_REPAIR_WORK = 3_000_000


def _left_over(tags: list[_Tag], kind: str, missing_end: bool, line_count: int) -> tuple[int, str] | None:
    """The tag of `kind` that pairing each end with the nearest open start leaves without a partner."""
    opened: list[_Tag] = []
    for tag in tags:
        if tag.kind != kind:
            continue
        if tag.opening:
            opened.append(tag)
        elif opened:
            opened.pop()
        elif not missing_end:
            return _unpaired(tag, kind, missing_end, line_count)
    return _unpaired(opened[-1], kind, missing_end, line_count) if missing_end and opened else None


def _unpaired(tag: _Tag, kind: str, missing_end: bool, line_count: int) -> tuple[int, str]:
    """(line to name, Chinese detail) for `tag` having lost its partner."""
    # A {%p if %} stands alone on its line: the paragraph it opens is the next one.
    named = tag.line + 1 if missing_end and tag.between and tag.line < line_count else tag.line
    return named, (f"“{{% {kind} %}}”缺少与之配对的“{{% end{kind} %}}”" if missing_end else
                   f"“{{% end{kind} %}}”前面缺少与之配对的“{{% {kind} %}}”（可能被删掉了）")


@dataclass(frozen=True)
class _Tag:
    kind: str
    opening: bool
    between: bool  # between paragraphs (a {%p %} tag), not inside one
    line: int
    names: frozenset[str]  # the data the tag's expression reads


_BLOCK_TAG = r"\{%-?\s*(\w+)([^%]*)%\}"  # read only to name a block left open
_BLOCKS = frozenset({"if", "for", "macro", "call", "filter", "with", "autoescape", "block"})
_NOT_DATA = frozenset({
    "in", "and", "or", "not", "is", "none", "true", "false", "loop", "defined", "length",
    "if", "elif", "else", "endif", "for", "endfor", "set", "with", "endwith"})


def _block_tags(lines: list[str]) -> list[_Tag]:
    tags = []
    for number, line in enumerate(lines, start=1):
        closed_at = line.rfind("</w:p>")
        for match in re.finditer(_BLOCK_TAG, line):
            name = match.group(1)
            kind = name[3:] if name.startswith("end") else name
            if kind in _BLOCKS:
                between = match.start() > closed_at >= 0 or "<w:p" not in line
                words = set(re.findall(r"(?<![.\w])([A-Za-z_]\w*)", match.group(2))) - _NOT_DATA
                tags.append(_Tag(kind, not name.startswith("end"), between, number, frozenset(words)))
    return tags


def _data_names(line: str) -> frozenset[str]:
    """The data a paragraph's own tags read ({{ dues.year }} reads dues); not the {%p %} after it."""
    end = line.rfind("</w:p>")
    tags = " ".join(re.findall(r"\{[{%]-?\s*(?:(?:if|elif|for|set|with)\b)?(.*?)[}%]\}", _plain(line[:end] if end >= 0 else line)))
    return frozenset(re.findall(r"(?<![.\w])([A-Za-z_]\w*)", tags)) - _NOT_DATA


def _repair_score(tags: list[_Tag], mentions: list[frozenset[str]], reads: list[frozenset[str]],
                  texts: list[bool], pair: tuple[_Tag, _Tag]) -> int | None:
    """The implausible blocks of a pairing, or None when the tags do not pair up (or the put-back
    tag and the tag it was put back for, `pair`, do not pair with each other).

    Implausible: an empty block, a section about other data than the section around it, a block
    whose text never reads the data its condition names.
    """
    stack: list[_Tag] = []
    odd = 0
    blocks: list[tuple[int, int, frozenset[str]]] = []
    for tag in tags:
        if tag.opening:
            parent = next((t for t in reversed(stack) if t.between and t.names), None)
            if tag.between and tag.names and parent is not None and not tag.names & parent.names:
                odd += 1
            stack.append(tag)
            continue
        if not stack or (stack[-1].kind, stack[-1].between) != (tag.kind, tag.between):
            return None
        start = stack.pop()
        if (start is pair[0] or tag is pair[0]) and {id(start), id(tag)} != {id(pair[0]), id(pair[1])}:
            return None
        # The lines after the start's own line, up to the end's line (a {%p %} tag ends a line).
        if start.between and (not any(texts[start.line:tag.line]) if not start.names
                              else not any(start.names & names for names in reads[start.line:tag.line])):
            odd += 1
        if start.between and start.names:
            blocks.append((start.line, tag.line, start.names))
    if stack:
        return None
    # A paragraph reading data that some section is about belongs in that section.
    guarded = frozenset().union(*(names for _, _, names in blocks))
    for number, names in enumerate(mentions, start=1):
        wanted = names & guarded
        if wanted:
            around = [b for b in blocks if b[0] < number <= b[1]]
            innermost = max(around, default=None, key=lambda b: b[0])
            if innermost is None or not innermost[2] & wanted:
                odd += 1
    return odd
