"""Word and character n-gram TF-IDF features whose fitted state saves as JSON and .npy."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer


@dataclass(frozen=True)
class Doc:
    """A document as words plus the compact character string the words came from."""

    words: tuple[str, ...]

    @property
    def chars(self) -> str:
        """Return the words joined without separators."""
        return "".join(self.words)


def word_ngrams(doc: Doc) -> list[str]:
    """Return unigrams and adjacent-word bigrams of a document."""
    w = doc.words
    return [*w, *(f"{a} {b}" for a, b in zip(w, w[1:], strict=False))]


def char_ngrams(doc: Doc, lo: int = 1, hi: int = 3) -> list[str]:
    """Return character n-grams of a document's compact string."""
    s = doc.chars
    return [s[i : i + n] for n in range(lo, hi + 1) for i in range(len(s) - n + 1)]


_ANALYZERS = {"word12": word_ngrams, "char13": char_ngrams}


class Featurizer:
    """Concatenate word-bigram and character-trigram TF-IDF blocks, each L2-normalised.

    scikit-learn fits the vocabularies; transforming uses plain dictionaries so that a loaded
    model needs no scikit-learn state and one short text is featurised in well under a millisecond.
    """

    def __init__(
        self,
        *,
        min_df: int = 2,
        max_df: float = 0.5,
        analyzers: tuple[str, ...] = ("word12", "char13"),
    ) -> None:
        self.min_df = min_df
        self.max_df = max_df
        self.analyzers = analyzers
        self.vocabularies: list[dict[str, int]] = []
        self.idfs: list[np.ndarray] = []

    def fit_transform(self, docs: list[Doc]) -> sparse.csr_matrix:
        """Learn vocabularies and IDF weights, and return the training matrix."""
        self.vocabularies, self.idfs = [], []
        blocks = []
        for name in self.analyzers:
            v = TfidfVectorizer(
                analyzer=_ANALYZERS[name],
                sublinear_tf=True,
                min_df=self.min_df,
                max_df=self.max_df,
                dtype=np.float32,
            )
            blocks.append(v.fit_transform(docs))
            self.vocabularies.append(dict(v.vocabulary_))
            self.idfs.append(v.idf_.astype(np.float32))
        return sparse.hstack(blocks, format="csr")

    def transform(self, docs: list[Doc]) -> sparse.csr_matrix:
        """Return the feature matrix of documents."""
        indptr = [0]
        indices: list[np.ndarray] = []
        values: list[np.ndarray] = []
        for doc in docs:
            idx, val = self.vector(doc)
            indices.append(idx)
            values.append(val)
            indptr.append(indptr[-1] + len(idx))
        return sparse.csr_matrix(
            (
                np.concatenate(values) if values else np.zeros(0, np.float32),
                np.concatenate(indices) if indices else np.zeros(0, np.int64),
                indptr,
            ),
            shape=(len(docs), self.n_features),
        )

    def vector(self, doc: Doc) -> tuple[np.ndarray, np.ndarray]:
        """Return the (column, weight) pairs of one document."""
        all_idx: list[np.ndarray] = []
        all_val: list[np.ndarray] = []
        base = 0
        for name, vocab, idf in zip(self.analyzers, self.vocabularies, self.idfs, strict=True):
            counts: dict[int, int] = {}
            for term in _ANALYZERS[name](doc):
                j = vocab.get(term)
                if j is not None:
                    counts[j] = counts.get(j, 0) + 1
            if counts:
                idx = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
                tf = np.fromiter(counts.values(), dtype=np.float32, count=len(counts))
                val = (1.0 + np.log(tf)) * idf[idx]
                val /= np.linalg.norm(val) or 1.0
                all_idx.append(idx + base)
                all_val.append(val.astype(np.float32))
            base += len(vocab)
        if not all_idx:
            return np.zeros(0, np.int64), np.zeros(0, np.float32)
        return np.concatenate(all_idx), np.concatenate(all_val)

    @property
    def n_features(self) -> int:
        """Return the width of the feature matrix."""
        return sum(len(v) for v in self.vocabularies)

    def save(self, path: Path) -> None:
        """Write vocabularies as JSON and IDF weights as .npy under a directory."""
        meta = {"min_df": self.min_df, "max_df": self.max_df, "analyzers": list(self.analyzers)}
        (path / "features.json").write_text(json.dumps(meta), encoding="utf-8")
        for name, vocab, idf in zip(self.analyzers, self.vocabularies, self.idfs, strict=True):
            terms = sorted(vocab, key=vocab.__getitem__)
            (path / f"vocab_{name}.json").write_text(
                json.dumps(terms, ensure_ascii=False), encoding="utf-8"
            )
            np.save(path / f"idf_{name}.npy", idf)

    @classmethod
    def load(cls, path: Path) -> Featurizer:
        """Read a featurizer written by save()."""
        meta = json.loads((path / "features.json").read_text(encoding="utf-8"))
        names = tuple(meta["analyzers"])
        unknown = set(names) - set(_ANALYZERS)
        if unknown:
            raise ValueError(f"unknown analyzers {sorted(unknown)}")
        feat = cls(min_df=meta["min_df"], max_df=meta["max_df"], analyzers=names)
        for name in names:
            terms = json.loads((path / f"vocab_{name}.json").read_text(encoding="utf-8"))
            idf = np.load(path / f"idf_{name}.npy", allow_pickle=False).astype(np.float32)
            if len(idf) != len(terms):
                raise ValueError(f"{path}: vocabulary and IDF of {name} differ in length")
            feat.vocabularies.append({t: i for i, t in enumerate(terms)})
            feat.idfs.append(idf)
        return feat
