"""Period figures shared by the checks and the report, and the words they are said in."""
from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import numpy as np

from dangjian.api import check_workbook
from dangjian.figures.dues import _settle
from dangjian.figures.life import Gap, LifeItem
from dangjian.figures.roll import RollCount, is_full_member, is_member_on
from dangjian.period import Period, consecutive_runs
from dangjian.wording import month_runs, summarise_missing

from conftest import SAMPLE, row_named

YEAR = Period(2023, "全年", date(2023, 1, 1), date(2023, 12, 31))


def test_roll_count_agrees_with_membership_day_by_day(make_workbook):
    def churn(settings, rows):
        row_named(rows["党员名册"], "李文博")["转出日期"] = date(2023, 9, 15)
        row_named(rows["党员名册"], "陈建国")["转入日期"] = date(2023, 3, 1)

    ledger = check_workbook(make_workbook(churn)).ledger
    count = RollCount(ledger.members)
    groups = {m["group"] for m in ledger.members}
    day = date(2022, 12, 25)
    while day <= date(2024, 1, 5):
        assert count.on(day) == sum(is_member_on(m, day) for m in ledger.members), day
        for group in groups:
            expected = sum(is_member_on(m, day) and m["group"] == group for m in ledger.members)
            assert count.on(day, group=group) == expected, (day, group)
        day += timedelta(days=3)


def full_members_on(members, day):
    """The definition, member by member (what the roll's arrays must agree with)."""
    return [m for m in members if is_member_on(m, day) and is_full_member(m, day)]


def test_full_count_agrees_with_the_full_members_on_each_day(make_grids):
    from dangjian.api import check_grids

    def churn(settings, rows):
        row_named(rows["党员名册"], "李文博")["转出日期"] = date(2023, 9, 15)
        row_named(rows["党员名册"], "陈建国")["转入日期"] = date(2023, 3, 1)

    roll = check_grids(make_grids(churn)).figures.roll
    day = date(2022, 12, 25)
    while day <= date(2024, 1, 5):
        assert roll.full_count(day) == len(full_members_on(roll.members, day)), day
        assert roll.full_members(day) == full_members_on(roll.members, day), day
        day += timedelta(days=5)


def test_months_on_the_roll_are_the_months_with_a_day_on_the_roll(make_workbook):
    def churn(settings, rows):
        row_named(rows["党员名册"], "李文博")["转出日期"] = date(2023, 9, 1)  # off from 1 September
        row_named(rows["党员名册"], "陈建国")["转入日期"] = date(2023, 3, 31)  # on for one day of March

    figures = check_workbook(make_workbook(churn)).figures
    roll = figures.roll
    assert roll.months_of(roll.member_named("李文博")) == tuple(range(1, 9))
    assert roll.months_of(roll.member_named("陈建国")) == tuple(range(3, 13))
    assert roll.months_of(None) == ()


def test_month_runs_and_missing_summaries():
    assert consecutive_runs([8, 3, 4, 5]) == [(3, 4, 5), (8,)]
    assert month_runs((3, 4, 5, 8)) == "3月至5月、8月"
    assert month_runs((10, 11)) == "10月、11月"
    months = LifeItem("life-theme-day", "month", 12, 8, tuple(Gap(2023, m) for m in (7, 8, 9, 12)))
    assert summarise_missing(months, YEAR) == "7月至9月、12月"
    study = LifeItem("life-weekly-study", "week", 40, 32, tuple(Gap(2023, day=date(2023, 10, d)) for d in range(1, 9)),
                     weekday=0)
    assert summarise_missing(study, YEAR) == "10月1日、10月2日、10月3日、10月4日、10月5日等8次"
    quarter = LifeItem("life-lecture", "quarter", 4, 3, (Gap(2023, 3),))
    assert summarise_missing(quarter, YEAR) == "第三季度"


def test_settlement_moves_extra_money_quarter_first_then_back_then_ahead():
    cents = lambda *amounts: np.array([[int(a * 100) for a in amounts]], dtype=np.int64)  # noqa: E731
    owed = np.ones((1, 6), dtype=bool)
    # 10.00 a month; January unpaid, April pays 30.00. Quarterly, April's extra first settles its own quarter.
    balance, transfers = _settle(cents(0, 10, 10, 30, 0, 0), owed, np.array([1000]), quarterly=True)
    assert balance.tolist() == [[-1000, 0, 0, 0, 0, 0]]
    assert [(t.source, t.target, t.amount) for t in transfers[0]] == [(4, 5, Decimal("10.00")), (4, 6, Decimal("10.00"))]
    # Monthly payment only: the same money first settles the earlier month (a back-payment), then pays ahead.
    balance, transfers = _settle(cents(0, 10, 10, 30, 0, 0), owed, np.array([1000]), quarterly=False)
    assert balance.tolist() == [[0, 0, 0, 0, 0, -1000]]
    assert [(t.source, t.target) for t in transfers[0]] == [(4, 1), (4, 5)]


def test_settlement_of_many_rows_gives_each_row_its_own_transfers():
    """Rows that cannot move money (all settled, or nothing short) are skipped, the others keep their numbers."""
    paid = np.array([[1000, 1000, 1000], [3000, 0, 0], [1000, 2000, 1000], [0, 0, 3000], [2000, 1000, 0]],
                    dtype=np.int64)
    balance, transfers = _settle(paid, np.ones(paid.shape, dtype=bool), np.full(5, 1000), quarterly=False)
    assert balance.tolist() == [[0, 0, 0], [0, 0, 0], [0, 1000, 0], [0, 0, 0], [0, 0, 0]]
    assert {i: [(t.source, t.target) for t in moved] for i, moved in transfers.items()} == {
        1: [(1, 2), (1, 3)], 3: [(3, 1), (3, 2)], 4: [(1, 3)]}


def test_sample_roll_on_the_key_meeting_day_is_its_attendance():
    ledger = check_workbook(SAMPLE).ledger
    meeting = next(m for m in ledger.meetings if m["in_report"])
    assert RollCount(ledger.members).on(meeting["date"]) == meeting["expected"] == 19


# ---- one definition each (issue 21) -----------------------------------------------------------

def test_collection_rate_is_the_settled_share_and_is_never_said_as_whole_while_one_owes(make_grids):
    """Paying 200 元 extra does not hide 3.00 元 still owed: paid ÷ due was 101.4 %."""
    from dangjian.api import check_grids
    from dangjian.wording import format_rate

    def short_and_over(settings, rows):
        rows["党费收缴"][1]["12月"] -= Decimal("3.00")
        rows["党费收缴"][2]["11月"] += Decimal("200")

    dues = check_grids(make_grids(short_and_over)).figures.dues
    assert dues.paid > dues.due and dues.outstanding == Decimal("3.00")
    assert dues.settled == dues.due - Decimal("3.00") and dues.collection_rate == dues.settled / dues.due
    assert format_rate(dues.collection_rate, places=1) == "99.9%"
    assert format_rate(dues.collection_rate, places=2) == "99.97%"
    assert format_rate(Decimal(1), places=1) == "100.0%" and format_rate(None) == ""


def test_committee_term_ends_by_the_branch_kinds_default_or_its_extension(make_grids):
    """支委会任期 blank: 村 serves 5 years (the term-end figure the 党委 summary read as None)."""
    from dangjian.api import check_grids
    from dangjian.figures.organisation import TERM_ENDED, TERM_ENDING, TERM_RUNNING

    def village(extended=None):
        def edit(settings, rows):
            settings["支部类型"] = "村"
            settings.pop("支委会任期（年）", None)
            for member in rows["支委会成员"]:
                member["当选日期"] = date(2018, 12, 1)
            rows["支委会成员"][0]["任期延期至"] = extended
        return check_grids(make_grids(edit)).figures.committee_term

    term = village()
    assert (term.years, term.years_by_kind, term.end, term.status) == (5, True, date(2023, 12, 1), TERM_ENDED)
    assert term.end_cell == "支委会成员!D2"
    term = village(date(2024, 3, 1))
    assert term.extended and term.end == date(2024, 3, 1) and term.status == TERM_ENDING
    term = village(date(2024, 11, 30))
    assert term.end == date(2024, 11, 30) and term.status == TERM_RUNNING


def test_notice_totals_count_only_the_rows_the_figures_judge(make_grids):
    """A row whose 月应交 cannot be read is listed as written but, as in every other document, not summed."""
    from dangjian.api import check_grids
    from dangjian.documents.dues_notice import notice_document
    from dangjian.read.values import format_money

    def unreadable(settings, rows):
        rows["党费收缴"][0]["月应交"] = "二百零五元六角"

    checked = check_grids(make_grids(unreadable))
    dues, months = checked.figures.dues, list(range(7, 13))
    context = notice_document(checked.ledger, checked.figures, today=date(2024, 1, 5)).context
    skipped = dues.members[0]
    assert not skipped.judged and skipped.paid_in(months) > 0
    assert context["paid"] == format_money(dues.paid_in(months))
    assert context["due"] == format_money(dues.due_in(months))
    assert context["totals"]["total"] == format_money(dues.paid_in(months) + skipped.paid_in(months))
