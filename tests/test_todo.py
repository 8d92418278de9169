"""工作提醒 (todo): the obligations a careful reading of the rules gives on a day, from the records as they stood.

The expected lists were worked out by hand from ../shared/spec/rules.md and the sample's rows,
not from the program: the sample branch (a 机关 branch of 20 members in two 党小组, a committee
of three, weekly study on Fridays, everything of 2023 recorded) is read on four days. A record
dated after the day has not happened yet; the default window is six weeks.
"""
from __future__ import annotations

import json
from datetime import date

import pytest
from openpyxl import load_workbook

from dangjian.api import TodoDateError, todo_workbook
from dangjian.cli import main
from dangjian.figures.obligations import fixed_day, working_day_from
from dangjian.read.records import read_ledger
from dangjian.documents.todo import todo_list

from conftest import SAMPLE, row_named
from rules_helpers import cell

MEETINGS = "会议记录!B2:B96"
THEME_DAYS = "活动记录!B2:B17"
POSTINGS = "党务公开!C2:C10"


def listed(grids, day: str, weeks: int = 6) -> list[tuple[str, str, str, str]]:
    ledger, _ = read_ledger(grids)
    todo = todo_list(ledger, day=date.fromisoformat(day), weeks=weeks)
    return [(item.status, item.due.isoformat(), item.code, item.address) for item in todo.items]


def study(*days: str) -> list[tuple[str, str, str, str]]:
    return [("due", day, "life-weekly-study", MEETINGS) for day in days]


def test_march_20(sample_grids):
    # Q1: 党员大会 held 3月14日 (not listed); 党课 comes 3月28日 and the 主题党日 3月30日, after the day.
    # 党小组会 of both groups on 3月20日 itself count. 曹宇航 applied 3月8日: a talk within one month
    # (细则第七条) is due 4月8日; 韩雪 was talked to on 3月9日 and must not appear. April's monthly
    # meetings fall in the six weeks; the first quarter's 党费 is posted within 30 days of its end.
    assert listed(sample_grids, "2023-03-20") == [
        *study("2023-03-24"),
        ("due", "2023-03-31", "life-lecture", MEETINGS),
        ("due", "2023-03-31", "life-theme-day", THEME_DAYS),
        *study("2023-03-31", "2023-04-07"),
        ("due", "2023-04-08", "dev-talk-late", cell("发展党员", "谈话日期", 6)),
        *study("2023-04-14", "2023-04-21", "2023-04-28"),
        ("due", "2023-04-30", "life-committee-meeting", MEETINGS),
        ("due", "2023-04-30", "life-group-meeting", MEETINGS),
        ("due", "2023-04-30", "life-group-meeting", MEETINGS),
        ("due", "2023-04-30", "life-theme-day", THEME_DAYS),
        ("due", "2023-04-30", "dues-not-posted", POSTINGS),
    ]


def test_june_20(sample_grids):
    # 端午节 (6月22日–24日) takes the study of 6月23日. 李思雨's admission was approved on 6月20日 itself:
    # the approval due by 8月23日 is done and must not appear; 党员大会 (5月23日) and June's 支委会 and
    # 党小组会 are held.
    assert listed(sample_grids, "2023-06-20") == [
        ("due", "2023-06-30", "life-lecture", MEETINGS),
        ("due", "2023-06-30", "life-theme-day", THEME_DAYS),
        *study("2023-06-30", "2023-07-07", "2023-07-14", "2023-07-21", "2023-07-28"),
        ("due", "2023-07-30", "dues-not-posted", POSTINGS),
        ("due", "2023-07-31", "life-committee-meeting", MEETINGS),
        ("due", "2023-07-31", "life-group-meeting", MEETINGS),
        ("due", "2023-07-31", "life-group-meeting", MEETINGS),
        ("due", "2023-07-31", "life-theme-day", THEME_DAYS),
    ]


def test_september_25(sample_grids):
    # 中秋、国庆 (9月29日–10月6日) take two Fridays' study. 邓子豪 applied 9月11日 and is talked to on
    # 9月26日, after the day; 蒋欣怡's talk (9月7日) is done.
    assert listed(sample_grids, "2023-09-25") == [
        ("due", "2023-09-30", "life-lecture", MEETINGS),
        ("due", "2023-09-30", "life-theme-day", THEME_DAYS),
        ("due", "2023-10-11", "dev-talk-late", cell("发展党员", "谈话日期", 11)),
        *study("2023-10-13", "2023-10-20", "2023-10-27"),
        ("due", "2023-10-30", "dues-not-posted", POSTINGS),
        ("due", "2023-10-31", "life-committee-meeting", MEETINGS),
        ("due", "2023-10-31", "life-group-meeting", MEETINGS),
        ("due", "2023-10-31", "life-group-meeting", MEETINGS),
        ("due", "2023-10-31", "life-theme-day", THEME_DAYS),
        *study("2023-11-03"),
    ]


def test_december_10(sample_grids):
    # The year-end items: 组织生活会 and 民主评议党员 (held 12月19日、20日, after the day) and the year's
    # 党费 report to the 党员大会. December's 支委会 (12月5日) and the fourth quarter's 党员大会 and 党课 are
    # held. 何佳怡 was admitted on 11月21日 and the superior committee approves within three months
    # (by 2024年2月21日): beyond the six weeks, but pending since her admission (approved 12月12日, after the day).
    assert listed(sample_grids, "2023-12-10") == [
        *study("2023-12-15", "2023-12-22", "2023-12-29"),
        ("due", "2023-12-31", "life-group-meeting", MEETINGS),
        ("due", "2023-12-31", "life-group-meeting", MEETINGS),
        ("due", "2023-12-31", "life-theme-day", THEME_DAYS),
        ("due", "2023-12-31", "life-organisation-meeting", MEETINGS),
        ("due", "2023-12-31", "life-member-review", MEETINGS),
        ("due", "2023-12-31", "dues-report", "会议记录!E2:E96"),
        ("due", "2024-02-21", "dev-approval-late", cell("发展党员", "上级党委审批日期", 3)),
    ]


def test_overdue_meetings_and_dues(make_grids):
    # No 支委会 in February, and 陈建国 paid nothing from January to May: on 6月10日 the meeting is
    # overdue, and his five months unpaid make June the sixth (中组发〔2008〕3号 第十三条).
    def edit(settings, rows):
        rows["会议记录"][:] = [m for m in rows["会议记录"] if not (m["会议类型"] == "支委会" and m["日期"].month == 2)]
        dues = row_named(rows["党费收缴"], "陈建国")
        for month in range(1, 6):
            dues[f"{month}月"] = None
        dues = row_named(rows["党费收缴"], "黄晓丽")
        dues["4月"] = None

    items = listed(make_grids(edit), "2023-06-10", weeks=3)
    assert ("overdue", "2023-02-28", "life-committee-meeting", "会议记录!B2:B95") in items
    assert ("overdue", "2023-04-30", "dues-underpaid", cell("党费收缴", "4月", 13)) in items
    streak = [i for i in items if i[2] == "dues-streak"]
    assert streak == [("due", "2023-06-30", "dues-streak", cell("党费收缴", "5月", 5))]
    assert [i for i in items if i[0] == "overdue"] == sorted(i for i in items if i[0] == "overdue")


def test_probation_end_listed_once(make_grids):
    # 高婷婷's 预备期 was extended to 2024年6月27日; moved back to 2023年7月1日 it ends in the window.
    # She is on the roll, so the roll's cell is named and the 发展党员 sheet adds nothing.
    def edit(settings, rows):
        row_named(rows["党员名册"], "高婷婷")["预备期延长至"] = date(2023, 7, 1)

    items = listed(make_grids(edit), "2023-06-20")
    probation = [i for i in items if "probation" in i[2]]
    assert probation == [("due", "2023-07-01", "probationary-overdue", cell("党员名册", "转正日期", 18))]


def test_theme_day_on_its_fixed_day(make_grids):
    def edit(settings, rows):
        settings["主题党日固定日"] = "每月第一个星期五"

    items = listed(make_grids(edit), "2023-09-25")
    # 10月6日 (the first Friday) is in the 国庆 holiday: the next working day is 10月7日 (a 调休 Saturday).
    assert ("due", "2023-10-07", "life-theme-day", THEME_DAYS) in items
    # September's fixed day (9月1日) has passed and it is held only on 9月28日; August's was held.
    assert [i for i in items if i[2] == "life-theme-day" and i[0] == "overdue"] == [
        ("overdue", "2023-09-01", "life-theme-day", THEME_DAYS)]


@pytest.mark.parametrize("text, month, expected", [
    ("每月第一个星期五", 9, date(2023, 9, 1)),
    ("每月最后一个星期四", 11, date(2023, 11, 30)),
    ("每月第2个周三", 2, date(2023, 2, 8)),
    ("每月10日", 6, date(2023, 6, 10)),
    ("每月31日", 2, date(2023, 2, 28)),
])
def test_fixed_day(text, month, expected):
    assert fixed_day(text, 2023, month) == expected


def test_working_day_skips_holidays():
    assert working_day_from(date(2024, 10, 1)) == date(2024, 10, 8)
    assert working_day_from(date(2024, 9, 29)) == date(2024, 9, 29)  # a 调休 Sunday is a working day


def test_date_outside_the_year_is_said_without_an_option_the_window_cannot_pass(tmp_path):
    with pytest.raises(TodoDateError, match="2023年") as raised:
        todo_workbook(SAMPLE, day=date(2024, 3, 1))
    assert "--date" not in str(raised.value) and "请使用2024年的台账" in str(raised.value)


def test_cli_names_its_date_option_when_the_date_is_outside_the_year(capsys):
    assert main(["todo", str(SAMPLE), "--date", "2024-03-01"]) == 2
    said = capsys.readouterr().err
    assert "请使用2024年的台账，或用 --date 指定2023年内的日期。" in said and "Traceback" not in said


@pytest.mark.process
def test_cli_json_and_worksheet(tmp_path, capsys):
    out = tmp_path / "工作提醒.xlsx"
    assert main(["todo", str(SAMPLE), "--date", "2023-06-20", "--weeks", "2", "--format", "json", "-o", str(out)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["date"] == "2023-06-20"
    assert [tuple(item) for item in data["items"]][0] == ("due", "status", "code", "text", "basis", "sheet", "cell")
    assert [(i["due"], i["code"], i["text"]) for i in data["items"]] == [
        ("2023-06-30", "life-lecture", "第二季度讲党课"),
        ("2023-06-30", "life-theme-day", "6月开展主题党日"),
        ("2023-06-30", "life-weekly-study", "6月30日周五集中学习"),
    ]
    sheet = load_workbook(out).active
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    assert rows[0] == ["期限", "状态", "事项", "依据", "工作表", "单元格"]
    assert [r[:3] for r in rows[1:]] == [["2023-06-30", "即将到期", item["text"]] for item in data["items"]]
    link = sheet.cell(3, 6).hyperlink  # the 单元格 opens the workbook at the records
    assert link.location == "'会议记录'!B2" and link.target == SAMPLE.resolve().as_uri()  # another folder: absolute
    assert main(["todo", str(SAMPLE), "--date", "2024-01-05"]) == 2
    assert "不在台账的报告年度" in capsys.readouterr().err


def test_unreadable_fixed_day_is_said_at_its_cell_and_not_guessed(make_grids):
    from dangjian.api import check_grids

    def edit(settings, rows):
        settings["主题党日固定日"] = "每月月初"

    grids = make_grids(edit)
    found = [(f.code, f.sheet) for f in check_grids(grids).report.findings if "主题党日固定日" in f.message]
    assert found == [("bad-value", "规则设置")]
    assert ("due", "2023-09-30", "life-theme-day", THEME_DAYS) in listed(grids, "2023-09-25")


def test_a_broken_structure_is_said_before_any_reminder(sample_grids, tmp_path):
    from dangjian.api import StructureProblems, todo_grids

    grids = {name: grid for name, grid in sample_grids.items() if name != "党员名册"}
    with pytest.raises(StructureProblems, match="党员名册"):
        todo_grids(grids, workbook=tmp_path / "台账.xlsx", day=date(2023, 6, 20))


def test_term_end_is_prepared_from_six_months_before(make_grids):
    # A committee elected on 2020年9月15日 (a 机关 branch: 3 years) ends its term on 2023年9月15日: the
    # request to the superior committee is due a month before, and both show from 3月15日 on.
    def edit(settings, rows):
        rows["会议记录"][:] = [m for m in rows["会议记录"] if "换届选举" not in (m.get("专题") or "")]
        for member in rows["支委会成员"]:
            member["当选日期"] = date(2020, 9, 15)

    grids = make_grids(edit)
    term = [i for i in listed(grids, "2023-03-20") if i[2].startswith("committee-term")]
    assert term == [("due", "2023-08-15", "committee-term-request", cell("支委会成员", "当选日期", 2)),
                    ("due", "2023-09-15", "committee-term-ending", cell("支委会成员", "当选日期", 2))]
    assert [i for i in listed(grids, "2023-03-10") if i[2].startswith("committee-term")] == []
    assert ("overdue", "2023-09-15", "committee-term-ending", cell("支委会成员", "当选日期", 2)) in listed(grids, "2023-10-09")


def test_a_fixed_day_never_leaves_its_month(make_grids):
    # 2023年9月29日, the last Friday of September, is 中秋节 and the days after it 国庆: the next working
    # day (10月7日) would be October's, so September's 主题党日 moves back to 9月28日.
    def edit(settings, rows):
        settings["主题党日固定日"] = "每月最后一个星期五"

    ledger, _ = read_ledger(make_grids(edit))
    from dangjian.figures.obligations import year_calendar

    days = [item.on for item in year_calendar(ledger, 2023).items if item.code == "life-theme-day"]
    assert len(days) == 12 and [d.month for d in days] == list(range(1, 13))
    assert date(2023, 9, 28) in days


def test_nothing_personal_beyond_names(make_grids, sample_source):
    # 陈建国 owes five months: the reminder names him and the months, never his amount, base, ID or phone.
    def edit(settings, rows):
        for month in range(1, 6):
            row_named(rows["党费收缴"], "陈建国")[f"{month}月"] = None

    ledger, _ = read_ledger(make_grids(edit))
    text = json.dumps(todo_list(ledger, day=date(2023, 6, 10), weeks=3).to_dict(), ensure_ascii=False)
    member = row_named(sample_source[1]["党员名册"], "陈建国")
    dues = row_named(sample_source[1]["党费收缴"], "陈建国")
    assert "陈建国" in text
    for secret in (member["身份证号"], member["联系电话"], str(dues["月应交"]), str(dues["月计算基数"]), "91.8"):
        assert str(secret) not in text
