"""The embedded vectors load safely, and a sentence becomes the right (words, D) matrix."""

import numpy as np
import pytest
from gensim.models import KeyedVectors
from hypothesis import given
from hypothesis import strategies as st

from convlab.errors import InputError
from convlab.tokenize import MAX_TOKENS
from convlab.vectors.sets import (
    VectorSet,
    embed,
    embed_sentence,
    keyed_vectors,
    load_builtin,
    oov_vector,
)


@pytest.fixture(scope="module")
def md300():
    return load_builtin("md300")


def test_default_set_is_300d_and_says_what_it_is(md300) -> None:
    assert (md300.dim, md300.size) == (300, 50_000)
    assert md300.kv.vectors.dtype == np.float32
    assert md300.licence == "CC0-1.0"
    assert "en_core_web_md" in md300.title


def test_pruning_is_measured_not_read_from_metadata(md300) -> None:
    assert md300.distinct == len(np.unique(md300.kv.vectors, axis=0))
    assert md300.distinct == md300.meta["distinct_vectors"] == 4963
    assert ("good", "bad") in md300.shared_opposites
    np.testing.assert_array_equal(md300.kv["good"], md300.kv["bad"])


@given(
    words=st.lists(st.sampled_from(["the", "cat", "sat", "on", "mat", "猫"]), min_size=1),
    seed=st.integers(0, 2**16),
)
def test_keyed_vectors_match_gensims_add_vectors(words: list[str], seed: int) -> None:
    """The copy-free table answers as gensim's own ``add_vectors`` does, repeated words too."""
    rows = np.random.default_rng(seed).standard_normal((len(words), 4)).astype(np.float32)
    ours = keyed_vectors(words, rows)
    gensims = KeyedVectors(vector_size=4, count=0, dtype=np.float32)
    gensims.add_vectors(words, rows)
    assert ours.index_to_key == gensims.index_to_key
    assert ours.key_to_index == gensims.key_to_index
    np.testing.assert_array_equal(ours.vectors, gensims.vectors)
    for word in set(words):
        np.testing.assert_array_equal(ours[word], gensims[word])
    assert ours.most_similar(words[0], topn=3) == gensims.most_similar(words[0], topn=3)
    assert np.shares_memory(ours.vectors, rows)  # no copy: the point of it


@given(
    table=st.lists(st.sampled_from([0.0, -0.0, 1.0, 0.5]), min_size=6, max_size=6).map(
        lambda v: np.array(v, np.float32).reshape(3, 2)
    ),
    rows=st.lists(st.integers(0, 2), min_size=1, max_size=8),
)
def test_a_shared_table_answers_as_its_expanded_rows(table: np.ndarray, rows: list[int]) -> None:
    """A built-in set keeps distinct rows and a row per word: the same set, row for row."""
    words = [f"w{i}" for i in range(len(rows))]
    shared = VectorSet("s", words, table, np.array(rows), {})
    expanded = VectorSet("e", words, table[rows], None, {})
    np.testing.assert_array_equal(shared.vectors, expanded.vectors)
    for word in words:
        np.testing.assert_array_equal(shared.vector(word), expanded.vector(word))
    assert shared.distinct == expanded.distinct  # -0.0 and 0.0 differ: bytes are compared
    assert shared.distinct == len({row.tobytes() for row in table[rows]})


def test_a_lesson_never_expands_the_built_in_table() -> None:
    """Embedding, coverage and the sidebar's facts use the distinct rows, not 60 MB of copies."""
    vs = load_builtin("md300")
    embed_sentence("It's not a bad movie at all.", vs)
    facts = (vs.size, vs.dim, vs.distinct, vs.key, vs.shared_opposites, vs.covers(["movie"]))
    assert facts[:3] == (50_000, 300, 4963)
    assert "vectors" not in vs.__dict__ and "kv" not in vs.__dict__
    assert vs.table.shape == (4963, 300)


def test_glove_has_no_shared_opposites() -> None:
    glove = load_builtin("glove50")
    assert glove.dim == 50
    assert glove.shared_opposites == []


def test_unknown_builtin_is_an_input_error() -> None:
    with pytest.raises(InputError) as err:
        load_builtin("nope")
    assert err.value.key == "err.no_builtin"


def test_sentence_rows_are_the_word_vectors(md300) -> None:
    emb = embed_sentence("It's not a bad movie", md300)
    assert emb.tokens == ["it", "'s", "not", "a", "bad", "movie"]
    assert emb.matrix.shape == (6, 300)
    assert emb.found == [True] * 6
    np.testing.assert_array_equal(emb.matrix[5], md300.kv["movie"])
    assert emb.norms[5] == pytest.approx(float(np.linalg.norm(md300.kv["movie"])))


def test_oov_zero_keeps_a_zero_row(md300) -> None:
    emb = embed(["movie", "qwxzv"], md300, "zero")
    assert emb.found == [True, False]
    assert emb.matrix.shape == (2, 300)
    assert not emb.matrix[1].any()
    assert emb.norms[1] == 0.0


def test_oov_skip_drops_the_row_but_remembers_the_token(md300) -> None:
    emb = embed(["qwxzv", "movie"], md300, "skip")
    assert emb.tokens == ["qwxzv", "movie"]
    assert emb.words == ["movie"]
    assert emb.kept == [False, True]
    assert emb.matrix.shape == (1, 300)
    assert emb.norms == [None, pytest.approx(float(np.linalg.norm(md300.kv["movie"])))]


def test_oov_random_is_seeded_per_word(md300) -> None:
    emb = embed(["qwxzv", "movie", "qwxzv"], md300, "random", seed=3)
    np.testing.assert_array_equal(emb.matrix[0], emb.matrix[2])
    np.testing.assert_array_equal(emb.matrix[0], oov_vector("qwxzv", 300, 3))
    assert np.abs(emb.matrix[0]).max() <= 0.25
    assert not np.array_equal(oov_vector("qwxzv", 300, 3), oov_vector("qwxzv", 300, 4))


def test_oov_random_is_the_same_on_every_machine() -> None:
    # PCG64 seeded from (seed, crc32(word)) is platform-independent: pin a few values.
    np.testing.assert_allclose(
        oov_vector("qwxzv", 4, 0), [0.0135909, -0.1282230, 0.0370760, 0.0485061], atol=1e-6
    )


def test_all_oov_sentence_still_gives_a_zero_matrix(md300) -> None:
    emb = embed_sentence("😀 日本語 שלום", md300)
    assert emb.tokens == ["😀", "日本", "語", "שלום"]
    assert emb.found == [False, False, False, False]
    assert emb.matrix.shape == (4, 300)
    assert not emb.matrix.any()


def test_long_input_is_truncated_with_a_count(md300) -> None:
    emb = embed_sentence("movie " * (MAX_TOKENS + 7), md300)
    assert emb.matrix.shape == (MAX_TOKENS, 300)
    assert emb.truncated == 7


def test_unknown_policy_is_an_input_error(md300) -> None:
    with pytest.raises(InputError) as err:
        embed(["movie"], md300, "guess")
    assert err.value.key == "err.choice"


def test_empty_sentence_gives_an_empty_matrix(md300) -> None:
    emb = embed_sentence("  ", md300)
    assert emb.matrix.shape == (0, 300)
    assert emb.tokens == []


@pytest.mark.parametrize(
    ("sentence", "oov", "key"),
    [("   ", "zero", "err.no_words"), ("😀 日本語", "skip", "err.all_skipped")],
)
def test_a_matrix_without_rows_says_why(md300, sentence: str, oov: str, key: str) -> None:
    with pytest.raises(InputError) as err:
        embed_sentence(sentence, md300, oov).require_words()
    assert err.value.key == key


def test_a_matrix_with_rows_is_accepted(md300) -> None:
    embed_sentence("😀 movie", md300, "skip").require_words()
