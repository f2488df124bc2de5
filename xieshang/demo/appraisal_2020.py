"""Step: the 2020 appraisal under the base-85 preset as edited by the committee, published in
December, and the two decisions it supports, through `xieshang.appraisal.services` under
`clock.at`.

- The member liaison office starts from the preset 《基础分考评办法（合肥式）》 for 2020; the
  chair's meeting adds a removal rule (five unexcused absences in a year), saved as version 2.
  The office computes the scores on 28 December after the last standing-committee meeting and
  publishes.
- The two members with recorded absences (see `activities_2020.absence_members`) reach the
  rules' absence thresholds: A (absent without leave from three standing-committee meetings)
  is persuaded to resign (劝辞); B (five unexcused absences in the year) has his membership
  revoked (撤销委员资格). Both decisions are taken by the standing committee on 30 December
  with the appraisal's flags as evidence; nothing is counted by hand here.
"""

from datetime import date, datetime

from xieshang.appraisal import services
from xieshang.appraisal.models import Result
from xieshang.appraisal.presets import preset
from xieshang.core import clock

from .activities_2020 import absence_members
from .context import DemoContext

YEAR = 2020
MEETING = "市政协五届第十六次常委会议"


def _flag(result: Result, key: str) -> dict:
    found = next((f for f in result.flags if f["key"] == key), None)
    if found is None:
        raise RuntimeError(f"{result.member.name}未达到考评办法中的「{key}」缺勤处理标准。")
    return found


def load(ctx: DemoContext) -> None:
    office = ctx.users["demo-liaison"]
    with clock.at(datetime(2020, 12, 21, 9, 30)):
        services.rule_set_create(actor=office, year=YEAR, preset_key="base85")
    with clock.at(datetime(2020, 12, 22, 15, 0)):
        # The chair's meeting adds its own removal rule to the preset (version 2).
        edited = preset("base85")
        edited["name"] = "示例市政协委员履职考评办法（基础分制）"
        edited["absence_thresholds"].append({
            "key": "any_year", "label": "全年累计无故缺席会议和活动5次",
            "kinds": ["plenary", "standing", "special_committee", "training", "other"],
            "scope": "year", "count": 5, "standing_only": False, "action": "revoke"})
        rules = services.rule_set_create(
            actor=office, year=YEAR, rules=edited,
            note="主席会议决定：全年累计无故缺席会议和活动5次的，提请常委会议撤销其委员资格")
    with clock.at(datetime(2020, 12, 28, 10, 0)):
        appraisal = services.appraisal_compute(actor=office, year=YEAR,
                                               rule_set_id=rules.pk)
    with clock.at(datetime(2020, 12, 28, 16, 0)):
        services.appraisal_publish(actor=office, appraisal_id=appraisal.pk)
    a, b = absence_members(ctx)
    results = {r.member_id: r for r in appraisal.results.select_related("member")}
    persuade = _flag(results[a.member.pk], "standing_year")
    revoke = _flag(results[b.member.pk], "any_year")
    with clock.at(datetime(2020, 12, 30, 16, 0)):
        services.decision_record(
            actor=office, member_id=a.member.pk, kind="persuade", decided_on=date(2020, 12, 30),
            meeting=MEETING, appraisal_id=appraisal.pk,
            reason=f"{persuade['label']}（{persuade['count']}次），依照《委员履职考评办法》劝辞。")
        services.decision_record(
            actor=office, member_id=b.member.pk, kind="revoke", decided_on=date(2020, 12, 30),
            meeting=MEETING, appraisal_id=appraisal.pk,
            reason=f"{revoke['label']}（{revoke['count']}次），经常委会议决定撤销其委员资格。")
    grades = {}
    for r in results.values():
        grades[r.grade_label] = grades.get(r.grade_label, 0) + 1
    ctx.summary["appraisal_2020"] = {"appraised": len(results), "grades": grades,
                                     "persuaded": a.member.code, "revoked": b.member.code}
    ctx.log(f"2020年度履职考评：按《{rules.name}》评定{len(results)}位委员（"
            + "、".join(f"{k}{v}人" for k, v in grades.items()) + "）；"
            f"劝辞{a.name}（{a.member.code}），撤销{b.name}（{b.member.code}）委员资格")
