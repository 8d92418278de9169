"""The cycle collector stays out of a command's way (its passes were a fifth of a large report's time)
and is back as it was once the command returns."""
from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest

from dangjian import api

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "workbook" / "示例台账.xlsx"


@contextmanager
def passes():
    """The generations the collector walks inside the block, in order."""
    walked: list[int] = []

    def seen(phase: str, info: dict) -> None:
        if phase == "start":
            walked.append(info["generation"])

    gc.callbacks.append(seen)
    try:
        yield walked
    finally:
        gc.callbacks.remove(seen)


def test_check_and_report_of_a_workbook_run_without_a_collector_pass(tmp_path):
    output = tmp_path / "报告.docx"
    assert gc.isenabled()
    with passes() as during:
        checked = api.check_workbook(SAMPLE)
        run = api.report_workbook(SAMPLE, output=output, force=True)
    assert during == []
    assert gc.isenabled()
    # The work itself is done as before.
    assert checked.ledger.members and run.written.stat().st_size > 0
    # Once the command has returned the collector runs again as usual.
    with passes() as after:
        garbage = [[] for _ in range(5000)]
        for item in garbage:
            item.append(item)
        del garbage
    assert after


def test_the_collector_is_restored_when_a_command_fails_and_left_off_when_it_was_off(tmp_path):
    with pytest.raises(api.UnreadableWorkbook):
        api.check_workbook(tmp_path / "不存在.xlsx")
    assert gc.isenabled()
    gc.disable()
    try:
        api.check_workbook(SAMPLE)
        assert not gc.isenabled()
    finally:
        gc.enable()


# Counts the collector's passes while `python -m dangjian` loads its modules (dangjian.__main__ runs, `main` not yet there).
PROBE = """
import gc, json, runpy, sys
during_imports = []
def seen(phase, info):
    running = sys.modules["__main__"]
    spec = getattr(running, "__spec__", None)
    if phase == "start" and spec is not None and spec.name == "dangjian.__main__" and not hasattr(running, "console"):
        during_imports.append(info["generation"])
gc.callbacks.append(seen)
sys.argv = ["dangjian", "--version"]
try:
    runpy.run_module("dangjian", run_name="__main__", alter_sys=True)
except SystemExit:
    pass
print(json.dumps({"passes": during_imports, "frozen": gc.get_freeze_count(), "enabled": gc.isenabled()}))
"""


@pytest.mark.process
def test_starting_the_command_loads_its_modules_without_a_collector_pass():
    done = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.splitlines()[-1])
    assert result["passes"] == []
    # The modules loaded are set aside (gc.freeze): no later pass walks them again.
    assert result["frozen"] > 10_000
    assert result["enabled"]


# `python -m dangjian <command>`: the collector's passes once the command's api call has returned, and
# whether it runs when the process ends.
AFTER_PROBE = """
import atexit, gc, json, runpy, sys
from dangjian import api
returned, after = [], []
def watched(name):
    command = getattr(api, name)
    def run(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        finally:
            returned.append(name)
    setattr(api, name, run)
for name in ("check_workbook", "report_workbook", "run_summary"):
    watched(name)
gc.callbacks.append(lambda phase, info: after.append(info["generation"]) if returned and phase == "start" else None)
entry = sys.argv[2]
sys.argv = ["dangjian", *json.loads(sys.argv[1])]
# Said as the process ends (the command may end it itself, after the atexit functions).
atexit.register(lambda: print(json.dumps({"returned": returned, "after": after, "enabled": gc.isenabled(),
                                          "walked_at_exit": len(gc.get_objects())})))
if entry == "console":  # the installed `dangjian` command ([project.scripts])
    from dangjian.cli import console
    sys.exit(console())
runpy.run_module("dangjian", run_name="__main__", alter_sys=True)
"""


def run_module(arguments: list[str], cwd: Path, entry: str = "module", *, exit_code: int = 0) -> dict:
    done = subprocess.run([sys.executable, "-c", AFTER_PROBE, json.dumps(arguments), entry], cwd=cwd, capture_output=True,
                          text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == exit_code, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


@pytest.mark.process
@pytest.mark.parametrize("entry", ["module", "console"])
@pytest.mark.parametrize("command", [["check", str(SAMPLE)], ["report", str(SAMPLE), "-o", "报告.docx", "--force"]])
def test_a_command_of_one_workbook_ends_its_process_without_a_collector_pass(command, entry, tmp_path):
    result = run_module(command, tmp_path, entry)
    assert result["returned"] == [f"{command[0]}_workbook"]
    # Resumed, the collector's first pass would walk all the command's objects only for the exit to free them.
    assert result["after"] == []
    assert not result["enabled"]
    # What the exit's own collections would walk: everything the run made is set aside (gc.freeze).
    assert result["walked_at_exit"] < 1000


@pytest.mark.process
def test_the_summary_keeps_the_collector_running_for_its_many_workbooks(tmp_path):
    (tmp_path / "台账").mkdir()
    result = run_module(["summary", str(tmp_path / "台账")], tmp_path, exit_code=2)  # an empty folder is said so
    assert result["returned"] == ["run_summary"]
    assert result["enabled"]


def test_the_command_line_called_in_process_leaves_the_collector_as_it_was(tmp_path, capsys):
    from dangjian.cli import main

    assert main(["check", str(SAMPLE)]) in (0, 1)
    assert gc.isenabled()


# A command of one workbook ends its own process (cli.end_process): what it printed, its exit code
# and the atexit functions must all still come out; only the interpreter's teardown is skipped.
ENDING_PROBE = """
import atexit, os, sys
from dangjian import api

class Teardown:  # its __del__ runs only when the interpreter tears down __main__
    def __del__(self, write=os.write):
        write(1, b"teardown\\n")

mark = Teardown()
atexit.register(lambda: print("atexit"))
check = api.check_workbook
def loud(*args, **kwargs):
    print("x" * 1_000_000)  # more than a pipe holds: it comes out only if flushed before the end
    return check(*args, **kwargs)
api.check_workbook = loud
sys.argv = ["dangjian", "check", *sys.argv[1:]]
from dangjian.cli import console
sys.exit(console())
"""


@pytest.mark.process
@pytest.mark.parametrize("workbook, exit_code, said", [(SAMPLE, 0, "校验通过"), (Path("没有这个台账.xlsx"), 2, "找不到文件")])
def test_a_command_ending_its_own_process_keeps_its_output_exit_code_and_atexit_functions(workbook, exit_code, said,
                                                                                           tmp_path):
    buffered = {name: value for name, value in os.environ.items() if name != "PYTHONUNBUFFERED"}
    done = subprocess.run([sys.executable, "-c", ENDING_PROBE, str(workbook)], cwd=tmp_path, capture_output=True,
                          text=True, env={**buffered, "PYTHONPATH": str(ROOT)})
    assert done.returncode == exit_code, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "x" * 1_000_000
    assert said in done.stdout + done.stderr
    assert lines.count("atexit") == 1
    assert "teardown" not in done.stdout  # ended by the command, not torn down by the interpreter


TRACED = """
import runpy, sys
sys.argv = ["dangjian", *sys.argv[1:]]
sys.settrace(lambda *args: None)  # what coverage and a debugger set
try:
    runpy.run_module("dangjian", run_name="__main__", alter_sys=True)
finally:
    print("the tracer's own piece")
"""


@pytest.mark.process
@pytest.mark.parametrize("watcher, said", [(["-m", "cProfile", "-m", "dangjian"], "function calls"),
                                           (["-c", TRACED], "tracer's own piece")])
def test_a_profiler_or_tracer_still_says_its_piece_after_the_command(watcher, said, tmp_path):
    # They speak after the program returns: the command leaves the ending to the usual exit.
    done = subprocess.run([sys.executable, *watcher, "check", str(SAMPLE)], cwd=tmp_path,
                          capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr
    assert "校验通过" in done.stdout and said in done.stdout.split("校验通过", 1)[1]


@pytest.mark.process
def test_a_command_without_standard_streams_ends_its_process_too(tmp_path):
    # pythonw (the window's shortcut on Windows) has no stdout or stderr: nothing to flush, no error.
    probe = ("import sys; sys.stdout = sys.stderr = None; sys.argv = ['dangjian', 'check', sys.argv[1]]\n"
             "from dangjian.cli import console\nsys.exit(console())")
    done = subprocess.run([sys.executable, "-c", probe, str(SAMPLE)], cwd=tmp_path, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
