"""党委汇总: a folder of branch workbooks, each checked as `check` does, summed up branch by branch.

Each workbook is read and checked in a worker process (as many as cores); what comes back is a
`BranchSummary`: counts, amounts and the findings, never the ledger, so memory stays flat as the
folder grows. The figures are the branch report's own (`PeriodFigures`), read, not computed
a second time. A file that cannot be read becomes an
`Unreadable` row with its reason; the run goes on.

`summary_book.write_summary` writes the 汇总 workbook, `summary_report.write_party_report` the
党委's report; both read only a `Summary`.
"""
from __future__ import annotations

import hashlib
import os
import re
import stat
import zipfile
from collections import Counter
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from functools import cached_property
from pathlib import Path
from typing import Callable, Iterable, Mapping

from ..errors import os_error_text
from ..findings import Finding, Level
from ..read.grid import Grid
from ..limits import MAX_PROPERTIES_BYTES
from ..schema import BASIC_INFO, PERIODS
from ..read.values import clean_name, format_date, format_money, header_key

SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
DEFAULT_NAME = "党支部台账汇总.xlsx"
# Written into the 汇总 workbook's properties, so a later run over the same folder skips it.
SUMMARY_MARK = "dangjian-summary"
# The override of 报告期间: the fixed labels only (自定义 needs each workbook's own dates).
PERIOD_CHOICES = tuple(p for p in PERIODS if p != "自定义")
# 三会一课 proper: the four kinds the completion rate counts.
THREE_MEETINGS_ONE_LESSON = ("life-general-meeting", "life-committee-meeting", "life-group-meeting", "life-lecture")
# Every kind the summary has columns for, in the report's order (wording.LIFE_NAMES).
LIFE_CODES = (*THREE_MEETINGS_ONE_LESSON, "life-theme-day", "life-organisation-meeting", "life-member-review",
              "life-weekly-study")
STAGES = ("applicants", "talked", "activists", "candidates", "probationary", "full")
ZERO = Decimal("0.00")
PERIOD_DIFFERS = "summary-period-differs"
# A finding about a dues rate states the member's 月计算基数 (their income): the branch's own check
# shows it, the 党委's summary does not carry it (tests/test_summary.py plants one).
INCOME = re.compile(r"月计算基数[0-9,.]+元，?")
# The committee term's status (figures.organisation) as the summary states it; the committee-term
# rule words the same figure.
TERM_WORDS = {"ended": "已届满", "ending": "即将届满"}


def meetings_rate(life: Iterable["LifeCount"]) -> float | None:
    """三会一课完成率: of the months/quarters 三会一课 owed (per 党小组 for 党小组会), the share met;
    one branch's, or the folder's from the summed counts (a rate of sums, not an average of rates)."""
    counted = [i for i in life if i.code in THREE_MEETINGS_ONE_LESSON]
    units = sum(i.units for i in counted)
    return sum(i.units_met for i in counted) / units if units else None


def dues_rate(settled: Decimal, due: Decimal) -> float | None:
    """The 收缴率 as figures define it (DuesStatus.collection_rate), as a number the 汇总 can chart."""
    from ..figures.dues import collection_rate  # figures bring numpy and pandas: not at this module's import

    rate = collection_rate(settled, due)
    return None if rate is None else float(rate)


@dataclass(frozen=True)
class LifeCount:
    """One 三会一课 kind of one branch: meetings owed and held, units (months, quarters…) owed and met."""

    code: str
    name: str
    owed: int
    held: int
    units: int
    units_met: int
    missing: str  # the units that fell short, as the branch report names them ("第三季度")


@dataclass(frozen=True)
class BranchSummary:
    """One branch workbook: counts and amounts (no member's name or personal data), and its findings
    as the branch's own `check` lists them."""

    file: str  # the path inside the folder, with "/"
    path: Path
    branch: str
    superior: str
    period: str | None  # 2023年下半年; None when 报告期间 could not be worked out
    period_cell: str | None  # 基本信息!B5: where 报告期间 is set
    period_end: date | None = None
    full_members: int = 0
    probationary: int = 0
    joined: int = 0  # 入党 or 转入 within the period
    left: int = 0  # 转出 within the period
    life: tuple[LifeCount, ...] = ()
    dues_members: int = 0
    dues_due: Decimal = ZERO
    dues_paid: Decimal = ZERO
    dues_settled: Decimal = ZERO  # of what was due, the part paid (money paid ahead does not count)
    dues_outstanding: Decimal = ZERO
    dues_behind: int = 0  # members still short at the period end
    development: Mapping[str, int] = field(default_factory=dict)
    development_lead: str = ""  # what the counts cover, as the branch report leads them: 2023年以来，
    election: str | None = None  # the date of a 换届选举 in the period
    term_end: date | None = None  # when the committee's term runs out (支部类型's default term, any extension)
    term_status: str = ""  # 已届满 / 即将届满 at the period's end
    # 党员队伍结构 at the period's end (figures.statistics): table → row label → count.
    statistics: Mapping[str, Mapping[str, int]] = field(default_factory=dict)
    statistics_totals: Mapping[str, int] = field(default_factory=dict)  # each table's 合计 (Statistics.totals)
    errors: int = 0
    warnings: int = 0
    infos: int = 0
    findings: tuple[Finding, ...] = ()
    # Which branch this is: 上级党组织 and 党组织名称 as written ("" when 党组织名称 is blank, so
    # two unnamed workbooks are never taken for one branch).
    identity: str = ""
    written: date | None = None  # the branch report's 成文日期 (基本信息), when it is set

    @property
    def members(self) -> int:
        return self.full_members + self.probationary

    def life_of(self, code: str) -> LifeCount | None:
        return next((item for item in self.life if item.code == code), None)

    @property
    def meetings_rate(self) -> float | None:
        return meetings_rate(self.life)

    @property
    def dues_rate(self) -> float | None:
        return dues_rate(self.dues_settled, self.dues_due)

    def shortfalls(self, *, short: bool = False) -> list[str]:
        """What is missing in this branch, as the 党委 report lists it (`short`: the names only)."""
        found = [(i.name, f"（{i.missing or f'应{i.owed}次、实{i.held}次'}）") for i in self.life if i.units_met < i.units]
        if self.dues_behind:
            found.append(("党费", f"（{self.dues_behind}人未交足，共{format_money(self.dues_outstanding)}元）"))
        if self.term_status:
            when = "已于" if self.term_status == TERM_WORDS["ended"] else "将于"
            found.append(("支委会任期", f"{self.term_status}（{when}{format_date(self.term_end)}届满）"))
        if self.errors:
            found.append(("台账错误", f"{self.errors}处"))
        return [name if short else name + detail for name, detail in found]


@dataclass(frozen=True)
class Unreadable:
    file: str
    path: Path
    reason: str


@dataclass(frozen=True)
class Skipped:
    """A workbook of the folder not summarised as a branch of its own (a copy, a link, an earlier 汇总):
    a line of 问题清单 saying why, so that no file is left out silently."""

    file: str
    path: Path
    level: Level
    reason: str


@dataclass
class Summary:
    folder: Path
    branches: list[BranchSummary]
    unreadable: list[Unreadable]
    period_override: str | None = None
    skipped: list[Skipped] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)  # 提示 about the run itself (the cache)

    @cached_property  # asked once per branch by the writers: the branches are not changed after the run
    def period(self) -> str | None:
        """The period most branches report on (the one the 党委 report names)."""
        periods = Counter(b.period for b in self.branches if b.period)
        return periods.most_common(1)[0][0] if periods else None

    def period_findings(self, branch: BranchSummary) -> list[Finding]:
        """A branch reporting on another period than the rest: its figures do not add up with theirs."""
        common = self.period
        if branch.period is None or common is None or branch.period == common:
            return []
        sheet, _, cell = (branch.period_cell or BASIC_INFO.name).partition("!")
        return [Finding(PERIOD_DIFFERS, Level.WARNING, sheet, cell,
                        f"报告期间为{branch.period}，与其他党支部（{common}）不同，汇总数字不可直接相加；"
                        f"请核对“报告期间”，或用 --period 统一期间后汇总", "")]

    def findings_of(self, branch: BranchSummary) -> list[Finding]:
        return [*self.period_findings(branch), *branch.findings]

    @cached_property
    def as_of(self) -> date | None:
        """The day the folder's figures stand at: the latest period end of the common period's branches."""
        return max((b.period_end for b in self.branches if b.period == self.period and b.period_end), default=None)

    @cached_property
    def superior(self) -> str:
        names = Counter(b.superior for b in self.branches if b.superior)
        return names.most_common(1)[0][0] if names else ""

    def statistics(self) -> dict[str, dict[str, int]]:
        """The branches' 党员队伍结构 tables added up, row by row (a row one branch lacks counts 0 there)."""
        summed: dict[str, dict[str, int]] = {}
        for branch in self.branches:
            for name, rows in branch.statistics.items():
                table = summed.setdefault(name, {})
                for label, count in rows.items():
                    table[label] = table.get(label, 0) + count
        return summed

    def statistics_totals(self) -> dict[str, int]:
        """Each table's 合计 over the branches: the people it sorts, branch by branch."""
        summed: dict[str, int] = {}
        for branch in self.branches:
            for name, total in branch.statistics_totals.items():
                summed[name] = summed.get(name, 0) + total
        return summed

    @cached_property  # read by both writers and the closing line: the branches are not changed after the run
    def totals(self) -> dict:
        """The whole folder's sums and counts of branches; rates from the sums (not an average of rates)."""
        branches = self.branches
        life, life_met, life_short = {}, {}, {}
        for code in LIFE_CODES:
            items = [i for b in branches if (i := b.life_of(code))]
            if items:
                life[code] = LifeCount(code, items[0].name, sum(i.owed for i in items), sum(i.held for i in items),
                                       sum(i.units for i in items), sum(i.units_met for i in items), "")
            owing = [i for i in items if i.owed]
            life_met[code] = sum(1 for i in owing if i.units_met >= i.units)
            life_short[code] = len(owing) - life_met[code]
        leads = Counter(b.development_lead for b in branches if b.development_lead)
        due = sum((b.dues_due for b in branches), ZERO)
        paid = sum((b.dues_paid for b in branches), ZERO)
        settled = sum((b.dues_settled for b in branches), ZERO)
        return {
            "branches": len(branches),
            "unreadable": len(self.unreadable),
            "full_members": sum(b.full_members for b in branches),
            "probationary": sum(b.probationary for b in branches),
            "members": sum(b.members for b in branches),
            "joined": sum(b.joined for b in branches),
            "left": sum(b.left for b in branches),
            "other_periods": sum(1 for b in branches if b.period != self.period),
            "life": life,
            # Per kind, of the branches that owed it: how many held every month/quarter's, how many not.
            "life_met": life_met,
            "life_short": life_short,
            "meetings_rate": meetings_rate(life.values()),
            "meetings_met": sum(1 for b in branches if b.meetings_rate == 1),
            "dues_members": sum(b.dues_members for b in branches),
            "dues_due": due,
            "dues_paid": paid,
            "dues_outstanding": sum((b.dues_outstanding for b in branches), ZERO),
            "dues_behind": sum(b.dues_behind for b in branches),
            "dues_rate": dues_rate(settled, due),
            "dues_all_paid": sum(1 for b in branches if not b.dues_behind),
            "dues_branches_behind": sum(1 for b in branches if b.dues_behind),
            "development": {s: sum(b.development.get(s, 0) for b in branches) for s in STAGES},
            # What the counts cover (2023年以来，), as most branches' reports lead them.
            "development_lead": leads.most_common(1)[0][0] if leads else "",
            "elections": sum(1 for b in branches if b.election),
            "term_ended": [b.branch for b in branches if b.term_status == TERM_WORDS["ended"]],
            "term_ending": [b.branch for b in branches if b.term_status == TERM_WORDS["ending"]],
            "errors": sum(b.errors for b in branches),
            "warnings": sum(b.warnings for b in branches),
            "infos": sum(b.infos for b in branches),
        }


# ---------------------------------------------------------------- one branch

def summarise(checked, *, path: Path, folder: Path) -> BranchSummary:
    """One checked workbook (api.Checked) as a summary row: the figures its own report would print."""
    from ..wording import LIFE_NAMES, development_lead, summarise_missing

    ledger, report, figures = checked.ledger, checked.report, checked.figures
    basic = ledger.basic
    counts = report.summary()
    named = clean_name(basic["branch"] or basic["unit"] or "")
    superior = clean_name(basic["superior"] or "")
    base = BranchSummary(
        file=_relative(path, folder), path=Path(path).resolve(),
        branch=named or Path(path).stem,
        superior=superior,
        identity=f"{superior}／{named}" if named else "",
        written=basic["written"],
        period=figures.period.name if figures else None,
        period_cell=basic.cells.get("period"),
        errors=counts["errors"], warnings=counts["warnings"], infos=counts["infos"],
        findings=tuple(replace(f, message=INCOME.sub("", f.message)) for f in report.sorted(_sheet_order())),
    )
    if figures is None:
        return base
    period, roll, dues, term = figures.period, figures.membership, figures.dues, figures.committee_term
    life = tuple(LifeCount(
        code=i.code, name=LIFE_NAMES[i.code], owed=i.owed, held=i.held, units=i.units, units_met=i.units_met,
        missing=summarise_missing(i, period) if i.missing and i.calendar_known else "",
    ) for i in figures.life if i.owed)
    development = figures.development
    return replace(
        base,
        period_end=period.end,
        full_members=roll.full,
        probationary=roll.probationary,
        joined=roll.joined,
        left=roll.left,
        life=life,
        dues_members=len(dues.judged) if ledger.dues else 0,
        dues_due=dues.due, dues_paid=dues.paid, dues_settled=dues.settled,
        dues_outstanding=dues.outstanding,
        dues_behind=len(dues.behind),
        development={s: development.stages[s] for s in STAGES},
        # The branch report's own lead when it states the counts, else its year-to-date span in words.
        development_lead=development_lead(development.span) if development.any else f"{period.year}年以来，",
        election=format_date(figures.election.meeting["date"]) if figures.election else None,
        term_end=term.end if term else None,
        term_status=TERM_WORDS.get(term.status, "") if term else "",
        statistics={name: dict(rows) for name, rows in figures.statistics.tables.items()},
        statistics_totals=dict(figures.statistics.totals),
    )


def summarise_file(path: Path, folder: Path, period: str | None = None) -> BranchSummary | Unreadable:
    """Read, check and summarise one workbook; an Unreadable with the reason instead of raising."""
    from ..checking import check_grids
    from ..errors import describe as describe_error
    from ..read.grid import read_grids

    try:
        grids = read_grids(Path(path))
        if period:
            grids = with_period(grids, period)
        return summarise(check_grids(grids), path=Path(path), folder=Path(folder))
    except Exception as exc:  # noqa: BLE001 — one bad file is a row of the summary, not the end of the run
        return Unreadable(_relative(path, folder), Path(path).resolve(), describe_error(exc)[1])


def with_period(grids: Mapping[str, Grid], label: str) -> dict[str, Grid]:
    """The grids with 基本信息's 报告期间 set to `label` (in memory: the workbook is never written)."""
    if label not in PERIOD_CHOICES:
        raise ValueError(f"报告期间应为{'、'.join(PERIOD_CHOICES)}之一")
    item = header_key(BASIC_INFO.setting("period").item)
    result = dict(grids)
    for name, grid in grids.items():
        if clean_name(name) != BASIC_INFO.name:
            continue
        rows = [tuple(row) for row in grid.rows]
        for i, row in enumerate(rows):
            if row and header_key(row[0]) == item:
                rows[i] = (row[0], label, *row[2:])
                break
        else:  # no 报告期间 line: add one, as a secretary would
            rows.append((BASIC_INFO.setting("period").item, label))
        result[name] = Grid(grid.name, tuple(rows))
    return result


# ---------------------------------------------------------------- the folder

@dataclass
class FolderContents:
    """What a walk of the folder found: the workbooks to read, and every other thing said once."""

    files: list[Path]
    unreadable: list[Unreadable]
    skipped: list[Skipped]


def scan_folder(folder: Path, *, exclude: Iterable[Path] = ()) -> FolderContents:
    """Every workbook under `folder` (symlinked folders followed once), sorted by relative path.

    Office's lock files, hidden files and our own outputs are left out silently; a folder that
    cannot be opened, a workbook name that is not a regular file (a FIFO, a broken link) and an
    earlier 汇总 each get a line; a file reached twice (a link, a hard link) is read once.
    """
    folder = Path(folder)
    own = {_file_id(p) for p in exclude}
    found: dict[tuple[int, int], Path] = {}
    unreadable: list[Unreadable] = []
    skipped: list[Skipped] = []
    visited: set[tuple[int, int]] = set()
    pending = [folder]
    while pending:
        current = pending.pop()
        try:
            identity = _file_id(current)
            if identity in visited:
                continue  # a link back to a folder already walked
            visited.add(identity)
            with os.scandir(current) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as exc:
            unreadable.append(Unreadable(f"{_relative(current, folder)}/", current,
                                         f"无法打开这个文件夹（{os_error_text(exc)}），其中的台账未汇总"))
            continue
        for entry in entries:
            name, path = entry.name, Path(entry.path)
            if name.startswith(("~$", ".")):
                continue
            try:
                is_folder = entry.is_dir()
            except OSError:
                is_folder = False
            if is_folder:
                pending.append(path)
                continue
            if path.suffix.lower() not in SUFFIXES:
                continue
            try:
                status = path.stat()
            except OSError as exc:
                unreadable.append(Unreadable(_relative(path, folder), path, f"无法打开（{os_error_text(exc)}）"))
                continue
            if not stat.S_ISREG(status.st_mode):
                unreadable.append(Unreadable(_relative(path, folder), path,
                                             "不是普通文件（如命名管道或设备），不能作为台账读取"))
                continue
            identity = (status.st_dev, status.st_ino)
            if identity in own:
                continue
            if _is_summary(path):
                skipped.append(Skipped(_relative(path, folder), path, Level.INFO,
                                       "这是之前生成的汇总表（文件属性中有汇总标记），不作为党支部台账汇总"))
                continue
            first = found.setdefault(identity, path)
            if first != path:  # the same file twice: a symbolic or hard link
                earlier, later = sorted((first, path), key=lambda p: _relative(p, folder))
                found[identity] = earlier
                skipped.append(Skipped(_relative(later, folder), later, Level.WARNING,
                                       f"与“{_relative(earlier, folder)}”是同一个文件（链接），只汇总一次"))
    files = sorted(found.values(), key=lambda p: _relative(p, folder))
    return FolderContents(files, unreadable, skipped)


def workbook_files(folder: Path, *, exclude: Iterable[Path] = ()) -> list[Path]:
    """The workbooks `scan_folder` finds, each once."""
    return scan_folder(folder, exclude=exclude).files


def _file_id(path: Path) -> tuple[int, int] | None:
    try:
        status = Path(path).stat()
    except OSError:
        return None
    return status.st_dev, status.st_ino


def _is_summary(path: Path) -> bool:
    """A 汇总 workbook this command wrote earlier: its keywords are exactly SUMMARY_MARK.

    A secretary's workbook that merely mentions the mark in a title or comment is a workbook.
    """
    import zlib

    try:
        # A crafted part of gigabytes is not read whole.
        with zipfile.ZipFile(path) as archive, archive.open("docProps/core.xml") as stream:
            properties = stream.read(MAX_PROPERTIES_BYTES)
    except (OSError, KeyError, zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, ValueError,
            RuntimeError):
        return False
    match = KEYWORDS.search(properties)
    return bool(match) and match.group(1).strip() == SUMMARY_MARK.encode()


KEYWORDS = re.compile(rb"<(?:\w+:)?keywords(?:\s[^>]*)?>([^<]*)</(?:\w+:)?keywords>")


def content_digest(path: Path) -> str:
    """The file's content as a SHA-256 hex digest: copies of one workbook have the same one."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def distinct_contents(files: list[Path], folder: Path) -> tuple[dict[Path, str], list[Unreadable], list[Skipped]]:
    """Each file's digest, copies (same content) left out after the first with a warning naming both."""
    digests: dict[Path, str] = {}
    first: dict[str, Path] = {}
    unreadable, skipped = [], []
    for path in files:
        try:
            digest = content_digest(path)
        except OSError as exc:
            unreadable.append(Unreadable(_relative(path, folder), path, f"无法打开（{os_error_text(exc)}）"))
            continue
        if digest in first:
            skipped.append(Skipped(_relative(path, folder), path, Level.WARNING,
                                   f"与“{_relative(first[digest], folder)}”内容完全相同（同一台账的副本），只汇总一次；"
                                   "请删除多余的一份"))
            continue
        first[digest] = path
        digests[path] = digest
    return digests, unreadable, skipped


def one_per_branch(results: list[BranchSummary]) -> tuple[list[BranchSummary], list[Skipped]]:
    """Two workbooks of one branch (same 上级党组织 and 党组织名称): the newer one is summed, the other named."""
    groups: dict[str, list[BranchSummary]] = {}
    for branch in results:
        groups.setdefault(branch.identity or f"\0{branch.file}", []).append(branch)
    kept, skipped = [], []
    for branch in results:
        group = groups[branch.identity or f"\0{branch.file}"]
        chosen = max(group, key=_modified)  # max keeps the first of equals: the folder's order
        if branch is chosen:
            kept.append(branch)
        else:
            skipped.append(Skipped(branch.file, branch.path, Level.WARNING,
                                   f"与“{chosen.file}”都是{branch.branch}的台账，只汇总了修改时间较晚的“{chosen.file}”；"
                                   "请核对哪一份是最新的，并移走另一份"))
    return kept, skipped


def _modified(branch: BranchSummary) -> float:
    try:
        return branch.path.stat().st_mtime
    except OSError:
        return 0.0


Progress = Callable[[int, int, "BranchSummary | Unreadable"], None]


def summarise_folder(folder: Path, *, period: str | None = None, exclude: Iterable[Path] = (),
                     workers: int | None = None, progress: Progress | None = None,
                     cache: Path | None = None) -> Summary:
    """Every workbook of `folder` checked in parallel processes; `progress(done, total, result)` after each.

    With `cache` (a file, see summary_cache), a workbook whose content was summarised before is
    taken from it, the others are read, and the cache is rewritten with this run's results.
    """
    folder = Path(folder)
    if not folder.is_dir():
        from ..files import OutputNotWritable

        raise OutputNotWritable(f"文件夹“{folder}”不存在")
    if period is not None and period not in PERIOD_CHOICES:
        raise ValueError(f"报告期间应为{'、'.join(PERIOD_CHOICES)}之一")
    contents = scan_folder(folder, exclude=exclude)
    digests, unreadable, copies = distinct_contents(contents.files, folder)
    files = list(digests)
    results: dict[Path, BranchSummary | Unreadable] = {}
    notices: list[str] = []
    cached: dict = {}

    def done(path: Path, result) -> None:
        results[path] = result
        if progress:
            progress(len(results), len(files), result)

    if cache is not None:
        from .summary_cache import entry_key, load_cache

        cached, notices = load_cache(cache, BranchSummary)
        for path in files:
            hit = cached.get(entry_key(digests[path], period))
            if hit is not None:
                done(path, replace(hit, file=_relative(path, folder), path=Path(path).resolve()))
    pending = [path for path in files if path not in results]
    workers = max(1, min(workers or os.cpu_count() or 1, len(pending)))
    if workers == 1:
        for path in pending:
            done(path, summarise_file(path, folder, period))
    else:
        lost: list[Path] = []
        with ProcessPoolExecutor(max_workers=workers) as pool:
            futures = {pool.submit(summarise_file, path, folder, period): path for path in pending}
            for future in as_completed(futures):
                try:
                    done(futures[future], future.result())
                except BrokenProcessPool:
                    lost.append(futures[future])
        # A worker that died took the pool's unfinished files with it: each is tried again alone,
        # so the one that kills its reader is a row of its own and the others are summarised.
        for path in sorted(lost, key=files.index):
            done(path, _summarise_alone(path, folder, period))
    ordered = [results[p] for p in files]
    unchanged = not pending and len(cached) == len(files)  # every entry used, none new: nothing to write
    if cache is not None and files and not unchanged:
        notices += _keep(cache, {path: results[path] for path in files}, digests, period, fresh=set(pending))
    branches, others = one_per_branch([r for r in ordered if isinstance(r, BranchSummary)])
    return Summary(folder, branches,
                   [*contents.unreadable, *unreadable, *(r for r in ordered if isinstance(r, Unreadable))], period,
                   skipped=[*contents.skipped, *copies, *others], notices=notices)


def _keep(cache: Path, results: Mapping[Path, BranchSummary | Unreadable], digests: Mapping[Path, str],
          period: str | None, *, fresh: set[Path]) -> list[str]:
    """Write this run's branches to the cache. A file read afresh is kept only if it still has the
    content it was keyed by (it may have been saved again while it was read); an unreadable file
    is not kept (it is read again next time: the cause may have been passing)."""
    from .summary_cache import entry_key, save_cache

    kept = {}
    for path, result in results.items():
        if not isinstance(result, BranchSummary):
            continue
        if path in fresh:
            try:
                if content_digest(path) != digests[path]:
                    continue
            except OSError:
                continue
        kept[entry_key(digests[path], period)] = result
    return save_cache(cache, kept)


def _summarise_alone(path: Path, folder: Path, period: str | None) -> BranchSummary | Unreadable:
    try:
        with ProcessPoolExecutor(max_workers=1) as pool:
            return pool.submit(summarise_file, path, folder, period).result()
    except BrokenProcessPool:
        return Unreadable(_relative(path, folder), Path(path).resolve(),
                          f"无法读取“{Path(path).name}”：文件已损坏（读取它的进程意外退出）")


def progress_line(done: int, total: int, result: BranchSummary | Unreadable) -> str:
    """[3/20] 第三党支部.xlsx：2处警告 — the terminal's line and the status bar's text."""
    if isinstance(result, Unreadable):
        outcome = f"无法读取（{result.reason}）"
    else:
        parts = [f"{n}处{word}" for n, word in ((result.errors, "错误"), (result.warnings, "警告")) if n]
        outcome = "、".join(parts) or "未发现问题"
    return f"[{done}/{total}] {result.file}：{outcome}"


def _relative(path: Path, folder: Path) -> str:
    """The path as found under `folder` (a linked folder keeps its name inside the folder)."""
    for inside, base in ((Path(path), Path(folder)), (Path(path).resolve(), Path(folder).resolve())):
        try:
            return inside.relative_to(base).as_posix()
        except ValueError:
            continue
    return Path(path).name


def _sheet_order():
    from ..schema import SHEET_ORDER

    return SHEET_ORDER
