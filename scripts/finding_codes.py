"""README's table of every finding code, generated from the FindingType declarations.

    python scripts/finding_codes.py                  # print the table
    python scripts/finding_codes.py --update-readme  # replace the table in README.md

tests/test_finding_codes.py fails when README's table and the declarations differ, so a new
check cannot land without its line in README.
"""
from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
START, END = "<!-- codes:start -->", "<!-- codes:end -->"
# Modules that do something when imported rather than declare things.
NOT_IMPORTED = ("dangjian.__main__",)
COMPILED_TEMPLATES = "dangjian.documents.compiled."  # Jinja's code for the shipped templates, never imported


def declared_types() -> list:
    """Every FindingType of the package: each module imported, so that none is left out."""
    sys.path.insert(0, str(ROOT))
    import dangjian
    from dangjian.findings import declared_types as declared

    for module in pkgutil.walk_packages(dangjian.__path__, "dangjian."):
        if module.name not in NOT_IMPORTED and not module.name.startswith(COMPILED_TEMPLATES):
            importlib.import_module(module.name)
    return sorted(declared(), key=lambda kind: kind.code)


def codes_table() -> str:
    def cell(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", " ") or "—"

    lines = ["| 代码 | 级别 | 名称 | 依据 |", "|---|---|---|---|"]
    lines += [f"| {kind.code} | {kind.level.chinese} | {cell(kind.title)} | {cell(kind.basis)} |"
              for kind in declared_types()]
    return "\n".join(lines)


def readme_block(text: str) -> str:
    """The text between README's markers (without them)."""
    start, end = text.index(START) + len(START), text.index(END)
    return text[start:end].strip("\n")


def update_readme() -> None:
    text = README.read_text(encoding="utf-8")
    start, end = text.index(START) + len(START), text.index(END)
    README.write_text(text[:start] + "\n" + codes_table() + "\n" + text[end:], encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update-readme", action="store_true", help="write the table into README.md")
    if parser.parse_args().update_readme:
        update_readme()
    else:
        print(codes_table())


if __name__ == "__main__":
    main()
