"""党费: the rate rule's boundaries, and each dues check firing at its cell or staying silent."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
import pytest

from dangjian.api import check_grids
from dangjian.dues_rate import monthly_dues
from dangjian.wording import month_runs
from rules_helpers import Grids, with_rule

from conftest import row_named

D = Decimal


def dues_findings(grids: Grids, prefix: str = "dues-") -> list[tuple[str, str]]:
    return sorted((f.code, f.address) for f in check_grids(grids).report.findings if f.code.startswith(prefix))


def dues_line(rows: dict, name: str) -> int:
    return 2 + [r["姓名"] for r in rows["党费收缴"]].index(name)


def member_line(rows: dict, name: str) -> int:
    return 2 + [r["姓名"] for r in rows["党员名册"]].index(name)


def dues(rows: dict, name: str) -> dict:
    return row_named(rows["党费收缴"], name)


# ---- the rate rule -----------------------------------------------------------------------

@pytest.mark.parametrize("base, expected", [
    ("3000.00", "15.00"), ("3000.01", "30.00"), ("5000", "50.00"), ("5000.01", "75.00"),
    ("10000", "150.00"), ("10000.01", "200.00"), ("5100", "76.50"), ("0", "0.00"),
])
def test_working_rate_applies_to_the_whole_base(base, expected):
    assert monthly_dues("在职", D(base), rules=None) == D(expected)


@pytest.mark.parametrize("base, expected", [("5000", "25.00"), ("5000.01", "50.00"), ("4860", "24.30")])
def test_retired_rate(base, expected):
    assert monthly_dues("离退休", D(base), rules={}) == D(expected)


@pytest.mark.parametrize("category", ["学生", "下岗失业", "低保"])
def test_fixed_minimum_categories_ignore_the_base(category):
    assert monthly_dues(category, D("8000"), rules={}) == D("0.20")
    assert monthly_dues(category, None, rules={"minimum_monthly": D("0.3")}) == D("0.30")


def test_farmer_amount_comes_from_the_setting():
    assert monthly_dues("农民", None, rules={}) == D("0.20")
    assert monthly_dues("农民", None, rules={"farmer_monthly": D("1")}) == D("1.00")


def test_no_rule_for_other_or_a_missing_base():
    assert monthly_dues("其他", D("5000"), rules={}) is None
    assert monthly_dues("在职", None, rules={}) is None


def test_rounding_settings():
    assert monthly_dues("在职", D("4321.55"), rules={}) == D("43.22")  # 43.2155 half up
    up = {"dues_rounding": "向上取整到元"}
    assert monthly_dues("在职", D("5100"), rules=up) == D("77.00")
    assert monthly_dues("在职", D("3000.01"), rules=up) == D("30.00")  # cents first, no phantom yuan
    assert monthly_dues("在职", D("3000"), rules=up) == D("15.00")


def test_brackets_come_from_the_settings():
    # A workbook that never had the rows reads the defaults as text; both must work.
    assert monthly_dues("在职", D("3500"), rules={"working_bracket_1": "4000"}) == D("17.50")
    assert monthly_dues("在职", D("3500"), rules={"working_bracket_1": D("4000")}) == D("17.50")


# ---- the sample ---------------------------------------------------------------------------

def test_sample_has_no_dues_findings(sample_grids):
    assert dues_findings(sample_grids) == []


# ---- 月应交 against the rule ---------------------------------------------------------------

def test_monthly_amount_below_the_rule_is_an_error_at_its_cell(make_grids, sample_source):
    def edit(settings, rows):
        row = dues(rows, "郑雅琴")  # base 3860 → 38.60
        row["月应交"] = D("30.00")
        for m in range(1, 13):
            row[f"{m}月"] = D("30.00")

    line = dues_line(sample_source[1], "郑雅琴")
    assert dues_findings(make_grids(edit)) == [("dues-rate-mismatch", f"党费收缴!E{line}")]


def test_monthly_amount_above_the_rule_warns_or_notes_a_volunteer(make_grids, sample_source):
    def above(note):
        def edit(settings, rows):
            row = dues(rows, "郑雅琴")
            row["月应交"], row["备注"] = D("50.00"), note
            for m in range(1, 13):
                row[f"{m}月"] = D("50.00")
        return edit

    line = dues_line(sample_source[1], "郑雅琴")
    assert dues_findings(make_grids(above(None))) == [("dues-rate-above", f"党费收缴!E{line}")]
    assert dues_findings(make_grids(above("本人自愿多交"))) == [("dues-voluntary", f"党费收缴!E{line}")]


def test_round_up_to_yuan_setting_accepts_whole_yuan_amounts(make_grids, sample_source):
    def edit(settings, rows):
        row = dues(rows, "郑雅琴")  # 38.60 → 39.00 when rounding up to yuan
        row["月应交"] = D("39.00")
        for m in range(1, 13):
            row[f"{m}月"] = D("39.00")

    grids = make_grids(edit)
    line = dues_line(sample_source[1], "郑雅琴")
    assert dues_findings(grids) == [("dues-rate-above", f"党费收缴!E{line}")]
    rounded_up = dues_findings(make_grids(with_rule("党费舍入方式", "向上取整到元", edit)))
    # Now 郑雅琴 is right, and the sample's amounts in cents fall short of the whole-yuan rule.
    assert all(code == "dues-rate-mismatch" for code, _ in rounded_up)
    assert f"党费收缴!E{line}" not in [cell for _, cell in rounded_up]
    assert "党费收缴!E2" in [cell for _, cell in rounded_up]  # 王集欣 205.60 → 206.00


def test_monthly_amount_over_the_cap(make_grids, sample_source):
    def edit(settings, rows):
        row = dues(rows, "王集欣")
        row["月计算基数"], row["月应交"] = D("60000"), D("1200.00")
        for m in range(1, 13):
            row[f"{m}月"] = D("1200.00")

    line = dues_line(sample_source[1], "王集欣")
    assert dues_findings(make_grids(edit)) == [("dues-over-cap", f"党费收缴!E{line}")]


def test_missing_base_is_noted_for_a_percentage_category(make_grids, sample_source):
    line = dues_line(sample_source[1], "徐静")
    grids = make_grids(lambda s, rows: dues(rows, "徐静").update({"月计算基数": None}))
    assert dues_findings(grids) == [("dues-base-missing", f"党费收缴!D{line}")]


# ---- months paid --------------------------------------------------------------------------

def blank(row: dict, months) -> None:
    for m in months:
        row[f"{m}月"] = None


def test_six_unpaid_months_are_a_streak_at_their_cells(make_grids, sample_source):
    line = dues_line(sample_source[1], "李文博")
    grids = make_grids(lambda s, rows: blank(dues(rows, "李文博"), range(3, 9)))
    assert dues_findings(grids) == [("dues-streak", f"党费收缴!H{line}:M{line}")]
    finding = next(f for f in check_grids(grids).report.findings if f.code == "dues-streak")
    assert "第十三条" in finding.basis and "98.15" in finding.message


def test_five_unpaid_months_are_underpaid_not_a_streak(make_grids, sample_source):
    line = dues_line(sample_source[1], "李文博")
    grids = make_grids(lambda s, rows: blank(dues(rows, "李文博"), range(3, 8)))
    assert dues_findings(grids) == [("dues-underpaid", f"党费收缴!H{line}:L{line}")]


def test_streak_length_comes_from_the_settings(make_grids, sample_source):
    line = dues_line(sample_source[1], "李文博")
    grids = make_grids(with_rule("连续未交党费月数（按自行脱党处理）", 5,
                                 lambda s, rows: blank(dues(rows, "李文博"), range(3, 8))))
    assert dues_findings(grids) == [("dues-streak", f"党费收缴!H{line}:L{line}")]


def test_a_short_month_is_underpaid_at_that_month(make_grids, sample_source):
    line = dues_line(sample_source[1], "李文博")
    grids = make_grids(lambda s, rows: dues(rows, "李文博").update({"9月": D("50.00")}))
    assert dues_findings(grids) == [("dues-underpaid", f"党费收缴!N{line}")]


def test_months_before_admission_are_not_owed(make_grids, sample_source):
    # 李思雨 was admitted on 2023-05-23: January to April are blank in the sample and owed nothing.
    assert all(dues(sample_source[1], "李思雨")[f"{m}月"] is None for m in range(1, 5))
    line = dues_line(sample_source[1], "李思雨")
    grids = make_grids(lambda s, rows: dues(rows, "李思雨").update({"1月": D("15.75")}))
    assert dues_findings(grids) == [("dues-outside-membership", f"党费收缴!F{line}")]


def test_a_quarter_paid_in_one_of_its_months_is_fine(make_grids):
    def edit(settings, rows):
        row = dues(rows, "徐静")
        blank(row, (7, 8))
        row["9月"] = row["月应交"] * 3

    assert dues_findings(make_grids(edit)) == []


def test_a_quarter_in_progress_is_late_only_for_monthly_payers(make_grids, sample_source):
    # 第十二条: monthly, quarterly only with the branch's consent (交纳方式 按季, or the 规则设置 default).
    def edit(settings, rows):
        settings.update({"报告期间": "自定义", "起始日期": date(2023, 1, 1), "结束日期": date(2023, 8, 31)})
        blank(dues(rows, "徐静"), (7, 8))

    def marked(settings, rows):
        edit(settings, rows)
        dues(rows, "徐静")["交纳方式"] = "按季"

    line = dues_line(sample_source[1], "徐静")
    assert dues_findings(make_grids(edit)) == [("dues-underpaid", f"党费收缴!L{line}:M{line}")]
    assert dues_findings(make_grids(marked)) == []
    assert dues_findings(make_grids(with_rule("允许按季度交纳党费", "是", edit))) == []
    # Marked 按月, the member is judged monthly whatever the 规则设置 default says.
    def monthly(settings, rows):
        edit(settings, rows)
        dues(rows, "徐静")["交纳方式"] = "按月"
    assert dues_findings(make_grids(with_rule("允许按季度交纳党费", "是", monthly))) == [
        ("dues-underpaid", f"党费收缴!L{line}:M{line}")]


def test_back_payment_of_more_than_six_months_warns(make_grids, sample_source):
    def edit(settings, rows):
        row = dues(rows, "徐静")
        blank(row, range(1, 8))
        row["8月"] = row["月应交"] * 8

    grids = make_grids(with_rule("允许按季度交纳党费", "否", edit))
    line = dues_line(sample_source[1], "徐静")
    assert dues_findings(grids) == [("dues-back-pay", f"党费收缴!M{line}")]


def test_a_short_back_payment_is_fine(make_grids):
    def edit(settings, rows):
        row = dues(rows, "徐静")
        blank(row, range(1, 4))
        row["4月"] = row["月应交"] * 4

    assert dues_findings(make_grids(edit)) == []


def test_paying_ahead_within_the_year_is_fine_but_beyond_it_is_overpaid(make_grids, sample_source):
    def ahead(settings, rows):
        row = dues(rows, "徐静")
        blank(row, range(2, 13))
        row["1月"] = row["月应交"] * 12

    assert dues_findings(make_grids(ahead)) == []
    line = dues_line(sample_source[1], "徐静")
    grids = make_grids(lambda s, rows: dues(rows, "徐静").update({"12月": dues(rows, "徐静")["月应交"] * 2}))
    assert dues_findings(grids) == [("dues-overpaid", f"党费收缴!Q{line}")]


def test_half_year_report_judges_only_up_to_june(make_grids):
    def edit(settings, rows):
        settings["报告期间"] = "上半年"
        blank(dues(rows, "李文博"), range(7, 13))

    assert dues_findings(make_grids(edit)) == []


# ---- rows against the roll ----------------------------------------------------------------

def test_member_without_a_dues_row(make_grids, sample_source):
    def edit(settings, rows):
        rows["党费收缴"] = [r for r in rows["党费收缴"] if r["姓名"] != "杨帆"]

    line = member_line(sample_source[1], "杨帆")
    assert dues_findings(make_grids(edit)) == [("dues-missing-row", f"党员名册!B{line}")]


def test_member_admitted_after_the_period_needs_no_row(make_grids):
    def edit(settings, rows):
        settings["报告期间"] = "上半年"  # 何佳怡 is admitted in November
        rows["党费收缴"] = [r for r in rows["党费收缴"] if r["姓名"] != "何佳怡"]

    assert dues_findings(make_grids(edit)) == []


def test_no_dues_row_for_a_member_who_left_before_the_year(make_grids, sample_source):
    def edit(settings, rows):
        row_named(rows["党员名册"], "高婷婷")["转出日期"] = date(2022, 12, 31)

    line = dues_line(sample_source[1], "高婷婷")
    assert dues_findings(make_grids(edit)) == [("dues-not-member", f"党费收缴!B{line}")]


def test_member_who_moved_out_owes_only_the_months_before(make_grids):
    def edit(settings, rows):
        row_named(rows["党员名册"], "高婷婷")["转出日期"] = date(2023, 6, 15)
        blank(dues(rows, "高婷婷"), range(7, 13))

    assert dues_findings(make_grids(edit)) == []


def test_duplicate_dues_row(make_grids, sample_source):
    def edit(settings, rows):
        rows["党费收缴"].append(dict(dues(rows, "杨帆")))

    line = 2 + len(sample_source[1]["党费收缴"])
    assert dues_findings(make_grids(edit)) == [("dues-duplicate-row", f"党费收缴!B{line}")]


def test_dues_category_disagrees_with_the_roll(make_grids, sample_source):
    def edit(settings, rows):
        row = dues(rows, "杨帆")
        row["党费类别"] = "离退休"  # 3000 × 0.5% is 15.00 under both rules, so only the category differs

    line = dues_line(sample_source[1], "杨帆")
    assert dues_findings(make_grids(edit)) == [("dues-category-mismatch", f"党费收缴!C{line}")]


def test_empty_dues_sheet_is_one_warning(make_grids):
    grids = make_grids(lambda s, rows: rows.update({"党费收缴": []}))
    assert dues_findings(grids) == [("dues-sheet-empty", "党费收缴!B2")]


def test_names_are_compared_without_spaces(make_grids):
    grids = make_grids(lambda s, rows: dues(rows, "杨帆").update({"姓名": "杨\u3000帆"}))
    assert dues_findings(grids, prefix="") == []


def test_dues_messages_carry_no_personal_numbers(make_grids, sample_source):
    def edit(settings, rows):
        blank(dues(rows, "李文博"), range(3, 9))
        rows["党费收缴"] = [r for r in rows["党费收缴"] if r["姓名"] != "杨帆"]

    findings = check_grids(make_grids(edit)).report.findings
    secrets = [m["身份证号"] for m in sample_source[1]["党员名册"]] + [m["联系电话"] for m in sample_source[1]["党员名册"]]
    assert findings and not any(s in f.message for f in findings for s in secrets)


def test_unpaid_months_are_worded_as_in_the_report(make_grids, sample_source):
    # Two months in a row read “10月、11月” in the report (wording.month_runs), so in the finding too.
    line = dues_line(sample_source[1], "李文博")
    grids = make_grids(lambda s, rows: blank(dues(rows, "李文博"), (10, 11)))
    findings = [f for f in check_grids(grids).report.findings if f.code.startswith("dues-")]
    assert [(f.code, f.address) for f in findings] == [("dues-underpaid", f"党费收缴!O{line}:P{line}")]
    assert findings[0].message.startswith(f"李文博 {month_runs((10, 11))}党费")
