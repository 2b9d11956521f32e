"""The Streamlit glue: the only part of convlab that imports Streamlit.

Pages call what they need through this package (``ui.t``, ``ui.value``,
``ui.setting``...); the modules behind it each hold one kind of state:

- ``text``: the reader's language, catalogue text, escaping, the one error path;
- ``state``: settings in session state and in the URL;
- ``widgets``: widgets bound to settings, progress bars, tables, downloads;
- ``vectors``: the active word vectors and the sidebar panel;
- ``lesson``: the lesson's cached layers and its shared controls;
- ``textcnn``: data, hyperparameters, fits and uploads of the text-CNN pages;
- ``frame``: the navigation and the frame drawn around every page.
"""

from convlab import process_memory

process_memory.return_arrow_memory()  # before anything below imports pyarrow

from convlab.ui.frame import PAGES, route
from convlab.ui.image import kernel_pictures
from convlab.ui.lesson import (
    comparisons,
    conv1d_output,
    conv2d_same_output,
    conv_lesson,
    current_embedding,
    embedding,
    keras_chart_slot,
    lesson_layer,
    load_keras,
    weights,
)
from convlab.ui.roads import roads_table
from convlab.ui.state import value
from convlab.ui.text import explained, lang, plain, say, stop, t
from convlab.ui.textcnn import (
    UPLOADED_MODEL,
    UPLOADED_TABLE,
    cnn_corpus,
    cnn_hyperparameters,
    cnn_vectors,
    fit_key,
    fits,
    mining,
)
from convlab.ui.vectors import deployment_setting, use_set, vector_set
from convlab.ui.walkthrough import walkthrough
from convlab.ui.widgets import (
    chart,
    dataframe,
    download_table,
    oov_input,
    pick,
    progress_bar,
    seed_input,
    sentence_input,
    setting,
    tokenizer_input,
    upload_cap,
)

__all__ = [
    "PAGES",
    "UPLOADED_MODEL",
    "UPLOADED_TABLE",
    "chart",
    "cnn_corpus",
    "cnn_hyperparameters",
    "cnn_vectors",
    "comparisons",
    "conv1d_output",
    "conv2d_same_output",
    "conv_lesson",
    "current_embedding",
    "dataframe",
    "deployment_setting",
    "download_table",
    "embedding",
    "explained",
    "fit_key",
    "fits",
    "keras_chart_slot",
    "kernel_pictures",
    "lang",
    "lesson_layer",
    "load_keras",
    "mining",
    "oov_input",
    "pick",
    "plain",
    "progress_bar",
    "roads_table",
    "route",
    "say",
    "seed_input",
    "sentence_input",
    "setting",
    "stop",
    "t",
    "tokenizer_input",
    "upload_cap",
    "use_set",
    "value",
    "vector_set",
    "walkthrough",
    "weights",
]
