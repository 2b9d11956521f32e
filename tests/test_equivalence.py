"""The lesson's claim, measured: Conv1D over word vectors is Conv2D with an (n, D) kernel.

Conv1D, the (n, D) "image" Conv2D, the (1, n) "channels" Conv2D and the NumPy
sliding window are run on the same random sentence and the same seeded
weights, in float32 and float64, and must give the same numbers.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from convlab import arithmetic
from convlab.errors import InputError
from convlab.lesson import equivalence, forms, keras_layers, ngrams
from convlab.lesson.equivalence import PAIRS, TOLERANCE, Comparison
from convlab.lesson.layer import ACTIVATIONS, ConvLayer

SENTENCE = ["the", "movie", "was", "not", "good", "at", "all"]
KERAS_PAIRS = (("conv1d", "conv2d"), ("conv1d", "conv2d_channels"), ("conv2d", "conv2d_channels"))


def sentence_matrix(words: int, dim: int, seed: int = 0) -> np.ndarray:
    """A (words, D) stand-in for word vectors: seeded standard normal, float64."""
    return np.random.default_rng(seed).normal(size=(words, dim))


# ---------------------------------------------------------------------------
# The property


@settings(deadline=None, max_examples=40)
@given(
    words=st.integers(1, 12),
    dim=st.one_of(st.integers(1, 40), st.just(300)),
    n=st.integers(1, 6),
    filters=st.integers(1, 8),
    padding=st.sampled_from(arithmetic.PADDINGS),
    sd=st.tuples(st.integers(1, 4), st.integers(1, 4)).filter(lambda sd: 1 in sd),
    activation=st.sampled_from(ACTIVATIONS),
    init=st.sampled_from(("glorot_uniform", "ones")),
    seed=st.integers(0, 2**31 - 1),
    x_seed=st.integers(0, 2**32 - 1),
)
def test_every_form_agrees_with_conv1d(
    words, dim, n, filters, padding, sd, activation, init, seed, x_seed
):
    strides, dilation = sd
    conv = ConvLayer(n, filters, padding, strides, dilation, activation, init, seed)
    x = sentence_matrix(words, dim, x_seed)

    if padding == "valid" and words < conv.span:
        with pytest.raises(InputError) as err:
            conv.steps(words)
        assert err.value.key == "err.too_few_words"
        with pytest.raises(InputError):
            ngrams.conv1d(x, np.ones((n, dim, filters)), np.zeros(filters), conv)
        return

    steps = conv.steps(words)
    kernel, bias = keras_layers.init_weights(conv, dim)
    # The Conv1D page shows these from the arithmetic before TensorFlow is loaded.
    assert kernel.shape == (n, dim, filters)
    assert kernel.size + bias.size == conv.params(dim)
    scale = max(1.0, ngrams.magnitude(x, kernel, bias, conv))
    for dtype in keras_layers.DTYPES:
        result = equivalence.compare(x, kernel, bias, conv, dtype)
        out = result.outputs
        layouts = forms.layouts(conv, words, dim)
        # Jacovi's flat sentence has no word axis to dilate; every other form says everything.
        assert result.reasons == (
            {"jacovi": "forms.reason.jacovi_dilation"} if dilation > 1 else {}
        )
        assert set(out) == {*forms.FORMS, "numpy"} - set(result.reasons)
        assert out["conv1d"].shape == (1, steps, filters)
        assert out["conv2d"].shape == (1, steps, 1, filters)
        assert out["conv2d_channels"].shape == (1, 1, steps, filters)
        assert out["kim"].shape == (1, filters, steps, 1)
        assert out["numpy"].shape == (steps, filters)
        for form, y in out.items():
            assert y.dtype == np.dtype(dtype), form
            assert np.isfinite(y).all(), form
            assert result.squeezed(form).shape == (steps, filters)
            if form != "numpy":
                assert y.shape == layouts[form].output_shape, form
        if activation == "relu":
            assert (result.squeezed("conv1d") >= 0).all()

        # Layers that run the very same Keras kernel as Conv1D (conv2d's is NHWC TF Conv2D):
        # within TOLERANCE outright (in practice bit-identical).
        for a, b in KERAS_PAIRS:
            assert result.max_abs_diff(a, b) <= TOLERANCE[dtype], (dtype, a, b)
        # Every road, and NumPy, against Conv1D: relative to the size of the cells' sums.
        for form in (*forms.FORMS[1:], "numpy"):
            diff = result.road(form)
            if form in result.reasons:
                assert diff is None
            else:
                assert diff <= TOLERANCE[dtype] * scale, (dtype, form, diff, scale)
        for a, b in PAIRS:
            assert result.max_abs_diff(a, b) <= TOLERANCE[dtype] * scale, (dtype, a, b, scale)


def test_im2col_is_one_matrix_product_of_the_windows():
    """Row t of the unfolded matrix is window t laid end to end; times W it is the layer."""
    conv = ConvLayer(n=2, filters=3, padding="causal", dilation=2)
    x = np.arange(12.0).reshape(4, 3)
    cols = forms.unfold(x, conv)
    # causal, span 3: two zero rows before; step t reads rows t−2 and t.
    np.testing.assert_array_equal(cols[0], [0, 0, 0, 0, 1, 2])
    np.testing.assert_array_equal(cols[3], [3, 4, 5, 9, 10, 11])
    kernel = np.arange(18.0).reshape(2, 3, 3)
    bias = np.array([1.0, -1.0, 0.5])
    y = forms.im2col(x, kernel, bias, conv)
    by_hand = [
        sum(x[i] @ kernel[slot, :, f] for slot, i in enumerate((t - 2, t)) if i >= 0) + bias[f]
        for t in range(4)
        for f in range(3)
    ]
    np.testing.assert_allclose(y.ravel(), by_hand)


def test_layouts_of_the_six_forms():
    conv = ConvLayer(n=3, filters=4, padding="same", strides=2)
    shown = forms.layouts(conv, 9, 300)
    assert list(shown) == list(forms.FORMS)
    assert {
        name: (lay.input_shape, lay.kernel_shape, lay.output_shape) for name, lay in shown.items()
    } == {
        "conv1d": ((1, 9, 300), (3, 300, 4), (1, 5, 4)),
        "conv2d": ((1, 9, 300, 1), (3, 300, 1, 4), (1, 5, 1, 4)),
        "conv2d_channels": ((1, 1, 9, 300), (1, 3, 300, 4), (1, 1, 5, 4)),
        "kim": ((1, 1, 9, 300), (3, 300, 1, 4), (1, 4, 5, 1)),
        "jacovi": ((1, 2700, 1), (900, 1, 4), (1, 5, 4)),
        "im2col": ((5, 900), (900, 4), (5, 4)),
    }
    # same, s=2, 9 words: 5 steps read (5−1)·2 + 3 = 11 rows: one zero row each side.
    assert shown["jacovi"].strides == "600"
    assert shown["jacovi"].padding == "ZeroPadding1D((300, 300)) + 'valid'"
    assert shown["kim"].padding == "ZeroPadding2D(((0, 0), (1, 1))) + 'valid'"
    assert all(lay.reason is None for lay in shown.values())
    dilated = forms.layouts(ConvLayer(dilation=2), 9, 300)
    assert [name for name, lay in dilated.items() if lay.reason] == ["jacovi"]


# ---------------------------------------------------------------------------
# The verdict the Conv2D page shows


@pytest.mark.parametrize(
    ("x", "n", "padding"),
    [
        # Unit-normal "word vectors", a ones kernel over 3 × 300 inputs: outputs ~ ±50.
        (sentence_matrix(12, 300), 3, "same"),
        (sentence_matrix(12, 300), 6, "valid"),
    ],
    ids=["normal-n3-same", "normal-n6-valid"],
)
def test_verdict_does_not_call_a_correct_layer_different(x, n, padding):
    """Float32 rounding alone must not make the page say "differ".

    TOLERANCE is an absolute 1e-5, but float32 has only ~7 significant digits:
    once outputs reach tens, NumPy's and TensorFlow's different summation
    orders disagree by more than 1e-5 although both are correct. float64
    confirms the layers are right, and the float32 gap is a few ulps of |y|.
    """
    conv = ConvLayer(n=n, filters=8, padding=padding, init="ones")
    kernel, bias = keras_layers.init_weights(conv, x.shape[1])
    f64 = equivalence.compare(x, kernel, bias, conv, "float64")
    assert all(f64.verdict(a, b) != "differ" for a, b in PAIRS)
    f32 = equivalence.compare(x, kernel, bias, conv, "float32")
    ulp = float(np.spacing(np.abs(f32.squeezed("numpy")).max().astype("float32")))
    assert f32.max_abs_diff("conv1d", "numpy") <= 64 * ulp
    verdicts = {(a, b): f32.verdict(a, b) for a, b in PAIRS}
    assert "differ" not in verdicts.values(), (verdicts, f32.max_abs_diff("conv1d", "numpy"))


def test_compare_refuses_a_too_short_sentence_with_input_error():
    conv = ConvLayer(n=4)
    x = sentence_matrix(2, 5)
    kernel, bias = keras_layers.init_weights(conv, 5)
    with pytest.raises(InputError) as err:
        equivalence.compare(x, kernel, bias, conv)
    assert err.value.key == "err.too_few_words"


def comparison(dtype: str, delta: float) -> Comparison:
    """Every form holds the same (2, 3) matrix except conv2d, which is off by ``delta`` once."""
    y = np.arange(6, dtype="float64").reshape(2, 3) / 7
    off = y.copy()
    off[1, 2] += delta
    return Comparison(
        dtype,
        {
            "conv1d": y.reshape(1, 2, 3),
            "conv2d": off.reshape(1, 2, 1, 3),
            "conv2d_channels": y.reshape(1, 1, 2, 3),
            "numpy": y.copy(),
        },
    )


@pytest.mark.parametrize(
    ("dtype", "delta", "verdict"),
    [
        ("float32", 0.0, "identical"),
        ("float32", 1e-6, "agree"),
        ("float32", -9e-6, "agree"),
        ("float32", 2e-5, "differ"),
        ("float32", -0.5, "differ"),
        ("float64", 0.0, "identical"),
        ("float64", 1e-12, "agree"),
        ("float64", 1e-9, "differ"),
        ("float64", 1e-6, "differ"),
    ],
)
def test_verdict(dtype, delta, verdict):
    c = comparison(dtype, delta)
    assert c.max_abs_diff("conv1d", "conv2d") == pytest.approx(abs(delta), rel=1e-3, abs=0)
    assert c.verdict("conv1d", "conv2d") == verdict
    assert c.verdict("conv2d", "conv1d") == verdict
    assert c.verdict("conv1d", "conv2d_channels") == "identical"
    assert c.verdict("conv1d", "numpy") == "identical"


def test_verdict_at_the_tolerance_is_agree():
    zero = np.zeros((1, 2))
    edge = np.array([[0.0, TOLERANCE["float32"]]])
    c = Comparison("float32", {"numpy": zero, "conv1d": zero[None], "conv2d": edge[None, :, None]})
    assert c.max_abs_diff("conv1d", "conv2d") == TOLERANCE["float32"]
    assert c.verdict("conv1d", "conv2d") == "agree"
    assert TOLERANCE == {"float32": 1e-5, "float64": 1e-10}


# ---------------------------------------------------------------------------
# Which words each output row saw


def test_valid_trigrams():
    conv = ConvLayer(n=3)
    idx = ngrams.window_indices(len(SENTENCE), conv)
    np.testing.assert_array_equal(idx, [[0, 1, 2], [1, 2, 3], [2, 3, 4], [3, 4, 5], [4, 5, 6]])
    assert ngrams.phrases(SENTENCE, conv) == [
        "the movie was",
        "movie was not",
        "was not good",
        "not good at",
        "good at all",
    ]


def test_same_trigrams_pad_both_ends():
    conv = ConvLayer(n=3, padding="same")
    idx = ngrams.window_indices(len(SENTENCE), conv)
    assert idx.shape == (7, 3)
    np.testing.assert_array_equal(idx[0], [ngrams.PAD, 0, 1])
    np.testing.assert_array_equal(idx[-1], [5, 6, ngrams.PAD])
    got = ngrams.phrases(SENTENCE, conv)
    assert got[0] == "∅ the movie"
    assert got[1] == "the movie was"
    assert got[-1] == "at all ∅"
    assert ngrams.phrases(SENTENCE, conv, pad="<pad>")[0] == "<pad> the movie"


def test_causal_dilated_bigrams_look_back_only():
    conv = ConvLayer(n=2, padding="causal", dilation=2)
    got = ngrams.phrases(SENTENCE, conv)
    assert got == [
        "∅ the",
        "∅ movie",
        "the was",
        "movie not",
        "was good",
        "not at",
        "good all",
    ]
    # Step t ends on word t: causal never sees the future.
    np.testing.assert_array_equal(ngrams.window_indices(len(SENTENCE), conv)[:, -1], range(7))


def test_strided_windows():
    conv = ConvLayer(n=2, strides=3)
    assert ngrams.phrases(SENTENCE, conv) == ["the movie", "not good"]
    conv = ConvLayer(n=3, padding="same", strides=2)
    assert ngrams.phrases(SENTENCE, conv) == [
        "∅ the movie",
        "movie was not",
        "not good at",
        "at all ∅",
    ]


@pytest.mark.parametrize(
    "conv",
    [
        ConvLayer(n=3, filters=4, seed=1),
        ConvLayer(n=4, filters=3, padding="same", seed=2),
        ConvLayer(n=2, filters=2, padding="causal", dilation=3, seed=3),
        ConvLayer(n=3, filters=5, padding="same", strides=2, seed=4),
    ],
    ids=["valid", "same", "causal-dilated", "same-strided"],
)
def test_slot_contributions_add_up_to_the_keras_cell(conv):
    words, dim = 7, 11
    x = sentence_matrix(words, dim, seed=5).astype("float32")
    kernel, bias = keras_layers.init_weights(conv, dim)
    y = keras_layers.conv1d(x, kernel, bias, conv)[0]
    idx = ngrams.window_indices(words, conv)
    assert y.shape == (conv.steps(words), conv.filters) == (len(idx), conv.filters)
    for t in range(y.shape[0]):
        for f in range(conv.filters):
            parts = ngrams.slot_contributions(x, kernel, conv, t, f)
            assert parts.shape == (conv.n,)
            for i, word in enumerate(idx[t]):
                if word == ngrams.PAD:
                    assert parts[i] == 0
                else:
                    assert parts[i] == pytest.approx(x[word] @ kernel[i, :, f], rel=1e-5)
            assert parts.sum() + bias[f] == pytest.approx(y[t, f], abs=1e-5)


@pytest.mark.parametrize(
    ("n", "padding", "strides", "dilation"),
    [(3, "valid", 1, 1), (4, "same", 1, 1), (2, "causal", 1, 2), (3, "same", 2, 1)],
)
def test_ones_kernel_sums_the_window(n, padding, strides, dilation):
    """The classic check: with every weight 1 and bias 0, a cell is the sum of its window."""
    words, dim = 7, 6
    conv = ConvLayer(n, 3, padding, strides, dilation, init="ones")
    # Small integers: every sum is exact in float32, so equality is exact too.
    x = np.random.default_rng(1).integers(-5, 6, size=(words, dim)).astype("float32")
    y = keras_layers.conv1d(x, *keras_layers.init_weights(conv, dim), conv)[0]
    before, _ = conv.word_padding(words)
    for t in range(conv.steps(words)):
        rows = [t * strides + i * dilation - before for i in range(n)]
        total = sum(x[r].sum() for r in rows if 0 <= r < words)
        np.testing.assert_array_equal(y[t], np.full(3, total, "float32"))
    if padding == "valid":
        np.testing.assert_array_equal(y[:, 0], [x[t : t + n].sum() for t in range(words - n + 1)])


# ---------------------------------------------------------------------------
# The tempting but wrong twin: Conv2D(padding="same")


@pytest.mark.parametrize(
    ("words", "dim", "n", "strides", "dilation"),
    [(7, 10, 3, 1, 1), (9, 8, 4, 2, 1), (5, 1, 2, 1, 1), (8, 7, 2, 1, 3), (6, 300, 3, 1, 1)],
)
def test_conv2d_same_middle_column_is_conv1d_same(words, dim, n, strides, dilation):
    conv = ConvLayer(n=n, filters=3, padding="same", strides=strides, dilation=dilation, seed=7)
    x = sentence_matrix(words, dim, seed=8)
    kernel, bias = keras_layers.init_weights(conv, dim)
    naive = keras_layers.conv2d_same(x, kernel, bias, conv)
    assert naive.shape == (1, math.ceil(words / strides), dim, 3)
    assert naive.shape != keras_layers.conv2d(x, kernel, bias, conv).shape or dim == 1
    middle = (dim - 1) // 2
    assert middle == arithmetic.padding_amounts(dim, dim, "same")[0]
    y1 = keras_layers.conv1d(x, kernel, bias, conv)[0]
    assert float(np.abs(naive[0, :, middle, :] - y1).max()) <= TOLERANCE["float32"]
    if dim > 1:  # any other column has the kernel hanging over the padded edge
        assert float(np.abs(naive[0, :, middle - 1 if middle else 1, :] - y1).max()) > 1e-3


@pytest.mark.parametrize(
    ("words", "dim", "n", "strides", "dilation"),
    [(7, 10, 3, 1, 1), (9, 8, 4, 2, 1), (5, 1, 2, 1, 1), (8, 7, 2, 1, 3)],
)
def test_conv2d_same_is_not_causal(words, dim, n, strides, dilation):
    conv = ConvLayer(n=n, filters=3, padding="causal", strides=strides, dilation=dilation, seed=9)
    x = sentence_matrix(words, dim, seed=10)
    kernel, bias = keras_layers.init_weights(conv, dim)
    naive = keras_layers.conv2d_same(x, kernel, bias, conv)
    assert naive.shape == (1, math.ceil(words / strides), dim, 3)
    y1 = keras_layers.conv1d(x, kernel, bias, conv)[0]
    assert y1.shape == (conv.steps(words), 3)
    middle = (dim - 1) // 2
    assert float(np.abs(naive[0, :, middle, :] - y1).max()) > 1e-3


# ---------------------------------------------------------------------------
# Seeded weights


def test_init_weights_are_deterministic():
    conv = ConvLayer(n=3, filters=4, seed=42)
    k1, b1 = keras_layers.init_weights(conv, 20)
    k2, b2 = keras_layers.init_weights(conv, 20)
    assert k1.shape == (3, 20, 4) and b1.shape == (4,)
    assert k1.dtype == np.float32
    np.testing.assert_array_equal(k1, k2)
    assert k1.tobytes() == k2.tobytes()
    np.testing.assert_array_equal(b1, b2)
    np.testing.assert_array_equal(b1, np.zeros(4, "float32"))
    # Glorot uniform: within ±sqrt(6 / (fan_in + fan_out)), fan_in = n·D, fan_out = n·F.
    limit = math.sqrt(6 / (3 * 20 + 3 * 4))
    assert np.abs(k1).max() <= limit
    assert np.abs(k1).max() > limit / 2
    assert len(np.unique(k1)) == k1.size


def test_init_weights_depend_on_the_seed():
    k1, _ = keras_layers.init_weights(ConvLayer(seed=1), 10)
    k2, _ = keras_layers.init_weights(ConvLayer(seed=2), 10)
    assert not np.array_equal(k1, k2)
    assert np.abs(k1 - k2).max() > 1e-3


def test_ones_init_ignores_the_seed():
    for seed in (0, 3):
        kernel, bias = keras_layers.init_weights(
            ConvLayer(n=2, filters=5, init="ones", seed=seed), 7
        )
        assert kernel.shape == (2, 7, 5)
        np.testing.assert_array_equal(kernel, np.ones((2, 7, 5), "float32"))
        np.testing.assert_array_equal(bias, np.zeros(5, "float32"))
