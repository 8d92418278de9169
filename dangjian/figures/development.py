"""发展党员 and 意识形态: each person's timeline, how many people reached each stage, and how many
meetings took up ideology.

The timeline is worked out once from the 发展党员 sheet and 规则设置: every step of the 细则 the
sheet records has its date (if taken) and its window, the earliest day it may be taken and, where
the 细则 sets a limit, the latest. The checks judge the windows, the 发展党员 papers read the
dates, and the stage counts the report words and the 党委 summary adds up are counted from the
same steps. Numbers and dates only; the report words them (context).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Mapping

from ..period import Period, add_months
from ..read.records import Ledger, Row

RULES = "《中国共产党发展党员工作细则》"

# The stages a person is at, by the last step taken (the 年报 and the report use these names).
APPLICANT, ACTIVIST, CANDIDATE, PROBATIONER, FULL_MEMBER = "入党申请人", "入党积极分子", "发展对象", "预备党员", "正式党员"


def probation_end(ledger: Ledger, row: Row, *, since: str) -> date:
    """The day a 预备期 from `since` ends: a year on (规则设置), or the extension's end (预备期延长至)."""
    return row["probation_extended"] or add_months(row[since], ledger.rules["probation_months"])


@dataclass(frozen=True)
class Step:
    """One step of a person's 发展党员 record: when it was taken and the days it is due between."""

    key: str  # the 发展党员 column that records it
    name: str  # what the step is, as a 纪实表 lists it
    basis: str
    taken: date | None
    earliest: date | None = None  # not before this day (None: no lower bound, or not yet known)
    latest: date | None = None  # due by this day (None: the 细则 sets no limit)
    longest: date | None = None  # beyond the usual limit, the last day allowed at all (审批: 六个月)
    known: bool = True  # False when its cell could not be read: neither taken nor missed can be said

    def missed_by(self, day: date | None, as_of: date) -> bool:
        """Taken after `day`, or still not taken once `day` has passed (never said of an unreadable cell)."""
        if day is None or not self.known:
            return False
        return self.taken > day if self.taken else day < as_of

    def missed(self, as_of: date) -> bool:
        """Taken after its latest day, or still not taken once that day has passed."""
        return self.missed_by(self.latest, as_of)

    @property
    def early(self) -> bool:
        return bool(self.taken and self.earliest and self.taken < self.earliest)


@dataclass(frozen=True)
class Timeline:
    """A person's 发展党员 steps in order, judged on `as_of`."""

    person: Row
    steps: tuple[Step, ...]
    as_of: date  # the day "missed" and "next" are judged on: the period end

    @property
    def stage(self) -> str:
        if self.person["full_member"] and self.person["full_member"] <= self.as_of:
            return FULL_MEMBER
        for key, stage in (("admitted", PROBATIONER), ("candidate", CANDIDATE), ("activist", ACTIVIST)):
            if self.person[key] and self.person[key] <= self.as_of:
                return stage
        return APPLICANT

    def step(self, key: str) -> Step:
        return self.steps[STEP_INDEX[key]]  # person_timeline makes the steps in STEPS' order

    @property
    def next_step(self) -> Step | None:
        """The first step not yet taken after the last one taken (None when the person is a full member)."""
        taken = [i for i, s in enumerate(self.steps) if s.taken and s.taken <= self.as_of]
        after = taken[-1] + 1 if taken else 0
        return next((s for s in self.steps[after:] if not s.taken), None)

    @property
    def missed(self) -> tuple[Step, ...]:
        return tuple(s for s in self.steps if s.missed(self.as_of))


def _latest_of(*days: date | None) -> date | None:
    known = [d for d in days if d]
    return max(known) if known else None


# The 细则's steps the sheet records, in order: (column, what the step is, its 依据).
STEPS = (
    ("applied", "递交入党申请书", f"{RULES}第五条：年满十八岁"),
    ("talked", "派人谈话", f"{RULES}第七条：收到入党申请书后一个月内"),
    ("activist", "确定入党积极分子", f"{RULES}：支部委员会研究决定，报上级党委备案"),
    ("candidate", "确定发展对象", f"{RULES}第十三条：经过一年以上培养教育和考察"),
    ("reviewed", "政治审查", f"{RULES}：发展对象未经政治审查，不能发展入党"),
    ("trained", "集中培训", f"{RULES}第十七条：一般不少于3天（或不少于24个学时）"),
    ("committee_reviewed", "支委会审查", f"{RULES}第十九条：支部委员会对发展对象严格审查，经集体讨论认为合格后报基层党委预审"),
    ("pre_reviewed", "上级党委预审", f"{RULES}第十九条：基层党委预审，审查结果书面通知党支部"),
    ("admitted", "支部大会接收预备党员", "《中国共产党章程》第五条：经过支部大会通过和上级党组织批准"),
    ("approved", "上级党委审批", f"{RULES}：上级党委一般应在3个月内审批，最长不得超过六个月"),
    ("full_member", "支部大会讨论转正", f"{RULES}第三十二条；《中国共产党章程》第七条：预备期为一年"),
)
STEP_INDEX = {key: i for i, (key, _, _) in enumerate(STEPS)}
# The 规则设置 items that set the windows: read once for the whole sheet, not once per person.
WINDOW_RULES = ("min_applicant_age", "talk_within_months", "activist_months", "approval_within_months",
                "approval_limit_months")


def person_timeline(ledger: Ledger, person: Row, as_of: date, rules: Mapping[str, int],
                    made: dict[tuple, Step]) -> Timeline:
    """One person's steps in the 细则's order, each with its window from the steps before it.

    `rules`: the WINDOW_RULES settings by key. `made`: the steps made so far, by what sets them: most
    people have most steps still ahead, blank and without a window, and an equal (immutable) Step
    is made once rather than thousands of times.
    """
    p = {key: person[key] for key, _, _ in STEPS}
    birth = person["birth"]
    prepared = _latest_of(p["reviewed"], p["trained"])
    admitted = p["admitted"]
    approval, limit = rules["approval_within_months"], rules["approval_limit_months"]
    # 转正 is due when the 预备期 ends (细则第三十二条): discussed then, not before.
    probation = probation_end(ledger, person, since="admitted") if admitted else None
    windows = {  # step → (earliest, latest, longest)
        "applied": (add_months(birth, 12 * rules["min_applicant_age"]) if birth else None, None, None),
        "talked": (p["applied"], add_months(p["applied"], rules["talk_within_months"]) if p["applied"] else None, None),
        "activist": (_latest_of(p["applied"], p["talked"]), None, None),
        "candidate": (add_months(p["activist"], rules["activist_months"]) if p["activist"] else None, None, None),
        "reviewed": (p["candidate"], None, None),
        "trained": (p["candidate"], None, None),
        "committee_reviewed": (prepared, None, None),
        "pre_reviewed": (_latest_of(p["committee_reviewed"], prepared), None, None),
        "admitted": (_latest_of(p["pre_reviewed"], p["committee_reviewed"], prepared), None, None),
        "approved": (admitted, add_months(admitted, approval) if admitted else None,
                     add_months(admitted, limit) if admitted and limit > approval else None),
        "full_member": (probation, probation, None),
    }
    unknown = person.unknown
    steps = []
    for key, name, basis in STEPS:
        fields = (key, p[key], windows[key], key not in unknown)
        step = made.get(fields)
        if step is None:
            step = made[fields] = Step(key, name, basis, p[key], *windows[key], known=key not in unknown)
        steps.append(step)
    return Timeline(person, tuple(steps), as_of)


def development_timelines(ledger: Ledger, as_of: date) -> tuple[Timeline, ...]:
    rules = {key: ledger.rules[key] for key in WINDOW_RULES}
    made: dict[tuple, Step] = {}
    return tuple(person_timeline(ledger, person, as_of, rules, made) for person in ledger.development)


# Each stage the figures count, and the 发展党员 column that dates it.
STAGES = (("applicants", "applied"), ("talked", "talked"), ("activists", "activist"),
          ("candidates", "candidate"), ("probationary", "admitted"), ("approved", "approved"),
          ("full", "full_member"))
IDEOLOGY_TOPIC = "意识形态"


def narrated_span(period: Period) -> Period:
    """The dates the activities and the 发展党员 figures cover.

    As the workbook's 使用说明 says: a 下半年 (or 全年) report also narrates what was marked
    写入报告 earlier in the year and states the year's 发展党员 figures, as the seed's 下半年
    report does; every other report keeps to its own period. Meetings, 意识形态, 党务公开,
    三会一课 and 换届选举 always keep to the period; 党费 is judged up to the period's end.
    """
    if period.label in ("下半年", "全年"):
        return Period(period.year, period.label, period.year_start, period.end)
    return period


@dataclass(frozen=True)
class Development:
    """The report's 发展党员 counts: who reached each stage in the span, and the 入党积极分子 at the period's end."""

    span: Period  # the dates the stage counts cover (narrated_span)
    stages: Mapping[str, int]  # people who reached each stage within the span, by STAGES name
    current_activists: int  # 入党积极分子 at the period's end: made one by then, not yet a 发展对象
    as_of: date

    @property
    def any(self) -> bool:
        return any(self.stages.values()) or bool(self.current_activists)


@dataclass(frozen=True)
class Ideology:
    """Meetings of the period on 意识形态 work, by 支委会 and the rest."""

    committee: int  # 支委会 meetings on 意识形态 in the period
    study: int  # every other meeting on it


def development_counts(timelines: tuple[Timeline, ...], period: Period) -> Development:
    """The stages reached within the span, counted from the timelines' steps."""
    span = narrated_span(period)
    stages = {name: sum(1 for t in timelines if t.step(key).taken in span) for name, key in STAGES}
    current = sum(1 for t in timelines if t.step("activist").taken and t.step("activist").taken <= period.end
                  and not (t.step("candidate").taken and t.step("candidate").taken <= period.end))
    return Development(span, stages, current, period.end)


def ideology_counts(ledger: Ledger, period: Period) -> Ideology:
    on_topic = [m for m in ledger.meetings if m["date"] in period and IDEOLOGY_TOPIC in (m["topics"] or ())]
    committee = sum(m["type"] == "支委会" for m in on_topic)
    return Ideology(committee, len(on_topic) - committee)
