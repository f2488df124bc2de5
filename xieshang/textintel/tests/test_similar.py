import json

import numpy as np
import pytest

from xieshang.textintel.align import shared_share, shared_spans
from xieshang.textintel.similar import SimilarityIndex

DOCS = {
    "p1": "关于加强城市垃圾分类工作的提案。当前我市垃圾分类推进缓慢，居民参与率不高。"
    "建议加快建设垃圾分类处理设施，扩大厨余垃圾处理能力。完善分类收运体系，杜绝混装混运。",
    "p2": "关于改善农村道路交通安全的建议。部分乡村公路缺少路灯和护栏，夜间事故多发。"
    "建议增设路灯、护栏和警示标志，加强农村客运车辆管理。",
    "p3": "关于发展社区居家养老服务的提案。老年人口比重上升，养老机构床位紧张。"
    "建议扶持社区日间照料中心，培养专业护理人员，推动医养结合。",
    "p4": "关于加快老旧小区改造的建议。老旧小区管网老化、停车难、缺少电梯。"
    "建议统筹推进加装电梯和管网改造，完善物业管理。",
}

VARIANTS = {
    "traditional": (
        "p1",
        "關於加強城市垃圾分類工作的提案。當前我市垃圾分類推進緩慢，居民參與率不高。"
        "建議加快建設垃圾分類處理設施，擴大廚餘垃圾處理能力。",
    ),
    "pinyin": (
        "p2",
        "关于改善农(nóng)村道路交通安(ān)全的建议。部分乡村公路缺少路灯和护栏，"
        "夜间事故多发。建议增设路灯、护栏和警示标志。",
    ),
    "repunctuated": (
        "p3",
        "关于发展社区居家养老服务的提案 老年人口比重上升,养老机构床位紧张!"
        "建议扶持社区日间照料中心;培养专业护理人员  推动医养结合",
    ),
    "reordered": (
        "p4",
        "建议统筹推进加装电梯和管网改造，完善物业管理。关于加快老旧小区改造的建议。"
        "老旧小区管网老化、停车难、缺少电梯。",
    ),
    "truncated": ("p1", "关于加强城市垃圾分类工作的提案。当前我市垃圾分类推进缓慢"),
}


@pytest.fixture
def index() -> SimilarityIndex:
    idx = SimilarityIndex()
    idx.add_many(list(DOCS), list(DOCS.values()))
    return idx


@pytest.mark.parametrize("kind", sorted(VARIANTS))
def test_variant_is_found_at_rank_one(index, kind):
    expected, query = VARIANTS[kind]
    hits = index.query(query, top=3)
    assert hits[0].id == expected
    assert hits[0].score > 0.4


def test_unrelated_text_finds_nothing_close(index):
    hits = index.query("今天天气晴朗，适合去公园散步，顺便买些水果回家。", top=3)
    assert all(h.score < 0.1 for h in hits)


def test_spans_point_at_the_shared_passage_in_both_texts(index):
    query = "另外，建議加快建設垃圾分類處理設施。"
    hit = index.query(query, top=1)[0]
    assert hit.id == "p1" and hit.spans
    span = hit.spans[0]
    assert query[span.a_start : span.a_end] == "建議加快建設垃圾分類處理設施"
    assert DOCS["p1"][span.b_start : span.b_end] == "建议加快建设垃圾分类处理设施"


def test_shared_spans_skip_pinyin_and_markup():
    spans = shared_spans(
        "<b>协(xié)商民主</b>是我国社会主义民主政治的特有形式",
        "协商民主是我国社会主义民主政治的特有形式",
    )
    assert len(spans) == 1 and spans[0].b_start == 0


def test_update_and_remove(index):
    index.update("p2", DOCS["p3"])
    assert {h.id for h in index.query(DOCS["p3"], top=2)} == {"p2", "p3"}
    assert index.remove("p3") and not index.remove("p3")
    assert [h.id for h in index.query(DOCS["p3"], top=1)] == ["p2"]
    assert len(index) == 3 and "p3" not in index


def test_exclude_skips_the_item_itself(index):
    assert (
        index.query(DOCS["p1"], top=1, exclude=["p1"])[0].id != "p1"
        if len(index.query(DOCS["p1"], top=2, exclude=["p1"]))
        else True
    )


def test_save_and_load_roundtrip_without_pickle(index, tmp_path):
    index.remove("p4")
    index.add("p5", "关于规范网约车管理的提案。建议完善网约车准入制度。")
    index.save(tmp_path)
    meta = json.loads((tmp_path / "meta.json").read_text())
    assert meta["count"] == 4
    for npy in tmp_path.glob("*.npy"):
        arr = np.load(npy, allow_pickle=False)
        assert arr.dtype != object
    loaded = SimilarityIndex.load(tmp_path)
    assert len(loaded) == 4 and "p4" not in loaded
    for kind in ("traditional", "truncated", "pinyin"):
        expected, query = VARIANTS[kind]
        assert loaded.query(query, top=1)[0].id == expected
    loaded.add("p6", DOCS["p4"])
    assert loaded.query(VARIANTS["reordered"][1], top=1)[0].id == "p6"
    assert loaded.text("p6") == DOCS["p4"]


def test_many_documents_after_compaction():
    idx = SimilarityIndex(merge_ratio=0.0)
    texts = [f"第{i}号提案：关于{i}号路段的交通改善建议，增设{i % 7}处信号灯。" for i in range(300)]
    idx.add_many([str(i) for i in range(300)], texts)
    idx.compact()
    assert idx.query(texts[123], top=1)[0].id == "123"


def test_empty_and_short_queries(index):
    assert index.query("") == []
    assert isinstance(index.query("提案"), list)


def test_batch_key_codes_equal_the_canonical_keys():
    from xieshang.textintel.canon import canonical, key_codes

    texts = [*DOCS.values(), *(q for _, q in VARIANTS.values()), "", "ＡＢ<b>協(xié)商</b>&amp;_x"]
    codes, lengths = key_codes(texts)
    keys = [canonical(t) for t in texts]
    assert lengths.tolist() == [len(k) for k in keys]
    assert codes.astype(np.uint32).tobytes().decode("utf-32-le") == "".join(keys)


def test_sorted_unique_matches_numpy():
    from xieshang.textintel.shingles import sorted_unique

    values = np.random.default_rng(0).integers(0, 50, 500).astype(np.uint64)
    assert sorted_unique(values).tolist() == np.unique(values).tolist()
    assert sorted_unique(np.zeros(0, np.uint64)).tolist() == []


def test_compaction_after_removal_keeps_results(index):
    index.remove("p2")
    index.add("p5", "关于改善农村道路交通安全的建议。部分乡村公路缺少路灯和护栏。")
    before = [(h.id, round(h.score, 6)) for h in index.query(VARIANTS["pinyin"][1], top=3)]
    index.compact()
    after = [(h.id, round(h.score, 6)) for h in index.query(VARIANTS["pinyin"][1], top=3)]
    assert before == after and after[0][0] == "p5"


def test_spans_off_returns_the_same_hits_without_passages(index):
    query = VARIANTS["traditional"][1]
    with_spans = index.query(query, top=3)
    without = index.query(query, top=3, spans=False)
    assert [(h.id, h.score) for h in with_spans] == [(h.id, h.score) for h in without]
    assert with_spans[0].spans and not without[0].spans


def test_shared_share_counts_the_repeated_part_of_a_text():
    earlier = "关于您提出的建议，我局高度重视，逐条答复如下：一、已安排专项资金；二、已出台政策。"
    assert shared_share(earlier, earlier) == 1.0
    # Punctuation does not count; an added sentence of 4 characters is the part not repeated.
    repeated = shared_share(earlier.replace("，", ",") + "特此答复。", earlier)
    assert 0.85 < repeated < 0.95
    assert shared_share("城北片区今年纳入加装电梯试点，由街道牵头征求居民意见。", earlier) == 0.0
    assert shared_share("", earlier) == 0.0
