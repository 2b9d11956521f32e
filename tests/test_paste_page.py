"""The Shape lab's "paste a model" section in AppTest: examples, refusals, URL, both languages.

Expected figures come from the formulas and a Keras model built here, never
read back from the page.
"""

from __future__ import annotations

import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from convlab.i18n import message
from convlab.shapelab import keras1, keras_check, model_shapes, paste
from convlab.ui.text import plain
from tests.apptest import (
    CJK,
    en,
    frames_with_columns,
    main_infos,
    main_warnings,
    no_exception,
    open_app,
)

COLUMNS = ["layer", "output", "params", "agrees", "keras", "formula", "note"]


def table(at: AppTest) -> pd.DataFrame:
    (frame,) = frames_with_columns(at, COLUMNS)
    return frame


def expected(text: str) -> list[model_shapes.LayerReport]:
    pasted = model_shapes.with_input(paste.parse(text))
    rows = model_shapes.explain(pasted)
    return model_shapes.compare(pasted, rows, keras_check.build_model(pasted, rows))


def test_default_is_the_image_pitfall_as_posted() -> None:
    at = open_app("shapes")
    no_exception(at)
    shown = table(at)
    reports = expected(paste.EXAMPLES["image"])
    assert shown["layer"].tolist() == [r.code for r in reports]
    assert shown["output"].iloc[1] == "(None batch, 1 rows, 32 cols, 10 filters)"
    assert shown["params"].iloc[1] == "20,490"
    # MaxPooling2D((2, 2)) on one row: both refuse, Keras's message is shown.
    assert shown["agrees"].iloc[2] == "✓"
    assert reports[2].keras_refused.startswith("Computed output size would be zero or negative")
    assert reports[2].keras_refused in shown["note"].iloc[2]  # a table cell: as Keras wrote it
    assert shown["agrees"].tolist()[3:] == ["—", "—"]  # nothing after a refusal is compared
    assert shown["output"].tolist()[2:] == [en("shapelab.refused"), "—", "—"]
    captions = [c.value for c in at.caption]
    assert en("paste.verdict", layers=3, params="20,490", keras="20,490") in captions
    why = [c for c in captions if c.startswith("Layer 2, “MaxPooling2D")]
    assert len(why) == 1
    assert en("err.pool_too_short", axis="rows", size=1, pool=2) in why[0]
    assert plain(reports[2].keras_refused) in why[0]
    assert not main_warnings(at) and not at.main.error


def test_fix_and_text_cnn_agree_with_keras_everywhere() -> None:
    at = open_app("shapes")
    for key in ("image_fix", "text"):
        at.button(key=f"shape_model_{key}").click().run()
        no_exception(at)
        reports = expected(paste.EXAMPLES[key])
        shown = table(at)
        assert shown["agrees"].tolist() == ["✓"] * len(reports)
        assert shown["output"].tolist() == [r.row.labelled() for r in reports]
        total = sum(r.keras_params for r in reports)
        assert total == sum(r.row.params for r in reports)
        captions = [c.value for c in at.caption]
        verdict = en("paste.verdict", layers=len(reports), params=f"{total:,}", keras=f"{total:,}")
        assert verdict in captions
    assert shown["output"].iloc[-1] == "(None batch, 2 features)"


def test_not_a_model_is_refused_and_the_rest_of_the_page_works() -> None:
    at = open_app("shapes")
    at.text_area(key="shape_model").input("import os\nos.system('touch /tmp/x')").run()
    no_exception(at)
    assert en("err.paste_statement", text="import os") in main_warnings(at)
    assert not frames_with_columns(at, COLUMNS)
    assert at.code[-1].value == keras1.translate(keras1.EXAMPLE).code  # translator still there


def test_keras1_paste_lists_the_translation_and_the_trap() -> None:
    code = (
        "model = Sequential()\n"
        "model.add(Convolution2D(32, 3, 3, input_shape=(28, 28, 1)))\n"
        "model.add(Conv2D(64, 3, 3))\n"
    )
    at = open_app("shapes", shape_model=code)
    no_exception(at)
    pasted = paste.parse(code)
    (note,) = pasted.notes
    infos = [i.value for i in at.main.info]
    assert any("strides=3" in info and "Conv2D(64, (3, 3))" in info for info in infos)
    assert note[0] == "keras1.note_positional"
    captions = [c.value for c in at.caption]
    assert any(
        c.startswith("Keras 1 names translated first: Convolution2D → Conv2D") for c in captions
    )
    shown = table(at)
    assert shown["output"].tolist()[1:] == [
        "(None batch, 26 rows, 26 cols, 32 filters)",
        "(None batch, 8 rows, 8 cols, 64 filters)",  # ⌊(26 − 3)/3⌋ + 1
    ]
    assert at.query_params["shape_model"] == code


KERAS1_POOLING = (
    "model = Sequential()\n"
    "model.add(Embedding(5000, 50, input_length=100))\n"
    "model.add(Convolution1D(64, 3, border_mode='same'))\n"
    "model.add(MaxPooling1D(pool_length=2, stride=1))\n"
    "model.add(AveragePooling1D(pool_length=3, stride=2, border_mode='same'))\n"
    "model.add(Flatten())\n"
    "model.add(Dense(1))\n"
)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_keras1_pooling_paste_is_translated_not_refused(lang: str) -> None:
    at = open_app("shapes", lang=lang, shape_model=KERAS1_POOLING)
    no_exception(at)
    assert not main_warnings(at) and not at.main.error
    pasted = paste.parse(KERAS1_POOLING)
    changes = "; ".join(f"{old} → {new}" for old, new in pasted.changes)
    assert "pool_length=2 → pool_size=2; stride=1 → strides=1" in changes
    assert "MaxPooling1D → MaxPooling1D" not in changes
    captions = [c.value for c in at.caption]
    assert message("paste.keras1", lang, changes=plain(changes)) in captions
    infos = main_infos(at)
    assert [key for key, _ in pasted.notes] == ["keras1.note_unrecognized"] * 2
    for key, fields in pasted.notes:  # Keras 3's refusal of the old names, explained
        assert message(key, lang, **{name: plain(text) for name, text in fields}) in infos
    shown = table(at)
    reports = expected(KERAS1_POOLING)
    assert shown["layer"].tolist()[3:5] == [
        "MaxPooling1D(pool_size=2, strides=1)",
        "AveragePooling1D(pool_size=3, strides=2, padding='same')",
    ]
    assert shown["agrees"].tolist() == ["✓"] * len(reports)
    assert shown["note"].tolist() == [""] * len(reports)  # nothing refused
    assert [r.row.output for r in reports][3:5] == [(None, 99, 64), (None, 50, 64)]
    if lang == "en":
        assert shown["output"].tolist()[3:5] == [r.row.labelled() for r in reports[3:5]]


def test_chinese() -> None:
    at = open_app("shapes", lang="zh", shape_model=paste.EXAMPLES["text"])
    no_exception(at)
    assert at.text_area(key="shape_model").label == message("label.shape_model", "zh")
    assert any(CJK.search(c.value) and "Keras" in c.value for c in at.caption)
    assert table(at)["agrees"].tolist() == ["✓"] * len(paste.parse(paste.EXAMPLES["text"]).layers)
