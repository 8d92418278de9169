"""Read a foreign-format workbook (.xls, .ods) in a child process bounded in time and memory.

calamine is Rust: a record claiming a vast sheet ends in "memory allocation failed" and an abort
that no `except` can catch, and a crafted file can run for minutes inside one call. In a child
process such a file costs only the child: its death, or its running past READER_SECONDS, becomes
the 损坏 message naming the file, and the command (a 党委's summary of forty branches, the search
for last year's workbook) goes on. The .xlsx path stays in-process: openpyxl and the surveyed
calamine read there are bounded before any dense read, and the benchmark measures that path.

    python -m dangjian.read.reader_child   # the child: reads its request on stdin, writes the pickled result
"""
from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

from .. import limits
from ..errors import ChildFailure, DangjianError, describe, printable, scrubbed_traceback

_PACKAGE_ROOT = str(Path(__file__).resolve().parents[2])  # the folder holding the dangjian package


def read_in_child(path: Path, *, reader: str, refused: type[Exception]):
    """`reader` ("module:function", called with the path) run in a child process.

    Its result comes back pickled; a DangjianError it raises comes back as `refused` with the same
    message, and so does the damaged-file message when the child dies or runs too long. An error
    the reader did not expect (a bug, not the file) comes back as ChildFailure, the internal error
    it is, with the child's scrubbed traceback for the log.
    Named rather than imported, the reader keeps imports flowing one way (grid → reader_child).
    """
    request = pickle.dumps((reader, str(path), limits.READER_MEMORY_BYTES, limits.READER_SECONDS))
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, (_PACKAGE_ROOT, os.environ.get("PYTHONPATH")))),
                   # glibc gives each thread a 64 MB arena of address space: the bound is for the data.
                   "MALLOC_ARENA_MAX": "2", "RUST_BACKTRACE": "0"}
    shown = printable(Path(path).name)
    try:
        done = subprocess.run([sys.executable, "-m", "dangjian.read.reader_child"], input=request, capture_output=True,
                              timeout=limits.READER_SECONDS, env=environment,
                              creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0))
    except subprocess.TimeoutExpired:
        raise refused(f"无法读取“{shown}”：读取超过{limits.READER_SECONDS}秒仍未完成（上限），"
                      "文件已损坏或过大。请在Excel、WPS或LibreOffice中打开它并“另存为”.xlsx 后再试") from None
    except OSError as exc:
        raise refused(f"无法读取“{shown}”：未能启动读取程序（{exc.strerror or exc}）") from None
    if done.returncode == 0:
        try:
            outcome, value = pickle.loads(done.stdout)
        except (pickle.UnpicklingError, EOFError, ValueError, TypeError):
            outcome, value = "died", None
        if outcome == "result":
            return value
        if outcome == "refused":
            raise refused(value)
        if outcome == "bug":
            raise ChildFailure(*value)
    # Killed by a signal (the Rust allocator's abort or a Rust panic), or out of memory.
    raise refused(
        f"无法读取“{shown}”：文件已损坏（读取时超出了{limits.megabytes(limits.READER_MEMORY_BYTES)}内存上限或读取程序意外退出）。"
        "请在Excel、WPS或LibreOffice中打开它并“另存为”.xlsx 后再试")


def _child() -> int:
    reader, path, memory, seconds = pickle.loads(sys.stdin.buffer.read())
    try:
        import resource
    except ImportError:  # Windows: the parent's timeout still holds
        resource = None
    if resource is not None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        resource.setrlimit(resource.RLIMIT_CPU, (int(seconds) + 1, int(seconds) + 1))
    from importlib import import_module

    module, function = reader.split(":")
    try:
        outcome = ("result", getattr(import_module(module), function)(Path(path)))
    except MemoryError:
        return 3
    except Exception as exc:  # noqa: BLE001 — everything the parent must hear about, said as data
        known, message = describe(exc)
        outcome = ("refused", message) if known else ("bug", (type(exc).__name__, scrubbed_traceback(exc)))
    sys.stdout.buffer.write(pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL))
    return 0


if __name__ == "__main__":
    sys.exit(_child())
