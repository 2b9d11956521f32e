"""What one visitor brought is freed when their session ends; shared caches keep none of it.

Run in a fresh process, as on a cold server: the session's first run starts TensorFlow's
import, which freezes the heap (``convlab.keras_runtime``) while the session is open. The
session then uploads a table and its own word vectors, visits the lesson, and is dropped as
Streamlit drops a closed session; weak references say what is still alive afterwards.
"""

from __future__ import annotations

from tests.apptest import APP, TIMEOUT, fresh_process

_PROBE = f"""
import gc, json, weakref
import numpy as np
from streamlit.testing.v1 import AppTest
from convlab import ui
from convlab.ui.state import SESSION_MEMO
from convlab.ui.vectors import _OWN_SETS
from tests.vector_files import text_rows

rows = [f"review {{i}} was {{'great' if i % 2 else 'dull'}},{{'good' if i % 2 else 'bad'}}"
        for i in range(60)]
table = ("text,label\\n" + "\\n".join(rows) + "\\n").encode()
words = ["it", "'s", "not", "a", "bad", "movie", "at", "all", ".", "good"]
vectors = np.random.default_rng(0).uniform(-1, 1, (len(words), 6)).astype(np.float32)

at = AppTest.from_file({APP!r}, default_timeout={TIMEOUT})
at.query_params["cnn_data"] = "upload"
at.switch_page("pages/textcnn/train.py").run()
at.file_uploader(key="cnn_table_file").upload("data.csv", table, "text/csv").run()
at.switch_page("pages/tools/word_vectors.py").run()
vec = f"{{len(words)}} 6\\n".encode() + text_rows(words, vectors)
at.file_uploader(key="vec_upload").set_value(("mine.vec", vec, "text/plain")).run()
at.switch_page("pages/lesson/conv1d.py").run()
objects = {{
    "table": at.session_state[ui.UPLOADED_TABLE],
    "corpus": next(iter(at.session_state[SESSION_MEMO]["corpus"].values())),
    "vectors": next(iter(at.session_state[_OWN_SETS].values())),
}}
report = {{"exceptions": len(at.exception), "corpus_rows": len(objects["corpus"]),
          "dim": objects["vectors"].dim}}
refs = {{name: weakref.ref(o) for name, o in objects.items()}}
del objects
at.__dict__.clear()  # what Streamlit does with a closed session: drop it
gc.collect()
report["alive_after_gc"] = sorted(name for name, ref in refs.items() if ref())
from convlab import keras_runtime
keras_runtime.refreeze()  # what a clear does once a minute
report["alive_after_refreeze"] = sorted(name for name, ref in refs.items() if ref())
print(json.dumps(report))
"""


def test_a_closed_sessions_uploads_and_vectors_are_freed():
    report = fresh_process(_PROBE)
    assert (report["exceptions"], report["corpus_rows"], report["dim"]) == (0, 60, 6)
    assert report["alive_after_refreeze"] == []
