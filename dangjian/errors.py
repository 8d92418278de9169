"""One place that turns any exception into the sentence a secretary reads."""
from __future__ import annotations


def describe(exc: BaseException) -> tuple[bool, str]:
    """(known, message): known errors carry their own Chinese message; others are bugs."""
    from .files import OutputNotWritable
    from .grid import UnreadableWorkbook
    from .office import OfficeError
    from .period import PeriodError

    known: tuple[type[BaseException], ...] = (UnreadableWorkbook, OutputNotWritable, PeriodError, OfficeError)
    try:
        from .report import ReportError

        known += (ReportError,)
    except ImportError:
        pass
    if isinstance(exc, known):
        return True, str(exc)
    if isinstance(exc, MemoryError):
        return True, "内存不足，无法处理这个文件"
    if isinstance(exc, PermissionError):
        return True, f"没有权限访问“{getattr(exc, 'filename', '') or ''}”：文件可能正在其他程序中打开"
    if isinstance(exc, OSError):
        return True, f"无法访问文件“{getattr(exc, 'filename', '') or ''}”：{exc.strerror or exc}"
    return False, f"程序内部错误（{type(exc).__name__}），请将此消息和台账文件发给维护人员"
