"""The package's bottom module: its base exception, OS reasons in Chinese, `describe`, and the
log of an internal error.

It imports nothing from the package, so every module may import it without a loop.
"""
from __future__ import annotations

import errno
import functools
import os
import re
import sys
import traceback
from datetime import datetime
from pathlib import Path


class DangjianError(Exception):
    """A known, user-facing failure: str(exc) is the Chinese sentence the secretary reads."""


# The operating system's own wording ("No space left on device") is English on most machines.
_OS_ERRORS = {
    errno.EISDIR: "这是一个文件夹，不是文件",
    errno.ENOENT: "文件或文件夹不存在",
    errno.ENOTDIR: "路径中的某一级不是文件夹",
    # Said of files and folders alike, and often inside a caller's own brackets: no brackets here.
    errno.EACCES: "没有访问权限，可能设为只读或正被其他程序使用",
    errno.EPERM: "没有访问权限，可能设为只读或正被其他程序使用",
    errno.ENOSPC: "磁盘空间不足",
    errno.EROFS: "磁盘或文件夹为只读",
    errno.ENAMETOOLONG: "文件名或路径太长",
    errno.EBUSY: "文件正在被其他程序使用",
    errno.EEXIST: "文件已存在",
    errno.EINVAL: "文件名无效，可能含有 \\ / : * ? \" < > | 等字符",
}

# Terminal control (ESC sequences, bell, NUL) and bidi overrides must never reach a screen or a
# file name as they are: controls are dropped, bidi marks shown as their code point.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """`text` safe for a terminal or a file name: no control characters, bidi marks made visible."""
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    return _BIDI.sub(lambda m: f"[U+{ord(m.group()):04X}]", text)


def os_error_text(exc: OSError) -> str:
    """The reason of an OSError in Chinese, by its errno; never the system's English text."""
    reason = _OS_ERRORS.get(exc.errno)
    if reason is not None:
        return reason
    return f"系统错误（代码{exc.errno}）" if exc.errno is not None else "系统错误"


class ChildFailure(Exception):
    """An unexpected error in a child process (the .xls/.ods reader). Its kind and its scrubbed
    traceback come back with it, so that the parent reports the bug it is (not a damaged file)
    and its log shows where in the child it happened."""

    def __init__(self, kind: str, child_traceback: str):
        super().__init__(kind)
        self.kind, self.child_traceback = kind, child_traceback


def describe(exc: BaseException) -> tuple[bool, str]:
    """(known, message): known errors carry their own Chinese message; others are bugs."""
    if isinstance(exc, DangjianError):
        return True, printable(str(exc))
    if isinstance(exc, MemoryError):
        return True, "内存不足，无法处理这个文件"
    if isinstance(exc, RecursionError):
        return True, "内容嵌套过深，无法处理这个文件"
    if isinstance(exc, OSError):
        name = getattr(exc, "filename", None)
        where = f"“{printable(str(name))}”" if name else "文件"
        return True, f"无法访问{where}：{os_error_text(exc)}"
    kind = exc.kind if isinstance(exc, ChildFailure) else type(exc).__name__
    return False, f"程序内部错误（{printable(kind)}），请将此消息和台账文件发给维护人员"


# ---------------------------------------------------------------- the log of an internal error

ERROR_LOG = "dangjian-errors.log"
ERROR_LOG_LIMIT = 200_000  # characters; the oldest entries go first
_ENTRY_START = "=== "


@functools.cache
def _scrubbers() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """What an exception's message may carry from a workbook: quoted text (a name, a path, a
    cell's value), any non-ASCII text, any number (身份证号, 电话, an amount). Compiled when the
    first error is logged, not at each start: most runs log none."""
    return re.compile(r"'[^'\n]*'|\"[^\"\n]*\"|“[^”]*”"), re.compile(r"[^\x00-\x7f]+"), re.compile(r"\d+(?:[.,]\d+)*")


def error_log_folder(platform: str = sys.platform, environ=os.environ, home: Path | None = None) -> Path:
    """The per-user folder for logs: LOCALAPPDATA on Windows, ~/Library/Logs on macOS, else
    XDG_STATE_HOME (~/.local/state), where the XDG rules put logs."""
    home = home or Path.home()
    if platform == "win32" and environ.get("LOCALAPPDATA"):
        return Path(environ["LOCALAPPDATA"]) / "dangjian"
    if platform == "darwin":
        return home / "Library" / "Logs" / "dangjian"
    return Path(environ.get("XDG_STATE_HOME") or home / ".local" / "state") / "dangjian"


def scrubbed_message(message: str) -> str:
    """An exception's message with everything that could be a workbook's content replaced."""
    quoted, non_ascii, number = _scrubbers()
    message = quoted.sub("'…'", message)
    message = number.sub("#", non_ascii.sub("…", message))
    return printable(message)[:300]


def scrubbed_traceback(exc: BaseException) -> str:
    """The traceback as frames (file, line, function) and exception types, each message scrubbed:
    the source lines and the messages of a traceback may quote a workbook's cells."""
    chain = []
    while exc is not None and all(exc is not seen for seen in chain):
        chain.append(exc)
        exc = exc.__cause__ or (None if exc.__suppress_context__ else exc.__context__)
    lines = []
    for position, link in enumerate(reversed(chain)):
        if position:
            lines.append("（处理上面的异常时又出现下面的异常）")
        for frame, line in traceback.walk_tb(link.__traceback__):
            lines.append(f"  {_code_path(frame.f_code.co_filename)}:{line} {frame.f_code.co_name}")
        kind = type(link)
        name = kind.__qualname__ if kind.__module__ == "builtins" else f"{kind.__module__}.{kind.__qualname__}"
        lines.append(f"{name}: {scrubbed_message(str(link))}")
        if isinstance(link, ChildFailure):  # scrubbed in the child already
            lines.append("（子进程中）")
            lines += [f"  {line}" for line in link.child_traceback.splitlines()]
    return "\n".join(lines)


def _code_path(filename: str) -> str:
    """A code file as the module path under its sys.path entry (no user name or home folder)."""
    path = os.path.abspath(filename)
    roots = sorted((os.path.abspath(entry or os.curdir) for entry in sys.path), key=len, reverse=True)
    for root in roots:
        if path.startswith(root.rstrip(os.sep) + os.sep):
            return path[len(root.rstrip(os.sep)) + 1:].replace(os.sep, "/")
    return os.path.basename(path)


def write_error_log(exc: BaseException, *, about: str, folder: Path | None = None) -> Path | None:
    """Add the scrubbed traceback of `exc` to the error log and return its path; None when it
    cannot be written (the message on screen still explains the failure)."""
    path = (folder or error_log_folder()) / ERROR_LOG
    entry = (f"{_ENTRY_START}{datetime.now():%Y-%m-%d %H:%M:%S} {printable(about)}\n"
             f"{scrubbed_traceback(exc)}\n\n")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        old = path.read_text(encoding="utf-8", errors="replace") if path.is_file() else ""
        path.write_text(_newest_entries(old, ERROR_LOG_LIMIT - len(entry)) + entry, encoding="utf-8")
    except OSError:
        return None
    return path


def failure_message(exc: BaseException, *, about: str, doctor: str) -> str:
    """What a shell shows for `exc`: a known error's own sentence; for a bug, also where its log
    went and the doctor command (`doctor`, as the user would type it). `about` heads the log entry."""
    known, message = describe(exc)
    if known:
        return message
    log = write_error_log(exc, about=f"{about}（Python {sys.version.split()[0]}，{sys.platform}）")
    message += (f"\n详细信息已写入：{log}（只记录出错的程序位置，不含台账内容），请一并发送" if log
                else "\n（详细信息未能写入记录文件）")
    return message + f"；运行 {doctor} 可检查安装。"


def _newest_entries(text: str, room: int) -> str:
    """The newest whole entries of `text` that fit in `room` characters."""
    if len(text) <= room:
        return text
    tail = text[len(text) - max(room, 0):]
    start = tail.find("\n" + _ENTRY_START)
    return tail[start + 1:] if start >= 0 else ""
