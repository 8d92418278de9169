"""Each 发展党员 row's timeline: every step's date and window, what is next, what was missed.

The windows below are worked out by hand from the 细则 and the default 规则设置 (谈话 within one
month, 积极分子 a year before 发展对象, 审批 within three months, 预备期 one year), judged at the
sample's period end, 2023-12-31.
"""
from __future__ import annotations

from datetime import date as d

from dangjian.api import check_grids
from dangjian.figures.development import ACTIVIST, APPLICANT, CANDIDATE, FULL_MEMBER, PROBATIONER

SHEET = "发展党员"
_KEYS = {"birth": "出生日期", "applied": "递交申请书日期", "talked": "谈话日期", "activist": "确定入党积极分子日期",
         "candidate": "确定发展对象日期", "reviewed": "政治审查日期", "trained": "集中培训日期",
         "admitted": "接收预备党员日期", "approved": "上级党委审批日期", "full_member": "转为正式党员日期",
         "extended": "预备期延长至"}

# name → (the sheet's dates, stage, next step, steps missed, {step: (earliest, latest)} worked out by hand)
PEOPLE = {
    "申请人": (dict(birth=d(1993, 4, 16), applied=d(2023, 12, 20)), APPLICANT, "talked", (),
            {"applied": (d(2011, 4, 16), None), "talked": (d(2023, 12, 20), d(2024, 1, 20))}),
    "未谈话": (dict(applied=d(2023, 10, 31)), APPLICANT, "talked", ("talked",),
            {"talked": (d(2023, 10, 31), d(2023, 11, 30))}),
    "积极分子未满一年": (dict(applied=d(2023, 2, 20), talked=d(2023, 3, 9), activist=d(2023, 5, 9)), ACTIVIST,
                 "candidate", (), {"activist": (d(2023, 3, 9), None), "candidate": (d(2024, 5, 9), None)}),
    "积极分子满一年": (dict(applied=d(2022, 9, 13), talked=d(2022, 9, 28), activist=d(2022, 11, 15)), ACTIVIST,
                "candidate", (), {"candidate": (d(2023, 11, 15), None)}),
    "发展对象待政审": (dict(applied=d(2022, 9, 13), talked=d(2022, 9, 28), activist=d(2022, 11, 15),
                        candidate=d(2023, 12, 1)), CANDIDATE, "reviewed", (),
                 {"reviewed": (d(2023, 12, 1), None), "trained": (d(2023, 12, 1), None)}),
    "发展对象已培训": (dict(applied=d(2022, 3, 15), talked=d(2022, 4, 6), activist=d(2022, 5, 17),
                        candidate=d(2023, 6, 13), reviewed=d(2023, 7, 18), trained=d(2023, 9, 20)), CANDIDATE,
                 "committee_reviewed", (),
                 {"committee_reviewed": (d(2023, 9, 20), None), "pre_reviewed": (d(2023, 9, 20), None),
                  "admitted": (d(2023, 9, 20), None)}),
    "预备期中": (dict(applied=d(2021, 9, 10), talked=d(2021, 9, 28), activist=d(2021, 11, 16),
                   candidate=d(2022, 12, 13), reviewed=d(2023, 1, 10), trained=d(2023, 3, 20),
                   admitted=d(2023, 5, 23), approved=d(2023, 6, 20)), PROBATIONER, "full_member", (),
             {"approved": (d(2023, 5, 23), d(2023, 8, 23)), "full_member": (d(2024, 5, 23), d(2024, 5, 23))}),
    "预备期满": (dict(applied=d(2020, 9, 10), activist=d(2020, 11, 16), candidate=d(2021, 12, 13),
                   reviewed=d(2022, 1, 10), trained=d(2022, 3, 20), admitted=d(2022, 11, 21),
                   approved=d(2022, 12, 12)), PROBATIONER, "full_member", ("talked", "full_member"),
             {"full_member": (d(2023, 11, 21), d(2023, 11, 21))}),
    "延长预备期": (dict(applied=d(2020, 3, 2), talked=d(2020, 3, 20), activist=d(2020, 5, 8), candidate=d(2021, 6, 1),
                     reviewed=d(2021, 7, 1), trained=d(2021, 8, 1), admitted=d(2022, 5, 10), approved=d(2022, 7, 1),
                     extended=d(2023, 11, 10), full_member=d(2023, 11, 10)), FULL_MEMBER, None, (),
              {"full_member": (d(2023, 11, 10), d(2023, 11, 10))}),
    "已转正": (dict(applied=d(2020, 9, 10), talked=d(2020, 9, 28), activist=d(2020, 11, 16), candidate=d(2021, 12, 13),
                  reviewed=d(2022, 1, 10), trained=d(2022, 3, 20), admitted=d(2022, 5, 23), approved=d(2022, 9, 20),
                  full_member=d(2023, 5, 23)), FULL_MEMBER, None, ("approved",),
            {"approved": (d(2022, 5, 23), d(2022, 8, 23)), "full_member": (d(2023, 5, 23), d(2023, 5, 23))}),
}


def _people(settings, rows):
    rows[SHEET] = [{"姓名": name, **{_KEYS[k]: v for k, v in dates.items()}}
                   for name, (dates, *_) in PEOPLE.items()]


def test_each_persons_timeline_is_the_one_worked_out_by_hand(make_grids):
    timelines = {t.person["name"]: t for t in check_grids(make_grids(_people)).figures.timelines}
    assert list(timelines) == list(PEOPLE)
    for name, (dates, stage, next_key, missed, windows) in PEOPLE.items():
        timeline = timelines[name]
        assert timeline.stage == stage, name
        assert (timeline.next_step.key if timeline.next_step else None) == next_key, name
        assert tuple(s.key for s in timeline.missed) == missed, name
        for key, window in windows.items():
            step = timeline.step(key)
            assert (step.earliest, step.latest) == window, (name, key)
            assert step.taken == dates.get(key), (name, key)


def test_an_unreadable_date_is_never_missed(make_grids):
    def unreadable(settings, rows):
        rows[SHEET] = [{"姓名": "未谈话", "递交申请书日期": d(2023, 10, 31), "谈话日期": "十一月某日"}]

    (timeline,) = check_grids(make_grids(unreadable)).figures.timelines
    assert not timeline.step("talked").known and timeline.missed == ()
