from datetime import datetime, timedelta

from xieshang.textintel.topic_follow import continuations
from xieshang.textintel.topics import Item, Topic, hot_topics

APRIL, MAY, JUNE = datetime(2024, 4, 1), datetime(2024, 5, 1), datetime(2024, 6, 1)


def _items(start: datetime, prefix: str, titles: list[str]) -> list[Item]:
    return [
        Item(
            f"{prefix}{i}",
            t,
            t + "，请有关部门尽快处理。",
            start + timedelta(days=i),
            author=f"{prefix}{i}",
        )
        for i, t in enumerate(titles)
    ]


APRIL_ITEMS = _items(
    APRIL,
    "a",
    [
        "丽发新城附近搅拌站噪音扰民",
        "投诉丽发新城小区旁边建搅拌站",
        "58车贷案件办案进度如何",
        "请公安机关通报58车贷案情",
        "学校食堂饭菜价格太贵",
        "中学食堂饭菜价格偏高",
    ],
)
MAY_ITEMS = _items(
    MAY,
    "m",
    [
        "丽发新城搅拌站粉尘污染严重",
        "丽发新城居民反映搅拌站夜间施工噪音",
        "伊景园滨河苑捆绑销售车位",
        "伊景园滨河苑购房必须购买车位",
    ],
)


def test_a_topic_of_the_month_before_continues_and_a_new_one_is_new():
    may = hot_topics(APRIL_ITEMS + MAY_ITEMS, start=MAY, end=JUNE)
    april = hot_topics(APRIL_ITEMS + MAY_ITEMS, start=APRIL, end=MAY, top=100)
    follows = continuations(may, april, background=APRIL_ITEMS + MAY_ITEMS)
    by_title = {t.title[:3]: f for t, f in zip(may, follows, strict=True)}
    lifa = by_title["丽发新"]
    assert lifa is not None and "丽发新城" in april[lifa.index].title and lifa.score >= 0.35
    assert by_title["伊景园"] is None
    # Without background items the members alone give the vocabulary; the verdicts hold.
    plain = continuations(may, april)
    assert [f is None for f in plain] == [f is None for f in follows]


def test_nothing_to_compare():
    may = hot_topics(MAY_ITEMS, start=MAY, end=JUNE)
    assert continuations(may, []) == [None] * len(may)
    assert continuations([], may) == []


def _topic(items: list[Item]) -> Topic:
    return Topic([], items[0].title, items, 1.0, len(items), len(items), 0, None, None,
                 representative=items[0].id)


def test_a_continuation_names_the_earlier_member_it_shares_with_the_topic():
    """An earlier topic titled by one matter may hold an item on another: the continuation says
    which of its members is the one the topic continues."""
    earlier_mixed = _items(APRIL, "e", ["学校食堂饭菜价格太贵", "丽发新城附近搅拌站噪音扰民"])
    earlier_other = _items(APRIL, "o", ["58车贷案件办案进度如何", "请公安机关通报58车贷案情"])
    current = _items(MAY, "c", ["丽发新城搅拌站粉尘污染严重", "丽发新城居民反映搅拌站夜间施工噪音"])
    follow, = continuations([_topic(current)], [_topic(earlier_other), _topic(earlier_mixed)],
                            threshold=0.1)
    assert follow is not None and follow.index == 1
    assert earlier_mixed[follow.member].title == "丽发新城附近搅拌站噪音扰民"
