"""What several rule modules need alike: where a sheet's records are, and month arithmetic."""
from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Iterable, Iterator

from ..figures.development import probation_end
from ..period import add_months

if TYPE_CHECKING:
    from ..findings import Finding, FindingType
from ..read.records import Ledger, Row, sheet_address  # noqa: F401 — the rules' import of it
from ..schema import Sheet
from ..read.values import format_date


def overdue_probations(ledger: Ledger, rows: Iterable[Row], *, since: str, confirmed: str,
                       by: date) -> Iterator[tuple[Row, date]]:
    """(row, the day its 预备期 ended) for rows whose 预备期 from `since` ended before `by` unconfirmed.

    The roll (入党日期/转正日期) and the 发展党员 sheet (接收预备党员日期/转为正式党员日期) judge
    the same 预备期, with the same length from 规则设置, and both read 预备期延长至.
    """
    for row in rows:
        # An unreadable 预备期延长至 may be the very extension: say nothing rather than "overdue".
        if row[since] and not row[confirmed] and row.known("probation_extended"):
            ends = probation_end(ledger, row, since=since)
            if ends < by:
                yield row, ends


def probation_findings(ledger: Ledger, rows: Iterable[Row], *, since: str, confirmed: str, by: date,
                       short: "FindingType", long_extension: "FindingType") -> Iterator["Finding"]:
    """转正 before the 预备期 is out (an error), and an extension beyond what 党章第七条 allows."""
    months, most = ledger.rules["probation_months"], ledger.rules["probation_extension_months"]
    for row in rows:
        start, done, extended = row[since], row[confirmed], row["probation_extended"]
        if not start or not row.known(since, confirmed, "probation_extended"):
            continue
        normal_end = add_months(start, months)
        if extended and extended > add_months(normal_end, most):
            yield long_extension.at(row.cell("probation_extended"),
                                    f"{row['name']}的预备期{format_date(normal_end)}期满，延长至{format_date(extended)}，"
                                    f"超过{most}个月；预备期延长不能超过一年")
        ends = extended if extended and extended > normal_end else normal_end
        if done and done <= by and done < normal_end:
            yield short.at(row.cell(confirmed), f"{row['name']}于{format_date(start)}成为预备党员，"
                                                f"{format_date(done)}转为正式党员，预备期不满{months}个月"
                                                f"（应在{format_date(normal_end)}期满后讨论转正）")
        elif done and extended and done < ends and done <= by:
            yield short.at(row.cell(confirmed), f"{row['name']}的预备期已延长至{format_date(extended)}，"
                                                f"却于{format_date(done)}转为正式党员，早于延长后的期满日")
