"""Measure normalisation throughput (MB of UTF-8 per second) on web-page-like text."""

from __future__ import annotations

import argparse
import json
import random
import time

from bench.text.common import data_file, machine
from xieshang.textintel.datasets import read_rows
from xieshang.textintel.normalize import normalize
from xieshang.textintel.resources import opencc_converter

_NOISE = [
    "首页 > 政务公开 > 正文",
    "版权所有 © 2020 某市人民政府 ICP备12345678号",
    "首页 | 新闻 | 提案 | 社情民意 | 联系我们",
    "澳门赌场 百家乐 代开发票 办证 刻章 网上赌博",
    "【字体：大 中 小】 打印本页 关闭窗口",
]


def documents(traditional_share: float = 0.2, seed: int = 5) -> list[str]:
    """Return shared messages dressed as web pages: HTML, noise lines, some traditional script."""
    rng = random.Random(seed)
    s2t = opencc_converter("s2t")
    out = []
    for row in read_rows(data_file("messages_with_votes.csv")):
        body = row["留言详情"].strip()
        if rng.random() < traditional_share:
            body = s2t.convert(body)
        paras = "".join(f"<p>{p}</p>\n" for p in body.split("。") if p)
        out.append(
            f"{rng.choice(_NOISE)}\n<h1>{row['留言主题']}</h1>\n{paras}"
            f"{rng.choice(_NOISE)}\n&nbsp;{rng.choice(_NOISE)}"
        )
    return out


def _best(docs: list[str], repeat: int) -> tuple[float, float]:
    """Return the best wall-clock and CPU seconds of normalising every document, over passes."""
    wall = cpu = float("inf")
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        for d in docs:
            normalize(d)
        wall = min(wall, time.perf_counter() - t0)
        cpu = min(cpu, time.process_time() - c0)
    return wall, cpu


def run(repeat: int = 3) -> dict:
    """Return MB/s of normalize() over dressed and plain messages, best of `repeat` passes."""
    docs = documents()
    size = sum(len(d.encode("utf-8")) for d in docs)
    normalize(docs[0])
    best, best_cpu = _best(docs, repeat)
    plain = [
        d
        for d in (r["留言详情"].strip() for r in read_rows(data_file("messages_with_votes.csv")))
        if d
    ]
    plain_size = sum(len(d.encode("utf-8")) for d in plain)
    plain_s, plain_cpu = _best(plain, repeat)
    return {
        "machine": machine(),
        "documents": len(docs),
        "mb": round(size / 1e6, 2),
        "mb_per_s_web_pages": round(size / 1e6 / best, 2),
        "mb_per_s_plain_messages": round(plain_size / 1e6 / plain_s, 2),
        # Per second of this process's CPU time: less sensitive to other processes on the cores.
        "mb_per_cpu_s_web_pages": round(size / 1e6 / best_cpu, 2),
        "mb_per_cpu_s_plain_messages": round(plain_size / 1e6 / plain_cpu, 2),
    }


def main(argv: list[str] | None = None) -> None:
    """Run the normalisation benchmark and print its figures as JSON."""
    argparse.ArgumentParser(description=__doc__).parse_args(argv)
    print(json.dumps(run(), ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
