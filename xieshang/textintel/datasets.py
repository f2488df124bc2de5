"""Read the CSV inputs of the command line and benchmarks."""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from xieshang.textintel.topics import Item, parse_time

# Some message bodies exceed the csv module's default field limit of 128 KiB.
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


@dataclass(frozen=True)
class Labelled:
    """A labelled training or test example: raw text, or words when already segmented."""

    label: str
    text: str | None = None
    tokens: tuple[str, ...] | None = None


def read_rows(path: str | Path) -> Iterator[dict[str, str]]:
    """Yield the rows of a UTF-8 CSV file (a BOM is tolerated) as dicts."""
    with open(path, encoding="utf-8-sig", newline="") as fh:
        yield from csv.DictReader(fh)


# Labelled columns: ours, or those of a message board's export whose first-level category is
# the label (一级标签); there a message's text is its title followed by its body, as in our files.
_LABEL_COLUMNS = ("label", "一级标签", "一级分类")


def read_labelled(path: str | Path) -> list[Labelled]:
    """Read a CSV with a label column and a text (raw) or tokens (space-separated) column, or a
    message board's export with 一级标签 and 留言主题 / 留言详情."""
    out: list[Labelled] = []
    for row in read_rows(path):
        label = next(((row.get(c) or "").strip() for c in _LABEL_COLUMNS if row.get(c)), "")
        text = row.get("text") or _board_text(row)
        if not label:
            continue
        if text:
            out.append(Labelled(label, text=text))
        elif row.get("tokens"):
            out.append(Labelled(label, tokens=tuple(row["tokens"].split())))
    if not out:
        raise ValueError(
            f"{path}: no rows with a label (label or 一级标签) and a text, tokens or "
            "留言主题/留言详情 column"
        )
    return out


def read_texts(path: str | Path) -> Iterator[tuple[str, str]]:
    """Yield (id, text) from a CSV of id,text, or from a message board's export (留言编号, and
    留言主题 followed by 留言详情)."""
    for n, row in enumerate(read_rows(path), start=2):
        if "id" in row and "text" in row:
            yield row["id"], row["text"]
        elif "留言编号" in row:
            yield row["留言编号"], _board_text(row)
        else:
            raise ValueError(f"{path}: line {n}: no id,text (or 留言编号, 留言详情) columns")


def _board_text(row: dict[str, str]) -> str:
    """Return a board export row's title followed by its body, as our text column holds them."""
    return (row.get("留言主题") or "").strip() + (row.get("留言详情") or "").strip()


# Item columns: ours, or those of a message board's export (留言编号, 留言主题 …).
_ITEM_COLUMNS = {
    "id": ("id", "留言编号"),
    "title": ("title", "留言主题"),
    "text": ("text", "留言详情"),
    "time": ("time", "留言时间"),
    "votes": ("votes", "点赞数"),
    "author": ("author", "留言用户"),
}


def read_items(path: str | Path) -> list[Item]:
    """Read hot-topic items from a CSV of id,title,text,time[,votes][,author], or from a message
    board's export with 留言编号, 留言主题, 留言详情, 留言时间, 点赞数, 留言用户."""
    rows = list(read_rows(path))
    header = rows[0].keys() if rows else ()
    column = {key: next((c for c in names if c in header), "") for key, names in _ITEM_COLUMNS.items()}
    if rows and not column["id"]:
        raise ValueError(f"{path}: no id column (id or 留言编号)")
    items = []
    for row in rows:
        value = {key: (row.get(c) or "").strip() for key, c in column.items()}
        items.append(
            Item(
                id=value["id"],
                title=value["title"],
                text=value["text"],
                time=parse_time(value["time"]),
                votes=int(float(value["votes"])) if value["votes"] else 0,
                author=value["author"] or None,
            )
        )
    return items
