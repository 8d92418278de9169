"""发展党员 timeline: each rule fires at the date cell that breaks it, and stays silent on the sample."""
from __future__ import annotations

from datetime import date

import pytest

from dangjian.api import check_grids
from dangjian.read.grid import grid_from_rows
from rules_helpers import cell, found, line_of, with_rule

from conftest import row_named

DEV = ("dev-",)
SHEET = "发展党员"


def _person(name: str, **dates):
    """An edit that changes some of one person's cells (header → value)."""
    def edit(settings, rows):
        people = rows[SHEET]
        edit.line = line_of(people, lambda r: r["姓名"] == name)
        people[edit.line - 2].update(dates)

    return edit


def _at(edit, header: str) -> str:
    return cell(SHEET, header, edit.line)


def test_sample_pipeline_keeps_every_rule(make_grids):
    assert found(make_grids(), *DEV) == []


@pytest.mark.parametrize("birth, fires", [(date(2005, 11, 7), True), (date(2005, 11, 6), False)])
def test_applicant_must_be_eighteen(make_grids, birth, fires):
    edit = _person("冯一鸣", 出生日期=birth)  # applied 2023-11-06
    result = found(make_grids(edit), *DEV)
    assert result == ([("dev-age", _at(edit, "递交申请书日期"))] if fires else [])


@pytest.mark.parametrize("talked, fires", [(date(2023, 12, 7), True), (date(2023, 12, 6), False), (None, True)])
def test_talk_within_one_month(make_grids, talked, fires):
    edit = _person("冯一鸣", 谈话日期=talked)  # applied 2023-11-06, period ends 2023-12-31
    result = found(make_grids(edit), *DEV)
    assert result == ([("dev-talk-late", _at(edit, "谈话日期"))] if fires else [])


def test_missing_talk_is_not_late_before_the_month_is_over(make_grids):
    edit = _person("冯一鸣", 递交申请书日期=date(2023, 12, 20), 谈话日期=None)
    assert found(make_grids(edit), *DEV) == []


@pytest.mark.parametrize("candidate, fires", [(date(2023, 5, 16), True), (date(2023, 5, 17), False)])
def test_activist_trained_a_year_before_candidate(make_grids, candidate, fires):
    edit = _person("何佳怡", 确定发展对象日期=candidate)  # activist 2022-05-17
    result = found(make_grids(edit), *DEV)
    assert result == ([("dev-activist-short", _at(edit, "确定发展对象日期"))] if fires else [])


def test_activist_period_follows_the_rule_setting(make_grids):
    # With 18 months both 李思雨 (13 months) and 何佳怡 (12 months) were made candidates too early.
    grids = make_grids(with_rule("积极分子培养期（月）", 18))
    assert found(grids, *DEV) == [("dev-activist-short", cell(SHEET, "确定发展对象日期", line)) for line in (2, 3)]


@pytest.mark.parametrize("header, code", [("政治审查日期", "dev-no-review"), ("集中培训日期", "dev-no-training")])
def test_review_and_training_before_admission(make_grids, header, code):
    edit = _person("李思雨", **{header: None})
    assert found(make_grids(edit), *DEV) == [(code, _at(edit, header))]


def test_review_and_training_not_owed_before_admission(make_grids):
    edit = _person("罗俊杰", 确定发展对象日期=date(2023, 12, 1))  # no review yet, not admitted
    assert found(make_grids(edit), *DEV) == []


@pytest.mark.parametrize("approved, code", [
    (date(2023, 8, 24), "dev-approval-late"), (date(2023, 8, 23), None),
    # 细则: 最长不得超过六个月 — beyond it an error, said once instead of the three-month warning.
    (date(2023, 11, 23), "dev-approval-late"), (date(2023, 11, 24), "dev-approval-overdue"),
    (None, "dev-approval-overdue"),  # still not approved seven months on, at the period end
])
def test_approval_within_three_months_and_never_beyond_six(make_grids, approved, code):
    edit = _person("李思雨", 上级党委审批日期=approved)  # admitted 2023-05-23
    result = found(make_grids(edit), *DEV)
    assert result == ([(code, _at(edit, "上级党委审批日期"))] if code else [])


def test_approval_still_in_time_at_the_period_end(make_grids):
    edit = _person("何佳怡", 上级党委审批日期=None)  # admitted 2023-11-21: due by 2024-02-21
    assert found(make_grids(edit), *DEV) == []


def test_dates_out_of_order_point_at_the_later_step(make_grids):
    edit = _person("罗俊杰", 谈话日期=date(2022, 9, 1))  # applied 2022-09-13
    assert found(make_grids(edit), *DEV) == [("dev-date-order", _at(edit, "谈话日期"))]


def test_admission_before_review_is_out_of_order(make_grids):
    edit = _person("何佳怡", 政治审查日期=date(2023, 12, 1))  # admitted 2023-11-21
    assert found(make_grids(edit), *DEV) == [("dev-date-order", _at(edit, "接收预备党员日期"))]


def test_review_and_training_may_come_in_either_order(make_grids):
    edit = _person("李思雨", 政治审查日期=date(2023, 3, 21), 集中培训日期=date(2023, 1, 10))
    assert found(make_grids(edit), *DEV) == []


def test_probation_overdue_without_full_membership(make_grids):
    # 罗俊杰 is not on the roll, so the 发展党员 sheet is the only place that can say it.
    edit = _person("罗俊杰", 递交申请书日期=date(2020, 9, 10), 谈话日期=date(2020, 9, 28),
                   确定入党积极分子日期=date(2020, 11, 16), 确定发展对象日期=date(2021, 12, 13), 政治审查日期=date(2022, 1, 10),
                   集中培训日期=date(2022, 3, 20), 接收预备党员日期=date(2022, 5, 23), 上级党委审批日期=date(2022, 6, 20))
    assert found(make_grids(edit), *DEV) == [("dev-probation-overdue", _at(edit, "转为正式党员日期"))]

    def confirmed(settings, rows):
        edit(settings, rows)
        rows[SHEET][edit.line - 2]["转为正式党员日期"] = date(2023, 5, 23)

    assert found(make_grids(confirmed), *DEV) == []


def test_overdue_probation_of_a_member_on_the_roll_is_reported_once(make_grids, sample_source):
    # Both sheets say 李思雨 was admitted on 2022-05-23 and never confirmed: the roll's finding only.
    person = _person("李思雨", 递交申请书日期=date(2020, 9, 10), 谈话日期=date(2020, 9, 28),
                     确定入党积极分子日期=date(2020, 11, 16), 确定发展对象日期=date(2021, 12, 13),
                     政治审查日期=date(2022, 1, 10), 集中培训日期=date(2022, 3, 20),
                     接收预备党员日期=date(2022, 5, 23), 上级党委审批日期=date(2022, 6, 20))

    def edit(settings, rows):
        person(settings, rows)
        row_named(rows["党员名册"], "李思雨")["入党日期"] = date(2022, 5, 23)

    member_line = line_of(sample_source[1]["党员名册"], lambda r: r["姓名"] == "李思雨")
    assert found(make_grids(edit), "dev-", "probationary-", "roll-") == [
        ("probationary-overdue", cell("党员名册", "转正日期", member_line))]


def test_late_talk_and_late_approval_are_worded_alike(make_grids):
    edit = _person("李思雨", 谈话日期=date(2021, 10, 11), 上级党委审批日期=date(2023, 8, 24))
    report = check_grids(make_grids(edit)).report
    late = {f.code: f for f in report.findings if f.code in ("dev-talk-late", "dev-approval-late")}
    assert sorted((code, f.address) for code, f in late.items()) == [
        ("dev-approval-late", _at(edit, "上级党委审批日期")), ("dev-talk-late", _at(edit, "谈话日期"))]
    assert all("个月内应" in f.message and "已超期" in f.message for f in late.values())


# 入党介绍人: two full members of the roll on the day the 支部大会 admits (党章第五条).
@pytest.mark.parametrize("sponsors, code", [
    ("马国庆、徐静", None),
    ("李思雨、马国庆", "dev-sponsor-not-full"),  # 李思雨 was admitted 2023-05-23: a 预备党员 on 2023-11-21
    ("马国庆、外单位党员", None),  # a name off the roll may be a member elsewhere: not judged
    ("马国庆", "dev-sponsor-count"),
])
def test_sponsors_are_two_full_members_at_admission(make_grids, sponsors, code):
    edit = _person("何佳怡", 入党介绍人=sponsors)  # admitted 2023-11-21
    assert found(make_grids(edit), *DEV) == ([(code, _at(edit, "入党介绍人"))] if code else [])


def test_sponsor_judged_on_the_admission_day_not_today(make_grids):
    # 何佳怡 herself became a member on 2023-11-21: a 介绍人 of someone admitted the day before she was not one.
    edit = _person("李思雨", 入党介绍人="何佳怡、马国庆")  # admitted 2023-05-23
    assert found(make_grids(edit), *DEV) == [("dev-sponsor-not-full", _at(edit, "入党介绍人"))]


@pytest.mark.parametrize("first, last, code", [
    (date(2023, 11, 10), date(2023, 11, 14), None),  # five days, the default setting
    (date(2023, 11, 10), date(2023, 11, 13), "dev-notice-short"),
    (date(2023, 11, 16), date(2023, 11, 21), "dev-notice-late"),  # still running on the day of the 支部大会
    (date(2023, 11, 14), date(2023, 11, 10), "dev-date-order"),
])
def test_admission_notice_long_enough_and_over_before_the_meeting(make_grids, first, last, code):
    edit = _person("何佳怡", 接收公示开始=first, 接收公示结束=last)  # admitted 2023-11-21
    assert found(make_grids(edit), *DEV) == ([(code, _at(edit, "接收公示结束"))] if code else [])


def test_notice_length_follows_the_rule_setting(make_grids):
    edit = _person("何佳怡", 发展对象公示开始=date(2023, 6, 1), 发展对象公示结束=date(2023, 6, 5))  # candidate 06-13
    assert found(make_grids(edit), *DEV) == []
    assert found(make_grids(with_rule("发展党员公示最少天数", 6, edit)), *DEV) == [
        ("dev-notice-short", _at(edit, "发展对象公示结束"))]


def test_committee_review_and_pre_review_come_between_training_and_admission(make_grids):
    # 细则第十九条: 支部委员会审查, then the 党委's 预审, then the 支部大会.
    edit = _person("何佳怡", 支委会审查日期=date(2023, 9, 1), 上级党委预审日期=date(2023, 10, 20))  # trained 09-20
    assert found(make_grids(edit), *DEV) == [("dev-date-order", _at(edit, "支委会审查日期"))]


NEW_COLUMNS = ("民族", "学历", "工作单位及职务", "发展对象公示开始", "发展对象公示结束", "入党介绍人", "支委会审查日期",
               "上级党委预审日期", "接收公示开始", "接收公示结束", "转正公示开始", "转正公示结束")


def test_a_workbook_from_before_the_new_columns_reads_as_it_did(make_grids):
    # The 发展党员 sheet as it was: the columns issue 24 added taken out, every other column in place.
    grids = dict(make_grids())
    sheet = grids[SHEET]
    keep = [i for i, header in enumerate(sheet.rows[0]) if header not in NEW_COLUMNS]
    assert len(keep) == len(sheet.rows[0]) - len(NEW_COLUMNS)
    grids[SHEET] = grid_from_rows(SHEET, [[row[i] for i in keep if i < len(row)] for row in sheet.rows])
    checked = check_grids(grids)
    assert [f.code for f in checked.report.findings] == [f.code for f in check_grids(make_grids()).report.findings]
    assert all(t.step("committee_reviewed").taken is None for t in checked.figures.timelines)


@pytest.mark.parametrize("number, fires", [("0571-87654321", False), ("139 1234 5678", True), ("13912345678", True)])
def test_a_mobile_number_as_the_contact_is_said_without_echoing_it(make_grids, number, fires):
    def edit(settings, rows):
        settings["党支部联系电话"] = number

    report = check_grids(make_grids(edit)).report
    found_here = [f for f in report.findings if f.code == "dev-contact-mobile"]
    assert len(found_here) == fires
    assert all("5678" not in f.message for f in found_here)
