"""Hints on a proposal draft: 有情况、有分析、有具体的建议, and a 案由 that matches the body."""

from xieshang.textintel.draft_hints import draft_hints

TITLE = "关于加快老旧小区改造的建议"
REASONS = (
    "我市2000年以前建成的老旧小区有300余个，涉及居民8万余户。这些小区普遍存在设施老化、管网破损、"
    "加装电梯难、停车位严重不足等问题，群众反映强烈。究其原因，一是改造资金来源单一，主要依靠"
    "财政投入；二是居民意见难以统一，加装电梯等项目推进缓慢；三是改造后缺乏长效管理，部分小区"
    "改造后不久又出现脏乱差现象。2020年全市完成改造仅45个，与群众期盼差距较大。"
)
SUGGESTIONS = (
    "一是统筹中央和地方资金，设立老旧小区改造专项，引导社会资本参与；"
    "二是完善加装电梯政策，简化审批流程，由街道牵头协调居民意见；"
    "三是建立长效管理机制，改造完成后引入专业物业服务或实行居民自治管理。"
)


def codes(title=TITLE, reasons=REASONS, suggestions=SUGGESTIONS):
    return [h.code for h in draft_hints(title, reasons, suggestions)]


def test_a_complete_draft_gets_no_hints():
    assert codes() == []


def test_an_empty_draft_gets_none_yet():
    assert codes(reasons="", suggestions="") == []


def test_missing_or_thin_parts_are_named():
    assert codes(suggestions="") == ["no_suggestions"]
    assert codes(reasons="") == ["no_reasons"]
    [hint] = draft_hints(TITLE, "老旧小区问题很多，群众反映强烈。", SUGGESTIONS)
    assert hint.code == "short_reasons" and hint.field == "reasons" and "（16字）" in hint.message


def test_unnumbered_long_suggestions_are_asked_to_be_itemised():
    prose = SUGGESTIONS.replace("一是", "").replace("二是", "").replace("三是", "")
    prose = prose.replace("；", "。")
    assert codes(suggestions=prose) == ["not_itemised"]
    # One short suggestion needs no numbering.
    assert codes(suggestions="建议设立老旧小区改造专项资金，由市住建局牵头实施。") == []


def test_a_point_that_names_a_wish_and_not_a_measure_is_flagged():
    hints = draft_hints(TITLE, REASONS, "1. 加大投入。\n2. 完善加装电梯政策，简化审批流程，由街道牵头协调。\n"
                                        "3. 高度重视。")
    assert [(h.code, h.message[:3]) for h in hints] == [("vague_point", "第1点"),
                                                        ("vague_point", "第3点")]
    assert "“加大投入”" in hints[0].message


def test_a_title_the_body_does_not_bear_out_is_flagged():
    [hint] = draft_hints("关于发展夜间经济的建议", REASONS, SUGGESTIONS)
    assert hint.code == "title_off" and hint.field == "title"
    assert "夜间" in hint.message and "经济" in hint.message
    # Words that name no subject (加快, 进一步 …) need not recur; a rewording of the body is fine.
    assert codes(title="关于进一步加快推进老旧小区改造工作的建议") == []


def test_traditional_and_pasted_text_is_read_as_cleaned():
    assert codes(title="關於加快老舊小區改造的建議", reasons=f"<p>{REASONS}</p>") == []


ITEM_TITLE = "关于山区村组饮水设施老化的情况反映"
SITUATION = (
    "近期走访发现，我县北部山区12个村组的饮水设施建于上世纪九十年代，管网老化破损严重，"
    "今年入夏以来已发生停水事件9起，涉及群众3000余人，部分群众需到两公里外取水，反映强烈。"
    "村里多次向乡镇反映，但因资金和管护责任不明，至今未能彻底解决。"
)
ANALYSIS = "一是建设标准低、管护责任不明；二是维修资金没有稳定来源。"
ITEM_SUGGESTIONS = "一是将山区饮水设施改造纳入明年民生实事；二是明确县水务部门和乡镇的管护责任。"


def item_codes(title=ITEM_TITLE, situation=SITUATION, analysis=ANALYSIS,
               suggestions=ITEM_SUGGESTIONS, **kwargs):
    from xieshang.textintel.draft_hints import item_hints

    return [h.code for h in item_hints(title, situation, analysis, suggestions, **kwargs)]


def test_a_complete_item_gets_no_hints():
    assert item_codes() == []
    assert item_codes(situation="", analysis="", suggestions="") == []


def test_an_item_without_analysis_or_suggestions_is_told_what_it_lacks():
    assert item_codes(analysis="", suggestions="") == ["no_analysis", "no_suggestions"]
    assert item_codes(situation="饮水设施老化。") == ["short_situation"]


def test_an_item_beyond_the_usual_length_is_asked_to_be_concise():
    assert item_codes(situation=SITUATION * 14) == ["too_long"]
    assert item_codes(situation=SITUATION * 14, recommended=5000) == []


def test_an_items_title_the_body_does_not_bear_out_is_flagged():
    assert item_codes(title="关于校外培训机构收费乱象的情况反映") == ["title_off"]


def edit_codes(title=ITEM_TITLE, text=f"{SITUATION}\n{ANALYSIS}\n{ITEM_SUGGESTIONS}", **kwargs):
    from xieshang.textintel.draft_hints import edited_item_hints

    return [h.code for h in edited_item_hints(title, text, **kwargs)]


def test_an_edited_version_is_checked_for_its_title_and_length_only():
    assert edit_codes() == []
    assert edit_codes(text="") == []
    # An edited body is one text: its parts are not asked for separately.
    assert edit_codes(text=SITUATION) == []
    assert edit_codes(title="关于校外培训机构收费乱象的情况反映") == ["title_off"]
    assert edit_codes(text=SITUATION * 14) == ["too_long"]
    assert edit_codes(text=SITUATION * 14, recommended=5000) == []


def test_the_length_of_an_edited_version_counts_characters_not_line_breaks():
    from xieshang.textintel.draft_hints import edited_item_hints

    title = "关于山区饮水设施老化的情况反映"
    line = "山区饮水设施老化，" * 10  # 90 characters
    assert edited_item_hints(title, "\n\n".join([line] * 16)) == []  # 1,440 characters
    [hint] = edited_item_hints(title, "\n\n".join([line] * 17))  # 1,530
    assert hint.code == "too_long" and "（1530字）" in hint.message
