"""Files that ship with the program: the report templates, the workbooks, the add-in, fonts.conf.

In the source tree they sit at the project root (templates/, workbook/, xlw_addin/, fonts/); an
installed wheel carries the same folders inside the package (pyproject.toml maps them there), so
the package's own folder is looked at first and the source tree second.
"""
from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
SOURCE_ROOT = PACKAGE.parent


def shipped(folder: str, name: str) -> Path:
    """The shipped file `folder/name`: inside the installed package, else in the source tree."""
    installed = PACKAGE / folder / name
    return installed if installed.is_file() else SOURCE_ROOT / folder / name
