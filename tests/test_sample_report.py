"""End to end: the sample workbook's report states the seed's facts; edits to the workbook change it."""
from __future__ import annotations

import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import docx
import pytest

from conftest import ROOT, SAMPLE, row_named


def run_report(workbook: Path, output: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "dangjian", "report", str(workbook), "-o", str(output), *extra],
                          cwd=ROOT, capture_output=True, text=True)


def paragraphs(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs if p.text.strip()]


@pytest.fixture(scope="module")
def sample_report(tmp_path_factory) -> list[str]:
    output = tmp_path_factory.mktemp("report") / "报告.docx"
    result = run_report(SAMPLE, output)
    assert result.returncode == 0, result.stderr
    return paragraphs(output)


def section(lines: list[str], heading: str) -> str:
    """The text from the heading containing `heading` up to the next heading."""
    start = next(i for i, line in enumerate(lines) if heading in line and re.match(r"^[（一二三四五六七八九十]", line))
    body = []
    for line in lines[start + 1:]:
        if re.match(r"^(（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、)", line):
            break
        body.append(line)
    return "\n".join(body)


def test_title_and_opening(sample_report):
    assert sample_report[0] == "XX县XX中心2023年下半年\n党支部工作情况"  # broken by dangjian/documents/title.py
    assert "以保障全县就业创业形势持续稳定为主要目标" in sample_report[1]
    assert "现将下半年党建工作简要报告如下：" in sample_report[1]


def test_key_meeting_with_its_host_and_full_attendance(sample_report):
    assert "（一）召开学习贯彻习近平新时代中国特色社会主义思想主题教育工作推进会" in sample_report
    text = section(sample_report, "主题教育工作推进会")
    assert "10月9日，XX县XX中心召开学习贯彻习近平新时代中国特色社会主义思想主题教育工作推进会。" in text
    assert "XX中心主任王集欣主持会议，全体党员干部参加会议。" in text
    assert "会议强调" in text


def test_ideology_development_dues_and_election_facts(sample_report):
    assert "研究部署意识形态领域工作3次" in section(sample_report, "意识形态工作")
    assert "意识形态专题学习会议3次" in section(sample_report, "意识形态工作")
    assert "2023年XX县XX中心8名入党申请人申请入党" in section(sample_report, "发展党员工作")
    assert "2023年党费已全部收齐" in section(sample_report, "党费收缴")
    election = section(sample_report, "换届选举")
    assert election.startswith("2023年8月18日")
    for sentence in ("王集欣同志为党支部书记", "李文博同志为宣传委员", "张慧敏同志为组织委员、纪检委员"):
        assert sentence in election


def test_activity_disclosure_and_narrative(sample_report):
    assert "与XX镇南XX社区包联结对共建，6月29日，开展了“感党恩、听党话、跟党走”主题党日活动" in "\n".join(sample_report)
    assert "以党务公开平台为载体" in section(sample_report, "党务公开")
    assert "（一）党建工作方法上缺乏创新。" in "\n".join(sample_report)
    assert "（三）强化支部自身建设。" in "\n".join(sample_report)


def test_the_branchs_own_words_come_from_the_workbook(sample_report):
    # 基本信息: 开头领导语 and 下步打算总述 hold the seed's text (the superior named, the 以 its clause needs).
    assert sample_report[1].startswith("今年以来，在县委、县政府的正确领导下，在中共XX县委XX工委的有力指导下，XX县XX中心党支部立足实际，")
    plans = sample_report[sample_report.index("三、下步工作打算") + 1]
    assert plans.startswith("下一年，我中心支部以习近平新时代中国特色社会主义思想为指导，"
                            "以认真贯彻落实习近平总书记在考察XX时的重要讲话精神为重要目标，以党的政治建设为统领，")
    assert "按时发布应当公开的党务信息" in section(sample_report, "党务公开") and "公开应当公开" not in "\n".join(sample_report)


def test_numbering_is_complete_and_in_order(sample_report):
    level1 = [line[:2] for line in sample_report if re.match(r"^[一二三四五六七八九十]、", line)]
    assert level1 == ["一、", "二、", "三、"]
    part_one = sample_report[sample_report.index("一、党支部工作开展落实情况") + 1: sample_report.index("二、存在的问题")]
    numbers = [re.match(r"^（([一二三四五六七八九十]+)）", line).group(1) for line in part_one if line.startswith("（")]
    assert numbers == ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一"]


def test_signature_and_date_close_the_report(sample_report):
    assert sample_report[-2:] == ["XX县XX中心党支部", "2023年12月25日"]


def test_no_personal_data_in_the_report(sample_report, sample_source):
    text = "\n".join(sample_report)
    _, rows = sample_source
    for member in rows["党员名册"]:
        assert str(member["身份证号"]) not in text
        assert str(member["联系电话"]) not in text


def test_one_unpaid_month_is_said_with_who_and_how_much(make_workbook, tmp_path):
    def unpay(settings, rows):
        row_named(rows["党费收缴"], "李文博")["9月"] = None

    output = tmp_path / "欠缴.docx"
    result = run_report(make_workbook(unpay), output, "--force")
    assert result.returncode == 0, result.stderr
    dues = section(paragraphs(output), "党费收缴")
    assert "已全部收齐" not in dues
    assert "李文博" in dues and "9月" in dues and "98.15" in dues


def test_without_an_election_the_part_is_gone_and_numbering_closes_up(make_workbook, tmp_path):
    def no_election(settings, rows):
        for meeting in rows["会议记录"]:
            meeting["专题"] = "、".join(t for t in str(meeting.get("专题") or "").split("、") if t != "换届选举") or None

    output = tmp_path / "无换届.docx"
    result = run_report(make_workbook(no_election), output, "--force")
    assert result.returncode == 0, result.stderr
    lines = paragraphs(output)
    assert not any("换届选举情况" in line or "同志为党支部书记" in line for line in lines)
    assert "（十）党统系统使用情况" in lines
    assert not any(line.startswith("（十一）") for line in lines)


def test_without_key_meetings_numbering_starts_at_the_ideology_part(make_workbook, tmp_path):
    def no_key_meeting(settings, rows):
        for meeting in rows["会议记录"]:
            meeting["写入报告"] = "否"

    output = tmp_path / "无重点会议.docx"
    assert run_report(make_workbook(no_key_meeting), output, "--force").returncode == 0
    lines = paragraphs(output)
    assert "（一）意识形态工作开展情况" in lines
    assert not any("主题教育工作推进会" in line for line in lines)


def test_default_output_sits_next_to_the_workbook(tmp_path):
    workbook = tmp_path / "我的台账.xlsx"
    workbook.write_bytes(SAMPLE.read_bytes())
    result = subprocess.run([sys.executable, "-m", "dangjian", "report", str(workbook)], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    expected = tmp_path / "XX县XX中心党支部2023年下半年工作情况报告.docx"
    assert expected.exists()
    assert str(expected) in result.stdout


def test_report_stops_on_errors_and_says_where(make_workbook, tmp_path):
    def bad_date(settings, rows):
        rows["会议记录"][2]["日期"] = "2023年13月1日"

    output = tmp_path / "不应生成.docx"
    result = run_report(make_workbook(bad_date), output)
    assert result.returncode == 1
    assert "会议记录!B4" in result.stderr
    assert not output.exists()


def test_unreadable_input_exits_2_without_traceback(tmp_path):
    fake = tmp_path / "假的.xlsx"
    fake.write_text("这不是Excel文件", encoding="utf-8")
    result = run_report(fake, tmp_path / "x.docx")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "不是Excel工作簿" in result.stderr


def test_template_asks_only_for_what_the_facts_provide():
    from dangjian.api import DEFAULT_TEMPLATE, check_workbook
    from dangjian.documents.context import report_context
    from dangjian.documents.report import template_variables

    checked = check_workbook(SAMPLE)
    context = report_context(checked.ledger, checked.figures)
    assert template_variables(DEFAULT_TEMPLATE) <= set(context)


def test_custom_period_judges_dues_only_to_its_last_due_month(make_workbook, tmp_path):
    def spring_summer(settings, rows):
        settings.update({"报告期间": "自定义", "起始日期": date(2023, 3, 1), "结束日期": date(2023, 8, 31),
                         "中心工作": "保障全县就业创业形势持续稳定。", "党建阵地": "XX中心五楼小会议室。"})
        row_named(rows["党费收缴"], "李文博")["5月"] = None

    output = tmp_path / "自定义.docx"
    assert run_report(make_workbook(spring_summer), output, "--force").returncode == 0
    lines = paragraphs(output)
    assert lines[0] == "XX县XX中心2023年3月至8月\n党支部工作情况"
    dues = section(lines, "党费收缴")
    assert "已全部收齐" not in dues and "李文博同志5月党费98.15元" in dues
    text = "\n".join(lines)
    assert "以保障全县就业创业形势持续稳定为主要目标" in text
    assert "XX中心五楼小会议室作为党建阵地" in text


def test_meetings_and_activities_read_as_sentences(make_workbook, tmp_path):
    def narrate_more(settings, rows):
        lecture = next(m for m in rows["会议记录"] if m["会议类型"] == "党课" and m["日期"] >= date(2023, 7, 1))
        lecture.update({"写入报告": "是", "会议主题": "以学铸魂、以学增智"})
        committee = next(m for m in rows["会议记录"] if m["会议类型"] == "支委会" and m["日期"] >= date(2023, 9, 1))
        committee.update({"写入报告": "是", "会议主题": "学习党的十九届六中全会决议"})
        rows["活动记录"].append({"日期": date(2023, 9, 19), "活动类型": "结对共建", "活动名称": "与XX镇南XX社区开展结对共建座谈",
                              "共建单位": "XX镇南XX社区", "写入报告": "是"})

    output = tmp_path / "更多.docx"
    assert run_report(make_workbook(narrate_more), output, "--force").returncode == 0
    text = "\n".join(paragraphs(output))
    assert "讲授专题党课“以学铸魂、以学增智”" in text
    assert "召开支委会，学习党的十九届六中全会决议" in text
    assert "XX县XX中心党支部召开支委会" in text and "全体支部委员参加会议" in text
    assert "9月19日，与XX镇南XX社区开展结对共建座谈" in text
    assert "开展了与" not in text and "召开召开" not in text


# ---------------------------------------------------------------------------
# The report's words (dangjian/documents/context.py) on variants of the sample, laid out in memory


def context_of(make_grids, edit=None) -> dict:
    from dangjian.api import check_grids
    from dangjian.documents.context import report_context

    checked = check_grids(make_grids(edit))
    return report_context(checked.ledger, checked.figures)


def _setting(**values):
    def edit(settings, rows):
        settings.update(values)

    return edit


def test_sample_development_says_approvals_and_current_activists(make_grids):
    text = context_of(make_grids)["development"]["text"]
    assert text == ("2023年XX县XX中心8名入党申请人申请入党，党支部与8名入党申请人进行了谈话，确定入党积极分子3名，"
                    "确定发展对象1名，接收预备党员2名，上级党委审批同意2名。截至2023年12月31日，共有入党积极分子4名。")


def test_third_quarter_keeps_to_its_period(make_grids):
    context = context_of(make_grids, _setting(报告期间="第三季度"))
    # The 6月29日 activity is a 上半年 one: a 第三季度 report neither narrates nor counts it.
    assert context["activities"] == [] and context["partners"] == [] and context["service"] == ""
    assert context["development"]["text"] == (
        "第三季度，XX县XX中心3名入党申请人申请入党，党支部与3名入党申请人进行了谈话，确定入党积极分子1名。"
        "截至2023年9月30日，共有入党积极分子4名。")
    assert all(m["date"].startswith(("7月", "8月", "9月")) for m in context["key_meetings"])
    assert context["disclosure"]["text"].count("第三季度共公开党务信息") == 1


def test_second_half_also_narrates_the_years_earlier_activities(make_grids):
    # As the workbook's 使用说明 says (and the seed's 下半年 report does).
    assert context_of(make_grids)["service"] == "与XX镇南XX社区包联结对共建，6月29日，开展了“感党恩、听党话、跟党走”主题党日活动。"
    first_half = context_of(make_grids, _setting(报告期间="上半年"))
    assert [a["date"] for a in first_half["activities"]] == ["6月29日"]


def test_third_quarter_report_has_no_earlier_dates(make_workbook, tmp_path):
    output = tmp_path / "第三季度.docx"
    workbook = make_workbook(_setting(报告期间="第三季度", 成文日期=date(2023, 10, 10)))
    assert run_report(workbook, output).returncode == 0
    lines = paragraphs(output)
    assert lines[-1] == "2023年10月10日"
    text = "\n".join(lines[:-1])
    assert "6月29日" not in text and "包联结对共建" not in text
    dates = re.findall(r"(?<!\d)(\d{1,2})月(\d{1,2})日", text)
    assert ("8", "18") in dates  # the election
    assert all(7 <= int(month) <= 9 for month, _ in dates), dates


def test_title_ending_is_a_choice(make_grids):
    assert context_of(make_grids)["title"] == "XX县XX中心2023年下半年党支部工作情况"
    assert context_of(make_grids, _setting(报告标题结尾="情况报告"))["title"] == "XX县XX中心2023年下半年党支部工作情况报告"


def test_leadership_line_and_plans_opening(make_grids):
    sample = context_of(make_grids)
    assert sample["leadership"] == "在县委、县政府的正确领导下，在中共XX县委XX工委的有力指导下"
    assert sample["plans_intro"].startswith(
        "下一年，我中心支部以习近平新时代中国特色社会主义思想为指导，以认真贯彻落实习近平总书记在考察XX时的重要讲话精神为重要目标，")
    blank = context_of(make_grids, _setting(开头领导语=None, 上级党组织=None, 下步打算总述=None))
    assert blank["leadership"] == "在上级党组织的坚强领导下"
    assert blank["plans_intro"].startswith("下一步，我支部将以习近平新时代中国特色社会主义思想为指导")
    named = context_of(make_grids, _setting(开头领导语=None))
    assert named["leadership"] == "在中共XX县委XX工委的坚强领导下"


def _key_meeting_topic(topic: str, **more):
    def edit(settings, rows):
        meeting = next(m for m in rows["会议记录"] if m["日期"] == date(2023, 10, 9))
        meeting.update({"会议主题": topic, **more})

    return edit


@pytest.mark.parametrize("topic, heading", [
    ("开展党纪学习教育动员部署", "召开党员大会，开展党纪学习教育动员部署"),  # its own verb kept
    ("党纪学习教育动员部署", "召开党员大会，党纪学习教育动员部署"),
    ("召开党纪学习教育动员部署会", "召开党纪学习教育动员部署会"),  # not 召开召开
    ("开展专题学习会", "召开专题学习会"),  # what follows names a meeting
])
def test_a_topic_keeps_the_verb_it_starts_with(make_grids, topic, heading):
    meeting = context_of(make_grids, _key_meeting_topic(topic))["key_meetings"][0]
    assert meeting["heading"] == heading
    assert meeting["opening"].startswith(f"10月9日，XX县XX中心{heading}。")


def _lecture(speaker):
    def edit(settings, rows):
        lecture = next(m for m in rows["会议记录"] if m["会议类型"] == "党课" and m["日期"] >= date(2023, 7, 1))
        lecture.update({"写入报告": "是", "会议主题": "以学铸魂、以学增智", "主讲人": speaker})

    return edit


def test_a_lecture_is_given_by_its_speaker_or_an_invited_organisation(make_grids):
    by_member = next(m for m in context_of(make_grids, _lecture("李文博"))["key_meetings"] if m["type"] == "党课")
    assert "，李文博同志讲授专题党课“以学铸魂、以学增智”。" in by_member["opening"]
    by_school = next(m for m in context_of(make_grids, _lecture("县委党校"))["key_meetings"] if m["type"] == "党课")
    assert "，XX县XX中心党支部邀请县委党校讲授专题党课“以学铸魂、以学增智”。" in by_school["opening"]
    by_bureau = next(m for m in context_of(make_grids, _lecture("某县农业农村局"))["key_meetings"] if m["type"] == "党课")
    assert "邀请某县农业农村局讲授" in by_bureau["opening"]
    for meeting in (by_member, by_school, by_bureau):
        assert "XX县XX中心讲授" not in meeting["opening"] and "局同志" not in meeting["opening"]
        assert "党校同志" not in meeting["opening"]


def _pays_quarterly(*names: str, unpaid: str | None = None):
    def edit(settings, rows):
        for name in names:
            row = row_named(rows["党费收缴"], name)
            row["交纳方式"] = "按季"  # quarterly with the branch's consent (第十二条)
            for quarter_end in (3, 6, 9, 12):
                for month in (quarter_end - 2, quarter_end - 1):
                    row[f"{month}月"] = None
                row[f"{quarter_end}月"] = row["月应交"] * 3
        if unpaid:
            row_named(rows["党费收缴"], unpaid)["9月"] = None

    return edit


def test_dues_say_how_they_are_paid(make_grids):
    # The sample's 吴海涛 pays by the quarter (交纳方式 按季).
    assert context_of(make_grids)["dues"]["practice"] == "党员能够按月或按季度准时交纳党费"
    one = context_of(make_grids, _pays_quarterly("李文博"))["dues"]
    assert one["all_paid"] and one["practice"] == "党员能够按月或按季度准时交纳党费"
    behind = context_of(make_grids, _pays_quarterly("李文博", unpaid="王集欣"))["dues"]
    assert behind["practice"] == "党支部按月收缴党费，其中2名党员按季度交纳"
    assert "王集欣同志9月党费" in behind["result"]
