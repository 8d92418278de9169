"""Writing output files whole or not at all."""
from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator


class OutputNotWritable(Exception):
    """The output path cannot be written (folder missing, no permission, file open elsewhere)."""


@contextmanager
def atomic_output(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside `path`; rename it into place only if the block succeeds."""
    path = Path(path)
    if not path.parent.is_dir():
        raise OutputNotWritable(f"输出文件夹“{path.parent}”不存在")
    handle, name = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=path.suffix, dir=path.parent)
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        os.replace(temporary, path)
    except PermissionError as exc:
        raise OutputNotWritable(f"无法写入“{path}”：文件可能正在其他程序中打开，或没有写入权限") from exc
    finally:
        if temporary.exists():
            temporary.unlink()
