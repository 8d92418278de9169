"""党员队伍结构统计 (issue 25): a 60-member roll with known answers, from the workbook file.

Every band edge (the 年报's age on 31 December: born on 1 January vs on 31 December of the year
before; the 入党时间 bands on both sides of 1949-10-01 and the 十九大), joins, moves, a death, an
expulsion, and each outcome of a 预备期 (on time, after an extension, extended, undecided). The
expected tables are counted by hand from the rows below, not by the code under test.
"""
from __future__ import annotations

import copy
import json
import re
from dataclasses import replace
from datetime import date

import docx
import pytest

from conftest import SAMPLE
from dangjian import api, cli
from dangjian.documents.builder import build_workbook, workbook_grids
from dangjian.read.records import read_ledger
from dangjian.figures.statistics import party_statistics
from dangjian.figures.roll import build_roll

YEAR = 2023
DAY = date(YEAR, 12, 31)
DEFAULT = {
    "性别": "男", "民族": "汉族", "出生日期": date(1980, 6, 15), "学历": "大学本科", "党员类别": "正式党员",
    "入党日期": date(2005, 6, 1), "转正日期": date(2006, 6, 1), "党费类别": "在职", "岗位": "事业单位专业技术人员",
}
EDGE_AGES = (30, 31, 35, 36, 40, 41, 45, 46, 50, 51, 55, 56, 60, 61, 65, 66, 70, 71)


def _born_aged(age: int) -> date:
    """Born so that on 31 December YEAR the member is `age`: the 1 January birthday of the band's
    oldest has passed long ago, the 31 December birthday of the next band's youngest falls on the day."""
    low = age in (30, 35, 40, 45, 50, 55, 60, 65, 70)
    return date(YEAR - age, 1, 1) if low else date(YEAR - age, 12, 31)


def _roll() -> list[dict]:
    rows: list[dict] = []

    def add(name: str, **fields) -> None:
        rows.append({**DEFAULT, "姓名": name, **fields})

    for age in EDGE_AGES:
        add(f"年龄{age}", 出生日期=_born_aged(age), 岗位="离退休人员" if age >= 66 else DEFAULT["岗位"])
    add("无生日", 出生日期=None)
    add("入党甲", 入党日期=date(1937, 7, 6), 转正日期=date(1938, 7, 6), 出生日期=date(1915, 1, 1), 岗位="离退休人员")
    add("入党乙", 入党日期=date(1949, 9, 30), 转正日期=date(1950, 9, 30), 出生日期=date(1930, 1, 1), 岗位="离退休人员")
    add("入党丙", 入党日期=date(1949, 10, 1), 转正日期=date(1950, 10, 1), 出生日期=date(1930, 1, 1), 岗位="离退休人员")
    add("入党丁", 入党日期=date(2017, 10, 17), 转正日期=date(2018, 10, 17))
    add("入党戊", 入党日期=date(2017, 10, 18), 转正日期=date(2018, 10, 18))
    add("入党己", 入党日期=date(2022, 10, 16), 转正日期=date(2023, 10, 16))  # 按期转正
    add("发展一", 党员类别="预备党员", 入党日期=date(2023, 3, 1), 转正日期=None, 出生日期=date(2000, 5, 5), 岗位="学生")
    add("发展二", 党员类别="预备党员", 入党日期=date(2023, 12, 31), 转正日期=None, 出生日期=date(2001, 12, 31), 岗位="学生")
    add("转入一", 入党日期=date(2010, 1, 1), 转正日期=date(2011, 1, 1), 转入日期=date(2023, 5, 1))
    add("转入二", 入党日期=date(2012, 11, 1), 转正日期=date(2013, 11, 1), 转入日期=date(2023, 1, 1))
    add("转出一", 转出日期=date(2023, 6, 30))  # 减少原因 blank: 转出
    add("转出二", 转出日期=date(2023, 1, 1), 减少原因="转出")  # on the roll on 31 December 2022
    add("去世", 转出日期=date(2023, 8, 8), 减少原因="死亡")
    add("出党", 转出日期=date(2023, 9, 9), 减少原因="出党")
    add("明年转出", 转出日期=date(2024, 1, 1))  # still on the roll on the day
    add("去年转出", 转出日期=date(2022, 12, 31))  # off the roll before the year began
    add("按期", 入党日期=date(2022, 3, 1), 转正日期=date(2023, 3, 2))
    add("延长中", 党员类别="预备党员", 入党日期=date(2022, 5, 10), 转正日期=None, 预备期延长至=date(2024, 5, 10))
    add("延长后", 入党日期=date(2022, 1, 15), 转正日期=date(2023, 7, 20), 预备期延长至=date(2023, 7, 15))
    add("未讨论", 党员类别="预备党员", 入党日期=date(2022, 11, 20), 转正日期=None)
    for i, education in enumerate(("研究生", "硕士研究生", "本科", "大专", "中专", "高中", "初中", "MBA", None), start=1):
        add(f"学历{i}", 学历=education, 性别="女", 岗位="企业管理人员")
    for i, ethnicity in enumerate(("回", "维吾尔族", "火星族", None, "蒙古族"), start=1):
        add(f"民族{i}", 民族=ethnicity, 岗位="农牧渔民")
    add("空白", 性别=None, 岗位=None)
    for i in range(1, 7):
        add(f"女党员{i}", 性别="女")
    return rows


EXPECTED = {
    "性别": {"男": 39, "女": 15, "未填写": 1},
    "民族": {"汉族": 50, "少数民族": 3, "未填写": 2},
    "党员类别": {"正式党员": 51, "预备党员": 4, "未填写": 0},
    "年龄": {"30岁及以下": 3, "31至35岁": 2, "36至40岁": 2, "41至45岁": 33, "46至50岁": 2, "51至55岁": 2,
           "56至60岁": 2, "61至65岁": 2, "66至70岁": 2, "71岁及以上": 4, "未填写": 1},
    "学历": {"研究生": 2, "大学本科": 47, "大学专科": 1, "中专": 1, "高中、中技": 1, "初中及以下": 1, "未填写": 2},
    "入党时间": {"1937.7.6及以前": 1, "1937.7.7至1945.9.2": 0, "1945.9.3至1949.9": 1, "1949.10至1966.4": 1,
             "1966.5至1976.10": 0, "1976.11至1978.12": 0, "1979.1至2002.10": 0, "2002.11至2012.10": 42,
             "2012.11至2017.10.17": 2, "2017.10.18至2022.10.15": 4, "2022.10.16及以后": 4, "未填写": 0},
    "岗位": {"党政机关工作人员": 0, "事业单位管理人员": 0, "事业单位专业技术人员": 32, "企业管理人员": 9,
           "企业专业技术人员": 0, "工勤技能人员": 0, "农牧渔民": 5, "军人武警": 0, "学生": 2, "离退休人员": 6,
           "其他": 0, "未填写": 1},
    "党员数量变化": {"上年底党员数": 55, "发展党员": 2, "转入": 2, "转出": 2, "死亡": 1, "出党": 1, "停止党籍": 0,
               "现有党员数": 55},
    "预备党员转正": {"预备期满": 5, "按期转正": 2, "延长预备期后转正": 1, "延长预备期": 1, "尚未讨论或审批": 1},
    # 表16: 发展一 (23) and 发展二 (22 on the day they joined, 31 December).
    "发展党员年龄": {"25岁及以下": 2, "26至30岁": 0, "31至35岁": 0, "36至40岁": 0, "41至59岁": 0, "60岁及以上": 0,
               "未填写": 0},
    "发展党员学历": {"研究生": 0, "大学本科": 2, "大学专科": 0, "中专": 0, "高中、中技": 0, "初中及以下": 0, "未填写": 0},
}
MEMBERS_ON_DAY = 55


@pytest.fixture(scope="module")
def roll_book(tmp_path_factory, sample_source):
    settings, _ = copy.deepcopy(sample_source)
    settings["报告期间"] = "全年"
    path = tmp_path_factory.mktemp("stats") / "六十人台账.xlsx"
    build_workbook(path, settings=settings, rows={"党员名册": _roll()})
    return path


@pytest.fixture(scope="module")
def roll_json(roll_book) -> dict:
    # The workbook has no meetings or dues: errors the statistics do not depend on, hence --force.
    return _cli_json(["stats", str(roll_book), "--format", "json", "--force"])


def _cli_json(argv: list[str]) -> dict:
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        assert cli.main(argv) == 0
    return json.loads(out.getvalue())


def test_errors_stop_the_statistics_unless_forced(roll_book, capsys):
    assert cli.main(["stats", str(roll_book), "--format", "json"]) == cli.EXIT_DATA_ERRORS
    captured = capsys.readouterr()
    assert captured.out == "" and "请改正后再生成党员队伍结构统计表（或加 --force 强制生成）" in captured.err


def test_sixty_member_roll_gives_the_counted_tables(roll_json):
    assert len(_roll()) == 60
    assert roll_json == {"date": "2023-12-31", "tables": EXPECTED}
    # The JSON's shape: table name → {row label: whole number}, in the 年报's order.
    assert all(isinstance(count, int) for rows in roll_json["tables"].values() for count in rows.values())
    assert list(roll_json["tables"]["年龄"])[0] == "30岁及以下"


def test_every_table_adds_up_to_the_members_on_the_day(roll_json):
    tables = roll_json["tables"]
    for name in ("性别", "民族", "党员类别", "年龄", "学历", "入党时间", "岗位"):
        assert sum(tables[name].values()) == MEMBERS_ON_DAY, name
    change = tables["党员数量变化"]
    gained = change["发展党员"] + change["转入"]
    lost = change["转出"] + change["死亡"] + change["出党"] + change["停止党籍"]
    assert change["上年底党员数"] + gained - lost == change["现有党员数"] == MEMBERS_ON_DAY
    assert sum(tables["发展党员年龄"].values()) == sum(tables["发展党员学历"].values()) == change["发展党员"]
    due = tables["预备党员转正"]
    assert due["预备期满"] == sum(count for label, count in due.items() if label != "预备期满")


def test_values_outside_the_categories_are_said_at_their_cells(roll_book):
    checked = api.check_workbook(roll_book)
    found = {(f.code, f.level.value, f.address) for f in checked.report.findings
             if f.code.startswith(("education-", "ethnicity-"))}
    line = {row["姓名"]: i for i, row in enumerate(_roll(), start=2)}
    assert found == {
        ("education-synonym", "info", f"党员名册!F{line['学历3']}"),
        ("education-synonym", "info", f"党员名册!F{line['学历4']}"),
        ("education-unknown", "warning", f"党员名册!F{line['学历8']}"),
        ("ethnicity-synonym", "info", f"党员名册!D{line['民族1']}"),
        ("ethnicity-unknown", "warning", f"党员名册!D{line['民族3']}"),
    }
    messages = {f.address: f.message for f in checked.report.findings}
    assert "按“大学本科”统计" in messages[f"党员名册!F{line['学历3']}"]
    assert "按“回族”统计" in messages[f"党员名册!D{line['民族1']}"]


def test_an_earlier_date_counts_the_roll_of_that_day(roll_book):
    data = _cli_json(["stats", str(roll_book), "--format", "json", "--force", "--date", "2023-06-30"])
    assert data["date"] == "2023-06-30"
    change = data["tables"]["党员数量变化"]
    # By 30 June: 发展一, 转入一 and 转入二 came; 转出二 left (1 January) and 转出一 on the day.
    assert (change["发展党员"], change["转入"], change["转出"], change["死亡"], change["出党"]) == (1, 2, 2, 0, 0)
    assert change["现有党员数"] == 55 + 3 - 2 == sum(data["tables"]["性别"].values())
    # The 预备期 due by then: 按期 (1 March) and 延长中 (extended on 10 May); 延长后 is still extended.
    assert data["tables"]["预备党员转正"] == {"预备期满": 3, "按期转正": 1, "延长预备期后转正": 0, "延长预备期": 2,
                                          "尚未讨论或审批": 0}


def test_the_printable_workbook_holds_the_same_tables(roll_book, roll_json, tmp_path):
    from openpyxl import load_workbook

    before = roll_book.read_bytes()
    run = api.stats_workbook(roll_book, output=tmp_path / "统计.xlsx", force=True)
    assert run.written == tmp_path / "统计.xlsx" and roll_book.read_bytes() == before
    sheet = load_workbook(run.written).active
    values = [tuple(c.value for c in row[:2]) for row in sheet.iter_rows()]
    for name, rows in roll_json["tables"].items():
        start = values.index((name, None))
        assert values[start + 1] == ("项目", "人数")
        assert values[start + 2:start + 2 + len(rows)] == list(rows.items())
    assert ("合计", MEMBERS_ON_DAY) in values
    text = " ".join(str(v) for row in values for v in row if v is not None)
    assert "年龄01" not in text and not re.search(r"\d{17}[\dX]", text)  # counts only, no names or numbers
    with pytest.raises(api.OutputRefused):
        api.stats_workbook(roll_book, output=roll_book, force=True)


def test_each_total_line_states_the_figures_count_of_people_not_a_sum_of_its_own(roll_book, tmp_path):
    from openpyxl import load_workbook

    from dangjian.documents.stats_book import format_tables, write_stats

    statistics = api.stats_workbook(roll_book, force=True).statistics
    assert statistics.totals["性别"] == statistics.members == MEMBERS_ON_DAY
    assert all(sum(statistics.tables[name].values()) == total for name, total in statistics.totals.items())
    # A writer that summed its rows would not show a total the figures did not give.
    marked = replace(statistics, totals={**statistics.totals, "性别": 9999})
    sheet = load_workbook(write_stats(marked, branch="某党支部", output=tmp_path / "统计.xlsx")).active
    values = [tuple(c.value for c in row[:2]) for row in sheet.iter_rows()]
    assert values[values.index(("性别", None)) + 2 + len(statistics.tables["性别"])] == ("合计", 9999)
    assert "合计：9999" in format_tables(marked, branch="某党支部")


def _ledger(members: list[dict], **rules):
    settings = {"单位名称": "某单位", "党组织名称": "某党支部", "报告年度": YEAR, "报告期间": "全年", "党支部书记": "甲",
                **rules}
    ledger, _ = read_ledger(workbook_grids(settings, {"党员名册": members}))
    return ledger


def _statistics(ledger, day=DAY):
    return party_statistics(ledger, build_roll(ledger.members, YEAR), day)


def test_change_that_does_not_add_up_names_the_rows():
    from dangjian.rules.statistics import check_change
    from dangjian.figures import compute_figures
    from dangjian.period import report_period

    members = [{**DEFAULT, "姓名": "甲"},
               {**DEFAULT, "姓名": "乙", "转入日期": date(2023, 2, 1), "转出日期": date(2022, 12, 1)}]
    ledger = _ledger(members)
    figures = compute_figures(ledger, report_period(ledger))
    assert not figures.statistics.balanced
    (finding,) = check_change(ledger, figures)
    assert finding.code == "membership-change-unbalanced" and finding.address == "党员名册!Q3"
    assert "第3行乙" in finding.message
    fine = _ledger(members[:1])
    assert list(check_change(fine, compute_figures(fine, report_period(fine)))) == []


def test_bands_are_settings_a_new_edition_changes():
    members = [{**DEFAULT, "姓名": "甲", "出生日期": date(1955, 1, 1)}, {**DEFAULT, "姓名": "乙", "出生日期": date(1990, 7, 1)}]
    ledger = _ledger(members, **{"统计年龄分段（岁）": "35、60", "统计入党时间分段": "1949-10-01、2012-11-01"})
    tables = _statistics(ledger).tables
    assert tables["年龄"] == {"35岁及以下": 1, "36至60岁": 0, "61岁及以上": 1, "未填写": 0}
    assert tables["入党时间"] == {"1949.9及以前": 0, "1949.10至2012.10": 2, "2012.11及以后": 0, "未填写": 0}


def test_an_unreadable_band_setting_is_said_and_its_table_left_out():
    from dangjian.rules.statistics import check_bands

    ledger = _ledger([{**DEFAULT, "姓名": "甲"}], **{"统计年龄分段（岁）": "三十、四十"})
    statistics = _statistics(ledger)
    assert "年龄" not in statistics.tables and "入党时间" in statistics.tables
    (finding,) = check_bands(ledger, None)
    assert finding.code == "stats-bands-invalid" and finding.address == ledger.rules.cell("age_bands")
    # A cell of thousands of dates would print a table of thousands of rows: bounded, and said.
    many = "、".join(f"{year}-01-01" for year in range(1900, 2000))
    crowded = _ledger([{**DEFAULT, "姓名": "甲"}], **{"统计入党时间分段": many})
    assert "入党时间" not in _statistics(crowded).tables
    assert "最多分30段" in next(iter(check_bands(crowded, None))).message


def test_a_roll_without_the_new_columns_still_counts():
    """An old workbook: no 岗位 and no 减少原因 column. Every member is 岗位 未填写, every leaver 转出."""
    members = [{**DEFAULT, "姓名": "甲"}, {**DEFAULT, "姓名": "乙", "转出日期": date(2023, 5, 1)}]
    grids = workbook_grids({"单位名称": "某单位", "党组织名称": "某党支部", "报告年度": YEAR, "报告期间": "全年",
                            "党支部书记": "甲"}, {"党员名册": members})
    roll = grids["党员名册"]
    keep = [i for i, header in enumerate(roll.rows[0]) if header not in ("岗位", "减少原因")]
    grids["党员名册"] = replace(roll, rows=tuple(tuple(row[i] for i in keep) for row in roll.rows))
    ledger, findings = read_ledger(grids)
    assert not [f for f in findings if f.code == "missing-column"]
    tables = _statistics(ledger).tables
    assert tables["岗位"]["未填写"] == 1 and sum(tables["岗位"].values()) == 1
    assert tables["党员数量变化"]["转出"] == 1


def test_stats_on_the_sample_agrees_with_the_report(tmp_path):
    """The cross-document test: the report's 党员队伍基本情况 states the figures `stats` counts."""
    data = _cli_json(["stats", str(SAMPLE), "--format", "json"])
    tables = data["tables"]
    report = api.report_workbook(SAMPLE, output=tmp_path / "报告.docx").written
    (paragraph,) = [p.text for p in docx.Document(report).paragraphs if p.text.startswith("截至")]
    numbers = dict(re.findall(r"(共有党员|正式党员|预备党员|女党员|少数民族党员|大专及以上学历党员|发展党员)(\d+)名", paragraph))
    education = tables["学历"]
    assert {key: int(value) for key, value in numbers.items()} == {
        "共有党员": sum(tables["性别"].values()),
        "正式党员": tables["党员类别"]["正式党员"],
        "预备党员": tables["党员类别"]["预备党员"],
        "女党员": tables["性别"]["女"],
        "少数民族党员": tables["民族"]["少数民族"],
        "大专及以上学历党员": education["研究生"] + education["大学本科"] + education["大学专科"],
        "发展党员": tables["党员数量变化"]["发展党员"],
    }
    assert data["date"] == "2023-12-31" and sum(tables["性别"].values()) == 20
    assert paragraph.startswith("截至2023年12月31日")


def test_excel_button_writes_the_statistics_beside_the_workbook(tmp_path):
    import macros
    from openpyxl import load_workbook
    from xlwings_standin import FakeBook

    book = FakeBook.from_xlsx(SAMPLE, fullname=str(tmp_path / SAMPLE.name))
    opened = []
    written = macros.run_stats(book, open_document=opened.append)
    assert written == tmp_path / "XX县XX中心党支部党员队伍结构统计（2023-12-31）.xlsx"
    assert opened == [written] and [a["mode"] for a in book.app.alerts] == ["info"]
    cli_file = api.stats_workbook(SAMPLE, output=tmp_path / "cli.xlsx").written
    assert [[c.value for c in row] for row in load_workbook(written).active.iter_rows()] == \
        [[c.value for c in row] for row in load_workbook(cli_file).active.iter_rows()]


def test_summary_sums_the_branch_tables_exactly(tmp_path, sample_source):
    """Three branches of different make-up: the 党委's 党员队伍结构 is their tables added row by row."""
    import zipfile

    from openpyxl import load_workbook

    from dangjian.branches.summary import summarise_folder
    from dangjian.branches.summary_book import STATISTICS_SHEET, write_summary

    def branch(name: str, edit) -> None:
        settings, rows = copy.deepcopy(sample_source)
        settings["党组织名称"] = name
        edit(rows["党员名册"])
        build_workbook(tmp_path / f"{name}.xlsx", settings=settings, rows=rows)

    def retire_two(roll):
        for row in roll[:2]:
            row["岗位"], row["学历"] = "离退休人员", "中专"

    def drop_birth_dates(roll):
        for row in roll[-3:]:
            row["出生日期"], row["身份证号"] = None, None

    branch("第一党支部", lambda roll: None)
    branch("第二党支部", retire_two)
    branch("第三党支部", drop_birth_dates)
    each = [api.stats_workbook(tmp_path / f"{name}.xlsx", force=True).statistics.to_dict()["tables"]
            for name in ("第一党支部", "第二党支部", "第三党支部")]
    expected = {name: {label: sum(t[name][label] for t in each) for label in rows} for name, rows in each[0].items()}
    assert each[0] != each[1] != each[2]  # the three differ, so a sum taken from one would show

    summary = summarise_folder(tmp_path, workers=1)
    assert summary.statistics() == expected
    assert summary.statistics_totals()["性别"] == 60 and summary.statistics_totals()["年龄"] == 60
    path = write_summary(summary, tmp_path / "汇总.xlsx")
    sheet = load_workbook(path)[STATISTICS_SHEET]
    values = [tuple(c.value for c in row[:2]) for row in sheet.iter_rows()]
    for name, rows in expected.items():
        start = values.index((name, None))
        assert values[start + 2:start + 2 + len(rows)] == list(rows.items()), name
    assert ("合计", 60) in values and expected["年龄"]["未填写"] == 3
    with zipfile.ZipFile(path) as archive:
        charts = [archive.read(n).decode() for n in archive.namelist() if n.startswith("xl/charts/chart")]
    assert sum("党员年龄结构" in c for c in charts) == 1 and sum("党员学历结构" in c for c in charts) == 1


def test_a_leave_reason_without_its_date_is_said_at_its_cell():
    from dangjian.figures import compute_figures
    from dangjian.period import report_period
    from dangjian.rules.statistics import check_leave_reasons

    ledger = _ledger([{**DEFAULT, "姓名": "甲", "减少原因": "死亡"},
                      {**DEFAULT, "姓名": "乙", "减少原因": "死亡", "转出日期": date(2023, 3, 1)}])
    figures = compute_figures(ledger, report_period(ledger))
    (finding,) = check_leave_reasons(ledger, figures)
    assert (finding.code, finding.address) == ("leave-reason-without-date", ledger.members[0].cell("leave_reason"))
    assert figures.statistics.members == 1 and figures.statistics.table("党员数量变化")["死亡"] == 1
