"""Compile the shipped templates' parts with Jinja into dangjian/documents/compiled (see its __init__).

    python templates/compile_templates.py

Run after changing a template under templates/, documents/report.py or Jinja; the test
tests/test_report_template.py::test_compiled_templates_are_current says when it is due.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "dangjian" / "documents" / "compiled"


def main() -> None:
    sys.path.insert(0, str(ROOT))
    from dangjian.documents.report import write_compiled

    written = write_compiled(sorted(Path(__file__).resolve().parent.glob("*.docx")), FOLDER)
    print(f"{len(written)} 个模板部分已编译到 {FOLDER}")


if __name__ == "__main__":
    main()
