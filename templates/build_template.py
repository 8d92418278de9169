"""Build templates/工作报告模板.docx, the default Word template of the work report.

Run ``python templates/build_template.py``. The template is generated rather than kept as
a hand-edited binary so that its format (GB/T 9704-2012) and its Jinja tags can be
reviewed in code and rebuilt byte for byte. A secretary may still edit the built file in
Word: every Jinja tag sits in a run of its own, and all formatting lives in named styles.
"""

from __future__ import annotations

import io
import re
import sys
import zipfile
from datetime import datetime, timezone
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm

DEFAULT_OUTPUT = Path(__file__).resolve().parent / "工作报告模板.docx"

# GB/T 9704-2012 fonts. Only the Windows names go into the file; a Linux renderer maps
# them with fonts/fonts.conf.
TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
H1_FONT = "黑体"
H2_FONT = "楷体_GB2312"
PAGE_NUMBER_FONT = "宋体"

BODY_SIZE = 32  # half-points: 3号 = 16 pt
TITLE_SIZE = 44  # 2号 = 22 pt
PAGE_NUMBER_SIZE = 28  # 4号 = 14 pt
# 版心 225 mm = 637.8 pt; 637.8 / 22 lines = 28.95 pt = 579 twips.
LINE_TWIPS = 579
# -0.25 pt (in twentieths of a point) makes 28 characters fit a 156 mm line in Word and
# LibreOffice alike; a linesAndChars grid would do it in Word only.
CHAR_SPACING = -5
# One 3号 character is 16 pt = 320 twips; kept as a fallback beside the *Chars values.
BODY_CHAR_TWIPS = 320
PAGE_NUMBER_CHAR_TWIPS = 280

# A fixed date keeps rebuilt files identical (docProps and zip entry times).
FIXED_TIME = datetime(2024, 1, 1, tzinfo=timezone.utc)

THEME_ATTRIBUTES = ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")


# ---------------------------------------------------------------------------
# Styles


def _fonts(name: str) -> str:
    # ascii/hAnsi carry the Chinese font too, so digits and “” quotes match the text.
    return (
        f'<w:rFonts w:ascii="{name}" w:hAnsi="{name}" w:eastAsia="{name}" w:cs="{name}"/>'
    )


def _size(half_points: int) -> str:
    return f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>'


def _exact_lines() -> str:
    return f'<w:spacing w:before="0" w:after="0" w:line="{LINE_TWIPS}" w:lineRule="exact"/>'


def _no_indent() -> str:
    return '<w:ind w:firstLineChars="0" w:firstLine="0"/>'


def _closing_indent(chars: int) -> str:
    return (f'<w:ind w:firstLineChars="0" w:firstLine="0" w:rightChars="{chars * 100}"'
            f' w:right="{chars * BODY_CHAR_TWIPS}"/>')


def _paragraph_style(style_id: str, name: str, ppr: str, rpr: str, *, based_on: str | None = "Normal",
                     next_style: str | None = None, default: bool = False, ui_priority: int = 10) -> str:
    attrs = ' w:default="1"' if default else ""
    parts = [f'<w:style {nsdecls("w")} w:type="paragraph"{attrs} w:styleId="{style_id}">',
             f'<w:name w:val="{name}"/>']
    if based_on:
        parts.append(f'<w:basedOn w:val="{based_on}"/>')
    if next_style:
        parts.append(f'<w:next w:val="{next_style}"/>')
    parts.append(f'<w:uiPriority w:val="{ui_priority}"/><w:qFormat/>')
    parts.append(f"<w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>")
    return "".join(parts)


def _styles() -> list[str]:
    body_rpr = _fonts(BODY_FONT) + f'<w:spacing w:val="{CHAR_SPACING}"/>' + _size(BODY_SIZE)
    heading_ppr = "<w:keepNext/><w:keepLines/>"
    return [
        # Normal is the body text, so a paragraph a secretary types in Word is already
        # 3号仿宋 with the two-character indent.
        # overflowPunct="1" is Word's own default (punctuation may hang at a line end).
        # LibreOffice (7.4 and since) reads this attribute inverted, hanging = (val == 0), and
        # hangs by default; with "1" it keeps every mark inside the 版心 instead of hanging it
        # 5.5 mm outside, or dropping it from a justified line. tests/test_pdf_layout.py checks it.
        _paragraph_style(
            "Normal", "Normal",
            '<w:widowControl w:val="0"/><w:overflowPunct w:val="1"/><w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>'
            + _exact_lines()
            + f'<w:ind w:firstLineChars="200" w:firstLine="{2 * BODY_CHAR_TWIPS}"/>'
            + '<w:jc w:val="both"/>',
            body_rpr, based_on=None, default=True, ui_priority=0),
        _paragraph_style(
            "Title", "Title",
            # One blank line between the title and the text, as GB/T 9704 lays it out.
            f'<w:spacing w:before="0" w:after="{LINE_TWIPS}" w:line="{LINE_TWIPS}" w:lineRule="exact"/>'
            + _no_indent() + '<w:jc w:val="center"/><w:outlineLvl w:val="9"/>',
            _fonts(TITLE_FONT) + '<w:b w:val="0"/><w:spacing w:val="0"/>' + _size(TITLE_SIZE),
            next_style="Normal"),
        _paragraph_style(
            "Heading1", "heading 1", heading_ppr + '<w:outlineLvl w:val="0"/>',
            _fonts(H1_FONT) + '<w:b w:val="0"/><w:bCs w:val="0"/>', next_style="Normal", ui_priority=9),
        _paragraph_style(
            "Heading2", "heading 2", heading_ppr + '<w:outlineLvl w:val="1"/>',
            _fonts(H2_FONT) + '<w:b w:val="0"/><w:bCs w:val="0"/>', next_style="Normal", ui_priority=9),
        _paragraph_style(
            "Heading3", "heading 3", heading_ppr + '<w:outlineLvl w:val="2"/>',
            _fonts(BODY_FONT) + '<w:b/><w:bCs/>', next_style="Normal", ui_priority=9),
        # The closing: 发文机关署名 and 成文日期 right-aligned. These indents (name 右空二字,
        # date 右空四字) are only the fallback: dangjian/documents/layout.py sets each report's from
        # the lengths of its name and date, as GB/T 9704 7.3.5.2 asks.
        _paragraph_style(
            # keepNext: the name never ends a page with its date alone on the next one.
            "GongwenSignature", "落款", "<w:keepNext/>" + _closing_indent(2)
            + '<w:jc w:val="right"/>', "", next_style="GongwenDate"),
        _paragraph_style(
            "GongwenDate", "成文日期", _closing_indent(4)
            + '<w:jc w:val="right"/>', "", next_style="Normal"),
        _paragraph_style(
            "Footer", "footer",
            '<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>' + _no_indent(),
            _fonts(PAGE_NUMBER_FONT) + '<w:spacing w:val="0"/>' + _size(PAGE_NUMBER_SIZE),
            ui_priority=99),
        # A run-in （一） heading inside a body paragraph (存在的问题, 下步工作打算): 楷体 and
        # regular, like the （一） headings of part 一 (Heading2); a character style, so
        # changing its look once in Word changes every item.
        f'<w:style {nsdecls("w")} w:type="character" w:styleId="LeadIn"><w:name w:val="段首标题"/>'
        f'<w:basedOn w:val="DefaultParagraphFont"/><w:uiPriority w:val="11"/><w:qFormat/>'
        f'<w:rPr>{_fonts(H2_FONT)}<w:b w:val="0"/><w:bCs w:val="0"/></w:rPr></w:style>',
        f'<w:style {nsdecls("w")} w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/>'
        "<w:unhideWhenUsed/></w:style>",
        f'<w:style {nsdecls("w")} w:type="table" w:default="1" w:styleId="TableNormal">'
        '<w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>'
        '<w:pPr><w:ind w:firstLineChars="0" w:firstLine="0"/></w:pPr>'
        '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/>'
        '<w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/>'
        '<w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>',
        f'<w:style {nsdecls("w")} w:type="numbering" w:default="1" w:styleId="NoList">'
        '<w:name w:val="No List"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/></w:style>',
    ]


def replace_styles(document) -> None:
    """Swap python-docx's styles (Calibri, blue headings, ja-JP theme fonts) for 公文 ones."""
    styles = document.styles.element
    for old in styles.findall(qn("w:style")):
        styles.remove(old)
    doc_defaults = styles.find(qn("w:docDefaults"))
    styles.remove(doc_defaults)
    styles.insert(0, parse_xml(
        f"<w:docDefaults {nsdecls('w')}><w:rPrDefault><w:rPr>{_fonts(BODY_FONT)}{_size(BODY_SIZE)}"
        '<w:kern w:val="2"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>'
        '<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault>'
        "</w:docDefaults>"))
    for xml in _styles():
        styles.append(parse_xml(xml))
    # Latent styles may still name theme fonts nowhere, but any leftover *Theme attribute
    # would override the explicit fonts above, so strip them wherever they are.
    for fonts in styles.iter(qn("w:rFonts")):
        for attribute in THEME_ATTRIBUTES:
            fonts.attrib.pop(qn(f"w:{attribute}"), None)


def configure_settings(document) -> None:
    settings = document.settings
    settings.odd_and_even_pages_header_footer = True
    element = settings.element
    theme_lang = element.find(qn("w:themeFontLang"))
    theme_lang.set(qn("w:eastAsia"), "zh-CN")
    # python-docx's sample revision ids would make every template claim the same history.
    rsids = element.find(qn("w:rsids"))
    if rsids is not None:
        element.remove(rsids)


def configure_page(document) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.header_distance = Mm(15)
    # GB/T 9704: the 一字线 of the page number sits 7 mm under the 版心, i.e. its top is
    # 28 mm above the page edge; minus one 4号 line (about 6.4 mm) gives the footer edge.
    section.footer_distance = Mm(21.6)
    section.gutter = Mm(0)
    grid = section._sectPr.find(qn("w:docGrid"))
    grid.set(qn("w:linePitch"), str(LINE_TWIPS))
    _page_number_footer(section.footer, align="right")
    _page_number_footer(section.even_page_footer, align="left")


def _page_number_footer(footer, *, align: str) -> None:
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0]
    paragraph.style = "footer"
    ppr = paragraph._p.get_or_add_pPr()
    # 4号 character = 280 twips: odd pages 右空一字, even pages 左空一字.
    ppr.append(parse_xml(
        f'<w:ind {nsdecls("w")} w:{align}Chars="100" w:{align}="{PAGE_NUMBER_CHAR_TWIPS}"/>'))
    ppr.append(parse_xml(f'<w:jc {nsdecls("w")} w:val="{align}"/>'))
    paragraph.add_run("— ")
    # A PAGE field, with "1" as the cached result until Word or LibreOffice updates it.
    for fragment in (
        '<w:fldChar {ns} w:fldCharType="begin"/>',
        '<w:instrText {ns} xml:space="preserve"> PAGE </w:instrText>',
        '<w:fldChar {ns} w:fldCharType="separate"/>',
        "<w:t {ns}>1</w:t>",
        '<w:fldChar {ns} w:fldCharType="end"/>',
    ):
        paragraph.add_run()._r.append(parse_xml(fragment.format(ns=nsdecls("w"))))
    paragraph.add_run(" —")


# ---------------------------------------------------------------------------
# Text

TAG = re.compile(r"({{.*?}}|{%.*?%})")


def add(document, text: str, style: str = "Normal", *, lead: str | None = None):
    """Add a paragraph whose Jinja tags each get a run of their own.

    ``lead`` is text (tags allowed) printed before ``text`` in the 段首标题 character style
    (the run-in （一） heading of an item).
    """
    paragraph = document.add_paragraph(style=style)
    if lead:
        _add_runs(paragraph, lead, char_style="段首标题")
    _add_runs(paragraph, text)
    return paragraph


def _add_runs(paragraph, text: str, *, char_style: str | None = None) -> None:
    for piece in TAG.split(text):
        if piece:
            run = paragraph.add_run(piece)
            if char_style:
                run.style = char_style


def control(document, tag: str) -> None:
    """A paragraph holding only a ``{%p … %}`` tag; docxtpl drops the paragraph itself."""
    add(document, "{%p " + tag + " %}")


def section(document, condition: str, heading: str, *paragraphs: str, style: str = "Heading 2",
            number: str = "{{ h2() }}") -> None:
    control(document, f"if {condition}")
    add(document, number + heading, style)
    for text in paragraphs:
        add(document, text)
    control(document, "endif")


def titled_items(document, name: str, heading: str, *intro: str) -> None:
    """A numbered part listing the context's `name` items, each led by its title in 段首标题."""
    control(document, f"if {name}")
    add(document, "{{ h1() }}" + heading, "Heading 1")
    for text in intro:
        add(document, text)
    control(document, f"for p in {name}")
    add(document, "{{ p.content }}", lead="{{ h2() }}{{ p.title }}")
    control(document, "endfor")
    control(document, "endif")


# The template keeps the report's structure, headings and fixed wording; every sentence built
# from data arrives already worded (dangjian/documents/context.py) and is placed with one tag. So a
# secretary can reword, restyle, move or delete any paragraph in Word without meeting a
# thicket of tags; the words of the data-driven sentences are changed in context.py.

OPENING = (
    "今年以来，{{ leadership }}，{{ branch }}立足实际，以政治建设为统领，以落实全面从严治党主体责任为主线，"
    "以规范党内政治生活为重点，{{ goal }}以提高党员干部素质为根本，全力夯实党建工作基础，创新党建工作方法，"
    "全面提升党建工作水平，党建工作取得了一定成绩，现将{{ period_label }}党建工作简要报告如下："
)

IDEOLOGY = (
    "严格落实意识形态工作责任制。始终坚持牢牢把握党对意识形态工作的领导权，"
    "持续将意识形态领域新思想纳入支部学习计划。强化意识形态安全，"
    "加强对工作群和公众号平台等阵地的管理。{{ ideology.text }}"
)

DUES = "{{ dues.practice }}，同时做好党费收缴记录工作，做到有据可查、有迹可循，{{ dues.result }}"

SERVICE = "{{ service }}将“双报告、双服务、双报到”志愿服务活动做好、做真、做实。"

PART_ONE = ("membership or key_meetings or ideology or development or life or dues or disclosure or service"
            " or position or work_plan or system_usage or election")


def write_text(document) -> None:
    # Broken into lines before whole words only (dangjian/documents/title.py), not by the width.
    add(document, "{{ title|title_lines }}", "Title")
    add(document, OPENING)

    control(document, f"if {PART_ONE}")
    add(document, "{{ h1() }}党支部工作开展落实情况", "Heading 1")
    control(document, "if membership")
    add(document, "{{ membership.text }}")  # 党员队伍基本情况
    control(document, "endif")
    control(document, "for m in key_meetings")
    add(document, "{{ h2() }}{{ m.heading }}", "Heading 2")
    add(document, "{{ m.opening }}")
    control(document, "for text in m.paragraphs")
    add(document, "{{ text }}")
    control(document, "endfor")
    control(document, "endfor")
    section(document, "ideology", "意识形态工作开展情况", IDEOLOGY)
    section(document, "development", "发展党员工作情况", "{{ development.text }}")
    section(document, "life", "三会一课制度落实情况", "{{ life.text }}")
    section(document, "dues", "党费收缴制度落实情况", DUES)
    section(document, "disclosure", "党务公开制度落实情况", "{{ disclosure.text }}")
    section(document, "service", "“双报告、双服务、双报到”志愿服务活动开展情况", SERVICE)
    section(document, "position", "党建阵地建设开展情况",
            "{{ position }}作为党建阵地，召开党会，学习文件内容，传达上级党委要求。")
    section(document, "work_plan", "{{ year }}年党建工作安排",
            "{{ work_plan|sentence }}按工作要点安排党建工作。")
    section(document, "system_usage", "党统系统使用情况", "{{ system_usage|sentence }}")
    section(document, "election", "党组织换届选举情况", "{{ election.text }}")
    control(document, "endif")

    titled_items(document, "problems", "存在的问题")
    titled_items(document, "plans", "下步工作打算", "{{ plans_intro }}")

    # 正文下空一行, then the closing; the blank line goes to a new page with the 落款.
    blank = add(document, "")
    blank.paragraph_format.keep_with_next = True
    add(document, "{{ branch }}", "落款")
    add(document, "{{ written_date }}", "成文日期")


# ---------------------------------------------------------------------------
# Assembly


def new_document():
    document = Document()
    _drop_styles_with_effects(document)
    body = document.element.body
    for paragraph in body.findall(qn("w:p")):
        body.remove(paragraph)
    replace_styles(document)
    configure_settings(document)
    configure_page(document)
    properties = document.core_properties
    properties.title = "党支部工作情况报告模板"
    properties.author = ""
    properties.last_modified_by = ""
    properties.comments = ""
    properties.keywords = ""
    properties.language = "zh-CN"
    properties.revision = 1
    properties.created = properties.modified = FIXED_TIME.replace(tzinfo=None)
    _replace_app_properties(document)
    return document


# python-docx's default package says "Microsoft Macintosh Word" wrote it and carries a
# preview picture of an empty page; the template says what it is and has no picture.
APP_PROPERTIES = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    "<Template></Template><Application>dangjian</Application><DocSecurity>0</DocSecurity>"
    "<ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
    "<HyperlinksChanged>false</HyperlinksChanged></Properties>"
)


def _replace_app_properties(document) -> None:
    package = document.part.package
    for key, relationship in list(package.rels.items()):
        if relationship.reltype == RT.THUMBNAIL:
            package.rels.pop(key)
        elif relationship.reltype == RT.EXTENDED_PROPERTIES:
            relationship.target_part._blob = APP_PROPERTIES.encode("utf-8")


def build_template(output: Path = DEFAULT_OUTPUT) -> Path:
    """Write the default report template to ``output`` and return its path."""
    document = new_document()
    write_text(document)
    return save_template(document, output)


def _drop_styles_with_effects(document) -> None:
    """python-docx's blank document carries Word 2010's stylesWithEffects.xml (438 KB), which Word
    2013 and later neither need nor write: every document made from a template would otherwise
    inflate and deflate it again (about 3 ms of each report, half its file size)."""
    for rel_id, rel in list(document.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            del document.part.rels[rel_id]


def save_template(document, output: Path) -> Path:
    """Save a built template so that the same script rebuilds it byte for byte."""
    buffer = io.BytesIO()
    document.save(buffer)
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_bytes(_normalised_zip(buffer.getvalue()))
    return output


def _normalised_zip(data: bytes) -> bytes:
    """Re-pack with fixed entry times, so an unchanged template rebuilds byte for byte."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(item.filename))
    return out.getvalue()


if __name__ == "__main__":
    path = build_template(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_OUTPUT)
    print(f"已生成模板：{path}")
