"""The desktop window (`dangjian gui`): the document commands as buttons, where macros cannot go.

A shell like cli.py and macros.py: it calls the api only. The Tk loop never waits on a command:
each runs in a worker thread and hands its progress and outcome back through a queue that the
loop polls, so the window answers (moves, redraws, shows the 汇总's progress) while it works.
"""
from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional

from . import api

POLL_MS = 40
WORKBOOK_TYPES = (("台账", "*.xlsx *.xlsm *.xls *.ods *.et"), ("所有文件", "*"))
TITLE = "党支部工作台账"


@dataclass(frozen=True)
class Command:
    """One button that runs an api command on the chosen workbook."""

    name: str  # the command line's name for it (`dangjian gui 台账.xlsx --run report`)
    label: str  # the button's words
    what: str  # the document in messages: 已生成{what}
    run: Callable[[Path], object]  # the api call: a Checked (校验) or the run of what it wrote (see run_command)


# One line a command: the window offers every document command of the api.
COMMANDS = (
    Command("check", "校验", "校验结果", lambda workbook: api.check_workbook(workbook)),
    Command("report", "生成工作报告", "报告", lambda workbook: api.report_workbook(workbook)),
    Command("dues-notice", "党费公示", "党费收缴情况公示", lambda workbook: api.dues_notice_workbook(workbook)),
    Command("dues-report", "党费报告", "党费收缴情况报告", lambda workbook: api.dues_report_workbook(workbook)),
    Command("todo", "工作提醒", "工作提醒", lambda workbook: api.todo_workbook(workbook, output=beside(workbook, "工作提醒"))),
    Command("plan", "年度计划", "组织生活计划", lambda workbook: api.plan_workbook(workbook)),
    Command("development", "发展党员材料", "发展党员材料", lambda workbook: api.development_workbook(workbook)),
    Command("stats", "党员统计", "党员队伍结构统计表",
            lambda workbook: api.stats_workbook(workbook, output=beside(workbook, "党员队伍结构统计表"))),
)


def beside(workbook: Path, what: str) -> Path:
    """For the commands that write a sheet only when asked (-o): “台账名-工作提醒.xlsx” beside the workbook."""
    workbook = Path(workbook).resolve()
    return workbook.with_name(f"{workbook.stem}-{what}.xlsx")


SUMMARY_LABEL = "汇总文件夹…"


@dataclass(frozen=True)
class Outcome:
    """What a finished command leaves in the window."""

    message: str  # the status line, in the commands' words
    failed: bool = False
    report: Optional[object] = None  # the CheckReport to list, when the command checked a workbook
    written: Optional[Path] = None  # the file written, to open or show
    summary: Optional[object] = None  # the 汇总: each branch workbook's findings, and those that could not be read


def run_command(command: Command, workbook: Path) -> Outcome:
    """`command` on `workbook`, every failure turned into the command line's Chinese (worker thread)."""
    try:
        result = command.run(workbook)
    except api.DataErrors as exc:
        return Outcome(f"台账中有{len(exc.report.errors)}处错误，请改正后再生成{command.what}。", True, exc.report)
    except (api.PeriodError, api.PersonNotFound) as exc:
        return Outcome(f"无法生成{command.what}：{exc}。", True)
    except Exception as exc:  # noqa: BLE001 — the window's last guard, as in cli.main
        return Outcome(failure_text(exc, command.label), True)
    # Each command's run: a Checked (校验), a ReportRun and its kin (checked, wanted, written), a run
    # of several papers (checked, folder, written: a tuple), or one that checks nothing (plan, todo).
    report = getattr(getattr(result, "checked", result), "report", None)
    written = getattr(result, "written", None)
    if isinstance(written, tuple):
        written = result.folder
    counts = (report.counts_text() if report.findings else "未发现问题") if report is not None else ""
    if written is None:
        return Outcome(f"校验完成：{counts}。", bool(report.errors), report)
    moved = ""
    wanted = getattr(result, "wanted", None)
    if wanted is not None and Path(written).resolve() != Path(wanted).resolve():
        moved = f"（“{Path(wanted).name}”正在其他程序中打开或为只读，已改为写入“{Path(written).name}”）"
    checked = f"台账{counts}。" if report is not None else ""
    return Outcome(f"已生成{command.what}：{written}{moved}。{checked}", False, report, Path(written))


def run_summary(folder: Path, progress: Callable[[int, int, str], None]) -> Outcome:
    """The 汇总 of `folder` (worker thread); `progress(done, total, line)` after each workbook."""
    try:
        run = api.run_summary(folder, progress=lambda done, total, result: progress(
            done, total, api.progress_line(done, total, result)))
    except Exception as exc:  # noqa: BLE001 — the window's last guard, as in cli.main
        return Outcome(failure_text(exc, "汇总"), True)
    totals = run.summary.totals
    unreadable = f"，{totals['unreadable']}个文件无法读取" if totals["unreadable"] else ""
    return Outcome(f"已汇总{totals['branches']}个党支部（{totals['members']}名党员）{unreadable}；汇总表：{run.workbook}",
                   bool(totals["unreadable"] and not totals["branches"]), None, Path(run.workbook), run.summary)


def failure_text(exc: BaseException, doing: str) -> str:
    """The commands' sentence for `exc`; a bug also gets the error log and the doctor command."""
    return api.failure_message(exc, about=f"dangjian {api.__version__} gui {doing}", doctor="dangjian doctor")


# Linux desktops: Tk's own fallback for Chinese may be a brush (楷体) font; a sans one reads better.
CHINESE_FONTS = ("Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei",
                 "Droid Sans Fallback")


def _use_chinese_font(root) -> None:
    from tkinter import font

    if root.tk.call("tk", "windowingsystem") != "x11":
        return  # Windows and macOS give Chinese their system font
    families = set(font.families(root))
    family = next((name for name in CHINESE_FONTS if name in families), None)
    if family:
        for name in ("TkDefaultFont", "TkTextFont", "TkHeadingFont", "TkMenuFont"):
            font.nametofont(name, root).configure(family=family)


def open_with_system(path: Path) -> None:
    """Open a file or folder in the program the desktop gives it (Excel/WPS, Word, the file manager)."""
    if sys.platform == "win32":
        os.startfile(str(path))  # noqa: S606 — the user's own file, opened as a double-click would
    else:
        subprocess.Popen(["open" if sys.platform == "darwin" else "xdg-open", str(path)],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)


class Window:
    """The window; `opener` opens files (the tests record instead), `settings` is the settings folder."""

    def __init__(self, root, workbook: Optional[Path] = None, *, opener: Callable[[Path], None] = open_with_system,
                 settings: Optional[Path] = None, run: Optional[str] = None, others: tuple[Path, ...] = ()):
        import tkinter as tk
        from tkinter import ttk

        _use_chinese_font(root)
        self.root, self.opener, self.settings = root, opener, settings
        self.events: queue.Queue = queue.Queue()
        self.worker: Optional[threading.Thread] = None
        self.workbook: Optional[Path] = None
        self.written: Optional[Path] = None
        self.details: dict[str, str] = {}  # a finding row's whole sentence, shown when it is selected
        root.title(TITLE)
        root.minsize(720, 460)
        frame = ttk.Frame(root, padding=10)
        frame.pack(fill="both", expand=True)

        row = ttk.Frame(frame)
        row.pack(fill="x")
        ttk.Label(row, text="台账：").pack(side="left")
        self.workbook_text = tk.StringVar(value="（请选择台账文件）")
        ttk.Label(row, textvariable=self.workbook_text, width=60, anchor="w").pack(side="left", fill="x", expand=True)
        self.choose_button = ttk.Button(row, text="选择台账…", command=self.choose_workbook)
        self.choose_button.pack(side="left", padx=(6, 0))
        self.open_workbook_button = ttk.Button(row, text="打开台账", command=self.open_workbook)
        self.open_workbook_button.pack(side="left", padx=(6, 0))

        buttons = ttk.Frame(frame)
        buttons.pack(fill="x", pady=(10, 6))
        self.command_buttons: dict[str, object] = {}
        for command in COMMANDS:
            button = ttk.Button(buttons, text=command.label, command=lambda c=command: self.start_command(c))
            button.pack(side="left", padx=(0, 6))
            self.command_buttons[command.label] = button
        self.summary_button = ttk.Button(buttons, text=SUMMARY_LABEL, command=self.choose_summary_folder)
        self.summary_button.pack(side="right")

        columns = ("level", "cell", "message", "basis")
        self.tree = ttk.Treeview(frame, columns=columns, show="tree headings", height=14)
        for column, heading, width in zip(columns, ("级别", "单元格", "问题", "依据"), (60, 90, 380, 200)):
            self.tree.heading(column, text=heading)
            self.tree.column(column, width=width, stretch=column in ("message", "basis"))
        self.tree.heading("#0", text="工作表")
        self.tree.column("#0", width=190, stretch=False)
        self.tree.tag_configure("错误", foreground="#b00000")
        self.tree.tag_configure("警告", foreground="#8a5a00")
        self.tree.bind("<Double-1>", lambda event: self.open_workbook())
        self.tree.bind("<<TreeviewSelect>>", lambda event: self._show_selected())
        self.tree.pack(fill="both", expand=True)
        # A finding's whole sentence and 依据: the columns cut long ones off.
        self.detail = tk.StringVar(value="")
        ttk.Label(frame, textvariable=self.detail, wraplength=880, justify="left").pack(fill="x", pady=(4, 0))

        bottom = ttk.Frame(frame)
        bottom.pack(fill="x", pady=(6, 0))
        self.progress = ttk.Progressbar(bottom, mode="determinate", length=200)
        self.progress.pack(side="left")
        self.open_written_button = ttk.Button(bottom, text="打开生成的文件", command=self.open_written, state="disabled")
        self.open_written_button.pack(side="right")
        self.show_folder_button = ttk.Button(bottom, text="打开所在文件夹", command=self.show_written_folder,
                                             state="disabled")
        self.show_folder_button.pack(side="right", padx=(0, 6))
        self.status = tk.StringVar(value="")
        self.status_label = ttk.Label(frame, textvariable=self.status, wraplength=880, justify="left")
        self.status_label.pack(fill="x", pady=(6, 0))

        start = Path(workbook) if workbook else api.remembered_path("workbook", folder=settings)
        if start is not None:
            self.set_workbook(start)
        self.status.set("点击上方的按钮校验台账或生成文档；“汇总文件夹…”汇总一个文件夹中的各支部台账。" if self.workbook
                        else "请先点击“选择台账…”选择台账文件。")
        if others and self.workbook:  # “发送到” with several files selected: one window, the first file, said
            self.status.set(f"收到{len(others) + 1}个文件，窗口使用第一个：{self.workbook.name}。要汇总几个支部的台账，"
                            "请把它们放在同一个文件夹中，点击“汇总文件夹…”。")
        self._busy(False)
        root.after(POLL_MS, self._poll)
        # Started for one command (the WPS add-in's buttons): it runs as soon as the window is up.
        chosen = next((command for command in COMMANDS if command.name == run), None)
        if chosen is not None:
            root.after_idle(lambda: self.start_command(chosen))

    # ---- choosing -----------------------------------------------------------------------

    def set_workbook(self, path: Path) -> None:
        self.workbook = Path(path)
        self.workbook_text.set(str(self.workbook))
        api.remember_path("workbook", self.workbook, folder=self.settings)
        self._busy(False)

    def choose_workbook(self) -> None:
        from tkinter import filedialog

        start = self.workbook.parent if self.workbook else None
        chosen = filedialog.askopenfilename(parent=self.root, title="选择台账", filetypes=WORKBOOK_TYPES,
                                            initialdir=str(start) if start else None)
        if chosen:
            self.set_workbook(Path(chosen))

    def choose_summary_folder(self) -> None:
        from tkinter import filedialog

        last = api.remembered_path("summary_folder", folder=self.settings)
        chosen = filedialog.askdirectory(parent=self.root, title="选择存放各党支部台账的文件夹", mustexist=True,
                                         initialdir=str(last) if last else None)
        if chosen:
            self.start_summary(Path(chosen))

    # ---- running --------------------------------------------------------------------------

    def start_command(self, command: Command) -> None:
        if self.workbook is None or self.worker is not None:
            return
        self._begin(f"正在{command.label}：{self.workbook.name}……", determinate=False)
        workbook = self.workbook
        self._run(lambda: run_command(command, workbook))

    def start_summary(self, folder: Path) -> None:
        if self.worker is not None:
            return
        api.remember_path("summary_folder", folder, folder=self.settings)
        self._begin(f"正在汇总“{folder}”中的台账……", determinate=True)
        self._run(lambda: run_summary(folder, lambda done, total, line: self.events.put(("progress", done, total, line))))

    def _begin(self, message: str, *, determinate: bool) -> None:
        self.tree.delete(*self.tree.get_children())
        self.written = None
        self.detail.set("")
        self.status.set(message)
        self.status_label.configure(foreground="")
        self.progress.configure(mode="determinate" if determinate else "indeterminate", value=0, maximum=100)
        if not determinate:
            self.progress.start(12)

    def _run(self, job: Callable[[], Outcome]) -> None:
        def work() -> None:
            # A worker always reports back, whatever fails: the window would otherwise wait for ever.
            outcome = Outcome("程序内部错误：命令没有完成。运行 dangjian doctor 可检查安装。", True)
            try:
                outcome = job()
            except BaseException as exc:  # noqa: BLE001
                try:
                    outcome = Outcome(failure_text(exc, "窗口"), True)
                except BaseException:  # noqa: BLE001 — the fallback sentence above stands
                    pass
            finally:
                self.events.put(("done", outcome))

        self.worker = threading.Thread(target=work, name="dangjian-gui-worker", daemon=True)
        self._busy(True)
        self.worker.start()

    def _poll(self) -> None:
        try:
            while True:
                event = self.events.get_nowait()
                if event[0] == "progress":
                    _, done, total, line = event
                    self.progress.configure(maximum=max(total, 1), value=done)
                    self.status.set(line)
                else:
                    self._finish(event[1])
        except queue.Empty:
            pass
        self.root.after(POLL_MS, self._poll)

    def _finish(self, outcome: Outcome) -> None:
        self.worker = None
        self.progress.stop()
        self.progress.configure(mode="determinate", value=self.progress["maximum"] if not outcome.failed else 0)
        if outcome.report is not None:
            self.show_findings(outcome.report)
        if outcome.summary is not None:
            self.show_summary(outcome.summary)
        self.written = outcome.written
        self.status.set(outcome.message)
        self.status_label.configure(foreground="#b00000" if outcome.failed else "")
        self._busy(False)

    def show_findings(self, report) -> None:
        """The findings under their sheet, each with its level, cell, message and 依据."""
        sheets: dict[str, str] = {}
        self.details = {}
        findings = report.sorted(api.SHEET_ORDER)
        for finding in findings:
            if finding.sheet not in sheets:
                count = sum(1 for f in findings if f.sheet == finding.sheet)
                sheets[finding.sheet] = self.tree.insert("", "end", text=f"{finding.sheet}（{count}处）", open=True)
            self._insert_finding(sheets[finding.sheet], finding, cell=finding.cell or "（整表）")
        if not findings:
            self.tree.insert("", "end", text="校验通过", values=("", "", "未发现问题。", ""))

    def show_summary(self, summary) -> None:
        """Under each branch workbook with something to say, its findings; then the files not read."""
        self.details = {}
        for branch in summary.branches:
            if not branch.findings:
                continue
            counts = "、".join(f"{n}处{word}" for n, word in ((branch.errors, "错误"), (branch.warnings, "警告"),
                                                               (branch.infos, "提示")) if n)
            parent = self.tree.insert("", "end", text=f"{branch.file}（{counts}）", open=False)
            for finding in branch.findings:
                self._insert_finding(parent, finding, cell=finding.address)
        for unread in summary.unreadable:
            item = self.tree.insert("", "end", text=unread.file, tags=("错误",), values=("错误", "", unread.reason, ""))
            self.details[item] = unread.reason

    def _insert_finding(self, parent: str, finding, *, cell: str) -> None:
        level = finding.level.chinese
        item = self.tree.insert(parent, "end", text="", tags=(level,),
                                values=(level, cell, finding.message, finding.basis))
        self.details[item] = f"{finding.address}  {level}：{finding.message}" + (
            f"（依据：{finding.basis}）" if finding.basis else "")

    def _show_selected(self) -> None:
        selected = self.tree.selection()
        self.detail.set(self.details.get(selected[0], "") if selected else "")

    def listed(self) -> list[tuple[str, tuple]]:
        """(sheet row's text, values) of every finding row: what the window shows, for the tests."""
        rows = []
        for sheet in self.tree.get_children():
            for item in self.tree.get_children(sheet):
                rows.append((self.tree.item(sheet, "text"), tuple(self.tree.item(item, "values"))))
        return rows

    def _busy(self, busy: bool) -> None:
        idle_with_workbook = "disabled" if busy or self.workbook is None else "normal"
        for button in self.command_buttons.values():
            button.configure(state=idle_with_workbook)
        self.open_workbook_button.configure(state=idle_with_workbook)
        for button in (self.choose_button, self.summary_button):
            button.configure(state="disabled" if busy else "normal")
        written = "disabled" if busy or self.written is None else "normal"
        self.open_written_button.configure(state=written)
        self.show_folder_button.configure(state=written)

    # ---- opening --------------------------------------------------------------------------

    def open_workbook(self) -> None:
        if self.workbook is not None:
            self._open(self.workbook)

    def open_written(self) -> None:
        if self.written is not None:
            self._open(self.written)

    def show_written_folder(self) -> None:
        if self.written is not None:
            self._open(self.written.parent)

    def _open(self, path: Path) -> None:
        try:
            self.opener(path)
        except Exception as exc:  # noqa: BLE001 — no program for the file type, xdg-open missing
            known, message = api.describe_error(exc)
            self.status.set(f"无法打开“{path}”：{message if known else exc}")


def main(workbook: Optional[Path] = None, run: Optional[str] = None, others: tuple[Path, ...] = ()) -> int:
    """Open the window (on `workbook`, or the one used last) and run it until it is closed;
    `run` names a command (COMMANDS' name) to start at once; `others` are more files given with
    `workbook` (a “发送到” of several), which the window names and leaves."""
    try:
        import tkinter as tk
    except ImportError:
        print("无法打开窗口：这个Python没有安装Tkinter（Linux上请安装 python3-tk）。可以改用命令行，"
              "运行 dangjian --help 查看用法。", file=sys.stderr)
        return 2
    try:
        root = tk.Tk()
    except tk.TclError:
        print("无法打开窗口：没有可用的图形界面（DISPLAY 未设置）。可以改用命令行，运行 dangjian --help 查看用法。",
              file=sys.stderr)
        return 2
    Window(root, workbook, run=run, others=others)
    root.mainloop()
    return 0
