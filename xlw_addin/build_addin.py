"""Build xlw_addin/macros.xlam from the installed xlwings package's ribbon add-in template.

Run ``python xlw_addin/build_addin.py [OUTPUT]`` after changing xlwings's version in requirements.txt
(``python -m dangjian install-addin`` builds its own copy from the installed xlwings anyway).
Only the ribbon and the file properties are rewritten; the VBA is xlwings's, byte for byte.
Each further ribbon button is an add-in file of its own (dangjian.ribbon_*.xlam, see dangjian/office/addin.py).
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dangjian.office.addin import ADDIN_FILE, BUTTONS, AddinError, build_addin  # noqa: E402


def main(argv: list[str]) -> int:
    """macros.xlam at OUTPUT (default xlw_addin/), and each further button's add-in beside it."""
    output = Path(argv[0]) if argv else ADDIN_FILE
    try:
        for button in BUTTONS:
            path = build_addin(output.with_name(button.addin), button=button)
            print(f"已生成加载项：{path}")
    except AddinError as exc:
        print(exc, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
