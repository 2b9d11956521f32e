"""Receptive fields: the recursion against an exact composition of windows, and against Keras.

The exact composition follows every tap of every window back to the input
(``arithmetic.window_positions``), so it is an independent computation of
what each output row reads; the spans of the recursion must be its first and
last step. Then real Keras stacks are perturbed one input step at a time: the
rows that change must be exactly those whose taps reach that step.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from convlab import arithmetic
from convlab.ownmodel import receptive
from convlab.ownmodel.config import graph
from convlab.ownmodel.receptive import Field, Window, origin, through


def lengths(stack: list[Window], length: int) -> list[int]:
    """Input length of each layer, then the last output's."""
    out = [length]
    for w in stack:
        out.append(arithmetic.output_length(out[-1], w.kernel, w.padding, w.stride, w.dilation))
    return out


def taps(stack: list[Window], length: int, row: int) -> set[int]:
    """Every input step row ``row`` of the stack's last layer reads, padding left out."""
    sizes = lengths(stack, length)
    reached = {row}
    for w, size in zip(reversed(stack), reversed(sizes[:-1]), strict=True):
        grid = arithmetic.window_positions(size, w.kernel, w.padding, w.stride, w.dilation)
        reached = {int(p) for r in reached for p in grid[r] if 0 <= p < size}
    return reached


def field_of(stack: list[Window], length: int) -> Field:
    field = origin(length)
    for w in stack:
        field = through(field, w)
    return field


def test_known_stacks() -> None:
    two_threes = field_of([Window(3), Window(3)], 10)
    assert (two_threes.jump, two_threes.first, two_threes.size, two_threes.rows) == (1, 0, 5, 6)
    strided = field_of([Window(3, stride=2), Window(3)], 11)
    assert (strided.jump, strided.size, strided.rows) == (2, 7, 3)
    assert strided.spans() == [(0, 6), (2, 8), (4, 10)]
    causal = field_of([Window(2, dilation=1, padding="causal"), Window(2, 1, 2, "causal")], 6)
    assert causal.spans() == [(0, 0), (0, 1), (0, 2), (0, 3), (1, 4), (2, 5)]
    pooled = field_of([Window(3), Window(2, stride=2)], 8)
    assert pooled.spans() == [(0, 3), (2, 5), (4, 7)]


windows = st.builds(
    Window,
    kernel=st.integers(1, 5),
    stride=st.integers(1, 3),
    dilation=st.integers(1, 3),
    padding=st.sampled_from(arithmetic.PADDINGS),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(windows, min_size=1, max_size=4), st.integers(1, 40))
def test_recursion_spans_are_the_first_and_last_tap(stack: list[Window], length: int) -> None:
    if any(arithmetic.output_length(n, 1, "valid") < 1 for n in lengths(stack, length)):
        return  # an empty layer: nothing to label
    field = field_of(stack, length)
    assert field.rows == lengths(stack, length)[-1]
    for row in range(field.rows):
        reached = taps(stack, length, row)
        if reached:  # a row of pure padding (causal, same) reads no input step
            assert field.span(row) == (min(reached), max(reached))
        else:
            assert field.span(row) is None


def test_graph_fields_follow_branches_and_stop_at_unknown_layers() -> None:
    config = {
        "class_name": "Functional",
        "config": {
            "layers": [
                {"class_name": "InputLayer", "name": "ids", "config": {"name": "ids"}},
                _layer("Embedding", "emb", "ids"),
                _layer("Conv1D", "c3", "emb", kernel_size=[3], strides=[1], padding="valid"),
                _layer("Conv1D", "c4", "emb", kernel_size=[4], strides=[1], padding="valid"),
                _layer("LSTM", "rnn", "c4"),
                _layer("GlobalMaxPooling1D", "pool", "c3"),
            ]
        },
    }
    fields = receptive.fields(graph(config), 9)
    assert fields["c3"].spans()[0] == (0, 2)
    assert fields["c4"].rows == 6
    assert fields["rnn"] is None
    assert fields["pool"].spans() == [(0, 8)]


def _layer(cls: str, name: str, source: str, **config: object) -> dict:
    tensor = {"class_name": "__keras_tensor__", "config": {"keras_history": [source, 0, 0]}}
    return {
        "class_name": cls,
        "name": name,
        "config": {"name": name, **config},
        "inbound_nodes": [{"args": [tensor], "kwargs": {}}],
    }


STACKS = {
    "strides-pool-dilation": [Window(3), Window(3, stride=2), Window(2, 2), Window(2, dilation=2)],
    "same": [Window(3, padding="same"), Window(4, 2, padding="same"), Window(3, 2, 1, "same")],
    "causal": [Window(3, 1, 2, "causal"), Window(2, 1, 4, "causal")],
    "avgpool-stride3": [Window(5, stride=3), Window(3, 1), Window(2, 1, 3)],
}


def keras_stack(stack: list[Window], length: int):
    """Conv1D layers (linear, random weights) and max/average pooling, as ``stack`` says."""
    import keras

    keras.utils.set_random_seed(0)
    x = inputs = keras.Input((length, 1))
    for i, w in enumerate(stack):
        if i % 2 == 1 and w.dilation == 1 and w.padding != "causal":
            pool = keras.layers.MaxPooling1D if i % 4 == 1 else keras.layers.AveragePooling1D
            x = pool(w.kernel, w.stride, w.padding, name=f"l{i}")(x)
        else:
            init = keras.initializers.RandomNormal(stddev=1.0, seed=i)
            x = keras.layers.Conv1D(
                3,
                w.kernel,
                strides=w.stride,
                padding=w.padding,
                dilation_rate=w.dilation,
                kernel_initializer=init,
                bias_initializer=init,
                name=f"l{i}",
            )(x)
    return keras.Model(inputs, x)


def perturbed(length: int) -> np.ndarray:
    """A random (1, length, 1) input, then for each step p the input with p moved up, then down
    (one of the two moves a max pool's winner)."""
    x = np.random.default_rng(1).normal(size=(1, length, 1)).astype(np.float32)
    batch = [x]
    for p in range(length):
        for delta in (1e4, -1e4):
            moved = x.copy()
            moved[0, p, 0] += delta
            batch.append(moved)
    return np.concatenate(batch)


def rows_moved(act: np.ndarray, p: int) -> set[int]:
    """The output rows that changed when input step ``p`` moved (outputs of :func:`perturbed`)."""
    diff = np.abs(act[1 + 2 * p : 3 + 2 * p] - act[:1]).max(axis=(0, 2))
    return set(np.flatnonzero(diff > 1e-2).tolist())


@pytest.mark.parametrize("name", STACKS)
def test_perturbing_one_step_changes_exactly_the_rows_that_read_it(name: str) -> None:
    import keras

    length = 23
    model = keras_stack(STACKS[name], length)
    outputs = keras.Model(model.inputs, [layer.output for layer in model.layers[1:]])
    config = keras.saving.serialize_keras_object(model)  # as config.json holds it
    fields = receptive.fields(graph(config), length)
    acts = outputs.predict(perturbed(length), verbose=0)
    for i, (layer, act) in enumerate(zip(model.layers[1:], acts, strict=True)):
        field = fields[layer.name]
        assert field.rows == act.shape[1]
        stack = STACKS[name][: i + 1]
        for p in range(length):
            expected = {r for r in range(field.rows) if p in taps(stack, length, r)}
            assert (changed := rows_moved(act, p)) == expected, (layer.name, p)
            assert all(field.span(r)[0] <= p <= field.span(r)[1] for r in changed)  # type: ignore[index]


def nested_stack(stack: list[Window], length: int):
    """``keras_stack``'s layers, the second and third inside a nested Sequential and the
    fourth inside a nested Functional model."""
    import keras

    flat = keras_stack(stack, length)
    first, second, third, fourth = flat.layers[1:5]
    block = keras.Sequential([second, third], name="block")
    inner = keras.Input(tuple(third.output.shape[1:]))
    tail = keras.Model(inner, fourth(inner), name="tail")
    inputs = keras.Input((length, 1))
    return keras.Model(inputs, tail(block(first(inputs))))


def test_perturbing_one_step_through_nested_models(tmp_path) -> None:
    import keras

    from convlab.ownmodel import keras_model

    length, stack = 23, STACKS["strides-pool-dilation"]
    nested_stack(stack, length).save(tmp_path / "nested.keras")
    own = keras_model.load((tmp_path / "nested.keras").read_bytes(), "nested.keras")
    names = [flat.name for flat in own.shown]
    assert names == ["l0", "block/l1", "block/l2", "tail/l3"]
    fields = receptive.fields(own.graph, length)
    assert fields["block"].key() == fields["block/l2"].key()
    assert fields["tail"].key() == fields["tail/l3"].key()
    acts = keras.Model(own.model.inputs, own.extractor.outputs).predict(
        perturbed(length), verbose=0
    )
    for i, (name, act) in enumerate(zip(names, acts, strict=True)):
        field = fields[name]
        assert field.rows == act.shape[1]
        for p in range(length):
            expected = {r for r in range(field.rows) if p in taps(stack[: i + 1], length, r)}
            assert rows_moved(act, p) == expected, (name, p)
