"""The monthly dues rule (中组发〔2008〕3号), pure: no workbook, no Excel.

Used by the dues check and meant for the Excel add-in's functions, so every threshold comes from
the 规则设置 values passed in (`ledger.rules`, or defaults when none are given).
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal
from typing import Mapping

from .schema import DUES, DUES_CATEGORIES, FARMER_RANGE, ROUNDING_MODES, RULES
from .read.values import CellValueError, is_blank, parse_choice, parse_decimal, parse_money

CENT = Decimal("0.01")
JIAO = Decimal("0.1")
YUAN = Decimal("1")
ROUND_TO_CENT, ROUND_TO_JIAO, ROUND_UP_TO_YUAN = ROUNDING_MODES
CAP_DOCUMENT = "组电明字〔2017〕5号"

# (category, article) of the rule that sets each category's amount
WORKING, RETIRED, FARMER = "在职", "离退休", "农民"
MINIMUM_CATEGORIES = ("学生", "下岗失业", "低保")
ARTICLES = {WORKING: "第二条", RETIRED: "第五条", FARMER: "第六条", **{c: "第六条" for c in MINIMUM_CATEGORIES}}


class RateSettingError(ValueError):
    """A 规则设置 value the rate rule needs is not a number."""


@dataclass(frozen=True)
class Rate:
    """How a monthly amount was worked out, for messages: the amount, and the percentage or fixed sum."""

    amount: Decimal  # the amount the rule asks for (the range's lowest for 农民 without a province figure)
    percent: Decimal | None  # 1.5 for 1.5%; None for a fixed amount
    article: str
    highest: Decimal | None = None  # the range's top when any amount in [amount, highest] is right (农民)
    uncapped: Decimal | None = None  # the percentage's amount when the monthly cap brought it down

    @property
    def basis(self) -> str:
        if self.uncapped is not None:
            return f"中组发〔2008〕3号 {self.article}；{CAP_DOCUMENT}"
        return f"中组发〔2008〕3号 {self.article}"

    @property
    def how(self) -> str:
        return f"按{self.percent.normalize():f}%计算" if self.percent is not None else "按固定标准"

    def accepts(self, monthly: Decimal) -> bool:
        """Whether `monthly` is what the rule asks for (any amount of a range)."""
        return self.amount <= monthly <= self.highest if self.highest is not None else monthly == self.amount


def monthly_dues(category: str | None, base: object, *, rules: Mapping[str, object] | None = None) -> Decimal | None:
    """月应交 by the rule, or None when no rule applies (其他, unknown category, or no base for a percentage)."""
    rate = dues_rate(category, base, rules=rules)
    return rate.amount if rate else None


def dues_rate(category: str | None, base: object, *, rules: Mapping[str, object] | None = None) -> Rate | None:
    setting = _settings(rules)
    if category in MINIMUM_CATEGORIES:
        return Rate(setting("minimum_monthly").quantize(CENT), None, ARTICLES[category])
    if category == FARMER:
        # 第六条 sets a range and the province one amount in it: without the province's figure any amount
        # in the range is right.
        province = (rules or {}).get("farmer_monthly")
        if province not in (None, ""):
            return Rate(setting("farmer_monthly").quantize(CENT), None, ARTICLES[category])
        low, high = (Decimal(v) for v in FARMER_RANGE)
        return Rate(low, None, ARTICLES[category], highest=high)
    if category not in (WORKING, RETIRED):
        return None
    amount = _decimal(base)
    if amount is None or amount < 0:
        return None
    if category == WORKING:
        brackets = ((setting("working_bracket_1"), "0.5"), (setting("working_bracket_2"), "1"),
                    (setting("working_bracket_3"), "1.5"))
        top = "2"
    else:
        brackets = ((setting("retired_bracket"), "0.5"),)
        top = "1"
    # 全额累进: the bracket's percentage applies to the whole base, not to the part above the threshold.
    percent = Decimal(next((p for limit, p in brackets if amount <= limit), top))
    due = _rounded(amount * percent / 100, rules)
    cap = setting("monthly_cap").quantize(CENT)
    if due > cap:
        # 组电明字〔2017〕5号: 每月交纳额一般不超过1000元 — the cap is what the rule asks for.
        return Rate(cap, percent, ARTICLES[category], uncapped=due)
    return Rate(due, percent, ARTICLES[category])


def _rounded(amount: Decimal, rules: Mapping[str, object] | None) -> Decimal:
    cents = amount.quantize(CENT, rounding=ROUND_HALF_UP)
    mode = (rules or {}).get("dues_rounding") or RULES.setting("dues_rounding").default
    if mode == ROUND_UP_TO_YUAN:
        # Cents first: a base like 3000.01 gives 30.0001, which nobody means to round up to 31.
        return cents.quantize(YUAN, rounding=ROUND_CEILING).quantize(CENT)
    if mode == ROUND_TO_JIAO:
        return amount.quantize(JIAO, rounding=ROUND_HALF_UP).quantize(CENT)
    return cents


def _settings(rules: Mapping[str, object] | None):
    def setting(key: str) -> Decimal:
        value = (rules or {}).get(key)
        if value is None or value == "":
            value = RULES.setting(key).default
        number = _decimal(value)
        if number is None:
            raise RateSettingError(f"规则设置“{RULES.setting(key).item}”不是数字")
        return number

    return setting


def _decimal(value: object) -> Decimal | None:
    if value is None:
        return None
    try:
        return parse_decimal(value)
    except CellValueError:
        return None


def rate_for_cells(category: object, base: object) -> Rate | None:
    """The rule for two cells as typed (a worksheet function's arguments), with the 规则设置 defaults.

    CellValueError, in Chinese, when a cell cannot be read or a percentage has no base; None when
    the category has no national rule (其他).
    """
    category = parse_choice(category, DUES_CATEGORIES)
    amount = None if is_blank(base) else parse_money(base)
    if amount is None and category in (WORKING, RETIRED):
        # An empty 月计算基数 cell, not the category, is what stops the calculation.
        base_column = DUES.column("base")
        raise CellValueError(f"请填写{base_column.header}（{base_column.help}）")
    return dues_rate(category, amount)
