"""Proposal texts: every template yields a valid, complete and reproducible proposal."""

import random
import re

import pytest

from xieshang.demo.organisation import SPECIAL_COMMITTEES, UNITS
from xieshang.demo.review_texts import NARROW, REFUSED_SPECIAL, vague_case
from xieshang.demo.topics import TOPICS
from xieshang.demo.writing import case_text, compose, narrow_text, revise
from xieshang.proposals.defaults import CATEGORIES
from xieshang.proposals.services import TITLE_PATTERN

UNIT_NAMES = {u[0] for u in UNITS}


def _valid(text) -> None:
    assert TITLE_PATTERN.match(text.title) and len(text.title) <= 60, text.title
    for body in (text.title, text.reasons, text.suggestions):
        assert "{" not in body and "}" not in body, body
    assert text.category in CATEGORIES
    assert set(text.lead_units + text.co_units) <= UNIT_NAMES
    assert not set(text.lead_units) & set(text.co_units)


@pytest.mark.parametrize("topic", TOPICS, ids=lambda t: t.key)
def test_every_topic_composes_valid_proposals(topic):
    assert topic.committee in SPECIAL_COMMITTEES
    rng = random.Random(topic.key)
    for i in range(25):
        text = compose(topic, rng, who="民盟示例市委" if i % 2 else "")
        _valid(text)
        assert "一是" in text.reasons and text.suggestions.count("是") >= 3


def test_composing_is_reproducible_from_the_seed():
    first = [compose(t, random.Random(1)) for t in TOPICS]
    again = [compose(t, random.Random(1)) for t in TOPICS]
    assert first == again


def test_refused_and_narrow_cases_are_valid():
    for case in [*REFUSED_SPECIAL, *(vague_case(i) for i in range(7))]:
        _valid(case_text(case))
    rng = random.Random(7)
    for kind in {n[0] for n in NARROW}:
        for _ in range(10):
            _valid(narrow_text(kind, rng))


@pytest.mark.parametrize("what", ["title", "reasons", "suggestions", "units"])
def test_revision_changes_the_text_and_keeps_it_valid(what):
    topic = TOPICS[0]
    rng = random.Random(what)
    text = compose(topic, rng)
    changes = revise(text, topic, rng, what)
    assert changes and any(getattr(text, k) != v for k, v in changes.items())
    if "suggestions" in changes:
        assert _points(changes["suggestions"]) == _points(text.suggestions) + 1


def _points(suggestions: str) -> int:
    return sum(1 for line in suggestions.split("\n") if re.match("^[一二三四五六七]是", line))


def test_an_items_figures_stay_in_its_matters_range():
    from xieshang.demo.opinion_replay import item_texts
    from xieshang.demo.opinion_texts import SUBJECTS
    from xieshang.demo.opinion_texts_2021 import SUBJECTS as SUBJECTS_2021

    rng = random.Random(7)
    for subject in (*SUBJECTS, *SUBJECTS_2021):
        if "{n}" not in subject.situation:
            continue
        head, tail = subject.situation.split("{n}", 1)
        lo, hi = subject.n_range
        for _ in range(30):
            situation = item_texts(subject, rng)["situation"]
            before = head.rsplit("}", 1)[-1][-6:]  # the words just before {n}, no placeholder
            n = re.search(re.escape(before) + r"(\d+)", situation)
            assert n and lo <= int(n.group(1)) <= hi, (subject.key, situation)
    bus = next(s for s in SUBJECTS if s.key == "bus_rural")
    assert bus.n_range == (2, 4)  # buses a day on a village line
