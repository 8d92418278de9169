"""党费: the monthly amount against the rate rule, and each member's months against what was paid.

The months owed, paid and still short come from `figures.dues` (the figures the report states,
settled once), so a check and the report never disagree about who is behind.
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Iterator

from ..dues_rate import (
    RETIRED, ROUND_TO_JIAO, ROUND_UP_TO_YUAN, WORKING, Rate, RateSettingError, dues_rate, monthly_dues,
)
from ..figures import PeriodFigures
from ..figures.dues import ZERO, MemberDues
from ..figures.roll import member_start
from ..findings import Finding, FindingType, Level
from ..period import consecutive_runs
from ..read.records import Ledger, Row
from ..schema import DUES
from ..read.values import clean_name, format_date, format_money
from ..wording import month_runs
from .common import sheet_address

DOCUMENT = "中组发〔2008〕3号"

# Collecting less than the rule is an error: 第二条 fixes the rate, every dues figure of the report
# follows from 月应交, and an audit would ask for the difference to be paid back. Above the rule
# is only a warning (often a local rounding habit), and a 提示 when 备注 explains it: members may
# volunteer more.
RATE_BELOW = FindingType("dues-rate-mismatch", Level.ERROR, "月应交低于党费标准", f"{DOCUMENT} 第二条")
RATE_ABOVE = FindingType("dues-rate-above", Level.WARNING, "月应交高于党费标准", f"{DOCUMENT} 第二条")
VOLUNTARY = FindingType("dues-voluntary", Level.INFO, "自愿多交党费", f"{DOCUMENT} 第二条")
BASE_MISSING = FindingType("dues-base-missing", Level.INFO, "未填写月计算基数", f"{DOCUMENT} 第二条、第五条")
OVER_CAP = FindingType("dues-over-cap", Level.WARNING, "月应交超过上限", "组电明字〔2017〕5号：每月交纳额一般不超过1000元")
UNDERPAID = FindingType("dues-underpaid", Level.WARNING, "党费未交足", f"{DOCUMENT} 第十二条")
OVERPAID = FindingType("dues-overpaid", Level.WARNING, "党费多交", f"{DOCUMENT} 第二条")
STREAK = FindingType("dues-streak", Level.ERROR, "连续未交纳党费", f"{DOCUMENT} 第十三条；《中国共产党章程》第九条")
BACK_PAY = FindingType("dues-back-pay", Level.WARNING, "补交党费月数过多", f"{DOCUMENT} 第十二条")
OUTSIDE = FindingType("dues-outside-membership", Level.WARNING, "非在册月份交纳党费",
                      f"{DOCUMENT} 第八条；党员转入转出按在本支部的月份交纳")
NOT_MEMBER = FindingType("dues-not-member", Level.ERROR, "非本年度党员的党费记录", f"{DOCUMENT} 第八条")
MISSING_ROW = FindingType("dues-missing-row", Level.ERROR, "党员没有党费收缴记录", f"{DOCUMENT} 第十二条")
SHEET_EMPTY = FindingType("dues-sheet-empty", Level.WARNING, "党费收缴表没有数据", f"{DOCUMENT} 第十二条")
DUPLICATE_ROW = FindingType("dues-duplicate-row", Level.ERROR, "党费收缴记录重复")
# A warning, not an error: the report states no category; the rate check shows the consequence.
CATEGORY_MISMATCH = FindingType("dues-category-mismatch", Level.WARNING, "党费类别与党员名册不一致")


def check_rates(ledger: Ledger, figures: PeriodFigures) -> Iterator[Finding]:
    cap = Decimal(str(ledger.rules["monthly_cap"]))
    rates: dict[tuple[object, object], Rate | None] = {}  # a 党委's members share a few categories and bases
    for row in ledger.dues:
        name, category, base, monthly = row["name"], row["dues_category"], row["base"], row["monthly_due"]
        if monthly is None:
            continue
        rate = None
        if category in (WORKING, RETIRED) and base is None and row.known("base"):
            yield BASE_MISSING.at(row.cell("base"), f"{name} 党费类别为“{category}”，未填写月计算基数，无法核对月应交")
        else:
            try:
                rate = rates[category, base] if (category, base) in rates else dues_rate(category, base, rules=ledger.rules)
            except RateSettingError:
                continue  # the reader has already reported the 规则设置 cell
            rates[category, base] = rate
        if rate is not None and monthly < rate.amount:
            if row["reduction_approved"] or not row.known("reduction_approved"):
                continue  # 第七条: reduced or exempted with the higher committee's approval (or unreadable)
            yield RATE_BELOW.at(row.cell("monthly_due"), _should(row, rate) + f"月应交填写为{format_money(monthly)}元；"
                                "如经党支部研究、报上一级党委批准少交或免交，请在“少交免交批准”列填写批准日期或文号",
                                basis=rate.basis)
        elif monthly > cap:
            # 组电明字〔2017〕5号: 一般不超过1000元; more is the member's own wish, said in 备注.
            said = f"{name} 月应交{format_money(monthly)}元，超过每月{format_money(cap)}元（每月交纳额一般不超过该数）"
            if row["note"]:
                yield VOLUNTARY.at(row.cell("monthly_due"), f"{said}，备注：{row['note']}，按自愿多交处理", basis=OVER_CAP.basis)
            else:
                yield OVER_CAP.at(row.cell("monthly_due"), f"{said}；超出部分应为本人自愿多交，请核实并在备注中注明")
        elif rate is None or rate.accepts(monthly):
            continue
        elif row["note"]:
            yield VOLUNTARY.at(row.cell("monthly_due"), _should(row, rate) + f"月应交填写为{format_money(monthly)}元"
                               f"（备注：{row['note']}），按自愿多交处理", basis=rate.basis)
        else:
            hint = ""
            for mode in (ROUND_TO_JIAO, ROUND_UP_TO_YUAN):
                if (ledger.rules["dues_rounding"] != mode
                        and monthly_dues(category, base, rules={**ledger.rules, "dues_rounding": mode}) == monthly):
                    hint = f"；如本单位按{mode}计算，请在规则设置中把“党费舍入方式”改为“{mode}”"
                    break
            yield RATE_ABOVE.at(row.cell("monthly_due"), _should(row, rate) + f"月应交填写为{format_money(monthly)}元；"
                                "如为自愿多交，请在备注中注明" + hint, basis=rate.basis)


def _should(row: Row, rate: Rate) -> str:
    """“张三 党费类别为“在职”，月计算基数5100.00元，按1.5%计算每月应交76.50元，”"""
    start = f"{row['name']} 党费类别为“{row['dues_category']}”，"
    if rate.highest is not None:
        return start + (f"每月应交{format_money(rate.amount)}元至{format_money(rate.highest)}元"
                        "（由省级党委确定；规则设置中未填本省标准），")
    if rate.percent is None:
        return start + f"{rate.how}每月应交{format_money(rate.amount)}元，"
    start += f"月计算基数{format_money(row['base'])}元，"
    if rate.uncapped is not None:
        return start + (f"{rate.how}为{format_money(rate.uncapped)}元，每月交纳额一般不超过"
                        f"{format_money(rate.amount)}元，应交{format_money(rate.amount)}元，")
    return start + f"{rate.how}每月应交{format_money(rate.amount)}元，"


def check_rows(ledger: Ledger, figures: PeriodFigures) -> Iterator[Finding]:
    """Every member of the year has one dues row, and every dues row is a member of the year."""
    roll, year, last_month = figures.roll, figures.period.year, figures.dues.last_month

    def owes(member: Row) -> bool:  # for a month of the year that has passed
        months = roll.months_of(member)
        return bool(months) and min(months) <= last_month

    if not ledger.dues:
        owing = [m for m in ledger.members if owes(m)]
        if owing:
            yield SHEET_EMPTY.at(sheet_address(ledger, DUES), f"{DUES.name}表没有任何记录，{len(owing)}名党员{year}年的党费无法核对")
        return
    seen: dict[str, Row] = {}
    for row in ledger.dues:
        key = clean_name(row["name"])
        if key in seen:
            yield DUPLICATE_ROW.at(row.cell("name"), f"{row['name']} 在{DUES.name}表中有两行（另一行在第{seen[key].line}行），"
                                   "党费会被重复计算，请合并为一行")
            continue
        seen[key] = row
        member = roll.by_name.get(key)
        if member is None:
            continue  # name-not-on-roll (consistency) says it once
        if not roll.months_of(member) and roll.is_known(member):
            yield NOT_MEMBER.at(row.cell("name"), f"{row['name']} {_not_member_reason(member, year)}，"
                                f"不应有{year}年的党费收缴记录")
        elif row["dues_category"] and member["dues_category"] and row["dues_category"] != member["dues_category"]:
            yield CATEGORY_MISMATCH.at(row.cell("dues_category"), f"{row['name']} 党费类别为“{row['dues_category']}”，"
                                       f"党员名册中为“{member['dues_category']}”（{member.cell('dues_category')}）")
    if not ledger.complete(DUES.key):
        return  # a row without its 姓名 may be this member's: the missing-key finding says so
    for member in ledger.members:
        if clean_name(member["name"]) not in seen and owes(member):  # the name first: most have their row
            yield MISSING_ROW.at(member.cell("name"), f"{member['name']} {year}年在册，应交纳党费，"
                                 f"但{DUES.name}表中没有其记录")


def check_payments(ledger: Ledger, figures: PeriodFigures) -> Iterator[Finding]:
    rules, period = ledger.rules, figures.period
    streak_length = rules["unpaid_streak_months"]
    back_limit = rules["back_pay_months"]
    last_month = figures.dues.last_month
    seen: set[str] = set()
    for dues in figures.dues.members:
        row, member, monthly = dues.row, dues.member, dues.monthly
        key = clean_name(row["name"])
        # A name not on the roll is said once (name-not-on-roll); its months cannot be judged.
        if key in seen or monthly <= 0 or not dues.judged or member is None:
            continue
        seen.add(key)
        if member is not None and not dues.months_on_roll:
            continue  # dues-not-member covers the whole row
        if len(dues.months_on_roll) < 12:
            yield from _outside_membership(dues, last_month)
        if dues.unpaid_months:  # most members have none: no streak and nothing short
            yield from _unpaid(dues, streak_length=streak_length, as_of=period.end)
        if dues.late_transfers:
            yield from _back_payments(dues, limit=back_limit, streak_length=streak_length)
        if dues.year_surplus:
            yield from _overpaid(dues)


def _unpaid(dues: MemberDues, *, streak_length: int, as_of: date) -> Iterator[Finding]:
    """Runs of months with nothing paid (long ones: 自行脱党 warning), then months paid short."""
    row, monthly = dues.row, dues.monthly
    runs = consecutive_runs(m for m in dues.owed_months if dues.settlement.balance[m] == -monthly)
    # A run from January continues last year's (上年末连续未交月数, or last year's workbook).
    before = {run: dues.carried if run[0] == 1 and dues.carried else 0 for run in runs}
    streaks = [run for run in runs if len(run) + before[run] >= streak_length]
    in_streak = {m for run in streaks for m in run}
    for run in streaks:
        length = len(run) + before[run]
        if before[run]:
            said = (f"{month_runs(run)}未交纳党费，连同上年末连续{before[run]}个月（{_carried_source(dues)}），"
                    f"已连续{length}个月未交纳，每月应交{format_money(monthly)}元，本年欠交")
        else:
            said = f"{month_runs(run)}连续{len(run)}个月未交纳党费，每月应交{format_money(monthly)}元，共欠交"
        yield STREAK.at(_cells(row, run), f"{row['name']} {said}{format_money(monthly * len(run))}元；"
                        f"连续{streak_length}个月不交纳党费的，按自行脱党处理")
    for run in consecutive_runs(m for m in dues.unpaid_months if m not in in_streak):
        short = sum((-dues.settlement.balance[m] for m in run), ZERO)
        text = (f"{month_runs(run)}党费未交足，应交{format_money(monthly)}元，尚欠{format_money(short)}元" if len(run) == 1
                else f"{month_runs(run)}党费未交足，每月应交{format_money(monthly)}元，共欠交{format_money(short)}元")
        yield UNDERPAID.at(_cells(row, run), f"{row['name']} {text}（截至{format_date(as_of)}）")


def _carried_source(dues: MemberDues) -> str:
    if dues.carried_from == DUES.column("carried_unpaid").header:
        return f"见{dues.row.cell('carried_unpaid')}"
    return f"据同一文件夹中的上一年度台账“{dues.carried_from}”"


def _outside_membership(dues: MemberDues, last_month: int) -> Iterator[Finding]:
    member, row = dues.member, dues.row
    if member is None:
        return
    for month in range(1, last_month + 1):
        amount = dues.paid[month - 1]
        if amount > 0 and month not in dues.months_on_roll:
            yield OUTSIDE.at(row.cell(f"m{month}"), f"{row['name']} {_membership_span(member)}，"
                             f"{month}月不在本支部，却填写了交纳{format_money(amount)}元")


def _back_payments(dues: MemberDues, *, limit: int, streak_length: int) -> Iterator[Finding]:
    row = dues.row
    back: dict[int, dict[int, Decimal]] = {}
    for transfer in dues.late_transfers:
        back.setdefault(transfer.source, {}).setdefault(transfer.target, ZERO)
        back[transfer.source][transfer.target] += transfer.amount
    for source, targets in sorted(back.items()):
        months = tuple(sorted(targets))
        longest = max(len(run) for run in consecutive_runs(months))
        if len(months) <= limit and longest < streak_length:
            continue
        # A back-payment ends a run of unpaid months: the run itself is what 第十三条 is about.
        reasons = []
        if len(months) > limit:
            reasons.append(f"补交一般不超过{limit}个月")
        if longest >= streak_length:
            reasons.append(f"此前曾连续{longest}个月未交纳党费（连续{streak_length}个月不交纳的按自行脱党处理）")
        yield BACK_PAY.at(row.cell(f"m{source}"), f"{row['name']} {source}月一次补交了{month_runs(months)}共{len(months)}个月的党费"
                          f"（{format_money(sum(targets.values(), ZERO))}元）；" + "；".join(reasons) + "，请核实未交期间的情况")


def _overpaid(dues: MemberDues) -> Iterator[Finding]:
    # Paying ahead within the year is allowed, so only money beyond the whole year's dues is too much.
    surplus = sorted(dues.year_surplus)
    if not surplus:
        return
    row, monthly = dues.row, dues.monthly
    extra = sum(dues.year_surplus.values(), ZERO)
    yield OVERPAID.at(_cells(row, (surplus[0], surplus[-1])),
                      f"{row['name']} {month_runs(tuple(surplus))}交纳的党费超出应交，全年应交{format_money(monthly * len(dues.months_on_roll))}元，"
                      f"已交{format_money(dues.year_paid)}元，多交{format_money(extra)}元；"
                      "如为自愿多交，请把月应交改为实际交纳标准并在备注中注明")


def _not_member_reason(member: Row, year: int) -> str:
    out, start = member["moved_out"], member_start(member)
    if out is not None and out <= date(year, 1, 1):
        return f"已于{format_date(out)}转出"
    if start is not None and start > date(year, 12, 31):
        return f"{format_date(start)}才{'转入' if member['moved_in'] else '入党'}"
    return f"{year}年不在本支部"


def _membership_span(member: Row) -> str:
    start, out = member_start(member), member["moved_out"]
    parts = []
    if start is not None:
        parts.append(f"{format_date(start)}{'转入' if member['moved_in'] else '入党'}")
    if out is not None:
        parts.append(f"{format_date(out)}转出")
    return "，".join(parts) or "党员名册中没有入党日期"


def _cells(row: Row, run: tuple[int, ...]) -> str:
    first = row.cell(f"m{run[0]}")
    if run[0] == run[-1]:
        return first
    return f"{first}:{row.cell(f'm{run[-1]}').partition('!')[2]}"


CHECKS = [check_rates, check_rows, check_payments]
