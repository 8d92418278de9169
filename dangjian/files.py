"""Writing output files whole or not at all, and never over a file someone has open."""
from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from .errors import os_error_text

MAX_ALTERNATIVES = 99


class OutputNotWritable(Exception):
    """The output path cannot be written (folder missing, no permission, file open elsewhere)."""


@contextmanager
def atomic_output(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside `path`; rename it into place only if the block succeeds.

    A process killed inside the block leaves at most a hidden temporary file, never a
    truncated file at `path`.
    """
    path = Path(path)
    if not path.parent.is_dir():
        raise OutputNotWritable(f"输出文件夹“{path.parent}”不存在")
    if path.is_dir():
        raise OutputNotWritable(f"无法写入“{path}”：这是一个文件夹，请另指定一个文件名")
    try:
        handle, name = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=path.suffix + ".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputNotWritable(f"无法在文件夹“{path.parent}”中写入文件（{os_error_text(exc)}）") from exc
    os.close(handle)
    temporary = Path(name)
    try:
        _usual_permissions(temporary)
        yield temporary
        os.replace(temporary, path)
    except PermissionError as exc:
        raise OutputNotWritable(f"无法写入“{path}”：文件可能正在其他程序中打开，或没有写入权限") from exc
    except OSError as exc:
        # Inside the block only the output is written (disk full, name too long, a folder in the way).
        raise OutputNotWritable(f"无法写入“{path}”：{os_error_text(exc)}") from exc
    finally:
        if temporary.exists():
            temporary.unlink()


def is_in_use(path: Path) -> bool:
    """True when `path` exists and must not be replaced: read-only, or open in Word, WPS or LibreOffice.

    Word and WPS leave an owner file "~$name" beside an open document (with the first one or
    two characters of a long name dropped); LibreOffice leaves ".~lock.name#".
    """
    path = Path(path)
    if not path.exists():
        return False
    # The write bits, not only os.access: an administrator may write anything, but a file
    # someone marked read-only is not to be replaced.
    if not os.access(path, os.W_OK) or not path.stat().st_mode & 0o222:
        return True
    if os.name == "nt" and _is_locked_on_windows(path):
        return True
    name = path.name
    owners = {f"~${name}", f"~${name[1:]}", f"~${name[2:]}", f".~lock.{name}#"}
    return any((path.parent / owner).exists() for owner in owners)


def available_output(path: Path) -> Path:
    """`path` itself, or when it is in use the first free “name(1).docx”, “name(2).docx”, …"""
    path = Path(path)
    if not is_in_use(path):
        return path
    for number in range(1, MAX_ALTERNATIVES + 1):
        candidate = path.with_name(f"{path.stem}({number}){path.suffix}")
        # An existing, unused “name(1).docx” was written by an earlier run: replacing it is
        # what happens to the report itself.
        if not is_in_use(candidate):
            return candidate
    raise OutputNotWritable(f"“{path}”正在其他程序中打开或为只读，且已有{MAX_ALTERNATIVES}个同名副本，请关闭文件或换一个文件名")


def _usual_permissions(path: Path) -> None:
    # mkstemp makes the file private (0600); an output should get the usual permissions.
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(path, 0o666 & ~umask)


def _is_locked_on_windows(path: Path) -> bool:
    # Excel and Word open files with a deny-write share mode: opening for append fails.
    try:
        with open(path, "ab"):
            return False
    except PermissionError:
        return True
    except OSError:
        return False
