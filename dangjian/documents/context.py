"""The report's words: the period's figures and the ledger turned into the template's context.

Every sentence the report builds from data is worded here (contract: docs/report-context.md),
so the Word template places each with one tag (``{{ life.text }}``) and keeps only its
structure, headings and fixed text. To reword a data-driven sentence, edit it here: the
fixed phrases are the constants below, the sentences the ``_…_text`` functions. The figures
themselves come from `figures`, computed once for the checks and the report; how a figure is
said alike in a check's message and in the report (month runs, 三会一课 names) is `wording`'s.

Period: what each part covers is listed in ``narrated_span`` and docs/report-context.md.
"""
from __future__ import annotations

from datetime import date
from typing import Mapping

from ..figures import PeriodFigures
from ..figures.development import STAGES, narrated_span
from ..figures.statistics import CHANGE, DEVELOPED, EDUCATION, ETHNICITY, GENDER, KIND, MINORITY, MOVED_IN
from ..period import Period
from ..read.records import Ledger, Row
from ..schema import LEAVE_REASONS, TITLE_ENDINGS
from ..read.values import as_phrase, as_sentence, clean_name, format_date, format_money
from ..wording import cut_short, development_lead, frequency, life_name, month_runs, short_date, summarise_missing, verb_for

# ---------------------------------------------------------------------------
# Fixed phrases of the data-driven sentences (the template holds the rest of the wording).

# 开头领导语 left blank: the superior named, or said generally.
LEADERSHIP_WITH_SUPERIOR = "在{superior}的坚强领导下"
LEADERSHIP_WITHOUT_SUPERIOR = "在上级党组织的坚强领导下"
# 下步打算总述 left blank.
PLANS_INTRO = (
    "下一步，我支部将以习近平新时代中国特色社会主义思想为指导，以党的政治建设为统领，"
    "以党支部标准化建设为主要抓手，严格落实各项制度，创新组织生活方式，增强党支部的凝聚力和战斗力，"
    "充分发挥党支部的战斗堡垒作用和党员的先锋模范作用。"
)
GOAL = "以{central_task}为主要目标，"
DISCLOSURE_DUTY = "按时发布应当公开的党务信息"
DISCLOSURE_PURPOSE = "让群众可以更好地了解{unit}党务信息"
DUES_REMINDER = "党支部将督促相关同志尽快补交。"
# Who attends by default, by meeting type.
ATTENDEES = {"支委会": "全体支部委员", "党小组会": "小组全体党员"}
ALL_MEMBERS = "全体党员干部"

# A 主讲人 not on the roll that ends like one of these is an organisation (县委党校, 某县农业农村局),
# not a person: the report then says the branch invited it, never “…同志”.
_ORGANISATION_ENDINGS = ("党校", "党委", "党组", "支部", "工委", "中心", "公司", "社区", "集团", "协会", "学会",
                         "委员会", "办公室", "指导组", "局", "委", "办", "厅", "部", "院", "校", "所", "站", "队",
                         "村", "处", "科", "馆", "团", "社", "会")
# Chinese personal names are two to four characters.
_LONGEST_NAME = 4


def report_context(ledger: Ledger, figures: PeriodFigures, *, today: date | None = None) -> dict:
    """The template's context: the facts of the period (figures), then their sentences (`worded`)."""
    return worded(report_facts(ledger, figures, today=today))


def report_facts(ledger: Ledger, figures: PeriodFigures, *, today: date | None = None) -> dict:
    """The facts the report states, as numbers, dates and names already formatted for print."""
    basic, period = ledger.basic, figures.period
    written = basic["written"] or today or date.today()
    span = narrated_span(period)
    activities = _activities(ledger, period, span)
    return {
        "title": f"{basic['unit']}{period.name}党支部工作{basic['title_ending'] or TITLE_ENDINGS[0]}",
        "unit": as_phrase(basic["unit"]),
        "branch": basic["branch"],
        "superior": as_phrase(basic["superior"] or ""),
        "secretary": basic["secretary"],
        "year": period.year,
        "period_label": period.spoken,
        "period_name": period.name,
        "central_task": as_phrase(basic["central_task"]),
        "written_date": format_date(written),
        "leadership": as_phrase(basic["leadership"] or ""),
        # The election meeting has its own part (换届选举); it is not narrated twice.
        "membership": _membership(figures),
        "key_meetings": [_key_meeting(m, ledger, period, roll=figures.roll.by_name) for m in sorted(
            (m for m in ledger.meetings if m["in_report"] and m["date"] in period
             and "换届选举" not in (m["topics"] or ())), key=lambda m: m["date"])],
        "ideology": _ideology(figures),
        "development": _development(figures),
        "life": _life(figures),
        "dues": _dues(ledger, figures),
        "disclosure": _disclosure(ledger, figures),
        "activities": activities,
        "partners": list(dict.fromkeys(a["partner"] for a in activities if a["partner"])),
        "position": as_phrase(basic["position"]),
        "work_plan": basic["work_plan"] or "",
        "system_usage": basic["system_usage"] or "",
        "election": _election(ledger, figures),
        "problems": _narrative(ledger, "存在问题"),
        "plans": _narrative(ledger, "下步打算"),
        "plans_intro": as_sentence(basic["plans_intro"] or ""),
    }


def worded(facts: dict) -> dict:
    """`facts` with the sentences the template places, each from the facts beside it.

    A copy: `leadership` and `plans_intro` get their default wording when blank; `goal`,
    `service` and each part's `text` (or `practice`/`result` for 党费, `heading`/`opening`
    for a key meeting) are worded afresh.
    """
    c = dict(facts)
    label, unit, branch = c["period_label"], c["unit"], c["branch"]
    c["leadership"] = as_phrase(c.get("leadership") or "") or _default_leadership(c.get("superior") or "")
    c["goal"] = GOAL.format(central_task=c["central_task"]) if c.get("central_task") else ""
    c["plans_intro"] = c.get("plans_intro") or PLANS_INTRO
    c["key_meetings"] = [{**m, "heading": f"{m['verb']}{m['event']}", "opening": _meeting_opening(m, branch=branch)}
                         for m in c["key_meetings"]]
    if c.get("membership"):
        c["membership"] = {**c["membership"], "text": _membership_text(c["membership"])}
    if c.get("ideology"):
        c["ideology"] = {**c["ideology"], "text": _ideology_text(c["ideology"], period_label=label)}
    if c.get("development"):
        c["development"] = {**c["development"], "text": _development_text(c["development"], unit=unit)}
    if c.get("life"):
        c["life"] = {**c["life"], "text": _life_text(c["life"], period_label=label)}
    if c.get("dues"):
        c["dues"] = {**c["dues"], "practice": _dues_practice(c["dues"]), "result": _dues_result(c["dues"])}
    if c.get("disclosure"):
        c["disclosure"] = {**c["disclosure"], "text": _disclosure_text(c["disclosure"], period_label=label, unit=unit)}
    c["service"] = _service_text(c["activities"], c["partners"])
    if c.get("election"):
        c["election"] = {**c["election"], "text": _election_text(c["election"])}
    return c


def _default_leadership(superior: str) -> str:
    return LEADERSHIP_WITH_SUPERIOR.format(superior=superior) if superior else LEADERSHIP_WITHOUT_SUPERIOR


# ---------------------------------------------------------------------------
# 党员队伍基本情况


def _membership(figures: PeriodFigures) -> dict | None:
    """The roll at the period's end in the 党内统计 categories, and the year's change (figures.statistics)."""
    m = figures.statistics
    if not m.members:
        return None
    kinds, education, change = m.table(KIND), m.table(EDUCATION), m.table(CHANGE)
    return {
        "as_of": format_date(m.day), "year": m.day.year, "members": m.members,
        "full": kinds["正式党员"], "probationary": kinds["预备党员"], "women": m.table(GENDER)["女"],
        "minorities": m.table(ETHNICITY)[MINORITY], "young": m.young,
        "college": education["研究生"] + education["大学本科"] + education["大学专科"],
        # 年报 表1 as (what, how many), in its order: 发展党员, 转入, then each 减少原因.
        "changes": [(what, change[what]) for what in (DEVELOPED, MOVED_IN, *LEAVE_REASONS)],
    }


def _membership_text(m: dict) -> str:
    """截至…，支部共有党员20名，其中正式党员17名、预备党员3名；女党员9名，…。2023年发展党员2名。"""
    kinds = f"，其中正式党员{m['full']}名、预备党员{m['probationary']}名" if m["probationary"] else ""
    text = (f"截至{m['as_of']}，支部共有党员{m['members']}名{kinds}；女党员{m['women']}名，少数民族党员{m['minorities']}名，"
            f"35岁及以下党员{m['young']}名，大专及以上学历党员{m['college']}名。")
    changes = "、".join(f"{what}{count}名" for what, count in m["changes"] if count)
    return text + (f"{m['year']}年{changes}。" if changes else "")


# ---------------------------------------------------------------------------
# Key meetings


def _key_meeting(meeting: Row, ledger: Ledger, period: Period, *, roll: Mapping[str, Row]) -> dict:
    host = roll.get(clean_name(meeting["host"] or ""))
    expected, present = meeting["expected"], meeting["present"]
    topic, kind = as_phrase(meeting["topic"]), meeting["type"]
    speaker_name = clean_name(meeting["speaker"] or "")
    speaker = roll.get(speaker_name)
    return {
        "date": short_date(meeting["date"], period),
        "topic": topic,
        "event": _meeting_event(topic, kind),
        "verb": verb_for(kind),
        "holder": {"支委会": ledger.basic["branch"], "党小组会": meeting["group"]}.get(kind) or as_phrase(ledger.basic["unit"]),
        "attendees": ATTENDEES.get(kind, ALL_MEMBERS),
        "speaker": speaker["name"] if speaker else speaker_name,
        "speaker_is_person": bool(speaker) or not is_organisation(speaker_name),
        "type": kind,
        "host": host["name"] if host else clean_name(meeting["host"] or ""),
        "host_title": (host["job_title"] or "") if host else "",
        "all_present": expected is not None and present is not None and present >= expected,
        "expected": expected,
        "present": present,
        "paragraphs": [p.strip() for p in (meeting["summary"] or "").splitlines() if p.strip()],
    }


def is_organisation(name: str) -> bool:
    """A 主讲人 that is not a person: longer than a name, or ending like an organisation's name."""
    return bool(name) and (len(name) > _LONGEST_NAME or name.endswith(_ORGANISATION_ENDINGS))


def _meeting_event(topic: str, kind: str) -> str:
    """What follows 召开/讲授/开展 in the heading: the meeting's own name, or its type and its subject.

    The sentence's own verb is not repeated (召开召开); any other verb a topic starts with stays,
    unless what follows it names a meeting (开展专题学习会 → 召开专题学习会).
    """
    verb = verb_for(kind)
    if kind == "党课":
        subject = topic.removeprefix(verb)
        return subject if "党课" in subject else f"专题党课“{subject}”"
    topic = topic.removeprefix(verb)
    for other in ("召开", "开展", "举办", "组织"):
        if topic.startswith(other) and _names_a_meeting(topic[len(other):], kind):
            topic = topic[len(other):]
    return topic if _names_a_meeting(topic, kind) else f"{kind}，{topic}"


def _names_a_meeting(text: str, kind: str) -> bool:
    return text.endswith(("会", "会议")) and not text.endswith(("体会", "学会")) or kind in text


def _meeting_opening(m: dict, *, branch: str) -> str:
    """10月9日，XX县XX中心召开…。XX中心主任王集欣主持会议，全体党员干部参加会议。"""
    if m["type"] == "党课" and m["speaker"]:
        # The one who lectures is the speaker; an organisation is invited by the branch.
        person = m.get("speaker_is_person", not is_organisation(m["speaker"]))
        who = f"{m['speaker']}同志" if person else f"{branch}邀请{m['speaker']}"
        text = f"{m['date']}，{who}{m['verb']}{m['event']}。"
    elif m["type"] == "党课":
        text = f"{m['date']}，{branch}组织开展{m['event']}。"
    else:
        text = f"{m['date']}，{m['holder']}{m['verb']}{m['event']}。"
    if m["all_present"]:
        attendance = f"{m['attendees']}参加会议。"
    elif m["present"] is None:
        attendance = ""  # the workbook leaves attendance blank: nothing is said of it
    else:
        attendance = (f"应到{m['expected']}人，" if m["expected"] is not None else "") + f"实到{m['present']}人。"
    if m["host"]:
        return text + f"{m['host_title']}{m['host']}主持会议" + (f"，{attendance}" if attendance else "。")
    return text + attendance


# ---------------------------------------------------------------------------
# Part one, section by section


def _ideology(figures: PeriodFigures) -> dict | None:
    counts = figures.ideology
    if not counts.committee and not counts.study:
        return None
    return {"committee": counts.committee, "study": counts.study}


def _ideology_text(i: dict, *, period_label: str) -> str:
    parts = ([f"支部委员会召开支委会专题研究部署意识形态领域工作{i['committee']}次"] if i["committee"] else []) + (
        [f"开展干部职工意识形态专题学习会议{i['study']}次"] if i["study"] else [])
    return f"{period_label}，{'，'.join(parts)}。" if parts else ""


def _development(figures: PeriodFigures) -> dict | None:
    d, period = figures.development, figures.period
    if not d.any:
        return None
    return {"year": period.year, "lead": development_lead(d.span), **{name: d.stages[name] for name, _ in STAGES},
            "current_activists": d.current_activists, "as_of": format_date(d.as_of)}


def _development_text(d: dict, *, unit: str) -> str:
    """2023年XX中心8名入党申请人申请入党，…，接收预备党员2名。截至…，共有入党积极分子4名。"""
    text = d.get("lead", f"{d['year']}年") + unit + (f"{d['applicants']}名入党申请人申请入党" if d["applicants"] else "未收到新的入党申请")
    stages = (("talked", "党支部与{}名入党申请人进行了谈话"), ("activists", "确定入党积极分子{}名"),
              ("candidates", "确定发展对象{}名"), ("probationary", "接收预备党员{}名"),
              # Right after 接收预备党员 the approval needs no noun of its own.
              ("approved", "上级党委审批同意{}名" if d["probationary"] else "上级党委审批同意接收预备党员{}名"),
              ("full", "{}名预备党员按期转为正式党员"))
    text += "".join(f"，{words.format(d[key])}" for key, words in stages if d.get(key)) + "。"
    if d.get("current_activists"):
        text += f"截至{d['as_of']}，共有入党积极分子{d['current_activists']}名。"
    return text


def _life(figures: PeriodFigures) -> dict | None:
    items = [i for i in figures.life if i.owed]
    if not items:
        return None
    return {
        "all_met": all(i.met for i in items),
        "some_met": any(i.met for i in items),
        "items": [{"name": (name := life_name(i)), "frequency": frequency(i), "verb": verb_for(name),
                   "minimum": i.minimum, "owed": i.owed, "held": i.held, "met": i.met,
                   # Without the holiday calendar a missed date may be a holiday: the report does not name it.
                   "missing": summarise_missing(i, figures.period) if i.calendar_known else ""} for i in items],
        "plan": _plan_progress(figures),
    }


def _plan_progress(figures: PeriodFigures) -> dict | None:
    """The 计划 sheet's items of the period whose month has ended, and how many the records did."""
    judged = [o for o in figures.plans if o.judged]
    if not judged:
        return None
    return {"planned": len(judged), "done": sum(o.done_on is not None for o in judged),
            "whole_year": figures.period.label == "全年"}


def _times(item: dict) -> str:
    return f"{item['minimum']}次" if item["minimum"] > 1 else "一次"


def _life_text(life: dict, *, period_label: str) -> str:
    """三会一课制度落实有效，每季度召开一次党员大会，…; a shortfall is said plainly; then the 计划's progress."""
    plan = life.get("plan")
    if not plan:
        return _meetings_text(life, period_label=period_label)
    which = "年度计划" if plan["whole_year"] else f"年度计划中{period_label}"
    return (_meetings_text(life, period_label=period_label)
            + f"{which}安排的{plan['planned']}项工作已完成{plan['done']}项。")


def _meetings_text(life: dict, *, period_label: str) -> str:
    done = "".join(f"{i['frequency']}{i['verb']}{_times(i)}{i['name']}，" for i in life["items"] if i["met"])
    if life["all_met"]:
        return f"三会一课制度落实有效，{done}党员干部能够积极参加并深入学习做好工作。"
    gaps = []
    for i in (i for i in life["items"] if not i["met"]):
        gap = f"{i['name']}{i['frequency']}应{i['verb']}{_times(i)}"
        if i["held"]:
            gap += f"，{period_label}共{i['verb']}{i['held']}次"
        if i["missing"]:
            gap += f"，{i['missing']}" + (f"少于{i['minimum']}次" if i["minimum"] > 1 else f"未{i['verb']}")
        elif not i["held"]:
            gap += f"，{period_label}未{i['verb']}"
        gaps.append(gap)
    if life["some_met"]:
        return f"三会一课制度总体落实，{done}但仍有差距：{'；'.join(gaps)}。"
    return f"三会一课制度落实还有差距：{'；'.join(gaps)}。"


def _dues(ledger: Ledger, figures: PeriodFigures) -> dict | None:
    if not ledger.dues:
        return None
    status = figures.dues
    behind = status.behind
    return {
        "year": status.year,
        "all_paid": not behind,
        "on_time": status.on_time,
        # Members who paid a quarter's dues at once (at the quarter's end), as the amounts show.
        "quarterly_payers": status.quarterly_payers,
        "whole_year": status.as_of == date(status.year, 12, 31),
        "as_of": format_date(status.as_of),
        "members": len(status.judged),
        "due": format_money(status.due),
        "paid": format_money(status.paid),
        "outstanding_total": format_money(status.outstanding),
        "outstanding": [{"name": m.row["name"], "months": month_runs(m.unpaid_months),
                         "amount": format_money(m.outstanding)} for m in behind],
    }


def _dues_practice(d: dict) -> str:
    """How dues are paid, as the amounts show: 每月, or some or all by the quarter."""
    some = d.get("quarterly_payers", 0)
    everyone = bool(some) and some == d["members"]
    if d["all_paid"]:
        if not d["on_time"]:
            return "党员能够按规定交纳党费"
        if not some:
            return "党员每月能够准时交纳党费"
        return "党员能够按季度准时交纳党费" if everyone else "党员能够按月或按季度准时交纳党费"
    if not some:
        return "党支部按月收缴党费"
    return "党支部按季度收缴党费" if everyone else f"党支部按月收缴党费，其中{some}名党员按季度交纳"


def _dues_result(d: dict) -> str:
    if d["all_paid"]:
        return f"{d['year']}年党费已全部收齐。" if d["whole_year"] else f"截至{d['as_of']}，{d['year']}年应交党费已全部收齐。"
    owed = "；".join(f"{o['name']}同志{o['months']}党费{o['amount']}元" for o in d["outstanding"])
    return (f"截至{d['as_of']}，{d['year']}年应交党费{d['due']}元，已交{d['paid']}元，"
            f"尚有{d['outstanding_total']}元未交：{owed}。{DUES_REMINDER}")


def _disclosure(ledger: Ledger, figures: PeriodFigures) -> dict | None:
    period = figures.period
    rows = [d for d in ledger.disclosures if d["date"] in period]
    if not rows:
        return None
    carriers = list(dict.fromkeys(d["carrier"] for d in rows if d["carrier"]))
    # The dues notices posted in the period (the postings the dues-not-posted check reads).
    posted = [as_phrase(row["item"]) for row, _ in figures.dues_postings if row["date"] in period]
    return {"count": len(rows), "carriers": as_phrase(ledger.basic["carriers"]) or "、".join(carriers),
            # A long year of disclosures is named by its first few, not listed whole.
            "items": cut_short((as_phrase(d["item"]) for d in rows), counter="项"),
            "dues_posted": f"按规定向党员公示了{'、'.join(posted)}。" if posted else ""}


def _disclosure_text(d: dict, *, period_label: str, unit: str) -> str:
    parts = ([f"以{d['carriers']}为载体"] if d["carriers"] else []) + [DISCLOSURE_DUTY]
    if d["count"]:
        parts.append(f"{period_label}共公开党务信息{d['count']}次")
    if d["items"]:
        parts.append(f"公开内容包括{'、'.join(d['items'])}")
    parts.append(DISCLOSURE_PURPOSE.format(unit=unit))
    return "，".join(parts) + "。"


def _activities(ledger: Ledger, period: Period, span: Period) -> list[dict]:
    chosen = sorted((a for a in ledger.activities if a["in_report"] and a["date"] in span), key=lambda a: a["date"])
    return [{"date": short_date(a["date"], period), "type": a["type"], "name": as_phrase(a["name"]),
             "event": _activity_event(as_phrase(a["name"])),
             "partner": a["partner"] or "", "summary": a["summary"] or ""} for a in chosen]


# An activity named by what was done ("到XX社区报到…", "与XX社区开展…") needs no "开展了" in front.
_ACTIVITY_OPENINGS = ("开展", "组织", "参加", "举办", "召开", "与", "到", "赴", "走访", "深入", "前往", "联合", "慰问")


def _activity_event(name: str) -> str:
    return name if name.startswith(_ACTIVITY_OPENINGS) else f"开展了{name}"


def _service_text(activities: list[dict], partners: list[str]) -> str:
    """与XX社区包联结对共建，6月29日，开展了……主题党日活动。"""
    if not activities and not partners:
        return ""
    text = f"与{'、'.join(partners)}包联结对共建" if partners else ""
    events = "；".join(f"{a['date']}，{a['event']}" for a in activities)
    return "，".join(part for part in (text, events) if part) + "。"


_ROLE_WORDS = {"书记": "党支部书记", "副书记": "党支部副书记"}


def _election(ledger: Ledger, figures: PeriodFigures) -> dict | None:
    if figures.election is None:
        return None
    meeting = figures.election.meeting
    if not figures.election.valid:
        # Too few voters present (选举工作条例: more than 4/5): the report does not state a result.
        return {"date": format_date(meeting["date"]), "meeting_type": meeting["type"], "committee": False, "roles": []}
    elected = [c for c in ledger.committee if c["elected"] == meeting["date"]] or list(ledger.committee)
    roles = [{"name": c["name"], "duties": "、".join(_ROLE_WORDS.get(r, r) for r in c["roles"] or ())} for c in elected]
    if not roles and ledger.basic["secretary"]:
        # A branch below seven full members elects a secretary and no committee.
        roles = [{"name": clean_name(ledger.basic["secretary"]), "duties": _ROLE_WORDS["书记"]}]
    return {
        "date": format_date(meeting["date"]),
        "meeting_type": meeting["type"],
        "committee": len(roles) > 1,
        "roles": roles,
    }


def _election_text(e: dict) -> str:
    text = (f"{e['date']}，我支部召开了{e['meeting_type']}，会议就选举党支部书记"
            f"{'、支部委员分工' if e.get('committee') else ''}的相关事宜进行了投票讨论。")
    if e["roles"]:
        text += "会议决定，选举" + "，".join(f"{r['name']}同志为{r['duties']}" for r in e["roles"]) + "。"
    return text


def _narrative(ledger: Ledger, kind: str) -> list[dict]:
    return [{"title": as_sentence(n["title"]), "content": n["content"] or ""}
            for n in ledger.narrative if n["kind"] == kind]
