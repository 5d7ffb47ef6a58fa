"""What a leader's sentence tells, read by a classifier learned from labelled sentences.

The word lists of ``told`` were made on the tune accounts, and on the held-out ones they read
a third of the sentences right (labels of ``evals/quality/sentence-kinds-held-out-v1.yaml``):
"Twee jaar … heb ik dat netjes overgenomen … en er daarna niks mee gedaan" read as a deed and
offered as what worked. This reader puts the embedding model's vector of the sentence (it
reads meaning, in both languages) beside the word lists' verdict and the sentence's place in
its account, and a softmax regression learned from labelled sentences decides.

It reads more sentences right than the word lists, but the parts chosen with its every guess
were not judged better (labels-v12): it reads a setup as a setback, and a frame then calls it
what went wrong. Its chances are trustworthy where they are high, so the coach's reader is
``sure`` (``Settings.sentence_reader``): it names a kind only from ``SURE`` up, and a part
that names a kind never quotes a sentence it is unsure of (labels-v17: held-out 73 %
publishable, against 71 % with the word lists). Whether a sentence stands alone is read here
too (``Settings.standing_reader``).

What it learns from ships in the package (``data/sentence-kinds.yaml``): the sentences of the
tune accounts, of the demo stories and of accounts written for it, each labelled by a
reviewer. The held-out accounts' sentences are not in it; ``storycoach eval kinds`` measures
both readers on them. The classifier is fitted once per process, on first use (about a
second on 2 cores): weights derived at build time would be a second copy of the data that
could drift from it.

A regression this small is written here rather than taken from scikit-learn: it is twenty
lines of numpy, and scikit-learn with its SciPy would more than double the installed size for
them. The embedding model is always the multilingual USE (``use-multilingual``) whatever the
search uses: the classifier was fitted on its vectors.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib.resources import files

import numpy as np
import numpy.typing as npt
import yaml

from service.knowledge.embeddings import Embedder, load_embedder
from service.vocabulary import Language

from .told import Told, leans_back, told

EMBEDDER = "use-multilingual"
KINDS: tuple[str, ...] = tuple(kind.value for kind in Told if kind is not Told.UNSURE)
"""What a labelled sentence may tell."""
SURE = 0.55
"""The least chance of its likeliest kind at which the ``sure`` reader names a sentence's kind;
below it the sentence is ``Told.UNSURE``. Chosen by cross-validation over the training
accounts (eight folds of whole accounts): at 0.55, 76 % of the sentences it named were read
right (229 of the 302 it named, of 640), against 51 % of all with no floor."""
SURE_REQUEST = 0.3
"""A request is rare (33 of 640 training sentences) and its chance never reaches ``SURE``;
at 0.3, 11 of the 12 read as one were one (same cross-validation)."""
WORD_WEIGHT = 1.0
"""How much the word lists' verdict counts beside the vector (chosen by cross-validation over
the labelled accounts, one account left out at a time: 0, 1 and 2 tried)."""
L2 = 1e-3
STEPS = 500
RATE = 0.5

Matrix = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Labelled:
    text: str
    language: Language
    place: float
    kind: str
    stands_alone: bool | None = None
    """Whether the sentence quoted on its own is understood without the one before it."""


def labelled_sentences(text: str) -> list[Labelled]:
    """The labelled sentences of a YAML file of accounts (``accounts: [{id, language,
    sentences: [{text, kind}]}]``), each with its place in its account."""
    found: list[Labelled] = []
    for account in yaml.safe_load(text)["accounts"]:
        said = account["sentences"]
        last = max(len(said) - 1, 1)
        found.extend(
            Labelled(
                s["text"], Language(account["language"]), n / last, s["kind"], s.get("stands_alone")
            )
            for n, s in enumerate(said)
        )
    return found


def training_sentences() -> list[Labelled]:
    return labelled_sentences(
        files("service.quality.publishable").joinpath("data/sentence-kinds.yaml").read_text("utf-8")
    )


def _features(vectors: Matrix, words_read: list[Told], places: list[float]) -> Matrix:
    verdict = np.zeros((len(words_read), len(KINDS)))
    for row, kind in enumerate(words_read):
        verdict[row, KINDS.index(kind.value)] = 1.0
    where = np.array([[p, float(p <= 0)] for p in places]).reshape(len(places), 2)
    return np.hstack([vectors, WORD_WEIGHT * verdict, WORD_WEIGHT * where])


class SentenceKinds:
    """Two regressions fitted by full-batch gradient descent from zero (the same data gives
    the same weights on every machine): a softmax over ``_features`` for what a sentence
    tells, and a logistic one over its vector and the word rule ``leans_back`` for whether
    it stands alone (``WORD_WEIGHT`` weighs that rule too). On the held-out sentences the word
    rule alone read 51 % of "stands alone" labels right and this one 70 % (``eval kinds``)."""

    def __init__(self, examples: list[Labelled], embedder: Embedder) -> None:
        if not examples:
            raise ValueError("no labelled sentences to learn from")
        self._embedder = embedder
        vectors = self._vectors([e.text for e in examples])
        features = self._featured(vectors, [(e.text, e.language, e.place) for e in examples])
        self._weights, self._bias = _fit(features, [KINDS.index(e.kind) for e in examples])
        judged = [(n, e) for n, e in enumerate(examples) if e.stands_alone is not None]
        alone = _alone_features(vectors[[n for n, _ in judged]], [e.text for _, e in judged])
        self._alone_weights, self._alone_bias = _fit(
            alone, [int(bool(e.stands_alone)) for _, e in judged], classes=2
        )

    def _vectors(self, texts: list[str]) -> Matrix:
        return np.asarray(self._embedder.embed_passages(texts), np.float64)

    def _featured(self, vectors: Matrix, said: list[tuple[str, Language, float]]) -> Matrix:
        words_read = [told(s, language, place) for s, language, place in said]
        return _features(vectors, words_read, [place for _, _, place in said])

    def read(self, said: list[tuple[str, Language, float]], *, sure: bool = False) -> list[Told]:
        """What each ``(sentence, language, place)`` tells; with ``sure``, ``Told.UNSURE``
        where the likeliest kind's chance is below ``SURE``."""
        if not said:
            return []
        words_read = [told(s, language, place) for s, language, place in said]
        vectors = self._vectors([s for s, _, _ in said])
        features = _features(vectors, words_read, [place for _, _, place in said])
        chances = _softmax(features @ self._weights + self._bias)
        kinds = [Told(KINDS[k]) for k in chances.argmax(axis=1)]
        if not sure:
            return kinds
        return [
            kind if row[KINDS.index(kind)] >= _floor(kind) else _words_if_sure(by_words)
            for row, kind, by_words in zip(chances, kinds, words_read, strict=True)
        ]

    def stands_alone(self, sentences: list[str]) -> list[bool]:
        """Whether each sentence, quoted on its own, is understood without the one before it."""
        if not sentences:
            return []
        features = _alone_features(self._vectors(sentences), sentences)
        best = (features @ self._alone_weights + self._alone_bias).argmax(axis=1)
        return [bool(k) for k in best]


def _floor(kind: Told) -> float:
    return SURE_REQUEST if kind is Told.REQUEST else SURE


WORDS_SURE = frozenset({Told.LESSON, Told.REQUEST})
"""What the word lists read rightly often enough for the ``sure`` reader to take their word
where the learned chance is low: on the training sentences, 11 of the 12 read as a lesson
were one ("Ik heb geleerd …"), and the one read as a request was one."""


def _words_if_sure(words_read: Told) -> Told:
    return words_read if words_read in WORDS_SURE else Told.UNSURE


def _fit(features: Matrix, targets: list[int], classes: int = len(KINDS)) -> tuple[Matrix, Matrix]:
    """Softmax regression weights and bias for ``targets`` (class numbers)."""
    wanted = np.eye(classes)[targets]
    weights = np.zeros((features.shape[1], classes))
    bias = np.zeros(classes)
    for _ in range(STEPS):
        error = (_softmax(features @ weights + bias) - wanted) / len(targets)
        weights -= RATE * (features.T @ error + L2 * weights)
        bias -= RATE * error.sum(axis=0)
    return weights, bias


def _alone_features(vectors: Matrix, sentences: list[str]) -> Matrix:
    leaning = np.array([[float(leans_back(s))] for s in sentences]).reshape(len(sentences), 1)
    return np.hstack([vectors, WORD_WEIGHT * leaning])


def _softmax(scores: Matrix) -> Matrix:
    shifted: Matrix = np.exp(scores - scores.max(axis=1, keepdims=True))
    total: Matrix = shifted.sum(axis=1, keepdims=True)
    return shifted / total


@cache
def learned_reader() -> SentenceKinds:
    """The reader fitted on the package's labelled sentences, once per process."""
    return SentenceKinds(training_sentences(), load_embedder(EMBEDDER))
