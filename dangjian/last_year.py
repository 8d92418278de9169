"""Last year's workbook beside this one: the edge that searches the folder and reads it.

The api hands `beside(workbook)` to `checking.check_grids`, which asks it for the run of unpaid
dues carried into the year and reads no file itself. The 党委 summary's workers pass nothing:
they check each workbook on its own.
"""
from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import describe as describe_error, printable
from .files import same_file
from .findings import Finding, FindingType, Level
from .read.grid import UnreadableWorkbook, read_grids
from .read.records import Ledger, read_ledger
from .read.values import clean_name
from .schema import DUES

if TYPE_CHECKING:
    from .checking import LastYear
    from .figures.dues import CarriedOver

_WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
LAST_YEAR_UNREADABLE = FindingType("last-year-unreadable", Level.INFO, "上年台账无法读取")


def beside(workbook: Path) -> LastYear:
    """What `check_grids` asks last year's dues of: the search beside `workbook`."""
    return partial(last_year_dues, Path(workbook))


def last_year_dues(workbook: Path, ledger: Ledger, year: int) -> tuple[CarriedOver | None, list[Finding], tuple[Path, ...]]:
    """Each member's run of unpaid months at the end of `year - 1`, from last year's workbook beside this one.

    A candidate lies in the same folder, has the year in its file name (如 2022年台账.xlsx), and its
    基本信息 names the same 党组织 and the year before. The run is None when there is none or when
    every dues row gives 上年末连续未交月数 itself. A candidate that cannot be read is skipped, never
    an error: a 提示 for each such file says so (the second value). The third value is every
    candidate opened, which the output policy then protects like the workbook itself.
    """
    from .figures.dues import CarriedOver, year_end_unpaid

    if not ledger.dues or all(row["carried_unpaid"] is not None for row in ledger.dues):
        return None, [], ()
    folder, wanted = workbook.parent, str(year - 1)
    if not folder.is_dir():
        return None, [], ()
    branch = clean_name(ledger.basic["branch"] or "")
    unread: list[Finding] = []
    opened: list[Path] = []
    for candidate in sorted(folder.iterdir()):
        if (candidate.suffix.lower() not in _WORKBOOK_SUFFIXES or wanted not in candidate.stem
                or candidate.name.startswith("~$") or same_file(candidate, workbook)):
            continue
        opened.append(candidate)
        try:
            earlier, _ = read_ledger(read_grids(candidate))
        except (UnreadableWorkbook, OSError, ValueError) as exc:
            known, reason = describe_error(exc)
            reason = reason if known else f"“{printable(candidate.name)}”的内容无法识别"
            unread.append(LAST_YEAR_UNREADABLE.at(DUES.name, f"没有读取可能是上年台账的文件——{reason}；"
                                                             "上年末连续未交月数没有从中取得"))
            continue
        if earlier.basic["year"] == year - 1 and clean_name(earlier.basic["branch"] or "") == branch:
            return CarriedOver(year_end_unpaid(earlier, year - 1), candidate.name), unread, tuple(opened)
    return None, unread, tuple(opened)
