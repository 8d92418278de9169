"""The package's bottom module: its base exception, OS reasons in Chinese, and `describe`.

It imports nothing from the package, so every module may import it without a loop.
"""
from __future__ import annotations

import errno
import re


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
    return False, f"程序内部错误（{type(exc).__name__}），请将此消息和台账文件发给维护人员"
