"""The summary's cache (summary_cache): a re-run reads only what changed, and a bad cache is only ever ignored.

Folders of copies of the shipped sample (two branches, one renamed with openpyxl), summarised
in-process with one worker so that the workbooks actually read can be counted.
"""
from __future__ import annotations

import json
import os
import pickle
import shutil
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from conftest import SAMPLE
from dangjian import cli
from dangjian.branches import summary as summary_module
from dangjian.branches import summary_cache
from dangjian.branches.summary import summarise_folder
from dangjian.branches.summary_cache import cache_path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "workbook"))
from build_sample import sample_data  # noqa: E402


def _set_name(path: Path, branch: str, written: str | None = None) -> None:
    book = load_workbook(path)
    for row in book["基本信息"].iter_rows():
        if row[0].value == "党组织名称":
            row[1].value = branch
        if row[0].value == "成文日期" and written:
            row[1].value = written
    book.save(path)


@pytest.fixture(scope="module")
def second(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("source") / "二支部.xlsx"
    shutil.copyfile(SAMPLE, path)
    _set_name(path, "第二党支部", written="2022-01-05")  # a finding (written-date-outside) to keep
    return path


@pytest.fixture
def folder(tmp_path, second) -> Path:
    folder = tmp_path / "各支部"
    folder.mkdir()
    shutil.copyfile(SAMPLE, folder / "一支部.xlsx")
    shutil.copyfile(second, folder / "二支部.xlsx")
    return folder


@pytest.fixture
def reads(monkeypatch) -> list[str]:
    """The workbooks actually read and checked (one worker: in this process)."""
    seen: list[str] = []
    real = summary_module.summarise_file

    def counting(path, folder, period=None):
        seen.append(Path(path).name)
        return real(path, folder, period)
    monkeypatch.setattr(summary_module, "summarise_file", counting)
    return seen


def _run(folder: Path, cache: Path | None, **options):
    return summarise_folder(folder, workers=1, cache=cache, **options)


def test_an_unchanged_folder_is_read_from_the_cache_with_the_same_result(folder, tmp_path, reads):
    cache = cache_path(tmp_path / "汇总.xlsx")
    fresh = _run(folder, cache)
    assert sorted(reads) == ["一支部.xlsx", "二支部.xlsx"] and cache.is_file()
    reads.clear()
    again = _run(folder, cache)
    assert reads == [] and not again.notices
    assert again.branches == fresh.branches  # every figure and finding, and where the file is
    assert any(f.code == "written-date-outside" for b in again.branches for f in b.findings)
    # A --period override is another setting: its results are not the ones kept.
    _run(folder, cache, period="全年")
    assert sorted(reads) == ["一支部.xlsx", "二支部.xlsx"]


def test_a_changed_workbook_is_never_served_from_the_cache(folder, tmp_path, reads):
    cache = cache_path(tmp_path / "汇总.xlsx")
    _run(folder, cache)
    changed = folder / "二支部.xlsx"
    stamp = changed.stat()
    _set_name(changed, "第二党支部（改）")
    os.utime(changed, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))  # same time: the content is what counts
    reads.clear()
    summary = _run(folder, cache)
    assert reads == ["二支部.xlsx"]
    assert sorted(b.branch for b in summary.branches) == ["XX县XX中心党支部", "第二党支部(改)"]
    # Moved into a subfolder unchanged: the same content, found in the cache, listed where it now is.
    (folder / "第一党总支").mkdir()
    (folder / "一支部.xlsx").rename(folder / "第一党总支" / "一支部.xlsx")
    reads.clear()
    summary = _run(folder, cache)
    assert reads == [] and sorted(b.file for b in summary.branches) == ["二支部.xlsx", "第一党总支/一支部.xlsx"]
    assert next(b for b in summary.branches if b.branch == "XX县XX中心党支部").path == (
        folder / "第一党总支" / "一支部.xlsx").resolve()


class _Payload:
    """Unpickling this would create the file `marker`: a pickle-reading cache would run it."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (self.marker,))


def _tampered(cache: Path, tmp_path: Path) -> dict[str, bytes]:
    good = json.loads(cache.read_text(encoding="utf-8"))
    key = next(iter(good["entries"]))
    wrong_type = json.loads(json.dumps(good))
    wrong_type["entries"][key]["full_members"] = "20"
    extra_field = json.loads(json.dumps(good))
    extra_field["entries"][key]["__class__"] = "os.system"
    bad_level = json.loads(json.dumps(good))
    for entry in bad_level["entries"].values():
        for finding in entry["findings"]:
            finding["level"] = "fatal"
    nested = b'{"format": 1, "entries": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    return {
        "garbage": b"\x00\xffnot json at all",
        "pickle": pickle.dumps(_Payload(tmp_path / "executed")),
        "wrong type": json.dumps(wrong_type).encode(),
        "extra field": json.dumps(extra_field).encode(),
        "bad level": json.dumps(bad_level).encode(),
        "nested": nested,
        "truncated": cache.read_bytes()[: cache.stat().st_size // 2],
    }


def test_a_corrupt_or_tampered_cache_is_ignored_with_a_notice_never_run(folder, tmp_path, reads):
    cache = cache_path(tmp_path / "汇总.xlsx")
    expected = _run(folder, cache).branches
    for name, content in _tampered(cache, tmp_path).items():
        cache.write_bytes(content)
        reads.clear()
        summary = _run(folder, cache)
        assert sorted(reads) == ["一支部.xlsx", "二支部.xlsx"], name
        assert summary.branches == expected, name
        assert len(summary.notices) == 1 and "已损坏或不是本程序写的，已忽略" in summary.notices[0], name
        assert not (tmp_path / "executed").exists()
        # The run wrote a good cache again.
        reads.clear()
        assert _run(folder, cache).branches == expected and reads == [], name


def test_another_program_version_reads_every_workbook_again(folder, tmp_path, reads, monkeypatch):
    cache = cache_path(tmp_path / "汇总.xlsx")
    _run(folder, cache)
    monkeypatch.setattr(summary_cache, "program_fingerprint", lambda: "a later version")
    reads.clear()
    summary = _run(folder, cache)
    assert sorted(reads) == ["一支部.xlsx", "二支部.xlsx"] and not summary.notices


def test_a_cache_over_the_bound_is_not_read(folder, tmp_path, reads, monkeypatch):
    cache = cache_path(tmp_path / "汇总.xlsx")
    _run(folder, cache)
    monkeypatch.setattr(summary_cache, "MAX_BYTES", cache.stat().st_size - 1)
    reads.clear()
    summary = _run(folder, cache)
    assert len(reads) == 2 and "已忽略" in summary.notices[0]


def test_the_cache_holds_nothing_personal_nor_where_the_files_are(folder, tmp_path):
    cache = cache_path(tmp_path / "汇总.xlsx")
    _run(folder, cache)
    text = cache.read_text(encoding="utf-8")
    settings, rows = sample_data()
    for member in rows["党员名册"]:
        assert member["身份证号"] not in text and member["联系电话"] not in text
    for payer in rows["党费收缴"]:
        base = payer.get("月计算基数")
        if base:
            assert f"月计算基数{base}" not in text
    assert str(folder) not in text and "一支部.xlsx" not in text


def test_command_writes_the_cache_beside_the_summary_and_no_cache_reads_everything(folder, tmp_path, capsys):
    output = tmp_path / "汇总.xlsx"
    assert cli.main(["summary", str(folder), "-o", str(output)]) == cli.EXIT_OK
    cache = tmp_path / ".汇总.cache.json"
    assert cache.is_file()
    cache.write_text("{", encoding="utf-8")
    assert cli.main(["summary", str(folder), "-o", str(output), "--no-cache"]) == cli.EXIT_OK
    assert cache.read_text(encoding="utf-8") == "{"  # neither read nor written
    assert "提示" not in capsys.readouterr().err
    assert cli.main(["summary", str(folder), "-o", str(output)]) == cli.EXIT_OK
    assert "提示：汇总缓存“.汇总.cache.json”已损坏" in capsys.readouterr().err
    json.loads(cache.read_text(encoding="utf-8"))
