"""Issue 10: right for every kind of branch — no false alarm, no false sentence in the report.

One test (or a few) per numbered item of the issue, on grids built in memory, asserting the
finding or its absence at the cell; then three acceptance workbooks written to real files,
checked, reported through `api` and read back with python-docx.
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import docx
import pytest
from openpyxl import load_workbook

from conftest import row_named
from dangjian import api
from dangjian.documents.builder import build_workbook, workbook_grids
from dangjian.dues_rate import monthly_dues
from dangjian.schema import DUES
from rules_helpers import cell, found, key_range, line_of, with_rule

D = Decimal
YEAR = 2023
ADMITTED = date(YEAR, 3, 1)  # when this file's 预备党员 were admitted


# ---- a small branch built from scratch (not the sample) ------------------------------------

_NAMES = ("赵建华", "钱丽萍", "孙国强", "李秀英", "周志明", "吴桂兰", "郑海波", "王淑珍", "冯立新", "陈玉梅",
          "褚卫东", "卫春燕")


def branch(size: int = 5, *, kind: str = "机关", probationers: int = 0, elected: date | None = None,
           committee: int = 0, farmer: bool = False, period: str = "全年", term: int | None = None,
           election: tuple[int, int] | None = None) -> tuple[dict, dict]:
    """(settings, rows) of a complete, clean branch of `size` members for 2023.

    `committee` members (from the first) form a 支委会 elected on `elected`, meeting monthly from
    then on; the last `probationers` members are 预备党员 admitted in 2022 (not yet due to 转正).
    `election` = (应到, 实到) adds a 换届选举 党员大会 on `elected`.
    """
    members = []
    for i, name in enumerate(_NAMES[:size]):
        probation = i >= size - probationers
        role = ("书记" if i == 0 else "组织委员" if i == 1 else "宣传委员") if i < max(committee, 1) else None
        members.append({
            "姓名": name, "性别": "男" if i % 2 == 0 else "女", "党员类别": "预备党员" if probation else "正式党员",
            "入党日期": ADMITTED if probation else date(2000 + i, 7, 1),
            "转正日期": None if probation else date(2001 + i, 7, 2),
            "党费类别": "农民" if farmer else "在职", "支部职务": role,
        })
    secretary = members[0]["姓名"]
    whole = len(members)

    def on_roll(day):
        return sum(m["入党日期"] <= day for m in members)

    meetings = []
    for quarter in range(1, 5):
        for day, meeting in ((date(YEAR, 3 * quarter - 1, 10), "党员大会"), (date(YEAR, 3 * quarter - 1, 20), "党课")):
            meetings.append(_meeting(day, meeting, f"第{quarter}季度{meeting}", secretary, on_roll(day),
                                     speaker=secretary if meeting == "党课" else None))
    meetings.append(_meeting(date(YEAR, 12, 19), "组织生活会", "年度组织生活会", secretary, whole))
    meetings.append(_meeting(date(YEAR, 12, 20), "民主评议党员", "年度民主评议党员", secretary, whole))
    if committee:
        for month in range(1, 13):
            day = date(YEAR, month, 5)
            # A committee elected at a 换届选举 replaced an earlier one, which met before it.
            if elected is None or day >= elected or election:
                meetings.append(_meeting(day, "支委会", f"{month}月支委会", secretary, committee))
    if election:
        expected, present = election
        meetings.append(_meeting(elected, "党员大会", "换届选举党员大会", secretary, expected, present=present,
                                 topics="换届选举"))
    activities = [{"日期": date(YEAR, month, 25), "活动类型": "主题党日", "活动名称": f"{month}月主题党日",
                   "参加人数": whole, "写入报告": "否"} for month in range(1, 13)]
    dues = []
    for m in members:
        base = None if farmer else D("4000")
        due = D("0.50") if farmer else monthly_dues("在职", base)
        first = m["入党日期"].month if m["入党日期"].year == YEAR else 1
        dues.append({"姓名": m["姓名"], "党费类别": m["党费类别"], "月计算基数": base, "月应交": due,
                     **{f"{month}月": due if month >= first else None for month in range(1, 13)}})
    settings = {"单位名称": "XX村" if kind == "村" else "XX单位", "党组织名称": "XX党支部", "报告年度": YEAR,
                "报告期间": period, "党支部书记": secretary, "成文日期": date(YEAR, 12, 28), "支部类型": kind,
                "支委会任期（年）": term}
    # Each quarter's dues posted the month after it, and the report's own 问题与打算, as a branch keeps them.
    disclosures = [{"日期": date(YEAR, 3 * quarter + 1, 10), "公开事项": f"{YEAR}年第{'一二三'[quarter - 1]}季度党费收缴情况",
                    "公开载体": "公开栏"} for quarter in (1, 2, 3)]
    narrative = [{"类别": "存在问题", "标题": "学习形式比较单一。", "内容": "集中学习多，交流研讨少。"},
                 {"类别": "下步打算", "标题": "丰富学习形式。", "内容": "每季度组织一次交流研讨。"}]
    rows = {"党员名册": members, "会议记录": meetings, "党费收缴": dues, "活动记录": activities,
            "党务公开": disclosures, "问题与打算": narrative,
            "支委会成员": [{"姓名": m["姓名"], "职务": m["支部职务"], "当选日期": elected}
                      for m in members[:committee]]}
    return settings, rows


def _meeting(day, kind, topic, host, expected, *, present=None, speaker=None, topics=None, absent=None):
    return {"日期": day, "会议类型": kind, "会议主题": topic, "主持人": host, "主讲人": speaker,
            "应到人数": expected, "实到人数": expected if present is None else present, "专题": topics,
            "缺席人员及原因": absent, "写入报告": "否"}


def grids_of(source: tuple[dict, dict], edit=None):
    settings, rows = source
    if edit:
        edit(settings, rows)
    return workbook_grids(settings, rows)


def findings(grids) -> list[tuple[str, str]]:
    return sorted((f.code, f.address) for f in api.check_grids(grids).report.findings)


def line(rows: dict, sheet: str, predicate) -> int:
    return line_of(rows[sheet], predicate)


def test_every_branch_built_here_is_clean():
    for source in (branch(5), branch(9, committee=3, elected=date(2021, 1, 10), kind="村", farmer=True),
                   branch(8, committee=3, elected=date(2022, 3, 1), probationers=1)):
        assert findings(grids_of(source)) == []


# ---- 1. the committee: from its 当选日期, while there are 7 full members -----------------

def test_small_branch_without_a_committee_owes_no_committee_meeting():
    grids = grids_of(branch(5))
    assert findings(grids) == []
    assert "life-committee-meeting" not in {i.code for i in api.check_grids(grids).figures.life}


def test_small_branch_with_a_deputy_still_has_no_committee():
    # 条例: below 7 full members a secretary and, if needed, a deputy — not a committee.
    def deputy(settings, rows):
        rows["党员名册"][1]["支部职务"] = "副书记"

    assert findings(grids_of(branch(5), deputy)) == []


def test_committee_first_elected_mid_year_owes_meetings_from_its_election_only():
    # No 换届选举 that day: the committee is the first; nothing is owed before 8月18日.
    source = branch(9, committee=3, elected=date(YEAR, 8, 18))
    figures = api.check_grids(grids_of(source)).figures
    committee = next(i for i in figures.life if i.code == "life-committee-meeting")
    assert (committee.owed, committee.first_month) == (4, 9)  # 9月至12月
    assert findings(grids_of(source)) == []


def test_report_says_the_committee_meets_monthly_only_from_its_election(tmp_path):
    source = branch(9, committee=3, elected=date(YEAR, 8, 18))
    _, text = _report_text(tmp_path, source, "新设支委会")
    assert "9月起每月召开一次支部委员会" in text
    assert "每月召开一次支部委员会" not in text.replace("9月起每月召开一次支部委员会", "")


def test_committee_elected_at_a_change_of_term_owes_every_month():
    # A 换届选举 replaced an earlier committee: January to July are owed too.
    def only_since_the_election(settings, rows):
        rows["会议记录"] = [m for m in rows["会议记录"] if m["会议类型"] != "支委会" or m["日期"] >= date(YEAR, 8, 18)]

    source = branch(9, committee=3, elected=date(YEAR, 8, 18), election=(9, 9))
    assert findings(grids_of(source)) == []
    grids = grids_of(source, only_since_the_election)
    assert findings(grids) == [("life-committee-meeting", key_range("会议记录", len(source[1]["会议记录"])))]
    committee = next(i for i in api.check_grids(grids).figures.life if i.code == "life-committee-meeting")
    assert [gap.number for gap in committee.missing] == list(range(1, 9))  # 8月's meeting was on the 5th


def test_committee_owes_nothing_while_full_members_are_fewer_than_seven():
    # 9 members of whom 3 are 预备党员: 6 full members, so no 支委会 is owed even with a committee listed.
    source = branch(9, committee=3, elected=date(2021, 3, 1), probationers=3)

    def no_committee_meetings(settings, rows):
        rows["会议记录"] = [m for m in rows["会议记录"] if m["会议类型"] != "支委会"]

    assert "life-committee-meeting" not in {f[0] for f in findings(grids_of(source, no_committee_meetings))}


# ---- 2. terms: 5 years for 村 and 社区, an approved extension ---------------------------

@pytest.mark.parametrize("kind, code", [("村", None), ("社区", None), ("机关", "committee-term-ended"),
                                        ("企业", "committee-term-ended")])
def test_term_follows_the_branch_kind_when_left_blank(kind, code):
    source = branch(9, committee=3, elected=date(2020, 6, 1), kind=kind)  # 3 years end 2023-06-01
    expected = [(code, cell("支委会成员", "当选日期", 2))] if code else []
    assert [f for f in findings(grids_of(source)) if f[0].startswith("committee-")] == expected


def test_term_entered_wins_over_the_kind():
    source = branch(9, committee=3, elected=date(2020, 6, 1), kind="村", term=3)
    assert ("committee-term-ended", cell("支委会成员", "当选日期", 2)) in findings(grids_of(source))


@pytest.mark.parametrize("extended, code", [
    (date(2024, 5, 31), "committee-term-ending"),  # within six months after the period end
    (date(2024, 3, 1), "committee-term-ending"),
    (date(2023, 12, 20), "committee-term-ended"),  # the extension itself has run out
    (date(2024, 9, 1), None),
])
def test_an_approved_extension_moves_the_term_end(extended, code):
    def extend(settings, rows):
        rows["支委会成员"][0]["任期延期至"] = extended

    source = branch(9, committee=3, elected=date(2020, 12, 1))  # 3 years end 2023-12-01
    result = [f for f in findings(grids_of(source, extend)) if f[0].startswith("committee-")]
    assert result == ([(code, cell("支委会成员", "任期延期至", 2))] if code else [])


def test_an_extension_of_more_than_a_year_is_a_warning():
    def extend(settings, rows):
        rows["支委会成员"][0]["任期延期至"] = date(2024, 12, 2)  # term ended 2023-12-01

    source = branch(9, committee=3, elected=date(2020, 12, 1))
    result = [f for f in findings(grids_of(source, extend)) if f[0].startswith("committee-")]
    assert result == [("committee-term-extension-long", cell("支委会成员", "任期延期至", 2))]


# ---- 3. votes are counted on full members --------------------------------------------------

def _general(rows, month=5):
    return line(rows, "会议记录", lambda r: r["会议类型"] == "党员大会" and r["日期"].month == month)


def test_attendance_written_as_the_voters_is_not_a_roll_mismatch():
    source = branch(8, probationers=2)

    def voters(settings, rows):
        meeting = rows["会议记录"][_general(rows) - 2]
        meeting["应到人数"] = meeting["实到人数"] = 6

    assert findings(grids_of(source, voters)) == []


def test_election_counting_probationers_is_judged_on_the_voters():
    # 12 on the roll, 4 of them 预备党员 (8 voters). 10 present of 12 looks valid (more than 4/5);
    # with two full members absent only 6 of the 8 voters were there: the election is invalid.
    def election(absent):
        source = branch(12, probationers=4, committee=3, elected=date(YEAR, 6, 6), election=(12, 10))
        next(m for m in source[1]["会议记录"] if m["专题"] == "换届选举")["缺席人员及原因"] = absent
        where = line(source[1], "会议记录", lambda r: r["专题"] == "换届选举")
        return [f for f in findings(grids_of(source)) if f[0] == "election-quorum"], cell("会议记录", "实到人数", where)

    result, at = election(f"{_NAMES[1]}（出差）；{_NAMES[2]}（病假）")
    assert result == [("election-quorum", at)]
    # The two absentees being 预备党员, all 8 voters were present: valid.
    result, at = election(f"{_NAMES[10]}（出差）；{_NAMES[11]}（病假）")
    assert result == []
    # Absentees not named: on the safe side every 预备党员 counts as present, leaving 6 voters.
    result, at = election(None)
    assert result == [("election-quorum", at)]


# ---- 4. approved exceptions are data, not errors ---------------------------------------------

def test_approved_reduction_is_not_a_rate_error():
    source = branch(5)

    def reduced(settings, rows):
        rows["党费收缴"][2].update({"月应交": D("5.00"), **{f"{m}月": D("5.00") for m in range(1, 13)}})

    def approved(settings, rows):
        reduced(settings, rows)
        rows["党费收缴"][2]["少交免交批准"] = "XX工委〔2023〕3号"

    assert findings(grids_of(source, reduced)) == [("dues-rate-mismatch", cell("党费收缴", "月应交", 4))]
    assert findings(grids_of(branch(5), approved)) == []


def test_approved_exemption_owes_nothing():
    def exempt(settings, rows):
        rows["党费收缴"][2].update({"月应交": D("0"), "少交免交批准": "2023年1月9日",
                                   **{f"{m}月": None for m in range(1, 13)}})

    assert findings(grids_of(branch(5), exempt)) == []


@pytest.mark.parametrize("extended, codes", [
    (None, [("probationary-overdue", "转正日期")]),
    (date(2024, 3, 1), []),  # extended: not overdue until the extension ends
    (date(2023, 11, 30), [("probationary-overdue", "转正日期")]),  # the extension has ended too
    (date(2024, 10, 1), [("probation-extension-long", "预备期延长至")]),  # beyond one more year
])
def test_an_extended_probation(extended, codes):
    def edit(settings, rows):
        member = rows["党员名册"][4]
        member.update({"党员类别": "预备党员", "入党日期": date(2022, 9, 1), "转正日期": None, "预备期延长至": extended})

    assert findings(grids_of(branch(5), edit)) == [(code, cell("党员名册", header, 6)) for code, header in codes]


# ---- 5. the 1000-yuan cap --------------------------------------------------------------------

@pytest.mark.parametrize("monthly, note, code", [
    ("1000", None, None),  # above 50,000 the cap is what is owed
    ("1200", None, "dues-over-cap"),  # the full 2% is more than 一般不超过1000元
    ("1200", "本人自愿按2%交纳", "dues-voluntary"),
    ("900", None, "dues-rate-mismatch"),
])
def test_high_income_pays_the_cap(monthly, note, code):
    def edit(settings, rows):
        row = rows["党费收缴"][1]
        row.update({"月计算基数": D("60000"), "月应交": D(monthly), "备注": note,
                    **{f"{m}月": D(monthly) for m in range(1, 13)}})

    result = [f for f in findings(grids_of(branch(5), edit)) if f[0].startswith("dues-")]
    assert result == ([(code, cell("党费收缴", "月应交", 3))] if code else [])


def test_the_rule_asks_for_the_cap():
    assert monthly_dues("在职", D("60000"), rules={}) == D("1000.00")
    assert monthly_dues("在职", D("50000"), rules={}) == D("1000.00")


# ---- 6. 农民 dues: the national range unless the province's figure is entered ----------------

@pytest.mark.parametrize("paid, province, code", [
    ("0.20", None, None), ("0.50", None, None), ("1.00", None, None),
    ("1.20", None, "dues-rate-above"), ("0.10", None, "dues-rate-mismatch"),
    ("0.50", "0.50", None), ("0.20", "0.50", "dues-rate-mismatch"),
])
def test_farmer_dues(paid, province, code):
    def edit(settings, rows):
        rows["党费收缴"][0].update({"月应交": D(paid), **{f"{m}月": D(paid) for m in range(1, 13)}})
        if province:
            settings["农民党员每月党费（元）"] = D(province)

    result = [f for f in findings(grids_of(branch(5, farmer=True, kind="村"), edit)) if f[0].startswith("dues-")]
    assert result == ([(code, cell("党费收缴", "月应交", 2))] if code else [])


# ---- 7. a Saturday study day: ordinary weekends are owed ------------------------------------

def test_saturday_study_days_are_owed_except_statutory_holidays():
    def saturdays(settings, rows):
        settings["每周学习日"] = "周六"
        settings["报告期间"] = "第四季度"

    grids = grids_of(branch(5), saturdays)
    item = next(i for i in api.check_grids(grids).figures.life if i.code == "life-weekly-study")
    owed = {gap.day for gap in item.missing}  # nothing held: every owed Saturday is missing
    assert date(YEAR, 10, 14) in owed  # an ordinary Saturday
    assert date(YEAR, 10, 7) in owed  # a Saturday made a working day (调休)
    assert date(YEAR, 9, 30) not in owed  # outside the quarter
    assert date(YEAR, 12, 30) not in owed  # 元旦 (12月30日至1月1日放假)
    assert item.owed == 12  # the 13 Saturdays of 第四季度 but 12月30日
    assert findings(grids) == [("life-weekly-study", key_range("会议记录", len(grids_of(branch(5))["会议记录"].rows) - 1))]


def test_study_day_in_the_national_holiday_is_not_owed():
    def sundays(settings, rows):
        settings["每周学习日"] = "周日"
        settings["报告期间"] = "下半年"

    item = next(i for i in api.check_grids(grids_of(branch(5), sundays)).figures.life if i.code == "life-weekly-study")
    days = {gap.day for gap in item.missing}
    assert date(YEAR, 10, 1) not in days  # 国庆节
    assert date(YEAR, 10, 8) in days  # a Sunday made a working day (调休) is owed
    assert date(YEAR, 10, 15) in days  # an ordinary Sunday is owed


# ---- 8. development limits -------------------------------------------------------------------

def test_confirmed_before_a_year_is_an_error_at_the_date():
    def early(settings, rows):
        rows["党员名册"][4].update({"入党日期": date(2022, 9, 1), "转正日期": date(2023, 6, 1)})

    assert findings(grids_of(branch(5), early)) == [("probation-short", cell("党员名册", "转正日期", 6))]


def test_approval_later_than_six_months_is_an_error(make_grids):
    def late(settings, rows):
        person = row_named(rows["发展党员"], "李思雨")  # admitted 2023-05-23
        person["上级党委审批日期"] = date(2023, 12, 1)

    grids = make_grids(late)
    assert found(grids, "dev-") == [("dev-approval-overdue", cell("发展党员", "上级党委审批日期", 2))]


# ---- 9. quarterly only where marked -----------------------------------------------------------

def test_quarterly_payment_only_where_marked():
    def quarterly(settings, rows):
        settings["报告期间"] = "自定义"
        settings["起始日期"], settings["结束日期"] = date(YEAR, 1, 1), date(YEAR, 8, 31)
        settings["成文日期"] = date(YEAR, 9, 5)
        row = rows["党费收缴"][1]
        row["7月"] = row["8月"] = None

    def marked(settings, rows):
        quarterly(settings, rows)
        rows["党费收缴"][1]["交纳方式"] = "按季"

    assert findings(grids_of(branch(5), quarterly)) == [("dues-underpaid", "党费收缴!L3:M3")]
    assert findings(grids_of(branch(5), marked)) == []


# ---- 10. exactly half, exactly four fifths ------------------------------------------------------

@pytest.mark.parametrize("present, code", [(4, None), (3, "decision-quorum")])
def test_exactly_half_present_is_enough_for_a_decision(present, code):
    def edit(settings, rows):
        rows["会议记录"][_general(rows) - 2]["实到人数"] = present

    source = branch(8)
    where = _general(source[1])
    result = [f for f in findings(grids_of(source, edit)) if f[0] == "decision-quorum"]
    assert result == ([(code, cell("会议记录", "实到人数", where))] if code else [])


@pytest.mark.parametrize("present, code", [(3, None), (2, "life-committee-quorum")])
def test_exactly_half_of_the_committee_is_enough(present, code):
    source = branch(9, committee=6, elected=date(2022, 3, 1))
    where = line(source[1], "会议记录", lambda r: r["会议类型"] == "支委会" and r["日期"].month == 4)

    def edit(settings, rows):
        rows["会议记录"][where - 2]["实到人数"] = present

    result = [f for f in findings(grids_of(source, edit)) if f[0] == "life-committee-quorum"]
    assert result == ([(code, cell("会议记录", "实到人数", where))] if code else [])


@pytest.mark.parametrize("present, code", [(8, "election-quorum"), (9, None)])
def test_exactly_four_fifths_is_not_enough_to_elect(present, code):
    source = branch(10, committee=3, elected=date(YEAR, 6, 6), election=(10, present))
    where = line(source[1], "会议记录", lambda r: r["专题"] == "换届选举")
    result = [f for f in findings(grids_of(source)) if f[0] == "election-quorum"]
    assert result == ([(code, cell("会议记录", "实到人数", where))] if code else [])


def test_election_cites_the_2020_regulation():
    source = branch(10, committee=3, elected=date(YEAR, 6, 6), election=(10, 8))
    finding = next(f for f in api.check_grids(grids_of(source)).report.findings if f.code == "election-quorum")
    assert "《中国共产党基层组织选举工作条例》（2020）" in finding.basis and "暂行" not in finding.basis


# ---- 11. arrears across New Year -----------------------------------------------------------------

def _stopped(months):
    def edit(settings, rows):
        settings["报告期间"], settings["成文日期"] = "上半年", date(YEAR, 7, 5)
        for month in months:
            rows["党费收缴"][1][f"{month}月"] = None
    return edit


def test_run_carried_from_last_year_makes_a_streak_in_a_half_year_report():
    def carried(settings, rows):
        _stopped(range(1, 4))(settings, rows)
        rows["党费收缴"][1]["上年末连续未交月数"] = 3

    assert findings(grids_of(branch(5), _stopped(range(1, 4)))) == [("dues-underpaid", "党费收缴!F3:H3")]
    report = api.check_grids(grids_of(branch(5), carried)).report
    assert sorted((f.code, f.address) for f in report.findings) == [("dues-streak", "党费收缴!F3:H3")]
    assert "连同上年末连续3个月" in report.findings[0].message


def test_run_carried_is_read_from_last_years_workbook_beside_this_one(tmp_path):
    last_settings, last_rows = branch(5)
    last_settings["报告年度"] = YEAR - 1
    for month in (10, 11, 12):
        last_rows["党费收缴"][1][f"{month}月"] = None
    build_workbook(tmp_path / f"{YEAR - 1}年台账.xlsx", settings=last_settings, rows=last_rows)
    settings, rows = branch(5)
    _stopped(range(1, 4))(settings, rows)
    this_year = tmp_path / f"{YEAR}年台账.xlsx"
    build_workbook(this_year, settings=settings, rows=rows)

    report = api.check_workbook(this_year).report
    assert [(f.code, f.address) for f in report.findings] == [("dues-streak", "党费收缴!F3:H3")]
    assert f"{YEAR - 1}年台账.xlsx" in report.findings[0].message
    # The same grids without the file's folder know nothing of last year.
    assert findings(workbook_grids(settings, rows)) == [("dues-underpaid", "党费收缴!F3:H3")]


def test_the_check_reads_no_file_last_years_run_is_handed_to_it():
    """checking.check_grids on grids in memory: last year's dues come from what it is given (as the
    api gives it last_year.beside the workbook); its 提示 and the files it names pass through."""
    from dangjian.checking import check_grids
    from dangjian.figures.dues import CarriedOver, year_end_unpaid
    from dangjian.last_year import LAST_YEAR_UNREADABLE
    from dangjian.read.records import read_ledger

    last_settings, last_rows = branch(5)
    last_settings["报告年度"] = YEAR - 1
    for month in (10, 11, 12):
        last_rows["党费收缴"][1][f"{month}月"] = None
    earlier, _ = read_ledger(workbook_grids(last_settings, last_rows))
    asked = []

    def last_year(ledger, year):
        asked.append((ledger.basic["year"], year))
        note = LAST_YEAR_UNREADABLE.at(DUES.name, "没有读取可能是上年台账的文件——坏.xlsx")
        return CarriedOver(year_end_unpaid(earlier, year - 1), "上年.xlsx"), [note], (Path("上年.xlsx"),)

    checked = check_grids(grids_of(branch(5), _stopped(range(1, 4))), last_year=last_year)
    assert asked == [(YEAR, YEAR)]
    assert [(f.code, f.address) for f in checked.report.findings] == [("last-year-unreadable", "党费收缴"),
                                                                      ("dues-streak", "党费收缴!F3:H3")]
    assert "上年.xlsx" in checked.report.findings[1].message
    assert checked.also_read == (Path("上年.xlsx"),)


def test_no_output_lands_on_last_years_workbook_that_the_check_read(tmp_path):
    last_settings, last_rows = branch(5)
    last_settings["报告年度"] = YEAR - 1
    last_year = tmp_path / f"{YEAR - 1}年台账.xlsx"
    build_workbook(last_year, settings=last_settings, rows=last_rows)
    this_year = tmp_path / f"{YEAR}年台账.xlsx"
    build_workbook(this_year, settings=branch(5)[0], rows=branch(5)[1])
    before = last_year.read_bytes()

    with pytest.raises(api.OutputRefused, match="上年度台账"):
        api.check_workbook(this_year, save_to=last_year)
    with pytest.raises(api.OutputRefused, match="上年度台账"):
        api.dues_notice_workbook(this_year, xlsx=True, output=last_year, force=True)
    with pytest.raises(api.OutputRefused, match="上年度台账"):
        api.stats_workbook(this_year, output=last_year, force=True)
    assert last_year.read_bytes() == before


# ---- 12. what the base is, and rounding to 角 ----------------------------------------------------

def test_base_prompt_in_the_blank_workbook_says_what_the_base_leaves_out(tmp_path):
    path = tmp_path / "空白.xlsx"
    api.new_workbook(path)
    sheet = load_workbook(path)[DUES.name]
    letter = cell(DUES.name, "月计算基数", 2).split("!")[1].rstrip("0123456789")
    prompt = next(v.prompt for v in sheet.data_validations.dataValidation if str(v.sqref).startswith(f"{letter}2"))
    for words in ("个人所得税", "五险一金", "年金", "奖励性绩效", "改革性补贴", "基本离退休费", "组电明字〔2017〕5号"):
        assert words in prompt


def test_new_columns_have_dropdowns_in_the_blank_workbook(tmp_path):
    path = tmp_path / "空白.xlsx"
    api.new_workbook(path)
    sheet = load_workbook(path)[DUES.name]
    letter = cell(DUES.name, "交纳方式", 2).split("!")[1].rstrip("0123456789")
    validation = next(v for v in sheet.data_validations.dataValidation if str(v.sqref).startswith(f"{letter}2"))
    assert validation.formula1 == '"按月,按季"'


def test_rounding_to_jiao():
    rules = {"dues_rounding": "四舍五入到角"}
    assert monthly_dues("在职", D("3333"), rules=rules) == D("33.30")
    assert monthly_dues("在职", D("3366"), rules=rules) == D("33.70")
    assert monthly_dues("在职", D("5100"), rules=rules) == D("76.50")

    def jiao(settings, rows):
        rows["党费收缴"][1].update({"月计算基数": D("3366"), "月应交": D("33.70"),
                                   **{f"{m}月": D("33.70") for m in range(1, 13)}})

    assert findings(grids_of(branch(5), jiao)) == [("dues-rate-above", cell("党费收缴", "月应交", 3))]
    assert findings(grids_of(branch(5), with_rule("党费舍入方式", "四舍五入到角", jiao))) == []


# ---- acceptance: three branches as files, their findings and their reports ----------------------

def _report_text(tmp_path: Path, source: tuple[dict, dict], name: str) -> tuple[list, str]:
    path = tmp_path / f"{name}.xlsx"
    build_workbook(path, settings=source[0], rows=source[1])
    checked = api.check_workbook(path)
    run = api.report_workbook(path, output=tmp_path / f"{name}.docx", force=True, today=date(YEAR, 12, 28))
    text = "\n".join(p.text for p in docx.Document(str(run.written)).paragraphs)
    return sorted((f.code, f.address) for f in checked.report.findings), text


def test_acceptance_five_member_branch_without_a_committee(tmp_path):
    result, text = _report_text(tmp_path, branch(5), "五人支部")
    assert result == []
    assert "支部委员会" not in text and "支委会" not in text
    assert "每季度召开一次党员大会" in text


def test_acceptance_village_branch_elected_in_2021_with_no_term(tmp_path):
    source = branch(9, committee=3, elected=date(2021, 1, 10), kind="村", farmer=True)
    result, text = _report_text(tmp_path, source, "村党支部")
    assert result == []  # 5 years: the term ends 2026-01-10
    assert "每月召开一次支部委员会" in text
    assert "届满" not in text


def test_acceptance_election_with_exactly_four_fifths(tmp_path):
    source = branch(10, committee=3, elected=date(YEAR, 6, 6), election=(10, 8))
    where = line(source[1], "会议记录", lambda r: r["专题"] == "换届选举")
    result, text = _report_text(tmp_path, source, "选举支部")
    assert result == [("election-quorum", cell("会议记录", "实到人数", where))]
    # The forced report does not state the invalid election's result.
    assert "会议决定，选举" not in text and "就选举党支部书记" in text
    # With one more voter present the same report names those elected.
    source = branch(10, committee=3, elected=date(YEAR, 6, 6), election=(10, 9))
    result, text = _report_text(tmp_path, source, "选举支部2")
    assert result == []
    assert f"会议决定，选举{_NAMES[0]}同志为党支部书记" in text


# ---- workbooks made before these columns existed -------------------------------------------------

_NEW_COLUMNS = {"党员名册": ("预备期延长至",), "发展党员": ("预备期延长至",), "支委会成员": ("任期延期至",),
                "党费收缴": ("少交免交批准", "交纳方式", "上年末连续未交月数")}


def _without_new_columns(grids):
    """The grids as an earlier version's workbook has them: the new columns absent, 支部类型 not listed."""
    shaped = dict(grids)
    for sheet, headers in _NEW_COLUMNS.items():
        rows = grids[sheet].rows
        keep = [i for i, header in enumerate(rows[0]) if header not in headers]
        shaped[sheet] = type(grids[sheet])(sheet, tuple(tuple(row[i] for i in keep) for row in rows))
    basic = grids["基本信息"]
    shaped["基本信息"] = type(basic)("基本信息", tuple(r for r in basic.rows if r[0] != "支部类型"))
    return shaped


def test_a_workbook_without_the_new_columns_keeps_todays_defaults():
    # An earlier blank workbook wrote its defaults into 规则设置 and 基本信息: quarterly for all, 农民 0.20, 3 years.
    def earlier(settings, rows):
        settings.update({"允许按季度交纳党费": "是", "农民党员每月党费（元）": D("0.20"), "支委会任期（年）": 3})
        settings["报告期间"] = "自定义"
        settings["起始日期"], settings["结束日期"] = date(YEAR, 1, 1), date(YEAR, 8, 31)
        settings["成文日期"] = date(YEAR, 9, 5)
        rows["党费收缴"][1]["7月"] = rows["党费收缴"][1]["8月"] = None  # a quarter in progress: not late

    grids = _without_new_columns(grids_of(branch(5), earlier))
    assert "交纳方式" not in grids["党费收缴"].rows[0]
    assert findings(grids) == []
    # 农民 paying 0.50 against the 0.20 the earlier workbook holds get the warning they always got.
    grids = _without_new_columns(grids_of(branch(5, farmer=True), earlier))
    assert findings(grids) == [("dues-rate-above", f"党费收缴!E{line}") for line in range(2, 7)]
