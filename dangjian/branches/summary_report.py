"""The 党委's report: a `Summary` in the words of templates/党委汇总报告模板.docx.

Rendered by report.render_report (the same sandboxed docxtpl, numbering and GB/T 9704 closing as
the branch report). Numbers only, no member's name: the branches with something missing are
named with what is missing. No chart images: the report says the figures in words and a table
(as a 公文 does); the editable charts are in the 汇总 workbook's 图表 sheet.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

from ..shipped import shipped
from .summary import Summary
from ..read.values import format_date, format_money
from ..wording import format_rate, verb_for

PARTY_TEMPLATE = shipped("templates", "党委汇总报告模板.docx")


def written_date(summary: Summary, *, today: date | None = None) -> date:
    """The 党委 report's 成文日期 when none is given: it follows its branches' reports.

    The latest 成文日期 the branches of the common period set (less those their own check found
    outside the period); else today, unless the period ended more than two months ago (the same
    window as the branch report's rule), when the report is dated the period's last day.
    """
    from ..rules.common import add_months
    from ..rules.written_date import LATE_AFTER_MONTHS, WRITTEN_DATE_OUTSIDE

    today = today or date.today()
    current = [b for b in summary.branches if b.period == summary.period]
    dates = [b.written for b in current
             if b.written and not any(f.code == WRITTEN_DATE_OUTSIDE.code for f in b.findings)]
    if dates:
        return max(dates)
    end = summary.as_of
    if end is not None and today > add_months(end, LATE_AFTER_MONTHS):
        return end
    return today


def party_context(summary: Summary, *, today: date | None = None, written: date | None = None) -> dict:
    """The report's words: every figure read from the summary (`Summary.totals`, `Summary.as_of`), none counted here."""
    totals = summary.totals
    branches = summary.branches
    period = summary.period or ""
    signer = summary.superior or summary.folder.resolve().name
    as_of = summary.as_of
    life = [{"name": item.name, "verb": verb_for(item.name), "owed": item.owed, "held": item.held,
             "met": totals["life_met"][code], "short": totals["life_short"][code]}
            for code, item in totals["life"].items() if item.owed]
    dues = None
    if totals["dues_members"]:
        dues = {"as_of": format_date(as_of) if as_of else period, "members": totals["dues_members"],
                "due": format_money(totals["dues_due"]), "paid": format_money(totals["dues_paid"]),
                "rate": format_rate(totals["dues_rate"], places=1), "behind": totals["dues_behind"],
                "outstanding": format_money(totals["dues_outstanding"]),
                "all_paid": totals["dues_all_paid"], "branches_behind": totals["dues_branches_behind"]}
    development = totals["development"]
    missing = [(b, b.shortfalls()) for b in branches]
    missing = [{"number": n, "name": b.branch, "gaps": "；".join(items)}
               for n, (b, items) in enumerate(((b, i) for b, i in missing if i), start=1)]
    return {
        "title": f"{signer}{period}党支部工作情况汇总报告",
        "signer": signer,
        "branch": signer,  # the document's author (layout.finish_report)
        "period_name": period,
        "as_of": format_date(as_of) if as_of else period,
        "written_date": format_date(written or written_date(summary, today=today)),
        "branches": totals["branches"],
        "unreadable": totals["unreadable"],
        "other_periods": totals["other_periods"],
        "members": totals["members"],
        "full_members": totals["full_members"],
        "probationary": totals["probationary"],
        "joined": totals["joined"],
        "left": totals["left"],
        "meetings_rate": format_rate(totals["meetings_rate"]),
        "meetings_met": totals["meetings_met"],
        "life": life,
        "dues": dues,
        "development": ({"lead": totals["development_lead"], **development}
                        if any(development.values()) else None),
        "elections": totals["elections"],
        "term_ended": "、".join(totals["term_ended"]),
        "term_ending": "、".join(totals["term_ending"]),
        "missing": missing,
        "table": [{"name": b.branch, "members": b.members, "meetings_rate": format_rate(b.meetings_rate),
                   "dues_rate": format_rate(b.dues_rate, places=1), "missing": "、".join(b.shortfalls(short=True)) or "无"}
                  for b in branches],
    }


def write_party_report(summary: Summary, output: Path, *, template: Path | None = None,
                       today: date | None = None, written: date | None = None) -> Path:
    """`written`: the 成文日期 (`--date`); by default `written_date`."""
    from ..documents.report import render_report

    render_report(party_context(summary, today=today, written=written), template=Path(template or PARTY_TEMPLATE),
                  output=Path(output))
    return Path(output)


__all__ = ["PARTY_TEMPLATE", "party_context", "write_party_report", "written_date"]
