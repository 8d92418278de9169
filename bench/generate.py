"""Full-year workbooks of any branch size, grown from the sample branch.

The sample (20 members, two 党小组) is the unit: a branch of N members holds ⌈N/20⌉ copies of
its roll, each copy with fresh names and its own two 党小组, and every table grows with it —
a dues row per member, 党小组会 for every group and month, the development pipeline,
activities and disclosures per copy. Branch-wide meetings (党员大会, 支委会, 党课, 集中学习)
stay as in the sample, with attendance counted over the whole roll.
"""
from __future__ import annotations

import copy
import random
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "workbook"))

import build_sample as sample  # noqa: E402

from dangjian.documents.builder import build_workbook  # noqa: E402

_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
_GIVEN = "建国志强晓燕丽娟文斌海涛雅琴国庆慧敏明辉静帆俊杰雪宇航晨佳琪浩然欣怡子豪一鸣思雨振华秀英玉兰桂芳红梅永刚立新春生秋菊德明"


def _names(count: int, *, seed: int) -> list[str]:
    rng = random.Random(seed)
    seen: set[str] = set()
    names: list[str] = []
    while len(names) < count:
        name = rng.choice(_SURNAMES) + "".join(rng.choice(_GIVEN) for _ in range(rng.choice((1, 2))))
        if name not in seen:
            seen.add(name)
            names.append(name)
    return names


def branch_data(members: int) -> tuple[dict, dict[str, list[dict]]]:
    """(settings, rows) of a branch with `members` members, in build_sample.py's row shapes."""
    settings, base = sample.sample_data()
    unit = len(base["党员名册"])
    copies = -(-members // unit)
    original = {m["姓名"] for m in base["党员名册"]} | {d["姓名"] for d in base["发展党员"]}
    fresh = iter(n for n in _names(members * 2 + 200, seed=members) if n not in original)

    roll: list[dict] = []
    dues: list[dict] = []
    development: list[dict] = []
    activities: list[dict] = list(base["活动记录"])
    disclosures: list[dict] = list(base["党务公开"])
    group_meetings: list[dict] = []
    base_dues = {d["姓名"]: d for d in base["党费收缴"]}
    for c in range(copies):
        renamed = {}
        groups = {sample.GROUP_1: sample.GROUP_1, sample.GROUP_2: sample.GROUP_2} if c == 0 else {
            sample.GROUP_1: f"第{2 * c + 1}党小组", sample.GROUP_2: f"第{2 * c + 2}党小组"}
        for i, member in enumerate(base["党员名册"]):
            if len(roll) >= members:
                break
            row = copy.copy(member)
            if c:
                row["姓名"] = renamed[member["姓名"]] = next(fresh)
                row["身份证号"] = sample.id_number("130123", member["出生日期"], c * 97 + i, member["性别"])
                row["支部职务"] = None
                row["备注"] = None
                row["党小组"] = groups.get(member["党小组"], member["党小组"])
            roll.append(row)
            paid = copy.copy(base_dues[member["姓名"]])
            paid["姓名"] = row["姓名"]
            dues.append(paid)
        if not c:
            continue
        for person in base["发展党员"]:
            if person["接收预备党员日期"]:
                continue  # admissions stay the sample's own (they must match its 党员大会)
            row = copy.copy(person)
            row["姓名"] = next(fresh)
            row["培养联系人"] = None
            development.append(row)
        for activity in base["活动记录"]:
            if activity["活动类型"] != "主题党日":
                activities.append(copy.copy(activity))
        disclosures.append({"日期": date(sample.YEAR, 1 + c % 12, 10), "公开事项": f"第{c + 1}批党员信息核对结果",
                            "公开载体": "党务公开平台", "备注": None})
        for meeting in base["会议记录"]:
            if meeting["会议类型"] == "党小组会":
                row = copy.copy(meeting)
                row["党小组"] = groups[meeting["党小组"]]
                leader = renamed.get(meeting["主持人"])
                row["主持人"] = leader
                group_meetings.append(row)

    rows = copy.copy(base)
    rows["党员名册"] = roll
    rows["党费收缴"] = dues
    rows["发展党员"] = list(base["发展党员"]) + development
    rows["活动记录"] = sorted(activities, key=lambda r: r["日期"])
    rows["党务公开"] = sorted(disclosures, key=lambda r: r["日期"])
    rows["会议记录"] = _recount(base["会议记录"] + group_meetings, roll)
    return settings, rows


def _recount(meetings: list[dict], roll: list[dict]) -> list[dict]:
    """Branch-wide and group attendance follow the grown roll (everyone present)."""
    result = []
    for meeting in meetings:
        row = copy.copy(meeting)
        if row["会议类型"] != "支委会" and row["应到人数"] is not None:
            names = sample.on_roll(roll, row["日期"], row["党小组"])
            row["应到人数"] = row["实到人数"] = len(names)
            row["缺席人员及原因"] = None
        result.append(row)
    return sorted(result, key=lambda r: (r["日期"], r["会议类型"]))


def build_branch_workbook(path: Path, *, members: int) -> Path:
    settings, rows = branch_data(members)
    build_workbook(Path(path), settings=settings, rows=rows)
    return Path(path)


if __name__ == "__main__":
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(f"bench-{size}.xlsx")
    print(build_branch_workbook(out, members=size))
