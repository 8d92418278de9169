"""One place that turns any exception into the sentence a secretary reads."""
from __future__ import annotations

import errno
import sys

# The operating system's own wording ("No space left on device") is English on most machines.
_OS_ERRORS = {
    errno.EISDIR: "这是一个文件夹，不是文件",
    errno.ENOENT: "文件或文件夹不存在",
    errno.ENOTDIR: "路径中的某一级不是文件夹",
    errno.EACCES: "没有访问权限（文件可能正在其他程序中打开，或为只读）",
    errno.EPERM: "没有访问权限（文件可能正在其他程序中打开，或为只读）",
    errno.ENOSPC: "磁盘空间不足",
    errno.EROFS: "磁盘或文件夹为只读",
    errno.ENAMETOOLONG: "文件名或路径太长",
    errno.EBUSY: "文件正在被其他程序使用",
    errno.EEXIST: "文件已存在",
    errno.EINVAL: "文件名无效（可能含有 \\ / : * ? \" < > | 等字符）",
}


def os_error_text(exc: OSError) -> str:
    """The reason of an OSError in Chinese, by its errno; never the system's English text."""
    reason = _OS_ERRORS.get(exc.errno)
    if reason is not None:
        return reason
    return f"系统错误（代码{exc.errno}）" if exc.errno is not None else "系统错误"


def describe(exc: BaseException) -> tuple[bool, str]:
    """(known, message): known errors carry their own Chinese message; others are bugs."""
    from .addin import AddinError
    from .files import OutputNotWritable
    from .grid import UnreadableWorkbook
    from .office import OfficeError
    from .period import PeriodError

    known: tuple[type[BaseException], ...] = (
        UnreadableWorkbook, OutputNotWritable, PeriodError, OfficeError, AddinError)
    # A ReportError exists only once the report module ran; importing it here would load docxtpl.
    report = sys.modules.get(f"{__package__}.report")
    if report is not None:
        known += (report.ReportError,)
    if isinstance(exc, known):
        return True, str(exc)
    if isinstance(exc, MemoryError):
        return True, "内存不足，无法处理这个文件"
    if isinstance(exc, OSError):
        name = getattr(exc, "filename", None)
        where = f"“{name}”" if name else "文件"
        return True, f"无法访问{where}：{os_error_text(exc)}"
    return False, f"程序内部错误（{type(exc).__name__}），请将此消息和台账文件发给维护人员"
