"""Templates bounded before and during rendering (issue 20 items 7 and 9, issue 21 item 5).

The template is checked before it is loaded (its file, its parts once inflated, its tags); the
rendering runs in a forked child with a hard time and memory limit, so one step of C code is
stopped too; the sandbox checks its own budget, so a tracer (a profiler, coverage, a debugger)
sees an ordinary run. Hostile templates are built here by a few lines of code.
"""
from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from docx import Document

from conftest import ROOT, SAMPLE

sys.path.insert(0, str(ROOT / "bench"))
import hostile as hostile_bench  # noqa: E402 — the benchmark's own measurement of a child process
from dangjian import bounded, limits
from dangjian.documents import report  # noqa: E402
from dangjian.documents.report import TemplateFileError, TemplateLimitError, TemplateSyntaxError, render_report  # noqa: E402

CONTEXT = {"branch": "第一党支部", "year": 2023}
# Past this a test is stuck (the unbounded code ran for minutes); not a measure of speed.
HANG = 120


def template(folder: Path, *paragraphs: str, name: str = "恶意模板.docx") -> Path:
    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    path = folder / name
    document.save(path)
    return path


def with_part(source: Path, target: Path, part: str, data: bytes) -> Path:
    """`source` with `part` replaced (or added), deflated fast."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as new:
        for item in old.infolist():
            if item.filename != part:
                new.writestr(item.filename, old.read(item))
        new.writestr(part, data)
    return target


def report_in_child(*argv: object, seconds: int | None = None, prefix: str = "") -> subprocess.CompletedProcess:
    """`dangjian report …` in a fresh process, with RENDER_SECONDS set to `seconds`."""
    code = (f"{prefix}\nimport sys\nfrom dangjian.documents import report\n"
            + (f"report.RENDER_SECONDS = {seconds}\n" if seconds is not None else "")
            + "from dangjian.cli import main\nsys.exit(main(sys.argv[1:]))")
    return subprocess.run([sys.executable, "-c", code, "report", *map(str, argv)], cwd=ROOT, capture_output=True,
                          text=True, timeout=HANG, env={**os.environ, "PYTHONPATH": str(ROOT)})


# ---- before rendering: the template file ------------------------------------------------------


def test_a_template_whose_pictures_inflate_past_the_bound_is_refused_before_loading(tmp_path):
    # A 3 GB picture in a 3 MB template took 3.7 GB: python-docx holds every part in memory.
    path = with_part(template(tmp_path, "{{ branch }}"), tmp_path / "大图片.docx", "word/media/image1.png",
                     bytes(limits.TEMPLATE_BYTES + 1))
    before = path.read_bytes()
    output = tmp_path / "out.docx"
    with pytest.raises(TemplateFileError, match=r"报告模板“大图片.docx”解压后共有64 MB，超过上限64 MB"):
        render_report(CONTEXT, template=path, output=output)
    assert not output.exists() and path.read_bytes() == before


def test_a_template_whose_document_xml_inflates_past_the_bound_is_refused_before_loading(tmp_path):
    # A 500 MB document.xml in a 1.5 MB template took 3.2 GB once parsed.
    source = template(tmp_path, "{{ branch }}")
    with zipfile.ZipFile(source) as archive:
        xml = archive.read("word/document.xml")
    # Past the total too: the message names the XML part, not pictures.
    padded = xml.replace(b"<w:body>", b"<w:body>" + b" " * limits.TEMPLATE_BYTES, 1)
    path = with_part(source, tmp_path / "大正文.docx", "word/document.xml", padded)
    with pytest.raises(TemplateFileError, match=r"“大正文.docx”中的“word/document.xml”解压后有64 MB，超过上限16 MB"):
        render_report(CONTEXT, template=path, output=tmp_path / "out.docx")


def test_a_template_with_more_tags_than_the_bound_is_refused_before_compiling(tmp_path, monkeypatch):
    # 200,000 × “{{ branch }}{{ year }}” (a 58 KB file): 64 s and 4.6 GB compiling and rendering.
    monkeypatch.setattr(report, "RENDER_SECONDS", 3)  # the unbounded code is stopped soon, with another message
    path = template(tmp_path, "{{ branch }}{{ year }}" * 200_000)
    with pytest.raises(TemplateFileError, match="“恶意模板.docx”中有400000个标记.*超过上限10000个"):
        render_report(CONTEXT, template=path, output=tmp_path / "out.docx")


def test_the_shipped_templates_are_well_within_the_template_bounds():
    for path in (ROOT / "templates").glob("*.docx"):
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
            assert sum(part.file_size for part in parts) < limits.TEMPLATE_BYTES / 10, path
            assert max(part.file_size for part in parts) < limits.TEMPLATE_XML_BYTES / 10, path
        report._check_size(path)  # a tag count past the bound would raise


# ---- during rendering: hard bounds in a child ---------------------------------------------------


@pytest.mark.skipif(not bounded.available(), reason="no fork: the sandbox's own checks only")
def test_one_long_step_in_c_is_stopped_by_the_hard_time_bound(tmp_path):
    # `sum` of lists is one call into C: no check between steps can interrupt it (before: minutes).
    path = template(tmp_path, "{% set xs = range(1000000)|batch(10)|list %}{{ xs|sum(start=[])|length }}")
    done = report_in_child(SAMPLE, "-o", tmp_path / "r.docx", "--template", path, seconds=1)
    assert done.returncode == 2, done.stderr
    assert "按模板“恶意模板.docx”生成报告超过1秒仍未完成" in done.stderr
    assert not (tmp_path / "r.docx").exists()


@pytest.mark.skipif(not bounded.available(), reason="no fork: the sandbox's own checks only")
def test_one_huge_allocation_in_c_is_stopped_by_the_hard_memory_bound(tmp_path):
    # Before: 2 GB in one C call (a join), past the memory check that only looks between steps.
    path = template(tmp_path, '{{ (["x" * 999999] * 2000)|join("") }}')
    _, peak, code, stderr = hostile_bench.measure("report", SAMPLE, "-o", tmp_path / "r.docx", "--template", path,
                                                  timeout=HANG)
    assert code == 2 and "按模板“恶意模板.docx”生成报告时内存不足" in stderr, stderr
    # The child's address space may grow by RENDER_MEMORY_BYTES beyond the parent's (about 100 MB).
    assert peak < 200 + limits.RENDER_MEMORY_BYTES / 2 ** 20


def _misspelt() -> None:
    error = TemplateSyntaxError("模板标记写法有误")
    error.paragraph = "第一段"
    raise error


@pytest.mark.skipif(not bounded.available(), reason="no fork")
def test_bounded_child_returns_the_result_or_raises_its_exception_again():
    assert bounded.run_bounded(lambda: b"x" * 10, seconds=30, memory=64 * 2 ** 20) == b"x" * 10
    with pytest.raises(TemplateSyntaxError, match="写法") as raised:
        bounded.run_bounded(_misspelt, seconds=30, memory=64 * 2 ** 20)
    assert raised.value.paragraph == "第一段"
    with pytest.raises(bounded.TooBig):
        bounded.run_bounded(lambda: bytearray(256 * 2 ** 20), seconds=30, memory=64 * 2 ** 20)
    with pytest.raises(bounded.ChildDied):
        bounded.run_bounded(lambda: os._exit(3), seconds=30, memory=64 * 2 ** 20)


# ---- tracers ----------------------------------------------------------------------------------


@pytest.mark.parametrize("prefix", [
    "sys.settrace(lambda *args: None)",  # what coverage and a debugger set
    "import cProfile; cProfile.Profile().enable()",
])
def test_the_sample_report_renders_under_a_tracer(tmp_path, prefix):
    # Before, the watchdog's asynchronous exception never landed under a trace hook: the run spun.
    output = tmp_path / "r.docx"
    done = report_in_child(SAMPLE, "-o", output, prefix=f"import sys\n{prefix}")
    assert done.returncode == 0, done.stderr
    assert "党支部工作情况" in Document(output).paragraphs[0].text


def test_a_runaway_loop_under_a_tracer_is_stopped_by_the_sandboxs_own_budget(tmp_path, monkeypatch):
    # Under a tracer the rendering stays in this process (the tracer sees it); the budget still holds.
    monkeypatch.setattr(report, "RENDER_SECONDS", 1)
    # The step bound out of reach: on a fast machine a million steps took under a second, and the
    # step bound, not the time bound this test is about, stopped the loop (a flaky test).
    monkeypatch.setattr(report, "RENDER_LOOP_STEPS", 10 ** 12)
    path = template(tmp_path, "{% for m in range(1000000) %}{% for n in range(1000000) %}{% endfor %}{% endfor %}",
                    name="循环.docx")
    previous = sys.gettrace()  # coverage's, when the suite runs under it
    sys.settrace(previous or (lambda *args: None))
    try:
        with pytest.raises(TemplateLimitError, match="按模板“循环.docx”生成报告超过1秒"):
            render_report(CONTEXT, template=path, output=tmp_path / "out.docx")
    finally:
        sys.settrace(previous)


# ---- a block left open among thousands -------------------------------------------------------


def test_one_missing_endif_among_3000_blocks_is_named_quickly(tmp_path, monkeypatch):
    # Before: the repair search tried every pairing (minutes), was stopped at the time bound and blamed loops.
    monkeypatch.setattr(report, "RENDER_SECONDS", 5)
    paragraphs = []
    for n in range(3000):
        paragraphs += ["{%p if branch %}", f"第{n}段", "{%p endif %}"]
    del paragraphs[3 * 1234 + 2]  # the endif of block 1234
    # The paragraphs written into document.xml directly: python-docx adds one in time growing with the document.
    source = template(tmp_path, "")
    with zipfile.ZipFile(source) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    body = "".join(f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>" for text in paragraphs)
    path = with_part(source, tmp_path / "三千段.docx", "word/document.xml", xml.replace("<w:body>", "<w:body>" + body, 1).encode())
    with pytest.raises(TemplateSyntaxError) as raised:
        render_report(CONTEXT, template=path, output=tmp_path / "out.docx")
    assert "“{% if %}”缺少与之配对的“{% endif %}”" in str(raised.value)
    assert "出错的段落：“第1234段" in str(raised.value)
