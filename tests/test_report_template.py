"""The default Word template and its rendering: real files, read back with python-docx."""

from __future__ import annotations

import copy
import importlib.util
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # the package is used from the checkout, not installed
    sys.path.insert(0, str(ROOT))

from dangjian.documents.context import worded  # noqa: E402
from dangjian.documents.report import (  # noqa: E402
    ForbiddenExpressionError,
    Numbering,
    TemplateError,
    TemplateFileError,
    TemplateSyntaxError,
    UnknownVariableError,
    chinese_number,
    render_report,
    template_variables,
)


def _load_builder():
    spec = importlib.util.spec_from_file_location("build_template", ROOT / "templates" / "build_template.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


builder = _load_builder()

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

MEETING_TOPIC = "学习贯彻习近平新时代中国特色社会主义思想主题教育工作推进会"

# The seed report's facts, as context.report_facts hands them over; `worded` adds the sentences.
SEED_CONTEXT = {
    "title": "XX县XX中心2023年下半年党支部工作情况",
    "unit": "XX县XX中心",
    "branch": "XX县XX中心党支部",
    "superior": "",
    "secretary": "李明",
    "year": 2023,
    "period_label": "下半年",
    "period_name": "2023年下半年",
    "central_task": "保障全县就业创业形势持续稳定",
    "written_date": "2023年12月25日",
    # The seed's own leadership line, as a secretary types it in 基本信息 (开头领导语).
    "leadership": "在县委、县政府的正确领导下，在上级党委、党组织的有力指导下",
    "plans_intro": "",
    "membership": None,  # the seed report has no 党员队伍基本情况
    "key_meetings": [{
        "date": "10月9日", "topic": MEETING_TOPIC, "event": MEETING_TOPIC, "type": "党员大会",
        "verb": "召开", "holder": "XX县XX中心", "attendees": "全体党员干部", "speaker": "",
        "host": "王集欣", "host_title": "XX中心主任",
        "all_present": True, "expected": 18, "present": 18,
        "paragraphs": [
            "会上，中心主任王集欣宣读了《XX县委关于深入开展学习贯彻习近平新时代中国特色社会主义思想主题教育的工作方案》。",
            "会上，XX中心领导班子成员和环节干部围绕专题学习内容，结合本职工作进行了发言。",
            "会议强调，全体党员干部要以学铸魂、以学增智、以学正风、以学促干。",
        ],
    }],
    "ideology": {"committee": 3, "study": 3},
    "development": {"year": 2023, "applicants": 8, "talked": 0, "activists": 0,
                    "candidates": 0, "probationary": 0, "full": 0},
    "life": {"all_met": True, "some_met": True, "items": [
        {"name": "党员大会", "frequency": "每季度", "verb": "召开", "minimum": 1, "owed": 2, "held": 2, "met": True, "missing": ""},
        {"name": "支部委员会", "frequency": "每月", "verb": "召开", "minimum": 1, "owed": 6, "held": 6, "met": True, "missing": ""},
        {"name": "党小组会", "frequency": "每月", "verb": "召开", "minimum": 1, "owed": 6, "held": 6, "met": True, "missing": ""},
        {"name": "学习会议", "frequency": "每周五", "verb": "召开", "minimum": 1, "owed": 24, "held": 24, "met": True, "missing": ""},
    ]},
    "dues": {"year": 2023, "all_paid": True, "on_time": True, "whole_year": True, "as_of": "2023年12月31日", "members": 18,
             "due": "2345.60", "paid": "2345.60", "outstanding_total": "0.00", "outstanding": []},
    "disclosure": {"count": 6, "carriers": "党务公开平台", "items": []},
    "activities": [{"date": "6月29日", "type": "主题党日", "name": "“感党恩、听党话、跟党走”主题党日活动",
                    "event": "开展了“感党恩、听党话、跟党走”主题党日活动",
                    "partner": "XX镇南XX社区", "summary": ""}],
    "partners": ["XX镇南XX社区"],
    "position": "XX中心五楼小会议室",
    "work_plan": "已制定2023年XX县XX中心党建工作要点",
    "system_usage": "正常登录及使用维护",
    "election": {"date": "2023年8月18日", "meeting_type": "支委会", "committee": True, "roles": [
        {"name": "李明", "duties": "党支部书记"},
        {"name": "赵敏", "duties": "宣传委员"},
        {"name": "孙强", "duties": "组织委员、纪检委员"},
    ]},
    "problems": [
        {"title": "党建工作方法上缺乏创新。", "content": "党建基础工作仍不够扎实。"},
        {"title": "党建活动形式不够丰富。", "content": "活动内容单一，缺乏创新。"},
        {"title": "党员作用发挥有待加强。", "content": "先锋模范作用不明显。"},
    ],
    "plans": [
        {"title": "强化党的政治建设。", "content": "坚持把党的政治建设摆在首位。"},
        {"title": "强化纪律作风建设。", "content": "驰而不息纠正“四风”问题。"},
        {"title": "强化支部自身建设。", "content": "做好新党员的培养和发展工作。"},
    ],
}

PART_ONE_HEADINGS = [
    "（一）召开" + MEETING_TOPIC,
    "（二）意识形态工作开展情况",
    "（三）发展党员工作情况",
    "（四）三会一课制度落实情况",
    "（五）党费收缴制度落实情况",
    "（六）党务公开制度落实情况",
    "（七）“双报告、双服务、双报到”志愿服务活动开展情况",
    "（八）党建阵地建设开展情况",
    "（九）2023年党建工作安排",
    "（十）党统系统使用情况",
    "（十一）党组织换届选举情况",
]


# ---------------------------------------------------------------------------
# helpers


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    return builder.build_template(tmp_path_factory.mktemp("template") / "工作报告模板.docx")


def render(template: Path, tmp_path: Path, context: dict | None = None, name: str = "报告.docx"):
    output = tmp_path / name
    render_report(worded(SEED_CONTEXT if context is None else context), template=template, output=output)
    return docx.Document(output)


def texts(document) -> list[str]:
    return [p.text for p in document.paragraphs]


def by_style(document, style: str) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == style]


def paragraph_after(document, heading_start: str) -> str:
    paragraphs = document.paragraphs
    for i, p in enumerate(paragraphs):
        if p.text.startswith(heading_start):
            return paragraphs[i + 1].text
    raise AssertionError(f"no heading {heading_start!r}")


def context_with(**changes) -> dict:
    context = copy.deepcopy(SEED_CONTEXT)
    context.update(changes)
    return context


def custom_template(tmp_path: Path, *lines: str) -> Path:
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    path = tmp_path / "自编模板.docx"
    document.save(path)
    return path


# ---------------------------------------------------------------------------
# the seed report


def test_seed_report_text(template, tmp_path):
    document = render(template, tmp_path)
    body = texts(document)
    assert body[0] == "XX县XX中心2023年下半年\n党支部工作情况"  # broken by dangjian/documents/title.py
    assert document.paragraphs[0].style.name == "Title"
    assert body[1].startswith("今年以来，在县委、县政府的正确领导下，在上级党委、党组织的有力指导下，XX县XX中心党支部立足实际，")
    assert "以保障全县就业创业形势持续稳定为主要目标，以提高党员干部素质为根本" in body[1]
    assert body[1].endswith("现将下半年党建工作简要报告如下：")
    assert paragraph_after(document, "（一）召开") == (
        f"10月9日，XX县XX中心召开{MEETING_TOPIC}。XX中心主任王集欣主持会议，全体党员干部参加会议。")
    meeting_start = body.index("（一）召开" + MEETING_TOPIC)
    assert body[meeting_start + 2:meeting_start + 5] == SEED_CONTEXT["key_meetings"][0]["paragraphs"]
    assert paragraph_after(document, "（二）意识形态").endswith(
        "下半年，支部委员会召开支委会专题研究部署意识形态领域工作3次，开展干部职工意识形态专题学习会议3次。")
    assert "工作群、工作群" not in paragraph_after(document, "（二）意识形态")
    assert paragraph_after(document, "（三）发展党员") == "2023年XX县XX中心8名入党申请人申请入党。"
    assert paragraph_after(document, "（四）三会一课") == (
        "三会一课制度落实有效，每季度召开一次党员大会，每月召开一次支部委员会，每月召开一次党小组会，"
        "每周五召开一次学习会议，党员干部能够积极参加并深入学习做好工作。")
    assert paragraph_after(document, "（五）党费").endswith("做到有据可查、有迹可循，2023年党费已全部收齐。")
    # Issue 12: not "按时公开应当公开的" (公开 twice).
    assert paragraph_after(document, "（六）党务公开").startswith("以党务公开平台为载体，按时发布应当公开的党务信息，下半年共公开党务信息6次")
    assert paragraph_after(document, "（七）") == (
        "与XX镇南XX社区包联结对共建，6月29日，开展了“感党恩、听党话、跟党走”主题党日活动。"
        "将“双报告、双服务、双报到”志愿服务活动做好、做真、做实。")
    assert paragraph_after(document, "（八）") == "XX中心五楼小会议室作为党建阵地，召开党会，学习文件内容，传达上级党委要求。"
    assert paragraph_after(document, "（九）") == "已制定2023年XX县XX中心党建工作要点。按工作要点安排党建工作。"
    assert paragraph_after(document, "（十）") == "正常登录及使用维护。"
    assert paragraph_after(document, "（十一）") == (
        "2023年8月18日，我支部召开了支委会，会议就选举党支部书记、支部委员分工的相关事宜进行了投票讨论。"
        "会议决定，选举李明同志为党支部书记，赵敏同志为宣传委员，孙强同志为组织委员、纪检委员。")
    assert body[-2:] == ["XX县XX中心党支部", "2023年12月25日"]
    assert [p.style.name for p in document.paragraphs[-2:]] == ["落款", "成文日期"]
    assert body[-3] == ""  # 正文下空一行
    assert not any("{{" in t or "{%" in t for t in body)


def test_headings_are_numbered_in_order(template, tmp_path):
    document = render(template, tmp_path)
    assert by_style(document, "Heading 1") == ["一、党支部工作开展落实情况", "二、存在的问题", "三、下步工作打算"]
    assert by_style(document, "Heading 2") == PART_ONE_HEADINGS
    body = texts(document)
    problems = body[body.index("二、存在的问题") + 1:body.index("三、下步工作打算")]
    assert problems == [
        "（一）党建工作方法上缺乏创新。党建基础工作仍不够扎实。",
        "（二）党建活动形式不够丰富。活动内容单一，缺乏创新。",
        "（三）党员作用发挥有待加强。先锋模范作用不明显。",
    ]
    plans_start = body.index("三、下步工作打算")
    assert body[plans_start + 1].startswith("下一步，我支部将以习近平新时代中国特色社会主义思想为指导")
    assert [t[:3] for t in body[plans_start + 2:plans_start + 5]] == ["（一）", "（二）", "（三）"]


def test_problem_items_have_a_run_in_heading_like_part_one(template, tmp_path):
    document = render(template, tmp_path)
    item = next(p for p in document.paragraphs if p.text.startswith("（一）党建工作方法"))
    lead = [r for r in item.runs if r.style.name == "段首标题"]
    plain = [r for r in item.runs if r.style.name != "段首标题"]
    assert "".join(r.text for r in lead) == "（一）党建工作方法上缺乏创新。"
    assert "".join(r.text for r in plain) == "党建基础工作仍不够扎实。"
    # Issue 12: the run-in （一） of parts 二、三 looks like the （一） headings of part 一: 楷体, regular.
    lead_in, heading = document.styles["段首标题"], document.styles["Heading 2"]
    assert lead_in.font.bold is False and heading.font.bold is False
    assert _fonts(lead_in)["eastAsia"] == _fonts(heading)["eastAsia"] == "楷体_GB2312"


def test_missing_parts_disappear_and_numbers_close_up(template, tmp_path):
    document = render(template, tmp_path, context_with(ideology=None, election=None, problems=[]))
    assert by_style(document, "Heading 1") == ["一、党支部工作开展落实情况", "二、下步工作打算"]
    assert by_style(document, "Heading 2") == [
        "（一）召开" + MEETING_TOPIC,
        "（二）发展党员工作情况",
        "（三）三会一课制度落实情况",
        "（四）党费收缴制度落实情况",
        "（五）党务公开制度落实情况",
        "（六）“双报告、双服务、双报到”志愿服务活动开展情况",
        "（七）党建阵地建设开展情况",
        "（八）2023年党建工作安排",
        "（九）党统系统使用情况",
    ]
    body = texts(document)
    assert not any("意识形态" in t or "换届" in t or "存在的问题" in t for t in body)
    # Plans restart their own numbering after the level-1 heading.
    assert body[body.index("二、下步工作打算") + 2].startswith("（一）强化党的政治建设。")


def test_empty_lists_and_strings_leave_parts_out(template, tmp_path):
    document = render(template, tmp_path, context_with(
        key_meetings=[], activities=[], partners=[], position="", work_plan="", system_usage="",
        disclosure=None, plans=[]))
    assert by_style(document, "Heading 1") == ["一、党支部工作开展落实情况", "二、存在的问题"]
    assert by_style(document, "Heading 2") == [
        "（一）意识形态工作开展情况", "（二）发展党员工作情况", "（三）三会一课制度落实情况",
        "（四）党费收缴制度落实情况", "（五）党组织换届选举情况"]


def test_empty_central_task_drops_its_clause(template, tmp_path):
    opening = texts(render(template, tmp_path, context_with(central_task="")))[1]
    assert "为主要目标" not in opening
    assert "以规范党内政治生活为重点，以提高党员干部素质为根本，" in opening


def test_leadership_line_is_the_secretarys_or_names_the_superior(template, tmp_path):
    # Issue 12: the line is a 基本信息 item (开头领导语); left blank, it names the superior, or says
    # 上级党组织 — never the fixed "在县委、县政府的正确领导下，在上级党委、党组织的有力指导下".
    named = texts(render(template, tmp_path, context_with(leadership="", superior="中共XX县委XX工委")))[1]
    assert named.startswith("今年以来，在中共XX县委XX工委的坚强领导下，XX县XX中心党支部立足实际，")
    blank = texts(render(template, tmp_path, context_with(leadership="", superior="")))[1]
    assert blank.startswith("今年以来，在上级党组织的坚强领导下，XX县XX中心党支部立足实际，")
    own = texts(render(template, tmp_path, context_with(leadership="在市委市政府的正确领导下。")))[1]
    assert own.startswith("今年以来，在市委市政府的正确领导下，XX县XX中心党支部立足实际，")
    for opening in (named, blank, own):
        assert "县委、县政府" not in opening and "上级党委、党组织" not in opening


def test_partial_attendance_is_stated(template, tmp_path):
    meeting = dict(SEED_CONTEXT["key_meetings"][0], all_present=False, expected=18, present=16)
    document = render(template, tmp_path, context_with(key_meetings=[meeting]))
    assert paragraph_after(document, "（一）召开").endswith("XX中心主任王集欣主持会议，应到18人，实到16人。")


def test_development_lists_later_stages(template, tmp_path):
    development = dict(SEED_CONTEXT["development"], talked=8, activists=3, candidates=1, probationary=1)
    document = render(template, tmp_path, context_with(development=development))
    assert paragraph_after(document, "（三）发展党员") == (
        "2023年XX县XX中心8名入党申请人申请入党，党支部与8名入党申请人进行了谈话，"
        "确定入党积极分子3名，确定发展对象1名，接收预备党员1名。")


def test_life_shortfall_is_said_plainly(template, tmp_path):
    life = {"all_met": False, "some_met": True, "items": [
        {"name": "党员大会", "frequency": "每季度", "verb": "召开", "minimum": 1, "owed": 2, "held": 2, "met": True, "missing": ""},
        {"name": "支部委员会", "frequency": "每月", "verb": "召开", "minimum": 1, "owed": 6, "held": 4, "met": False, "missing": "8月、11月"},
        {"name": "党课", "frequency": "每季度", "verb": "讲授", "minimum": 1, "owed": 2, "held": 1, "met": False, "missing": "第三季度"},
    ]}
    document = render(template, tmp_path, context_with(life=life))
    assert paragraph_after(document, "（四）三会一课") == (
        "三会一课制度总体落实，每季度召开一次党员大会，但仍有差距：支部委员会每月应召开一次，下半年共召开4次，8月、11月未召开；"
        "党课每季度应讲授一次，下半年共讲授1次，第三季度未讲授。")


def test_outstanding_dues_are_listed(template, tmp_path):
    dues = dict(SEED_CONTEXT["dues"], all_paid=False, paid="2338.40", outstanding_total="7.20",
                outstanding=[{"name": "张三", "months": "3月至8月", "amount": "6.00"},
                             {"name": "李四", "months": "12月", "amount": "1.20"}])
    text = paragraph_after(render(template, tmp_path, context_with(dues=dues)), "（五）党费")
    assert "已全部收齐" not in text
    assert ("截至2023年12月31日，2023年应交党费2345.60元，已交2338.40元，尚有7.20元未交："
            "张三同志3月至8月党费6.00元；李四同志12月党费1.20元。") in text


def test_values_are_printed_literally(template, tmp_path):
    nasty = "A<&>\"'B{{ title }}{% if x %}"
    meeting = dict(SEED_CONTEXT["key_meetings"][0], paragraphs=[nasty, "第二段\n换行"])
    document = render(template, tmp_path, context_with(title=nasty, key_meetings=[meeting]))
    body = texts(document)
    assert body[0] == nasty
    assert nasty in body
    assert "第二段\n换行" in body  # a line break inside a cell becomes a Word line break


# ---------------------------------------------------------------------------
# errors


def test_sandbox_refuses_python_internals(tmp_path):
    path = custom_template(tmp_path, "{{ ''.__class__.__mro__ }}")
    output = tmp_path / "out.docx"
    with pytest.raises(ForbiddenExpressionError) as caught:
        render_report(SEED_CONTEXT, template=path, output=output)
    assert isinstance(caught.value, TemplateError)
    assert "模板中含有不允许的表达式" in str(caught.value)
    assert not output.exists()


def test_misspelt_variable_is_named(tmp_path):
    path = custom_template(tmp_path, "{{ titel }}")
    with pytest.raises(UnknownVariableError) as caught:
        render_report(SEED_CONTEXT, template=path, output=tmp_path / "out.docx")
    assert caught.value.name == "titel"
    assert "“titel”不存在" in str(caught.value)


def test_misspelt_key_of_a_part_is_named(tmp_path):
    path = custom_template(tmp_path, "{{ dues.yaer }}")
    with pytest.raises(UnknownVariableError) as caught:
        render_report(SEED_CONTEXT, template=path, output=tmp_path / "out.docx")
    assert "“yaer”不存在" in str(caught.value)


def test_syntax_error_shows_nearby_text(tmp_path):
    path = custom_template(tmp_path, "第一段", "党费情况{% if dues %}已收齐", "第三段")
    with pytest.raises(TemplateSyntaxError) as caught:
        render_report(SEED_CONTEXT, template=path, output=tmp_path / "out.docx")
    message = str(caught.value)
    assert message.startswith("模板标记写法有误：“{% if %}”缺少与之配对的“{% endif %}”")
    assert "党费情况" in message
    with pytest.raises(TemplateSyntaxError, match="党费情况"):
        template_variables(path)


def test_unknown_filter_is_a_syntax_error(tmp_path):
    path = custom_template(tmp_path, "{{ title|nofilter }}")
    with pytest.raises(TemplateSyntaxError, match="没有名为“nofilter”的过滤器"):
        template_variables(path)


def test_failed_render_keeps_the_previous_report(tmp_path):
    path = custom_template(tmp_path, "{{ titel }}")
    output = tmp_path / "报告.docx"
    output.write_bytes(b"previous report")
    with pytest.raises(UnknownVariableError):
        render_report(SEED_CONTEXT, template=path, output=output)
    assert output.read_bytes() == b"previous report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["报告.docx", "自编模板.docx"]


def test_missing_or_broken_template_file(tmp_path):
    with pytest.raises(TemplateFileError, match="找不到报告模板文件"):
        render_report(SEED_CONTEXT, template=tmp_path / "无.docx", output=tmp_path / "out.docx")
    broken = tmp_path / "坏.docx"
    broken.write_bytes(b"not a zip")
    with pytest.raises(TemplateFileError, match="不是Word文档"):
        render_report(SEED_CONTEXT, template=broken, output=tmp_path / "out.docx")


def test_damaged_document_xml_is_a_template_file_error(tmp_path):
    source = custom_template(tmp_path, "{{ title }}")
    damaged = tmp_path / "损坏.docx"
    with zipfile.ZipFile(source) as package, zipfile.ZipFile(damaged, "w") as out:
        for item in package.infolist():
            data = package.read(item.filename)
            out.writestr(item, data[:200] if item.filename == "word/document.xml" else data)
    with pytest.raises(TemplateFileError, match="“.*损坏.docx”不是Word文档"):
        render_report(SEED_CONTEXT, template=damaged, output=tmp_path / "out.docx")


@pytest.mark.parametrize("expression, reason", [
    ('{{ year + "年" }}', "文字和数字不能直接相加"),
    ('{{ "第" + year }}', "文字和数字不能直接相加"),
    ("{{ year / 0 }}", "除数为零"),
    ("{{ range(title) }}", "类型不符合"),
    ('{{ "{:d}".format(title) }}', "值不符合"),
])
def test_failing_expression_is_explained_in_chinese_with_its_text(tmp_path, expression, reason):
    path = custom_template(tmp_path, "第一段", f"报告年度：{expression}。", "第三段")
    output = tmp_path / "out.docx"
    with pytest.raises(TemplateError) as caught:
        render_report(SEED_CONTEXT, template=path, output=output)
    message = str(caught.value)
    assert reason in message
    assert f"报告年度：{expression}" in message  # the paragraph holding the expression, as the secretary wrote it
    assert "第一段" not in message and not re.search(r"[A-Za-z]{5,}", message.replace(expression, ""))
    assert not output.exists()


def test_document_properties_without_a_tag_are_not_compiled_and_a_tagged_one_is_rendered(template, tmp_path, monkeypatch):
    from jinja2 import Environment

    from dangjian.documents.report import _environment

    edited = tmp_path / "带属性标记的模板.docx"
    document = docx.Document(template)
    document.core_properties.subject = "{{ branch }}工作情况"
    document.core_properties.comments = "第一行\n第二行\n"
    document.save(edited)
    properties = render(edited, tmp_path).core_properties
    assert properties.subject == "XX县XX中心党支部工作情况"
    assert properties.comments == "第一行\n第二行"  # Jinja's own rendering: the last line break dropped
    assert (properties.language, properties.identifier) == ("zh-CN", "")
    assert properties.title == "XX县XX中心2023年下半年党支部工作情况"

    compiled: list[str] = []
    compile_source = Environment.compile

    def compile(self, source, *args, **kwargs):
        compiled.append(source)
        return compile_source(self, source, *args, **kwargs)

    monkeypatch.setattr(Environment, "compile", compile)
    plain = ["", "zh-CN", "党支部工作情况报告模板", "a }} b %} #} <&> ％｝"]
    rendered = [_environment().from_string(text).render({"branch": "某党支部"}) for text in plain]
    assert compiled == []
    assert rendered == plain
    assert _environment().from_string("{{ branch }}").render({"branch": "某党支部"}) == "某党支部"
    assert compiled == ["{{ branch }}"]


def test_render_replaces_an_existing_report(template, tmp_path):
    output = tmp_path / "报告.docx"
    output.write_bytes(b"old")
    render_report(worded(SEED_CONTEXT), template=template, output=output)
    assert docx.Document(output).paragraphs[0].text == "XX县XX中心2023年下半年\n党支部工作情况"
    assert [p.name for p in tmp_path.iterdir()] == ["报告.docx"]


def test_template_variables_are_contract_keys(template):
    # The default template places the worded fields; the facts they are worded from stay in the
    # context for a template that words them itself.
    facts_only = {"period_name", "secretary", "unit", "superior", "central_task", "activities", "partners"}
    assert template_variables(template) == set(worded(SEED_CONTEXT)) - facts_only


# ---------------------------------------------------------------------------
# numbering helpers


@pytest.mark.parametrize("n, text", [(1, "一"), (9, "九"), (10, "十"), (11, "十一"), (20, "二十"),
                                     (21, "二十一"), (99, "九十九")])
def test_chinese_number(n, text):
    assert chinese_number(n) == text


def test_numbering_restarts_level_two():
    numbering = Numbering()
    assert [numbering.h1(), numbering.h2(), numbering.h2(), numbering.h1(), numbering.h2()] == [
        "一、", "（一）", "（二）", "二、", "（一）"]


# ---------------------------------------------------------------------------
# format (GB/T 9704-2012)


def test_build_is_reproducible(template, tmp_path):
    again = builder.build_template(tmp_path / "again.docx")
    assert again.read_bytes() == template.read_bytes()


def test_no_shipped_template_carries_word_2010s_styles_with_effects():
    """A part Word 2013+ neither needs nor writes; each report would inflate and deflate its 438 KB."""
    import zipfile

    for path in sorted((ROOT / "templates").glob("*.docx")):
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            assert "word/stylesWithEffects.xml" not in names, path.name
            assert b"stylesWithEffects" not in archive.read("word/_rels/document.xml.rels"), path.name
            assert b"stylesWithEffects" not in archive.read("[Content_Types].xml"), path.name


def test_every_tag_sits_in_one_run(template):
    document = docx.Document(template)
    tag = re.compile(r"{{.*?}}|{%.*?%}")
    for paragraph in document.paragraphs:
        whole = tag.findall(paragraph.text)
        in_runs = [t for run in paragraph.runs for t in tag.findall(run.text)]
        assert whole == in_runs, paragraph.text


def test_page_is_a4_with_gbt_margins(template, tmp_path):
    for document in (docx.Document(template), render(template, tmp_path)):
        section = document.sections[0]
        assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
        assert [round(section.top_margin.mm, 1), round(section.bottom_margin.mm, 1),
                round(section.left_margin.mm, 1), round(section.right_margin.mm, 1)] == [37, 35, 28, 26]


def _fonts(style) -> dict:
    fonts = style.element.find(f"{W}rPr/{W}rFonts")
    return {k.split("}")[1]: v for k, v in fonts.attrib.items()}


@pytest.mark.parametrize("style, font", [
    ("Normal", "仿宋_GB2312"), ("Title", "方正小标宋简体"), ("Heading 1", "黑体"),
    ("Heading 2", "楷体_GB2312"), ("Heading 3", "仿宋_GB2312"), ("段首标题", "楷体_GB2312"),
    ("footer", "宋体"),
])
def test_styles_set_east_asian_fonts(template, style, font):
    document = docx.Document(template)
    assert _fonts(document.styles[style])["eastAsia"] == font


def test_no_theme_fonts_and_chinese_defaults(template):
    document = docx.Document(template)
    styles_xml = document.styles.element
    for fonts in styles_xml.iter(f"{W}rFonts"):
        assert not [k for k in fonts.attrib if k.endswith("Theme") or k.endswith("theme")]
    defaults = styles_xml.find(f"{W}docDefaults")
    assert defaults.find(f"{W}pPrDefault/{W}pPr/{W}spacing").get(qn("w:after")) == "0"
    assert defaults.find(f"{W}rPrDefault/{W}rPr/{W}rFonts").get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert defaults.find(f"{W}rPrDefault/{W}rPr/{W}lang").get(qn("w:eastAsia")) == "zh-CN"
    assert document.settings.element.find(f"{W}themeFontLang").get(qn("w:eastAsia")) == "zh-CN"
    assert styles_xml.find(f".//{W}color") is None  # no blue headings left
    assert document.core_properties.author == ""


def test_body_style(template):
    normal = docx.Document(template).styles["Normal"].element
    assert normal.find(f"{W}rPr/{W}sz").get(qn("w:val")) == "32"
    spacing = normal.find(f"{W}pPr/{W}spacing")
    assert (spacing.get(qn("w:line")), spacing.get(qn("w:lineRule")), spacing.get(qn("w:after"))) == (
        "579", "exact", "0")
    indent = normal.find(f"{W}pPr/{W}ind")
    assert (indent.get(qn("w:firstLineChars")), indent.get(qn("w:firstLine"))) == ("200", "640")
    assert normal.find(f"{W}rPr/{W}spacing").get(qn("w:val")) == "-5"
    title = docx.Document(template).styles["Title"]
    assert title.element.find(f"{W}rPr/{W}sz").get(qn("w:val")) == "44"
    assert title.paragraph_format.alignment == 1  # centre


@pytest.mark.parametrize("style, level", [("Heading 1", "0"), ("Heading 2", "1"), ("Heading 3", "2")])
def test_heading_outline_levels(template, style, level):
    element = docx.Document(template).styles[style].element
    assert element.find(f"{W}pPr/{W}outlineLvl").get(qn("w:val")) == level


def test_signature_and_date_are_right_aligned(template):
    styles = docx.Document(template).styles
    assert styles["落款"].paragraph_format.alignment == 2
    assert styles["成文日期"].paragraph_format.alignment == 2


def test_the_closing_is_laid_out_beside_a_style_without_a_type(template, tmp_path):
    # Word opens a template whose styles part holds a w:style without w:type; the layout reads past it.
    edited = tmp_path / "样式缺类型的模板.docx"
    document = docx.Document(template)
    typeless = copy.deepcopy(document.styles["落款"].element)
    del typeless.attrib[qn("w:type")]
    typeless.set(qn("w:styleId"), "NoType")
    typeless.find(qn("w:name")).set(qn("w:val"), "无类型")
    document.styles.element.append(typeless)
    document.save(edited)
    closing = [p for p in render(edited, tmp_path).paragraphs if p.style.name in ("落款", "成文日期")]
    assert [p.style.name for p in closing] == ["落款", "成文日期"]
    assert all(p._p.find(f"{W}pPr/{W}ind").get(qn("w:rightChars")) for p in closing)


def _footer_parts(footer):
    paragraph = footer.paragraphs[0]
    instructions = [t.text.strip() for t in paragraph._p.iter(qn("w:instrText"))]
    return paragraph.text, instructions, paragraph.alignment


def test_footers_have_page_fields(template, tmp_path):
    for document in (docx.Document(template), render(template, tmp_path)):
        assert document.settings.odd_and_even_pages_header_footer
        section = document.sections[0]
        assert _footer_parts(section.footer) == ("— 1 —", ["PAGE"], 2)  # odd: right
        assert _footer_parts(section.even_page_footer) == ("— 1 —", ["PAGE"], 0)  # even: left
        odd_indent = section.footer.paragraphs[0]._p.find(f"{W}pPr/{W}ind")
        assert odd_indent.get(qn("w:rightChars")) == "100"


def test_template_ships_with_the_project():
    shipped = ROOT / "templates" / "工作报告模板.docx"
    assert shipped.is_file()
    with zipfile.ZipFile(shipped) as archive:
        assert "word/document.xml" in archive.namelist()


# ---------------------------------------------------------------------------
# a real layout check, where LibreOffice is installed


@pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdfinfo") and shutil.which("pdftotext")),
                    reason="LibreOffice / poppler not installed")
def test_pdf_layout(template, tmp_path):
    render(template, tmp_path, name="report.docx")
    env = {"FONTCONFIG_FILE": str(ROOT / "fonts" / "fonts.conf"), "HOME": str(tmp_path),
           "PATH": "/usr/bin:/bin"}
    subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo-profile",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(tmp_path / "report.docx")],
        check=True, capture_output=True, timeout=120, env=env)
    pdf = tmp_path / "report.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "(A4)" in info
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert 3 <= pages <= 6
    first = subprocess.run(["pdftotext", "-f", "1", "-l", "1", "-layout", str(pdf), "-"],
                           capture_output=True, text=True, check=True).stdout
    assert "党支部工作开展落实情况" in first
    assert re.search(r"—\s*1\s*—", first)
    second = subprocess.run(["pdftotext", "-f", "2", "-l", "2", "-layout", str(pdf), "-"],
                            capture_output=True, text=True, check=True).stdout
    assert re.search(r"—\s*2\s*—", second)


def test_unknown_attendance_is_not_printed(template, tmp_path):
    meeting = dict(SEED_CONTEXT["key_meetings"][0], all_present=False, expected=None, present=None)
    text = paragraph_after(render(template, tmp_path, context_with(key_meetings=[meeting])), "（一）召开")
    assert text.endswith("XX中心主任王集欣主持会议。")
    assert "None" not in text


def test_election_without_roles_ends_its_sentence(template, tmp_path):
    election = dict(SEED_CONTEXT["election"], roles=[])
    text = paragraph_after(render(template, tmp_path, context_with(election=election)), "（十一）党组织换届选举情况")
    assert text.endswith("进行了投票讨论。")


def test_dues_before_the_year_end_say_as_of_when(template, tmp_path):
    dues = dict(SEED_CONTEXT["dues"], whole_year=False, on_time=False, as_of="2023年6月30日")
    text = paragraph_after(render(template, tmp_path, context_with(dues=dues)), "（五）党费")
    assert "截至2023年6月30日，2023年应交党费已全部收齐。" in text
    assert "准时" not in text


# ---------------------------------------------------------------------------
# a template edited in Word


def _split_run(run, at: str, *, proof_error: bool = False):
    """Split `run` before `at` and make the second part bold, as Word does when part of a run is bolded.

    With `proof_error`, a spelling mark sits between the two, as Word puts one inside ``{{ period_label }}``.
    """
    head, tail = run.text.split(at, 1)
    second = copy.deepcopy(run._r)
    run.text = head
    run._r.addnext(second)
    bold = docx.text.run.Run(second, run._parent)
    bold.text = at + tail
    bold.bold = True
    if proof_error:
        mark = run._r.makeelement(qn("w:proofErr"), {qn("w:type"): "spellStart"})
        run._r.addnext(mark)
    return bold


def _edited_in_word(template: Path, tmp_path: Path) -> Path:
    document = docx.Document(template)
    paragraphs = document.paragraphs
    # 1. A sentence reworded, beside a tag.
    position = next(p for p in paragraphs if "作为党建阵地" in p.text)
    run = next(r for r in position.runs if "召开党会" in r.text)
    run.text = run.text.replace("召开党会，学习文件内容，传达上级党委要求", "开展组织生活，传达学习上级精神")
    # 2. Runs split by bold: in fixed text, and through a tag.
    opening = paragraphs[1]
    _split_run(next(r for r in opening.runs if "立足实际" in r.text), "立足实际")
    _split_run(next(r for r in opening.runs if r.text == "{{ period_label }}"), "label }}", proof_error=True)
    # 3. A section deleted: its lines selected from “{%p if ideology %}” to its “{%p endif %}”.
    start = next(i for i, p in enumerate(paragraphs) if p.text == "{%p if ideology %}")
    end = next(i for i, p in enumerate(paragraphs) if i > start and p.text == "{%p endif %}")
    for paragraph in paragraphs[start:end + 1]:
        paragraph._p.getparent().remove(paragraph._p)
    # 4. Only the visible lines of another section deleted, its tags left behind.
    for paragraph in [p for p in document.paragraphs if "党统系统使用情况" in p.text or p.text == "{{ system_usage|sentence }}"]:
        paragraph._p.getparent().remove(paragraph._p)
    edited = tmp_path / "改过的模板.docx"
    document.save(edited)
    return edited


def test_a_template_edited_in_word_still_renders(template, tmp_path):
    document = render(_edited_in_word(template, tmp_path), tmp_path)
    body = texts(document)
    assert "XX中心五楼小会议室作为党建阵地，开展组织生活，传达学习上级精神。" in body
    assert body[1] == texts(render(template, tmp_path, name="原样.docx"))[1]  # the opening reads as before
    assert "现将下半年党建工作简要报告如下：" in body[1]
    bold = [r.text for r in document.paragraphs[1].runs if r.bold]
    assert bold and bold[0].startswith("立足实际")
    assert by_style(document, "Heading 2") == [
        "（一）召开" + MEETING_TOPIC, "（二）发展党员工作情况", "（三）三会一课制度落实情况", "（四）党费收缴制度落实情况",
        "（五）党务公开制度落实情况", "（六）“双报告、双服务、双报到”志愿服务活动开展情况", "（七）党建阵地建设开展情况",
        "（八）2023年党建工作安排", "（九）党组织换届选举情况"]
    assert not any("意识形态" in t or "正常登录" in t or "{" in t for t in body)


def test_data_driven_sentences_are_one_tag_each(template):
    # Every tag in the default template is a single name (a loop or a condition aside): the words
    # around the data are the template's, the data's sentences are context.py's.
    document = docx.Document(template)
    per_paragraph = [re.findall(r"{{.*?}}|{%.*?%}", p.text) for p in document.paragraphs]
    tags = [t for found in per_paragraph for t in found]
    printing = [t for t in tags if t.startswith("{{")]
    assert all(re.fullmatch(r"{{ [\w.]+(\(\))?(\|\w+)? }}", t) for t in printing), printing
    # Conditions and loops only as whole paragraphs ({%p %}), never inside a sentence.
    assert not [t for t in tags if t.startswith("{%") and not t.startswith("{%p ")]
    assert max(len(found) for found in per_paragraph) <= 4  # the opening: leadership, branch, goal, period


def test_template_warnings_still_name_full_width_braces(tmp_path):
    from dangjian.documents.report import template_warnings

    template = shutil.copy(ROOT / "templates" / "工作报告模板.docx", tmp_path / "t.docx")
    assert template_warnings(template) == []
    document = docx.Document(template)
    document.add_paragraph("｛｛ branch ｝｝")
    document.save(template)
    warnings = template_warnings(template)
    assert len(warnings) == 1 and "全角括号“｛｛”" in warnings[0]


# ---- the shipped templates, compiled ahead of time (dangjian/documents/compiled) -------------

def test_compiled_templates_are_current(tmp_path):
    """The modules in documents/compiled are exactly what templates/compile_templates.py writes now:
    after changing a template, report.py or Jinja, run it (a stale module is never used, only slower)."""
    from dangjian.documents.report import write_compiled

    shipped = ROOT / "dangjian" / "documents" / "compiled"
    written = write_compiled(sorted((ROOT / "templates").glob("*.docx")), tmp_path)
    assert sorted(p.name for p in written) == sorted(p.name for p in shipped.glob("t_*.py")), \
        "请运行 python templates/compile_templates.py"
    for module in written:
        assert module.read_text(encoding="utf-8") == (shipped / module.name).read_text(encoding="utf-8")


def test_shipped_template_renders_without_compiling(tmp_path, monkeypatch):
    """The sample's report takes every part's code from documents/compiled: Jinja generates none."""
    import jinja2

    def refused(*args, **kwargs):
        raise AssertionError("Jinja compiled a shipped template's part")

    context = worded(SEED_CONTEXT)
    monkeypatch.setattr(jinja2.Environment, "_generate", refused)
    out = render_report(context, template=ROOT / "templates" / "工作报告模板.docx", output=tmp_path / "r.docx")
    assert "党支部" in "\n".join(p.text for p in docx.Document(out).paragraphs)


def test_other_text_is_compiled_as_ever():
    """The stored code is Jinja's own; a text one character away from a shipped part (a secretary's edit) has none."""
    import jinja2

    from dangjian.documents.report import _precompiled, compiled_sources

    from dangjian.documents.report import _environment

    body = compiled_sources(ROOT / "templates" / "工作报告模板.docx")[0]
    code = _precompiled(body)
    env = _environment()
    assert code == env._compile(jinja2.Environment.compile(env, body, raw=True), "<template>")  # Jinja's, lines and all
    assert _precompiled(body.replace("{{", "{{ ", 1)) is None


def test_without_the_compiled_folder_templates_are_compiled_as_ever(monkeypatch, tmp_path):
    from dangjian.documents import report

    monkeypatch.setattr(report, "_COMPILED", "no_such_folder")
    body = report.compiled_sources(ROOT / "templates" / "工作报告模板.docx")[0]
    assert report._precompiled(body) is None
    render(ROOT / "templates" / "工作报告模板.docx", tmp_path)  # renders, compiling every part


def test_failure_in_a_compiled_template_names_its_paragraph(tmp_path, monkeypatch):
    """Errors in stored code are located as in freshly compiled code (the code is named "<template>")."""
    import jinja2

    def refused(*args, **kwargs):
        raise AssertionError("Jinja compiled a shipped template's part")

    monkeypatch.setattr(jinja2.Environment, "_generate", refused)
    context = worded(SEED_CONTEXT)
    context["goal"] = object()  # would print as a repr: refused, naming the paragraph
    with pytest.raises(TemplateError) as caught:
        render_report(context, template=ROOT / "templates" / "工作报告模板.docx", output=tmp_path / "r.docx")
    assert "出错的段落：“今年以来，{{ leadership }}" in str(caught.value)
