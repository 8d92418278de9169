"""党员队伍结构统计's data: 学历 and 民族 in the 年报's categories, the band settings, and the change
of the period adding up (期初 + 增加 − 减少 = 期末). 出生日期 against 身份证号 is organisation.ID_BIRTH.
"""
from __future__ import annotations

from typing import Callable, Iterable, Iterator

from ..figures import PeriodFigures
from ..figures.statistics import (
    EDUCATION_LEVELS, END, START, Category, band_settings, education_category, ethnic_group,
)
from ..findings import Finding, FindingType, Level
from ..read.records import Ledger
from ..schema import MEMBERS, RULES
from ..read.values import format_date, shown
from .common import sheet_address

_YEARBOOK = "党内统计年报"
_LEVELS = "".join(f"“{level}”" for level in EDUCATION_LEVELS)  # “高中、中技” is one level
EDUCATION_SYNONYM = FindingType("education-synonym", Level.INFO, "学历按统计分类读取",
                                f"{_YEARBOOK} 表4：{_LEVELS}")
EDUCATION_UNKNOWN = FindingType("education-unknown", Level.WARNING, "学历不在统计分类中",
                                f"{_YEARBOOK} 表4：{_LEVELS}")
ETHNICITY_SYNONYM = FindingType("ethnicity-synonym", Level.INFO, "民族按规范名称读取",
                                "GB/T 3304《中国各民族名称的罗马字母拼写法和代码》")
ETHNICITY_UNKNOWN = FindingType("ethnicity-unknown", Level.WARNING, "民族名称无法识别",
                                "GB/T 3304《中国各民族名称的罗马字母拼写法和代码》")
REASON_WITHOUT_DATE = FindingType("leave-reason-without-date", Level.WARNING, "减少原因没有转出日期",
                                  f"{_YEARBOOK} 表1：本年减少按离开本支部的日期统计")
BANDS_INVALID = FindingType("stats-bands-invalid", Level.WARNING, "统计分段无法识别", f"{_YEARBOOK} 表2、表3")
CHANGE_UNBALANCED = FindingType("membership-change-unbalanced", Level.WARNING, "党员数量变化不平衡",
                                f"{_YEARBOOK} 表1：上年底党员数＋本年增加－本年减少＝本年底党员数")


def check_education(ledger: Ledger, figures: PeriodFigures) -> Iterable[Finding]:
    return _categorised(ledger, "education", "学历", education_category, EDUCATION_SYNONYM, EDUCATION_UNKNOWN,
                        "不是党内统计的学历分类", f"请填写{_LEVELS}之一")


def check_ethnicity(ledger: Ledger, figures: PeriodFigures) -> Iterable[Finding]:
    return _categorised(ledger, "ethnicity", "民族", ethnic_group, ETHNICITY_SYNONYM, ETHNICITY_UNKNOWN,
                        "不是56个民族的名称", "请填写规范名称，如：汉族、回族、蒙古族")


def _categorised(ledger: Ledger, key: str, header: str, classify: Callable[[object], Category],
                 synonym: FindingType, unknown: FindingType, why: str, hint: str) -> Iterator[Finding]:
    """A 提示 where a roll value is counted under its proper name, a 警告 where it fits no category."""
    # A roll repeats a few values thousands of times: each is classified once, and only the members
    # holding one that is not an exact category are looked at again.
    categories = {written: classify(written) for written in {member[key] for member in ledger.members}}
    noted = {written: category for written, category in categories.items() if category.how != "exact"}
    if not noted:
        return
    for member in ledger.members:
        written = member[key]
        category = noted.get(written)
        if category is None:
            continue
        said = f"{member['name']}的{header}“{shown(written)}”"
        if category.how == "synonym":
            yield synonym.at(member.cell(key), f"{said}按“{category.label}”统计；可改为“{category.label}”")
        elif category.how == "unknown":
            yield unknown.at(member.cell(key), f"{said}{why}，统计时计入“未填写”；{hint}")


def check_leave_reasons(ledger: Ledger, figures: PeriodFigures) -> Iterable[Finding]:
    """A 减少原因 (死亡, 出党…) without the 转出日期 it explains: the member is still counted on the roll."""
    for member in ledger.members:
        if member["leave_reason"] and member["moved_out"] is None and member.known("moved_out"):
            yield REASON_WITHOUT_DATE.at(member.cell("leave_reason"),
                                         f"{member['name']}的减少原因为“{member['leave_reason']}”，但没有填写转出日期，"
                                         "统计时仍按在册党员计算；请在转出日期列填写离开本支部的日期")


def check_bands(ledger: Ledger, figures: PeriodFigures) -> Iterable[Finding]:
    for key, why in band_settings(ledger).items():
        item = RULES.setting(key).item
        table = {"age_bands": "年龄", "developed_age_bands": "发展党员年龄"}.get(key, "入党时间")
        yield BANDS_INVALID.at(ledger.rules.cell(key), f"{RULES.name}“{item}”{why}；党员队伍结构统计暂不列出{table}表")


def check_change(ledger: Ledger, figures: PeriodFigures) -> Iterable[Finding]:
    statistics = figures.statistics
    if statistics.balanced:
        return
    change = statistics.table("党员数量变化")
    moves = sum(change.values()) - change[START] - change[END]  # every 增加 and 减少 row
    said = (f"{format_date(statistics.start)}至{format_date(statistics.day)}，上年底{change[START]}人，"
            f"期末名册中{change[END]}人，增减人数与之不符")
    if not statistics.unbalanced:
        yield CHANGE_UNBALANCED.at(sheet_address(ledger, MEMBERS, key="moved_out"),
                                   f"{said}（增减共{moves}人次）；请核对党员名册的入党、转入、转出日期")
        return
    rows = statistics.unbalanced
    names = "、".join(f"第{m.line}行{m['name']}" for m in rows)
    yield CHANGE_UNBALANCED.at(rows[0].cell("moved_out"),
                               f"{said}：{names}的转出日期不晚于入党（转入）日期，从未在册却计入了增加或减少；"
                               "请核对这些行的入党、转入、转出日期")


CHECKS = [check_education, check_ethnicity, check_leave_reasons, check_bands, check_change]
