from datetime import datetime, timedelta

from xieshang.textintel.topics import Item, hot_topics, parse_time

BASE = datetime(2024, 5, 1, 9, 0)


def items() -> list[Item]:
    out = []
    for i, t in enumerate(
        [
            "丽发新城附近搅拌站噪音扰民",
            "投诉丽发新城小区旁边建搅拌站",
            "丽发新城搅拌站粉尘污染严重",
            "丽发新城居民反映搅拌站夜间施工噪音",
        ]
    ):
        out.append(
            Item(
                f"m{i}",
                t,
                t + "，请相关部门处理。",
                BASE + timedelta(days=i),
                votes=1,
                author=f"u{i}",
            )
        )
    for i, t in enumerate(["伊景园滨河苑捆绑销售车位", "伊景园滨河苑购房必须购买车位"]):
        out.append(
            Item(
                f"c{i}",
                t,
                t + "，侵害购房者权益。",
                BASE - timedelta(days=60),
                votes=0,
                author=f"v{i}",
            )
        )
    out.append(Item("x", "学校食堂饭菜价格太贵", "希望降低价格。", BASE, votes=0))
    return out


def test_clusters_are_ranked_and_labelled():
    topics = hot_topics(items(), top=5)
    assert [len(t.members) for t in topics] == [4, 2]
    first = topics[0]
    assert {m.id for m in first.members} == {"m0", "m1", "m2", "m3"}
    assert "搅拌站" in first.keywords and "丽发新城" in first.title
    assert first.authors == 4 and first.votes == 4
    assert topics[1].representative.startswith("c")


def test_time_window_limits_the_items():
    topics = hot_topics(items(), start=BASE - timedelta(days=1), end=BASE + timedelta(days=30))
    assert len(topics) == 1 and topics[0].size == 4


def test_votes_raise_a_topic():
    boosted = [
        Item(i.id, i.title, i.text, i.time, 500 if i.id.startswith("c") else i.votes, i.author)
        for i in items()
    ]
    assert hot_topics(boosted, top=1, votes_weight=2.0)[0].members[0].id.startswith("c")


def test_as_dict_is_json_ready():
    d = hot_topics(items(), top=1)[0].as_dict(max_members=2)
    assert len(d["members"]) == 2 and d["first"].startswith("2024-05-01")


def test_too_few_items():
    assert hot_topics(items()[:1]) == []


def test_parse_time_spellings():
    assert parse_time("2019/2/28 11:25:05") == datetime(2019, 2, 28, 11, 25, 5)
    assert parse_time("2019-02-28") == datetime(2019, 2, 28)
    assert parse_time("not a date") is None


def _topic_of_titles(titles: list[str]):
    """The top topic of messages whose title is their text, a day apart, by different people."""
    return hot_topics(
        [Item(f"e{i}", t, t, BASE + timedelta(days=i), author=f"w{i}") for i, t in enumerate(titles)]
    )[0]


def test_keywords_skip_function_words():
    # 随着 (preposition), 一年 (numeral) and 这些 (pronoun) recur in every member but name nothing.
    topic = _topic_of_titles([
        "随着电动车增多一年来这些小区充电桩不足",
        "随着电动车保有量上升一年来这些小区充电难",
        "随着电动车普及一年来这些小区充电桩太少",
    ])
    assert "充电桩" in topic.keywords or "充电" in topic.keywords
    assert not {"随着", "一年", "这些", "一年来"} & set(topic.keywords)


def test_keywords_skip_light_verbs_and_adverbs_that_name_nothing():
    # 超过, 成为, 未能, 已经 and 原样 recur in every member; the topic is the 停车场 fee.
    topic = _topic_of_titles([
        "停车场收费已经超过标准成为负担未能原样恢复",
        "停车场收费标准已经超过规定成为负担未能原样退还",
        "小区停车场收费已经超过成本成为负担未能原样执行",
    ])
    assert "停车场" in "".join(topic.keywords)
    assert not {"超过", "成为", "未能", "已经", "原样"} & set(topic.keywords)


def test_suggestion_enumerators_are_no_keywords():
    # Proposals list their suggestions as 一是…二是…三是: every text has them.
    texts = [
        ("关于加快老旧小区加装电梯的建议", "一是简化加装电梯审批；二是加装电梯财政补贴；三是加装电梯维保。"),
        ("关于推进老旧小区加装电梯的建议", "一是加装电梯统筹资金；二是加装电梯协商机制。"),
        ("关于老旧小区加装电梯难的建议", "一是加装电梯规划；二是加装电梯公积金提取；三是加装电梯补贴。"),
    ]
    topic = hot_topics([Item(f"t{i}", t, x, BASE + timedelta(days=i), author=f"w{i}")
                        for i, (t, x) in enumerate(texts)])[0]
    assert "加装电梯" in "".join(topic.keywords)
    assert not {"一是", "二是", "三是"} & set(topic.keywords)


def test_a_message_many_supported_is_a_topic_on_its_own():
    lone = Item("x", "学校食堂饭菜价格太贵", "希望降低价格。", BASE, votes=300, author="w")
    some = [i for i in items() if i.id != "x"]
    topics = hot_topics([*some, lone], top=5)
    assert [t.size for t in topics] == [4, 1, 2]
    assert topics[1].representative == "x" and topics[1].votes == 300
    # 53 supports weigh less than two fresh messages (0.5 * ln 54 < 2): not yet a topic.
    few = Item("x", lone.title, lone.text, BASE, votes=53, author="w")
    assert [t.size for t in hot_topics([*some, few], top=5)] == [4, 2]
    assert [t.size for t in hot_topics([*some, lone], top=5, lone_votes=float("inf"))] == [4, 2]


def test_keywords_lead_with_the_name_the_titles_share():
    from xieshang.textintel.topics import _title_phrases

    titles = ["投诉伊景园滨河苑捆绑销售车位", "伊景园滨河苑购房必须购买车位", "A市伊景园滨河苑车位问题"]
    assert _title_phrases(titles)[0] == "伊景园滨河苑"
    # Runs start and end on whole content words: no 尽快落实, no cut word.
    assert all(p not in ("尽快落实", "滨河苑捆") for p in _title_phrases(titles))
    assert hot_topics(items(), top=1)[0].keywords[0] == "丽发新城"
    assert _title_phrases(["学校食堂饭菜贵"]) == []
