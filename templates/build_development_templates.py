"""Build the Word templates of the 发展党员 papers: the 公示, the 纪实表 and the 汇总表.

Run ``python templates/build_development_templates.py``. Page setup, styles, tables and the 落款
are build_dues_templates.py's (and through it build_template.py's), imported, so the papers share
the dues 公示's 公文 layout; dangjian/documents/dues_notice.py fits the columns to the page after rendering.
The context: docs/development-context.md.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from build_dues_templates import build, closing, table, tag_row  # noqa: E402
from build_template import add, control  # noqa: E402

NOTICE_OUTPUT = HERE / "发展党员公示模板.docx"
RECORD_OUTPUT = HERE / "发展党员工作纪实表模板.docx"
SUMMARY_OUTPUT = HERE / "发展对象和预备党员汇总表模板.docx"

PERSON_HEADERS = ["姓名", "性别", "出生年月", "民族", "学历", "工作单位及职务"]
DATE_COLUMNS = ("{%tc for h in headers %}", "{{ h }}", "{%tc endfor %}")

# ---------------------------------------------------------------------------
# The 公示

NOTICE_OPENING = (
    "经{{ branch }}委员会研究，{{ name }}同志{{ subject }}。根据发展党员工作有关规定，现将有关情况公示如下："
)
NOTICE_TABLE = [
    [*PERSON_HEADERS, *DATE_COLUMNS],
    ["{{ row.name }}", "{{ row.gender }}", "{{ row.birth }}", "{{ row.ethnicity }}", "{{ row.education }}",
     "{{ row.workplace }}", "{%tc for d in row.dates %}", "{{ d }}", "{%tc endfor %}"],
]
NOTICE_SPONSORS = "入党介绍人：{{ sponsors }}。"
NOTICE_PERIOD = (
    "公示期{% if notice_from %}为{{ notice_from }}至{{ notice_to }}{% else %}不少于{{ min_days }}天{% endif %}。"
    "公示期间，党员和群众对{{ name }}同志如有意见，可通过来信、来电、来访等方式向{{ branch }}"
    "{% if superior %}或{{ superior }}{% endif %}反映。反映问题应实事求是，提倡署真实姓名。"
    "{% if branch_phone or superior_phone %}联系电话："
    "{% if branch_phone %}{{ branch_phone }}（党支部）{% endif %}{% if branch_phone and superior_phone %}，{% endif %}"
    "{% if superior_phone %}{{ superior_phone }}（上级党委）{% endif %}。{% endif %}"
)


def write_notice(document) -> None:
    add(document, "{{ title|title_lines }}", "Title")
    add(document, NOTICE_OPENING)
    table(document, NOTICE_TABLE)
    control(document, "if sponsors")
    add(document, NOTICE_SPONSORS)
    control(document, "endif")
    add(document, NOTICE_PERIOD)
    closing(document)


# ---------------------------------------------------------------------------
# The 纪实表

RECORD_PERSON = [
    PERSON_HEADERS,
    ["{{ person.name }}", "{{ person.gender }}", "{{ person.birth }}", "{{ person.ethnicity }}",
     "{{ person.education }}", "{{ person.workplace }}"],
]
RECORD_STATE = (
    "培养联系人：{{ mentors or '未填写' }}；入党介绍人：{{ sponsors or '未填写' }}。"
    "截至{{ as_of }}，{{ person.name }}同志为{{ stage }}{% if next %}，下一步为{{ next }}{% endif %}。"
    "{% if missed %}未在期限内完成：{{ missed|join('、') }}。{% endif %}"
)
RECORD_STEPS = [
    ["序号", "步骤", "日期", "时间要求和依据说明"],
    tag_row("for s in steps", 4),
    ["{{ s.number }}", "{{ s.name }}", "{{ s.date }}", "{% if s.window %}{{ s.window }}。{% endif %}依据：{{ s.basis }}"],
    tag_row("endfor", 4),
]


def write_record(document) -> None:
    add(document, "{{ title|title_lines }}", "Title")
    table(document, RECORD_PERSON)
    add(document, RECORD_STATE)
    table(document, RECORD_STEPS, left_columns=(1, 3))
    add(document, "注：{{ short_rules }}即{{ rules }}；日期未填写的步骤尚未进行。", "表格说明")
    closing(document)


# ---------------------------------------------------------------------------
# The 汇总表

SUMMARY_OPENING = "{{ branch }}{{ period }}的发展对象和预备党员共{{ rows|length }}名，情况如下："
SUMMARY_TABLE = [
    [*PERSON_HEADERS, *DATE_COLUMNS, "阶段"],
    tag_row("for r in rows", 10),
    ["{{ r.name }}", "{{ r.gender }}", "{{ r.birth }}", "{{ r.ethnicity }}", "{{ r.education }}", "{{ r.workplace }}",
     "{%tc for d in r.dates %}", "{{ d }}", "{%tc endfor %}", "{{ r.stage }}"],
    tag_row("endfor", 10),
]


def write_summary(document) -> None:
    add(document, "{{ title|title_lines }}", "Title")
    add(document, SUMMARY_OPENING)
    table(document, SUMMARY_TABLE)
    closing(document)


def build_templates(notice: Path = NOTICE_OUTPUT, record: Path = RECORD_OUTPUT,
                    summary: Path = SUMMARY_OUTPUT) -> tuple[Path, Path, Path]:
    return (build(write_notice, "发展党员公示模板", Path(notice)),
            build(write_record, "发展党员工作纪实表模板", Path(record)),
            build(write_summary, "发展对象和预备党员汇总表模板", Path(summary)))


if __name__ == "__main__":
    for path in build_templates():
        print(f"已生成模板：{path}")
