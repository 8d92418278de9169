"""The desktop window (`dangjian gui`) under Xvfb: every button pressed through Tk events.

The window runs in this process on a private Xvfb display; buttons are pressed with generated
<Enter>/<ButtonPress-1>/<ButtonRelease-1> events (the bindings a mouse click fires), and the
test pumps the Tk loop until the worker thread reports back. A screenshot of each state is
written as PNG (to $DANGJIAN_SCREENSHOTS when set, else the test's temporary folder); what each
one showed when looked at is recorded in docs/窗口测试.md.

Skipped, with the reason, when Tkinter, Xvfb or xwd is missing (scripts/setup-test.sh installs them).
"""
from __future__ import annotations

import json
import os
import shutil
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import openpyxl
import pytest

from conftest import ROOT

tkinter = pytest.importorskip("tkinter", reason="这个Python没有Tkinter（_tkinter）")
for _tool, _package in (("Xvfb", "xvfb"), ("xwd", "x11-apps")):
    if shutil.which(_tool) is None:
        pytest.skip(f"没有{_tool}（apt-get install {_package}），窗口测试跳过", allow_module_level=True)

from dangjian import api, gui  # noqa: E402

SAMPLE = ROOT / "workbook" / "示例台账.xlsx"
WAIT_LIMIT = 300  # seconds: only a guard against a hang, never a measure of speed


@pytest.fixture(scope="module")
def display():
    """A private X display (Xvfb picks a free number and writes it to the pipe)."""
    read, write = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1000x700x24", "-nolisten", "tcp"],
                              pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    number = b""
    with os.fdopen(read, "rb") as pipe:
        while not number.endswith(b"\n"):
            chunk = pipe.read(1)
            if not chunk:
                break
            number += chunk
    if not number.strip():
        server.kill()
        pytest.skip("Xvfb未能启动")
    name = f":{number.decode().strip()}"
    old = os.environ.get("DISPLAY")
    os.environ["DISPLAY"] = name
    yield name
    if old is None:
        os.environ.pop("DISPLAY", None)
    else:
        os.environ["DISPLAY"] = old
    server.terminate()
    server.wait(10)


@pytest.fixture
def window(display, tmp_path):
    root = tkinter.Tk()
    opened: list[Path] = []
    made = []

    def make(workbook=None, **options):
        shown = gui.Window(root, workbook, opener=opened.append, settings=tmp_path / "settings", **options)
        made.append(shown)
        pump(root)
        return shown

    make.root, make.opened = root, opened
    yield make
    for shown in made:
        if shown.worker is not None:
            shown.worker.join(WAIT_LIMIT)
    root.destroy()


def pump(root, rounds: int = 3) -> None:
    for _ in range(rounds):
        root.update()


def click(root, button) -> None:
    """A left click on `button` as the mouse gives it: enter, press, release."""
    pump(root)
    x, y = button.winfo_width() // 2, button.winfo_height() // 2
    for event in ("<Enter>", "<ButtonPress-1>", "<ButtonRelease-1>"):
        button.event_generate(event, x=x, y=y)
    pump(root)


def wait_done(window, on_tick=None) -> None:
    import time

    deadline = time.monotonic() + WAIT_LIMIT
    while window.worker is not None:
        assert time.monotonic() < deadline, "the command never reported back"
        window.root.update()
        if on_tick:
            on_tick()
        time.sleep(0.01)
    pump(window.root)


def screenshot(display: str, name: str, folder: Path) -> Path:
    """The screen as PNG (xwd's 32-bit TrueColor dump, converted here: no image library needed)."""
    folder = Path(os.environ.get("DANGJIAN_SCREENSHOTS") or folder)
    folder.mkdir(parents=True, exist_ok=True)
    dump = subprocess.run(["xwd", "-root", "-silent", "-display", display], capture_output=True, check=True).stdout
    header = struct.unpack(">25I", dump[:100])
    header_size, width, height, byte_order = header[0], header[4], header[5], header[7]
    bits, stride, colours = header[11], header[12], header[19]
    assert bits == 32, bits
    pixels = dump[header_size + 12 * colours:]
    rows = []
    for y in range(height):
        line = pixels[y * stride: y * stride + width * 4]
        if byte_order == 0:  # LSBFirst: B, G, R, pad
            rgb = bytes(b for i in range(0, len(line), 4) for b in (line[i + 2], line[i + 1], line[i]))
        else:
            rgb = bytes(b for i in range(0, len(line), 4) for b in line[i + 1:i + 4])
        rows.append(b"\0" + rgb)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
           + chunk(b"IDAT", zlib.compress(b"".join(rows), 6)) + chunk(b"IEND", b""))
    path = folder / f"{name}.png"
    path.write_bytes(png)
    return path


SAMPLE_BRANCH = "<t>XX&#21439;XX&#20013;&#24515;&#20826;&#25903;&#37096;</t>"  # 基本信息!B3 as the sample stores it


def branch_copy(path: Path, branch: str) -> None:
    """The sample under another 党组织名称, made in a few milliseconds: the 汇总 takes one workbook
    per branch and one per content, so plain copies would be summarised once."""
    import zipfile

    with zipfile.ZipFile(SAMPLE) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet2.xml":
                assert data.count(SAMPLE_BRANCH.encode()) == 1
                data = data.replace(SAMPLE_BRANCH.encode(), f"<t>{branch}</t>".encode())
            target.writestr(item, data)


@pytest.fixture
def workbook(tmp_path):
    folder = tmp_path / "台账 文件夹"
    folder.mkdir()
    path = folder / "示例台账.xlsx"
    shutil.copy(SAMPLE, path)
    return path


def test_every_button_writes_its_document_and_lists_the_findings(window, workbook, display, tmp_path):
    shown = window(workbook)
    before = workbook.read_bytes()
    screenshot(display, "1-打开", tmp_path)
    # Every document command of the window, pressed in turn: the file appears where the status says.
    for command in gui.COMMANDS:
        click(shown.root, shown.command_buttons[command.label])
        assert shown.worker is not None or shown.written is not None, command.label
        wait_done(shown)
        status = shown.status.get()
        if command.label == "校验":
            assert status == "校验完成：未发现问题。"
            assert shown.tree.item(shown.tree.get_children()[0], "values")[2] == "未发现问题。"
            continue
        if command.name == "todo":  # today is not in the sample's 2023: refused, in the command's words
            assert status == api.describe_error(_raised(lambda: api.todo_workbook(workbook)))[1]
            assert shown.written is None
            continue
        assert shown.written is not None and shown.written.exists(), (command.label, status)
        assert status.startswith(f"已生成{command.what}：{shown.written}"), status
        assert shown.written.parent == workbook.parent  # a file, or the folder of the 发展党员 papers
        screenshot(display, f"2-{command.label}", tmp_path)
        click(shown.root, shown.open_written_button)
        click(shown.root, shown.show_folder_button)
        assert window.opened[-2:] == [shown.written, workbook.parent]
    written = {p.name for p in workbook.parent.iterdir()} - {workbook.name}
    assert len(written) == len(gui.COMMANDS) - 2  # one file (or folder) a command; 校验 and this 工作提醒 none
    assert {Path(name).suffix for name in written} <= {".xlsx", ".docx", ""}
    click(shown.root, shown.open_workbook_button)
    assert window.opened[-1] == workbook
    assert workbook.read_bytes() == before  # the secretary's workbook is never modified


def test_the_reminders_of_this_year_s_workbook_are_written_beside_it(window, workbook):
    from datetime import date

    book = openpyxl.load_workbook(workbook)
    book["基本信息"]["B5"] = date.today().year  # the 报告年度 is this year: today's reminders can be given
    book.save(workbook)
    shown = window(workbook, run="todo")
    wait_done(shown)
    assert shown.written == workbook.with_name("示例台账-工作提醒.xlsx") and shown.written.is_file(), shown.status.get()
    assert shown.status.get().startswith(f"已生成工作提醒：{shown.written}")


def test_errors_stop_the_report_and_are_listed_by_sheet_with_cell_and_basis(window, workbook, display, tmp_path):
    book = openpyxl.load_workbook(workbook)
    book["党费收缴"]["E2"] = 100  # 月应交 below 2% of 月计算基数: an error with its 依据
    book["会议记录"]["I2"] = 30  # more present than expected: another sheet's error
    book.save(workbook)
    shown = window(workbook)
    click(shown.root, shown.command_buttons["生成工作报告"])
    wait_done(shown)
    expected = api.check_workbook(workbook).report
    assert shown.status.get() == f"台账中有{len(expected.errors)}处错误，请改正后再生成报告。"
    assert shown.written is None and not list(workbook.parent.glob("*.docx"))
    listed = shown.listed()
    assert len(listed) == len(expected.findings) >= 2
    sheets = [text for text, _ in listed]
    assert sheets.index("会议记录（1处）") < sheets.index("党费收缴（2处）")  # in the workbook's sheet order
    dues = [values for text, values in listed if text.startswith("党费收缴")]
    assert dues[0][:2] == ("错误", "E2") and "中组发〔2008〕3号" in dues[0][3]
    assert str(shown.open_written_button.cget("state")) == "disabled"
    # Selecting a row shows its whole sentence with the 依据 (the columns cut long ones off).
    dues_sheet = next(item for item in shown.tree.get_children() if shown.tree.item(item, "text").startswith("党费收缴"))
    shown.tree.selection_set(shown.tree.get_children(dues_sheet)[0])
    pump(shown.root)
    error = next(f for f in expected.findings if f.address == "党费收缴!E2")
    assert shown.detail.get() == f"党费收缴!E2  错误：{error.message}（依据：{error.basis}）"
    screenshot(display, "3-有错误", tmp_path)


def test_an_unreadable_workbook_is_said_in_the_commands_chinese(window, tmp_path, display):
    broken = tmp_path / "坏的台账.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a workbook")
    shown = window(broken)
    click(shown.root, shown.command_buttons["校验"])
    wait_done(shown)
    known, message = api.describe_error(_raised(lambda: api.check_workbook(broken)))
    assert known and shown.status.get() == message and "坏的台账.xlsx" in message
    screenshot(display, "4-无法读取", tmp_path)


def test_a_bug_in_a_command_is_logged_and_said_without_a_traceback(window, workbook, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    broken = gui.Command("check", "校验", "校验结果", lambda path: {}["没有这个键"])
    monkeypatch.setattr(gui, "COMMANDS", (broken,))
    shown = window(workbook)
    click(shown.root, shown.command_buttons["校验"])
    wait_done(shown)
    said = shown.status.get()
    log = tmp_path / "state" / "dangjian" / "dangjian-errors.log"
    assert said.startswith("程序内部错误") and f"详细信息已写入：{log}" in said and "运行 dangjian doctor" in said
    assert "Traceback" not in said and "KeyError" in log.read_text(encoding="utf-8")


def test_the_worker_reports_back_even_when_explaining_the_failure_fails(window, workbook, monkeypatch):
    def broken(exc, doing):
        raise RuntimeError("the explanation itself failed")

    monkeypatch.setattr(gui, "failure_text", broken)
    monkeypatch.setattr(gui, "COMMANDS", (gui.Command("check", "校验", "校验结果", lambda path: 1 / 0),))
    shown = window(workbook)
    click(shown.root, shown.command_buttons["校验"])
    wait_done(shown)  # the window is not left waiting
    assert shown.status.get().startswith("程序内部错误：命令没有完成")
    assert str(shown.command_buttons["校验"].cget("state")) == "normal"


def _raised(call) -> BaseException:
    try:
        call()
    except Exception as exc:  # noqa: BLE001
        return exc
    raise AssertionError("no error")


def test_the_last_workbook_is_remembered(window, workbook):
    first = window(workbook)
    assert first.workbook == workbook
    second = window()  # no workbook given: the one used last, from the settings file
    assert second.workbook == workbook.resolve()
    assert str(second.command_buttons["校验"].cget("state")) == "normal"


def test_several_files_sent_to_the_window_open_it_on_the_first_and_say_so(window, workbook, tmp_path):
    second = tmp_path / "第二党支部.xlsx"
    shutil.copy(SAMPLE, second)
    shown = window(workbook, others=(second,))
    assert shown.workbook == workbook
    assert shown.status.get().startswith("收到2个文件，窗口使用第一个：示例台账.xlsx") and "汇总文件夹" in shown.status.get()
    assert str(shown.command_buttons["校验"].cget("state")) == "normal"


def test_the_command_takes_several_files_as_send_to_gives_them():
    from dangjian import cli

    args = cli.build_parser("dangjian").parse_args(["gui", "甲.xlsx", "乙.xlsx", "丙.xlsx"])
    assert args.workbooks == [Path("甲.xlsx"), Path("乙.xlsx"), Path("丙.xlsx")]
    assert cli.build_parser("dangjian").parse_args(["gui"]).workbooks == []


def test_started_for_one_command_the_window_runs_it_at_once(window, workbook):
    shown = window(workbook, run="dues-report")  # as the WPS add-in's 党费报告 button starts it
    assert shown.worker is not None or shown.written is not None
    wait_done(shown)
    assert shown.written is not None and shown.written.name.endswith("党费收缴情况报告.docx")


def test_the_window_answers_while_100_workbooks_are_summarised(window, tmp_path, display, monkeypatch):
    folder = tmp_path / "各支部台账"
    folder.mkdir()
    for number in range(1, 100):
        branch_copy(folder / f"第{number}党支部.xlsx", f"XX县XX中心第{number}党支部")
    book = openpyxl.load_workbook(SAMPLE)
    book["会议记录"]["I2"] = 30  # one branch with an error: listed under its file
    book["基本信息"]["B3"] = "XX县XX中心第100党支部"
    book.save(folder / "第100党支部.xlsx")
    (folder / "坏文件.xlsx").write_bytes(b"PK\x03\x04 not a workbook")  # and one file that cannot be read
    shown = window()
    monkeypatch.setattr("tkinter.filedialog.askdirectory", lambda **options: str(folder))
    seen_progress, answered = set(), []
    shown.root.bind("<<Ping>>", lambda event: answered.append(shown.worker is not None))

    def tick() -> None:
        # An event put on the loop's queue while the 汇总 runs is handled: the loop is not blocked.
        shown.root.event_generate("<<Ping>>", when="tail")
        seen_progress.add(int(shown.progress["value"]))
        if len(seen_progress) == 30:
            screenshot(display, "5-汇总中", tmp_path)

    click(shown.root, shown.summary_button)
    assert shown.worker is not None and str(shown.summary_button.cget("state")) == "disabled"
    wait_done(shown, tick)
    # Progress came back workbook by workbook, and pings were answered while the worker was busy.
    print(f"pings answered while the 汇总 ran: {answered.count(True)}; progress values seen: {len(seen_progress)}")
    assert len(seen_progress) > 10 and answered.count(True) > 10
    assert shown.status.get().startswith("已汇总100个党支部") and "1个文件无法读取" in shown.status.get()
    rows = {shown.tree.item(item, "text"): item for item in shown.tree.get_children()}
    assert set(rows) == {"第100党支部.xlsx（1处错误）", "坏文件.xlsx"}
    finding = shown.tree.item(shown.tree.get_children(rows["第100党支部.xlsx（1处错误）"])[0], "values")
    assert finding[:2] == ("错误", "会议记录!I2")
    assert shown.tree.item(rows["坏文件.xlsx"], "values")[2].startswith("无法读取“坏文件.xlsx”")
    assert shown.written == folder / "党支部台账汇总.xlsx" and shown.written.is_file()
    assert shown.progress["value"] == shown.progress["maximum"] == 101
    screenshot(display, "6-汇总完成", tmp_path)


def test_the_command_opens_the_window_and_runs_what_it_is_told(display, workbook, tmp_path):
    """`python -m dangjian gui 台账 --run report`, the WPS add-in's and a shortcut's way in, as a process."""
    import time

    env = {**os.environ, "DISPLAY": display, "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "PYTHONPATH": str(ROOT)}
    window = subprocess.Popen([sys.executable, "-m", "dangjian", "gui", str(workbook), "--run", "report"], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + WAIT_LIMIT
        while not list(workbook.parent.glob("*工作情况报告.docx")):
            assert window.poll() is None, window.communicate()
            assert time.monotonic() < deadline, "no report was written"
            time.sleep(0.1)
        screenshot(display, "7-命令打开窗口", tmp_path)
        assert window.poll() is None  # the window stays open, showing the outcome, until closed
    finally:
        window.terminate()
        window.wait(10)
    # Only paths are remembered: the workbook the window was opened on.
    settings = json.loads((tmp_path / "config" / "dangjian" / "窗口设置.json").read_text(encoding="utf-8"))
    assert settings == {"workbook": str(workbook.resolve())}
