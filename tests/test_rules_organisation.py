"""Elections, decisions, the committee, 预备党员 on the roll and 身份证号."""
from __future__ import annotations

import json
import random
from datetime import date

import pytest

from dangjian.api import check_grids
from dangjian.rules.organisation import _check_char
from rules_helpers import cell, found, key_range, line_of

ORG = ("election-", "decision-", "committee-", "probationary-", "id-")
ELECTION_DAY = date(2023, 8, 18)


def _meeting_edit(predicate, **values):
    def edit(settings, rows):
        meetings = rows["会议记录"]
        edit.line = line_of(meetings, predicate)
        meetings[edit.line - 2].update(values)

    return edit


def _election(r):
    return r["日期"] == ELECTION_DAY and r["会议类型"] == "支委会"


def _key_meeting(r):
    return r["日期"] == date(2023, 10, 9) and r["会议类型"] == "党员大会"


def test_sample_keeps_every_organisation_rule(make_grids):
    assert found(make_grids(), *ORG) == []


@pytest.mark.parametrize("expected, present, fires", [(3, 2, True), (20, 16, True), (20, 17, False), (3, 3, False)])
def test_election_needs_more_than_four_fifths(make_grids, expected, present, fires):
    edit = _meeting_edit(_election, 应到人数=expected, 实到人数=present)
    result = found(make_grids(edit), *ORG)
    assert result == ([("election-quorum", cell("会议记录", "实到人数", edit.line))] if fires else [])


def test_election_at_a_general_meeting_is_judged_by_four_fifths_only(make_grids):
    # 15 of 20 is a majority (enough for a decision) but not four fifths (needed to elect).
    edit = _meeting_edit(_key_meeting, 专题="换届选举", 应到人数=20, 实到人数=15)
    assert found(make_grids(edit), *ORG) == [("election-quorum", cell("会议记录", "实到人数", edit.line))]


# 应到 16 is at most the 17 full members on the roll that day: taken as those with a vote.
@pytest.mark.parametrize("present, fires", [(7, True), (8, False), (9, False)])
def test_general_meeting_needs_half_of_the_voters(make_grids, present, fires):
    # 半数以上 includes half itself: 8 of 16 is enough.
    edit = _meeting_edit(_key_meeting, 应到人数=16, 实到人数=present)
    result = found(make_grids(edit), *ORG)
    assert result == ([("decision-quorum", cell("会议记录", "实到人数", edit.line))] if fires else [])


def test_general_meeting_counting_probationers_is_judged_on_the_voters(make_grids):
    # 19 on the roll on 10月9日, 2 of them 预备党员 (17 voters); 10 present of 19 is more than half,
    # but with both 预备党员 counted present only 8 of the 17 voters were there.
    edit = _meeting_edit(_key_meeting, 应到人数=19, 实到人数=10)
    assert found(make_grids(edit), *ORG) == [("decision-quorum", cell("会议记录", "实到人数", edit.line))]
    edit = _meeting_edit(_key_meeting, 应到人数=19, 实到人数=11)
    assert found(make_grids(edit), *ORG) == []


def test_quorum_outside_the_period_is_not_judged(make_grids):
    edit = _meeting_edit(lambda r: r["日期"] == date(2023, 3, 14), 应到人数=20, 实到人数=5)
    assert found(make_grids(edit), *ORG) == []


def _committee(size: int):
    names = ["王集欣", "李文博", "张慧敏", "陈建国", "刘晓燕", "赵志强", "孙丽娟", "周文斌"]
    roles = ["书记", "宣传委员", "组织委员", "纪检委员", "青年委员", "其他委员", "其他委员", "其他委员"]

    def edit(settings, rows):
        rows["支委会成员"] = [{"姓名": n, "职务": r, "当选日期": ELECTION_DAY} for n, r in zip(names[:size], roles)]

    return edit


@pytest.mark.parametrize("size, fires", [(2, True), (3, False), (5, False), (7, False), (8, True)])
def test_committee_of_three_to_seven(make_grids, size, fires):
    result = found(make_grids(_committee(size)), *ORG)
    assert result == ([("committee-size", key_range("支委会成员", size))] if fires else [])


def test_committee_missing_when_seven_full_members(make_grids):
    assert found(make_grids(lambda s, r: r.update({"支委会成员": []})), *ORG) == [("committee-size", "支委会成员!B2")]


def _small_branch(committee_size: int):
    def edit(settings, rows):
        rows["党员名册"] = rows["党员名册"][:6]
        _committee(committee_size)(settings, rows)

    return edit


@pytest.mark.parametrize("committee_size, fires", [(3, True), (2, False), (0, False)])
def test_small_branch_has_no_committee(make_grids, committee_size, fires):
    result = [(c, a) for c, a in found(make_grids(_small_branch(committee_size)), *ORG) if c == "committee-size"]
    assert result == ([("committee-size", key_range("支委会成员", committee_size))] if fires else [])


@pytest.mark.parametrize("elected, code", [
    (date(2020, 8, 18), "committee-term-ended"),  # ended 2023-08-18
    (date(2021, 3, 1), "committee-term-ending"),  # ends 2024-03-01, within six months of 2023-12-31
    (date(2021, 7, 1), None),  # ends 2024-07-01
])
def test_committee_term(make_grids, elected, code):
    def edit(settings, rows):
        for member in rows["支委会成员"]:
            member["当选日期"] = elected
        rows["支委会成员"][1]["当选日期"] = date(2019, 1, 1)  # the latest election counts

    result = found(make_grids(edit), "committee-term")
    assert result == ([(code, cell("支委会成员", "当选日期", 2))] if code else [])


def test_committee_term_follows_the_basic_setting(make_grids):
    def edit(settings, rows):
        settings["支委会任期（年）"] = 5
        for member in rows["支委会成员"]:
            member["当选日期"] = date(2020, 8, 18)

    assert found(make_grids(edit), "committee-term") == []


def _member_edit(name: str, **values):
    def edit(settings, rows):
        members = rows["党员名册"]
        edit.line = line_of(members, lambda r: r["姓名"] == name)
        members[edit.line - 2].update(values)

    return edit


@pytest.mark.parametrize("joined, confirmed, fires", [
    (date(2022, 5, 23), None, True), (date(2023, 5, 23), None, False), (date(2022, 5, 23), date(2023, 5, 24), False),
])
def test_probationary_member_overdue(make_grids, joined, confirmed, fires):
    edit = _member_edit("李思雨", 入党日期=joined, 转正日期=confirmed)
    result = found(make_grids(edit), "probationary-")
    assert result == ([("probationary-overdue", cell("党员名册", "转正日期", edit.line))] if fires else [])


def _id_of(rows: list[dict], name: str) -> str:
    return next(r["身份证号"] for r in rows if r["姓名"] == name)


def _with_id(name: str, change):
    def edit(settings, rows):
        members = rows["党员名册"]
        edit.line = line_of(members, lambda r: r["姓名"] == name)
        edit.number = change(members[edit.line - 2]["身份证号"])
        members[edit.line - 2]["身份证号"] = edit.number

    return edit


def _flip_last(number: str) -> str:
    return number[:17] + ("0" if number[17] != "0" else "1")


@pytest.mark.parametrize("change", [_flip_last, lambda n: n[:16], lambda n: n[:10] + "A" + n[11:],
                                   lambda n: n[:10] + "13" + n[12:17]])
def test_bad_id_number_never_quoted(make_grids, change):
    edit = _with_id("张慧敏", change)
    grids = make_grids(edit)
    assert found(grids, "id-") == [("id-check-digit", cell("党员名册", "身份证号", edit.line))]
    shown = json.dumps(check_grids(grids).report.to_dict(), ensure_ascii=False)
    assert edit.number not in shown and edit.number[:17] not in shown


def test_check_digit_is_the_standards_weighted_sum():
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)  # GB 11643-1999
    rng = random.Random(11643)
    for _ in range(2000):
        digits = "".join(rng.choice("0123456789") for _ in range(17))
        assert _check_char(digits) == "10X98765432"[sum(w * int(d) for w, d in zip(weights, digits)) % 11]


# Digits of another script (Arabic-Indic here) are digits to the check as to int(); spaces inside are dropped.
_ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


@pytest.mark.parametrize("change", [lambda n: n[:17].translate(_ARABIC_INDIC) + n[17], lambda n: f"{n[:6]} {n[6:14]}\u3000{n[14:]}"])
def test_id_number_in_other_digits_or_spaced_is_still_checked(make_grids, change):
    assert found(make_grids(_with_id("张慧敏", change)), "id-") == []
    assert found(make_grids(_with_id("张慧敏", lambda n: change(_flip_last(n)))), "id-")


def test_id_number_agrees_with_birth_and_gender(make_grids):
    edit = _member_edit("张慧敏", 出生日期=date(1979, 11, 4), 性别="男")
    grids = make_grids(edit)
    assert found(grids, "id-") == [("id-birth-mismatch", cell("党员名册", "出生日期", edit.line)),
                                  ("id-gender-mismatch", cell("党员名册", "性别", edit.line))]
    settings_rows = check_grids(grids).ledger.members
    number = next(m["id_number"] for m in settings_rows if m["name"] == "张慧敏")
    assert all(number not in f.message and number[6:14] not in f.message for f in check_grids(grids).report.findings)


def test_old_fifteen_digit_id_and_lowercase_x(make_grids):
    # 张慧敏: 1979-11-03, 女 → a 15-digit number with an even last digit agrees.
    def edit(settings, rows):
        member = next(r for r in rows["党员名册"] if r["姓名"] == "张慧敏")
        member["身份证号"] = "130124791103002"
        other = next(r for r in rows["党员名册"] if r["身份证号"].endswith("X"))
        other["身份证号"] = other["身份证号"].lower()

    assert found(make_grids(edit), "id-") == []


def test_blank_id_is_not_checked(make_grids):
    assert found(make_grids(_member_edit("张慧敏", 身份证号=None, 性别="男")), "id-") == []
