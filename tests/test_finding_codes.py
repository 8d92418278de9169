"""README's table of finding codes is the list the code declares (scripts/finding_codes.py)."""
from __future__ import annotations

import sys

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import finding_codes  # noqa: E402

from dangjian.findings import FindingType, Level  # noqa: E402


def test_readme_lists_every_declared_code_and_nothing_else():
    readme = finding_codes.README.read_text(encoding="utf-8")
    assert finding_codes.readme_block(readme) == finding_codes.codes_table(), \
        "README 的校验代码表与代码不一致：运行 python scripts/finding_codes.py --update-readme"


def test_the_table_holds_codes_the_reader_and_every_rule_module_declare():
    codes = {kind.code for kind in finding_codes.declared_types()}
    # one from the reader, one from each rule module, one from the report's own checks
    assert {"bad-value", "error-value", "dues-streak", "life-general-meeting", "dev-date-order",
            "attendance-roll", "written-date-outside", "report-empty"} <= codes
    assert len(codes) >= 77


def test_a_code_declared_twice_with_another_meaning_is_refused():
    with pytest.raises(ValueError, match="bad-value"):
        FindingType("bad-value", Level.INFO, "另一个意思")
