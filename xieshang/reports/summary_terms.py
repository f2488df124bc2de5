"""What each figure of the year's work summary counts: a label and a definition (numerator and
denominator) per key of `committee_figures`, as docs/statistics.md writes them out.

Keys with a variable part (a category, a grade, a unit …) are matched by their first parts:
`by_category.社会建设.submitted` takes the definition of `by_category.*.submitted`.
"""

from xieshang.publishing.stats import FIGURES as DISCLOSURE_FIGURES

TERMS: dict[str, tuple[str, str]] = {
    "submitted": ("提出提案", "统计期内（按次会议统计时为提交给该次会议的）首次提交的提案件数（退回修改后再提交的只计一次）"),
    "accepted": ("立案", "统计期内提出的提案中，最后一次审查决定为立案的件数"),
    "acceptance_rate": ("立案率", "立案件数 ÷ 提出提案件数"),
    "refused": ("不予立案", "最后一次审查决定为不予立案的件数"),
    "converted": ("转其他渠道", "最后一次审查决定为转社情民意、转意见建议或转委员来信的件数"),
    "converted_by_kind.*": ("转其他渠道", "最后一次审查决定为转社情民意、转意见建议或转委员来信的件数，按转去的渠道分"),
    "merged": ("并案", "并入其他提案办理、不单独立案的件数"),
    "withdrawn": ("撤案", "提出者撤回的件数"),
    "pending": ("审查中", "提出提案件数 − 已作出审查决定的件数"),
    "by_kind.*.submitted": ("按提案类型", "大会提案或平时提案的提出件数"),
    "by_proposer_type.*.submitted": ("按提出者", "按提出者类型分的提出件数"),
    "by_category.*.submitted": ("按类别", "按类别分的提出件数（立案的按审查确认的类别）；占比 = 该类件数 ÷ 提出提案件数"),
    "assigned": ("交办", "立案提案中已交承办单位办理的件数"),
    "replied": ("办复", "立案提案中，全部答复单位的答复均经提案委员会审核通过的件数"),
    "reply_rate": ("办复率", "办复件数 ÷ 立案件数"),
    "on_time": ("按期办复", "办复提案中，每个答复单位首次通过审核的答复都在当时的办理期限内的件数"),
    "on_time_rate": ("按期办复率", "按期办复件数 ÷ 办复件数"),
    "late": ("未按期办复", "办复件数 − 按期办复件数"),
    "unreplied": ("尚未办复", "立案件数 − 办复件数"),
    "rehandled": ("重新办理", "因提出者不满意等退回重新办理的提案件数"),
    "result_classes.*.count": ("答复结果", "各答复单位最新一次通过审核的答复中，属该结果类别的件次；占比 = 件次 ÷ 有通过答复的答复单位件次"),
    "replying_units": ("答复件次", "有通过审核答复的答复单位件次（一件提案分办、主办会办时按单位计）"),
    "satisfaction.forms_returned": ("征询意见表", "提出者反馈的征询意见表份数（每位提出者每件提案取最新一份）"),
    "satisfaction.overall.*.count": ("总体评价", "征询意见表中总体评价为该等级的份数"),
    "satisfaction.overall.satisfied_or_basic_rate": ("满意和基本满意率", "（总体满意 + 基本满意）份数 ÷ 征询意见表份数"),
    "satisfaction.result.unsatisfied.count": ("对办理结果不满意", "征询意见表中对办理结果评价为不满意的份数"),
    "key_proposals": ("重点提案", "统计期内经审定的重点提案件数（按主提案所属会议年度）"),
    "key_proposal_detail.proposals_covered": ("重点提案涵盖提案", "重点提案（含并入的提案）所涵盖的提案件数"),
    "key_proposal_detail.supervision_activities": ("督办活动", "围绕重点提案开展的督办活动次数"),
    "key_proposal_detail.instructions": ("领导批示", "重点提案获得的领导批示次数"),
    "excellent_proposals.excellent": ("优秀提案", "经评定的优秀提案件数"),
    # The disclosure figures as the publishing app defines them for its decisions page.
    **{f"disclosure.{key}": term for key, term in DISCLOSURE_FIGURES.items()},
    "opinions.submitted": ("收到社情民意信息", "统计期内首次报送的社情民意信息条数（提案转来的按转来日期计，只计一次）"),
    "opinions.by_source_kind.*": ("按来源", "按来源分的收到条数，各项之和等于收到条数"),
    "opinions.used": ("录用", "收到的信息中被录用的条数"),
    "opinions.use_rate": ("录用率", "录用条数 ÷ 收到条数"),
    "opinions.issues": ("编发期数", "统计期内编发报送的《社情民意》期数"),
    "opinions.adopted": ("被采用", "统计期内有采用记录的信息条数（一条被多处采用只计一次）"),
    "opinions.adoptions": ("采用次数", "统计期内的采用记录数"),
    "opinions.adopted_by_level.*": ("按采用层级", "在该层级有采用记录的信息条数（一条被多个层级采用时各计一次）"),
    "opinions.instructions": ("领导批示", "统计期内录入的领导批示次数"),
    "opinions.transferred": ("转办", "统计期内转有关单位办理的信息条数"),
    "activities.consultation_topics.planned": ("协商计划议题", "统计期内协商计划安排的议题数"),
    "activities.consultation_topics.held": ("已开展议题", "协商计划中已开展的议题数"),
    "activities.consultation_topics.cancelled": ("已取消议题", "协商计划中已取消的议题数"),
    "activities.consultation_topics.open": ("尚未开展议题", "计划议题数 − 已开展 − 已取消"),
    "activities.count": ("履职活动", "统计期内举行的已发布或已结束的活动次数"),
    "activities.participations": ("参加人次", "活动的签到人次"),
    "activities.expected": ("应参加人次", "受邀请或已报名的委员人次"),
    "activities.leave": ("请假人次", "经批准的请假人次"),
    "activities.absence": ("缺席人次", "已结束活动中应参加、既未签到也未获准请假的人次"),
    "activities.by_type.*.count": ("按活动类型", "该类型活动次数"),
    "activities.by_type.*.participations": ("按活动类型的人次", "该类型活动的签到人次"),
    "activities.by_organiser_kind.special_committee.count": ("专委会活动", "由专门委员会组织（含联合组织）的活动次数"),
    "activities.by_organiser_kind.special_committee.participations": ("专委会活动人次", "专门委员会组织的活动的签到人次"),
    "members.seats": ("委员", "本届在统计期内有效的委员席位数"),
    "members.standing": ("常委", "其中常务委员席位数"),
    "members.active": ("年末在任", "年末状态为在任的委员数"),
    "members.talks": ("谈话提醒", "统计期内作出的谈话提醒决定数"),
    "members.persuaded_to_resign": ("劝辞", "统计期内作出的劝辞决定数"),
    "members.revoked": ("撤销委员资格", "统计期内作出的撤销委员资格决定数"),
    "appraisal.appraised": ("参加考评", "统计期内已公布考评结果的委员数"),
    "appraisal.by_grade.*": ("考评等次", "考评结果为该等次的委员数，各等次之和等于参加考评人数"),
    "appraisal.flagged": ("达到提示线", "考评中达到缺席次数或低分提示线的委员数"),
}


def term(key: str) -> tuple[str, str]:
    """Return (label, definition) of a figure key; a key with a variable part matches the
    pattern with `*` in its place."""
    if key in TERMS:
        return TERMS[key]
    parts = key.split(".")
    for i in range(len(parts)):
        pattern = ".".join([*parts[:i], "*", *parts[i + 1:]])
        if pattern in TERMS:
            return TERMS[pattern]
    raise KeyError(key)
