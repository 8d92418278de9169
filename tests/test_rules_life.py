"""三会一课 and branch life: each rule fires at its cell when a meeting is missing, and only then."""
from __future__ import annotations

from dataclasses import replace

from datetime import date

import pytest
from docx import Document
from openpyxl import load_workbook

from dangjian.api import check_grids, check_workbook, write_report
from dangjian.wording import gap_labels
from rules_helpers import cell, found, key_range, line_of, with_cells, with_rule, without_sheets

LIFE = ("life-", "study-calendar")


def _drop(rows: dict, sheet: str, predicate) -> None:
    rows[sheet] = [r for r in rows[sheet] if not predicate(r)]


def _meeting(kind: str, month: int | None = None, *, group: str | None = None):
    return lambda r: (r["会议类型"] == kind and (month is None or r["日期"].month == month)
                      and (group is None or r["党小组"] == group))


def _items(grids):
    """The period's 三会一课 items by rule, each gap named as the findings and the report name it."""
    figures = check_grids(grids).figures
    return {i.code: replace(i, missing=gap_labels(i, figures.period)) for i in figures.life}


def test_sample_keeps_every_life_rule(make_grids):
    grids = make_grids()
    assert found(grids, *LIFE) == []
    assert all(item.met and item.owed > 0 for item in _items(grids).values())


@pytest.mark.parametrize("period", ["全年", "上半年", "第一季度", "第四季度"])
def test_sample_keeps_every_life_rule_in_every_period(make_grids, period):
    assert found(make_grids(lambda s, r: s.update({"报告期间": period})), *LIFE) == []


@pytest.mark.parametrize("code, kind, month, unit", [
    ("life-general-meeting", "党员大会", 7, "第三季度"),
    ("life-committee-meeting", "支委会", 10, "10月"),
    ("life-lecture", "党课", 11, "第四季度"),
])
def test_missing_meeting_names_its_unit(make_grids, code, kind, month, unit):
    def edit(settings, rows):
        _drop(rows, "会议记录", _meeting(kind, month))
        edit.count = len(rows["会议记录"])

    grids = make_grids(edit)
    assert found(grids, *LIFE) == [(code, key_range("会议记录", edit.count))]
    assert _items(grids)[code].missing == (unit,)
    message = next(f.message for f in check_grids(grids).report.findings if f.code == code)
    assert message.startswith(unit)


def test_meetings_outside_the_period_do_not_count(make_grids):
    # The first half's 党员大会 are kept, but a 下半年 report only counts its own quarters.
    def edit(settings, rows):
        _drop(rows, "会议记录", lambda r: r["会议类型"] == "党员大会" and r["日期"] >= date(2023, 7, 1))
        edit.count = len(rows["会议记录"])

    grids = make_grids(edit)
    assert found(grids, "life-general") == [("life-general-meeting", key_range("会议记录", edit.count))]
    assert _items(grids)["life-general-meeting"].missing == ("第三季度", "第四季度")


def test_group_meeting_missing_for_one_group(make_grids):
    def edit(settings, rows):
        _drop(rows, "会议记录", _meeting("党小组会", 9, group="第二党小组"))
        edit.count = len(rows["会议记录"])

    grids = make_grids(edit)
    assert found(grids, *LIFE) == [("life-group-meeting", key_range("会议记录", edit.count))]
    assert _items(grids)["life-group-meeting"].missing == ("第二党小组9月",)


def test_new_group_owes_only_the_months_it_existed(make_grids):
    # 何佳怡 joins on 2023-11-21, alone in a new 党小组: only December is owed.
    def edit(settings, rows):
        next(m for m in rows["党员名册"] if m["姓名"] == "何佳怡")["党小组"] = "第三党小组"
        edit.count = len(rows["会议记录"])

    grids = make_grids(edit)
    assert found(grids, *LIFE) == [("life-group-meeting", key_range("会议记录", edit.count))]
    assert _items(grids)["life-group-meeting"].missing == ("第三党小组12月",)

    def held(settings, rows):
        edit(settings, rows)
        rows["会议记录"].append({"日期": date(2023, 12, 26), "会议类型": "党小组会", "党小组": "第三党小组",
                              "会议主题": "学习党章", "应到人数": 1, "实到人数": 1})

    assert found(make_grids(held), *LIFE) == []


def test_theme_day_is_read_from_activities(make_grids):
    def edit(settings, rows):
        _drop(rows, "活动记录", lambda r: r["活动类型"] == "主题党日" and r["日期"].month == 8)
        edit.count = len(rows["活动记录"])

    grids = make_grids(edit)
    assert found(grids, *LIFE) == [("life-theme-day", key_range("活动记录", edit.count))]
    assert _items(grids)["life-theme-day"].missing == ("8月",)


@pytest.mark.parametrize("code, kind", [("life-organisation-meeting", "组织生活会"),
                                        ("life-member-review", "民主评议党员")])
def test_yearly_meetings_owed_by_a_period_ending_with_the_year(make_grids, code, kind):
    def edit(settings, rows):
        _drop(rows, "会议记录", _meeting(kind))
        edit.count = len(rows["会议记录"])

    assert found(make_grids(edit), *LIFE) == [(code, key_range("会议记录", edit.count))]

    def first_half(settings, rows):
        edit(settings, rows)
        settings["报告期间"] = "上半年"

    assert found(make_grids(first_half), *LIFE) == []


def test_weekly_study_missing_names_the_day(make_grids):
    def edit(settings, rows):
        _drop(rows, "会议记录", lambda r: r["会议类型"] == "集中学习" and r["日期"] == date(2023, 11, 10))
        edit.count = len(rows["会议记录"])

    grids = make_grids(edit)
    assert found(grids, *LIFE) == [("life-weekly-study", key_range("会议记录", edit.count))]
    assert _items(grids)["life-weekly-study"].missing == ("11月10日",)


def test_weekly_study_on_a_holiday_is_owed_when_holidays_count(make_grids):
    # 2023-09-29 (中秋节) is a Friday off: not owed by default, owed once 节假日不计 is 否.
    assert "9月29日" not in _items(make_grids())["life-weekly-study"].missing
    grids = make_grids(with_rule("集中学习节假日不计", "否"))
    assert "9月29日" in _items(grids)["life-weekly-study"].missing


def test_no_study_day_means_no_study_rule(make_grids):
    def edit(settings, rows):
        settings["每周学习日"] = None
        _drop(rows, "会议记录", _meeting("集中学习"))

    grids = make_grids(edit)
    assert found(grids, *LIFE) == []
    assert "life-weekly-study" not in _items(grids)


def test_year_beyond_the_holiday_calendar_owes_every_study_day_and_says_so(make_grids):
    # chinese-calendar knows no holidays for 2099; the check says so instead of failing.
    def edit(settings, rows):
        settings["报告年度"] = 2099

    report = check_grids(make_grids(edit)).report
    infos = [(f.code, f.level.value) for f in report.findings if f.code == "study-calendar-unknown"]
    assert infos == [("study-calendar-unknown", "info")]
    assert "study-calendar-unknown" not in {f.code for f in check_grids(make_grids()).report.findings}


def test_nothing_is_owed_before_the_branch_existed(make_grids):
    # Everyone transferred in on 2023-10-01: July to September owe nothing, nor does the year's
    # 组织生活会 (the branch did not exist on 1 January).
    def before_october(r):
        return r["日期"] < date(2023, 10, 1)

    def edit(settings, rows):
        for member in rows["党员名册"]:
            member["转入日期"] = date(2023, 10, 1)
        _drop(rows, "会议记录", before_october)
        _drop(rows, "活动记录", before_october)

    grids = make_grids(edit)
    assert found(grids, *LIFE) == []
    assert _items(grids)["life-committee-meeting"].owed == 3

    def long_standing(settings, rows):
        _drop(rows, "会议记录", before_october)
        _drop(rows, "活动记录", before_october)

    codes = {code for code, _ in found(make_grids(long_standing), *LIFE)}
    assert {"life-general-meeting", "life-committee-meeting", "life-theme-day", "life-weekly-study"} <= codes


def test_committee_quorum_needs_more_than_half(make_grids):
    def edit(settings, rows):
        meetings = rows["会议记录"]
        edit.line = line_of(meetings, _meeting("支委会", 10))
        meetings[edit.line - 2]["实到人数"] = 1

    assert found(make_grids(edit), *LIFE) == [("life-committee-quorum", cell("会议记录", "实到人数", edit.line))]

    def two_of_three(settings, rows):
        edit(settings, rows)
        rows["会议记录"][edit.line - 2]["实到人数"] = 2

    assert found(make_grids(two_of_three), *LIFE) == []


def test_rule_setting_raises_the_minimum(make_grids):
    grids = make_grids(with_rule("党课最少次数（每季度）", 2))
    assert [c for c, _ in found(grids, *LIFE)] == ["life-lecture"]
    assert _items(grids)["life-lecture"].missing == ("第三季度", "第四季度")


def test_report_states_a_missed_quarter_plainly(make_grids, tmp_path):
    grids = make_grids(lambda s, r: _drop(r, "会议记录", _meeting("党员大会", 7)))
    output = write_report(check_grids(grids), output=tmp_path / "报告.docx", force=True, today=date(2023, 12, 25))
    text = "\n".join(p.text for p in Document(output).paragraphs)
    assert "第三季度未召开" in text
    assert "每季度召开一次党员大会" not in text


def test_report_of_the_sample_states_the_rules_met(make_grids, tmp_path):
    output = write_report(check_grids(make_grids()), output=tmp_path / "报告.docx", today=date(2023, 12, 25))
    text = "\n".join(p.text for p in Document(output).paragraphs)
    assert "每季度召开一次党员大会" in text
    assert "未召开" not in text


def test_deleted_activities_sheet_is_named_not_a_cell_in_it(make_grids):
    grids = without_sheets(make_grids(), "活动记录")
    findings = check_grids(grids).report.findings
    assert found(grids, *LIFE) == [("life-theme-day", "活动记录")]
    assert not any(f.address.startswith("活动记录!") for f in findings)


def test_deleted_meetings_sheet_points_at_no_cell_of_it(make_grids):
    grids = without_sheets(make_grids(), "会议记录", "支委会成员")
    findings = check_grids(grids).report.findings
    assert {f.address for f in findings if f.code.startswith(LIFE)} == {"会议记录"}
    assert not any(f.address.startswith(("会议记录!", "支委会成员!")) for f in findings)
    assert ("committee-size", "支委会成员") in [(f.code, f.address) for f in findings]


# ---- a row that cannot be read in full holds back only what it could be ----------------------

def _shortfalls(checked) -> dict[str, str]:
    """Each life rule's message (or the 提示's), by rule."""
    return {f.code: f.message for f in checked.report.findings if f.code.startswith(LIFE)}


def test_unreadable_date_of_a_group_meeting_holds_back_only_that_group(make_workbook):
    # A village branch that missed its 第三季度 党员大会, its November 支委会 and 第二党小组's
    # September meeting; the date of 第一党小组's October meeting is typed as a day that does not exist.
    def village(settings, rows):
        settings.update({"支部类型": "村", "单位名称": "XX村"})
        for kind, month, group in (("党员大会", 7, None), ("支委会", 11, None), ("党小组会", 9, "第二党小组"),
                                   ("党小组会", 8, "第一党小组")):
            _drop(rows, "会议记录", _meeting(kind, month, group=group))
        village.line = line_of(rows["会议记录"], _meeting("党小组会", 10, group="第一党小组"))
        village.count = len(rows["会议记录"])

    path = make_workbook(village)
    workbook = load_workbook(path)
    address = cell("会议记录", "日期", village.line)
    workbook["会议记录"][address.split("!")[1]] = "2024-02-30"
    workbook.save(path)

    checked = check_workbook(path)
    assert sorted((f.code, f.address) for f in checked.report.findings if f.code.startswith(("bad-", *LIFE))) == sorted([
        ("bad-value", address), ("life-committee-meeting", key_range("会议记录", village.count)),
        ("life-general-meeting", key_range("会议记录", village.count)),
        ("life-group-meeting", key_range("会议记录", village.count)), ("life-held-back", address)])
    said = _shortfalls(checked)
    assert said["life-general-meeting"].startswith("第三季度未召开党员大会")
    assert said["life-committee-meeting"].startswith("11月未召开支委会")
    # The other group is judged; the unreadable meeting's own group is not, whichever month it was.
    assert said["life-group-meeting"].startswith("第二党小组9月未召开党小组会")
    assert said["life-held-back"] == (
        f"会议记录第{village.line}行（党小组会，第一党小组）的日期无法读取，这次会议可能正是所缺的那一次，"
        "以下次数暂不核对：第一党小组8月、10月的党小组会次数；改正后重新校验即可核对")
    held_back = [f for f in checked.report.findings if f.code == "life-held-back"]
    assert [f.level.value for f in held_back] == ["info"]


def test_unreadable_type_holds_back_only_the_units_of_its_date(make_grids):
    # The 2023-10-17 支委会's 会议类型 cannot be read: it may be October's 支委会 or the fourth
    # quarter's 党课 (also missing), but not the third quarter's 党课 nor November's 支委会.
    def edit(settings, rows):
        for kind, month in (("支委会", 11), ("党课", 9), ("党课", 11)):
            _drop(rows, "会议记录", _meeting(kind, month))
        edit.line = line_of(rows["会议记录"], _meeting("支委会", 10))

    grids = make_grids(edit)
    address = cell("会议记录", "会议类型", edit.line)
    checked = check_grids(with_cells(grids, "会议记录", {address.split("!")[1]: "支委员会"}))
    said = _shortfalls(checked)
    assert said["life-committee-meeting"].startswith("11月未召开支委会")
    assert said["life-lecture"].startswith("第三季度未讲授党课")
    assert said["life-held-back"] == (
        f"会议记录第{edit.line}行（2023年10月17日）的会议类型无法读取，这次会议可能正是所缺的那一次，"
        "以下次数暂不核对：10月的支委会次数；第四季度的党课次数；改正后重新校验即可核对")
    assert [(f.code, f.address) for f in checked.report.findings if f.level.value != "warning"] == [
        ("bad-value", address), ("life-held-back", address)]


@pytest.mark.parametrize("kind, held", [("其他", None), ("党员大会", "第三季度的党员大会次数")])
def test_unreadable_date_holds_back_its_type_only(make_grids, kind, held):
    # A row with a blank 日期: an 其他 meeting can be no 三会一课 that is missing.
    def edit(settings, rows):
        for month in (7, 10, 11):
            _drop(rows, "会议记录", _meeting("党员大会" if month == 7 else "支委会", month))
        rows["会议记录"].append({"日期": None, "会议类型": kind, "会议主题": "会议", "应到人数": 9, "实到人数": 9})
        edit.line = len(rows["会议记录"]) + 1

    said = _shortfalls(check_grids(make_grids(edit)))
    assert said["life-committee-meeting"].startswith("10月、11月未召开支委会")
    assert ("life-general-meeting" in said) is (held is None)
    assert said.get("life-held-back", "").endswith(f"以下次数暂不核对：{held}；改正后重新校验即可核对" if held else "")
    assert ("life-held-back" in said) is (held is not None)


@pytest.mark.parametrize("header, known, held, judged", [
    ("日期", "主题党日", "8月、9月", None),  # it may be August's or September's
    ("活动类型", "2023年9月28日", "9月", "8月未开展主题党日"),  # only September's: August's shortfall stands
])
def test_unreadable_theme_day_leaves_the_meetings_judged(make_grids, header, known, held, judged):
    def edit(settings, rows):
        _drop(rows, "会议记录", _meeting("党员大会", 7))
        _drop(rows, "活动记录", lambda r: r["活动类型"] == "主题党日" and r["日期"].month == 8)
        edit.line = line_of(rows["活动记录"], lambda r: r["活动类型"] == "主题党日" and r["日期"].month == 9)

    grids = make_grids(edit)
    address = cell("活动记录", header, edit.line)
    checked = check_grids(with_cells(grids, "活动记录", {address.split("!")[1]: "#N/A"}))
    said = _shortfalls(checked)
    assert said["life-general-meeting"].startswith("第三季度未召开党员大会")
    assert said.get("life-theme-day", "")[:len(judged or "")] == (judged or "")
    assert ("life-theme-day" in said) is bool(judged)
    assert said["life-held-back"].startswith(f"活动记录第{edit.line}行（{known}）的{header}无法读取，这次活动可能正是"
                                             f"所缺的那一次，以下次数暂不核对：{held}的主题党日次数")
    assert [(f.code, f.address) for f in checked.report.findings if f.level.value != "warning"] == [
        ("error-value", address), ("life-held-back", address)]


def test_unreadable_group_of_a_group_meeting_holds_back_its_month_for_every_group(make_grids):
    # 第一党小组's October meeting names no readable 党小组: October is held back for both groups
    # (第二党小组's October meeting is gone too), September's shortfall is still found.
    def edit(settings, rows):
        _drop(rows, "会议记录", _meeting("党小组会", 9, group="第一党小组"))
        _drop(rows, "会议记录", _meeting("党小组会", 10, group="第二党小组"))
        edit.line = line_of(rows["会议记录"], _meeting("党小组会", 10, group="第一党小组"))

    grids = make_grids(edit)
    address = cell("会议记录", "党小组", edit.line)
    said = _shortfalls(check_grids(with_cells(grids, "会议记录", {address.split("!")[1]: "#DIV/0!"})))
    assert said["life-group-meeting"].startswith("第一党小组9月未召开党小组会")
    assert said["life-held-back"] == (
        f"会议记录第{edit.line}行（2023年10月19日，党小组会）的党小组无法读取，这次会议可能正是所缺的那一次，"
        "以下次数暂不核对：第一党小组10月、第二党小组10月的党小组会次数；改正后重新校验即可核对")
