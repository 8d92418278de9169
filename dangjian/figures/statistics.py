"""党员队伍结构: the roll on a day in the 党内统计年报's categories, and how it changed over the period.

`party_statistics(ledger, roll, day)` counts the members on the roll on `day` (the same rule
as everywhere: figures.roll) by age, 学历, 入党时间, 性别, 民族, 岗位 and 党员类别, and, as the
年报 counts 本年增加/本年减少, the change from 1 January of that year to `day` (表1) and the
预备党员 whose 预备期 ended meanwhile (表15). The
bands are the 规则设置 items age_bands and joined_bands, so a new edition of the 年报 is a change of
settings. Counts only: no name, number or birth date leaves this module.

Every table's rows add up to the members on the roll on `day` (a member without the value is
counted under 未填写, never dropped), except 党员数量变化 (whose 现有党员数 is that count),
预备党员转正, and 发展党员年龄/发展党员学历 (表16, which add up to the year's 发展党员).
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Callable, Mapping

from ..period import add_months
from ..read.records import Ledger, Row
from ..schema import EDUCATION_LEVELS, GENDERS, LEAVE_REASONS, MEMBER_TYPES, POSTS, Kind
from ..read.values import CellValueError, clean_name, parse_value
from .roll import Roll, is_member_on, member_start

NOT_FILLED = "未填写"
HAN = "汉族"
MINORITY = "少数民族"

# 党内统计年报 表4.
# Values that name a level precisely (a 研究生 is a 博士 or 硕士): counted without a word.
EDUCATION_EXACT = {
    **{level: level for level in EDUCATION_LEVELS},
    "博士研究生": "研究生", "硕士研究生": "研究生", "高中": "高中、中技", "中技": "高中、中技",
    "高中/中技": "高中、中技", "初中": "初中及以下", "小学": "初中及以下",
}
# Everyday names of a level: counted under it, with a 提示 so the roll can be brought in line.
EDUCATION_SYNONYMS = {
    "博士": "研究生", "硕士": "研究生", "研究生学历": "研究生", "博士研究生学历": "研究生", "硕士研究生学历": "研究生",
    "本科": "大学本科", "大学": "大学本科", "大本": "大学本科", "学士": "大学本科", "本科学历": "大学本科",
    "大学本科学历": "大学本科",
    "大专": "大学专科", "专科": "大学专科", "高职": "大学专科", "大专学历": "大学专科", "大学专科学历": "大学专科",
    "中等专科": "中专", "中等专业学校": "中专", "中师": "中专", "中职": "中专", "中专学历": "中专",
    "职高": "高中、中技", "职业高中": "高中、中技", "技校": "高中、中技", "技工学校": "高中、中技", "中专/高中": "高中、中技",
    "高中学历": "高中、中技", "初中学历": "初中及以下", "小学学历": "初中及以下", "文盲": "初中及以下",
    "半文盲": "初中及以下", "初中以下": "初中及以下",
}

# GB/T 3304 《中国各民族名称的罗马字母拼写法和代码》: the 56 民族.
ETHNIC_GROUPS = frozenset((
    "汉族 蒙古族 回族 藏族 维吾尔族 苗族 彝族 壮族 布依族 朝鲜族 满族 侗族 瑶族 白族 土家族 哈尼族 哈萨克族 傣族 黎族 "
    "傈僳族 佤族 畲族 高山族 拉祜族 水族 东乡族 纳西族 景颇族 柯尔克孜族 土族 达斡尔族 仫佬族 羌族 布朗族 撒拉族 "
    "毛南族 仡佬族 锡伯族 阿昌族 普米族 塔吉克族 怒族 乌孜别克族 俄罗斯族 鄂温克族 德昂族 保安族 裕固族 京族 "
    "塔塔尔族 独龙族 鄂伦春族 赫哲族 门巴族 珞巴族 基诺族").split())
# Spellings that are not "X" for "X族": 维吾尔 as 维族, 哈萨克 as 哈族 and the like stay unknown.
ETHNIC_SYNONYMS = {"维族": "维吾尔族", "蒙族": "蒙古族", "朝族": "朝鲜族", "汉": "汉族"}


@dataclass(frozen=True)
class Category:
    """Where a written value is counted: `label`, and how it was recognised ("exact", "synonym", "unknown")."""

    label: str
    how: str


def education_category(value: object) -> Category:
    text = clean_name(value or "")
    if not text:
        return Category(NOT_FILLED, "exact")
    if text in EDUCATION_EXACT:
        return Category(EDUCATION_EXACT[text], "exact")
    if text in EDUCATION_SYNONYMS:
        return Category(EDUCATION_SYNONYMS[text], "synonym")
    return Category(NOT_FILLED, "unknown")


def ethnic_group(value: object) -> Category:
    """The 民族 as GB/T 3304 names it ("回" → 回族 as a synonym)."""
    text = clean_name(value or "")
    if not text:
        return Category(NOT_FILLED, "exact")
    if text in ETHNIC_GROUPS:
        return Category(text, "exact")
    named = ETHNIC_SYNONYMS.get(text) or (text + "族" if text + "族" in ETHNIC_GROUPS else None)
    if named:
        return Category(named, "synonym")
    return Category(NOT_FILLED, "unknown")


def ethnicity_category(value: object) -> str:
    """汉族, 少数民族, or 未填写 (blank or not a 民族 of GB/T 3304)."""
    group = ethnic_group(value).label
    return group if group in (HAN, NOT_FILLED) else MINORITY


# ---- the bands, from 规则设置 -------------------------------------------------------------------

_BAND_SEPARATORS = re.compile(r"[、,，;；\s]+")


class BandError(ValueError):
    """A band setting that cannot be read; the message is Chinese and names what is wrong."""


MOST_BANDS = 30  # a printed table of more rows than this is not a 年报 table but a typing slip


def age_bands(text: object) -> tuple[int, ...]:
    """The upper bound (inclusive) of each age band but the last: "30、35、…、70"."""
    parts = [p for p in _BAND_SEPARATORS.split(str(text or "")) if p]
    try:
        bounds = tuple(int(parse_value(p, Kind.INT)) for p in parts)
    except CellValueError:
        raise BandError("应为用“、”分隔的整数（各年龄段的上限），如：30、35、40") from None
    if not bounds or any(b >= a for b, a in zip(bounds, bounds[1:])) or bounds[0] < 1 or bounds[-1] > 150:
        raise BandError("应为从小到大的整数（1至150岁），如：30、35、40")
    if len(bounds) >= MOST_BANDS:
        raise BandError(f"最多分{MOST_BANDS}段（填写不超过{MOST_BANDS - 1}个数）")
    return bounds


def age_labels(bounds: tuple[int, ...]) -> tuple[str, ...]:
    inner = [f"{low + 1}至{high}岁" for low, high in zip(bounds, bounds[1:])]
    return (f"{bounds[0]}岁及以下", *inner, f"{bounds[-1] + 1}岁及以上")


def joined_bands(text: object) -> tuple[date, ...]:
    """The first day of each 入党时间 band but the first."""
    parts = [p for p in _BAND_SEPARATORS.split(str(text or "")) if p]
    try:
        starts = tuple(parse_value(p, Kind.DATE) for p in parts)
    except CellValueError:
        raise BandError("应为用“、”分隔的日期（各时间段的起始日期），如：1949-10-01、1979-01-01") from None
    if not starts or any(b >= a for b, a in zip(starts, starts[1:])):
        raise BandError("各时间段的起始日期应从早到晚排列")
    if len(starts) >= MOST_BANDS:
        raise BandError(f"最多分{MOST_BANDS}段（填写不超过{MOST_BANDS - 1}个日期）")
    return starts


def joined_labels(starts: tuple[date, ...]) -> tuple[str, ...]:
    """1937.7.6及以前, 1945.9.3至1949.9, …, 2022.10.16及以后: a month alone when the band spans whole months."""
    def first(day: date) -> str:
        return f"{day.year}.{day.month}" if day.day == 1 else f"{day.year}.{day.month}.{day.day}"

    def last(next_start: date) -> str:
        day = next_start - timedelta(days=1)
        return f"{day.year}.{day.month}" if next_start.day == 1 else f"{day.year}.{day.month}.{day.day}"

    inner = [f"{first(a)}至{last(b)}" for a, b in zip(starts, starts[1:])]
    return (f"{last(starts[0])}及以前", *inner, f"{first(starts[-1])}及以后")


def band_settings(ledger: Ledger) -> dict[str, str]:
    """The band settings that cannot be read, by key, with why (their tables are left out)."""
    problems = {}
    for key, parse in (("age_bands", age_bands), ("developed_age_bands", age_bands), ("joined_bands", joined_bands)):
        try:
            parse(ledger.rules[key])
        except BandError as exc:
            problems[key] = str(exc)
    return problems


# ---- the tables --------------------------------------------------------------------------------

AGE, EDUCATION, JOINED, GENDER, ETHNICITY, POST, KIND = "年龄", "学历", "入党时间", "性别", "民族", "岗位", "党员类别"
CHANGE, PROBATION = "党员数量变化", "预备党员转正"
DEVELOPED_AGE, DEVELOPED_EDUCATION = "发展党员年龄", "发展党员学历"  # 年报 表16: the year's new members
CHANGE_ROWS = ("上年底党员数", "发展党员", "转入", *LEAVE_REASONS, "现有党员数")
START, END = CHANGE_ROWS[0], CHANGE_ROWS[-1]
DEVELOPED, MOVED_IN = "发展党员", "转入"
DUE, ON_TIME, AFTER_EXTENSION, EXTENDED, UNDECIDED = "预备期满", "按期转正", "延长预备期后转正", "延长预备期", "尚未讨论或审批"
PROBATION_ROWS = (DUE, ON_TIME, AFTER_EXTENSION, EXTENDED, UNDECIDED)
YOUNG = 35  # 中组部《党内统计公报》: 发展35岁及以下党员
# The tables whose rows add up to the members on the roll, in the order they are printed.
DISTRIBUTIONS = (GENDER, ETHNICITY, KIND, AGE, EDUCATION, JOINED, POST)
# The tables printed with a 合计 row: the distributions (= members on the roll) and 表16 (= 发展党员).
TOTALLED = (*DISTRIBUTIONS, DEVELOPED_AGE, DEVELOPED_EDUCATION)


@dataclass(frozen=True)
class Statistics:
    """The roll on `day` in the 年报's categories; `start` (1 January) opens the period of 党员数量变化."""

    day: date
    start: date
    members: int  # on the roll on `day`
    young: int  # of them 35 or younger on 31 December (the 党内统计公报's 35岁及以下), with a 出生日期
    tables: Mapping[str, Mapping[str, int]]
    # Rows whose dates break 期初 + 增加 − 减少 = 期末 (转出 on or before 入党/转入), when it does not hold.
    unbalanced: tuple[Row, ...] = ()
    balanced: bool = True
    # The people each TOTALLED table sorts (the 合计 its documents print): the members on `day` for
    # the distributions, the year's admitted members for the 发展党员 tables.
    totals: Mapping[str, int] = field(default_factory=dict)

    def table(self, name: str) -> Mapping[str, int]:
        return self.tables.get(name, {})

    def to_dict(self) -> dict:
        """The JSON of `dangjian stats --format json`."""
        return {"date": self.day.isoformat(), "tables": {name: dict(rows) for name, rows in self.tables.items()}}


def party_statistics(ledger: Ledger, roll: Roll, day: date) -> Statistics:
    """The 党员队伍结构 on `day`, and the change since the end of the year before."""
    start = date(day.year, 1, 1)
    known = [m for m in roll.members if roll.is_known(m)]
    on_roll = [m for m in known if is_member_on(m, day)]
    columns = {
        GENDER: (GENDERS, [m["gender"] or NOT_FILLED for m in on_roll]),
        ETHNICITY: ((HAN, MINORITY), _each([m["ethnicity"] for m in on_roll], ethnicity_category)),
        KIND: (MEMBER_TYPES, [_member_kind(m, day) for m in on_roll]),
        EDUCATION: (EDUCATION_LEVELS, _each([m["education"] for m in on_roll], _education_label)),
        POST: (POSTS, [m["post"] or NOT_FILLED for m in on_roll]),
    }
    bad = band_settings(ledger)
    if "age_bands" not in bad:
        columns[AGE] = _age_bands_of(on_roll, ledger.rules["age_bands"], day.year)
    if "joined_bands" not in bad:
        starts = joined_bands(ledger.rules["joined_bands"])
        names = joined_labels(starts)
        columns[JOINED] = (names, [names[_date_band(m["joined"], starts)] if m["joined"] else NOT_FILLED
                                   for m in on_roll])
    tables = {name: _counted(*columns[name]) for name in DISTRIBUTIONS if name in columns}
    change, unbalanced, balanced = _change(known, start, day, len(on_roll))
    tables[CHANGE] = change
    tables[PROBATION] = _probation(ledger, known, start, day)
    # 年报 表16: the members the branch admitted this year (not those moved in), on the roll or not since.
    developed = [m for m in known if not m["moved_in"] and m["joined"] and start <= m["joined"] <= day]
    if "developed_age_bands" not in bad:
        tables[DEVELOPED_AGE] = _counted(*_age_bands_of(developed, ledger.rules["developed_age_bands"], day.year))
    tables[DEVELOPED_EDUCATION] = _counted(EDUCATION_LEVELS, _each([m["education"] for m in developed],
                                                                   _education_label))
    young = sum(bool(m["birth"]) and _age_on_31_december(m["birth"], day.year) <= YOUNG for m in on_roll)
    totals = {name: len(developed) if name in (DEVELOPED_AGE, DEVELOPED_EDUCATION) else len(on_roll)
              for name in TOTALLED if name in tables}
    return Statistics(day, start, len(on_roll), young, tables, unbalanced, balanced, totals)


def _counted(labels: tuple[str, ...], values: list[str]) -> dict[str, int]:
    """{label: how many of `values` are it}, for every label and 未填写, in the table's order."""
    import pandas as pd

    counts = pd.Series(values, dtype=object).value_counts()
    return {label: int(counts.get(label, 0)) for label in (*labels, NOT_FILLED)}


def _each(values: list, category: Callable[[object], str]) -> list[str]:
    """category(value) of each value, worked out once per distinct value: a roll repeats a few."""
    found = {value: category(value) for value in set(values)}
    return [found[value] for value in values]


def _education_label(value: object) -> str:
    return education_category(value).label


def _age_bands_of(members: list[Row], setting: object, year: int) -> tuple[tuple[str, ...], list[str]]:
    """(the band labels of `setting`, each member's band on 31 December of `year`, 未填写 without a 出生日期)."""
    bounds = age_bands(setting)
    names = age_labels(bounds)
    return names, [names[_band_index(_age_on_31_december(m["birth"], year), bounds)] if m["birth"] else NOT_FILLED
                   for m in members]


def _member_kind(member: Row, day: date) -> str:
    confirmed = member["confirmed"]
    if confirmed:
        return "正式党员" if confirmed <= day else "预备党员"
    return member["member_type"] or NOT_FILLED


def _age_on_31_december(birth: date, year: int) -> int:
    """年报: age in whole years on 31 December, when every birthday of the year has passed."""
    return year - birth.year


def _band_index(age: int, bounds: tuple[int, ...]) -> int:
    """The first band whose upper bound is `age` or more (age_bands rise strictly)."""
    return bisect_left(bounds, age)


def _date_band(day: date, starts: tuple[date, ...]) -> int:
    """How many band starts fall on or before `day` (joined_bands rise strictly)."""
    return bisect_right(starts, day)


def _change(known: list[Row], start: date, day: date, end: int) -> tuple[dict[str, int], tuple[Row, ...], bool]:
    """年报 表1 over start…day: 期初 (the day before `start`), 发展, 转入, each 减少原因, 期末.

    `known`: the roll's members whose membership dates could be read.
    """
    before = start - timedelta(days=1)
    opening = sum(is_member_on(m, before) for m in known)
    table = dict.fromkeys(CHANGE_ROWS, 0)
    table[START], table[END] = opening, end
    for member in known:
        came, left = member_start(member), member["moved_out"]
        if came is not None and start <= came <= day:
            table[MOVED_IN if member["moved_in"] else DEVELOPED] += 1
        if left is not None and start <= left <= day:
            table[member["leave_reason"] or LEAVE_REASONS[0]] += 1
    gained = table[DEVELOPED] + table[MOVED_IN]
    lost = sum(table[r] for r in LEAVE_REASONS)
    balanced = opening + gained - lost == end
    unbalanced = () if balanced else tuple(
        m for m in known
        if m["moved_out"] is not None and member_start(m) is not None and m["moved_out"] <= member_start(m)
        and (start <= member_start(m) <= day) != (start <= m["moved_out"] <= day))
    return table, unbalanced, balanced


def _probation(ledger: Ledger, known: list[Row], start: date, day: date) -> dict[str, int]:
    """年报 表15: the 预备党员 whose 预备期 ended in start…day, by what was decided.

    A 预备期 ends a year (规则设置) after 入党日期; one extended (预备期延长至) and since confirmed ends
    at the extension; one extended and still running counts under 延长预备期 when its first year
    ended in the period; one whose 预备期 (or extension) ended undecided counts under 尚未讨论或审批.
    `known`: the roll's members whose membership dates could be read.
    """
    months = ledger.rules["probation_months"]
    table = dict.fromkeys(PROBATION_ROWS, 0)
    for member in known:
        joined = member["joined"]
        if not joined or not member.known("confirmed", "probation_extended"):
            continue
        first_year = add_months(joined, months)
        extended, confirmed = member["probation_extended"], member["confirmed"]
        if confirmed and confirmed <= day or not confirmed and member["member_type"] == "正式党员":
            due, outcome = (extended, AFTER_EXTENSION) if extended else (first_year, ON_TIME)
        elif extended and extended > day:
            due, outcome = first_year, EXTENDED
        else:
            due, outcome = extended or first_year, UNDECIDED
        if start <= due <= day and is_member_on(member, min(due, day)):
            table[outcome] += 1
            table[DUE] += 1
    return table
