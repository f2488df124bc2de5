import json

import numpy as np
import pytest

from xieshang.textintel.datasets import Labelled, read_labelled
from xieshang.textintel.route import Router, Rules, evaluate, suggest

TOPICS = {
    "交通运输": ["公交线路", "地铁站", "红绿灯", "停车位", "道路拥堵", "出租车", "高速公路"],
    "教育文体": ["学校", "学生", "教师", "幼儿园", "学位", "课外培训", "体育馆"],
    "卫生计生": ["医院", "医生", "医保", "疫苗", "看病", "护士", "诊所"],
}
FRAMES = [
    "关于{a}和{b}的问题，希望尽快解决。",
    "我市{a}存在问题，{b}也需要改进。",
    "建议加强{a}管理，完善{b}服务。",
    "反映{a}收费不合理，{b}不规范。",
]


def synthetic(seed: int, n: int) -> list[Labelled]:
    rng = np.random.default_rng(seed)
    out = []
    for i in range(n):
        label = sorted(TOPICS)[i % len(TOPICS)]
        a, b = rng.choice(TOPICS[label], 2, replace=False)
        out.append(Labelled(label, text=FRAMES[rng.integers(len(FRAMES))].format(a=a, b=b)))
    return out


@pytest.fixture(scope="module")
def model() -> Router:
    return Router(min_df=1).fit(synthetic(0, 120))


def test_predicts_unseen_texts(model):
    assert model.predict("地铁站附近道路拥堵严重")[0][0] == "交通运输"
    assert model.predict("幼儿园学位紧张，教师不足")[0][0] == "教育文体"
    scores = [s for _, s in model.predict("医院看病难", top=3)]
    assert scores == sorted(scores, reverse=True) and 0 < sum(scores) <= 1.0001


def test_evaluate_reports_the_figures(model):
    figures = evaluate(model, synthetic(1, 60))
    assert figures["n"] == 60
    assert figures["macro_f1"] > 0.9 and figures["top3_accuracy"] == 1.0
    assert set(figures["per_label"]) == set(TOPICS)


def test_tokenized_examples_train_too():
    examples = [
        Labelled(e.label, tokens=tuple(e.text[i : i + 2] for i in range(0, 8, 2)))
        for e in synthetic(2, 60)
    ]
    model = Router(min_df=1).fit(examples)
    assert set(model.classes) == set(TOPICS)


def test_save_load_roundtrip_uses_no_pickle(model, tmp_path):
    model.save(tmp_path)
    for npy in tmp_path.glob("*.npy"):
        assert np.load(npy, allow_pickle=False).dtype != object
    assert json.loads((tmp_path / "model.json").read_text())["classes"] == model.classes
    assert not list(tmp_path.glob("*.pkl")) and not list(tmp_path.glob("*.joblib"))
    loaded = Router.load(tmp_path)
    texts = [e.text for e in synthetic(3, 20)]
    assert np.allclose(loaded.scores(texts), model.scores(texts))


def test_suggest_combines_model_rules_and_links(model):
    rules = Rules.from_dict(
        {
            "category_units": {
                "交通运输": ["市交通运输局", ["市公安局交警支队", 0.5]],
                "教育文体": ["市教育局"],
            },
            "keywords": [{"pattern": "停车", "unit": "市城管局", "weight": 0.2}],
            "links": {"经济委员会": ["市交通运输局"]},
        }
    )
    found = suggest("小区附近停车位紧张，道路拥堵", model, rules, top=3, context=["经济委员会"])
    assert found[0].label == "市交通运输局"
    kinds = {r.kind for r in found[0].reasons}
    assert kinds == {"category", "link"}
    assert "市城管局" in [s.label for s in found]
    assert all(r.text for s in found for r in s.reasons)


def test_suggest_without_rules_returns_categories(model):
    found = suggest("学校教师待遇", model, None, top=2)
    assert found[0].label == "教育文体" and found[0].reasons[0].kind == "model"


def test_read_labelled_accepts_text_or_tokens(tmp_path):
    path = tmp_path / "d.csv"
    path.write_text(
        "label,text,tokens\n交通运输,公交晚点,\n教育文体,,学校 学生\n,无标签,\n", encoding="utf-8"
    )
    rows = read_labelled(path)
    assert rows == [
        Labelled("交通运输", text="公交晚点"),
        Labelled("教育文体", tokens=("学校", "学生")),
    ]


def test_training_needs_two_labels():
    with pytest.raises(ValueError):
        Router().fit([Labelled("a", text="一"), Labelled("a", text="二")])


def test_units_with_a_single_case_do_not_switch_the_calibration_off():
    # A committee's history always has units that handled one case. Whichever of their rows
    # falls in the held-out fifth stays in training, so the temperature is still fitted and the
    # scores do not stay at the flat softmax of raw margins.
    rare = [Labelled(f"单位{i}", text=f"关于第{i}个专项问题的{TOPICS['交通运输'][i % 7]}建议")
            for i in range(30)]
    examples = synthetic(0, 120) + rare
    fitted = Router(min_df=1).fit(examples)
    flat = Router(min_df=1).fit(examples, calibrate=False)
    assert fitted.scale > 1
    text = "地铁站附近道路拥堵严重"
    assert fitted.predict(text)[0][0] == flat.predict(text)[0][0] == "交通运输"
    assert fitted.predict(text)[0][1] > 2 * flat.predict(text)[0][1]
