"""Shared fixtures: workbooks written by the project's own builder, or their grids in memory."""
from __future__ import annotations

import copy
import sys
from pathlib import Path
from typing import Callable

import pytest
from hypothesis import Phase, settings

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "workbook"))

from build_sample import sample_data  # noqa: E402

from dangjian.documents.builder import build_workbook, workbook_grids  # noqa: E402
from dangjian.read.grid import Grid, read_grids  # noqa: E402

def pytest_addoption(parser):
    parser.addoption("--run-network", action="store_true", help="also run the tests that need the package index")


def pytest_collection_modifyitems(config, items):
    if config.getoption("--run-network"):
        return
    offline = pytest.mark.skip(reason="needs the package index: run with --run-network")
    for item in items:
        if "network" in item.keywords:
            item.add_marker(offline)


SAMPLE = ROOT / "workbook" / "示例台账.xlsx"
BLANK = ROOT / "workbook" / "党支部工作台账.xlsx"

Edit = Callable[[dict, dict], None]


@pytest.fixture(scope="session")
def sample_source() -> tuple[dict, dict]:
    """The sample's (settings, rows); tests copy it before editing."""
    return sample_data()


@pytest.fixture
def make_workbook(tmp_path, sample_source) -> Callable[..., Path]:
    """Build a variant of the sample: `make_workbook(edit)` where edit(settings, rows) mutates copies.

    Rows are dicts keyed by header (money headers without the （元） unit), as in build_sample.py.
    """
    counter = iter(range(1000))

    def build(edit: Edit | None = None, *, name: str | None = None) -> Path:
        settings, rows = copy.deepcopy(sample_source)
        if edit:
            edit(settings, rows)
        path = tmp_path / (name or f"台账{next(counter)}.xlsx")
        build_workbook(path, settings=settings, rows=rows)
        return path

    return build


@pytest.fixture(scope="session")
def sample_grids() -> dict[str, Grid]:
    """The shipped sample workbook as read (once per session); tests edit copies, never the grids."""
    return read_grids(SAMPLE)


@pytest.fixture
def make_grids(sample_source) -> Callable[..., dict[str, Grid]]:
    """The grids of a variant of the sample, laid out in memory: `make_grids(edit)`.

    They are what reading `make_workbook(edit)` would give (tests/test_builder_grids.py proves it),
    about thirty times faster; use make_workbook where writing or reading the file is the point.
    """

    def build(edit: Edit | None = None) -> dict[str, Grid]:
        settings, rows = copy.deepcopy(sample_source)
        if edit:
            edit(settings, rows)
        return workbook_grids(settings, rows)

    return build


# Hypothesis's explain phase re-runs a failing example under a tracer: on these checks that takes
# hours, so a failure would look like a hung CI run instead of a red one.
settings.register_profile("no-explain", phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink])
settings.load_profile("no-explain")


def pytest_configure(config) -> None:
    # Both stay in the default run (and in CI); `-m "not office and not process"` skips them locally.
    config.addinivalue_line("markers", "office: needs LibreOffice (soffice) to convert or compute a file")
    config.addinivalue_line("markers", "process: starts a child process (the CLI or a helper script)")
    config.addinivalue_line("markers", "network: needs the package index; runs only with --run-network")


def row_named(rows: list[dict], name: str) -> dict:
    return next(r for r in rows if r.get("姓名") == name)
