"""The walkthrough's panels: what they draw adds up to Keras's output, step by step.

Arrays come from the real embedded sentence and Keras's own Conv1D, so the
numbers a learner reads in the product panel are checked against the layer.
"""

from __future__ import annotations

import numpy as np
import pytest

from convlab.lesson import charts, keras_layers, ngrams
from convlab.lesson import walkthrough as walk
from convlab.lesson.layer import ConvLayer
from convlab.vectors.sets import Embedding, embed_sentence, load_builtin

SENTENCE = "It's not a bad movie at all."
CONFIGS = {
    "valid": ConvLayer(seed=42),
    "same-n4": ConvLayer(n=4, filters=3, padding="same", seed=11),
    "causal-dilation2": ConvLayer(n=3, filters=5, padding="causal", dilation=2, seed=7),
    "strides2-relu": ConvLayer(n=2, filters=6, strides=2, activation="relu", seed=123),
}


@pytest.fixture(scope="module")
def emb() -> Embedding:
    return embed_sentence(SENTENCE, load_builtin())


@pytest.mark.parametrize("conv", CONFIGS.values(), ids=CONFIGS.keys())
def test_product_sums_plus_bias_are_the_keras_cell_at_every_step(conv, emb):
    x = emb.matrix
    words, dim = x.shape
    kernel, bias = keras_layers.init_weights(conv, dim)
    y = keras_layers.conv1d(x, kernel, bias, conv)[0]
    steps = conv.steps(words)
    assert y.shape == (steps, conv.filters)
    for t in range(steps):
        for f in range(conv.filters):
            at = walk.step(conv, words, t, f)
            table = walk.product_table(x, kernel, at)
            sums = table[table.column == walk.SUM].value.to_numpy()
            assert len(sums) == conv.n
            z = sums.sum() + float(bias[f])
            shown = float(np.maximum(z, 0)) if conv.activation == "relu" else z
            assert abs(shown - float(y[t, f])) <= 1e-5, (t, f)
            assert walk.cell_value(x, kernel, bias, conv, at) == pytest.approx(shown, abs=1e-12)
            # The drawn cells, zoom column included, add up to each row's sum: nothing dropped.
            drawn = table[table.column != walk.SUM].groupby("slot").value.sum().to_numpy()
            np.testing.assert_allclose(drawn, sums, rtol=0, atol=1e-9)


def test_a_wide_embedding_is_zoomed_and_the_rest_is_one_column(emb):
    conv = ConvLayer(n=3, padding="same")
    x = emb.matrix
    at = walk.step(conv, 9, 0, 0)
    inputs = walk.mark_window(walk.input_cells(x, emb.words, conv, "∅"), at)
    columns = list(dict.fromkeys(inputs.column))
    assert columns == [*(f"d{j}" for j in range(walk.ZOOM)), "Σ d12…d299"]
    rest = inputs[inputs.column == columns[-1]]
    assert rest.value.isna().all() and set(rest.text) == {"+288"}
    # same, n=3: one zero row before and after the 9 words; the first window reads −1, 0, 1.
    assert list(dict.fromkeys(inputs.label)) == [
        "-1: ∅",
        *(f"{i}: {w}" for i, w in enumerate(emb.words)),
        "9: ∅",
    ]
    slots = inputs.groupby("row").slot.first()
    assert slots.to_dict() == {-1: 0, 0: 1, 1: 2, **dict.fromkeys(range(2, 10), -1)}
    assert inputs[inputs.pad].value.fillna(0).eq(0).all()
    np.testing.assert_allclose(
        inputs[(inputs.row == 4) & inputs.value.notna()].value, x[4, : walk.ZOOM], rtol=1e-7
    )

    narrow = np.arange(15.0).reshape(3, 5)
    small = walk.mark_window(
        walk.input_cells(narrow, ["a", "b", "c"], ConvLayer(n=2), "∅"),
        walk.step(ConvLayer(n=2), 3, 1, 0),
    )
    assert list(dict.fromkeys(small.column)) == ["d0", "d1", "d2", "d3", "d4"]
    assert small.value.notna().all()


def test_the_window_follows_keras_padding_strides_and_dilation():
    conv = ConvLayer(n=3, padding="causal", dilation=2)
    at = walk.step(conv, 6, 1, 0)
    # causal, span 5: four zero rows before; step 1 reads rows −3, −1, 1.
    assert at.positions.tolist() == [-3, -1, 1]
    assert at.label == "-3, -1, 1"
    np.testing.assert_array_equal(
        np.where((at.positions >= 0) & (at.positions < 6), at.positions, ngrams.PAD),
        ngrams.window_indices(6, conv)[1],
    )
    assert walk.step(ConvLayer(n=3), 6, 2, 0).label == "2…4"


def test_a_stale_step_never_points_past_new_steps():
    conv = ConvLayer(n=5)
    assert conv.steps(9) == 5
    assert walk.step(conv, 9, 8, 0).t == 4
    assert walk.step(conv, 9, -3, 0).t == 0


def test_first_step_reading_a_row():
    conv = ConvLayer(n=3)
    assert [walk.first_step_reading(conv, 7, row) for row in range(7)] == [0, 0, 0, 1, 2, 3, 4]
    skipping = ConvLayer(n=1, strides=2)  # rows 1, 3, 5 are never read
    assert [walk.first_step_reading(skipping, 6, row) for row in range(6)] == [
        0,
        None,
        1,
        None,
        2,
        None,
    ]
    same = ConvLayer(n=3, padding="same")
    assert walk.first_step_reading(same, 4, -1) == 0 and walk.first_step_reading(same, 4, 4) == 3


def test_output_fills_in_while_playing():
    y = np.arange(12.0).reshape(4, 3)
    rows = ["a", "b", "c", "d"]
    at = walk.step(ConvLayer(n=1, filters=3), 4, 1, 2)
    playing = walk.output_table(y, at, rows, playing=True)
    state = playing.pivot(index="t", columns="f", values="state").to_numpy()
    assert state.tolist() == [
        ["done"] * 3,
        ["later", "later", "current"],
        ["later"] * 3,
        ["later"] * 3,
    ]
    shown = playing.pivot(index="t", columns="f", values="value").to_numpy()
    np.testing.assert_array_equal(np.isnan(shown), state == "later")
    paused = walk.output_table(y, at, rows, playing=False)
    np.testing.assert_array_equal(paused.value.to_numpy(), y.ravel())

    every = walk.step(ConvLayer(n=1, filters=3), 4, 1, 2, all_filters=True)
    whole_row = walk.output_table(y, every, rows, playing=True)
    assert (whole_row[whole_row.t == 1].state == "current").all()


def test_describe_has_the_real_numbers():
    y = np.array([[0.5, -1.25], [0.80771, 2.0]])
    conv = ConvLayer(n=2, filters=2)
    at = walk.step(conv, 3, 1, 0)
    assert walk.describe("a bad", at, y) == {
        "step": 2,
        "steps": 2,
        "window": "a bad",
        "rows": "1…2",
        "filter": "f0",
        "value": "0.8077",
    }
    every = walk.step(conv, 3, 1, 0, all_filters=True)
    assert walk.describe("a bad", every, y)["value"] == "0.8077, 2.0000"
    assert walk.describe("a bad", every, y)["filter"] == "f0…f1"


def test_a_layer_run_shares_its_cells_and_marks_each_step_afresh(emb):
    conv = CONFIGS["causal-dilation2"]
    x = emb.matrix
    kernel, bias = keras_layers.init_weights(conv, x.shape[1])
    y = keras_layers.conv1d(x, kernel, bias, conv)[0]
    run = walk.LayerRun(tuple(emb.words), x, kernel, bias, y, conv)
    # Play forwards, then a jump back: a step's marks never leak into another.
    for t in [*range(y.shape[0]), 2]:
        at = run.step(t, 4)
        read = at.positions.tolist()
        slots = run.input_table(at, "∅").groupby("row").slot.first()
        expected = {row: read.index(row) if row in read else -1 for row in slots.index}
        assert slots.to_dict() == expected
        out = run.output_table(at, playing=True)
        assert out[out.state == "current"][["t", "f"]].values.tolist() == [[t, 4]]
        assert out.value.isna().sum() == y.size - (t * 5 + 1)  # rows above and the cell
        np.testing.assert_array_equal(out.value[out.state == "done"], y[:t].ravel())
    assert run.input_rows("∅")[:4] == ["-4: ∅", "-3: ∅", "-2: ∅", "-1: ∅"]
    assert run.kernel_table(4) is run.kernel_table(4)  # built once per filter
    drawn = run.kernel_table(4).pivot(index="slot", columns="column", values="value")
    np.testing.assert_array_equal(drawn[[f"d{j}" for j in range(walk.ZOOM)]], kernel[:, :12, 4])
    assert drawn[run.columns[-1]].isna().all()


def test_panel_specs_are_kept_per_layout_and_scale():
    layout = {"rows": ["0: a"], "columns": ["d0"], "title": "input", "value_title": "value"}
    two = charts.grid(**layout, extent=2.0)
    assert charts.grid(**{**layout, "rows": ("0: a",)}, extent=2.0) is two  # built once
    three = charts.grid(**layout, extent=3.0)

    def domain(spec: dict) -> list[float]:
        return spec["layer"][0]["encoding"]["color"]["scale"]["domain"]

    assert domain(three) == [-3.0, 3.0] and domain(two) == [-2.0, 2.0]  # no scale moves another
