"""组织建设: the committee's term (its end and status) and who had a vote at the meetings that need one.

Numbers and dates only. The committee-term and quorum checks, the report's 换届选举 part and the
党委 summary all read these, so a term ends on one day and an election is valid or not once.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..period import Period, add_months
from ..read.records import Ledger, Row
from ..schema import COMMITTEE, term_years
from .roll import Roll, voting_attendance

ELECTION_TOPIC = "换届选举"
# The term's status at the period's end.
TERM_ENDED, TERM_ENDING, TERM_RUNNING = "ended", "ending", "running"


@dataclass(frozen=True)
class CommitteeTerm:
    """The committee elected last: its term as 支委会任期 (or 支部类型's default) sets it, and any extension."""

    elected: Row  # the 支委会成员 row with the latest 当选日期
    years: int
    years_by_kind: bool  # `years` is 支部类型's default (支委会任期 left blank)
    due_end: date  # 当选日期 + the term
    extension: Row | None  # the row with the latest 任期延期至, if any
    status: str  # TERM_ENDED, TERM_ENDING or TERM_RUNNING at the period's end

    @property
    def extended(self) -> bool:
        """An approved extension beyond the due end (one before it changes nothing)."""
        return self.extension is not None and self.extension["term_extended"] > self.due_end

    @property
    def end(self) -> date:
        """The day the term runs out: the extension's end when there is one, else the due end."""
        return self.extension["term_extended"] if self.extended else self.due_end

    @property
    def end_cell(self) -> str:
        return self.extension.cell("term_extended") if self.extended else self.elected.cell("elected")


def committee_term(ledger: Ledger, period: Period) -> CommitteeTerm | None:
    """The term of the committee elected last; None when no 当选日期 is given or one could not be read
    (an unreadable date may be the latest election)."""
    elected = [c for c in ledger.committee if c["elected"]]
    if not elected or not ledger.complete(COMMITTEE.key) or not all(c.known("elected") for c in ledger.committee):
        return None
    latest = max(elected, key=lambda c: c["elected"])
    basic = ledger.basic
    years = term_years(basic)
    due_end = add_months(latest["elected"], 12 * years)
    extensions = [c for c in ledger.committee if c["term_extended"]]
    extension = max(extensions, key=lambda c: c["term_extended"]) if extensions else None
    end = extension["term_extended"] if extension is not None and extension["term_extended"] > due_end else due_end
    if end <= period.end:
        status = TERM_ENDED
    elif end <= add_months(period.end, ledger.rules["term_warning_months"]):
        status = TERM_ENDING
    else:
        status = TERM_RUNNING
    return CommitteeTerm(latest, years, not basic["committee_term"], due_end, extension, status)


@dataclass(frozen=True)
class Attendance:
    """A meeting that needs a quorum (党员大会, or any 换届选举) in the period, with its voters counted."""

    meeting: Row
    election: bool
    entitled: int  # members with a vote expected
    voters: int  # of them present
    how: str  # how `voters` was worked out, when not as written

    @property
    def election_valid(self) -> bool:
        """More than four fifths of those with a vote present (选举工作条例; exactly 4/5 is not enough)."""
        return self.voters * 5 > self.entitled * 4

    @property
    def decision_valid(self) -> bool:
        """Half or more of those with a vote present (支部工作条例第十一条)."""
        return self.voters * 2 >= self.entitled


@dataclass(frozen=True)
class Election:
    """The period's last 换届选举 meeting, and whether enough voters were present for its result to stand."""

    meeting: Row
    valid: bool


def attendances(ledger: Ledger, period: Period, roll: Roll) -> tuple[Attendance, ...]:
    found = []
    for meeting in ledger.meetings:
        if meeting["date"] not in period or not meeting["expected"] or meeting["present"] is None:
            continue
        election = ELECTION_TOPIC in (meeting["topics"] or ())
        if election or meeting["type"] == "党员大会":
            found.append(Attendance(meeting, election, *voting_attendance(meeting, roll)))
    return tuple(found)


def last_election(ledger: Ledger, period: Period, attended: tuple[Attendance, ...]) -> Election | None:
    """The period's last election; valid when its attendance was not recorded (nothing to judge by)."""
    elections = [m for m in ledger.meetings if m["date"] in period and ELECTION_TOPIC in (m["topics"] or ())]
    if not elections:
        return None
    meeting = max(elections, key=lambda m: m["date"])
    counted = next((a for a in attended if a.meeting is meeting), None)
    return Election(meeting, counted is None or counted.election_valid)
