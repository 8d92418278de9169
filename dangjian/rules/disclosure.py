"""党务公开: the dues collection of every finished quarter made known to the members.

Branches post their dues collection each quarter or half-year (党务公开 sheet); how often is local
practice, so a finished quarter no row covers is only a 提示: the secretary may have posted it
without recording it.
"""
from __future__ import annotations

from typing import Iterator

from ..figures import PeriodFigures
from ..findings import Finding, FindingType, Level
from ..period import QUARTER_NAMES
from ..read.records import Ledger
from ..schema import DISCLOSURES, DUES
from .common import sheet_address

DUES_NOT_POSTED = FindingType("dues-not-posted", Level.INFO, "党费收缴情况未记录公示",
                              "党务公开：党费收缴情况定期向党员公示（按季度或半年公示为本地做法）")


def check_dues_posted(ledger: Ledger, figures: PeriodFigures) -> Iterator[Finding]:
    if not ledger.dues:
        return  # nothing collected, nothing to post (dues-sheet-empty says so)
    if not ledger.complete(DISCLOSURES.key) or not all(d.known("date", "item") for d in ledger.disclosures):
        return  # a row that could not be read may be the posting
    missing = figures.unposted_quarters
    if missing:
        quarters = "、".join(QUARTER_NAMES[q - 1] for q in missing)
        yield DUES_NOT_POSTED.at(sheet_address(ledger, DISCLOSURES, key="item"),
                                 f"{DISCLOSURES.name}中没有{figures.period.year}年{quarters}党费收缴情况的公示记录"
                                 f"（公开事项写明期间和“党费”，如“{figures.period.year}年{QUARTER_NAMES[missing[0] - 1]}"
                                 f"党费收缴情况”）；可用 dues-notice 命令由{DUES.name}表生成公示")


CHECKS = [check_dues_posted]
