"""Helpers for the AppTest suites: open a page with a link's query, read back what it shows.

Shared by every test module that drives the app headlessly, so none imports
another test module.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
from streamlit.testing.v1 import AppTest

from convlab import ui
from convlab.i18n import message
from convlab.lesson.layer import ConvLayer
from convlab.vectors.sets import embed_sentence, load_builtin

REPO = Path(__file__).resolve().parents[1]
APP = str(REPO / "app.py")
TIMEOUT = 60  # the first TensorFlow import alone takes seconds

DEFAULT_SENTENCE = "It's not a bad movie at all."
PAGES = {page.path or "home": page.script for page in ui.PAGES}
TOPICS = {page.path or "home": page.topic for page in ui.PAGES}
SHAPE_KEYS = ("metric.input", "metric.kernel", "metric.output", "metric.params")
CJK = re.compile(r"[\u4e00-\u9fff]")


def open_app(page: str = "home", at: AppTest | None = None, **query: str) -> AppTest:
    """``page`` after its run, in session ``at`` or in a new session whose URL holds ``query``.

    A new session's first run must be on the page itself: that is the run that reads the URL.
    """
    if at is None:
        at = AppTest.from_file(APP, default_timeout=TIMEOUT)
        for key, raw in query.items():
            at.query_params[key] = raw
    if page != "home":
        at.switch_page(PAGES[page])
    return at.run()


def en(key: str, **params: object) -> str:
    return message(key, "en", **params)


def no_exception(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]


def main_warnings(at: AppTest) -> list[str]:
    """Warnings in the page body; the sidebar's permanent "pruned table" notice is left out."""
    return [w.value for w in at.main.warning]


def main_infos(at: AppTest) -> list[str]:
    return [i.value for i in at.main.info]


def title(at: AppTest) -> str:
    assert len(at.title) == 1, [t.value for t in at.title]
    return at.title[0].value


def metrics(at: AppTest) -> dict[str, str]:
    """Metric values keyed by their (displayed) label."""
    return {m.label: m.value for m in at.metric}


def shape_metrics(at: AppTest, lang: str = "en") -> dict[str, str]:
    """The Conv1D page's four shape metrics, keyed by catalogue key (labels are translated)."""
    shown = {m.label: m.value for m in at.metric}
    return {key: shown[message(key, lang)] for key in SHAPE_KEYS}


def chart_specs(at: AppTest) -> list[dict[str, Any]]:
    return [json.loads(el.proto.spec) for el in at.get("vega_lite_chart")]


def chart_data(at: AppTest, index: int = 0) -> pd.DataFrame:
    """The data frame behind the ``index``-th chart, decoded from its Arrow bytes.

    An Altair chart carries it as its one named data set; a spec drawn with
    ``st.vega_lite_chart(data, spec)`` (the walkthrough's panels) as its data.
    """
    el = at.get("vega_lite_chart")[index]
    if el.proto.datasets:
        assert len(el.proto.datasets) == 1
        raw = el.proto.datasets[0].data.data
    else:
        raw = el.proto.data.data
    return pa.ipc.open_stream(io.BytesIO(raw)).read_all().to_pandas()


def heatmap_rows(spec: dict[str, Any]) -> list[str]:
    layer = spec["layer"][0] if "layer" in spec else spec
    y = layer["encoding"]["y"]
    assert y["field"] == "row"
    return y["sort"]


def frames_with_columns(at: AppTest, columns: list[str]) -> list[pd.DataFrame]:
    return [df.value for df in at.dataframe if list(df.value.columns) == columns]


def said(key: str, *, lang: str = "en", **params: object) -> str:
    """An InputError's message as ``ui.say`` renders it: the words it quotes escaped."""
    quoted = {k: ui.plain(v) if isinstance(v, str) else v for k, v in params.items()}
    return message(key, lang, **quoted)


_ESCAPE = re.compile(r"\\(.)")
_AUTOLINK = re.compile(r"https?://|www\.|[-.\w+]@[-\w]+\.[-\w]", re.IGNORECASE | re.ASCII)
"""What GFM's autolink literal starts from: a scheme, "www." or an e-mail address."""


def autolinks(markdown: str) -> list[str]:
    """Where ``markdown`` would become a link: Streamlit finds autolinks after escapes resolve."""
    return _AUTOLINK.findall(_ESCAPE.sub(r"\1", markdown))


def everything_shown(at: AppTest) -> list[str]:
    """The markdown of every text element and metric value of the page, sidebar included."""
    kinds = ("markdown", "caption", "warning", "info", "error", "success", "subheader", "title")
    texts = [el.value for kind in kinds for el in at.get(kind)]
    return texts + [m.value for m in at.metric] + [m.label for m in at.metric]


ROADS = ["input", "kernel", "strides", "dilation_rate", "padding", "output", "float32", "float64"]


def roads(at: AppTest) -> pd.DataFrame:
    """The Conv2D page's two six-roads tables as one, a row per form keyed by its name."""
    (shapes,) = frames_with_columns(at, ["input", "kernel", "output", "float32", "float64"])
    (layer,) = frames_with_columns(at, ["strides", "dilation_rate", "padding"])
    names = {en(f"forms.short.{form}"): form for form in FORM_NAMES}
    return shapes.join(layer)[ROADS].rename(index=names)


FORM_NAMES = ("conv1d", "conv2d", "conv2d_channels", "kim", "jacovi", "im2col")


def keras_output(sentence: str, conv: ConvLayer) -> np.ndarray:
    """Keras Conv1D's (new_steps, F) for ``sentence`` in the built-in vectors, as on the page."""
    from convlab.lesson import keras_layers

    x = embed_sentence(sentence, load_builtin(), "zero", conv.seed).matrix
    return keras_layers.conv1d(x, *keras_layers.init_weights(conv, x.shape[1]), conv)[0]


def fresh_process(code: str, timeout: float = 300) -> dict[str, Any]:
    """Run ``code`` in a new Python process at the repo root (no TensorFlow imported yet, as
    on a cold server) and return the JSON object its last output line prints."""
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])
