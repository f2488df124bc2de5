"""Checks on the shared real messages; skipped when the data is absent."""

import random
from datetime import datetime

from xieshang.textintel.datasets import read_items, read_labelled, read_rows
from xieshang.textintel.resources import opencc_converter
from xieshang.textintel.route import Router, evaluate
from xieshang.textintel.similar import SimilarityIndex
from xieshang.textintel.topics import hot_topics


def test_real_message_variants_are_found_at_rank_one(shared_data):
    rows = list(read_rows(shared_data / "messages_with_votes.csv"))[:800]
    index = SimilarityIndex()
    index.add_many([r["留言编号"] for r in rows], [r["留言主题"] + r["留言详情"] for r in rows])
    rng = random.Random(3)
    s2t = opencc_converter("s2t")
    found = 0
    sample = rng.sample([r for r in rows if len(r["留言详情"].strip()) > 80], 40)
    for r in sample:
        body = r["留言详情"].strip()
        query = s2t.convert(body[: len(body) * 2 // 3])
        hits = index.query(query, top=1, spans=False)
        found += bool(hits) and hits[0].id == r["留言编号"]
    assert found >= 38


def test_routing_on_held_out_raw_messages(shared_data):
    raw = read_labelled(shared_data / "labeled_messages.csv")
    random.Random(0).shuffle(raw)
    # A small training set keeps the suite fast; the full figure is in bench/text/route_bench.py.
    model = Router().fit(raw[:600], calibrate=False)
    assert evaluate(model, raw[1800:2100])["macro_f1"] > 0.75


def test_known_hot_topic_ranks_first_in_its_window(shared_data):
    items = read_items(shared_data / "messages_with_votes.csv")
    topics = hot_topics(items, start=datetime(2019, 12, 1), end=datetime(2020, 2, 1), top=3)
    assert "搅拌站" in topics[0].keywords
    assert topics[0].keywords[:2] == ["丽发新城", "搅拌站"]


def test_a_message_thousands_supported_is_listed(shared_data):
    # 五矿万境's message drew 2,097 supports and no other message says the same: still a topic.
    items = read_items(shared_data / "messages_with_votes.csv")
    topics = hot_topics(items, start=datetime(2019, 8, 1), end=datetime(2019, 9, 1), top=3)
    assert any(t.size == 1 and t.votes == 2097 and "五矿万境" in t.title for t in topics)


def test_one_case_worded_many_ways_is_one_topic(shared_data):
    # The 58车贷 fraud case: 12 messages in these ten weeks, asking after the police, the
    # investigation, the victims. They must be one topic, not fragments listed side by side.
    items = read_items(shared_data / "messages_with_votes.csv")
    topics = hot_topics(items, start=datetime(2019, 1, 1), end=datetime(2019, 3, 16), top=10)
    about_case = [t for t in topics if any("58车" in m.title for m in t.members)]
    assert len(about_case) == 1
    assert about_case[0] is topics[0]
    assert sum("58车" in m.title for m in about_case[0].members) >= 10
