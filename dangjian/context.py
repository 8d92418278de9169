"""The report's words: the period's figures and the ledger turned into the template's context.

Every sentence the report builds from data is worded here (contract: docs/report-context.md);
the figures themselves come from `figures`, computed once for the checks and the report.
"""
from __future__ import annotations

from datetime import date
from typing import Callable, Mapping

from .figures import PeriodFigures
from .figures.dues import ZERO, paid_late
from .figures.roll import Roll, election_valid
from .period import Period
from .records import Ledger, Row
from .values import as_phrase, as_sentence, clean_name, format_date, format_money
from .wording import cut_short, frequency, life_name, month_runs, short_date, summarise_missing, verb_for


def report_context(ledger: Ledger, figures: PeriodFigures, *, today: date | None = None) -> dict:
    basic, period = ledger.basic, figures.period
    written = basic["written"] or today or date.today()
    to_period_end = lambda day: period.year_start <= day <= period.end  # noqa: E731
    return {
        "title": f"{basic['unit']}{period.name}党支部工作情况",
        "unit": as_phrase(basic["unit"]),
        "branch": basic["branch"],
        "superior": basic["superior"] or "",
        "secretary": basic["secretary"],
        "year": period.year,
        "period_label": period.spoken,
        "period_name": period.name,
        "central_task": as_phrase(basic["central_task"]),
        "written_date": format_date(written),
        # The election meeting has its own part (换届选举); it is not narrated twice.
        "key_meetings": [_key_meeting(m, ledger, period, roll=figures.roll.by_name) for m in sorted(
            (m for m in ledger.meetings if m["in_report"] and m["date"] in period
             and "换届选举" not in (m["topics"] or ())), key=lambda m: m["date"])],
        "ideology": _ideology(ledger, period),
        "development": _development(ledger, period, to_period_end),
        "life": _life(figures),
        "dues": _dues(ledger, figures),
        "disclosure": _disclosure(ledger, period),
        "activities": (activities := _activities(ledger, period, to_period_end)),
        "partners": list(dict.fromkeys(a["partner"] for a in activities if a["partner"])),
        "position": as_phrase(basic["position"]),
        "work_plan": basic["work_plan"] or "",
        "system_usage": basic["system_usage"] or "",
        "election": _election(ledger, period, figures.roll),
        "problems": _narrative(ledger, "存在问题"),
        "plans": _narrative(ledger, "下步打算"),
    }


def _key_meeting(meeting: Row, ledger: Ledger, period: Period, *, roll: Mapping[str, Row]) -> dict:
    host = roll.get(clean_name(meeting["host"] or ""))
    expected, present = meeting["expected"], meeting["present"]
    topic, kind = as_phrase(meeting["topic"]), meeting["type"]
    speaker = roll.get(clean_name(meeting["speaker"] or ""))
    return {
        "date": short_date(meeting["date"], period),
        "topic": topic,
        "event": _meeting_event(topic, kind),
        "verb": verb_for(kind),
        "holder": {"支委会": ledger.basic["branch"], "党小组会": meeting["group"]}.get(kind) or as_phrase(ledger.basic["unit"]),
        "attendees": {"支委会": "全体支部委员", "党小组会": "小组全体党员"}.get(kind, "全体党员干部"),
        "speaker": speaker["name"] if speaker else clean_name(meeting["speaker"] or ""),
        "type": kind,
        "host": host["name"] if host else clean_name(meeting["host"] or ""),
        "host_title": (host["job_title"] or "") if host else "",
        "all_present": expected is not None and present is not None and present >= expected,
        "expected": expected,
        "present": present,
        "paragraphs": [p.strip() for p in (meeting["summary"] or "").splitlines() if p.strip()],
    }


def _meeting_event(topic: str, kind: str) -> str:
    """What follows 召开/讲授/开展 in the heading: the meeting's own name, or its type and its subject."""
    for verb in ("召开", "开展", "举办", "讲授"):
        topic = topic.removeprefix(verb)
    if kind == "党课":
        return f"专题党课“{topic}”" if "党课" not in topic else topic
    names_a_meeting = topic.endswith(("会", "会议")) and not topic.endswith(("体会", "学会")) or kind in topic
    return topic if names_a_meeting else f"{kind}，{topic}"


def _ideology(ledger: Ledger, period: Period) -> dict | None:
    on_topic = [m for m in ledger.meetings if m["date"] in period and "意识形态" in (m["topics"] or ())]
    committee = sum(m["type"] == "支委会" for m in on_topic)
    study = len(on_topic) - committee
    return {"committee": committee, "study": study} if on_topic else None


_STAGES = (("applicants", "applied"), ("talked", "talked"), ("activists", "activist"),
           ("candidates", "candidate"), ("probationary", "admitted"), ("full", "full_member"))


def _development(ledger: Ledger, period: Period, in_year: Callable[[date], bool]) -> dict | None:
    counts = {name: sum(1 for p in ledger.development if p[key] and in_year(p[key])) for name, key in _STAGES}
    if not any(counts.values()):
        return None
    return {"year": period.year, **counts}


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
    }


def _dues(ledger: Ledger, figures: PeriodFigures) -> dict | None:
    if not ledger.dues:
        return None
    status = figures.dues
    behind = status.behind
    return {
        "year": status.year,
        "all_paid": not behind,
        # “每月能够准时交纳”: every month paid in its own month; a quarter paid at its end (按季) is on time
        # under the rule, but not every month.
        "on_time": not any(paid_late(t, quarterly=False) for m in status.members for t in m.settlement.transfers),
        "whole_year": status.as_of == date(status.year, 12, 31),
        "as_of": format_date(status.as_of),
        "members": len(status.members),
        "due": format_money(status.due),
        "paid": format_money(status.paid),
        "outstanding_total": format_money(sum((m.outstanding for m in behind), ZERO)),
        "outstanding": [{"name": m.row["name"], "months": month_runs(m.unpaid_months),
                         "amount": format_money(m.outstanding)} for m in behind],
    }


def _disclosure(ledger: Ledger, period: Period) -> dict | None:
    rows = [d for d in ledger.disclosures if d["date"] in period]
    if not rows:
        return None
    carriers = list(dict.fromkeys(d["carrier"] for d in rows if d["carrier"]))
    return {"count": len(rows), "carriers": as_phrase(ledger.basic["carriers"]) or "、".join(carriers),
            # A long year of disclosures is named by its first few, not listed whole.
            "items": cut_short((as_phrase(d["item"]) for d in rows), counter="项")}


def _activities(ledger: Ledger, period: Period, in_year: Callable[[date], bool]) -> list[dict]:
    chosen = sorted((a for a in ledger.activities if a["in_report"] and in_year(a["date"])), key=lambda a: a["date"])
    return [{"date": short_date(a["date"], period), "type": a["type"], "name": as_phrase(a["name"]),
             "event": _activity_event(as_phrase(a["name"])),
             "partner": a["partner"] or "", "summary": a["summary"] or ""} for a in chosen]


# An activity named by what was done ("到XX社区报到…", "与XX社区开展…") needs no "开展了" in front.
_ACTIVITY_OPENINGS = ("开展", "组织", "参加", "举办", "召开", "与", "到", "赴", "走访", "深入", "前往", "联合", "慰问")


def _activity_event(name: str) -> str:
    return name if name.startswith(_ACTIVITY_OPENINGS) else f"开展了{name}"


_ROLE_WORDS = {"书记": "党支部书记", "副书记": "党支部副书记"}


def _election(ledger: Ledger, period: Period, roll: Roll) -> dict | None:
    elections = [m for m in ledger.meetings if m["date"] in period and "换届选举" in (m["topics"] or ())]
    if not elections:
        return None
    meeting = max(elections, key=lambda m: m["date"])
    if not election_valid(meeting, roll):
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


def _narrative(ledger: Ledger, kind: str) -> list[dict]:
    return [{"title": as_sentence(n["title"]), "content": n["content"] or ""}
            for n in ledger.narrative if n["kind"] == kind]
