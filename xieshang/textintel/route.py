"""Route texts to categories with a linear model, and combine it with rules to suggest units."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from sklearn.svm import LinearSVC

from xieshang.textintel.datasets import Labelled
from xieshang.textintel.features import Doc, Featurizer
from xieshang.textintel.segment import words

FORMAT = "xieshang.textintel.route"
VERSION = 1


def to_doc(example: Labelled | str) -> Doc:
    """Return the feature document of raw text or of an already segmented example."""
    if isinstance(example, str):
        return Doc(tuple(words(example)))
    if example.tokens is not None:
        return Doc(tuple(t.lower() for t in example.tokens))
    return Doc(tuple(words(example.text or "")))


class Router:
    """A TF-IDF (word 1-2 grams + char 1-3 grams) linear SVM with softmax-scaled scores."""

    def __init__(
        self,
        *,
        c: float = 0.3,
        class_weight: str | None = "balanced",
        min_df: int = 2,
        max_df: float = 0.5,
    ) -> None:
        self.c = c
        self.class_weight = class_weight
        self.features = Featurizer(min_df=min_df, max_df=max_df)
        self.classes: list[str] = []
        self.coef = np.zeros((0, 0), np.float32)
        self.intercept = np.zeros(0, np.float32)
        # Softmax temperature turning SVM margins into scores that behave like probabilities.
        self.scale = 1.0

    def fit(self, examples: Sequence[Labelled], *, calibrate: bool = True, seed: int = 0) -> Router:
        """Train on labelled examples (raw text or tokens)."""
        docs = [to_doc(e) for e in examples]
        labels = np.array([e.label for e in examples])
        if len(set(labels)) < 2:
            raise ValueError("training needs at least two labels")
        if calibrate and len(docs) >= 50:
            # Margins on training data are overconfident: fit the temperature on a held-out fifth.
            train_idx, held_idx = _probe_split(labels, seed)
            if len(held_idx) and len(set(labels[train_idx])) >= 2:
                probe = Router(
                    c=self.c,
                    class_weight=self.class_weight,
                    min_df=self.features.min_df,
                    max_df=self.features.max_df,
                )
                probe._fit_docs([docs[i] for i in train_idx], labels[train_idx])
                margins = probe.decision([docs[i] for i in held_idx])
                self.scale = _fit_scale(margins, labels[held_idx], probe.classes)
        self._fit_docs(docs, labels)
        return self

    def _fit_docs(self, docs: list[Doc], labels: np.ndarray) -> None:
        x = self.features.fit_transform(docs)
        svm = LinearSVC(C=self.c, class_weight=self.class_weight).fit(x, labels)
        self.classes = [str(c) for c in svm.classes_]
        coef = svm.coef_ if len(self.classes) > 2 else np.vstack([-svm.coef_, svm.coef_])
        icpt = (
            svm.intercept_
            if len(self.classes) > 2
            else np.array([-svm.intercept_[0], svm.intercept_[0]])
        )
        # Column-major rows of features make one text's score a gather of a few columns.
        self.coef = np.ascontiguousarray(coef.T.astype(np.float32))
        self.intercept = icpt.astype(np.float32)

    def decision(self, docs: Sequence[Doc]) -> np.ndarray:
        """Return raw margins, one column per class."""
        out = np.empty((len(docs), len(self.classes)), dtype=np.float32)
        for i, doc in enumerate(docs):
            idx, val = self.features.vector(doc)
            out[i] = val @ self.coef[idx] + self.intercept
        return out

    def scores(self, texts: Iterable[Labelled | str]) -> np.ndarray:
        """Return per-class scores in [0, 1] summing to one, one row per text."""
        return _softmax(self.decision([to_doc(t) for t in texts]) * self.scale)

    def predict(self, text: str, *, top: int = 3) -> list[tuple[str, float]]:
        """Return the top labels of one text with their scores."""
        s = self.scores([text])[0]
        order = np.argsort(-s)[:top]
        return [(self.classes[i], float(s[i])) for i in order]

    def save(self, directory: str | Path) -> None:
        """Write the model as JSON and .npy files that load without executing code."""
        path = Path(directory)
        path.mkdir(parents=True, exist_ok=True)
        meta = {
            "format": FORMAT,
            "version": VERSION,
            "classes": self.classes,
            "c": self.c,
            "class_weight": self.class_weight,
            "scale": self.scale,
        }
        (path / "model.json").write_text(
            json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8"
        )
        np.save(path / "coef.npy", self.coef)
        np.save(path / "intercept.npy", self.intercept)
        self.features.save(path)

    @classmethod
    def load(cls, directory: str | Path) -> Router:
        """Read a model written by save()."""
        path = Path(directory)
        meta = json.loads((path / "model.json").read_text(encoding="utf-8"))
        if meta.get("format") != FORMAT or meta.get("version") != VERSION:
            raise ValueError(f"{path} is not a routing model of version {VERSION}")
        model = cls(c=meta["c"], class_weight=meta["class_weight"])
        model.classes = list(meta["classes"])
        model.scale = float(meta["scale"])
        model.coef = np.load(path / "coef.npy", allow_pickle=False)
        model.intercept = np.load(path / "intercept.npy", allow_pickle=False)
        model.features = Featurizer.load(path)
        return model


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def _probe_split(labels: np.ndarray, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Hold out a random fifth of the rows for the temperature, keeping at least one row of
    every label in training: a committee's history has units that handled a single case, and a
    held-out row whose unit the probe never saw cannot be scored."""
    held = np.random.default_rng(seed).random(len(labels)) < 0.2
    for label in np.unique(labels[held]):
        rows = labels == label
        if held[rows].all():
            held[np.flatnonzero(rows)[0]] = False
    return np.flatnonzero(~held), np.flatnonzero(held)


def _fit_scale(margins: np.ndarray, labels: np.ndarray, classes: list[str]) -> float:
    # Training margins are overconfident, so cap the search; log-loss picks the temperature.
    target = np.searchsorted(np.array(classes), labels)
    best, best_loss = 1.0, np.inf
    for scale in (0.5, 1, 1.5, 2, 2.5, 3, 4, 5, 6, 8):
        p = _softmax(margins * scale)
        loss = -np.mean(np.log(p[np.arange(len(target)), target] + 1e-12))
        if loss < best_loss:
            best, best_loss = float(scale), loss
    return best


def evaluate(model: Router, examples: Sequence[Labelled]) -> dict[str, object]:
    """Return accuracy, macro-F1, top-3 accuracy and per-label precision/recall/F1."""
    s = model.scores(examples)
    labels = [e.label for e in examples]
    return metrics(labels, s, model.classes)


def metrics(labels: Sequence[str], scores: np.ndarray, classes: Sequence[str]) -> dict[str, object]:
    """Return classification figures from true labels and a score matrix."""
    order = np.argsort(-scores, axis=1)
    pred = [classes[i] for i in order[:, 0]]
    top3 = [set(classes[j] for j in row[:3]) for row in order]
    per: dict[str, dict[str, float]] = {}
    for c in sorted(set(labels) | set(classes)):
        tp = sum(1 for t, p in zip(labels, pred, strict=True) if t == c and p == c)
        fp = sum(1 for t, p in zip(labels, pred, strict=True) if t != c and p == c)
        fn = sum(1 for t, p in zip(labels, pred, strict=True) if t == c and p != c)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        per[c] = {
            "precision": round(prec, 4),
            "recall": round(rec, 4),
            "f1": round(f1, 4),
            "support": tp + fn,
        }
    present = [c for c in per if per[c]["support"]]
    n = len(labels)
    return {
        "n": n,
        "accuracy": round(sum(t == p for t, p in zip(labels, pred, strict=True)) / n, 4),
        "macro_f1": round(float(np.mean([per[c]["f1"] for c in present])), 4),
        "top3_accuracy": round(sum(t in s for t, s in zip(labels, top3, strict=True)) / n, 4),
        "per_label": per,
    }


# -- suggestions: model scores combined with rules ---------------------------------------------


@dataclass(frozen=True)
class Reason:
    """Why a unit was suggested: the rule kind, a readable explanation and its weight."""

    kind: str
    text: str
    weight: float

    def as_dict(self) -> dict[str, object]:
        """Return the reason as a JSON-ready mapping."""
        return {"kind": self.kind, "text": self.text, "weight": round(self.weight, 4)}


@dataclass(frozen=True)
class Suggestion:
    """A suggested handling unit (or category) with a score and its reasons."""

    label: str
    score: float
    reasons: list[Reason] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        """Return the suggestion as a JSON-ready mapping."""
        return {
            "label": self.label,
            "score": round(self.score, 4),
            "reasons": [r.as_dict() for r in self.reasons],
        }


@dataclass(frozen=True)
class KeywordRule:
    """Send texts matching a pattern towards a unit."""

    pattern: str
    unit: str
    weight: float = 0.3


@dataclass
class Rules:
    """Routing configuration: category → units, keyword rules and 对口 (counterpart) links."""

    category_units: dict[str, list[tuple[str, float]]] = field(default_factory=dict)
    keywords: list[KeywordRule] = field(default_factory=list)
    links: dict[str, list[str]] = field(default_factory=dict)
    link_weight: float = 0.15

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> Rules:
        """Build rules from JSON-ready data (see docs/textintel.md)."""
        cu: dict[str, list[tuple[str, float]]] = {}
        for cat, units in dict(data.get("category_units", {})).items():  # type: ignore[arg-type]
            cu[str(cat)] = [
                (u, 1.0) if isinstance(u, str) else (str(u[0]), float(u[1])) for u in units
            ]
        kws = [
            KeywordRule(str(k["pattern"]), str(k["unit"]), float(k.get("weight", 0.3)))
            for k in data.get("keywords", [])
        ]  # type: ignore[union-attr]
        links = {str(k): [str(u) for u in v] for k, v in dict(data.get("links", {})).items()}  # type: ignore[arg-type]
        return cls(cu, kws, links, float(data.get("link_weight", 0.15)))  # type: ignore[arg-type]


def suggest(
    text: str,
    model: Router | None,
    rules: Rules | None = None,
    *,
    top: int = 3,
    context: Sequence[str] = (),
    min_category_score: float = 0.05,
) -> list[Suggestion]:
    """Suggest lead units (or categories when there are no category rules), with reasons.

    Each unit collects the model score of every category mapped to it (times the mapping
    weight), plus keyword-rule weights, plus a bonus when a context key (a special committee,
    a sector) has a 对口 link to it.
    """
    rules = rules or Rules()
    totals: dict[str, float] = {}
    reasons: dict[str, list[Reason]] = {}

    def credit(unit: str, weight: float, reason: Reason) -> None:
        totals[unit] = totals.get(unit, 0.0) + weight
        reasons.setdefault(unit, []).append(reason)

    if model is not None:
        scores = model.scores([text])[0]
        for i in np.argsort(-scores):
            cat, p = model.classes[i], float(scores[i])
            if p < min_category_score:
                break
            units = rules.category_units.get(cat)
            if not rules.category_units:
                credit(cat, p, Reason("model", f"模型判断类别“{cat}”，得分 {p:.2f}", p))
            for unit, w in units or []:
                credit(
                    unit, p * w, Reason("category", f"类别“{cat}”（得分 {p:.2f}）对应{unit}", p * w)
                )
    for rule in rules.keywords:
        m = re.search(rule.pattern, text)
        if m:
            credit(
                rule.unit,
                rule.weight,
                Reason("keyword", f"文中出现“{m.group(0)}”，按规则交{rule.unit}", rule.weight),
            )
    for key in context:
        for unit in rules.links.get(key, []):
            credit(
                unit, rules.link_weight, Reason("link", f"{key}与{unit}对口联系", rules.link_weight)
            )
    ranked = sorted(totals.items(), key=lambda kv: -kv[1])[:top]
    return [Suggestion(u, s, sorted(reasons[u], key=lambda r: -r.weight)) for u, s in ranked]
