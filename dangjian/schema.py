"""The workbook's contract: every sheet, header, type and dropdown, spelled once.

The builder (`builder.py`) writes what is declared here and the reader (`records.py`)
reads by it, so the two cannot drift apart.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property


class Kind(str, Enum):
    TEXT = "text"
    DATE = "date"
    INT = "int"
    MONEY = "money"
    CHOICE = "choice"  # one value of `choices`
    MULTI = "multi"  # several values of `choices`, separated by 、 or ,
    YES_NO = "yes_no"


YES, NO = "是", "否"

GENDERS = ("男", "女")
MEMBER_TYPES = ("正式党员", "预备党员")
DUES_CATEGORIES = ("在职", "离退休", "农民", "学生", "下岗失业", "低保", "其他")
BRANCH_ROLES = ("书记", "副书记", "组织委员", "宣传委员", "纪检委员", "青年委员", "其他委员")
MEETING_TYPES = ("党员大会", "支委会", "党小组会", "党课", "组织生活会", "民主评议党员", "集中学习", "其他")
TOPICS = ("意识形态", "主题教育", "换届选举", "发展党员", "党风廉政", "其他")
ACTIVITY_TYPES = ("主题党日", "志愿服务", "双报到", "结对共建", "其他")
CARRIERS = ("党务公开平台", "公开栏", "会议", "微信群", "其他")
NARRATIVE_KINDS = ("存在问题", "下步打算")
TITLE_ENDINGS = ("情况", "情况报告")  # the title's last word: …党支部工作情况 / …党支部工作情况报告
PERIODS = ("上半年", "下半年", "全年", "第一季度", "第二季度", "第三季度", "第四季度", "自定义")
BRANCH_KINDS = ("机关", "事业单位", "企业", "村", "社区", "学校", "离退休", "其他")
# 中办《关于党的基层组织任期的意见》（2018）: 村和社区党组织每届任期5年, other branches 3 years.
TERM_YEARS_BY_KIND = {"村": 5, "社区": 5}
DEFAULT_TERM_YEARS = 3
PAYMENT_MODES = ("按月", "按季")
MONTHLY, QUARTERLY = PAYMENT_MODES
# 中组发〔2008〕3号 第六条: 农民党员每月交纳党费0.2元至1元 (the province fixes the amount).
FARMER_RANGE = ("0.20", "1.00")
ROUNDING_MODES = ("四舍五入到分", "四舍五入到角", "向上取整到元")
# 党内统计年报 表4/表16 学历 categories (the 年报 prints 高中、中技 as one category).
EDUCATION_LEVELS = ("研究生", "大学本科", "大学专科", "中专", "高中、中技", "初中及以下")
WEEKDAYS = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")
MONTHS = tuple(f"{m}月" for m in range(1, 13))
MONTH_KEYS = tuple(f"m{m}" for m in range(1, 13))  # the 党费收缴 month columns
TOTAL = "合计"
# 党内统计年报 表2's rows by 职业/岗位 (the 在岗职工 split as the table prints it).
POSTS = ("党政机关工作人员", "事业单位管理人员", "事业单位专业技术人员", "企业管理人员", "企业专业技术人员",
         "工勤技能人员", "农牧渔民", "军人武警", "学生", "离退休人员", "其他")
# Why a member left the roll on 转出日期 (年报 表1 本年减少); blank reads as 转出.
LEAVE_REASONS = ("转出", "死亡", "出党", "停止党籍")


# The 党内统计年报's bands, as the 规则设置 defaults (see RULES: age_bands, joined_bands).
AGE_BANDS = "30、35、40、45、50、55、60、65、70"
DEVELOPED_AGE_BANDS = "25、30、35、40、59"
JOINED_BANDS = ("1937-07-07、1945-09-03、1949-10-01、1966-05-01、1976-11-01、1979-01-01、2002-11-01、"
                "2012-11-01、2017-10-18、2022-10-16")


@dataclass(frozen=True)
class Column:
    """A column of a sheet: its header, the key the program reads it by, its kind and the template's help."""

    header: str
    key: str
    kind: Kind = Kind.TEXT
    required: bool = False
    choices: tuple[str, ...] = ()
    help: str = ""
    width: float = 12
    formula: bool = False  # computed by the workbook itself (never required as input)
    unused: bool = False  # offered to the secretary (序号) but never read by the program

    @property
    def label(self) -> str:
        """The header as written in row 1 (money columns carry their unit)."""
        return f"{self.header}（元）" if self.kind is Kind.MONEY else self.header


@dataclass(frozen=True)
class Sheet:
    """A sheet of records as the template lays it out: its columns, and the column that names each row."""

    name: str
    key: str
    purpose: str
    columns: tuple[Column, ...]
    key_column: str  # a row with this blank but other values filled is an error
    total_row: bool = False  # a last row whose key column says 合计 holds column totals

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)

    @cached_property
    def column_keys(self) -> frozenset[str]:
        return frozenset(c.key for c in self.columns)

    @cached_property
    def column_keys_order(self) -> tuple[str, ...]:
        return tuple(c.key for c in self.columns)


# Headers people write for a template column, by header_key: read as the template's column (提示).
HEADER_ALIASES = {
    "出生年月": "出生日期", "入党时间": "入党日期", "转正时间": "转正日期", "转入时间": "转入日期",
    "转出时间": "转出日期", "会议日期": "日期", "会议时间": "日期", "活动日期": "日期", "活动时间": "日期",
    "公开日期": "日期", "缴费基数": "月计算基数", "交费基数": "月计算基数", "党费基数": "月计算基数",
    "每月应交": "月应交", "应交党费": "月应交", "月缴纳额": "月应交", "参会人数": "实到人数",
    "应参会人数": "应到人数", "会议主持人": "主持人", "授课人": "主讲人",
}


@dataclass(frozen=True)
class Setting:
    """One row of a two-column settings sheet (基本信息, 规则设置)."""

    item: str
    key: str
    kind: Kind = Kind.TEXT
    required: bool = False
    choices: tuple[str, ...] = ()
    default: object = None
    help: str = ""
    basis: str = ""
    limits: tuple[int, int] | None = None  # the whole numbers a cell may hold


@dataclass(frozen=True)
class SettingsSheet:
    """A sheet of named settings (基本信息, 规则设置): a row per setting under `headers`."""

    name: str
    key: str
    purpose: str
    headers: tuple[str, ...]
    settings: tuple[Setting, ...] = field(default_factory=tuple)

    def setting(self, key: str) -> Setting:
        return next(s for s in self.settings if s.key == key)


def _c(header, key, kind=Kind.TEXT, *, required=False, choices=(), help="", width=12, formula=False, unused=False):
    return Column(header, key, kind, required, tuple(choices), help, width, formula, unused)


SERIAL = _c("序号", "serial", Kind.INT, help="可留空，程序不使用。", width=6, unused=True)
WRITE_TO_REPORT = _c("写入报告", "in_report", Kind.YES_NO, choices=(YES, NO),
                     help="选“是”则在工作报告中专门叙述这一条。", width=9)

BASE_HELP = (
    "在职：税后月工资收入，含基本工资、津贴补贴等固定收入；不含个人所得税、五险一金（养老、医疗、失业保险和"
    "住房公积金）、职业年金和企业年金、奖励性绩效工资，以及改革性补贴。离退休：基本离退休费或基本养老金，"
    "不含各种补贴（组电明字〔2017〕5号）"
)

BASIC_INFO = SettingsSheet(
    name="基本信息",
    key="basic",
    purpose="支部和报告的基本情况：单位名称、报告年度与期间、书记、成文日期等，工作报告的标题和落款由此生成。",
    headers=("项目", "内容", "说明"),
    settings=(
        Setting("单位名称", "unit", required=True, help="党支部所在单位，如：XX县XX中心"),
        Setting("党组织名称", "branch", required=True, help="如：XX县XX中心党支部，用于落款"),
        Setting("上级党组织", "superior", help="如：中共XX县委XX工委"),
        Setting("报告年度", "year", Kind.INT, required=True, help="四位数年份，如：2023", limits=(1950, 2200)),
        Setting("报告期间", "period", Kind.CHOICE, required=True, choices=PERIODS,
                help="上半年、下半年、全年、某一季度，或“自定义”（再填起止日期）"),
        Setting("起始日期", "start", Kind.DATE, help="仅“自定义”期间填写"),
        Setting("结束日期", "end", Kind.DATE, help="仅“自定义”期间填写"),
        Setting("党支部书记", "secretary", required=True, help="书记姓名，应与党员名册一致"),
        Setting("成文日期", "written", Kind.DATE, help="报告落款日期；留空则为生成当天"),
        Setting("中心工作", "central_task", help="本单位的中心任务，写成短语、不加句号，如：保障全县就业创业形势持续稳定；"
                "报告开头写作“以……为主要目标”"),
        Setting("每周学习日", "study_day", Kind.CHOICE, choices=WEEKDAYS,
                help="每周集中学习的固定日，没有则留空"),
        Setting("党建阵地", "position", help="地点名称，不加句号，如：XX中心五楼小会议室"),
        Setting("党统系统使用情况", "system_usage", help="如：正常登录及使用维护"),
        Setting("年度工作要点", "work_plan", help="如：已制定2023年XX县XX中心党建工作要点"),
        Setting("党务公开载体", "carriers", help="如：党务公开平台"),
        Setting("支部类型", "branch_kind", Kind.CHOICE, choices=BRANCH_KINDS,
                help="可选：" + "、".join(BRANCH_KINDS) + "。决定支委会任期的默认值：村、社区5年，其他3年；留空按3年"),
        Setting("支委会任期（年）", "committee_term", Kind.INT, limits=(1, 10),
                help="留空时按支部类型：村、社区党组织5年，其他3年（中办《关于党的基层组织任期的意见》，2018）",
                basis="中办《关于党的基层组织任期的意见》（2018）"),
        # The report's wording that differs from branch to branch (docs/report-context.md).
        Setting("报告标题结尾", "title_ending", Kind.CHOICE, choices=TITLE_ENDINGS, default=TITLE_ENDINGS[0],
                help="标题写作“……党支部工作情况”或“……党支部工作情况报告”；留空为“情况”"),
        Setting("开头领导语", "leadership", help="报告开头“今年以来，”之后的一句，不加句号，如：在县委、县政府的正确领导下，"
                "在中共XX县委XX工委的有力指导下；留空则写“在（上级党组织）的坚强领导下”"),
        Setting("下步打算总述", "plans_intro", help="报告“下步工作打算”部分的开头一段（各条打算之前），如：下一年，我支部以……为指导，"
                "……；留空则用通用表述"),
        # Written into the year's 党费收缴情况报告 (dues-report); optional.
        Setting("党费上缴金额", "dues_remitted", Kind.MONEY, help="本年度向上级党委上缴的党费（元），写入党费收缴情况报告"),
        Setting("党费上缴日期", "dues_remitted_on", Kind.DATE, help="上缴党费的日期；多次上缴时填最后一次"),
        # Written into the 发展党员 公示 (development): office numbers only; optional.
        Setting("党支部联系电话", "branch_phone",
                help="党支部的办公电话，写入发展党员公示供党员群众反映意见；不要填个人手机号码"),
        Setting("上级党委联系电话", "superior_phone",
                help="上级党委（组织部门）的办公电话，写入发展党员公示；不要填个人手机号码"),
    ),
)

MEMBERS = Sheet(
    name="党员名册",
    key="members",
    purpose="每名党员一行：入党、转正、转入转出日期决定其在各期间是否计入应到人数和应交党费。",
    key_column="name",
    columns=(
        SERIAL,
        _c("姓名", "name", required=True, width=10),
        _c("性别", "gender", Kind.CHOICE, choices=GENDERS, width=6),
        _c("民族", "ethnicity", width=8),
        _c("出生日期", "birth", Kind.DATE, width=12),
        _c("学历", "education", width=10),
        _c("身份证号", "id_number", help="18位；仅用于校验，不写入报告", width=21),
        _c("党员类别", "member_type", Kind.CHOICE, required=True, choices=MEMBER_TYPES, width=10),
        _c("入党日期", "joined", Kind.DATE, required=True, help="支部大会接收为预备党员的日期", width=12),
        _c("转正日期", "confirmed", Kind.DATE, width=12),
        _c("党费类别", "dues_category", Kind.CHOICE, required=True, choices=DUES_CATEGORIES, width=10),
        _c("党小组", "group", width=12),
        _c("支部职务", "branch_role", Kind.MULTI, choices=BRANCH_ROLES,
           help="可选：" + "、".join(BRANCH_ROLES) + "；没有则留空；兼任时用“、”分隔，如：组织委员、纪检委员", width=14),
        _c("行政职务", "job_title", help="如：XX中心主任", width=14),
        _c("联系电话", "phone", help="不写入报告", width=13),
        _c("转入日期", "moved_in", Kind.DATE, width=12),
        _c("转出日期", "moved_out", Kind.DATE, width=12),
        _c("预备期延长至", "probation_extended", Kind.DATE, width=12,
           help="支部大会决定延长预备期（半年至一年，党章第七条）的，填写延长后预备期届满的日期；未延长的留空"),
        _c("岗位", "post", Kind.CHOICE, choices=POSTS, width=14,
           help="按党内统计年报的职业（岗位）分类选择，用于党员队伍结构统计；可留空（统计为“未填写”）"),
        _c("减少原因", "leave_reason", Kind.CHOICE, choices=LEAVE_REASONS, width=10,
           help="填了转出日期的党员离开本支部的原因：" + "、".join(LEAVE_REASONS) + "；留空按“转出”统计"),
        _c("备注", "note", width=16),
    ),
)

MEETINGS = Sheet(
    name="会议记录",
    key="meetings",
    purpose="三会一课、组织生活会、民主评议和集中学习，每次一行。专题含“意识形态”“换届选举”的会议写入报告相应部分。",
    key_column="date",
    columns=(
        SERIAL,
        _c("日期", "date", Kind.DATE, required=True, width=12),
        _c("会议类型", "type", Kind.CHOICE, required=True, choices=MEETING_TYPES, width=12),
        _c("党小组", "group", help="党小组会填写", width=12),
        _c("会议主题", "topic", required=True, width=30,
           help="写会议名称，如：主题教育工作推进会；写入报告的会议以它作小标题（党课写讲题）"),
        _c("主持人", "host", width=10),
        _c("主讲人", "speaker", help="党课填写", width=10),
        _c("应到人数", "expected", Kind.INT, width=9),
        _c("实到人数", "present", Kind.INT, width=9),
        _c("缺席人员及原因", "absent", width=18),
        _c("记录人", "recorder", width=10),
        _c("专题", "topics", Kind.MULTI, choices=TOPICS, width=16,
           help="可多选，用“、”分隔。可选：" + "、".join(TOPICS) + "。含“意识形态”的计入报告意识形态部分，"
                "含“换届选举”的写入报告换届选举部分"),
        _c("内容摘要", "summary", help="写入报告的会议，每段一行（Alt+Enter 换行）", width=40),
        WRITE_TO_REPORT,
    ),
)

DUES = Sheet(
    name="党费收缴",
    key="dues",
    purpose="报告年度每名党员一行：1月至12月填实际交纳金额，未交留空；合计列和合计行由公式计算。",
    key_column="name",
    total_row=True,
    columns=(
        SERIAL,
        _c("姓名", "name", required=True, width=10),
        _c("党费类别", "dues_category", Kind.CHOICE, required=True, choices=DUES_CATEGORIES, width=10),
        _c("月计算基数", "base", Kind.MONEY, help=BASE_HELP, width=12),
        _c("月应交", "monthly_due", Kind.MONEY, required=True, width=10),
        *(_c(m, f"m{i}", Kind.MONEY, width=8) for i, m in enumerate(MONTHS, start=1)),
        _c(TOTAL, "total", Kind.MONEY, width=10, formula=True),
        _c("少交免交批准", "reduction_approved", width=16,
           help="经党支部研究、报上一级党委批准少交或免交党费的（中组发〔2008〕3号 第七条），填写批准日期或文号；"
                "月应交填批准后的金额（免交填0）"),
        _c("交纳方式", "payment_mode", Kind.CHOICE, choices=PAYMENT_MODES, width=9,
           help="按月或按季；经党支部同意按季度交纳的选“按季”（中组发〔2008〕3号 第十二条）。"
                "留空时按规则设置“允许按季度交纳党费”：选“是”的按季，否则按月"),
        _c("上年末连续未交月数", "carried_unpaid", Kind.INT, width=10,
           help="上一年度12月底已连续未交党费的月数，没有则留空。留空且同一文件夹中有上一年度台账时，程序从中读取"),
        _c("备注", "note", width=16),
    ),
)

NOTICE_HELP = ("{stage}公示的第一天或最后一天（含当天）；公示期满后才能{decision}，"
               "公示天数不少于规则设置“发展党员公示最少天数”。未公示的留空")

DEVELOPMENT = Sheet(
    name="发展党员",
    key="development",
    purpose="入党申请人、积极分子、发展对象和预备党员，每人一行；当前阶段由填写的最后一个日期确定。",
    key_column="name",
    columns=(
        SERIAL,
        _c("姓名", "name", required=True, width=10),
        _c("性别", "gender", Kind.CHOICE, choices=GENDERS, width=6),
        _c("出生日期", "birth", Kind.DATE, width=12),
        _c("民族", "ethnicity", width=8, help="如：汉族。写入发展党员公示和纪实表"),
        _c("学历", "education", Kind.CHOICE, choices=EDUCATION_LEVELS, width=10,
           help="按党内统计年报的学历分类：" + "、".join(EDUCATION_LEVELS)),
        _c("工作单位及职务", "workplace", width=20, help="写入发展党员公示，如：某某科科员"),
        _c("递交申请书日期", "applied", Kind.DATE, required=True, width=14),
        _c("谈话日期", "talked", Kind.DATE, width=12),
        _c("确定入党积极分子日期", "activist", Kind.DATE, width=14),
        _c("培养联系人", "mentors", width=14),
        _c("发展对象公示开始", "candidate_notice_from", Kind.DATE, width=12,
           help=NOTICE_HELP.format(stage="拟确定为发展对象", decision="确定发展对象")),
        _c("发展对象公示结束", "candidate_notice_to", Kind.DATE, width=12,
           help=NOTICE_HELP.format(stage="拟确定为发展对象", decision="确定发展对象")),
        _c("确定发展对象日期", "candidate", Kind.DATE, width=14),
        _c("入党介绍人", "sponsors", width=14,
           help="两名正式党员，用“、”分隔（《中国共产党章程》第五条）；支部大会接收预备党员时二人须为正式党员"),
        _c("政治审查日期", "reviewed", Kind.DATE, width=12),
        _c("集中培训日期", "trained", Kind.DATE, width=12),
        _c("支委会审查日期", "committee_reviewed", Kind.DATE, width=12,
           help="支部委员会对发展对象审查、集体讨论认为合格的日期（《中国共产党发展党员工作细则》第十九条），"
                "此后报上级党委预审"),
        _c("上级党委预审日期", "pre_reviewed", Kind.DATE, width=12,
           help="基层党委预审发展对象的日期（《中国共产党发展党员工作细则》第十九条）"),
        _c("接收公示开始", "admission_notice_from", Kind.DATE, width=12,
           help=NOTICE_HELP.format(stage="拟接收为预备党员", decision="支部大会讨论接收")),
        _c("接收公示结束", "admission_notice_to", Kind.DATE, width=12,
           help=NOTICE_HELP.format(stage="拟接收为预备党员", decision="支部大会讨论接收")),
        _c("接收预备党员日期", "admitted", Kind.DATE, width=14),
        _c("上级党委审批日期", "approved", Kind.DATE, width=14),
        _c("转正公示开始", "confirmation_notice_from", Kind.DATE, width=12,
           help=NOTICE_HELP.format(stage="拟转为正式党员", decision="支部大会讨论转正")),
        _c("转正公示结束", "confirmation_notice_to", Kind.DATE, width=12,
           help=NOTICE_HELP.format(stage="拟转为正式党员", decision="支部大会讨论转正")),
        _c("转为正式党员日期", "full_member", Kind.DATE, width=14),
        _c("预备期延长至", "probation_extended", Kind.DATE, width=12,
           help="支部大会决定延长预备期（半年至一年，党章第七条）的，填写延长后预备期届满的日期；未延长的留空"),
        _c("备注", "note", width=16),
    ),
)

ACTIVITIES = Sheet(
    name="活动记录",
    key="activities",
    purpose="主题党日、志愿服务、双报到、结对共建等活动，每次一行。",
    key_column="date",
    columns=(
        SERIAL,
        _c("日期", "date", Kind.DATE, required=True, width=12),
        _c("活动类型", "type", Kind.CHOICE, required=True, choices=ACTIVITY_TYPES, width=10),
        _c("活动名称", "name", required=True, width=30,
           help="写活动名称，如：“感党恩、听党话、跟党走”主题党日活动；报告写作“某月某日，开展了……”"),
        _c("地点", "place", width=16),
        _c("共建单位", "partner", width=16),
        _c("参加人数", "participants", Kind.INT, width=9),
        _c("内容摘要", "summary", width=40),
        WRITE_TO_REPORT,
    ),
)

DISCLOSURES = Sheet(
    name="党务公开",
    key="disclosures",
    purpose="每公开一项党务信息一行。",
    key_column="date",
    columns=(
        SERIAL,
        _c("日期", "date", Kind.DATE, required=True, width=12),
        _c("公开事项", "item", required=True, width=36),
        _c("公开载体", "carrier", Kind.CHOICE, choices=CARRIERS, width=14),
        _c("备注", "note", width=16),
    ),
)

COMMITTEE = Sheet(
    name="支委会成员",
    key="committee",
    purpose="报告期末的支部委员会成员；一人兼两职时用“、”分隔，如：组织委员、纪检委员。",
    key_column="name",
    columns=(
        SERIAL,
        _c("姓名", "name", required=True, width=10),
        _c("职务", "roles", Kind.MULTI, required=True, choices=BRANCH_ROLES, width=20,
           help="可选：" + "、".join(BRANCH_ROLES) + "；兼任时用“、”分隔"),
        _c("当选日期", "elected", Kind.DATE, required=True, width=12,
           help="本届支委会的选举日期。支委会从当选之日起按月召开；当天会议记录有专题含“换届选举”的会议时，"
                "视为换届（此前由上届支委会召开）"),
        _c("任期延期至", "term_extended", Kind.DATE, width=12,
           help="经上级党组织批准延期换届的，填写批准延至的日期（一般不超过1年，《中国共产党基层组织选举工作条例》第三条）"),
        _c("备注", "note", width=16),
    ),
)

NARRATIVE = Sheet(
    name="问题与打算",
    key="narrative",
    purpose="报告第二、三部分的内容：每条一行，标题为该条的首句（在报告中作楷体小标题）。",
    key_column="title",
    columns=(
        SERIAL,
        _c("类别", "kind", Kind.CHOICE, required=True, choices=NARRATIVE_KINDS, width=10),
        _c("标题", "title", required=True, help="该条的首句（楷体小标题），以句号结尾", width=30),
        _c("内容", "content", width=60),
    ),
)

# What a 计划 row may plan: the meetings of 会议记录, the 主题党日 of 活动记录, or anything else (其他).
PLAN_TYPES = ("党员大会", "支委会", "党小组会", "党课", "组织生活会", "民主评议党员", "集中学习", "主题党日", "其他")

PLANS = Sheet(
    name="计划",
    key="plans",
    purpose="年度组织生活计划（可选）：每项计划的工作一行，可由 plan --into-new 生成；校验时与会议记录、活动记录对照。",
    key_column="month",
    columns=(
        SERIAL,
        _c("月份", "month", Kind.CHOICE, required=True, choices=MONTHS, width=8),
        _c("类型", "type", Kind.CHOICE, required=True, choices=PLAN_TYPES, width=12,
           help="可选：" + "、".join(PLAN_TYPES) + "；“其他”不与记录对照"),
        _c("党小组", "group", help="党小组会填写", width=12),
        _c("内容", "content", width=36),
        _c("计划日期", "date", Kind.DATE, width=12),
        _c("责任人", "who", width=16),
        _c("备注", "note", width=16),
    ),
)

RULES = SettingsSheet(
    name="规则设置",
    key="rules",
    purpose="校验规则的默认值，可按本地规定修改；留空的项目使用默认值。",
    headers=("项目", "值", "依据"),
    settings=(
        Setting("党员大会最少次数（每季度）", "general_per_quarter", Kind.INT, default=1, limits=(0, 90),
                basis="《中国共产党支部工作条例（试行）》第十一条"),
        Setting("支委会最少次数（每月）", "committee_per_month", Kind.INT, default=1, limits=(0, 31),
                basis="《中国共产党支部工作条例（试行）》第十二条"),
        Setting("党小组会最少次数（每月）", "group_per_month", Kind.INT, default=1, limits=(0, 31),
                basis="《中国共产党支部工作条例（试行）》第十三条"),
        Setting("党课最少次数（每季度）", "lecture_per_quarter", Kind.INT, default=1, limits=(0, 90),
                basis="《中国共产党支部工作条例（试行）》第十六条（次数为本地做法）"),
        Setting("主题党日最少次数（每月）", "theme_day_per_month", Kind.INT, default=1, limits=(0, 31),
                basis="《中国共产党支部工作条例（试行）》“每月相对固定1天开展主题党日”"),
        Setting("主题党日固定日", "theme_day_fixed", help="如：每月第一个星期五、每月最后一个星期四、每月10日；留空为当月内任一天",
                basis="《中国共产党支部工作条例（试行）》：每月相对固定1天开展主题党日（具体哪一天由党组织确定，"
                      "中央未作统一规定）；遇法定节假日顺延至下一个工作日"),
        Setting("组织生活会、民主评议开展月份（起）", "review_from_month", Kind.INT, default=10, limits=(1, 12),
                basis="《中国共产党支部工作条例（试行）》第十七条：组织生活会一般每年召开1次，每年开展民主评议党员；"
                      "通常在第四季度（年底）集中开展，具体时间按上级党组织通知"),
        Setting("党费收缴情况公示期限（季度结束后天数）", "dues_posting_days", Kind.INT, default=30, limits=(1, 92),
                basis="党务公开：党费收缴情况定期向党员公示（按季度或半年公示、何时公示为本地做法）"),
        Setting("组织生活会最少次数（每年）", "life_meeting_per_year", Kind.INT, default=1, limits=(0, 366),
                basis="《中国共产党支部工作条例（试行）》第十七条"),
        Setting("民主评议党员最少次数（每年）", "review_per_year", Kind.INT, default=1, limits=(0, 366),
                basis="《中国共产党支部工作条例（试行）》第十七条"),
        Setting("集中学习节假日不计", "study_skip_holidays", Kind.YES_NO, choices=(YES, NO), default=YES,
                basis="本地做法：法定节假日（含调休放假）不要求集中学习；普通周六、周日的学习日照常要求"),
        Setting("党费舍入方式", "dues_rounding", Kind.CHOICE, choices=ROUNDING_MODES,
                default="四舍五入到分", basis="中央无统一规定，按本地做法（到分、到角或向上取整到元）"),
        Setting("在职党费第一档上限（元）", "working_bracket_1", Kind.MONEY, default="3000",
                basis="中组发〔2008〕3号 第二条：3000元以下（含）交纳0.5%"),
        Setting("在职党费第二档上限（元）", "working_bracket_2", Kind.MONEY, default="5000",
                basis="中组发〔2008〕3号 第二条：3000—5000元（含）交纳1%"),
        Setting("在职党费第三档上限（元）", "working_bracket_3", Kind.MONEY, default="10000",
                basis="中组发〔2008〕3号 第二条：5000—10000元（含）交纳1.5%，以上2%"),
        Setting("离退休党费分档（元）", "retired_bracket", Kind.MONEY, default="5000",
                basis="中组发〔2008〕3号 第五条：5000元以下（含）0.5%，以上1%"),
        Setting("农民党员每月党费（元）", "farmer_monthly", Kind.MONEY,
                basis="中组发〔2008〕3号 第六条：每月0.2元至1元，由省级党委确定；留空时0.2元至1元均可，"
                      "填写本省标准后按该标准核对"),
        Setting("最低档每月党费（元）", "minimum_monthly", Kind.MONEY, default="0.20",
                basis="中组发〔2008〕3号 第六条：学生、下岗失业、依靠抚恤或救济、低保党员每月0.2元"),
        Setting("每月党费上限（元）", "monthly_cap", Kind.MONEY, default="1000",
                basis="组电明字〔2017〕5号：每月交纳额一般不超过1000元（按比例超过的，交1000元即可；本人自愿多交的不限）"),
        Setting("连续未交党费月数（按自行脱党处理）", "unpaid_streak_months", Kind.INT, default=6, limits=(1, 24),
                basis="中组发〔2008〕3号 第十三条；《中国共产党章程》第九条"),
        Setting("补交党费最多月数", "back_pay_months", Kind.INT, default=6, limits=(1, 24),
                basis="中组发〔2008〕3号 第十二条"),
        Setting("允许按季度交纳党费", "quarterly_allowed", Kind.YES_NO, choices=(YES, NO), default=NO,
                basis="中组发〔2008〕3号 第十二条：党员应按月交纳，经党支部同意可按季度交纳。"
                      "选“是”时，党费收缴表“交纳方式”留空的党员都按季度核对；“交纳方式”填了的按所填"),
        Setting("申请入党最低年龄", "min_applicant_age", Kind.INT, default=18, limits=(16, 100),
                basis="《中国共产党发展党员工作细则》第五条"),
        Setting("申请后谈话期限（月）", "talk_within_months", Kind.INT, default=1, limits=(1, 24),
                basis="《中国共产党发展党员工作细则》第七条"),
        Setting("积极分子培养期（月）", "activist_months", Kind.INT, default=12, limits=(1, 60),
                basis="《中国共产党发展党员工作细则》第十三条：培养教育一年以上"),
        Setting("预备期（月）", "probation_months", Kind.INT, default=12, limits=(1, 24),
                basis="《中国共产党发展党员工作细则》第三十二条"),
        Setting("上级党委审批期限（月）", "approval_within_months", Kind.INT, default=3, limits=(1, 24),
                basis="《中国共产党发展党员工作细则》：上级党委一般在三个月内审批"),
        Setting("上级党委审批最长期限（月）", "approval_limit_months", Kind.INT, default=6, limits=(1, 24),
                basis="《中国共产党发展党员工作细则》：因特殊情况可适当延长审批时间，但最长不得超过六个月"),
        Setting("发展党员公示最少天数", "notice_min_days", Kind.INT, default=5, limits=(1, 60),
                basis="中央未统一规定发展党员公示天数，由各地各单位规定（如重师委组〔2007〕7号：公示时间为5—7天；"
                      "也常见“不少于5个工作日”）；按自然日计，含首尾两天，请按本地规定修改"),
        Setting("预备期最长延长（月）", "probation_extension_months", Kind.INT, default=12, limits=(1, 24),
                basis="《中国共产党章程》第七条：预备期可以延长，但不能超过一年"),
        Setting("支委会成立所需正式党员人数", "committee_min_full_members", Kind.INT, default=7, limits=(1, 1000),
                basis="《中国共产党支部工作条例（试行）》：正式党员7人以上的党支部设立支部委员会"),
        Setting("换届提前提醒（月）", "term_warning_months", Kind.INT, default=6, limits=(1, 24),
                basis="中办《关于党的基层组织任期的意见》（2018）"),
        Setting("支委会最少委员人数", "committee_min_size", Kind.INT, default=3, limits=(1, 100),
                basis="《中国共产党支部工作条例（试行）》：支部委员会由3至5人组成，一般不超过7人"),
        Setting("支委会最多委员人数", "committee_max_size", Kind.INT, default=7, limits=(1, 100),
                basis="《中国共产党支部工作条例（试行）》：支部委员会由3至5人组成，一般不超过7人"),
        # The 党内统计 bands: data, so that a new edition of the 年报 is a change of these cells.
        Setting("统计年龄分段（岁）", "age_bands", default=AGE_BANDS,
                help="各年龄段的上限（周岁，含），用“、”分隔；年龄按统计年度12月31日计算",
                basis="党内统计年报 表2（2016年版）：30岁及以下、31至35岁……66至70岁、71岁及以上；"
                      "中组部《中国共产党党内统计公报》按同样的5岁分段"),
        Setting("统计发展党员年龄分段（岁）", "developed_age_bands", default=DEVELOPED_AGE_BANDS,
                help="本年发展党员各年龄段的上限（周岁，含），用“、”分隔",
                basis="党内统计年报 表16（2016年版）：25岁及以下、26至30岁、31至35岁、36至40岁、41至59岁、60岁及以上"),
        Setting("统计入党时间分段", "joined_bands", default=JOINED_BANDS,
                help="各入党时间段的起始日期，用“、”分隔",
                basis="党内统计年报 表3（2016年版）：1937.7.6及以前……2002.11至2012.10、2012.11及以后；"
                      "2012年11月以后按党的十九大（2017年10月18日开幕）、二十大（2022年10月16日开幕）再分段"),
    ),
)

def term_years(basic) -> int:
    """The committee's term: 支委会任期 as entered, or the default of the branch's kind (支部类型)."""
    return basic["committee_term"] or TERM_YEARS_BY_KIND.get(basic["branch_kind"], DEFAULT_TERM_YEARS)


DATA_SHEETS: tuple[Sheet, ...] = (
    MEMBERS, MEETINGS, DUES, DEVELOPMENT, ACTIVITIES, DISCLOSURES, COMMITTEE, NARRATIVE,
)
# Optional sheets: read when present, never written into a blank workbook.
OPTIONAL_SHEETS: tuple[Sheet, ...] = (PLANS,)
TABLE_SHEETS: tuple[Sheet, ...] = (*DATA_SHEETS, *OPTIONAL_SHEETS)  # every table sheet the reader reads
INSTRUCTIONS_SHEET = "使用说明"
FINDINGS_SHEET = "校验结果"
# Sheets a workbook cannot do without; the others may be absent and then read as empty.
REQUIRED_SHEETS = (BASIC_INFO.name, MEMBERS.name)
# The order findings are listed in: the order a secretary fills the sheets.
SHEET_ORDER = (BASIC_INFO.name, *(s.name for s in TABLE_SHEETS), RULES.name)
