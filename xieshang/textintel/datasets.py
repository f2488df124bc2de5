"""Read the CSV inputs of the command line and benchmarks."""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

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


def read_labelled(path: str | Path) -> list[Labelled]:
    """Read a CSV with a label column and a text (raw) or tokens (space-separated) column."""
    out: list[Labelled] = []
    for row in read_rows(path):
        label = (row.get("label") or "").strip()
        if not label:
            continue
        if row.get("text"):
            out.append(Labelled(label, text=row["text"]))
        elif row.get("tokens"):
            out.append(Labelled(label, tokens=tuple(row["tokens"].split())))
        else:
            continue
    if not out:
        raise ValueError(f"{path}: no rows with a label and a text or tokens column")
    return out
