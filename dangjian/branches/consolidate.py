"""`dangjian summary` in one call: the folder summarised, the 汇总 workbook and the 党委 report written.

Kept apart from `summary` (which the two writers read) so that imports flow one way:
consolidate → summary_book / summary_report → summary.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..files import OutputNotWritable, available_output, reading, refuse_source, refuse_wrong_type
from ..read.grid import UnreadableWorkbook
from .summary import DEFAULT_NAME, Progress, Summary, summarise_folder, workbook_files
from .summary_cache import cache_path


@dataclass(frozen=True)
class SummaryRun:
    summary: Summary
    workbook: Path  # the 汇总 workbook written (or its “(1)” copy)
    wanted: Path
    report: Path | None = None  # the 党委 report, when one was asked for


def run_summary(folder: Path, *, output: Path | None = None, report: Path | None = None,
                period: str | None = None, progress: Progress | None = None, workers: int | None = None,
                today: date | None = None, written: date | None = None, use_cache: bool = True) -> SummaryRun:
    """`dangjian summary`: the folder's workbooks → the 汇总 workbook (and the 党委 report).

    Outputs are refused before anything is read when their type is wrong; each is written whole
    (files.atomic_output), as a “(1)” copy when the file is open. `written`: the report's 成文日期.
    Each branch's result is kept in a cache beside the 汇总 workbook (summary_cache) unless `use_cache` is off.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise OutputNotWritable(f"“{folder}”不是文件夹：请指定存放各党支部台账的文件夹")
    wanted = Path(output) if output else folder / DEFAULT_NAME
    for path, suffix, what in ((wanted, ".xlsx", "汇总表"), (report, ".docx", "党委报告")):
        if path is not None:
            refuse_wrong_type(path, suffix=suffix, what=what)
    # The output policy's sources: no output may be a workbook being summarised (an earlier 汇总
    # is not one of them: it is replaced). Said before reading, checked again when writing.
    summarised = [("被汇总的台账", path) for path in workbook_files(folder)]
    with reading(summarised):
        for path, what in ((wanted, "汇总表"), (report, "党委报告")):
            if path is not None:
                refuse_source(path, what)
    summary = summarise_folder(folder, period=period, exclude=[p for p in (wanted, report) if p],
                               progress=progress, workers=workers, cache=cache_path(wanted) if use_cache else None)
    if not summary.branches and not summary.unreadable:
        raise UnreadableWorkbook(f"文件夹“{folder}”（含子文件夹）中没有台账文件（.xlsx、.xlsm、.xls、.ods）")
    from .summary_book import write_summary

    with reading(summarised):
        written_book = write_summary(summary, available_output(wanted))
        written_report = None
        if report is not None:
            from .summary_report import write_party_report

            written_report = write_party_report(summary, available_output(Path(report)), today=today,
                                                written=written)
    return SummaryRun(summary, written_book, wanted, written_report)
