"""Build templates/党委汇总报告模板.docx, the 党委's report on its branches' workbooks.

The page, styles, page numbers and closing are the branch template's (GB/T 9704-2012), taken
from build_template.py's own helpers, so both reports keep one layout. The context it expects
is written by dangjian/branches/summary_report.py (party_context); `python templates/build_party_template.py`
rebuilds it byte for byte.
"""
from __future__ import annotations

import sys
from pathlib import Path

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Mm

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_template import add, control, new_document, save_template, section  # noqa: E402

DEFAULT_OUTPUT = Path(__file__).resolve().parent / "党委汇总报告模板.docx"
TABLE_SIZE = 24  # half-points: 小四 = 12 pt, so the branch table fits the 156 mm 版心
TABLE_COLUMNS = (("党组织名称", 50), ("党员", 14), ("三会一课完成率", 30), ("党费收缴率", 26), ("缺项", 36))

OPENING = (
    "{{ period_name }}，{{ signer }}所属{{ branches }}个党支部按照《中国共产党支部工作条例（试行）》"
    "和党费收缴、发展党员工作的有关规定，逐项填报了党支部工作台账。根据各党支部台账校验汇总的结果，"
    "现将{{ period_name }}党支部工作情况报告如下。"
)
BASICS = (
    "截至{{ as_of }}，共有党支部{{ branches }}个，党员{{ members }}名，其中正式党员{{ full_members }}名、"
    "预备党员{{ probationary }}名。本期入党、转入{{ joined }}名，转出{{ left }}名。"
    "{% if unreadable %}另有{{ unreadable }}个台账文件无法读取，未计入汇总，已在汇总表“问题清单”中列出。{% endif %}"
    "{% if other_periods %}{{ other_periods }}个党支部的报告期间与{{ period_name }}不同，其数字按各自的报告期间计入。{% endif %}"
)
LIFE_INTRO = (
    "{% if meetings_rate %}按月、按季度应开的党员大会、支部委员会、党小组会和党课，完成率为{{ meetings_rate }}，"
    "{{ meetings_met }}个党支部全部按要求召开。{% endif %}"
)
LIFE_ITEM = (
    "{{ it.name }}应{{ it.verb }}{{ it.owed }}次，实际{{ it.verb }}{{ it.held }}次，"
    "{% if it.short %}{{ it.met }}个党支部按要求完成，{{ it.short }}个党支部未完成。"
    "{% else %}{{ it.met }}个党支部全部按要求完成。{% endif %}"
)
DUES = (
    "截至{{ dues.as_of }}，{{ dues.members }}名党员应交党费{{ dues.due }}元，实交{{ dues.paid }}元"
    "{% if dues.rate %}，收缴率{{ dues.rate }}{% endif %}。"
    "{% if dues.behind %}{{ dues.all_paid }}个党支部党员全部按时足额交纳；{{ dues.behind }}名党员未交足，"
    "共{{ dues.outstanding }}元，涉及{{ dues.branches_behind }}个党支部。"
    "{% else %}各党支部党员全部足额交纳。{% endif %}"
)
DEVELOPMENT = (
    "{{ development.lead }}共有{{ development.applicants }}人递交入党申请书，"
    "确定入党积极分子{{ development.activists }}名、发展对象{{ development.candidates }}名，"
    "接收预备党员{{ development.probationary }}名，预备党员转为正式党员{{ development.full }}名。"
)
ELECTION = (
    "{% if elections %}本期{{ elections }}个党支部进行了换届选举。{% endif %}"
    "{% if term_ended %}{{ term_ended }}支委会任期已届满，应及时换届。{% endif %}"
    "{% if term_ending %}{{ term_ending }}支委会任期即将届满，应提前做好换届准备。{% endif %}"
)


def write_text(document) -> None:
    add(document, "{{ title|title_lines }}", "Title")
    add(document, OPENING)
    add(document, "{{ h1() }}党支部和党员基本情况", "Heading 1")
    add(document, BASICS)
    control(document, "if life")
    add(document, "{{ h1() }}三会一课制度落实情况", "Heading 1")
    add(document, LIFE_INTRO)
    control(document, "for it in life")
    add(document, LIFE_ITEM)
    control(document, "endfor")
    control(document, "endif")
    section(document, "dues", "党费收缴情况", DUES, style="Heading 1", number="{{ h1() }}")
    section(document, "development", "发展党员工作情况", DEVELOPMENT, style="Heading 1", number="{{ h1() }}")
    section(document, "elections or term_ended or term_ending", "党组织换届情况", ELECTION,
            style="Heading 1", number="{{ h1() }}")
    control(document, "if missing")
    add(document, "{{ h1() }}存在缺项的党支部", "Heading 1")
    add(document, "以下{{ missing|length }}个党支部存在缺项，请督促其逐项整改（具体位置见汇总表“问题清单”）：")
    control(document, "for b in missing")
    add(document, "{{ b.number }}．{{ b.name }}：{{ b.gaps }}。")
    control(document, "endfor")
    control(document, "endif")
    add(document, "{{ h1() }}各党支部主要数据", "Heading 1")
    branch_table(document)

    blank = add(document, "")
    blank.paragraph_format.keep_with_next = True
    add(document, "{{ signer }}", "落款")
    add(document, "{{ written_date }}", "成文日期")


def branch_table(document) -> None:
    """A bordered table whose middle row docxtpl repeats per branch ({%tr for %})."""
    rows = (
        [title for title, _ in TABLE_COLUMNS],
        ["{%tr for b in table %}", "", "", "", ""],
        ["{{ b.name }}", "{{ b.members }}", "{{ b.meetings_rate }}", "{{ b.dues_rate }}", "{{ b.missing }}"],
        ["{%tr endfor %}", "", "", "", ""],
        ["合计", "{{ members }}", "{{ meetings_rate }}", "{{ dues.rate if dues else '' }}", "{{ missing|length }}个党支部"],
    )
    table = document.add_table(rows=len(rows), cols=len(TABLE_COLUMNS))
    table.autofit = False
    table_pr = table._tbl.tblPr
    table_pr.append(parse_xml(
        f'<w:tblBorders {nsdecls("w")}>'
        + "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                  for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
        + "</w:tblBorders>"))
    table_pr.append(parse_xml(f'<w:jc {nsdecls("w")} w:val="center"/>'))
    widths = [Mm(width * 156 / sum(w for _, w in TABLE_COLUMNS)) for _, width in TABLE_COLUMNS]
    for column, width in zip(table.columns, widths):
        column.width = width  # the table grid, which LibreOffice reads
    for r, values in enumerate(rows):
        for c, text in enumerate(values):
            cell = table.cell(r, c)
            cell.width = widths[c]
            paragraph = cell.paragraphs[0]
            ppr = paragraph._p.get_or_add_pPr()
            # Table text: single-spaced, no first-line indent, centred but for the free text.
            ppr.append(parse_xml(f'<w:spacing {nsdecls("w")} w:line="360" w:lineRule="exact"/>'))
            ppr.append(parse_xml(f'<w:ind {nsdecls("w")} w:firstLineChars="0" w:firstLine="0"/>'))
            ppr.append(parse_xml(f'<w:jc {nsdecls("w")} w:val="{"left" if c in (0, 4) and r else "center"}"/>'))
            run = paragraph.add_run(text)
            rpr = run._r.get_or_add_rPr()
            rpr.append(parse_xml(f'<w:sz {nsdecls("w")} w:val="{TABLE_SIZE}"/>'))
            rpr.append(parse_xml(f'<w:szCs {nsdecls("w")} w:val="{TABLE_SIZE}"/>'))
            if r == 0:
                rpr.append(parse_xml(f'<w:b {nsdecls("w")}/>'))
    header = table.rows[0]._tr.get_or_add_trPr()
    header.append(parse_xml(f'<w:tblHeader {nsdecls("w")}/>'))  # repeated on every page
    for row in table.rows:
        row._tr.get_or_add_trPr().append(parse_xml(f'<w:cantSplit {nsdecls("w")}/>'))


def build_party_template(output: Path = DEFAULT_OUTPUT) -> Path:
    document = new_document()
    document.core_properties.title = "党委汇总报告模板"
    write_text(document)
    return save_template(document, output)


if __name__ == "__main__":
    path = build_party_template(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_OUTPUT)
    print(f"已生成模板：{path}")
