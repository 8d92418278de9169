"""What todo, plan, stats and development return (the api's *Run results other than ReportRun).

Apart from the api so that check and report, the commands run most often, do not build these
classes at each start (a frozen dataclass costs about half a millisecond to create); the api
imports each where its command makes one, and names them (api.TodoRun, …) through __getattr__.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .checking import Checked
    from .documents.plan import PlanDocument
    from .documents.todo import TodoList
    from .figures.statistics import Statistics


@dataclass(frozen=True)
class TodoRun:
    """The 工作提醒 of a workbook, and where its worksheet went when one was asked for."""

    todo: "TodoList"
    written: Path | None = None  # the worksheet, when one was asked for
    wanted: Path | None = None
    in_documents: bool = False  # the workbook has no local folder (unsaved, OneDrive): written to 文档


@dataclass(frozen=True)
class PlanRun:
    """A 组织生活计划 written: the document, the path asked for and the file written."""

    document: "PlanDocument"
    wanted: Path
    written: Path
    in_documents: bool = False


@dataclass(frozen=True)
class StatsRun:
    """The statistics of a checked workbook, and where the workbook of them went (None: not written)."""

    checked: Checked
    statistics: Statistics
    wanted: Path | None = None
    written: Path | None = None
    in_documents: bool = False


@dataclass(frozen=True)
class PapersRun:
    """The 发展党员 papers written: the check they followed, the folder, each file written."""

    checked: Checked
    folder: Path
    written: tuple[Path, ...]
    in_documents: bool = False
