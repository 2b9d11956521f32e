"""The Keras 1 → Keras 3 translator on real legacy lines, and Keras 3 accepting what it writes."""

from __future__ import annotations

import ast
import inspect
import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import keras
import pytest

from convlab.errors import InputError
from convlab.i18n import message
from convlab.shapelab import keras1

LINES = [
    # (Keras 1, Keras 3, left out)
    (
        "Convolution2D(nb_filter=10, nb_row=8, nb_col=8, subsample=(1, 1), border_mode='same', "
        "activation='relu')",
        "Conv2D(filters=10, kernel_size=(8, 8), strides=(1, 1), padding='same', activation='relu')",
        [],
    ),
    (
        "Convolution1D(64, 3, border_mode='same', activation='relu')",
        "Conv1D(filters=64, kernel_size=3, padding='same', activation='relu')",
        [],
    ),
    (
        "Convolution2D(32, 3, 3, input_shape=(1, 28, 28), dim_ordering='th')",
        "Conv2D(filters=32, kernel_size=(3, 3), input_shape=(1, 28, 28), "
        "data_format='channels_first')",
        [],
    ),
    (
        "Convolution2D(32, 5, 5, image_dim_ordering='tf', subsample=(2, 2))",
        "Conv2D(filters=32, kernel_size=(5, 5), data_format='channels_last', strides=(2, 2))",
        [],
    ),
    (
        "AtrousConvolution1D(nb_filter=32, filter_length=3, atrous_rate=2, border_mode='causal')",
        "Conv1D(filters=32, kernel_size=3, dilation_rate=2, padding='causal')",
        [],
    ),
    (
        "AtrousConvolution2D(16, 3, 3, atrous_rate=(2, 2), init='he_normal')",
        "Conv2D(filters=16, kernel_size=(3, 3), dilation_rate=(2, 2), "
        "kernel_initializer='he_normal')",
        [],
    ),
    (
        "Convolution1D(nb_filter=100, filter_length=5, subsample_length=2, init='uniform', "
        "bias=False)",
        "Conv1D(filters=100, kernel_size=5, strides=2, kernel_initializer='uniform', "
        "use_bias=False)",
        [],
    ),
    (
        "Convolution1D(128, 3, input_dim=300, input_length=50, weights=[W, b], foo=1)",
        "Conv1D(filters=128, kernel_size=3, input_shape=(50, 300))",
        ["weights=[W, b]", "foo=1"],
    ),
    (
        "model.add(Convolution2D(64, 3, 3, W_regularizer=l2(0.01), b_constraint=maxnorm(2)))",
        "model.add(Conv2D(filters=64, kernel_size=(3, 3), kernel_regularizer=l2(0.01), "
        "bias_constraint=maxnorm(2)))",
        [],
    ),
    (
        "x = keras.layers.convolutional.Convolution1D(8, 2, activation='tanh')(x)",
        "x = keras.layers.Conv1D(filters=8, kernel_size=2, activation='tanh')(x)",
        [],
    ),
    (
        "Convolution2D(10, 8, 8, 'glorot_uniform', 'relu', None, 'same', (1, 1), 'th')",
        "Conv2D(filters=10, kernel_size=(8, 8), kernel_initializer='glorot_uniform', "
        "activation='relu', padding='same', strides=(1, 1), data_format='channels_first')",
        ["weights=None"],
    ),
    (
        "from keras.layers.convolutional import Convolution1D, MaxPooling1D",
        "from keras.layers import Conv1D, MaxPooling1D",
        [],
    ),
    (
        "K.set_image_dim_ordering('th')",
        "K.set_image_data_format('channels_first')",
        [],
    ),
    (
        '{"image_dim_ordering": "tf", "backend": "tensorflow"}',
        "{'image_data_format': 'channels_last', 'backend': 'tensorflow'}",
        [],
    ),
    (
        "Conv2D(32, (3, 3), border_mode='same')",
        "Conv2D(32, (3, 3), padding='same')",
        [],
    ),
]


@pytest.mark.parametrize(("old", "new", "left_out"), LINES)
def test_legacy_lines(old: str, new: str, left_out: list[str]) -> None:
    result = keras1.translate(old)
    assert result.code == new
    assert result.unknown == left_out
    assert result.changes


def test_the_issue_example_lists_every_change() -> None:
    result = keras1.translate(keras1.EXAMPLE)
    assert result.changes == [
        ("Convolution2D", "Conv2D"),
        ("nb_filter=10", "filters=10"),
        ("nb_row=8, nb_col=8", "kernel_size=(8, 8)"),
        ("subsample=(1, 1)", "strides=(1, 1)"),
        ("border_mode='same'", "padding='same'"),
    ]
    assert result.notes == []


LITERAL_LAYERS = [new for _, new, _ in LINES if new.startswith(("Conv1D(", "Conv2D("))]


def keras_layer(code: str) -> keras.layers.Layer:
    """The Keras 3 layer a call with literal arguments makes; Keras's ValueError if it refuses."""
    call = ast.parse(code, mode="eval").body
    assert isinstance(call, ast.Call) and isinstance(call.func, ast.Name)
    args = [ast.literal_eval(arg) for arg in call.args]
    kwargs = {kw.arg: ast.literal_eval(kw.value) for kw in call.keywords}
    return getattr(keras.layers, call.func.id)(*args, **kwargs)


@pytest.mark.filterwarnings("ignore:Do not pass an `input_shape`")  # Keras 3's advice; noted
@pytest.mark.parametrize("code", LITERAL_LAYERS)
def test_keras_3_builds_every_translated_layer(code: str) -> None:
    """Not only new names: Keras 3 accepts the translated arguments and their values."""
    layer = keras_layer(code)
    call = ast.parse(code, mode="eval").body
    assert isinstance(call, ast.Call)
    given = call.args or [kw.value for kw in call.keywords if kw.arg == "filters"]
    assert layer.filters == ast.literal_eval(given[0])


POOLING_LINES = [
    # (Keras 1, Keras 3, what Keras 1.2 meant by it: its docs, stride None = pool size)
    (
        "MaxPooling1D(pool_length=2, stride=1)",
        "MaxPooling1D(pool_size=2, strides=1)",
        {"pool_size": (2,), "strides": (1,), "padding": "valid"},
    ),
    (
        "AveragePooling1D(pool_length=3, stride=2, border_mode='same')",
        "AveragePooling1D(pool_size=3, strides=2, padding='same')",
        {"pool_size": (3,), "strides": (2,), "padding": "same"},
    ),
    (
        "MaxPooling1D(pool_length=4, border_mode='same')",
        "MaxPooling1D(pool_size=4, padding='same')",
        {"pool_size": (4,), "strides": (4,), "padding": "same"},
    ),
    (
        "MaxPooling2D(pool_size=(2, 2), strides=(1, 1), border_mode='same')",
        "MaxPooling2D(pool_size=(2, 2), strides=(1, 1), padding='same')",
        {"pool_size": (2, 2), "strides": (1, 1), "padding": "same"},
    ),
    (
        "AveragePooling2D(pool_size=(3, 2), border_mode='valid', dim_ordering='th')",
        "AveragePooling2D(pool_size=(3, 2), padding='valid', data_format='channels_first')",
        {"pool_size": (3, 2), "strides": (3, 2), "data_format": "channels_first"},
    ),
    (
        "GlobalMaxPooling2D(dim_ordering='th')",
        "GlobalMaxPooling2D(data_format='channels_first')",
        {"data_format": "channels_first"},
    ),
    (
        "GlobalAveragePooling2D(dim_ordering='tf')",
        "GlobalAveragePooling2D(data_format='channels_last')",
        {"data_format": "channels_last"},
    ),
    # Positional, in Keras 1's order: Keras 3 reads the same positions, so they stay.
    ("MaxPooling1D(2, 1)", "MaxPooling1D(2, 1)", {"pool_size": (2,), "strides": (1,)}),
    (
        "AveragePooling1D(4, None, 'same')",
        "AveragePooling1D(4, None, 'same')",
        {"pool_size": (4,), "strides": (4,), "padding": "same"},
    ),
    (
        "MaxPooling2D((2, 2), (1, 1), 'same', 'th')",
        "MaxPooling2D((2, 2), (1, 1), 'same', 'channels_first')",
        {
            "pool_size": (2, 2),
            "strides": (1, 1),
            "padding": "same",
            "data_format": "channels_first",
        },
    ),
    (
        "AveragePooling2D((3, 3), None, 'valid', 'tf')",
        "AveragePooling2D((3, 3), None, 'valid', 'channels_last')",
        {"pool_size": (3, 3), "strides": (3, 3), "data_format": "channels_last"},
    ),
    (
        "GlobalAveragePooling2D('th')",
        "GlobalAveragePooling2D('channels_first')",
        {"data_format": "channels_first"},
    ),
]


@pytest.mark.parametrize(("old", "new", "meant"), POOLING_LINES)
def test_keras1_pooling_is_translated_and_means_the_same(
    old: str, new: str, meant: dict[str, object]
) -> None:
    result = keras1.translate(old)
    assert result.code == new
    assert result.unknown == []
    name = old.split("(")[0]
    assert name in keras1.POOLING
    assert all(before != name for before, _ in result.changes)  # same class: no "renamed"
    config = keras_layer(result.code).get_config()
    assert {key: config[key] for key in meant} == meant


def test_keras3_kept_keras1_pooling_order() -> None:
    """Why positional pooling values stay in place: the same positions, renamed."""
    for name, order in keras1.POOLING.items():
        keras3 = list(inspect.signature(getattr(keras.layers, name)).parameters)
        assert [keras1.ARGUMENTS.get(arg, arg) for arg in order] == keras3[: len(order)]


def test_keras3_argument_list_is_keras_own() -> None:
    conv = set(inspect.signature(keras.layers.Conv2D).parameters) - {"kwargs"}
    base = set(inspect.signature(keras.layers.Layer.__init__).parameters) - {"self", "kwargs"}
    assert conv == set(inspect.signature(keras.layers.Conv1D).parameters) - {"kwargs"}
    assert conv | base | {"input_shape"} == keras1.KERAS3_ARGUMENTS
    pooling = {
        arg
        for name in keras1.POOLING
        for arg in inspect.signature(getattr(keras.layers, name)).parameters
    }
    assert pooling - {"kwargs"} | base | {"input_shape"} == keras1.KERAS3_POOLING_ARGUMENTS
    keras3 = keras1.KERAS3_ARGUMENTS | keras1.KERAS3_POOLING_ARGUMENTS
    assert set(keras1.ARGUMENTS.values()) <= keras3
    assert all(hasattr(keras.layers, name) for name in keras1.CLASSES.values())
    assert all(hasattr(keras.backend, name) for name in keras1.FUNCTIONS.values())


def test_notes_for_what_needs_a_human() -> None:
    full = keras1.translate("Convolution2D(8, 3, 3, border_mode='full')")
    assert full.code == "Conv2D(filters=8, kernel_size=(3, 3), padding='full')"
    assert full.notes == [("keras1.note_full", {})]

    variable = keras1.translate("Convolution2D(8, 3, dim_ordering=ordering)")
    assert variable.code == "Conv2D(filters=8, kernel_size=(3,), data_format=ordering)"
    assert variable.notes == [
        ("keras1.note_missing", {"name": "nb_col"}),
        ("keras1.note_value", {"value": "ordering"}),
    ]

    shaped = keras1.translate("Convolution1D(8, 3, input_dim=300)")
    assert shaped.code == "Conv1D(filters=8, kernel_size=3, input_shape=(None, 300))"
    assert shaped.notes == [("keras1.note_input_shape", {})]


def test_code_without_keras_1_names_is_left_alone() -> None:
    result = keras1.translate("Dense(10, activation='relu')")
    assert result.code == "Dense(10, activation='relu')"
    assert (result.changes, result.unknown, result.notes) == ([], [], [])


def test_pasted_code_is_never_run() -> None:
    result = keras1.translate("__import__('os').system('echo pwned')")
    assert result.code == "__import__('os').system('echo pwned')"
    assert result.changes == []


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("", "err.legacy_empty"),
        ("   \n", "err.legacy_empty"),
        ("Convolution2D(", "err.legacy_syntax"),
        ("nb_filter=10, nb_row=8)", "err.legacy_syntax"),
        ("a\x00b", "err.legacy_syntax"),
        ("(" * 300 + ")" * 300, "err.legacy_syntax"),
        ("x = 1\n" * 1000, "err.legacy_too_long"),
    ],
)
def test_garbage_is_refused_with_a_reason(text: str, key: str) -> None:
    with pytest.raises(InputError) as err:
        keras1.translate(text)
    assert err.value.key == key
    assert err.value.say("zh") != err.value.say("en")


def test_mapping_table_covers_the_issue_list() -> None:
    table = keras1.mapping()
    for old, new in [
        ("nb_filter", "filters"),
        ("filter_length", "kernel_size"),
        ("nb_row + nb_col", "kernel_size"),
        ("subsample", "strides"),
        ("subsample_length", "strides"),
        ("border_mode", "padding"),
        ("dim_ordering", "data_format"),
        ("image_dim_ordering", "data_format"),
        ("'th'", "'channels_first'"),
        ("'tf'", "'channels_last'"),
        ("atrous_rate", "dilation_rate"),
        ("init", "kernel_initializer"),
        ("Convolution1D", "Conv1D"),
        ("Convolution2D", "Conv2D"),
        ("pool_length", "pool_size"),
        ("stride", "strides"),
    ]:
        assert (old, new) in table


@pytest.mark.parametrize(
    ("code", "filters", "k", "s"),
    [
        ("Conv2D(64, 3, 3)", "64", 3, 3),
        ("model.add(keras.layers.Conv2D(32, 5, 2, activation='relu'))", "32", 5, 2),
        ("x = layers.Conv2D(8, 3, 2)(x)", "8", 3, 2),
    ],
)
def test_keras2_positional_trap_is_flagged(code: str, filters: str, k: int, s: int) -> None:
    """Conv2D(64, 3, 3) is legal Keras 3 and means strides=3: flagged, kept as written."""
    result = keras1.translate(code)
    assert result.code == ast.unparse(ast.parse(code))
    ((key, params),) = result.notes
    assert key == "keras1.note_positional"
    assert (params["filters"], params["k"], params["s"]) == (filters, k, s)
    layer = keras.layers.Conv2D(64, 3, 3)  # what Keras 3 really makes of it
    assert (layer.kernel_size, layer.strides) == ((3, 3), (3, 3))
    text = message("keras1.note_positional", "en", **params)
    assert f"strides={s}" in text and f"kernel_size=({k}, {s})" in text


@pytest.mark.parametrize(
    "code", ["Conv2D(64, (3, 3), (2, 2))", "Conv2D(64, 3)", "Conv1D(64, 3, 3)", "Conv2D(8, 3, s)"]
)
def test_no_trap_where_the_call_is_not_the_keras1_pattern(code: str) -> None:
    assert keras1.translate(code).notes == []


@pytest.mark.parametrize(
    "code",
    [
        "Conv2D(32, (3, 3), border_mode='same', subsample=(2, 2))",
        "MaxPooling1D(pool_length=2, stride=1)",
        "MaxPooling2D((2, 2), border_mode='same', dim_ordering='tf')",
        "GlobalMaxPooling2D(dim_ordering='th')",
    ],
)
def test_old_keywords_in_keras3_calls_quote_keras_own_refusal(code: str) -> None:
    ((key, params),) = keras1.translate(code).notes
    assert key == "keras1.note_unrecognized"
    with pytest.raises(ValueError) as err:
        keras_layer(code)
    quoted = message(key, "en", **params).split("“")[1].split("”")[0]
    assert quoted == str(err.value)


def test_keras3_pooling_code_is_left_alone() -> None:
    for code in ("MaxPooling2D((2, 2))", "MaxPool1D(pool_size=2)", "GlobalMaxPooling1D()"):
        result = keras1.translate(code)
        assert (result.code, result.changes, result.notes) == (code, [], [])


def test_arguments_are_mapped_only_where_keras3_takes_them() -> None:
    """pool_length means pool_size only for pooling; a pooling layer has no kernel."""
    result = keras1.translate("Convolution1D(8, 3, pool_length=2)")
    assert result.code == "Conv1D(filters=8, kernel_size=3)"
    assert result.unknown == ["pool_length=2"]
    result = keras1.translate("MaxPooling2D(2, nb_row=3, init='uniform')")
    assert result.code == "MaxPooling2D(2)"
    assert result.unknown == ["nb_row=3", "init='uniform'"]
