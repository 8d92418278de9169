"""The sample branch: a full year (2023) of 台账 data behind the seed report.

`sample_data()` returns the 基本信息 settings and the rows of every data sheet; `main()`
writes them to `示例台账.xlsx` beside this file with `dangjian.documents.builder.build_workbook`.

The data is fictional (names, ID numbers, phone numbers) but internally consistent:
attendance counts follow the roll, dues follow the rate rule, the 发展党员 pipeline keeps its
deadlines, and every paragraph of the seed report has its rows behind it.
"""
from __future__ import annotations

import random
import sys
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import chinese_calendar

YEAR = 2023
UNIT = "XX县XX中心"
BRANCH = "XX县XX中心党支部"
SECRETARY = "王集欣"
PROPAGANDA = "李文博"  # 宣传委员
ORGANIZATION = "张慧敏"  # 组织委员、纪检委员
ELECTION_DAY = date(2023, 8, 18)
PARTNER = "XX镇南XX社区"
PLACE = "XX中心五楼小会议室"
GROUP_1, GROUP_2 = "第一党小组", "第二党小组"
GROUP_LEADERS = {GROUP_1: "陈建国", GROUP_2: "马国庆"}
RECORDER = "郑雅琴"

# ---------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def id_check_digit(first17: str) -> str:
    """GB 11643-1999 check character for the first 17 digits of an ID number."""
    total = sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS))
    return _ID_CHECK[total % 11]


def id_number(region: str, birth: date, seq: int, gender: str) -> str:
    """An 18-digit ID number: region, birth date, a 3-digit sequence whose last digit is
    odd for men and even for women, and the check character."""
    seq = seq % 100 * 10 + (seq % 5) * 2 + (1 if gender == "男" else 0)
    first17 = f"{region}{birth:%Y%m%d}{seq:03d}"
    return first17 + id_check_digit(first17)


def monthly_dues(category: str, base: Decimal) -> Decimal:
    """月应交 by 中组发〔2008〕3号: the bracket's rate on the whole base, half up to 0.01."""
    if category == "在职":
        rate = ("0.005" if base <= 3000 else "0.01" if base <= 5000
                else "0.015" if base <= 10000 else "0.02")
    elif category == "离退休":
        rate = "0.005" if base <= 5000 else "0.01"
    else:
        return Decimal("0.20")
    return (base * Decimal(rate)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def workday_on_or_before(day: date) -> date:
    while not chinese_calendar.is_workday(day):
        day -= timedelta(days=1)
    return day


def workday_on_or_after(day: date) -> date:
    while not chinese_calendar.is_workday(day):
        day += timedelta(days=1)
    return day


def last_weekday_of_month(year: int, month: int, weekday: int) -> date:
    """The last given weekday (Monday = 0) of a month."""
    day = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    while day.weekday() != weekday:
        day -= timedelta(days=1)
    return day


def quarter(day: date) -> int:
    return (day.month - 1) // 3 + 1


# ---------------------------------------------------------------------------------------
# 党员名册
# ---------------------------------------------------------------------------------------

# name, gender, ethnicity, birth, education, type, joined, confirmed, dues category, base,
# group, branch role, job title, moved in, note
_MEMBERS = [
    ("王集欣", "男", "汉族", date(1974, 5, 12), "大学本科", "正式党员", date(1996, 6, 20), date(1997, 6, 23),
     "在职", "10280.00", GROUP_1, "书记", "XX中心主任", date(2019, 3, 4), ""),
    ("张慧敏", "女", "汉族", date(1979, 11, 3), "大学本科", "正式党员", date(2003, 7, 1), date(2004, 7, 2),
     "在职", "7850.00", GROUP_1, "组织委员、纪检委员", "XX中心副主任", None, None),
    ("李文博", "男", "汉族", date(1985, 2, 17), "硕士研究生", "正式党员", date(2008, 5, 20), date(2009, 5, 22),
     "在职", "6543.00", GROUP_2, "宣传委员", "办公室主任", date(2014, 9, 1), ""),
    ("陈建国", "男", "汉族", date(1976, 8, 9), "大学本科", "正式党员", date(1999, 12, 16), date(2000, 12, 18),
     "在职", "6120.00", GROUP_1, None, "就业服务股股长", None, "第一党小组组长"),
    ("刘晓燕", "女", "汉族", date(1982, 4, 26), "大学本科", "正式党员", date(2006, 6, 28), date(2007, 6, 29),
     "在职", "5000.00", GROUP_1, None, "就业服务股副股长", None, ""),
    ("赵志强", "男", "回族", date(1980, 1, 15), "大学本科", "正式党员", date(2005, 11, 8), date(2006, 11, 10),
     "在职", "5420.00", GROUP_1, None, "职业培训股股长", None, ""),
    ("孙丽娟", "女", "汉族", date(1987, 9, 30), "大学本科", "正式党员", date(2010, 6, 25), date(2011, 6, 27),
     "在职", "4680.00", GROUP_1, None, "", None, ""),
    ("周文斌", "男", "汉族", date(1990, 3, 8), "大学本科", "正式党员", date(2013, 5, 16), date(2014, 5, 19),
     "在职", "4350.00", GROUP_1, None, "", None, ""),
    ("吴海涛", "男", "汉族", date(1959, 7, 21), "大学专科", "正式党员", date(1984, 7, 1), date(1985, 7, 2),
     "离退休", "5630.00", GROUP_1, None, "", None, "退休"),
    ("郑雅琴", "女", "汉族", date(1992, 12, 5), "大学本科", "正式党员", date(2015, 6, 18), date(2016, 6, 20),
     "在职", "3860.00", GROUP_1, None, "", None, "支部记录员"),
    ("马国庆", "男", "汉族", date(1977, 10, 1), "大学本科", "正式党员", date(2001, 6, 26), date(2002, 6, 27),
     "在职", "5860.00", GROUP_2, None, "创业服务股股长", None, "第二党小组组长"),
    ("黄晓丽", "女", "汉族", date(1986, 6, 14), "大学本科", "正式党员", date(2009, 12, 10), date(2010, 12, 13),
     "在职", "4120.00", GROUP_2, None, "", None, ""),
    ("杨帆", "男", "汉族", date(1994, 2, 22), "大学本科", "正式党员", date(2016, 11, 15), date(2017, 11, 16),
     "在职", "3000.00", GROUP_2, None, "", date(2020, 9, 1), ""),
    ("徐静", "女", "满族", date(1991, 8, 19), "大学本科", "正式党员", date(2014, 6, 24), date(2015, 6, 26),
     "在职", "3560.00", GROUP_2, None, "", None, ""),
    ("胡振华", "男", "汉族", date(1961, 3, 27), "中专", "正式党员", date(1988, 6, 30), date(1989, 7, 3),
     "离退休", "4860.00", GROUP_2, None, "", None, "退休"),
    ("朱明辉", "男", "汉族", date(1983, 5, 4), "大学本科", "正式党员", date(2007, 10, 17), date(2008, 10, 20),
     "在职", "4975.00", GROUP_2, None, "劳动保障监察股股长", None, ""),
    ("高婷婷", "女", "汉族", date(1996, 1, 11), "大学本科", "预备党员", date(2022, 6, 28), None,
     "在职", "2850.00", GROUP_2, None, "", None, "支部大会决定延长预备期一年"),
    ("林志远", "男", "汉族", date(1993, 7, 7), "大学本科", "正式党员", date(2017, 6, 29), date(2018, 7, 2),
     "在职", "3280.00", GROUP_2, None, "", None, ""),
]

# The exceptions the regulations allow, one of each, recorded in their own columns:
# 高婷婷's 预备期 was extended by the branch meeting (党章第七条: up to one year);
EXTENDED_PROBATION = {"高婷婷": date(2024, 6, 27)}
# 胡振华 pays less with the higher committee's approval (中组发〔2008〕3号 第七条);
REDUCED = {"胡振华": ("6480.00", "中共XX县委XX工委2023年1月9日批准")}
# 吴海涛 pays by the quarter with the branch's consent (第十二条);
QUARTERLY_PAYERS = {"吴海涛"}
# 杨帆 had last December unpaid when the year began (上年末连续未交月数), and paid on from January.
CARRIED_UNPAID = {"杨帆": 1}

# Both 预备党员 of 2023 come from the 发展党员 pipeline below (their 入党日期 = 接收预备党员日期).
_PROBATIONERS = [
    ("李思雨", "女", "汉族", date(1997, 4, 18), "大学本科", GROUP_1, "3150.00"),
    ("何佳怡", "女", "汉族", date(1995, 10, 23), "大学本科", GROUP_2, "2960.00"),
]

_REGIONS = ("130123", "130124", "130121", "130181")
_PHONE_PREFIXES = ("135", "138", "139", "150", "152", "158", "187", "188", "133", "186")

# Dates shared by the meetings, the pipeline and the roll.
ADMIT_LI = date(2023, 5, 23)  # 党员大会 admits 李思雨
ADMIT_HE = date(2023, 11, 21)  # 党员大会 admits 何佳怡
CANDIDATE_HE = date(2023, 6, 13)  # 支委会 makes 何佳怡 a 发展对象
ACTIVISTS_MAY = date(2023, 5, 9)  # 支委会 makes two 2023 applicants activists
ACTIVISTS_SEP = date(2023, 9, 12)  # 支委会 makes one more an activist


def _phone(i: int) -> str:
    rng = random.Random(1000 + i)
    return _PHONE_PREFIXES[i % len(_PHONE_PREFIXES)] + f"{rng.randrange(10**8):08d}"


def _post(dues_category: str) -> str:
    """The 年报's 岗位 of a member of this 机关 branch (基本信息 支部类型)."""
    return "离退休人员" if dues_category == "离退休" else "党政机关工作人员"


def member_rows() -> list[dict[str, object]]:
    rows = []
    entries = list(_MEMBERS) + [
        (name, gender, eth, birth, edu, "预备党员", admitted, None, "在职", base, group, None, "",
         None, "2023年新接收预备党员")
        for (name, gender, eth, birth, edu, group, base), admitted
        in zip(_PROBATIONERS, (ADMIT_LI, ADMIT_HE))
    ]
    for i, (name, gender, eth, birth, edu, mtype, joined, confirmed, cat, base, group, role, title,
            moved_in, note) in enumerate(entries):
        rows.append({
            "姓名": name,
            "性别": gender,
            "民族": eth,
            "出生日期": birth,
            "学历": edu,
            "身份证号": id_number(_REGIONS[i % len(_REGIONS)], birth, 37 + i * 7, gender),
            "党员类别": mtype,
            "入党日期": joined,
            "转正日期": confirmed,
            "党费类别": cat,
            "党小组": group,
            "支部职务": role,
            "行政职务": title,
            "联系电话": _phone(i),
            "转入日期": moved_in,
            "转出日期": None,
            "预备期延长至": EXTENDED_PROBATION.get(name),
            "岗位": _post(cat),
            "备注": note,
        })
    return rows


def on_roll(members: list[dict[str, object]], day: date, group: str | None = None) -> list[str]:
    """Names of the members who count on `day` (optionally in one 党小组)."""
    names = []
    for m in members:
        start = m["转入日期"] or m["入党日期"]
        out = m["转出日期"]
        if start <= day and (out is None or out > day) and (group is None or m["党小组"] == group):
            names.append(m["姓名"])
    return names


# ---------------------------------------------------------------------------------------
# 会议记录
# ---------------------------------------------------------------------------------------

KEY_MEETING_DAY = date(2023, 10, 9)
KEY_MEETING_TOPIC = "学习贯彻习近平新时代中国特色社会主义思想主题教育工作推进会"
KEY_MEETING_SUMMARY = "\n".join([
    "会上，中心主任王集欣宣读了《XX县委关于深入开展学习贯彻习近平新时代中国特色社会主义思想主题教育的工作方案》，"
    "并从制定实施方案及学习计划、成立领导小组、深入开展理论学习、结合本职注重实效等方面，"
    "为XX中心扎实开展好学习贯彻习近平新时代中国特色社会主义思想主题教育工作做了安排部署。",
    "会上，XX中心领导班子成员和环节干部围绕专题学习内容，结合本职工作进行了发言，交流学习心得体会及贯彻落实打算。",
    "大家纷纷表示要牢牢把握主题教育“学思想、强党性、重实践、建新功”的总要求，在工作中充分传承、发挥党的优良作风，"
    "爱岗敬业、积极进取，以实际行动践行初心使命。",
    "会议强调，深入学习贯彻习近平新时代中国特色社会主义思想主题教育是时代的要求、发展的需要，"
    "全体党员干部要在县委的坚强领导和县委主题教育指导组的正确指导下，以高度的政治责任感，响应号召、深入学习、全面落实，"
    "以学铸魂、以学增智、以学正风、以学促干，做奋进新征程的实干者、践行者，推动XX县就业创业工作高质量发展再上新台阶。",
])

# 党员大会: at least one a quarter. (date, topic, host, 专题, summary)
_GENERAL_MEETINGS = [
    (date(2023, 3, 14), "传达学习全国两会精神暨2023年党建工作部署会", SECRETARY, "其他",
     "传达学习全国两会精神，通报2023年XX县XX中心党建工作要点。"),
    (ADMIT_LI, "讨论接收李思雨同志为中共预备党员", SECRETARY, "发展党员",
     "发展对象李思雨汇报个人情况，培养联系人介绍培养考察情况，支部党员大会无记名投票表决，同意接收为中共预备党员。"),
    (date(2023, 7, 11), "学习贯彻党的二十大精神及上半年工作总结会", SECRETARY, "其他",
     "学习党的二十大报告有关章节，总结上半年党建和业务工作，部署下半年重点任务。"),
    (KEY_MEETING_DAY, KEY_MEETING_TOPIC, SECRETARY, "主题教育", KEY_MEETING_SUMMARY),
    (ADMIT_HE, "讨论接收何佳怡同志为中共预备党员", SECRETARY, "发展党员",
     "发展对象何佳怡汇报个人情况，培养联系人介绍培养考察情况，支部党员大会无记名投票表决，同意接收为中共预备党员。"),
]

# 支委会: one a month. (date, topic, 专题) — exactly three in July–December carry 意识形态.
_COMMITTEE_MEETINGS = [
    (date(2023, 1, 10), "研究制定2023年党建工作要点和意识形态工作计划", "意识形态"),
    (date(2023, 2, 14), "研究2023年党员教育培训计划和党费收缴工作", "其他"),
    (date(2023, 3, 7), "研究第一季度党员大会议程和党务公开事项", "其他"),
    (date(2023, 4, 11), "研究发展对象李思雨同志接收预备党员有关事宜", "发展党员"),
    (ACTIVISTS_MAY, "研究确定韩雪、曹宇航同志为入党积极分子", "发展党员"),
    (CANDIDATE_HE, "研究确定何佳怡同志为发展对象及上半年意识形态工作分析研判", "发展党员、意识形态"),
    (date(2023, 7, 4), "专题研究部署下半年意识形态工作", "意识形态"),
    (ELECTION_DAY, "选举党支部书记、研究支部委员分工", "换届选举"),
    (ACTIVISTS_SEP, "研究确定彭晨同志为入党积极分子及主题教育筹备工作", "发展党员、主题教育"),
    (date(2023, 10, 17), "专题研究意识形态领域风险隐患排查和网络阵地管理", "意识形态、主题教育"),
    (date(2023, 11, 7), "研究何佳怡同志接收预备党员有关事宜", "发展党员"),
    (date(2023, 12, 5), "专题研究全年意识形态工作总结和组织生活会筹备", "意识形态"),
]
_COMMITTEE_ABSENT = {date(2023, 3, 7): f"{PROPAGANDA}（外出培训）", date(2023, 11, 7): f"{ORGANIZATION}（病假）"}
ELECTION_SUMMARY = (f"会议就选举党支部书记、支部委员分工的相关事宜进行了投票讨论。会议决定，选举{SECRETARY}同志为党支部书记，"
                    f"{PROPAGANDA}同志为宣传委员，{ORGANIZATION}同志为组织委员、纪检委员。")

# 党课: one a quarter. (date, topic, speaker, 专题)
_LECTURES = [
    (date(2023, 3, 28), "深入学习党的二十大精神 奋力推动就业创业工作高质量发展", SECRETARY, "其他"),
    (date(2023, 6, 27), "赓续红色血脉 传承优良作风", ORGANIZATION, "党风廉政"),
    (date(2023, 9, 26), "以党的创新理论武装头脑 做新时代合格党员", PROPAGANDA, "其他"),
    (date(2023, 11, 28), "以学铸魂、以学增智、以学正风、以学促干", SECRETARY, "主题教育"),
]

# 党小组会 topics by month (both groups).
_GROUP_TOPICS = [
    "学习《中国共产党章程》总纲", "学习全国两会精神", "学习雷锋精神，讨论志愿服务安排",
    "学习《中国共产党纪律处分条例》", "学习习近平总书记在五四青年节的重要讲话精神", "交流“七一”主题党日活动心得",
    "学习《中国共产党支部工作条例（试行）》", "学习党章关于党员义务和权利的规定", "学习主题教育实施方案",
    "围绕主题教育开展学习交流", "学习《习近平著作选读》有关篇目", "开展年度党员自评互评准备",
]
_GROUP_TOPIC_TAGS = {9: "主题教育", 10: "主题教育", 11: "主题教育"}

# 集中学习 topics (cycled over the year's Fridays).
_STUDY_TOPICS = [
    "学习党的二十大报告", "学习《中华人民共和国就业促进法》", "学习县委全会精神",
    "学习习近平总书记关于就业工作的重要论述", "学习《中国共产党廉洁自律准则》", "学习稳就业政策文件汇编",
    "学习《中国共产党党员权利保障条例》", "学习创业担保贷款政策", "学习全国两会政府工作报告",
    "学习《中华人民共和国劳动合同法》", "学习《习近平谈治国理政》第四卷有关篇目", "学习职业技能提升行动有关政策",
    "学习《中国共产党纪律处分条例》", "观看警示教育片", "学习高校毕业生就业服务政策",
    "学习《中华人民共和国保守国家秘密法》", "学习农民工返乡创业扶持政策", "学习《求是》杂志重要文章",
    "学习安全生产有关规定", "学习政务服务规范化建设要求",
]
_THEME_EDUCATION_TOPICS = [
    "学习《习近平新时代中国特色社会主义思想专题摘编》", "学习《习近平著作选读》第一卷",
    "学习《习近平著作选读》第二卷", "学习习近平新时代中国特色社会主义思想学习纲要",
    "学习主题教育“学思想、强党性、重实践、建新功”总要求",
]
# Fridays whose study is an 意识形态 session (three of them in the second half).
_IDEOLOGY_STUDIES = {
    date(2023, 3, 17): "意识形态工作专题学习：学习意识形态工作责任制实施细则",
    date(2023, 6, 9): "意识形态工作专题学习：网络意识形态安全",
    date(2023, 7, 21): "意识形态专题学习：学习意识形态工作责任制有关规定",
    date(2023, 9, 15): "意识形态专题学习：加强工作群、公众号等网络阵地管理",
    date(2023, 11, 17): "意识形态专题学习：学习习近平总书记关于意识形态工作的重要论述",
}
_ABSENCE_REASONS = ("出差", "病假", "下乡开展就业服务", "外出培训", "事假", "参加县里会议")
_RETIRED_REASON = "退休党员，身体原因请假"


def _attendance(rng: random.Random, names: list[str], max_absent: int,
                members: list[dict[str, object]]) -> tuple[int, int, str]:
    """应到, 实到 and 缺席人员及原因 for a meeting of `names`."""
    count = rng.randint(0, max_absent)
    absent = rng.sample(names, count) if count else []
    retired = {m["姓名"] for m in members if m["党费类别"] == "离退休"}
    text = "；".join(f"{n}（{_RETIRED_REASON if n in retired else rng.choice(_ABSENCE_REASONS)}）"
                     for n in absent)
    return len(names), len(names) - count, text


def _meeting(day, kind, topic, *, group=None, host=None, speaker=None, expected=None, present=None,
             absent="", topics="", summary="", in_report="否") -> dict[str, object]:
    return {
        "日期": day, "会议类型": kind, "党小组": group, "会议主题": topic, "主持人": host,
        "主讲人": speaker, "应到人数": expected, "实到人数": present, "缺席人员及原因": absent or None,
        "记录人": RECORDER, "专题": topics or None, "内容摘要": summary or None, "写入报告": in_report,
    }


def study_days(year: int = YEAR) -> list[date]:
    """Every Friday of the year that is an official working day."""
    day = date(year, 1, 1)
    day += timedelta(days=(4 - day.weekday()) % 7)
    days = []
    while day.year == year:
        if chinese_calendar.is_workday(day):
            days.append(day)
        day += timedelta(days=7)
    return days


def meeting_rows(members: list[dict[str, object]]) -> list[dict[str, object]]:
    rng = random.Random(YEAR)
    rows = []

    for day, topic, host, tags, summary in _GENERAL_MEETINGS:
        names = on_roll(members, day)
        if day in (KEY_MEETING_DAY, ADMIT_LI, ADMIT_HE):
            expected, present, absent = len(names), len(names), ""
        else:
            expected, present, absent = _attendance(rng, names, 2, members)
        rows.append(_meeting(day, "党员大会", topic, host=host, expected=expected, present=present,
                             absent=absent, topics=tags, summary=summary,
                             in_report="是" if day == KEY_MEETING_DAY else "否"))

    committee = [SECRETARY, ORGANIZATION, PROPAGANDA]
    for day, topic, tags in _COMMITTEE_MEETINGS:
        absent = _COMMITTEE_ABSENT.get(day, "")
        rows.append(_meeting(day, "支委会", topic, host=SECRETARY, expected=len(committee),
                             present=len(committee) - (1 if absent else 0), absent=absent, topics=tags,
                             summary=ELECTION_SUMMARY if day == ELECTION_DAY else ""))

    for month, topic in enumerate(_GROUP_TOPICS, start=1):
        for offset, group in ((0, GROUP_1), (1, GROUP_2)):
            day = workday_on_or_after(date(YEAR, month, 19 + offset))
            names = on_roll(members, day, group)
            expected, present, absent = _attendance(rng, names, 1, members)
            rows.append(_meeting(day, "党小组会", topic, group=group, host=GROUP_LEADERS[group],
                                 expected=expected, present=present, absent=absent,
                                 topics=_GROUP_TOPIC_TAGS.get(month, "")))

    for day, topic, speaker, tags in _LECTURES:
        names = on_roll(members, day)
        expected, present, absent = _attendance(rng, names, 2, members)
        host = ORGANIZATION if speaker == SECRETARY else SECRETARY
        rows.append(_meeting(day, "党课", topic, host=host, speaker=speaker, expected=expected,
                             present=present, absent=absent, topics=tags))

    for day, kind, topic in (
        (date(2023, 12, 19), "组织生活会", "2023年度组织生活会：对照检查、开展批评和自我批评"),
        (date(2023, 12, 20), "民主评议党员", "2023年度民主评议党员"),
    ):
        names = on_roll(members, day)
        rows.append(_meeting(day, kind, topic, host=SECRETARY, expected=len(names), present=len(names),
                             topics="主题教育" if kind == "组织生活会" else "其他"))

    cycle = 0
    for day in study_days():
        if day in _IDEOLOGY_STUDIES:
            topic, tags = _IDEOLOGY_STUDIES[day], "意识形态"
        elif day >= date(2023, 9, 1) and day.day <= 14:
            topic = _THEME_EDUCATION_TOPICS[(day.month * 2 + day.day // 7) % len(_THEME_EDUCATION_TOPICS)]
            tags = "主题教育"
        else:
            topic, tags = _STUDY_TOPICS[cycle % len(_STUDY_TOPICS)], ""
            cycle += 1
        names = on_roll(members, day)
        expected, present, absent = _attendance(rng, names, 3, members)
        host = (SECRETARY, ORGANIZATION, PROPAGANDA)[day.isocalendar()[1] % 3]
        rows.append(_meeting(day, "集中学习", topic, host=host, expected=expected, present=present,
                             absent=absent, topics=tags))

    rows.sort(key=lambda r: (r["日期"], r["会议类型"]))
    return rows


# ---------------------------------------------------------------------------------------
# 党费收缴
# ---------------------------------------------------------------------------------------

def dues_rows(members: list[dict[str, object]]) -> list[dict[str, object]]:
    """Every month paid in full; a 预备党员 pays from the month the branch admitted them."""
    bases = {m[0]: m[9] for m in _MEMBERS} | {p[0]: p[6] for p in _PROBATIONERS}
    rows = []
    for m in members:
        name = m["姓名"]
        base = Decimal(bases[name])
        due = monthly_dues(m["党费类别"], base)
        start = m["转入日期"] or m["入党日期"]
        first_month = start.month if start.year == YEAR else 1
        row = {"姓名": name, "党费类别": m["党费类别"], "月计算基数": base, "月应交": due}
        if name in REDUCED:
            # The approved amount stays what the member paid before; the base is the new, higher one.
            row["月计算基数"], row["少交免交批准"] = Decimal(REDUCED[name][0]), REDUCED[name][1]
        quarterly = name in QUARTERLY_PAYERS
        for month in range(1, 13):
            if quarterly:
                row[f"{month}月"] = due * 3 if month % 3 == 0 else None
            else:
                row[f"{month}月"] = due if month >= first_month else None
        row["交纳方式"] = "按季" if quarterly else None
        row["上年末连续未交月数"] = CARRIED_UNPAID.get(name)
        row["备注"] = f"{start.month}月起交纳" if first_month > 1 else None
        rows.append(row)
    return rows


# ---------------------------------------------------------------------------------------
# 发展党员
# ---------------------------------------------------------------------------------------

def development_rows() -> list[dict[str, object]]:
    def row(name, gender, birth, applied, talked=None, activist=None, mentors=None, candidate=None,
            reviewed=None, trained=None, admitted=None, approved=None, note=None, **more):
        return {"姓名": name, "性别": gender, "出生日期": birth, "民族": "汉族", "学历": "大学本科",
                "工作单位及职务": "街道社区服务中心工作人员", "递交申请书日期": applied,
                "谈话日期": talked, "确定入党积极分子日期": activist, "培养联系人": mentors,
                "确定发展对象日期": candidate, "政治审查日期": reviewed, "集中培训日期": trained,
                "接收预备党员日期": admitted, "上级党委审批日期": approved, "转为正式党员日期": None,
                "备注": note, **more}

    return [
        row("李思雨", "女", date(1997, 4, 18), date(2021, 9, 10), date(2021, 9, 28), date(2021, 11, 16),
            "张慧敏、孙丽娟", date(2022, 12, 13), date(2023, 1, 10), date(2023, 3, 20), ADMIT_LI,
            date(2023, 6, 20), "预备期至2024年5月22日", 入党介绍人="张慧敏、孙丽娟"),
        row("何佳怡", "女", date(1995, 10, 23), date(2022, 3, 15), date(2022, 4, 6), date(2022, 5, 17),
            "马国庆、徐静", CANDIDATE_HE, date(2023, 7, 18), date(2023, 9, 20), ADMIT_HE,
            date(2023, 12, 12), "预备期至2024年11月20日", 入党介绍人="马国庆、徐静"),
        row("罗俊杰", "男", date(1994, 6, 2), date(2022, 9, 13), date(2022, 9, 28), date(2022, 11, 15),
            "陈建国、周文斌", note="培养考察中", 学历="大学专科"),
        row("韩雪", "女", date(1998, 3, 9), date(2023, 2, 20), date(2023, 3, 9), ACTIVISTS_MAY,
            "刘晓燕、郑雅琴"),
        row("曹宇航", "男", date(1996, 12, 21), date(2023, 3, 8), date(2023, 3, 28), ACTIVISTS_MAY,
            "赵志强、林志远"),
        row("彭晨", "男", date(1999, 7, 30), date(2023, 4, 12), date(2023, 4, 26), ACTIVISTS_SEP,
            "朱明辉、杨帆"),
        row("董佳琪", "女", date(2000, 1, 5), date(2023, 5, 16), date(2023, 6, 6)),
        row("袁浩然", "男", date(1995, 9, 14), date(2023, 7, 5), date(2023, 7, 25)),
        row("蒋欣怡", "女", date(2001, 2, 27), date(2023, 8, 22), date(2023, 9, 7)),
        row("邓子豪", "男", date(1997, 11, 8), date(2023, 9, 11), date(2023, 9, 26)),
        row("冯一鸣", "男", date(1993, 4, 16), date(2023, 11, 6), date(2023, 11, 23)),
    ]


# ---------------------------------------------------------------------------------------
# 活动记录
# ---------------------------------------------------------------------------------------

THEME_DAY_NAME = "“感党恩、听党话、跟党走”主题党日活动"
_THEME_DAYS = {
    1: "“新春送温暖”主题党日活动", 2: "重温入党誓词主题党日活动", 3: "“学雷锋 树新风”主题党日活动",
    4: "“缅怀革命先烈 赓续红色血脉”主题党日活动", 5: "“劳动最光荣”主题党日活动", 6: THEME_DAY_NAME,
    7: "庆祝建党102周年主题党日活动", 8: "“廉洁自律 从我做起”主题党日活动", 9: "“就业政策进社区”主题党日活动",
    10: "学习贯彻主题教育主题党日活动", 11: "“学思想、强党性”主题党日活动", 12: "“不忘初心 回顾全年”主题党日活动",
}


def activity_rows(members: list[dict[str, object]]) -> list[dict[str, object]]:
    rng = random.Random(YEAR + 1)
    rows = []
    for month, name in _THEME_DAYS.items():
        # The fixed day is the last Thursday of the month (a working one).
        day = workday_on_or_before(last_weekday_of_month(YEAR, month, 3))
        roll = len(on_roll(members, day))
        key = name == THEME_DAY_NAME
        rows.append({
            "日期": day, "活动类型": "主题党日", "活动名称": name,
            "地点": f"{PARTNER}党群服务中心" if key else PLACE,
            "共建单位": PARTNER if key else None,
            "参加人数": roll if key else roll - rng.randint(0, 3),
            "内容摘要": ("与包联结对共建的XX镇南XX社区党组织联合开展主题党日活动，重温入党誓词，"
                     "走访慰问困难群众，宣讲就业创业扶持政策。") if key else None,
            "写入报告": "是" if key else "否",
        })
    for day, kind, name, count in (
        (date(2023, 3, 3), "志愿服务", "学雷锋志愿服务：就业政策进社区宣传", 12),
        (date(2023, 4, 20), "双报到", "到XX镇南XX社区报到并认领服务岗位", 15),
        (date(2023, 9, 19), "结对共建", "与XX镇南XX社区开展结对共建座谈", 8),
        (date(2023, 12, 14), "志愿服务", "“冬日送岗位”进社区志愿服务", 11),
    ):
        rows.append({"日期": day, "活动类型": kind, "活动名称": name, "地点": f"{PARTNER}",
                     "共建单位": PARTNER, "参加人数": count, "内容摘要": None, "写入报告": "否"})
    rows.sort(key=lambda r: r["日期"])
    return rows


# ---------------------------------------------------------------------------------------
# 党务公开, 支委会成员, 问题与打算
# ---------------------------------------------------------------------------------------

def disclosure_rows() -> list[dict[str, object]]:
    items = [
        (date(2023, 1, 16), "2023年XX县XX中心党建工作要点"),
        (date(2023, 4, 14), "2023年第一季度党费收缴情况"),
        (date(2023, 4, 17), "发展对象李思雨同志拟接收为预备党员公示"),
        (date(2023, 7, 10), "2023年上半年党费收缴情况"),
        (date(2023, 8, 21), "党支部换届选举结果及支部委员分工"),
        (date(2023, 9, 25), "学习贯彻习近平新时代中国特色社会主义思想主题教育实施方案"),
        (date(2023, 10, 16), "2023年第三季度党费收缴情况"),
        (date(2023, 11, 8), "发展对象何佳怡同志拟接收为预备党员公示"),
        (date(2023, 12, 22), "2023年度民主评议党员结果"),
    ]
    return [{"日期": d, "公开事项": item, "公开载体": "党务公开平台", "备注": None} for d, item in items]


def committee_rows() -> list[dict[str, object]]:
    return [
        {"姓名": SECRETARY, "职务": "书记", "当选日期": ELECTION_DAY, "备注": None},
        {"姓名": PROPAGANDA, "职务": "宣传委员", "当选日期": ELECTION_DAY, "备注": None},
        {"姓名": ORGANIZATION, "职务": "组织委员、纪检委员", "当选日期": ELECTION_DAY, "备注": None},
    ]


_PROBLEMS = [
    ("党建工作方法上缺乏创新。",
     "党建基础工作仍不够扎实，部分党建工作制度落实还不够严格，党建与业务融合度不够，党建品牌创建载体单一，特色不够突出。"),
    ("党建活动形式不够丰富。",
     "支部在组织活动时，依赖规定动作更多一些，活动内容单一，缺乏创新，一般化、格式化的倾向比较突出，缺乏活力，"
     "党员参与积极性不高，吸引力不够。"),
    ("党员作用发挥有待加强。",
     "个别党员宗旨意识不够强，把自己等同于普通群众，缺乏服务群众的主动性。在工作中表现为不刻苦、不认真、不钻研、"
     "怕动脑、怕出力，先锋模范作用不明显。"),
]
PLANS_INTRO = (
    "下一年，我中心支部以习近平新时代中国特色社会主义思想为指导，以认真贯彻落实习近平总书记在考察XX时的重要讲话精神为重要目标，"
    "以党的政治建设为统领，以党支部标准化建设为主要抓手，严格落实各项制度，创新组织生活方式，增强党支部的凝聚力和战斗力，"
    "充分发挥党支部的战斗堡垒作用和党员的先锋模范作用。"
)
_PLANS = [
    ("强化党的政治建设。",
     "坚定自觉地同以习近平同志为核心的党中央保持高度一致，把认真贯彻执行党章作为重要内容融入日常，"
     "同时并结合本部门业务特色特点，将“我为群众办实事”实践活动贯穿始终，做到常态化、制度化；"
     "深刻领会新时代党建工作总要求，坚持把党的政治建设摆在首位，不断强化“四个意识”，坚定“四个自信”，做到“两个维护”。"),
    ("强化纪律作风建设。",
     "全面加强纪律建设，营造风清气正的政治氛围；强化日常监督；驰而不息纠正“四风”问题。集中梳理党建重点、难点问题，"
     "借鉴和学习其他兄弟单位在党建工作中的经验和做法，贯彻党建创新的工作理念，进一步激发党建工作活力。"),
    ("强化支部自身建设。",
     "建立健全党内关怀帮扶措施，多与党员沟通交流，做好政治思想工作，增强党员的凝聚力和向心力，"
     "做好新党员的培养和发展工作，为给党组织发展注入新鲜血液，增强党的战斗力。"),
]


def narrative_rows() -> list[dict[str, object]]:
    return ([{"类别": "存在问题", "标题": t, "内容": c} for t, c in _PROBLEMS]
            + [{"类别": "下步打算", "标题": t, "内容": c} for t, c in _PLANS])


# ---------------------------------------------------------------------------------------
# Assembly
# ---------------------------------------------------------------------------------------

def sample_settings() -> dict[str, object]:
    return {
        "单位名称": UNIT,
        "党组织名称": BRANCH,
        "上级党组织": "中共XX县委XX工委",
        "报告年度": YEAR,
        "报告期间": "下半年",
        "党支部书记": SECRETARY,
        "成文日期": date(2023, 12, 25),
        "中心工作": "保障全县就业创业形势持续稳定",
        "每周学习日": "周五",
        "党建阵地": PLACE,
        "党统系统使用情况": "正常登录及使用维护",
        "年度工作要点": "已制定2023年XX县XX中心党建工作要点",
        "党务公开载体": "党务公开平台",
        "支部类型": "机关",
        # The seed's own wording (the superior named where the seed says 上级党委、党组织; the
        # 下步打算 opening with the 以 its “以……为重要目标” needs).
        "开头领导语": "在县委、县政府的正确领导下，在中共XX县委XX工委的有力指导下",
        "下步打算总述": PLANS_INTRO,
    }


def sample_data() -> tuple[dict[str, object], dict[str, list[dict[str, object]]]]:
    """(settings, rows) of the sample branch, keyed by the workbook's Chinese names."""
    members = member_rows()
    rows = {
        "党员名册": members,
        "会议记录": meeting_rows(members),
        "党费收缴": dues_rows(members),
        "发展党员": development_rows(),
        "活动记录": activity_rows(members),
        "党务公开": disclosure_rows(),
        "支委会成员": committee_rows(),
        "问题与打算": narrative_rows(),
    }
    return sample_settings(), rows


def main() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from dangjian.documents.builder import build_workbook

    settings, rows = sample_data()
    out = Path(__file__).with_name("示例台账.xlsx")
    build_workbook(out, settings=settings, rows=rows)
    print(f"已生成 {out}")


if __name__ == "__main__":
    main()
