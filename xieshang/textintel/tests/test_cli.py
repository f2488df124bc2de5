import json
import subprocess
import sys
from io import StringIO
from pathlib import Path

from xieshang.textintel.cli import main

REPO = Path(__file__).resolve().parents[3]


def run(*argv: str) -> tuple[int, str]:
    out = StringIO()
    status = main(list(argv), out=out)
    return status, out.getvalue()


def test_normalize_file(tmp_path):
    f = tmp_path / "in.txt"
    f.write_text("<p>協(xié)商民主</p>", encoding="utf-8")
    assert run("text", "normalize", str(f)) == (0, "协商民主\n")


def test_normalize_stdin_as_module():
    done = subprocess.run(
        [sys.executable, "-m", "xieshang.textintel.cli", "text", "normalize"],
        input="ＡＢＣ，政協",
        capture_output=True,
        text=True,
        cwd=REPO,
        check=True,
    )
    assert done.stdout == "ABC，政协\n"


def test_similar_index_query_eval(tmp_path):
    data = tmp_path / "d.csv"
    data.write_text(
        "id,text\n"
        "a1,关于加强城市垃圾分类工作的提案。建议加快建设垃圾分类处理设施，完善收运体系。\n"
        "a2,关于改善农村道路交通安全的建议，增设路灯和护栏，加强客运管理。\n",
        encoding="utf-8",
    )
    idx = tmp_path / "idx"
    assert run("similar", "index", "--data", str(data), "--index", str(idx))[0] == 0
    status, out = run(
        "similar", "query", "--index", str(idx), "--top", "1", "關於加強城市垃圾分類工作的提案"
    )
    assert status == 0 and [h["id"] for h in json.loads(out)] == ["a1"]
    assert set(json.loads(out)[0]) == {"id", "score"}
    queries = tmp_path / "q.csv"
    queries.write_text(
        "text,relevant_ids\n建议加快建设垃圾分类处理设施,a1|a9\n农村道路增设路灯和护栏,a2\n",
        encoding="utf-8",
    )
    figures = json.loads(run("similar", "eval", "--index", str(idx), "--queries", str(queries))[1])
    assert figures["recall_at_1"] == 1.0 and figures["mrr"] == 1.0 and "p95_ms" in figures


def test_route_train_eval_predict(tmp_path):
    data = tmp_path / "train.csv"
    rows = ["label,text"]
    for i in range(12):
        rows.append(f"交通运输,公交线路{i}号车晚点，道路拥堵")
        rows.append(f"教育文体,学校{i}班学生课业负担重，教师不足")
    data.write_text("\n".join(rows) + "\n", encoding="utf-8")
    model = tmp_path / "model"
    assert run("route", "train", "--data", str(data), "--model", str(model))[0] == 0
    figures = json.loads(run("route", "eval", "--model", str(model), "--data", str(data))[1])
    assert figures["n"] == 24 and figures["accuracy"] == 1.0
    assert set(figures) == {"n", "accuracy", "macro_f1", "top3_accuracy", "per_label"}
    top = json.loads(run("route", "predict", "--model", str(model), "--top", "1", "学校教师")[1])
    assert top[0]["label"] == "教育文体"
    rules = tmp_path / "rules.json"
    rules.write_text(json.dumps({"category_units": {"教育文体": ["市教育局"]}}), encoding="utf-8")
    found = json.loads(
        run("route", "predict", "--model", str(model), "--rules", str(rules), "学校教师")[1]
    )
    assert found[0]["label"] == "市教育局" and found[0]["reasons"]


def test_topics_json(tmp_path):
    data = tmp_path / "t.csv"
    data.write_text(
        "id,title,text,time,votes\n"
        "1,丽发新城搅拌站噪音,丽发新城附近搅拌站噪音大,2019/11/1 10:00:00,3\n"
        "2,丽发新城搅拌站扰民,丽发新城小区附近搅拌站噪音扰民,2019/11/2 10:00:00,1\n"
        "3,学校食堂饭菜贵,食堂饭菜太贵,2019/11/3 10:00:00,\n",
        encoding="utf-8",
    )
    topics = json.loads(run("topics", "--data", str(data), "--top", "3", "--json")[1])
    assert len(topics) == 1 and {m["id"] for m in topics[0]["members"]} == {"1", "2"}


def test_reply_check_csv(tmp_path):
    data = tmp_path / "r.csv"
    data.write_text(
        'proposal,reply\n"建议：一是加快建设设施；二是完善收运体系。",'
        '"关于加快建设设施，已列入计划。签发人：张明"\n',
        encoding="utf-8",
    )
    verdicts = json.loads(run("reply-check", str(data))[1])
    assert verdicts[0]["total"] == 2 and verdicts[0]["formal"]["signer"] == "张明"


def test_bad_input_returns_an_error_status(tmp_path):
    assert run("reply-check", str(tmp_path / "missing.csv"))[0] == 2


def test_topics_reads_a_message_board_export(tmp_path):
    data = tmp_path / "board.csv"
    data.write_text(
        "留言编号,留言用户,留言主题,留言时间,留言详情,反对数,点赞数\n"
        "7,u1,丽发新城搅拌站噪音,2019/11/1 10:00:00,丽发新城附近搅拌站噪音大,0,5\n"
        "8,u2,丽发新城搅拌站扰民,2019/11/2 10:00:00,丽发新城小区附近搅拌站噪音扰民,1,2\n"
        "9,u3,学校食堂饭菜贵,2019/11/3 10:00:00,食堂饭菜太贵,0,0\n",
        encoding="utf-8",
    )
    topics = json.loads(run("topics", "--data", str(data), "--json")[1])
    assert [(t["size"], t["authors"], t["votes"]) for t in topics] == [(2, 2, 7)]
    assert {m["id"] for m in topics[0]["members"]} == {"7", "8"}
    assert json.loads(run("topics", "--data", str(data), "--json", "--min-size", "3")[1]) == []


def test_route_reads_a_message_board_export(tmp_path):
    header = "留言编号,留言用户,留言主题,留言时间,留言详情,一级标签\n"
    rows = [
        ("学校食堂收费", "学校食堂饭菜价格太贵", "教育文体"),
        ("中学补课收费", "中学教师违规补课收费", "教育文体"),
        ("小区噪音扰民", "工地夜间施工噪音扰民", "环境保护"),
        ("搅拌站污染", "搅拌站粉尘污染严重", "环境保护"),
    ]
    data = tmp_path / "board.csv"
    data.write_text(
        header + "".join(f"{i},u{i},{t},2019/11/1 10:00:00,\"\n\t{b}\",{c}\n"
                         for i, (t, b, c) in enumerate(rows * 3)),
        encoding="utf-8",
    )
    model = tmp_path / "m"
    assert run("route", "train", "--data", str(data), "--model", str(model))[0] == 0
    figures = json.loads(run("route", "eval", "--model", str(model), "--data", str(data))[1])
    assert figures["n"] == 12 and figures["accuracy"] == 1.0


def test_labelled_text_is_title_then_body(tmp_path):
    from xieshang.textintel.datasets import read_labelled

    path = tmp_path / "board.csv"
    path.write_text(
        '留言主题,留言详情,一级标签\n学校食堂收费,"\n\t饭菜太贵",教育文体\n', encoding="utf-8"
    )
    assert read_labelled(path)[0].text == "学校食堂收费饭菜太贵"


def test_similar_indexes_a_message_board_export(tmp_path, capsys):
    data = tmp_path / "board.csv"
    data.write_text(
        "留言编号,留言用户,留言主题,留言时间,留言详情\n"
        '7,u1,丽发新城搅拌站噪音,2019/11/1,"\n\t丽发新城附近搅拌站噪音大，夜间施工扰民"\n'
        '9,u3,学校食堂饭菜贵,2019/11/3,"食堂饭菜太贵，学生吃不起"\n',
        encoding="utf-8",
    )
    index = tmp_path / "idx"
    assert run("similar", "index", "--data", str(data), "--index", str(index))[0] == 0
    hits = json.loads(run("similar", "query", "--index", str(index), "丽发新城搅拌站夜间施工扰民")[1])
    assert hits[0]["id"] == "7"
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("编号,内容\n1,文本\n", encoding="utf-8")
    assert run("similar", "index", "--data", str(wrong), "--index", str(tmp_path / "i2"))[0] == 2
    assert "no id,text" in capsys.readouterr().err
