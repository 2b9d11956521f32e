"""What the filters learned: a hand-made model with known detectors, then a model trained on MR."""

from __future__ import annotations

from functools import cache

import keras
import numpy as np
import pytest

from convlab.errors import InputError
from convlab.textcnn import kim, mining
from convlab.textcnn.hyperparameters import Hyperparameters
from tests.mr import SMALL_ROWS, mr, small_fit

# A model whose filters are known -------------------------------------------------------------

WORDS = ("<pad>", "<unk>", "not", "good", "bad", "movie", "a", "very")
NOT, GOOD, BAD, MOVIE = 2, 3, 4, 5


@cache
def detectors() -> kim.TextCNN:
    """One-hot words; 2-gram filter 0 fires exactly on "not good", filter 1 on "bad movie".

    Filter 0 votes for class "neg" (weight 2 against 0), filter 1 for "pos"
    (a sarcastic corpus). Built as a real Keras model, so the arrays mining
    reads come from Keras layers.
    """
    vocab = kim.Vocabulary(WORDS)
    table = np.eye(len(WORDS), dtype=np.float32)
    table[0] = 0
    kernel = np.zeros((2, len(WORDS), 2), np.float32)
    kernel[0, NOT, 0] = kernel[1, GOOD, 0] = 1.0
    kernel[0, BAD, 1] = kernel[1, MOVIE, 1] = 1.0
    model = kim.build(table, 2, Hyperparameters(kernel_sizes=(2,), filters=2))
    conv = next(layer for layer in model.layers if isinstance(layer, keras.layers.Conv1D))
    conv.set_weights([kernel, np.array([-1.0, -1.0], np.float32)])
    dense = model.layers[-1]
    dense.set_weights([np.array([[2.0, 0.0], [0.0, 1.5]], np.float32), np.zeros(2, np.float32)])
    return kim.TextCNN(model, vocab, ("neg", "pos"), length=4)


SENTENCES = [
    "not good at all",
    "a very bad movie",
    "good , not bad",
    "a movie not good",
    "very good movie",
]
LABELS = np.array([0, 1, 0, 0, 1])


def mined_detectors(min_count: int = 1) -> mining.Mining:
    cnn = detectors()
    tokens = [s.split() for s in SENTENCES]
    return mining.mine(cnn.weights, tokens, cnn.encode(tokens), LABELS, cnn.classes, min_count)


def test_hand_made_filters_fire_exactly_on_their_bigram() -> None:
    found = mined_detectors()
    assert found.scan.pooled[:, 0].tolist() == [1, 0, 0, 1, 0]  # "not good": 1 + 1 - 1
    assert found.scan.pooled[:, 1].tolist() == [0, 1, 0, 0, 0]  # "bad movie"
    (hit, *others) = found.top(0, 5)
    assert (hit.ngram, hit.activation, hit.sentence, hit.start) == ("not good", 1.0, 0, 0)
    assert all(h.activation <= 0 for h in others)  # every other bigram is below the bias
    assert found.slots(hit, 0) == ([1.0, 1.0], -1.0)
    assert found.top(1, 1)[0].ngram == "bad movie"


def test_class_weight_and_importance_come_from_the_dense_layer() -> None:
    w = detectors().weights
    assert w.classes.tolist() == [0, 1]
    assert w.weight.tolist() == [2.0, 1.5]
    assert w.names == ["n2·f0", "n2·f1"]
    assert mined_detectors().order().tolist() == [0, 1]


def test_purity_counts_sentences_above_the_threshold() -> None:
    purity, above = mined_detectors().purity(0.5)
    # filter 0 scores 1 on sentences 0 and 3, both labelled neg; filter 1 on sentence 1 (pos).
    assert above.tolist() == [2, 1] and purity.tolist() == [1.0, 1.0]
    purity, above = mined_detectors().purity(0.0)
    assert above.tolist() == [2, 1]  # scores of exactly 0 are not above a threshold of 0


def test_repeated_ngrams_are_listed_once() -> None:
    top = mined_detectors().top(0, 3)
    assert [h.ngram for h in top].count("not good") == 1
    assert top[0].sentence == 0  # the first sentence stands for the repeats


def test_min_count_hides_rare_words() -> None:
    found = mined_detectors(min_count=2)  # "movie" occurs 3 times, "bad" twice, "at" once
    assert "at" not in " ".join(h.ngram for j in range(2) for h in found.top(j, 10))
    np.testing.assert_array_equal(found.scan.pooled, mined_detectors().scan.pooled)
    with pytest.raises(InputError):
        mined_detectors(min_count=0)


def test_explain_a_sentence() -> None:
    cnn = detectors()
    tokens = ["this", "is", "not", "good"]
    story = mining.explain(cnn.weights, tokens, cnn.encode([tokens])[0])
    assert story.pooled.tolist() == [1.0, 0.0]
    assert story.start.tolist() == [2, -1]  # filter 1 never fires: no n-gram is its max
    assert story.predicted == 0
    np.testing.assert_allclose(story.probabilities, cnn.predict([tokens])[0], atol=1e-6)
    assert story.contributions.tolist() == [2.0, 0.0]
    log_odds = np.log(story.probabilities[0] / story.probabilities[1])
    assert story.bias + story.contributions.sum() == pytest.approx(log_odds)


def test_classes_must_match_in_number() -> None:
    mining.check_classes(("neg", "pos"), ("0", "1"))
    with pytest.raises(InputError) as err:
        mining.check_classes(("neg", "pos"), ("a", "b", "c"))
    assert err.value.key == "err.class_mismatch"


# A model trained on MR ---------------------------------------------------------------------------


@cache
def mr_slice() -> tuple[kim.TextCNN, list[list[str]], list[np.ndarray]]:
    cnn = small_fit().cnn
    tokens = kim.tokens_of(mr().sample(SMALL_ROWS).texts)
    return cnn, tokens, cnn.encode(tokens)


def keras_pooled(cnn: kim.TextCNN, ids: list[np.ndarray]) -> np.ndarray:
    """GlobalMaxPooling1D's outputs from Keras itself, concatenated in the model's order."""
    pools = [
        la.output for la in cnn.model.layers if isinstance(la, keras.layers.GlobalMaxPooling1D)
    ]
    probe = keras.Model(cnn.model.inputs, keras.layers.Concatenate()(pools))
    return np.asarray(probe.predict(cnn.vocab.matrix(ids, cnn.length), verbose=0))


def test_slot_contributions_plus_bias_equal_the_pooled_activation() -> None:
    cnn, tokens, ids = mr_slice()
    data = mr().sample(SMALL_ROWS)
    found = mining.mine(cnn.weights, tokens, ids, data.labels, data.classes)
    pooled = keras_pooled(cnn, ids)
    np.testing.assert_allclose(found.scan.pooled, pooled, atol=1e-5)
    checked = 0
    for j in range(cnn.weights.filters):
        for hit in found.top(j, 5):
            terms, bias = found.slots(hit, j)
            assert sum(terms) + bias == pytest.approx(pooled[hit.sentence, j], abs=1e-5)
            checked += 1
    assert checked == 5 * cnn.weights.filters


def test_batches_do_not_change_the_scores() -> None:
    cnn, _, ids = mr_slice()
    some = list(range(0, 3000, 97))
    batched = mining.scan(cnn.weights, ids)
    for s in some:
        alone = mining.scan(cnn.weights, [ids[s]])
        np.testing.assert_allclose(alone.pooled[0], batched.pooled[s], atol=1e-6)
        assert alone.start[0].tolist() == batched.start[s].tolist()


def test_most_positive_and_most_negative_filters_detect_different_ngrams() -> None:
    cnn, tokens, ids = mr_slice()
    data = mr().sample(SMALL_ROWS)
    found = mining.mine(cnn.weights, tokens, ids, data.labels, data.classes, min_count=3)
    w = cnn.weights
    by_class = {c: [j for j in found.order() if w.classes[j] == c] for c in (0, 1)}
    most_negative, most_positive = by_class[0][0], by_class[1][0]
    negative = {h.ngram for h in found.top(most_negative, 10)}
    positive = {h.ngram for h in found.top(most_positive, 10)}
    assert len(negative) == len(positive) == 10
    assert not negative & positive
    counts = {}
    for sentence in tokens:
        for token in sentence:
            counts[token] = counts.get(token, 0) + 1
    assert all(counts[word] >= 3 for g in negative | positive for word in g.split() if word != "∅")
    purity, _ = found.purity(0.5)
    assert np.nanmean(purity[[most_negative, most_positive]]) > 0.6


def test_report_lists_every_filter_by_importance() -> None:
    cnn, tokens, ids = mr_slice()
    data = mr().sample(SMALL_ROWS)
    report = mining.mine(cnn.weights, tokens, ids, data.labels, data.classes, 3).report(4)
    assert len(report) == cnn.weights.filters == 32
    weights = [f["weight"] for f in report]
    assert weights == sorted(weights, reverse=True)
    assert {f["kernel_size"] for f in report} == {3, 4}
    assert all(
        len(f["top"]) == 4 and len(f["top"][0]["ngram"].split()) == f["kernel_size"] for f in report
    )
    with pytest.raises(InputError):
        mining.mine(cnn.weights, tokens, ids, data.labels, data.classes).report(0)
