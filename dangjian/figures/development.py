"""发展党员 and 意识形态: how many people reached each stage, and how many meetings took up ideology.

Numbers only; the report words them (context) and the 党委 summary adds them up, from this one count.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Mapping

from ..period import Period
from ..records import Ledger

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
    span: Period  # the dates the stage counts cover (narrated_span)
    stages: Mapping[str, int]  # people who reached each stage within the span, by STAGES name
    current_activists: int  # 入党积极分子 at the period's end: made one by then, not yet a 发展对象
    as_of: date

    @property
    def any(self) -> bool:
        return any(self.stages.values()) or bool(self.current_activists)


@dataclass(frozen=True)
class Ideology:
    committee: int  # 支委会 meetings on 意识形态 in the period
    study: int  # every other meeting on it


def development_counts(ledger: Ledger, period: Period) -> Development:
    span = narrated_span(period)
    stages = {name: sum(1 for p in ledger.development if p[key] in span) for name, key in STAGES}
    current = sum(1 for p in ledger.development if p["activist"] and p["activist"] <= period.end
                  and not (p["candidate"] and p["candidate"] <= period.end))
    return Development(span, stages, current, period.end)


def ideology_counts(ledger: Ledger, period: Period) -> Ideology:
    on_topic = [m for m in ledger.meetings if m["date"] in period and IDEOLOGY_TOPIC in (m["topics"] or ())]
    committee = sum(m["type"] == "支委会" for m in on_topic)
    return Ideology(committee, len(on_topic) - committee)
