"""Build the Word templates of the 党费收缴情况公示 and the year's 党费收缴情况报告.

Run ``python templates/build_dues_templates.py``. The page setup, the styles (GB/T 9704-2012) and
the way a Jinja tag gets a run of its own are build_template.py's, imported from it, so the three
templates share one 版式. The tables are laid out here: one row per member (``{%tr for %}``) and,
in the notice, one column per month of the period (``{%tc for %}``); dangjian/documents/dues_notice.py fits
the columns to the page after rendering. The context: docs/dues-context.md.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from build_template import (  # noqa: E402  (the script's own folder, as run from anywhere)
    BODY_FONT, H1_FONT, _fonts, _paragraph_style, _size, add, control, new_document, save_template,
)

NOTICE_OUTPUT = HERE / "党费收缴情况公示模板.docx"
REPORT_OUTPUT = HERE / "党费收缴情况报告模板.docx"

TABLE_SIZE = 24  # half-points: 小四 (12 pt)
TABLE_LINE = 300  # twips: 15 pt lines inside the table

# ---------------------------------------------------------------------------
# Table styles and tables


def add_table_styles(document) -> None:
    """表格文字 (cells) and 表头 (header cells): 仿宋 / 黑体 小四, centred, no first-line indent."""
    styles = document.styles.element
    # snapToGrid off: the page's line grid (28.95 pt) would make every table line a body line tall.
    cell_ppr = ('<w:snapToGrid w:val="0"/>'
                f'<w:spacing w:before="0" w:after="0" w:line="{TABLE_LINE}" w:lineRule="auto"/>'
                '<w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="center"/>')
    cell_rpr = '<w:spacing w:val="0"/>' + _size(TABLE_SIZE)
    styles.append(parse_xml(_paragraph_style("TableText", "表格文字", cell_ppr, _fonts(BODY_FONT) + cell_rpr)))
    styles.append(parse_xml(_paragraph_style("TableHeading", "表头", '<w:keepNext/>' + cell_ppr,
                                             _fonts(H1_FONT) + cell_rpr, based_on="TableText")))
    styles.append(parse_xml(_paragraph_style("TableNote", "表格说明", cell_ppr.replace("center", "left"),
                                             _fonts(BODY_FONT) + cell_rpr, based_on="TableText")))


BORDERS = "<w:tblBorders>" + "".join(
    f'<w:{side} w:val="single" w:sz="6" w:space="0" w:color="000000"/>'
    for side in ("top", "left", "bottom", "right", "insideH", "insideV")) + "</w:tblBorders>"
# CT_TblPr's child order (ECMA-376 17.4.60): Word refuses a file whose table properties are out of order.
TBLPR_ORDER = ("tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize",
               "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar", "tblLook",
               "tblCaption", "tblDescription")


def _insert_in_order(properties, element) -> None:
    rank = TBLPR_ORDER.index
    name = element.tag.split("}")[1]
    for existing in properties:
        if rank(existing.tag.split("}")[1]) > rank(name):
            existing.addprevious(element)
            return
    properties.append(element)


def table(document, rows: list[list[str]], *, header_rows: int = 1, left_columns: tuple[int, ...] = ()):
    """A bordered table of ``rows`` (each a list of cell texts, tags allowed), header rows repeated."""
    width = max(len(r) for r in rows)
    grid = document.add_table(rows=len(rows), cols=width)
    properties = grid._tbl.tblPr
    # 1 mm either side: room for a month's amount in every column; fixed layout keeps the widths
    # dangjian/documents/dues_notice.py sets after rendering.
    for xml in ('<w:jc w:val="center"/>', BORDERS, '<w:tblLayout w:type="fixed"/>',
                '<w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar>'):
        _insert_in_order(properties, parse_xml(re.sub(r"^<(w:\w+)", rf"<\1 {nsdecls('w')}", xml)))
    for index, (row, texts) in enumerate(zip(grid.rows, rows)):
        if index < header_rows:
            row._tr.get_or_add_trPr().append(parse_xml(f'<w:tblHeader {nsdecls("w")}/>'))
        row._tr.get_or_add_trPr().append(parse_xml(f'<w:cantSplit {nsdecls("w")}/>'))
        for column, (cell, text) in enumerate(zip(row.cells, texts)):
            paragraph = cell.paragraphs[0]
            paragraph.style = "表头" if index < header_rows else ("表格说明" if column in left_columns else "表格文字")
            if text:
                paragraph.add_run(text)
            cell._tc.get_or_add_tcPr().append(parse_xml(f'<w:vAlign {nsdecls("w")} w:val="center"/>'))
    return grid


def tag_row(tag: str, width: int) -> list[str]:
    """A row holding only a ``{%tr … %}`` tag; docxtpl drops the row itself."""
    return ["{%tr " + tag + " %}", *([""] * (width - 1))]


def closing(document) -> None:
    # 正文下空一行, then the 落款 (laid out by dangjian/documents/layout.py as in the work report).
    blank = add(document, "")
    blank.paragraph_format.keep_with_next = True
    add(document, "{{ branch }}", "落款")
    add(document, "{{ written_date }}", "成文日期")


# ---------------------------------------------------------------------------
# The notice

NOTICE_OPENING = (
    "为加强党费收缴管理，接受党员监督，现将{{ branch }}{{ period_name }}党费收缴情况公示如下："
)

NOTICE_SUMMARY = (
    "{{ period_label }}，{{ listed }}名党员应交党费{{ due }}元，实交{{ paid }}元。"
    "{% if all_paid %}截至{{ as_of }}，全体党员均已按规定交纳党费。"
    "{% else %}截至{{ as_of }}，尚有党费{{ outstanding_total }}元未交："
    "{% for o in outstanding %}{{ o.name }}同志{{ o.months }}党费{{ o.amount }}元"
    "{% if loop.last %}。{% else %}；{% endif %}{% endfor %}请相关同志尽快补交。{% endif %}"
)

NOTICE_NOTE = (
    "注：金额单位为元{% if off_roll_shown %}；“—”表示该月不在本支部{% endif %}。"
    "{% if quarterly %}经党支部同意按季度交纳的，一个季度的党费在季度内任一月份交齐即可。{% endif %}"
)

NOTICE_PERIOD = (
    "公示期为{{ notice_from }}至{{ notice_to }}。党员对公示内容如有疑问，请在公示期内向{{ contact }}同志反映。"
)

MONTHS = ("{%tc for m in months %}", "{{ m }}实交", "{%tc endfor %}")
NOTICE_TABLE = [
    ["姓名", "党费类别", "月应交", *MONTHS, "合计", "补交、预交说明"],
    tag_row("for r in rows", 8),
    ["{{ r.name }}", "{{ r.category }}", "{{ r.monthly }}", "{%tc for p in r.paid %}", "{{ p }}", "{%tc endfor %}",
     "{{ r.total }}", "{{ r.note }}"],
    tag_row("endfor", 8),
    ["合计", "", "{{ totals.monthly }}", "{%tc for p in totals.paid %}", "{{ p }}", "{%tc endfor %}",
     "{{ totals.total }}", ""],
]


def write_notice(document) -> None:
    add(document, "{{ title|title_lines }}", "Title")
    add(document, NOTICE_OPENING)
    add(document, NOTICE_SUMMARY)
    table(document, NOTICE_TABLE, left_columns=(7,))
    add(document, NOTICE_NOTE, "表格说明")
    add(document, NOTICE_PERIOD)
    closing(document)


# ---------------------------------------------------------------------------
# The year's report

REPORT_OPENING = (
    "为向党员公布党费收缴情况、接受党员监督，现将{{ branch }}{{ year }}年度党费收缴情况报告如下："
)

REPORT_COLLECTED = (
    "截至{{ as_of }}，{{ members }}名党员在{{ year }}年应交纳党费，{{ paid_members }}名交纳了党费，"
    "其中{{ full_members }}名已全部交清。{% if whole_year %}全年{% else %}已到期的{% endif %}应交党费{{ due }}元，实交{{ paid }}元"
    "{% if rate %}，收缴率{{ rate }}{% endif %}。各党员交纳情况如下表（金额单位：元）："
)

REPORT_ARREARS = (
    "{% if all_paid %}全体党员均已按规定交清{% if whole_year %}{{ year }}年{% else %}已到期的{% endif %}党费，没有欠交。"
    "{% else %}尚有党费{{ outstanding_total }}元未交："
    "{% for o in outstanding %}{{ o.name }}同志{{ o.months }}党费{{ o.amount }}元"
    "{% if loop.last %}。{% else %}；{% endif %}{% endfor %}"
    "党支部已提醒相关同志尽快补交，补交的时间一般不超过6个月。{% endif %}"
)

REPORT_REMITTED = (
    "{% if remitted_on %}{{ remitted_on }}，{% endif %}党支部向{% if superior %}{{ superior }}{% else %}上级党委{% endif %}"
    "上缴党费{{ remitted }}元。"
)

REPORT_TABLE = [
    ["姓名", "党费类别", "月应交", "应交月数", "应交", "实交", "未交"],
    tag_row("for r in rows", 7),
    ["{{ r.name }}", "{{ r.category }}", "{{ r.monthly }}", "{{ r.months }}", "{{ r.due }}", "{{ r.paid }}",
     "{{ r.outstanding }}"],
    tag_row("endfor", 7),
    ["合计", "", "", "", "{{ totals.due }}", "{{ totals.paid }}", "{{ totals.outstanding }}"],
]


def write_report(document) -> None:
    add(document, "{{ title|title_lines }}", "Title")
    add(document, REPORT_OPENING)
    add(document, "{{ h1() }}党费收缴情况", "Heading 1")
    add(document, REPORT_COLLECTED)
    table(document, REPORT_TABLE)
    add(document, "{{ h1() }}欠交党费情况", "Heading 1")
    add(document, REPORT_ARREARS)
    control(document, "if remitted")
    add(document, "{{ h1() }}党费上缴情况", "Heading 1")
    add(document, REPORT_REMITTED)
    control(document, "endif")
    add(document, "依据：{{ basis }}。")
    closing(document)


# ---------------------------------------------------------------------------
# Assembly


def build(write, title: str, output: Path) -> Path:
    document = new_document()
    document.core_properties.title = title
    add_table_styles(document)
    write(document)
    # python-docx adds an empty paragraph to every new cell and leaves the first body paragraph
    # untouched; nothing else to clean.
    return save_template(document, output)


def build_templates(notice: Path = NOTICE_OUTPUT, report: Path = REPORT_OUTPUT) -> tuple[Path, Path]:
    return (build(write_notice, "党费收缴情况公示模板", Path(notice)),
            build(write_report, "党费收缴情况报告模板", Path(report)))


if __name__ == "__main__":
    for path in build_templates():
        print(f"已生成模板：{path}")
