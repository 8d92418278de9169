"""Build the Word template of the year's 组织生活计划 (dangjian plan).

Run ``python templates/build_plan_template.py``. The page setup and styles (GB/T 9704-2012) are
build_template.py's and the bordered table build_dues_templates.py's, so the four templates share
one 版式: a title, an opening, the month table 月份 / 内容 / 形式 / 责任人 / 时间 (one row per item,
``{%tr for %}``), the requirements as numbered paragraphs, and the closing. Every sentence built
from data arrives worded by dangjian/documents/plan.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from build_dues_templates import add_table_styles, closing, table, tag_row  # noqa: E402
from build_template import add, control, new_document, save_template  # noqa: E402

OUTPUT = HERE / "组织生活计划模板.docx"

# Column widths in twips (the 版心 is 156 mm = 8844 twips): the 内容 column takes what is left.
WIDTHS = (760, 2900, 1450, 1834, 1900)

PLAN_TABLE = [
    ["月份", "内容", "形式", "责任人", "时间"],
    tag_row("for r in rows", 5),
    ["{{ r.month }}", "{{ r.what }}", "{{ r.form }}", "{{ r.who }}", "{{ r.when }}"],
    tag_row("endfor", 5),
]


def write_plan(document) -> None:
    add(document, "{{ title|title_lines }}", "Title")
    add(document, "{{ opening }}")
    add(document, "{{ h1() }}月度安排", "Heading 1")
    grid = table(document, PLAN_TABLE, left_columns=(1,))
    _set_widths(grid)
    add(document, "{{ h1() }}工作要求", "Heading 1")
    control(document, "for text in requirements")
    add(document, "{{ text }}", lead="{{ h2() }}")
    control(document, "endfor")
    closing(document)


def _set_widths(grid) -> None:
    for column, width in zip(grid._tbl.tblGrid.findall(qn("w:gridCol")), WIDTHS):
        column.set(qn("w:w"), str(width))
    for row in grid.rows:
        for cell, width in zip(row.cells, WIDTHS):
            cell._tc.get_or_add_tcPr().insert(0, parse_xml(f'<w:tcW {nsdecls("w")} w:w="{width}" w:type="dxa"/>'))
    width = grid._tbl.tblPr.find(qn("w:tblW"))
    if width is not None:
        width.set(qn("w:w"), str(sum(WIDTHS)))
        width.set(qn("w:type"), "dxa")


def build_plan_template(output: Path = OUTPUT) -> Path:
    document = new_document()
    document.core_properties.title = "组织生活计划模板"
    add_table_styles(document)
    write_plan(document)
    return save_template(document, output)


if __name__ == "__main__":
    print(f"已生成模板：{build_plan_template()}")
